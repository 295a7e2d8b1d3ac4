//! Settings → SSO & Provisioning: who may see and change it, the SSO identifier, and domains
//! proven by a DNS TXT record looked up at a real DNS server process on loopback (dnslib, from
//! PyPI, answering from a file the test rewrites): verification, one organization at a time even
//! when two race, what a broken resolver changes (nothing), and the daily re-check that takes a
//! domain back when its record is gone.
//!
//! The tests that need the DNS server are ignored by a plain `cargo test`: `cargo xtask test`
//! installs dnslib and names its Python in `ORG_AREA_PYTHON` before running them.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use reqwest::StatusCode;
use serde_json::{json, Map, Value};

use crate::common::{eventually, expect_error, expect_invalid_at, server, server_with, TestServer};

/// A DNS server on a loopback port, answering TXT questions from its zone file.
struct DnsServer {
    /// Killed when dropped (`kill_on_drop`).
    _process: tokio::process::Child,
    addr: SocketAddr,
    zone: PathBuf,
    _dir: tempfile::TempDir,
}

impl DnsServer {
    async fn start() -> DnsServer {
        let python = std::env::var("ORG_AREA_PYTHON")
            .expect("ORG_AREA_PYTHON names a Python with dnslib (cargo xtask test sets it)");
        let dir = tempfile::tempdir().unwrap();
        let zone = dir.path().join("zone.json");
        std::fs::write(&zone, "{}").unwrap();
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/dns/txt_server.py");
        let process = tokio::process::Command::new(python)
            .arg(script)
            .arg(&zone)
            .arg(port.to_string())
            .stdout(std::process::Stdio::null())
            .kill_on_drop(true)
            .spawn()
            .expect("the DNS server starts");
        eventually("the DNS server listening", Duration::from_secs(20), || async {
            tokio::net::TcpStream::connect(("127.0.0.1", port)).await.ok()
        })
        .await;
        DnsServer {
            _process: process,
            addr: SocketAddr::from(([127, 0, 0, 1], port)),
            zone,
            _dir: dir,
        }
    }

    fn read(&self) -> Value {
        serde_json::from_str(&std::fs::read_to_string(&self.zone).unwrap()).unwrap()
    }

    /// Written whole and renamed into place, so the server never reads half a file.
    fn write(&self, zone: Value) {
        let next = self.zone.with_extension("next");
        std::fs::write(&next, zone.to_string()).unwrap();
        std::fs::rename(next, &self.zone).unwrap();
    }

    /// Publish `values` as the TXT records at `name` (none: remove the name).
    fn publish(&self, name: &str, values: &[&str]) {
        let mut zone = self.read();
        let fqdn = format!("{}.", name.to_lowercase());
        let records = zone.as_object_mut().unwrap().entry("txt").or_insert_with(|| json!({}));
        if values.is_empty() {
            records.as_object_mut().unwrap().remove(&fqdn);
        } else {
            records[&fqdn] = json!(values);
        }
        self.write(zone);
    }

    /// Make questions about `name` fail (SERVFAIL), or answer again.
    fn break_name(&self, name: &str, broken: bool) {
        let mut zone = self.read();
        let fqdn = format!("{}.", name.to_lowercase());
        let object: &mut Map<String, Value> = zone.as_object_mut().unwrap();
        let list = object.entry("servfail").or_insert_with(|| json!([]));
        let mut names: Vec<Value> = list
            .as_array()
            .unwrap()
            .iter()
            .filter(|n| **n != json!(fqdn))
            .cloned()
            .collect();
        if broken {
            names.push(json!(fqdn));
        }
        *list = json!(names);
        self.write(zone);
    }
}

async fn with_dns() -> (TestServer, DnsServer) {
    let dns = DnsServer::start().await;
    let addr = dns.addr;
    (server_with(move |c| c.dns_resolver = Some(addr)).await, dns)
}

async fn add_domain(s: &TestServer, token: &str, domain: &str) -> Value {
    let added = s
        .post("/orgs/me/sso/domains", Some(token), json!({ "domain": domain }))
        .await;
    assert_eq!(added.status(), StatusCode::CREATED);
    added.json().await.unwrap()
}

async fn verify(s: &TestServer, token: &str, domain: &Value) -> reqwest::Response {
    s.post_empty(&format!("/orgs/me/sso/domains/{}/verify", domain["id"]), Some(token))
        .await
}

/// Publish the record the domain's card shows.
fn publish_record(dns: &DnsServer, domain: &Value) {
    dns.publish(
        domain["record_name"].as_str().unwrap(),
        &["v=spf1 -all", domain["record_value"].as_str().unwrap()],
    );
}

async fn latest_activity(s: &TestServer, token: &str, key: &str) -> Value {
    let page = s
        .get_json(&format!("/orgs/me/activities?keys={key}&per_page=1"), token)
        .await;
    page["activities"][0].clone()
}

#[tokio::test]
async fn only_owners_and_admins_signed_in_reach_sso() {
    let s = server().await;
    let member = s.token("member@acme.test").await;
    expect_error(
        s.get("/orgs/me/sso", Some(&member)).await,
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;
    let refused = s
        .post("/orgs/me/sso/domains", Some(&member), json!({ "domain": "acme.test" }))
        .await;
    expect_error(refused, StatusCode::FORBIDDEN, "forbidden").await;
    let admin = s.token("admin@acme.test").await;
    let shown = s.get_json("/orgs/me/sso", &admin).await;
    assert_eq!(shown["identifier"], "acme-studio", "the slug until changed: {shown}");
    assert_eq!(shown["domains"], json!([]));
    // A personal access token with every scope is still refused: a verified domain decides who
    // may come in through an identity provider.
    let made = s
        .post(
            "/me/tokens",
            Some(&admin),
            json!({ "name": "CI", "expires_in_days": 30, "scopes": ["read", "users", "spaces", "settings"], "password": "demo-password" }),
        )
        .await;
    let token: Value = made.json().await.unwrap();
    let token = token["token"].as_str().unwrap();
    expect_error(
        s.get("/orgs/me/sso", Some(token)).await,
        StatusCode::FORBIDDEN,
        "not_by_token",
    )
    .await;
}

#[tokio::test]
async fn the_sso_identifier_is_url_safe_and_one_organizations() {
    let s = server().await;
    let acme = s.token("owner@acme.test").await;
    let globex = s.token("admin@globex.test").await;
    for bad in ["Acme Corp", "-acme", "a", ""] {
        expect_invalid_at(
            s.put(
                "/orgs/me/sso",
                Some(&acme),
                json!({ "identifier": bad, "default_role": "member", "require_sso": false }),
            )
            .await,
            "identifier",
        )
        .await;
    }
    let changed = s
        .put(
            "/orgs/me/sso",
            Some(&acme),
            json!({ "identifier": "acme-eu", "default_role": "member", "require_sso": false }),
        )
        .await;
    assert_eq!(changed.status(), StatusCode::OK);
    assert_eq!(changed.json::<Value>().await.unwrap()["identifier"], "acme-eu");
    let activity = latest_activity(&s, &acme, "sso.update").await;
    assert_eq!(activity["trackable_name"], "acme-eu");
    assert_eq!(activity["trackable_type"], "Sso");
    // Taken by Acme: Globex cannot have it, but may take the slug Acme no longer uses.
    let taken = s
        .put(
            "/orgs/me/sso",
            Some(&globex),
            json!({ "identifier": "acme-eu", "default_role": "member", "require_sso": false }),
        )
        .await;
    let error = expect_error(taken, StatusCode::CONFLICT, "identifier_taken").await;
    assert_eq!(error["field"], "identifier");
    let freed = s
        .put(
            "/orgs/me/sso",
            Some(&globex),
            json!({ "identifier": "acme-studio", "default_role": "member", "require_sso": false }),
        )
        .await;
    assert_eq!(freed.status(), StatusCode::OK, "Acme gave its old identifier up");
    // Saving the same again records nothing new.
    let before = latest_activity(&s, &acme, "sso.update").await;
    s.put(
        "/orgs/me/sso",
        Some(&acme),
        json!({ "identifier": "acme-eu", "default_role": "member", "require_sso": false }),
    )
    .await;
    assert_eq!(latest_activity(&s, &acme, "sso.update").await["id"], before["id"]);
}

#[tokio::test]
async fn a_domain_is_listed_once_with_the_record_that_proves_it() {
    let s = server().await;
    let acme = s.token("admin@acme.test").await;
    let added = add_domain(&s, &acme, " Example.COM. ").await;
    assert_eq!(added["domain"], "example.com");
    assert_eq!(added["status"], "pending");
    assert_eq!(added["record_name"], "_org-area-challenge.example.com");
    let value = added["record_value"].as_str().unwrap();
    assert!(
        value.starts_with("org-area-domain-verification=") && value.len() > 60,
        "{value}"
    );
    let again = s
        .post("/orgs/me/sso/domains", Some(&acme), json!({ "domain": "example.com" }))
        .await;
    expect_error(again, StatusCode::CONFLICT, "domain_listed").await;
    for bad in ["", "localhost", "10.0.0.1", "https://example.com/x", "exa mple.com"] {
        let refused = s
            .post("/orgs/me/sso/domains", Some(&acme), json!({ "domain": bad }))
            .await;
        expect_invalid_at(refused, "domain").await;
    }
    // Another organization lists the same domain with a record of its own; neither sees the other's.
    let globex = s.token("admin@globex.test").await;
    let theirs = add_domain(&s, &globex, "example.com").await;
    assert_ne!(theirs["record_value"], added["record_value"]);
    let url = format!("/orgs/me/sso/domains/{}", added["id"]);
    expect_error(s.delete(&url, Some(&globex)).await, StatusCode::NOT_FOUND, "not_found").await;
    let listed = s.get_json("/orgs/me/sso", &acme).await;
    assert_eq!(listed["domains"].as_array().unwrap().len(), 1);
    assert_eq!(s.delete(&url, Some(&acme)).await.status(), StatusCode::NO_CONTENT);
    assert_eq!(s.get_json("/orgs/me/sso", &acme).await["domains"], json!([]));
    let removed = latest_activity(&s, &acme, "sso_domain.destroy").await;
    assert_eq!(removed["trackable_name"], "example.com");
}

#[tokio::test]
#[ignore = "needs dnslib: cargo xtask test runs it"]
async fn a_domain_is_verified_by_its_txt_record_and_only_by_it() {
    let (s, dns) = with_dns().await;
    let acme = s.token("admin@acme.test").await;
    let domain = add_domain(&s, &acme, "example.com").await;
    let missing = expect_error(
        verify(&s, &acme, &domain).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "record_not_found",
    )
    .await;
    assert!(
        missing["message"]
            .as_str()
            .unwrap()
            .contains("_org-area-challenge.example.com"),
        "{missing}"
    );
    assert_eq!(missing["field"], "domain");
    dns.publish(
        domain["record_name"].as_str().unwrap(),
        &["org-area-domain-verification=someone-elses"],
    );
    let differs = expect_error(
        verify(&s, &acme, &domain).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "record_not_found",
    )
    .await;
    assert!(
        differs["message"].as_str().unwrap().contains("someone-elses"),
        "says what it found: {differs}"
    );
    assert_eq!(
        s.get_json("/orgs/me/sso", &acme).await["domains"][0]["status"],
        "pending"
    );
    publish_record(&dns, &domain);
    let verified = verify(&s, &acme, &domain).await;
    assert_eq!(verified.status(), StatusCode::OK);
    let verified: Value = verified.json().await.unwrap();
    assert_eq!(verified["status"], "verified");
    assert!(verified["verified_at"].is_string() && verified["checked_at"].is_string());
    let activity = latest_activity(&s, &acme, "sso_domain.verify").await;
    assert_eq!(activity["trackable_name"], "example.com");
    assert_eq!(activity["owner_id"], s.user_id("admin@acme.test").await);
    // Verifying again checks again, and records nothing new.
    assert_eq!(verify(&s, &acme, &domain).await.status(), StatusCode::OK);
    assert_eq!(
        latest_activity(&s, &acme, "sso_domain.verify").await["id"],
        activity["id"]
    );
}

#[tokio::test]
#[ignore = "needs dnslib: cargo xtask test runs it"]
async fn a_broken_resolver_changes_nothing_and_says_try_again() {
    let (s, dns) = with_dns().await;
    let acme = s.token("admin@acme.test").await;
    let domain = add_domain(&s, &acme, "example.com").await;
    publish_record(&dns, &domain);
    dns.break_name(domain["record_name"].as_str().unwrap(), true);
    let answer = verify(&s, &acme, &domain).await;
    assert!(
        answer.headers().contains_key("retry-after"),
        "{:?} {:?}",
        answer.status(),
        answer.headers()
    );
    expect_error(answer, StatusCode::SERVICE_UNAVAILABLE, "dns_unavailable").await;
    assert_eq!(
        s.get_json("/orgs/me/sso", &acme).await["domains"][0]["status"],
        "pending"
    );
    dns.break_name(domain["record_name"].as_str().unwrap(), false);
    assert_eq!(verify(&s, &acme, &domain).await.status(), StatusCode::OK);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
#[ignore = "needs dnslib: cargo xtask test runs it"]
async fn a_domain_is_verified_by_one_organization_at_a_time_even_when_both_race() {
    let (s, dns) = with_dns().await;
    let acme = s.token("owner@acme.test").await;
    let globex = s.token("owner@globex.test").await;
    let ours = add_domain(&s, &acme, "shared.example").await;
    let theirs = add_domain(&s, &globex, "shared.example").await;
    // Both records are published (a domain's owners can publish anything): both try at once.
    dns.publish(
        ours["record_name"].as_str().unwrap(),
        &[
            ours["record_value"].as_str().unwrap(),
            theirs["record_value"].as_str().unwrap(),
        ],
    );
    let (a, b) = tokio::join!(verify(&s, &acme, &ours), verify(&s, &globex, &theirs));
    let mut statuses = [a.status(), b.status()];
    statuses.sort();
    assert_eq!(statuses, [StatusCode::OK, StatusCode::CONFLICT], "exactly one wins");
    let (winner, loser, loser_domain) = if a.status() == StatusCode::OK {
        (&acme, &globex, &theirs)
    } else {
        (&globex, &acme, &ours)
    };
    let taken = expect_error(
        verify(&s, loser, loser_domain).await,
        StatusCode::CONFLICT,
        "domain_taken",
    )
    .await;
    assert!(taken["message"].as_str().unwrap().contains("shared.example"));
    // Once the winner removes it, the other may verify it.
    let winner_domain = &s.get_json("/orgs/me/sso", winner).await["domains"][0];
    let url = format!("/orgs/me/sso/domains/{}", winner_domain["id"]);
    assert_eq!(s.delete(&url, Some(winner)).await.status(), StatusCode::NO_CONTENT);
    assert_eq!(verify(&s, loser, loser_domain).await.status(), StatusCode::OK);
}

#[tokio::test]
#[ignore = "needs dnslib: cargo xtask test runs it"]
async fn the_daily_recheck_takes_a_domain_back_when_its_record_is_gone() {
    let (s, dns) = with_dns().await;
    let acme = s.token("owner@acme.test").await;
    let domain = add_domain(&s, &acme, "example.com").await;
    publish_record(&dns, &domain);
    assert_eq!(verify(&s, &acme, &domain).await.status(), StatusCode::OK);
    let a_day_ago = |s: &TestServer| {
        let sql = s.sql.clone();
        async move {
            let when = (chrono::Utc::now() - chrono::Duration::hours(25)).to_rfc3339();
            let age = if crate::common::on_postgres() {
                "UPDATE sso_domains SET checked_at = CAST($1 AS timestamptz)"
            } else {
                "UPDATE sso_domains SET checked_at = $1"
            };
            sqlx::query(age).bind(&when).execute(&sql).await.unwrap();
        }
    };
    // Checked within the day: not looked at, even with the record gone.
    dns.publish(domain["record_name"].as_str().unwrap(), &[]);
    assert_eq!(s.run_scheduler().await.domains_lost, 0);
    assert_eq!(
        s.get_json("/orgs/me/sso", &acme).await["domains"][0]["status"],
        "verified"
    );
    // A day later, with DNS failing: nothing is concluded.
    a_day_ago(&s).await;
    dns.break_name(domain["record_name"].as_str().unwrap(), true);
    assert_eq!(s.run_scheduler().await.domains_lost, 0);
    assert_eq!(
        s.get_json("/orgs/me/sso", &acme).await["domains"][0]["status"],
        "verified"
    );
    // DNS answers that the record is gone: the domain is lost.
    dns.break_name(domain["record_name"].as_str().unwrap(), false);
    assert_eq!(s.run_scheduler().await.domains_lost, 1);
    let lost = &s.get_json("/orgs/me/sso", &acme).await["domains"][0];
    assert_eq!(lost["status"], "lost");
    assert!(lost["lost_at"].is_string() && lost["verified_at"].is_null());
    let activity = latest_activity(&s, &acme, "sso_domain.lost").await;
    assert_eq!(activity["trackable_name"], "example.com");
    assert!(activity["owner_id"].is_null(), "the scheduler did it: {activity}");
    // The owners and admins are told, with the way back.
    for manager in ["owner@acme.test", "admin@acme.test"] {
        let mails = s.mails_to(manager, 1).await;
        assert!(
            mails
                .iter()
                .any(|m| m.contains("example.com is no longer verified") && m.contains("/settings/sso")),
            "{manager}: {mails:?}"
        );
    }
    assert!(s.mails_now("member@acme.test").is_empty(), "members are not told");
    // Published again and verified: it counts again, and a record that stays keeps it.
    publish_record(&dns, &domain);
    assert_eq!(verify(&s, &acme, &domain).await.status(), StatusCode::OK);
    a_day_ago(&s).await;
    assert_eq!(s.run_scheduler().await.domains_lost, 0);
    assert_eq!(
        s.get_json("/orgs/me/sso", &acme).await["domains"][0]["status"],
        "verified"
    );
}

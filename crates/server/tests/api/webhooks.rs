//! Webhooks against a real local HTTP receiver that checks the signature of every delivery with
//! its own HMAC: order, retries of a failing receiver, "Redeliver", the test event, a rolled
//! secret, three days of failures, and the refusal of private addresses without
//! `--allow-private-webhooks`.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode as Status};
use hmac::{Hmac, Mac};
use reqwest::StatusCode;
use serde_json::{json, Value};
use sha2::Sha256;

use crate::common::{eventually, expect_error, expect_invalid_at, server, server_with, TestServer};

/// One delivery as the receiver saw it.
#[derive(Clone, Debug)]
struct Received {
    body: Value,
    /// As received, for checks that work on the bytes.
    signature: String,
    raw: Vec<u8>,
    /// Which of the receiver's secrets signed it.
    signed_by: Vec<String>,
    event: String,
}

#[derive(Default)]
struct Inbox {
    received: Vec<Received>,
    /// Statuses to answer before answering 200.
    failures_left: Vec<u16>,
    secrets: Vec<String>,
}

/// A receiver on a loopback port.
struct Receiver {
    url: String,
    inbox: Arc<Mutex<Inbox>>,
}

impl Receiver {
    async fn start() -> Receiver {
        let inbox = Arc::new(Mutex::new(Inbox::default()));
        let app = axum::Router::new()
            .route("/hook", axum::routing::post(receive))
            .with_state(inbox.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}/hook", listener.local_addr().unwrap());
        tokio::spawn(async move { axum::serve(listener, app).await });
        Receiver { url, inbox }
    }

    fn trust(&self, secret: &str) {
        self.inbox.lock().unwrap().secrets.push(secret.to_owned());
    }

    fn fail_next(&self, statuses: &[u16]) {
        self.inbox.lock().unwrap().failures_left = statuses.to_vec();
    }

    fn received(&self) -> Vec<Received> {
        self.inbox.lock().unwrap().received.clone()
    }

    async fn wait_for(&self, count: usize) -> Vec<Received> {
        eventually("deliveries", Duration::from_secs(20), || async {
            let got = self.received();
            (got.len() >= count).then_some(got)
        })
        .await
    }
}

/// Check `Org-Area-Signature: t=…,v1=…[,v1=…]` as a receiver would: HMAC-SHA256 of `t.body`.
fn signed_by(header: &str, body: &[u8], secrets: &[String]) -> Vec<String> {
    let mut timestamp = None;
    let mut signatures = Vec::new();
    for part in header.split(',') {
        match part.split_once('=') {
            Some(("t", t)) => timestamp = Some(t.to_owned()),
            Some(("v1", v)) => signatures.push(v.to_owned()),
            _ => {}
        }
    }
    let Some(timestamp) = timestamp else { return vec![] };
    let age = chrono::Utc::now().timestamp() - timestamp.parse::<i64>().unwrap_or(0);
    if !(0..300).contains(&age) {
        return vec![];
    }
    secrets
        .iter()
        .filter(|secret| {
            let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).unwrap();
            mac.update(format!("{timestamp}.").as_bytes());
            mac.update(body);
            let expected: String = mac.finalize().into_bytes().iter().map(|b| format!("{b:02x}")).collect();
            signatures.contains(&expected)
        })
        .cloned()
        .collect()
}

async fn receive(State(inbox): State<Arc<Mutex<Inbox>>>, headers: HeaderMap, body: Bytes) -> Status {
    let mut inbox = inbox.lock().unwrap();
    let header = headers
        .get("org-area-signature")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let signed_by = signed_by(header, &body, &inbox.secrets);
    let event = headers
        .get("org-area-event")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_owned();
    let raw = body.to_vec();
    let body: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
    let signature = header.to_owned();
    inbox.received.push(Received {
        body,
        signature,
        raw,
        signed_by,
        event,
    });
    if inbox.failures_left.is_empty() {
        Status::OK
    } else {
        Status::from_u16(inbox.failures_left.remove(0)).unwrap()
    }
}

async fn private_allowed() -> TestServer {
    server_with(|config| {
        config.allow_private_webhooks = true;
        config.webhook_retry_after = Duration::from_millis(100);
    })
    .await
}

/// Add an endpoint for every activity; its id and secret.
async fn add(s: &TestServer, token: &str, url: &str, events: Value) -> (i64, String) {
    let added = s
        .post(
            "/orgs/me/webhooks",
            Some(token),
            json!({ "url": url, "description": "SIEM", "events": events }),
        )
        .await;
    assert_eq!(added.status(), StatusCode::CREATED);
    let added: Value = added.json().await.unwrap();
    (
        added["endpoint"]["id"].as_i64().unwrap(),
        added["secret"].as_str().unwrap().to_owned(),
    )
}

/// "Roll secret": the answer, and the new secret.
async fn roll(s: &TestServer, token: &str, endpoint: i64) -> (Value, String) {
    let rolled: Value = s
        .post_empty(&format!("/orgs/me/webhooks/{endpoint}/roll-secret"), Some(token))
        .await
        .json()
        .await
        .unwrap();
    let secret = rolled["secret"].as_str().unwrap().to_owned();
    (rolled, secret)
}

async fn change_role(s: &TestServer, token: &str, email: &str, role: &str) {
    let id = s.user_id(email).await;
    let changed = s
        .client
        .patch(s.url(&format!("/orgs/me/users/{id}")))
        .bearer_auth(token)
        .json(&json!({ "org_role": role }))
        .send()
        .await
        .unwrap();
    assert_eq!(changed.status(), StatusCode::OK);
}

async fn log(s: &TestServer, token: &str, endpoint: i64) -> Vec<Value> {
    let page: Value = s
        .get(&format!("/orgs/me/webhooks/{endpoint}/deliveries"), Some(token))
        .await
        .json()
        .await
        .unwrap();
    page["deliveries"].as_array().unwrap().clone()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn activities_are_delivered_signed_in_order_with_the_organization() {
    let s = private_allowed().await;
    let receiver = Receiver::start().await;
    let owner = s.token("owner@acme.test").await;
    let only_roles = json!({ "kind": "only", "keys": ["org_user.update"] });
    let (_, secret) = add(&s, &owner, &receiver.url, only_roles).await;
    receiver.trust(&secret);
    for (email, role) in [
        ("jonas@acme.test", "member"),
        ("lena@acme.test", "member"),
        ("jonas@acme.test", "admin"),
    ] {
        change_role(&s, &owner, email, role).await;
    }
    // Something it did not ask for: a users export.
    s.post_empty("/orgs/me/users/export", Some(&owner)).await;
    let got = receiver.wait_for(3).await;
    // A delivery is queued in its activity's own transaction: with every request answered, what
    // is queued is all that will ever be sent.
    assert_eq!(queued(&s, "").await, 3, "only the kinds asked for: {got:?}");
    for delivery in &got {
        assert_eq!(delivery.signed_by, vec![secret.clone()], "{delivery:?}");
        assert_eq!(delivery.event, "org_user.update");
        assert_eq!(delivery.body["organization"]["name"], "Acme Studio");
        assert_eq!(delivery.body["activity"]["key"], "org_user.update");
        assert_eq!(
            delivery.body["activity"]["owner_id"],
            s.user_id("owner@acme.test").await
        );
    }
    let ids: Vec<i64> = got.iter().map(|d| d.body["activity"]["id"].as_i64().unwrap()).collect();
    let mut sorted = ids.clone();
    sorted.sort();
    assert_eq!(ids, sorted, "in the order they happened");
    let befores: Vec<&Value> = got
        .iter()
        .map(|d| &d.body["activity"]["parameters"]["org_role"]["after"])
        .collect();
    assert_eq!(befores, [&json!("member"), &json!("member"), &json!("admin")]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failing_receiver_is_retried_and_any_entry_can_be_redelivered() {
    let s = private_allowed().await;
    let receiver = Receiver::start().await;
    let owner = s.token("owner@acme.test").await;
    let (endpoint, secret) = add(&s, &owner, &receiver.url, roles_only()).await;
    receiver.trust(&secret);
    receiver.fail_next(&[500, 500]);
    change_role(&s, &owner, "jonas@acme.test", "member").await;
    let got = receiver.wait_for(3).await;
    assert!(got.iter().all(|d| d.signed_by == vec![secret.clone()]));
    assert!(
        got.iter().all(|d| d.body["id"] == got[0].body["id"]),
        "the same delivery, tried again"
    );
    let entries = eventually("the delivery logged as delivered", Duration::from_secs(10), || async {
        let entries = log(&s, &owner, endpoint).await;
        (entries[0]["status"] == "delivered").then_some(entries)
    })
    .await;
    assert_eq!(entries[0]["attempts"], 3);
    assert_eq!(entries[0]["response_status"], 200);
    assert!(entries[0]["duration_ms"].as_i64().is_some());
    // Redeliver it: the same activity again, as a new delivery.
    let first = entries[0]["id"].as_i64().unwrap();
    let again = s
        .post_empty(
            &format!("/orgs/me/webhooks/{endpoint}/deliveries/{first}/redeliver"),
            Some(&owner),
        )
        .await;
    assert_eq!(again.status(), StatusCode::ACCEPTED);
    let got = receiver.wait_for(4).await;
    assert_eq!(got[3].body["activity"]["id"], got[0].body["activity"]["id"]);
    assert_ne!(got[3].body["id"], got[0].body["id"]);
    assert_eq!(got[3].signed_by, vec![secret.clone()]);
    // The test event.
    let test = s
        .post_empty(&format!("/orgs/me/webhooks/{endpoint}/test"), Some(&owner))
        .await;
    assert_eq!(test.status(), StatusCode::ACCEPTED);
    let got = receiver.wait_for(5).await;
    assert_eq!(got[4].event, "webhook.test");
    assert_eq!(got[4].body["activity"], Value::Null);
    assert_eq!(got[4].signed_by, vec![secret]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_rolled_secret_signs_beside_the_old_one_for_a_day() {
    let s = private_allowed().await;
    let receiver = Receiver::start().await;
    let owner = s.token("owner@acme.test").await;
    let (endpoint, old) = add(&s, &owner, &receiver.url, roles_only()).await;
    let (rolled, new) = roll(&s, &owner, endpoint).await;
    assert_ne!(new, old);
    assert!(rolled["endpoint"]["previous_secret_until"].is_string(), "{rolled}");
    receiver.trust(&old);
    receiver.trust(&new);
    change_role(&s, &owner, "jonas@acme.test", "member").await;
    let got = receiver.wait_for(1).await;
    assert_eq!(got.last().unwrap().signed_by, vec![old.clone(), new.clone()]);
    // A day later only the new one signs.
    sqlx::query("UPDATE webhook_endpoints SET previous_until = created_at WHERE id = $1")
        .bind(endpoint)
        .execute(&s.sql)
        .await
        .unwrap();
    let count = receiver.received().len();
    change_role(&s, &owner, "jonas@acme.test", "admin").await;
    let got = receiver.wait_for(count + 1).await;
    assert_eq!(got.last().unwrap().signed_by, vec![new]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn three_days_of_failures_disable_the_endpoint_and_tell_the_admins() {
    let s = private_allowed().await;
    let receiver = Receiver::start().await;
    let owner = s.token("owner@acme.test").await;
    let (endpoint, _) = add(&s, &owner, &receiver.url, roles_only()).await;
    let four_days_ago = (chrono::Utc::now() - chrono::Duration::days(4)).to_rfc3339();
    let arrange = if crate::common::on_postgres() {
        "UPDATE webhook_endpoints SET failing_since = CAST($1 AS timestamptz) WHERE id = $2"
    } else {
        "UPDATE webhook_endpoints SET failing_since = $1 WHERE id = $2"
    };
    sqlx::query(arrange)
        .bind(&four_days_ago)
        .bind(endpoint)
        .execute(&s.sql)
        .await
        .unwrap();
    receiver.fail_next(&[503]);
    change_role(&s, &owner, "jonas@acme.test", "member").await;
    let listed = eventually("the endpoint disabled", Duration::from_secs(10), || async {
        let list: Value = s.get("/orgs/me/webhooks", Some(&owner)).await.json().await.unwrap();
        let endpoint = list["endpoints"][0].clone();
        endpoint["disabled_at"].is_string().then_some(endpoint)
    })
    .await;
    assert!(listed["failing_since"].is_string());
    for manager in ["owner@acme.test", "admin@acme.test"] {
        let mails = s.mails_to(manager, 1).await;
        assert!(
            mails.iter().any(|m| m.contains("webhook endpoint was disabled")),
            "{manager}"
        );
    }
    // Disabled, it receives nothing; enabled again, it does.
    let before = receiver.received().len();
    change_role(&s, &owner, "jonas@acme.test", "admin").await;
    assert_eq!(
        queued(&s, "pending").await,
        0,
        "nothing is queued for a disabled endpoint"
    );
    assert_eq!(receiver.received().len(), before);
    let enabled = s
        .post_empty(&format!("/orgs/me/webhooks/{endpoint}/enable"), Some(&owner))
        .await;
    assert_eq!(enabled.status(), StatusCode::OK);
    change_role(&s, &owner, "jonas@acme.test", "member").await;
    receiver.wait_for(before + 1).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn private_addresses_are_refused_without_the_flag_even_behind_a_name() {
    let s = server().await;
    let owner = s.token("owner@acme.test").await;
    let receiver = Receiver::start().await;
    let port = receiver
        .url
        .split(':')
        .nth(2)
        .unwrap()
        .split('/')
        .next()
        .unwrap()
        .to_owned();
    for url in [
        format!("https://127.0.0.1:{port}/hook"),
        format!("https://localhost:{port}/hook"),
        "https://10.0.0.7/hook".to_owned(),
        "https://[::1]/hook".to_owned(),
        "https://169.254.169.254/latest/meta-data".to_owned(),
        receiver.url.clone(),
    ] {
        let refused = s
            .post(
                "/orgs/me/webhooks",
                Some(&owner),
                json!({ "url": url, "events": { "kind": "all" } }),
            )
            .await;
        expect_invalid_at(refused, "url").await;
    }
    // An endpoint whose name came to resolve to loopback after it was saved (DNS rebinding) is
    // refused when delivering.
    let endpoint = insert_endpoint(&s, &format!("https://localhost:{port}/hook"), "*").await;
    change_role(&s, &owner, "jonas@acme.test", "member").await;
    let entry = eventually("the try logged", Duration::from_secs(10), || async {
        let entries = log(&s, &owner, endpoint).await;
        entries.first().filter(|e| e["attempted_at"].is_string()).cloned()
    })
    .await;
    assert_eq!(entry["response_status"], Value::Null);
    assert!(
        entry["response_excerpt"].as_str().unwrap().contains("private"),
        "{entry}"
    );
    assert!(receiver.received().is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_owners_and_admins_reach_webhooks() {
    let s = private_allowed().await;
    let member = s.token("member@acme.test").await;
    expect_error(
        s.get("/orgs/me/webhooks", Some(&member)).await,
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;
    let add = s
        .post(
            "/orgs/me/webhooks",
            Some(&member),
            json!({ "url": "https://example.com/h", "events": { "kind": "all" } }),
        )
        .await;
    expect_error(add, StatusCode::FORBIDDEN, "forbidden").await;
    let admin = s.token("admin@acme.test").await;
    assert_eq!(s.get("/orgs/me/webhooks", Some(&admin)).await.status(), StatusCode::OK);
    // Another organization's endpoint is not there for them.
    let other = s.token("owner@globex.test").await;
    let receiver = Receiver::start().await;
    let (endpoint, _) = add_for(&s, &admin, &receiver.url).await;
    let theirs = s
        .get(&format!("/orgs/me/webhooks/{endpoint}/deliveries"), Some(&other))
        .await;
    assert_eq!(theirs.status(), StatusCode::NOT_FOUND);
    assert_eq!(
        s.delete(&format!("/orgs/me/webhooks/{endpoint}"), Some(&other))
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
}

/// An endpoint written straight into the database, as no request could make it (an address that
/// came to resolve somewhere private after it was saved).
async fn insert_endpoint(s: &TestServer, url: &str, events: &str) -> i64 {
    let org: i64 = sqlx::query_scalar("SELECT id FROM orgs WHERE slug = 'acme-studio'")
        .fetch_one(&s.sql)
        .await
        .unwrap();
    let created_at = if crate::common::on_postgres() {
        "CAST($4 AS timestamptz)"
    } else {
        "$4"
    };
    let insert = format!(
        "INSERT INTO webhook_endpoints (org_id, url, description, events, secret, created_at)
         VALUES ($1, $2, '', $3, 'x', {created_at}) RETURNING id"
    );
    sqlx::query_scalar(&insert)
        .bind(org)
        .bind(url)
        .bind(events)
        .bind(chrono::Utc::now().to_rfc3339())
        .fetch_one(&s.sql)
        .await
        .unwrap()
}

/// How many deliveries the outbox holds (of `status`, or all for "").
async fn queued(s: &TestServer, status: &str) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM webhook_deliveries WHERE status = $1 OR $1 = ''")
        .bind(status)
        .fetch_one(&s.sql)
        .await
        .unwrap()
}

/// Role changes only: what a test does, not the endpoint's own activities.
fn roles_only() -> Value {
    json!({ "kind": "only", "keys": ["org_user.update"] })
}

async fn add_for(s: &TestServer, token: &str, url: &str) -> (i64, String) {
    add(s, token, url, json!({ "kind": "all" })).await
}

/// The fenced block of `language` in docs/webhooks.md.
fn documented(language: &str) -> String {
    let docs = include_str!("../../../../docs/webhooks.md");
    let start = docs.find(&format!("```{language}\n")).expect("a block") + language.len() + 4;
    docs[start..start + docs[start..].find("```").unwrap()].to_owned()
}

/// Run `program` with the documented check on a delivery's secret, header and body (base64); its
/// verdict.
async fn documented_check(program: &str, args: &[&str], code: String, secret: &str, header: &str, body: &[u8]) -> bool {
    use base64::Engine;
    let dir = tempfile::tempdir().unwrap();
    let (file, run) = if program == "node" {
        let script = format!(
            "{code}\nconst [secret, header, body] = process.argv.slice(2);\n\
             console.log(verify(secret, header, Buffer.from(body, 'base64')) ? 'yes' : 'no');\n"
        );
        ("check.mjs", script)
    } else {
        let script = format!(
            "{code}\nimport base64, sys\nsecret, header, body = sys.argv[1:4]\n\
             print('yes' if verify(secret, header, base64.b64decode(body)) else 'no')\n"
        );
        ("check.py", script)
    };
    let path = dir.path().join(file);
    std::fs::write(&path, run).unwrap();
    let body = base64::engine::general_purpose::STANDARD.encode(body);
    let output = tokio::process::Command::new(program)
        .args(args)
        .arg(&path)
        .args([secret, header, &body])
        .output()
        .await
        .expect("the interpreter runs");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8_lossy(&output.stdout).trim() == "yes"
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs node and python3; `cargo xtask test` runs it"]
async fn the_documented_checks_accept_real_deliveries_and_refuse_forgeries() {
    let s = private_allowed().await;
    let receiver = Receiver::start().await;
    let owner = s.token("owner@acme.test").await;
    let (endpoint, old) = add(&s, &owner, &receiver.url, roles_only()).await;
    let (_, new) = roll(&s, &owner, endpoint).await;
    change_role(&s, &owner, "jonas@acme.test", "member").await;
    let delivery = receiver.wait_for(1).await.remove(0);
    let (header, body) = (delivery.signature, delivery.raw);
    let python = std::env::var("ORG_AREA_PYTHON").unwrap_or_else(|_| "python3".into());
    let mut forged = body.clone();
    forged[10] ^= 1;
    let stale = header.replacen("t=", "t=1", 1);
    for (program, code) in [
        (python.as_str(), documented("python")),
        ("node", documented("javascript")),
    ] {
        for secret in [&old, &new] {
            assert!(
                documented_check(program, &[], code.clone(), secret, &header, &body).await,
                "{program}"
            );
        }
        assert!(
            !documented_check(program, &[], code.clone(), "whsec_wrong", &header, &body).await,
            "{program}"
        );
        assert!(
            !documented_check(program, &[], code.clone(), &new, &header, &forged).await,
            "{program}"
        );
        assert!(
            !documented_check(program, &[], code.clone(), &new, &stale, &body).await,
            "{program}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_secret_shown_once_is_never_kept_for_an_idempotent_retry() {
    let s = private_allowed().await;
    let owner = s.token("owner@acme.test").await;
    let send = || {
        s.client
            .post(s.url("/orgs/me/webhooks"))
            .bearer_auth(&owner)
            .header("Idempotency-Key", "add-siem-1")
            .json(&json!({ "url": "http://127.0.0.1:9/hook", "events": { "kind": "all" } }))
            .send()
    };
    let first: Value = send().await.unwrap().json().await.unwrap();
    let secret = first["secret"].as_str().unwrap().to_owned();
    let again = send().await.unwrap();
    expect_error(again, StatusCode::CONFLICT, "idempotency_key_in_use").await;
    let kept: Vec<Option<String>> = sqlx::query_scalar("SELECT body FROM idempotency_keys")
        .fetch_all(&s.sql)
        .await
        .unwrap();
    assert!(kept.iter().flatten().all(|body| !body.contains(&secret)), "{kept:?}");
    let list: Value = s.get("/orgs/me/webhooks", Some(&owner)).await.json().await.unwrap();
    assert_eq!(list["endpoints"].as_array().unwrap().len(), 1, "applied once");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_log_forgets_finished_deliveries_after_thirty_days() {
    let s = private_allowed().await;
    let receiver = Receiver::start().await;
    let owner = s.token("owner@acme.test").await;
    let (endpoint, _) = add(&s, &owner, &receiver.url, roles_only()).await;
    change_role(&s, &owner, "jonas@acme.test", "member").await;
    eventually("a delivered entry", Duration::from_secs(10), || async {
        let entries = log(&s, &owner, endpoint).await;
        (entries.first().is_some_and(|e| e["status"] == "delivered")).then_some(())
    })
    .await;
    s.run_scheduler().await;
    assert_eq!(log(&s, &owner, endpoint).await.len(), 1, "a fresh entry stays");
    let long_ago = (chrono::Utc::now() - chrono::Duration::days(31)).to_rfc3339();
    let age = if crate::common::on_postgres() {
        "UPDATE webhook_deliveries SET created_at = CAST($1 AS timestamptz)"
    } else {
        "UPDATE webhook_deliveries SET created_at = $1"
    };
    sqlx::query(age).bind(&long_ago).execute(&s.sql).await.unwrap();
    s.run_scheduler().await;
    assert!(log(&s, &owner, endpoint).await.is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_endpoint_changed_receives_what_it_asks_for_now_with_the_same_secret() {
    let s = private_allowed().await;
    let receiver = Receiver::start().await;
    let owner = s.token("owner@acme.test").await;
    let (endpoint, secret) = add(&s, &owner, &receiver.url, roles_only()).await;
    receiver.trust(&secret);
    // Exports only, described anew: a role change no longer reaches it, an export does.
    let exports = json!({ "url": receiver.url, "description": "Exports", "events": { "kind": "only", "keys": ["users.export"] } });
    let changed = s
        .put(&format!("/orgs/me/webhooks/{endpoint}"), Some(&owner), exports)
        .await;
    assert_eq!(changed.status(), StatusCode::OK);
    let changed: Value = changed.json().await.unwrap();
    assert_eq!(changed["description"], "Exports");
    change_role(&s, &owner, "jonas@acme.test", "member").await;
    s.post_empty("/orgs/me/users/export", Some(&owner)).await;
    let got = receiver.wait_for(1).await;
    assert_eq!(got[0].event, "users.export");
    assert_eq!(got[0].signed_by, vec![secret]);
    // A private address is refused without the flag, as when adding.
    let strict = server().await;
    let owner = strict.token("owner@acme.test").await;
    let endpoint = insert_endpoint(&strict, "https://93.184.215.14/h", ",subscription.renew,").await;
    let inward = json!({ "url": "https://localhost/h", "events": { "kind": "all" } });
    let refused = strict
        .put(&format!("/orgs/me/webhooks/{endpoint}"), Some(&owner), inward)
        .await;
    expect_invalid_at(refused, "url").await;
}

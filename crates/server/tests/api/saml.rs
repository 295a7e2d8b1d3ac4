//! "Sign in with SSO" through SAML 2.0, against a real identity provider process (PyPI's pysaml2,
//! signing with Debian's xmlsec1; its sign-in form filled in as a person would): the provider set
//! from its metadata, a newcomer joining through a sign-in we start and through one it starts,
//! and every answer refused that is tampered with, replayed, meant for another service, brought
//! without its request, or for an address outside the verified domains.
//!
//! Ignored by a plain `cargo test`: it needs Python with pysaml2 (`ORG_AREA_PYTHON`) and xmlsec1,
//! which `cargo xtask test` installs before running the ignored tests.

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use reqwest::redirect::Policy;
use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::common::{
    between, expect_error, expect_invalid_at, fragment, listening_helper, server, sso_exchange, sso_start,
    verify_domain, TestServer,
};

/// A SAML identity provider on a loopback port.
struct IdentityProvider {
    /// Killed when dropped (`kill_on_drop`).
    _process: tokio::process::Child,
    base: String,
}

impl IdentityProvider {
    async fn start() -> IdentityProvider {
        let python = std::env::var("ORG_AREA_PYTHON").unwrap_or_else(|_| "python3".into());
        let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/saml/idp.py");
        let (process, port) = listening_helper(&python, script, &[], "the SAML identity provider").await;
        IdentityProvider {
            _process: process,
            base: format!("http://127.0.0.1:{port}"),
        }
    }

    async fn metadata(&self) -> String {
        reqwest::get(format!("{}/metadata", self.base))
            .await
            .unwrap()
            .text()
            .await
            .unwrap()
    }
}

/// The demo server with Acme signing in through a SAML provider set from its metadata, and
/// `acme.test` verified.
async fn with_idp() -> (TestServer, IdentityProvider, String) {
    let s = server().await;
    let owner = s.token("owner@acme.test").await;
    let idp = IdentityProvider::start().await;
    verify_domain(&s, "acme.test").await;
    let saved = s
        .put(
            "/orgs/me/sso/saml",
            Some(&owner),
            json!({ "metadata_xml": idp.metadata().await }),
        )
        .await;
    assert_eq!(saved.status(), StatusCode::OK, "{}", saved.text().await.unwrap());
    (s, idp, owner)
}

/// The answer the provider's page posts: where, `SAMLResponse` and `RelayState`.
struct Posted {
    acs: String,
    response: String,
    relay_state: String,
}

/// A person at the provider's sign-in page, typing `email` (and `extra` fields), up to the page
/// that posts the signed answer.
async fn signed_answer(page: &str, email: &str, extra: &[(&str, &str)]) -> Posted {
    let browser = reqwest::Client::new();
    let html = browser.get(page).send().await.unwrap().text().await.unwrap();
    let mut form: Vec<(String, String)> = ["SAMLRequest", "RelayState", "sp"]
        .iter()
        .map(|name| {
            let value = between(&html, &format!("name=\"{name}\" value=\""), "\"").unwrap_or_default();
            (name.to_string(), value)
        })
        .collect();
    form.push(("email".into(), email.into()));
    form.push(("given_name".into(), "Sam".into()));
    form.push(("family_name".into(), "Lee".into()));
    form.push(("groups".into(), "Engineering, Admins".into()));
    form.extend(extra.iter().map(|(k, v)| (k.to_string(), v.to_string())));
    let base = reqwest::Url::parse(page).unwrap();
    let answer = browser
        .post(base.join("/sso/login").unwrap())
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), StatusCode::OK, "the provider signed an answer");
    let html = answer.text().await.unwrap();
    Posted {
        acs: between(&html, "action=\"", "\"").expect("a form to our ACS"),
        response: between(&html, "name=\"SAMLResponse\" value=\"", "\"").expect("a SAMLResponse"),
        relay_state: between(&html, "name=\"RelayState\" value=\"", "\"").unwrap_or_default(),
    }
}

/// The browser posts the answer to our ACS: the app's address where it lands.
async fn post_answer(posted: &Posted, relay_state: Option<&str>, response: Option<&str>) -> String {
    let browser = reqwest::Client::builder().redirect(Policy::none()).build().unwrap();
    let landed = browser
        .post(&posted.acs)
        .form(&[
            ("SAMLResponse", response.unwrap_or(&posted.response)),
            ("RelayState", relay_state.unwrap_or(&posted.relay_state)),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(landed.status(), StatusCode::SEE_OTHER);
    landed.headers()["location"].to_str().unwrap().to_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs python with pysaml2 and xmlsec1; `cargo xtask test` runs it"]
async fn a_newcomer_signs_in_through_saml_and_each_answer_is_taken_once() {
    let (s, idp, owner) = with_idp().await;
    let sso = s.get_json("/orgs/me/sso", &owner).await;
    let ours = &sso["saml_service_provider"];
    assert_eq!(sso["saml"]["entity_id"], format!("{}/metadata", idp.base));
    assert_eq!(sso["saml"]["sso_url"], format!("{}/sso", idp.base));
    assert_eq!(sso["saml"]["certificates"][0]["subject"], "Test identity provider");
    assert_eq!(sso["oidc"], Value::Null);
    // Our metadata, at our entity ID, names our ACS.
    let metadata = reqwest::get(ours["entity_id"].as_str().unwrap()).await.unwrap();
    assert_eq!(metadata.headers()["content-type"], "application/samlmetadata+xml");
    let metadata = metadata.text().await.unwrap();
    assert!(metadata.contains(ours["acs_url"].as_str().unwrap()), "{metadata}");

    let started = std::time::Instant::now();
    let page = sso_start(&s, "sam@acme.test").await;
    assert!(page.starts_with(&format!("{}/sso?SAMLRequest=", idp.base)), "{page}");
    let posted = signed_answer(&page, "sam@acme.test", &[]).await;
    assert_eq!(posted.acs, ours["acs_url"].as_str().unwrap());
    let at_acs = std::time::Instant::now();
    let landed = post_answer(&posted, None, None).await;
    let acs = at_acs.elapsed();
    let signed_in = sso_exchange(&s, &landed).await;
    eprintln!(
        "SAML round trip (start, sign-in page, signed answer, ACS, exchange): {:?}, of which our ACS (signature, checks, joining): {acs:?}",
        started.elapsed()
    );
    assert_eq!(signed_in["next"], "done");
    assert_eq!(signed_in["me"]["user"]["email"], "sam@acme.test");
    assert_eq!(signed_in["me"]["user"]["firstname"], "Sam");
    assert_eq!(signed_in["me"]["org"]["org_role"], "member");
    let joined = s.get_json("/orgs/me/activities?keys=org_user.sso_join", &owner).await;
    assert_eq!(joined["activities"].as_array().unwrap().len(), 1);

    // The same answer again, with its RelayState or without: the request and the assertion are
    // used up.
    let again = post_answer(&posted, None, None).await;
    assert_eq!(fragment(&again, "handoff"), None, "{again}");
    let again = post_answer(&posted, Some(""), None).await;
    assert_eq!(fragment(&again, "handoff"), None, "{again}");

    // An answer whose signed content was changed: another address in it.
    let page = sso_start(&s, "acme-studio").await;
    let posted = signed_answer(&page, "sam@acme.test", &[]).await;
    let xml = String::from_utf8(STANDARD.decode(&posted.response).unwrap()).unwrap();
    assert!(xml.contains("sam@acme.test"));
    let forged = STANDARD.encode(xml.replace("sam@acme.test", "owner@acme.test"));
    let landed = post_answer(&posted, None, Some(&forged)).await;
    assert_eq!(fragment(&landed, "error").as_deref(), Some("provider"), "{landed}");
    // Its request was used by that post: the untouched answer no longer signs anyone in.
    let landed = post_answer(&posted, None, None).await;
    assert_eq!(fragment(&landed, "handoff"), None, "{landed}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs python with pysaml2 and xmlsec1; `cargo xtask test` runs it"]
async fn a_sign_in_the_provider_starts_works_and_an_answer_cut_from_its_request_does_not() {
    let (s, idp, owner) = with_idp().await;
    let sso = s.get_json("/orgs/me/sso", &owner).await;
    let entity_id = sso["saml_service_provider"]["entity_id"].as_str().unwrap();
    // IdP-initiated: no request, no RelayState of ours.
    let page = format!("{}/start?sp={}", idp.base, urlencode(entity_id));
    let posted = signed_answer(&page, "ida@acme.test", &[]).await;
    let signed_in = sso_exchange(&s, &post_answer(&posted, None, None).await).await;
    assert_eq!(signed_in["me"]["user"]["email"], "ida@acme.test");
    // Replayed, it is refused.
    let again = post_answer(&posted, None, None).await;
    assert_eq!(fragment(&again, "error").as_deref(), Some("expired"), "{again}");

    // An answer to someone's request, posted without that request's RelayState (as a stolen
    // answer would be): refused, and it cannot be used after either.
    let page = sso_start(&s, "ida@acme.test").await;
    let posted = signed_answer(&page, "ida@acme.test", &[]).await;
    let landed = post_answer(&posted, Some(""), None).await;
    assert_eq!(fragment(&landed, "error").as_deref(), Some("provider"), "{landed}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs python with pysaml2 and xmlsec1; `cargo xtask test` runs it"]
async fn assertions_for_another_service_signed_with_sha1_or_outside_the_verified_domains_are_refused() {
    let (s, idp, owner) = with_idp().await;
    let sso = s.get_json("/orgs/me/sso", &owner).await;
    let acme_acs = sso["saml_service_provider"]["acs_url"].as_str().unwrap().to_owned();
    // An assertion the provider made for another organization's service (Globex's entity ID, its
    // audience and recipient), brought to Acme's ACS.
    let globex = format!("{}/api/v1/sso/globex/saml/metadata", s.running.url());
    let page = format!("{}/start?sp={}", idp.base, urlencode(&globex));
    let mut posted = signed_answer(&page, "ana@acme.test", &[]).await;
    assert_ne!(posted.acs, acme_acs);
    posted.acs = acme_acs;
    let landed = post_answer(&posted, None, None).await;
    assert_eq!(fragment(&landed, "error").as_deref(), Some("provider"), "{landed}");

    // Signed with SHA-1, which no longer protects a signature.
    let page = sso_start(&s, "acme-studio").await;
    let sha1 = [
        ("sign_alg", "http://www.w3.org/2000/09/xmldsig#rsa-sha1"),
        ("digest_alg", "http://www.w3.org/2000/09/xmldsig#sha1"),
    ];
    let posted = signed_answer(&page, "ana@acme.test", &sha1).await;
    let landed = post_answer(&posted, None, None).await;
    assert_eq!(fragment(&landed, "error").as_deref(), Some("provider"), "{landed}");

    let page = sso_start(&s, "acme-studio").await;
    let posted = signed_answer(&page, "mallory@elsewhere.test", &[]).await;
    let landed = post_answer(&posted, None, None).await;
    assert_eq!(
        fragment(&landed, "error").as_deref(),
        Some("domain_not_verified"),
        "{landed}"
    );
    let nobody: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM users WHERE email = 'mallory@elsewhere.test'")
        .fetch_one(&s.sql)
        .await
        .unwrap();
    assert_eq!(nobody, 0, "no account was made");
    let ana: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM users WHERE email = 'ana@acme.test'")
        .fetch_one(&s.sql)
        .await
        .unwrap();
    assert_eq!(ana, 0, "nor by the refused answers");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs python with pysaml2 and xmlsec1; `cargo xtask test` runs it"]
async fn the_provider_is_set_by_owners_and_admins_and_refused_at_the_field_it_cannot_read() {
    let (s, idp, owner) = with_idp().await;
    let member = s.token("member@acme.test").await;
    let metadata = idp.metadata().await;
    expect_error(
        s.put("/orgs/me/sso/saml", Some(&member), json!({ "metadata_xml": metadata }))
            .await,
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;
    expect_invalid_at(
        s.put("/orgs/me/sso/saml", Some(&owner), json!({ "metadata_xml": "<nope" }))
            .await,
        "metadata_xml",
    )
    .await;
    let no_certificate = metadata.replace("X509Certificate", "X509Nothing");
    expect_invalid_at(
        s.put(
            "/orgs/me/sso/saml",
            Some(&owner),
            json!({ "metadata_xml": no_certificate }),
        )
        .await,
        "metadata_xml",
    )
    .await;
    let typed = json!({ "entity_id": "urn:idp", "sso_url": "https://idp.example/sso", "certificate": "MIIBnotacert" });
    expect_invalid_at(s.put("/orgs/me/sso/saml", Some(&owner), typed).await, "certificate").await;
    // Typed by hand: the certificate in PEM, as an administrator copies it.
    let body = between(&metadata, "X509Certificate>", "<").unwrap();
    let pem = format!("-----BEGIN CERTIFICATE-----\n{body}\n-----END CERTIFICATE-----\n");
    let typed = json!({ "entity_id": "urn:idp", "sso_url": "https://idp.example/sso", "certificate": pem });
    let saved = s.put("/orgs/me/sso/saml", Some(&owner), typed).await;
    assert_eq!(saved.status(), StatusCode::OK);
    let saved: Value = saved.json().await.unwrap();
    assert_eq!(saved["saml"]["entity_id"], "urn:idp");
    assert_eq!(saved["saml"]["certificates"].as_array().unwrap().len(), 1);
    // The same provider typed again without a certificate keeps it; another needs its own.
    let moved = json!({ "entity_id": "urn:idp", "sso_url": "https://idp.example/saml/sso", "certificate": "" });
    let saved: Value = s
        .put("/orgs/me/sso/saml", Some(&owner), moved)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(saved["saml"]["sso_url"], "https://idp.example/saml/sso");
    assert_eq!(saved["saml"]["certificates"].as_array().unwrap().len(), 1);
    let other = json!({ "entity_id": "urn:other", "sso_url": "https://idp.example/sso", "certificate": "" });
    expect_invalid_at(s.put("/orgs/me/sso/saml", Some(&owner), other).await, "certificate").await;

    // OpenID Connect is not removed by removing SAML, and SAML goes away on its own route.
    expect_error(
        s.delete("/orgs/me/sso/oidc", Some(&owner)).await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    assert_eq!(
        s.delete("/orgs/me/sso/saml", Some(&owner)).await.status(),
        StatusCode::NO_CONTENT
    );
    let started = s
        .post("/auth/sso", None, json!({ "email_or_identifier": "acme-studio" }))
        .await;
    expect_invalid_at(started, "email_or_identifier").await;
    // Our metadata stays: an identity provider is set up from it before it is set here.
    let sso = s.get_json("/orgs/me/sso", &owner).await;
    let metadata = reqwest::get(sso["saml_service_provider"]["metadata_url"].as_str().unwrap())
        .await
        .unwrap();
    assert_eq!(metadata.status(), StatusCode::OK);
    assert_eq!(
        reqwest::get(s.running.url() + "/api/v1/sso/no-such-org/saml/metadata")
            .await
            .unwrap()
            .status(),
        StatusCode::NOT_FOUND
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs python with pysaml2 and xmlsec1; `cargo xtask test` runs it"]
async fn test_connection_shows_what_the_provider_sent_to_the_one_who_tested_and_signs_nobody_in() {
    let (s, _idp, owner) = with_idp().await;
    let member = s.token("member@acme.test").await;
    expect_error(
        s.post_empty("/orgs/me/sso/test", Some(&member)).await,
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;
    let started = s.post_empty("/orgs/me/sso/test", Some(&owner)).await;
    assert_eq!(started.status(), StatusCode::OK);
    let page: Value = started.json().await.unwrap();
    let posted = signed_answer(page["redirect_url"].as_str().unwrap(), "tess@acme.test", &[]).await;
    let landed = post_answer(&posted, None, None).await;
    assert!(
        landed.starts_with(&format!("{}/settings/sso#sso_test=", s.running.url())),
        "{landed}"
    );
    let code = fragment(&landed, "sso_test").unwrap();
    let seen = s.get_json(&format!("/orgs/me/sso/test/{code}"), &owner).await;
    assert_eq!(seen["protocol"], "SAML 2.0");
    assert_eq!(seen["problem"], Value::Null);
    assert_eq!(seen["subject"], "tess@acme.test");
    assert_eq!(seen["email"], "tess@acme.test");
    assert_eq!(seen["given_name"], "Sam");
    assert_eq!(seen["family_name"], "Lee");
    assert_eq!(seen["groups"], json!(["Engineering", "Admins"]));
    assert_eq!(seen["domain_verified"], true);
    // Nobody was made or signed in.
    let nobody: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM users WHERE email = 'tess@acme.test'")
        .fetch_one(&s.sql)
        .await
        .unwrap();
    assert_eq!(nobody, 0);
    // Another admin of the same organization cannot read it.
    let admin = s.token("admin@acme.test").await;
    expect_error(
        s.get(&format!("/orgs/me/sso/test/{code}"), Some(&admin)).await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;

    // An answer that does not verify is shown with why.
    let started: Value = s
        .post_empty("/orgs/me/sso/test", Some(&owner))
        .await
        .json()
        .await
        .unwrap();
    let sha1 = [
        ("sign_alg", "http://www.w3.org/2000/09/xmldsig#rsa-sha1"),
        ("digest_alg", "http://www.w3.org/2000/09/xmldsig#sha1"),
    ];
    let posted = signed_answer(started["redirect_url"].as_str().unwrap(), "tess@acme.test", &sha1).await;
    let code = fragment(&post_answer(&posted, None, None).await, "sso_test").unwrap();
    let seen = s.get_json(&format!("/orgs/me/sso/test/{code}"), &owner).await;
    assert!(seen["problem"].as_str().unwrap().contains("signed"), "{seen}");
    assert_eq!(seen["email"], Value::Null);
}

fn urlencode(text: &str) -> String {
    form_urlencoded::byte_serialize(text.as_bytes()).collect()
}

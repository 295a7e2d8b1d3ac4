//! "Sign in with SSO" through OpenID Connect, against a real provider process (npm's
//! oidc-provider, its development login form filled in as a person would): a newcomer at a
//! verified domain joins with the default role, an existing account is linked and meets the
//! two-factor rule, what the provider has not verified or the organization does not own is
//! turned away, and each attempt and each one-time code works once.
//!
//! Ignored by a plain `cargo test`: it needs Node.js and oidc-provider from npm, which
//! `cargo xtask test` installs before running the ignored tests.

use reqwest::redirect::Policy;
use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::common::{
    between, edited, expect_error, expect_invalid_at, fragment, listening_helper, server, set_up_two_factor, settings,
    sso_exchange, sso_start, verify_domain, TestServer,
};

const CLIENT_ID: &str = "org-area";
const CLIENT_SECRET: &str = "a-client-secret-for-the-tests";

/// An OpenID Connect provider on a loopback port.
struct Provider {
    /// Killed when dropped (`kill_on_drop`).
    _process: tokio::process::Child,
    issuer: String,
}

impl Provider {
    async fn start(redirect_uri: &str) -> Provider {
        let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/oidc/provider.mjs");
        let after_port = [CLIENT_ID, CLIENT_SECRET, redirect_uri];
        let (process, port) = listening_helper("node", script, &after_port, "the OpenID Connect provider").await;
        Provider {
            _process: process,
            issuer: format!("http://127.0.0.1:{port}"),
        }
    }
}

/// The demo server with Acme signing in through a provider, and `acme.test` verified.
async fn with_provider() -> (TestServer, Provider, String) {
    let s = server().await;
    let owner = s.token("owner@acme.test").await;
    let provider = set_up_provider(&s, &owner).await;
    (s, provider, owner)
}

/// A provider for the server, saved as Acme's, with `acme.test` verified.
async fn set_up_provider(s: &TestServer, owner: &str) -> Provider {
    let provider = Provider::start(&format!("{}/api/v1/sso/oidc/callback", s.running.url())).await;
    verify_domain(s, "acme.test").await;
    let saved = s
        .put(
            "/orgs/me/sso/oidc",
            Some(owner),
            json!({ "issuer": provider.issuer, "client_id": CLIENT_ID, "client_secret": CLIENT_SECRET }),
        )
        .await;
    assert_eq!(saved.status(), StatusCode::OK);
    provider
}

/// A browser at the provider: its login form (typing `login`), its consent form, and back to our
/// callback, which sends it on to the app. The app's address where it lands, with its fragment.
async fn at_provider(sign_in_page: &str, login: &str) -> String {
    let browser = reqwest::Client::builder()
        .cookie_store(true)
        .redirect(Policy::custom(|attempt| {
            // The app's pages a return lands on: signing in, or a test's result in the tab.
            if ["/sign-in/sso", "/settings/sso"].contains(&attempt.url().path()) {
                attempt.stop()
            } else {
                attempt.follow()
            }
        }))
        .build()
        .unwrap();
    let mut page = browser.get(sign_in_page).send().await.unwrap();
    for _ in 0..4 {
        if page.status() == StatusCode::SEE_OTHER {
            return page.headers()["location"].to_str().unwrap().to_owned();
        }
        let here = page.url().clone();
        let html = page.text().await.unwrap();
        let action = between(&html, "action=\"", "\"").expect("a form on the provider's page");
        let prompt = between(&html, "name=\"prompt\" value=\"", "\"").expect("the form's step");
        let target = here.join(&action.replace("&amp;", "&")).unwrap();
        page = browser
            .post(target)
            .form(&[("prompt", prompt.as_str()), ("login", login), ("password", "anything")])
            .send()
            .await
            .unwrap();
    }
    panic!("the provider never sent the browser back");
}

/// The whole round trip for `login`: the app's landing address.
async fn round_trip(s: &TestServer, login: &str) -> String {
    let page = sso_start(s, login).await;
    let landed = at_provider(&page, login).await;
    assert!(
        landed.starts_with(&format!("{}/sign-in/sso#", s.running.url())),
        "{landed}"
    );
    landed
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs node and oidc-provider from npm; `cargo xtask test` runs it"]
async fn a_newcomer_at_a_verified_domain_joins_with_the_default_role_and_is_the_same_person_next_time() {
    let (s, _provider, owner) = with_provider().await;
    // Newcomers come in as admins from now on.
    let changed = s
        .put(
            "/orgs/me/sso",
            Some(&owner),
            json!({ "identifier": "acme", "default_role": "admin", "require_sso": false }),
        )
        .await;
    assert_eq!(changed.status(), StatusCode::OK);
    let started = std::time::Instant::now();
    let signed_in = sso_exchange(&s, &round_trip(&s, "nora@acme.test").await).await;
    eprintln!(
        "OpenID Connect round trip (start, login and consent pages, callback with code redemption, exchange): {:?}",
        started.elapsed()
    );
    assert_eq!(signed_in["next"], "done");
    assert_eq!(signed_in["me"]["user"]["email"], "nora@acme.test");
    assert_eq!(signed_in["me"]["org"]["org_role"], "admin");
    let token = signed_in["token"].as_str().unwrap();
    assert_eq!(s.get("/orgs/me", Some(token)).await.status(), StatusCode::OK);
    let joined = s.get_json("/orgs/me/activities?keys=org_user.sso_join", &owner).await;
    assert_eq!(joined["activities"].as_array().unwrap().len(), 1);
    assert_eq!(
        joined["activities"][0]["recipient_id"],
        s.user_id("nora@acme.test").await
    );

    // By the SSO identifier this time: the same account, no second join.
    let page = sso_start(&s, "acme").await;
    let again = sso_exchange(&s, &at_provider(&page, "nora@acme.test").await).await;
    assert_eq!(again["me"]["user"]["id"], signed_in["me"]["user"]["id"]);
    let joined = s.get_json("/orgs/me/activities?keys=org_user.sso_join", &owner).await;
    assert_eq!(joined["activities"].as_array().unwrap().len(), 1);
    // No password was ever set: the account signs in through the provider only.
    let by_password = s.login_response("nora@acme.test", "").await;
    assert_ne!(by_password.status(), StatusCode::OK);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs node and oidc-provider from npm; `cargo xtask test` runs it"]
async fn an_existing_account_is_linked_and_single_sign_on_meets_the_two_factor_rule() {
    let (s, _provider, owner) = with_provider().await;
    set_up_two_factor(&s, &owner).await;
    let current = settings(&s, &owner).await;
    let required = edited(&current, |body| body["access"]["require_two_factor"] = json!(true));
    assert_eq!(
        s.put("/orgs/me/settings", Some(&owner), required).await.status(),
        StatusCode::OK
    );
    // By password, Lena must set up two-factor sign-in first.
    let by_password: Value = s
        .login_response("lena@acme.test", "demo-password")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(by_password["next"], "set_up_two_factor");

    let lena = s.user_id("lena@acme.test").await;
    let signed_in = sso_exchange(&s, &round_trip(&s, "lena@acme.test").await).await;
    assert_eq!(signed_in["me"]["user"]["id"], lena, "linked to her account");
    assert_eq!(signed_in["next"], "done");
    let token = signed_in["token"].as_str().unwrap();
    let me = s.get_json("/auth/me", token).await;
    assert_eq!(me["must_set_up_two_factor"], false);
    assert_eq!(s.get("/orgs/me", Some(token)).await.status(), StatusCode::OK);
    assert_eq!(
        me["org"]["org_role"], by_password["me"]["org"]["org_role"],
        "her role stays"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs node and oidc-provider from npm; `cargo xtask test` runs it"]
async fn only_verified_addresses_at_the_organizations_verified_domains_come_in() {
    let (s, _provider, _owner) = with_provider().await;
    // The provider vouches for an address it has not verified.
    let landed = round_trip(&s, "unverified@acme.test").await;
    assert_eq!(fragment(&landed, "error").as_deref(), Some("unverified_email"));
    // Typed by identifier, then an address at a domain Acme does not own.
    let page = sso_start(&s, "acme-studio").await;
    let landed = at_provider(&page, "mallory@elsewhere.test").await;
    assert_eq!(fragment(&landed, "error").as_deref(), Some("domain_not_verified"));
    assert_eq!(fragment(&landed, "handoff"), None);
    let nobody: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM users WHERE email = 'mallory@elsewhere.test'")
        .fetch_one(&s.sql)
        .await
        .unwrap();
    assert_eq!(nobody, 0, "no account was made");
    // A domain Acme verified, but the account is Globex's.
    verify_domain(&s, "globex.test").await;
    let page = sso_start(&s, "acme-studio").await;
    let landed = at_provider(&page, "member@globex.test").await;
    assert_eq!(fragment(&landed, "error").as_deref(), Some("other_organization"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs node and oidc-provider from npm; `cargo xtask test` runs it"]
async fn each_attempt_and_each_one_time_code_works_once() {
    let (s, _provider, _owner) = with_provider().await;
    let page = sso_start(&s, "kai@acme.test").await;
    let browser = reqwest::Client::builder().redirect(Policy::none()).build().unwrap();
    // Walk it once, keeping the provider's answer to our callback.
    let landed = at_provider(&page, "kai@acme.test").await;
    let handoff = fragment(&landed, "handoff").unwrap();
    let first = s.post("/auth/sso/exchange", None, json!({ "handoff": handoff })).await;
    assert_eq!(first.status(), StatusCode::OK);
    expect_invalid_at(
        s.post("/auth/sso/exchange", None, json!({ "handoff": handoff })).await,
        "handoff",
    )
    .await;
    // A callback with a state nobody started, or a used one, goes back with "expired".
    let state = between(&page, "state=", "&").unwrap();
    for query in [
        format!("code=x&state={state}"),
        "code=x&state=forged".to_string(),
        "code=x".to_string(),
    ] {
        let back = browser
            .get(format!("{}/api/v1/sso/oidc/callback?{query}", s.running.url()))
            .send()
            .await
            .unwrap();
        assert_eq!(back.status(), StatusCode::SEE_OTHER);
        let location = back.headers()["location"].to_str().unwrap();
        assert_eq!(
            fragment(location, "error").as_deref(),
            Some("expired"),
            "{query}: {location}"
        );
    }
    // The provider's refusal, for a live attempt.
    let page = sso_start(&s, "kai@acme.test").await;
    let state = between(&page, "state=", "&").unwrap();
    let back = browser
        .get(format!(
            "{}/api/v1/sso/oidc/callback?error=access_denied&state={state}",
            s.running.url()
        ))
        .send()
        .await
        .unwrap();
    let location = back.headers()["location"].to_str().unwrap();
    assert_eq!(fragment(location, "error").as_deref(), Some("refused"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs node and oidc-provider from npm; `cargo xtask test` runs it"]
async fn a_provider_is_kept_only_when_it_describes_itself_and_only_by_owners_and_admins() {
    let (s, provider, owner) = with_provider().await;
    let shown = s.get_json("/orgs/me/sso", &owner).await;
    assert_eq!(shown["oidc"]["issuer"], provider.issuer);
    assert_eq!(shown["oidc"]["client_id"], CLIENT_ID);
    assert!(
        shown.to_string().find(CLIENT_SECRET).is_none(),
        "the secret is never shown"
    );
    assert_eq!(
        shown["redirect_uri"],
        format!("{}/api/v1/sso/oidc/callback", s.running.url())
    );
    let member = s.token("member@acme.test").await;
    let change = json!({ "issuer": provider.issuer, "client_id": CLIENT_ID });
    expect_error(
        s.put("/orgs/me/sso/oidc", Some(&member), change.clone()).await,
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;
    // The same issuer and client keep the secret without it being sent again.
    assert_eq!(
        s.put("/orgs/me/sso/oidc", Some(&owner), change).await.status(),
        StatusCode::OK
    );
    for (issuer, why) in [
        ("http://login.example.com", "not https"),
        ("http://127.0.0.1:9", "nothing answers"),
    ] {
        let refused = s
            .put(
                "/orgs/me/sso/oidc",
                Some(&owner),
                json!({ "issuer": issuer, "client_id": CLIENT_ID, "client_secret": "x" }),
            )
            .await;
        let error = expect_invalid_at(refused, "issuer").await;
        assert!(!error["message"].as_str().unwrap().is_empty(), "{why}");
    }
    // A client secret kept sealed: not in the database as sent.
    let stored: String = sqlx::query_scalar("SELECT client_secret FROM sso_connections")
        .fetch_one(&s.sql)
        .await
        .unwrap();
    assert!(!stored.contains(CLIENT_SECRET));
    // Nothing to start for a domain nobody verified; the secret still works after the change.
    let unknown = s
        .post("/auth/sso", None, json!({ "email_or_identifier": "ana@nowhere.test" }))
        .await;
    expect_invalid_at(unknown, "email_or_identifier").await;
    let signed_in = sso_exchange(&s, &round_trip(&s, "kai@acme.test").await).await;
    assert_eq!(signed_in["me"]["org"]["org_role"], "member");
    // Removed: no more starts.
    assert_eq!(
        s.delete("/orgs/me/sso/oidc", Some(&owner)).await.status(),
        StatusCode::NO_CONTENT
    );
    let gone = s
        .post("/auth/sso", None, json!({ "email_or_identifier": "kai@acme.test" }))
        .await;
    expect_invalid_at(gone, "email_or_identifier").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs node and oidc-provider from npm; `cargo xtask test` runs it"]
async fn require_sso_refuses_passwords_at_verified_domains_but_not_the_owners() {
    let s = server().await;
    let owner = s.token("owner@acme.test").await;
    let require = |on: bool| json!({ "identifier": "acme-studio", "default_role": "member", "require_sso": on });
    // Not without a provider and a verified domain: nobody could sign in.
    let early = s.put("/orgs/me/sso", Some(&owner), require(true)).await;
    expect_invalid_at(early, "require_sso").await;

    let _provider = set_up_provider(&s, &owner).await;
    assert_eq!(
        s.put("/orgs/me/sso", Some(&owner), require(true)).await.status(),
        StatusCode::OK
    );
    assert_eq!(s.get_json("/orgs/me/sso", &owner).await["require_sso"], true);

    // Lena's right password is refused, and says where to go; a wrong one is just wrong.
    let refused = s.login_response("lena@acme.test", "demo-password").await;
    let error = expect_error(refused, StatusCode::FORBIDDEN, "sso_required").await;
    assert!(
        error["message"].as_str().unwrap().contains("Sign in with SSO"),
        "{error}"
    );
    let wrong = s.login_response("lena@acme.test", "not-her-password").await;
    assert_eq!(wrong.status(), StatusCode::UNAUTHORIZED);
    // The owner keeps a way in.
    assert_eq!(
        s.login_response("owner@acme.test", "demo-password").await.status(),
        StatusCode::OK
    );
    // Outside the verified domains, nothing changes (Globex's people).
    assert_eq!(
        s.login_response("member@globex.test", "demo-password").await.status(),
        StatusCode::OK
    );

    // A reset mails the way in instead of a link to a new password.
    let asked = s
        .post("/auth/password-reset", None, json!({ "email": "lena@acme.test" }))
        .await;
    assert_eq!(asked.status(), StatusCode::ACCEPTED);
    let mail = s.mails_to("lena@acme.test", 1).await.pop().unwrap();
    assert!(mail.contains("/sign-in/sso"), "{mail}");
    assert!(!mail.contains("reset-password"), "no reset link: {mail}");
    // She signs in with SSO.
    let signed_in = sso_exchange(&s, &round_trip(&s, "lena@acme.test").await).await;
    assert_eq!(signed_in["me"]["user"]["email"], "lena@acme.test");

    // Off again: her password works.
    assert_eq!(
        s.put("/orgs/me/sso", Some(&owner), require(false)).await.status(),
        StatusCode::OK
    );
    assert_eq!(
        s.login_response("lena@acme.test", "demo-password").await.status(),
        StatusCode::OK
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs node and oidc-provider from npm; `cargo xtask test` runs it"]
async fn test_connection_shows_the_claims_and_groups_and_signs_nobody_in() {
    let (s, _provider, owner) = with_provider().await;
    let started = s.post_empty("/orgs/me/sso/test", Some(&owner)).await;
    assert_eq!(started.status(), StatusCode::OK);
    let page: Value = started.json().await.unwrap();
    let landed = at_provider(page["redirect_url"].as_str().unwrap(), "theo@acme.test").await;
    assert!(
        landed.starts_with(&format!("{}/settings/sso#sso_test=", s.running.url())),
        "{landed}"
    );
    let code = fragment(&landed, "sso_test").unwrap();
    let seen = s.get_json(&format!("/orgs/me/sso/test/{code}"), &owner).await;
    assert_eq!(seen["protocol"], "OpenID Connect");
    assert_eq!(seen["subject"], "theo@acme.test", "the provider's account id");
    assert_eq!(seen["email"], "theo@acme.test");
    assert_eq!(seen["email_verified"], true);
    assert_eq!(seen["given_name"], "Theo");
    assert_eq!(seen["groups"], json!(["Everyone", "Engineering"]));
    assert_eq!(seen["domain_verified"], true);
    let nobody: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM users WHERE email = 'theo@acme.test'")
        .fetch_one(&s.sql)
        .await
        .unwrap();
    assert_eq!(nobody, 0, "a test makes nobody");
    // Without a provider there is nothing to test.
    assert_eq!(
        s.delete("/orgs/me/sso/oidc", Some(&owner)).await.status(),
        StatusCode::NO_CONTENT
    );
    expect_error(
        s.post_empty("/orgs/me/sso/test", Some(&owner)).await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
}

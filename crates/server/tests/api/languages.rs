//! What people read follows the request's `Accept-Language`: refusals at their field and the
//! mails a request sends come in German or French when the caller asks for it, in English
//! otherwise. The codes a client branches on stay the same in every language.

use crate::common::{server, TestServer};
use reqwest::StatusCode;
use serde_json::{json, Value};

/// A POST as the app sends it, saying its language (or none).
async fn post_in(
    s: &TestServer,
    path: &str,
    token: Option<&str>,
    accept_language: Option<&str>,
    body: Value,
) -> reqwest::Response {
    let mut request = s.client.post(s.url(path)).json(&body);
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    if let Some(language) = accept_language {
        request = request.header("Accept-Language", language);
    }
    request.send().await.unwrap()
}

async fn login_in(s: &TestServer, accept_language: Option<&str>) -> Value {
    login_as_in(s, "owner@acme.test", accept_language).await
}

/// A wrong password for `email`; each account takes only a few before it is throttled.
async fn login_as_in(s: &TestServer, email: &str, accept_language: Option<&str>) -> Value {
    let body = json!({ "email": email, "password": "not-the-password" });
    let response = post_in(s, "/auth/login", None, accept_language, body).await;
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    response.json().await.unwrap()
}

#[tokio::test]
async fn a_refusal_speaks_the_language_the_caller_asks_for() {
    let s = server().await;
    let german = login_in(&s, Some("de-DE,de;q=0.9,en;q=0.5")).await;
    assert_eq!(german["error"]["code"], "invalid_credentials");
    assert_eq!(
        german["error"]["message"],
        "E-Mail-Adresse oder Passwort ist nicht korrekt."
    );
    let french = login_as_in(&s, "admin@acme.test", Some("fr-FR, it;q=0.8")).await;
    assert_eq!(french["error"]["code"], "invalid_credentials");
    assert_eq!(
        french["error"]["message"],
        "L’adresse e-mail ou le mot de passe est incorrect."
    );
    for english in [None, Some("en-GB"), Some("it-IT, es;q=0.8"), Some("de;q=0, fr;q=0, en")] {
        let body = login_in(&s, english).await;
        assert_eq!(body["error"]["code"], "invalid_credentials", "{english:?}");
        assert_eq!(
            body["error"]["message"], "The email or password is not correct.",
            "{english:?}"
        );
    }
}

#[tokio::test]
async fn field_messages_and_role_refusals_come_in_german_at_their_field() {
    let s = server().await;
    let owner = s.token("owner@acme.test").await;
    let current: Value = s.get("/orgs/me/settings", Some(&owner)).await.json().await.unwrap();
    let body = json!({
        "version": current["version"],
        "name": "   ",
        "branding": current["branding"],
        "embed": current["embed"],
        "access": current["access"],
    });
    let response = s
        .client
        .put(s.url("/orgs/me/settings"))
        .bearer_auth(&owner)
        .header("Accept-Language", "de")
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let refused: Value = response.json().await.unwrap();
    assert_eq!(refused["error"]["field"], "name");
    assert!(
        refused["error"]["message"]
            .as_str()
            .unwrap()
            .starts_with("Geben Sie „Name der Organisation“ ein"),
        "{refused}"
    );

    // An admin may not make anyone an owner: the permission rule's reason, in German.
    let admin = s.token("admin@acme.test").await;
    let invite = json!({ "emails": ["neu@example.com"], "org_role": "owner", "firstname": "", "lastname": "" });
    let response = post_in(&s, "/orgs/me/invitations", Some(&admin), Some("de-AT"), invite).await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    let refused: Value = response.json().await.unwrap();
    assert!(
        refused["error"]["message"].as_str().unwrap().contains("Eigentümer"),
        "{refused}"
    );
}

#[tokio::test]
async fn mails_go_out_in_the_language_of_the_request_that_sent_them() {
    let s = server().await;
    let admin = s.token("admin@acme.test").await;
    let invite = json!({ "emails": ["nora@example.com"], "org_role": "admin", "firstname": "Nora", "lastname": "" });
    let response = post_in(&s, "/orgs/me/invitations", Some(&admin), Some("de"), invite).await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let mail = &s.mails_to("nora@example.com", 1).await[0];
    assert!(mail.contains("Einladung annehmen"), "{mail}");
    assert!(mail.contains("als Admin beizutreten"), "{mail}");
    assert!(mail.contains("lang=\"de\""), "the HTML part says it is German: {mail}");

    // The same server, asked in English, writes English.
    let reset = json!({ "email": "owner@acme.test" });
    let asked = post_in(&s, "/auth/password-reset", None, Some("en-US"), reset).await;
    assert!(asked.status().is_success());
    let mail = &s.mails_to("owner@acme.test", 1).await[0];
    assert!(
        mail.contains("Choose a new password") && !mail.contains("Passwort"),
        "{mail}"
    );
}

#[tokio::test]
async fn french_callers_get_french_refusals_at_their_field_and_french_mails() {
    let s = server().await;
    let admin = s.token("admin@acme.test").await;
    let invite = json!({ "emails": ["pas une adresse"], "org_role": "member", "firstname": "", "lastname": "" });
    let response = post_in(&s, "/orgs/me/invitations", Some(&admin), Some("fr-CA"), invite).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let refused: Value = response.json().await.unwrap();
    assert_eq!(
        refused["error"]["message"],
        "« pas une adresse » n’est pas une adresse e-mail valide."
    );

    let invite =
        json!({ "emails": ["camille@example.com"], "org_role": "member", "firstname": "Camille", "lastname": "" });
    let response = post_in(&s, "/orgs/me/invitations", Some(&admin), Some("fr"), invite).await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let mail = &s.mails_to("camille@example.com", 1).await[0];
    assert!(mail.contains("lang=\"fr\""), "the HTML part says it is French: {mail}");
    assert!(mail.contains("vous a invit") && mail.contains("Membre"), "{mail}");
}

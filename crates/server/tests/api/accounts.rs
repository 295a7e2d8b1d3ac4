//! A person's own account: password reset by mail, password change, name, and two-factor sign-in
//! (set up, sign in with a code or a recovery code, codes used once, turned off) and its
//! enforcement for organizations that require it. Codes are computed by an independent TOTP
//! implementation (totp-rs) from the `otpauth://` address the server hands out.

use crate::common::{expect_error, expect_invalid_at, now, server, set_up_two_factor, TestServer};
use reqwest::StatusCode;
use serde_json::{json, Value};

async fn send(
    s: &TestServer,
    method: reqwest::Method,
    path: &str,
    token: Option<&str>,
    body: Value,
) -> reqwest::Response {
    let mut request = s.client.request(method, s.url(path)).json(&body);
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    request.send().await.unwrap()
}

#[tokio::test]
async fn a_forgotten_password_is_reset_by_a_link_that_works_once_and_ends_every_session() {
    let s = server().await;
    let old_session = s.token("lena@acme.test").await;
    for email in ["lena@acme.test", "nobody@nowhere.test"] {
        let asked = s.post("/auth/password-reset", None, json!({ "email": email })).await;
        assert_eq!(asked.status(), StatusCode::ACCEPTED, "the same answer for {email}");
        assert!(asked.text().await.unwrap().is_empty());
    }
    let mail = &s.mails_to("lena@acme.test", 1).await[0];
    assert!(
        mail.contains("/o/acme-studio/reset-password#token="),
        "the branded address: {mail}"
    );
    let token = crate::common::secret_in(mail, "token");
    // An address without an account gets a mail too, saying so: the same answer and the same
    // work (a mail queued in a write transaction), so neither tells a stranger who has an account.
    let told = &s.mails_to("nobody@nowhere.test", 1).await[0];
    assert!(told.contains("no account") && told.contains("/sign-in"), "{told}");
    assert!(
        !told.contains("token="),
        "and no link that could reset anything: {told}"
    );

    expect_invalid_at(
        s.post(
            "/auth/password-reset/confirm",
            None,
            json!({ "token": token, "password": "short" }),
        )
        .await,
        "password",
    )
    .await;
    let reset = s
        .post(
            "/auth/password-reset/confirm",
            None,
            json!({ "token": token, "password": "a brand new password" }),
        )
        .await;
    assert_eq!(reset.status(), StatusCode::NO_CONTENT);
    // The link works once; the old password and the old session are over.
    expect_error(
        s.post(
            "/auth/password-reset/confirm",
            None,
            json!({ "token": token, "password": "another new password" }),
        )
        .await,
        StatusCode::NOT_FOUND,
        "invalid_token",
    )
    .await;
    assert_eq!(
        s.get("/auth/me", Some(&old_session)).await.status(),
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        s.login_response("lena@acme.test", "demo-password").await.status(),
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        s.login_response("lena@acme.test", "a brand new password")
            .await
            .status(),
        StatusCode::OK
    );
    // Nothing of the link is kept readable: the sent mail's body is blanked, the token hashed.
    let bodies: Vec<String> = sqlx::query_scalar("SELECT text_body || html_body FROM outbox")
        .fetch_all(&s.sql)
        .await
        .unwrap();
    assert!(bodies.iter().all(|b| !b.contains(&token)));
}

#[tokio::test]
async fn an_expired_reset_link_is_refused_and_requests_are_throttled() {
    let s = server().await;
    s.post("/auth/password-reset", None, json!({ "email": "jonas@acme.test" }))
        .await;
    let token = s.secret_in_mail("jonas@acme.test", "token", 1).await;
    sqlx::query("UPDATE password_resets SET expires_at = '2000-01-01T00:00:00.000Z'")
        .execute(&s.sql)
        .await
        .unwrap();
    expect_error(
        s.post(
            "/auth/password-reset/confirm",
            None,
            json!({ "token": token, "password": "a brand new password" }),
        )
        .await,
        StatusCode::NOT_FOUND,
        "invalid_token",
    )
    .await;
    let mut statuses = Vec::new();
    for _ in 0..6 {
        statuses.push(
            s.post("/auth/password-reset", None, json!({ "email": "jonas@acme.test" }))
                .await
                .status(),
        );
    }
    assert_eq!(statuses.last(), Some(&StatusCode::TOO_MANY_REQUESTS), "{statuses:?}");
}

#[tokio::test]
async fn changing_the_password_needs_the_current_one_and_ends_the_other_sessions() {
    let s = server().await;
    let here = s.token("jonas@acme.test").await;
    let elsewhere = s.token("jonas@acme.test").await;
    let wrong = send(
        &s,
        reqwest::Method::PUT,
        "/me/password",
        Some(&here),
        json!({ "current_password": "nope", "new_password": "a brand new password" }),
    )
    .await;
    assert_eq!(
        expect_error(wrong, StatusCode::UNAUTHORIZED, "invalid_credentials").await["field"],
        "current_password"
    );
    let changed = send(
        &s,
        reqwest::Method::PUT,
        "/me/password",
        Some(&here),
        json!({ "current_password": "demo-password", "new_password": "a brand new password" }),
    )
    .await;
    assert_eq!(changed.status(), StatusCode::NO_CONTENT);
    assert_eq!(
        s.get("/auth/me", Some(&here)).await.status(),
        StatusCode::OK,
        "this session stays"
    );
    assert_eq!(
        s.get("/auth/me", Some(&elsewhere)).await.status(),
        StatusCode::UNAUTHORIZED
    );

    let renamed: Value = send(
        &s,
        reqwest::Method::PATCH,
        "/me/account",
        Some(&here),
        json!({ "firstname": " Jonas ", "lastname": "Weber-Kim" }),
    )
    .await
    .json()
    .await
    .unwrap();
    assert_eq!(renamed["profile"]["friendly_name"], "Jonas Weber-Kim");
}

#[tokio::test]
async fn two_factor_sign_in_takes_a_code_each_used_once_or_a_recovery_code() {
    let s = server().await;
    let token = s.token("admin@acme.test").await;
    let (app, recovery) = set_up_two_factor(&s, &token).await;
    let account: Value = s.get("/me/account", Some(&token)).await.json().await.unwrap();
    assert_eq!(account["two_factor_enabled"], true);
    assert_eq!(account["recovery_codes_left"], 10);
    let stored: Vec<String> = sqlx::query_scalar("SELECT code_hash FROM recovery_codes")
        .fetch_all(&s.sql)
        .await
        .unwrap();
    assert!(
        recovery.iter().all(|c| !stored.contains(c)),
        "recovery codes are stored hashed"
    );

    // The password alone opens nothing.
    let first: Value = s
        .login_response("admin@acme.test", "demo-password")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(first["next"], "two_factor");
    let pending = first["token"].as_str().unwrap();
    assert_eq!(
        s.get("/orgs/me/users", Some(pending)).await.status(),
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        s.get("/auth/me", Some(pending)).await.status(),
        StatusCode::UNAUTHORIZED
    );
    expect_error(
        s.post("/auth/two-factor", Some(pending), json!({ "code": "123456" }))
            .await,
        StatusCode::UNAUTHORIZED,
        "invalid_code",
    )
    .await;
    // The next step's code (the one just used to verify was this step's).
    let code = app.generate(now() + 30);
    let opened: Value = s
        .post("/auth/two-factor", Some(pending), json!({ "code": code }))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(opened["next"], "done");
    // A new token: the one seen before the code opens nothing.
    let signed_in = opened["token"].as_str().unwrap();
    assert_eq!(s.get("/orgs/me/users", Some(signed_in)).await.status(), StatusCode::OK);
    assert_eq!(
        s.get("/orgs/me/users", Some(pending)).await.status(),
        StatusCode::UNAUTHORIZED
    );

    // The same code again, in another sign-in: refused.
    let second: Value = s
        .login_response("admin@acme.test", "demo-password")
        .await
        .json()
        .await
        .unwrap();
    let pending = second["token"].as_str().unwrap();
    expect_error(
        s.post("/auth/two-factor", Some(pending), json!({ "code": code })).await,
        StatusCode::UNAUTHORIZED,
        "invalid_code",
    )
    .await;
    // A recovery code instead, once.
    let opened = s
        .post(
            "/auth/two-factor",
            Some(pending),
            json!({ "code": recovery[0].to_uppercase() }),
        )
        .await;
    assert_eq!(opened.status(), StatusCode::OK);
    let third: Value = s
        .login_response("admin@acme.test", "demo-password")
        .await
        .json()
        .await
        .unwrap();
    expect_error(
        s.post(
            "/auth/two-factor",
            Some(third["token"].as_str().unwrap()),
            json!({ "code": recovery[0] }),
        )
        .await,
        StatusCode::UNAUTHORIZED,
        "invalid_code",
    )
    .await;
    let users: Value = s.get("/orgs/me/users?q=adam", Some(&token)).await.json().await.unwrap();
    assert_eq!(users["users"][0]["two_factor"], true, "the users list says who has it");
    let used: Value = s
        .get("/orgs/me/activities?keys=account.recovery_code_use", Some(&token))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(used["total"], 1);

    // Turning it off takes the password and a code.
    let off = send(
        &s,
        reqwest::Method::DELETE,
        "/me/two-factor",
        Some(&token),
        json!({ "password": "demo-password", "code": "000000" }),
    )
    .await;
    expect_error(off, StatusCode::UNAUTHORIZED, "invalid_code").await;
    let off = send(
        &s,
        reqwest::Method::DELETE,
        "/me/two-factor",
        Some(&token),
        json!({ "password": "demo-password", "code": recovery[1] }),
    )
    .await;
    assert_eq!(off.status(), StatusCode::NO_CONTENT);
    let plain: Value = s
        .login_response("admin@acme.test", "demo-password")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(plain["next"], "done");
}

#[tokio::test]
async fn wrong_codes_are_throttled_like_passwords() {
    let s = server().await;
    let token = s.token("jonas@acme.test").await;
    set_up_two_factor(&s, &token).await;
    let pending: Value = s
        .login_response("jonas@acme.test", "demo-password")
        .await
        .json()
        .await
        .unwrap();
    let pending = pending["token"].as_str().unwrap();
    let mut statuses = Vec::new();
    for i in 0..7 {
        let code = format!("{:06}", 111_111 + i);
        statuses.push(
            s.post("/auth/two-factor", Some(pending), json!({ "code": code }))
                .await
                .status(),
        );
    }
    assert_eq!(statuses.last(), Some(&StatusCode::TOO_MANY_REQUESTS), "{statuses:?}");
}

#[tokio::test]
async fn an_organization_that_requires_two_factor_lets_nothing_else_answer_until_it_is_set_up() {
    let s = server().await;
    let owner = s.token("owner@acme.test").await;
    // The owner sets it up first, then requires it for everyone.
    set_up_two_factor(&s, &owner).await;
    let settings: Value = s.get("/orgs/me/settings", Some(&owner)).await.json().await.unwrap();
    let mut access = settings["access"].clone();
    access["require_two_factor"] = json!(true);
    let saved = s
        .put(
            "/orgs/me/settings",
            Some(&owner),
            json!({ "version": settings["version"], "name": settings["name"], "branding": settings["branding"],
                    "embed": settings["embed"], "access": access }),
        )
        .await;
    assert_eq!(saved.status(), StatusCode::OK);

    let signed_in: Value = s
        .login_response("lena@acme.test", "demo-password")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(signed_in["next"], "set_up_two_factor");
    assert_eq!(signed_in["me"]["must_set_up_two_factor"], true);
    let lena = signed_in["token"].as_str().unwrap().to_string();
    for path in ["/orgs/me", "/orgs/me/users", "/orgs/me/settings", "/orgs/me/spaces"] {
        expect_error(
            s.get(path, Some(&lena)).await,
            StatusCode::FORBIDDEN,
            "two_factor_setup_required",
        )
        .await;
    }
    assert_eq!(s.get("/auth/me", Some(&lena)).await.status(), StatusCode::OK);
    let account: Value = s.get("/me/account", Some(&lena)).await.json().await.unwrap();
    assert_eq!(account["two_factor_required"], true);
    set_up_two_factor(&s, &lena).await;
    assert_eq!(s.get("/orgs/me/users", Some(&lena)).await.status(), StatusCode::OK);
    // Members too: the requirement is the organization's.
    let mia: Value = s
        .login_response("member@acme.test", "demo-password")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(mia["next"], "set_up_two_factor");
}

#[tokio::test]
async fn guessable_new_passwords_are_refused_everywhere_as_the_check_says() {
    let s = server().await;
    let token = s.token("jonas@acme.test").await;
    let check = |password: &str, about: Value, lang: &'static str| {
        let request = s
            .client
            .post(s.url("/auth/password-check"))
            .header("Accept-Language", lang)
            .json(&json!({ "password": password, "about": about }));
        async move { request.send().await.unwrap().json::<Value>().await.unwrap() }
    };
    // As the person types: the app's check.
    let weak = check("qwertyuiop", json!([]), "en").await;
    assert_eq!(weak["acceptable"], false);
    let message = weak["message"].as_str().unwrap().to_string();
    assert!(message.contains("too easy to guess"), "{message}");
    let german = check("qwertyuiop", json!([]), "de").await;
    assert!(
        german["message"].as_str().unwrap().contains("zu leicht zu erraten"),
        "{german}"
    );
    assert_eq!(check("short", json!([]), "en").await["acceptable"], false);
    assert_eq!(
        check("correct horse battery staple", json!([]), "en").await,
        json!({ "acceptable": true, "message": null })
    );
    let own = check("jonas@acme.test", json!(["jonas@acme.test", "Jonas", "Weber"]), "en").await;
    assert_eq!(own["acceptable"], false, "the person's own address is no password");

    // A password change says the same at the field, and changes nothing.
    let changed = send(
        &s,
        reqwest::Method::PUT,
        "/me/password",
        Some(&token),
        json!({ "current_password": "demo-password", "new_password": "qwertyuiop" }),
    )
    .await;
    let refused = expect_invalid_at(changed, "new_password").await;
    assert_eq!(refused["message"], message.as_str());
    let own_address = send(
        &s,
        reqwest::Method::PUT,
        "/me/password",
        Some(&token),
        json!({ "current_password": "demo-password", "new_password": "jonas@acme.test" }),
    )
    .await;
    expect_invalid_at(own_address, "new_password").await;
    assert_eq!(
        s.login_response("jonas@acme.test", "demo-password").await.status(),
        StatusCode::OK
    );

    // A reset link and an invitation refuse it too.
    s.post("/auth/password-reset", None, json!({ "email": "jonas@acme.test" }))
        .await;
    let link = s.secret_in_mail("jonas@acme.test", "token", 1).await;
    let reset = s
        .post(
            "/auth/password-reset/confirm",
            None,
            json!({ "token": link, "password": "1234567890" }),
        )
        .await;
    assert!(expect_invalid_at(reset, "password").await["message"]
        .as_str()
        .unwrap()
        .contains("too easy to guess"));
    let still = s
        .post(
            "/auth/password-reset/confirm",
            None,
            json!({ "token": link, "password": "a long and unusual phrase" }),
        )
        .await;
    assert_eq!(
        still.status(),
        StatusCode::NO_CONTENT,
        "the link was not spent by the refusal"
    );

    let admin = s.token("admin@acme.test").await;
    s.post(
        "/orgs/me/invitations",
        Some(&admin),
        json!({ "emails": ["newcomer@example.com"], "org_role": "member", "firstname": "", "lastname": "" }),
    )
    .await;
    let code = s.secret_in_mail("newcomer@example.com", "code", 1).await;
    let accepted = s
        .post(
            "/invitations/accept",
            None,
            json!({ "code": code, "password": "password123" }),
        )
        .await;
    expect_invalid_at(accepted, "password").await;
}

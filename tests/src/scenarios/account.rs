use thirtyfour::By;
use totp_rs::TOTP;

use crate::ensure;
use crate::harness::{Ctx, TestResult};

/// The code an authenticator app shows for `secret` (base32) at `unix` time: computed by totp-rs,
/// never by the server.
fn authenticator(secret: &str) -> Result<TOTP, Box<dyn std::error::Error + Send + Sync>> {
    let bytes = totp_rs::Secret::Encoded(secret.to_string())
        .to_bytes()
        .map_err(|e| format!("{e:?}"))?;
    Ok(TOTP::new_unchecked(
        totp_rs::Algorithm::SHA1,
        6,
        1,
        30,
        bytes,
        None,
        String::new(),
    ))
}

fn now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

pub async fn forgot_password_resets_by_mail_and_the_link_works_once(ctx: Ctx) -> TestResult {
    // The used link is refused the second time, and the old password: provoked on purpose.
    ctx.expect_problem("404 POST /api/v1/auth/password-reset/confirm");
    ctx.expect_problem("401 POST /api/v1/auth/login");
    ctx.open("/sign-in").await?;
    ctx.click("link", "Forgot password?").await?;
    ctx.wait_location("/forgot-password").await?;
    ctx.fill("Email", "jonas@acme.test").await?;
    ctx.click("button", "Send link").await?;
    ctx.wait_text("If jonas@acme.test has an account, a link to choose a new password is on its way.")
        .await?;
    ctx.snap("forgot-password").await?;

    let link = ctx.link_in_mail("jonas@acme.test", 1).await?;
    ctx.driver.goto(&link).await?;
    ctx.by_name("heading", "Choose a new password").await?;
    ensure!(
        ctx.driver.current_url().await?.fragment().is_none(),
        "the token left the address bar"
    );
    ctx.fill("New password", "short").await?;
    ctx.click("button", "Set new password").await?;
    ctx.wait_text("at least 10 characters").await?;
    ctx.fill("New password", "jonas new secret").await?;
    ctx.click("button", "Set new password").await?;
    ctx.wait_text("Your password is changed").await?;
    ctx.snap("reset-password-done").await?;

    // The link works once (opened anew, as from the mail again).
    ctx.open("/sign-in").await?;
    ctx.driver.goto(&link).await?;
    ctx.fill("New password", "yet another secret").await?;
    ctx.click("button", "Set new password").await?;
    ctx.wait_text("This link has expired or was used already.").await?;

    // The old password is gone; the new one signs in.
    ctx.open("/sign-in").await?;
    ctx.sign_in("jonas@acme.test", "demo-password").await?;
    ctx.wait_text("The email or password is not correct.").await?;
    ctx.fill("Password", "jonas new secret").await?;
    ctx.click("button", "Sign in").await?;
    ctx.wait_location("/").await?;
    Ok(())
}

/// Set up two-factor sign-in on the Account page; the authenticator.
async fn set_up(ctx: &Ctx) -> Result<TOTP, Box<dyn std::error::Error + Send + Sync>> {
    ctx.click("button", "Set up two-factor sign-in").await?;
    // The password first: a wrong one is refused at its field.
    ctx.expect_problem("401 POST /api/v1/me/two-factor/setup");
    ctx.fill("Your password, to confirm it is you", "not-my-password")
        .await?;
    ctx.click("button", "Continue").await?;
    ctx.wait_text("This is not your current password.").await?;
    ctx.snap("account-two-factor-password").await?;
    ctx.fill("Your password, to confirm it is you", "demo-password").await?;
    ctx.click("button", "Continue").await?;
    // Waits for the set-up to show.
    ctx.by_name("textbox", "Authentication code").await?;
    let secret = ctx.driver.find(By::Css("code.secret")).await?.text().await?;
    ctx.by_name("img", "QR code to scan with your authenticator app")
        .await?;
    ctx.snap("account-two-factor-setup").await?;
    let app = authenticator(&secret)?;
    ctx.fill("Authentication code", &app.generate(now())).await?;
    ctx.click("button", "Verify").await?;
    ctx.by_name("heading", "Recovery codes").await?;
    Ok(app)
}

pub async fn two_factor_is_set_up_then_asked_at_sign_in_with_a_code_or_a_recovery_code(ctx: Ctx) -> TestResult {
    // A wrong code is refused: provoked on purpose.
    ctx.expect_problem("401 POST /api/v1/auth/two-factor");
    ctx.open("/sign-in").await?;
    ctx.sign_in("admin@acme.test", "demo-password").await?;
    ctx.wait_location("/").await?;
    ctx.open_user_menu().await?;
    ctx.click("menuitem", "Account").await?;
    ctx.wait_location("/account").await?;
    ctx.snap("account").await?;
    let app = set_up(&ctx).await?;
    let codes: Vec<String> = {
        let mut out = Vec::new();
        for element in ctx.driver.find_all(By::Css(".recovery-codes code")).await? {
            out.push(element.text().await?);
        }
        out
    };
    ensure!(codes.len() == 10, "ten recovery codes, got {codes:?}");
    ctx.snap("account-recovery-codes").await?;
    ctx.click("button", "I have saved my recovery codes").await?;
    ctx.wait_text("Sign-in asks for a code from your authenticator app.")
        .await?;

    // Signing in now asks for a code after the password.
    ctx.open_user_menu().await?;
    ctx.click("menuitem", "Sign out").await?;
    ctx.wait_location("/sign-in").await?;
    ctx.sign_in("admin@acme.test", "demo-password").await?;
    ctx.by_name("textbox", "Authentication code").await?;
    ctx.snap("sign-in-code").await?;
    ensure!(ctx.stored_token().await?.is_none(), "nothing is kept before the code");
    ctx.fill("Authentication code", "000000").await?;
    ctx.click("button", "Verify").await?;
    ctx.wait_text("This code is not right").await?;
    // The next step's code: the current one was used to confirm the set-up.
    ctx.fill("Authentication code", &app.generate(now() + 30)).await?;
    ctx.click("button", "Verify").await?;
    ctx.wait_location("/").await?;
    ctx.wait_text("Acme Studio").await?;

    // A recovery code works instead, once.
    ctx.open_user_menu().await?;
    ctx.click("menuitem", "Sign out").await?;
    ctx.wait_location("/sign-in").await?;
    ctx.sign_in("admin@acme.test", "demo-password").await?;
    ctx.fill("Authentication code", &codes[0]).await?;
    ctx.click("button", "Verify").await?;
    ctx.wait_location("/").await?;
    ctx.click("link", "Users").await?;
    ctx.wait_text("Adam Alvarez").await?;
    Ok(())
}

pub async fn an_organization_requiring_two_factor_sends_people_to_set_it_up_first(ctx: Ctx) -> TestResult {
    let pool = sqlx::SqlitePool::connect(&format!("sqlite://{}", ctx.database.display())).await?;
    sqlx::query("UPDATE orgs SET settings = json_set(settings, '$.access.require_two_factor', json('true')) WHERE slug = 'acme-studio'")
        .execute(&pool)
        .await?;
    ctx.open("/sign-in?next=/users").await?;
    ctx.sign_in("lena@acme.test", "demo-password").await?;
    ctx.wait_location("/account").await?;
    ctx.wait_text("Your organization requires two-factor sign-in.").await?;
    ctx.snap("account-two-factor-required").await?;
    // Nothing else opens until it is set up.
    ctx.open("/users").await?;
    ctx.wait_location("/account").await?;
    set_up(&ctx).await?;
    ctx.click("button", "I have saved my recovery codes").await?;
    ctx.click("link", "Users").await?;
    ctx.wait_location("/users").await?;
    ctx.wait_text("Lena Fischer").await?;
    let body = ctx.body_text().await?;
    ensure!(body.contains("On"), "the users list says who has two-factor sign-in");
    Ok(())
}

/// Whether `token` still opens anything.
async fn still_signed_in(ctx: &Ctx, token: &str) -> Result<bool, Box<dyn std::error::Error + Send + Sync>> {
    let status = reqwest::Client::new()
        .get(format!("{}/api/v1/auth/me", ctx.base))
        .bearer_auth(token)
        .send()
        .await?
        .status();
    Ok(status.is_success())
}

pub async fn sessions_elsewhere_are_seen_and_signed_out_from_the_account_page(ctx: Ctx) -> TestResult {
    // Sessions opened by other browsers: a forgotten laptop and a phone.
    let laptop = ctx
        .api_token_from(
            "admin@acme.test",
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:121.0) Gecko/20100101 Firefox/121.0",
        )
        .await?;
    let phone = ctx.api_token_from(
        "admin@acme.test",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1",
    )
    .await?;
    ctx.open("/sign-in?next=/account").await?;
    ctx.sign_in("admin@acme.test", "demo-password").await?;
    ctx.wait_location("/account").await?;
    ctx.by_name("heading", "Sessions").await?;
    ctx.wait_text("This session").await?;
    ctx.wait_text("Firefox on Windows").await?;
    ctx.wait_text("Safari on iOS").await?;
    ctx.snap("account-sessions").await?;

    // The forgotten laptop, by name.
    ctx.click("button", "Sign out Firefox on Windows").await?;
    ctx.wait_text("The session was signed out.").await?;
    ensure!(
        !still_signed_in(&ctx, &laptop).await?,
        "the laptop's token opens nothing any more"
    );
    ensure!(still_signed_in(&ctx, &phone).await?, "the phone is still signed in");
    let body = ctx.body_text().await?;
    ensure!(
        !body.contains("Firefox on Windows"),
        "the list no longer shows it:\n{body}"
    );

    // Then everything but this browser.
    ctx.click("button", "Sign out other sessions").await?;
    ctx.wait_text("Other sessions signed out: 1.").await?;
    ensure!(
        !still_signed_in(&ctx, &phone).await?,
        "the phone's token opens nothing any more"
    );
    ctx.wait_location("/account").await?;
    ctx.by_name("heading", "Sessions").await?;
    Ok(())
}

/// The session's state as the server sees it, asked as background work (which does not count).
async fn idle_seconds_left(ctx: &Ctx, token: &str) -> Result<u64, Box<dyn std::error::Error + Send + Sync>> {
    let times: serde_json::Value = reqwest::Client::new()
        .get(format!("{}/api/v1/me/session", ctx.base))
        .bearer_auth(token)
        .header("X-Background", "1")
        .send()
        .await?
        .json()
        .await?;
    times["idle_seconds_left"]
        .as_u64()
        .ok_or_else(|| format!("no idle_seconds_left in {times}").into())
}

pub async fn a_person_idle_for_long_is_warned_a_minute_before_and_can_stay_signed_in(ctx: Ctx) -> TestResult {
    // An idle timeout of 66 seconds: the warning comes about 6 seconds after the last request.
    ctx.restart_server(|config| config.idle_timeout = std::time::Duration::from_secs(66))
        .await?;
    ctx.open("/sign-in").await?;
    ctx.sign_in("admin@acme.test", "demo-password").await?;
    ctx.wait_location("/").await?;
    let token = ctx.stored_token().await?.ok_or("signed in, a token is stored")?;
    ctx.by_name("alertdialog", "Are you still there?").await?;
    ctx.wait_text("you will be signed out in").await?;
    ensure!(
        idle_seconds_left(&ctx, &token).await? <= 60,
        "the warning comes in the last minute"
    );
    ctx.snap("idle-warning").await?;

    ctx.click("button", "Stay signed in").await?;
    ctx.wait_until("the warning to close", "!document.querySelector('[role=alertdialog]')")
        .await?;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
    while idle_seconds_left(&ctx, &token).await? <= 60 {
        ensure!(
            std::time::Instant::now() < deadline,
            "staying signed in gives the session its whole idle timeout again"
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }

    // It comes back when nothing happens again; this time the person leaves.
    ctx.by_name("alertdialog", "Are you still there?").await?;
    ctx.click("button", "Sign out").await?;
    ctx.wait_location("/sign-in").await?;
    ensure!(
        !still_signed_in(&ctx, &token).await?,
        "signing out from the warning ends the session"
    );
    Ok(())
}

pub async fn a_guessable_new_password_is_refused_as_it_is_typed(ctx: Ctx) -> TestResult {
    ctx.open("/sign-in?next=/account").await?;
    ctx.sign_in("admin@acme.test", "demo-password").await?;
    ctx.wait_location("/account").await?;
    // Said as it is typed, before any submit: the server's judgement, with its reason.
    ctx.fill("Current password", "demo-password").await?;
    ctx.fill("New password", "qwertyuiop").await?;
    ctx.wait_text("This password is too easy to guess. It is one of the most used passwords, or close to one.")
        .await?;
    ctx.snap("password-judgement").await?;
    // The person's own address is no password either.
    ctx.fill("New password", "admin@acme.test").await?;
    ctx.wait_text("This password is too easy to guess.").await?;
    ctx.fill("New password", "a long and unusual phrase").await?;
    ctx.wait_text("Hard to guess: a good password.").await?;

    // Submitting a weak one anyway gets the same words at the field, and changes nothing.
    ctx.fill("New password", "9876543210").await?;
    ctx.click("button", "Change password").await?;
    ctx.wait_text("Sequences like abc or 6543 are easy to guess.").await?;
    ctx.expect_problem("422 PUT /api/v1/me/password");
    ensure!(
        ctx.api_token("admin@acme.test").await.is_ok(),
        "the old password still signs in"
    );
    Ok(())
}

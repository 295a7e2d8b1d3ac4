use crate::ensure;
use crate::harness::{Ctx, TestResult};

pub async fn sign_in_reaches_the_dashboard_and_survives_a_reload(ctx: Ctx) -> TestResult {
    ctx.open("/").await?;
    ctx.wait_location("/sign-in").await?;
    ctx.sign_in("owner@acme.test", "demo-password").await?;
    ctx.wait_location("/").await?;
    ctx.wait_text("Acme Studio").await?;
    for tab in ["Dashboard", "Users", "Settings", "Subscription"] {
        ctx.by_name("link", tab).await?;
    }
    ctx.wait_text("Deprecated").await?;
    ctx.wait_text("Marketing Website").await?;
    ctx.snap("dashboard").await?;

    ctx.driver.refresh().await?;
    ctx.wait_text("Acme Studio").await?;
    ctx.wait_location("/").await?;
    ensure!(
        ctx.has("button", "Sign in").await? == false,
        "still signed in after a reload"
    );
    Ok(())
}

pub async fn wrong_password_says_so_and_keeps_the_email(ctx: Ctx) -> TestResult {
    // A wrong password is refused: provoked on purpose.
    ctx.expect_problem("401 POST /api/v1/auth/login");
    ctx.open("/sign-in").await?;
    ctx.sign_in("owner@acme.test", "not-the-password").await?;
    ctx.wait_text("The email or password is not correct.").await?;
    ctx.snap("sign-in-wrong-password").await?;
    ensure!(
        ctx.value_of("Email").await? == "owner@acme.test",
        "the email typed is kept"
    );
    ensure!(ctx.location().await? == "/sign-in", "still on the sign-in page");
    ensure!(ctx.stored_token().await?.is_none(), "no session was stored");

    // Fixing the password signs in.
    ctx.fill("Password", "demo-password").await?;
    ctx.click("button", "Sign in").await?;
    ctx.wait_location("/").await?;
    Ok(())
}

pub async fn sign_out_ends_the_session_on_the_server(ctx: Ctx) -> TestResult {
    ctx.open("/sign-in").await?;
    ctx.sign_in("admin@acme.test", "demo-password").await?;
    ctx.wait_location("/").await?;
    let token = ctx
        .stored_token()
        .await?
        .ok_or("a session token is stored after sign-in")?;

    ctx.open_user_menu().await?;
    ctx.snap("user-menu").await?;
    ctx.click("menuitem", "Sign out").await?;
    ctx.wait_location("/sign-in").await?;
    ensure!(ctx.stored_token().await?.is_none(), "the token is forgotten");

    // The old token is dead on the server, not just forgotten here.
    let status = reqwest::Client::new()
        .get(format!("{}/api/v1/auth/me", ctx.base))
        .bearer_auth(&token)
        .send()
        .await?
        .status();
    ensure!(
        status == reqwest::StatusCode::UNAUTHORIZED,
        "revoked token answered {status}"
    );

    ctx.open("/users").await?;
    ctx.wait_location("/sign-in?next=/users").await?;
    Ok(())
}

pub async fn a_throttled_sign_in_says_when_and_keeps_the_email(ctx: Ctx) -> TestResult {
    // Wrong passwords, then the throttle: provoked on purpose.
    ctx.expect_problem("401 POST /api/v1/auth/login");
    ctx.expect_problem("429 POST /api/v1/auth/login");
    ctx.open("/sign-in").await?;
    let pool = sqlx::SqlitePool::connect(&format!("sqlite://{}", ctx.database.display())).await?;
    for attempt in 1..=5 {
        ctx.sign_in("admin@acme.test", &format!("not-it-{attempt}")).await?;
        ctx.wait_text("The email or password is not correct.").await?;
        // Each try has been counted before the next one starts.
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        loop {
            let counted: i64 =
                sqlx::query_scalar("SELECT COALESCE(MAX(count), 0) FROM throttle WHERE key LIKE '%admin@acme.test|%'")
                    .fetch_one(&pool)
                    .await?;
            let idle = ctx.has("button", "Sign in").await?;
            if counted == attempt && idle {
                break;
            }
            ensure!(std::time::Instant::now() < deadline, "attempt {attempt} was counted");
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
    }
    // The sixth try waits, even with the right password, and is told for how long.
    ctx.fill("Password", "demo-password").await?;
    ctx.click("button", "Sign in").await?;
    ctx.wait_text("Too many failed sign-in attempts. Try again in 15 minutes.")
        .await?;
    ctx.snap("sign-in-throttled").await?;
    ensure!(
        ctx.value_of("Email").await? == "admin@acme.test",
        "the email typed is kept"
    );
    ensure!(ctx.location().await? == "/sign-in", "still on the sign-in page");
    ensure!(ctx.stored_token().await?.is_none(), "no session was opened");
    Ok(())
}

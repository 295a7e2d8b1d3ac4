use crate::ensure;
use crate::harness::{Ctx, TestResult};

pub async fn deep_link_returns_after_sign_in(ctx: Ctx) -> TestResult {
    ctx.open("/settings").await?;
    ctx.wait_location("/sign-in?next=/settings").await?;
    ctx.snap("sign-in").await?;
    ctx.sign_in("owner@acme.test", "demo-password").await?;
    ctx.wait_location("/settings").await?;
    ctx.by_name("heading", "Settings").await?;
    ctx.snap("settings").await?;

    // A deep link opened while signed in goes straight there.
    ctx.open("/users").await?;
    ctx.by_name("heading", "Users").await?;
    ctx.wait_location("/users").await?;
    Ok(())
}

pub async fn tabs_work_with_back_and_forward(ctx: Ctx) -> TestResult {
    ctx.open("/sign-in").await?;
    ctx.sign_in("owner@acme.test", "demo-password").await?;
    ctx.wait_location("/").await?;
    ctx.click("link", "Users").await?;
    ctx.wait_location("/users").await?;
    ctx.click("link", "Settings").await?;
    ctx.wait_location("/settings").await?;
    let current = ctx.by_name("link", "Settings").await?.attr("aria-current").await?;
    ensure!(
        current.as_deref() == Some("page"),
        "the active tab is marked current, got {current:?}"
    );

    ctx.driver.back().await?;
    ctx.wait_location("/users").await?;
    ctx.by_name("heading", "Users").await?;
    ctx.driver.forward().await?;
    ctx.wait_location("/settings").await?;
    ctx.by_name("heading", "Settings").await?;
    ctx.click("link", "Dashboard").await?;
    ctx.wait_location("/").await?;
    Ok(())
}

pub async fn unknown_paths_show_not_found(ctx: Ctx) -> TestResult {
    ctx.open("/no/such/page").await?;
    ctx.by_name("heading", "Page not found").await?;
    ctx.snap("not-found").await?;
    ctx.click("link", "Go to the dashboard").await?;
    ctx.wait_location("/sign-in").await?;
    Ok(())
}

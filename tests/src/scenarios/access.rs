use crate::ensure;
use crate::harness::{Ctx, TestResult};

pub async fn member_sees_no_access_page(ctx: Ctx) -> TestResult {
    ctx.open("/users").await?;
    ctx.sign_in("member@acme.test", "demo-password").await?;
    ctx.by_name("heading", "No access to the organization area").await?;
    ctx.snap("no-access").await?;
    ensure!(!ctx.has("link", "Users").await?, "a member gets no tabs");
    ensure!(
        !ctx.body_text().await?.contains("owner@acme.test"),
        "nor other members' addresses"
    );

    ctx.driver.refresh().await?;
    ctx.by_name("heading", "No access to the organization area").await?;
    ctx.click("button", "Sign out").await?;
    ctx.wait_location("/sign-in").await?;
    Ok(())
}

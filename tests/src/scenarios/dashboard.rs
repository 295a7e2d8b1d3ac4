use crate::ensure;
use crate::harness::{Ctx, TestResult};

async fn signed_in_owner(ctx: &Ctx) -> TestResult {
    ctx.open("/sign-in").await?;
    ctx.sign_in("owner@acme.test", "demo-password").await?;
    ctx.wait_location("/").await?;
    Ok(())
}

pub async fn dashboard_lists_spaces_charts_and_free_traffic(ctx: Ctx) -> TestResult {
    signed_in_owner(&ctx).await?;
    ctx.wait_text("Marketing Website").await?;
    let body = ctx.body_text().await?;
    ensure!(
        body.contains("Lena Fischer") && body.contains("lena@acme.test"),
        "owners with name and email"
    );
    for title in ["Spaces", "Users", "Traffic", "Free traffic", "All spaces"] {
        ctx.by_name("heading", title).await?;
    }
    let bar = ctx.by_name("progressbar", "Free traffic").await?;
    let value: f64 = bar.prop("value").await?.unwrap_or_default().parse()?;
    ensure!(value > 0.0, "the free traffic bar has a value, got {value}");
    ctx.wait_text(" of 1 TB").await?;
    ctx.wait_text("Billing month").await?;
    ctx.snap("dashboard-full").await?;
    Ok(())
}

pub async fn dashboard_filter_and_sort_live_in_the_address(ctx: Ctx) -> TestResult {
    signed_in_owner(&ctx).await?;
    ctx.wait_text("Marketing Website").await?;
    ctx.fill("Filter spaces", "lena").await?;
    ctx.wait_text("2 of 8 spaces").await?;
    ctx.click("button", "Users").await?;
    ctx.wait_location("/?q=lena&sort=users&dir=desc").await?;
    ctx.driver.refresh().await?;
    ctx.wait_text("2 of 8 spaces").await?;
    ensure!(
        ctx.value_of("Filter spaces").await? == "lena",
        "the filter survives a reload"
    );
    let body = ctx.body_text().await?;
    let help = body.find("Help Center").ok_or("Help Center listed")?;
    let mobile = body.find("Mobile App").ok_or("Mobile App listed")?;
    ensure!(
        help < mobile,
        "sorted by users, most first (Help Center 3, Mobile App 2)"
    );
    Ok(())
}

pub async fn add_a_personal_space_and_find_it_after_reload(ctx: Ctx) -> TestResult {
    signed_in_owner(&ctx).await?;
    ctx.wait_text("8 of 8 spaces").await?;
    ctx.fill("Space", "Newsletter Archive").await?;
    ctx.click("button", "Add space").await?;
    ctx.wait_text("was added to the organization").await?;
    ctx.wait_text("9 of 9 spaces").await?;
    ctx.wait_text("9 spaces now").await?;
    ctx.driver.refresh().await?;
    ctx.wait_text("9 of 9 spaces").await?;
    ensure!(
        ctx.body_text().await?.contains("Newsletter Archive"),
        "listed after a reload"
    );

    // A space that is not one's own personal space cannot be added; nothing typed is lost.
    ctx.fill("Space", "Adam's Sandbox").await?;
    ctx.click("button", "Add space").await?;
    ctx.wait_text("No space of that name in your personal account")
        .await?;
    ensure!(
        ctx.value_of("Space").await? == "Adam's Sandbox",
        "the typed name stays"
    );
    ensure!(
        ctx.body_text().await?.contains("9 of 9 spaces"),
        "nothing changed"
    );
    Ok(())
}

pub async fn detach_a_space_after_confirming(ctx: Ctx) -> TestResult {
    signed_in_owner(&ctx).await?;
    ctx.wait_text("8 of 8 spaces").await?;
    ctx.click("button", "Detach Blog").await?;
    ctx.by_name("heading", "Detach “Blog”?").await?;
    ctx.snap("detach-dialog").await?;
    ctx.click("button", "Cancel").await?;
    ensure!(
        ctx.body_text().await?.contains("8 of 8 spaces"),
        "cancel changes nothing"
    );
    ctx.click("button", "Detach Blog").await?;
    ctx.click("button", "Detach space").await?;
    ctx.wait_text("7 of 7 spaces").await?;
    ctx.driver.refresh().await?;
    ctx.wait_text("7 of 7 spaces").await?;
    Ok(())
}

//! Every screen and dialog, light and dark, 1360 and 390 px wide: no violation axe-core finds,
//! and nothing scrolls sideways on a phone.

use crate::harness::{Ctx, TestResult};

pub async fn every_screen_passes_axe_and_fits_a_phone(ctx: Ctx) -> TestResult {
    let mut problems = Vec::new();
    ctx.open("/sign-in").await?;
    ctx.by_name("button", "Sign in").await?;
    problems.extend(ctx.accessibility_problems("sign-in").await?);

    ctx.sign_in("owner@acme.test", "demo-password").await?;
    ctx.wait_location("/").await?;
    subscribe_and_reload(&ctx).await?;
    ctx.wait_text("Marketing Website").await?;
    problems.extend(ctx.accessibility_problems("dashboard").await?);

    ctx.open_user_menu().await?;
    ctx.by_name("menuitem", "Sign out").await?;
    problems.extend(ctx.accessibility_problems("user menu").await?);
    ctx.open_user_menu().await?;

    ctx.click("button", "Detach Blog").await?;
    ctx.by_name("heading", "Detach “Blog”?").await?;
    problems.extend(ctx.accessibility_problems("detach dialog").await?);
    ctx.click("button", "Cancel").await?;

    ctx.click("link", "Blog").await?;
    ctx.wait_text("people work on this space").await?;
    problems.extend(ctx.accessibility_problems("space").await?);

    for (tab, text, screen) in [
        ("Users", "9 users", "users"),
        ("Activity", "Activity", "activity"),
        ("Settings", "All changes saved", "settings"),
        ("Subscription", "Team", "subscription"),
        ("Invoices", "Invoices", "invoices"),
        ("Billing information", "Billing information", "billing"),
        ("Payment information", "Payment information", "payment"),
    ] {
        ctx.click("link", tab).await?;
        ctx.wait_text(text).await?;
        problems.extend(ctx.accessibility_problems(screen).await?);
    }

    ctx.click("link", "Users").await?;
    ctx.wait_text("9 users").await?;
    ctx.click("button", "Add user").await?;
    ctx.click("button", "Roles").await?;
    problems.extend(ctx.accessibility_problems("add user dialog").await?);
    ctx.click("button", "Cancel").await?;

    ctx.open("/account").await?;
    ctx.by_name("heading", "Account").await?;
    ctx.by_name("heading", "Access tokens").await?;
    problems.extend(ctx.accessibility_problems("account").await?);

    ctx.open("/settings/webhooks").await?;
    ctx.wait_text("No endpoints yet.").await?;
    ctx.click("radio", "Only these kinds").await?;
    ctx.by_name("checkbox", "Changed the role of org_user.update").await?;
    problems.extend(ctx.accessibility_problems("webhooks").await?);

    // A domain listed and not yet verified shows the record to publish.
    ctx.open("/settings/sso").await?;
    ctx.wait_text("No domains yet.").await?;
    ctx.fill("Domain", "example.com").await?;
    ctx.click("button", "Add domain").await?;
    ctx.by_name("textbox", "TXT record value for example.com").await?;
    problems.extend(ctx.accessibility_problems("sso").await?);

    none_of(problems)
}

/// Subscribe the signed-in owner's organization (so the billing screens open too) and reload.
pub(super) async fn subscribe_and_reload(ctx: &Ctx) -> TestResult {
    let token = ctx.stored_token().await?.ok_or("signed in")?;
    // A card first: a paid tier starts with its first payment.
    let card = serde_json::json!({ "holder": "Olivia Owens", "number": "4242424242424242", "exp_month": 12,
        "exp_year": 2031, "cvc": "123" });
    let saved = reqwest::Client::new()
        .put(format!("{}/api/v1/orgs/me/payment", ctx.base))
        .bearer_auth(&token)
        .json(&card)
        .send()
        .await?;
    crate::ensure!(saved.status().is_success(), "card saved: {}", saved.status());
    let subscribed = reqwest::Client::new()
        .put(format!("{}/api/v1/orgs/me/subscription", ctx.base))
        .bearer_auth(&token)
        .json(&serde_json::json!({ "tier": "team" }))
        .send()
        .await?;
    crate::ensure!(subscribed.status().is_success(), "subscribed: {}", subscribed.status());
    ctx.driver.refresh().await?;
    Ok(())
}

/// Pass when nothing was found, else list every problem.
pub(super) fn none_of(problems: Vec<String>) -> TestResult {
    crate::ensure!(
        problems.is_empty(),
        "{} accessibility problems:\n      {}",
        problems.len(),
        problems.join("\n      ")
    );
    Ok(())
}

//! Integrations from the browser: a personal access token made under Account, used by
//! Storyblok's JavaScript client and revoked; a webhook endpoint added under Settings → Webhooks
//! that receives a signed test event, shown in its delivery log.

use std::time::Duration;

use sha2::{Digest, Sha256};

use crate::ensure;
use crate::harness::receiver::Receiver;
use crate::harness::{Ctx, TestResult};

/// Storyblok's client reading `orgs/me` and the activities with `token`; whether it could.
async fn storyblok_client_reads(ctx: &Ctx, token: &str) -> Result<bool, Box<dyn std::error::Error + Send + Sync>> {
    let script = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../crates/server/tests/storyblok/client.mjs"
    );
    let output = tokio::process::Command::new("node")
        .args([script, &ctx.base, token, "1"])
        .output()
        .await?;
    if output.status.success() {
        let read: serde_json::Value = serde_json::from_slice(&output.stdout)?;
        ensure!(read["org"] == "Acme Studio", "the client read {read}");
    }
    Ok(output.status.success())
}

pub async fn an_access_token_made_in_the_browser_works_with_storyblok_js_client_until_revoked(ctx: Ctx) -> TestResult {
    // The revoked token's refusal, provoked on purpose, comes from node, not the page.
    ctx.open("/sign-in?next=/account").await?;
    ctx.sign_in("admin@acme.test", "demo-password").await?;
    ctx.wait_location("/account").await?;
    ctx.by_name("heading", "Access tokens").await?;
    ctx.wait_text("No tokens yet.").await?;

    // Refused at its fields first: no name, no password.
    ctx.click("button", "Generate token").await?;
    ctx.wait_text("Name the token after what will use it.").await?;
    ctx.fill("Token name", "CI deploy").await?;
    ctx.choose("Expires after", "30 days").await?;
    ctx.click("checkbox", "Manage users and invitations").await?;
    ctx.click("button", "Generate token").await?;
    ctx.wait_text("Enter your current password to make a token.").await?;
    ctx.fill("Your password, to make the token", "demo-password").await?;
    ctx.click("button", "Generate token").await?;
    ctx.wait_text("Copy this token now: it is shown only once.").await?;
    let token = ctx.value_of("The new token CI deploy").await?;
    ensure!(token.starts_with("oat_"), "a token is shown: {token:?}");
    ctx.wait_text("Manage users and invitations").await?;
    ctx.wait_text("never used").await?;
    ctx.snap("account-access-tokens").await?;

    ensure!(
        storyblok_client_reads(&ctx, &token).await?,
        "the new token reads the organization"
    );
    ctx.click("button", "I have copied it").await?;
    let body = ctx.body_text().await?;
    ensure!(!body.contains(&token), "the token is gone from the page once copied");

    // An admin sees it under Settings → Security & Access, with whose it is.
    ctx.open("/settings").await?;
    ctx.by_name("heading", "Access tokens in the organization").await?;
    ctx.wait_text("of Adam Alvarez").await?;

    // Revoked from the Account page, it opens nothing.
    ctx.open("/account").await?;
    ctx.click("button", "Revoke CI deploy").await?;
    ctx.wait_text("CI deploy was revoked; it opens nothing from now on.")
        .await?;
    ctx.wait_text("No tokens yet.").await?;
    ensure!(
        !storyblok_client_reads(&ctx, &token).await?,
        "a revoked token reads nothing"
    );
    Ok(())
}

/// HMAC-SHA256 written out from its definition (RFC 2104): the receiver checks signatures without
/// the server's code or crate.
fn hmac_sha256(key: &[u8], message: &[u8]) -> String {
    let mut block = [0u8; 64];
    if key.len() > 64 {
        block[..32].copy_from_slice(&Sha256::digest(key));
    } else {
        block[..key.len()].copy_from_slice(key);
    }
    let pad = |byte: u8| block.iter().map(|b| b ^ byte).collect::<Vec<u8>>();
    let inner = Sha256::new().chain_update(pad(0x36)).chain_update(message).finalize();
    let outer = Sha256::new().chain_update(pad(0x5c)).chain_update(inner).finalize();
    outer.iter().map(|b| format!("{b:02x}")).collect()
}

pub async fn a_webhook_endpoint_added_in_the_browser_receives_a_signed_test_event(ctx: Ctx) -> TestResult {
    ctx.restart_server(|config| config.allow_private_webhooks = true)
        .await?;
    let receiver = Receiver::start(false).await?;
    let url = receiver.url.clone();
    ctx.open("/sign-in?next=/settings").await?;
    ctx.sign_in("owner@acme.test", "demo-password").await?;
    ctx.wait_location("/settings").await?;
    ctx.click("link", "Webhooks").await?;
    ctx.wait_location("/settings/webhooks").await?;
    ctx.wait_text("No endpoints yet.").await?;

    ctx.fill("Endpoint URL", "ftp://nowhere").await?;
    ctx.click("button", "Add endpoint").await?;
    ctx.wait_text("is not an https:// address").await?;
    ctx.fill("Endpoint URL", &url).await?;
    ctx.fill("Description", "Security log").await?;
    ctx.click("radio", "Only these kinds").await?;
    ctx.click("checkbox", "Changed the role of org_user.update").await?;
    ctx.click("button", "Add endpoint").await?;
    ctx.wait_text("This is the endpoint's signing secret.").await?;
    let secret = ctx.value_of(&format!("Signing secret of {url}")).await?;
    ensure!(secret.starts_with("whsec_"), "a secret is shown: {secret:?}");
    ctx.by_name("heading", &url).await?;
    ctx.wait_text("Receives org_user.update").await?;
    ctx.click("button", "I have copied it").await?;

    ctx.click("button", "Send test event").await?;
    ctx.wait_text("A test event is on its way").await?;
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    while receiver.count() == 0 {
        ensure!(std::time::Instant::now() < deadline, "the receiver got nothing");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let delivery = receiver.received()[0].clone();
    let header = |name: &str| delivery.header(name);
    let body = &delivery.body;
    let signature = header("org-area-signature");
    let t = signature
        .split(',')
        .find_map(|p| p.strip_prefix("t="))
        .unwrap_or_default()
        .to_string();
    let signed = [t.as_bytes(), b".", body].concat();
    let expected = format!("v1={}", hmac_sha256(secret.as_bytes(), &signed));
    ensure!(
        signature.split(',').any(|p| p == expected),
        "the signature checks out: {signature}"
    );
    ensure!(
        header("org-area-event") == "webhook.test",
        "the test event: {delivery:?}"
    );

    ctx.click("button", &format!("Delivery log of {url}")).await?;
    ctx.wait_text("Delivered (200, try 1)").await?;
    ctx.wait_text("received").await?;
    ctx.snap("settings-webhooks").await?;

    // Redeliver it from the log: the receiver gets it again.
    ctx.click("button", "Redeliver delivery 1").await?;
    ctx.wait_text("Queued again").await?;
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    while receiver.count() < 2 {
        ensure!(std::time::Instant::now() < deadline, "the redelivery never came");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }

    // Changed to receive every activity: it says so, and keeps its secret.
    ctx.click("button", &format!("Change {url}")).await?;
    ctx.click("radio", "All activities, also kinds added later").await?;
    ctx.snap("settings-webhooks-change").await?;
    ctx.click("button", "Save endpoint").await?;
    ctx.wait_text("The endpoint was saved.").await?;
    ctx.wait_text("Receives every activity").await?;
    Ok(())
}

//! Settings → SSO & Provisioning in the browser, against a real DNS server on loopback: an owner
//! lists a domain, is told at the domain that its record is missing, publishes the record shown
//! and verifies the domain; the SSO identifier refuses what does not fit an address and saves what
//! does.

use crate::ensure;
use crate::harness::{Ctx, DnsServer, TestResult};

pub async fn an_owner_verifies_a_domain_by_the_txt_record_the_tab_shows(ctx: Ctx) -> TestResult {
    let dns = DnsServer::start().await?;
    let resolver = dns.addr;
    ctx.restart_server(move |config| config.dns_resolver = Some(resolver))
        .await?;
    ctx.open("/sign-in?next=/settings").await?;
    ctx.sign_in("owner@acme.test", "demo-password").await?;
    ctx.wait_location("/settings").await?;
    ctx.click("link", "SSO & Provisioning").await?;
    ctx.wait_location("/settings/sso").await?;
    ctx.wait_text("No domains yet.").await?;
    ensure!(
        ctx.value_of("SSO identifier").await? == "acme-studio",
        "the identifier is the slug until changed"
    );

    ctx.fill("Domain", "not a domain").await?;
    ctx.click("button", "Add domain").await?;
    ctx.wait_text("is not a domain like example.com").await?;
    ctx.fill("Domain", "Example.com").await?;
    ctx.click("button", "Add domain").await?;
    ctx.wait_text("example.com was added.").await?;
    ctx.wait_text("Not verified yet").await?;
    let name = ctx.value_of("TXT record name for example.com").await?;
    ensure!(name == "_org-area-challenge.example.com", "the record's name: {name:?}");
    let value = ctx.value_of("TXT record value for example.com").await?;
    ensure!(
        value.starts_with("org-area-domain-verification="),
        "the record's value: {value:?}"
    );

    // Not published yet: said at the domain, which stays unverified.
    ctx.expect_problem("422 POST /api/v1/orgs/me/sso/domains/");
    ctx.click("button", "Verify example.com").await?;
    ctx.wait_text("No TXT record was found at _org-area-challenge.example.com")
        .await?;
    ctx.snap("settings-sso-pending").await?;

    dns.publish(&name, &value)?;
    ctx.click("button", "Verify example.com").await?;
    ctx.wait_text("example.com is verified.").await?;
    ctx.by_name("button", "Check example.com again").await?;
    ensure!(
        !ctx.has("textbox", "TXT record value for example.com").await?,
        "a verified domain's card no longer asks for the record"
    );

    ctx.fill("SSO identifier", "Acme EU").await?;
    ctx.click("button", "Save identifier").await?;
    ctx.wait_text("An SSO identifier is 2 to 48 lowercase letters").await?;
    ctx.fill("SSO identifier", "acme-eu").await?;
    ctx.click("button", "Save identifier").await?;
    ctx.wait_text("The SSO identifier was saved.").await?;
    ctx.snap("settings-sso").await?;

    // Both changes are in the activity log.
    ctx.open("/activity").await?;
    ctx.wait_text("Verified the domain").await?;
    ctx.wait_text("Changed the SSO identifier to").await?;
    Ok(())
}

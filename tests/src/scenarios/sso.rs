//! Settings → SSO & Provisioning in the browser, against a real DNS server on loopback: an owner
//! lists a domain, is told at the domain that its record is missing, publishes the record shown
//! and verifies the domain; the SSO identifier refuses what does not fit an address and saves what
//! does. Then, with SSO required, a member's password is refused and a newcomer signs in with SSO
//! through a real OpenID Connect provider and joins; an owner sets a real SAML 2.0 identity
//! provider from its metadata, tests the connection in a window of its own, and a newcomer signs in
//! through it. Last, an admin generates a SCIM token and
//! watches the users list while the identity provider, with that token, creates a member, puts
//! her in a group the admin makes give Admin, suspends and removes her.

use thirtyfour::prelude::*;

use crate::ensure;
use crate::harness::{Ctx, DnsServer, OidcProvider, SamlIdentityProvider, TestResult};

/// A DNS server on loopback, and the app's server restarted to look records up there.
async fn with_dns(ctx: &Ctx) -> Result<DnsServer, Box<dyn std::error::Error + Send + Sync>> {
    let dns = DnsServer::start().await?;
    let resolver = dns.addr;
    ctx.restart_server(move |config| config.dns_resolver = Some(resolver))
        .await?;
    Ok(dns)
}

/// In the open tab: list acme.test, publish the record it shows, and verify it.
async fn verify_acme_test(ctx: &Ctx, dns: &DnsServer) -> TestResult {
    ctx.fill("Domain", "acme.test").await?;
    ctx.click("button", "Add domain").await?;
    let name = ctx.value_of("TXT record name for acme.test").await?;
    let value = ctx.value_of("TXT record value for acme.test").await?;
    dns.publish(&name, &value)?;
    ctx.click("button", "Verify acme.test").await?;
    ctx.wait_text("acme.test is verified.").await?;
    // The notice comes before the tab is redrawn with the change (and again when the live
    // update arrives): a page loaded afresh is one nothing redraws under the next steps.
    ctx.open("/settings/sso").await?;
    ctx.wait_text("Verified domains").await
}

pub async fn an_owner_verifies_a_domain_by_the_txt_record_the_tab_shows(ctx: Ctx) -> TestResult {
    let dns = with_dns(&ctx).await?;
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
    ctx.click("button", "Save").await?;
    ctx.wait_text("An SSO identifier is 2 to 48 lowercase letters").await?;
    ctx.fill("SSO identifier", "acme-eu").await?;
    ctx.click("button", "Save").await?;
    ctx.wait_text("Signing in with SSO was saved.").await?;
    ctx.snap("settings-sso").await?;

    // Both changes are in the activity log.
    ctx.open("/activity").await?;
    ctx.wait_text("Verified the domain").await?;
    ctx.wait_text("Changed SSO & Provisioning:").await?;
    Ok(())
}

/// The provider's development pages (no labels of ours to find them by): the login typed, any
/// password, then its consent.
async fn at_provider(ctx: &Ctx, login: &str) -> TestResult {
    let field = ctx.driver.query(By::Css("input[name=login]")).first().await?;
    field.clear().await?;
    field.send_keys(login).await?;
    ctx.driver
        .find(By::Css("input[name=password]"))
        .await?
        .send_keys("anything")
        .await?;
    ctx.driver.find(By::Css("button[type=submit]")).await?.click().await?;
    // Its consent page, the first time this person meets this client; then back to the app.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while std::time::Instant::now() < deadline {
        if ctx.driver.current_url().await?.as_str().starts_with(&ctx.base) {
            return Ok(());
        }
        let consent = ctx
            .driver
            .find_all(By::Css("input[name=prompt][value=consent]"))
            .await?;
        if !consent.is_empty() {
            ctx.driver.find(By::Css("button[type=submit]")).await?.click().await?;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    Err("the provider never sent the browser back".into())
}

pub async fn with_sso_required_a_newcomer_signs_in_with_sso_and_joins(ctx: Ctx) -> TestResult {
    let dns = with_dns(&ctx).await?;
    let provider = OidcProvider::start(&format!("{}/api/v1/sso/oidc/callback", ctx.base)).await?;
    ctx.open("/sign-in?next=/settings/sso").await?;
    ctx.sign_in("owner@acme.test", "demo-password").await?;
    ctx.wait_location("/settings/sso").await?;

    // The owner proves acme.test and sets the provider up.
    verify_acme_test(&ctx, &dns).await?;
    let redirect = ctx.value_of("Redirect URI").await?;
    ensure!(
        redirect == format!("{}/api/v1/sso/oidc/callback", ctx.base),
        "the redirect URI to register: {redirect:?}"
    );
    ctx.fill("Issuer URL", "http://login.example.com").await?;
    ctx.fill("Client ID", OidcProvider::CLIENT_ID).await?;
    ctx.click("button", "Save provider").await?;
    ctx.wait_text("must be an https:// address").await?;
    ctx.fill("Issuer URL", &provider.issuer).await?;
    ctx.fill("Client secret", OidcProvider::CLIENT_SECRET).await?;
    ctx.click("button", "Save provider").await?;
    ctx.wait_text("The identity provider was saved.").await?;
    ctx.by_name("button", "Remove provider").await?;
    // Passwords no longer open accounts at acme.test, but the owner's.
    ctx.click("checkbox", "Require SSO").await?;
    ctx.click("button", "Save").await?;
    ctx.wait_text("Signing in with SSO was saved.").await?;
    ctx.snap("settings-sso-provider").await?;
    ctx.open_user_menu().await?;
    ctx.click("menuitem", "Sign out").await?;
    ctx.wait_location("/sign-in").await?;
    ctx.expect_problem("403 POST /api/v1/auth/login");
    ctx.sign_in("lena@acme.test", "demo-password").await?;
    ctx.wait_text("Your organization signs you in with single sign-on")
        .await?;
    ctx.snap("sign-in-sso-required").await?;

    // Nora has no account yet.
    ctx.click("link", "Sign in with SSO").await?;
    ctx.wait_location("/sign-in/sso").await?;
    ctx.fill("Email or SSO identifier", "nora@elsewhere.test").await?;
    ctx.expect_problem("422 POST /api/v1/auth/sso");
    ctx.click("button", "Continue").await?;
    ctx.wait_text("No organization signs in with single sign-on").await?;
    ctx.snap("sign-in-sso").await?;
    ctx.fill("Email or SSO identifier", "nora@acme.test").await?;
    ctx.click("button", "Continue").await?;
    at_provider(&ctx, "nora@acme.test").await?;
    // Back, signed in as a member: the organization's people and settings are not hers to see.
    ctx.wait_text("You are signed in as nora@acme.test.").await?;
    ctx.snap("sign-in-sso-member").await?;
    ensure!(
        !ctx.has("link", "Users").await?,
        "a member by the default role sees no Users tab"
    );
    Ok(())
}

pub async fn an_owner_sets_a_saml_provider_from_its_metadata_and_a_newcomer_signs_in_through_it(
    ctx: Ctx,
) -> TestResult {
    let dns = with_dns(&ctx).await?;
    let idp = SamlIdentityProvider::start().await?;
    ctx.open("/sign-in?next=/settings/sso").await?;
    ctx.sign_in("owner@acme.test", "demo-password").await?;
    ctx.wait_location("/settings/sso").await?;
    verify_acme_test(&ctx, &dns).await?;

    // What the provider is told about us.
    let entity_id = ctx.value_of("Entity ID (audience)").await?;
    ensure!(
        entity_id == format!("{}/api/v1/sso/acme-studio/saml/metadata", ctx.base),
        "our entity ID: {entity_id:?}"
    );
    let acs = ctx.value_of("ACS URL (reply URL)").await?;
    ensure!(
        acs == format!("{}/api/v1/sso/acme-studio/saml/acs", ctx.base),
        "our ACS URL: {acs:?}"
    );

    // Typed by hand, with something that is no certificate: said at the field, nothing lost.
    ctx.fill("Identity provider entity ID (issuer)", "urn:example:idp")
        .await?;
    ctx.fill("Single sign-on URL", "https://idp.example/sso").await?;
    ctx.fill("Signing certificate", "not a certificate").await?;
    ctx.expect_problem("422 PUT /api/v1/orgs/me/sso/saml");
    ctx.click("button", "Save SAML provider").await?;
    ctx.wait_text("This is not an X.509 certificate").await?;
    ensure!(
        ctx.value_of("Single sign-on URL").await? == "https://idp.example/sso",
        "what was typed stays"
    );

    // The provider's metadata, pasted, while something is half typed in the other card: the
    // tab's reload after the save keeps it.
    ctx.fill("Issuer URL", "https://half-typed.example").await?;
    ctx.fill("Identity provider metadata (XML)", &idp.metadata().await?)
        .await?;
    ctx.click("button", "Save SAML provider").await?;
    ctx.wait_text("The SAML identity provider was saved.").await?;
    ctx.wait_text("Signing certificates kept").await?;
    ensure!(
        ctx.value_of("Issuer URL").await? == "https://half-typed.example",
        "what was being typed in another card stays through the reload"
    );
    ensure!(
        ctx.value_of("Single sign-on URL").await? == format!("{}/sso", idp.base),
        "the saved card shows what was read from the metadata"
    );
    ctx.open("/settings/sso").await?;
    ctx.wait_text("Signing certificates kept").await?;
    ctx.wait_text("Test identity provider · SHA-256").await?;
    ensure!(
        ctx.value_of("Single sign-on URL").await? == format!("{}/sso", idp.base),
        "the sign-in URL read from the metadata"
    );
    ctx.by_name("button", "Remove SAML provider").await?;
    ctx.snap("settings-sso-saml").await?;

    // "Test connection" signs in at the provider in a window of its own and shows what came back.
    let tab = ctx.driver.window().await?;
    ctx.click("button", "Test connection").await?;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    let window = loop {
        let windows = ctx.driver.windows().await?;
        if let Some(other) = windows.into_iter().find(|w| *w != tab) {
            break other;
        }
        ensure!(std::time::Instant::now() < deadline, "no window opened for the test");
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    };
    ctx.driver.switch_to_window(window).await?;
    ctx.fill("Email", "tess@acme.test").await?;
    ctx.fill("Groups", "Engineering, Admins").await?;
    ctx.click("button", "Sign in").await?;
    ctx.wait_text("Test connection: what came back").await?;
    ctx.wait_text("Engineering, Admins").await?;
    ctx.wait_text("Yes: the address is at a domain verified here.").await?;
    ctx.snap("settings-sso-test").await?;
    ctx.driver.close_window().await?;
    ctx.driver.switch_to_window(tab).await?;

    ctx.open_user_menu().await?;
    ctx.click("menuitem", "Sign out").await?;
    ctx.wait_location("/sign-in").await?;
    ctx.click("link", "Sign in with SSO").await?;
    ctx.wait_location("/sign-in/sso").await?;
    ctx.fill("Email or SSO identifier", "sam@acme.test").await?;
    ctx.click("button", "Continue").await?;
    // The provider's sign-in page; its answer posts itself back to us.
    ctx.fill("Email", "sam@acme.test").await?;
    ctx.fill("First name", "Sam").await?;
    ctx.click("button", "Sign in").await?;
    ctx.wait_text("You are signed in as sam@acme.test.").await?;
    ensure!(
        !ctx.has("link", "Users").await?,
        "a member by the default role sees no Users tab"
    );
    Ok(())
}

/// A SCIM request as the identity provider sends it, with the token the tab showed.
async fn provider_sends(
    ctx: &Ctx,
    token: &str,
    method: reqwest::Method,
    path: &str,
    body: Option<serde_json::Value>,
) -> Result<serde_json::Value, Box<dyn std::error::Error + Send + Sync>> {
    let mut request = reqwest::Client::new()
        .request(method, format!("{}/scim/v2{path}", ctx.base))
        .bearer_auth(token);
    if let Some(body) = body {
        request = request
            .header("content-type", "application/scim+json")
            .body(body.to_string());
    }
    let response = request.send().await?;
    ensure!(response.status().is_success(), "{path} answered {}", response.status());
    Ok(response.json().await.unwrap_or(serde_json::Value::Null))
}

/// Wait until the page no longer shows `text`.
async fn wait_gone(ctx: &Ctx, text: &str) -> TestResult {
    let script = format!("!document.body.innerText.includes({})", serde_json::json!(text));
    ctx.wait_until(&format!("{text:?} to go"), &script).await
}

pub async fn scim_provisions_groups_suspends_and_removes_a_member_while_the_users_list_updates_live(
    ctx: Ctx,
) -> TestResult {
    let dns = with_dns(&ctx).await?;
    ctx.open("/sign-in?next=/settings/sso").await?;
    ctx.sign_in("admin@acme.test", "demo-password").await?;
    ctx.wait_location("/settings/sso").await?;
    verify_acme_test(&ctx, &dns).await?;

    // The token is shown once, with the URL to give the provider.
    ctx.wait_text("No SCIM token yet: provisioning is off.").await?;
    let url = ctx.value_of("SCIM base URL").await?;
    ensure!(url == format!("{}/scim/v2", ctx.base), "the SCIM base URL: {url:?}");
    ctx.click("button", "Generate SCIM token").await?;
    let token = ctx.value_of("New SCIM token").await?;
    ensure!(token.len() >= 40, "a token: {token:?}");
    ctx.wait_text("not used yet").await?;
    ctx.snap("settings-sso-scim").await?;
    ctx.click("button", "I have copied it").await?;
    ensure!(
        !ctx.has("textbox", "New SCIM token").await?,
        "the token is gone once copied"
    );

    // The admin watches the team's part of the users list while the provider works.
    ctx.open("/users?q=acme.test").await?;
    ctx.wait_text("member@acme.test").await?;
    let nora = serde_json::json!({
        "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
        "userName": "nora@acme.test",
        "name": { "givenName": "Nora", "familyName": "Newton" },
        "emails": [{ "primary": true, "value": "nora@acme.test", "type": "work" }],
        "externalId": "00u-nora",
        "active": true,
    });
    let created = provider_sends(&ctx, &token, reqwest::Method::POST, "/Users", Some(nora)).await?;
    let id = created["id"].as_str().ok_or("an id")?.to_owned();
    ctx.wait_text("nora@acme.test").await?;

    // The provider pushes a group with her; the admin makes it give Admin, and she is one.
    let leads = serde_json::json!({
        "schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"],
        "displayName": "Engineering Leads",
        "members": [{ "value": id }],
    });
    provider_sends(&ctx, &token, reqwest::Method::POST, "/Groups", Some(leads)).await?;
    ctx.open("/settings/sso").await?;
    ctx.wait_text("Engineering Leads").await?;
    ctx.choose("Role given by Engineering Leads", "Admin").await?;
    ctx.wait_text("The role given by Engineering Leads was saved").await?;
    ctx.snap("settings-sso-scim-groups").await?;
    ctx.open("/users?q=acme.test").await?;
    // Her row's role control, or its text where the admin may not change it.
    ctx.wait_until(
        "Nora to be an admin",
        "(() => { const row = [...document.querySelectorAll('tr')].find(r => r.innerText.includes('nora@acme.test')); \
           if (!row) return false; const role = row.querySelector('select'); \
           return role ? role.value === 'admin' : row.innerText.includes('Admin'); })()",
    )
    .await?;
    let suspend = serde_json::json!({
        "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
        "Operations": [{ "op": "replace", "value": { "active": false } }],
    });
    provider_sends(
        &ctx,
        &token,
        reqwest::Method::PATCH,
        &format!("/Users/{id}"),
        Some(suspend),
    )
    .await?;
    ctx.wait_until(
        "Nora's row to say she is disabled",
        "[...document.querySelectorAll('tr.disabled-user')].some(r => r.innerText.includes('nora@acme.test'))",
    )
    .await?;
    provider_sends(&ctx, &token, reqwest::Method::DELETE, &format!("/Users/{id}"), None).await?;
    wait_gone(&ctx, "nora@acme.test").await?;

    // Each step is in the activity log, by the identity provider.
    ctx.open("/activity").await?;
    ctx.wait_text("Provisioned by the identity provider:").await?;
    ctx.wait_text("Suspended by the identity provider:").await?;
    ctx.wait_text("Removed by the identity provider:").await?;
    Ok(())
}

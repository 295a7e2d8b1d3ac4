use crate::ensure;
use crate::harness::{AppServer, Ctx, TestResult};

pub async fn dropped_server_shows_message_and_retry(ctx: Ctx) -> TestResult {
    ctx.open("/sign-in").await?;
    ctx.sign_in("owner@acme.test", "demo-password").await?;
    ctx.wait_text("Marketing Website").await?;
    ctx.click("link", "Users").await?;
    ctx.wait_location("/users").await?;

    let addr = {
        let mut server = ctx.server.lock().await;
        server.stop();
        server.addr
    };
    ctx.click("link", "Dashboard").await?;
    ctx.wait_text("The server cannot be reached").await?;
    ctx.by_name("button", "Retry").await?;
    ctx.snap("server-unreachable").await?;
    ensure!(
        ctx.stored_token().await?.is_some(),
        "a dropped network does not sign anyone out"
    );

    // The server comes back on the same address and database: Retry recovers, no reload needed.
    *ctx.server.lock().await = AppServer::start(addr, &ctx.database, &ctx.dist)?;
    ctx.click("button", "Retry").await?;
    ctx.wait_text("Marketing Website").await?;
    Ok(())
}

pub async fn built_app_has_no_inline_script(ctx: Ctx) -> TestResult {
    let response = reqwest::get(format!("{}/users", ctx.base)).await?;
    let csp = response.headers()["content-security-policy"].to_str()?.to_string();
    ensure!(
        csp.contains("script-src 'self' 'wasm-unsafe-eval'"),
        "strict CSP on the app: {csp}"
    );
    let html = response.text().await?;
    for tag in html.split("<script").skip(1) {
        let open = &tag[..tag.find('>').unwrap_or(0)];
        let body = tag[tag.find('>').map_or(0, |i| i + 1)..]
            .split("</script>")
            .next()
            .unwrap_or("");
        ensure!(
            open.contains("src=") && body.trim().is_empty(),
            "inline script in index.html: <script{open}>{body}"
        );
    }
    // And the app really runs under that policy.
    ctx.open("/sign-in").await?;
    ctx.by_name("button", "Sign in").await?;
    Ok(())
}

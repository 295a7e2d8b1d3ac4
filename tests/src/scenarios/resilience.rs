use crate::ensure;
use crate::harness::{AppServer, Ctx, TestResult};

pub async fn dropped_server_shows_message_and_retry(ctx: Ctx) -> TestResult {
    // The dashboard's loads while the server is gone get no answer: provoked on purpose.
    ctx.expect_problem("no answer GET /api/v1/");
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

/// A screen's code is downloaded when it is first shown: a dropped network then says so on the
/// page, and "Retry" fetches it once the server is back, without a reload.
pub async fn a_screen_whose_code_cannot_be_downloaded_says_so_and_retries(ctx: Ctx) -> TestResult {
    // The chunk's download, and the live updates, while the server is gone: on purpose.
    ctx.expect_problem("no answer GET /app/");
    ctx.expect_problem("Failed to fetch");
    ctx.expect_problem("no answer GET /api/v1/");
    ctx.open("/sign-in").await?;
    ctx.sign_in("owner@acme.test", "demo-password").await?;
    ctx.wait_text("Marketing Website").await?;
    // The dashboard has all it downloads (the charts' module among it) before the server goes.
    for chart in ["spaces", "users", "traffic"] {
        super::dashboard::wait_chart_drawn(&ctx, chart).await?;
    }
    let addr = {
        let mut server = ctx.server.lock().await;
        server.stop();
        server.addr
    };
    ctx.click("link", "Activity").await?;
    ctx.wait_text("This page could not be loaded. Check your connection and try again.")
        .await?;
    ctx.snap("screen-not-loaded").await?;
    ensure!(
        ctx.stored_token().await?.is_some(),
        "a dropped network does not sign anyone out"
    );
    *ctx.server.lock().await = AppServer::start(addr, &ctx.database, &ctx.dist)?;
    ctx.click("button", "Retry").await?;
    ctx.by_name("heading", "Activity").await?;
    ensure!(
        ctx.by_name("link", "Users").await.is_ok(),
        "the rest of the app still works"
    );
    Ok(())
}

pub async fn built_app_runs_only_scripts_its_policy_names(ctx: Ctx) -> TestResult {
    use base64::Engine;
    use sha2::Digest;
    let response = reqwest::get(format!("{}/users", ctx.base)).await?;
    let csp = response.headers()["content-security-policy"].to_str()?.to_string();
    ensure!(
        csp.contains("script-src 'self' 'wasm-unsafe-eval'"),
        "strict CSP on the app: {csp}"
    );
    let html = response.text().await?;
    let mut inline = 0;
    for tag in html.split("<script").skip(1) {
        let open = &tag[..tag.find('>').unwrap_or(0)];
        let body = tag[tag.find('>').map_or(0, |i| i + 1)..]
            .split("</script>")
            .next()
            .unwrap_or("");
        if open.contains("src=") {
            ensure!(
                body.trim().is_empty(),
                "a script with both src and a body: <script{open}>"
            );
            continue;
        }
        // The one inline script (the page's bootstrap) is allowed by its hash, in the header
        // and in the page's own meta policy, and nothing else inline is.
        inline += 1;
        let hash = base64::engine::general_purpose::STANDARD.encode(sha2::Sha256::digest(body.as_bytes()));
        let source = format!("'sha256-{hash}'");
        ensure!(
            csp.contains(&source),
            "the header allows the inline script by its hash {source}: {csp}"
        );
        ensure!(
            html.contains(&format!("script-src 'self' 'wasm-unsafe-eval' {source};")),
            "the meta policy allows it too"
        );
    }
    ensure!(inline == 1, "exactly one inline script, the bootstrap: {inline}");
    // And the app really runs under that policy.
    ctx.open("/sign-in").await?;
    ctx.by_name("button", "Sign in").await?;
    Ok(())
}

/// While the service answers reads with 503 `unavailable` (its database out of reach: the server
/// side is tested in the server's own tests), the frame says so and the screen waits; once reads
/// are answered again, the screen appears by itself, without a click or a reload. The answers are
/// made in the page's `fetch`, the one place a browser test can make them.
pub async fn an_unavailable_service_is_announced_and_waited_out(ctx: Ctx) -> TestResult {
    ctx.open("/sign-in").await?;
    ctx.sign_in("owner@acme.test", "demo-password").await?;
    ctx.wait_text("Marketing Website").await?;
    ctx.driver
        .execute(
            r#"
            globalThis.__realFetch = globalThis.fetch;
            globalThis.__unavailable = true;
            globalThis.fetch = function (request, init) {
                const url = String(request instanceof Request ? request.url : request);
                const method = (init && init.method) || (request instanceof Request ? request.method : "GET");
                if (globalThis.__unavailable && method === "GET" && url.includes("/api/v1/orgs/me/")) {
                    const body = { error: { code: "unavailable", message: "The service is unavailable. Please try again in a moment.", field: null } };
                    return Promise.resolve(new Response(JSON.stringify(body), {
                        status: 503, headers: { "Content-Type": "application/json", "Retry-After": "1" } }));
                }
                return globalThis.__realFetch.apply(this, arguments);
            };
            "#,
            Vec::new(),
        )
        .await?;
    ctx.click("link", "Users").await?;
    ctx.wait_text("The service is unavailable, retrying…").await?;
    ctx.wait_until(
        "the notice in a live region, announced",
        "[...document.querySelectorAll('[role=status]')].some(r => r.innerText.includes('The service is unavailable, retrying'))",
    )
    .await?;
    ctx.snap("service-unavailable").await?;
    ensure!(
        ctx.stored_token().await?.is_some(),
        "an unavailable service does not sign anyone out"
    );
    ctx.driver
        .execute("globalThis.__unavailable = false;", Vec::new())
        .await?;
    ctx.wait_text("9 shown of 9 users").await?;
    ctx.wait_until(
        "the notice to go",
        "!document.body.innerText.includes('The service is unavailable, retrying')",
    )
    .await?;
    Ok(())
}

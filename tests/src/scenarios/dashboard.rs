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
    for chart in ["spaces", "users", "traffic"] {
        wait_chart_drawn(&ctx, chart).await?;
    }
    if std::env::var_os("ORG_AREA_E2E_SCREENSHOTS").is_some() {
        // The charts' entry animation has finished, so the picture shows them whole.
        charts_at_rest(&ctx).await?;
    }
    ctx.snap("dashboard-full").await?;

    // Another period updates the charts in place: the same canvases, new data.
    let before = canvas_ids(&ctx).await?;
    ctx.choose("Period", "Last 12 months").await?;
    ctx.wait_location("/?period=12m").await?;
    ctx.wait_text("shown per month").await?;
    for chart in ["spaces", "users", "traffic"] {
        wait_chart_drawn(&ctx, chart).await?;
    }
    ensure!(
        canvas_ids(&ctx).await? == before,
        "charts are updated, not created again"
    );
    Ok(())
}

/// Wait until the chart's container holds a canvas with something painted on it.
pub(super) async fn wait_chart_drawn(ctx: &Ctx, chart: &str) -> TestResult {
    let script = r#"
        const canvas = document.querySelector('#chart-' + arguments[0] + ' canvas');
        if (!canvas || canvas.width === 0) return false;
        const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
        for (let i = 3; i < pixels.length; i += 4) if (pixels[i] !== 0) return true;
        return false;
    "#;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(15);
    loop {
        if ctx.driver.execute(script, vec![chart.into()]).await?.json().as_bool() == Some(true) {
            return Ok(());
        }
        ensure!(
            std::time::Instant::now() < deadline,
            "the {chart} chart was never drawn"
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}

/// Wait until no chart's picture changes from one frame to the next (their animations are over).
async fn charts_at_rest(ctx: &Ctx) -> TestResult {
    let script = r#"
        const done = arguments[arguments.length - 1];
        const pictures = () => [...document.querySelectorAll('canvas')].map((c) => c.toDataURL());
        const before = pictures();
        requestAnimationFrame(() => requestAnimationFrame(() =>
            done(pictures().every((p, i) => p === before[i]))));
    "#;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(15);
    while ctx.driver.execute_async(script, Vec::new()).await?.json().as_bool() != Some(true) {
        ensure!(std::time::Instant::now() < deadline, "the charts never came to rest");
    }
    Ok(())
}

/// An identity for each chart's canvas element, to tell updated charts from recreated ones.
async fn canvas_ids(ctx: &Ctx) -> Result<Vec<String>, Box<dyn std::error::Error + Send + Sync>> {
    let script = r#"
        return Array.from(document.querySelectorAll('.chart canvas')).map((c) => {
            c.dataset.seen = c.dataset.seen || String(Math.random());
            return c.dataset.seen;
        });
    "#;
    let ids = ctx.driver.execute(script, vec![]).await?.json().clone();
    Ok(ids
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|v| v.as_str().map(String::from))
        .collect())
}

/// The sign-in page is the main module alone: no ECharts, no charts module, no chunk.
pub async fn sign_in_page_never_loads_echarts(ctx: Ctx) -> TestResult {
    ctx.open("/sign-in").await?;
    ctx.by_name("button", "Sign in").await?;
    let loaded = ctx
        .driver
        .execute(
            r#"return typeof window.echarts !== 'undefined' || performance.getEntriesByType('resource').some((r) => r.name.includes('/charts/echarts-') || r.name.includes('/charts/org_area_charts-') || /\/app\/(split|chunk)_/.test(r.name));"#,
            vec![],
        )
        .await?
        .json()
        .as_bool();
    ensure!(
        loaded == Some(false),
        "ECharts, the charts module or a chunk was loaded on the sign-in page"
    );
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
    ctx.wait_text("No space of that name in your personal account").await?;
    ensure!(ctx.value_of("Space").await? == "Adam's Sandbox", "the typed name stays");
    ensure!(ctx.body_text().await?.contains("9 of 9 spaces"), "nothing changed");
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

pub async fn space_added_meanwhile_gets_a_clear_error(ctx: Ctx) -> TestResult {
    // Adding it again is a conflict: provoked on purpose.
    ctx.expect_problem("409 POST /api/v1/orgs/me/spaces");
    signed_in_owner(&ctx).await?;
    ctx.wait_text("8 of 8 spaces").await?;
    // Someone else (another tab, a colleague) adds the space after this page loaded.
    let token = ctx.stored_token().await?.ok_or("signed in")?;
    let client = reqwest::Client::new();
    let personal: serde_json::Value = client
        .get(format!("{}/api/v1/me/personal-spaces", ctx.base))
        .bearer_auth(&token)
        .send()
        .await?
        .json()
        .await?;
    let id = personal["spaces"]
        .as_array()
        .and_then(|spaces| spaces.iter().find(|s| s["name"] == "Photo Portfolio"))
        .and_then(|s| s["id"].as_i64())
        .ok_or("Photo Portfolio is a personal space")?;
    let added = client
        .post(format!("{}/api/v1/orgs/me/spaces", ctx.base))
        .bearer_auth(&token)
        .json(&serde_json::json!({ "space_id": id }))
        .send()
        .await?;
    ensure!(
        added.status() == reqwest::StatusCode::CREATED,
        "added behind the page's back"
    );

    ctx.fill("Space", "Photo Portfolio").await?;
    ctx.click("button", "Add space").await?;
    ctx.wait_text("This space is already in your organization.").await?;
    ensure!(
        ctx.value_of("Space").await? == "Photo Portfolio",
        "the typed name stays"
    );
    Ok(())
}

pub async fn add_a_collaborator_to_a_space(ctx: Ctx) -> TestResult {
    signed_in_owner(&ctx).await?;
    ctx.click("link", "Blog").await?;
    ctx.by_name("heading", "Blog").await?;
    ctx.wait_text("2 people work on this space").await?;
    ctx.fill("User", "carla@bakery.test").await?;
    ctx.wait_text("2 people work on this space").await?;
    // The user list is searched as one types: the suggestion arrives.
    ctx.wait_until(
        "Carla among the suggestions",
        "document.querySelector('#organization-users option[value=\"carla@bakery.test\"]')",
    )
    .await?;
    ctx.choose("Space role", "viewer").await?;
    ctx.click("button", "Add to space").await?;
    ctx.wait_text("Carla Rossi is now viewer in this space.").await?;
    ctx.wait_text("3 people work on this space").await?;
    ctx.snap("space").await?;
    ctx.driver.refresh().await?;
    let role = ctx.by_name("textbox", "Space role for Carla Rossi").await?;
    ensure!(
        role.prop("value").await?.as_deref() == Some("viewer"),
        "the collaborator stays after a reload"
    );
    ctx.click("button", "Remove Carla Rossi from this space").await?;
    ctx.wait_text("2 people work on this space").await?;
    Ok(())
}

/// The texts ECharts draws on the chart's canvas (axis labels, legend and, while hovered, the
/// tooltip: `renderMode: richText` draws it there).
pub(super) async fn drawn_texts(
    ctx: &Ctx,
    chart: &str,
) -> Result<Vec<String>, Box<dyn std::error::Error + Send + Sync>> {
    let json = ctx
        .eval_string(&format!(
            "const c = echarts.getInstanceByDom(document.getElementById('chart-{chart}'));
             return JSON.stringify(c.getZr().storage.getDisplayList()
                 .map((el) => (el.style && typeof el.style.text === 'string') ? el.style.text.trim() : '')
                 .filter((t) => t.length > 0));"
        ))
        .await?;
    Ok(serde_json::from_str(&json)?)
}

pub async fn every_chart_shows_its_tooltip_under_the_strict_policy(ctx: Ctx) -> TestResult {
    signed_in_owner(&ctx).await?;
    for (chart, series) in [("spaces", "Spaces"), ("users", "Users"), ("traffic", "Traffic (GB)")] {
        wait_chart_drawn(&ctx, chart).await?;
        let element = ctx.driver.find(thirtyfour::By::Id(format!("chart-{chart}"))).await?;
        let heading = ctx.by_name("heading", "All spaces").await?;
        ctx.driver
            .action_chain()
            .move_to_element_center(&heading)
            .perform()
            .await?;
        let still = drawn_texts(&ctx, chart).await?;
        // A little left of the middle: over the line or bars of every chart (the users chart's
        // right part is its pie).
        let rect = element.rect().await?;
        let (x, y) = (-(rect.width * 0.1) as i64, 0);
        let mut tooltip = Vec::new();
        for _ in 0..20 {
            ctx.driver
                .action_chain()
                .move_to_element_with_offset(&element, x, y)
                .perform()
                .await?;
            // What is drawn now and was not before the pointer came: the tooltip.
            tooltip = drawn_texts(&ctx, chart).await?;
            for text in &still {
                if let Some(i) = tooltip.iter().position(|t| t == text) {
                    tooltip.remove(i);
                }
            }
            if tooltip.iter().any(|t| t == series) {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        ensure!(
            tooltip.iter().any(|t| t == series),
            "hovering the {chart} chart shows a tooltip naming {series}, got {tooltip:?}"
        );
        if chart == "traffic" {
            // Gigabytes to two places, requests with thousands separators: never a raw float
            // like 20.410767.
            let after = |name: &str| {
                tooltip
                    .iter()
                    .position(|t| t == name)
                    .and_then(|i| tooltip.get(i + 1))
                    .cloned()
                    .unwrap_or_default()
            };
            let gigabytes = after("Traffic (GB)");
            ensure!(
                gigabytes.parse::<f64>().is_ok() && gigabytes.split('.').nth(1).is_none_or(|d| d.len() <= 2),
                "traffic shows gigabytes to at most two places, got {gigabytes:?} in {tooltip:?}"
            );
            let requests = after("API requests");
            ensure!(
                requests.len() < 4 || requests.contains(','),
                "requests show thousands separators, got {requests:?}"
            );
        }
    }
    // Hovering raised no policy violation: the suite fails the scenario on any (see the harness).
    Ok(())
}

/// Regions Access: the owner allows only Europe; the dashboard flags the spaces elsewhere, the
/// space picker marks a personal space elsewhere and "Add space" refuses it, keeping what was
/// typed; a flagged space's page says its region.
pub async fn owner_limits_regions_and_the_dashboard_flags_what_is_elsewhere(ctx: Ctx) -> TestResult {
    signed_in_owner(&ctx).await?;
    ctx.wait_text("8 of 8 spaces").await?;
    ensure!(
        !ctx.body_text().await?.contains("Not in an allowed region"),
        "nothing is flagged while every region is allowed"
    );
    ctx.click("link", "Settings").await?;
    ctx.click("checkbox", "EU (Europe)").await?;
    ctx.click("button", "Save settings").await?;
    ctx.wait_text("All changes saved").await?;
    ctx.snap("settings-regions").await?;

    ctx.click("link", "Dashboard").await?;
    ctx.wait_text("8 of 8 spaces").await?;
    ctx.wait_text("spaces are in regions your organization does not allow")
        .await?;
    ctx.wait_text("Not in an allowed region").await?;
    ctx.snap("dashboard-regions").await?;

    let label = ctx
        .eval_string(
            "return [...document.querySelectorAll('#personal-spaces option')]
                .find(o => o.value === 'Photo Portfolio')?.label ?? ''",
        )
        .await?;
    ensure!(
        label == "US (United States), not allowed by your organization",
        "the picker marks the space: {label:?}"
    );
    ctx.fill("Space", "Photo Portfolio").await?;
    ctx.click("button", "Add space").await?;
    ctx.wait_text("“Photo Portfolio” is in region US, and your organization takes spaces only from EU.")
        .await?;
    ensure!(
        ctx.value_of("Space").await? == "Photo Portfolio",
        "the typed name stays"
    );
    ensure!(ctx.body_text().await?.contains("8 of 8 spaces"), "nothing was added");

    // A flagged space's own page says where it is.
    let flagged = ctx
        .eval_string(
            "return [...document.querySelectorAll('tbody tr')]
                .find(r => r.textContent.includes('Not in an allowed region'))
                ?.querySelector('a')?.textContent ?? ''",
        )
        .await?;
    ensure!(!flagged.is_empty(), "a flagged row links to its space");
    ctx.click("link", &flagged).await?;
    ctx.by_name("heading", &flagged).await?;
    ctx.wait_text("Region: ").await?;
    ensure!(
        ctx.body_text().await?.contains("Not in an allowed region"),
        "the space page flags it too"
    );
    ctx.snap("space-region").await?;
    Ok(())
}

/// A usage alert: the month's traffic passes 80 % of what is included, the scheduler's round
/// (here the one an instance runs as it starts) tells the organization, and the owner sees the
/// banner on every screen until they dismiss it, also after a reload.
pub async fn a_usage_alert_shows_a_banner_until_dismissed(ctx: Ctx) -> TestResult {
    let pool = sqlx::SqlitePool::connect(&format!("sqlite://{}", ctx.database.display())).await?;
    // The demo's own month may be past a threshold already: it starts from nothing.
    sqlx::query(
        "DELETE FROM traffic WHERE date >= strftime('%Y-%m-01', 'now')
         AND space_id IN (SELECT id FROM spaces WHERE org_id = (SELECT id FROM orgs WHERE slug = 'acme-studio'))",
    )
    .execute(&pool)
    .await?;
    sqlx::query("DELETE FROM usage_alerts").execute(&pool).await?;
    let token = ctx.api_token("owner@acme.test").await?;
    let stats: serde_json::Value = reqwest::Client::new()
        .get(format!("{}/api/v1/orgs/me/statistics", ctx.base))
        .bearer_auth(&token)
        .send()
        .await?
        .json()
        .await?;
    let included = stats["free_traffic"]["included_bytes"]
        .as_i64()
        .ok_or("included traffic")?;
    sqlx::query(
        "INSERT INTO traffic (space_id, date, api_requests, total_bytes)
         VALUES ((SELECT id FROM spaces WHERE name = 'Online Shop'), date('now'), 1, $1)",
    )
    .bind(included / 100 * 85)
    .execute(&pool)
    .await?;
    let addr = {
        let mut server = ctx.server.lock().await;
        server.stop();
        server.addr
    };
    // The stopped instance's scheduler lease would hold the next one off for minutes.
    sqlx::query("DELETE FROM leases WHERE name = 'scheduler'")
        .execute(&pool)
        .await?;
    *ctx.server.lock().await = crate::harness::AppServer::start(addr, &ctx.database, &ctx.dist)?;

    signed_in_owner(&ctx).await?;
    ctx.wait_text("Your organization has used 80 % of the traffic its plan includes this billing month")
        .await?;
    ctx.snap("usage-banner").await?;
    ctx.click("link", "Users").await?;
    ctx.wait_text("Adam Alvarez").await?;
    ensure!(
        ctx.body_text().await?.contains("has used 80 %"),
        "the banner stays on every screen"
    );
    ctx.click("button", "Dismiss").await?;
    ctx.driver.refresh().await?;
    ctx.wait_text("Adam Alvarez").await?;
    ensure!(
        !ctx.body_text().await?.contains("has used 80 %"),
        "dismissed, it stays hidden after a reload"
    );
    ctx.click("link", "Activity").await?;
    ctx.wait_text("Traffic reached a usage alert threshold").await?;
    Ok(())
}

use std::time::Duration;

use thirtyfour::prelude::*;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

use crate::ensure;
use crate::harness::{Ctx, TestResult};

async fn open_settings(ctx: &Ctx, email: &str) -> TestResult {
    ctx.open("/sign-in?next=/settings").await?;
    ctx.sign_in(email, "demo-password").await?;
    ctx.wait_location("/settings").await?;
    ctx.by_name("textbox", "Organization name").await?;
    Ok(())
}

async fn save(ctx: &Ctx) -> TestResult {
    ctx.click("button", "Save settings").await?;
    ctx.wait_text("Settings saved.").await
}

const ROOT_PRIMARY: &str =
    "return getComputedStyle(document.documentElement).getPropertyValue('--color-primary').trim();";

pub async fn rename_the_organization_and_see_it_at_once_and_after_reload(ctx: Ctx) -> TestResult {
    open_settings(&ctx, "owner@acme.test").await?;
    ctx.snap("settings").await?;

    // Refused at the field, and what was typed stays.
    ctx.fill("Organization name", "   ").await?;
    ctx.click("button", "Save settings").await?;
    ctx.wait_text("cannot be empty").await?;
    ensure!(
        ctx.value_of("Organization name").await? == "   ",
        "the typed value stays"
    );
    let invalid = ctx
        .by_name("textbox", "Organization name")
        .await?
        .attr("aria-invalid")
        .await?;
    ensure!(invalid.as_deref() == Some("true"), "the field is marked invalid");

    ctx.fill("Organization name", "Acme Creative").await?;
    save(&ctx).await?;
    let header = ctx.driver.find(By::Css("[data-testid=org-name]")).await?;
    ensure!(
        header.text().await? == "Acme Creative",
        "the header shows the new name at once"
    );
    ctx.driver.refresh().await?;
    ctx.by_name("textbox", "Organization name").await?;
    ensure!(
        ctx.value_of("Organization name").await? == "Acme Creative",
        "saved after a reload"
    );
    let header = ctx.driver.find(By::Css("[data-testid=org-name]")).await?;
    ensure!(header.text().await? == "Acme Creative", "and in the header");
    Ok(())
}

pub async fn primary_colour_previews_then_restyles_the_app(ctx: Ctx) -> TestResult {
    open_settings(&ctx, "admin@acme.test").await?;
    ensure!(
        ctx.eval_string(ROOT_PRIMARY).await? == "#3b4cca",
        "the product's colour first"
    );

    // A colour people could not read is measured and refused, with the ratio.
    ctx.fill("Primary colour (light mode)", "#ffd700").await?;
    ctx.wait_text("too low: WCAG AA needs 4.5:1").await?;
    ctx.click("button", "Save settings").await?;
    ctx.wait_text("has a contrast of 1.").await?;
    ensure!(ctx.eval_string(ROOT_PRIMARY).await? == "#3b4cca", "nothing applied");

    // The preview follows the typing before anything is saved.
    ctx.fill("Primary colour (light mode)", "#0b5394").await?;
    let preview = "return getComputedStyle(document.querySelector('.preview-pane.light .preview-app')).getPropertyValue('--color-primary').trim();";
    ensure!(ctx.eval_string(preview).await? == "#0b5394", "the preview shows it");
    ensure!(
        ctx.eval_string(ROOT_PRIMARY).await? == "#3b4cca",
        "the app waits for the save"
    );
    ctx.snap("settings-colour-preview").await?;

    save(&ctx).await?;
    ensure!(
        ctx.eval_string(ROOT_PRIMARY).await? == "#0b5394",
        "the whole app wears it at once"
    );
    let button =
        "return getComputedStyle(document.querySelector('.settings-actions .button.primary')).backgroundColor;";
    ensure!(
        ctx.eval_string(button).await? == "rgb(11, 83, 148)",
        "buttons are drawn in it"
    );
    ctx.driver.refresh().await?;
    ctx.by_name("textbox", "Organization name").await?;
    ctx.click("link", "Dashboard").await?;
    ctx.wait_text("Free traffic").await?;
    let tab = "return getComputedStyle(document.querySelector('.tabs a[aria-current=page]')).color;";
    let deadline = std::time::Instant::now() + Duration::from_secs(5);
    while ctx.eval_string(tab).await? != "rgb(11, 83, 148)" {
        ensure!(
            std::time::Instant::now() < deadline,
            "the active tab wears the colour after a reload"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    Ok(())
}

pub async fn branded_sign_in_page_wears_the_organization(ctx: Ctx) -> TestResult {
    open_settings(&ctx, "owner@acme.test").await?;
    // A logo is chosen like any file and stored at once.
    let logo = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/logo.png");
    ctx.by_name("textbox", "Logo")
        .await?
        .send_keys(logo.display().to_string())
        .await?;
    ctx.wait_text("Image saved.").await?;
    ctx.by_name("button", "Remove logo").await?;
    ctx.fill("App name", "Acme Console").await?;
    ctx.fill("Sign-in page text", "Staff and clients only. <b>Welcome</b>")
        .await?;
    ctx.click("checkbox", "Hide the \"Powered by\" mark").await?;
    save(&ctx).await?;
    ensure!(ctx.driver.title().await? == "Acme Console", "the browser title follows");
    ctx.open_user_menu().await?;
    ctx.click("menuitem", "Sign out").await?;
    ctx.by_name("button", "Sign in").await?;

    ctx.open("/o/acme-studio").await?;
    ctx.wait_location("/o/acme-studio/sign-in").await?;
    ctx.wait_text("Staff and clients only. <b>Welcome</b>").await?;
    let brand = ctx.driver.find(By::Css("[data-testid=brand-name]")).await?;
    ensure!(
        brand.text().await? == "Acme Console",
        "the app name replaces the product's"
    );
    ensure!(ctx.driver.title().await? == "Acme Console", "and the title");
    ensure!(!ctx.body_text().await?.contains("Powered by"), "the mark is hidden");
    let logo_drawn = "const img = document.querySelector('.sign-in .brand-logo'); \
        return img && img.complete && img.naturalWidth > 0 ? img.getAttribute('src') : '';";
    let deadline = std::time::Instant::now() + Duration::from_secs(5);
    while !ctx
        .eval_string(logo_drawn)
        .await?
        .contains("/api/v1/branding/acme-studio/logo?v=")
    {
        ensure!(
            std::time::Instant::now() < deadline,
            "the uploaded logo is drawn on the sign-in page"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let bold = ctx.driver.find_all(By::Css(".sign-in b")).await?;
    ensure!(bold.is_empty(), "branding text is text, never markup");
    ctx.snap("branded-sign-in").await?;

    ctx.sign_in("admin@acme.test", "demo-password").await?;
    ctx.wait_location("/o/acme-studio/").await?;
    ctx.wait_text("Free traffic").await?;
    ctx.click("link", "Users").await?;
    ctx.wait_location("/o/acme-studio/users").await?;
    ctx.driver.refresh().await?;
    ctx.wait_text("9 users").await?;
    let brand = ctx.driver.find(By::Css("[data-testid=brand-name]")).await?;
    ensure!(
        brand.text().await? == "Acme Console",
        "branded inside too, after a reload"
    );
    Ok(())
}

/// A page on another local port (another origin) that frames the app.
async fn host_page(app: String) -> Result<u16, std::io::Error> {
    let listener = TcpListener::bind("127.0.0.1:0").await?;
    let port = listener.local_addr()?.port();
    tokio::spawn(async move {
        while let Ok((mut stream, _)) = listener.accept().await {
            let html = format!(
                "<!doctype html><title>Customer portal</title><h1>Customer portal</h1>\
                 <iframe id=\"app\" src=\"{app}/embed/acme-studio/\" style=\"width:1200px;height:760px\" \
                 onload=\"this.dataset.loaded = 'yes'\"></iframe>"
            );
            let mut buf = [0u8; 2048];
            let _ = stream.read(&mut buf).await;
            let response = format!(
                "HTTP/1.1 200 OK\r\ncontent-type: text/html\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{html}",
                html.len()
            );
            let _ = stream.write_all(response.as_bytes()).await;
        }
    });
    Ok(port)
}

pub async fn app_runs_framed_by_an_allowed_origin_only(ctx: Ctx) -> TestResult {
    let allowed = host_page(ctx.base.clone()).await?;
    let other = host_page(ctx.base.clone()).await?;
    open_settings(&ctx, "owner@acme.test").await?;
    ctx.fill("Allowed origins", &format!("http://127.0.0.1:{allowed}"))
        .await?;
    save(&ctx).await?;
    ctx.wait_text("/embed/acme-studio/").await?;
    // The frame would share this session (same site): start signed out, as a customer would.
    ctx.open_user_menu().await?;
    ctx.click("menuitem", "Sign out").await?;
    ctx.by_name("button", "Sign in").await?;

    // Another origin is refused by the browser itself: the frame never shows the app.
    ctx.driver.goto(format!("http://127.0.0.1:{other}/")).await?;
    ctx.by_name("heading", "Customer portal").await?;
    // The browser is done with the frame (a refused frame still ends in a load event).
    ctx.wait_until(
        "the frame's load",
        "document.getElementById('app').dataset.loaded === 'yes'",
    )
    .await?;
    ctx.driver.find(By::Id("app")).await?.enter_frame().await?;
    ensure!(
        !ctx.has("button", "Sign in").await?,
        "a site not on the list cannot frame the app"
    );
    ctx.driver.enter_parent_frame().await?;

    ctx.driver.goto(format!("http://127.0.0.1:{allowed}/")).await?;
    ctx.by_name("heading", "Customer portal").await?;
    ctx.driver.find(By::Id("app")).await?.enter_frame().await?;
    ctx.sign_in("admin@acme.test", "demo-password").await?;
    ctx.by_name("link", "Users").await?;
    ctx.wait_text("Free traffic").await?;
    ensure!(
        ctx.driver.find_all(By::Css(".topbar")).await?.is_empty(),
        "no outer chrome in the frame"
    );
    ensure!(ctx.has_user_menu().await?, "the menu is still at hand");
    ctx.click("link", "Users").await?;
    // "9 users" alone is on the dashboard too; the count line is the Users table's own.
    ctx.wait_text("9 shown of 9 users").await?;
    let path = ctx.eval_string("return location.pathname;").await?;
    ensure!(
        path == "/embed/acme-studio/users",
        "inside the frame the address stays embedded: {path}"
    );
    ctx.driver.enter_parent_frame().await?;
    ctx.snap("embedded").await?;
    Ok(())
}

pub async fn member_adds_a_space_once_members_may(ctx: Ctx) -> TestResult {
    open_settings(&ctx, "owner@acme.test").await?;
    ctx.click("checkbox", "Members may add spaces").await?;
    save(&ctx).await?;
    ctx.open_user_menu().await?;
    ctx.click("menuitem", "Sign out").await?;

    ctx.sign_in("member@acme.test", "demo-password").await?;
    ctx.by_name("heading", "No access to the organization area").await?;
    ctx.fill("Space", "Mia's Moodboard").await?;
    ctx.click("button", "Add space").await?;
    ctx.wait_text("“Mia's Moodboard” was added to the organization.")
        .await?;
    ctx.snap("member-add-space").await?;
    ctx.driver.refresh().await?;
    ctx.by_name("heading", "Add a space from your personal account").await?;
    let offered = ctx
        .driver
        .find_all(thirtyfour::By::Css("#personal-spaces option"))
        .await?;
    ensure!(offered.is_empty(), "the space left the personal account");
    Ok(())
}

pub async fn settings_save_survives_a_dropped_server(ctx: Ctx) -> TestResult {
    // The save while the server is gone gets no answer: provoked on purpose.
    ctx.expect_problem("no answer PUT /api/v1/orgs/me/settings");
    open_settings(&ctx, "admin@acme.test").await?;
    ctx.fill("App name", "Acme Console").await?;
    let addr = {
        let mut server = ctx.server.lock().await;
        server.stop();
        server.addr
    };
    ctx.click("button", "Save settings").await?;
    ctx.wait_text("The server cannot be reached").await?;
    ensure!(
        ctx.value_of("App name").await? == "Acme Console",
        "nothing typed is lost"
    );
    *ctx.server.lock().await = crate::harness::AppServer::start(addr, &ctx.database, &ctx.dist)?;
    ctx.click("button", "Retry").await?;
    ctx.wait_text("Settings saved.").await?;
    ctx.driver.refresh().await?;
    ctx.by_name("textbox", "App name").await?;
    ensure!(
        ctx.value_of("App name").await? == "Acme Console",
        "saved once the server was back"
    );
    Ok(())
}

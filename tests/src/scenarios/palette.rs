//! The command palette, by keyboard alone: Ctrl+K opens it (its code arriving only then), typing
//! filters, ↓ and Enter run; people and spaces are found on the server; it shows only what the
//! role allows; it reads in German; axe finds nothing in it; it fits a phone.

use thirtyfour::Key;

use crate::ensure;
use crate::harness::{Ctx, TestResult};

const WASM_FETCHED: &str =
    "return String(performance.getEntriesByType('resource').filter((r) => r.name.endsWith('.wasm')).length);";

async fn open_palette(ctx: &Ctx) -> TestResult {
    open_palette_named(ctx, "Command palette").await
}

async fn open_palette_named(ctx: &Ctx, name: &str) -> TestResult {
    // The console listens for the keys once it is drawn.
    ctx.wait_until("the console", "document.querySelector('.palette-button')")
        .await?;
    ctx.driver
        .action_chain()
        .key_down(Key::Control)
        .send_keys("k")
        .key_up(Key::Control)
        .perform()
        .await?;
    ctx.by_name("combobox", name).await?;
    Ok(())
}

/// The text of the option the combobox says is active.
async fn active_option(ctx: &Ctx) -> Result<String, Box<dyn std::error::Error + Send + Sync>> {
    Ok(ctx
        .eval_string(
            "const input = document.activeElement;
             const id = input && input.getAttribute('aria-activedescendant');
             const option = id && document.getElementById(id);
             return (input.getAttribute('role') || '') + ':' + (option ? option.textContent.trim() : '');",
        )
        .await?)
}

pub async fn the_palette_runs_by_keyboard_alone_and_shows_what_the_role_allows(ctx: Ctx) -> TestResult {
    let mut problems = Vec::new();
    ctx.open("/sign-in").await?;
    ctx.sign_in("owner@acme.test", "demo-password").await?;
    ctx.wait_location("/").await?;
    ctx.wait_text("8 of 8 spaces").await?;
    let before: u32 = ctx.eval_string(WASM_FETCHED).await?.parse()?;

    open_palette(&ctx).await?;
    let after: u32 = ctx.eval_string(WASM_FETCHED).await?.parse()?;
    ensure!(
        after > before,
        "the palette's code came when it opened ({before} → {after} modules)"
    );
    ensure!(
        active_option(&ctx).await?.starts_with("combobox:Go to Dashboard"),
        "the input keeps the focus and the first option is active: {}",
        active_option(&ctx).await?
    );
    ctx.snap("palette").await?;
    problems.extend(ctx.accessibility_problems("palette").await?);

    // Typing filters; ↓ moves; Enter runs.
    ctx.type_text("go to").await?;
    ctx.press(Key::Down).await?;
    let chosen = active_option(&ctx).await?;
    ensure!(
        chosen == "combobox:Go to Users",
        "↓ reaches the second screen: {chosen}"
    );
    ctx.press(Key::Enter).await?;
    ctx.wait_location("/users").await?;
    ctx.wait_text("9 users").await?;
    ensure!(!ctx.has("combobox", "Command palette").await?, "closed after running");

    // People are searched on the server as one types.
    open_palette(&ctx).await?;
    ctx.type_text("lena").await?;
    ctx.wait_text("lena@acme.test").await?;
    problems.extend(ctx.accessibility_problems("palette with people").await?);
    ctx.press(Key::Enter).await?;
    ctx.wait_location("/users?q=lena%40acme.test").await?;
    ctx.wait_text("1 shown of 1 users").await?;

    // Spaces too, and an action reaches its screen's control.
    open_palette(&ctx).await?;
    ctx.type_text("careers").await?;
    ctx.wait_text("Careers Portal").await?;
    ctx.press(Key::Enter).await?;
    ctx.by_name("heading", "Careers Portal").await?;
    open_palette(&ctx).await?;
    ctx.type_text("invite").await?;
    ctx.press(Key::Enter).await?;
    ctx.by_name("heading", "Add user").await?;
    let focused = ctx.eval_string("return document.activeElement.id;").await?;
    ensure!(focused == "invite-emails", "Invite… lands in the addresses: {focused}");
    ctx.press(Key::Escape).await?;

    // Escape closes and gives the focus back.
    open_palette(&ctx).await?;
    ctx.press(Key::Escape).await?;
    ensure!(!ctx.has("combobox", "Command palette").await?, "Escape closes it");

    // On a phone it fits the screen.
    ctx.driver.set_window_rect(0, 0, 390, 844).await?;
    open_palette(&ctx).await?;
    let fits = ctx
        .eval_string(
            "const r = document.querySelector('.palette').getBoundingClientRect();
             return String(r.left >= 0 && r.right <= window.innerWidth && r.bottom <= window.innerHeight);",
        )
        .await?;
    ensure!(fits == "true", "the palette fits a phone's screen");
    ctx.snap("palette-phone").await?;
    ctx.press(Key::Escape).await?;
    ctx.driver.set_window_rect(0, 0, 1280, 900).await?;
    ensure!(problems.is_empty(), "axe: {problems:#?}");
    Ok(())
}

async fn german_sign_in(ctx: &Ctx, email: &str) -> TestResult {
    ctx.fill("E-Mail", email).await?;
    ctx.fill("Passwort", "demo-password").await?;
    ctx.click("button", "Anmelden").await?;
    Ok(())
}

pub async fn the_palette_speaks_german_and_offers_a_member_only_their_own(ctx: Ctx) -> TestResult {
    ctx.prefer_languages(&["de-DE", "de"]).await?;
    ctx.open("/sign-in").await?;
    german_sign_in(&ctx, "admin@acme.test").await?;
    ctx.wait_location("/").await?;
    open_palette_named(&ctx, "Befehlspalette").await?;
    ctx.type_text("benutzer").await?;
    let body = ctx.body_text().await?;
    for offered in ["Gehe zu Benutzer", "Benutzer hinzufügen", "Benutzer exportieren"] {
        ensure!(body.contains(offered), "{offered} is offered in German");
    }
    let problems = ctx.accessibility_problems("palette in German").await?;
    ensure!(problems.is_empty(), "axe: {problems:#?}");
    ctx.press(Key::Escape).await?;
    ctx.open_menu_named(", Benutzermenü").await?;
    ctx.click("menuitem", "Abmelden").await?;
    ctx.wait_location("/sign-in").await?;

    // A member's palette: their account, signing out and the languages; nothing of the organization.
    german_sign_in(&ctx, "member@acme.test").await?;
    ctx.by_name("heading", "Kein Zugriff auf den Organisationsbereich")
        .await?;
    // Their own account is theirs to open, with the console's palette.
    ctx.open("/account").await?;
    ctx.by_name("button", "Suche und Befehle").await?;
    open_palette_named(&ctx, "Befehlspalette").await?;
    let options = ctx
        .eval_string(
            "return [...document.querySelectorAll('[role=option]')].map((o) => o.textContent.trim()).join('|');",
        )
        .await?;
    ensure!(
        options == "Gehe zu Konto|Abmelden|Sprache wechseln: English|Sprache wechseln: Français",
        "a member is offered only their own: {options}"
    );
    ctx.type_text("lena").await?;
    ensure!(
        !ctx.body_text().await?.contains("lena@acme.test"),
        "and never finds people"
    );
    Ok(())
}

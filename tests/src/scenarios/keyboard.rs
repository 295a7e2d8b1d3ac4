//! Keyboard only: the main journeys with Tab, typing, arrows, Enter and Escape, never the mouse.
//! Dialogs keep focus inside, close on Escape and give focus back to what opened them.

use thirtyfour::Key;

use crate::ensure;
use crate::harness::{Ctx, TestResult};

async fn sign_in_by_keyboard(ctx: &Ctx, email: &str, next: &str) -> TestResult {
    ctx.open(&format!("/sign-in?next={next}")).await?;
    ctx.tab_to("textbox", "Email").await?;
    ctx.type_text(email).await?;
    ctx.tab_to("textbox", "Password").await?;
    ctx.type_text("demo-password").await?;
    ctx.press(Key::Enter).await?;
    ctx.wait_location(next).await?;
    Ok(())
}

pub async fn sign_in_and_skip_to_content_by_keyboard(ctx: Ctx) -> TestResult {
    sign_in_by_keyboard(&ctx, "owner@acme.test", "/").await?;
    ctx.wait_text("8 of 8 spaces").await?;
    // The first Tab of a screen reaches "Skip to content", which takes focus past the header
    // and the tabs.
    ctx.driver.refresh().await?;
    ctx.wait_text("8 of 8 spaces").await?;
    ctx.press(Key::Tab).await?;
    ensure!(
        ctx.focused().await? == "Skip to content",
        "first Tab: {:?}",
        ctx.focused().await?
    );
    ctx.press(Key::Enter).await?;
    let on_main = ctx
        .eval_string("return String(document.activeElement && document.activeElement.id)")
        .await?;
    ensure!(on_main == "main", "focus is on the content, not {on_main:?}");
    // The user menu: Enter opens it on its first item, arrows move round, Escape closes it and
    // gives focus back to its button.
    ctx.tab_to("button", "Olivia Owens , user menu").await?;
    ctx.press(Key::Enter).await?;
    ctx.by_name("menuitem", "Account").await?;
    ensure!(
        ctx.focused().await? == "Account",
        "the first item has focus: {:?}",
        ctx.focused().await?
    );
    ctx.press(Key::Down).await?;
    ensure!(
        ctx.focused().await? == "Sign out",
        "Down moves on: {:?}",
        ctx.focused().await?
    );
    // Then the languages, each named in itself.
    for language in ["English", "Deutsch", "Français"] {
        ctx.press(Key::Down).await?;
        ensure!(
            ctx.focused().await? == language,
            "Down reaches {language}: {:?}",
            ctx.focused().await?
        );
    }
    ctx.press(Key::Down).await?;
    ensure!(
        ctx.focused().await? == "Account",
        "and round: {:?}",
        ctx.focused().await?
    );
    ctx.press(Key::Up).await?;
    ensure!(
        ctx.focused().await? == "Français",
        "Up goes round backwards: {:?}",
        ctx.focused().await?
    );
    ctx.press(Key::Escape).await?;
    ensure!(!ctx.has("menuitem", "Account").await?, "Escape closes the menu");
    let back = ctx
        .eval_string("return String(document.activeElement.getAttribute('aria-haspopup'))")
        .await?;
    ensure!(back == "menu", "focus is back on the menu's button");

    // The tabs by keyboard.
    ctx.tab_to("link", "Users").await?;
    ctx.press(Key::Enter).await?;
    ctx.wait_location("/users").await?;

    // Another language by keyboard: End reaches the menu's last item, Enter picks it.
    ctx.tab_to("button", "Olivia Owens , user menu").await?;
    ctx.press(Key::Enter).await?;
    ctx.by_name("menuitem", "Account").await?;
    ctx.press(Key::End).await?;
    ensure!(ctx.focused().await? == "Français", "End reaches the last language");
    ctx.press(Key::Enter).await?;
    ctx.by_name("heading", "Utilisateurs").await?;
    ctx.wait_location("/users").await?;
    Ok(())
}

pub async fn add_a_user_with_a_role_by_keyboard(ctx: Ctx) -> TestResult {
    sign_in_by_keyboard(&ctx, "owner@acme.test", "/users").await?;
    ctx.wait_text("9 users").await?;
    ctx.tab_to("button", "Add user").await?;
    ctx.press(Key::Enter).await?;
    ctx.by_name("heading", "Add user").await?;

    // Focus stays in the dialog however far one tabs, forwards and back.
    let inside = "return String(!!document.activeElement.closest('[role=dialog]'))";
    for _ in 0..15 {
        ctx.press(Key::Tab).await?;
        ensure!(
            ctx.eval_string(inside).await? == "true",
            "Tab left the dialog for {:?}",
            ctx.focused().await?
        );
    }
    for _ in 0..15 {
        ctx.driver
            .action_chain()
            .key_down(Key::Shift)
            .send_keys(Key::Tab)
            .key_up(Key::Shift)
            .perform()
            .await?;
        ensure!(ctx.eval_string(inside).await? == "true", "Shift+Tab left the dialog");
    }

    ctx.tab_to("textbox", "First name").await?;
    ctx.type_text("Kira").await?;
    ctx.tab_to("textbox", "Email").await?;
    ctx.type_text("kira@keys.test").await?;
    ctx.tab_to("button", "Roles").await?;
    ctx.press(Key::Enter).await?;
    // The role radios: Tab reaches the chosen one, arrows move the choice.
    ctx.tab_to("radio", "Member").await?;
    ctx.press(Key::Up).await?;
    ctx.wait_text("Role: Admin").await?;
    ctx.tab_to("button", "Create").await?;
    ctx.press(Key::Enter).await?;
    ctx.by_name("heading", "Invitation sent").await?;
    // Escape closes the dialog and focus goes back to the button that opened it.
    ctx.press(Key::Escape).await?;
    ctx.wait_text("kira@keys.test").await?;
    ensure!(
        ctx.focused().await? == "Add user",
        "focus returned to Add user, not {:?}",
        ctx.focused().await?
    );
    Ok(())
}

pub async fn add_a_space_by_keyboard(ctx: Ctx) -> TestResult {
    sign_in_by_keyboard(&ctx, "owner@acme.test", "/").await?;
    ctx.wait_text("8 of 8 spaces").await?;
    ctx.tab_to("textbox", "Space").await?;
    ctx.type_text("Photo Portfolio").await?;
    ctx.tab_to("button", "Add space").await?;
    ctx.press(Key::Enter).await?;
    ctx.wait_text("was added to the organization").await?;
    ctx.wait_text("9 of 9 spaces").await?;

    // Detaching asks first; Escape cancels and focus returns to the button.
    ctx.tab_to("button", "Detach Photo Portfolio").await?;
    ctx.press(Key::Enter).await?;
    ctx.by_name("heading", "Detach “Photo Portfolio”?").await?;
    ctx.press(Key::Escape).await?;
    ensure!(
        ctx.focused().await? == "Detach Photo Portfolio",
        "focus returned to the detach button, not {:?}",
        ctx.focused().await?
    );
    ensure!(ctx.body_text().await?.contains("9 of 9 spaces"), "nothing was detached");
    Ok(())
}

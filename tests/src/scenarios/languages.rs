//! The app in German: chosen from the browser's languages, switched in the user menu and
//! remembered; the server's messages and its mails follow the page's language.

use crate::ensure;
use crate::harness::{Ctx, TestResult};

pub async fn a_german_browser_gets_the_main_journey_in_german(ctx: Ctx) -> TestResult {
    // A wrong password is refused: provoked on purpose.
    ctx.expect_problem("401 POST /api/v1/auth/login");
    ctx.prefer_languages(&["de-DE", "de", "en"]).await?;
    ctx.open("/").await?;
    ctx.wait_location("/sign-in").await?;
    ctx.by_name("heading", "Anmelden").await?;
    ensure!(
        ctx.eval_string("return document.documentElement.lang;").await? == "de",
        "the page says it is German"
    );
    ctx.fill("E-Mail", "owner@acme.test").await?;
    ctx.fill("Passwort", "not-the-password").await?;
    ctx.click("button", "Anmelden").await?;
    // The server's refusal comes in the page's language.
    ctx.wait_text("E-Mail-Adresse oder Passwort ist nicht korrekt").await?;
    ctx.fill("Passwort", "demo-password").await?;
    ctx.click("button", "Anmelden").await?;
    ctx.wait_location("/").await?;

    for tab in ["Dashboard", "Benutzer", "Aktivität", "Einstellungen", "Abonnement"] {
        ctx.by_name("link", tab).await?;
    }
    ctx.wait_text("Veraltet").await?;
    ctx.by_name("heading", "Freier Traffic").await?;
    let traffic = ctx
        .eval_string("return document.querySelector('[data-testid=free-traffic-value]').textContent;")
        .await?;
    ensure!(
        traffic.contains(" von ") && !traffic.contains('.'),
        "bytes read as German writes them (a decimal comma): {traffic}"
    );
    // Inside the charts too: the requests axis groups thousands with dots.
    super::dashboard::wait_chart_drawn(&ctx, "traffic").await?;
    let labels = super::dashboard::drawn_texts(&ctx, "traffic").await?;
    let grouped = |separator: char| {
        labels
            .iter()
            .any(|t| t.contains(separator) && t.chars().all(|c| c.is_ascii_digit() || c == separator))
    };
    ensure!(
        grouped('.') && !grouped(','),
        "German thousands in the chart: {labels:?}"
    );
    ctx.snap("german-dashboard").await?;

    // Add a user with a role, in German.
    ctx.click("link", "Benutzer").await?;
    ctx.by_name("heading", "Benutzer").await?;
    ctx.click("button", "Benutzer hinzufügen").await?;
    ctx.fill("Vorname", "Nora").await?;
    ctx.fill("Nachname", "Neumann").await?;
    ctx.fill("E-Mail", "nora@new.test").await?;
    ctx.click("button", "Rollen").await?;
    ctx.click("radio", "Admin").await?;
    ctx.wait_text("Rolle: Admin").await?;
    ctx.snap("german-add-user").await?;
    ctx.click("button", "Erstellen").await?;
    ctx.by_name("heading", "Einladung gesendet").await?;
    ctx.click("button", "Fertig").await?;
    ctx.by_name("button", "Einladung an nora@new.test zurückziehen").await?;
    // A confirmation in German sentences, not English ones with German words.
    ctx.click("button", "Carla Rossi entfernen").await?;
    ctx.by_name("heading", "Carla Rossi entfernen?").await?;
    ctx.wait_text("Die Person wird aus den 2 Spaces der Organisation entfernt")
        .await?;
    ctx.snap("german-remove-user").await?;
    ctx.click("button", "Abbrechen").await?;
    // The mail goes out in the language of the person who sent it.
    let mail = ctx.mail_to("nora@new.test", 1).await?;
    ensure!(
        mail.contains("Einladung") && mail.contains("Admin"),
        "a German invitation: {mail}"
    );

    // The activity log: German words, German dates.
    ctx.click("link", "Aktivität").await?;
    ctx.by_name("heading", "Aktivität").await?;
    ctx.wait_text("Eingeladen").await?;
    let dated = ctx
        .eval_string(
            "return /\\d\\d\\.\\d\\d\\.\\d{4}, \\d\\d:\\d\\d UTC/.test(document.body.innerText) ? 'yes' : 'no';",
        )
        .await?;
    ensure!(dated == "yes", "times read day.month.year");

    // English from the user menu, kept over a reload although the browser prefers German.
    ctx.open_menu_named(", Benutzermenü").await?;
    ctx.click("menuitemradio", "English").await?;
    ctx.by_name("heading", "Activity").await?;
    ctx.driver.refresh().await?;
    ctx.by_name("heading", "Activity").await?;
    ensure!(
        ctx.eval_string("return document.documentElement.lang;").await? == "en",
        "the page says it is English"
    );
    ctx.open_user_menu().await?;
    ctx.click("menuitemradio", "Deutsch").await?;
    ctx.by_name("heading", "Aktivität").await?;
    Ok(())
}

/// German words are longer: every screen in German, light and dark, wide and on a phone, passes
/// axe and never scrolls sideways.
pub async fn every_screen_in_german_passes_axe_and_fits_a_phone(ctx: Ctx) -> TestResult {
    ctx.prefer_languages(&["de"]).await?;
    let mut problems = Vec::new();
    ctx.open("/sign-in").await?;
    ctx.by_name("button", "Anmelden").await?;
    problems.extend(ctx.accessibility_problems("Anmelden").await?);

    ctx.fill("E-Mail", "owner@acme.test").await?;
    ctx.fill("Passwort", "demo-password").await?;
    ctx.click("button", "Anmelden").await?;
    ctx.wait_location("/").await?;
    super::accessibility::subscribe_and_reload(&ctx).await?;
    ctx.wait_text("Marketing Website").await?;
    problems.extend(ctx.accessibility_problems("Dashboard").await?);

    ctx.open_menu_named(", Benutzermenü").await?;
    ctx.by_name("menuitemradio", "Deutsch").await?;
    problems.extend(ctx.accessibility_problems("Benutzermenü").await?);
    ctx.open_menu_named(", Benutzermenü").await?;

    for (tab, text, picture) in [
        ("Benutzer", "9 Benutzern", "german-users"),
        ("Aktivität", "Aktivitäten", "german-activity"),
        ("Einstellungen", "Alle Änderungen gespeichert", "german-settings"),
        ("Abonnement", "Aktueller Plan", "german-subscription"),
        ("Rechnungen", "OA-", "german-invoices"),
        ("Rechnungsangaben", "Rechnungsangaben speichern", "german-billing"),
        ("Zahlungsangaben", "Hinterlegte Karte", "german-payment"),
    ] {
        ctx.click("link", tab).await?;
        ctx.wait_text(text).await?;
        problems.extend(ctx.accessibility_problems(tab).await?);
        ctx.snap(picture).await?;
    }

    ctx.click("link", "Benutzer").await?;
    ctx.click("button", "Benutzer hinzufügen").await?;
    ctx.click("button", "Rollen").await?;
    problems.extend(ctx.accessibility_problems("Benutzer hinzufügen").await?);
    ctx.click("button", "Abbrechen").await?;

    ctx.open("/account").await?;
    ctx.by_name("heading", "Konto").await?;
    problems.extend(ctx.accessibility_problems("Konto").await?);
    ctx.snap("german-account").await?;

    super::accessibility::none_of(problems)
}

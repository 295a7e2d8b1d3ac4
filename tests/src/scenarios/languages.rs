//! The app in German and in French: chosen from the browser's languages, switched in the user menu
//! and remembered; the server's messages, its mails, numbers, money and dates follow the page's
//! language. Both languages walk the same journey; only the words they expect differ.

use crate::ensure;
use crate::harness::{Ctx, TestResult};

/// What a person reading one language sees along the journey.
struct Words {
    /// The browser's preference, and the `<html lang>` the page must then say.
    browser: &'static [&'static str],
    tag: &'static str,
    name_in_itself: &'static str,
    sign_in: &'static str,
    email: &'static str,
    password: &'static str,
    wrong_password: &'static str,
    tabs: [&'static str; 5],
    deprecated: &'static str,
    free_traffic: &'static str,
    /// Between used and included traffic ("412,3 GB von 1 TB").
    of: &'static str,
    /// Between groups of thousands in the charts' axis labels.
    thousands: char,
    add_user: &'static str,
    first_name: &'static str,
    last_name: &'static str,
    roles: &'static str,
    role_admin: &'static str,
    create: &'static str,
    sent: &'static str,
    done: &'static str,
    revoke_nora: &'static str,
    remove_carla: &'static str,
    remove_carla_title: &'static str,
    remove_carla_spaces: &'static str,
    cancel: &'static str,
    mail_words: [&'static str; 2],
    invited: &'static str,
    /// A moment in the activity log, as a JavaScript regular expression.
    moment: &'static str,
    user_menu: &'static str,
    /// Each tab after the dashboard, a text that says it has loaded, and its picture's name.
    screens: [(&'static str, &'static str, &'static str); 7],
    account: &'static str,
    /// The heading of Settings → SSO & Provisioning.
    sso: &'static str,
    /// After each tier's price.
    a_month: &'static str,
    /// How a whole-euro price of the tiers reads (`99,00 €`), as a JavaScript regular expression.
    price: &'static str,
}

const GERMAN: Words = Words {
    browser: &["de-DE", "de", "en"],
    tag: "de",
    name_in_itself: "Deutsch",
    sign_in: "Anmelden",
    email: "E-Mail",
    password: "Passwort",
    wrong_password: "E-Mail-Adresse oder Passwort ist nicht korrekt",
    tabs: ["Dashboard", "Benutzer", "Aktivität", "Einstellungen", "Abonnement"],
    deprecated: "Veraltet",
    free_traffic: "Freier Traffic",
    of: " von ",
    thousands: '.',
    add_user: "Benutzer hinzufügen",
    first_name: "Vorname",
    last_name: "Nachname",
    roles: "Rollen",
    role_admin: "Rolle: Admin",
    create: "Erstellen",
    sent: "Einladung gesendet",
    done: "Fertig",
    revoke_nora: "Einladung an nora@new.test zurückziehen",
    remove_carla: "Carla Rossi entfernen",
    remove_carla_title: "Carla Rossi entfernen?",
    remove_carla_spaces: "Die Person wird aus den 2 Spaces der Organisation entfernt",
    cancel: "Abbrechen",
    mail_words: ["Einladung", "Admin"],
    invited: "Eingeladen",
    moment: "\\d\\d\\.\\d\\d\\.\\d{4}, \\d\\d:\\d\\d UTC",
    user_menu: ", Benutzermenü",
    screens: [
        ("Benutzer", "9 Benutzern", "german-users"),
        ("Aktivität", "Aktivitäten", "german-activity"),
        ("Einstellungen", "Alle Änderungen gespeichert", "german-settings"),
        ("Abonnement", "Aktueller Plan", "german-subscription"),
        ("Rechnungen", "OA-", "german-invoices"),
        ("Rechnungsangaben", "Rechnungsangaben speichern", "german-billing"),
        ("Zahlungsangaben", "Hinterlegte Karte", "german-payment"),
    ],
    account: "Konto",
    sso: "SSO & Bereitstellung",
    a_month: " im Monat, zzgl. Steuern",
    price: "\\d,00 €",
};

const FRENCH: Words = Words {
    browser: &["fr-FR", "fr", "en"],
    tag: "fr",
    name_in_itself: "Français",
    sign_in: "Se connecter",
    email: "E-mail",
    password: "Mot de passe",
    wrong_password: "L’adresse e-mail ou le mot de passe est incorrect",
    tabs: [
        "Tableau de bord",
        "Utilisateurs",
        "Activité",
        "Paramètres",
        "Abonnement",
    ],
    deprecated: "Obsolète",
    free_traffic: "Trafic gratuit",
    of: " sur ",
    thousands: '\u{202f}',
    add_user: "Ajouter un utilisateur",
    first_name: "Prénom",
    last_name: "Nom de famille",
    roles: "Rôles",
    role_admin: "Rôle : Admin",
    create: "Créer",
    sent: "Invitation envoyée",
    done: "Terminé",
    revoke_nora: "Révoquer l’invitation de nora@new.test",
    remove_carla: "Retirer Carla Rossi",
    remove_carla_title: "Retirer Carla Rossi ?",
    remove_carla_spaces: "Cette personne est retirée des 2 espaces de l’organisation",
    cancel: "Annuler",
    mail_words: ["rejoindre", "Admin"],
    invited: "A invité",
    moment: "\\d\\d/\\d\\d/\\d{4} \\d\\d:\\d\\d UTC",
    user_menu: ", menu utilisateur",
    screens: [
        ("Utilisateurs", "9 utilisateurs", "french-users"),
        ("Activité", "Activités", "french-activity"),
        (
            "Paramètres",
            "Toutes les modifications sont enregistrées",
            "french-settings",
        ),
        (
            "Abonnement",
            "Formule premium pour chaque espace rattaché",
            "french-subscription",
        ),
        ("Factures", "OA-", "french-invoices"),
        (
            "Informations de facturation",
            "Enregistrer les informations de facturation",
            "french-billing",
        ),
        ("Informations de paiement", "Carte enregistrée", "french-payment"),
    ],
    account: "Compte",
    sso: "SSO et provisionnement",
    a_month: " par mois, hors taxes",
    price: "\\d,00\u{a0}€",
};

pub async fn a_german_browser_gets_the_main_journey_in_german(ctx: Ctx) -> TestResult {
    main_journey(ctx, &GERMAN).await
}

pub async fn a_french_browser_gets_the_main_journey_in_french(ctx: Ctx) -> TestResult {
    main_journey(ctx, &FRENCH).await
}

/// German words are longer, French ones too: every screen, light and dark, wide and on a phone,
/// passes axe and never scrolls sideways.
pub async fn every_screen_in_german_passes_axe_and_fits_a_phone(ctx: Ctx) -> TestResult {
    every_screen(ctx, &GERMAN).await
}

pub async fn every_screen_in_french_passes_axe_and_fits_a_phone(ctx: Ctx) -> TestResult {
    every_screen(ctx, &FRENCH).await
}

async fn main_journey(ctx: Ctx, w: &Words) -> TestResult {
    // A wrong password is refused: provoked on purpose.
    ctx.expect_problem("401 POST /api/v1/auth/login");
    ctx.prefer_languages(w.browser).await?;
    ctx.open("/").await?;
    ctx.wait_location("/sign-in").await?;
    ctx.by_name("heading", w.sign_in).await?;
    let lang = ctx.eval_string("return document.documentElement.lang;").await?;
    ensure!(lang == w.tag, "the page says its language: {lang}");
    ctx.fill(w.email, "owner@acme.test").await?;
    ctx.fill(w.password, "not-the-password").await?;
    ctx.click("button", w.sign_in).await?;
    // The server's refusal comes in the page's language.
    ctx.wait_text(w.wrong_password).await?;
    ctx.fill(w.password, "demo-password").await?;
    ctx.click("button", w.sign_in).await?;
    ctx.wait_location("/").await?;

    for tab in w.tabs {
        ctx.by_name("link", tab).await?;
    }
    ctx.wait_text(w.deprecated).await?;
    ctx.by_name("heading", w.free_traffic).await?;
    let traffic = ctx
        .eval_string("return document.querySelector('[data-testid=free-traffic-value]').textContent;")
        .await?;
    ensure!(
        traffic.contains(w.of) && !traffic.contains('.'),
        "bytes read as the language writes them (a decimal comma): {traffic}"
    );
    // Inside the charts too: the requests axis groups thousands the language's way.
    super::dashboard::wait_chart_drawn(&ctx, "traffic").await?;
    let labels = super::dashboard::drawn_texts(&ctx, "traffic").await?;
    let grouped = |separator: char| {
        labels
            .iter()
            .any(|t| t.contains(separator) && t.chars().all(|c| c.is_ascii_digit() || c == separator))
    };
    ensure!(
        grouped(w.thousands) && !grouped(','),
        "thousands grouped with {:?} in the chart: {labels:?}",
        w.thousands
    );
    ctx.snap(&format!("{}-dashboard", w.tag)).await?;

    // Add a user with a role.
    ctx.click("link", w.tabs[1]).await?;
    ctx.by_name("heading", w.tabs[1]).await?;
    ctx.click("button", w.add_user).await?;
    ctx.fill(w.first_name, "Nora").await?;
    ctx.fill(w.last_name, "Neumann").await?;
    ctx.fill(w.email, "nora@new.test").await?;
    ctx.click("button", w.roles).await?;
    ctx.click("radio", "Admin").await?;
    ctx.wait_text(w.role_admin).await?;
    ctx.snap(&format!("{}-add-user", w.tag)).await?;
    ctx.click("button", w.create).await?;
    ctx.by_name("heading", w.sent).await?;
    ctx.click("button", w.done).await?;
    ctx.by_name("button", w.revoke_nora).await?;
    // A confirmation in the language's own sentences, not English ones with translated words.
    ctx.click("button", w.remove_carla).await?;
    ctx.by_name("heading", w.remove_carla_title).await?;
    ctx.wait_text(w.remove_carla_spaces).await?;
    ctx.snap(&format!("{}-remove-user", w.tag)).await?;
    ctx.click("button", w.cancel).await?;
    // The mail goes out in the language of the person who sent it.
    let mail = ctx.mail_to("nora@new.test", 1).await?;
    ensure!(
        w.mail_words.iter().all(|word| mail.contains(word)),
        "an invitation in the page's language: {mail}"
    );

    // The activity log: its words, its dates.
    ctx.click("link", w.tabs[2]).await?;
    ctx.by_name("heading", w.tabs[2]).await?;
    ctx.wait_text(w.invited).await?;
    ensure!(
        shows_pattern(&ctx, w.moment).await?,
        "times read as the language writes them"
    );

    // Money on the subscription page.
    ctx.click("link", w.tabs[4]).await?;
    ctx.wait_text(w.a_month).await?;
    let priced = ctx
        .eval_string(&format!(
            "return /{}/.test(document.body.innerText) ? 'yes' : 'no';",
            w.price
        ))
        .await?;
    ensure!(priced == "yes", "prices read as the language writes them");

    // English from the user menu, kept over a reload although the browser prefers another.
    ctx.open_menu_named(w.user_menu).await?;
    ctx.click("menuitemradio", "English").await?;
    ctx.wait_text(" a month, plus tax").await?;
    ctx.driver.refresh().await?;
    ctx.wait_text(" a month, plus tax").await?;
    ensure!(
        ctx.eval_string("return document.documentElement.lang;").await? == "en",
        "the page says it is English"
    );
    ctx.open_user_menu().await?;
    ctx.click("menuitemradio", w.name_in_itself).await?;
    ctx.wait_text(w.a_month).await?;
    Ok(())
}

/// Whether the page's text matches a JavaScript regular expression.
async fn shows_pattern(ctx: &Ctx, pattern: &str) -> Result<bool, Box<dyn std::error::Error + Send + Sync>> {
    let script = format!(
        "return new RegExp({}).test(document.body.innerText) ? 'yes' : 'no';",
        serde_json::to_string(pattern)?
    );
    Ok(ctx.eval_string(&script).await? == "yes")
}

async fn every_screen(ctx: Ctx, w: &Words) -> TestResult {
    ctx.prefer_languages(&w.browser[..1]).await?;
    let mut problems = Vec::new();
    ctx.open("/sign-in").await?;
    ctx.by_name("button", w.sign_in).await?;
    problems.extend(ctx.accessibility_problems(w.sign_in).await?);

    ctx.fill(w.email, "owner@acme.test").await?;
    ctx.fill(w.password, "demo-password").await?;
    ctx.click("button", w.sign_in).await?;
    ctx.wait_location("/").await?;
    super::accessibility::subscribe_and_reload(&ctx).await?;
    ctx.wait_text("Marketing Website").await?;
    problems.extend(ctx.accessibility_problems(w.tabs[0]).await?);

    ctx.open_menu_named(w.user_menu).await?;
    ctx.by_name("menuitemradio", w.name_in_itself).await?;
    problems.extend(ctx.accessibility_problems(w.user_menu).await?);
    ctx.open_menu_named(w.user_menu).await?;

    for (tab, text, picture) in w.screens {
        ctx.click("link", tab).await?;
        ctx.wait_text(text).await?;
        problems.extend(ctx.accessibility_problems(tab).await?);
        ctx.snap(picture).await?;
    }

    ctx.click("link", w.tabs[1]).await?;
    ctx.click("button", w.add_user).await?;
    ctx.click("button", w.roles).await?;
    problems.extend(ctx.accessibility_problems(w.add_user).await?);
    ctx.click("button", w.cancel).await?;

    ctx.open("/account").await?;
    ctx.by_name("heading", w.account).await?;
    problems.extend(ctx.accessibility_problems(w.account).await?);
    ctx.snap(&format!("{}-account", w.tag)).await?;

    ctx.open("/settings/webhooks").await?;
    ctx.by_name("heading", "Webhooks").await?;
    problems.extend(ctx.accessibility_problems("webhooks").await?);
    ctx.snap(&format!("{}-webhooks", w.tag)).await?;

    ctx.open("/settings/sso").await?;
    ctx.by_name("heading", w.sso).await?;
    problems.extend(ctx.accessibility_problems("sso").await?);
    ctx.snap(&format!("{}-sso", w.tag)).await?;

    super::accessibility::none_of(problems)
}

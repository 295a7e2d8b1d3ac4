//! The Account screen's texts.

crate::i18n::texts! {
    title: "Account" | "Konto",
    intro: "Your own name, password, two-factor sign-in and where you are signed in." | "Ihr eigener Name, Ihr Passwort, die Zwei-Faktor-Anmeldung und wo Sie angemeldet sind.",
    sessions: "Sessions" | "Sitzungen",
    sessions_intro: "Where your account is signed in. Sign out any session you do not recognise, then change your password." | "Wo Ihr Konto angemeldet ist. Melden Sie jede Sitzung ab, die Sie nicht kennen, und ändern Sie dann Ihr Passwort.",
    loading_sessions: "Loading your sessions…" | "Ihre Sitzungen werden geladen…",
    /// {0}: the browser, {1}: the system.
    browser_on_system: "{0} on {1}" | "{0} auf {1}",
    unknown_browser: "Unknown browser" | "Unbekannter Browser",
    this_session: "This session" | "Diese Sitzung",
    /// {0}: when.
    signed_in_at: "Signed in {0}" | "Angemeldet {0}",
    /// {0}: when.
    last_active_at: "last active {0}" | "zuletzt aktiv {0}",
    sign_out: "Sign out" | "Abmelden",
    /// {0}: the session's browser and system.
    sign_out_session: "Sign out {0}" | "{0} abmelden",
    sign_out_others: "Sign out other sessions" | "Andere Sitzungen abmelden",
    session_signed_out: "The session was signed out." | "Die Sitzung wurde abgemeldet.",
    /// {0}: how many.
    others_signed_out: "Other sessions signed out: {0}." | "Andere Sitzungen abgemeldet: {0}.",
    loading: "Loading your account…" | "Ihr Konto wird geladen…",
    enter_current: "Enter your current password." | "Geben Sie Ihr aktuelles Passwort ein.",
    password: "Password" | "Passwort",
    current_password: "Current password" | "Aktuelles Passwort",
    new_password: "New password" | "Neues Passwort",
    /// {0}: the least number of characters.
    new_password_hint: "At least {0} characters. Your other sessions are signed out." | "Mindestens {0} Zeichen. Ihre anderen Sitzungen werden abgemeldet.",
    password_changed: "Password changed; your other sessions were signed out." | "Passwort geändert; Ihre anderen Sitzungen wurden abgemeldet.",
    change_password: "Change password" | "Passwort ändern",
    your_name: "Your name" | "Ihr Name",
    first_name: "First name" | "Vorname",
    last_name: "Last name" | "Nachname",
    /// {0}: the address.
    signs_in_as: "You sign in as {0}." | "Sie melden sich als {0} an.",
    saved: "Saved." | "Gespeichert.",
    save_name: "Save name" | "Namen speichern",
    two_factor: "Two-factor sign-in" | "Zwei-Faktor-Anmeldung",
    required: "Your organization requires two-factor sign-in. Set it up to open the rest of the app." | "Ihre Organisation verlangt die Zwei-Faktor-Anmeldung. Richten Sie sie ein, um den Rest der App zu öffnen.",
    explain: "After your password, sign-in asks for a code from an authenticator app on your phone (such as 1Password, Google Authenticator or Microsoft Authenticator)." | "Nach Ihrem Passwort fragt die Anmeldung nach einem Code aus einer Authenticator-App auf Ihrem Telefon (etwa 1Password, Google Authenticator oder Microsoft Authenticator).",
    set_up: "Set up two-factor sign-in" | "Zwei-Faktor-Anmeldung einrichten",
    confirm_password: "Your password, to confirm it is you" | "Ihr Passwort, zur Bestätigung",
    continue_set_up: "Continue" | "Weiter",
    on: "On." | "An.",
    /// {0}: how many recovery codes are left.
    on_details: " Sign-in asks for a code from your authenticator app. {0} recovery codes left." | " Die Anmeldung fragt nach einem Code aus Ihrer Authenticator-App. Noch {0} Wiederherstellungscodes.",
    enter_code_now: "Enter the 6-digit code your app shows now." | "Geben Sie den 6-stelligen Code ein, den Ihre App gerade zeigt.",
    qr_label: "QR code to scan with your authenticator app" | "QR-Code zum Scannen mit Ihrer Authenticator-App",
    step_scan: "1. Scan this QR code with your authenticator app." | "1. Scannen Sie diesen QR-Code mit Ihrer Authenticator-App.",
    cannot_scan: "Cannot scan? Enter this key in the app instead:" | "Scannen klappt nicht? Geben Sie stattdessen diesen Schlüssel in der App ein:",
    secret_key: "Secret key" | "Geheimer Schlüssel",
    step_confirm: "2. Enter the code the app shows, to confirm." | "2. Geben Sie zur Bestätigung den Code ein, den die App zeigt.",
    code_label: "Authentication code" | "Bestätigungscode",
    verify: "Verify" | "Bestätigen",
    is_on: "Two-factor sign-in is on." | "Die Zwei-Faktor-Anmeldung ist an.",
    recovery_codes: "Recovery codes" | "Wiederherstellungscodes",
    keep_codes: "Keep these somewhere safe, such as a password manager. Each one signs you in once if you lose your phone. They are shown only now." | "Bewahren Sie diese sicher auf, etwa in einem Passwort-Manager. Jeder meldet Sie einmal an, falls Sie Ihr Telefon verlieren. Sie werden nur jetzt angezeigt.",
    saved_codes: "I have saved my recovery codes" | "Ich habe meine Wiederherstellungscodes gesichert",
    turn_off_title: "Turn off two-factor sign-in" | "Zwei-Faktor-Anmeldung ausschalten",
    turn_off: "Turn off" | "Ausschalten",
}

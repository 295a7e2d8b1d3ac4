//! The sign-in pages' texts.

crate::i18n::texts! {
    sign_in: "Sign in" | "Anmelden",
    signing_in: "Signing in…" | "Anmeldung läuft…",
    welcome: "Manage your organization's spaces, people and subscription." | "Verwalten Sie die Spaces, Personen und das Abonnement Ihrer Organisation.",
    email: "Email" | "E-Mail",
    password: "Password" | "Passwort",
    enter_email: "Enter your email address." | "Geben Sie Ihre E-Mail-Adresse ein.",
    enter_password: "Enter your password." | "Geben Sie Ihr Passwort ein.",
    forgot_password: "Forgot password?" | "Passwort vergessen?",
    unlocked: "Thank you for confirming it is you. Sign in now: the right password and code go through again." | "Danke für Ihre Bestätigung. Melden Sie sich jetzt an: Das richtige Passwort und der richtige Code werden wieder angenommen.",
    code_intro: "Open your authenticator app and enter the code it shows for this account. Lost your phone? Enter one of your recovery codes instead." | "Öffnen Sie Ihre Authenticator-App und geben Sie den Code ein, den sie für dieses Konto zeigt. Telefon verloren? Geben Sie stattdessen einen Ihrer Wiederherstellungscodes ein.",
    code_label: "Authentication code" | "Bestätigungscode",
    enter_code: "Enter the 6-digit code from your authenticator app." | "Geben Sie den 6-stelligen Code aus Ihrer Authenticator-App ein.",
    sign_in_expired: "This sign-in has expired. Reload the page and sign in again." | "Diese Anmeldung ist abgelaufen. Laden Sie die Seite neu und melden Sie sich erneut an.",
    verify: "Verify" | "Bestätigen",
    verifying: "Verifying…" | "Wird geprüft…",
    reset_title: "Reset your password" | "Passwort zurücksetzen",
    reset_intro: "Enter the email address you sign in with. We will send it a link to choose a new password." | "Geben Sie die E-Mail-Adresse ein, mit der Sie sich anmelden. Wir senden Ihnen einen Link, mit dem Sie ein neues Passwort wählen.",
    enter_account_email: "Enter the email address of your account." | "Geben Sie die E-Mail-Adresse Ihres Kontos ein.",
    /// {0}: the address typed.
    reset_sent: "If {0} has an account, a link to choose a new password is on its way. It works once, for 30 minutes." | "Falls zu {0} ein Konto besteht, ist ein Link zum Wählen eines neuen Passworts unterwegs. Er funktioniert einmal, 30 Minuten lang.",
    send_link: "Send link" | "Link senden",
    back_to_sign_in: "Back to sign in" | "Zurück zur Anmeldung",
    new_password_title: "Choose a new password" | "Neues Passwort wählen",
    password_changed: "Your password is changed, and every session of your account was signed out. Sign in with the new password." | "Ihr Passwort ist geändert, und alle Sitzungen Ihres Kontos wurden abgemeldet. Melden Sie sich mit dem neuen Passwort an.",
    needs_mail_link: "This page needs the link from the mail. Open the link again, or ask for a new one." | "Diese Seite braucht den Link aus der E-Mail. Öffnen Sie den Link erneut oder fordern Sie einen neuen an.",
    ask_new_link: "Ask for a new link" | "Neuen Link anfordern",
    new_password: "New password" | "Neues Passwort",
    /// {0}: the least number of characters.
    at_least_chars: "At least {0} characters." | "Mindestens {0} Zeichen.",
    set_new_password: "Set new password" | "Neues Passwort speichern",
}

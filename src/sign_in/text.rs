//! The sign-in pages' texts.

crate::i18n::texts! {
    sign_in: "Sign in" | "Anmelden" | "Se connecter",
    signing_in: "Signing in…" | "Anmeldung läuft…" | "Connexion…",
    welcome: "Manage your organization's spaces, people and subscription." | "Verwalten Sie die Spaces, Personen und das Abonnement Ihrer Organisation." | "Gérez les espaces, les personnes et l’abonnement de votre organisation.",
    email: "Email" | "E-Mail" | "E-mail",
    password: "Password" | "Passwort" | "Mot de passe",
    enter_email: "Enter your email address." | "Geben Sie Ihre E-Mail-Adresse ein." | "Saisissez votre adresse e-mail.",
    enter_password: "Enter your password." | "Geben Sie Ihr Passwort ein." | "Saisissez votre mot de passe.",
    forgot_password: "Forgot password?" | "Passwort vergessen?" | "Mot de passe oublié ?",
    unlocked: "Thank you for confirming it is you. Sign in now: the right password and code go through again." | "Danke für Ihre Bestätigung. Melden Sie sich jetzt an: Das richtige Passwort und der richtige Code werden wieder angenommen." | "Merci d’avoir confirmé que c’est bien vous. Connectez-vous maintenant : le bon mot de passe et le bon code sont de nouveau acceptés.",
    code_intro: "Open your authenticator app and enter the code it shows for this account. Lost your phone? Enter one of your recovery codes instead." | "Öffnen Sie Ihre Authenticator-App und geben Sie den Code ein, den sie für dieses Konto zeigt. Telefon verloren? Geben Sie stattdessen einen Ihrer Wiederherstellungscodes ein." | "Ouvrez votre application d’authentification et saisissez le code qu’elle affiche pour ce compte. Téléphone perdu ? Saisissez plutôt l’un de vos codes de récupération.",
    code_label: "Authentication code" | "Bestätigungscode" | "Code d’authentification",
    enter_code: "Enter the 6-digit code from your authenticator app." | "Geben Sie den 6-stelligen Code aus Ihrer Authenticator-App ein." | "Saisissez le code à 6 chiffres de votre application d’authentification.",
    sign_in_expired: "This sign-in has expired. Reload the page and sign in again." | "Diese Anmeldung ist abgelaufen. Laden Sie die Seite neu und melden Sie sich erneut an." | "Cette connexion a expiré. Rechargez la page et reconnectez-vous.",
    verify: "Verify" | "Bestätigen" | "Vérifier",
    verifying: "Verifying…" | "Wird geprüft…" | "Vérification…",
    reset_title: "Reset your password" | "Passwort zurücksetzen" | "Réinitialiser votre mot de passe",
    reset_intro: "Enter the email address you sign in with. We will send it a link to choose a new password." | "Geben Sie die E-Mail-Adresse ein, mit der Sie sich anmelden. Wir senden Ihnen einen Link, mit dem Sie ein neues Passwort wählen." | "Saisissez l’adresse e-mail avec laquelle vous vous connectez. Nous y enverrons un lien pour choisir un nouveau mot de passe.",
    enter_account_email: "Enter the email address of your account." | "Geben Sie die E-Mail-Adresse Ihres Kontos ein." | "Saisissez l’adresse e-mail de votre compte.",
    /// {0}: the address typed.
    reset_sent: "If {0} has an account, a link to choose a new password is on its way. It works once, for 30 minutes." | "Falls zu {0} ein Konto besteht, ist ein Link zum Wählen eines neuen Passworts unterwegs. Er funktioniert einmal, 30 Minuten lang." | "Si {0} a un compte, un lien pour choisir un nouveau mot de passe est en route. Il fonctionne une fois, pendant 30 minutes.",
    send_link: "Send link" | "Link senden" | "Envoyer le lien",
    back_to_sign_in: "Back to sign in" | "Zurück zur Anmeldung" | "Retour à la connexion",
    new_password_title: "Choose a new password" | "Neues Passwort wählen" | "Choisir un nouveau mot de passe",
    password_changed: "Your password is changed, and every session of your account was signed out. Sign in with the new password." | "Ihr Passwort ist geändert, und alle Sitzungen Ihres Kontos wurden abgemeldet. Melden Sie sich mit dem neuen Passwort an." | "Votre mot de passe est modifié, et toutes les sessions de votre compte ont été déconnectées. Connectez-vous avec le nouveau mot de passe.",
    needs_mail_link: "This page needs the link from the mail. Open the link again, or ask for a new one." | "Diese Seite braucht den Link aus der E-Mail. Öffnen Sie den Link erneut oder fordern Sie einen neuen an." | "Cette page a besoin du lien reçu par e-mail. Rouvrez le lien, ou demandez-en un nouveau.",
    ask_new_link: "Ask for a new link" | "Neuen Link anfordern" | "Demander un nouveau lien",
    new_password: "New password" | "Neues Passwort" | "Nouveau mot de passe",
    /// {0}: the least number of characters.
    at_least_chars: "At least {0} characters." | "Mindestens {0} Zeichen." | "Au moins {0} caractères.",
    set_new_password: "Set new password" | "Neues Passwort speichern" | "Enregistrer le nouveau mot de passe",
}

//! The Account screen's texts.

crate::i18n::texts! {
    title: "Account" | "Konto" | "Compte",
    intro: "Your own name, password, two-factor sign-in and where you are signed in." | "Ihr eigener Name, Ihr Passwort, die Zwei-Faktor-Anmeldung und wo Sie angemeldet sind." | "Votre nom, votre mot de passe, la connexion à deux facteurs et les endroits où vous êtes connecté.",
    sessions: "Sessions" | "Sitzungen" | "Sessions",
    sessions_intro: "Where your account is signed in. Sign out any session you do not recognise, then change your password." | "Wo Ihr Konto angemeldet ist. Melden Sie jede Sitzung ab, die Sie nicht kennen, und ändern Sie dann Ihr Passwort." | "Les endroits où votre compte est connecté. Déconnectez toute session que vous ne reconnaissez pas, puis changez votre mot de passe.",
    loading_sessions: "Loading your sessions…" | "Ihre Sitzungen werden geladen…" | "Chargement de vos sessions…",
    /// {0}: the browser, {1}: the system.
    browser_on_system: "{0} on {1}" | "{0} auf {1}" | "{0} sur {1}",
    unknown_browser: "Unknown browser" | "Unbekannter Browser" | "Navigateur inconnu",
    this_session: "This session" | "Diese Sitzung" | "Cette session",
    /// {0}: when.
    signed_in_at: "Signed in {0}" | "Angemeldet {0}" | "Connecté le {0}",
    /// {0}: when.
    last_active_at: "last active {0}" | "zuletzt aktiv {0}" | "dernière activité le {0}",
    sign_out: "Sign out" | "Abmelden" | "Déconnecter",
    /// {0}: the session's browser and system.
    sign_out_session: "Sign out {0}" | "{0} abmelden" | "Déconnecter {0}",
    sign_out_others: "Sign out other sessions" | "Andere Sitzungen abmelden" | "Déconnecter les autres sessions",
    session_signed_out: "The session was signed out." | "Die Sitzung wurde abgemeldet." | "La session a été déconnectée.",
    /// {0}: how many.
    others_signed_out: "Other sessions signed out: {0}." | "Andere Sitzungen abgemeldet: {0}." | "Autres sessions déconnectées : {0}.",
    loading: "Loading your account…" | "Ihr Konto wird geladen…" | "Chargement de votre compte…",
    enter_current: "Enter your current password." | "Geben Sie Ihr aktuelles Passwort ein." | "Saisissez votre mot de passe actuel.",
    password: "Password" | "Passwort" | "Mot de passe",
    current_password: "Current password" | "Aktuelles Passwort" | "Mot de passe actuel",
    new_password: "New password" | "Neues Passwort" | "Nouveau mot de passe",
    /// {0}: the least number of characters.
    new_password_hint: "At least {0} characters. Your other sessions are signed out." | "Mindestens {0} Zeichen. Ihre anderen Sitzungen werden abgemeldet." | "Au moins {0} caractères. Vos autres sessions sont déconnectées.",
    password_changed: "Password changed; your other sessions were signed out." | "Passwort geändert; Ihre anderen Sitzungen wurden abgemeldet." | "Mot de passe modifié ; vos autres sessions ont été déconnectées.",
    change_password: "Change password" | "Passwort ändern" | "Changer le mot de passe",
    your_name: "Your name" | "Ihr Name" | "Votre nom",
    first_name: "First name" | "Vorname" | "Prénom",
    last_name: "Last name" | "Nachname" | "Nom de famille",
    /// {0}: the address.
    signs_in_as: "You sign in as {0}." | "Sie melden sich als {0} an." | "Vous vous connectez en tant que {0}.",
    saved: "Saved." | "Gespeichert." | "Enregistré.",
    save_name: "Save name" | "Namen speichern" | "Enregistrer le nom",
    two_factor: "Two-factor sign-in" | "Zwei-Faktor-Anmeldung" | "Connexion à deux facteurs",
    required: "Your organization requires two-factor sign-in. Set it up to open the rest of the app." | "Ihre Organisation verlangt die Zwei-Faktor-Anmeldung. Richten Sie sie ein, um den Rest der App zu öffnen." | "Votre organisation exige la connexion à deux facteurs. Configurez-la pour accéder au reste de l’application.",
    explain: "After your password, sign-in asks for a code from an authenticator app on your phone (such as 1Password, Google Authenticator or Microsoft Authenticator)." | "Nach Ihrem Passwort fragt die Anmeldung nach einem Code aus einer Authenticator-App auf Ihrem Telefon (etwa 1Password, Google Authenticator oder Microsoft Authenticator)." | "Après votre mot de passe, la connexion demande un code d’une application d’authentification sur votre téléphone (comme 1Password, Google Authenticator ou Microsoft Authenticator).",
    set_up: "Set up two-factor sign-in" | "Zwei-Faktor-Anmeldung einrichten" | "Configurer la connexion à deux facteurs",
    confirm_password: "Your password, to confirm it is you" | "Ihr Passwort, zur Bestätigung" | "Votre mot de passe, pour confirmer que c’est bien vous",
    continue_set_up: "Continue" | "Weiter" | "Continuer",
    on: "On." | "An." | "Activée.",
    /// {0}: how many recovery codes are left.
    on_details: " Sign-in asks for a code from your authenticator app. {0} recovery codes left." | " Die Anmeldung fragt nach einem Code aus Ihrer Authenticator-App. Noch {0} Wiederherstellungscodes." | " La connexion demande un code de votre application d’authentification. Codes de récupération restants : {0}.",
    enter_code_now: "Enter the 6-digit code your app shows now." | "Geben Sie den 6-stelligen Code ein, den Ihre App gerade zeigt." | "Saisissez le code à 6 chiffres que votre application affiche maintenant.",
    qr_label: "QR code to scan with your authenticator app" | "QR-Code zum Scannen mit Ihrer Authenticator-App" | "Code QR à scanner avec votre application d’authentification",
    step_scan: "1. Scan this QR code with your authenticator app." | "1. Scannen Sie diesen QR-Code mit Ihrer Authenticator-App." | "1. Scannez ce code QR avec votre application d’authentification.",
    cannot_scan: "Cannot scan? Enter this key in the app instead:" | "Scannen klappt nicht? Geben Sie stattdessen diesen Schlüssel in der App ein:" | "Impossible de scanner ? Saisissez plutôt cette clé dans l’application :",
    secret_key: "Secret key" | "Geheimer Schlüssel" | "Clé secrète",
    step_confirm: "2. Enter the code the app shows, to confirm." | "2. Geben Sie zur Bestätigung den Code ein, den die App zeigt." | "2. Saisissez le code affiché par l’application, pour confirmer.",
    code_label: "Authentication code" | "Bestätigungscode" | "Code d’authentification",
    verify: "Verify" | "Bestätigen" | "Vérifier",
    is_on: "Two-factor sign-in is on." | "Die Zwei-Faktor-Anmeldung ist an." | "La connexion à deux facteurs est activée.",
    recovery_codes: "Recovery codes" | "Wiederherstellungscodes" | "Codes de récupération",
    keep_codes: "Keep these somewhere safe, such as a password manager. Each one signs you in once if you lose your phone. They are shown only now." | "Bewahren Sie diese sicher auf, etwa in einem Passwort-Manager. Jeder meldet Sie einmal an, falls Sie Ihr Telefon verlieren. Sie werden nur jetzt angezeigt." | "Conservez-les en lieu sûr, par exemple dans un gestionnaire de mots de passe. Chacun vous connecte une fois si vous perdez votre téléphone. Ils ne sont affichés que maintenant.",
    saved_codes: "I have saved my recovery codes" | "Ich habe meine Wiederherstellungscodes gesichert" | "J’ai enregistré mes codes de récupération",
    turn_off_title: "Turn off two-factor sign-in" | "Zwei-Faktor-Anmeldung ausschalten" | "Désactiver la connexion à deux facteurs",
    turn_off: "Turn off" | "Ausschalten" | "Désactiver",
}

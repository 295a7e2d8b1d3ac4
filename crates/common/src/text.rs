//! What the server says: the messages of its refusals (from this crate, the domain and the HTTP
//! layer) and its mails, in the language of the request being answered ([`crate::lang::spoken`]).

use contract::catalog;
pub use contract::fill;

catalog! {
    pub struct Said {
        // Errors every endpoint can answer.
        session_ended: "Your session has ended. Please sign in again." | "Ihre Sitzung ist beendet. Bitte melden Sie sich erneut an." | "Votre session a pris fin. Veuillez vous reconnecter.",
        role_forbids: "Your role in this organization does not allow this." | "Ihre Rolle in dieser Organisation erlaubt das nicht." | "Votre rôle dans cette organisation ne le permet pas.",
        internal: "Something went wrong on our side. Please try again." | "Bei uns ist ein Fehler aufgetreten. Bitte versuchen Sie es erneut." | "Une erreur s’est produite de notre côté. Veuillez réessayer.",
        busy: "The server is busy. Please try again in a moment." | "Der Server ist ausgelastet. Bitte versuchen Sie es gleich noch einmal." | "Le serveur est occupé. Veuillez réessayer dans un instant.",
        unavailable: "The service is unavailable. Please try again in a moment." | "Der Dienst ist nicht erreichbar. Bitte versuchen Sie es gleich noch einmal." | "Le service est indisponible. Veuillez réessayer dans un instant.",
        read_only: "Changes cannot be saved right now: the database cannot be written. Nothing was changed; reading still works." | "Änderungen können gerade nicht gespeichert werden: Die Datenbank ist nicht beschreibbar. Nichts wurde geändert; Lesen geht weiter." | "Les modifications ne peuvent pas être enregistrées pour le moment : la base de données n’accepte pas d’écriture. Rien n’a été modifié ; la lecture fonctionne toujours.",
        idempotency_in_use: "A request with this Idempotency-Key was already applied, and its answer is not known (yet). Send it again in a moment, or check the change." | "Eine Anfrage mit diesem Idempotency-Key wurde bereits ausgeführt, und ihre Antwort ist (noch) nicht bekannt. Senden Sie sie gleich noch einmal, oder prüfen Sie die Änderung." | "Une requête avec cette Idempotency-Key a déjà été appliquée, et sa réponse n’est pas (encore) connue. Renvoyez-la dans un instant, ou vérifiez la modification.",
        too_many_streams_person: "You have {0} live connections open already. Close a tab of this app and try again." | "Sie haben schon {0} Live-Verbindungen offen. Schließen Sie einen Tab dieser App und versuchen Sie es erneut." | "Vous avez déjà {0} connexions en direct ouvertes. Fermez un onglet de cette application et réessayez.",
        too_many_streams_org: "Your organization has {0} live connections open already. Please try again in a moment." | "Ihre Organisation hat schon {0} Live-Verbindungen offen. Bitte versuchen Sie es gleich noch einmal." | "Votre organisation a déjà {0} connexions en direct ouvertes. Veuillez réessayer dans un instant.",
        too_many_checks: "Too many sign-ins are being checked right now. Please try again in a moment." | "Gerade werden zu viele Anmeldungen geprüft. Bitte versuchen Sie es gleich noch einmal." | "Trop de connexions sont en cours de vérification. Veuillez réessayer dans un instant.",
        took_too_long: "The server took too long to answer. Please try again." | "Der Server hat zu lange nicht geantwortet. Bitte versuchen Sie es erneut." | "Le serveur a mis trop de temps à répondre. Veuillez réessayer.",
        download_running: "Your previous download of this size is still running. Try again when it has finished." | "Ihr vorheriger Download dieser Größe läuft noch. Versuchen Sie es erneut, wenn er fertig ist." | "Votre précédent téléchargement de cette taille est toujours en cours. Réessayez quand il sera terminé.",
        large_answers_busy: "The server is building other large answers. Please try again in a moment." | "Der Server erstellt gerade andere große Antworten. Bitte versuchen Sie es gleich noch einmal." | "Le serveur prépare d’autres réponses volumineuses. Veuillez réessayer dans un instant.",
        // Passwords.
        weak_password: "This password is too easy to guess. {0}Add a few more words, or characters that follow no pattern." | "Dieses Passwort ist zu leicht zu erraten. {0}Fügen Sie ein paar weitere Wörter oder Zeichen ohne Muster hinzu." | "Ce mot de passe est trop facile à deviner. {0}Ajoutez quelques mots, ou des caractères qui ne suivent aucun motif.",
        weak_common: "It is one of the most used passwords, or close to one. " | "Es ist eines der meistbenutzten Passwörter oder ähnelt einem. " | "C’est l’un des mots de passe les plus utilisés, ou presque. ",
        weak_keys: "Rows and patterns of keys are easy to guess. " | "Tastenreihen und -muster sind leicht zu erraten. " | "Les suites et motifs de touches sont faciles à deviner. ",
        weak_repeats: "Repeated characters or words are easy to guess. " | "Wiederholte Zeichen oder Wörter sind leicht zu erraten. " | "Les caractères ou mots répétés sont faciles à deviner. ",
        weak_sequence: "Sequences like abc or 6543 are easy to guess. " | "Folgen wie abc oder 6543 sind leicht zu erraten. " | "Les suites comme abc ou 6543 sont faciles à deviner. ",
        weak_dates: "Dates and years are easy to guess. " | "Daten und Jahreszahlen sind leicht zu erraten. " | "Les dates et les années sont faciles à deviner. ",
        weak_word: "A word on its own is easy to guess. " | "Ein einzelnes Wort ist leicht zu erraten. " | "Un mot seul est facile à deviner. ",
        weak_names: "Names are easy to guess. " | "Namen sind leicht zu erraten. " | "Les noms sont faciles à deviner. ",
        dead_link: "This link has expired or was used already. Ask for a new one under \"Forgot password?\"." | "Dieser Link ist abgelaufen oder wurde schon benutzt. Fordern Sie unter „Passwort vergessen?“ einen neuen an." | "Ce lien a expiré ou a déjà été utilisé. Demandez-en un nouveau avec « Mot de passe oublié ? ».",
        not_current_password: "This is not your current password." | "Das ist nicht Ihr aktuelles Passwort." | "Ce n’est pas votre mot de passe actuel.",
        enter_account_email: "Enter the email address of your account." | "Geben Sie die E-Mail-Adresse Ihres Kontos ein." | "Saisissez l’adresse e-mail de votre compte.",
        // Throttling: {0} is what was attempted, named below.
        too_many_attempts_minute: "Too many failed {0} attempts. Try again in 1 minute." | "Zu viele fehlgeschlagene Versuche ({0}). Versuchen Sie es in 1 Minute erneut." | "Trop de tentatives échouées ({0}). Réessayez dans 1 minute.",
        too_many_attempts: "Too many failed {0} attempts. Try again in {1} minutes." | "Zu viele fehlgeschlagene Versuche ({0}). Versuchen Sie es in {1} Minuten erneut." | "Trop de tentatives échouées ({0}). Réessayez dans {1} minutes.",
        attempt_sign_in: "sign-in" | "Anmeldung" | "connexion",
        attempt_code: "code" | "Code" | "code",
        attempt_password: "password" | "Passwort" | "mot de passe",
        attempt_reset: "password reset" | "Passwort zurücksetzen" | "réinitialisation du mot de passe",
        attempt_invitation: "invitation" | "Einladung" | "invitation",
        password_locked: "This password was refused too many times in a row. We have mailed a link to the account's address: open it to sign in." | "Dieses Passwort wurde zu oft hintereinander abgelehnt. Wir haben einen Link an die Adresse des Kontos geschickt: Öffnen Sie ihn, um sich anzumelden." | "Ce mot de passe a été refusé trop de fois de suite. Nous avons envoyé un lien à l’adresse du compte : ouvrez-le pour vous connecter.",
        codes_locked: "Codes were refused too many times in a row. We have mailed a link to your address: open it to sign in." | "Codes wurden zu oft hintereinander abgelehnt. Wir haben einen Link an Ihre Adresse geschickt: Öffnen Sie ihn, um sich anzumelden." | "Des codes ont été refusés trop de fois de suite. Nous avons envoyé un lien à votre adresse : ouvrez-le pour vous connecter.",
        // Signing in and two-factor.
        wrong_credentials: "The email or password is not correct." | "E-Mail-Adresse oder Passwort ist nicht korrekt." | "L’adresse e-mail ou le mot de passe est incorrect.",
        account_disabled: "This account has been disabled. Ask your organization's admin." | "Dieses Konto wurde deaktiviert. Wenden Sie sich an den Admin Ihrer Organisation." | "Ce compte a été désactivé. Adressez-vous à l’admin de votre organisation.",
        wrong_code: "This code is not right, or it was used already. Codes change every 30 seconds." | "Dieser Code stimmt nicht oder wurde schon benutzt. Codes wechseln alle 30 Sekunden." | "Ce code est incorrect ou a déjà été utilisé. Les codes changent toutes les 30 secondes.",
        enter_code: "Enter the 6-digit code from your authenticator app, or a recovery code." | "Geben Sie den 6-stelligen Code aus Ihrer Authenticator-App oder einen Wiederherstellungscode ein." | "Saisissez le code à 6 chiffres de votre application d’authentification, ou un code de récupération.",
        session_ended_already: "This session has ended already." | "Diese Sitzung ist bereits beendet." | "Cette session a déjà pris fin.",
        two_factor_already_on: "Two-factor sign-in is already on. Turn it off first to set up another app." | "Die Zwei-Faktor-Anmeldung ist schon an. Schalten Sie sie erst aus, um eine andere App einzurichten." | "La connexion à deux facteurs est déjà activée. Désactivez-la d’abord pour configurer une autre application.",
        set_up_changed: "The set-up changed meanwhile. Start it again." | "Die Einrichtung hat sich inzwischen geändert. Beginnen Sie sie erneut." | "La configuration a changé entre-temps. Recommencez-la.",
        two_factor_required: "Your organization requires two-factor sign-in. Set it up on your Account page first." | "Ihre Organisation verlangt die Zwei-Faktor-Anmeldung. Richten Sie sie zuerst auf Ihrer Kontoseite ein." | "Votre organisation exige la connexion à deux facteurs. Configurez-la d’abord sur la page de votre compte.",
        no_code_owed: "This session owes no authentication code." | "Diese Sitzung braucht keinen Bestätigungscode." | "Cette session n’attend aucun code d’authentification.",
        // Invitations.
        someone: "Someone" | "Jemand" | "Quelqu’un",
        outside_domains: "“{0}” is not at a domain your organization invites from ({1})." | "„{0}“ liegt nicht an einer Domain, an die Ihre Organisation einlädt ({1})." | "« {0} » n’est pas sur un domaine depuis lequel votre organisation invite ({1}).",
        invitations_a_day: "Your organization can send {0} invitations a day; {1} are left for now." | "Ihre Organisation kann {0} Einladungen am Tag senden; derzeit sind noch {1} übrig." | "Votre organisation peut envoyer {0} invitations par jour ; il en reste {1} pour le moment.",
        invitations_to_one: "{0} has had {1} invitations today. Try again tomorrow." | "{0} hat heute schon {1} Einladungen bekommen. Versuchen Sie es morgen erneut." | "{0} a déjà reçu {1} invitations aujourd’hui. Réessayez demain.",
        invitation_invalid: "This invitation code is not valid, or it was used or revoked." | "Dieser Einladungscode ist ungültig, oder er wurde schon benutzt oder zurückgezogen." | "Ce code d’invitation n’est pas valide, ou il a déjà été utilisé ou révoqué.",
        invitation_expired: "This invitation has expired. Ask for a new one: it can be resent." | "Diese Einladung ist abgelaufen. Bitten Sie um eine neue: Sie kann erneut gesendet werden." | "Cette invitation a expiré. Demandez-en une nouvelle : elle peut être renvoyée.",
        has_account: "This address already has an account: enter its password to accept." | "Zu dieser Adresse gibt es schon ein Konto: Geben Sie dessen Passwort ein, um anzunehmen." | "Cette adresse a déjà un compte : saisissez son mot de passe pour accepter.",
        in_an_organization: "This account already belongs to an organization." | "Dieses Konto gehört schon zu einer Organisation." | "Ce compte appartient déjà à une organisation.",
        set_up_meanwhile: "This account was set up meanwhile. Sign in with its password and accept again." | "Dieses Konto wurde inzwischen eingerichtet. Melden Sie sich mit seinem Passwort an und nehmen Sie erneut an." | "Ce compte a été créé entre-temps. Connectez-vous avec son mot de passe et acceptez à nouveau.",
        // Settings.
        choose_image: "Choose an image file." | "Wählen Sie eine Bilddatei." | "Choisissez un fichier image.",
        image_too_big: "The {0} can be at most {1} KB; this file has {2} KB." | "Das Bild ({0}) darf höchstens {1} KB haben; diese Datei hat {2} KB." | "L’image ({0}) pèse au plus {1} Ko ; ce fichier fait {2} Ko.",
        image_kind: "The {0} must be a {1} image." | "Das Bild ({0}) muss ein {1}-Bild sein." | "L’image ({0}) doit être au format {1}.",
        // Undo.
        undo_expired: "Too late to undo: it has been more than ten seconds, or it was undone already." | "Zu spät zum Rückgängigmachen: Es ist mehr als zehn Sekunden her, oder es wurde schon rückgängig gemacht." | "Trop tard pour annuler : plus de dix secondes se sont écoulées, ou c’est déjà annulé.",
        undo_conflict: "This cannot be undone any more: it changed meanwhile (added, invited or joined again elsewhere)." | "Das lässt sich nicht mehr rückgängig machen: Es hat sich inzwischen geändert (erneut hinzugefügt, eingeladen oder anderswo beigetreten)." | "Ce n’est plus annulable : cela a changé entre-temps (ajouté, invité ou rejoint ailleurs).",
        // Spaces.
        members_cannot_add: "Your organization does not let members add spaces. Ask an owner or admin." | "Ihre Organisation erlaubt Mitgliedern nicht, Spaces hinzuzufügen. Fragen Sie einen Eigentümer oder Admin." | "Votre organisation ne permet pas aux membres d’ajouter des espaces. Demandez à un propriétaire ou un admin.",
        space_in_yours: "This space is already in your organization." | "Dieser Space gehört schon zu Ihrer Organisation." | "Cet espace fait déjà partie de votre organisation.",
        space_in_other: "This space is already in an organization." | "Dieser Space gehört schon zu einer Organisation." | "Cet espace fait déjà partie d’une organisation.",
        own_spaces_only: "You can only add spaces from your own personal account." | "Sie können nur Spaces aus Ihrem eigenen persönlichen Konto hinzufügen." | "Vous ne pouvez ajouter que des espaces de votre propre compte personnel.",
        spaces_full: "The organization already has its maximum of {0} spaces." | "Die Organisation hat schon die Höchstzahl von {0} Spaces." | "L’organisation a déjà atteint son maximum de {0} espaces.",
        collaborator_role: "The collaborator role must be admin, editor or viewer." | "Die Rolle im Space muss admin, editor oder viewer sein." | "Le rôle de collaborateur doit être admin, editor ou viewer.",
        // Subscription and billing.
        billing_closed: "Invoices, billing and payment information open once your organization subscribes." | "Rechnungen, Rechnungs- und Zahlungsangaben öffnen sich, sobald Ihre Organisation ein Abonnement hat." | "Les factures et les informations de facturation et de paiement s’ouvrent dès que votre organisation s’abonne.",
        add_card_first: "Add a card under Payment information first: a plan starts once its first payment goes through." | "Hinterlegen Sie zuerst eine Karte unter Zahlungsangaben: Ein Tarif beginnt, sobald seine erste Zahlung durch ist." | "Ajoutez d’abord une carte dans Informations de paiement : une formule commence dès que son premier paiement est passé.",
        card_declined: "The card was declined, so nothing changed and nothing is owed. Use another card under Payment information." | "Die Karte wurde abgelehnt, daher hat sich nichts geändert und nichts ist offen. Hinterlegen Sie unter Zahlungsangaben eine andere Karte." | "La carte a été refusée : rien n’a changé et rien n’est dû. Utilisez une autre carte dans Informations de paiement.",
        payment_processing: "The payment is still being processed. The plan changes as soon as it goes through." | "Die Zahlung wird noch bearbeitet. Der Tarif ändert sich, sobald sie durch ist." | "Le paiement est en cours de traitement. La formule change dès qu’il est passé.",
        no_subscription: "Your organization has no subscription." | "Ihre Organisation hat kein Abonnement." | "Votre organisation n’a pas d’abonnement.",
    }
}

catalog! {
    /// The mails, each a heading, paragraphs and a button.
    pub struct MailTexts {
        or_open: "Or open this address:" | "Oder öffnen Sie diese Adresse:" | "Ou ouvrez cette adresse :",
        join_heading: "Join {0} on {1}" | "Treten Sie {0} auf {1} bei" | "Rejoignez {0} sur {1}",
        /// {0} invited, {1} the organization, {2} the role.
        invited_as: "{0} invited you to join {1} as a {2}." | "{0} hat Sie eingeladen, {1} als {2} beizutreten." | "{0} vous a invité à rejoindre {1} avec le rôle {2}.",
        invited_as_vowel: "{0} invited you to join {1} as an {2}." | "{0} hat Sie eingeladen, {1} als {2} beizutreten." | "{0} vous a invité à rejoindre {1} avec le rôle {2}.",
        join_how: "Open the link below to choose a password (or enter the one of your existing account) and join. The invitation works for seven days; if it has expired, ask for a new one." | "Öffnen Sie den Link unten, um ein Passwort zu wählen (oder das Ihres bestehenden Kontos einzugeben) und beizutreten. Die Einladung gilt sieben Tage; ist sie abgelaufen, bitten Sie um eine neue." | "Ouvrez le lien ci-dessous pour choisir un mot de passe (ou saisir celui de votre compte existant) et rejoindre l’organisation. L’invitation est valable sept jours ; si elle a expiré, demandez-en une nouvelle.",
        accept_invitation: "Accept the invitation" | "Einladung annehmen" | "Accepter l’invitation",
        reset_heading: "Reset your {0} password" | "Ihr Passwort für {0} zurücksetzen" | "Réinitialisez votre mot de passe {0}",
        reset_how: "Someone asked to reset the password of this account. If it was you, open the link below within 30 minutes to choose a new password; it works once, and signs out every other session." | "Jemand hat verlangt, das Passwort dieses Kontos zurückzusetzen. Wenn Sie es waren, öffnen Sie den Link unten innerhalb von 30 Minuten, um ein neues Passwort zu wählen; er funktioniert einmal und meldet alle anderen Sitzungen ab." | "Quelqu’un a demandé à réinitialiser le mot de passe de ce compte. Si c’était vous, ouvrez le lien ci-dessous dans les 30 minutes pour choisir un nouveau mot de passe ; il ne fonctionne qu’une fois et déconnecte toutes les autres sessions.",
        reset_not_you: "If it was not you, ignore this mail: your password stays as it is." | "Wenn Sie es nicht waren, ignorieren Sie diese E-Mail: Ihr Passwort bleibt, wie es ist." | "Si ce n’était pas vous, ignorez cet e-mail : votre mot de passe reste inchangé.",
        choose_new_password: "Choose a new password" | "Neues Passwort wählen" | "Choisir un nouveau mot de passe",
        no_account_heading: "No {0} account with this address" | "Kein Konto bei {0} mit dieser Adresse" | "Aucun compte {0} avec cette adresse",
        no_account_why: "Someone asked to reset the password of the {0} account with this address, but no account with this address can sign in. If it was you, you may have signed up with another address, or your organization's admins may have disabled your account." | "Jemand hat verlangt, das Passwort des Kontos bei {0} mit dieser Adresse zurückzusetzen, aber mit dieser Adresse kann sich kein Konto anmelden. Wenn Sie es waren, haben Sie sich vielleicht mit einer anderen Adresse registriert, oder die Admins Ihrer Organisation haben Ihr Konto deaktiviert." | "Quelqu’un a demandé à réinitialiser le mot de passe du compte {0} associé à cette adresse, mais aucun compte ne peut se connecter avec elle. Si c’était vous, vous vous êtes peut-être inscrit avec une autre adresse, ou les admins de votre organisation ont désactivé votre compte.",
        ignore: "If it was not you, ignore this mail." | "Wenn Sie es nicht waren, ignorieren Sie diese E-Mail." | "Si ce n’était pas vous, ignorez cet e-mail.",
        go_to_sign_in: "Go to sign-in" | "Zur Anmeldung" | "Aller à la connexion",
        sso_only_heading: "{0} signs you in with single sign-on" | "{0} meldet Sie per Single Sign-on an" | "{0} vous connecte par authentification unique",
        sso_only_why: "Someone asked to reset the password of this account. {0} signs its people in through its identity provider, so there is no password to reset: use “Sign in with SSO” with this address." | "Jemand hat verlangt, das Passwort dieses Kontos zurückzusetzen. {0} meldet seine Personen über seinen Identitätsanbieter an, daher gibt es kein Passwort zum Zurücksetzen: Verwenden Sie „Mit SSO anmelden“ mit dieser Adresse." | "Quelqu’un a demandé à réinitialiser le mot de passe de ce compte. {0} connecte ses personnes via son fournisseur d’identité : il n’y a donc pas de mot de passe à réinitialiser. Utilisez « Se connecter avec SSO » avec cette adresse.",
        go_to_sso: "Sign in with SSO" | "Mit SSO anmelden" | "Se connecter avec SSO",
        domain_lost_heading: "{0} is no longer verified" | "{0} ist nicht mehr verifiziert" | "{0} n’est plus vérifié",
        domain_lost_why: "Today’s check of {0} found no TXT record at {1}. Until the domain is verified again, addresses at {0} cannot sign in with single sign-on, and single sign-on cannot bring anyone in from it." | "Die heutige Prüfung von {0} hat unter {1} keinen TXT-Eintrag gefunden. Bis die Domain wieder verifiziert ist, können sich Adressen an {0} nicht per Single Sign-on anmelden, und Single Sign-on kann niemanden von dort hereinbringen." | "Le contrôle du jour de {0} n’a trouvé aucun enregistrement TXT à {1}. Tant que le domaine n’est pas vérifié à nouveau, les adresses de {0} ne peuvent pas se connecter par authentification unique, et celle-ci ne peut faire entrer personne depuis ce domaine.",
        domain_lost_how: "Publish the record again at your DNS provider, then choose Verify under SSO & Provisioning." | "Veröffentlichen Sie den Eintrag erneut bei Ihrem DNS-Anbieter und wählen Sie dann unter SSO & Bereitstellung Verifizieren." | "Publiez à nouveau l’enregistrement chez votre fournisseur DNS, puis choisissez Vérifier sous SSO et provisionnement.",
        see_sso: "Open SSO & Provisioning" | "SSO & Bereitstellung öffnen" | "Ouvrir SSO et provisionnement",
        /// {0} the organization, {1} the tier, {2} the invoice number.
        unpaid_heading: "{0}'s {1} subscription ended: invoice {2} is unpaid" | "Das {1}-Abonnement von {0} ist beendet: Rechnung {2} ist unbezahlt" | "L’abonnement {1} de {0} a pris fin : la facture {2} est impayée",
        unpaid_why: "Invoice {2} could not be charged for a week, so the {1} subscription ended and {0} is on the free plan now, with its limits." | "Rechnung {2} konnte eine Woche lang nicht abgebucht werden. Daher ist das {1}-Abonnement beendet, und {0} ist jetzt im kostenlosen Tarif, mit dessen Grenzen." | "La facture {2} n’a pas pu être prélevée pendant une semaine : l’abonnement {1} a donc pris fin et {0} est désormais sur la formule gratuite, avec ses limites.",
        unpaid_how: "Add a working card under Payment information: the invoice is paid with it, and the {0} plan comes back for the rest of the period it covers." | "Hinterlegen Sie unter Zahlungsangaben eine funktionierende Karte: Damit wird die Rechnung bezahlt, und der {0}-Tarif gilt wieder für den Rest des Zeitraums, den sie abdeckt." | "Ajoutez une carte valide dans Informations de paiement : la facture sera payée avec elle, et la formule {0} reviendra pour le reste de la période qu’elle couvre.",
        see_invoices: "See the invoices" | "Rechnungen ansehen" | "Voir les factures",
        webhook_disabled_heading: "{0}: a webhook endpoint was disabled" | "{0}: Ein Webhook-Endpunkt wurde deaktiviert" | "{0} : un point de terminaison webhook a été désactivé",
        webhook_disabled_why: "Every delivery to {0} has failed for three days, so it receives nothing more until it is enabled again." | "Jede Zustellung an {0} ist seit drei Tagen fehlgeschlagen; er erhält nichts mehr, bis er wieder aktiviert wird." | "Chaque envoi vers {0} échoue depuis trois jours : il ne reçoit plus rien jusqu’à ce qu’il soit réactivé.",
        webhook_disabled_how: "Its delivery log says what the receiver answered. Fix the receiver, then choose “Enable” under Settings → Webhooks." | "Das Zustellprotokoll zeigt, was der Empfänger geantwortet hat. Beheben Sie den Fehler beim Empfänger und wählen Sie dann „Aktivieren“ unter Einstellungen → Webhooks." | "Son journal d’envois indique ce que le destinataire a répondu. Corrigez le destinataire, puis choisissez « Activer » dans Paramètres → Webhooks.",
        see_webhooks: "See the webhooks" | "Webhooks ansehen" | "Voir les webhooks",
        /// {0}: the organization, {1}: the percent.
        usage_heading: "{0} has used {1} % of the traffic its plan includes" | "{0} hat {1} % des im Tarif enthaltenen Traffics verbraucht" | "{0} a consommé {1} % du trafic inclus dans sa formule",
        /// {0}: used, {1}: included, {2} and {3}: the billing month's first and last day.
        usage_what: "{0} of the {1} included were used in the billing month {2} to {3}." | "Im Abrechnungsmonat {2} bis {3} wurden {0} der enthaltenen {1} verbraucht." | "{0} des {1} inclus ont été consommés pendant le mois de facturation du {2} au {3}.",
        usage_how: "The dashboard shows which spaces use it. A higher tier under Subscription includes more; Settings → Notifications chooses these alerts and who gets them." | "Das Dashboard zeigt, welche Spaces ihn verbrauchen. Eine höhere Stufe unter Abonnement enthält mehr; unter Einstellungen → Benachrichtigungen wählen Sie diese Warnungen und ihre Empfänger." | "Le tableau de bord montre quels espaces le consomment. Une formule supérieure, sous Abonnement, en inclut davantage ; Paramètres → Notifications règle ces alertes et leurs destinataires.",
        see_dashboard: "See the dashboard" | "Dashboard ansehen" | "Voir le tableau de bord",
        two_factor_on: "Two-factor sign-in was turned on for your {0} account" | "Die Zwei-Faktor-Anmeldung wurde für Ihr Konto bei {0} eingeschaltet" | "La connexion à deux facteurs a été activée pour votre compte {0}",
        two_factor_off: "Two-factor sign-in was turned off for your {0} account" | "Die Zwei-Faktor-Anmeldung wurde für Ihr Konto bei {0} ausgeschaltet" | "La connexion à deux facteurs a été désactivée pour votre compte {0}",
        password_changed: "The password of your {0} account was changed" | "Das Passwort Ihres Kontos bei {0} wurde geändert" | "Le mot de passe de votre compte {0} a été modifié",
        token_made: "A personal access token was generated for your {0} account" | "Für Ihr Konto bei {0} wurde ein persönliches Zugriffstoken erstellt" | "Un jeton d’accès personnel a été généré pour votre compte {0}",
        password_was_reset: "The password of your {0} account was reset" | "Das Passwort Ihres Kontos bei {0} wurde zurückgesetzt" | "Le mot de passe de votre compte {0} a été réinitialisé",
        nothing_to_do: "If it was you, there is nothing to do." | "Wenn Sie es waren, ist nichts zu tun." | "Si c’était vous, vous n’avez rien à faire.",
        someone_else: "If it was not you, someone else is in your account: reset your password with \"Forgot password?\" on the sign-in page, sign out every other session on your account page, and tell your organization's admin." | "Wenn Sie es nicht waren, ist jemand anderes in Ihrem Konto: Setzen Sie Ihr Passwort mit „Passwort vergessen?“ auf der Anmeldeseite zurück, melden Sie auf Ihrer Kontoseite alle anderen Sitzungen ab und sagen Sie es dem Admin Ihrer Organisation." | "Si ce n’était pas vous, quelqu’un d’autre est dans votre compte : réinitialisez votre mot de passe avec « Mot de passe oublié ? » sur la page de connexion, déconnectez toutes les autres sessions sur la page de votre compte, et prévenez l’admin de votre organisation.",
        open_account: "Open your account" | "Ihr Konto öffnen" | "Ouvrir votre compte",
        unlock_heading: "Confirm it is you signing in to {0}" | "Bestätigen Sie Ihre Anmeldung bei {0}" | "Confirmez que c’est bien vous qui vous connectez à {0}",
        unlock_password: "Your password was entered wrongly many times in a row, so it is refused until you confirm that it is you." | "Ihr Passwort wurde oft hintereinander falsch eingegeben, deshalb wird es abgelehnt, bis Sie bestätigen, dass Sie es sind." | "Votre mot de passe a été mal saisi de nombreuses fois de suite : il est donc refusé jusqu’à ce que vous confirmiez que c’est bien vous.",
        unlock_codes: "Wrong sign-in codes were entered many times in a row, so codes are refused until you confirm that it is you." | "Es wurden oft hintereinander falsche Anmeldecodes eingegeben, deshalb werden Codes abgelehnt, bis Sie bestätigen, dass Sie es sind." | "De mauvais codes de connexion ont été saisis de nombreuses fois de suite : les codes sont donc refusés jusqu’à ce que vous confirmiez que c’est bien vous.",
        unlock_how: "If it was you, open the link below within 30 minutes and sign in there." | "Wenn Sie es waren, öffnen Sie den Link unten innerhalb von 30 Minuten und melden Sie sich dort an." | "Si c’était vous, ouvrez le lien ci-dessous dans les 30 minutes et connectez-vous depuis celui-ci.",
        unlock_not_you: "If it was not you, somebody is trying to sign in as you: ignore this mail, and if they got past the password, change it." | "Wenn Sie es nicht waren, versucht jemand, sich als Sie anzumelden: Ignorieren Sie diese E-Mail, und falls er das Passwort kannte, ändern Sie es." | "Si ce n’était pas vous, quelqu’un essaie de se connecter à votre place : ignorez cet e-mail et, s’il a franchi l’étape du mot de passe, changez-le.",
        sign_in: "Sign in" | "Anmelden" | "Se connecter",
    }
}

/// What the server says, in the language of the request being answered.
pub fn said() -> &'static Said {
    Said::of(crate::lang::spoken())
}

/// The mails' texts, in the language of the request that sends them.
pub fn mail_texts() -> &'static MailTexts {
    MailTexts::of(crate::lang::spoken())
}

#[cfg(test)]
mod tests {
    use super::*;
    use contract::i18n::blanks_disagree;

    #[test]
    fn every_language_keeps_every_blank() {
        assert_eq!(blanks_disagree(Said::each()), Vec::<&str>::new());
        assert_eq!(blanks_disagree(MailTexts::each()), Vec::<&str>::new());
    }
}

//! The Users screen's texts, and the invitation page's.

crate::i18n::texts! {
    title: "Users" | "Benutzer" | "Utilisateurs",
    intro: "Your team (owners and admins) and your customers (members). Members do not see the organization area or each other." | "Ihr Team (Eigentümer und Admins) und Ihre Kunden (Mitglieder). Mitglieder sehen weder den Organisationsbereich noch einander." | "Votre équipe (propriétaires et admins) et vos clients (membres). Les membres ne voient ni l’espace organisation ni les autres membres.",
    export_csv: "Export CSV" | "CSV exportieren" | "Exporter en CSV",
    /// {0}: how many rows.
    exported: "Exported {0} users to users.csv." | "{0} Benutzer nach users.csv exportiert." | "{0} utilisateurs exportés dans users.csv.",
    search_label: "Search users" | "Benutzer suchen" | "Rechercher des utilisateurs",
    search_placeholder: "Name or email" | "Name oder E-Mail" | "Nom ou e-mail",
    role: "Role" | "Rolle" | "Rôle",
    all_roles: "All roles" | "Alle Rollen" | "Tous les rôles",
    loading_users: "Loading users…" | "Benutzer werden geladen…" | "Chargement des utilisateurs…",
    rows_per_page: "Rows per page" | "Zeilen pro Seite" | "Lignes par page",
    pending_invitations: "Pending invitations" | "Offene Einladungen" | "Invitations en attente",
    loading_invitations: "Loading invitations…" | "Einladungen werden geladen…" | "Chargement des invitations…",
    /// {0}: the person, {1}: the new role.
    now_role: "{0} is now {1}." | "{0} ist jetzt {1}." | "{0} est maintenant {1}.",
    /// {0}: the person.
    make_owner: "Make {0} an Owner?" | "{0} zum Eigentümer machen?" | "Faire de {0} un propriétaire ?",
    make_admin: "Make {0} an Admin?" | "{0} zum Admin machen?" | "Faire de {0} un admin ?",
    make_member: "Make {0} a Member?" | "{0} zum Mitglied machen?" | "Faire de {0} un membre ?",
    /// {0}: the person, {1}: the role now, {2}: the new role.
    role_change_text: "{0} changes from {1} to {2} in this organization. Their roles in each space stay as they are." | "{0} wechselt in dieser Organisation von {1} zu {2}. Die Rollen in den einzelnen Spaces bleiben, wie sie sind." | "{0} passe de {1} à {2} dans cette organisation. Ses rôles dans chaque espace restent les mêmes.",
    change_role: "Change role" | "Rolle ändern" | "Changer le rôle",
    /// {0}: the person.
    remove_title: "Remove {0}?" | "{0} entfernen?" | "Retirer {0} ?",
    /// {0}: the person, {1}: their address, {2}: their spaces (one of the three below).
    remove_text: "{0} ({1}) leaves the organization and loses access to the organization area, and is taken off the organization's {2}. Their account and their own spaces stay." | "{0} ({1}) verlässt die Organisation und verliert den Zugriff auf den Organisationsbereich. {2} Das Konto und die eigenen Spaces der Person bleiben." | "{0} ({1}) quitte l’organisation et perd l’accès à l’espace organisation. {2} Son compte et ses propres espaces restent.",
    remove_no_spaces: "spaces (they work on none)" | "An Spaces der Organisation arbeitet die Person nicht mit." | "Cette personne ne travaille sur aucun espace de l’organisation.",
    remove_one_space: "one space they work on" | "Die Person wird aus dem einen Space der Organisation entfernt, an dem sie mitarbeitet." | "Cette personne est retirée du seul espace de l’organisation sur lequel elle travaille.",
    /// {0}: how many.
    remove_spaces: "{0} spaces they work on" | "Die Person wird aus den {0} Spaces der Organisation entfernt, an denen sie mitarbeitet." | "Cette personne est retirée des {0} espaces de l’organisation sur lesquels elle travaille.",
    remove_user: "Remove user" | "Benutzer entfernen" | "Retirer l’utilisateur",
    people: "People" | "Personen" | "Personnes",
    /// {0}: shown on this page, {1}: how many in all.
    shown_of: "{0} shown of {1} users" | "{0} angezeigt von {1} Benutzern" | "{0} affichés sur {1} utilisateurs",
    name: "Name" | "Name" | "Nom",
    email: "Email" | "E-Mail" | "E-mail",
    spaces: "Spaces" | "Spaces" | "Espaces",
    sign_ins: "Sign-ins" | "Anmeldungen" | "Connexions",
    last_sign_in: "Last sign-in" | "Letzte Anmeldung" | "Dernière connexion",
    two_factor: "Two-factor" | "Zwei-Faktor" | "Deux facteurs",
    no_match: "No user matches this search." | "Kein Benutzer passt zu dieser Suche." | "Aucun utilisateur ne correspond à cette recherche.",
    never: "Never" | "Nie" | "Jamais",
    /// {0}: the person.
    role_for: "Role for {0}" | "Rolle von {0}" | "Rôle de {0}",
    remove_person: "Remove {0}" | "{0} entfernen" | "Retirer {0}",
    disabled: "Disabled" | "Deaktiviert" | "Désactivé",
    on: "On" | "An" | "Activée",
    off: "Off" | "Aus" | "Désactivée",
    remove: "Remove" | "Entfernen" | "Retirer",
    none: "None" | "Keine" | "Aucun",
    /// {0}: how many.
    n_spaces: "{0} spaces" | "{0} Spaces" | "{0} espaces",
    /// {0}: the first names, {1}: how many more.
    and_more: "{0} and {1} more" | "{0} und {1} weitere" | "{0} et {1} de plus",
    add_user: "Add user" | "Benutzer hinzufügen" | "Ajouter un utilisateur",
    enter_invitee: "Enter the email address of the person to invite." | "Geben Sie die E-Mail-Adresse der Person ein, die Sie einladen möchten." | "Saisissez l’adresse e-mail de la personne à inviter.",
    /// {0}: what was typed.
    not_an_email: "“{0}” is not a valid email address." | "„{0}“ ist keine gültige E-Mail-Adresse." | "« {0} » n’est pas une adresse e-mail valide.",
    invitation_sent: "Invitation sent" | "Einladung gesendet" | "Invitation envoyée",
    invitations_sent: "Invitations sent" | "Einladungen gesendet" | "Invitations envoyées",
    sent_text: "Each person gets a mail with a link to join: they choose a password (or enter the one of their existing account) and are signed in. The link works for 7 days." | "Jede Person erhält eine E-Mail mit einem Link zum Beitreten: Sie wählt ein Passwort (oder gibt das ihres bestehenden Kontos ein) und ist angemeldet. Der Link funktioniert 7 Tage lang." | "Chaque personne reçoit un e-mail avec un lien pour rejoindre l’organisation : elle choisit un mot de passe (ou saisit celui de son compte existant) et est connectée. Le lien est valable 7 jours.",
    /// {0}: the role.
    as_role: "as {0}" | "als {0}" | "en tant que {0}",
    sent_hint: "Whether each mail went out shows under Pending invitations; Resend sends a new one." | "Ob jede E-Mail verschickt wurde, steht unter „Offene Einladungen“; „Erneut senden“ verschickt eine neue." | "L’envoi de chaque e-mail est indiqué sous Invitations en attente ; Renvoyer en envoie un nouveau.",
    done: "Done" | "Fertig" | "Terminé",
    first_name: "First name" | "Vorname" | "Prénom",
    last_name: "Last name" | "Nachname" | "Nom de famille",
    several_hint: "Paste several addresses to invite them all with the same role." | "Fügen Sie mehrere Adressen ein, um alle mit derselben Rolle einzuladen." | "Collez plusieurs adresses pour toutes les inviter avec le même rôle.",
    roles: "Roles" | "Rollen" | "Rôles",
    /// {0}: the chosen role.
    role_chosen: "Role: {0}" | "Rolle: {0}" | "Rôle : {0}",
    role_in_org: "Role in the organization" | "Rolle in der Organisation" | "Rôle dans l’organisation",
    create: "Create" | "Erstellen" | "Créer",
    owner_not_allowed: "Only owners can assign ownership." | "Nur Eigentümer können die Eigentümerrolle vergeben." | "Seuls les propriétaires peuvent attribuer le rôle de propriétaire.",
    owner_help: "Everything, including the subscription and invoices." | "Alles, einschließlich Abonnement und Rechnungen." | "Tout, y compris l’abonnement et les factures.",
    admin_help: "The organization area and its users, but not ownership." | "Den Organisationsbereich und seine Benutzer, aber nicht die Eigentümerrolle." | "L’espace organisation et ses utilisateurs, mais pas la propriété.",
    member_help: "For customers: their spaces only, no organization area." | "Für Kunden: nur ihre Spaces, kein Organisationsbereich." | "Pour les clients : leurs espaces uniquement, sans espace organisation.",
    no_pending: "No pending invitations." | "Keine offenen Einladungen." | "Aucune invitation en attente.",
    /// {0}: the address.
    resent: "A new invitation is on its way to {0}; the old link no longer works." | "Eine neue Einladung an {0} ist unterwegs; der alte Link funktioniert nicht mehr." | "Une nouvelle invitation est en route vers {0} ; l’ancien lien ne fonctionne plus.",
    expires: "Expires" | "Läuft ab" | "Expire",
    mail: "Mail" | "E-Mail" | "Envoi",
    expired: "Expired" | "Abgelaufen" | "Expirée",
    resend_to: "Resend invitation to {0}" | "Einladung an {0} erneut senden" | "Renvoyer l’invitation à {0}",
    revoke_to: "Revoke invitation to {0}" | "Einladung an {0} zurückziehen" | "Révoquer l’invitation de {0}",
    resend: "Resend" | "Erneut senden" | "Renvoyer",
    revoke: "Revoke" | "Zurückziehen" | "Révoquer",
    not_sent: "Not sent" | "Nicht gesendet" | "Non envoyé",
    /// {0}: the day.
    sent_on: "Sent {0}" | "Gesendet am {0}" | "Envoyé le {0}",
    sent: "Sent" | "Gesendet" | "Envoyé",
    sending: "Sending…" | "Wird gesendet…" | "Envoi…",
    /// {0}: the mail server's answer.
    retrying: "Not delivered yet ({0}); trying again" | "Noch nicht zugestellt ({0}); neuer Versuch folgt" | "Pas encore remis ({0}) ; nouvel essai",
    failed_because: "Failed: {0}" | "Fehlgeschlagen: {0}" | "Échec : {0}",
    failed: "Failed" | "Fehlgeschlagen" | "Échec",
    accept_title: "Accept invitation" | "Einladung annehmen" | "Accepter l’invitation",
    accept_intro: "Choose a password to join. If you already have an account, enter its password." | "Wählen Sie ein Passwort, um beizutreten. Wenn Sie schon ein Konto haben, geben Sie dessen Passwort ein." | "Choisissez un mot de passe pour rejoindre l’organisation. Si vous avez déjà un compte, saisissez son mot de passe.",
    accept_needs_code: "Open the link from your invitation mail, or paste the code from it." | "Öffnen Sie den Link aus Ihrer Einladungs-E-Mail oder fügen Sie den Code daraus ein." | "Ouvrez le lien de votre e-mail d’invitation, ou collez le code qu’il contient.",
    invitation_code: "Invitation code" | "Einladungscode" | "Code d’invitation",
    password: "Password" | "Passwort" | "Mot de passe",
    at_least_chars: "At least {0} characters." | "Mindestens {0} Zeichen." | "Au moins {0} caractères.",
}

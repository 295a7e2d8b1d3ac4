//! The Users screen's texts, and the invitation page's.

crate::i18n::texts! {
    title: "Users" | "Benutzer",
    intro: "Your team (owners and admins) and your customers (members). Members do not see the organization area or each other." | "Ihr Team (Eigentümer und Admins) und Ihre Kunden (Mitglieder). Mitglieder sehen weder den Organisationsbereich noch einander.",
    export_csv: "Export CSV" | "CSV exportieren",
    /// {0}: how many rows.
    exported: "Exported {0} users to users.csv." | "{0} Benutzer nach users.csv exportiert.",
    search_label: "Search users" | "Benutzer suchen",
    search_placeholder: "Name or email" | "Name oder E-Mail",
    role: "Role" | "Rolle",
    all_roles: "All roles" | "Alle Rollen",
    loading_users: "Loading users…" | "Benutzer werden geladen…",
    rows_per_page: "Rows per page" | "Zeilen pro Seite",
    pending_invitations: "Pending invitations" | "Offene Einladungen",
    loading_invitations: "Loading invitations…" | "Einladungen werden geladen…",
    /// {0}: the person, {1}: the new role.
    now_role: "{0} is now {1}." | "{0} ist jetzt {1}.",
    /// {0}: the person.
    was_removed: "{0} was removed from the organization." | "{0} wurde aus der Organisation entfernt.",
    make_owner: "Make {0} an Owner?" | "{0} zum Eigentümer machen?",
    make_admin: "Make {0} an Admin?" | "{0} zum Admin machen?",
    make_member: "Make {0} a Member?" | "{0} zum Mitglied machen?",
    /// {0}: the person, {1}: the role now, {2}: the new role.
    role_change_text: "{0} changes from {1} to {2} in this organization. Their roles in each space stay as they are." | "{0} wechselt in dieser Organisation von {1} zu {2}. Die Rollen in den einzelnen Spaces bleiben, wie sie sind.",
    change_role: "Change role" | "Rolle ändern",
    /// {0}: the person.
    remove_title: "Remove {0}?" | "{0} entfernen?",
    /// {0}: the person, {1}: their address, {2}: their spaces (one of the three below).
    remove_text: "{0} ({1}) leaves the organization and loses access to the organization area, and is taken off the organization's {2}. Their account and their own spaces stay." | "{0} ({1}) verlässt die Organisation und verliert den Zugriff auf den Organisationsbereich. {2} Das Konto und die eigenen Spaces der Person bleiben.",
    remove_no_spaces: "spaces (they work on none)" | "An Spaces der Organisation arbeitet die Person nicht mit.",
    remove_one_space: "one space they work on" | "Die Person wird aus dem einen Space der Organisation entfernt, an dem sie mitarbeitet.",
    /// {0}: how many.
    remove_spaces: "{0} spaces they work on" | "Die Person wird aus den {0} Spaces der Organisation entfernt, an denen sie mitarbeitet.",
    remove_user: "Remove user" | "Benutzer entfernen",
    people: "People" | "Personen",
    /// {0}: shown on this page, {1}: how many in all.
    shown_of: "{0} shown of {1} users" | "{0} angezeigt von {1} Benutzern",
    name: "Name" | "Name",
    email: "Email" | "E-Mail",
    spaces: "Spaces" | "Spaces",
    sign_ins: "Sign-ins" | "Anmeldungen",
    last_sign_in: "Last sign-in" | "Letzte Anmeldung",
    two_factor: "Two-factor" | "Zwei-Faktor",
    no_match: "No user matches this search." | "Kein Benutzer passt zu dieser Suche.",
    never: "Never" | "Nie",
    /// {0}: the person.
    role_for: "Role for {0}" | "Rolle von {0}",
    remove_person: "Remove {0}" | "{0} entfernen",
    disabled: "Disabled" | "Deaktiviert",
    on: "On" | "An",
    off: "Off" | "Aus",
    remove: "Remove" | "Entfernen",
    none: "None" | "Keine",
    /// {0}: how many.
    n_spaces: "{0} spaces" | "{0} Spaces",
    /// {0}: the first names, {1}: how many more.
    and_more: "{0} and {1} more" | "{0} und {1} weitere",
    add_user: "Add user" | "Benutzer hinzufügen",
    enter_invitee: "Enter the email address of the person to invite." | "Geben Sie die E-Mail-Adresse der Person ein, die Sie einladen möchten.",
    /// {0}: what was typed.
    not_an_email: "“{0}” is not a valid email address." | "„{0}“ ist keine gültige E-Mail-Adresse.",
    invitation_sent: "Invitation sent" | "Einladung gesendet",
    invitations_sent: "Invitations sent" | "Einladungen gesendet",
    sent_text: "Each person gets a mail with a link to join: they choose a password (or enter the one of their existing account) and are signed in. The link works for 7 days." | "Jede Person erhält eine E-Mail mit einem Link zum Beitreten: Sie wählt ein Passwort (oder gibt das ihres bestehenden Kontos ein) und ist angemeldet. Der Link funktioniert 7 Tage lang.",
    /// {0}: the role.
    as_role: "as {0}" | "als {0}",
    sent_hint: "Whether each mail went out shows under Pending invitations; Resend sends a new one." | "Ob jede E-Mail verschickt wurde, steht unter „Offene Einladungen“; „Erneut senden“ verschickt eine neue.",
    done: "Done" | "Fertig",
    first_name: "First name" | "Vorname",
    last_name: "Last name" | "Nachname",
    several_hint: "Paste several addresses to invite them all with the same role." | "Fügen Sie mehrere Adressen ein, um alle mit derselben Rolle einzuladen.",
    roles: "Roles" | "Rollen",
    /// {0}: the chosen role.
    role_chosen: "Role: {0}" | "Rolle: {0}",
    role_in_org: "Role in the organization" | "Rolle in der Organisation",
    create: "Create" | "Erstellen",
    owner_not_allowed: "Only owners can assign ownership." | "Nur Eigentümer können die Eigentümerrolle vergeben.",
    owner_help: "Everything, including the subscription and invoices." | "Alles, einschließlich Abonnement und Rechnungen.",
    admin_help: "The organization area and its users, but not ownership." | "Den Organisationsbereich und seine Benutzer, aber nicht die Eigentümerrolle.",
    member_help: "For customers: their spaces only, no organization area." | "Für Kunden: nur ihre Spaces, kein Organisationsbereich.",
    no_pending: "No pending invitations." | "Keine offenen Einladungen.",
    /// {0}: the address.
    resent: "A new invitation is on its way to {0}; the old link no longer works." | "Eine neue Einladung an {0} ist unterwegs; der alte Link funktioniert nicht mehr.",
    revoked: "The invitation to {0} was revoked." | "Die Einladung an {0} wurde zurückgezogen.",
    expires: "Expires" | "Läuft ab",
    mail: "Mail" | "E-Mail",
    expired: "Expired" | "Abgelaufen",
    resend_to: "Resend invitation to {0}" | "Einladung an {0} erneut senden",
    revoke_to: "Revoke invitation to {0}" | "Einladung an {0} zurückziehen",
    resend: "Resend" | "Erneut senden",
    revoke: "Revoke" | "Zurückziehen",
    not_sent: "Not sent" | "Nicht gesendet",
    /// {0}: the day.
    sent_on: "Sent {0}" | "Gesendet am {0}",
    sent: "Sent" | "Gesendet",
    sending: "Sending…" | "Wird gesendet…",
    /// {0}: the mail server's answer.
    retrying: "Not delivered yet ({0}); trying again" | "Noch nicht zugestellt ({0}); neuer Versuch folgt",
    failed_because: "Failed: {0}" | "Fehlgeschlagen: {0}",
    failed: "Failed" | "Fehlgeschlagen",
    accept_title: "Accept invitation" | "Einladung annehmen",
    accept_intro: "Choose a password to join. If you already have an account, enter its password." | "Wählen Sie ein Passwort, um beizutreten. Wenn Sie schon ein Konto haben, geben Sie dessen Passwort ein.",
    accept_needs_code: "Open the link from your invitation mail, or paste the code from it." | "Öffnen Sie den Link aus Ihrer Einladungs-E-Mail oder fügen Sie den Code daraus ein.",
    invitation_code: "Invitation code" | "Einladungscode",
    password: "Password" | "Passwort",
    at_least_chars: "At least {0} characters." | "Mindestens {0} Zeichen.",
}

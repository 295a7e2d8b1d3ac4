//! The dashboard's and a space's texts.

crate::i18n::texts! {
    title: "Dashboard" | "Dashboard",
    period: "Period" | "Zeitraum",
    loading_traffic: "Loading traffic…" | "Traffic wird geladen…",
    loading_personal: "Loading your spaces…" | "Ihre Spaces werden geladen…",
    loading_spaces: "Loading spaces…" | "Spaces werden geladen…",
    /// {0}: the space.
    added: "“{0}” was added to the organization." | "„{0}“ wurde zur Organisation hinzugefügt.",
    detached: "“{0}” was moved back to its owner's personal account." | "„{0}“ wurde zurück in das persönliche Konto des Eigentümers verschoben.",
    detach_title: "Detach “{0}”?" | "„{0}“ abtrennen?",
    /// {0}: the owner's name, {1}: their address.
    detach_text: "The space moves back to the personal account of {0} ({1}). Its collaborators keep their access; it no longer counts toward this organization." | "Der Space wandert zurück in das persönliche Konto von {0} ({1}). Seine Mitwirkenden behalten ihren Zugriff; er zählt nicht mehr zu dieser Organisation.",
    detach_space: "Detach space" | "Space abtrennen",
    free_traffic: "Free traffic" | "Freier Traffic",
    /// {0}: used, {1}: included.
    used_of: "{0} of {1}" | "{0} von {1}",
    /// {0}, {1}: the billing month's first and last day.
    billing_month: "Billing month {0} to {1}" | "Abrechnungsmonat {0} bis {1}",
    /// {0}: percent, {1}: how much over, {2}: included.
    over_included: "{0}% used: {1} over the {2} included." | "{0} % verbraucht: {1} über den enthaltenen {2}.",
    /// {0}: percent, {1}: included.
    of_included: "{0}% of the {1} included used." | "{0} % der enthaltenen {1} verbraucht.",
    add_space_title: "Add a space from your personal account" | "Einen Space aus Ihrem persönlichen Konto hinzufügen",
    space: "Space" | "Space",
    no_personal: "No personal spaces to add" | "Keine persönlichen Spaces zum Hinzufügen",
    type_to_search: "Type to search your spaces" | "Tippen, um Ihre Spaces zu suchen",
    add_space: "Add space" | "Space hinzufügen",
    choose_space: "Choose a space from your personal account." | "Wählen Sie einen Space aus Ihrem persönlichen Konto.",
    no_such_space: "No space of that name in your personal account. Pick one from the list." | "In Ihrem persönlichen Konto gibt es keinen Space dieses Namens. Wählen Sie einen aus der Liste.",
    all_spaces: "All spaces" | "Alle Spaces",
    filter_spaces: "Filter spaces" | "Spaces filtern",
    filter_placeholder: "Name or owner" | "Name oder Eigentümer",
    /// {0}: shown, {1}: all.
    spaces_count: "{0} of {1} spaces" | "{0} von {1} Spaces",
    no_match: "No space matches this filter." | "Kein Space passt zu diesem Filter.",
    /// {0}: the space.
    detach_named: "Detach {0}" | "{0} abtrennen",
    detach: "Detach" | "Abtrennen",
    name: "Name" | "Name",
    owner: "Owner" | "Eigentümer",
    users: "Users" | "Benutzer",
    plan: "Plan" | "Plan",
    traffic: "Traffic" | "Traffic",
    spaces: "Spaces" | "Spaces",
    date: "Date" | "Datum",
    api_requests: "API requests" | "API-Anfragen",
    show_data: "Show the data" | "Daten anzeigen",
    charts_not_loaded: "The charts could not be loaded." | "Die Diagramme konnten nicht geladen werden.",
    charts_not_drawn: "The charts could not be drawn." | "Die Diagramme konnten nicht gezeichnet werden.",
    /// {0}: now, {1}: at the period's start.
    spaces_summary: "{0} spaces now, {1} at the start of the period." | "{0} Spaces jetzt, {1} zu Beginn des Zeitraums.",
    /// {0}: all, {1}-{3}: owners, admins, members.
    users_summary: "{0} users: {1} owner, {2} admins, {3} members." | "{0} Benutzer: {1} Eigentümer, {2} Admins, {3} Mitglieder.",
    /// {0}: bytes, {1}: requests, {2}: "day" or "month".
    traffic_summary: "{0} and {1} API requests in the period, shown per {2}." | "{0} und {1} API-Anfragen im Zeitraum, dargestellt pro {2}.",
    day: "day" | "Tag",
    month: "month" | "Monat",
    all_spaces_link: "← All spaces" | "← Alle Spaces",
    loading_space: "Loading the space…" | "Der Space wird geladen…",
    /// {0}: person, {1}: space role.
    now_space_role: "{0} is now {1} in this space." | "{0} ist jetzt {1} in diesem Space.",
    no_longer_on_space: "{0} no longer works on this space." | "{0} arbeitet nicht mehr an diesem Space mit.",
    /// {0}: owner name, {1}: owner address, {2}: plan.
    owned_by: "Owned by {0} ({1}), plan {2}. " | "Eigentümer: {0} ({1}), Plan {2}. ",
    collaborators_free: "Adding users of your organization to this space costs nothing extra; their organization role stays as it is." | "Benutzer Ihrer Organisation zu diesem Space hinzuzufügen kostet nichts extra; ihre Rolle in der Organisation bleibt, wie sie ist.",
    collaborators: "Collaborators" | "Mitwirkende",
    /// {0}: how many.
    people_on_space: "{0} people work on this space" | "{0} Personen arbeiten an diesem Space mit",
    org_role: "Organization role" | "Rolle in der Organisation",
    space_role: "Space role" | "Rolle im Space",
    not_in_org: "Not in the organization" | "Nicht in der Organisation",
    space_role_for: "Space role for {0}" | "Rolle im Space von {0}",
    remove_from_space: "Remove {0} from this space" | "{0} aus diesem Space entfernen",
    remove: "Remove" | "Entfernen",
    pick_user: "Pick a user of your organization from the list (by email)." | "Wählen Sie einen Benutzer Ihrer Organisation aus der Liste (nach E-Mail).",
    /// {0}: the address.
    already_on_space: "{0} already works on this space; change their space role below." | "{0} arbeitet schon an diesem Space mit; ändern Sie die Rolle im Space unten.",
    add_collaborator: "Add a collaborator" | "Mitwirkende(n) hinzufügen",
    user: "User" | "Benutzer",
    type_name_or_email: "Type a name or email" | "Name oder E-Mail eingeben",
    add_to_space: "Add to space" | "Zum Space hinzufügen",
    space_admin: "admin" | "Admin",
    space_editor: "editor" | "Bearbeiter",
    space_viewer: "viewer" | "Betrachter",
}

/// A space role (`admin`, `editor`, `viewer`) as people of this page's language read it.
pub fn space_role(role: &str) -> String {
    match role {
        "admin" => t().space_admin.into(),
        "editor" => t().space_editor.into(),
        "viewer" => t().space_viewer.into(),
        other => other.into(),
    }
}

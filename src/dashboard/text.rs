//! The dashboard's and a space's texts.

crate::i18n::texts! {
    title: "Dashboard" | "Dashboard" | "Tableau de bord",
    period: "Period" | "Zeitraum" | "Période",
    loading_traffic: "Loading traffic…" | "Traffic wird geladen…" | "Chargement du trafic…",
    loading_personal: "Loading your spaces…" | "Ihre Spaces werden geladen…" | "Chargement de vos espaces…",
    loading_spaces: "Loading spaces…" | "Spaces werden geladen…" | "Chargement des espaces…",
    /// {0}: the space.
    added: "“{0}” was added to the organization." | "„{0}“ wurde zur Organisation hinzugefügt." | "« {0} » a été ajouté à l’organisation.",
    detach_title: "Detach “{0}”?" | "„{0}“ abtrennen?" | "Détacher « {0} » ?",
    /// {0}: the owner's name, {1}: their address.
    detach_text: "The space moves back to the personal account of {0} ({1}). Its collaborators keep their access; it no longer counts toward this organization." | "Der Space wandert zurück in das persönliche Konto von {0} ({1}). Seine Mitwirkenden behalten ihren Zugriff; er zählt nicht mehr zu dieser Organisation." | "L’espace retourne sur le compte personnel de {0} ({1}). Ses collaborateurs gardent leur accès ; il ne compte plus pour cette organisation.",
    detach_space: "Detach space" | "Space abtrennen" | "Détacher l’espace",
    free_traffic: "Free traffic" | "Freier Traffic" | "Trafic gratuit",
    /// {0}: used, {1}: included.
    used_of: "{0} of {1}" | "{0} von {1}" | "{0} sur {1}",
    /// {0}, {1}: the billing month's first and last day.
    billing_month: "Billing month {0} to {1}" | "Abrechnungsmonat {0} bis {1}" | "Mois de facturation du {0} au {1}",
    /// {0}: percent, {1}: how much over, {2}: included.
    over_included: "{0}% used: {1} over the {2} included." | "{0} % verbraucht: {1} über den enthaltenen {2}." | "{0} % utilisés : {1} au-delà des {2} inclus.",
    /// {0}: percent, {1}: included.
    of_included: "{0}% of the {1} included used." | "{0} % der enthaltenen {1} verbraucht." | "{0} % des {1} inclus utilisés.",
    add_space_title: "Add a space from your personal account" | "Einen Space aus Ihrem persönlichen Konto hinzufügen" | "Ajouter un espace de votre compte personnel",
    space: "Space" | "Space" | "Espace",
    no_personal: "No personal spaces to add" | "Keine persönlichen Spaces zum Hinzufügen" | "Aucun espace personnel à ajouter",
    type_to_search: "Type to search your spaces" | "Tippen, um Ihre Spaces zu suchen" | "Saisissez pour chercher parmi vos espaces",
    add_space: "Add space" | "Space hinzufügen" | "Ajouter l’espace",
    choose_space: "Choose a space from your personal account." | "Wählen Sie einen Space aus Ihrem persönlichen Konto." | "Choisissez un espace de votre compte personnel.",
    no_such_space: "No space of that name in your personal account. Pick one from the list." | "In Ihrem persönlichen Konto gibt es keinen Space dieses Namens. Wählen Sie einen aus der Liste." | "Aucun espace de ce nom dans votre compte personnel. Choisissez-en un dans la liste.",
    all_spaces: "All spaces" | "Alle Spaces" | "Tous les espaces",
    filter_spaces: "Filter spaces" | "Spaces filtern" | "Filtrer les espaces",
    filter_placeholder: "Name or owner" | "Name oder Eigentümer" | "Nom ou propriétaire",
    /// {0}: shown, {1}: all.
    spaces_count: "{0} of {1} spaces" | "{0} von {1} Spaces" | "{0} espaces sur {1}",
    no_match: "No space matches this filter." | "Kein Space passt zu diesem Filter." | "Aucun espace ne correspond à ce filtre.",
    /// {0}: the space.
    detach_named: "Detach {0}" | "{0} abtrennen" | "Détacher {0}",
    detach: "Detach" | "Abtrennen" | "Détacher",
    name: "Name" | "Name" | "Nom",
    owner: "Owner" | "Eigentümer" | "Propriétaire",
    users: "Users" | "Benutzer" | "Utilisateurs",
    plan: "Plan" | "Plan" | "Formule",
    traffic: "Traffic" | "Traffic" | "Trafic",
    region: "Region" | "Region" | "Région",
    /// {0}: the region, "EU (Europe)".
    kept_in: "Region: {0}" | "Region: {0}" | "Région : {0}",
    outside_regions: "Not in an allowed region" | "Nicht in einer erlaubten Region" | "Hors des régions autorisées",
    /// {0}: how many, {1}: their names, {2}: the allowed regions.
    outside_summary: "{0} spaces are in regions your organization does not allow: {1}. They stay; new spaces may join only from {2}." | "{0} Spaces liegen in Regionen, die Ihre Organisation nicht erlaubt: {1}. Sie bleiben; neue Spaces können nur aus {2} beitreten." | "{0} espaces sont dans des régions que votre organisation n’autorise pas : {1}. Ils restent ; les nouveaux espaces ne peuvent venir que de {2}.",
    /// {0}: the region's label.
    region_not_allowed_here: "{0}, not allowed by your organization" | "{0}, von Ihrer Organisation nicht erlaubt" | "{0}, non autorisée par votre organisation",
    spaces: "Spaces" | "Spaces" | "Espaces",
    date: "Date" | "Datum" | "Date",
    api_requests: "API requests" | "API-Anfragen" | "Requêtes API",
    show_data: "Show the data" | "Daten anzeigen" | "Afficher les données",
    charts_not_loaded: "The charts could not be loaded." | "Die Diagramme konnten nicht geladen werden." | "Les graphiques n’ont pas pu être chargés.",
    charts_not_drawn: "The charts could not be drawn." | "Die Diagramme konnten nicht gezeichnet werden." | "Les graphiques n’ont pas pu être dessinés.",
    /// {0}: now, {1}: at the period's start.
    spaces_summary: "{0} spaces now, {1} at the start of the period." | "{0} Spaces jetzt, {1} zu Beginn des Zeitraums." | "{0} espaces aujourd’hui, {1} au début de la période.",
    /// {0}: all, {1}-{3}: owners, admins, members.
    users_summary: "{0} users: {1} owner, {2} admins, {3} members." | "{0} Benutzer: {1} Eigentümer, {2} Admins, {3} Mitglieder." | "{0} utilisateurs : {1} propriétaire, {2} admins, {3} membres.",
    /// {0}: bytes, {1}: requests, {2}: "day" or "month".
    traffic_summary: "{0} and {1} API requests in the period, shown per {2}." | "{0} und {1} API-Anfragen im Zeitraum, dargestellt pro {2}." | "{0} et {1} requêtes API sur la période, par {2}.",
    day: "day" | "Tag" | "jour",
    month: "month" | "Monat" | "mois",
    all_spaces_link: "← All spaces" | "← Alle Spaces" | "← Tous les espaces",
    loading_space: "Loading the space…" | "Der Space wird geladen…" | "Chargement de l’espace…",
    /// {0}: person, {1}: space role.
    now_space_role: "{0} is now {1} in this space." | "{0} ist jetzt {1} in diesem Space." | "{0} est maintenant {1} dans cet espace.",
    /// {0}: owner name, {1}: owner address, {2}: plan.
    owned_by: "Owned by {0} ({1}), plan {2}. " | "Eigentümer: {0} ({1}), Plan {2}. " | "Appartient à {0} ({1}), formule {2}. ",
    collaborators_free: "Adding users of your organization to this space costs nothing extra; their organization role stays as it is." | "Benutzer Ihrer Organisation zu diesem Space hinzuzufügen kostet nichts extra; ihre Rolle in der Organisation bleibt, wie sie ist." | "Ajouter des utilisateurs de votre organisation à cet espace ne coûte rien de plus ; leur rôle dans l’organisation reste le même.",
    collaborators: "Collaborators" | "Mitwirkende" | "Collaborateurs",
    /// {0}: how many.
    people_on_space: "{0} people work on this space" | "{0} Personen arbeiten an diesem Space mit" | "{0} personnes travaillent sur cet espace",
    org_role: "Organization role" | "Rolle in der Organisation" | "Rôle dans l’organisation",
    space_role: "Space role" | "Rolle im Space" | "Rôle dans l’espace",
    not_in_org: "Not in the organization" | "Nicht in der Organisation" | "Pas dans l’organisation",
    space_role_for: "Space role for {0}" | "Rolle im Space von {0}" | "Rôle dans l’espace pour {0}",
    remove_from_space: "Remove {0} from this space" | "{0} aus diesem Space entfernen" | "Retirer {0} de cet espace",
    remove: "Remove" | "Entfernen" | "Retirer",
    pick_user: "Pick a user of your organization from the list (by email)." | "Wählen Sie einen Benutzer Ihrer Organisation aus der Liste (nach E-Mail)." | "Choisissez un utilisateur de votre organisation dans la liste (par e-mail).",
    /// {0}: the address.
    already_on_space: "{0} already works on this space; change their space role below." | "{0} arbeitet schon an diesem Space mit; ändern Sie die Rolle im Space unten." | "{0} travaille déjà sur cet espace ; changez son rôle dans l’espace ci-dessous.",
    add_collaborator: "Add a collaborator" | "Mitwirkende(n) hinzufügen" | "Ajouter un collaborateur",
    user: "User" | "Benutzer" | "Utilisateur",
    type_name_or_email: "Type a name or email" | "Name oder E-Mail eingeben" | "Saisissez un nom ou un e-mail",
    add_to_space: "Add to space" | "Zum Space hinzufügen" | "Ajouter à l’espace",
    space_admin: "admin" | "Admin" | "admin",
    space_editor: "editor" | "Bearbeiter" | "éditeur",
    space_viewer: "viewer" | "Betrachter" | "lecteur",
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

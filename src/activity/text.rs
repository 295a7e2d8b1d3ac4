//! The Activity screen's texts.

crate::i18n::texts! {
    title: "Activity" | "Aktivität" | "Activité",
    export_csv: "Export CSV" | "CSV exportieren" | "Exporter en CSV",
    export_json: "Export JSON" | "JSON exportieren" | "Exporter en JSON",
    /// {0}: the file.
    exported: "Exported the filtered activities to {0}." | "Die gefilterten Aktivitäten wurden nach {0} exportiert." | "Activités filtrées exportées dans {0}.",
    intro: "Every change in the organization: who made it, when and from where. Entries cannot be edited or deleted; they are kept for the period set under Settings." | "Jede Änderung in der Organisation: wer sie gemacht hat, wann und von wo. Einträge können weder bearbeitet noch gelöscht werden; sie werden so lange aufbewahrt, wie unter Einstellungen festgelegt." | "Chaque modification dans l’organisation : qui l’a faite, quand et d’où. Les entrées ne peuvent être ni modifiées ni supprimées ; elles sont conservées pendant la durée définie dans Paramètres.",
    loading: "Loading activity…" | "Aktivität wird geladen…" | "Chargement de l’activité…",
    /// {0}: how many.
    matching: "{0} matching activities" | "{0} passende Aktivitäten" | "{0} activités correspondantes",
    all: "{0} activities" | "{0} Aktivitäten" | "{0} activités",
    person: "Person" | "Person" | "Personne",
    anyone: "Anyone: type a name or email" | "Alle: Name oder E-Mail eingeben" | "Tout le monde : saisissez un nom ou un e-mail",
    space: "Space" | "Space" | "Espace",
    all_spaces: "All spaces" | "Alle Spaces" | "Tous les espaces",
    kind: "Kind" | "Art" | "Type",
    everything: "Everything" | "Alles" | "Tout",
    from: "From" | "Von" | "Du",
    to: "To" | "Bis" | "Au",
    /// {0}: the person's id.
    user_n: "User {0}" | "Benutzer {0}" | "Utilisateur {0}",
    someone_signing_in: "Someone signing in" | "Jemand bei der Anmeldung" | "Quelqu’un qui se connecte",
    the_system: "The system" | "Das System" | "Le système",
    no_match: "No activity matches these filters." | "Keine Aktivität passt zu diesen Filtern." | "Aucune activité ne correspond à ces filtres.",
    activities: "Activities" | "Aktivitäten" | "Activités",
    caption: "Activities, newest first" | "Aktivitäten, neueste zuerst" | "Activités, les plus récentes d’abord",
    when: "When" | "Wann" | "Quand",
    who: "Who" | "Wer" | "Qui",
    action: "Action" | "Aktion" | "Action",
    target: "Target" | "Ziel" | "Cible",
    details: "Details" | "Details" | "Détails",
    nothing: "nothing" | "nichts" | "rien",
    empty: "empty" | "leer" | "vide",
    none: "none" | "keine" | "aucun",
    card: "Card" | "Karte" | "Carte",
    /// {0}: the card's brand, {1}: its last four digits.
    card_ending: "{0} ending in {1}" | "{0} mit Endziffern {1}" | "{0} se terminant par {1}",
    /// {0}: the role, {1}: how many spaces.
    was_role: "Was {0}; taken off {1} space(s)" | "War {0}; von {1} Space(s) genommen" | "Était {0} ; retiré de {1} espace(s)",
    /// {0}: the role, {1}: how many spaces.
    back_as_role: "{0} again; back on {1} space(s)" | "Wieder {0}; zurück auf {1} Space(s)" | "De nouveau {0} ; de retour sur {1} espace(s)",
    /// {0}: the address, {1}: the role.
    email_as_role: "{0} as {1}" | "{0} als {1}" | "{0} en tant que {1}",
    /// {0}: the tier, {1}, {2}: the period's days.
    tier_period: "{0}, {1} to {2}" | "{0}, {1} bis {2}" | "{0}, du {1} au {2}",
    /// {0}: the scopes, {1}: the day it expires.
    token_until: "scopes {0}, until {1}" | "Bereiche {0}, bis {1}" | "portées {0}, jusqu’au {1}",
    /// {0}: the access token's name and number.
    with_token: "with the token {0}" | "mit dem Token {0}" | "avec le jeton {0}",
    /// {0}: the scopes.
    token_forever: "scopes {0}, no expiry" | "Bereiche {0}, ohne Ablauf" | "portées {0}, sans expiration",
    /// {0}: percent, {1}: used, {2}: included, {3}, {4}: the billing month's first and last day.
    usage_crossed: "{0} %: {1} of the {2} included, {3} to {4}" | "{0} %: {1} der enthaltenen {2}, {3} bis {4}" | "{0} % : {1} des {2} inclus, du {3} au {4}",
    /// {0}: the day.
    period_ends: "Period ends {0}" | "Zeitraum endet am {0}" | "La période se termine le {0}",
    /// {0}: the smaller tier, {1}: the day.
    next_tier_from: "Changes to {0} on {1}" | "Wechselt am {1} zu {0}" | "Passe à {0} le {1}",
    next_tier_withdrawn: "Waiting change withdrawn" | "Anstehender Wechsel zurückgenommen" | "Changement en attente annulé",
    /// {0}: the invoice number.
    ended_unpaid: "Invoice {0} unpaid for a week" | "Rechnung {0} eine Woche unbezahlt" | "Facture {0} impayée depuis une semaine",
    /// {0}: money, {1}: currency, {2}: card.
    paid_with: "{0} {1} with {2}" | "{0} {1} mit {2}" | "{0} {1} avec {2}",
    wrong_password: "Wrong password" | "Falsches Passwort" | "Mot de passe incorrect",
    wrong_code: "Wrong authentication code" | "Falscher Bestätigungscode" | "Code d’authentification incorrect",
    another_session_ended: "Another of their sessions, from their account page" | "Eine andere ihrer Sitzungen, über ihre Kontoseite" | "Une autre de ses sessions, depuis la page de son compte",
    /// {0}: how many.
    other_sessions_ended: "{0} other sessions, from their account page" | "{0} andere Sitzungen, über ihre Kontoseite" | "{0} autres sessions, depuis la page de son compte",
    wrong_recovery_code: "Wrong recovery code" | "Falscher Wiederherstellungscode" | "Code de récupération incorrect",
    password_locked: "Password refused: too many wrong ones in a row; a confirmation link was mailed" | "Passwort abgelehnt: zu viele falsche hintereinander; ein Bestätigungslink wurde gemailt" | "Mot de passe refusé : trop d’erreurs de suite ; un lien de confirmation a été envoyé par e-mail",
    codes_locked: "Code refused: too many wrong ones in a row; a confirmation link was mailed" | "Code abgelehnt: zu viele falsche hintereinander; ein Bestätigungslink wurde gemailt" | "Code refusé : trop d’erreurs de suite ; un lien de confirmation a été envoyé par e-mail",
    /// {0}: how many.
    others_signed_out: "{0} other session(s) signed out" | "{0} andere Sitzung(en) abgemeldet" | "{0} autre(s) session(s) déconnectée(s)",
    sessions_signed_out: "{0} session(s) signed out" | "{0} Sitzung(en) abgemeldet" | "{0} session(s) déconnectée(s)",
    /// {0}: how many, {1}: the format.
    exported_users: "{0} user(s) as {1}" | "{0} Benutzer als {1}" | "{0} utilisateur(s) en {1}",
    /// {0}: the role.
    with_role: ", role {0}" | ", Rolle {0}" | ", rôle {0}",
    /// {0}: the search.
    with_search: ", search “{0}”" | ", Suche „{0}“" | ", recherche « {0} »",
}

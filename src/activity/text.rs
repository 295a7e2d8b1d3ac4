//! The Activity screen's texts.

crate::i18n::texts! {
    title: "Activity" | "Aktivität",
    export_csv: "Export CSV" | "CSV exportieren",
    export_json: "Export JSON" | "JSON exportieren",
    /// {0}: the file.
    exported: "Exported the filtered activities to {0}." | "Die gefilterten Aktivitäten wurden nach {0} exportiert.",
    intro: "Every change in the organization: who made it, when and from where. Entries cannot be edited or deleted; they are kept for the period set under Settings." | "Jede Änderung in der Organisation: wer sie gemacht hat, wann und von wo. Einträge können weder bearbeitet noch gelöscht werden; sie werden so lange aufbewahrt, wie unter Einstellungen festgelegt.",
    loading: "Loading activity…" | "Aktivität wird geladen…",
    /// {0}: how many.
    matching: "{0} matching activities" | "{0} passende Aktivitäten",
    all: "{0} activities" | "{0} Aktivitäten",
    person: "Person" | "Person",
    anyone: "Anyone: type a name or email" | "Alle: Name oder E-Mail eingeben",
    space: "Space" | "Space",
    all_spaces: "All spaces" | "Alle Spaces",
    kind: "Kind" | "Art",
    everything: "Everything" | "Alles",
    from: "From" | "Von",
    to: "To" | "Bis",
    /// {0}: the person's id.
    user_n: "User {0}" | "Benutzer {0}",
    someone_signing_in: "Someone signing in" | "Jemand bei der Anmeldung",
    the_system: "The system" | "Das System",
    no_match: "No activity matches these filters." | "Keine Aktivität passt zu diesen Filtern.",
    activities: "Activities" | "Aktivitäten",
    caption: "Activities, newest first" | "Aktivitäten, neueste zuerst",
    when: "When" | "Wann",
    who: "Who" | "Wer",
    action: "Action" | "Aktion",
    target: "Target" | "Ziel",
    details: "Details" | "Details",
    nothing: "nothing" | "nichts",
    empty: "empty" | "leer",
    none: "none" | "keine",
    card: "Card" | "Karte",
    /// {0}: the card's brand, {1}: its last four digits.
    card_ending: "{0} ending in {1}" | "{0} mit Endziffern {1}",
    /// {0}: the role, {1}: how many spaces.
    was_role: "Was {0}; taken off {1} space(s)" | "War {0}; von {1} Space(s) genommen",
    /// {0}: the address, {1}: the role.
    email_as_role: "{0} as {1}" | "{0} als {1}",
    /// {0}: the tier, {1}, {2}: the period's days.
    tier_period: "{0}, {1} to {2}" | "{0}, {1} bis {2}",
    /// {0}: the day.
    period_ends: "Period ends {0}" | "Zeitraum endet am {0}",
    /// {0}: the smaller tier, {1}: the day.
    next_tier_from: "Changes to {0} on {1}" | "Wechselt am {1} zu {0}",
    next_tier_withdrawn: "Waiting change withdrawn" | "Anstehender Wechsel zurückgenommen",
    /// {0}: the invoice number.
    ended_unpaid: "Invoice {0} unpaid for a week" | "Rechnung {0} eine Woche unbezahlt",
    /// {0}: money, {1}: currency, {2}: card.
    paid_with: "{0} {1} with {2}" | "{0} {1} mit {2}",
    wrong_password: "Wrong password" | "Falsches Passwort",
    wrong_code: "Wrong authentication code" | "Falscher Bestätigungscode",
    another_session_ended: "Another of their sessions, from their account page" | "Eine andere ihrer Sitzungen, über ihre Kontoseite",
    /// {0}: how many.
    other_sessions_ended: "{0} other sessions, from their account page" | "{0} andere Sitzungen, über ihre Kontoseite",
    wrong_recovery_code: "Wrong recovery code" | "Falscher Wiederherstellungscode",
    password_locked: "Password refused: too many wrong ones in a row; a confirmation link was mailed" | "Passwort abgelehnt: zu viele falsche hintereinander; ein Bestätigungslink wurde gemailt",
    codes_locked: "Code refused: too many wrong ones in a row; a confirmation link was mailed" | "Code abgelehnt: zu viele falsche hintereinander; ein Bestätigungslink wurde gemailt",
    /// {0}: how many.
    others_signed_out: "{0} other session(s) signed out" | "{0} andere Sitzung(en) abgemeldet",
    sessions_signed_out: "{0} session(s) signed out" | "{0} Sitzung(en) abgemeldet",
    /// {0}: how many, {1}: the format.
    exported_users: "{0} user(s) as {1}" | "{0} Benutzer als {1}",
    /// {0}: the role.
    with_role: ", role {0}" | ", Rolle {0}",
    /// {0}: the search.
    with_search: ", search “{0}”" | ", Suche „{0}“",
}

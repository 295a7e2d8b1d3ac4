//! The command palette's texts.

crate::i18n::texts! {
    open_palette: "Search and commands" | "Suche und Befehle" | "Recherche et commandes",
    /// {0}: the keys.
    open_palette_keys: "Search and commands ({0})" | "Suche und Befehle ({0})" | "Recherche et commandes ({0})",
    title: "Command palette" | "Befehlspalette" | "Palette de commandes",
    placeholder: "Type a command, a person or a space" | "Befehl, Person oder Space eingeben" | "Saisissez une commande, une personne ou un espace",
    go_to_group: "Go to" | "Gehe zu" | "Aller à",
    actions_group: "Actions" | "Aktionen" | "Actions",
    people_group: "People" | "Personen" | "Personnes",
    spaces_group: "Spaces" | "Spaces" | "Espaces",
    /// {0}: a screen.
    go_to: "Go to {0}" | "Gehe zu {0}" | "Aller à {0}",
    add_user: "Add user" | "Benutzer hinzufügen" | "Ajouter un utilisateur",
    invite: "Invite…" | "Einladen…" | "Inviter…",
    add_space: "Add space" | "Space hinzufügen" | "Ajouter un espace",
    export_users: "Export users" | "Benutzer exportieren" | "Exporter les utilisateurs",
    /// {0}: the language, named in itself.
    switch_language: "Switch language: {0}" | "Sprache wechseln: {0}" | "Changer de langue : {0}",
    searching: "Searching…" | "Suche…" | "Recherche…",
    nothing_found: "Nothing matches." | "Nichts gefunden." | "Aucun résultat.",
    /// {0}: how many.
    results: "{0} results" | "{0} Ergebnisse" | "{0} résultats",
    keys_hint: "↑ ↓ to choose, Enter to run, Esc to close" | "↑ ↓ zum Wählen, Eingabe zum Ausführen, Esc zum Schließen" | "↑ ↓ pour choisir, Entrée pour exécuter, Échap pour fermer",
}

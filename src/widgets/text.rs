//! Texts of the pieces every screen shares: buttons, badges, the API's failures, the boot page.

crate::i18n::texts! {
    deprecated: "Deprecated" | "Veraltet" | "Obsolète",
    powered_by: "Powered by " | "Bereitgestellt von " | "Propulsé par ",
    cancel: "Cancel" | "Abbrechen" | "Annuler",
    retry: "Retry" | "Erneut versuchen" | "Réessayer",
    dismiss: "Dismiss" | "Schließen" | "Fermer",
    /// A table's last column of buttons, named for screen readers only.
    actions: "Actions" | "Aktionen" | "Actions",
    /// A pager's name and its parts.
    pages: "Pages" | "Seiten" | "Pages",
    previous_page: "Previous page" | "Vorherige Seite" | "Page précédente",
    next_page: "Next page" | "Nächste Seite" | "Page suivante",
    /// {0}: this page, {1}: how many pages.
    page_of: "Page {0} of {1}" | "Seite {0} von {1}" | "Page {0} sur {1}",
    checking_session: "Checking your session…" | "Sitzung wird geprüft…" | "Vérification de votre session…",
    frame_not_embed: "This page cannot be shown inside another site." | "Diese Seite kann nicht innerhalb einer anderen Website angezeigt werden." | "Cette page ne peut pas être affichée dans un autre site.",
    frame_host_not_allowed: "This organization does not allow its pages on this site." | "Diese Organisation erlaubt ihre Seiten nicht auf dieser Website." | "Cette organisation n’autorise pas ses pages sur ce site.",
    frame_unknown: "This page could not be loaded. Reload the page to try again." | "Diese Seite konnte nicht geladen werden. Laden Sie die Seite neu, um es erneut zu versuchen." | "Cette page n’a pas pu être chargée. Rechargez la page pour réessayer.",
    open_own_window: "Open it in its own window" | "In eigenem Fenster öffnen" | "L’ouvrir dans sa propre fenêtre",
    app_not_loaded: "The app could not be loaded. Check your connection and try again." | "Die App konnte nicht geladen werden. Prüfen Sie Ihre Verbindung und versuchen Sie es erneut." | "L’application n’a pas pu être chargée. Vérifiez votre connexion et réessayez.",
    part_not_loaded: "This page could not be loaded. Check your connection and try again." | "Diese Seite konnte nicht geladen werden. Prüfen Sie Ihre Verbindung und versuchen Sie es erneut." | "Cette page n’a pas pu être chargée. Vérifiez votre connexion et réessayez.",
}

//! Texts of the pieces every screen shares: buttons, badges, the API's failures, the boot page.

crate::i18n::texts! {
    deprecated: "Deprecated" | "Veraltet",
    powered_by: "Powered by " | "Bereitgestellt von ",
    cancel: "Cancel" | "Abbrechen",
    retry: "Retry" | "Erneut versuchen",
    dismiss: "Dismiss" | "Schließen",
    /// A table's last column of buttons, named for screen readers only.
    actions: "Actions" | "Aktionen",
    /// A pager's name and its parts.
    pages: "Pages" | "Seiten",
    previous_page: "Previous page" | "Vorherige Seite",
    next_page: "Next page" | "Nächste Seite",
    /// {0}: this page, {1}: how many pages.
    page_of: "Page {0} of {1}" | "Seite {0} von {1}",
    checking_session: "Checking your session…" | "Sitzung wird geprüft…",
    network: "The server cannot be reached. Check your connection and try again." | "Der Server ist nicht erreichbar. Prüfen Sie Ihre Verbindung und versuchen Sie es erneut.",
    timeout: "The server took too long to answer. Please try again." | "Der Server hat zu lange nicht geantwortet. Bitte versuchen Sie es erneut.",
    session_ended: "Your session has ended. Please sign in again." | "Ihre Sitzung ist beendet. Bitte melden Sie sich erneut an.",
    /// {0}: the HTTP status.
    server_error: "Something went wrong on the server (error {0}). Please try again." | "Auf dem Server ist ein Fehler aufgetreten (Fehler {0}). Bitte versuchen Sie es erneut.",
    unreadable: "The server sent an answer this app cannot read. Please reload the page." | "Der Server hat eine Antwort gesendet, die diese App nicht lesen kann. Bitte laden Sie die Seite neu.",
    frame_not_embed: "This page cannot be shown inside another site." | "Diese Seite kann nicht innerhalb einer anderen Website angezeigt werden.",
    frame_host_not_allowed: "This organization does not allow its pages on this site." | "Diese Organisation erlaubt ihre Seiten nicht auf dieser Website.",
    frame_unknown: "This page could not be loaded. Reload the page to try again." | "Diese Seite konnte nicht geladen werden. Laden Sie die Seite neu, um es erneut zu versuchen.",
    open_own_window: "Open it in its own window" | "In eigenem Fenster öffnen",
    app_not_loaded: "The app could not be loaded. Check your connection and try again." | "Die App konnte nicht geladen werden. Prüfen Sie Ihre Verbindung und versuchen Sie es erneut.",
    part_not_loaded: "This page could not be loaded. Check your connection and try again." | "Diese Seite konnte nicht geladen werden. Prüfen Sie Ihre Verbindung und versuchen Sie es erneut.",
}

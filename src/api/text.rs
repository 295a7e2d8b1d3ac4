//! What the API client says when a call fails before the server could say why.

crate::i18n::texts! {
    network: "The server cannot be reached. Check your connection and try again." | "Der Server ist nicht erreichbar. Prüfen Sie Ihre Verbindung und versuchen Sie es erneut." | "Le serveur est injoignable. Vérifiez votre connexion et réessayez.",
    timeout: "The server took too long to answer. Please try again." | "Der Server hat zu lange nicht geantwortet. Bitte versuchen Sie es erneut." | "Le serveur a mis trop de temps à répondre. Veuillez réessayer.",
    session_ended: "Your session has ended. Please sign in again." | "Ihre Sitzung ist beendet. Bitte melden Sie sich erneut an." | "Votre session a pris fin. Veuillez vous reconnecter.",
    /// {0}: the HTTP status.
    server_error: "Something went wrong on the server (error {0}). Please try again." | "Auf dem Server ist ein Fehler aufgetreten (Fehler {0}). Bitte versuchen Sie es erneut." | "Une erreur s’est produite sur le serveur (erreur {0}). Veuillez réessayer.",
    unreadable: "The server sent an answer this app cannot read. Please reload the page." | "Der Server hat eine Antwort gesendet, die diese App nicht lesen kann. Bitte laden Sie die Seite neu." | "Le serveur a envoyé une réponse que cette application ne sait pas lire. Veuillez recharger la page.",
}

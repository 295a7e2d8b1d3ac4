//! The undo notice's texts.

crate::i18n::texts! {
    /// {0}: the person.
    removed: "{0} was removed from the organization." | "{0} wurde aus der Organisation entfernt." | "{0} a été retiré de l’organisation.",
    /// {0}: the address.
    revoked: "The invitation to {0} was revoked." | "Die Einladung an {0} wurde zurückgezogen." | "L’invitation de {0} a été révoquée.",
    /// {0}: the space.
    detached: "“{0}” was moved back to its owner's personal account." | "„{0}“ wurde zurück in das persönliche Konto des Eigentümers verschoben." | "« {0} » a été rendu au compte personnel de son propriétaire.",
    /// {0}: the person.
    taken_off: "{0} was taken off the space." | "{0} wurde vom Space genommen." | "{0} a été retiré de l’espace.",
    undo: "Undo" | "Rückgängig" | "Annuler",
    /// {0}: what was done.
    undo_named: "Undo: {0}" | "Rückgängig: {0}" | "Annuler : {0}",
    /// {0}: seconds left.
    seconds_left: "{0} s" | "{0} s" | "{0} s",
    undone: "Undone: everything is as it was." | "Rückgängig gemacht: Alles ist wie vorher." | "Annulé : tout est comme avant.",
}

//! The Webhooks page's texts.

crate::i18n::texts! {
    title: "Webhooks" | "Webhooks" | "Webhooks",
    intro: "Each activity is posted as JSON to the endpoints that want its kind, signed with the endpoint's secret (the Org-Area-Signature header), in order, and retried for 24 hours. This is how the audit log reaches a SIEM or a chat channel." | "Jede Aktivität wird als JSON an die Endpunkte gesendet, die ihre Art wünschen, signiert mit dem Geheimnis des Endpunkts (Header Org-Area-Signature), in Reihenfolge und 24 Stunden lang wiederholt. So erreicht das Audit-Protokoll ein SIEM oder einen Chat-Kanal." | "Chaque activité est postée en JSON aux points de terminaison qui veulent son type, signée avec le secret du point de terminaison (en-tête Org-Area-Signature), dans l’ordre, et réessayée pendant 24 heures. C’est ainsi que le journal d’audit atteint un SIEM ou un canal de discussion.",
    loading: "Loading endpoints…" | "Endpunkte werden geladen…" | "Chargement des points de terminaison…",
    none: "No endpoints yet." | "Noch keine Endpunkte." | "Aucun point de terminaison pour l’instant.",
    add_title: "Add endpoint" | "Endpunkt hinzufügen" | "Ajouter un point de terminaison",
    url: "Endpoint URL" | "Endpunkt-URL" | "URL du point de terminaison",
    url_hint: "An https:// address on the public internet; private and local addresses are refused." | "Eine https://-Adresse im öffentlichen Internet; private und lokale Adressen werden abgelehnt." | "Une adresse https:// sur l’internet public ; les adresses privées et locales sont refusées.",
    description: "Description" | "Beschreibung" | "Description",
    description_hint: "Optional: what receives it, such as “Splunk HEC”." | "Optional: was es empfängt, etwa „Splunk HEC“." | "Facultatif : ce qui le reçoit, par exemple « Splunk HEC ».",
    events: "Events" | "Ereignisse" | "Événements",
    all_events: "All activities, also kinds added later" | "Alle Aktivitäten, auch später hinzukommende Arten" | "Toutes les activités, y compris les types ajoutés plus tard",
    some_events: "Only these kinds" | "Nur diese Arten" | "Seulement ces types",
    add: "Add endpoint" | "Endpunkt hinzufügen" | "Ajouter le point de terminaison",
    edit: "Change" | "Ändern" | "Modifier",
    /// {0}: the endpoint's address.
    edit_named: "Change {0}" | "{0} ändern" | "Modifier {0}",
    save: "Save endpoint" | "Endpunkt speichern" | "Enregistrer le point de terminaison",
    cancel: "Cancel" | "Abbrechen" | "Annuler",
    changed: "The endpoint was saved." | "Der Endpunkt wurde gespeichert." | "Le point de terminaison a été enregistré.",
    secret_once: "This is the endpoint's signing secret. Copy it now: it is shown only once." | "Das ist das Signaturgeheimnis des Endpunkts. Kopieren Sie es jetzt: Es wird nur einmal angezeigt." | "Voici le secret de signature du point de terminaison. Copiez-le maintenant : il n’est affiché qu’une fois.",
    /// {0}: the endpoint's address.
    secret_of: "Signing secret of {0}" | "Signaturgeheimnis von {0}" | "Secret de signature de {0}",
    copied: "I have copied it" | "Ich habe es kopiert" | "Je l’ai copié",
    active: "Active" | "Aktiv" | "Actif",
    /// {0}: since when.
    failing_since: "Failing since {0}" | "Fehlschläge seit {0}" | "En échec depuis {0}",
    /// {0}: when.
    disabled_at: "Disabled {0} after three days of failures" | "Deaktiviert {0} nach drei Tagen Fehlschlägen" | "Désactivé le {0} après trois jours d’échecs",
    /// {0}: until when.
    previous_until: "The previous secret also signs until {0}." | "Das vorige Geheimnis signiert auch noch bis {0}." | "Le secret précédent signe aussi jusqu’au {0}.",
    all_kinds: "Receives every activity" | "Empfängt jede Aktivität" | "Reçoit toutes les activités",
    /// {0}: the kinds, as the API names them.
    some_kinds: "Receives {0}" | "Empfängt {0}" | "Reçoit {0}",
    send_test: "Send test event" | "Testereignis senden" | "Envoyer un événement de test",
    test_sent: "A test event is on its way; see the delivery log." | "Ein Testereignis ist unterwegs; siehe Zustellprotokoll." | "Un événement de test est en route ; voir le journal d’envois.",
    roll_secret: "Roll secret" | "Geheimnis erneuern" | "Renouveler le secret",
    roll_title: "Roll the signing secret?" | "Signaturgeheimnis erneuern?" | "Renouveler le secret de signature ?",
    roll_message: "A new secret signs from now on; the current one keeps signing too for 24 hours, so receivers can switch without losing a delivery." | "Ab jetzt signiert ein neues Geheimnis; das aktuelle signiert noch 24 Stunden mit, damit Empfänger ohne Verlust wechseln können." | "Un nouveau secret signe désormais ; l’actuel signe aussi pendant 24 heures, pour que les destinataires changent sans perdre d’envoi.",
    enable: "Enable" | "Aktivieren" | "Activer",
    enabled: "The endpoint receives activities again." | "Der Endpunkt empfängt wieder Aktivitäten." | "Le point de terminaison reçoit à nouveau les activités.",
    delete: "Delete" | "Löschen" | "Supprimer",
    /// {0}: the endpoint's address.
    delete_named: "Delete {0}" | "{0} löschen" | "Supprimer {0}",
    delete_title: "Delete this endpoint?" | "Diesen Endpunkt löschen?" | "Supprimer ce point de terminaison ?",
    /// {0}: the endpoint's address.
    delete_message: "{0} stops receiving activities, and its delivery log is deleted with it." | "{0} empfängt keine Aktivitäten mehr, und sein Zustellprotokoll wird mit gelöscht." | "{0} ne reçoit plus d’activités, et son journal d’envois est supprimé avec lui.",
    deleted: "The endpoint was deleted." | "Der Endpunkt wurde gelöscht." | "Le point de terminaison a été supprimé.",
    log: "Delivery log" | "Zustellprotokoll" | "Journal d’envois",
    /// {0}: the endpoint's address.
    show_log: "Delivery log of {0}" | "Zustellprotokoll von {0}" | "Journal d’envois de {0}",
    refresh: "Refresh" | "Aktualisieren" | "Actualiser",
    loading_log: "Loading deliveries…" | "Zustellungen werden geladen…" | "Chargement des envois…",
    no_deliveries: "Nothing delivered yet. “Send test event” sends one." | "Noch nichts zugestellt. „Testereignis senden“ sendet eines." | "Rien n’a encore été envoyé. « Envoyer un événement de test » en envoie un.",
    caption: "Deliveries, newest first" | "Zustellungen, neueste zuerst" | "Envois, les plus récents d’abord",
    when: "When" | "Wann" | "Quand",
    event: "Event" | "Ereignis" | "Événement",
    status: "Status" | "Status" | "Statut",
    duration: "Duration" | "Dauer" | "Durée",
    answer: "Answer" | "Antwort" | "Réponse",
    pending: "Pending" | "Ausstehend" | "En attente",
    delivered: "Delivered" | "Zugestellt" | "Envoyé",
    failed: "Failed" | "Fehlgeschlagen" | "Échoué",
    /// {0}: the HTTP status, {1}: how many tries.
    status_tries: "{0}, try {1}" | "{0}, Versuch {1}" | "{0}, essai {1}",
    unreachable: "not reached" | "nicht erreicht" | "non atteint",
    /// {0}: milliseconds.
    ms: "{0} ms" | "{0} ms" | "{0} ms",
    redeliver: "Redeliver" | "Erneut zustellen" | "Renvoyer",
    /// {0}: the delivery's number.
    redeliver_named: "Redeliver delivery {0}" | "Zustellung {0} erneut zustellen" | "Renvoyer l’envoi {0}",
    redelivered: "Queued again; it is sent after what the endpoint already waits for." | "Erneut eingereiht; sie wird nach dem gesendet, was der Endpunkt schon erwartet." | "Remis en file ; il part après ce que le point de terminaison attend déjà.",
}

//! The subscription screens' texts.

crate::i18n::texts! {
    title: "Subscription " | "Abonnement " | "Abonnement ",
    intro: "Every tier grants the premium plan to all spaces connected to your organization. A tier starts once its first payment goes through: add a card under Payment information first." | "Jede Stufe gibt allen mit Ihrer Organisation verbundenen Spaces den Premium-Plan. Eine Stufe beginnt, sobald ihre erste Zahlung durch ist: Hinterlegen Sie zuerst unter Zahlungsangaben eine Karte." | "Chaque niveau accorde la formule premium à tous les espaces rattachés à votre organisation. Un niveau commence dès que son premier paiement est passé : ajoutez d’abord une carte dans Informations de paiement.",
    owners_only: "Only owners of the organization subscribe, change the plan or see invoices. Ask an owner if your organization needs a different plan." | "Nur Eigentümer der Organisation abonnieren, ändern den Plan oder sehen Rechnungen. Fragen Sie einen Eigentümer, wenn Ihre Organisation einen anderen Plan braucht." | "Seuls les propriétaires de l’organisation s’abonnent, changent de formule ou voient les factures. Demandez à un propriétaire si votre organisation a besoin d’une autre formule.",
    /// {0}: the tier.
    on_plan: "Your organization is on the {0} plan." | "Ihre Organisation hat jetzt den Plan {0}." | "Votre organisation a la formule {0}.",
    /// {0}: the period's end.
    cancelled: "Cancelled. Premium stays until {0}; no further invoices." | "Gekündigt. Premium bleibt bis {0}; keine weiteren Rechnungen." | "Résilié. Le premium reste jusqu’au {0} ; plus aucune facture.",
    renews_again: "Your subscription renews again." | "Ihr Abonnement verlängert sich wieder." | "Votre abonnement se renouvelle de nouveau.",
    /// {0}: the tier, {1}, {2}: the period.
    subscribed: "Subscribed to {0}. The current period runs from {1} to {2}; it renews then." | "{0} abonniert. Der aktuelle Zeitraum läuft von {1} bis {2}; dann verlängert er sich." | "Abonné à {0}. La période en cours va du {1} au {2} ; il se renouvelle ensuite.",
    /// {0}: the tier, {1}: the period's end.
    ending: "{0} until {1}, then the subscription ends: spaces go back to their own plans." | "{0} bis {1}, dann endet das Abonnement: Spaces kehren zu ihren eigenen Plänen zurück." | "{0} jusqu’au {1}, puis l’abonnement prend fin : les espaces reviennent à leurs propres formules.",
    not_subscribed: "Not subscribed. Connected spaces keep their own plans." | "Nicht abonniert. Verbundene Spaces behalten ihre eigenen Pläne." | "Pas d’abonnement. Les espaces rattachés gardent leurs propres formules.",
    no_card: "No card on file: invoices stay open until you add one under Payment information." | "Keine Karte hinterlegt: Rechnungen bleiben offen, bis Sie unter Zahlungsangaben eine hinzufügen." | "Aucune carte enregistrée : les factures restent ouvertes jusqu’à ce que vous en ajoutiez une dans Informations de paiement.",
    /// {0}: the smaller tier, {1}: the day it starts.
    downgrade_waits: "Changes to {0} on {1}, when this period ends." | "Wechselt am {1} zu {0}, wenn dieser Zeitraum endet." | "Passe à {0} le {1}, à la fin de cette période.",
    go_to_payment: "Go to Payment information" | "Zu den Zahlungsangaben" | "Aller aux informations de paiement",
    cancel_subscription: "Cancel subscription" | "Abonnement kündigen" | "Résilier l’abonnement",
    keep_subscription: "Keep subscription" | "Abonnement behalten" | "Conserver l’abonnement",
    loading: "Loading your subscription…" | "Ihr Abonnement wird geladen…" | "Chargement de votre abonnement…",
    /// {0}: the tier.
    switch_to_q: "Switch to {0}?" | "Zu {0} wechseln?" | "Passer à {0} ?",
    subscribe_to_q: "Subscribe to {0}?" | "{0} abonnieren?" | "S’abonner à {0} ?",
    switch_to: "Switch to {0}" | "Zu {0} wechseln" | "Passer à {0}",
    subscribe_to: "Subscribe to {0}" | "{0} abonnieren" | "S’abonner à {0}",
    /// {0}: the price.
    subscribe_for: "Subscribe for {0}" | "Für {0} abonnieren" | "S’abonner pour {0}",
    cancel_q: "Cancel the subscription?" | "Abonnement kündigen?" | "Résilier l’abonnement ?",
    /// {0}: the period's end.
    cancel_text: "Nothing more is billed. Connected spaces keep premium until {0}, then go back to their own plans. You can keep the subscription until then." | "Es wird nichts mehr berechnet. Verbundene Spaces behalten Premium bis {0} und kehren dann zu ihren eigenen Plänen zurück. Bis dahin können Sie das Abonnement behalten." | "Plus rien n’est facturé. Les espaces rattachés gardent le premium jusqu’au {0}, puis reviennent à leurs propres formules. Vous pouvez conserver l’abonnement jusque-là.",
    cancel_at_end: "Cancel at period end" | "Zum Ende des Zeitraums kündigen" | "Résilier en fin de période",
    /// {0}: the tier, {1}: the price.
    subscribe_text: "Subscribe to {0} for {1} a month plus tax, billed now and every month. Every connected space gets the premium plan." | "{0} für {1} im Monat zzgl. Steuern abonnieren, jetzt und jeden Monat berechnet. Jeder verbundene Space erhält den Premium-Plan." | "Abonnez-vous à {0} pour {1} par mois hors taxes, facturé maintenant puis chaque mois. Chaque espace rattaché obtient la formule premium.",
    /// {0}: the tier now, {1}: the new tier, {2}: the next period's start, {3}: the price.
    upgrade_text: "Change from {0} to {1} now: the difference for the rest of this period is charged to your card at once, and {1} applies when it is paid. From {2} you pay {3} a month plus tax." | "Jetzt von {0} zu {1} wechseln: Die Differenz für den Rest dieses Zeitraums wird sofort von Ihrer Karte abgebucht, und {1} gilt, sobald sie bezahlt ist. Ab {2} zahlen Sie {3} im Monat zzgl. Steuern." | "Passer de {0} à {1} maintenant : la différence pour le reste de cette période est débitée immédiatement sur votre carte, et {1} s’applique une fois payée. À partir du {2}, vous payez {3} par mois hors taxes.",
    /// {0}: the tier now, {1}: the new tier, {2}: the next period's start, {3}: the price.
    downgrade_text: "Change from {0} to {1} when this period ends ({2}): {0} stays until then, and from then on you pay {3} a month plus tax." | "Zum Ende dieses Zeitraums ({2}) von {0} zu {1} wechseln: {0} bleibt bis dahin, danach zahlen Sie {3} im Monat zzgl. Steuern." | "Passer de {0} à {1} à la fin de cette période ({2}) : {0} reste jusque-là, puis vous payez {3} par mois hors taxes.",
    next_month: "next month" | "nächster Monat" | "le mois prochain",
    tier_plans: "Tier plans" | "Stufen" | "Formules",
    current_plan: "Current plan" | "Aktueller Plan" | "Formule actuelle",
    a_month: " a month, plus tax" | " im Monat, zzgl. Steuern" | " par mois, hors taxes",
    premium_for_all: "Premium plan for every connected space" | "Premium-Plan für jeden verbundenen Space" | "Formule premium pour chaque espace rattaché",
    /// {0}: how many.
    up_to_spaces: "Up to {0} spaces" | "Bis zu {0} Spaces" | "Jusqu’à {0} espaces",
    up_to_collaborators: "Up to {0} collaborators" | "Bis zu {0} Mitwirkende" | "Jusqu’à {0} collaborateurs",
    /// {0}: the traffic.
    traffic_included: "{0} of traffic included each month (the free terabyte included)" | "{0} Traffic pro Monat inklusive (das freie Terabyte eingeschlossen)" | "{0} de trafic inclus chaque mois (le téraoctet gratuit compris)",
    billing_title: "Billing information" | "Rechnungsangaben" | "Informations de facturation",
    loading_billing: "Loading billing information…" | "Rechnungsangaben werden geladen…" | "Chargement des informations de facturation…",
    billing_saved: "Billing information saved. New invoices are made out to it." | "Rechnungsangaben gespeichert. Neue Rechnungen werden darauf ausgestellt." | "Informations de facturation enregistrées. Les nouvelles factures sont établies à ce nom.",
    company: "Company name" | "Firmenname" | "Nom de l’entreprise",
    street: "Street address" | "Straße und Hausnummer" | "Adresse",
    line2: "Address line 2 (optional)" | "Adresszeile 2 (optional)" | "Complément d’adresse (facultatif)",
    postal: "Postal code" | "Postleitzahl" | "Code postal",
    city: "City" | "Ort" | "Ville",
    country: "Country" | "Land" | "Pays",
    choose_country: "Choose a country" | "Land wählen" | "Choisissez un pays",
    vat_id: "VAT ID (optional)" | "USt-IdNr. (optional)" | "Numéro de TVA (facultatif)",
    vat_hint: "Checked against the country's format, e.g. DE123456789." | "Wird gegen das Format des Landes geprüft, z. B. DE123456789." | "Vérifié selon le format du pays, par ex. DE123456789.",
    billing_email: "Billing email" | "E-Mail für Rechnungen" | "E-mail de facturation",
    billing_email_hint: "Where invoices are sent." | "Wohin Rechnungen gesendet werden." | "L’adresse à laquelle les factures sont envoyées.",
    save_billing: "Save billing information" | "Rechnungsangaben speichern" | "Enregistrer les informations de facturation",
    payment_title: "Payment information" | "Zahlungsangaben" | "Informations de paiement",
    loading_payment: "Loading payment information…" | "Zahlungsangaben werden geladen…" | "Chargement des informations de paiement…",
    /// {0}: brand, {1}: last four, {2}: month, {3}: year, {4}: holder.
    card_line: "{0} ending in {1}, expires {2}/{3}, {4}" | "{0} mit Endziffern {1}, gültig bis {2}/{3}, {4}" | "{0} se terminant par {1}, expire {2}/{3}, {4}",
    /// {0}: the card.
    card_saved: "Card saved: {0}. Open invoices were charged to it." | "Karte gespeichert: {0}. Offene Rechnungen wurden ihr belastet." | "Carte enregistrée : {0}. Les factures ouvertes y ont été débitées.",
    card_on_file: "Card on file" | "Hinterlegte Karte" | "Carte enregistrée",
    no_card_yet: "No card on file yet." | "Noch keine Karte hinterlegt." | "Aucune carte enregistrée pour l’instant.",
    replace_card: "Replace the card" | "Karte ersetzen" | "Remplacer la carte",
    add_card: "Add a card" | "Karte hinzufügen" | "Ajouter une carte",
    holder: "Name on card" | "Name auf der Karte" | "Nom sur la carte",
    number: "Card number" | "Kartennummer" | "Numéro de carte",
    month: "Expiry month" | "Ablaufmonat" | "Mois d’expiration",
    month_hint: "MM" | "MM" | "MM",
    year: "Expiry year" | "Ablaufjahr" | "Année d’expiration",
    year_hint: "YYYY" | "JJJJ" | "AAAA",
    cvc: "Security code" | "Sicherheitscode" | "Code de sécurité",
    card_kept: "We keep only the card's brand, last four digits and expiry." | "Wir speichern nur die Kartenmarke, die letzten vier Ziffern und das Ablaufdatum." | "Nous ne conservons que la marque de la carte, ses quatre derniers chiffres et sa date d’expiration.",
    save_card: "Save card" | "Karte speichern" | "Enregistrer la carte",
    invoices_title: "Invoices" | "Rechnungen" | "Factures",
    loading_invoices: "Loading invoices…" | "Rechnungen werden geladen…" | "Chargement des factures…",
    invoice_list: "Invoice list" | "Rechnungsliste" | "Liste des factures",
    invoice_number: "Number" | "Nummer" | "Numéro",
    period: "Period" | "Zeitraum" | "Période",
    amount: "Amount" | "Betrag" | "Montant",
    tax: "Tax" | "Steuer" | "Taxe",
    total: "Total" | "Gesamt" | "Total",
    status: "Status" | "Status" | "Statut",
    /// {0}: the invoice's number.
    download_named: "Download {0}" | "{0} herunterladen" | "Télécharger {0}",
    download: "Download" | "Herunterladen" | "Télécharger",
    /// {0}, {1}: the period's first and last day.
    from_to: "{0} to {1}" | "{0} bis {1}" | "Du {0} au {1}",
    all_invoices: "← All invoices" | "← Alle Rechnungen" | "← Toutes les factures",
    loading_invoice: "Loading the invoice…" | "Die Rechnung wird geladen…" | "Chargement de la facture…",
    invoice: "Invoice " | "Rechnung " | "Facture ",
    /// {0}: the day.
    issued: "Issued {0}" | "Ausgestellt am {0}" | "Émise le {0}",
    billed_to: "Billed to" | "Rechnungsempfänger" | "Facturé à",
    /// {0}: the VAT ID.
    vat_line: "VAT ID {0}" | "USt-IdNr. {0}" | "Numéro de TVA {0}",
    no_billing_then: "No billing information on file when this was issued." | "Bei Ausstellung waren keine Rechnungsangaben hinterlegt." | "Aucune information de facturation enregistrée lors de l’émission.",
    billing_period: "Billing period" | "Abrechnungszeitraum" | "Période de facturation",
    description: "Description" | "Beschreibung" | "Description",
    /// {0}: the rate.
    tax_rate: "Tax {0}" | "Steuer {0}" | "Taxe {0}",
    /// {0}: the currency.
    total_in: "Total ({0})" | "Gesamt ({0})" | "Total ({0})",
    print: "Print" | "Drucken" | "Imprimer",
}

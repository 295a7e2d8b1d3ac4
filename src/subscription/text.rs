//! The subscription screens' texts.

crate::i18n::texts! {
    title: "Subscription " | "Abonnement ",
    intro: "Every tier grants the premium plan to all spaces connected to your organization. A tier starts once its first payment goes through: add a card under Payment information first." | "Jede Stufe gibt allen mit Ihrer Organisation verbundenen Spaces den Premium-Plan. Eine Stufe beginnt, sobald ihre erste Zahlung durch ist: Hinterlegen Sie zuerst unter Zahlungsangaben eine Karte.",
    owners_only: "Only owners of the organization subscribe, change the plan or see invoices. Ask an owner if your organization needs a different plan." | "Nur Eigentümer der Organisation abonnieren, ändern den Plan oder sehen Rechnungen. Fragen Sie einen Eigentümer, wenn Ihre Organisation einen anderen Plan braucht.",
    /// {0}: the tier.
    on_plan: "Your organization is on the {0} plan." | "Ihre Organisation hat jetzt den Plan {0}.",
    /// {0}: the period's end.
    cancelled: "Cancelled. Premium stays until {0}; no further invoices." | "Gekündigt. Premium bleibt bis {0}; keine weiteren Rechnungen.",
    renews_again: "Your subscription renews again." | "Ihr Abonnement verlängert sich wieder.",
    /// {0}: the tier, {1}, {2}: the period.
    subscribed: "Subscribed to {0}. The current period runs from {1} to {2}; it renews then." | "{0} abonniert. Der aktuelle Zeitraum läuft von {1} bis {2}; dann verlängert er sich.",
    /// {0}: the tier, {1}: the period's end.
    ending: "{0} until {1}, then the subscription ends: spaces go back to their own plans." | "{0} bis {1}, dann endet das Abonnement: Spaces kehren zu ihren eigenen Plänen zurück.",
    not_subscribed: "Not subscribed. Connected spaces keep their own plans." | "Nicht abonniert. Verbundene Spaces behalten ihre eigenen Pläne.",
    no_card: "No card on file: invoices stay open until you add one under Payment information." | "Keine Karte hinterlegt: Rechnungen bleiben offen, bis Sie unter Zahlungsangaben eine hinzufügen.",
    /// {0}: the smaller tier, {1}: the day it starts.
    downgrade_waits: "Changes to {0} on {1}, when this period ends." | "Wechselt am {1} zu {0}, wenn dieser Zeitraum endet.",
    go_to_payment: "Go to Payment information" | "Zu den Zahlungsangaben",
    cancel_subscription: "Cancel subscription" | "Abonnement kündigen",
    keep_subscription: "Keep subscription" | "Abonnement behalten",
    loading: "Loading your subscription…" | "Ihr Abonnement wird geladen…",
    /// {0}: the tier.
    switch_to_q: "Switch to {0}?" | "Zu {0} wechseln?",
    subscribe_to_q: "Subscribe to {0}?" | "{0} abonnieren?",
    switch_to: "Switch to {0}" | "Zu {0} wechseln",
    subscribe_to: "Subscribe to {0}" | "{0} abonnieren",
    /// {0}: the price.
    subscribe_for: "Subscribe for {0}" | "Für {0} abonnieren",
    cancel_q: "Cancel the subscription?" | "Abonnement kündigen?",
    /// {0}: the period's end.
    cancel_text: "Nothing more is billed. Connected spaces keep premium until {0}, then go back to their own plans. You can keep the subscription until then." | "Es wird nichts mehr berechnet. Verbundene Spaces behalten Premium bis {0} und kehren dann zu ihren eigenen Plänen zurück. Bis dahin können Sie das Abonnement behalten.",
    cancel_at_end: "Cancel at period end" | "Zum Ende des Zeitraums kündigen",
    /// {0}: the tier, {1}: the price.
    subscribe_text: "Subscribe to {0} for {1} a month plus tax, billed now and every month. Every connected space gets the premium plan." | "{0} für {1} im Monat zzgl. Steuern abonnieren, jetzt und jeden Monat berechnet. Jeder verbundene Space erhält den Premium-Plan.",
    /// {0}: the tier now, {1}: the new tier, {2}: the next period's start, {3}: the price.
    upgrade_text: "Change from {0} to {1} now: the difference for the rest of this period is charged to your card at once, and {1} applies when it is paid. From {2} you pay {3} a month plus tax." | "Jetzt von {0} zu {1} wechseln: Die Differenz für den Rest dieses Zeitraums wird sofort von Ihrer Karte abgebucht, und {1} gilt, sobald sie bezahlt ist. Ab {2} zahlen Sie {3} im Monat zzgl. Steuern.",
    /// {0}: the tier now, {1}: the new tier, {2}: the next period's start, {3}: the price.
    downgrade_text: "Change from {0} to {1} when this period ends ({2}): {0} stays until then, and from then on you pay {3} a month plus tax." | "Zum Ende dieses Zeitraums ({2}) von {0} zu {1} wechseln: {0} bleibt bis dahin, danach zahlen Sie {3} im Monat zzgl. Steuern.",
    next_month: "next month" | "nächster Monat",
    tier_plans: "Tier plans" | "Stufen",
    current_plan: "Current plan" | "Aktueller Plan",
    a_month: " a month, plus tax" | " im Monat, zzgl. Steuern",
    premium_for_all: "Premium plan for every connected space" | "Premium-Plan für jeden verbundenen Space",
    /// {0}: how many.
    up_to_spaces: "Up to {0} spaces" | "Bis zu {0} Spaces",
    up_to_collaborators: "Up to {0} collaborators" | "Bis zu {0} Mitwirkende",
    /// {0}: the traffic.
    traffic_included: "{0} of traffic included each month (the free terabyte included)" | "{0} Traffic pro Monat inklusive (das freie Terabyte eingeschlossen)",
    billing_title: "Billing information" | "Rechnungsangaben",
    loading_billing: "Loading billing information…" | "Rechnungsangaben werden geladen…",
    billing_saved: "Billing information saved. New invoices are made out to it." | "Rechnungsangaben gespeichert. Neue Rechnungen werden darauf ausgestellt.",
    company: "Company name" | "Firmenname",
    street: "Street address" | "Straße und Hausnummer",
    line2: "Address line 2 (optional)" | "Adresszeile 2 (optional)",
    postal: "Postal code" | "Postleitzahl",
    city: "City" | "Ort",
    country: "Country" | "Land",
    choose_country: "Choose a country" | "Land wählen",
    vat_id: "VAT ID (optional)" | "USt-IdNr. (optional)",
    vat_hint: "Checked against the country's format, e.g. DE123456789." | "Wird gegen das Format des Landes geprüft, z. B. DE123456789.",
    billing_email: "Billing email" | "E-Mail für Rechnungen",
    billing_email_hint: "Where invoices are sent." | "Wohin Rechnungen gesendet werden.",
    save_billing: "Save billing information" | "Rechnungsangaben speichern",
    payment_title: "Payment information" | "Zahlungsangaben",
    loading_payment: "Loading payment information…" | "Zahlungsangaben werden geladen…",
    /// {0}: brand, {1}: last four, {2}: month, {3}: year, {4}: holder.
    card_line: "{0} ending in {1}, expires {2}/{3}, {4}" | "{0} mit Endziffern {1}, gültig bis {2}/{3}, {4}",
    /// {0}: the card.
    card_saved: "Card saved: {0}. Open invoices were charged to it." | "Karte gespeichert: {0}. Offene Rechnungen wurden ihr belastet.",
    card_on_file: "Card on file" | "Hinterlegte Karte",
    no_card_yet: "No card on file yet." | "Noch keine Karte hinterlegt.",
    replace_card: "Replace the card" | "Karte ersetzen",
    add_card: "Add a card" | "Karte hinzufügen",
    holder: "Name on card" | "Name auf der Karte",
    number: "Card number" | "Kartennummer",
    month: "Expiry month" | "Ablaufmonat",
    month_hint: "MM" | "MM",
    year: "Expiry year" | "Ablaufjahr",
    year_hint: "YYYY" | "JJJJ",
    cvc: "Security code" | "Sicherheitscode",
    card_kept: "We keep only the card's brand, last four digits and expiry." | "Wir speichern nur die Kartenmarke, die letzten vier Ziffern und das Ablaufdatum.",
    save_card: "Save card" | "Karte speichern",
    invoices_title: "Invoices" | "Rechnungen",
    loading_invoices: "Loading invoices…" | "Rechnungen werden geladen…",
    invoice_list: "Invoice list" | "Rechnungsliste",
    invoice_number: "Number" | "Nummer",
    period: "Period" | "Zeitraum",
    amount: "Amount" | "Betrag",
    tax: "Tax" | "Steuer",
    total: "Total" | "Gesamt",
    status: "Status" | "Status",
    /// {0}: the invoice's number.
    download_named: "Download {0}" | "{0} herunterladen",
    download: "Download" | "Herunterladen",
    /// {0}, {1}: the period's first and last day.
    from_to: "{0} to {1}" | "{0} bis {1}",
    all_invoices: "← All invoices" | "← Alle Rechnungen",
    loading_invoice: "Loading the invoice…" | "Die Rechnung wird geladen…",
    invoice: "Invoice " | "Rechnung ",
    /// {0}: the day.
    issued: "Issued {0}" | "Ausgestellt am {0}",
    billed_to: "Billed to" | "Rechnungsempfänger",
    /// {0}: the VAT ID.
    vat_line: "VAT ID {0}" | "USt-IdNr. {0}",
    no_billing_then: "No billing information on file when this was issued." | "Bei Ausstellung waren keine Rechnungsangaben hinterlegt.",
    billing_period: "Billing period" | "Abrechnungszeitraum",
    description: "Description" | "Beschreibung",
    /// {0}: the rate.
    tax_rate: "Tax {0}" | "Steuer {0}",
    /// {0}: the currency.
    total_in: "Total ({0})" | "Gesamt ({0})",
    print: "Print" | "Drucken",
}

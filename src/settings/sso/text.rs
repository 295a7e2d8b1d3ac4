//! The SSO & Provisioning page's texts.

crate::i18n::texts! {
    title: "SSO & Provisioning" | "SSO & Bereitstellung" | "SSO et provisionnement",
    intro: "Let people sign in through your identity provider. It starts with your domains: only addresses at a domain verified here can ever come in through single sign-on or provisioning." | "Lassen Sie Personen sich über Ihren Identitätsanbieter anmelden. Es beginnt mit Ihren Domains: Nur Adressen an einer hier verifizierten Domain können je über Single Sign-on oder Bereitstellung hereinkommen." | "Permettez aux personnes de se connecter via votre fournisseur d’identité. Tout commence par vos domaines : seules les adresses d’un domaine vérifié ici peuvent entrer par l’authentification unique ou le provisionnement.",
    loading: "Loading SSO settings…" | "SSO-Einstellungen werden geladen…" | "Chargement des réglages SSO…",
    identifier_title: "SSO identifier" | "SSO-Kennung" | "Identifiant SSO",
    identifier: "SSO identifier" | "SSO-Kennung" | "Identifiant SSO",
    identifier_hint: "People can type it at “Sign in with SSO” instead of their email address. Lowercase letters, digits and hyphens." | "Personen können sie bei „Mit SSO anmelden“ statt ihrer E-Mail-Adresse eingeben. Kleinbuchstaben, Ziffern und Bindestriche." | "Les personnes peuvent le saisir à « Se connecter avec SSO » au lieu de leur adresse e-mail. Lettres minuscules, chiffres et traits d’union.",
    save_identifier: "Save identifier" | "Kennung speichern" | "Enregistrer l’identifiant",
    identifier_saved: "The SSO identifier was saved." | "Die SSO-Kennung wurde gespeichert." | "L’identifiant SSO a été enregistré.",
    domains_title: "Verified domains" | "Verifizierte Domains" | "Domaines vérifiés",
    domains_intro: "Publish the TXT record shown for a domain at your DNS provider, then choose Verify. Verified domains are checked again every day; one whose record is gone stops counting until it is verified again." | "Veröffentlichen Sie den für eine Domain gezeigten TXT-Eintrag bei Ihrem DNS-Anbieter und wählen Sie dann Verifizieren. Verifizierte Domains werden täglich erneut geprüft; eine, deren Eintrag verschwunden ist, zählt erst wieder, wenn sie erneut verifiziert ist." | "Publiez l’enregistrement TXT affiché pour un domaine chez votre fournisseur DNS, puis choisissez Vérifier. Les domaines vérifiés sont contrôlés chaque jour ; un domaine dont l’enregistrement a disparu ne compte plus jusqu’à une nouvelle vérification.",
    no_domains: "No domains yet." | "Noch keine Domains." | "Aucun domaine pour l’instant.",
    domain: "Domain" | "Domain" | "Domaine",
    domain_hint: "Such as example.com. A subdomain is a domain of its own." | "Etwa example.com. Eine Subdomain ist eine eigene Domain." | "Par exemple example.com. Un sous-domaine est un domaine à part entière.",
    add_domain: "Add domain" | "Domain hinzufügen" | "Ajouter le domaine",
    /// {0}: the domain.
    domain_added: "{0} was added. Publish its TXT record, then verify it." | "{0} wurde hinzugefügt. Veröffentlichen Sie den TXT-Eintrag und verifizieren Sie die Domain dann." | "{0} a été ajouté. Publiez son enregistrement TXT, puis vérifiez-le.",
    pending: "Not verified yet" | "Noch nicht verifiziert" | "Pas encore vérifié",
    verified: "Verified" | "Verifiziert" | "Vérifié",
    lost: "Record missing: no longer verified" | "Eintrag fehlt: nicht mehr verifiziert" | "Enregistrement absent : plus vérifié",
    record_type: "Type" | "Typ" | "Type",
    /// {0}: the domain.
    record_name_of: "TXT record name for {0}" | "Name des TXT-Eintrags für {0}" | "Nom de l’enregistrement TXT pour {0}",
    /// {0}: the domain.
    record_value_of: "TXT record value for {0}" | "Wert des TXT-Eintrags für {0}" | "Valeur de l’enregistrement TXT pour {0}",
    record_name: "Name" | "Name" | "Nom",
    record_value: "Value" | "Wert" | "Valeur",
    /// {0}: when.
    verified_at: "Verified {0}" | "Verifiziert {0}" | "Vérifié le {0}",
    /// {0}: when.
    checked_at: "last checked {0}" | "zuletzt geprüft {0}" | "dernier contrôle le {0}",
    /// {0}: when.
    lost_at: "The record was not found on {0}." | "Der Eintrag wurde am {0} nicht gefunden." | "L’enregistrement était introuvable le {0}.",
    verify: "Verify" | "Verifizieren" | "Vérifier",
    /// {0}: the domain.
    verify_named: "Verify {0}" | "{0} verifizieren" | "Vérifier {0}",
    check_again: "Check again" | "Erneut prüfen" | "Contrôler à nouveau",
    /// {0}: the domain.
    check_again_named: "Check {0} again" | "{0} erneut prüfen" | "Contrôler {0} à nouveau",
    /// {0}: the domain.
    now_verified: "{0} is verified." | "{0} ist verifiziert." | "{0} est vérifié.",
    remove: "Remove" | "Entfernen" | "Retirer",
    /// {0}: the domain.
    remove_named: "Remove {0}" | "{0} entfernen" | "Retirer {0}",
    remove_title: "Remove this domain?" | "Diese Domain entfernen?" | "Retirer ce domaine ?",
    /// {0}: the domain.
    remove_message: "Addresses at {0} will no longer come in through single sign-on or provisioning. People already in the organization stay." | "Adressen an {0} kommen dann nicht mehr über Single Sign-on oder Bereitstellung herein. Personen, die schon in der Organisation sind, bleiben." | "Les adresses de {0} n’entreront plus par l’authentification unique ni le provisionnement. Les personnes déjà dans l’organisation restent.",
    /// {0}: the domain.
    removed: "{0} was removed." | "{0} wurde entfernt." | "{0} a été retiré.",
}

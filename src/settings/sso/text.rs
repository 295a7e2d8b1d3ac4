//! The SSO & Provisioning page's texts.

crate::i18n::texts! {
    title: "SSO & Provisioning" | "SSO & Bereitstellung" | "SSO et provisionnement",
    intro: "Let people sign in through your identity provider. It starts with your domains: only addresses at a domain verified here can ever come in through single sign-on or provisioning." | "Lassen Sie Personen sich über Ihren Identitätsanbieter anmelden. Es beginnt mit Ihren Domains: Nur Adressen an einer hier verifizierten Domain können je über Single Sign-on oder Bereitstellung hereinkommen." | "Permettez aux personnes de se connecter via votre fournisseur d’identité. Tout commence par vos domaines : seules les adresses d’un domaine vérifié ici peuvent entrer par l’authentification unique ou le provisionnement.",
    loading: "Loading SSO settings…" | "SSO-Einstellungen werden geladen…" | "Chargement des réglages SSO…",
    sign_in_title: "Signing in with SSO" | "Anmeldung mit SSO" | "Connexion avec SSO",
    identifier: "SSO identifier" | "SSO-Kennung" | "Identifiant SSO",
    identifier_hint: "People can type it at “Sign in with SSO” instead of their email address. Lowercase letters, digits and hyphens." | "Personen können sie bei „Mit SSO anmelden“ statt ihrer E-Mail-Adresse eingeben. Kleinbuchstaben, Ziffern und Bindestriche." | "Les personnes peuvent le saisir à « Se connecter avec SSO » au lieu de leur adresse e-mail. Lettres minuscules, chiffres et traits d’union.",
    default_role: "Role of people new to the organization" | "Rolle neuer Personen in der Organisation" | "Rôle des nouvelles personnes dans l’organisation",
    default_role_hint: "Given when single sign-on brings someone in for the first time. People already here keep their role." | "Wird vergeben, wenn Single Sign-on jemanden zum ersten Mal hereinbringt. Wer schon hier ist, behält seine Rolle." | "Attribué quand l’authentification unique fait entrer quelqu’un pour la première fois. Les personnes déjà présentes gardent leur rôle.",
    require_sso: "Require SSO" | "SSO verlangen" | "Exiger SSO",
    require_sso_hint: "Password sign-in and password reset are refused for addresses at your verified domains; they sign in with SSO. Owners keep their password as a way in if the identity provider fails." | "Anmeldung und Zurücksetzen per Passwort werden für Adressen an Ihren verifizierten Domains abgelehnt; sie melden sich mit SSO an. Eigentümer behalten ihr Passwort als Zugang, falls der Identitätsanbieter ausfällt." | "La connexion et la réinitialisation par mot de passe sont refusées pour les adresses de vos domaines vérifiés ; elles se connectent avec SSO. Les propriétaires gardent leur mot de passe comme accès de secours si le fournisseur d’identité tombe en panne.",
    save_sign_in: "Save" | "Speichern" | "Enregistrer",
    sign_in_saved: "Signing in with SSO was saved." | "Die Anmeldung mit SSO wurde gespeichert." | "La connexion avec SSO a été enregistrée.",
    provider_title: "Identity provider (OpenID Connect)" | "Identitätsanbieter (OpenID Connect)" | "Fournisseur d’identité (OpenID Connect)",
    provider_intro: "Register this app at your identity provider (Okta, Entra ID, Google Workspace, Auth0, Keycloak…) as a web application with the redirect URI below, then enter what it gives you. People sign in with the code flow and PKCE; only addresses the provider verified, at your verified domains, come in." | "Registrieren Sie diese App bei Ihrem Identitätsanbieter (Okta, Entra ID, Google Workspace, Auth0, Keycloak…) als Webanwendung mit der Weiterleitungs-URI unten und geben Sie dann ein, was Sie erhalten. Die Anmeldung nutzt den Code-Flow mit PKCE; nur vom Anbieter verifizierte Adressen an Ihren verifizierten Domains kommen herein." | "Enregistrez cette application chez votre fournisseur d’identité (Okta, Entra ID, Google Workspace, Auth0, Keycloak…) comme application web avec l’URI de redirection ci-dessous, puis saisissez ce qu’il vous donne. La connexion utilise le flux code avec PKCE ; seules les adresses vérifiées par le fournisseur, sur vos domaines vérifiés, entrent.",
    redirect_uri: "Redirect URI" | "Weiterleitungs-URI" | "URI de redirection",
    redirect_uri_hint: "Register it at your provider exactly as shown." | "Registrieren Sie sie bei Ihrem Anbieter genau so." | "Enregistrez-la chez votre fournisseur exactement ainsi.",
    issuer: "Issuer URL" | "Issuer-URL" | "URL de l’émetteur",
    issuer_hint: "Such as https://your-company.okta.com. Its discovery document is read before it is saved." | "Etwa https://ihre-firma.okta.com. Sein Discovery-Dokument wird vor dem Speichern gelesen." | "Par exemple https://votre-entreprise.okta.com. Son document de découverte est lu avant l’enregistrement.",
    client_id: "Client ID" | "Client-ID" | "Identifiant client",
    client_secret: "Client secret" | "Client-Geheimnis" | "Secret client",
    client_secret_hint: "Kept encrypted and never shown again." | "Wird verschlüsselt aufbewahrt und nie wieder angezeigt." | "Conservé chiffré et plus jamais affiché.",
    client_secret_kept: "A secret is kept (never shown). Leave this empty to keep it; enter one to replace it." | "Ein Geheimnis ist hinterlegt (nie angezeigt). Lassen Sie das Feld leer, um es zu behalten; geben Sie eines ein, um es zu ersetzen." | "Un secret est conservé (jamais affiché). Laissez vide pour le garder ; saisissez-en un pour le remplacer.",
    save_provider: "Save provider" | "Anbieter speichern" | "Enregistrer le fournisseur",
    provider_saved: "The identity provider was saved. People can sign in with SSO." | "Der Identitätsanbieter wurde gespeichert. Personen können sich mit SSO anmelden." | "Le fournisseur d’identité a été enregistré. Les personnes peuvent se connecter avec SSO.",
    remove_provider: "Remove provider" | "Anbieter entfernen" | "Retirer le fournisseur",
    remove_provider_title: "Remove the identity provider?" | "Identitätsanbieter entfernen?" | "Retirer le fournisseur d’identité ?",
    remove_provider_message: "Nobody can sign in with SSO until a provider is saved again. Accounts stay; people without a password can ask for one with “Forgot password?”." | "Niemand kann sich mit SSO anmelden, bis wieder ein Anbieter gespeichert ist. Konten bleiben; Personen ohne Passwort können über „Passwort vergessen?“ eines anfordern." | "Personne ne peut se connecter avec SSO tant qu’aucun fournisseur n’est de nouveau enregistré. Les comptes restent ; les personnes sans mot de passe peuvent en demander un avec « Mot de passe oublié ? ».",
    provider_removed: "The identity provider was removed." | "Der Identitätsanbieter wurde entfernt." | "Le fournisseur d’identité a été retiré.",
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
    provisioning_title: "Provisioning (SCIM 2.0)" | "Bereitstellung (SCIM 2.0)" | "Provisionnement (SCIM 2.0)",
    provisioning_intro: "Let your identity provider (Okta, Entra ID…) create, update, suspend and remove people here: give it the SCIM base URL and a token. Only addresses at your verified domains are accepted, people join with the role above, and owners are never moved, suspended or removed by it." | "Lassen Sie Ihren Identitätsanbieter (Okta, Entra ID…) hier Personen anlegen, ändern, sperren und entfernen: Geben Sie ihm die SCIM-Basis-URL und ein Token. Nur Adressen an Ihren verifizierten Domains werden angenommen, Personen treten mit der Rolle oben bei, und Eigentümer werden von ihm nie verschoben, gesperrt oder entfernt." | "Laissez votre fournisseur d’identité (Okta, Entra ID…) créer, modifier, suspendre et retirer des personnes ici : donnez-lui l’URL de base SCIM et un jeton. Seules les adresses de vos domaines vérifiés sont acceptées, les personnes arrivent avec le rôle ci-dessus, et les propriétaires ne sont jamais déplacés, suspendus ni retirés par lui.",
    scim_url: "SCIM base URL" | "SCIM-Basis-URL" | "URL de base SCIM",
    scim_url_hint: "Enter it in your identity provider's provisioning settings, with the token as a bearer token." | "Tragen Sie sie in den Bereitstellungseinstellungen Ihres Identitätsanbieters ein, mit dem Token als Bearer-Token." | "Saisissez-la dans les réglages de provisionnement de votre fournisseur d’identité, avec le jeton comme jeton porteur.",
    no_scim_token: "No SCIM token yet: provisioning is off." | "Noch kein SCIM-Token: Die Bereitstellung ist aus." | "Pas encore de jeton SCIM : le provisionnement est désactivé.",
    /// {0}: when.
    token_made: "Token generated {0}" | "Token erzeugt {0}" | "Jeton généré le {0}",
    /// {0}: when.
    token_used: "last used {0}" | "zuletzt verwendet {0}" | "dernière utilisation le {0}",
    token_unused: "not used yet" | "noch nicht verwendet" | "pas encore utilisé",
    generate_token: "Generate SCIM token" | "SCIM-Token erzeugen" | "Générer un jeton SCIM",
    regenerate_token: "Generate new token" | "Neues Token erzeugen" | "Générer un nouveau jeton",
    regenerate_title: "Replace the SCIM token?" | "SCIM-Token ersetzen?" | "Remplacer le jeton SCIM ?",
    regenerate_message: "The current token stops working at once; give the new one to your identity provider." | "Das aktuelle Token funktioniert sofort nicht mehr; geben Sie das neue Ihrem Identitätsanbieter." | "Le jeton actuel cesse aussitôt de fonctionner ; donnez le nouveau à votre fournisseur d’identité.",
    revoke_token: "Revoke token" | "Token widerrufen" | "Révoquer le jeton",
    revoke_title: "Revoke the SCIM token?" | "SCIM-Token widerrufen?" | "Révoquer le jeton SCIM ?",
    revoke_message: "Your identity provider can no longer create, change or remove people here until a new token is generated. People stay as they are." | "Ihr Identitätsanbieter kann hier keine Personen mehr anlegen, ändern oder entfernen, bis ein neues Token erzeugt ist. Personen bleiben, wie sie sind." | "Votre fournisseur d’identité ne peut plus créer, modifier ni retirer de personnes ici tant qu’aucun nouveau jeton n’est généré. Les personnes restent telles quelles.",
    token_revoked: "The SCIM token was revoked." | "Das SCIM-Token wurde widerrufen." | "Le jeton SCIM a été révoqué.",
    token_once: "Copy this token into your identity provider now: it is not shown again." | "Kopieren Sie dieses Token jetzt in Ihren Identitätsanbieter: Es wird nicht wieder angezeigt." | "Copiez ce jeton dans votre fournisseur d’identité maintenant : il ne sera plus affiché.",
    token_label: "New SCIM token" | "Neues SCIM-Token" | "Nouveau jeton SCIM",
    token_copied: "I have copied it" | "Ich habe es kopiert" | "Je l’ai copié",
    groups_title: "Groups" | "Gruppen" | "Groupes",
    groups_intro: "The groups your identity provider pushes. Choose the role each gives its members: someone in several has the highest; someone who leaves the last group that gives a role gets the role above. Owners keep theirs." | "Die Gruppen, die Ihr Identitätsanbieter überträgt. Wählen Sie die Rolle, die jede ihren Mitgliedern gibt: Wer in mehreren ist, hat die höchste; wer die letzte Gruppe mit einer Rolle verlässt, erhält die Rolle oben. Eigentümer behalten ihre." | "Les groupes que votre fournisseur d’identité transmet. Choisissez le rôle que chacun donne à ses membres : qui est dans plusieurs a le plus élevé ; qui quitte le dernier groupe donnant un rôle reçoit le rôle ci-dessus. Les propriétaires gardent le leur.",
    no_groups: "No groups yet: the groups your identity provider pushes appear here." | "Noch keine Gruppen: Die Gruppen, die Ihr Identitätsanbieter überträgt, erscheinen hier." | "Pas encore de groupes : les groupes que votre fournisseur d’identité transmet apparaissent ici.",
    group_one_member: "1 person" | "1 Person" | "1 personne",
    /// {0}: how many people (not 1).
    group_members: "{0} people" | "{0} Personen" | "{0} personnes",
    /// {0}: the group's name.
    role_given_by: "Role given by {0}" | "Von {0} vergebene Rolle" | "Rôle donné par {0}",
    no_role: "No role (groups only)" | "Keine Rolle (nur Gruppierung)" | "Aucun rôle (regroupe seulement)",
    /// {0}: the group's name.
    group_saved: "The role given by {0} was saved; its members' roles are settled." | "Die von {0} vergebene Rolle wurde gespeichert; die Rollen ihrer Mitglieder sind angepasst." | "Le rôle donné par {0} a été enregistré ; les rôles de ses membres sont ajustés.",
}

//! The contract's texts: the rules' messages (shown at the field by the app before sending, and
//! by the server when it refuses) and the names of roles, periods, activities and countries. One
//! catalog per concern, so a wasm module carries only the texts of the rules it uses.

crate::catalog! {
    /// Signing in, one's account and invitations: small, so the sign-in page carries little.
    pub struct AuthTexts {
        // Sign-in and account.
        enter_email: "Enter your email address." | "Geben Sie Ihre E-Mail-Adresse ein." | "Saisissez votre adresse e-mail.",
        email_too_long: "An email address has at most {0} characters." | "Eine E-Mail-Adresse hat höchstens {0} Zeichen." | "Une adresse e-mail comporte au plus {0} caractères.",
        enter_password: "Enter your password." | "Geben Sie Ihr Passwort ein." | "Saisissez votre mot de passe.",
        password_too_long: "A password has at most {0} characters." | "Ein Passwort hat höchstens {0} Zeichen." | "Un mot de passe comporte au plus {0} caractères.",
        name_too_long: "A name has at most {0} characters." | "Ein Name hat höchstens {0} Zeichen." | "Un nom comporte au plus {0} caractères.",
        password_too_short: "Choose a password of at least {0} characters." | "Wählen Sie ein Passwort mit mindestens {0} Zeichen." | "Choisissez un mot de passe d’au moins {0} caractères.",
        name_one_line: "A name is one line of text." | "Ein Name ist eine Zeile Text." | "Un nom tient sur une seule ligne.",
        enter_name: "Enter your name." | "Geben Sie Ihren Namen ein." | "Saisissez votre nom.",
        // Invitations.
        too_many_invites: "Invite at most {0} addresses at once." | "Laden Sie höchstens {0} Adressen auf einmal ein." | "Invitez au plus {0} adresses à la fois.",
        not_an_email: "“{0}” is not a valid email address." | "„{0}“ ist keine gültige E-Mail-Adresse." | "« {0} » n’est pas une adresse e-mail valide.",
        enter_invitee_email: "Enter the email address of the person to invite." | "Geben Sie die E-Mail-Adresse der Person ein, die Sie einladen möchten." | "Saisissez l’adresse e-mail de la personne à inviter.",
        enter_invitation_code: "Enter the invitation code you were given." | "Geben Sie den Einladungscode ein, den Sie erhalten haben." | "Saisissez le code d’invitation que vous avez reçu.",
        enter_new_password: "Enter a password." | "Geben Sie ein Passwort ein." | "Saisissez un mot de passe.",
    }
}

crate::catalog! {
    /// The settings' rules.
    pub struct SettingsTexts {
        // Settings.
        enter_field: "Enter the {0}; it cannot be empty or only spaces." | "Geben Sie „{0}“ ein; das Feld darf nicht leer sein oder nur Leerzeichen enthalten." | "Saisissez le champ « {0} » ; il ne peut pas être vide ni ne contenir que des espaces.",
        field_too_long: "The {0} can be at most {1} characters; this one has {2}." | "„{0}“ darf höchstens {1} Zeichen haben; hier sind es {2}." | "Le champ « {0} » comporte au plus {1} caractères ; celui-ci en a {2}.",
        field_one_line: "The {0} cannot contain tabs or line breaks." | "„{0}“ darf keine Tabulatoren oder Zeilenumbrüche enthalten." | "Le champ « {0} » ne peut contenir ni tabulation ni saut de ligne.",
        not_an_origin: "\"{0}\" is not an origin like https://www.example.com." | "„{0}“ ist kein Origin wie https://www.example.com." | "« {0} » n’est pas une origine comme https://www.example.com.",
        invalid_port: "\"{0}\" has an invalid port." | "„{0}“ hat einen ungültigen Port." | "« {0} » a un port non valide.",
        must_use_https: "\"{0}\" must use https." | "„{0}“ muss https verwenden." | "« {0} » doit utiliser https.",
        not_a_domain: "\"{0}\" is not a domain like example.com." | "„{0}“ ist keine Domain wie example.com." | "« {0} » n’est pas un domaine comme example.com.",
        too_many_in_list: "At most {0} {1}; this list has {2}." | "Höchstens {0} {1}; diese Liste hat {2}." | "Au plus {0} {1} ; cette liste en a {2}.",
        sign_in_text_too_long: "The sign-in text can be at most {0} characters; this one has {1}." | "Der Text der Anmeldeseite darf höchstens {0} Zeichen haben; hier sind es {1}." | "Le texte de la page de connexion comporte au plus {0} caractères ; celui-ci en a {1}.",
        sign_in_text_control: "The sign-in text cannot contain control characters." | "Der Text der Anmeldeseite darf keine Steuerzeichen enthalten." | "Le texte de la page de connexion ne peut pas contenir de caractères de contrôle.",
        retention_range: "Keep activities between {0} and {1} days." | "Bewahren Sie Aktivitäten zwischen {0} und {1} Tagen auf." | "Conservez les activités entre {0} et {1} jours.",
        token_days_range: "Let tokens last between {0} and {1} days, or leave it empty for no cap." | "Erlauben Sie Tokens zwischen {0} und {1} Tagen, oder lassen Sie das Feld für keine Grenze leer." | "Autorisez les jetons entre {0} et {1} jours, ou laissez vide pour aucune limite.",
        org_name: "organization name" | "Name der Organisation" | "nom de l’organisation",
        app_name: "app name" | "App-Name" | "nom de l’application",
        origins: "origins" | "Origins" | "origines",
        domains: "domains" | "Domains" | "domaines",
        not_a_colour: "{0} must be a colour like #3b4cca." | "{0} muss eine Farbe wie #3b4cca sein." | "{0} doit être une couleur comme #3b4cca.",
        low_contrast: "{0} has a contrast of {1}:1 against the page; WCAG AA needs at least {2}:1." | "{0} hat einen Kontrast von {1}:1 zur Seite; WCAG AA verlangt mindestens {2}:1." | "{0} a un contraste de {1}:1 avec la page ; le niveau WCAG AA exige au moins {2}:1.",
        light_primary: "Primary colour (light mode)" | "Primärfarbe (heller Modus)" | "Couleur principale (mode clair)",
        light_accent: "Accent colour (light mode)" | "Akzentfarbe (heller Modus)" | "Couleur d’accent (mode clair)",
        dark_primary: "Primary colour (dark mode)" | "Primärfarbe (dunkler Modus)" | "Couleur principale (mode sombre)",
        dark_accent: "Accent colour (dark mode)" | "Akzentfarbe (dunkler Modus)" | "Couleur d’accent (mode sombre)",
    }
}

crate::catalog! {
    /// Billing information, cards and invoices.
    pub struct BillingTexts {
        // Billing and cards.
        enter_billing_field: "Enter the {0}." | "Geben Sie „{0}“ ein." | "Saisissez le champ « {0} ».",
        billing_field_too_long: "The {0} must be one line of at most {1} characters." | "„{0}“ muss eine Zeile mit höchstens {1} Zeichen sein." | "Le champ « {0} » doit tenir sur une ligne d’au plus {1} caractères.",
        choose_country: "Choose the country from the list." | "Wählen Sie das Land aus der Liste." | "Choisissez le pays dans la liste.",
        vat_id_format: "A VAT ID from {0} looks like {1}; it starts with {2}." | "Eine USt-IdNr. aus {0} sieht aus wie {1}; sie beginnt mit {2}." | "Un numéro de TVA de ce pays ({0}) ressemble à {1} ; il commence par {2}.",
        company_name: "company name" | "Firmenname" | "nom de l’entreprise",
        street_address: "street address" | "Straße und Hausnummer" | "adresse",
        second_address_line: "second address line" | "Adresszeile 2" | "complément d’adresse",
        postal_code: "postal code" | "Postleitzahl" | "code postal",
        city: "city" | "Ort" | "ville",
        billing_email: "billing email" | "E-Mail für Rechnungen" | "e-mail de facturation",
        enter_card_name: "Enter the name on the card." | "Geben Sie den Namen auf der Karte ein." | "Saisissez le nom figurant sur la carte.",
        card_number_invalid: "This card number is not valid. Check the digits." | "Diese Kartennummer ist ungültig. Prüfen Sie die Ziffern." | "Ce numéro de carte n’est pas valide. Vérifiez les chiffres.",
        choose_expiry_month: "Choose the expiry month." | "Wählen Sie den Ablaufmonat." | "Choisissez le mois d’expiration.",
        card_expired: "This card has expired." | "Diese Karte ist abgelaufen." | "Cette carte a expiré.",
        check_expiry_year: "Check the expiry year." | "Prüfen Sie das Ablaufjahr." | "Vérifiez l’année d’expiration.",
        enter_cvc: "Enter the {0}-digit security code." | "Geben Sie den {0}-stelligen Sicherheitscode ein." | "Saisissez le code de sécurité à {0} chiffres.",
        // Invoices.
        invoice_paid: "Paid" | "Bezahlt" | "Payée",
        invoice_open: "Open: payment due" | "Offen: Zahlung fällig" | "Ouverte : paiement dû",
        invoice_charging: "Payment in progress" | "Zahlung läuft" | "Paiement en cours",
        invoice_failed: "Payment failed" | "Zahlung fehlgeschlagen" | "Échec du paiement",
        invoice_void: "Void: the card was declined, nothing is owed" | "Storniert: die Karte wurde abgelehnt, nichts ist offen" | "Annulée : la carte a été refusée, rien n’est dû",
    }
}

crate::catalog! {
    /// Roles, the permission rules' refusals and periods.
    pub struct NameTexts {
        // Roles and refusals.
        owner: "Owner" | "Eigentümer" | "Propriétaire",
        admin: "Admin" | "Admin" | "Admin",
        member: "Member" | "Mitglied" | "Membre",
        owner_deprecated: "Owner (deprecated)" | "Eigentümer (veraltet)" | "Propriétaire (obsolète)",
        not_allowed: "Your role does not allow managing users." | "Ihre Rolle erlaubt es nicht, Benutzer zu verwalten." | "Votre rôle ne permet pas de gérer les utilisateurs.",
        cannot_assign_ownership: "Only an owner can assign ownership or change an owner." | "Nur ein Eigentümer kann die Eigentümerrolle vergeben oder einen Eigentümer ändern." | "Seul un propriétaire peut attribuer le rôle de propriétaire ou modifier un propriétaire.",
        self_change: "You cannot change your own role or remove yourself." | "Sie können Ihre eigene Rolle nicht ändern und sich nicht selbst entfernen." | "Vous ne pouvez ni modifier votre propre rôle ni vous retirer vous-même.",
        last_manager: "The organization must keep at least one owner or admin." | "Die Organisation muss mindestens einen Eigentümer oder Admin behalten." | "L’organisation doit conserver au moins un propriétaire ou un admin.",
        last_owner: "While the organization is subscribed it must keep an owner, who manages the subscription." | "Solange die Organisation ein Abonnement hat, muss sie einen Eigentümer behalten, der es verwaltet." | "Tant que l’organisation a un abonnement, elle doit conserver un propriétaire, qui le gère.",
        // Periods.
        last_30_days: "Last 30 days" | "Letzte 30 Tage" | "30 derniers jours",
        last_90_days: "Last 90 days" | "Letzte 90 Tage" | "90 derniers jours",
        last_12_months: "Last 12 months" | "Letzte 12 Monate" | "12 derniers mois",
        all_time: "All time" | "Gesamter Zeitraum" | "Depuis le début",
    }
}

crate::catalog! {
    /// What an activity is about, as the Activity filter names it: one per [`crate::TrackableType`].
    pub struct TrackableNames {
        OrgUser: "People and roles" | "Personen und Rollen" | "Personnes et rôles",
        Invitation: "Invitations" | "Einladungen" | "Invitations",
        Space: "Spaces" | "Spaces" | "Espaces",
        Collaborator: "Collaborators" | "Mitwirkende" | "Collaborateurs",
        Settings: "Settings" | "Einstellungen" | "Paramètres",
        Subscription: "Subscription" | "Abonnement" | "Abonnement",
        Invoice: "Invoices" | "Rechnungen" | "Factures",
        BillingInfo: "Billing information" | "Rechnungsangaben" | "Informations de facturation",
        PaymentMethod: "Payment information" | "Zahlungsangaben" | "Informations de paiement",
        Session: "Sign-ins" | "Anmeldungen" | "Connexions",
        UsersExport: "Exports" | "Exporte" | "Exports",
        Account: "Accounts" | "Konten" | "Comptes",
        AccessToken: "Access tokens" | "Zugriffstokens" | "Jetons d’accès",
        Webhook: "Webhooks" | "Webhooks" | "Webhooks",
        Usage: "Usage alerts" | "Verbrauchswarnungen" | "Alertes de consommation",
        Sso: "SSO & Provisioning" | "SSO & Bereitstellung" | "SSO et provisionnement",
    }
}

crate::catalog! {
    /// Each kind of activity in words, for the Activity table and its CSV: one per
    /// [`crate::ActivityKey`], so a kind without its words does not compile.
    pub struct ActivityWords {
        OrgUserUpdate: "Changed the role of" | "Rolle geändert von" | "A modifié le rôle de",
        OrgUserDestroy: "Removed from the organization" | "Aus der Organisation entfernt" | "A retiré de l’organisation",
        OrgUserRestore: "Undid the removal of" | "Entfernen rückgängig gemacht für" | "A annulé le retrait de",
        OrgUserSsoJoin: "Joined through single sign-on:" | "Über Single Sign-on beigetreten:" | "A rejoint par authentification unique :",
        InvitationCreate: "Invited" | "Eingeladen" | "A invité",
        InvitationResend: "Resent the invitation of" | "Einladung erneut gesendet an" | "A renvoyé l’invitation de",
        InvitationRevoke: "Revoked the invitation of" | "Einladung zurückgezogen von" | "A révoqué l’invitation de",
        InvitationAccept: "Accepted the invitation" | "Einladung angenommen" | "A accepté l’invitation",
        InvitationRestore: "Undid revoking the invitation of" | "Zurückziehen rückgängig gemacht für die Einladung von" | "A annulé la révocation de l’invitation de",
        SpaceAdd: "Added the space" | "Space hinzugefügt" | "A ajouté l’espace",
        SpaceDetach: "Detached the space" | "Space abgetrennt" | "A détaché l’espace",
        SpaceRestore: "Undid detaching the space" | "Abtrennen rückgängig gemacht für den Space" | "A annulé le détachement de l’espace",
        CollaboratorCreate: "Added a collaborator to" | "Mitwirkende(n) hinzugefügt zu" | "A ajouté un collaborateur à",
        CollaboratorUpdate: "Changed a collaborator role on" | "Rolle von Mitwirkenden geändert in" | "A modifié le rôle d’un collaborateur sur",
        CollaboratorDestroy: "Removed a collaborator from" | "Mitwirkende(n) entfernt aus" | "A retiré un collaborateur de",
        CollaboratorRestore: "Undid removing a collaborator from" | "Entfernen von Mitwirkenden rückgängig gemacht in" | "A annulé le retrait d’un collaborateur de",
        SettingsUpdate: "Changed the settings" | "Einstellungen geändert" | "A modifié les paramètres",
        SubscriptionCreate: "Subscribed" | "Abonniert" | "S’est abonné",
        SubscriptionUpdate: "Changed the subscription tier" | "Abonnementstufe geändert" | "A changé de formule",
        SubscriptionCancel: "Cancelled the subscription" | "Abonnement gekündigt" | "A résilié l’abonnement",
        SubscriptionResume: "Kept the subscription" | "Abonnement beibehalten" | "A conservé l’abonnement",
        SubscriptionRenew: "Renewed the subscription" | "Abonnement verlängert" | "A renouvelé l’abonnement",
        SubscriptionEnd: "Ended the subscription" | "Abonnement beendet" | "A mis fin à l’abonnement",
        InvoicePay: "Paid the invoice" | "Rechnung bezahlt" | "A payé la facture",
        InvoiceDecline: "The card was declined for" | "Karte abgelehnt für" | "Carte refusée pour",
        BillingUpdate: "Changed the billing information" | "Rechnungsangaben geändert" | "A modifié les informations de facturation",
        PaymentUpdate: "Changed the payment method" | "Zahlungsmethode geändert" | "A modifié le moyen de paiement",
        SessionCreate: "Signed in" | "Angemeldet" | "S’est connecté",
        SessionFail: "Failed to sign in" | "Anmeldung fehlgeschlagen" | "Échec de connexion",
        SessionDestroy: "Signed out" | "Abgemeldet" | "S’est déconnecté",
        UsersExport: "Exported the users list" | "Benutzerliste exportiert" | "A exporté la liste des utilisateurs",
        AccountUpdate: "Changed their name" | "Eigenen Namen geändert" | "A modifié son nom",
        PasswordChange: "Changed their password" | "Eigenes Passwort geändert" | "A modifié son mot de passe",
        PasswordReset: "Reset their password" | "Eigenes Passwort zurückgesetzt" | "A réinitialisé son mot de passe",
        TwoFactorEnable: "Turned on two-factor sign-in" | "Zwei-Faktor-Anmeldung eingeschaltet" | "A activé la connexion à deux facteurs",
        TwoFactorDisable: "Turned off two-factor sign-in" | "Zwei-Faktor-Anmeldung ausgeschaltet" | "A désactivé la connexion à deux facteurs",
        RecoveryCodeUse: "Signed in with a recovery code" | "Mit Wiederherstellungscode angemeldet" | "S’est connecté avec un code de récupération",
        AccessTokenCreate: "Generated an access token" | "Zugriffstoken erstellt" | "A généré un jeton d’accès",
        AccessTokenRevoke: "Revoked an access token" | "Zugriffstoken widerrufen" | "A révoqué un jeton d’accès",
        WebhookCreate: "Added a webhook endpoint" | "Webhook-Endpunkt hinzugefügt" | "A ajouté un point de terminaison webhook",
        WebhookUpdate: "Changed a webhook endpoint" | "Webhook-Endpunkt geändert" | "A modifié un point de terminaison webhook",
        WebhookDestroy: "Deleted a webhook endpoint" | "Webhook-Endpunkt gelöscht" | "A supprimé un point de terminaison webhook",
        UsageAlert: "Traffic reached a usage alert threshold" | "Traffic hat eine Warnschwelle erreicht" | "Le trafic a atteint un seuil d’alerte",
        SsoUpdate: "Changed SSO & Provisioning:" | "SSO & Bereitstellung geändert:" | "A modifié SSO et provisionnement :",
        SsoDomainCreate: "Added the domain" | "Domain hinzugefügt" | "A ajouté le domaine",
        SsoDomainVerify: "Verified the domain" | "Domain verifiziert" | "A vérifié le domaine",
        SsoDomainDestroy: "Removed the domain" | "Domain entfernt" | "A retiré le domaine",
        SsoDomainLost: "The domain's TXT record is gone; it is no longer verified:" | "Der TXT-Eintrag der Domain ist verschwunden; sie ist nicht mehr verifiziert:" | "L’enregistrement TXT du domaine a disparu ; il n’est plus vérifié :",
        ScimTokenCreate: "Generated the SCIM token" | "SCIM-Token erzeugt" | "A généré le jeton SCIM",
        ScimTokenRevoke: "Revoked the SCIM token" | "SCIM-Token widerrufen" | "A révoqué le jeton SCIM",
        OrgUserScimJoin: "Provisioned by the identity provider:" | "Vom Identitätsanbieter bereitgestellt:" | "Provisionné par le fournisseur d’identité :",
        OrgUserScimSuspend: "Suspended by the identity provider:" | "Vom Identitätsanbieter gesperrt:" | "Suspendu par le fournisseur d’identité :",
        OrgUserScimReactivate: "Reactivated by the identity provider:" | "Vom Identitätsanbieter reaktiviert:" | "Réactivé par le fournisseur d’identité :",
        OrgUserScimRemove: "Removed by the identity provider:" | "Vom Identitätsanbieter entfernt:" | "Retiré par le fournisseur d’identité :",
    }
}

crate::catalog! {
    /// Region names: one per [`crate::Region`], by its code.
    pub struct RegionNames {
        EU: "Europe" | "Europa" | "Europe",
        US: "United States" | "Vereinigte Staaten" | "États-Unis",
        CA: "Canada" | "Kanada" | "Canada",
        AP: "Asia Pacific" | "Asien-Pazifik" | "Asie-Pacifique",
        CN: "China" | "China" | "Chine",
    }
}

crate::catalog! {
    /// Regions Access's rules.
    pub struct RegionTexts {
        /// {0}: the space, {1}: its region, {2}: the allowed regions' codes.
        not_allowed: "“{0}” is in region {1}, and your organization takes spaces only from {2}." | "„{0}“ liegt in der Region {1}, und Ihre Organisation nimmt nur Spaces aus {2} auf." | "« {0} » est dans la région {1}, et votre organisation n’accepte que des espaces de {2}.",
        owners_choose: "Only owners change the regions spaces may be in." | "Nur Eigentümer ändern, in welchen Regionen Spaces liegen dürfen." | "Seuls les propriétaires modifient les régions autorisées pour les espaces.",
    }
}

pub fn regions(lang: crate::Lang) -> &'static RegionTexts {
    RegionTexts::of(lang)
}

crate::catalog! {
    /// Country names for the billing form: one per entry of [`crate::COUNTRIES`].
    pub struct CountryNames {
        AT: "Austria" | "Österreich" | "Autriche",
        AU: "Australia" | "Australien" | "Australie",
        BE: "Belgium" | "Belgien" | "Belgique",
        CA: "Canada" | "Kanada" | "Canada",
        CH: "Switzerland" | "Schweiz" | "Suisse",
        DE: "Germany" | "Deutschland" | "Allemagne",
        DK: "Denmark" | "Dänemark" | "Danemark",
        ES: "Spain" | "Spanien" | "Espagne",
        FR: "France" | "Frankreich" | "France",
        GB: "United Kingdom" | "Vereinigtes Königreich" | "Royaume-Uni",
        IE: "Ireland" | "Irland" | "Irlande",
        IT: "Italy" | "Italien" | "Italie",
        JP: "Japan" | "Japan" | "Japon",
        NL: "Netherlands" | "Niederlande" | "Pays-Bas",
        PL: "Poland" | "Polen" | "Pologne",
        SE: "Sweden" | "Schweden" | "Suède",
        US: "United States" | "Vereinigte Staaten" | "États-Unis",
    }
}

crate::catalog! {
    /// Access tokens and webhooks: their rules and the server's refusals.
    pub struct IntegrationTexts {
        scope_read: "Read the organization, users, spaces, activities and statistics" | "Organisation, Benutzer, Spaces, Aktivitäten und Statistiken lesen" | "Lire l’organisation, les utilisateurs, les espaces, les activités et les statistiques",
        scope_users: "Manage users and invitations" | "Benutzer und Einladungen verwalten" | "Gérer les utilisateurs et les invitations",
        scope_spaces: "Manage spaces and collaborators" | "Spaces und Mitwirkende verwalten" | "Gérer les espaces et les collaborateurs",
        scope_settings: "Manage name, branding and embedding" | "Name, Branding und Einbettung verwalten" | "Gérer le nom, l’image de marque et l’intégration",
        enter_token_name: "Name the token after what will use it." | "Benennen Sie das Token nach dem, was es verwenden wird." | "Nommez le jeton d’après ce qui l’utilisera.",
        token_name_too_long: "A token name is one line of at most {0} characters." | "Ein Tokenname ist eine Zeile mit höchstens {0} Zeichen." | "Un nom de jeton tient sur une ligne d’au plus {0} caractères.",
        pick_expiry: "Choose 30, 90 or 365 days, or no expiry." | "Wählen Sie 30, 90 oder 365 Tage oder kein Ablaufdatum." | "Choisissez 30, 90 ou 365 jours, ou aucune expiration.",
        expiry_capped: "Your organization lets tokens last at most {0} days." | "Ihre Organisation erlaubt Tokens höchstens {0} Tage." | "Votre organisation limite la durée des jetons à {0} jours.",
        pick_scope: "Choose at least one scope." | "Wählen Sie mindestens einen Bereich." | "Choisissez au moins une portée.",
        enter_current_password: "Enter your current password to make a token." | "Geben Sie Ihr aktuelles Passwort ein, um ein Token zu erstellen." | "Saisissez votre mot de passe actuel pour créer un jeton.",
        wrong_current_password: "That is not your current password." | "Das ist nicht Ihr aktuelles Passwort." | "Ce n’est pas votre mot de passe actuel.",
        missing_scope: "This token lacks the “{0}” scope." | "Diesem Token fehlt der Bereich „{0}“." | "Ce jeton n’a pas la portée « {0} ».",
        not_by_token: "This cannot be done with an access token; sign in to do it." | "Das geht nicht mit einem Zugriffstoken; melden Sie sich dafür an." | "Ceci ne peut pas se faire avec un jeton d’accès ; connectez-vous pour le faire.",
        security_not_by_token: "Security & Access settings cannot be changed with an access token." | "Einstellungen unter Sicherheit & Zugriff lassen sich nicht mit einem Zugriffstoken ändern." | "Les réglages Sécurité et accès ne peuvent pas être modifiés avec un jeton d’accès.",
        enter_webhook_url: "Enter the address deliveries are posted to." | "Geben Sie die Adresse ein, an die Zustellungen gesendet werden." | "Saisissez l’adresse à laquelle les envois sont postés.",
        webhook_url_too_long: "An endpoint address has at most {0} characters." | "Eine Endpunktadresse hat höchstens {0} Zeichen." | "Une adresse de point de terminaison comporte au plus {0} caractères.",
        webhook_url_https: "“{0}” is not an https:// address." | "„{0}“ ist keine https://-Adresse." | "« {0} » n’est pas une adresse https://.",
        webhook_description_too_long: "A description is one line of at most {0} characters." | "Eine Beschreibung ist eine Zeile mit höchstens {0} Zeichen." | "Une description tient sur une ligne d’au plus {0} caractères.",
        pick_event: "Choose at least one kind of activity, or all activities." | "Wählen Sie mindestens eine Art von Aktivität oder alle Aktivitäten." | "Choisissez au moins un type d’activité, ou toutes les activités.",
        too_many_endpoints: "An organization has at most {0} webhook endpoints." | "Eine Organisation hat höchstens {0} Webhook-Endpunkte." | "Une organisation a au plus {0} points de terminaison webhook.",
        private_address: "{0} resolves to a private, loopback or link-local address, which webhooks never call." | "{0} verweist auf eine private, Loopback- oder Link-Local-Adresse, die Webhooks nie aufrufen." | "{0} pointe vers une adresse privée, de bouclage ou lien-local, que les webhooks n’appellent jamais.",
    }
}

crate::catalog! {
    /// SSO & Provisioning's rules.
    pub struct SsoTexts {
        enter_domain: "Enter a domain, such as example.com." | "Geben Sie eine Domain ein, etwa example.com." | "Saisissez un domaine, par exemple example.com.",
        too_many_domains: "An organization lists at most {0} domains." | "Eine Organisation führt höchstens {0} Domains." | "Une organisation liste au plus {0} domaines.",
        domain_listed: "{0} is already listed." | "{0} ist bereits aufgeführt." | "{0} figure déjà dans la liste.",
        domain_taken: "{0} is verified by another organization; it can be verified by one at a time." | "{0} ist von einer anderen Organisation verifiziert; eine Domain kann nur von einer zugleich verifiziert sein." | "{0} est vérifié par une autre organisation ; un domaine n’est vérifié que par une seule à la fois.",
        record_missing: "No TXT record was found at {0}. Publish it, wait for DNS to update, then verify again." | "Unter {0} wurde kein TXT-Eintrag gefunden. Veröffentlichen Sie ihn, warten Sie auf die DNS-Aktualisierung und verifizieren Sie erneut." | "Aucun enregistrement TXT n’a été trouvé à {0}. Publiez-le, attendez la mise à jour du DNS, puis vérifiez à nouveau.",
        record_differs: "The TXT records at {0} are {1}; none is the value shown here." | "Die TXT-Einträge unter {0} sind {1}; keiner hat den hier gezeigten Wert." | "Les enregistrements TXT à {0} sont {1} ; aucun n’a la valeur affichée ici.",
        dns_unreachable: "DNS could not be asked about {0} just now ({1}). Try again in a moment." | "DNS konnte gerade nicht nach {0} gefragt werden ({1}). Versuchen Sie es gleich noch einmal." | "Le DNS n’a pas pu être interrogé sur {0} pour l’instant ({1}). Réessayez dans un instant.",
        enter_identifier: "Enter an SSO identifier." | "Geben Sie eine SSO-Kennung ein." | "Saisissez un identifiant SSO.",
        identifier_shape: "An SSO identifier is {0} to {1} lowercase letters, digits and hyphens, not starting or ending with a hyphen." | "Eine SSO-Kennung besteht aus {0} bis {1} Kleinbuchstaben, Ziffern und Bindestrichen, ohne Bindestrich am Anfang oder Ende." | "Un identifiant SSO comporte de {0} à {1} lettres minuscules, chiffres et traits d’union, sans trait d’union au début ni à la fin.",
        identifier_taken: "“{0}” is another organization’s SSO identifier." | "„{0}“ ist die SSO-Kennung einer anderen Organisation." | "« {0} » est l’identifiant SSO d’une autre organisation.",
        require_sso_needs: "Save an identity provider and verify a domain first: until then nobody could sign in with SSO." | "Speichern Sie zuerst einen Identitätsanbieter und verifizieren Sie eine Domain: bis dahin könnte sich niemand mit SSO anmelden." | "Enregistrez d’abord un fournisseur d’identité et vérifiez un domaine : d’ici là, personne ne pourrait se connecter avec SSO.",
        sso_required: "Your organization signs you in with single sign-on: use “Sign in with SSO”." | "Ihre Organisation meldet Sie per Single Sign-on an: Verwenden Sie „Mit SSO anmelden“." | "Votre organisation vous connecte par authentification unique : utilisez « Se connecter avec SSO ».",
        default_role_not_owner: "Single sign-on brings people in as members or admins, never as owners." | "Single Sign-on nimmt Personen als Mitglieder oder Admins auf, nie als Eigentümer." | "L’authentification unique fait entrer les personnes comme membres ou administrateurs, jamais comme propriétaires.",
        enter_issuer: "Enter the issuer URL of your identity provider." | "Geben Sie die Issuer-URL Ihres Identitätsanbieters ein." | "Saisissez l’URL de l’émetteur de votre fournisseur d’identité.",
        issuer_https: "“{0}” must be an https:// address (http:// only on this machine: localhost or 127.0.0.1), without ? or #." | "„{0}“ muss eine https://-Adresse sein (http:// nur auf diesem Rechner: localhost oder 127.0.0.1), ohne ? oder #." | "« {0} » doit être une adresse https:// (http:// seulement sur cette machine : localhost ou 127.0.0.1), sans ? ni #.",
        enter_client_id: "Enter the client ID your identity provider gave this app." | "Geben Sie die Client-ID ein, die Ihr Identitätsanbieter dieser App gegeben hat." | "Saisissez l’identifiant client que votre fournisseur d’identité a donné à cette application.",
        client_id_too_long: "A client ID is one line of at most {0} characters." | "Eine Client-ID ist eine Zeile mit höchstens {0} Zeichen." | "Un identifiant client tient sur une ligne d’au plus {0} caractères.",
        enter_client_secret: "Enter the client secret your identity provider gave this app." | "Geben Sie das Client-Geheimnis ein, das Ihr Identitätsanbieter dieser App gegeben hat." | "Saisissez le secret client que votre fournisseur d’identité a donné à cette application.",
        client_secret_too_long: "A client secret has at most {0} characters." | "Ein Client-Geheimnis hat höchstens {0} Zeichen." | "Un secret client comporte au plus {0} caractères.",
        issuer_unreachable: "The identity provider at {0} did not describe itself ({1})." | "Der Identitätsanbieter unter {0} hat sich nicht beschrieben ({1})." | "Le fournisseur d’identité à {0} ne s’est pas décrit ({1}).",
        enter_email_or_identifier: "Enter your work email address or your organization’s SSO identifier." | "Geben Sie Ihre geschäftliche E-Mail-Adresse oder die SSO-Kennung Ihrer Organisation ein." | "Saisissez votre adresse e-mail professionnelle ou l’identifiant SSO de votre organisation.",
        no_sso_here: "No organization signs in with single sign-on for “{0}”." | "Für „{0}“ meldet sich keine Organisation mit Single Sign-on an." | "Aucune organisation ne se connecte par authentification unique pour « {0} ».",
        failed_expired: "This single sign-on attempt expired or was already used. Start again." | "Dieser Single-Sign-on-Versuch ist abgelaufen oder wurde schon verwendet. Beginnen Sie erneut." | "Cette tentative d’authentification unique a expiré ou a déjà servi. Recommencez.",
        failed_refused: "Your identity provider did not sign you in." | "Ihr Identitätsanbieter hat Sie nicht angemeldet." | "Votre fournisseur d’identité ne vous a pas connecté.",
        failed_provider: "Your identity provider could not be reached, or what it answered could not be verified. Try again, or ask your administrator." | "Ihr Identitätsanbieter war nicht erreichbar, oder seine Antwort ließ sich nicht prüfen. Versuchen Sie es erneut oder fragen Sie Ihre Administration." | "Votre fournisseur d’identité était injoignable, ou sa réponse n’a pas pu être vérifiée. Réessayez, ou demandez à votre administrateur.",
        failed_unverified_email: "Your identity provider has not verified your email address." | "Ihr Identitätsanbieter hat Ihre E-Mail-Adresse nicht verifiziert." | "Votre fournisseur d’identité n’a pas vérifié votre adresse e-mail.",
        failed_domain: "Your email address is not at a domain your organization verified, so it cannot sign in with single sign-on." | "Ihre E-Mail-Adresse liegt an keiner Domain, die Ihre Organisation verifiziert hat, und kann sich daher nicht per Single Sign-on anmelden." | "Votre adresse e-mail n’appartient pas à un domaine vérifié par votre organisation : elle ne peut pas se connecter par authentification unique.",
        failed_other_organization: "Your account belongs to another organization." | "Ihr Konto gehört zu einer anderen Organisation." | "Votre compte appartient à une autre organisation.",
        failed_disabled: "Your account is disabled." | "Ihr Konto ist deaktiviert." | "Votre compte est désactivé.",
        enter_saml_entity_id: "Enter your identity provider’s entity ID (its issuer), or paste its metadata." | "Geben Sie die Entity-ID (den Issuer) Ihres Identitätsanbieters ein, oder fügen Sie seine Metadaten ein." | "Saisissez l’ID d’entité (l’émetteur) de votre fournisseur d’identité, ou collez ses métadonnées.",
        saml_entity_id_too_long: "An entity ID is one line of at most {0} characters." | "Eine Entity-ID ist eine Zeile mit höchstens {0} Zeichen." | "Un ID d’entité tient sur une ligne d’au plus {0} caractères.",
        enter_saml_sso_url: "Enter the single sign-on URL of your identity provider." | "Geben Sie die Single-Sign-on-URL Ihres Identitätsanbieters ein." | "Saisissez l’URL d’authentification unique de votre fournisseur d’identité.",
        saml_sso_url_https: "“{0}” must be an https:// address (http:// only on this machine: localhost or 127.0.0.1), without #." | "„{0}“ muss eine https://-Adresse sein (http:// nur auf diesem Rechner: localhost oder 127.0.0.1), ohne #." | "« {0} » doit être une adresse https:// (http:// seulement sur cette machine : localhost ou 127.0.0.1), sans #.",
        enter_saml_certificate: "Paste the identity provider’s signing certificate (PEM, from -----BEGIN CERTIFICATE-----)." | "Fügen Sie das Signaturzertifikat des Identitätsanbieters ein (PEM, ab -----BEGIN CERTIFICATE-----)." | "Collez le certificat de signature du fournisseur d’identité (PEM, à partir de -----BEGIN CERTIFICATE-----).",
        saml_certificate_unreadable: "This is not an X.509 certificate in PEM or base64 ({0})." | "Dies ist kein X.509-Zertifikat in PEM oder Base64 ({0})." | "Ce n’est pas un certificat X.509 en PEM ou en base64 ({0}).",
        saml_metadata_too_long: "Metadata has at most {0} characters; paste the identity provider’s own entity, not a federation’s." | "Metadaten haben höchstens {0} Zeichen; fügen Sie die Entität des Identitätsanbieters ein, nicht die einer Föderation." | "Les métadonnées comportent au plus {0} caractères ; collez l’entité du fournisseur d’identité, pas celle d’une fédération.",
        saml_metadata_unreadable: "This metadata could not be read: {0}." | "Diese Metadaten konnten nicht gelesen werden: {0}." | "Ces métadonnées n’ont pas pu être lues : {0}.",
    }
}

crate::catalog! {
    /// SCIM provisioning's refusals, in the SCIM error's `detail` (server only: the app never
    /// shows them, so they stay out of its code).
    pub struct ScimTexts {
        outside_domains: "{0} is not at a domain this organization verified; provisioning only brings in addresses at its verified domains." | "{0} liegt an keiner Domain, die diese Organisation verifiziert hat; die Bereitstellung nimmt nur Adressen an ihren verifizierten Domains auf." | "{0} n’appartient à aucun domaine vérifié par cette organisation ; le provisionnement n’accepte que les adresses de ses domaines vérifiés.",
        enter_user_name: "userName is required." | "userName ist erforderlich." | "userName est obligatoire.",
        enter_email: "An email address is required: a primary entry of emails, or a userName that is an address." | "Eine E-Mail-Adresse ist erforderlich: ein primärer Eintrag in emails oder ein userName, der eine Adresse ist." | "Une adresse e-mail est obligatoire : une entrée principale de emails, ou un userName qui est une adresse.",
        user_name_taken: "Someone in this organization already has the userName “{0}”." | "Jemand in dieser Organisation hat bereits den userName „{0}“." | "Quelqu’un dans cette organisation a déjà le userName « {0} ».",
        email_taken: "{0} is already someone’s address." | "{0} ist bereits die Adresse einer anderen Person." | "{0} est déjà l’adresse de quelqu’un.",
        other_organization: "{0} belongs to another organization." | "{0} gehört zu einer anderen Organisation." | "{0} appartient à une autre organisation.",
        owner_kept: "Owners are managed in the console: provisioning can change their name, not their address, their access or their membership." | "Eigentümer werden in der Konsole verwaltet: Die Bereitstellung kann ihren Namen ändern, nicht ihre Adresse, ihren Zugang oder ihre Mitgliedschaft." | "Les propriétaires se gèrent dans la console : le provisionnement peut changer leur nom, pas leur adresse, leur accès ni leur appartenance.",
        too_long: "{0} has at most {1} characters." | "{0} hat höchstens {1} Zeichen." | "{0} comporte au plus {1} caractères.",
        enter_display_name: "displayName is required." | "displayName ist erforderlich." | "displayName est obligatoire.",
        group_name_taken: "This organization already has a group “{0}”." | "Diese Organisation hat bereits eine Gruppe „{0}“." | "Cette organisation a déjà un groupe « {0} ».",
        no_such_member: "{0} is not a user of this organization." | "{0} ist kein Benutzer dieser Organisation." | "{0} n’est pas un utilisateur de cette organisation.",
        group_never_owner: "A group gives the role of member or admin, never owner." | "Eine Gruppe vergibt die Rolle Mitglied oder Admin, nie Eigentümer." | "Un groupe donne le rôle de membre ou d’administrateur, jamais de propriétaire.",
    }
}

pub fn auth(lang: crate::Lang) -> &'static AuthTexts {
    AuthTexts::of(lang)
}

pub fn settings(lang: crate::Lang) -> &'static SettingsTexts {
    SettingsTexts::of(lang)
}

pub fn billing(lang: crate::Lang) -> &'static BillingTexts {
    BillingTexts::of(lang)
}

pub fn integrations(lang: crate::Lang) -> &'static IntegrationTexts {
    IntegrationTexts::of(lang)
}

pub fn sso(lang: crate::Lang) -> &'static SsoTexts {
    SsoTexts::of(lang)
}

pub fn scim(lang: crate::Lang) -> &'static ScimTexts {
    ScimTexts::of(lang)
}

pub fn names(lang: crate::Lang) -> &'static NameTexts {
    NameTexts::of(lang)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::blanks_disagree;

    #[test]
    fn every_language_keeps_every_blank() {
        assert_eq!(blanks_disagree(AuthTexts::each()), Vec::<&str>::new());
        assert_eq!(blanks_disagree(ScimTexts::each()), Vec::<&str>::new());
        assert_eq!(blanks_disagree(SettingsTexts::each()), Vec::<&str>::new());
        assert_eq!(blanks_disagree(BillingTexts::each()), Vec::<&str>::new());
        assert_eq!(blanks_disagree(NameTexts::each()), Vec::<&str>::new());
        assert_eq!(blanks_disagree(ActivityWords::each()), Vec::<&str>::new());
        assert_eq!(blanks_disagree(IntegrationTexts::each()), Vec::<&str>::new());
        assert_eq!(blanks_disagree(TrackableNames::each()), Vec::<&str>::new());
        assert_eq!(blanks_disagree(RegionTexts::each()), Vec::<&str>::new());
        assert_eq!(blanks_disagree(CountryNames::each()), Vec::<&str>::new());
        assert_eq!(blanks_disagree(SsoTexts::each()), Vec::<&str>::new());
    }
}

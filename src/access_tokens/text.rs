//! The access tokens' texts.

crate::i18n::texts! {
    title: "Access tokens" | "Zugriffstokens" | "Jetons d’accès",
    intro: "For scripts, CI and Storyblok's clients using the Management API. A token acts as you, with the role you have, within the scopes you choose; it never reaches the subscription, billing, security settings or your account." | "Für Skripte, CI und die Clients von Storyblok, die die Management API verwenden. Ein Token handelt als Sie, mit Ihrer Rolle, innerhalb der gewählten Bereiche; Abonnement, Abrechnung, Sicherheitseinstellungen und Ihr Konto erreicht es nie." | "Pour les scripts, la CI et les clients de Storyblok qui utilisent la Management API. Un jeton agit en votre nom, avec votre rôle, dans les portées choisies ; il n’atteint jamais l’abonnement, la facturation, les réglages de sécurité ni votre compte.",
    org_title: "Access tokens in the organization" | "Zugriffstokens der Organisation" | "Jetons d’accès de l’organisation",
    org_intro: "Every live token of every person here. Revoke any that should not be working; a token also stops when its person leaves or gets a lesser role." | "Alle gültigen Tokens aller Personen hier. Widerrufen Sie jedes, das nicht mehr arbeiten soll; ein Token endet auch, wenn seine Person geht oder eine geringere Rolle erhält." | "Tous les jetons valides de chaque personne ici. Révoquez ceux qui ne doivent plus fonctionner ; un jeton cesse aussi quand sa personne part ou reçoit un rôle inférieur.",
    loading: "Loading tokens…" | "Tokens werden geladen…" | "Chargement des jetons…",
    none: "No tokens yet." | "Noch keine Tokens." | "Aucun jeton pour l’instant.",
    /// {0}: the token's name.
    revoke_named: "Revoke {0}" | "{0} widerrufen" | "Révoquer {0}",
    revoke: "Revoke" | "Widerrufen" | "Révoquer",
    /// {0}: the token's name.
    revoked: "{0} was revoked; it opens nothing from now on." | "{0} wurde widerrufen und öffnet ab jetzt nichts mehr." | "{0} a été révoqué ; il n’ouvre plus rien désormais.",
    /// {0}: when.
    created_at: "Made {0}" | "Erstellt {0}" | "Créé le {0}",
    /// {0}: when.
    expires_at: "expires {0}" | "läuft ab {0}" | "expire le {0}",
    never_expires: "does not expire" | "läuft nicht ab" | "n’expire pas",
    /// {0}: when, {1}: the address.
    last_used: "last used {0} from {1}" | "zuletzt verwendet {0} von {1}" | "dernière utilisation le {0} depuis {1}",
    never_used: "never used" | "nie verwendet" | "jamais utilisé",
    /// {0}: the person.
    owned_by: "of {0}" | "von {0}" | "de {0}",
    generate_title: "Generate a token" | "Token erstellen" | "Générer un jeton",
    name: "Token name" | "Tokenname" | "Nom du jeton",
    name_hint: "What will use it, such as “CI deploy”." | "Was es verwenden wird, etwa „CI-Deployment“." | "Ce qui l’utilisera, par exemple « Déploiement CI ».",
    expiry: "Expires after" | "Läuft ab nach" | "Expire après",
    /// {0}: how many days.
    days: "{0} days" | "{0} Tagen" | "{0} jours",
    no_expiry: "No expiry" | "Kein Ablauf" | "Aucune expiration",
    scopes: "Scopes" | "Bereiche" | "Portées",
    current_password: "Your password, to make the token" | "Ihr Passwort, um das Token zu erstellen" | "Votre mot de passe, pour créer le jeton",
    generate: "Generate token" | "Token erstellen" | "Générer le jeton",
    made: "Copy this token now: it is shown only once." | "Kopieren Sie dieses Token jetzt: Es wird nur einmal angezeigt." | "Copiez ce jeton maintenant : il n’est affiché qu’une fois.",
    /// {0}: the token's name.
    new_token: "The new token {0}" | "Das neue Token {0}" | "Le nouveau jeton {0}",
    done: "I have copied it" | "Ich habe es kopiert" | "Je l’ai copié",
}

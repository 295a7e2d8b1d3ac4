//! "Sign in with SSO"'s texts (in its own chunk, with the page).

crate::i18n::texts! {
    title: "Sign in with SSO" | "Mit SSO anmelden" | "Se connecter avec SSO",
    intro: "Your organization signs you in through its identity provider. Enter your work email address, or your organization’s SSO identifier." | "Ihre Organisation meldet Sie über ihren Identitätsanbieter an. Geben Sie Ihre geschäftliche E-Mail-Adresse oder die SSO-Kennung Ihrer Organisation ein." | "Votre organisation vous connecte via son fournisseur d’identité. Saisissez votre adresse e-mail professionnelle, ou l’identifiant SSO de votre organisation.",
    email_or_identifier: "Email or SSO identifier" | "E-Mail oder SSO-Kennung" | "E-mail ou identifiant SSO",
    continue_to_provider: "Continue" | "Weiter" | "Continuer",
    redirecting: "Going to your identity provider…" | "Weiter zu Ihrem Identitätsanbieter…" | "Vers votre fournisseur d’identité…",
    signing_in: "Signing you in…" | "Sie werden angemeldet…" | "Connexion en cours…",
    use_password: "Sign in with a password instead" | "Stattdessen mit Passwort anmelden" | "Se connecter plutôt avec un mot de passe",
}

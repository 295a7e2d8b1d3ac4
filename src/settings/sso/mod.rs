//! Settings → SSO & Provisioning: the SSO identifier people type at "Sign in with SSO" and the role
//! newcomers get, the identity provider they sign in through (OpenID Connect or SAML 2.0), and the domains the
//! organization proves with a DNS TXT record (only addresses at a verified domain may come in
//! through an identity provider), and SCIM provisioning's URL and token. Owners and admins; the
//! server refuses everyone else.

mod api;
mod domain_card;
mod domain_form;
mod group_roles;
mod oidc_form;
mod page;
mod provider_actions;
mod provisioning_card;
mod saml_form;
mod sign_in_form;
mod test_connection;
mod text;

pub use page::SsoPage;

//! SSO & Provisioning: the organization's SSO identifier and its verified domains (docs/sso.md).
//! A domain is proven by a DNS TXT record the organization publishes; only addresses at a
//! verified domain may ever come in through single sign-on or provisioning. The rules on what a
//! request may hold live here, so the app says them at the field and the server refuses the same.

use serde::{Deserialize, Serialize};

use crate::text::sso;
use crate::{fill, Lang, OrgRole, SamlConnection, SamlServiceProvider};

/// The label under a domain where its TXT record is published: `_org-area-challenge.example.com`.
pub const DOMAIN_CHALLENGE_LABEL: &str = "_org-area-challenge";
/// What the record's value starts with, so it is recognisable among a domain's other TXT records.
pub const DOMAIN_CHALLENGE_PREFIX: &str = "org-area-domain-verification=";
/// The most domains an organization lists.
pub const MAX_SSO_DOMAINS: usize = 20;
/// The shortest and longest SSO identifier.
pub const MIN_IDENTIFIER_CHARS: usize = 2;
pub const MAX_IDENTIFIER_CHARS: usize = 48;

/// Where a listed domain stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum DomainStatus {
    /// Listed; its record has not been found yet.
    Pending,
    /// Its record was found, and still is at each daily re-check.
    Verified,
    /// It was verified, but a daily re-check no longer found its record: it counts for nothing
    /// until it is verified again.
    Lost,
}

/// One domain of the organization, with the TXT record that proves it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SsoDomain {
    pub id: i64,
    /// Lowercase, without a trailing dot.
    pub domain: String,
    /// The name to publish the TXT record at.
    pub record_name: String,
    /// The TXT record's value.
    pub record_value: String,
    pub status: DomainStatus,
    /// RFC 3339, UTC.
    pub created_at: String,
    pub verified_at: Option<String>,
    /// When the record was last looked up, by "Verify" or the daily re-check.
    pub checked_at: Option<String>,
    /// When a re-check found the record gone.
    pub lost_at: Option<String>,
}

/// `GET /api/v1/orgs/me/sso`: the tab "SSO & Provisioning".
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SsoSettings {
    /// What people type at "Sign in with SSO" to reach this organization; the slug unless
    /// changed.
    pub identifier: String,
    /// The role people get when single sign-on brings them in for the first time: `member` or
    /// `admin`.
    pub default_role: OrgRole,
    pub domains: Vec<SsoDomain>,
    /// The OpenID Connect provider people sign in through, if one is set.
    pub oidc: Option<OidcConnection>,
    /// Where the identity provider sends people back: register it there.
    pub redirect_uri: String,
    /// The SAML 2.0 identity provider people sign in through, if one is set (an organization has
    /// one provider: OpenID Connect or SAML).
    pub saml: Option<SamlConnection>,
    /// What a SAML identity provider is told about us: our entity ID, where it posts its
    /// answers, and our metadata, which holds both.
    pub saml_service_provider: SamlServiceProvider,
    /// Password sign-in and reset are refused for addresses at the verified domains; owners keep
    /// their password.
    pub require_sso: bool,
    /// The SCIM 2.0 base URL to give the identity provider.
    pub scim_url: String,
    /// The SCIM token, if one was generated (never the token itself).
    pub scim_token: Option<ScimToken>,
    /// The groups the identity provider pushed, by name, with the role each gives.
    pub scim_groups: Vec<ScimGroup>,
}

/// A group the identity provider pushed through SCIM, as the tab shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ScimGroup {
    pub id: i64,
    pub display_name: String,
    /// How many people of the organization are in it.
    pub members: i64,
    /// The organization role it gives its members (`admin` or `member`), or none: it only groups.
    pub org_role: Option<OrgRole>,
}

/// `PUT /api/v1/orgs/me/sso/groups/{id}`: the role a group gives its members. Owners keep theirs;
/// someone in several groups has the highest their groups give; someone who leaves the last group
/// that gives a role gets the default role.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ScimGroupChange {
    pub org_role: Option<OrgRole>,
}

/// The organization's SCIM token as the tab shows it: when it was made and last used.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ScimToken {
    pub created_at: String,
    pub last_used_at: Option<String>,
}

/// `POST /api/v1/orgs/me/sso/scim-token`: the new token, shown this once. Any token before it
/// stops working.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewScimToken {
    pub token: String,
    pub created_at: String,
}

/// `PUT /api/v1/orgs/me/sso`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SsoChange {
    pub identifier: String,
    pub default_role: OrgRole,
    /// Needs an identity provider and a verified domain.
    pub require_sso: bool,
}

/// The organization's OpenID Connect provider, never its client secret.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OidcConnection {
    pub issuer: String,
    pub client_id: String,
    /// RFC 3339, UTC.
    pub updated_at: String,
}

/// `PUT /api/v1/orgs/me/sso/oidc`: the provider, checked by its discovery document before it is
/// kept.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OidcChange {
    /// `https://`, or `http://` for this machine alone (`localhost`, `127.0.0.1`, `[::1]`).
    pub issuer: String,
    pub client_id: String,
    /// None keeps the secret already kept (a change of the issuer or client needs it again).
    #[serde(default)]
    pub client_secret: Option<String>,
}

/// `POST /api/v1/auth/sso`: where "Sign in with SSO" starts.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SsoStart {
    /// An email address at a verified domain, or an organization's SSO identifier.
    pub email_or_identifier: String,
}

/// Where to send the browser: the identity provider's sign-in page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SsoRedirect {
    pub redirect_url: String,
}

/// What "Test connection" saw come back from the identity provider (`GET
/// /api/v1/orgs/me/sso/test/{code}`, for the one who tested, ten minutes). Nobody is signed in
/// by a test.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SsoTestResult {
    /// `OpenID Connect` or `SAML 2.0`.
    pub protocol: String,
    /// The provider's issuer URL or entity ID.
    pub issuer: String,
    /// Why the answer was not believed (or the provider said no); nothing below is then known.
    pub problem: Option<String>,
    /// The provider's subject (`sub`, or the SAML NameID).
    pub subject: Option<String>,
    pub email: Option<String>,
    /// Whether the provider verified the address (SAML providers vouch for what they assert).
    pub email_verified: bool,
    pub given_name: Option<String>,
    pub family_name: Option<String>,
    /// The groups the provider sent (a `groups` claim or attribute), in its order.
    pub groups: Vec<String>,
    /// Whether the address is at a domain the organization verified now: only then would the
    /// person come in.
    pub domain_verified: bool,
    /// RFC 3339, UTC.
    pub tested_at: String,
}

/// The app's page a test's window lands on, with `#sso_test=CODE` or `#error=REASON`.
pub const SSO_TEST_LANDING: &str = "/settings/sso";

/// `POST /api/v1/auth/sso/exchange`: the one-time code the identity provider's return brought.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SsoExchange {
    pub handoff: String,
}

/// Why single sign-on sent someone back to the sign-in page without signing them in: the
/// `error` of `/sign-in/sso?error=…`, which the app puts in its own words (a code, so nobody
/// can put words of their own on our page through a link).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum SsoFailure {
    /// The attempt is unknown, used or older than ten minutes.
    Expired,
    /// The identity provider said no (the person cancelled, or it refused).
    Refused,
    /// The provider could not be reached, or what it answered did not verify.
    Provider,
    /// The provider has not verified the address.
    UnverifiedEmail,
    /// The address is not at a domain the organization verified.
    DomainNotVerified,
    /// The account is in another organization.
    OtherOrganization,
    /// The account is disabled.
    Disabled,
}

impl SsoFailure {
    pub const ALL: [SsoFailure; 7] = [
        SsoFailure::Expired,
        SsoFailure::Refused,
        SsoFailure::Provider,
        SsoFailure::UnverifiedEmail,
        SsoFailure::DomainNotVerified,
        SsoFailure::OtherOrganization,
        SsoFailure::Disabled,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            SsoFailure::Expired => "expired",
            SsoFailure::Refused => "refused",
            SsoFailure::Provider => "provider",
            SsoFailure::UnverifiedEmail => "unverified_email",
            SsoFailure::DomainNotVerified => "domain_not_verified",
            SsoFailure::OtherOrganization => "other_organization",
            SsoFailure::Disabled => "disabled",
        }
    }

    pub fn parse(text: &str) -> Option<SsoFailure> {
        Self::ALL.into_iter().find(|f| f.as_str() == text)
    }

    /// What went wrong, in words of `lang`.
    pub fn describe_in(self, lang: Lang) -> &'static str {
        let texts = sso(lang);
        match self {
            SsoFailure::Expired => texts.failed_expired,
            SsoFailure::Refused => texts.failed_refused,
            SsoFailure::Provider => texts.failed_provider,
            SsoFailure::UnverifiedEmail => texts.failed_unverified_email,
            SsoFailure::DomainNotVerified => texts.failed_domain,
            SsoFailure::OtherOrganization => texts.failed_other_organization,
            SsoFailure::Disabled => texts.failed_disabled,
        }
    }
}

/// The longest client ID and client secret kept.
pub const MAX_CLIENT_ID_CHARS: usize = 255;
pub const MAX_CLIENT_SECRET_CHARS: usize = 1024;

/// The path of the redirect URI under the public address.
pub const OIDC_CALLBACK_PATH: &str = "/api/v1/sso/oidc/callback";
/// Where the SCIM 2.0 service lives, under the public URL.
pub const SCIM_PATH: &str = "/scim/v2";

/// Whether `host` is this machine, where an `http://` issuer is allowed (development, tests).
pub fn is_loopback_host(host: &str) -> bool {
    let host = host.trim_start_matches('[').trim_end_matches(']');
    host.eq_ignore_ascii_case("localhost") || host.parse::<std::net::IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

impl OidcChange {
    /// The first field that is wrong and why, in words of `lang`. `secret_kept`: a secret is
    /// kept already for this same issuer and client, so none needs to be given.
    pub fn problem(&self, secret_kept: bool, lang: Lang) -> Option<(&'static str, String)> {
        let texts = sso(lang);
        let issuer = self.issuer.trim();
        if issuer.is_empty() {
            return Some(("issuer", texts.enter_issuer.to_string()));
        }
        if !issuer_is_acceptable(issuer) {
            return Some(("issuer", fill(texts.issuer_https, &[&issuer])));
        }
        let client_id = self.client_id.trim();
        if client_id.is_empty() {
            return Some(("client_id", texts.enter_client_id.to_string()));
        }
        if client_id.chars().count() > MAX_CLIENT_ID_CHARS || client_id.chars().any(char::is_control) {
            return Some(("client_id", fill(texts.client_id_too_long, &[&MAX_CLIENT_ID_CHARS])));
        }
        match self.client_secret.as_deref().map(str::trim) {
            None | Some("") if !secret_kept => Some(("client_secret", texts.enter_client_secret.to_string())),
            Some(secret) if secret.chars().count() > MAX_CLIENT_SECRET_CHARS => Some((
                "client_secret",
                fill(texts.client_secret_too_long, &[&MAX_CLIENT_SECRET_CHARS]),
            )),
            _ => None,
        }
    }
}

/// An issuer URL: `https://` anywhere, `http://` on this machine only; no query or fragment
/// (discovery appends its path to it).
fn issuer_is_acceptable(issuer: &str) -> bool {
    !issuer.contains('?') && provider_url_is_acceptable(issuer)
}

/// An identity provider's address: `https://` anywhere, `http://` on this machine only; no
/// fragment.
pub(crate) fn provider_url_is_acceptable(url: &str) -> bool {
    let (scheme, rest) = match url.split_once("://") {
        Some(parts) => parts,
        None => return false,
    };
    if rest.is_empty() || rest.contains(['#', ' ']) {
        return false;
    }
    let authority = rest.split(['/', '?']).next().unwrap_or_default();
    // `[::1]:9000`, `127.0.0.1:9000`, `login.example.com`: the host without its port.
    let (host, port) = match authority.strip_prefix('[') {
        Some(bracketed) => match bracketed.split_once(']') {
            Some((host, after)) => (host, after.strip_prefix(':')),
            None => return false,
        },
        None => match authority.split_once(':') {
            Some((host, port)) => (host, Some(port)),
            None => (authority, None),
        },
    };
    if port.is_some_and(|port| port.parse::<u16>().is_err()) {
        return false;
    }
    if host.is_empty() {
        return false;
    }
    match scheme {
        "https" => true,
        "http" => is_loopback_host(host),
        _ => false,
    }
}

/// The default role single sign-on may give: not owner.
pub fn default_role_problem(role: OrgRole, lang: Lang) -> Option<String> {
    (role == OrgRole::Owner).then(|| sso(lang).default_role_not_owner.to_string())
}

/// `POST /api/v1/orgs/me/sso/domains`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewSsoDomain {
    pub domain: String,
}

/// The name a domain's record is published at.
pub fn challenge_name(domain: &str) -> String {
    format!("{DOMAIN_CHALLENGE_LABEL}.{domain}")
}

/// A domain as typed, the way it is kept (lowercase, without the root's dot), or what is wrong
/// with it in words of `lang`: the same rule as the settings' domain lists.
pub fn sso_domain(text: &str, lang: Lang) -> Result<String, String> {
    if text.trim().is_empty() {
        return Err(sso(lang).enter_domain.to_string());
    }
    crate::normalize_domain(text, lang)
}

/// What is wrong with an SSO identifier, in words of `lang`, or `None`: lowercase letters, digits
/// and hyphens, starting with a letter or digit, so it reads well in an address.
pub fn identifier_problem(identifier: &str, lang: Lang) -> Option<String> {
    let texts = sso(lang);
    let length = identifier.chars().count();
    if length == 0 {
        return Some(texts.enter_identifier.to_string());
    }
    let shaped = identifier
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !identifier.starts_with('-')
        && !identifier.ends_with('-');
    if !shaped || !(MIN_IDENTIFIER_CHARS..=MAX_IDENTIFIER_CHARS).contains(&length) {
        return Some(fill(
            texts.identifier_shape,
            &[&MIN_IDENTIFIER_CHARS, &MAX_IDENTIFIER_CHARS],
        ));
    }
    None
}

/// Whether an email address is at one of `domains` (exactly: a subdomain is a domain of its own,
/// verified on its own).
pub fn email_at(email: &str, domains: &[&str]) -> bool {
    email
        .rsplit_once('@')
        .is_some_and(|(_, at)| domains.iter().any(|d| at.eq_ignore_ascii_case(d)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn domains_are_kept_lowercase_without_the_root_dot() {
        assert_eq!(sso_domain("  Example.COM. ", Lang::En).as_deref(), Ok("example.com"));
        for good in [
            "example.com",
            "a.b.example.co.uk",
            "xn--bcher-kva.example",
            "1password.com",
        ] {
            assert_eq!(sso_domain(good, Lang::En).as_deref(), Ok(good), "{good}");
        }
        for bad in [
            "",
            "com",
            "example..com",
            "-a.com",
            "a-.com",
            "exa mple.com",
            "https://example.com",
            "10.0.0.1",
            "ex_ample.com",
        ] {
            assert!(sso_domain(bad, Lang::En).is_err(), "{bad}");
        }
        assert!(sso_domain(&format!("{}.com", "a.".repeat(130)), Lang::En).is_err());
    }

    #[test]
    fn identifiers_read_well_in_an_address() {
        for good in ["acme", "acme-eu", "a1"] {
            assert_eq!(identifier_problem(good, Lang::En), None, "{good}");
        }
        for bad in ["", "a", "Acme", "acme corp", "-acme", "acme-", "acmé", &"a".repeat(49)] {
            assert!(identifier_problem(bad, Lang::En).is_some(), "{bad}");
        }
    }

    #[test]
    fn issuers_are_https_or_this_machine() {
        let change = |issuer: &str| OidcChange {
            issuer: issuer.into(),
            client_id: "org-area".into(),
            client_secret: Some("s".into()),
        };
        for good in [
            "https://login.example.com",
            "https://example.okta.com/oauth2/default",
            "http://127.0.0.1:9000",
            "http://localhost:8080/realms/x",
            "http://[::1]:9000",
        ] {
            assert_eq!(change(good).problem(false, Lang::En), None, "{good}");
        }
        for bad in [
            "",
            "login.example.com",
            "http://login.example.com",
            "ftp://x.example",
            "https://x.example?a=1",
            "http://10.0.0.1",
            "https://",
        ] {
            assert_eq!(
                change(bad).problem(false, Lang::En).map(|p| p.0),
                Some("issuer"),
                "{bad}"
            );
        }
        let mut kept = change("https://login.example.com");
        kept.client_secret = None;
        assert_eq!(kept.problem(true, Lang::En), None);
        assert_eq!(kept.problem(false, Lang::En).map(|p| p.0), Some("client_secret"));
    }

    #[test]
    fn failures_round_trip_by_code() {
        for failure in SsoFailure::ALL {
            assert_eq!(SsoFailure::parse(failure.as_str()), Some(failure));
        }
        assert_eq!(SsoFailure::parse("<b>call us</b>"), None);
    }

    #[test]
    fn an_address_is_at_a_domain_only_exactly() {
        let domains = ["example.com"];
        assert!(email_at("ana@example.com", &domains));
        assert!(email_at("Ana@EXAMPLE.com", &domains));
        assert!(!email_at("ana@eu.example.com", &domains));
        assert!(!email_at("ana@example.com.evil.io", &domains));
        assert!(!email_at("example.com", &domains));
    }
}

//! SSO & Provisioning: the organization's SSO identifier and its verified domains (docs/sso.md).
//! A domain is proven by a DNS TXT record the organization publishes; only addresses at a
//! verified domain may ever come in through single sign-on or provisioning. The rules on what a
//! request may hold live here, so the app says them at the field and the server refuses the same.

use serde::{Deserialize, Serialize};

use crate::text::sso;
use crate::{fill, Lang};

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
    pub domains: Vec<SsoDomain>,
}

/// `PUT /api/v1/orgs/me/sso`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SsoChange {
    pub identifier: String,
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
    fn an_address_is_at_a_domain_only_exactly() {
        let domains = ["example.com"];
        assert!(email_at("ana@example.com", &domains));
        assert!(email_at("Ana@EXAMPLE.com", &domains));
        assert!(!email_at("ana@eu.example.com", &domains));
        assert!(!email_at("ana@example.com.evil.io", &domains));
        assert!(!email_at("example.com", &domains));
    }
}

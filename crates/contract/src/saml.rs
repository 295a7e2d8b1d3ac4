//! SAML 2.0 sign-in as the tab "SSO & Provisioning" sets it: the identity provider (its metadata
//! pasted, or its entity ID, sign-in URL and signing certificate typed) and what we tell it about
//! ourselves.

use serde::{Deserialize, Serialize};

use crate::sso::provider_url_is_acceptable;
use crate::text::sso;
use crate::{fill, Lang};

/// The longest metadata pasted: one identity provider's entity, with a few certificates.
pub const MAX_SAML_METADATA_CHARS: usize = 100_000;
/// The longest entity ID kept (the SAML schema allows 1024).
pub const MAX_SAML_ENTITY_ID_CHARS: usize = 1024;

/// Our metadata for the organization whose SSO identifier is `identifier`; its address is also
/// our entity ID.
pub fn saml_metadata_path(identifier: &str) -> String {
    format!("/api/v1/sso/{identifier}/saml/metadata")
}

/// Where the identity provider posts its answers (HTTP-POST binding).
pub fn saml_acs_path(identifier: &str) -> String {
    format!("/api/v1/sso/{identifier}/saml/acs")
}

/// What an identity provider is told about us to trust our requests and send its answers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SamlServiceProvider {
    /// Our entity ID (the audience its assertions must name): the metadata URL.
    pub entity_id: String,
    /// The Assertion Consumer Service URL.
    pub acs_url: String,
    /// Our metadata, for identity providers that read it.
    pub metadata_url: String,
}

/// One signing certificate of the identity provider, as the tab shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SamlCertificate {
    /// The subject's common name, or the whole subject when it has none.
    pub subject: String,
    /// SHA-256 of the certificate, hex pairs separated by colons.
    pub fingerprint: String,
    /// When it stops being valid (RFC 3339, UTC); answers signed after are refused.
    pub expires_at: String,
}

/// The organization's SAML 2.0 identity provider.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SamlConnection {
    /// Its entity ID: the issuer its answers must name.
    pub entity_id: String,
    /// Where sign-in requests go (HTTP-Redirect binding).
    pub sso_url: String,
    pub certificates: Vec<SamlCertificate>,
    /// RFC 3339, UTC.
    pub updated_at: String,
}

/// `PUT /api/v1/orgs/me/sso/saml`: the identity provider, from its metadata or from its three
/// values. It replaces an OpenID Connect provider.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SamlChange {
    /// The identity provider's metadata XML (an `EntityDescriptor`). When given, the fields
    /// below are read from it and what was typed in them is not used.
    #[serde(default)]
    pub metadata_xml: Option<String>,
    #[serde(default)]
    pub entity_id: String,
    /// `https://`, or `http://` on this machine alone.
    #[serde(default)]
    pub sso_url: String,
    /// PEM (`-----BEGIN CERTIFICATE-----`) or its base64 body.
    #[serde(default)]
    pub certificate: String,
}

impl SamlChange {
    /// The metadata pasted, if any.
    pub fn metadata(&self) -> Option<&str> {
        self.metadata_xml.as_deref().map(str::trim).filter(|m| !m.is_empty())
    }

    /// The first field that is wrong and why, in words of `lang`, before anything is parsed. The
    /// server reads the metadata and the certificate and may refuse them at their fields too.
    /// `certificates_kept`: certificates are kept for this same entity ID, so none needs to be
    /// given.
    pub fn problem(&self, certificates_kept: bool, lang: Lang) -> Option<(&'static str, String)> {
        let texts = sso(lang);
        if let Some(metadata) = self.metadata() {
            return (metadata.chars().count() > MAX_SAML_METADATA_CHARS).then(|| {
                (
                    "metadata_xml",
                    fill(texts.saml_metadata_too_long, &[&MAX_SAML_METADATA_CHARS]),
                )
            });
        }
        let entity_id = self.entity_id.trim();
        if entity_id.is_empty() {
            return Some(("entity_id", texts.enter_saml_entity_id.to_string()));
        }
        if entity_id.chars().count() > MAX_SAML_ENTITY_ID_CHARS || entity_id.chars().any(char::is_control) {
            return Some((
                "entity_id",
                fill(texts.saml_entity_id_too_long, &[&MAX_SAML_ENTITY_ID_CHARS]),
            ));
        }
        let sso_url = self.sso_url.trim();
        if sso_url.is_empty() {
            return Some(("sso_url", texts.enter_saml_sso_url.to_string()));
        }
        if !provider_url_is_acceptable(sso_url) {
            return Some(("sso_url", fill(texts.saml_sso_url_https, &[&sso_url])));
        }
        if self.certificate.trim().is_empty() && !certificates_kept {
            return Some(("certificate", texts.enter_saml_certificate.to_string()));
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(entity_id: &str, sso_url: &str, certificate: &str) -> SamlChange {
        SamlChange {
            metadata_xml: None,
            entity_id: entity_id.into(),
            sso_url: sso_url.into(),
            certificate: certificate.into(),
        }
    }

    #[test]
    fn each_typed_field_is_asked_for_at_its_place() {
        let field = |change: SamlChange| change.problem(false, Lang::En).map(|(field, _)| field);
        assert_eq!(field(typed("", "https://idp.example/sso", "MII")), Some("entity_id"));
        assert_eq!(
            field(typed("idp\nx", "https://idp.example/sso", "MII")),
            Some("entity_id")
        );
        assert_eq!(field(typed("urn:idp", "", "MII")), Some("sso_url"));
        assert_eq!(
            field(typed("urn:idp", "http://idp.example/sso", "MII")),
            Some("sso_url")
        );
        assert_eq!(
            field(typed("urn:idp", "https://idp.example/sso#x", "MII")),
            Some("sso_url")
        );
        assert_eq!(
            field(typed("urn:idp", "https://idp.example/sso", " ")),
            Some("certificate")
        );
        assert_eq!(field(typed("urn:idp", "https://idp.example/sso?tenant=7", "MII")), None);
        assert_eq!(field(typed("urn:idp", "http://127.0.0.1:9000/sso", "MII")), None);
    }

    #[test]
    fn pasted_metadata_stands_for_the_fields_within_its_size() {
        let pasted = |xml: String| SamlChange {
            metadata_xml: Some(xml),
            ..SamlChange::default()
        };
        assert_eq!(pasted("<EntityDescriptor/>".into()).problem(false, Lang::En), None);
        let huge = "x".repeat(MAX_SAML_METADATA_CHARS + 1);
        assert_eq!(
            pasted(huge).problem(false, Lang::En).map(|(f, _)| f),
            Some("metadata_xml")
        );
        assert_eq!(
            pasted("  ".into()).problem(false, Lang::En).map(|(f, _)| f),
            Some("entity_id")
        );
    }
}

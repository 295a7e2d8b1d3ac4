//! Speaking SAML 2.0 with an organization's identity provider: reading its metadata and
//! certificates, our own metadata, the `AuthnRequest` (HTTP-Redirect binding) and the answer
//! posted back (HTTP-POST binding).
//!
//! An answer is believed only when xmlsec1 verified its signature with a certificate the tab set,
//! and only the signed part is read (samael reduces the document to what the signature covers,
//! which defeats signature wrapping). Then: the issuer is the provider's entity ID, the audience
//! is our entity ID, the recipient and destination are our ACS URL, the time window holds, and
//! `InResponseTo` names the request we sent, or, for a sign-in the provider started, nothing.
//! SHA-1 signatures are refused. The caller takes the assertion's ID once (replays).
//!
//! All of this is CPU work on libxml2 and xmlsec1: callers run it off the async threads.

use std::str::FromStr;

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use chrono::{DateTime, Duration, Utc};
use common::sso::{Identity, SamlAssertion, SamlIdp};
use common::tokens::new_token;
use contract::text::sso as texts;
use contract::{fill, saml_acs_path, saml_metadata_path, Lang, SamlCertificate, SamlChange};
use openssl::hash::MessageDigest;
use openssl::nid::Nid;
use openssl::x509::X509;
use samael::crypto::AllowedSignatureAlgorithm;
use samael::metadata::{EntityDescriptor, HTTP_REDIRECT_BINDING};
use samael::schema::Assertion;
use samael::service_provider::ServiceProvider;

/// How far apart our clock and the provider's may be.
const CLOCK_SKEW: Duration = Duration::seconds(120);

/// Attribute names that carry an address, a given name and a family name, as Okta, Entra ID,
/// Google Workspace, OneLogin, JumpCloud and Auth0 send them (by name or friendly name).
const EMAIL: &[&str] = &[
    "email",
    "mail",
    "emailaddress",
    "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress",
    "urn:oid:0.9.2342.19200300.100.1.3",
];
const GIVEN_NAME: &[&str] = &[
    "givenname",
    "firstname",
    "first_name",
    "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/givenname",
    "urn:oid:2.5.4.42",
];
const GROUPS: &[&str] = &[
    "groups",
    "group",
    "memberof",
    "ismemberof",
    "urn:oid:1.3.6.1.4.1.5923.1.5.1.1",
    "http://schemas.microsoft.com/ws/2008/06/identity/claims/groups",
];
const FAMILY_NAME: &[&str] = &[
    "sn",
    "surname",
    "lastname",
    "last_name",
    "familyname",
    "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/surname",
    "urn:oid:2.5.4.4",
];

/// The identity provider as read from the tab: what is kept, and what is shown of its
/// certificates.
pub struct ReadIdp {
    pub entity_id: String,
    pub sso_url: String,
    pub certificates: Vec<String>,
    pub shown: Vec<SamlCertificate>,
}

/// Our entity ID and ACS URL for an organization.
pub struct OurSide {
    pub entity_id: String,
    pub acs_url: String,
}

impl OurSide {
    pub fn of(public_url: &str, identifier: &str) -> OurSide {
        OurSide {
            entity_id: format!("{public_url}{}", saml_metadata_path(identifier)),
            acs_url: format!("{public_url}{}", saml_acs_path(identifier)),
        }
    }
}

/// A sign-in request about to be sent.
pub struct Request {
    pub url: String,
    pub id: String,
    pub relay_state: String,
}

/// Read what the tab sent: the metadata, or the three values typed (no certificate keeps `kept`,
/// the certificates kept for the same entity ID). A problem is answered at its field, in words of
/// `lang`.
pub fn read_change(change: &SamlChange, kept: &[String], lang: Lang) -> Result<ReadIdp, (&'static str, String)> {
    if let Some((field, message)) = change.problem(!kept.is_empty(), lang) {
        return Err((field, message));
    }
    let (entity_id, sso_url, encoded) = match change.metadata() {
        Some(xml) => from_metadata(xml)
            .map_err(|reason| ("metadata_xml", fill(texts(lang).saml_metadata_unreadable, &[&reason])))?,
        None if change.certificate.trim().is_empty() => (
            change.entity_id.trim().to_owned(),
            change.sso_url.trim().to_owned(),
            kept.to_vec(),
        ),
        None => (
            change.entity_id.trim().to_owned(),
            change.sso_url.trim().to_owned(),
            vec![change.certificate.clone()],
        ),
    };
    let mut certificates = Vec::new();
    let mut shown = Vec::new();
    for text in &encoded {
        let (der, summary) = certificate(text).map_err(|reason| {
            let field = if change.metadata().is_some() {
                "metadata_xml"
            } else {
                "certificate"
            };
            (field, fill(texts(lang).saml_certificate_unreadable, &[&reason]))
        })?;
        certificates.push(der);
        shown.push(summary);
    }
    // What the metadata said is held to the same rules as what is typed.
    let typed = SamlChange {
        metadata_xml: None,
        entity_id: entity_id.clone(),
        sso_url: sso_url.clone(),
        certificate: certificates.first().cloned().unwrap_or_default(),
    };
    if let Some((field, message)) = typed.problem(false, lang) {
        let field = if change.metadata().is_some() {
            "metadata_xml"
        } else {
            field
        };
        return Err((field, message));
    }
    Ok(ReadIdp {
        entity_id,
        sso_url,
        certificates,
        shown,
    })
}

/// The entity ID, the HTTP-Redirect sign-in URL and the signing certificates of an identity
/// provider's metadata.
fn from_metadata(xml: &str) -> Result<(String, String, Vec<String>), String> {
    if has_doctype(xml) {
        return Err("it declares a DOCTYPE".into());
    }
    let entity = EntityDescriptor::from_str(xml).map_err(|e| e.to_string())?;
    let entity_id = entity.entity_id.clone().ok_or("it has no entityID")?;
    let sp = ServiceProvider {
        idp_metadata: entity,
        ..ServiceProvider::default()
    };
    let sso_url = sp
        .sso_binding_location(HTTP_REDIRECT_BINDING)
        .ok_or("it names no SingleSignOnService with the HTTP-Redirect binding")?;
    let certificates = sp
        .idp_signing_certs()
        .map_err(|e| e.to_string())?
        .ok_or("it holds no signing certificate")?
        .iter()
        .map(|der| STANDARD.encode(der.der_data()))
        .collect();
    Ok((entity_id, sso_url, certificates))
}

/// A certificate in PEM or as its base64 body: its DER in base64, and what the tab shows of it.
fn certificate(text: &str) -> Result<(String, SamlCertificate), String> {
    let body: String = text
        .lines()
        .map(str::trim)
        .filter(|line| !line.starts_with("-----"))
        .collect();
    let der = STANDARD
        .decode(body.replace([' ', '\t', '\r'], ""))
        .map_err(|e| e.to_string())?;
    let x509 = X509::from_der(&der).map_err(|e| e.to_string())?;
    let subject = x509
        .subject_name()
        .entries_by_nid(Nid::COMMONNAME)
        .next()
        .and_then(|cn| cn.data().to_string().ok())
        .unwrap_or_else(|| format!("{:?}", x509.subject_name()));
    let fingerprint = x509
        .digest(MessageDigest::sha256())
        .map_err(|e| e.to_string())?
        .iter()
        .map(|b| format!("{b:02X}"))
        .collect::<Vec<_>>()
        .join(":");
    let expires_at = asn1_time(x509.not_after()).map_err(|e| e.to_string())?;
    Ok((
        STANDARD.encode(&der),
        SamlCertificate {
            subject,
            fingerprint,
            expires_at: common::iso(expires_at),
        },
    ))
}

fn asn1_time(time: &openssl::asn1::Asn1TimeRef) -> Result<DateTime<Utc>, openssl::error::ErrorStack> {
    let epoch = openssl::asn1::Asn1Time::from_unix(0)?;
    let diff = epoch.diff(time)?;
    let seconds = i64::from(diff.days) * 86_400 + i64::from(diff.secs);
    Ok(DateTime::from_timestamp(seconds, 0).unwrap_or_default())
}

/// Whether XML declares a document type: SAML never needs one, and entities are how XML is
/// turned against its parser.
fn has_doctype(xml: &str) -> bool {
    xml.contains("<!DOCTYPE") || xml.contains("<!ENTITY")
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Our metadata for an organization: who we are, where answers go, that we want assertions
/// signed; we sign no requests and offer no logout.
pub fn our_metadata(ours: &OurSide) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="{entity}">
  <md:SPSSODescriptor AuthnRequestsSigned="false" WantAssertionsSigned="true" protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
    <md:NameIDFormat>urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress</md:NameIDFormat>
    <md:NameIDFormat>urn:oasis:names:tc:SAML:2.0:nameid-format:persistent</md:NameIDFormat>
    <md:AssertionConsumerService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="{acs}" index="0" isDefault="true"/>
  </md:SPSSODescriptor>
</md:EntityDescriptor>
"#,
        entity = escape(&ours.entity_id),
        acs = escape(&ours.acs_url),
    )
}

/// The identity provider as samael reads it: its entity ID, sign-in URL and certificates.
fn idp_metadata(idp: &SamlIdp) -> Result<EntityDescriptor, String> {
    let keys: String = idp
        .certificates
        .iter()
        .map(|der| {
            format!(
                r#"<md:KeyDescriptor use="signing"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>{}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>"#,
                escape(der)
            )
        })
        .collect();
    let xml = format!(
        r#"<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" xmlns:ds="http://www.w3.org/2000/09/xmldsig#" entityID="{entity}"><md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">{keys}<md:SingleSignOnService Binding="{HTTP_REDIRECT_BINDING}" Location="{sso}"/></md:IDPSSODescriptor></md:EntityDescriptor>"#,
        entity = escape(&idp.entity_id),
        sso = escape(&idp.sso_url),
    );
    EntityDescriptor::from_str(&xml).map_err(|e| e.to_string())
}

fn service_provider(idp: &SamlIdp, ours: &OurSide, unsolicited: bool) -> Result<ServiceProvider, String> {
    Ok(ServiceProvider {
        entity_id: Some(ours.entity_id.clone()),
        metadata_url: Some(ours.entity_id.clone()),
        acs_url: Some(ours.acs_url.clone()),
        slo_url: None,
        idp_metadata: idp_metadata(idp)?,
        allow_idp_initiated: unsolicited,
        max_clock_skew: CLOCK_SKEW,
        max_issue_delay: Duration::minutes(5),
        allowed_signature_algorithms: Some(vec![
            AllowedSignatureAlgorithm::RsaSha256,
            AllowedSignatureAlgorithm::RsaSha384,
            AllowedSignatureAlgorithm::RsaSha512,
            AllowedSignatureAlgorithm::EcdsaSha256,
            AllowedSignatureAlgorithm::EcdsaSha384,
            AllowedSignatureAlgorithm::EcdsaSha512,
        ]),
        ..ServiceProvider::default()
    })
}

/// A new sign-in request to the provider, with the RelayState that finds it again.
pub fn request(idp: &SamlIdp, ours: &OurSide) -> Result<Request, String> {
    let sp = service_provider(idp, ours, false)?;
    let mut request = sp
        .make_authentication_request(&idp.sso_url)
        .map_err(|e| e.to_string())?;
    // samael's ID has 32 random bits; ours has 256 (an NCName: it starts with `_`).
    request.id = format!("_{}", new_token());
    let relay_state = new_token();
    let url = request
        .redirect(&relay_state)
        .map_err(|e| e.to_string())?
        .ok_or("the request has no destination")?;
    Ok(Request {
        url: url.to_string(),
        id: request.id,
        relay_state,
    })
}

/// Verify the provider's answer (`SAMLResponse`, base64) and read who it signs in. `request_id`:
/// the request we sent, or none for a sign-in the provider started.
pub fn verify(
    idp: &SamlIdp,
    ours: &OurSide,
    response: &str,
    request_id: Option<&str>,
) -> Result<SamlAssertion, String> {
    let xml = STANDARD
        .decode(response.split_whitespace().collect::<String>())
        .map_err(|e| e.to_string())?;
    let xml = String::from_utf8(xml).map_err(|e| e.to_string())?;
    if has_doctype(&xml) {
        return Err("the answer declares a DOCTYPE".into());
    }
    let sp = service_provider(idp, ours, request_id.is_none())?;
    let ids: Vec<&str> = request_id.into_iter().collect();
    let assertion = sp
        .parse_xml_response(&xml, request_id.map(|_| ids.as_slice()))
        .map_err(|e| e.to_string())?;
    // samael checks the audience only when the assertion names one; the Web SSO profile requires
    // it, and without it an assertion made for another service would do here.
    let audiences: Vec<&str> = assertion
        .conditions
        .iter()
        .flat_map(|c| c.audience_restrictions.iter().flatten())
        .flat_map(|r| r.audience.iter().map(String::as_str))
        .collect();
    if !audiences.contains(&ours.entity_id.as_str()) {
        return Err(format!("the assertion is not for {}", ours.entity_id));
    }
    let confirmations = bearer_confirmations(&assertion);
    // An answer to someone's request, posted as if the provider had started the sign-in, is
    // refused: only the browser that made the request may bring its answer.
    if request_id.is_none() && confirmations.iter().any(|c| c.in_response_to.is_some()) {
        return Err("an answer to a request arrived without that request's RelayState".into());
    }
    let until = confirmations
        .iter()
        .filter_map(|c| c.not_on_or_after)
        .max()
        .ok_or("the assertion has no NotOnOrAfter")?;
    Ok(SamlAssertion {
        identity: identity(&assertion, &idp.entity_id)?,
        assertion_id: assertion.id.clone(),
        usable_until: until + CLOCK_SKEW,
    })
}

fn bearer_confirmations(assertion: &Assertion) -> Vec<&samael::schema::SubjectConfirmationData> {
    assertion
        .subject
        .iter()
        .flat_map(|s| s.subject_confirmations.iter().flatten())
        .filter(|c| c.method.as_deref() == Some("urn:oasis:names:tc:SAML:2.0:cm:bearer"))
        .filter_map(|c| c.subject_confirmation_data.as_ref())
        .collect()
}

/// The values of the first attribute named one of `names` (by name or friendly name, compared
/// without case).
fn attribute_values<'a>(assertion: &'a Assertion, names: &[&str]) -> Vec<&'a str> {
    assertion
        .attribute_statements
        .iter()
        .flatten()
        .flat_map(|statement| statement.attributes.iter())
        .find(|a| {
            [a.name.as_deref(), a.friendly_name.as_deref()]
                .into_iter()
                .flatten()
                .any(|n| names.iter().any(|wanted| n.eq_ignore_ascii_case(wanted)))
        })
        .map(|a| {
            a.values
                .iter()
                .filter_map(|v| v.value.as_deref())
                .map(str::trim)
                .filter(|v| !v.is_empty())
                .collect()
        })
        .unwrap_or_default()
}

/// The first value of the first attribute named one of `names`.
fn attribute<'a>(assertion: &'a Assertion, names: &[&str]) -> Option<&'a str> {
    attribute_values(assertion, names).into_iter().next()
}

/// Who the assertion names: its NameID is the subject; the address is an email attribute, or the
/// NameID when it is one.
fn identity(assertion: &Assertion, issuer: &str) -> Result<Identity, String> {
    let name_id = assertion
        .subject
        .as_ref()
        .and_then(|s| s.name_id.as_ref())
        .map(|n| n.value.trim().to_owned())
        .filter(|v| !v.is_empty())
        .ok_or("the assertion names nobody (no NameID)")?;
    let email = attribute(assertion, EMAIL)
        .map(str::to_owned)
        .or_else(|| name_id.contains('@').then(|| name_id.clone()))
        .ok_or("the assertion carries no email address")?;
    Ok(Identity {
        issuer: issuer.to_owned(),
        subject: name_id,
        email,
        // The provider vouches for the address it asserts; only verified domains come in.
        email_verified: true,
        given_name: attribute(assertion, GIVEN_NAME).unwrap_or_default().to_owned(),
        family_name: attribute(assertion, FAMILY_NAME).unwrap_or_default().to_owned(),
        groups: attribute_values(assertion, GROUPS)
            .into_iter()
            .map(str::to_owned)
            .collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn our_metadata_escapes_what_it_names() {
        let ours = OurSide {
            entity_id: "https://a.example/x?y=1&z=\"2\"".into(),
            acs_url: "https://a.example/acs".into(),
        };
        let xml = our_metadata(&ours);
        assert!(
            xml.contains(r#"entityID="https://a.example/x?y=1&amp;z=&quot;2&quot;""#),
            "{xml}"
        );
        assert!(EntityDescriptor::from_str(&xml).is_ok());
    }

    #[test]
    fn metadata_with_a_doctype_is_refused_before_parsing() {
        let xml = r#"<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><md:EntityDescriptor entityID="&e;"/>"#;
        assert!(from_metadata(xml).unwrap_err().contains("DOCTYPE"));
    }
}

//! What the domain and the server pass each other when someone signs in through their
//! organization's OpenID Connect provider (the server speaks to the provider, the domain keeps
//! what lies between).

/// An organization's OpenID Connect provider, with its client secret opened.
#[derive(Clone, Debug)]
pub struct Connection {
    pub org_id: i64,
    pub issuer: String,
    pub client_id: String,
    pub client_secret: String,
}

/// What a verified ID token says of the person.
#[derive(Clone, Debug)]
pub struct Identity {
    pub issuer: String,
    pub subject: String,
    pub email: String,
    pub email_verified: bool,
    pub given_name: String,
    pub family_name: String,
    /// The groups the provider says the person is in (a `groups` claim or attribute), shown by
    /// "Test connection".
    pub groups: Vec<String>,
}

/// An attempt the provider sent back, with what checks its answer.
#[derive(Clone, Debug)]
pub struct Attempt {
    pub connection: Connection,
    pub nonce: String,
    pub verifier: String,
    /// Who runs "Test connection" with it: then nobody is signed in.
    pub tester: Option<i64>,
}

/// A SAML request of ours the provider answered: its ID, and who tests with it, if it is a test.
#[derive(Clone, Debug)]
pub struct SamlRequest {
    pub id: String,
    pub tester: Option<i64>,
}

/// An organization's SAML 2.0 identity provider, as the tab set it.
#[derive(Clone, Debug)]
pub struct SamlIdp {
    pub org_id: i64,
    /// The organization's SSO identifier: it names our entity ID and ACS URL for this provider.
    pub identifier: String,
    /// The identity provider's entity ID: the issuer its assertions must name.
    pub entity_id: String,
    /// Where sign-in requests go (HTTP-Redirect binding).
    pub sso_url: String,
    /// Its signing certificates, base64 DER.
    pub certificates: Vec<String>,
}

/// The identity provider an organization signs in through.
#[derive(Clone, Debug)]
pub enum Provider {
    Oidc(Connection),
    Saml(SamlIdp),
}

/// What SAML 2.0 sign-in's last check needs: the verified assertion's ID and how long it could be
/// replayed, so the same one is taken once.
#[derive(Clone, Debug)]
pub struct SamlAssertion {
    pub identity: Identity,
    pub assertion_id: String,
    pub usable_until: crate::Timestamp,
}

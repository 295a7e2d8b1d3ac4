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
}

/// An attempt the provider sent back, with what checks its answer.
#[derive(Clone, Debug)]
pub struct Attempt {
    pub connection: Connection,
    pub nonce: String,
    pub verifier: String,
}

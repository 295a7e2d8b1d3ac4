//! Integrations: personal access tokens for the Management API, and webhook endpoints that
//! receive the activity log (docs/webhooks.md). The rules on what a request may hold live here, so
//! the app says them at the field before sending and the server refuses the same.

use serde::{Deserialize, Serialize};

use crate::text::integrations;
use crate::{fill, ActivityKey, Lang};

/// What a personal access token may do. Subscription, billing, security settings, one's own
/// account and the tokens and webhooks themselves are reachable by no scope: only a person signed
/// in may touch them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum TokenScope {
    /// Read `orgs/me`, users, spaces, activities and statistics.
    Read,
    /// Change roles, remove people, invite, resend and revoke invitations.
    Users,
    /// Add and detach spaces, manage their collaborators.
    Spaces,
    /// Change the name, branding and embedding (not Security & Access).
    Settings,
}

impl TokenScope {
    pub const ALL: [TokenScope; 4] = [
        TokenScope::Read,
        TokenScope::Users,
        TokenScope::Spaces,
        TokenScope::Settings,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            TokenScope::Read => "read",
            TokenScope::Users => "users",
            TokenScope::Spaces => "spaces",
            TokenScope::Settings => "settings",
        }
    }

    pub fn parse(text: &str) -> Option<TokenScope> {
        Self::ALL.into_iter().find(|s| s.as_str() == text)
    }

    /// What the scope allows, in words of `lang`.
    pub fn label_in(self, lang: Lang) -> &'static str {
        let texts = integrations(lang);
        match self {
            TokenScope::Read => texts.scope_read,
            TokenScope::Users => texts.scope_users,
            TokenScope::Spaces => texts.scope_spaces,
            TokenScope::Settings => texts.scope_settings,
        }
    }

    /// Scopes as stored: comma-separated, in order.
    pub fn join(scopes: &[TokenScope]) -> String {
        let mut sorted = scopes.to_vec();
        sorted.sort();
        sorted.dedup();
        sorted.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(",")
    }

    /// Stored scopes read back; unknown names are dropped (never widened).
    pub fn split(stored: &str) -> Vec<TokenScope> {
        stored.split(',').filter_map(TokenScope::parse).collect()
    }
}

/// Every personal access token starts with this, so a leaked one is recognisable (secret
/// scanners) and the server tells it from a session without a lookup.
pub const ACCESS_TOKEN_PREFIX: &str = "oat_";
/// The longest token name.
pub const MAX_TOKEN_NAME_CHARS: usize = 80;
/// The expiries offered, in days; `None` is "no expiry".
pub const TOKEN_EXPIRY_CHOICES: [Option<u32>; 4] = [Some(30), Some(90), Some(365), None];

/// `POST /api/v1/me/tokens`
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewAccessToken {
    pub name: String,
    /// 30, 90 or 365; none for a token that does not expire (unless the organization caps it).
    #[serde(default)]
    pub expires_in_days: Option<u32>,
    pub scopes: Vec<TokenScope>,
    /// The person's current password: a token is as strong as a sign-in, so making one asks
    /// for it again.
    pub password: String,
}

impl NewAccessToken {
    /// The first thing wrong with the request, given the organization's cap on expiry: (field,
    /// message).
    pub fn problem(&self, max_days: Option<u32>, lang: Lang) -> Option<(&'static str, String)> {
        let texts = integrations(lang);
        let name = self.name.trim();
        if name.is_empty() {
            return Some(("name", texts.enter_token_name.to_owned()));
        }
        if name.chars().count() > MAX_TOKEN_NAME_CHARS || name.chars().any(char::is_control) {
            return Some(("name", fill(texts.token_name_too_long, &[&MAX_TOKEN_NAME_CHARS])));
        }
        if !TOKEN_EXPIRY_CHOICES.contains(&self.expires_in_days) {
            return Some(("expires_in_days", texts.pick_expiry.to_owned()));
        }
        if let Some(max) = max_days {
            if self.expires_in_days.is_none_or(|days| days > max) {
                return Some(("expires_in_days", fill(texts.expiry_capped, &[&max])));
            }
        }
        if self.scopes.is_empty() {
            return Some(("scopes", texts.pick_scope.to_owned()));
        }
        if self.password.is_empty() {
            return Some(("password", texts.enter_current_password.to_owned()));
        }
        None
    }
}

/// One personal access token, as its lists show it: never the token itself.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AccessTokenSummary {
    pub id: i64,
    pub name: String,
    /// The token's first characters, to tell it apart (`oat_3fK9`).
    pub prefix: String,
    pub scopes: Vec<TokenScope>,
    /// The person it acts as.
    pub owner_id: i64,
    pub owner_name: String,
    /// RFC 3339, UTC.
    pub created_at: String,
    /// None: it does not expire.
    pub expires_at: Option<String>,
    pub last_used_at: Option<String>,
    /// The address it was last used from.
    pub last_used_ip: Option<String>,
}

/// `GET /api/v1/me/tokens` and `GET /api/v1/orgs/me/tokens`: live tokens, newest first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AccessTokenList {
    pub tokens: Vec<AccessTokenSummary>,
}

/// The answer to `POST /api/v1/me/tokens`: the token, shown this once.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreatedAccessToken {
    pub token: String,
    pub summary: AccessTokenSummary,
}

/// The most endpoints an organization may have.
pub const MAX_WEBHOOK_ENDPOINTS: usize = 10;
pub const MAX_WEBHOOK_URL_CHARS: usize = 500;
pub const MAX_WEBHOOK_DESCRIPTION_CHARS: usize = 200;

/// Which activities an endpoint receives.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case", tag = "kind", content = "keys")]
pub enum WebhookEvents {
    /// Every activity, also of kinds added later.
    All,
    /// Only these kinds.
    Only(Vec<ActivityKey>),
}

impl WebhookEvents {
    /// As stored: `*`, or the keys between commas (`,space.add,org_user.update,`), which a
    /// `LIKE '%,key,%'` finds.
    pub fn stored(&self) -> String {
        match self {
            WebhookEvents::All => "*".to_owned(),
            WebhookEvents::Only(keys) => {
                let inner: Vec<&str> = keys.iter().map(|k| k.as_str()).collect();
                format!(",{},", inner.join(","))
            }
        }
    }

    pub fn from_stored(stored: &str) -> WebhookEvents {
        if stored == "*" {
            return WebhookEvents::All;
        }
        WebhookEvents::Only(stored.split(',').filter_map(ActivityKey::parse).collect())
    }

    pub fn includes(&self, key: ActivityKey) -> bool {
        match self {
            WebhookEvents::All => true,
            WebhookEvents::Only(keys) => keys.contains(&key),
        }
    }
}

/// `POST /api/v1/orgs/me/webhooks`
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewWebhookEndpoint {
    /// Where deliveries are posted: `https://`, or `http://` only on a server started with
    /// `--allow-private-webhooks` (development and tests).
    pub url: String,
    #[serde(default)]
    pub description: String,
    pub events: WebhookEvents,
}

impl NewWebhookEndpoint {
    /// The first thing wrong with the request: (field, message). `allow_http` on a server
    /// started with `--allow-private-webhooks`.
    pub fn problem(&self, allow_http: bool, lang: Lang) -> Option<(&'static str, String)> {
        let texts = integrations(lang);
        let url = self.url.trim();
        if url.is_empty() {
            return Some(("url", texts.enter_webhook_url.to_owned()));
        }
        if url.chars().count() > MAX_WEBHOOK_URL_CHARS {
            return Some(("url", fill(texts.webhook_url_too_long, &[&MAX_WEBHOOK_URL_CHARS])));
        }
        let rest = match (url.strip_prefix("https://"), url.strip_prefix("http://")) {
            (Some(rest), _) => rest,
            (None, Some(rest)) if allow_http => rest,
            _ => return Some(("url", fill(texts.webhook_url_https, &[&url]))),
        };
        let host = rest.split(['/', '?', '#']).next().unwrap_or("");
        let host_only = host.rsplit('@').next().unwrap_or(host);
        if host_only.is_empty() || host.contains('@') || url.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Some(("url", fill(texts.webhook_url_https, &[&url])));
        }
        let description = self.description.trim();
        if description.chars().count() > MAX_WEBHOOK_DESCRIPTION_CHARS || description.chars().any(char::is_control) {
            return Some((
                "description",
                fill(texts.webhook_description_too_long, &[&MAX_WEBHOOK_DESCRIPTION_CHARS]),
            ));
        }
        if matches!(&self.events, WebhookEvents::Only(keys) if keys.is_empty()) {
            return Some(("events", texts.pick_event.to_owned()));
        }
        None
    }
}

/// One endpoint as the Webhooks tab shows it: never its secret.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WebhookEndpoint {
    pub id: i64,
    pub url: String,
    pub description: String,
    pub events: WebhookEvents,
    pub created_at: String,
    /// Since when every delivery has failed; none while the last one succeeded.
    pub failing_since: Option<String>,
    /// Set when three days of failures disabled it; "Enable" clears it.
    pub disabled_at: Option<String>,
    /// Until when the secret before the last "Roll secret" still signs.
    pub previous_secret_until: Option<String>,
}

/// `GET /api/v1/orgs/me/webhooks`
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WebhookEndpointList {
    pub endpoints: Vec<WebhookEndpoint>,
}

/// The answer to adding an endpoint or rolling its secret: the secret, shown this once.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WebhookSecret {
    pub endpoint: WebhookEndpoint,
    /// `whsec_…`: signs every delivery (`Org-Area-Signature`).
    pub secret: String,
}

/// Where a delivery stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum DeliveryStatus {
    /// Not yet sent, or failed and waiting for its next try.
    Pending,
    Delivered,
    /// Tried for 24 hours without a 2xx.
    Failed,
}

impl DeliveryStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            DeliveryStatus::Pending => "pending",
            DeliveryStatus::Delivered => "delivered",
            DeliveryStatus::Failed => "failed",
        }
    }
}

/// One delivery in an endpoint's log, with its last try.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WebhookDelivery {
    pub id: i64,
    /// The activity key, or `webhook.test`.
    pub event: String,
    pub activity_id: Option<i64>,
    pub status: DeliveryStatus,
    pub attempts: i64,
    /// RFC 3339, UTC: when it was queued.
    pub created_at: String,
    pub attempted_at: Option<String>,
    /// The receiver's HTTP status; none when it could not be reached.
    pub response_status: Option<i64>,
    pub duration_ms: Option<i64>,
    /// The start of the receiver's answer, or why it could not be reached.
    pub response_excerpt: Option<String>,
}

/// `GET /api/v1/orgs/me/webhooks/{id}/deliveries`: newest first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WebhookDeliveryList {
    pub deliveries: Vec<WebhookDelivery>,
}

/// The header every delivery is signed in: `t=<unix seconds>,v1=<hex HMAC-SHA256>` (a second
/// `v1=` while a rolled secret still signs).
pub const SIGNATURE_HEADER: &str = "Org-Area-Signature";
/// The event of "Send test event".
pub const TEST_EVENT: &str = "webhook.test";

#[cfg(test)]
mod tests {
    use super::*;

    fn endpoint(url: &str) -> NewWebhookEndpoint {
        NewWebhookEndpoint {
            url: url.into(),
            description: String::new(),
            events: WebhookEvents::All,
        }
    }

    #[test]
    fn endpoints_must_be_https_unless_private_ones_are_allowed() {
        assert_eq!(endpoint("https://hooks.example.com/in").problem(false, Lang::En), None);
        assert_eq!(
            endpoint("http://hooks.example.com/in")
                .problem(false, Lang::En)
                .unwrap()
                .0,
            "url"
        );
        assert_eq!(endpoint("http://127.0.0.1:9/in").problem(true, Lang::En), None);
        assert_eq!(
            endpoint("https://user@evil/").problem(false, Lang::En).unwrap().0,
            "url"
        );
        assert_eq!(endpoint("ftp://x").problem(true, Lang::En).unwrap().0, "url");
        let none = NewWebhookEndpoint {
            events: WebhookEvents::Only(vec![]),
            ..endpoint("https://a.example")
        };
        assert_eq!(none.problem(false, Lang::En).unwrap().0, "events");
    }

    #[test]
    fn events_are_stored_so_like_finds_each_key() {
        let only = WebhookEvents::Only(vec![ActivityKey::SpaceAdd, ActivityKey::OrgUserUpdate]);
        assert_eq!(only.stored(), ",space.add,org_user.update,");
        assert_eq!(WebhookEvents::from_stored(&only.stored()), only);
        assert_eq!(WebhookEvents::from_stored("*"), WebhookEvents::All);
    }

    #[test]
    fn token_expiry_respects_the_organization_cap() {
        let mut request = NewAccessToken {
            name: "CI".into(),
            expires_in_days: None,
            scopes: vec![TokenScope::Read],
            password: "x".into(),
        };
        assert_eq!(request.problem(None, Lang::En), None);
        assert_eq!(request.problem(Some(90), Lang::En).unwrap().0, "expires_in_days");
        request.expires_in_days = Some(90);
        assert_eq!(request.problem(Some(90), Lang::En), None);
        request.expires_in_days = Some(7);
        assert_eq!(request.problem(None, Lang::En).unwrap().0, "expires_in_days");
    }

    #[test]
    fn scopes_round_trip_and_never_widen() {
        assert_eq!(
            TokenScope::join(&[TokenScope::Users, TokenScope::Read, TokenScope::Read]),
            "read,users"
        );
        assert_eq!(
            TokenScope::split("read,admin,users"),
            vec![TokenScope::Read, TokenScope::Users]
        );
    }
}

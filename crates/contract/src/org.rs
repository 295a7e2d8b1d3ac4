//! The organization as `GET /api/v1/orgs/me` returns it, with the field names of Storyblok's
//! Management API `GET /v1/orgs/me`, so a payload in that shape deserializes unchanged. Every field
//! has a default and unknown fields are ignored; fields we add are additive.

use crate::OrgRole;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrgEnvelope {
    pub org: Org,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct Org {
    pub id: i64,
    pub name: String,
    /// Additive: the organization's address-safe name, used for its branded pages.
    pub slug: String,
    pub plan: String,
    pub plan_level: i64,
    pub user_count: i64,
    pub max_spaces: i64,
    pub max_collaborators: i64,
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub settings: serde_json::Value,
    /// Empty for a member: members never receive the list of other members.
    pub users: Vec<OrgUser>,
    pub spaces: Vec<OrgSpace>,
    pub invitations: Vec<Invitation>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrgUser {
    pub id: i64,
    #[serde(default)]
    pub userid: String,
    pub email: String,
    #[serde(default)]
    pub firstname: Option<String>,
    #[serde(default)]
    pub lastname: Option<String>,
    #[serde(default)]
    pub friendly_name: Option<String>,
    #[serde(default)]
    pub avatar: Option<String>,
    pub org_role: OrgRole,
    #[serde(default)]
    pub sign_in_count: i64,
    #[serde(default)]
    pub created_at: String,
    #[serde(default)]
    pub last_sign_in_at: Option<String>,
    #[serde(default)]
    pub disabled: bool,
    /// Additive: the person signs in with a second factor.
    #[serde(default)]
    pub two_factor: bool,
    /// Ids of the spaces the user collaborates on.
    #[serde(default)]
    pub on_spaces: Vec<i64>,
    /// Space id (as a string key) to the user's collaborator roles in that space.
    #[serde(default)]
    pub roles_on_spaces: BTreeMap<String, Vec<String>>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct OrgSpace {
    pub id: i64,
    pub name: String,
    pub owner_id: i64,
    pub plan: String,
    pub plan_level: i64,
    pub created_at: String,
    /// Additive: the owner's display name and email, and the number of collaborators.
    pub owner_name: String,
    pub owner_email: String,
    pub user_count: i64,
    /// Additive, in `orgs/me/spaces` only: traffic in the requested period.
    pub traffic_bytes: i64,
    pub api_requests: i64,
    /// Where the space's data is kept, as Storyblok's spaces say it.
    pub region: crate::Region,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Invitation {
    pub id: i64,
    pub email: String,
    pub org_id: i64,
    pub expires_at: String,
    pub org_role: OrgRole,
    #[serde(default)]
    pub inviter_id: i64,
    #[serde(default)]
    pub registered: bool,
    /// Additive: how the invitation's mail is doing (absent in payloads from elsewhere).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mail: Option<MailState>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum MailStatus {
    /// Waiting to be sent, or being tried again after a failure.
    Queued,
    Sent,
    /// Given up on after repeated failures; "Resend" sends a new one.
    Failed,
}

/// The latest mail sent for something (an invitation).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MailState {
    pub status: MailStatus,
    pub attempts: i64,
    /// Why the last try failed, when it did.
    pub last_error: Option<String>,
    pub sent_at: Option<String>,
}

impl MailStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            MailStatus::Queued => "queued",
            MailStatus::Sent => "sent",
            MailStatus::Failed => "failed",
        }
    }

    pub fn parse(text: &str) -> Option<MailStatus> {
        [MailStatus::Queued, MailStatus::Sent, MailStatus::Failed]
            .into_iter()
            .find(|s| s.as_str() == text)
    }
}

/// `GET /api/v1/health`
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Health {
    pub status: HealthStatus,
    /// Whether this instance reached its database just now.
    pub database: DatabaseState,
    pub version: String,
    /// The list answers this instance keeps (what they cost in memory, and how often they serve).
    pub answer_cache: AnswerCacheUsage,
}

/// What a load balancer reads from `GET /api/v1/health`: only `ok` answers 200.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum HealthStatus {
    /// Serving.
    Ok,
    /// Stopping: it finishes what it started and takes nothing new (answered 503).
    Draining,
    /// Its database cannot be reached (answered 503).
    Unavailable,
}

/// The database as this instance last found it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum DatabaseState {
    Up,
    Down,
}

/// The list answers an instance keeps per organization and revision.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AnswerCacheUsage {
    pub entries: u64,
    /// What the kept answers hold, never more than `limit_bytes`.
    pub bytes: u64,
    pub limit_bytes: u64,
    /// Requests answered from it, and requests that built their answer, since the start.
    pub hits: u64,
    pub misses: u64,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A payload in the shape of Storyblok's `GET /v1/orgs/me` must deserialize unchanged.
    #[test]
    fn storyblok_orgs_me_payload_deserializes() {
        let payload = r#"{"org":{"name":"Storyblok GmbH","users":[{"id":1,"userid":"jane","email":"jane@example.com",
            "firstname":"Jane","lastname":"Doe","friendly_name":"Jane Doe","avatar":null,"org_role":"admin",
            "sign_in_count":12,"created_at":"2020-01-01T10:00:00.000Z","last_sign_in_at":null,"disabled":false,
            "on_spaces":[42],"roles_on_spaces":{"42":["Admin"]},"partner_role":null}],
            "spaces":[{"id":42,"name":"Blog","plan":"premium","plan_level":1,"owner_id":1,"created_at":"2020-01-01"}],
            "invitations":[{"id":3,"email":"new@example.com","org_id":9,"expires_at":"2020-02-01","org_role":"member",
            "inviter_id":1,"registered":false}],
            "plan":"enterprise","plan_level":100,"user_count":1,"max_spaces":250,"max_collaborators":1000,
            "settings":{"track_statistics":true},"track_statistics":true}}"#;
        let parsed: OrgEnvelope = serde_json::from_str(payload).unwrap();
        assert_eq!(parsed.org.name, "Storyblok GmbH");
        assert_eq!(parsed.org.users[0].org_role, OrgRole::Admin);
        assert_eq!(parsed.org.users[0].roles_on_spaces["42"], vec!["Admin".to_string()]);
        assert_eq!(parsed.org.spaces[0].owner_id, 1);
        assert_eq!(parsed.org.invitations[0].org_role, OrgRole::Member);
        assert_eq!(parsed.org.max_spaces, 250);
    }
}

/// A person the command palette found.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FoundUser {
    pub id: i64,
    pub name: String,
    pub email: String,
}

/// A space the command palette found.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FoundSpace {
    pub id: i64,
    pub name: String,
}

/// `GET /api/v1/orgs/me/search?q=`: the first few people and spaces of the organization whose
/// name (or, for people, address) holds `q`, by name.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SearchResults {
    pub users: Vec<FoundUser>,
    pub spaces: Vec<FoundSpace>,
}

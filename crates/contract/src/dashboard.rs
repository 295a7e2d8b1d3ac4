//! The dashboard: the organization's spaces with their traffic, its statistics, and adding a
//! space from one's personal account.

use crate::Lang;
use crate::OrgSpace;
use serde::{Deserialize, Serialize};

/// The first terabyte (10^12 bytes) of traffic each month is included in every subscription.
pub const FREE_TRAFFIC_BYTES: i64 = 1_000_000_000_000;

/// The period the dashboard's list and charts cover.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Period {
    #[default]
    #[serde(rename = "30d")]
    Last30Days,
    #[serde(rename = "90d")]
    Last90Days,
    #[serde(rename = "12m")]
    Last12Months,
    #[serde(rename = "all")]
    AllTime,
}

impl Period {
    pub const ALL: [Period; 4] = [
        Period::Last30Days,
        Period::Last90Days,
        Period::Last12Months,
        Period::AllTime,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Period::Last30Days => "30d",
            Period::Last90Days => "90d",
            Period::Last12Months => "12m",
            Period::AllTime => "all",
        }
    }

    pub fn parse(s: &str) -> Option<Period> {
        Period::ALL.into_iter().find(|p| p.as_str() == s)
    }

    pub fn label_in(self, lang: Lang) -> &'static str {
        let texts = crate::text::names(lang);
        match self {
            Period::Last30Days => texts.last_30_days,
            Period::Last90Days => texts.last_90_days,
            Period::Last12Months => texts.last_12_months,
            Period::AllTime => texts.all_time,
        }
    }

    /// How many days back from today the period reaches; None for all time.
    pub fn days(self) -> Option<i64> {
        match self {
            Period::Last30Days => Some(30),
            Period::Last90Days => Some(90),
            Period::Last12Months => Some(365),
            Period::AllTime => None,
        }
    }

    /// Long periods are charted per month, short ones per day.
    pub fn granularity(self) -> Granularity {
        match self {
            Period::Last30Days | Period::Last90Days => Granularity::Day,
            Period::Last12Months | Period::AllTime => Granularity::Month,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum Granularity {
    /// Points dated `YYYY-MM-DD`.
    Day,
    /// Points dated `YYYY-MM`.
    Month,
}

/// `GET /api/v1/orgs/me/spaces?period=`: each space carries its traffic in the period.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SpacesResponse {
    pub period: Period,
    pub spaces: Vec<OrgSpace>,
    /// The regions the organization's spaces may be in (empty: every region). Spaces elsewhere
    /// joined before the limit and are flagged.
    #[serde(default)]
    pub allowed_regions: Vec<crate::Region>,
}

/// One point of the traffic series, in the shape of Storyblok's `orgs/me/statistics`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TrafficPoint {
    pub date: String,
    pub api_requests: i64,
    pub total_bytes: i64,
}

/// How many there were at the end of the bucket dated `date`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CountPoint {
    pub date: String,
    pub count: i64,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RoleCounts {
    pub owner: i64,
    pub admin: i64,
    pub member: i64,
}

/// Traffic of the current billing month against the included free terabyte.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FreeTraffic {
    pub used_bytes: i64,
    pub included_bytes: i64,
    /// First and last day of the billing month counted, `YYYY-MM-DD`.
    pub period_start: String,
    pub period_end: String,
}

/// `GET /api/v1/orgs/me/statistics?period=`
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Statistics {
    pub period: Period,
    pub granularity: Granularity,
    pub traffic: Vec<TrafficPoint>,
    pub spaces: Vec<CountPoint>,
    pub users: Vec<CountPoint>,
    pub users_by_role: RoleCounts,
    pub free_traffic: FreeTraffic,
}

/// A space in the signed-in user's personal account, in no organization.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PersonalSpace {
    pub id: i64,
    pub name: String,
    pub created_at: String,
    pub region: crate::Region,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PersonalSpaces {
    pub spaces: Vec<PersonalSpace>,
    /// The regions the organization takes spaces from (empty: every region): "Add space" refuses
    /// a space elsewhere.
    #[serde(default)]
    pub allowed_regions: Vec<crate::Region>,
}

/// `POST /api/v1/orgs/me/spaces`
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AddSpaceRequest {
    pub space_id: i64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_round_trip_through_their_url_form() {
        for period in Period::ALL {
            assert_eq!(Period::parse(period.as_str()), Some(period));
            assert_eq!(
                serde_json::to_string(&period).unwrap(),
                format!("\"{}\"", period.as_str())
            );
        }
        assert_eq!(Period::parse("7y"), None);
        assert_eq!(FREE_TRAFFIC_BYTES, 10i64.pow(12));
    }
}

/// A collaborator role inside one space. Independent of the organization role.
pub const COLLABORATOR_ROLES: [&str; 3] = ["admin", "editor", "viewer"];

/// One person working on a space.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Collaborator {
    pub user_id: i64,
    pub email: String,
    pub friendly_name: String,
    pub role: String,
    /// Their organization role, when they are in the space's organization.
    #[serde(default)]
    pub org_role: Option<crate::OrgRole>,
}

/// `GET /api/v1/orgs/me/spaces/{id}`: a connected space and who works on it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SpaceDetail {
    pub space: OrgSpace,
    pub collaborators: Vec<Collaborator>,
    /// The regions the organization's spaces may be in (empty: every region).
    #[serde(default)]
    pub allowed_regions: Vec<crate::Region>,
}

/// `PUT /api/v1/orgs/me/spaces/{id}/collaborators/{user_id}`
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CollaboratorRole {
    pub role: String,
}

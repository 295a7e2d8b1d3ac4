//! Usage alerts: owners and admins are told when the organization's traffic in the billing month
//! crosses a share of what its tier includes, once per threshold and month. Settings →
//! Notifications says which thresholds and who gets a mail.

use serde::{Deserialize, Serialize};

/// A share of the included traffic at which the organization is told.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum UsageThreshold {
    Half,
    Most,
    Full,
}

impl UsageThreshold {
    pub const ALL: [UsageThreshold; 3] = [UsageThreshold::Half, UsageThreshold::Most, UsageThreshold::Full];

    pub fn percent(self) -> u8 {
        match self {
            UsageThreshold::Half => 50,
            UsageThreshold::Most => 80,
            UsageThreshold::Full => 100,
        }
    }

    pub fn of_percent(percent: u8) -> Option<UsageThreshold> {
        UsageThreshold::ALL.into_iter().find(|t| t.percent() == percent)
    }

    /// Whether `used` bytes have reached this share of `included`.
    pub fn crossed(self, used: i64, included: i64) -> bool {
        included > 0 && i128::from(used) * 100 >= i128::from(included) * i128::from(self.percent())
    }

    /// Whether the organization wants to hear of this threshold.
    pub fn enabled_in(self, settings: &NotificationSettings) -> bool {
        match self {
            UsageThreshold::Half => settings.usage_at_50,
            UsageThreshold::Most => settings.usage_at_80,
            UsageThreshold::Full => settings.usage_at_100,
        }
    }
}

/// Who gets a mail when a usage threshold is crossed (owners and admins always see the banner).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum UsageMailTo {
    #[default]
    Owners,
    OwnersAndAdmins,
    Nobody,
}

impl UsageMailTo {
    pub const ALL: [UsageMailTo; 3] = [UsageMailTo::Owners, UsageMailTo::OwnersAndAdmins, UsageMailTo::Nobody];

    pub fn as_str(self) -> &'static str {
        match self {
            UsageMailTo::Owners => "owners",
            UsageMailTo::OwnersAndAdmins => "owners_and_admins",
            UsageMailTo::Nobody => "nobody",
        }
    }

    pub fn parse(text: &str) -> Option<UsageMailTo> {
        UsageMailTo::ALL.into_iter().find(|m| m.as_str() == text)
    }

    /// Whether a person of `role` is mailed.
    pub fn mails(self, role: crate::OrgRole) -> bool {
        match self {
            UsageMailTo::Owners => role == crate::OrgRole::Owner,
            UsageMailTo::OwnersAndAdmins => role != crate::OrgRole::Member,
            UsageMailTo::Nobody => false,
        }
    }
}

/// Settings → Notifications, stored with the other settings.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct NotificationSettings {
    /// Tell owners and admins when the billing month's traffic reaches 50 % of what the tier
    /// includes.
    pub usage_at_50: bool,
    /// The same at 80 %.
    pub usage_at_80: bool,
    /// The same at 100 %.
    pub usage_at_100: bool,
    /// Who gets a mail as well.
    pub usage_mail_to: UsageMailTo,
}

impl Default for NotificationSettings {
    fn default() -> Self {
        NotificationSettings {
            usage_at_50: true,
            usage_at_80: true,
            usage_at_100: true,
            usage_mail_to: UsageMailTo::Owners,
        }
    }
}

/// The highest usage threshold crossed in the current billing month, as the banner shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UsageAlert {
    /// 50, 80 or 100.
    pub percent: u8,
    /// Traffic when it was crossed, and what the tier includes.
    pub used_bytes: i64,
    pub included_bytes: i64,
    /// The billing month's first and last day, `YYYY-MM-DD`.
    pub period_start: String,
    pub period_end: String,
}

/// `GET /api/v1/orgs/me/usage-alert`: none until a threshold is crossed this month.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UsageAlertState {
    pub alert: Option<UsageAlert>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::OrgRole;

    #[test]
    fn a_threshold_is_crossed_at_its_share_exactly_and_never_without_an_allowance() {
        let tb = 1_000_000_000_000;
        assert!(!UsageThreshold::Half.crossed(tb / 2 - 1, tb));
        assert!(UsageThreshold::Half.crossed(tb / 2, tb));
        assert!(UsageThreshold::Most.crossed(800 * tb / 1000, tb));
        assert!(!UsageThreshold::Full.crossed(tb - 1, tb));
        assert!(UsageThreshold::Full.crossed(i64::MAX, tb), "no overflow");
        assert!(!UsageThreshold::Half.crossed(tb, 0));
        for t in UsageThreshold::ALL {
            assert_eq!(UsageThreshold::of_percent(t.percent()), Some(t));
        }
        assert!(UsageMailTo::Owners.mails(OrgRole::Owner) && !UsageMailTo::Owners.mails(OrgRole::Admin));
        assert!(UsageMailTo::OwnersAndAdmins.mails(OrgRole::Admin));
        assert!(!UsageMailTo::OwnersAndAdmins.mails(OrgRole::Member));
        assert!(!UsageMailTo::Nobody.mails(OrgRole::Owner));
    }
}

//! The subscription: tier plans that grant the premium plan to every connected space, invoices,
//! billing information and the card on file. Owners only. Money is integer minor units (cents),
//! never floating point.

mod billing;
mod card;
mod money;

pub use billing::{country_name, country_name_in, tax_rate_basis_points, BillingInfo, COUNTRIES};
pub use card::{card_brand, luhn_valid, CardUpdate, PaymentMethod};
pub use money::{format_money, format_money_in, format_rate, format_rate_in, tax_for, CURRENCY};

use serde::{Deserialize, Serialize};

use crate::Lang;

/// The plan every connected space shows while the organization is subscribed.
pub const PREMIUM_SPACE_PLAN: &str = "premium";
pub const PREMIUM_SPACE_PLAN_LEVEL: i64 = 1;
/// An organization without a subscription.
pub const FREE_PLAN: &str = "free";
pub const FREE_MAX_SPACES: i64 = 250;
pub const FREE_MAX_COLLABORATORS: i64 = 10_000;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum TierId {
    Team,
    Business,
    Enterprise,
}

/// One tier plan. Every tier includes the first free terabyte of traffic.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Tier {
    pub id: TierId,
    pub name: &'static str,
    pub monthly_price_cents: i64,
    pub max_spaces: i64,
    pub max_collaborators: i64,
    pub included_traffic_bytes: i64,
    /// `org.plan_level` while subscribed.
    pub plan_level: i64,
}

const TB: i64 = 1_000_000_000_000;

pub const TIERS: [Tier; 3] = [
    Tier {
        id: TierId::Team,
        name: "Team",
        monthly_price_cents: 9_900,
        max_spaces: 300,
        max_collaborators: 15_000,
        included_traffic_bytes: TB,
        plan_level: 100,
    },
    Tier {
        id: TierId::Business,
        name: "Business",
        monthly_price_cents: 39_900,
        max_spaces: 1_000,
        max_collaborators: 50_000,
        included_traffic_bytes: 3 * TB,
        plan_level: 200,
    },
    Tier {
        id: TierId::Enterprise,
        name: "Enterprise",
        monthly_price_cents: 149_900,
        max_spaces: 5_000,
        max_collaborators: 250_000,
        included_traffic_bytes: 10 * TB,
        plan_level: 300,
    },
];

impl TierId {
    pub fn as_str(self) -> &'static str {
        match self {
            TierId::Team => "team",
            TierId::Business => "business",
            TierId::Enterprise => "enterprise",
        }
    }

    pub fn parse(text: &str) -> Option<TierId> {
        TIERS.iter().map(|t| t.id).find(|id| id.as_str() == text)
    }

    pub fn tier(self) -> &'static Tier {
        TIERS.iter().find(|t| t.id == self).expect("every tier id has a tier")
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum SubscriptionStatus {
    /// Renews at the end of each period.
    Active,
    /// Cancelled: premium until the period ends, then no further invoices.
    Canceling,
}

/// `GET /api/v1/orgs/me/subscription`
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SubscriptionView {
    /// `None`: not subscribed.
    pub tier: Option<TierId>,
    pub status: Option<SubscriptionStatus>,
    /// The current billing period, `YYYY-MM-DD`, end exclusive.
    pub period_start: Option<String>,
    pub period_end: Option<String>,
    pub has_payment_method: bool,
    /// Whether the organization has invoices to see (the Invoices page is open to the owner).
    pub billing_open: bool,
    /// A smaller tier chosen for the next period: it applies at `period_end`.
    #[serde(default)]
    pub next_tier: Option<TierId>,
}

/// `PUT /api/v1/orgs/me/subscription`: subscribe, or change tier.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ChooseTier {
    pub tier: TierId,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum InvoiceStatus {
    Paid,
    /// Not paid yet: no card on file so far.
    Open,
    /// The card on file is being charged right now.
    Charging,
    /// The last charge was declined; the scheduler tries again daily, saving a card at once.
    Failed,
    /// Its first charge was declined, so what it was for (a subscription, an upgrade) never began
    /// and nothing is owed.
    Void,
}

impl InvoiceStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            InvoiceStatus::Paid => "paid",
            InvoiceStatus::Open => "open",
            InvoiceStatus::Charging => "charging",
            InvoiceStatus::Failed => "failed",
            InvoiceStatus::Void => "void",
        }
    }

    pub fn parse(text: &str) -> Option<InvoiceStatus> {
        [
            InvoiceStatus::Paid,
            InvoiceStatus::Open,
            InvoiceStatus::Charging,
            InvoiceStatus::Failed,
            InvoiceStatus::Void,
        ]
        .into_iter()
        .find(|s| s.as_str() == text)
    }

    /// In words, for the invoice list and document.
    pub fn label(self) -> &'static str {
        self.label_in(Lang::En)
    }

    pub fn label_in(self, lang: Lang) -> &'static str {
        let texts = crate::text::billing(lang);
        match self {
            InvoiceStatus::Paid => texts.invoice_paid,
            InvoiceStatus::Open => texts.invoice_open,
            InvoiceStatus::Charging => texts.invoice_charging,
            InvoiceStatus::Failed => texts.invoice_failed,
            InvoiceStatus::Void => texts.invoice_void,
        }
    }
}

/// What an invoice is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum InvoicePurpose {
    /// A billing period; the first one's payment starts the subscription.
    Period,
    /// The prorated difference of an upgrade for the rest of the period; its payment applies the
    /// new tier.
    Upgrade,
}

impl InvoicePurpose {
    pub fn as_str(self) -> &'static str {
        match self {
            InvoicePurpose::Period => "period",
            InvoicePurpose::Upgrade => "upgrade",
        }
    }

    pub fn parse(text: &str) -> Option<InvoicePurpose> {
        [InvoicePurpose::Period, InvoicePurpose::Upgrade]
            .into_iter()
            .find(|p| p.as_str() == text)
    }
}

/// One invoice per billing period.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Invoice {
    pub id: i64,
    pub number: String,
    pub period_start: String,
    pub period_end: String,
    pub tier: TierId,
    pub description: String,
    /// Before tax, in cents.
    pub amount_cents: i64,
    pub tax_rate_basis_points: i64,
    pub tax_cents: i64,
    pub total_cents: i64,
    pub currency: String,
    pub status: InvoiceStatus,
    pub issued_at: String,
    /// Who is billed, as it stood when the invoice was issued.
    pub billed_to: Option<BillingInfo>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Invoices {
    pub invoices: Vec<Invoice>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_tier_includes_the_free_terabyte_and_ids_round_trip() {
        for tier in TIERS {
            assert!(tier.included_traffic_bytes >= crate::FREE_TRAFFIC_BYTES);
            assert_eq!(TierId::parse(tier.id.as_str()), Some(tier.id));
            assert!(tier.max_spaces >= FREE_MAX_SPACES && tier.max_collaborators >= FREE_MAX_COLLABORATORS);
        }
        assert!(TIERS
            .windows(2)
            .all(|w| w[0].monthly_price_cents < w[1].monthly_price_cents));
        assert_eq!(TierId::parse("gold"), None);
    }
}

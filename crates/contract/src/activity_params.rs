//! An activity's `parameters`, typed: one struct per family of activity keys, written by the
//! server's domain layer ([`Params::to_value`]) and read by the app's Activity table
//! ([`Params::read`]), so neither side builds or reads a JSON object by string key. On the wire
//! they stay the plain objects Storyblok's clients see (docs/activities.md lists them).

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::{ActivityKey, BillingInfo, ExportFormat, OrgRole, PaymentMethod, TierId};

/// One value that changed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BeforeAfter<T> {
    pub before: T,
    pub after: T,
}

impl<T> BeforeAfter<T> {
    pub fn new(before: T, after: T) -> BeforeAfter<T> {
        BeforeAfter { before, after }
    }
}

/// `org_user.update`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RoleChanged {
    pub org_role: BeforeAfter<OrgRole>,
}

/// `org_user.destroy`: the role the person had, and how many spaces they were taken off.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Removed {
    pub org_role: OrgRole,
    pub spaces_left: i64,
}

/// `org_user.restore`: the role the person has again, and how many spaces they are back on.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Rejoined {
    pub org_role: OrgRole,
    pub spaces_back: i64,
}

/// `invitation.*`: never the code. A resend names no role.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Invited {
    pub email: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub org_role: Option<OrgRole>,
}

/// `collaborator.*`: the person's name and their space role (`admin`, `editor`, `viewer`; none
/// before one is added or after one is removed).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CollaboratorChanged {
    pub collaborator: String,
    pub role: BeforeAfter<Option<String>>,
}

/// One setting that changed, by its field's path (`branding.light.primary`). Settings hold
/// text, lists and images, so the values stay JSON.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FieldChange {
    pub field: String,
    pub before: Value,
    pub after: Value,
}

/// `settings.update`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SettingsChanged {
    pub changes: Vec<FieldChange>,
}

/// `subscription.create` and `subscription.renew`: the tier and the period (days), and for a
/// renewal that applied a waiting downgrade the tier before it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PeriodStarted {
    pub tier: TierId,
    pub period_start: String,
    pub period_end: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous_tier: Option<TierId>,
}

/// `subscription.update` for an upgrade, once its payment went through.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Upgraded {
    pub tier: BeforeAfter<TierId>,
}

/// `subscription.update` for choosing (or withdrawing) a downgrade at the period's end.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DowngradeChosen {
    pub next_tier: BeforeAfter<Option<TierId>>,
    pub cancel_at_period_end: BeforeAfter<bool>,
    pub takes_effect: String,
}

/// `subscription.cancel`, `subscription.resume`, and `subscription.end` at a period's end.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PeriodEnds {
    pub period_end: String,
}

/// Why a subscription ended early.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EndReason {
    Unpaid,
}

/// `subscription.end` for an invoice that stayed unpaid.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EndedUnpaid {
    pub reason: EndReason,
    pub number: String,
}

/// What the log may say about a card: brand, last four and expiry, nothing more.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CardSummary {
    pub brand: String,
    pub last4: String,
    pub exp_month: u32,
    pub exp_year: i32,
}

impl From<&PaymentMethod> for CardSummary {
    fn from(card: &PaymentMethod) -> CardSummary {
        CardSummary {
            brand: card.brand.clone(),
            last4: card.last4.clone(),
            exp_month: card.exp_month,
            exp_year: card.exp_year,
        }
    }
}

/// `invoice.pay` and `invoice.decline`: the invoice, the card and, when declined, why.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Charged {
    pub number: String,
    pub total_cents: i64,
    pub currency: String,
    pub card: CardSummary,
    pub attempt: i64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// `billing.update`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BillingChanged {
    pub before: Option<BillingInfo>,
    pub after: BillingInfo,
}

/// `payment.update`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PaymentChanged {
    pub before: Option<CardSummary>,
    pub after: CardSummary,
}

/// `access_token.create`: what the token may do and until when (RFC 3339; none: no expiry).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TokenMade {
    pub scopes: Vec<crate::TokenScope>,
    pub expires_at: Option<String>,
}

/// `usage.alert`: the share of the included traffic reached, and the billing month's figures then.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UsageCrossed {
    pub percent: u8,
    pub used_bytes: i64,
    pub included_bytes: i64,
    pub period_start: String,
    pub period_end: String,
}

/// Which sessions a person signed out from their Account page.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WhichSessions {
    One,
    Others,
}

/// `session.destroy` from the Account page (a plain sign-out has no parameters).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SessionsEnded {
    pub ended: i64,
    pub which: WhichSessions,
}

/// Why a sign-in failed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FailReason {
    WrongPassword,
    WrongCode,
    /// Refused because that factor failed too often in a row.
    Locked,
}

/// Which factor failed: the authenticator's and recovery codes apart, or codes as a whole when
/// they were locked.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FailedFactor {
    Password,
    AuthenticatorCode,
    RecoveryCode,
    Code,
}

/// `session.fail`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SignInFailed {
    pub reason: FailReason,
    pub factor: FailedFactor,
}

/// `account.update`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NameChanged {
    pub name: BeforeAfter<Option<String>>,
}

/// `account.password_change`: the person's other sessions were signed out.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PasswordChanged {
    pub other_sessions_ended: i64,
}

/// `account.password_reset`: every session was signed out.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PasswordReset {
    pub sessions_ended: i64,
}

/// `users.export`: the filter and how many rows went out.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UsersExported {
    pub q: String,
    pub role: Option<OrgRole>,
    pub rows: i64,
    pub format: ExportFormat,
}

/// An activity's parameters, by family.
#[derive(Clone, Debug, PartialEq)]
pub enum Params {
    RoleChanged(RoleChanged),
    Removed(Removed),
    Rejoined(Rejoined),
    Invitation(Invited),
    Collaborator(CollaboratorChanged),
    Settings(SettingsChanged),
    PeriodStarted(PeriodStarted),
    Upgraded(Upgraded),
    DowngradeChosen(DowngradeChosen),
    PeriodEnds(PeriodEnds),
    EndedUnpaid(EndedUnpaid),
    Charge(Charged),
    Billing(BillingChanged),
    Payment(PaymentChanged),
    SessionsEnded(SessionsEnded),
    SignInFailed(SignInFailed),
    NameChanged(NameChanged),
    PasswordChanged(PasswordChanged),
    PasswordReset(PasswordReset),
    UsersExported(UsersExported),
    TokenMade(TokenMade),
    UsageCrossed(UsageCrossed),
    /// The key says it all (`space.add`, `session.create`, ...), or an older entry's parameters
    /// do not have this shape.
    None,
}

fn read<T: DeserializeOwned>(parameters: &Value) -> Option<T> {
    T::deserialize(parameters).ok()
}

impl Params {
    /// `key`'s parameters as its family writes them.
    pub fn read(key: ActivityKey, parameters: &Value) -> Params {
        use ActivityKey as K;
        let p = parameters;
        let found = match key {
            K::OrgUserUpdate => read(p).map(Params::RoleChanged),
            K::OrgUserDestroy => read(p).map(Params::Removed),
            K::OrgUserRestore => read(p).map(Params::Rejoined),
            K::InvitationCreate
            | K::InvitationResend
            | K::InvitationRevoke
            | K::InvitationAccept
            | K::InvitationRestore => read(p).map(Params::Invitation),
            K::CollaboratorCreate | K::CollaboratorUpdate | K::CollaboratorDestroy | K::CollaboratorRestore => {
                read(p).map(Params::Collaborator)
            }
            K::SettingsUpdate => read(p).map(Params::Settings),
            K::SubscriptionCreate | K::SubscriptionRenew => read(p).map(Params::PeriodStarted),
            K::SubscriptionUpdate => read(p)
                .map(Params::Upgraded)
                .or_else(|| read(p).map(Params::DowngradeChosen)),
            K::SubscriptionEnd => read(p)
                .map(Params::EndedUnpaid)
                .or_else(|| read(p).map(Params::PeriodEnds)),
            K::SubscriptionCancel | K::SubscriptionResume => read(p).map(Params::PeriodEnds),
            K::InvoicePay | K::InvoiceDecline => read(p).map(Params::Charge),
            K::BillingUpdate => read(p).map(Params::Billing),
            K::PaymentUpdate => read(p).map(Params::Payment),
            K::SessionDestroy => read(p).map(Params::SessionsEnded),
            K::SessionFail => read(p).map(Params::SignInFailed),
            K::AccountUpdate => read(p).map(Params::NameChanged),
            K::PasswordChange => read(p).map(Params::PasswordChanged),
            K::PasswordReset => read(p).map(Params::PasswordReset),
            K::UsersExport => read(p).map(Params::UsersExported),
            K::AccessTokenCreate => read(p).map(Params::TokenMade),
            K::UsageAlert => read(p).map(Params::UsageCrossed),
            K::SpaceAdd
            | K::SpaceDetach
            | K::SpaceRestore
            | K::SessionCreate
            | K::TwoFactorEnable
            | K::TwoFactorDisable
            | K::RecoveryCodeUse
            | K::AccessTokenRevoke
            | K::WebhookCreate
            | K::WebhookUpdate
            | K::WebhookDestroy
            | K::SsoUpdate
            | K::SsoDomainCreate
            | K::SsoDomainVerify
            | K::SsoDomainDestroy
            | K::SsoDomainLost
            | K::OrgUserSsoJoin
            | K::ScimTokenCreate
            | K::ScimTokenRevoke
            | K::OrgUserScimJoin
            | K::OrgUserScimSuspend
            | K::OrgUserScimReactivate
            | K::OrgUserScimRemove => None,
        };
        found.unwrap_or(Params::None)
    }

    /// The parameters as stored and sent: a JSON object (`{}` for none).
    pub fn to_value(&self) -> Value {
        let value = match self {
            Params::RoleChanged(p) => serde_json::to_value(p),
            Params::Removed(p) => serde_json::to_value(p),
            Params::Rejoined(p) => serde_json::to_value(p),
            Params::Invitation(p) => serde_json::to_value(p),
            Params::Collaborator(p) => serde_json::to_value(p),
            Params::Settings(p) => serde_json::to_value(p),
            Params::PeriodStarted(p) => serde_json::to_value(p),
            Params::Upgraded(p) => serde_json::to_value(p),
            Params::DowngradeChosen(p) => serde_json::to_value(p),
            Params::PeriodEnds(p) => serde_json::to_value(p),
            Params::EndedUnpaid(p) => serde_json::to_value(p),
            Params::Charge(p) => serde_json::to_value(p),
            Params::Billing(p) => serde_json::to_value(p),
            Params::Payment(p) => serde_json::to_value(p),
            Params::SessionsEnded(p) => serde_json::to_value(p),
            Params::SignInFailed(p) => serde_json::to_value(p),
            Params::NameChanged(p) => serde_json::to_value(p),
            Params::PasswordChanged(p) => serde_json::to_value(p),
            Params::PasswordReset(p) => serde_json::to_value(p),
            Params::UsersExported(p) => serde_json::to_value(p),
            Params::TokenMade(p) => serde_json::to_value(p),
            Params::UsageCrossed(p) => serde_json::to_value(p),
            Params::None => Ok(Value::Object(Default::default())),
        };
        // Plain structs of strings, numbers and enums always serialize.
        value.unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn parameters_keep_their_wire_shape_and_read_back() {
        let written = Params::Invitation(Invited {
            email: "nora@new.test".into(),
            org_role: Some(OrgRole::Admin),
        });
        assert_eq!(
            written.to_value(),
            json!({ "email": "nora@new.test", "org_role": "admin" })
        );
        assert_eq!(
            Params::read(ActivityKey::InvitationCreate, &written.to_value()),
            written
        );
        let downgrade = json!({
            "next_tier": { "before": null, "after": "team" },
            "cancel_at_period_end": { "before": false, "after": false },
            "takes_effect": "2026-12-31",
        });
        assert!(matches!(
            Params::read(ActivityKey::SubscriptionUpdate, &downgrade),
            Params::DowngradeChosen(_)
        ));
        let unpaid = json!({ "reason": "unpaid", "number": "OA-2026-0001" });
        assert!(matches!(
            Params::read(ActivityKey::SubscriptionEnd, &unpaid),
            Params::EndedUnpaid(_)
        ));
        // An older entry of another shape reads as none, not as an error.
        assert_eq!(Params::read(ActivityKey::SessionFail, &json!({})), Params::None);
        assert_eq!(Params::None.to_value(), json!({}));
    }
}

//! Activities: who changed what in the organization, and when. The object uses the field names of
//! Storyblok's Management API activity (`id`, `key`, `trackable_id`, `trackable_type`, `owner_id`,
//! `owner_type`, `parameters`, `recipient_id`, `recipient_type`, `created_at`, `updated_at`,
//! `space_id`); `ip`, `user_agent` and the two names are additive.

use crate::text::{ActivityWords, TrackableNames};
use crate::Lang;
use serde::{Deserialize, Serialize};

/// What an activity is about: Storyblok's `trackable_type`, and the `types` filter's values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum TrackableType {
    /// A person's place in the organization (role, removal).
    OrgUser,
    Invitation,
    Space,
    /// A person's collaborator role on one space.
    Collaborator,
    Settings,
    Subscription,
    Invoice,
    BillingInfo,
    PaymentMethod,
    /// Signing in and out.
    Session,
    /// A download of the users list.
    UsersExport,
    /// A person's own account: password, two-factor sign-in.
    Account,
    /// A personal access token for the Management API.
    AccessToken,
    /// A webhook endpoint that receives the activity log.
    Webhook,
    /// The billing month's traffic crossing a share of what the tier includes.
    Usage,
    /// The SSO identifier and the verified domains.
    Sso,
}

impl TrackableType {
    pub const ALL: [TrackableType; 16] = [
        TrackableType::OrgUser,
        TrackableType::Invitation,
        TrackableType::Space,
        TrackableType::Collaborator,
        TrackableType::Settings,
        TrackableType::Subscription,
        TrackableType::Invoice,
        TrackableType::BillingInfo,
        TrackableType::PaymentMethod,
        TrackableType::Session,
        TrackableType::UsersExport,
        TrackableType::Account,
        TrackableType::AccessToken,
        TrackableType::Webhook,
        TrackableType::Usage,
        TrackableType::Sso,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            TrackableType::OrgUser => "OrgUser",
            TrackableType::Invitation => "Invitation",
            TrackableType::Space => "Space",
            TrackableType::Collaborator => "Collaborator",
            TrackableType::Settings => "Settings",
            TrackableType::Subscription => "Subscription",
            TrackableType::Invoice => "Invoice",
            TrackableType::BillingInfo => "BillingInfo",
            TrackableType::PaymentMethod => "PaymentMethod",
            TrackableType::Session => "Session",
            TrackableType::UsersExport => "UsersExport",
            TrackableType::Account => "Account",
            TrackableType::AccessToken => "AccessToken",
            TrackableType::Webhook => "Webhook",
            TrackableType::Usage => "Usage",
            TrackableType::Sso => "Sso",
        }
    }

    pub fn parse(text: &str) -> Option<TrackableType> {
        Self::ALL.into_iter().find(|t| t.as_str() == text)
    }

    /// Whether activities of this type change the organization, so open pages follow them live.
    /// Signing in and out (which anyone on the internet can cause by failing to) and downloads of
    /// the users list change nothing.
    pub const fn is_change(self) -> bool {
        !matches!(self, TrackableType::Session | TrackableType::UsersExport)
    }

    /// The name of the filter choice people of `lang` see.
    pub fn label_in(self, lang: Lang) -> &'static str {
        let names = TrackableNames::of(lang);
        match self {
            TrackableType::OrgUser => names.OrgUser,
            TrackableType::Invitation => names.Invitation,
            TrackableType::Space => names.Space,
            TrackableType::Collaborator => names.Collaborator,
            TrackableType::Settings => names.Settings,
            TrackableType::Subscription => names.Subscription,
            TrackableType::Invoice => names.Invoice,
            TrackableType::BillingInfo => names.BillingInfo,
            TrackableType::PaymentMethod => names.PaymentMethod,
            TrackableType::Session => names.Session,
            TrackableType::UsersExport => names.UsersExport,
            TrackableType::Account => names.Account,
            TrackableType::AccessToken => names.AccessToken,
            TrackableType::Webhook => names.Webhook,
            TrackableType::Usage => names.Usage,
            TrackableType::Sso => names.Sso,
        }
    }
}

macro_rules! activity_keys {
    ($($variant:ident => $key:literal, $trackable:ident;)*) => {
        /// One kind of activity: Storyblok's `key`, written `type.action`.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
        pub enum ActivityKey {
            $(#[serde(rename = $key)] $variant,)*
        }

        impl ActivityKey {
            pub const ALL: &'static [ActivityKey] = &[$(ActivityKey::$variant),*];

            pub fn as_str(self) -> &'static str {
                match self { $(ActivityKey::$variant => $key,)* }
            }

            pub fn trackable_type(self) -> TrackableType {
                match self { $(ActivityKey::$variant => TrackableType::$trackable,)* }
            }

            /// The action in words of `lang` ([`ActivityWords`] has one for each kind).
            pub fn describe_in(self, lang: Lang) -> &'static str {
                let words = ActivityWords::of(lang);
                match self { $(ActivityKey::$variant => words.$variant,)* }
            }
        }
    };
}

activity_keys! {
    OrgUserUpdate => "org_user.update", OrgUser;
    OrgUserDestroy => "org_user.destroy", OrgUser;
    OrgUserRestore => "org_user.restore", OrgUser;
    OrgUserSsoJoin => "org_user.sso_join", OrgUser;
    InvitationCreate => "invitation.create", Invitation;
    InvitationResend => "invitation.resend", Invitation;
    InvitationRevoke => "invitation.revoke", Invitation;
    InvitationAccept => "invitation.accept", Invitation;
    InvitationRestore => "invitation.restore", Invitation;
    SpaceAdd => "space.add", Space;
    SpaceDetach => "space.detach", Space;
    SpaceRestore => "space.restore", Space;
    CollaboratorCreate => "collaborator.create", Collaborator;
    CollaboratorUpdate => "collaborator.update", Collaborator;
    CollaboratorDestroy => "collaborator.destroy", Collaborator;
    CollaboratorRestore => "collaborator.restore", Collaborator;
    SettingsUpdate => "settings.update", Settings;
    SubscriptionCreate => "subscription.create", Subscription;
    SubscriptionUpdate => "subscription.update", Subscription;
    SubscriptionCancel => "subscription.cancel", Subscription;
    SubscriptionResume => "subscription.resume", Subscription;
    SubscriptionRenew => "subscription.renew", Subscription;
    SubscriptionEnd => "subscription.end", Subscription;
    InvoicePay => "invoice.pay", Invoice;
    InvoiceDecline => "invoice.decline", Invoice;
    BillingUpdate => "billing.update", BillingInfo;
    PaymentUpdate => "payment.update", PaymentMethod;
    SessionCreate => "session.create", Session;
    SessionFail => "session.fail", Session;
    SessionDestroy => "session.destroy", Session;
    UsersExport => "users.export", UsersExport;
    AccountUpdate => "account.update", Account;
    PasswordChange => "account.password_change", Account;
    PasswordReset => "account.password_reset", Account;
    TwoFactorEnable => "account.two_factor_enable", Account;
    TwoFactorDisable => "account.two_factor_disable", Account;
    RecoveryCodeUse => "account.recovery_code_use", Account;
    AccessTokenCreate => "access_token.create", AccessToken;
    AccessTokenRevoke => "access_token.revoke", AccessToken;
    WebhookCreate => "webhook.create", Webhook;
    WebhookUpdate => "webhook.update", Webhook;
    WebhookDestroy => "webhook.destroy", Webhook;
    UsageAlert => "usage.alert", Usage;
    SsoUpdate => "sso.update", Sso;
    SsoDomainCreate => "sso_domain.create", Sso;
    SsoDomainVerify => "sso_domain.verify", Sso;
    SsoDomainDestroy => "sso_domain.destroy", Sso;
    SsoDomainLost => "sso_domain.lost", Sso;
    ScimTokenCreate => "scim_token.create", Sso;
    ScimTokenRevoke => "scim_token.revoke", Sso;
    OrgUserScimJoin => "org_user.scim_join", OrgUser;
    OrgUserScimSuspend => "org_user.scim_suspend", OrgUser;
    OrgUserScimReactivate => "org_user.scim_reactivate", OrgUser;
    OrgUserScimRemove => "org_user.scim_remove", OrgUser;
}

impl ActivityKey {
    /// The action in words, for the Activity table and its CSV.
    pub fn describe(self) -> &'static str {
        self.describe_in(Lang::En)
    }

    pub fn parse(text: &str) -> Option<ActivityKey> {
        Self::ALL.iter().copied().find(|k| k.as_str() == text)
    }
}

// Written by hand: the derive cannot see the serde names given through the macro above.
#[cfg(feature = "openapi")]
impl utoipa::PartialSchema for ActivityKey {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        utoipa::openapi::ObjectBuilder::new()
            .schema_type(utoipa::openapi::schema::Type::String)
            .description(Some("`type.action`, such as `org_user.update`"))
            .enum_values(Some(ActivityKey::ALL.iter().map(|k| k.as_str())))
            .into()
    }
}

#[cfg(feature = "openapi")]
impl utoipa::ToSchema for ActivityKey {}

/// One thing that happened in the organization. Nothing edits or deletes it through the API.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Activity {
    pub id: i64,
    pub key: ActivityKey,
    pub trackable_id: Option<i64>,
    pub trackable_type: TrackableType,
    /// Who acted; none for the server's own scheduled work and for failed sign-ins.
    pub owner_id: Option<i64>,
    /// `User` when a person acted.
    pub owner_type: Option<String>,
    /// What changed, before and after. Never a password, code, token or card number.
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub parameters: serde_json::Value,
    /// The person the activity was done to, if any.
    pub recipient_id: Option<i64>,
    pub recipient_type: Option<String>,
    /// RFC 3339, UTC.
    pub created_at: String,
    pub updated_at: String,
    pub space_id: Option<i64>,
    /// Additive: the client address and browser of the request.
    pub ip: Option<String>,
    pub user_agent: Option<String>,
    /// Additive: the actor's and the target's names as they were at the time.
    pub owner_name: Option<String>,
    pub trackable_name: Option<String>,
    /// Additive: the personal access token the change was made with, by name and id
    /// (`"CI deploy #4"`); none when made in a browser session.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub access_token: Option<String>,
}

/// `GET /api/v1/orgs/me/activities`: newest first. `snapshot` is the newest id when the first
/// page was read; passing it back keeps later pages stable while new activities arrive.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ActivitiesPage {
    pub activities: Vec<Activity>,
    pub total: i64,
    pub page: i64,
    pub per_page: i64,
    pub snapshot: i64,
}

/// The largest page of activities served at once.
pub const MAX_ACTIVITIES_PER_PAGE: i64 = 100;
/// How long activities are kept when the organization has not chosen.
pub const DEFAULT_ACTIVITY_RETENTION_DAYS: u32 = 365;
/// The bounds of the retention setting.
pub const MIN_ACTIVITY_RETENTION_DAYS: u32 = 30;
pub const MAX_ACTIVITY_RETENTION_DAYS: u32 = 3650;

/// A comma-separated filter value (`types=OrgUser,Space`, `by_owner_ids=1,2`) as its parts, or the
/// first part that does not parse.
pub fn parse_list<T>(text: &str, parse: impl Fn(&str) -> Option<T>) -> Result<Vec<T>, String> {
    text.split(',')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| parse(p).ok_or_else(|| p.to_string()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// docs/activities.md is read by people integrating with the API: it must not miss a kind.
    #[test]
    fn the_activity_docs_name_every_key_and_type() {
        let docs = include_str!("../../../docs/activities.md");
        let (table, object) = docs.split_once("## The object").unwrap();
        for key in ActivityKey::ALL {
            let (family, action) = key.as_str().split_once('.').unwrap();
            let named = table.contains(&format!("`{}`", key.as_str()))
                || table
                    .lines()
                    .any(|line| line.contains(&format!("`{family}.")) && line.contains(&format!("`.{action}`")));
            assert!(named, "docs/activities.md has no row for {}", key.as_str());
        }
        for kind in TrackableType::ALL {
            assert!(
                object.contains(&format!("`{}`", kind.as_str())),
                "docs/activities.md misses {kind:?}"
            );
        }
    }

    #[test]
    fn keys_are_type_dot_action_and_round_trip() {
        for key in ActivityKey::ALL {
            let text = key.as_str();
            let (kind, action) = text.split_once('.').expect("type.action");
            assert!(!kind.is_empty() && !action.is_empty(), "{text}");
            assert_eq!(ActivityKey::parse(text), Some(*key));
            assert_eq!(serde_json::to_string(key).unwrap(), format!("\"{text}\""));
        }
        assert_eq!(ActivityKey::parse("org_user.delete"), None);
    }

    #[test]
    fn every_trackable_type_has_a_key_and_round_trips() {
        for t in TrackableType::ALL {
            assert_eq!(TrackableType::parse(t.as_str()), Some(t));
            assert_eq!(serde_json::to_string(&t).unwrap(), format!("\"{}\"", t.as_str()));
            assert!(ActivityKey::ALL.iter().any(|k| k.trackable_type() == t), "{t:?}");
        }
    }

    #[test]
    fn lists_parse_or_name_the_bad_part() {
        assert_eq!(parse_list("1, 2,,3", |p| p.parse::<i64>().ok()), Ok(vec![1, 2, 3]));
        assert_eq!(parse_list("1,x", |p| p.parse::<i64>().ok()), Err("x".to_string()));
        assert_eq!(
            parse_list("OrgUser,Space", TrackableType::parse),
            Ok(vec![TrackableType::OrgUser, TrackableType::Space])
        );
    }
}

/// One change to the organization, as `GET /api/v1/orgs/me/events` streams it (the `data` of an
/// event named `change`, whose SSE `id` is the activity's id): what happened and to which ids,
/// never names, parameters or client addresses. The receiver refetches what it shows. Signing in
/// and out and exports of the users list change nothing and are not sent.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ChangeEvent {
    /// The activity's id; send the last one seen as `Last-Event-ID` to catch up after a drop.
    pub id: i64,
    pub key: ActivityKey,
    pub trackable_type: TrackableType,
    pub trackable_id: Option<i64>,
    pub recipient_id: Option<i64>,
    pub space_id: Option<i64>,
    /// The receiver made this change themself (in this or another browser).
    pub by_you: bool,
}

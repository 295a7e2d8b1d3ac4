//! An activity's parameters in words for the table: what changed, from what to what.

use super::text::t;
use crate::i18n::{fill, lang};
use crate::widgets::format;
use contract::{Activity, ActivityKey, OrgRole, TierId};
use serde_json::Value;

fn text(value: &Value) -> String {
    match value {
        Value::Null => t().nothing.into(),
        Value::String(s) if s.is_empty() => t().empty.into(),
        Value::String(s) => s.clone(),
        Value::Array(items) if items.is_empty() => t().none.into(),
        Value::Array(items) => items.iter().map(text).collect::<Vec<_>>().join(", "),
        other => other.to_string(),
    }
}

/// A day the parameters name, as this page's language writes days.
fn day(value: &Value) -> String {
    value.as_str().map(format::day).unwrap_or_else(|| text(value))
}

fn role(value: &Value) -> String {
    value
        .as_str()
        .and_then(OrgRole::parse)
        .map(|r| r.choice_label_in(lang()).to_string())
        .unwrap_or_else(|| text(value))
}

fn tier(value: &Value) -> String {
    value
        .as_str()
        .and_then(TierId::parse)
        .map(|t| t.tier().name.to_string())
        .unwrap_or_else(|| text(value))
}

fn change(value: &Value, show: fn(&Value) -> String) -> String {
    format!("{} → {}", show(&value["before"]), show(&value["after"]))
}

fn card(value: &Value) -> String {
    fill(
        t().card_ending,
        &[
            &value["brand"].as_str().unwrap_or(t().card),
            &value["last4"].as_str().unwrap_or("····"),
        ],
    )
}

/// One line (or a few) saying what the activity changed.
pub fn describe(activity: &Activity) -> String {
    let p = &activity.parameters;
    match activity.key {
        ActivityKey::OrgUserUpdate => change(&p["org_role"], role),
        ActivityKey::OrgUserDestroy => {
            let spaces = p["spaces_left"].as_i64().unwrap_or(0);
            fill(t().was_role, &[&role(&p["org_role"]), &spaces])
        }
        ActivityKey::InvitationCreate | ActivityKey::InvitationRevoke | ActivityKey::InvitationAccept => {
            fill(t().email_as_role, &[&text(&p["email"]), &role(&p["org_role"])])
        }
        ActivityKey::InvitationResend => text(&p["email"]),
        ActivityKey::CollaboratorCreate | ActivityKey::CollaboratorUpdate | ActivityKey::CollaboratorDestroy => {
            format!("{}: {}", text(&p["collaborator"]), change(&p["role"], text))
        }
        ActivityKey::SettingsUpdate => p["changes"]
            .as_array()
            .map(|changes| {
                changes
                    .iter()
                    .map(|c| format!("{}: {}", text(&c["field"]), change(c, text)))
                    .collect::<Vec<_>>()
                    .join("; ")
            })
            .unwrap_or_default(),
        ActivityKey::SubscriptionCreate | ActivityKey::SubscriptionRenew => fill(
            t().tier_period,
            &[&tier(&p["tier"]), &day(&p["period_start"]), &day(&p["period_end"])],
        ),
        // An upgrade names the tiers; choosing a downgrade, the tier waiting for the period's end.
        ActivityKey::SubscriptionUpdate if p["tier"].is_object() => change(&p["tier"], tier),
        ActivityKey::SubscriptionUpdate => match &p["next_tier"]["after"] {
            Value::Null => t().next_tier_withdrawn.to_string(),
            next => fill(t().next_tier_from, &[&tier(next), &day(&p["takes_effect"])]),
        },
        ActivityKey::SubscriptionEnd if p["reason"] == "unpaid" => fill(t().ended_unpaid, &[&text(&p["number"])]),
        ActivityKey::SubscriptionCancel | ActivityKey::SubscriptionResume | ActivityKey::SubscriptionEnd => {
            fill(t().period_ends, &[&day(&p["period_end"])])
        }
        ActivityKey::InvoicePay | ActivityKey::InvoiceDecline => {
            let mut line = fill(
                t().paid_with,
                &[
                    &format::money(p["total_cents"].as_i64().unwrap_or(0)),
                    &text(&p["currency"]),
                    &card(&p["card"]),
                ],
            );
            if let Some(reason) = p["reason"].as_str() {
                line.push_str(&format!(": {reason}"));
            }
            line
        }
        ActivityKey::BillingUpdate => format!(
            "{}, {} {}",
            text(&p["after"]["company"]),
            text(&p["after"]["city"]),
            text(&p["after"]["country"])
        ),
        ActivityKey::PaymentUpdate => {
            let after = card(&p["after"]);
            match p["before"].is_null() {
                true => after,
                false => format!("{} → {after}", card(&p["before"])),
            }
        }
        // The space or the session says it all.
        ActivityKey::SpaceAdd | ActivityKey::SpaceDetach | ActivityKey::SessionCreate => String::new(),
        // Signed out from another session (the Account page's "Sessions"), or in it.
        ActivityKey::SessionDestroy => match p["which"].as_str() {
            Some("one") => t().another_session_ended.into(),
            Some("others") => fill(t().other_sessions_ended, &[&p["ended"].as_i64().unwrap_or(0)]),
            _ => String::new(),
        },
        // Older entries name no reason: they were all wrong passwords.
        ActivityKey::SessionFail => match (p["reason"].as_str(), p["factor"].as_str()) {
            (Some("wrong_code"), Some("recovery_code")) => t().wrong_recovery_code.into(),
            (Some("wrong_code"), _) => t().wrong_code.into(),
            (Some("locked"), Some("code")) => t().codes_locked.into(),
            (Some("locked"), _) => t().password_locked.into(),
            _ => t().wrong_password.into(),
        },
        ActivityKey::AccountUpdate => change(&p["name"], text),
        ActivityKey::PasswordChange => fill(
            t().others_signed_out,
            &[&p["other_sessions_ended"].as_i64().unwrap_or(0)],
        ),
        ActivityKey::PasswordReset => fill(t().sessions_signed_out, &[&p["sessions_ended"].as_i64().unwrap_or(0)]),
        ActivityKey::TwoFactorEnable | ActivityKey::TwoFactorDisable | ActivityKey::RecoveryCodeUse => String::new(),
        ActivityKey::UsersExport => {
            let rows = p["rows"].as_i64().unwrap_or(0);
            let mut line = fill(t().exported_users, &[&rows, &text(&p["format"]).to_uppercase()]);
            if let Some(chosen) = p["role"].as_str() {
                line.push_str(&fill(t().with_role, &[&role(&Value::from(chosen))]));
            }
            if let Some(q) = p["q"].as_str().filter(|q| !q.is_empty()) {
                line.push_str(&fill(t().with_search, &[&q]));
            }
            line
        }
    }
}

//! An activity's parameters in words for the table: what changed, from what to what. They are
//! read as the contract's typed [`Params`], as the server wrote them.

use super::text::t;
use crate::i18n::{fill, lang};
use crate::widgets::format;
use contract::activity_params::*;
use contract::{Activity, OrgRole, Params, TierId};
use serde_json::Value;

/// A setting's value, which may be text, a list or an image's description.
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

fn optional(value: &Option<String>) -> String {
    match value {
        None => t().nothing.into(),
        Some(s) if s.is_empty() => t().empty.into(),
        Some(s) => s.clone(),
    }
}

fn role(role: &OrgRole) -> String {
    role.choice_label_in(lang()).to_string()
}

fn tier(tier: &TierId) -> String {
    tier.tier().name.to_string()
}

fn change<T>(value: &BeforeAfter<T>, show: fn(&T) -> String) -> String {
    format!("{} → {}", show(&value.before), show(&value.after))
}

fn card(card: &CardSummary) -> String {
    fill(t().card_ending, &[&card.brand, &card.last4])
}

/// One line (or a few) saying what the activity changed.
pub fn describe(activity: &Activity) -> String {
    match Params::read(activity.key, &activity.parameters) {
        Params::RoleChanged(p) => change(&p.org_role, role),
        Params::Removed(p) => fill(t().was_role, &[&role(&p.org_role), &p.spaces_left]),
        Params::Rejoined(p) => fill(t().back_as_role, &[&role(&p.org_role), &p.spaces_back]),
        Params::Invitation(Invited { email, org_role: None }) => email,
        Params::Invitation(Invited {
            email,
            org_role: Some(org_role),
        }) => fill(t().email_as_role, &[&email, &role(&org_role)]),
        Params::Collaborator(p) => format!("{}: {}", p.collaborator, change(&p.role, optional)),
        Params::Settings(p) => p
            .changes
            .iter()
            .map(|c| format!("{}: {} → {}", c.field, text(&c.before), text(&c.after)))
            .collect::<Vec<_>>()
            .join("; "),
        Params::PeriodStarted(p) => fill(
            t().tier_period,
            &[
                &tier(&p.tier),
                &format::day(&p.period_start),
                &format::day(&p.period_end),
            ],
        ),
        // An upgrade names the tiers; choosing a downgrade, the tier waiting for the period's end.
        Params::Upgraded(p) => change(&p.tier, tier),
        Params::DowngradeChosen(p) => match &p.next_tier.after {
            None => t().next_tier_withdrawn.to_string(),
            Some(next) => fill(t().next_tier_from, &[&tier(next), &format::day(&p.takes_effect)]),
        },
        Params::EndedUnpaid(p) => fill(t().ended_unpaid, &[&p.number]),
        Params::PeriodEnds(p) => fill(t().period_ends, &[&format::day(&p.period_end)]),
        Params::Charge(p) => {
            let mut line = fill(
                t().paid_with,
                &[&format::money(p.total_cents), &p.currency, &card(&p.card)],
            );
            if let Some(reason) = p.reason {
                line.push_str(&format!(": {reason}"));
            }
            line
        }
        Params::Billing(p) => format!("{}, {} {}", p.after.company, p.after.city, p.after.country),
        Params::Payment(p) => match &p.before {
            None => card(&p.after),
            Some(before) => format!("{} → {}", card(before), card(&p.after)),
        },
        // Signed out from another session (the Account page's "Sessions"), or in it.
        Params::SessionsEnded(SessionsEnded {
            which: WhichSessions::One,
            ..
        }) => t().another_session_ended.into(),
        Params::SessionsEnded(p) => fill(t().other_sessions_ended, &[&p.ended]),
        Params::SignInFailed(p) => match (p.reason, p.factor) {
            (FailReason::WrongCode, FailedFactor::RecoveryCode) => t().wrong_recovery_code.into(),
            (FailReason::WrongCode, _) => t().wrong_code.into(),
            (FailReason::Locked, FailedFactor::Code) => t().codes_locked.into(),
            (FailReason::Locked, _) => t().password_locked.into(),
            (FailReason::WrongPassword, _) => t().wrong_password.into(),
        },
        Params::NameChanged(p) => change(&p.name, optional),
        Params::PasswordChanged(p) => fill(t().others_signed_out, &[&p.other_sessions_ended]),
        Params::PasswordReset(p) => fill(t().sessions_signed_out, &[&p.sessions_ended]),
        Params::UsersExported(p) => {
            let format = p.format.as_str().to_uppercase();
            let mut line = fill(t().exported_users, &[&p.rows, &format]);
            if let Some(chosen) = &p.role {
                line.push_str(&fill(t().with_role, &[&role(chosen)]));
            }
            if !p.q.is_empty() {
                line.push_str(&fill(t().with_search, &[&p.q]));
            }
            line
        }
        Params::TokenMade(p) => {
            let scopes: Vec<&str> = p.scopes.iter().map(|s| s.as_str()).collect();
            match &p.expires_at {
                Some(at) => fill(t().token_until, &[&scopes.join(", "), &format::day(at)]),
                None => fill(t().token_forever, &[&scopes.join(", ")]),
            }
        }
        Params::UsageCrossed(p) => fill(
            t().usage_crossed,
            &[
                &p.percent,
                &format::bytes(p.used_bytes),
                &format::bytes(p.included_bytes),
                &format::day(&p.period_start),
                &format::day(&p.period_end),
            ],
        ),
        // The space or the session says it all. Older failed sign-ins name no reason: they were
        // all wrong passwords.
        Params::None if activity.key == contract::ActivityKey::SessionFail => t().wrong_password.into(),
        Params::None => String::new(),
    }
}

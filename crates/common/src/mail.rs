//! The letters the server mails (an invitation, a password reset link): the domain queues them in
//! the outbox in the same transaction as the change that causes them, and the server's mailer
//! delivers them. Each carries the organization's app name and brand colour, in a plain-text part
//! and an HTML part in which every value that came from a person is escaped.

use contract::{OrgRole, StoredSettings, PRODUCT_NAME};

use crate::text::{fill, mail_texts};

/// Where the app lives, for the links in mails: `https://app.example.com` (no trailing slash).
#[derive(Clone, Debug)]
pub struct Links {
    pub public_url: String,
}

impl Links {
    /// The organization's branded address for an app path, with a secret in the fragment (which
    /// browsers never send to a server).
    pub fn branded(&self, slug: Option<&str>, path: &str, fragment: &str) -> String {
        let base = self.public_url.trim_end_matches('/');
        match slug {
            Some(slug) => format!("{base}/o/{slug}{path}#{fragment}"),
            None => format!("{base}{path}#{fragment}"),
        }
    }

    /// The organization's branded address for an app path.
    pub fn page(&self, slug: Option<&str>, path: &str) -> String {
        let base = self.public_url.trim_end_matches('/');
        match slug {
            Some(slug) => format!("{base}/o/{slug}{path}"),
            None => format!("{base}{path}"),
        }
    }
}

/// A change to an account's security that its owner is told of by mail.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SecurityChange {
    TwoFactorOn,
    TwoFactorOff,
    PasswordChanged,
    PasswordReset,
    /// A personal access token was generated for the account.
    TokenMade,
}

/// What an outbox row is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MailKind {
    Invitation,
    PasswordReset,
    /// A factor refused too often in a row: the link that lets the next right answer through.
    Unlock,
    /// The account's password or two-factor sign-in changed.
    SecurityNotice,
    /// A reset was asked for an address no account can sign in with.
    NoAccount,
    /// An invoice stayed unpaid past the grace period, and the subscription ended.
    UnpaidSubscriptionEnded,
    /// Three days of failed deliveries disabled a webhook endpoint.
    WebhookDisabled,
    /// The billing month's traffic reached a usage alert threshold.
    UsageAlert,
    /// A reset was asked for an account whose organization requires single sign-on.
    SsoRequired,
    /// The daily re-check found a verified domain's TXT record gone.
    DomainLost,
}

impl MailKind {
    pub fn as_str(self) -> &'static str {
        match self {
            MailKind::Invitation => "invitation",
            MailKind::PasswordReset => "password_reset",
            MailKind::Unlock => "unlock",
            MailKind::SecurityNotice => "security_notice",
            MailKind::NoAccount => "no_account",
            MailKind::UnpaidSubscriptionEnded => "unpaid_subscription_ended",
            MailKind::WebhookDisabled => "webhook_disabled",
            MailKind::UsageAlert => "usage_alert",
            MailKind::SsoRequired => "sso_required",
            MailKind::DomainLost => "domain_lost",
        }
    }

    pub fn parse(text: &str) -> Option<MailKind> {
        [
            MailKind::Invitation,
            MailKind::PasswordReset,
            MailKind::Unlock,
            MailKind::SecurityNotice,
            MailKind::NoAccount,
            MailKind::UnpaidSubscriptionEnded,
            MailKind::WebhookDisabled,
            MailKind::UsageAlert,
            MailKind::SsoRequired,
            MailKind::DomainLost,
        ]
        .into_iter()
        .find(|kind| kind.as_str() == text)
    }
}

contract::stored_as_text!(MailKind);

/// One mail, ready to queue.
pub struct Letter {
    /// Shown as the sender: the organization's app name, not ours.
    pub sender_name: String,
    pub to: String,
    pub subject: String,
    pub text: String,
    pub html: String,
}

/// A queued mail a sender has claimed: what it takes to send it once.
#[derive(Clone, Debug)]
pub struct OutgoingMail {
    pub id: i64,
    pub recipient: String,
    pub sender_name: String,
    pub subject: String,
    pub text_body: String,
    pub html_body: String,
    /// Tries so far, this one included.
    pub attempts: i64,
}

/// The look a mail takes from the organization.
pub struct MailBrand {
    pub app_name: String,
    pub org_name: String,
    pub color: String,
}

impl MailBrand {
    /// The product's own look, for someone in no organization.
    pub fn product() -> MailBrand {
        MailBrand {
            app_name: PRODUCT_NAME.to_string(),
            org_name: String::new(),
            color: StoredSettings::default().branding.light.primary,
        }
    }
}

/// Text for HTML, from people or not.
pub fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

/// A colour that passed the settings' validation (`#rrggbb`), or the product's.
fn safe_color(color: &str) -> String {
    let ok = color.len() == 7 && color.starts_with('#') && color[1..].bytes().all(|b| b.is_ascii_hexdigit());
    if ok {
        color.to_string()
    } else {
        StoredSettings::default().branding.light.primary
    }
}

/// The HTML part: a heading, paragraphs, one button and its address written out.
fn html(brand: &MailBrand, heading: &str, paragraphs: &[String], button: &str, link: &str) -> String {
    let color = safe_color(&brand.color);
    let lang = crate::lang::spoken().tag();
    let or_open = mail_texts().or_open;
    let body: String = paragraphs
        .iter()
        .map(|p| format!("<p style=\"margin:0 0 16px\">{}</p>", escape(p)))
        .collect();
    format!(
        "<!DOCTYPE html><html lang=\"{lang}\"><body style=\"margin:0;padding:24px;background:#f4f5f9;font:15px/1.5 -apple-system,Segoe UI,sans-serif;color:#1c2033\">\
<table role=\"presentation\" width=\"100%\" style=\"max-width:560px;margin:0 auto;background:#ffffff;border-radius:8px;border-top:4px solid {color}\"><tr><td style=\"padding:24px\">\
<p style=\"margin:0 0 16px;font-weight:700;color:{color}\">{app}</p>\
<h1 style=\"margin:0 0 16px;font-size:20px\">{heading}</h1>{body}\
<p style=\"margin:24px 0\"><a href=\"{href}\" style=\"background:{color};color:#ffffff;padding:10px 18px;border-radius:6px;text-decoration:none;font-weight:600\">{button}</a></p>\
<p style=\"margin:0;color:#5d6378;font-size:13px\">{or_open} {href}</p>\
</td></tr></table></body></html>",
        app = escape(&brand.app_name),
        heading = escape(heading),
        href = escape(link),
        button = escape(button),
    )
}

fn text(brand: &MailBrand, heading: &str, paragraphs: &[String], button: &str, link: &str) -> String {
    format!(
        "{}\n\n{heading}\n\n{}\n\n{button}: {link}\n",
        brand.app_name,
        paragraphs.join("\n\n")
    )
}

/// A mail from the organization's app: the same heading, paragraphs and button in text and HTML.
fn letter(brand: &MailBrand, to: &str, heading: String, paragraphs: &[String], button: &str, link: &str) -> Letter {
    Letter {
        sender_name: brand.app_name.clone(),
        to: to.to_string(),
        text: text(brand, &heading, paragraphs, button, link),
        html: html(brand, &heading, paragraphs, button, link),
        subject: heading,
    }
}

/// An invitation to join the organization, with the link that carries its code. In the language
/// of the request that sends it (the inviter's page): the invitee has no page of ours yet.
pub fn invitation(brand: &MailBrand, to: &str, inviter: &str, role: OrgRole, link: &str) -> Letter {
    let (org, app, said) = (&brand.org_name, &brand.app_name, mail_texts());
    let role_name = role.label_in(crate::lang::spoken());
    // English says "an Admin", "an Owner" but "a Member".
    let invited = match role {
        OrgRole::Admin | OrgRole::Owner => said.invited_as_vowel,
        OrgRole::Member => said.invited_as,
    };
    let paragraphs = [fill(invited, &[&inviter, org, &role_name]), said.join_how.to_owned()];
    let heading = fill(said.join_heading, &[org, app]);
    letter(brand, to, heading, &paragraphs, said.accept_invitation, link)
}

/// A password reset link, in the language of the page that asked for it.
pub fn password_reset(brand: &MailBrand, to: &str, link: &str) -> Letter {
    let said = mail_texts();
    let heading = fill(said.reset_heading, &[&brand.app_name]);
    let paragraphs = [said.reset_how.to_owned(), said.reset_not_you.to_owned()];
    letter(brand, to, heading, &paragraphs, said.choose_new_password, link)
}

/// A reset asked for an address that no account can sign in with. Sent as a reset would be, so the
/// answer and the work do not tell a stranger which addresses have accounts; only the mailbox's
/// owner learns it.
pub fn no_account(brand: &MailBrand, to: &str, link: &str) -> Letter {
    let (app, said) = (&brand.app_name, mail_texts());
    let heading = fill(said.no_account_heading, &[app]);
    let paragraphs = [fill(said.no_account_why, &[app]), said.ignore.to_owned()];
    letter(brand, to, heading, &paragraphs, said.go_to_sign_in, link)
}

/// A reset asked for an account whose organization signs it in with single sign-on: no link to a
/// new password, the way to sign in instead.
pub fn sso_only(brand: &MailBrand, to: &str, link: &str) -> Letter {
    let (org, said) = (&brand.org_name, mail_texts());
    let heading = fill(said.sso_only_heading, &[org]);
    let paragraphs = [fill(said.sso_only_why, &[org]), said.ignore.to_owned()];
    letter(brand, to, heading, &paragraphs, said.go_to_sso, link)
}

/// To each owner and admin: a verified domain's TXT record is gone, so it no longer counts for
/// single sign-on until it is verified again.
pub fn domain_lost(brand: &MailBrand, to: &str, domain: &str, record: &str, link: &str) -> Letter {
    let said = mail_texts();
    let heading = fill(said.domain_lost_heading, &[&domain]);
    let paragraphs = [
        fill(said.domain_lost_why, &[&domain, &record]),
        said.domain_lost_how.to_owned(),
    ];
    letter(brand, to, heading, &paragraphs, said.see_sso, link)
}

/// To each owner: an invoice stayed unpaid for a week, so the subscription ended and the
/// organization is on the free plan; what to do about it.
pub fn unpaid_subscription_ended(brand: &MailBrand, to: &str, tier: &str, number: &str, link: &str) -> Letter {
    let (org, said) = (&brand.org_name, mail_texts());
    let heading = fill(said.unpaid_heading, &[org, &tier, &number]);
    let paragraphs = [
        fill(said.unpaid_why, &[org, &tier, &number]),
        fill(said.unpaid_how, &[&tier]),
    ];
    letter(brand, to, heading, &paragraphs, said.see_invoices, link)
}

/// The organization's traffic in the billing month reached `percent` of what its tier includes:
/// told to those Settings → Notifications names.
pub fn usage_alert(brand: &MailBrand, to: &str, alert: &contract::UsageAlert, link: &str) -> Letter {
    let (said, lang) = (mail_texts(), crate::lang::spoken());
    let heading = fill(said.usage_heading, &[&brand.org_name, &alert.percent]);
    let paragraphs = [
        fill(
            said.usage_what,
            &[
                &lang.bytes(alert.used_bytes),
                &lang.bytes(alert.included_bytes),
                &alert.period_start,
                &alert.period_end,
            ],
        ),
        said.usage_how.to_owned(),
    ];
    letter(brand, to, heading, &paragraphs, said.see_dashboard, link)
}

/// A webhook endpoint was disabled after three days of failures: told to the organization's
/// owners and admins.
pub fn webhook_disabled(brand: &MailBrand, to: &str, url: &str, link: &str) -> Letter {
    let said = mail_texts();
    let heading = fill(said.webhook_disabled_heading, &[&brand.app_name]);
    let paragraphs = [
        fill(said.webhook_disabled_why, &[&url]),
        said.webhook_disabled_how.to_owned(),
    ];
    letter(brand, to, heading, &paragraphs, said.see_webhooks, link)
}

/// "Two-factor sign-in was turned on": told to the account after each change to its security,
/// with what to do if it was not them.
pub fn security_notice(brand: &MailBrand, to: &str, change: SecurityChange, link: &str) -> Letter {
    let said = mail_texts();
    let heading = match change {
        SecurityChange::TwoFactorOn => said.two_factor_on,
        SecurityChange::TwoFactorOff => said.two_factor_off,
        SecurityChange::PasswordChanged => said.password_changed,
        SecurityChange::PasswordReset => said.password_was_reset,
        SecurityChange::TokenMade => said.token_made,
    };
    let paragraphs = [said.nothing_to_do.to_owned(), said.someone_else.to_owned()];
    letter(
        brand,
        to,
        fill(heading, &[&brand.app_name]),
        &paragraphs,
        said.open_account,
        link,
    )
}

/// The link that lets the next right password or code through, after too many wrong ones in a row.
pub fn unlock(brand: &MailBrand, to: &str, link: &str, factor: crate::session::Factor) -> Letter {
    use crate::session::Factor;
    let said = mail_texts();
    let heading = fill(said.unlock_heading, &[&brand.app_name]);
    let what = match factor {
        Factor::Password => said.unlock_password,
        Factor::Code => said.unlock_codes,
    };
    let paragraphs = [
        what.to_owned(),
        said.unlock_how.to_owned(),
        said.unlock_not_you.to_owned(),
    ];
    letter(brand, to, heading, &paragraphs, said.sign_in, link)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_value_from_people_is_escaped_in_the_html_part() {
        let brand = MailBrand {
            app_name: "Acme <Hub>".into(),
            org_name: "A&B \"Studio\"".into(),
            color: "red;background:url(x)".into(),
        };
        let letter = invitation(
            &brand,
            "x@y.z",
            "<script>alert(1)</script>",
            OrgRole::Member,
            "https://a/b#code=1\"><x",
        );
        assert!(!letter.html.contains("<script>") && letter.html.contains("&lt;script&gt;"));
        assert!(letter.html.contains("Acme &lt;Hub&gt;") && letter.html.contains("A&amp;B &quot;Studio&quot;"));
        assert!(
            !letter.html.contains("url(x)"),
            "colours are checked before they are used"
        );
        assert!(letter.html.contains("code=1&quot;&gt;&lt;x"));
        assert!(
            letter.text.contains("<script>alert(1)</script>"),
            "the text part is text"
        );
    }

    #[test]
    fn links_carry_the_secret_in_the_fragment_at_the_branded_address() {
        let links = Links {
            public_url: "https://app.example.com/".into(),
        };
        assert_eq!(
            links.branded(Some("acme"), "/accept-invitation", "code=abc"),
            "https://app.example.com/o/acme/accept-invitation#code=abc"
        );
        assert_eq!(
            links.branded(None, "/reset-password", "token=t"),
            "https://app.example.com/reset-password#token=t"
        );
    }
}

//! The letters the server mails (an invitation, a password reset link): the domain queues them in
//! the outbox in the same transaction as the change that causes them, and the server's mailer
//! delivers them. Each carries the organization's app name and brand colour, in a plain-text part
//! and an HTML part in which every value that came from a person is escaped.

use contract::{OrgRole, StoredSettings, PRODUCT_NAME};

use crate::lang::Lang;

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
    let or_open = crate::say!("Or open this address:", "Oder öffnen Sie diese Adresse:");
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
    let (org, app) = (&brand.org_name, &brand.app_name);
    let heading = crate::say!("Join {org} on {app}", "Treten Sie {org} auf {app} bei");
    let lang = crate::lang::spoken();
    let role_name = role.label_in(lang);
    let paragraphs = [
        match (lang, role) {
            (Lang::En, OrgRole::Admin | OrgRole::Owner) => {
                format!("{inviter} invited you to join {org} as an {role_name}.")
            }
            (Lang::En, _) => format!("{inviter} invited you to join {org} as a {role_name}."),
            (Lang::De, _) => format!("{inviter} hat Sie eingeladen, {org} als {role_name} beizutreten."),
        },
        crate::say!(
            "Open the link below to choose a password (or enter the one of your existing account) and \
             join. The invitation works for seven days; if it has expired, ask for a new one.",
            "Öffnen Sie den Link unten, um ein Passwort zu wählen (oder das Ihres bestehenden Kontos \
             einzugeben) und beizutreten. Die Einladung gilt sieben Tage; ist sie abgelaufen, bitten Sie \
             um eine neue."
        ),
    ];
    let button = crate::say!("Accept the invitation", "Einladung annehmen");
    letter(brand, to, heading, &paragraphs, &button, link)
}

/// A password reset link, in the language of the page that asked for it.
pub fn password_reset(brand: &MailBrand, to: &str, link: &str) -> Letter {
    let app = &brand.app_name;
    let heading = crate::say!("Reset your {app} password", "Ihr Passwort für {app} zurücksetzen");
    let paragraphs = [
        crate::say!(
            "Someone asked to reset the password of this account. If it was you, open the link below \
             within 30 minutes to choose a new password; it works once, and signs out every other session.",
            "Jemand hat verlangt, das Passwort dieses Kontos zurückzusetzen. Wenn Sie es waren, öffnen Sie \
             den Link unten innerhalb von 30 Minuten, um ein neues Passwort zu wählen; er funktioniert \
             einmal und meldet alle anderen Sitzungen ab."
        ),
        crate::say!(
            "If it was not you, ignore this mail: your password stays as it is.",
            "Wenn Sie es nicht waren, ignorieren Sie diese E-Mail: Ihr Passwort bleibt, wie es ist."
        ),
    ];
    let button = crate::say!("Choose a new password", "Neues Passwort wählen");
    letter(brand, to, heading, &paragraphs, &button, link)
}

/// A reset asked for an address that no account can sign in with. Sent as a reset would be, so the
/// answer and the work do not tell a stranger which addresses have accounts; only the mailbox's
/// owner learns it.
pub fn no_account(brand: &MailBrand, to: &str, link: &str) -> Letter {
    let app = &brand.app_name;
    let heading = crate::say!(
        "No {app} account with this address",
        "Kein Konto bei {app} mit dieser Adresse"
    );
    let paragraphs = [
        crate::say!(
            "Someone asked to reset the password of the {app} account with this address, but no account \
             with this address can sign in. If it was you, you may have signed up with another address, \
             or your organization's admins may have disabled your account.",
            "Jemand hat verlangt, das Passwort des Kontos bei {app} mit dieser Adresse zurückzusetzen, aber \
             mit dieser Adresse kann sich kein Konto anmelden. Wenn Sie es waren, haben Sie sich vielleicht \
             mit einer anderen Adresse registriert, oder die Admins Ihrer Organisation haben Ihr Konto deaktiviert."
        ),
        crate::say!(
            "If it was not you, ignore this mail.",
            "Wenn Sie es nicht waren, ignorieren Sie diese E-Mail."
        ),
    ];
    let button = crate::say!("Go to sign-in", "Zur Anmeldung");
    letter(brand, to, heading, &paragraphs, &button, link)
}

/// To each owner: an invoice stayed unpaid for a week, so the subscription ended and the
/// organization is on the free plan; what to do about it.
pub fn unpaid_subscription_ended(brand: &MailBrand, to: &str, tier: &str, number: &str, link: &str) -> Letter {
    let org = &brand.org_name;
    let heading = crate::say!(
        "{org}'s {tier} subscription ended: invoice {number} is unpaid",
        "Das {tier}-Abonnement von {org} ist beendet: Rechnung {number} ist unbezahlt"
    );
    let paragraphs = [
        crate::say!(
            "Invoice {number} could not be charged for a week, so the {tier} subscription ended and {org} \
             is on the free plan now, with its limits.",
            "Rechnung {number} konnte eine Woche lang nicht abgebucht werden. Daher ist das {tier}-Abonnement \
             beendet, und {org} ist jetzt im kostenlosen Tarif, mit dessen Grenzen."
        ),
        crate::say!(
            "Add a working card under Payment information: the invoice is paid with it, and the {tier} plan \
             comes back for the rest of the period it covers.",
            "Hinterlegen Sie unter Zahlungsangaben eine funktionierende Karte: Damit wird die Rechnung bezahlt, \
             und der {tier}-Tarif gilt wieder für den Rest des Zeitraums, den sie abdeckt."
        ),
    ];
    let button = crate::say!("See the invoices", "Rechnungen ansehen");
    letter(brand, to, heading, &paragraphs, &button, link)
}

/// "Two-factor sign-in was turned on": told to the account after each change to its security,
/// with what to do if it was not them.
pub fn security_notice(brand: &MailBrand, to: &str, change: SecurityChange, link: &str) -> Letter {
    let app = &brand.app_name;
    let heading = match change {
        SecurityChange::TwoFactorOn => crate::say!(
            "Two-factor sign-in was turned on for your {app} account",
            "Die Zwei-Faktor-Anmeldung wurde für Ihr Konto bei {app} eingeschaltet"
        ),
        SecurityChange::TwoFactorOff => crate::say!(
            "Two-factor sign-in was turned off for your {app} account",
            "Die Zwei-Faktor-Anmeldung wurde für Ihr Konto bei {app} ausgeschaltet"
        ),
        SecurityChange::PasswordChanged => crate::say!(
            "The password of your {app} account was changed",
            "Das Passwort Ihres Kontos bei {app} wurde geändert"
        ),
        SecurityChange::PasswordReset => crate::say!(
            "The password of your {app} account was reset",
            "Das Passwort Ihres Kontos bei {app} wurde zurückgesetzt"
        ),
    };
    let paragraphs = [
        crate::say!(
            "If it was you, there is nothing to do.",
            "Wenn Sie es waren, ist nichts zu tun."
        ),
        crate::say!(
            "If it was not you, someone else is in your account: reset your password with \"Forgot \
             password?\" on the sign-in page, sign out every other session on your account page, and \
             tell your organization's admin.",
            "Wenn Sie es nicht waren, ist jemand anderes in Ihrem Konto: Setzen Sie Ihr Passwort mit \
             „Passwort vergessen?“ auf der Anmeldeseite zurück, melden Sie auf Ihrer Kontoseite alle \
             anderen Sitzungen ab und sagen Sie es dem Admin Ihrer Organisation."
        ),
    ];
    let button = crate::say!("Open your account", "Ihr Konto öffnen");
    letter(brand, to, heading, &paragraphs, &button, link)
}

/// The link that lets the next right password or code through, after too many wrong ones in a row.
pub fn unlock(brand: &MailBrand, to: &str, link: &str, factor: crate::session::Factor) -> Letter {
    use crate::session::Factor;
    let app = &brand.app_name;
    let heading = crate::say!(
        "Confirm it is you signing in to {app}",
        "Bestätigen Sie Ihre Anmeldung bei {app}"
    );
    let what = match factor {
        Factor::Password => crate::say!(
            "Your password was entered wrongly many times in a row, so it is refused until you confirm that \
             it is you.",
            "Ihr Passwort wurde oft hintereinander falsch eingegeben, deshalb wird es abgelehnt, bis Sie \
             bestätigen, dass Sie es sind."
        ),
        Factor::Code => crate::say!(
            "Wrong sign-in codes were entered many times in a row, so codes are refused until you confirm \
             that it is you.",
            "Es wurden oft hintereinander falsche Anmeldecodes eingegeben, deshalb werden Codes abgelehnt, \
             bis Sie bestätigen, dass Sie es sind."
        ),
    };
    let paragraphs = [
        what,
        crate::say!(
            "If it was you, open the link below within 30 minutes and sign in there.",
            "Wenn Sie es waren, öffnen Sie den Link unten innerhalb von 30 Minuten und melden Sie sich dort an."
        ),
        crate::say!(
            "If it was not you, somebody is trying to sign in as you: ignore this mail, and if they got \
             past the password, change it.",
            "Wenn Sie es nicht waren, versucht jemand, sich als Sie anzumelden: Ignorieren Sie diese E-Mail, \
             und falls er das Passwort kannte, ändern Sie es."
        ),
    ];
    let button = crate::say!("Sign in", "Anmelden");
    letter(brand, to, heading, &paragraphs, &button, link)
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

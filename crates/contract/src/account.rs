//! A person's own account: name, password, password reset and two-factor sign-in (TOTP, RFC 6238,
//! 30-second steps, 6 digits, with one-time recovery codes).

use crate::text::auth;
use crate::{fill, Lang};
use serde::{Deserialize, Serialize};

use crate::{Profile, MAX_PASSWORD_CHARS, MAX_PERSON_NAME_CHARS, MIN_PASSWORD_LEN};

/// Digits of an authentication code.
pub const TOTP_DIGITS: usize = 6;
/// Seconds each code is valid for.
pub const TOTP_STEP_SECONDS: u64 = 30;
/// Recovery codes given when two-factor sign-in is turned on.
pub const RECOVERY_CODES: usize = 10;
/// How long a password reset link works.
pub const RESET_LINK_MINUTES: i64 = 30;

/// What signing in still needs after the password.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum SignInStep {
    /// Signed in.
    #[default]
    Done,
    /// An authentication code (or a recovery code) at `POST /auth/two-factor`; until then the
    /// session opens nothing else.
    TwoFactor,
    /// The organization requires two-factor sign-in and this person has not set it up: only the
    /// set-up answers until it is done.
    SetUpTwoFactor,
}

/// `POST /api/v1/auth/two-factor`: the code from the authenticator app, or a recovery code.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TwoFactorCode {
    pub code: String,
    /// At sign-in, the token of the link mailed when codes were refused too often in a row: with
    /// it, the right code opens the account again.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unlock: Option<String>,
}

/// `POST /api/v1/auth/password-check`: the judgement a new password gets, asked as it is typed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PasswordCheck {
    pub password: String,
    /// What the password must not lean on: the person's address and names, when known (at most
    /// 5, each at most 200 characters). Changing a password judges it with the account's own.
    #[serde(default)]
    pub about: Vec<String>,
}

/// The answer to a [`PasswordCheck`]: what submitting this password would be told.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PasswordJudgement {
    pub acceptable: bool,
    /// Why not, in the caller's language.
    pub message: Option<String>,
}

/// `POST /api/v1/auth/password-reset`: always answered the same way, account or not.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PasswordResetRequest {
    pub email: String,
}

/// `POST /api/v1/auth/password-reset/confirm`: the token from the link and the new password.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PasswordReset {
    pub token: String,
    pub password: String,
}

/// `GET /api/v1/me/account`
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AccountView {
    pub profile: Profile,
    pub two_factor_enabled: bool,
    /// Recovery codes not used yet.
    pub recovery_codes_left: i64,
    /// The organization requires two-factor sign-in.
    pub two_factor_required: bool,
}

/// `PATCH /api/v1/me/account`
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProfileUpdate {
    pub firstname: String,
    pub lastname: String,
}

/// `PUT /api/v1/me/password`: ends every other session of the account.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PasswordChange {
    pub current_password: String,
    pub new_password: String,
}

/// A QR code as its modules, row by row (`1` dark, `0` light), for the app to draw.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct QrCode {
    pub size: u32,
    pub modules: String,
}

/// `POST /api/v1/me/two-factor/setup`: the current password, so that a session someone else got
/// hold of cannot enrol their own authenticator.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TwoFactorStart {
    pub password: String,
}

/// The answer to `POST /api/v1/me/two-factor/setup`: a new secret, as text and as an
/// `otpauth://` QR code.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TwoFactorSetup {
    /// Base32, for authenticator apps that cannot scan.
    pub secret: String,
    pub otpauth_uri: String,
    pub qr: QrCode,
}

/// `POST /api/v1/me/two-factor/verify`: shown once; each works once instead of a code.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RecoveryCodes {
    pub codes: Vec<String>,
}

/// `DELETE /api/v1/me/two-factor`: the password and a code (or a recovery code).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TwoFactorDisable {
    pub password: String,
    pub code: String,
}

/// A new password's first problem: (message). The same rule everywhere a password is set.
pub fn new_password_problem(password: &str, lang: Lang) -> Option<String> {
    let chars = password.chars().count();
    if chars < MIN_PASSWORD_LEN {
        Some(fill(auth(lang).password_too_short, &[&MIN_PASSWORD_LEN]))
    } else if chars > MAX_PASSWORD_CHARS {
        Some(crate::auth::password_too_long(lang))
    } else {
        None
    }
}

impl ProfileUpdate {
    /// The names as stored (trimmed), or the first field to change: (field, message).
    pub fn validated(&self, lang: Lang) -> Result<ProfileUpdate, (&'static str, String)> {
        let mut out = ProfileUpdate {
            firstname: self.firstname.trim().to_string(),
            lastname: self.lastname.trim().to_string(),
        };
        for (field, value) in [("firstname", &mut out.firstname), ("lastname", &mut out.lastname)] {
            if value.chars().count() > MAX_PERSON_NAME_CHARS {
                return Err((field, crate::auth::name_too_long(lang)));
            }
            if value.chars().any(char::is_control) {
                return Err((field, auth(lang).name_one_line.to_owned()));
            }
        }
        if out.firstname.is_empty() && out.lastname.is_empty() {
            return Err(("firstname", auth(lang).enter_name.to_owned()));
        }
        Ok(out)
    }
}

/// Whether `code` looks like an authentication code (6 digits, spaces allowed) rather than a
/// recovery code.
pub fn is_totp_code(code: &str) -> bool {
    let digits: String = code.chars().filter(|c| !c.is_whitespace()).collect();
    digits.len() == TOTP_DIGITS && digits.bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_and_names_are_checked_once_for_everywhere() {
        assert!(new_password_problem("short", Lang::En).is_some());
        assert!(new_password_problem(&"x".repeat(MAX_PASSWORD_CHARS + 1), Lang::En).is_some());
        assert_eq!(new_password_problem("long enough password", Lang::En), None);
        let update = ProfileUpdate {
            firstname: "  Ada ".into(),
            lastname: "Lovelace".into(),
        };
        assert_eq!(update.validated(Lang::En).unwrap().firstname, "Ada");
        let empty = ProfileUpdate {
            firstname: " ".into(),
            lastname: "".into(),
        };
        assert_eq!(empty.validated(Lang::En).unwrap_err().0, "firstname");
    }

    #[test]
    fn six_digits_are_an_authentication_code() {
        assert!(is_totp_code("123456"));
        assert!(is_totp_code("123 456"));
        assert!(!is_totp_code("12345"));
        assert!(!is_totp_code("abcd-efgh-ijkl"));
    }
}

/// One of the signed-in person's sessions (`GET /api/v1/me/sessions`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SessionSummary {
    /// What ends it (`DELETE /api/v1/me/sessions/{id}`); not its token.
    pub id: String,
    /// The browser and the system it signed in with, read from its User-Agent; none when unknown.
    pub browser: Option<String>,
    pub system: Option<String>,
    /// The address it signed in from.
    pub ip: Option<String>,
    /// RFC 3339, UTC.
    pub signed_in_at: String,
    /// RFC 3339, UTC, to the minute.
    pub last_active_at: String,
    /// The session asking.
    pub current: bool,
}

/// `GET /api/v1/me/sessions`: the person's live sessions, the most recently active first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SessionList {
    pub sessions: Vec<SessionSummary>,
}

/// `GET /api/v1/me/session`: when the session asking ends. Asking with `X-Background: 1` (as the
/// app's own timers do) does not count as activity.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SessionTimes {
    /// RFC 3339, UTC: 12 hours after sign-in, whatever happens.
    pub expires_at: String,
    /// RFC 3339, UTC: when it ends unless a person's request comes first (never after `expires_at`).
    pub idle_expires_at: String,
    /// How long a session may go without a person's request.
    pub idle_timeout_seconds: u64,
    /// Seconds until `idle_expires_at` by the server's clock, so a client with a wrong clock still
    /// warns in time.
    pub idle_seconds_left: u64,
}

/// The request header the app sends on requests no person asked for (refreshes after a live
/// change, its own timers): they do not keep a session from ending for inactivity.
pub const BACKGROUND_HEADER: &str = "x-background";

/// `POST /api/v1/me/sessions/sign-out-others`: how many sessions ended.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SessionsEnded {
    pub ended: u64,
}

/// The browser and the system a User-Agent names, as people call them ("Firefox", "macOS").
/// Order matters: Edge and Opera say "Chrome" too, Chrome says "Safari", Android says "Linux".
pub fn browser_and_system(user_agent: &str) -> (Option<&'static str>, Option<&'static str>) {
    let has = |needle: &str| user_agent.contains(needle);
    let browser = if has("Edg/") || has("Edge/") {
        Some("Edge")
    } else if has("OPR/") || has("Opera") {
        Some("Opera")
    } else if has("Firefox/") || has("FxiOS/") {
        Some("Firefox")
    } else if has("Chrome/") || has("Chromium/") || has("CriOS/") {
        Some("Chrome")
    } else if has("Safari/") {
        Some("Safari")
    } else {
        None
    };
    let system = if has("iPhone") || has("iPad") {
        Some("iOS")
    } else if has("Android") {
        Some("Android")
    } else if has("CrOS") {
        Some("ChromeOS")
    } else if has("Windows") {
        Some("Windows")
    } else if has("Mac OS X") || has("Macintosh") {
        Some("macOS")
    } else if has("Linux") {
        Some("Linux")
    } else {
        None
    };
    (browser, system)
}

#[cfg(test)]
mod session_tests {
    use super::browser_and_system;

    #[test]
    fn browsers_and_systems_are_named_as_people_call_them() {
        let chrome_linux = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/156.0.0.0 Safari/537.36";
        assert_eq!(browser_and_system(chrome_linux), (Some("Chrome"), Some("Linux")));
        let edge = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36 Edg/120.0";
        assert_eq!(browser_and_system(edge), (Some("Edge"), Some("Windows")));
        let safari_iphone = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1";
        assert_eq!(browser_and_system(safari_iphone), (Some("Safari"), Some("iOS")));
        let firefox_mac = "Mozilla/5.0 (Macintosh; Intel Mac OS X 14.0; rv:121.0) Gecko/20100101 Firefox/121.0";
        assert_eq!(browser_and_system(firefox_mac), (Some("Firefox"), Some("macOS")));
        let android =
            "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36";
        assert_eq!(browser_and_system(android), (Some("Chrome"), Some("Android")));
        assert_eq!(browser_and_system("curl/8.0"), (None, None));
    }
}

//! The organization's settings: its name, white-labeling, who may embed it, and security and
//! access rules. The same validation runs in the app (to show every problem at its field before
//! sending) and on the server (which refuses what breaks it), so the two cannot disagree.

mod contrast;
mod image;
mod validate;

pub use contrast::check_colors;
pub use contrast::{contrast_ratio, parse_hex_color, ColorCheck, MIN_GRAPHICS_CONTRAST, MIN_TEXT_CONTRAST};
pub use image::{sniff_image, ImageKind, MAX_FAVICON_BYTES, MAX_LOGO_BYTES};
pub use validate::{normalize_domain, normalize_origin, split_list, FieldIssue};

use crate::{allows, OrgRole, Permission};
use serde::{Deserialize, Serialize};

/// The product's own name, shown until an organization picks its app name.
pub const PRODUCT_NAME: &str = "Organization area";
pub const MAX_ORG_NAME_CHARS: usize = 80;
pub const MAX_APP_NAME_CHARS: usize = 40;
pub const MAX_SIGN_IN_TEXT_CHARS: usize = 500;
pub const MAX_EMBED_ORIGINS: usize = 20;
pub const MAX_EMAIL_DOMAINS: usize = 50;

/// A primary and an accent colour, `#rrggbb`, for one colour scheme.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ColorPair {
    pub primary: String,
    pub accent: String,
}

/// How the app looks for this organization's people.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct Branding {
    /// Replaces the product name in the header, the sign-in page, the browser title and mails;
    /// empty shows the organization's name.
    pub app_name: String,
    /// Shown on the sign-in page under the heading, as plain text.
    pub sign_in_text: String,
    pub light: ColorPair,
    pub dark: ColorPair,
    pub hide_powered_by: bool,
}

impl Default for Branding {
    fn default() -> Self {
        Branding {
            app_name: String::new(),
            sign_in_text: String::new(),
            light: ColorPair {
                primary: "#3b4cca".into(),
                accent: "#0f9d8a".into(),
            },
            dark: ColorPair {
                primary: "#8f9bff".into(),
                accent: "#3cc7b2".into(),
            },
            hide_powered_by: false,
        }
    }
}

/// Which other sites may show the app in a frame.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct EmbedSettings {
    /// Origins (`https://host[:port]`) sent in `Content-Security-Policy: frame-ancestors`.
    pub allowed_origins: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct AccessSettings {
    /// Invitations go only to addresses at these domains; empty allows any domain.
    pub allowed_email_domains: Vec<String>,
    /// Members may add spaces from their personal account to the organization.
    pub members_can_create_spaces: bool,
    /// Recorded and shown; enforcing it needs a second factor at sign-in, which is not built yet.
    pub require_two_factor: bool,
    /// Activities older than this many days are deleted by the server's scheduled work.
    pub activity_retention_days: u32,
    /// The longest a personal access token made from now on may last, in days; none for no cap.
    /// Tokens made before keep their expiry.
    pub max_token_days: Option<u32>,
    /// The regions the organization's spaces may be in; empty allows every region. Only owners
    /// change it. Spaces already in the organization elsewhere stay, flagged.
    pub allowed_regions: Vec<crate::Region>,
}

impl Default for AccessSettings {
    fn default() -> Self {
        AccessSettings {
            allowed_email_domains: Vec::new(),
            members_can_create_spaces: false,
            require_two_factor: false,
            activity_retention_days: crate::DEFAULT_ACTIVITY_RETENTION_DAYS,
            max_token_days: None,
            allowed_regions: Vec::new(),
        }
    }
}

/// What the settings form edits, as stored in `orgs.settings` (the name lives in `orgs.name`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct StoredSettings {
    pub branding: Branding,
    pub embed: EmbedSettings,
    pub access: AccessSettings,
    pub notifications: crate::NotificationSettings,
}

/// An uploaded image as the settings screen sees it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UploadedImage {
    /// Public address of the image; it changes when the image does, so it can be cached.
    pub url: String,
    pub content_type: String,
    pub bytes: i64,
}

/// `GET /api/v1/orgs/me/settings`
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrgSettings {
    /// Send it back with a change; a change based on an older version is refused (409).
    pub version: i64,
    pub name: String,
    pub slug: String,
    pub branding: Branding,
    pub embed: EmbedSettings,
    pub access: AccessSettings,
    pub notifications: crate::NotificationSettings,
    pub logo: Option<UploadedImage>,
    pub favicon: Option<UploadedImage>,
}

/// `PUT /api/v1/orgs/me/settings`
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SettingsUpdate {
    /// The version the change was made on.
    pub version: i64,
    pub name: String,
    pub branding: Branding,
    pub embed: EmbedSettings,
    pub access: AccessSettings,
    /// Left out by older clients: the notifications stay as they are.
    #[serde(default)]
    pub notifications: Option<crate::NotificationSettings>,
}

/// `GET /api/v1/branding/{org_slug}`: only what a sign-in page may show, no sign-in needed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PublicBranding {
    pub slug: String,
    pub org_name: String,
    pub app_name: String,
    pub sign_in_text: String,
    pub light: ColorPair,
    pub dark: ColorPair,
    pub hide_powered_by: bool,
    pub logo_url: Option<String>,
    pub favicon_url: Option<String>,
    /// The sites that may frame the organization's embed: the app talks to its host page only
    /// when the page is on one of them.
    #[serde(default)]
    pub embed_origins: Vec<String>,
}

impl PublicBranding {
    /// The name to show where the product's name would be.
    pub fn display_name(&self) -> &str {
        shown_name(&self.app_name, &self.org_name)
    }
}

/// What the app calls itself for an organization: its app name, else the organization's own name
/// (never the product's: an organization's people may not know the vendor).
pub fn shown_name<'a>(app_name: &'a str, org_name: &'a str) -> &'a str {
    match app_name.trim() {
        "" => org_name,
        _ => app_name,
    }
}

impl OrgSettings {
    pub fn public_branding(&self) -> PublicBranding {
        PublicBranding {
            slug: self.slug.clone(),
            org_name: self.name.clone(),
            app_name: self.branding.app_name.clone(),
            sign_in_text: self.branding.sign_in_text.clone(),
            light: self.branding.light.clone(),
            dark: self.branding.dark.clone(),
            hide_powered_by: self.branding.hide_powered_by,
            logo_url: self.logo.as_ref().map(|i| i.url.clone()),
            favicon_url: self.favicon.as_ref().map(|i| i.url.clone()),
            embed_origins: self.embed.allowed_origins.clone(),
        }
    }

    /// The form's starting point: what is saved now.
    pub fn to_update(&self) -> SettingsUpdate {
        SettingsUpdate {
            version: self.version,
            name: self.name.clone(),
            branding: self.branding.clone(),
            embed: self.embed.clone(),
            access: self.access.clone(),
            notifications: Some(self.notifications.clone()),
        }
    }
}

/// Whether an invitation to `email` is allowed by the organization's domain list.
pub fn email_domain_allowed(access: &AccessSettings, email: &str) -> bool {
    let allowed: Vec<&str> = access.allowed_email_domains.iter().map(String::as_str).collect();
    allowed.is_empty() || crate::email_at(email, &allowed)
}

/// The app's addresses that belong to one organization: `/o/{slug}/...` wears its brand and
/// `/embed/{slug}/...` is the same for another site's frame. Returns the slug and whether the
/// address is the framed one. The server sends `frame-ancestors` for these; the app mounts its
/// routes under them.
pub fn org_address(path: &str) -> Option<(&str, bool)> {
    [("/o/", false), ("/embed/", true)]
        .into_iter()
        .find_map(|(prefix, embedded)| {
            let slug = path.strip_prefix(prefix)?.split('/').next()?;
            (!slug.is_empty()).then_some((slug, embedded))
        })
}

/// Whether a page's origin (`https://www.acme.test`) is one an allowed-origins entry names,
/// read as `frame-ancestors` reads it: `https://*.acme.test` is any subdomain of acme.test.
pub fn origin_matches(allowed: &str, origin: &str) -> bool {
    let origin = origin.to_ascii_lowercase();
    match allowed.split_once("://*.") {
        Some((scheme, domain)) => origin
            .strip_prefix(scheme)
            .and_then(|rest| rest.strip_prefix("://"))
            .is_some_and(|host| host.ends_with(&format!(".{domain}")) && host.len() > domain.len() + 1),
        None => allowed.eq_ignore_ascii_case(&origin),
    }
}

/// Where an embedded app may post its messages: the host page's origin when it is known and
/// allowed (`None`: the host is not allowed), or, when the browser does not tell it, every
/// exactly-named allowed origin (the browser delivers only to the one the host really is on).
pub fn embed_targets(allowed: &[String], host: Option<&str>) -> Option<Vec<String>> {
    match host {
        Some(origin) => allowed
            .iter()
            .any(|pattern| origin_matches(pattern, origin))
            .then(|| vec![origin.to_string()]),
        None => {
            let exact: Vec<String> = allowed.iter().filter(|o| !o.contains("://*.")).cloned().collect();
            (!exact.is_empty()).then_some(exact)
        }
    }
}

/// Whether someone with `role` may add a space to the organization under these settings.
pub fn may_add_spaces(role: OrgRole, access: &AccessSettings) -> bool {
    allows(role, Permission::ManageSpaces) || (role == OrgRole::Member && access.members_can_create_spaces)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn organization_addresses_name_the_slug_and_the_mode() {
        assert_eq!(org_address("/users"), None);
        assert_eq!(org_address("/o/"), None);
        assert_eq!(org_address("/o/acme-studio"), Some(("acme-studio", false)));
        assert_eq!(org_address("/o/acme-studio/users"), Some(("acme-studio", false)));
        assert_eq!(org_address("/embed/acme-studio/"), Some(("acme-studio", true)));
        assert_eq!(org_address("/api/v1/o/x"), None);
    }

    #[test]
    fn origins_match_exactly_or_by_subdomain_wildcard() {
        assert!(origin_matches("https://www.acme.test", "https://www.acme.test"));
        assert!(!origin_matches("https://www.acme.test", "https://www.acme.test:8443"));
        assert!(!origin_matches("https://www.acme.test", "http://www.acme.test"));
        assert!(origin_matches("https://*.acme.test", "https://shop.acme.test"));
        assert!(origin_matches("https://*.acme.test", "https://a.b.acme.test"));
        assert!(!origin_matches("https://*.acme.test", "https://acme.test"));
        assert!(!origin_matches("https://*.acme.test", "https://evilacme.test"));
        assert!(!origin_matches("https://*.acme.test", "http://shop.acme.test"));
    }

    #[test]
    fn embed_messages_go_only_to_an_allowed_host() {
        let allowed = vec!["https://www.acme.test".to_string(), "https://*.shop.test".to_string()];
        let one = |o: &str| Some(vec![o.to_string()]);
        assert_eq!(
            embed_targets(&allowed, Some("https://www.acme.test")),
            one("https://www.acme.test")
        );
        assert_eq!(
            embed_targets(&allowed, Some("https://a.shop.test")),
            one("https://a.shop.test")
        );
        assert_eq!(embed_targets(&allowed, Some("https://evil.test")), None);
        assert_eq!(embed_targets(&allowed, None), one("https://www.acme.test"));
        assert_eq!(embed_targets(&[], None), None);
    }

    #[test]
    fn members_add_spaces_only_when_allowed() {
        let mut access = AccessSettings::default();
        assert!(may_add_spaces(OrgRole::Owner, &access));
        assert!(may_add_spaces(OrgRole::Admin, &access));
        assert!(!may_add_spaces(OrgRole::Member, &access));
        access.members_can_create_spaces = true;
        assert!(may_add_spaces(OrgRole::Member, &access));
    }

    #[test]
    fn allowed_domains_limit_invitations() {
        let mut access = AccessSettings::default();
        assert!(email_domain_allowed(&access, "anyone@anywhere.test"));
        access.allowed_email_domains = vec!["acme.test".into()];
        assert!(email_domain_allowed(&access, "new@ACME.test"));
        assert!(!email_domain_allowed(&access, "new@acme.test.evil"));
        assert!(!email_domain_allowed(&access, "new@sub.acme.test"));
    }
}

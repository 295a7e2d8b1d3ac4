//! What the Users tab shows (search, role, sort, page), kept in the address:
//! `/users?q=lena&role=admin&sort=last_sign_in&dir=desc&page=2`.

use crate::widgets::url;
use contract::OrgRole;
use leptos_router::params::ParamsMap;

pub const PER_PAGE: i64 = 50;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SortKey {
    #[default]
    Name,
    Email,
    Role,
    SignIns,
    LastSignIn,
}

impl SortKey {
    pub const ALL: [SortKey; 5] = [
        SortKey::Name,
        SortKey::Email,
        SortKey::Role,
        SortKey::SignIns,
        SortKey::LastSignIn,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            SortKey::Name => "name",
            SortKey::Email => "email",
            SortKey::Role => "role",
            SortKey::SignIns => "sign_ins",
            SortKey::LastSignIn => "last_sign_in",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            SortKey::Name => "Name",
            SortKey::Email => "Email",
            SortKey::Role => "Role",
            SortKey::SignIns => "Sign-ins",
            SortKey::LastSignIn => "Last sign-in",
        }
    }

    fn starts_descending(self) -> bool {
        matches!(self, SortKey::SignIns | SortKey::LastSignIn)
    }
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct ViewState {
    pub search: String,
    pub role: Option<OrgRole>,
    pub sort: SortKey,
    pub descending: bool,
    pub page: i64,
}

impl ViewState {
    pub fn from_params(params: &ParamsMap) -> ViewState {
        ViewState {
            search: params.get("q").unwrap_or_default(),
            role: params.get("role").and_then(|r| OrgRole::parse(&r)),
            sort: params
                .get("sort")
                .and_then(|s| SortKey::ALL.into_iter().find(|k| k.as_str() == s))
                .unwrap_or_default(),
            descending: params.get("dir").as_deref() == Some("desc"),
            page: params
                .get("page")
                .and_then(|p| p.parse().ok())
                .filter(|p| *p >= 1)
                .unwrap_or(1),
        }
    }

    fn pairs(&self) -> Vec<String> {
        let mut parts = Vec::new();
        if !self.search.is_empty() {
            parts.push(format!("q={}", url::encode(&self.search)));
        }
        if let Some(role) = self.role {
            parts.push(format!("role={}", role.as_str()));
        }
        if self.sort != SortKey::default() {
            parts.push(format!("sort={}", self.sort.as_str()));
        }
        if self.descending {
            parts.push("dir=desc".into());
        }
        if self.page > 1 {
            parts.push(format!("page={}", self.page));
        }
        parts
    }

    pub fn href(&self) -> String {
        let parts = self.pairs();
        if parts.is_empty() {
            "/users".into()
        } else {
            format!("/users?{}", parts.join("&"))
        }
    }

    /// The same view as the API's query string.
    pub fn api_query(&self) -> String {
        let mut parts = self.pairs();
        parts.push(format!("per_page={PER_PAGE}"));
        format!("?{}", parts.join("&"))
    }

    pub fn sorted_by(&self, key: SortKey) -> ViewState {
        let descending = if self.sort == key {
            !self.descending
        } else {
            key.starts_descending()
        };
        ViewState {
            sort: key,
            descending,
            page: 1,
            ..self.clone()
        }
    }
}

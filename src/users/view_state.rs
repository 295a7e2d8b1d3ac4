//! What the Users tab shows (search, role, sort, page), kept in the address:
//! `/users?q=lena&role=admin&sort=last_sign_in&dir=desc&page=2&per_page=100`.

use super::text::t;
use crate::widgets::url;
use contract::OrgRole;
use leptos_router::params::ParamsMap;

/// The rows a page may show; the first is the default. The last is the server's largest page.
pub const PAGE_SIZES: [i64; 4] = [50, 100, 200, contract::MAX_PER_PAGE];

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
            SortKey::Name => t().name,
            SortKey::Email => t().email,
            SortKey::Role => t().role,
            SortKey::SignIns => t().sign_ins,
            SortKey::LastSignIn => t().last_sign_in,
        }
    }

    fn starts_descending(self) -> bool {
        matches!(self, SortKey::SignIns | SortKey::LastSignIn)
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct ViewState {
    pub search: String,
    pub role: Option<OrgRole>,
    pub sort: SortKey,
    pub descending: bool,
    pub page: i64,
    pub per_page: i64,
}

impl Default for ViewState {
    fn default() -> ViewState {
        ViewState {
            search: String::new(),
            role: None,
            sort: SortKey::default(),
            descending: false,
            page: 1,
            per_page: PAGE_SIZES[0],
        }
    }
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
            per_page: params
                .get("per_page")
                .and_then(|p| p.parse().ok())
                .filter(|p| PAGE_SIZES.contains(p))
                .unwrap_or(PAGE_SIZES[0]),
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
        if self.per_page != PAGE_SIZES[0] {
            parts.push(format!("per_page={}", self.per_page));
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

    /// How many pages `total` rows fill.
    pub fn pages(&self, total: i64) -> i64 {
        ((total + self.per_page - 1) / self.per_page).max(1)
    }

    /// The same view as the API's query string.
    pub fn api_query(&self) -> String {
        let mut parts = self.pairs();
        if self.per_page == PAGE_SIZES[0] {
            parts.push(format!("per_page={}", self.per_page));
        }
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

#[cfg(all(test, target_arch = "wasm32"))]
mod in_the_browser {
    use super::*;
    use crate::widgets::url::params_of;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test]
    fn every_view_survives_its_address() {
        let views = [
            ViewState::default(),
            ViewState {
                search: "Zoë & Ünal? 50%+1 /x #y".into(),
                role: Some(OrgRole::Admin),
                sort: SortKey::LastSignIn,
                descending: true,
                page: 3,
                per_page: 200,
            },
            ViewState::default().sorted_by(SortKey::SignIns),
        ];
        for view in views {
            assert_eq!(
                ViewState::from_params(&params_of(&view.href())),
                view,
                "{}",
                view.href()
            );
        }
        assert_eq!(ViewState::default().href(), "/users");
    }

    #[wasm_bindgen_test]
    fn what_an_address_cannot_mean_falls_back_to_the_default() {
        let view = ViewState::from_params(&params_of("/users?role=boss&sort=age&page=-2&per_page=7&dir=up"));
        assert_eq!(view, ViewState::default());
    }
}

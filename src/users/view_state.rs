//! What the Users tab shows (search, role, sort, page), kept in the address:
//! `/users?q=lena&role=admin&sort=last_sign_in&dir=desc&page=2&per_page=100`.

use super::text::t;
use contract::{OrgRole, SortDir, UserSort, UsersQuery};
use leptos_router::params::ParamsMap;

/// The rows a page may show; the first is the default. The last is the server's largest page.
pub const PAGE_SIZES: [i64; 4] = [50, 100, 200, contract::MAX_PER_PAGE];

/// The columns the table sorts by, in its order.
pub const SORTABLE: [UserSort; 5] = [
    UserSort::Name,
    UserSort::Email,
    UserSort::Role,
    UserSort::SignIns,
    UserSort::LastSignIn,
];

/// A sortable column's heading.
pub fn sort_label(key: UserSort) -> &'static str {
    match key {
        UserSort::Name => t().name,
        UserSort::Email => t().email,
        UserSort::Role => t().role,
        UserSort::SignIns => t().sign_ins,
        UserSort::LastSignIn | UserSort::Created => t().last_sign_in,
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct ViewState {
    pub search: String,
    pub role: Option<OrgRole>,
    pub sort: UserSort,
    pub descending: bool,
    pub page: i64,
    pub per_page: i64,
}

impl Default for ViewState {
    fn default() -> ViewState {
        ViewState {
            search: String::new(),
            role: None,
            sort: UserSort::default(),
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
                .and_then(|s| UserSort::parse(&s))
                .filter(|s| SORTABLE.contains(s))
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

    /// The view as the API's query; the address uses the same names, leaving out the defaults.
    pub fn query(&self) -> UsersQuery {
        UsersQuery {
            q: Some(self.search.clone()).filter(|q| !q.is_empty()),
            role: self.role,
            sort: Some(self.sort).filter(|s| *s != UserSort::default()),
            dir: self.descending.then_some(SortDir::Desc),
            page: Some(self.page).filter(|p| *p > 1),
            per_page: Some(self.per_page),
        }
    }

    pub fn href(&self) -> String {
        let mut query = self.query();
        query.per_page = query.per_page.filter(|n| *n != PAGE_SIZES[0]);
        format!("/users{}", query.to_query())
    }

    /// How many pages `total` rows fill.
    pub fn pages(&self, total: i64) -> i64 {
        ((total + self.per_page - 1) / self.per_page).max(1)
    }

    pub fn sorted_by(&self, key: UserSort) -> ViewState {
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
                sort: UserSort::LastSignIn,
                descending: true,
                page: 3,
                per_page: 200,
            },
            ViewState::default().sorted_by(UserSort::SignIns),
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

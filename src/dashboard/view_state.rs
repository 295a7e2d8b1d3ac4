//! What the dashboard shows (period, filter, sort), kept in the address so a reload or a shared
//! link shows the same view: `/?period=90d&q=shop&sort=traffic&dir=desc`.

use super::text::t;
use crate::widgets::url;
use contract::{OrgSpace, Period};
use leptos_router::params::ParamsMap;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SortKey {
    #[default]
    Name,
    Owner,
    Users,
    Plan,
    Region,
    Traffic,
}

impl SortKey {
    pub const ALL: [SortKey; 6] = [
        SortKey::Name,
        SortKey::Owner,
        SortKey::Users,
        SortKey::Plan,
        SortKey::Region,
        SortKey::Traffic,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            SortKey::Name => "name",
            SortKey::Owner => "owner",
            SortKey::Users => "users",
            SortKey::Plan => "plan",
            SortKey::Region => "region",
            SortKey::Traffic => "traffic",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            SortKey::Name => t().name,
            SortKey::Owner => t().owner,
            SortKey::Users => t().users,
            SortKey::Plan => t().plan,
            SortKey::Region => t().region,
            SortKey::Traffic => t().traffic,
        }
    }

    pub fn is_numeric(self) -> bool {
        matches!(self, SortKey::Users | SortKey::Traffic)
    }
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct ViewState {
    pub period: Period,
    pub filter: String,
    pub sort: SortKey,
    pub descending: bool,
}

impl ViewState {
    pub fn from_params(params: &ParamsMap) -> ViewState {
        ViewState {
            period: params.get("period").and_then(|p| Period::parse(&p)).unwrap_or_default(),
            filter: params.get("q").unwrap_or_default(),
            sort: params
                .get("sort")
                .and_then(|s| SortKey::ALL.into_iter().find(|k| k.as_str() == s))
                .unwrap_or_default(),
            descending: params.get("dir").as_deref() == Some("desc"),
        }
    }

    /// The address of this view; defaults are left out to keep links short.
    pub fn href(&self) -> String {
        let mut parts = Vec::new();
        if self.period != Period::default() {
            parts.push(format!("period={}", self.period.as_str()));
        }
        if !self.filter.is_empty() {
            parts.push(format!("q={}", url::encode(&self.filter)));
        }
        if self.sort != SortKey::default() {
            parts.push(format!("sort={}", self.sort.as_str()));
        }
        if self.descending {
            parts.push("dir=desc".into());
        }
        if parts.is_empty() {
            "/".into()
        } else {
            format!("/?{}", parts.join("&"))
        }
    }

    /// Clicking a column sorts by it; clicking it again reverses the order.
    pub fn sorted_by(&self, key: SortKey) -> ViewState {
        let descending = if self.sort == key {
            !self.descending
        } else {
            key.is_numeric()
        };
        ViewState {
            sort: key,
            descending,
            ..self.clone()
        }
    }

    /// The spaces matching the filter (name, owner name or owner email), in the chosen order.
    pub fn apply(&self, spaces: &[OrgSpace]) -> Vec<OrgSpace> {
        let needle = self.filter.trim().to_lowercase();
        let mut rows: Vec<OrgSpace> = spaces
            .iter()
            .filter(|s| {
                needle.is_empty()
                    || s.name.to_lowercase().contains(&needle)
                    || s.owner_name.to_lowercase().contains(&needle)
                    || s.owner_email.to_lowercase().contains(&needle)
            })
            .cloned()
            .collect();
        rows.sort_by(|a, b| {
            let order = match self.sort {
                SortKey::Name => a.name.to_lowercase().cmp(&b.name.to_lowercase()),
                SortKey::Owner => a.owner_name.to_lowercase().cmp(&b.owner_name.to_lowercase()),
                SortKey::Users => a.user_count.cmp(&b.user_count),
                SortKey::Plan => a.plan.cmp(&b.plan),
                SortKey::Region => a.region.as_str().cmp(b.region.as_str()),
                SortKey::Traffic => a.traffic_bytes.cmp(&b.traffic_bytes),
            }
            .then_with(|| a.name.to_lowercase().cmp(&b.name.to_lowercase()));
            if self.descending {
                order.reverse()
            } else {
                order
            }
        });
        rows
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
                period: Period::parse("12m").unwrap(),
                filter: "Café & Bäckerei #1".into(),
                sort: SortKey::Traffic,
                descending: true,
            },
            ViewState::default().sorted_by(SortKey::Users),
        ];
        for view in views {
            assert_eq!(
                ViewState::from_params(&params_of(&view.href())),
                view,
                "{}",
                view.href()
            );
        }
    }
}

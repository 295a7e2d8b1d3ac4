//! What the Activity tab shows, kept in the address:
//! `/activity?owner=3&owner_name=Adam%20Alvarez&space=12&type=OrgUser&from=2026-11-01&to=2026-11-29&page=2&snapshot=912`.

use contract::{ActivitiesQuery, TrackableType};
use leptos_router::params::ParamsMap;

use crate::widgets::url;

pub const PER_PAGE: i64 = 25;

#[derive(Clone, Debug, Default, PartialEq)]
pub struct ViewState {
    /// The person who acted, and their name as chosen (so a reload can show it).
    pub owner: Option<(i64, String)>,
    pub space: Option<i64>,
    pub kind: Option<TrackableType>,
    /// `YYYY-MM-DD`, both days included.
    pub from: String,
    pub to: String,
    pub page: i64,
    /// Pages after the first stay as they were while new activities arrive.
    pub snapshot: Option<i64>,
}

impl ViewState {
    pub fn from_params(params: &ParamsMap) -> ViewState {
        let id = |name: &str| params.get(name).and_then(|v| v.parse::<i64>().ok());
        ViewState {
            owner: id("owner").map(|id| (id, params.get("owner_name").unwrap_or_default())),
            space: id("space"),
            kind: params.get("type").and_then(|t| TrackableType::parse(&t)),
            from: params.get("from").unwrap_or_default(),
            to: params.get("to").unwrap_or_default(),
            page: id("page").filter(|p| *p >= 1).unwrap_or(1),
            snapshot: id("snapshot"),
        }
    }

    /// A changed filter starts again at the first page of what is there now.
    pub fn filtered(&self, change: impl FnOnce(&mut ViewState)) -> ViewState {
        let mut next = self.clone();
        change(&mut next);
        next.page = 1;
        next.snapshot = None;
        next
    }

    pub fn at_page(&self, page: i64, snapshot: i64) -> ViewState {
        ViewState {
            page,
            snapshot: Some(snapshot),
            ..self.clone()
        }
    }

    pub fn is_filtered(&self) -> bool {
        self.owner.is_some()
            || self.space.is_some()
            || self.kind.is_some()
            || !self.from.is_empty()
            || !self.to.is_empty()
    }

    /// The view's address: the filters under the address's own short names.
    pub fn href(&self) -> String {
        let mut parts = Vec::new();
        if let Some((id, name)) = &self.owner {
            parts.push(format!("owner={id}"));
            parts.push(format!("owner_name={}", url::encode(name)));
        }
        if let Some(space) = self.space {
            parts.push(format!("space={space}"));
        }
        if let Some(kind) = self.kind {
            parts.push(format!("type={}", kind.as_str()));
        }
        if !self.from.is_empty() {
            parts.push(format!("from={}", url::encode(&self.from)));
        }
        if !self.to.is_empty() {
            parts.push(format!("to={}", url::encode(&self.to)));
        }
        if let Some(snapshot) = self.snapshot {
            parts.push(format!("snapshot={snapshot}"));
        }
        if self.page > 1 {
            parts.push(format!("page={}", self.page));
        }
        if parts.is_empty() {
            "/activity".into()
        } else {
            format!("/activity?{}", parts.join("&"))
        }
    }

    /// The API's query: the filters, and with `paged` the page too.
    pub fn query(&self, paged: bool) -> ActivitiesQuery {
        let text = |value: &str| Some(value.to_string()).filter(|v| !v.is_empty());
        ActivitiesQuery {
            created_at_gte: text(&self.from),
            created_at_lte: text(&self.to),
            by_owner_ids: self.owner.as_ref().map(|(id, _)| id.to_string()),
            types: self.kind.map(|kind| kind.as_str().to_string()),
            keys: None,
            space_id: self.space,
            page: paged.then_some(self.page),
            per_page: paged.then_some(PER_PAGE),
            snapshot: self.snapshot,
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
        let filtered = ViewState {
            owner: Some((3, "Adam O'Brien & Co. = 100%".into())),
            space: Some(12),
            kind: Some(TrackableType::OrgUser),
            from: "2026-11-01".into(),
            to: "2026-11-29".into(),
            page: 1,
            snapshot: None,
        };
        for view in [
            ViewState::default().filtered(|_| {}),
            filtered.clone(),
            filtered.at_page(4, 912),
        ] {
            assert_eq!(
                ViewState::from_params(&params_of(&view.href())),
                view,
                "{}",
                view.href()
            );
        }
        assert_eq!(
            filtered.query(true).to_query(),
            "?created_at_gte=2026-11-01&created_at_lte=2026-11-29&by_owner_ids=3&types=OrgUser&space_id=12&page=1&per_page=25"
        );
    }
}

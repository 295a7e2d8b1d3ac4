//! The "Spaces", "Users" and "Traffic" charts. Each chart is created once, updated when the
//! statistics change, follows its container's size and is disposed when the dashboard is left. Each has a
//! summary and a data table a screen reader can read.

mod module;
mod palette;
mod text_alternative;

use super::text::t;
use contract::Statistics;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsValue;

use crate::api::ApiError;
use crate::brand::use_brand;
use crate::widgets::timing::mark;
use crate::widgets::ErrorPanel;
use text_alternative::{DataTable, Summary};

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Spaces,
    Users,
    Traffic,
}

impl Kind {
    pub const ALL: [Kind; 3] = [Kind::Spaces, Kind::Users, Kind::Traffic];

    pub fn key(self) -> &'static str {
        match self {
            Kind::Spaces => "spaces",
            Kind::Users => "users",
            Kind::Traffic => "traffic",
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            Kind::Spaces => t().spaces,
            Kind::Users => t().users,
            Kind::Traffic => t().traffic,
        }
    }

    fn element_id(self) -> String {
        format!("chart-{}", self.key())
    }
}

#[derive(Clone, PartialEq)]
enum Status {
    Loading,
    Drawn,
    Failed(String),
}

#[component]
pub fn Charts(stats: LocalResource<Result<Statistics, ApiError>>) -> impl IntoView {
    let status = RwSignal::new(Status::Loading);
    let module = StoredValue::new_local(None::<JsValue>);
    let instances = StoredValue::new_local(Vec::<(Kind, JsValue)>::new());
    let attempt = RwSignal::new(0u32);
    let brand = use_brand();
    let dark = palette::prefers_dark();
    // ECharts and the charts module start loading with the statistics, not after them: a first
    // visit waits for whichever arrives last. The loader keeps the one load for the drawing below.
    spawn_local(async move {
        if let Some((echarts, charts)) = module::urls() {
            let _ = module::load_charts(&echarts, &charts).await;
        }
    });

    Effect::new(move |_| {
        attempt.track();
        // A new brand or colour scheme redraws the charts in its colours.
        brand.current.track();
        dark.track();
        let Some(Ok(data)) = stats.get() else { return };
        let json = serde_json::to_string(&data).unwrap_or_default();
        mark("org-area:stats-arrived");
        // The modules may arrive after the person has left the dashboard: every read and write
        // below is then a no-op (`try_`), never an access to the charts' disposed state.
        spawn_local(async move {
            let Some(known) = module.try_get_value() else { return };
            let loaded = match known {
                Some(m) => m,
                None => match async {
                    let (echarts, charts) = module::urls().ok_or(JsValue::NULL)?;
                    module::load_charts(&echarts, &charts).await
                }
                .await
                {
                    Ok(m) => {
                        if module.try_set_value(Some(m.clone())).is_some() {
                            return;
                        }
                        m
                    }
                    Err(_) => {
                        status.try_set(Status::Failed(t().charts_not_loaded.into()));
                        return;
                    }
                },
            };
            let colors = palette::current();
            let Some(first_drawing) = instances.try_with_value(|i| i.is_empty()) else {
                return;
            };
            let result = if first_drawing {
                Kind::ALL
                    .into_iter()
                    .map(|kind| {
                        module::draw(&loaded, &kind.element_id(), kind.key(), &json, &colors).map(|i| (kind, i))
                    })
                    .collect::<Result<Vec<_>, _>>()
                    .map(|drawn| {
                        instances.try_set_value(drawn);
                    })
            } else {
                instances
                    .try_with_value(|all| {
                        all.iter().try_for_each(|(kind, instance)| {
                            module::update(&loaded, instance, kind.key(), &json, &colors)
                        })
                    })
                    .unwrap_or(Ok(()))
            };
            match result {
                Ok(()) => {
                    mark("org-area:charts-drawn");
                    status.try_set(Status::Drawn);
                }
                Err(_) => {
                    status.try_set(Status::Failed(t().charts_not_drawn.into()));
                }
            }
        });
    });

    on_cleanup(move || {
        instances.with_value(|all| all.iter().for_each(|(_, i)| module::dispose(i)));
    });

    let data = move || stats.get().and_then(Result::ok);
    view! {
        {move || match status.get() {
            Status::Failed(message) => Some(view! {
                <ErrorPanel error=message retry=Callback::new(move |_| attempt.update(|n| *n += 1)) />
            }),
            _ => None,
        }}
        <div class="charts">
            {Kind::ALL.into_iter().map(|kind| view! {
                <section class="card chart-card" aria-labelledby=format!("{}-title", kind.element_id())>
                    <h2 id=format!("{}-title", kind.element_id())>{kind.title()}</h2>
                    <p class="chart-summary">{move || data().map(|s| view! { <Summary kind=kind stats=s /> })}</p>
                    <div class="chart" id=kind.element_id() aria-hidden="true"
                        class:loading=move || status.get() == Status::Loading></div>
                    <details class="chart-data">
                        <summary>{t().show_data}</summary>
                        {move || data().map(|s| view! { <DataTable kind=kind stats=s /> })}
                    </details>
                </section>
            }).collect_view()}
        </div>
    }
}

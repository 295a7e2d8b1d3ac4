//! The dashboard's three charts, built with charming from the statistics the API returns.
//!
//! This crate is its own wasm module: the app loads it (and ECharts) only when a chart is about
//! to be shown, so the sign-in page never pays for either. The app hands statistics over as JSON.

use charming::component::{Axis, Grid, Legend};
use charming::element::{AreaStyle, AxisType, Color, Label, Tooltip, Trigger};
use charming::series::{Bar, Line, Pie};
use charming::{Chart, WasmRenderer};
use contract::Statistics;
use wasm_bindgen::prelude::*;

/// Which of the dashboard's charts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Spaces,
    Users,
    Traffic,
}

impl Kind {
    pub fn parse(s: &str) -> Option<Kind> {
        match s {
            "spaces" => Some(Kind::Spaces),
            "users" => Some(Kind::Users),
            "traffic" => Some(Kind::Traffic),
            _ => None,
        }
    }
}

const PRIMARY: &str = "#3b4cca";
const ACCENT: &str = "#0f9d8a";

fn dates(points: impl Iterator<Item = String>) -> Axis {
    Axis::new().type_(AxisType::Category).data(points.collect::<Vec<_>>())
}

/// The chart of `kind` for these statistics.
pub fn chart(kind: Kind, stats: &Statistics) -> Chart {
    let base = Chart::new()
        .color(vec![Color::from(PRIMARY), Color::from(ACCENT), Color::from("#f0a020")])
        .tooltip(Tooltip::new().trigger(Trigger::Axis));
    match kind {
        Kind::Spaces => base
            .grid(Grid::new().left(40).right(16).top(16).bottom(28))
            .x_axis(dates(stats.spaces.iter().map(|p| p.date.clone())))
            .y_axis(Axis::new().type_(AxisType::Value).min_interval(1))
            .series(
                Line::new()
                    .name("Spaces")
                    .show_symbol(false)
                    .area_style(AreaStyle::new().opacity(0.15))
                    .data(stats.spaces.iter().map(|p| p.count).collect::<Vec<_>>()),
            ),
        Kind::Users => {
            let roles = &stats.users_by_role;
            base.legend(Legend::new().top(0).left(0))
                .grid(Grid::new().left(40).right("40%").top(48).bottom(28))
                .x_axis(dates(stats.users.iter().map(|p| p.date.clone())))
                .y_axis(Axis::new().type_(AxisType::Value).min_interval(1))
                .series(
                    Line::new()
                        .name("Users")
                        .show_symbol(false)
                        .data(stats.users.iter().map(|p| p.count).collect::<Vec<_>>()),
                )
                .series(
                    Pie::new()
                        .name("By role")
                        .radius(vec!["30%", "52%"])
                        .center(vec!["80%", "60%"])
                        .label(Label::new().show(false))
                        .data(vec![
                            (roles.owner, "Owner"),
                            (roles.admin, "Admin"),
                            (roles.member, "Member"),
                        ]),
                )
        }
        Kind::Traffic => base
            .legend(Legend::new().top(0).left(0))
            .grid(Grid::new().left(40).right(64).top(40).bottom(28))
            .x_axis(dates(stats.traffic.iter().map(|p| p.date.clone())))
            .y_axis(Axis::new().type_(AxisType::Value))
            .y_axis(Axis::new().type_(AxisType::Value))
            .series(
                Bar::new().name("Traffic (GB)").data(
                    stats
                        .traffic
                        .iter()
                        .map(|p| p.total_bytes as f64 / 1e9)
                        .collect::<Vec<_>>(),
                ),
            )
            .series(
                Line::new()
                    .name("API requests")
                    .y_axis_index(1)
                    .show_symbol(false)
                    .data(stats.traffic.iter().map(|p| p.api_requests).collect::<Vec<_>>()),
            ),
    }
}

fn parse(kind: &str, stats_json: &str) -> Result<(Kind, Statistics), JsValue> {
    let kind = Kind::parse(kind).ok_or_else(|| JsValue::from_str("unknown chart kind"))?;
    let stats = serde_json::from_str(stats_json).map_err(|e| JsValue::from_str(&e.to_string()))?;
    Ok((kind, stats))
}

/// Create the chart in the element with id `element_id`; returns the ECharts instance, which
/// the app keeps to update, resize and dispose it. ECharts must be loaded already.
#[wasm_bindgen]
pub fn draw(element_id: &str, kind: &str, stats_json: &str) -> Result<JsValue, JsValue> {
    let (kind, stats) = parse(kind, stats_json)?;
    let instance = WasmRenderer::new_opt(None, None)
        .render(element_id, &chart(kind, &stats))
        .map_err(|e| JsValue::from_str(&e.to_string()))?;
    Ok(instance.into())
}

/// Give an existing chart new data, without creating it again.
#[wasm_bindgen]
pub fn update(instance: JsValue, kind: &str, stats_json: &str) -> Result<(), JsValue> {
    let (kind, stats) = parse(kind, stats_json)?;
    WasmRenderer::update(&instance.unchecked_into(), &chart(kind, &stats));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use contract::{CountPoint, FreeTraffic, Granularity, Period, RoleCounts, TrafficPoint};

    fn stats() -> Statistics {
        Statistics {
            period: Period::Last30Days,
            granularity: Granularity::Day,
            traffic: vec![
                TrafficPoint {
                    date: "2026-11-01".into(),
                    api_requests: 10,
                    total_bytes: 2_000_000_000,
                },
                TrafficPoint {
                    date: "2026-11-02".into(),
                    api_requests: 20,
                    total_bytes: 3_000_000_000,
                },
            ],
            spaces: vec![
                CountPoint {
                    date: "2026-11-01".into(),
                    count: 7,
                },
                CountPoint {
                    date: "2026-11-02".into(),
                    count: 8,
                },
            ],
            users: vec![
                CountPoint {
                    date: "2026-11-01".into(),
                    count: 9,
                },
                CountPoint {
                    date: "2026-11-02".into(),
                    count: 9,
                },
            ],
            users_by_role: RoleCounts {
                owner: 1,
                admin: 3,
                member: 5,
            },
            free_traffic: FreeTraffic {
                used_bytes: 5_000_000_000,
                included_bytes: contract::FREE_TRAFFIC_BYTES,
                period_start: "2026-11-01".into(),
                period_end: "2026-11-30".into(),
            },
        }
    }

    fn options(kind: Kind) -> serde_json::Value {
        serde_json::to_value(chart(kind, &stats())).unwrap()
    }

    #[test]
    fn spaces_chart_plots_the_count_per_date() {
        let o = options(Kind::Spaces);
        let x_axis = if o["xAxis"].is_array() {
            &o["xAxis"][0]
        } else {
            &o["xAxis"]
        };
        assert_eq!(x_axis["data"], serde_json::json!(["2026-11-01", "2026-11-02"]));
        assert_eq!(o["series"][0]["type"], "line");
        assert_eq!(o["series"][0]["data"], serde_json::json!([7, 8]));
    }

    #[test]
    fn users_chart_has_the_total_and_the_roles() {
        let o = options(Kind::Users);
        assert_eq!(o["series"][0]["data"], serde_json::json!([9, 9]));
        assert_eq!(o["series"][1]["type"], "pie");
        let pie = o["series"][1]["data"].to_string();
        assert!(pie.contains("Owner") && pie.contains("Member"), "{pie}");
    }

    #[test]
    fn traffic_chart_has_gigabytes_and_requests_on_two_axes() {
        let o = options(Kind::Traffic);
        assert_eq!(o["series"][0]["type"], "bar");
        assert_eq!(o["series"][0]["data"], serde_json::json!([2.0, 3.0]));
        assert_eq!(o["series"][1]["yAxisIndex"], 1.0);
        assert_eq!(o["series"][1]["data"], serde_json::json!([10, 20]));
    }

    #[test]
    fn kinds_parse() {
        assert_eq!(Kind::parse("traffic"), Some(Kind::Traffic));
        assert_eq!(Kind::parse("pie"), None);
    }
}

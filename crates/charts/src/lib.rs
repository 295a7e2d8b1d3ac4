//! The dashboard's three charts, built with charming from the statistics the API returns.
//!
//! This crate is its own wasm module: the app loads it (and ECharts) only when a chart is about
//! to be shown, so the sign-in page never pays for either. The app hands statistics over as JSON.

use charming::component::{Axis, Grid, Legend};
use charming::element::{
    AreaStyle, AxisLabel, AxisType, Color, Label, LineStyle, SplitLine, TextStyle, Tooltip, Trigger,
};
use charming::series::{Bar, Line, Pie};
use charming::Chart;
use contract::{Lang, OrgRole, Statistics};
use serde::Deserialize;
use wasm_bindgen::prelude::*;

mod text;
use text::Names;

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

/// The colours the charts are drawn in: the organization's primary and accent as the page shows
/// them now (light or dark), and the page's own text and line colours, so a chart matches what
/// is around it.
#[derive(Clone, Debug, Deserialize, PartialEq)]
pub struct Palette {
    pub primary: String,
    pub accent: String,
    pub text: String,
    pub grid: String,
    /// The language of the series' names.
    #[serde(default)]
    pub lang: Lang,
}

impl Default for Palette {
    /// The product's light look.
    fn default() -> Palette {
        Palette {
            primary: "#3b4cca".into(),
            accent: "#0f9d8a".into(),
            text: "#5d6378".into(),
            grid: "#dfe2ec".into(),
            lang: Lang::En,
        }
    }
}

/// A third series colour (the pie's members) that reads next to any brand.
const THIRD: &str = "#f0a020";

fn dates(palette: &Palette, points: impl Iterator<Item = String>) -> Axis {
    let lang = palette.lang;
    styled(
        palette,
        Axis::new()
            .type_(AxisType::Category)
            .data(points.map(|date| written_in(lang, &date)).collect::<Vec<_>>()),
    )
}

/// A point's date (`YYYY-MM-DD`, or `YYYY-MM` per month) as `lang` writes it ([`Lang::day`]).
fn written_in(lang: Lang, date: &str) -> String {
    match date.split('-').collect::<Vec<_>>().as_slice() {
        [year, month, day] => lang.day(year, month, day),
        [year, month] => lang.month(year, month),
        _ => date.to_string(),
    }
}

fn values(palette: &Palette) -> Axis {
    styled(palette, Axis::new().type_(AxisType::Value))
}

fn styled(palette: &Palette, axis: Axis) -> Axis {
    axis.axis_label(AxisLabel::new().color(palette.text.as_str()))
        .split_line(SplitLine::new().line_style(LineStyle::new().color(palette.grid.as_str())))
}

/// The chart of `kind` for these statistics, in these colours.
pub fn chart(kind: Kind, stats: &Statistics, palette: &Palette) -> Chart {
    let legend = || {
        Legend::new()
            .top(0)
            .left(0)
            .text_style(TextStyle::new().color(palette.text.as_str()))
    };
    let names = Names::of(palette.lang);
    let role = |r: OrgRole| r.label_in(palette.lang);
    let base = Chart::new()
        .color(vec![
            Color::from(palette.primary.as_str()),
            Color::from(palette.accent.as_str()),
            Color::from(THIRD),
        ])
        .tooltip(Tooltip::new().trigger(Trigger::Axis));
    match kind {
        Kind::Spaces => base
            .grid(Grid::new().left(40).right(16).top(16).bottom(28))
            .x_axis(dates(palette, stats.spaces.iter().map(|p| p.date.clone())))
            .y_axis(values(palette).min_interval(1))
            .series(
                Line::new()
                    .name(names.spaces)
                    .show_symbol(false)
                    .area_style(AreaStyle::new().opacity(0.15))
                    .data(stats.spaces.iter().map(|p| p.count).collect::<Vec<_>>()),
            ),
        Kind::Users => {
            let roles = &stats.users_by_role;
            base.legend(legend())
                .grid(Grid::new().left(40).right("40%").top(48).bottom(28))
                .x_axis(dates(palette, stats.users.iter().map(|p| p.date.clone())))
                .y_axis(values(palette).min_interval(1))
                .series(
                    Line::new()
                        .name(names.users)
                        .show_symbol(false)
                        .data(stats.users.iter().map(|p| p.count).collect::<Vec<_>>()),
                )
                .series(
                    Pie::new()
                        .name(names.by_role)
                        .radius(vec!["30%", "52%"])
                        .center(vec!["80%", "60%"])
                        .label(Label::new().show(false))
                        .data(vec![
                            (roles.owner, role(OrgRole::Owner)),
                            (roles.admin, role(OrgRole::Admin)),
                            (roles.member, role(OrgRole::Member)),
                        ]),
                )
        }
        Kind::Traffic => base
            .legend(legend())
            .grid(Grid::new().left(40).right(64).top(40).bottom(28))
            .x_axis(dates(palette, stats.traffic.iter().map(|p| p.date.clone())))
            .y_axis(values(palette))
            .y_axis(values(palette))
            .series(
                Bar::new().name(names.traffic).data(
                    stats
                        .traffic
                        .iter()
                        // Gigabytes to two places: what the tooltip shows.
                        .map(|p| (p.total_bytes as f64 / 1e7).round() / 100.0)
                        .collect::<Vec<_>>(),
                ),
            )
            .series(
                Line::new()
                    .name(names.requests)
                    .y_axis_index(1)
                    .show_symbol(false)
                    .data(stats.traffic.iter().map(|p| p.api_requests).collect::<Vec<_>>()),
            ),
    }
}

fn parse(kind: &str, stats_json: &str, palette_json: &str) -> Result<Chart, JsValue> {
    let error = |e: serde_json::Error| JsValue::from_str(&e.to_string());
    let kind = Kind::parse(kind).ok_or_else(|| JsValue::from_str("unknown chart kind"))?;
    let stats = serde_json::from_str(stats_json).map_err(error)?;
    let palette = serde_json::from_str(palette_json).map_err(error)?;
    Ok(chart(kind, &stats, &palette))
}

/// The chart's ECharts option, with what charming cannot say: the tooltip is drawn on the
/// canvas (`renderMode: richText`). ECharts' HTML tooltip writes `style` attributes, which the
/// app's Content-Security-Policy refuses (no `'unsafe-inline'` styles), losing its layout.
pub fn option(chart: &Chart) -> serde_json::Value {
    let mut option = serde_json::to_value(chart).unwrap_or_default();
    if let Some(tooltip) = option.get_mut("tooltip").and_then(|t| t.as_object_mut()) {
        tooltip.insert("renderMode".into(), "richText".into());
    }
    option
}

#[wasm_bindgen]
extern "C" {
    /// An ECharts instance.
    pub type Instance;
    #[wasm_bindgen(js_namespace = echarts, js_name = init)]
    fn init(element: &JsValue) -> Instance;
    #[wasm_bindgen(method, js_name = setOption)]
    fn set_option(this: &Instance, option: JsValue);
    #[wasm_bindgen(js_namespace = document, js_name = getElementById)]
    fn element_by_id(id: &str) -> JsValue;
    #[wasm_bindgen(js_namespace = JSON, js_name = parse)]
    fn json_parse(text: &str) -> JsValue;
}

fn set(instance: &Instance, chart: &Chart) {
    instance.set_option(json_parse(&option(chart).to_string()));
}

/// Create the chart in the element with id `element_id`; returns the ECharts instance, which
/// the app keeps to update, resize and dispose it. ECharts must be loaded already.
#[wasm_bindgen]
pub fn draw(element_id: &str, kind: &str, stats_json: &str, palette_json: &str) -> Result<JsValue, JsValue> {
    let chart = parse(kind, stats_json, palette_json)?;
    let element = element_by_id(element_id);
    if element.is_null() {
        return Err(JsValue::from_str("no element for the chart"));
    }
    let instance = init(&element);
    set(&instance, &chart);
    Ok(instance.into())
}

/// Give an existing chart new data or colours, without creating it again.
#[wasm_bindgen]
pub fn update(instance: JsValue, kind: &str, stats_json: &str, palette_json: &str) -> Result<(), JsValue> {
    let chart = parse(kind, stats_json, palette_json)?;
    set(&instance.unchecked_into(), &chart);
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
        serde_json::to_value(chart(kind, &stats(), &Palette::default())).unwrap()
    }

    #[test]
    fn series_are_named_in_the_page_language() {
        let palette = Palette {
            lang: Lang::De,
            ..Palette::default()
        };
        let users = serde_json::to_string(&chart(Kind::Users, &stats(), &palette)).unwrap();
        assert!(users.contains("Benutzer") && users.contains("Mitglied"), "{users}");
        let traffic = serde_json::to_string(&chart(Kind::Traffic, &stats(), &palette)).unwrap();
        assert!(traffic.contains("API-Anfragen"), "{traffic}");
        assert_eq!(written_in(Lang::De, "2026-11-29"), "29.11.2026");
        assert_eq!(written_in(Lang::De, "2026-11"), "11.2026");
        assert_eq!(written_in(Lang::En, "2026-11-29"), "2026-11-29");
        assert_eq!(written_in(Lang::Fr, "2026-11-29"), "29/11/2026");
    }

    #[test]
    fn charts_wear_the_palette_they_are_given() {
        let palette = Palette {
            primary: "#aa0011".into(),
            accent: "#00bb22".into(),
            text: "#eeeeee".into(),
            grid: "#333333".into(),
            lang: Lang::En,
        };
        for kind in [Kind::Spaces, Kind::Users, Kind::Traffic] {
            let o = serde_json::to_value(chart(kind, &stats(), &palette)).unwrap();
            assert_eq!(o["color"][0], "#aa0011");
            assert_eq!(o["color"][1], "#00bb22");
            let y = if o["yAxis"].is_array() {
                &o["yAxis"][0]
            } else {
                &o["yAxis"]
            };
            assert_eq!(y["axisLabel"]["color"], "#eeeeee");
            assert_eq!(y["splitLine"]["lineStyle"]["color"], "#333333");
        }
        let users = serde_json::to_value(chart(Kind::Users, &stats(), &palette)).unwrap();
        assert_eq!(users["legend"]["textStyle"]["color"], "#eeeeee");
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
    fn tooltips_are_drawn_on_the_canvas_never_as_styled_html() {
        for kind in [Kind::Spaces, Kind::Users, Kind::Traffic] {
            let o = option(&chart(kind, &stats(), &Palette::default()));
            assert_eq!(o["tooltip"]["renderMode"], "richText", "{kind:?}");
            assert_eq!(o["tooltip"]["trigger"], "axis");
        }
    }

    #[test]
    fn traffic_is_shown_in_gigabytes_to_two_places() {
        let mut s = stats();
        s.traffic[0].total_bytes = 20_410_767_000;
        let o = serde_json::to_value(chart(Kind::Traffic, &s, &Palette::default())).unwrap();
        assert_eq!(o["series"][0]["data"][0], 20.41);
    }

    #[test]
    fn kinds_parse() {
        assert_eq!(Kind::parse("traffic"), Some(Kind::Traffic));
        assert_eq!(Kind::parse("pie"), None);
    }
}

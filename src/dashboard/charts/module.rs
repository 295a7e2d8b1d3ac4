//! The bridge to the charts module (`crates/charts`), which is loaded on demand.

use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/src/dashboard/charts/load.js")]
extern "C" {
    #[wasm_bindgen(catch, js_name = loadCharts)]
    pub async fn load_charts(base: &str) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch)]
    pub fn draw(module: &JsValue, id: &str, kind: &str, json: &str) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch)]
    pub fn update(module: &JsValue, instance: &JsValue, kind: &str, json: &str) -> Result<(), JsValue>;
    pub fn dispose(instance: &JsValue);
}

/// Where the built app keeps the charts module and ECharts.
pub const BASE: &str = "/charts";

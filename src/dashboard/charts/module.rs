//! The bridge to the charts module (`crates/charts`), which is loaded on demand.

use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/src/dashboard/charts/load.js")]
extern "C" {
    #[wasm_bindgen(catch, js_name = loadCharts)]
    pub async fn load_charts(echarts: &str, charts: &str) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch)]
    pub fn draw(module: &JsValue, id: &str, kind: &str, json: &str, palette: &str) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch)]
    pub fn update(module: &JsValue, instance: &JsValue, kind: &str, json: &str, palette: &str) -> Result<(), JsValue>;
    pub fn dispose(instance: &JsValue);
}

/// ECharts' and the charts module's content-hashed scripts, named by the page the build wrote.
pub fn urls() -> Option<(String, String)> {
    use contract::hosting::meta;
    let url = |name| crate::mount::meta(name).map(|relative| crate::mount::asset_url(&relative));
    Some((url(meta::ECHARTS)?, url(meta::CHARTS)?))
}

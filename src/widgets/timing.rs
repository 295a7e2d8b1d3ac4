//! Named moments on the page's performance timeline (`performance.mark`), which the benchmark
//! reads to time what a person waits for: data arrived, then drawn. Free when nobody reads them.

pub fn mark(name: &str) {
    if let Some(performance) = web_sys::window().and_then(|w| w.performance()) {
        let _ = performance.mark(name);
    }
}

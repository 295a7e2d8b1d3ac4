//! `cargo xtask bench`: measures the app against the budgets of BRIEF.md section 5 in headless
//! Chromium on localhost, each sample in a fresh browser profile (a first visit, nothing cached).

#[path = "harness.rs"]
#[allow(dead_code)]
mod harness;

use harness::{Chromedriver, Ctx};

const SAMPLES: usize = 11;

/// What the page itself recorded: when the app was interactive, and every byte it fetched.
const READ_LOAD: &str = r#"
const nav = performance.getEntriesByType('navigation')[0];
const mark = performance.getEntriesByName('org-area:interactive')[0];
const resources = performance.getEntriesByType('resource');
return {
  interactive_ms: mark ? mark.startTime : null,
  bytes: nav.transferSize + resources.reduce((sum, r) => sum + r.transferSize, 0),
  files: resources.map((r) => r.name.split('/').pop() + ' ' + r.transferSize),
  echarts: resources.some((r) => r.name.includes('echarts')),
};
"#;

fn median(values: &mut [f64]) -> f64 {
    values.sort_by(|a, b| a.partial_cmp(b).unwrap());
    values[values.len() / 2]
}

fn main() {
    let dist =
        std::env::var("ORG_AREA_E2E_DIST").expect("run through `cargo xtask bench`, which sets ORG_AREA_E2E_DIST");
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async move {
        let chromedriver = Chromedriver::start().await.expect("chromedriver");
        let (mut times, mut bytes) = (Vec::new(), Vec::new());
        let mut files = Vec::new();
        let mut echarts = false;
        for _ in 0..SAMPLES {
            let ctx = Ctx::new(&chromedriver, &dist, "bench").await.expect("browser session");
            ctx.open("/sign-in").await.expect("open sign-in");
            ctx.by_name("button", "Sign in").await.expect("sign-in page shows");
            let load = ctx
                .driver
                .execute(READ_LOAD, vec![])
                .await
                .expect("read timings")
                .json()
                .clone();
            times.push(
                load["interactive_ms"]
                    .as_f64()
                    .expect("the app marks when it is interactive"),
            );
            bytes.push(load["bytes"].as_f64().unwrap());
            echarts |= load["echarts"].as_bool().unwrap_or(false);
            files = load["files"].as_array().cloned().unwrap_or_default();
            ctx.close().await;
        }
        let median_ms = median(&mut times);
        let median_bytes = median(&mut bytes);
        println!("sign-in page, first visit, {SAMPLES} samples in headless Chromium on localhost:");
        println!(
            "  interactive: median {median_ms:.0} ms (min {:.0}, max {:.0}); budget 400 ms",
            times[0],
            times[times.len() - 1]
        );
        println!(
            "  over the wire: median {:.1} KB compressed; budget 200 KB",
            median_bytes / 1000.0
        );
        for file in files {
            println!("    {}", file.as_str().unwrap_or(""));
        }
        println!(
            "  ECharts loaded on the sign-in page: {}",
            if echarts { "yes (over budget)" } else { "no" }
        );
    });
}

//! Browser end-to-end tests. Run by `cargo xtask test`, which builds the app first and passes
//! its directory in ORG_AREA_E2E_DIST. `cargo test -p org-area-e2e -- NAME` runs the scenarios
//! whose name contains NAME.

mod scenarios;

// The scenarios name these as `crate::harness`, `crate::sizes` and `crate::ensure!`.
pub(crate) use org_area_e2e::{ensure, harness, sizes};

use std::time::{Duration, Instant};

use harness::{Chromedriver, Ctx};

fn main() {
    let filter = std::env::args().skip(1).find(|a| !a.starts_with('-'));
    let Ok(dist) = std::env::var("ORG_AREA_E2E_DIST") else {
        eprintln!("ORG_AREA_E2E_DIST is not set: run the browser tests through `cargo xtask test`, which builds the app first.");
        std::process::exit(1);
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("tokio runtime");
    let code = runtime.block_on(async move {
        let chromedriver = match Chromedriver::start().await {
            Ok(c) => c,
            Err(e) => {
                eprintln!("cannot start chromedriver: {e}");
                return 1;
            }
        };
        let (mut passed, mut failed) = (0, 0);
        for (name, scenario) in scenarios::ALL {
            if filter.as_deref().is_some_and(|f| !name.contains(f)) {
                continue;
            }
            let started = Instant::now();
            let outcome = match Ctx::new(&chromedriver, &dist, name).await {
                Ok(ctx) => {
                    let mut result = match tokio::time::timeout(Duration::from_secs(120), scenario(ctx.clone())).await {
                        Ok(result) => result,
                        Err(_) => Err("timed out after 120 s".into()),
                    };
                    let expected = ctx.expected.lock().unwrap().clone();
                    let expected: Vec<&str> = expected.iter().map(String::as_str).collect();
                    let problems = ctx.unexpected_problems(&expected).await;
                    match &result {
                        Ok(()) if !problems.is_empty() => {
                            result =
                                Err(format!("the page reported problems:\n      {}", problems.join("\n      ")).into());
                        }
                        // A failure says where the page was and what went wrong in it meanwhile
                        // (a panic, a failed request), which is often the cause.
                        Err(e) => {
                            let at = match ctx.driver.current_url().await {
                                Ok(url) if url.scheme().starts_with("http") => url.to_string(),
                                Ok(_) => "no page of the app".to_string(),
                                Err(e) => format!("unknown ({e})"),
                            };
                            let mut said = format!("{e}\n    at {at}");
                            if !problems.is_empty() {
                                said.push_str(&format!(
                                    "\n    the page reported:\n      {}",
                                    problems.join("\n      ")
                                ));
                            }
                            result = Err(said.into());
                        }
                        Ok(()) => {}
                    }
                    if result.is_err() {
                        ctx.save_screenshot().await;
                    }
                    ctx.close().await;
                    result
                }
                Err(e) => Err(format!("set-up failed: {e}").into()),
            };
            match outcome {
                Ok(()) => {
                    passed += 1;
                    println!("test {name} ... ok ({} ms)", started.elapsed().as_millis());
                }
                Err(e) => {
                    failed += 1;
                    println!("test {name} ... FAILED\n    {e}");
                }
            }
        }
        println!("\nbrowser: {passed} passed, {failed} failed");
        if failed > 0 || passed == 0 {
            1
        } else {
            0
        }
    });
    std::process::exit(code);
}

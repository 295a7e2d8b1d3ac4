//! Looking at the page: axe-core's accessibility check at every width and scheme, and the
//! screenshots a scenario takes of what it built.

use std::path::{Path, PathBuf};
use std::time::Instant;

use super::{Ctx, TestResult, WAIT};

impl Ctx {
    /// What axe-core (the npm package, injected into the page) finds wrong with the page as it
    /// is now, one line per rule and element, and whether the page scrolls sideways; in each of
    /// the four looks people use: light and dark, 1360 and 390 px wide. Empty when all is well.
    pub async fn accessibility_problems(
        &self,
        screen: &str,
    ) -> Result<Vec<String>, Box<dyn std::error::Error + Send + Sync>> {
        static AXE: std::sync::OnceLock<String> = std::sync::OnceLock::new();
        let axe = AXE.get_or_init(|| {
            let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../node_modules/axe-core/axe.min.js");
            std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e} (npm ci installs it)", path.display()))
        });
        let scheme =
            |value: &str| serde_json::json!({ "features": [{ "name": "prefers-color-scheme", "value": value }] });
        let cdp = self.driver.cdp();
        let mut problems = Vec::new();
        for (width, dark) in [(1360, false), (1360, true), (390, false), (390, true)] {
            let look = format!("{screen} at {width} px, {}", if dark { "dark" } else { "light" });
            self.driver.set_window_rect(0, 0, width, 900).await?;
            cdp.send_raw("Emulation.setEmulatedMedia", scheme(if dark { "dark" } else { "" }))
                .await?;
            self.drawn_as(true, dark).await?;
            if self.eval_string("return typeof axe").await? != "object" {
                self.driver.execute(axe, Vec::new()).await?;
            }
            let found = self
                .driver
                .execute_async(
                    "const done = arguments[arguments.length - 1];
                     axe.run(document, { resultTypes: ['violations'] }).then((r) => done(JSON.stringify(
                         r.violations.flatMap((v) => v.nodes.map((n) =>
                             v.id + ' (' + v.impact + '): ' + n.target.join(' ') + ' - ' + n.failureSummary.replace(/\\s+/g, ' ').slice(0, 240))))));",
                    Vec::new(),
                )
                .await?;
            let found: Vec<String> = serde_json::from_str(found.json().as_str().unwrap_or("[]"))?;
            problems.extend(found.into_iter().map(|p| format!("{look}: {p}")));
            let sideways = self
                .eval_string(
                    "const d = document.documentElement;
                     if (d.scrollWidth <= d.clientWidth + 1) return '';
                     const past = (el) => el.getBoundingClientRect().right > d.clientWidth + 1;
                     const scrolled = (el) => {
                         for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
                             if (getComputedStyle(p).overflowX !== 'visible') return true;
                         }
                         return false;
                     };
                     const wide = Array.from(document.querySelectorAll('body *'))
                         .filter((el) => past(el) && !scrolled(el) && !(el.parentElement && past(el.parentElement)))
                         .slice(0, 4)
                         .map((el) => el.tagName.toLowerCase() + (el.className ? '.' + String(el.className).trim().split(/\\s+/).join('.') : ''));
                     return d.scrollWidth + ' px wide, past the edge: ' + wide.join(', ');",
                )
                .await?;
            if !sideways.is_empty() {
                problems.push(format!("{look}: the page scrolls sideways ({sideways})"));
            }
        }
        cdp.send_raw("Emulation.setEmulatedMedia", scheme("")).await?;
        self.driver.set_window_rect(0, 0, 1280, 900).await?;
        Ok(problems)
    }

    /// Wait until the page is drawn in the look asked for: its viewport as wide as the driver made
    /// the window (when `resized`), the colour scheme dark or not, and a frame painted since the
    /// page said so.
    pub async fn drawn_as(&self, resized: bool, dark: bool) -> TestResult {
        let width = match resized {
            true => Some(self.driver.get_window_rect().await?.width),
            false => None,
        };
        let deadline = Instant::now() + WAIT;
        loop {
            let drawn = self
                .driver
                .execute_async(
                    "const [width, dark, done] = arguments;
                     const looks = () => (width === null || innerWidth === width)
                         && matchMedia('(prefers-color-scheme: dark)').matches === dark;
                     requestAnimationFrame(() => requestAnimationFrame(() => done(looks())));",
                    vec![serde_json::json!(width), serde_json::json!(dark)],
                )
                .await?;
            if drawn.json().as_bool() == Some(true) {
                return Ok(());
            }
            if Instant::now() > deadline {
                let seen = self
                    .eval_string(
                        "return `${outerWidth} ${innerWidth} ${matchMedia('(prefers-color-scheme: dark)').matches}`;",
                    )
                    .await?;
                return Err(format!("the page never looked {width:?} px wide, dark {dark}: it is {seen}").into());
            }
        }
    }

    /// With ORG_AREA_E2E_SCREENSHOTS=DIR set, save what the page looks like now as DIR/NAME.png,
    /// and as it looks in the dark colour scheme (NAME-dark.png) and on a phone 390 px wide
    /// (NAME-390.png), so people can look at each screen the tests pass through.
    pub async fn snap(&self, name: &str) -> TestResult {
        let Ok(dir) = std::env::var("ORG_AREA_E2E_SCREENSHOTS") else {
            return Ok(());
        };
        let dir = PathBuf::from(dir);
        std::fs::create_dir_all(&dir)?;
        self.full_page(&dir.join(format!("{name}.png"))).await?;
        let scheme =
            |value: &str| serde_json::json!({ "features": [{ "name": "prefers-color-scheme", "value": value }] });
        let cdp = self.driver.cdp();
        cdp.send_raw("Emulation.setEmulatedMedia", scheme("dark")).await?;
        self.drawn_as(false, true).await?;
        self.full_page(&dir.join(format!("{name}-dark.png"))).await?;
        cdp.send_raw("Emulation.setEmulatedMedia", scheme("")).await?;
        self.driver.set_window_rect(0, 0, 390, 844).await?;
        self.drawn_as(true, false).await?;
        self.full_page(&dir.join(format!("{name}-390.png"))).await?;
        self.driver.set_window_rect(0, 0, 1280, 900).await?;
        self.drawn_as(true, false).await?;
        Ok(())
    }

    pub async fn save_screenshot(&self) {
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("artifacts");
        let _ = std::fs::create_dir_all(&dir);
        let path = dir.join(format!("{}.png", self.name));
        if self.driver.screenshot(&path).await.is_ok() {
            println!("    screenshot: {}", path.display());
        }
    }

    /// Wait until the page has painted what it shows now (two animation frames have passed): what
    /// a redraw was going to do has been done.
    pub async fn painted(&self) -> TestResult {
        self.driver
            .execute_async(
                "const done = arguments[arguments.length - 1];
                 requestAnimationFrame(() => requestAnimationFrame(() => done(true)));",
                Vec::new(),
            )
            .await?;
        Ok(())
    }

    /// The whole page, not just what fits the window.
    async fn full_page(&self, path: &Path) -> TestResult {
        use base64::Engine;
        let cdp = self.driver.cdp();
        let metrics = cdp.send_raw("Page.getLayoutMetrics", serde_json::json!({})).await?;
        let size = &metrics["cssContentSize"];
        // Captured beyond the viewport, the page has no scrollbar: it is as wide as the window.
        let inner = self.driver.execute("return innerWidth", Vec::new()).await?;
        let width = size["width"]
            .as_f64()
            .unwrap_or(0.0)
            .max(inner.json().as_f64().unwrap_or(0.0));
        let shot = cdp
            .send_raw(
                "Page.captureScreenshot",
                serde_json::json!({
                    "format": "png",
                    "captureBeyondViewport": true,
                    "clip": { "x": 0, "y": 0, "width": width, "height": size["height"], "scale": 1 },
                }),
            )
            .await?;
        let data = shot["data"].as_str().ok_or("no screenshot data")?;
        std::fs::write(path, base64::engine::general_purpose::STANDARD.decode(data)?)?;
        Ok(())
    }
}

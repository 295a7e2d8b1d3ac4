//! The built app's size over the wire, part by part: what the size ratchet (`tests/sizes.txt`)
//! holds and what the benchmark reports. Every script, style, image and wasm file of `dist/` has
//! a brotli copy beside it, which is what the server and the hosting recipes send; index.html is
//! gzipped as it is sent. Sizes are deterministic (the build remaps machine paths away), so they are held
//! exactly, unlike timings.

use std::path::Path;

/// The ratchet: each part's recorded size in bytes.
pub const RATCHET: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/sizes.txt");

/// One part of the app and its compressed bytes.
#[derive(Debug, Clone)]
pub struct Part {
    /// The name the ratchet records it under.
    pub name: &'static str,
    /// What it is, for the reports.
    pub what: &'static str,
    pub bytes: u64,
}

/// What a host sends for this file: its brotli copy when there is one; the page (which has none,
/// as hosts may rewrite it) gzipped as the server and the nginx recipe send it.
fn sent_bytes(file: &Path) -> Result<u64, String> {
    if file.file_name().is_some_and(|n| n == "index.html") {
        use std::io::Write;
        let page = std::fs::read(file).map_err(|e| format!("cannot read {}: {e}", file.display()))?;
        let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        encoder.write_all(&page).map_err(|e| e.to_string())?;
        return Ok(encoder.finish().map_err(|e| e.to_string())?.len() as u64);
    }
    let brotli = format!("{}.br", file.display());
    let sent = if Path::new(&brotli).exists() {
        Path::new(&brotli)
    } else {
        file
    };
    std::fs::metadata(sent)
        .map(|m| m.len())
        .map_err(|e| format!("cannot read {}: {e}", sent.display()))
}

/// Every file under `dir` (copies and host rules aside) whose name passes `keep`.
fn files(dir: &Path, keep: &dyn Fn(&str) -> bool, found: &mut Vec<std::path::PathBuf>) -> Result<(), String> {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("cannot list {}: {e}", dir.display()))?;
    for path in entries.flatten().map(|e| e.path()) {
        let name = path.file_name().unwrap_or_default().to_string_lossy().into_owned();
        if path.is_dir() {
            files(&path, keep, found)?;
        } else if !name.ends_with(".br") && !name.ends_with(".gz") && keep(&name) {
            found.push(path);
        }
    }
    Ok(())
}

fn total(paths: &[std::path::PathBuf]) -> Result<u64, String> {
    paths.iter().map(|p| sent_bytes(p)).sum()
}

/// The parts of the app in `dist/`: what the sign-in page loads, the console, the charts module
/// and ECharts, and the first dashboard visit after sign-in (the last three together).
pub fn measure(dist: &Path) -> Result<Vec<Part>, String> {
    // The sign-in page: index.html, the boot module with its snippets, the stylesheet and icon.
    let mut sign_in = Vec::new();
    let top = std::fs::read_dir(dist).map_err(|e| format!("cannot list {}: {e}", dist.display()))?;
    for path in top.flatten().map(|e| e.path()) {
        let name = path.file_name().unwrap_or_default().to_string_lossy().into_owned();
        let host_page_or_rules = ["embed.js", "_headers", "_redirects"].contains(&name.as_str());
        if path.is_file() && !name.ends_with(".br") && !name.ends_with(".gz") && !host_page_or_rules {
            sign_in.push(path);
        }
    }
    files(&dist.join("snippets"), &|_| true, &mut sign_in)?;
    let mut console = Vec::new();
    files(&dist.join("console"), &|_| true, &mut console)?;
    let (mut charts, mut echarts) = (Vec::new(), Vec::new());
    files(&dist.join("charts"), &|n| !n.starts_with("echarts-"), &mut charts)?;
    files(&dist.join("charts"), &|n| n.starts_with("echarts-"), &mut echarts)?;
    let (console, charts, echarts) = (total(&console)?, total(&charts)?, total(&echarts)?);
    Ok(vec![
        Part {
            name: "sign-in-page",
            what: "sign-in page: index.html, boot module, stylesheet, icon",
            bytes: total(&sign_in)?,
        },
        Part {
            name: "console",
            what: "console module (every screen behind sign-in)",
            bytes: console,
        },
        Part {
            name: "charts-module",
            what: "charts module",
            bytes: charts,
        },
        Part {
            name: "echarts",
            what: "ECharts, the parts the charts use",
            bytes: echarts,
        },
        Part {
            name: "dashboard-first-visit",
            what: "first dashboard visit after sign-in: console, charts module and ECharts",
            bytes: console + charts + echarts,
        },
    ])
}

/// The recorded size of each part, in the ratchet file's order.
pub fn recorded(text: &str) -> Result<Vec<(String, u64)>, String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|line| {
            let (name, bytes) = line
                .split_once(char::is_whitespace)
                .ok_or_else(|| format!("`{line}` is not `name bytes`"))?;
            let bytes = bytes
                .trim()
                .parse()
                .map_err(|_| format!("`{line}`: bytes must be a number"))?;
            Ok((name.to_string(), bytes))
        })
        .collect()
}

/// The outcome of holding `parts` to the ratchet `text`: the parts that grew (each with its
/// recorded and measured size) and the file's text with every shrunk part lowered.
pub struct Held {
    pub grown: Vec<String>,
    pub lowered: Vec<String>,
    pub text: String,
}

pub fn hold(text: &str, parts: &[Part]) -> Result<Held, String> {
    let recorded = recorded(text)?;
    let mut held = Held {
        grown: Vec::new(),
        lowered: Vec::new(),
        text: String::new(),
    };
    for part in parts {
        if !recorded.iter().any(|(name, _)| name == part.name) {
            held.grown
                .push(format!("{} ({} bytes) has no recorded size", part.name, part.bytes));
        }
    }
    for line in text.lines() {
        let mut words = line.split_whitespace();
        let part = words
            .next()
            .filter(|n| !n.starts_with('#'))
            .and_then(|name| parts.iter().find(|p| p.name == name));
        let was = words.next().and_then(|b| b.parse::<u64>().ok());
        match (part, was) {
            (Some(part), Some(was)) if part.bytes > was => {
                held.grown.push(format!(
                    "{} ({}) grew from {was} to {} bytes",
                    part.name, part.what, part.bytes
                ));
                held.text.push_str(line);
            }
            (Some(part), Some(was)) if part.bytes < was => {
                held.lowered
                    .push(format!("{} shrank from {was} to {} bytes", part.name, part.bytes));
                held.text.push_str(&format!("{} {}", part.name, part.bytes));
            }
            (None, Some(_)) => {
                held.grown.push(format!("`{line}` names no part of the app"));
                held.text.push_str(line);
            }
            _ => held.text.push_str(line),
        }
        held.text.push('\n');
    }
    Ok(held)
}

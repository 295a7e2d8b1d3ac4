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
    pub name: String,
    /// What it is, for the reports.
    pub what: String,
    pub bytes: u64,
    /// Its files and the bytes each is sent as, the largest first: what it is made of.
    pub files: Vec<(String, u64)>,
}

impl Part {
    fn new(name: impl Into<String>, what: impl Into<String>, files: Vec<(String, u64)>) -> Part {
        let mut files = files;
        files.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        Part {
            name: name.into(),
            what: what.into(),
            bytes: files.iter().map(|(_, bytes)| bytes).sum(),
            files,
        }
    }
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

/// Each file as the reports name it (a shared chunk with the parts it serves) and its bytes sent.
fn sized(
    paths: &[std::path::PathBuf],
    chunks: &[(std::path::PathBuf, Vec<String>)],
) -> Result<Vec<(String, u64)>, String> {
    paths
        .iter()
        .map(|path| {
            let name = path.file_name().unwrap_or_default().to_string_lossy().into_owned();
            let name = match chunks.iter().find(|(chunk, _)| chunk == path) {
                Some((_, parts)) if name.starts_with("chunk_") => format!("{name} ({})", parts.join(", ")),
                _ => name,
            };
            Ok((name, sent_bytes(path)?))
        })
        .collect()
}

/// A screen's chunk (`split_{screen}-{hash}.wasm`) or a chunk that screens share
/// (`chunk_{n}-{hash}.wasm`), in `dist/app/`.
fn is_chunk(name: &str) -> bool {
    name.ends_with(".wasm") && (name.starts_with("split_") || name.starts_with("chunk_"))
}

/// Each chunk in `dist/app/` and the lazy parts it serves, as the split's loader names them: a
/// part's own chunk is headed `export const __wasm_split_load_{part}`, a chunk that parts share is
/// headed by a comment naming them (`/* account, activity */`).
fn chunks(app: &Path) -> Result<Vec<(std::path::PathBuf, Vec<String>)>, String> {
    let mut loaders = Vec::new();
    files(
        app,
        &|n| n.starts_with("wasm_split-") && n.ends_with(".js"),
        &mut loaders,
    )?;
    let [loader] = loaders.as_slice() else {
        return Err(format!(
            "{} holds {} split loaders, not one",
            app.display(),
            loaders.len()
        ));
    };
    let text = std::fs::read_to_string(loader).map_err(|e| format!("cannot read {}: {e}", loader.display()))?;
    let mut chunks = Vec::new();
    let mut parts: Vec<String> = Vec::new();
    for line in text.lines() {
        if let Some(list) = line.strip_prefix("/* ").and_then(|l| l.strip_suffix(" */")) {
            parts = list.split(", ").map(str::to_string).collect();
        } else if let Some(name) = line.strip_prefix("export const __wasm_split_load_") {
            parts = vec![name.split(' ').next().unwrap_or("").to_string()];
        }
        const URL: &str = "new URL(\"./";
        let Some(start) = line.find(URL) else { continue };
        let file = line[start + URL.len()..].split('"').next().unwrap_or("");
        chunks.push((app.join(file), parts.clone()));
    }
    Ok(chunks)
}

/// The lazy part that every visit behind sign-in loads first: the console (the router of every
/// page, the guard and the layout around the screens).
const FIRST_BEHIND_SIGN_IN: [&str; 1] = ["console"];

/// The parts of the app in `dist/`: what the sign-in page loads (the main module among it), what
/// the first page behind sign-in adds, what the first visit of each screen adds to that, the
/// charts module and ECharts, and the first dashboard visit after sign-in (all but the sign-in
/// page's part of these for the dashboard).
pub fn measure(dist: &Path) -> Result<Vec<Part>, String> {
    // The sign-in page: index.html, the start script, the stylesheet and icon, and the main module
    // with its loader and snippets.
    let mut sign_in = Vec::new();
    let top = std::fs::read_dir(dist).map_err(|e| format!("cannot list {}: {e}", dist.display()))?;
    for path in top.flatten().map(|e| e.path()) {
        let name = path.file_name().unwrap_or_default().to_string_lossy().into_owned();
        let host_page_or_rules = ["embed.js", "_headers", "_redirects"].contains(&name.as_str());
        if path.is_file() && !name.ends_with(".br") && !name.ends_with(".gz") && !host_page_or_rules {
            sign_in.push(path);
        }
    }
    let app = dist.join("app");
    files(&app, &|n| !is_chunk(n), &mut sign_in)?;
    let mut all_chunks = Vec::new();
    files(&app, &is_chunk, &mut all_chunks)?;
    let (mut charts, mut echarts) = (Vec::new(), Vec::new());
    files(&dist.join("charts"), &|n| !n.starts_with("echarts-"), &mut charts)?;
    files(&dist.join("charts"), &|n| n.starts_with("echarts-"), &mut echarts)?;
    let chunks = chunks(&app)?;
    if chunks.len() != all_chunks.len() {
        return Err(format!(
            "the split loader names {} chunks of {}",
            chunks.len(),
            all_chunks.len()
        ));
    }
    let (charts, echarts) = (sized(&charts, &chunks)?, sized(&echarts, &chunks)?);
    let mut parts = vec![Part::new(
        "sign-in-page",
        "sign-in page: index.html, main module with its loader, stylesheet, icon",
        sized(&sign_in, &chunks)?,
    )];
    let serves = |parts: &[String], wanted: &[&str]| parts.iter().any(|p| wanted.contains(&p.as_str()));
    let (first, later): (Vec<_>, Vec<_>) = chunks
        .iter()
        .partition(|(_, parts)| serves(parts, &FIRST_BEHIND_SIGN_IN));
    let first: Vec<_> = first.into_iter().map(|(path, _)| path.clone()).collect();
    let behind_sign_in = sized(&first, &chunks)?;
    parts.push(Part::new(
        "behind-sign-in",
        "first page behind sign-in: the console's chunk and those it shares",
        behind_sign_in.clone(),
    ));
    let mut screens: Vec<&str> = later
        .iter()
        .flat_map(|(_, parts)| parts.iter().map(String::as_str))
        .collect();
    screens.sort();
    screens.dedup();
    let mut dashboard = Vec::new();
    for screen in screens {
        let own: Vec<_> = later
            .iter()
            .filter(|(_, parts)| parts.iter().any(|p| p == screen))
            .map(|(path, _)| path.clone())
            .collect();
        let files = sized(&own, &chunks)?;
        if screen == "dashboard" {
            dashboard = files.clone();
        }
        parts.push(Part::new(
            format!("screen-{screen}"),
            format!("first visit of {screen}: its chunk and those it shares, beyond the console's"),
            files,
        ));
    }
    parts.push(Part::new("charts-module", "charts module", charts.clone()));
    parts.push(Part::new(
        "echarts",
        "ECharts, the parts the charts use",
        echarts.clone(),
    ));
    parts.push(Part::new(
        "dashboard-first-visit",
        "first dashboard visit after sign-in: console and dashboard chunks, charts module, ECharts",
        [behind_sign_in, dashboard, charts, echarts].concat(),
    ));
    Ok(parts)
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
        if !recorded.iter().any(|(name, _)| *name == part.name) {
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

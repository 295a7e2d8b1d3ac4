//! Building the app with trunk, then making the output pass a strict Content-Security-Policy.

use std::path::{Path, PathBuf};

use crate::cmd::{command, run};
use crate::{root, tools, Result};

/// `trunk build --release` into `dist/`, ready to be served or uploaded to a CDN.
pub fn release() -> Result<PathBuf> {
    tools::ensure_app_tools()?;
    let dist = root().join("dist");
    run(command("trunk").args(["build", "--release"]))?;
    externalize_inline_scripts(&dist)?;
    build_console(&dist.join("console"))?;
    build_charts(&dist.join("charts"))?;
    precompress(&dist)?;
    Ok(dist)
}

/// The console (every screen behind sign-in) is the app package's second binary, loaded by the
/// boot module trunk built; same profile and flags, so it reuses trunk's compiled dependencies.
fn build_console(out: &Path) -> Result {
    build_module(
        &["--package", "org-area", "--bin", "org-area-console"],
        "org-area-console",
        out,
    )
}

/// The charts are their own wasm module (`crates/charts`) with ECharts beside it, in `charts/`:
/// the app loads both only when a chart is about to be shown.
fn build_charts(out: &Path) -> Result {
    build_module(&["--package", "org-area-charts", "--lib"], "org_area_charts", out)?;
    let echarts = root().join("node_modules/echarts/dist/echarts.common.min.js");
    std::fs::copy(&echarts, out.join("echarts.js")).map_err(|e| format!("cannot copy {}: {e}", echarts.display()))?;
    Ok(())
}

/// A wasm module loaded at run time: built, bound for the web and optimized into `out`. The
/// binding and optimizing (the slow part) are kept per input in `target/org-area-modules/` and
/// reused while the compiled wasm is unchanged, since trunk empties `dist/` on every build.
fn build_module(cargo_args: &[&str], name: &str, out: &Path) -> Result {
    let mut args = vec!["build", "--release", "--target", "wasm32-unknown-unknown"];
    args.extend_from_slice(cargo_args);
    run(command("cargo").args(&args))?;
    let input = root().join(format!("target/wasm32-unknown-unknown/release/{name}.wasm"));
    let bytes = std::fs::read(&input).map_err(|e| format!("cannot read {}: {e}", input.display()))?;
    let cache = root().join(format!("target/org-area-modules/{name}-{:016x}", fnv1a(&bytes)));
    if !cache.join("done").exists() {
        // Older builds of this module are not needed again.
        if let Ok(entries) = std::fs::read_dir(root().join("target/org-area-modules")) {
            for old in entries.flatten().map(|e| e.path()) {
                if old
                    .file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| n.starts_with(&format!("{name}-")))
                {
                    let _ = std::fs::remove_dir_all(&old);
                }
            }
        }
        run(command("wasm-bindgen")
            .args(["--target", "web", "--no-typescript", "--out-dir"])
            .arg(&cache)
            .arg(&input))?;
        let wasm = cache.join(format!("{name}_bg.wasm"));
        run(command("wasm-opt").arg("-Oz").arg(&wasm).arg("-o").arg(&wasm))?;
        std::fs::write(cache.join("done"), "").map_err(|e| e.to_string())?;
    } else {
        println!("{name}: unchanged, reusing its bound and optimized files");
    }
    copy_tree(&cache, out)
}

fn copy_tree(from: &Path, to: &Path) -> Result {
    std::fs::create_dir_all(to).map_err(|e| format!("cannot create {}: {e}", to.display()))?;
    let entries = std::fs::read_dir(from).map_err(|e| format!("cannot list {}: {e}", from.display()))?;
    for path in entries.flatten().map(|e| e.path()) {
        let target = to.join(path.file_name().unwrap_or_default());
        if path.is_dir() {
            copy_tree(&path, &target)?;
        } else if path.file_name().is_some_and(|n| n != "done") {
            std::fs::copy(&path, &target).map_err(|e| format!("cannot copy {}: {e}", path.display()))?;
        }
    }
    Ok(())
}

/// Write `.br` and `.gz` beside each script, style, image and wasm file (in every folder), at the
/// highest levels, once per build, so the server (or a CDN) can send them without compressing per
/// request. index.html stays plain: it is small, and a host may edit it after the build.
pub fn precompress(dist: &Path) -> Result {
    use std::io::Write;
    let entries = std::fs::read_dir(dist).map_err(|e| format!("cannot list {}: {e}", dist.display()))?;
    for path in entries.flatten().map(|e| e.path()) {
        if path.is_dir() {
            precompress(&path)?;
            continue;
        }
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
        if !matches!(ext, "wasm" | "js" | "css" | "svg") {
            continue;
        }
        let raw = std::fs::read(&path).map_err(|e| e.to_string())?;
        let mut br = Vec::new();
        {
            let mut writer = brotli::CompressorWriter::new(&mut br, 64 * 1024, 11, 22);
            writer.write_all(&raw).map_err(|e| e.to_string())?;
        }
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        gz.write_all(&raw).map_err(|e| e.to_string())?;
        let gz = gz.finish().map_err(|e| e.to_string())?;
        std::fs::write(format!("{}.br", path.display()), br).map_err(|e| e.to_string())?;
        std::fs::write(format!("{}.gz", path.display()), gz).map_err(|e| e.to_string())?;
    }
    Ok(())
}

/// trunk starts the wasm module from an inline `<script type="module">`. A strict CSP forbids
/// inline script, so the script moves to its own content-hashed file.
pub fn externalize_inline_scripts(dist: &Path) -> Result {
    let index = dist.join("index.html");
    let mut html = std::fs::read_to_string(&index).map_err(|e| format!("cannot read {}: {e}", index.display()))?;
    let mut moved = 0;
    while let Some((start, end, body)) = find_inline_script(&html) {
        let name = format!("boot-{:016x}.js", fnv1a(body.as_bytes()));
        std::fs::write(dist.join(&name), body.trim()).map_err(|e| format!("cannot write {name}: {e}"))?;
        html.replace_range(
            start..end,
            &format!("<script type=\"module\" src=\"/{name}\"></script>"),
        );
        moved += 1;
    }
    if moved > 0 {
        std::fs::write(&index, html).map_err(|e| format!("cannot write {}: {e}", index.display()))?;
    }
    Ok(())
}

/// The first `<script>` with a body and no `src`: (start, end, body).
fn find_inline_script(html: &str) -> Option<(usize, usize, String)> {
    let mut from = 0;
    while let Some(offset) = html[from..].find("<script") {
        let start = from + offset;
        let open_end = start + html[start..].find('>')? + 1;
        let close = open_end + html[open_end..].find("</script>")?;
        let end = close + "</script>".len();
        let open_tag = &html[start..open_end];
        let body = &html[open_end..close];
        if !open_tag.contains("src=") && !body.trim().is_empty() {
            return Some((start, end, body.to_string()));
        }
        from = end;
    }
    None
}

fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf29ce484222325u64, |h, b| {
        (h ^ *b as u64).wrapping_mul(0x100000001b3)
    })
}

/// Each file of the built app: raw, gzip and brotli, as the closing notes report them.
pub fn report_sizes(dist: &Path) {
    report_dir(dist, "boot module with the sign-in page, loaded on every page:");
    report_dir(&dist.join("console"), "console, loaded once signed in:");
    report_dir(&dist.join("charts"), "charts, loaded on the dashboard only:");
}

fn report_dir(dist: &Path, title: &str) {
    println!("{title}");
    let mut files: Vec<_> = std::fs::read_dir(dist)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .collect();
    files.sort();
    let size = |p: &Path| std::fs::metadata(p).map(|m| m.len()).ok();
    let mut totals = [0u64; 3];
    println!("{:<40} {:>9} {:>9} {:>9}", "file", "raw", "gzip", "brotli");
    for file in files.iter().filter(|f| f.is_file()) {
        let name = file.file_name().unwrap_or_default().to_string_lossy().into_owned();
        if name.ends_with(".br") || name.ends_with(".gz") {
            continue;
        }
        let raw = size(file).unwrap_or(0);
        let gz = size(Path::new(&format!("{}.gz", file.display()))).unwrap_or(raw);
        let br = size(Path::new(&format!("{}.br", file.display()))).unwrap_or(raw);
        for (total, n) in totals.iter_mut().zip([raw, gz, br]) {
            *total += n;
        }
        println!("{name:<40} {raw:>9} {gz:>9} {br:>9}");
    }
    println!("{:<40} {:>9} {:>9} {:>9}", "total", totals[0], totals[1], totals[2]);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_module_script_moves_to_a_file() {
        let dir = std::env::temp_dir().join(format!("xtask-csp-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let html = "<html><head><script src=\"/a.js\"></script><script type=\"module\">\nimport init from '/app.js';\nawait init();\n</script></head></html>";
        std::fs::write(dir.join("index.html"), html).unwrap();
        externalize_inline_scripts(&dir).unwrap();
        let out = std::fs::read_to_string(dir.join("index.html")).unwrap();
        assert!(out.contains("<script src=\"/a.js\"></script>"), "external scripts stay");
        assert!(find_inline_script(&out).is_none(), "no inline script is left: {out}");
        let boot = std::fs::read_dir(&dir)
            .unwrap()
            .flatten()
            .find(|e| e.file_name().to_string_lossy().starts_with("boot-"))
            .unwrap();
        assert_eq!(
            std::fs::read_to_string(boot.path()).unwrap(),
            "import init from '/app.js';\nawait init();"
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }
}

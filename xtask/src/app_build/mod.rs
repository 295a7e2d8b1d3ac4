//! Building the app: cargo, the split and wasm-bindgen make the app's module (split per screen,
//! `split.rs`) and the charts module; then every file, the stylesheet and icon included, gets a
//! content-hashed name and the page is written
//! with relative addresses only, so `dist/` works from any host under any path.

mod fingerprint;
pub mod hosting;
mod page;
mod split;

use std::path::{Path, PathBuf};

use ::hosting::Host;

use crate::cmd::{cargo_home, command, run};
use crate::{root, tools, Result};

/// The app, its stylesheet and icon, and the charts into a new `dist/`, ready to be served or
/// uploaded.
pub fn release() -> Result<PathBuf> {
    tools::ensure_app_tools()?;
    let dist = root().join("dist");
    if dist.exists() {
        std::fs::remove_dir_all(&dist).map_err(|e| format!("cannot empty {}: {e}", dist.display()))?;
    }
    std::fs::create_dir_all(&dist).map_err(|e| format!("cannot create {}: {e}", dist.display()))?;
    for file in ["style/main.css", "public/favicon.svg"] {
        let from = root().join(file);
        let to = dist.join(from.file_name().unwrap_or_default());
        std::fs::copy(&from, &to).map_err(|e| format!("cannot copy {}: {e}", from.display()))?;
    }
    split::build(&dist.join("app"))?;
    build_charts(&dist.join("charts"))?;
    assemble(&dist)?;
    hosting::configure(&dist, &Host::new("/", "", &[])?, false)?;
    precompress(&dist)?;
    Ok(dist)
}

/// Hash every file's name and write the page that names them.
fn assemble(dist: &Path) -> Result {
    let app = fingerprint::split_module(&dist.join("app"), split::APP, split::LOADER)?;
    let charts = fingerprint::module(&dist.join("charts"), "org_area_charts")?;
    let echarts = fingerprint::rename_hashed(&dist.join("charts/echarts.js"))?;
    let stylesheet = fingerprint::rename_hashed(&dist.join("main.css"))?;
    let favicon = fingerprint::rename_hashed(&dist.join("favicon.svg"))?;
    let in_app = |file: &str| format!("app/{file}");
    let start = page::boot_script(&in_app(&app.main.script), &in_app(&app.main.wasm));
    let boot_script = fingerprint::write_hashed(dist, "boot", "js", start.as_bytes())?;
    let name = |path: &Path| path.file_name().unwrap_or_default().to_string_lossy().into_owned();
    // The glue imports the loader and the snippets: all fetched while the boot script starts.
    let mut module_preloads = vec![in_app(&app.main.script), in_app(&app.loader)];
    module_preloads.extend(app.main.snippets.iter().map(|s| in_app(s)));
    let html = page::index_html(&page::Files {
        stylesheet: name(&stylesheet),
        favicon: name(&favicon),
        boot: boot_script,
        module_preloads,
        wasm: in_app(&app.main.wasm),
        charts: format!("charts/{}", charts.script),
        echarts: format!("charts/{}", name(&echarts)),
    });
    std::fs::write(dist.join("index.html"), html).map_err(|e| format!("cannot write index.html: {e}"))?;
    let embed = root().join("public/embed.js");
    std::fs::copy(&embed, dist.join("embed.js")).map_err(|e| format!("cannot copy {}: {e}", embed.display()))?;
    Ok(())
}

/// The wasm modules name a source file by its place in the workspace or in its crate, never by
/// this machine's paths: panic locations are shipped in the wasm, and the same sources must give
/// the same bytes on every machine, since the size ratchet (`tests/sizes.txt`) compares them.
/// These flags add to the ones in `.cargo/config.toml`.
fn wasm_build(cmd: &mut std::process::Command) -> &mut std::process::Command {
    let mut prefixes = vec![format!("{}/", root().display())];
    let registry = cargo_home().join("registry/src");
    if let Ok(indexes) = std::fs::read_dir(&registry) {
        let mut indexes: Vec<_> = indexes.flatten().map(|e| e.path()).collect();
        indexes.sort();
        prefixes.extend(indexes.iter().map(|index| format!("{}/", index.display())));
    }
    prefixes.push(format!("{}/", cargo_home().join("git/checkouts").display()));
    let flags: Vec<String> = prefixes.iter().map(|p| format!("--remap-path-prefix={p}=")).collect();
    cmd.env("CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS", flags.join(" "))
}

/// The charts are their own wasm module (`crates/charts`) with ECharts beside it, in `charts/`:
/// the app loads both only when a chart is about to be shown. ECharts is bundled from its
/// modules with only the parts the charts register (`crates/charts/echarts.js`), minified, with
/// its development-only checks compiled out.
fn build_charts(out: &Path) -> Result {
    build_module(&["--package", "org-area-charts", "--lib"], "org_area_charts", out)?;
    run(command("esbuild")
        .arg(root().join("crates/charts/echarts.js"))
        .args([
            "--bundle",
            "--minify",
            "--format=iife",
            "--target=es2020",
            "--legal-comments=eof",
            "--define:process.env.NODE_ENV=\"production\"",
            "--log-level=warning",
        ])
        .arg(format!("--outfile={}", out.join("echarts.js").display())))
}

/// A wasm module loaded at run time: built, bound for the web and optimized into `out`. The
/// binding and optimizing (the slow part) are kept per input (see [`module_cache`]).
fn build_module(cargo_args: &[&str], name: &str, out: &Path) -> Result {
    let mut args = vec!["build", "--release", "--target", "wasm32-unknown-unknown"];
    args.extend_from_slice(cargo_args);
    run(wasm_build(command("cargo").args(&args)))?;
    let input = root().join(format!("target/wasm32-unknown-unknown/release/{name}.wasm"));
    let bytes = std::fs::read(&input).map_err(|e| format!("cannot read {}: {e}", input.display()))?;
    let cache = module_cache(name, &bytes);
    if !cache.join("done").exists() {
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

/// Where the finished files of a module compiled to `bytes` are kept:
/// `target/org-area-modules/{name}-{hash}/`, finished when it holds `done`. Every build starts
/// from an empty `dist/`, so an unchanged module is copied from here. Older builds of the module are
/// removed once a new one is asked for.
fn module_cache(name: &str, bytes: &[u8]) -> PathBuf {
    let modules = root().join("target/org-area-modules");
    let cache = modules.join(format!("{name}-{}", contract::hosting::content_hash(bytes)));
    if !cache.join("done").exists() {
        if let Ok(entries) = std::fs::read_dir(&modules) {
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
    }
    cache
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

/// Each file of the built app: raw, gzip and brotli, as the closing notes report them.
pub fn report_sizes(dist: &Path) {
    report_dir(dist, "the page, its stylesheet and start script:");
    report_dir(
        &dist.join("app"),
        "the app: main module (loaded on every page), its loader and a chunk per screen:",
    );
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
        // Copies of a file, host rules and the host pages' embed script are not the app.
        let not_the_app = contract::hosting::HOST_RULE_FILES.contains(&name.as_str()) || name == "embed.js";
        if name.ends_with(".br") || name.ends_with(".gz") || not_the_app {
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

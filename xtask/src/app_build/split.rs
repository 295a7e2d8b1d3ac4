//! The app's wasm, split per screen: compiled once with its relocations kept, cut at every
//! `#[wasm_split]` point (the app's `lazy_part!`) into a main module and chunks, bound for the
//! web, and optimized. The main module's glue and the split loader (`__wasm_split.js`, which
//! fetches a chunk relative to its own address and links it to the main module's memory and
//! table) import each other; `fingerprint::split_module` names them.

use std::path::{Path, PathBuf};

use crate::cmd::{command, run};
use crate::{root, Result};

/// The app's package and binary, and the name its files take.
pub const APP: &str = "org-area";
/// What is done to the compiled wasm, as far as the kept files depend on it: change it with the
/// steps, so a build does not reuse files made the old way.
const STEPS: &str = "wasm_split_cli_support 0.2.4, web; wasm-bindgen --keep-lld-exports --no-demangle; wasm-opt -Oz; esbuild --minify the glue";
/// The loader the split writes; the main module imports it by this name.
pub const LOADER: &str = "__wasm_split.js";

/// Build the app's module into `out`: `{APP}.js`, `{APP}_bg.wasm`, `snippets/`, the loader and
/// a `.wasm` per chunk. The binding, splitting and optimizing (the slow part) are kept per input
/// in `target/org-area-modules/` and reused while the compiled wasm is unchanged.
pub fn build(out: &Path) -> Result {
    // The split reads the linker's relocations. Asked for the app's binary only: in every crate's
    // flags it would change the dependencies' fingerprints (rebuilding them for the charts module
    // in turn), and the charts module would ship them.
    run(super::wasm_build(command("cargo").args([
        "rustc",
        "--release",
        "--target",
        "wasm32-unknown-unknown",
        "--package",
        APP,
        "--bin",
        APP,
        "--",
        "-Clink-args=--emit-relocs",
    ])))?;
    let input = root().join(format!("target/wasm32-unknown-unknown/release/{APP}.wasm"));
    let bytes = std::fs::read(&input).map_err(|e| format!("cannot read {}: {e}", input.display()))?;
    // The steps below are part of what the kept files are made of.
    let cache = super::module_cache(APP, &[bytes.as_slice(), STEPS.as_bytes()].concat());
    let split_dir = cache.with_extension("split");
    if cache.join("done").exists() {
        println!("{APP}: unchanged, reusing its split, bound and optimized files");
        return super::copy_tree(&cache, out);
    }
    let _ = std::fs::remove_dir_all(&split_dir);
    let main = split_dir.join(format!("{APP}.wasm"));
    let main_module = format!("./{APP}.js");
    let split = wasm_split_cli_support::transform({
        let mut options = wasm_split_cli_support::Options::new(&bytes);
        options.output_dir = &split_dir;
        options.main_out_path = &main;
        options.main_module = &main_module;
        let link = format!("./{LOADER}");
        options.link_name = Box::leak(link.into_boxed_str());
        options.target.web();
        options
    })
    .map_err(|e| format!("cannot split {}: {e:#}", input.display()))?;

    // The split loader reaches into the main module's exports by their linker names.
    run(command("wasm-bindgen")
        .args([
            "--target",
            "web",
            "--no-typescript",
            "--keep-lld-exports",
            "--no-demangle",
            "--out-dir",
        ])
        .arg(&cache)
        .arg(&main))?;
    let mut wasm_files = vec![cache.join(format!("{APP}_bg.wasm"))];
    for chunk in &split.split_modules {
        let target = cache.join(chunk.file_name().unwrap_or_default());
        std::fs::copy(chunk, &target).map_err(|e| format!("cannot copy {}: {e}", chunk.display()))?;
        wasm_files.push(target);
    }
    let loader = split_dir.join(LOADER);
    std::fs::copy(&loader, cache.join(LOADER)).map_err(|e| format!("cannot copy {}: {e}", loader.display()))?;
    optimize_all(&wasm_files)?;
    // The glue holds the bindings of every screen's browser calls, loaded with the sign-in page:
    // minified. (The loader stays as written: its comments name the screens each chunk is for,
    // which the size ratchet reads.) Two of its import-object keys are the same module's and
    // esbuild warns about them; the object is the same either way.
    let glue = cache.join(format!("{APP}.js"));
    run(command("esbuild")
        .arg(&glue)
        .args(["--minify", "--allow-overwrite", "--log-level=error"])
        .arg(format!("--outfile={}", glue.display())))?;
    // `{cache}.split/` stays: its modules still have their names, for `twiggy` (docs/benchmarks.md).
    std::fs::write(cache.join("done"), "").map_err(|e| e.to_string())?;
    super::copy_tree(&cache, out)
}

/// Smallest code, every core at work (there are a hundred and more small chunks); chunks and
/// the main module stay linked by their exports and imports, which wasm-opt keeps.
fn optimize_all(wasm_files: &[PathBuf]) -> Result {
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get());
    let next = std::sync::atomic::AtomicUsize::new(0);
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                scope.spawn(|| -> Result {
                    loop {
                        let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(wasm) = wasm_files.get(i) else { return Ok(()) };
                        run(command("wasm-opt").arg("-Oz").arg(wasm).arg("-o").arg(wasm))?;
                    }
                })
            })
            .collect();
        handles
            .into_iter()
            .try_for_each(|h| h.join().map_err(|_| "a wasm-opt worker panicked".to_string())?)
    })
}

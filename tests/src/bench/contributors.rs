//! What an unmet goal is made of: the files of a part of the app, the crates inside the main
//! module, the phases of a timing. docs/benchmarks.md lists the ten largest under each goal that
//! is not met, with what was tried (`tried.rs`).

use std::path::{Path, PathBuf};

/// How many contributors a goal lists.
pub const SHOWN: usize = 10;

/// The largest `SHOWN` of `items` (label, amount), the largest first.
pub fn largest(mut items: Vec<(String, f64)>) -> Vec<(String, f64)> {
    items.sort_by(|a, b| b.1.partial_cmp(&a.1).unwrap_or(std::cmp::Ordering::Equal));
    items.truncate(SHOWN);
    items
}

/// The main module as shipped in `dist`, and the split's main module it was made from, as it was
/// before binding and optimizing, names kept (`target/org-area-modules/`, where the build keeps
/// each step).
pub fn main_module(dist: &Path) -> Result<(PathBuf, PathBuf), String> {
    let app = dist.join("app");
    let shipped = std::fs::read_dir(&app)
        .map_err(|e| format!("cannot list {}: {e}", app.display()))?
        .flatten()
        .map(|e| e.path())
        .find(|p| {
            let name = p.file_name().unwrap_or_default().to_string_lossy();
            name.starts_with("org-area-") && name.ends_with(".wasm")
        })
        .ok_or("dist/app has no main module")?;
    let built = std::fs::read(&shipped).map_err(|e| e.to_string())?;
    let modules = Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/org-area-modules");
    let kept = std::fs::read_dir(&modules).map_err(|e| format!("cannot list {}: {e}", modules.display()))?;
    for dir in kept.flatten().map(|e| e.path()) {
        if std::fs::read(dir.join("org-area_bg.wasm")).is_ok_and(|bytes| bytes == built) {
            return Ok((shipped, dir.with_extension("split").join("org-area.wasm")));
        }
    }
    Err("the build that made dist/ is no longer kept in target/org-area-modules".into())
}

/// What a wasm module is made of, in bytes: its function bodies by the crate each comes from (by
/// its name; a module without names has one "unnamed" crate), its constant data, and the rest
/// that is shipped (imports, types, exports, the function table). Custom sections (names,
/// relocations) are left out: the shipped module has none.
struct Sections {
    code: std::collections::HashMap<String, f64>,
    data: f64,
    rest: f64,
}

fn sections(module: &Path) -> Result<Sections, String> {
    use wasmparser::{KnownCustom, Name, Parser, Payload};
    let bytes = std::fs::read(module).map_err(|e| format!("cannot read {}: {e}", module.display()))?;
    let (mut imported, mut bodies, mut names) = (0u32, Vec::new(), std::collections::HashMap::new());
    let (mut data, mut rest) = (0usize, 0usize);
    for payload in Parser::new(0).parse_all(&bytes) {
        let payload = payload.map_err(|e| e.to_string())?;
        let section = match &payload {
            Payload::TypeSection(s) => Some(s.range()),
            Payload::ImportSection(s) => Some(s.range()),
            Payload::FunctionSection(s) => Some(s.range()),
            Payload::TableSection(s) => Some(s.range()),
            Payload::GlobalSection(s) => Some(s.range()),
            Payload::ExportSection(s) => Some(s.range()),
            Payload::ElementSection(s) => Some(s.range()),
            _ => None,
        };
        rest += section.map_or(0, |r| (r.end - r.start) as usize);
        match payload {
            Payload::ImportSection(imports) => {
                for import in imports.into_imports() {
                    if matches!(import.map_err(|e| e.to_string())?.ty, wasmparser::TypeRef::Func(_)) {
                        imported += 1;
                    }
                }
            }
            Payload::CodeSectionEntry(body) => {
                let range = body.range();
                bodies.push((range.end - range.start) as usize);
            }
            Payload::DataSection(segments) => {
                for segment in segments {
                    data += segment.map_err(|e| e.to_string())?.data.len();
                }
            }
            Payload::CustomSection(custom) => {
                if let KnownCustom::Name(reader) = custom.as_known() {
                    for name in reader {
                        if let Ok(Name::Function(map)) = name {
                            for naming in map.into_iter().flatten() {
                                names.insert(naming.index, naming.name.to_string());
                            }
                        }
                    }
                }
            }
            _ => {}
        }
    }
    let mut code = std::collections::HashMap::new();
    for (i, size) in bodies.iter().enumerate() {
        let name = names.get(&(imported + i as u32)).map(String::as_str).unwrap_or("");
        // wasm-bindgen runs its descriptions at build time and takes them out.
        if name.starts_with("__wbindgen_describe") {
            continue;
        }
        *code.entry(crate_of(name)).or_default() += *size as f64;
    }
    Ok(Sections {
        code,
        data: data as f64,
        rest: rest as f64,
    })
}

/// The shipped main module's code divided by crate (each crate's share of the code before
/// optimizing, as the names of `before` tell), its constant data and the rest, in bytes shipped
/// before compression.
pub fn by_crate(shipped: &Path, before: &Path) -> Result<Vec<(String, f64)>, String> {
    let named = sections(before)?;
    let shipped = sections(shipped)?;
    let code_before: f64 = named.code.values().sum();
    let code_shipped: f64 = shipped.code.values().sum();
    let mut parts: Vec<(String, f64)> = named
        .code
        .into_iter()
        .map(|(name, bytes)| (name, code_shipped * bytes / code_before.max(1.0)))
        .collect();
    parts.push((
        "constant data (texts, field names, panic locations)".into(),
        shipped.data,
    ));
    parts.push(("imports, types, exports, the function table".into(), shipped.rest));
    Ok(parts)
}

/// The crate a (mangled) function name comes from: the first segment of its path, the type's for
/// a trait method (`<alloc::vec::Vec<T> as Drop>::drop` is `alloc`'s).
fn crate_of(mangled: &str) -> String {
    let name = format!("{:#}", rustc_demangle::demangle(mangled));
    let path = name
        .trim_start_matches(['<', '&', '*'])
        .trim_start_matches("mut ")
        .trim_start_matches("const ");
    match path.split_once("::") {
        Some((head, _)) if !head.is_empty() && head.chars().all(|c| c.is_alphanumeric() || c == '_') => {
            head.to_string()
        }
        _ if path.starts_with("__wbg") || path.starts_with("__wbindgen") => "wasm-bindgen".into(),
        _ => "compiler runtime (memcpy, unnamed)".into(),
    }
}

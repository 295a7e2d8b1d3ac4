//! Content hashes in file names, so a CDN may keep every file for a year: a file's name changes
//! whenever its bytes do. Files are renamed leaves first (snippets, wasm), then the scripts that
//! name them are rewritten and hashed in turn, so a changed snippet also renames its importer.

use std::path::{Path, PathBuf};

use contract::hosting::content_hash;

use crate::Result;

/// A wasm-bindgen module after hashing: its script and wasm file, and the snippets its script
/// imports (wasm-bindgen writes every snippet of the crate; a module uses some), as paths
/// relative to its folder.
pub struct Module {
    pub script: String,
    pub wasm: String,
    pub snippets: Vec<String>,
}

/// Rename `{name}.js`, `{name}_bg.wasm` and every file under `snippets/` in `dir` to hashed
/// names, rewriting the script's imports and its default wasm address to match.
pub fn module(dir: &Path, name: &str) -> Result<Module> {
    let mut renamed = Vec::new();
    for snippet in files_under(&dir.join("snippets"))? {
        let old = relative(dir, &snippet);
        let new = rename_hashed(&snippet)?;
        renamed.push((old, relative(dir, &new)));
    }
    let wasm = rename_hashed_as(&dir.join(format!("{name}_bg.wasm")), name, "wasm")?;
    let wasm = file_name(&wasm);

    let script_path = dir.join(format!("{name}.js"));
    let script = read_text(&script_path)?;
    let default_wasm = format!("'{name}_bg.wasm'");
    if !script.contains(&default_wasm) {
        return Err(format!(
            "{} does not name {default_wasm}; did wasm-bindgen change?",
            script_path.display()
        ));
    }
    let mut script = script.replace(&default_wasm, &format!("'{wasm}'"));
    // Only the import statements: the wasm itself imports its snippets by their original names,
    // which the glue's import object keeps.
    script = script
        .split_inclusive('\n')
        .map(|line| {
            if line.starts_with("import ") {
                renamed.iter().fold(line.to_string(), |line, (old, new)| {
                    line.replace(&format!("./{old}"), &format!("./{new}"))
                })
            } else {
                line.to_string()
            }
        })
        .collect();
    std::fs::remove_file(&script_path).map_err(|e| format!("cannot remove {}: {e}", script_path.display()))?;
    let text = script;
    let script = write_hashed(dir, name, "js", text.as_bytes())?;
    let imported = renamed
        .into_iter()
        .map(|(_, new)| new)
        .filter(|new| text.contains(&format!("./{new}")))
        .collect();
    Ok(Module {
        script,
        wasm,
        snippets: imported,
    })
}

/// `dir/{stem}-{hash}.{ext}` holding `bytes`; returns the file name.
pub fn write_hashed(dir: &Path, stem: &str, ext: &str, bytes: &[u8]) -> Result<String> {
    let name = format!("{stem}-{}.{ext}", content_hash(bytes));
    let path = dir.join(&name);
    std::fs::write(&path, bytes).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    Ok(name)
}

/// Move a file to `{stem}-{hash}.{ext}` beside it; returns the new path.
pub fn rename_hashed(path: &Path) -> Result<PathBuf> {
    let name = file_name(path);
    let (stem, ext) = name
        .rsplit_once('.')
        .ok_or_else(|| format!("{name} has no extension"))?;
    rename_hashed_as(path, stem, ext)
}

fn rename_hashed_as(path: &Path, stem: &str, ext: &str) -> Result<PathBuf> {
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let target = path.with_file_name(format!("{stem}-{}.{ext}", content_hash(&bytes)));
    std::fs::rename(path, &target).map_err(|e| format!("cannot rename {}: {e}", path.display()))?;
    Ok(target)
}

fn read_text(path: &Path) -> Result<String> {
    std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
}

fn file_name(path: &Path) -> String {
    path.file_name().unwrap_or_default().to_string_lossy().into_owned()
}

/// `path` relative to `dir`, with forward slashes (as in a URL).
fn relative(dir: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(dir).unwrap_or(path);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}

/// Every file under `dir` (none when it does not exist), in a stable order.
pub fn files_under(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut found = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Ok(found);
    };
    for path in entries.flatten().map(|e| e.path()) {
        if path.is_dir() {
            found.extend(files_under(&path)?);
        } else {
            found.push(path);
        }
    }
    found.sort();
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_module_its_wasm_and_its_snippets_get_hashed_names_and_matching_imports() {
        let dir = tempdir("module");
        std::fs::create_dir_all(dir.join("snippets/app-1/src")).unwrap();
        std::fs::write(dir.join("snippets/app-1/src/load.js"), "export function f() {}").unwrap();
        std::fs::write(dir.join("app_bg.wasm"), b"\0asm").unwrap();
        std::fs::write(
            dir.join("app.js"),
            "import { f } from './snippets/app-1/src/load.js';\nconst imports = { \"./snippets/app-1/src/load.js\": f };\nmodule_or_path = new URL('app_bg.wasm', import.meta.url);\n",
        )
        .unwrap();
        let module = module(&dir, "app").unwrap();
        let script = std::fs::read_to_string(dir.join(&module.script)).unwrap();
        let snippet = &module.snippets[0];
        assert!(contract::hosting::is_hashed_name(&module.script), "{}", module.script);
        assert!(contract::hosting::is_hashed_name(&module.wasm), "{}", module.wasm);
        assert!(snippet.starts_with("snippets/app-1/src/load-"), "{snippet}");
        assert!(script.contains(&format!("from './{snippet}'")), "{script}");
        assert!(
            script.contains("\"./snippets/app-1/src/load.js\": f"),
            "the wasm's import names stay: {script}"
        );
        assert!(script.contains(&format!("new URL('{}'", module.wasm)), "{script}");
        assert!(!dir.join("app.js").exists() && !dir.join("app_bg.wasm").exists());
        std::fs::remove_dir_all(&dir).unwrap();
    }

    fn tempdir(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("xtask-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }
}

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
    let Some(quote) = ['\'', '"']
        .into_iter()
        .find(|q| script.contains(&format!("{q}{name}_bg.wasm{q}")))
    else {
        return Err(format!(
            "{} does not name {name}_bg.wasm; did wasm-bindgen change?",
            script_path.display()
        ));
    };
    let default_wasm = format!("{quote}{name}_bg.wasm{quote}");
    let mut script = script.replace(&default_wasm, &format!("{quote}{wasm}{quote}"));
    for (old, new) in &renamed {
        script = rewrite_imports(&script, old, new);
    }
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

/// The app's split module after hashing: its main module (as [`module`] gives it), its loader
/// script and its chunks, relative to its folder.
pub struct SplitModule {
    pub main: Module,
    pub loader: String,
}

/// Hash the names of a split module's files in `dir` (see `split.rs`): the snippets and wasm
/// files first, then the main module's glue (`{name}.js`) and the loader (`loader`), which import
/// each other. Neither name can hold the hash of the other's final text, so both take one hash of
/// their two texts with those imports left out: a change to either renames both.
pub fn split_module(dir: &Path, name: &str, loader: &str) -> Result<SplitModule> {
    let mut chunks = Vec::new();
    for wasm in files_under(dir)? {
        let file = file_name(&wasm);
        if wasm.parent() == Some(dir) && file.ends_with(".wasm") && file != format!("{name}_bg.wasm") {
            let new = rename_hashed(&wasm)?;
            chunks.push((file, file_name(&new)));
        }
    }
    let loader_path = dir.join(loader);
    let mut loader_text = read_text(&loader_path)?;
    for (old, new) in &chunks {
        let reference = format!("\"./{old}\"");
        if !loader_text.contains(&reference) {
            return Err(format!(
                "{} does not name {old}; did the split change?",
                loader_path.display()
            ));
        }
        loader_text = loader_text.replace(&reference, &format!("\"./{new}\""));
    }
    // The main module as any other, under a temporary name for its glue.
    let main = module(dir, name)?;
    let glue_path = dir.join(&main.script);
    let glue_text = read_text(&glue_path)?;
    std::fs::remove_file(&glue_path).map_err(|e| format!("cannot remove {}: {e}", glue_path.display()))?;
    std::fs::remove_file(&loader_path).map_err(|e| format!("cannot remove {}: {e}", loader_path.display()))?;

    const GLUE: &str = "\u{0}glue\u{0}";
    const LOADER: &str = "\u{0}loader\u{0}";
    let glue_text = rewrite_imports(&glue_text, loader, LOADER);
    let loader_text = rewrite_imports(&loader_text, &format!("{name}.js"), GLUE);
    if !glue_text.contains(LOADER) || !loader_text.contains(GLUE) {
        return Err(format!(
            "the glue and the loader in {} do not import each other",
            dir.display()
        ));
    }
    let hash = content_hash(format!("{glue_text}\n{loader_text}").as_bytes());
    let loader_stem = loader.trim_end_matches(".js").trim_start_matches('_');
    let glue_name = format!("{name}-{hash}.js");
    let loader_name = format!("{loader_stem}-{hash}.js");
    let write = |file: &str, text: String| {
        let text = text.replace(GLUE, &glue_name).replace(LOADER, &loader_name);
        std::fs::write(dir.join(file), text).map_err(|e| format!("cannot write {file}: {e}"))
    };
    write(&glue_name, glue_text)?;
    write(&loader_name, loader_text)?;
    Ok(SplitModule {
        main: Module {
            script: glue_name,
            ..main
        },
        loader: loader_name,
    })
}

/// `text` with its imports of `./{old}` made imports of `./{new}`, whether minified or not. Only
/// the import statements: the wasm imports its snippets and the split loader by their original
/// names, which the glue's import object keeps (`"./snippets/…": import0`).
fn rewrite_imports(text: &str, old: &str, new: &str) -> String {
    let mut text = text.to_string();
    for from in ["from", "from "] {
        for quote in ['\'', '"'] {
            text = text.replace(
                &format!("{from}{quote}./{old}{quote}"),
                &format!("{from}{quote}./{new}{quote}"),
            );
        }
    }
    text
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

    #[test]
    fn a_split_modules_glue_and_loader_name_each_other_and_its_chunks_by_hashed_names() {
        let dir = tempdir("split");
        std::fs::write(dir.join("app_bg.wasm"), b"\0asm main").unwrap();
        std::fs::write(dir.join("split_users.wasm"), b"\0asm users").unwrap();
        std::fs::write(dir.join("chunk_3.wasm"), b"\0asm shared").unwrap();
        // Minified glue, as the build writes it: the import object keeps the loader's own name.
        const GLUE: &str = r#"import*as a from"./__wasm_split.js";const i={"./__wasm_split.js":a};new URL("app_bg.wasm",import.meta.url);"#;
        std::fs::write(dir.join("app.js"), GLUE).unwrap();
        let loader = "import { initSync } from \"./app.js\";\nfetch(new URL(\"./split_users.wasm\", import.meta.url));\nfetch(new URL(\"./chunk_3.wasm\", import.meta.url));\n";
        std::fs::write(dir.join("__wasm_split.js"), loader).unwrap();

        let first = split_module(&dir, "app", "__wasm_split.js").unwrap();
        let glue = std::fs::read_to_string(dir.join(&first.main.script)).unwrap();
        let loader = std::fs::read_to_string(dir.join(&first.loader)).unwrap();
        assert!(glue.contains(&format!("from\"./{}\"", first.loader)), "{glue}");
        assert!(
            glue.contains("{\"./__wasm_split.js\":a}"),
            "the wasm's import name stays: {glue}"
        );
        assert!(glue.contains(&format!("new URL(\"{}\"", first.main.wasm)), "{glue}");
        assert!(
            loader.contains(&format!("from \"./{}\"", first.main.script)),
            "{loader}"
        );
        for chunk in ["split_users-", "chunk_3-"] {
            let named = loader
                .split('"')
                .find(|part| part.starts_with(&format!("./{chunk}")))
                .unwrap();
            assert!(
                dir.join(&named[2..]).exists() && contract::hosting::is_hashed_name(&named[2..]),
                "{named}"
            );
        }
        std::fs::remove_dir_all(&dir).unwrap();

        // A change in the loader alone renames the glue too.
        let dir = tempdir("split");
        std::fs::write(dir.join("app_bg.wasm"), b"\0asm main").unwrap();
        std::fs::write(dir.join("app.js"), GLUE).unwrap();
        std::fs::write(
            dir.join("__wasm_split.js"),
            "import { initSync } from \"./app.js\"; // changed\n",
        )
        .unwrap();
        let second = split_module(&dir, "app", "__wasm_split.js").unwrap();
        assert_ne!(first.main.script, second.main.script);
        assert_ne!(first.loader, second.loader);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    fn tempdir(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("xtask-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }
}

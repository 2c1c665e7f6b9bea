//! The app, the scene and the document model stay in files of readable size (the lints keep
//! functions short: `clippy::too_many_lines` in Cargo.toml's `[lints]`).

use std::path::{Path, PathBuf};

/// The most lines a file of the app, the scene or the document model may have.
const MAX_LINES: usize = 1200;

/// The `.rs` files below `dir`.
fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

#[test]
fn app_scene_and_document_files_stay_small() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = vec![src.join("scene.rs")];
    for dir in ["app", "scene", "document"] {
        rust_files(&src.join(dir), &mut files);
    }
    assert!(files.len() > 10, "{files:?}");
    let long: Vec<String> = files
        .iter()
        .map(|p| (p, std::fs::read_to_string(p).unwrap().lines().count()))
        .filter(|(_, n)| *n > MAX_LINES)
        .map(|(p, n)| format!("{}: {n} lines", p.display()))
        .collect();
    assert!(long.is_empty(), "split by concern: {long:?}");
}

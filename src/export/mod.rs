//! Image export of a [`Scene`]: SVG (text) and PNG (the same drawing rasterized by tiny-skia).
//!
//! Both draw the WHOLE graph fitted to the asked size, with a legend and an optional title.

pub mod data;
pub mod png;
pub mod svg;

use std::io::Write;
use std::path::Path;

use crate::error::Error;
use crate::scene::{Scene, Style};

/// Write `bytes` to `path` atomically: a temporary file in the same directory, flushed to disk,
/// then renamed over `path` (readers never see a half-written file).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let name = path
        .file_name()
        .ok_or_else(|| Error::Export {
            path: path.to_path_buf(),
            reason: "not a file path".into(),
        })?
        .to_string_lossy();
    static COUNTER: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let n = COUNTER.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let tmp = dir.join(format!(".{name}.{}.{n}.tmp", std::process::id()));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        drop(f);
        std::fs::rename(&tmp, path)
    })();
    if let Err(e) = result {
        let _ = std::fs::remove_file(&tmp);
        return Err(Error::io(path, e));
    }
    // Make the rename itself durable where the platform allows it.
    #[cfg(unix)]
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

/// Export the scene as an image chosen by the extension of `path` (`.png` or `.svg`).
pub fn export_image(
    path: &Path,
    scene: &Scene,
    style: &Style,
    width: u32,
    height: u32,
    title: Option<&str>,
) -> Result<(), Error> {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(|e| e.to_ascii_lowercase());
    let bytes = match ext.as_deref() {
        Some("svg") => svg::to_svg(scene, style, width, height, title).into_bytes(),
        Some("png") => png::to_png(scene, style, width, height, title).map_err(|e| match e {
            Error::Export { reason, .. } => Error::Export {
                path: path.to_path_buf(),
                reason,
            },
            other => other,
        })?,
        _ => {
            return Err(Error::Export {
                path: path.to_path_buf(),
                reason: "unsupported image format (use a .png or .svg file name)".into(),
            });
        }
    };
    write_atomic(path, &bytes)
}

//! PNG export: the SVG of [`super::svg::to_svg`] rendered by resvg, with the bundled font.
//! The only module that touches resvg / tiny-skia.

use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

use resvg::{tiny_skia, usvg};

use crate::error::Error;
use crate::scene::{Scene, Style};

/// The bundled font (labels render the same on every machine; resvg draws no text without one).
pub const FONT_DATA: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
/// Its family name.
pub const FONT_FAMILY: &str = "DejaVu Sans";

fn fontdb() -> Arc<usvg::fontdb::Database> {
    static DB: OnceLock<Arc<usvg::fontdb::Database>> = OnceLock::new();
    DB.get_or_init(|| {
        let mut db = usvg::fontdb::Database::new();
        db.load_font_data(FONT_DATA.to_vec());
        // Generic families (and usvg's last-resort serif) resolve to the bundled font too.
        db.set_sans_serif_family(FONT_FAMILY);
        db.set_serif_family(FONT_FAMILY);
        db.set_monospace_family(FONT_FAMILY);
        Arc::new(db)
    })
    .clone()
}

fn err(reason: impl Into<String>) -> Error {
    Error::Export {
        path: PathBuf::from("<png>"),
        reason: reason.into(),
    }
}

/// Render an SVG document to PNG bytes of exactly `width` x `height` pixels.
pub fn svg_to_png(svg: &str, width: u32, height: u32) -> Result<Vec<u8>, Error> {
    let mut opt = usvg::Options {
        font_family: FONT_FAMILY.to_owned(),
        ..usvg::Options::default()
    };
    opt.fontdb = fontdb();
    let tree = usvg::Tree::from_str(svg, &opt).map_err(|e| err(format!("bad SVG: {e}")))?;
    let mut pixmap = tiny_skia::Pixmap::new(width, height)
        .ok_or_else(|| err(format!("invalid image size {width}x{height}")))?;
    let size = tree.size();
    let (sx, sy) = (width as f32 / size.width(), height as f32 / size.height());
    resvg::render(
        &tree,
        tiny_skia::Transform::from_scale(sx, sy),
        &mut pixmap.as_mut(),
    );
    pixmap
        .encode_png()
        .map_err(|e| err(format!("PNG encoding failed: {e}")))
}

/// The scene as a PNG image of exactly `width` x `height` pixels (same drawing as the SVG).
pub fn to_png(
    scene: &Scene,
    style: &Style,
    width: u32,
    height: u32,
    title: Option<&str>,
) -> Result<Vec<u8>, Error> {
    if width == 0 || height == 0 || width > 16384 || height > 16384 {
        return Err(err(format!(
            "invalid image size {width}x{height} (1..=16384 pixels a side)"
        )));
    }
    let svg = super::svg::to_svg(scene, style, width, height, title);
    svg_to_png(&svg, width, height)
}

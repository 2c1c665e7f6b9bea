//! PNG export: the drawing of [`super::svg::to_svg`] rasterized with tiny-skia (shapes drawn
//! directly, on parallel tiles; text through resvg from SVG snippets, with the bundled font).
//! The only module that touches resvg / tiny-skia.

use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

use resvg::{tiny_skia, usvg};

use super::svg::{Part, svg_parts};
use crate::error::Error;
use crate::geom::Point;
use crate::scene::{Scene, Style, Transform};

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
///
/// Edges, arrowheads and nodes are rasterized directly with tiny-skia, in the SVG's order and
/// with its geometry (a 10k-node graph is no longer serialized and parsed); only the text
/// parts (labels, legend, title) go through usvg, as SVG snippets of [`svg_parts`], so text
/// renders exactly as in the SVG.
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
    let lay = super::svg::image_layout(scene, style, width, height, title);
    let t = lay.transform;
    let mut pixmap = tiny_skia::Pixmap::new(width, height)
        .ok_or_else(|| err(format!("invalid image size {width}x{height}")))?;
    pixmap.fill(color(style.background));
    let flat = |v: Vec<(Shape, Option<Shape>)>| -> Vec<Shape> {
        v.into_iter()
            .flat_map(|(a, b)| std::iter::once(a).chain(b))
            .collect()
    };

    // Bottom to top, as the SVG: edges, dimmed nodes, their labels, the other nodes, their
    // labels, legend and title.
    let mut lower = edge_shapes(scene, &t);
    lower.extend(flat(node_shapes(scene, &t, true)));
    draw_tiled(&mut pixmap, &lower);
    drop(lower);
    let text_layer = |pixmap: &mut tiny_skia::Pixmap, keep: &dyn Fn(Part) -> bool| {
        let svg = svg_parts(scene, style, width, height, title, keep);
        render_svg_onto(&svg, pixmap)
    };
    if scene.nodes.iter().any(|n| n.dimmed) {
        text_layer(&mut pixmap, &|p| p == Part::Labels(true))?;
    }
    draw_tiled(&mut pixmap, &flat(node_shapes(scene, &t, false)));
    text_layer(&mut pixmap, &|p| {
        p == Part::Labels(false) || p == Part::Overlay
    })?;
    encode(&pixmap)
}

/// Every edge (its curve, then its arrowhead) once, in pixels, with its bounding box (stroke
/// included).
fn edge_shapes(scene: &Scene, t: &Transform) -> Vec<Shape> {
    use rayon::prelude::*;
    scene
        .edges
        .par_iter()
        .flat_map_iter(|e| {
            let (a, c, b) = (t.apply(e.from), t.apply(e.ctrl), t.apply(e.to));
            let w = t.apply_len(e.width).max(0.5);
            let mut pb = tiny_skia::PathBuilder::new();
            pb.move_to(a.x, a.y);
            if e.is_straight() {
                pb.line_to(b.x, b.y);
            } else {
                pb.quad_to(c.x, c.y, b.x, b.y);
            }
            let thin = (w <= THIN_LINE && e.is_straight()).then_some((a, b));
            let line = pb.finish().map(|path| Shape {
                path,
                bbox: bbox(&[a, b, c], w),
                color: color(e.color),
                stroke: Some(w),
                fill: false,
                thin,
            });
            let arrow = e.arrow.and_then(|tri| {
                let [tip, l, r] = tri.map(|p| t.apply(p));
                let mut pb = tiny_skia::PathBuilder::new();
                pb.move_to(tip.x, tip.y);
                pb.line_to(l.x, l.y);
                pb.line_to(r.x, r.y);
                pb.close();
                pb.finish().map(|path| Shape {
                    path,
                    bbox: bbox(&[tip, l, r], 1.0),
                    color: color(e.color),
                    stroke: None,
                    fill: true,
                    thin: None,
                })
            });
            line.into_iter().chain(arrow)
        })
        .collect()
}

/// The nodes drawn dimmed (or not) as (fill, stroke) pairs, in pixels.
fn node_shapes(scene: &Scene, t: &Transform, dimmed: bool) -> Vec<(Shape, Option<Shape>)> {
    use rayon::prelude::*;
    scene
        .nodes
        .par_iter()
        .filter(|n| n.dimmed == dimmed)
        .filter_map(|n| {
            let c = t.apply(n.center);
            let r = t.apply_len(n.radius).max(1.0);
            let sw = t.apply_len(n.stroke_width);
            let path = tiny_skia::PathBuilder::from_circle(c.x, c.y, r)?;
            let bb = bbox(&[c], r + sw + 1.0);
            let stroke = (n.stroke_width > 0.0).then(|| Shape {
                path: path.clone(),
                bbox: bb,
                color: color(n.stroke),
                stroke: Some(sw),
                fill: false,
                thin: None,
            });
            let fill = Shape {
                path,
                bbox: bb,
                color: color(n.fill),
                stroke: None,
                fill: true,
                thin: None,
            };
            Some((fill, stroke))
        })
        .collect()
}

/// A path to draw, in pixels.
struct Shape {
    path: tiny_skia::Path,
    /// (min x, min y, max x, max y), stroke included.
    bbox: [f32; 4],
    color: tiny_skia::Color,
    /// Stroke width (round caps), or fill.
    stroke: Option<f32>,
    fill: bool,
    /// A straight stroke at most [`THIN_LINE`] wide: drawn by [`thin_line`] instead.
    thin: Option<(Point, Point)>,
}

/// Straight strokes up to this wide (pixels) are rasterized by [`thin_line`].
const THIN_LINE: f32 = 2.0;

/// An anti-aliased straight line of width `w` (pixels, any value up to a few) blended
/// source-over into a premultiplied RGBA8 buffer of `tw` x `th` pixels. Coverage is exact per
/// column (the stroke's cross-section over each pixel along the minor axis, times the part
/// of the column the segment spans): the same ink as tiny-skia's anti-aliased stroke, without
/// its per-span pipeline cost (butt ends; the round caps of sub-2-pixel lines are invisible).
fn thin_line(px: &mut [u8], tw: usize, th: usize, a: Point, b: Point, w: f32, c: [f32; 4]) {
    let ci = c.map(|v| v.round().clamp(0.0, 255.0) as u32);
    let steep = (b.y - a.y).abs() > (b.x - a.x).abs();
    let (mut au, mut av, mut bu, mut bv) = if steep {
        (a.y, a.x, b.y, b.x)
    } else {
        (a.x, a.y, b.x, b.y)
    };
    if au > bu {
        std::mem::swap(&mut au, &mut bu);
        std::mem::swap(&mut av, &mut bv);
    }
    let (umax, vmax) = if steep { (th, tw) } else { (tw, th) };
    let du = bu - au;
    let slope = if du > 1e-6 { (bv - av) / du } else { 0.0 };
    let half = 0.5 * w * (1.0 + slope * slope).sqrt();
    let u_lo = floor_i(au).max(0);
    let u_hi = floor_i(bu).min(umax as i64 - 1);
    for u in u_lo..=u_hi {
        let uf = u as f32;
        let hcov = if du > 1e-6 {
            (bu.min(uf + 1.0) - au.max(uf)).clamp(0.0, 1.0)
        } else {
            w.min(1.0)
        };
        if hcov <= 0.0 {
            continue;
        }
        let uc = (uf + 0.5).clamp(au, bu);
        let vc = av + slope * (uc - au);
        let (lo, hi) = (vc - half, vc + half);
        let v_lo = floor_i(lo).max(0);
        let v_hi = floor_i(hi).min(vmax as i64 - 1);
        for v in v_lo..=v_hi {
            let vf = v as f32;
            let cov = (hi.min(vf + 1.0) - lo.max(vf)).clamp(0.0, 1.0) * hcov;
            if cov <= 0.0 {
                continue;
            }
            let (x, y) = if steep { (v, u) } else { (u, v) };
            let i = (y as usize * tw + x as usize) * 4;
            // integer source-over in units of 1 / (256 * 255): out = c * cov + d * (1 - cov * a)
            let s = (cov * 256.0 + 0.5) as u32;
            let keep = 256 * 255 - s * ci[3];
            for k in 0..4 {
                let d = px[i + k] as u32;
                px[i + k] = ((ci[k] * s * 255 + d * keep + 32_640) / 65_280).min(255) as u8;
            }
        }
    }
}

/// `x.floor() as i64` without the libm call (baseline x86-64 has no rounding instruction;
/// `floorf` was 12% of a big PNG export). Saturates like `as`.
#[inline]
fn floor_i(x: f32) -> i64 {
    let i = x as i64;
    if (i as f32) > x {
        i.saturating_sub(1)
    } else {
        i
    }
}

fn bbox(pts: &[Point], pad: f32) -> [f32; 4] {
    let r = crate::geom::Rect::bounding(pts.iter().copied()).expand(pad);
    [r.min.x, r.min.y, r.max.x, r.max.y]
}

/// Tile side: tiny-skia's anti-aliased scan conversion costs O(width) per row of a path, so
/// drawing 50k small paths on a 3200-pixel-wide canvas is slow; on tiles it is not, and the
/// tiles render in parallel.
const TILE: u32 = 256;

/// Draw `shapes` in order over the pixmap's content, tile by tile (in parallel).
fn draw_tiled(pixmap: &mut tiny_skia::Pixmap, shapes: &[Shape]) {
    use rayon::prelude::*;
    if shapes.is_empty() {
        return;
    }
    let (w, h) = (pixmap.width(), pixmap.height());
    let tiles: Vec<(u32, u32)> = (0..h.div_ceil(TILE))
        .flat_map(|ty| (0..w.div_ceil(TILE)).map(move |tx| (tx * TILE, ty * TILE)))
        .collect();
    let src = pixmap.data();
    let stride = w as usize * 4;
    let done: Vec<(u32, u32, tiny_skia::Pixmap)> = tiles
        .par_iter()
        .filter_map(|&(x0, y0)| {
            let (tw, th) = (TILE.min(w - x0), TILE.min(h - y0));
            let mut tile = tiny_skia::Pixmap::new(tw, th)?;
            let row = tw as usize * 4;
            for (y, dst) in tile.data_mut().chunks_exact_mut(row).enumerate() {
                let s = (y0 as usize + y) * stride + x0 as usize * 4;
                dst.copy_from_slice(&src[s..s + row]);
            }
            let (fx0, fy0, fx1, fy1) = (x0 as f32, y0 as f32, (x0 + tw) as f32, (y0 + th) as f32);
            let tr = tiny_skia::Transform::from_translate(-fx0, -fy0);
            let mut paint = tiny_skia::Paint {
                anti_alias: true,
                ..Default::default()
            };
            let mut stroke = tiny_skia::Stroke {
                line_cap: tiny_skia::LineCap::Round,
                ..Default::default()
            };
            for s in shapes {
                let b = s.bbox;
                if b[2] < fx0 || b[0] > fx1 || b[3] < fy0 || b[1] > fy1 {
                    continue;
                }
                if let Some((a, b)) = s.thin {
                    let c = s.color.premultiply().to_color_u8();
                    let off = Point::new(fx0, fy0);
                    thin_line(
                        tile.data_mut(),
                        tw as usize,
                        th as usize,
                        a - off,
                        b - off,
                        s.stroke.unwrap_or(1.0),
                        [
                            c.red() as f32,
                            c.green() as f32,
                            c.blue() as f32,
                            c.alpha() as f32,
                        ],
                    );
                    continue;
                }
                paint.set_color(s.color);
                if s.fill {
                    tile.fill_path(&s.path, &paint, tiny_skia::FillRule::Winding, tr, None);
                }
                if let Some(sw) = s.stroke {
                    stroke.width = sw;
                    tile.stroke_path(&s.path, &paint, &stroke, tr, None);
                }
            }
            Some((x0, y0, tile))
        })
        .collect();
    let dst = pixmap.data_mut();
    for (x0, y0, tile) in done {
        let row = tile.width() as usize * 4;
        for (y, src) in tile.data().chunks_exact(row).enumerate() {
            let d = (y0 as usize + y) * stride + x0 as usize * 4;
            dst[d..d + row].copy_from_slice(src);
        }
    }
}

fn color(c: crate::scene::Rgba) -> tiny_skia::Color {
    tiny_skia::Color::from_rgba8(c.r(), c.g(), c.b(), c.a())
}

/// Render an SVG document of the pixmap's size over what the pixmap holds.
fn render_svg_onto(svg: &str, pixmap: &mut tiny_skia::Pixmap) -> Result<(), Error> {
    let mut opt = usvg::Options {
        font_family: FONT_FAMILY.to_owned(),
        ..usvg::Options::default()
    };
    opt.fontdb = fontdb();
    let tree = usvg::Tree::from_str(svg, &opt).map_err(|e| err(format!("bad SVG: {e}")))?;
    let size = tree.size();
    let (sx, sy) = (
        pixmap.width() as f32 / size.width(),
        pixmap.height() as f32 / size.height(),
    );
    resvg::render(
        &tree,
        tiny_skia::Transform::from_scale(sx, sy),
        &mut pixmap.as_mut(),
    );
    Ok(())
}

/// PNG bytes of a pixmap (RGBA, fast deflate: big images encode in a fraction of the time).
fn encode(pixmap: &tiny_skia::Pixmap) -> Result<Vec<u8>, Error> {
    use rayon::prelude::*;
    let mut rgba = vec![0u8; pixmap.data().len()];
    rgba.par_chunks_mut(4)
        .zip(pixmap.pixels().par_iter())
        .for_each(|(o, p)| {
            let c = p.demultiply();
            o.copy_from_slice(&[c.red(), c.green(), c.blue(), c.alpha()]);
        });
    let mut out = Vec::with_capacity(rgba.len() / 8);
    {
        let mut enc = png::Encoder::new(&mut out, pixmap.width(), pixmap.height());
        enc.set_color(png::ColorType::Rgba);
        enc.set_depth(png::BitDepth::Eight);
        enc.set_compression(png::Compression::Fast);
        let mut w = enc
            .write_header()
            .map_err(|e| err(format!("PNG encoding failed: {e}")))?;
        w.write_image_data(&rgba)
            .map_err(|e| err(format!("PNG encoding failed: {e}")))?;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fast_floor_is_floor() {
        for x in [
            0.0f32,
            -0.0,
            0.5,
            -0.5,
            1.0,
            -1.0,
            2.999,
            -2.001,
            1e9,
            -1e9,
            1e30,
            -1e30,
            f32::NAN,
        ] {
            assert_eq!(floor_i(x), x.floor() as i64, "{x}");
        }
    }

    #[test]
    fn thin_line_covers_exactly_its_pixels() {
        let (w, h) = (10usize, 10usize);
        let mut px = vec![0u8; w * h * 4];
        // 1 pixel wide, centred on row 5, columns 2..8: full coverage there, nothing elsewhere
        let white = [255.0; 4];
        thin_line(
            &mut px,
            w,
            h,
            Point::new(2.0, 5.5),
            Point::new(8.0, 5.5),
            1.0,
            white,
        );
        for y in 0..h {
            for x in 0..w {
                let a = px[(y * w + x) * 4 + 3];
                let inside = y == 5 && (2..8).contains(&x);
                assert_eq!(a, if inside { 255 } else { 0 }, "pixel {x},{y}");
            }
        }
        // half a pixel wide: half the ink; off-canvas parts are clipped, not a panic
        let mut px = vec![0u8; w * h * 4];
        thin_line(
            &mut px,
            w,
            h,
            Point::new(-5.0, 2.5),
            Point::new(30.0, 2.5),
            0.5,
            white,
        );
        assert_eq!(px[(2 * w + 4) * 4 + 3], 128);
        thin_line(
            &mut px,
            w,
            h,
            Point::new(3.0, -40.0),
            Point::new(3.2, 40.0),
            1.5,
            white,
        );
    }
}

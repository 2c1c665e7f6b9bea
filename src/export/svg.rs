//! SVG export: the whole scene fitted to the image, with a legend and an optional title.
//!
//! Coordinates are written in output pixels (the world -> pixel transform is applied here), so
//! the PNG export, which renders this very SVG, matches it exactly.

use std::fmt::Write as _;

use crate::geom::{Point, Rect};
use crate::scene::labels::{LabelArea, PlacedLabel, place_labels};
use crate::scene::{Rgba, Scene, Style, Transform, fit_rect};

/// Shapes are never drawn more than this many times their style size (tiny graphs).
pub const MAX_ZOOM: f32 = 2.0;

/// Where things go in an exported image.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ImageLayout {
    /// World -> image pixels.
    pub transform: Transform,
    /// The legend box, if drawn.
    pub legend: Option<Rect>,
    /// Height of the title band at the top (0 without a title).
    pub title_height: f32,
    pub margin: f32,
}

struct LegendMetrics {
    font: f32,
    row: f32,
    pad: f32,
    swatch: f32,
    gap: f32,
    size: Point,
}

fn legend_metrics(scene: &Scene, style: &Style) -> Option<LegendMetrics> {
    let rows = scene.legend.len() + scene.node_legend.len();
    if rows == 0 {
        return None;
    }
    let font = style.legend_font_size;
    let (row, pad, swatch) = (font * 1.6, font * 0.8, font * 1.8);
    let gap = if !scene.legend.is_empty() && !scene.node_legend.is_empty() {
        font * 0.6
    } else {
        0.0
    };
    let text = scene
        .legend
        .iter()
        .chain(&scene.node_legend)
        .map(|(k, _)| k.chars().count())
        .max()
        .unwrap_or(0) as f32
        * 0.62
        * font;
    let size = Point::new(
        2.0 * pad + swatch + 0.6 * font + text,
        2.0 * pad + rows as f32 * row + gap,
    );
    Some(LegendMetrics {
        font,
        row,
        pad,
        swatch,
        gap,
        size,
    })
}

fn capped(t: Transform, world: Rect, into: Rect, max_scale: f32) -> Transform {
    if t.scale <= max_scale {
        return t;
    }
    Transform {
        scale: max_scale,
        offset: into.center() - world.center() * max_scale,
    }
}

fn pixel_rect(t: &Transform, r: Rect) -> Rect {
    Rect::new(t.apply(r.min), t.apply(r.max))
}

/// Where the graph, legend and title go in a `width` x `height` image.
pub fn image_layout(
    scene: &Scene,
    style: &Style,
    width: u32,
    height: u32,
    title: Option<&str>,
) -> ImageLayout {
    let (w, h) = (width.max(1) as f32, height.max(1) as f32);
    let margin = (w.min(h) * 0.03).clamp(4.0, 24.0);
    let title_height = match title {
        Some(t) if !t.trim().is_empty() => style.title_font_size * 1.5,
        _ => 0.0,
    };
    let top = title_height;
    let area = Rect::new(
        Point::new(margin, top + margin),
        Point::new(w - margin, h - margin),
    );
    let max_scale = MAX_ZOOM / scene.unit.max(1e-9);
    let fit = |into: Rect| capped(fit_rect(scene.bounds, into), scene.bounds, into, max_scale);
    let mut transform = fit(area);

    let legend = legend_metrics(scene, style).and_then(|m| {
        // Drawn only where it fits.
        if m.size.x > w - 2.0 * margin || m.size.y > h - top - 2.0 * margin {
            return None;
        }
        let min = Point::new(w - margin - m.size.x, top + margin);
        Some(Rect::new(min, min + m.size))
    });
    if let Some(lg) = legend {
        let gap = margin * 0.5;
        if pixel_rect(&transform, scene.bounds).intersects(&lg.expand(gap)) {
            // Fit beside or below the legend, whichever draws the graph larger.
            let beside = Rect::new(area.min, Point::new(lg.min.x - gap, area.max.y));
            let below = Rect::new(Point::new(area.min.x, lg.max.y + gap), area.max);
            let candidates = [beside, below]
                .into_iter()
                .filter(|r| r.width() > 1.0 && r.height() > 1.0)
                .map(fit);
            if let Some(best) = candidates.max_by(|a, b| a.scale.total_cmp(&b.scale)) {
                transform = best;
            }
        }
    }
    ImageLayout {
        transform,
        legend,
        title_height,
        margin,
    }
}

/// The labels drawn in a `width` x `height` image (the screen's rule, [`place_labels`]): inside
/// the margins, clear of the legend and the title.
pub fn image_labels(
    scene: &Scene,
    style: &Style,
    width: u32,
    height: u32,
    title: Option<&str>,
) -> Vec<PlacedLabel> {
    let lay = image_layout(scene, style, width, height, title);
    let (w, h) = (width.max(1) as f32, height.max(1) as f32);
    let m = lay.margin * 0.5;
    let mut reserved: Vec<Rect> = lay.legend.into_iter().collect();
    if lay.title_height > 0.0 {
        reserved.push(Rect::new(Point::ZERO, Point::new(w, lay.title_height)));
    }
    place_labels(
        scene,
        &lay.transform,
        &LabelArea {
            viewport: Rect::new(Point::new(m, m), Point::new(w - m, h - m)),
            reserved,
            ..Default::default()
        },
    )
}

/// Escape text for XML content and attribute values; drops characters XML 1.0 forbids.
pub fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(' '),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

/// ` fill="#rrggbb"` plus ` fill-opacity` when not opaque (same for `stroke`).
fn paint(out: &mut String, attr: &str, c: Rgba) {
    let _ = write!(out, r#" {attr}="{}""#, c.to_hex());
    if c.a() < 255 {
        let _ = write!(out, r#" {attr}-opacity="{}""#, num(c.alpha()));
    }
}

/// A number with at most 2 decimals, no trailing zeros (non-finite -> 0).
fn num(v: f32) -> String {
    if !v.is_finite() {
        return "0".into();
    }
    let s = format!("{v:.2}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" || s.is_empty() {
        "0".into()
    } else {
        s.to_owned()
    }
}

fn pt(p: Point) -> String {
    format!("{} {}", num(p.x), num(p.y))
}

/// The scene as an SVG document of `width` x `height` pixels: background, curved edges with
/// arrowheads, nodes, haloed labels, a legend (kinds present) and an optional title.
pub fn to_svg(
    scene: &Scene,
    style: &Style,
    width: u32,
    height: u32,
    title: Option<&str>,
) -> String {
    svg_parts(scene, style, width, height, title, &|_| true)
}

/// The parts of the drawing, bottom to top (the PNG export rasterizes the shapes itself and
/// has only the text parts rendered from SVG, layer by layer).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Background,
    Edges,
    /// Nodes of a layer: `true` = the dimmed ones (drawn first).
    Nodes(bool),
    Labels(bool),
    /// Legend and title.
    Overlay,
}

/// [`to_svg`] with only the parts `keep` accepts.
pub fn svg_parts(
    scene: &Scene,
    style: &Style,
    width: u32,
    height: u32,
    title: Option<&str>,
    keep: &dyn Fn(Part) -> bool,
) -> String {
    let lay = image_layout(scene, style, width, height, title);
    let t = lay.transform;
    let (w, h) = (width.max(1), height.max(1));
    let placed = if keep(Part::Labels(true)) || keep(Part::Labels(false)) {
        image_labels(scene, style, width, height, title)
    } else {
        Vec::new()
    };
    let font = xml_escape(&style.font_family);
    let mut out = String::with_capacity(512 + scene.edges.len() * 160 + scene.nodes.len() * 220);
    let _ = writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#);
    let _ = writeln!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" font-family="{font}, sans-serif">"#
    );
    if let Some(tt) = title.filter(|t| !t.trim().is_empty()) {
        let _ = writeln!(out, "<title>{}</title>", xml_escape(tt));
    }
    if keep(Part::Background) {
        out.push_str(r#"<rect x="0" y="0" width="100%" height="100%""#);
        paint(&mut out, "fill", style.background);
        out.push_str("/>\n");
    }

    // Edges (each followed by its arrowhead, so the selected one is wholly on top).
    out.push_str("<g id=\"edges\" fill=\"none\" stroke-linecap=\"round\">\n");
    for e in scene.edges.iter().filter(|_| keep(Part::Edges)) {
        write_edge(&mut out, &t, e);
    }
    out.push_str("</g>\n");

    // Nodes then their labels, dimmed ones first so they never cover what is in focus.
    // (`scene.labels[i]` is the label of `scene.nodes[i]`.)
    for layer in [true, false] {
        let _ = writeln!(
            out,
            "<g class=\"nodes{}\">",
            if layer { " dimmed" } else { "" }
        );
        for n in scene
            .nodes
            .iter()
            .filter(|n| n.dimmed == layer && keep(Part::Nodes(layer)))
        {
            write_node(&mut out, &t, n);
        }
        out.push_str("</g>\n");
        // Labels: top-centre anchored, baseline one ascent below, with a halo behind.
        let _ = writeln!(
            out,
            "<g class=\"labels{}\" text-anchor=\"middle\" stroke-linejoin=\"round\" paint-order=\"stroke\">",
            if layer { " dimmed" } else { "" }
        );
        // the screen's rule: placed by importance, none overlapping another or an actor
        if keep(Part::Labels(layer)) {
            for p in placed
                .iter()
                .filter(|p| scene.nodes[p.label].dimmed == layer)
            {
                write_label(&mut out, style, &scene.labels[p.label], p);
            }
        }
        out.push_str("</g>\n");
    }

    // Legend.
    let legend = lay.legend.filter(|_| keep(Part::Overlay));
    if let (Some(r), Some(m)) = (legend, legend_metrics(scene, style)) {
        write_legend(&mut out, scene, style, r, &m);
    }

    if let Some(tt) = title.filter(|t| !t.trim().is_empty() && keep(Part::Overlay)) {
        let fs = style.title_font_size;
        let _ = write!(
            out,
            r#"<text id="title" x="{}" y="{}" font-size="{}""#,
            num(lay.margin),
            num(lay.margin * 0.5 + fs),
            num(fs)
        );
        paint(&mut out, "fill", style.label_color);
        let _ = writeln!(out, ">{}</text>", xml_escape(tt));
    }
    out.push_str("</svg>\n");
    out
}

/// One edge's path, then its arrowhead.
fn write_edge(out: &mut String, t: &Transform, e: &crate::scene::EdgeShape) {
    let (a, c, b) = (t.apply(e.from), t.apply(e.ctrl), t.apply(e.to));
    let d = if e.is_straight() {
        format!("M{} L{}", pt(a), pt(b))
    } else {
        format!("M{} Q{} {}", pt(a), pt(c), pt(b))
    };
    let _ = write!(
        out,
        r#"<path class="edge{}" data-edge="{}" d="{d}""#,
        if e.selected { " selected" } else { "" },
        e.edge.index()
    );
    paint(out, "stroke", e.color);
    let _ = writeln!(
        out,
        r#" stroke-width="{}"/>"#,
        num(t.apply_len(e.width).max(0.5))
    );
    if let Some([tip, l, r]) = e.arrow {
        let _ = write!(
            out,
            r#"<path class="arrow" data-edge="{}" d="M{} L{} L{} Z" stroke="none""#,
            e.edge.index(),
            pt(t.apply(tip)),
            pt(t.apply(l)),
            pt(t.apply(r))
        );
        paint(out, "fill", e.color);
        out.push_str("/>\n");
    }
}

/// The legend in the box `r`: the relation kinds (a line each), then the actor types (a disc
/// each).
fn write_legend(out: &mut String, scene: &Scene, style: &Style, r: Rect, m: &LegendMetrics) {
    out.push_str("<g id=\"legend\">\n");
    let _ = write!(
        out,
        r#"<rect x="{}" y="{}" width="{}" height="{}" rx="{}""#,
        num(r.min.x),
        num(r.min.y),
        num(r.width()),
        num(r.height()),
        num(m.font * 0.4)
    );
    paint(out, "fill", style.background.with_alpha(235));
    paint(out, "stroke", style.label_color.with_alpha(70));
    out.push_str(" stroke-width=\"1\"/>\n");
    let x0 = r.min.x + m.pad;
    let tx = x0 + m.swatch + 0.6 * m.font;
    let mut y = r.min.y + m.pad;
    for (kind, color) in &scene.legend {
        let cy = y + m.row * 0.5;
        let _ = write!(
            out,
            r#"<path d="M{} L{}" stroke-width="{}" stroke-linecap="round""#,
            pt(Point::new(x0 + 2.0, cy)),
            pt(Point::new(x0 + m.swatch - 2.0, cy)),
            num(m.font * 0.3)
        );
        paint(out, "stroke", *color);
        out.push_str("/>\n");
        legend_text(out, tx, cy, m.font, style.label_color, kind);
        y += m.row;
    }
    y += m.gap;
    for (kind, color) in &scene.node_legend {
        let cy = y + m.row * 0.5;
        let _ = write!(
            out,
            r#"<circle cx="{}" cy="{}" r="{}""#,
            num(x0 + m.swatch * 0.5),
            num(cy),
            num(m.font * 0.42)
        );
        paint(out, "fill", *color);
        out.push_str("/>\n");
        legend_text(out, tx, cy, m.font, style.label_color, kind);
        y += m.row;
    }
    out.push_str("</g>\n");
}

fn write_node(out: &mut String, t: &Transform, n: &crate::scene::NodeShape) {
    let c = t.apply(n.center);
    let _ = write!(
        out,
        r#"<circle class="node" data-node="{}" cx="{}" cy="{}" r="{}""#,
        n.node.index(),
        num(c.x),
        num(c.y),
        num(t.apply_len(n.radius).max(1.0))
    );
    paint(out, "fill", n.fill);
    if n.stroke_width > 0.0 {
        paint(out, "stroke", n.stroke);
        let _ = write!(
            out,
            r#" stroke-width="{}""#,
            num(t.apply_len(n.stroke_width))
        );
    }
    out.push_str("/>\n");
}

fn write_label(out: &mut String, style: &Style, l: &crate::scene::LabelShape, p: &PlacedLabel) {
    if l.text.trim().is_empty() {
        return;
    }
    let size = p.size;
    let _ = write!(
        out,
        r#"<text class="label" data-node="{}" x="{}" y="{}" font-size="{}""#,
        l.node.index(),
        num(0.5 * (p.text.min.x + p.text.max.x)),
        num(p.text.min.y + size * 0.93),
        num(size)
    );
    paint(out, "fill", l.color);
    paint(out, "stroke", style.label_halo.faded(l.color.alpha()));
    let _ = writeln!(
        out,
        r#" stroke-width="{}">{}</text>"#,
        num(size * 0.28),
        xml_escape(&l.text)
    );
}

fn legend_text(out: &mut String, x: f32, cy: f32, font: f32, color: Rgba, text: &str) {
    let _ = write!(
        out,
        r#"<text x="{}" y="{}" font-size="{}""#,
        num(x),
        num(cy + font * 0.36),
        num(font)
    );
    paint(out, "fill", color);
    let _ = writeln!(out, ">{}</text>", xml_escape(text));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_escaping() {
        assert_eq!(num(1.0), "1");
        assert_eq!(num(-0.001), "0");
        assert_eq!(num(2.5), "2.5");
        assert_eq!(num(f32::NAN), "0");
        assert_eq!(
            xml_escape("A&B <C> \"d\" 'e'\u{1}"),
            "A&amp;B &lt;C&gt; &quot;d&quot; &apos;e&apos;"
        );
    }
}

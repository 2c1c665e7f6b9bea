//! Which labels are drawn, and where: one rule for the screen, the SVG and the PNG.
//!
//! Labels are placed in output pixels, most important first ([`Scene::label_rank`]: focus,
//! search hits, then mentions and degree). Each tries eight spots round its actor (below or
//! above first, as the scene prefers, then right, left and the four corners) and takes the first that overlaps
//! no label already placed, no other actor's disc and nothing reserved (a legend), inside the
//! viewport; a label with no such spot waits until zooming in makes room. The
//! [`ALWAYS_LABELLED`] most important actors may cover other actors' discs (never a label).
//! A frame tries at most [`MAX_TRIED`] labels in view and shows at most one per
//! [`PX2_PER_LABEL`] square pixels.
//!
//! Label widths come from the advance widths of the bundled font (DejaVu Sans), so the boxes
//! here are the boxes drawn.

use petgraph::stable_graph::NodeIndex;

use super::{Scene, Transform};
use crate::geom::{Point, Rect};

/// Label font size in output pixels: the scene's size at the zoom, clamped to this range.
pub const LABEL_MIN_PX: f32 = 11.0;
pub const LABEL_MAX_PX: f32 = 20.0;
/// Discs are drawn at least this large (radius, output pixels).
pub const NODE_MIN_PX: f32 = 2.5;
/// This many of the most important actors may cover other actors' discs to get their label.
pub const ALWAYS_LABELLED: usize = 50;
/// Labels tried, most important first, among the actors in view: the rest wait for a zoom
/// (bounds the work of a frame of a huge graph).
pub const MAX_TRIED: usize = 1200;
/// At most one label per this many square pixels of the viewport.
pub const PX2_PER_LABEL: f32 = 6000.0;
/// Space between a disc and its label, output pixels.
const GAP_PX: f32 = 2.0;

/// A label placed in output pixels.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PlacedLabel {
    /// Index into `Scene::labels` (and `Scene::nodes`).
    pub label: usize,
    /// The text's box (without its halo), output pixels.
    pub text: Rect,
    /// [`PlacedLabel::text`] with the halo: what must not overlap.
    pub rect: Rect,
    /// Font size, output pixels.
    pub size: f32,
}

/// Advance widths of DejaVu Sans (1/1000 em) for U+0020..=U+007E and U+00A0..=U+00FF.
const ADV_ASCII: [u16; 95] = [
    318, 401, 460, 838, 636, 950, 780, 275, 390, 390, 500, 838, 318, 361, 318, 337, 636, 636, 636,
    636, 636, 636, 636, 636, 636, 636, 337, 337, 838, 838, 838, 531, 1000, 684, 686, 698, 770, 632,
    575, 775, 752, 295, 295, 656, 557, 863, 748, 787, 603, 787, 695, 635, 611, 732, 684, 989, 685,
    611, 685, 390, 337, 390, 838, 500, 500, 613, 635, 550, 635, 615, 352, 635, 634, 278, 278, 579,
    278, 974, 634, 612, 635, 635, 411, 521, 392, 634, 592, 818, 592, 592, 525, 636, 337, 636, 838,
];
const ADV_LATIN1: [u16; 96] = [
    318, 401, 636, 636, 636, 636, 337, 500, 500, 1000, 471, 612, 838, 361, 1000, 500, 500, 838,
    401, 401, 500, 636, 636, 318, 500, 401, 471, 612, 969, 969, 969, 531, 684, 684, 684, 684, 684,
    684, 974, 698, 632, 632, 632, 632, 295, 295, 295, 295, 775, 748, 787, 787, 787, 787, 787, 838,
    787, 732, 732, 732, 732, 611, 605, 630, 613, 613, 613, 613, 613, 613, 982, 550, 615, 615, 615,
    615, 278, 278, 278, 278, 612, 634, 612, 612, 612, 612, 612, 838, 612, 634, 634, 634, 634, 592,
    635, 592,
];

/// The width of `text` in em of the bundled font (unknown characters: generous guesses).
pub fn text_width_em(text: &str) -> f32 {
    let mils: u32 = text
        .chars()
        .map(|c| {
            let u = c as u32;
            match u {
                0x20..=0x7E => ADV_ASCII[(u - 0x20) as usize] as u32,
                0xA0..=0xFF => ADV_LATIN1[(u - 0xA0) as usize] as u32,
                0x300..=0x36F | 0x200B..=0x200F => 0,
                0x2E80.. => 1000,
                _ => 720,
            }
        })
        .sum();
    // a little slack for hinting and the renderers' rounding
    mils as f32 / 1000.0 * 1.03
}

/// Line height of a label, in em.
pub const LINE_EM: f32 = 1.17;

/// The halo round a label's text, output pixels.
pub fn halo_px(size: f32) -> f32 {
    (0.15 * size).max(2.0)
}

/// The font size (output pixels) of a label of world size `size` drawn at `scale`.
pub fn label_px(size: f32, scale: f32) -> f32 {
    let s = size * scale;
    if s.is_finite() {
        s.clamp(LABEL_MIN_PX, LABEL_MAX_PX)
    } else {
        LABEL_MIN_PX
    }
}

/// Where labels may go.
#[derive(Debug, Clone, Default)]
pub struct LabelArea {
    /// The output's rectangle (pixels): labels stay inside it.
    pub viewport: Rect,
    /// Boxes no label may overlap (a legend, a title).
    pub reserved: Vec<Rect>,
    /// Nodes whose labels come first whatever their rank (hovered, selected).
    pub first: Vec<NodeIndex>,
}

/// Place the labels of `scene` drawn through `t` (world -> output pixels); see the module docs.
/// In order of importance: `result[0]` is the most important actor's label.
pub fn place_labels(scene: &Scene, t: &Transform, area: &LabelArea) -> Vec<PlacedLabel> {
    let vp = area.viewport;
    if !(vp.width() > 0.0 && vp.height() > 0.0) || scene.labels.is_empty() {
        return Vec::new();
    }
    let (mut grid, discs) = obstacles(scene, t, area);
    let mut placed: Vec<PlacedLabel> = Vec::new();
    let order = area
        .first
        .iter()
        .filter_map(|n| scene.nodes.iter().position(|s| s.node == *n))
        .chain(scene.label_rank.iter().map(|&i| i as usize))
        .filter(|&i| i < scene.labels.len().min(scene.nodes.len()));
    let mut seen = vec![false; scene.labels.len()];
    let mut rank = 0usize;
    let mut tried = 0usize;
    let max_shown = ((vp.width() * vp.height() / PX2_PER_LABEL) as usize).max(ALWAYS_LABELLED);
    for i in order {
        if tried >= MAX_TRIED || placed.len() >= max_shown {
            break;
        }
        if std::mem::replace(&mut seen[i], true) {
            continue;
        }
        let important = rank < ALWAYS_LABELLED;
        rank += 1;
        let l = &scene.labels[i];
        let (c, r) = discs[i];
        if !(c.x.is_finite() && c.y.is_finite()) || l.text.trim().is_empty() {
            continue;
        }
        // far outside the view: skip cheaply
        if c.x < vp.min.x - 120.0
            || c.x > vp.max.x + 120.0
            || c.y < vp.min.y - 120.0
            || c.y > vp.max.y + 120.0
        {
            continue;
        }
        tried += 1;
        let size = label_px(l.size, t.scale);
        let (w, h) = (text_width_em(&l.text) * size, LINE_EM * size);
        let halo = halo_px(size);
        let below_first = l.pos.y >= scene.nodes[i].center.y;
        for at in spots(c, r, GAP_PX + halo, (w, h), below_first) {
            let text = Rect::new(at, Point::new(at.x + w, at.y + h));
            let rect = text.expand(halo);
            if rect.min.x < vp.min.x
                || rect.min.y < vp.min.y
                || rect.max.x > vp.max.x
                || rect.max.y > vp.max.y
            {
                continue;
            }
            let blocked = grid.any(rect, |item| match item {
                Item::Label(k) => placed[k as usize].rect.intersects(&rect),
                Item::Reserved(b) => b.intersects(&rect),
                Item::Disc(k) => {
                    k as usize != i && !important && {
                        let (dc, dr) = discs[k as usize];
                        circle_meets_rect(dc, dr, &rect)
                    }
                }
            });
            if !blocked {
                grid.insert(rect, Item::Label(placed.len() as u32));
                placed.push(PlacedLabel {
                    label: i,
                    text,
                    rect,
                    size,
                });
                break;
            }
        }
    }
    placed
}

/// What labels must not cover, in a grid of the output: the discs in view (drawn size) and
/// the reserved boxes. Also each node's disc (centre and radius in pixels; NaN where it cannot
/// be drawn), in node order.
fn obstacles(scene: &Scene, t: &Transform, area: &LabelArea) -> (PixelGrid, Vec<(Point, f32)>) {
    let vp = area.viewport;
    let mut grid = PixelGrid::new(vp, 32.0);
    let mut discs: Vec<(Point, f32)> = Vec::with_capacity(scene.nodes.len());
    for n in &scene.nodes {
        let c = t.apply(n.center);
        let r = (t.apply_len(n.radius)).max(NODE_MIN_PX) + 0.5 * t.apply_len(n.stroke_width);
        if !(c.x.is_finite() && c.y.is_finite() && r.is_finite()) {
            discs.push((Point::new(f32::NAN, f32::NAN), 0.0));
            continue;
        }
        let k = discs.len() as u32;
        discs.push((c, r));
        let b = Rect::new(Point::new(c.x - r, c.y - r), Point::new(c.x + r, c.y + r));
        if b.intersects(&vp) {
            grid.insert(b, Item::Disc(k));
        }
    }
    for r in &area.reserved {
        grid.insert(*r, Item::Reserved(*r));
    }
    (grid, discs)
}

/// The eight spots (top-left corners) tried for a label of size `(w, h)` round a disc at `c`
/// of radius `r`, `pad` clear of it: below or above first (as the scene put it), then right,
/// left and the four corners (the label's near corner at the disc's 45-degree point).
fn spots(c: Point, r: f32, pad: f32, (w, h): (f32, f32), below_first: bool) -> [Point; 8] {
    let d = r + pad;
    let below = Point::new(c.x - 0.5 * w, c.y + d);
    let above = Point::new(c.x - 0.5 * w, c.y - d - h);
    let right = Point::new(c.x + d, c.y - 0.5 * h);
    let left = Point::new(c.x - d - w, c.y - 0.5 * h);
    let k = std::f32::consts::FRAC_1_SQRT_2 * r + pad;
    let below_right = Point::new(c.x + k, c.y + k);
    let below_left = Point::new(c.x - k - w, c.y + k);
    let above_right = Point::new(c.x + k, c.y - k - h);
    let above_left = Point::new(c.x - k - w, c.y - k - h);
    if below_first {
        [
            below,
            above,
            right,
            left,
            below_right,
            below_left,
            above_right,
            above_left,
        ]
    } else {
        [
            above,
            below,
            right,
            left,
            above_right,
            above_left,
            below_right,
            below_left,
        ]
    }
}

/// Pairs of placed labels whose boxes (halos included) overlap: 0 by construction (the
/// readability tests count it on the screen, the SVG and the PNG).
pub fn overlapping_pairs(placed: &[PlacedLabel]) -> usize {
    let mut k = 0;
    for (i, a) in placed.iter().enumerate() {
        for b in &placed[i + 1..] {
            if overlap(&a.rect, &b.rect) {
                k += 1;
            }
        }
    }
    k
}

/// Strict overlap (touching edges do not count).
fn overlap(a: &Rect, b: &Rect) -> bool {
    a.min.x < b.max.x && b.min.x < a.max.x && a.min.y < b.max.y && b.min.y < a.max.y
}

fn circle_meets_rect(c: Point, r: f32, b: &Rect) -> bool {
    let dx = c.x - c.x.clamp(b.min.x, b.max.x);
    let dy = c.y - c.y.clamp(b.min.y, b.max.y);
    dx * dx + dy * dy < r * r
}

#[derive(Debug, Clone, Copy)]
enum Item {
    Disc(u32),
    Label(u32),
    Reserved(Rect),
}

/// A uniform grid over the viewport (items outside are clamped into the border cells).
struct PixelGrid {
    origin: Point,
    cell: f32,
    cols: usize,
    rows: usize,
    cells: Vec<Vec<Item>>,
}

impl PixelGrid {
    fn new(vp: Rect, cell: f32) -> Self {
        let cols = ((vp.width() / cell).ceil() as usize).clamp(1, 4096);
        let rows = ((vp.height() / cell).ceil() as usize).clamp(1, 4096);
        PixelGrid {
            origin: vp.min,
            cell,
            cols,
            rows,
            cells: vec![Vec::new(); cols * rows],
        }
    }

    fn span(&self, r: Rect) -> (usize, usize, usize, usize) {
        let cx = |x: f32| {
            (((x - self.origin.x) / self.cell).floor().max(0.0) as usize).min(self.cols - 1)
        };
        let cy = |y: f32| {
            (((y - self.origin.y) / self.cell).floor().max(0.0) as usize).min(self.rows - 1)
        };
        (cx(r.min.x), cx(r.max.x), cy(r.min.y), cy(r.max.y))
    }

    fn insert(&mut self, r: Rect, item: Item) {
        let (x0, x1, y0, y1) = self.span(r);
        for y in y0..=y1 {
            for x in x0..=x1 {
                self.cells[y * self.cols + x].push(item);
            }
        }
    }

    fn any(&self, r: Rect, mut f: impl FnMut(Item) -> bool) -> bool {
        let (x0, x1, y0, y1) = self.span(r);
        for y in y0..=y1 {
            for x in x0..=x1 {
                if self.cells[y * self.cols + x].iter().any(|&it| f(it)) {
                    return true;
                }
            }
        }
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_follow_the_font() {
        assert!(text_width_em("WWW") > text_width_em("iii") * 2.0);
        assert!(
            (text_width_em("Iran") - (295.0 + 411.0 + 613.0 + 634.0) / 1000.0 * 1.03).abs() < 1e-4
        );
        assert_eq!(text_width_em(""), 0.0);
    }

    #[test]
    fn overlap_is_strict() {
        let a = Rect::new(Point::ZERO, Point::new(1.0, 1.0));
        let b = Rect::new(Point::new(1.0, 0.0), Point::new(2.0, 1.0));
        assert!(!overlap(&a, &b));
        assert!(overlap(&a, &a.expand(-0.1)));
    }
}

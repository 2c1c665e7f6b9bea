//! Renderer-neutral shapes of the network in WORLD coordinates (the layout's coordinates), plus
//! the style table and hit testing. The egui app and the SVG/PNG exports both draw a [`Scene`].
//!
//! Sizes in [`Style`] are in *style pixels*: what they measure on screen when one world unit is
//! one pixel for a layout whose typical edge is [`REFERENCE_EDGE_LENGTH`] long. A scene
//! multiplies them by [`Scene::unit`] (world units per style pixel), derived from the layout
//! (see [`auto_unit`]) unless [`Style::unit`] fixes it, so shapes keep their proportions whatever
//! the layout's scale.
//!
//! Draw order is list order: `edges` (dimmed first, the selected edge last), then `nodes` with
//! their `labels` (`labels[i]` belongs to `nodes[i]`; dimmed first, focus last). Renderers should
//! draw dimmed nodes and labels before the others so nothing dimmed covers what is in focus.

use std::collections::{BTreeMap, BTreeSet};

use petgraph::stable_graph::{EdgeIndex, NodeIndex};
use petgraph::visit::{EdgeRef, IntoEdgeReferences, NodeIndexable};

use crate::extract::ActorKind;
use crate::geom::{Point, Rect};
use crate::network::Network;

pub mod labels;

/// The built-in relation kinds, in legend order (see [`crate::kinds`]).
pub use crate::kinds::BUILTIN_KINDS;

/// Typical edge length (world units) the style sizes are designed for when [`Scene::unit`] is 1.
pub const REFERENCE_EDGE_LENGTH: f32 = 100.0;

/// A colour, sRGB with straight (not premultiplied) alpha.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct Rgba(pub [u8; 4]);

impl Rgba {
    pub const fn rgb(r: u8, g: u8, b: u8) -> Self {
        Rgba([r, g, b, 255])
    }
    pub const fn new(r: u8, g: u8, b: u8, a: u8) -> Self {
        Rgba([r, g, b, a])
    }
    /// From `0xRRGGBB`.
    pub const fn hex(v: u32) -> Self {
        Rgba([(v >> 16) as u8, (v >> 8) as u8, v as u8, 255])
    }
    pub fn r(self) -> u8 {
        self.0[0]
    }
    pub fn g(self) -> u8 {
        self.0[1]
    }
    pub fn b(self) -> u8 {
        self.0[2]
    }
    pub fn a(self) -> u8 {
        self.0[3]
    }
    /// Alpha as `0.0..=1.0`.
    pub fn alpha(self) -> f32 {
        self.0[3] as f32 / 255.0
    }
    /// The same colour with alpha multiplied by `k` (`0.0..=1.0`).
    pub fn faded(self, k: f32) -> Self {
        let a = (self.0[3] as f32 * k.clamp(0.0, 1.0)).round() as u8;
        Rgba([self.0[0], self.0[1], self.0[2], a])
    }
    /// The same colour with this alpha.
    pub fn with_alpha(self, a: u8) -> Self {
        Rgba([self.0[0], self.0[1], self.0[2], a])
    }
    /// Mix towards `other` by `t` (0 = self, 1 = other), alpha included.
    pub fn mix(self, other: Rgba, t: f32) -> Self {
        let t = t.clamp(0.0, 1.0);
        let m = |a: u8, b: u8| (a as f32 + (b as f32 - a as f32) * t).round() as u8;
        Rgba([
            m(self.0[0], other.0[0]),
            m(self.0[1], other.0[1]),
            m(self.0[2], other.0[2]),
            m(self.0[3], other.0[3]),
        ])
    }
    /// `#rrggbb` (alpha not included).
    pub fn to_hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0[0], self.0[1], self.0[2])
    }
}

/// Colours and sizes. Sizes are in style pixels (see the module docs).
#[derive(Debug, Clone, PartialEq)]
pub struct Style {
    pub background: Rgba,
    /// Colours of relation kinds; kinds not here take [`Style::user_palette`] by name hash.
    pub kind_colors: BTreeMap<String, Rgba>,
    /// Colours for user-defined kinds (colour-blind-friendlier picks, distinct from built-ins).
    pub user_palette: Vec<Rgba>,
    /// Node fills by actor kind.
    pub node_fill: BTreeMap<ActorKind, Rgba>,
    pub node_stroke: Rgba,
    pub node_stroke_width: f32,
    /// Ring of the selected (or hovered) node.
    pub selected_stroke: Rgba,
    pub selected_stroke_width: f32,
    /// Ring of search hits.
    pub highlight_stroke: Rgba,
    pub highlight_stroke_width: f32,
    pub label_color: Rgba,
    /// Halo drawn behind labels for readability.
    pub label_halo: Rgba,
    /// Label font size of the smallest node; larger nodes get slightly larger labels.
    pub label_size: f32,
    pub label_size_max: f32,
    /// Legend and title font sizes, in output pixels (not world).
    pub legend_font_size: f32,
    pub title_font_size: f32,
    pub font_family: String,
    /// Node radius: `node_radius_min + node_radius_per_sqrt_mention * sqrt(mentions)`, clamped.
    pub node_radius_min: f32,
    pub node_radius_per_sqrt_mention: f32,
    pub node_radius_max: f32,
    /// Edge width: `edge_width_min + edge_width_per_log * ln(weight)`, clamped.
    pub edge_width_min: f32,
    pub edge_width_per_log: f32,
    pub edge_width_max: f32,
    /// Edge alpha factor when not dimmed.
    pub edge_alpha: f32,
    /// Width factor and extra width of the selected edge.
    pub selected_edge_scale: f32,
    pub selected_edge_extra: f32,
    /// Alpha factor of edges dimmed by hover/selection focus.
    pub dim_alpha: f32,
    /// How far dimmed nodes/labels fade towards the background (focus dimming).
    pub dim_fade: f32,
    /// How far nodes whose every relation is filtered out fade towards the background.
    pub filtered_fade: f32,
    /// Distance between parallel edges at their middle.
    pub curve_spacing: f32,
    /// Arrowhead length: `arrow_length + arrow_length_per_width * edge width`.
    pub arrow_length: f32,
    pub arrow_length_per_width: f32,
    /// Arrowhead half width as a fraction of its length.
    pub arrow_aspect: f32,
    /// World units per style pixel. `None`: derived from the layout ([`auto_unit`]).
    pub unit: Option<f32>,
}

impl Default for Style {
    fn default() -> Self {
        // the kind registry's colours
        let kind_colors = crate::kinds::BUILTIN
            .iter()
            .map(|k| (k.name.to_owned(), Rgba::hex(k.color)))
            .collect();
        let node_fill = [
            (ActorKind::State, Rgba::hex(0x3E5C8A)),
            (ActorKind::Organisation, Rgba::hex(0x4F9FCF)),
            (ActorKind::Collective, Rgba::hex(0x7D8A96)),
            (ActorKind::Group, Rgba::hex(0x8D6E63)),
            (ActorKind::Person, Rgba::hex(0xB89B5E)),
            (ActorKind::Company, Rgba::hex(0x6A8F5B)),
        ]
        .into_iter()
        .collect();
        Style {
            background: Rgba::hex(0xFCFCFA),
            kind_colors,
            user_palette: vec![
                Rgba::hex(0x0072B2), // blue
                Rgba::hex(0xCC79A7), // reddish purple
                Rgba::hex(0x56B4E9), // sky blue
                Rgba::hex(0x882255), // wine
                Rgba::hex(0x997700), // ochre
                Rgba::hex(0x332288), // indigo
                Rgba::hex(0x44AA99), // teal
                Rgba::hex(0x666666), // grey
            ],
            node_fill,
            node_stroke: Rgba::hex(0xFFFFFF),
            node_stroke_width: 1.5,
            selected_stroke: Rgba::hex(0x111111),
            selected_stroke_width: 3.0,
            highlight_stroke: Rgba::hex(0xFFC400),
            highlight_stroke_width: 3.5,
            label_color: Rgba::hex(0x1E1E1E),
            label_halo: Rgba::hex(0xFCFCFA).with_alpha(220),
            label_size: 12.0,
            label_size_max: 16.0,
            legend_font_size: 13.0,
            title_font_size: 18.0,
            font_family: "DejaVu Sans".to_owned(),
            node_radius_min: 5.0,
            node_radius_per_sqrt_mention: 2.5,
            node_radius_max: 20.0,
            edge_width_min: 1.5,
            edge_width_per_log: 1.6,
            edge_width_max: 8.0,
            edge_alpha: 0.85,
            selected_edge_scale: 1.6,
            selected_edge_extra: 2.0,
            dim_alpha: 0.12,
            dim_fade: 0.8,
            filtered_fade: 0.55,
            curve_spacing: 14.0,
            arrow_length: 7.0,
            arrow_length_per_width: 2.0,
            arrow_aspect: 0.45,
            unit: None,
        }
    }
}

impl Style {
    /// A dark variant (dark background, light labels).
    pub fn dark() -> Self {
        let bg = Rgba::hex(0x1B1D22);
        Style {
            background: bg,
            node_stroke: bg,
            selected_stroke: Rgba::hex(0xF2F2F2),
            label_color: Rgba::hex(0xE8E8E8),
            label_halo: bg.with_alpha(220),
            ..Style::default()
        }
    }

    /// Give each kind of `kinds` that has no colour yet the next free palette colour, so user
    /// kinds never share a colour while the palette lasts (pass `Extractor::kinds()`).
    pub fn with_kinds(mut self, kinds: &[String]) -> Self {
        let mut next = 0;
        for k in kinds {
            if self.kind_colors.contains_key(k) || self.user_palette.is_empty() {
                continue;
            }
            let c = self.user_palette[next % self.user_palette.len()];
            next += 1;
            self.kind_colors.insert(k.clone(), c);
        }
        self
    }

    /// The colour of a relation kind: the table's, else a palette colour chosen by a stable hash
    /// of the name (same kind, same colour, every run).
    pub fn kind_color(&self, kind: &str) -> Rgba {
        if let Some(c) = self.kind_colors.get(kind) {
            return *c;
        }
        if self.user_palette.is_empty() {
            return Rgba::hex(0x666666);
        }
        // FNV-1a: stable across runs and platforms.
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for b in kind.bytes() {
            h ^= b as u64;
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        self.user_palette[(h % self.user_palette.len() as u64) as usize]
    }

    /// The fill of an actor kind.
    pub fn node_color(&self, kind: ActorKind) -> Rgba {
        self.node_fill
            .get(&kind)
            .copied()
            .unwrap_or(Rgba::hex(0x7D8A96))
    }

    /// Node radius (style pixels) for a mention count: sqrt scale, clamped.
    pub fn node_radius(&self, mentions: usize) -> f32 {
        (self.node_radius_min + self.node_radius_per_sqrt_mention * (mentions as f32).sqrt()).clamp(
            self.node_radius_min,
            self.node_radius_max.max(self.node_radius_min),
        )
    }

    /// Edge width (style pixels) for a weight (evidence count): log scale, clamped.
    pub fn edge_width(&self, weight: usize) -> f32 {
        let w = weight.max(1) as f32;
        (self.edge_width_min + self.edge_width_per_log * w.ln()).clamp(
            self.edge_width_min,
            self.edge_width_max.max(self.edge_width_min),
        )
    }

    /// Label font size (style pixels) for a node radius (style pixels).
    pub fn label_size_for(&self, radius: f32) -> f32 {
        (self.label_size + 0.25 * (radius - self.node_radius_min).max(0.0))
            .clamp(self.label_size, self.label_size_max.max(self.label_size))
    }
}

/// What to show and what is focused.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SceneOptions {
    /// Relation kinds shown; `None`: all.
    pub visible_kinds: Option<BTreeSet<String>>,
    /// Edges with fewer evidence sentences are hidden.
    pub min_evidence: usize,
    pub selected_edge: Option<EdgeIndex>,
    pub selected_node: Option<NodeIndex>,
    pub hovered_node: Option<NodeIndex>,
    /// Search hits: ringed, and the rest dimmed while nothing is hovered or selected.
    pub highlighted_nodes: BTreeSet<NodeIndex>,
    /// Edges the user hid.
    pub hidden_edges: BTreeSet<EdgeIndex>,
    /// Ask renderers to keep every label whatever the zoom (the scene always holds them all).
    pub label_all: bool,
    /// Draw actors that have no visible relation (mentioned only, or all their edges
    /// filtered out). Off by default: they float far from the network and crowd the view.
    pub show_isolated: bool,
    /// The edge filter's result ([`crate::network::EdgeFilter::apply`]): when set, it alone
    /// decides which edges are drawn, and their weight is the evidence it counts in its
    /// window (`visible_kinds`, `min_evidence` and `hidden_edges` are then not consulted).
    pub edges: Option<std::sync::Arc<crate::network::EdgeView>>,
    /// Only these actors (and the relations among them) are shown; `None`: all (focus: top N,
    /// largest component, ego network).
    pub shown_nodes: Option<BTreeSet<NodeIndex>>,
    /// Actors the user hid, with their relations.
    pub hidden_nodes: BTreeSet<NodeIndex>,
}

/// A node disc.
#[derive(Debug, Clone, PartialEq)]
pub struct NodeShape {
    pub node: NodeIndex,
    pub center: Point,
    /// World units.
    pub radius: f32,
    pub fill: Rgba,
    pub stroke: Rgba,
    /// World units.
    pub stroke_width: f32,
    pub dimmed: bool,
}

/// An edge: a quadratic Bézier `from -> ctrl -> to` (straight when `ctrl` is the midpoint),
/// from the source node's centre to the target node's centre (nodes are drawn over the ends).
#[derive(Debug, Clone, PartialEq)]
pub struct EdgeShape {
    pub edge: EdgeIndex,
    /// The relation's source and target actors.
    pub source: NodeIndex,
    pub target: NodeIndex,
    pub from: Point,
    pub ctrl: Point,
    pub to: Point,
    pub color: Rgba,
    /// Stroke width, world units.
    pub width: f32,
    /// Directed edges: `[tip, base_left, base_right]`, the tip on the target node's rim.
    pub arrow: Option<[Point; 3]>,
    pub dimmed: bool,
    pub selected: bool,
}

impl EdgeShape {
    /// The point at `t` in `0..=1`.
    pub fn point_at(&self, t: f32) -> Point {
        quad_point(self.from, self.ctrl, self.to, t)
    }
    /// The curve's middle (where a tooltip or edge label may go).
    pub fn midpoint(&self) -> Point {
        self.point_at(0.5)
    }
    /// Whether the curve is a straight segment.
    pub fn is_straight(&self) -> bool {
        is_straight(self.from, self.ctrl, self.to)
    }
    /// Distance from `p` to the centre line of the curve.
    pub fn distance_to(&self, p: Point) -> f32 {
        quad_distance(self.from, self.ctrl, self.to, p)
    }
    /// The curve's bounding box (stroke width not included).
    pub fn curve_bounds(&self) -> Rect {
        quad_bounds(self.from, self.ctrl, self.to)
    }
}

/// A node label. `pos` is the TOP-CENTRE of the text (text hangs below it, centred on x).
#[derive(Debug, Clone, PartialEq)]
pub struct LabelShape {
    pub node: NodeIndex,
    /// The actor's name (shared with the network).
    pub text: std::sync::Arc<str>,
    pub pos: Point,
    /// Font size, world units.
    pub size: f32,
    pub color: Rgba,
}

/// A world -> pixel mapping: `pixel = world * scale + offset`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Transform {
    pub scale: f32,
    pub offset: Point,
}

impl Default for Transform {
    fn default() -> Self {
        Transform {
            scale: 1.0,
            offset: Point::ZERO,
        }
    }
}

impl Transform {
    pub fn apply(&self, p: Point) -> Point {
        p * self.scale + self.offset
    }
    /// A length (radius, width, font size).
    pub fn apply_len(&self, l: f32) -> f32 {
        l * self.scale
    }
    /// The pixel -> world mapping.
    pub fn inverse(&self) -> Transform {
        let s = if self.scale.abs() > f32::EPSILON {
            self.scale
        } else {
            1.0
        };
        Transform {
            scale: 1.0 / s,
            offset: self.offset * (-1.0 / s),
        }
    }
}

/// Everything to draw, in world coordinates.
#[derive(Debug, Clone, Default)]
pub struct Scene {
    pub nodes: Vec<NodeShape>,
    pub edges: Vec<EdgeShape>,
    /// One per node, same order as `nodes`.
    pub labels: Vec<LabelShape>,
    /// Indices into `labels`, most important first: focus (hovered, selected), search hits,
    /// then by mentions, degree and node index. Labels are placed in this order
    /// ([`labels::place_labels`]).
    pub label_rank: Vec<u32>,
    /// Relation kinds present among the visible edges and their colours (built-ins first).
    pub legend: Vec<(String, Rgba)>,
    /// Actor kinds present and their fills.
    pub node_legend: Vec<(String, Rgba)>,
    /// Everything drawn, labels included.
    pub bounds: Rect,
    /// World units per style pixel used for this scene's sizes.
    pub unit: f32,
    /// Hit-testing index, built on first use.
    index: std::sync::OnceLock<Index>,
    /// Hit tests answered without the index (see [`Scene::visit`]).
    queries: QueryCount,
    /// What moving the shapes needs ([`Scene::update_positions`]).
    geo: Geometry,
}

/// Hit tests of a scene answered by scanning before its index is built.
const LINEAR_QUERIES: u32 = 4;

/// A query counter that clones as its value.
#[derive(Debug, Default)]
struct QueryCount(std::sync::atomic::AtomicU32);

impl Clone for QueryCount {
    fn clone(&self) -> Self {
        QueryCount(self.0.load(std::sync::atomic::Ordering::Relaxed).into())
    }
}

/// Hit-testing index: bounding-box trees over the node discs and the edge strokes.
#[derive(Debug, Clone, Default)]
struct Index {
    nodes: BoxTree,
    edges: BoxTree,
}

/// Children per box of a [`BoxTree`].
const FAN: usize = 8;

/// A packed bounding-box tree (bulk-loaded R-tree): items sorted by the Morton code of their
/// box centre, then every level groups [`FAN`] consecutive boxes of the level below. Built in
/// O(n log n) (one sort), queried in O(log n + hits); long edges just have big leaf boxes.
#[derive(Debug, Clone, Default)]
struct BoxTree {
    /// `levels[0][k]`: the box of item `items[k]`; `levels[l + 1][k]`: the union of
    /// `levels[l][k * FAN..(k + 1) * FAN]`. The last level holds one box.
    levels: Vec<Vec<[f32; 4]>>,
    items: Vec<u32>,
}

impl BoxTree {
    /// `boxes[i]` = (min x, min y, max x, max y) of item `i`; non-finite boxes are left out.
    fn new(boxes: &[[f32; 4]]) -> BoxTree {
        let finite = |b: &[f32; 4]| b.iter().all(|v| v.is_finite());
        let (mut x0, mut y0, mut x1, mut y1) = (f32::MAX, f32::MAX, f32::MIN, f32::MIN);
        for b in boxes.iter().filter(|b| finite(b)) {
            x0 = x0.min(b[0] + b[2]);
            y0 = y0.min(b[1] + b[3]);
            x1 = x1.max(b[0] + b[2]);
            y1 = y1.max(b[1] + b[3]);
        }
        let (sx, sy) = (
            65535.0 / (x1 - x0).max(1e-12),
            65535.0 / (y1 - y0).max(1e-12),
        );
        let spread = |v: u32| {
            let mut x = v & 0xffff;
            x = (x | (x << 8)) & 0x00ff_00ff;
            x = (x | (x << 4)) & 0x0f0f_0f0f;
            x = (x | (x << 2)) & 0x3333_3333;
            (x | (x << 1)) & 0x5555_5555
        };
        let mut keys: Vec<u64> = boxes
            .iter()
            .enumerate()
            .filter(|(_, b)| finite(b))
            .map(|(i, b)| {
                let qx = (((b[0] + b[2]) - x0) * sx).clamp(0.0, 65535.0) as u32;
                let qy = (((b[1] + b[3]) - y0) * sy).clamp(0.0, 65535.0) as u32;
                ((spread(qx) | (spread(qy) << 1)) as u64) << 32 | i as u64
            })
            .collect();
        keys.sort_unstable();
        let items: Vec<u32> = keys.iter().map(|&k| k as u32).collect();
        let mut levels = vec![items.iter().map(|&i| boxes[i as usize]).collect::<Vec<_>>()];
        while levels.last().is_some_and(|l| l.len() > 1) {
            let next = levels
                .last()
                .map(|l| {
                    l.chunks(FAN)
                        .map(|c| {
                            c.iter()
                                .fold([f32::MAX, f32::MAX, f32::MIN, f32::MIN], |a, b| {
                                    [
                                        a[0].min(b[0]),
                                        a[1].min(b[1]),
                                        a[2].max(b[2]),
                                        a[3].max(b[3]),
                                    ]
                                })
                        })
                        .collect()
                })
                .unwrap_or_default();
            levels.push(next);
        }
        BoxTree { levels, items }
    }

    /// Calls `f(item)` for every item whose box overlaps `r` (in no particular order).
    fn query(&self, r: Rect, mut f: impl FnMut(usize)) {
        let Some(top) = self.levels.len().checked_sub(1) else {
            return;
        };
        let hit =
            |b: &[f32; 4]| b[0] <= r.max.x && b[2] >= r.min.x && b[1] <= r.max.y && b[3] >= r.min.y;
        let mut stack: Vec<(usize, usize)> =
            (0..self.levels[top].len()).map(|k| (top, k)).collect();
        while let Some((l, k)) = stack.pop() {
            if !hit(&self.levels[l][k]) {
                continue;
            }
            if l == 0 {
                f(self.items[k] as usize);
            } else {
                let below = self.levels[l - 1].len();
                stack.extend((k * FAN..((k + 1) * FAN).min(below)).map(|j| (l - 1, j)));
            }
        }
    }
}

/// World units per style pixel for a layout: the median edge length over
/// [`REFERENCE_EDGE_LENGTH`] (every edge counted, so filters don't change sizes), capped by 1.6x
/// the median nearest-neighbour distance (so long edges in a crowded layout don't blow nodes up),
/// else the mean spacing of the nodes, else 1.
pub fn auto_unit(net: &Network, positions: &[Point]) -> f32 {
    let pos = |n: NodeIndex| position(positions, n);
    // the median of at most ~4096 evenly spread edges (all of them in graphs that small)
    let step = net.graph.edge_count().div_ceil(EDGE_SAMPLES).max(1);
    let lens: Vec<f32> = net
        .graph
        .edge_references()
        .step_by(step)
        .map(|e| pos(e.source()).distance(pos(e.target())))
        .collect();
    let pts: Vec<Point> = net.graph.node_indices().map(pos).collect();
    unit_from(lens, &pts)
}

/// The rule of [`auto_unit`] on given edge lengths and node positions (the layout's
/// [`arrange`](crate::layout::pack::arrange) sizes discs by it too).
pub fn unit_from(mut lens: Vec<f32>, pts: &[Point]) -> f32 {
    lens.retain(|l| l.is_finite() && *l > 0.0);
    let nn = median_nearest_neighbour(pts);
    let typical = if !lens.is_empty() {
        let mid = lens.len() / 2;
        let (_, m, _) = lens.select_nth_unstable_by(mid, f32::total_cmp);
        nn.map_or(*m, |nn| m.min(1.6 * nn))
    } else if let Some(nn) = nn {
        1.6 * nn
    } else {
        REFERENCE_EDGE_LENGTH
    };
    let unit = typical / REFERENCE_EDGE_LENGTH;
    if unit.is_finite() && unit > 1e-9 {
        unit
    } else {
        1.0
    }
}

/// Edges sampled by [`auto_unit`].
const EDGE_SAMPLES: usize = 4096;

/// Points sampled by [`median_nearest_neighbour`].
const NN_SAMPLES: usize = 256;

/// The median distance from a point to its nearest other point (grid search; points with no
/// neighbour in their 3x3 cells are skipped). `None` with fewer than 2 distinct points.
fn median_nearest_neighbour(pts: &[Point]) -> Option<f32> {
    if pts.len() < 2 {
        return None;
    }
    let r = Rect::bounding(pts.iter().copied());
    let (w, h) = (r.width(), r.height());
    if w <= 0.0 && h <= 0.0 {
        return None;
    }
    let cell = ((w.max(1e-6) * h.max(1e-6)) / pts.len() as f32)
        .sqrt()
        .max(w / 1024.0)
        .max(h / 1024.0)
        * 2.0;
    let mut grid = Grid::new(r, cell);
    grid.fill_points(pts);
    // The median of at most ~256 evenly spread points (every point in graphs that small):
    // the estimate is as good for sizing and a big graph pays 256 queries, not n.
    let step = pts.len().div_ceil(NN_SAMPLES).max(1);
    let mut d: Vec<f32> = pts
        .iter()
        .enumerate()
        .step_by(step)
        .filter_map(|(i, p)| {
            grid.query(circle_bounds(*p, grid.cell))
                .filter(|&j| j != i)
                .map(|j| pts[j].distance(*p))
                .filter(|d| *d > 0.0)
                .min_by(f32::total_cmp)
        })
        .collect();
    if d.is_empty() {
        return None;
    }
    let mid = d.len() / 2;
    let (_, m, _) = d.select_nth_unstable_by(mid, f32::total_cmp);
    Some(*m)
}

fn position(positions: &[Point], n: NodeIndex) -> Point {
    positions
        .get(n.index())
        .copied()
        .filter(|p| p.x.is_finite() && p.y.is_finite())
        .unwrap_or(Point::ZERO)
}

/// Build the scene of a network laid out at `positions` (indexed by node index).
pub fn build_scene(
    net: &Network,
    positions: &[Point],
    opts: &SceneOptions,
    style: &Style,
) -> Scene {
    let g = &net.graph;
    let unit = style
        .unit
        .filter(|u| u.is_finite() && *u > 0.0)
        .unwrap_or_else(|| auto_unit(net, positions));
    let bound = g.node_bound();

    // One pass over the edges (their storage is the biggest thing read here): each edge's kind
    // as an index into the distinct kind names (looked up once each, not once per edge), and
    // the visible edges as (lo, hi, edge) with lo <= hi by index, to group parallel edges, with
    // what the drawing needs of the edge (no random access into the graph later) and the sort
    // key (see below; its legend-order bits are filled in once all kinds are known).
    let mut kind_names: Vec<&str> = Vec::new();
    let mut kind_visible: Vec<bool> = Vec::new();
    let mut vis: Vec<VisEntry> = Vec::new();
    let mut has_edge = vec![false; bound];
    let mut has_visible = vec![false; bound];
    // distinct string pointers seen, with the kind each one is
    let mut kind_ptrs: Vec<(&str, usize)> = Vec::new();
    let node_shown = |n: NodeIndex| {
        (opts.hidden_nodes.is_empty() || !opts.hidden_nodes.contains(&n))
            && opts.shown_nodes.as_ref().is_none_or(|s| s.contains(&n))
    };
    for e in g.edge_references() {
        let (s, t) = (e.source(), e.target());
        has_edge[s.index()] = true;
        has_edge[t.index()] = true;
        let w = e.weight();
        let k: &str = &w.kind;
        // A network's edges of one kind share its string (Network::kinds): compare pointers
        // first, the bytes only for a string not seen yet.
        // (branch-free scan: edges of mixed kinds would mispredict an early exit)
        let mut seen = usize::MAX;
        for (i, (n, _)) in kind_ptrs.iter().enumerate() {
            if n.as_ptr() == k.as_ptr() && n.len() == k.len() {
                seen = i;
            }
        }
        let kind = match kind_ptrs.get(seen) {
            Some(&(_, i)) => i,
            None => {
                let i = match kind_names.iter().position(|n| *n == k) {
                    Some(i) => i,
                    None => {
                        kind_names.push(k);
                        kind_visible
                            .push(opts.visible_kinds.as_ref().is_none_or(|v| v.contains(k)));
                        kind_names.len() - 1
                    }
                };
                // (bounded: a network built without shared strings compares bytes)
                if kind_ptrs.len() < 64 {
                    kind_ptrs.push((k, i));
                }
                i
            }
        };
        if !node_shown(s) || !node_shown(t) {
            continue;
        }
        // (the edge filter's view when given, else the options' own filters)
        let weight = match &opts.edges {
            Some(view) => match view.stats(e.id()) {
                Some(st) if s != t => st.sentences as usize,
                _ => continue,
            },
            None => {
                if s == t
                    || w.weight() < opts.min_evidence
                    || !kind_visible[kind]
                    || (!opts.hidden_edges.is_empty() && opts.hidden_edges.contains(&e.id()))
                {
                    continue;
                }
                w.weight()
            }
        };
        has_visible[s.index()] = true;
        has_visible[t.index()] = true;
        let (lo, hi) = (s.min(t), s.max(t));
        vis.push(VisEntry {
            pair: (lo.index() as u64) << 32 | hi.index() as u64,
            within: (w.directed as u64) << 33 | ((s != lo) as u64) << 32 | e.id().index() as u64,
            weight: weight.min(u32::MAX as usize) as u32,
            kind: kind as u16,
        });
    }
    // Legend order of the kinds: built-ins first, then by name.
    let mut by_rank: Vec<usize> = (0..kind_names.len()).collect();
    by_rank.sort_by(|&a, &b| {
        kind_rank(kind_names[a])
            .cmp(&kind_rank(kind_names[b]))
            .then_with(|| kind_names[a].cmp(kind_names[b]))
    });
    let mut kind_order = vec![0u64; kind_names.len()];
    for (r, &k) in by_rank.iter().enumerate() {
        kind_order[k] = r as u64;
    }
    if kind_order.iter().any(|&r| r > 0) {
        for v in vis.iter_mut() {
            v.within |= kind_order[v.kind as usize] << 34;
        }
    }
    // Each kind's colour as drawn: selected (full), dimmed, normal.
    let kind_colors: Vec<[Rgba; 3]> = kind_names
        .iter()
        .map(|k| {
            let c = style.kind_color(k);
            [c, c.faded(style.dim_alpha), c.faded(style.edge_alpha)]
        })
        .collect();
    sort_by_pair(&mut vis, bound);

    // Focus: hovered/selected nodes and their visible neighbours; else search hits.
    let focus: Vec<NodeIndex> = [opts.selected_node, opts.hovered_node]
        .into_iter()
        .flatten()
        .filter(|n| g.contains_node(*n))
        .collect();
    let mut active = vec![false; bound];
    let focusing = !focus.is_empty();
    let searching = !focusing && opts.highlighted_nodes.iter().any(|n| g.contains_node(*n));
    for &n in &focus {
        active[n.index()] = true;
    }
    if searching {
        for n in &opts.highlighted_nodes {
            if g.contains_node(*n) {
                active[n.index()] = true;
            }
        }
    }
    let selected_edge = opts
        .selected_edge
        .filter(|e| vis.iter().any(|v| v.edge() == *e));
    if let Some((s, t)) = selected_edge.and_then(|e| g.edge_endpoints(e)) {
        active[s.index()] = true;
        active[t.index()] = true;
    }
    let is_focus = |n: NodeIndex| focus.contains(&n);
    let mut edge_active = |s: NodeIndex, t: NodeIndex| -> bool {
        if focusing {
            if is_focus(s) || is_focus(t) {
                active[s.index()] = true;
                active[t.index()] = true;
                return true;
            }
            false
        } else if searching {
            opts.highlighted_nodes.contains(&s) || opts.highlighted_nodes.contains(&t)
        } else {
            true
        }
    };

    // Node radii (style pixels) by index.
    let mut radius_px = vec![0.0f32; bound];
    for n in g.node_indices() {
        radius_px[n.index()] = style.node_radius(g[n].mentions);
    }

    // Edge widths of the common weights, computed once (a logarithm each).
    let widths: Vec<f32> = (0..64).map(|w| style.edge_width(w)).collect();

    // Edges: style and slot among the pair's parallel edges; geometry comes in `place`.
    let mut edges = Vec::with_capacity(vis.len());
    let mut edge_geo = Vec::with_capacity(vis.len());
    let mut i = 0;
    while i < vis.len() {
        let mut j = i + 1;
        while j < vis.len() && vis[j].pair == vis[i].pair {
            j += 1;
        }
        let k = j - i;
        for (slot, w) in vis[i..j].iter().enumerate() {
            let (e, (s, t)) = (w.edge(), w.ends());
            let selected = selected_edge == Some(e);
            let act = edge_active(s, t) || selected;
            let dimmed = !act;
            let mut width_px = widths
                .get(w.weight as usize)
                .copied()
                .unwrap_or_else(|| style.edge_width(w.weight as usize));
            if selected {
                width_px = width_px * style.selected_edge_scale + style.selected_edge_extra;
            }
            let [base, dim, normal] = kind_colors[w.kind as usize];
            let color = if selected {
                base
            } else if dimmed {
                dim
            } else {
                normal
            };
            edges.push(EdgeShape {
                edge: e,
                source: s,
                target: t,
                from: Point::ZERO,
                ctrl: Point::ZERO,
                to: Point::ZERO,
                color,
                width: 0.0,
                arrow: None,
                dimmed,
                selected,
            });
            edge_geo.push(EdgeGeo {
                slot: slot as f32 - (k as f32 - 1.0) / 2.0,
                parallel: k as u32,
                width_px,
                directed: w.directed(),
            });
        }
        i = j;
    }
    // Dimmed first, selected last (stable: keeps the grouping order otherwise).
    let layer = |e: &EdgeShape| (!e.dimmed) as u8 + 2 * e.selected as u8;
    if edges.windows(2).any(|w| layer(&w[0]) > layer(&w[1])) {
        let mut order: Vec<u32> = (0..edges.len() as u32).collect();
        order.sort_by_key(|&i| layer(&edges[i as usize]));
        edges = order.iter().map(|&i| edges[i as usize].clone()).collect();
        edge_geo = order.iter().map(|&i| edge_geo[i as usize]).collect();
    }

    // Nodes.
    let mut node_kinds = BTreeSet::new();
    let mut nodes = Vec::with_capacity(g.node_count());
    for n in g.node_indices() {
        let a = &g[n];
        let hit = opts.highlighted_nodes.contains(&n);
        let focused = is_focus(n)
            || selected_edge
                .is_some_and(|e| g.edge_endpoints(e).is_some_and(|(s, t)| s == n || t == n));
        let focus_dim = (focusing || searching) && !active[n.index()];
        if !node_shown(n) {
            continue;
        }
        if !opts.show_isolated && !has_visible[n.index()] && !focused && !hit {
            continue;
        }
        node_kinds.insert(a.kind);
        let filtered = has_edge[n.index()] && !has_visible[n.index()] && !focused && !hit;
        let mut fill = style.node_color(a.kind);
        let (mut stroke, mut stroke_width) = (style.node_stroke, style.node_stroke_width);
        if hit {
            stroke = style.highlight_stroke;
            stroke_width = style.highlight_stroke_width;
        }
        if focused {
            stroke = style.selected_stroke;
            stroke_width = style.selected_stroke_width;
        }
        let fade = if focus_dim {
            style.dim_fade
        } else if filtered {
            style.filtered_fade
        } else {
            0.0
        };
        if fade > 0.0 {
            fill = fill.mix(style.background, fade);
            stroke = stroke.mix(style.background, fade);
        }
        nodes.push(NodeShape {
            node: n,
            center: Point::ZERO,
            radius: 0.0,
            fill,
            stroke,
            // style pixels until `place` scales it
            stroke_width,
            dimmed: fade > 0.0,
        });
    }
    // Dimmed first, then normal, search hits, focus on top.
    let layer = |s: &NodeShape| {
        let n = s.node;
        if is_focus(n) {
            3u8
        } else if opts.highlighted_nodes.contains(&n) {
            2
        } else {
            (!s.dimmed) as u8
        }
    };
    if nodes.windows(2).any(|w| layer(&w[0]) > layer(&w[1])) {
        nodes.sort_by_cached_key(layer);
    }
    let node_stroke_px: Vec<f32> = nodes.iter().map(|n| n.stroke_width).collect();

    // Labels, in node order (placed below or above the node in `place`).
    let labels: Vec<LabelShape> = nodes
        .iter()
        .map(|s| {
            let mut color = style.label_color;
            if s.dimmed {
                color = color.mix(
                    style.background,
                    if focusing || searching { 0.7 } else { 0.45 },
                );
            }
            LabelShape {
                node: s.node,
                text: g[s.node].name.clone(),
                pos: Point::ZERO,
                size: 0.0,
                color,
            }
        })
        .collect();

    // Legends.
    let mut present = vec![false; kind_names.len()];
    for v in &vis {
        present[v.kind as usize] = true;
    }
    let kinds: BTreeSet<&str> = kind_names
        .iter()
        .zip(&present)
        .filter(|(_, p)| **p)
        .map(|(k, _)| *k)
        .collect();
    let mut legend: Vec<(String, Rgba)> = BUILTIN_KINDS
        .iter()
        .filter(|k| kinds.contains(*k))
        .map(|k| (k.to_string(), style.kind_color(k)))
        .collect();
    legend.extend(
        kinds
            .iter()
            .filter(|k| !BUILTIN_KINDS.contains(k))
            .map(|k| (k.to_string(), style.kind_color(k))),
    );
    let node_legend = node_kinds
        .into_iter()
        .map(|k| (k.as_str().to_owned(), style.node_color(k)))
        .collect();

    // Label priority: focus, search hits, then mentions, degree (visible relations).
    let mut degree = vec![0u32; bound];
    for v in &vis {
        degree[v.lo()] += 1;
        degree[v.pair as u32 as usize] += 1;
    }
    let tier = |n: NodeIndex| {
        if is_focus(n)
            || selected_edge
                .is_some_and(|e| g.edge_endpoints(e).is_some_and(|(s, t)| s == n || t == n))
        {
            0u8
        } else if opts.highlighted_nodes.contains(&n) {
            1
        } else {
            2
        }
    };
    let mut label_rank: Vec<u32> = (0..nodes.len() as u32).collect();
    label_rank.sort_by_cached_key(|&i| {
        let n = nodes[i as usize].node;
        (
            tier(n),
            std::cmp::Reverse(g[n].mentions),
            std::cmp::Reverse(degree[n.index()]),
            n.index(),
        )
    });

    let label_chars = labels
        .iter()
        .map(|l| l.text.chars().count() as u32)
        .collect();
    let mut scene = Scene {
        nodes,
        edges,
        labels,
        label_rank,
        legend,
        node_legend,
        bounds: Rect::bounding(std::iter::empty()),
        unit,
        index: std::sync::OnceLock::new(),
        queries: QueryCount::default(),
        geo: Geometry {
            edges: edge_geo,
            node_stroke_px,
            radius_px,
            label_chars,
        },
    };
    scene.place(positions, style, unit);
    scene
}

/// What [`Scene::place`] needs to lay the shapes out at new positions: sizes in style pixels
/// and each edge's slot among its pair's parallel edges.
#[derive(Debug, Clone, Default)]
struct Geometry {
    /// Same order as `Scene::edges`.
    edges: Vec<EdgeGeo>,
    /// Same order as `Scene::nodes`.
    node_stroke_px: Vec<f32>,
    /// By node index.
    radius_px: Vec<f32>,
    /// Characters of each label (same order as `Scene::labels`).
    label_chars: Vec<u32>,
}

#[derive(Debug, Clone, Copy)]
struct EdgeGeo {
    /// Offset from the pair's centre line in curve spacings (0 for a single edge).
    slot: f32,
    /// Edges between the pair.
    parallel: u32,
    width_px: f32,
    directed: bool,
}

/// Edges per parallel task in [`Scene::place`].
const PLACE_CHUNK: usize = 2048;

impl Scene {
    /// Move the shapes to new positions (the layout moved, or the user dragged a node), keeping
    /// what is shown and how it is styled: the cheap half of [`build_scene`], for every frame
    /// of an animated layout. Sizes follow the new positions' unit (as a rebuild would).
    pub fn update_positions(&mut self, net: &Network, positions: &[Point], style: &Style) {
        let unit = style
            .unit
            .filter(|u| u.is_finite() && *u > 0.0)
            .unwrap_or_else(|| auto_unit(net, positions));
        self.place(positions, style, unit);
    }

    fn place(&mut self, positions: &[Point], style: &Style, unit: f32) {
        use rayon::prelude::*;
        self.unit = unit;
        self.index = std::sync::OnceLock::new();
        self.queries = QueryCount::default();
        let pos = |n: NodeIndex| position(positions, n);
        let radius_px = &self.geo.radius_px;
        let radius = |n: NodeIndex| radius_px.get(n.index()).copied().unwrap_or(0.0) * unit;

        // Edges, in parallel chunks; each chunk also notes which way its edges leave their
        // ends (for the labels below) and the bounds of its curved or wide edges.
        let radius_min = self
            .geo
            .node_stroke_px
            .iter()
            .zip(&self.nodes)
            .map(|(sw, n)| {
                (radius_px.get(n.node.index()).copied().unwrap_or(0.0) + sw * 0.5) * unit
            })
            .fold(f32::INFINITY, f32::min);
        let mut ends = vec![[0i8; 2]; self.edges.len()];
        let edge_bounds: Vec<Option<Rect>> = self
            .edges
            .par_chunks_mut(PLACE_CHUNK)
            .zip(self.geo.edges.par_chunks(PLACE_CHUNK))
            .zip(ends.par_chunks_mut(PLACE_CHUNK))
            .map(|((edges, geo), ends)| {
                let mut bounds: Option<Rect> = None;
                for ((e, g), end) in edges.iter_mut().zip(geo).zip(ends) {
                    let (s, t) = (e.source, e.target);
                    let (from, to) = (pos(s), pos(t));
                    let mid = from.lerp(to, 0.5);
                    // A single edge (slot 0, most of them) is straight: no square root.
                    let ctrl = if g.slot == 0.0 {
                        mid
                    } else {
                        let (lo, hi) = if s <= t { (from, to) } else { (to, from) };
                        // Perpendicular of the lo -> hi direction: both directions of a pair
                        // share it.
                        let normal = (hi - lo).normalized().perp();
                        let len = lo.distance(hi);
                        let spacing =
                            (style.curve_spacing * unit).min(len * 0.6 / g.parallel.max(1) as f32);
                        // A quadratic's middle sits halfway to its control point: double the
                        // offset.
                        mid + normal * (2.0 * g.slot * spacing)
                    };
                    let width = g.width_px * unit;
                    e.from = from;
                    e.to = to;
                    e.ctrl = ctrl;
                    e.width = width;
                    e.arrow = if g.directed {
                        arrow_head(from, ctrl, to, radius(t), width, style, unit)
                    } else {
                        None
                    };
                    *end = [leaves_vertically(from, ctrl), leaves_vertically(to, ctrl)];
                    // A straight edge lies between two node centres, inside the nodes' bounds
                    // already.
                    if !e.is_straight() || e.width * 0.5 > radius_min {
                        let r = e.curve_bounds().expand(e.width * 0.5);
                        bounds = Some(bounds.map_or(r, |b| b.union(&r)));
                    }
                }
                bounds
            })
            .collect();

        // Per node, how many of its edges leave downwards minus upwards.
        let mut down_minus_up = vec![0i32; radius_px.len()];
        for (e, end) in self.edges.iter().zip(&ends) {
            for (n, d) in [(e.source, end[0]), (e.target, end[1])] {
                if let Some(c) = down_minus_up.get_mut(n.index()) {
                    *c += d as i32;
                }
            }
        }

        // Nodes and their labels: below each node, or above it when more of its edges leave
        // downwards (so labels don't cover edge ends and arrowheads).
        for ((n, l), &sw_px) in self
            .nodes
            .iter_mut()
            .zip(&mut self.labels)
            .zip(&self.geo.node_stroke_px)
        {
            let r_px = radius_px.get(n.node.index()).copied().unwrap_or(0.0);
            n.center = pos(n.node);
            n.radius = r_px * unit;
            n.stroke_width = sw_px * unit;
            let size = style.label_size_for(r_px) * unit;
            let gap = n.radius + n.stroke_width * 0.5 + 2.0 * unit;
            l.pos = if down_minus_up.get(n.node.index()).is_some_and(|&c| c > 0) {
                n.center - Point::new(0.0, gap + 1.2 * size)
            } else {
                n.center + Point::new(0.0, gap)
            };
            l.size = size;
        }

        // Bounds.
        let mut bounds: Option<Rect> = None;
        let mut add = |r: Rect| bounds = Some(bounds.map_or(r, |b| b.union(&r)));
        for n in &self.nodes {
            add(circle_bounds(n.center, n.radius + n.stroke_width * 0.5));
        }
        for r in edge_bounds.into_iter().flatten() {
            add(r);
        }
        for (l, &chars) in self.labels.iter().zip(&self.geo.label_chars) {
            add(label_box_chars(l, chars as usize));
        }
        self.bounds = bounds.unwrap_or_else(|| Rect::bounding(std::iter::empty()));
    }
}

/// +1 when the direction from `at` to `towards` points down (more than ~45 degrees: its unit
/// vector's y above 0.7), -1 up, else 0; no square root.
fn leaves_vertically(at: Point, towards: Point) -> i8 {
    let d = towards - at;
    let (dy2, l2) = (d.y * d.y, d.x * d.x + d.y * d.y);
    if dy2 > 0.49 * l2 && l2 > 0.0 {
        if d.y > 0.0 { 1 } else { -1 }
    } else {
        0
    }
}

/// Labels are drawn (screen and export alike) when the node's radius is at least this many
/// pixels ...
pub const LABEL_MIN_RADIUS_PX: f32 = 9.0;
/// ... or when the scene has at most this many nodes (or the node is hovered / selected).
pub const LABEL_ALL_BELOW: usize = 60;

/// Whether a label is readable, hence drawn: a small scene, or a node drawn at least
/// [`LABEL_MIN_RADIUS_PX`] large (`radius_px`: its radius in output pixels).
pub fn label_readable(scene_nodes: usize, radius_px: f32) -> bool {
    scene_nodes <= LABEL_ALL_BELOW || radius_px >= LABEL_MIN_RADIUS_PX
}

/// Sort the visible edges by their key: a counting sort on the lower node index (the pair
/// key's high half), then the few edges of each node by the whole key. O(edges + nodes).
fn sort_by_pair(vis: &mut Vec<VisEntry>, bound: usize) {
    let mut start = vec![0u32; bound + 1];
    for v in vis.iter() {
        start[v.lo() + 1] += 1;
    }
    for i in 0..bound {
        start[i + 1] += start[i];
    }
    let mut next = start.clone();
    let mut order = vec![0u32; vis.len()];
    for (i, v) in vis.iter().enumerate() {
        let slot = &mut next[v.lo()];
        order[*slot as usize] = i as u32;
        *slot += 1;
    }
    for w in start.windows(2) {
        let bucket = &mut order[w[0] as usize..w[1] as usize];
        if bucket.len() > 1 {
            bucket.sort_unstable_by_key(|&i| (vis[i as usize].pair, vis[i as usize].within));
        }
    }
    *vis = order.iter().map(|&i| vis[i as usize]).collect();
}

/// A visible edge in [`build_scene`], packed (the pass over all edges writes, sorts and reads
/// these: small entries, less memory traffic). Sorted by pair, then kind (legend order),
/// undirected first, lo -> hi first, edge index: the edge index makes the order total, so an
/// unstable sort is deterministic.
#[derive(Debug, Clone, Copy)]
struct VisEntry {
    /// Lower node index << 32 | higher node index: parallel edges are equal here.
    pair: u64,
    /// Legend rank of the kind << 34 | directed << 33 | reversed (source is the higher node)
    /// << 32 | edge index.
    within: u64,
    /// Evidence count.
    weight: u32,
    /// Index into the scene's kind list.
    kind: u16,
}

impl VisEntry {
    fn lo(&self) -> usize {
        (self.pair >> 32) as usize
    }
    fn edge(&self) -> EdgeIndex {
        EdgeIndex::new(self.within as u32 as usize)
    }
    fn directed(&self) -> bool {
        self.within >> 33 & 1 == 1
    }
    /// (source, target).
    fn ends(&self) -> (NodeIndex, NodeIndex) {
        let (lo, hi) = (
            NodeIndex::new(self.lo()),
            NodeIndex::new(self.pair as u32 as usize),
        );
        if self.within >> 32 & 1 == 1 {
            (hi, lo)
        } else {
            (lo, hi)
        }
    }
}

/// Legend order: the kind registry's.
fn kind_rank(kind: &str) -> usize {
    crate::kinds::rank(kind)
}

/// An estimate of a label's box (DejaVu Sans: ~0.6 em average advance, 1.2 em line).
pub fn label_box(l: &LabelShape) -> Rect {
    label_box_chars(l, l.text.chars().count())
}

/// [`label_box`] with the label's character count known.
fn label_box_chars(l: &LabelShape, chars: usize) -> Rect {
    let w = chars as f32 * 0.6 * l.size;
    Rect::new(
        Point::new(l.pos.x - w * 0.5, l.pos.y),
        Point::new(l.pos.x + w * 0.5, l.pos.y + 1.2 * l.size),
    )
}

fn circle_bounds(c: Point, r: f32) -> Rect {
    Rect::new(Point::new(c.x - r, c.y - r), Point::new(c.x + r, c.y + r))
}

fn arrow_head(
    from: Point,
    ctrl: Point,
    to: Point,
    target_radius: f32,
    width: f32,
    style: &Style,
    unit: f32,
) -> Option<[Point; 3]> {
    let rim = target_radius + 0.5 * unit;
    if from.distance(to) <= rim + f32::EPSILON {
        return None;
    }
    if is_straight(from, ctrl, to) {
        // closed form: the rim point on the segment
        let d = (to - from).normalized();
        if d == Point::ZERO {
            return None;
        }
        let tip = to - d * rim;
        let len = style.arrow_length * unit + style.arrow_length_per_width * width;
        let half = len * style.arrow_aspect;
        let base = tip - d * len;
        let n = d.perp();
        return Some([tip, base + n * half, base - n * half]);
    }
    // Bisect for the point where the curve leaves the target's rim.
    let (mut a, mut b) = (0.0f32, 1.0f32);
    for _ in 0..24 {
        let m = 0.5 * (a + b);
        if quad_point(from, ctrl, to, m).distance(to) > rim {
            a = m;
        } else {
            b = m;
        }
    }
    let t = 0.5 * (a + b);
    let tip = quad_point(from, ctrl, to, t);
    let d = quad_tangent(from, ctrl, to, t).normalized();
    if d == Point::ZERO {
        return None;
    }
    let len = style.arrow_length * unit + style.arrow_length_per_width * width;
    let half = len * style.arrow_aspect;
    let base = tip - d * len;
    let n = d.perp();
    Some([tip, base + n * half, base - n * half])
}

/// The point at `t` of a quadratic Bézier.
pub fn quad_point(p0: Point, p1: Point, p2: Point, t: f32) -> Point {
    let u = 1.0 - t;
    p0 * (u * u) + p1 * (2.0 * u * t) + p2 * (t * t)
}

fn quad_tangent(p0: Point, p1: Point, p2: Point, t: f32) -> Point {
    (p1 - p0) * (2.0 * (1.0 - t)) + (p2 - p1) * (2.0 * t)
}

/// Whether the control point sits (within 1e-4 of the chord's length, or of 1) on the chord's
/// middle. Squared, no square root: this runs for every edge of every frame.
fn is_straight(p0: Point, p1: Point, p2: Point) -> bool {
    let m = p0.lerp(p2, 0.5) - p1;
    let c = p2 - p0;
    m.x * m.x + m.y * m.y <= 1e-8 * (1.0 + c.x * c.x + c.y * c.y)
}

/// The exact bounding box of a quadratic Bézier.
fn quad_bounds(p0: Point, p1: Point, p2: Point) -> Rect {
    let mut r = Rect::bounding([p0, p2]);
    for axis in 0..2 {
        let (a, b, c) = if axis == 0 {
            (p0.x, p1.x, p2.x)
        } else {
            (p0.y, p1.y, p2.y)
        };
        let den = a - 2.0 * b + c;
        if den.abs() > f32::EPSILON {
            let t = (a - b) / den;
            if t > 0.0 && t < 1.0 {
                let p = quad_point(p0, p1, p2, t);
                r = r.union(&Rect::new(p, p));
            }
        }
    }
    r
}

fn segment_distance(a: Point, b: Point, p: Point) -> f32 {
    let ab = b - a;
    let l2 = ab.dot(ab);
    if l2 <= f32::EPSILON {
        return a.distance(p);
    }
    let t = ((p - a).dot(ab) / l2).clamp(0.0, 1.0);
    (a + ab * t).distance(p)
}

const CURVE_STEPS: usize = 8;

/// The polyline hit testing uses for a curve: 1 segment when straight, else 8 (within ~1/128 of the
/// curve's bulge).
fn flatten(p0: Point, p1: Point, p2: Point, mut f: impl FnMut(Point, Point)) {
    if is_straight(p0, p1, p2) {
        f(p0, p2);
        return;
    }
    let mut prev = p0;
    for i in 1..=CURVE_STEPS {
        let q = quad_point(p0, p1, p2, i as f32 / CURVE_STEPS as f32);
        f(prev, q);
        prev = q;
    }
}

/// Distance from `p` to a quadratic Bézier (exact when straight, else an 8-segment flattening).
fn quad_distance(p0: Point, p1: Point, p2: Point, p: Point) -> f32 {
    let mut best = f32::INFINITY;
    flatten(p0, p1, p2, |a, b| {
        best = best.min(segment_distance(a, b, p))
    });
    best
}

/// A uniform grid over the scene bounds: for each cell, the items (indices into a list of
/// shapes or segments) that may touch it, in CSR form.
#[derive(Debug, Clone, Default)]
struct Grid {
    origin: Point,
    cell: f32,
    cols: usize,
    rows: usize,
    starts: Vec<u32>,
    items: Vec<u32>,
}

impl Grid {
    /// At most 1024 x 1024 cells of at least `cell`.
    fn new(bounds: Rect, cell: f32) -> Grid {
        let (w, h) = (bounds.width().max(1e-6), bounds.height().max(1e-6));
        let cell = cell.max(w / 1024.0).max(h / 1024.0).max(1e-6);
        let cols = ((w / cell).ceil() as usize).clamp(1, 1024);
        let rows = ((h / cell).ceil() as usize).clamp(1, 1024);
        Grid {
            origin: bounds.min,
            cell,
            cols,
            rows,
            starts: Vec::new(),
            items: Vec::new(),
        }
    }

    /// Cell ranges `(x0..=x1, y0..=y1)` a rectangle covers; `None` when outside.
    fn range(&self, r: Rect) -> Option<(usize, usize, usize, usize)> {
        if self.cols == 0 || !(r.min.x.is_finite() && r.max.x.is_finite()) {
            return None;
        }
        if !(r.min.y.is_finite() && r.max.y.is_finite()) {
            return None;
        }
        let f = |v: f32, o: f32| ((v - o) / self.cell).floor();
        let (x0, x1) = (f(r.min.x, self.origin.x), f(r.max.x, self.origin.x));
        let (y0, y1) = (f(r.min.y, self.origin.y), f(r.max.y, self.origin.y));
        let (cm, rm) = ((self.cols - 1) as f32, (self.rows - 1) as f32);
        if x1 < 0.0 || y1 < 0.0 || x0 > cm || y0 > rm {
            return None;
        }
        Some((
            x0.clamp(0.0, cm) as usize,
            x1.clamp(0.0, cm) as usize,
            y0.clamp(0.0, rm) as usize,
            y1.clamp(0.0, rm) as usize,
        ))
    }

    /// Fill with points (item = index), each in one cell: a counting sort, O(points + cells).
    /// Points outside the grid's bounds are left out.
    fn fill_points(&mut self, pts: &[Point]) {
        let cells = self.cols * self.rows;
        let inv = 1.0 / self.cell;
        let (cols, rows) = (self.cols as f32, self.rows as f32);
        let cell_of: Vec<u32> = pts
            .iter()
            .map(|p| {
                let x = (p.x - self.origin.x) * inv;
                let y = (p.y - self.origin.y) * inv;
                // (`as` truncates, the same as floor for the non-negative values kept)
                if x >= 0.0 && y >= 0.0 && x < cols + 1.0 && y < rows + 1.0 {
                    let (cx, cy) = (
                        (x as usize).min(self.cols - 1),
                        (y as usize).min(self.rows - 1),
                    );
                    (cy * self.cols + cx) as u32
                } else {
                    u32::MAX
                }
            })
            .collect();
        let mut starts = vec![0u32; cells + 1];
        for &c in &cell_of {
            if c != u32::MAX {
                starts[c as usize + 1] += 1;
            }
        }
        for i in 0..cells {
            starts[i + 1] += starts[i];
        }
        let mut next = starts.clone();
        let mut items = vec![0u32; starts[cells] as usize];
        for (i, &c) in cell_of.iter().enumerate() {
            if c != u32::MAX {
                let slot = &mut next[c as usize];
                items[*slot as usize] = i as u32;
                *slot += 1;
            }
        }
        self.starts = starts;
        self.items = items;
    }

    /// Items in the cells `r` covers (an item may repeat).
    fn query(&self, r: Rect) -> impl Iterator<Item = usize> + '_ {
        let range = if self.starts.is_empty() {
            None
        } else {
            self.range(r)
        };
        range.into_iter().flat_map(move |(x0, x1, y0, y1)| {
            (y0..=y1).flat_map(move |y| {
                (x0..=x1).flat_map(move |x| {
                    let c = y * self.cols + x;
                    self.items[self.starts[c] as usize..self.starts[c + 1] as usize]
                        .iter()
                        .map(|&i| i as usize)
                })
            })
        })
    }
}

impl Scene {
    /// Drop the hit-testing index (call after editing `nodes`, `edges` or `bounds` by hand); it
    /// is rebuilt on the next hit test.
    pub fn rebuild_index(&mut self) {
        self.index = std::sync::OnceLock::new();
        self.queries = QueryCount::default();
    }

    fn index(&self) -> &Index {
        self.index.get_or_init(|| self.build_index())
    }

    /// Build the hit-testing index now (else the first hit test does).
    pub fn prepare_hit_testing(&self) {
        self.index();
    }

    fn build_index(&self) -> Index {
        let rect = |r: Rect| [r.min.x, r.min.y, r.max.x, r.max.y];
        let nodes: Vec<[f32; 4]> = self
            .nodes
            .iter()
            .map(|n| rect(circle_bounds(n.center, n.radius)))
            .collect();
        let edges: Vec<[f32; 4]> = self
            .edges
            .iter()
            .map(|e| rect(e.curve_bounds().expand(e.width * 0.5)))
            .collect();
        let (nodes, edges) = rayon::join(|| BoxTree::new(&nodes), || BoxTree::new(&edges));
        Index { nodes, edges }
    }

    /// Call `f` with every node (or edge) whose box meets `r`, and maybe others (`f` checks).
    /// The first [`LINEAR_QUERIES`] queries of a scene scan the shapes (tens of µs at 10,000
    /// nodes); later ones build and use the index (ms to build, µs to query). So a scene that
    /// changes every frame (the layout animates under the pointer) never pays for an index
    /// it would use once.
    fn visit(&self, edges: bool, r: Rect, mut f: impl FnMut(usize)) {
        use std::sync::atomic::Ordering;
        let index = match self.index.get() {
            Some(ix) => Some(ix),
            None if self.queries.0.fetch_add(1, Ordering::Relaxed) >= LINEAR_QUERIES => {
                Some(self.index())
            }
            None => None,
        };
        match (index, edges) {
            (Some(ix), false) => ix.nodes.query(r, f),
            (Some(ix), true) => ix.edges.query(r, f),
            (None, false) => (0..self.nodes.len()).for_each(f),
            (None, true) => {
                for (i, e) in self.edges.iter().enumerate() {
                    // the control polygon's box holds the curve
                    let h = e.width * 0.5;
                    let (x0, x1) = (
                        e.from.x.min(e.to.x).min(e.ctrl.x),
                        e.from.x.max(e.to.x).max(e.ctrl.x),
                    );
                    let (y0, y1) = (
                        e.from.y.min(e.to.y).min(e.ctrl.y),
                        e.from.y.max(e.to.y).max(e.ctrl.y),
                    );
                    if x0 - h <= r.max.x
                        && r.min.x <= x1 + h
                        && y0 - h <= r.max.y
                        && r.min.y <= y1 + h
                    {
                        f(i);
                    }
                }
            }
        }
    }

    /// The node under `p`: the topmost disc containing it, else the nearest disc within
    /// `tolerance_world` of its rim.
    pub fn node_at(&self, p: Point, tolerance_world: f32) -> Option<NodeIndex> {
        let tol = tolerance_world.max(0.0);
        let mut inside: Option<usize> = None;
        let mut near: Option<(f32, usize)> = None;
        self.visit(false, circle_bounds(p, tol), |i| {
            let n = &self.nodes[i];
            let d = n.center.distance(p) - n.radius;
            if d <= 0.0 {
                if inside.is_none_or(|j| i > j) {
                    inside = Some(i);
                }
            } else if d <= tol && near.is_none_or(|(bd, j)| d < bd || (d == bd && i > j)) {
                near = Some((d, i));
            }
        });
        inside.or(near.map(|(_, i)| i)).map(|i| self.nodes[i].node)
    }

    /// The edge nearest `p` whose stroke is within `tolerance_world` (ties: the one on top).
    pub fn edge_at(&self, p: Point, tolerance_world: f32) -> Option<EdgeIndex> {
        let tol = tolerance_world.max(0.0);
        let mut best: Option<(f32, f32, usize)> = None;
        self.visit(true, circle_bounds(p, tol), |e| {
            let s = &self.edges[e];
            // Within the stroke counts as a hit; among hits the nearest centre line wins, so a
            // click on one of two thick, close curves picks the one under the pointer.
            let raw = s.distance_to(p);
            let d = (raw - s.width * 0.5).max(0.0);
            if d <= tol
                && best.is_none_or(|(bd, braw, j)| {
                    (d, raw) < (bd, braw) || ((d, raw) == (bd, braw) && e > j)
                })
            {
                best = Some((d, raw, e));
            }
        });
        best.map(|(_, _, i)| self.edges[i].edge)
    }

    /// The shape of an edge, if visible.
    pub fn edge(&self, e: EdgeIndex) -> Option<&EdgeShape> {
        self.edges.iter().find(|s| s.edge == e)
    }

    /// The shape of a node.
    pub fn node(&self, n: NodeIndex) -> Option<&NodeShape> {
        self.nodes.iter().find(|s| s.node == n)
    }

    /// The transform fitting the whole scene into `width` x `height` pixels with `margin`
    /// pixels on every side, centred.
    pub fn fit(&self, width: f32, height: f32, margin: f32) -> Transform {
        fit_rect(
            self.bounds,
            Rect::new(
                Point::new(margin, margin),
                Point::new(width - margin, height - margin),
            ),
        )
    }
}

/// The transform fitting `world` into the pixel rectangle `into`, centred.
pub fn fit_rect(world: Rect, into: Rect) -> Transform {
    let (bw, bh) = (world.width().max(1e-6), world.height().max(1e-6));
    let (w, h) = (into.width().max(1.0), into.height().max(1.0));
    let scale = (w / bw).min(h / bh);
    let scale = if scale.is_finite() && scale > 0.0 {
        scale
    } else {
        1.0
    };
    let offset = into.center() - world.center() * scale;
    Transform { scale, offset }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Options that keep actors without visible relations (most tests look at every node).
    fn all_nodes() -> SceneOptions {
        SceneOptions {
            show_isolated: true,
            ..Default::default()
        }
    }

    #[test]
    fn actors_without_visible_relations_are_left_out_by_default() {
        let (net, pos) = net();
        let opts = SceneOptions {
            visible_kinds: Some(BTreeSet::new()),
            ..Default::default()
        };
        let s = build_scene(&net, &pos, &opts, &Style::default());
        assert!(s.nodes.is_empty() && s.labels.is_empty());
        let s = build_scene(&net, &pos, &all_nodes(), &Style::default());
        assert_eq!(s.nodes.len(), net.graph.node_count());
    }
    use crate::extract::{ActorInfo, ArticleExtraction, Mention, RelationMention};
    use crate::ingest::Article;
    use crate::text::Span;

    /// a, b, c, d, e: a-b cooperation + a->b sanctions + b->a sanctions; b-c conflict (3
    /// sentences); c-d mistrust; e isolated (mentioned only).
    fn net() -> (Network, Vec<Point>) {
        let parts = ["A B C D E.", "A B.", "B C.", "B C.", "B C.", "C D."];
        let text = parts.join(" ");
        let art = Article {
            path: "t.txt".into(),
            title: "t".into(),
            text: text.clone(),
            ..Default::default()
        };
        // Sentence spans made by hand (independent of the sentence splitter).
        let mut sentences = Vec::new();
        let mut at = 0;
        for p in parts {
            sentences.push(Span::new(at, at + p.len()));
            at += p.len() + 1;
        }
        let ids = ["a", "b", "c", "d", "e"];
        let actors = ids
            .iter()
            .map(|i| ActorInfo {
                id: i.to_string(),
                name: i.to_uppercase(),
                kind: ActorKind::State,
            })
            .collect();
        let mentions = ids
            .iter()
            .enumerate()
            .map(|(k, i)| Mention {
                actor: i.to_string(),
                sentence: 0,
                span: Span::new(2 * k, 2 * k + 1),
            })
            .collect();
        let rel = |s: &str, t: &str, kind: &str, directed: bool, sentence: usize| RelationMention {
            source: s.into(),
            target: t.into(),
            kind: kind.into(),
            directed,
            sentence,
            trigger: "x".into(),
            trigger_span: Span::new(sentences[sentence].start, sentences[sentence].start + 1),
            source_span: None,
            target_span: None,
            category: String::new(),
        };
        let relations = vec![
            rel("a", "b", "cooperation", false, 1),
            rel("a", "b", "sanctions", true, 1),
            rel("b", "a", "sanctions", true, 1),
            rel("b", "c", "conflict", false, 2),
            rel("b", "c", "conflict", false, 3),
            rel("b", "c", "conflict", false, 4),
            rel("c", "d", "mistrust", false, 5),
        ];
        let x = ArticleExtraction {
            sentences,
            actors,
            mentions,
            relations,
        };
        let net = Network::from_extractions([(&art, &x)]);
        let pos = vec![
            Point::new(0.0, 0.0),
            Point::new(100.0, 0.0),
            Point::new(200.0, 0.0),
            Point::new(200.0, 100.0),
            Point::new(0.0, 200.0),
        ];
        (net, pos)
    }

    fn n(net: &Network, id: &str) -> NodeIndex {
        net.node(id).unwrap()
    }

    #[test]
    fn parallel_edges_curve_apart_single_is_straight() {
        let (net, pos) = net();
        let s = build_scene(&net, &pos, &all_nodes(), &Style::default());
        assert_eq!(s.unit, 1.0);
        let ab: Vec<&EdgeShape> = net
            .edges_between("a", "b")
            .iter()
            .map(|e| s.edge(*e).unwrap())
            .collect();
        assert_eq!(ab.len(), 3);
        let mids: Vec<f32> = ab.iter().map(|e| e.midpoint().y).collect();
        for i in 0..3 {
            for j in i + 1..3 {
                assert!((mids[i] - mids[j]).abs() > 5.0, "{mids:?}");
            }
        }
        // Symmetric about the straight line.
        let sum: f32 = mids.iter().sum();
        assert!(sum.abs() < 1e-3, "{mids:?}");
        // Both sanctions directions are curved, and apart.
        let bc = s.edge(net.edges_between("b", "c")[0]).unwrap();
        assert!(bc.is_straight());
        assert!(
            s.edge(net.edges_between("c", "d")[0])
                .unwrap()
                .is_straight()
        );
    }

    #[test]
    fn arrows_only_for_directed_edges_and_on_the_rim() {
        let (net, pos) = net();
        let s = build_scene(&net, &pos, &all_nodes(), &Style::default());
        for e in &s.edges {
            let w = &net.graph[e.edge];
            assert_eq!(e.arrow.is_some(), w.directed, "{}", w.kind);
            if let Some([tip, l, r]) = e.arrow {
                let (_, t) = net.graph.edge_endpoints(e.edge).unwrap();
                let target = s.node(t).unwrap();
                let d = tip.distance(target.center);
                assert!((d - target.radius).abs() < 1.0, "{d} vs {}", target.radius);
                assert!(l.distance(target.center) > d && r.distance(target.center) > d);
            }
        }
    }

    #[test]
    fn filters_remove_edges_and_keep_nodes() {
        let (net, pos) = net();
        let style = Style::default();
        let all = build_scene(&net, &pos, &all_nodes(), &style);
        assert_eq!(all.edges.len(), 5);
        assert_eq!(all.nodes.len(), 5);
        assert_eq!(all.labels.len(), 5);
        assert_eq!(
            all.legend.iter().map(|l| l.0.as_str()).collect::<Vec<_>>(),
            ["cooperation", "mistrust", "sanctions", "conflict"]
        );
        let opts = SceneOptions {
            show_isolated: true,
            visible_kinds: Some(["conflict".to_string()].into()),
            ..Default::default()
        };
        let s = build_scene(&net, &pos, &opts, &style);
        assert_eq!(s.edges.len(), 1);
        assert_eq!(s.nodes.len(), 5);
        assert_eq!(s.legend.len(), 1);
        // a and d lost every relation: dimmed; e never had one: not dimmed.
        assert!(s.node(n(&net, "a")).unwrap().dimmed);
        assert!(s.node(n(&net, "d")).unwrap().dimmed);
        assert!(!s.node(n(&net, "e")).unwrap().dimmed);
        assert!(!s.node(n(&net, "b")).unwrap().dimmed);

        let opts = SceneOptions {
            show_isolated: true,
            min_evidence: 2,
            ..Default::default()
        };
        let s = build_scene(&net, &pos, &opts, &style);
        assert_eq!(s.edges.len(), 1);
        assert_eq!(&*net.graph[s.edges[0].edge].kind, "conflict");

        let hidden = net.edges_between("c", "d")[0];
        let opts = SceneOptions {
            show_isolated: true,
            hidden_edges: [hidden].into(),
            ..Default::default()
        };
        let s = build_scene(&net, &pos, &opts, &style);
        assert_eq!(s.edges.len(), 4);
        assert!(s.edge(hidden).is_none());
        // Hiding one of a's three parallel edges re-spreads the other two symmetrically.
        let coop = net.relation("a", "b", "cooperation").unwrap().0;
        let opts = SceneOptions {
            show_isolated: true,
            hidden_edges: [coop].into(),
            ..Default::default()
        };
        let s = build_scene(&net, &pos, &opts, &style);
        let ys: Vec<f32> = net
            .edges_between("a", "b")
            .iter()
            .filter_map(|e| s.edge(*e))
            .map(|e| e.midpoint().y)
            .collect();
        assert_eq!(ys.len(), 2);
        assert!((ys[0] + ys[1]).abs() < 1e-3 && (ys[0] - ys[1]).abs() > 5.0);
    }

    /// Every node shown, "a" hovered, the c–d edge selected.
    fn hover_a_select_cd(net: &Network) -> SceneOptions {
        SceneOptions {
            show_isolated: true,
            hovered_node: Some(n(net, "a")),
            selected_edge: Some(net.edges_between("c", "d")[0]),
            ..Default::default()
        }
    }

    #[test]
    fn hover_dims_non_neighbours_and_selected_edge_on_top() {
        let (net, pos) = net();
        let style = Style::default();
        let opts = hover_a_select_cd(&net);
        let s = build_scene(&net, &pos, &opts, &style);
        assert!(!s.node(n(&net, "a")).unwrap().dimmed);
        assert!(!s.node(n(&net, "b")).unwrap().dimmed);
        assert!(s.node(n(&net, "e")).unwrap().dimmed);
        // c and d are ends of the selected edge: kept.
        assert!(!s.node(n(&net, "c")).unwrap().dimmed);
        let bc = s.edge(net.edges_between("b", "c")[0]).unwrap();
        assert!(bc.dimmed && bc.color.a() < 64);
        for e in net.edges_between("a", "b") {
            assert!(!s.edge(e).unwrap().dimmed);
        }
        let last = s.edges.last().unwrap();
        assert!(last.selected && !last.dimmed);
        assert_eq!(last.edge, net.edges_between("c", "d")[0]);
        let plain = build_scene(&net, &pos, &all_nodes(), &style);
        assert!(last.width > plain.edge(last.edge).unwrap().width);
        // Hovered node drawn on top.
        assert_eq!(s.nodes.last().unwrap().node, n(&net, "a"));
        // Nothing dimmed without focus.
        assert!(plain.edges.iter().all(|e| !e.dimmed));
        assert!(plain.nodes.iter().all(|n| !n.dimmed));
    }

    #[test]
    fn moving_a_scene_equals_building_it_at_the_new_positions() {
        let (net, pos) = net();
        let style = Style::default();
        let opts = hover_a_select_cd(&net);
        // Every node moved, the layout spread twice as far (so sizes follow a new unit), and
        // one node dragged across another (labels flip, parallel edges swap sides).
        let mut moved: Vec<Point> = pos
            .iter()
            .enumerate()
            .map(|(i, p)| *p * 2.0 + Point::new(i as f32 * 7.0, -(i as f32) * 3.0))
            .collect();
        moved[n(&net, "a").index()] = moved[n(&net, "c").index()] + Point::new(0.0, 90.0);
        let mut s = build_scene(&net, &pos, &opts, &style);
        s.prepare_hit_testing();
        s.update_positions(&net, &moved, &style);
        let fresh = build_scene(&net, &moved, &opts, &style);
        assert_ne!(s.unit, build_scene(&net, &pos, &opts, &style).unit);
        assert_eq!(s.unit, fresh.unit);
        assert_eq!(s.nodes, fresh.nodes);
        assert_eq!(s.edges, fresh.edges);
        assert_eq!(s.labels, fresh.labels);
        assert_eq!(s.bounds, fresh.bounds);
        // hit testing follows the move (the index was dropped)
        let c = fresh.node(n(&net, "a")).unwrap().center;
        assert_eq!(s.node_at(c, 0.0), Some(n(&net, "a")));
    }

    #[test]
    fn search_hits_ringed_and_others_dimmed() {
        let (net, pos) = net();
        let style = Style::default();
        let opts = SceneOptions {
            show_isolated: true,
            highlighted_nodes: [n(&net, "d")].into(),
            ..Default::default()
        };
        let s = build_scene(&net, &pos, &opts, &style);
        let d = s.node(n(&net, "d")).unwrap();
        assert_eq!(d.stroke, style.highlight_stroke);
        assert!(!d.dimmed);
        assert!(s.node(n(&net, "a")).unwrap().dimmed);
        assert!(!s.edge(net.edges_between("c", "d")[0]).unwrap().dimmed);
    }

    #[test]
    fn hit_testing() {
        let (net, pos) = net();
        let s = build_scene(&net, &pos, &all_nodes(), &Style::default());
        assert_eq!(s.node_at(Point::new(1.0, 1.0), 0.0), Some(n(&net, "a")));
        assert_eq!(s.node_at(Point::new(0.0, 150.0), 2.0), None);
        let r = s.node(n(&net, "e")).unwrap().radius;
        assert_eq!(
            s.node_at(Point::new(0.0, 200.0 - r - 3.0), 4.0),
            Some(n(&net, "e"))
        );
        assert_eq!(s.node_at(Point::new(0.0, 200.0 - r - 3.0), 1.0), None);
        assert_eq!(s.node_at(Point::new(-1e6, 0.0), 5.0), None);
        // b-c is straight along y = 0.
        let bc = net.edges_between("b", "c")[0];
        assert_eq!(s.edge_at(Point::new(150.0, 1.0), 3.0), Some(bc));
        assert_eq!(s.edge_at(Point::new(150.0, 30.0), 3.0), None);
        // Each a-b curve is hit at its own middle.
        for e in net.edges_between("a", "b") {
            let m = s.edge(e).unwrap().midpoint();
            assert_eq!(s.edge_at(m, 2.0), Some(e));
        }
        // c-d vertical.
        assert_eq!(
            s.edge_at(Point::new(202.0, 50.0), 3.0),
            Some(net.edges_between("c", "d")[0])
        );
    }

    #[test]
    fn kinds_shared_or_not_give_the_same_scene() {
        // Network::add_article shares one string per kind (compared by pointer); a network
        // built by hand may not (compared by bytes, also past the pointer table's bound).
        let build = |shared: bool| {
            let mut net = Network::new();
            let kinds: Vec<std::sync::Arc<str>> =
                ["mistrust", "cooperation", "custom", "sanctions"]
                    .map(Into::into)
                    .to_vec();
            for i in 0..40 {
                net.graph.add_node(crate::network::ActorNode {
                    id: format!("n{i}"),
                    name: format!("N{i}").into(),
                    kind: ActorKind::State,
                    aliases: Default::default(),
                    mentions: 1,
                });
            }
            for i in 0..300usize {
                let kind = if shared {
                    kinds[i % 4].clone()
                } else {
                    (*kinds[i % 4]).into()
                };
                net.graph.add_edge(
                    NodeIndex::new(i % 40),
                    NodeIndex::new((i * 7 + 3) % 40),
                    crate::network::RelationEdge {
                        kind,
                        directed: i % 3 == 0,
                        evidence: Vec::new(),
                    },
                );
            }
            let pos: Vec<Point> = (0..40)
                .map(|i| Point::new((i * 37 % 11) as f32 * 20.0, (i * 13 % 7) as f32 * 25.0))
                .collect();
            let opts = SceneOptions {
                visible_kinds: Some(["mistrust", "custom", "sanctions"].map(String::from).into()),
                ..all_nodes()
            };
            build_scene(&net, &pos, &opts, &Style::default())
        };
        let (a, b) = (build(true), build(false));
        assert_eq!(a.edges, b.edges);
        assert_eq!(a.legend, b.legend);
        assert_eq!(
            a.legend.iter().map(|l| l.0.as_str()).collect::<Vec<_>>(),
            ["mistrust", "sanctions", "custom"]
        );
        // every edge but the hidden kind's (a quarter of them)
        assert_eq!(a.edges.len(), 225);
    }

    #[test]
    fn hit_testing_large_graph_matches_brute_force() {
        // A deterministic 2000-node ring-ish graph, hit tests agree with a linear scan.
        let mut net = Network::new();
        let k = 2000;
        let mut pos = Vec::new();
        let mut seed = 12345u64;
        let mut rnd = || {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            ((seed >> 33) as f32) / (1u64 << 31) as f32
        };
        for i in 0..k {
            net.graph.add_node(crate::network::ActorNode {
                id: format!("n{i}"),
                name: format!("N{i}").into(),
                kind: ActorKind::State,
                aliases: Default::default(),
                mentions: i % 7,
            });
            pos.push(Point::new(rnd() * 3000.0, rnd() * 3000.0));
        }
        for i in 0..k * 3 {
            let a = NodeIndex::new(i % k);
            let b = NodeIndex::new((i * 7 + 13 + (rnd() * 50.0) as usize) % k);
            if a != b {
                net.graph.add_edge(
                    a,
                    b,
                    crate::network::RelationEdge {
                        kind: BUILTIN_KINDS[i % 4].into(),
                        directed: i % 2 == 0,
                        evidence: Vec::new(),
                    },
                );
            }
        }
        let style = Style {
            unit: Some(1.0),
            ..Style::default()
        };
        let s = build_scene(&net, &pos, &all_nodes(), &style);
        let unindexed = s.clone();
        s.prepare_hit_testing();
        for _ in 0..500 {
            let p = Point::new(rnd() * 3000.0, rnd() * 3000.0);
            let tol = 4.0;
            // A scene's first hit tests scan instead of building the index: same answers.
            let scan = unindexed.clone();
            assert_eq!(scan.node_at(p, tol), s.node_at(p, tol), "{p:?}");
            assert_eq!(scan.edge_at(p, tol), s.edge_at(p, tol), "{p:?}");
            assert!(scan.index.get().is_none());
            // The nearest stroke within tolerance; among strokes under the pointer, the
            // nearest centre line (curves are hit-tested as 8 straight pieces: allow for it).
            let key = |e: &EdgeShape| {
                let raw = e.distance_to(p);
                ((raw - e.width * 0.5).max(0.0), raw)
            };
            let brute = s
                .edges
                .iter()
                .map(key)
                .filter(|(d, _)| *d <= tol)
                .min_by(|a, b| a.0.total_cmp(&b.0).then(a.1.total_cmp(&b.1)));
            match (s.edge_at(p, tol), brute) {
                (None, None) => {}
                (Some(e), Some((bd, braw))) => {
                    let (d, raw) = key(s.edge(e).unwrap());
                    assert!(d <= bd + 0.5 && raw <= braw + 0.5, "{e:?} at {p:?}");
                }
                (got, want) => panic!("edge_at {got:?}, brute force {want:?} at {p:?}"),
            }
            let brute_n = s
                .nodes
                .iter()
                .enumerate()
                .filter(|(_, n)| n.center.distance(p) <= n.radius)
                .map(|(i, _)| i)
                .max()
                .map(|i| s.nodes[i].node);
            if brute_n.is_some() {
                assert_eq!(s.node_at(p, tol), brute_n);
            }
        }
    }

    #[test]
    fn fit_and_inverse() {
        let (net, pos) = net();
        let s = build_scene(&net, &pos, &all_nodes(), &Style::default());
        let t = s.fit(800.0, 600.0, 20.0);
        let a = t.apply(s.bounds.min);
        let b = t.apply(s.bounds.max);
        assert!(a.x >= 19.9 && a.y >= 19.9 && b.x <= 780.1 && b.y <= 580.1);
        assert!((a.x - 20.0).abs() < 0.1 || (a.y - 20.0).abs() < 0.1);
        let p = Point::new(37.0, -12.0);
        let q = t.inverse().apply(t.apply(p));
        assert!(p.distance(q) < 1e-3);
    }

    #[test]
    fn auto_unit_follows_layout_scale() {
        let (net, pos) = net();
        let small: Vec<Point> = pos.iter().map(|p| *p * 0.01).collect();
        let a = build_scene(&net, &pos, &all_nodes(), &Style::default());
        let b = build_scene(&net, &small, &all_nodes(), &Style::default());
        assert!((b.unit - 0.01).abs() < 1e-6);
        assert!((a.nodes[0].radius * 0.01 - b.nodes[0].radius).abs() < 1e-4);
    }

    #[test]
    fn kind_colors_stable_and_distinct() {
        let st = Style::default();
        assert_eq!(st.kind_color("cooperation"), Rgba::hex(0x009E73));
        assert_eq!(st.kind_color("alliance"), st.kind_color("alliance"));
        let st = st.with_kinds(&["cooperation".into(), "alliance".into(), "trade".into()]);
        assert_ne!(st.kind_color("alliance"), st.kind_color("trade"));
        assert!(st.node_radius(100) <= st.node_radius_max);
        assert!(st.edge_width(1) < st.edge_width(10));
    }

    #[test]
    fn empty_network() {
        let s = build_scene(&Network::new(), &[], &all_nodes(), &Style::default());
        assert!(s.nodes.is_empty() && s.edges.is_empty());
        assert_eq!(s.node_at(Point::ZERO, 10.0), None);
        assert_eq!(s.edge_at(Point::ZERO, 10.0), None);
        let t = s.fit(100.0, 100.0, 5.0);
        assert!(t.scale.is_finite());
    }
}

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

use std::collections::BTreeSet;

use petgraph::stable_graph::{EdgeIndex, NodeIndex};
use petgraph::visit::{EdgeRef, IntoEdgeReferences};

use crate::geom::{Point, Rect};
use crate::network::Network;

mod build;
mod curves;
mod index;
pub mod labels;
mod style;

pub use build::build_scene;

pub use curves::quad_point;
use curves::{arrow_head, circle_bounds, is_straight, quad_bounds, quad_distance};
use index::{Grid, Index, QueryCount};
pub use style::{REFERENCE_EDGE_LENGTH, Rgba, Style};

/// The built-in relation kinds, in legend order (see [`crate::kinds`]).
pub use crate::kinds::BUILTIN_KINDS;

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
mod tests;

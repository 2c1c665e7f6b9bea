//! Painting the scene: edges and nodes as a few cached meshes of what is in view, labels
//! where they are readable, the hover veil of big graphs, and the legend.

use egui::{Color32, Pos2, Stroke, Vec2};
use petgraph::stable_graph::{EdgeIndex, NodeIndex};

use super::mesh::{disc, len, stroke_polyline, stroke_segment};
use super::{View, to_color};
use crate::app::{DyadApp, Selection};
use crate::geom::Point;
use crate::scene::Scene;
use crate::scene::labels::{LabelArea, PlacedLabel, place_labels};

/// What the canvas emphasises besides the scene's own styling.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Emphasis {
    pub hovered: Option<NodeIndex>,
    pub selected: Option<NodeIndex>,
    /// Ends of the selected edge.
    pub selected_ends: Option<(NodeIndex, NodeIndex)>,
    /// The selected edge.
    pub selected_edge: Option<EdgeIndex>,
    /// Every label, however small.
    pub label_all: bool,
    /// Big graphs: hover dims the rest of the graph by painting this veil over the cached
    /// meshes and the hovered actor's relations and neighbours on top (no scene rebuild).
    pub veil: Option<Color32>,
    /// A box drawn over the canvas (the legend): no label goes there.
    pub reserved: Option<egui::Rect>,
}

impl Emphasis {
    fn has(&self, n: NodeIndex) -> bool {
        self.hovered == Some(n)
            || self.selected == Some(n)
            || self.selected_ends.is_some_and(|(s, t)| s == n || t == n)
    }
}

/// Edges (or nodes) per mesh: the shapes are built in parallel, one mesh per chunk.
const CHUNK: usize = 8192;

/// Paint the scene's edges, nodes and readable labels into `painter` (clipped to its rect):
/// edges and nodes as a few batched meshes of what is in view, labels only where readable.
pub fn paint_scene(painter: &egui::Painter, scene: &Scene, view: &View, em: &Emphasis) {
    paint_scene_cached(painter, scene, 0, view, em, &mut MeshCache::default());
}

/// The edge and node meshes of the last frame, reused while the scene (by generation), the
/// view and the canvas rectangle stay the same: a frame where only the pointer moved (hover)
/// builds no geometry.
#[derive(Default)]
pub struct MeshCache {
    key: Option<(u64, [f32; 7])>,
    meshes: Vec<std::sync::Arc<egui::Mesh>>,
    /// The labels placed for that scene and view (screen pixels).
    labels: Vec<PlacedLabel>,
}

impl MeshCache {
    /// The labels drawn in the last frame, most important first (screen pixels).
    pub fn labels(&self) -> &[PlacedLabel] {
        &self.labels
    }
}

fn to_rect(r: egui::Rect) -> crate::geom::Rect {
    crate::geom::Rect::new(Point::new(r.min.x, r.min.y), Point::new(r.max.x, r.max.y))
}

/// The world -> screen transform of a view.
pub fn screen_transform(view: &View) -> crate::scene::Transform {
    let o = view.rect.min + view.offset;
    crate::scene::Transform {
        scale: view.scale,
        offset: Point::new(o.x, o.y),
    }
}

/// [`paint_scene`] with a mesh cache; `generation` must change whenever the scene does.
pub fn paint_scene_cached(
    painter: &egui::Painter,
    scene: &Scene,
    generation: u64,
    view: &View,
    em: &Emphasis,
    cache: &mut MeshCache,
) {
    let clip = painter.clip_rect();
    let key = (
        generation,
        [
            view.scale,
            view.offset.x,
            view.offset.y,
            clip.min.x,
            clip.min.y,
            clip.max.x,
            clip.max.y,
        ],
    );
    if cache.key != Some(key) || generation == 0 {
        // last frame's shapes are gone by now: their buffers come back for reuse
        let spare: Vec<egui::Mesh> = std::mem::take(&mut cache.meshes)
            .into_iter()
            .filter_map(|m| std::sync::Arc::try_unwrap(m).ok())
            .collect();
        cache.meshes = build_meshes(scene, view, clip, spare)
            .into_iter()
            .map(std::sync::Arc::new)
            .collect();
        cache.labels = place_labels(
            scene,
            &screen_transform(view),
            &LabelArea {
                viewport: to_rect(clip),
                reserved: em.reserved.map(to_rect).into_iter().collect(),
                ..Default::default()
            },
        );
        cache.key = Some(key);
    }
    // A clip rect a hair different per mesh keeps them separate primitives: egui copies each
    // once instead of growing one merged mesh (reallocations, fresh pages every frame).
    for (k, m) in cache
        .meshes
        .iter()
        .enumerate()
        .filter(|(_, m)| !m.is_empty())
    {
        painter
            .with_clip_rect(clip.shrink(1e-3 * k as f32))
            .add(egui::Shape::Mesh(m.clone()));
    }
    if em.label_all {
        paint_labels(painter, scene, view, em, None);
    } else {
        paint_placed(painter, scene, &cache.labels);
    }
    if let Some(veil) = em.veil {
        // big graphs: hover, else the selected actor or relation, over a veil
        let node = em
            .hovered
            .or(em.selected)
            .filter(|&n| scene.node(n).is_some());
        let edge = match em.hovered {
            None => em.selected_edge.and_then(|e| scene.edge(e)),
            Some(_) => None,
        };
        if node.is_some() || edge.is_some() {
            paint_focus(painter, scene, view, em, node, edge, veil);
        }
    }
}

/// Neighbours of a hovered actor whose labels are all shown (a hub's are not: they would
/// bury each other).
const FOCUS_LABELS_MAX: usize = 40;

/// The hover focus of a big graph: a veil over everything drawn so far, then the hovered
/// actor's visible relations, the actor and its neighbours (and their labels) on top.
fn paint_focus(
    painter: &egui::Painter,
    scene: &Scene,
    view: &View,
    em: &Emphasis,
    node: Option<NodeIndex>,
    edge: Option<&crate::scene::EdgeShape>,
    veil: Color32,
) {
    let clip = painter.clip_rect();
    painter.rect_filled(clip, 0.0, veil);
    let mut near: Vec<NodeIndex> = Vec::new();
    let mut m = egui::Mesh::default();
    let scale = view.scale;
    let tr = |p: Point| view.to_screen(p);
    if let Some(h) = node {
        near.push(h);
        for e in scene
            .edges
            .iter()
            .filter(|e| e.source == h || e.target == h)
        {
            near.push(if e.source == h { e.target } else { e.source });
            edge_into(&mut m, e, scale, &tr, clip.expand(2.0), true);
        }
    }
    if let Some(e) = edge {
        // the selected relation, thicker, over the rest
        let wide = crate::scene::EdgeShape {
            width: e.width * 2.0 + 2.0 / scale.max(1e-6),
            ..e.clone()
        };
        edge_into(&mut m, &wide, scale, &tr, clip.expand(2.0), true);
        near.extend([e.source, e.target]);
    }
    let h = node.or(edge.map(|e| e.source));
    near.sort_unstable();
    near.dedup();
    for n in scene
        .nodes
        .iter()
        .filter(|n| near.binary_search(&n.node).is_ok())
    {
        node_into(&mut m, n, scale, &tr, clip.expand(2.0));
    }
    painter.add(egui::Shape::mesh(m));
    let only: Vec<NodeIndex> = if near.len() <= FOCUS_LABELS_MAX + 1 {
        near
    } else {
        h.into_iter().collect()
    };
    paint_labels(painter, scene, view, em, Some(&only));
}

/// Edge meshes then node meshes of what is in view.
/// `spare`: meshes of an earlier frame whose buffers are reused (no fresh pages every frame).
fn build_meshes(
    scene: &Scene,
    view: &View,
    clip: egui::Rect,
    spare: Vec<egui::Mesh>,
) -> Vec<egui::Mesh> {
    use rayon::prelude::*;
    let ne = scene.edges.len().div_ceil(CHUNK);
    let mut spare = spare.into_iter();
    let mut take = |k: usize| -> Vec<egui::Mesh> {
        (0..k)
            .map(|_| {
                let mut m = spare.next().unwrap_or_default();
                m.vertices.clear();
                m.indices.clear();
                m
            })
            .collect()
    };
    let edge_buf = take(ne);
    let node_buf = take(scene.nodes.len().div_ceil(CHUNK));
    let clip = clip.expand(2.0);
    let scale = view.scale;
    let tr = |p: Point| view.to_screen(p);
    let edge_meshes: Vec<egui::Mesh> = scene
        .edges
        .par_chunks(CHUNK)
        .zip(edge_buf)
        .map(|(chunk, mut m)| {
            m.reserve_vertices(chunk.len() * 6);
            m.reserve_triangles(chunk.len() * 4);
            for e in chunk {
                edge_into(&mut m, e, scale, &tr, clip, false);
            }
            m
        })
        .collect();
    let node_meshes: Vec<egui::Mesh> = scene
        .nodes
        .par_chunks(CHUNK)
        .zip(node_buf)
        .map(|(chunk, mut m)| {
            m.reserve_vertices(chunk.len() * 19);
            m.reserve_triangles(chunk.len() * 24);
            for n in chunk {
                node_into(&mut m, n, scale, &tr, clip);
            }
            m
        })
        .collect();
    // egui does not re-check them (DyadApp::setup_context): the tests do
    debug_assert!(edge_meshes.iter().chain(&node_meshes).all(|m| m.is_valid()));
    edge_meshes.into_iter().chain(node_meshes).collect()
}

/// One edge (curve, arrowhead) into `m`, in screen space, if it reaches into `clip`.
/// `focus`: drawn at full strength over the hover veil.
fn edge_into(
    m: &mut egui::Mesh,
    e: &crate::scene::EdgeShape,
    scale: f32,
    tr: &impl Fn(Point) -> Pos2,
    clip: egui::Rect,
    focus: bool,
) {
    let (a, c, b) = (tr(e.from), tr(e.ctrl), tr(e.to));
    let width = (e.width * scale).clamp(if focus { 1.5 } else { 0.8 }, 14.0);
    let bb = egui::Rect::from_points(&[a, b, c]).expand(width);
    if !clip.intersects(bb) {
        return;
    }
    let color = to_color(if focus {
        e.color.with_alpha(230)
    } else {
        e.color
    });
    let bulge = len(c - a.lerp(b, 0.5));
    if bulge < 0.5 {
        stroke_segment(m, a, b, width, color);
    } else {
        let k = ((bulge / 3.0).ceil() as usize).clamp(3, 16);
        let mut pts = [Pos2::ZERO; 17];
        for (i, p) in pts.iter_mut().enumerate().take(k + 1) {
            let t = i as f32 / k as f32;
            let u = 1.0 - t;
            *p = (a.to_vec2() * (u * u) + c.to_vec2() * (2.0 * u * t) + b.to_vec2() * (t * t))
                .to_pos2();
        }
        stroke_polyline(m, &pts[..=k], width, color);
    }
    if let Some(tri) = e.arrow {
        let base = m.vertices.len() as u32;
        for p in tri {
            m.colored_vertex(tr(p), color);
        }
        m.add_triangle(base, base + 1, base + 2);
    }
}

/// One node disc into `m`, in screen space, if it reaches into `clip`.
fn node_into(
    m: &mut egui::Mesh,
    n: &crate::scene::NodeShape,
    scale: f32,
    tr: &impl Fn(Point) -> Pos2,
    clip: egui::Rect,
) {
    let c = tr(n.center);
    let r = (n.radius * scale).max(2.5);
    if !clip.intersects(egui::Rect::from_center_size(c, Vec2::splat(2.0 * r + 8.0))) {
        return;
    }
    let sw = (n.stroke_width * scale).clamp(1.0, 4.0);
    disc(m, c, r, to_color(n.fill), sw, to_color(n.stroke));
}

/// The placed labels (see [`place_labels`]): text on a rounded halo.
fn paint_placed(painter: &egui::Painter, scene: &Scene, placed: &[PlacedLabel]) {
    for p in placed {
        let l = &scene.labels[p.label];
        let galley = painter.layout_no_wrap(
            l.text.to_string(),
            egui::FontId::proportional(p.size),
            to_color(l.color),
        );
        let r = p.rect;
        let bg = egui::Rect::from_min_max(Pos2::new(r.min.x, r.min.y), Pos2::new(r.max.x, r.max.y));
        painter.rect_filled(bg, 3.0, Color32::from_rgba_unmultiplied(255, 255, 255, 190));
        // centred in its box (the box is measured with the font's advances)
        let top_left = Pos2::new(
            0.5 * (p.text.min.x + p.text.max.x) - 0.5 * galley.size().x,
            p.text.min.y,
        );
        painter.galley(top_left, galley, to_color(l.color));
    }
}

/// Every label (the "label all" option: they may overlap) at its node; with `only`, the
/// labels of those nodes (sorted).
fn paint_labels(
    painter: &egui::Painter,
    scene: &Scene,
    view: &View,
    em: &Emphasis,
    only: Option<&[NodeIndex]>,
) {
    let clip = painter.clip_rect().expand(2.0);
    let scale = view.scale;
    let tr = |p: Point| view.to_screen(p);
    for l in &scene.labels {
        if let Some(only) = only {
            if only.binary_search(&l.node).is_err() {
                continue;
            }
        } else if !(em.label_all || em.has(l.node)) {
            continue;
        }
        let p = tr(l.pos);
        if !clip.expand(200.0).contains(p) {
            continue;
        }
        let galley = painter.layout_no_wrap(
            l.text.to_string(),
            egui::FontId::proportional(crate::scene::labels::label_px(l.size, scale)),
            to_color(l.color),
        );
        let top_left = p - Vec2::new(galley.size().x * 0.5, 0.0);
        let bg = egui::Rect::from_min_size(top_left, galley.size()).expand(2.0);
        if !clip.intersects(bg) {
            continue;
        }
        painter.rect_filled(bg, 3.0, Color32::from_rgba_unmultiplied(255, 255, 255, 190));
        painter.galley(top_left, galley, to_color(l.color));
    }
}

/// What the app emphasises now: hover, selection, the label option, the veil of big graphs.
fn emphasis(app: &DyadApp) -> Emphasis {
    let selected = app.selection;
    Emphasis {
        hovered: app.hovered,
        selected: match selected {
            Selection::Node(n) => Some(n),
            _ => None,
        },
        selected_ends: match selected {
            Selection::Edge(e) => app.doc.network().graph.edge_endpoints(e),
            _ => None,
        },
        selected_edge: match selected {
            Selection::Edge(e) => Some(e),
            _ => None,
        },
        label_all: app.label_all,
        reserved: None,
        veil: app.veiled().then(|| {
            to_color(
                app.style
                    .background
                    .with_alpha((app.style.dim_fade * 255.0) as u8),
            )
        }),
    }
}

/// Height of a legend row, in points.
const LEGEND_ROW: f32 = 18.0;

/// The canvas for one frame: the scene (cached meshes, labels, the veil), the legend of the
/// kinds drawn (bottom-left) and, with no actor, how to open articles.
pub(super) fn draw(app: &mut DyadApp, ui: &mut egui::Ui, rect: egui::Rect) {
    let painter = ui.painter_at(rect);
    let view = app.view.clone();
    let legend_rows = app.scene().legend.len();
    let legend_box = (legend_rows > 0).then(|| {
        let h = LEGEND_ROW * legend_rows as f32 + 10.0;
        let origin = Pos2::new(rect.min.x + 10.0, rect.max.y - h - 10.0);
        egui::Rect::from_min_size(origin, Vec2::new(150.0, h))
    });
    let em = Emphasis {
        reserved: legend_box,
        ..emphasis(app)
    };
    let generation = app.scene_generation;
    if let Some(scene) = app.scene.as_ref() {
        paint_scene_cached(&painter, scene, generation, &view, &em, &mut app.mesh_cache);
    }
    let scene = app.scene();
    if let Some(box_rect) = legend_box {
        legend(&painter, box_rect, &scene.legend);
    }
    if scene.nodes.is_empty() {
        painter.text(
            rect.center(),
            egui::Align2::CENTER_CENTER,
            "No actors yet: open articles with File → Open, or drop files here.",
            egui::FontId::proportional(16.0),
            Color32::from_gray(110),
        );
    }
}

/// The legend: a line of each kind's colour and its name, a row a kind, in `box_rect`.
fn legend(painter: &egui::Painter, box_rect: egui::Rect, rows: &[(String, crate::scene::Rgba)]) {
    let origin = box_rect.min;
    painter.rect_filled(
        box_rect,
        4.0,
        Color32::from_rgba_unmultiplied(255, 255, 255, 220),
    );
    painter.rect_stroke(
        box_rect,
        4.0,
        Stroke::new(1.0, Color32::from_gray(200)),
        egui::StrokeKind::Inside,
    );
    for (i, (kind, color)) in rows.iter().enumerate() {
        let y = origin.y + 5.0 + LEGEND_ROW * i as f32 + LEGEND_ROW * 0.5;
        painter.line_segment(
            [Pos2::new(origin.x + 8.0, y), Pos2::new(origin.x + 34.0, y)],
            Stroke::new(3.0, to_color(*color)),
        );
        painter.text(
            Pos2::new(origin.x + 42.0, y),
            egui::Align2::LEFT_CENTER,
            kind,
            egui::FontId::proportional(13.0),
            Color32::from_gray(40),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hover_veil_covers_the_graph_and_redraws_the_neighbourhood_on_top() {
        use crate::pipeline;
        let net = pipeline::sample_corpus(&crate::extract::Extractor::builtin()).network();
        let pos = pipeline::layout_network(&net, 1);
        let scene = crate::scene::build_scene(
            &net,
            &pos,
            &Default::default(),
            &crate::scene::Style::default(),
        );
        let russia = net.node("russia").unwrap();
        let iran_label = net.graph[net.node("iran").unwrap()].name.to_string();
        let size = egui::vec2(1200.0, 800.0);
        let t = scene.fit(size.x, size.y, 40.0);
        let view = View {
            scale: t.scale,
            offset: egui::vec2(t.offset.x, t.offset.y),
            rect: egui::Rect::from_min_size(Pos2::ZERO, size),
            ..Default::default()
        };
        let veil = Color32::from_rgba_unmultiplied(252, 252, 250, 204);
        let paint = |em: Emphasis| {
            let ctx = egui::Context::default();
            DyadApp::setup_context(&ctx);
            let input = egui::RawInput {
                screen_rect: Some(view.rect),
                ..Default::default()
            };
            let mut cache = MeshCache::default();
            let mut out = ctx.run_ui(input, |ui| {
                paint_scene_cached(ui.painter(), &scene, 1, &view, &em, &mut cache)
            });
            out.textures_delta.clear();
            out.shapes.into_iter().map(|c| c.shape).collect::<Vec<_>>()
        };
        let is_veil = |s: &egui::Shape| matches!(s, egui::Shape::Rect(r) if r.fill == veil);
        let text_of = |s: &egui::Shape| match s {
            egui::Shape::Text(t) => Some(t.galley.text().to_owned()),
            _ => None,
        };
        // no veil without hover, or without a veil colour (small graphs dim by rebuilding)
        let hover = Emphasis {
            hovered: Some(russia),
            ..Default::default()
        };
        assert!(!paint(hover).iter().any(is_veil));
        let shapes = paint(Emphasis {
            veil: Some(veil),
            ..hover
        });
        let at = shapes
            .iter()
            .position(is_veil)
            .expect("a veil over the graph");
        let meshes_before = shapes[..at]
            .iter()
            .filter(|s| matches!(s, egui::Shape::Mesh(_)))
            .count();
        assert!(meshes_before >= 2, "edges and nodes drawn under the veil");
        let on_top = &shapes[at + 1..];
        let focus_vertices: usize = on_top
            .iter()
            .map(|s| match s {
                egui::Shape::Mesh(m) => m.vertices.len(),
                _ => 0,
            })
            .sum();
        assert!(
            focus_vertices > 0,
            "Russia's relations redrawn over the veil"
        );
        let labels: Vec<String> = on_top.iter().filter_map(text_of).collect();
        assert!(
            labels.contains(&iran_label),
            "a neighbour's label on top: {labels:?}"
        );

        // A selected relation (nothing hovered): veil, the relation and its two ends on top.
        let (coop, _) = net.relation("russia", "iran", "cooperation").unwrap();
        let shapes = paint(Emphasis {
            veil: Some(veil),
            selected_edge: Some(coop),
            ..Default::default()
        });
        let at = shapes
            .iter()
            .position(is_veil)
            .expect("a veil for the selection");
        let labels: Vec<String> = shapes[at + 1..].iter().filter_map(text_of).collect();
        let russia_label = net.graph[russia].name.to_string();
        assert_eq!(labels.len(), 2, "{labels:?}");
        assert!(labels.contains(&iran_label) && labels.contains(&russia_label));
    }
}

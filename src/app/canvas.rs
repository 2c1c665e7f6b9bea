//! The graph canvas: draws the [`Scene`](crate::scene::Scene) with egui's painter and turns
//! pointer input into commands (pan, zoom, drag a node, hover, click).

use egui::{Color32, Pos2, Sense, Stroke, Vec2};
use petgraph::stable_graph::{EdgeIndex, NodeIndex};

use super::{Command, DyadApp, Selection};
use crate::geom::Point;
use crate::scene::labels::{LabelArea, PlacedLabel, place_labels};
use crate::scene::{Rgba, Scene};

/// Hover dims the non-neighbours by rebuilding the scene up to this many nodes; beyond, by a
/// veil painted over the cached meshes.
pub const HOVER_DIM_MAX_NODES: usize = 2000;

/// Hit tolerance around nodes and edges, in screen points.
const HIT_TOLERANCE: f32 = 6.0;

/// Pan and zoom of the canvas: `screen = rect.min + offset + world * scale`.
#[derive(Debug, Clone)]
pub struct View {
    pub scale: f32,
    pub offset: Vec2,
    /// Fit the graph into the canvas on the next frame.
    fit_pending: bool,
    /// The user moved the view: stop auto-fitting while the layout animates.
    user_moved: bool,
    pub(crate) dragging: Option<NodeIndex>,
    /// The canvas rectangle of the last frame.
    pub rect: egui::Rect,
}

impl Default for View {
    fn default() -> Self {
        View {
            scale: 1.0,
            offset: Vec2::ZERO,
            fit_pending: true,
            user_moved: false,
            dragging: None,
            rect: egui::Rect::NOTHING,
        }
    }
}

impl View {
    pub fn request_fit(&mut self) {
        self.fit_pending = true;
        self.user_moved = false;
    }

    pub fn to_screen(&self, p: Point) -> Pos2 {
        self.rect.min + self.offset + Vec2::new(p.x, p.y) * self.scale
    }

    pub fn to_world(&self, p: Pos2) -> Point {
        let v = (p - self.rect.min - self.offset) / self.scale;
        Point::new(v.x, v.y)
    }

    fn fit(&mut self, bounds: crate::geom::Rect) {
        let margin = 40.0;
        let w = (self.rect.width() - 2.0 * margin).max(10.0);
        let h = (self.rect.height() - 2.0 * margin).max(10.0);
        let bw = bounds.width().max(1.0);
        let bh = bounds.height().max(1.0);
        self.scale = (w / bw).min(h / bh).clamp(0.01, 4.0);
        let c = bounds.center();
        self.offset = self.rect.size() * 0.5 - Vec2::new(c.x, c.y) * self.scale;
    }

    /// Centre the view on a world point and zoom in so that one style pixel (`unit` world
    /// units) is at least one screen pixel (never zooming out).
    pub fn center_on(&mut self, p: Point, unit: f32) {
        if !(p.x.is_finite() && p.y.is_finite()) {
            return;
        }
        let want = 1.5 / unit.max(1e-9);
        if want.is_finite() && self.scale < want {
            self.scale = want.clamp(0.005, 50.0);
        }
        let size = if self.rect.is_positive() {
            self.rect.size()
        } else {
            Vec2::new(800.0, 600.0)
        };
        self.offset = size * 0.5 - Vec2::new(p.x, p.y) * self.scale;
        self.fit_pending = false;
        self.user_moved = true;
    }

    fn zoom_around(&mut self, factor: f32, anchor: Pos2) {
        let world = self.to_world(anchor);
        self.scale = (self.scale * factor).clamp(0.005, 50.0);
        self.offset = anchor - self.rect.min - Vec2::new(world.x, world.y) * self.scale;
    }
}

pub(crate) fn to_color(c: Rgba) -> Color32 {
    let [r, g, b, a] = c.0;
    Color32::from_rgba_unmultiplied(r, g, b, a)
}

/// Screen position of an actor's node (for tests and tooltips).
impl DyadApp {
    pub fn node_screen_pos(&self, id: &str) -> Option<Pos2> {
        let n = self.network().node(id)?;
        Some(self.view.to_screen(*self.positions.get(n.index())?))
    }

    /// A screen point where a click hits this edge (on its curve, clear of nodes and other
    /// edges), if there is one.
    pub fn edge_screen_pos(&mut self, e: EdgeIndex) -> Option<Pos2> {
        let tol = HIT_TOLERANCE / self.view.scale;
        let view = self.view.clone();
        let scene = self.scene();
        let s = scene.edges.iter().find(|s| s.edge == e)?;
        (1..20)
            .map(|i| s.point_at(i as f32 / 20.0))
            .find(|&p| scene.node_at(p, tol).is_none() && scene.edge_at(p, tol) == Some(e))
            .map(|p| view.to_screen(p))
    }
}

pub(super) fn canvas(app: &mut DyadApp, ui: &mut egui::Ui) {
    let (rect, response) = ui.allocate_exact_size(ui.available_size(), Sense::click_and_drag());
    app.view.rect = rect;
    let bounds = app.scene().bounds;
    // Follow the layout (fit every frame) until the user pans, zooms or drags.
    if app.view.fit_pending || !app.view.user_moved {
        app.view.fit(bounds);
        app.view.fit_pending = false;
    }

    // Hover.
    let tol = HIT_TOLERANCE / app.view.scale;
    let pointer = response.hover_pos();
    let (hover_node, hover_edge) = match pointer {
        Some(p) => {
            let w = app.view.to_world(p);
            let scene = app.scene();
            let n = scene.node_at(w, tol);
            let e = if n.is_none() {
                scene.edge_at(w, tol)
            } else {
                None
            };
            (n, e)
        }
        None => (None, None),
    };
    if hover_node != app.hovered && app.view.dragging.is_none() {
        app.hovered = hover_node;
        // Hover dims the rest of the graph: on article-sized graphs by a scene rebuild, on big
        // ones by a veil over the cached meshes (see `Emphasis::veil`), so the pointer stays
        // instant.
        if !app.veiled() {
            app.scene_dirty = true;
        }
    }
    if hover_node.is_some() || hover_edge.is_some() {
        ui.ctx().set_cursor_icon(egui::CursorIcon::PointingHand);
    }

    // Drag a node, or pan.
    if response.drag_started() {
        let origin = ui.input(|i| i.pointer.press_origin()).or(pointer);
        let world = origin.map(|p| app.view.to_world(p));
        app.view.dragging = world.and_then(|w| app.scene().node_at(w, tol));
    }
    if response.dragged() && response.drag_delta() != Vec2::ZERO {
        match (app.view.dragging, response.interact_pointer_pos()) {
            (Some(n), Some(p)) => {
                let w = app.view.to_world(p);
                app.push(Command::MoveNode(n, w));
                app.view.user_moved = true;
            }
            _ => {
                app.view.offset += response.drag_delta();
                app.view.user_moved = true;
            }
        }
    }
    if response.drag_stopped() {
        app.view.dragging = None;
    }

    // Click selects; a click on empty canvas clears the selection.
    if response.clicked() {
        let sel = match (hover_node, hover_edge) {
            (Some(n), _) => Selection::Node(n),
            (None, Some(e)) => Selection::Edge(e),
            _ => Selection::None,
        };
        app.push(Command::Select(sel));
    }
    if response.double_clicked()
        && let Some(n) = hover_node
    {
        app.push(Command::UnpinNode(n));
    }
    // Right click: corrections of the actor or relation under the pointer.
    if response.secondary_clicked() {
        super::corrections::context_target(app, hover_node, hover_edge);
    }
    response.context_menu(|ui| super::corrections::context_menu(app, ui));

    // Zoom with the wheel or a pinch, around the pointer.
    if response.hovered() {
        let (scroll, zoom) = ui.input(|i| (i.smooth_scroll_delta().y, i.zoom_delta()));
        let factor = zoom * (scroll * 0.0025).exp();
        if (factor - 1.0).abs() > 1e-4
            && let Some(p) = pointer
        {
            app.view.zoom_around(factor, p);
            app.view.user_moved = true;
        }
    }

    draw(app, ui, rect);

    if let Some(e) = hover_edge {
        response.on_hover_ui_at_pointer(|ui| {
            ui.label(edge_title(app, e));
            ui.weak("Click to read the sentences");
        });
    }
}

pub(crate) fn edge_title(app: &DyadApp, e: EdgeIndex) -> String {
    let g = &app.doc.network().graph;
    let Some((s, t)) = g.edge_endpoints(e) else {
        return String::new();
    };
    let r = &g[e];
    let arrow = if r.directed { "→" } else { "–" };
    format!(
        "{} {arrow} {}: {} ({})",
        g[s].name,
        g[t].name,
        r.kind,
        r.weight()
    )
}

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

/// Length without `hypot` (a libm call: the hot spot of a big frame).
#[inline]
fn len(v: Vec2) -> f32 {
    (v.x * v.x + v.y * v.y).sqrt()
}

#[inline]
fn vertex(m: &mut egui::Mesh, pos: Pos2, color: Color32) {
    m.vertices.push(egui::epaint::Vertex {
        pos,
        uv: egui::epaint::WHITE_UV,
        color,
    });
}

/// [`stroke_polyline`] of one straight segment (most edges), without the joints.
fn stroke_segment(m: &mut egui::Mesh, a: Pos2, b: Pos2, width: f32, color: Color32) {
    let d = b - a;
    let l = len(d);
    if l <= 0.0 || !l.is_finite() {
        return;
    }
    let n = Vec2::new(d.y, -d.x) / l; // Vec2::rot90
    let clear = Color32::TRANSPARENT;
    let base = m.vertices.len() as u32;
    if width <= 2.0 {
        let (w, color) = if width < 1.0 {
            (1.0, color.gamma_multiply(width.max(0.0)))
        } else {
            (width, color)
        };
        let h = n * ((w + 1.0) * 0.5);
        let peak = color.gamma_multiply((2.0 * w / (w + 1.0)).min(1.0));
        for p in [a, b] {
            vertex(m, p + h, clear);
            vertex(m, p, peak);
            vertex(m, p - h, clear);
        }
        m.indices.extend_from_slice(&[
            base,
            base + 1,
            base + 3,
            base + 1,
            base + 4,
            base + 3,
            base + 1,
            base + 2,
            base + 4,
            base + 2,
            base + 5,
            base + 4,
        ]);
    } else {
        let (inner, outer) = (n * ((width - 1.0) * 0.5), n * ((width + 1.0) * 0.5));
        for p in [a, b] {
            vertex(m, p + outer, clear);
            vertex(m, p + inner, color);
            vertex(m, p - inner, color);
            vertex(m, p - outer, clear);
        }
        for j in 0..3 {
            let (a, b) = (base + j, base + 4 + j);
            m.indices.extend_from_slice(&[a, a + 1, b, a + 1, b + 1, b]);
        }
    }
}

/// An anti-aliased polyline of `width` points: a triangle strip with a 1-point feather on
/// each side. Lines up to 2 points wide are drawn with a tent profile (3 vertices a point,
/// same ink), thinner than 1 point fainter.
fn stroke_polyline(m: &mut egui::Mesh, pts: &[Pos2], width: f32, color: Color32) {
    if pts.len() < 2 {
        return;
    }
    let thin = width <= 2.0;
    let (w, color) = if width < 1.0 {
        (1.0, color.gamma_multiply(width.max(0.0)))
    } else {
        (width, color)
    };
    let clear = Color32::TRANSPARENT;
    let base = m.vertices.len() as u32;
    let last = pts.len() - 1;
    for i in 0..=last {
        let d_in = if i > 0 {
            (pts[i] - pts[i - 1]).normalized()
        } else {
            Vec2::ZERO
        };
        let d_out = if i < last {
            (pts[i + 1] - pts[i]).normalized()
        } else {
            Vec2::ZERO
        };
        let mut d = d_in + d_out;
        let mut k = 1.0;
        if d.length_sq() < 1e-6 {
            d = if d_out != Vec2::ZERO { d_out } else { d_in };
        } else {
            d = d.normalized();
            // miter: keep the stroke width at joints (capped for sharp turns)
            let c = d.dot(if d_out != Vec2::ZERO { d_out } else { d_in });
            k = 1.0 / c.max(0.5);
        }
        let n = d.rot90() * k;
        let p = pts[i];
        if thin {
            // tent of base w + 1 with the same ink as a w-wide line
            let half = (w + 1.0) * 0.5;
            let peak = color.gamma_multiply((2.0 * w / (w + 1.0)).min(1.0));
            m.colored_vertex(p + n * half, clear);
            m.colored_vertex(p, peak);
            m.colored_vertex(p - n * half, clear);
        } else {
            let (inner, outer) = ((w - 1.0) * 0.5, (w + 1.0) * 0.5);
            m.colored_vertex(p + n * outer, clear);
            m.colored_vertex(p + n * inner, color);
            m.colored_vertex(p - n * inner, color);
            m.colored_vertex(p - n * outer, clear);
        }
    }
    let per = if thin { 3 } else { 4 };
    for i in 0..last as u32 {
        let (a, b) = (base + per * i, base + per * (i + 1));
        for j in 0..per - 1 {
            m.add_triangle(a + j, a + j + 1, b + j);
            m.add_triangle(a + j + 1, b + j + 1, b + j);
        }
    }
}

/// Unit circle points for `k` segments (cached for the few sizes used).
fn unit_circle(k: usize) -> &'static [Vec2] {
    use std::sync::OnceLock;
    const SIZES: [usize; 7] = [6, 8, 12, 16, 24, 32, 64];
    static TABLES: OnceLock<Vec<Vec<Vec2>>> = OnceLock::new();
    let tables = TABLES.get_or_init(|| {
        SIZES
            .iter()
            .map(|&k| {
                (0..k)
                    .map(|i| Vec2::angled(i as f32 * std::f32::consts::TAU / k as f32))
                    .collect()
            })
            .collect()
    });
    let i = SIZES
        .iter()
        .position(|&s| s >= k)
        .unwrap_or(SIZES.len() - 1);
    &tables[i]
}

/// A filled, stroked, anti-aliased disc (fan + stroke ring + 1-point feather). Small discs
/// (radius under 5 points) blend fill into stroke over the stroke width: fewer vertices.
fn disc(m: &mut egui::Mesh, c: Pos2, r: f32, fill: Color32, sw: f32, stroke: Color32) {
    let circle = unit_circle((r * 1.2) as usize);
    let k = circle.len() as u32;
    let r_in = (r - sw * 0.5).max(0.0);
    let r_out = r + sw * 0.5;
    let base = m.vertices.len() as u32;
    let small = r < 5.0;
    m.colored_vertex(c, fill);
    for &u in circle {
        m.colored_vertex(c + u * r_in, fill);
    }
    for &u in circle {
        if !small {
            m.colored_vertex(c + u * r_in, stroke);
        }
        m.colored_vertex(c + u * r_out, stroke);
        m.colored_vertex(c + u * (r_out + 1.0), Color32::TRANSPARENT);
    }
    let per = if small { 2 } else { 3 };
    let ring = base + 1 + k;
    for i in 0..k {
        let j = (i + 1) % k;
        m.add_triangle(base, base + 1 + i, base + 1 + j);
        let (a, b) = if small {
            (base + 1 + i, base + 1 + j)
        } else {
            (ring + per * i, ring + per * j)
        };
        // small: fill rim -> stroke; big: stroke inner -> outer
        let (a1, b1) = if small {
            (ring + per * i, ring + per * j)
        } else {
            (a + 1, b + 1)
        };
        m.add_triangle(a, a1, b);
        m.add_triangle(a1, b1, b);
        m.add_triangle(a1, a1 + 1, b1);
        m.add_triangle(a1 + 1, b1 + 1, b1);
    }
}

fn draw(app: &mut DyadApp, ui: &mut egui::Ui, rect: egui::Rect) {
    let painter = ui.painter_at(rect);
    let view = app.view.clone();
    let selected = app.selection;
    let em = Emphasis {
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
    };
    let legend_rows = app.scene().legend.len();
    let legend_box = (legend_rows > 0).then(|| {
        let h = 18.0 * legend_rows as f32 + 10.0;
        let origin = Pos2::new(rect.min.x + 10.0, rect.max.y - h - 10.0);
        egui::Rect::from_min_size(origin, Vec2::new(150.0, h))
    });
    let em = Emphasis {
        reserved: legend_box,
        ..em
    };
    let generation = app.scene_generation;
    if let Some(scene) = app.scene.as_ref() {
        paint_scene_cached(&painter, scene, generation, &view, &em, &mut app.mesh_cache);
    }
    let scene = app.scene();

    // Legend (kinds present), bottom-left.
    if let Some(box_rect) = legend_box {
        let row = 18.0;
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
        for (i, (kind, color)) in scene.legend.iter().enumerate() {
            let y = origin.y + 5.0 + row * i as f32 + row * 0.5;
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

    #[test]
    fn segment_fast_path_draws_what_the_polyline_draws() {
        let color = Color32::from_rgb(200, 40, 40);
        for (a, b, w) in [
            (Pos2::new(10.0, 10.0), Pos2::new(200.0, 35.0), 0.5),
            (Pos2::new(10.0, 10.0), Pos2::new(-20.0, 300.0), 1.5),
            (Pos2::new(0.0, 0.0), Pos2::new(0.0, 40.0), 2.0),
            (Pos2::new(5.0, 5.0), Pos2::new(90.0, -60.0), 6.0),
        ] {
            let (mut fast, mut slow) = (egui::Mesh::default(), egui::Mesh::default());
            stroke_segment(&mut fast, a, b, w, color);
            stroke_polyline(&mut slow, &[a, b], w, color);
            assert_eq!(fast.indices, slow.indices, "width {w}");
            assert_eq!(fast.vertices.len(), slow.vertices.len());
            for (f, s) in fast.vertices.iter().zip(&slow.vertices) {
                assert!(
                    (f.pos - s.pos).length() < 1e-3,
                    "{:?} vs {:?}",
                    f.pos,
                    s.pos
                );
                assert_eq!(f.color, s.color);
            }
        }
        // degenerate: nothing drawn, no NaN vertices
        let mut m = egui::Mesh::default();
        stroke_segment(&mut m, Pos2::new(1.0, 1.0), Pos2::new(1.0, 1.0), 1.0, color);
        assert!(m.is_empty());
    }
}

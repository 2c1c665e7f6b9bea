//! The graph canvas: draws the [`Scene`](crate::scene::Scene) with egui's painter and turns
//! pointer input into commands (pan, zoom, drag a node, hover, click).

use egui::{Color32, Pos2, Sense, Stroke, Vec2};
use petgraph::stable_graph::{EdgeIndex, NodeIndex};

use super::{Command, DyadApp, Selection};
use crate::geom::Point;
use crate::scene::Rgba;

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
    dragging: Option<NodeIndex>,
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
        let n = self.network.node(id)?;
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
        app.scene_dirty = true;
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
    let g = &app.network.graph;
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

fn draw(app: &mut DyadApp, ui: &mut egui::Ui, rect: egui::Rect) {
    let painter = ui.painter_at(rect);
    let view = app.view.clone();
    let node_count = app.network.graph.node_count();
    let label_all = app.label_all;
    let selected = app.selection;
    let hovered = app.hovered;
    let selected_ends = match selected {
        Selection::Edge(e) => app.network.graph.edge_endpoints(e),
        _ => None,
    };
    let scene = app.scene();
    let scale = view.scale;
    let visible = rect.expand(50.0);

    for e in &scene.edges {
        let a = view.to_screen(e.from);
        let c = view.to_screen(e.ctrl);
        let b = view.to_screen(e.to);
        if !visible.contains(a) && !visible.contains(b) && !visible.contains(c) {
            continue;
        }
        let width = (e.width * scale).clamp(0.8, 14.0);
        let stroke = Stroke::new(width, to_color(e.color));
        let straight = (e.ctrl - e.from.lerp(e.to, 0.5)).length() * scale < 0.5;
        if straight {
            painter.line_segment([a, b], stroke);
        } else {
            painter.add(egui::epaint::QuadraticBezierShape::from_points_stroke(
                [a, c, b],
                false,
                Color32::TRANSPARENT,
                stroke,
            ));
        }
        if let Some(tri) = e.arrow {
            let pts: Vec<Pos2> = tri.iter().map(|&p| view.to_screen(p)).collect();
            painter.add(egui::Shape::convex_polygon(
                pts,
                to_color(e.color),
                Stroke::NONE,
            ));
        }
    }

    for n in &scene.nodes {
        let c = view.to_screen(n.center);
        let r = (n.radius * scale).max(2.5);
        if !visible.contains(c) {
            continue;
        }
        painter.circle(
            c,
            r,
            to_color(n.fill),
            Stroke::new((n.stroke_width * scale).clamp(1.0, 4.0), to_color(n.stroke)),
        );
    }

    for l in &scene.labels {
        let node = scene.nodes.iter().find(|n| n.node == l.node);
        let emphasised = Some(l.node) == hovered
            || selected == Selection::Node(l.node)
            || selected_ends.is_some_and(|(s, t)| s == l.node || t == l.node);
        let big = node.is_some_and(|n| n.radius * scale >= 9.0);
        if !(label_all || node_count <= 60 || big || emphasised) {
            continue;
        }
        let p = view.to_screen(l.pos);
        if !visible.contains(p) {
            continue;
        }
        let galley = painter.layout_no_wrap(
            l.text.clone(),
            egui::FontId::proportional((l.size * scale).clamp(11.0, 20.0)),
            to_color(l.color),
        );
        let top_left = p - Vec2::new(galley.size().x * 0.5, 0.0);
        let bg = egui::Rect::from_min_size(top_left, galley.size()).expand(2.0);
        painter.rect_filled(bg, 3.0, Color32::from_rgba_unmultiplied(255, 255, 255, 190));
        painter.galley(top_left, galley, to_color(l.color));
    }

    // Legend (kinds present), bottom-left.
    if !scene.legend.is_empty() {
        let row = 18.0;
        let h = row * scene.legend.len() as f32 + 10.0;
        let origin = Pos2::new(rect.min.x + 10.0, rect.max.y - h - 10.0);
        let box_rect = egui::Rect::from_min_size(origin, Vec2::new(150.0, h));
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

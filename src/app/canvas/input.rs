//! Pointer input on the canvas: hit testing, hover, dragging an actor or the view, clicks,
//! the context menu and zoom, each turned into commands or view changes.

use egui::{Pos2, Sense, Vec2};
use petgraph::stable_graph::{EdgeIndex, NodeIndex};

use super::HIT_TOLERANCE;
use crate::app::{Command, DyadApp, Selection};

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

/// What is under the pointer: an actor, else a relation.
#[derive(Debug, Clone, Copy, Default)]
struct Hit {
    node: Option<NodeIndex>,
    edge: Option<EdgeIndex>,
}

/// The canvas for one frame: the pointer's input, then the drawing.
pub(in crate::app) fn canvas(app: &mut DyadApp, ui: &mut egui::Ui) {
    let (rect, response) = ui.allocate_exact_size(ui.available_size(), Sense::click_and_drag());
    app.view.rect = rect;
    let bounds = app.scene().bounds;
    // Follow the layout (fit every frame) until the user pans, zooms or drags.
    if app.view.fit_pending || !app.view.user_moved {
        app.view.fit(bounds);
        app.view.fit_pending = false;
    }
    let tol = HIT_TOLERANCE / app.view.scale;
    let pointer = response.hover_pos();
    let hit = pointer.map_or_else(Hit::default, |p| hit_at(app, p, tol));
    hover(app, ui, hit);
    drag(app, ui, &response, pointer, tol);
    clicks(app, &response, hit);
    zoom(app, ui, &response, pointer);
    super::paint::draw(app, ui, rect);
    if let Some(e) = hit.edge {
        response.on_hover_ui_at_pointer(|ui| {
            ui.label(edge_title(app, e));
            ui.weak("Click to read the sentences");
        });
    }
}

/// The actor or relation at a screen point (`tol`: world units).
fn hit_at(app: &mut DyadApp, p: Pos2, tol: f32) -> Hit {
    let w = app.view.to_world(p);
    let scene = app.scene();
    let node = scene.node_at(w, tol);
    let edge = if node.is_none() {
        scene.edge_at(w, tol)
    } else {
        None
    };
    Hit { node, edge }
}

/// Hover: the actor under the pointer is emphasised, anything clickable gets a hand.
fn hover(app: &mut DyadApp, ui: &egui::Ui, hit: Hit) {
    if hit.node != app.hovered && app.view.dragging.is_none() {
        app.hovered = hit.node;
        // Hover dims the rest of the graph: on article-sized graphs by a scene rebuild, on big
        // ones by a veil over the cached meshes (see `Emphasis::veil`), so the pointer stays
        // instant.
        if !app.veiled() {
            app.scene_dirty = true;
        }
    }
    if hit.node.is_some() || hit.edge.is_some() {
        ui.ctx().set_cursor_icon(egui::CursorIcon::PointingHand);
    }
}

/// Drag an actor (it is pinned where it is dropped), or pan.
fn drag(
    app: &mut DyadApp,
    ui: &egui::Ui,
    response: &egui::Response,
    pointer: Option<Pos2>,
    tol: f32,
) {
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
            }
            _ => app.view.offset += response.drag_delta(),
        }
        app.view.user_moved = true;
    }
    if response.drag_stopped() {
        app.view.dragging = None;
    }
}

/// A click selects (on empty canvas: clears the selection), a double click releases a pinned
/// actor, a right click opens the corrections of the actor or relation under the pointer.
fn clicks(app: &mut DyadApp, response: &egui::Response, hit: Hit) {
    if response.clicked() {
        let sel = match (hit.node, hit.edge) {
            (Some(n), _) => Selection::Node(n),
            (None, Some(e)) => Selection::Edge(e),
            _ => Selection::None,
        };
        app.push(Command::Select(sel));
    }
    if response.double_clicked()
        && let Some(n) = hit.node
    {
        app.push(Command::UnpinNode(n));
    }
    if response.secondary_clicked() {
        crate::app::corrections::context_target(app, hit.node, hit.edge);
    }
    response.context_menu(|ui| crate::app::corrections::context_menu(app, ui));
}

/// Zoom with the wheel or a pinch, around the pointer.
fn zoom(app: &mut DyadApp, ui: &egui::Ui, response: &egui::Response, pointer: Option<Pos2>) {
    if !response.hovered() {
        return;
    }
    let (scroll, zoom) = ui.input(|i| (i.smooth_scroll_delta().y, i.zoom_delta()));
    let factor = zoom * (scroll * 0.0025).exp();
    if (factor - 1.0).abs() > 1e-4
        && let Some(p) = pointer
    {
        app.view.zoom_around(factor, p);
        app.view.user_moved = true;
    }
}

/// "Russia → Iran: sanctions (3)": a relation's one-line title.
pub(in crate::app) fn edge_title(app: &DyadApp, e: EdgeIndex) -> String {
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

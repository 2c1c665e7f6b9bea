//! Pan and zoom of the canvas.

use egui::{Pos2, Vec2};
use petgraph::stable_graph::NodeIndex;

use crate::geom::Point;

/// Pan and zoom of the canvas: `screen = rect.min + offset + world * scale`.
#[derive(Debug, Clone)]
pub struct View {
    pub scale: f32,
    pub offset: Vec2,
    /// Fit the graph into the canvas on the next frame.
    pub(super) fit_pending: bool,
    /// The user moved the view: stop auto-fitting while the layout animates.
    pub(super) user_moved: bool,
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

    pub(super) fn fit(&mut self, bounds: crate::geom::Rect) {
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

    pub(super) fn zoom_around(&mut self, factor: f32, anchor: Pos2) {
        let world = self.to_world(anchor);
        self.scale = (self.scale * factor).clamp(0.005, 50.0);
        self.offset = anchor - self.rect.min - Vec2::new(world.x, world.y) * self.scale;
    }
}

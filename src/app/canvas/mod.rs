//! The graph canvas: draws the [`Scene`](crate::scene::Scene) with egui's painter and turns
//! pointer input into commands (pan, zoom, drag a node, hover, click).
//!
//! - [`view`]: pan and zoom (world <-> screen);
//! - [`input`]: the pointer: hit testing, hover, drag, click, zoom, the context menu;
//! - [`paint`]: the scene as cached meshes, labels, the hover veil and the legend;
//! - [`mesh`]: anti-aliased strokes and discs into egui meshes.

mod input;
mod mesh;
mod paint;
mod view;

use egui::Color32;

use crate::scene::Rgba;

pub(super) use input::{canvas, edge_title};
pub use paint::{Emphasis, MeshCache, paint_scene, paint_scene_cached, screen_transform};
pub use view::View;

/// Hover dims the non-neighbours by rebuilding the scene up to this many nodes; beyond, by a
/// veil painted over the cached meshes.
pub const HOVER_DIM_MAX_NODES: usize = 2000;

/// Hit tolerance around nodes and edges, in screen points.
const HIT_TOLERANCE: f32 = 6.0;

pub(crate) fn to_color(c: Rgba) -> Color32 {
    let [r, g, b, a] = c.0;
    Color32::from_rgba_unmultiplied(r, g, b, a)
}

//! Real networks stay readable: on news networks of 200, 600 and 2,000 actors with dozens of
//! components (`benches/common/news.rs`), at rest no actor overlaps another; on screen at fit
//! view, in the SVG and in the PNG no shown label overlaps another; at fit view at least 90%
//! of the 50 most-mentioned actors carry a label; the largest component spans at least 60% of
//! the canvas's width or height.

#[path = "../benches/common/news.rs"]
mod news;

use dyad::geom::{Point, Rect};
use dyad::network::Network;
use dyad::scene::labels::{PlacedLabel, overlapping_pairs};
use dyad::scene::{Scene, SceneOptions, Style, Transform, build_scene};
use petgraph::stable_graph::NodeIndex;

const SIZES: [usize; 3] = [200, 600, 2000];

fn overlapping_actors(scene: &Scene) -> usize {
    let mut pairs = 0;
    let nodes = &scene.nodes;
    let r_max = nodes.iter().map(|n| n.radius).fold(0.0f32, f32::max);
    let mut order: Vec<usize> = (0..nodes.len()).collect();
    order.sort_by(|&a, &b| nodes[a].center.x.total_cmp(&nodes[b].center.x));
    for (k, &i) in order.iter().enumerate() {
        for &j in &order[k + 1..] {
            if nodes[j].center.x - nodes[i].center.x > 2.0 * r_max {
                break;
            }
            let d = nodes[i].center.distance(nodes[j].center);
            if d < nodes[i].radius + nodes[j].radius {
                pairs += 1;
            }
        }
    }
    pairs
}

/// The 50 most-mentioned actors shown in the scene.
fn top50(net: &Network, scene: &Scene) -> Vec<NodeIndex> {
    let mut ns: Vec<NodeIndex> = scene.nodes.iter().map(|n| n.node).collect();
    ns.sort_by_key(|&n| (std::cmp::Reverse(net.graph[n].mentions), n.index()));
    ns.truncate(50);
    ns
}

fn labelled_share(scene: &Scene, placed: &[PlacedLabel], top: &[NodeIndex]) -> f32 {
    let shown: std::collections::HashSet<NodeIndex> =
        placed.iter().map(|p| scene.labels[p.label].node).collect();
    top.iter().filter(|n| shown.contains(n)).count() as f32 / top.len() as f32
}

/// The largest component's extent over the canvas's, the larger of width and height.
fn largest_span(net: &Network, scene: &Scene, t: &Transform, canvas: Rect) -> f32 {
    let big: std::collections::HashSet<NodeIndex> =
        news::largest_component(net).into_iter().collect();
    let r = Rect::bounding(
        scene
            .nodes
            .iter()
            .filter(|n| big.contains(&n.node))
            .flat_map(|n| {
                let c = t.apply(n.center);
                let r = t.apply_len(n.radius);
                [Point::new(c.x - r, c.y - r), Point::new(c.x + r, c.y + r)]
            }),
    );
    (r.width() / canvas.width()).max(r.height() / canvas.height())
}

#[test]
fn news_networks_at_rest_have_no_overlapping_actors_and_labelled_exports() {
    let style = Style::default();
    for n in SIZES {
        let net = news::news_network(n, 1);
        let pos = dyad::pipeline::layout_network(&net, 1);
        let scene = build_scene(&net, &pos, &SceneOptions::default(), &style);
        assert_eq!(
            overlapping_actors(&scene),
            0,
            "{n} actors: overlapping actors"
        );
        let top = top50(&net, &scene);
        // DYAD_READABILITY_OUT=dir writes the PNGs to look at
        if let Some(dir) = std::env::var_os("DYAD_READABILITY_OUT") {
            let p = std::path::Path::new(&dir).join(format!("news{n}.png"));
            dyad::export::export_image(&p, &scene, &style, 1600, 1000, Some("Title")).unwrap();
        }
        for (w, h) in [(1600u32, 1000u32), (3200, 2000)] {
            let placed = dyad::export::svg::image_labels(&scene, &style, w, h, Some("Title"));
            assert_eq!(overlapping_pairs(&placed), 0, "{n} actors, {w}x{h}");
            let share = labelled_share(&scene, &placed, &top);
            let lay = dyad::export::svg::image_layout(&scene, &style, w, h, Some("Title"));
            let canvas = Rect::new(Point::ZERO, Point::new(w as f32, h as f32));
            let span = largest_span(&net, &scene, &lay.transform, canvas);
            eprintln!(
                "{n} actors, export {w}x{h}: {} labels, top-50 labelled {:.0}%, largest component spans {:.0}%",
                placed.len(),
                share * 100.0,
                span * 100.0
            );
            assert!(share >= 0.9, "{n} actors {w}x{h}: top-50 labelled {share}");
            // The SVG draws exactly these labels.
            let svg = dyad::export::svg::to_svg(&scene, &style, w, h, Some("Title"));
            assert_eq!(svg.matches("class=\"label\"").count(), placed.len());
        }
    }
}

#[cfg(feature = "gui")]
mod screen {
    use super::*;
    use dyad::app::{DyadApp, LayoutMode, egui};
    use egui_kittest::Harness;

    #[test]
    fn news_networks_on_screen_at_fit_view() {
        for n in SIZES {
            // (the bundled font is installed after the first frame: that one shows the sample)
            let mut h = Harness::builder()
                .with_size(egui::vec2(1600.0, 1000.0))
                .build_ui_state(
                    |ui, app: &mut DyadApp| app.show(ui),
                    DyadApp::with_sample(LayoutMode::Immediate),
                );
            DyadApp::setup_context(&h.ctx);
            h.run();
            *h.state_mut() = DyadApp::with_network(news::news_network(n, 1), LayoutMode::Immediate);
            h.run();
            let app = h.state_mut();
            let placed = app.shown_labels().to_vec();
            let view = app.view.clone();
            let net = app.network().clone();
            let scene = app.scene().clone();
            assert_eq!(
                overlapping_actors(&scene),
                0,
                "{n} actors: overlapping actors"
            );
            assert_eq!(
                overlapping_pairs(&placed),
                0,
                "{n} actors: overlapping labels"
            );
            let top = top50(&net, &scene);
            let share = labelled_share(&scene, &placed, &top);
            let r = view.rect;
            let canvas = Rect::new(Point::new(r.min.x, r.min.y), Point::new(r.max.x, r.max.y));
            let t = dyad::app::screen_transform(&view);
            let span = largest_span(&net, &scene, &t, canvas);
            eprintln!(
                "{n} actors, screen {}x{}: {} labels, top-50 labelled {:.0}%, largest component spans {:.0}%",
                r.width(),
                r.height(),
                placed.len(),
                share * 100.0,
                span * 100.0
            );
            assert!(share >= 0.9, "{n} actors: top-50 labelled {share}");
            assert!(span >= 0.6, "{n} actors: largest component spans {span}");
        }
    }
}

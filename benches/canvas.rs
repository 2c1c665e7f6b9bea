//! Big-graph drawing: scene building, one canvas frame (scene + egui meshes + tessellation),
//! hit testing, and PNG/SVG export, on a 10,000-node / 40,000-edge network laid out by Dyad.
//!
//! `cargo bench --bench canvas`

mod common;

use criterion::{Criterion, criterion_group, criterion_main};
use dyad::app::{Emphasis, MeshCache, View, egui, paint_scene, paint_scene_cached};
use dyad::geom::Point;
use dyad::network::Network;
use dyad::scene::{Scene, SceneOptions, Style, build_scene};
use std::hint::black_box;

type Group<'a> = criterion::BenchmarkGroup<'a, criterion::measurement::WallTime>;

fn bench_scene(c: &mut Criterion) {
    dyad::alloc::tune(); // as the app's main does
    let (net, pos) = common::laid_out_network(10_000, 40_000, 300);
    let style = Style::default();
    let opts = SceneOptions::default();
    let mut g = c.benchmark_group("canvas_10k_40k");
    g.sample_size(20);
    g.bench_function("build_scene", |b| {
        b.iter(|| black_box(build_scene(&net, &pos, &opts, &style)))
    });
    let scene = build_scene(&net, &pos, &opts, &style);
    // the labels of a fit view (a new view's share of the frame)
    let fit = scene.fit(1600.0, 1000.0, 40.0);
    let area = dyad::scene::labels::LabelArea {
        viewport: dyad::geom::Rect::new(Point::ZERO, Point::new(1600.0, 1000.0)),
        ..Default::default()
    };
    g.bench_function("place_labels", |b| {
        b.iter(|| black_box(dyad::scene::labels::place_labels(&scene, &fit, &area)))
    });
    hit_testing(&mut g, &scene);
    let canvas = Canvas::new(&scene);
    canvas.report_frame(&scene);
    frames(&mut g, &canvas, &scene);
    moving_frames(&mut g, &canvas, &scene, (&net, &pos, &opts, &style));
    g.finish();
}

/// Hit testing: building the index, queries through it, and the first queries of a scene that
/// just changed (a scan).
fn hit_testing(g: &mut Group, scene: &Scene) {
    g.bench_function("hit_index_build", |b| {
        b.iter(|| {
            let mut s = scene.clone();
            s.rebuild_index();
            s.prepare_hit_testing();
            black_box(s.nodes.len())
        })
    });
    scene.prepare_hit_testing();
    let b0 = scene.bounds;
    let tol = 6.0 * scene.bounds.width() / 1600.0;
    let mut k = 0u32;
    let mut probe = || {
        k = k.wrapping_add(1);
        let t = (k % 97) as f32 / 97.0;
        Point::new(
            b0.min.x + t * b0.width(),
            b0.min.y + ((k * 31) % 89) as f32 / 89.0 * b0.height(),
        )
    };
    g.bench_function("hit_query", |b| {
        b.iter(|| {
            let p = probe();
            black_box((scene.node_at(p, tol), scene.edge_at(p, tol)))
        })
    });
    // The first hit tests of a scene that just changed (the layout animates under the
    // pointer): answered by a scan, no index built.
    let mut fresh = scene.clone();
    g.bench_function("hit_query_scan", |b| {
        b.iter(|| {
            let p = probe();
            fresh.rebuild_index();
            black_box((fresh.node_at(p, tol), fresh.edge_at(p, tol)))
        })
    });
}

/// An egui context drawing into a 1600x1000 canvas whose view fits a scene.
struct Canvas {
    ctx: egui::Context,
    view: View,
}

impl Canvas {
    fn new(scene: &Scene) -> Self {
        let ctx = egui::Context::default();
        dyad::app::DyadApp::setup_context(&ctx);
        let t = scene.fit(1600.0, 1000.0, 40.0);
        let mut view = View::default();
        view.rect = egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(1600.0, 1000.0));
        view.scale = t.scale;
        view.offset = egui::vec2(t.offset.x, t.offset.y);
        Canvas { ctx, view }
    }

    fn input(&self) -> egui::RawInput {
        egui::RawInput {
            screen_rect: Some(self.view.rect),
            ..Default::default()
        }
    }

    /// One canvas frame (CPU): paint, then egui's tessellation; its primitives.
    fn frame(
        &self,
        scene: &Scene,
        generation: u64,
        em: &Emphasis,
        cache: &mut MeshCache,
    ) -> Vec<egui::ClippedPrimitive> {
        let out = self.ctx.run_ui(self.input(), |ui| {
            paint_scene_cached(ui.painter(), scene, generation, &self.view, em, cache)
        });
        tessellate(&self.ctx, out)
    }

    /// Print what one uncached frame of `scene` takes and draws.
    fn report_frame(&self, scene: &Scene) {
        let em = Emphasis::default();
        let paint = || {
            self.ctx.run_ui(self.input(), |ui| {
                paint_scene(ui.painter(), scene, &self.view, &em)
            })
        };
        tessellate(&self.ctx, paint()); // fonts
        let t0 = std::time::Instant::now();
        let out = paint();
        let t1 = t0.elapsed();
        let nshapes = out.shapes.len();
        let prims = tessellate(&self.ctx, out);
        let verts: usize = prims
            .iter()
            .map(|p| match &p.primitive {
                egui::epaint::Primitive::Mesh(m) => m.vertices.len(),
                _ => 0,
            })
            .sum();
        eprintln!(
            "frame: paint {t1:?}, total {:?}, {nshapes} shapes, {} primitives, {verts} vertices",
            t0.elapsed(),
            prims.len()
        );
    }
}

/// Frames of a scene that stays: a new view (pan/zoom: meshes rebuilt in reused buffers, as
/// the app does, labels, tessellation), and a hover frame of a big graph (meshes from the
/// cache, the veil and the busiest actor's neighbourhood on top: the worst case).
fn frames(g: &mut Group, canvas: &Canvas, scene: &Scene) {
    let em = Emphasis::default();
    let mut rebuild = MeshCache::default();
    let mut generation = 1;
    g.bench_function("frame_paint_tessellate", |b| {
        b.iter(|| {
            generation += 1;
            black_box(canvas.frame(scene, generation, &em, &mut rebuild).len())
        })
    });
    let mut cache = MeshCache::default();
    let hub = scene
        .nodes
        .iter()
        .max_by(|a, b| a.radius.total_cmp(&b.radius))
        .map(|n| n.node);
    let hover = Emphasis {
        hovered: hub,
        veil: Some(egui::Color32::from_rgba_unmultiplied(252, 252, 250, 204)),
        ..Default::default()
    };
    g.bench_function("frame_hover_cached_paint_tessellate", |b| {
        b.iter(|| black_box(canvas.frame(scene, 1, &hover, &mut cache).len()))
    });
}

/// Frames of a scene that changes: the animated layout (the shapes move with
/// `Scene::update_positions`, as the app does when only positions changed; meshes rebuilt),
/// and a user action that changes what is shown (filter, selection: a full build).
fn moving_frames(
    g: &mut Group,
    canvas: &Canvas,
    scene: &Scene,
    (net, pos, opts, style): (&Network, &[Point], &SceneOptions, &Style),
) {
    let em = Emphasis::default();
    let mut rebuild = MeshCache::default();
    let mut generation = 1;
    let mut moving = scene.clone();
    let mut pos2 = pos.to_vec();
    g.bench_function("update_positions", |b| {
        b.iter(|| {
            for p in pos2.iter_mut() {
                p.x += 0.01;
            }
            moving.update_positions(net, &pos2, style);
            black_box(moving.bounds)
        })
    });
    g.bench_function("frame_move_paint_tessellate", |b| {
        b.iter(|| {
            for p in pos2.iter_mut() {
                p.x += 0.01;
            }
            moving.update_positions(net, &pos2, style);
            generation += 1;
            black_box(canvas.frame(&moving, generation, &em, &mut rebuild).len())
        })
    });
    g.bench_function("frame_build_scene_paint_tessellate", |b| {
        b.iter(|| {
            let s = build_scene(net, pos, opts, style);
            generation += 1;
            black_box(canvas.frame(&s, generation, &em, &mut rebuild).len())
        })
    });
}

fn bench_export(c: &mut Criterion) {
    dyad::alloc::tune();
    let (net, pos) = common::laid_out_network(10_000, 40_000, 300);
    let style = Style::default();
    // what the app exports: the whole graph, no hover/selection dimming
    let opts = SceneOptions {
        label_all: true,
        ..Default::default()
    };
    let scene = build_scene(&net, &pos, &opts, &style);
    let mut g = c.benchmark_group("export_10k_40k");
    g.sample_size(10);
    g.bench_function("svg_3200x2000", |b| {
        b.iter(|| black_box(dyad::export::svg::to_svg(&scene, &style, 3200, 2000, Some("t")).len()))
    });
    g.bench_function("png_3200x2000", |b| {
        b.iter(|| {
            black_box(
                dyad::export::png::to_png(&scene, &style, 3200, 2000, Some("t"))
                    .map(|v| v.len())
                    .unwrap_or(0),
            )
        })
    });
    if let Ok(dir) = std::env::var("DYAD_BENCH_EXPORT_DIR") {
        let dir = std::path::Path::new(&dir);
        let _ = std::fs::create_dir_all(dir);
        for ext in ["png", "svg"] {
            let p = dir.join(format!("n10k.{ext}"));
            let _ = dyad::export::export_image(&p, &scene, &style, 3200, 2000, Some("n10k"));
        }
    }
    g.finish();
}

criterion_group!(benches, bench_scene, bench_export);
criterion_main!(benches);

/// Tessellate a frame's shapes; its texture changes (the font atlas of the first frame) are
/// dropped on purpose: no renderer here (egui asserts in debug builds that none is lost).
fn tessellate(ctx: &egui::Context, out: egui::FullOutput) -> Vec<egui::ClippedPrimitive> {
    let egui::FullOutput {
        shapes,
        pixels_per_point,
        mut textures_delta,
        ..
    } = out;
    textures_delta.clear();
    ctx.tessellate(shapes, pixels_per_point)
}

//! The app while a folder of 1,000 articles loads: every frame's UI-thread time (app logic,
//! panels, canvas, egui layout and tessellation) from the moment the folder is opened until
//! the merged network is shown and its layout has come to rest, with the reading and
//! extraction running on background threads as in the app. Frames are paced at 60 per second
//! like a real event loop, so the background work competes for the cores as it would.
//!
//! `cargo bench --bench loading` prints, per run: time until the network is shown, frames,
//! median / p99 / max frame time while loading and while the layout settles.

mod common;

use dyad::app::{Command, DyadApp, LayoutMode, egui};
use dyad::extract::Extractor;
use dyad::pipeline::Corpus;
use egui_kittest::Harness;
use std::time::{Duration, Instant};

const RUNS: usize = 3;
const FRAME: Duration = Duration::from_millis(16);

fn stats(frames: &mut [f64]) -> String {
    if frames.is_empty() {
        return "no frames".into();
    }
    frames.sort_by(f64::total_cmp);
    let q = |p: f64| frames[((frames.len() - 1) as f64 * p).round() as usize];
    format!(
        "{:4} frames, median {:5.2} ms, p99 {:5.2} ms, max {:5.2} ms",
        frames.len(),
        q(0.5),
        q(0.99),
        frames[frames.len() - 1]
    )
}

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return; // `cargo bench -- --list` and test harness probes
    }
    dyad::alloc::tune();
    let dir = tempfile::tempdir().expect("temp dir");
    let bytes = common::write_corpus(dir.path());
    println!(
        "loading: 1000 files, {:.1} MB, {} threads",
        bytes as f64 / 1e6,
        rayon::current_num_threads()
    );
    let mut worst: f64 = 0.0;
    for run in 1..=RUNS {
        let app = DyadApp::new(
            Extractor::builtin(),
            Corpus::default(),
            LayoutMode::Background,
        );
        let mut h = Harness::builder()
            .with_size(egui::vec2(1400.0, 900.0))
            .build_ui_state(
                {
                    let mut fonts = false;
                    move |ui, app: &mut DyadApp| {
                        if !std::mem::replace(&mut fonts, true) {
                            DyadApp::setup_context(ui.ctx()); // as eframe's set-up does
                        }
                        app.show(ui)
                    }
                },
                app,
            );
        h.step();
        let frame = |h: &mut Harness<'static, DyadApp>| -> f64 {
            let t = Instant::now();
            h.step();
            let out = h.output();
            let prims = h.ctx.tessellate(out.shapes.clone(), out.pixels_per_point);
            std::hint::black_box(prims.len());
            t.elapsed().as_secs_f64() * 1e3
        };
        let start = Instant::now();
        h.state_mut()
            .push(Command::OpenPaths(vec![dir.path().to_path_buf()]));
        let (mut loading, mut settling) = (Vec::new(), Vec::new());
        let mut shown = None;
        while start.elapsed() < Duration::from_secs(120) {
            let t = Instant::now();
            let ms = frame(&mut h);
            match shown {
                None => loading.push(ms),
                Some(_) => settling.push(ms),
            }
            if shown.is_none() && !h.state().is_loading() {
                shown = Some(start.elapsed());
            }
            if shown.is_some() && !h.state().is_layout_running() {
                break;
            }
            std::thread::sleep(FRAME.saturating_sub(t.elapsed()));
        }
        assert_eq!(h.state().corpus().len(), 1000, "every article loaded");
        worst = loading
            .iter()
            .chain(&settling)
            .fold(worst, |a, &b| a.max(b));
        println!(
            "run {run}: network shown after {:.2} s ({} actors, {} relations)",
            shown.map_or(f64::NAN, |d| d.as_secs_f64()),
            h.state().network().graph.node_count(),
            h.state().network().graph.edge_count()
        );
        println!("  while loading:  {}", stats(&mut loading));
        println!("  layout settles: {}", stats(&mut settling));
    }
    println!("slowest frame over {RUNS} runs: {worst:.2} ms (floor: 50 ms)");
}

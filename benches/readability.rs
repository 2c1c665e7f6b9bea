//! Readable real networks: layout to rest with the arrangement (overlaps removed, components
//! packed, room for the important labels), label placement, and the 3200x2000 PNG export with
//! labels, on news networks of 200, 600 and 2,000 actors (`common/news.rs`).
//!
//! `cargo bench --bench readability`

#[path = "common/news.rs"]
mod news;

use criterion::{Criterion, criterion_group, criterion_main};
use dyad::scene::{SceneOptions, Style, build_scene};
use std::hint::black_box;

fn bench(c: &mut Criterion) {
    dyad::alloc::tune();
    let style = Style::default();
    let mut g = c.benchmark_group("readability");
    g.sample_size(10);
    for n in [200usize, 600, 2000] {
        let net = news::news_network(n, 1);
        g.bench_function(format!("layout_arranged_{n}"), |b| {
            b.iter(|| black_box(dyad::pipeline::layout_network(&net, 1)))
        });
        let pos = dyad::pipeline::layout_network(&net, 1);
        let scene = build_scene(&net, &pos, &SceneOptions::default(), &style);
        g.bench_function(format!("place_labels_3200x2000_{n}"), |b| {
            b.iter(|| {
                black_box(dyad::export::svg::image_labels(
                    &scene,
                    &style,
                    3200,
                    2000,
                    Some("2,000 articles"),
                ))
            })
        });
        if n == 2000 {
            let dir = std::env::temp_dir();
            let p = dir.join(format!("dyad-bench-news{n}-{}.png", std::process::id()));
            g.bench_function(format!("export_png_3200x2000_{n}"), |b| {
                b.iter(|| {
                    dyad::export::export_image(&p, &scene, &style, 3200, 2000, Some("Title"))
                        .unwrap()
                })
            });
            let _ = std::fs::remove_file(&p);
        }
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);

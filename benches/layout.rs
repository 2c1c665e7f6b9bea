//! Layout benchmarks: one ForceAtlas2/Barnes–Hut iteration on deterministic
//! scale-free graphs (n = 1k / 4k edges, 10k / 40k edges, 100k / 400k edges),
//! and a small article-sized graph laid out to rest.
//!
//! `cargo bench --bench layout`; set `DYAD_BENCH_100K=0` to skip the 100k case.

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use dyad::layout::{ForceLayout, LayoutParams, layout_to_rest};
use std::hint::black_box;

mod common;
use common::scale_free;

fn params() -> LayoutParams {
    // never converges: every bench iteration is a full step
    LayoutParams {
        tolerance: 0.0,
        max_iterations: u32::MAX,
        ..Default::default()
    }
}

fn bench_step(c: &mut Criterion) {
    let mut sizes = vec![(1_000usize, 4_000usize), (10_000, 40_000)];
    if std::env::var("DYAD_BENCH_100K")
        .map(|v| v != "0")
        .unwrap_or(true)
    {
        sizes.push((100_000, 400_000));
    }
    let mut group = c.benchmark_group("layout_step");
    for (n, m) in sizes {
        let edges = scale_free(n, m, 42);
        let mut layout = ForceLayout::new(n, &edges, params());
        layout.run(50); // past the initial expansion
        if n >= 100_000 {
            group.sample_size(10);
        }
        group.bench_with_input(
            BenchmarkId::from_parameter(format!("n{n}_m{m}")),
            &n,
            |b, _| b.iter(|| black_box(layout.step())),
        );
    }
    group.finish();
}

fn bench_small(c: &mut Criterion) {
    let edges = scale_free(30, 45, 7);
    c.bench_function("layout_to_rest_n30", |b| {
        b.iter(|| black_box(layout_to_rest(30, &edges, LayoutParams::default(), 1000)))
    });
}

criterion_group!(benches, bench_step, bench_small);
criterion_main!(benches);

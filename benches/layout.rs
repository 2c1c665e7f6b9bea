//! Layout benchmarks: one ForceAtlas2/Barnes–Hut iteration on deterministic
//! scale-free graphs (n = 1k / 4k edges, 10k / 40k edges, 100k / 400k edges),
//! and a small article-sized graph laid out to rest.
//!
//! `cargo bench --bench layout`; set `DYAD_BENCH_100K=0` to skip the 100k case.

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use dyad::layout::{ForceLayout, LayoutParams, layout_to_rest};
use std::hint::black_box;

/// SplitMix64: deterministic, no dependency.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// Barabási–Albert-style graph with exactly `m` edges (like the peers'
/// `gen_graph.py`: preferential attachment P ~ degree + 1, the first link of
/// each node builds a spanning tree, extra preferential edges top up to `m`).
fn scale_free(n: usize, m: usize, seed: u64) -> Vec<(u32, u32, f32)> {
    let mut rng = Rng(seed);
    let per = (m / n).max(1);
    let mut rep: Vec<u32> = vec![0];
    let mut seen = std::collections::HashSet::new();
    let mut edges = Vec::with_capacity(m);
    let mut add = |u: u32, v: u32, rep: &mut Vec<u32>, edges: &mut Vec<(u32, u32, f32)>| {
        if u != v && seen.insert((u.min(v), u.max(v))) {
            edges.push((u.min(v), u.max(v), 1.0));
            rep.push(u);
            rep.push(v);
            true
        } else {
            false
        }
    };
    for i in 1..n as u32 {
        let k = (i as usize).min(per);
        let mut linked = 0;
        while linked < k {
            let t = rep[rng.below(rep.len())];
            if add(i, t, &mut rep, &mut edges) {
                linked += 1;
            }
        }
        rep.push(i);
    }
    while edges.len() < m.min(n * (n - 1) / 2) {
        let u = rng.below(n) as u32;
        let v = rep[rng.below(rep.len())];
        add(u, v, &mut rep, &mut edges);
    }
    edges
}

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

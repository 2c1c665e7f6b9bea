use super::*;

fn ring_with_chords(n: u32) -> Vec<(u32, u32, f32)> {
    let mut e: Vec<(u32, u32, f32)> = (0..n).map(|i| (i, (i + 1) % n, 1.0)).collect();
    e.extend((0..n).step_by(3).map(|i| (i, (i + n / 2) % n, 1.0)));
    e
}

/// Deterministic Barabási–Albert-like graph (preferential attachment).
pub(crate) fn scale_free(n: usize, m_per_node: usize, seed: u64) -> Vec<(u32, u32, f32)> {
    let mut rng = Rng::new(seed);
    let mut rep: Vec<u32> = vec![0];
    let mut edges = Vec::new();
    for i in 1..n as u32 {
        let k = (i as usize).min(m_per_node);
        let mut chosen: Vec<u32> = Vec::with_capacity(k);
        while chosen.len() < k {
            let t = rep[(rng.next_u64() % rep.len() as u64) as usize];
            if !chosen.contains(&t) {
                chosen.push(t);
            }
        }
        for t in chosen {
            edges.push((i, t, 1.0));
            rep.push(i);
            rep.push(t);
        }
        rep.push(i);
    }
    edges
}

pub(crate) fn quality(pos: &[Point], edges: &[(u32, u32, f32)]) -> f32 {
    let el: f32 = edges
        .iter()
        .map(|&(u, v, _)| pos[u as usize].distance(pos[v as usize]))
        .sum::<f32>()
        / edges.len() as f32;
    let n = pos.len();
    let mut rng = Rng::new(7);
    let mut pd = 0.0;
    let k = 20000;
    for _ in 0..k {
        let u = (rng.next_u64() % n as u64) as usize;
        let mut v = (rng.next_u64() % n as u64) as usize;
        if u == v {
            v = (v + 1) % n;
        }
        pd += pos[u].distance(pos[v]);
    }
    el / (pd / k as f32)
}

#[test]
fn deterministic_for_a_seed() {
    let e = scale_free(3000, 3, 1); // above the parallel threshold
    let mut a = ForceLayout::new(3000, &e, LayoutParams::default());
    let mut b = ForceLayout::new(3000, &e, LayoutParams::default());
    a.run(30);
    b.run(30);
    assert_eq!(a.positions(), b.positions());
    let serial = LayoutParams {
        parallel_threshold: usize::MAX,
        ..Default::default()
    };
    let mut c = ForceLayout::new(3000, &e, serial);
    c.run(30);
    assert_eq!(a.positions(), c.positions(), "parallel == serial");
    let mut d = ForceLayout::new(
        3000,
        &e,
        LayoutParams {
            seed: 99,
            ..Default::default()
        },
    );
    d.run(30);
    assert_ne!(a.positions(), d.positions());
}

#[test]
fn small_graphs_converge_and_look_good() {
    for (n, e) in [
        (12usize, ring_with_chords(12)),
        (30, scale_free(30, 2, 5)),
        (40, ring_with_chords(40)),
    ] {
        let mut l = ForceLayout::new(n, &e, LayoutParams::default());
        l.run(1000);
        assert!(
            l.is_converged(),
            "n={n} not converged after {} its",
            l.iteration()
        );
        assert!(
            l.iteration() < 600,
            "n={n} took {} iterations",
            l.iteration()
        );
        let p = l.positions();
        // nearest-neighbour distances: spread out, no overlaps
        let mut nn_sum = 0.0;
        let mut nn_min = f32::MAX;
        for i in 0..n {
            let d = (0..n)
                .filter(|&j| j != i)
                .map(|j| p[i].distance(p[j]))
                .fold(f32::MAX, f32::min);
            nn_sum += d;
            nn_min = nn_min.min(d);
        }
        let nn_mean = nn_sum / n as f32;
        assert!(
            (30.0..200.0).contains(&nn_mean),
            "n={n} mean nn distance {nn_mean}"
        );
        assert!(nn_min > 15.0, "n={n} overlapping nodes: {nn_min}");
        assert!(quality(p, &e) < 0.8, "n={n} quality {}", quality(p, &e));
    }
}

#[test]
fn disconnected_components_stay_close() {
    // two triangles and an isolated node
    let e = vec![
        (0, 1, 1.0),
        (1, 2, 1.0),
        (2, 0, 1.0),
        (3, 4, 1.0),
        (4, 5, 1.0),
        (5, 3, 1.0),
    ];
    let p = layout_to_rest(7, &e, LayoutParams::default(), 2000);
    let r = geom_extent(&p);
    assert!(r < 800.0, "drawing too spread: {r}");
}

fn geom_extent(p: &[Point]) -> f32 {
    let r = crate::geom::Rect::bounding(p.iter().copied());
    r.width().max(r.height())
}

#[test]
fn pinned_nodes_stay() {
    let e = ring_with_chords(20);
    let mut l = ForceLayout::new(20, &e, LayoutParams::default());
    l.run(20);
    let target = Point::new(1000.0, 1000.0);
    l.set_position(4, target);
    l.pin(4, true);
    assert!(l.is_pinned(4));
    l.run(200);
    assert_eq!(l.positions()[4], target);
    l.pin(4, false);
    l.run(50);
    assert_ne!(l.positions()[4], target);
}

#[test]
fn warm_start_keeps_known_positions_and_places_new_nodes_near_neighbours() {
    let e = scale_free(30, 2, 9);
    let old = layout_to_rest(30, &e, LayoutParams::default(), 2000);
    let mut e2 = e.clone();
    e2.push((30, 5, 1.0));
    let prev: Vec<Option<Point>> = old.iter().copied().map(Some).chain([None]).collect();
    let l = ForceLayout::warm_start(31, &e2, LayoutParams::default(), &prev);
    assert_eq!(&l.positions()[..30], &old[..]);
    assert!(l.positions()[30].distance(old[5]) < 40.0);
    // after settling, the old nodes moved little relative to the drawing
    let mut l = l;
    l.run(1000);
    let moved: f32 = (0..30)
        .map(|i| l.positions()[i].distance(old[i]))
        .sum::<f32>()
        / 30.0;
    assert!(moved < 0.2 * geom_extent(&old), "moved {moved}");
}

#[test]
fn edge_cases_do_not_panic() {
    let p = LayoutParams::default();
    let mut l = ForceLayout::new(0, &[], p.clone());
    l.step();
    l.run(5);
    l.set_position(3, Point::ZERO);
    l.pin(0, true);
    l.reheat();
    assert!(l.is_converged());
    assert!(l.positions().is_empty());
    assert!(layout_to_rest(0, &[], p.clone(), 10).is_empty());
    let one = layout_to_rest(1, &[(0, 0, 1.0)], p.clone(), 100);
    assert!(one[0].x.is_finite());
    // self-loops, duplicates, out-of-range, weird weights
    let e = vec![
        (0, 0, 1.0),
        (0, 1, 1.0),
        (1, 0, 2.0),
        (0, 1, f32::NAN),
        (1, 7, 1.0),
        (2, 99, 1.0),
        (1, 2, -3.0),
        (2, 3, f32::INFINITY),
    ];
    let mut l = ForceLayout::new(4, &e, p.clone());
    assert_eq!(l.edges().len(), 3);
    l.run(500);
    assert!(
        l.positions()
            .iter()
            .all(|q| q.x.is_finite() && q.y.is_finite())
    );
    // coincident nodes and NaN positions
    let prev = vec![
        Some(Point::ZERO),
        Some(Point::ZERO),
        Some(Point::new(f32::NAN, 0.0)),
        None,
    ];
    let mut l = ForceLayout::warm_start(4, &e, p.clone(), &prev);
    l.set_position(3, Point::new(f32::NAN, 1.0));
    l.run(500);
    assert!(
        l.positions()
            .iter()
            .all(|q| q.x.is_finite() && q.y.is_finite())
    );
    assert!(l.positions()[0].distance(l.positions()[1]) > 1.0);
    // hostile params
    let bad = LayoutParams {
        theta: f32::NAN,
        repulsion: f32::NAN,
        gravity: -1.0,
        scale: 0.0,
        ..p
    };
    let pts = layout_to_rest(10, &ring_with_chords(10), bad, 100);
    assert!(pts.iter().all(|q| q.x.is_finite() && q.y.is_finite()));
}

#[test]
fn reheat_restarts_and_converges_again() {
    let e = ring_with_chords(15);
    let mut l = ForceLayout::new(15, &e, LayoutParams::default());
    l.run(2000);
    assert!(l.is_converged());
    l.reheat();
    assert!(!l.is_converged());
    l.run(2000);
    assert!(l.is_converged());
}

#[test]
fn medium_graph_quality() {
    let e = scale_free(1000, 4, 42);
    let mut l = ForceLayout::new(1000, &e, LayoutParams::default());
    l.run(300);
    let q = quality(l.positions(), &e);
    assert!(q < 0.62, "quality {q}");
}

#[test]
fn uniform_weights_match_the_weighted_path() {
    // all weights equal: the attraction skips the weight array; a graph with
    // one weight off by an ulp takes the weighted path: the same step (up to
    // rounding; later steps amplify rounding chaotically)
    let e: Vec<(u32, u32, f32)> = scale_free(300, 2, 3)
        .into_iter()
        .map(|(u, v, _)| (u, v, 3.0))
        .collect();
    let mut e2 = e.clone();
    e2[0].2 = f32::from_bits(3.0f32.to_bits() + 1);
    let mut a = ForceLayout::new(300, &e, LayoutParams::default());
    let mut b = ForceLayout::new(300, &e2, LayoutParams::default());
    assert!(a.uniform_w.is_some() && b.uniform_w.is_none());
    let moved = a.step();
    b.step();
    assert!(moved > 1.0, "the step moves the nodes: {moved}");
    for (p, q) in a.positions().iter().zip(b.positions()) {
        assert!(p.distance(*q) < 1e-2, "{p:?} vs {q:?}");
    }
}

#[test]
fn heavy_parallel_passes_match_serial() {
    // above PARALLEL_LIGHT_THRESHOLD: the tree input and the move (with its
    // momentum) run on rayon too; same positions bit for bit
    let n = PARALLEL_LIGHT_THRESHOLD + 2000;
    let e = scale_free(n, 2, 5);
    let mut a = ForceLayout::new(n, &e, LayoutParams::default());
    let serial = LayoutParams {
        parallel_threshold: usize::MAX,
        ..Default::default()
    };
    let mut b = ForceLayout::new(n, &e, serial);
    for _ in 0..3 {
        a.step();
        b.step();
    }
    assert!(a.vel.iter().any(|v| v[0] != 0.0), "the nodes move");
    assert_eq!(a.positions(), b.positions(), "parallel == serial");
}

#[test]
fn momentum_converges_faster_than_plain_fa2_steps() {
    // the same step count: with momentum the layout is further along (lower
    // mean edge length / mean pair distance), over five graphs (mean 0.5463
    // vs 0.5487 when written)
    let (n, steps) = (3000usize, 200);
    let (mut with, mut without) = (0.0f32, 0.0f32);
    for seed in 1..=5u64 {
        let e = scale_free(n, 4, seed);
        for (momentum, sum) in [(0.6f32, &mut with), (0.0, &mut without)] {
            let p = LayoutParams {
                momentum,
                seed,
                ..Default::default()
            };
            let mut l = ForceLayout::new(n, &e, p);
            for _ in 0..steps {
                l.step();
            }
            *sum += quality(l.positions(), &e) / 5.0;
        }
    }
    assert!(with < without - 0.001, "momentum {with} vs plain {without}");
}

//! Force-directed layout: ForceAtlas2-style forces (linear attraction along
//! edges, degree-weighted repulsion, gravity to the centre) with FA2's adaptive
//! speed / swinging control, Barnes–Hut repulsion on a flat quadtree
//! ([`quadtree`]), rayon-parallel above [`LayoutParams::parallel_threshold`]
//! nodes and deterministic for a seed (parallel results are bit-identical).
//!
//! A step: Morton sort + tree build, repulsion (downward pass, then per group
//! of nodes: the one parallel pass at mid sizes), then in node order (streamed
//! adjacency, fixed chunks) attraction + gravity + FA2 swinging / traction, the
//! speed update and the move. Fresh layouts start at the size where the forces
//! balance (`fit_scale`), so they skip most of the capped expansion.
//!
//! The simulation runs in FA2's natural units; [`ForceLayout::positions`] are
//! world units (`LayoutParams::scale` world units per FA2 unit), where the
//! nearest-neighbour distance of a small graph is ~50–100.
//!
//! [`LayoutWorker`] runs a layout off the UI thread; [`layout_to_rest`] is the
//! blocking helper for headless use.

pub mod pack;
pub mod quadtree;
pub mod worker;

pub use worker::LayoutWorker;

use crate::geom::Point;
use quadtree::QuadTree;
use rayon::prelude::*;

/// Cooling starts once the movement is below this many times the tolerance ...
const COOL_START: f32 = 10.0;
/// ... and multiplies the step by this factor every iteration.
const COOL_RATE: f32 = 0.95;
/// The cheap O(n) passes (tree input, move) use rayon from this many nodes on
/// (below it a fork-join costs more than it saves).
const PARALLEL_LIGHT_THRESHOLD: usize = 50_000;
/// Largest move of a node in one step (simulation units). Gephi's FA2 uses
/// 10; with the virial-scaled start ([`ForceLayout::fit_scale`]) 20 settles
/// big graphs faster (bench quality n10k 0.5454 -> 0.5434 after 300 steps).
const MAX_STEP: f32 = 20.0;
/// Nodes per partial sum of the move (fixed: serial == parallel).
const MOVE_CHUNK: usize = 1024;
/// Steps the rest of a graph gets to follow its spread labelled actors ([`ForceLayout::arrange`]).
const RELAX_STEPS: usize = 150;

/// Tuning of [`ForceLayout`]. `Default` gives good small graphs and fast big ones.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct LayoutParams {
    /// Seed of the initial placement (and of the jitter of warm-started nodes).
    pub seed: u64,
    /// FA2 repulsion coefficient (`k_r`): repulsion `k_r m_i m_j / d`, `m = degree + 1`.
    pub repulsion: f32,
    /// FA2 gravity (`k_g`): constant pull `k_g m_i` towards the origin.
    pub gravity: f32,
    /// Barnes–Hut opening criterion (cell size / distance); 0 = exact.
    pub theta: f32,
    /// FA2 jitter tolerance (higher = faster, less precise).
    pub jitter_tolerance: f32,
    /// Heavy-ball momentum of the move, in [0, 0.95]: a node's step is
    /// `momentum` times its previous step plus `1 - momentum` times FA2's
    /// step, so a steady force gives FA2's step and the slow, global
    /// unfolding of a big graph (where successive forces agree) goes faster.
    /// 0 = plain FA2. Bench quality after 300 steps, n10k from six random
    /// starts: 0.6 beat fa2 every time (mean 0.5423 vs 0.5435), 0 did not
    /// (0.5439); small graphs settle in fewer steps.
    pub momentum: f32,
    /// Exponent applied to edge weights in the attraction (0 = ignore weights).
    pub edge_weight_influence: f32,
    /// World units per simulation unit.
    pub scale: f32,
    /// Nodes closer than this (world units) repel much harder (no overlaps).
    pub min_distance: f32,
    /// Converged once the mean displacement per step, relative to the typical
    /// node spacing (`sqrt(bounding box area / n)`), stays below this ...
    pub tolerance: f32,
    /// ... for this many consecutive steps.
    pub settle_steps: u32,
    /// Hard stop: converged after this many steps since creation / reheat.
    pub max_iterations: u32,
    /// Use rayon from this many nodes on.
    pub parallel_threshold: usize,
}

impl Default for LayoutParams {
    fn default() -> Self {
        LayoutParams {
            seed: 0x5eed,
            repulsion: 2.0,
            gravity: 1.0,
            theta: 1.2,
            jitter_tolerance: 1.0,
            momentum: 0.6,
            edge_weight_influence: 1.0,
            scale: 12.0,
            min_distance: 30.0,
            tolerance: 0.001,
            settle_steps: 10,
            max_iterations: 3000,
            parallel_threshold: 2000,
        }
    }
}

/// Sum in 8 lanes (vectorizable, fixed order), then in f64.
fn lane_sum(v: &[f32]) -> f64 {
    let mut acc = [0.0f32; 8];
    let mut chunks = v.chunks_exact(8);
    for c in &mut chunks {
        for (a, x) in acc.iter_mut().zip(c) {
            *a += x;
        }
    }
    for (a, x) in acc.iter_mut().zip(chunks.remainder()) {
        *a += x;
    }
    acc.iter().map(|&a| a as f64).sum()
}

/// Bounds (min x, min y, max x, max y) of nothing.
pub(crate) const NO_BOUNDS: [f32; 4] = [f32::MAX, f32::MAX, f32::MIN, f32::MIN];

/// Bounds of both (min / max: the same in any grouping, so parallel == serial).
pub(crate) fn merge_bounds(a: [f32; 4], b: [f32; 4]) -> [f32; 4] {
    [
        a[0].min(b[0]),
        a[1].min(b[1]),
        a[2].max(b[2]),
        a[3].max(b[3]),
    ]
}

/// Small deterministic PRNG (SplitMix64).
#[derive(Debug, Clone)]
pub(crate) struct Rng(u64);

impl Rng {
    pub(crate) fn new(seed: u64) -> Self {
        Rng(seed ^ 0x9e37_79b9_7f4a_7c15)
    }
    pub(crate) fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    /// Uniform in [0, 1).
    pub(crate) fn f32(&mut self) -> f32 {
        (self.next_u64() >> 40) as f32 / (1u64 << 24) as f32
    }
}

/// A force-directed layout of `n` nodes (flat arrays, simulation units).
#[derive(Debug, Clone)]
pub struct ForceLayout {
    params: LayoutParams,
    /// Positions in simulation units.
    pos: Vec<[f32; 2]>,
    /// Forces of the previous step (FA2 swinging) and of this one.
    old_force: Vec<[f32; 2]>,
    force: Vec<[f32; 2]>,
    mass: Vec<f32>,
    pinned: Vec<bool>,
    /// Clean edges: no self-loops, no out-of-range ends, duplicates merged.
    edges: Vec<(u32, u32, f32)>,
    /// CSR adjacency (both directions) with attraction weights; when all
    /// weights are equal `adj_w` is empty and `uniform_w` is that weight
    /// (unweighted graphs: one array less to stream each step).
    adj_start: Vec<u32>,
    adj: Vec<u32>,
    adj_w: Vec<f32>,
    uniform_w: Option<f32>,
    /// Positions in world units (what the caller sees).
    world: Vec<Point>,
    tree: QuadTree,
    rep_x: Vec<f32>,
    rep_y: Vec<f32>,
    /// Per node FA2 swinging of the current step.
    swinging: Vec<f32>,
    /// Last step of each node (simulation units, capped): the momentum.
    vel: Vec<[f32; 2]>,
    speed: f32,
    speed_efficiency: f32,
    iteration: u32,
    calm_steps: u32,
    /// Final cooling: 1 while the layout moves, decays once it is nearly at
    /// rest so slow drifts (e.g. a free rotation) die out.
    cooling: f32,
    converged: bool,
    last_movement: f32,
}

impl ForceLayout {
    /// A fresh layout: phyllotaxis start (hubs first, i.e. near the centre when
    /// node order follows degree), rotated and jittered by the seed.
    pub fn new(n: usize, edges: &[(u32, u32, f32)], params: LayoutParams) -> Self {
        let mut l = Self::empty(n, edges, params);
        let mut rng = Rng::new(l.params.seed);
        let rot = rng.f32() * std::f32::consts::TAU;
        let golden = std::f32::consts::PI * (3.0 - 5f32.sqrt());
        let r0 = 1.0f32;
        for i in 0..n {
            let r = r0 * (0.5 + i as f32).sqrt();
            let a = rot + i as f32 * golden;
            let x = r * a.cos() + (rng.f32() - 0.5) * 0.1 * r0;
            let y = r * a.sin() + (rng.f32() - 0.5) * 0.1 * r0;
            l.pos[i] = [x, y];
        }
        l.fit_scale();
        l.sync_world();
        l
    }

    /// Scale the (fresh) start about the origin to the size where the FA2
    /// forces balance (virial: `sum_i p_i . F_i = 0`). Under a uniform scale
    /// `s` the attraction term scales as `s^2`, gravity as `s` and the
    /// repulsion (`k_r m_i m_j / d`) not at all, so `s` solves
    /// `A s^2 + G s = R` with `A = sum_edges w d^2`, `G = k_g sum_i m_i |p_i|`,
    /// `R = k_r sum_{i<j} m_i m_j`. Saves the long capped expansion of a
    /// start that is much too small (or too large) for the graph.
    fn fit_scale(&mut self) {
        let n = self.len();
        if n < 2 {
            return;
        }
        let kr = self.params.repulsion;
        let kg = self.params.gravity;
        if !(kr.is_finite() && kr > 0.0) {
            return;
        }
        let (mut a, mut g, mut sm, mut sm2) = (0.0f64, 0.0f64, 0.0f64, 0.0f64);
        for i in 0..n {
            let [x, y] = self.pos[i];
            for e in self.adj_start[i] as usize..self.adj_start[i + 1] as usize {
                let j = self.adj[e] as usize;
                let [xj, yj] = self.pos[j];
                let (dx, dy) = ((xj - x) as f64, (yj - y) as f64);
                a += 0.5 * self.weight(e) as f64 * (dx * dx + dy * dy);
            }
            let m = self.mass[i] as f64;
            g += m * ((x * x + y * y) as f64).sqrt().max(1.0);
            sm += m;
            sm2 += m * m;
        }
        if kg.is_finite() && kg > 0.0 {
            g *= kg as f64;
        } else {
            g = 0.0;
        }
        let r = kr as f64 * 0.5 * (sm * sm - sm2);
        let s = if a > 0.0 {
            (-g + (g * g + 4.0 * a * r).sqrt()) / (2.0 * a)
        } else if g > 0.0 {
            r / g
        } else {
            return;
        };
        if s.is_finite() && s > 0.0 {
            let s = s.clamp(1e-3, 1e3) as f32;
            self.pos.iter_mut().for_each(|p| *p = [p[0] * s, p[1] * s]);
        }
    }

    /// A fresh layout from given start positions (world units; missing or
    /// non-finite ones fall back to the phyllotaxis start), full energy.
    pub fn from_start(
        n: usize,
        edges: &[(u32, u32, f32)],
        params: LayoutParams,
        start: &[Point],
    ) -> Self {
        let mut l = Self::new(n, edges, params);
        let inv = 1.0 / l.params.scale;
        for (i, p) in start.iter().enumerate().take(n) {
            if p.x.is_finite() && p.y.is_finite() {
                l.pos[i] = [p.x * inv, p.y * inv];
            }
        }
        l.fit_scale();
        l.sync_world();
        l
    }

    /// Keep the known positions (world units), put new nodes next to their
    /// already-placed neighbours (or around the drawing when they have none).
    #[allow(clippy::needless_range_loop)] // several parallel arrays indexed by node
    pub fn warm_start(
        n: usize,
        edges: &[(u32, u32, f32)],
        params: LayoutParams,
        previous: &[Option<Point>],
    ) -> Self {
        let mut l = Self::empty(n, edges, params);
        let inv = 1.0 / l.params.scale;
        let mut placed = vec![false; n];
        let mut rng = Rng::new(l.params.seed ^ 0xa5a5_5a5a);
        let (mut cx, mut cy, mut count) = (0.0f64, 0.0f64, 0usize);
        for i in 0..n {
            if let Some(Some(p)) = previous.get(i)
                && p.x.is_finite()
                && p.y.is_finite()
            {
                l.pos[i] = [p.x * inv, p.y * inv];
                placed[i] = true;
                cx += l.pos[i][0] as f64;
                cy += l.pos[i][1] as f64;
                count += 1;
            }
        }
        let jitter = 0.5f32;
        // breadth-first: each pass places the nodes with placed neighbours
        let mut frontier_changed = true;
        while frontier_changed {
            frontier_changed = false;
            for i in 0..n {
                if placed[i] {
                    continue;
                }
                let (mut sx, mut sy, mut k) = (0.0f32, 0.0f32, 0u32);
                for e in l.adj_start[i] as usize..l.adj_start[i + 1] as usize {
                    let j = l.adj[e] as usize;
                    if placed[j] {
                        sx += l.pos[j][0];
                        sy += l.pos[j][1];
                        k += 1;
                    }
                }
                if k > 0 {
                    let a = rng.f32() * std::f32::consts::TAU;
                    let r = jitter * (0.5 + rng.f32());
                    l.pos[i] = [sx / k as f32 + r * a.cos(), sy / k as f32 + r * a.sin()];
                    placed[i] = true;
                    frontier_changed = true;
                }
            }
        }
        // the rest: on a ring just outside the known drawing
        let (cx, cy) = if count > 0 {
            ((cx / count as f64) as f32, (cy / count as f64) as f32)
        } else {
            (0.0, 0.0)
        };
        let mut radius = 0.0f32;
        for i in 0..n {
            if placed[i] {
                let [x, y] = l.pos[i];
                radius = radius.max(((x - cx).powi(2) + (y - cy).powi(2)).sqrt());
            }
        }
        let golden = std::f32::consts::PI * (3.0 - 5f32.sqrt());
        let mut k = 0;
        for i in 0..n {
            if !placed[i] {
                let r = radius + (0.5 + k as f32).sqrt();
                let a = k as f32 * golden + rng.f32() * 0.1;
                l.pos[i] = [cx + r * a.cos(), cy + r * a.sin()];
                k += 1;
            }
        }
        if count > 0 {
            // known positions: start calmer so the drawing doesn't jump
            l.speed = 0.1;
        }
        l.sync_world();
        for (i, p) in previous.iter().enumerate().take(n) {
            if let Some(p) = p
                && p.x.is_finite()
                && p.y.is_finite()
            {
                l.world[i] = *p;
            }
        }
        l
    }

    fn empty(n: usize, edges: &[(u32, u32, f32)], params: LayoutParams) -> Self {
        let mut clean: Vec<(u32, u32, f32)> = edges
            .iter()
            .filter(|&&(u, v, _)| u != v && (u as usize) < n && (v as usize) < n)
            .map(|&(u, v, w)| {
                let w = if w.is_finite() && w > 0.0 { w } else { 1.0 };
                (u.min(v), u.max(v), w)
            })
            .collect();
        clean.sort_by_key(|&(u, v, _)| (u, v));
        let mut merged: Vec<(u32, u32, f32)> = Vec::with_capacity(clean.len());
        for e in clean {
            match merged.last_mut() {
                Some(last) if last.0 == e.0 && last.1 == e.1 => last.2 += e.2,
                _ => merged.push(e),
            }
        }
        let mut deg = vec![0u32; n + 1];
        for &(u, v, _) in &merged {
            deg[u as usize] += 1;
            deg[v as usize] += 1;
        }
        let mut adj_start = vec![0u32; n + 1];
        for i in 0..n {
            adj_start[i + 1] = adj_start[i] + deg[i];
        }
        let mut fill = adj_start.clone();
        let mut adj = vec![0u32; 2 * merged.len()];
        let mut adj_w = vec![0f32; 2 * merged.len()];
        let ewi = params.edge_weight_influence;
        for &(u, v, w) in &merged {
            let aw = if ewi == 0.0 {
                1.0
            } else if ewi == 1.0 {
                w
            } else {
                w.powf(ewi)
            };
            for (a, b) in [(u, v), (v, u)] {
                let s = fill[a as usize] as usize;
                adj[s] = b;
                adj_w[s] = aw;
                fill[a as usize] += 1;
            }
        }
        let uniform_w = match adj_w.first() {
            Some(&w) if adj_w.iter().all(|&v| v.to_bits() == w.to_bits()) => Some(w),
            _ => None,
        };
        if uniform_w.is_some() {
            adj_w = Vec::new();
        }
        let mass = (0..n).map(|i| deg[i] as f32 + 1.0).collect();
        let params = LayoutParams {
            scale: if params.scale.is_finite() && params.scale > 0.0 {
                params.scale
            } else {
                1.0
            },
            ..params
        };
        ForceLayout {
            params,
            pos: vec![[0.0; 2]; n],
            old_force: vec![[0.0; 2]; n],
            force: vec![[0.0; 2]; n],
            mass,
            pinned: vec![false; n],
            edges: merged,
            adj_start,
            adj,
            adj_w,
            uniform_w,
            world: vec![Point::ZERO; n],
            tree: QuadTree::default(),
            rep_x: Vec::new(),
            rep_y: Vec::new(),
            swinging: Vec::new(),
            vel: vec![[0.0; 2]; n],
            speed: 1.0,
            speed_efficiency: 1.0,
            iteration: 0,
            calm_steps: 0,
            cooling: 1.0,
            converged: n == 0,
            last_movement: 0.0,
        }
    }

    /// World positions from the simulation ones (pinned nodes keep the exact
    /// world position they were given). Returns the typical node spacing.
    fn sync_world(&mut self) -> f32 {
        let s = self.params.scale;
        // bounding box of a chunk (min / max: the same in any grouping)
        let sync = |ps: &[[f32; 2]], ws: &mut [Point], pins: &[bool]| -> [f32; 4] {
            let [mut x0, mut y0, mut x1, mut y1] = NO_BOUNDS;
            for ((&[x, y], w), &pinned) in ps.iter().zip(ws).zip(pins) {
                x0 = x0.min(x);
                x1 = x1.max(x);
                y0 = y0.min(y);
                y1 = y1.max(y);
                if !pinned {
                    *w = Point::new(x * s, y * s);
                }
            }
            [x0, y0, x1, y1]
        };
        let [x0, y0, x1, y1] = if self.len() >= PARALLEL_LIGHT_THRESHOLD && self.parallel() {
            self.pos
                .par_chunks(MOVE_CHUNK)
                .zip(self.world.par_chunks_mut(MOVE_CHUNK))
                .zip(self.pinned.par_chunks(MOVE_CHUNK))
                .map(|((ps, ws), pins)| sync(ps, ws, pins))
                .reduce(|| NO_BOUNDS, merge_bounds)
        } else {
            sync(&self.pos, &mut self.world, &self.pinned)
        };
        let n = self.pos.len().max(1) as f32;
        (((x1 - x0).max(0.0) * (y1 - y0).max(0.0)) / n)
            .sqrt()
            .max(1e-3 * (x1 - x0).max(y1 - y0))
            * s
    }

    /// Attraction weight of adjacency entry `e`.
    fn weight(&self, e: usize) -> f32 {
        self.uniform_w.unwrap_or_else(|| self.adj_w[e])
    }

    pub fn len(&self) -> usize {
        self.pos.len()
    }

    pub fn is_empty(&self) -> bool {
        self.pos.is_empty()
    }

    pub fn params(&self) -> &LayoutParams {
        &self.params
    }

    /// The cleaned edge list (no self-loops / out-of-range ends, duplicates merged).
    pub fn edges(&self) -> &[(u32, u32, f32)] {
        &self.edges
    }

    /// Steps taken since creation or the last [`reheat`](Self::reheat).
    pub fn iteration(&self) -> u32 {
        self.iteration
    }

    /// Mean displacement (world units) of the last step.
    pub fn last_movement(&self) -> f32 {
        self.last_movement
    }

    /// Use rayon: big enough, and more than one thread to run on (on one
    /// thread the parallel passes only add task overhead; same results).
    fn parallel(&self) -> bool {
        self.len() >= self.params.parallel_threshold && rayon::current_num_threads() > 1
    }

    /// One FA2 iteration. Returns the mean displacement of the nodes (world units).
    pub fn step(&mut self) -> f32 {
        let n = self.len();
        if n == 0 {
            self.converged = true;
            return 0.0;
        }
        let par = self.parallel();
        let heavy = n >= PARALLEL_LIGHT_THRESHOLD && par;
        self.repulsion(par, heavy);
        let (swing_total, traction_total) = self.attraction(par);
        self.adapt_speed(swing_total, traction_total);
        let moved = self.move_nodes(heavy);
        self.settle(moved)
    }

    /// The force of each node starts as its repulsion (Barnes–Hut, Morton order, the one pass
    /// that always uses rayon above the parallel threshold); last step's forces go to
    /// `old_force`.
    fn repulsion(&mut self, par: bool, heavy: bool) {
        let n = self.len();
        let p = &self.params;
        let kr = if p.repulsion.is_finite() {
            p.repulsion.max(0.0)
        } else {
            0.0
        };
        let theta = if p.theta.is_finite() {
            p.theta.max(0.0)
        } else {
            1.0
        };
        let min_d = (p.min_distance / p.scale).max(0.0);
        let min_d2 = if min_d.is_finite() {
            min_d * min_d
        } else {
            0.0
        };
        std::mem::swap(&mut self.force, &mut self.old_force);
        self.tree.build_with(&self.pos, &self.mass, heavy);
        if kr > 0.0 && n > 1 {
            self.tree
                .repulsion(theta, min_d2, par, &mut self.rep_x, &mut self.rep_y);
        } else {
            self.rep_x.clear();
            self.rep_x.resize(n, 0.0);
            self.rep_y.clear();
            self.rep_y.resize(n, 0.0);
        }
        // (the masses in Morton order: no random read)
        for ((&o, &m), (&rx, &ry)) in self
            .tree
            .order
            .iter()
            .zip(&self.tree.sm)
            .zip(self.rep_x.iter().zip(&self.rep_y))
        {
            let f = kr * m;
            self.force[o as usize] = [rx * f, ry * f];
        }
    }

    /// Adds attraction (linear, over the node's adjacency) and gravity to the forces, and
    /// FA2's swinging / traction per node; in node order over fixed chunks (serial ==
    /// parallel). Returns (swinging, traction) summed over the nodes.
    fn attraction(&mut self, par: bool) -> (f64, f64) {
        let n = self.len();
        let kg = if self.params.gravity.is_finite() {
            self.params.gravity.max(0.0)
        } else {
            0.0
        };
        self.swinging.resize(n, 0.0);
        let sums: Vec<(f64, f64)> = {
            let mass = &self.mass;
            let old_force = &self.old_force;
            let (xy, adj_start, adj, adj_w) = (&self.pos, &self.adj_start, &self.adj, &self.adj_w);
            let uniform_w = self.uniform_w;
            let chunk = |c: usize, (f, sw): (&mut [[f32; 2]], &mut [f32])| {
                let r = c * MOVE_CHUNK..c * MOVE_CHUNK + f.len();
                for (k, i) in r.clone().enumerate() {
                    let [xi, yi] = xy[i];
                    let (mut ax, mut ay) = (0.0f32, 0.0f32);
                    let e = adj_start[i] as usize..adj_start[i + 1] as usize;
                    if let Some(w) = uniform_w {
                        for &j in &adj[e] {
                            let [x, y] = xy[j as usize];
                            ax += x - xi;
                            ay += y - yi;
                        }
                        ax *= w;
                        ay *= w;
                    } else {
                        for (&j, &w) in adj[e.clone()].iter().zip(&adj_w[e]) {
                            let [x, y] = xy[j as usize];
                            ax += (x - xi) * w;
                            ay += (y - yi) * w;
                        }
                    }
                    f[k] = [f[k][0] + ax, f[k][1] + ay];
                }
                let (p, m) = (&xy[r.clone()], &mass[r.clone()]);
                let of = &old_force[r];
                // traction summed in 8 lanes as `lane_sum` does (no array)
                let mut tr = [0.0f32; 8];
                for k in 0..f.len() {
                    let [x, y] = p[k];
                    // constant pull (FA2), linear inside radius 1 so a node
                    // near the centre does not flip back and forth
                    let g = kg * m[k] / (x * x + y * y).sqrt().max(1.0);
                    let (tx, ty) = (f[k][0] - x * g, f[k][1] - y * g);
                    f[k] = [tx, ty];
                    let [ox, oy] = of[k];
                    let (dx, dy) = (ox - tx, oy - ty);
                    let (sx, sy) = (ox + tx, oy + ty);
                    sw[k] = m[k] * (dx * dx + dy * dy).sqrt();
                    tr[k % 8] += m[k] * (sx * sx + sy * sy).sqrt() * 0.5;
                }
                (lane_sum(sw), tr.iter().map(|&v| v as f64).sum::<f64>())
            };
            if par {
                self.force
                    .par_chunks_mut(MOVE_CHUNK)
                    .zip(self.swinging.par_chunks_mut(MOVE_CHUNK))
                    .enumerate()
                    .map(|(c, x)| chunk(c, x))
                    .collect()
            } else {
                self.force
                    .chunks_mut(MOVE_CHUNK)
                    .zip(self.swinging.chunks_mut(MOVE_CHUNK))
                    .enumerate()
                    .map(|(c, x)| chunk(c, x))
                    .collect()
            }
        };
        let (mut swing_total, mut traction_total) = (0.0f64, 0.0f64);
        for (s, t) in sums {
            swing_total += s;
            traction_total += t;
        }
        (swing_total, traction_total)
    }

    /// FA2's adaptive speed (as graphology-layout-forceatlas2 / Gephi) from this step's
    /// swinging and traction.
    fn adapt_speed(&mut self, swing_total: f64, traction_total: f64) {
        let n = self.len();
        let order = n as f64;
        let est_jt = 0.05 * order.sqrt();
        let min_jt = est_jt.sqrt();
        let max_jt = 10.0f64;
        let traction_total = traction_total.max(1e-12);
        let swing_total = swing_total.max(1e-12);
        let mut jt = self.params.jitter_tolerance as f64
            * min_jt.max(max_jt.min(est_jt * traction_total / (order * order)));
        let min_speed_eff = 0.05f64;
        let mut eff = self.speed_efficiency as f64;
        if swing_total / traction_total > 2.0 {
            if eff > min_speed_eff {
                eff *= 0.5;
            }
            jt = jt.max(self.params.jitter_tolerance as f64);
        }
        let target = jt * eff * traction_total / swing_total;
        if swing_total > jt * traction_total {
            if eff > min_speed_eff {
                eff *= 0.7;
            }
        } else if self.speed < 1000.0 {
            eff *= 1.3;
        }
        let speed = self.speed as f64;
        let max_rise = 0.5;
        let speed = speed + (target - speed).min(max_rise * speed);
        self.speed = if speed.is_finite() && speed > 0.0 {
            speed as f32
        } else {
            1.0
        };
        self.speed_efficiency = eff as f32;
    }

    /// Move the nodes (heavy-ball momentum, capped steps; pinned ones stay). Sums per chunk of
    /// nodes, serial or parallel: the same result. Returns the summed displacement
    /// (simulation units).
    fn move_nodes(&mut self, heavy: bool) -> f64 {
        let speed = self.speed * self.cooling;
        let p_momentum = self.params.momentum;
        let cap = MAX_STEP;
        let momentum = if p_momentum.is_finite() {
            p_momentum.clamp(0.0, 0.95)
        } else {
            0.0
        };
        let gain = speed * (1.0 - momentum);
        let (force, sw, pinned) = (&self.force, &self.swinging, &self.pinned);
        let move_chunk = |c: usize, (ps, vs): (&mut [[f32; 2]], &mut [[f32; 2]])| -> f64 {
            let r = c * MOVE_CHUNK..c * MOVE_CHUNK + ps.len();
            let (f, sw, pinned) = (&force[r.clone()], &sw[r.clone()], &pinned[r]);
            let mut moved = [0.0f32; 8];
            for k in 0..ps.len() {
                let factor = gain / (1.0 + (speed * sw[k]).sqrt());
                let mx = momentum * vs[k][0] + f[k][0] * factor;
                let my = momentum * vs[k][1] + f[k][1] * factor;
                let len = (mx * mx + my * my).sqrt();
                // pinned or non-finite: no move (and no momentum)
                let ok = !pinned[k] && len.is_finite();
                let s = (cap / len).min(1.0);
                let (mx, my, len) = if ok {
                    (mx * s, my * s, len.min(cap))
                } else {
                    (0.0, 0.0, 0.0)
                };
                ps[k] = [ps[k][0] + mx, ps[k][1] + my];
                vs[k] = [mx, my];
                moved[k % 8] += len;
            }
            moved.iter().map(|&v| v as f64).sum()
        };
        if heavy {
            let parts: Vec<f64> = self
                .pos
                .par_chunks_mut(MOVE_CHUNK)
                .zip(self.vel.par_chunks_mut(MOVE_CHUNK))
                .enumerate()
                .map(|(c, x)| move_chunk(c, x))
                .collect();
            parts.iter().sum()
        } else {
            let mut s = 0.0f64;
            for (c, x) in self
                .pos
                .chunks_mut(MOVE_CHUNK)
                .zip(self.vel.chunks_mut(MOVE_CHUNK))
                .enumerate()
            {
                s += move_chunk(c, x);
            }
            s
        }
    }

    /// After a move of `moved` in all: the world positions, the iteration count, cooling and
    /// convergence. Returns the mean displacement (world units).
    fn settle(&mut self, moved: f64) -> f32 {
        let n = self.len();
        let spacing = self.sync_world();
        self.iteration = self.iteration.saturating_add(1);
        let movement = (moved / n as f64) as f32 * self.params.scale;
        self.last_movement = movement;
        if movement < COOL_START * self.params.tolerance * spacing {
            self.cooling *= COOL_RATE;
        }
        if movement < self.params.tolerance * spacing || movement.is_nan() {
            self.calm_steps += 1;
        } else {
            self.calm_steps = 0;
        }
        if self.calm_steps >= self.params.settle_steps
            || self.iteration >= self.params.max_iterations
        {
            self.converged = true;
        }
        movement
    }

    /// `iterations` steps (stops early once converged).
    pub fn run(&mut self, iterations: usize) {
        for _ in 0..iterations {
            if self.converged {
                break;
            }
            self.step();
        }
    }

    /// Make the layout readable where it rests ([`pack::arrange`]): no disc overlaps another
    /// and the components are packed round the largest. `radius_px`: node radii in style
    /// pixels. The layout stays converged; returns the world units per style pixel used.
    pub fn arrange(
        &mut self,
        radius_px: &[f32],
        labels: &[(u32, f32)],
        params: &pack::ArrangeParams,
    ) -> f32 {
        let mut world = self.world.clone();
        let mut unit = pack::arrange(
            &mut world,
            &self.edges,
            radius_px,
            &self.pinned,
            labels,
            params,
        );
        self.set_world(world);
        if !labels.is_empty() && !self.pinned.iter().any(|&p| p) {
            // The labelled actors were moved apart: hold them there and let the rest of the
            // graph follow them (a short run), then separate and pack again.
            let held: Vec<usize> = labels
                .iter()
                .map(|&(i, _)| i as usize)
                .filter(|&i| i < self.len())
                .collect();
            for &i in &held {
                self.pinned[i] = true;
            }
            self.wake();
            for _ in 0..RELAX_STEPS {
                if self.converged {
                    break;
                }
                self.step();
            }
            for &i in &held {
                self.pinned[i] = false;
            }
            let mut world = self.world.clone();
            unit = pack::arrange(
                &mut world,
                &self.edges,
                radius_px,
                &self.pinned,
                &[],
                params,
            );
            self.set_world(world);
        }
        self.converged = true;
        unit
    }

    fn set_world(&mut self, world: Vec<Point>) {
        let inv = 1.0 / self.params.scale;
        for (i, p) in world.iter().enumerate() {
            self.pos[i] = [p.x * inv, p.y * inv];
            self.vel[i] = [0.0; 2];
        }
        self.world = world;
    }

    /// Positions in world units.
    pub fn positions(&self) -> &[Point] {
        &self.world
    }

    /// Move node `i` (world units); ignored when out of range or not finite.
    pub fn set_position(&mut self, i: usize, p: Point) {
        if i < self.len() && p.x.is_finite() && p.y.is_finite() {
            let inv = 1.0 / self.params.scale;
            self.pos[i] = [p.x * inv, p.y * inv];
            self.world[i] = p;
            self.vel[i] = [0.0; 2];
            self.wake();
        }
    }

    /// Pinned nodes keep their position (e.g. while the user drags them).
    pub fn pin(&mut self, i: usize, pinned: bool) {
        if i < self.len() && self.pinned[i] != pinned {
            self.pinned[i] = pinned;
            self.wake();
        }
    }

    pub fn is_pinned(&self, i: usize) -> bool {
        self.pinned.get(i).copied().unwrap_or(false)
    }

    /// Converged: the caller can stop stepping / repainting.
    pub fn is_converged(&self) -> bool {
        self.converged
    }

    /// Resume after a local change (drag): not converged any more, speed kept low.
    pub fn wake(&mut self) {
        if !self.is_empty() {
            self.converged = false;
            self.calm_steps = 0;
            self.cooling = 1.0;
            self.iteration = self.iteration.min(
                self.params
                    .max_iterations
                    .saturating_sub(self.params.max_iterations / 4),
            );
        }
    }

    /// Re-run the layout from the current positions with full energy.
    pub fn reheat(&mut self) {
        if !self.is_empty() {
            self.converged = false;
            self.calm_steps = 0;
            self.iteration = 0;
            self.cooling = 1.0;
            self.speed = 1.0;
            self.speed_efficiency = 1.0;
            self.old_force.iter_mut().for_each(|v| *v = [0.0; 2]);
            self.force.iter_mut().for_each(|v| *v = [0.0; 2]);
            self.vel.iter_mut().for_each(|v| *v = [0.0; 2]);
        }
    }
}

/// Run a fresh layout until it converges (or `max_iterations`); world positions.
pub fn layout_to_rest(
    n: usize,
    edges: &[(u32, u32, f32)],
    params: LayoutParams,
    max_iterations: usize,
) -> Vec<Point> {
    let mut l = ForceLayout::new(n, edges, params);
    l.run(max_iterations);
    l.positions().to_vec()
}

/// [`layout_to_rest`], then [`ForceLayout::arrange`]d: no overlaps, components packed.
pub fn layout_arranged(
    n: usize,
    edges: &[(u32, u32, f32)],
    params: LayoutParams,
    max_iterations: usize,
    radius_px: &[f32],
    labels: &[(u32, f32)],
) -> Vec<Point> {
    let mut l = ForceLayout::new(n, edges, params);
    l.run(max_iterations);
    l.arrange(radius_px, labels, &pack::ArrangeParams::default());
    l.positions().to_vec()
}

#[cfg(test)]
mod tests;

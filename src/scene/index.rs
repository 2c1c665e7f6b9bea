//! Hit testing: the spatial indexes over a scene's shapes and the [`Scene`] queries using them.

use petgraph::stable_graph::{EdgeIndex, NodeIndex};

use super::curves::circle_bounds;
use super::{EdgeShape, NodeShape, Scene, Transform, fit_rect};
use crate::geom::{Point, Rect};

/// Hit tests of a scene answered by scanning before its index is built.
const LINEAR_QUERIES: u32 = 4;

/// A query counter that clones as its value.
#[derive(Debug, Default)]
pub(super) struct QueryCount(std::sync::atomic::AtomicU32);

impl Clone for QueryCount {
    fn clone(&self) -> Self {
        QueryCount(self.0.load(std::sync::atomic::Ordering::Relaxed).into())
    }
}

/// Hit-testing index: bounding-box trees over the node discs and the edge strokes.
#[derive(Debug, Clone, Default)]
pub(super) struct Index {
    nodes: BoxTree,
    edges: BoxTree,
}

/// Children per box of a [`BoxTree`].
const FAN: usize = 8;

/// A packed bounding-box tree (bulk-loaded R-tree): items sorted by the Morton code of their
/// box centre, then every level groups [`FAN`] consecutive boxes of the level below. Built in
/// O(n log n) (one sort), queried in O(log n + hits); long edges just have big leaf boxes.
#[derive(Debug, Clone, Default)]
struct BoxTree {
    /// `levels[0][k]`: the box of item `items[k]`; `levels[l + 1][k]`: the union of
    /// `levels[l][k * FAN..(k + 1) * FAN]`. The last level holds one box.
    levels: Vec<Vec<[f32; 4]>>,
    items: Vec<u32>,
}

impl BoxTree {
    /// `boxes[i]` = (min x, min y, max x, max y) of item `i`; non-finite boxes are left out.
    fn new(boxes: &[[f32; 4]]) -> BoxTree {
        let finite = |b: &[f32; 4]| b.iter().all(|v| v.is_finite());
        let (mut x0, mut y0, mut x1, mut y1) = (f32::MAX, f32::MAX, f32::MIN, f32::MIN);
        for b in boxes.iter().filter(|b| finite(b)) {
            x0 = x0.min(b[0] + b[2]);
            y0 = y0.min(b[1] + b[3]);
            x1 = x1.max(b[0] + b[2]);
            y1 = y1.max(b[1] + b[3]);
        }
        let (sx, sy) = (
            65535.0 / (x1 - x0).max(1e-12),
            65535.0 / (y1 - y0).max(1e-12),
        );
        let spread = |v: u32| {
            let mut x = v & 0xffff;
            x = (x | (x << 8)) & 0x00ff_00ff;
            x = (x | (x << 4)) & 0x0f0f_0f0f;
            x = (x | (x << 2)) & 0x3333_3333;
            (x | (x << 1)) & 0x5555_5555
        };
        let mut keys: Vec<u64> = boxes
            .iter()
            .enumerate()
            .filter(|(_, b)| finite(b))
            .map(|(i, b)| {
                let qx = (((b[0] + b[2]) - x0) * sx).clamp(0.0, 65535.0) as u32;
                let qy = (((b[1] + b[3]) - y0) * sy).clamp(0.0, 65535.0) as u32;
                ((spread(qx) | (spread(qy) << 1)) as u64) << 32 | i as u64
            })
            .collect();
        keys.sort_unstable();
        let items: Vec<u32> = keys.iter().map(|&k| k as u32).collect();
        let mut levels = vec![items.iter().map(|&i| boxes[i as usize]).collect::<Vec<_>>()];
        while levels.last().is_some_and(|l| l.len() > 1) {
            let next = levels
                .last()
                .map(|l| {
                    l.chunks(FAN)
                        .map(|c| {
                            c.iter()
                                .fold([f32::MAX, f32::MAX, f32::MIN, f32::MIN], |a, b| {
                                    [
                                        a[0].min(b[0]),
                                        a[1].min(b[1]),
                                        a[2].max(b[2]),
                                        a[3].max(b[3]),
                                    ]
                                })
                        })
                        .collect()
                })
                .unwrap_or_default();
            levels.push(next);
        }
        BoxTree { levels, items }
    }

    /// Calls `f(item)` for every item whose box overlaps `r` (in no particular order).
    fn query(&self, r: Rect, mut f: impl FnMut(usize)) {
        let Some(top) = self.levels.len().checked_sub(1) else {
            return;
        };
        let hit =
            |b: &[f32; 4]| b[0] <= r.max.x && b[2] >= r.min.x && b[1] <= r.max.y && b[3] >= r.min.y;
        let mut stack: Vec<(usize, usize)> =
            (0..self.levels[top].len()).map(|k| (top, k)).collect();
        while let Some((l, k)) = stack.pop() {
            if !hit(&self.levels[l][k]) {
                continue;
            }
            if l == 0 {
                f(self.items[k] as usize);
            } else {
                let below = self.levels[l - 1].len();
                stack.extend((k * FAN..((k + 1) * FAN).min(below)).map(|j| (l - 1, j)));
            }
        }
    }
}

/// A uniform grid over the scene bounds: for each cell, the items (indices into a list of
/// shapes or segments) that may touch it, in CSR form.
#[derive(Debug, Clone, Default)]
pub(super) struct Grid {
    origin: Point,
    pub(super) cell: f32,
    cols: usize,
    rows: usize,
    starts: Vec<u32>,
    items: Vec<u32>,
}

impl Grid {
    /// At most 1024 x 1024 cells of at least `cell`.
    pub(super) fn new(bounds: Rect, cell: f32) -> Grid {
        let (w, h) = (bounds.width().max(1e-6), bounds.height().max(1e-6));
        let cell = cell.max(w / 1024.0).max(h / 1024.0).max(1e-6);
        let cols = ((w / cell).ceil() as usize).clamp(1, 1024);
        let rows = ((h / cell).ceil() as usize).clamp(1, 1024);
        Grid {
            origin: bounds.min,
            cell,
            cols,
            rows,
            starts: Vec::new(),
            items: Vec::new(),
        }
    }

    /// Cell ranges `(x0..=x1, y0..=y1)` a rectangle covers; `None` when outside.
    fn range(&self, r: Rect) -> Option<(usize, usize, usize, usize)> {
        if self.cols == 0 || !(r.min.x.is_finite() && r.max.x.is_finite()) {
            return None;
        }
        if !(r.min.y.is_finite() && r.max.y.is_finite()) {
            return None;
        }
        let f = |v: f32, o: f32| ((v - o) / self.cell).floor();
        let (x0, x1) = (f(r.min.x, self.origin.x), f(r.max.x, self.origin.x));
        let (y0, y1) = (f(r.min.y, self.origin.y), f(r.max.y, self.origin.y));
        let (cm, rm) = ((self.cols - 1) as f32, (self.rows - 1) as f32);
        if x1 < 0.0 || y1 < 0.0 || x0 > cm || y0 > rm {
            return None;
        }
        Some((
            x0.clamp(0.0, cm) as usize,
            x1.clamp(0.0, cm) as usize,
            y0.clamp(0.0, rm) as usize,
            y1.clamp(0.0, rm) as usize,
        ))
    }

    /// Fill with points (item = index), each in one cell: a counting sort, O(points + cells).
    /// Points outside the grid's bounds are left out.
    pub(super) fn fill_points(&mut self, pts: &[Point]) {
        let cells = self.cols * self.rows;
        let inv = 1.0 / self.cell;
        let (cols, rows) = (self.cols as f32, self.rows as f32);
        let cell_of: Vec<u32> = pts
            .iter()
            .map(|p| {
                let x = (p.x - self.origin.x) * inv;
                let y = (p.y - self.origin.y) * inv;
                // (`as` truncates, the same as floor for the non-negative values kept)
                if x >= 0.0 && y >= 0.0 && x < cols + 1.0 && y < rows + 1.0 {
                    let (cx, cy) = (
                        (x as usize).min(self.cols - 1),
                        (y as usize).min(self.rows - 1),
                    );
                    (cy * self.cols + cx) as u32
                } else {
                    u32::MAX
                }
            })
            .collect();
        let mut starts = vec![0u32; cells + 1];
        for &c in &cell_of {
            if c != u32::MAX {
                starts[c as usize + 1] += 1;
            }
        }
        for i in 0..cells {
            starts[i + 1] += starts[i];
        }
        let mut next = starts.clone();
        let mut items = vec![0u32; starts[cells] as usize];
        for (i, &c) in cell_of.iter().enumerate() {
            if c != u32::MAX {
                let slot = &mut next[c as usize];
                items[*slot as usize] = i as u32;
                *slot += 1;
            }
        }
        self.starts = starts;
        self.items = items;
    }

    /// Items in the cells `r` covers (an item may repeat).
    pub(super) fn query(&self, r: Rect) -> impl Iterator<Item = usize> + '_ {
        let range = if self.starts.is_empty() {
            None
        } else {
            self.range(r)
        };
        range.into_iter().flat_map(move |(x0, x1, y0, y1)| {
            (y0..=y1).flat_map(move |y| {
                (x0..=x1).flat_map(move |x| {
                    let c = y * self.cols + x;
                    self.items[self.starts[c] as usize..self.starts[c + 1] as usize]
                        .iter()
                        .map(|&i| i as usize)
                })
            })
        })
    }
}

impl Scene {
    /// Drop the hit-testing index (call after editing `nodes`, `edges` or `bounds` by hand); it
    /// is rebuilt on the next hit test.
    pub fn rebuild_index(&mut self) {
        self.index = std::sync::OnceLock::new();
        self.queries = QueryCount::default();
    }

    fn index(&self) -> &Index {
        self.index.get_or_init(|| self.build_index())
    }

    /// Build the hit-testing index now (else the first hit test does).
    pub fn prepare_hit_testing(&self) {
        self.index();
    }

    fn build_index(&self) -> Index {
        let rect = |r: Rect| [r.min.x, r.min.y, r.max.x, r.max.y];
        let nodes: Vec<[f32; 4]> = self
            .nodes
            .iter()
            .map(|n| rect(circle_bounds(n.center, n.radius)))
            .collect();
        let edges: Vec<[f32; 4]> = self
            .edges
            .iter()
            .map(|e| rect(e.curve_bounds().expand(e.width * 0.5)))
            .collect();
        let (nodes, edges) = rayon::join(|| BoxTree::new(&nodes), || BoxTree::new(&edges));
        Index { nodes, edges }
    }

    /// Call `f` with every node (or edge) whose box meets `r`, and maybe others (`f` checks).
    /// The first [`LINEAR_QUERIES`] queries of a scene scan the shapes (tens of µs at 10,000
    /// nodes); later ones build and use the index (ms to build, µs to query). So a scene that
    /// changes every frame (the layout animates under the pointer) never pays for an index
    /// it would use once.
    fn visit(&self, edges: bool, r: Rect, mut f: impl FnMut(usize)) {
        use std::sync::atomic::Ordering;
        let index = match self.index.get() {
            Some(ix) => Some(ix),
            None if self.queries.0.fetch_add(1, Ordering::Relaxed) >= LINEAR_QUERIES => {
                Some(self.index())
            }
            None => None,
        };
        match (index, edges) {
            (Some(ix), false) => ix.nodes.query(r, f),
            (Some(ix), true) => ix.edges.query(r, f),
            (None, false) => (0..self.nodes.len()).for_each(f),
            (None, true) => {
                for (i, e) in self.edges.iter().enumerate() {
                    // the control polygon's box holds the curve
                    let h = e.width * 0.5;
                    let (x0, x1) = (
                        e.from.x.min(e.to.x).min(e.ctrl.x),
                        e.from.x.max(e.to.x).max(e.ctrl.x),
                    );
                    let (y0, y1) = (
                        e.from.y.min(e.to.y).min(e.ctrl.y),
                        e.from.y.max(e.to.y).max(e.ctrl.y),
                    );
                    if x0 - h <= r.max.x
                        && r.min.x <= x1 + h
                        && y0 - h <= r.max.y
                        && r.min.y <= y1 + h
                    {
                        f(i);
                    }
                }
            }
        }
    }

    /// The node under `p`: the topmost disc containing it, else the nearest disc within
    /// `tolerance_world` of its rim.
    pub fn node_at(&self, p: Point, tolerance_world: f32) -> Option<NodeIndex> {
        let tol = tolerance_world.max(0.0);
        let mut inside: Option<usize> = None;
        let mut near: Option<(f32, usize)> = None;
        self.visit(false, circle_bounds(p, tol), |i| {
            let n = &self.nodes[i];
            let d = n.center.distance(p) - n.radius;
            if d <= 0.0 {
                if inside.is_none_or(|j| i > j) {
                    inside = Some(i);
                }
            } else if d <= tol && near.is_none_or(|(bd, j)| d < bd || (d == bd && i > j)) {
                near = Some((d, i));
            }
        });
        inside.or(near.map(|(_, i)| i)).map(|i| self.nodes[i].node)
    }

    /// The edge nearest `p` whose stroke is within `tolerance_world` (ties: the one on top).
    pub fn edge_at(&self, p: Point, tolerance_world: f32) -> Option<EdgeIndex> {
        let tol = tolerance_world.max(0.0);
        let mut best: Option<(f32, f32, usize)> = None;
        self.visit(true, circle_bounds(p, tol), |e| {
            let s = &self.edges[e];
            // Within the stroke counts as a hit; among hits the nearest centre line wins, so a
            // click on one of two thick, close curves picks the one under the pointer.
            let raw = s.distance_to(p);
            let d = (raw - s.width * 0.5).max(0.0);
            if d <= tol
                && best.is_none_or(|(bd, braw, j)| {
                    (d, raw) < (bd, braw) || ((d, raw) == (bd, braw) && e > j)
                })
            {
                best = Some((d, raw, e));
            }
        });
        best.map(|(_, _, i)| self.edges[i].edge)
    }

    /// The shape of an edge, if visible.
    pub fn edge(&self, e: EdgeIndex) -> Option<&EdgeShape> {
        self.edges.iter().find(|s| s.edge == e)
    }

    /// The shape of a node.
    pub fn node(&self, n: NodeIndex) -> Option<&NodeShape> {
        self.nodes.iter().find(|s| s.node == n)
    }

    /// The transform fitting the whole scene into `width` x `height` pixels with `margin`
    /// pixels on every side, centred.
    pub fn fit(&self, width: f32, height: f32, margin: f32) -> Transform {
        fit_rect(
            self.bounds,
            Rect::new(
                Point::new(margin, margin),
                Point::new(width - margin, height - margin),
            ),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::ActorKind;
    use crate::network::Network;
    use crate::scene::{BUILTIN_KINDS, SceneOptions, Style, build_scene};

    /// Options that keep actors without visible relations.
    fn all_nodes() -> SceneOptions {
        SceneOptions {
            show_isolated: true,
            ..Default::default()
        }
    }

    #[test]
    fn hit_testing_large_graph_matches_brute_force() {
        // A deterministic 2000-node ring-ish graph, hit tests agree with a linear scan.
        let mut net = Network::new();
        let k = 2000;
        let mut pos = Vec::new();
        let mut seed = 12345u64;
        let mut rnd = || {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            ((seed >> 33) as f32) / (1u64 << 31) as f32
        };
        for i in 0..k {
            net.graph.add_node(crate::network::ActorNode {
                id: format!("n{i}"),
                name: format!("N{i}").into(),
                kind: ActorKind::State,
                aliases: Default::default(),
                mentions: i % 7,
            });
            pos.push(Point::new(rnd() * 3000.0, rnd() * 3000.0));
        }
        for i in 0..k * 3 {
            let a = NodeIndex::new(i % k);
            let b = NodeIndex::new((i * 7 + 13 + (rnd() * 50.0) as usize) % k);
            if a != b {
                net.graph.add_edge(
                    a,
                    b,
                    crate::network::RelationEdge {
                        kind: BUILTIN_KINDS[i % 4].into(),
                        directed: i % 2 == 0,
                        evidence: Vec::new(),
                    },
                );
            }
        }
        let style = Style {
            unit: Some(1.0),
            ..Style::default()
        };
        let s = build_scene(&net, &pos, &all_nodes(), &style);
        let unindexed = s.clone();
        s.prepare_hit_testing();
        for _ in 0..500 {
            let p = Point::new(rnd() * 3000.0, rnd() * 3000.0);
            let tol = 4.0;
            // A scene's first hit tests scan instead of building the index: same answers.
            let scan = unindexed.clone();
            assert_eq!(scan.node_at(p, tol), s.node_at(p, tol), "{p:?}");
            assert_eq!(scan.edge_at(p, tol), s.edge_at(p, tol), "{p:?}");
            assert!(scan.index.get().is_none());
            // The nearest stroke within tolerance; among strokes under the pointer, the
            // nearest centre line (curves are hit-tested as 8 straight pieces: allow for it).
            let key = |e: &EdgeShape| {
                let raw = e.distance_to(p);
                ((raw - e.width * 0.5).max(0.0), raw)
            };
            let brute = s
                .edges
                .iter()
                .map(key)
                .filter(|(d, _)| *d <= tol)
                .min_by(|a, b| a.0.total_cmp(&b.0).then(a.1.total_cmp(&b.1)));
            match (s.edge_at(p, tol), brute) {
                (None, None) => {}
                (Some(e), Some((bd, braw))) => {
                    let (d, raw) = key(s.edge(e).unwrap());
                    assert!(d <= bd + 0.5 && raw <= braw + 0.5, "{e:?} at {p:?}");
                }
                (got, want) => panic!("edge_at {got:?}, brute force {want:?} at {p:?}"),
            }
            let brute_n = s
                .nodes
                .iter()
                .enumerate()
                .filter(|(_, n)| n.center.distance(p) <= n.radius)
                .map(|(i, _)| i)
                .max()
                .map(|i| s.nodes[i].node);
            if brute_n.is_some() {
                assert_eq!(s.node_at(p, tol), brute_n);
            }
        }
    }
}

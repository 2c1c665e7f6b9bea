//! Barnes–Hut repulsion on a flat, Morton-ordered quadtree.
//!
//! Every step the nodes are sorted by Morton code (two-pass LSD radix sort),
//! the tree is built into one pre-order `Vec<Cell>` (no boxes; each cell knows
//! the index just after its subtree, so traversal is stackless; chains of
//! one-child cells are skipped) with leaf buckets of up to [`LEAF_SIZE`] nodes.
//!
//! Repulsion is evaluated per *group* (a run of consecutive sibling subtrees of
//! at most [`GROUP_SIZE`] nodes together) with the opening criterion
//! `cell size < theta * distance(cell centre of mass, target box)`. Groups do
//! not traverse from the root: a downward pass (dual tree) walks the cells above
//! the groups with a list of pending source cells per target cell; sources
//! accepted and well separated from the target go into the target's complex
//! Taylor (local) expansion (the 2-D `1/r` force is `conj(M / (z - c))`,
//! analytic), which is shifted to the children (L2L); sources not accepted are
//! opened when at least [`OPEN_RATIO`] times as large as the target, else passed
//! down. Each group then classifies its parent's pending list the same way:
//! accepted cells far from the group go into its expansion, the other accepted
//! cells are summed per node as monopoles, and the near leaves are
//! gathered into contiguous arrays and summed exactly (8-lane accumulators over
//! padded arrays, so the loops vectorize; the expansion coefficients and its
//! evaluation run in lanes too). Coincident nodes share a Morton code, so only
//! runs of equal codes are checked for them. Each node's force is written by
//! exactly one task in a fixed order: parallel results are bit-identical to
//! serial ones.

use super::{NO_BOUNDS, merge_bounds};
use rayon::prelude::*;

/// Largest number of nodes in a leaf bucket.
pub const LEAF_SIZE: usize = 8;
/// Largest number of nodes sharing one interaction list (a run of siblings).
pub const GROUP_SIZE: usize = 32;
/// In the downward pass, a source cell not accepted by a target cell is opened
/// when at least this many times as large as the target (else passed down).
const OPEN_RATIO: f32 = 2.0;
/// Bits per axis of the Morton codes.
const BITS: u32 = 12;

#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Cell {
    /// Centre of mass.
    pub cx: f32,
    pub cy: f32,
    /// Total mass.
    pub mass: f32,
    /// Largest side of the bounding box of the cell's nodes.
    pub size: f32,
    /// Range of sorted nodes in this cell.
    pub start: u32,
    pub end: u32,
    /// Index of the first cell after this cell's subtree.
    pub next: u32,
    /// Leaf bucket?
    pub leaf: bool,
}

/// Reusable buffers: sorted node data, the tree and the permutation.
#[derive(Debug, Clone)]
pub struct QuadTree {
    /// Largest leaf bucket (default [`LEAF_SIZE`]).
    pub leaf_size: usize,
    /// Largest traversal group (default [`GROUP_SIZE`]).
    pub group_size: usize,
    /// `order[k]` = original index of the k-th node in Morton order.
    pub order: Vec<u32>,
    pub sx: Vec<f32>,
    pub sy: Vec<f32>,
    pub sm: Vec<f32>,
    pub cells: Vec<Cell>,
    /// Bounding boxes of the cells: (min x, min y, max x, max y).
    cell_box: Vec<[f32; 4]>,
    codes: Vec<u32>,
    keys: Vec<u64>,
    tmp_keys: Vec<u64>,
    /// Buffers of the downward pass and of the serial group pass.
    down: Down,
    scratch: Scratch,
}

impl Default for QuadTree {
    fn default() -> Self {
        QuadTree {
            leaf_size: LEAF_SIZE,
            group_size: GROUP_SIZE,
            order: Vec::new(),
            sx: Vec::new(),
            sy: Vec::new(),
            sm: Vec::new(),
            cells: Vec::new(),
            cell_box: Vec::new(),
            codes: Vec::new(),
            keys: Vec::new(),
            tmp_keys: Vec::new(),
            down: Down::default(),
            scratch: Scratch::default(),
        }
    }
}

fn spread_bits(v: u32) -> u32 {
    let mut x = v & 0x0000_ffff;
    x = (x | (x << 8)) & 0x00ff_00ff;
    x = (x | (x << 4)) & 0x0f0f_0f0f;
    x = (x | (x << 2)) & 0x3333_3333;
    x = (x | (x << 1)) & 0x5555_5555;
    x
}

impl QuadTree {
    /// Sort the nodes by Morton code and build the tree (serial).
    pub fn build(&mut self, pos: &[[f32; 2]], ms: &[f32]) {
        self.build_with(pos, ms, false);
    }

    /// Sort the nodes by Morton code and build the tree; `parallel` computes
    /// the codes and gathers the sorted arrays with rayon (same result).
    pub fn build_with(&mut self, pos: &[[f32; 2]], ms: &[f32], parallel: bool) {
        let n = pos.len();
        self.cells.clear();
        self.cell_box.clear();
        if n == 0 {
            self.order.clear();
            return;
        }
        let bounds = |ps: &[[f32; 2]]| {
            ps.iter()
                .fold(NO_BOUNDS, |b, &[x, y]| merge_bounds(b, [x, y, x, y]))
        };
        let [minx, miny, maxx, maxy] = if parallel {
            pos.par_chunks(4096)
                .map(bounds)
                .reduce(|| NO_BOUNDS, merge_bounds)
        } else {
            bounds(pos)
        };
        let ext = (maxx - minx).max(maxy - miny).max(1e-12);
        let qmax = ((1u32 << BITS) - 1) as f32;
        let q = qmax / ext;
        let code = |&[x, y]: &[f32; 2]| {
            // in [0, qmax] (NaN -> 0): exact in i32
            let qx = ((x - minx) * q).max(0.0).min(qmax) as i32 as u32;
            let qy = ((y - miny) * q).max(0.0).min(qmax) as i32 as u32;
            spread_bits(qx) | (spread_bits(qy) << 1)
        };
        self.codes.clear();
        if parallel {
            self.codes.par_extend(pos.par_iter().map(code));
        } else {
            self.codes.extend(pos.iter().map(code));
        }
        self.order.clear();
        self.order.extend(0..n as u32);
        self.radix_sort();
        self.sx.clear();
        self.sy.clear();
        self.sm.clear();
        if parallel {
            let order = &self.order;
            self.sx
                .par_extend(order.par_iter().map(|&o| pos[o as usize][0]));
            self.sy
                .par_extend(order.par_iter().map(|&o| pos[o as usize][1]));
            self.sm
                .par_extend(order.par_iter().map(|&o| ms[o as usize]));
        } else {
            for &o in &self.order {
                let [x, y] = pos[o as usize];
                self.sx.push(x);
                self.sy.push(y);
                self.sm.push(ms[o as usize]);
            }
        }
        self.build_cells(n, parallel);
    }

    /// LSD radix sort of (codes, order) by code: two passes of 12 bits on
    /// packed `code << 32 | index` keys.
    fn radix_sort(&mut self) {
        const R: u32 = 12;
        const BUCKETS: usize = 1 << R;
        let n = self.codes.len();
        let mut keys: Vec<u64> = std::mem::take(&mut self.keys);
        let mut tmp: Vec<u64> = std::mem::take(&mut self.tmp_keys);
        keys.clear();
        keys.extend(
            self.codes
                .iter()
                .enumerate()
                .map(|(i, &c)| ((c as u64) << 32) | i as u64),
        );
        tmp.clear();
        tmp.resize(n, 0);
        let mut hist = vec![0u32; 2 * BUCKETS];
        for &c in &self.codes {
            hist[(c & (BUCKETS as u32 - 1)) as usize] += 1;
            hist[BUCKETS + ((c >> R) & (BUCKETS as u32 - 1)) as usize] += 1;
        }
        for pass in 0..2 {
            let h = &mut hist[pass * BUCKETS..(pass + 1) * BUCKETS];
            if h.iter().any(|&c| c as usize == n) {
                continue; // every key has the same digit
            }
            let mut sum = 0u32;
            for c in h.iter_mut() {
                let t = *c;
                *c = sum;
                sum += t;
            }
            let shift = 32 + pass as u32 * R;
            for &k in &keys {
                let b = ((k >> shift) as usize) & (BUCKETS - 1);
                tmp[h[b] as usize] = k;
                h[b] += 1;
            }
            std::mem::swap(&mut keys, &mut tmp);
        }
        for (k, &key) in keys.iter().enumerate() {
            self.codes[k] = (key >> 32) as u32;
            self.order[k] = key as u32;
        }
        self.keys = keys;
        self.tmp_keys = tmp;
    }

    /// The cells in depth-first order (`next` = first cell after a subtree):
    /// serial, or with the big subtrees built on rayon and concatenated (the
    /// same cells in the same order).
    fn build_cells(&mut self, n: usize, parallel: bool) {
        let src = Src {
            codes: &self.codes,
            sx: &self.sx,
            sy: &self.sy,
            sm: &self.sm,
            leaf_size: self.leaf_size.max(1),
        };
        let mut out = Built::default();
        if parallel && n >= PAR_BUILD_MIN {
            out = src.build_par(0, n);
        } else {
            out.cells = std::mem::take(&mut self.cells);
            out.boxes = std::mem::take(&mut self.cell_box);
            src.build(0, n, &mut out);
        }
        self.cells = out.cells;
        self.cell_box = out.boxes;
    }

    /// Repulsion `sum_j m_j (p_i - p_j) / |p_i - p_j|^2` (without the factor
    /// `k_r m_i`) for every node, in Morton order, into `fx`/`fy`.
    /// `min_dist2` > 0 strengthens repulsion between nodes closer than
    /// `sqrt(min_dist2)` (overlap prevention, near pairs only).
    pub fn repulsion(
        &mut self,
        theta: f32,
        min_dist2: f32,
        parallel: bool,
        fx: &mut Vec<f32>,
        fy: &mut Vec<f32>,
    ) {
        let n = self.sx.len();
        fx.clear();
        fx.resize(n, 0.0);
        fy.clear();
        fy.resize(n, 0.0);
        if n == 0 {
            return;
        }
        let theta2 = theta * theta;
        // (one thread: the serial code, same results without the task overhead)
        let parallel = parallel && rayon::current_num_threads() > 1;
        // downward pass over the cells above the groups: every group
        // gets its pending source cells and its parent's local expansion
        // (buffers kept between calls)
        let mut down = std::mem::take(&mut self.down);
        let mut s = std::mem::take(&mut self.scratch);
        down.lists.clear();
        down.groups.clear();
        down.lists.push(0);
        let this = &*self;
        let root = this.cells[0];
        if (root.end - root.start) as usize <= this.group_size || root.leaf {
            down.groups.push(Group {
                hi: 1, // the pending list [root]
                ..Group::of_cell(0, &root)
            });
        } else if parallel {
            down = this.down_par(0, &[0], [(0.0, 0.0); ORDER], (0.0, 0.0), theta2);
        } else {
            this.down(
                0,
                0,
                1,
                [(0.0, 0.0); ORDER],
                (0.0, 0.0),
                theta2,
                &mut down,
                &mut s,
            );
        }
        // Each group owns a contiguous range of fx/fy: split the output by group.
        let mut out: Vec<(usize, &mut [f32], &mut [f32])> = Vec::with_capacity(down.groups.len());
        let (mut rx, mut ry) = (&mut fx[..], &mut fy[..]);
        for (k, g) in down.groups.iter().enumerate() {
            let len = (g.end - g.start) as usize;
            let (a, b) = rx.split_at_mut(len);
            let (cc, d) = ry.split_at_mut(len);
            out.push((k, a, cc));
            rx = b;
            ry = d;
        }
        let dn = &down;
        let work = |(k, ox, oy): &mut (usize, &mut [f32], &mut [f32]), scratch: &mut Scratch| {
            let g = &dn.groups[*k];
            let pending = &dn.lists[g.lo as usize..g.hi as usize];
            this.group_forces(g, pending, theta2, min_dist2, ox, oy, scratch);
        };
        if parallel {
            out.par_iter_mut()
                .for_each_init(Scratch::default, |s, item| work(item, s));
        } else {
            for item in out.iter_mut() {
                work(item, &mut s);
            }
        }
        drop(out);
        self.down = down;
        self.scratch = s;
    }

    /// Children of an internal cell, in order.
    #[inline]
    fn children(&self, c: usize) -> ([u32; 4], usize) {
        let mut ch = [0u32; 4];
        let mut k = 0;
        let end = self.cells[c].next as usize;
        let mut i = c + 1;
        while i < end && k < 4 {
            ch[k] = i as u32;
            k += 1;
            i = self.cells[i].next as usize;
        }
        (ch, k)
    }

    /// Downward pass at the internal cell `t` above the groups, with pending
    /// source cells `d.lists[lo..hi]` and the parent's local expansion `local`
    /// around `lc`. Sources accepted and well separated from `t` go into `t`'s
    /// local expansion; sources not accepted that contain `t` or are at least
    /// [`OPEN_RATIO`] times as large are opened; the rest are passed down to
    /// the children (large ones recursively, runs of small ones as groups).
    #[allow(clippy::too_many_arguments)]
    fn down(
        &self,
        t: usize,
        lo: usize,
        hi: usize,
        local: Local,
        lc: (f32, f32),
        theta2: f32,
        d: &mut Down,
        s: &mut Scratch,
    ) {
        let (out_lo, out_hi, local, centre) = self.down_cell(t, lo, hi, local, lc, theta2, d, s);
        self.child_items(t, |item| match item {
            ChildItem::Run(g) => d.groups.push(Group {
                lo: out_lo as u32,
                hi: out_hi as u32,
                local,
                centre,
                ..g
            }),
            ChildItem::Large(c) => self.down(c, out_lo, out_hi, local, centre, theta2, d, s),
        });
    }

    /// Parallel downward pass from `t` with pending cells `pending`: the
    /// subtrees of large children run as separate tasks, their results are
    /// concatenated in order (the same lists and expansions as [`Self::down`]).
    fn down_par(
        &self,
        t: usize,
        pending: &[u32],
        local: Local,
        lc: (f32, f32),
        theta2: f32,
    ) -> Down {
        let mut d = Down::default();
        d.lists.extend_from_slice(pending);
        let mut s = Scratch::default();
        let c = self.cells[t];
        if ((c.end - c.start) as usize) < PAR_DOWN_MIN {
            self.down(t, 0, pending.len(), local, lc, theta2, &mut d, &mut s);
            return d;
        }
        let (out_lo, out_hi, local, centre) =
            self.down_cell(t, 0, pending.len(), local, lc, theta2, &mut d, &mut s);
        let list = &d.lists[out_lo..out_hi];
        let mut items = Vec::new();
        self.child_items(t, |item| items.push(item));
        let parts: Vec<Down> = items
            .into_par_iter()
            .map(|item| match item {
                ChildItem::Run(g) => Down {
                    lists: list.to_vec(),
                    groups: vec![Group {
                        lo: 0,
                        hi: list.len() as u32,
                        local,
                        centre,
                        ..g
                    }],
                },
                ChildItem::Large(c) => self.down_par(c, list, local, centre, theta2),
            })
            .collect();
        let mut out = Down::default();
        for p in parts {
            let off = out.lists.len() as u32;
            out.lists.extend_from_slice(&p.lists);
            out.groups.extend(p.groups.into_iter().map(|g| Group {
                lo: g.lo + off,
                hi: g.hi + off,
                ..g
            }));
        }
        out
    }

    /// The children of the internal cell `t`, in order: the large ones (more
    /// than `group_size` nodes) to descend into, and runs of consecutive small
    /// ones (at most `group_size` nodes together), which become groups.
    fn child_items(&self, t: usize, mut f: impl FnMut(ChildItem)) {
        let (ch, k) = self.children(t);
        let mut run: Option<Group> = None;
        for &c in &ch[..k] {
            let cc = self.cells[c as usize];
            let count = (cc.end - cc.start) as usize;
            if let Some(r) = run.as_mut() {
                if count + (r.end - r.start) as usize <= self.group_size {
                    r.end = cc.end;
                    r.end_cell = cc.next;
                    continue;
                }
                f(ChildItem::Run(run.take().unwrap()));
            }
            if count > self.group_size && !cc.leaf {
                f(ChildItem::Large(c as usize));
            } else {
                run = Some(Group::of_cell(c, &cc));
            }
        }
        if let Some(r) = run {
            f(ChildItem::Run(r));
        }
    }

    /// Classify the pending cells `d.lists[lo..hi]` of the internal cell `t`:
    /// returns the range of the cells passed down (appended to `d.lists`), and
    /// `t`'s local expansion and its centre.
    #[allow(clippy::too_many_arguments)]
    fn down_cell(
        &self,
        t: usize,
        lo: usize,
        hi: usize,
        mut local: Local,
        lc: (f32, f32),
        theta2: f32,
        d: &mut Down,
        s: &mut Scratch,
    ) -> (usize, usize, Local, (f32, f32)) {
        let tc = self.cells[t];
        let [bx0, by0, bx1, by1] = self.cell_box[t];
        let (gx, gy) = ((bx0 + bx1) * 0.5, (by0 + by1) * 0.5);
        let h2 = ((bx1 - bx0).powi(2) + (by1 - by0).powi(2)) * 0.25;
        s.todo.clear();
        s.todo.extend(d.lists[lo..hi].iter().rev());
        s.exp_x.clear();
        s.exp_y.clear();
        s.exp_m.clear();
        let out_lo = d.lists.len();
        let cells = &self.cells;
        while let Some(si) = s.todo.pop() {
            let c = &cells[si as usize];
            if c.end <= tc.start || c.start >= tc.end {
                match accept(c, [bx0, by0, bx1, by1], (gx, gy), h2, theta2) {
                    Accept::Expand(wx, wy) => {
                        s.exp_x.push(wx);
                        s.exp_y.push(wy);
                        s.exp_m.push(c.mass);
                        continue;
                    }
                    Accept::Monopole => {
                        d.lists.push(si);
                        continue;
                    }
                    Accept::Open => {}
                }
            }
            let contains = c.start <= tc.start && c.end >= tc.end;
            if !c.leaf && (contains || c.size >= OPEN_RATIO * tc.size) {
                let (ch, k) = self.children(si as usize);
                s.todo.extend(ch[..k].iter().rev());
            } else {
                d.lists.push(si);
            }
        }
        let out_hi = d.lists.len();
        add_own_expansion(&mut local, lc, (gx, gy), s);
        (out_lo, out_hi, local, (gx, gy))
    }

    /// The repulsion on each node of `group` (into `ox`, `oy`, group order) from the cells of
    /// its interaction list `pending`: far cells as monopoles or through the group's local
    /// expansion, near nodes exactly.
    #[allow(clippy::too_many_arguments)]
    fn group_forces(
        &self,
        group: &Group,
        pending: &[u32],
        theta2: f32,
        min_dist2: f32,
        ox: &mut [f32],
        oy: &mut [f32],
        s: &mut Scratch,
    ) {
        let (mut local, lc) = (group.local, group.centre);
        let bbox = self.group_box(group);
        let g = ((bbox[0] + bbox[2]) * 0.5, (bbox[1] + bbox[3]) * 0.5);
        self.classify_sources(group, pending, bbox, theta2, s);
        add_own_expansion(&mut local, lc, g, s);
        self.gather_near(s);
        let nodes = group.start as usize..group.end as usize;
        self.direct_forces(nodes.clone(), min_dist2, s, ox, oy);
        self.add_local(nodes.clone(), &local, g, ox, oy);
        self.part_coincident(nodes, ox, oy);
    }

    /// The bounding box of a group's cells (a run of siblings).
    fn group_box(&self, group: &Group) -> [f32; 4] {
        let [mut bx0, mut by0, mut bx1, mut by1] = self.cell_box[group.first as usize];
        let mut c = self.cells[group.first as usize].next;
        while c < group.end_cell {
            let b = self.cell_box[c as usize];
            bx0 = bx0.min(b[0]);
            by0 = by0.min(b[1]);
            bx1 = bx1.max(b[2]);
            by1 = by1.max(b[3]);
            c = self.cells[c as usize].next;
        }
        [bx0, by0, bx1, by1]
    }

    /// Sort the source cells below `pending`, seen from the group's box `bbox`, into `s`:
    /// well-separated ones for the expansion (`exp_*`), far ones as monopoles (`far_*`), and
    /// the node ranges to sum exactly (`near`, the group itself among them).
    fn classify_sources(
        &self,
        group: &Group,
        pending: &[u32],
        bbox: [f32; 4],
        theta2: f32,
        s: &mut Scratch,
    ) {
        let (gs, ge) = (group.start, group.end);
        let [bx0, by0, bx1, by1] = bbox;
        s.far_x.clear();
        s.far_y.clear();
        s.far_m.clear();
        s.exp_x.clear();
        s.exp_y.clear();
        s.exp_m.clear();
        s.near.clear();
        let (gx, gy) = ((bx0 + bx1) * 0.5, (by0 + by1) * 0.5);
        let h2 = ((bx1 - bx0).powi(2) + (by1 - by0).powi(2)) * 0.25;
        let cells = &self.cells;
        s.todo.clear();
        s.todo.extend(pending.iter().rev());
        while let Some(si) = s.todo.pop() {
            let c = &cells[si as usize];
            if c.end <= gs || c.start >= ge {
                let acc = accept(c, bbox, (gx, gy), h2, theta2);
                if let Accept::Expand(wx, wy) = acc {
                    // well separated: into the group's local expansion
                    s.exp_x.push(wx);
                    s.exp_y.push(wy);
                    s.exp_m.push(c.mass);
                } else if let Accept::Monopole = acc {
                    s.far_x.push(c.cx);
                    s.far_y.push(c.cy);
                    s.far_m.push(c.mass);
                } else if c.leaf {
                    s.push_near(c.start, c.end);
                } else {
                    let (ch, k) = self.children(si as usize);
                    s.todo.extend(ch[..k].iter().rev());
                }
            } else if (c.start >= gs && c.end <= ge) || c.leaf {
                s.push_near(c.start, c.end); // (part of) the group itself
            } else {
                // the group's parent or an ancestor
                let (ch, k) = self.children(si as usize);
                s.todo.extend(ch[..k].iter().rev());
            }
        }
    }

    /// The near nodes gathered contiguously (`s.nx`, `ny`, `nm`), and the monopoles and near
    /// nodes padded to whole lanes with massless copies (which add exactly 0).
    fn gather_near(&self, s: &mut Scratch) {
        let (sx, sy, sm) = (&self.sx[..], &self.sy[..], &self.sm[..]);
        s.nx.clear();
        s.ny.clear();
        s.nm.clear();
        for &(a, b) in &s.near {
            let (a, b) = (a as usize, b as usize);
            s.nx.extend_from_slice(&sx[a..b]);
            s.ny.extend_from_slice(&sy[a..b]);
            s.nm.extend_from_slice(&sm[a..b]);
        }
        pad(&mut s.far_x, &mut s.far_y, &mut s.far_m);
        pad(&mut s.nx, &mut s.ny, &mut s.nm);
    }

    /// The force of the monopoles and the near nodes on each node of `nodes` (sorted
    /// indices), written to `ox`, `oy`.
    #[inline(always)]
    fn direct_forces(
        &self,
        nodes: std::ops::Range<usize>,
        min_dist2: f32,
        s: &Scratch,
        ox: &mut [f32],
        oy: &mut [f32],
    ) {
        let (sx, sy) = (&self.sx[..], &self.sy[..]);
        for (k, gi) in nodes.enumerate() {
            let (xi, yi) = (sx[gi], sy[gi]);
            let mut ax = [0.0f32; L];
            let mut ay = [0.0f32; L];
            // far cells (monopoles); never at distance 0 from a group node
            let (cx, cy, cm) = (lanes(&s.far_x), lanes(&s.far_y), lanes(&s.far_m));
            for ((cx, cy), cm) in cx.iter().zip(cy).zip(cm) {
                for l in 0..L {
                    let dx = xi - cx[l];
                    let dy = yi - cy[l];
                    let f = cm[l] / (dx * dx + dy * dy);
                    ax[l] += dx * f;
                    ay[l] += dy * f;
                }
            }
            // near nodes, exact (the node itself adds 0: dx = dy = 0)
            let (px, py, pm) = (lanes(&s.nx), lanes(&s.ny), lanes(&s.nm));
            for ((px, py), pm) in px.iter().zip(py).zip(pm) {
                for l in 0..L {
                    let dx = xi - px[l];
                    let dy = yi - py[l];
                    let inv = 1.0 / (dx * dx + dy * dy).max(EPS);
                    let f = pm[l] * inv * (min_dist2 * inv).max(1.0);
                    ax[l] += dx * f;
                    ay[l] += dy * f;
                }
            }
            ox[k] = ax.iter().sum::<f32>();
            oy[k] = ay.iter().sum::<f32>();
        }
    }

    /// Add the local expansion `local` about `g` to the forces of `nodes` (Horner, lanes over
    /// nodes): `f(z) = sum a_k t^k`, force = conj(f).
    #[inline(always)]
    fn add_local(
        &self,
        nodes: std::ops::Range<usize>,
        local: &Local,
        (gx, gy): (f32, f32),
        ox: &mut [f32],
        oy: &mut [f32],
    ) {
        let (sx, sy) = (&self.sx[..], &self.sy[..]);
        let gs = nodes.start;
        for (c, (ox, oy)) in ox.chunks_mut(L).zip(oy.chunks_mut(L)).enumerate() {
            let base = gs + c * L;
            let mut tx = [0.0f32; L];
            let mut ty = [0.0f32; L];
            for l in 0..ox.len() {
                tx[l] = sx[base + l] - gx;
                ty[l] = sy[base + l] - gy;
            }
            let mut fr = [0.0f32; L];
            let mut fi = [0.0f32; L];
            for a in local.iter().rev() {
                for l in 0..L {
                    let nr = fr[l] * tx[l] - fi[l] * ty[l] + a.0;
                    let ni = fr[l] * ty[l] + fi[l] * tx[l] + a.1;
                    fr[l] = nr;
                    fi[l] = ni;
                }
            }
            for l in 0..ox.len() {
                ox[l] += fr[l];
                oy[l] -= fi[l];
            }
        }
    }

    /// Coincident distinct nodes of `nodes` (same Morton code, so next to each other in
    /// Morton order): pushed apart deterministically (rare).
    fn part_coincident(&self, nodes: std::ops::Range<usize>, ox: &mut [f32], oy: &mut [f32]) {
        let (sx, sy, sm) = (&self.sx[..], &self.sy[..], &self.sm[..]);
        let gs = nodes.start;
        let codes = &self.codes[nodes];
        let mut a = 0;
        while a + 1 < codes.len() {
            if codes[a] != codes[a + 1] {
                a += 1;
                continue;
            }
            let mut b = a + 2;
            while b < codes.len() && codes[b] == codes[a] {
                b += 1;
            }
            for gi in gs + a..gs + b {
                for j in gs + a..gs + b {
                    let (dx, dy) = (sx[gi] - sx[j], sy[gi] - sy[j]);
                    if j != gi && dx * dx + dy * dy <= EPS {
                        let sgn = if j < gi { 1.0 } else { -1.0 };
                        ox[gi - gs] += sgn * sm[j] * 1e3;
                        oy[gi - gs] += sgn * sm[j] * 0.5e3;
                    }
                }
            }
            a = b;
        }
    }
}

/// What to do with a source cell seen from a target box (centre `g`, half-diagonal² `h2`).
enum Accept {
    /// Too close for its size: open it (or sum its nodes exactly).
    Open,
    /// Accepted (cell size < theta × distance of its centre of mass to the box) and well
    /// separated from the box: into the box's local expansion, at `g - centre of mass`.
    Expand(f32, f32),
    /// Accepted, but too close for the expansion: a monopole per node.
    Monopole,
}

#[inline(always)]
fn accept(c: &Cell, b: [f32; 4], g: (f32, f32), h2: f32, theta2: f32) -> Accept {
    let [bx0, by0, bx1, by1] = b;
    // distance of the centre of mass to the box
    let dx = fmax(fmax(bx0 - c.cx, c.cx - bx1), 0.0);
    let dy = fmax(fmax(by0 - c.cy, c.cy - by1), 0.0);
    #[allow(clippy::neg_cmp_op_on_partial_ord)] // NaN opens the cell
    if !(c.size * c.size < theta2 * (dx * dx + dy * dy)) {
        return Accept::Open;
    }
    let (wx, wy) = (g.0 - c.cx, g.1 - c.cy);
    if wx * wx + wy * wy > EXPANSION_RATIO2 * h2 {
        Accept::Expand(wx, wy)
    } else {
        Accept::Monopole
    }
}

/// `max` without NaN handling (one instruction; positions are finite).
#[inline(always)]
fn fmax(a: f32, b: f32) -> f32 {
    if a > b { a } else { b }
}

/// Whole lanes of a padded array.
fn lanes(v: &[f32]) -> &[[f32; L]] {
    v.as_chunks::<L>().0
}

/// Pad SoA lanes to a multiple of [`L`] with massless copies of the last entry.
fn pad(x: &mut Vec<f32>, y: &mut Vec<f32>, m: &mut Vec<f32>) {
    if let (Some(&lx), Some(&ly)) = (x.last(), y.last()) {
        while !x.len().is_multiple_of(L) {
            x.push(lx);
            y.push(ly);
            m.push(0.0);
        }
    }
}

/// Coefficients of a local (Taylor) expansion: `f(z) = sum a_k (z - g)^k`.
type Local = [(f32, f32); ORDER];

/// Move a local expansion from centre `g` to `g + d` (L2L, exact for the
/// polynomial): `sum a_k (t + d)^k = sum b_k t^k` by repeated synthetic division.
fn shift(a: &mut Local, d: (f32, f32)) {
    if d == (0.0, 0.0) {
        return;
    }
    for i in 0..ORDER - 1 {
        for k in (i..ORDER - 1).rev() {
            let (xr, xi) = a[k + 1];
            a[k].0 += xr * d.0 - xi * d.1;
            a[k].1 += xr * d.1 + xi * d.0;
        }
    }
}

/// Move the parent's expansion `local` from `lc` to this box's centre `g` and add the box's
/// own expansion of the well-separated cells collected in `s.exp_*`.
fn add_own_expansion(local: &mut Local, lc: (f32, f32), g: (f32, f32), s: &mut Scratch) {
    shift(local, (g.0 - lc.0, g.1 - lc.1));
    let own = local_expansion(&mut s.exp_x, &mut s.exp_y, &mut s.exp_m);
    for (a, b) in local.iter_mut().zip(own) {
        a.0 += b.0;
        a.1 += b.1;
    }
}

/// A traversal group: a run of consecutive sibling cells (or the root).
#[derive(Debug, Clone)]
struct Group {
    /// Cells `first..end_cell` (the run's subtrees).
    first: u32,
    end_cell: u32,
    /// Range of sorted nodes.
    start: u32,
    end: u32,
    /// Range of its pending source cells in [`Down::lists`].
    lo: u32,
    hi: u32,
    /// The parent's local expansion and its centre.
    local: Local,
    centre: (f32, f32),
}

impl Group {
    /// The group of the one cell `idx` (its pending list and expansion not set yet).
    fn of_cell(idx: u32, c: &Cell) -> Group {
        Group {
            first: idx,
            end_cell: c.next,
            start: c.start,
            end: c.end,
            lo: 0,
            hi: 0,
            local: [(0.0, 0.0); ORDER],
            centre: (0.0, 0.0),
        }
    }
}

/// A child in the downward pass: a run of small siblings (a group; its
/// pending list and expansion not set yet) or a large cell to descend into.
enum ChildItem {
    Run(Group),
    Large(usize),
}

/// Subtrees of at least this many nodes are built as separate rayon tasks.
const PAR_BUILD_MIN: usize = 8192;

/// What the cells are built from: the nodes in Morton order.
struct Src<'a> {
    codes: &'a [u32],
    sx: &'a [f32],
    sy: &'a [f32],
    sm: &'a [f32],
    leaf_size: usize,
}

/// Cells and their bounding boxes, in depth-first order.
#[derive(Default)]
struct Built {
    cells: Vec<Cell>,
    boxes: Vec<[f32; 4]>,
}

impl Src<'_> {
    #[inline(always)]
    fn is_leaf(&self, lo: usize, hi: usize) -> bool {
        hi - lo <= self.leaf_size || self.codes[lo] == self.codes[hi - 1]
    }

    /// The ranges of the children of the internal cell `lo..hi`: split on
    /// the 2-bit digit holding the highest differing bit.
    #[inline(always)]
    fn children(&self, lo: usize, hi: usize) -> ([(usize, usize); 4], usize) {
        let (first, last) = (self.codes[lo], self.codes[hi - 1]);
        let hb = 31 - (first ^ last).leading_zeros();
        let shift = hb & !1;
        let digit = |c: u32| (c >> shift) & 3;
        let mut out = [(0, 0); 4];
        let mut k = 0;
        let mut s = lo;
        while s < hi {
            let d = digit(self.codes[s]);
            let e = s + self.codes[s..hi].partition_point(|&c| digit(c) <= d);
            out[k] = (s, e);
            k += 1;
            s = e;
        }
        (out, k)
    }

    #[inline(always)]
    fn leaf(&self, lo: usize, hi: usize, idx: usize) -> (Cell, [f32; 4]) {
        let (mut m, mut mx, mut my) = (0.0f32, 0.0f32, 0.0f32);
        let (mut x0, mut y0, mut x1, mut y1) = (f32::MAX, f32::MAX, f32::MIN, f32::MIN);
        for k in lo..hi {
            let (x, y, w) = (self.sx[k], self.sy[k], self.sm[k]);
            m += w;
            mx += w * x;
            my += w * y;
            x0 = x0.min(x);
            x1 = x1.max(x);
            y0 = y0.min(y);
            y1 = y1.max(y);
        }
        let inv = if m > 0.0 { 1.0 / m } else { 0.0 };
        let cell = Cell {
            cx: mx * inv,
            cy: my * inv,
            mass: m,
            size: (x1 - x0).max(y1 - y0),
            start: lo as u32,
            end: hi as u32,
            next: idx as u32 + 1,
            leaf: true,
        };
        (cell, [x0, y0, x1, y1])
    }

    /// Cell `idx..next` over nodes `lo..hi` from its children's cells.
    #[inline(always)]
    fn internal(
        out: &Built,
        children: &[usize],
        lo: usize,
        hi: usize,
        next: usize,
    ) -> (Cell, [f32; 4]) {
        let (mut m, mut mx, mut my) = (0.0f32, 0.0f32, 0.0f32);
        let (mut x0, mut y0, mut x1, mut y1) = (f32::MAX, f32::MAX, f32::MIN, f32::MIN);
        for &c in children {
            let cell = out.cells[c];
            m += cell.mass;
            mx += cell.mass * cell.cx;
            my += cell.mass * cell.cy;
            let b = out.boxes[c];
            x0 = x0.min(b[0]);
            y0 = y0.min(b[1]);
            x1 = x1.max(b[2]);
            y1 = y1.max(b[3]);
        }
        let inv = if m > 0.0 { 1.0 / m } else { 0.0 };
        let cell = Cell {
            cx: mx * inv,
            cy: my * inv,
            mass: m,
            size: (x1 - x0).max(y1 - y0),
            start: lo as u32,
            end: hi as u32,
            next: next as u32,
            leaf: false,
        };
        (cell, [x0, y0, x1, y1])
    }

    /// The subtree over nodes `lo..hi`, appended to `out`; returns its index.
    fn build(&self, lo: usize, hi: usize, out: &mut Built) -> usize {
        let idx = out.cells.len();
        if self.is_leaf(lo, hi) {
            let (c, b) = self.leaf(lo, hi, idx);
            out.cells.push(c);
            out.boxes.push(b);
            return idx;
        }
        out.cells.push(Cell::default());
        out.boxes.push([0.0; 4]);
        let (ranges, k) = self.children(lo, hi);
        let mut ch = [0usize; 4];
        for (c, &(s, e)) in ch.iter_mut().zip(&ranges[..k]) {
            *c = self.build(s, e, out);
        }
        let (c, b) = Self::internal(out, &ch[..k], lo, hi, out.cells.len());
        out.cells[idx] = c;
        out.boxes[idx] = b;
        idx
    }

    /// [`Self::build`] of nodes `lo..hi` into a fresh `Built`, the children
    /// of big cells as rayon tasks, concatenated in order (indices shifted).
    fn build_par(&self, lo: usize, hi: usize) -> Built {
        let mut out = Built::default();
        if hi - lo < PAR_BUILD_MIN || self.is_leaf(lo, hi) {
            self.build(lo, hi, &mut out);
            return out;
        }
        out.cells.push(Cell::default());
        out.boxes.push([0.0; 4]);
        let (ranges, k) = self.children(lo, hi);
        let parts: Vec<Built> = ranges[..k]
            .par_iter()
            .map(|&(s, e)| self.build_par(s, e))
            .collect();
        let mut ch = [0usize; 4];
        for (c, part) in ch.iter_mut().zip(parts) {
            let base = out.cells.len();
            *c = base;
            out.cells.extend(part.cells.into_iter().map(|mut cell| {
                cell.next += base as u32;
                cell
            }));
            out.boxes.extend(part.boxes);
        }
        let (c, b) = Self::internal(&out, &ch[..k], lo, hi, out.cells.len());
        out.cells[0] = c;
        out.boxes[0] = b;
        out
    }
}

/// Subtrees of at least this many nodes get their own task in the parallel
/// downward pass.
const PAR_DOWN_MIN: usize = 8192;

/// Results of the downward pass.
#[derive(Debug, Clone, Default)]
struct Down {
    /// Pending source cells of the internal cells, one range per cell.
    lists: Vec<u32>,
    /// The groups, in node order.
    groups: Vec<Group>,
}

/// Local (Taylor) expansion around the group centre g of the far cells at
/// `w = g - c` with mass `M`: `sum_c M / (z - c) = sum_k a_k (z - g)^k` with
/// `a_k = sum_c M (-1)^k / w^(k+1)` (lanes over cells, fixed order).
fn local_expansion(wx: &mut Vec<f32>, wy: &mut Vec<f32>, m: &mut Vec<f32>) -> Local {
    pad(wx, wy, m);
    let mut re = [[0.0f32; L]; ORDER];
    let mut im = [[0.0f32; L]; ORDER];
    for ((wx, wy), m) in wx
        .chunks_exact(L)
        .zip(wy.chunks_exact(L))
        .zip(m.chunks_exact(L))
    {
        let mut qx = [0.0f32; L];
        let mut qy = [0.0f32; L];
        let mut tx = [0.0f32; L];
        let mut ty = [0.0f32; L];
        for l in 0..L {
            let w2 = wx[l] * wx[l] + wy[l] * wy[l];
            qx[l] = wx[l] / w2; // 1 / w
            qy[l] = -wy[l] / w2;
            tx[l] = m[l] * qx[l];
            ty[l] = m[l] * qy[l];
        }
        for k in 0..ORDER {
            for l in 0..L {
                re[k][l] += tx[l];
                im[k][l] += ty[l];
                let nx = -(tx[l] * qx[l] - ty[l] * qy[l]);
                let ny = -(tx[l] * qy[l] + ty[l] * qx[l]);
                tx[l] = nx;
                ty[l] = ny;
            }
        }
    }
    let mut out = [(0.0f32, 0.0f32); ORDER];
    for k in 0..ORDER {
        out[k] = (re[k].iter().sum(), im[k].iter().sum());
    }
    out
}

#[derive(Debug, Clone, Default)]
struct Scratch {
    far_x: Vec<f32>,
    far_y: Vec<f32>,
    far_m: Vec<f32>,
    /// Well-separated cells (offset from the group centre, mass).
    exp_x: Vec<f32>,
    exp_y: Vec<f32>,
    exp_m: Vec<f32>,
    near: Vec<(u32, u32)>,
    /// Cells still to classify.
    todo: Vec<u32>,
    /// The near nodes, gathered contiguously (vectorizable loop).
    nx: Vec<f32>,
    ny: Vec<f32>,
    nm: Vec<f32>,
}

impl Scratch {
    /// Add a near range, merging it with the previous one when contiguous.
    fn push_near(&mut self, a: u32, b: u32) {
        match self.near.last_mut() {
            Some(last) if last.1 == a => last.1 = b,
            _ => self.near.push((a, b)),
        }
    }
}

/// Lanes of the force accumulators (fixed summation order: deterministic).
const L: usize = 8;
/// Terms of the local (Taylor) expansion of well-separated far cells.
const ORDER: usize = 6;
/// A far cell goes into the expansion when its distance to the group centre
/// exceeds this many group half-diagonals (squared here): error ~ (1/2.5)^ORDER.
const EXPANSION_RATIO2: f32 = 2.5 * 2.5;
/// Squared distance below which two nodes count as coincident.
const EPS: f32 = 1e-12;

#[cfg(test)]
mod tests {
    use super::*;

    fn exact(xs: &[f32], ys: &[f32], ms: &[f32]) -> Vec<(f32, f32)> {
        (0..xs.len())
            .map(|i| {
                let (mut ax, mut ay) = (0.0, 0.0);
                for j in 0..xs.len() {
                    if i != j {
                        let dx = xs[i] - xs[j];
                        let dy = ys[i] - ys[j];
                        let f = ms[j] / (dx * dx + dy * dy);
                        ax += dx * f;
                        ay += dy * f;
                    }
                }
                (ax, ay)
            })
            .collect()
    }

    /// Evaluate `sum a_k t^k` (complex) at `t`.
    fn eval(a: &Local, t: (f64, f64)) -> (f64, f64) {
        let (mut r, mut i) = (0.0f64, 0.0f64);
        for &(ar, ai) in a.iter().rev() {
            let nr = r * t.0 - i * t.1 + ar as f64;
            let ni = r * t.1 + i * t.0 + ai as f64;
            r = nr;
            i = ni;
        }
        (r, i)
    }

    #[test]
    fn l2l_shift_matches_direct_evaluation() {
        let mut rng = crate::layout::Rng::new(11);
        // sources around (0, 0), targets in a box of half-diagonal ~1.4 around
        // g = (10, 4), well separated (ratio > 2.5)
        let g = (10.0f32, 4.0f32);
        let (mut wx, mut wy, mut m) = (vec![], vec![], vec![]);
        let mut src = vec![];
        for _ in 0..37 {
            let (x, y) = (rng.f32() * 4.0 - 2.0, rng.f32() * 4.0 - 2.0);
            let w = 1.0 + (rng.f32() * 5.0).floor();
            src.push((x, y, w));
            wx.push(g.0 - x);
            wy.push(g.1 - y);
            m.push(w);
        }
        let a = local_expansion(&mut wx, &mut wy, &mut m);
        for _ in 0..20 {
            // child centre inside the parent's box, target near the child centre
            let d = (rng.f32() * 1.6 - 0.8, rng.f32() * 1.6 - 0.8);
            let mut b = a;
            shift(&mut b, d);
            let t = (rng.f32() * 0.4 - 0.2, rng.f32() * 0.4 - 0.2);
            // same polynomial: a at (t + d) == b at t
            let pa = eval(&a, ((t.0 + d.0) as f64, (t.1 + d.1) as f64));
            let pb = eval(&b, (t.0 as f64, t.1 as f64));
            let scale = (pa.0 * pa.0 + pa.1 * pa.1).sqrt();
            let diff = ((pa.0 - pb.0).powi(2) + (pa.1 - pb.1).powi(2)).sqrt();
            assert!(diff < 1e-5 * scale, "shift error {diff} vs {scale}");
            // and close to the exact force conj(sum M / (z - c))
            let z = (g.0 + d.0 + t.0, g.1 + d.1 + t.1);
            let (mut ex, mut ey) = (0.0f64, 0.0f64);
            for &(x, y, w) in &src {
                let (dx, dy) = ((z.0 - x) as f64, (z.1 - y) as f64);
                let r2 = dx * dx + dy * dy;
                ex += w as f64 * dx / r2;
                ey += w as f64 * dy / r2;
            }
            let err = ((pb.0 - ex).powi(2) + (-pb.1 - ey).powi(2)).sqrt();
            assert!(
                err < 5e-3 * (ex * ex + ey * ey).sqrt(),
                "expansion error {err}"
            );
        }
    }

    #[test]
    fn parallel_tree_build_identical() {
        // big subtrees built as rayon tasks and concatenated: the same cells
        let mut rng = crate::layout::Rng::new(9);
        let n = 5 * PAR_BUILD_MIN;
        let pos: Vec<[f32; 2]> = (0..n)
            .map(|_| [(rng.f32() * 100.0).powi(3), rng.f32() * 100.0])
            .collect();
        let ms: Vec<f32> = (0..n).map(|_| 1.0 + (rng.f32() * 5.0).floor()).collect();
        let mut a = QuadTree::default();
        a.build(&pos, &ms);
        let mut b = QuadTree::default();
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(3)
            .build()
            .unwrap();
        pool.install(|| b.build_with(&pos, &ms, true));
        assert!(a.cells.len() > 1000);
        assert_eq!(a.cells, b.cells);
        assert_eq!(a.cell_box, b.cell_box);
        assert_eq!((a.sx, a.sy, a.order), (b.sx, b.sy, b.order));
    }

    #[test]
    fn parallel_downward_pass_identical() {
        // large enough for subtree tasks in the parallel downward pass
        let mut rng = crate::layout::Rng::new(5);
        let n = 6 * PAR_DOWN_MIN;
        let xs: Vec<f32> = (0..n).map(|_| (rng.f32() * 100.0).powi(2)).collect();
        let ys: Vec<f32> = (0..n).map(|_| rng.f32() * 100.0).collect();
        let ms: Vec<f32> = (0..n).map(|_| 1.0 + (rng.f32() * 5.0).floor()).collect();
        let mut t = QuadTree::default();
        let pos: Vec<[f32; 2]> = xs.iter().zip(&ys).map(|(&x, &y)| [x, y]).collect();
        t.build(&pos, &ms);
        let (mut fx, mut fy, mut px, mut py) = (vec![], vec![], vec![], vec![]);
        t.repulsion(1.2, 0.0, false, &mut fx, &mut fy);
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(3)
            .build()
            .unwrap();
        pool.install(|| t.repulsion(1.2, 0.0, true, &mut px, &mut py));
        assert_eq!(fx, px);
        assert_eq!(fy, py);
    }

    #[test]
    fn barnes_hut_close_to_exact_and_parallel_identical() {
        let mut rng = crate::layout::Rng::new(3);
        let n = 3000;
        let xs: Vec<f32> = (0..n).map(|_| rng.f32() * 100.0).collect();
        let ys: Vec<f32> = (0..n).map(|_| rng.f32() * 100.0).collect();
        let ms: Vec<f32> = (0..n).map(|_| 1.0 + (rng.f32() * 5.0).floor()).collect();
        let mut t = QuadTree::default();
        let pos: Vec<[f32; 2]> = xs.iter().zip(&ys).map(|(&x, &y)| [x, y]).collect();
        t.build(&pos, &ms);
        assert_eq!(t.cells[0].end as usize, n);
        let (mut fx, mut fy, mut px, mut py) = (vec![], vec![], vec![], vec![]);
        t.repulsion(0.5, 0.0, false, &mut fx, &mut fy);
        t.repulsion(0.5, 0.0, true, &mut px, &mut py);
        assert_eq!(fx, px);
        assert_eq!(fy, py);
        let ex = exact(&xs, &ys, &ms);
        let mut err = 0.0;
        let mut norm = 0.0;
        for k in 0..n {
            let o = t.order[k] as usize;
            err += ((fx[k] - ex[o].0).powi(2) + (fy[k] - ex[o].1).powi(2)).sqrt();
            norm += (ex[o].0.powi(2) + ex[o].1.powi(2)).sqrt();
        }
        assert!(err / norm < 0.02, "relative error {}", err / norm);
    }
}

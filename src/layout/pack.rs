//! A force layout at rest made readable: no actor overlaps another, and the connected
//! components are packed (the largest in the middle, the small ones around it in the
//! proportions of the canvas, as Graphviz `pack` does), instead of floating wherever gravity
//! and repulsion left them.
//!
//! Actor sizes are given in style pixels and turned into world units by the scene's rule
//! ([`crate::scene::unit_from`]): the discs separated here are the discs the scene draws.
//! Deterministic: the same positions, edges and sizes give the same result.

use crate::geom::{Point, Rect};

/// What [`arrange`] needs besides the positions.
#[derive(Debug, Clone, Copy)]
pub struct ArrangeParams {
    /// Width / height the packed components aim at (the canvas's proportions).
    pub aspect: f32,
    /// Free space between two discs, style pixels.
    pub node_gap_px: f32,
    /// Free space between two components' boxes, style pixels.
    pub component_gap_px: f32,
    /// Discs are separated at this many times their radius (the scene's unit may still move a
    /// little after the separation: this keeps them apart).
    pub radius_margin: f32,
    /// Pack the components (off: only remove overlaps).
    pub pack: bool,
    /// The packed layout is assumed drawn about this many pixels high (at fit view) when
    /// room is made for the labels of the most important actors.
    pub fit_height_px: f32,
    /// Label font size at fit view, pixels.
    pub label_px: f32,
}

impl Default for ArrangeParams {
    fn default() -> Self {
        ArrangeParams {
            aspect: 1.6,
            node_gap_px: 3.0,
            component_gap_px: 28.0,
            radius_margin: 1.12,
            pack: true,
            fit_height_px: 600.0,
            label_px: 11.0,
        }
    }
}

/// Radius (style pixels) of a node without a size.
pub const DEFAULT_RADIUS_PX: f32 = 5.0;

/// Remove overlaps and pack the components of a layout at rest, in place.
/// `radius_px`: each node's radius in style pixels (missing: [`DEFAULT_RADIUS_PX`]);
/// `pinned`: nodes that must not move (with any pinned node the components stay where they
/// are: the user placed them). `labels`: the most important actors, with the width of their
/// label in em: they are moved apart until their labels fit side by side at fit view.
/// Returns the world units per style pixel used.
pub fn arrange(
    positions: &mut [Point],
    edges: &[(u32, u32, f32)],
    radius_px: &[f32],
    pinned: &[bool],
    labels: &[(u32, f32)],
    params: &ArrangeParams,
) -> f32 {
    let n = positions.len();
    if n == 0 {
        return 1.0;
    }
    for p in positions.iter_mut() {
        if !(p.x.is_finite() && p.y.is_finite()) {
            *p = Point::ZERO;
        }
    }
    let rpx = |i: usize| {
        radius_px
            .get(i)
            .copied()
            .filter(|r| r.is_finite() && *r >= 0.0)
            .unwrap_or(DEFAULT_RADIUS_PX)
    };
    let is_pinned = |i: usize| pinned.get(i).copied().unwrap_or(false);
    let mut unit = layout_unit(positions, edges);
    // Separating discs lengthens some edges and widens the nearest-neighbour spacing, which
    // can grow the unit (and the discs with it): separate again until the unit holds.
    for _ in 0..4 {
        let radii: Vec<f32> = (0..n)
            .map(|i| (rpx(i) * params.radius_margin + 0.5 * params.node_gap_px) * unit)
            .collect();
        separate(positions, &radii, &is_pinned);
        let next = layout_unit(positions, edges);
        if next <= unit * params.radius_margin.max(1.0) * 0.98 {
            break;
        }
        unit = next;
    }
    if params.pack && !(0..n).any(is_pinned) {
        let radii: Vec<f32> = (0..n)
            .map(|i| (rpx(i) * params.radius_margin + 0.5 * params.node_gap_px) * unit)
            .collect();
        let gap = params.component_gap_px * unit;
        pack(positions, edges, &radii, gap, params.aspect);
        if !labels.is_empty() {
            // Room for the important labels at the scale the packed layout is seen at, then
            // discs apart again and a new packing (the spread components grew).
            for _ in 0..2 {
                let all = Rect::bounding(positions.iter().copied());
                let fit = (all.width() / params.aspect).max(all.height()).max(1e-6);
                let em = params.label_px * fit / params.fit_height_px.max(1.0);
                spread_labels(positions, &radii, labels, em);
                separate(positions, &radii, &is_pinned);
                pack(positions, edges, &radii, gap, params.aspect);
            }
        }
    }
    unit
}

/// Move the labelled actors apart until the boxes round them and their labels (a label's
/// width, the disc plus a line above and below) no longer overlap: the label placement then
/// finds a free spot for each. `em`: world units of one em.
fn spread_labels(positions: &mut [Point], radii: &[f32], labels: &[(u32, f32)], em: f32) {
    let boxes: Vec<(usize, f32, f32)> = labels
        .iter()
        .filter(|(i, _)| (*i as usize) < positions.len())
        .map(|&(i, w)| {
            let r = radii[i as usize];
            (i as usize, (0.5 * w * em).max(r) + 0.3 * em, r + 1.4 * em)
        })
        .collect();
    for _ in 0..50 {
        let mut moved = false;
        for a in 0..boxes.len() {
            for b in a + 1..boxes.len() {
                let (i, wi, hi) = boxes[a];
                let (j, wj, hj) = boxes[b];
                let d = positions[j] - positions[i];
                let (ox, oy) = (wi + wj - d.x.abs(), hi + hj - d.y.abs());
                if ox <= 0.0 || oy <= 0.0 {
                    continue;
                }
                // apart along the line between them (the core swells, its shape stays), just
                // far enough for one of the two overlaps to end; half each
                let t = match (d.x.abs() > 1e-6, d.y.abs() > 1e-6) {
                    (false, false) => {
                        positions[j].x += wi + wj;
                        moved = true;
                        continue;
                    }
                    (true, false) => (wi + wj) / d.x.abs(),
                    (false, true) => (hi + hj) / d.y.abs(),
                    _ => ((wi + wj) / d.x.abs()).min((hi + hj) / d.y.abs()),
                };
                let shift = d * ((t - 1.0).max(0.0) * 0.5 * 1.001);
                positions[i] -= shift;
                positions[j] += shift;
                moved = true;
            }
        }
        if !moved {
            break;
        }
    }
}

/// World units per style pixel of a layout, by the scene's rule, from its layout edges.
pub fn layout_unit(positions: &[Point], edges: &[(u32, u32, f32)]) -> f32 {
    let at = |i: u32| positions.get(i as usize).copied().unwrap_or(Point::ZERO);
    let lens: Vec<f32> = edges
        .iter()
        .map(|&(a, b, _)| at(a).distance(at(b)))
        .collect();
    crate::scene::unit_from(lens, positions)
}

/// Push overlapping discs apart (Gauss–Seidel passes over a grid, in node order: deterministic)
/// until none overlaps or the passes run out. A pinned disc stays; the other moves the whole way.
fn separate(positions: &mut [Point], radii: &[f32], pinned: &impl Fn(usize) -> bool) {
    let n = positions.len();
    let r_max = radii.iter().copied().fold(0.0f32, f32::max);
    if n < 2 || r_max <= 0.0 || !r_max.is_finite() {
        return;
    }
    let cell = 2.0 * r_max;
    for pass in 0..200 {
        let mut grid: std::collections::HashMap<(i32, i32), Vec<u32>> =
            std::collections::HashMap::new();
        let key = |p: Point| ((p.x / cell).floor() as i32, (p.y / cell).floor() as i32);
        for (i, p) in positions.iter().enumerate() {
            grid.entry(key(*p)).or_default().push(i as u32);
        }
        let mut moved = false;
        for i in 0..n {
            let (cx, cy) = key(positions[i]);
            for dx in -1..=1 {
                for dy in -1..=1 {
                    let Some(cands) = grid.get(&(cx + dx, cy + dy)) else {
                        continue;
                    };
                    for &j in cands {
                        let j = j as usize;
                        if j <= i {
                            continue;
                        }
                        let need = radii[i] + radii[j];
                        let d = positions[j] - positions[i];
                        let dist2 = d.dot(d);
                        if dist2 >= need * need {
                            continue;
                        }
                        let (pi, pj) = (pinned(i), pinned(j));
                        if pi && pj {
                            continue;
                        }
                        let dist = dist2.sqrt();
                        let dir = if dist > need * 1e-4 {
                            d * (1.0 / dist)
                        } else {
                            // coincident: a direction fixed by the pair
                            let a = ((i * 7919 + j * 104_729) % 628) as f32 / 100.0;
                            Point::new(a.cos(), a.sin())
                        };
                        // a hair more than the overlap, so rounding leaves no overlap
                        let push = (need - dist) * 1.001 + need * 1e-4;
                        let (si, sj) = match (pi, pj) {
                            (true, _) => (0.0, 1.0),
                            (_, true) => (1.0, 0.0),
                            _ => (0.5, 0.5),
                        };
                        positions[i] -= dir * (push * si);
                        positions[j] += dir * (push * sj);
                        moved = true;
                    }
                }
            }
        }
        if !moved {
            return;
        }
        let _ = pass;
    }
}

/// Connected components by union–find: the component of each node (a component's id is its
/// smallest node), and whether the node has an edge.
pub fn components(n: usize, edges: &[(u32, u32, f32)]) -> (Vec<u32>, Vec<bool>) {
    let mut parent: Vec<u32> = (0..n as u32).collect();
    fn find(parent: &mut [u32], mut x: u32) -> u32 {
        while parent[x as usize] != x {
            let up = parent[parent[x as usize] as usize];
            parent[x as usize] = up;
            x = up;
        }
        x
    }
    let mut linked = vec![false; n];
    for &(a, b, _) in edges {
        let (a, b) = (a as usize, b as usize);
        if a >= n || b >= n || a == b {
            continue;
        }
        linked[a] = true;
        linked[b] = true;
        let (ra, rb) = (find(&mut parent, a as u32), find(&mut parent, b as u32));
        if ra != rb {
            let (lo, hi) = (ra.min(rb), ra.max(rb));
            parent[hi as usize] = lo;
        }
    }
    let comp = (0..n as u32).map(|i| find(&mut parent, i)).collect();
    (comp, linked)
}

/// Translate whole components so the largest sits in the middle and the others around it;
/// nodes without an edge go in rows under them.
fn pack(positions: &mut [Point], edges: &[(u32, u32, f32)], radii: &[f32], gap: f32, aspect: f32) {
    let n = positions.len();
    let (comp, linked) = components(n, edges);
    // members of each linked component, by component id
    let mut members: std::collections::BTreeMap<u32, Vec<u32>> = Default::default();
    for i in 0..n {
        if linked[i] {
            members.entry(comp[i]).or_default().push(i as u32);
        }
    }
    let disc = |i: usize| {
        let (p, r) = (positions[i], radii[i]);
        Rect::new(Point::new(p.x - r, p.y - r), Point::new(p.x + r, p.y + r))
    };
    let mut comps: Vec<(Vec<u32>, Rect)> = members
        .into_values()
        .map(|m| {
            let mut b = disc(m[0] as usize);
            for &i in &m[1..] {
                b = b.union(&disc(i as usize));
            }
            (m, b)
        })
        .collect();
    // biggest first (nodes, then area), then by smallest node: a total order
    comps.sort_by(|a, b| {
        b.0.len()
            .cmp(&a.0.len())
            .then_with(|| area(&b.1).total_cmp(&area(&a.1)))
            .then_with(|| a.0[0].cmp(&b.0[0]))
    });
    let aspect = if aspect.is_finite() && aspect > 0.0 {
        aspect
    } else {
        1.0
    };
    let mut placed: Vec<Rect> = Vec::with_capacity(comps.len());
    // placed boxes that may still have free room next to them
    let mut open: Vec<usize> = Vec::new();
    let mut total: Option<Rect> = None;
    for (m, b) in &comps {
        let (w, h) = (b.width(), b.height());
        let at = match total {
            None => Rect::new(Point::new(-w * 0.5, -h * 0.5), Point::new(w * 0.5, h * 0.5)),
            Some(t) => place_next(&placed, &mut open, t, w, h, gap, aspect),
        };
        let shift = at.min - b.min;
        for &i in m {
            positions[i as usize] += shift;
        }
        total = Some(total.map_or(at, |t| t.union(&at)));
        open.push(placed.len());
        placed.push(at);
    }
    // Nodes without an edge: rows under everything, in node order.
    let lone: Vec<usize> = (0..n).filter(|&i| !linked[i]).collect();
    if lone.is_empty() {
        return;
    }
    let t = total.unwrap_or(Rect::new(Point::ZERO, Point::ZERO));
    let step = lone.iter().map(|&i| 2.0 * radii[i]).fold(0.0f32, f32::max) + gap * 0.25;
    let width = t.width().max(step * 8.0);
    let per_row = ((width / step).floor() as usize).max(1);
    for (k, &i) in lone.iter().enumerate() {
        let (row, col) = (k / per_row, k % per_row);
        positions[i] = Point::new(
            t.min.x + step * (col as f32 + 0.5),
            t.max.y + gap + step * (row as f32 + 0.5),
        );
    }
}

fn area(r: &Rect) -> f32 {
    r.width() * r.height()
}

/// Where a `w` x `h` box goes next: touching (a gap away) a placed box, overlapping none, with
/// the smallest union box in the wanted proportions, then nearest the middle.
fn place_next(
    placed: &[Rect],
    open: &mut Vec<usize>,
    total: Rect,
    w: f32,
    h: f32,
    gap: f32,
    aspect: f32,
) -> Rect {
    let mut best: Option<(f32, f32, Rect)> = None;
    let mut still_open = Vec::with_capacity(open.len());
    for &k in open.iter() {
        let p = placed[k];
        let xs = [p.min.x, p.center().x - w * 0.5, p.max.x - w];
        let ys = [p.min.y, p.center().y - h * 0.5, p.max.y - h];
        let mut cands: Vec<Point> = Vec::with_capacity(12);
        for &y in &ys {
            cands.push(Point::new(p.max.x + gap, y));
            cands.push(Point::new(p.min.x - gap - w, y));
        }
        for &x in &xs {
            cands.push(Point::new(x, p.max.y + gap));
            cands.push(Point::new(x, p.min.y - gap - h));
        }
        let mut any = false;
        for c in cands {
            let r = Rect::new(c, Point::new(c.x + w, c.y + h));
            let shrunk = r.expand(-gap * 0.01);
            if placed
                .iter()
                .any(|q| q.expand(gap * 0.99).intersects(&shrunk))
            {
                continue;
            }
            any = true;
            let u = total.union(&r);
            let size = (u.width() / aspect).max(u.height());
            let centre = r.center();
            let near = (centre.x / aspect).powi(2) + centre.y.powi(2);
            let better = match &best {
                None => true,
                Some((s, d, _)) => size < *s - 1e-6 || (size <= *s + 1e-6 && near < *d),
            };
            if better {
                best = Some((size, near, r));
            }
        }
        if any {
            still_open.push(k);
        }
    }
    *open = still_open;
    best.map(|(_, _, r)| r).unwrap_or_else(|| {
        // (unreachable in practice: the outermost box always has free sides)
        let c = Point::new(total.max.x + gap, total.min.y);
        Rect::new(c, Point::new(c.x + w, c.y + h))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn overlaps(p: &[Point], r: &[f32]) -> usize {
        let mut k = 0;
        for i in 0..p.len() {
            for j in i + 1..p.len() {
                if p[i].distance(p[j]) < r[i] + r[j] {
                    k += 1;
                }
            }
        }
        k
    }

    #[test]
    fn coincident_and_crowded_discs_are_separated_deterministically() {
        let mut p = vec![Point::new(0.0, 0.0); 30];
        p.extend((0..30).map(|i| Point::new(i as f32 * 0.1, 0.0)));
        let r = vec![1.0; p.len()];
        let mut a = p.clone();
        separate(&mut a, &r, &|_| false);
        assert_eq!(overlaps(&a, &r), 0);
        let mut b = p.clone();
        separate(&mut b, &r, &|_| false);
        assert_eq!(a, b);
    }

    #[test]
    fn pinned_discs_stay() {
        let mut p = vec![Point::new(0.0, 0.0), Point::new(0.5, 0.0)];
        separate(&mut p, &[1.0, 1.0], &|i| i == 0);
        assert_eq!(p[0], Point::ZERO);
        assert!(p[1].x >= 2.0);
    }

    #[test]
    fn components_are_packed_round_the_largest() {
        // a 6-cycle far left, three pairs scattered far away
        let mut pos: Vec<Point> = (0..6)
            .map(|i| {
                let a = i as f32 / 6.0 * std::f32::consts::TAU;
                Point::new(-1000.0 + 100.0 * a.cos(), 100.0 * a.sin())
            })
            .collect();
        pos.extend([
            Point::new(5000.0, 0.0),
            Point::new(5100.0, 0.0),
            Point::new(0.0, 9000.0),
            Point::new(0.0, 9100.0),
            Point::new(-7000.0, -7000.0),
            Point::new(-7100.0, -7000.0),
        ]);
        let mut edges: Vec<(u32, u32, f32)> = (0..6).map(|i| (i, (i + 1) % 6, 1.0)).collect();
        edges.extend([(6, 7, 1.0), (8, 9, 1.0), (10, 11, 1.0)]);
        let before = pos.clone();
        let unit = arrange(&mut pos, &edges, &[], &[], &[], &ArrangeParams::default());
        assert!(unit > 0.0);
        let all = Rect::bounding(pos.iter().copied());
        let big = Rect::bounding(pos[..6].iter().copied());
        // the largest component sits in the middle of the whole and takes most of it
        assert!(all.center().distance(big.center()) < all.width().max(all.height()) * 0.3);
        assert!(big.width() > 0.4 * all.width() || big.height() > 0.4 * all.height());
        // shapes are kept (translation only)
        for k in [(0, 3), (6, 7), (8, 9)] {
            let d0 = before[k.0].distance(before[k.1]);
            let d1 = pos[k.0].distance(pos[k.1]);
            assert!((d0 - d1).abs() < 1e-2 * d0.max(1.0), "{d0} vs {d1}");
        }
        let mut again = before.clone();
        arrange(&mut again, &edges, &[], &[], &[], &ArrangeParams::default());
        assert_eq!(again, pos);
    }
}

//! The scene builder: which relations and actors are drawn, how each is styled (focus, search,
//! filters) and in which order; the geometry is laid out by [`Scene::place`].

use std::collections::BTreeSet;

use petgraph::stable_graph::{EdgeIndex, NodeIndex};
use petgraph::visit::{EdgeRef, IntoEdgeReferences, NodeIndexable};

use super::index::QueryCount;
use super::{
    BUILTIN_KINDS, EdgeGeo, EdgeShape, Geometry, LabelShape, NodeShape, Rgba, Scene, SceneOptions,
    Style, auto_unit,
};
use crate::extract::ActorKind;
use crate::geom::{Point, Rect};
use crate::network::{Network, RelationEdge};

/// Build the scene of a network laid out at `positions` (indexed by node index).
pub fn build_scene(
    net: &Network,
    positions: &[Point],
    opts: &SceneOptions,
    style: &Style,
) -> Scene {
    let g = &net.graph;
    let unit = style
        .unit
        .filter(|u| u.is_finite() && *u > 0.0)
        .unwrap_or_else(|| auto_unit(net, positions));
    let bound = g.node_bound();
    let mut scan = EdgeScan::new(net, opts);
    scan.order_by_pair(bound);
    let mut focus = Focus::new(net, opts, &scan.vis);
    // Node radii (style pixels) by index.
    let mut radius_px = vec![0.0f32; bound];
    for n in g.node_indices() {
        radius_px[n.index()] = style.node_radius(g[n].mentions);
    }
    let (edges, edge_geo) = edge_shapes(&scan, &mut focus, style);
    let (nodes, node_kinds) = node_shapes(net, opts, style, &scan, &focus);
    let node_stroke_px: Vec<f32> = nodes.iter().map(|n| n.stroke_width).collect();
    let labels = label_shapes(net, &nodes, style, &focus);
    let label_chars = labels
        .iter()
        .map(|l| l.text.chars().count() as u32)
        .collect();
    let mut scene = Scene {
        label_rank: label_rank(net, &nodes, &scan.vis, &focus),
        legend: kind_legend(&scan, style),
        node_legend: node_kinds
            .into_iter()
            .map(|k| (k.as_str().to_owned(), style.node_color(k)))
            .collect(),
        nodes,
        edges,
        labels,
        bounds: Rect::bounding(std::iter::empty()),
        unit,
        index: std::sync::OnceLock::new(),
        queries: QueryCount::default(),
        geo: Geometry {
            edges: edge_geo,
            node_stroke_px,
            radius_px,
            label_chars,
        },
    };
    scene.place(positions, style, unit);
    scene
}

/// The one pass over the edges (their storage is the biggest thing read here): each edge's
/// kind as an index into the distinct kind names (looked up once each, not once per edge), and
/// the visible edges as (lo, hi, edge) with lo <= hi by index, to group parallel edges, with
/// what the drawing needs of the edge (no random access into the graph later) and the sort key
/// (see [`VisEntry`]; its legend-order bits are filled in once all kinds are known).
struct EdgeScan<'a> {
    kind_names: Vec<&'a str>,
    vis: Vec<VisEntry>,
    /// By node index: has a relation at all; has a visible one.
    has_edge: Vec<bool>,
    has_visible: Vec<bool>,
}

/// The kinds met so far in an [`EdgeScan`].
#[derive(Default)]
struct KindTable<'a> {
    names: Vec<&'a str>,
    visible: Vec<bool>,
    /// Distinct string pointers seen, with the kind each one is.
    ptrs: Vec<(&'a str, usize)>,
}

impl<'a> KindTable<'a> {
    /// The index of kind `k`. A network's edges of one kind share its string
    /// (`Network::kinds`): pointers are compared first, the bytes only for a string not seen
    /// yet.
    fn index(&mut self, k: &'a str, opts: &SceneOptions) -> usize {
        // (branch-free scan: edges of mixed kinds would mispredict an early exit)
        let mut seen = usize::MAX;
        for (i, (n, _)) in self.ptrs.iter().enumerate() {
            if n.as_ptr() == k.as_ptr() && n.len() == k.len() {
                seen = i;
            }
        }
        if let Some(&(_, i)) = self.ptrs.get(seen) {
            return i;
        }
        let i = match self.names.iter().position(|n| *n == k) {
            Some(i) => i,
            None => {
                self.names.push(k);
                self.visible
                    .push(opts.visible_kinds.as_ref().is_none_or(|v| v.contains(k)));
                self.names.len() - 1
            }
        };
        // (bounded: a network built without shared strings compares bytes)
        if self.ptrs.len() < 64 {
            self.ptrs.push((k, i));
        }
        i
    }
}

impl<'a> EdgeScan<'a> {
    fn new(net: &'a Network, opts: &SceneOptions) -> Self {
        let g = &net.graph;
        let bound = g.node_bound();
        let mut kinds = KindTable::default();
        let mut scan = EdgeScan {
            kind_names: Vec::new(),
            vis: Vec::new(),
            has_edge: vec![false; bound],
            has_visible: vec![false; bound],
        };
        for e in g.edge_references() {
            let (s, t) = (e.source(), e.target());
            scan.has_edge[s.index()] = true;
            scan.has_edge[t.index()] = true;
            let w = e.weight();
            let kind = kinds.index(&w.kind, opts);
            if !node_shown(opts, s) || !node_shown(opts, t) {
                continue;
            }
            let Some(weight) = edge_weight(opts, e.id(), (s, t), w, kinds.visible[kind]) else {
                continue;
            };
            scan.has_visible[s.index()] = true;
            scan.has_visible[t.index()] = true;
            let (lo, hi) = (s.min(t), s.max(t));
            scan.vis.push(VisEntry {
                pair: (lo.index() as u64) << 32 | hi.index() as u64,
                within: (w.directed as u64) << 33
                    | ((s != lo) as u64) << 32
                    | e.id().index() as u64,
                weight: weight.min(u32::MAX as usize) as u32,
                kind: kind as u16,
            });
        }
        scan.kind_names = kinds.names;
        scan
    }

    /// Fill in the kinds' legend order (built-ins first, then by name) and sort the visible
    /// edges by their key.
    fn order_by_pair(&mut self, bound: usize) {
        let names = &self.kind_names;
        let mut by_rank: Vec<usize> = (0..names.len()).collect();
        by_rank.sort_by(|&a, &b| {
            kind_rank(names[a])
                .cmp(&kind_rank(names[b]))
                .then_with(|| names[a].cmp(names[b]))
        });
        let mut kind_order = vec![0u64; names.len()];
        for (r, &k) in by_rank.iter().enumerate() {
            kind_order[k] = r as u64;
        }
        if kind_order.iter().any(|&r| r > 0) {
            for v in self.vis.iter_mut() {
                v.within |= kind_order[v.kind as usize] << 34;
            }
        }
        sort_by_pair(&mut self.vis, bound);
    }
}

/// Whether an actor is shown (not hidden, and in the focus when there is one).
fn node_shown(opts: &SceneOptions, n: NodeIndex) -> bool {
    (opts.hidden_nodes.is_empty() || !opts.hidden_nodes.contains(&n))
        && opts.shown_nodes.as_ref().is_none_or(|s| s.contains(&n))
}

/// The evidence count a relation between `ends` is drawn with, `None` when it is not drawn:
/// the edge filter's view when the options carry one, else the options' own filters
/// (`kind_visible`: its kind is switched on). No self-loops.
fn edge_weight(
    opts: &SceneOptions,
    e: EdgeIndex,
    (s, t): (NodeIndex, NodeIndex),
    w: &RelationEdge,
    kind_visible: bool,
) -> Option<usize> {
    if s == t {
        return None;
    }
    match &opts.edges {
        Some(view) => view.stats(e).map(|st| st.sentences as usize),
        None => {
            let hidden = !opts.hidden_edges.is_empty() && opts.hidden_edges.contains(&e);
            (w.weight() >= opts.min_evidence && kind_visible && !hidden).then(|| w.weight())
        }
    }
}

/// What is in focus: hovered or selected actors and their visible neighbours, else search
/// hits; the selected relation and its two ends.
struct Focus<'a> {
    net: &'a Network,
    opts: &'a SceneOptions,
    /// Hovered and selected actors.
    focus: Vec<NodeIndex>,
    /// By node index: in focus, a neighbour of it, a search hit or an end of the selected
    /// relation (filled in further while the edges are styled).
    active: Vec<bool>,
    focusing: bool,
    searching: bool,
    /// The selected relation, when it is drawn.
    selected_edge: Option<EdgeIndex>,
}

impl<'a> Focus<'a> {
    fn new(net: &'a Network, opts: &'a SceneOptions, vis: &[VisEntry]) -> Self {
        let g = &net.graph;
        let focus: Vec<NodeIndex> = [opts.selected_node, opts.hovered_node]
            .into_iter()
            .flatten()
            .filter(|n| g.contains_node(*n))
            .collect();
        let mut active = vec![false; g.node_bound()];
        let focusing = !focus.is_empty();
        let searching = !focusing && opts.highlighted_nodes.iter().any(|n| g.contains_node(*n));
        for &n in &focus {
            active[n.index()] = true;
        }
        if searching {
            for n in &opts.highlighted_nodes {
                if g.contains_node(*n) {
                    active[n.index()] = true;
                }
            }
        }
        let selected_edge = opts
            .selected_edge
            .filter(|e| vis.iter().any(|v| v.edge() == *e));
        if let Some((s, t)) = selected_edge.and_then(|e| g.edge_endpoints(e)) {
            active[s.index()] = true;
            active[t.index()] = true;
        }
        Focus {
            net,
            opts,
            focus,
            active,
            focusing,
            searching,
            selected_edge,
        }
    }

    fn is_focus(&self, n: NodeIndex) -> bool {
        self.focus.contains(&n)
    }

    fn is_hit(&self, n: NodeIndex) -> bool {
        self.opts.highlighted_nodes.contains(&n)
    }

    /// Whether `n` is hovered or selected, or an end of the selected relation.
    fn is_focused(&self, n: NodeIndex) -> bool {
        self.is_focus(n)
            || self.selected_edge.is_some_and(|e| {
                self.net
                    .graph
                    .edge_endpoints(e)
                    .is_some_and(|(s, t)| s == n || t == n)
            })
    }

    /// Whether the relation `s`–`t` is drawn at full strength; marks the neighbours of the
    /// focus active.
    fn edge_active(&mut self, s: NodeIndex, t: NodeIndex) -> bool {
        if self.focusing {
            if self.is_focus(s) || self.is_focus(t) {
                self.active[s.index()] = true;
                self.active[t.index()] = true;
                return true;
            }
            false
        } else if self.searching {
            self.is_hit(s) || self.is_hit(t)
        } else {
            true
        }
    }

    /// Whether the rest is dimmed (something is focused or searched).
    fn dims(&self) -> bool {
        self.focusing || self.searching
    }
}

/// The edges' shapes (positions come in `place`) and their slots among each pair's parallel
/// edges; dimmed first, selected last.
fn edge_shapes(
    scan: &EdgeScan,
    focus: &mut Focus,
    style: &Style,
) -> (Vec<EdgeShape>, Vec<EdgeGeo>) {
    // Each kind's colour as drawn: selected (full), dimmed, normal.
    let kind_colors: Vec<[Rgba; 3]> = scan
        .kind_names
        .iter()
        .map(|k| {
            let c = style.kind_color(k);
            [c, c.faded(style.dim_alpha), c.faded(style.edge_alpha)]
        })
        .collect();
    // Edge widths of the common weights, computed once (a logarithm each).
    let widths: Vec<f32> = (0..64).map(|w| style.edge_width(w)).collect();
    let vis = &scan.vis;
    let mut edges = Vec::with_capacity(vis.len());
    let mut edge_geo = Vec::with_capacity(vis.len());
    for group in vis.chunk_by(|a, b| a.pair == b.pair) {
        let k = group.len();
        for (slot, w) in group.iter().enumerate() {
            let (e, (s, t)) = (w.edge(), w.ends());
            let selected = focus.selected_edge == Some(e);
            let dimmed = !(focus.edge_active(s, t) || selected);
            let mut width_px = widths
                .get(w.weight as usize)
                .copied()
                .unwrap_or_else(|| style.edge_width(w.weight as usize));
            if selected {
                width_px = width_px * style.selected_edge_scale + style.selected_edge_extra;
            }
            let [base, dim, normal] = kind_colors[w.kind as usize];
            edges.push(EdgeShape {
                edge: e,
                source: s,
                target: t,
                from: Point::ZERO,
                ctrl: Point::ZERO,
                to: Point::ZERO,
                color: if selected {
                    base
                } else if dimmed {
                    dim
                } else {
                    normal
                },
                width: 0.0,
                arrow: None,
                dimmed,
                selected,
            });
            edge_geo.push(EdgeGeo {
                slot: slot as f32 - (k as f32 - 1.0) / 2.0,
                parallel: k as u32,
                width_px,
                directed: w.directed(),
            });
        }
    }
    // Dimmed first, selected last (stable: keeps the grouping order otherwise).
    let layer = |e: &EdgeShape| (!e.dimmed) as u8 + 2 * e.selected as u8;
    if edges.windows(2).any(|w| layer(&w[0]) > layer(&w[1])) {
        let mut order: Vec<u32> = (0..edges.len() as u32).collect();
        order.sort_by_key(|&i| layer(&edges[i as usize]));
        edges = order.iter().map(|&i| edges[i as usize].clone()).collect();
        edge_geo = order.iter().map(|&i| edge_geo[i as usize]).collect();
    }
    (edges, edge_geo)
}

/// The shown actors' discs (positions come in `place`), dimmed first, then normal, search
/// hits, focus on top; and the actor types drawn.
fn node_shapes(
    net: &Network,
    opts: &SceneOptions,
    style: &Style,
    scan: &EdgeScan,
    focus: &Focus,
) -> (Vec<NodeShape>, BTreeSet<ActorKind>) {
    let g = &net.graph;
    let mut node_kinds = BTreeSet::new();
    let mut nodes = Vec::with_capacity(g.node_count());
    for n in g.node_indices() {
        let a = &g[n];
        let hit = focus.is_hit(n);
        let focused = focus.is_focused(n);
        let focus_dim = focus.dims() && !focus.active[n.index()];
        if !node_shown(opts, n) {
            continue;
        }
        if !opts.show_isolated && !scan.has_visible[n.index()] && !focused && !hit {
            continue;
        }
        node_kinds.insert(a.kind);
        let filtered = scan.has_edge[n.index()] && !scan.has_visible[n.index()] && !focused && !hit;
        let mut fill = style.node_color(a.kind);
        let (mut stroke, mut stroke_width) = (style.node_stroke, style.node_stroke_width);
        if hit {
            stroke = style.highlight_stroke;
            stroke_width = style.highlight_stroke_width;
        }
        if focused {
            stroke = style.selected_stroke;
            stroke_width = style.selected_stroke_width;
        }
        let fade = if focus_dim {
            style.dim_fade
        } else if filtered {
            style.filtered_fade
        } else {
            0.0
        };
        if fade > 0.0 {
            fill = fill.mix(style.background, fade);
            stroke = stroke.mix(style.background, fade);
        }
        nodes.push(NodeShape {
            node: n,
            center: Point::ZERO,
            radius: 0.0,
            fill,
            stroke,
            // style pixels until `place` scales it
            stroke_width,
            dimmed: fade > 0.0,
        });
    }
    let layer = |s: &NodeShape| {
        let n = s.node;
        if focus.is_focus(n) {
            3u8
        } else if focus.is_hit(n) {
            2
        } else {
            (!s.dimmed) as u8
        }
    };
    if nodes.windows(2).any(|w| layer(&w[0]) > layer(&w[1])) {
        nodes.sort_by_cached_key(layer);
    }
    (nodes, node_kinds)
}

/// The labels, in node order (placed below or above the node in `place`).
fn label_shapes(
    net: &Network,
    nodes: &[NodeShape],
    style: &Style,
    focus: &Focus,
) -> Vec<LabelShape> {
    nodes
        .iter()
        .map(|s| {
            let mut color = style.label_color;
            if s.dimmed {
                color = color.mix(style.background, if focus.dims() { 0.7 } else { 0.45 });
            }
            LabelShape {
                node: s.node,
                text: net.graph[s.node].name.clone(),
                pos: Point::ZERO,
                size: 0.0,
                color,
            }
        })
        .collect()
}

/// The legend of the kinds drawn: the built-in kinds first, then the others by name.
fn kind_legend(scan: &EdgeScan, style: &Style) -> Vec<(String, Rgba)> {
    let mut present = vec![false; scan.kind_names.len()];
    for v in &scan.vis {
        present[v.kind as usize] = true;
    }
    let kinds: BTreeSet<&str> = scan
        .kind_names
        .iter()
        .zip(&present)
        .filter(|(_, p)| **p)
        .map(|(k, _)| *k)
        .collect();
    let mut legend: Vec<(String, Rgba)> = BUILTIN_KINDS
        .iter()
        .filter(|k| kinds.contains(*k))
        .map(|k| (k.to_string(), style.kind_color(k)))
        .collect();
    legend.extend(
        kinds
            .iter()
            .filter(|k| !BUILTIN_KINDS.contains(k))
            .map(|k| (k.to_string(), style.kind_color(k))),
    );
    legend
}

/// The labels' priority (indices into `nodes`, most important first): focus, search hits,
/// then mentions, degree (visible relations).
fn label_rank(net: &Network, nodes: &[NodeShape], vis: &[VisEntry], focus: &Focus) -> Vec<u32> {
    let g = &net.graph;
    let mut degree = vec![0u32; g.node_bound()];
    for v in vis {
        degree[v.lo()] += 1;
        degree[v.pair as u32 as usize] += 1;
    }
    let tier = |n: NodeIndex| {
        if focus.is_focused(n) {
            0u8
        } else if focus.is_hit(n) {
            1
        } else {
            2
        }
    };
    let mut label_rank: Vec<u32> = (0..nodes.len() as u32).collect();
    label_rank.sort_by_cached_key(|&i| {
        let n = nodes[i as usize].node;
        (
            tier(n),
            std::cmp::Reverse(g[n].mentions),
            std::cmp::Reverse(degree[n.index()]),
            n.index(),
        )
    });
    label_rank
}

/// Sort the visible edges by their key: a counting sort on the lower node index (the pair
/// key's high half), then the few edges of each node by the whole key. O(edges + nodes).
fn sort_by_pair(vis: &mut Vec<VisEntry>, bound: usize) {
    let mut start = vec![0u32; bound + 1];
    for v in vis.iter() {
        start[v.lo() + 1] += 1;
    }
    for i in 0..bound {
        start[i + 1] += start[i];
    }
    let mut next = start.clone();
    let mut order = vec![0u32; vis.len()];
    for (i, v) in vis.iter().enumerate() {
        let slot = &mut next[v.lo()];
        order[*slot as usize] = i as u32;
        *slot += 1;
    }
    for w in start.windows(2) {
        let bucket = &mut order[w[0] as usize..w[1] as usize];
        if bucket.len() > 1 {
            bucket.sort_unstable_by_key(|&i| (vis[i as usize].pair, vis[i as usize].within));
        }
    }
    *vis = order.iter().map(|&i| vis[i as usize]).collect();
}

/// A visible edge in [`build_scene`], packed (the pass over all edges writes, sorts and reads
/// these: small entries, less memory traffic). Sorted by pair, then kind (legend order),
/// undirected first, lo -> hi first, edge index: the edge index makes the order total, so an
/// unstable sort is deterministic.
#[derive(Debug, Clone, Copy)]
struct VisEntry {
    /// Lower node index << 32 | higher node index: parallel edges are equal here.
    pair: u64,
    /// Legend rank of the kind << 34 | directed << 33 | reversed (source is the higher node)
    /// << 32 | edge index.
    within: u64,
    /// Evidence count.
    weight: u32,
    /// Index into the scene's kind list.
    kind: u16,
}

impl VisEntry {
    fn lo(&self) -> usize {
        (self.pair >> 32) as usize
    }
    fn edge(&self) -> EdgeIndex {
        EdgeIndex::new(self.within as u32 as usize)
    }
    fn directed(&self) -> bool {
        self.within >> 33 & 1 == 1
    }
    /// (source, target).
    fn ends(&self) -> (NodeIndex, NodeIndex) {
        let (lo, hi) = (
            NodeIndex::new(self.lo()),
            NodeIndex::new(self.pair as u32 as usize),
        );
        if self.within >> 32 & 1 == 1 {
            (hi, lo)
        } else {
            (lo, hi)
        }
    }
}

/// Legend order: the kind registry's.
fn kind_rank(kind: &str) -> usize {
    crate::kinds::rank(kind)
}

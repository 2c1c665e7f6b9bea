//! Focus on part of a big network: the top N actors (by mentions or degree), the largest
//! component only, the ego network of an actor (depth 1–3), hidden actors. The result is the
//! set of actors to show ([`crate::scene::SceneOptions::shown_nodes`]); relations among them
//! are shown as the other filters allow.

use std::collections::{BTreeSet, VecDeque};

use petgraph::stable_graph::{EdgeIndex, NodeIndex};
use petgraph::visit::{EdgeRef, IntoEdgeReferences, NodeIndexable};

use crate::network::{Network, RelationEdge};

/// How "top N actors" ranks them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum Rank {
    #[default]
    Mentions,
    /// Visible relations.
    Degree,
}

/// The focus settings (all off by default).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Focus {
    /// Only the N highest-ranked actors.
    pub top: Option<(usize, Rank)>,
    /// Only the largest connected component.
    pub largest_component: bool,
    /// Only the actors within `depth` relations of this one.
    pub ego: Option<(NodeIndex, u8)>,
    /// Actors the user hid (applied before the others: a hidden actor links nothing).
    pub hidden: BTreeSet<NodeIndex>,
}

/// Deepest ego network offered.
pub const MAX_EGO_DEPTH: u8 = 3;

impl Focus {
    /// Whether anything restricts what is shown besides hidden actors.
    pub fn restricts(&self) -> bool {
        self.top.is_some() || self.largest_component || self.ego.is_some()
    }

    /// The actors to show, `None` when the focus shows every actor (hidden ones aside).
    /// `keep`: whether a relation passes the other filters (kinds, evidence, hidden edges).
    pub fn shown(
        &self,
        net: &Network,
        keep: impl Fn(EdgeIndex, &RelationEdge) -> bool,
    ) -> Option<BTreeSet<NodeIndex>> {
        if !self.restricts() {
            return None;
        }
        let g = &net.graph;
        let bound = g.node_bound();
        // adjacency over the visible relations among actors not hidden
        let mut adj: Vec<Vec<u32>> = vec![Vec::new(); bound];
        for e in g.edge_references() {
            let (s, t) = (e.source(), e.target());
            if s == t
                || self.hidden.contains(&s)
                || self.hidden.contains(&t)
                || !keep(e.id(), e.weight())
            {
                continue;
            }
            adj[s.index()].push(t.index() as u32);
            adj[t.index()].push(s.index() as u32);
        }
        for a in adj.iter_mut() {
            a.sort_unstable();
            a.dedup();
        }
        let mut shown: Vec<bool> = (0..bound)
            .map(|i| {
                let n = NodeIndex::new(i);
                g.contains_node(n) && !self.hidden.contains(&n)
            })
            .collect();
        if let Some((center, depth)) = self.ego {
            let mut within = vec![false; bound];
            if center.index() < bound && shown[center.index()] {
                within[center.index()] = true;
                let mut queue = VecDeque::from([(center.index(), 0u8)]);
                while let Some((i, d)) = queue.pop_front() {
                    if d >= depth.clamp(1, MAX_EGO_DEPTH) {
                        continue;
                    }
                    for &j in &adj[i] {
                        let j = j as usize;
                        if !within[j] {
                            within[j] = true;
                            queue.push_back((j, d + 1));
                        }
                    }
                }
            }
            for (s, w) in shown.iter_mut().zip(&within) {
                *s &= *w;
            }
        }
        if self.largest_component {
            let comp = largest_component(&adj, &shown);
            for (s, c) in shown.iter_mut().zip(&comp) {
                *s &= *c;
            }
        }
        if let Some((n, rank)) = self.top {
            let mut order: Vec<usize> = (0..bound).filter(|&i| shown[i]).collect();
            let key = |i: usize| match rank {
                Rank::Mentions => (g[NodeIndex::new(i)].mentions, adj[i].len()),
                Rank::Degree => (adj[i].len(), g[NodeIndex::new(i)].mentions),
            };
            order.sort_by_key(|&i| (std::cmp::Reverse(key(i)), i));
            let keep: BTreeSet<usize> = order.into_iter().take(n).collect();
            for (i, s) in shown.iter_mut().enumerate() {
                *s &= keep.contains(&i);
            }
        }
        Some(
            (0..bound)
                .filter(|&i| shown[i])
                .map(NodeIndex::new)
                .collect(),
        )
    }
}

/// The largest connected component among the `shown` nodes with a relation (ties: the one
/// with the smallest node index).
fn largest_component(adj: &[Vec<u32>], shown: &[bool]) -> Vec<bool> {
    let n = adj.len();
    let mut comp = vec![u32::MAX; n];
    let (mut best, mut best_size) = (u32::MAX, 0usize);
    for start in 0..n {
        if comp[start] != u32::MAX || !shown[start] || adj[start].is_empty() {
            continue;
        }
        let id = start as u32;
        comp[start] = id;
        let mut stack = vec![start];
        let mut size = 0;
        while let Some(i) = stack.pop() {
            size += 1;
            for &j in &adj[i] {
                let j = j as usize;
                if shown[j] && comp[j] == u32::MAX {
                    comp[j] = id;
                    stack.push(j);
                }
            }
        }
        if size > best_size {
            (best, best_size) = (id, size);
        }
    }
    comp.iter()
        .map(|&c| c == best && best != u32::MAX)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::ActorKind;
    use crate::network::ActorNode;

    /// A path a-b-c-d, a pair e-f, and g alone; mentions 10, 1, 5, 2, 50, 3, 100.
    fn net() -> Network {
        let mut net = Network::new();
        let ns: Vec<NodeIndex> = [10, 1, 5, 2, 50, 3, 100]
            .iter()
            .enumerate()
            .map(|(i, &m)| {
                net.graph.add_node(ActorNode {
                    id: format!("n{i}"),
                    name: format!("N{i}").into(),
                    kind: ActorKind::State,
                    aliases: Default::default(),
                    mentions: m,
                })
            })
            .collect();
        for (a, b) in [(0, 1), (1, 2), (2, 3), (4, 5)] {
            net.graph.add_edge(
                ns[a],
                ns[b],
                RelationEdge {
                    kind: "cooperation".into(),
                    directed: false,
                    evidence: Vec::new(),
                },
            );
        }
        net
    }

    fn ids(s: Option<BTreeSet<NodeIndex>>) -> Vec<usize> {
        s.unwrap().into_iter().map(|n| n.index()).collect()
    }

    #[test]
    fn each_focus_shows_what_it_says() {
        let net = net();
        let all = |_: EdgeIndex, _: &RelationEdge| true;
        assert_eq!(Focus::default().shown(&net, all), None);
        let largest = Focus {
            largest_component: true,
            ..Default::default()
        };
        assert_eq!(ids(largest.shown(&net, all)), vec![0, 1, 2, 3]);
        let ego = |d| Focus {
            ego: Some((NodeIndex::new(1), d)),
            ..Default::default()
        };
        assert_eq!(ids(ego(1).shown(&net, all)), vec![0, 1, 2]);
        assert_eq!(ids(ego(2).shown(&net, all)), vec![0, 1, 2, 3]);
        let top = Focus {
            top: Some((3, Rank::Mentions)),
            ..Default::default()
        };
        assert_eq!(ids(top.shown(&net, all)), vec![0, 4, 6]);
        let by_degree = Focus {
            top: Some((2, Rank::Degree)),
            ..Default::default()
        };
        assert_eq!(ids(by_degree.shown(&net, all)), vec![1, 2]);
        // hiding b cuts the path: the largest component is then c-d (ties: e-f has index 4)
        let cut = Focus {
            largest_component: true,
            hidden: [NodeIndex::new(1)].into(),
            ..Default::default()
        };
        assert_eq!(ids(cut.shown(&net, all)), vec![2, 3]);
        // an ego network of a hidden or missing actor is empty, never a panic
        let gone = Focus {
            ego: Some((NodeIndex::new(99), 3)),
            ..Default::default()
        };
        assert_eq!(ids(gone.shown(&net, all)), Vec::<usize>::new());
    }
}

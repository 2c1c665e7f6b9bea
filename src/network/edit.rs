//! Edits of a built network: what the user's corrections do (merge two actors, rename one,
//! set its type, remove a relation or one of its sentences, change a relation's kind). Node
//! indices of the actors left stay as they were (a `StableGraph`), so positions keyed by
//! index survive an edit.

use petgraph::Direction;
use petgraph::stable_graph::{EdgeIndex, NodeIndex};
use petgraph::visit::EdgeRef as _;

use super::{Evidence, Network, RelationEdge, Role, add_highlight_rel};
use crate::extract::ActorKind;

impl Network {
    /// The relation `source`–`target` of `kind` as saved (ids, kind): a directed relation in
    /// that direction first, then either direction.
    pub fn find_relation(&self, source: &str, target: &str, kind: &str) -> Option<EdgeIndex> {
        let (s, t) = (self.node(source)?, self.node(target)?);
        let of_kind = |e: EdgeIndex| *self.graph[e].kind == *kind;
        let forward = self.graph.edges_connecting(s, t).map(|e| e.id());
        let mut found = None;
        for e in forward.filter(|&e| of_kind(e)) {
            // a directed relation in the saved direction wins over an undirected one
            if self.graph[e].directed {
                return Some(e);
            }
            found.get_or_insert(e);
        }
        found.or_else(|| {
            self.graph
                .edges_connecting(t, s)
                .map(|e| e.id())
                .find(|&e| of_kind(e) && !self.graph[e].directed)
        })
    }

    /// Merge actor `from` into actor `into`: its mentions, forms and relations become
    /// `into`'s (relations between the two are dropped, evidence of relations that meet is
    /// joined) and `from` is removed. `false` when either is missing or they are one.
    pub fn merge_actors(&mut self, from: &str, into: &str) -> bool {
        let (Some(nf), Some(ni)) = (self.node(from), self.node(into)) else {
            return false;
        };
        if nf == ni {
            return false;
        }
        let mut moved: Vec<(EdgeIndex, NodeIndex, NodeIndex)> = Vec::new();
        for dir in [Direction::Outgoing, Direction::Incoming] {
            for e in self.graph.edges_directed(nf, dir) {
                moved.push((e.id(), e.source(), e.target()));
            }
        }
        moved.sort();
        moved.dedup();
        for (e, s, t) in moved {
            let Some(r) = self.take_edge(e) else {
                continue;
            };
            let swap = |n: NodeIndex| if n == nf { ni } else { n };
            let (s, t) = (swap(s), swap(t));
            if s != t {
                self.put_evidence(s, t, &r.kind, r.directed, r.evidence);
            }
        }
        if let Some(gone) = self.graph.remove_node(nf) {
            let n = &mut self.graph[ni];
            n.mentions += gone.mentions;
            n.aliases.extend(gone.aliases);
        }
        self.nodes.remove(from);
        true
    }

    /// Give an actor another display name. `false` when it is missing.
    pub fn rename_actor(&mut self, id: &str, name: &str) -> bool {
        let Some(n) = self.node(id) else {
            return false;
        };
        self.graph[n].name = name.into();
        true
    }

    /// Set an actor's type. `false` when it is missing.
    pub fn set_actor_kind(&mut self, id: &str, kind: ActorKind) -> bool {
        let Some(n) = self.node(id) else {
            return false;
        };
        self.graph[n].kind = kind;
        true
    }

    /// Remove a relation and its evidence.
    pub fn remove_relation(&mut self, e: EdgeIndex) -> bool {
        self.take_edge(e).is_some()
    }

    /// Remove one supporting sentence of a relation (the relation goes with its last one).
    /// `false` when the relation has no such sentence.
    pub fn remove_evidence(&mut self, e: EdgeIndex, article: usize, sentence: usize) -> bool {
        let Some(i) = self.evidence_at.remove(&(e, article, sentence)) else {
            return false;
        };
        let Some(r) = self.graph.edge_weight_mut(e) else {
            return false;
        };
        r.evidence.remove(i);
        if r.evidence.is_empty() {
            self.take_edge(e);
            return true;
        }
        for (j, ev) in r.evidence.iter().enumerate().skip(i) {
            self.evidence_at.insert((e, ev.article, ev.sentence), j);
        }
        true
    }

    /// Make a relation one of another kind (`reverse`: a directed one from its target to
    /// its source). Its evidence joins a relation of that kind between the two if there is
    /// one. Returns the relation's new edge.
    pub fn change_kind(
        &mut self,
        e: EdgeIndex,
        kind: &str,
        directed: bool,
        reverse: bool,
    ) -> Option<EdgeIndex> {
        let (s, t) = self.graph.edge_endpoints(e)?;
        let r = self.take_edge(e)?;
        let (s, t, evidence) = if reverse && directed {
            (t, s, swap_roles(r.evidence))
        } else {
            (s, t, r.evidence)
        };
        self.put_evidence(s, t, kind, directed, evidence)
    }

    /// Remove an edge with its index entries; its weight.
    fn take_edge(&mut self, e: EdgeIndex) -> Option<RelationEdge> {
        let (s, t) = self.graph.edge_endpoints(e)?;
        let r = self.graph.remove_edge(e)?;
        self.edges.remove(&(s, t, r.kind.to_string(), r.directed));
        for ev in &r.evidence {
            self.evidence_at.remove(&(e, ev.article, ev.sentence));
        }
        Some(r)
    }

    /// Add evidence to the relation `s`–`t` of `kind` (made if new; an undirected one keyed
    /// with its ids in order, as [`Network::add_article`] does). A sentence it already has
    /// adds its highlights. Returns the edge.
    fn put_evidence(
        &mut self,
        s: NodeIndex,
        t: NodeIndex,
        kind: &str,
        directed: bool,
        evidence: Vec<Evidence>,
    ) -> Option<EdgeIndex> {
        let (s, t, evidence) = if !directed && self.graph[s].id > self.graph[t].id {
            (t, s, swap_roles(evidence))
        } else {
            (s, t, evidence)
        };
        let key = (s, t, kind.to_owned(), directed);
        let e = match self.edges.get(&key) {
            Some(&e) => e,
            None => {
                let kind = self.intern_kind(kind);
                let e = self.graph.add_edge(
                    s,
                    t,
                    RelationEdge {
                        kind,
                        directed,
                        evidence: Vec::new(),
                    },
                );
                self.edges.insert(key, e);
                e
            }
        };
        for ev in evidence {
            match self.evidence_at.get(&(e, ev.article, ev.sentence)) {
                Some(&i) => {
                    let list = &mut self.graph[e].evidence[i].highlights;
                    for (span, role) in ev.highlights {
                        add_highlight_rel(list, span, role);
                    }
                }
                None => {
                    let list = &mut self.graph[e].evidence;
                    self.evidence_at
                        .insert((e, ev.article, ev.sentence), list.len());
                    list.push(ev);
                }
            }
        }
        // evidence in reading order (article, sentence), as a fresh extraction has it
        let list = &mut self.graph[e].evidence;
        if !list.is_sorted_by_key(|ev| (ev.article, ev.sentence)) {
            list.sort_by_key(|ev| (ev.article, ev.sentence));
            for (j, ev) in list.iter().enumerate() {
                self.evidence_at.insert((e, ev.article, ev.sentence), j);
            }
        }
        Some(e)
    }
}

/// The source's marks become the target's and back (the relation was turned round).
fn swap_roles(mut evidence: Vec<Evidence>) -> Vec<Evidence> {
    for ev in &mut evidence {
        for (_, role) in &mut ev.highlights {
            *role = match *role {
                Role::Source => Role::Target,
                Role::Target => Role::Source,
                Role::Trigger => Role::Trigger,
            };
        }
    }
    evidence
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::{ActorInfo, ArticleExtraction, Mention, RelationMention};
    use crate::ingest::Article;
    use crate::text::Span;

    /// One article, one sentence per relation `(source, kind, target)` ("A x B.").
    fn net(relations: &[(&str, &str, &str)]) -> Network {
        let mut text = String::new();
        let mut x = ArticleExtraction::default();
        let mut ids = std::collections::BTreeSet::new();
        for (i, (s, k, t)) in relations.iter().enumerate() {
            let start = text.len();
            text.push_str(&format!("{s} {k} {t}. "));
            let sp = Span::new(start, start + s.len());
            let tr = Span::new(sp.end + 1, sp.end + 1 + k.len());
            let tp = Span::new(tr.end + 1, tr.end + 1 + t.len());
            x.sentences.push(Span::new(start, tp.end + 1));
            for (id, span) in [(s, sp), (t, tp)] {
                ids.insert(id.to_string());
                x.mentions.push(Mention {
                    actor: id.to_string(),
                    sentence: i,
                    span,
                });
            }
            x.relations.push(RelationMention {
                source: s.to_string(),
                target: t.to_string(),
                kind: k.to_string(),
                directed: *k != "cooperation",
                sentence: i,
                trigger: k.to_string(),
                trigger_span: tr,
                source_span: Some(sp),
                target_span: Some(tp),
                category: String::new(),
            });
        }
        x.actors = ids
            .iter()
            .map(|id| ActorInfo {
                id: id.clone(),
                name: id.to_uppercase(),
                kind: ActorKind::State,
            })
            .collect();
        let a = Article {
            text,
            ..Default::default()
        };
        Network::from_extractions([(&a, &x)])
    }

    #[test]
    fn merging_moves_relations_joins_evidence_and_keeps_other_indices() {
        let mut n = net(&[
            ("a", "cooperation", "c"),
            ("b", "cooperation", "c"),
            ("a", "cooperation", "b"),
            ("b", "sanctions", "d"),
        ]);
        let c = n.node("c").unwrap();
        assert!(n.merge_actors("b", "a"));
        assert!(n.node("b").is_none());
        assert_eq!(n.node("c"), Some(c), "other actors keep their index");
        let e = n.find_relation("a", "c", "cooperation").unwrap();
        assert_eq!(n.graph[e].weight(), 2, "a–c and b–c joined");
        assert!(
            n.find_relation("a", "a", "cooperation").is_none(),
            "no loop"
        );
        let s = n.find_relation("a", "d", "sanctions").unwrap();
        assert_eq!(n.graph[n.graph.edge_endpoints(s).unwrap().0].id, "a");
        assert_eq!(n.graph[n.node("a").unwrap()].mentions, 5);
        assert_eq!(n.graph.edge_count(), 2);
        assert!(!n.merge_actors("a", "a") && !n.merge_actors("zz", "a"));
    }

    #[test]
    fn sentences_relations_and_kinds_can_be_removed_and_changed() {
        let mut n = net(&[
            ("a", "cooperation", "b"),
            ("a", "cooperation", "b"),
            ("a", "conflict", "b"),
        ]);
        let e = n.find_relation("a", "b", "cooperation").unwrap();
        assert!(n.remove_evidence(e, 0, 0));
        assert!(!n.remove_evidence(e, 0, 0), "already gone");
        assert_eq!(n.graph[e].weight(), 1);
        assert!(n.remove_evidence(e, 0, 1));
        assert!(
            n.find_relation("a", "b", "cooperation").is_none(),
            "last one"
        );
        let c = n.find_relation("a", "b", "conflict").unwrap();
        let s = n.change_kind(c, "sanctions", true, true).unwrap();
        let (src, _) = n.graph.edge_endpoints(s).unwrap();
        assert_eq!(n.graph[src].id, "b", "turned round");
        assert_eq!(&*n.graph[s].kind, "sanctions");
        assert!(n.remove_relation(s));
        assert_eq!(n.graph.edge_count(), 0);
        assert!(n.rename_actor("a", "Alpha") && !n.rename_actor("zz", "x"));
        assert!(n.set_actor_kind("a", ActorKind::Group));
        assert_eq!(&*n.graph[n.node("a").unwrap()].name, "Alpha");
    }
}

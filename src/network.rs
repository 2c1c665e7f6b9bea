//! The actor network: a petgraph `StableGraph` of actors and relations, merged across articles.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use petgraph::stable_graph::{EdgeIndex, NodeIndex, StableGraph};

mod edit;
mod filter;
mod provenance;
mod timeline;

pub use filter::{EdgeFilter, EdgeStanding, EdgeStats, EdgeView, EvidenceCount, TimeWindow};
pub use provenance::Provenance;
pub use timeline::{Granularity, Timeline};

use crate::date::Date;
use crate::extract::{ActorInfo, ActorKind, ArticleExtraction};
use crate::ingest::Article;
use crate::text::Span;

/// A node: one actor, with every surface form it was found as.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct ActorNode {
    pub id: String,
    /// Shared with the scene's labels (no copy per rebuild).
    pub name: std::sync::Arc<str>,
    pub kind: ActorKind,
    pub aliases: BTreeSet<String>,
    pub mentions: usize,
}

/// What part of an evidence sentence a highlight marks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Source,
    Target,
    Trigger,
}

/// One supporting sentence of a relation.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Evidence {
    /// Index into [`Network::articles`].
    pub article: usize,
    /// Sentence index within the article.
    pub sentence: usize,
    /// The whole sentence as it stands in the article.
    pub text: String,
    pub trigger: String,
    /// The CAMEO/PLOVER category of the trigger (`SANCTION`), empty when unknown.
    pub category: String,
    /// Spans relative to `text`, sorted, non-overlapping.
    pub highlights: Vec<(Span, Role)>,
    /// The article's date, when it has one (see [`ArticleMeta::date`]).
    pub date: Option<Date>,
}

/// An edge: one relation kind between two actors.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct RelationEdge {
    /// The relation kind, shared by all edges of that kind in a network (interned: compare
    /// the pointers first, see [`Network::kinds`]).
    pub kind: std::sync::Arc<str>,
    /// `true`: from the edge's source to its target.
    pub directed: bool,
    pub evidence: Vec<Evidence>,
}

impl RelationEdge {
    pub fn weight(&self) -> usize {
        self.evidence.len()
    }
}

/// An article as the network keeps it (its text stays in the article list of the caller).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ArticleMeta {
    pub path: String,
    pub title: String,
    pub sentences: usize,
    /// The article's date (document metadata, a dateline, or the user's).
    pub date: Option<Date>,
    /// The outlet that published it (site or document metadata, a wire dateline).
    pub outlet: Option<String>,
}

type EdgeKey = (NodeIndex, NodeIndex, String, bool);

/// Most actors a network holds (a guard against runaway lexicons and corpora: memory, layout
/// and canvas stay bounded). Mentions of and relations with further actors are left out and
/// counted in [`Network::left_out`].
pub const MAX_ACTORS: usize = 100_000;

/// The actor network of a set of articles.
#[derive(Debug, Clone, Default)]
pub struct Network {
    pub graph: StableGraph<ActorNode, RelationEdge>,
    pub articles: Vec<ArticleMeta>,
    nodes: HashMap<String, NodeIndex>,
    edges: HashMap<EdgeKey, EdgeIndex>,
    /// (edge, article, sentence) -> index in the edge's evidence list.
    evidence_at: HashMap<(EdgeIndex, usize, usize), usize>,
    /// Relation kinds in order of first appearance, one shared string each.
    kinds: Vec<std::sync::Arc<str>>,
    /// Mentions and relations left out because the network reached its actor limit.
    pub left_out: usize,
    /// The actor limit; `None`: [`MAX_ACTORS`].
    pub max_actors: Option<usize>,
}

impl Network {
    pub fn new() -> Self {
        Self::default()
    }

    /// Build a network from articles and their extractions.
    pub fn from_extractions<'a>(
        items: impl IntoIterator<Item = (&'a Article, &'a ArticleExtraction)>,
    ) -> Self {
        let mut n = Network::new();
        for (a, x) in items {
            n.add_article(a, x);
        }
        n
    }

    /// Relation kinds in order of first appearance; every edge's `kind` is one of these.
    pub fn kinds(&self) -> &[std::sync::Arc<str>] {
        &self.kinds
    }

    /// The network's shared string for a relation kind.
    fn intern_kind(&mut self, kind: &str) -> std::sync::Arc<str> {
        if let Some(k) = self.kinds.iter().find(|k| ***k == *kind) {
            return k.clone();
        }
        let k: std::sync::Arc<str> = kind.into();
        self.kinds.push(k.clone());
        k
    }

    /// Merge one article's extraction into the network; returns its article index.
    pub fn add_article(&mut self, article: &Article, x: &ArticleExtraction) -> usize {
        let idx = self.articles.len();
        self.articles.push(ArticleMeta {
            path: article.path.display().to_string(),
            title: article.title.clone(),
            sentences: x.sentences.len(),
            date: article.date.as_deref().and_then(Date::parse_iso),
            outlet: article.outlet.clone(),
        });
        let date = self.articles[idx].date;
        let infos: HashMap<&str, &ActorInfo> =
            x.actors.iter().map(|a| (a.id.as_str(), a)).collect();
        for m in &x.mentions {
            let Some(node) = self.node_for(&m.actor, infos.get(m.actor.as_str()).copied()) else {
                self.left_out += 1;
                continue;
            };
            let n = &mut self.graph[node];
            n.mentions += 1;
            n.aliases.insert(m.span.text(&article.text).to_owned());
        }
        // Sorted relations so edge order is deterministic.
        let mut rels: Vec<_> = x.relations.iter().collect();
        rels.sort_by(|a, b| {
            (a.sentence, &a.kind, &a.source, &a.target)
                .cmp(&(b.sentence, &b.kind, &b.source, &b.target))
        });
        for r in rels {
            if r.source == r.target {
                continue;
            }
            let s = self.node_for(&r.source, infos.get(r.source.as_str()).copied());
            let t = self.node_for(&r.target, infos.get(r.target.as_str()).copied());
            let (Some(s), Some(t)) = (s, t) else {
                self.left_out += 1;
                continue;
            };
            // Undirected edges are keyed with the ids in sorted order.
            let (s, t, src_span, tgt_span) = if !r.directed && self.graph[s].id > self.graph[t].id {
                (t, s, r.target_span, r.source_span)
            } else {
                (s, t, r.source_span, r.target_span)
            };
            let key = (s, t, r.kind.clone(), r.directed);
            let e = match self.edges.get(&key) {
                Some(&e) => e,
                None => {
                    let kind = self.intern_kind(&r.kind);
                    let e = self.graph.add_edge(
                        s,
                        t,
                        RelationEdge {
                            kind,
                            directed: r.directed,
                            evidence: Vec::new(),
                        },
                    );
                    self.edges.insert(key, e);
                    e
                }
            };
            let Some(sent) = x.sentences.get(r.sentence) else {
                continue;
            };
            let edge = &mut self.graph[e];
            if let Some(&i) = self.evidence_at.get(&(e, idx, r.sentence)) {
                // Same sentence, another trigger: add its highlight.
                add_highlight(
                    &mut edge.evidence[i].highlights,
                    *sent,
                    r.trigger_span,
                    Role::Trigger,
                );
                continue;
            }
            self.evidence_at
                .insert((e, idx, r.sentence), edge.evidence.len());
            // The trigger first: where an actor span overlaps it, the trigger mark wins.
            let mut highlights = Vec::new();
            add_highlight(&mut highlights, *sent, r.trigger_span, Role::Trigger);
            if let Some(sp) = src_span {
                add_highlight(&mut highlights, *sent, sp, Role::Source);
            }
            if let Some(sp) = tgt_span {
                add_highlight(&mut highlights, *sent, sp, Role::Target);
            }
            edge.evidence.push(Evidence {
                article: idx,
                sentence: r.sentence,
                text: sent.text(&article.text).to_owned(),
                trigger: r.trigger.clone(),
                category: r.category.clone(),
                highlights,
                date,
            });
        }
        idx
    }

    /// The node of an actor, added if new; `None` when the network is full.
    fn node_for(&mut self, id: &str, info: Option<&ActorInfo>) -> Option<NodeIndex> {
        if let Some(&n) = self.nodes.get(id) {
            return Some(n);
        }
        if self.nodes.len() >= self.max_actors.unwrap_or(MAX_ACTORS) {
            return None;
        }
        let (name, kind) = match info {
            Some(i) => (i.name.clone(), i.kind),
            None => (id.to_owned(), ActorKind::default()),
        };
        let n = self.graph.add_node(ActorNode {
            id: id.to_owned(),
            name: name.into(),
            kind,
            aliases: BTreeSet::new(),
            mentions: 0,
        });
        self.nodes.insert(id.to_owned(), n);
        Some(n)
    }

    /// The node of an actor id.
    pub fn node(&self, id: &str) -> Option<NodeIndex> {
        self.nodes.get(id).copied()
    }

    /// Edges between two actors (either direction), any kind.
    pub fn edges_between(&self, a: &str, b: &str) -> Vec<EdgeIndex> {
        let (Some(na), Some(nb)) = (self.node(a), self.node(b)) else {
            return Vec::new();
        };
        let mut out: Vec<EdgeIndex> = self
            .graph
            .edges_connecting(na, nb)
            .map(|e| petgraph::visit::EdgeRef::id(&e))
            .collect();
        out.extend(
            self.graph
                .edges_connecting(nb, na)
                .map(|e| petgraph::visit::EdgeRef::id(&e)),
        );
        out.sort();
        out.dedup();
        out
    }

    /// The relation of `kind` between two actors, if any (either orientation).
    pub fn relation(&self, a: &str, b: &str, kind: &str) -> Option<(EdgeIndex, &RelationEdge)> {
        self.edges_between(a, b)
            .into_iter()
            .map(|e| (e, &self.graph[e]))
            .find(|(_, r)| *r.kind == *kind)
    }

    /// Node indices in a stable order (by actor id).
    pub fn sorted_nodes(&self) -> Vec<NodeIndex> {
        let mut v: Vec<NodeIndex> = self.graph.node_indices().collect();
        v.sort_by(|a, b| self.graph[*a].id.cmp(&self.graph[*b].id));
        v
    }

    /// Edge indices in a stable order (by source id, target id, kind).
    pub fn sorted_edges(&self) -> Vec<EdgeIndex> {
        let mut v: Vec<EdgeIndex> = self.graph.edge_indices().collect();
        v.sort_by_key(|&e| {
            let (s, t) = self.graph.edge_endpoints(e).expect("edge exists");
            (
                self.graph[s].id.clone(),
                self.graph[t].id.clone(),
                self.graph[e].kind.clone(),
            )
        });
        v
    }

    /// Relation counts by kind.
    pub fn counts_by_kind(&self) -> BTreeMap<String, usize> {
        // counted by &str (no allocation per edge: this runs every frame for the chart)
        let mut m: BTreeMap<&str, usize> = BTreeMap::new();
        for e in self.graph.edge_weights() {
            *m.entry(&*e.kind).or_insert(0) += 1;
        }
        m.into_iter().map(|(k, n)| (k.to_owned(), n)).collect()
    }
}

fn add_highlight(list: &mut Vec<(Span, Role)>, sentence: Span, abs: Span, role: Role) {
    if abs.start < sentence.start || abs.end > sentence.end || abs.is_empty() {
        return;
    }
    let rel = Span::new(abs.start - sentence.start, abs.end - sentence.start);
    add_highlight_rel(list, rel, role);
}

/// Add a mark (relative to the sentence) unless it overlaps one already there.
fn add_highlight_rel(list: &mut Vec<(Span, Role)>, rel: Span, role: Role) {
    if list.iter().any(|(s, _)| s.overlaps(rel)) {
        return;
    }
    list.push((rel, role));
    list.sort();
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::{Mention, RelationMention};
    use std::path::PathBuf;

    fn article(text: &str) -> Article {
        Article {
            path: PathBuf::from("t.txt"),
            title: "t".into(),
            text: text.into(),
            ..Default::default()
        }
    }

    fn info(id: &str, name: &str) -> ActorInfo {
        ActorInfo {
            id: id.into(),
            name: name.into(),
            kind: ActorKind::State,
        }
    }

    /// "France and Germany signed an agreement." with mentions and one relation.
    fn extraction(text: &str, directed: bool, kind: &str) -> ArticleExtraction {
        let f = text.find("France").unwrap();
        let g = text.find("Germany").unwrap();
        let t = text.find("agreement").unwrap_or(0);
        ArticleExtraction {
            sentences: vec![Span::new(0, text.len())],
            actors: vec![info("france", "France"), info("germany", "Germany")],
            mentions: vec![
                Mention {
                    actor: "france".into(),
                    sentence: 0,
                    span: Span::new(f, f + 6),
                },
                Mention {
                    actor: "germany".into(),
                    sentence: 0,
                    span: Span::new(g, g + 7),
                },
            ],
            relations: vec![RelationMention {
                source: "germany".into(),
                target: "france".into(),
                kind: kind.into(),
                directed,
                sentence: 0,
                trigger: "agreement".into(),
                trigger_span: Span::new(t, t + 9),
                source_span: Some(Span::new(g, g + 7)),
                target_span: Some(Span::new(f, f + 6)),
                category: String::new(),
            }],
        }
    }

    #[test]
    fn merges_articles_into_one_edge_per_pair_and_kind() {
        let text = "France and Germany signed an agreement.";
        let a = article(text);
        let x = extraction(text, false, "cooperation");
        let net = Network::from_extractions([(&a, &x), (&a, &x)]);
        assert_eq!(net.graph.node_count(), 2);
        assert_eq!(net.graph.edge_count(), 1);
        let (_, r) = net.relation("france", "germany", "cooperation").unwrap();
        assert_eq!(r.weight(), 2, "one sentence from each article");
        assert_eq!(net.articles.len(), 2);
        assert_eq!(net.graph[net.node("france").unwrap()].mentions, 2);
        // Undirected edges are stored with sorted ids.
        let e = net.sorted_edges()[0];
        let (s, _) = net.graph.edge_endpoints(e).unwrap();
        assert_eq!(net.graph[s].id, "france");
    }

    #[test]
    fn actors_beyond_the_limit_are_left_out_and_counted() {
        let text = "France and Germany signed an agreement.";
        let a = article(text);
        let x = extraction(text, false, "cooperation");
        let mut net = Network {
            max_actors: Some(1),
            ..Default::default()
        };
        net.add_article(&a, &x);
        assert_eq!(net.graph.node_count(), 1, "France only");
        assert_eq!(net.graph.edge_count(), 0);
        // Germany's mention and the France–Germany relation
        assert_eq!(net.left_out, 2);
        // the default limit takes both
        let full = Network::from_extractions([(&a, &x)]);
        assert_eq!((full.graph.node_count(), full.left_out), (2, 0));
    }

    #[test]
    fn directed_edges_keep_their_direction_and_kinds_stay_apart() {
        let text = "France and Germany signed an agreement.";
        let a = article(text);
        let x1 = extraction(text, true, "sanctions");
        let x2 = extraction(text, false, "cooperation");
        let net = Network::from_extractions([(&a, &x1), (&a, &x2)]);
        assert_eq!(net.graph.edge_count(), 2);
        let (e, r) = net.relation("france", "germany", "sanctions").unwrap();
        assert!(r.directed);
        let (s, _) = net.graph.edge_endpoints(e).unwrap();
        assert_eq!(net.graph[s].id, "germany");
        let ev = &r.evidence[0];
        assert_eq!(ev.text, text);
        let roles: Vec<Role> = ev.highlights.iter().map(|h| h.1).collect();
        assert_eq!(roles, vec![Role::Target, Role::Source, Role::Trigger]);
        assert_eq!(net.counts_by_kind().get("sanctions"), Some(&1));
    }
}

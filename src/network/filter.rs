//! The one edge filter: which relations are shown, drawn, charted and exported. Kinds, a
//! minimum of evidence (sentences, articles or distinct outlets), a time window over the
//! evidence's dates, a focus on some actors, and edges the user hid.

use std::collections::{BTreeMap, BTreeSet};

use petgraph::stable_graph::EdgeIndex;
use petgraph::visit::{EdgeRef, IntoEdgeReferences};
use serde::{Deserialize, Serialize};

use super::{Evidence, Network, RelationEdge};
use crate::date::Date;

/// What the minimum-evidence threshold counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EvidenceCount {
    /// Supporting sentences.
    #[default]
    Sentences,
    /// Distinct articles.
    Articles,
    /// Distinct outlets (an article without a known outlet is its own).
    Outlets,
}

impl EvidenceCount {
    pub const ALL: [EvidenceCount; 3] = [Self::Sentences, Self::Articles, Self::Outlets];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Sentences => "sentences",
            Self::Articles => "articles",
            Self::Outlets => "outlets",
        }
    }
}

impl std::str::FromStr for EvidenceCount {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|c| c.as_str() == s.trim().to_ascii_lowercase())
            .ok_or_else(|| format!("{s:?} is not one of sentences, articles, outlets"))
    }
}

/// A range of dates, both ends included; an open end is unbounded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct TimeWindow {
    pub from: Option<Date>,
    pub to: Option<Date>,
    /// Whether evidence from undated articles passes while the window is bounded.
    pub undated: bool,
}

impl Default for TimeWindow {
    fn default() -> Self {
        TimeWindow {
            from: None,
            to: None,
            undated: true,
        }
    }
}

impl TimeWindow {
    /// Whether the window lets everything through.
    pub fn is_open(&self) -> bool {
        self.from.is_none() && self.to.is_none()
    }

    /// Whether evidence of this date passes.
    pub fn contains(&self, date: Option<Date>) -> bool {
        match date {
            None => self.undated || self.is_open(),
            Some(d) => self.from.is_none_or(|f| d >= f) && self.to.is_none_or(|t| d <= t),
        }
    }
}

/// The user's edge filter. Plain data: saved in workspaces, shared by the app and the CLI.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct EdgeFilter {
    /// Kind -> shown (a kind not listed is shown).
    pub kinds: BTreeMap<String, bool>,
    /// Relations with less evidence (counted as `count` says, within the window) are hidden.
    pub min_evidence: usize,
    pub count: EvidenceCount,
    pub window: TimeWindow,
    /// Actor ids: when not empty, only relations of these actors are shown.
    pub focus: BTreeSet<String>,
}

impl Default for EdgeFilter {
    fn default() -> Self {
        EdgeFilter {
            kinds: BTreeMap::new(),
            min_evidence: 1,
            count: EvidenceCount::default(),
            window: TimeWindow::default(),
            focus: BTreeSet::new(),
        }
    }
}

/// How much evidence a relation has within the filter's window.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct EdgeStats {
    pub sentences: u32,
    pub articles: u32,
    pub outlets: u32,
    /// Earliest and latest evidence date in the window.
    pub first: Option<Date>,
    pub last: Option<Date>,
}

impl EdgeStats {
    pub fn get(&self, count: EvidenceCount) -> u32 {
        match count {
            EvidenceCount::Sentences => self.sentences,
            EvidenceCount::Articles => self.articles,
            EvidenceCount::Outlets => self.outlets,
        }
    }
}

/// One edge's standing under a filter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EdgeStanding {
    pub stats: EdgeStats,
    /// Its kind is switched on (the rest of the filter passed, else it has no standing).
    pub kind_shown: bool,
}

/// The result of a filter on a network: for every edge that passes all but the kind switch,
/// its evidence counts within the window; shown edges are those whose kind is also on. Indexed
/// by edge index; rebuilt when the filter or the network changes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EdgeView {
    slots: Vec<Option<EdgeStanding>>,
    shown: usize,
}

impl EdgeView {
    /// Whether the edge is shown.
    pub fn is_shown(&self, e: EdgeIndex) -> bool {
        self.standing(e).is_some_and(|s| s.kind_shown)
    }

    /// The counts of a shown edge.
    pub fn stats(&self, e: EdgeIndex) -> Option<EdgeStats> {
        self.standing(e).filter(|s| s.kind_shown).map(|s| s.stats)
    }

    /// Every edge that passes all but the kind switch.
    pub fn standing(&self, e: EdgeIndex) -> Option<EdgeStanding> {
        self.slots.get(e.index()).copied().flatten()
    }

    /// How many edges are shown.
    pub fn shown_count(&self) -> usize {
        self.shown
    }

    /// The shown edges, by index.
    pub fn shown_edges(&self) -> impl Iterator<Item = EdgeIndex> + '_ {
        self.slots
            .iter()
            .enumerate()
            .filter_map(|(i, s)| s.filter(|s| s.kind_shown).map(|_| EdgeIndex::new(i)))
    }

    /// Relations per kind that pass the filter apart from the kind switches (what a kind would
    /// show when switched on).
    pub fn counts_by_kind(&self, net: &Network) -> BTreeMap<String, usize> {
        let mut m: BTreeMap<&str, usize> = BTreeMap::new();
        for e in net.graph.edge_references() {
            if self.standing(e.id()).is_some() {
                *m.entry(&*e.weight().kind).or_insert(0) += 1;
            }
        }
        m.into_iter().map(|(k, n)| (k.to_owned(), n)).collect()
    }
}

impl EdgeFilter {
    /// Whether the filter shows this kind.
    pub fn kind_shown(&self, kind: &str) -> bool {
        self.kinds.get(kind).copied().unwrap_or(true)
    }

    /// The evidence of a relation inside the time window.
    pub fn evidence<'a>(&'a self, r: &'a RelationEdge) -> impl Iterator<Item = &'a Evidence> + 'a {
        r.evidence.iter().filter(|ev| self.window.contains(ev.date))
    }

    /// A relation's counts within the window.
    pub fn stats(&self, net: &Network, r: &RelationEdge) -> EdgeStats {
        let mut articles: Vec<usize> = Vec::new();
        let mut st = EdgeStats::default();
        for ev in self.evidence(r) {
            st.sentences += 1;
            articles.push(ev.article);
            if let Some(d) = ev.date {
                st.first = Some(st.first.map_or(d, |f| f.min(d)));
                st.last = Some(st.last.map_or(d, |l| l.max(d)));
            }
        }
        articles.sort_unstable();
        articles.dedup();
        st.articles = articles.len() as u32;
        // An outlet by name; an article without one counts alone (by its index).
        let mut outlets: Vec<Result<&str, usize>> = articles
            .iter()
            .map(
                |&a| match net.articles.get(a).and_then(|m| m.outlet.as_deref()) {
                    Some(o) => Ok(o),
                    None => Err(a),
                },
            )
            .collect();
        outlets.sort_unstable();
        outlets.dedup();
        st.outlets = outlets.len() as u32;
        st
    }

    /// Apply the filter to a network; `hidden` are the edges the user hid.
    pub fn apply(&self, net: &Network, hidden: &BTreeSet<EdgeIndex>) -> EdgeView {
        let bound = net.graph.edge_indices().map(|e| e.index() + 1).max();
        let mut view = EdgeView {
            slots: vec![None; bound.unwrap_or(0)],
            shown: 0,
        };
        let focus: Option<BTreeSet<_>> = (!self.focus.is_empty())
            .then(|| self.focus.iter().filter_map(|id| net.node(id)).collect());
        for e in net.graph.edge_references() {
            let (s, t) = (e.source(), e.target());
            if s == t || hidden.contains(&e.id()) {
                continue;
            }
            if let Some(f) = &focus
                && !f.contains(&s)
                && !f.contains(&t)
            {
                continue;
            }
            let r = e.weight();
            let stats = self.stats(net, r);
            if stats.sentences == 0 || (stats.get(self.count) as usize) < self.min_evidence {
                continue;
            }
            let kind_shown = self.kind_shown(&r.kind);
            view.shown += usize::from(kind_shown);
            view.slots[e.id().index()] = Some(EdgeStanding { stats, kind_shown });
        }
        view
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::network::{ActorNode, ArticleMeta};

    fn date(s: &str) -> Option<Date> {
        Date::parse_iso(s)
    }

    fn ev(article: usize, sentence: usize, d: Option<&str>) -> Evidence {
        Evidence {
            article,
            sentence,
            text: String::new(),
            trigger: String::new(),
            category: String::new(),
            highlights: Vec::new(),
            date: d.and_then(date),
        }
    }

    /// a–b cooperation: three sentences from two articles of one outlet (2024-01, 2024-03);
    /// a–c conflict: one sentence from an undated article with no outlet.
    fn net() -> Network {
        let mut n = Network::new();
        let node = |id: &str| ActorNode {
            id: id.into(),
            name: id.into(),
            kind: Default::default(),
            aliases: Default::default(),
            mentions: 1,
        };
        let meta = |d: Option<&str>, o: Option<&str>| ArticleMeta {
            path: "x".into(),
            title: "x".into(),
            sentences: 3,
            date: d.and_then(date),
            outlet: o.map(str::to_owned),
        };
        n.articles = vec![
            meta(Some("2024-01-10"), Some("Wire")),
            meta(Some("2024-03-05"), Some("Wire")),
            meta(None, None),
        ];
        let a = n.graph.add_node(node("a"));
        let b = n.graph.add_node(node("b"));
        let c = n.graph.add_node(node("c"));
        n.nodes = [("a", a), ("b", b), ("c", c)]
            .into_iter()
            .map(|(k, v)| (k.to_owned(), v))
            .collect();
        n.graph.add_edge(
            a,
            b,
            RelationEdge {
                kind: "cooperation".into(),
                directed: false,
                evidence: vec![
                    ev(0, 0, Some("2024-01-10")),
                    ev(0, 1, Some("2024-01-10")),
                    ev(1, 0, Some("2024-03-05")),
                ],
            },
        );
        n.graph.add_edge(
            a,
            c,
            RelationEdge {
                kind: "conflict".into(),
                directed: true,
                evidence: vec![ev(2, 0, None)],
            },
        );
        n
    }

    fn shown(f: &EdgeFilter, n: &Network) -> Vec<usize> {
        f.apply(n, &BTreeSet::new())
            .shown_edges()
            .map(|e| e.index())
            .collect()
    }

    #[test]
    fn counts_sentences_articles_and_outlets() {
        let n = net();
        let v = EdgeFilter::default().apply(&n, &BTreeSet::new());
        let s = v.stats(EdgeIndex::new(0)).unwrap();
        assert_eq!((s.sentences, s.articles, s.outlets), (3, 2, 1));
        assert_eq!((s.first, s.last), (date("2024-01-10"), date("2024-03-05")));
        let s = v.stats(EdgeIndex::new(1)).unwrap();
        assert_eq!((s.sentences, s.articles, s.outlets), (1, 1, 1));
        assert_eq!(v.shown_count(), 2);
    }

    #[test]
    fn minimum_evidence_counts_what_it_is_told() {
        let n = net();
        let mut f = EdgeFilter {
            min_evidence: 2,
            ..Default::default()
        };
        assert_eq!(shown(&f, &n), [0]);
        f.count = EvidenceCount::Articles;
        assert_eq!(shown(&f, &n), [0]);
        // one outlet reprinted twice is one source
        f.count = EvidenceCount::Outlets;
        assert_eq!(shown(&f, &n), Vec::<usize>::new());
    }

    #[test]
    fn time_window_keeps_dated_evidence_inside_and_undated_on_request() {
        let n = net();
        let mut f = EdgeFilter::default();
        f.window.from = date("2024-02-01");
        let v = f.apply(&n, &BTreeSet::new());
        assert_eq!(v.stats(EdgeIndex::new(0)).unwrap().sentences, 1);
        assert!(
            v.is_shown(EdgeIndex::new(1)),
            "undated evidence passes by default"
        );
        f.window.undated = false;
        assert_eq!(shown(&f, &n), [0]);
        f.window.to = date("2024-02-28");
        assert_eq!(shown(&f, &n), Vec::<usize>::new(), "nothing in February");
        assert!(TimeWindow::default().contains(None));
        let open_no_undated = TimeWindow {
            undated: false,
            ..Default::default()
        };
        assert!(
            open_no_undated.contains(None),
            "an open window hides nothing"
        );
    }

    #[test]
    fn kinds_focus_and_hidden_edges() {
        let n = net();
        let mut f = EdgeFilter::default();
        f.kinds.insert("conflict".into(), false);
        let v = f.apply(&n, &BTreeSet::new());
        assert_eq!(v.shown_edges().map(|e| e.index()).collect::<Vec<_>>(), [0]);
        // the chart still counts what the switched-off kind would show
        assert_eq!(v.counts_by_kind(&n).get("conflict"), Some(&1));
        let f = EdgeFilter {
            focus: ["c".to_owned()].into(),
            ..Default::default()
        };
        assert_eq!(shown(&f, &n), [1]);
        let f = EdgeFilter {
            focus: ["nobody".to_owned()].into(),
            ..Default::default()
        };
        assert_eq!(shown(&f, &n), Vec::<usize>::new());
        let v = EdgeFilter::default().apply(&n, &[EdgeIndex::new(0)].into());
        assert_eq!(v.shown_edges().map(|e| e.index()).collect::<Vec<_>>(), [1]);
        assert_eq!(v.standing(EdgeIndex::new(0)), None);
    }

    #[test]
    fn filter_round_trips_through_json() {
        let f = EdgeFilter {
            min_evidence: 3,
            count: EvidenceCount::Outlets,
            window: TimeWindow {
                from: date("2024-01-01"),
                to: None,
                undated: false,
            },
            ..Default::default()
        };
        let json = serde_json::to_string(&f).unwrap();
        assert_eq!(serde_json::from_str::<EdgeFilter>(&json).unwrap(), f);
        assert_eq!(
            serde_json::from_str::<EdgeFilter>("{}").unwrap(),
            EdgeFilter::default()
        );
    }
}

//! The document: everything a user works on, with no window. Articles and their
//! extractions, the extractor and user lexicons, the actor network, pinned actors, hidden
//! relations and the edge filter. Loading, re-extraction and workspaces go through it; the
//! CLI and the app both hold one (the app keeps only view state and jobs beside it).
//!
//! Pins, hidden relations and the user's corrections are kept by actor id and kind, not by
//! graph index, so they survive re-extraction and are re-applied as articles arrive. The
//! network shown is the extracted one with the corrections applied; undo and redo step
//! through corrections, pins and hidden items.

pub mod corrections;
mod edits;
mod history;
mod load;
mod workspace;

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use petgraph::stable_graph::EdgeIndex;

pub use corrections::{Correction, Subject};
pub use history::History;
pub use load::{LoadJob, LoadedBatch};
pub use workspace::Opened;

use crate::error::Result;
use crate::extract::Extractor;
use crate::geom::Point;
use crate::kinds::KindRegistry;
use crate::network::{EdgeFilter, EdgeView, Network};
use crate::pipeline::{Corpus, Progress};
use crate::workspace::EdgeRef;

/// What a load did, for the user.
#[derive(Debug, Default)]
pub struct LoadedReport {
    /// Articles read.
    pub read: usize,
    /// Files that could not be read, one line each naming the file.
    pub errors: Vec<String>,
    /// Per article, what reading it changed or dropped (`path: warning`).
    pub warnings: Vec<String>,
    /// Other problems (workspace notes, the actor limit), one line each.
    pub notes: Vec<String>,
    /// Files not read because the load was cancelled.
    pub skipped: usize,
}

/// The user's document.
#[derive(Debug, Clone)]
pub struct Document {
    extractor: Extractor,
    /// User lexicons loaded on top of the built-in one, in order.
    lexicons: Vec<PathBuf>,
    corpus: Corpus,
    /// The network as extracted, while corrections make the one shown differ from it (none:
    /// `network` is as extracted; no second copy without corrections).
    raw: Option<Network>,
    /// The network shown: as extracted, with the corrections applied.
    network: Network,
    /// The user's corrections, applied in order.
    corrections: Vec<Correction>,
    /// Per correction, whether it found its target in the network.
    applied: Vec<bool>,
    /// Pinned actors by id, where the user dropped them.
    pub pins: BTreeMap<String, Point>,
    /// Relations the user hid.
    pub hidden: BTreeSet<EdgeRef>,
    /// Actors the user hid, by id.
    pub hidden_actors: BTreeSet<String>,
    pub filter: EdgeFilter,
    history: History,
}

impl Default for Document {
    fn default() -> Self {
        Document::new(Extractor::builtin())
    }
}

impl Document {
    /// An empty document read with this extractor.
    pub fn new(extractor: Extractor) -> Self {
        Document {
            extractor,
            lexicons: Vec::new(),
            corpus: Corpus::default(),
            raw: None,
            network: Network::new(),
            corrections: Vec::new(),
            applied: Vec::new(),
            pins: BTreeMap::new(),
            hidden: BTreeSet::new(),
            hidden_actors: BTreeSet::new(),
            filter: EdgeFilter::default(),
            history: History::default(),
        }
    }

    /// A document showing a ready network and no articles (views and benches of big
    /// generated networks).
    pub fn from_network(network: Network) -> Self {
        Document {
            network,
            ..Document::default()
        }
    }

    /// An empty document read with the built-in lexicon plus these user lexicons.
    pub fn with_lexicons(lexicons: &[PathBuf]) -> Result<Self> {
        let mut d = Document::new(Self::extractor_for(lexicons)?);
        d.lexicons = lexicons.to_vec();
        Ok(d)
    }

    fn extractor_for(lexicons: &[PathBuf]) -> Result<Extractor> {
        if lexicons.is_empty() {
            return Ok(Extractor::builtin());
        }
        let refs: Vec<&std::path::Path> = lexicons.iter().map(|p| p.as_path()).collect();
        Extractor::from_lexicon_files(&refs)
    }

    pub fn extractor(&self) -> &Extractor {
        &self.extractor
    }

    pub fn lexicons(&self) -> &[PathBuf] {
        &self.lexicons
    }

    pub fn corpus(&self) -> &Corpus {
        &self.corpus
    }

    /// The network shown: as extracted, with the corrections applied.
    pub fn network(&self) -> &Network {
        &self.network
    }

    /// The network as extracted, before corrections.
    pub fn extracted_network(&self) -> &Network {
        self.raw.as_ref().unwrap_or(&self.network)
    }

    pub fn is_empty(&self) -> bool {
        self.corpus.is_empty()
    }

    /// The relation kinds of the lexicon and the network, in the one order.
    pub fn kinds(&self) -> KindRegistry {
        KindRegistry::for_network(&self.network, &self.extractor.kinds())
    }

    /// A title for images: the article's for one, a count for several.
    pub fn title(&self) -> Option<String> {
        match self.corpus.len() {
            0 => None,
            1 => self.corpus.articles.first().map(|a| a.title.clone()),
            n => Some(format!("{n} articles")),
        }
    }

    /// Add the embedded sample article.
    pub fn add_sample(&mut self) {
        let a = crate::ingest::sample_article();
        let x = self.extractor.extract(&a.text);
        match &mut self.raw {
            Some(raw) => raw.add_article(&a, &x),
            None => self.network.add_article(&a, &x),
        };
        self.corpus.push(a, x);
        self.recorrect();
    }

    /// A job that reads these files (folders expanded) into a copy of the network; run it
    /// anywhere, then [`Self::accept`] its batch.
    pub fn load_job(&self, paths: &[PathBuf]) -> LoadJob {
        LoadJob::new(
            self.extractor.clone(),
            self.extracted_network().clone(),
            paths,
        )
    }

    /// Take a finished load in. The batch must come from a job of this document made since
    /// its network last changed (the app runs one load at a time).
    pub fn accept(&mut self, batch: LoadedBatch) -> LoadedReport {
        let mut report = LoadedReport {
            read: batch.read(),
            errors: batch.errors.iter().map(|e| e.to_string()).collect(),
            skipped: batch.skipped,
            ..Default::default()
        };
        for a in batch.articles() {
            for w in &a.warnings {
                report
                    .warnings
                    .push(format!("{}: warning: {w}", a.path.display()));
            }
        }
        if batch.left_out > 0 {
            report.notes.push(actor_limit_message(batch.left_out));
        }
        self.set_extracted(batch.network);
        for (a, x) in batch.items {
            self.corpus.push(a, x);
        }
        report
    }

    /// Read files (folders expanded) on this thread (in parallel) and add them.
    pub fn load(&mut self, paths: &[PathBuf], progress: &Progress) -> LoadedReport {
        let batch = self.load_job(paths).run(progress);
        self.accept(batch)
    }

    /// Use these user lexicons (on top of the built-in one) and read every article again.
    /// A lexicon that does not load changes nothing and is the error.
    pub fn set_lexicons(&mut self, lexicons: Vec<PathBuf>) -> Result<()> {
        self.extractor = Self::extractor_for(&lexicons)?;
        self.lexicons = lexicons;
        self.reextract();
        Ok(())
    }

    /// Extract every article again (after a lexicon change); corrections, pins, hidden
    /// relations and the filter stay, by actor id and kind.
    pub fn reextract(&mut self) {
        use rayon::prelude::*;
        let articles = std::mem::take(&mut self.corpus.articles);
        let ex = &self.extractor;
        let extractions = articles.par_iter().map(|a| ex.extract(&a.text)).collect();
        self.corpus = Corpus {
            articles,
            extractions,
        };
        let mut net = Network::new();
        net.max_actors = self.extracted_network().max_actors;
        for (a, x) in self.corpus.articles.iter().zip(&self.corpus.extractions) {
            net.add_article(a, x);
        }
        self.set_extracted(net);
    }

    /// Remove every article (settings and corrections stay).
    pub fn clear(&mut self) {
        self.corpus = Corpus::default();
        self.set_extracted(Network::new());
    }

    /// A newly extracted network in, the corrections applied to it.
    fn set_extracted(&mut self, net: Network) {
        if self.corrections.is_empty() {
            self.raw = None;
            self.network = net;
        } else {
            self.raw = Some(net);
        }
        self.recorrect();
    }

    /// The shown network again: the extracted one with the corrections applied.
    fn recorrect(&mut self) {
        if self.corrections.is_empty() {
            if let Some(raw) = self.raw.take() {
                self.network = raw;
            }
            self.applied.clear();
            return;
        }
        // (without a copy as extracted, the network shown is that copy)
        let raw = self.raw.get_or_insert_with(|| self.network.clone());
        let mut net = raw.clone();
        let kinds = KindRegistry::for_network(raw, &self.extractor.kinds());
        self.applied = corrections::apply(&mut net, &self.corrections, &kinds);
        self.network = net;
    }

    /// The hidden relations that exist in the network, by edge index.
    pub fn hidden_edges(&self) -> BTreeSet<EdgeIndex> {
        self.hidden
            .iter()
            .filter_map(|h| {
                self.network
                    .relation(&h.source, &h.target, &h.kind)
                    .map(|(e, _)| e)
            })
            .collect()
    }

    /// The relation of an edge index, as saved.
    pub fn edge_ref(&self, e: EdgeIndex) -> Option<EdgeRef> {
        let g = &self.network.graph;
        let (s, t) = g.edge_endpoints(e)?;
        Some(EdgeRef {
            source: g[s].id.clone(),
            target: g[t].id.clone(),
            kind: g[e].kind.to_string(),
        })
    }

    /// Hide a relation (a step that can be undone).
    pub fn hide(&mut self, e: EdgeIndex) {
        if let Some(r) = self.edge_ref(e) {
            self.record(format!("Hide {}", self.relation_label(&r)));
            self.hidden.insert(r);
        }
    }

    /// What the filter shows now.
    pub fn view(&self) -> EdgeView {
        self.filter.apply(&self.network, &self.hidden_edges())
    }
}

/// The problem reported when a load hit the network's actor limit.
pub fn actor_limit_message(left_out: usize) -> String {
    format!(
        "actor limit reached ({} actors): {left_out} mention(s) and relation(s) of further actors left out",
        crate::network::MAX_ACTORS
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(dir: &std::path::Path, name: &str, text: &str) -> PathBuf {
        let p = dir.join(name);
        std::fs::write(&p, text).unwrap();
        p
    }

    #[test]
    fn loads_files_reports_bad_ones_and_keeps_the_rest() {
        let dir = tempfile::tempdir().unwrap();
        let a = write(
            dir.path(),
            "a.txt",
            "MOSCOW (Reuters) - France and Germany signed an agreement on trade.\n",
        );
        let missing = dir.path().join("missing.txt");
        let mut doc = Document::default();
        let r = doc.load(&[a, missing], &Progress::default());
        assert_eq!(r.read, 1);
        assert_eq!(r.errors.len(), 1);
        assert!(r.errors[0].contains("missing.txt"), "{:?}", r.errors);
        assert_eq!(doc.corpus().len(), 1);
        assert!(doc.network().graph.edge_count() >= 1);
        assert_eq!(doc.network().articles[0].outlet.as_deref(), Some("Reuters"));
    }

    #[test]
    fn hidden_relations_and_pins_survive_reextraction_and_workspaces() {
        let dir = tempfile::tempdir().unwrap();
        let a = write(
            dir.path(),
            "a.txt",
            "France and Germany signed an agreement on trade.\n",
        );
        let mut doc = Document::default();
        doc.load(std::slice::from_ref(&a), &Progress::default());
        let e = doc.network().sorted_edges()[0];
        let total = doc.network().graph.edge_count();
        doc.hide(e);
        doc.pins.insert("france".into(), Point::new(1.0, 2.0));
        assert_eq!(doc.view().shown_count(), total - 1);
        doc.reextract();
        assert_eq!(doc.view().shown_count(), total - 1, "still hidden");

        let ws_path = dir.path().join("w.dyad.json");
        doc.filter.min_evidence = 1;
        doc.filter.window.undated = false;
        doc.to_workspace().save(&ws_path).unwrap();
        let (back, report) = Document::open_workspace(&ws_path).unwrap();
        assert_eq!(report.read, 1);
        assert_eq!(back.pins, doc.pins);
        assert_eq!(back.hidden, doc.hidden);
        assert_eq!(back.filter, doc.filter);
        assert_eq!(back.view().shown_count(), total - 1);
    }

    #[test]
    fn a_bad_lexicon_is_an_error_naming_it_and_changes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let bad = write(dir.path(), "bad.json", "{ not json");
        let mut doc = Document::default();
        doc.add_sample();
        let edges = doc.network().graph.edge_count();
        let e = doc.set_lexicons(vec![bad]).unwrap_err();
        assert!(e.to_string().contains("bad.json"), "{e}");
        assert!(doc.lexicons().is_empty());
        assert_eq!(doc.network().graph.edge_count(), edges);
        assert!(Document::with_lexicons(&[dir.path().join("nope.json")]).is_err());
    }
}

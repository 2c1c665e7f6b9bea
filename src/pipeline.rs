//! Files in, network out: the stages chained, with per-file errors kept, not fatal.

use std::path::PathBuf;

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use rayon::prelude::*;

use crate::error::Error;
use crate::extract::{ArticleExtraction, Extractor};
use crate::ingest::{self, Article};
use crate::network::Network;

/// Loaded articles with their extractions, in input order.
#[derive(Debug, Clone, Default)]
pub struct Corpus {
    pub articles: Vec<Article>,
    pub extractions: Vec<ArticleExtraction>,
}

impl Corpus {
    pub fn push(&mut self, article: Article, extraction: ArticleExtraction) {
        self.articles.push(article);
        self.extractions.push(extraction);
    }

    pub fn len(&self) -> usize {
        self.articles.len()
    }

    pub fn is_empty(&self) -> bool {
        self.articles.is_empty()
    }

    /// The network of every article in the corpus.
    pub fn network(&self) -> Network {
        Network::from_extractions(self.articles.iter().zip(&self.extractions))
    }
}

/// Progress of a batch load, shared with whoever shows it; `cancel` stops it between files.
#[derive(Debug, Default)]
pub struct Progress {
    /// Files finished (read or failed).
    pub done: AtomicUsize,
    /// Set to stop: files not started yet are skipped.
    pub cancel: AtomicBool,
}

impl Progress {
    pub fn done(&self) -> usize {
        self.done.load(Ordering::Relaxed)
    }
    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::Relaxed);
    }
    pub fn is_cancelled(&self) -> bool {
        self.cancel.load(Ordering::Relaxed)
    }
}

/// Read and extract files in parallel. Results keep the input order; errors name their file.
pub fn load_files(
    extractor: &Extractor,
    paths: &[PathBuf],
) -> Vec<Result<(Article, ArticleExtraction), Error>> {
    load_files_with_progress(extractor, paths, &Progress::default())
        .into_iter()
        .flatten()
        .collect()
}

/// [`load_files`] that counts finished files in `progress` and skips the files not yet
/// started once it is cancelled (`None` for those).
pub fn load_files_with_progress(
    extractor: &Extractor,
    paths: &[PathBuf],
    progress: &Progress,
) -> Vec<Option<Result<(Article, ArticleExtraction), Error>>> {
    paths
        .par_iter()
        .map(|p| {
            if progress.is_cancelled() {
                return None;
            }
            // A bug on one hostile file must not take the others (or the app) down with it.
            let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                let a = ingest::read_article(p)?;
                let x = extractor.extract(&a.text);
                Ok((a, x))
            }))
            .unwrap_or_else(|_| {
                Err(Error::bad_input(
                    p,
                    "could not be processed (internal error)",
                ))
            });
            progress.done.fetch_add(1, Ordering::Relaxed);
            Some(r)
        })
        .collect()
}

/// The corpus of the embedded sample article.
pub fn sample_corpus(extractor: &Extractor) -> Corpus {
    let a = ingest::sample_article();
    let x = extractor.extract(&a.text);
    let mut c = Corpus::default();
    c.push(a, x);
    c
}

/// A heading that describes a corpus: the article's title (and date) for one article, else
/// "1,204 articles · 2019-03-01 – 2024-06-30" (the dates found in the articles, when any).
/// `None` without articles.
pub fn corpus_heading(articles: &[crate::ingest::Article]) -> Option<String> {
    let dates: Vec<&str> = articles
        .iter()
        .filter_map(|a| a.date.as_deref())
        .filter(|d| !d.trim().is_empty())
        .collect();
    let (first, last) = (dates.iter().min(), dates.iter().max());
    let span = match (first, last) {
        (Some(a), Some(b)) if a == b => format!(" · {a}"),
        (Some(a), Some(b)) => format!(" · {a} – {b}"),
        _ => String::new(),
    };
    match articles {
        [] => None,
        [a] => Some(format!("{}{span}", a.title.trim())),
        _ => Some(format!("{} articles{span}", thousands(articles.len()))),
    }
}

/// `1204` -> `1,204`.
pub fn thousands(n: usize) -> String {
    let s = n.to_string();
    let mut out = String::with_capacity(s.len() + s.len() / 3);
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Lay a network out to rest and write it as a PNG or SVG (by the extension of `out`).
pub fn render_to_file(
    net: &Network,
    seed: u64,
    out: &std::path::Path,
    width: u32,
    height: u32,
    title: Option<&str>,
) -> Result<(), Error> {
    let positions = layout_network(net, seed);
    let style = crate::scene::Style::default();
    let scene = crate::scene::build_scene(
        net,
        &positions,
        &crate::scene::SceneOptions::default(),
        &style,
    );
    crate::export::export_image(out, &scene, &style, width, height, title)
}

/// The layout edges of a network: one per linked pair of nodes (by node index), whatever the
/// number of kinds between them, so a pair linked by several kinds is not pulled into a knot.
/// The weight grows slowly with the pair's evidence.
pub fn layout_edges(
    net: &Network,
    keep: impl Fn(petgraph::stable_graph::EdgeIndex, &crate::network::RelationEdge) -> bool,
) -> Vec<(u32, u32, f32)> {
    use petgraph::visit::{EdgeRef, IntoEdgeReferences};
    let mut pairs: std::collections::BTreeMap<(u32, u32), usize> =
        std::collections::BTreeMap::new();
    for e in (&net.graph).edge_references() {
        if !keep(e.id(), e.weight()) {
            continue;
        }
        let (a, b) = (e.source().index() as u32, e.target().index() as u32);
        *pairs.entry((a.min(b), a.max(b))).or_insert(0) += e.weight().weight();
    }
    pairs
        .into_iter()
        .map(|((a, b), evidence)| (a, b, 1.0 + 0.25 * (evidence.max(1) as f32).ln()))
        .collect()
}

/// Positions of every node (indexed by node index), laid out to rest.
pub fn layout_network(net: &Network, seed: u64) -> Vec<crate::geom::Point> {
    let n = petgraph::visit::NodeIndexable::node_bound(&net.graph);
    let edges = layout_edges(net, |_, _| true);
    let params = crate::layout::LayoutParams {
        seed,
        ..Default::default()
    };
    crate::layout::layout_arranged(
        n,
        &edges,
        params,
        2000,
        &radius_px(net, &Default::default()),
        &label_hints(net, |_, _| true),
    )
}

/// Actors whose labels the layout makes room for ([`crate::layout::pack::arrange`]).
pub const LABEL_HINTS: usize = 60;

/// The [`LABEL_HINTS`] most-mentioned actors with a visible relation (then by degree and
/// index), with the width of their name in em.
pub fn label_hints(
    net: &Network,
    keep: impl Fn(petgraph::stable_graph::EdgeIndex, &crate::network::RelationEdge) -> bool,
) -> Vec<(u32, f32)> {
    use petgraph::visit::{EdgeRef, IntoEdgeReferences};
    let n = petgraph::visit::NodeIndexable::node_bound(&net.graph);
    let mut degree = vec![0usize; n];
    for e in (&net.graph).edge_references() {
        if keep(e.id(), e.weight()) && e.source() != e.target() {
            degree[e.source().index()] += 1;
            degree[e.target().index()] += 1;
        }
    }
    let mut ns: Vec<_> = net
        .graph
        .node_indices()
        .filter(|i| degree[i.index()] > 0)
        .collect();
    ns.sort_by_key(|&i| {
        (
            std::cmp::Reverse(net.graph[i].mentions),
            std::cmp::Reverse(degree[i.index()]),
            i.index(),
        )
    });
    ns.truncate(LABEL_HINTS);
    ns.into_iter()
        .map(|i| {
            let w = crate::scene::labels::text_width_em(&net.graph[i].name);
            (i.index() as u32, w)
        })
        .collect()
}

/// Each node's radius in style pixels (by node index; removed nodes 0): what the layout's
/// [`arrange`](crate::layout::pack::arrange) keeps apart.
pub fn radius_px(net: &Network, style: &crate::scene::Style) -> Vec<f32> {
    let n = petgraph::visit::NodeIndexable::node_bound(&net.graph);
    let mut r = vec![0.0; n];
    for i in net.graph.node_indices() {
        r[i.index()] = style.node_radius(net.graph[i].mentions);
    }
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn corpus_headings_describe_the_corpus() {
        let art = |title: &str, date: Option<&str>| crate::ingest::Article {
            path: "x.txt".into(),
            title: title.into(),
            text: String::new(),
            date: date.map(str::to_owned),
            outlet: None,
            warnings: Vec::new(),
        };
        assert_eq!(corpus_heading(&[]), None);
        assert_eq!(
            corpus_heading(&[art("Talks resume", Some("2024-06-30"))]).unwrap(),
            "Talks resume · 2024-06-30"
        );
        let mut many: Vec<_> = (0..1203).map(|_| art("t", None)).collect();
        many.push(art("t", Some("2024-06-30")));
        many.push(art("t", Some("2019-03-01")));
        assert_eq!(
            corpus_heading(&many).unwrap(),
            "1,205 articles · 2019-03-01 – 2024-06-30"
        );
        assert_eq!(thousands(1_000_000), "1,000,000");
        assert_eq!(thousands(999), "999");
    }

    #[test]
    fn progress_counts_files_and_cancel_skips_the_rest() {
        let dir = tempfile::tempdir().unwrap();
        let mut paths = Vec::new();
        for i in 0..5 {
            let p = dir.path().join(format!("a{i}.txt"));
            std::fs::write(&p, "France and Germany signed an agreement.\n").unwrap();
            paths.push(p);
        }
        paths.push(dir.path().join("missing.txt"));
        let ex = Extractor::builtin();
        let progress = Progress::default();
        let r = load_files_with_progress(&ex, &paths, &progress);
        assert_eq!(progress.done(), 6);
        assert_eq!(r.iter().filter(|x| matches!(x, Some(Ok(_)))).count(), 5);
        assert!(matches!(&r[5], Some(Err(e)) if e.to_string().contains("missing.txt")));

        let cancelled = Progress::default();
        cancelled.cancel();
        let r = load_files_with_progress(&ex, &paths, &cancelled);
        assert!(r.iter().all(Option::is_none));
        assert_eq!(cancelled.done(), 0);
    }
}

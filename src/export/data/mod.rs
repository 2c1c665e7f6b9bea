//! Data export of the filtered network: GEXF 1.3, GraphML, CSV (Gephi's spreadsheet columns)
//! and JSON (graphology's serialisation). Every format is written from one [`GraphData`]: the
//! relations the edge filter shows, with their counts and evidence inside its time window,
//! and the actors they link, in a stable order.
//!
//! Adding a format: a module here with a writer of [`GraphData`], a [`DataFormat`] variant.

mod csv;
mod gexf;
mod graphml;
mod json;

use std::path::{Path, PathBuf};

use crate::date::Date;
use crate::error::Error;
use crate::kinds;
use crate::network::{EdgeFilter, EdgeStats, EdgeView, Network};

pub use self::csv::CSV_TABLES;

/// A data format Dyad writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum DataFormat {
    Gexf,
    Graphml,
    Csv,
    Json,
}

impl DataFormat {
    pub const ALL: [DataFormat; 4] = [Self::Gexf, Self::Graphml, Self::Csv, Self::Json];

    pub fn name(self) -> &'static str {
        match self {
            Self::Gexf => "gexf",
            Self::Graphml => "graphml",
            Self::Csv => "csv",
            Self::Json => "json",
        }
    }

    /// The usual file extension.
    pub fn extension(self) -> &'static str {
        self.name()
    }

    /// The format of a name (`gexf`) or of a path's extension (`net.GEXF`).
    pub fn from_name(s: &str) -> Option<DataFormat> {
        let s = s.to_ascii_lowercase();
        Self::ALL
            .into_iter()
            .find(|f| f.name() == s || (*f == Self::Graphml && s == "xml"))
    }

    pub fn from_path(path: &Path) -> Option<DataFormat> {
        path.extension()
            .and_then(|e| e.to_str())
            .and_then(Self::from_name)
    }
}

impl std::str::FromStr for DataFormat {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::from_name(s.trim())
            .ok_or_else(|| format!("{s:?} is not one of gexf, graphml, csv, json"))
    }
}

/// Export choices beyond the filter.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DataOptions {
    /// Every actor, also those with no shown relation (the canvas's "show actors without
    /// relations").
    pub all_actors: bool,
    /// GEXF and GraphML: mark each relation's own direction in the graph structure (a mixed
    /// graph: Gephi, yEd). Off: a graph with any directed relation is written as directed,
    /// each relation's direction in its `directed` attribute (what networkx and igraph read).
    pub mixed: bool,
}

/// An actor as exported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NodeRow {
    pub id: String,
    pub label: String,
    /// The actor's type (`state`, `person`, ...).
    pub kind: &'static str,
    pub mentions: usize,
    pub aliases: Vec<String>,
}

/// One evidence sentence with its provenance.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EvidenceRow {
    pub article: usize,
    pub sentence: usize,
    pub date: Option<Date>,
    pub title: String,
    pub outlet: Option<String>,
    pub path: String,
    pub trigger: String,
    pub category: String,
    pub text: String,
}

/// A relation as exported: counts and evidence within the filter's window.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EdgeRow {
    /// `e0`, `e1`, ... in export order.
    pub id: String,
    pub source: String,
    pub target: String,
    pub kind: String,
    pub directed: bool,
    pub stats: EdgeStats,
    /// The distinct event categories of its evidence.
    pub categories: Vec<String>,
    /// The distinct dates of its evidence, in order.
    pub dates: Vec<Date>,
    pub evidence: Vec<EvidenceRow>,
}

/// What the exports write: the shown part of a network, in a stable order (actors by id,
/// relations by source, target and kind).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GraphData {
    pub nodes: Vec<NodeRow>,
    pub edges: Vec<EdgeRow>,
    pub options: DataOptions,
    /// The filter's time window as text (`2024-01-01..2024-06-30`), empty when open.
    pub window: String,
    /// How many articles the network was built from.
    pub articles: usize,
}

impl GraphData {
    /// The data of what `view` (the result of `filter` on `net`) shows.
    pub fn new(net: &Network, filter: &EdgeFilter, view: &EdgeView, options: DataOptions) -> Self {
        let g = &net.graph;
        let mut edges = Vec::new();
        let mut linked = std::collections::BTreeSet::new();
        for e in net.sorted_edges() {
            let Some(stats) = view.stats(e) else {
                continue;
            };
            let (s, t) = g.edge_endpoints(e).expect("edge exists");
            linked.insert(s);
            linked.insert(t);
            let r = &g[e];
            let mut evidence: Vec<EvidenceRow> = filter
                .evidence(r)
                .map(|ev| {
                    let meta = net.articles.get(ev.article);
                    EvidenceRow {
                        article: ev.article,
                        sentence: ev.sentence,
                        date: ev.date,
                        title: meta.map(|m| m.title.clone()).unwrap_or_default(),
                        outlet: meta.and_then(|m| m.outlet.clone()),
                        path: meta.map(|m| m.path.clone()).unwrap_or_default(),
                        trigger: ev.trigger.clone(),
                        category: ev.category.clone(),
                        text: ev.text.clone(),
                    }
                })
                .collect();
            evidence.sort_by_key(|ev| (ev.article, ev.sentence));
            let mut categories: Vec<String> = evidence
                .iter()
                .map(|ev| ev.category.clone())
                .filter(|c| !c.is_empty())
                .collect();
            categories.sort();
            categories.dedup();
            let mut dates: Vec<Date> = evidence.iter().filter_map(|ev| ev.date).collect();
            dates.sort();
            dates.dedup();
            edges.push(EdgeRow {
                id: format!("e{}", edges.len()),
                source: g[s].id.clone(),
                target: g[t].id.clone(),
                kind: r.kind.to_string(),
                directed: r.directed,
                stats,
                categories,
                dates,
                evidence,
            });
        }
        let nodes = net
            .sorted_nodes()
            .into_iter()
            .filter(|n| options.all_actors || linked.contains(n))
            .map(|n| {
                let a = &g[n];
                NodeRow {
                    id: a.id.clone(),
                    label: a.name.to_string(),
                    kind: a.kind.as_str(),
                    mentions: a.mentions,
                    aliases: a.aliases.iter().cloned().collect(),
                }
            })
            .collect();
        let w = filter.window;
        let window = if w.is_open() {
            String::new()
        } else {
            let end = |d: Option<Date>| d.map(|d| d.to_string()).unwrap_or_default();
            format!("{}..{}", end(w.from), end(w.to))
        };
        GraphData {
            nodes,
            edges,
            options,
            window,
            articles: net.articles.len(),
        }
    }

    /// Whether any relation is directed, and any is not.
    pub fn directedness(&self) -> (bool, bool) {
        (
            self.edges.iter().any(|e| e.directed),
            self.edges.iter().any(|e| !e.directed),
        )
    }

    /// The relation kinds present, in the kind registry's order.
    pub fn kinds(&self) -> Vec<String> {
        let mut k: Vec<String> = self.edges.iter().map(|e| e.kind.clone()).collect();
        k.sort();
        k.dedup();
        kinds::sort(&mut k);
        k
    }
}

/// Text for XML: characters XML 1.0 cannot hold are dropped, line breaks and tabs become
/// spaces (attribute values are normalised that way by readers anyway).
pub(crate) fn xml_text(s: &str) -> String {
    s.chars()
        .filter_map(|c| match c {
            '\n' | '\r' | '\t' => Some(' '),
            '\u{0}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}' => None,
            c => Some(c),
        })
        .collect()
}

/// The files an export to `path` writes (CSV writes one per table beside `path`).
pub fn output_paths(path: &Path, format: DataFormat) -> Vec<PathBuf> {
    match format {
        DataFormat::Csv => csv::table_paths(path),
        _ => vec![path.to_path_buf()],
    }
}

/// Write `data` to `path` (atomically, each file) in `format`; returns the files written.
pub fn export_data(
    path: &Path,
    format: DataFormat,
    data: &GraphData,
) -> Result<Vec<PathBuf>, Error> {
    let err = |reason: String| Error::Export {
        path: path.to_path_buf(),
        reason,
    };
    let files: Vec<(PathBuf, Vec<u8>)> = match format {
        DataFormat::Gexf => vec![(
            path.to_path_buf(),
            gexf::write(data).map_err(|e| err(e.to_string()))?,
        )],
        DataFormat::Graphml => {
            vec![(
                path.to_path_buf(),
                graphml::write(data).map_err(|e| err(e.to_string()))?,
            )]
        }
        DataFormat::Json => vec![(
            path.to_path_buf(),
            json::write(data).map_err(|e| err(e.to_string()))?,
        )],
        DataFormat::Csv => {
            let tables = csv::write(data).map_err(|e| err(e.to_string()))?;
            csv::table_paths(path).into_iter().zip(tables).collect()
        }
    };
    let mut written = Vec::new();
    for (p, bytes) in files {
        super::write_atomic(&p, &bytes)?;
        written.push(p);
    }
    Ok(written)
}

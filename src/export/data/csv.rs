//! CSV tables with Gephi's spreadsheet column names (`Id`, `Label`; `Source`, `Target`,
//! `Type`, `Id`, `Label`, `Weight`, `Timeset`): nodes, edges, and the evidence sentences with
//! their provenance. `net.csv` is written as `net-nodes.csv`, `net-edges.csv` and
//! `net-evidence.csv` beside it.

use std::path::{Path, PathBuf};

use super::GraphData;

/// The tables, in the order of [`write`] and [`table_paths`].
pub const CSV_TABLES: [&str; 3] = ["nodes", "edges", "evidence"];

/// Where the tables of an export to `path` go.
pub(super) fn table_paths(path: &Path) -> Vec<PathBuf> {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "dyad".to_owned());
    CSV_TABLES
        .iter()
        .map(|t| path.with_file_name(format!("{stem}-{t}.csv")))
        .collect()
}

fn table(header: &[&str], rows: impl Iterator<Item = Vec<String>>) -> csv::Result<Vec<u8>> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(header)?;
    for r in rows {
        w.write_record(&r)?;
    }
    w.into_inner()
        .map_err(|e| csv::Error::from(std::io::Error::other(e.to_string())))
}

/// The three tables' bytes: nodes, edges, evidence.
pub(super) fn write(data: &GraphData) -> csv::Result<Vec<Vec<u8>>> {
    let date = |d: Option<crate::date::Date>| d.map(|d| d.to_string()).unwrap_or_default();
    let nodes = table(
        &["Id", "Label", "actor_type", "mentions", "aliases"],
        data.nodes.iter().map(|n| {
            vec![
                n.id.clone(),
                n.label.clone(),
                n.kind.to_owned(),
                n.mentions.to_string(),
                n.aliases.join("; "),
            ]
        }),
    )?;
    let edges = table(
        &[
            "Source",
            "Target",
            "Type",
            "Id",
            "Label",
            "Weight",
            "kind",
            "sentences",
            "articles",
            "outlets",
            "categories",
            "first",
            "last",
            "Timeset",
        ],
        data.edges.iter().map(|e| {
            let timeset = if e.dates.is_empty() {
                String::new()
            } else {
                let d: Vec<String> = e.dates.iter().map(|d| d.to_string()).collect();
                format!("<[{}]>", d.join(", "))
            };
            vec![
                e.source.clone(),
                e.target.clone(),
                if e.directed { "Directed" } else { "Undirected" }.to_owned(),
                e.id.clone(),
                e.kind.clone(),
                e.stats.sentences.to_string(),
                e.kind.clone(),
                e.stats.sentences.to_string(),
                e.stats.articles.to_string(),
                e.stats.outlets.to_string(),
                e.categories.join("; "),
                date(e.stats.first),
                date(e.stats.last),
                timeset,
            ]
        }),
    )?;
    let evidence = table(
        &[
            "edge", "source", "target", "kind", "article", "sentence", "date", "title", "outlet",
            "path", "trigger", "category", "text",
        ],
        data.edges.iter().flat_map(|e| {
            e.evidence.iter().map(move |ev| {
                vec![
                    e.id.clone(),
                    e.source.clone(),
                    e.target.clone(),
                    e.kind.clone(),
                    ev.article.to_string(),
                    ev.sentence.to_string(),
                    date(ev.date),
                    ev.title.clone(),
                    ev.outlet.clone().unwrap_or_default(),
                    ev.path.clone(),
                    ev.trigger.clone(),
                    ev.category.clone(),
                    ev.text.clone(),
                ]
            })
        }),
    )?;
    Ok(vec![nodes, edges, evidence])
}

//! The extraction JSON of `dyad extract --json` (see the eval's OUTPUT_SCHEMA.md).

use serde::Serialize;

use crate::network::Network;

#[derive(Debug, Serialize)]
pub struct Report {
    pub articles: Vec<ReportArticle>,
    pub actors: Vec<ReportActor>,
    pub relations: Vec<ReportRelation>,
}

#[derive(Debug, Serialize)]
pub struct ReportArticle {
    pub id: usize,
    pub path: String,
    pub title: String,
    pub sentences: usize,
    /// ISO date, when the article has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// The outlet, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub outlet: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct ReportActor {
    pub id: String,
    pub name: String,
    pub kind: String,
    pub aliases: Vec<String>,
    pub mentions: usize,
}

#[derive(Debug, Serialize)]
pub struct ReportRelation {
    pub source: String,
    pub target: String,
    pub kind: String,
    pub directed: bool,
    pub weight: usize,
    pub evidence: Vec<ReportEvidence>,
}

#[derive(Debug, Serialize)]
pub struct ReportEvidence {
    pub article: usize,
    pub sentence: usize,
    pub text: String,
    pub trigger: String,
    /// The CAMEO/PLOVER event category (`SANCTION`, `ASSAULT`, ...); absent when unknown.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub category: String,
    /// The article's ISO date, when it has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
}

impl Report {
    /// The report of a network: actors sorted by id, relations by (source, target, kind).
    pub fn from_network(net: &Network) -> Self {
        let articles = net
            .articles
            .iter()
            .enumerate()
            .map(|(id, a)| ReportArticle {
                id,
                path: a.path.clone(),
                title: a.title.clone(),
                sentences: a.sentences,
                date: a.date.map(|d| d.to_string()),
                outlet: a.outlet.clone(),
            })
            .collect();
        let actors = net
            .sorted_nodes()
            .into_iter()
            .map(|n| {
                let a = &net.graph[n];
                ReportActor {
                    id: a.id.clone(),
                    name: a.name.to_string(),
                    kind: a.kind.as_str().to_owned(),
                    aliases: a.aliases.iter().cloned().collect(),
                    mentions: a.mentions,
                }
            })
            .collect();
        let relations = net
            .sorted_edges()
            .into_iter()
            .map(|e| {
                let (s, t) = net.graph.edge_endpoints(e).expect("edge exists");
                let r = &net.graph[e];
                let mut evidence: Vec<ReportEvidence> = r
                    .evidence
                    .iter()
                    .map(|ev| ReportEvidence {
                        article: ev.article,
                        sentence: ev.sentence,
                        text: ev.text.clone(),
                        trigger: ev.trigger.clone(),
                        category: ev.category.clone(),
                        date: ev.date.map(|d| d.to_string()),
                    })
                    .collect();
                evidence.sort_by_key(|e| (e.article, e.sentence));
                ReportRelation {
                    source: net.graph[s].id.clone(),
                    target: net.graph[t].id.clone(),
                    kind: r.kind.to_string(),
                    directed: r.directed,
                    weight: evidence.len(),
                    evidence,
                }
            })
            .collect();
        Report {
            articles,
            actors,
            relations,
        }
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("report serialises")
    }
}

impl Report {
    /// A plain-text table for people: one line per relation, then its evidence.
    pub fn to_table(&self) -> String {
        use std::fmt::Write;
        let name = |id: &str| {
            self.actors
                .iter()
                .find(|a| a.id == id)
                .map(|a| a.name.clone())
                .unwrap_or_else(|| id.to_owned())
        };
        let mut s = String::new();
        let _ = writeln!(
            s,
            "{} article(s), {} actor(s), {} relation(s)",
            self.articles.len(),
            self.actors.len(),
            self.relations.len()
        );
        for r in &self.relations {
            let arrow = if r.directed { "->" } else { "--" };
            let _ = writeln!(
                s,
                "\n{} {} {}  [{}, {} sentence(s)]",
                name(&r.source),
                arrow,
                name(&r.target),
                r.kind,
                r.weight
            );
            for e in &r.evidence {
                let _ = writeln!(
                    s,
                    "  [{}:{}] ({}) {}",
                    e.article, e.sentence, e.trigger, e.text
                );
            }
        }
        s
    }
}

//! JSON in graphology's serialisation (`graph.import(json)`): a mixed multigraph whose
//! undirected relations say so, every relation with its evidence and provenance.

use serde_json::{Value, json};

use super::GraphData;

pub(super) fn write(data: &GraphData) -> serde_json::Result<Vec<u8>> {
    let (any_directed, any_undirected) = data.directedness();
    let ty = match (any_directed, any_undirected) {
        (true, true) => "mixed",
        (true, false) => "directed",
        _ => "undirected",
    };
    let nodes: Vec<Value> = data
        .nodes
        .iter()
        .map(|n| {
            json!({
                "key": n.id,
                "attributes": {
                    "label": n.label,
                    "type": n.kind,
                    "mentions": n.mentions,
                    "aliases": n.aliases,
                }
            })
        })
        .collect();
    let date = |d: Option<crate::date::Date>| d.map(|d| d.to_string());
    let edges: Vec<Value> = data
        .edges
        .iter()
        .map(|e| {
            let evidence: Vec<Value> = e
                .evidence
                .iter()
                .map(|ev| {
                    json!({
                        "article": ev.article,
                        "sentence": ev.sentence,
                        "date": date(ev.date),
                        "title": ev.title,
                        "outlet": ev.outlet,
                        "path": ev.path,
                        "trigger": ev.trigger,
                        "category": ev.category,
                        "text": ev.text,
                    })
                })
                .collect();
            let mut edge = json!({
                "key": e.id,
                "source": e.source,
                "target": e.target,
                "attributes": {
                    "kind": e.kind,
                    "label": e.kind,
                    "directed": e.directed,
                    "weight": e.stats.sentences,
                    "sentences": e.stats.sentences,
                    "articles": e.stats.articles,
                    "outlets": e.stats.outlets,
                    "categories": e.categories,
                    "first": date(e.stats.first),
                    "last": date(e.stats.last),
                    "dates": e.dates.iter().map(|d| d.to_string()).collect::<Vec<_>>(),
                    "evidence": evidence,
                }
            });
            if !e.directed {
                edge["undirected"] = Value::Bool(true);
            }
            edge
        })
        .collect();
    let mut attributes = json!({ "name": "Dyad", "articles": data.articles });
    if !data.window.is_empty() {
        attributes["window"] = Value::String(data.window.clone());
    }
    let doc = json!({
        "attributes": attributes,
        "options": { "type": ty, "multi": true, "allowSelfLoops": false },
        "nodes": nodes,
        "edges": edges,
    });
    let mut out = serde_json::to_vec_pretty(&doc)?;
    out.push(b'\n');
    Ok(out)
}

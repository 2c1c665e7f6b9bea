//! The seed article's network holds the four relations the project was started for.

use std::path::Path;

use dyad::extract::Extractor;
use dyad::network::Network;

const SEED: &str = include_str!("../assets/samples/russia_iran_oped.txt");

fn network() -> Network {
    let article = dyad::ingest::from_text(Path::new("seed.txt"), SEED);
    let x = Extractor::builtin().extract(&article.text);
    Network::from_extractions([(&article, &x)])
}

fn assert_edge(net: &Network, a: &str, b: &str, kind: &str, directed_from: Option<&str>) {
    let (e, rel) = net
        .relation(a, b, kind)
        .unwrap_or_else(|| panic!("no {kind} relation between {a} and {b}"));
    assert!(!rel.evidence.is_empty(), "{a}-{b} {kind} has no evidence");
    for ev in &rel.evidence {
        assert!(
            SEED.contains(ev.text.as_str()),
            "evidence not verbatim: {}",
            ev.text
        );
    }
    if let Some(src) = directed_from {
        let directed = net
            .edges_between(a, b)
            .into_iter()
            .map(|e| (e, &net.graph[e]))
            .filter(|(_, r)| *r.kind == *kind && r.directed)
            .any(|(e, _)| {
                let (s, _) = net.graph.edge_endpoints(e).unwrap();
                net.graph[s].id == src
            });
        assert!(
            directed,
            "{kind} {a}-{b} is not directed from {src} (edge {e:?})"
        );
    }
}

#[test]
fn seed_network_has_the_core_relations() {
    let net = network();
    assert_edge(&net, "russia", "iran", "cooperation", None);
    assert_edge(&net, "russia", "iran", "mistrust", None);
    assert_edge(&net, "the_west", "iran", "sanctions", Some("the_west"));
    assert_edge(&net, "the_west", "russia", "sanctions", Some("the_west"));
}

#[test]
fn seed_cooperation_evidence_names_the_agreement() {
    let net = network();
    let (_, rel) = net.relation("russia", "iran", "cooperation").unwrap();
    assert!(
        rel.evidence
            .iter()
            .any(|e| e.text.contains("cooperation agreement"))
    );
    assert!(
        rel.evidence
            .iter()
            .any(|e| e.text.contains("Iran-Russia cooperation"))
    );
}

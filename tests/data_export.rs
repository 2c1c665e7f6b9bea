//! Data exports parsed back: every format has the network's shown actors and relations, with
//! their kinds, directions, weights, counts and dates; filters apply.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use dyad::date::Date;
use dyad::document::Document;
use dyad::export::data::{DataFormat, DataOptions, GraphData, export_data};
use dyad::pipeline::Progress;
use quick_xml::events::Event;

/// Two dated wire stories and an undated note.
fn corpus(dir: &Path) -> Vec<PathBuf> {
    let files = [
        (
            "a.txt",
            "MOSCOW, March 3, 2024 (Reuters) - Russia and Iran signed a cooperation agreement \
             on energy. The United States imposed sanctions on Iran over its nuclear program.\n",
        ),
        (
            "b.txt",
            "PARIS, June 10, 2024 (AFP) - France and Germany signed a defence agreement. \
             Russia attacked Ukraine with missiles overnight.\n",
        ),
        (
            "c.txt",
            "Russia and Iran signed another agreement on trade & transport.\n",
        ),
    ];
    files
        .iter()
        .map(|(name, text)| {
            let p = dir.join(name);
            std::fs::write(&p, text).unwrap();
            p
        })
        .collect()
}

fn document(dir: &Path) -> Document {
    let mut doc = Document::default();
    let r = doc.load(&corpus(dir), &Progress::default());
    assert_eq!(r.read, 3, "{:?}", r.errors);
    doc
}

fn data(doc: &Document) -> GraphData {
    GraphData::new(
        doc.network(),
        &doc.filter,
        &doc.view(),
        DataOptions::default(),
    )
}

/// (source, target, kind) -> (weight, directed) as the network and filter have them.
type EdgeMap = BTreeMap<(String, String, String), (u32, bool)>;

fn expected(d: &GraphData) -> EdgeMap {
    d.edges
        .iter()
        .map(|e| {
            (
                (e.source.clone(), e.target.clone(), e.kind.clone()),
                (e.stats.sentences, e.directed),
            )
        })
        .collect()
}

/// Elements of an XML file: (name, attributes) in document order, and `<data key>` texts.
fn xml_elements(bytes: &[u8]) -> Vec<(String, BTreeMap<String, String>, String)> {
    let text = std::str::from_utf8(bytes).expect("UTF-8");
    let mut r = quick_xml::Reader::from_str(text);
    let mut out: Vec<(String, BTreeMap<String, String>, String)> = Vec::new();
    let mut open: Vec<usize> = Vec::new();
    loop {
        match r.read_event().expect("well-formed XML") {
            Event::Start(e) => {
                out.push(element(&e));
                open.push(out.len() - 1);
            }
            Event::Empty(e) => out.push(element(&e)),
            Event::Text(t) => {
                if let Some(&i) = open.last() {
                    out[i].2.push_str(&t.xml10_content());
                }
            }
            Event::GeneralRef(g) => {
                if let Some(&i) = open.last() {
                    let name = g.xml10_content();
                    let c = quick_xml::escape::resolve_predefined_entity(&name).unwrap();
                    out[i].2.push_str(c);
                }
            }
            Event::End(_) => {
                open.pop();
            }
            Event::Eof => break,
            _ => {}
        }
    }
    out
}

fn element(e: &quick_xml::events::BytesStart) -> (String, BTreeMap<String, String>, String) {
    let name = e.name().as_ref().to_owned();
    let attrs = e
        .attributes()
        .map(|a| {
            let a = a.unwrap();
            (
                a.key.as_ref().to_owned(),
                a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                    .unwrap()
                    .into_owned(),
            )
        })
        .collect();
    (name, attrs, String::new())
}

#[test]
fn the_corpus_has_dates_outlets_and_both_directions() {
    let dir = tempfile::tempdir().unwrap();
    let doc = document(dir.path());
    let arts = &doc.network().articles;
    assert_eq!(arts[0].date, Date::parse_iso("2024-03-03"));
    assert_eq!(arts[0].outlet.as_deref(), Some("Reuters"));
    assert_eq!(arts[1].outlet.as_deref(), Some("AFP"));
    assert_eq!(arts[2].date, None);
    let d = data(&doc);
    assert_eq!(d.directedness(), (true, true), "{:?}", expected(&d));
    assert!(d.edges.len() >= 3, "{:?}", expected(&d));
}

#[test]
fn gexf_round_trips() {
    let dir = tempfile::tempdir().unwrap();
    let doc = document(dir.path());
    let d = data(&doc);
    let out = dir.path().join("net.gexf");
    assert_eq!(
        export_data(&out, DataFormat::Gexf, &d).unwrap(),
        std::slice::from_ref(&out)
    );
    let els = xml_elements(&std::fs::read(&out).unwrap());
    let root = &els[0];
    assert_eq!(root.0, "gexf");
    assert_eq!(root.1["version"], "1.3");
    assert_eq!(root.1["xmlns"], "http://gexf.net/1.3");
    let graph = els.iter().find(|e| e.0 == "graph").unwrap();
    assert_eq!(graph.1["defaultedgetype"], "directed");
    assert_eq!(graph.1["mode"], "dynamic");
    let nodes: Vec<_> = els.iter().filter(|e| e.0 == "node").collect();
    assert_eq!(nodes.len(), d.nodes.len());
    let edges: Vec<_> = els.iter().filter(|e| e.0 == "edge").collect();
    assert_eq!(edges.len(), doc.view().shown_count());
    // per edge: source, target, kind and weight as the network has them; the attvalues
    // (kind, directed) follow each edge element
    let mut got = EdgeMap::new();
    let mut directed = BTreeMap::new();
    let mut current = None;
    for e in &els {
        match e.0.as_str() {
            "edge" => {
                let key = (
                    e.1["source"].clone(),
                    e.1["target"].clone(),
                    e.1["kind"].clone(),
                );
                assert!(!e.1.contains_key("type"), "not a mixed export");
                got.insert(key.clone(), (e.1["weight"].parse().unwrap(), false));
                current = Some(key);
            }
            "attvalue" if e.1["for"] == "directed" => {
                if let Some(k) = &current {
                    directed.insert(k.clone(), e.1["value"] == "true");
                }
            }
            _ => {}
        }
    }
    for (k, v) in got.iter_mut() {
        v.1 = directed[k];
    }
    assert_eq!(got, expected(&d));
    // dated evidence gives spells; the undated article's relation has none of its own day
    let spells: Vec<_> = els.iter().filter(|e| e.0 == "spell").collect();
    let days: usize = d.edges.iter().map(|e| e.dates.len()).sum();
    assert_eq!(spells.len(), days);
    assert!(spells.iter().any(|s| s.1["start"] == "2024-03-03"));
    // actor types
    let types: Vec<_> = els
        .iter()
        .filter(|e| e.0 == "attvalue" && e.1["for"] == "type")
        .map(|e| e.1["value"].clone())
        .collect();
    assert_eq!(types.len(), d.nodes.len());
    assert!(types.iter().all(|t| !t.is_empty()));

    // mixed: each relation's own direction
    let mixed = GraphData {
        options: DataOptions {
            mixed: true,
            ..Default::default()
        },
        ..d.clone()
    };
    export_data(&out, DataFormat::Gexf, &mixed).unwrap();
    let els = xml_elements(&std::fs::read(&out).unwrap());
    let types: Vec<_> = els
        .iter()
        .filter(|e| e.0 == "edge")
        .map(|e| e.1["type"] == "directed")
        .collect();
    assert_eq!(
        types,
        d.edges.iter().map(|e| e.directed).collect::<Vec<_>>()
    );
}

#[test]
fn graphml_round_trips() {
    let dir = tempfile::tempdir().unwrap();
    let doc = document(dir.path());
    let d = data(&doc);
    let out = dir.path().join("net.graphml");
    export_data(&out, DataFormat::Graphml, &d).unwrap();
    let els = xml_elements(&std::fs::read(&out).unwrap());
    assert_eq!(els[0].0, "graphml");
    let keys: BTreeMap<String, String> = els
        .iter()
        .filter(|e| e.0 == "key")
        .map(|e| (e.1["id"].clone(), e.1["attr.type"].clone()))
        .collect();
    assert_eq!(keys["weight"], "double");
    let nodes: Vec<_> = els.iter().filter(|e| e.0 == "node").collect();
    assert_eq!(nodes.len(), d.nodes.len());
    let mut got = EdgeMap::new();
    let mut current: Option<(String, String)> = None;
    let mut fields: BTreeMap<String, String> = BTreeMap::new();
    let mut flush = |cur: &Option<(String, String)>, f: &BTreeMap<String, String>| {
        if let Some((s, t)) = cur {
            got.insert(
                (s.clone(), t.clone(), f["kind"].clone()),
                (f["weight"].parse().unwrap(), f["directed"] == "true"),
            );
        }
    };
    for e in &els {
        match e.0.as_str() {
            "edge" => {
                flush(&current, &fields);
                fields.clear();
                current = Some((e.1["source"].clone(), e.1["target"].clone()));
            }
            "node" => {
                flush(&current, &fields);
                current = None;
            }
            "data" if current.is_some() => {
                fields.insert(e.1["key"].clone(), e.2.clone());
            }
            _ => {}
        }
    }
    flush(&current, &fields);
    assert_eq!(got, expected(&d));
    // a label with XML's special characters survives
    let labels: Vec<_> = els
        .iter()
        .filter(|e| e.0 == "data" && e.1["key"] == "label")
        .map(|e| e.2.clone())
        .collect();
    assert_eq!(
        labels,
        d.nodes.iter().map(|n| n.label.clone()).collect::<Vec<_>>()
    );
}

#[test]
fn csv_tables_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let doc = document(dir.path());
    let d = data(&doc);
    let out = dir.path().join("net.csv");
    let files = export_data(&out, DataFormat::Csv, &d).unwrap();
    let names: Vec<String> = files
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        names,
        ["net-nodes.csv", "net-edges.csv", "net-evidence.csv"]
    );
    let read = |p: &Path| {
        let mut r = csv::Reader::from_path(p).unwrap();
        let header: Vec<String> = r.headers().unwrap().iter().map(str::to_owned).collect();
        let rows: Vec<BTreeMap<String, String>> = r
            .records()
            .map(|rec| {
                header
                    .iter()
                    .cloned()
                    .zip(rec.unwrap().iter().map(str::to_owned))
                    .collect()
            })
            .collect();
        (header, rows)
    };
    let (nh, nodes) = read(&files[0]);
    assert_eq!(&nh[..2], ["Id", "Label"]);
    assert_eq!(nodes.len(), d.nodes.len());
    let (eh, edges) = read(&files[1]);
    assert_eq!(
        &eh[..6],
        ["Source", "Target", "Type", "Id", "Label", "Weight"]
    );
    let got: EdgeMap = edges
        .iter()
        .map(|r| {
            (
                (r["Source"].clone(), r["Target"].clone(), r["kind"].clone()),
                (r["Weight"].parse().unwrap(), r["Type"] == "Directed"),
            )
        })
        .collect();
    assert_eq!(got, expected(&d));
    let (_, evidence) = read(&files[2]);
    let total: u32 = d.edges.iter().map(|e| e.stats.sentences).sum();
    assert_eq!(evidence.len(), total as usize);
    let dated = evidence
        .iter()
        .find(|r| r["date"] == "2024-03-03")
        .expect("a dated sentence");
    assert_eq!(dated["outlet"], "Reuters");
    assert!(dated["path"].ends_with("a.txt"));
    assert!(!dated["text"].is_empty());
}

#[test]
fn json_follows_graphology() {
    let dir = tempfile::tempdir().unwrap();
    let doc = document(dir.path());
    let d = data(&doc);
    let out = dir.path().join("net.json");
    export_data(&out, DataFormat::Json, &d).unwrap();
    let v: serde_json::Value = serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
    assert_eq!(v["options"]["type"], "mixed");
    assert_eq!(v["options"]["multi"], true);
    assert_eq!(v["nodes"].as_array().unwrap().len(), d.nodes.len());
    let edges = v["edges"].as_array().unwrap();
    let got: EdgeMap = edges
        .iter()
        .map(|e| {
            let a = &e["attributes"];
            let undirected = e["undirected"].as_bool().unwrap_or(false);
            assert_eq!(undirected, !a["directed"].as_bool().unwrap());
            (
                (
                    e["source"].as_str().unwrap().to_owned(),
                    e["target"].as_str().unwrap().to_owned(),
                    a["kind"].as_str().unwrap().to_owned(),
                ),
                (a["weight"].as_u64().unwrap() as u32, !undirected),
            )
        })
        .collect();
    assert_eq!(got, expected(&d));
    for e in edges {
        let ev = e["attributes"]["evidence"].as_array().unwrap();
        assert_eq!(
            ev.len() as u64,
            e["attributes"]["sentences"].as_u64().unwrap()
        );
        assert!(
            ev.iter()
                .all(|s| s["title"].is_string() && s["path"].is_string())
        );
    }
}

#[test]
fn filters_apply_to_every_format() {
    let dir = tempfile::tempdir().unwrap();
    let mut doc = document(dir.path());
    let all = data(&doc);
    // March only, no undated: the second and third articles' relations leave
    doc.filter.window.from = Date::parse_iso("2024-03-01");
    doc.filter.window.to = Date::parse_iso("2024-03-31");
    doc.filter.window.undated = false;
    let march = data(&doc);
    assert!(march.edges.len() < all.edges.len());
    assert!(!march.edges.is_empty());
    assert!(
        march
            .edges
            .iter()
            .flat_map(|e| &e.evidence)
            .all(|ev| ev.date == Date::parse_iso("2024-03-03"))
    );
    assert_eq!(march.window, "2024-03-01..2024-03-31");
    // actors without a shown relation are left out unless asked for
    let everyone = GraphData::new(
        doc.network(),
        &doc.filter,
        &doc.view(),
        DataOptions {
            all_actors: true,
            ..Default::default()
        },
    );
    assert_eq!(everyone.nodes.len(), doc.network().graph.node_count());
    assert!(march.nodes.len() < everyone.nodes.len());
    for f in DataFormat::ALL {
        let out = dir.path().join(format!("march.{}", f.extension()));
        let files = export_data(&out, f, &march).unwrap();
        let text = std::fs::read_to_string(&files[0]).unwrap();
        assert!(
            !text.contains("France"),
            "{f:?}: France is outside the window"
        );
    }
}

#[test]
fn exports_are_deterministic_and_atomic() {
    let dir = tempfile::tempdir().unwrap();
    let doc = document(dir.path());
    let d = data(&doc);
    for f in DataFormat::ALL {
        let a = dir.path().join(format!("a.{}", f.extension()));
        let b = dir.path().join(format!("b.{}", f.extension()));
        let fa = export_data(&a, f, &d).unwrap();
        let fb = export_data(&b, f, &d).unwrap();
        for (x, y) in fa.iter().zip(&fb) {
            assert_eq!(
                std::fs::read(x).unwrap(),
                std::fs::read(y).unwrap(),
                "{f:?}"
            );
        }
    }
    assert!(
        std::fs::read_dir(dir.path()).unwrap().all(|e| !e
            .unwrap()
            .file_name()
            .to_string_lossy()
            .ends_with(".tmp"))
    );
    // a folder that does not exist is an error naming the file
    let bad = dir.path().join("no/such/dir/net.gexf");
    let e = export_data(&bad, DataFormat::Gexf, &d).unwrap_err();
    assert!(e.to_string().contains("net.gexf"), "{e}");
    assert_eq!(
        DataFormat::from_path(Path::new("x.GraphML")),
        Some(DataFormat::Graphml)
    );
    assert_eq!(DataFormat::from_path(Path::new("x.png")), None);
}

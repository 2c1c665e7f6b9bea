//! GraphML: actors and relations with typed keys (kind, direction, counts, dates, categories).

use std::io;

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesText, Event};

use super::{GraphData, xml_text};

type W = Writer<Vec<u8>>;

/// (id, for, attr.name, attr.type)
const KEYS: [(&str, &str, &str, &str); 15] = [
    ("label", "node", "label", "string"),
    ("type", "node", "type", "string"),
    ("mentions", "node", "mentions", "int"),
    ("aliases", "node", "aliases", "string"),
    ("kind", "edge", "kind", "string"),
    ("directed", "edge", "directed", "boolean"),
    ("weight", "edge", "weight", "double"),
    ("sentences", "edge", "sentences", "int"),
    ("articles", "edge", "articles", "int"),
    ("outlets", "edge", "outlets", "int"),
    ("categories", "edge", "categories", "string"),
    ("first", "edge", "first", "string"),
    ("last", "edge", "last", "string"),
    ("dates", "edge", "dates", "string"),
    ("outlet_names", "edge", "outlet_names", "string"),
];

fn data_el(w: &mut W, key: &str, value: &str) -> io::Result<()> {
    w.create_element("data")
        .with_attributes([("key", key)])
        .write_text_content(BytesText::new(&xml_text(value)))?;
    Ok(())
}

pub(super) fn write(data: &GraphData) -> io::Result<Vec<u8>> {
    let mut w = Writer::new_with_indent(Vec::new(), b' ', 2);
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    let (any_directed, any_undirected) = data.directedness();
    let mixed = data.options.mixed && any_directed && any_undirected;
    let default = if any_directed {
        "directed"
    } else {
        "undirected"
    };
    w.create_element("graphml")
        .with_attributes([
            ("xmlns", "http://graphml.graphdrawing.org/xmlns"),
            ("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"),
            (
                "xsi:schemaLocation",
                "http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd",
            ),
        ])
        .write_inner_content(|w| {
            for (id, f, name, ty) in KEYS {
                w.create_element("key")
                    .with_attributes([
                        ("id", id),
                        ("for", f),
                        ("attr.name", name),
                        ("attr.type", ty),
                    ])
                    .write_empty()?;
            }
            w.create_element("graph")
                .with_attributes([("id", "G"), ("edgedefault", default)])
                .write_inner_content(|w| {
                    for n in &data.nodes {
                        w.create_element("node")
                            .with_attributes([("id", n.id.as_str())])
                            .write_inner_content(|w| {
                                data_el(w, "label", &n.label)?;
                                data_el(w, "type", n.kind)?;
                                data_el(w, "mentions", &n.mentions.to_string())?;
                                data_el(w, "aliases", &n.aliases.join("; "))
                            })?;
                    }
                    for e in &data.edges {
                        edge(w, e, mixed)?;
                    }
                    Ok(())
                })?;
            Ok(())
        })?;
    let mut out = w.into_inner();
    out.push(b'\n');
    Ok(out)
}

fn edge(w: &mut W, e: &super::EdgeRow, mixed: bool) -> io::Result<()> {
    let mut attrs = vec![
        ("id", e.id.as_str()),
        ("source", e.source.as_str()),
        ("target", e.target.as_str()),
    ];
    if mixed {
        attrs.push(("directed", if e.directed { "true" } else { "false" }));
    }
    let date = |d: Option<crate::date::Date>| d.map(|d| d.to_string()).unwrap_or_default();
    let mut outlets: Vec<&str> = e
        .evidence
        .iter()
        .filter_map(|ev| ev.outlet.as_deref())
        .collect();
    outlets.sort_unstable();
    outlets.dedup();
    let dates: Vec<String> = e.dates.iter().map(|d| d.to_string()).collect();
    w.create_element("edge")
        .with_attributes(attrs)
        .write_inner_content(|w| {
            data_el(w, "kind", &e.kind)?;
            data_el(w, "directed", if e.directed { "true" } else { "false" })?;
            data_el(w, "weight", &e.stats.sentences.to_string())?;
            data_el(w, "sentences", &e.stats.sentences.to_string())?;
            data_el(w, "articles", &e.stats.articles.to_string())?;
            data_el(w, "outlets", &e.stats.outlets.to_string())?;
            data_el(w, "categories", &e.categories.join("; "))?;
            data_el(w, "first", &date(e.stats.first))?;
            data_el(w, "last", &date(e.stats.last))?;
            data_el(w, "dates", &dates.join(" "))?;
            data_el(w, "outlet_names", &outlets.join("; "))
        })?;
    Ok(())
}

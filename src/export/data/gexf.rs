//! GEXF 1.3 (Gephi's format): actors with their type, relations with their kind (also as the
//! edge's GEXF `kind`, which tells parallel edges apart), weight and counts; a dynamic graph
//! whose relations carry one spell per day of evidence.

use std::io;

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesText, Event};

use super::{GraphData, xml_text};

type W = Writer<Vec<u8>>;

const NODE_ATTRS: [(&str, &str); 3] = [
    ("type", "string"),
    ("mentions", "integer"),
    ("aliases", "string"),
];

const EDGE_ATTRS: [(&str, &str); 8] = [
    ("kind", "string"),
    ("directed", "boolean"),
    ("sentences", "integer"),
    ("articles", "integer"),
    ("outlets", "integer"),
    ("categories", "string"),
    ("first", "string"),
    ("last", "string"),
];

fn attributes(w: &mut W, class: &str, attrs: &[(&str, &str)]) -> io::Result<()> {
    w.create_element("attributes")
        .with_attributes([("class", class)])
        .write_inner_content(|w| {
            for (id, ty) in attrs {
                w.create_element("attribute")
                    .with_attributes([("id", *id), ("title", *id), ("type", *ty)])
                    .write_empty()?;
            }
            Ok(())
        })?;
    Ok(())
}

fn attvalues(w: &mut W, values: &[(&str, String)]) -> io::Result<()> {
    w.create_element("attvalues").write_inner_content(|w| {
        for (k, v) in values {
            w.create_element("attvalue")
                .with_attributes([("for", *k), ("value", v.as_str())])
                .write_empty()?;
        }
        Ok(())
    })?;
    Ok(())
}

pub(super) fn write(data: &GraphData) -> io::Result<Vec<u8>> {
    let mut w = Writer::new_with_indent(Vec::new(), b' ', 2);
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    let (any_directed, any_undirected) = data.directedness();
    let default_type = if any_directed {
        "directed"
    } else {
        "undirected"
    };
    let mixed = data.options.mixed && any_directed && any_undirected;
    let dynamic = data.edges.iter().any(|e| !e.dates.is_empty());
    let mut graph_attrs = vec![("defaultedgetype", default_type)];
    if dynamic {
        graph_attrs.extend([
            ("mode", "dynamic"),
            ("timeformat", "date"),
            ("timerepresentation", "interval"),
        ]);
    } else {
        graph_attrs.push(("mode", "static"));
    }
    w.create_element("gexf")
        .with_attributes([
            ("xmlns", "http://gexf.net/1.3"),
            ("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"),
            (
                "xsi:schemaLocation",
                "http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd",
            ),
            ("version", "1.3"),
        ])
        .write_inner_content(|w| {
            w.create_element("meta").write_inner_content(|w| {
                w.create_element("creator")
                    .write_text_content(BytesText::new("Dyad"))?;
                let mut desc = format!(
                    "Relations between actors found in {} article(s)",
                    data.articles
                );
                if !data.window.is_empty() {
                    desc.push_str(&format!(", evidence dated {}", data.window));
                }
                w.create_element("description")
                    .write_text_content(BytesText::new(&desc))?;
                Ok(())
            })?;
            w.create_element("graph")
                .with_attributes(graph_attrs.iter().copied())
                .write_inner_content(|w| {
                    attributes(w, "node", &NODE_ATTRS)?;
                    attributes(w, "edge", &EDGE_ATTRS)?;
                    nodes(w, data)?;
                    edges(w, data, mixed)
                })?;
            Ok(())
        })?;
    let mut out = w.into_inner();
    out.push(b'\n');
    Ok(out)
}

fn nodes(w: &mut W, data: &GraphData) -> io::Result<()> {
    w.create_element("nodes").write_inner_content(|w| {
        for n in &data.nodes {
            let label = xml_text(&n.label);
            w.create_element("node")
                .with_attributes([("id", n.id.as_str()), ("label", label.as_str())])
                .write_inner_content(|w| {
                    attvalues(
                        w,
                        &[
                            ("type", n.kind.to_owned()),
                            ("mentions", n.mentions.to_string()),
                            ("aliases", xml_text(&n.aliases.join("; "))),
                        ],
                    )
                })?;
        }
        Ok(())
    })?;
    Ok(())
}

fn edges(w: &mut W, data: &GraphData, mixed: bool) -> io::Result<()> {
    w.create_element("edges").write_inner_content(|w| {
        for e in &data.edges {
            let weight = e.stats.sentences.to_string();
            let mut attrs = vec![
                ("id", e.id.as_str()),
                ("source", e.source.as_str()),
                ("target", e.target.as_str()),
                ("kind", e.kind.as_str()),
                ("label", e.kind.as_str()),
                ("weight", weight.as_str()),
            ];
            if mixed {
                attrs.push(("type", if e.directed { "directed" } else { "undirected" }));
            }
            let date = |d: Option<crate::date::Date>| d.map(|d| d.to_string()).unwrap_or_default();
            w.create_element("edge")
                .with_attributes(attrs)
                .write_inner_content(|w| {
                    attvalues(
                        w,
                        &[
                            ("kind", e.kind.clone()),
                            ("directed", e.directed.to_string()),
                            ("sentences", e.stats.sentences.to_string()),
                            ("articles", e.stats.articles.to_string()),
                            ("outlets", e.stats.outlets.to_string()),
                            ("categories", e.categories.join("; ")),
                            ("first", date(e.stats.first)),
                            ("last", date(e.stats.last)),
                        ],
                    )?;
                    if !e.dates.is_empty() {
                        w.create_element("spells").write_inner_content(|w| {
                            for d in &e.dates {
                                let d = d.to_string();
                                w.create_element("spell")
                                    .with_attributes([("start", d.as_str()), ("end", d.as_str())])
                                    .write_empty()?;
                            }
                            Ok(())
                        })?;
                    }
                    Ok(())
                })?;
        }
        Ok(())
    })?;
    Ok(())
}

//! A small streaming XML walker over `quick-xml` for DOCX and EPUB package files: local
//! element names, attributes by local name, and text with entities resolved.

use quick_xml::events::{BytesStart, Event};

/// One XML event, simplified.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ev {
    /// An element starts (`empty`: it is also already closed, `<x/>`).
    Start {
        name: String,
        attrs: Vec<(String, String)>,
        empty: bool,
    },
    End {
        name: String,
    },
    Text(String),
}

fn local(name: &str) -> String {
    name.rsplit(':').next().unwrap_or(name).to_owned()
}

fn start(e: &BytesStart, empty: bool) -> Ev {
    let attrs = e
        .attributes()
        .flatten()
        .map(|a| {
            let v = a
                .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .map(|v| v.into_owned())
                .unwrap_or_else(|_| a.value.clone().into_owned());
            (local(a.key.as_ref()), v)
        })
        .collect();
    Ev::Start {
        name: local(e.name().as_ref()),
        attrs,
        empty,
    }
}

/// Walk `xml`, calling `f` for each event. Errors are the parser's, as text.
pub fn walk(xml: &str, mut f: impl FnMut(Ev)) -> Result<(), String> {
    let mut r = quick_xml::Reader::from_str(xml);
    loop {
        let ev = r
            .read_event()
            .map_err(|e| format!("malformed XML at byte {}: {e}", r.buffer_position()))?;
        match ev {
            Event::Start(e) => f(start(&e, false)),
            Event::Empty(e) => {
                let s = start(&e, true);
                let name = match &s {
                    Ev::Start { name, .. } => name.clone(),
                    _ => String::new(),
                };
                f(s);
                f(Ev::End { name });
            }
            Event::End(e) => f(Ev::End {
                name: local(e.name().as_ref()),
            }),
            Event::Text(t) => f(Ev::Text(t.xml10_content().into_owned())),
            Event::CData(t) => f(Ev::Text(t.into_inner().into_owned())),
            Event::GeneralRef(r) => {
                let s = if r.is_char_ref() {
                    r.resolve_char_ref()
                        .ok()
                        .flatten()
                        .map(String::from)
                        .unwrap_or_default()
                } else {
                    let name = r.xml10_content();
                    quick_xml::escape::resolve_predefined_entity(&name)
                        .map(str::to_owned)
                        .unwrap_or_default()
                };
                if !s.is_empty() {
                    f(Ev::Text(s));
                }
            }
            Event::Eof => return Ok(()),
            _ => {}
        }
    }
}

/// An attribute's value by local name.
pub fn attr<'a>(attrs: &'a [(String, String)], name: &str) -> Option<&'a str> {
    attrs
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn walks_with_entities_and_namespaces() {
        let mut evs = Vec::new();
        walk(
            "<?xml version=\"1.0\"?><w:p a:x=\"1 &amp; 2\"><w:t>Tom &amp; Jerry &#8212; &#x201C;ok&#x201D;</w:t><w:br/></w:p>",
            |e| evs.push(e),
        )
        .unwrap();
        let text: String = evs
            .iter()
            .filter_map(|e| match e {
                Ev::Text(t) => Some(t.as_str()),
                _ => None,
            })
            .collect();
        assert_eq!(text, "Tom & Jerry — “ok”");
        assert!(
            matches!(&evs[0], Ev::Start { name, attrs, .. } if name == "p" && attr(attrs, "x") == Some("1 & 2"))
        );
        assert!(walk("<a><b></a>", |_| {}).is_err());
    }
}

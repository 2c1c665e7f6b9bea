//! DOCX (Word) to text: `word/document.xml` paragraphs in order; title and creation date from
//! `docProps/core.xml`.

use super::archive::Container;
use super::xml::{Ev, attr, walk};

/// What a DOCX yields.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DocxText {
    pub title: Option<String>,
    /// Raw `dcterms:created` value, parsed by the caller.
    pub created: Option<String>,
    /// Paragraphs separated by blank lines.
    pub text: String,
}

/// Whether an opened ZIP container is a DOCX.
pub fn is_docx(c: &Container) -> bool {
    c.has("word/document.xml")
}

/// Extract a DOCX's text. Errors are human reasons (the caller adds the path).
pub fn extract(mut c: Container) -> Result<DocxText, String> {
    let doc = c
        .read_text("word/document.xml")?
        .ok_or("is not a Word document (no word/document.xml)")?;
    let mut paragraphs: Vec<String> = Vec::new();
    let mut styled_title: Option<String> = None;
    let mut cur = String::new();
    let mut cur_style = String::new();
    let mut in_text = false;
    let mut fallback_depth = 0usize; // inside mc:Fallback (a duplicate of mc:Choice)
    walk(&doc, |ev| match ev {
        Ev::Start { name, attrs, .. } => match name.as_str() {
            "Fallback" => fallback_depth += 1,
            _ if fallback_depth > 0 => {}
            "p" => {
                cur.clear();
                cur_style.clear();
            }
            "pStyle" => cur_style = attr(&attrs, "val").unwrap_or("").to_owned(),
            "t" => in_text = true,
            "tab" | "ptab" => cur.push('\t'),
            "br" | "cr" => cur.push('\n'),
            "noBreakHyphen" => cur.push('\u{2011}'),
            "softHyphen" => {}
            _ => {}
        },
        Ev::End { name } => match name.as_str() {
            "Fallback" => fallback_depth = fallback_depth.saturating_sub(1),
            _ if fallback_depth > 0 => {}
            "t" => in_text = false,
            "p" => {
                let p = cur.trim().to_owned();
                if !p.is_empty() {
                    if styled_title.is_none() && cur_style.eq_ignore_ascii_case("title") {
                        styled_title = Some(p.clone());
                    }
                    paragraphs.push(p);
                }
                cur.clear();
            }
            _ => {}
        },
        Ev::Text(t) => {
            if in_text && fallback_depth == 0 {
                cur.push_str(&t);
            }
        }
    })
    .map_err(|e| format!("has a damaged word/document.xml: {e}"))?;
    let (mut title, mut created) = (None, None);
    if let Ok(Some(core)) = c.read_text("docProps/core.xml") {
        let mut field = String::new();
        let _ = walk(&core, |ev| match ev {
            Ev::Start { name, .. } => field = name,
            Ev::End { .. } => field.clear(),
            Ev::Text(t) => {
                let t = t.trim();
                if t.is_empty() {
                    return;
                }
                match field.as_str() {
                    "title" => title = Some(t.to_owned()),
                    "created" => created = Some(t.to_owned()),
                    _ => {}
                }
            }
        });
    }
    Ok(DocxText {
        title: title.or(styled_title),
        created,
        text: paragraphs.join("\n\n"),
    })
}

/// Test helper: a minimal DOCX with the given paragraphs (the first styled as the title).
#[cfg(test)]
pub(crate) fn make_docx(paragraphs: &[&str], core_title: Option<&str>) -> Vec<u8> {
    let esc = |s: &str| s.replace('&', "&amp;").replace('<', "&lt;");
    let mut body = String::new();
    for (i, p) in paragraphs.iter().enumerate() {
        let style = if i == 0 {
            "<w:pPr><w:pStyle w:val=\"Title\"/></w:pPr>"
        } else {
            ""
        };
        // Split each paragraph into two runs, as Word does, to test run joining.
        let mid = p
            .char_indices()
            .nth(p.chars().count() / 2)
            .map_or(0, |(i, _)| i);
        body.push_str(&format!(
            "<w:p>{style}<w:r><w:t xml:space=\"preserve\">{}</w:t></w:r><w:r><w:t>{}</w:t></w:r></w:p>",
            esc(&p[..mid]),
            esc(&p[mid..])
        ));
    }
    let document = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\
         <w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" \
         xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\">\
         <w:body>{body}<w:p><w:r><w:delText>deleted text</w:delText></w:r></w:p>\
         <w:p><mc:AlternateContent><mc:Choice><w:r><w:t>Box text.</w:t></w:r></mc:Choice>\
         <mc:Fallback><w:r><w:t>Box text.</w:t></w:r></mc:Fallback></mc:AlternateContent></w:p>\
         <w:sectPr/></w:body></w:document>"
    );
    let core = format!(
        "<?xml version=\"1.0\"?><cp:coreProperties \
         xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" \
         xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\">\
         {}<dcterms:created>2024-03-03T08:00:00Z</dcterms:created></cp:coreProperties>",
        core_title
            .map(|t| format!("<dc:title>{}</dc:title>", esc(t)))
            .unwrap_or_default()
    );
    super::archive::make_zip(&[
        ("[Content_Types].xml", b"<Types/>".as_slice()),
        ("word/document.xml", document.as_bytes()),
        ("docProps/core.xml", core.as_bytes()),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_title_and_date() {
        let z = make_docx(
            &[
                "Iran and Russia sign a pact",
                "Tehran & Moscow agreed on “cooperation” — officials said.",
                "Washington objected.",
            ],
            None,
        );
        let c = Container::open(&z, "DOCX").unwrap();
        assert!(is_docx(&c));
        let d = extract(c).unwrap();
        assert_eq!(
            d.text,
            "Iran and Russia sign a pact\n\nTehran & Moscow agreed on “cooperation” — officials said.\n\nWashington objected.\n\nBox text."
        );
        assert_eq!(d.title.as_deref(), Some("Iran and Russia sign a pact"));
        assert_eq!(d.created.as_deref(), Some("2024-03-03T08:00:00Z"));
        let z = make_docx(&["A", "B"], Some("Core title"));
        let d = extract(Container::open(&z, "DOCX").unwrap()).unwrap();
        assert_eq!(d.title.as_deref(), Some("Core title"));
    }

    #[test]
    fn truncated_docx_is_an_error() {
        let z = make_docx(&["Some text here."], None);
        for cut in [4, z.len() / 2, z.len() - 10] {
            match Container::open(&z[..cut], "DOCX") {
                Err(e) => assert!(e.contains("DOCX"), "{e}"),
                Ok(c) => {
                    let _ = extract(c);
                }
            }
        }
    }
}

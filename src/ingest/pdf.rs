//! PDF to text with `pdf-extract`, isolated: some PDFs make the extractor panic, which is
//! turned into an error. Title and creation date come from the document information.

use std::panic::{AssertUnwindSafe, catch_unwind};

use super::wrap::{Wrap, rejoin};

/// What a PDF yields.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PdfText {
    pub title: Option<String>,
    /// Raw creation date (`D:2024...`), parsed by the caller.
    pub creation_date: Option<String>,
    /// Text with wrapped lines re-joined.
    pub text: String,
}

/// Whether bytes are a PDF (`%PDF-` in the first KiB, as readers accept).
pub fn is_pdf(bytes: &[u8]) -> bool {
    bytes[..bytes.len().min(1024)]
        .windows(5)
        .any(|w| w == b"%PDF-")
}

thread_local! {
    /// Set while this thread runs the PDF extractor: its panics are expected and reported
    /// as errors, so the panic hook keeps quiet about them.
    static IN_PDF: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Install (once) a panic hook that stays silent for panics inside the PDF extractor and
/// defers to the previous hook for every other panic.
fn quiet_pdf_panics() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !IN_PDF.with(std::cell::Cell::get) {
                previous(info);
            }
        }));
    });
}

/// Extract a PDF's text and metadata. Errors are human reasons (the caller adds the path).
pub fn extract(bytes: &[u8]) -> Result<PdfText, String> {
    quiet_pdf_panics();
    IN_PDF.with(|f| f.set(true));
    let result = catch_unwind(AssertUnwindSafe(|| extract_inner(bytes)));
    IN_PDF.with(|f| f.set(false));
    match result {
        Ok(r) => r,
        Err(panic) => {
            let what = panic
                .downcast_ref::<&str>()
                .map(|s| (*s).to_owned())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            let what: String = what.chars().take(120).collect();
            Err(format!(
                "the PDF text extractor failed on this file ({what}); it may be damaged or use an \
                 unsupported feature"
            ))
        }
    }
}

fn extract_inner(bytes: &[u8]) -> Result<PdfText, String> {
    let mut doc = pdf_extract::Document::load_mem(bytes)
        .map_err(|e| format!("is not a readable PDF (damaged or truncated?): {e}"))?;
    if doc.is_encrypted() && doc.decrypt("").is_err() {
        return Err("is an encrypted PDF; Dyad cannot read it without the password".to_owned());
    }
    let info = info_dict(&doc);
    let get = |key: &[u8]| {
        info.and_then(|d| d.get(key).ok())
            .and_then(|o| doc.dereference(o).ok())
            .and_then(|(_, o)| pdf_extract::decode_text_string(o).ok())
            .map(|s| s.trim().to_owned())
            .filter(|s| !s.is_empty())
    };
    let title = get(b"Title").filter(|t| !looks_like_file_name(t));
    let creation_date = get(b"CreationDate");
    let mut raw = String::new();
    {
        let mut out = pdf_extract::PlainTextOutput::new(&mut raw);
        pdf_extract::output_doc(&doc, &mut out)
            .map_err(|e| format!("could not extract the PDF's text: {e}"))?;
    }
    if raw.trim().is_empty() {
        return Err(
            "is a PDF without a text layer (a scan?); Dyad needs text, not images of text"
                .to_owned(),
        );
    }
    Ok(PdfText {
        title,
        creation_date,
        text: rejoin(&raw, Wrap::Pdf),
    })
}

fn info_dict(doc: &pdf_extract::Document) -> Option<&pdf_extract::Dictionary> {
    let info = doc.trailer.get(b"Info").ok()?;
    let (_, obj) = doc.dereference(info).ok()?;
    obj.as_dict().ok()
}

/// Word processors often store the file name (`Microsoft Word - draft.docx`) as the title.
fn looks_like_file_name(t: &str) -> bool {
    let l = t.to_ascii_lowercase();
    l.starts_with("microsoft word - ")
        || [
            ".doc", ".docx", ".pdf", ".odt", ".rtf", ".txt", ".indd", ".tmp",
        ]
        .iter()
        .any(|e| l.ends_with(e))
        || l == "untitled"
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A minimal valid PDF, written by hand with a correct cross-reference table: one page per
    /// entry of `pages`, each a list of text lines; an `/Info` with a title and creation date.
    pub(crate) fn make_pdf(pages: &[&[&str]], title: Option<&str>, date: Option<&str>) -> Vec<u8> {
        let n = pages.len();
        // Objects: 1 catalog, 2 pages, 3 font, 4 info, then per page: page, content.
        let mut objects: Vec<String> = Vec::new();
        objects.push("<< /Type /Catalog /Pages 2 0 R >>".to_owned());
        let kids: Vec<String> = (0..n).map(|i| format!("{} 0 R", 5 + 2 * i)).collect();
        objects.push(format!(
            "<< /Type /Pages /Kids [{}] /Count {n} >>",
            kids.join(" ")
        ));
        objects.push(
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
                .to_owned(),
        );
        let mut info = String::from("<< /Producer (Dyad test)");
        if let Some(t) = title {
            info.push_str(&format!(" /Title ({t})"));
        }
        if let Some(d) = date {
            info.push_str(&format!(" /CreationDate ({d})"));
        }
        info.push_str(" >>");
        objects.push(info);
        for (i, lines) in pages.iter().enumerate() {
            let mut content = String::from("BT /F1 11 Tf 14 TL 72 720 Td\n");
            for l in *lines {
                let esc = l
                    .replace('\\', "\\\\")
                    .replace('(', "\\(")
                    .replace(')', "\\)");
                content.push_str(&format!("({esc}) Tj T*\n"));
            }
            content.push_str("ET");
            objects.push(format!(
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] \
                 /Resources << /Font << /F1 3 0 R >> >> /Contents {} 0 R >>",
                6 + 2 * i
            ));
            objects.push(format!(
                "<< /Length {} >>\nstream\n{content}\nendstream",
                content.len()
            ));
        }
        let mut out = b"%PDF-1.4\n%\xE2\xE3\xCF\xD3\n".to_vec();
        let mut offsets = Vec::new();
        for (i, o) in objects.iter().enumerate() {
            offsets.push(out.len());
            out.extend_from_slice(format!("{} 0 obj\n{o}\nendobj\n", i + 1).as_bytes());
        }
        let xref = out.len();
        out.extend_from_slice(
            format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
        );
        for off in offsets {
            out.extend_from_slice(format!("{off:010} 00000 n \n").as_bytes());
        }
        out.extend_from_slice(
            format!(
                "trailer\n<< /Size {} /Root 1 0 R /Info 4 0 R >>\nstartxref\n{xref}\n%%EOF\n",
                objects.len() + 1
            )
            .as_bytes(),
        );
        out
    }

    pub(crate) fn sample_pdf() -> Vec<u8> {
        make_pdf(
            &[
                &[
                    "Russia and Iran deepen their military coop-",
                    "eration despite Western sanctions, officials",
                    "said on Friday in Moscow.",
                ],
                &["The United States condemned the agreement."],
            ],
            Some("Russia and Iran deepen ties"),
            Some("D:20241116093000Z"),
        )
    }

    #[test]
    fn extracts_text_title_and_date() {
        let p = extract(&sample_pdf()).expect("pdf");
        assert_eq!(p.title.as_deref(), Some("Russia and Iran deepen ties"));
        assert_eq!(p.creation_date.as_deref(), Some("D:20241116093000Z"));
        assert!(
            p.text.contains(
                "Russia and Iran deepen their military cooperation despite Western sanctions, \
                 officials said on Friday in Moscow."
            ),
            "{:?}",
            p.text
        );
        assert!(
            p.text
                .contains("The United States condemned the agreement.")
        );
    }

    #[test]
    fn truncated_and_garbage_pdfs_are_errors_not_panics() {
        let pdf = sample_pdf();
        for cut in [10, pdf.len() / 3, pdf.len() / 2, pdf.len() - 30] {
            let r = extract(&pdf[..cut]);
            if let Ok(t) = &r {
                // A reader may recover what precedes the cut; it must not invent text.
                assert!(!t.text.contains('\0'));
            }
        }
        assert!(extract(b"%PDF-1.7\n garbage garbage").is_err());
        assert!(is_pdf(b"junk\n%PDF-1.4"));
        assert!(!is_pdf(b"Plain text"));
    }

    #[test]
    fn a_pdf_that_makes_the_extractor_panic_is_an_error() {
        // The page draws with font /F2, which its resources do not define: pdf-extract
        // panics on it (checked: without `catch_unwind` this test fails).
        let mut bad = make_pdf(&[&["Hello"]], None, None);
        let at = bad.windows(9).position(|w| w == b"/F1 11 Tf").unwrap();
        bad[at + 2] = b'2'; // same length: the cross-reference offsets stay valid
        let err = extract(&bad).unwrap_err();
        assert!(err.contains("extractor failed"), "{err}");
    }

    #[test]
    fn file_name_titles_are_ignored() {
        assert!(looks_like_file_name("Microsoft Word - draft7.docx"));
        assert!(!looks_like_file_name("Russia and Iran"));
    }
}

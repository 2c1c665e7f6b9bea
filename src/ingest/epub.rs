//! EPUB to text: the OPF package's spine order, each XHTML chapter through the HTML text
//! extraction. Title and date from the package metadata.

use super::archive::Container;
use super::html;
use super::xml::{Ev, attr, walk};

/// What an EPUB yields.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EpubText {
    pub title: Option<String>,
    /// Raw `dc:date`, parsed by the caller.
    pub date: Option<String>,
    /// Chapters in reading order, paragraphs separated by blank lines.
    pub text: String,
}

/// Whether an opened ZIP container is an EPUB.
pub fn is_epub(c: &Container) -> bool {
    c.has("META-INF/container.xml")
        || c.has("mimetype") && c.names().iter().any(|n| n.ends_with(".opf"))
}

/// Resolve `href` (URL-encoded, relative to `base_dir`) to an archive path.
fn resolve(base_dir: &str, href: &str) -> String {
    let href = href.split('#').next().unwrap_or("");
    let decoded = percent_decode(href);
    let mut parts: Vec<&str> = base_dir.split('/').filter(|p| !p.is_empty()).collect();
    for p in decoded.split('/') {
        match p {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    parts.join("/")
}

fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%'
            && i + 2 < b.len()
            && let (Some(h), Some(l)) = (
                (b[i + 1] as char).to_digit(16),
                (b[i + 2] as char).to_digit(16),
            )
        {
            out.push((h * 16 + l) as u8);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Extract an EPUB's text. Errors are human reasons (the caller adds the path).
pub fn extract(mut c: Container) -> Result<EpubText, String> {
    let mut opf_path = None;
    if let Some(container) = c.read_text("META-INF/container.xml")? {
        walk(&container, |ev| {
            if let Ev::Start { name, attrs, .. } = ev
                && name == "rootfile"
                && opf_path.is_none()
            {
                opf_path = attr(&attrs, "full-path").map(str::to_owned);
            }
        })
        .map_err(|e| format!("has a damaged META-INF/container.xml: {e}"))?;
    }
    let opf_path = opf_path
        .or_else(|| c.names().into_iter().find(|n| n.ends_with(".opf")))
        .ok_or("is not a readable EPUB (no package document)")?;
    let opf = c
        .read_text(&opf_path)?
        .ok_or_else(|| format!("is not a readable EPUB (missing {opf_path})"))?;
    let base = opf_path.rsplit_once('/').map_or("", |(d, _)| d).to_owned();
    let mut manifest: Vec<(String, String, String)> = Vec::new(); // id, href, media type
    let mut spine: Vec<String> = Vec::new();
    let (mut title, mut date) = (None::<String>, None::<String>);
    let mut field = String::new();
    walk(&opf, |ev| match ev {
        Ev::Start { name, attrs, .. } => {
            match name.as_str() {
                "item" => manifest.push((
                    attr(&attrs, "id").unwrap_or("").to_owned(),
                    attr(&attrs, "href").unwrap_or("").to_owned(),
                    attr(&attrs, "media-type").unwrap_or("").to_owned(),
                )),
                "itemref" => spine.push(attr(&attrs, "idref").unwrap_or("").to_owned()),
                _ => {}
            }
            field = name;
        }
        Ev::End { .. } => field.clear(),
        Ev::Text(t) => {
            let t = t.trim();
            match field.as_str() {
                "title" if title.is_none() && !t.is_empty() => title = Some(t.to_owned()),
                "date" if date.is_none() && !t.is_empty() => date = Some(t.to_owned()),
                _ => {}
            }
        }
    })
    .map_err(|e| format!("has a damaged package document {opf_path}: {e}"))?;
    let mut chapters = Vec::new();
    for idref in &spine {
        let Some((_, href, media)) = manifest.iter().find(|(id, _, _)| id == idref) else {
            continue;
        };
        if !(media.contains("html") || media.is_empty()) {
            continue;
        }
        let path = resolve(&base, href);
        let Some(bytes) = c.read(&path)? else {
            continue; // a spine entry without its file: skip it, keep the rest
        };
        let xhtml = super::encoding::decode_bytes(&bytes, None).text;
        let (_, text) = html::document_text(&xhtml);
        if !text.trim().is_empty() {
            chapters.push(text);
        }
    }
    if spine.is_empty() {
        return Err("is an EPUB without a reading order (empty spine)".to_owned());
    }
    Ok(EpubText {
        title,
        date,
        text: chapters.join("\n\n"),
    })
}

/// Test helper: a minimal EPUB 3 with chapters (listed in the spine in the given order, but
/// stored in the archive in reverse, to test spine order).
#[cfg(test)]
pub(crate) fn make_epub(title: &str, chapters: &[&str]) -> Vec<u8> {
    let mut items = String::new();
    let mut refs = String::new();
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    for (i, body) in chapters.iter().enumerate() {
        items.push_str(&format!(
            "<item id=\"c{i}\" href=\"text/chapter%20{i}.xhtml\" media-type=\"application/xhtml+xml\"/>"
        ));
        refs.push_str(&format!("<itemref idref=\"c{i}\"/>"));
        files.push((
            format!("OEBPS/text/chapter {i}.xhtml"),
            format!(
                "<?xml version=\"1.0\" encoding=\"utf-8\"?><html xmlns=\"http://www.w3.org/1999/xhtml\">\
                 <head><title>Chapter {i}</title><style>p{{margin:0}}</style></head><body>{body}</body></html>"
            )
            .into_bytes(),
        ));
    }
    let opf = format!(
        "<?xml version=\"1.0\"?><package xmlns=\"http://www.idpf.org/2007/opf\" version=\"3.0\">\
         <metadata xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:title>{title}</dc:title>\
         <dc:date>2023-09-21</dc:date></metadata><manifest>{items}\
         <item id=\"css\" href=\"style.css\" media-type=\"text/css\"/></manifest>\
         <spine>{refs}</spine></package>"
    );
    let container = "<?xml version=\"1.0\"?><container version=\"1.0\" \
         xmlns=\"urn:oasis:names:tc:opendocument:xmlns:container\"><rootfiles>\
         <rootfile full-path=\"OEBPS/content.opf\" media-type=\"application/oebps-package+xml\"/>\
         </rootfiles></container>";
    let mut entries: Vec<(&str, &[u8])> = vec![
        ("mimetype", b"application/epub+zip".as_slice()),
        ("META-INF/container.xml", container.as_bytes()),
        ("OEBPS/content.opf", opf.as_bytes()),
    ];
    for (name, data) in files.iter().rev() {
        entries.push((name.as_str(), data.as_slice()));
    }
    super::archive::make_zip(&entries)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spine_order_metadata_and_chapter_text() {
        let z = make_epub(
            "Allies and Rivals",
            &[
                "<h1>One</h1><p>Russia and Iran cooperate.</p><script>bad()</script>",
                "<h1>Two</h1><p>The United States sanctions Iran.</p>",
            ],
        );
        let c = Container::open(&z, "EPUB").unwrap();
        assert!(is_epub(&c));
        let e = extract(c).unwrap();
        assert_eq!(e.title.as_deref(), Some("Allies and Rivals"));
        assert_eq!(e.date.as_deref(), Some("2023-09-21"));
        assert_eq!(
            e.text,
            "One\n\nRussia and Iran cooperate.\n\nTwo\n\nThe United States sanctions Iran."
        );
    }

    #[test]
    fn paths_resolve() {
        assert_eq!(
            resolve("OEBPS", "text/a%20b.xhtml#x"),
            "OEBPS/text/a b.xhtml"
        );
        assert_eq!(resolve("OEBPS/text", "../img/x.png"), "OEBPS/img/x.png");
        assert_eq!(resolve("", "%zz%"), "%zz%");
    }
}

//! Reading article files into [`Article`]s: format detection (by extension and by content),
//! decoding, text extraction, title, date, and limits.
//!
//! Formats: plain text, Markdown, HTML (readability-style main-text extraction), PDF, DOCX
//! and EPUB. Hostile input (binary files, zip bombs, huge lines, broken PDFs that make the
//! PDF library panic, directory symlink loops) gives an [`Error`] naming the file, never a
//! panic, a hang or an out-of-memory.

use std::io::Read;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

mod archive;
mod dates;
mod docx;
mod encoding;
mod epub;
mod html;
mod markdown;
mod outlet;
mod pdf;
mod wrap;
mod xml;

pub use dates::parse_date;

/// Largest file Dyad reads (bytes). Larger files are refused with a clear message.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;
/// Longest article text kept after extraction (bytes); longer text is cut at a paragraph
/// boundary, with a warning on the article.
pub const MAX_TEXT_BYTES: usize = 4 * 1024 * 1024;
/// Longest line kept whole (bytes). Every line break ends a sentence; longer lines are broken
/// at white space (or, failing that, anywhere), with a warning, so no sentence is huge.
pub const MAX_LINE_BYTES: usize = 16 * 1024;

/// One article: its text (the body sentences are taken from) and where it came from.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Article {
    /// The file it was read from (or a pseudo path for embedded samples).
    pub path: PathBuf,
    /// A human title: document metadata, an HTML `<title>`, the first line, or the file name.
    pub title: String,
    /// The article's text as shown to the user. Sentence spans index into it.
    pub text: String,
    /// The article's date (ISO `YYYY-MM-DD`) when the file carries one: document metadata
    /// (HTML `article:published_time`, PDF `CreationDate`, ...) or a dateline in the text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// The outlet that published it, when the file says (HTML site metadata, EPUB publisher,
    /// Markdown front matter, a wire dateline such as `MOSCOW (Reuters) -`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outlet: Option<String>,
    /// What was changed or dropped while reading (truncation, undecodable bytes ...).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
}

/// File extensions Dyad opens when given a directory.
pub const SUPPORTED_EXTENSIONS: &[&str] = &[
    "txt", "text", "md", "markdown", "html", "htm", "xhtml", "pdf", "docx", "epub",
];

/// The embedded default sample: an op-ed on Russia–Iran relations.
pub const SAMPLE_NAME: &str = "russia_iran_oped.txt";
pub const SAMPLE_TEXT: &str = include_str!("../../assets/samples/russia_iran_oped.txt");

/// The embedded sample article.
pub fn sample_article() -> Article {
    let mut a = from_text(Path::new(SAMPLE_NAME), SAMPLE_TEXT);
    // Its first line is a photo id and its second a caption: no title in the text.
    a.title = SAMPLE_TITLE.to_owned();
    a
}

/// The embedded sample's title.
pub const SAMPLE_TITLE: &str =
    "Russia and Iran: a military and security cooperation agreement (sample op-ed)";

/// A file format Dyad reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    Text,
    Markdown,
    Html,
    Pdf,
    Docx,
    Epub,
}

/// Whether a path has an extension Dyad reads.
pub fn is_supported(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .map(|e| SUPPORTED_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
        .unwrap_or(false)
}

/// Expand directories into the supported files they hold (sorted, recursive). Symlink loops
/// are visited once; hidden entries (`.git`, `._x`) are skipped. A directory that cannot be
/// listed is returned as a path itself, so that reading it reports the error.
pub fn expand_paths(paths: &[PathBuf]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for p in paths {
        if p.is_dir() {
            walk_dir(p, &mut out, &mut seen, 0);
        } else {
            out.push(p.clone());
        }
    }
    out
}

/// How deep directories are followed.
const MAX_DIR_DEPTH: usize = 32;

fn walk_dir(
    dir: &Path,
    out: &mut Vec<PathBuf>,
    seen: &mut std::collections::HashSet<PathBuf>,
    depth: usize,
) {
    if depth > MAX_DIR_DEPTH {
        return;
    }
    let Ok(canon) = dir.canonicalize() else {
        out.push(dir.to_path_buf());
        return;
    };
    if !seen.insert(canon) {
        return; // already visited: a symlink loop or a second link to the same directory
    }
    let Ok(entries) = std::fs::read_dir(dir) else {
        // Unreadable: reading the directory as a file reports the operating system's error.
        out.push(dir.to_path_buf());
        return;
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for p in paths {
        let hidden = p
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with('.'));
        if hidden {
            continue;
        }
        if p.is_dir() {
            walk_dir(&p, out, seen, depth + 1);
        } else if is_supported(&p) {
            out.push(p);
        }
    }
}

/// Read one article file.
pub fn read_article(path: &Path) -> Result<Article> {
    let meta = std::fs::metadata(path).map_err(|e| Error::io(path, e))?;
    if meta.is_dir() {
        return Err(match std::fs::read_dir(path) {
            Err(e) => Error::io(path, e),
            Ok(_) => Error::bad_input(path, "is a directory"),
        });
    }
    if !meta.is_file() {
        return Err(Error::bad_input(
            path,
            "is not a regular file (a device, socket or pipe)",
        ));
    }
    let too_big = |len: u64| {
        Error::bad_input(
            path,
            format!(
                "file is {} MB, more than the {} MB Dyad reads",
                len / (1024 * 1024),
                MAX_FILE_BYTES / (1024 * 1024)
            ),
        )
    };
    if meta.len() > MAX_FILE_BYTES {
        return Err(too_big(meta.len()));
    }
    let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    // The file may grow while it is read: never read more than the limit.
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Error::io(path, e))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_big(bytes.len() as u64));
    }
    article_from_bytes(path, &bytes)
}

/// The format of a file: by content first (PDF, ZIP containers, HTML, binary), then by
/// extension. Binary files and mislabelled containers are errors.
pub fn detect_format(path: &Path, bytes: &[u8]) -> Result<Format> {
    if let Some(f) = container_format(path, bytes)? {
        return Ok(f);
    }
    let sample = &bytes[..bytes.len().min(8192)];
    let text = encoding::decode_bytes(sample, None).text;
    Ok(text_format(path, &text))
}

fn extension(path: &Path) -> String {
    path.extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase()
}

/// PDF / DOCX / EPUB by content; `None` for text. Refuses binary and mislabelled files.
fn container_format(path: &Path, bytes: &[u8]) -> Result<Option<Format>> {
    let ext = extension(path);
    if pdf::is_pdf(bytes) {
        return Ok(Some(Format::Pdf));
    }
    if archive::is_zip(bytes) {
        let kind = match ext.as_str() {
            "epub" => "EPUB",
            _ => "DOCX",
        };
        let c = archive::Container::open(bytes, kind).map_err(|r| Error::bad_input(path, r))?;
        if docx::is_docx(&c) {
            return Ok(Some(Format::Docx));
        }
        if epub::is_epub(&c) {
            return Ok(Some(Format::Epub));
        }
        return Err(Error::bad_input(
            path,
            "is a ZIP archive, but neither a Word document (.docx) nor an EPUB",
        ));
    }
    if !encoding::is_wide_text(bytes)
        && let Some(reason) = encoding::binary_reason(bytes)
    {
        return Err(Error::bad_input(path, reason));
    }
    match ext.as_str() {
        "pdf" => Err(Error::bad_input(
            path,
            "is named .pdf but is not a PDF file (no %PDF header)",
        )),
        "docx" => Err(Error::bad_input(
            path,
            "is named .docx but is not a Word document (not a ZIP archive)",
        )),
        "epub" => Err(Error::bad_input(
            path,
            "is named .epub but is not an EPUB (not a ZIP archive)",
        )),
        _ => Ok(None),
    }
}

fn text_format(path: &Path, text: &str) -> Format {
    match extension(path).as_str() {
        // Named HTML but without a single tag: plain text saved with the wrong extension.
        "html" | "htm" | "xhtml" | "xht" if !text.contains('<') => Format::Text,
        "html" | "htm" | "xhtml" | "xht" => Format::Html,
        "md" | "markdown" | "mdown" | "mkd" => {
            if looks_like_html(text, true) {
                Format::Html
            } else {
                Format::Markdown
            }
        }
        _ if looks_like_html(text, false) => Format::Html,
        _ => Format::Text,
    }
}

/// Build an article from a file's bytes (format by content and extension, encoding by BOM,
/// UTF-8 check, declared charset or guess).
pub fn article_from_bytes(path: &Path, bytes: &[u8]) -> Result<Article> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(Error::bad_input(path, "is empty"));
    }
    let bad = |r: String| Error::bad_input(path, r);
    match container_format(path, bytes)? {
        Some(Format::Pdf) => {
            let p = pdf::extract(bytes).map_err(bad)?;
            // A dateline in the text is the article's date; the creation date is when the PDF
            // was made (often printed later), so it only comes second.
            let mut a = finish(path, p.text, p.title, None, Vec::new())?;
            if a.date.is_none() {
                a.date = p.creation_date.as_deref().and_then(parse_date);
            }
            Ok(a)
        }
        Some(Format::Docx) => {
            let c = archive::Container::open(bytes, "DOCX").map_err(bad)?;
            let d = docx::extract(c).map_err(bad)?;
            let date = d.created.as_deref().and_then(parse_date);
            finish(path, d.text, d.title, date, Vec::new())
        }
        Some(Format::Epub) => {
            let c = archive::Container::open(bytes, "EPUB").map_err(bad)?;
            let e = epub::extract(c).map_err(bad)?;
            let date = e.date.as_deref().and_then(parse_date);
            finish(path, e.text, e.title, date, Vec::new())
        }
        _ => {
            let hint = html::meta_charset(bytes);
            let d = encoding::decode_bytes(bytes, hint.as_deref());
            if encoding::garbled(&d.text) {
                return Err(Error::bad_input(
                    path,
                    format!("looks like a binary file, not text (as {})", d.encoding),
                ));
            }
            let mut warnings = Vec::new();
            if d.had_errors {
                warnings.push(format!(
                    "some bytes were not valid {} and were replaced with \u{FFFD}",
                    d.encoding
                ));
            }
            match text_format(path, &d.text) {
                Format::Html => html_article(path, &d.text, warnings),
                Format::Markdown => markdown_article(path, &d.text, warnings),
                _ => text_article(path, &d.text, warnings),
            }
        }
    }
}

/// Decode bytes: a BOM (UTF-8/16/32), BOM-less UTF-16, valid UTF-8, else the legacy encoding
/// `chardetng` guesses (Windows-1252, Latin-1, Cyrillic ...). Characters are kept as written.
pub fn decode(bytes: &[u8]) -> String {
    encoding::decode_bytes(bytes, None).text
}

fn looks_like_html(text: &str, strong_only: bool) -> bool {
    let mut head: String = text
        .trim_start_matches('\u{FEFF}')
        .trim_start()
        .chars()
        .take(4096)
        .collect::<String>()
        .to_ascii_lowercase();
    // Skip an XML declaration and leading comments.
    loop {
        let t = head.trim_start();
        let rest = if t.starts_with("<?xml") {
            t.find("?>").map(|e| t[e + 2..].to_owned())
        } else if t.starts_with("<!--") {
            t.find("-->").map(|e| t[e + 3..].to_owned())
        } else {
            None
        };
        match rest {
            Some(r) => head = r,
            None => {
                head = t.to_owned();
                break;
            }
        }
    }
    if ["<!doctype html", "<html", "<head", "<body"]
        .iter()
        .any(|p| head.starts_with(p))
    {
        return true;
    }
    !strong_only
        && head.starts_with('<')
        && [
            "</p>", "<div", "<br", "</a>", "<article", "<meta ", "<title",
        ]
        .iter()
        .any(|t| head.contains(t))
}

/// A record-id line such as `1.1452153-2994348903`: digits and punctuation, no words.
pub fn is_record_id(line: &str) -> bool {
    let t = line.trim();
    !t.is_empty()
        && t.len() < 64
        && t.chars().any(|c| c.is_ascii_digit())
        && t.chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | '-' | '_' | ':' | '/' | '#'))
}

/// An article from plain text. A leading record-id line is dropped; the first remaining line
/// is the title when it is short enough to be one. Hard-wrapped lines are re-joined.
pub fn from_text(path: &Path, text: &str) -> Article {
    let (text, warnings) = clean(text);
    let body = drop_record_id(&text);
    let body = wrap::rejoin(body, wrap::Wrap::Text);
    build(path, body, None, None, warnings)
}

fn drop_record_id(text: &str) -> &str {
    let mut body = text;
    if let Some(first) = body.lines().next()
        && is_record_id(first)
    {
        body = &body[first.len()..];
    }
    body.trim_start_matches('\n')
}

fn text_article(path: &Path, text: &str, warnings: Vec<String>) -> Result<Article> {
    let mut a = from_text(path, text);
    let mut w = warnings;
    w.append(&mut a.warnings);
    a.warnings = w;
    non_empty(path, a, "has no text")
}

fn markdown_article(path: &Path, md: &str, warnings: Vec<String>) -> Result<Article> {
    let (text, mut w) = clean(md);
    let body = drop_record_id(&text);
    let (plain, front) = markdown::strip_markdown(body);
    let plain = wrap::rejoin(&plain, wrap::Wrap::Lines);
    let date = front.date.as_deref().and_then(parse_date);
    let mut all = warnings;
    all.append(&mut w);
    let a = build(path, plain, front.title, date, all);
    non_empty(path, a, "has no text")
}

/// An article from HTML: the main text (readability), paragraphs separated by blank lines,
/// and the page title, which also heads the text when the body does not start with it.
pub fn from_html(path: &Path, html: &str) -> Article {
    html_article_inner(path, html, Vec::new())
}

fn html_article_inner(path: &Path, html: &str, warnings: Vec<String>) -> Article {
    let h = html::extract_article(html);
    let (body, mut w) = clean(&h.text);
    let mut all = warnings;
    all.extend(h.note);
    all.append(&mut w);
    let mut body = body;
    if let Some(t) = &h.title
        && !body.trim().is_empty()
        && !body.starts_with(t.as_str())
    {
        body = format!("{t}\n\n{body}");
    }
    let mut a = build(path, body, h.title, h.date, all);
    if h.site.is_some() {
        a.outlet = h.site;
    }
    a
}

fn html_article(path: &Path, html: &str, warnings: Vec<String>) -> Result<Article> {
    let a = html_article_inner(path, html, warnings);
    non_empty(
        path,
        a,
        "is an HTML page without article text (only scripts, styles or navigation?)",
    )
}

fn non_empty(path: &Path, a: Article, reason: &str) -> Result<Article> {
    if a.text.trim().is_empty() {
        Err(Error::bad_input(path, reason))
    } else {
        Ok(a)
    }
}

/// Clean extracted text from a container format and build the article.
fn finish(
    path: &Path,
    text: String,
    title: Option<String>,
    date: Option<String>,
    warnings: Vec<String>,
) -> Result<Article> {
    let (text, mut w) = clean(&text);
    let mut all = warnings;
    all.append(&mut w);
    let a = build(path, text, title, date, all);
    non_empty(path, a, "has no text")
}

/// Newlines normalised (`\r\n`, `\r`, vertical tab, NEL to `\n`; form feeds to blank lines), NUL
/// and other control characters removed (reported), trailing spaces trimmed, runs of blank lines
/// collapsed.
fn clean(text: &str) -> (String, Vec<String>) {
    let mut out = String::with_capacity(text.len());
    let mut removed = 0usize;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push('\n');
            }
            '\n' | '\t' => out.push(c),
            '\u{0C}' => out.push_str("\n\n"),
            // Vertical tab (Word's manual line break in text exports) and NEL: line breaks,
            // not characters to drop, which would glue the words on either side together.
            c if c.is_control() && c.is_whitespace() => out.push('\n'),
            '\u{FEFF}' | '\u{00AD}' => {} // BOM / zero-width no-break space, soft hyphen
            c if c.is_control() => removed += 1,
            c => out.push(c),
        }
    }
    // Trim line ends; at most one blank line between paragraphs.
    let mut tidy = String::with_capacity(out.len());
    let mut blank_run = 0;
    for line in out.split('\n') {
        let line = line.trim_end();
        if line.is_empty() {
            blank_run += 1;
            if blank_run > 1 {
                continue;
            }
        } else {
            blank_run = 0;
        }
        tidy.push_str(line);
        tidy.push('\n');
    }
    let tidy = tidy.trim_matches('\n').to_owned();
    let mut warnings = Vec::new();
    if removed > 0 {
        warnings.push(format!(
            "{removed} NUL or control character(s) were removed"
        ));
    }
    (tidy, warnings)
}

/// Apply the length limits, find the title and the date.
fn build(
    path: &Path,
    body: String,
    title: Option<String>,
    date: Option<String>,
    mut warnings: Vec<String>,
) -> Article {
    let body = limit_text(body, &mut warnings);
    let title = title
        .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|t| !t.is_empty())
        .map(|t| truncate_chars(&t, 300))
        .or_else(|| {
            let first = body.lines().next().unwrap_or("").trim();
            let first = first.trim_start_matches('#').trim();
            (!first.is_empty() && first.chars().count() <= 160).then(|| first.to_owned())
        })
        .unwrap_or_else(|| file_title(path));
    let date = date.or_else(|| dates::find_dateline(&body));
    let outlet = outlet::wire_outlet(&body);
    Article {
        path: path.to_path_buf(),
        title,
        text: body,
        date,
        outlet,
        warnings,
    }
}

fn truncate_chars(s: &str, n: usize) -> String {
    match s.char_indices().nth(n) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_owned(),
    }
}

/// The largest char boundary at or below `i`.
fn floor_boundary(s: &str, i: usize) -> usize {
    if i >= s.len() {
        return s.len();
    }
    let mut i = i;
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Cut text longer than [`MAX_TEXT_BYTES`] at a paragraph (or line, or character) boundary,
/// and break lines longer than [`MAX_LINE_BYTES`].
fn limit_text(text: String, warnings: &mut Vec<String>) -> String {
    let mut text = text;
    if text.len() > MAX_TEXT_BYTES {
        let total = text.len();
        let cut = floor_boundary(&text, MAX_TEXT_BYTES);
        let head = &text[..cut];
        let cut = head
            .rfind("\n\n")
            .or_else(|| head.rfind('\n'))
            .filter(|&p| p > cut / 2)
            .unwrap_or(cut);
        text.truncate(cut);
        warnings.push(format!(
            "the text is {:.1} MB, more than the {} MB Dyad analyses: only the first {:.1} MB \
             were kept",
            total as f64 / 1_048_576.0,
            MAX_TEXT_BYTES / 1_048_576,
            cut as f64 / 1_048_576.0
        ));
    }
    if !text.split('\n').any(|l| l.len() > MAX_LINE_BYTES) {
        return text;
    }
    let mut out = String::with_capacity(text.len() + text.len() / MAX_LINE_BYTES + 1);
    let mut broken = 0usize;
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        if line.len() <= MAX_LINE_BYTES {
            out.push_str(line);
            continue;
        }
        broken += 1;
        let mut rest = line;
        while rest.len() > MAX_LINE_BYTES {
            let window = &rest[..floor_boundary(rest, MAX_LINE_BYTES)];
            // Prefer a sentence end, then any white space, in the second half of the window.
            let half = window.len() / 2;
            let at = window
                .rfind(". ")
                .map(|p| p + 1)
                .filter(|&p| p > half)
                .or_else(|| window.rfind(char::is_whitespace).filter(|&p| p > half))
                .unwrap_or(window.len());
            let at = if at == 0 {
                // A first character longer than the window cannot happen (4 bytes at most).
                rest.char_indices().nth(1).map_or(rest.len(), |(i, _)| i)
            } else {
                at
            };
            out.push_str(rest[..at].trim_end());
            out.push('\n');
            rest = rest[at..].trim_start();
        }
        out.push_str(rest);
    }
    warnings.push(format!(
        "{broken} line(s) longer than {} KB were broken into shorter lines",
        MAX_LINE_BYTES / 1024
    ));
    out
}

fn file_title(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn record_id_line_is_not_the_title() {
        let a = from_text(
            Path::new("x.txt"),
            "1.1452153-2994348903\nRussia and Iran\n\nBody.",
        );
        assert_eq!(a.title, "Russia and Iran");
        assert!(a.text.starts_with("Russia and Iran"));
    }

    #[test]
    fn sample_loads() {
        let a = sample_article();
        assert!(a.text.contains("Shoygu"));
        assert!(!a.text.starts_with("1.1452153"));
    }

    #[test]
    fn decodes_boms_and_cp1252() {
        assert_eq!(decode(b"\xEF\xBB\xBFhi"), "hi");
        assert_eq!(decode(b"\xFF\xFEh\0i\0"), "hi");
        assert_eq!(
            decode(b"He said \x93we agree\x94 \x97 twice."),
            "He said “we agree” — twice."
        );
    }

    #[test]
    fn html_drops_scripts_and_keeps_title() {
        let a = from_html(
            Path::new("a.html"),
            "<html><head><title>Talks &amp; deals</title><script>var x=1;</script></head>\
             <body><nav>Home | World</nav><p>Russia and Iran signed an agreement.</p></body></html>",
        );
        assert_eq!(a.title, "Talks & deals");
        assert!(a.text.contains("Russia and Iran signed an agreement."));
        assert!(!a.text.contains("var x"));
        assert!(!a.text.contains("Home | World"));
    }

    #[test]
    fn binary_is_refused_with_the_path() {
        let err = article_from_bytes(Path::new("bin.txt"), &[0u8; 100]).unwrap_err();
        assert!(err.to_string().contains("bin.txt"));
        assert!(err.to_string().contains("binary"), "{err}");
    }

    #[test]
    fn formats_are_sniffed_by_content() {
        let p = Path::new;
        let page = html::tests::browser_page();
        assert_eq!(
            detect_format(p("a.txt"), page.as_bytes()).unwrap(),
            Format::Html
        );
        assert_eq!(
            detect_format(p("a.dat"), &pdf::tests::sample_pdf()).unwrap(),
            Format::Pdf
        );
        let docx = docx::make_docx(&["Title", "Body."], None);
        assert_eq!(detect_format(p("a.bin"), &docx).unwrap(), Format::Docx);
        let epub = epub::make_epub("T", &["<p>x</p>"]);
        assert_eq!(detect_format(p("book.zip"), &epub).unwrap(), Format::Epub);
        assert_eq!(
            detect_format(p("a.md"), b"# Hi\n\ntext").unwrap(),
            Format::Markdown
        );
        assert_eq!(
            detect_format(p("a"), b"Plain words.").unwrap(),
            Format::Text
        );
        let e = detect_format(p("x.pdf"), b"Just text").unwrap_err();
        assert!(e.to_string().contains("x.pdf") && e.to_string().contains("not a PDF"));
        let z = archive::make_zip(&[("a.txt", b"x")]);
        let e = detect_format(p("x.docx"), &z).unwrap_err().to_string();
        assert!(e.contains("neither"), "{e}");
        // A PDF named .dat is read as a PDF.
        let a = article_from_bytes(p("report.dat"), &pdf::tests::sample_pdf()).unwrap();
        assert_eq!(a.title, "Russia and Iran deepen ties");
        assert_eq!(a.date.as_deref(), Some("2024-11-16"));
        assert!(a.text.contains("military cooperation despite"));
    }

    #[test]
    fn every_format_reads_into_an_article() {
        let p = Path::new;
        let a = article_from_bytes(p("page.txt"), html::tests::browser_page().as_bytes()).unwrap();
        assert_eq!(a.title, "Russia and Iran sign treaty");
        assert!(a.text.starts_with("Russia and Iran sign treaty\n\n"));
        assert_eq!(a.date.as_deref(), Some("2025-01-17"));
        let docx = docx::make_docx(&["Iran and Russia", "They signed a pact."], None);
        let a = article_from_bytes(p("d.docx"), &docx).unwrap();
        assert_eq!(a.title, "Iran and Russia");
        assert_eq!(a.date.as_deref(), Some("2024-03-03"));
        assert!(a.text.contains("They signed a pact."));
        let epub = epub::make_epub("Book", &["<p>Russia and Iran cooperate.</p>"]);
        let a = article_from_bytes(p("b.epub"), &epub).unwrap();
        assert_eq!(
            (a.title.as_str(), a.date.as_deref()),
            ("Book", Some("2023-09-21"))
        );
        let md = "# Iran and *Russia*\n\nWASHINGTON, March 3, 2024 — [Talks](http://x) went on.\n";
        let a = article_from_bytes(p("n.md"), md.as_bytes()).unwrap();
        assert_eq!(a.title, "Iran and Russia");
        assert_eq!(
            a.text,
            "Iran and Russia\n\nWASHINGTON, March 3, 2024 — Talks went on."
        );
        assert_eq!(a.date.as_deref(), Some("2024-03-03"));
        let utf16: Vec<u8> = "Iran and Iraq\n\n16 Nov 2024\n\nThey met."
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        let a = article_from_bytes(p("u.txt"), &utf16).unwrap();
        assert_eq!(a.title, "Iran and Iraq");
        assert_eq!(a.date.as_deref(), Some("2024-11-16"));
    }

    #[test]
    fn empty_and_whitespace_files_are_errors() {
        for b in [&b""[..], b"   \n\t\r\n"] {
            let e = article_from_bytes(Path::new("e.txt"), b)
                .unwrap_err()
                .to_string();
            assert!(e.contains("e.txt") && e.contains("empty"), "{e}");
        }
        let e = article_from_bytes(Path::new("s.html"), b"<html><script>x()</script></html>")
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("s.html") && e.contains("without article text"),
            "{e}"
        );
    }

    #[test]
    fn nul_bytes_are_removed_with_a_warning() {
        let a = article_from_bytes(
            Path::new("n.txt"),
            b"Russia and\0 Iran met.\0\nThey talked at length about many things today.",
        )
        .unwrap();
        assert_eq!(
            a.text,
            "Russia and Iran met.\nThey talked at length about many things today."
        );
        assert!(
            a.warnings.iter().any(|w| w.contains("NUL")),
            "{:?}",
            a.warnings
        );
    }

    #[test]
    fn vertical_tabs_and_nel_break_lines_instead_of_gluing_words() {
        let a = from_text(
            Path::new("v.txt"),
            "Title\nIran\u{0B}Russia\u{85}China \u{1}x",
        );
        assert_eq!(a.text, "Title\nIran\nRussia\nChina x");
        assert!(
            a.warnings.iter().any(|w| w.contains("control")),
            "{:?}",
            a.warnings
        );
    }

    #[test]
    fn long_lines_are_broken_and_long_texts_cut() {
        let line = "word ".repeat(MAX_LINE_BYTES); // 5 x the line limit
        let a = from_text(Path::new("l.txt"), &format!("Title\n{line}"));
        assert!(a.text.lines().all(|l| l.len() <= MAX_LINE_BYTES));
        assert_eq!(
            a.text.split_whitespace().count(),
            MAX_LINE_BYTES + 1,
            "no word lost"
        );
        assert!(a.warnings.iter().any(|w| w.contains("broken")));
        // Without any white space, and with multi-byte characters: cut at char boundaries.
        let a = from_text(Path::new("l.txt"), &"é".repeat(MAX_LINE_BYTES * 2));
        assert!(a.text.lines().all(|l| l.len() <= MAX_LINE_BYTES));
        let big = "Iran and Russia met again today.\n\n".repeat(MAX_TEXT_BYTES / 30);
        let a = from_text(Path::new("b.txt"), &big);
        assert!(a.text.len() <= MAX_TEXT_BYTES);
        assert!(a.text.ends_with("today."));
        assert!(a.warnings.iter().any(|w| w.contains("only the first")));
    }

    /// Mutated and truncated documents of every format: an article or an error naming the
    /// file, never a panic, and the limits hold.
    #[test]
    fn mutated_inputs_never_panic() {
        let md = "---\ntitle: T\n---\n# Head\n\n**Iran** [and](x) Iraq ![i](y)\n> quote\n";
        let utf16: Vec<u8> = "Iran and Iraq\nTalks."
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        let seeds: Vec<(&str, Vec<u8>)> = vec![
            ("m.html", html::tests::browser_page().into_bytes()),
            ("m.md", md.as_bytes().to_vec()),
            (
                "m.txt",
                "WASHINGTON, March 3, 2024 — “Iran” – Zürich\r\n\tx"
                    .as_bytes()
                    .to_vec(),
            ),
            ("m.txt", utf16),
            (
                "m.docx",
                docx::make_docx(&["Iran and Iraq", "They talked."], Some("T")),
            ),
            (
                "m.epub",
                epub::make_epub("B", &["<p>Iran &amp; Iraq</p>", "<p>x</p>"]),
            ),
        ];
        let mut x: u64 = 0x2545_F491_4F6C_DD1D;
        let mut next = move || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        for (name, seed) in &seeds {
            let path = Path::new(name);
            for round in 0..150 {
                let mut b = seed.clone();
                match round % 3 {
                    0 => b.truncate((next() as usize) % (b.len() + 1)),
                    1 => {
                        for _ in 0..1 + next() % 8 {
                            let i = (next() as usize) % b.len();
                            b[i] = next() as u8;
                        }
                    }
                    _ => {
                        let i = (next() as usize) % b.len();
                        let junk: Vec<u8> = (0..next() % 64).map(|_| next() as u8).collect();
                        b.splice(i..i, junk);
                    }
                }
                match article_from_bytes(path, &b) {
                    Ok(a) => {
                        assert!(!a.text.trim().is_empty());
                        assert!(a.text.lines().all(|l| l.len() <= MAX_LINE_BYTES));
                    }
                    Err(e) => assert!(e.to_string().contains(name), "{e}"),
                }
            }
        }
    }

    #[test]
    fn article_json_without_new_fields_still_loads() {
        let a: Article =
            serde_json::from_str(r#"{"path":"a.txt","title":"T","text":"x"}"#).unwrap();
        assert_eq!((a.date.as_deref(), a.warnings.len()), (None, 0));
        let json = serde_json::to_string(&a).unwrap();
        assert!(
            !json.contains("date") && !json.contains("warnings"),
            "{json}"
        );
    }

    #[test]
    fn directories_symlink_loops_and_hidden_files() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        std::fs::create_dir_all(d.join("sub/deeper")).unwrap();
        std::fs::write(d.join("a.txt"), "A").unwrap();
        std::fs::write(d.join("sub/deeper/b.pdf"), "B").unwrap();
        std::fs::write(d.join("sub/image.png"), "C").unwrap();
        std::fs::write(d.join(".hidden.txt"), "D").unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink(d, d.join("sub/loop")).unwrap();
        let files = expand_paths(&[d.to_path_buf()]);
        assert_eq!(files, vec![d.join("a.txt"), d.join("sub/deeper/b.pdf")]);
        let e = read_article(d).unwrap_err().to_string();
        assert!(e.contains("directory"), "{e}");
    }
}

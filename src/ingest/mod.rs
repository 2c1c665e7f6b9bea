//! Reading article files into [`Article`]s: format detection, decoding, title.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// Largest file Dyad reads (bytes). Larger files are refused with a clear message.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// One article: its text (the body sentences are taken from) and where it came from.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Article {
    /// The file it was read from (or a pseudo path for embedded samples).
    pub path: PathBuf,
    /// A human title: the first line, an HTML `<title>`, or the file name.
    pub title: String,
    /// The article's text as shown to the user. Sentence spans index into it.
    pub text: String,
}

/// File extensions Dyad opens when given a directory.
pub const SUPPORTED_EXTENSIONS: &[&str] = &["txt", "text", "md", "markdown", "html", "htm"];

/// The embedded default sample: an op-ed on Russia–Iran relations.
pub const SAMPLE_NAME: &str = "russia_iran_oped.txt";
pub const SAMPLE_TEXT: &str = include_str!("../../assets/samples/russia_iran_oped.txt");

/// The embedded sample article.
pub fn sample_article() -> Article {
    from_text(Path::new(SAMPLE_NAME), SAMPLE_TEXT)
}

/// Whether a path has an extension Dyad reads.
pub fn is_supported(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .map(|e| SUPPORTED_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
        .unwrap_or(false)
}

/// Expand directories into the supported files they hold (sorted, recursive, no symlink loops).
pub fn expand_paths(paths: &[PathBuf]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            let mut seen = std::collections::HashSet::new();
            walk_dir(p, &mut out, &mut seen, 0);
        } else {
            out.push(p.clone());
        }
    }
    out
}

fn walk_dir(
    dir: &Path,
    out: &mut Vec<PathBuf>,
    seen: &mut std::collections::HashSet<PathBuf>,
    depth: usize,
) {
    if depth > 32 {
        return;
    }
    let Ok(canon) = dir.canonicalize() else {
        return;
    };
    if !seen.insert(canon) {
        return;
    }
    let Ok(entries) = std::fs::read_dir(dir) else {
        // An unreadable directory is reported when its files are read; here we pass it as a path.
        out.push(dir.to_path_buf());
        return;
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for p in paths {
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
        return Err(Error::bad_input(path, "is a directory"));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(Error::bad_input(
            path,
            format!(
                "file is {} MB, more than the {} MB Dyad reads",
                meta.len() / (1024 * 1024),
                MAX_FILE_BYTES / (1024 * 1024)
            ),
        ));
    }
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    article_from_bytes(path, &bytes)
}

/// Build an article from a file's bytes (format by extension, encoding by BOM / UTF-8 check).
pub fn article_from_bytes(path: &Path, bytes: &[u8]) -> Result<Article> {
    let text = decode(bytes);
    if text.contains('\0') && text.chars().filter(|&c| c == '\0').count() * 10 > text.len().max(1) {
        return Err(Error::bad_input(path, "looks like a binary file, not text"));
    }
    let text = text.replace('\0', "");
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    let article = if ext == "html" || ext == "htm" || looks_like_html(&text) {
        from_html(path, &text)
    } else {
        from_text(path, &text)
    };
    if article.text.trim().is_empty() {
        return Err(Error::bad_input(path, "has no text"));
    }
    Ok(article)
}

/// Decode bytes: UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1252.
pub fn decode(bytes: &[u8]) -> String {
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return String::from_utf8_lossy(rest).into_owned();
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        let units: Vec<u16> = rest
            .chunks_exact(2)
            .map(|c| u16::from_le_bytes([c[0], c[1]]))
            .collect();
        return String::from_utf16_lossy(&units);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        let units: Vec<u16> = rest
            .chunks_exact(2)
            .map(|c| u16::from_be_bytes([c[0], c[1]]))
            .collect();
        return String::from_utf16_lossy(&units);
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_owned(),
        Err(_) => bytes.iter().map(|&b| cp1252(b)).collect(),
    }
}

fn cp1252(b: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž',
        '\u{8f}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}',
        'ž', 'Ÿ',
    ];
    if (0x80..0xA0).contains(&b) {
        HIGH[(b - 0x80) as usize]
    } else {
        b as char
    }
}

fn looks_like_html(text: &str) -> bool {
    let head: String = text
        .trim_start()
        .chars()
        .take(200)
        .collect::<String>()
        .to_ascii_lowercase();
    head.starts_with("<!doctype html") || head.starts_with("<html")
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

/// An article from plain text or Markdown. A leading record-id line is dropped; the first
/// remaining line is the title when it is short enough to be one.
pub fn from_text(path: &Path, text: &str) -> Article {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let mut body = text.as_str();
    if let Some(first) = body.lines().next()
        && is_record_id(first)
    {
        body = &body[first.len()..];
    }
    let body = body.trim_start_matches('\n').to_owned();
    let first_line = body.lines().next().unwrap_or("").trim();
    let first_line = first_line.trim_start_matches('#').trim();
    let title = if !first_line.is_empty() && first_line.chars().count() <= 160 {
        first_line.to_owned()
    } else {
        file_title(path)
    };
    Article {
        path: path.to_path_buf(),
        title,
        text: body,
    }
}

fn file_title(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

/// An article from HTML: the `<title>`, and the text of the body without scripts, styles
/// and navigation, one paragraph per block element.
pub fn from_html(path: &Path, html: &str) -> Article {
    let lower = html.to_ascii_lowercase();
    let title = lower
        .find("<title")
        .and_then(|s| lower[s..].find('>').map(|e| s + e + 1))
        .and_then(|s| lower[s..].find("</title").map(|e| (s, s + e)))
        .map(|(s, e)| unescape(html[s..e].trim()))
        .filter(|t| !t.is_empty());
    let mut out = String::with_capacity(html.len() / 2);
    let mut i = 0;
    let bytes = html.as_bytes();
    let skip_tags = [
        "script",
        "style",
        "nav",
        "header",
        "footer",
        "noscript",
        "aside",
        "figcaption",
    ];
    while i < html.len() {
        if bytes[i] == b'<' {
            let Some(end) = lower[i..].find('>').map(|e| i + e) else {
                break;
            };
            let tag = lower[i + 1..end]
                .trim_start_matches('/')
                .split(|c: char| c.is_whitespace() || c == '/')
                .next()
                .unwrap_or("")
                .to_owned();
            let closing = lower[i + 1..].starts_with('/');
            if !closing && skip_tags.contains(&tag.as_str()) {
                let close = format!("</{tag}");
                i = lower[end..]
                    .find(&close)
                    .and_then(|c| lower[end + c..].find('>').map(|g| end + c + g + 1))
                    .unwrap_or(html.len());
                continue;
            }
            if matches!(
                tag.as_str(),
                "p" | "br"
                    | "div"
                    | "h1"
                    | "h2"
                    | "h3"
                    | "h4"
                    | "h5"
                    | "h6"
                    | "li"
                    | "tr"
                    | "section"
                    | "article"
                    | "blockquote"
                    | "title"
            ) {
                out.push_str("\n\n");
            }
            i = end + 1;
        } else {
            let next = lower[i..].find('<').map(|n| i + n).unwrap_or(html.len());
            out.push_str(&unescape(&html[i..next]));
            i = next;
        }
    }
    // Collapse whitespace inside paragraphs, keep paragraph breaks.
    let paragraphs: Vec<String> = out
        .split("\n\n")
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|p| !p.is_empty())
        .collect();
    let mut body = paragraphs.join("\n\n");
    if let Some(t) = &title
        && !body.starts_with(t.as_str())
    {
        body = format!("{t}\n\n{body}");
    }
    Article {
        path: path.to_path_buf(),
        title: title.unwrap_or_else(|| file_title(path)),
        text: body,
    }
}

fn unescape(s: &str) -> String {
    if !s.contains('&') {
        return s.to_owned();
    }
    s.replace("&nbsp;", " ")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&rsquo;", "’")
        .replace("&lsquo;", "‘")
        .replace("&ldquo;", "“")
        .replace("&rdquo;", "”")
        .replace("&mdash;", "—")
        .replace("&ndash;", "–")
        .replace("&amp;", "&")
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
        assert_eq!(decode(b"\x93quoted\x94"), "“quoted”");
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
    }
}

//! HTML to article text: a readability pass (`dom_smoothie`) finds the article's main content;
//! the text is then taken paragraph by paragraph, without navigation, adverts, captions,
//! scripts and forms. When readability finds nothing, the cleaned body is used instead.

use dom_query::{Document, NodeRef};

use super::dates;

/// Beyond this element nesting the readability pass is skipped (its recursion would risk
/// the stack); the iterative body walk still runs.
const MAX_READABILITY_DEPTH: usize = 400;
/// Beyond this number of elements the readability pass is skipped (time).
const MAX_READABILITY_ELEMENTS: usize = 60_000;
/// Readability results shorter than this (characters) fall back to the body text.
const MIN_READABLE_CHARS: usize = 200;

/// What an HTML page yields.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HtmlArticle {
    pub title: Option<String>,
    /// Paragraphs separated by blank lines.
    pub text: String,
    /// ISO date from the page's metadata (not from its text).
    pub date: Option<String>,
    /// The site's name from the page's metadata (`og:site_name`, ...).
    pub site: Option<String>,
    /// Whether the readability pass produced the text (else the cleaned body did).
    pub readable: bool,
    /// A note for the article's warnings, when the page needed special handling.
    pub note: Option<String>,
}

/// A declared `<meta charset>` / `http-equiv` charset in the first bytes of an HTML file.
pub fn meta_charset(bytes: &[u8]) -> Option<String> {
    let head = &bytes[..bytes.len().min(4096)];
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let pos = lower.windows(8).position(|w| w == b"charset=")?;
    let rest = &head[pos + 8..];
    let rest = rest
        .strip_prefix(b"\"")
        .or_else(|| rest.strip_prefix(b"'"))
        .unwrap_or(rest);
    let end = rest
        .iter()
        .position(|&b| !(b.is_ascii_alphanumeric() || b == b'-' || b == b'_' || b == b':'))
        .unwrap_or(rest.len());
    let label = std::str::from_utf8(&rest[..end]).ok()?;
    (!label.is_empty()).then(|| label.to_owned())
}

/// Beyond this (estimated) nesting depth the HTML parser itself is too slow (its scope checks
/// make it quadratic in depth): such pages are reduced by a simple linear tag stripper.
pub const MAX_PARSE_DEPTH: usize = 1500;

/// The article of an HTML page: readability first, the cleaned body as a fallback.
pub fn extract_article(html: &str) -> HtmlArticle {
    if estimate_depth(html) > MAX_PARSE_DEPTH {
        return HtmlArticle {
            title: None,
            text: strip_tags(html),
            date: None,
            site: None,
            readable: false,
            note: Some(format!(
                "the page is nested more than {MAX_PARSE_DEPTH} elements deep: its text was \
                 taken with a simple tag stripper"
            )),
        };
    }
    let doc = Document::from(html);
    let page_title = page_title(&doc);
    let date = meta_date(&doc);
    let site = meta_site(&doc);
    let (depth, elements) = shape(&doc);
    if depth <= MAX_READABILITY_DEPTH && elements <= MAX_READABILITY_ELEMENTS {
        let cfg = dom_smoothie::Config {
            max_elements_to_parse: MAX_READABILITY_ELEMENTS,
            // Keep class names: the paragraph walk drops advert/share/caption blocks by class.
            keep_classes: true,
            ..Default::default()
        };
        // Readability rewrites blocks (an advert `<div class="ad">` becomes a bare `<p>`), so
        // boilerplate is removed first. dom_smoothie takes the document; the fallback re-parses.
        remove_boilerplate(&doc);
        if let Ok(mut r) = dom_smoothie::Readability::with_document(doc, None, Some(cfg)) {
            let ld_date = r
                .parse_json_ld()
                .and_then(|m| m.published_time)
                .and_then(|t| dates::parse_date(&t));
            if let Ok(a) = r.parse() {
                let content = Document::from(a.content.as_ref());
                let text = paragraphs(&content.root(), false);
                if text.chars().filter(|c| !c.is_whitespace()).count() >= MIN_READABLE_CHARS {
                    let title = Some(a.title.trim().to_owned())
                        .filter(|t| !t.is_empty())
                        .or(page_title);
                    let date = date
                        .or(ld_date)
                        .or_else(|| a.published_time.as_deref().and_then(dates::parse_date));
                    return HtmlArticle {
                        title,
                        text,
                        date,
                        site,
                        readable: true,
                        note: None,
                    };
                }
            }
            let doc = Document::from(html);
            return HtmlArticle {
                title: page_title.or_else(|| first_heading(&doc)),
                text: paragraphs(&doc.root(), true),
                date: date.or(ld_date),
                site,
                readable: false,
                note: None,
            };
        }
        let doc = Document::from(html);
        return HtmlArticle {
            site,
            ..fallback(&doc, page_title, date)
        };
    }
    HtmlArticle {
        site,
        ..fallback(&doc, page_title, date)
    }
}

fn fallback(doc: &Document, page_title: Option<String>, date: Option<String>) -> HtmlArticle {
    HtmlArticle {
        title: page_title.or_else(|| first_heading(doc)),
        text: paragraphs(&doc.root(), true),
        date,
        site: None,
        readable: false,
        note: None,
    }
}

/// The text of a whole (X)HTML document, paragraph by paragraph, without boilerplate
/// (used for EPUB chapters, where the whole body is content). Also its `<title>`.
pub fn document_text(html: &str) -> (Option<String>, String) {
    if estimate_depth(html) > MAX_PARSE_DEPTH {
        return (None, strip_tags(html));
    }
    let doc = Document::from(html);
    (page_title(&doc), paragraphs(&doc.root(), true))
}

/// Elements that never contain others (or that close their open siblings implicitly).
const NON_NESTING: &[&str] = &[
    "br", "img", "hr", "meta", "link", "input", "area", "base", "col", "embed", "param", "source",
    "track", "wbr", "p", "li", "td", "th", "tr", "option", "dt", "dd", "!doctype",
];

/// The deepest element nesting of an HTML text, estimated from its tags in one linear pass.
pub fn estimate_depth(html: &str) -> usize {
    let b = html.as_bytes();
    let (mut depth, mut max) = (0usize, 0usize);
    let mut i = 0;
    while let Some(off) = memchr_lt(&b[i..]) {
        i += off + 1;
        if b[i..].starts_with(b"!--") {
            match find(&b[i..], b"-->") {
                Some(e) => i += e + 3,
                None => break,
            }
            continue;
        }
        if b.get(i) == Some(&b'/') {
            depth = depth.saturating_sub(1);
            continue;
        }
        let name_len = b[i..]
            .iter()
            .take_while(|c| c.is_ascii_alphanumeric() || **c == b'!')
            .count();
        if name_len == 0 {
            continue;
        }
        let name = html[i..i + name_len].to_ascii_lowercase();
        let end = b[i..].iter().position(|&c| c == b'>').map(|e| i + e);
        let self_closing = end.is_some_and(|e| e > 0 && b[e - 1] == b'/');
        if !self_closing && !NON_NESTING.contains(&name.as_str()) {
            depth += 1;
            max = max.max(depth);
        }
        // Skip raw-text elements whole: their content is not markup.
        if matches!(name.as_str(), "script" | "style" | "textarea" | "title") {
            let close = format!("</{name}");
            let from = end.unwrap_or(i);
            match find_ci(&b[from..], close.as_bytes()) {
                Some(e) => i = from + e,
                None => break,
            }
        }
    }
    max
}

fn memchr_lt(b: &[u8]) -> Option<usize> {
    b.iter().position(|&c| c == b'<')
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn find_ci(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
}

/// A linear tag stripper for pages too deeply nested to parse: the text outside scripts,
/// styles and other non-content elements, one paragraph per block element.
pub fn strip_tags(html: &str) -> String {
    let b = html.as_bytes();
    let mut out = String::with_capacity(html.len() / 2);
    let mut i = 0;
    while i < b.len() {
        if b[i] != b'<' {
            let next = memchr_lt(&b[i..]).map_or(b.len(), |n| i + n);
            out.push_str(&unescape(&html[i..next]));
            i = next;
            continue;
        }
        let Some(end) = b[i..].iter().position(|&c| c == b'>').map(|e| i + e) else {
            break;
        };
        let inner = &html[i + 1..end];
        let closing = inner.starts_with('/');
        let name: String = inner
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        i = end + 1;
        if !closing && SKIP_TAGS.contains(&name.as_str()) && name != "img" && name != "meta" {
            let close = format!("</{name}");
            i = find_ci(&b[i..], close.as_bytes())
                .and_then(|c| {
                    b[i + c..]
                        .iter()
                        .position(|&x| x == b'>')
                        .map(|g| i + c + g + 1)
                })
                .unwrap_or(b.len());
            continue;
        }
        if BLOCK_TAGS.contains(&name.as_str()) {
            out.push_str("\n\n");
        }
    }
    out.split("\n\n")
        .map(collapse)
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// Character references in text (named ones that matter for prose, and numeric ones).
fn unescape(s: &str) -> String {
    if !s.contains('&') {
        return s.to_owned();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(p) = rest.find('&') {
        out.push_str(&rest[..p]);
        rest = &rest[p..];
        let end = rest[1..]
            .find(|c: char| !c.is_ascii_alphanumeric() && c != '#')
            .map(|e| e + 1)
            .unwrap_or(rest.len());
        let name = &rest[1..end];
        let semi = rest[end..].starts_with(';');
        let c = match name {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            "nbsp" => Some(' '),
            "rsquo" => Some('’'),
            "lsquo" => Some('‘'),
            "ldquo" => Some('“'),
            "rdquo" => Some('”'),
            "mdash" => Some('—'),
            "ndash" => Some('–'),
            _ => name
                .strip_prefix("#x")
                .or_else(|| name.strip_prefix("#X"))
                .and_then(|h| u32::from_str_radix(h, 16).ok())
                .or_else(|| name.strip_prefix('#').and_then(|d| d.parse().ok()))
                .and_then(char::from_u32),
        };
        match c {
            Some(c) => {
                out.push(c);
                rest = &rest[end + usize::from(semi)..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn page_title(doc: &Document) -> Option<String> {
    let t = collapse(&doc.select("head title").text());
    let t = if t.is_empty() {
        collapse(&doc.select("title").text())
    } else {
        t
    };
    (!t.is_empty()).then_some(t)
}

fn first_heading(doc: &Document) -> Option<String> {
    let t = collapse(&doc.select("h1").first().text());
    (!t.is_empty()).then_some(t)
}

/// Remove boilerplate elements (see [`is_boilerplate`]) except those readability needs (the
/// `<head>`, scripts that may hold JSON-LD metadata), iteratively.
fn remove_boilerplate(doc: &Document) {
    let mut doomed = Vec::new();
    let mut stack = vec![(doc.root(), false)];
    while let Some((n, in_article)) = stack.pop() {
        let name = n
            .node_name()
            .map(|s| s.to_ascii_lowercase())
            .unwrap_or_default();
        if n.is_element()
            && !matches!(name.as_str(), "head" | "script" | "style" | "meta" | "link")
            && is_boilerplate(&n, &name, in_article)
        {
            doomed.push(n);
            continue;
        }
        let in_article = in_article || matches!(name.as_str(), "article" | "main");
        for c in n.children_it(false) {
            if c.is_element() {
                stack.push((c, in_article));
            }
        }
    }
    for n in doomed {
        n.remove_from_parent();
    }
}

/// (maximum element depth, number of elements), iteratively.
fn shape(doc: &Document) -> (usize, usize) {
    let mut stack = vec![(doc.root(), 0usize)];
    let (mut max, mut count) = (0, 0);
    while let Some((n, d)) = stack.pop() {
        if n.is_element() {
            count += 1;
            max = max.max(d);
        }
        for c in n.children_it(false) {
            stack.push((c, d + 1));
        }
    }
    (max, count)
}

/// The site's name in the page's metadata.
fn meta_site(doc: &Document) -> Option<String> {
    const KEYS: &[&str] = &[
        "og:site_name",
        "application-name",
        "dc.publisher",
        "dcterms.publisher",
        "citation_publisher",
        "publisher",
        "twitter:site",
    ];
    let mut best: Option<(usize, String)> = None;
    for m in doc.select("meta").nodes() {
        let key = m
            .attr("property")
            .or_else(|| m.attr("name"))
            .map(|k| k.to_ascii_lowercase());
        let Some(rank) = key.and_then(|k| KEYS.iter().position(|x| *x == k)) else {
            continue;
        };
        let Some(name) = m
            .attr("content")
            .and_then(|c| super::outlet::tidy_site_name(c.as_ref()))
        else {
            continue;
        };
        if best.as_ref().is_none_or(|(r, _)| rank < *r) {
            best = Some((rank, name));
        }
    }
    best.map(|(_, s)| s)
}

/// The publication date in the page's metadata.
fn meta_date(doc: &Document) -> Option<String> {
    const KEYS: &[&str] = &[
        "article:published_time",
        "og:published_time",
        "datepublished",
        "date",
        "dc.date",
        "dc.date.issued",
        "dcterms.date",
        "dcterms.issued",
        "dcterms.created",
        "pubdate",
        "publishdate",
        "publish-date",
        "publish_date",
        "published_time",
        "article.published",
        "sailthru.date",
        "parsely-pub-date",
        "citation_publication_date",
        "citation_date",
        "og:article:published_time",
    ];
    let metas = doc.select("meta");
    let mut best: Option<(usize, String)> = None;
    for m in metas.nodes() {
        let key = m
            .attr("property")
            .or_else(|| m.attr("name"))
            .or_else(|| m.attr("itemprop"))
            .map(|k| k.to_ascii_lowercase());
        let Some(rank) = key.and_then(|k| KEYS.iter().position(|x| *x == k)) else {
            continue;
        };
        let Some(date) = m
            .attr("content")
            .and_then(|c| dates::parse_date(c.as_ref()))
        else {
            continue;
        };
        if best.as_ref().is_none_or(|(r, _)| rank < *r) {
            best = Some((rank, date));
        }
    }
    if let Some((_, d)) = best {
        return Some(d);
    }
    let times = doc.select("time[datetime]");
    let nodes = times.nodes();
    let preferred = nodes
        .iter()
        .find(|t| {
            t.has_attr("pubdate")
                || t.attr("itemprop")
                    .is_some_and(|p| p.eq_ignore_ascii_case("datepublished"))
        })
        .or_else(|| nodes.first());
    preferred
        .and_then(|t| t.attr("datetime"))
        .and_then(|d| dates::parse_date(d.as_ref()))
}

/// Elements whose content never is article text.
const SKIP_TAGS: &[&str] = &[
    "head",
    "script",
    "style",
    "noscript",
    "template",
    "nav",
    "footer",
    "aside",
    "figure",
    "figcaption",
    "form",
    "button",
    "select",
    "option",
    "input",
    "textarea",
    "iframe",
    "object",
    "embed",
    "svg",
    "math",
    "canvas",
    "video",
    "audio",
    "picture",
    "img",
    "menu",
    "dialog",
    "label",
    "link",
    "meta",
];

/// Elements that start and end a paragraph.
const BLOCK_TAGS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "blockquote",
    "pre",
    "table",
    "tr",
    "td",
    "th",
    "caption",
    "br",
    "hr",
    "header",
    "address",
    "center",
    "details",
    "summary",
    "body",
    "html",
    "tbody",
    "thead",
    "tfoot",
    "hgroup",
];

/// Class/id words of boilerplate blocks (adverts, sharing, related links, captions ...).
const BOILERPLATE_WORDS: &[&str] = &[
    "ad",
    "ads",
    "advert",
    "adverts",
    "advertisement",
    "advertising",
    "adslot",
    "dfp",
    "sponsor",
    "sponsored",
    "promo",
    "promotion",
    "banner",
    "cookie",
    "cookies",
    "consent",
    "newsletter",
    "subscribe",
    "subscription",
    "signup",
    "paywall",
    "share",
    "sharing",
    "social",
    "related",
    "recommended",
    "recirculation",
    "outbrain",
    "taboola",
    "comments",
    "comment",
    "breadcrumb",
    "breadcrumbs",
    "nav",
    "navbar",
    "navigation",
    "menu",
    "sidebar",
    "footer",
    "masthead",
    "caption",
    "credit",
    "credits",
    "byline",
    "popup",
    "modal",
    "tags",
    "toolbar",
    "skip",
    "sronly",
    "hidden",
    "print",
    "widget",
];

const SKIP_ROLES: &[&str] = &[
    "navigation",
    "banner",
    "complementary",
    "contentinfo",
    "search",
    "dialog",
    "alert",
    "menu",
    "menubar",
    "toolbar",
];

fn is_boilerplate(n: &NodeRef, name: &str, in_article: bool) -> bool {
    if SKIP_TAGS.contains(&name) {
        return true;
    }
    // A page header holds the site's navigation; an article's own header holds its headline.
    if name == "header" && !in_article {
        return true;
    }
    if n.has_attr("hidden")
        || n.attr("aria-hidden").is_some_and(|v| v.trim() == "true")
        || n.attr("role")
            .is_some_and(|r| SKIP_ROLES.contains(&r.trim().to_ascii_lowercase().as_str()))
    {
        return true;
    }
    if let Some(style) = n.attr("style") {
        let s: String = style
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_lowercase();
        if s.contains("display:none") || s.contains("visibility:hidden") {
            return true;
        }
    }
    if matches!(name, "body" | "html" | "article" | "main") {
        return false;
    }
    let mut names = String::new();
    for a in ["class", "id"] {
        if let Some(v) = n.attr(a) {
            names.push(' ');
            names.push_str(&v.to_ascii_lowercase());
        }
    }
    names
        .split(|c: char| !c.is_ascii_alphanumeric())
        .any(|w| BOILERPLATE_WORDS.contains(&w))
        || names.contains("sr-only")
        || names.contains("visually-hidden")
}

#[derive(Default)]
struct Para {
    text: String,
    link_chars: usize,
}

/// The text under `root`, one paragraph per block, paragraphs separated by blank lines.
/// `drop_link_lists` drops short paragraphs made (almost) only of links (menus, "read more").
fn paragraphs(root: &NodeRef, drop_link_lists: bool) -> String {
    enum Step<'a> {
        Enter(NodeRef<'a>, bool, bool),
        Leave(bool),
        LeaveLink,
    }
    let mut out: Vec<String> = Vec::new();
    let mut cur = Para::default();
    let mut link_depth = 0usize;
    let flush = |cur: &mut Para, out: &mut Vec<String>| {
        let p = collapse(&cur.text);
        if !p.is_empty() {
            let total = p.chars().count();
            let words = p.split_whitespace().count();
            let linky = cur.link_chars * 10 >= total * 8 && words < 40;
            if !(drop_link_lists && linky) {
                out.push(p);
            }
        }
        *cur = Para::default();
    };
    let mut stack = vec![Step::Enter(*root, false, false)];
    while let Some(step) = stack.pop() {
        match step {
            Step::Enter(n, in_article, in_pre) => {
                if n.is_text() {
                    let t = n.text();
                    if link_depth > 0 {
                        cur.link_chars += t.chars().filter(|c| !c.is_whitespace()).count();
                    }
                    if in_pre {
                        // Keep line structure of preformatted text as separate lines.
                        cur.text.push_str(&t.replace('\n', " \n "));
                    } else {
                        cur.text.push_str(&t);
                    }
                    continue;
                }
                let name = n
                    .node_name()
                    .map(|s| s.to_ascii_lowercase())
                    .unwrap_or_default();
                if n.is_element() {
                    if is_boilerplate(&n, &name, in_article) {
                        // Boilerplate inside a paragraph still separates words.
                        cur.text.push(' ');
                        continue;
                    }
                } else if !n.is_document() && !n.is_fragment() {
                    continue; // comments, doctype, processing instructions
                }
                let block = BLOCK_TAGS.contains(&name.as_str());
                if block {
                    flush(&mut cur, &mut out);
                    stack.push(Step::Leave(true));
                } else if name == "a" {
                    link_depth += 1;
                    stack.push(Step::LeaveLink);
                } else {
                    stack.push(Step::Leave(false));
                }
                let in_article = in_article || matches!(name.as_str(), "article" | "main");
                let in_pre = in_pre || name == "pre";
                let children: Vec<NodeRef> = n.children_it(false).collect();
                for c in children.into_iter().rev() {
                    stack.push(Step::Enter(c, in_article, in_pre));
                }
            }
            Step::Leave(block) => {
                if block {
                    flush(&mut cur, &mut out);
                }
            }
            Step::LeaveLink => {
                link_depth = link_depth.saturating_sub(1);
            }
        }
    }
    flush(&mut cur, &mut out);
    out.join("\n\n")
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A page as a browser saves it: navigation, adverts, a figure with a caption, scripts,
    /// a cookie banner, share buttons, related links and a footer around a real article.
    pub(crate) fn browser_page() -> String {
        let para = |s: &str| format!("<p>{s}</p>\n");
        let mut body = String::new();
        body.push_str(&para(
            "Russia and Iran signed a comprehensive strategic partnership treaty in Moscow on \
             Friday, pledging to deepen military and economic cooperation over the next twenty \
             years, officials from both governments said.",
        ));
        body.push_str(
            "<figure><img src=\"x.jpg\"><figcaption>Presidents shake hands in the Kremlin. \
             Photo: Agency</figcaption></figure>\n",
        );
        body.push_str(
            "<div class=\"ad-slot\">Advertisement: Buy cheap flights to Tehran today</div>\n",
        );
        body.push_str(&para(
            "The agreement does not contain a mutual defence clause, unlike the pact Moscow \
             signed with North Korea last year, but commits both sides not to help any \
             aggressor that attacks the other.",
        ));
        body.push_str(
            "<div class=\"share-tools\"><a href=\"#\">Share on Facebook</a> <a href=\"#\">Tweet</a></div>\n",
        );
        body.push_str(&para(
            "Western governments have accused Tehran of supplying drones and missiles to \
             Russia for use in Ukraine, which Iran denies. The United States imposed new \
             sanctions on Iranian airlines in response.",
        ));
        body.push_str(&para(
            "Analysts said the treaty was largely symbolic but signalled that both \
             countries, isolated by Western sanctions, intend to coordinate more closely \
             on energy, transport and banking.",
        ));
        format!(
            "<!DOCTYPE html><html><head><meta charset=\"utf-8\">\
             <title>Russia and Iran sign treaty | World News</title>\
             <meta property=\"article:published_time\" content=\"2025-01-17T09:30:00Z\">\
             <script>window.dataLayer=[];function track(){{}}</script>\
             <style>body{{font:12px sans}}</style></head>\
             <body><header class=\"site-header\"><a href=\"/\">World News</a>\
             <nav><ul><li><a href=\"/world\">World</a></li><li><a href=\"/business\">Business</a>\
             </li><li><a href=\"/sport\">Sport</a></li></ul></nav></header>\
             <div id=\"cookie-banner\">We use cookies to improve your experience. Accept all cookies?</div>\
             <main><article><header><h1>Russia and Iran sign treaty</h1>\
             <p class=\"byline\">By A. Reporter</p></header>\n{body}</article>\
             <aside class=\"related\"><h2>Related</h2><ul><li><a href=\"/a\">Iran's economy in five charts</a></li></ul></aside>\
             </main><script>track('view');</script>\
             <footer>© 2025 World News. All rights reserved. Terms | Privacy</footer></body></html>"
        )
    }

    #[test]
    fn site_name_comes_from_metadata() {
        let page = |meta: &str| {
            format!(
                "<html><head><title>T</title>{meta}</head><body><p>France and Germany signed \
                 an agreement.</p></body></html>"
            )
        };
        let a = extract_article(&page(
            "<meta name=\"twitter:site\" content=\"@wire\">\
             <meta property=\"og:site_name\" content=\" The  Daily \">",
        ));
        assert_eq!(a.site.as_deref(), Some("The Daily"), "og:site_name wins");
        let a = extract_article(&page("<meta name=\"twitter:site\" content=\"@wire\">"));
        assert_eq!(a.site.as_deref(), Some("wire"));
        let a = extract_article(&page(
            "<meta property=\"article:publisher\" content=\"https://facebook.com/x\">",
        ));
        assert_eq!(a.site, None);
        let mut with_site = browser_page();
        with_site = with_site.replace(
            "<title>",
            "<meta property=\"og:site_name\" content=\"World News\"><title>",
        );
        let a = extract_article(&with_site);
        assert!(a.readable);
        assert_eq!(a.site.as_deref(), Some("World News"));
    }

    #[test]
    fn browser_page_yields_only_the_article() {
        let a = extract_article(&browser_page());
        let text = &a.text;
        assert!(text.contains("Russia and Iran signed a comprehensive strategic partnership"));
        assert!(text.contains("commits both sides not to help any aggressor"));
        assert!(text.contains("coordinate more closely on energy, transport and banking."));
        for junk in [
            "Advertisement",
            "Photo: Agency",
            "Presidents shake hands",
            "Share on Facebook",
            "Business",
            "cookies",
            "track(",
            "dataLayer",
            "font:",
            "All rights reserved",
            "five charts",
        ] {
            assert!(!text.contains(junk), "{junk:?} leaked into:\n{text}");
        }
        // Paragraphs separated by blank lines, not run together.
        assert!(
            text.contains("officials from both governments said.\n\nThe agreement"),
            "{text}"
        );
        assert_eq!(a.date.as_deref(), Some("2025-01-17"));
        assert!(
            a.title
                .as_deref()
                .unwrap_or("")
                .contains("Russia and Iran sign treaty")
        );
    }

    #[test]
    fn short_page_falls_back_to_cleaned_body() {
        let a = extract_article(
            "<html><head><title>Note</title><script>var a=1</script></head><body>\
             <nav><a href=\"/\">Home</a></nav><div>Iran and Iraq agreed to talk.</div>\
             <div>Turkey objected.</div></body></html>",
        );
        assert!(!a.readable);
        assert_eq!(a.text, "Iran and Iraq agreed to talk.\n\nTurkey objected.");
        assert_eq!(a.title.as_deref(), Some("Note"));
    }

    #[test]
    fn all_script_page_has_no_text() {
        let a = extract_article(
            "<html><head><script>alert(1)</script></head><body><script>x()</script></body></html>",
        );
        assert_eq!(a.text, "");
    }

    #[test]
    fn time_element_and_charset() {
        let a = extract_article(
            "<html><body><p>Text.</p><time datetime=\"2024-11-16T10:00\">16 Nov</time></body></html>",
        );
        assert_eq!(a.date.as_deref(), Some("2024-11-16"));
        assert_eq!(
            meta_charset(
                b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-1\">"
            )
            .as_deref(),
            Some("ISO-8859-1")
        );
        assert_eq!(
            meta_charset(b"<meta charset=\"utf-8\">").as_deref(),
            Some("utf-8")
        );
    }

    #[test]
    fn too_deep_pages_use_the_linear_stripper() {
        let n = 50_000;
        let html = format!(
            "<html><head><script>if (a<b) x()</script></head><body>{}Iran &amp; Iraq&#8212;talk{}<p>Next</p></body></html>",
            "<div><span>".repeat(n),
            "</span></div>".repeat(n)
        );
        assert!(estimate_depth(&html) >= 2 * n);
        let t = std::time::Instant::now();
        let a = extract_article(&html);
        assert!(
            t.elapsed() < std::time::Duration::from_secs(2),
            "{:?}",
            t.elapsed()
        );
        assert_eq!(a.text, "Iran & Iraq—talk\n\nNext");
        assert!(estimate_depth(&browser_page()) < 20);
        assert_eq!(estimate_depth("<p>a<p>b<br><img src=x/><!-- <div> -->"), 0);
        assert_eq!(
            unescape("a &lt;b&gt; &#x41;&#66; &bogus; &"),
            "a <b> AB &bogus; &"
        );
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let html = format!("{}Iran{}", "<div>".repeat(20_000), "</div>".repeat(20_000));
        let h = std::thread::Builder::new()
            .stack_size(2 * 1024 * 1024)
            .spawn(move || extract_article(&html))
            .unwrap();
        let a = h.join().unwrap();
        assert!(a.text.contains("Iran"));
    }
}

//! Markdown to plain text, lightly: headings, emphasis, links (their text kept), images
//! (dropped), list and quote markers, rules, front matter. Paragraphs are kept.

/// Front matter values a Markdown file may carry (`title:`, `date:`).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct FrontMatter {
    pub title: Option<String>,
    pub date: Option<String>,
}

/// The plain text of a Markdown document and its front matter.
pub fn strip_markdown(md: &str) -> (String, FrontMatter) {
    let mut lines: Vec<&str> = md.lines().collect();
    let mut front = FrontMatter::default();
    // YAML (`---`) or TOML (`+++`) front matter.
    if let Some(first) = lines.first().map(|l| l.trim_end())
        && (first == "---" || first == "+++")
        && let Some(end) = lines.iter().skip(1).position(|l| l.trim_end() == first)
    {
        for l in &lines[1..=end] {
            let Some((k, v)) = l.split_once([':', '=']) else {
                continue;
            };
            let v = v.trim().trim_matches(['"', '\'']).trim();
            if v.is_empty() {
                continue;
            }
            match k.trim().to_ascii_lowercase().as_str() {
                "title" => front.title = Some(v.to_owned()),
                "date" | "published" | "pubdate" => front.date = Some(v.to_owned()),
                _ => {}
            }
        }
        lines.drain(..=end + 1);
    }
    let mut out = String::with_capacity(md.len());
    let mut in_fence = false;
    let mut in_comment = false;
    // The quote depth of the paragraph text on the last line written, which a plain line
    // continues; `None` after anything else.
    let mut open_depth: Option<usize> = None;
    for raw in &lines {
        let line = raw.trim_end();
        let t = line.trim_start();
        let continued = open_depth.take();
        if t.starts_with("```") || t.starts_with("~~~") {
            in_fence = !in_fence;
            out.push('\n');
            continue;
        }
        if in_fence {
            out.push_str(line);
            out.push('\n');
            continue;
        }
        if in_comment {
            if let Some(e) = t.find("-->") {
                in_comment = false;
                out.push_str(&inline(&t[e + 3..]));
            }
            out.push('\n');
            continue;
        }
        if t.starts_with("<!--") {
            if let Some(e) = t.find("-->") {
                out.push_str(&inline(&t[e + 3..]));
            } else {
                in_comment = true;
            }
            out.push('\n');
            continue;
        }
        // Rules and setext underlines.
        if is_rule(t) {
            out.push('\n');
            continue;
        }
        // Link reference definitions: `[id]: http://...`.
        if t.starts_with('[')
            && let Some(close) = t.find("]:")
            && !t[..close].contains('\n')
        {
            continue;
        }
        let mut t = t;
        // Quote markers.
        let mut depth = 0;
        while let Some(r) = t.strip_prefix('>') {
            t = r.trim_start();
            depth += 1;
        }
        // Headings.
        let mut heading = false;
        if t.starts_with('#') {
            let hashes = t.bytes().take_while(|&b| b == b'#').count();
            if hashes <= 6 && (t.len() == hashes || t[hashes..].starts_with([' ', '\t'])) {
                t = t[hashes..].trim();
                t = t.trim_end_matches('#').trim_end();
                heading = true;
            }
        }
        // List markers.
        let item = strip_list_marker(t);
        let list = item.len() != t.len();
        t = item;
        // A soft line break: a plain line continues the paragraph (or list item, or quote)
        // above it, as in CommonMark; hard-wrapped Markdown becomes one line per paragraph.
        let table = t.starts_with('|');
        let plain = !heading && !list && !table && !t.is_empty();
        if plain && (continued == Some(depth) || depth == 0 && continued.is_some()) {
            out.pop();
            out.push(' ');
        }
        out.push_str(&inline(t));
        out.push('\n');
        let hard_break = raw.ends_with("  ") || line.ends_with('\\');
        open_depth = (!heading && !table && !t.is_empty() && !hard_break).then_some(depth);
    }
    (out, front)
}

fn is_rule(t: &str) -> bool {
    let c: Vec<char> = t.chars().filter(|c| !c.is_whitespace()).collect();
    c.len() >= 3
        && (c.iter().all(|&x| x == '-')
            || c.iter().all(|&x| x == '*')
            || c.iter().all(|&x| x == '_')
            || c.iter().all(|&x| x == '='))
}

fn strip_list_marker(t: &str) -> &str {
    for m in ["- ", "* ", "+ "] {
        if let Some(r) = t.strip_prefix(m) {
            return r.trim_start();
        }
    }
    let n = t.bytes().take_while(u8::is_ascii_digit).count();
    if (1..=3).contains(&n)
        && let Some(r) = t[n..]
            .strip_prefix(". ")
            .or_else(|| t[n..].strip_prefix(") "))
    {
        return r.trim_start();
    }
    t
}

/// Inline Markdown to text: links to their text, images dropped, emphasis and code marks removed.
fn inline(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '\\' if i + 1 < chars.len() && chars[i + 1].is_ascii_punctuation() => {
                out.push(chars[i + 1]);
                i += 2;
            }
            '!' if chars.get(i + 1) == Some(&'[') => match link_end(&chars, i + 1) {
                Some((_, end)) => i = end,
                None => {
                    out.push(c);
                    i += 1;
                }
            },
            '[' => match link_end(&chars, i) {
                Some((text_end, end)) => {
                    let text: String = chars[i + 1..text_end].iter().collect();
                    out.push_str(&inline(&text));
                    i = end;
                }
                None => {
                    out.push(c);
                    i += 1;
                }
            },
            '`' => i += 1,
            '*' | '_' | '~' => {
                let run = chars[i..].iter().take_while(|&&x| x == c).count();
                let prev = i.checked_sub(1).map(|p| chars[p]);
                let next = chars.get(i + run).copied();
                let space = |x: Option<char>| x.is_none_or(|x| x.is_whitespace());
                let word = |x: Option<char>| x.is_some_and(|x| x.is_alphanumeric());
                let delimiter = match c {
                    '~' => run == 2 && !(space(prev) && space(next)),
                    '_' => !(word(prev) && word(next) || space(prev) && space(next)),
                    _ => !(space(prev) && space(next)),
                };
                if !delimiter {
                    out.extend(std::iter::repeat_n(c, run));
                }
                i += run;
            }
            '<' => {
                // Autolinks `<https://...>` keep their address; inline HTML tags are dropped.
                let close = chars[i..].iter().position(|&x| x == '>').map(|p| i + p);
                let inner: Option<String> = close.map(|e| chars[i + 1..e].iter().collect());
                match (close, inner) {
                    (Some(e), Some(inner)) if inner.contains("://") => {
                        out.push_str(&inner);
                        i = e + 1;
                    }
                    (Some(e), Some(inner))
                        if inner.starts_with(|x: char| x.is_ascii_alphabetic() || x == '/') =>
                    {
                        if inner.contains('@') && !inner.contains(' ') {
                            out.push_str(&inner);
                        }
                        i = e + 1;
                    }
                    _ => {
                        out.push(c);
                        i += 1;
                    }
                }
            }
            _ => {
                out.push(c);
                i += 1;
            }
        }
    }
    out
}

/// For `[text](url)` / `[text][ref]` / `[text]` starting at `open` (a `[`): the index of the
/// closing `]` and the index after the whole link. `None` when it is not a link.
fn link_end(chars: &[char], open: usize) -> Option<(usize, usize)> {
    let mut depth = 0usize;
    let mut close = None;
    for (k, &c) in chars.iter().enumerate().skip(open) {
        match c {
            '[' => depth += 1,
            ']' => {
                depth -= 1;
                if depth == 0 {
                    close = Some(k);
                    break;
                }
            }
            _ => {}
        }
    }
    let close = close?;
    match chars.get(close + 1) {
        Some('(') => {
            let mut depth = 0usize;
            for (k, &c) in chars.iter().enumerate().skip(close + 1) {
                match c {
                    '(' => depth += 1,
                    ')' => {
                        depth -= 1;
                        if depth == 0 {
                            return Some((close, k + 1));
                        }
                    }
                    _ => {}
                }
            }
            None
        }
        Some('[') => {
            let end = chars[close + 1..].iter().position(|&c| c == ']')?;
            Some((close, close + 1 + end + 1))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_markdown_lightly() {
        let md = "---\ntitle: \"Russia and Iran\"\ndate: 2024-11-16\n---\n\
                  # Russia and Iran sign a pact\n\n\
                  **Moscow** and *Tehran* agreed, says [Reuters](https://reuters.com/x \"t\").\n\
                  ![a photo](img.png)\n\n\
                  > The deal is _historic_, said `the minister`.\n\n\
                  - Iran supplies drones\n1. snake_case_name stays\n\n---\n\n\
                  See [the report][1] and <https://example.org>.\n\n[1]: https://example.org/r\n";
        let (text, front) = strip_markdown(md);
        assert_eq!(front.title.as_deref(), Some("Russia and Iran"));
        assert_eq!(front.date.as_deref(), Some("2024-11-16"));
        let paras: Vec<&str> = text
            .split("\n\n")
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .collect();
        assert_eq!(
            paras,
            [
                "Russia and Iran sign a pact",
                "Moscow and Tehran agreed, says Reuters.",
                "The deal is historic, said the minister.",
                "Iran supplies drones\nsnake_case_name stays",
                "See the report and https://example.org.",
            ]
        );
    }

    /// Markdown wrapped at 72 columns: a single line break inside a paragraph, list item or
    /// quote is a soft break (a space), whatever the case of the next line.
    #[test]
    fn soft_line_breaks_join_paragraphs() {
        let md = "# Russia and Iran\n\
                  sign a pact\n\
                  \n\
                  MOSCOW, March 3 (Reuters) - Russia and Iran signed a treaty on Friday\n\
                  after talks with President Masoud Pezeshkian, officials said.\n\
                  Western governments criticised it.\n\
                  \n\
                  - Iran will supply drones and ballistic missiles to Russia under the\n  \
                  deal, according to U.S. officials.\n\
                  - China stayed silent.\n\
                  \n\
                  > \"We will not be dictated to,\" the Iranian foreign minister told\n\
                  > reporters in Tehran.\n\
                  \n\
                  | Country | Role |\n\
                  | Iran | supplier |\n";
        let (text, _) = strip_markdown(md);
        let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
        assert_eq!(
            lines,
            [
                "Russia and Iran",
                "sign a pact",
                "MOSCOW, March 3 (Reuters) - Russia and Iran signed a treaty on Friday after talks \
                 with President Masoud Pezeshkian, officials said. Western governments criticised it.",
                "Iran will supply drones and ballistic missiles to Russia under the deal, according \
                 to U.S. officials.",
                "China stayed silent.",
                "\"We will not be dictated to,\" the Iranian foreign minister told reporters in \
                 Tehran.",
                "| Country | Role |",
                "| Iran | supplier |",
            ]
        );
    }

    #[test]
    fn odd_markdown_does_not_panic() {
        for s in [
            "[",
            "![",
            "[a](",
            "<",
            "<a",
            "*",
            "\\",
            "[x]]",
            "]]][[[",
            "é*_~~`é",
            "#",
        ] {
            let _ = strip_markdown(s);
        }
        assert_eq!(strip_markdown("5 * 3 = 15").0.trim(), "5 * 3 = 15");
    }
}

//! Re-joining hard-wrapped lines into paragraphs. Every line break ends a sentence for the
//! sentence splitter, so a paragraph wrapped over several lines must become one line again,
//! while headlines, datelines, list items, header and table lines stay lines of their own.
//!
//! Plain text from wires, e-mail and PDFs is wrapped at some width (60 to 80 columns mostly),
//! with paragraphs marked by blank lines, by an indented first line, or only by a short last
//! line. [`rejoin`] first decides whether the text is hard-wrapped at all (its lines end at a
//! common width, and a line's end is mostly where the next word would not have fitted); text
//! that is not (one paragraph per line) keeps its lines. In wrapped text a line break is kept
//! only where a paragraph or unit ends:
//! - at a blank line; before a line indented deeper than the body (a first-line indent,
//!   unless it continues a list item with a hanging indent);
//! - before a list item (`-`, `*`, `•`, `1.`, `(a)`), around a table-like line, before a
//!   dateline (`MOSCOW, March 3 (Reuters) -`), between an all-caps line and mixed-case text;
//! - after the headline (the first line, when it does not end a sentence and the next word
//!   would have fitted on it, or it is in Title Case), e-mail header lines and a byline;
//! - after a line that ends with sentence punctuation (or is well short of the width) when
//!   the next line's first word would have fitted on it: the wrapper did not break there.
//!
//! Everywhere a line break is followed by a lower-case word after a line that does not end a
//! sentence, it is joined (wrapped text or not). Joining replaces the break and the next
//! line's indentation with one space (or nothing after a word broken at a hyphen), so the
//! result is the text shown to the user and sentence spans index into it. One pass over the
//! lines plus a width histogram: linear in the text.

use std::collections::HashSet;

/// How hard to re-join.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wrap {
    /// Plain text: hard-wrapped text (detected) is re-joined into paragraphs; a line-final
    /// hyphen is kept (`well-` + `known`) unless the word is evidently broken
    /// (`coop-` + `eration`, or the joined word occurs elsewhere in the text).
    Text,
    /// PDF text: always treated as wrapped (lines end at the column edge, proportional fonts
    /// make widths ragged), hyphenation is undone, page-number lines are dropped.
    Pdf,
    /// Lines that are already paragraphs (Markdown after its own soft-break handling): only
    /// lower-case continuations and broken words are joined.
    Lines,
}

/// Widths above this are not hard-wrapping (paragraph-per-line text).
const MAX_WRAP_WIDTH: usize = 160;
/// Widths below this are lists or verse, not wrapped prose.
const MIN_WRAP_WIDTH: usize = 30;

/// Whether the line ends a sentence: `.`, `!`, `?` or `:`, maybe followed by closing quotes
/// or brackets.
fn ends_sentence(line: &str) -> bool {
    let t = line
        .trim_end()
        .trim_end_matches(['"', '”', '’', '\'', '»', ')', ']']);
    t.ends_with(['.', '!', '?', ':', '…'])
}

/// Whether the line ends with punctuation that closes something (for the not-wrapped rule
/// kept from before: such a line is never continued by a lower-case line).
fn ends_closed(line: &str) -> bool {
    line.trim_end()
        .ends_with(['.', '!', '?', ':', ';', '"', '”', '’', '»', ')', ']'])
}

fn starts_lower(line: &str) -> bool {
    line.chars().next().is_some_and(char::is_lowercase)
}

fn is_page_number(line: &str) -> bool {
    let t = line.trim();
    let t = t
        .strip_prefix("Page ")
        .or_else(|| t.strip_prefix("page "))
        .unwrap_or(t);
    let t = t.trim_matches(['-', '–', '—', ' ']);
    !t.is_empty()
        && t.len() <= 12
        && t.split_whitespace()
            .all(|w| w.chars().all(|c| c.is_ascii_digit()) || w == "of" || w == "/")
        && t.chars().any(|c| c.is_ascii_digit())
}

/// Columns of a line's indentation (a tab to the next multiple of 8) and of the whole line.
fn columns(line: &str) -> (usize, usize) {
    if !line.contains('\t') {
        let t = line.trim_start();
        let indent = line[..line.len() - t.len()].chars().count();
        return (indent, indent + t.chars().count());
    }
    let mut col = 0;
    let mut indent = None;
    for c in line.chars() {
        if c == '\t' {
            col = (col / 8 + 1) * 8;
        } else {
            if indent.is_none() && !c.is_whitespace() {
                indent = Some(col);
            }
            col += 1;
        }
    }
    (indent.unwrap_or(col), col)
}

/// A list item: `- `, `* `, `• `, `1. `, `1) `, `(a) `, `a) `. Returns the marker's length
/// (with the space after it).
fn list_marker(t: &str) -> Option<usize> {
    for m in ["- ", "* ", "• ", "· ", "‣ ", "◦ ", "– "] {
        if t.starts_with(m) {
            return Some(m.len());
        }
    }
    let b = t.as_bytes();
    let digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
    if (1..=3).contains(&digits) && matches!(b.get(digits), Some(b'.' | b')')) {
        return (b.get(digits + 1) == Some(&b' ')).then_some(digits + 2);
    }
    if b.first() == Some(&b'(') {
        let inner = b[1..]
            .iter()
            .take_while(|c| c.is_ascii_alphanumeric())
            .count();
        if (1..=3).contains(&inner)
            && b.get(1 + inner) == Some(&b')')
            && b.get(2 + inner) == Some(&b' ')
        {
            return Some(inner + 3);
        }
    }
    if b.len() > 2 && b[0].is_ascii_lowercase() && b[1] == b')' && b[2] == b' ' {
        return Some(3);
    }
    None
}

/// Columns laid out in a table: two or more gaps (runs of 2+ spaces or a tab, not after
/// sentence punctuation, where typists put two spaces) inside the line, or `|` separators.
fn is_table_like(t: &str) -> bool {
    if t.matches('|').count() >= 2 {
        return true;
    }
    let b = t.as_bytes();
    let mut gaps = 0;
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'\t' || (b[i] == b' ' && b.get(i + 1) == Some(&b' ')) {
            let after_stop = i > 0 && matches!(b[i - 1], b'.' | b'!' | b'?' | b':' | b'"' | b')');
            while i < b.len() && (b[i] == b' ' || b[i] == b'\t') {
                i += 1;
            }
            if !after_stop && i < b.len() {
                gaps += 1;
            }
        } else {
            i += 1;
        }
    }
    gaps >= 2
}

/// No lower-case letters and at least two upper-case ones.
fn is_caps(t: &str) -> bool {
    !t.chars().any(char::is_lowercase) && t.chars().filter(|c| c.is_uppercase()).count() >= 2
}

/// A dateline opening a story: an all-caps place, maybe a date and an agency, then a dash
/// (`MOSCOW, March 3 (Reuters) -`, `WASHINGTON (AP) _`, `BEIRUT, Lebanon —`).
fn is_dateline(t: &str) -> bool {
    let mut start = t.chars();
    if !(start.next().is_some_and(char::is_uppercase)
        && start.next().is_some_and(char::is_uppercase))
    {
        return false;
    }
    let head: &str = match t.char_indices().nth(80) {
        Some((i, _)) => &t[..i],
        None => t,
    };
    let place_end = head
        .find(|c: char| !(c.is_uppercase() || matches!(c, ' ' | '.' | '\'' | '-')))
        .unwrap_or(head.len());
    let place = head[..place_end].trim_end();
    if place.chars().filter(|c| c.is_uppercase()).count() < 3 || place.ends_with('-') {
        return false;
    }
    let rest = &head[place.len()..];
    if !(rest.starts_with(',') || rest.starts_with(" (") || rest.starts_with(" ")) {
        return false;
    }
    let Some(dash) = [" - ", " -- ", " — ", " – ", " _ ", " —", " -"]
        .iter()
        .filter_map(|d| rest.find(d))
        .min()
    else {
        return false;
    };
    // Between the place and the dash: a date, a region, an agency; no lower-case words.
    rest[..dash].split_whitespace().all(|w| {
        let w = w.trim_start_matches([',', '(']);
        w.is_empty() || !w.starts_with(char::is_lowercase)
    })
}

/// An e-mail or memo header line: `From: ...`, `Subject: ...`.
fn is_header(t: &str) -> bool {
    let Some(colon) = t.find(':') else {
        return false;
    };
    let key = &t[..colon];
    (1..=24).contains(&key.len())
        && key.starts_with(|c: char| c.is_ascii_uppercase())
        && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        && t[colon + 1..].starts_with(' ')
}

/// Most words of four letters or more capitalised: a headline in Title Case.
fn is_title_case(t: &str) -> bool {
    let long: Vec<&str> = t
        .split_whitespace()
        .filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 4)
        .collect();
    long.len() >= 2 && long.iter().all(|w| w.starts_with(char::is_uppercase))
}

/// How many `>` quotation markers start an e-mail line.
fn quote_depth(t: &str) -> usize {
    t.chars()
        .take_while(|&c| c == '>' || c == ' ')
        .filter(|&c| c == '>')
        .count()
}

/// The first word's length (after quotation markers).
fn first_word_len(t: &str) -> usize {
    t.trim_start_matches(['>', ' '])
        .split_whitespace()
        .next()
        .map_or(0, |w| w.chars().count())
}

/// One line of the input with what the rules need, each computed once.
struct Line<'a> {
    /// Without indentation.
    t: &'a str,
    indent: usize,
    /// Columns, indentation included.
    len: usize,
    /// The list marker's length, for a list item.
    marker: Option<usize>,
    header: bool,
    quote: usize,
    first_word: usize,
    /// Only computed for hard-wrapped text ([`Line::wrapped_facts`]).
    table: bool,
    caps: bool,
    dateline: bool,
}

impl<'a> Line<'a> {
    fn new(raw: &'a str) -> Self {
        let (indent, len) = columns(raw);
        let t = raw.trim_start();
        Line {
            t,
            indent,
            len,
            marker: list_marker(t),
            header: is_header(t),
            quote: quote_depth(t),
            first_word: first_word_len(t),
            table: false,
            caps: false,
            dateline: false,
        }
    }

    /// The facts only the rules for hard-wrapped text need.
    fn wrapped_facts(&mut self) {
        self.table = is_table_like(self.t);
        self.caps = is_caps(self.t);
        self.dateline = is_dateline(self.t);
    }
}

/// Words broken at a line-final hyphen: `coop-` + `eration`.
fn broken_at_hyphen(p: &str, cur: &str) -> bool {
    p.ends_with('-')
        && p[..p.len() - 1]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric)
        && cur.starts_with(char::is_alphabetic)
}

/// Prefixes that make real hyphenated compounds (`self-` + `determination`).
const COMPOUND_PREFIXES: &[&str] = &[
    "self", "non", "anti", "pro", "ex", "well", "post", "pre", "semi", "multi", "all", "half",
    "cross", "counter", "vice", "co", "long", "short", "high", "low", "mid", "one", "two", "three",
    "four", "five", "first", "second", "third", "full", "part", "ill", "neo", "pan", "quasi",
    "sub", "super", "ultra", "inter", "intra", "extra", "de", "re", "un", "in", "so", "far",
    "hard", "left", "right", "then", "would", "war", "cease", "build", "follow", "sell", "take",
    "check", "hand", "set", "stand", "walk", "run", "break", "lay", "shut", "drop",
];

/// Endings that are never words of their own: a word broken by hyphenation.
const WORD_TAILS: &[&str] = &[
    "tion", "tions", "sion", "sions", "ment", "ments", "ness", "ity", "ities", "ance", "ances",
    "ence", "ences", "ically", "ation", "ations", "ized", "ised", "izing", "ising", "ization",
    "isation", "ional", "ionally",
];

/// Whether the hyphen of `word-` + `tail` is hyphenation (to drop) rather than part of a
/// compound. `words` holds the text's words (lower case) for the evidence check.
fn drop_hyphen(word: &str, tail: &str, mode: Wrap, words: &HashSet<String>) -> bool {
    if word.is_empty() || tail.is_empty() || tail.starts_with(char::is_uppercase) {
        return false;
    }
    let lw = word.to_lowercase();
    let lt = tail.to_lowercase();
    if words.contains(&format!("{lw}{lt}")) {
        return true;
    }
    if words.contains(&format!("{lw}-{lt}")) || COMPOUND_PREFIXES.contains(&lw.as_str()) {
        return false;
    }
    if WORD_TAILS.iter().any(|e| lt.ends_with(e) && lt.len() < 9) {
        return true;
    }
    // `Iran-` + `backed`: a capitalised word before the hyphen makes a compound.
    mode == Wrap::Pdf && !word.starts_with(char::is_uppercase)
}

/// The text's words, lower case, hyphenated compounds whole: the evidence for de-hyphenation.
fn word_set(text: &str) -> HashSet<String> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '-'))
        .map(|w| w.trim_matches('-'))
        .filter(|w| w.len() >= 3)
        .map(str::to_lowercase)
        .collect()
}

/// The typical width of full lines, or `None` when the text is not hard-wrapped.
fn wrap_width(lines: &[Line], mode: Wrap) -> Option<usize> {
    let nonempty = lines.iter().filter(|l| !l.t.is_empty()).count();
    if nonempty < 3 || mode == Wrap::Lines {
        return None;
    }
    // The 90th percentile of line widths, from a histogram (linear).
    // Indented first lines are left out: how a tab counts is the writer's business.
    let base = base_indent(lines);
    const CAP: usize = 512;
    let mut hist = [0usize; CAP + 1];
    let mut counted = 0;
    for l in lines.iter().filter(|l| !l.t.is_empty() && l.indent <= base) {
        hist[l.len.min(CAP)] += 1;
        counted += 1;
    }
    if counted == 0 {
        return None;
    }
    let rank = (counted - 1) * 9 / 10;
    let mut seen = 0;
    let mut width = CAP;
    for (w, &n) in hist.iter().enumerate() {
        seen += n;
        if seen > rank {
            width = w;
            break;
        }
    }
    if !(MIN_WRAP_WIDTH..=MAX_WRAP_WIDTH).contains(&width) {
        return None;
    }
    if mode == Wrap::Pdf {
        return Some(width);
    }
    // Wrapped text: where a full line ends inside a sentence, the next word would not have
    // fitted. Text with one sentence or paragraph per line has its breaks after sentences,
    // where the next word would often have fitted.
    let (mut wraps, mut fits) = (0usize, 0usize);
    for pair in lines.windows(2) {
        let (p, c) = (&pair[0], &pair[1]);
        if p.t.is_empty() || c.t.is_empty() || p.len * 10 < width * 6 {
            continue;
        }
        // Units of their own say nothing about wrapping.
        if c.marker.is_some() || p.header || c.header || is_table_like(p.t) || is_table_like(c.t) {
            continue;
        }
        let fitted = p.len + 1 + c.first_word <= width;
        if broken_at_hyphen(p.t, c.t) || !fitted && !ends_closed(p.t) {
            wraps += 1;
        } else if fitted && c.indent <= base {
            fits += 1;
        }
    }
    (wraps >= 2 && wraps >= 2 * fits).then_some(width)
}

/// The most common indentation of non-empty lines: the body's left edge.
fn base_indent(lines: &[Line]) -> usize {
    let mut counts = [0usize; 17];
    for l in lines.iter().filter(|l| !l.t.is_empty()) {
        counts[l.indent.min(16)] += 1;
    }
    (0..17)
        .max_by_key(|&i| (counts[i], usize::MAX - i))
        .unwrap_or(0)
}

/// Re-join wrapped lines; paragraphs and units stay separate (see the module docs).
pub fn rejoin(text: &str, mode: Wrap) -> String {
    let mut lines: Vec<Line> = text
        .lines()
        .map(str::trim_end)
        .filter(|l| !(mode == Wrap::Pdf && is_page_number(l)))
        .map(Line::new)
        .collect();
    let width = wrap_width(&lines, mode);
    if width.is_some() {
        lines.iter_mut().for_each(Line::wrapped_facts);
    }
    let base = base_indent(&lines);
    // The text's words, for de-hyphenation; only built when a line ends in a hyphen.
    let mut words: Option<HashSet<String>> = None;
    let mut out = String::with_capacity(text.len());
    // Units (paragraphs, lines of their own) started so far: the first is the headline.
    let mut units = 0usize;
    let mut in_header = false;
    // The column a list item's text starts at, while in a list item.
    let mut item_col: Option<usize> = None;
    let mut prev: Option<&Line> = None;
    for line in &lines {
        let cur = line.t;
        let Some(p) = prev.filter(|p| !p.t.is_empty() && !cur.is_empty()) else {
            if prev.is_some() {
                out.push('\n');
            }
            out.push_str(cur);
            if !cur.is_empty() {
                in_header = prev.is_none() && line.header;
                item_col = line.marker.map(|m| line.indent + m);
                units += 1;
            }
            prev = Some(line);
            continue;
        };
        let hyphen = broken_at_hyphen(p.t, cur);
        let join = if hyphen && (width.is_some() || starts_lower(cur)) {
            true
        } else if !ends_closed(p.t) && starts_lower(cur) && line.marker.is_none() {
            // A lower-case continuation, in any text.
            true
        } else if let Some(w) = width {
            join_wrapped(p, line, w, base, units == 1, in_header, item_col, mode)
        } else {
            false
        };
        if join && hyphen {
            let word: String = {
                let w: Vec<char> = p.t[..p.t.len() - 1]
                    .chars()
                    .rev()
                    .take_while(|c| c.is_alphabetic())
                    .collect();
                w.into_iter().rev().collect()
            };
            let tail: String = cur.chars().take_while(|c| c.is_alphabetic()).collect();
            let words = words.get_or_insert_with(|| word_set(text));
            if drop_hyphen(&word, &tail, mode, words) {
                out.pop();
            }
            out.push_str(cur);
        } else if join {
            out.push(' ');
            // A quoted line continuing a quotation: its `> ` markers go.
            out.push_str(if line.quote > 0 && p.quote == line.quote {
                cur.trim_start_matches(['>', ' ', '\t'])
            } else {
                cur
            });
        } else {
            out.push('\n');
            out.push_str(cur);
            in_header = in_header && line.header;
            item_col = line.marker.map(|m| line.indent + m);
            units += 1;
        }
        prev = Some(line);
    }
    out
}

/// In hard-wrapped text of `width` columns: whether the break between `p` and `c` is a wrap
/// (to join) rather than the end of a paragraph or unit.
#[allow(clippy::too_many_arguments)]
fn join_wrapped(
    p: &Line,
    c: &Line,
    width: usize,
    base: usize,
    first: bool,
    in_header: bool,
    item_col: Option<usize>,
    mode: Wrap,
) -> bool {
    let cur = c.t;
    // Units of their own.
    // (Spacing and indentation in text extracted from a PDF are the extractor's guess.)
    let pdf = mode == Wrap::Pdf;
    if in_header || c.marker.is_some() || !pdf && (p.table || c.table) || c.dateline {
        return false;
    }
    // E-mail quotations (`> `) continue only quotations of the same depth.
    if p.quote != c.quote {
        return false;
    }
    // A first-line indent starts a paragraph, unless it is a list item's hanging indent.
    let hanging = item_col.is_some_and(|col| c.indent + 1 >= col && c.indent <= col + 1);
    if c.indent > base && !hanging && !pdf {
        return false;
    }
    // Capitals and mixed case do not share a paragraph (a caps headline, a caps line).
    let (pc, cc) = (p.caps, c.caps);
    if pc && !cc && !starts_lower(cur) {
        return false;
    }
    if cc && !pc && !ends_sentence(cur) && cur.chars().count() >= 8 {
        return false;
    }
    // The headline: a line in Title Case or capitals not ending a sentence.
    if first && !ends_sentence(p.t) && (pc || is_title_case(p.t)) {
        return false;
    }
    // Would the next line's first word have fitted on this line? Then the wrapper did not
    // break here. PDF widths are ragged: a line short of 80% of the width is short.
    let short = match mode {
        Wrap::Pdf => p.len * 10 < width * 8,
        _ => p.len + 1 + c.first_word <= width,
    };
    if !short {
        return !(mode == Wrap::Pdf && p.t.ends_with(['-', '—', '–']));
    }
    if first && !ends_sentence(p.t) {
        return false; // the headline
    }
    let byline = p.t.starts_with("By ") || p.t.starts_with("BY ");
    !(ends_sentence(p.t) || p.len * 10 < width * 6 || p.t.ends_with(',') || pc || byline)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_joins_lower_case_continuations() {
        let t = "Russia and Iran agreed to expand\ncooperation in energy.\nThe deal is well-\nknown.\n\nHeadline\nBody starts here.";
        assert_eq!(
            rejoin(t, Wrap::Text),
            "Russia and Iran agreed to expand cooperation in energy.\nThe deal is well-known.\n\nHeadline\nBody starts here."
        );
    }

    #[test]
    fn pdf_dehyphenates_and_joins_full_lines() {
        let t = "Moscow and Tehran pledged closer coop-\n\
                 eration on Friday, and the treaty was signed by Vladimir\n\
                 Putin and Masoud Pezeshkian in the Kremlin hall today.\n\
                 12\n\
                 Short last line.\n\
                 \n\
                 Iran-\nbacked groups were not mentioned.";
        assert_eq!(
            rejoin(t, Wrap::Pdf),
            "Moscow and Tehran pledged closer cooperation on Friday, and the treaty was signed by Vladimir \
             Putin and Masoud Pezeshkian in the Kremlin hall today. Short last line.\n\nIran-backed groups were not mentioned."
        );
    }

    #[test]
    fn a_dash_alone_is_not_a_broken_word() {
        // Found by the property tests: "-" + "a" became "-a", gluing the dash to the word.
        assert_eq!(rejoin("-\na\tA", Wrap::Text), "- a\tA");
        assert_eq!(rejoin("Iran -\nbacked", Wrap::Pdf), "Iran - backed");
        assert_eq!(rejoin("well--\nknown", Wrap::Text), "well-- known");
        assert_eq!(rejoin("coop-\neration", Wrap::Pdf), "cooperation");
    }

    #[test]
    fn page_numbers() {
        assert!(is_page_number("12"));
        assert!(is_page_number("Page 3 of 10"));
        assert!(is_page_number("- 4 -"));
        assert!(!is_page_number("2024 was a year"));
        assert!(!is_page_number(""));
    }

    /// A wire report wrapped at 69 columns with 3-space paragraph indents and no blank
    /// lines: paragraphs joined whatever the case of the next line, the headline and the
    /// dateline kept apart.
    #[test]
    fn wire_copy_with_indented_paragraphs() {
        let t = "Soviets and Iran Sign Pact\n\
                 \x20  MOSCOW, March 3 (AP) _ The Soviet Union and Iran signed an accord on\n\
                 economic cooperation on Tuesday after three days of talks with\n\
                 President Ali Khamenei, the official Tass news agency reported.\n\
                 \x20  Western diplomats said the deal was the largest of its kind. The\n\
                 U.S. Embassy had no comment.\n";
        assert_eq!(
            rejoin(t, Wrap::Text),
            "Soviets and Iran Sign Pact\n\
             MOSCOW, March 3 (AP) _ The Soviet Union and Iran signed an accord on economic \
             cooperation on Tuesday after three days of talks with President Ali Khamenei, the \
             official Tass news agency reported.\n\
             Western diplomats said the deal was the largest of its kind. The U.S. Embassy had no \
             comment."
        );
    }

    /// Paragraphs marked only by a short last line ending a sentence.
    #[test]
    fn short_last_lines_end_paragraphs() {
        let t = "Russia and Iran signed a treaty on Friday that deepens their military\n\
                 and economic ties, officials in Moscow said.\n\
                 Western governments criticised the agreement and said they would\n\
                 consider new sanctions against both countries in the coming weeks\n\
                 and months.\n\
                 China welcomed it.\n\
                 Israel said nothing.\n";
        assert_eq!(
            rejoin(t, Wrap::Text),
            "Russia and Iran signed a treaty on Friday that deepens their military and economic \
             ties, officials in Moscow said.\n\
             Western governments criticised the agreement and said they would consider new \
             sanctions against both countries in the coming weeks and months.\n\
             China welcomed it.\n\
             Israel said nothing."
        );
    }

    /// Lists, tables, all-caps lines and header lines stay lines of their own; a list item's
    /// hanging indent continues the item.
    #[test]
    fn units_of_their_own() {
        let t = "From: Anna Lindqvist <anna.lindqvist@example.org>\n\
                 Subject: Notes from the Vienna talks between Iran and the E3 powers\n\
                 \n\
                 Three points stood out in the closed session of the talks, according\n\
                 to two of the participants who asked not to be named by the press:\n\
                 - Iran refused to discuss its missile programme and accused the United\n\
                 \x20 States of bad faith over the withdrawal from the 2015 agreement.\n\
                 (b) Russia backed the Iranian position and said the sanctions imposed\n\
                 \x20   by the West had poisoned the atmosphere of the negotiations.\n\
                 BACKGROUND\n\
                 Country        Exports (bn)     Imports (bn)\n\
                 Russia         12.1             9.8\n\
                 The talks are expected to resume on Thursday in the Austrian capital.\n";
        assert_eq!(
            rejoin(t, Wrap::Text),
            "From: Anna Lindqvist <anna.lindqvist@example.org>\n\
             Subject: Notes from the Vienna talks between Iran and the E3 powers\n\
             \n\
             Three points stood out in the closed session of the talks, according to two of the \
             participants who asked not to be named by the press:\n\
             - Iran refused to discuss its missile programme and accused the United States of \
             bad faith over the withdrawal from the 2015 agreement.\n\
             (b) Russia backed the Iranian position and said the sanctions imposed by the West \
             had poisoned the atmosphere of the negotiations.\n\
             BACKGROUND\n\
             Country        Exports (bn)     Imports (bn)\n\
             Russia         12.1             9.8\n\
             The talks are expected to resume on Thursday in the Austrian capital."
        );
    }

    /// A quoted e-mail paragraph wrapped at 72 is one line, its markers dropped inside.
    #[test]
    fn email_quotations() {
        let t = "On Monday, Anna Lindqvist wrote to the foreign desk about the talks:\n\
                 > Iran refused to discuss its missile programme and accused the\n\
                 > United States of bad faith over the withdrawal from the 2015\n\
                 > agreement, two participants in the closed session told me.\n\
                 Russia backed Tehran, according to the same two participants, who\n\
                 asked not to be named because the session was closed to the press.\n";
        assert_eq!(
            rejoin(t, Wrap::Text),
            "On Monday, Anna Lindqvist wrote to the foreign desk about the talks:\n\
             > Iran refused to discuss its missile programme and accused the United States of \
             bad faith over the withdrawal from the 2015 agreement, two participants in the \
             closed session told me.\n\
             Russia backed Tehran, according to the same two participants, who asked not to be \
             named because the session was closed to the press."
        );
    }

    /// Text with one paragraph per line is not re-joined, however its lines end.
    #[test]
    fn paragraph_per_line_text_is_unchanged() {
        let t = "Iran and Russia sign treaty\n\
                 Russia and Iran signed a 20-year strategic partnership treaty on Friday, deepening ties.\n\
                 The treaty was signed in the Kremlin by Vladimir Putin and Masoud Pezeshkian.\n\
                 Israel and the United States criticised the agreement as a threat to the region.\n\
                 China said it welcomed any agreement that served peace.";
        assert_eq!(rejoin(t, Wrap::Text), t);
        assert_eq!(rejoin(t, Wrap::Lines), t);
    }

    #[test]
    fn hyphenation_in_text() {
        let words = word_set("the cooperation and a well-known case");
        assert!(drop_hyphen("coop", "eration", Wrap::Text, &words));
        assert!(!drop_hyphen("well", "known", Wrap::Text, &words));
        let none = HashSet::new();
        assert!(drop_hyphen("Reso", "lution", Wrap::Text, &none));
        assert!(drop_hyphen("reso", "lution", Wrap::Text, &none));
        assert!(!drop_hyphen("self", "determination", Wrap::Text, &none));
        assert!(!drop_hyphen("long", "term", Wrap::Text, &none));
        assert!(drop_hyphen("trans", "fers", Wrap::Pdf, &none));
        assert!(!drop_hyphen("Iran", "backed", Wrap::Pdf, &none));
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig {
            cases: 256,
            failure_persistence: None,
            ..Default::default()
        })]

        /// Every mode on arbitrary lines: no panic, no line break added, no word lost but
        /// to de-hyphenation and page numbers (PDF).
        #[test]
        fn rejoin_never_panics_or_loses_words(
            lines in proptest::collection::vec("[ \t]{0,4}(\\PC|[a-zA-Z .,-]){0,90}", 0..40),
            mode in proptest::sample::select(&[Wrap::Text, Wrap::Pdf, Wrap::Lines][..]),
        ) {
            let text = lines.join("\n");
            let out = rejoin(&text, mode);
            proptest::prop_assert!(out.matches('\n').count() <= text.matches('\n').count());
            let words = |s: &str| s.split(|c: char| c.is_whitespace() || c == '-')
                .filter(|w| !w.is_empty())
                .count();
            let pages: usize = text.lines().filter(|l| is_page_number(l)).map(words).sum();
            let hyphens = text.matches("-\n").count() + text.matches("- \n").count();
            proptest::prop_assert!(
                words(&out) + pages + hyphens >= words(&text),
                "{:?} -> {:?}", text, out
            );
        }
    }

    #[test]
    fn datelines() {
        for d in [
            "MOSCOW, March 3 (Reuters) - Russia and Iran",
            "WASHINGTON (AP) _ The",
            "NEW YORK, Jan. 5 — Talks",
            "BEIRUT, Lebanon -- Israel",
            "UNITED NATIONS (Reuters) - The",
        ] {
            assert!(is_dateline(d), "{d}");
        }
        for d in [
            "NATO, which - as usual",
            "U.S. officials said",
            "Moscow - the capital",
            "IRAN",
        ] {
            assert!(!is_dateline(d), "{d}");
        }
    }
}

//! Sentences with byte spans.
//!
//! The splitter works on bytes (all delimiters are ASCII or checked at char boundaries), so it
//! runs at hundreds of MB/s and never panics on arbitrary UTF-8.
//!
//! Rules:
//! - every line break ends a sentence (paragraphs, titles and captions stand alone);
//! - `.`, `!`, `?` (and any closing quotes/brackets after them) end a sentence when followed by
//!   white space and then an upper-case letter, an opening quote/bracket or a digit;
//! - never after a known abbreviation (`Mr.`, `Gen.`, `Jan.`, `e.g.`, `etc.` ...), a dotted
//!   acronym (`U.S.`, `U.N.`), or a single-letter initial (`Joseph R. Biden`).

/// A byte range `[start, end)` into an article's text.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }
    pub fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }
    pub fn is_empty(&self) -> bool {
        self.end <= self.start
    }
    /// The text this span covers.
    pub fn text<'a>(&self, s: &'a str) -> &'a str {
        s.get(self.start..self.end).unwrap_or("")
    }
}

/// A sentence: its span in the article text (trimmed of surrounding white space).
pub type Sentence = Span;

/// Abbreviations after which a period never ends a sentence (compared without the period).
const ABBREVIATIONS: &[&str] = &[
    "Mr", "Mrs", "Ms", "Dr", "Prof", "Gen", "Lt", "Col", "Maj", "Capt", "Adm", "Sgt", "Cpl", "Gov",
    "Sen", "Rep", "Rev", "Hon", "Pres", "Amb", "Sr", "Jr", "St", "Mt", "Ft", "No", "Nos", "Inc",
    "Co", "Corp", "Ltd", "Bros", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept",
    "Oct", "Nov", "Dec", "Mon", "Tue", "Tues", "Wed", "Thu", "Thurs", "Fri", "Sat", "Sun", "vs",
    "etc", "al", "approx", "est", "Fig", "fig", "Art", "art", "Sec", "sec", "Vol", "vol", "pp",
    "Op", "cf", "Ave", "Blvd", "Rd", "Dept", "Univ", "Gov't", "Msgr", "Fr",
];

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\x0b' | b'\x0c')
}

fn is_closer(text: &str, i: usize) -> Option<usize> {
    let b = text.as_bytes();
    match b[i] {
        b'"' | b'\'' | b')' | b']' => Some(1),
        0xE2 => {
            // ’ ” » are E2 80 99 / E2 80 9D ; » is C2 BB
            let rest = &b[i..];
            if rest.starts_with("’".as_bytes()) || rest.starts_with("”".as_bytes()) {
                Some(3)
            } else {
                None
            }
        }
        0xC2 if b[i..].starts_with("»".as_bytes()) => Some(2),
        _ => None,
    }
}

/// Whether the text at `i` may start a new sentence.
fn starts_sentence(text: &str, i: usize) -> bool {
    let Some(c) = text.get(i..).and_then(|s| s.chars().next()) else {
        return false;
    };
    c.is_uppercase()
        || c.is_ascii_digit()
        || matches!(c, '"' | '\'' | '“' | '‘' | '(' | '[' | '«' | '¿' | '¡')
}

/// Whether the period at byte `dot` ends an abbreviation, acronym or initial.
fn is_abbreviation(text: &str, dot: usize) -> bool {
    let b = text.as_bytes();
    // The token before the period: back to white space or an opening bracket/quote.
    let mut s = dot;
    while s > 0 {
        let p = b[s - 1];
        if is_space(p) || p == b'\n' || p == b'(' || p == b'[' || p == b'"' {
            break;
        }
        s -= 1;
    }
    let word = &text.as_bytes()[s..dot];
    if word.is_empty() {
        return false;
    }
    // Strip a leading opening quote in UTF-8 (“ ‘).
    let word = std::str::from_utf8(word).unwrap_or("");
    let word = word.trim_start_matches(['“', '‘', '\'']);
    if word.is_empty() {
        return false;
    }
    if ABBREVIATIONS.contains(&word) {
        return true;
    }
    // e.g / i.e / U.S / U.N / D.C: letters separated by dots.
    if word.contains('.')
        && word
            .split('.')
            .all(|p| !p.is_empty() && p.chars().count() <= 2 && p.chars().all(char::is_alphabetic))
    {
        return true;
    }
    // A single upper-case initial ("Joseph R. Biden").
    let mut chars = word.chars();
    if let (Some(c), None) = (chars.next(), chars.next())
        && c.is_uppercase()
    {
        return true;
    }
    false
}

/// Bytes the splitter stops at: line breaks and sentence terminators.
const BREAKS: [bool; 256] = {
    let mut t = [false; 256];
    t[b'\n' as usize] = true;
    t[b'\r' as usize] = true;
    t[b'.' as usize] = true;
    t[b'!' as usize] = true;
    t[b'?' as usize] = true;
    t
};

/// Split text into sentences.
pub fn split_sentences(text: &str) -> Vec<Sentence> {
    let mut out = Vec::with_capacity(text.len() / 100 + 1);
    let b = text.as_bytes();
    let n = b.len();
    let mut start = 0;
    let mut i = 0;
    while i < n {
        match b[i] {
            b'\n' | b'\r' => {
                push_trimmed(text, start, i, &mut out);
                start = i + 1;
                i += 1;
            }
            b'.' | b'!' | b'?' => {
                let mut j = i + 1;
                // Repeated terminators ("?!", "...").
                while j < n && matches!(b[j], b'.' | b'!' | b'?') {
                    j += 1;
                }
                while j < n {
                    match is_closer(text, j) {
                        Some(l) => j += l,
                        None => break,
                    }
                }
                let end = j;
                let mut k = j;
                while k < n && is_space(b[k]) {
                    k += 1;
                }
                if k > j
                    && k < n
                    && b[k] != b'\n'
                    && starts_sentence(text, k)
                    && !(b[i] == b'.' && end == i + 1 && is_abbreviation(text, i))
                {
                    push_trimmed(text, start, end, &mut out);
                    start = end;
                }
                i = j.max(i + 1);
            }
            _ => {
                i += 1;
                while i < n && !BREAKS[b[i] as usize] {
                    i += 1;
                }
            }
        }
    }
    push_trimmed(text, start, n, &mut out);
    out
}

fn push_trimmed(text: &str, start: usize, end: usize, out: &mut Vec<Sentence>) {
    let Some(s) = text.get(start..end) else {
        return;
    };
    let lead = s.len() - s.trim_start().len();
    let t = s.trim();
    if !t.is_empty() {
        out.push(Span::new(start + lead, start + lead + t.len()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(t: &str) -> Vec<&str> {
        split_sentences(t).iter().map(|s| s.text(t)).collect()
    }

    #[test]
    fn splits_on_terminators_and_lines() {
        assert_eq!(
            split(
                "Title line\n\nThe talks ended. Both sides left!  Why? \"Nobody knows.\" Then 5 more."
            ),
            vec![
                "Title line",
                "The talks ended.",
                "Both sides left!",
                "Why?",
                "\"Nobody knows.\"",
                "Then 5 more."
            ]
        );
    }

    #[test]
    fn keeps_abbreviations_and_initials() {
        let t = "President Joseph R. Biden Jr. met Mr. Xi in Lima on Nov. 16. The U.S. and the U.N. agreed, e.g. on trade. Gen. Smith left.";
        assert_eq!(
            split(t),
            vec![
                "President Joseph R. Biden Jr. met Mr. Xi in Lima on Nov. 16.",
                "The U.S. and the U.N. agreed, e.g. on trade.",
                "Gen. Smith left."
            ]
        );
    }

    #[test]
    fn lower_case_after_period_does_not_split() {
        assert_eq!(
            split("It cost 2.5 bn. dollars and more."),
            vec!["It cost 2.5 bn. dollars and more."]
        );
    }

    #[test]
    fn closing_quotes_and_brackets_stay_with_sentence() {
        let t = "He said “we agree.” Then he left. (It was late.) Next one.";
        assert_eq!(
            split(t),
            vec![
                "He said “we agree.”",
                "Then he left.",
                "(It was late.)",
                "Next one."
            ]
        );
    }

    #[test]
    fn spans_are_trimmed_and_point_into_text() {
        let t = "  Alpha beta.   Gamma delta.  \n";
        let s = split_sentences(t);
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].text(t), "Alpha beta.");
        assert_eq!(s[1].text(t), "Gamma delta.");
    }

    #[test]
    fn never_panics_on_odd_utf8() {
        for t in [
            "",
            ".",
            "é.É",
            "’.”",
            "a.\u{2028}b",
            "x. ü",
            "…. Ω",
            "\r\n.\r",
        ] {
            let _ = split_sentences(t);
        }
        assert_eq!(
            split("Über alles. Ärger folgt."),
            vec!["Über alles.", "Ärger folgt."]
        );
    }
}

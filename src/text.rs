//! Sentences with byte spans.
//!
//! The splitter works on bytes (all delimiters are ASCII or checked at char boundaries), so it
//! runs at hundreds of MB/s and never panics on arbitrary UTF-8.
//!
//! Rules:
//! - every line break ends a sentence (paragraphs, titles, list items and captions stand
//!   alone). The readers re-join hard-wrapped lines into paragraphs first
//!   ([`crate::ingest`]), so a line break the splitter sees is never one inside a paragraph;
//! - `.`, `!`, `?` (and any closing quotes/brackets after them) end a sentence when followed by
//!   white space and then an upper-case letter, an opening quote/bracket or a digit;
//! - never after a title (`Mr.`, `Gen.`, `St.`), `e.g.`, `vs.`, or a list number at a line's
//!   start (`1. The`); `No.`, `Art.`, `Vol.` not before a number (`No. 10`);
//! - after an abbreviation that may end a sentence (`Inc.`, `Corp.`, `Jr.`, `Jan.`, `etc.`),
//!   a dotted acronym (`U.S.`, `a.m.`), a single-letter initial (`George W. Bush`) or an
//!   ellipsis (`...`, `…`) only when a word that typically starts a sentence follows
//!   (`The`, `He`, `It` ...): `Raytheon Inc. The company` splits, `U.S. Embassy` does not;
//! - abbreviations are also known in capitals (`MR.`, `CORP.`), as in all-caps wire copy.

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
    /// Whether the two spans share a byte.
    pub fn overlaps(&self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }
    /// The text this span covers.
    pub fn text<'a>(&self, s: &'a str) -> &'a str {
        s.get(self.start..self.end).unwrap_or("")
    }
}

/// A sentence: its span in the article text (trimmed of surrounding white space).
pub type Sentence = Span;

/// How an abbreviation's period behaves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Abbr {
    /// Never ends a sentence (`Mr.`, `Gen.`, `e.g.`, `vs.`).
    Never,
    /// Not before a number (`No. 10`, `Art. 5`); otherwise an ordinary word.
    BeforeNumber,
    /// Ends a sentence only before a typical sentence start (`Inc.`, `Jan.`, `U.S.`).
    MayEnd,
    /// A single-letter initial: as `MayEnd`, but a one-letter word after it is a name too.
    Initial,
}

/// The kind of a known abbreviation (compared without the period, ignoring ASCII case, so
/// `MR.` and `CORP.` in all-caps copy count): titles and the like never end a sentence;
/// `No.`, `Art.` stand before a number; company, month and day abbreviations may end one.
fn abbreviation_kind(word: &str) -> Option<Abbr> {
    let w = ascii_lower::<7>(word)?;
    // Written in lower case, only what is written so (`vs.`, `etc.`; `sat.` is a word).
    let lower_only = [
        "vs", "cf", "viz", "approx", "e.g", "i.e", "etc", "al", "est", "art", "sec", "vol", "fig",
        "pp", "ch", "para", "no", "nos",
    ];
    if word.starts_with(|c: char| c.is_ascii_lowercase()) && !lower_only.contains(&w.as_str()) {
        return None;
    }
    Some(match w.as_str() {
        "mr" | "mrs" | "ms" | "messrs" | "dr" | "prof" | "gen" | "lt" | "col" | "maj" | "capt"
        | "cmdr" | "adm" | "sgt" | "cpl" | "pvt" | "gov" | "sen" | "rep" | "rev" | "hon"
        | "pres" | "amb" | "supt" | "st" | "mt" | "ft" | "msgr" | "fr" | "vs" | "cf" | "viz"
        | "approx" | "gov't" | "e.g" | "i.e" => Abbr::Never,
        "no" | "nos" | "art" | "arts" | "sec" | "vol" | "fig" | "pp" | "op" | "ch" | "para" => {
            Abbr::BeforeNumber
        }
        "inc" | "co" | "corp" | "ltd" | "bros" | "plc" | "jr" | "sr" | "jan" | "feb" | "mar"
        | "apr" | "jun" | "jul" | "aug" | "sep" | "sept" | "oct" | "nov" | "dec" | "mon"
        | "tue" | "tues" | "wed" | "thu" | "thurs" | "fri" | "sat" | "sun" | "etc" | "al"
        | "est" | "ave" | "blvd" | "rd" | "dept" | "univ" => Abbr::MayEnd,
        _ => return None,
    })
}

/// Whether a word (any case) typically starts a sentence: after an abbreviation that may end
/// one, it makes the period a full stop.
fn is_starter(word: &str) -> bool {
    let Some(w) = ascii_lower::<9>(word) else {
        return false;
    };
    matches!(
        w.as_str(),
        "the"
            | "a"
            | "an"
            | "he"
            | "she"
            | "it"
            | "they"
            | "we"
            | "i"
            | "you"
            | "this"
            | "that"
            | "these"
            | "those"
            | "its"
            | "his"
            | "her"
            | "their"
            | "our"
            | "there"
            | "here"
            | "but"
            | "however"
            | "meanwhile"
            | "also"
            | "in"
            | "on"
            | "at"
            | "as"
            | "after"
            | "before"
            | "when"
            | "while"
            | "if"
            | "some"
            | "many"
            | "most"
            | "both"
            | "such"
            | "yet"
            | "still"
            | "then"
            | "now"
            | "later"
            | "earlier"
            | "last"
            | "next"
            | "since"
            | "despite"
            | "although"
            | "though"
            | "officials"
            | "according"
            | "what"
            | "why"
            | "how"
            | "who"
            | "where"
            | "neither"
            | "each"
            | "every"
            | "all"
            | "no"
            | "not"
            | "nor"
    )
}

/// A short ASCII word in lower case, on the stack; `None` if longer than `N` or not ASCII.
struct Lower<const N: usize> {
    buf: [u8; N],
    len: usize,
}

impl<const N: usize> Lower<N> {
    fn as_str(&self) -> &str {
        std::str::from_utf8(&self.buf[..self.len]).unwrap_or("")
    }
}

fn ascii_lower<const N: usize>(word: &str) -> Option<Lower<N>> {
    if word.len() > N || !word.is_ascii() {
        return None;
    }
    let mut buf = [0u8; N];
    for (d, s) in buf.iter_mut().zip(word.bytes()) {
        *d = s.to_ascii_lowercase();
    }
    Some(Lower {
        buf,
        len: word.len(),
    })
}

/// Whether the word at `k` typically starts a sentence. `names`: after an initial, a
/// one-letter word is another initial, not `A` or `I`.
fn starter_at(text: &str, k: usize, names: bool) -> bool {
    let rest = text.get(k..).unwrap_or("");
    let end = rest
        .find(|c: char| !c.is_alphabetic())
        .unwrap_or(rest.len());
    let word = &rest[..end];
    if word.is_empty() {
        // An opening quote: a quotation starts.
        return rest.starts_with(['"', '“', '‘']);
    }
    if names && word.len() == 1 {
        return false;
    }
    is_starter(word)
}

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

/// What kind of abbreviation (if any) the period at byte `dot` ends.
fn abbreviation(text: &str, dot: usize) -> Option<Abbr> {
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
        return None;
    }
    // Strip a leading opening quote in UTF-8 (“ ‘).
    let word = std::str::from_utf8(word).unwrap_or("");
    let word = word.trim_start_matches(['“', '‘', '\'']);
    if word.is_empty() {
        return None;
    }
    // A list number at the start of a line: `1. The first point`.
    if word.len() <= 3 && word.bytes().all(|c| c.is_ascii_digit()) {
        let line_start = b[..s].iter().rev().take_while(|&&c| is_space(c)).count();
        let at = s - line_start;
        return (at == 0 || b[at - 1] == b'\n').then_some(Abbr::Never);
    }
    if let Some(kind) = abbreviation_kind(word) {
        return Some(kind);
    }
    // U.S / U.N / a.m / Ph.D: letters separated by dots.
    if word.contains('.')
        && word
            .split('.')
            .all(|p| !p.is_empty() && p.chars().count() <= 2 && p.chars().all(char::is_alphabetic))
    {
        return Some(Abbr::MayEnd);
    }
    // A single upper-case initial ("Joseph R. Biden").
    let mut chars = word.chars();
    if let (Some(c), None) = (chars.next(), chars.next())
        && c.is_uppercase()
    {
        return Some(Abbr::Initial);
    }
    None
}

/// Whether the period at byte `dot`, with the next word at `next`, is not a full stop.
fn period_continues(text: &str, dot: usize, next: usize) -> bool {
    match abbreviation(text, dot) {
        None => false,
        Some(Abbr::Never) => true,
        Some(Abbr::BeforeNumber) => text.as_bytes()[next].is_ascii_digit(),
        Some(Abbr::MayEnd) => !starter_at(text, next, false),
        Some(Abbr::Initial) => !starter_at(text, next, true),
    }
}

/// Bytes the splitter stops at: line breaks and sentence terminators.
const BREAKS: [bool; 256] = {
    let mut t = [false; 256];
    t[b'\n' as usize] = true;
    t[b'\r' as usize] = true;
    t[b'.' as usize] = true;
    t[b'!' as usize] = true;
    t[b'?' as usize] = true;
    t[0xE2] = true; // `…` starts with it
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
            b'.' | b'!' | b'?' | 0xE2 => {
                let ellipsis_char = text[i..].starts_with('…');
                if b[i] == 0xE2 && !ellipsis_char {
                    i += 1;
                    continue;
                }
                let mut j = i + if ellipsis_char { '…'.len_utf8() } else { 1 };
                // Repeated terminators ("?!", "...").
                while j < n && matches!(b[j], b'.' | b'!' | b'?') {
                    j += 1;
                }
                let run = &b[i..j];
                // An ellipsis: `...`, `…`, or the last dot of `. . .`.
                let ellipsis = ellipsis_char
                    || (run.len() >= 2 && run.iter().all(|&c| c == b'.'))
                    || (b[i] == b'.' && i >= 2 && b[i - 1] == b' ' && b[i - 2] == b'.');
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
                let continues = || {
                    if ellipsis {
                        // Elisions inside quotations go on: `fight ... Iran must`.
                        !starter_at(text, k, false)
                    } else {
                        b[i] == b'.' && end == i + 1 && period_continues(text, i, k)
                    }
                };
                if k > j && k < n && b[k] != b'\n' && starts_sentence(text, k) && !continues() {
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
    fn abbreviations_that_never_end_a_sentence() {
        let t = "Mr. Gromyko met Gen. Zaitsev and Sen. Kerry at No. 10 Downing St. in London. \
                 Dr. Hammadi flew to St. Petersburg, e.g. via Riga, vs. Helsinki. It was late.";
        assert_eq!(
            split(t),
            vec![
                "Mr. Gromyko met Gen. Zaitsev and Sen. Kerry at No. 10 Downing St. in London.",
                "Dr. Hammadi flew to St. Petersburg, e.g. via Riga, vs. Helsinki.",
                "It was late."
            ]
        );
    }

    #[test]
    fn abbreviations_that_may_end_a_sentence() {
        let t = "The radar was built by Raytheon Inc. The company declined to comment. \
                 Officials at General Dynamics Corp. Headquarters were silent. \
                 The U.S. Embassy in Moscow was closed by the U.S. It reopened on Jan. 12. \
                 The talks began at 10 a.m. They ended on Tuesday.";
        assert_eq!(
            split(t),
            vec![
                "The radar was built by Raytheon Inc.",
                "The company declined to comment.",
                "Officials at General Dynamics Corp. Headquarters were silent.",
                "The U.S. Embassy in Moscow was closed by the U.S.",
                "It reopened on Jan. 12.",
                "The talks began at 10 a.m.",
                "They ended on Tuesday."
            ]
        );
    }

    #[test]
    fn no_is_a_word_unless_a_number_follows() {
        assert_eq!(
            split("Did Iran agree? No. The talks failed at No. 10 Smolenskaya Square."),
            vec![
                "Did Iran agree?",
                "No.",
                "The talks failed at No. 10 Smolenskaya Square."
            ]
        );
    }

    #[test]
    fn initials_are_names_unless_a_sentence_starts() {
        let t = "George W. Bush met Mikhail S. Gorbachev and John F. Kennedy Jr. at Camp David. \
                 They talked about vitamin C. It was odd. J. R. R. Tolkien was not there.";
        assert_eq!(
            split(t),
            vec![
                "George W. Bush met Mikhail S. Gorbachev and John F. Kennedy Jr. at Camp David.",
                "They talked about vitamin C.",
                "It was odd.",
                "J. R. R. Tolkien was not there."
            ]
        );
    }

    #[test]
    fn decimals_and_numbers() {
        assert_eq!(
            split("Trade grew 2.5 percent to $4.75 billion. Exports rose by 3. The yen fell."),
            vec![
                "Trade grew 2.5 percent to $4.75 billion.",
                "Exports rose by 3.",
                "The yen fell."
            ]
        );
    }

    #[test]
    fn ellipses() {
        let t = "\"We will fight ... Iran must know that,\" he said. China stayed silent... \
                 Its envoy spoke once. Russia hesitated… The deal died. Moscow . . . Tehran.";
        assert_eq!(
            split(t),
            vec![
                "\"We will fight ... Iran must know that,\" he said.",
                "China stayed silent...",
                "Its envoy spoke once.",
                "Russia hesitated…",
                "The deal died.",
                "Moscow . . . Tehran."
            ]
        );
    }

    #[test]
    fn quotes_after_the_full_stop() {
        let t = "He said: \"We do not trust Washington.\" He left. 'It is over.' They agreed. \
                 \"Is it?\" he asked. «Non.» Paris objected.";
        assert_eq!(
            split(t),
            vec![
                "He said: \"We do not trust Washington.\"",
                "He left.",
                "'It is over.'",
                "They agreed.",
                "\"Is it?\" he asked.",
                "«Non.»",
                "Paris objected."
            ]
        );
    }

    #[test]
    fn headlines_list_items_and_capitals() {
        let t = "Russia, Iran Sign Pact Amid U.S. Pressure\n\
                 MOSCOW, March 3 (Reuters) - The two countries signed a treaty. It runs 20 years.\n\
                 1. The first clause covers trade.\n\
                 2. The second covers defence.\n\
                 MR. GROMYKO MET GEN. ZAITSEV AT NO. 10. THE U.S. EMBASSY WAS INFORMED.";
        assert_eq!(
            split(t),
            vec![
                "Russia, Iran Sign Pact Amid U.S. Pressure",
                "MOSCOW, March 3 (Reuters) - The two countries signed a treaty.",
                "It runs 20 years.",
                "1. The first clause covers trade.",
                "2. The second covers defence.",
                "MR. GROMYKO MET GEN. ZAITSEV AT NO. 10.",
                "THE U.S. EMBASSY WAS INFORMED."
            ]
        );
    }

    /// After the readers re-join a wrapped paragraph, its old line breaks are spaces: the
    /// sentences are whole.
    #[test]
    fn rejoined_wire_copy_gives_whole_sentences() {
        let wrapped = "Soviets and Iran Sign Pact\n\
                       \x20  MOSCOW, March 3 (AP) _ The Soviet Union and Iran signed an accord on\n\
                       economic cooperation on Tuesday after three days of talks with\n\
                       President Ali Khamenei, the official Tass news agency reported. The\n\
                       U.S. Embassy had no comment.\n";
        let a = crate::ingest::from_text(std::path::Path::new("w.txt"), wrapped);
        assert_eq!(
            split(&a.text),
            vec![
                "Soviets and Iran Sign Pact",
                "MOSCOW, March 3 (AP) _ The Soviet Union and Iran signed an accord on economic \
                 cooperation on Tuesday after three days of talks with President Ali Khamenei, \
                 the official Tass news agency reported.",
                "The U.S. Embassy had no comment."
            ]
        );
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
            "…",
            "a…",
            "x… Y",
            "No.",
            "Inc. ",
            "1.",
            "\u{2026}\u{2026}. The",
            "\u{e2}",
        ] {
            let _ = split_sentences(t);
        }
        assert_eq!(
            split("Über alles. Ärger folgt."),
            vec!["Über alles.", "Ärger folgt."]
        );
    }
}

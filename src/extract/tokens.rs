//! Tokenizer: UD English (EWT/GUM) words with absolute byte spans.
//!
//! - white space separates; punctuation is split off (runs of one mark such as `...`, `--`,
//!   `!!` stay one word);
//! - clitics are split as the treebanks do: "don't" -> "do" "n't", "can't" -> "ca" "n't",
//!   "won't" -> "wo" "n't", "Russia's" -> "Russia" "'s" ('re 've 'll 'm 'd), "cannot" ->
//!   "can" "not", "gonna" -> "gon" "na"; the curly apostrophe ’ works like `'`;
//! - abbreviations keep their period (U.S., Mr., Jan., e.g., initials);
//! - numbers keep inner `,` `.` `:` `/` (1,000.5; 10:30; 3/4);
//! - hyphens split ("Russian-backed" -> Russian - backed) except after the prefixes the
//!   treebanks keep whole (anti-, pro-, non-, co-, re-, pre-, post-, mid-, e- ...);
//! - URLs and e-mail addresses stay whole.
//!
//! Works on `char`s and byte offsets from `char_indices`, so it never splits inside a UTF-8
//! sequence and never panics (a span outside the text or off a char boundary is clamped).

use crate::text::Span;

/// Abbreviations that keep their period (compared case-sensitively, without the period).
const ABBREVIATIONS: &[&str] = &[
    "Mr", "Mrs", "Ms", "Dr", "Prof", "Gen", "Lt", "Col", "Maj", "Capt", "Adm", "Sgt", "Cpl", "Gov",
    "Sen", "Rep", "Rev", "Hon", "Pres", "Amb", "Sr", "Jr", "St", "Mt", "Ft", "No", "Nos", "Inc",
    "Co", "Corp", "Ltd", "Bros", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept",
    "Oct", "Nov", "Dec", "Mon", "Tue", "Tues", "Wed", "Thu", "Thurs", "Fri", "Sat", "Sun", "vs",
    "etc", "al", "approx", "est", "Fig", "fig", "Sec", "Vol", "vol", "pp", "cf", "Ave", "Blvd",
    "Rd", "Dept", "Univ", "Msgr", "Fr", "Ph", "Mass", "Calif", "Ariz", "Conn", "Fla", "Ill",
    "Mich", "Minn", "Penn", "Tenn", "Tex", "Va", "Wash", "Wis", "Sept", "ca",
];

/// Prefixes after which UD English keeps a hyphenated word whole (lower case).
const KEEP_PREFIXES: &[&str] = &[
    "non", "anti", "pro", "co", "re", "pre", "mid", "post", "e", "ex", "cross", "multi", "counter",
    "semi", "mini", "socio", "psycho", "over", "intra", "ultra",
];

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || ('\u{300}'..='\u{36f}').contains(&c)
}

fn is_apos(c: char) -> bool {
    c == '\'' || c == '’'
}

/// Word spans (absolute byte offsets into `text`) inside `span`.
pub fn tokenize(text: &str, span: Span) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = span.start.min(text.len());
    let mut end = span.end.min(text.len()).max(start);
    while !text.is_char_boundary(start) {
        start += 1;
    }
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    if end <= start {
        return out;
    }
    let sub = &text[start..end];
    let mut chunk_start: Option<usize> = None;
    for (i, c) in sub.char_indices() {
        if c.is_whitespace() || c == '\u{200b}' || c == '\u{feff}' {
            if let Some(s) = chunk_start.take() {
                chunk(text, start + s, start + i, &mut out);
            }
        } else if chunk_start.is_none() {
            chunk_start = Some(i);
        }
    }
    if let Some(s) = chunk_start {
        chunk(text, start + s, end, &mut out);
    }
    out
}

fn is_url(w: &str) -> bool {
    let l = w.trim_start_matches(|c: char| !c.is_alphanumeric());
    l.contains("://")
        || l.starts_with("www.")
        || (l.contains('@')
            && l.split('@').nth(1).is_some_and(|d| {
                d.contains('.') && d.chars().next().is_some_and(|c| c.is_alphanumeric())
            }))
}

/// Split one white-space-free chunk `text[a..b]`.
fn chunk(text: &str, a: usize, b: usize, out: &mut Vec<Span>) {
    let w = &text[a..b];
    if is_url(w) {
        // leading/trailing punctuation off, the rest whole
        let lead = w.len() - w.trim_start_matches(|c: char| !c.is_alphanumeric()).len();
        let core_end = w
            .trim_end_matches(|c: char| !(c.is_alphanumeric() || c == '/'))
            .len();
        if lead > 0 {
            punct_run(text, a, a + lead, out);
        }
        if core_end > lead {
            out.push(Span::new(a + lead, a + core_end));
        }
        if core_end < w.len() && core_end >= lead {
            punct_run(text, a + core_end.max(lead), b, out);
        }
        return;
    }
    let chars: Vec<(usize, char)> = w.char_indices().map(|(i, c)| (a + i, c)).collect();
    let n = chars.len();
    let pos = |k: usize| if k < n { chars[k].0 } else { b };
    let ch = |k: usize| chars.get(k).map(|x| x.1);
    let mut k = 0;
    while k < n {
        let c = chars[k].1;
        if is_word_char(c) {
            // a word: alphanumerics with inner joiners
            let ws = k;
            let mut j = k + 1;
            loop {
                match ch(j) {
                    Some(c) if is_word_char(c) || c == '_' => j += 1,
                    Some(c) => {
                        let prev = chars[j - 1].1;
                        let next = ch(j + 1);
                        let next_word = next.is_some_and(is_word_char);
                        let join = match c {
                            '.' => next_word && prev.is_alphanumeric(),
                            ',' | ':' | '/' => {
                                prev.is_ascii_digit() && next.is_some_and(|n| n.is_ascii_digit())
                            }
                            '-' | '\u{2010}' | '\u{2011}' => {
                                let so_far = &text[pos(ws)..pos(j)];
                                next.is_some_and(|n| n.is_alphabetic())
                                    && KEEP_PREFIXES.iter().any(|p| p.eq_ignore_ascii_case(so_far))
                            }
                            '&' => prev.is_uppercase() && next.is_some_and(|n| n.is_uppercase()),
                            '\'' | '’' => next_word,
                            _ => false,
                        };
                        if join {
                            j += 1;
                        } else {
                            break;
                        }
                    }
                    None => break,
                }
            }
            // an abbreviation's period
            if ch(j) == Some('.') && ch(j + 1) != Some('.') {
                let wtxt = &text[pos(ws)..pos(j)];
                let single = wtxt.chars().count() == 1 && wtxt.chars().all(|c| c.is_alphabetic());
                let dotted = wtxt.contains('.') && wtxt.chars().any(|c| c.is_alphabetic());
                if single || dotted || ABBREVIATIONS.contains(&wtxt) {
                    j += 1;
                }
            }
            word(text, pos(ws), pos(j), out);
            k = j;
        } else if is_apos(c) {
            // a clitic written apart ("Jones 's"), or a quote mark
            let rest = &text[pos(k)..b];
            let clit = clitic_len(rest);
            if clit > 0 && k + clit_chars(rest, clit) == n {
                out.push(Span::new(pos(k), b));
                return;
            }
            let mut j = k + 1;
            while ch(j) == Some(c) {
                j += 1;
            }
            out.push(Span::new(pos(k), pos(j)));
            k = j;
        } else {
            // punctuation: a run of the same mark is one word
            let mut j = k + 1;
            if matches!(
                c,
                '.' | '-' | '!' | '?' | '*' | '=' | '_' | '~' | '#' | '`' | '—'
            ) {
                while ch(j) == Some(c) {
                    j += 1;
                }
            }
            out.push(Span::new(pos(k), pos(j)));
            k = j;
        }
    }
}

fn punct_run(text: &str, a: usize, b: usize, out: &mut Vec<Span>) {
    let mut prev: Option<(usize, char)> = None;
    for (i, c) in text[a..b].char_indices() {
        let i = a + i;
        match prev {
            Some((_, p)) if p == c && matches!(c, '.' | '-' | '!' | '?') => {}
            _ => {
                if let Some((s, _)) = prev {
                    out.push(Span::new(s, i));
                }
                prev = Some((i, c));
            }
        }
    }
    if let Some((s, _)) = prev {
        out.push(Span::new(s, b));
    }
}

/// Length in bytes of a clitic at the start of `s` ("'s", "’ll" ...), 0 when none.
fn clitic_len(s: &str) -> usize {
    let mut it = s.char_indices();
    match it.next() {
        Some((_, c)) if is_apos(c) => {}
        _ => return 0,
    }
    let alen = s.chars().next().map_or(1, |c| c.len_utf8());
    let rest = &s[alen..];
    for cl in ["s", "re", "ve", "ll", "m", "d"] {
        if rest.len() == cl.len() && rest.eq_ignore_ascii_case(cl) {
            return alen + cl.len();
        }
    }
    0
}

fn clit_chars(s: &str, bytes: usize) -> usize {
    s[..bytes.min(s.len())].chars().count()
}

/// Emit a word, split into its clitics.
fn word(text: &str, a: usize, b: usize, out: &mut Vec<Span>) {
    let w = &text[a..b];
    let lower = w.to_ascii_lowercase();
    // joined forms
    for (whole, cut) in [("cannot", 3), ("gonna", 3), ("wanna", 3), ("gotta", 3)] {
        if lower == whole {
            out.push(Span::new(a, a + cut));
            out.push(Span::new(a + cut, b));
            return;
        }
    }
    // the last apostrophe: n't or 's 're 've 'll 'm 'd
    if let Some((ai, ac)) = w.char_indices().rev().find(|&(_, c)| is_apos(c)) {
        let after = &w[ai + ac.len_utf8()..];
        if ai >= 1 && after.eq_ignore_ascii_case("t") && w[..ai].to_ascii_lowercase().ends_with('n')
        {
            let n_at = ai - 1; // the 'n' (ASCII, one byte)
            if n_at > 0 {
                word(text, a, a + n_at, out);
                out.push(Span::new(a + n_at, b));
                return;
            }
        }
        if ai > 0 && clitic_len(&w[ai..]) == w.len() - ai {
            word(text, a, a + ai, out);
            out.push(Span::new(a + ai, b));
            return;
        }
    }
    out.push(Span::new(a, b));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &str) -> Vec<&str> {
        tokenize(s, Span::new(0, s.len()))
            .into_iter()
            .map(|sp| &s[sp.start..sp.end])
            .collect()
    }

    #[test]
    fn punctuation_and_clitics() {
        assert_eq!(
            toks("The U.S. didn't impose sanctions on Russia's bank, Mr. Smith said."),
            [
                "The",
                "U.S.",
                "did",
                "n't",
                "impose",
                "sanctions",
                "on",
                "Russia",
                "'s",
                "bank",
                ",",
                "Mr.",
                "Smith",
                "said",
                "."
            ]
        );
        assert_eq!(toks("I cannot go"), ["I", "can", "not", "go"]);
        assert_eq!(
            toks("We won't, can't"),
            ["We", "wo", "n't", ",", "ca", "n't"]
        );
        assert_eq!(
            toks("They're here, we've gone, I'm ok, she'd, he'll"),
            [
                "They", "'re", "here", ",", "we", "'ve", "gone", ",", "I", "'m", "ok", ",", "she",
                "'d", ",", "he", "'ll"
            ]
        );
    }

    #[test]
    fn curly_quotes() {
        assert_eq!(
            toks("“Russia’s allies don’t agree,” he said."),
            [
                "“", "Russia", "’s", "allies", "do", "n’t", "agree", ",", "”", "he", "said", "."
            ]
        );
        assert_eq!(toks("‘quoted’"), ["‘", "quoted", "’"]);
    }

    #[test]
    fn numbers_abbreviations_hyphens() {
        assert_eq!(
            toks("$1,000.50 on Jan. 5, 10:30 (3/4) 5%"),
            [
                "$", "1,000.50", "on", "Jan.", "5", ",", "10:30", "(", "3/4", ")", "5", "%"
            ]
        );
        assert_eq!(
            toks("pro-Russian and Russian-backed anti-government self-styled"),
            [
                "pro-Russian",
                "and",
                "Russian",
                "-",
                "backed",
                "anti-government",
                "self",
                "-",
                "styled"
            ]
        );
        assert_eq!(toks("Wait... what?!"), ["Wait", "...", "what", "?", "!"]);
        assert_eq!(
            toks("see www.example.com/a."),
            ["see", "www.example.com/a", "."]
        );
        assert_eq!(toks("Joseph R. Biden"), ["Joseph", "R.", "Biden"]);
        assert_eq!(
            toks("the countries' leaders"),
            ["the", "countries", "'", "leaders"]
        );
    }

    #[test]
    fn spans_are_absolute_and_clamped() {
        let t = "xx Russia attacked. yy";
        let s = tokenize(t, Span::new(3, 19));
        assert_eq!(
            s,
            vec![Span::new(3, 9), Span::new(10, 18), Span::new(18, 19)]
        );
        assert!(tokenize("é", Span::new(1, 99)).is_empty());
        assert!(tokenize("abc", Span::new(5, 2)).is_empty());
    }

    proptest::proptest! {
        #[test]
        fn never_panics_and_spans_are_ordered(s in "\\PC*", a in 0usize..64, b in 0usize..64) {
            let sp = tokenize(&s, Span::new(a, b));
            let mut last = 0;
            for w in &sp {
                proptest::prop_assert!(w.start < w.end && w.start >= last && w.end <= s.len());
                proptest::prop_assert!(s.is_char_boundary(w.start) && s.is_char_boundary(w.end));
                proptest::prop_assert!(!s[w.start..w.end].chars().any(char::is_whitespace));
                last = w.end;
            }
        }

        #[test]
        fn never_panics_on_punctuation_soup(s in "[a-zA-Z0-9 .,'’\\-:/&@$“”]{0,40}") {
            let sp = tokenize(&s, Span::new(0, s.len()));
            for w in &sp {
                proptest::prop_assert!(w.start < w.end && w.end <= s.len());
            }
        }
    }
}

//! Re-joining hard-wrapped lines into paragraphs. Every line break ends a sentence for the
//! sentence splitter, so a sentence wrapped over two lines must become one line again.

/// How hard to re-join.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wrap {
    /// Plain text: only a line that ends without sentence punctuation followed by a line
    /// starting in lower case is joined; a line-final hyphen is kept (`well-` + `known`).
    Text,
    /// PDF text: as `Text`, and hyphenation is undone (`coop-` + `eration`), page-number lines
    /// are dropped, and a full-width line continues into the next whatever its case.
    Pdf,
}

fn ends_sentence(line: &str) -> bool {
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

/// Re-join wrapped lines; paragraphs (blank-line separated) stay separate.
pub fn rejoin(text: &str, mode: Wrap) -> String {
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim_end)
        .filter(|l| !(mode == Wrap::Pdf && is_page_number(l)))
        .collect();
    // The typical full line width (90th percentile of non-empty line lengths).
    let mut widths: Vec<usize> = lines
        .iter()
        .map(|l| l.chars().count())
        .filter(|&n| n > 0)
        .collect();
    widths.sort_unstable();
    let full = widths
        .get(widths.len().saturating_sub(1) * 9 / 10)
        .copied()
        .unwrap_or(0);
    let mut out = String::with_capacity(text.len());
    let mut prev: Option<&str> = None;
    for line in lines {
        let Some(p) = prev else {
            out.push_str(line.trim_start());
            prev = Some(line);
            continue;
        };
        let cur = line.trim_start();
        if p.trim().is_empty() || cur.is_empty() {
            out.push('\n');
            out.push_str(cur);
            prev = Some(line);
            continue;
        }
        // A word broken at a hyphen: a letter or digit right before it (not a lone dash).
        let hyphen = p.ends_with('-')
            && p[..p.len() - 1]
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric)
            && starts_lower(cur);
        if hyphen {
            // The word broken at the hyphen: `coop-` of `... coop-`.
            let word: String = p
                .trim_end_matches('-')
                .chars()
                .rev()
                .take_while(|c| c.is_alphabetic())
                .collect();
            let capitalised = word.chars().last().is_some_and(char::is_uppercase);
            if mode == Wrap::Pdf && !word.is_empty() && !capitalised {
                out.pop(); // the hyphen
            }
            out.push_str(cur);
        } else if !ends_sentence(p) && starts_lower(cur) {
            out.push(' ');
            out.push_str(cur);
        } else if mode == Wrap::Pdf
            && full >= 30
            && p.chars().count() * 10 >= full * 8
            && !p.trim_end().ends_with(['-', '—', '–'])
        {
            // A full-width line is wrapped, not a paragraph's end.
            out.push(' ');
            out.push_str(cur);
        } else {
            out.push('\n');
            out.push_str(cur);
        }
        prev = Some(line);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_joins_only_lower_case_continuations() {
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
}

//! Article dates: parsing the usual written and machine forms into ISO `YYYY-MM-DD`, and
//! finding a dateline near the top of an article's text.

/// How many leading non-empty lines of a text are searched for a date line.
const DATELINE_LINES: usize = 15;

/// A date from a machine or written form: `2024-03-03`, `2024-03-03T12:00:00Z`,
/// `D:20240303120000` (PDF), `20240303`, `March 3, 2024`, `Mar. 3 2024`, `3 March 2024`,
/// `16 Nov 2024`, `03/03/2024` is NOT accepted (ambiguous). The date must start the string
/// (after spaces); trailing text is ignored.
pub fn parse_date(s: &str) -> Option<String> {
    let s = s.trim();
    let s = s.strip_prefix("D:").unwrap_or(s);
    iso_date(s).or_else(|| written_date(s).map(|(d, _)| d))
}

fn ymd(y: u32, m: u32, d: u32) -> Option<String> {
    let leap = (y.is_multiple_of(4) && !y.is_multiple_of(100)) || y.is_multiple_of(400);
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    ((1800..=2200).contains(&y) && (1..=days).contains(&d)).then(|| format!("{y:04}-{m:02}-{d:02}"))
}

fn digits(s: &str, n: usize) -> Option<u32> {
    let part = s.get(..n)?;
    part.bytes()
        .all(|b| b.is_ascii_digit())
        .then(|| part.parse().ok())
        .flatten()
}

/// `2024-03-03...`, `2024/03/03`, `20240303...`.
fn iso_date(s: &str) -> Option<String> {
    let y = digits(s, 4)?;
    let rest = &s[4..];
    if let Some(sep) = rest.chars().next()
        && (sep == '-' || sep == '/' || sep == '.')
    {
        let rest = &rest[1..];
        let m = digits(rest, 2).or_else(|| digits(rest, 1))?;
        let mlen = if digits(rest, 2).is_some() { 2 } else { 1 };
        let rest = rest.get(mlen..)?;
        let rest = rest.strip_prefix(sep)?;
        let d = digits(rest, 2).or_else(|| digits(rest, 1))?;
        let dlen = if digits(rest, 2).is_some() { 2 } else { 1 };
        if rest[dlen..].starts_with(|c: char| c.is_ascii_digit()) {
            return None;
        }
        return ymd(y, m, d);
    }
    let m = digits(rest, 2)?;
    let d = digits(&rest[2..], 2)?;
    ymd(y, m, d)
}

fn month(word: &str) -> Option<u32> {
    let w = word.trim_end_matches('.').to_ascii_lowercase();
    if w.len() < 3 {
        return None;
    }
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    MONTHS
        .iter()
        .position(|m| {
            *m == w || (w.len() >= 3 && m.starts_with(&w) && (w.len() == 3 || w == "sept"))
        })
        .map(|i| i as u32 + 1)
}

fn day(word: &str) -> Option<u32> {
    let w = word.trim_end_matches(',');
    let w = w
        .strip_suffix("st")
        .or_else(|| w.strip_suffix("nd"))
        .or_else(|| w.strip_suffix("rd"))
        .or_else(|| w.strip_suffix("th"))
        .unwrap_or(w);
    (1..=2).contains(&w.len()).then(|| w.parse().ok()).flatten()
}

fn year(word: &str) -> Option<u32> {
    let w = word.trim_end_matches([',', '.', ';', ':', ')']);
    (w.len() == 4).then(|| w.parse().ok()).flatten()
}

/// A written date at the start of `s`: `March 3, 2024`, `3 March 2024`, `Sunday, 16 Nov 2024`.
/// Returns the date and the number of words it used.
fn written_date(s: &str) -> Option<(String, usize)> {
    let words: Vec<&str> = s
        .split(|c: char| c.is_whitespace())
        .filter(|w| !w.is_empty())
        .take(5)
        .collect();
    let mut skip = 0;
    // An optional weekday: "Sunday," / "Sun,".
    if let Some(w) = words.first() {
        let w = w.trim_end_matches(',').to_ascii_lowercase();
        const DAYS: [&str; 7] = [
            "monday",
            "tuesday",
            "wednesday",
            "thursday",
            "friday",
            "saturday",
            "sunday",
        ];
        if DAYS
            .iter()
            .any(|d| *d == w || (w.len() == 3 && d.starts_with(&w)))
        {
            skip = 1;
        }
    }
    let w = &words[skip.min(words.len())..];
    if w.len() >= 3 {
        // Month day, year
        if let (Some(m), Some(d), Some(y)) = (month(w[0]), day(w[1]), year(w[2])) {
            return ymd(y, m, d).map(|x| (x, skip + 3));
        }
        // day Month year
        if let (Some(d), Some(m), Some(y)) =
            (day(w[0]), month(w[1].trim_end_matches(',')), year(w[2]))
        {
            return ymd(y, m, d).map(|x| (x, skip + 3));
        }
    }
    None
}

/// A date written anywhere in a short line: the first position where [`written_date`] or
/// [`iso_date`] succeeds at a word start.
fn date_in(line: &str) -> Option<(usize, String)> {
    let mut prev_alnum = false;
    for (i, c) in line.char_indices() {
        let alnum = c.is_alphanumeric();
        if alnum && !prev_alnum {
            let rest = &line[i..];
            if let Some((d, _)) = written_date(rest) {
                return Some((i, d));
            }
            if c.is_ascii_digit()
                && let Some(d) = iso_date(rest)
            {
                return Some((i, d));
            }
        }
        prev_alnum = alnum;
    }
    None
}

/// A date line near the top of an article: a line that is (mostly) a date, such as
/// `16 Nov 2024` or `Published: March 3, 2024 10:15 GMT`, or a dateline such as
/// `WASHINGTON, March 3, 2024 — The ...`.
pub fn find_dateline(text: &str) -> Option<String> {
    for line in text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .take(DATELINE_LINES)
    {
        let head: &str = match line.char_indices().nth(200) {
            Some((i, _)) => &line[..i],
            None => line,
        };
        let Some((at, date)) = date_in(head) else {
            continue;
        };
        let short = line.chars().count() <= 80;
        let before = &line[..at];
        // Outside parentheses: "MOSCOW (Reuters)" is a place and an agency.
        let mut depth = 0i32;
        let outside: String = before
            .chars()
            .filter(|&c| {
                match c {
                    '(' => depth += 1,
                    ')' => depth -= 1,
                    _ => return depth <= 0,
                }
                false
            })
            .collect();
        let place_before = outside.chars().any(char::is_alphabetic)
            && outside
                .chars()
                .filter(|c| c.is_alphabetic())
                .all(char::is_uppercase);
        let dash_after = line[at..]
            .chars()
            .take(40)
            .any(|c| matches!(c, '—' | '–' | '-'));
        const LABELS: [&str; 13] = [
            "published",
            "updated",
            "posted",
            "on",
            "date",
            "dated",
            "last",
            "modified",
            "first",
            "issued",
            "released",
            "created",
            "at",
        ];
        let labelled = outside.trim().is_empty()
            || outside
                .trim_end()
                .ends_with([':', '|', '·', '•', '/', ',', '—', '–', '-'])
            || outside
                .split(|c: char| !c.is_alphabetic())
                .filter(|w| !w.is_empty())
                .all(|w| LABELS.contains(&w.to_lowercase().as_str()));
        if (short && labelled) || (place_before && dash_after) {
            return Some(date);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn machine_forms() {
        assert_eq!(
            parse_date("2024-03-03T12:00:00Z").as_deref(),
            Some("2024-03-03")
        );
        assert_eq!(
            parse_date("D:20241116093000+01'00'").as_deref(),
            Some("2024-11-16")
        );
        assert_eq!(parse_date("2024/3/7").as_deref(), Some("2024-03-07"));
        assert_eq!(parse_date("2024-02-30"), None);
        assert_eq!(parse_date("12345"), None);
        assert_eq!(parse_date(""), None);
    }

    #[test]
    fn written_forms() {
        assert_eq!(parse_date("March 3, 2024").as_deref(), Some("2024-03-03"));
        assert_eq!(parse_date("16 Nov 2024").as_deref(), Some("2024-11-16"));
        assert_eq!(parse_date("Sept. 21, 2023").as_deref(), Some("2023-09-21"));
        assert_eq!(
            parse_date("Sunday, 1st December 2024").as_deref(),
            Some("2024-12-01")
        );
        assert_eq!(parse_date("May be 2024"), None);
    }

    #[test]
    fn datelines() {
        let t = "Talks resume\n\nWASHINGTON, March 3, 2024 — The United States and Iran ...";
        assert_eq!(find_dateline(t).as_deref(), Some("2024-03-03"));
        let t = "Russia and Iran sign a pact\n16 Nov 2024\n\nMoscow and Tehran agreed ...";
        assert_eq!(find_dateline(t).as_deref(), Some("2024-11-16"));
        let t = "Title\nPublished: 2024-05-01 10:00 GMT\nBody";
        assert_eq!(find_dateline(t).as_deref(), Some("2024-05-01"));
        // A date inside a long body sentence is not the article's date.
        let t = "Title\n\nThe treaty, first signed on March 3, 1990 by the two governments after \
                 long and difficult negotiations in Geneva, expired last year.";
        assert_eq!(find_dateline(t), None);
        // Non-ASCII text does not trip the scanner.
        assert_eq!(find_dateline("«Привет» — 16 ноября 2024\nТекст"), None);
        // A title that mentions a date is not a date line.
        assert_eq!(
            find_dateline("Iran deal of July 14, 2015 collapses\nBody."),
            None
        );
        let t = "MOSCOW (Reuters) Nov 16, 2024 - Russia said ...";
        assert_eq!(find_dateline(t).as_deref(), Some("2024-11-16"));
    }
}

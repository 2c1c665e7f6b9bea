//! The outlet that published an article: a wire agency in a dateline
//! (`MOSCOW (Reuters) - ...`), or a site's name from its metadata (see `html.rs`).

/// How many leading non-empty lines are searched for a wire dateline.
const DATELINE_LINES: usize = 8;

/// The agency of a dateline such as `MOSCOW (Reuters) -` or `PARIS, March 3 (AFP) —`: the
/// text in parentheses after an upper-case place, followed by a dash.
pub fn wire_outlet(text: &str) -> Option<String> {
    for line in text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .take(DATELINE_LINES)
    {
        let Some(open) = line.find('(') else {
            continue;
        };
        let place = &line[..open];
        let place_letters = place.chars().take_while(|c| *c != ',');
        let mut any = false;
        let upper = place_letters
            .filter(|c| c.is_alphabetic())
            .inspect(|_| any = true)
            .all(char::is_uppercase);
        if !(any && upper) || place.chars().count() > 60 {
            continue;
        }
        let rest = &line[open + 1..];
        let Some(close) = rest.find(')') else {
            continue;
        };
        let name = rest[..close].trim();
        let after = rest[close + 1..].trim_start();
        let dashed = after.starts_with(['-', '–', '—']);
        let plausible = (2..=40).contains(&name.chars().count())
            && name.chars().next().is_some_and(char::is_alphabetic)
            && name
                .chars()
                .all(|c| c.is_alphanumeric() || matches!(c, ' ' | '.' | '&' | '-' | '\''));
        if dashed && plausible {
            return Some(name.to_owned());
        }
    }
    None
}

/// A site name from metadata, tidied: whitespace collapsed, URLs and handles refused or
/// stripped, at most 80 characters.
pub fn tidy_site_name(raw: &str) -> Option<String> {
    let s = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    let s = s.trim_start_matches('@');
    if s.is_empty() || s.contains("://") || s.chars().count() > 80 {
        return None;
    }
    Some(s.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_wire_agencies_in_datelines() {
        assert_eq!(
            wire_outlet("Headline\n\nMOSCOW (Reuters) - Russia said ...").as_deref(),
            Some("Reuters")
        );
        assert_eq!(
            wire_outlet("PARIS, March 3 (AFP) — France ...").as_deref(),
            Some("AFP")
        );
        // not a dateline: lower-case text before the parenthesis, no dash after it
        assert_eq!(wire_outlet("The talks (in Geneva) - went on."), None);
        assert_eq!(wire_outlet("GENEVA (the talks) went on."), None);
        assert_eq!(wire_outlet("no parentheses at all"), None);
        assert_eq!(wire_outlet("X (unclosed - "), None);
    }

    #[test]
    fn tidies_site_names() {
        assert_eq!(
            tidy_site_name("  The   Guardian ").as_deref(),
            Some("The Guardian")
        );
        assert_eq!(tidy_site_name("@Reuters").as_deref(), Some("Reuters"));
        assert_eq!(tidy_site_name("https://www.facebook.com/x"), None);
        assert_eq!(tidy_site_name("   "), None);
    }
}

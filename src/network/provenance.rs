//! Where an evidence sentence comes from: its article's title, date, outlet and path.

use std::fmt;

use super::{Evidence, Network};
use crate::date::Date;

/// The provenance of one evidence sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Provenance<'a> {
    pub title: &'a str,
    pub date: Option<Date>,
    pub outlet: Option<&'a str>,
    pub path: &'a str,
    /// Sentence index within the article.
    pub sentence: usize,
}

impl fmt::Display for Provenance<'_> {
    /// `Title · Outlet · 2024-03-03 · sentence 4` (unknown parts left out).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(if self.title.is_empty() {
            "?"
        } else {
            self.title
        })?;
        if let Some(o) = self.outlet {
            write!(f, " · {o}")?;
        }
        if let Some(d) = self.date {
            write!(f, " · {d}")?;
        }
        write!(f, " · sentence {}", self.sentence + 1)
    }
}

impl Network {
    /// Where an evidence sentence of this network comes from.
    pub fn provenance<'a>(&'a self, ev: &Evidence) -> Provenance<'a> {
        let meta = self.articles.get(ev.article);
        Provenance {
            title: meta.map_or("", |m| m.title.as_str()),
            date: ev.date.or(meta.and_then(|m| m.date)),
            outlet: meta.and_then(|m| m.outlet.as_deref()),
            path: meta.map_or("", |m| m.path.as_str()),
            sentence: ev.sentence,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::network::ArticleMeta;

    #[test]
    fn names_title_outlet_date_and_sentence() {
        let mut net = Network::new();
        net.articles.push(ArticleMeta {
            path: "a.html".into(),
            title: "Talks".into(),
            sentences: 9,
            date: Date::parse_iso("2024-03-03"),
            outlet: Some("Reuters".into()),
        });
        let ev = Evidence {
            article: 0,
            sentence: 3,
            text: String::new(),
            trigger: String::new(),
            category: String::new(),
            highlights: Vec::new(),
            date: Date::parse_iso("2024-03-03"),
        };
        let p = net.provenance(&ev);
        assert_eq!(p.path, "a.html");
        assert_eq!(p.to_string(), "Talks · Reuters · 2024-03-03 · sentence 4");
        // an evidence item whose article is unknown has no provenance to show, but no panic
        let stray = Evidence { article: 7, ..ev };
        assert_eq!(
            net.provenance(&stray).to_string(),
            "? · 2024-03-03 · sentence 4"
        );
    }
}

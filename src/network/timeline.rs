//! Relations over time: evidence sentences per week, month or year, by kind.

use std::collections::BTreeMap;

use super::{EdgeFilter, Network};
use crate::date::Date;

/// The length of a timeline's periods.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Granularity {
    Week,
    #[default]
    Month,
    Year,
}

impl Granularity {
    pub const ALL: [Granularity; 3] = [Self::Week, Self::Month, Self::Year];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Week => "week",
            Self::Month => "month",
            Self::Year => "year",
        }
    }

    /// The first day of the period holding `d` (weeks start on Monday).
    pub fn start(self, d: Date) -> Date {
        match self {
            Self::Week => {
                let days = d.days_since_epoch();
                // 1970-01-01 was a Thursday
                Date::from_days_since_epoch(days - (days + 3).rem_euclid(7)).unwrap_or(d)
            }
            Self::Month => Date::new(d.year(), d.month(), 1).unwrap_or(d),
            Self::Year => Date::new(d.year(), 1, 1).unwrap_or(d),
        }
    }
}

/// Evidence sentences per period and kind.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Timeline {
    /// Period start -> kind -> sentences.
    pub bins: BTreeMap<Date, BTreeMap<String, usize>>,
    /// Sentences from undated articles.
    pub undated: usize,
}

impl Timeline {
    /// The timeline of the relations the filter would show whatever its time window (so the
    /// window can be chosen on it): kinds switched on, not hidden, focus applied.
    pub fn new(
        net: &Network,
        filter: &EdgeFilter,
        hidden: &std::collections::BTreeSet<petgraph::stable_graph::EdgeIndex>,
        granularity: Granularity,
    ) -> Self {
        Self::new_for(net, filter, hidden, granularity, |_| true)
    }

    /// The timeline of one actor or one dyad: the relations the filter would show whatever
    /// its time window (as [`Timeline::new`]) that `keep` keeps.
    pub fn new_for(
        net: &Network,
        filter: &EdgeFilter,
        hidden: &std::collections::BTreeSet<petgraph::stable_graph::EdgeIndex>,
        granularity: Granularity,
        keep: impl Fn(petgraph::stable_graph::EdgeIndex) -> bool,
    ) -> Self {
        let open = EdgeFilter {
            window: Default::default(),
            min_evidence: 1,
            ..filter.clone()
        };
        let view = open.apply(net, hidden);
        Self::of_edges(net, view.shown_edges().filter(|&e| keep(e)), granularity)
    }

    fn of_edges(
        net: &Network,
        edges: impl Iterator<Item = petgraph::stable_graph::EdgeIndex>,
        granularity: Granularity,
    ) -> Self {
        let mut t = Timeline::default();
        for e in edges {
            let r = &net.graph[e];
            for ev in &r.evidence {
                match ev.date {
                    Some(d) => {
                        *t.bins
                            .entry(granularity.start(d))
                            .or_default()
                            .entry(r.kind.to_string())
                            .or_insert(0) += 1;
                    }
                    None => t.undated += 1,
                }
            }
        }
        t
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        Date::parse_iso(s).unwrap()
    }

    #[test]
    fn periods_start_on_monday_the_first_and_new_year() {
        // 2024-03-07 was a Thursday
        assert_eq!(Granularity::Week.start(d("2024-03-07")), d("2024-03-04"));
        assert_eq!(Granularity::Week.start(d("2024-03-04")), d("2024-03-04"));
        assert_eq!(Granularity::Week.start(d("2024-03-10")), d("2024-03-04"));
        assert_eq!(Granularity::Month.start(d("2024-03-07")), d("2024-03-01"));
        assert_eq!(Granularity::Year.start(d("2024-03-07")), d("2024-01-01"));
    }
}

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

    /// The first day of the period after the one holding `d` (`d` itself past year 9999).
    pub fn next_start(self, d: Date) -> Date {
        let s = self.start(d);
        let next = match self {
            Self::Week => s.add_days(7),
            Self::Month if s.month() == 12 => Date::new(s.year() + 1, 1, 1),
            Self::Month => Date::new(s.year(), s.month() + 1, 1),
            Self::Year => Date::new(s.year() + 1, 1, 1),
        };
        next.unwrap_or(d)
    }

    /// The last day of the period holding `d`.
    pub fn end(self, d: Date) -> Date {
        self.next_start(d)
            .add_days(-1)
            .filter(|&e| e >= d)
            .unwrap_or(d)
    }

    /// The time window `from..=to` moved on by one period, its width kept: `from` to the start
    /// of the next period, `to` as many days on (a window of whole periods stays whole
    /// periods: January becomes February).
    pub fn slide(self, from: Date, to: Date) -> (Date, Date) {
        let next = self.next_start(from);
        let to = if self.start(from) == from && self.end(to) == to {
            self.end(self.next_start(to))
        } else {
            to.add_days(next.days_since_epoch() - from.days_since_epoch())
                .unwrap_or(to)
        };
        (next, to)
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

    /// The dated range: the first day of the first period and the last day of the last one.
    pub fn range(&self, granularity: Granularity) -> Option<(Date, Date)> {
        let first = *self.bins.keys().next()?;
        let last = *self.bins.keys().next_back()?;
        Some((first, granularity.end(last)))
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

    #[test]
    fn periods_end_and_follow_each_other() {
        use Granularity::{Month, Week, Year};
        // "day next-period's-start period's-end"
        let check = |g: Granularity, case: &str| {
            let w: Vec<Date> = case.split(' ').map(d).collect();
            assert_eq!((g.next_start(w[0]), g.end(w[0])), (w[1], w[2]), "{case}");
        };
        check(Week, "2024-03-07 2024-03-11 2024-03-10");
        check(Month, "2024-12-07 2025-01-01 2024-12-31");
        check(Month, "2024-02-07 2024-03-01 2024-02-29");
        check(Year, "2024-03-07 2025-01-01 2024-12-31");
        // the calendar's last year has no next period
        check(Year, "9999-03-07 9999-03-07 9999-03-07");
    }

    #[test]
    fn a_window_slides_one_period_and_keeps_its_width() {
        use Granularity::{Month, Week};
        // "from to next-from next-to"
        let check = |g: Granularity, case: &str| {
            let w: Vec<Date> = case.split(' ').map(d).collect();
            assert_eq!(
                g.slide(w[0], w[1]),
                (w[2], w[3]),
                "{case} by {}",
                g.as_str()
            );
        };
        // whole months stay whole months
        check(Month, "2024-01-01 2024-01-31 2024-02-01 2024-02-29");
        check(Month, "2024-01-01 2024-02-29 2024-02-01 2024-03-31");
        // a brushed window: to the next month's start, the same number of days wide
        check(Month, "2024-03-02 2024-04-10 2024-04-01 2024-05-10");
        // only whole periods stay whole: the 15th to the month's end moves by 17 days
        check(Month, "2024-01-15 2024-01-31 2024-02-01 2024-02-17");
        check(Week, "2024-03-04 2024-03-10 2024-03-11 2024-03-17");
        check(Week, "2024-03-05 2024-03-05 2024-03-11 2024-03-11");
    }

    #[test]
    fn the_dated_range_spans_the_first_and_last_periods() {
        let mut t = Timeline::default();
        assert_eq!(t.range(Granularity::Month), None);
        t.bins.insert(d("2024-03-01"), BTreeMap::new());
        t.bins.insert(d("2024-01-01"), BTreeMap::new());
        assert_eq!(
            t.range(Granularity::Month),
            Some((d("2024-01-01"), d("2024-03-31")))
        );
    }
}

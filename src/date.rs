//! Calendar dates of articles and evidence: ordered, printed and parsed as ISO `YYYY-MM-DD`.

use std::fmt;

/// A day of the proleptic Gregorian calendar. Orders by time; prints and (de)serialises as
/// ISO `YYYY-MM-DD`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: i32,
    month: u8,
    day: u8,
}

fn days_in_month(year: i32, month: u8) -> u8 {
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => 0,
    }
}

impl Date {
    /// The date, if it exists (year 1..=9999).
    pub fn new(year: i32, month: u8, day: u8) -> Option<Date> {
        ((1..=9999).contains(&year) && day >= 1 && day <= days_in_month(year, month))
            .then_some(Date { year, month, day })
    }

    /// Parse exactly `YYYY-MM-DD` (what the readers of [`crate::ingest`] produce).
    pub fn parse_iso(s: &str) -> Option<Date> {
        let b = s.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let num = |r: std::ops::Range<usize>| -> Option<u32> {
            let part = s.get(r)?;
            part.bytes()
                .all(|c| c.is_ascii_digit())
                .then(|| part.parse().ok())?
        };
        Date::new(
            i32::try_from(num(0..4)?).ok()?,
            u8::try_from(num(5..7)?).ok()?,
            u8::try_from(num(8..10)?).ok()?,
        )
    }

    pub fn year(self) -> i32 {
        self.year
    }
    pub fn month(self) -> u8 {
        self.month
    }
    pub fn day(self) -> u8 {
        self.day
    }

    /// Days since 1970-01-01 (negative before).
    pub fn days_since_epoch(self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }
}

impl Date {
    /// The date `days` after 1970-01-01 (`None` outside years 1..=9999).
    pub fn from_days_since_epoch(days: i64) -> Option<Date> {
        // Howard Hinnant's civil_from_days.
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = doy - (153 * mp + 2) / 5 + 1;
        let m = if mp < 10 { mp + 3 } else { mp - 9 };
        let y = yoe + era * 400 + i64::from(m <= 2);
        Date::new(i32::try_from(y).ok()?, m as u8, d as u8)
    }

    /// The date `days` later (earlier when negative; `None` outside years 1..=9999).
    pub fn add_days(self, days: i64) -> Option<Date> {
        Date::from_days_since_epoch(self.days_since_epoch() + days)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl std::str::FromStr for Date {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Date::parse_iso(s.trim()).ok_or_else(|| format!("not a date (YYYY-MM-DD): {s:?}"))
    }
}

impl serde::Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for Date {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_prints_and_orders_iso_dates() {
        let d = Date::parse_iso("2024-02-29").unwrap();
        assert_eq!((d.year(), d.month(), d.day()), (2024, 2, 29));
        assert_eq!(d.to_string(), "2024-02-29");
        for bad in [
            "2023-02-29",
            "2024-13-01",
            "2024-00-10",
            "2024-1-01",
            "24-01-01",
            "2024-01-01T",
            "0000-01-01",
            "２０２４-01-01",
        ] {
            assert_eq!(Date::parse_iso(bad), None, "{bad}");
        }
        assert!(Date::parse_iso("1999-12-31") < Date::parse_iso("2000-01-01"));
        assert!("junk".parse::<Date>().unwrap_err().contains("junk"));
    }

    #[test]
    fn days_since_epoch_counts_days() {
        let d = |s| Date::parse_iso(s).unwrap().days_since_epoch();
        assert_eq!(d("1970-01-01"), 0);
        assert_eq!(d("1970-01-02"), 1);
        assert_eq!(d("1969-12-31"), -1);
        assert_eq!(d("2000-03-01") - d("2000-02-28"), 2);
        assert_eq!(d("2024-01-01"), 19_723);
        for s in [
            "1970-01-01",
            "1969-12-31",
            "2000-02-29",
            "2024-12-31",
            "0001-01-01",
        ] {
            let date = Date::parse_iso(s).unwrap();
            assert_eq!(
                Date::from_days_since_epoch(date.days_since_epoch()),
                Some(date)
            );
        }
        assert_eq!(Date::from_days_since_epoch(i64::MAX / 4), None);
    }

    #[test]
    fn serialises_as_a_string() {
        let d = Date::new(2025, 1, 17).unwrap();
        let json = serde_json::to_string(&d).unwrap();
        assert_eq!(json, "\"2025-01-17\"");
        assert_eq!(serde_json::from_str::<Date>(&json).unwrap(), d);
        assert!(serde_json::from_str::<Date>("\"2025-02-30\"").is_err());
    }
}

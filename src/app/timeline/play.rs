//! Playing the time window: Play slides the filter's window (its width kept) forward through
//! the dated range, one period of the timeline per step, at the speed the user picks, and stops
//! at the end. The graph, the chart and the exports follow the window as they do for brushing.

use crate::date::Date;
use crate::network::Granularity;

use crate::app::DyadApp;

/// The speeds offered: seconds per step of one period.
const SPEEDS: [(f64, &str); 4] = [(0.25, "¼ s"), (0.5, "½ s"), (1.0, "1 s"), (2.0, "2 s")];

/// The playback's state.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Player {
    playing: bool,
    /// Seconds per step (one period).
    seconds: f64,
    /// When (egui's clock, seconds) the window last moved, or playing started.
    last_step: f64,
}

impl Default for Player {
    fn default() -> Self {
        Player {
            playing: false,
            seconds: 0.5,
            last_step: 0.0,
        }
    }
}

impl Player {
    pub(crate) fn is_playing(&self) -> bool {
        self.playing
    }

    pub(crate) fn pause(&mut self) {
        self.playing = false;
    }
}

/// Where playing starts: the window as it is when it is bounded, inside the dated range
/// `first..=end` and short of its end; the same width from the range's first day when it is
/// past the end or before the start (play again from the start); the first period when it is
/// open at either end.
fn start_window(
    from: Option<Date>,
    to: Option<Date>,
    (first, end): (Date, Date),
    g: Granularity,
) -> (Date, Date) {
    match (from, to) {
        (Some(f), Some(t)) if f <= t && t < end && t >= first => (f, t),
        (Some(f), Some(t)) if f <= t => (first, rewound_end(f, t, first, g).min(end)),
        _ => (first, g.end(first)),
    }
}

/// The last day of the window `from..=to` moved back to start on `first` (a period's first
/// day): as many whole periods when it is whole periods, else as many days.
fn rewound_end(from: Date, to: Date, first: Date, g: Granularity) -> Date {
    if g.start(from) != from || g.end(to) != to {
        let width = to.days_since_epoch() - from.days_since_epoch();
        return first.add_days(width).unwrap_or(to);
    }
    let (mut s, mut t) = (from, g.end(first));
    loop {
        let next = g.next_start(s);
        if next <= s || next > to {
            return t;
        }
        s = next;
        t = g.end(g.next_start(t));
    }
}

/// The window after one step, `None` when playing is over: the window already reaches the
/// range's last day `end`, or cannot move on.
fn next_window(from: Date, to: Date, end: Date, g: Granularity) -> Option<(Date, Date)> {
    if to >= end {
        return None;
    }
    let (f, t) = g.slide(from, to);
    (f > from).then_some((f, t))
}

/// The Play/Pause button and the speed under the timeline, over the dated range `range` of
/// periods `g`; moves the window when a step is due.
pub(super) fn controls(app: &mut DyadApp, ui: &mut egui::Ui, range: (Date, Date), g: Granularity) {
    let now = ui.input(|i| i.time);
    ui.horizontal(|ui| {
        let playing = app.timeline.player.playing;
        let button = ui
            .button(if playing { "Pause" } else { "Play" })
            .on_hover_text("Slide the time window through the dated range, one period a step");
        if button.clicked() {
            if playing {
                app.timeline.player.pause();
            } else {
                let w = app.doc.filter.window;
                let (from, to) = start_window(w.from, w.to, range, g);
                app.set_time_window(Some(from), Some(to));
                let p = &mut app.timeline.player;
                p.playing = true;
                p.last_step = now;
            }
        }
        ui.label(format!("one {} every", g.as_str()));
        for (seconds, name) in SPEEDS {
            ui.selectable_value(&mut app.timeline.player.seconds, seconds, name);
        }
    });
    advance(app, ui.ctx(), now, range.1, g);
}

/// One step when it is due (at most one a frame); asks for the frame of the next one.
fn advance(app: &mut DyadApp, ctx: &egui::Context, now: f64, end: Date, g: Granularity) {
    let p = &app.timeline.player;
    if !p.playing {
        return;
    }
    let due = p.last_step + p.seconds;
    if now < due {
        ctx.request_repaint_after(std::time::Duration::from_secs_f64(due - now));
        return;
    }
    let w = app.doc.filter.window;
    let next = match (w.from, w.to) {
        (Some(from), Some(to)) => next_window(from, to, end, g),
        _ => None,
    };
    let p = &mut app.timeline.player;
    p.last_step = now;
    match next {
        Some((from, to)) => {
            p.playing = to < end;
            app.set_time_window(Some(from), Some(to));
            if app.timeline.player.playing {
                ctx.request_repaint_after(std::time::Duration::from_secs_f64(
                    app.timeline.player.seconds,
                ));
            }
        }
        None => p.playing = false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        Date::parse_iso(s).unwrap()
    }

    #[test]
    fn playing_starts_from_the_window_or_the_start_of_the_range() {
        let m = Granularity::Month;
        let range = (d("2024-01-01"), d("2024-06-30"));
        // a window inside the range plays from where it is
        let w = (d("2024-02-01"), d("2024-02-29"));
        assert_eq!(start_window(Some(w.0), Some(w.1), range, m), w);
        // at the end (or outside): the same width from the start
        assert_eq!(
            start_window(Some(d("2024-06-01")), Some(d("2024-06-30")), range, m),
            (d("2024-01-01"), d("2024-01-31")),
            "whole months stay whole months"
        );
        assert_eq!(
            start_window(Some(d("2024-05-01")), Some(d("2024-06-30")), range, m),
            (d("2024-01-01"), d("2024-02-29"))
        );
        assert_eq!(
            start_window(Some(d("2024-06-10")), Some(d("2024-06-30")), range, m),
            (d("2024-01-01"), d("2024-01-21"))
        );
        assert_eq!(
            start_window(Some(d("2023-03-01")), Some(d("2023-03-10")), range, m),
            (d("2024-01-01"), d("2024-01-10"))
        );
        // open: the first period
        for (from, to) in [
            (None, None),
            (Some(d("2024-03-01")), None),
            (None, Some(w.1)),
        ] {
            assert_eq!(
                start_window(from, to, range, m),
                (d("2024-01-01"), d("2024-01-31"))
            );
        }
    }

    #[test]
    fn a_playback_steps_period_by_period_and_stops_at_the_end() {
        let m = Granularity::Month;
        let end = d("2024-03-31");
        let mut w = (d("2024-01-01"), d("2024-01-31"));
        let mut seen = vec![w];
        while let Some(next) = next_window(w.0, w.1, end, m) {
            w = next;
            seen.push(w);
        }
        assert_eq!(
            seen,
            [
                (d("2024-01-01"), d("2024-01-31")),
                (d("2024-02-01"), d("2024-02-29")),
                (d("2024-03-01"), d("2024-03-31")),
            ]
        );
        // a window that cannot move (the calendar's last period) is over
        let last = d("9999-12-31");
        assert_eq!(next_window(d("9999-12-01"), d("9999-12-30"), last, m), None);
    }
}

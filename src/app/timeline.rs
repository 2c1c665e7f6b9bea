//! The timeline: evidence sentences per week, month or year, stacked by kind, with the filter's
//! time window marked. It counts the relations the filter shows whatever the window, so the
//! window can be chosen on it.

use super::DyadApp;
use super::canvas::to_color;
use crate::date::Date;
use crate::network::{Granularity, Timeline};

/// The timeline panel's state: the period length and the counts (rebuilt when the filter or
/// the network changes).
#[derive(Debug, Default)]
pub(crate) struct TimelinePanel {
    granularity: Granularity,
    cache: Option<Timeline>,
}

impl TimelinePanel {
    /// Forget the counts (the filter or the network changed).
    pub(crate) fn invalidate(&mut self) {
        self.cache = None;
    }
}

fn period_days(g: Granularity) -> f64 {
    match g {
        Granularity::Week => 7.0,
        Granularity::Month => 30.4,
        Granularity::Year => 365.2,
    }
}

pub(super) fn timeline(app: &mut DyadApp, ui: &mut egui::Ui) {
    ui.heading("Timeline");
    ui.horizontal(|ui| {
        for g in Granularity::ALL {
            if ui
                .selectable_value(&mut app.timeline.granularity, g, g.as_str())
                .changed()
            {
                app.timeline.invalidate();
            }
        }
    });
    let granularity = app.timeline.granularity;
    if app.timeline.cache.is_none() {
        let hidden = app.doc.hidden_edges();
        app.timeline.cache = Some(Timeline::new(
            app.doc.network(),
            &app.doc.filter,
            &hidden,
            granularity,
        ));
    }
    let Some(t) = &app.timeline.cache else {
        return;
    };
    if t.bins.is_empty() {
        ui.weak(format!(
            "No dated evidence ({} sentence(s) from undated articles).",
            t.undated
        ));
        return;
    }
    let width = period_days(granularity);
    let mut charts: Vec<egui_plot::BarChart> = Vec::new();
    for kind in app.doc.kinds().names() {
        let bars: Vec<egui_plot::Bar> = t
            .bins
            .iter()
            .filter_map(|(start, kinds)| {
                let n = *kinds.get(kind)?;
                let x = start.days_since_epoch() as f64 + width / 2.0;
                Some(egui_plot::Bar::new(x, n as f64).width(width * 0.85))
            })
            .collect();
        if bars.is_empty() {
            continue;
        }
        let below: Vec<&egui_plot::BarChart> = charts.iter().collect();
        let chart = egui_plot::BarChart::new(kind.to_owned(), bars)
            .color(to_color(app.style.kind_color(kind)))
            .stack_on(&below);
        charts.push(chart);
    }
    let window = app.doc.filter.window;
    egui_plot::Plot::new("timeline")
        .height(120.0)
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
        .allow_boxed_zoom(false)
        .show_y(false)
        .include_y(0.0)
        .x_axis_formatter(|mark, _| {
            Date::from_days_since_epoch(mark.value.round() as i64)
                .map(|d| format!("{}-{:02}", d.year(), d.month()))
                .unwrap_or_default()
        })
        .show(ui, |plot| {
            for c in charts {
                plot.bar_chart(c);
            }
            for (name, end) in [("from", window.from), ("to", window.to)] {
                if let Some(d) = end {
                    plot.vline(
                        egui_plot::VLine::new(name, d.days_since_epoch() as f64)
                            .color(egui::Color32::from_gray(90)),
                    );
                }
            }
        });
    if t.undated > 0 {
        ui.weak(format!("+ {} sentence(s) from undated articles", t.undated));
    }
}

//! The timeline: evidence sentences per week, month or year, stacked by kind, with the filter's
//! time window marked, for the whole network or the selected actor or dyad. It counts the
//! relations the filter shows whatever the window, so the window can be chosen on it: drag
//! across the plot to set it (brushing), or play it through time ([`play`]). Sentences of
//! undated articles are counted apart.

mod play;

use petgraph::stable_graph::EdgeIndex;

use super::canvas::to_color;
use super::{Command, DyadApp, Selection};
use crate::date::Date;
use crate::network::{Granularity, Network, Timeline};

/// The timeline panel's state: the period length, the scope, the counts (rebuilt when the
/// filter, the network or the scope changes) and the brush being dragged.
#[derive(Debug, Default)]
pub(crate) struct TimelinePanel {
    granularity: Granularity,
    cache: Option<Timeline>,
    /// Show the selected actor's or dyad's timeline while something is selected.
    of_selection: bool,
    /// The scope the counts are of (`None`: the whole network).
    cached_for: Option<Selection>,
    /// The brushed range (days since the epoch), from where the drag started to the pointer.
    brush: Option<(f64, f64)>,
    /// Where the plot was drawn last, and its screen transform (tests brush through it).
    pub(crate) last: Option<egui_plot::PlotTransform>,
    /// Playing the time window through the dated range.
    player: play::Player,
}

impl TimelinePanel {
    /// Forget the counts (the filter or the network changed).
    pub(crate) fn invalidate(&mut self) {
        self.cache = None;
    }
}

/// Whether relation `e` belongs to the timeline of `scope` (an actor's relations, or every
/// relation between the two actors of the selected one).
fn in_scope(net: &Network, scope: Selection, e: EdgeIndex) -> bool {
    let g = &net.graph;
    let Some((s, t)) = g.edge_endpoints(e) else {
        return false;
    };
    match scope {
        Selection::None => true,
        Selection::Node(n) => s == n || t == n,
        Selection::Edge(d) => g
            .edge_endpoints(d)
            .is_some_and(|(a, b)| (s, t) == (a, b) || (s, t) == (b, a)),
    }
}

/// "Iran" or "Russia – Iran": what the timeline's scope is called.
fn scope_name(net: &Network, scope: Selection) -> Option<String> {
    let g = &net.graph;
    match scope {
        Selection::Node(n) => g.node_weight(n).map(|a| a.name.to_string()),
        Selection::Edge(e) => g
            .edge_endpoints(e)
            .map(|(s, t)| format!("{} – {}", g[s].name, g[t].name)),
        Selection::None => None,
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
    let scope = header(app, ui);
    let granularity = app.timeline.granularity;
    if app.timeline.cache.is_none() || app.timeline.cached_for != Some(scope) {
        let hidden = app.doc.hidden_edges();
        let net = app.doc.network();
        app.timeline.cache = Some(Timeline::new_for(
            net,
            &app.doc.filter,
            &hidden,
            granularity,
            |e| in_scope(net, scope, e),
        ));
        app.timeline.cached_for = Some(scope);
    }
    let Some(t) = &app.timeline.cache else {
        return;
    };
    let (undated, range) = (t.undated, t.range(granularity));
    let Some(range) = range else {
        app.timeline.player.pause();
        ui.weak(format!(
            "No dated evidence ({undated} sentence(s) from undated articles)."
        ));
        return;
    };
    let plot = plot(app, ui);
    brushing(app, &plot.response, plot.transform);
    play::controls(app, ui, range, granularity);
    footer(app, ui, undated);
}

/// The period length and, with something selected, the scope; returns the scope.
fn header(app: &mut DyadApp, ui: &mut egui::Ui) -> Selection {
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
    let selected = scope_name(app.doc.network(), app.selection);
    if let Some(name) = &selected {
        ui.horizontal(|ui| {
            let tl = &mut app.timeline;
            ui.selectable_value(&mut tl.of_selection, false, "whole network");
            ui.selectable_value(&mut tl.of_selection, true, format!("{name} only"));
        });
    }
    if app.timeline.of_selection && selected.is_some() {
        app.selection
    } else {
        Selection::None
    }
}

/// The counts of the timeline (`app.timeline.cache`) as bars stacked by kind, in the kinds'
/// order.
fn bar_charts(app: &DyadApp) -> Vec<egui_plot::BarChart> {
    let Some(t) = &app.timeline.cache else {
        return Vec::new();
    };
    let width = period_days(app.timeline.granularity);
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
    charts
}

/// The plot: the bars, the time window's ends and the brush being dragged.
fn plot(app: &DyadApp, ui: &mut egui::Ui) -> egui_plot::PlotResponse<()> {
    let charts = bar_charts(app);
    let window = app.doc.filter.window;
    let brush = app.timeline.brush;
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
            if let Some((a, b)) = brush {
                plot.span(
                    egui_plot::Span::new("brush", a.min(b)..=a.max(b))
                        .fill(egui::Color32::from_rgba_unmultiplied(70, 110, 200, 50))
                        .border_color(egui::Color32::from_rgb(70, 110, 200)),
                );
            }
        })
}

/// The undated count, **Clear time window** and a hint.
fn footer(app: &mut DyadApp, ui: &mut egui::Ui, undated: usize) {
    let window = app.doc.filter.window;
    // wrapped: the button that appears with a window must not widen the side panel
    ui.horizontal_wrapped(|ui| {
        if undated > 0 {
            ui.weak(format!("+ {undated} sentence(s) from undated articles"));
        }
        if !window.is_open() && ui.small_button("Clear time window").clicked() {
            app.timeline.player.pause();
            app.set_time_window(None, None);
        }
    });
    if window.is_open() && undated == 0 {
        ui.weak("Drag across the timeline to keep a time window.");
    }
}

/// A drag across the plot sets the filter's time window to the dragged range.
fn brushing(app: &mut DyadApp, r: &egui::Response, transform: egui_plot::PlotTransform) {
    app.timeline.last = Some(transform);
    let x = |p: egui::Pos2| transform.value_from_position(p).x;
    // (from where the button went down: a drag starts only once the pointer has moved)
    if r.drag_started()
        && let Some(p) = r
            .ctx
            .input(|i| i.pointer.press_origin())
            .or(r.interact_pointer_pos())
    {
        app.timeline.brush = Some((x(p), x(p)));
    }
    if r.dragged()
        && let (Some(p), Some(b)) = (r.interact_pointer_pos(), app.timeline.brush.as_mut())
    {
        b.1 = x(p);
    }
    if r.drag_stopped()
        && let Some((a, b)) = app.timeline.brush.take()
    {
        let day = |v: f64| Date::from_days_since_epoch(v.floor() as i64);
        let (from, to) = (day(a.min(b)), day(a.max(b)));
        // a click is no range
        if (b - a).abs() >= 1.0 && from.is_some() && to.is_some() {
            app.set_time_window(from, to);
        }
    }
}

impl DyadApp {
    /// Keep the time window `from..=to` (`None`: open at that end): the range fields follow,
    /// and the graph, the chart and the exports with the filter.
    fn set_time_window(&mut self, from: Option<Date>, to: Option<Date>) {
        self.doc.filter.window.from = from;
        self.doc.filter.window.to = to;
        self.sync_window_text();
        self.push(Command::FiltersChanged);
    }

    /// Whether the time window is playing (see [`play`]).
    pub fn is_playing_time_window(&self) -> bool {
        self.timeline.player.is_playing()
    }

    /// Where a date is on the timeline plot drawn last (the middle of its height), for
    /// brushing in tests.
    pub fn timeline_screen_pos(&self, date: Date) -> Option<egui::Pos2> {
        let t = self.timeline.last.as_ref()?;
        let x = t.position_from_point_x(date.days_since_epoch() as f64);
        Some(egui::pos2(x, t.frame().center().y))
    }

    /// Relations shown per kind (what the "Relations by kind" chart draws).
    pub fn shown_counts_by_kind(&self) -> std::collections::BTreeMap<String, usize> {
        self.edge_view.counts_by_kind(self.doc.network())
    }
}

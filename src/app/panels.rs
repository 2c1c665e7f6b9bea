//! The panels around the canvas: menu, articles and filters (left), details (right), status.

use egui::text::{LayoutJob, TextFormat};
use egui::{Color32, RichText};
use petgraph::stable_graph::{EdgeIndex, NodeIndex};
use petgraph::visit::EdgeRef;

use super::canvas::{edge_title, to_color};
use super::{Command, DyadApp, Selection};
use crate::network::Role;

pub(super) fn menu_bar(app: &mut DyadApp, ui: &mut egui::Ui) {
    egui::Panel::top("menu").show(ui, |ui| {
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("File", |ui| {
                if ui.button("Open files…").clicked() {
                    app.dialogs.pick_files(false);
                }
                if ui.button("Open folder…").clicked() {
                    app.dialogs.pick_files(true);
                }
                if !app.recent.is_empty() {
                    ui.menu_button("Open recent", |ui| {
                        for p in app.recent.clone() {
                            if ui.button(p.display().to_string()).clicked() {
                                app.push(Command::OpenPaths(vec![p]));
                            }
                        }
                    });
                }
                ui.separator();
                if ui.button("Open workspace…").clicked() {
                    app.dialogs.pick_workspace();
                }
                if ui.button("Save workspace…").clicked() {
                    app.dialogs.workspace_open = true;
                }
                ui.separator();
                if ui.button("Load lexicon…").clicked() {
                    app.dialogs.pick_lexicon();
                }
                ui.separator();
                if ui.button("Export image…").clicked() {
                    app.dialogs.export_open = true;
                }
                if ui.button("Export data…").clicked() {
                    app.dialogs.data.open = true;
                }
                ui.separator();
                if ui.button("Close all articles").clicked() {
                    app.push(Command::Clear);
                }
                if ui.button("Quit").clicked() {
                    ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
                }
            });
            super::corrections::edit_menu(app, ui);
            ui.menu_button("View", |ui| {
                if ui.button("Fit view").clicked() {
                    app.push(Command::FitView);
                }
                if ui.button("Re-run layout").clicked() {
                    app.push(Command::Relayout);
                }
                if ui
                    .checkbox(&mut app.label_all, "Label every actor")
                    .changed()
                {
                    app.scene_dirty = true;
                }
                if ui
                    .checkbox(&mut app.show_isolated, "Show actors without relations")
                    .changed()
                {
                    app.push(Command::FitView);
                    app.scene_dirty = true;
                }
                if !app.doc.hidden.is_empty() && ui.button("Show hidden edges").clicked() {
                    app.push(Command::ShowAllEdges);
                }
            });
        });
    });
}

pub(super) fn status_bar(app: &mut DyadApp, ui: &mut egui::Ui) {
    egui::Panel::bottom("status").show(ui, |ui| {
        ui.horizontal(|ui| {
            if let Some((done, total)) = app.loading_progress() {
                ui.spinner();
                ui.add(
                    egui::ProgressBar::new(done as f32 / total.max(1) as f32)
                        .desired_width(180.0)
                        .text(format!("{done} / {total} files")),
                );
                if ui.button("Cancel").clicked() {
                    app.cancel_loading();
                }
                ui.separator();
            }
            // the drawn edges (the scene holds the visible ones): no pass over the graph
            let shown = app.scene().edges.len();
            let g = &app.doc.network().graph;
            ui.label(format!(
                "{} article(s) · {} actor(s) · {} relation(s), {shown} shown",
                app.doc.corpus().len(),
                g.node_count(),
                g.edge_count(),
            ));
            if !app.status.is_empty() {
                ui.separator();
                ui.label(&app.status);
            }
        });
    });
}

pub(super) fn left_panel(app: &mut DyadApp, ui: &mut egui::Ui) {
    egui::Panel::left("left")
        .resizable(true)
        .default_size(260.0)
        .show(ui, |ui| {
            egui::ScrollArea::vertical().show(ui, |ui| {
                articles(app, ui);
                ui.separator();
                filters(app, ui);
                ui.separator();
                search(app, ui);
                ui.separator();
                focus(app, ui);
                ui.separator();
                super::corrections::list(app, ui);
                ui.separator();
                chart(app, ui);
                ui.separator();
                super::timeline::timeline(app, ui);
                ui.horizontal(|ui| {
                    if ui.button("Re-run layout").clicked() {
                        app.push(Command::Relayout);
                    }
                    if ui.button("Fit view").clicked() {
                        app.push(Command::FitView);
                    }
                });
            });
        });
}

/// Height of the article list (and, less, of the problems list) before it scrolls.
const ROW_LIST_HEIGHT: f32 = 240.0;

fn articles(app: &mut DyadApp, ui: &mut egui::Ui) {
    ui.heading("Articles");
    if app.doc.corpus().is_empty() {
        ui.weak("None loaded. File → Open, or drop files on the window.");
    }
    // One row per article in a scroll area of its own that lays out only the rows in view:
    // a folder of thousands stays one short list, and the filters stay in reach below it.
    let rows = app.doc.corpus().articles.len();
    if rows > 0 {
        let row_height = ui.text_style_height(&egui::TextStyle::Body) + 4.0;
        egui::ScrollArea::vertical()
            .id_salt("articles")
            .max_height(ROW_LIST_HEIGHT)
            .auto_shrink([false, true])
            .show_rows(ui, row_height, rows, |ui, range| {
                for i in range {
                    article_row(app.doc.corpus(), ui, i);
                }
            });
    }
    problems(app, ui);
    path_field(app, ui);
}

/// Article `i` on one line cut to the panel's width (long titles must not widen the panel
/// over the canvas): a warning sign, title, sentence count and date; path and warnings on
/// hover.
fn article_row(corpus: &crate::pipeline::Corpus, ui: &mut egui::Ui, i: usize) {
    let a = &corpus.articles[i];
    let n = corpus.extractions.get(i).map_or(0, |x| x.sentences.len());
    let date = a
        .date
        .as_deref()
        .map(|d| format!(" · {d}"))
        .unwrap_or_default();
    let mut hover = format!("{}\n{n} sentences{date}", a.path.display());
    for w in &a.warnings {
        hover.push_str(&format!("\n⚠ {w}"));
    }
    let mut job = egui::text::LayoutJob::default();
    let style = ui.style().clone();
    let font = egui::FontSelection::Default;
    let align = egui::Align::Center;
    if !a.warnings.is_empty() {
        RichText::new("⚠ ")
            .color(Color32::from_rgb(170, 100, 0))
            .append_to(&mut job, &style, font.clone(), align);
    }
    RichText::new(format!("{}. {}", i + 1, a.title))
        .strong()
        .append_to(&mut job, &style, font.clone(), align);
    RichText::new(format!("  {n} sent.{date}"))
        .weak()
        .append_to(&mut job, &style, font, align);
    ui.add(egui::Label::new(job).truncate())
        .on_hover_text(&hover);
}

/// The problems (unreadable files, failed exports): one line each, the whole message on
/// hover, only the lines in view laid out.
fn problems(app: &mut DyadApp, ui: &mut egui::Ui) {
    if app.errors.is_empty() {
        return;
    }
    ui.add_space(4.0);
    ui.label(
        RichText::new(format!("Problems ({})", app.errors.len()))
            .color(Color32::from_rgb(180, 40, 40))
            .strong(),
    );
    let row_height = ui.text_style_height(&egui::TextStyle::Small) + 4.0;
    egui::ScrollArea::vertical()
        .id_salt("problems")
        .max_height(ROW_LIST_HEIGHT * 0.6)
        .auto_shrink([false, true])
        .show_rows(ui, row_height, app.errors.len(), |ui, range| {
            for e in &app.errors[range] {
                ui.add(
                    egui::Label::new(
                        RichText::new(e)
                            .color(Color32::from_rgb(180, 40, 40))
                            .small(),
                    )
                    .truncate(),
                )
                .on_hover_text(e);
            }
        });
    if ui.small_button("Clear problems").clicked() {
        app.errors.clear();
    }
}

/// The **Path** field: a typed file or folder opened (a workspace, a lexicon or articles).
fn path_field(app: &mut DyadApp, ui: &mut egui::Ui) {
    ui.horizontal(|ui| {
        let label = ui.label("Path");
        let field = ui
            .add(
                egui::TextEdit::singleline(&mut app.dialogs.path_input)
                    .hint_text("file or folder")
                    .desired_width(150.0),
            )
            .labelled_by(label.id);
        let enter = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        if (ui.button("Open").clicked() || enter) && !app.dialogs.path_input.trim().is_empty() {
            let p = std::path::PathBuf::from(app.dialogs.path_input.trim());
            // A .dyad.json file is a workspace, another .json a lexicon, anything else an
            // article or a folder of them.
            let name = p.to_string_lossy().to_lowercase();
            app.push(if name.ends_with(".dyad.json") {
                Command::OpenWorkspace(p)
            } else if name.ends_with(".json") {
                Command::LoadLexicon(p)
            } else {
                Command::OpenPaths(vec![p])
            });
            app.dialogs.path_input.clear();
        }
    });
}

fn filters(app: &mut DyadApp, ui: &mut egui::Ui) {
    use crate::network::EvidenceCount;
    ui.heading("Relations");
    let counts = app.edge_view.counts_by_kind(app.doc.network());
    let mut changed = false;
    for kind in app.doc.kinds().names() {
        let color = to_color(app.style.kind_color(kind));
        let count = counts.get(kind).copied().unwrap_or(0);
        ui.horizontal(|ui| {
            let (r, _) = ui.allocate_exact_size(egui::vec2(14.0, 14.0), egui::Sense::hover());
            ui.painter().rect_filled(r.shrink(2.0), 2.0, color);
            if let Some(on) = app.doc.filter.kinds.get_mut(kind) {
                changed |= ui.checkbox(on, kind).changed();
            }
            ui.weak(format!("{count}"));
        });
    }
    let max = app
        .doc
        .network()
        .graph
        .edge_weights()
        .map(|r| r.weight())
        .max()
        .unwrap_or(1)
        .max(1);
    let filter = &mut app.doc.filter;
    changed |= ui
        .add(egui::Slider::new(&mut filter.min_evidence, 1..=max.max(2)).text("min."))
        .changed();
    ui.horizontal(|ui| {
        ui.label("counting");
        for c in EvidenceCount::ALL {
            changed |= ui
                .selectable_value(&mut filter.count, c, c.as_str())
                .changed();
        }
    });
    changed |= time_window(app, ui);
    if !app.doc.filter.focus.is_empty() {
        ui.horizontal(|ui| {
            let names: Vec<String> = app
                .doc
                .filter
                .focus
                .iter()
                .map(|id| {
                    let net = app.doc.network();
                    net.node(id)
                        .map(|n| net.graph[n].name.to_string())
                        .unwrap_or_else(|| id.clone())
                })
                .collect();
            ui.label(format!("focus: {}", names.join(", ")));
            if ui.small_button("Clear focus").clicked() {
                app.doc.filter.focus.clear();
                changed = true;
            }
        });
    }
    if changed {
        app.push(Command::FiltersChanged);
    }
}

/// The time window's range fields; returns whether the filter changed.
fn time_window(app: &mut DyadApp, ui: &mut egui::Ui) -> bool {
    let mut changed = false;
    ui.horizontal(|ui| {
        let l = ui.label("from");
        let from = ui
            .add(
                egui::TextEdit::singleline(&mut app.window_text.from)
                    .hint_text("YYYY-MM-DD")
                    .desired_width(96.0),
            )
            .labelled_by(l.id);
        let l = ui.label("to");
        let to = ui
            .add(
                egui::TextEdit::singleline(&mut app.window_text.to)
                    .hint_text("YYYY-MM-DD")
                    .desired_width(96.0),
            )
            .labelled_by(l.id);
        // a field takes effect when it holds a date or nothing
        for (resp, text, slot) in [
            (from, &app.window_text.from, &mut app.doc.filter.window.from),
            (to, &app.window_text.to, &mut app.doc.filter.window.to),
        ] {
            if !resp.changed() {
                continue;
            }
            let t = text.trim();
            let parsed = if t.is_empty() {
                Some(None)
            } else {
                crate::date::Date::parse_iso(t).map(Some)
            };
            if let Some(d) = parsed
                && *slot != d
            {
                *slot = d;
                changed = true;
            }
        }
    });
    let undated = app
        .doc
        .network()
        .articles
        .iter()
        .filter(|a| a.date.is_none())
        .count();
    changed |= ui
        .checkbox(
            &mut app.doc.filter.window.undated,
            format!("undated articles ({undated})"),
        )
        .changed();
    changed
}

fn search(app: &mut DyadApp, ui: &mut egui::Ui) {
    let heading = ui.heading("Find actor");
    let r = ui
        .add(
            egui::TextEdit::singleline(&mut app.search)
                .hint_text("name or alias")
                .desired_width(f32::INFINITY),
        )
        .labelled_by(heading.id);
    if r.changed() {
        app.scene_dirty = true;
    }
    let hits = app.search_hits();
    // Enter goes to the first hit
    if r.lost_focus()
        && ui.input(|i| i.key_pressed(egui::Key::Enter))
        && let Some(&n) = hits.first()
    {
        app.push(Command::FindNode(n));
    }
    if !app.search.trim().is_empty() && hits.is_empty() {
        ui.weak("No actor matches.");
    }
    for n in hits.into_iter().take(12) {
        let a = &app.doc.network().graph[n];
        let label = format!("{} ({} mentions)", a.name, a.mentions);
        if ui
            .selectable_label(app.selection == Selection::Node(n), label)
            .clicked()
        {
            app.push(Command::FindNode(n));
        }
    }
}

/// Top N actors, largest component only, ego network of the selected actor, hidden actors.
fn focus(app: &mut DyadApp, ui: &mut egui::Ui) {
    use crate::focus::{MAX_EGO_DEPTH, Rank};
    ui.heading("Focus");
    let before = app.focus.clone();
    let f = &mut app.focus;
    ui.horizontal(|ui| {
        let mut on = f.top.is_some();
        let (mut n, mut rank) = f.top.unwrap_or((50, Rank::Mentions));
        let label = ui.checkbox(&mut on, "Top");
        ui.add(egui::DragValue::new(&mut n).range(1..=100_000))
            .labelled_by(label.id);
        egui::ComboBox::from_id_salt("top-rank")
            .selected_text(match rank {
                Rank::Mentions => "by mentions",
                Rank::Degree => "by relations",
            })
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut rank, Rank::Mentions, "by mentions");
                ui.selectable_value(&mut rank, Rank::Degree, "by relations");
            })
            .response
            .labelled_by(label.id);
        f.top = on.then_some((n, rank));
    });
    ui.checkbox(&mut f.largest_component, "Largest component only");
    let selected = match app.selection {
        Selection::Node(n) => Some(n),
        _ => None,
    };
    ui.horizontal(|ui| {
        let mut on = f.ego.is_some();
        let mut depth = f.ego.map_or(1, |(_, d)| d);
        let center = f.ego.map(|(c, _)| c).or(selected);
        ui.add_enabled_ui(center.is_some(), |ui| {
            ui.checkbox(&mut on, "Ego network")
                .on_disabled_hover_text("Select an actor first");
            ui.add(egui::Slider::new(&mut depth, 1..=MAX_EGO_DEPTH).text("depth"));
        });
        f.ego = match (on, f.ego, center) {
            (false, ..) => None,
            // a new centre when the ego network is switched on
            (true, Some((c, _)), _) => Some((c, depth)),
            (true, None, Some(c)) => Some((c, depth)),
            (true, None, None) => None,
        };
    });
    if let Some((c, _)) = f.ego {
        let name = app
            .doc
            .network()
            .graph
            .node_weight(c)
            .map(|a| a.name.to_string());
        ui.weak(format!("around {}", name.unwrap_or_default()));
    }
    let changed = app.focus != before;
    if !app.focus.hidden.is_empty()
        && ui
            .button(format!("Show {} hidden actor(s)", app.focus.hidden.len()))
            .clicked()
    {
        app.push(Command::ShowHiddenNodes);
    }
    if changed {
        app.push(Command::FocusChanged);
    }
}

fn chart(app: &mut DyadApp, ui: &mut egui::Ui) {
    ui.heading("Relations by kind");
    let counts = app.edge_view.counts_by_kind(app.doc.network());
    let kinds: Vec<String> = app
        .doc
        .kinds()
        .names()
        .into_iter()
        .map(str::to_owned)
        .collect();
    let max = kinds
        .iter()
        .map(|k| counts.get(k).copied().unwrap_or(0))
        .max()
        .unwrap_or(0)
        .max(1) as f64;
    // One horizontal bar per kind, top to bottom in the filter list's order, named in the plot.
    let rows: Vec<(f64, f64, String, egui::Color32)> = kinds
        .iter()
        .enumerate()
        .map(|(i, k)| {
            let c = counts.get(k).copied().unwrap_or(0) as f64;
            let y = (kinds.len() - 1 - i) as f64;
            (y, c, k.clone(), to_color(app.style.kind_color(k)))
        })
        .collect();
    egui_plot::Plot::new("kind_counts")
        .height(24.0 * kinds.len().max(1) as f32 + 20.0)
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
        .allow_boxed_zoom(false)
        .show_axes([false, false])
        .show_grid([false, false])
        .include_x(0.0)
        .include_x(max * 1.9)
        .include_y(-0.6)
        .include_y(kinds.len() as f64 - 0.4)
        .show(ui, |plot| {
            for (y, c, k, color) in rows {
                plot.bar_chart(
                    egui_plot::BarChart::new(
                        k.clone(),
                        vec![egui_plot::Bar::new(y, c).name(&k).width(0.7)],
                    )
                    .horizontal()
                    .color(color),
                );
                plot.text(
                    egui_plot::Text::new(
                        format!("{k}-label"),
                        egui_plot::PlotPoint::new(c + max * 0.04, y),
                        format!("{k} {c}"),
                    )
                    .anchor(egui::Align2::LEFT_CENTER)
                    .color(egui::Color32::from_gray(60)),
                );
            }
        });
}

pub(super) fn right_panel(app: &mut DyadApp, ui: &mut egui::Ui) {
    egui::Panel::right("details")
        .resizable(true)
        .default_size(380.0)
        .show(ui, |ui| {
            egui::ScrollArea::vertical().show(ui, |ui| match app.selection {
                Selection::Edge(e) if app.doc.network().graph.edge_weight(e).is_some() => edge_details(app, ui, e),
                Selection::Node(n) if app.doc.network().graph.node_weight(n).is_some() => node_details(app, ui, n),
                _ => {
                    ui.heading("Details");
                    ui.label("Click an edge to read the sentences that support it, or an actor to list its relations.");
                    ui.add_space(6.0);
                    ui.weak("Drag to pan, scroll to zoom, drag an actor to pin it (double-click to release).");
                }
            });
        });
}

fn edge_details(app: &mut DyadApp, ui: &mut egui::Ui, e: EdgeIndex) {
    let g = &app.doc.network().graph;
    let r = &g[e];
    let color = to_color(app.style.kind_color(&r.kind));
    ui.heading(edge_title(app, e));
    let stats = app.doc.filter.stats(app.doc.network(), r);
    ui.label(
        RichText::new(format!(
            "{}{} · {} sentence(s) · {} article(s) · {} outlet(s)",
            r.kind,
            if r.directed { " (directed)" } else { "" },
            stats.sentences,
            stats.articles,
            stats.outlets,
        ))
        .color(color)
        .strong(),
    );
    let outside = r.weight() - stats.sentences as usize;
    if outside > 0 {
        ui.weak(format!("{outside} more outside the time window"));
    }
    let ends = g
        .edge_endpoints(e)
        .map(|(s, t)| ((s, g[s].name.to_string()), (t, g[t].name.to_string())));
    ui.horizontal(|ui| {
        if let Some(((s, sn), (t, tn))) = ends {
            if ui.link(sn).clicked() {
                app.push(Command::Select(Selection::Node(s)));
            }
            if ui.link(tn).clicked() {
                app.push(Command::Select(Selection::Node(t)));
            }
        }
        if ui.small_button("Hide this edge").clicked() {
            app.push(Command::HideEdge(e));
        }
    });
    super::corrections::edge_tools(app, ui, e);
    ui.separator();
    let window = app.doc.filter.window;
    let count = app.doc.network().graph[e].evidence.len();
    for i in 0..count {
        let net = app.doc.network();
        let ev = &net.graph[e].evidence[i];
        if !window.contains(ev.date) {
            continue;
        }
        let p = net.provenance(ev);
        ui.label(RichText::new(p.to_string()).small().weak())
            .on_hover_text(p.path);
        ui.label(highlighted(&ev.text, &ev.highlights, color, ui));
        super::corrections::sentence_buttons(app, ui, e, i);
        ui.add_space(6.0);
    }
}

/// The sentence with the two actors in bold and the trigger marked in the kind's colour.
fn highlighted(
    text: &str,
    highlights: &[(crate::text::Span, Role)],
    kind_color: Color32,
    ui: &egui::Ui,
) -> LayoutJob {
    let font = egui::TextStyle::Body.resolve(ui.style());
    let plain = TextFormat {
        font_id: font.clone(),
        color: ui.visuals().text_color(),
        ..Default::default()
    };
    let mut job = LayoutJob::default();
    job.wrap.max_width = ui.available_width();
    let mut at = 0;
    for (span, role) in highlights {
        if span.start < at
            || span.end > text.len()
            || !text.is_char_boundary(span.start)
            || !text.is_char_boundary(span.end)
        {
            continue;
        }
        job.append(&text[at..span.start], 0.0, plain.clone());
        let fmt = match role {
            Role::Trigger => TextFormat {
                background: kind_color.gamma_multiply(0.35),
                underline: egui::Stroke::new(1.5, kind_color),
                ..plain.clone()
            },
            Role::Source | Role::Target => TextFormat {
                color: ui.visuals().strong_text_color(),
                background: Color32::from_rgba_unmultiplied(120, 150, 220, 60),
                ..plain.clone()
            },
        };
        job.append(&text[span.start..span.end], 0.0, fmt);
        at = span.end;
    }
    job.append(&text[at..], 0.0, plain);
    job
}

fn node_details(app: &mut DyadApp, ui: &mut egui::Ui, n: NodeIndex) {
    let g = &app.doc.network().graph;
    let a = &g[n];
    ui.heading(a.name.to_string());
    ui.label(format!("{} · {} mention(s)", a.kind.as_str(), a.mentions));
    let id = a.id.clone();
    let focused = app.doc.filter.focus.contains(&id);
    let focus_label = if focused {
        "Stop focusing on this actor"
    } else {
        "Focus on this actor"
    };
    if ui.small_button(focus_label).clicked() {
        let focus = &mut app.filter_mut().focus;
        if focused {
            focus.remove(&id);
        } else {
            focus.insert(id);
        }
        app.push(Command::FiltersChanged);
    }
    let mut hide = false;
    let mut ego = false;
    ui.horizontal(|ui| {
        hide = ui.button("Hide actor").clicked();
        ego = ui.button("Its ego network").clicked();
    });
    if hide {
        app.push(Command::HideNode(n));
    }
    if ego {
        let depth = app.focus.ego.map_or(1, |(_, d)| d);
        app.focus.ego = Some((n, depth));
        app.push(Command::FocusChanged);
    }
    let g = &app.doc.network().graph;
    let a = &g[n];
    if !a.aliases.is_empty() {
        ui.label(
            RichText::new(format!(
                "as: {}",
                a.aliases.iter().cloned().collect::<Vec<_>>().join(", ")
            ))
            .small()
            .weak(),
        );
    }
    ui.separator();
    // Relations grouped by kind.
    let mut rows: Vec<(String, EdgeIndex, String)> = Vec::new();
    for er in g.edges_directed(n, petgraph::Direction::Outgoing) {
        let r = er.weight();
        let arrow = if r.directed { "→" } else { "–" };
        rows.push((
            r.kind.to_string(),
            er.id(),
            format!("{arrow} {} ({})", g[er.target()].name, r.weight()),
        ));
    }
    for er in g.edges_directed(n, petgraph::Direction::Incoming) {
        let r = er.weight();
        let arrow = if r.directed { "←" } else { "–" };
        rows.push((
            r.kind.to_string(),
            er.id(),
            format!("{arrow} {} ({})", g[er.source()].name, r.weight()),
        ));
    }
    rows.sort();
    if rows.is_empty() {
        ui.weak("No relations.");
    }
    let mut current = String::new();
    for (kind, e, label) in rows {
        if kind != current {
            ui.label(
                RichText::new(&kind)
                    .color(to_color(app.style.kind_color(&kind)))
                    .strong(),
            );
            current = kind.clone();
        }
        let visible = app.edge_visible(e);
        let text = if visible {
            RichText::new(label)
        } else {
            RichText::new(format!("{label} (filtered)")).weak()
        };
        if ui.selectable_label(false, text).clicked() {
            app.push(Command::Select(Selection::Edge(e)));
        }
    }
    ui.add_space(8.0);
    if ui.small_button("Release pinned position").clicked() {
        app.push(Command::UnpinNode(n));
    }
    ui.separator();
    super::corrections::actor_tools(app, ui, n);
}

//! The reading pane: an evidence sentence's article, scrolled to the sentence, with the
//! sentence marked and its two actors and trigger highlighted.

use egui::text::{LayoutJob, TextFormat};
use egui::{Color32, RichText};
use petgraph::stable_graph::EdgeIndex;

use super::DyadApp;
use crate::document::Document;
use crate::network::Role;
use crate::text::Span;

/// The article open in the reading pane, if any.
#[derive(Debug, Default)]
pub(crate) struct ReadingPane {
    open: Option<Reading>,
}

#[derive(Debug)]
struct Reading {
    /// Index of the article (in the corpus and the network).
    article: usize,
    /// The line above the text: title, outlet, date.
    heading: String,
    path: String,
    sentence: usize,
    /// The evidence's marks, relative to the sentence.
    highlights: Vec<(Span, Role)>,
    kind_color: Color32,
    /// Scroll to the sentence in the next frame.
    scroll: bool,
}

impl ReadingPane {
    /// Open the article of evidence `evidence` of `edge`.
    pub(crate) fn open(
        &mut self,
        doc: &Document,
        edge: EdgeIndex,
        evidence: usize,
        color: Color32,
    ) {
        let net = doc.network();
        let Some(ev) = net
            .graph
            .edge_weight(edge)
            .and_then(|r| r.evidence.get(evidence))
        else {
            return;
        };
        let p = net.provenance(ev);
        self.open = Some(Reading {
            article: ev.article,
            heading: p.to_string(),
            path: p.path.to_owned(),
            sentence: ev.sentence,
            highlights: ev.highlights.clone(),
            kind_color: color,
            scroll: true,
        });
    }

    pub fn close(&mut self) {
        self.open = None;
    }
}

pub(super) fn window(app: &mut DyadApp, ui: &mut egui::Ui) {
    let Some(r) = &mut app.reading.open else {
        return;
    };
    let mut open = true;
    let doc = &app.doc;
    egui::Window::new("Article")
        .open(&mut open)
        .default_size([560.0, 520.0])
        .resizable(true)
        .show(ui.ctx(), |ui| {
            ui.label(RichText::new(&r.heading).strong())
                .on_hover_text(&r.path);
            ui.separator();
            let (Some(article), Some(x)) = (
                doc.corpus().articles.get(r.article),
                doc.corpus().extractions.get(r.article),
            ) else {
                ui.weak("The article's text is not loaded.");
                return;
            };
            let sentence = x
                .sentences
                .get(r.sentence)
                .copied()
                .unwrap_or(Span::new(0, 0));
            egui::ScrollArea::vertical()
                .auto_shrink([false, false])
                .show(ui, |ui| {
                    paragraphs(ui, &article.text, sentence, r);
                });
        });
    if !open {
        app.reading.close();
    }
}

/// The article line by line; the line holding the sentence marked and scrolled to.
fn paragraphs(ui: &mut egui::Ui, text: &str, sentence: Span, r: &mut Reading) {
    let plain = TextFormat {
        font_id: egui::TextStyle::Body.resolve(ui.style()),
        color: ui.visuals().text_color(),
        ..Default::default()
    };
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let (start, end) = (at, at + line.trim_end().len());
        at += line.len();
        if line.trim().is_empty() {
            continue;
        }
        let holds = start < sentence.end && sentence.start < end;
        if !holds {
            ui.label(&text[start..end]);
            ui.add_space(4.0);
            continue;
        }
        let job = marked(text, (start, end), sentence, r, &plain, ui);
        let resp = ui.label(job);
        if r.scroll {
            resp.scroll_to_me(Some(egui::Align::Center));
            r.scroll = false;
        }
        ui.add_space(4.0);
    }
}

/// One line with the sentence's background and the actors' and trigger's marks.
fn marked(
    text: &str,
    (start, end): (usize, usize),
    sentence: Span,
    r: &Reading,
    plain: &TextFormat,
    ui: &egui::Ui,
) -> LayoutJob {
    let abs: Vec<(usize, usize, Role)> = r
        .highlights
        .iter()
        .map(|(s, role)| (sentence.start + s.start, sentence.start + s.end, *role))
        .collect();
    let mut cuts = vec![start, end, sentence.start, sentence.end];
    for (a, b, _) in &abs {
        cuts.extend([*a, *b]);
    }
    cuts.retain(|&c| c >= start && c <= end && text.is_char_boundary(c));
    cuts.sort_unstable();
    cuts.dedup();
    let mut job = LayoutJob::default();
    job.wrap.max_width = ui.available_width();
    for w in cuts.windows(2) {
        let (a, b) = (w[0], w[1]);
        let in_sentence = a >= sentence.start && b <= sentence.end;
        let mark = abs.iter().find(|(x, y, _)| a >= *x && b <= *y).map(|m| m.2);
        let mut f = plain.clone();
        if in_sentence {
            f.background = Color32::from_rgba_unmultiplied(250, 220, 90, 70);
        }
        match mark {
            Some(Role::Trigger) => {
                f.background = r.kind_color.gamma_multiply(0.35);
                f.underline = egui::Stroke::new(1.5, r.kind_color);
            }
            Some(Role::Source | Role::Target) => {
                f.color = ui.visuals().strong_text_color();
                f.background = Color32::from_rgba_unmultiplied(120, 150, 220, 90);
            }
            None => {}
        }
        job.append(&text[a..b], 0.0, f);
    }
    job
}

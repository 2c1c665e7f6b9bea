//! The correction tools: on a selected actor (rename, type, merge, alias, note), on a
//! selected relation (reject, change kind, note) and on each of its sentences (reject, open
//! the article); the corrections list with a way to take each out; the Edit menu (undo,
//! redo); the canvas's context menu.

use egui::RichText;
use petgraph::stable_graph::{EdgeIndex, NodeIndex};

use super::{Command, DyadApp, Selection};
use crate::document::{Correction, Subject};
use crate::extract::ActorKind;

/// Every actor type, in menu order.
const ACTOR_KINDS: [ActorKind; 6] = [
    ActorKind::State,
    ActorKind::Organisation,
    ActorKind::Collective,
    ActorKind::Group,
    ActorKind::Person,
    ActorKind::Company,
];

/// Most actors offered for a merge.
const MERGE_HITS: usize = 8;

/// What the tools' fields hold (reset when another actor or relation is selected).
#[derive(Debug, Default)]
pub(crate) struct Tools {
    key: Option<Selection>,
    pub rename: String,
    pub merge_query: String,
    pub alias: String,
    pub lexicon: String,
    pub note: String,
    pub kind: String,
    pub reverse: bool,
    /// What the canvas's context menu is about.
    context: Selection,
}

impl Tools {
    fn follow(&mut self, sel: Selection, name: &str) {
        if self.key == Some(sel) {
            return;
        }
        let lexicon = std::mem::take(&mut self.lexicon);
        *self = Tools {
            key: Some(sel),
            rename: name.to_owned(),
            lexicon,
            context: self.context,
            ..Default::default()
        };
    }
}

/// Where "add alias" writes: the last user lexicon, else `dyad-lexicon.json` in the home
/// folder (or the working folder).
fn default_lexicon(app: &DyadApp) -> String {
    if let Some(l) = app.doc.lexicons().last() {
        return l.display().to_string();
    }
    let home = std::env::var_os("HOME").map(std::path::PathBuf::from);
    home.unwrap_or_default()
        .join("dyad-lexicon.json")
        .display()
        .to_string()
}

/// Rename, type, merge, alias and notes of the selected actor.
pub(super) fn actor_tools(app: &mut DyadApp, ui: &mut egui::Ui, n: NodeIndex) {
    let Some(a) = app.doc.network().graph.node_weight(n) else {
        return;
    };
    let (id, name, kind) = (a.id.clone(), a.name.to_string(), a.kind);
    app.tools.follow(Selection::Node(n), &name);
    if app.tools.lexicon.is_empty() {
        app.tools.lexicon = default_lexicon(app);
    }
    ui.label(RichText::new("Correct").strong());
    let mut out: Vec<Command> = Vec::new();
    name_and_type(&mut app.tools, ui, (&id, &name, kind), &mut out);
    merge(app, ui, &id, &name, &mut out);
    alias(&mut app.tools, ui, &id, &mut out);
    out.extend(notes(app, ui, Subject::Actor(id)));
    for c in out {
        app.push(c);
    }
}

/// **Rename** and **Type** of the actor `(id, name, kind)`.
fn name_and_type(
    t: &mut Tools,
    ui: &mut egui::Ui,
    (id, name, kind): (&str, &str, ActorKind),
    out: &mut Vec<Command>,
) {
    ui.horizontal(|ui| {
        let l = ui.label("Name");
        ui.add(egui::TextEdit::singleline(&mut t.rename).desired_width(150.0))
            .labelled_by(l.id);
        if ui.button("Rename").clicked() && t.rename.trim() != name {
            out.push(Command::Correct(Correction::Rename {
                actor: id.to_owned(),
                name: t.rename.trim().to_owned(),
            }));
        }
    });
    ui.horizontal(|ui| {
        let l = ui.label("Type");
        let mut chosen = kind;
        egui::ComboBox::from_id_salt("actor-type")
            .selected_text(kind.as_str())
            .show_ui(ui, |ui| {
                for k in ACTOR_KINDS {
                    ui.selectable_value(&mut chosen, k, k.as_str());
                }
            })
            .response
            .labelled_by(l.id);
        if chosen != kind {
            out.push(Command::Correct(Correction::SetType {
                actor: id.to_owned(),
                kind: chosen,
            }));
        }
    });
}

/// **Merge into** the actor `id` another actor found by name, and **Unmerge** the ones merged
/// into it.
fn merge(app: &mut DyadApp, ui: &mut egui::Ui, id: &str, name: &str, out: &mut Vec<Command>) {
    let l = ui.label(format!("Merge into {name}"));
    ui.add(
        egui::TextEdit::singleline(&mut app.tools.merge_query)
            .hint_text("another actor's name")
            .desired_width(f32::INFINITY),
    )
    .labelled_by(l.id);
    let q = crate::fold::search_key(app.tools.merge_query.trim());
    if !q.is_empty() {
        let g = &app.doc.network().graph;
        let key = crate::fold::search_key;
        let mut hits: Vec<(String, String, usize)> = g
            .node_weights()
            .filter(|b| b.id != id)
            .filter(|b| key(&b.name).contains(&q) || b.aliases.iter().any(|s| key(s).contains(&q)))
            .map(|b| (b.name.to_string(), b.id.clone(), b.mentions))
            .collect();
        hits.sort();
        if hits.is_empty() {
            ui.weak("No actor matches.");
        }
        for (other, other_id, mentions) in hits.into_iter().take(MERGE_HITS) {
            if ui
                .button(format!("Merge {other} ({mentions})"))
                .on_hover_text(format!("{other} is {name}: its relations become {name}'s"))
                .clicked()
            {
                out.push(Command::Correct(Correction::Merge {
                    from: other_id,
                    into: id.to_owned(),
                }));
            }
        }
    }
    for (i, from) in app.doc.merged_into(id) {
        let raw = app.doc.extracted_network();
        let from_name = raw
            .node(&from)
            .map_or(from.clone(), |m| raw.graph[m].name.to_string());
        ui.horizontal(|ui| {
            ui.weak(format!("merged: {from_name}"));
            if ui.small_button("Unmerge").clicked() {
                out.push(Command::RemoveCorrection(i));
            }
        });
    }
}

/// **Alias** + **Lexicon** + **Add alias**: a name of the actor `id` written into a lexicon.
fn alias(t: &mut Tools, ui: &mut egui::Ui, id: &str, out: &mut Vec<Command>) {
    ui.horizontal(|ui| {
        let l = ui.label("Alias");
        ui.add(
            egui::TextEdit::singleline(&mut t.alias)
                .hint_text("another name in the text")
                .desired_width(150.0),
        )
        .labelled_by(l.id);
    });
    ui.horizontal(|ui| {
        let l = ui.label("Lexicon");
        ui.add(egui::TextEdit::singleline(&mut t.lexicon).desired_width(150.0))
            .labelled_by(l.id);
        if ui
            .button("Add alias")
            .on_hover_text("Write the alias into this lexicon file and read the articles again")
            .clicked()
            && !t.alias.trim().is_empty()
            && !t.lexicon.trim().is_empty()
        {
            out.push(Command::AddAlias {
                actor: id.to_owned(),
                alias: t.alias.trim().to_owned(),
                lexicon: t.lexicon.trim().into(),
            });
            t.alias.clear();
        }
    });
}

/// Reject, change the kind of and annotate the selected relation.
pub(super) fn edge_tools(app: &mut DyadApp, ui: &mut egui::Ui, e: EdgeIndex) {
    let Some(relation) = app.doc.edge_ref(e) else {
        return;
    };
    app.tools.follow(Selection::Edge(e), "");
    let mut out: Vec<Command> = Vec::new();
    ui.horizontal(|ui| {
        if ui
            .small_button("Reject relation")
            .on_hover_text("The relation is wrong: remove it (it stays removed after re-reading)")
            .clicked()
        {
            out.push(Command::Correct(Correction::RejectRelation {
                relation: relation.clone(),
            }));
        }
    });
    let kinds = app.doc.kinds();
    let t = &mut app.tools;
    if t.kind.is_empty() || t.kind == relation.kind {
        t.kind = kinds
            .names()
            .into_iter()
            .find(|k| *k != relation.kind)
            .unwrap_or_default()
            .to_owned();
    }
    ui.horizontal(|ui| {
        // the kind to change to (the relation's own kind is in the heading above)
        let l = ui
            .label("New kind")
            .on_hover_text("The kind this relation should have instead");
        egui::ComboBox::from_id_salt("change-kind")
            .selected_text(t.kind.clone())
            .show_ui(ui, |ui| {
                for k in kinds.names() {
                    if k != relation.kind {
                        ui.selectable_value(&mut t.kind, k.to_owned(), k);
                    }
                }
            })
            .response
            .labelled_by(l.id);
        let directed = kinds.get(&t.kind).is_some_and(|k| k.directed);
        if directed {
            ui.checkbox(&mut t.reverse, "turn round");
        }
        if ui.button("Change kind").clicked() {
            out.push(Command::Correct(Correction::ChangeKind {
                relation: relation.clone(),
                kind: t.kind.clone(),
                reverse: directed && t.reverse,
            }));
        }
    });
    out.extend(notes(app, ui, Subject::Relation(relation)));
    for c in out {
        app.push(c);
    }
}

/// The notes on an actor or relation, each with a way to delete it, and a field to add one.
fn notes(app: &mut DyadApp, ui: &mut egui::Ui, about: Subject) -> Vec<Command> {
    let mut out = Vec::new();
    for (i, text) in app.doc.notes(&about) {
        ui.horizontal(|ui| {
            ui.label(RichText::new(format!("Note: {text}")).italics());
            if ui.small_button("Delete note").clicked() {
                out.push(Command::RemoveCorrection(i));
            }
        });
    }
    let t = &mut app.tools;
    ui.horizontal(|ui| {
        let l = ui.label("Note");
        ui.add(egui::TextEdit::singleline(&mut t.note).desired_width(180.0))
            .labelled_by(l.id);
        if ui.button("Add note").clicked() && !t.note.trim().is_empty() {
            out.push(Command::Correct(Correction::Note {
                about,
                text: t.note.trim().to_owned(),
            }));
            t.note.clear();
        }
    });
    out
}

/// "Open article" and "Reject sentence" under evidence sentence `i` of relation `e`.
pub(super) fn sentence_buttons(app: &mut DyadApp, ui: &mut egui::Ui, e: EdgeIndex, i: usize) {
    let net = app.doc.network();
    let (Some(relation), Some(ev)) = (
        app.doc.edge_ref(e),
        net.graph.edge_weight(e).and_then(|r| r.evidence.get(i)),
    ) else {
        return;
    };
    let article = net
        .articles
        .get(ev.article)
        .map(|a| a.path.clone())
        .unwrap_or_default();
    let reject = Correction::RejectSentence {
        relation,
        article,
        sentence: ev.sentence,
        text: ev.text.clone(),
    };
    ui.horizontal(|ui| {
        if ui.small_button("Open article").clicked() {
            app.push(Command::OpenArticle {
                edge: e,
                evidence: i,
            });
        }
        if ui
            .small_button("Reject sentence")
            .on_hover_text("This sentence does not say so: remove it from the relation")
            .clicked()
        {
            app.push(Command::Correct(reject));
        }
    });
}

/// The corrections list (left panel): what was changed, each with a way to take it out.
pub(super) fn list(app: &mut DyadApp, ui: &mut egui::Ui) {
    let n = app.doc.corrections().len();
    ui.heading(format!("Corrections ({n})"));
    if n == 0 {
        ui.weak("None. Select an actor or a relation to correct it.");
        return;
    }
    // one row each, only the rows in view laid out (a long session stays one short list)
    let row_height = ui.spacing().interact_size.y + ui.spacing().item_spacing.y;
    egui::ScrollArea::vertical()
        .id_salt("corrections")
        .max_height(LIST_HEIGHT)
        .auto_shrink([false, true])
        .show_rows(ui, row_height, n, |ui, range| {
            for i in range {
                row(app, ui, i);
            }
        });
}

/// Height of the corrections list before it scrolls.
const LIST_HEIGHT: f32 = 150.0;

fn row(app: &mut DyadApp, ui: &mut egui::Ui, i: usize) {
    let text = app.doc.describe_correction(i);
    let applies = app.doc.correction_applies(i);
    ui.horizontal(|ui| {
        if ui
            .small_button("Remove")
            .on_hover_text("Take this correction out")
            .clicked()
        {
            app.push(Command::RemoveCorrection(i));
        }
        let label = if applies {
            RichText::new(text).small()
        } else {
            RichText::new(format!("{text} (does not apply)"))
                .small()
                .weak()
        };
        let shown = ui
            .add(
                egui::Label::new(label)
                    .truncate()
                    .sense(egui::Sense::click()),
            )
            .on_hover_text(format!(
                "{}\nClick to select it",
                app.doc.describe_correction(i)
            ));
        if shown.clicked()
            && let Some(sel) = subject_selection(app, i)
        {
            app.push(sel);
        }
    });
}

/// What selecting correction `i`'s entry selects: its actor or relation, where it is now.
fn subject_selection(app: &DyadApp, i: usize) -> Option<Command> {
    let net = app.doc.network();
    match app.doc.corrections().get(i)?.subject()? {
        Subject::Actor(id) => net.node(&id).map(Command::FindNode),
        Subject::Relation(r) => net
            .find_relation(&r.source, &r.target, &r.kind)
            .map(|e| Command::Select(Selection::Edge(e))),
    }
}

/// The Edit menu: undo, redo.
pub(super) fn edit_menu(app: &mut DyadApp, ui: &mut egui::Ui) {
    ui.menu_button("Edit", |ui| {
        let h = app.doc.history();
        let (undo, redo) = (
            h.undo_label().map(str::to_owned),
            h.redo_label().map(str::to_owned),
        );
        let b = ui
            .add_enabled(
                undo.is_some(),
                egui::Button::new("Undo").shortcut_text("Ctrl+Z"),
            )
            .on_hover_text(undo.unwrap_or_default());
        if b.clicked() {
            app.push(Command::Undo);
        }
        let b = ui
            .add_enabled(
                redo.is_some(),
                egui::Button::new("Redo").shortcut_text("Ctrl+Shift+Z"),
            )
            .on_hover_text(redo.unwrap_or_default());
        if b.clicked() {
            app.push(Command::Redo);
        }
    });
}

/// Remember what a right click on the canvas was on (it is selected too).
pub(super) fn context_target(app: &mut DyadApp, node: Option<NodeIndex>, edge: Option<EdgeIndex>) {
    let sel = match (node, edge) {
        (Some(n), _) => Selection::Node(n),
        (None, Some(e)) => Selection::Edge(e),
        _ => Selection::None,
    };
    app.tools.context = sel;
    if sel != Selection::None {
        app.push(Command::Select(sel));
    }
}

/// The canvas's context menu on an actor or a relation.
pub(super) fn context_menu(app: &mut DyadApp, ui: &mut egui::Ui) {
    match app.tools.context {
        Selection::Node(n) => {
            let Some(a) = app.doc.network().graph.node_weight(n) else {
                return;
            };
            let (id, kind) = (a.id.clone(), a.kind);
            ui.menu_button("Type", |ui| {
                for k in ACTOR_KINDS {
                    if ui.radio(k == kind, k.as_str()).clicked() && k != kind {
                        app.push(Command::Correct(Correction::SetType {
                            actor: id.clone(),
                            kind: k,
                        }));
                        ui.close();
                    }
                }
            });
            ui.weak("Rename, merge, alias, note: in the details panel");
            if ui.button("Hide actor").clicked() {
                app.push(Command::HideNode(n));
                ui.close();
            }
        }
        Selection::Edge(e) => {
            let Some(relation) = app.doc.edge_ref(e) else {
                return;
            };
            if ui.button("Reject relation").clicked() {
                app.push(Command::Correct(Correction::RejectRelation {
                    relation: relation.clone(),
                }));
                ui.close();
            }
            let kinds = app.doc.kinds();
            ui.menu_button("Change kind", |ui| {
                for k in kinds.names() {
                    if k != relation.kind && ui.button(k).clicked() {
                        app.push(Command::Correct(Correction::ChangeKind {
                            relation: relation.clone(),
                            kind: k.to_owned(),
                            reverse: false,
                        }));
                        ui.close();
                    }
                }
            });
            if ui.button("Hide this edge").clicked() {
                app.push(Command::HideEdge(e));
                ui.close();
            }
        }
        Selection::None => {
            ui.close();
        }
    }
}

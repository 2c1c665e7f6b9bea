//! Corrections, undo and redo in the app: each goes to the document, then the view follows
//! (the selection by actor id or relation, pins, hidden actors, the filter's view, the
//! layout).

use std::path::PathBuf;

use petgraph::stable_graph::NodeIndex;

use super::{DyadApp, Selection};
use crate::document::Correction;
use crate::workspace::EdgeRef;

/// The selection by id, to find it again in the network after an edit.
enum Selected {
    None,
    Actor(String),
    Relation(EdgeRef),
}

impl DyadApp {
    fn selected(&self) -> Selected {
        match self.selection {
            Selection::Node(n) => self
                .doc
                .network()
                .graph
                .node_weight(n)
                .map_or(Selected::None, |a| Selected::Actor(a.id.clone())),
            Selection::Edge(e) => self
                .doc
                .edge_ref(e)
                .map_or(Selected::None, Selected::Relation),
            Selection::None => Selected::None,
        }
    }

    /// Make a correction; what was selected stays selected where it still is (a merged
    /// actor: the actor it was merged into; a relation of another kind: the new one).
    pub(super) fn correct(&mut self, c: Correction) {
        let mut sel = self.selected();
        match (&c, &mut sel) {
            (Correction::Merge { from, into }, Selected::Actor(id)) if id == from => {
                *id = into.clone();
            }
            (
                Correction::ChangeKind {
                    relation,
                    kind,
                    reverse,
                },
                Selected::Relation(r),
            ) if r == relation => {
                r.kind = kind.clone();
                if *reverse {
                    std::mem::swap(&mut r.source, &mut r.target);
                }
            }
            _ => {}
        }
        match self.doc.correct(c) {
            Ok(()) => {
                self.status = self.doc.history().undo_label().unwrap_or("").to_owned();
                self.edits_changed(sel);
            }
            Err(e) => self.errors.push(e.to_string()),
        }
    }

    pub(super) fn remove_correction(&mut self, i: usize) {
        let sel = self.selected();
        if self.doc.remove_correction(i).is_some() {
            self.status = self.doc.history().undo_label().unwrap_or("").to_owned();
            self.edits_changed(sel);
        }
    }

    pub(super) fn undo(&mut self) {
        let sel = self.selected();
        match self.doc.undo() {
            Some(what) => {
                self.status = format!("Undid: {what}");
                self.edits_changed(sel);
            }
            None => self.status = "Nothing to undo.".to_owned(),
        }
    }

    pub(super) fn redo(&mut self) {
        let sel = self.selected();
        match self.doc.redo() {
            Some(what) => {
                self.status = format!("Redid: {what}");
                self.edits_changed(sel);
            }
            None => self.status = "Nothing to redo.".to_owned(),
        }
    }

    /// Add an alias to a user lexicon and read the articles again with it.
    pub(super) fn add_alias(&mut self, actor: &str, alias: &str, lexicon: PathBuf) {
        if self.reread(|doc| doc.add_alias(&lexicon, actor, alias)) {
            self.status = format!("Added “{alias}” to {}", lexicon.display());
        }
    }

    /// Corrections, pins or hidden items changed: the view follows.
    fn edits_changed(&mut self, sel: Selected) {
        let net = self.doc.network();
        self.selection = match sel {
            Selected::Actor(id) => net.node(&id).map_or(Selection::None, Selection::Node),
            Selected::Relation(r) => net
                .find_relation(&r.source, &r.target, &r.kind)
                .map_or(Selection::None, Selection::Edge),
            Selected::None => Selection::None,
        };
        self.hovered = None;
        if let Some((c, _)) = self.focus.ego
            && !self.doc.network().graph.contains_node(c)
        {
            self.focus.ego = None;
        }
        self.sync_hidden_actors();
        // actors no longer pinned move again
        let before = std::mem::take(&mut self.pinned);
        self.apply_pins();
        if let Some(w) = &self.layout {
            for n in before.difference(&self.pinned) {
                w.unpin(n.index());
            }
        }
        self.add_kinds();
        self.refresh_view();
        self.restart_layout(false);
        self.scene_dirty = true;
    }

    /// The focus's hidden actors from the document's (by id).
    pub(super) fn sync_hidden_actors(&mut self) {
        let net = self.doc.network();
        self.focus.hidden = self
            .doc
            .hidden_actors
            .iter()
            .filter_map(|id| net.node(id))
            .collect::<std::collections::BTreeSet<NodeIndex>>();
    }

    /// Ctrl+Z undoes, Ctrl+Shift+Z (or Ctrl+Y) redoes, unless a text field has the keys.
    pub(super) fn shortcuts(&mut self, ctx: &egui::Context) {
        use egui::{Key, KeyboardShortcut, Modifiers};
        if ctx.egui_wants_keyboard_input() {
            return;
        }
        let redo = KeyboardShortcut::new(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
        let redo_y = KeyboardShortcut::new(Modifiers::COMMAND, Key::Y);
        let undo = KeyboardShortcut::new(Modifiers::COMMAND, Key::Z);
        // (the shifted one first: Ctrl+Z also matches Ctrl+Shift+Z)
        let (r, u) = ctx.input_mut(|i| {
            let r = i.consume_shortcut(&redo) || i.consume_shortcut(&redo_y);
            (r, !r && i.consume_shortcut(&undo))
        });
        if r {
            self.push(super::Command::Redo);
        } else if u {
            self.push(super::Command::Undo);
        }
    }
}

//! Undo and redo of the user's edits: corrections, pins and hidden relations and actors.
//! Each step keeps the state before it (these are small: lists of ids), so undoing is
//! putting the old state back.

use std::collections::{BTreeMap, BTreeSet};

use super::Correction;
use crate::geom::Point;
use crate::workspace::EdgeRef;

/// Most steps kept.
const MAX_STEPS: usize = 200;

/// What undo and redo restore.
#[derive(Debug, Clone, PartialEq, Default)]
pub(super) struct Edits {
    pub corrections: Vec<Correction>,
    pub pins: BTreeMap<String, Point>,
    pub hidden: BTreeSet<EdgeRef>,
    pub hidden_actors: BTreeSet<String>,
}

/// The undo and redo stacks: (what the step did, the state before or after it).
#[derive(Debug, Clone, Default)]
pub struct History {
    undo: Vec<(String, Edits)>,
    redo: Vec<(String, Edits)>,
}

impl History {
    /// A step is about to be taken from state `before`.
    pub(super) fn record(&mut self, what: String, before: Edits) {
        self.undo.push((what, before));
        if self.undo.len() > MAX_STEPS {
            self.undo.remove(0);
        }
        self.redo.clear();
    }

    /// Step back from `now`: the state to restore and what the step did.
    pub(super) fn undo(&mut self, now: Edits) -> Option<(String, Edits)> {
        let (what, before) = self.undo.pop()?;
        self.redo.push((what.clone(), now));
        Some((what, before))
    }

    /// Step forward again from `now`.
    pub(super) fn redo(&mut self, now: Edits) -> Option<(String, Edits)> {
        let (what, after) = self.redo.pop()?;
        self.undo.push((what.clone(), now));
        Some((what, after))
    }

    /// What undo would take back.
    pub fn undo_label(&self) -> Option<&str> {
        self.undo.last().map(|(w, _)| w.as_str())
    }

    /// What redo would do again.
    pub fn redo_label(&self) -> Option<&str> {
        self.redo.last().map(|(w, _)| w.as_str())
    }

    pub fn clear(&mut self) {
        self.undo.clear();
        self.redo.clear();
    }
}

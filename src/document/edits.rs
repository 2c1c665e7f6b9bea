//! The user's edits of a document: corrections, and undo/redo of corrections, pins and
//! hidden relations and actors.

use std::path::Path;

use super::history::Edits;
use super::{Correction, Document, History, Subject, corrections};
use crate::error::{Error, Result};
use crate::workspace::EdgeRef;

impl Document {
    /// The corrections, in the order they are applied.
    pub fn corrections(&self) -> &[Correction] {
        &self.corrections
    }

    /// Whether correction `i` found its target in the network (an entry whose actor or
    /// relation is gone changes nothing).
    pub fn correction_applies(&self, i: usize) -> bool {
        self.applied.get(i).copied().unwrap_or(false)
    }

    /// Describe correction `i` for the corrections list.
    pub fn describe_correction(&self, i: usize) -> String {
        self.corrections
            .get(i)
            .map(|c| c.describe(self.extracted_network()))
            .unwrap_or_default()
    }

    /// Make a correction (a step that can be undone). Its actors or relation must be in the
    /// network shown; it is applied at once and after every later extraction.
    pub fn correct(&mut self, c: Correction) -> Result<()> {
        c.validate()?;
        let missing = |what: String| Err(Error::Correction { reason: what });
        let net = &self.network;
        let has_actor = |id: &str| net.node(id).is_some();
        let has_rel = |r: &EdgeRef| net.find_relation(&r.source, &r.target, &r.kind).is_some();
        match &c {
            Correction::Merge { from, into } => {
                for id in [from, into] {
                    if !has_actor(id) {
                        return missing(format!("no actor {id}"));
                    }
                }
            }
            Correction::Rename { actor, .. }
            | Correction::SetType { actor, .. }
            | Correction::Note {
                about: Subject::Actor(actor),
                ..
            } if !has_actor(actor) => return missing(format!("no actor {actor}")),
            Correction::RejectRelation { relation }
            | Correction::RejectSentence { relation, .. }
            | Correction::ChangeKind { relation, .. }
            | Correction::Note {
                about: Subject::Relation(relation),
                ..
            } if !has_rel(relation) => {
                return missing(format!("no relation {}", self.relation_label(relation)));
            }
            _ => {}
        }
        self.record(c.describe(&self.network));
        self.corrections.push(c);
        self.recorrect();
        Ok(())
    }

    /// Take correction `i` out (a step that can be undone); unmerging is taking the merge out.
    pub fn remove_correction(&mut self, i: usize) -> Option<Correction> {
        if i >= self.corrections.len() {
            return None;
        }
        self.record(format!("Remove “{}”", self.describe_correction(i)));
        let c = self.corrections.remove(i);
        self.recorrect();
        Some(c)
    }

    /// The merges into actor `id`: (correction index, merged actor's id).
    pub fn merged_into(&self, id: &str) -> Vec<(usize, String)> {
        self.corrections
            .iter()
            .enumerate()
            .filter_map(|(i, c)| match c {
                Correction::Merge { from, into } if into == id => Some((i, from.clone())),
                _ => None,
            })
            .collect()
    }

    /// The notes on an actor or a relation: (correction index, text).
    pub fn notes(&self, about: &Subject) -> Vec<(usize, &str)> {
        self.corrections
            .iter()
            .enumerate()
            .filter_map(|(i, c)| match c {
                Correction::Note { about: a, text } if a == about => Some((i, text.as_str())),
                _ => None,
            })
            .collect()
    }

    /// "Russia – Iran (cooperation)", with the names of the network shown.
    pub fn relation_label(&self, r: &EdgeRef) -> String {
        let name = |id: &str| {
            [&self.network, self.extracted_network()]
                .into_iter()
                .find_map(|net| net.node(id).map(|n| net.graph[n].name.to_string()))
                .unwrap_or_else(|| id.to_owned())
        };
        format!("{} – {} ({})", name(&r.source), name(&r.target), r.kind)
    }

    /// Add `alias` to actor `id` in a user lexicon file (made if missing) and read every
    /// article again with it (the lexicon is added to the document's if it is not there).
    /// Not a step of the undo history: the file is the user's.
    pub fn add_alias(&mut self, lexicon: &Path, id: &str, alias: &str) -> Result<()> {
        corrections::add_alias_to_lexicon(lexicon, id, alias)?;
        let mut lexicons = self.lexicons.clone();
        if !lexicons.iter().any(|l| l == lexicon) {
            lexicons.push(lexicon.to_path_buf());
        }
        self.set_lexicons(lexicons)
    }

    /// The undo history.
    pub fn history(&self) -> &History {
        &self.history
    }

    /// Remember the state before a step (`what` names it in Undo/Redo).
    pub fn record(&mut self, what: impl Into<String>) {
        let before = self.edits();
        self.history.record(what.into(), before);
    }

    /// Undo the last step; what it was.
    pub fn undo(&mut self) -> Option<String> {
        let (what, before) = self.history.undo(self.edits())?;
        self.restore(before);
        Some(what)
    }

    /// Redo the last undone step; what it was.
    pub fn redo(&mut self) -> Option<String> {
        let (what, after) = self.history.redo(self.edits())?;
        self.restore(after);
        Some(what)
    }

    fn edits(&self) -> Edits {
        Edits {
            corrections: self.corrections.clone(),
            pins: self.pins.clone(),
            hidden: self.hidden.clone(),
            hidden_actors: self.hidden_actors.clone(),
        }
    }

    fn restore(&mut self, e: Edits) {
        let changed = e.corrections != self.corrections;
        self.corrections = e.corrections;
        self.pins = e.pins;
        self.hidden = e.hidden;
        self.hidden_actors = e.hidden_actors;
        if changed {
            self.recorrect();
        }
    }

    /// Set the corrections (a workspace's), without a step in the history.
    pub(super) fn set_corrections(&mut self, corrections: Vec<Correction>) {
        self.corrections = corrections;
        self.recorrect();
    }
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;
    use crate::extract::ActorKind;
    use crate::geom::Point;
    use crate::pipeline::Progress;

    fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
        let p = dir.join(name);
        std::fs::write(&p, text).unwrap();
        p
    }

    /// France–Germany and Italy–Germany cooperation, in two sentences of one article.
    fn doc(dir: &Path) -> Document {
        let a = write(
            dir,
            "a.txt",
            "France and Germany signed an agreement on trade.\n\n\
             Italy and Germany signed an agreement on energy.\n",
        );
        let mut d = Document::default();
        d.load(&[a], &Progress::default());
        d
    }

    fn rel(s: &str, t: &str, k: &str) -> EdgeRef {
        EdgeRef {
            source: s.into(),
            target: t.into(),
            kind: k.into(),
        }
    }

    fn weight(d: &Document, s: &str, t: &str, k: &str) -> Option<usize> {
        let n = d.network();
        n.find_relation(s, t, k).map(|e| n.graph[e].weight())
    }

    #[test]
    fn a_merge_sticks_through_reextraction_and_new_articles() {
        let dir = tempfile::tempdir().unwrap();
        let mut d = doc(dir.path());
        assert_eq!(weight(&d, "france", "germany", "cooperation"), Some(1));
        d.correct(Correction::Merge {
            from: "italy".into(),
            into: "france".into(),
        })
        .unwrap();
        assert!(d.network().node("italy").is_none());
        assert_eq!(weight(&d, "france", "germany", "cooperation"), Some(2));
        assert!(
            d.extracted_network().node("italy").is_some(),
            "kept as read"
        );
        d.reextract();
        assert!(d.network().node("italy").is_none(), "still merged");
        assert_eq!(weight(&d, "france", "germany", "cooperation"), Some(2));
        let b = write(
            dir.path(),
            "b.txt",
            "Italy and Germany signed an agreement on defence.\n",
        );
        d.load(&[b], &Progress::default());
        assert!(d.network().node("italy").is_none(), "new articles too");
        assert_eq!(weight(&d, "france", "germany", "cooperation"), Some(3));
        assert!(d.correction_applies(0));
        // unmerge: take the merge out
        assert_eq!(d.merged_into("france"), vec![(0, "italy".to_owned())]);
        d.remove_correction(0).unwrap();
        assert_eq!(weight(&d, "italy", "germany", "cooperation"), Some(2));
        // without corrections the document keeps one network
        assert!(std::ptr::eq(d.extracted_network(), d.network()));
    }

    #[test]
    fn every_kind_of_correction_changes_the_network() {
        let dir = tempfile::tempdir().unwrap();
        let mut d = doc(dir.path());
        let fg = rel("france", "germany", "cooperation");
        d.correct(Correction::Rename {
            actor: "germany".into(),
            name: "FRG".into(),
        })
        .unwrap();
        d.correct(Correction::SetType {
            actor: "germany".into(),
            kind: ActorKind::Organisation,
        })
        .unwrap();
        let g = &d.network().graph[d.network().node("germany").unwrap()];
        assert_eq!((&*g.name, g.kind), ("FRG", ActorKind::Organisation));
        d.correct(Correction::ChangeKind {
            relation: rel("germany", "italy", "cooperation"),
            kind: "sanctions".into(),
            reverse: true,
        })
        .unwrap();
        assert!(weight(&d, "germany", "italy", "cooperation").is_none());
        let e = d.network().find_relation("italy", "germany", "sanctions");
        let (s, _) = d.network().graph.edge_endpoints(e.unwrap()).unwrap();
        assert_eq!(d.network().graph[s].id, "italy", "turned round, directed");
        d.correct(Correction::Note {
            about: Subject::Relation(fg.clone()),
            text: "check the date".into(),
        })
        .unwrap();
        assert_eq!(d.notes(&Subject::Relation(fg.clone())).len(), 1);
        let ev = d.network().graph[d
            .network()
            .find_relation("france", "germany", "cooperation")
            .unwrap()]
        .evidence[0]
            .clone();
        d.correct(Correction::RejectSentence {
            relation: fg.clone(),
            article: d.network().articles[ev.article].path.clone(),
            sentence: ev.sentence,
            text: ev.text,
        })
        .unwrap();
        assert!(
            weight(&d, "france", "germany", "cooperation").is_none(),
            "its only sentence"
        );
        // entries apply in order: the note found its relation before the sentence went
        assert!(d.correction_applies(3) && d.correction_applies(4));
        d.correct(Correction::RejectRelation {
            relation: rel("italy", "germany", "sanctions"),
        })
        .unwrap();
        assert_eq!(d.network().graph.edge_count(), 0);
        assert_eq!(d.corrections().len(), 6);
        assert!(d.describe_correction(0).contains("Renamed Germany to FRG"));
        // refused: nothing changes
        let bad = [
            Correction::Merge {
                from: "france".into(),
                into: "france".into(),
            },
            Correction::Merge {
                from: "nowhere".into(),
                into: "france".into(),
            },
            Correction::RejectRelation {
                relation: rel("france", "germany", "conflict"),
            },
            Correction::Rename {
                actor: "france".into(),
                name: " ".into(),
            },
        ];
        for c in bad {
            assert!(matches!(d.correct(c), Err(Error::Correction { .. })));
        }
        assert_eq!(d.corrections().len(), 6);
    }

    #[test]
    fn corrections_round_trip_through_json_and_workspaces() {
        let all = vec![
            Correction::Merge {
                from: "a".into(),
                into: "b".into(),
            },
            Correction::Rename {
                actor: "a".into(),
                name: "Ä".into(),
            },
            Correction::SetType {
                actor: "a".into(),
                kind: ActorKind::Group,
            },
            Correction::RejectRelation {
                relation: rel("a", "b", "conflict"),
            },
            Correction::RejectSentence {
                relation: rel("a", "b", "conflict"),
                article: "x.txt".into(),
                sentence: 3,
                text: "A hit B.".into(),
            },
            Correction::ChangeKind {
                relation: rel("a", "b", "conflict"),
                kind: "mistrust".into(),
                reverse: false,
            },
            Correction::Note {
                about: Subject::Actor("a".into()),
                text: "n".into(),
            },
        ];
        let json = serde_json::to_string(&all).unwrap();
        let back: Vec<Correction> = serde_json::from_str(&json).unwrap();
        assert_eq!(back, all);
        assert!(json.contains(r#""op":"merge""#) && json.contains(r#""type":"group""#));
        // an entry of a newer Dyad does not stop the file loading
        let newer: Vec<Correction> =
            serde_json::from_str(r#"[{"op": "split", "actor": "a"}]"#).unwrap();
        assert_eq!(newer, vec![Correction::Unknown]);

        let dir = tempfile::tempdir().unwrap();
        let mut d = doc(dir.path());
        d.correct(all[0].clone()).unwrap_err();
        d.correct(Correction::Merge {
            from: "italy".into(),
            into: "france".into(),
        })
        .unwrap();
        d.hidden_actors.insert("germany".into());
        let ws = dir.path().join("w.dyad.json");
        d.to_workspace().save(&ws).unwrap();
        let (back, _) = Document::open_workspace(&ws).unwrap();
        assert_eq!(back.corrections(), d.corrections());
        assert_eq!(back.hidden_actors, d.hidden_actors);
        assert!(back.network().node("italy").is_none(), "applied on opening");
        assert_eq!(weight(&back, "france", "germany", "cooperation"), Some(2));
        // a workspace of before corrections still opens
        let old =
            crate::workspace::Workspace::from_slice(&ws, br#"{"version": 1, "articles": []}"#)
                .unwrap();
        assert!(old.corrections.is_empty());
    }

    #[test]
    fn undo_and_redo_step_through_corrections_pins_and_hides() {
        let dir = tempfile::tempdir().unwrap();
        let mut d = doc(dir.path());
        assert!(d.undo().is_none() && d.redo().is_none());
        d.correct(Correction::Merge {
            from: "italy".into(),
            into: "france".into(),
        })
        .unwrap();
        d.record("Pin France");
        d.pins.insert("france".into(), Point::new(1.0, 2.0));
        let e = d.network().sorted_edges()[0];
        d.hide(e);
        assert_eq!(
            d.history().undo_label(),
            Some("Hide France – Germany (cooperation)")
        );

        assert!(d.undo().unwrap().starts_with("Hide"));
        assert!(d.hidden.is_empty());
        assert_eq!(d.undo().as_deref(), Some("Pin France"));
        assert!(d.pins.is_empty());
        assert_eq!(d.undo().as_deref(), Some("Merged Italy into France"));
        assert!(d.network().node("italy").is_some(), "unmerged");
        assert!(d.undo().is_none());

        assert_eq!(d.redo().as_deref(), Some("Merged Italy into France"));
        assert!(d.network().node("italy").is_none());
        assert_eq!(d.redo().as_deref(), Some("Pin France"));
        assert_eq!(d.pins.len(), 1);
        // a new step drops what was undone
        d.record("Hide Germany");
        d.hidden_actors.insert("germany".into());
        assert!(d.redo().is_none());
        assert_eq!(d.undo().as_deref(), Some("Hide Germany"));
        assert!(d.hidden_actors.is_empty());
    }

    #[test]
    fn an_alias_goes_into_the_user_lexicon_and_is_read_at_once() {
        let dir = tempfile::tempdir().unwrap();
        let a = write(
            dir.path(),
            "a.txt",
            "Gallia and Germany signed an agreement on trade.\n",
        );
        let mut d = Document::default();
        d.load(&[a], &Progress::default());
        assert!(d.network().node("france").is_none());
        let lex = dir.path().join("mine.json");
        d.add_alias(&lex, "france", "Gallia").unwrap();
        assert_eq!(d.lexicons(), std::slice::from_ref(&lex));
        assert!(weight(&d, "france", "germany", "cooperation").is_some());
        // again, into the same entry; the rest of the file stays
        d.add_alias(&lex, "france", "La Republique").unwrap();
        d.add_alias(&lex, "france", "Gallia").unwrap();
        let text = std::fs::read_to_string(&lex).unwrap();
        assert_eq!(text.matches("\"france\"").count(), 1, "{text}");
        assert_eq!(text.matches("Gallia").count(), 1, "{text}");
        // a file that is no lexicon is left alone
        let bad = write(dir.path(), "notes.json", "[1, 2]");
        assert!(d.add_alias(&bad, "france", "X").is_err());
        assert_eq!(std::fs::read_to_string(&bad).unwrap(), "[1, 2]");
        assert!(d.add_alias(&lex, "france", "  ").is_err());
    }
}

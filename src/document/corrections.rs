//! Corrections that stick: what the user changed in the extracted network (merge two actors,
//! rename one, set its type, reject a relation or one of its sentences, change a relation's
//! kind, a note), as a list of entries saved in the workspace and applied, in order, to the
//! network every time it is built (after a load, a re-extraction, a lexicon change).
//!
//! Entries name actors by id and relations by (source id, target id, kind), never by graph
//! index, so they find their target again in a network extracted anew. An entry whose target
//! is gone (the article was removed, an earlier merge was undone) changes nothing and is
//! marked as not applying.

use std::collections::HashMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::extract::ActorKind;
use crate::kinds::KindRegistry;
use crate::network::Network;
use crate::workspace::EdgeRef;

/// What a note is about.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Subject {
    Actor(String),
    Relation(EdgeRef),
}

/// One correction.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum Correction {
    /// Actor `from` is actor `into`: its mentions and relations become `into`'s.
    Merge { from: String, into: String },
    /// Show an actor under another name.
    Rename { actor: String, name: String },
    /// Set an actor's type.
    SetType {
        actor: String,
        #[serde(rename = "type")]
        kind: ActorKind,
    },
    /// The relation is wrong: remove it with its sentences.
    RejectRelation { relation: EdgeRef },
    /// One sentence does not support the relation. `article` is the article's path,
    /// `sentence` its index in the article; `text` (the sentence) finds it again if the
    /// article's sentences moved.
    RejectSentence {
        relation: EdgeRef,
        article: String,
        sentence: usize,
        #[serde(default)]
        text: String,
    },
    /// The relation is of another kind (`reverse`: a directed kind runs from the saved
    /// target to the saved source).
    ChangeKind {
        relation: EdgeRef,
        kind: String,
        #[serde(default)]
        reverse: bool,
    },
    /// A note on an actor or a relation (changes nothing in the network).
    Note { about: Subject, text: String },
    /// An entry of a newer Dyad (kept out of the network).
    #[serde(other)]
    Unknown,
}

impl Correction {
    /// A one-line description for the corrections list; names from `net` (the network as
    /// extracted) where it knows them, ids otherwise.
    pub fn describe(&self, net: &Network) -> String {
        let name = |id: &str| {
            net.node(id)
                .map(|n| net.graph[n].name.to_string())
                .unwrap_or_else(|| id.to_owned())
        };
        let rel = |r: &EdgeRef| format!("{} – {} ({})", name(&r.source), name(&r.target), r.kind);
        match self {
            Correction::Merge { from, into } => {
                format!("Merged {} into {}", name(from), name(into))
            }
            Correction::Rename { actor, name: to } => {
                format!("Renamed {} to {to}", name(actor))
            }
            Correction::SetType { actor, kind } => {
                format!("{} is a {}", name(actor), kind.as_str())
            }
            Correction::RejectRelation { relation } => format!("Rejected {}", rel(relation)),
            Correction::RejectSentence { relation, text, .. } => {
                format!(
                    "Rejected a sentence of {}: “{}”",
                    rel(relation),
                    short(text, 60)
                )
            }
            Correction::ChangeKind {
                relation,
                kind,
                reverse,
            } => format!(
                "{} is {kind}{}",
                rel(relation),
                if *reverse { " (turned round)" } else { "" }
            ),
            Correction::Note { about, text } => {
                let on = match about {
                    Subject::Actor(id) => name(id),
                    Subject::Relation(r) => rel(r),
                };
                format!("Note on {on}: {}", short(text, 60))
            }
            Correction::Unknown => "A correction of a newer Dyad (ignored)".to_owned(),
        }
    }

    /// What the entry is about, to show it: the actor (a merge: the one kept) or the relation
    /// (a change of kind: the relation it became); `None` for a rejected relation.
    pub fn subject(&self) -> Option<Subject> {
        match self {
            Correction::Merge { into: id, .. }
            | Correction::Rename { actor: id, .. }
            | Correction::SetType { actor: id, .. } => Some(Subject::Actor(id.clone())),
            Correction::RejectSentence { relation, .. } => {
                Some(Subject::Relation(relation.clone()))
            }
            Correction::ChangeKind {
                relation,
                kind,
                reverse,
            } => {
                let mut r = relation.clone();
                r.kind = kind.clone();
                if *reverse {
                    std::mem::swap(&mut r.source, &mut r.target);
                }
                Some(Subject::Relation(r))
            }
            Correction::Note { about, .. } => Some(about.clone()),
            Correction::RejectRelation { .. } | Correction::Unknown => None,
        }
    }

    /// Whether the entry makes sense at all (checked before it is added).
    pub fn validate(&self) -> Result<()> {
        let bad = |reason: &str| {
            Err(Error::Correction {
                reason: reason.to_owned(),
            })
        };
        match self {
            Correction::Merge { from, into } if from == into => {
                bad("an actor cannot be merged with itself")
            }
            Correction::Rename { name, .. } if name.trim().is_empty() => bad("the name is empty"),
            Correction::ChangeKind { relation, kind, .. }
                if kind.trim().is_empty() || *kind == relation.kind =>
            {
                bad("choose another kind")
            }
            Correction::Note { text, .. } if text.trim().is_empty() => bad("the note is empty"),
            Correction::Unknown => bad("unknown correction"),
            _ => Ok(()),
        }
    }
}

fn short(text: &str, max: usize) -> String {
    let t = text.trim();
    match t.char_indices().nth(max) {
        Some((i, _)) => format!("{}…", &t[..i]),
        None => t.to_owned(),
    }
}

/// Apply corrections, in order, to a network; per entry, whether it found its target.
/// `kinds` says which kinds are directed (for [`Correction::ChangeKind`]).
pub fn apply(net: &mut Network, corrections: &[Correction], kinds: &KindRegistry) -> Vec<bool> {
    if corrections.is_empty() {
        return Vec::new();
    }
    let mut by_path: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, a) in net.articles.iter().enumerate() {
        by_path.entry(a.path.as_str()).or_default().push(i);
    }
    // (owned: the network changes below)
    let by_path: HashMap<String, Vec<usize>> = by_path
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v))
        .collect();
    corrections
        .iter()
        .map(|c| apply_one(net, c, kinds, &by_path))
        .collect()
}

fn apply_one(
    net: &mut Network,
    c: &Correction,
    kinds: &KindRegistry,
    by_path: &HashMap<String, Vec<usize>>,
) -> bool {
    let find = |net: &Network, r: &EdgeRef| net.find_relation(&r.source, &r.target, &r.kind);
    match c {
        Correction::Merge { from, into } => net.merge_actors(from, into),
        Correction::Rename { actor, name } => net.rename_actor(actor, name.trim()),
        Correction::SetType { actor, kind } => net.set_actor_kind(actor, *kind),
        Correction::RejectRelation { relation } => {
            find(net, relation).is_some_and(|e| net.remove_relation(e))
        }
        Correction::RejectSentence {
            relation,
            article,
            sentence,
            text,
        } => {
            let Some(e) = find(net, relation) else {
                return false;
            };
            let articles = by_path.get(article).map(Vec::as_slice).unwrap_or(&[]);
            // the sentence by its text in that article (sentences may have moved), else by
            // its index
            let at: Vec<(usize, usize)> = net.graph[e]
                .evidence
                .iter()
                .filter(|ev| articles.contains(&ev.article))
                .filter(|ev| {
                    if text.is_empty() {
                        ev.sentence == *sentence
                    } else {
                        ev.text == *text
                    }
                })
                .map(|ev| (ev.article, ev.sentence))
                .collect();
            let mut done = false;
            for (a, s) in at {
                done |= net.remove_evidence(e, a, s);
            }
            done
        }
        Correction::ChangeKind {
            relation,
            kind,
            reverse,
        } => {
            let Some(e) = find(net, relation) else {
                return false;
            };
            let directed = kinds.get(kind).is_some_and(|k| k.directed);
            // a directed relation saved as source -> target keeps that direction
            net.change_kind(e, kind, directed, *reverse).is_some()
        }
        Correction::Note { about, .. } => match about {
            Subject::Actor(id) => net.node(id).is_some(),
            Subject::Relation(r) => find(net, r).is_some(),
        },
        Correction::Unknown => false,
    }
}

/// Add `alias` to actor `id` in a user lexicon file (made if missing), keeping the rest of
/// the file as it is; the file is checked as a lexicon and written atomically.
pub fn add_alias_to_lexicon(path: &Path, id: &str, alias: &str) -> Result<()> {
    use serde_json::{Value, json};
    let alias = alias.trim();
    if alias.is_empty() {
        return Err(Error::bad_input(path, "the alias is empty"));
    }
    let mut root: Value = match std::fs::read_to_string(path) {
        Ok(text) => {
            // a file that is no lexicon is not touched
            crate::extract::lexicon::parse(path, &text)?;
            serde_json::from_str(&text).map_err(|e| Error::bad_input(path, e.to_string()))?
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => json!({"version": 1}),
        Err(e) => return Err(Error::io(path, e)),
    };
    let obj = root
        .as_object_mut()
        .ok_or_else(|| Error::bad_input(path, "not a lexicon (no JSON object)"))?;
    let actors = obj
        .entry("actors")
        .or_insert_with(|| json!([]))
        .as_array_mut()
        .ok_or_else(|| Error::bad_input(path, "\"actors\" is not a list"))?;
    let entry = match actors
        .iter()
        .position(|a| a.get("id").and_then(Value::as_str) == Some(id))
    {
        Some(i) => &mut actors[i],
        None => {
            // forms only: the built-in name and type stay
            actors.push(json!({"id": id, "aliases": []}));
            actors.last_mut().expect("just pushed")
        }
    };
    let list = entry
        .as_object_mut()
        .ok_or_else(|| Error::bad_input(path, format!("actor {id} is not an object")))?
        .entry("aliases")
        .or_insert_with(|| json!([]))
        .as_array_mut()
        .ok_or_else(|| Error::bad_input(path, format!("aliases of {id} are not a list")))?;
    if !list.iter().any(|a| a.as_str() == Some(alias)) {
        list.push(json!(alias));
    }
    let text =
        serde_json::to_string_pretty(&root).map_err(|e| Error::bad_input(path, e.to_string()))?;
    crate::extract::lexicon::parse(path, &text)?;
    crate::export::write_atomic(path, format!("{text}\n").as_bytes())
}

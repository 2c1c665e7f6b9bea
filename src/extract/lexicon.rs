//! Lexicon files: actors (names, aliases, demonyms, seats, people) and relation triggers.
//!
//! The format is documented in `assets/lexicon/README.md`. Built-in files are embedded;
//! user files use the same format and are merged on top (same actor id: forms are added,
//! name/kind replaced; same relation kind: triggers are added).

use std::path::Path;

use serde::{Deserialize, Serialize};

use super::ActorKind;
use crate::error::Error;

/// The built-in lexicon files (name, content).
pub const BUILTIN_FILES: &[(&str, &str)] = &[
    (
        "assets/lexicon/actors.json",
        include_str!("../../assets/lexicon/actors.json"),
    ),
    (
        "assets/lexicon/triggers.json",
        include_str!("../../assets/lexicon/triggers.json"),
    ),
    // Derived by assets/lexicon/derive/derive_lexicon.py (see assets/lexicon/README.md).
    (
        "assets/lexicon/states.json",
        include_str!("../../assets/lexicon/states.json"),
    ),
    (
        "assets/lexicon/organisations.json",
        include_str!("../../assets/lexicon/organisations.json"),
    ),
    (
        "assets/lexicon/groups.json",
        include_str!("../../assets/lexicon/groups.json"),
    ),
    (
        "assets/lexicon/given_names.json",
        include_str!("../../assets/lexicon/given_names.json"),
    ),
];

/// One lexicon file.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LexiconFile {
    #[serde(default)]
    pub version: u32,
    #[serde(default)]
    pub actors: Vec<ActorEntry>,
    #[serde(default)]
    pub relations: Vec<RelationEntry>,
    /// Names that contain an actor's form but are not that actor ("Paris Club" is no France,
    /// "North America" no United States): matched with the actor forms (leftmost-longest,
    /// case as written) and dropped.
    #[serde(default)]
    pub not_actors: Vec<String>,
    /// Given names: a state name or seat right after one ("Tom Holland", "Denzel
    /// Washington") is part of a person's name, not the actor.
    #[serde(default)]
    pub given_names: Vec<String>,
}

/// An actor and every way the text may name it.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActorEntry {
    pub id: String,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub kind: ActorKind,
    /// Names and short names, matched case-sensitively as written (a lower-case form also
    /// matches with an upper-case first letter; forms of 4+ letters and <= 3 words also in
    /// ALL CAPS).
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Adjectives and nouns of nationality ("Russian", "Russians").
    #[serde(default)]
    pub demonyms: Vec<String>,
    /// Capitals and seats of government ("Moscow", "Kremlin"): the actor only when the place
    /// acts, not when it is a location ("in Moscow").
    #[serde(default)]
    pub seats: Vec<String>,
    /// Prefixes of compounds ("Sino-").
    #[serde(default)]
    pub prefixes: Vec<String>,
    /// Leaders and officials who speak for the actor.
    #[serde(default)]
    pub people: Vec<PersonEntry>,
}

/// A person who acts for an actor, with the dates of office (ISO `YYYY-MM-DD`, informative).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PersonEntry {
    pub name: String,
    #[serde(default)]
    pub role: String,
    #[serde(default)]
    pub from: Option<String>,
    #[serde(default)]
    pub to: Option<String>,
    /// Short forms used after the first mention ("Putin").
    #[serde(default)]
    pub short: Vec<String>,
    /// Other spellings of the full name.
    #[serde(default)]
    pub variants: Vec<String>,
}

/// A relation kind and its trigger words (explicit word forms, matched case-insensitively).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RelationEntry {
    pub kind: String,
    /// Whether the kind has a direction (source -> target) when the text gives one.
    #[serde(default)]
    pub directed: bool,
    #[serde(default)]
    pub triggers: Vec<String>,
    /// Triggers that assert the relation only among a plural subject
    /// ("the two leaders discussed ...").
    #[serde(default)]
    pub group_triggers: Vec<String>,
    /// Triggers naming a misdeed of the target ("Iran's destabilizing actions"): its owner
    /// or doer is the target; the clause subject or the statement's author is the source.
    #[serde(default)]
    pub target_triggers: Vec<String>,
}

/// Parse one lexicon file's text; `path` is only used for errors.
pub fn parse(path: &Path, text: &str) -> Result<LexiconFile, Error> {
    let lex: LexiconFile = serde_json::from_str(text).map_err(|e| Error::Lexicon {
        path: path.to_path_buf(),
        line: e.line(),
        reason: e.to_string(),
    })?;
    validate(path, text, &lex)?;
    Ok(lex)
}

fn line_of(text: &str, needle: &str) -> usize {
    text.find(needle)
        .map(|i| text[..i].bytes().filter(|&b| b == b'\n').count() + 1)
        .unwrap_or(0)
}

fn validate(path: &Path, text: &str, lex: &LexiconFile) -> Result<(), Error> {
    let err = |needle: &str, reason: String| Error::Lexicon {
        path: path.to_path_buf(),
        line: line_of(text, needle),
        reason,
    };
    for a in &lex.actors {
        if a.id.is_empty()
            || !a
                .id
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
        {
            return Err(err(
                &format!("\"{}\"", a.id),
                format!(
                    "actor id {:?} must be lower-case ascii snake case (a-z, 0-9, _)",
                    a.id
                ),
            ));
        }
        let forms = a
            .aliases
            .iter()
            .chain(&a.demonyms)
            .chain(&a.seats)
            .chain(&a.prefixes);
        for f in forms {
            if f.trim().is_empty() {
                return Err(err(
                    &format!("\"{}\"", a.id),
                    format!("actor {:?} has an empty form", a.id),
                ));
            }
        }
        for p in &a.people {
            if p.name.trim().is_empty() {
                return Err(err(
                    &format!("\"{}\"", a.id),
                    format!("actor {:?} has a person without a name", a.id),
                ));
            }
        }
    }
    if let Some(f) = lex
        .not_actors
        .iter()
        .chain(&lex.given_names)
        .find(|f| f.trim().is_empty())
    {
        return Err(err(
            &format!("\"{f}\""),
            "empty form in not_actors or given_names".to_owned(),
        ));
    }
    for r in &lex.relations {
        if r.kind.is_empty()
            || !r
                .kind
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
        {
            return Err(err(
                &format!("\"{}\"", r.kind),
                format!(
                    "relation kind {:?} must be lower-case ascii snake case",
                    r.kind
                ),
            ));
        }
        if let Some(t) = r
            .triggers
            .iter()
            .chain(&r.group_triggers)
            .chain(&r.target_triggers)
            .find(|t| t.trim().is_empty())
        {
            return Err(err(
                &format!("\"{}\"", r.kind),
                format!("relation {:?} has an empty trigger {t:?}", r.kind),
            ));
        }
    }
    Ok(())
}

/// Read and parse a lexicon file.
pub fn load(path: &Path) -> Result<LexiconFile, Error> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
    parse(path, &text)
}

/// Merge `add` into `base`.
pub fn merge(base: &mut LexiconFile, add: LexiconFile) {
    base.not_actors.extend(add.not_actors);
    base.given_names.extend(add.given_names);
    let mut pos: std::collections::HashMap<String, usize> = base
        .actors
        .iter()
        .enumerate()
        .map(|(i, a)| (a.id.clone(), i))
        .collect();
    for a in add.actors {
        match pos.get(&a.id).map(|&i| &mut base.actors[i]) {
            Some(b) => {
                if !a.name.is_empty() {
                    b.name = a.name;
                    b.kind = a.kind;
                }
                b.aliases.extend(a.aliases);
                b.demonyms.extend(a.demonyms);
                b.seats.extend(a.seats);
                b.prefixes.extend(a.prefixes);
                b.people.extend(a.people);
            }
            None => {
                pos.insert(a.id.clone(), base.actors.len());
                base.actors.push(a);
            }
        }
    }
    for r in add.relations {
        match base.relations.iter_mut().find(|b| b.kind == r.kind) {
            Some(b) => {
                b.triggers.extend(r.triggers);
                b.group_triggers.extend(r.group_triggers);
                b.target_triggers.extend(r.target_triggers);
            }
            None => base.relations.push(r),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_files_parse() {
        for (name, text) in BUILTIN_FILES {
            parse(Path::new(name), text).unwrap();
        }
    }

    #[test]
    fn syntax_error_has_line() {
        let e = parse(
            Path::new("x.json"),
            "{\n \"actors\": [\n  {\"id\": \"a\",, }\n ]\n}",
        )
        .unwrap_err();
        match e {
            Error::Lexicon { line, .. } => assert_eq!(line, 3),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn bad_id_has_line() {
        let e = parse(
            Path::new("x.json"),
            "{\n \"actors\": [\n  {\"id\": \"Bad Id\", \"name\": \"B\"}\n ]\n}",
        )
        .unwrap_err();
        match e {
            Error::Lexicon { line, reason, .. } => {
                assert_eq!(line, 3);
                assert!(reason.contains("snake"));
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn merge_adds_forms_and_kinds() {
        let mut base = parse(
            Path::new("a"),
            r#"{"actors":[{"id":"x","name":"X","aliases":["X"]}],"relations":[{"kind":"cooperation","triggers":["deal"]}]}"#,
        )
        .unwrap();
        let add = parse(
            Path::new("b"),
            r#"{"actors":[{"id":"x","aliases":["Ex"]}],"relations":[{"kind":"cooperation","triggers":["pact"]},{"kind":"trade","triggers":["exports"]}]}"#,
        )
        .unwrap();
        merge(&mut base, add);
        assert_eq!(base.actors[0].aliases, vec!["X", "Ex"]);
        assert_eq!(base.actors[0].name, "X");
        assert_eq!(base.relations[0].triggers, vec!["deal", "pact"]);
        assert_eq!(base.relations[1].kind, "trade");
    }
}

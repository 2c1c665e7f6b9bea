//! Actor gazetteer: every surface form of every actor in one leftmost-longest automaton,
//! with word-boundary, case and metonymy checks done by hand.

use std::collections::HashMap;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};

use super::lexicon::LexiconFile;

/// What sort of surface form matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormType {
    /// A name or short name ("Russia", "the Kremlin" is a seat, "UN").
    Name,
    /// A nationality adjective or noun ("Russian").
    Demonym,
    /// A capital or seat of government: the actor only when it acts.
    Seat,
    /// A compound prefix ("Sino-").
    Prefix,
    /// A person's full name.
    Person,
    /// A person's short name ("Putin").
    PersonShort,
}

#[derive(Debug, Clone, Copy)]
pub struct Form {
    pub actor: u32,
    pub ty: FormType,
}

/// A raw match of a surface form.
#[derive(Debug, Clone, Copy)]
pub struct RawMention {
    pub start: usize,
    pub end: usize,
    pub actor: u32,
    pub ty: FormType,
}

#[derive(Debug, Clone)]
pub struct Gazetteer {
    ac: AhoCorasick,
    forms: Vec<Form>,
}

fn variants(form: &str) -> Vec<String> {
    let mut v = vec![form.to_owned()];
    let mut chars = form.chars();
    if let Some(c) = chars.next()
        && c.is_lowercase()
    {
        let cap: String = c.to_uppercase().chain(chars).collect();
        v.push(cap);
    }
    if form.chars().filter(|c| c.is_alphabetic()).count() >= 4 {
        let up = form.to_uppercase();
        if up != form {
            v.push(up);
        }
    }
    v
}

impl Gazetteer {
    pub fn new(lex: &LexiconFile, actor_index: &HashMap<String, u32>) -> Self {
        let mut pats: Vec<String> = Vec::new();
        let mut forms: Vec<Form> = Vec::new();
        let mut seen: HashMap<String, usize> = HashMap::new();
        let mut add = |s: &str, actor: u32, ty: FormType| {
            for v in variants(s.trim()) {
                if v.is_empty() || seen.contains_key(&v) {
                    continue;
                }
                seen.insert(v.clone(), pats.len());
                pats.push(v);
                forms.push(Form { actor, ty });
            }
        };
        for a in &lex.actors {
            let Some(&idx) = actor_index.get(&a.id) else {
                continue;
            };
            for s in &a.aliases {
                add(s, idx, FormType::Name);
            }
            for s in &a.demonyms {
                add(s, idx, FormType::Demonym);
            }
            for s in &a.seats {
                add(s, idx, FormType::Seat);
            }
            for s in &a.prefixes {
                add(s, idx, FormType::Prefix);
            }
            for p in &a.people {
                add(&p.name, idx, FormType::Person);
                for s in &p.variants {
                    add(s, idx, FormType::Person);
                }
                for s in &p.short {
                    add(s, idx, FormType::PersonShort);
                }
            }
        }
        Gazetteer {
            ac: build(&pats, false),
            forms,
        }
    }

    /// All boundary-checked matches in `text`, in order.
    pub fn find(&self, text: &str) -> Vec<RawMention> {
        find_with(&self.ac, &self.forms, text)
    }
}

pub fn build<S: AsRef<[u8]>>(pats: &[S], case_insensitive: bool) -> AhoCorasick {
    // A DFA is several times faster than the default NFA on long texts; the lexicon is small
    // enough (a few thousand patterns) for its memory to stay modest.
    AhoCorasickBuilder::new()
        .match_kind(MatchKind::LeftmostLongest)
        .ascii_case_insensitive(case_insensitive)
        .kind(Some(AhoCorasickKind::DFA))
        .build(pats)
        .or_else(|_| {
            AhoCorasickBuilder::new()
                .match_kind(MatchKind::LeftmostLongest)
                .ascii_case_insensitive(case_insensitive)
                .build(pats)
        })
        .expect("automaton builds")
}

/// Whether the char ending at byte `i` (exclusive) is a word char.
pub fn word_before(text: &str, i: usize) -> bool {
    text.get(..i)
        .and_then(|s| s.chars().next_back())
        .is_some_and(|c| c.is_alphanumeric() || c == '_')
}

/// Whether the char starting at byte `i` is a word char.
pub fn word_after(text: &str, i: usize) -> bool {
    text.get(i..)
        .and_then(|s| s.chars().next())
        .is_some_and(|c| c.is_alphanumeric() || c == '_')
}

pub fn find_with(ac: &AhoCorasick, forms: &[Form], text: &str) -> Vec<RawMention> {
    let mut out = Vec::new();
    for m in ac.find_iter(text) {
        let (s, e) = (m.start(), m.end());
        if !text.is_char_boundary(s) || !text.is_char_boundary(e) {
            continue;
        }
        let f = forms[m.pattern().as_usize()];
        if word_before(text, s) {
            continue;
        }
        let pat_ends_hyphen = text[..e].ends_with('-');
        if !pat_ends_hyphen && word_after(text, e) {
            continue;
        }
        // A pattern ending in '.' ("U.S.") may swallow a sentence's full stop: fine either way.
        out.push(RawMention {
            start: s,
            end: e,
            actor: f.actor,
            ty: f.ty,
        });
    }
    out
}

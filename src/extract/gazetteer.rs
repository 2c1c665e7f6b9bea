//! Actor gazetteer: every surface form of every actor in one leftmost-longest automaton,
//! with word-boundary, case and metonymy checks done by hand.

use std::collections::{HashMap, HashSet};

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

/// The actor index of a `not_actors` form: matched, then dropped.
pub const NOT_ACTOR: u32 = u32::MAX;

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
    /// Given names: a name or seat right after one is a person's surname ("Tom Holland").
    given: HashSet<String>,
}

/// "the Sudan" is a name, and so is "Sudan People's Liberation Army": leftmost-longest
/// matching would take "the Sudan" in "the Sudan People's Liberation Army". For every name
/// that extends the bare word of a "the"-name, the same name with "the" in front.
fn the_extended(lex: &LexiconFile, actor_index: &super::IdIndex) -> Vec<(String, u32)> {
    let mut names: std::collections::BTreeMap<&str, u32> = std::collections::BTreeMap::new();
    for a in &lex.actors {
        if let Some(&idx) = actor_index.get(&a.id) {
            for s in &a.aliases {
                names.entry(s.trim()).or_insert(idx);
            }
        }
    }
    let mut out = Vec::new();
    for the in names.keys() {
        let Some(bare) = the
            .strip_prefix("the ")
            .or_else(|| the.strip_prefix("The "))
        else {
            continue;
        };
        let stem = format!("{bare} ");
        for (longer, &idx) in names.range(stem.as_str()..) {
            if !longer.starts_with(&stem) {
                break;
            }
            for article in ["the ", "The "] {
                let f = format!("{article}{longer}");
                if !names.contains_key(f.as_str()) {
                    out.push((f, idx));
                }
            }
        }
    }
    out
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
    // ALL CAPS (headlines) for forms of 4+ letters and at most three words: long names are
    // rare in capitals and would double the automaton.
    if form.chars().filter(|c| c.is_alphabetic()).count() >= 4 && form.split(' ').count() <= 3 {
        let up = form.to_uppercase();
        if up != form {
            v.push(up);
        }
    }
    // broadcast wire copy spells acronyms letter by letter: "U-S", "U-N Security Council",
    // "P-K-K"
    if let Some(h) = hyphen_spelled(form) {
        // and typewriter copy with spaced initials: "U. N. Security Council"
        let spaced = spaced_initials(form);
        v.push(h);
        v.extend(spaced);
    }
    v
}

/// `form` with each of its words that `respell` rewrites rewritten; `None` when none is.
fn respelled(form: &str, respell: impl Fn(&str) -> Option<String>) -> Option<String> {
    let mut changed = false;
    let words: Vec<String> = form
        .split(' ')
        .map(|w| match respell(w) {
            Some(r) => {
                changed = true;
                r
            }
            None => w.to_owned(),
        })
        .collect();
    changed.then(|| words.join(" "))
}

/// `form` with each dotted acronym word spelled with spaced initials ("U.N." -> "U. N.");
/// `None` when it has no dotted acronym.
fn spaced_initials(form: &str) -> Option<String> {
    respelled(form, |w| {
        let parts: Vec<&str> = w.split('.').collect();
        let dotted = parts.len() >= 3
            && parts.last() == Some(&"")
            && parts[..parts.len() - 1]
                .iter()
                .all(|p| p.len() == 1 && p.chars().all(|c| c.is_ascii_uppercase()));
        dotted.then(|| {
            parts[..parts.len() - 1]
                .iter()
                .map(|p| format!("{p}."))
                .collect::<Vec<_>>()
                .join(" ")
        })
    })
}

/// `form` with each acronym word ("UN", "U.S.", "NATO"; two to five capitals) spelled with
/// hyphens ("U-N", "U-S", "N-A-T-O"); `None` when it has no such word.
fn hyphen_spelled(form: &str) -> Option<String> {
    respelled(form, |w| {
        let letters: String = w.chars().filter(|&c| c != '.').collect();
        let dotted = w.contains('.');
        let acronym = (2..=5).contains(&letters.len())
            && letters.chars().all(|c| c.is_ascii_uppercase())
            && (!dotted || w.split('.').all(|p| p.len() <= 1));
        acronym.then(|| {
            letters
                .chars()
                .map(String::from)
                .collect::<Vec<_>>()
                .join("-")
        })
    })
}

impl Gazetteer {
    pub fn new(lex: &LexiconFile, actor_index: &super::IdIndex) -> Self {
        let extras = the_extended(lex, actor_index);
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
                // "North-Korean", "South-African"
                let words: Vec<&str> = s.trim().split(' ').collect();
                if words.len() == 2 && words.iter().all(|w| w.starts_with(char::is_uppercase)) {
                    add(&words.join("-"), idx, FormType::Demonym);
                }
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
        for (form, idx) in &extras {
            add(form, *idx, FormType::Name);
        }
        // Names that contain a form but are not the actor: after every actor form, so an
        // actor's own form is never shadowed; leftmost-longest lets them swallow the shorter
        // form inside ("North America" over "America").
        for s in &lex.not_actors {
            add(s, NOT_ACTOR, FormType::Name);
        }
        Gazetteer {
            ac: build_large(&pats),
            forms,
            given: lex
                .given_names
                .iter()
                .map(|s| s.trim().to_owned())
                .collect(),
        }
    }

    /// All boundary-checked matches in `text`, in order, without the `not_actors` names and
    /// without names and seats that are a person's surname after a given name.
    ///
    /// A person's short name after another given name ("Finance Minister Gerhard
    /// Stoltenberg" is not NATO's Jens Stoltenberg) names someone else: that surname is no
    /// short name of the lexicon's person anywhere in the text.
    pub fn find(&self, text: &str) -> Vec<RawMention> {
        let mut v = find_with(&self.ac, &self.forms, text);
        let other_people: Vec<&str> = v
            .iter()
            .filter(|m| m.ty == FormType::PersonShort && self.after_given_name(text, m.start))
            .map(|m| &text[m.start..m.end])
            .collect();
        v.retain(|m| {
            m.actor != NOT_ACTOR
                && !(matches!(m.ty, FormType::Name | FormType::Seat)
                    && self.after_given_name(text, m.start))
                && !(m.ty == FormType::PersonShort && other_people.contains(&&text[m.start..m.end]))
        });
        v
    }

    /// Whether the word right before `start` (one space between) is a capitalised given name.
    fn after_given_name(&self, text: &str, start: usize) -> bool {
        if self.given.is_empty() {
            return false;
        }
        let Some(before) = text.get(..start).and_then(|s| s.strip_suffix(' ')) else {
            return false;
        };
        let from = before
            .char_indices()
            .rev()
            .take_while(|(_, c)| c.is_alphabetic())
            .last()
            .map_or(before.len(), |(i, _)| i);
        let w = &before[from..];
        // The given name must itself be a whole word ("Tom", not "Atom"), capitalised.
        w.chars().next().is_some_and(char::is_uppercase)
            && !word_before(before, from)
            && self.given.contains(w)
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

/// The actor automaton: thousands of forms. A DFA over them takes ~0.3 s to build (every
/// state times every byte class); the contiguous NFA builds in a few milliseconds and
/// searches almost as fast, its transitions stay in cache.
pub fn build_large<S: AsRef<[u8]>>(pats: &[S]) -> AhoCorasick {
    AhoCorasickBuilder::new()
        .match_kind(MatchKind::LeftmostLongest)
        .kind(Some(AhoCorasickKind::ContiguousNFA))
        .build(pats)
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
        push_checked(
            text,
            m.start(),
            m.end(),
            forms[m.pattern().as_usize()],
            &mut out,
        );
    }
    out
}

/// The boundary checks of a raw match; pushes it when it is a whole word.
#[inline]
fn push_checked(text: &str, s: usize, e: usize, f: Form, out: &mut Vec<RawMention>) {
    if !text.is_char_boundary(s) || !text.is_char_boundary(e) {
        return;
    }
    if word_before(text, s) {
        return;
    }
    let pat_ends_hyphen = text.as_bytes()[..e].ends_with(b"-");
    if !pat_ends_hyphen && word_after(text, e) {
        return;
    }
    // A pattern ending in '.' ("U.S.") may swallow a sentence's full stop: fine either way.
    out.push(RawMention {
        start: s,
        end: e,
        actor: f.actor,
        ty: f.ty,
    });
}

/// Same result as `find_with(&build(pats, false), forms, text)` for a handful of patterns,
/// without compiling an automaton: leftmost-longest, non-overlapping matches (the lowest
/// pattern index among equal matches), found in one pass with a first-byte filter.
pub fn find_few(pats: &[&str], forms: &[Form], text: &str) -> Vec<RawMention> {
    if pats.is_empty() {
        return Vec::new();
    }
    if pats.len() > 256 || pats.iter().any(|p| p.is_empty()) {
        return find_with(&build(pats, false), forms, text);
    }
    // Pattern indices grouped by first byte (`order[start[b]..start[b + 1]]`), in index
    // order within a group (the lowest index wins a tie).
    let mut start = [0u16; 257];
    for p in pats {
        start[p.as_bytes()[0] as usize + 1] += 1;
    }
    for k in 1..257 {
        start[k] += start[k - 1];
    }
    let mut first = [false; 256];
    for p in pats {
        first[p.as_bytes()[0] as usize] = true;
    }
    let mut fill = start;
    let mut order = vec![0u16; pats.len()];
    for (k, p) in pats.iter().enumerate() {
        let f = p.as_bytes()[0] as usize;
        order[fill[f] as usize] = k as u16;
        fill[f] += 1;
    }
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if !first[b[i] as usize] {
            i += 1;
            continue;
        }
        let f = b[i] as usize;
        let cands = &order[start[f] as usize..start[f + 1] as usize];
        let rest = &b[i..];
        let mut best: Option<(usize, usize)> = None;
        for &k in cands {
            let p = pats[k as usize].as_bytes();
            if rest.starts_with(p) && best.is_none_or(|(_, l)| p.len() > l) {
                best = Some((k as usize, p.len()));
            }
        }
        match best {
            Some((k, l)) => {
                push_checked(text, i, i + l, forms[k], &mut out);
                i += l;
            }
            None => i += 1,
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::lexicon;
    use std::path::Path;

    fn builtin_lexicon() -> lexicon::LexiconFile {
        let mut lex = lexicon::LexiconFile::default();
        for (name, text) in lexicon::BUILTIN_FILES {
            lexicon::merge(&mut lex, lexicon::parse(Path::new(name), text).unwrap());
        }
        lex
    }

    /// No two actors share a surface form (with its case variants): the automaton would
    /// silently give it to the first one. Intended sharing goes in `SHARED`.
    #[test]
    fn no_surface_form_is_shared_by_two_actors() {
        const SHARED: &[&str] = &[];
        let lex = builtin_lexicon();
        let mut owner: HashMap<String, &str> = HashMap::new();
        let mut clashes = Vec::new();
        for a in &lex.actors {
            let mut forms: Vec<&String> = a
                .aliases
                .iter()
                .chain(&a.demonyms)
                .chain(&a.seats)
                .chain(&a.prefixes)
                .collect();
            for p in &a.people {
                forms.push(&p.name);
                forms.extend(&p.variants);
                forms.extend(&p.short);
            }
            for f in forms {
                for v in variants(f.trim()) {
                    match owner.get(v.as_str()) {
                        Some(&o) if o != a.id && !SHARED.contains(&v.as_str()) => {
                            clashes.push(format!("{v:?}: {o} / {}", a.id))
                        }
                        Some(_) => {}
                        None => {
                            owner.insert(v, &a.id);
                        }
                    }
                }
            }
        }
        assert!(clashes.is_empty(), "{clashes:#?}");
        // A not_actors name is never an actor's form (it would hide it).
        let hidden: Vec<&String> = lex
            .not_actors
            .iter()
            .filter(|f| owner.contains_key(f.as_str()))
            .collect();
        assert!(hidden.is_empty(), "{hidden:?}");
    }

    #[test]
    fn builtin_ids_are_unique_and_kinds_counted() {
        let lex = builtin_lexicon();
        let mut ids = std::collections::HashSet::new();
        for a in &lex.actors {
            assert!(ids.insert(a.id.as_str()), "duplicate id {}", a.id);
            assert!(!a.name.is_empty(), "{} has no name", a.id);
        }
        let count =
            |k: crate::extract::ActorKind| lex.actors.iter().filter(|a| a.kind == k).count();
        use crate::extract::ActorKind::*;
        // UN members and observers plus common territories.
        assert!(count(State) >= 195 + 10, "{}", count(State));
        assert!(count(Organisation) >= 300, "{}", count(Organisation));
        assert!(count(Group) >= 500, "{}", count(Group));
        for id in [
            "marshall_islands",
            "micronesia",
            "saint_kitts_and_nevis",
            "saint_vincent_and_the_grenadines",
            "sao_tome_and_principe",
            "vatican",
            "palestine",
            "taiwan",
            "kosovo",
            "western_sahara",
            "hong_kong",
            "puerto_rico",
            "greenland",
        ] {
            assert!(ids.contains(id), "{id} missing");
        }
    }

    fn gaz(actors: &str, extra: &str) -> (Gazetteer, Vec<String>) {
        let lex = lexicon::parse(
            Path::new("t.json"),
            &format!(r#"{{"actors":{actors}{extra}}}"#),
        )
        .unwrap();
        let mut idx = crate::extract::IdIndex::default();
        let ids: Vec<String> = lex.actors.iter().map(|a| a.id.clone()).collect();
        for (i, id) in ids.iter().enumerate() {
            idx.insert(id.clone(), i as u32);
        }
        (Gazetteer::new(&lex, &idx), ids)
    }

    fn found(g: &(Gazetteer, Vec<String>), text: &str) -> Vec<String> {
        g.0.find(text)
            .iter()
            .map(|m| format!("{}={}", &text[m.start..m.end], g.1[m.actor as usize]))
            .collect()
    }

    #[test]
    fn a_the_name_does_not_swallow_a_longer_name_after_the() {
        let g = gaz(
            r#"[{"id":"ru","name":"Ruritania","aliases":["Ruritania","the Ruritania"]},
                {"id":"rla","name":"RLA","aliases":["Ruritania Liberation Army"]}]"#,
            "",
        );
        assert_eq!(
            found(
                &g,
                "Rebels of the Ruritania Liberation Army fled the Ruritania."
            ),
            vec![
                "the Ruritania Liberation Army=rla".to_owned(),
                "the Ruritania=ru".to_owned()
            ]
        );
    }

    #[test]
    fn not_actors_swallow_the_form_inside_them() {
        let g = gaz(
            r#"[{"id":"us","name":"US","aliases":["America"]},
                {"id":"fr","name":"France","seats":["Paris"]}]"#,
            r#","not_actors":["North America","Paris Agreement"]"#,
        );
        assert_eq!(
            found(
                &g,
                "North America and America; the Paris Agreement, Paris said."
            ),
            vec!["America=us", "Paris=fr"]
        );
        // ALL CAPS headlines too.
        assert!(found(&g, "NORTH AMERICA TRADE").is_empty());
    }

    #[test]
    fn a_name_after_a_given_name_is_a_surname() {
        let g = gaz(
            r#"[{"id":"nl","name":"Netherlands","aliases":["Holland"]},
                {"id":"us","name":"US","seats":["Washington"]}]"#,
            r#","given_names":["Tom","Denzel"]"#,
        );
        assert!(found(&g, "Tom Holland and Denzel Washington starred.").is_empty());
        // Lower case, a longer word, another word or punctuation before: still the actor.
        assert_eq!(
            found(
                &g,
                "Atom Holland; tom Holland; Tomorrow Holland. Tom, Holland"
            ),
            vec!["Holland=nl", "Holland=nl", "Holland=nl", "Holland=nl"]
        );
    }

    #[test]
    fn a_short_name_after_another_given_name_is_someone_else_throughout() {
        let g = gaz(
            r#"[{"id":"nato","name":"NATO","people":[{"name":"Jens Borg","short":["Borg"]}]}]"#,
            r#","given_names":["Jens","Karl"]"#,
        );
        // Karl Borg is not NATO's Jens Borg, here or later in the same text.
        assert!(found(&g, "Finance Minister Karl Borg spoke. Borg said no.").is_empty());
        assert_eq!(
            found(&g, "Jens Borg spoke. Borg said no."),
            vec!["Jens Borg=nato", "Borg=nato"]
        );
    }

    #[test]
    fn acronyms_spelled_with_hyphens_are_the_acronym() {
        assert_eq!(hyphen_spelled("U.S."), Some("U-S".into()));
        assert_eq!(
            hyphen_spelled("UN Security Council"),
            Some("U-N Security Council".into())
        );
        assert_eq!(hyphen_spelled("NATO"), Some("N-A-T-O".into()));
        assert_eq!(hyphen_spelled("Hamas"), None);
        assert_eq!(
            spaced_initials("U.N. Security Council"),
            Some("U. N. Security Council".into())
        );
        assert_eq!(spaced_initials("UN Security Council"), None);
        assert_eq!(hyphen_spelled("U.S.A.F.R.I.C.A."), None);
        let g = gaz(
            r#"[{"id":"flf","name":"FLF","aliases":["Freedonian Liberation Front","FLF"]}]"#,
            "",
        );
        assert_eq!(found(&g, "The F-L-F attacked."), vec!["F-L-F=flf"]);
        let g = gaz(
            r#"[{"id":"nf","name":"North Freedonia","aliases":["North Freedonia"],
                "demonyms":["North Freedonian"]}]"#,
            "",
        );
        assert_eq!(
            found(&g, "a North-Freedonian boat"),
            vec!["North-Freedonian=nf"]
        );
    }

    #[test]
    fn find_few_matches_the_automaton() {
        let pats = [
            "Ab", "Ab Cd", "Cd", "Ab", "b C", "Cd Ab", "É", "Éa", "d-", "A",
        ];
        let forms: Vec<Form> = (0..pats.len() as u32)
            .map(|actor| Form {
                actor,
                ty: FormType::Person,
            })
            .collect();
        let alphabet = ["A", "b", " ", "C", "d", "É", "a", "-", ",", "Ab Cd"];
        let mut seed: u64 = 42;
        for _ in 0..3000 {
            let mut t = String::new();
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let len = (seed % 24) as usize;
            for _ in 0..len {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                t.push_str(alphabet[(seed % alphabet.len() as u64) as usize]);
            }
            for n in [1, 3, 6, pats.len()] {
                let ac = build(&pats[..n], false);
                let a = find_with(&ac, &forms, &t);
                let b = find_few(&pats[..n], &forms, &t);
                let key = |v: &[RawMention]| -> Vec<(usize, usize, u32)> {
                    v.iter().map(|m| (m.start, m.end, m.actor)).collect()
                };
                assert_eq!(key(&a), key(&b), "{t:?} {n}");
            }
        }
    }
}

//! Parse, then code: the article's candidate sentences are parsed, actors found on the
//! parse (lexicon forms, open-class names, titled people, coreference), triggers looked up
//! by lemma in the CAMEO-derived inventory, roles read off the dependency tree, modality
//! checked, and every asserted (agent, target) pair becomes a relation mention.

use std::collections::{BTreeMap, HashSet};
use std::sync::LazyLock;

use super::actors::{self, Ment, MentTy, NameMemory};
use super::coref;
use super::kin;
use super::modality::{Modality, modality, refused_by};
use super::model::{Model, Upos};
use super::roles::{self, TrigPos};
use super::sent::Sent;
use super::triggers::{Status, TriggerEntry, TriggerInventory, TriggerPos};
use super::{ActorInfo, ActorKind, ArticleExtraction, Compiled, Mention, RelationMention};
use crate::text::{Span, split_sentences};

/// One trigger of a sentence: word, part of speech, kind, category, target prepositions.
struct Hit {
    word: usize,
    pos: TrigPos,
    kind: String,
    category: String,
    preps: Vec<String>,
    threat: bool,
}

fn trig_pos(u: Upos) -> Option<TrigPos> {
    match u {
        Upos::Verb => Some(TrigPos::Verb),
        Upos::Noun => Some(TrigPos::Noun),
        Upos::Adj => Some(TrigPos::Adj),
        _ => None,
    }
}

/// Every inflected form a trigger lemma may take (lower case): the cheap surface test that
/// decides whether a sentence is worth parsing.
fn inflections(lemma: &str, out: &mut HashSet<String>) {
    out.insert(lemma.to_owned());
    for suf in ["s", "es", "ed", "d", "ing", "er", "ers"] {
        out.insert(format!("{lemma}{suf}"));
    }
    if let Some(stem) = lemma.strip_suffix('e') {
        out.insert(format!("{stem}ing"));
    }
    if let Some(stem) = lemma.strip_suffix('y') {
        out.insert(format!("{stem}ies"));
        out.insert(format!("{stem}ied"));
    }
    // a doubled final consonant: "plan" -> "planned", "planning"
    if let Some(last) = lemma.chars().last()
        && last.is_ascii_alphabetic()
        && !"aeiouwxy".contains(last)
    {
        out.insert(format!("{lemma}{last}ed"));
        out.insert(format!("{lemma}{last}ing"));
    }
}

/// Irregular past forms of English verbs (general English; the parser's lemmatiser handles
/// them after parsing, this list only serves the pre-parse surface test).
const IRREGULAR: &[(&str, &str)] = &[
    ("fought", "fight"),
    ("struck", "strike"),
    ("met", "meet"),
    ("began", "begin"),
    ("begun", "begin"),
    ("sent", "send"),
    ("gave", "give"),
    ("given", "give"),
    ("took", "take"),
    ("taken", "take"),
    ("made", "make"),
    ("held", "hold"),
    ("led", "lead"),
    ("won", "win"),
    ("shot", "shoot"),
    ("broke", "break"),
    ("broken", "break"),
    ("sought", "seek"),
    ("brought", "bring"),
    ("bought", "buy"),
    ("sold", "sell"),
    ("threw", "throw"),
    ("thrown", "throw"),
    ("froze", "freeze"),
    ("frozen", "freeze"),
    ("forbade", "forbid"),
    ("forbidden", "forbid"),
    ("withdrew", "withdraw"),
    ("withdrawn", "withdraw"),
    ("overthrew", "overthrow"),
    ("overthrown", "overthrow"),
    ("bombarded", "bombard"),
    ("slew", "slay"),
    ("slain", "slay"),
    ("hit", "hit"),
    ("beat", "beat"),
    ("beaten", "beat"),
    ("bore", "bear"),
    ("dealt", "deal"),
    ("spoke", "speak"),
    ("spoken", "speak"),
    ("told", "tell"),
    ("kept", "keep"),
    ("lent", "lend"),
    ("lost", "lose"),
    ("fled", "flee"),
    ("rode", "ride"),
    ("drove", "drive"),
    ("undertook", "undertake"),
    ("undertaken", "undertake"),
    ("overran", "overrun"),
    ("stood", "stand"),
    ("swore", "swear"),
    ("sworn", "swear"),
    ("wrote", "write"),
    ("written", "write"),
    ("chose", "choose"),
    ("chosen", "choose"),
    ("forgave", "forgive"),
    ("forgiven", "forgive"),
    ("foresaw", "foresee"),
    ("upheld", "uphold"),
    ("ran", "run"),
    ("mistook", "mistake"),
    ("bid", "bid"),
    ("hid", "hide"),
    ("seized", "seize"),
];

/// Every lemma of the built-in inventory (verbs of light-verb patterns included).
static LEMMAS: LazyLock<HashSet<String>> = LazyLock::new(|| {
    TriggerInventory::builtin()
        .entries()
        .map(|e| e.lemma.clone())
        .collect()
});

static SURFACE: LazyLock<HashSet<String>> = LazyLock::new(|| {
    let mut set: HashSet<String> = [
        "relations",
        "relationship",
        "ties",
        "joint",
        "bilateral",
        "responsible",
    ]
    .into_iter()
    .map(str::to_owned)
    .collect();
    for l in LEMMAS
        .iter()
        .map(String::as_str)
        .chain(kin::NOUNS.iter().copied())
        .chain(DESIGNATING.iter().copied())
    {
        inflections(l, &mut set);
    }
    set
});

/// Cheap surface test before parsing: could `word` be a trigger? `buf` is scratch space.
fn maybe_trigger(user: &HashSet<String>, word: &str, buf: &mut String) -> bool {
    buf.clear();
    for ch in word.chars() {
        buf.extend(ch.to_lowercase());
    }
    SURFACE.contains(buf.as_str()) || user.contains(buf.as_str()) || {
        // irregular forms ("fought", "struck", "met") through the lemmatiser's table
        IRREGULAR
            .iter()
            .any(|(f, l)| *f == buf.as_str() && LEMMAS.contains(*l))
    }
}

/// The triggers of a parsed sentence.
fn hits(
    c: &Compiled,
    inv: &TriggerInventory,
    user: &BTreeMap<String, u16>,
    s: &Sent,
    ments: &[Ment],
    kinds_of_things: &mut Vec<usize>,
) -> Vec<Hit> {
    let mut in_ment = vec![false; s.len()];
    for m in ments {
        if m.ty == MentTy::Coref {
            continue;
        }
        for x in in_ment.iter_mut().take(m.last + 1).skip(m.first) {
            *x = true;
        }
    }
    let mut out = Vec::new();
    for (i, &inside) in in_ment.iter().enumerate().take(s.len()) {
        if inside {
            continue;
        }
        let Some(pos) = trig_pos(s.upos(i)) else {
            continue;
        };
        // user kinds: surface forms from user lexicons
        if let Some(&k) = user.get(&s.form(i).to_lowercase()) {
            let kind = &c.kinds[k as usize];
            out.push(Hit {
                word: i,
                pos,
                kind: kind.name.clone(),
                category: String::new(),
                preps: Vec::new(),
                threat: false,
            });
            continue;
        }
        let tp = match pos {
            TrigPos::Verb => TriggerPos::Verb,
            TrigPos::Noun => TriggerPos::Noun,
            TrigPos::Adj => TriggerPos::Adj,
        };
        let lemma = s.lemma(i).to_lowercase();
        // A phrasal verb ("crack down", "break off") reads as a whole first.
        let prt: Option<String> = s
            .kids_deprel(i, "compound:prt")
            .next()
            .map(|k| s.form(k).to_lowercase());
        let mut e: Option<TriggerEntry> = prt
            .as_deref()
            .and_then(|p| inv.phrasal(&lemma, p).first())
            .cloned();
        if e.is_none() {
            e = inv.lookup(&lemma, tp).first().cloned();
        }
        // A noun listed by its plural form ("arms", whose lemma reads "arm").
        if e.is_none() && pos == TrigPos::Noun {
            e = inv.lookup(&s.form(i).to_lowercase(), tp).first().cloned();
        }
        // A lemmatiser slip on a doubled consonant ("expelled" -> "expell").
        if e.is_none()
            && let Some(last) = lemma.chars().last()
            && lemma.len() > 3
            && lemma[..lemma.len() - last.len_utf8()].ends_with(last)
        {
            e = inv
                .lookup(&lemma[..lemma.len() - last.len_utf8()], tp)
                .first()
                .cloned();
        }
        // A light-verb pattern whose noun is no trigger alone ("take control", "open fire").
        if e.is_none() && pos == TrigPos::Verb {
            // the noun as object, or after "with" ("provided Sylvania with arms")
            let with = s
                .kids_rel(i, "obl")
                .filter(|&k| s.case_of(k).as_deref() == Some("with"));
            let nouns: Vec<usize> = s.kids_rel(i, "obj").chain(with).collect();
            for o in nouns {
                // the lemma, and the form for plurals the lemmatiser reads apart ("arms")
                let noun = s.lemma(o).to_lowercase();
                let form = s.form(o).to_lowercase();
                // a noun that is a trigger of its own carries the event ("imposed
                // sanctions"), unless the verb turns it into another kind ("halted aid")
                let x = [noun, form].into_iter().find_map(|n| {
                    let light = inv.light_verb_particle(&lemma, prt.as_deref(), &n)?;
                    let own = inv.lookup(&n, TriggerPos::Noun);
                    // ("dismissed X's criticism": a rejection of the critic, not criticism)
                    let rejects =
                        light.category == "REJECT" && own.iter().all(|o| o.category != "REJECT");
                    (own.is_empty() || rejects || own.iter().all(|o| o.kind != light.kind))
                        .then_some(light)
                });
                if let Some(x) = x {
                    e = Some(x.clone());
                    break;
                }
            }
        }
        // A reading bound to a preposition ("side with", "campaign against").
        if e.is_none() {
            for k in &s.kids[i] {
                if let Some(p) = s.case_of(*k)
                    && let Some(x) = inv.with_prep(&lemma, tp, &p).next().cloned()
                {
                    e = Some(x);
                    break;
                }
            }
        }
        let e = match e {
            Some(e) => e,
            None => match relation_reading(s, i)
                .or_else(|| joint_reading(s, i))
                .or_else(|| designation_reading(s, i))
                .or_else(|| accusation_reading(inv, s, i))
            {
                Some(h) => {
                    out.push(h);
                    continue;
                }
                None => continue,
            },
        };
        // a trigger noun naming the kind of a person or firm is no event: "defence firms",
        // "trade ministers", "aid workers"
        if pos == TrigPos::Noun
            && s.rel(i) == "compound"
            && s.head(i).is_some_and(|h| {
                let hl = s.lemma(h).to_lowercase();
                actors::STATE_AGENTS.contains(&hl.as_str()) || ENTITY_HEADS.contains(&hl.as_str())
            })
        {
            kinds_of_things.push(i);
            continue;
        }
        // the first part of a hyphenated modifier describes, it is no event: "war-torn
        // Mozambique", "sanctions-hit economy"
        if pos == TrigPos::Noun
            && i + 2 < s.len()
            && s.form(i + 1) == "-"
            && s.words[i].span.end == s.words[i + 1].span.start
            && s.words[i + 1].span.end == s.words[i + 2].span.start
            && matches!(s.upos(i + 2), Upos::Verb | Upos::Adj)
        {
            kinds_of_things.push(i);
            continue;
        }
        match e.status {
            Status::Asserted | Status::Threat => {}
            _ => continue,
        }
        out.push(Hit {
            word: i,
            pos,
            kind: e.kind.clone(),
            category: e.category.clone(),
            preps: e.preps.clone(),
            threat: e.status == Status::Threat,
        });
    }
    out
}

/// Heads of a compound that make its first noun a description, not an event.
const ENTITY_HEADS: &[&str] = &[
    "firm",
    "company",
    "worker",
    "group",
    "official",
    "expert",
    "contractor",
    "agency",
    "industry",
    "sector",
    "chief",
    "body",
    "program",
    "programme",
    "package",
];

/// Nouns of a relationship between parties: "relations", "ties", "relationship".
fn is_relation_noun(s: &Sent, i: usize) -> bool {
    let f = s.form(i).to_lowercase();
    s.upos(i) == Upos::Noun && matches!(f.as_str(), "relations" | "relationship" | "ties")
}

/// Verbs and adjectives that tell how a relationship goes: worse (mistrust) or better
/// (cooperation). "Relations between X and Y soured", "X severed ties with Y", "X and Y
/// normalised relations", "strained ties", "close relations".
const WORSE: &[&str] = &[
    "sour",
    "worsen",
    "deteriorate",
    "cool",
    "fray",
    "plunge",
    "sink",
    "collapse",
    "suffer",
    "strain",
    "sever",
    "cut",
    "break",
    "downgrade",
    "freeze",
    "suspend",
    "rupture",
    "strained",
    "tense",
    "frosty",
    "poor",
    "hostile",
    "troubled",
    "rocky",
    "icy",
    "chilly",
    "uneasy",
    "fraught",
];
const BETTER: &[&str] = &[
    "improve",
    "warm",
    "thaw",
    "strengthen",
    "deepen",
    "normalise",
    "normalize",
    "restore",
    "establish",
    "resume",
    "upgrade",
    "mend",
    "repair",
    "boost",
    "expand",
    "forge",
    "build",
    "close",
    "warm",
    "good",
    "friendly",
    "strong",
    "cordial",
    "excellent",
    "solid",
    "growing",
    "deep",
    "closer",
    "stronger",
    "warmer",
    "better",
];

/// "Y is responsible for the attack" said by X: X accuses Y (the adjective's subject is
/// the accused, the one who says it the accuser; see [`accusation_roles`]).
fn accusation_reading(inv: &TriggerInventory, s: &Sent, i: usize) -> Option<Hit> {
    if s.upos(i) != Upos::Adj || !s.lemma(i).eq_ignore_ascii_case("responsible") {
        return None;
    }
    let has_subject = s.kids_rel(i, "nsubj").next().is_some();
    let for_harm = s.kids[i].iter().any(|&k| {
        s.case_of(k).as_deref() == Some("for")
            && inv
                .lookup(&s.lemma(k).to_lowercase(), TriggerPos::Noun)
                .iter()
                .any(|e| e.kind == "conflict")
    });
    (has_subject && for_harm).then(|| Hit {
        word: i,
        pos: TrigPos::Adj,
        kind: "mistrust".to_owned(),
        category: "ACCUSE".to_owned(),
        preps: Vec::new(),
        threat: false,
    })
}

/// Verbs that report an accusation: their subject accuses.
const ACCUSING_VERBS: &[&str] = &[
    "say", "claim", "accuse", "allege", "charge", "insist", "believe", "assert", "maintain", "tell",
];

/// The roles of an accusation reading: the adjective's subject is the target, the subject of
/// the verb that reports it the agent ("X says Y is responsible for the attack").
fn accusation_roles(s: &Sent, ments: &[Ment], wm: &[Option<usize>], i: usize) -> roles::Roles {
    let mut r = roles::Roles::default();
    for k in s.kids_rel(i, "nsubj") {
        r.targets.extend(roles::party_actors(s, ments, wm, k));
    }
    if s.rel(i) == "ccomp"
        && let Some(v) = s.head(i)
        && ACCUSING_VERBS.contains(&s.lemma(v).to_lowercase().as_str())
    {
        for k in s.kids_rel(v, "nsubj") {
            r.agents.extend(roles::party_actors(s, ments, wm, k));
        }
    }
    r
}

/// The parties of a hit: an accusation reading's own roles, else the parse's.
fn hit_roles(
    s: &Sent,
    ments: &[Ment],
    wm: &[Option<usize>],
    h: &Hit,
    is_trigger: &dyn Fn(usize) -> bool,
) -> roles::Roles {
    if h.category == "ACCUSE" && h.pos == TrigPos::Adj {
        accusation_roles(s, ments, wm, h.word)
    } else {
        roles::roles(s, ments, wm, h.word, h.pos, &h.kind, &h.preps, is_trigger)
    }
}

/// Verbs and nouns of listing a party (a sanction when the listing is as terrorist).
const DESIGNATING: &[&str] = &[
    "designate",
    "redesignate",
    "list",
    "designation",
    "redesignation",
    "listing",
];

/// Words that make a listing a terrorism designation ("as a Foreign Terrorist
/// Organization", "a state sponsor of terrorism").
const TERROR_WORDS: &[&str] = &["terrorist", "terrorism", "terror"];

/// Listing a party as terrorist is a sanction (it blocks its property and dealings): "the
/// State Department designated X as a Foreign Terrorist Organization", "X was listed as a
/// terrorist group", "the terrorist designation of X".
fn designation_reading(s: &Sent, i: usize) -> Option<Hit> {
    let l = s.lemma(i).to_lowercase();
    let terror = |w: usize| TERROR_WORDS.contains(&s.lemma(w).to_lowercase().as_str());
    let (pos, preps) = match s.upos(i) {
        Upos::Verb if DESIGNATING.contains(&l.as_str()) => {
            // an "as" phrase naming terrorism
            // (on the verb, or on its object: "designated X as a terrorist group")
            let on_verb = s.kids[i].iter().copied();
            let on_obj = s.kids_rel(i, "obj").flat_map(|o| s.kids[o].iter().copied());
            let as_terror = on_verb.chain(on_obj).any(|k| {
                matches!(s.rel(k), "obl" | "xcomp" | "advcl" | "nmod")
                    && s.case_of(k).as_deref() == Some("as")
                    && (0..s.len()).any(|w| s.descends(w, k) && terror(w))
            });
            if !as_terror {
                return None;
            }
            (TrigPos::Verb, vec![])
        }
        Upos::Noun if DESIGNATING.contains(&l.as_str()) => {
            let terror_mod = s.kids[i]
                .iter()
                .any(|&k| matches!(s.rel(k), "amod" | "compound") && terror(k));
            if !terror_mod {
                return None;
            }
            (TrigPos::Noun, vec!["of".to_owned()])
        }
        _ => return None,
    };
    Some(Hit {
        word: i,
        pos,
        kind: "sanctions".to_owned(),
        category: "SANCTION".to_owned(),
        preps,
        threat: false,
    })
}

/// A relation noun read as a trigger when its verb or adjective says which way the
/// relationship goes; the kind comes from that word, the parties from the noun.
fn relation_reading(s: &Sent, i: usize) -> Option<Hit> {
    if !is_relation_noun(s, i) {
        return None;
    }
    let mut words: Vec<usize> = s.kids_rel(i, "amod").chain(s.kids_rel(i, "acl")).collect();
    if let Some(h) = s.head(i)
        && matches!(s.rel(i), "nsubj" | "obj" | "nsubj:pass")
    {
        words.push(h);
        // "relations have been strained", "broke off relations"
        words.extend(s.kids_rel(h, "xcomp"));
    }
    let mut kind = None;
    for w in words {
        let l = s.lemma(w).to_lowercase();
        let f = s.form(w).to_lowercase();
        let negated = s
            .kids_rel(w, "advmod")
            .any(|k| matches!(s.form(k).to_lowercase().as_str(), "not" | "never" | "n't"));
        if negated {
            continue;
        }
        if WORSE.contains(&l.as_str()) || WORSE.contains(&f.as_str()) {
            kind = Some(("mistrust", "REDUCE"));
        } else if BETTER.contains(&l.as_str()) || BETTER.contains(&f.as_str()) {
            kind = Some(("cooperation", "COOPERATE"));
        }
        if kind.is_some() {
            break;
        }
    }
    let (kind, category) = kind?;
    Some(Hit {
        word: i,
        pos: TrigPos::Noun,
        kind: kind.to_owned(),
        category: category.to_owned(),
        preps: vec!["with".to_owned(), "between".to_owned()],
        threat: false,
    })
}

/// "joint drills", "a joint statement", "joint patrols": a noun done jointly is
/// cooperation among the parties that do it.
fn joint_reading(s: &Sent, i: usize) -> Option<Hit> {
    if s.upos(i) != Upos::Noun {
        return None;
    }
    let joint = s.kids_rel(i, "amod").any(|k| {
        matches!(
            s.form(k).to_lowercase().as_str(),
            "joint" | "bilateral" | "trilateral" | "combined"
        )
    });
    joint.then(|| Hit {
        word: i,
        pos: TrigPos::Noun,
        kind: "cooperation".to_owned(),
        category: "COOPERATE".to_owned(),
        preps: vec!["with".to_owned(), "between".to_owned()],
        threat: false,
    })
}

/// The last word of a wire dateline that opens the sentence ("MOSCOW, March 3, 2024
/// (Reuters) -", "BEIRUT (AP) --", "Nairobi, 12 May -"): a capitalised place, then a dash
/// within the first dozen words, with a comma or a parenthesis before it.
fn dateline_end(s: &Sent) -> Option<usize> {
    let first = s.words.first()?;
    if !first.form.chars().next().is_some_and(char::is_uppercase) {
        return None;
    }
    let next = s.words.get(1).map(|w| w.form.as_str());
    if !matches!(next, Some("," | "(")) {
        return None;
    }
    s.words
        .iter()
        .take(14)
        .position(|w| matches!(w.form.as_str(), "-" | "--" | "\u{2014}" | "\u{2013}"))
        .filter(|&d| d >= 2)
}

/// Sentences longer than this are left to the surface rules: the greedy parser is least
/// accurate on them (on the check set and plover-dev, parsing them added no correct relation)
/// and they cost the most to parse.
const MAX_PARSE_WORDS: usize = 40;

/// Clause boundaries a long sentence is cut at (the cut falls after the first char): a
/// semicolon, a dash, and a comma before a conjunction that opens a new clause.
const CLAUSE_BREAKS: &[&str] = &[
    "; ",
    " — ",
    " -- ",
    " – ",
    ", but ",
    ", while ",
    ", whereas ",
    ", although ",
    ", though ",
];

/// Fewest words a piece of a long sentence keeps (shorter cuts are not made).
const MIN_PIECE_WORDS: usize = 4;

/// The spans the coder parses: each sentence, and a sentence over [`MAX_PARSE_WORDS`] cut at
/// its clause boundaries ("X did A; Y did B", "X did A, but Y did B"), each piece with the
/// sentence's index.
fn clause_pieces(text: &str, sentences: &[Span]) -> Vec<(usize, Span)> {
    let mut out = Vec::with_capacity(sentences.len());
    for (si, sent) in sentences.iter().enumerate() {
        let t = sent.text(text);
        if t.split_whitespace().count() <= MAX_PARSE_WORDS {
            out.push((si, *sent));
            continue;
        }
        let mut cuts: Vec<usize> = CLAUSE_BREAKS
            .iter()
            .flat_map(|b| t.match_indices(b).map(|(i, _)| i + 1))
            .collect();
        cuts.sort_unstable();
        let mut start = 0;
        for c in cuts {
            let before = t[start..c].split_whitespace().count();
            let after = t[c..].split_whitespace().count();
            if before >= MIN_PIECE_WORDS && after >= MIN_PIECE_WORDS {
                out.push((si, Span::new(sent.start + start, sent.start + c)));
                let rest = &t[c..];
                let opened =
                    rest.trim_start_matches(|ch: char| ch.is_whitespace() || "—–-".contains(ch));
                start = c + rest.len() - opened.len();
            }
        }
        out.push((si, Span::new(sent.start + start, sent.end)));
    }
    out
}

/// Extract relations from one article by parsing and coding.
pub(crate) fn extract(c: &Compiled, text: &str) -> ArticleExtraction {
    run(c, text, None).0
}

/// What the coder read and declined: the sentences whose every trigger is not asserted
/// (negated, hypothetical, planned, called for, alleged), and each trigger word it read as
/// no relation (not asserted, or the object of a measure that stops it).
#[derive(Debug, Default)]
pub(crate) struct Declined {
    pub sentences: HashSet<usize>,
    pub words: Vec<Span>,
    /// Two actors the parse puts on the same side of a trigger (its targets: "talks with X
    /// and Y"): not partners of each other on that word.
    pub same_side: Vec<(Span, String, String)>,
}

/// Like [`extract`], with what the coder declined.
pub(crate) fn extract_with_unasserted(c: &Compiled, text: &str) -> (ArticleExtraction, Declined) {
    run(c, text, None)
}

/// The coder's reasoning for each parsed sentence (parse, mentions, triggers, modality,
/// roles), for `dyad explain`.
pub(crate) fn explain(c: &Compiled, text: &str) -> String {
    let mut t = String::new();
    run(c, text, Some(&mut t));
    t
}

fn run(c: &Compiled, text: &str, mut trace: Option<&mut String>) -> (ArticleExtraction, Declined) {
    let mut declined = Declined::default();
    use std::fmt::Write;
    let model = Model::builtin();
    let inv = TriggerInventory::builtin();
    let sentences = split_sentences(text);
    let raw = c.gaz.find(text);
    // User-lexicon trigger forms of user kinds (the built-in kinds come from the inventory).
    let user: BTreeMap<String, u16> = c
        .user_triggers
        .iter()
        .map(|(f, k)| (f.clone(), *k))
        .collect();
    let user_set: HashSet<String> = user.keys().cloned().collect();

    let mut out = ArticleExtraction {
        sentences: sentences.clone(),
        ..Default::default()
    };
    let mut mem = NameMemory::default();
    let mut doc = coref::DocCoref::default();
    let mut used: BTreeMap<String, ()> = BTreeMap::new();
    let mut ri = 0usize;
    let pieces = clause_pieces(text, &sentences);
    for (pi, &(si, ref sent)) in pieces.iter().enumerate() {
        while ri < raw.len() && raw[ri].start < sent.start {
            ri += 1;
        }
        let r0 = ri;
        while ri < raw.len() && raw[ri].end <= sent.end {
            ri += 1;
        }
        let sraw = &raw[r0..ri];
        if pi == 0 {
            doc.note_title(c, sent.text(text), sent.start, sraw);
            doc.infer_speaker(c, text, &sentences, &raw);
        }
        let stext = sent.text(text);
        // Candidate test: a trigger-like word and something that can be an actor.
        let mut trig_like = false;
        let mut buf = String::new();
        // runs of capitalised words outside the lexicon's mentions: each may be one actor
        let mut capitals = 0usize;
        let mut run_end: Option<usize> = None;
        let mut pronoun = false;
        let mut after_the = false;
        let mut described = false;
        for (k, w) in stext
            .split(|ch: char| !(ch.is_alphanumeric() || ch == '-' || ch == '\''))
            .filter(|w| !w.is_empty())
            .enumerate()
        {
            if !trig_like && maybe_trigger(&user_set, w, &mut buf) {
                trig_like = true;
            }
            let at = sent.start + (w.as_ptr() as usize - stext.as_ptr() as usize);
            let in_lexicon = sraw.iter().any(|r| r.start <= at && at < r.end);
            if k > 0 && !in_lexicon && w.chars().next().is_some_and(char::is_uppercase) {
                let joined = run_end.is_some_and(|e| text[e..at].trim().is_empty());
                if !joined {
                    capitals += 1;
                }
                run_end = Some(at + w.len());
            } else {
                run_end = None;
            }
            if matches!(
                w,
                "it" | "It"
                    | "they"
                    | "They"
                    | "he"
                    | "He"
                    | "she"
                    | "She"
                    | "its"
                    | "their"
                    | "Its"
                    | "Their"
                    | "his"
                    | "His"
                    | "her"
                    | "two"
                    | "both"
                    | "Both"
                    | "we"
                    | "We"
                    | "our"
                    | "Our"
                    | "I"
            ) {
                pronoun = true;
            }
            // "the country", "the kingdom's"
            let bare = w.strip_suffix("'s").unwrap_or(w);
            if coref::MEMBER_NOUNS.contains(&w) && doc.has_group() {
                described = true;
            }
            if after_the
                && (coref::STATE_NOUNS.contains(&bare)
                    || ((coref::RULER_NOUNS.contains(&bare)
                        || roles::DOMESTIC_EVENTS.contains(&bare))
                        && doc.home_state().is_some()))
            {
                described = true;
            }
            after_the = w.eq_ignore_ascii_case("the");
        }
        let actorish = sraw.len()
            + capitals
            + usize::from(pronoun && doc.has_antecedents())
            + usize::from(described && doc.has_states());
        if !trig_like || actorish < 2 {
            // still remember who was mentioned, for coreference
            doc.note_unparsed(c, sraw);
            continue;
        }
        if sent.text(text).split_whitespace().count() > MAX_PARSE_WORDS {
            doc.note_unparsed(c, sraw);
            continue;
        }
        let mut words = model.parse(text, *sent);
        super::repair::repair(&mut words);
        if words.is_empty() {
            continue;
        }
        let s = Sent::new(text, words);
        let actor_id = |a: u32| c.actors[a as usize].id.clone();
        let mut ments = actors::lexicon_mentions(&s, sraw, &actor_id);
        let kind_of = |id: &str| c.index.get(id).map(|&i| c.actors[i as usize].kind);
        let is_state = |id: &str| kind_of(id) == Some(ActorKind::State);
        let is_group = |id: &str| kind_of(id).is_some_and(|k| k != ActorKind::State);
        actors::open_mentions(&s, &mut ments, &mut mem, &is_group);
        actors::titled_people(&s, &mut ments, &mut mem);
        if let Some(end) = dateline_end(&s) {
            // "LONDON, March 4 (Reuters) -": the place of filing is no party
            ments.retain(|m| m.first > end);
        }
        doc.note_states(
            ments
                .iter()
                .filter(|m| m.ty != MentTy::Coref && is_state(&m.actor))
                .map(|m| m.actor.as_str()),
        );
        doc.count_state_names(
            ments
                .iter()
                .filter(|m| m.ty == MentTy::Name && is_state(&m.actor))
                .map(|m| m.actor.as_str()),
        );
        for m in ments.iter().filter(|m| m.ty == MentTy::Name) {
            if let Some((ActorKind::Group, name)) = kind_and_name(c, &mem, &m.actor)
                && armed_name(name)
            {
                doc.note_group(&m.actor);
            }
        }
        coref::resolve(&s, &mut ments, &mut doc);
        let mut wm: Vec<Option<usize>> = vec![None; s.len()];
        for (k, m) in ments.iter().enumerate() {
            for x in wm.iter_mut().take(m.last + 1).skip(m.first) {
                if x.is_none() {
                    *x = Some(k);
                }
            }
        }
        for m in &ments {
            if m.ty == MentTy::Seat && !actors::seat_acts(&s, m) {
                continue;
            }
            // a pronoun is no name of its actor (aliases list names)
            if m.ty == MentTy::Coref {
                continue;
            }
            let span = Span::new(s.words[m.first].span.start, s.words[m.last].span.end);
            out.mentions.push(Mention {
                actor: m.actor.clone(),
                sentence: si,
                span,
            });
            used.insert(m.actor.clone(), ());
        }
        let mut describing = Vec::new();
        let hs = hits(c, inv, &user, &s, &ments, &mut describing);
        // trigger words read as describing a thing ("pressure groups", "war-torn"): no
        // relation on them from the rules either
        declined
            .words
            .extend(describing.iter().map(|&i| s.words[i].span));
        if let Some(t) = trace.as_deref_mut() {
            let _ = writeln!(t, "# sentence {si}: {}", sent.text(text));
            for (i, w) in s.words.iter().enumerate() {
                let _ = writeln!(
                    t,
                    "{}\t{}\t{}\t{}\t{}\t{}\t{}",
                    i + 1,
                    w.form,
                    w.lemma,
                    w.upos.as_str(),
                    w.xpos,
                    w.head.map_or(0, |h| h + 1),
                    w.deprel
                );
            }
            for m in &ments {
                let _ = writeln!(
                    t,
                    "mention {} words {}-{} head {} {:?}",
                    m.actor,
                    m.first + 1,
                    m.last + 1,
                    m.head + 1,
                    m.ty
                );
            }
            for h in &hs {
                let r = hit_roles(&s, &ments, &wm, h, &|_| false);
                let _ = writeln!(
                    t,
                    "trigger {} ({}, {}, {}) {:?} agents {:?} targets {:?} between {:?}",
                    s.form(h.word),
                    h.kind,
                    h.category,
                    h.word + 1,
                    modality(&s, h.word),
                    r.agents.iter().map(|p| &p.actor).collect::<Vec<_>>(),
                    r.targets.iter().map(|p| &p.actor).collect::<Vec<_>>(),
                    r.between.iter().map(|p| &p.actor).collect::<Vec<_>>()
                );
            }
        }
        let trig_words: HashSet<usize> = hs.iter().map(|h| h.word).collect();
        let is_trigger = |i: usize| trig_words.contains(&i);
        let mut pair_of_sentence: Option<(String, String)> = None;
        let mut any_asserted = false;
        let roles_of = |h: &Hit| hit_roles(&s, &ments, &wm, h, &is_trigger);
        for h in &hs {
            let m = if presupposed(&s, h.word, &h.kind) {
                Modality::Asserted
            } else {
                modality(&s, h.word)
            };
            if m != Modality::Asserted
                || stopped_by_measure(&s, h.word, &h.kind, &hs)
                || carries_measure(&s, h.word, &h.kind, &hs)
            {
                declined.words.push(s.words[h.word].span);
                if h.kind == "cooperation"
                    && let Some(rw) = refused_by(&s, h.word)
                {
                    // "X refused to meet Y": a rejection of Y by X
                    let r = roles_of(h);
                    for (a, b, directed) in roles::pairs_with(&r, false, "mistrust", false) {
                        if !directed || a.actor == b.actor {
                            continue;
                        }
                        let w = &s.words[rw];
                        out.relations.push(RelationMention {
                            source: a.actor.clone(),
                            target: b.actor.clone(),
                            kind: "mistrust".to_owned(),
                            directed: true,
                            sentence: si,
                            trigger: w.form.clone(),
                            trigger_span: w.span,
                            source_span: party_span(&s, &ments, &wm, &a),
                            target_span: party_span(&s, &ments, &wm, &b),
                            category: "REJECT".to_owned(),
                        });
                        used.insert(a.actor.clone(), ());
                        used.insert(b.actor.clone(), ());
                    }
                }
                continue;
            }
            any_asserted = true;
            let mut r = roles_of(h);
            if communal(&s, h.word) {
                // communities named by nationality are no states; the rules' pairs go too
                let demonym =
                    |p: &roles::Party| wm[p.word].is_some_and(|mi| ments[mi].ty == MentTy::Demonym);
                r.agents.retain(|p| !demonym(p));
                r.targets.retain(|p| !demonym(p));
                r.between.retain(|p| !demonym(p));
                declined.words.push(s.words[h.word].span);
            }
            if h.kind == "mistrust"
                && r.targets.is_empty()
                && !r.agents.is_empty()
                && bare_domestic_event(&s, &wm, h.word)
                && let Some(home) = doc.home_state()
            {
                // "X condemned the coup", in a text about one state: the coup is that
                // state's
                r.targets.push(roles::Party {
                    actor: home.to_owned(),
                    word: h.word,
                });
            }
            if h.threat && r.targets.is_empty() {
                // "X threatened to walk out of the talks if Y deployed the missiles": the one
                // the condition is put to is the target
                r.targets.extend(conditioned(&s, &ments, &wm, h.word));
            }
            if h.threat && r.targets.is_empty() {
                // "X threatened to impose sanctions on Y": the threat's target
                // or "threatened sanctions against Y"
                for x in s.kids[h.word].iter().copied() {
                    // "threatened on Monday to break ...": the infinitive is often read
                    // as an adverbial clause
                    let infinitive = s.rel(x) == "advcl"
                        && s.kids_rel(x, "mark")
                            .any(|m| s.form(m).eq_ignore_ascii_case("to"));
                    if !infinitive && !matches!(s.rel(x), "xcomp" | "obj" | "obl" | "ccomp") {
                        continue;
                    }
                    for k in 0..s.len() {
                        if s.descends(k, x) && matches!(s.rel(k), "obj" | "obl" | "nmod" | "iobj") {
                            let ps = roles::party_actors(&s, &ments, &wm, k);
                            if ps.is_empty() && s.rel(k) == "obj" {
                                // "threatened to shell Iraqi towns": the owner of the object
                                r.targets
                                    .extend(roles::modifier_actors(&s, &ments, &wm, k, 2));
                            } else {
                                r.targets.extend(ps);
                            }
                        }
                    }
                }
            }
            if h.pos == TrigPos::Verb
                && r.agents.is_empty()
                && r.targets.is_empty()
                && r.between.is_empty()
            {
                r = roles::surface_roles(&s, &ments, &wm, h.word, &h.kind, &h.preps);
            }
            let kind_info = c.kinds.iter().find(|k| k.name == h.kind);
            let undirected = kind_info.is_some_and(|k| k.undirected);
            // conjoined agents acting toward a third party, named or not, are not partners
            // of each other ("X, Y and Z agreed to fight against the rebels")
            let third = r.targets.is_empty() && r.agents.len() >= 2 && toward_third(&s, h.word);
            let mutual =
                roles::reciprocal(&h.category, &h.preps, &s.lemma(h.word).to_lowercase()) && !third;
            if third {
                // the rules' co-occurrence pairs on this word go too
                declined.words.push(s.words[h.word].span);
            }
            for (i, a) in r.targets.iter().enumerate() {
                for b in &r.targets[i + 1..] {
                    if a.actor != b.actor {
                        declined.same_side.push((
                            s.words[h.word].span,
                            a.actor.clone(),
                            b.actor.clone(),
                        ));
                    }
                }
            }
            for (a, b, directed) in roles::pairs_with(&r, undirected, &h.kind, mutual) {
                let w = &s.words[h.word];
                let (src, tgt) = if directed || a.actor <= b.actor {
                    (a, b)
                } else {
                    (b, a)
                };
                out.relations.push(RelationMention {
                    source: src.actor.clone(),
                    target: tgt.actor.clone(),
                    kind: h.kind.clone(),
                    directed,
                    sentence: si,
                    trigger: w.form.clone(),
                    trigger_span: w.span,
                    source_span: party_span(&s, &ments, &wm, &src),
                    target_span: party_span(&s, &ments, &wm, &tgt),
                    category: h.category.clone(),
                });
                used.insert(src.actor.clone(), ());
                used.insert(tgt.actor.clone(), ());
                if !directed {
                    pair_of_sentence = Some((src.actor.clone(), tgt.actor.clone()));
                }
            }
        }
        if !hs.is_empty() && !any_asserted {
            declined.sentences.insert(si);
        }
        // standing nouns: "X, a close ally of Y", "the rivals X and Y"
        let asserted = |i: usize| modality(&s, i) == Modality::Asserted;
        let mut kin = kin::kin_pairs(&s, &ments, &wm, &asserted);
        kin.extend(kin::collective_pairs(&s, &ments, &wm, &asserted));
        for k in kin {
            if k.a.actor == k.b.actor {
                continue;
            }
            let (src, tgt) = if k.a.actor <= k.b.actor {
                (&k.a, &k.b)
            } else {
                (&k.b, &k.a)
            };
            let w = &s.words[k.word];
            out.relations.push(RelationMention {
                source: src.actor.clone(),
                target: tgt.actor.clone(),
                kind: k.kind.to_owned(),
                directed: false,
                sentence: si,
                trigger: w.form.clone(),
                trigger_span: w.span,
                source_span: party_span(&s, &ments, &wm, src),
                target_span: party_span(&s, &ments, &wm, tgt),
                category: k.category.to_owned(),
            });
            used.insert(src.actor.clone(), ());
            used.insert(tgt.actor.clone(), ());
        }
        doc.note_sentence(&s, &ments, pair_of_sentence);
    }
    let mut actors: Vec<ActorInfo> = used
        .keys()
        .filter_map(|id| {
            let (kind, name) = kind_and_name(c, &mem, id)?;
            Some(ActorInfo {
                id: id.clone(),
                name: name.to_owned(),
                kind,
            })
        })
        .collect();
    actors.sort_by(|a, b| a.id.cmp(&b.id));
    out.actors = actors;
    dedup(&mut out.relations);
    (out, declined)
}

/// The kind and name of an actor of the lexicon or one found open in this text.
fn kind_and_name<'a>(
    c: &'a Compiled,
    mem: &'a NameMemory,
    id: &str,
) -> Option<(ActorKind, &'a str)> {
    match c.index.get(id) {
        Some(&i) => {
            let a = &c.actors[i as usize];
            Some((a.kind, a.name.as_str()))
        }
        None => mem.open.get(id).map(|o| (o.kind, o.name.as_str())),
    }
}

/// Whether a group's name is that of an armed group, not of a party or bloc ("the Nepali
/// Congress", "the Labour Party" are no "rebels").
fn armed_name(name: &str) -> bool {
    let last = name.rsplit(' ').next().unwrap_or(name).to_lowercase();
    !matches!(
        last.as_str(),
        "party" | "congress" | "league" | "union" | "alliance" | "coalition" | "council"
    )
}

/// Whether trigger `t`, or the clause it governs ("agreed to fight ..."), is aimed at a
/// third party: an "against" or "alongside" phrase, or "on X's side" (not "agreed to a
/// ceasefire", "fought for two days").
fn toward_third(s: &Sent, t: usize) -> bool {
    let aimed = |w: usize| {
        s.kids[w].iter().any(|&k| {
            matches!(s.rel(k), "obl" | "nmod")
                && match s.case_of(k).as_deref() {
                    Some("against" | "alongside") => true,
                    Some("on") => roles::on_side(s, k),
                    _ => false,
                }
        })
    };
    aimed(t) || s.kids_rel(t, "xcomp").any(aimed)
}

/// Whether trigger `t` (or the noun it is conjoined to) is an ethnic or sectarian event
/// ("ethnic clashes between Kyrgyz and Uzbeks", "sectarian violence between Sunnis and
/// Shiites"): its nationality words name communities, not states.
fn communal(s: &Sent, t: usize) -> bool {
    // "ethnic clashes killed dozens": the verb's event subject
    if s.kids_rel(t, "nsubj").any(|k| k != t && communal(s, k)) {
        return true;
    }
    let mut w = t;
    for _ in 0..4 {
        if s.kids_rel(w, "amod").any(|k| {
            matches!(
                s.lemma(k).to_lowercase().as_str(),
                "ethnic" | "interethnic" | "inter-ethnic" | "sectarian" | "communal" | "tribal"
            )
        }) {
            return true;
        }
        match s.head(w) {
            Some(h) if s.rel(w) == "conj" => w = h,
            _ => return false,
        }
    }
    false
}

/// Whether trigger `t` takes as object (or "over"/"about"/"of" phrase) a bare "the coup",
/// "the crackdown": an event inside one state, with no owner, modifier or place of its own.
fn bare_domestic_event(s: &Sent, wm: &[Option<usize>], t: usize) -> bool {
    s.kids[t].iter().any(|&o| {
        let slot = s.rel(o) == "obj"
            || (matches!(s.rel(o), "obl" | "nmod")
                && matches!(
                    s.case_of(o).as_deref(),
                    Some("over" | "about" | "of" | "at")
                ));
        let l = s.lemma(o).to_lowercase();
        slot && s.upos(o) == Upos::Noun
            && roles::DOMESTIC_EVENTS.contains(&l.as_str())
            && s.kids_rel(o, "det")
                .any(|d| s.form(d).eq_ignore_ascii_case("the"))
            && !s.kids[o].iter().any(|&k| {
                wm[k].is_some()
                    || matches!(s.rel(k), "nmod:poss" | "amod" | "compound" | "nmod" | "acl")
            })
    })
}

/// The text span of a party: its mention's words (a pronoun's own word, not its antecedent).
/// Verbs whose object measure exists already, whatever the verb's own modality: "agreed to
/// lift sanctions on X", "will extend the embargo" presuppose sanctions in force.
const PRESUPPOSING_VERBS: &[&str] = &[
    "lift", "ease", "remove", "extend", "renew", "maintain", "keep", "relax", "loosen", "waive",
    "review",
];

/// Whether a sanctions noun is the object of a presupposing verb.
fn presupposed(s: &Sent, w: usize, kind: &str) -> bool {
    kind == "sanctions"
        && s.upos(w) == Upos::Noun
        && s.rel(w) == "obj"
        && s.head(w)
            .is_some_and(|v| PRESUPPOSING_VERBS.contains(&s.lemma(v).to_lowercase().as_str()))
}

/// "a suspension of military assistance to X", "the cut in aid": cooperation that a
/// sanctions noun stops is the measure's object, not cooperation.
fn stopped_by_measure(s: &Sent, w: usize, kind: &str, hs: &[Hit]) -> bool {
    if kind != "cooperation" {
        return false;
    }
    if s.rel(w) == "nmod"
        && s.head(w)
            .is_some_and(|n| hs.iter().any(|h| h.word == n && h.kind == "sanctions"))
    {
        return true;
    }
    // "suspended part of a military aid program for X": the cooperation noun inside the
    // object of a stopping verb
    let mut cur = w;
    for _ in 0..3 {
        if !matches!(s.rel(cur), "compound" | "nmod" | "obj") {
            return false;
        }
        let Some(h) = s.head(cur) else {
            return false;
        };
        if s.rel(cur) == "obj" {
            return s.upos(h) == Upos::Verb
                && hs.iter().any(|x| x.word == h && x.kind == "sanctions");
        }
        cur = h;
    }
    false
}

/// "slapped sanctions on X", "hit X with new tariffs": a verb of force whose object or
/// instrument is a sanctions noun only carries the measure.
fn carries_measure(s: &Sent, w: usize, kind: &str, hs: &[Hit]) -> bool {
    kind == "conflict"
        && s.upos(w) == Upos::Verb
        && s.kids[w].iter().any(|&k| {
            matches!(s.rel(k), "obj" | "obl")
                && hs.iter().any(|h| h.word == k && h.kind == "sanctions")
        })
}

/// The subjects of the conditions a threat hangs on ("... if Y deployed the missiles",
/// "unless Y withdrew"), anywhere below the threat word.
fn conditioned(s: &Sent, ments: &[Ment], wm: &[Option<usize>], t: usize) -> Vec<roles::Party> {
    let mut out = Vec::new();
    for c in 0..s.len() {
        if c == t || !s.descends(c, t) || s.rel(c) != "advcl" {
            continue;
        }
        let conditional = s.kids_rel(c, "mark").any(|m| {
            let f = s.form(m).to_lowercase();
            f == "if" || f == "unless"
        });
        if conditional {
            for k in s.kids_rel(c, "nsubj") {
                out.extend(roles::party_actors(s, ments, wm, k));
            }
        }
    }
    out
}

fn party_span(s: &Sent, ments: &[Ment], wm: &[Option<usize>], p: &roles::Party) -> Option<Span> {
    wm[p.word]
        .map(|k| &ments[k])
        .filter(|m| m.ty != MentTy::Coref)
        .map(|m| Span::new(s.words[m.first].span.start, s.words[m.last].span.end))
        .or(Some(s.words[p.word].span))
}

/// One relation per (pair, kind, sentence).
fn dedup(rels: &mut Vec<RelationMention>) {
    let mut seen: HashSet<(String, String, String, usize)> = HashSet::new();
    rels.retain(|r| {
        let (a, b) = if r.directed || r.source < r.target {
            (r.source.clone(), r.target.clone())
        } else {
            (r.target.clone(), r.source.clone())
        };
        seen.insert((a, b, r.kind.clone(), r.sentence))
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::sent::testing::sent;
    use Upos::*;

    #[test]
    fn relation_nouns_read_by_their_verb_or_adjective() {
        // "Relations between Freedonia and Sylvania soured."
        let (t, w) = sent(&[
            ("Relations", "relation", Noun, 6, "nsubj"),
            ("between", "between", Adp, 3, "case"),
            ("Freedonia", "Freedonia", Propn, 1, "nmod"),
            ("and", "and", Cconj, 5, "cc"),
            ("Sylvania", "Sylvania", Propn, 3, "conj"),
            ("soured", "sour", Verb, 0, "root"),
        ]);
        let s = Sent::new(&t, w);
        assert_eq!(
            relation_reading(&s, 0).map(|h| h.kind).as_deref(),
            Some("mistrust")
        );
        // "Freedonia restored ties with Sylvania."
        let (t, w) = sent(&[
            ("Freedonia", "Freedonia", Propn, 2, "nsubj"),
            ("restored", "restore", Verb, 0, "root"),
            ("ties", "tie", Noun, 2, "obj"),
            ("with", "with", Adp, 5, "case"),
            ("Sylvania", "Sylvania", Propn, 3, "nmod"),
        ]);
        let s = Sent::new(&t, w);
        assert_eq!(
            relation_reading(&s, 2).map(|h| h.kind).as_deref(),
            Some("cooperation")
        );
        // "strained relations" / "relations were discussed" (no reading)
        let (t, w) = sent(&[
            ("strained", "strained", Adj, 2, "amod"),
            ("relations", "relation", Noun, 0, "root"),
        ]);
        let s = Sent::new(&t, w);
        assert_eq!(
            relation_reading(&s, 1).map(|h| h.kind).as_deref(),
            Some("mistrust")
        );
        let (t, w) = sent(&[
            ("relations", "relation", Noun, 3, "nsubj:pass"),
            ("were", "be", Aux, 3, "aux:pass"),
            ("discussed", "discuss", Verb, 0, "root"),
        ]);
        let s = Sent::new(&t, w);
        assert!(relation_reading(&s, 0).is_none());
        // "ties" that are no relationship noun when not plural: "a tie"
        let (t, w) = sent(&[("a", "a", Det, 2, "det"), ("tie", "tie", Noun, 0, "root")]);
        let s = Sent::new(&t, w);
        assert!(!is_relation_noun(&s, 1));
    }

    #[test]
    fn sanctions_to_be_lifted_exist_already() {
        // "Freedonia agreed to lift sanctions" / "Freedonia agreed to impose sanctions"
        let row = |verb: &'static str| {
            sent(&[
                ("Freedonia", "Freedonia", Propn, 2, "nsubj"),
                ("agreed", "agree", Verb, 0, "root"),
                ("to", "to", Part, 4, "mark"),
                (verb, verb, Verb, 2, "xcomp"),
                ("sanctions", "sanction", Noun, 4, "obj"),
            ])
        };
        let (t, w) = row("lift");
        assert!(presupposed(&Sent::new(&t, w), 4, "sanctions"));
        let (t, w) = row("impose");
        assert!(!presupposed(&Sent::new(&t, w), 4, "sanctions"));
    }

    #[test]
    fn a_threat_targets_the_subject_of_its_condition() {
        // "Freedonia threatened to leave the talks if Sylvania deployed missiles."
        let (t, w) = sent(&[
            ("Freedonia", "Freedonia", Propn, 2, "nsubj"),
            ("threatened", "threaten", Verb, 0, "root"),
            ("to", "to", Part, 4, "mark"),
            ("leave", "leave", Verb, 2, "xcomp"),
            ("the", "the", Det, 6, "det"),
            ("talks", "talk", Noun, 4, "obj"),
            ("if", "if", Sconj, 9, "mark"),
            ("Sylvania", "Sylvania", Propn, 9, "nsubj"),
            ("deployed", "deploy", Verb, 4, "advcl"),
            ("missiles", "missile", Noun, 9, "obj"),
        ]);
        let s = Sent::new(&t, w);
        let m = |actor: &str, i: usize| Ment {
            actor: actor.into(),
            first: i,
            last: i,
            head: i,
            ty: MentTy::Name,
        };
        let ments = vec![m("freedonia", 0), m("sylvania", 7)];
        let mut wm = vec![None; s.len()];
        wm[0] = Some(0);
        wm[7] = Some(1);
        let got: Vec<String> = conditioned(&s, &ments, &wm, 1)
            .into_iter()
            .map(|p| p.actor)
            .collect();
        assert_eq!(got, vec!["sylvania".to_owned()]);
    }

    #[test]
    fn long_sentences_are_parsed_clause_by_clause() {
        let long = format!(
            "{} ended; Freedonia then attacked Sylvania.",
            "word ".repeat(45)
        );
        let text = format!("Short one. {long}");
        let sentences = vec![Span::new(0, 10), Span::new(11, text.len())];
        let pieces = clause_pieces(&text, &sentences);
        let texts: Vec<(usize, &str)> = pieces.iter().map(|(i, s)| (*i, s.text(&text))).collect();
        assert_eq!(texts.len(), 3);
        assert_eq!(texts[0], (0, "Short one."));
        assert!(texts[1].1.ends_with("ended;") && texts[1].0 == 1);
        assert_eq!(texts[2], (1, "Freedonia then attacked Sylvania."));
        // a dash and "but" open clauses too; a cut that leaves a piece under four words is
        // not made
        let long = format!(
            "{} ended — Freedonia then attacked Sylvania, but not Ruritania.",
            "word ".repeat(45)
        );
        let sentences = vec![Span::new(0, long.len())];
        let texts: Vec<String> = clause_pieces(&long, &sentences)
            .iter()
            .map(|(_, s)| s.text(&long).to_owned())
            .collect();
        assert_eq!(texts.len(), 2, "{texts:?}");
        assert_eq!(
            texts[1],
            "Freedonia then attacked Sylvania, but not Ruritania."
        );
    }

    #[test]
    fn communities_in_an_ethnic_conflict_are_no_states() {
        let ex = crate::extract::Extractor::builtin();
        let rels = |t: &str| {
            super::extract(&ex.inner, t)
                .relations
                .into_iter()
                .map(|r| (r.source, r.target, r.kind))
                .collect::<Vec<_>>()
        };
        assert!(rels("Ethnic clashes between Kyrgyz and Uzbeks killed dozens.").is_empty());
        let r = rels("Clashes between Kyrgyz and Uzbek troops killed dozens.");
        assert!(r.iter().any(|x| x.2 == "conflict"), "{r:?}");
    }

    #[test]
    fn a_wire_dateline_is_no_party() {
        let (t, w) = sent(&[
            ("LONDON", "London", Propn, 0, "root"),
            (",", ",", Punct, 3, "punct"),
            ("March", "March", Propn, 1, "appos"),
            ("4", "4", Num, 3, "nummod"),
            ("(", "(", Punct, 6, "punct"),
            ("Reuters", "Reuters", Propn, 1, "appos"),
            (")", ")", Punct, 6, "punct"),
            ("-", "-", Punct, 1, "punct"),
            ("Freedonia", "Freedonia", Propn, 10, "nsubj"),
            ("protested", "protest", Verb, 1, "parataxis"),
        ]);
        let s = Sent::new(&t, w);
        assert_eq!(dateline_end(&s), Some(7));
        // "London, Paris and Rome signed ..." has no dash: no dateline
        let (t, w) = sent(&[
            ("London", "London", Propn, 4, "nsubj"),
            (",", ",", Punct, 3, "punct"),
            ("Paris", "Paris", Propn, 1, "conj"),
            ("signed", "sign", Verb, 0, "root"),
        ]);
        let s = Sent::new(&t, w);
        assert_eq!(dateline_end(&s), None);
    }

    #[test]
    fn joint_nouns_are_cooperation() {
        // "They held joint drills." / "They held drills."
        let (t, w) = sent(&[
            ("They", "they", Pron, 2, "nsubj"),
            ("held", "hold", Verb, 0, "root"),
            ("joint", "joint", Adj, 4, "amod"),
            ("drills", "drill", Noun, 2, "obj"),
        ]);
        let s = Sent::new(&t, w);
        assert_eq!(
            joint_reading(&s, 3).map(|h| h.kind).as_deref(),
            Some("cooperation")
        );
        let (t, w) = sent(&[
            ("They", "they", Pron, 2, "nsubj"),
            ("held", "hold", Verb, 0, "root"),
            ("drills", "drill", Noun, 2, "obj"),
        ]);
        let s = Sent::new(&t, w);
        assert!(joint_reading(&s, 2).is_none());
    }
}

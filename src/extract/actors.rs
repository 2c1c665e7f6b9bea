//! Actor mentions in a parsed sentence: lexicon forms mapped onto words, open-class
//! proper-noun chunks typed by their head words ("the Sudan People's Liberation Movement",
//! "Bank of Ruritania", "Hutu rebels"), state organs and officials resolved to their state
//! ("the Russian Foreign Ministry", "Iranian Foreign Minister Javad Zarif").

use std::collections::HashMap;

use super::ActorKind;
use super::gazetteer::{FormType, RawMention};
use super::model::Upos;
use super::sent::Sent;

/// What a mention is, for the metonymy and role checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum MentTy {
    /// A name of the actor ("Russia", "NATO", "the SPLM").
    Name,
    /// A nationality word ("Russian"): an actor only as a party noun or a modifier of an
    /// agent noun or trigger.
    Demonym,
    /// A capital or seat: the actor only when it acts.
    Seat,
    /// A person who speaks for the actor.
    Person,
    /// A pronoun or definite description resolved to earlier actors.
    Coref,
}

/// One actor mention: words `first..=last`, `head` the word whose head is outside.
#[derive(Debug, Clone)]
pub(crate) struct Ment {
    pub actor: String,
    pub first: usize,
    pub last: usize,
    pub head: usize,
    pub ty: MentTy,
}

/// An actor that the lexicon does not know, found in this document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct OpenActor {
    pub id: String,
    pub name: String,
    pub kind: ActorKind,
}

/// Per-document memory of names: acronyms, surnames of resolved people, open actors.
#[derive(Debug, Default, Clone)]
pub(crate) struct NameMemory {
    /// surface form -> actor id (an acronym, a surname, an open actor's name).
    pub alias: HashMap<String, String>,
    /// open actors by id.
    pub open: HashMap<String, OpenActor>,
}

/// Nouns for people and bodies that act for a state when a state modifies them
/// ("Russian troops", "the government of Iran", "Iran's foreign minister").
pub(crate) const STATE_AGENTS: &[&str] = &[
    "government",
    "people",
    "ship",
    "vessel",
    "boat",
    "plane",
    "base",
    "position",
    "outpost",
    "administration",
    "official",
    "authority",
    "troop",
    "force",
    "army",
    "military",
    "navy",
    "soldier",
    "police",
    "president",
    "minister",
    "ministry",
    "premier",
    "chancellor",
    "leader",
    "leadership",
    "diplomat",
    "envoy",
    "ambassador",
    "embassy",
    "delegation",
    "negotiator",
    "counterpart",
    "regime",
    "side",
    "state",
    "parliament",
    "lawmaker",
    "legislator",
    "cabinet",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "warplane",
    "jet",
    "aircraft",
    "warship",
    "drone",
    "artillery",
    "missile",
    "general",
    "commander",
    "intelligence",
    "king",
    "monarch",
    "prime",
    "secretary",
    "foreign",
    "defence",
    "defense",
    "department",
    "agency",
    "coast",
    "guard",
    "unit",
    "battalion",
    "division",
    "brigade",
    "gunboat",
    "submarine",
    "tank",
    "bomber",
    "fighter",
    "helicopter",
    "emperor",
    "junta",
    "ruler",
    "monarchy",
    "crown",
    "court",
    "representative",
    "peacekeeper",
    // "Freedonian spies" (not "agent": chemical, travel and free agents are no one's)
    "spy",
    // "Panamanian army officers", "Iranian sailors", "U.S. Marines"
    "officer",
    "sailor",
    "marine",
    "operative",
];

/// Titles before a person's name that make the person speak for a state.
const TITLES: &[&str] = &[
    "president",
    "minister",
    "premier",
    "chancellor",
    "king",
    "queen",
    "emir",
    "sheikh",
    "prince",
    "secretary",
    "ambassador",
    "envoy",
    "general",
    "gen.",
    "admiral",
    "spokesman",
    "spokeswoman",
    "leader",
    "chief",
    "commander",
    "foreign",
    "defence",
    "defense",
    "prime",
    "vice",
    "deputy",
    "head",
    "governor",
    "senator",
    "sen.",
    "lieutenant",
    "colonel",
    "col.",
    "marshal",
    "ayatollah",
    "dictator",
    "strongman",
    "diplomat",
    "negotiator",
];

/// Head words of armed groups, parties and movements.
const GROUP_WORDS: &[&str] = &[
    "movement",
    "front",
    "party",
    "brigade",
    "brigades",
    "militia",
    "militias",
    "rebels",
    "rebel",
    "insurgents",
    "guerrillas",
    "liberation",
    "resistance",
    "jihad",
    "mujahideen",
    "fighters",
    "militants",
    "separatists",
    "army",
    "forces",
    "faction",
    "battalion",
    "league",
    "congress",
    "union",
    "alliance",
    "coalition",
    "group",
    "cartel",
    "gang",
];

/// Head words of companies and banks.
const COMPANY_WORDS: &[&str] = &[
    "bank",
    "corporation",
    "corp",
    "corp.",
    "company",
    "co",
    "co.",
    "inc",
    "inc.",
    "ltd",
    "ltd.",
    "plc",
    "llc",
    "ag",
    "sa",
    "holdings",
    "air",
    "airlines",
    "airways",
    "petroleum",
    "oil",
    "gas",
    "energy",
    "motors",
    "industries",
    "enterprises",
    "telecom",
    "mining",
    "shipping",
    "exchange",
    "fund",
];

/// Head words of organisations and institutions.
const ORG_WORDS: &[&str] = &[
    "council",
    "organization",
    "organisation",
    "commission",
    "committee",
    "agency",
    "court",
    "tribunal",
    "association",
    "federation",
    "conference",
    "forum",
    "institute",
    "foundation",
    "community",
    "programme",
    "program",
    "office",
    "secretariat",
    "assembly",
    "parliament",
    "ministry",
    "department",
    "authority",
    "service",
    "club",
    "bloc",
    "pact",
    "initiative",
    "mission",
    "cooperation",
    "partnership",
];

/// Words of a state organ's name: with a state in the chunk, the chunk is that state.
const ORGAN_WORDS: &[&str] = &[
    "ministry",
    "army",
    "navy",
    "force",
    "forces",
    "embassy",
    "government",
    "parliament",
    "cabinet",
    "office",
    "department",
    "treasury",
    "guard",
    "military",
    "police",
    "presidency",
    "senate",
    "congress",
    "assembly",
    "administration",
    "agency",
    "command",
    "ministries",
];

fn lower(s: &str) -> String {
    s.to_lowercase()
}

fn is_in(list: &[&str], w: &str) -> bool {
    let l = lower(w);
    list.contains(&l.as_str())
}

/// A stable id for an open actor name: lower-case ASCII letters and digits, `_` between.
pub(crate) fn slug(name: &str) -> String {
    let mut s = String::new();
    for c in name.chars() {
        let c = crate::fold::fold_accent(c);
        if c.is_ascii_alphanumeric() {
            s.push(c.to_ascii_lowercase());
        } else if !s.ends_with('_') && !s.is_empty() {
            s.push('_');
        }
    }
    while s.ends_with('_') {
        s.pop();
    }
    s
}

/// Whether a word looks like an acronym ("SPLM", "YPG", "U.S.").
fn is_acronym(w: &str) -> bool {
    let letters = w.chars().filter(|c| c.is_alphabetic()).count();
    letters >= 2
        && w.chars()
            .all(|c| c.is_uppercase() || c.is_ascii_digit() || c == '.' || c == '-' || c == '&')
}

/// Map the lexicon matches of a sentence onto its words.
pub(crate) fn lexicon_mentions(
    s: &Sent,
    raw: &[RawMention],
    actor_id: &dyn Fn(u32) -> String,
) -> Vec<Ment> {
    let mut out = Vec::new();
    for m in raw {
        let ws: Vec<usize> = (0..s.len())
            .filter(|&i| {
                let sp = s.words[i].span;
                sp.start < m.end && m.start < sp.end
            })
            .collect();
        let (Some(&first), Some(&last)) = (ws.first(), ws.last()) else {
            continue;
        };
        // A prefix inside a word ("Sino-Japanese" as one word) is no mention; one that is
        // a word of its own before a hyphen ("U.S.-China trade", "Russo-Japanese war") names
        // the actor.
        let (first, last) = if m.ty == FormType::Prefix {
            let whole: Vec<usize> = ws
                .iter()
                .copied()
                .filter(|&i| {
                    let sp = s.words[i].span;
                    m.start <= sp.start && sp.end <= m.end && s.form(i) != "-"
                })
                .collect();
            match (whole.first(), whole.last()) {
                (Some(&f), Some(&l)) if s.words[f].span.start == m.start => (f, l),
                _ => continue,
            }
        } else {
            (first, last)
        };
        let head = ws
            .iter()
            .copied()
            .find(|&i| s.head(i).is_none_or(|h| h < first || h > last))
            .unwrap_or(last);
        let ty = match m.ty {
            FormType::Name | FormType::Prefix => MentTy::Name,
            FormType::Demonym => MentTy::Demonym,
            FormType::Seat => MentTy::Seat,
            FormType::Person | FormType::PersonShort => MentTy::Person,
        };
        out.push(Ment {
            actor: actor_id(m.actor),
            first,
            last,
            head,
            ty,
        });
    }
    out
}

/// Proper-noun chunks: maximal runs of PROPN words, with `of`/`for`/`and`/`'s`/`the`
/// inside them ("Bank of Ruritania", "Sudan People's Liberation Movement").
fn propn_chunks(s: &Sent) -> Vec<(usize, usize)> {
    let n = s.len();
    let mut out = Vec::new();
    let mut i = 0;
    while i < n {
        if s.upos(i) != Upos::Propn || !starts_upper(s.form(i)) {
            i += 1;
            continue;
        }
        let start = i;
        let mut end = i;
        let mut j = i + 1;
        while j < n {
            let f = s.form(j);
            if s.upos(j) == Upos::Propn
                && (starts_upper(f) || f.chars().all(|c| !c.is_alphabetic()))
            {
                end = j;
                j += 1;
                continue;
            }
            let glue = matches!(
                lower(f).as_str(),
                "of" | "for" | "'s" | "’s" | "-" | "and" | "the"
            ) && j + 1 < n
                && (s.upos(j + 1) == Upos::Propn
                    || (lower(f) != "the"
                        && s.form(j + 1) == "the"
                        && j + 2 < n
                        && s.upos(j + 2) == Upos::Propn));
            if glue {
                j += 1;
                continue;
            }
            break;
        }
        out.push((start, end));
        i = end + 1;
    }
    out
}

/// A chunk glued by "and" that is no typed name as a whole but whose first part is ("the
/// Gulf Cartel and Los Zetas"): its parts, each a chunk of its own. Whole names with "and"
/// ("Bosnia and Herzegovina", "the Movement for Justice and Equality") stay whole.
fn split_list(s: &Sent, first: usize, last: usize) -> Vec<(usize, usize)> {
    let ands: Vec<usize> = (first + 1..last)
        .filter(|&i| lower(s.form(i)) == "and")
        .collect();
    if ands.is_empty() || chunk_kind(s, first, last).is_some() {
        return vec![(first, last)];
    }
    if chunk_kind(s, first, ands[0] - 1).is_none() {
        return vec![(first, last)];
    }
    let mut out = Vec::new();
    let mut a = first;
    for &x in &ands {
        if x > a {
            out.push((a, x - 1));
        }
        a = x + 1;
    }
    while a <= last && lower(s.form(a)) == "the" {
        a += 1;
    }
    if a <= last {
        out.push((a, last));
    }
    out
}

pub(crate) fn starts_upper(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

/// Common nouns that say what a named company, group or person is, beside the name
/// ("Iranian airline Mahan Air", "oil giant Surgutneftegas", "Surgutneftegas, a Russian oil
/// company", "the militant group Jaish", "rebel leader Jean-Pierre Bemba").
const COMPANY_DESCRIPTORS: &[&str] = &[
    "airline",
    "carrier",
    "company",
    "firm",
    "bank",
    "lender",
    "giant",
    "conglomerate",
    "corporation",
    "manufacturer",
    "maker",
    "producer",
    "operator",
    "insurer",
    "refiner",
    "shipper",
    "automaker",
    "miner",
    "retailer",
    "broadcaster",
    "subsidiary",
    "exporter",
];
const GROUP_DESCRIPTORS: &[&str] = &[
    "militia",
    "group",
    "movement",
    "faction",
    "organization",
    "organisation",
    "outfit",
];
/// Leaders who act for no state ("rebel leader", "militia commander", "warlord").
const LEADER_WORDS: &[&str] = &["leader", "commander", "chief", "head", "founder"];
/// Modifiers that put a leader or an agent noun outside (or against) the state its
/// nationality word names: "a rebel leader", "a Congolese rebel leader", "Syrian opposition
/// forces".
pub(crate) const NON_STATE_WORDS: &[&str] = &[
    "rebel",
    "militia",
    "guerrilla",
    "insurgent",
    "opposition",
    "separatist",
    "militant",
    "jihadist",
    "warlord",
    "dissident",
    "exile",
    "exiled",
    "mutinous",
    "renegade",
];

/// The type a descriptor noun beside the chunk gives it: a compound or modifier noun before
/// the name, the noun the name is in apposition to, or an apposition of the name.
fn descriptor_kind(s: &Sent, first: usize, last: usize) -> Option<ActorKind> {
    let h = chunk_head(s, first, last);
    let mut cands: Vec<usize> = s.kids[h]
        .iter()
        .copied()
        .filter(|&d| {
            (d < first && matches!(s.rel(d), "compound" | "nmod"))
                || (d > last && s.rel(d) == "appos")
        })
        .collect();
    if let Some(p) = s.head(h)
        && p < first
        && matches!(s.rel(h), "appos" | "flat" | "compound")
    {
        cands.push(p);
    }
    if let Some(p) = s.head(h)
        && p > last
        && s.rel(h) == "compound"
    {
        // "the Wagner group": the name modifies the descriptor
        cands.push(p);
    }
    for d in cands {
        if s.upos(d) != Upos::Noun {
            continue;
        }
        let l = lower(s.lemma(d));
        if COMPANY_DESCRIPTORS.contains(&l.as_str()) {
            return Some(ActorKind::Company);
        }
        if GROUP_DESCRIPTORS.contains(&l.as_str()) {
            return Some(ActorKind::Group);
        }
        // "rebel" hangs on "leader" or on the name itself
        let non_state = [d, h].iter().any(|&w| {
            s.kids[w]
                .iter()
                .any(|&k| NON_STATE_WORDS.contains(&lower(s.lemma(k)).as_str()))
        });
        if l == "warlord" || (LEADER_WORDS.contains(&l.as_str()) && non_state) {
            return Some(ActorKind::Person);
        }
    }
    None
}

/// A company's shorter name: without a legal suffix ("Lloyds Bank Plc" -> "Lloyds Bank"),
/// or the distinctive word before "Air"/"Airlines"/"Airways" ("Mahan Air" -> "Mahan").
fn company_short_name(name: &str) -> Option<&str> {
    let (rest, last) = name.rsplit_once(' ')?;
    let l = last.trim_end_matches('.').to_lowercase();
    if matches!(
        l.as_str(),
        "plc" | "inc" | "ltd" | "co" | "corp" | "llc" | "ag" | "sa"
    ) {
        return Some(rest);
    }
    if matches!(l.as_str(), "air" | "airlines" | "airways") && !rest.contains(' ') {
        return Some(rest);
    }
    None
}

/// The type of an open proper-noun chunk from its words, or `None` when nothing types it.
fn chunk_kind(s: &Sent, first: usize, last: usize) -> Option<ActorKind> {
    let head = lower(s.form(last));
    let words: Vec<String> = (first..=last).map(|i| lower(s.form(i))).collect();
    if COMPANY_WORDS.contains(&head.as_str()) || words.iter().any(|w| w == "bank") {
        return Some(ActorKind::Company);
    }
    if GROUP_WORDS.contains(&head.as_str())
        || words.iter().any(|w| {
            matches!(
                w.as_str(),
                "liberation" | "resistance" | "jihad" | "islamic"
            )
        })
    {
        return Some(ActorKind::Group);
    }
    if ORG_WORDS.contains(&head.as_str()) {
        return Some(ActorKind::Organisation);
    }
    None
}

/// Titles that name a person's office inside an organisation's name chunk.
const OFFICE_TITLES: &[&str] = &[
    "president",
    "chairman",
    "chairwoman",
    "chair",
    "governor",
    "director",
    "ceo",
    "minister",
    "secretary",
    "spokesman",
    "spokeswoman",
    "ambassador",
    "envoy",
    "chief",
    "commander",
    "leader",
    "head",
];

/// Where a proper-noun chunk that runs on from a name into an office and a person's name
/// ("World Bank President Robert Zoellick") stops being the name: the index before the
/// title, when the title is followed only by name words.
fn person_title_cut(s: &Sent, first: usize, last: usize) -> Option<usize> {
    let t = (first + 1..last)
        .find(|&i| starts_upper(s.form(i)) && OFFICE_TITLES.contains(&lower(s.form(i)).as_str()))?;
    let person = (t + 1..=last).all(|i| {
        let l = lower(s.form(i));
        starts_upper(s.form(i))
            && !is_in(TITLES, &l)
            && !COMPANY_WORDS.contains(&l.as_str())
            && !ORG_WORDS.contains(&l.as_str())
            && !GROUP_WORDS.contains(&l.as_str())
            && l != "bank"
    });
    let mut end = t - 1;
    while end > first && matches!(lower(s.form(end)).as_str(), "'s" | "’s" | "of" | "the") {
        end -= 1;
    }
    person.then_some(end)
}

/// Open-class mentions: typed proper-noun chunks the lexicon does not cover, acronyms they
/// define ("... Movement (SPLM)"), and names remembered from earlier sentences. Lexicon
/// mentions inside a typed chunk give way to it ("Bank of Ruritania" is not Ruritania)
/// unless the chunk is a state organ ("the Russian Foreign Ministry" stays Russia).
/// `is_group`: whether a lexicon actor is a group or organisation (not a state), whose name
/// before "rebels"/"militia" stays that actor ("FARC rebels" is the FARC).
pub(crate) fn open_mentions(
    s: &Sent,
    lex: &mut Vec<Ment>,
    mem: &mut NameMemory,
    is_group: &dyn Fn(&str) -> bool,
) {
    let n = s.len();
    let mut covered = vec![false; n];
    for m in lex.iter() {
        for c in covered.iter_mut().take(m.last + 1).skip(m.first) {
            *c = true;
        }
    }
    let mut add: Vec<Ment> = Vec::new();
    for (first, last) in propn_chunks(s)
        .into_iter()
        .flat_map(|(a, b)| split_list(s, a, b))
    {
        // "Ruritania Bank President Ana Lopez": the actor is the name before the title; the
        // titled person is found later (`titled_people`) and speaks for it.
        let last = person_title_cut(s, first, last).unwrap_or(last);
        let inside: Vec<usize> = lex
            .iter()
            .enumerate()
            .filter(|(_, m)| m.first >= first && m.last <= last)
            .map(|(k, _)| k)
            .collect();
        let whole = inside
            .iter()
            .any(|&k| lex[k].first == first && lex[k].last == last);
        // a chunk that is part of a longer known name ("[United] Nations Security Council")
        let straddles = lex
            .iter()
            .any(|m| m.first <= last && first <= m.last && (m.first < first || m.last > last));
        if whole || straddles {
            continue;
        }
        // Remembered names (an acronym defined earlier, an open actor seen before).
        let surface = span_text(s, first, last);
        if let Some(id) = mem.alias.get(surface).cloned() {
            lex.retain(|m| !(m.first >= first && m.last <= last));
            add.push(Ment {
                actor: id,
                first,
                last,
                head: chunk_head(s, first, last),
                ty: MentTy::Name,
            });
            continue;
        }
        let described = descriptor_kind(s, first, last);
        let Some(kind) = chunk_kind(s, first, last).or(described) else {
            continue;
        };
        // A state's organ: the state.
        let organ = (first..=last).any(|i| is_in(ORGAN_WORDS, s.form(i)))
            && inside
                .iter()
                .any(|&k| matches!(lex[k].ty, MentTy::Name | MentTy::Demonym))
            && kind != ActorKind::Company
            && !(first..=last).any(|i| {
                matches!(
                    lower(s.form(i)).as_str(),
                    "liberation" | "resistance" | "islamic" | "democratic" | "people's"
                )
            });
        if organ {
            continue;
        }
        let name = strip_the(surface);
        if name.split_whitespace().count() < 2 && !is_acronym(name) && described.is_none() {
            continue;
        }
        // "Foreign Terrorist Organizations": a capitalised common noun alone is no name
        if first == last
            && described.is_some()
            && super::model::Model::builtin()
                .lemmas
                .common_noun(s.form(first))
        {
            continue;
        }

        let id = slug(name);
        if id.is_empty() {
            continue;
        }
        lex.retain(|m| !(m.first >= first && m.last <= last));
        mem.open.entry(id.clone()).or_insert_with(|| OpenActor {
            id: id.clone(),
            name: name.to_owned(),
            kind,
        });
        mem.alias.insert(name.to_owned(), id.clone());
        if kind == ActorKind::Company {
            // "Mahan Air" is "Mahan" later, "Lloyds Bank Plc" is "Lloyds Bank".
            if let Some(short) = company_short_name(name) {
                mem.alias
                    .entry(short.to_owned())
                    .or_insert_with(|| id.clone());
            }
        }
        // "... Movement (SPLM)": the acronym names it from now on.
        if last + 3 < n + 1
            && last + 2 < n
            && s.form(last + 1) == "("
            && s.form(last + 3) == ")"
            && is_acronym(s.form(last + 2))
        {
            mem.alias.insert(s.form(last + 2).to_owned(), id.clone());
            covered[last + 2] = true;
            add.push(Ment {
                actor: id.clone(),
                first: last + 2,
                last: last + 2,
                head: last + 2,
                ty: MentTy::Name,
            });
        }
        add.push(Ment {
            actor: id,
            first,
            last,
            head: chunk_head(s, first, last),
            ty: MentTy::Name,
        });
        for c in covered.iter_mut().take(last + 1).skip(first) {
            *c = true;
        }
    }
    // "the Saudi-led coalition": a coalition under a leader is an actor of its own
    for i in 3..n {
        let l = lower(s.form(i));
        if covered[i]
            || !matches!(l.as_str(), "coalition" | "alliance")
            || !s.form(i - 1).eq_ignore_ascii_case("led")
            || s.form(i - 2) != "-"
        {
            continue;
        }
        let Some(k) = lex
            .iter()
            .position(|m| m.last == i - 3 && m.ty != MentTy::Coref)
        else {
            continue;
        };
        let first = lex[k].first;
        let name = span_text(s, first, i)
            .replace(" - ", "-")
            .replace(" -", "-");
        let id = slug(&name);
        if id.is_empty() {
            continue;
        }
        lex.remove(k);
        mem.open.entry(id.clone()).or_insert_with(|| OpenActor {
            id: id.clone(),
            name: name.clone(),
            kind: ActorKind::Collective,
        });
        mem.alias.insert(name, id.clone());
        for c in covered.iter_mut().take(i + 1).skip(first) {
            *c = true;
        }
        add.push(Ment {
            actor: id,
            first,
            last: i,
            head: i,
            ty: MentTy::Name,
        });
    }
    // Open group nouns: "<Demonym|Name> rebels/insurgents/militia" ("Hutu rebels").
    for (i, &cov) in covered.iter().enumerate().take(n) {
        if cov || s.upos(i) != Upos::Noun {
            continue;
        }
        let l = lower(s.form(i));
        let open_noun = matches!(
            l.as_str(),
            "rebels" | "insurgents" | "militia" | "militias" | "guerrillas" | "separatists"
        );
        if !open_noun && !matches!(l.as_str(), "fighters" | "militants" | "rebel" | "fighter") {
            continue;
        }
        let mut mods: Vec<usize> = s.kids[i]
            .iter()
            .copied()
            .filter(|&k| k < i && matches!(s.rel(k), "amod" | "compound" | "nmod"))
            .filter(|&k| starts_upper(s.form(k)) || s.form(k).chars().any(|c| c.is_ascii_digit()))
            // a sentence-initial capital is no name ("Armed rebels ...")
            .filter(|&k| k > 0 || s.upos(k) == Upos::Propn || lex.iter().any(|m| m.first == 0))
            .collect();
        if mods.is_empty() {
            // the parse missed the modifier ("the government and Maoist rebels" read as one
            // compound): the capitalised words right before the noun
            let mut k = i;
            while k > 0 && surface_group_modifier(s, k - 1) {
                k -= 1;
            }
            mods = (k..i).collect();
        }
        let Some(&m0) = mods.first() else {
            continue;
        };
        // "M23 rebels", "Hamas fighters": the group's members are the group (the mention
        // takes in the noun, so that the noun in a role slot names it)
        if let Some(m) = lex
            .iter_mut()
            .find(|m| m.first <= m0 && m0 <= m.last && m.ty == MentTy::Name && is_group(&m.actor))
        {
            // nothing but capitalised modifiers between the name and the noun ("M23 rebels")
            if m.last < i && (m.last + 1..i).all(|k| mods.contains(&k)) {
                m.last = i;
                m.head = i;
            }
            continue;
        }
        if !open_noun || !starts_upper(s.form(m0)) {
            continue;
        }
        let name = span_text(s, m0, i);
        let id = slug(name);
        if id.is_empty() {
            continue;
        }
        mem.open.entry(id.clone()).or_insert_with(|| OpenActor {
            id: id.clone(),
            name: name.to_owned(),
            kind: ActorKind::Group,
        });
        lex.retain(|m| !(m.first >= m0 && m.last <= i));
        add.push(Ment {
            actor: id,
            first: m0,
            last: i,
            head: i,
            ty: MentTy::Name,
        });
    }
    lex.extend(add);
    lex.sort_by_key(|m| (m.first, m.last));
}

/// Whether word `k` can be a capitalised modifier of a group noun by its surface alone: a
/// capitalised word that is not a determiner, pronoun or function word, and not a
/// sentence-initial common word ("Armed rebels").
fn surface_group_modifier(s: &Sent, k: usize) -> bool {
    let w = s.form(k);
    starts_upper(w)
        && w.chars().all(|c| c.is_alphanumeric() || c == '-')
        && !matches!(
            s.upos(k),
            Upos::Det | Upos::Pron | Upos::Adp | Upos::Cconj | Upos::Sconj | Upos::Aux | Upos::Verb
        )
        && (k > 0 || s.upos(k) == Upos::Propn)
}

/// People named with a title and a state ("Iranian Foreign Minister Javad Zarif",
/// "Iran's president, Hassan Rouhani"): the person's name becomes a mention of the state,
/// and the surname is remembered for later sentences.
pub(crate) fn titled_people(s: &Sent, ments: &mut Vec<Ment>, mem: &mut NameMemory) {
    let n = s.len();
    let mut covered = vec![false; n];
    for m in ments.iter() {
        for c in covered.iter_mut().take(m.last + 1).skip(m.first) {
            *c = true;
        }
    }
    let mut add = Vec::new();
    for (first, last) in propn_chunks(s) {
        let mut first = first;
        if let Some(c) = (first..=last).rev().find(|&i| covered[i]) {
            // "Freedonia's President Ana Lopez" is one chunk: the name after a title that
            // follows the actor is a person of it; otherwise a remembered surname
            match (c + 1..last).find(|&i| is_in(TITLES, s.form(i))) {
                Some(t) => first = t,
                None => continue,
            }
        }
        let surface = span_text(s, first, last);
        if let Some(id) = mem.alias.get(surface).cloned() {
            add.push(Ment {
                actor: id,
                first,
                last,
                head: chunk_head(s, first, last),
                ty: MentTy::Person,
            });
            continue;
        }
        let head = chunk_head(s, first, last);
        // A title among the chunk's modifiers or right before it, and a state there too.
        let mut state: Option<String> = None;
        let mut titled = false;
        // Titles inside the chunk ("Foreign Minister Javad Zarif"): the name follows them.
        let (first, surface) = match (first..=last).rev().find(|&i| is_in(TITLES, s.form(i))) {
            Some(t) if t == last => continue,
            Some(t) => {
                titled = true;
                (t + 1, span_text(s, t + 1, last))
            }
            None => (first, surface),
        };
        let mut k = first;
        let mut steps = 0;
        while k > 0 && steps < 6 {
            k -= 1;
            steps += 1;
            let f = s.form(k);
            if is_in(TITLES, f) || (starts_upper(f) && s.upos(k) == Upos::Propn && is_in(TITLES, f))
            {
                titled = true;
                continue;
            }
            if let Some(m) = ments
                .iter()
                .find(|m| m.last == k || (m.first <= k && k <= m.last))
            {
                if matches!(m.ty, MentTy::Name | MentTy::Demonym | MentTy::Seat) {
                    state = Some(m.actor.clone());
                }
                k = m.first;
                continue;
            }
            if matches!(s.form(k), "'s" | "’s" | "the" | "The") || s.upos(k) == Upos::Adj {
                continue;
            }
            break;
        }
        // Also an appositive title: "Hassan Rouhani, Iran's president".
        if state.is_none() {
            for a in s.kids_rel(head, "appos") {
                if is_in(TITLES, s.form(a)) || is_in(STATE_AGENTS, s.lemma(a)) {
                    for c in &s.kids[a] {
                        if let Some(m) = ments.iter().find(|m| {
                            m.head == *c && matches!(m.ty, MentTy::Name | MentTy::Demonym)
                        }) {
                            state = Some(m.actor.clone());
                            titled = true;
                        }
                    }
                }
            }
        }
        let (true, Some(state)) = (titled, state) else {
            continue;
        };
        mem.alias.insert(s.form(last).to_owned(), state.clone());
        mem.alias.insert(surface.to_owned(), state.clone());
        add.push(Ment {
            actor: state,
            first,
            last,
            head,
            ty: MentTy::Person,
        });
    }
    ments.extend(add);
    ments.sort_by_key(|m| (m.first, m.last));
}

fn chunk_head(s: &Sent, first: usize, last: usize) -> usize {
    (first..=last)
        .find(|&i| s.head(i).is_none_or(|h| h < first || h > last))
        .unwrap_or(last)
}

fn span_text<'t>(s: &Sent<'t>, first: usize, last: usize) -> &'t str {
    let a = s.words[first].span.start;
    let b = s.words[last].span.end;
    s.text.get(a..b).unwrap_or("")
}

fn strip_the(name: &str) -> &str {
    name.strip_prefix("the ")
        .or_else(|| name.strip_prefix("The "))
        .unwrap_or(name)
}

/// Whether a seat mention acts here ("Moscow said", "Moscow's decision") rather than
/// being a place ("talks in Moscow", "Moscow-based").
pub(crate) fn seat_acts(s: &Sent, m: &Ment) -> bool {
    let h = m.head;
    if let Some(
        "in" | "at" | "near" | "from" | "outside" | "inside" | "across" | "around" | "within"
        | "throughout" | "via" | "through" | "into",
    ) = s.case_of(h).as_deref()
    {
        return false;
    }
    !matches!(s.rel(h), "compound" | "flat" | "obl" | "advmod")
        || s.case_of(h)
            .is_some_and(|c| matches!(c.as_str(), "against" | "on" | "with" | "by"))
}

#[cfg(test)]
mod tests {
    use super::super::sent::testing::sent;
    use super::*;
    use Upos::*;

    #[test]
    fn a_list_of_two_names_is_split_when_the_first_is_a_typed_name() {
        // "the Gulf Cartel and Los Zetas"
        let (t, w) = sent(&[
            ("the", "the", Det, 3, "det"),
            ("Gulf", "Gulf", Propn, 3, "compound"),
            ("Cartel", "Cartel", Propn, 0, "root"),
            ("and", "and", Cconj, 5, "cc"),
            ("Los", "Los", Propn, 3, "conj"),
            ("Zetas", "Zetas", Propn, 5, "flat"),
        ]);
        let s = Sent::new(&t, w);
        assert_eq!(split_list(&s, 1, 5), vec![(1, 2), (4, 5)]);
        // "the Movement for Justice and Equality" is one name
        let (t, w) = sent(&[
            ("Movement", "Movement", Propn, 0, "root"),
            ("for", "for", Adp, 3, "case"),
            ("Justice", "Justice", Propn, 1, "nmod"),
            ("and", "and", Cconj, 5, "cc"),
            ("Equality", "Equality", Propn, 3, "conj"),
        ]);
        let s = Sent::new(&t, w);
        assert_eq!(split_list(&s, 0, 4), vec![(0, 4)]);
    }

    #[test]
    fn a_capitalised_common_noun_before_a_descriptor_is_no_name() {
        // "designated as Foreign Terrorist Organizations" / "the Wagner group"
        for (word, named) in [("Terrorist", false), ("Wagner", true)] {
            let (t, w) = sent(&[
                ("the", "the", Det, 3, "det"),
                (word, word, Propn, 3, "compound"),
                ("group", "group", Noun, 0, "root"),
            ]);
            let s = Sent::new(&t, w);
            let mut ms = Vec::new();
            let mut mem = NameMemory::default();
            open_mentions(&s, &mut ms, &mut mem, &|_| false);
            assert_eq!(!ms.is_empty(), named, "{word}: {ms:?}");
        }
    }

    #[test]
    fn a_coalition_led_by_a_state_is_its_own_actor() {
        // "The Freedonian-led coalition struck."
        let (t, w) = sent(&[
            ("The", "the", Det, 5, "det"),
            ("Freedonian", "freedonian", Adj, 4, "compound"),
            ("-", "-", Punct, 2, "punct"),
            ("led", "lead", Verb, 5, "amod"),
            ("coalition", "coalition", Noun, 6, "nsubj"),
            ("struck", "strike", Verb, 0, "root"),
        ]);
        let s = Sent::new(&t, w);
        let mut ms = vec![Ment {
            actor: "freedonia".into(),
            first: 1,
            last: 1,
            head: 1,
            ty: MentTy::Demonym,
        }];
        let mut mem = NameMemory::default();
        open_mentions(&s, &mut ms, &mut mem, &|_| false);
        assert_eq!(ms.len(), 1, "{ms:?}");
        assert_eq!((ms[0].first, ms[0].last, ms[0].head), (1, 4, 4));
        assert_eq!(mem.open[&ms[0].actor].name, "Freedonian-led coalition");
    }

    #[test]
    fn a_capitalised_word_before_rebels_names_the_group_when_the_parse_misses_it() {
        // "the government and Maoist rebels", parsed as one compound
        let (t, w) = sent(&[
            ("the", "the", Det, 2, "det"),
            ("government", "government", Noun, 5, "compound"),
            ("and", "and", Cconj, 4, "cc"),
            ("Maoist", "maoist", Noun, 2, "conj"),
            ("rebels", "rebel", Noun, 7, "nsubj"),
            ("have", "have", Aux, 7, "aux"),
            ("agreed", "agree", Verb, 0, "root"),
        ]);
        let s = Sent::new(&t, w);
        let mut ms = Vec::new();
        let mut mem = NameMemory::default();
        open_mentions(&s, &mut ms, &mut mem, &|_| false);
        assert_eq!(ms.len(), 1, "{ms:?}");
        assert_eq!(
            (ms[0].actor.as_str(), ms[0].first, ms[0].last),
            ("maoist_rebels", 3, 4)
        );
        // "Armed rebels" at the start of a sentence name no group
        let (t, w) = sent(&[
            ("Armed", "armed", Adj, 2, "amod"),
            ("rebels", "rebel", Noun, 3, "nsubj"),
            ("attacked", "attack", Verb, 0, "root"),
        ]);
        let s = Sent::new(&t, w);
        let mut ms = Vec::new();
        open_mentions(&s, &mut ms, &mut mem, &|_| false);
        assert!(ms.is_empty(), "{ms:?}");
    }

    #[test]
    fn slugs() {
        assert_eq!(
            slug("Sudan People's Liberation Movement"),
            "sudan_people_s_liberation_movement"
        );
        assert_eq!(slug("  YPG "), "ypg");
        assert_eq!(slug("the Juárez Cartel"), "the_juarez_cartel");
        assert_eq!(slug("Łódź"), "lodz");
    }

    #[test]
    fn an_office_and_a_person_after_a_name_are_not_part_of_it() {
        // "Ruritania Bank President Ana Lopez resigned."
        let (t, w) = sent(&[
            ("Ruritania", "Ruritania", Propn, 2, "compound"),
            ("Bank", "Bank", Propn, 5, "compound"),
            ("President", "President", Propn, 5, "compound"),
            ("Ana", "Ana", Propn, 5, "compound"),
            ("Lopez", "Lopez", Propn, 6, "nsubj"),
            ("resigned", "resign", Verb, 0, "root"),
        ]);
        let s = Sent::new(&t, w);
        let mut ms = Vec::new();
        let mut mem = NameMemory::default();
        open_mentions(&s, &mut ms, &mut mem, &|_| false);
        assert_eq!(mem.open["ruritania_bank"].kind, ActorKind::Company);
        assert!(
            mem.open.keys().all(|k| !k.contains("lopez")),
            "{:?}",
            mem.open
        );
        assert_eq!((ms[0].first, ms[0].last), (0, 1));
        // a title followed by an organisation word is part of the name
        let (t, w) = sent(&[
            ("Ruritania", "Ruritania", Propn, 3, "compound"),
            ("Commander", "Commander", Propn, 3, "compound"),
            ("Council", "Council", Propn, 0, "root"),
        ]);
        let s = Sent::new(&t, w);
        assert_eq!(person_title_cut(&s, 0, 2), None);
    }

    #[test]
    fn descriptor_nouns_type_open_names() {
        // "Freedonia banned the Sylvanian airline Zorb Air."
        let (t, w) = sent(&[
            ("Freedonia", "Freedonia", Propn, 2, "nsubj"),
            ("banned", "ban", Verb, 0, "root"),
            ("the", "the", Det, 5, "det"),
            ("Sylvanian", "Sylvanian", Adj, 5, "amod"),
            ("airline", "airline", Noun, 2, "obj"),
            ("Zorb", "Zorb", Propn, 5, "appos"),
            ("Air", "Air", Propn, 6, "flat"),
        ]);
        let s = Sent::new(&t, w);
        let mut ms = Vec::new();
        let mut mem = NameMemory::default();
        open_mentions(&s, &mut ms, &mut mem, &|_| false);
        assert_eq!(mem.open["zorb_air"].kind, ActorKind::Company);
        assert_eq!(mem.alias.get("Zorb").map(String::as_str), Some("zorb_air"));

        // One word, typed by an apposition: "Kelvo, an oil company, ..."
        let (t, w) = sent(&[
            ("Kelvo", "Kelvo", Propn, 6, "nsubj"),
            (",", ",", Punct, 5, "punct"),
            ("an", "a", Det, 5, "det"),
            ("oil", "oil", Noun, 5, "compound"),
            ("company", "company", Noun, 1, "appos"),
            ("grew", "grow", Verb, 0, "root"),
        ]);
        let s = Sent::new(&t, w);
        let mut ms = Vec::new();
        open_mentions(&s, &mut ms, &mut mem, &|_| false);
        assert_eq!(mem.open["kelvo"].kind, ActorKind::Company);

        // "rebel leader Ana Sorel": a person who acts for no state; a plain "leader" is not.
        let (t, w) = sent(&[
            ("rebel", "rebel", Noun, 2, "compound"),
            ("leader", "leader", Noun, 3, "compound"),
            ("Ana", "Ana", Propn, 5, "nsubj"),
            ("Sorel", "Sorel", Propn, 3, "flat"),
            ("spoke", "speak", Verb, 0, "root"),
        ]);
        let s = Sent::new(&t, w);
        let mut ms = Vec::new();
        open_mentions(&s, &mut ms, &mut mem, &|_| false);
        assert_eq!(mem.open["ana_sorel"].kind, ActorKind::Person);
        let (t, w) = sent(&[
            ("party", "party", Noun, 2, "compound"),
            ("leader", "leader", Noun, 3, "compound"),
            ("Ivo", "Ivo", Propn, 5, "nsubj"),
            ("Marek", "Marek", Propn, 3, "flat"),
            ("spoke", "speak", Verb, 0, "root"),
        ]);
        let s = Sent::new(&t, w);
        let mut ms = Vec::new();
        open_mentions(&s, &mut ms, &mut mem, &|_| false);
        assert!(!mem.open.contains_key("ivo_marek"));
    }

    #[test]
    fn typed_chunk_becomes_group_and_defines_acronym() {
        let (t, w) = sent(&[
            ("the", "the", Det, 5, "det"),
            ("Sudan", "Sudan", Propn, 5, "compound"),
            ("People's", "People's", Propn, 5, "compound"),
            ("Liberation", "Liberation", Propn, 5, "compound"),
            ("Movement", "Movement", Propn, 9, "nsubj"),
            ("(", "(", Punct, 7, "punct"),
            ("SPLM", "SPLM", Propn, 5, "appos"),
            (")", ")", Punct, 7, "punct"),
            ("attacked", "attack", Verb, 0, "root"),
            ("Juba", "Juba", Propn, 9, "obj"),
        ]);
        let s = Sent::new(&t, w);
        // The lexicon found "Sudan" (a state) inside the name.
        let mut ms = vec![Ment {
            actor: "sudan".into(),
            first: 1,
            last: 1,
            head: 1,
            ty: MentTy::Name,
        }];
        let mut mem = NameMemory::default();
        open_mentions(&s, &mut ms, &mut mem, &|_| false);
        let ids: Vec<&str> = ms.iter().map(|m| m.actor.as_str()).collect();
        assert!(
            ids.contains(&"sudan_people_s_liberation_movement"),
            "{ids:?}"
        );
        assert!(!ids.contains(&"sudan"), "{ids:?}");
        assert_eq!(
            mem.alias.get("SPLM").map(String::as_str),
            Some("sudan_people_s_liberation_movement")
        );
        assert_eq!(
            mem.open["sudan_people_s_liberation_movement"].kind,
            ActorKind::Group
        );
    }

    #[test]
    fn state_organ_stays_the_state() {
        let (t, w) = sent(&[
            ("the", "the", Det, 4, "det"),
            ("Russian", "Russian", Propn, 4, "amod"),
            ("Foreign", "Foreign", Propn, 4, "compound"),
            ("Ministry", "Ministry", Propn, 5, "nsubj"),
            ("said", "say", Verb, 0, "root"),
        ]);
        let s = Sent::new(&t, w);
        let mut ms = vec![Ment {
            actor: "russia".into(),
            first: 1,
            last: 1,
            head: 1,
            ty: MentTy::Demonym,
        }];
        let mut mem = NameMemory::default();
        open_mentions(&s, &mut ms, &mut mem, &|_| false);
        assert_eq!(ms.len(), 1);
        assert_eq!(ms[0].actor, "russia");
        assert!(mem.open.is_empty());
    }

    #[test]
    fn bank_is_its_own_actor() {
        let (t, w) = sent(&[
            ("the", "the", Det, 2, "det"),
            ("Bank", "Bank", Propn, 0, "root"),
            ("of", "of", Adp, 4, "case"),
            ("Ruritania", "Ruritania", Propn, 2, "nmod"),
        ]);
        let s = Sent::new(&t, w);
        let mut ms = vec![Ment {
            actor: "ruritania".into(),
            first: 3,
            last: 3,
            head: 3,
            ty: MentTy::Name,
        }];
        let mut mem = NameMemory::default();
        open_mentions(&s, &mut ms, &mut mem, &|_| false);
        assert_eq!(ms.len(), 1);
        assert_eq!(ms[0].actor, "bank_of_ruritania");
        assert_eq!(mem.open["bank_of_ruritania"].kind, ActorKind::Company);
    }

    #[test]
    fn rebels_with_a_modifier_are_a_group() {
        let (t, w) = sent(&[
            ("Hutu", "Hutu", Propn, 2, "compound"),
            ("rebels", "rebel", Noun, 3, "nsubj"),
            ("attacked", "attack", Verb, 0, "root"),
        ]);
        let s = Sent::new(&t, w);
        let mut ms = Vec::new();
        let mut mem = NameMemory::default();
        open_mentions(&s, &mut ms, &mut mem, &|_| false);
        assert_eq!(ms.len(), 1);
        assert_eq!(ms[0].actor, "hutu_rebels");
        assert_eq!(ms[0].head, 1);
        // a group the lexicon knows stays itself: "Freedonian Liberation Front rebels"
        let (t, w) = sent(&[
            ("FLF", "FLF", Propn, 2, "compound"),
            ("rebels", "rebel", Noun, 3, "nsubj"),
            ("attacked", "attack", Verb, 0, "root"),
        ]);
        let s = Sent::new(&t, w);
        let mut ms = vec![Ment {
            actor: "flf".into(),
            first: 0,
            last: 0,
            head: 0,
            ty: MentTy::Name,
        }];
        open_mentions(&s, &mut ms, &mut mem, &|id| id == "flf");
        assert_eq!(ms.len(), 1, "{ms:?}");
        assert_eq!(ms[0].actor, "flf");
    }

    #[test]
    fn titled_person_resolves_to_state_and_surname_is_remembered() {
        let (t, w) = sent(&[
            ("Iranian", "Iranian", Adj, 5, "amod"),
            ("Foreign", "Foreign", Propn, 3, "compound"),
            ("Minister", "Minister", Propn, 5, "compound"),
            ("Javad", "Javad", Propn, 5, "compound"),
            ("Zarif", "Zarif", Propn, 6, "nsubj"),
            ("said", "say", Verb, 0, "root"),
        ]);
        let s = Sent::new(&t, w);
        let mut ms = vec![Ment {
            actor: "iran".into(),
            first: 0,
            last: 0,
            head: 0,
            ty: MentTy::Demonym,
        }];
        let mut mem = NameMemory::default();
        titled_people(&s, &mut ms, &mut mem);
        assert!(
            ms.iter().any(|m| m.actor == "iran" && m.head == 4),
            "{ms:?}"
        );
        assert_eq!(mem.alias.get("Zarif").map(String::as_str), Some("iran"));
    }

    #[test]
    fn possessive_state_then_title_then_name_is_a_person_of_the_state() {
        // "Freedonia's President Ana Lopez said" is one proper-noun chunk
        let (t, w) = sent(&[
            ("Freedonia", "Freedonia", Propn, 4, "nmod:poss"),
            ("'s", "'s", Part, 1, "case"),
            ("President", "President", Propn, 4, "nmod:desc"),
            ("Ana", "Ana", Propn, 6, "nsubj"),
            ("Lopez", "Lopez", Propn, 4, "flat"),
            ("said", "say", Verb, 0, "root"),
        ]);
        let s = Sent::new(&t, w);
        let mut ms = vec![Ment {
            actor: "freedonia".into(),
            first: 0,
            last: 0,
            head: 0,
            ty: MentTy::Name,
        }];
        let mut mem = NameMemory::default();
        titled_people(&s, &mut ms, &mut mem);
        assert!(
            ms.iter()
                .any(|m| m.actor == "freedonia" && m.ty == MentTy::Person && m.head == 3),
            "{ms:?}"
        );
    }

    #[test]
    fn seat_as_place_is_not_an_actor() {
        let (t, w) = sent(&[
            ("talks", "talk", Noun, 0, "root"),
            ("in", "in", Adp, 3, "case"),
            ("Moscow", "Moscow", Propn, 1, "nmod"),
        ]);
        let s = Sent::new(&t, w);
        let m = Ment {
            actor: "russia".into(),
            first: 2,
            last: 2,
            head: 2,
            ty: MentTy::Seat,
        };
        assert!(!seat_acts(&s, &m));
        let (t, w) = sent(&[
            ("Moscow", "Moscow", Propn, 2, "nsubj"),
            ("refused", "refuse", Verb, 0, "root"),
        ]);
        let s = Sent::new(&t, w);
        let m = Ment {
            actor: "russia".into(),
            first: 0,
            last: 0,
            head: 0,
            ty: MentTy::Seat,
        };
        assert!(seat_acts(&s, &m));
    }
}

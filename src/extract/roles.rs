//! Roles from the parse: the agent and the target of a trigger word, from its dependents
//! (subject, object, passive agent, obliques with against/on/with/to, possessors, compounds,
//! demonym modifiers), distributed over conjunctions. Places, venues and topics are not
//! parties: only the slots below make one.

use super::actors::Ment;
use super::actors::{MentTy, NON_STATE_WORDS, STATE_AGENTS, seat_acts};
use super::model::Upos;
use super::sent::Sent;

/// An actor in a role, with the word that names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Party {
    pub actor: String,
    pub word: usize,
}

/// The parties of one trigger.
#[derive(Debug, Clone, Default)]
pub(crate) struct Roles {
    pub agents: Vec<Party>,
    pub targets: Vec<Party>,
    /// Parties named together by "between X and Y" / "among": mutual.
    pub between: Vec<Party>,
    /// The agents came from a "from"/"by" phrase ("support from X, Y and Z"): givers side
    /// by side, not partners of each other.
    pub givers: bool,
}

/// "on X's side": word `k` is "side" with "on" (an ally, no target).
pub(crate) fn on_side(s: &Sent, k: usize) -> bool {
    s.lemma(k).eq_ignore_ascii_case("side") && s.case_of(k).as_deref() == Some("on")
}

/// Verbs whose object is a topic: its owner is no party ("discussed the attack by X").
const TOPIC_VERBS: &[&str] = &[
    "discuss", "debate", "review", "examine", "study", "consider", "address", "raise",
];

/// Verbs that tell of an event without doing it: their subject is no agent of an event noun
/// they take as object ("the army says an attack by rebels killed 14", "X blamed the raid on
/// Y", "witnesses described the shelling").
const TELLING_VERBS: &[&str] = &[
    "say",
    "tell",
    "report",
    "describe",
    "witness",
    "see",
    "recall",
    "mention",
    "blame",
    "investigate",
    "deny",
    "confirm",
    "cite",
    "note",
    "hear",
    "watch",
    "remember",
];

/// Verbs whose subject receives the help their object names.
const RECEIVING: &[&str] = &[
    "receive", "get", "obtain", "win", "enjoy", "have", "accept", "secure", "gain", "welcome",
];

/// Nouns of help that one side gives and the other receives.
const HELP_NOUNS: &[&str] = &[
    "aid",
    "assistance",
    "help",
    "support",
    "backing",
    "funding",
    "loan",
    "grant",
    "credit",
    "arms",
    "weapon",
    "training",
    "protection",
    "endorsement",
    "blessing",
    "shipment",
    "delivery",
];

/// What part of speech the trigger is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TrigPos {
    Verb,
    Noun,
    Adj,
}

/// Verbs that carry an event noun: "imposed sanctions", "launched an attack",
/// "signed an agreement", "held talks", "expressed concern".
const LIGHT_VERBS: &[&str] = &[
    "render",
    "impose",
    "slap",
    "levy",
    "introduce",
    "announce",
    "adopt",
    "approve",
    "extend",
    "expand",
    "tighten",
    "widen",
    "broaden",
    "maintain",
    "keep",
    "enforce",
    "apply",
    "renew",
    "launch",
    "carry",
    "conduct",
    "mount",
    "stage",
    "wage",
    "make",
    "take",
    "give",
    "provide",
    "send",
    "deliver",
    "grant",
    "sign",
    "conclude",
    "reach",
    "strike",
    "seal",
    "ink",
    "hold",
    "have",
    "open",
    "begin",
    "start",
    "resume",
    "continue",
    "join",
    "express",
    "voice",
    "lodge",
    "file",
    "raise",
    "issue",
    "level",
    "deepen",
    "strengthen",
    "boost",
    "enhance",
    "forge",
    "build",
    "establish",
    "form",
    "enter",
    "step",
    "intensify",
    "escalate",
    "renew",
    "agree",
    "finalize",
    "finalise",
    "complete",
    "receive",
    "offer",
    "pledge",
    "promise",
    "commit",
    "announce",
    "unveil",
    "pass",
    "order",
    "declare",
    "initiate",
    "perform",
    "execute",
    "fire",
    "drop",
    "commit",
    // relation nouns: "severed ties with", "normalised relations", "broke off relations"
    "sever",
    "cut",
    "break",
    "restore",
    "normalise",
    "normalize",
    "upgrade",
    "downgrade",
    "mend",
    "repair",
    "improve",
    "suspend",
    "freeze",
];

/// Prepositions that introduce a target for each kind when the inventory gives none.
fn default_preps(kind: &str) -> &'static [&'static str] {
    match kind {
        "cooperation" => &["with", "to", "for", "toward", "towards", "alongside"],
        // "vs."/"versus" in headlines: "EU approves sanctions vs. Russia"
        "mistrust" => &[
            "against", "with", "toward", "towards", "of", "about", "over", "at", "to", "vs.", "vs",
            "versus",
        ],
        "sanctions" => &["against", "on", "upon", "to", "from", "vs.", "vs", "versus"],
        "conflict" => &[
            "against", "on", "with", "into", "of", "at", "vs.", "vs", "versus",
        ],
        _ => &["against", "on", "with", "to"],
    }
}

/// Which actors a word in a role slot names: a mention, a state's agent noun ("Russian
/// troops", "the government of Iran"), a relative pronoun's antecedent, and their
/// conjuncts and appositions.
pub(crate) fn party_actors(s: &Sent, ments: &[Ment], wm: &[Option<usize>], w: usize) -> Vec<Party> {
    let mut out: Vec<Party> = Vec::new();
    for c in s.with_conjuncts(w) {
        one_word(s, ments, wm, c, &mut out, 0);
        // "Freedonia's leader A and Sylvania's President B": the parser often hangs the
        // second person on the apposition
        for a in s.kids_rel(c, "appos") {
            for x in s.with_conjuncts(a) {
                one_word(s, ments, wm, x, &mut out, 0);
            }
        }
    }
    out.dedup();
    out
}

fn push(out: &mut Vec<Party>, actor: &str, word: usize) {
    if !out.iter().any(|p| p.actor == actor) {
        out.push(Party {
            actor: actor.to_owned(),
            word,
        });
    }
}

fn one_word(
    s: &Sent,
    ments: &[Ment],
    wm: &[Option<usize>],
    w: usize,
    out: &mut Vec<Party>,
    depth: u8,
) {
    if depth > 2 {
        return;
    }
    if let Some(mi) = wm[w] {
        let m = &ments[mi];
        if m.ty == MentTy::Coref {
            // "they", "the two countries": every actor resolved on the word
            for x in ments
                .iter()
                .filter(|x| x.ty == MentTy::Coref && x.head == w)
            {
                push(out, &x.actor, w);
            }
            return;
        }
        let ok = match m.ty {
            MentTy::Seat => seat_acts(s, m),
            // "Russian" alone in a slot is the nationality as a noun ("the Russians")
            MentTy::Demonym => s.upos(m.head) != Upos::Adj || s.rel(m.head) != "amod",
            _ => true,
        };
        if ok {
            push(out, &m.actor, w);
        }
        return;
    }
    // a relative pronoun: its antecedent ("the EU, which imposed ...")
    let l = s.lemma(w).to_lowercase();
    if matches!(l.as_str(), "which" | "who" | "that" | "whom")
        && s.upos(w) == Upos::Pron
        && let Some(v) = s.head(w)
        && s.deprel(v) == "acl:relcl"
        && let Some(ante) = s.head(v)
    {
        // "X is a group that attacked Y": a predicate noun's relative clause is its subject's
        let ante = s
            .kids_rel(ante, "cop")
            .next()
            .and(s.kids_rel(ante, "nsubj").next())
            .unwrap_or(ante);
        // "the UN and Russia, who have rendered aid": every conjunct
        for c in s.with_conjuncts(ante) {
            one_word(s, ments, wm, c, out, depth + 1);
        }
        return;
    }
    // an agent noun modified by a state: "Russian troops", "Iran's foreign minister",
    // "the government of Iran", "forces loyal to ..." (not followed further)
    let singular = l.strip_suffix('s').unwrap_or(&l);
    // "a convoy of U.S. troops", "members of the Iranian delegation"
    if matches!(
        s.upos(w),
        Upos::Noun | Upos::Propn | Upos::Num | Upos::Pron | Upos::Det | Upos::Adj
    ) && (CONTAINERS.contains(&l.as_str()) || CONTAINERS.contains(&singular))
    {
        for k in s.kids_rel(w, "nmod") {
            if s.case_of(k).as_deref() == Some("of") {
                one_word(s, ments, wm, k, out, depth + 1);
            }
        }
    }
    // "a Congolese rebel leader", "Syrian opposition forces": those who fight or oppose a
    // state are not its agents
    let opposed = s.kids[w].iter().any(|&k| {
        matches!(s.deprel(k), "compound" | "amod")
            && NON_STATE_WORDS.contains(&s.lemma(k).to_lowercase().as_str())
    });
    if matches!(s.upos(w), Upos::Noun | Upos::Propn)
        && !opposed
        && (STATE_AGENTS.contains(&l.as_str()) || STATE_AGENTS.contains(&singular))
    {
        // a state named on the noun wins over a possessive pronoun ("his Iranian
        // counterpart" is Iran)
        let named = s.kids[w].iter().any(|&k| {
            wm[k].is_some_and(|mi| ments[mi].ty != MentTy::Coref)
                && matches!(s.deprel(k), "amod" | "compound" | "nmod:poss" | "flat")
        });
        for &k in &s.kids[w] {
            if named && wm[k].is_some_and(|mi| ments[mi].ty == MentTy::Coref) {
                continue;
            }
            let rel = s.deprel(k);
            // "a spokesman for X", "a negotiator for the rebels"
            let for_speaker = matches!(
                singular,
                "spokesman"
                    | "spokeswoman"
                    | "spokesperson"
                    | "negotiator"
                    | "envoy"
                    | "representative"
            ) && s.case_of(k).as_deref() == Some("for");
            // "troops from Chad", "police in Zambia", "officials in Washington": where the
            // agents come from, or where a state's own organs are, when nothing else owns them
            let from = !named
                && singular != "people"
                && match s.case_of(k).as_deref() {
                    Some("from") => true,
                    Some("in") => {
                        matches!(singular, "police" | "authority" | "official" | "government")
                            || (singular == "force"
                                && s.kids_rel(w, "compound")
                                    .any(|c| s.lemma(c).eq_ignore_ascii_case("security")))
                    }
                    _ => false,
                };
            let of = rel.starts_with("nmod")
                && (s.case_of(k).as_deref() == Some("of") || for_speaker || from);
            if matches!(rel, "amod" | "compound" | "nmod:poss" | "flat") || of {
                if let Some(mi) = wm[k] {
                    let m = &ments[mi];
                    if matches!(
                        m.ty,
                        MentTy::Name
                            | MentTy::Demonym
                            | MentTy::Seat
                            | MentTy::Person
                            | MentTy::Coref
                    ) {
                        push(out, &m.actor, k);
                        // "the U.S. and Philippine militaries": the modifier's conjuncts
                        for c in s.with_conjuncts(k).into_iter().skip(1) {
                            if let Some(ci) = wm[c]
                                && matches!(ments[ci].ty, MentTy::Name | MentTy::Demonym)
                            {
                                push(out, &ments[ci].actor, c);
                            }
                        }
                    }
                } else if rel == "compound" || rel == "amod" {
                    // "Foreign Minister" inside "Iranian Foreign Minister"
                    one_word(s, ments, wm, k, out, depth + 1);
                }
            }
        }
    }
}

/// Nouns for groups of a state's people or means, whose owner is named by "of":
/// "a convoy of U.S. troops".
const CONTAINERS: &[&str] = &[
    "convoy",
    "column",
    "contingent",
    "unit",
    "fleet",
    "squadron",
    "patrol",
    "delegation",
    "team",
    "member",
    "members",
    // quantities: "dozens of Boko Haram fighters", "some of the Iranian diplomats"
    "dozen",
    "dozens",
    "hundreds",
    "thousands",
    "scores",
    "number",
    "some",
    "many",
    "most",
    "several",
    "all",
    "one",
    "two",
    "three",
];

/// Unnamed entities that stand for their state when they are the target of sanctions
/// ("sanctions on three Iranian banks"; GUIDELINE: unnamed institutions of the target state).
const ENTITIES: &[&str] = &[
    "bank",
    "company",
    "firm",
    "entity",
    "individual",
    "official",
    "oligarch",
    "businessman",
    "businessmen",
    "exporter",
    "importer",
    "airline",
    "shipper",
    "refinery",
    "product",
    "good",
    "import",
    "export",
];

/// The state behind an unnamed entity ("three Iranian banks" -> Iran).
fn entity_owner(s: &Sent, ments: &[Ment], wm: &[Option<usize>], w: usize) -> Vec<Party> {
    let mut out = Vec::new();
    for c in s.with_conjuncts(w) {
        let l = s.lemma(c).to_lowercase();
        if !ENTITIES.contains(&l.as_str()) {
            continue;
        }
        for &k in &s.kids[c] {
            if matches!(s.deprel(k), "amod" | "compound" | "nmod:poss")
                && let Some(mi) = wm[k]
                && matches!(ments[mi].ty, MentTy::Demonym | MentTy::Name)
            {
                push(&mut out, &ments[mi].actor, k);
            }
        }
    }
    out
}

/// Verbs of putting a party out of a body or a country ("suspended from", "expelled from").
const EXCLUDING_VERBS: &[&str] = &[
    "suspend", "expel", "exclude", "eject", "oust", "ban", "bar", "remove", "deport",
];

/// Verbs whose subject, a measure, falls on their object ("the sanctions target Russian
/// banks").
const TARGETING_VERBS: &[&str] = &[
    "target", "hit", "affect", "cover", "penalize", "penalise", "punish", "bar", "freeze",
];

/// Nouns of a standing relation between two parties, whose "with"-phrase names the partner:
/// "suspended defence ties with X", "froze trade links with X".
const RELATION_NOUNS: &[&str] = &[
    "tie",
    "ties",
    "relation",
    "relations",
    "link",
    "links",
    "contact",
    "contacts",
    "cooperation",
    "trade",
    "exchange",
    "exchanges",
    "talks",
    "dialogue",
];

/// Events that happen inside one state, whose "in X" names the state that owns them: "the
/// coup in Freedonia", "the crackdown in Sylvania".
pub(crate) const DOMESTIC_EVENTS: &[&str] = &[
    "coup",
    "crackdown",
    "repression",
    "execution",
    "massacre",
    "killing",
    "test",
    "election",
    "referendum",
    "purge",
    "arrest",
    "detention",
    "abuse",
];

/// The author of the act or event that noun `o` names: its possessor, a state or name that
/// modifies it, or its "by"-phrase ("Freedonia's invasion of Sylvania", "the Freedonian
/// nuclear test", "the killings by Freedonian troops"); for a verbal conflict over an event
/// that happens inside one state, the state of its "in"-phrase ("condemned the coup in
/// Freedonia"). Empty when the noun names no author.
fn act_owner(s: &Sent, ments: &[Ment], wm: &[Option<usize>], o: usize, kind: &str) -> Vec<Party> {
    let mut out = Vec::new();
    if wm[o].is_some() || !matches!(s.upos(o), Upos::Noun) {
        return out;
    }
    for &k in &s.kids[o] {
        let rel = s.deprel(k);
        let by = rel.starts_with("nmod") && s.case_of(k).as_deref() == Some("by");
        if rel == "nmod:poss" || by {
            out.extend(party_actors(s, ments, wm, k));
        } else if rel == "acl" && s.upos(k) == Upos::Verb {
            // "the sanctions imposed by Washington", "the raid carried out by X"
            for a in s.kids_rel(k, "obl") {
                if s.case_of(a).as_deref() == Some("by") {
                    out.extend(party_actors(s, ments, wm, a));
                }
            }
        } else if matches!(rel, "amod" | "compound")
            && let Some(mi) = wm[k]
            && matches!(ments[mi].ty, MentTy::Demonym | MentTy::Name)
        {
            push(&mut out, &ments[mi].actor, k);
        }
    }
    if out.is_empty()
        && kind == "mistrust"
        && DOMESTIC_EVENTS.contains(&s.lemma(o).to_lowercase().as_str())
    {
        // "condemned the coup in Freedonia", with "in" on the verb as often as on the noun
        let on_verb = s
            .head(o)
            .filter(|_| s.rel(o) == "obj")
            .map(|v| s.kids_rel(v, "obl").filter(|&k| k > o).collect::<Vec<_>>())
            .unwrap_or_default();
        for k in s.kids_rel(o, "nmod").chain(on_verb) {
            if s.case_of(k).as_deref() == Some("in")
                && let Some(mi) = wm[k]
                && matches!(ments[mi].ty, MentTy::Name | MentTy::Seat)
            {
                push(&mut out, &ments[mi].actor, k);
            }
        }
    }
    out
}

/// The parties word `k` names; else, for an event noun, its author ([`act_owner`]); else the
/// owner of the thing it names ("the deployment of a U.S. missile system").
fn named_or_owned(
    s: &Sent,
    ments: &[Ment],
    wm: &[Option<usize>],
    k: usize,
    kind: &str,
) -> Vec<Party> {
    let ps = party_actors(s, ments, wm, k);
    if !ps.is_empty() {
        return ps;
    }
    let own = act_owner(s, ments, wm, k, kind);
    if own.is_empty() {
        modifier_actors(s, ments, wm, k, 2)
    } else {
        own
    }
}

/// A verb of feeling: the one who feels it (the object, or the passive subject) mistrusts
/// its cause. "China's assertiveness has alarmed Japan" (the cause is the subject or its
/// owner); "X and Y held drills, angering Z" (the cause is the event of the clause the
/// participle hangs on); "Z was angered by Y's decision" (the cause is the by-phrase or
/// what it names the author of).
fn psych_roles(s: &Sent, ments: &[Ment], wm: &[Option<usize>], t: usize, r: &mut Roles) {
    let cause = |k: usize, r: &mut Roles| {
        r.targets
            .extend(named_or_owned(s, ments, wm, k, "mistrust"));
    };
    if s.kids_rel(t, "obj").next().is_some() {
        for o in s.kids_rel(t, "obj") {
            r.agents.extend(party_actors(s, ments, wm, o));
        }
        let subjects: Vec<usize> = s.kids_rel(t, "nsubj").collect();
        for &k in &subjects {
            cause(k, r);
        }
        if subjects.is_empty()
            && s.rel(t) == "advcl"
            && let Some(h) = s.head(t)
            && matches!(s.upos(h), Upos::Verb)
        {
            let mut main = Roles::default();
            verb_roles(s, ments, wm, h, &mut main);
            r.targets.extend(main.agents);
        }
        return;
    }
    for k in s.kids[t].iter().copied() {
        match s.deprel(k) {
            "nsubj:pass" | "nsubj" => r.agents.extend(party_actors(s, ments, wm, k)),
            "obl:agent" => cause(k, r),
            "obl" if matches!(s.case_of(k).as_deref(), Some("by" | "at" | "over" | "with")) => {
                cause(k, r);
            }
            _ => {}
        }
    }
}

/// The parties of trigger word `t`.
#[expect(
    clippy::too_many_arguments,
    reason = "the trigger's word, reading, kind and prepositions are the coder's hit, passed apart"
)]
pub(crate) fn roles(
    s: &Sent,
    ments: &[Ment],
    wm: &[Option<usize>],
    t: usize,
    pos: TrigPos,
    kind: &str,
    preps: &[String],
    is_trigger: &dyn Fn(usize) -> bool,
) -> Roles {
    let mut r = Roles::default();
    let prep_ok =
        |p: &str| -> bool { preps.iter().any(|q| q == p) || default_preps(kind).contains(&p) };
    // Obliques and nominal modifiers of `w`: targets by preposition, agents by "by"/"from".
    let obliques = |w: usize, r: &mut Roles| {
        for &k in &s.kids[w] {
            let rel = s.deprel(k);
            if !(rel.starts_with("obl") || rel.starts_with("nmod") && rel != "nmod:poss") {
                continue;
            }
            let case = s.case_of(k);
            // "fight on his side": an ally, no target
            if on_side(s, k) {
                continue;
            }
            match case.as_deref() {
                Some("between" | "among" | "amongst") => {
                    let mut ps = party_actors(s, ments, wm, k);
                    if ps.len() < 2 {
                        // "between the two NATO members Turkey and Greece": names right
                        // after a descriptor noun, which the parse often hangs elsewhere
                        ps.extend(names_after(s, ments, wm, k));
                        dedup(&mut ps);
                    }
                    r.between.extend(ps);
                }
                Some("by") if rel == "obl:agent" || s.upos(w) == Upos::Noun => {
                    r.agents.extend(party_actors(s, ments, wm, k));
                }
                Some("from")
                    if matches!(kind, "cooperation" | "conflict" | "mistrust")
                        && s.upos(w) == Upos::Noun =>
                {
                    // "aid from Japan" (givers side by side), "came under attack from M23
                    // rebels", "criticism from Beijing"
                    r.agents.extend(party_actors(s, ments, wm, k));
                    r.givers |= kind == "cooperation";
                }
                Some(p) if prep_ok(p) && p != "of" => {
                    // "the deployment of a U.S. missile system" under "concerns about",
                    // "fired on a Philippine supply boat", "concern over Freedonia's invasion
                    // of Sylvania": the party, the event's author, or the owner of a non-actor
                    r.targets.extend(named_or_owned(s, ments, wm, k, kind));
                }
                Some(p) if prep_ok(p) => {
                    // an of-object names no owner, except the author of an event under
                    // verbal conflict ("condemnation of the coup in Freedonia")
                    let ps = party_actors(s, ments, wm, k);
                    if !ps.is_empty() {
                        r.targets.extend(ps);
                    } else if kind == "mistrust" {
                        r.targets.extend(act_owner(s, ments, wm, k, kind));
                    }
                }
                _ => {}
            }
        }
    };
    let hyphen = (pos == TrigPos::Verb && kind == "cooperation")
        .then(|| hyphen_agent(s, ments, wm, t))
        .flatten();
    match pos {
        TrigPos::Verb
            if PSYCH_VERBS.contains(&s.lemma(t).to_lowercase().as_str())
                && (s.kids_rel(t, "obj").next().is_some() || is_passive(s, t)) =>
        {
            psych_roles(s, ments, wm, t, &mut r);
            return finish(r);
        }
        TrigPos::Verb if hyphen.is_some() => {
            // "an Iranian-backed militia", "U.S.-trained forces": the name before the hyphen
            // acts on what the noun names (not "the Freedonian-occupied province": a place)
            r.agents.extend(hyphen);
            if let Some(h) = s.head(t) {
                r.targets.extend(party_actors(s, ments, wm, h));
                if r.targets.is_empty() {
                    r.targets.extend(described_by(s, ments, wm, h));
                }
            }
            return finish(r);
        }
        TrigPos::Verb => {
            verb_roles(s, ments, wm, t, &mut r);
            // "Sanctions were imposed on Iran by the United States", with "by" misattached
            // below another word of the clause
            if r.agents.is_empty() && is_passive(s, t) {
                for k in 0..s.len() {
                    if k != t
                        && s.descends(k, t)
                        && clause_of(s, k) == t
                        && s.case_of(k).as_deref() == Some("by")
                        && matches!(s.upos(k), Upos::Propn | Upos::Noun | Upos::Pron)
                    {
                        r.agents.extend(party_actors(s, ments, wm, k));
                    }
                }
            }
            // "X was suspended from the Commonwealth", "diplomats were expelled from Y":
            // the body or state one is put out of is the one who acts
            let mut from_agent: Vec<usize> = Vec::new();
            if r.agents.is_empty()
                && is_passive(s, t)
                && EXCLUDING_VERBS.contains(&s.lemma(t).to_lowercase().as_str())
            {
                for k in s.kids_rel(t, "obl") {
                    if s.case_of(k).as_deref() == Some("from") {
                        r.agents.extend(party_actors(s, ments, wm, k));
                        from_agent.push(k);
                    }
                }
            }
            for o in s.kids_rel(t, "obj").chain(s.kids_rel(t, "iobj")) {
                r.targets.extend(party_actors(s, ments, wm, o));
            }
            if from_agent.is_empty() {
                obliques(t, &mut r);
            } else {
                let agents = r.agents.clone();
                obliques(t, &mut r);
                r.targets
                    .retain(|p| !agents.iter().any(|a| a.actor == p.actor));
            }
            // "criticised the Sylvanian decision", "rejected Freedonia's proposal": the
            // owner of the object is the target of verbal conflict
            if r.targets.is_empty() {
                let objs: Vec<usize> = s
                    .kids_rel(t, "obj")
                    .flat_map(|o| s.with_conjuncts(o))
                    .collect();
                for o in objs {
                    if wm[o].is_some() {
                        continue;
                    }
                    // "condemned Freedonia's attack against Sylvania": verbal conflict over an
                    // act with an author is aimed at the author (below), not at its victim
                    if kind == "mistrust" && !act_owner(s, ments, wm, o, kind).is_empty() {
                        continue;
                    }
                    // "restored ties with Iran", "signed a declaration with Tunisia",
                    // "provided photographs and intelligence to Macedonia"; a measure on a
                    // relation ("suspended defence ties with X") targets the partner
                    let tie = kind == "sanctions"
                        && RELATION_NOUNS.contains(&s.lemma(o).to_lowercase().as_str());
                    for k in s.kids[o].iter().copied() {
                        if s.deprel(k).starts_with("nmod")
                            && s.deprel(k) != "nmod:poss"
                            && s.case_of(k)
                                .as_deref()
                                .is_some_and(|p| p != "of" && (prep_ok(p) || (tie && p == "with")))
                        {
                            r.targets.extend(party_actors(s, ments, wm, k));
                        }
                    }
                }
            }
            // "criticised the Sylvanian decision", "attacked an Iranian oil platform",
            // "welcomed the decision by Riyadh": the owner of the object is the target
            // (not of a topic: "discussed the attack by X" does not involve X)
            if r.targets.is_empty() && !TOPIC_VERBS.contains(&s.lemma(t).to_lowercase().as_str()) {
                for o in s.kids_rel(t, "obj") {
                    // "denounced Freedonia's invasion of Sylvania": the event's author, not
                    // the one it befell
                    let own = act_owner(s, ments, wm, o, kind);
                    if !own.is_empty() {
                        r.targets.extend(own);
                        continue;
                    }
                    r.targets.extend(modifier_actors(s, ments, wm, o, 2));
                    for k in s.kids_rel(o, "nmod") {
                        if s.case_of(k).as_deref() == Some("by") {
                            r.targets.extend(party_actors(s, ments, wm, k));
                        }
                    }
                }
            }
            // the same with "by" attached to the verb: in an active clause with an object,
            // "rejected calls by Freedonia's rulers" names the object's author
            if r.targets.is_empty() && !is_passive(s, t) && s.kids_rel(t, "obj").next().is_some() {
                for k in s.kids_rel(t, "obl") {
                    if s.case_of(k).as_deref() == Some("by") {
                        r.targets.extend(party_actors(s, ments, wm, k));
                    }
                }
            }
            // "X alleged that Y had armed the rebels", "X complained Y was harbouring ...":
            // the one a charge or complaint is about is its target (not what one denies or
            // rejects: "X denied that Y had paid")
            if kind == "mistrust"
                && r.targets.is_empty()
                && !matches!(
                    s.lemma(t).to_lowercase().as_str(),
                    "deny" | "reject" | "dismiss" | "refuse" | "refute" | "disown"
                )
            {
                for c in s.kids_rel(t, "ccomp") {
                    let marked_other = s
                        .kids_rel(c, "mark")
                        .any(|m| !s.lemma(m).eq_ignore_ascii_case("that"));
                    if !marked_other {
                        content_subjects(s, ments, wm, c, &mut r.targets);
                    }
                }
            }
            // a reduced relative: "rebels backed by Iran" (the noun is the target),
            // "troops attacking the town" (the noun is the agent)
            for o in s.kids_rel(t, "obj") {
                // "mediated talks between Israel and Hamas"
                if wm[o].is_none() {
                    for k in s.kids_rel(o, "nmod") {
                        if matches!(s.case_of(k).as_deref(), Some("between" | "among")) {
                            r.targets.extend(party_actors(s, ments, wm, k));
                        }
                    }
                }
                if kind == "sanctions" && r.targets.is_empty() {
                    r.targets.extend(entity_owner(s, ments, wm, o));
                }
            }
            // (a content clause, "accusations that X kidnapped Y", is no reduced relative)
            if s.rel(t) == "acl"
                && s.kids_rel(t, "mark").next().is_none()
                && let Some(h) = s.head(t)
            {
                let passive = s.kids_deprel(t, "obl:agent").next().is_some()
                    || (s.words[t].xpos == "VBN"
                        && !s.kids[t].iter().any(|&k| matches!(s.rel(k), "obj" | "obl")));
                let mut ps = party_actors(s, ments, wm, h);
                if passive && ps.is_empty() {
                    // "talks between X and Y, mediated by Z": Z with each of them
                    for k in s.kids_rel(h, "nmod") {
                        if matches!(s.case_of(k).as_deref(), Some("between" | "among")) {
                            ps.extend(party_actors(s, ments, wm, k));
                        }
                    }
                }
                if passive {
                    r.targets.extend(ps);
                } else if r.agents.is_empty() {
                    r.agents.extend(ps);
                }
            }
        }
        TrigPos::Noun => {
            for k in s.kids[t].iter().copied() {
                let rel = s.deprel(k);
                match rel {
                    // "Freedonia's invasion", and a nominal predicate's subject
                    // ("Freedonia is an ally of Sylvania")
                    "nmod:poss" | "nsubj" => r.agents.extend(party_actors(s, ments, wm, k)),
                    "amod" | "compound" => {
                        if let Some(mi) = wm[k] {
                            let m = &ments[mi];
                            if m.ty != MentTy::Seat || rel == "compound" {
                                r.agents.push(Party {
                                    actor: m.actor.clone(),
                                    word: k,
                                });
                            }
                        }
                    }
                    _ => {}
                }
            }
            // "the Freedonia-Sylvania war", "the U.S.-Philippines alliance": two names joined
            // by a hyphen before the noun are its two sides
            for k in s.kids[t].iter().copied() {
                if !matches!(s.deprel(k), "compound" | "amod") {
                    continue;
                }
                let Some(mk) = wm[k] else { continue };
                for c in s.kids[k].iter().copied() {
                    if c < k
                        && matches!(s.deprel(c), "compound" | "amod")
                        && (c + 1..k).any(|i| s.form(i) == "-")
                        && let Some(mc) = wm[c]
                        && ments[mc].actor != ments[mk].actor
                    {
                        r.agents
                            .retain(|p| p.actor != ments[mk].actor && p.actor != ments[mc].actor);
                        push(&mut r.between, &ments[mc].actor, c);
                        push(&mut r.between, &ments[mk].actor, k);
                    }
                }
            }
            // "concerns that Freedonia rigged the vote", "fears that X would attack": the
            // subject of the feared clause is the target of the mistrust
            if kind == "mistrust" {
                for c in s.kids[t].iter().copied() {
                    if matches!(s.rel(c), "acl" | "ccomp")
                        && s.kids_rel(c, "mark")
                            .any(|m| s.lemma(m).eq_ignore_ascii_case("that"))
                    {
                        content_subjects(s, ments, wm, c, &mut r.targets);
                    }
                }
            }
            // "Russia-Iran cooperation": two compounds are mutual parties (not the
            // conjoined givers of "support from X, Y and Z", added below)
            if kind == "cooperation" && r.agents.len() >= 2 {
                r.between.append(&mut r.agents);
            }
            obliques(t, &mut r);
            if r.targets.is_empty() {
                // "a suspension of air links with X", "a halt of arms sales to X": the
                // partner of the noun's of-object
                let ofs: Vec<usize> = s
                    .kids_rel(t, "nmod")
                    .filter(|&k| wm[k].is_none() && s.case_of(k).as_deref() == Some("of"))
                    .collect();
                for k in ofs {
                    for kk in s.kids_rel(k, "nmod") {
                        if s.case_of(kk)
                            .as_deref()
                            .is_some_and(|p| p != "of" && prep_ok(p))
                        {
                            r.targets.extend(party_actors(s, ments, wm, kk));
                        }
                    }
                }
            }
            if r.targets.is_empty() && r.between.is_empty() {
                // "rivalries and differences between X and Y": conjoined nouns share the
                // phrase that the parser hangs on one of them
                for c in s.with_conjuncts(t) {
                    if c != t && s.upos(c) == Upos::Noun {
                        obliques(c, &mut r);
                    }
                }
            }
            if !r.targets.is_empty() && r.agents.is_empty() && r.between.len() >= 2 {
                // "Freedonian-Sylvanian aid to Ruritania": the compounds give together
                r.agents.append(&mut r.between);
            }
            for a in s.kids_rel(t, "acl") {
                // "sanctions imposed on Russia by the EU"
                if !is_trigger(a) {
                    for k in s.kids_deprel(a, "obl:agent") {
                        r.agents.extend(party_actors(s, ments, wm, k));
                    }
                    obliques(a, &mut r);
                }
            }
            if kind == "sanctions" && r.targets.is_empty() {
                r.targets.extend(defier(s, ments, wm, t));
            }
            // "Freedonia has been the subject of U.S. sanctions", "X was the target of
            // attacks": the subject of the nominal predicate undergoes the event
            if r.targets.is_empty()
                && matches!(kind, "sanctions" | "conflict")
                && s.rel(t) == "nmod"
                && s.case_of(t).as_deref() == Some("of")
                && let Some(n) = s.head(t)
                && matches!(
                    s.lemma(n).to_lowercase().as_str(),
                    "subject" | "target" | "victim" | "object"
                )
            {
                for k in s.kids_rel(n, "nsubj") {
                    r.targets.extend(party_actors(s, ments, wm, k));
                }
            }
            if kind == "sanctions" && r.targets.is_empty() {
                // "sanctions on three Iranian banks"
                for k in s.kids_rel(t, "nmod") {
                    if s.case_of(k).as_deref().is_some_and(prep_ok) {
                        r.targets.extend(entity_owner(s, ments, wm, k));
                    }
                }
            }
            // An event noun inside the object of a verb ("pledged $50 million in aid to X"):
            // the verb's subject is the agent, unless the verb is a trigger of its own.
            if r.agents.is_empty() && !matches!(s.deprel(t), "obj" | "nsubj" | "nsubj:pass") {
                let mut h = s.head(t);
                let mut steps = 0;
                while let Some(x) = h {
                    if steps >= 2 || !matches!(s.upos(x), Upos::Noun | Upos::Num | Upos::Sym) {
                        break;
                    }
                    if !matches!(s.rel(x), "obj" | "nmod" | "compound") {
                        h = None;
                        break;
                    }
                    h = s.head(x);
                    steps += 1;
                }
                if let Some(v) = h
                    && steps > 0
                    && s.upos(v) == Upos::Verb
                    && !is_trigger(v)
                {
                    verb_roles(s, ments, wm, v, &mut r);
                    // "gave Ivory Coast $5 million of aid", "sent $2 million in aid to X"
                    if r.targets.is_empty()
                        && LIGHT_VERBS.contains(&s.lemma(v).to_lowercase().as_str())
                    {
                        for o in s.kids_rel(v, "iobj") {
                            r.targets.extend(party_actors(s, ments, wm, o));
                        }
                        obliques(v, &mut r);
                    }
                }
            }
            // "X arrived in Amman on a visit", "X flew to Moscow for talks": the destination
            // of the one who travels is the other party (a capital stands for its state)
            if r.targets.is_empty()
                && s.rel(t) == "obl"
                && let Some(v) = s.head(t)
                && s.upos(v) == Upos::Verb
                && MOTION_VERBS.contains(&s.lemma(v).to_lowercase().as_str())
            {
                if r.agents.is_empty() {
                    for k in s.kids_rel(v, "nsubj") {
                        r.agents.extend(party_actors(s, ments, wm, k));
                    }
                }
                for k in s.kids_rel(v, "obl") {
                    if k != t && matches!(s.case_of(k).as_deref(), Some("in" | "to" | "at")) {
                        match wm[k].map(|mi| &ments[mi]) {
                            // a capital here is the place visited: its state
                            Some(m) if m.ty == MentTy::Seat => r.targets.push(Party {
                                actor: m.actor.clone(),
                                word: k,
                            }),
                            _ => r.targets.extend(party_actors(s, ments, wm, k)),
                        }
                    }
                }
            }
            // "X struck the camps with support from Y and Z": the givers cooperate with
            // the one who acts (whatever the act)
            if kind == "cooperation"
                && r.targets.is_empty()
                && r.givers
                && s.deprel(t) == "obl"
                && s.case_of(t).as_deref() == Some("with")
                && let Some(v) = s.head(t)
            {
                for k in s.kids_rel(v, "nsubj") {
                    r.targets.extend(party_actors(s, ments, wm, k));
                }
            }
            // "X and Y are subject to sanctions", "exposed to attacks": the one it befalls
            if r.targets.is_empty()
                && s.rel(t) == "obl"
                && s.case_of(t).as_deref() == Some("to")
                && let Some(a) = s.head(t)
                && s.upos(a) == Upos::Adj
                && matches!(
                    s.lemma(a).to_lowercase().as_str(),
                    "subject" | "exposed" | "liable" | "vulnerable"
                )
            {
                for k in s.kids_rel(a, "nsubj") {
                    r.targets.extend(party_actors(s, ments, wm, k));
                }
            }
            if let Some(v) = s.head(t)
                && matches!(s.upos(v), Upos::Verb | Upos::Aux)
                && !is_trigger(v)
            {
                let vl = s.lemma(v).to_lowercase();
                match s.deprel(t) {
                    // "Kenya received aid from X", "Y enjoys the backing of X", "Z has our
                    // support": the one who receives it is the target, the giver the agent
                    "obj"
                        if kind == "cooperation"
                            && RECEIVING.contains(&vl.as_str())
                            && HELP_NOUNS.contains(&s.lemma(t).to_lowercase().as_str()) =>
                    {
                        let mut receivers = Vec::new();
                        for k in s.kids_rel(v, "nsubj") {
                            receivers.extend(party_actors(s, ments, wm, k));
                        }
                        // the noun's own parties ("the backing of X", "our support") give it
                        let givers = std::mem::take(&mut r.targets);
                        r.agents.extend(givers);
                        for k in s.kids_rel(t, "nmod") {
                            if matches!(s.case_of(k).as_deref(), Some("of" | "from")) {
                                r.agents.extend(party_actors(s, ments, wm, k));
                            }
                        }
                        for k in s.kids_rel(v, "obl") {
                            if matches!(s.case_of(k).as_deref(), Some("from")) {
                                r.agents.extend(party_actors(s, ments, wm, k));
                            }
                        }
                        r.agents
                            .retain(|a| !receivers.iter().any(|t| t.actor == a.actor));
                        r.targets = receivers;
                    }
                    "obj" if LIGHT_VERBS.contains(&vl.as_str()) => {
                        if r.agents.is_empty() {
                            verb_roles(s, ments, wm, v, &mut r);
                        }
                        for o in s.kids_rel(v, "iobj") {
                            r.targets.extend(party_actors(s, ments, wm, o));
                        }
                        obliques(v, &mut r);
                    }
                    "obj" | "obl"
                        if r.targets.is_empty()
                            && (UNDERGO.contains(&vl.as_str())
                                || (kind == "sanctions" && DEFY.contains(&vl.as_str())))
                            && (vl != "come" || s.case_of(t).as_deref() == Some("under")) =>
                    {
                        // "Venezuela was hit with fresh U.S. sanctions", "Iran faces
                        // sanctions": the one who undergoes it is the target
                        for k in s.kids[v].iter().copied() {
                            if matches!(s.deprel(k), "nsubj:pass")
                                || (s.deprel(k) == "nsubj" && vl != "hit")
                            {
                                r.targets.extend(party_actors(s, ments, wm, k));
                            }
                        }
                    }
                    "nsubj" | "nsubj:pass" => {
                        // "Tensions between X and Y rose", "Sanctions were imposed on X by Y"
                        for k in s.kids_deprel(v, "obl:agent") {
                            r.agents.extend(party_actors(s, ments, wm, k));
                        }
                        obliques(v, &mut r);
                        // "The sanctions target Russian banks", "the embargo hit Freedonia"
                        if kind == "sanctions"
                            && r.targets.is_empty()
                            && s.deprel(t) == "nsubj"
                            && TARGETING_VERBS.contains(&vl.as_str())
                        {
                            for o in s.kids_rel(v, "obj") {
                                let ps = party_actors(s, ments, wm, o);
                                if ps.is_empty() {
                                    r.targets.extend(entity_owner(s, ments, wm, o));
                                } else {
                                    r.targets.extend(ps);
                                }
                            }
                        }
                    }
                    _ => {}
                }
            }
        }
        TrigPos::Adj => {
            // "Freedonia is wary of Sylvania", "critical of", "hostile to"
            for k in s.kids_rel(t, "nsubj") {
                r.agents.extend(party_actors(s, ments, wm, k));
            }
            if s.rel(t) == "amod"
                && let Some(h) = s.head(t)
            {
                r.agents.extend(party_actors(s, ments, wm, h));
                // "the confrontational rhetoric between X and Y", "X's hostile relations
                // with Y": the parties of the noun the adjective describes
                if wm[h].is_none() && s.upos(h) == Upos::Noun {
                    for k in s.kids_rel(h, "nmod:poss") {
                        r.agents.extend(party_actors(s, ments, wm, k));
                    }
                    obliques(h, &mut r);
                }
            }
            obliques(t, &mut r);
        }
    }
    if r.agents.is_empty() && pos != TrigPos::Adj {
        implicit_agents(s, ments, wm, t, is_trigger, &mut r);
    }
    finish(r)
}

/// Roles read off the word order when the parse gave a finite verb trigger no party at all
/// (the tagger's slips make "Freedonia extradited suspected militant X to Sylvania" a noun
/// phrase): the name right before the verb (only auxiliaries and adverbs between) is the
/// agent, the first name after it inside the same noun or prepositional phrases (no verb,
/// no comma, a preposition only if it introduces a target) is the target.
pub(crate) fn surface_roles(
    s: &Sent,
    ments: &[Ment],
    wm: &[Option<usize>],
    t: usize,
    kind: &str,
    preps: &[String],
) -> Roles {
    let mut r = Roles::default();
    // a past participle right after the sentence's first name is its verb, misread
    // ("Freedonia extradited ..."), unless a "by" phrase makes it passive
    let opening_participle = s.words[t].xpos == "VBN"
        && t >= 1
        && wm[t - 1].is_some_and(|m| ments[m].first <= 1)
        && !(t + 1..s.len()).any(|j| s.form(j).eq_ignore_ascii_case("by"));
    if !matches!(s.words[t].xpos.as_str(), "VBD" | "VBZ" | "VBP") && !opening_participle {
        return r;
    }
    let party = |m: &Ment, w: usize| {
        matches!(m.ty, MentTy::Name | MentTy::Person | MentTy::Seat).then(|| Party {
            actor: m.actor.clone(),
            word: w,
        })
    };
    let mut i = t;
    while i > 0 {
        i -= 1;
        if let Some(mi) = wm[i] {
            r.agents.extend(party(&ments[mi], i));
            break;
        }
        if !matches!(s.upos(i), Upos::Aux | Upos::Adv | Upos::Part) {
            break;
        }
    }
    if r.agents.is_empty() {
        return r;
    }
    for (j, at) in wm.iter().enumerate().take(s.len().min(t + 10)).skip(t + 1) {
        if let Some(mi) = *at {
            let m = &ments[mi];
            if matches!(m.ty, MentTy::Demonym) {
                // "suspected British militant X": the demonym describes a person, who is
                // then the target when named
                continue;
            }
            r.targets.extend(party(m, j));
            break;
        }
        let ok = match s.upos(j) {
            Upos::Det | Upos::Adj | Upos::Noun | Upos::Propn | Upos::Num | Upos::Adv => true,
            Upos::Verb => s.words[j].xpos == "VBN" || s.words[j].xpos == "VBG",
            Upos::Adp => {
                let p = s.form(j).to_lowercase();
                preps.contains(&p) || default_preps(kind).contains(&p.as_str())
            }
            _ => false,
        };
        if !ok {
            break;
        }
    }
    if r.targets.is_empty() || r.targets[0].actor == r.agents[0].actor {
        return Roles::default();
    }
    r
}

/// The actor named before the hyphen of an adjectival participle ("Iranian-backed",
/// "U.S.-funded"), when the participle modifies a noun.
fn hyphen_agent(s: &Sent, ments: &[Ment], wm: &[Option<usize>], t: usize) -> Option<Party> {
    if t < 2 || s.rel(t) != "amod" || s.form(t - 1) != "-" {
        return None;
    }
    let m = &ments[wm[t - 2]?];
    matches!(m.ty, MentTy::Name | MentTy::Demonym | MentTy::Seat).then(|| Party {
        actor: m.actor.clone(),
        word: t - 2,
    })
}

/// The actor a descriptive noun phrase follows after a comma ("the PMF, an Iranian-backed
/// militia"): its apposition anchor, or the name right before the comma when the parser
/// hung the phrase elsewhere.
fn described_by(s: &Sent, ments: &[Ment], wm: &[Option<usize>], h: usize) -> Vec<Party> {
    if s.rel(h) == "appos"
        && let Some(a) = s.head(h)
    {
        let ps = party_actors(s, ments, wm, a);
        if !ps.is_empty() {
            return ps;
        }
    }
    let first = (0..h)
        .find(|&k| s.descends(k, h) && s.upos(k) != Upos::Punct)
        .unwrap_or(h);
    if first < 2 || s.form(first - 1) != "," {
        return Vec::new();
    }
    let mut k = first - 2;
    if s.form(k) == ")" && k >= 1 {
        k -= 1;
    }
    match wm[k] {
        Some(m) if matches!(ments[m].ty, MentTy::Name) => vec![Party {
            actor: ments[m].actor.clone(),
            word: k,
        }],
        _ => Vec::new(),
    }
}

/// Verbs of travel whose destination is where a visit or talks take place.
const MOTION_VERBS: &[&str] = &[
    "arrive", "fly", "travel", "come", "go", "head", "return", "land", "journey",
];

/// Verbs whose object feels the emotion and whose subject causes it ("angered Turkey").
const PSYCH_VERBS: &[&str] = &[
    "alarm",
    "anger",
    "infuriate",
    "enrage",
    "irritate",
    "irk",
    "upset",
    "annoy",
    "outrage",
    "antagonize",
    "antagonise",
    "alienate",
    "worry",
    "unnerve",
    "rile",
    "offend",
    "frustrate",
    "dismay",
    "disturb",
    "disappoint",
    "concern",
    "trouble",
    "displease",
    "incense",
    "exasperate",
];

/// Verbs whose subject undergoes the event noun they govern ("was hit with sanctions",
/// "faces sanctions", "came under attack").
const UNDERGO: &[&str] = &[
    "hit", "slap", "target", "face", "suffer", "endure", "come", "subject", "undergo",
];

/// Verbs whose subject is the target of the sanctions they govern ("Iran defied U.N.
/// sanctions", "firms that evaded the embargo"), and their nouns ("in defiance of").
const DEFY: &[&str] = &[
    "defy",
    "violate",
    "evade",
    "circumvent",
    "breach",
    "flout",
    "bust",
    "dodge",
    "skirt",
];
const DEFIANCE: &[&str] = &[
    "defiance",
    "violation",
    "evasion",
    "circumvention",
    "breach",
];

/// "X, which pursues its programme in defiance of U.N. sanctions": the subject of the clause
/// that defies the sanctions noun `t` is its target.
fn defier(s: &Sent, ments: &[Ment], wm: &[Option<usize>], t: usize) -> Vec<Party> {
    let Some(d) = s.head(t) else {
        return Vec::new();
    };
    if !(s.deprel(t).starts_with("nmod")
        && s.case_of(t).as_deref() == Some("of")
        && DEFIANCE.contains(&s.lemma(d).to_lowercase().as_str()))
    {
        return Vec::new();
    }
    let mut v = d;
    for _ in 0..2 {
        match s.head(v) {
            Some(h) if matches!(s.upos(v), Upos::Noun) && !matches!(s.upos(h), Upos::Verb) => {
                v = h;
            }
            Some(h) if matches!(s.upos(v), Upos::Noun) => {
                v = h;
                break;
            }
            _ => break,
        }
    }
    // "Iran continues to pursue ...": the subject of an infinitive is its controller's
    while matches!(s.upos(v), Upos::Verb) && s.kids_rel(v, "nsubj").next().is_none() {
        match s.head(v) {
            Some(h) if s.rel(v) == "xcomp" => v = h,
            _ => break,
        }
    }
    if !matches!(s.upos(v), Upos::Verb) {
        return Vec::new();
    }
    s.kids_rel(v, "nsubj")
        .flat_map(|k| party_actors(s, ments, wm, k))
        .collect()
}

/// The parties a content clause is about: its subject's actors, or the owner of an unnamed
/// subject ("that Freedonia's ruling party rigged the vote").
fn content_subjects(
    s: &Sent,
    ments: &[Ment],
    wm: &[Option<usize>],
    c: usize,
    out: &mut Vec<Party>,
) {
    for k in s.kids_rel(c, "nsubj") {
        let ps = party_actors(s, ments, wm, k);
        if ps.is_empty() {
            out.extend(modifier_actors(s, ments, wm, k, 2));
        }
        out.extend(ps);
    }
}

/// Whether verb `v` is passive ("were imposed").
fn is_passive(s: &Sent, v: usize) -> bool {
    s.kids[v]
        .iter()
        .any(|&k| matches!(s.deprel(k), "aux:pass" | "nsubj:pass"))
}

/// The nearest clause head above `w` (a verb, or the root).
fn clause_of(s: &Sent, w: usize) -> usize {
    let mut cur = w;
    while let Some(h) = s.head(cur) {
        if matches!(s.upos(h), Upos::Verb) || s.head(h).is_none() {
            return h;
        }
        cur = h;
    }
    cur
}

fn finish(mut r: Roles) -> Roles {
    dedup(&mut r.agents);
    dedup(&mut r.targets);
    dedup(&mut r.between);
    r.targets.retain(|p| {
        !r.agents
            .iter()
            .any(|a| a.actor == p.actor && a.word == p.word)
    });
    r
}

/// The agent of a trigger that has none of its own, from the phrase it sits in:
/// "U.S. and EU efforts to increase support to Ukraine" (the owners of "efforts"),
/// "Freedonia's decision to sanction Sylvania". Climbs through objects, complements and
/// clausal modifiers (at most three steps), never past another trigger or a clause of
/// speech, taking the first subject or owner found.
fn implicit_agents(
    s: &Sent,
    ments: &[Ment],
    wm: &[Option<usize>],
    t: usize,
    is_trigger: &dyn Fn(usize) -> bool,
    r: &mut Roles,
) {
    let mut cur = t;
    for _ in 0..3 {
        let rel = s.rel(cur);
        if !matches!(rel, "obj" | "xcomp" | "acl" | "nmod" | "advcl" | "conj") {
            return;
        }
        let Some(h) = s.head(cur) else {
            return;
        };
        if is_trigger(h) {
            return;
        }
        match s.upos(h) {
            Upos::Verb => {
                let hl = s.lemma(h).to_lowercase();
                if rel == "nmod"
                    || TELLING_VERBS.contains(&hl.as_str())
                    || TOPIC_VERBS.contains(&hl.as_str())
                {
                    return;
                }
                let mut tmp = Roles::default();
                verb_roles(s, ments, wm, h, &mut tmp);
                if !tmp.agents.is_empty() {
                    r.agents.extend(tmp.agents);
                    return;
                }
                if s.kids[h].iter().any(|&k| s.rel(k) == "nsubj") {
                    // a subject that names no actor ("the talks aimed to ...") ends the climb
                    return;
                }
            }
            Upos::Noun | Upos::Propn => {
                let mut found = Vec::new();
                for &k in &s.kids[h] {
                    if matches!(s.deprel(k), "nmod:poss" | "compound" | "amod")
                        && let Some(mi) = wm[k]
                        && ments[mi].ty != MentTy::Seat
                    {
                        for c in s.with_conjuncts(k) {
                            if let Some(ci) = wm[c] {
                                found.push(Party {
                                    actor: ments[ci].actor.clone(),
                                    word: c,
                                });
                            }
                        }
                    }
                }
                if !found.is_empty() {
                    r.agents.extend(found);
                    return;
                }
                if rel == "nmod" {
                    return;
                }
            }
            _ => return,
        }
        cur = h;
    }
}

/// The names listed right after word `k` by the surface ("members Turkey and Greece"):
/// mentions joined by "and" or commas, at least two, and nothing else in between.
fn names_after(s: &Sent, ments: &[Ment], wm: &[Option<usize>], k: usize) -> Vec<Party> {
    let mut out: Vec<Party> = Vec::new();
    let mut i = k + 1;
    while i < s.len() {
        if let Some(mi) = wm[i] {
            let m = &ments[mi];
            if m.ty != MentTy::Name {
                break;
            }
            push(&mut out, &m.actor, m.head);
            i = m.last + 1;
        } else if matches!(s.form(i), "and" | ",") && !out.is_empty() {
            i += 1;
        } else {
            break;
        }
    }
    if out.len() >= 2 { out } else { Vec::new() }
}

fn dedup(v: &mut Vec<Party>) {
    let mut seen: Vec<String> = Vec::new();
    v.retain(|p| {
        if seen.contains(&p.actor) {
            false
        } else {
            seen.push(p.actor.clone());
            true
        }
    });
}

/// Actors among the modifiers of a non-actor noun, `depth` levels down:
/// "the deployment of a U.S. missile system" -> United States.
pub(crate) fn modifier_actors(
    s: &Sent,
    ments: &[Ment],
    wm: &[Option<usize>],
    w: usize,
    depth: u8,
) -> Vec<Party> {
    let mut out = Vec::new();
    if depth == 0 {
        return out;
    }
    for &k in &s.kids[w] {
        let rel = s.deprel(k);
        if matches!(rel, "amod" | "compound" | "nmod:poss") || rel.starts_with("nmod") {
            // owners only: "of" or no preposition ("the war against Ukraine" names no owner)
            if s.case_of(k).is_some_and(|p| p != "of") {
                continue;
            }
            let mut ps = party_actors(s, ments, wm, k);
            // a demonym or name modifying the noun: "a Sylvanian oil depot"
            if ps.is_empty()
                && matches!(rel, "amod" | "compound")
                && let Some(mi) = wm[k]
                && matches!(ments[mi].ty, MentTy::Demonym | MentTy::Name)
            {
                push(&mut ps, &ments[mi].actor, k);
            }
            if ps.is_empty() {
                out.extend(modifier_actors(s, ments, wm, k, depth - 1));
            } else {
                out.extend(ps);
            }
        }
    }
    out
}

/// The subject side of verb `v`: its subject (or passive agent), the controller of an
/// infinitive ("agreed to supply"), the shared subject of a conjoined verb or of a
/// participle clause ("..., angering Turkey"); a passive subject is a target.
fn verb_roles(s: &Sent, ments: &[Ment], wm: &[Option<usize>], v: usize, r: &mut Roles) {
    let mut found = false;
    for k in s.kids[v].iter().copied() {
        match s.deprel(k) {
            "nsubj" | "csubj" => {
                let ps = party_actors(s, ments, wm, k);
                if ps.is_empty() {
                    // "Relations between Algeria and Morocco soured"
                    for b in s.kids_rel(k, "nmod") {
                        if matches!(s.case_of(b).as_deref(), Some("between" | "among")) {
                            r.between.extend(party_actors(s, ments, wm, b));
                        }
                    }
                }
                r.agents.extend(ps);
                found = true;
            }
            "nsubj:pass" => {
                r.targets.extend(party_actors(s, ments, wm, k));
                found = true;
            }
            "obl:agent" => {
                r.agents.extend(party_actors(s, ments, wm, k));
                found = true;
            }
            _ => {}
        }
    }
    if found {
        return;
    }
    // Inherit a subject from the governing verb.
    let mut cur = v;
    for _ in 0..4 {
        let Some(h) = s.head(cur) else {
            return;
        };
        match s.rel(cur) {
            "xcomp" => {
                // object control ("urged Iran to ...") else subject control
                let objs: Vec<usize> = s.kids_rel(h, "obj").collect();
                let subs: Vec<usize> = s.kids_rel(h, "nsubj").collect();
                let from = if objs.is_empty() { subs } else { objs };
                for k in from {
                    r.agents.extend(party_actors(s, ments, wm, k));
                }
                if !r.agents.is_empty() {
                    return;
                }
                cur = h;
            }
            "conj" | "advcl" => {
                if s.rel(cur) == "advcl" && s.kids_rel(cur, "mark").next().is_some() {
                    return;
                }
                let subs: Vec<usize> = s.kids_rel(h, "nsubj").collect();
                for k in subs {
                    r.agents.extend(party_actors(s, ments, wm, k));
                }
                if !r.agents.is_empty() {
                    return;
                }
                cur = h;
            }
            _ => return,
        }
    }
}

/// The actor pairs a trigger's roles give: `(source, target, directed)`.
#[cfg(test)]
pub(crate) fn pairs(r: &Roles, kind_undirected: bool, kind: &str) -> Vec<(Party, Party, bool)> {
    pairs_with(r, kind_undirected, kind, true)
}

/// Whether a trigger's conjoined agents act with each other when it names no target: an
/// agreement, meeting or joint work ("X and Y signed a deal", "X and Y met"), or a verb of
/// two sides ("clashed", "quarrelled": read with "with"/"between"); not giving, backing or
/// attacking ("support from X, Y and Z", "X and Y attacked").
pub(crate) fn reciprocal(category: &str, preps: &[String], lemma: &str) -> bool {
    // "exchanged fire", "traded accusations", "swapped prisoners"
    // "X and Y signed a ceasefire", "agreed a truce": what two sign, they sign together
    matches!(
        lemma,
        "exchange" | "trade" | "swap" | "sign" | "agree" | "conclude"
    ) || matches!(category, "AGREE" | "CONSULT" | "COOPERATE" | "REDUCE" | "")
        || (!matches!(
            category,
            "AID" | "SUPPORT" | "CONCEDE" | "MOBILIZE" | "THREATEN" | "SANCTION" | "COERCE"
        ) && preps.iter().any(|p| p == "between" || p == "with"))
}

/// [`pairs`] with the conjoined-agents reading switched by `mutual` ([`reciprocal`]).
pub(crate) fn pairs_with(
    r: &Roles,
    kind_undirected: bool,
    kind: &str,
    mutual: bool,
) -> Vec<(Party, Party, bool)> {
    let mut out: Vec<(Party, Party, bool)> = Vec::new();
    let mut add = |a: &Party, b: &Party, directed: bool| {
        if a.actor == b.actor {
            return;
        }
        if !out.iter().any(|(x, y, _)| {
            (x.actor == a.actor && y.actor == b.actor)
                || (!directed && x.actor == b.actor && y.actor == a.actor)
        }) {
            out.push((a.clone(), b.clone(), directed));
        }
    };
    for a in &r.agents {
        for t in &r.targets {
            // "X and Y moved troops to their borders with Z": a one-sided act of conjoined
            // agents does not target one of them through their own possessive
            if !mutual && r.agents.iter().any(|b| b.actor == t.actor) {
                continue;
            }
            add(a, t, !kind_undirected);
        }
    }
    if kind != "sanctions" {
        // "between X and Y": mutual, or with the agent ("talks with X and Y"? no: between)
        // ("Burundi's conflict between rebels and the army": the parties are the between
        // pair, whatever else owns the noun)
        if r.agents.is_empty() || kind_undirected || r.between.len() >= 2 {
            for (i, a) in r.between.iter().enumerate() {
                for b in &r.between[i + 1..] {
                    add(a, b, false);
                }
            }
        }
        // "Russia and Iran signed a deal", "X and Y clashed": conjoined agents without a
        // target act together.
        if mutual
            && !r.givers
            && r.targets.is_empty()
            && r.between.is_empty()
            && r.agents.len() >= 2
        {
            for (i, a) in r.agents.iter().enumerate() {
                for b in &r.agents[i + 1..] {
                    add(a, b, false);
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::model::Upos::*;
    use super::super::sent::testing::sent;
    use super::*;

    fn ment(actor: &str, w: usize, ty: MentTy) -> Ment {
        Ment {
            actor: actor.into(),
            first: w,
            last: w,
            head: w,
            ty,
        }
    }

    fn wmap(n: usize, ms: &[Ment]) -> Vec<Option<usize>> {
        let mut v = vec![None; n];
        for (i, m) in ms.iter().enumerate() {
            for x in v.iter_mut().take(m.last + 1).skip(m.first) {
                *x = Some(i);
            }
        }
        v
    }

    fn party(actor: &str, word: usize) -> Party {
        Party {
            actor: actor.into(),
            word,
        }
    }

    fn names(ps: &[(Party, Party, bool)]) -> Vec<(String, String, bool)> {
        ps.iter()
            .map(|(a, b, d)| (a.actor.clone(), b.actor.clone(), *d))
            .collect()
    }

    /// The directed pairs a verb trigger `t` of `kind` reads.
    fn verb_pairs(s: &Sent, ms: &[Ment], t: usize, kind: &str) -> Vec<(String, String, bool)> {
        let wm = wmap(s.len(), ms);
        let r = roles(s, ms, &wm, t, TrigPos::Verb, kind, &[], &|_| false);
        names(&pairs(&r, false, kind))
    }

    #[test]
    fn surface_roles_fill_a_verb_the_parse_left_without_parties() {
        // "Freedonia extradited suspected Sylvanian militant Ana Sorel to Sylvania.", read
        // as one noun phrase ("extradited" an adjectival participle)
        let (t, mut w) = sent(&[
            ("Freedonia", "Freedonia", Propn, 7, "compound"),
            ("extradited", "extradite", Verb, 7, "amod"),
            ("suspected", "suspect", Verb, 7, "amod"),
            ("Sylvanian", "Sylvanian", Adj, 7, "amod"),
            ("militant", "militant", Adj, 7, "amod"),
            ("Ana", "Ana", Propn, 7, "compound"),
            ("Sorel", "Sorel", Propn, 0, "root"),
            ("to", "to", Adp, 9, "case"),
            ("Sylvania", "Sylvania", Propn, 7, "nmod"),
        ]);
        w[1].xpos = "VBN".into();
        w[2].xpos = "VBN".into();
        let s = Sent::new(&t, w);
        let ms = vec![
            ment("freedonia", 0, MentTy::Name),
            ment("sylvania", 3, MentTy::Demonym),
            ment("sylvania", 8, MentTy::Name),
        ];
        let wm = wmap(s.len(), &ms);
        let r = surface_roles(&s, &ms, &wm, 1, "cooperation", &[]);
        assert_eq!(
            names(&pairs(&r, true, "cooperation")),
            vec![("freedonia".into(), "sylvania".into(), false)]
        );
        // a participle with a "by" phrase is passive: nothing read off the order
        let (t, mut w) = sent(&[
            ("Freedonia", "Freedonia", Propn, 0, "root"),
            ("backed", "back", Verb, 1, "acl"),
            ("by", "by", Adp, 4, "case"),
            ("Sylvania", "Sylvania", Propn, 2, "obl"),
        ]);
        w[1].xpos = "VBN".into();
        let s = Sent::new(&t, w);
        let ms = vec![
            ment("freedonia", 0, MentTy::Name),
            ment("sylvania", 3, MentTy::Name),
        ];
        let wm = wmap(s.len(), &ms);
        assert!(
            surface_roles(&s, &ms, &wm, 1, "cooperation", &[])
                .agents
                .is_empty()
        );
    }

    #[test]
    fn the_body_one_is_expelled_from_acts() {
        // "Freedonia was suspended from the League."
        let (t, w) = sent(&[
            ("Freedonia", "Freedonia", Propn, 3, "nsubj:pass"),
            ("was", "be", Aux, 3, "aux:pass"),
            ("suspended", "suspend", Verb, 0, "root"),
            ("from", "from", Adp, 6, "case"),
            ("the", "the", Det, 6, "det"),
            ("League", "League", Propn, 3, "obl"),
        ]);
        let s = Sent::new(&t, w);
        let ms = vec![
            ment("freedonia", 0, MentTy::Name),
            ment("league", 5, MentTy::Name),
        ];
        assert_eq!(
            verb_pairs(&s, &ms, 2, "sanctions"),
            vec![("league".into(), "freedonia".into(), true)]
        );
    }

    #[test]
    fn the_one_who_feels_it_mistrusts_the_cause() {
        // "Freedonia held drills, angering Sylvania."
        let (t, w) = sent(&[
            ("Freedonia", "Freedonia", Propn, 2, "nsubj"),
            ("held", "hold", Verb, 0, "root"),
            ("drills", "drill", Noun, 2, "obj"),
            (",", ",", Punct, 5, "punct"),
            ("angering", "anger", Verb, 2, "advcl"),
            ("Sylvania", "Sylvania", Propn, 5, "obj"),
        ]);
        let s = Sent::new(&t, w);
        let ms = vec![
            ment("freedonia", 0, MentTy::Name),
            ment("sylvania", 5, MentTy::Name),
        ];
        assert_eq!(
            verb_pairs(&s, &ms, 4, "mistrust"),
            vec![("sylvania".into(), "freedonia".into(), true)]
        );
        // "Sylvania was disappointed by Freedonia's decision."
        let (t, w) = sent(&[
            ("Sylvania", "Sylvania", Propn, 3, "nsubj:pass"),
            ("was", "be", Aux, 3, "aux:pass"),
            ("disappointed", "disappoint", Verb, 0, "root"),
            ("by", "by", Adp, 7, "case"),
            ("Freedonia", "Freedonia", Propn, 7, "nmod:poss"),
            ("'s", "'s", Part, 5, "case"),
            ("decision", "decision", Noun, 3, "obl:agent"),
        ]);
        let s = Sent::new(&t, w);
        let ms = vec![
            ment("sylvania", 0, MentTy::Name),
            ment("freedonia", 4, MentTy::Name),
        ];
        assert_eq!(
            verb_pairs(&s, &ms, 2, "mistrust"),
            vec![("sylvania".into(), "freedonia".into(), true)]
        );
    }

    #[test]
    fn verbal_conflict_over_an_event_targets_its_author() {
        // "Ruritania denounced Freedonia's invasion of Sylvania.": not Sylvania
        let (t, w) = sent(&[
            ("Ruritania", "Ruritania", Propn, 2, "nsubj"),
            ("denounced", "denounce", Verb, 0, "root"),
            ("Freedonia", "Freedonia", Propn, 5, "nmod:poss"),
            ("'s", "'s", Part, 3, "case"),
            ("invasion", "invasion", Noun, 2, "obj"),
            ("of", "of", Adp, 7, "case"),
            ("Sylvania", "Sylvania", Propn, 5, "nmod"),
        ]);
        let s = Sent::new(&t, w);
        let ms = vec![
            ment("ruritania", 0, MentTy::Name),
            ment("freedonia", 2, MentTy::Name),
            ment("sylvania", 6, MentTy::Name),
        ];
        assert_eq!(
            verb_pairs(&s, &ms, 1, "mistrust"),
            vec![("ruritania".into(), "freedonia".into(), true)]
        );
        // "Ruritania condemned the coup in Freedonia.", the place phrase on the verb
        let (t, w) = sent(&[
            ("Ruritania", "Ruritania", Propn, 2, "nsubj"),
            ("condemned", "condemn", Verb, 0, "root"),
            ("the", "the", Det, 4, "det"),
            ("coup", "coup", Noun, 2, "obj"),
            ("in", "in", Adp, 6, "case"),
            ("Freedonia", "Freedonia", Propn, 2, "obl"),
        ]);
        let s = Sent::new(&t, w);
        let ms = vec![
            ment("ruritania", 0, MentTy::Name),
            ment("freedonia", 5, MentTy::Name),
        ];
        assert_eq!(
            verb_pairs(&s, &ms, 1, "mistrust"),
            vec![("ruritania".into(), "freedonia".into(), true)]
        );
        // "Ruritania condemned the attack in Freedonia.": an attack there is no one's there
        let (t, w) = sent(&[
            ("Ruritania", "Ruritania", Propn, 2, "nsubj"),
            ("condemned", "condemn", Verb, 0, "root"),
            ("the", "the", Det, 4, "det"),
            ("attack", "attack", Noun, 2, "obj"),
            ("in", "in", Adp, 6, "case"),
            ("Freedonia", "Freedonia", Propn, 2, "obl"),
        ]);
        let s = Sent::new(&t, w);
        assert!(verb_pairs(&s, &ms, 1, "mistrust").is_empty());
    }

    #[test]
    fn the_partner_of_a_nouns_of_object_is_its_target() {
        // "Freedonia announced a suspension of air links with Sylvania."
        let (t, w) = sent(&[
            ("Freedonia", "Freedonia", Propn, 2, "nsubj"),
            ("announced", "announce", Verb, 0, "root"),
            ("a", "a", Det, 4, "det"),
            ("suspension", "suspension", Noun, 2, "obj"),
            ("of", "of", Adp, 7, "case"),
            ("air", "air", Noun, 7, "compound"),
            ("links", "link", Noun, 4, "nmod"),
            ("with", "with", Adp, 9, "case"),
            ("Sylvania", "Sylvania", Propn, 7, "nmod"),
        ]);
        let s = Sent::new(&t, w);
        let ms = vec![
            ment("freedonia", 0, MentTy::Name),
            ment("sylvania", 8, MentTy::Name),
        ];
        let wm = wmap(s.len(), &ms);
        let preps: Vec<String> = ["with", "of"].iter().map(|p| p.to_string()).collect();
        let r = roles(&s, &ms, &wm, 3, TrigPos::Noun, "sanctions", &preps, &|i| {
            i == 3
        });
        assert_eq!(
            names(&pairs(&r, false, "sanctions")),
            vec![("freedonia".into(), "sylvania".into(), true)]
        );
    }

    #[test]
    fn the_name_before_a_hyphenated_participle_acts_on_the_noun() {
        // "Sylvania's PDF, a Freedonian-backed militia, grew."
        let (t, w) = sent(&[
            ("PDF", "PDF", Propn, 9, "nsubj"),
            (",", ",", Punct, 7, "punct"),
            ("a", "a", Det, 7, "det"),
            ("Freedonian", "Freedonian", Adj, 7, "amod"),
            ("-", "-", Punct, 6, "punct"),
            ("backed", "back", Verb, 7, "amod"),
            ("militia", "militia", Noun, 1, "parataxis"),
            (",", ",", Punct, 7, "punct"),
            ("grew", "grow", Verb, 0, "root"),
        ]);
        let s = Sent::new(&t, w);
        let ms = vec![
            ment("pdf", 0, MentTy::Name),
            ment("freedonia", 3, MentTy::Demonym),
        ];
        let wm = wmap(s.len(), &ms);
        let r = roles(&s, &ms, &wm, 5, TrigPos::Verb, "cooperation", &[], &|i| {
            i == 5
        });
        assert_eq!(
            names(&pairs(&r, true, "cooperation")),
            vec![("freedonia".into(), "pdf".into(), false)]
        );
    }

    #[test]
    fn conjoined_agents_of_a_one_sided_act_do_not_target_each_other() {
        // "Freedonia and Sylvania moved troops to their borders with Ruritania."
        let r = Roles {
            agents: vec![party("freedonia", 0), party("sylvania", 2)],
            targets: vec![
                party("freedonia", 6),
                party("sylvania", 6),
                party("ruritania", 10),
            ],
            ..Default::default()
        };
        let got = names(&pairs_with(&r, false, "mistrust", false));
        assert_eq!(
            got,
            vec![
                ("freedonia".into(), "ruritania".into(), true),
                ("sylvania".into(), "ruritania".into(), true)
            ]
        );
    }

    #[test]
    fn the_destination_of_a_visit_is_the_other_party() {
        // "Freedonia's president arrived in Sylvaburg on a visit."
        let (t, w) = sent(&[
            ("Freedonia", "Freedonia", Propn, 3, "nmod:poss"),
            ("'s", "'s", Part, 1, "case"),
            ("president", "president", Noun, 4, "nsubj"),
            ("arrived", "arrive", Verb, 0, "root"),
            ("in", "in", Adp, 6, "case"),
            ("Sylvaburg", "Sylvaburg", Propn, 4, "obl"),
            ("on", "on", Adp, 9, "case"),
            ("a", "a", Det, 9, "det"),
            ("visit", "visit", Noun, 4, "obl"),
        ]);
        let s = Sent::new(&t, w);
        let ms = vec![
            ment("freedonia", 0, MentTy::Name),
            ment("sylvania", 5, MentTy::Seat),
        ];
        let wm = wmap(s.len(), &ms);
        let r = roles(&s, &ms, &wm, 8, TrigPos::Noun, "cooperation", &[], &|i| {
            i == 8
        });
        assert_eq!(
            names(&pairs(&r, true, "cooperation")),
            vec![("freedonia".into(), "sylvania".into(), false)]
        );
    }

    #[test]
    fn the_subject_of_sanctions_is_their_target() {
        // "Zorb has been the subject of Freedonian sanctions."
        let (t, w) = sent(&[
            ("Zorb", "Zorb", Propn, 5, "nsubj"),
            ("has", "have", Aux, 5, "aux"),
            ("been", "be", Aux, 5, "cop"),
            ("the", "the", Det, 5, "det"),
            ("subject", "subject", Noun, 0, "root"),
            ("of", "of", Adp, 8, "case"),
            ("Freedonian", "Freedonian", Adj, 8, "amod"),
            ("sanctions", "sanction", Noun, 5, "nmod"),
        ]);
        let s = Sent::new(&t, w);
        let ms = vec![
            ment("zorb", 0, MentTy::Name),
            ment("freedonia", 6, MentTy::Demonym),
        ];
        let wm = wmap(s.len(), &ms);
        let r = roles(&s, &ms, &wm, 7, TrigPos::Noun, "sanctions", &[], &|i| {
            i == 7
        });
        assert_eq!(
            names(&pairs(&r, false, "sanctions")),
            vec![("freedonia".into(), "zorb".into(), true)]
        );
    }

    #[test]
    fn sanctions_defied_target_the_defier() {
        // "Freedonia continues to build arms in defiance of U.N. sanctions."
        let (t, w) = sent(&[
            ("Freedonia", "Freedonia", Propn, 2, "nsubj"),
            ("continues", "continue", Verb, 0, "root"),
            ("to", "to", Part, 4, "mark"),
            ("build", "build", Verb, 2, "xcomp"),
            ("arms", "arm", Noun, 4, "obj"),
            ("in", "in", Adp, 7, "case"),
            ("defiance", "defiance", Noun, 5, "nmod"),
            ("of", "of", Adp, 10, "case"),
            ("U.N.", "U.N.", Propn, 10, "compound"),
            ("sanctions", "sanction", Noun, 7, "nmod"),
        ]);
        let s = Sent::new(&t, w);
        let ms = vec![
            ment("freedonia", 0, MentTy::Name),
            ment("united_nations", 8, MentTy::Name),
        ];
        let wm = wmap(s.len(), &ms);
        let r = roles(&s, &ms, &wm, 9, TrigPos::Noun, "sanctions", &[], &|i| {
            i == 9
        });
        assert_eq!(
            names(&pairs(&r, false, "sanctions")),
            vec![("united_nations".into(), "freedonia".into(), true)]
        );
    }

    #[test]
    fn the_feared_clause_names_the_target_of_concern() {
        // "Sylvania voiced concerns that Freedonia's ruling party rigged the vote."
        let (t, w) = sent(&[
            ("Sylvania", "Sylvania", Propn, 2, "nsubj"),
            ("voiced", "voice", Verb, 0, "root"),
            ("concerns", "concern", Noun, 2, "obj"),
            ("that", "that", Sconj, 9, "mark"),
            ("Freedonia", "Freedonia", Propn, 8, "nmod:poss"),
            ("'s", "'s", Part, 5, "case"),
            ("ruling", "rule", Verb, 8, "amod"),
            ("party", "party", Noun, 9, "nsubj"),
            ("rigged", "rig", Verb, 3, "acl"),
            ("the", "the", Det, 11, "det"),
            ("vote", "vote", Noun, 9, "obj"),
        ]);
        let s = Sent::new(&t, w);
        let ms = vec![
            ment("sylvania", 0, MentTy::Name),
            ment("freedonia", 4, MentTy::Name),
        ];
        let wm = wmap(s.len(), &ms);
        let r = roles(&s, &ms, &wm, 2, TrigPos::Noun, "mistrust", &[], &|i| i == 2);
        assert_eq!(
            names(&pairs(&r, false, "mistrust")),
            vec![("sylvania".into(), "freedonia".into(), true)]
        );
    }

    #[test]
    fn names_joined_by_a_hyphen_before_the_noun_are_its_two_sides() {
        // "the Freedonia-Sylvania war"
        let (t, w) = sent(&[
            ("the", "the", Det, 5, "det"),
            ("Freedonia", "Freedonia", Propn, 4, "compound"),
            ("-", "-", Punct, 4, "punct"),
            ("Sylvania", "Sylvania", Propn, 5, "compound"),
            ("war", "war", Noun, 0, "root"),
        ]);
        let s = Sent::new(&t, w);
        let ms = vec![
            ment("freedonia", 1, MentTy::Name),
            ment("sylvania", 3, MentTy::Name),
        ];
        let wm = wmap(s.len(), &ms);
        let r = roles(&s, &ms, &wm, 4, TrigPos::Noun, "conflict", &[], &|i| i == 4);
        assert!(r.agents.is_empty());
        let mut b: Vec<&str> = r.between.iter().map(|p| p.actor.as_str()).collect();
        b.sort_unstable();
        assert_eq!(b, vec!["freedonia", "sylvania"]);
    }

    #[test]
    fn condemning_an_attack_targets_its_author_not_its_victim() {
        // "Ruritania condemned Freedonia's attack against Sylvania."
        let (t, w) = sent(&[
            ("Ruritania", "Ruritania", Propn, 2, "nsubj"),
            ("condemned", "condemn", Verb, 0, "root"),
            ("Freedonia", "Freedonia", Propn, 5, "nmod:poss"),
            ("'s", "'s", Part, 3, "case"),
            ("attack", "attack", Noun, 2, "obj"),
            ("against", "against", Adp, 7, "case"),
            ("Sylvania", "Sylvania", Propn, 5, "nmod"),
        ]);
        let s = Sent::new(&t, w);
        let ms = vec![
            ment("ruritania", 0, MentTy::Name),
            ment("freedonia", 2, MentTy::Name),
            ment("sylvania", 6, MentTy::Name),
        ];
        let wm = wmap(s.len(), &ms);
        let trig = |i: usize| i == 1 || i == 4;
        let r = roles(&s, &ms, &wm, 1, TrigPos::Verb, "mistrust", &[], &trig);
        assert_eq!(
            names(&pairs(&r, false, "mistrust")),
            vec![("ruritania".into(), "freedonia".into(), true)]
        );
    }

    #[test]
    fn the_one_who_receives_help_is_its_target() {
        // "Freedonia received military aid from Sylvania."
        let (t, w) = sent(&[
            ("Freedonia", "Freedonia", Propn, 2, "nsubj"),
            ("received", "receive", Verb, 0, "root"),
            ("military", "military", Adj, 4, "amod"),
            ("aid", "aid", Noun, 2, "obj"),
            ("from", "from", Adp, 6, "case"),
            ("Sylvania", "Sylvania", Propn, 2, "obl"),
        ]);
        let s = Sent::new(&t, w);
        let ms = vec![
            ment("freedonia", 0, MentTy::Name),
            ment("sylvania", 5, MentTy::Name),
        ];
        let wm = wmap(s.len(), &ms);
        let r = roles(&s, &ms, &wm, 3, TrigPos::Noun, "cooperation", &[], &|i| {
            i == 3
        });
        assert_eq!(r.targets.len(), 1);
        assert_eq!(r.targets[0].actor, "freedonia");
        assert_eq!(r.agents.len(), 1);
        assert_eq!(r.agents[0].actor, "sylvania");
        // "Freedonia enjoys the backing of Sylvania."
        let (t, w) = sent(&[
            ("Freedonia", "Freedonia", Propn, 2, "nsubj"),
            ("enjoys", "enjoy", Verb, 0, "root"),
            ("the", "the", Det, 4, "det"),
            ("backing", "backing", Noun, 2, "obj"),
            ("of", "of", Adp, 6, "case"),
            ("Sylvania", "Sylvania", Propn, 4, "nmod"),
        ]);
        let s = Sent::new(&t, w);
        let r = roles(&s, &ms, &wm, 3, TrigPos::Noun, "cooperation", &[], &|i| {
            i == 3
        });
        assert_eq!(
            names(&pairs(&r, true, "cooperation")).len(),
            1,
            "{:?}",
            names(&pairs(&r, true, "cooperation"))
        );
    }

    #[test]
    fn those_subject_to_sanctions_are_their_target() {
        // "Freedonia and Sylvania are subject to Ruritanian sanctions."
        let (t, w) = sent(&[
            ("Freedonia", "Freedonia", Propn, 5, "nsubj"),
            ("and", "and", Cconj, 3, "cc"),
            ("Sylvania", "Sylvania", Propn, 1, "conj"),
            ("are", "be", Aux, 5, "cop"),
            ("subject", "subject", Adj, 0, "root"),
            ("to", "to", Adp, 8, "case"),
            ("Ruritanian", "ruritanian", Adj, 8, "amod"),
            ("sanctions", "sanction", Noun, 5, "obl"),
        ]);
        let s = Sent::new(&t, w);
        let ms = vec![
            ment("freedonia", 0, MentTy::Name),
            ment("sylvania", 2, MentTy::Name),
            ment("ruritania", 6, MentTy::Demonym),
        ];
        let wm = wmap(s.len(), &ms);
        let r = roles(&s, &ms, &wm, 7, TrigPos::Noun, "sanctions", &[], &|i| {
            i == 7
        });
        let mut got = names(&pairs(&r, false, "sanctions"));
        got.sort();
        assert_eq!(
            got,
            vec![
                ("ruritania".into(), "freedonia".into(), true),
                ("ruritania".into(), "sylvania".into(), true)
            ]
        );
    }

    #[test]
    fn a_content_clause_is_no_reduced_relative() {
        // "Freedonian accusations that Sylvanian spies kidnapped two citizens"
        let (t, w) = sent(&[
            ("Freedonian", "freedonian", Adj, 2, "amod"),
            ("accusations", "accusation", Noun, 0, "root"),
            ("that", "that", Sconj, 6, "mark"),
            ("Sylvanian", "sylvanian", Adj, 5, "amod"),
            ("spies", "spy", Noun, 6, "nsubj"),
            ("kidnapped", "kidnap", Verb, 2, "acl"),
            ("two", "two", Num, 8, "nummod"),
            ("citizens", "citizen", Noun, 6, "obj"),
        ]);
        let s = Sent::new(&t, w);
        let ms = vec![
            ment("freedonia", 0, MentTy::Demonym),
            ment("sylvania", 3, MentTy::Demonym),
        ];
        let wm = wmap(s.len(), &ms);
        let trig = |i: usize| i == 1 || i == 5;
        let r = roles(&s, &ms, &wm, 5, TrigPos::Verb, "conflict", &[], &trig);
        assert!(!r.agents.iter().any(|p| p.actor == "freedonia"));
        assert!(r.agents.iter().any(|p| p.actor == "sylvania"));
        let r = roles(&s, &ms, &wm, 1, TrigPos::Noun, "mistrust", &[], &trig);
        assert_eq!(
            names(&pairs(&r, false, "mistrust")),
            vec![("freedonia".into(), "sylvania".into(), true)]
        );
    }

    #[test]
    fn the_subject_of_a_charge_is_its_target() {
        // "Sylvania alleged that Freedonia had armed the rebels."
        let rows = |verb: &'static str, lemma: &'static str| {
            sent(&[
                ("Sylvania", "Sylvania", Propn, 2, "nsubj"),
                (verb, lemma, Verb, 0, "root"),
                ("that", "that", Sconj, 6, "mark"),
                ("Freedonia", "Freedonia", Propn, 6, "nsubj"),
                ("had", "have", Aux, 6, "aux"),
                ("armed", "arm", Verb, 2, "ccomp"),
                ("the", "the", Det, 8, "det"),
                ("rebels", "rebel", Noun, 6, "obj"),
            ])
        };
        let ms = vec![
            ment("sylvania", 0, MentTy::Name),
            ment("freedonia", 3, MentTy::Name),
        ];
        let (t, w) = rows("alleged", "allege");
        let s = Sent::new(&t, w);
        let wm = wmap(s.len(), &ms);
        let r = roles(&s, &ms, &wm, 1, TrigPos::Verb, "mistrust", &[], &|i| i == 1);
        assert_eq!(
            names(&pairs(&r, false, "mistrust")),
            vec![("sylvania".into(), "freedonia".into(), true)]
        );
        // what one denies is no charge against the one it names
        let (t, w) = rows("denied", "deny");
        let s = Sent::new(&t, w);
        let r = roles(&s, &ms, &wm, 1, TrigPos::Verb, "mistrust", &[], &|i| i == 1);
        assert!(pairs(&r, false, "mistrust").is_empty());
    }

    #[test]
    fn conjoined_nouns_share_their_between_phrase() {
        // "Rivalries and disputes between Freedonia and Sylvania grew."
        let (t, w) = sent(&[
            ("Rivalries", "rivalry", Noun, 8, "nsubj"),
            ("and", "and", Cconj, 3, "cc"),
            ("disputes", "dispute", Noun, 1, "conj"),
            ("between", "between", Adp, 5, "case"),
            ("Freedonia", "Freedonia", Propn, 3, "nmod"),
            ("and", "and", Cconj, 7, "cc"),
            ("Sylvania", "Sylvania", Propn, 5, "conj"),
            ("grew", "grow", Verb, 0, "root"),
        ]);
        let s = Sent::new(&t, w);
        let ms = vec![
            ment("freedonia", 4, MentTy::Name),
            ment("sylvania", 6, MentTy::Name),
        ];
        let wm = wmap(s.len(), &ms);
        let r = roles(&s, &ms, &wm, 0, TrigPos::Noun, "mistrust", &[], &|i| {
            i == 0 || i == 2
        });
        assert_eq!(
            names(&pairs(&r, false, "mistrust")),
            vec![("freedonia".into(), "sylvania".into(), false)]
        );
    }

    #[test]
    fn a_predicate_nouns_relative_clause_acts_for_the_subject() {
        // "The Front is a militia that has carried out attacks against Sylvanian troops."
        let (t, w) = sent(&[
            ("The", "the", Det, 2, "det"),
            ("Front", "Front", Propn, 5, "nsubj"),
            ("is", "be", Aux, 5, "cop"),
            ("a", "a", Det, 5, "det"),
            ("militia", "militia", Noun, 0, "root"),
            ("that", "that", Pron, 8, "nsubj"),
            ("has", "have", Aux, 8, "aux"),
            ("carried", "carry", Verb, 5, "acl:relcl"),
            ("out", "out", Adp, 8, "compound:prt"),
            ("attacks", "attack", Noun, 8, "obj"),
            ("against", "against", Adp, 13, "case"),
            ("Sylvanian", "sylvanian", Adj, 13, "amod"),
            ("troops", "troop", Noun, 10, "nmod"),
        ]);
        let s = Sent::new(&t, w);
        let ms = vec![
            ment("front", 1, MentTy::Name),
            ment("sylvania", 11, MentTy::Demonym),
        ];
        let wm = wmap(s.len(), &ms);
        let r = roles(&s, &ms, &wm, 9, TrigPos::Noun, "conflict", &[], &|i| i == 9);
        assert_eq!(
            names(&pairs(&r, false, "conflict")),
            vec![("front".into(), "sylvania".into(), true)]
        );
    }

    #[test]
    fn a_relative_pronoun_stands_for_every_conjunct_of_its_antecedent() {
        // "Freedonia and Sylvania, who sent aid to Ruritania"
        let (t, w) = sent(&[
            ("Freedonia", "Freedonia", Propn, 0, "root"),
            ("and", "and", Cconj, 3, "cc"),
            ("Sylvania", "Sylvania", Propn, 1, "conj"),
            ("who", "who", Pron, 5, "nsubj"),
            ("sent", "send", Verb, 1, "acl:relcl"),
            ("aid", "aid", Noun, 5, "obj"),
            ("to", "to", Adp, 8, "case"),
            ("Ruritania", "Ruritania", Propn, 5, "obl"),
        ]);
        let s = Sent::new(&t, w);
        let ms = vec![
            ment("freedonia", 0, MentTy::Name),
            ment("sylvania", 2, MentTy::Name),
            ment("ruritania", 7, MentTy::Name),
        ];
        let wm = wmap(s.len(), &ms);
        let got: Vec<String> = party_actors(&s, &ms, &wm, 3)
            .into_iter()
            .map(|p| p.actor)
            .collect();
        assert_eq!(got, vec!["freedonia", "sylvania"]);
    }

    #[test]
    fn a_rebel_leader_is_not_his_countrys_agent() {
        // "a Freedonian rebel leader"
        let (t, w) = sent(&[
            ("a", "a", Det, 4, "det"),
            ("Freedonian", "freedonian", Adj, 4, "amod"),
            ("rebel", "rebel", Noun, 4, "compound"),
            ("leader", "leader", Noun, 0, "root"),
        ]);
        let s = Sent::new(&t, w);
        let ms = vec![ment("freedonia", 1, MentTy::Demonym)];
        let wm = wmap(s.len(), &ms);
        assert!(party_actors(&s, &ms, &wm, 3).is_empty());
        // "a Freedonian army leader" is
        let (t, w) = sent(&[
            ("a", "a", Det, 4, "det"),
            ("Freedonian", "freedonian", Adj, 4, "amod"),
            ("army", "army", Noun, 4, "compound"),
            ("leader", "leader", Noun, 0, "root"),
        ]);
        let s = Sent::new(&t, w);
        assert_eq!(party_actors(&s, &ms, &wm, 3).len(), 1);
    }

    #[test]
    fn agents_from_a_state_or_its_police_in_it_are_that_states() {
        // "Soldiers from Freedonia attacked Sylvania."
        let (t, w) = sent(&[
            ("Soldiers", "soldier", Noun, 4, "nsubj"),
            ("from", "from", Adp, 3, "case"),
            ("Freedonia", "Freedonia", Propn, 1, "nmod"),
            ("attacked", "attack", Verb, 0, "root"),
            ("Sylvania", "Sylvania", Propn, 4, "obj"),
        ]);
        let s = Sent::new(&t, w);
        let ms = vec![
            ment("freedonia", 2, MentTy::Name),
            ment("sylvania", 4, MentTy::Name),
        ];
        let wm = wmap(s.len(), &ms);
        let r = roles(&s, &ms, &wm, 3, TrigPos::Verb, "conflict", &[], &|i| i == 3);
        assert_eq!(
            names(&pairs(&r, false, "conflict")),
            vec![("freedonia".into(), "sylvania".into(), true)]
        );
        // "Sylvanian troops in Freedonia attacked ...": the troops are Sylvania's, and troops
        // in a place are not that place's in any case
        let (t, w) = sent(&[
            ("Sylvanian", "sylvanian", Adj, 2, "amod"),
            ("troops", "troop", Noun, 5, "nsubj"),
            ("in", "in", Adp, 4, "case"),
            ("Freedonia", "Freedonia", Propn, 2, "nmod"),
            ("attacked", "attack", Verb, 0, "root"),
        ]);
        let s = Sent::new(&t, w);
        let ms = vec![
            ment("sylvania", 0, MentTy::Demonym),
            ment("freedonia", 3, MentTy::Name),
        ];
        let wm = wmap(s.len(), &ms);
        assert_eq!(party_actors(&s, &ms, &wm, 1).len(), 1);
        assert_eq!(party_actors(&s, &ms, &wm, 1)[0].actor, "sylvania");
        // "Police in Freedonia beat ...": a state's police in it are its own
        let (t, w) = sent(&[
            ("Police", "police", Noun, 4, "nsubj"),
            ("in", "in", Adp, 3, "case"),
            ("Freedonia", "Freedonia", Propn, 1, "nmod"),
            ("beat", "beat", Verb, 0, "root"),
        ]);
        let s = Sent::new(&t, w);
        let ms = vec![ment("freedonia", 2, MentTy::Name)];
        let wm = wmap(s.len(), &ms);
        assert_eq!(party_actors(&s, &ms, &wm, 0)[0].actor, "freedonia");
        // "troops in Freedonia" alone could be anyone's
        let (t, w) = sent(&[
            ("Troops", "troop", Noun, 4, "nsubj"),
            ("in", "in", Adp, 3, "case"),
            ("Freedonia", "Freedonia", Propn, 1, "nmod"),
            ("fired", "fire", Verb, 0, "root"),
        ]);
        let s = Sent::new(&t, w);
        let wm = wmap(s.len(), &ms);
        assert!(party_actors(&s, &ms, &wm, 0).is_empty());
    }

    #[test]
    fn a_telling_verb_gives_no_agent_to_its_event_object() {
        // "Freedonia says an attack killed ten."
        let (t, w) = sent(&[
            ("Freedonia", "Freedonia", Propn, 2, "nsubj"),
            ("says", "say", Verb, 0, "root"),
            ("an", "a", Det, 4, "det"),
            ("attack", "attack", Noun, 2, "obj"),
            ("killed", "kill", Verb, 4, "acl:relcl"),
            ("ten", "ten", Num, 5, "obj"),
        ]);
        let s = Sent::new(&t, w);
        let ms = vec![ment("freedonia", 0, MentTy::Name)];
        let wm = wmap(s.len(), &ms);
        let r = roles(&s, &ms, &wm, 3, TrigPos::Noun, "conflict", &[], &|i| i == 3);
        assert!(r.agents.is_empty(), "{:?}", r.agents);
        // "Freedonia launched an attack": a light verb's subject is the agent
        let (t, w) = sent(&[
            ("Freedonia", "Freedonia", Propn, 2, "nsubj"),
            ("launched", "launch", Verb, 0, "root"),
            ("an", "a", Det, 4, "det"),
            ("attack", "attack", Noun, 2, "obj"),
        ]);
        let s = Sent::new(&t, w);
        let r = roles(&s, &ms, &wm, 3, TrigPos::Noun, "conflict", &[], &|i| i == 3);
        assert_eq!(r.agents.len(), 1);
    }

    #[test]
    fn names_after_a_between_descriptor_are_the_pair() {
        // "the dispute between the two members Freedonia and Sylvania has deepened", the
        // names read as the subject of "deepened"
        let (t, w) = sent(&[
            ("dispute", "dispute", Noun, 0, "root"),
            ("between", "between", Adp, 4, "case"),
            ("two", "two", Num, 4, "nummod"),
            ("members", "member", Noun, 1, "nmod"),
            ("Freedonia", "Freedonia", Propn, 8, "nsubj"),
            ("and", "and", Cconj, 7, "cc"),
            ("Sylvania", "Sylvania", Propn, 5, "conj"),
            ("deepened", "deepen", Verb, 4, "acl:relcl"),
        ]);
        let s = Sent::new(&t, w);
        let ms = vec![
            ment("freedonia", 4, MentTy::Name),
            ment("sylvania", 6, MentTy::Name),
        ];
        let wm = wmap(s.len(), &ms);
        let r = roles(&s, &ms, &wm, 0, TrigPos::Noun, "mistrust", &[], &|i| i == 0);
        let p = names(&pairs(&r, false, "mistrust"));
        assert_eq!(p.len(), 1, "{p:?}");
    }

    #[test]
    fn rejecting_a_measure_imposed_by_x_targets_x() {
        // "Cuba rejected the sanctions imposed by Washington."
        let (t, w) = sent(&[
            ("Cuba", "Cuba", Propn, 2, "nsubj"),
            ("rejected", "reject", Verb, 0, "root"),
            ("the", "the", Det, 4, "det"),
            ("sanctions", "sanction", Noun, 2, "obj"),
            ("imposed", "impose", Verb, 4, "acl"),
            ("by", "by", Adp, 7, "case"),
            ("Washington", "Washington", Propn, 5, "obl:agent"),
        ]);
        let s = Sent::new(&t, w);
        let ms = vec![
            ment("cuba", 0, MentTy::Name),
            ment("united_states", 6, MentTy::Seat),
        ];
        let wm = wmap(s.len(), &ms);
        let r = roles(&s, &ms, &wm, 1, TrigPos::Verb, "mistrust", &[], &|i| {
            i == 1 || i == 3
        });
        let p = names(&pairs(&r, false, "mistrust"));
        assert_eq!(
            p,
            vec![("cuba".into(), "united_states".into(), true)],
            "{r:?}"
        );
    }

    #[test]
    fn a_between_pair_stands_beside_an_owner() {
        // "Freedonia's conflict between Sylvania and Ruritania"
        let (t, w) = sent(&[
            ("Freedonia", "Freedonia", Propn, 3, "nmod:poss"),
            ("'s", "'s", Part, 1, "case"),
            ("conflict", "conflict", Noun, 0, "root"),
            ("between", "between", Adp, 5, "case"),
            ("Sylvania", "Sylvania", Propn, 3, "nmod"),
            ("and", "and", Cconj, 7, "cc"),
            ("Ruritania", "Ruritania", Propn, 5, "conj"),
        ]);
        let s = Sent::new(&t, w);
        let ms = vec![
            ment("freedonia", 0, MentTy::Name),
            ment("sylvania", 4, MentTy::Name),
            ment("ruritania", 6, MentTy::Name),
        ];
        let wm = wmap(s.len(), &ms);
        let r = roles(&s, &ms, &wm, 2, TrigPos::Noun, "conflict", &[], &|i| i == 2);
        let p = names(&pairs(&r, false, "conflict"));
        assert!(
            p.iter()
                .any(|(a, b, _)| a == "sylvania" && b == "ruritania"),
            "{p:?}"
        );
    }

    #[test]
    fn light_verb_and_oblique() {
        // "Canada imposed sanctions on Freedonia in Geneva."
        let (t, w) = sent(&[
            ("Canada", "Canada", Propn, 2, "nsubj"),
            ("imposed", "impose", Verb, 0, "root"),
            ("sanctions", "sanction", Noun, 2, "obj"),
            ("on", "on", Adp, 5, "case"),
            ("Freedonia", "Freedonia", Propn, 2, "obl"),
            ("in", "in", Adp, 7, "case"),
            ("Geneva", "Geneva", Propn, 2, "obl"),
        ]);
        let s = Sent::new(&t, w);
        let ms = vec![
            ment("canada", 0, MentTy::Name),
            ment("freedonia", 4, MentTy::Name),
            ment("switzerland", 6, MentTy::Seat),
        ];
        let wm = wmap(s.len(), &ms);
        let r = roles(&s, &ms, &wm, 2, TrigPos::Noun, "sanctions", &[], &|i| {
            i == 2
        });
        assert_eq!(
            names(&pairs(&r, false, "sanctions")),
            vec![("canada".into(), "freedonia".into(), true)]
        );
    }

    #[test]
    fn two_actors_relating_to_a_third_are_not_paired() {
        // "Canada, Norway and Japan pledged aid to Malawi."
        let (t, w) = sent(&[
            ("Canada", "Canada", Propn, 6, "nsubj"),
            (",", ",", Punct, 3, "punct"),
            ("Norway", "Norway", Propn, 1, "conj"),
            ("and", "and", Cconj, 5, "cc"),
            ("Japan", "Japan", Propn, 1, "conj"),
            ("pledged", "pledge", Verb, 0, "root"),
            ("aid", "aid", Noun, 6, "obj"),
            ("to", "to", Adp, 9, "case"),
            ("Malawi", "Malawi", Propn, 6, "obl"),
        ]);
        let s = Sent::new(&t, w);
        let ms = vec![
            ment("canada", 0, MentTy::Name),
            ment("norway", 2, MentTy::Name),
            ment("japan", 4, MentTy::Name),
            ment("malawi", 8, MentTy::Name),
        ];
        let wm = wmap(s.len(), &ms);
        let r = roles(&s, &ms, &wm, 6, TrigPos::Noun, "cooperation", &[], &|i| {
            i == 6
        });
        let p = names(&pairs(&r, true, "cooperation"));
        assert_eq!(p.len(), 3, "{p:?}");
        assert!(p.iter().all(|(_, b, _)| b == "malawi"), "{p:?}");
    }

    #[test]
    fn conjoined_subjects_cooperate_pairwise() {
        // "Russia and Iran signed a deal."
        let (t, w) = sent(&[
            ("Russia", "Russia", Propn, 4, "nsubj"),
            ("and", "and", Cconj, 3, "cc"),
            ("Iran", "Iran", Propn, 1, "conj"),
            ("signed", "sign", Verb, 0, "root"),
            ("a", "a", Det, 6, "det"),
            ("deal", "deal", Noun, 4, "obj"),
        ]);
        let s = Sent::new(&t, w);
        let ms = vec![
            ment("russia", 0, MentTy::Name),
            ment("iran", 2, MentTy::Name),
        ];
        let wm = wmap(s.len(), &ms);
        let r = roles(&s, &ms, &wm, 3, TrigPos::Verb, "cooperation", &[], &|i| {
            i == 3
        });
        assert_eq!(
            names(&pairs(&r, true, "cooperation")),
            vec![("russia".into(), "iran".into(), false)]
        );
    }

    #[test]
    fn a_place_is_not_a_party() {
        // "Ruritanian jets attacked an oil platform east of Bahrain."
        let (t, w) = sent(&[
            ("Ruritanian", "Ruritanian", Adj, 2, "amod"),
            ("jets", "jet", Noun, 3, "nsubj"),
            ("attacked", "attack", Verb, 0, "root"),
            ("an", "a", Det, 6, "det"),
            ("oil", "oil", Noun, 6, "compound"),
            ("platform", "platform", Noun, 3, "obj"),
            ("east", "east", Adv, 6, "advmod"),
            ("of", "of", Adp, 9, "case"),
            ("Bahrain", "Bahrain", Propn, 7, "obl"),
        ]);
        let s = Sent::new(&t, w);
        let ms = vec![
            ment("ruritania", 0, MentTy::Demonym),
            ment("bahrain", 8, MentTy::Name),
        ];
        let wm = wmap(s.len(), &ms);
        let r = roles(&s, &ms, &wm, 2, TrigPos::Verb, "conflict", &[], &|i| i == 2);
        assert_eq!(r.agents.len(), 1);
        assert!(pairs(&r, false, "conflict").is_empty());
    }

    #[test]
    fn supporters_named_with_from_cooperate_with_the_actor() {
        // "Freedonia struck the camps with support from Sylvania."
        let (t, w) = sent(&[
            ("Freedonia", "Freedonia", Propn, 2, "nsubj"),
            ("struck", "strike", Verb, 0, "root"),
            ("the", "the", Det, 4, "det"),
            ("camps", "camp", Noun, 2, "obj"),
            ("with", "with", Adp, 6, "case"),
            ("support", "support", Noun, 2, "obl"),
            ("from", "from", Adp, 8, "case"),
            ("Sylvania", "Sylvania", Propn, 6, "nmod"),
        ]);
        let s = Sent::new(&t, w);
        let ms = vec![
            ment("freedonia", 0, MentTy::Name),
            ment("sylvania", 7, MentTy::Name),
        ];
        let wm = wmap(s.len(), &ms);
        let r = roles(&s, &ms, &wm, 5, TrigPos::Noun, "cooperation", &[], &|i| {
            i == 5 || i == 1
        });
        assert_eq!(
            names(&pairs_with(&r, true, "cooperation", false)),
            vec![("sylvania".into(), "freedonia".into(), false)]
        );
    }

    #[test]
    fn mediator_of_talks_between_two_parties_works_with_each() {
        // "talks between Freedonia and Sylvania, mediated by Ruritania"
        let (t, w) = sent(&[
            ("talks", "talk", Noun, 0, "root"),
            ("between", "between", Adp, 3, "case"),
            ("Freedonia", "Freedonia", Propn, 1, "nmod"),
            ("and", "and", Cconj, 5, "cc"),
            ("Sylvania", "Sylvania", Propn, 3, "conj"),
            (",", ",", Punct, 7, "punct"),
            ("mediated", "mediate", Verb, 1, "acl"),
            ("by", "by", Adp, 9, "case"),
            ("Ruritania", "Ruritania", Propn, 7, "obl:agent"),
        ]);
        let s = Sent::new(&t, w);
        let ms = vec![
            ment("freedonia", 2, MentTy::Name),
            ment("sylvania", 4, MentTy::Name),
            ment("ruritania", 8, MentTy::Name),
        ];
        let wm = wmap(s.len(), &ms);
        let r = roles(&s, &ms, &wm, 6, TrigPos::Verb, "cooperation", &[], &|i| {
            i == 6 || i == 0
        });
        let mut got = names(&pairs(&r, true, "cooperation"));
        got.sort();
        assert_eq!(
            got,
            vec![
                ("ruritania".into(), "freedonia".into(), false),
                ("ruritania".into(), "sylvania".into(), false)
            ]
        );
    }

    #[test]
    fn by_phrase_of_an_active_verb_names_the_objects_author() {
        // "Freedonia rejected new demands by Sylvania's leaders." ("by" misattached to the verb)
        let (t, w) = sent(&[
            ("Freedonia", "Freedonia", Propn, 2, "nsubj"),
            ("rejected", "reject", Verb, 0, "root"),
            ("new", "new", Adj, 4, "amod"),
            ("demands", "demand", Noun, 2, "obj"),
            ("by", "by", Adp, 8, "case"),
            ("Sylvania", "Sylvania", Propn, 8, "nmod:poss"),
            ("'s", "'s", Part, 6, "case"),
            ("leaders", "leader", Noun, 2, "obl"),
        ]);
        let s = Sent::new(&t, w);
        let ms = vec![
            ment("freedonia", 0, MentTy::Name),
            ment("sylvania", 5, MentTy::Name),
        ];
        let wm = wmap(s.len(), &ms);
        let r = roles(&s, &ms, &wm, 1, TrigPos::Verb, "mistrust", &[], &|i| i == 1);
        assert_eq!(
            names(&pairs(&r, false, "mistrust")),
            vec![("freedonia".into(), "sylvania".into(), true)]
        );
    }

    #[test]
    fn passive_with_agent_and_possessor_nouns() {
        // "Freedonia was attacked by Sylvania."
        let (t, w) = sent(&[
            ("Freedonia", "Freedonia", Propn, 3, "nsubj:pass"),
            ("was", "be", Aux, 3, "aux:pass"),
            ("attacked", "attack", Verb, 0, "root"),
            ("by", "by", Adp, 5, "case"),
            ("Sylvania", "Sylvania", Propn, 3, "obl:agent"),
        ]);
        let s = Sent::new(&t, w);
        let ms = vec![
            ment("freedonia", 0, MentTy::Name),
            ment("sylvania", 4, MentTy::Name),
        ];
        let wm = wmap(s.len(), &ms);
        let r = roles(&s, &ms, &wm, 2, TrigPos::Verb, "conflict", &[], &|i| i == 2);
        assert_eq!(
            names(&pairs(&r, false, "conflict")),
            vec![("sylvania".into(), "freedonia".into(), true)]
        );
        // "Beijing's concerns about the deployment of a U.S. missile system"
        let (t, w) = sent(&[
            ("Beijing", "Beijing", Propn, 3, "nmod:poss"),
            ("'s", "'s", Part, 1, "case"),
            ("concerns", "concern", Noun, 0, "root"),
            ("about", "about", Adp, 6, "case"),
            ("the", "the", Det, 6, "det"),
            ("deployment", "deployment", Noun, 3, "nmod"),
            ("of", "of", Adp, 11, "case"),
            ("a", "a", Det, 11, "det"),
            ("U.S.", "U.S.", Propn, 11, "compound"),
            ("missile", "missile", Noun, 11, "compound"),
            ("system", "system", Noun, 6, "nmod"),
        ]);
        let s = Sent::new(&t, w);
        let ms = vec![
            ment("china", 0, MentTy::Seat),
            ment("united_states", 8, MentTy::Name),
        ];
        let wm = wmap(s.len(), &ms);
        let r = roles(&s, &ms, &wm, 2, TrigPos::Noun, "mistrust", &[], &|i| i == 2);
        assert_eq!(
            names(&pairs(&r, false, "mistrust")),
            vec![("china".into(), "united_states".into(), true)]
        );
    }

    #[test]
    fn agent_nouns_resolve_to_their_state_and_between_is_mutual() {
        // "Tensions between the Russian government and Ukraine"
        let (t, w) = sent(&[
            ("Tensions", "tension", Noun, 0, "root"),
            ("between", "between", Adp, 5, "case"),
            ("the", "the", Det, 5, "det"),
            ("Russian", "Russian", Adj, 5, "amod"),
            ("government", "government", Noun, 1, "nmod"),
            ("and", "and", Cconj, 7, "cc"),
            ("Ukraine", "Ukraine", Propn, 5, "conj"),
        ]);
        let s = Sent::new(&t, w);
        let ms = vec![
            ment("russia", 3, MentTy::Demonym),
            ment("ukraine", 6, MentTy::Name),
        ];
        let wm = wmap(s.len(), &ms);
        let r = roles(&s, &ms, &wm, 0, TrigPos::Noun, "mistrust", &[], &|i| i == 0);
        assert_eq!(
            names(&pairs(&r, false, "mistrust")),
            vec![("russia".into(), "ukraine".into(), false)]
        );
    }

    #[test]
    fn infinitive_inherits_the_controller() {
        // "Russia agreed to supply Iran with missiles."
        let (t, w) = sent(&[
            ("Russia", "Russia", Propn, 2, "nsubj"),
            ("agreed", "agree", Verb, 0, "root"),
            ("to", "to", Part, 4, "mark"),
            ("supply", "supply", Verb, 2, "xcomp"),
            ("Iran", "Iran", Propn, 4, "obj"),
            ("with", "with", Adp, 7, "case"),
            ("missiles", "missile", Noun, 4, "obl"),
        ]);
        let s = Sent::new(&t, w);
        let ms = vec![
            ment("russia", 0, MentTy::Name),
            ment("iran", 4, MentTy::Name),
        ];
        let wm = wmap(s.len(), &ms);
        let r = roles(&s, &ms, &wm, 3, TrigPos::Verb, "cooperation", &[], &|i| {
            i == 3
        });
        assert_eq!(
            names(&pairs(&r, true, "cooperation")),
            vec![("russia".into(), "iran".into(), false)]
        );
    }

    fn run(
        rows: &[(&str, &str, Upos, usize, &'static str)],
        ms: &[Ment],
        t: usize,
        pos: TrigPos,
        kind: &str,
    ) -> Vec<(String, String, bool)> {
        let (text, w) = sent(rows);
        let s = Sent::new(&text, w);
        let wm = wmap(s.len(), ms);
        let r = roles(&s, ms, &wm, t, pos, kind, &[], &|i| i == t);
        let undirected = matches!(kind, "cooperation");
        names(&pairs(&r, undirected, kind))
    }

    #[test]
    fn the_one_angered_mistrusts_the_cause() {
        // "Freedonia's decision angered Sylvania."
        let p = run(
            &[
                ("Freedonia", "Freedonia", Propn, 3, "nmod:poss"),
                ("'s", "'s", Part, 1, "case"),
                ("decision", "decision", Noun, 4, "nsubj"),
                ("angered", "anger", Verb, 0, "root"),
                ("Sylvania", "Sylvania", Propn, 4, "obj"),
            ],
            &[
                ment("freedonia", 0, MentTy::Name),
                ment("sylvania", 4, MentTy::Name),
            ],
            3,
            TrigPos::Verb,
            "mistrust",
        );
        assert_eq!(p, vec![("sylvania".into(), "freedonia".into(), true)]);
    }

    #[test]
    fn passive_agent_attached_too_low() {
        // "Sanctions were imposed on Sylvania by Freedonia." with "by Freedonia" parsed
        // under "Sylvania"
        let p = run(
            &[
                ("Sanctions", "sanction", Noun, 3, "nsubj:pass"),
                ("were", "be", Aux, 3, "aux:pass"),
                ("imposed", "impose", Verb, 0, "root"),
                ("on", "on", Adp, 5, "case"),
                ("Sylvania", "Sylvania", Propn, 3, "obl"),
                ("by", "by", Adp, 7, "case"),
                ("Freedonia", "Freedonia", Propn, 5, "nmod"),
            ],
            &[
                ment("sylvania", 4, MentTy::Name),
                ment("freedonia", 6, MentTy::Name),
            ],
            2,
            TrigPos::Verb,
            "sanctions",
        );
        assert_eq!(p, vec![("freedonia".into(), "sylvania".into(), true)]);
    }

    #[test]
    fn the_objects_partner_and_owner_are_targets() {
        // "Freedonia signed a pact with Sylvania." ("with" under the object)
        let p = run(
            &[
                ("Freedonia", "Freedonia", Propn, 2, "nsubj"),
                ("signed", "sign", Verb, 0, "root"),
                ("a", "a", Det, 4, "det"),
                ("pact", "pact", Noun, 2, "obj"),
                ("with", "with", Adp, 6, "case"),
                ("Sylvania", "Sylvania", Propn, 4, "nmod"),
            ],
            &[
                ment("freedonia", 0, MentTy::Name),
                ment("sylvania", 5, MentTy::Name),
            ],
            1,
            TrigPos::Verb,
            "cooperation",
        );
        assert_eq!(p, vec![("freedonia".into(), "sylvania".into(), false)]);
        // "Freedonia shelled a Sylvanian oil depot."
        let p = run(
            &[
                ("Freedonia", "Freedonia", Propn, 2, "nsubj"),
                ("shelled", "shell", Verb, 0, "root"),
                ("a", "a", Det, 6, "det"),
                ("Sylvanian", "Sylvanian", Adj, 6, "amod"),
                ("oil", "oil", Noun, 6, "compound"),
                ("depot", "depot", Noun, 2, "obj"),
            ],
            &[
                ment("freedonia", 0, MentTy::Name),
                ment("sylvania", 3, MentTy::Demonym),
            ],
            1,
            TrigPos::Verb,
            "conflict",
        );
        assert_eq!(p, vec![("freedonia".into(), "sylvania".into(), true)]);
        // ... and of a non-actor oblique: "Freedonia fired on a Sylvanian patrol boat."
        let p = run(
            &[
                ("Freedonia", "Freedonia", Propn, 2, "nsubj"),
                ("fired", "fire", Verb, 0, "root"),
                ("on", "on", Adp, 7, "case"),
                ("a", "a", Det, 7, "det"),
                ("Sylvanian", "Sylvanian", Adj, 7, "amod"),
                ("fishing", "fishing", Noun, 7, "compound"),
                ("trawler", "trawler", Noun, 2, "obl"),
            ],
            &[
                ment("freedonia", 0, MentTy::Name),
                ment("sylvania", 4, MentTy::Demonym),
            ],
            1,
            TrigPos::Verb,
            "conflict",
        );
        assert_eq!(p, vec![("freedonia".into(), "sylvania".into(), true)]);
    }

    #[test]
    fn partner_under_a_conjoined_object_and_an_event_noun_deep_in_the_object() {
        // "Freedonia provided maps and intelligence to Sylvania." ("to" under "intelligence")
        let p = run(
            &[
                ("Freedonia", "Freedonia", Propn, 2, "nsubj"),
                ("provided", "provide", Verb, 0, "root"),
                ("maps", "map", Noun, 2, "obj"),
                ("and", "and", Cconj, 5, "cc"),
                ("intelligence", "intelligence", Noun, 3, "conj"),
                ("to", "to", Adp, 7, "case"),
                ("Sylvania", "Sylvania", Propn, 5, "nmod"),
            ],
            &[
                ment("freedonia", 0, MentTy::Name),
                ment("sylvania", 6, MentTy::Name),
            ],
            1,
            TrigPos::Verb,
            "cooperation",
        );
        assert_eq!(p, vec![("freedonia".into(), "sylvania".into(), false)]);
        // "Freedonia sent $5 million in aid to Sylvania." ("aid" under the object)
        let p = run(
            &[
                ("Freedonia", "Freedonia", Propn, 2, "nsubj"),
                ("sent", "send", Verb, 0, "root"),
                ("$", "$", Sym, 2, "obj"),
                ("5", "5", Num, 5, "compound"),
                ("million", "million", Num, 3, "nummod"),
                ("in", "in", Adp, 7, "case"),
                ("aid", "aid", Noun, 3, "nmod"),
                ("to", "to", Adp, 9, "case"),
                ("Sylvania", "Sylvania", Propn, 2, "obl"),
            ],
            &[
                ment("freedonia", 0, MentTy::Name),
                ment("sylvania", 8, MentTy::Name),
            ],
            6,
            TrigPos::Noun,
            "cooperation",
        );
        assert_eq!(p, vec![("freedonia".into(), "sylvania".into(), false)]);
    }

    #[test]
    fn headline_versus_is_against() {
        // "Freedonia adopts sanctions vs. Sylvania" ("vs." under the verb)
        let p = run(
            &[
                ("Freedonia", "Freedonia", Propn, 2, "nsubj"),
                ("adopts", "adopt", Verb, 0, "root"),
                ("sanctions", "sanction", Noun, 2, "obj"),
                ("vs.", "vs.", Adp, 5, "case"),
                ("Sylvania", "Sylvania", Propn, 2, "obl"),
            ],
            &[
                ment("freedonia", 0, MentTy::Name),
                ment("sylvania", 4, MentTy::Name),
            ],
            2,
            TrigPos::Noun,
            "sanctions",
        );
        assert_eq!(p, vec![("freedonia".into(), "sylvania".into(), true)]);
    }

    #[test]
    fn quantities_pass_to_their_members() {
        // "Freedonian troops killed dozens of Sylvanian soldiers."
        let p = run(
            &[
                ("Freedonian", "Freedonian", Adj, 2, "amod"),
                ("troops", "troop", Noun, 3, "nsubj"),
                ("killed", "kill", Verb, 0, "root"),
                ("dozens", "dozen", Noun, 3, "obj"),
                ("of", "of", Adp, 7, "case"),
                ("Sylvanian", "Sylvanian", Adj, 7, "amod"),
                ("soldiers", "soldier", Noun, 4, "nmod"),
            ],
            &[
                ment("freedonia", 0, MentTy::Demonym),
                ment("sylvania", 5, MentTy::Demonym),
            ],
            2,
            TrigPos::Verb,
            "conflict",
        );
        assert_eq!(p, vec![("freedonia".into(), "sylvania".into(), true)]);
    }

    #[test]
    fn the_one_hit_with_sanctions_is_their_target() {
        // "Sylvania was hit with Freedonian sanctions."
        let p = run(
            &[
                ("Sylvania", "Sylvania", Propn, 3, "nsubj:pass"),
                ("was", "be", Aux, 3, "aux:pass"),
                ("hit", "hit", Verb, 0, "root"),
                ("with", "with", Adp, 6, "case"),
                ("Freedonian", "Freedonian", Adj, 6, "amod"),
                ("sanctions", "sanction", Noun, 3, "obl"),
            ],
            &[
                ment("sylvania", 0, MentTy::Name),
                ment("freedonia", 4, MentTy::Demonym),
            ],
            5,
            TrigPos::Noun,
            "sanctions",
        );
        assert_eq!(p, vec![("freedonia".into(), "sylvania".into(), true)]);
    }

    #[test]
    fn conjoined_givers_do_not_pair_with_each_other() {
        let r = Roles {
            agents: vec![
                Party {
                    actor: "freedonia".into(),
                    word: 0,
                },
                Party {
                    actor: "sylvania".into(),
                    word: 2,
                },
            ],
            ..Default::default()
        };
        // "support from Freedonia and Sylvania": nobody to pair
        assert!(
            pairs_with(
                &r,
                true,
                "cooperation",
                reciprocal("SUPPORT", &[], "support")
            )
            .is_empty()
        );
        // "Freedonia and Sylvania signed a deal": each other
        assert_eq!(
            pairs_with(&r, true, "cooperation", reciprocal("AGREE", &[], "sign")).len(),
            1
        );
        // "aid from Freedonia and Sylvania" (a "from" phrase): givers, not partners
        let givers = Roles {
            givers: true,
            ..r.clone()
        };
        assert!(pairs_with(&givers, true, "cooperation", true).is_empty());
        // "Freedonia and Sylvania clashed" (read with "between")
        assert_eq!(
            pairs_with(
                &r,
                false,
                "conflict",
                reciprocal("FIGHT", &["between".into()], "clash")
            )
            .len(),
            1
        );
    }

    #[test]
    fn conjoined_modifiers_of_a_state_agent() {
        // "Freedonian and Sylvanian troops held drills." -> both states are agents
        let (text, w) = sent(&[
            ("Freedonian", "Freedonian", Adj, 4, "amod"),
            ("and", "and", Cconj, 3, "cc"),
            ("Sylvanian", "Sylvanian", Adj, 1, "conj"),
            ("troops", "troop", Noun, 5, "nsubj"),
            ("held", "hold", Verb, 0, "root"),
            ("drills", "drill", Noun, 5, "obj"),
        ]);
        let s = Sent::new(&text, w);
        let ms = vec![
            ment("freedonia", 0, MentTy::Demonym),
            ment("sylvania", 2, MentTy::Demonym),
        ];
        let wm = wmap(s.len(), &ms);
        let ps: Vec<String> = party_actors(&s, &ms, &wm, 3)
            .into_iter()
            .map(|p| p.actor)
            .collect();
        assert_eq!(ps, vec!["freedonia".to_owned(), "sylvania".to_owned()]);
    }
}

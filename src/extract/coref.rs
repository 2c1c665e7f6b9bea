//! Coreference, kept small and conservative: personal pronouns in role slots ("he", "it",
//! "they", "its") and definite descriptions of a pair ("the two countries", "both sides")
//! resolve to the actors of the previous sentences' subjects.

use super::actors::{Ment, MentTy, STATE_AGENTS};
use super::gazetteer::{FormType, RawMention};
use super::modality::CLAIM_NOUNS;
use super::model::Upos;
use super::sent::Sent;
use super::{ActorKind, Compiled};
use crate::text::Span;

/// What earlier sentences leave for pronouns to refer to.
#[derive(Debug, Default, Clone)]
pub(crate) struct DocCoref {
    /// The last actor named as a person ("he", "she").
    person: Option<String>,
    /// The last state or organisation that was a subject ("it").
    singular: Option<String>,
    /// The last pair acting together or related ("they", "the two countries").
    pair: Option<(String, String)>,
    /// The issuer of an official text ("Statement by X", "Joint readout ..."): "we" and
    /// "our" outside quotations.
    issuer: Option<String>,
    /// The issuer, when it is a state: "the Government" of its statements is its own.
    issuer_state: Option<String>,
    /// States named so far, the most recent last, each once ("the country").
    states: Vec<String>,
    /// How often each state was named so far (for the home state of "the government").
    state_counts: Vec<(String, usize)>,
    /// The last armed group named ("the rebels", "the guerrillas").
    group: Option<String>,
}

/// Nouns that, after "the" and with no name of their own, refer back to a state named before:
/// "the country's decision", "ties with the kingdom".
/// ("the government" and "the regime" are left alone: in news they as often mean the
/// government of the place being reported from as the state named last.)
pub(crate) const STATE_NOUNS: &[&str] = &["country", "nation", "kingdom", "republic", "emirate"];

/// Whether word `i` is a bare definite description of a state ("the country", "the Gulf
/// kingdom", "the impoverished nation"): singular, after "the", without a name, possessor,
/// number or of-phrase of its own.
pub(crate) fn state_description(s: &Sent, ments: &[Ment], i: usize) -> bool {
    let l = s.form(i).to_lowercase();
    s.upos(i) == Upos::Noun
        && STATE_NOUNS.contains(&l.as_str())
        && s.kids_rel(i, "det")
            .any(|d| s.form(d).eq_ignore_ascii_case("the"))
        && !s.kids[i].iter().any(|&k| {
            named_at(ments, k).is_some()
                || matches!(s.deprel(k), "nmod:poss" | "nummod" | "appos")
                || (s.rel(k) == "nmod" && s.case_of(k).as_deref() == Some("of"))
        })
}

/// Nouns for a state's rulers that, bare after "the", mean the government of the state the
/// text is about ("the government", "the regime", "the authorities").
pub(crate) const RULER_NOUNS: &[&str] = &["government", "regime", "authorities", "junta"];

/// Whether word `i` is a bare "the government" / "the authorities": after "the", with no
/// name, possessor, demonym or of-phrase of its own ("the Kenyan government" is named).
pub(crate) fn ruler_description(s: &Sent, ments: &[Ment], i: usize) -> bool {
    let l = s.form(i).to_lowercase();
    s.upos(i) == Upos::Noun
        && RULER_NOUNS.contains(&l.as_str())
        && s.kids_rel(i, "det")
            .any(|d| s.form(d).eq_ignore_ascii_case("the"))
        && !s.kids[i].iter().any(|&k| {
            named_at(ments, k).is_some()
                || (super::actors::starts_upper(s.form(k)) && s.rel(k) != "det")
                || matches!(s.deprel(k), "nmod:poss" | "nummod" | "appos" | "compound")
                || (s.rel(k) == "nmod" && s.case_of(k).as_deref() == Some("of"))
        })
}

/// Whether word `i` is a bare "the President", "the Prime Minister", "the Foreign
/// Minister": an office of a state's government with no name, state or of-phrase of its own.
pub(crate) fn leader_description(s: &Sent, ments: &[Ment], i: usize) -> bool {
    let l = s.form(i).to_lowercase();
    let office = matches!(
        l.as_str(),
        "president" | "minister" | "premier" | "chancellor"
    );
    office
        && matches!(s.upos(i), Upos::Noun | Upos::Propn)
        && s.kids_rel(i, "det")
            .any(|d| s.form(d).eq_ignore_ascii_case("the"))
        && s.kids[i].iter().all(|&k| {
            named_at(ments, k).is_none()
                && match s.deprel(k) {
                    "det" | "punct" | "cc" | "conj" => true,
                    "compound" | "amod" => matches!(
                        s.form(k).to_lowercase().as_str(),
                        "prime" | "foreign" | "defence" | "defense" | "deputy" | "vice"
                    ),
                    _ => false,
                }
        })
        // "the President, Ana Lopez," is named next; a title before a name is left alone
        && !(i + 1 < s.len() && s.upos(i + 1) == Upos::Propn)
}

/// Nouns for the members of an armed group that, bare, refer back to the group named last
/// ("Hutu rebels attacked ... the army drove the rebels out").
pub(crate) const MEMBER_NOUNS: &[&str] = &[
    "rebels",
    "guerrillas",
    "insurgents",
    "militants",
    "separatists",
    "militia",
    "militiamen",
];

/// Whether word `i` is a bare member noun: "the rebels", "20 rebels", "rebels", with no
/// modifier, owner or name of its own ("Kurdish rebels", "the rebels' leader" is fine, the
/// noun is bare).
pub(crate) fn member_description(s: &Sent, ments: &[Ment], i: usize) -> bool {
    let l = s.form(i).to_lowercase();
    s.upos(i) == Upos::Noun
        && MEMBER_NOUNS.contains(&l.as_str())
        && s.kids[i].iter().all(|&k| {
            named_at(ments, k).is_none()
                && match s.deprel(k) {
                    "det" => s.form(k).eq_ignore_ascii_case("the"),
                    "nummod" | "punct" | "case" | "cc" | "conj" | "acl" | "acl:relcl" => true,
                    "amod" => s.upos(k) == Upos::Num || s.form(k).eq_ignore_ascii_case("armed"),
                    _ => false,
                }
        })
}

/// Words of a title that make the text an official statement by its first-named actor.
const STATEMENT_WORDS: &[&str] = &[
    "statement",
    "readout",
    "communique",
    "communiqué",
    "declaration",
    "press release",
    "fact sheet",
    "remarks",
];

impl DocCoref {
    pub fn has_antecedents(&self) -> bool {
        self.person.is_some()
            || self.singular.is_some()
            || self.pair.is_some()
            || self.issuer.is_some()
    }

    /// The title of the text (its first sentence, starting at byte `start`): an official
    /// statement's issuer is the actor its by-phrase names ("Statement by the Freedonian
    /// Foreign Ministry on ..."), else the first actor it names ("Freedonia-Sylvania Joint
    /// Statement"). A by-phrase that names no actor ("Statement by the Press Secretary on
    /// Sylvanian ships") leaves the issuer unknown: the actor named after it is the topic.
    pub fn note_title(&mut self, c: &Compiled, title: &str, start: usize, raw: &[RawMention]) {
        let t = title.to_lowercase();
        if !STATEMENT_WORDS.iter().any(|w| t.contains(w)) {
            return;
        }
        let named = |m: &&RawMention| {
            matches!(
                m.ty,
                FormType::Name | FormType::Person | FormType::PersonShort | FormType::Demonym
            )
        };
        let pick = match t.find(" by ") {
            Some(b) => {
                let rest = &t[b + 4..];
                let end = [
                    " on ",
                    " of ",
                    " regarding ",
                    " concerning ",
                    ",",
                    ":",
                    " at ",
                ]
                .iter()
                .filter_map(|w| rest.find(w))
                .min()
                .unwrap_or(rest.len());
                let (from, to) = (start + b + 4, start + b + 4 + end);
                raw.iter()
                    .filter(named)
                    .find(|m| m.start >= from && m.end <= to)
            }
            None => raw.iter().find(named),
        };
        if let Some(m) = pick {
            let a = &c.actors[m.actor as usize];
            self.issuer = Some(a.id.clone());
            self.issuer_state = (a.kind == ActorKind::State).then(|| a.id.clone());
        }
    }

    /// A first-person text (a speech, statement, letter or op-ed: "I"/"we"/"our" outside
    /// quotation marks in one of its first `OPENING` sentences) with no issuer from its title:
    /// its speaker speaks for the one state whose people it names with a plural nationality
    /// noun ("I believe all Freedonians share this"). Wire copy opens in the third person and
    /// is left alone.
    pub fn infer_speaker(
        &mut self,
        c: &Compiled,
        text: &str,
        sentences: &[Span],
        raw: &[RawMention],
    ) {
        const OPENING: usize = 4;
        if self.issuer.is_some() {
            return;
        }
        let first_person = sentences.iter().take(OPENING).any(|sp| {
            let mut quoted = false;
            sp.text(text)
                .split(|ch: char| !(ch.is_alphanumeric() || is_quote(ch)))
                .any(|w| {
                    let flip = |q: bool, ch: char| match ch {
                        '\u{201C}' => true,
                        '\u{201D}' => false,
                        _ => !q,
                    };
                    // opening marks before the word, closing marks after it
                    let core = w.trim_start_matches(is_quote);
                    quoted = w[..w.len() - core.len()].chars().fold(quoted, flip);
                    let bare = core.trim_end_matches(is_quote);
                    let speaks =
                        !quoted && matches!(bare, "I" | "we" | "We" | "our" | "Our" | "my" | "My");
                    quoted = core[bare.len()..].chars().fold(quoted, flip);
                    speaks
                })
        });
        if !first_person {
            return;
        }
        let mut counts: Vec<(u32, usize)> = Vec::new();
        for m in raw.iter().filter(|m| m.ty == FormType::Demonym) {
            let form = &text[m.start..m.end];
            let plural = form.ends_with('s') && form.starts_with(char::is_uppercase);
            if !plural || c.actors[m.actor as usize].kind != ActorKind::State {
                continue;
            }
            match counts.iter_mut().find(|(a, _)| *a == m.actor) {
                Some((_, n)) => *n += 1,
                None => counts.push((m.actor, 1)),
            }
        }
        if let [(a, _)] = counts[..] {
            self.issuer = Some(c.actors[a as usize].id.clone());
            self.issuer_state = self.issuer.clone();
        }
    }

    /// Whether a state has been named ("the country" can refer back).
    pub fn has_states(&self) -> bool {
        !self.states.is_empty()
    }

    /// States named in a sentence, in order: the candidates for "the country" (noted before
    /// the sentence is resolved, so that a state named earlier in it counts).
    pub fn note_states<'a>(&mut self, ids: impl Iterator<Item = &'a str>) {
        for id in ids {
            self.states.retain(|x| x != id);
            self.states.push(id.to_owned());
        }
    }

    /// States named by name (not by a nationality word or a capital) in a sentence: the
    /// counts behind [`DocCoref::home_state`].
    pub fn count_state_names<'a>(&mut self, ids: impl Iterator<Item = &'a str>) {
        for id in ids {
            match self.state_counts.iter_mut().find(|(x, _)| x == id) {
                Some((_, n)) => *n += 1,
                None => self.state_counts.push((id.to_owned(), 1)),
            }
        }
    }

    /// An armed group named in this sentence: what "the rebels" refer to from now on.
    pub fn note_group(&mut self, id: &str) {
        self.group = Some(id.to_owned());
    }

    /// Whether an armed group has been named ("the rebels" can refer back).
    pub fn has_group(&self) -> bool {
        self.group.is_some()
    }

    /// The state the text is about: named at least twice and at least twice as often as any
    /// other state so far. A bare "the government" is its government ("In Nepal, the
    /// government and the rebels agreed ...").
    pub fn home_state(&self) -> Option<&str> {
        let mut best: Option<(&str, usize)> = None;
        let mut second = 0;
        for (id, n) in &self.state_counts {
            match best {
                Some((_, b)) if *n <= b => second = second.max(*n),
                _ => {
                    second = best.map_or(0, |(_, b)| b).max(second);
                    best = Some((id, *n));
                }
            }
        }
        best.filter(|&(_, n)| n >= 2 && n >= 2 * second)
            .map(|(id, _)| id)
    }

    /// A sentence that was not parsed: remember its first named actor and person.
    pub fn note_unparsed(&mut self, c: &Compiled, raw: &[RawMention]) {
        if let Some(m) = raw.iter().find(|m| m.ty == FormType::Name) {
            self.singular = Some(c.actors[m.actor as usize].id.clone());
        }
        if let Some(m) = raw
            .iter()
            .find(|m| matches!(m.ty, FormType::Person | FormType::PersonShort))
        {
            self.person = Some(c.actors[m.actor as usize].id.clone());
        }
        let states: Vec<&str> = raw
            .iter()
            .filter(|m| !matches!(m.ty, FormType::Prefix))
            .map(|m| &c.actors[m.actor as usize])
            .filter(|a| a.kind == ActorKind::State)
            .map(|a| a.id.as_str())
            .collect();
        self.note_states(states.into_iter());
        let named: Vec<&str> = raw
            .iter()
            .filter(|m| m.ty == FormType::Name)
            .map(|m| &c.actors[m.actor as usize])
            .filter(|a| a.kind == ActorKind::State)
            .map(|a| a.id.as_str())
            .collect();
        self.count_state_names(named.into_iter());
    }

    /// A parsed sentence: its subjects, people and related pair.
    pub fn note_sentence(&mut self, s: &Sent, ments: &[Ment], pair: Option<(String, String)>) {
        // A main-clause subject that names no actor becomes the new centre: "The advisors
        // met. They welcomed ..." -- "they" are the advisors, not an earlier pair.
        if let Some(root) = (0..s.len()).find(|&i| s.head(i).is_none())
            && let Some(subj) = s.kids_rel(root, "nsubj").next()
            && !ments.iter().any(|m| m.first <= subj && subj <= m.last)
            && matches!(s.upos(subj), Upos::Noun | Upos::Propn)
        {
            if s.form(subj).ends_with('s') || s.kids_rel(subj, "conj").next().is_some() {
                self.pair = None;
                // "The prime ministers of Japan and South Korea ...", "the Indian and
                // Pakistani leaders ...": the two states owning the subject are a pair
                let mut owners: Vec<&str> = Vec::new();
                for &k in &s.kids[subj] {
                    let of = s.rel(k) == "nmod" && s.case_of(k).as_deref() == Some("of");
                    if !(of || matches!(s.deprel(k), "amod" | "compound" | "nmod:poss")) {
                        continue;
                    }
                    for c in s.with_conjuncts(k) {
                        if let Some(m) = named_at(ments, c)
                            && !owners.contains(&m.actor.as_str())
                        {
                            owners.push(&m.actor);
                        }
                    }
                }
                if let [a, b] = owners[..] {
                    self.pair = Some((a.to_owned(), b.to_owned()));
                }
            } else {
                self.singular = None;
            }
        }
        let subjects: Vec<&Ment> = ments
            .iter()
            .filter(|m| m.ty != MentTy::Coref && s.rel(m.head) == "nsubj")
            .collect();
        if let Some(m) = subjects.first() {
            // conjoined subjects are a pair
            let conj: Vec<&Ment> = ments
                .iter()
                .filter(|x| {
                    x.ty != MentTy::Coref
                        && s.rel(x.head) == "conj"
                        && s.head(x.head) == Some(m.head)
                })
                .collect();
            if let Some(x) = conj.first() {
                self.pair = Some((m.actor.clone(), x.actor.clone()));
            } else if m.ty == MentTy::Person {
                self.person = Some(m.actor.clone());
                self.singular = Some(m.actor.clone());
            } else {
                self.singular = Some(m.actor.clone());
            }
        }
        if let Some(m) = ments.iter().find(|m| m.ty == MentTy::Person) {
            self.person = Some(m.actor.clone());
        }
        if let Some(p) = pair {
            self.pair = Some(p);
        }
    }
}

fn is_quote(ch: char) -> bool {
    matches!(ch, '"' | '\u{201C}' | '\u{201D}')
}

/// Whether word `i` stands inside a quotation (an odd number of quote marks before it).
fn in_quote(s: &Sent, i: usize) -> bool {
    let start = s.words.first().map_or(0, |w| w.span.start);
    let before = s.text.get(start..s.words[i].span.start).unwrap_or("");
    let straight = before.matches('"').count();
    let open = before.matches('“').count();
    let close = before.matches('”').count();
    straight % 2 == 1 || open > close
}

/// The mention (not a coreference) that covers word `k`.
fn named_at(ments: &[Ment], k: usize) -> Option<&Ment> {
    ments
        .iter()
        .find(|m| m.first <= k && k <= m.last && m.ty != MentTy::Coref)
}

/// Nouns of agents that are people (a pronoun "he"/"she" can refer to them).
const PERSON_AGENTS: &[&str] = &[
    "president",
    "minister",
    "premier",
    "chancellor",
    "leader",
    "diplomat",
    "envoy",
    "ambassador",
    "negotiator",
    "counterpart",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "general",
    "commander",
    "king",
    "monarch",
    "secretary",
    "emperor",
    "ruler",
    "representative",
    "official",
];

/// The actor that word `k` names: a mention on it, or the state that owns an agent noun
/// ("Nigeria's army", "the Iranian foreign ministry", "Russian officials"), typed as a name,
/// or as a person for a person's office ("Freedonia's president").
fn actor_at(s: &Sent, ments: &[Ment], k: usize) -> Option<(String, MentTy)> {
    if let Some(m) = named_at(ments, k) {
        return Some((m.actor.clone(), m.ty));
    }
    if !matches!(s.upos(k), Upos::Noun) {
        return None;
    }
    let l = s.lemma(k).to_lowercase();
    if !STATE_AGENTS.contains(&l.as_str()) {
        return None;
    }
    let ty = if PERSON_AGENTS.contains(&l.as_str()) && !s.form(k).ends_with('s') {
        MentTy::Person
    } else {
        MentTy::Name
    };
    s.kids[k].iter().find_map(|&c| {
        let rel = s.deprel(c);
        let of = rel == "nmod" && s.case_of(c).as_deref() == Some("of");
        if !(matches!(rel, "amod" | "compound" | "nmod:poss") || of) {
            return None;
        }
        named_at(ments, c)
            .filter(|m| matches!(m.ty, MentTy::Name | MentTy::Demonym | MentTy::Seat))
            .map(|m| (m.actor.clone(), ty))
    })
}

/// The body whose members or leaders word `k` names: "the leaders of the G7", "members of
/// the Council".
fn leader_of(s: &Sent, ments: &[Ment], k: usize) -> Option<(String, MentTy)> {
    if !matches!(
        s.lemma(k).to_lowercase().as_str(),
        "leader" | "member" | "head" | "representative" | "minister"
    ) {
        return None;
    }
    s.kids_rel(k, "nmod")
        .filter(|&c| s.case_of(c).as_deref() == Some("of"))
        .find_map(|c| named_at(ments, c))
        .map(|m| (m.actor.clone(), MentTy::Name))
}

/// Whether a mention of type `ty` can be what the pronoun `form` refers to: "it"/"its" a
/// named actor, "he"/"she"/"his"/"her" a person, "they"/"their" any.
fn fits(form: &str, ty: MentTy) -> bool {
    match form {
        "it" | "its" => matches!(ty, MentTy::Name | MentTy::Seat),
        "he" | "she" | "his" | "her" => ty == MentTy::Person,
        // "we"/"our" in a quotation: the speaker's side
        "they" | "their" | "we" | "our" => true,
        // "I" in a quotation: the person who says it
        "i" | "my" => ty == MentTy::Person,
        _ => false,
    }
}

/// The possessor of noun `n` that a singular possessive pronoun `form` can refer to.
fn singular_possessor(s: &Sent, ments: &[Ment], n: usize, form: &str) -> Option<String> {
    if !matches!(form, "its" | "his" | "her") {
        return None;
    }
    s.kids_deprel(n, "nmod:poss").find_map(|k| {
        named_at(ments, k)
            .filter(|m| fits(form, m.ty))
            .map(|m| m.actor.clone())
    })
}

/// The actor a pronoun inside reported speech stands for: the subject of the verb that
/// reports it ("Freedonia said it had expelled ...", "the President said he would ...").
/// "it" takes a named actor, "he"/"she" a person; "they" either. `None` outside a
/// complement clause or when the reporter names no actor.
fn reporter(s: &Sent, ments: &[Ment], pron: usize, form: &str) -> Option<String> {
    if matches!(form, "i" | "my") && !in_quote(s, pron) {
        // "he said I was wrong": the writer, no actor
        return None;
    }
    let mut cur = s.head(pron)?;
    if s.rel(pron) == "nmod" {
        // "his country's diplomat": the possessor's clause
        while !matches!(s.upos(cur), Upos::Verb | Upos::Aux) || s.rel(cur) == "amod" {
            cur = s.head(cur)?;
        }
    }
    for _ in 0..s.len() {
        let rel = s.rel(cur);
        let up = s.head(cur)?;
        if rel == "ccomp" {
            let subj = s.kids_rel(up, "nsubj").next()?;
            let (a, ty) = actor_at(s, ments, subj)?;
            return fits(form, ty).then_some(a);
        }
        // "X denied reports that it had ...": the claim's content, reported by the one who
        // takes a stand on it
        if rel == "acl"
            && s.upos(up) == Upos::Noun
            && CLAIM_NOUNS.contains(&s.lemma(up).to_lowercase().as_str())
            && s.rel(up) == "obj"
            && let Some(v) = s.head(up)
        {
            let subj = s.kids_rel(v, "nsubj").next()?;
            let (a, ty) = actor_at(s, ments, subj)?;
            return fits(form, ty).then_some(a);
        }
        if !matches!(rel, "xcomp" | "conj" | "advcl") {
            return None;
        }
        cur = up;
    }
    None
}

/// "Freedonia's repression of its people and its support for Sylvania": a possessive
/// pronoun on a noun conjoined with a noun whose possessor is a named actor is that actor.
fn parallel_possessor(s: &Sent, ments: &[Ment], pron: usize, form: &str) -> Option<String> {
    if s.deprel(pron) != "nmod:poss" {
        return None;
    }
    let n = s.head(pron)?;
    let mut first = n;
    while s.rel(first) == "conj" {
        first = s.head(first)?;
    }
    if first == n {
        return None;
    }
    singular_possessor(s, ments, first, form)
}

/// A possessive pronoun bound by the subject of its own clause: "Russia and Iran coordinated
/// their support" (their = Russia and Iran), "Freedonia recalled its ambassador". "their"
/// takes a subject of two or more actors, "its" one named actor, "his"/"her" a person.
fn clause_subject(s: &Sent, ments: &[Ment], pron: usize, form: &str) -> Vec<String> {
    if s.deprel(pron) != "nmod:poss" {
        return Vec::new();
    }
    let mut v = pron;
    for _ in 0..6 {
        match s.head(v) {
            Some(h) => v = h,
            None => return Vec::new(),
        }
        if matches!(s.upos(v), Upos::Verb | Upos::Aux) {
            break;
        }
        // a possessor on the way up is closer than the clause's subject ("the Council
        // punished firms for their support to Freedonia's army in its war": its = Freedonia)
        if v != s.head(pron).unwrap_or(pron)
            && let Some(a) = singular_possessor(s, ments, v, form)
        {
            return vec![a];
        }
    }
    if !matches!(s.upos(v), Upos::Verb | Upos::Aux) {
        return Vec::new();
    }
    // an infinitive's or a conjoined verb's subject is its controller's ("X threatened to
    // take action against its neighbour")
    let mut subj = s.kids_rel(v, "nsubj").find(|&k| k < pron);
    for _ in 0..3 {
        if subj.is_some()
            || !(matches!(s.rel(v), "xcomp" | "conj")
                || (s.rel(v) == "advcl"
                    && s.kids_rel(v, "mark")
                        .any(|m| s.form(m).eq_ignore_ascii_case("to"))))
        {
            break;
        }
        match s.head(v) {
            Some(h) if matches!(s.upos(h), Upos::Verb | Upos::Aux) => v = h,
            _ => break,
        }
        subj = s.kids_rel(v, "nsubj").find(|&k| k < pron);
    }
    let Some(subj) = subj else {
        return Vec::new();
    };
    let actors = subject_actors(s, ments, subj);
    let bound = match form {
        "their" => actors.len() >= 2,
        "its" | "his" | "her" => actors.len() == 1 && fits(form, actors[0].1),
        _ => false,
    };
    if bound {
        actors.into_iter().map(|(a, _)| a).collect()
    } else {
        Vec::new()
    }
}

/// A singular possessive whose clause subject cannot be its antecedent (a person for "its",
/// a state for "his") takes the nearest fitting name before it in the same clause: "the Bank's
/// president praised Freedonia for its reforms" (its = Freedonia).
fn clause_antecedent(s: &Sent, ments: &[Ment], pron: usize, form: &str) -> Option<String> {
    if s.deprel(pron) != "nmod:poss" || !matches!(form, "its" | "his" | "her") {
        return None;
    }
    let v = clause_verb(s, pron)?;
    ments
        .iter()
        .filter(|m| m.last < pron && m.ty != MentTy::Coref && fits(form, m.ty))
        .filter(|m| s.descends(m.head, v))
        // not inside a clause of its own below the verb
        .filter(|m| {
            let mut k = m.head;
            while k != v {
                if matches!(s.upos(k), Upos::Verb | Upos::Aux) {
                    return false;
                }
                match s.head(k) {
                    Some(h) => k = h,
                    None => return false,
                }
            }
            true
        })
        .max_by_key(|m| m.last)
        .map(|m| m.actor.clone())
}

/// The verb (or auxiliary) of the clause word `w` stands in: its nearest verb ancestor
/// within six steps.
fn clause_verb(s: &Sent, w: usize) -> Option<usize> {
    let mut v = w;
    for _ in 0..6 {
        v = s.head(v)?;
        if matches!(s.upos(v), Upos::Verb | Upos::Aux) {
            return Some(v);
        }
    }
    None
}

/// The distinct actors a subject and its conjuncts name, in order.
fn subject_actors(s: &Sent, ments: &[Ment], subj: usize) -> Vec<(String, MentTy)> {
    let mut actors: Vec<(String, MentTy)> = Vec::new();
    for c in s.with_conjuncts(subj) {
        if let Some((a, ty)) = actor_at(s, ments, c)
            && !actors.iter().any(|(x, _)| *x == a)
        {
            actors.push((a, ty));
        }
    }
    actors
}

/// "it"/"its" in a clause joined to an earlier one of the same sentence: that clause's subject
/// when it names one actor ("Freedonia protested, and its navy seized the ship"; "After
/// Freedonia protested, it recalled ..."). `Some(Err(noun))` when that subject is a singular
/// noun naming no actor ("The army said it ...", "The ministry protested and its spokesman ..."):
/// the pronoun is that noun, not an actor of an earlier sentence (`Err` holds the noun).
fn neighbour_subject(
    s: &Sent,
    ments: &[Ment],
    pron: usize,
    form: &str,
) -> Option<Result<String, usize>> {
    if !matches!(form, "it" | "its") {
        return None;
    }
    let v = clause_verb(s, pron)?;
    let mut clauses: Vec<usize> = Vec::new();
    if matches!(s.rel(v), "conj" | "advcl" | "ccomp" | "parataxis")
        && let Some(u) = s.head(v)
    {
        clauses.push(u);
    }
    clauses.extend(
        s.kids[v]
            .iter()
            .copied()
            .filter(|&k| s.deprel(k) == "advcl"),
    );
    for u in clauses {
        let Some(subj) = s.kids_rel(u, "nsubj").find(|&k| k < pron) else {
            continue;
        };
        let actors = subject_actors(s, ments, subj);
        match actors.as_slice() {
            [(a, ty)] if fits(form, *ty) => return Some(Ok(a.clone())),
            [] if s.upos(subj) == Upos::Noun
                && !s.form(subj).ends_with('s')
                && s.kids_rel(subj, "conj").next().is_none() =>
            {
                return Some(Err(subj));
            }
            _ => {}
        }
    }
    None
}

/// Add coreference mentions for pronouns and pair descriptions of `s`.
pub(crate) fn resolve(s: &Sent, ments: &mut Vec<Ment>, doc: &mut DocCoref) {
    let covered = |ms: &Vec<Ment>, i: usize| ms.iter().any(|m| m.first <= i && i <= m.last);
    let mut add: Vec<Ment> = Vec::new();
    for i in 0..s.len() {
        if covered(ments, i) {
            continue;
        }
        let f = s.form(i).to_lowercase();
        let one = |actor: &str| Ment {
            actor: actor.to_owned(),
            first: i,
            last: i,
            head: i,
            ty: MentTy::Coref,
        };
        if s.upos(i) == Upos::Pron {
            // "We, the leaders of the G7, ...": an apposition says who "we" are, here and in
            // the rest of the text
            if matches!(f.as_str(), "we" | "us")
                && !in_quote(s, i)
                && let Some((a, _)) = s
                    .kids_rel(i, "appos")
                    .find_map(|k| actor_at(s, ments, k).or_else(|| leader_of(s, ments, k)))
            {
                doc.issuer = Some(a.clone());
                add.push(one(&a));
                continue;
            }
            // only in a role slot: subject or possessor
            let slot = matches!(s.deprel(i), "nsubj" | "nsubj:pass" | "nmod:poss" | "obj");
            if !slot {
                continue;
            }
            if let Some(a) = reporter(s, ments, i, &f) {
                add.push(one(&a));
                continue;
            }
            if let Some(a) = parallel_possessor(s, ments, i, &f) {
                add.push(one(&a));
                continue;
            }
            let bound = clause_subject(s, ments, i, &f);
            if !bound.is_empty() {
                for a in bound {
                    add.push(one(&a));
                }
                continue;
            }
            if let Some(a) = clause_antecedent(s, ments, i, &f) {
                add.push(one(&a));
                continue;
            }
            match neighbour_subject(s, ments, i, &f) {
                Some(Ok(a)) => {
                    add.push(one(&a));
                    continue;
                }
                // the noun may be resolved in this sentence ("the government" of the text)
                Some(Err(subj)) => {
                    if let Some(a) = add.iter().find(|m| m.head == subj).map(|m| m.actor.clone()) {
                        add.push(one(&a));
                    }
                    continue;
                }
                None => {}
            }
            match f.as_str() {
                "he" | "she" | "his" | "her" => {
                    if let Some(a) = &doc.person {
                        add.push(one(a));
                    }
                }
                "it" | "its" => {
                    if let Some(a) = &doc.singular {
                        add.push(one(a));
                    }
                }
                "we" | "our" | "i" | "my" if !in_quote(s, i) => {
                    if let Some(a) = &doc.issuer {
                        add.push(one(a));
                    }
                }
                "they" | "their" => {
                    if let Some((a, b)) = &doc.pair {
                        add.push(one(a));
                        add.push(one(b));
                    }
                }
                _ => {}
            }
            continue;
        }
        // "the rebels": the armed group named last
        if member_description(s, ments, i)
            && let Some(g) = &doc.group
        {
            add.push(one(g));
            continue;
        }
        // "the government", "the authorities": the government of the state the text is about,
        // or in a state's own statement, that state's
        if (ruler_description(s, ments, i) || leader_description(s, ments, i))
            && let Some(h) = doc.issuer_state.as_deref().or(doc.home_state())
        {
            add.push(one(h));
            continue;
        }
        // "the country", "the kingdom": the state named last before it, not one named in
        // the subject of its own clause ("X condemned the coup and cut ties with the country")
        if state_description(s, ments, i) {
            let mut v = i;
            while let Some(h) = s.head(v) {
                v = h;
                if matches!(s.upos(v), Upos::Verb | Upos::Aux) {
                    break;
                }
            }
            // a conjunct's subject is its first conjunct's
            while s.rel(v) == "conj"
                && let Some(h) = s.head(v)
            {
                v = h;
            }
            let subjects: Vec<usize> = s
                .with_conjuncts(v)
                .into_iter()
                .flat_map(|c| s.kids_rel(c, "nsubj").collect::<Vec<_>>())
                .collect();
            let own: Vec<&str> = ments
                .iter()
                .filter(|m| m.first > i || subjects.iter().any(|&k| s.descends(m.head, k)))
                .map(|m| m.actor.as_str())
                .collect();
            let before = ments
                .iter()
                .rev()
                .filter(|m| m.last < i && m.ty == MentTy::Name)
                .map(|m| m.actor.as_str())
                .filter(|a| doc.states.iter().any(|x| x == a));
            let pick = before
                .chain(doc.states.iter().rev().map(String::as_str))
                .find(|a| !own.contains(a))
                .map(str::to_owned);
            if let Some(a) = pick {
                add.push(one(&a));
            }
            continue;
        }
        // "the two countries", "both sides"
        if s.upos(i) == Upos::Noun
            && matches!(
                s.lemma(i).to_lowercase().as_str(),
                "country"
                    | "side"
                    | "nation"
                    | "government"
                    | "state"
                    | "leader"
                    | "neighbor"
                    | "neighbour"
                    | "power"
                    | "capital"
                    | "ally"
                    | "rival"
                    | "party"
            )
            && s.kids[i].iter().any(|&k| {
                let w = s.form(k).to_lowercase();
                (w == "two" && s.rel(k) == "nummod") || (w == "both" && s.rel(k) == "det")
            })
        {
            // a pair named earlier in the same sentence ("Russian-Iranian cooperation ...
            // between the two countries"), else the last pair of the text
            // (the two named last before it)
            let mut here: Vec<&str> = Vec::new();
            for m in ments
                .iter()
                .rev()
                // not a name inside the description ("the two NATO member countries")
                .filter(|m| m.last < i && m.ty != MentTy::Coref && !s.descends(m.head, i))
            {
                if !here.contains(&m.actor.as_str()) && here.len() < 2 {
                    here.push(&m.actor);
                }
            }
            if here.len() == 2 {
                add.push(one(here[0]));
                add.push(one(here[1]));
            } else if let Some((a, b)) = &doc.pair {
                add.push(one(a));
                add.push(one(b));
            }
        }
    }
    ments.extend(add);
    ments.sort_by_key(|m| (m.first, m.last));
}

#[cfg(test)]
mod tests {
    use super::super::sent::testing::sent;
    use super::*;
    use Upos::*;

    /// The actors resolved on word `i`.
    fn at(ms: &[Ment], i: usize) -> Vec<&str> {
        ms.iter()
            .filter(|x| x.first == i)
            .map(|x| x.actor.as_str())
            .collect()
    }

    /// A one-word mention.
    fn ment(actor: &str, i: usize, ty: MentTy) -> Ment {
        Ment {
            actor: actor.into(),
            first: i,
            last: i,
            head: i,
            ty,
        }
    }

    #[test]
    fn the_government_is_the_home_state_of_the_text() {
        // "Police in Freedonia ... Freedonia ...": "the government agreed" is Freedonia's
        let mut doc = DocCoref::default();
        doc.count_state_names(["freedonia", "sylvania", "freedonia"].into_iter());
        assert_eq!(doc.home_state(), Some("freedonia"));
        let (t, w) = sent(&[
            ("The", "the", Det, 2, "det"),
            ("government", "government", Noun, 3, "nsubj"),
            ("agreed", "agree", Verb, 0, "root"),
        ]);
        let s = Sent::new(&t, w);
        let mut ms = Vec::new();
        resolve(&s, &mut ms, &mut doc);
        assert_eq!(at(&ms, 1), vec!["freedonia"]);
        // two states named as often: no home state, "the government" is left alone
        doc.count_state_names(["sylvania"].into_iter());
        assert_eq!(doc.home_state(), None);
        let mut ms = Vec::new();
        resolve(&s, &mut ms, &mut doc);
        assert!(ms.is_empty());
        // "the Sylvanian government" names its own state
        let (t, w) = sent(&[
            ("the", "the", Det, 3, "det"),
            ("Sylvanian", "sylvanian", Adj, 3, "amod"),
            ("government", "government", Noun, 0, "root"),
        ]);
        let s = Sent::new(&t, w);
        assert!(!ruler_description(&s, &[], 2));
    }

    #[test]
    fn the_prime_minister_is_the_home_states() {
        let mut doc = DocCoref::default();
        doc.count_state_names(["freedonia", "freedonia"].into_iter());
        // "The Prime Minister accused Sylvania."
        let (t, w) = sent(&[
            ("The", "the", Det, 3, "det"),
            ("Prime", "Prime", Propn, 3, "compound"),
            ("Minister", "Minister", Propn, 4, "nsubj"),
            ("accused", "accuse", Verb, 0, "root"),
            ("Sylvania", "Sylvania", Propn, 4, "obj"),
        ]);
        let s = Sent::new(&t, w);
        let mut ms = vec![ment("sylvania", 4, MentTy::Name)];
        resolve(&s, &mut ms, &mut doc);
        assert_eq!(at(&ms, 2), vec!["freedonia"]);
        // "the Prime Minister of Sylvania" has its own state
        let (t, w) = sent(&[
            ("the", "the", Det, 2, "det"),
            ("Prime", "Prime", Propn, 2, "compound"),
            ("Minister", "Minister", Propn, 0, "root"),
            ("of", "of", Adp, 4, "case"),
            ("Sylvania", "Sylvania", Propn, 2, "nmod"),
        ]);
        let s = Sent::new(&t, w);
        assert!(!leader_description(
            &s,
            &[ment("sylvania", 4, MentTy::Name)],
            2
        ));
    }

    #[test]
    fn the_owners_of_a_plural_subject_are_the_pair() {
        // "The leaders of Freedonia and Sylvania arrived." ... "The two leaders met."
        let mut doc = DocCoref::default();
        let (t, w) = sent(&[
            ("The", "the", Det, 2, "det"),
            ("leaders", "leader", Noun, 7, "nsubj"),
            ("of", "of", Adp, 4, "case"),
            ("Freedonia", "Freedonia", Propn, 2, "nmod"),
            ("and", "and", Cconj, 6, "cc"),
            ("Sylvania", "Sylvania", Propn, 4, "conj"),
            ("arrived", "arrive", Verb, 0, "root"),
        ]);
        let s = Sent::new(&t, w);
        let ms = vec![
            ment("freedonia", 3, MentTy::Name),
            ment("sylvania", 5, MentTy::Name),
        ];
        doc.note_sentence(&s, &ms, None);
        assert_eq!(doc.pair, Some(("freedonia".into(), "sylvania".into())));
    }

    #[test]
    fn the_rebels_are_the_armed_group_named_last() {
        let mut doc = DocCoref::default();
        doc.note_group("freedonian_liberation_front");
        // "The army drove the rebels out."
        let (t, w) = sent(&[
            ("The", "the", Det, 2, "det"),
            ("army", "army", Noun, 3, "nsubj"),
            ("drove", "drive", Verb, 0, "root"),
            ("the", "the", Det, 5, "det"),
            ("rebels", "rebel", Noun, 3, "obj"),
            ("out", "out", Adv, 3, "advmod"),
        ]);
        let s = Sent::new(&t, w);
        let mut ms = Vec::new();
        resolve(&s, &mut ms, &mut doc);
        assert_eq!(at(&ms, 4), vec!["freedonian_liberation_front"]);
        // "Sylvanian rebels" are other rebels
        let (t, w) = sent(&[
            ("Sylvanian", "sylvanian", Adj, 2, "amod"),
            ("rebels", "rebel", Noun, 3, "nsubj"),
            ("attacked", "attack", Verb, 0, "root"),
        ]);
        let s = Sent::new(&t, w);
        assert!(!member_description(&s, &[], 1));
    }

    #[test]
    fn pronoun_subject_takes_the_last_subject() {
        let mut doc = DocCoref::default();
        let (t, w) = sent(&[
            ("Freedonia", "Freedonia", Propn, 2, "nsubj"),
            ("protested", "protest", Verb, 0, "root"),
        ]);
        let s = Sent::new(&t, w);
        let ms = vec![ment("freedonia", 0, MentTy::Name)];
        doc.note_sentence(&s, &ms, None);
        let (t, w) = sent(&[
            ("It", "it", Pron, 2, "nsubj"),
            ("attacked", "attack", Verb, 0, "root"),
            ("Sylvania", "Sylvania", Propn, 2, "obj"),
        ]);
        let s = Sent::new(&t, w);
        let mut ms = vec![ment("sylvania", 2, MentTy::Name)];
        resolve(&s, &mut ms, &mut doc);
        assert_eq!(ms[0].actor, "freedonia");
        assert_eq!(ms[0].ty, MentTy::Coref);
    }

    #[test]
    fn pronoun_in_reported_speech_is_the_reporter() {
        // the last subject was someone else: the reporter of this sentence wins
        let mut doc = DocCoref {
            singular: Some("sylvania".into()),
            ..Default::default()
        };
        let (t, w) = sent(&[
            ("Freedonia", "Freedonia", Propn, 2, "nsubj"),
            ("said", "say", Verb, 0, "root"),
            ("it", "it", Pron, 5, "nsubj"),
            ("had", "have", Aux, 5, "aux"),
            ("expelled", "expel", Verb, 2, "ccomp"),
            ("two", "two", Num, 8, "nummod"),
            ("Sylvanian", "sylvanian", Adj, 8, "amod"),
            ("diplomats", "diplomat", Noun, 5, "obj"),
        ]);
        let s = Sent::new(&t, w);
        let mut ms = vec![
            ment("freedonia", 0, MentTy::Name),
            ment("sylvania", 6, MentTy::Demonym),
        ];
        resolve(&s, &mut ms, &mut doc);
        let it = ms.iter().find(|x| x.first == 2).expect("it resolved");
        assert_eq!(it.actor, "freedonia");
        // "he" needs a person as reporter: a named state does not say "he"
        let (t, w) = sent(&[
            ("Freedonia", "Freedonia", Propn, 2, "nsubj"),
            ("said", "say", Verb, 0, "root"),
            ("he", "he", Pron, 4, "nsubj"),
            ("left", "leave", Verb, 2, "ccomp"),
        ]);
        let s = Sent::new(&t, w);
        let mut ms = vec![ment("freedonia", 0, MentTy::Name)];
        resolve(&s, &mut ms, &mut DocCoref::default());
        assert_eq!(ms.len(), 1);
    }

    #[test]
    fn a_possessive_is_bound_by_its_clause_subject() {
        // the last pair was someone else; "their" is the subject of its own clause
        let mut doc = DocCoref {
            pair: Some(("ruritania".into(), "osterlich".into())),
            ..Default::default()
        };
        let (t, w) = sent(&[
            ("Freedonia", "Freedonia", Propn, 4, "nsubj"),
            ("and", "and", Cconj, 3, "cc"),
            ("Sylvania", "Sylvania", Propn, 1, "conj"),
            ("coordinated", "coordinate", Verb, 0, "root"),
            ("their", "their", Pron, 6, "nmod:poss"),
            ("support", "support", Noun, 4, "obj"),
        ]);
        let s = Sent::new(&t, w);
        let mut ms = vec![
            ment("freedonia", 0, MentTy::Name),
            ment("sylvania", 2, MentTy::Name),
        ];
        resolve(&s, &mut ms, &mut doc);
        let mut got = at(&ms, 4);
        got.sort_unstable();
        assert_eq!(got, vec!["freedonia", "sylvania"]);
    }

    #[test]
    fn a_possessive_under_an_infinitive_is_bound_by_its_controller() {
        let mut doc = DocCoref {
            singular: Some("ruritania".into()),
            ..Default::default()
        };
        // "Freedonia threatened to shell its neighbour."
        let (t, w) = sent(&[
            ("Freedonia", "Freedonia", Propn, 2, "nsubj"),
            ("threatened", "threaten", Verb, 0, "root"),
            ("to", "to", Part, 4, "mark"),
            ("shell", "shell", Verb, 2, "xcomp"),
            ("its", "its", Pron, 6, "nmod:poss"),
            ("neighbour", "neighbour", Noun, 4, "obj"),
        ]);
        let s = Sent::new(&t, w);
        let mut ms = vec![ment("freedonia", 0, MentTy::Name)];
        resolve(&s, &mut ms, &mut doc);
        assert_eq!(at(&ms, 4), vec!["freedonia"]);
    }

    #[test]
    fn its_after_a_person_subject_is_the_nearest_name_in_the_clause() {
        // the last singular subject was someone else
        let mut doc = DocCoref {
            singular: Some("ruritania".into()),
            ..Default::default()
        };
        // "President Ana Lopez praised Freedonia for its reforms."
        let (t, w) = sent(&[
            ("President", "President", Propn, 3, "compound"),
            ("Ana", "Ana", Propn, 3, "compound"),
            ("Lopez", "Lopez", Propn, 4, "nsubj"),
            ("praised", "praise", Verb, 0, "root"),
            ("Freedonia", "Freedonia", Propn, 4, "obj"),
            ("for", "for", Adp, 8, "case"),
            ("its", "its", Pron, 8, "nmod:poss"),
            ("reforms", "reform", Noun, 4, "obl"),
        ]);
        let s = Sent::new(&t, w);
        let mut ms = vec![
            ment("sylvania", 2, MentTy::Person),
            ment("freedonia", 4, MentTy::Name),
        ];
        resolve(&s, &mut ms, &mut doc);
        let got = at(&ms, 6);
        assert_eq!(got, vec!["freedonia"]);
    }

    #[test]
    fn the_two_countries_of_this_sentence_come_first() {
        // "Freedonian-Sylvanian trade grew as the two countries ..." with another pair before
        let mut doc = DocCoref {
            pair: Some(("ruritania".into(), "osterlich".into())),
            ..Default::default()
        };
        let (t, w) = sent(&[
            ("Freedonian-Sylvanian", "x", Adj, 2, "amod"),
            ("trade", "trade", Noun, 3, "nsubj"),
            ("grew", "grow", Verb, 0, "root"),
            ("as", "as", Sconj, 7, "mark"),
            ("the", "the", Det, 7, "det"),
            ("two", "two", Num, 7, "nummod"),
            ("countries", "country", Noun, 8, "nsubj"),
            ("talked", "talk", Verb, 3, "advcl"),
        ]);
        let s = Sent::new(&t, w);
        let mut ms = vec![
            ment("freedonia", 0, MentTy::Demonym),
            ment("sylvania", 0, MentTy::Demonym),
        ];
        resolve(&s, &mut ms, &mut doc);
        let mut got = at(&ms, 6);
        got.sort_unstable();
        assert_eq!(got, vec!["freedonia", "sylvania"]);
    }

    #[test]
    fn the_two_countries_is_the_last_pair() {
        let mut doc = DocCoref {
            pair: Some(("freedonia".into(), "sylvania".into())),
            ..Default::default()
        };
        let (t, w) = sent(&[
            ("the", "the", Det, 3, "det"),
            ("two", "two", Num, 3, "nummod"),
            ("countries", "country", Noun, 4, "nsubj"),
            ("signed", "sign", Verb, 0, "root"),
        ]);
        let s = Sent::new(&t, w);
        let mut ms = Vec::new();
        resolve(&s, &mut ms, &mut doc);
        let ids: Vec<&str> = ms.iter().map(|m| m.actor.as_str()).collect();
        assert_eq!(ids, vec!["freedonia", "sylvania"]);
    }

    #[test]
    fn a_name_inside_the_description_is_not_one_of_the_two() {
        // "Freedonia angered Sylvania, and the two NATO countries quarrelled."
        let mut doc = DocCoref::default();
        let (t, w) = sent(&[
            ("Freedonia", "Freedonia", Propn, 2, "nsubj"),
            ("angered", "anger", Verb, 0, "root"),
            ("Sylvania", "Sylvania", Propn, 2, "obj"),
            ("and", "and", Cconj, 9, "cc"),
            ("the", "the", Det, 8, "det"),
            ("two", "two", Num, 8, "nummod"),
            ("NATO", "NATO", Propn, 8, "compound"),
            ("countries", "country", Noun, 9, "nsubj"),
            ("quarrelled", "quarrel", Verb, 2, "conj"),
        ]);
        let s = Sent::new(&t, w);
        let mut ms = vec![
            ment("freedonia", 0, MentTy::Name),
            ment("sylvania", 2, MentTy::Name),
            ment("nato", 6, MentTy::Name),
        ];
        resolve(&s, &mut ms, &mut doc);
        let mut ids: Vec<&str> = ms
            .iter()
            .filter(|m| m.ty == MentTy::Coref)
            .map(|m| m.actor.as_str())
            .collect();
        ids.sort_unstable();
        assert_eq!(ids, vec!["freedonia", "sylvania"]);
    }

    #[test]
    fn a_possessive_in_a_conjoined_noun_takes_the_parallel_possessor() {
        // "Ruritania cited Freedonia's repression and its support for Sylvania."
        let mut doc = DocCoref::default();
        let (t, w) = sent(&[
            ("Ruritania", "Ruritania", Propn, 2, "nsubj"),
            ("cited", "cite", Verb, 0, "root"),
            ("Freedonia", "Freedonia", Propn, 5, "nmod:poss"),
            ("'s", "'s", Part, 3, "case"),
            ("repression", "repression", Noun, 2, "obj"),
            ("and", "and", Cconj, 8, "cc"),
            ("its", "its", Pron, 8, "nmod:poss"),
            ("support", "support", Noun, 5, "conj"),
        ]);
        let s = Sent::new(&t, w);
        let mut ms = vec![
            ment("ruritania", 0, MentTy::Name),
            ment("freedonia", 2, MentTy::Name),
        ];
        resolve(&s, &mut ms, &mut doc);
        let its: Vec<&str> = ms
            .iter()
            .filter(|m| m.ty == MentTy::Coref)
            .map(|m| m.actor.as_str())
            .collect();
        assert_eq!(its, vec!["freedonia"]);
    }

    #[test]
    fn a_possessor_on_the_way_up_is_closer_than_the_subject() {
        // "Ruritania fined firms for aid to Freedonia's army in its war."
        let mut doc = DocCoref::default();
        let (t, w) = sent(&[
            ("Ruritania", "Ruritania", Propn, 2, "nsubj"),
            ("fined", "fine", Verb, 0, "root"),
            ("firms", "firm", Noun, 2, "obj"),
            ("for", "for", Adp, 5, "case"),
            ("aid", "aid", Noun, 2, "obl"),
            ("to", "to", Adp, 9, "case"),
            ("Freedonia", "Freedonia", Propn, 9, "nmod:poss"),
            ("'s", "'s", Part, 7, "case"),
            ("army", "army", Noun, 5, "nmod"),
            ("in", "in", Adp, 12, "case"),
            ("its", "its", Pron, 12, "nmod:poss"),
            ("war", "war", Noun, 9, "nmod"),
        ]);
        let s = Sent::new(&t, w);
        let mut ms = vec![
            ment("ruritania", 0, MentTy::Name),
            ment("freedonia", 6, MentTy::Name),
        ];
        resolve(&s, &mut ms, &mut doc);
        let its: Vec<&str> = ms
            .iter()
            .filter(|m| m.ty == MentTy::Coref)
            .map(|m| m.actor.as_str())
            .collect();
        assert_eq!(its, vec!["freedonia"]);
    }

    #[test]
    fn a_subject_naming_no_actor_becomes_the_centre() {
        // "The advisors met." after a pair: "they" no longer refers to the pair
        let mut doc = DocCoref {
            pair: Some(("freedonia".into(), "sylvania".into())),
            ..Default::default()
        };
        let (t, w) = sent(&[
            ("The", "the", Det, 2, "det"),
            ("advisors", "advisor", Noun, 3, "nsubj"),
            ("met", "meet", Verb, 0, "root"),
        ]);
        let s = Sent::new(&t, w);
        doc.note_sentence(&s, &[], None);
        let (t, w) = sent(&[
            ("They", "they", Pron, 2, "nsubj"),
            ("welcomed", "welcome", Verb, 0, "root"),
        ]);
        let s = Sent::new(&t, w);
        let mut ms = Vec::new();
        resolve(&s, &mut ms, &mut doc);
        assert!(ms.is_empty(), "{ms:?}");
    }

    #[test]
    fn it_in_a_joined_clause_is_that_clauses_subject() {
        // the last singular subject was someone else
        let mut doc = DocCoref {
            singular: Some("ruritania".into()),
            ..Default::default()
        };
        // "Freedonia protested, and its navy seized Sylvanian boats."
        let (t, w) = sent(&[
            ("Freedonia", "Freedonia", Propn, 2, "nsubj"),
            ("protested", "protest", Verb, 0, "root"),
            (",", ",", Punct, 7, "punct"),
            ("and", "and", Cconj, 7, "cc"),
            ("its", "its", Pron, 6, "nmod:poss"),
            ("navy", "navy", Noun, 7, "nsubj"),
            ("seized", "seize", Verb, 2, "conj"),
            ("Sylvanian", "sylvanian", Adj, 9, "amod"),
            ("boats", "boat", Noun, 7, "obj"),
        ]);
        let s = Sent::new(&t, w);
        let mut ms = vec![
            ment("freedonia", 0, MentTy::Name),
            ment("sylvania", 7, MentTy::Demonym),
        ];
        resolve(&s, &mut ms, &mut doc);
        assert_eq!(at(&ms, 4), vec!["freedonia"]);
        // "The army said it had shelled Sylvania.": "it" is the army, not Ruritania
        let (t, w) = sent(&[
            ("The", "the", Det, 2, "det"),
            ("army", "army", Noun, 3, "nsubj"),
            ("said", "say", Verb, 0, "root"),
            ("it", "it", Pron, 6, "nsubj"),
            ("had", "have", Aux, 6, "aux"),
            ("shelled", "shell", Verb, 3, "ccomp"),
            ("Sylvania", "Sylvania", Propn, 6, "obj"),
        ]);
        let s = Sent::new(&t, w);
        let mut ms = vec![ment("sylvania", 6, MentTy::Name)];
        resolve(&s, &mut ms, &mut doc);
        assert!(at(&ms, 3).is_empty());
        // ... unless the noun is the text's government: "The government said it ..."
        doc.count_state_names(["freedonia", "freedonia"].into_iter());
        let (t, w) = sent(&[
            ("The", "the", Det, 2, "det"),
            ("government", "government", Noun, 3, "nsubj"),
            ("said", "say", Verb, 0, "root"),
            ("it", "it", Pron, 6, "nsubj"),
            ("had", "have", Aux, 6, "aux"),
            ("shelled", "shell", Verb, 3, "ccomp"),
            ("Sylvania", "Sylvania", Propn, 6, "obj"),
        ]);
        let s = Sent::new(&t, w);
        let mut ms = vec![ment("sylvania", 6, MentTy::Name)];
        resolve(&s, &mut ms, &mut doc);
        assert_eq!(at(&ms, 3), vec!["freedonia"]);
    }

    #[test]
    fn we_with_an_apposition_is_what_it_names_from_then_on() {
        let mut doc = DocCoref::default();
        // "We, the leaders of the Forum, condemn ..."
        let (t, w) = sent(&[
            ("We", "we", Pron, 0, "root"),
            (",", ",", Punct, 4, "punct"),
            ("the", "the", Det, 4, "det"),
            ("leaders", "leader", Noun, 1, "appos"),
            ("of", "of", Adp, 7, "case"),
            ("the", "the", Det, 7, "det"),
            ("Forum", "Forum", Propn, 4, "nmod"),
        ]);
        let s = Sent::new(&t, w);
        let mut ms = vec![ment("forum", 6, MentTy::Name)];
        resolve(&s, &mut ms, &mut doc);
        assert_eq!(at(&ms, 0), vec!["forum"]);
        // "We welcomed ..." later on
        let (t, w) = sent(&[
            ("We", "we", Pron, 2, "nsubj"),
            ("welcomed", "welcome", Verb, 0, "root"),
        ]);
        let s = Sent::new(&t, w);
        let mut ms = Vec::new();
        resolve(&s, &mut ms, &mut doc);
        assert_eq!(at(&ms, 0), vec!["forum"]);
    }

    #[test]
    fn a_first_person_texts_speaker_is_the_state_whose_people_it_names() {
        let c = crate::extract::Extractor::builtin();
        let c = &c.inner;
        let speaker = |text: &str| {
            let sentences = crate::text::split_sentences(text);
            let raw = c.gaz.find(text);
            let mut doc = DocCoref::default();
            doc.infer_speaker(c, text, &sentences, &raw);
            doc.issuer
        };
        let text = "I am saddened by the coup in Fiji. I believe all Australians will share \
                    this reaction. The Fijian army must return to barracks.";
        assert_eq!(speaker(text).as_deref(), Some("australia"));
        // wire copy opens in the third person; a quotation does not make it first-person
        let text = "Fiji's army seized power on Monday. \"We are shocked,\" a minister said. \
                    Australians were told to avoid travel.";
        assert_eq!(speaker(text), None);
        // two peoples named: no speaker
        let text = "We deplore the test. Australians and New Zealanders are united.";
        assert_eq!(speaker(text), None);
        // "the Government" of a state's own statement is that state's, even in a text that
        // names another state more often
        let mut doc = DocCoref {
            issuer_state: Some("australia".into()),
            ..Default::default()
        };
        doc.count_state_names(["fiji", "fiji", "fiji"].into_iter());
        let (t, w) = sent(&[
            ("The", "the", Det, 2, "det"),
            ("Government", "government", Noun, 3, "nsubj"),
            ("protested", "protest", Verb, 0, "root"),
        ]);
        let s = Sent::new(&t, w);
        let mut ms = Vec::new();
        resolve(&s, &mut ms, &mut doc);
        assert_eq!(at(&ms, 1), vec!["australia"]);
    }

    #[test]
    fn we_is_the_issuer_outside_quotes() {
        let mut doc = DocCoref {
            issuer: Some("freedonia".into()),
            ..Default::default()
        };
        let (t, w) = sent(&[
            ("We", "we", Pron, 2, "nsubj"),
            ("condemn", "condemn", Verb, 0, "root"),
            ("Sylvania", "Sylvania", Propn, 2, "obj"),
        ]);
        let s = Sent::new(&t, w);
        let mut ms = Vec::new();
        resolve(&s, &mut ms, &mut doc);
        assert_eq!(ms.len(), 1);
        assert_eq!(ms[0].actor, "freedonia");
        let (t, w) = sent(&[
            ("He", "he", Pron, 2, "nsubj"),
            ("said", "say", Verb, 0, "root"),
            ("\"", "\"", Punct, 5, "punct"),
            ("we", "we", Pron, 5, "nsubj"),
            ("condemn", "condemn", Verb, 2, "ccomp"),
        ]);
        let s = Sent::new(&t, w);
        let mut ms = Vec::new();
        resolve(&s, &mut ms, &mut doc);
        assert!(ms.is_empty(), "{ms:?}");
    }

    #[test]
    fn we_in_a_quotation_is_the_speakers_side() {
        // "We condemn Sylvania," Freedonia's minister said.
        let (t, w) = sent(&[
            ("\"", "\"", Punct, 3, "punct"),
            ("We", "we", Pron, 3, "nsubj"),
            ("condemn", "condemn", Verb, 10, "ccomp"),
            ("Sylvania", "Sylvania", Propn, 3, "obj"),
            (",", ",", Punct, 3, "punct"),
            ("\"", "\"", Punct, 3, "punct"),
            ("Freedonia", "Freedonia", Propn, 9, "nmod:poss"),
            ("'s", "'s", Part, 7, "case"),
            ("minister", "minister", Noun, 10, "nsubj"),
            ("said", "say", Verb, 0, "root"),
        ]);
        let s = Sent::new(&t, w);
        let mut ms = vec![
            ment("sylvania", 3, MentTy::Name),
            ment("freedonia", 6, MentTy::Name),
        ];
        resolve(&s, &mut ms, &mut DocCoref::default());
        let got = at(&ms, 1);
        assert_eq!(got, vec!["freedonia"]);
    }

    #[test]
    fn the_country_is_the_state_named_before_not_the_subject() {
        let mut doc = DocCoref::default();
        doc.note_states(["freedonia"].into_iter());
        // "Sylvania cut ties with the country."
        let (t, w) = sent(&[
            ("Sylvania", "Sylvania", Propn, 2, "nsubj"),
            ("cut", "cut", Verb, 0, "root"),
            ("ties", "tie", Noun, 2, "obj"),
            ("with", "with", Adp, 6, "case"),
            ("the", "the", Det, 6, "det"),
            ("country", "country", Noun, 3, "nmod"),
        ]);
        let s = Sent::new(&t, w);
        let mut ms = vec![ment("sylvania", 0, MentTy::Name)];
        doc.note_states(["sylvania"].into_iter());
        resolve(&s, &mut ms, &mut doc);
        let got = at(&ms, 5);
        assert_eq!(got, vec!["freedonia"]);
        // "the country of Sylvania" names its own state: no coreference
        let (t, w) = sent(&[
            ("the", "the", Det, 2, "det"),
            ("country", "country", Noun, 0, "root"),
            ("of", "of", Adp, 4, "case"),
            ("Sylvania", "Sylvania", Propn, 2, "nmod"),
        ]);
        let s = Sent::new(&t, w);
        let ms = vec![ment("sylvania", 3, MentTy::Name)];
        assert!(!state_description(&s, &ms, 1));
    }

    #[test]
    fn it_in_reported_speech_is_the_state_of_the_reporting_body() {
        // "Freedonia's army said it killed ten rebels."
        let (t, w) = sent(&[
            ("Freedonia", "Freedonia", Propn, 3, "nmod:poss"),
            ("'s", "'s", Part, 1, "case"),
            ("army", "army", Noun, 4, "nsubj"),
            ("said", "say", Verb, 0, "root"),
            ("it", "it", Pron, 6, "nsubj"),
            ("killed", "kill", Verb, 4, "ccomp"),
            ("ten", "ten", Num, 8, "nummod"),
            ("rebels", "rebel", Noun, 6, "obj"),
        ]);
        let s = Sent::new(&t, w);
        let mut ms = vec![ment("freedonia", 0, MentTy::Name)];
        let mut doc = DocCoref {
            singular: Some("sylvania".into()),
            ..Default::default()
        };
        resolve(&s, &mut ms, &mut doc);
        let got = at(&ms, 4);
        assert_eq!(got, vec!["freedonia"]);
    }

    #[test]
    fn pronoun_outside_a_role_slot_is_left_alone() {
        let mut doc = DocCoref {
            singular: Some("freedonia".into()),
            ..Default::default()
        };
        let (t, w) = sent(&[("It", "it", Pron, 2, "expl"), ("is", "be", Aux, 0, "root")]);
        let s = Sent::new(&t, w);
        let mut ms = Vec::new();
        resolve(&s, &mut ms, &mut doc);
        assert!(ms.is_empty());
    }
}

//! Modality from the parse: is the event of a trigger asserted as fact, or denied,
//! hypothetical, asked, or not yet happened (planned, proposed, threatened, called for)?
//! Reported speech keeps the event ("officials said Y attacked Z").

use super::model::Upos;
use super::sent::Sent;

/// How a trigger's event stands in its sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Modality {
    /// Said to have happened (or to hold).
    Asserted,
    /// Denied: "did not sanction", "no agreement".
    Negated,
    /// Only possible: conditionals, modals, questions.
    Hypothetical,
    /// Not yet happened: planned, proposed, recommended, called for, threatened, future.
    Unrealised,
    /// Alleged by an accuser ("accused Y of attacking Z"): the accusation is the relation.
    Alleged,
}

/// Verbs whose complement is not (yet) a fact: "plans to impose", "proposed sanctions".
const IRREALIS_VERBS: &[&str] = &[
    "plan",
    "propose",
    "recommend",
    "consider",
    "weigh",
    "contemplate",
    "mull",
    "want",
    "wish",
    "hope",
    "seek",
    "intend",
    "aim",
    "expect",
    "call",
    "urge",
    "ask",
    "demand",
    "request",
    "press",
    "push",
    "threaten",
    "warn",
    "vow",
    "promise",
    "prepare",
    "try",
    "attempt",
    "decide",
    "offer",
    "refuse",
    "decline",
    "fail",
    "oppose",
    "prevent",
    "avoid",
    "need",
    "discuss",
    "debate",
    "study",
    "explore",
    "suggest",
    "advocate",
    "favor",
    "favour",
    "support",
    "back",
    "seek",
    "look",
    "mean",
    "would",
    "deny",
    "rule",
    "reject",
    "threat",
    "postpone",
    "delay",
    "cancel",
    "suspend",
    "lift",
    "ease",
    "end",
    "halt",
    "stop",
    "scrap",
    "veto",
    "block",
];

/// Verbs that report an accusation: their complement is alleged, not asserted.
const ALLEGING_VERBS: &[&str] = &[
    "accuse", "allege", "claim", "blame", "charge", "suspect", "deny",
];

/// Nouns whose that-clause is a claim, not a fact: "reports that X attacked Y".
pub(crate) const CLAIM_NOUNS: &[&str] = &[
    "report",
    "claim",
    "allegation",
    "accusation",
    "rumour",
    "rumor",
    "suggestion",
    "charge",
    "speculation",
    "suspicion",
];

/// Adjectives on an event noun that make it not (yet) real: "possible sanctions".
const IRREALIS_ADJ: &[&str] = &[
    "possible",
    "potential",
    "proposed",
    "planned",
    "future",
    "prospective",
    "hypothetical",
    "threatened",
    "likely",
    "eventual",
    "planed",
    "new", // kept out below unless the governing verb is irrealis
];

/// Modal auxiliaries that make a clause not asserted.
const MODALS: &[&str] = &[
    "will", "would", "could", "might", "may", "should", "shall", "can", "must", "ought", "wo",
    "'ll", "’ll",
];

fn neg_word(s: &Sent, k: usize) -> bool {
    matches!(
        s.form(k).to_lowercase().as_str(),
        "not" | "n't" | "n’t" | "never" | "no" | "nor" | "neither" | "without"
    ) && matches!(s.rel(k), "advmod" | "det" | "cc" | "case" | "mark")
}

/// The modality of the event of trigger word `t`.
pub(crate) fn modality(s: &Sent, t: usize) -> Modality {
    // A question.
    if s.words.last().is_some_and(|w| w.form == "?") {
        return Modality::Hypothetical;
    }
    // Walk up from the trigger through the clause heads that govern it.
    let mut cur = t;
    let mut steps = 0;
    loop {
        steps += 1;
        if steps > 12 {
            break;
        }
        for &k in &s.kids[cur] {
            if neg_word(s, k) {
                // "no sanctions" on the noun itself, "did not sign" on the verb
                return Modality::Negated;
            }
            let rel = s.rel(k);
            if rel == "aux" {
                let l = s.lemma(k).to_lowercase();
                let f = s.form(k).to_lowercase();
                if MODALS.contains(&l.as_str()) || MODALS.contains(&f.as_str()) {
                    return Modality::Hypothetical;
                }
                if l == "go" && s.form(cur).ends_with("ing") {
                    return Modality::Unrealised;
                }
            }
            if rel == "mark"
                && matches!(
                    s.form(k).to_lowercase().as_str(),
                    "if" | "unless" | "whether" | "lest" | "once"
                )
            {
                return Modality::Hypothetical;
            }
            // "the only way is for X to join Y": a for-to clause is only imagined
            if rel == "mark"
                && s.form(k).eq_ignore_ascii_case("for")
                && s.kids_rel(cur, "mark")
                    .any(|m| s.form(m).eq_ignore_ascii_case("to"))
            {
                return Modality::Hypothetical;
            }
            if rel == "amod" && cur == t && s.upos(t) == Upos::Noun {
                let l = s.lemma(k).to_lowercase();
                if IRREALIS_ADJ.contains(&l.as_str()) && l != "new" {
                    return Modality::Unrealised;
                }
            }
        }
        let Some(h) = s.head(cur) else {
            break;
        };
        let rel = s.rel(cur);
        let hl = s.lemma(h).to_lowercase();
        match rel {
            // "plans to impose", "agreed to cooperate" (agree is a trigger itself, asserted)
            "xcomp" | "ccomp" | "csubj" => {
                if ALLEGING_VERBS.contains(&hl.as_str()) {
                    return Modality::Alleged;
                }
                if IRREALIS_VERBS.contains(&hl.as_str()) {
                    return Modality::Unrealised;
                }
                if rel == "ccomp" {
                    // reported speech keeps the event; check the reporting clause's own
                    // negation/modals only for non-speech verbs
                    if matches!(
                        hl.as_str(),
                        "say"
                            | "tell"
                            | "report"
                            | "announce"
                            | "state"
                            | "confirm"
                            | "add"
                            | "note"
                            | "write"
                            | "insist"
                            | "acknowledge"
                            | "admit"
                            | "show"
                            | "reveal"
                            | "declare"
                    ) {
                        return Modality::Asserted;
                    }
                }
                cur = h;
            }
            // "accused Y of attacking Z": the attack hangs off the accusation.
            "advcl" | "acl" => {
                if ALLEGING_VERBS.contains(&hl.as_str()) {
                    return Modality::Alleged;
                }
                // "reports that X had cooperated with Y"
                if rel == "acl"
                    && s.upos(h) == Upos::Noun
                    && CLAIM_NOUNS.contains(&hl.as_str())
                    && s.kids_rel(cur, "mark")
                        .any(|m| s.lemma(m).eq_ignore_ascii_case("that"))
                {
                    return Modality::Alleged;
                }
                // a purpose: "called a meeting to discuss the attack", "sent envoys to
                // negotiate" (the purpose has not happened by being stated)
                if rel == "advcl"
                    && s.words[cur].xpos == "VB"
                    && s.kids_rel(cur, "mark")
                        .any(|m| s.form(m).eq_ignore_ascii_case("to"))
                {
                    return Modality::Unrealised;
                }
                if IRREALIS_VERBS.contains(&hl.as_str()) && rel == "acl" {
                    return Modality::Unrealised;
                }
                // an adverbial clause stands on its own ("..., angering Turkey")
                break;
            }
            // an event noun as the object of "proposed sanctions", "considering a deal"
            "obj" | "nsubj" | "obl" | "nmod" => {
                if s.upos(t) == Upos::Noun && cur == t && rel == "obj" {
                    if IRREALIS_VERBS.contains(&hl.as_str()) {
                        return Modality::Unrealised;
                    }
                    if ALLEGING_VERBS.contains(&hl.as_str()) {
                        return Modality::Alleged;
                    }
                    // the light verb's own modality ("will impose sanctions")
                    cur = h;
                    continue;
                }
                // "A war between X and Y would devastate the region": an event noun as the
                // subject of a modal clause is only imagined (unless a participle says it
                // happened: "sanctions imposed last year will hurt")
                if rel == "nsubj"
                    && cur == t
                    && s.upos(t) == Upos::Noun
                    && s.kids_rel(t, "acl").next().is_none()
                    && s.kids_rel(h, "aux").any(|a| {
                        let f = s.form(a).to_lowercase();
                        MODALS.contains(&f.as_str())
                    })
                {
                    return Modality::Hypothetical;
                }
                // "called for talks", "pressed for sanctions": an event noun asked for
                if rel == "obl"
                    && cur == t
                    && s.upos(t) == Upos::Noun
                    && s.case_of(t).as_deref() == Some("for")
                    && IRREALIS_VERBS.contains(&hl.as_str())
                {
                    return Modality::Unrealised;
                }
                if rel == "obl" && cur == t && ALLEGING_VERBS.contains(&hl.as_str()) {
                    // "accused X of aggression"
                    return Modality::Alleged;
                }
                break;
            }
            "conj" => {
                // "signed and ratified": the first conjunct's auxiliaries govern both
                cur = h;
            }
            _ => break,
        }
    }
    Modality::Asserted
}

/// Verbs and nouns of refusing: a cooperative act refused is itself a rejection (CAMEO 12,
/// "refuse to meet", "declined to cooperate with").
const REFUSING: &[&str] = &["refuse", "decline", "refusal", "spurn", "rebuff"];

/// The word that refuses trigger `t` ("Freedonia refused to meet Sylvania's envoy", "its
/// refusal to extradite him to Sylvania"), when that refusal is itself asserted.
pub(crate) fn refused_by(s: &Sent, t: usize) -> Option<usize> {
    let mut cur = t;
    // "refused to meet or talk to": the first conjunct carries the infinitive
    while s.rel(cur) == "conj" {
        cur = s.head(cur)?;
    }
    let h = s.head(cur)?;
    let infinitive = s
        .kids_rel(cur, "mark")
        .any(|m| s.form(m).eq_ignore_ascii_case("to"));
    let ok = match s.rel(cur) {
        "xcomp" => true,
        "advcl" | "acl" => infinitive,
        _ => false,
    };
    let refusing = REFUSING.contains(&s.lemma(h).to_lowercase().as_str());
    (ok && refusing && modality(s, h) == Modality::Asserted).then_some(h)
}

#[cfg(test)]
mod tests {
    use super::super::model::Upos::*;
    use super::super::sent::testing::sent;
    use super::*;

    fn m(
        rows: &[(&str, &str, super::super::model::Upos, usize, &'static str)],
        t: usize,
    ) -> Modality {
        let (text, w) = sent(rows);
        modality(&Sent::new(&text, w), t)
    }

    #[test]
    fn the_content_of_a_report_is_alleged() {
        // "Freedonia denied reports that it had attacked Sylvania."
        let r = [
            ("Freedonia", "Freedonia", Propn, 2, "nsubj"),
            ("denied", "deny", Verb, 0, "root"),
            ("reports", "report", Noun, 2, "obj"),
            ("that", "that", Sconj, 7, "mark"),
            ("it", "it", Pron, 7, "nsubj"),
            ("had", "have", Aux, 7, "aux"),
            ("attacked", "attack", Verb, 3, "acl"),
            ("Sylvania", "Sylvania", Propn, 7, "obj"),
        ];
        assert_eq!(m(&r, 6), Modality::Alleged);
    }

    #[test]
    fn a_refused_act_is_found_through_its_infinitive() {
        // "Freedonia refused to meet Sylvania."
        let (text, w) = sent(&[
            ("Freedonia", "Freedonia", Propn, 2, "nsubj"),
            ("refused", "refuse", Verb, 0, "root"),
            ("to", "to", Part, 4, "mark"),
            ("meet", "meet", Verb, 2, "xcomp"),
            ("Sylvania", "Sylvania", Propn, 4, "obj"),
        ]);
        let s = Sent::new(&text, w);
        assert_eq!(modality(&s, 3), Modality::Unrealised);
        assert_eq!(refused_by(&s, 3), Some(1));
        // "Freedonia did not refuse to meet Sylvania": no refusal asserted
        let (text, w) = sent(&[
            ("Freedonia", "Freedonia", Propn, 4, "nsubj"),
            ("did", "do", Aux, 4, "aux"),
            ("not", "not", Part, 4, "advmod"),
            ("refuse", "refuse", Verb, 0, "root"),
            ("to", "to", Part, 6, "mark"),
            ("meet", "meet", Verb, 4, "xcomp"),
            ("Sylvania", "Sylvania", Propn, 6, "obj"),
        ]);
        let s = Sent::new(&text, w);
        assert_eq!(refused_by(&s, 5), None);
        // "Freedonia agreed to meet Sylvania": no refusal
        let (text, w) = sent(&[
            ("Freedonia", "Freedonia", Propn, 2, "nsubj"),
            ("agreed", "agree", Verb, 0, "root"),
            ("to", "to", Part, 4, "mark"),
            ("meet", "meet", Verb, 2, "xcomp"),
            ("Sylvania", "Sylvania", Propn, 4, "obj"),
        ]);
        let s = Sent::new(&text, w);
        assert_eq!(refused_by(&s, 3), None);
    }

    #[test]
    fn plain_past_is_asserted() {
        let r = [
            ("Canada", "Canada", Propn, 2, "nsubj"),
            ("sanctioned", "sanction", Verb, 0, "root"),
            ("Freedonia", "Freedonia", Propn, 2, "obj"),
            (".", ".", Punct, 2, "punct"),
        ];
        assert_eq!(m(&r, 1), Modality::Asserted);
    }

    #[test]
    fn negation_and_modals() {
        let r = [
            ("Canada", "Canada", Propn, 4, "nsubj"),
            ("did", "do", Aux, 4, "aux"),
            ("not", "not", Part, 4, "advmod"),
            ("sanction", "sanction", Verb, 0, "root"),
            ("Freedonia", "Freedonia", Propn, 4, "obj"),
        ];
        assert_eq!(m(&r, 3), Modality::Negated);
        let r = [
            ("Canada", "Canada", Propn, 3, "nsubj"),
            ("will", "will", Aux, 3, "aux"),
            ("sanction", "sanction", Verb, 0, "root"),
            ("Freedonia", "Freedonia", Propn, 3, "obj"),
        ];
        assert_eq!(m(&r, 2), Modality::Hypothetical);
    }

    #[test]
    fn purposes_for_to_clauses_and_things_called_for_are_not_asserted() {
        // "Freedonia called for talks to discuss the attack."
        let r = [
            ("Freedonia", "Freedonia", Propn, 2, "nsubj"),
            ("called", "call", Verb, 0, "root"),
            ("for", "for", Adp, 4, "case"),
            ("talks", "talk", Noun, 2, "obl"),
            ("to", "to", Part, 6, "mark"),
            ("discuss", "discuss", Verb, 2, "advcl"),
            ("the", "the", Det, 8, "det"),
            ("attack", "attack", Noun, 6, "obj"),
        ];
        let (text, mut w) = sent(&r);
        w[5].xpos = "VB".into();
        let s = Sent::new(&text, w);
        assert_eq!(modality(&s, 3), Modality::Unrealised);
        assert_eq!(modality(&s, 5), Modality::Unrealised);
        // "The only way is for Freedonia to join Sylvania."
        let r = [
            ("The", "the", Det, 3, "det"),
            ("only", "only", Adj, 3, "amod"),
            ("way", "way", Noun, 8, "nsubj"),
            ("is", "be", Aux, 8, "cop"),
            ("for", "for", Adp, 8, "mark"),
            ("Freedonia", "Freedonia", Propn, 8, "nsubj"),
            ("to", "to", Part, 8, "mark"),
            ("join", "join", Verb, 0, "root"),
            ("Sylvania", "Sylvania", Propn, 8, "obj"),
        ];
        assert_eq!(m(&r, 7), Modality::Hypothetical);
        // "Freedonia sent troops and fought Sylvania." stays asserted
        let r = [
            ("Freedonia", "Freedonia", Propn, 2, "nsubj"),
            ("sent", "send", Verb, 0, "root"),
            ("troops", "troops", Noun, 2, "obj"),
            ("and", "and", Cconj, 5, "cc"),
            ("fought", "fight", Verb, 2, "conj"),
            ("Sylvania", "Sylvania", Propn, 5, "obj"),
        ];
        assert_eq!(m(&r, 4), Modality::Asserted);
    }

    #[test]
    fn an_event_noun_subject_of_a_modal_is_hypothetical() {
        // "A war with Freedonia would ruin Sylvania."
        let r = [
            ("A", "a", Det, 2, "det"),
            ("war", "war", Noun, 7, "nsubj"),
            ("with", "with", Adp, 4, "case"),
            ("Freedonia", "Freedonia", Propn, 2, "nmod"),
            ("would", "would", Aux, 7, "aux"),
            ("really", "really", Adv, 7, "advmod"),
            ("ruin", "ruin", Verb, 0, "root"),
            ("Sylvania", "Sylvania", Propn, 7, "obj"),
        ];
        assert_eq!(m(&r, 1), Modality::Hypothetical);
        // "The war with Freedonia ruined Sylvania."
        let r = [
            ("The", "the", Det, 2, "det"),
            ("war", "war", Noun, 5, "nsubj"),
            ("with", "with", Adp, 4, "case"),
            ("Freedonia", "Freedonia", Propn, 2, "nmod"),
            ("ruined", "ruin", Verb, 0, "root"),
            ("Sylvania", "Sylvania", Propn, 5, "obj"),
        ];
        assert_eq!(m(&r, 1), Modality::Asserted);
    }

    #[test]
    fn proposed_and_recommended_events_are_unrealised() {
        // "Ministers were recommending trade sanctions against Freedonia."
        let r = [
            ("Ministers", "minister", Noun, 3, "nsubj"),
            ("were", "be", Aux, 3, "aux"),
            ("recommending", "recommend", Verb, 0, "root"),
            ("trade", "trade", Noun, 5, "compound"),
            ("sanctions", "sanction", Noun, 3, "obj"),
            ("against", "against", Adp, 7, "case"),
            ("Freedonia", "Freedonia", Propn, 5, "nmod"),
        ];
        assert_eq!(m(&r, 4), Modality::Unrealised);
        // "Canada plans to impose sanctions"
        let r = [
            ("Canada", "Canada", Propn, 2, "nsubj"),
            ("plans", "plan", Verb, 0, "root"),
            ("to", "to", Part, 4, "mark"),
            ("impose", "impose", Verb, 2, "xcomp"),
            ("sanctions", "sanction", Noun, 4, "obj"),
        ];
        assert_eq!(m(&r, 4), Modality::Unrealised);
        assert_eq!(m(&r, 3), Modality::Unrealised);
    }

    #[test]
    fn reported_speech_keeps_the_event() {
        // "Officials said Ruritanian troops attacked the town."
        let r = [
            ("Officials", "official", Noun, 2, "nsubj"),
            ("said", "say", Verb, 0, "root"),
            ("Ruritanian", "Ruritanian", Adj, 4, "amod"),
            ("troops", "troop", Noun, 5, "nsubj"),
            ("attacked", "attack", Verb, 2, "ccomp"),
            ("the", "the", Det, 7, "det"),
            ("town", "town", Noun, 5, "obj"),
        ];
        assert_eq!(m(&r, 4), Modality::Asserted);
    }

    #[test]
    fn accusations_allege_and_conditions_hypothesise() {
        // "Freedonia accused Sylvania of attacking its ships"
        let r = [
            ("Freedonia", "Freedonia", Propn, 2, "nsubj"),
            ("accused", "accuse", Verb, 0, "root"),
            ("Sylvania", "Sylvania", Propn, 2, "obj"),
            ("of", "of", Sconj, 5, "mark"),
            ("attacking", "attack", Verb, 2, "advcl"),
            ("its", "its", Pron, 7, "nmod:poss"),
            ("ships", "ship", Noun, 5, "obj"),
        ];
        assert_eq!(m(&r, 4), Modality::Alleged);
        assert_eq!(m(&r, 1), Modality::Asserted);
        // "If Sylvania attacks, Freedonia responds"
        let r = [
            ("If", "if", Sconj, 3, "mark"),
            ("Sylvania", "Sylvania", Propn, 3, "nsubj"),
            ("attacks", "attack", Verb, 6, "advcl"),
            (",", ",", Punct, 6, "punct"),
            ("Freedonia", "Freedonia", Propn, 6, "nsubj"),
            ("responds", "respond", Verb, 0, "root"),
        ];
        assert_eq!(m(&r, 2), Modality::Hypothetical);
    }

    #[test]
    fn questions_are_not_asserted() {
        let r = [
            ("Did", "do", Aux, 3, "aux"),
            ("Canada", "Canada", Propn, 3, "nsubj"),
            ("sanction", "sanction", Verb, 0, "root"),
            ("Freedonia", "Freedonia", Propn, 3, "obj"),
            ("?", "?", Punct, 3, "punct"),
        ];
        assert_eq!(m(&r, 2), Modality::Hypothetical);
    }
}

//! Nouns that name one party's standing towards another: "X, a close ally of Y", "Y's ally
//! X", "X is Y's main backer", "the rivals X and Y". They are no event, so they have no
//! agent or target in the trigger sense: the noun links the party it describes (its
//! appositive anchor, its subject, the name it modifies) to the party it is relative to (its
//! possessor, its "of" phrase, its actor modifier).

use super::actors::{Ment, MentTy};
use super::model::Upos;
use super::roles::{Party, party_actors};
use super::sent::Sent;

/// Standing nouns of cooperation (alliances, support).
const ALLIES: &[&str] = &[
    "ally",
    "backer",
    "supporter",
    "sponsor",
    "patron",
    "partner",
    "protector",
    "benefactor",
];

/// Standing nouns of rivalry (mistrust).
const RIVALS: &[&str] = &[
    "rival",
    "foe",
    "enemy",
    "adversary",
    "archrival",
    "arch-rival",
    "archenemy",
    "arch-enemy",
    "nemesis",
];

/// Nouns of an action that several parties carry out together when the sentence names them
/// as its doers: "the efforts by X, Y and Z", "a mediation of X and Y".
const COLLECTIVE: &[&str] = &[
    "effort",
    "initiative",
    "mediation",
    "mission",
    "endeavour",
    "endeavor",
];

/// "the efforts by X, Y and Z to reach a deal": the doers named together work together.
/// Only two or more doers in one "by"/"of" phrase link; givers ("aid from X and Y") do not.
pub(crate) fn collective_pairs(
    s: &Sent,
    ments: &[Ment],
    wm: &[Option<usize>],
    asserted: &dyn Fn(usize) -> bool,
) -> Vec<KinPair> {
    let mut out = Vec::new();
    for i in 0..s.len() {
        let l = s.lemma(i).to_lowercase();
        if s.upos(i) != Upos::Noun || !COLLECTIVE.contains(&l.as_str()) || !asserted(i) {
            continue;
        }
        for k in s.kids_rel(i, "nmod") {
            if !matches!(s.case_of(k).as_deref(), Some("by" | "of")) {
                continue;
            }
            let doers = party_actors(s, ments, wm, k);
            pairs_among(&doers, "cooperation", "COOPERATE", i, &mut out);
        }
    }
    out
}

/// Every pair of distinct actors among `parties`, linked by `word`.
fn pairs_among(
    parties: &[Party],
    kind: &'static str,
    category: &'static str,
    word: usize,
    out: &mut Vec<KinPair>,
) {
    for (n, a) in parties.iter().enumerate() {
        for b in &parties[n + 1..] {
            if a.actor != b.actor {
                out.push(KinPair {
                    a: a.clone(),
                    b: b.clone(),
                    kind,
                    category,
                    word,
                });
            }
        }
    }
}

/// Every standing noun (for the cheap test of which sentences to parse).
pub(crate) static NOUNS: std::sync::LazyLock<Vec<&'static str>> = std::sync::LazyLock::new(|| {
    ALLIES
        .iter()
        .chain(RIVALS)
        .chain(COLLECTIVE)
        .copied()
        .collect()
});

/// One pair linked by a standing noun.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct KinPair {
    pub a: Party,
    pub b: Party,
    pub kind: &'static str,
    pub category: &'static str,
    /// The noun.
    pub word: usize,
}

fn standing(s: &Sent, i: usize) -> Option<(&'static str, &'static str)> {
    if s.upos(i) != Upos::Noun {
        return None;
    }
    let l = s.lemma(i).to_lowercase();
    let f = s.form(i).to_lowercase();
    let is = |list: &[&str]| {
        list.contains(&l.as_str())
            || list.iter().any(|w| {
                f.strip_suffix('s') == Some(w)
                    || (w.ends_with('y') && f == format!("{}ies", &w[..w.len() - 1]))
            })
    };
    if is(ALLIES) {
        Some(("cooperation", "COOPERATE"))
    } else if is(RIVALS) {
        Some(("mistrust", "DISAPPROVE"))
    } else {
        None
    }
}

/// The pairs that standing nouns of `s` link. `asserted` tells whether a word's clause is
/// asserted (not negated, hypothetical or asked).
pub(crate) fn kin_pairs(
    s: &Sent,
    ments: &[Ment],
    wm: &[Option<usize>],
    asserted: &dyn Fn(usize) -> bool,
) -> Vec<KinPair> {
    let mut out = Vec::new();
    for i in 0..s.len() {
        if wm[i].is_some_and(|m| ments[m].ty != MentTy::Coref) {
            // inside a name ("the Friends of Syria")
            continue;
        }
        let Some((kind, category)) = standing(s, i) else {
            continue;
        };
        if !asserted(i) {
            continue;
        }
        // the party the noun is relative to: "Y's ally", "an ally of Y", "a U.S. ally"
        let mut rel_to: Vec<Party> = Vec::new();
        for &k in &s.kids[i] {
            let d = s.deprel(k);
            let of = d.starts_with("nmod") && s.case_of(k).as_deref() == Some("of");
            let modifier = matches!(d, "compound" | "amod") && k < i;
            if d == "nmod:poss" || of || modifier {
                rel_to.extend(party_actors(s, ments, wm, k));
            }
        }
        // the party the noun describes
        let mut this: Vec<Party> = Vec::new();
        if let Some(h) = s.head(i) {
            match s.deprel(i) {
                // "X, a close ally of Y": the anchor of the apposition
                "appos" => this.extend(party_actors(s, ments, wm, h)),
                // "Y's ally X", "ally China": the name the noun modifies
                "compound" | "nmod:desc" | "flat" if h > i => {
                    this.extend(party_actors(s, ments, wm, h));
                }
                _ => {}
            }
        }
        // "Y's ally, X" / "the rivals X and Y": an apposition of the noun; "allies such as
        // X", "allies including X", "rivals like X": instances of the noun
        for &k in &s.kids[i] {
            let instance = s.deprel(k).starts_with("nmod")
                && matches!(
                    s.case_of(k).as_deref(),
                    Some("such" | "such as" | "including" | "like")
                );
            if s.deprel(k) == "appos" || instance {
                this.extend(party_actors(s, ments, wm, k));
            }
        }
        // "X is Y's closest ally", "X remains a key backer of Y"
        if s.kids_rel(i, "cop").next().is_some() {
            for k in s.kids_rel(i, "nsubj") {
                this.extend(party_actors(s, ments, wm, k));
            }
        }
        // "X urged allies such as Y to ...": a bare noun in the object of X's clause is
        // relative to X
        if rel_to.is_empty()
            && !this.is_empty()
            && s.kids[i].iter().all(|&k| s.rel(k) != "det")
            && matches!(s.deprel(i), "obj" | "iobj")
            && let Some(v) = s.head(i)
        {
            for k in s.kids_rel(v, "nsubj") {
                rel_to.extend(party_actors(s, ments, wm, k));
            }
        }
        this.retain(|p| !rel_to.iter().any(|q| q.actor == p.actor));
        if rel_to.is_empty() {
            // "X and Y, once allies": a plural noun links the parties it describes
            let plural = s.form(i).to_lowercase() != s.lemma(i).to_lowercase();
            if plural {
                pairs_among(&this, kind, category, i, &mut out);
            }
            continue;
        }
        for a in &this {
            for b in &rel_to {
                out.push(KinPair {
                    a: a.clone(),
                    b: b.clone(),
                    kind,
                    category,
                    word: i,
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::sent::testing::sent;
    use super::*;
    use Upos::*;

    fn ment(actor: &str, i: usize, ty: MentTy) -> Ment {
        Ment {
            actor: actor.into(),
            first: i,
            last: i,
            head: i,
            ty,
        }
    }

    fn wmap(n: usize, ms: &[Ment]) -> Vec<Option<usize>> {
        let mut wm = vec![None; n];
        for (k, m) in ms.iter().enumerate() {
            for x in wm.iter_mut().take(m.last + 1).skip(m.first) {
                *x = Some(k);
            }
        }
        wm
    }

    fn names(v: &[KinPair]) -> Vec<(String, String, &'static str)> {
        v.iter()
            .map(|p| (p.a.actor.clone(), p.b.actor.clone(), p.kind))
            .collect()
    }

    #[test]
    fn apposition_links_anchor_and_of_phrase() {
        // "Freedonia, a key backer of Sylvania, denied the report."
        let (t, w) = sent(&[
            ("Freedonia", "Freedonia", Propn, 8, "nsubj"),
            (",", ",", Punct, 5, "punct"),
            ("a", "a", Det, 5, "det"),
            ("key", "key", Adj, 5, "amod"),
            ("backer", "backer", Noun, 1, "appos"),
            ("of", "of", Adp, 7, "case"),
            ("Sylvania", "Sylvania", Propn, 5, "nmod"),
            ("denied", "deny", Verb, 0, "root"),
            ("the", "the", Det, 10, "det"),
            ("report", "report", Noun, 8, "obj"),
        ]);
        let s = Sent::new(&t, w);
        let ms = vec![
            ment("freedonia", 0, MentTy::Name),
            ment("sylvania", 6, MentTy::Name),
        ];
        let wm = wmap(s.len(), &ms);
        assert_eq!(
            names(&kin_pairs(&s, &ms, &wm, &|_| true)),
            vec![("freedonia".into(), "sylvania".into(), "cooperation")]
        );
        // not asserted ("is not an ally"): nothing
        assert!(kin_pairs(&s, &ms, &wm, &|_| false).is_empty());
    }

    #[test]
    fn instances_of_a_bare_object_noun_relate_to_the_subject() {
        // "Freedonia urged allies such as Sylvania to act."
        let (t, w) = sent(&[
            ("Freedonia", "Freedonia", Propn, 2, "nsubj"),
            ("urged", "urge", Verb, 0, "root"),
            ("allies", "ally", Noun, 2, "obj"),
            ("such", "such", Adj, 6, "case"),
            ("as", "as", Adp, 4, "fixed"),
            ("Sylvania", "Sylvania", Propn, 3, "nmod"),
            ("to", "to", Part, 8, "mark"),
            ("act", "act", Verb, 2, "xcomp"),
        ]);
        let s = Sent::new(&t, w);
        let ms = vec![
            ment("freedonia", 0, MentTy::Name),
            ment("sylvania", 5, MentTy::Name),
        ];
        let wm = wmap(s.len(), &ms);
        assert_eq!(
            names(&kin_pairs(&s, &ms, &wm, &|_| true)),
            vec![("sylvania".into(), "freedonia".into(), "cooperation")]
        );
        // "Freedonia urged the allies such as Sylvania ...": a determiner, no owner given
        let (t, w) = sent(&[
            ("Freedonia", "Freedonia", Propn, 2, "nsubj"),
            ("urged", "urge", Verb, 0, "root"),
            ("the", "the", Det, 4, "det"),
            ("allies", "ally", Noun, 2, "obj"),
            ("such", "such", Adj, 7, "case"),
            ("as", "as", Adp, 5, "fixed"),
            ("Sylvania", "Sylvania", Propn, 4, "nmod"),
        ]);
        let s = Sent::new(&t, w);
        let ms = vec![
            ment("freedonia", 0, MentTy::Name),
            ment("sylvania", 6, MentTy::Name),
        ];
        let wm = wmap(s.len(), &ms);
        assert!(kin_pairs(&s, &ms, &wm, &|_| true).is_empty());
    }

    #[test]
    fn predicate_possessor_and_plural_rivals() {
        // "Freedonia is Sylvania's closest ally."
        let (t, w) = sent(&[
            ("Freedonia", "Freedonia", Propn, 6, "nsubj"),
            ("is", "be", Aux, 6, "cop"),
            ("Sylvania", "Sylvania", Propn, 6, "nmod:poss"),
            ("'s", "'s", Part, 3, "case"),
            ("closest", "close", Adj, 6, "amod"),
            ("ally", "ally", Noun, 0, "root"),
        ]);
        let s = Sent::new(&t, w);
        let ms = vec![
            ment("freedonia", 0, MentTy::Name),
            ment("sylvania", 2, MentTy::Name),
        ];
        let wm = wmap(s.len(), &ms);
        assert_eq!(
            names(&kin_pairs(&s, &ms, &wm, &|_| true)),
            vec![("freedonia".into(), "sylvania".into(), "cooperation")]
        );
        // "the old rivals Freedonia and Sylvania met"
        let (t, w) = sent(&[
            ("the", "the", Det, 3, "det"),
            ("old", "old", Adj, 3, "amod"),
            ("rivals", "rival", Noun, 7, "nsubj"),
            ("Freedonia", "Freedonia", Propn, 3, "appos"),
            ("and", "and", Cconj, 6, "cc"),
            ("Sylvania", "Sylvania", Propn, 4, "conj"),
            ("met", "meet", Verb, 0, "root"),
        ]);
        let s = Sent::new(&t, w);
        let ms = vec![
            ment("freedonia", 3, MentTy::Name),
            ment("sylvania", 5, MentTy::Name),
        ];
        let wm = wmap(s.len(), &ms);
        assert_eq!(
            names(&kin_pairs(&s, &ms, &wm, &|_| true)),
            vec![("freedonia".into(), "sylvania".into(), "mistrust")]
        );
    }

    #[test]
    fn doers_of_one_effort_work_together() {
        // "Ruritania praised the efforts by Freedonia and Sylvania."
        let (t, w) = sent(&[
            ("Ruritania", "Ruritania", Propn, 2, "nsubj"),
            ("praised", "praise", Verb, 0, "root"),
            ("the", "the", Det, 4, "det"),
            ("efforts", "effort", Noun, 2, "obj"),
            ("by", "by", Adp, 6, "case"),
            ("Freedonia", "Freedonia", Propn, 4, "nmod"),
            ("and", "and", Cconj, 8, "cc"),
            ("Sylvania", "Sylvania", Propn, 6, "conj"),
        ]);
        let s = Sent::new(&t, w);
        let ms = vec![
            ment("ruritania", 0, MentTy::Name),
            ment("freedonia", 5, MentTy::Name),
            ment("sylvania", 7, MentTy::Name),
        ];
        let wm = wmap(s.len(), &ms);
        assert_eq!(
            names(&collective_pairs(&s, &ms, &wm, &|_| true)),
            vec![("freedonia".into(), "sylvania".into(), "cooperation")]
        );
        // one doer: no pair
        let ms = vec![
            ment("ruritania", 0, MentTy::Name),
            ment("freedonia", 5, MentTy::Name),
        ];
        let wm = wmap(s.len(), &ms);
        assert!(collective_pairs(&s, &ms, &wm, &|_| true).is_empty());
    }

    #[test]
    fn a_standing_noun_without_a_second_party_links_nothing() {
        // "Freedonia's allies protested." (who they are is not said)
        let (t, w) = sent(&[
            ("Freedonia", "Freedonia", Propn, 3, "nmod:poss"),
            ("'s", "'s", Part, 1, "case"),
            ("allies", "ally", Noun, 4, "nsubj"),
            ("protested", "protest", Verb, 0, "root"),
        ]);
        let s = Sent::new(&t, w);
        let ms = vec![ment("freedonia", 0, MentTy::Name)];
        let wm = wmap(s.len(), &ms);
        assert!(kin_pairs(&s, &ms, &wm, &|_| true).is_empty());
    }
}

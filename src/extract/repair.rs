//! Repairs of parser attachments that a greedy parser gets wrong in a known, checkable way
//! and that decide who acts in a sentence. Each repair only fires when the tree is otherwise
//! ill-formed for English (a finite clause without a subject).

use super::model::{Upos, Word};

/// Apply every repair to a parsed sentence.
pub(crate) fn repair(words: &mut [Word]) {
    fronted_phrase_subject(words);
    appositive_predicate(words);
    content_clause(words);
}

/// "accusations that Sylvanian spies kidnapped ...": "that" right after a noun of saying or
/// believing, read as a relative pronoun although the clause has a subject of its own, is
/// the clause's complementiser; the clause is the noun's content.
fn content_clause(words: &mut [Word]) {
    use super::modality::CLAIM_NOUNS;
    for t in 1..words.len() {
        if !words[t].form.eq_ignore_ascii_case("that")
            || words[t].upos != Upos::Pron
            || !matches!(words[t].deprel, "obj" | "nsubj")
        {
            continue;
        }
        let Some(v) = words[t].head else { continue };
        let n = t - 1;
        if words[v].deprel != "acl:relcl"
            || words[v].head != Some(n)
            || words[n].upos != Upos::Noun
            || !CLAIM_NOUNS.contains(&words[n].lemma.to_lowercase().as_str())
            || !words
                .iter()
                .enumerate()
                .any(|(k, w)| k != t && w.head == Some(v) && w.deprel == "nsubj")
        {
            continue;
        }
        words[t].upos = Upos::Sconj;
        words[t].xpos = "IN".into();
        words[t].deprel = "mark";
        words[v].deprel = "acl";
    }
}

/// "The defence minister, Ana Lopez, accused Sylvania of ...": a sentence read as a noun
/// root whose appositive name carries the past-tense verb as a modifier. The verb is the
/// predicate: it becomes the root and the noun its subject.
fn appositive_predicate(words: &mut [Word]) {
    let Some(root) = words.iter().position(|w| w.head.is_none()) else {
        return;
    };
    if !matches!(words[root].upos, Upos::Noun | Upos::Propn)
        || words
            .iter()
            .any(|w| w.upos == Upos::Aux && w.head == Some(root))
    {
        return;
    }
    let Some(a) = (root + 1..words.len())
        .find(|&a| words[a].head == Some(root) && words[a].deprel == "appos")
    else {
        return;
    };
    let Some(v) = (a + 1..words.len()).find(|&v| {
        matches!(words[v].head, Some(h) if h == a || h == root)
            && matches!(words[v].deprel, "acl" | "acl:relcl")
            && words[v].upos == Upos::Verb
            && matches!(words[v].xpos.as_str(), "VBD" | "VBN")
            && v > 0
            && words[v - 1].form == ","
            && !has_subject(words, v)
            && words.iter().any(|w| w.head == Some(v) && w.deprel == "obj")
    }) else {
        return;
    };
    words[v].head = None;
    words[v].deprel = "root";
    words[root].head = Some(v);
    words[root].deprel = "nsubj";
    for w in words.iter_mut() {
        if w.head == Some(root) && w.deprel == "punct" && w.form == "." {
            w.head = Some(v);
        }
    }
    if words[v - 1].head.is_some_and(|h| h != v) {
        words[v - 1].head = Some(root);
    }
}

fn has_subject(words: &[Word], v: usize) -> bool {
    words.iter().any(|w| {
        w.head == Some(v)
            && (w.deprel.starts_with("nsubj")
                || w.deprel.starts_with("csubj")
                || w.deprel == "expl")
    })
}

/// "In Syria, Russia and Iran have coordinated ...": after a fronted prepositional phrase
/// and a comma, the greedy parser often reads the subject as more conjuncts of the phrase
/// ("Syria, Russia and Iran"), leaving the verb without a subject. When a verb has no
/// subject and a fronted oblique carries conjuncts that follow a comma and precede the verb,
/// the first of them becomes the subject and the rest its conjuncts.
fn fronted_phrase_subject(words: &mut [Word]) {
    for v in 0..words.len() {
        if !matches!(words[v].upos, Upos::Verb | Upos::Aux) || has_subject(words, v) {
            continue;
        }
        // a verb that heads a finite clause: the root or a conjoined/complement clause
        if !matches!(words[v].deprel, "root" | "ccomp" | "conj" | "parataxis") {
            continue;
        }
        let Some(o) = (0..v).find(|&o| {
            words[o].head == Some(v)
                && words[o].deprel.starts_with("obl")
                && words
                    .iter()
                    .any(|w| w.head == Some(o) && w.deprel == "case" && w.upos == Upos::Adp)
        }) else {
            continue;
        };
        let conj: Vec<usize> = (o + 1..v)
            .filter(|&c| words[c].head == Some(o) && words[c].deprel == "conj")
            .collect();
        let Some(&first) = conj.first() else {
            continue;
        };
        // a comma between the phrase and its first "conjunct", with no conjunction before
        // that conjunct (a true list "in Syria, Iraq and Lebanon" has its "and" later)
        let comma = (o + 1..first).any(|k| words[k].form == ",");
        let cc_before = (o + 1..first).any(|k| words[k].upos == Upos::Cconj);
        if !comma || cc_before || !matches!(words[first].upos, Upos::Propn | Upos::Noun) {
            continue;
        }
        words[first].head = Some(v);
        words[first].deprel = "nsubj";
        for &c in &conj[1..] {
            words[c].head = Some(first);
        }
        // the comma that closed the fronted phrase belongs to the verb
        for w in words.iter_mut().take(first).skip(o + 1) {
            if w.form == "," && w.head.is_some_and(|h| h == first || h == o) {
                w.head = Some(v);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::sent::testing::sent;
    use super::*;
    use Upos::*;

    #[test]
    fn a_verb_after_an_appositive_name_is_the_predicate() {
        // "The Freedonian minister, Ana Lopez, accused Sylvania."
        let (_, mut w) = sent(&[
            ("The", "the", Det, 3, "det"),
            ("Freedonian", "freedonian", Adj, 3, "amod"),
            ("minister", "minister", Noun, 0, "root"),
            (",", ",", Punct, 5, "punct"),
            ("Ana", "Ana", Propn, 3, "appos"),
            ("Lopez", "Lopez", Propn, 5, "flat"),
            (",", ",", Punct, 8, "punct"),
            ("accused", "accuse", Verb, 5, "acl"),
            ("Sylvania", "Sylvania", Propn, 8, "obj"),
            (".", ".", Punct, 3, "punct"),
        ]);
        w[7].xpos = "VBD".into();
        repair(&mut w);
        assert_eq!((w[7].head, w[7].deprel), (None, "root"));
        assert_eq!((w[2].head, w[2].deprel), (Some(7), "nsubj"));
        assert_eq!((w[4].head, w[4].deprel), (Some(2), "appos"));
        assert_eq!(w[9].head, Some(7));
        // a sentence with a verb root is left alone
        let (_, mut w) = sent(&[
            ("Ana", "Ana", Propn, 2, "nsubj"),
            ("spoke", "speak", Verb, 0, "root"),
        ]);
        repair(&mut w);
        assert_eq!(w[1].deprel, "root");
    }

    #[test]
    fn that_after_a_claim_noun_with_a_subject_after_it_opens_a_content_clause() {
        // "the charge that Sylvanian agents shelled the port" read as a relative clause
        let (_, mut w) = sent(&[
            ("the", "the", Det, 2, "det"),
            ("charge", "charge", Noun, 0, "root"),
            ("that", "that", Pron, 5, "obj"),
            ("agents", "agent", Noun, 5, "nsubj"),
            ("shelled", "shell", Verb, 2, "acl:relcl"),
            ("the", "the", Det, 7, "det"),
            ("port", "port", Noun, 5, "obj"),
        ]);
        repair(&mut w);
        assert_eq!((w[2].upos, w[2].deprel), (Sconj, "mark"));
        assert_eq!(w[4].deprel, "acl");
        // a real relative clause ("the charge that was dropped") is left alone
        let (_, mut w) = sent(&[
            ("the", "the", Det, 2, "det"),
            ("charge", "charge", Noun, 0, "root"),
            ("that", "that", Pron, 5, "nsubj:pass"),
            ("was", "be", Aux, 5, "aux:pass"),
            ("dropped", "drop", Verb, 2, "acl:relcl"),
        ]);
        repair(&mut w);
        assert_eq!(w[2].deprel, "nsubj:pass");
        assert_eq!(w[4].deprel, "acl:relcl");
    }

    #[test]
    fn fronted_phrase_gives_back_its_subject() {
        // "In Ruritania, Freedonia and Sylvania signed a treaty." read as "Ruritania,
        // Freedonia and Sylvania" (a list under "In")
        let (_, mut w) = sent(&[
            ("In", "in", Adp, 2, "case"),
            ("Ruritania", "Ruritania", Propn, 7, "obl"),
            (",", ",", Punct, 4, "punct"),
            ("Freedonia", "Freedonia", Propn, 2, "conj"),
            ("and", "and", Cconj, 6, "cc"),
            ("Sylvania", "Sylvania", Propn, 2, "conj"),
            ("signed", "sign", Verb, 0, "root"),
            ("a", "a", Det, 9, "det"),
            ("treaty", "treaty", Noun, 7, "obj"),
        ]);
        repair(&mut w);
        assert_eq!((w[3].head, w[3].deprel), (Some(6), "nsubj"));
        assert_eq!((w[5].head, w[5].deprel), (Some(3), "conj"));
        assert_eq!(w[2].head, Some(6));
    }

    #[test]
    fn a_real_list_or_a_clause_with_a_subject_is_left_alone() {
        // "In Ruritania, Freedonia and Sylvania, the group operates."
        let rows = [
            ("In", "in", Adp, 2, "case"),
            ("Ruritania", "Ruritania", Propn, 10, "obl"),
            (",", ",", Punct, 4, "punct"),
            ("Freedonia", "Freedonia", Propn, 2, "conj"),
            ("and", "and", Cconj, 6, "cc"),
            ("Sylvania", "Sylvania", Propn, 2, "conj"),
            (",", ",", Punct, 2, "punct"),
            ("the", "the", Det, 9, "det"),
            ("group", "group", Noun, 10, "nsubj"),
            ("operates", "operate", Verb, 0, "root"),
        ];
        let (_, mut w) = sent(&rows);
        let before: Vec<_> = w.iter().map(|x| (x.head, x.deprel)).collect();
        repair(&mut w);
        let after: Vec<_> = w.iter().map(|x| (x.head, x.deprel)).collect();
        assert_eq!(before, after);
        // "In Ruritania and Freedonia, prices rose" has its subject: nothing to do either
        let (_, mut w) = sent(&[
            ("In", "in", Adp, 2, "case"),
            ("Ruritania", "Ruritania", Propn, 7, "obl"),
            ("and", "and", Cconj, 4, "cc"),
            ("Freedonia", "Freedonia", Propn, 2, "conj"),
            (",", ",", Punct, 2, "punct"),
            ("prices", "price", Noun, 7, "nsubj"),
            ("rose", "rise", Verb, 0, "root"),
        ]);
        let before: Vec<_> = w.iter().map(|x| (x.head, x.deprel)).collect();
        repair(&mut w);
        let after: Vec<_> = w.iter().map(|x| (x.head, x.deprel)).collect();
        assert_eq!(before, after);
    }
}

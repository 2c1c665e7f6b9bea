//! A parsed sentence as the coding stages see it: the parser's words plus each word's
//! dependents, and small helpers to walk the tree.

use super::model::{Upos, Word};

/// One parsed sentence.
#[derive(Debug, Clone)]
pub(crate) struct Sent<'a> {
    /// The article text the word spans point into.
    pub text: &'a str,
    pub words: Vec<Word>,
    /// Dependents of each word, in word order.
    pub kids: Vec<Vec<usize>>,
}

impl<'a> Sent<'a> {
    pub fn new(text: &'a str, words: Vec<Word>) -> Self {
        let mut kids = vec![Vec::new(); words.len()];
        for (i, w) in words.iter().enumerate() {
            if let Some(h) = w.head
                && h < words.len()
                && h != i
            {
                kids[h].push(i);
            }
        }
        Sent { text, words, kids }
    }

    pub fn len(&self) -> usize {
        self.words.len()
    }

    /// The base relation of word `i` without its subtype (`nsubj:pass` -> `nsubj`).
    pub fn rel(&self, i: usize) -> &'static str {
        let d = self.words[i].deprel;
        d.split(':').next().unwrap_or(d)
    }

    /// The full relation of word `i` (`nsubj:pass`).
    pub fn deprel(&self, i: usize) -> &'static str {
        self.words[i].deprel
    }

    pub fn head(&self, i: usize) -> Option<usize> {
        self.words[i]
            .head
            .filter(|&h| h < self.words.len() && h != i)
    }

    pub fn lemma(&self, i: usize) -> &str {
        &self.words[i].lemma
    }

    pub fn form(&self, i: usize) -> &str {
        &self.words[i].form
    }

    pub fn upos(&self, i: usize) -> Upos {
        self.words[i].upos
    }

    /// Dependents of `i` whose relation (without subtype) is `rel`.
    pub fn kids_rel<'s>(&'s self, i: usize, rel: &'s str) -> impl Iterator<Item = usize> + 's {
        self.kids[i]
            .iter()
            .copied()
            .filter(move |&k| self.rel(k) == rel)
    }

    /// Dependents of `i` whose full relation is `deprel`.
    pub fn kids_deprel<'s>(
        &'s self,
        i: usize,
        deprel: &'s str,
    ) -> impl Iterator<Item = usize> + 's {
        self.kids[i]
            .iter()
            .copied()
            .filter(move |&k| self.deprel(k) == deprel)
    }

    /// The preposition (`case` dependent) of a nominal, lower-cased: "on" in "on Russia".
    /// Multi-word ones are joined ("because of"); `None` without one.
    pub fn case_of(&self, i: usize) -> Option<String> {
        let cases: Vec<usize> = self.kids_rel(i, "case").filter(|&k| k < i).collect();
        if cases.is_empty() {
            return None;
        }
        let mut s = String::new();
        for k in cases {
            if self.upos(k) == Upos::Part {
                // the possessive 's is `case` too
                continue;
            }
            if !s.is_empty() {
                s.push(' ');
            }
            s.push_str(&self.form(k).to_lowercase());
        }
        (!s.is_empty()).then_some(s)
    }

    /// `i` and the words conjoined with it (`X, Y and Z`), in order.
    pub fn with_conjuncts(&self, i: usize) -> Vec<usize> {
        let mut out = vec![i];
        let mut k = 0;
        while k < out.len() {
            let w = out[k];
            for c in self.kids_rel(w, "conj") {
                if !out.contains(&c) {
                    out.push(c);
                }
            }
            k += 1;
        }
        out.sort_unstable();
        out
    }

    /// Whether `i` is inside the subtree of `root`.
    pub fn descends(&self, mut i: usize, root: usize) -> bool {
        for _ in 0..self.words.len() {
            if i == root {
                return true;
            }
            match self.head(i) {
                Some(h) => i = h,
                None => return false,
            }
        }
        false
    }
}

#[cfg(test)]
pub(crate) mod testing {
    //! Hand-built parses for unit tests of the coding stages (independent of the model).
    use super::*;
    use crate::text::Span;

    /// Build a sentence from `(form, lemma, upos, head (1-based, 0 = root), deprel)` rows,
    /// like a CoNLL-U file. Words are laid out separated by single spaces.
    pub fn sent(rows: &[(&str, &str, Upos, usize, &'static str)]) -> (String, Vec<Word>) {
        let mut text = String::new();
        let mut words = Vec::new();
        for &(form, lemma, upos, head, deprel) in rows {
            if !text.is_empty() {
                text.push(' ');
            }
            let s = text.len();
            text.push_str(form);
            words.push(Word {
                span: Span::new(s, text.len()),
                form: form.to_owned(),
                lemma: lemma.to_owned(),
                upos,
                xpos: String::new(),
                head: head.checked_sub(1),
                deprel,
            });
        }
        (text, words)
    }
}

#[cfg(test)]
mod tests {
    use super::testing::sent;
    use super::*;
    use Upos::*;

    #[test]
    fn conjuncts_and_cases() {
        let (t, w) = sent(&[
            ("Russia", "russia", Propn, 4, "nsubj"),
            ("and", "and", Cconj, 3, "cc"),
            ("Iran", "iran", Propn, 1, "conj"),
            ("signed", "sign", Verb, 0, "root"),
            ("a", "a", Det, 6, "det"),
            ("deal", "deal", Noun, 4, "obj"),
            ("with", "with", Adp, 8, "case"),
            ("China", "china", Propn, 4, "obl"),
        ]);
        let s = Sent::new(&t, w);
        assert_eq!(s.with_conjuncts(0), vec![0, 2]);
        assert_eq!(s.kids_rel(3, "nsubj").collect::<Vec<_>>(), vec![0]);
        assert_eq!(s.case_of(7).as_deref(), Some("with"));
        assert_eq!(s.case_of(0), None);
        assert!(s.descends(2, 3));
        assert!(!s.descends(3, 2));
    }
}

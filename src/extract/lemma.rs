//! Lemmatizer: a (form, UPOS) -> lemma table from the treebanks (only where the suffix rules
//! would be wrong) plus suffix rules for unseen words: verbs `-ed`/`-ing`/`-s`, nouns plural
//! `-s`/`-es`/`-ies`; a stem that is a known lemma ("imposed" -> "impose") wins. Lemmas are
//! lower case.

use std::collections::{HashMap, HashSet};

use super::model::{Reader, Upos, put_str, put_u32};

#[derive(Debug, Clone, Default)]
pub struct Lemmatizer {
    /// (lower-case form, UPOS index) -> lemma, where the rules get it wrong.
    table: HashMap<(String, u8), String>,
    /// Lemmas of verbs and nouns seen in training (to choose between "impos" and "impose").
    known: HashSet<String>,
}

fn is_vowel(c: u8) -> bool {
    matches!(c, b'a' | b'e' | b'i' | b'o' | b'u')
}

impl Lemmatizer {
    /// From training triples (form, UPOS, lemma).
    pub fn train<'a>(items: impl Iterator<Item = (&'a str, Upos, &'a str, &'a str)>) -> Lemmatizer {
        let mut counts: HashMap<(String, u8), HashMap<String, u32>> = HashMap::new();
        let mut xp: HashMap<(String, u8), String> = HashMap::new();
        let mut known = HashSet::new();
        for (form, upos, xpos, lemma) in items {
            let f = form.to_lowercase();
            let l = lemma.to_lowercase();
            if matches!(upos, Upos::Verb | Upos::Noun | Upos::Aux | Upos::Adj) {
                known.insert(l.clone());
            }
            xp.entry((f.clone(), upos.index()))
                .or_insert_with(|| xpos.to_owned());
            *counts
                .entry((f, upos.index()))
                .or_default()
                .entry(l)
                .or_default() += 1;
        }
        let mut lm = Lemmatizer {
            table: HashMap::new(),
            known,
        };
        let mut keys: Vec<_> = counts.keys().cloned().collect();
        keys.sort();
        for k in keys {
            let c = &counts[&k];
            let mut best: Vec<(&String, &u32)> = c.iter().collect();
            best.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
            let lemma = best[0].0.clone();
            let xpos = xp.get(&k).map(String::as_str).unwrap_or("");
            if lm.rules(&k.0, Upos::from_index(k.1), xpos) != lemma {
                lm.table.insert(k, lemma);
            }
        }
        lm
    }

    /// Adds verb lemmas known from elsewhere (a trigger inventory), so that an inflected
    /// form's stem is chosen over a treebank lemma of another class ("severed" -> "sever",
    /// not the adjective "severe").
    pub fn learn_verbs<'a>(&mut self, lemmas: impl Iterator<Item = &'a str>) {
        for l in lemmas.filter(|l| !l.contains(' ')) {
            self.known.insert(l.to_lowercase());
        }
    }

    /// Whether `lemma` is a verb taught by [`Lemmatizer::learn_verbs`] (an event verb).
    pub fn knows(&self, lemma: &str) -> bool {
        self.known.contains(lemma)
    }

    /// Whether `lemma` is a verb, noun, adjective or auxiliary lemma of the treebanks (or a
    /// taught verb).
    pub fn common_lemma(&self, lemma: &str) -> bool {
        self.known.contains(lemma)
    }

    /// Whether `form`, read as a noun, has the lemma of a treebank common word ("Terrorist"
    /// -> "terrorist"): a capitalised one alone is no name.
    pub fn common_noun(&self, form: &str) -> bool {
        self.known.contains(&self.lemma(form, Upos::Noun, "NN"))
    }

    /// The lemma of `form` tagged `upos`/`xpos` (lower case).
    pub fn lemma(&self, form: &str, upos: Upos, xpos: &str) -> String {
        let f = form.to_lowercase();
        let f = f.replace('’', "'");
        if let Some(l) = self.table.get(&(f.clone(), upos.index())) {
            return l.clone();
        }
        self.rules(&f, upos, xpos)
    }

    fn stem_choice(&self, stem: &str) -> String {
        let b = stem.as_bytes();
        let n = b.len();
        let with_e = format!("{stem}e");
        if self.known.contains(stem) {
            return stem.to_owned();
        }
        if self.known.contains(&with_e) {
            return with_e;
        }
        if n >= 3 && b[n - 1] == b[n - 2] && !matches!(b[n - 1], b'l' | b's' | b'z' | b'f') {
            let und = &stem[..n - 1];
            if self.known.contains(und) || !is_vowel(b[n - 1]) {
                return und.to_owned();
            }
        }
        if n >= 2 {
            let last = b[n - 1];
            let prev = b[n - 2];
            let needs_e = matches!(last, b'v' | b'c')
                || (last == b'g' && prev != b'n')
                || (last == b'z' && prev != b'z')
                || (last == b'l' && matches!(prev, b'b' | b'p' | b'd' | b't' | b'k' | b'g' | b'z'))
                || (last == b't'
                    && prev == b'a'
                    && n >= 3
                    && !matches!(b[n - 3], b'e' | b'o' | b'a'))
                || (last == b's' && prev == b'o')
                || (last == b'r' && prev == b'u')
                || (last == b'd' && prev == b'u')
                || (last == b'k' && prev != b'o' && is_vowel(prev))
                || (last == b'r' && prev == b'i' && n >= 3 && !is_vowel(b[n - 3]));
            if needs_e {
                return with_e;
            }
        }
        stem.to_owned()
    }

    fn plural(&self, f: &str) -> String {
        // a known word plus "s" before the spelling rules ("freezes" is "freeze", not "freez")
        if let Some(stem) = f.strip_suffix('s')
            && stem.len() > 2
            && self.known.contains(stem)
        {
            return stem.to_owned();
        }
        if f.len() > 4 && f.ends_with("ies") {
            return format!("{}y", &f[..f.len() - 3]);
        }
        for es in ["sses", "ches", "shes", "xes", "zes"] {
            if f.ends_with(es) && f.len() > es.len() + 1 {
                return f[..f.len() - 2].to_owned();
            }
        }
        if f.len() > 3
            && f.ends_with('s')
            && !f.ends_with("ss")
            && !f.ends_with("us")
            && !f.ends_with("is")
        {
            let stem = &f[..f.len() - 1];
            if f.ends_with("es") && !self.known.contains(stem) {
                let s2 = &f[..f.len() - 2];
                if self.known.contains(s2) {
                    return s2.to_owned();
                }
            }
            return stem.to_owned();
        }
        f.to_owned()
    }

    /// The rules alone (lower-case `f`).
    fn rules(&self, f: &str, upos: Upos, xpos: &str) -> String {
        let f = f.to_lowercase();
        if !f.is_ascii() || f.len() < 3 {
            return f;
        }
        let verb = matches!(upos, Upos::Verb | Upos::Aux) || xpos.starts_with("VB");
        if verb {
            if xpos == "VBZ" || (xpos.is_empty() && f.ends_with('s')) {
                return self.plural(&f);
            }
            if let Some(stem) = f.strip_suffix("ied").filter(|s| s.len() >= 2) {
                return format!("{stem}y");
            }
            if let Some(stem) = f.strip_suffix("ed").filter(|s| s.len() >= 2) {
                return self.stem_choice(stem);
            }
            if let Some(stem) = f.strip_suffix("ing").filter(|s| s.len() >= 2) {
                return self.stem_choice(stem);
            }
            return f;
        }
        if matches!(upos, Upos::Noun) && (xpos == "NNS" || xpos.is_empty()) {
            return self.plural(&f);
        }
        f
    }

    pub(crate) fn memory(&self) -> usize {
        self.table
            .iter()
            .map(|(k, v)| k.0.len() + v.len() + 64)
            .sum::<usize>()
            + self.known.iter().map(|k| k.len() + 32).sum::<usize>()
    }

    pub(crate) fn write(&self, w: &mut Vec<u8>) {
        let mut t: Vec<_> = self.table.iter().collect();
        t.sort();
        put_u32(w, t.len() as u32);
        for ((f, u), l) in t {
            put_str(w, f);
            w.push(*u);
            put_str(w, l);
        }
        let mut k: Vec<_> = self.known.iter().collect();
        k.sort();
        put_u32(w, k.len() as u32);
        for s in k {
            put_str(w, s);
        }
    }

    pub(crate) fn read(r: &mut Reader) -> Result<Lemmatizer, String> {
        let n = r.u32()? as usize;
        let mut table = HashMap::with_capacity(n.min(1 << 20));
        for _ in 0..n {
            let f = r.str()?;
            let u = r.u8()?;
            let l = r.str()?;
            table.insert((f, u), l);
        }
        let n = r.u32()? as usize;
        let mut known = HashSet::with_capacity(n.min(1 << 20));
        for _ in 0..n {
            known.insert(r.str()?);
        }
        Ok(Lemmatizer { table, known })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_without_table() {
        let mut l = Lemmatizer::default();
        l.known.insert("impose".into());
        l.known.insert("sanction".into());
        let v = |f: &str, x: &str| l.lemma(f, Upos::Verb, x);
        assert_eq!(v("blacklisted", "VBN"), "blacklist");
        assert_eq!(v("imposed", "VBD"), "impose");
        assert_eq!(v("imposing", "VBG"), "impose");
        assert_eq!(v("sanctioned", "VBD"), "sanction");
        assert_eq!(v("stopped", "VBD"), "stop");
        assert_eq!(v("negotiated", "VBD"), "negotiate");
        assert_eq!(v("carried", "VBD"), "carry");
        assert_eq!(v("threatens", "VBZ"), "threaten");
        assert_eq!(v("pushes", "VBZ"), "push");
        assert_eq!(v("Attacked", "VBD"), "attack");
        let n = |f: &str| l.lemma(f, Upos::Noun, "NNS");
        assert_eq!(n("sanctions"), "sanction");
        assert_eq!(n("countries"), "country");
        assert_eq!(n("taxes"), "tax");
        assert_eq!(n("crisis"), "crisis");
        assert_eq!(l.lemma("Russia", Upos::Propn, "NNP"), "russia");
    }

    #[test]
    fn learnt_verbs_win_over_other_lemmas() {
        let mut lm = Lemmatizer::train([("severe", Upos::Adj, "JJ", "severe")].into_iter());
        assert_eq!(lm.lemma("severed", Upos::Verb, "VBD"), "severe");
        lm.learn_verbs(["sever"].into_iter());
        assert_eq!(lm.lemma("severed", Upos::Verb, "VBD"), "sever");
        assert_eq!(lm.lemma("severing", Upos::Verb, "VBG"), "sever");
        // a known verb plus "s" comes before the "-zes"/"-ches" rules
        assert_eq!(lm.lemma("freezes", Upos::Verb, "VBZ"), "freez");
        lm.learn_verbs(["freeze"].into_iter());
        assert_eq!(lm.lemma("freezes", Upos::Verb, "VBZ"), "freeze");
        assert_eq!(lm.lemma("reaches", Upos::Verb, "VBZ"), "reach");
    }

    #[test]
    fn table_overrides_rules() {
        let l = Lemmatizer::train(
            [
                ("was", Upos::Aux, "VBD", "be"),
                ("men", Upos::Noun, "NNS", "man"),
                ("walked", Upos::Verb, "VBD", "walk"),
            ]
            .into_iter(),
        );
        assert_eq!(l.lemma("was", Upos::Aux, "VBD"), "be");
        assert_eq!(l.lemma("Men", Upos::Noun, "NNS"), "man");
        assert_eq!(l.lemma("walked", Upos::Verb, "VBD"), "walk");
        assert!(
            !l.table
                .contains_key(&("walked".to_owned(), Upos::Verb.index()))
        );
    }
}

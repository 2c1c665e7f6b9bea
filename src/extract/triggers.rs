//! Trigger inventory for the "parse, then code" extractor: which content-word lemmas can
//! express a relation, of which kind, with which CAMEO code and PLOVER category.
//!
//! The built-in inventory is `assets/lexicon/triggers_cameo.json`, derived from PETRARCH2's
//! CAMEO verb dictionary (MIT licence, see `assets/lexicon/LICENSE-petrarch2.txt`) by
//! `assets/lexicon/derive/derive_triggers.py` plus three hand-written tables (nominals,
//! extra mistrust/sanctions vocabulary, overrides). See `assets/lexicon/README.md`.
//!
//! Entries come in four shapes, each with its own accessor:
//! - plain: the lemma alone can express the relation ([`TriggerInventory::lookup`]);
//!   `preps` lists the prepositions that introduce the other party ("sanctions **on** X"),
//!   `object` says whether the direct object is the other party ("attacked X");
//! - phrasal: a verb + particle ("crack down", "call off": [`TriggerInventory::phrasal`]);
//! - light-verb: a verb with a given object noun ("impose" + "sanction", "hold" + "talks",
//!   "withdraw" + "troops": [`TriggerInventory::light_verb`]); the pattern's reading wins over
//!   the noun's own ("lift" + "embargo" is not a sanction);
//! - preposition-bound: the verb counts only with that preposition ("side with", "campaign
//!   against": [`TriggerInventory::with_prep`]).
//!
//! `status` tells the coder whether the relation is asserted: appeals (CAMEO 02, 10),
//! intentions (03: "offer", "propose", "pledge") and threats (13) are not the relation they
//! name. A threat is itself mistrust from the threatener to the target; the threatened act
//! (sanctions, an attack) is not asserted.

use std::collections::HashMap;
use std::sync::LazyLock;

use serde::Deserialize;

/// Part of speech of a trigger lemma (UPOS `VERB`, `NOUN`, `ADJ`; `PROPN`/`AUX` never trigger).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum TriggerPos {
    Verb,
    Noun,
    Adj,
}

/// Whether the trigger asserts that the relation holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// The relation happened / holds ("sanctioned", "attacked", "met").
    Asserted,
    /// A stated intention, offer or promise (CAMEO 03): not yet cooperation.
    Intent,
    /// An appeal, request, proposal or demand (CAMEO 02, 10): a call, not the relation.
    Appeal,
    /// A threat (CAMEO 13): mistrust from the threatener to the target; the threatened
    /// act is not asserted.
    Threat,
}

/// One reading of a trigger lemma.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TriggerEntry {
    /// Base form, lower case ("sanction", "invasion", "critical").
    pub lemma: String,
    pub pos: TriggerPos,
    /// Relation kind: `cooperation`, `mistrust`, `sanctions` or `conflict`.
    pub kind: String,
    /// PLOVER category (`AGREE`, `CONSULT`, `SUPPORT`, `COOPERATE`, `AID`, `CONCEDE`,
    /// `RETREAT`, `REQUEST`, `DISAPPROVE`, `REJECT`, `THREATEN`, `PROTEST`, `MOBILIZE`,
    /// `SANCTION`, `COERCE`, `ASSAULT`, `FIGHT`).
    pub category: String,
    /// CAMEO event code ("163", "0874").
    pub cameo: String,
    pub status: Status,
    /// Prepositions that introduce the other party ("against", "on", "with").
    #[serde(default)]
    pub preps: Vec<String>,
    /// The direct object is the other party (or, with `light`, the pattern's noun).
    #[serde(default)]
    pub object: bool,
    /// Particle of a phrasal verb ("down" in "crack down").
    #[serde(default)]
    pub particle: Option<String>,
    /// Object noun of a light-verb pattern ("sanction" for "impose").
    #[serde(default)]
    pub light: Option<String>,
    /// The entry counts only with one of `preps` ("side with").
    #[serde(default)]
    pub prep_required: bool,
}

impl TriggerEntry {
    /// Whether the entry asserts the relation (not an intent, appeal or threat).
    pub fn is_asserted(&self) -> bool {
        self.status == Status::Asserted
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct InventoryFile {
    #[allow(dead_code)]
    version: u32,
    #[allow(dead_code)]
    #[serde(default)]
    source: String,
    entries: Vec<TriggerEntry>,
}

/// The trigger inventory, indexed for the coder's lookups.
#[derive(Debug, Default)]
pub struct TriggerInventory {
    /// Plain entries by part of speech, then lemma.
    plain: HashMap<TriggerPos, HashMap<String, Vec<TriggerEntry>>>,
    /// Phrasal verbs by (verb, particle), without a light noun.
    phrasal: HashMap<(String, String), Vec<TriggerEntry>>,
    /// Light-verb patterns by verb (each verb has a handful of nouns).
    light: HashMap<String, Vec<TriggerEntry>>,
    /// Preposition-bound entries by (lemma, pos).
    prep_bound: HashMap<(String, TriggerPos), Vec<TriggerEntry>>,
    len: usize,
}

const BUILTIN: &str = include_str!("../../assets/lexicon/triggers_cameo.json");

static BUILTIN_INVENTORY: LazyLock<TriggerInventory> = LazyLock::new(|| {
    TriggerInventory::from_json(BUILTIN).expect("assets/lexicon/triggers_cameo.json is valid")
});

impl TriggerInventory {
    /// The built-in inventory (`assets/lexicon/triggers_cameo.json`), parsed once.
    pub fn builtin() -> &'static TriggerInventory {
        &BUILTIN_INVENTORY
    }

    /// An inventory from a JSON document in the `triggers_cameo.json` format.
    pub fn from_json(json: &str) -> Result<TriggerInventory, serde_json::Error> {
        let file: InventoryFile = serde_json::from_str(json)?;
        Ok(Self::from_entries(file.entries))
    }

    /// An inventory from entries (lemmas, particles and light nouns are lower-cased).
    pub fn from_entries(entries: Vec<TriggerEntry>) -> TriggerInventory {
        let mut inv = TriggerInventory::default();
        for mut e in entries {
            e.lemma = e.lemma.to_lowercase();
            e.particle = e.particle.map(|p| p.to_lowercase());
            e.light = e.light.map(|l| l.to_lowercase());
            inv.len += 1;
            if e.light.is_some() {
                inv.light.entry(e.lemma.clone()).or_default().push(e);
            } else if let Some(p) = &e.particle {
                inv.phrasal
                    .entry((e.lemma.clone(), p.clone()))
                    .or_default()
                    .push(e);
            } else if e.prep_required {
                inv.prep_bound
                    .entry((e.lemma.clone(), e.pos))
                    .or_default()
                    .push(e);
            } else {
                inv.plain
                    .entry(e.pos)
                    .or_default()
                    .entry(e.lemma.clone())
                    .or_default()
                    .push(e);
            }
        }
        inv
    }

    /// Number of entries of every shape.
    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// All entries (plain, phrasal, light-verb, preposition-bound), in no particular order.
    pub fn entries(&self) -> impl Iterator<Item = &TriggerEntry> {
        self.plain
            .values()
            .flat_map(|m| m.values().flatten())
            .chain(self.phrasal.values().flatten())
            .chain(self.light.values().flatten())
            .chain(self.prep_bound.values().flatten())
    }

    /// The readings of a lemma on its own: empty for words that are not triggers ("say",
    /// "give", "take"). Case-insensitive; a plural noun lemma the parser left as is
    /// ("talks", "tensions") falls back to its singular.
    pub fn lookup(&self, lemma: &str, pos: TriggerPos) -> &[TriggerEntry] {
        let Some(by_lemma) = self.plain.get(&pos) else {
            return &[];
        };
        let found = with_lower(lemma, |l| by_lemma.get(l).map(Vec::as_slice));
        if let Some(found) = found {
            return found;
        }
        if pos == TriggerPos::Noun {
            let lower = lemma.to_lowercase();
            for s in singulars(&lower) {
                if let Some(found) = by_lemma.get(&s) {
                    return found;
                }
            }
        }
        &[]
    }

    /// Readings of a phrasal verb ("crack" + "down", "call" + "off").
    pub fn phrasal(&self, verb_lemma: &str, particle: &str) -> &[TriggerEntry] {
        self.phrasal
            .get(&(verb_lemma.to_lowercase(), particle.to_lowercase()))
            .map_or(&[], Vec::as_slice)
    }

    /// The reading of a verb with an object noun ("impose" + "sanction", "hold" + "talks",
    /// "launch" + "attack"), without a particle; `None` when the pair is not a pattern.
    /// The noun may be given in the plural.
    pub fn light_verb(&self, verb_lemma: &str, noun_lemma: &str) -> Option<&TriggerEntry> {
        self.light_verb_particle(verb_lemma, None, noun_lemma)
    }

    /// Like [`Self::light_verb`] for a phrasal verb with an object ("step up" + "attack",
    /// "carry out" + "attack").
    pub fn light_verb_particle(
        &self,
        verb_lemma: &str,
        particle: Option<&str>,
        noun_lemma: &str,
    ) -> Option<&TriggerEntry> {
        let entries = self.light.get(&verb_lemma.to_lowercase())?;
        let noun = noun_lemma.to_lowercase();
        let particle = particle.map(str::to_lowercase);
        let candidates = std::iter::once(noun.clone()).chain(singulars(&noun));
        for n in candidates {
            if let Some(e) = entries
                .iter()
                .find(|e| e.light.as_deref() == Some(n.as_str()) && e.particle == particle)
            {
                return Some(e);
            }
        }
        None
    }

    /// Readings that hold only with the given preposition ("side" + "with", "campaign" +
    /// "against").
    pub fn with_prep<'a>(
        &'a self,
        lemma: &str,
        pos: TriggerPos,
        prep: &'a str,
    ) -> impl Iterator<Item = &'a TriggerEntry> + 'a {
        let prep_lower = prep.to_lowercase();
        self.prep_bound
            .get(&(lemma.to_lowercase(), pos))
            .into_iter()
            .flatten()
            .filter(move |e| e.preps.contains(&prep_lower))
    }
}

/// Calls `f` with the lower-cased `s`, allocating only when `s` has upper-case letters.
fn with_lower<R>(s: &str, f: impl FnOnce(&str) -> R) -> R {
    if s.chars().any(char::is_uppercase) {
        f(&s.to_lowercase())
    } else {
        f(s)
    }
}

/// Candidate singulars of a lower-case plural noun ("tensions" -> "tension", "hostilities"
/// -> "hostility", "crises" -> "crisis").
fn singulars(noun: &str) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(stem) = noun.strip_suffix("ies") {
        out.push(format!("{stem}y"));
    }
    if let Some(stem) = noun.strip_suffix("ses") {
        out.push(format!("{stem}sis"));
    }
    if let Some(stem) = noun.strip_suffix("es") {
        out.push(stem.to_string());
    }
    if let Some(stem) = noun.strip_suffix('s')
        && !stem.ends_with('s')
    {
        out.push(stem.to_string());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inv() -> &'static TriggerInventory {
        TriggerInventory::builtin()
    }

    fn kinds(lemma: &str, pos: TriggerPos) -> Vec<(&str, Status)> {
        inv()
            .lookup(lemma, pos)
            .iter()
            .map(|e| (e.kind.as_str(), e.status))
            .collect()
    }

    fn only(lemma: &str, pos: TriggerPos) -> &'static TriggerEntry {
        let found = inv().lookup(lemma, pos);
        assert_eq!(found.len(), 1, "{lemma} {pos:?}: {found:?}");
        &found[0]
    }

    #[test]
    fn builtin_parses_and_is_substantial() {
        assert!(inv().len() > 2000, "{}", inv().len());
        for e in inv().entries() {
            assert!(
                ["cooperation", "mistrust", "sanctions", "conflict"].contains(&e.kind.as_str()),
                "{e:?}"
            );
            assert!(!e.category.is_empty() && !e.cameo.is_empty(), "{e:?}");
            assert_eq!(e.lemma, e.lemma.trim().to_lowercase(), "{e:?}");
            // Intent and appeal are about (not yet) cooperation or demands; threats are
            // mistrust, never the threatened sanctions or violence.
            match e.status {
                Status::Threat => assert_eq!(e.kind, "mistrust", "{e:?}"),
                Status::Intent => assert_eq!(e.kind, "cooperation", "{e:?}"),
                Status::Appeal => assert_eq!(e.category, "REQUEST", "{e:?}"),
                Status::Asserted => {}
            }
            if e.prep_required {
                assert!(!e.preps.is_empty(), "{e:?}");
            }
            if e.light.is_some() {
                assert!(e.object && e.pos == TriggerPos::Verb, "{e:?}");
            }
        }
        // One reading per plain lemma and per verb + (particle) + noun pattern: the
        // derivation resolves conflicting CAMEO codes, the coder does not have to.
        let mut plain = std::collections::HashSet::new();
        let mut light = std::collections::HashSet::new();
        for e in inv().entries() {
            if e.light.is_some() {
                assert!(light.insert((&e.lemma, &e.particle, &e.light)), "{e:?}");
            } else if e.particle.is_none() && !e.prep_required {
                assert!(plain.insert((&e.lemma, e.pos)), "{e:?}");
            }
        }
    }

    #[test]
    fn sanctions_vocabulary() {
        let e = only("blacklist", TriggerPos::Verb);
        assert_eq!(
            (e.kind.as_str(), e.category.as_str()),
            ("sanctions", "SANCTION")
        );
        assert!(e.is_asserted());
        for (lemma, pos) in [
            ("sanction", TriggerPos::Verb),
            ("sanction", TriggerPos::Noun),
            ("sanctions", TriggerPos::Noun),
            ("embargo", TriggerPos::Noun),
            ("boycott", TriggerPos::Verb),
            ("boycott", TriggerPos::Noun),
            ("expel", TriggerPos::Verb),
        ] {
            assert_eq!(
                kinds(lemma, pos),
                vec![("sanctions", Status::Asserted)],
                "{lemma}"
            );
        }
        let s = only("sanction", TriggerPos::Noun);
        assert!(s.preps.iter().any(|p| p == "on") && s.preps.iter().any(|p| p == "against"));
        // "impose sanctions" is the sanction; "lift the embargo" is not.
        let imposed = inv().light_verb("impose", "sanctions").unwrap();
        assert_eq!(imposed.kind, "sanctions");
        if let Some(lifted) = inv().light_verb("lift", "embargo") {
            assert_ne!(lifted.kind, "sanctions", "{lifted:?}");
        }
    }

    #[test]
    fn conflict_vocabulary() {
        for (lemma, pos) in [
            ("invasion", TriggerPos::Noun),
            ("invade", TriggerPos::Verb),
            ("attack", TriggerPos::Verb),
            ("attack", TriggerPos::Noun),
            ("bombing", TriggerPos::Noun),
            ("shell", TriggerPos::Verb),
            ("strike", TriggerPos::Noun),
            ("clash", TriggerPos::Verb),
        ] {
            assert!(
                kinds(lemma, pos).contains(&("conflict", Status::Asserted)),
                "{lemma} {pos:?}: {:?}",
                kinds(lemma, pos)
            );
        }
        let invasion = only("invasion", TriggerPos::Noun);
        assert!(invasion.preps.iter().any(|p| p == "of"), "{invasion:?}");
        assert_eq!(
            inv().light_verb("launch", "attack").unwrap().kind,
            "conflict"
        );
        assert_eq!(inv().phrasal("crack", "down")[0].kind, "conflict");
    }

    #[test]
    fn generic_verbs_are_not_triggers_alone() {
        for verb in [
            "say", "tell", "go", "take", "give", "make", "get", "have", "be", "do", "come", "put",
            "set", "hold", "see", "call", "send", "bring", "keep",
        ] {
            assert!(inv().lookup(verb, TriggerPos::Verb).is_empty(), "{verb}");
        }
        // ...but they count in informative patterns.
        assert_eq!(inv().light_verb("give", "aid").unwrap().kind, "cooperation");
        assert_eq!(inv().light_verb("make", "deal").unwrap().category, "AGREE");
        let talks = inv().light_verb("hold", "talks").unwrap();
        assert_eq!(
            (talks.kind.as_str(), talks.category.as_str()),
            ("cooperation", "CONSULT")
        );
        assert!(inv().light_verb("give", "speech").is_none());
        // Investigating (CAMEO 09) is not a relation.
        assert!(inv().lookup("investigate", TriggerPos::Verb).is_empty());
    }

    #[test]
    fn threats_are_mistrust_not_the_threatened_act() {
        let e = only("threaten", TriggerPos::Verb);
        assert_eq!((e.kind.as_str(), e.status), ("mistrust", Status::Threat));
        assert_eq!(e.category, "THREATEN");
        assert!(!e.is_asserted());
        let threat = inv().lookup("threat", TriggerPos::Noun);
        assert!(
            threat.iter().all(|e| e.status == Status::Threat),
            "{threat:?}"
        );
        let warn = only("warn", TriggerPos::Verb);
        assert_eq!(warn.status, Status::Threat);
    }

    #[test]
    fn proposals_offers_and_appeals_are_not_asserted_cooperation() {
        for (lemma, pos) in [
            ("propose", TriggerPos::Verb),
            ("proposal", TriggerPos::Noun),
            ("offer", TriggerPos::Verb),
            ("pledge", TriggerPos::Verb),
            ("appeal", TriggerPos::Verb),
            ("request", TriggerPos::Verb),
            ("demand", TriggerPos::Verb),
        ] {
            let found = inv().lookup(lemma, pos);
            assert!(!found.is_empty(), "{lemma}");
            assert!(found.iter().all(|e| !e.is_asserted()), "{lemma}: {found:?}");
        }
        assert_eq!(only("propose", TriggerPos::Verb).status, Status::Appeal);
        assert_eq!(only("offer", TriggerPos::Verb).status, Status::Intent);
        assert_eq!(only("demand", TriggerPos::Verb).status, Status::Appeal);
    }

    #[test]
    fn cooperation_and_mistrust_words_with_both_spellings() {
        for (lemma, pos, kind) in [
            ("cooperate", TriggerPos::Verb, "cooperation"),
            ("cooperation", TriggerPos::Noun, "cooperation"),
            ("cooperative", TriggerPos::Adj, "cooperation"),
            ("agreement", TriggerPos::Noun, "cooperation"),
            ("negotiation", TriggerPos::Noun, "cooperation"),
            ("talks", TriggerPos::Noun, "cooperation"),
            ("alliance", TriggerPos::Noun, "cooperation"),
            ("allied", TriggerPos::Adj, "cooperation"),
            ("support", TriggerPos::Noun, "cooperation"),
            ("supportive", TriggerPos::Adj, "cooperation"),
            ("criticise", TriggerPos::Verb, "mistrust"),
            ("criticize", TriggerPos::Verb, "mistrust"),
            ("criticism", TriggerPos::Noun, "mistrust"),
            ("critical", TriggerPos::Adj, "mistrust"),
            ("accusation", TriggerPos::Noun, "mistrust"),
            ("condemnation", TriggerPos::Noun, "mistrust"),
            ("tensions", TriggerPos::Noun, "mistrust"),
            ("rift", TriggerPos::Noun, "mistrust"),
            ("suspicious", TriggerPos::Adj, "mistrust"),
            ("angry", TriggerPos::Adj, "mistrust"),
            ("mobilise", TriggerPos::Verb, "mistrust"),
            ("mobilize", TriggerPos::Verb, "mistrust"),
            ("defence", TriggerPos::Noun, "cooperation"),
            ("defense", TriggerPos::Noun, "cooperation"),
        ] {
            let found = inv().lookup(lemma, pos);
            assert!(
                found.iter().any(|e| e.kind == kind && e.is_asserted()),
                "{lemma} {pos:?}: {found:?}"
            );
        }
        let concern = only("concern", TriggerPos::Noun);
        assert!(concern.preps.iter().any(|p| p == "over"), "{concern:?}");
        // Case-insensitive.
        assert_eq!(
            inv().lookup("Sanctions", TriggerPos::Noun)[0].kind,
            "sanctions"
        );
    }

    #[test]
    fn cutting_ones_own_ties_is_a_punitive_measure() {
        // Guideline: punitive diplomatic measures are sanctions; straining or postponing is not.
        for (verb, noun) in [
            ("cut", "tie"),
            ("sever", "tie"),
            ("recall", "ambassador"),
            ("close", "embassy"),
            ("downgrade", "relation"),
        ] {
            let e = inv().light_verb(verb, noun).expect(verb);
            assert_eq!(e.kind, "sanctions", "{verb} {noun}");
            assert!(e.preps.iter().any(|p| p == "with"), "{verb} {noun}: {e:?}");
        }
        for (verb, noun) in [("strain", "relation"), ("postpone", "talk")] {
            let e = inv().light_verb(verb, noun).expect(verb);
            assert_eq!(e.kind, "mistrust", "{verb} {noun}");
        }
    }

    #[test]
    fn preposition_bound_readings() {
        let sided: Vec<_> = inv()
            .with_prep("side", TriggerPos::Verb, "with")
            .map(|e| e.kind.as_str())
            .collect();
        assert_eq!(sided, vec!["cooperation"]);
        assert_eq!(
            inv().with_prep("side", TriggerPos::Verb, "against").count(),
            0
        );
        assert!(inv().lookup("side", TriggerPos::Verb).is_empty());
    }

    /// A token of a hand-parsed sentence: lemma, UPOS, dependency relation, head index.
    type Tok = (&'static str, &'static str, &'static str, usize);

    /// The coding stage in miniature: a light-verb pattern with the object, else a phrasal
    /// verb with its particle, else the lemma alone; objects of a matched light verb are used
    /// up. Returns (lemma, kind, status) of every trigger.
    fn code(sentence: &[Tok]) -> Vec<(&'static str, String, Status)> {
        let pos = |upos: &str| match upos {
            "VERB" => Some(TriggerPos::Verb),
            "NOUN" => Some(TriggerPos::Noun),
            "ADJ" => Some(TriggerPos::Adj),
            _ => None,
        };
        let child = |head: usize, rel: &str| {
            sentence
                .iter()
                .enumerate()
                .find(|(_, t)| t.3 == head && t.2 == rel)
                .map(|(i, t)| (i, t.0))
        };
        let mut used = vec![false; sentence.len()];
        let mut out = Vec::new();
        for (i, &(lemma, upos, _, _)) in sentence.iter().enumerate() {
            let Some(p) = pos(upos) else { continue };
            if used[i] {
                continue;
            }
            let particle = child(i, "compound:prt").map(|(_, l)| l);
            if p == TriggerPos::Verb
                && let Some((j, obj)) = child(i, "obj")
                && let Some(e) = inv().light_verb_particle(lemma, particle, obj)
            {
                used[j] = true;
                out.push((lemma, e.kind.clone(), e.status));
                continue;
            }
            let found = match particle {
                Some(prt) => inv().phrasal(lemma, prt),
                None => inv().lookup(lemma, p),
            };
            if let Some(e) = found.first() {
                out.push((lemma, e.kind.clone(), e.status));
            }
        }
        out
    }

    #[test]
    fn coding_hand_parsed_sentences() {
        use Status::*;
        // "The EU imposed new sanctions on Russian banks."
        let s: &[Tok] = &[
            ("the", "DET", "det", 1),
            ("EU", "PROPN", "nsubj", 2),
            ("impose", "VERB", "root", 2),
            ("new", "ADJ", "amod", 4),
            ("sanction", "NOUN", "obj", 2),
            ("on", "ADP", "case", 7),
            ("russian", "ADJ", "amod", 7),
            ("bank", "NOUN", "nmod", 4),
        ];
        assert_eq!(code(s), vec![("impose", "sanctions".to_string(), Asserted)]);
        // "Beijing said it would offer humanitarian aid to Kabul."
        let s: &[Tok] = &[
            ("Beijing", "PROPN", "nsubj", 1),
            ("say", "VERB", "root", 1),
            ("it", "PRON", "nsubj", 4),
            ("would", "AUX", "aux", 4),
            ("offer", "VERB", "ccomp", 1),
            ("humanitarian", "ADJ", "amod", 6),
            ("aid", "NOUN", "obj", 4),
        ];
        let coded = code(s);
        assert!(coded.iter().all(|(l, _, _)| *l != "say"), "{coded:?}");
        assert_eq!(coded[0].0, "offer");
        assert_eq!(coded[0].2, Intent, "{coded:?}");
        // "Tokyo warned Pyongyang": a threat, mistrust from Tokyo to Pyongyang; whatever it
        // threatens ("of sanctions") is for the coder to scope under the threat.
        let s: &[Tok] = &[
            ("Tokyo", "PROPN", "nsubj", 1),
            ("warn", "VERB", "root", 1),
            ("Pyongyang", "PROPN", "obj", 1),
        ];
        assert_eq!(code(s), vec![("warn", "mistrust".to_string(), Threat)]);
        // "Police cracked down on the protest; the two sides held talks."
        let s: &[Tok] = &[
            ("police", "NOUN", "nsubj", 1),
            ("crack", "VERB", "root", 1),
            ("down", "ADP", "compound:prt", 1),
            ("side", "NOUN", "nsubj", 4),
            ("hold", "VERB", "conj", 1),
            ("talk", "NOUN", "obj", 4),
        ];
        assert_eq!(
            code(s),
            vec![
                ("crack", "conflict".to_string(), Asserted),
                ("hold", "cooperation".to_string(), Asserted),
            ]
        );
        // "Tensions between Ankara and Athens rose after the invasion."
        let s: &[Tok] = &[
            ("tension", "NOUN", "nsubj", 4),
            ("between", "ADP", "case", 2),
            ("Ankara", "PROPN", "nmod", 0),
            ("Athens", "PROPN", "conj", 2),
            ("rise", "VERB", "root", 4),
            ("invasion", "NOUN", "obl", 4),
        ];
        assert_eq!(
            code(s),
            vec![
                ("tension", "mistrust".to_string(), Asserted),
                ("invasion", "conflict".to_string(), Asserted),
            ]
        );
    }

    #[test]
    fn from_json_reads_the_format_and_refuses_unknown_fields() {
        let inv = TriggerInventory::from_json(
            r#"{"version":1,"entries":[
              {"lemma":"Snub","pos":"VERB","kind":"mistrust","category":"DISAPPROVE","cameo":"111",
               "status":"asserted","preps":[],"object":true,"particle":null,"light":null}]}"#,
        )
        .unwrap();
        assert_eq!(inv.len(), 1);
        assert!(inv.lookup("snub", TriggerPos::Verb)[0].object);
        assert!(inv.lookup("snub", TriggerPos::Noun).is_empty());
        assert!(
            TriggerInventory::from_json(
                r#"{"version":1,"entries":[{"lemma":"x","pos":"VERB","kind":"mistrust",
                "category":"REJECT","cameo":"120","status":"asserted","typo":1}]}"#
            )
            .is_err()
        );
    }
}

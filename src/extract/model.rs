//! The language model: UPOS/XPOS tagger, lemmatizer and labelled dependency parser, its binary
//! format (gzip-compressed, sparse rows of quantised i16 weights) and the built-in model loaded
//! once per process from `assets/models/en.bin.gz` (embedded with `include_bytes!`).
//!
//! Weights: trained on UD English EWT + GUM (CC BY / public-domain genres), CC BY-SA 4.0; see
//! `assets/models/LICENSE.md`.

use std::collections::HashMap;
use std::io::{Read, Write};
use std::sync::LazyLock;

use crate::text::Span;

use super::lemma::Lemmatizer;
use super::{parser, tagger, tokens};

/// Universal part-of-speech tags.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Upos {
    Adj,
    Adp,
    Adv,
    Aux,
    Cconj,
    Det,
    Intj,
    Noun,
    Num,
    Part,
    Pron,
    Propn,
    Punct,
    Sconj,
    Sym,
    Verb,
    X,
}

impl Upos {
    pub const ALL: [Upos; 17] = [
        Upos::Adj,
        Upos::Adp,
        Upos::Adv,
        Upos::Aux,
        Upos::Cconj,
        Upos::Det,
        Upos::Intj,
        Upos::Noun,
        Upos::Num,
        Upos::Part,
        Upos::Pron,
        Upos::Propn,
        Upos::Punct,
        Upos::Sconj,
        Upos::Sym,
        Upos::Verb,
        Upos::X,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Upos::Adj => "ADJ",
            Upos::Adp => "ADP",
            Upos::Adv => "ADV",
            Upos::Aux => "AUX",
            Upos::Cconj => "CCONJ",
            Upos::Det => "DET",
            Upos::Intj => "INTJ",
            Upos::Noun => "NOUN",
            Upos::Num => "NUM",
            Upos::Part => "PART",
            Upos::Pron => "PRON",
            Upos::Propn => "PROPN",
            Upos::Punct => "PUNCT",
            Upos::Sconj => "SCONJ",
            Upos::Sym => "SYM",
            Upos::Verb => "VERB",
            Upos::X => "X",
        }
    }

    /// The tag named `s` (`"NOUN"` ...); unknown names give `X`.
    pub fn parse(s: &str) -> Upos {
        Upos::ALL
            .iter()
            .copied()
            .find(|u| u.as_str() == s)
            .unwrap_or(Upos::X)
    }

    pub(crate) fn index(self) -> u8 {
        Upos::ALL.iter().position(|&u| u == self).unwrap_or(16) as u8
    }

    pub(crate) fn from_index(i: u8) -> Upos {
        Upos::ALL.get(i as usize).copied().unwrap_or(Upos::X)
    }
}

/// One analysed word of a sentence.
#[derive(Debug, Clone)]
pub struct Word {
    /// Byte span in the article text.
    pub span: Span,
    pub form: String,
    /// Lower-case lemma.
    pub lemma: String,
    pub upos: Upos,
    /// Penn Treebank tag (`VBD`, `VBN`, `MD`, `NNS` ...).
    pub xpos: String,
    /// Index of the head in the sentence's words; `None` for the root.
    pub head: Option<usize>,
    /// Full UD relation with subtype (`nsubj:pass`, `obl:agent`, `nmod:poss` ...).
    pub deprel: &'static str,
}

impl Word {
    /// A past participle (`VBN`): "was *blacklisted*", "has *imposed*".
    pub fn is_past_participle(&self) -> bool {
        self.xpos == "VBN"
    }
    /// A finite past-tense verb (`VBD`).
    pub fn is_past_tense(&self) -> bool {
        self.xpos == "VBD"
    }
    /// A modal (`MD`: will, would, may, could ...).
    pub fn is_modal(&self) -> bool {
        self.xpos == "MD"
    }
}

/// VBD/VBN from the tree: a participle with a subject and no auxiliary or copula is a past
/// tense ("The U.S. *imposed* sanctions"); a past tense with a passive or perfect auxiliary is a
/// participle ("sanctions were *imposed*"). The greedy tagger confuses the two; the parse sees
/// the auxiliaries.
fn fix_participles(words: &mut [Word]) {
    for i in 0..words.len() {
        if words[i].upos != Upos::Verb || !matches!(words[i].xpos.as_str(), "VBD" | "VBN") {
            continue;
        }
        let kids = || words.iter().filter(move |w| w.head == Some(i));
        let subj = kids().any(|w| w.deprel == "nsubj");
        let aux = kids().any(|w| matches!(w.deprel, "aux" | "aux:pass" | "cop"));
        let perfect_or_passive = kids().any(|w| {
            w.deprel == "aux:pass"
                || (w.deprel == "aux" && matches!(w.lemma.as_str(), "have" | "be"))
        });
        if words[i].xpos == "VBN" && subj && !aux {
            words[i].xpos = "VBD".into();
        } else if words[i].xpos == "VBD" && perfect_or_passive {
            words[i].xpos = "VBN".into();
        }
    }
}

/// Every basic-tree relation of UD English (EWT + GUM); labels are mapped onto these so that
/// `Word::deprel` can be `&'static str`.
pub(crate) const DEPRELS: &[&str] = &[
    "acl",
    "acl:relcl",
    "advcl",
    "advcl:relcl",
    "advmod",
    "amod",
    "appos",
    "aux",
    "aux:pass",
    "case",
    "cc",
    "cc:preconj",
    "ccomp",
    "compound",
    "compound:prt",
    "conj",
    "cop",
    "csubj",
    "csubj:outer",
    "csubj:pass",
    "dep",
    "det",
    "det:predet",
    "discourse",
    "dislocated",
    "expl",
    "fixed",
    "flat",
    "goeswith",
    "iobj",
    "list",
    "mark",
    "nmod",
    "nmod:desc",
    "nmod:poss",
    "nmod:unmarked",
    "nsubj",
    "nsubj:outer",
    "nsubj:pass",
    "nummod",
    "obj",
    "obl",
    "obl:agent",
    "obl:unmarked",
    "orphan",
    "parataxis",
    "punct",
    "reparandum",
    "root",
    "vocative",
    "xcomp",
    "det:poss",
    "nmod:npmod",
    "nmod:tmod",
    "obl:npmod",
    "obl:tmod",
    "flat:foreign",
    "compound:redup",
];

/// The static name of a relation (`"dep"` when unknown).
pub(crate) fn static_deprel(s: &str) -> &'static str {
    DEPRELS.iter().copied().find(|&d| d == s).unwrap_or("dep")
}

// ---------------------------------------------------------------------------------------------
// Feature hashing

/// Mix two 64-bit values (feature template ids, word hashes, tags) into one feature key.
#[inline(always)]
pub(crate) fn mix(a: u64, b: u64) -> u64 {
    let x = (a ^ b.wrapping_mul(0x9E37_79B9_7F4A_7C15)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x ^ (x >> 29)
}

/// Hash of a string's bytes (FxHash-style, no allocation).
#[inline]
pub(crate) fn hash_str(s: &str) -> u64 {
    let mut h: u64 = 0x0051_7CC1_B727_220A;
    for &b in s.as_bytes() {
        h = (h.rotate_left(5) ^ u64::from(b)).wrapping_mul(0x517C_C1B7_2722_0A95);
    }
    mix(h, s.len() as u64)
}

/// Scores every class of a classifier for one set of features.
pub(crate) trait Scorer {
    fn nclass(&self) -> usize;
    /// `out` (length `nclass`) is overwritten with the class scores.
    fn score(&self, feats: &[u64], out: &mut [f32]);
}

/// One slot of the open-addressing table: the feature's key and where its row starts in
/// `entries`. Rows are stored in slot order, so a row ends where the next slot's starts (empty
/// slots carry the start of the next row); one 8-byte slot per feature keeps a lookup to one
/// cache line for the slot and one for the row.
#[derive(Debug, Clone, Copy, Default)]
struct Slot {
    key: u32,
    start: u32,
}

/// One non-zero weight of a feature's row.
#[derive(Debug, Clone, Copy)]
struct Entry {
    cls: u16,
    w: i16,
}

/// Inference weights of one averaged-perceptron classifier: feature key -> sparse row of
/// quantised weights, in an open-addressing table (linear probing, key 0 = empty). Keys are the
/// high 32 bits of the 64-bit feature hashes (a few million features: collisions are rare and
/// harmless, and the keys compress to ~2 bytes each).
#[derive(Debug, Clone, Default)]
pub(crate) struct Weights {
    nclass: usize,
    mask: usize,
    /// `mask + 2` slots: the last is a sentinel whose `start` is `entries.len()`.
    slots: Vec<Slot>,
    entries: Vec<Entry>,
}

#[inline(always)]
fn short_key(k: u64) -> u32 {
    let k = (k >> 32) as u32;
    if k == 0 { 1 } else { k }
}

/// Most classes a classifier may have (scores accumulate in a fixed array).
pub(crate) const MAX_CLASSES: usize = 256;

impl Weights {
    pub(crate) fn empty(nclass: usize) -> Weights {
        Weights {
            nclass,
            mask: 0,
            slots: vec![Slot::default(); 2],
            entries: Vec::new(),
        }
    }

    /// From rows of float weights (sorted by key, non-empty rows): quantised to i16.
    pub(crate) fn from_rows(nclass: usize, rows: &[(u64, Vec<(u16, f32)>)]) -> Weights {
        let max = rows
            .iter()
            .flat_map(|(_, r)| r.iter().map(|&(_, w)| w.abs()))
            .fold(0f32, f32::max);
        let scale = if max > 0.0 { 32767.0 / max } else { 1.0 };
        let mut keys = Vec::with_capacity(rows.len());
        let mut lens = Vec::with_capacity(rows.len());
        let mut flat = Vec::new();
        for (k, r) in rows {
            let before = flat.len();
            flat.extend(
                r.iter()
                    .map(|&(c, w)| Entry {
                        cls: c,
                        w: (w * scale).round() as i16,
                    })
                    .filter(|e| e.w != 0),
            );
            if flat.len() > before {
                keys.push(short_key(*k));
                lens.push((flat.len() - before) as u32);
            }
        }
        Self::build(nclass, &keys, &lens, &flat)
    }

    /// The table for rows given as keys, row lengths and the rows' entries one after another.
    fn build(nclass: usize, keys: &[u32], lens: &[u32], flat: &[Entry]) -> Weights {
        let cap = (keys.len() * 3 / 2 + 1).next_power_of_two().max(2);
        let mask = cap - 1;
        // place the keys; `row[i]` = index of the row in slot i
        let mut key_at = vec![0u32; cap];
        let mut row_at = vec![u32::MAX; cap];
        for (r, &key) in keys.iter().enumerate() {
            let mut i = (key as usize) & mask;
            while key_at[i] != 0 && key_at[i] != key {
                i = (i + 1) & mask;
            }
            if key_at[i] == key {
                continue; // duplicate key: keep the first
            }
            key_at[i] = key;
            row_at[i] = r as u32;
        }
        let mut offs = Vec::with_capacity(lens.len());
        let mut o = 0usize;
        for &l in lens {
            offs.push(o);
            o += l as usize;
        }
        let mut slots = Vec::with_capacity(cap + 1);
        let mut entries = Vec::with_capacity(flat.len());
        for i in 0..cap {
            slots.push(Slot {
                key: key_at[i],
                start: entries.len() as u32,
            });
            if row_at[i] != u32::MAX {
                let r = row_at[i] as usize;
                entries.extend_from_slice(&flat[offs[r]..offs[r] + lens[r] as usize]);
            }
        }
        slots.push(Slot {
            key: 0,
            start: entries.len() as u32,
        });
        Weights {
            nclass,
            mask,
            slots,
            entries,
        }
    }

    /// Number of features with a row.
    pub(crate) fn len(&self) -> usize {
        self.slots.iter().filter(|s| s.key != 0).count()
    }

    /// Number of weights.
    pub(crate) fn weights(&self) -> usize {
        self.entries.len()
    }

    /// Bytes held in memory.
    pub(crate) fn memory(&self) -> usize {
        self.slots.len() * std::mem::size_of::<Slot>()
            + self.entries.len() * std::mem::size_of::<Entry>()
    }

    /// The row of slot `i`.
    #[inline(always)]
    fn slot_row(&self, i: usize) -> (u32, u32) {
        (self.slots[i].start, self.slots[i + 1].start)
    }

    /// The slot holding `key`, probing from `i` (whose slot was already loaded as `s`).
    #[inline(always)]
    fn find(&self, key: u32, mut i: usize, mut s: Slot) -> Option<usize> {
        loop {
            if s.key == key {
                return Some(i);
            }
            if s.key == 0 {
                return None;
            }
            i = (i + 1) & self.mask;
            s = self.slots[i];
        }
    }

    fn rows(&self) -> impl Iterator<Item = (u32, &[Entry])> {
        (0..self.slots.len() - 1)
            .filter(|&i| self.slots[i].key != 0)
            .map(|i| {
                let (a, b) = self.slot_row(i);
                (self.slots[i].key, &self.entries[a as usize..b as usize])
            })
    }

    fn write(&self, w: &mut Vec<u8>) {
        let mut rows: Vec<(u32, &[Entry])> = self.rows().collect();
        rows.sort_by_key(|r| r.0);
        put_u32(w, self.nclass as u32);
        put_u32(w, rows.len() as u32);
        let mut prev = 0u64;
        for (k, _) in &rows {
            let k = u64::from(*k);
            put_varint(w, k - prev);
            prev = k;
        }
        for (_, r) in &rows {
            put_varint(w, r.len() as u64);
        }
        for (_, r) in &rows {
            let mut pc = 0u16;
            for e in r.iter() {
                // classes ascending within a row: delta-coded
                put_varint(w, u64::from(e.cls.wrapping_sub(pc)));
                pc = e.cls;
            }
        }
        for (_, r) in &rows {
            for e in r.iter() {
                w.extend_from_slice(&e.w.to_le_bytes());
            }
        }
    }

    fn read(r: &mut Reader) -> Result<Weights, String> {
        let nclass = r.u32()? as usize;
        if nclass > MAX_CLASSES {
            return Err("too many classes".into());
        }
        let n = r.u32()? as usize;
        let mut keys = Vec::with_capacity(n.min(1 << 24));
        let mut prev = 0u64;
        for _ in 0..n {
            prev = prev.wrapping_add(r.varint()?);
            keys.push(short_key(prev << 32));
        }
        let mut lens = Vec::with_capacity(keys.len());
        for _ in 0..n {
            lens.push(r.varint()? as u32);
        }
        let total: usize = lens.iter().map(|&l| l as usize).sum();
        let mut flat = Vec::with_capacity(total.min(1 << 26));
        for &l in &lens {
            let mut pc = 0u16;
            for _ in 0..l {
                pc = pc.wrapping_add(r.varint()? as u16);
                if pc as usize >= nclass {
                    return Err("class out of range".into());
                }
                flat.push(Entry { cls: pc, w: 0 });
            }
        }
        let ws = r.bytes(total.checked_mul(2).ok_or("overflow")?)?;
        for (e, b) in flat.iter_mut().zip(ws.chunks_exact(2)) {
            e.w = i16::from_le_bytes([b[0], b[1]]);
        }
        Ok(Self::build(nclass, &keys, &lens, &flat))
    }
}

/// Features scored per batch: their slots are loaded together so the cache misses overlap.
const BATCH: usize = 32;

impl Scorer for Weights {
    fn nclass(&self) -> usize {
        self.nclass
    }
    #[inline]
    fn score(&self, feats: &[u64], out: &mut [f32]) {
        let mut acc = [0i32; MAX_CLASSES];
        let mut home = [Slot::default(); BATCH];
        let mut idx = [0usize; BATCH];
        let mut ranges = [(0u32, 0u32); BATCH];
        for chunk in feats.chunks(BATCH) {
            // 1. the home slots, independent loads
            for (j, &f) in chunk.iter().enumerate() {
                let i = (short_key(f) as usize) & self.mask;
                idx[j] = i;
                home[j] = self.slots[i];
            }
            // 2. resolve to row ranges
            let mut nr = 0;
            for (j, &f) in chunk.iter().enumerate() {
                if let Some(i) = self.find(short_key(f), idx[j], home[j]) {
                    ranges[nr] = self.slot_row(i);
                    nr += 1;
                }
            }
            // 3. the first weight of each row (independent loads again), then the rest
            for &(a, _) in &ranges[..nr] {
                let e = self.entries[a as usize];
                acc[(e.cls & 0xff) as usize] += i32::from(e.w);
            }
            for &(a, b) in &ranges[..nr] {
                for e in &self.entries[a as usize + 1..b as usize] {
                    acc[(e.cls & 0xff) as usize] += i32::from(e.w);
                }
            }
        }
        for (o, a) in out.iter_mut().zip(&acc[..self.nclass.min(MAX_CLASSES)]) {
            *o = *a as f32;
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Binary helpers

pub(crate) fn put_u32(w: &mut Vec<u8>, v: u32) {
    w.extend_from_slice(&v.to_le_bytes());
}
pub(crate) fn put_varint(w: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        w.push((v as u8) | 0x80);
        v >>= 7;
    }
    w.push(v as u8);
}
pub(crate) fn put_str(w: &mut Vec<u8>, s: &str) {
    put_varint(w, s.len() as u64);
    w.extend_from_slice(s.as_bytes());
}

pub(crate) struct Reader<'a> {
    data: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    pub(crate) fn new(data: &'a [u8]) -> Self {
        Reader { data, pos: 0 }
    }
    pub(crate) fn bytes(&mut self, n: usize) -> Result<&'a [u8], String> {
        let end = self.pos.checked_add(n).ok_or("overflow")?;
        let b = self.data.get(self.pos..end).ok_or("truncated model")?;
        self.pos = end;
        Ok(b)
    }
    pub(crate) fn u32(&mut self) -> Result<u32, String> {
        let b = self.bytes(4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }
    pub(crate) fn u8(&mut self) -> Result<u8, String> {
        Ok(self.bytes(1)?[0])
    }
    pub(crate) fn varint(&mut self) -> Result<u64, String> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.u8()?;
            v |= u64::from(b & 0x7f) << shift;
            if b < 0x80 {
                return Ok(v);
            }
        }
        Err("bad varint".into())
    }
    pub(crate) fn str(&mut self) -> Result<String, String> {
        let n = self.varint()? as usize;
        String::from_utf8(self.bytes(n)?.to_vec()).map_err(|e| e.to_string())
    }
}

// ---------------------------------------------------------------------------------------------
// The model

/// One tagger class: a (UPOS, XPOS) pair as seen in the treebanks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct TagClass {
    pub upos: Upos,
    pub xpos: String,
}

/// Tagger, lemmatizer and parser.
#[derive(Debug, Clone)]
pub struct Model {
    pub(crate) tags: Vec<TagClass>,
    /// Exact form hash -> tag class, for frequent unambiguous words.
    pub(crate) tagdict: HashMap<u64, u16, std::hash::BuildHasherDefault<KeyHasher>>,
    /// Normalised form hash -> ambiguity class (tag-set hash) of words seen twice or more.
    pub(crate) ambig: tagger::AmbDict,
    pub(crate) tagger: Weights,
    pub(crate) parser: Weights,
    pub(crate) labeller: Weights,
    pub(crate) labels: Vec<&'static str>,
    pub(crate) lemmas: Lemmatizer,
}

/// Identity hasher for keys that are already hashes.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct KeyHasher(u64);
impl std::hash::Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(8) ^ u64::from(b)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        }
    }
    fn write_u64(&mut self, v: u64) {
        self.0 = v;
    }
}

const MAGIC: &[u8; 8] = b"DYADNLP1";

static BUILTIN_BYTES: &[u8] = include_bytes!("../../assets/models/en.bin.gz");

static BUILTIN: LazyLock<Model> = LazyLock::new(|| {
    if BUILTIN_BYTES.is_empty() {
        return Model::empty();
    }
    Model::from_gzip(BUILTIN_BYTES).expect("the built-in model is valid")
});

impl Model {
    /// The built-in model (decoded once per process).
    pub fn builtin() -> &'static Model {
        &BUILTIN
    }

    /// An untrained model (every word a noun, a flat tree): only for bootstrapping.
    pub fn empty() -> Model {
        Model {
            tags: vec![TagClass {
                upos: Upos::Noun,
                xpos: "NN".into(),
            }],
            tagdict: Default::default(),
            ambig: Default::default(),
            tagger: Weights::empty(1),
            parser: Weights::empty(3),
            labeller: Weights::empty(1),
            labels: vec!["dep"],
            lemmas: Lemmatizer::default(),
        }
    }

    /// Tokenize, tag, lemmatize and parse one sentence.
    pub fn parse(&self, text: &str, sentence: Span) -> Vec<Word> {
        let spans = tokens::tokenize(text, sentence);
        self.parse_words(text, &spans)
    }

    /// Tag, lemmatize and parse one sentence given its word spans.
    pub fn parse_words(&self, text: &str, words: &[Span]) -> Vec<Word> {
        let forms: Vec<&str> = words.iter().map(|s| s.text(text)).collect();
        let mut wf: Vec<tagger::WordFeats> = forms.iter().map(|f| tagger::word_feats(f)).collect();
        tagger::set_ambiguity(&mut wf, &self.ambig);
        let mut tags = Vec::with_capacity(forms.len());
        tagger::tag(&self.tagger, &self.tagdict, &wf, &mut tags);
        let ptags: Vec<u16> = tags.clone();
        let (heads, labels) = parser::parse(&self.parser, &self.labeller, &wf, &ptags);
        let mut words: Vec<Word> = forms
            .iter()
            .enumerate()
            .map(|(i, f)| {
                let tc = &self.tags[tags[i] as usize];
                Word {
                    span: words[i],
                    form: (*f).to_owned(),
                    lemma: self.lemmas.lemma(f, tc.upos, &tc.xpos),
                    upos: tc.upos,
                    xpos: tc.xpos.clone(),
                    head: heads[i],
                    deprel: self
                        .labels
                        .get(labels[i] as usize)
                        .copied()
                        .unwrap_or("dep"),
                }
            })
            .collect();
        fix_participles(&mut words);
        words
    }

    /// Bytes held in memory by the weights and tables (approximate).
    pub fn memory_bytes(&self) -> usize {
        self.tagger.memory()
            + self.parser.memory()
            + self.labeller.memory()
            + self.tagdict.capacity() * 24
            + self.ambig.capacity() * 24
            + self.lemmas.memory()
    }

    /// One line per classifier: features, weights, memory.
    pub fn describe(&self) -> String {
        let mut s = String::new();
        for (name, w) in [
            ("tagger", &self.tagger),
            ("parser", &self.parser),
            ("labeller", &self.labeller),
        ] {
            s.push_str(&format!(
                "{name}: {} classes, {} features, {} weights, {:.1} MB\n",
                w.nclass,
                w.len(),
                w.weights(),
                w.memory() as f64 / 1e6
            ));
        }
        s.push_str(&format!(
            "model in memory: {:.1} MB\n",
            self.memory_bytes() as f64 / 1e6
        ));
        s
    }

    /// Number of features with weights: (tagger, parser, labeller).
    pub fn feature_counts(&self) -> (usize, usize, usize) {
        (self.tagger.len(), self.parser.len(), self.labeller.len())
    }

    /// The uncompressed binary form.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut w = Vec::new();
        w.extend_from_slice(MAGIC);
        put_u32(&mut w, self.tags.len() as u32);
        for t in &self.tags {
            w.push(t.upos.index());
            put_str(&mut w, &t.xpos);
        }
        put_u32(&mut w, self.labels.len() as u32);
        for l in &self.labels {
            put_str(&mut w, l);
        }
        let mut dict: Vec<(u64, u16)> = self.tagdict.iter().map(|(&k, &v)| (k, v)).collect();
        dict.sort_unstable();
        put_u32(&mut w, dict.len() as u32);
        for (k, v) in dict {
            w.extend_from_slice(&k.to_le_bytes());
            put_varint(&mut w, u64::from(v));
        }
        let mut amb: Vec<(u64, u64)> = self.ambig.iter().map(|(&k, &v)| (k, v)).collect();
        amb.sort_unstable();
        put_u32(&mut w, amb.len() as u32);
        for (k, v) in amb {
            w.extend_from_slice(&k.to_le_bytes());
            w.extend_from_slice(&v.to_le_bytes());
        }
        self.lemmas.write(&mut w);
        self.tagger.write(&mut w);
        self.parser.write(&mut w);
        self.labeller.write(&mut w);
        w
    }

    pub fn from_bytes(data: &[u8]) -> Result<Model, String> {
        let mut r = Reader::new(data);
        if r.bytes(8)? != MAGIC {
            return Err("not a Dyad model".into());
        }
        let nt = r.u32()? as usize;
        let mut tags = Vec::new();
        for _ in 0..nt {
            let upos = Upos::from_index(r.u8()?);
            tags.push(TagClass {
                upos,
                xpos: r.str()?,
            });
        }
        let nl = r.u32()? as usize;
        let mut labels = Vec::new();
        for _ in 0..nl {
            labels.push(static_deprel(&r.str()?));
        }
        let nd = r.u32()? as usize;
        let mut tagdict: HashMap<u64, u16, _> = HashMap::default();
        for _ in 0..nd {
            let b = r.bytes(8)?;
            let k = u64::from_le_bytes(b.try_into().map_err(|_| "bad key")?);
            let v = r.varint()? as u16;
            if v as usize >= nt {
                return Err("tag out of range".into());
            }
            tagdict.insert(k, v);
        }
        let na = r.u32()? as usize;
        let mut ambig = tagger::AmbDict::default();
        for _ in 0..na {
            let k = u64::from_le_bytes(r.bytes(8)?.try_into().map_err(|_| "bad key")?);
            let v = u64::from_le_bytes(r.bytes(8)?.try_into().map_err(|_| "bad key")?);
            ambig.insert(k, v);
        }
        let lemmas = Lemmatizer::read(&mut r)?;
        let tagger = Weights::read(&mut r)?;
        let parser = Weights::read(&mut r)?;
        let labeller = Weights::read(&mut r)?;
        if tags.is_empty()
            || tagger.nclass() != nt
            || labeller.nclass() != nl
            || (parser.nclass() != 3 && parser.nclass() != 1 + 2 * nl)
        {
            return Err("inconsistent model".into());
        }
        Ok(Model {
            tags,
            tagdict,
            ambig,
            tagger,
            parser,
            labeller,
            labels,
            lemmas,
        })
    }

    /// Gzip-compressed binary form (the format of `assets/models/en.bin.gz`).
    pub fn to_gzip(&self) -> Vec<u8> {
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        enc.write_all(&self.to_bytes()).expect("in-memory write");
        enc.finish().expect("in-memory write")
    }

    pub fn from_gzip(data: &[u8]) -> Result<Model, String> {
        let mut raw = Vec::new();
        flate2::read::GzDecoder::new(data)
            .read_to_end(&mut raw)
            .map_err(|e| e.to_string())?;
        Model::from_bytes(&raw)
    }

    /// Load a model file written by `dyad train-model`.
    pub fn load(path: &std::path::Path) -> Result<Model, String> {
        let data = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
        Model::from_gzip(&data)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weights_roundtrip() {
        let rows = vec![
            (5u64 << 32, vec![(0u16, 1.0f32), (2, -0.5)]),
            (9 << 32, vec![(1, 0.25)]),
        ];
        let w = Weights::from_rows(3, &rows);
        let mut buf = Vec::new();
        w.write(&mut buf);
        let w2 = Weights::read(&mut Reader::new(&buf)).unwrap();
        let mut a = [0f32; 3];
        let mut b = [0f32; 3];
        w.score(&[5 << 32, 9 << 32, 77 << 32], &mut a);
        w2.score(&[5 << 32, 9 << 32, 77 << 32], &mut b);
        assert_eq!(a, b);
        assert!(a[0] > 0.0 && a[2] < 0.0 && a[1] > 0.0);
    }

    #[test]
    fn empty_model_parses_without_panic() {
        let m = Model::empty();
        let text = "Russia imposed sanctions.";
        let w = m.parse(text, Span::new(0, text.len()));
        assert_eq!(w.len(), 4);
        assert_eq!(w.iter().filter(|w| w.head.is_none()).count(), 1);
    }
}

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

/// One slot of the open-addressing table: the feature's key and where its row is. `info` is
/// `start << 8 | len` for a sparse row (`len` entries from `entries[start]`) or
/// `index << 8 | 0xFF` for a dense row (`dense[index * lines ..]`). One 8-byte slot per feature
/// keeps a lookup to one cache line for the slot and one or a few for the row.
#[derive(Debug, Clone, Copy, Default)]
struct Slot {
    key: u32,
    info: u32,
}

const DENSE: u32 = 0xFF;

/// One non-zero weight of a sparse row.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Entry {
    cls: u16,
    w: i16,
}

/// 32 weights of a dense row: one cache line.
#[derive(Debug, Clone, Copy)]
#[repr(align(64))]
struct Line([i16; 32]);

/// Inference weights of one averaged-perceptron classifier: feature key -> row of quantised
/// weights, in an open-addressing table (linear probing, key 0 = empty). Keys are the high 32
/// bits of the 64-bit feature hashes (a few million features: collisions are rare and harmless,
/// and the keys compress to ~2 bytes each). The few features with many non-zero classes (tag
/// and label context: a few percent of the features, most of the lookups) have dense rows
/// that are added without branches; the rest are sparse.
#[derive(Debug, Clone, Default)]
pub(crate) struct Weights {
    nclass: usize,
    mask: usize,
    slots: Vec<Slot>,
    entries: Vec<Entry>,
    /// Cache lines per dense row.
    lines: usize,
    dense: Vec<Line>,
}

#[inline(always)]
fn short_key(k: u64) -> u32 {
    let k = (k >> 32) as u32;
    if k == 0 { 1 } else { k }
}

/// Largest quantised weight magnitude. Scores are summed in saturating i16 lanes (eight to a
/// 128-bit register); at 1/8 of the i16 range, sums of ~90 features stay in range in practice,
/// and the precision is what the averaged weights carry (the EWT/GUM scores did not change
/// against full-range weights summed in i32).
pub(crate) const QMAX: i16 = 4095;

/// Most classes a classifier may have (scores accumulate in a fixed array).
pub(crate) const MAX_CLASSES: usize = 256;

impl Weights {
    pub(crate) fn empty(nclass: usize) -> Weights {
        Self::build(nclass, &[], &[], &[])
    }

    /// From rows of float weights (sorted by key, non-empty rows): quantised to i16 with the
    /// largest magnitude at [`QMAX`].
    pub(crate) fn from_rows(nclass: usize, rows: &[(u64, Vec<(u16, f32)>)]) -> Weights {
        let max = rows
            .iter()
            .flat_map(|(_, r)| r.iter().map(|&(_, w)| w.abs()))
            .fold(0f32, f32::max);
        let scale = if max > 0.0 {
            f32::from(QMAX) / max
        } else {
            1.0
        };
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

    /// Rows with more non-zero classes than this are stored dense.
    fn dense_min(nclass: usize) -> usize {
        (nclass / 4).max(8)
    }

    /// The table for rows given as keys, row lengths and the rows' entries one after another.
    fn build(nclass: usize, keys: &[u32], lens: &[u32], flat: &[Entry]) -> Weights {
        assert!(nclass <= MAX_CLASSES, "too many classes");
        // load factor 1/3-2/3: short probes, also for the many features without weights
        let cap = (keys.len() * 3 / 2 + 1).next_power_of_two().max(2);
        let mask = cap - 1;
        let lines = nclass.div_ceil(32).max(1);
        let dense_min = Self::dense_min(nclass);
        let (mut nsparse, mut ndense) = (0usize, 0usize);
        for &l in lens {
            if l as usize > dense_min {
                ndense += 1;
            } else {
                nsparse += l as usize;
            }
        }
        assert!(nsparse < 1 << 24, "too many weights");
        let mut slots = crate::alloc::huge_vec(cap, Slot::default());
        let mut entries = crate::alloc::huge_vec(nsparse, Entry { cls: 0, w: 0 });
        let mut dense = crate::alloc::huge_vec(ndense * lines, Line([0; 32]));
        let (mut ne, mut nd) = (0usize, 0usize);
        let mut off = 0usize;
        for (&key, &len) in keys.iter().zip(lens) {
            let row = &flat[off..off + len as usize];
            off += len as usize;
            let mut i = (key as usize) & mask;
            while slots[i].key != 0 && slots[i].key != key {
                i = (i + 1) & mask;
            }
            if slots[i].key == key {
                continue; // duplicate key: keep the first
            }
            let info = if row.len() > dense_min {
                for e in row {
                    let c = e.cls as usize;
                    dense[nd * lines + c / 32].0[c % 32] = e.w;
                }
                nd += 1;
                ((nd - 1) as u32) << 8 | DENSE
            } else {
                entries[ne..ne + row.len()].copy_from_slice(row);
                ne += row.len();
                ((ne - row.len()) as u32) << 8 | row.len() as u32
            };
            slots[i] = Slot { key, info };
        }
        entries.truncate(ne);
        dense.truncate(nd * lines);
        Weights {
            nclass,
            mask,
            slots,
            entries,
            lines,
            dense,
        }
    }

    /// Number of features with a row.
    pub(crate) fn len(&self) -> usize {
        self.slots.iter().filter(|s| s.key != 0).count()
    }

    /// Number of non-zero weights.
    pub(crate) fn weights(&self) -> usize {
        self.entries.len()
            + self
                .dense
                .iter()
                .map(|l| l.0.iter().filter(|&&w| w != 0).count())
                .sum::<usize>()
    }

    /// Bytes held in memory.
    pub(crate) fn memory(&self) -> usize {
        self.slots.len() * std::mem::size_of::<Slot>()
            + self.entries.len() * std::mem::size_of::<Entry>()
            + self.dense.len() * std::mem::size_of::<Line>()
    }

    /// The non-zero weights of the row in a slot, classes ascending.
    fn row_entries(&self, s: Slot) -> Vec<Entry> {
        if s.info & 0xFF == DENSE {
            let d = (s.info >> 8) as usize * self.lines;
            (0..self.nclass)
                .map(|c| Entry {
                    cls: c as u16,
                    w: self.dense[d + c / 32].0[c % 32],
                })
                .filter(|e| e.w != 0)
                .collect()
        } else {
            let a = (s.info >> 8) as usize;
            self.entries[a..a + (s.info & 0xFF) as usize].to_vec()
        }
    }

    /// Every row: (key, non-zero weights).
    fn rows(&self) -> impl Iterator<Item = (u32, Vec<Entry>)> + '_ {
        self.slots
            .iter()
            .filter(|s| s.key != 0)
            .map(|&s| (s.key, self.row_entries(s)))
    }

    fn write(&self, w: &mut Vec<u8>) {
        let mut rows: Vec<(u32, Vec<Entry>)> = self.rows().collect();
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

    /// Read a table; `shift` scales version-1 weights down to [`QMAX`].
    fn read(r: &mut Reader, shift: u32) -> Result<Weights, String> {
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
            let l = r.varint()?;
            if l as usize > nclass {
                return Err("row too long".into());
            }
            lens.push(l as u32);
        }
        let total: usize = lens.iter().map(|&l| l as usize).sum();
        if total >= 1 << 24 {
            return Err("too many weights".into());
        }
        let mut flat = Vec::with_capacity(total);
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
        let ws = r.bytes(total * 2)?;
        for (e, b) in flat.iter_mut().zip(ws.chunks_exact(2)) {
            e.w = i16::from_le_bytes([b[0], b[1]]);
        }
        if shift > 0 {
            for e in &mut flat {
                e.w = ((i32::from(e.w) + (1 << (shift - 1))) >> shift) as i16;
            }
            // rows left without weights keep an empty row: harmless
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
        let mut acc = [0i16; MAX_CLASSES];
        let mut home = [Slot::default(); BATCH];
        let mut idx = [0usize; BATCH];
        let mut found = [0u32; BATCH];
        let lines = self.lines;
        for chunk in feats.chunks(BATCH) {
            // 1. the home slots, independent loads
            for (j, &f) in chunk.iter().enumerate() {
                let i = (short_key(f) as usize) & self.mask;
                idx[j] = i;
                home[j] = self.slots[i];
            }
            // 2. probe to the feature's slot
            let mut nf = 0;
            for (j, &f) in chunk.iter().enumerate() {
                let key = short_key(f);
                let (mut i, mut s) = (idx[j], home[j]);
                while s.key != key && s.key != 0 {
                    i = (i + 1) & self.mask;
                    s = self.slots[i];
                }
                if s.key == key {
                    found[nf] = s.info;
                    nf += 1;
                }
            }
            // 3. touch each row's first line (independent loads again)
            let mut touch = 0i16;
            for &info in &found[..nf] {
                touch ^= if info & 0xFF == DENSE {
                    self.dense[(info >> 8) as usize * lines].0[0]
                } else {
                    self.entries[(info >> 8) as usize].w
                };
            }
            std::hint::black_box(touch);
            // 4. accumulate (saturating: the weights are scaled so sums rarely reach the bounds)
            for &info in &found[..nf] {
                let a = (info >> 8) as usize;
                if info & 0xFF == DENSE {
                    for (k, line) in self.dense[a * lines..(a + 1) * lines].iter().enumerate() {
                        let acc = &mut acc[k * 32..k * 32 + 32];
                        for (x, &w) in acc.iter_mut().zip(&line.0) {
                            *x = x.saturating_add(w);
                        }
                    }
                } else {
                    for e in &self.entries[a..a + (info & 0xFF) as usize] {
                        let x = &mut acc[(e.cls & 0xff) as usize];
                        *x = x.saturating_add(e.w);
                    }
                }
            }
        }
        for (o, a) in out.iter_mut().zip(&acc[..self.nclass]) {
            *o = f32::from(*a);
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
    #[inline]
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
    #[inline]
    pub(crate) fn u8(&mut self) -> Result<u8, String> {
        Ok(self.bytes(1)?[0])
    }
    #[inline]
    pub(crate) fn varint(&mut self) -> Result<u64, String> {
        match self.data.get(self.pos) {
            Some(&b) if b < 0x80 => {
                self.pos += 1;
                Ok(u64::from(b))
            }
            _ => self.varint_long(),
        }
    }
    fn varint_long(&mut self) -> Result<u64, String> {
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

/// Model file magic: version 2 stores weights quantised to [`QMAX`]; version 1 (full i16
/// range) is still read, its weights scaled down on loading.
const MAGIC: &[u8; 8] = b"DYADNLP2";
const MAGIC_V1: &[u8; 8] = b"DYADNLP1";

static BUILTIN_BYTES: &[u8] = include_bytes!("../../assets/models/en.bin.gz");

static BUILTIN: LazyLock<Model> = LazyLock::new(|| {
    if BUILTIN_BYTES.is_empty() {
        return Model::empty();
    }
    let mut m = Model::from_gzip(BUILTIN_BYTES).expect("the built-in model is valid");
    // The trigger inventory's verbs are known verbs: "severed" is "sever", not the
    // treebank's adjective "severe".
    m.lemmas.learn_verbs(
        super::triggers::TriggerInventory::builtin()
            .entries()
            .filter(|e| e.pos == super::triggers::TriggerPos::Verb)
            .map(|e| e.lemma.as_str()),
    );
    crate::alloc::trim(); // the decoding buffers
    m
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
        // the tagger and parser read an all-capitals sentence in ordinary case
        let cased = self.truecase(&forms);
        let read: Vec<&str> = match &cased {
            Some(c) => c.iter().map(String::as_str).collect(),
            None => forms.clone(),
        };
        let mut wf: Vec<tagger::WordFeats> = read.iter().map(|f| tagger::word_feats(f)).collect();
        tagger::set_ambiguity(&mut wf, &self.ambig);
        let mut tags = Vec::with_capacity(forms.len());
        tagger::tag(&self.tagger, &self.tagdict, &wf, &mut tags);
        self.verbless_headline(&read, &mut tags);
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

    /// A headline or clause tagged without any verb ("Turkey and Syria exchange fire across
    /// the border", "exchange" read as a noun): the first lower-case noun right after a name
    /// that is a known event verb ("exchange", "freezes") becomes a present-tense verb, so
    /// that the parse has a predicate.
    /// An all-capitals sentence (old wire copy, broadcast scripts, headlines) in the case
    /// the tagger was trained on: every word in lower case is tagged once, and a word that is
    /// no common word of the treebanks and is read as a proper noun, or as a singular noun
    /// they never saw, is capitalised again (so is the first word). A title-case headline
    /// (every word of four letters or more capitalised, at least four, one read as a verb) is
    /// read the same way, its acronyms kept. `None` for other sentences: fewer than four words, or fewer than 80%
    /// of them in capitals.
    fn truecase(&self, forms: &[&str]) -> Option<Vec<String>> {
        // words of two letters or more (and how many in capitals); words of four or more (and
        // how many capitalised: a title-case headline has them all)
        let (mut lettered, mut caps, mut long, mut long_up) = (0, 0, 0, 0);
        for f in forms {
            let letters = f.chars().filter(|c| c.is_alphabetic()).count();
            if letters >= 2 {
                lettered += 1;
                caps += usize::from(!f.chars().any(char::is_lowercase));
            }
            if letters >= 4 {
                long += 1;
                long_up += usize::from(f.starts_with(|c: char| c.is_uppercase()));
            }
        }
        let title = long >= 4 && long_up == long;
        let all_caps = lettered >= 4 && caps * 10 >= lettered * 8;
        if !all_caps && !title {
            return None;
        }
        let capitalise = |w: &str| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_uppercase().chain(c).collect::<String>())
                .unwrap_or_default()
        };
        let low: Vec<String> = forms.iter().map(|f| f.to_lowercase()).collect();
        let mut wf: Vec<tagger::WordFeats> = low.iter().map(|f| tagger::word_feats(f)).collect();
        tagger::set_ambiguity(&mut wf, &self.ambig);
        let mut tags = Vec::with_capacity(low.len());
        tagger::tag(&self.tagger, &self.tagdict, &wf, &mut tags);
        // a title-case line without a verb is a name, a byline or a list, not a headline
        if !all_caps
            && !tags
                .iter()
                .any(|&t| matches!(self.tags[t as usize].upos, Upos::Verb))
        {
            return None;
        }
        Some(
            forms
                .iter()
                .enumerate()
                .map(|(i, f)| {
                    // ordinary words, and an acronym in a title-case headline, stay
                    let upper = !f.chars().any(char::is_lowercase);
                    let capitalised = f.starts_with(|c: char| c.is_uppercase())
                        && !f.chars().skip(1).any(char::is_uppercase);
                    let recase = if all_caps { upper } else { capitalised };
                    if !recase || !f.chars().any(char::is_alphabetic) {
                        return (*f).to_owned();
                    }
                    let tc = &self.tags[tags[i] as usize];
                    // an unseen singular noun is most often a name ("TOGO", "OCALAN")
                    let common = [(Upos::Noun, "NN"), (Upos::Verb, "VBD"), (Upos::Adj, "JJ")]
                        .iter()
                        .any(|&(u, x)| self.lemmas.common_lemma(&self.lemmas.lemma(&low[i], u, x)));
                    let name =
                        !common && (tc.upos == Upos::Propn || (wf[i].amb == 0 && tc.xpos == "NN"));
                    if i == 0 || name {
                        capitalise(&low[i])
                    } else {
                        low[i].clone()
                    }
                })
                .collect(),
        )
    }

    fn verbless_headline(&self, forms: &[&str], tags: &mut [u16]) {
        let class = |i: usize| &self.tags[tags[i] as usize];
        if forms.len() < 3
            || (0..forms.len()).any(|i| matches!(class(i).upos, Upos::Verb | Upos::Aux))
        {
            return;
        }
        let Some(i) = (1..forms.len() - 1).find(|&i| {
            class(i).upos == Upos::Noun
                && class(i - 1).upos == Upos::Propn
                && matches!(
                    class(i + 1).upos,
                    Upos::Noun | Upos::Propn | Upos::Det | Upos::Adj | Upos::Num
                )
                && forms[i].starts_with(|c: char| c.is_ascii_lowercase())
                && self
                    .lemmas
                    .knows(&self.lemmas.lemma(forms[i], Upos::Verb, "VBZ"))
        }) else {
            return;
        };
        let xpos = if forms[i].ends_with('s') {
            "VBZ"
        } else {
            "VBP"
        };
        if let Some(k) = self
            .tags
            .iter()
            .position(|t| t.upos == Upos::Verb && t.xpos == xpos)
        {
            tags[i] = k as u16;
        }
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
        let shift = match r.bytes(8)? {
            m if m == MAGIC => 0,
            m if m == MAGIC_V1 => 3,
            _ => return Err("not a Dyad model".into()),
        };
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
        let tagger = Weights::read(&mut r, shift)?;
        let parser = Weights::read(&mut r, shift)?;
        let labeller = Weights::read(&mut r, shift)?;
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
        // the gzip trailer's ISIZE: the uncompressed size (mod 4 GiB), to allocate once
        let isize = data
            .len()
            .checked_sub(4)
            .and_then(|i| data.get(i..))
            .map_or(0, |b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize);
        let mut raw = Vec::with_capacity(isize.min(1 << 30) + 1);
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
        let w2 = Weights::read(&mut Reader::new(&buf), 0).unwrap();
        let mut a = [0f32; 3];
        let mut b = [0f32; 3];
        w.score(&[5 << 32, 9 << 32, 77 << 32], &mut a);
        w2.score(&[5 << 32, 9 << 32, 77 << 32], &mut b);
        assert_eq!(a, b);
        assert!(a[0] > 0.0 && a[2] < 0.0 && a[1] > 0.0);
    }

    #[test]
    fn dense_rows_score_and_roundtrip_like_sparse() {
        // 40 classes: a row with 20 non-zero classes is stored dense, one with 2 sparse
        let dense: Vec<(u16, f32)> = (0..20).map(|c| (c * 2, c as f32 - 9.5)).collect();
        let rows = vec![
            (3u64 << 32, dense),
            (8 << 32, vec![(1u16, 30.0f32), (38, -30.0)]),
        ];
        let w = Weights::from_rows(40, &rows);
        assert!(!w.dense.is_empty() && !w.entries.is_empty());
        let mut a = [0f32; 40];
        w.score(&[3 << 32, 8 << 32], &mut a);
        assert!(a[38] < 0.0 && a[0] < 0.0 && a[1] > 0.0 && a[3] == 0.0);
        let mut buf = Vec::new();
        w.write(&mut buf);
        let w2 = Weights::read(&mut Reader::new(&buf), 0).unwrap();
        let mut b = [0f32; 40];
        w2.score(&[3 << 32, 8 << 32], &mut b);
        assert_eq!(a, b);
        // sums saturate instead of wrapping
        let many = vec![8u64 << 32; 20];
        w.score(&many, &mut a);
        assert_eq!(a[1], f32::from(i16::MAX));
        assert_eq!(a[38], f32::from(i16::MIN));
    }

    #[test]
    fn an_all_capitals_sentence_is_read_in_ordinary_case() {
        let m = Model::builtin();
        let text = "GHANA ACCUSED TOGO OF HARBOURING ARMED DISSIDENTS.";
        let forms: Vec<&str> = text.trim_end_matches('.').split(' ').collect();
        assert_eq!(
            m.truecase(&forms).unwrap(),
            vec![
                "Ghana",
                "accused",
                "Togo",
                "of",
                "harbouring",
                "armed",
                "dissidents"
            ]
        );
        let w = m.parse(text, Span::new(0, text.len()));
        assert_eq!(w[1].form, "ACCUSED");
        assert_eq!(w[1].upos, Upos::Verb);
        assert_eq!(w[2].head, Some(1));
        // a title-case headline too, its acronyms kept
        let forms = ["EU", "Approves", "New", "Sanctions", "Against", "Belarus"];
        assert_eq!(
            m.truecase(&forms).unwrap(),
            vec!["EU", "approves", "new", "sanctions", "against", "Belarus"]
        );
        let forms = [
            "The",
            "United",
            "Nations",
            "Security",
            "Council",
            "condemned",
            "Iran",
        ];
        assert!(m.truecase(&forms).is_none());
        let forms = [
            "Waseem", "Kayani", ",", "Senior", "Fellow", ",", "High", "Wycombe",
        ];
        assert!(m.truecase(&forms).is_none());
        // a headline with a few capitals, or ordinary text, is left as it is
        assert!(
            m.truecase(&["Ghana", "accuses", "Togo", "of", "raids"])
                .is_none()
        );
        assert!(
            m.truecase(&["UN", "SAYS", "aid", "is", "blocked"])
                .is_none()
        );
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

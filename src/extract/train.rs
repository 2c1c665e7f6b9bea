//! Training and evaluation of the tagger and parser on UD English EWT + GUM.
//!
//! Deterministic for a seed: shuffles come from a seeded SplitMix64, feature tables are keyed
//! by hashes (no iteration-order dependence), and the parallel parts (the jackknife taggers
//! that give the parser realistic predicted tags) are independent jobs collected in order.

use std::collections::HashMap;
use std::path::Path;

use rayon::prelude::*;

use super::conllu::{self, Sentence};
use super::lemma::Lemmatizer;
use super::model::{KeyHasher, Model, Scorer, TagClass, Upos, Weights, static_deprel};
use super::parser::{self, LEFT, RIGHT, SHIFT, State};
use super::tagger::{self, NO_TAG, TagDict, WordFeats, argmax};
use crate::text::Span;

/// Training settings.
#[derive(Debug, Clone)]
pub struct TrainOptions {
    pub seed: u64,
    pub tagger_epochs: usize,
    pub parser_epochs: usize,
    /// Jackknife folds for the parser's predicted training tags.
    pub folds: usize,
    /// Features updated fewer times than this are dropped (model size, speed): tagger.
    pub prune: u32,
    /// The same for the parser.
    pub parser_prune: u32,
    /// One classifier for (move, label) instead of moves + a separate arc labeller.
    pub joint: bool,
    /// Log model size and EWT-dev accuracy for a range of pruning thresholds.
    pub sweep: bool,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions {
            seed: 1,
            tagger_epochs: 10,
            parser_epochs: 15,
            folds: 4,
            prune: 3,
            parser_prune: 5,
            sweep: false,
            joint: true,
        }
    }
}

/// SplitMix64.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
    fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = self.below(i + 1);
            v.swap(i, j);
        }
    }
}

#[derive(Debug, Clone, Copy)]
struct TEntry {
    cls: u16,
    w: f32,
    tot: f64,
    ts: u64,
}

/// Averaged perceptron with sparse rows (training form).
struct Perceptron {
    nclass: usize,
    map: HashMap<u64, u32, std::hash::BuildHasherDefault<KeyHasher>>,
    rows: Vec<Vec<TEntry>>,
    /// Updates per row (rarely updated features are pruned).
    hits: Vec<u32>,
    i: u64,
}

impl Perceptron {
    fn new(nclass: usize) -> Self {
        Perceptron {
            nclass,
            map: HashMap::default(),
            rows: Vec::new(),
            hits: Vec::new(),
            i: 0,
        }
    }

    fn tick(&mut self) {
        self.i += 1;
    }

    fn update(&mut self, feats: &[u64], cls: usize, delta: f32) {
        let i = self.i;
        for &f in feats {
            let r = *self.map.entry(f).or_insert_with(|| {
                self.rows.push(Vec::new());
                self.hits.push(0);
                (self.rows.len() - 1) as u32
            });
            self.hits[r as usize] = self.hits[r as usize].saturating_add(1);
            let row = &mut self.rows[r as usize];
            let e = match row.iter().position(|e| e.cls as usize == cls) {
                Some(p) => &mut row[p],
                None => {
                    row.push(TEntry {
                        cls: cls as u16,
                        w: 0.0,
                        tot: 0.0,
                        ts: i,
                    });
                    row.last_mut().expect("just pushed")
                }
            };
            e.tot += (i - e.ts) as f64 * f64::from(e.w);
            e.ts = i;
            e.w += delta;
        }
    }

    /// Averaged weights of the features updated at least `min_hits` times (counting both sides
    /// of each update), quantised.
    fn finish(&self, min_hits: u32) -> Weights {
        let n = self.i.max(1) as f64;
        let mut rows: Vec<(u64, Vec<(u16, f32)>)> = self
            .map
            .iter()
            .filter(|&(_, &r)| self.hits[r as usize] >= min_hits)
            .filter_map(|(&k, &r)| {
                let mut row: Vec<(u16, f32)> = self.rows[r as usize]
                    .iter()
                    .map(|e| {
                        let tot = e.tot + (self.i - e.ts) as f64 * f64::from(e.w);
                        (e.cls, (tot / n) as f32)
                    })
                    .filter(|&(_, w)| w != 0.0)
                    .collect();
                row.sort_by_key(|x| x.0);
                (!row.is_empty()).then_some((k, row))
            })
            .collect();
        rows.sort_by_key(|r| r.0);
        Weights::from_rows(self.nclass, &rows)
    }
}

impl Scorer for Perceptron {
    fn nclass(&self) -> usize {
        self.nclass
    }
    fn score(&self, feats: &[u64], out: &mut [f32]) {
        out.iter_mut().for_each(|o| *o = 0.0);
        for f in feats {
            if let Some(&r) = self.map.get(f) {
                for e in &self.rows[r as usize] {
                    out[e.cls as usize] += e.w;
                }
            }
        }
    }
}

/// A training sentence in class ids.
struct TSent {
    wf: Vec<WordFeats>,
    tags: Vec<u16>,
    /// Gold heads by position (index 0 unused, 0 = root).
    heads: Vec<u32>,
    labels: Vec<u8>,
}

fn path(dir: &Path, name: &str) -> std::path::PathBuf {
    dir.join(name)
}

/// The UD files used: (EWT train, GUM train, EWT test, GUM test).
pub fn load_ud(dir: &Path, split: &str) -> Result<(Vec<Sentence>, Vec<Sentence>), String> {
    let read = |n: String| conllu::read(&path(dir, &n)).map_err(|e| format!("{n}: {e}"));
    Ok((
        read(format!("en_ewt-{split}.conllu"))?,
        read(format!("en_gum-{split}.conllu"))?,
    ))
}

fn tag_dict(sents: &[TSent], raw: &[&Sentence]) -> TagDict {
    let mut counts: HashMap<u64, HashMap<u16, u32>> = HashMap::new();
    for (s, r) in sents.iter().zip(raw) {
        for (i, t) in s.tags.iter().enumerate() {
            let _ = r;
            *counts
                .entry(s.wf[i].exact)
                .or_default()
                .entry(*t)
                .or_default() += 1;
        }
    }
    let mut d = TagDict::default();
    for (w, c) in counts {
        let total: u32 = c.values().sum();
        let (&t, &m) = c
            .iter()
            .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
            .expect("non-empty");
        if total >= 20 && f64::from(m) / f64::from(total) >= 0.995 {
            d.insert(w, t);
        }
    }
    d
}

/// Ambiguity classes of the words seen at least twice.
fn ambiguity(sents: &[TSent]) -> tagger::AmbDict {
    let mut sets: HashMap<u64, (u32, u128)> = HashMap::new();
    for s in sents {
        for (w, &t) in s.wf.iter().zip(&s.tags) {
            let e = sets.entry(w.norm).or_default();
            e.0 += 1;
            if t < 128 {
                e.1 |= 1u128 << t;
            }
        }
    }
    sets.into_iter()
        .filter(|(_, (n, _))| *n >= 2)
        .map(|(k, (_, set))| {
            let v = super::model::mix(set as u64, (set >> 64) as u64) | 1;
            (k, v)
        })
        .collect()
}

fn train_tagger(
    sents: &[&TSent],
    nclass: usize,
    dict: &TagDict,
    epochs: usize,
    seed: u64,
) -> Perceptron {
    let mut p = Perceptron::new(nclass);
    let mut rng = Rng(seed);
    let mut order: Vec<usize> = (0..sents.len()).collect();
    let mut feats = Vec::with_capacity(32);
    let mut scores = vec![0f32; nclass];
    for _ in 0..epochs {
        rng.shuffle(&mut order);
        for &si in &order {
            let s = sents[si];
            let (mut p1, mut p2) = (NO_TAG, NO_TAG);
            for i in 0..s.wf.len() {
                let gold = s.tags[i];
                let guess = match dict.get(&s.wf[i].exact) {
                    Some(&t) => t,
                    None => {
                        tagger::features(&s.wf, i, p1, p2, &mut feats);
                        p.score(&feats, &mut scores);
                        let g = argmax(&scores) as u16;
                        if g != gold {
                            p.update(&feats, gold as usize, 1.0);
                            p.update(&feats, g as usize, -1.0);
                        }
                        p.tick();
                        g
                    }
                };
                p2 = p1;
                p1 = guess;
            }
        }
    }
    p
}

/// Joint (move, label) parser training with the dynamic oracle.
fn train_parser_joint(
    sents: &[TSent],
    pred_tags: &[Vec<u16>],
    nl: usize,
    epochs: usize,
    seed: u64,
    log: &mut dyn FnMut(String),
) -> Perceptron {
    let nc = 1 + 2 * nl;
    let mut pp = Perceptron::new(nc);
    let mut rng = Rng(seed ^ 0x5EED);
    let mut order: Vec<usize> = (0..sents.len()).collect();
    let mut feats = Vec::with_capacity(96);
    let mut scores = vec![0f32; nc];
    let mut ccost = vec![0u32; nc];
    for epoch in 0..epochs {
        let t0 = std::time::Instant::now();
        rng.shuffle(&mut order);
        let (mut correct, mut total) = (0usize, 0usize);
        for &si in &order {
            let s = &sents[si];
            let toks = parser::toks(&s.wf, &pred_tags[si]);
            let mut st = State::new(s.wf.len());
            while !st.is_final() {
                st.features(&toks, &mut feats);
                pp.score(&feats, &mut scores);
                let valid = st.valid();
                let costs = parser::costs(&st, &s.heads);
                // class costs: a right arc with a wrong label costs one more
                let s0 = st.s(0);
                let gl = if s0 != u32::MAX {
                    s.labels[s0 as usize] as usize
                } else {
                    usize::MAX
                };
                let gh = if s0 != u32::MAX {
                    s.heads[s0 as usize]
                } else {
                    u32::MAX
                };
                for (c, cc) in ccost.iter_mut().enumerate() {
                    let mv = parser::joint_move(c, nl);
                    *cc = if !valid[mv] {
                        u32::MAX
                    } else if mv == SHIFT {
                        costs[SHIFT]
                    } else {
                        let (h, _) = st.arc(mv);
                        let l = parser::joint_label(c, nl) as usize;
                        costs[mv] + u32::from(gh == h && l != gl)
                    };
                }
                let guess = parser::best_valid_joint(&scores, &valid, nl);
                let min = *ccost.iter().min().expect("classes");
                let mut best = usize::MAX;
                for c in 0..nc {
                    if ccost[c] == min && (best == usize::MAX || scores[c] > scores[best]) {
                        best = c;
                    }
                }
                if ccost[guess] > min {
                    pp.update(&feats, best, 1.0);
                    pp.update(&feats, guess, -1.0);
                } else {
                    correct += 1;
                }
                total += 1;
                pp.tick();
                let c = if epoch > 0 && rng.unit() < 0.9 {
                    guess
                } else {
                    best
                };
                st.apply(parser::joint_move(c, nl), parser::joint_label(c, nl));
            }
        }
        log(format!(
            "parser epoch {}: {:.2}% moves right, {} features, {:.1}s",
            epoch + 1,
            100.0 * correct as f64 / total.max(1) as f64,
            pp.map.len(),
            t0.elapsed().as_secs_f64()
        ));
    }
    pp
}

fn train_parser(
    sents: &[TSent],
    pred_tags: &[Vec<u16>],
    nlabels: usize,
    epochs: usize,
    seed: u64,
    log: &mut dyn FnMut(String),
) -> (Perceptron, Perceptron) {
    let mut pp = Perceptron::new(3);
    let mut lp = Perceptron::new(nlabels);
    let mut rng = Rng(seed ^ 0x5EED);
    let mut order: Vec<usize> = (0..sents.len()).collect();
    let mut feats = Vec::with_capacity(96);
    let mut lfeats = Vec::with_capacity(32);
    let mut scores = [0f32; 3];
    let mut lscores = vec![0f32; nlabels];
    for epoch in 0..epochs {
        let t0 = std::time::Instant::now();
        rng.shuffle(&mut order);
        let (mut correct, mut total) = (0usize, 0usize);
        for &si in &order {
            let s = &sents[si];
            let toks = parser::toks(&s.wf, &pred_tags[si]);
            let mut st = State::new(s.wf.len());
            while !st.is_final() {
                st.features(&toks, &mut feats);
                pp.score(&feats, &mut scores);
                let valid = st.valid();
                let costs = parser::costs(&st, &s.heads);
                let guess = parser::best_valid(&scores, &valid);
                let min = (0..3)
                    .filter(|&m| valid[m])
                    .map(|m| costs[m])
                    .min()
                    .expect("a valid move");
                let mut best = usize::MAX;
                for m in 0..3 {
                    if valid[m]
                        && costs[m] == min
                        && (best == usize::MAX || scores[m] > scores[best])
                    {
                        best = m;
                    }
                }
                if costs[guess] > min {
                    pp.update(&feats, best, 1.0);
                    pp.update(&feats, guess, -1.0);
                } else {
                    correct += 1;
                }
                total += 1;
                pp.tick();
                let mv = if epoch > 0 && rng.unit() < 0.9 {
                    guess
                } else {
                    best
                };
                let label = if mv == SHIFT {
                    0
                } else {
                    let (h, d) = st.arc(mv);
                    st.label_features(&toks, h, d, &mut lfeats);
                    lp.score(&lfeats, &mut lscores);
                    let pl = argmax(&lscores) as u8;
                    if s.heads[d as usize] == h {
                        let gl = s.labels[d as usize];
                        if pl != gl {
                            lp.update(&lfeats, gl as usize, 1.0);
                            lp.update(&lfeats, pl as usize, -1.0);
                        }
                        lp.tick();
                        gl
                    } else {
                        pl
                    }
                };
                debug_assert!(mv == LEFT || mv == RIGHT || mv == SHIFT);
                st.apply(mv, label);
            }
        }
        log(format!(
            "parser epoch {}: {:.2}% moves right, {} features, {:.1}s",
            epoch + 1,
            100.0 * correct as f64 / total.max(1) as f64,
            pp.map.len(),
            t0.elapsed().as_secs_f64()
        ));
    }
    (pp, lp)
}

/// Train the whole model on EWT-train + GUM-train in `dir`.
pub fn train(
    dir: &Path,
    opts: &TrainOptions,
    log: &mut (dyn FnMut(String) + Send),
) -> Result<Model, String> {
    let t0 = std::time::Instant::now();
    let (ewt, gum) = load_ud(dir, "train")?;
    let raw: Vec<&Sentence> = ewt.iter().chain(gum.iter()).collect();
    log(format!(
        "read {} training sentences ({} words)",
        raw.len(),
        raw.iter().map(|s| s.tokens.len()).sum::<usize>()
    ));
    // tag classes: (UPOS, XPOS) pairs by frequency
    let mut pc: HashMap<(String, String), u32> = HashMap::new();
    let mut lc: HashMap<&'static str, u32> = HashMap::new();
    for s in &raw {
        for t in &s.tokens {
            *pc.entry((t.upos.clone(), t.xpos.clone())).or_default() += 1;
            *lc.entry(static_deprel(&t.deprel)).or_default() += 1;
        }
    }
    let mut pairs: Vec<((String, String), u32)> = pc.into_iter().collect();
    pairs.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let tags: Vec<TagClass> = pairs
        .iter()
        .map(|((u, x), _)| TagClass {
            upos: Upos::parse(u),
            xpos: x.clone(),
        })
        .collect();
    let tag_index: HashMap<(String, String), u16> = pairs
        .iter()
        .enumerate()
        .map(|(i, (k, _))| (k.clone(), i as u16))
        .collect();
    let mut labs: Vec<(&'static str, u32)> = lc.into_iter().collect();
    labs.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let labels: Vec<&'static str> = labs.iter().map(|l| l.0).collect();
    let label_index: HashMap<&str, u8> = labels
        .iter()
        .enumerate()
        .map(|(i, l)| (*l, i as u8))
        .collect();
    let mut sents: Vec<TSent> = raw
        .iter()
        .map(|s| {
            let mut heads = vec![0u32];
            let mut ls = vec![0u8];
            for t in &s.tokens {
                heads.push(t.head as u32);
                ls.push(label_index[static_deprel(&t.deprel)]);
            }
            TSent {
                wf: s
                    .tokens
                    .iter()
                    .map(|t| tagger::word_feats(&t.form))
                    .collect(),
                tags: s
                    .tokens
                    .iter()
                    .map(|t| tag_index[&(t.upos.clone(), t.xpos.clone())])
                    .collect(),
                heads,
                labels: ls,
            }
        })
        .collect();
    let lemmas = Lemmatizer::train(raw.iter().flat_map(|s| {
        s.tokens.iter().map(|t| {
            (
                t.form.as_str(),
                Upos::parse(&t.upos),
                t.xpos.as_str(),
                t.lemma.as_str(),
            )
        })
    }));
    let dict = tag_dict(&sents, &raw);
    let ambig = ambiguity(&sents);
    for s in &mut sents {
        tagger::set_ambiguity(&mut s.wf, &ambig);
    }
    log(format!(
        "{} tag classes, {} labels, {} tag-dictionary words, {:.1}s",
        tags.len(),
        labels.len(),
        dict.len(),
        t0.elapsed().as_secs_f64()
    ));
    let nt = tags.len();
    // jackknifed tags for the parser's training data, and the final tagger, in parallel
    let folds = opts.folds.max(2);
    let jobs: Vec<Option<usize>> = (0..folds).map(Some).chain([None]).collect();
    let results: Vec<(Option<usize>, Perceptron)> = jobs
        .into_par_iter()
        .map(|job| {
            let train: Vec<&TSent> = sents
                .iter()
                .enumerate()
                .filter(|(i, _)| job.is_none_or(|f| i % folds != f))
                .map(|(_, s)| s)
                .collect();
            let seed = opts
                .seed
                .wrapping_mul(31)
                .wrapping_add(job.map_or(0, |f| f as u64 + 1));
            (
                job,
                train_tagger(&train, nt, &dict, opts.tagger_epochs, seed),
            )
        })
        .collect();
    let mut pred: Vec<Vec<u16>> = vec![Vec::new(); sents.len()];
    let mut final_tagger = None;
    let (mut right, mut all) = (0usize, 0usize);
    for (job, p) in results {
        match job {
            Some(f) => {
                for (i, s) in sents.iter().enumerate().filter(|(i, _)| i % folds == f) {
                    let mut out = Vec::new();
                    tagger::tag(&p, &dict, &s.wf, &mut out);
                    right += out.iter().zip(&s.tags).filter(|(a, b)| a == b).count();
                    all += out.len();
                    pred[i] = out;
                }
            }
            None => final_tagger = Some(p),
        }
    }
    log(format!(
        "taggers trained ({} folds + final): jackknife tag accuracy {:.2}%, {:.1}s",
        folds,
        100.0 * right as f64 / all.max(1) as f64,
        t0.elapsed().as_secs_f64()
    ));
    let final_tagger = final_tagger.expect("final tagger job");
    let (pp, lp) = if opts.joint {
        let pp = train_parser_joint(
            &sents,
            &pred,
            labels.len(),
            opts.parser_epochs,
            opts.seed,
            log,
        );
        (pp, Perceptron::new(labels.len()))
    } else {
        train_parser(
            &sents,
            &pred,
            labels.len(),
            opts.parser_epochs,
            opts.seed,
            log,
        )
    };
    if opts.sweep {
        let (dev, _) = load_ud(dir, "dev")?;
        for prune in [1u32, 3, 5, 7] {
            let m = Model {
                tags: tags.clone(),
                tagdict: dict.clone(),
                ambig: ambig.clone(),
                tagger: final_tagger.finish(prune),
                parser: pp.finish(prune),
                labeller: lp.finish(prune),
                labels: labels.clone(),
                lemmas: lemmas.clone(),
            };
            let sc = evaluate(&m, &dev);
            let t = std::time::Instant::now();
            let _ = evaluate(&m, &dev);
            let wps = sc.words as f64 / t.elapsed().as_secs_f64();
            log(format!(
                "prune {prune}: {:.1} MB gz, {:.0} MB mem, features {:?}; EWT dev UPOS {:.2} UAS {:.2} LAS {:.2}; {:.0} words/s",
                m.to_gzip().len() as f64 / 1e6,
                m.memory_bytes() as f64 / 1e6,
                m.feature_counts(),
                sc.upos_pct(),
                sc.uas_pct(),
                sc.las_pct(),
                wps
            ));
        }
    }
    let model = Model {
        tags,
        tagdict: dict,
        ambig,
        tagger: final_tagger.finish(opts.prune),
        parser: pp.finish(opts.parser_prune),
        labeller: lp.finish(opts.parser_prune),
        labels,
        lemmas,
    };
    log(format!("trained in {:.1}s", t0.elapsed().as_secs_f64()));
    Ok(model)
}

/// Accuracy counts on one test set (every word counts, punctuation included).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Scores {
    pub words: usize,
    pub upos: usize,
    pub xpos: usize,
    pub lemma: usize,
    pub uas: usize,
    pub las: usize,
}

impl Scores {
    fn pct(&self, n: usize) -> f64 {
        100.0 * n as f64 / self.words.max(1) as f64
    }
    pub fn upos_pct(&self) -> f64 {
        self.pct(self.upos)
    }
    pub fn xpos_pct(&self) -> f64 {
        self.pct(self.xpos)
    }
    pub fn lemma_pct(&self) -> f64 {
        self.pct(self.lemma)
    }
    pub fn uas_pct(&self) -> f64 {
        self.pct(self.uas)
    }
    pub fn las_pct(&self) -> f64 {
        self.pct(self.las)
    }
}

/// Tag and parse gold-tokenized sentences (predicted tags) and count agreement with the gold.
pub fn evaluate(model: &Model, sents: &[Sentence]) -> Scores {
    let mut sc = Scores::default();
    let mut text = String::new();
    let mut spans = Vec::new();
    for s in sents {
        text.clear();
        spans.clear();
        for t in &s.tokens {
            let a = text.len();
            text.push_str(&t.form);
            spans.push(Span::new(a, text.len()));
            text.push(' ');
        }
        let words = model.parse_words(&text, &spans);
        for (w, t) in words.iter().zip(&s.tokens) {
            sc.words += 1;
            sc.upos += usize::from(w.upos.as_str() == t.upos);
            sc.xpos += usize::from(w.xpos == t.xpos);
            sc.lemma += usize::from(w.lemma == t.lemma.to_lowercase());
            let head_ok = w.head.map_or(0, |h| h + 1) == t.head;
            sc.uas += usize::from(head_ok);
            sc.las += usize::from(head_ok && w.deprel == static_deprel(&t.deprel));
        }
    }
    sc
}

/// Evaluate on EWT test and GUM test in `dir`: ((EWT), (GUM)).
pub fn evaluate_ud(model: &Model, dir: &Path) -> Result<(Scores, Scores), String> {
    let (ewt, gum) = load_ud(dir, "test")?;
    Ok((evaluate(model, &ewt), evaluate(model, &gum)))
}

//! Greedy averaged-perceptron tagger: one class per (UPOS, XPOS) pair seen in training, left to
//! right, with word, affix, shape and context features (hashed, no allocation per feature).

use std::collections::HashMap;

use super::model::{KeyHasher, Scorer, hash_str, mix};

/// Per-word values the tagger and parser features are built from (computed once per word).
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct WordFeats {
    /// Exact form.
    pub exact: u64,
    /// Normalised lower-case form (digits collapsed).
    pub norm: u64,
    pub pre: [u64; 3],
    pub suf: [u64; 4],
    pub shape: u64,
    /// bit 0: initial upper case, 1: all upper, 2: has digit, 3: has hyphen, 4: has
    /// non-alphanumeric.
    pub flags: u64,
    /// Ambiguity class: hash of the set of tags the word had in training (0: unseen).
    pub amb: u64,
}

/// Byte index where the `k`-th char from the start ends (or the whole string).
fn prefix(s: &str, k: usize) -> &str {
    match s.char_indices().nth(k) {
        Some((i, _)) => &s[..i],
        None => s,
    }
}

fn suffix(s: &str, k: usize) -> &str {
    match s.char_indices().rev().nth(k.saturating_sub(1)) {
        Some((i, _)) if k > 0 => &s[i..],
        _ => s,
    }
}

/// Word shape, e.g. "Xxxx" for "Russia", "dd.d" for "12.5" (runs longer than 2 collapsed).
fn shape_hash(s: &str) -> u64 {
    let mut h = 0x1234_5678u64;
    let mut last = '\0';
    let mut run = 0;
    for c in s.chars() {
        let k = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_numeric() {
            'd'
        } else {
            c
        };
        if k == last {
            run += 1;
            if run > 2 {
                continue;
            }
        } else {
            run = 1;
            last = k;
        }
        h = mix(h, k as u64);
    }
    h
}

pub(crate) fn word_feats(form: &str) -> WordFeats {
    let mut lower = String::new();
    let has_digit = form.bytes().any(|b| b.is_ascii_digit());
    let norm = if has_digit && form.chars().all(|c| c.is_ascii_digit()) {
        if form.len() == 4 {
            hash_str("!YEAR")
        } else {
            hash_str("!DIGITS")
        }
    } else if has_digit
        && form
            .chars()
            .all(|c| c.is_ascii_digit() || ",.:/-".contains(c))
    {
        hash_str("!NUMBER")
    } else {
        if form.chars().any(|c| c.is_uppercase()) {
            lower = form.to_lowercase();
        }
        hash_str(if lower.is_empty() { form } else { &lower })
    };
    let l: &str = if lower.is_empty() { form } else { &lower };
    let mut first = form.chars();
    let f0 = first.next();
    let mut flags = 0u64;
    if f0.is_some_and(|c| c.is_uppercase()) {
        flags |= 1;
    }
    if form.chars().any(|c| c.is_alphabetic()) && !form.chars().any(|c| c.is_lowercase()) {
        flags |= 2;
    }
    if has_digit {
        flags |= 4;
    }
    if form.contains('-') {
        flags |= 8;
    }
    if form.chars().any(|c| !c.is_alphanumeric()) {
        flags |= 16;
    }
    WordFeats {
        exact: hash_str(form),
        norm,
        pre: [
            hash_str(prefix(l, 1)),
            hash_str(prefix(l, 2)),
            hash_str(prefix(l, 3)),
        ],
        suf: [
            hash_str(suffix(l, 1)),
            hash_str(suffix(l, 2)),
            hash_str(suffix(l, 3)),
            hash_str(suffix(l, 4)),
        ],
        shape: shape_hash(form),
        flags,
        amb: 0,
    }
}

/// Normalised form -> ambiguity class.
pub(crate) type AmbDict = HashMap<u64, u64, std::hash::BuildHasherDefault<KeyHasher>>;

/// Fill in the ambiguity classes.
pub(crate) fn set_ambiguity(ws: &mut [WordFeats], amb: &AmbDict) {
    for w in ws {
        w.amb = amb.get(&w.norm).copied().unwrap_or(0);
    }
}

const START: u64 = 0x5354_4152_5431;
const END: u64 = 0x454e_4431;
/// Tag value before the sentence.
pub(crate) const NO_TAG: u16 = u16::MAX;

#[inline(always)]
fn f(t: u64, a: u64) -> u64 {
    mix(t.wrapping_mul(0x100_0000_01B3) ^ 0xA5A5, a)
}
#[inline(always)]
fn f2(t: u64, a: u64, b: u64) -> u64 {
    mix(f(t, a), b)
}

/// Features of word `i` given the two previous tags.
pub(crate) fn features(ws: &[WordFeats], i: usize, p1: u16, p2: u16, out: &mut Vec<u64>) {
    out.clear();
    let w = &ws[i];
    let get = |j: isize| -> Option<&WordFeats> { if j < 0 { None } else { ws.get(j as usize) } };
    let ii = i as isize;
    let wm1 = get(ii - 1).map_or(START, |x| x.norm);
    let wm2 = get(ii - 2).map_or(START, |x| x.norm);
    let wp1 = get(ii + 1).map_or(END, |x| x.norm);
    let wp2 = get(ii + 2).map_or(END, |x| x.norm);
    let sm1 = get(ii - 1).map_or(START, |x| x.suf[2]);
    let sp1 = get(ii + 1).map_or(END, |x| x.suf[2]);
    let shp1 = get(ii + 1).map_or(END, |x| x.shape);
    let (p1, p2) = (u64::from(p1), u64::from(p2));
    out.extend_from_slice(&[
        f(0, 0),
        f(1, w.norm),
        f(2, w.suf[0]),
        f(3, w.suf[1]),
        f(4, w.suf[2]),
        f(5, w.suf[3]),
        f(6, w.pre[0]),
        f(7, w.pre[1]),
        f(8, w.pre[2]),
        f(9, w.shape),
        f(10, w.flags | ((i == 0) as u64) << 8),
        f(11, p1),
        f(12, p2),
        f2(13, p1, p2),
        f2(14, p1, w.norm),
        f(15, wm1),
        f(16, sm1),
        f(17, wm2),
        f(18, wp1),
        f(19, sp1),
        f(20, wp2),
        f2(21, wm1, w.norm),
        f2(22, w.norm, wp1),
        f(23, shp1),
        f2(24, p1, w.suf[2]),
        f(25, w.exact),
        f2(26, p1, wp1),
        f2(27, wm1, wp1),
        f2(28, p1, w.shape),
        f2(29, w.norm, sp1),
        f(30, w.amb),
        f2(31, w.amb, p1),
        f(32, get(ii + 1).map_or(END, |x| x.amb)),
        f2(33, w.amb, get(ii + 1).map_or(END, |x| x.amb)),
        f2(34, w.amb, w.suf[2]),
        f(35, get(ii + 2).map_or(END, |x| x.amb)),
    ]);
}

/// Tag dictionary: exact form -> class, for frequent unambiguous words.
pub(crate) type TagDict = HashMap<u64, u16, std::hash::BuildHasherDefault<KeyHasher>>;

/// Greedy left-to-right tagging; `out` gets one class per word.
pub(crate) fn tag<S: Scorer>(model: &S, dict: &TagDict, ws: &[WordFeats], out: &mut Vec<u16>) {
    out.clear();
    let mut feats = Vec::with_capacity(32);
    let mut scores = vec![0f32; model.nclass().max(1)];
    let (mut p1, mut p2) = (NO_TAG, NO_TAG);
    for i in 0..ws.len() {
        let t = match dict.get(&ws[i].exact) {
            Some(&t) => t,
            None => {
                features(ws, i, p1, p2, &mut feats);
                model.score(&feats, &mut scores);
                argmax(&scores) as u16
            }
        };
        out.push(t);
        p2 = p1;
        p1 = t;
    }
}

/// Index of the highest score (the first on ties).
pub(crate) fn argmax(s: &[f32]) -> usize {
    let mut best = 0;
    for (i, &v) in s.iter().enumerate() {
        if v > s[best] {
            best = i;
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn affixes_on_multibyte() {
        assert_eq!(suffix("naïve", 3), "ïve");
        assert_eq!(prefix("ünd", 1), "ü");
        assert_eq!(suffix("a", 4), "a");
        let w = word_feats("Éire");
        assert_eq!(w.flags & 1, 1);
        let _ = word_feats("");
    }
}

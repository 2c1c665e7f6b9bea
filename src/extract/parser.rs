//! Greedy arc-hybrid dependency parser (root at the bottom of the stack, one root child),
//! averaged perceptron over Zhang & Nivre-style features, trained with a dynamic oracle. Arc
//! labels come from a second classifier that labels each arc as it is made (so later features
//! can see the labels of children).

use super::model::{Scorer, mix};
use super::tagger::{WordFeats, argmax};

pub(crate) const SHIFT: usize = 0;
pub(crate) const LEFT: usize = 1;
pub(crate) const RIGHT: usize = 2;
const NONE: u32 = u32::MAX;
const NO_LABEL: u8 = u8::MAX;

/// Per-position values: index 0 is the root, words are 1..=n.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Tok {
    pub w: u64,
    pub t: u16,
}

const ROOT_W: u64 = 0x0052_4f4f_5421;
const NULL_W: u64 = 0x004e_554c_4c21;
const ROOT_T: u64 = 0xfffe;
const NULL_T: u64 = 0xffff;

/// A parser configuration.
#[derive(Debug, Clone)]
pub(crate) struct State {
    pub n: usize,
    pub stack: Vec<u32>,
    /// Buffer front (1..=n; n + 1 when empty).
    pub b: usize,
    pub heads: Vec<u32>,
    pub labels: Vec<u8>,
    lc1: Vec<u32>,
    lc2: Vec<u32>,
    rc1: Vec<u32>,
    rc2: Vec<u32>,
    nl: Vec<u8>,
    nr: Vec<u8>,
    lset: Vec<u64>,
    rset: Vec<u64>,
}

impl State {
    pub(crate) fn new(n: usize) -> State {
        let m = n + 2;
        State {
            n,
            stack: vec![0],
            b: 1,
            heads: vec![NONE; m],
            labels: vec![NO_LABEL; m],
            lc1: vec![NONE; m],
            lc2: vec![NONE; m],
            rc1: vec![NONE; m],
            rc2: vec![NONE; m],
            nl: vec![0; m],
            nr: vec![0; m],
            lset: vec![0; m],
            rset: vec![0; m],
        }
    }

    pub(crate) fn is_final(&self) -> bool {
        self.b > self.n && self.stack.len() == 1
    }

    #[inline]
    pub(crate) fn s(&self, k: usize) -> u32 {
        let l = self.stack.len();
        if k < l { self.stack[l - 1 - k] } else { NONE }
    }

    pub(crate) fn valid(&self) -> [bool; 3] {
        let s0 = self.s(0);
        let s1 = self.s(1);
        let buf = self.b <= self.n;
        [buf, buf && s0 != 0, s1 != NONE && (s1 != 0 || !buf)]
    }

    /// Apply a move; for LEFT/RIGHT the arc's label.
    pub(crate) fn apply(&mut self, mv: usize, label: u8) {
        match mv {
            SHIFT => {
                self.stack.push(self.b as u32);
                self.b += 1;
            }
            LEFT => {
                let d = self.stack.pop().expect("valid move");
                self.add_arc(self.b as u32, d, label);
            }
            _ => {
                let d = self.stack.pop().expect("valid move");
                let h = *self.stack.last().expect("valid move");
                self.add_arc(h, d, label);
            }
        }
    }

    fn add_arc(&mut self, h: u32, d: u32, label: u8) {
        let (hu, du) = (h as usize, d as usize);
        self.heads[du] = h;
        self.labels[du] = label;
        let bit = if label < 64 { 1u64 << label } else { 0 };
        if d < h {
            // left dependent: leftmost so far is the newest (arcs come inside-out)
            self.lc2[hu] = self.lc1[hu];
            self.lc1[hu] = d;
            self.nl[hu] = self.nl[hu].saturating_add(1);
            self.lset[hu] |= bit;
        } else {
            self.rc2[hu] = self.rc1[hu];
            self.rc1[hu] = d;
            self.nr[hu] = self.nr[hu].saturating_add(1);
            self.rset[hu] |= bit;
        }
    }

    /// The (head, dependent) a LEFT/RIGHT move would make.
    pub(crate) fn arc(&self, mv: usize) -> (u32, u32) {
        if mv == LEFT {
            (self.b as u32, self.s(0))
        } else {
            (self.s(1), self.s(0))
        }
    }

    #[inline]
    fn w(&self, toks: &[Tok], i: u32) -> u64 {
        match i {
            NONE => NULL_W,
            0 => ROOT_W,
            _ => toks.get(i as usize).map_or(NULL_W, |t| t.w),
        }
    }
    #[inline]
    fn t(&self, toks: &[Tok], i: u32) -> u64 {
        match i {
            NONE => NULL_T,
            0 => ROOT_T,
            _ => toks.get(i as usize).map_or(NULL_T, |t| u64::from(t.t)),
        }
    }
    #[inline]
    fn l(&self, i: u32) -> u64 {
        if i == NONE {
            0x1ff
        } else {
            u64::from(self.labels[i as usize])
        }
    }
    #[inline]
    fn get(v: &[u32], i: u32) -> u32 {
        if i == NONE { NONE } else { v[i as usize] }
    }
    fn b_at(&self, k: usize) -> u32 {
        let i = self.b + k;
        if i <= self.n { i as u32 } else { NONE }
    }

    /// Transition features (`toks[0]` is the root placeholder).
    pub(crate) fn features(&self, toks: &[Tok], out: &mut Vec<u64>) {
        out.clear();
        let (s0, s1, s2) = (self.s(0), self.s(1), self.s(2));
        let (b0, b1, b2) = (self.b_at(0), self.b_at(1), self.b_at(2));
        let s0l1 = Self::get(&self.lc1, s0);
        let s0l2 = Self::get(&self.lc2, s0);
        let s0r1 = Self::get(&self.rc1, s0);
        let s0r2 = Self::get(&self.rc2, s0);
        let s1r1 = Self::get(&self.rc1, s1);
        let s1l1 = Self::get(&self.lc1, s1);
        let b0l1 = Self::get(&self.lc1, b0);
        let b0l2 = Self::get(&self.lc2, b0);
        let (ws0, ts0) = (self.w(toks, s0), self.t(toks, s0));
        let (ws1, ts1) = (self.w(toks, s1), self.t(toks, s1));
        let (wb0, tb0) = (self.w(toks, b0), self.t(toks, b0));
        let (wb1, tb1) = (self.w(toks, b1), self.t(toks, b1));
        let (wb2, tb2) = (self.w(toks, b2), self.t(toks, b2));
        let ts2 = self.t(toks, s2);
        let t_s0l1 = self.t(toks, s0l1);
        let t_s0l2 = self.t(toks, s0l2);
        let t_s0r1 = self.t(toks, s0r1);
        let t_s0r2 = self.t(toks, s0r2);
        let t_s1r1 = self.t(toks, s1r1);
        let t_s1l1 = self.t(toks, s1l1);
        let t_b0l1 = self.t(toks, b0l1);
        let t_b0l2 = self.t(toks, b0l2);
        let w_s0l1 = self.w(toks, s0l1);
        let w_s0r1 = self.w(toks, s0r1);
        let w_b0l1 = self.w(toks, b0l1);
        let (l_s0l1, l_s0l2, l_s0r1, l_s0r2) =
            (self.l(s0l1), self.l(s0l2), self.l(s0r1), self.l(s0r2));
        let (l_b0l1, l_b0l2, l_s1r1) = (self.l(b0l1), self.l(b0l2), self.l(s1r1));
        let dist = if s0 != NONE && b0 != NONE && s0 != 0 {
            bucket(b0 as usize - s0 as usize)
        } else {
            0
        };
        let dist1 = if s0 != NONE && s1 != NONE && s1 != 0 {
            bucket(s0 as usize - s1 as usize)
        } else {
            0
        };
        let (nl0, nr0, nlb) = if s0 != NONE {
            (
                u64::from(self.nl[s0 as usize]),
                u64::from(self.nr[s0 as usize]),
                if b0 != NONE {
                    u64::from(self.nl[b0 as usize])
                } else {
                    99
                },
            )
        } else {
            (99, 99, 99)
        };
        let (ls0, rs0) = if s0 != NONE {
            (self.lset[s0 as usize], self.rset[s0 as usize])
        } else {
            (0, 0)
        };
        let lb0 = if b0 != NONE {
            self.lset[b0 as usize]
        } else {
            0
        };
        let wt = |w: u64, t: u64| mix(w, t);
        let ws0t = wt(ws0, ts0);
        let ws1t = wt(ws1, ts1);
        let wb0t = wt(wb0, tb0);
        let wb1t = wt(wb1, tb1);
        let mut k = 0u64;
        let mut p = |v: u64| {
            k += 1;
            out.push(mix(k.wrapping_mul(0x2545_F491_4F6C_DD1D), v));
        };
        // unigrams
        p(ws0t);
        p(ws0);
        p(ts0);
        p(ws1t);
        p(ws1);
        p(ts1);
        p(wb0t);
        p(wb0);
        p(tb0);
        p(wb1t);
        p(wb1);
        p(tb1);
        p(wb2);
        p(tb2);
        p(ts2);
        // children
        p(w_s0l1);
        p(t_s0l1);
        p(w_s0r1);
        p(t_s0r1);
        p(w_b0l1);
        p(t_b0l1);
        p(mix(t_s0l1, l_s0l1));
        p(mix(t_s0r1, l_s0r1));
        p(mix(t_b0l1, l_b0l1));
        p(l_s0l1);
        p(l_s0r1);
        p(l_b0l1);
        p(l_s0l2);
        p(l_s0r2);
        p(l_b0l2);
        p(mix(ts1, l_s1r1));
        // pairs
        p(mix(ws0t, wb0t));
        p(mix(ws0t, wb0));
        p(mix(ws0, wb0t));
        p(mix(ws0t, tb0));
        p(mix(ts0, wb0t));
        p(mix(ws0, wb0));
        p(mix(ts0, tb0));
        p(mix(tb0, tb1));
        p(mix(ws1t, ws0t));
        p(mix(ws1, ws0));
        p(mix(ts1, ts0));
        p(mix(ws1t, ts0));
        p(mix(ts1, ws0t));
        p(mix(ws0t, tb1));
        p(mix(wb0t, tb1));
        p(mix(wb0, wb1t));
        p(mix(ws1, wb0));
        p(mix(ts1, tb0));
        // trigrams
        p(mix(mix(tb0, tb1), tb2));
        p(mix(mix(ts0, tb0), tb1));
        p(mix(mix(ts1, ts0), tb0));
        p(mix(mix(ts2, ts1), ts0));
        p(mix(mix(ts0, t_s0l1), tb0));
        p(mix(mix(ts0, t_s0r1), tb0));
        p(mix(mix(ts0, tb0), t_b0l1));
        p(mix(mix(ts0, t_s0l1), t_s0l2));
        p(mix(mix(ts0, t_s0r1), t_s0r2));
        p(mix(mix(tb0, t_b0l1), t_b0l2));
        p(mix(mix(ts1, ts0), t_s0l1));
        p(mix(mix(ts1, ts0), t_s0r1));
        p(mix(mix(ts1, t_s1r1), ts0));
        p(mix(mix(ts1, t_s1l1), ts0));
        p(mix(mix(ws0, ts0), mix(tb0, tb1)));
        p(mix(mix(ts1, ws0), tb0));
        // distance
        p(mix(ws0, dist));
        p(mix(ts0, dist));
        p(mix(wb0, dist));
        p(mix(tb0, dist));
        p(mix(mix(ts0, tb0), dist));
        p(mix(mix(ws0, wb0), dist));
        p(mix(mix(ts1, ts0), dist1));
        p(mix(ws0, dist1));
        // valency
        p(mix(ws0t, nl0));
        p(mix(ts0, nl0));
        p(mix(ws0t, nr0));
        p(mix(ts0, nr0));
        p(mix(wb0t, nlb));
        p(mix(tb0, nlb));
        // label sets
        p(mix(ws0t, ls0));
        p(mix(ts0, rs0));
        p(mix(ws0t, rs0));
        p(mix(tb0, lb0));
        p(mix(wb0t, lb0));
        p(self.w(toks, s2));
        p(mix(mix(ts2, ts1), tb0));
        p(mix(self.t(toks, self.b_at(3)), mix(tb0, tb1)));
        p(mix(mix(ws0, ts0), mix(ws1, ts1)));
        p(mix(mix(ws0t, wb0t), tb1));
    }

    /// Features for labelling the arc `h -> d`.
    pub(crate) fn label_features(&self, toks: &[Tok], h: u32, d: u32, out: &mut Vec<u64>) {
        out.clear();
        let left = u64::from(d < h);
        let (wh, th) = (self.w(toks, h), self.t(toks, h));
        let (wd, td) = (self.w(toks, d), self.t(toks, d));
        let dist = if h == 0 {
            0
        } else {
            bucket((h as i64 - d as i64).unsigned_abs() as usize)
        };
        let dl1 = Self::get(&self.lc1, d);
        let dr1 = Self::get(&self.rc1, d);
        let (wdl1, tdl1, ldl1) = (self.w(toks, dl1), self.t(toks, dl1), self.l(dl1));
        let (tdr1, ldr1, wdr1) = (self.t(toks, dr1), self.l(dr1), self.w(toks, dr1));
        let nkids = if d == NONE {
            0
        } else {
            u64::from(self.nl[d as usize]) * 16 + u64::from(self.nr[d as usize])
        };
        // nearest existing child of h on the same side
        let hc = if left == 1 {
            Self::get(&self.lc1, h)
        } else {
            Self::get(&self.rc1, h)
        };
        let lhc = self.l(hc);
        let hset = if h == NONE {
            0
        } else if left == 1 {
            self.lset[h as usize]
        } else {
            self.rset[h as usize]
        };
        let dset = if d == NONE {
            0
        } else {
            self.lset[d as usize] ^ self.rset[d as usize].rotate_left(32)
        };
        let tdm1 = if d > 1 { self.t(toks, d - 1) } else { ROOT_T };
        let tdp1 = if (d as usize) < self.n {
            self.t(toks, d + 1)
        } else {
            NULL_T
        };
        let thm1 = if h > 1 && h != NONE {
            self.t(toks, h - 1)
        } else {
            ROOT_T
        };
        let thp1 = if h != 0 && (h as usize) < self.n {
            self.t(toks, h + 1)
        } else {
            NULL_T
        };
        let whd = mix(wh, th);
        let wdt = mix(wd, td);
        let mut k = 0u64;
        let mut p = |v: u64| {
            k += 1;
            out.push(mix(
                k.wrapping_mul(0x9E6C_63D0_676A_9A99) ^ left,
                v ^ left.wrapping_mul(0xDEAD_BEEF),
            ));
        };
        p(0);
        p(wh);
        p(th);
        p(whd);
        p(wd);
        p(td);
        p(wdt);
        p(mix(th, td));
        p(mix(wh, td));
        p(mix(th, wd));
        p(mix(wh, wd));
        p(mix(whd, wdt));
        p(mix(mix(th, td), dist));
        p(mix(wd, dist));
        p(mix(wdl1, td));
        p(mix(tdl1, td));
        p(mix(mix(ldl1, td), th));
        p(mix(tdr1, td));
        p(mix(ldr1, td));
        p(mix(mix(lhc, td), th));
        p(mix(mix(hset, td), th));
        p(mix(dset, td));
        p(mix(mix(tdm1, td), th));
        p(mix(mix(td, tdp1), th));
        p(mix(mix(thm1, th), td));
        p(mix(mix(th, thp1), td));
        p(mix(mix(wdl1, wd), th));
        p(mix(mix(wdl1, td), wh));
        p(mix(wdr1, td));
        p(mix(nkids, td));
        p(mix(mix(wdl1, ldl1), th));
        p(mix(mix(hset, td), wh));
        p(mix(mix(td, th), mix(tdm1, tdp1)));
    }
}

fn bucket(d: usize) -> u64 {
    match d {
        0..=4 => d as u64,
        5..=6 => 5,
        7..=9 => 6,
        10..=14 => 7,
        _ => 8,
    }
}

/// Parser input for a tagged sentence: position 0 is the root.
pub(crate) fn toks(ws: &[WordFeats], tags: &[u16]) -> Vec<Tok> {
    let mut v = Vec::with_capacity(ws.len() + 1);
    v.push(Tok { w: ROOT_W, t: 0 });
    v.extend(ws.iter().zip(tags).map(|(w, &t)| Tok { w: w.norm, t }));
    v
}

/// Best valid move by the scores.
pub(crate) fn best_valid(scores: &[f32], valid: &[bool; 3]) -> usize {
    let mut best = usize::MAX;
    for m in 0..3 {
        if valid[m] && (best == usize::MAX || scores[m] > scores[best]) {
            best = m;
        }
    }
    best
}

/// The best valid class of a joint (move, label) classifier: 0 = SHIFT, 1 + l = LEFT with
/// label l, 1 + L + l = RIGHT with label l.
pub(crate) fn best_valid_joint(scores: &[f32], valid: &[bool; 3], nl: usize) -> usize {
    let mut best = usize::MAX;
    for (c, &sc) in scores.iter().enumerate() {
        let mv = joint_move(c, nl);
        if valid[mv] && (best == usize::MAX || sc > scores[best]) {
            best = c;
        }
    }
    best
}

/// The move of a joint class.
#[inline]
pub(crate) fn joint_move(c: usize, nl: usize) -> usize {
    if c == 0 {
        SHIFT
    } else if c <= nl {
        LEFT
    } else {
        RIGHT
    }
}

/// The label of a joint class (0 for SHIFT).
#[inline]
pub(crate) fn joint_label(c: usize, nl: usize) -> u8 {
    if c == 0 {
        0
    } else if c <= nl {
        (c - 1) as u8
    } else {
        (c - 1 - nl) as u8
    }
}

/// Parse a tagged sentence: (head per word, `None` = root; label index per word). With a
/// 3-class `parser` the labels come from `labeller`; otherwise `parser` is a joint
/// (move, label) classifier over `labeller.nclass()` labels.
pub(crate) fn parse<P: Scorer, L: Scorer>(
    parser: &P,
    labeller: &L,
    ws: &[WordFeats],
    tags: &[u16],
) -> (Vec<Option<usize>>, Vec<u8>) {
    let n = ws.len();
    let toks = toks(ws, tags);
    let mut st = State::new(n);
    let mut feats = Vec::with_capacity(96);
    let nl = labeller.nclass().max(1);
    let joint = parser.nclass() == 1 + 2 * nl;
    let mut scores = vec![0f32; parser.nclass().max(3)];
    let mut lscores = vec![0f32; nl];
    while !st.is_final() {
        st.features(&toks, &mut feats);
        parser.score(&feats, &mut scores);
        let valid = st.valid();
        let (mv, label) = if joint {
            let c = best_valid_joint(&scores, &valid, nl);
            (joint_move(c, nl), joint_label(c, nl))
        } else {
            let mv = best_valid(&scores[..3], &valid);
            let label = if mv == SHIFT {
                0
            } else {
                let (h, d) = st.arc(mv);
                st.label_features(&toks, h, d, &mut feats);
                labeller.score(&feats, &mut lscores);
                argmax(&lscores) as u8
            };
            (mv, label)
        };
        st.apply(mv, label);
    }
    let heads = (1..=n)
        .map(|i| match st.heads[i] {
            0 | NONE => None,
            h => Some(h as usize - 1),
        })
        .collect();
    (heads, st.labels[1..=n].to_vec())
}

/// Dynamic-oracle costs of the three moves (`gold[i]` = gold head of position i, i >= 1);
/// invalid moves cost `u32::MAX`.
pub(crate) fn costs(st: &State, gold: &[u32]) -> [u32; 3] {
    let valid = st.valid();
    let (s0, s1) = (st.s(0), st.s(1));
    let b = st.b as u32;
    let n = st.n as u32;
    let in_beta = |k: u32| k != NONE && k >= b && k <= n && k >= 1;
    let mut c = [u32::MAX; 3];
    if valid[SHIFT] {
        let mut cost = 0;
        let top = st.stack.len() - 1;
        for (j, &d) in st.stack.iter().enumerate() {
            if d != 0 && gold[d as usize] == b {
                cost += 1;
            }
            if j != top && gold[b as usize] == d {
                cost += 1;
            }
        }
        c[SHIFT] = cost;
    }
    if valid[LEFT] || valid[RIGHT] {
        let deps_in_beta = (b..=n).filter(|&k| gold[k as usize] == s0).count() as u32;
        let gh = gold[s0 as usize];
        if valid[LEFT] {
            c[LEFT] = deps_in_beta + u32::from(gh != b && (gh == s1 || in_beta(gh)));
        }
        if valid[RIGHT] {
            c[RIGHT] = deps_in_beta + u32::from(in_beta(gh));
        }
    }
    c
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Following zero-cost moves from the start rebuilds any projective tree.
    #[test]
    fn oracle_rebuilds_projective_tree() {
        // "The United States imposed sanctions on Russia ." heads (1-based, 0 root)
        let gold = [0u32, 3, 3, 4, 0, 4, 7, 4, 4];
        let n = gold.len() - 1;
        let mut st = State::new(n);
        while !st.is_final() {
            let c = costs(&st, &gold);
            let mv = (0..3).find(|&m| c[m] == 0).expect("a zero-cost move");
            st.apply(mv, 0);
        }
        assert_eq!(&st.heads[1..=n], &gold[1..]);
    }
}

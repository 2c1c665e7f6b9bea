//! Sentence-level rules: mentions in context, coreference, clauses, triggers, pairing.

use std::collections::BTreeSet;

use super::gazetteer::{self, Form, FormType, RawMention};
use super::{ActorInfo, ActorKind, ArticleExtraction, Compiled, Mention, RelationMention};
use crate::text::{Span, split_sentences};

/// A constant set of words with an open-addressing hash table built at compile time: exact
/// lookups in a few instructions instead of a scan of the list.
struct Words {
    list: &'static [&'static str],
    table: [u8; 256],
}

const fn word_hash(b: &[u8]) -> usize {
    let n = b.len();
    if n == 0 {
        return 0;
    }
    let h = (n as u32)
        .wrapping_mul(0x9E37_79B1)
        .wrapping_add((b[0] as u32).wrapping_mul(0x85EB_CA6B))
        .wrapping_add((b[n - 1] as u32).wrapping_mul(0xC2B2_AE35))
        .wrapping_add((b[n / 2] as u32).wrapping_mul(0x27D4_EB2F));
    ((h ^ (h >> 15)).wrapping_mul(0x2C1B_3C6D) >> 24) as usize
}

impl Words {
    const fn new(list: &'static [&'static str]) -> Words {
        assert!(list.len() < 200);
        let mut table = [0u8; 256];
        let mut i = 0;
        while i < list.len() {
            let mut j = word_hash(list[i].as_bytes()) & 255;
            while table[j] != 0 {
                j = (j + 1) & 255;
            }
            table[j] = (i + 1) as u8;
            i += 1;
        }
        Words { list, table }
    }

    /// The listed word equal to `w`.
    #[inline]
    fn get<S: AsRef<str> + ?Sized>(&self, w: &S) -> Option<&'static str> {
        let w = w.as_ref();
        let mut j = word_hash(w.as_bytes()) & 255;
        loop {
            let k = self.table[j] as usize;
            if k == 0 {
                return None;
            }
            let x = self.list[k - 1];
            if x == w {
                return Some(x);
            }
            j = (j + 1) & 255;
        }
    }

    #[inline]
    fn contains<S: AsRef<str> + ?Sized>(&self, w: &S) -> bool {
        self.get(w).is_some()
    }

    fn iter(&self) -> std::slice::Iter<'static, &'static str> {
        self.list.iter()
    }
}

/// A resolved actor occurrence in a sentence (a name, or a coreferent phrase for 1+ actors).
#[derive(Debug, Clone, Default)]
struct Occ {
    s: usize,
    e: usize,
    /// Token range [ts, te).
    ts: usize,
    te: usize,
    actors: Vec<u32>,
    /// A location ("in Syria"): not a party to relations.
    loc: bool,
    /// Named in a "with support from ..." list: helps, does not act.
    supporter: bool,
    /// Joined to the next occurrence by a hyphen ("Russian-Iranian").
    hyphen_next: bool,
    /// Joined to the previous occurrence in a list ("US, Qatar and Egypt").
    glued: bool,
    /// The preposition that governs it ("sanctions against X": "against").
    pp: Option<&'static str>,
    /// Addressee of a call or request ("urge China to").
    addressee: bool,
    /// A person's name (for "he"/"she").
    person: bool,
    /// A pronoun or other coreferent phrase.
    pronoun: bool,
    /// The source of a report ("Russian officials said"): not a party.
    attribution: bool,
    /// "we", "they", "he": never an object.
    subj_pronoun: bool,
    /// "civilians in X": X receives what is given.
    beneficiary: bool,
}

#[derive(Debug, Clone, Copy)]
struct Tok {
    s: usize,
    e: usize,
    word: bool,
}

#[derive(Debug, Clone, Copy)]
struct Trig {
    s: usize,
    e: usize,
    ts: usize,
    te: usize,
    kind: u16,
    group: bool,
    target: bool,
    /// Negated, hypothetical or conditional: asserts nothing.
    dead: bool,
}

/// `COREF_KEYS` as a bitmap (length, first letter, last letter; low 5 bits of each letter):
/// a superset of the keys, the exact check follows.
const COREF_FILTER: [u32; 16 * 32] = {
    let mut t = [0u32; 16 * 32];
    let mut i = 0;
    while i < COREF_KEYS.len() {
        let (n, f, l) = COREF_KEYS[i];
        t[n * 32 + (f & 31) as usize] |= 1 << (l & 31);
        i += 1;
    }
    t
};

/// Whether a word may be one of `COREF_WORDS` (any case).
#[inline]
fn coref_key_maybe(b: &[u8]) -> bool {
    let n = b.len();
    n > 0 && n < 16 && COREF_FILTER[n * 32 + (b[0] & 31) as usize] & (1 << (b[n - 1] & 31)) != 0
}

const LOC_PREPS: Words = Words::new(&[
    "in",
    "inside",
    "within",
    "across",
    "throughout",
    "near",
    "around",
    "outside",
]);
const SEAT_LOC_PREPS: Words = Words::new(&[
    "in",
    "at",
    "inside",
    "within",
    "across",
    "throughout",
    "near",
    "around",
    "outside",
    "to",
    "from",
    "into",
    "via",
    "toward",
    "towards",
    "of",
    "visited",
    "visit",
    "visiting",
    "reach",
    "reached",
]);
const TITLE_WORDS: Words = Words::new(&[
    "President",
    "Vice",
    "Prime",
    "Minister",
    "Ministers",
    "Foreign",
    "Defence",
    "Defense",
    "Secretary",
    "General",
    "National",
    "Security",
    "Advisor",
    "Adviser",
    "Ambassador",
    "Envoy",
    "Special",
    "Deputy",
    "Chancellor",
    "Gen",
    "Gen.",
    "Admiral",
    "Commander",
    "Chief",
    "Supreme",
    "Leader",
    "King",
    "Queen",
    "Crown",
    "Prince",
    "Emir",
    "Sheikh",
    "Premier",
    "Spokesman",
    "Spokeswoman",
    "Spokesperson",
    "Interior",
    "Finance",
    "Trade",
    "Economy",
    "Energy",
    "Senator",
    "Governor",
    "Under",
    "Director",
    "Head",
    "Affairs",
    "of",
    "State",
    "for",
    "Political",
    "Army",
    "Staff",
    "Navy",
    "Air",
    "Force",
    "counterpart",
    "Counterpart",
    "Lt",
    "Col",
    "Major",
    "Colonel",
    "Lieutenant",
    "Mr",
    "Mrs",
    "Ms",
    "Dr",
    "Sir",
    "Lord",
    "Ayatollah",
    "Justice",
    "Attorney",
    "Speaker",
    "Parliament",
    "Assistant",
    "Senior",
    "Officer",
    "Official",
    "Representative",
    "Commissioner",
    "the",
    "Secretary-General",
    "External",
    "Cabinet",
    "Permanent",
    "Chairman",
    "Chair",
    "Chairwoman",
    "Vice-President",
    "Vice-Premier",
    "Field",
    "Marshal",
    "Brigadier",
    "Home",
    "Foreign-Minister",
    "Sheikha",
    "Sultan",
    "Emira",
    "Pope",
    "Cardinal",
]);
/// Role nouns of people who act in their own right, not for a state.
pub(crate) const ROLE_WORDS: &[&str] = &[
    "analyst",
    "director",
    "expert",
    "professor",
    "researcher",
    "scholar",
    "academic",
    "writer",
    "journalist",
    "activist",
    "dissident",
    "commentator",
    "economist",
    "historian",
    "warlord",
    "rebel leader",
    "militia leader",
    "opposition leader",
    "founder",
    "fellow",
];
const COREF_WORDS: Words = Words::new(&[
    "we",
    "our",
    "ours",
    "us",
    "i",
    "my",
    "they",
    "he",
    "she",
    "both",
    "two",
    "three",
    "four",
    "the",
    "its",
    "advisors",
    "advisers",
    "ministers",
    "leaders",
    "presidents",
    "secretaries",
]);
/// (length, first letter, last letter) of `COREF_WORDS`, lower-cased.
const COREF_KEYS: &[(usize, u8, u8)] = &[
    (2, b'w', b'e'),
    (3, b'o', b'r'),
    (4, b'o', b's'),
    (2, b'u', b's'),
    (1, b'i', b'i'),
    (2, b'm', b'y'),
    (4, b't', b'y'),
    (2, b'h', b'e'),
    (3, b's', b'e'),
    (4, b'b', b'h'),
    (3, b't', b'o'),
    (5, b't', b'e'),
    (4, b'f', b'r'),
    (3, b't', b'e'),
    (3, b'i', b's'),
    (8, b'a', b's'),
    (9, b'm', b's'),
    (7, b'l', b's'),
    (10, b'p', b's'),
    (11, b's', b's'),
];
const GROUP_NOUNS: Words = Words::new(&[
    "leaders",
    "presidents",
    "ministers",
    "advisors",
    "advisers",
    "sides",
    "countries",
    "nations",
    "governments",
    "states",
    "powers",
    "delegations",
    "allies",
    "parties",
    "secretaries",
    "capitals",
    "neighbours",
    "neighbors",
    "partners",
]);
const NEGATORS: Words = Words::new(&[
    "not", "never", "no", "nor", "neither", "without", "cannot", "didn", "don", "doesn", "won",
    "wouldn", "hasn", "haven", "isn", "aren", "wasn", "weren", "refused", "refuses", "refusing",
    "failed", "fails", "failing", "denied", "denies", "deny",
]);
const PEOPLE_NOUNS: Words = Words::new(&[
    "people",
    "peoples",
    "citizens",
    "civil",
    "civilians",
    "journalists",
    "opposition",
    "dissidents",
    "activists",
    "population",
    "nationals",
    "students",
    "workers",
    "youth",
    "families",
    "voters",
    "public",
    "diaspora",
    "refugees",
    "migrants",
    "society",
]);
const GEO_NOUNS: Words = Words::new(&[
    "Ocean",
    "Sea",
    "Peninsula",
    "Gulf",
    "Subcontinent",
    "Strait",
    "Straits",
    "Basin",
    "River",
    "Mountains",
    "Plateau",
    "Desert",
    "Coast",
    "Riviera",
    "Bay",
    "Lake",
    "Cape",
    "Isle",
    "Islands",
    "Horn",
]);
const DIRECTIONS: Words = Words::new(&[
    "northern",
    "southern",
    "eastern",
    "central",
    "north",
    "south",
    "east",
    "west",
    "northeastern",
    "northwestern",
    "southeastern",
    "southwestern",
    "occupied",
    "rural",
    "western",
]);
const DOC_NOUNS: Words = Words::new(&[
    "Resolution",
    "Resolutions",
    "resolution",
    "resolutions",
    "Charter",
    "Convention",
    "Declaration",
    "Report",
    "report",
    "Law",
]);
const NONACTOR_SUBJECTS: Words = Words::new(&[
    "countries",
    "nations",
    "states",
    "governments",
    "firms",
    "companies",
    "banks",
    "people",
    "groups",
    "militants",
    "fighters",
    "rebels",
    "troops",
    "forces",
    "officials",
    "individuals",
    "entities",
    "those",
    "others",
    "anyone",
    "everyone",
    "actors",
    "critics",
    "analysts",
    "experts",
    "investors",
    "traders",
    "buyers",
    "sellers",
    "smugglers",
    "gangs",
    "criminals",
]);
/// Triggers that are mutual by nature when a plural subject has them ("X and Y traded
/// accusations", "X and Y, long-time rivals").
const RECIPROCAL: Words = Words::new(&[
    "tension",
    "tensions",
    "rival",
    "rivals",
    "rivalry",
    "rivalries",
    "dispute",
    "disputes",
    "friction",
    "frictions",
    "rift",
    "rifts",
    "accusations",
    "clash",
    "clashes",
    "clashed",
    "fight",
    "fighting",
    "fought",
    "hostilities",
    "war",
    "wars",
    "conflict",
    "conflicts",
    "exchanged fire",
    "exchange of fire",
    "traded fire",
    "exchanging fire",
    "feud",
    "standoff",
    "mistrust",
    "distrust",
    "suspicion",
    "suspicions",
    "animosity",
    "antagonism",
    "soured",
    "sour",
    "souring",
    "strained",
    "battle",
    "battles",
    "competition",
    "competitive",
    "adversary",
    "adversaries",
    "skirmish",
    "skirmishes",
]);
const MODALS: Words = Words::new(&["could", "would", "might", "may"]);
const HYPO: Words = Words::new(&[
    "prevent",
    "prevents",
    "preventing",
    "avoid",
    "avoids",
    "avoiding",
    "avert",
    "averting",
    "risks",
    "risk",
    "potentially",
    "possible",
    "possibly",
    "hypothetical",
    "veering",
    "de",
    "defuse",
    "ease",
    "easing",
    "reduce",
    "reducing",
]);
const CONDITIONAL: Words = Words::new(&["if", "unless", "whether"]);
const CLAUSE_WORDS: Words = Words::new(&["but", "while", "whereas", "although", "though"]);
const LIST_GLUE: Words = Words::new(&["and", "or", "the", "as", "well", "s", "both", "also"]);

/// An ASCII-lower-cased view of a short word: the word itself when it has no upper-case
/// ASCII letter (no copy), else a copy on the stack (empty when longer than 24 bytes).
struct Lc<'a> {
    orig: &'a str,
    buf: [u8; 24],
    len: usize,
    owned: bool,
}

impl<'a> Lc<'a> {
    fn as_str(&self) -> &str {
        if self.owned {
            std::str::from_utf8(&self.buf[..self.len]).unwrap_or("")
        } else {
            self.orig
        }
    }
}

impl std::ops::Deref for Lc<'_> {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl PartialEq<&str> for Lc<'_> {
    fn eq(&self, o: &&str) -> bool {
        self.as_str() == *o
    }
}

trait LcExt {
    fn lc(&self) -> Lc<'_>;
}

impl LcExt for str {
    fn lc(&self) -> Lc<'_> {
        let mut l = Lc {
            orig: self,
            buf: [0; 24],
            len: 0,
            owned: false,
        };
        if self.bytes().any(|b| b.is_ascii_uppercase()) {
            l.owned = true;
            if self.len() <= 24 {
                l.buf[..self.len()].copy_from_slice(self.as_bytes());
                l.buf[..self.len()].make_ascii_lowercase();
                l.len = self.len();
            }
        }
        l
    }
}

fn is_cap(w: &str) -> bool {
    w.chars().next().is_some_and(|c| c.is_uppercase())
}

#[inline(never)]
fn tokenize(text: &str, s0: usize, e0: usize, out: &mut Vec<Tok>) {
    out.clear();
    let sent = &text[s0..e0];
    let bytes = sent.as_bytes();
    let n = bytes.len();
    let mut start: Option<usize> = None;
    let mut i = 0;
    while i < n {
        let b = bytes[i];
        // ASCII fast path (a run of letters and digits at once); other chars are decoded.
        let (alnum, space, len) = if b < 0x80 {
            if ALNUM[b as usize] {
                if start.is_none() {
                    start = Some(i);
                }
                i += 1;
                while i < n && ALNUM[bytes[i] as usize] {
                    i += 1;
                }
                continue;
            }
            (false, matches!(b, b' ' | b'\t'..=b'\r'), 1)
        } else {
            let c = sent[i..].chars().next().unwrap_or(' ');
            (is_alnum(c), c.is_whitespace(), c.len_utf8())
        };
        if alnum {
            if start.is_none() {
                start = Some(i);
            }
        } else {
            if let Some(st) = start.take() {
                out.push(Tok {
                    s: s0 + st,
                    e: s0 + i,
                    word: true,
                });
            }
            if !space {
                out.push(Tok {
                    s: s0 + i,
                    e: s0 + i + len,
                    word: false,
                });
            }
        }
        i += len;
    }
    if let Some(st) = start {
        out.push(Tok {
            s: s0 + st,
            e: e0,
            word: true,
        });
    }
}

/// Index of the first token starting at or after `pos`.
fn tok_at(toks: &[Tok], pos: usize) -> usize {
    toks.partition_point(|t| t.s < pos)
}

/// Index one past the last token ending at or before `pos`.
fn tok_end(toks: &[Tok], pos: usize) -> usize {
    toks.partition_point(|t| t.e <= pos)
}

/// The words before byte position `pos` in the sentence starting at `s0` (up to `n`).
fn words_before(text: &str, s0: usize, pos: usize, n: usize) -> WordsBefore<'_> {
    let mut out = WordsBefore::default();
    let seg = &text[s0..pos];
    // Only the tail matters: at most ~20 bytes per word.
    let mut from = seg.len().saturating_sub(24 * n);
    while !seg.is_char_boundary(from) {
        from += 1;
    }
    let s = &seg[from..];
    let b = s.as_bytes();
    let n = n.min(out.words.len());
    // The char ending at byte `end`: whether it is alphanumeric, and its length.
    #[inline(always)]
    fn back(s: &str, end: usize) -> (bool, usize) {
        let x = s.as_bytes()[end - 1];
        if x < 0x80 {
            (ALNUM[x as usize], 1)
        } else {
            let c = s[..end].chars().next_back().unwrap_or(' ');
            (is_alnum(c), c.len_utf8())
        }
    }
    let mut end = b.len();
    while out.len < n {
        while end > 0 {
            let (alnum, l) = back(s, end);
            if alnum {
                break;
            }
            end -= l;
        }
        if end == 0 {
            break;
        }
        let mut start = end;
        while start > 0 {
            let (alnum, l) = back(s, start);
            if !alnum {
                break;
            }
            start -= l;
        }
        out.words[out.len] = &s[start..end];
        out.len += 1;
        end = start;
    }
    out
}

/// `char::is_alphanumeric` with fast paths: ASCII, and the General Punctuation block
/// (U+2000..U+206F: curly quotes, dashes, spaces; no letter or digit, see the tests).
#[inline]
fn is_alnum(c: char) -> bool {
    if c.is_ascii() {
        ALNUM[c as usize]
    } else if ('\u{2000}'..='\u{206F}').contains(&c) {
        false
    } else {
        c.is_alphanumeric()
    }
}

/// Whether the char at byte `i` of `s` is alphanumeric, and its length.
#[inline(always)]
fn fwd(s: &str, i: usize) -> (bool, usize) {
    let x = s.as_bytes()[i];
    if x < 0x80 {
        (ALNUM[x as usize], 1)
    } else {
        let c = s[i..].chars().next().unwrap_or(' ');
        (is_alnum(c), c.len_utf8())
    }
}

/// `s.split(|c| !c.is_alphanumeric()).next().unwrap_or("")`: the leading run of letters and
/// digits.
fn alnum_prefix(s: &str) -> &str {
    let mut i = 0;
    while i < s.len() {
        let (alnum, l) = fwd(s, i);
        if !alnum {
            break;
        }
        i += l;
    }
    &s[..i]
}

/// `s.split(|c| !c.is_alphanumeric()).filter(|w| !w.is_empty())` without a closure per char.
struct AlnumWords<'a> {
    s: &'a str,
    i: usize,
}

fn alnum_words(s: &str) -> AlnumWords<'_> {
    AlnumWords { s, i: 0 }
}

impl<'a> Iterator for AlnumWords<'a> {
    type Item = &'a str;
    #[inline]
    fn next(&mut self) -> Option<&'a str> {
        let n = self.s.len();
        while self.i < n {
            let (alnum, l) = fwd(self.s, self.i);
            if alnum {
                break;
            }
            self.i += l;
        }
        if self.i >= n {
            return None;
        }
        let start = self.i;
        while self.i < n {
            let (alnum, l) = fwd(self.s, self.i);
            if !alnum {
                break;
            }
            self.i += l;
        }
        Some(&self.s[start..self.i])
    }
}

/// ASCII letters and digits.
const ALNUM: [bool; 256] = {
    let mut t = [false; 256];
    let mut i = 0;
    while i < 128 {
        t[i] = (i as u8).is_ascii_alphanumeric();
        i += 1;
    }
    t
};

/// Up to 6 words before a position, nearest first (no allocation).
#[derive(Default)]
struct WordsBefore<'a> {
    words: [&'a str; 6],
    len: usize,
}

impl<'a> WordsBefore<'a> {
    fn first(&self) -> Option<&&'a str> {
        self.get(0)
    }
    fn get(&self, i: usize) -> Option<&&'a str> {
        if i < self.len {
            self.words.get(i)
        } else {
            None
        }
    }
    fn iter(&self) -> impl Iterator<Item = &&'a str> {
        self.words[..self.len].iter()
    }
}

#[derive(Default)]
struct DocState {
    /// Most recent distinct actors, most recent first.
    recent: Vec<u32>,
    last_person: Option<u32>,
    plural_subject: Vec<u32>,
    participants: Vec<u32>,
    issuer: Vec<u32>,
    /// The last pair of actors related without direction ("the two countries").
    pair: Vec<u32>,
    /// People of this article who act for no state (indices after the lexicon's actors).
    extra: Vec<ActorInfo>,
    /// Actor of the last sentence that starts with a single actor subject.
    last_subject: Option<u32>,
}

/// An actor by index: the lexicon's, then the article's own people.
fn actor_info<'a>(c: &'a Compiled, st: &'a DocState, i: u32) -> &'a ActorInfo {
    let i = i as usize;
    match c.actors.get(i) {
        Some(a) => a,
        None => &st.extra[i - c.actors.len()],
    }
}

/// People introduced with a role of their own ("Ruslan Pukhov, director of ...", "Jane Roe,
/// an analyst at ..."): new person actors, with their surname as a short form.
fn independent_people(
    c: &Compiled,
    text: &str,
    raw: &[RawMention],
    st: &mut DocState,
) -> Vec<(String, u32, FormType)> {
    let mut out = Vec::new();
    for m in c.roles_ac.find_iter(text) {
        let (s, e) = (m.start(), m.end());
        if gazetteer::word_before(text, s) || gazetteer::word_after(text, e) {
            continue;
        }
        // Back over "a"/"an"/"the" and up to three adjectives to ", " or " is ".
        let mut from = s.saturating_sub(80);
        while !text.is_char_boundary(from) {
            from += 1;
        }
        let before = &text[from..s];
        let Some(cut) = before.rfind([',', '\n', '.']) else {
            continue;
        };
        if before.as_bytes()[cut] != b',' {
            continue;
        }
        let between = &before[cut + 1..];
        if between.split_whitespace().count() > 4 {
            continue;
        }
        let head = &before[..cut];
        let words: Vec<&str> = head.rsplit(char::is_whitespace).take(3).collect();
        let mut name: Vec<&str> = Vec::new();
        for w in &words {
            if is_cap(w)
                && w.chars().all(|ch| ch.is_alphabetic() || ch == '-')
                && !TITLE_WORDS.contains(w)
            {
                name.insert(0, w);
            } else {
                break;
            }
        }
        if name.len() < 2 {
            continue;
        }
        let full = name.join(" ");
        let name_start = from + cut - full.len();
        // Mentions are sorted and do not overlap: the first one ending after the name starts.
        let k = raw.partition_point(|r| r.end <= name_start);
        if raw.get(k).is_some_and(|r| r.start < from + cut) {
            continue;
        }
        let id: String = full
            .chars()
            .filter_map(|ch| {
                if ch.is_ascii_alphanumeric() {
                    Some(ch.to_ascii_lowercase())
                } else if ch == ' ' || ch == '-' {
                    Some('_')
                } else {
                    None
                }
            })
            .collect();
        if id.is_empty() || st.extra.iter().any(|a| a.id == id) || c.index.contains_key(&id) {
            continue;
        }
        let idx = (c.actors.len() + st.extra.len()) as u32;
        st.extra.push(ActorInfo {
            id,
            name: full.clone(),
            kind: ActorKind::Person,
        });
        if let Some(last) = name.last().filter(|w| w.chars().count() >= 3) {
            out.push((last.to_string(), idx, FormType::PersonShort));
        }
        out.push((full, idx, FormType::Person));
    }
    out
}

fn push_recent(st: &mut DocState, a: u32) {
    st.recent.retain(|&x| x != a);
    st.recent.insert(0, a);
    st.recent.truncate(8);
}

pub(crate) fn extract(c: &Compiled, text: &str) -> ArticleExtraction {
    let sentences = split_sentences(text);
    let mut raw = c.gaz.find(text);
    // Dynamic person names: "<Demonym|State> <titles> <Name Name>".
    let mut st = DocState::default();
    let mut dynamic = person_names(c, text, &raw);
    dynamic.extend(independent_people(c, text, &raw, &mut st));
    if !dynamic.is_empty() {
        let pats: Vec<&str> = dynamic.iter().map(|(n, _, _)| n.as_str()).collect();
        let forms: Vec<Form> = dynamic
            .iter()
            .map(|&(_, a, ty)| Form { actor: a, ty })
            .collect();
        let extra = gazetteer::find_few(&pats, &forms, text);
        raw.extend(extra);
        raw.sort_by_key(|m| (m.start, std::cmp::Reverse(m.end)));
        let mut kept: Vec<RawMention> = Vec::with_capacity(raw.len());
        for m in raw {
            if kept.last().is_some_and(|k| m.start < k.end) {
                continue;
            }
            kept.push(m);
        }
        raw = kept;
    }

    // Triggers over the whole text.
    let mut trigs_all: Vec<(usize, usize, super::TrigInfo)> = Vec::new();
    for m in c.trig_ac.find_iter(text) {
        let (s, e) = (m.start(), m.end());
        if !text.is_char_boundary(s) || !text.is_char_boundary(e) {
            continue;
        }
        if gazetteer::word_before(text, s) || gazetteer::word_after(text, e) {
            continue;
        }
        let info = c.trig[m.pattern().as_usize()];
        trigs_all.push((s, e, info));
    }

    let mut out = ArticleExtraction {
        sentences: sentences.clone(),
        ..Default::default()
    };
    let mut toks: Vec<Tok> = Vec::with_capacity(256);
    let mut trigs: Vec<Trig> = Vec::new();
    let mut mi = 0usize;
    let mut ti = 0usize;
    let mut used: BTreeSet<u32> = BTreeSet::new();

    for (si, sent) in sentences.iter().enumerate() {
        // Mentions and triggers of this sentence.
        while mi < raw.len() && raw[mi].start < sent.start {
            mi += 1;
        }
        let m0 = mi;
        while mi < raw.len() && raw[mi].end <= sent.end {
            mi += 1;
        }
        while ti < trigs_all.len() && trigs_all[ti].0 < sent.start {
            ti += 1;
        }
        let t0 = ti;
        while ti < trigs_all.len() && trigs_all[ti].1 <= sent.end {
            ti += 1;
        }
        let ms = &raw[m0..mi];
        let ts = &trigs_all[t0..ti];
        let has_pronoun = ms.is_empty() && ts.is_empty();
        if has_pronoun {
            continue;
        }
        tokenize(text, sent.start, sent.end, &mut toks);
        let is_title = si == 0 && title_like(text, *sent);
        if si == 0 && is_title {
            doc_roles(text, &toks, ms, &mut st);
        }
        if si == 0 && st.issuer.is_empty() {
            st.issuer = authorial_issuer(c, text, &sentences, &raw);
        }
        let prev_person = st.last_person;
        let mut occs = build_occs(c, text, *sent, &toks, ms, &mut st);
        merge_titled(text, &mut occs);
        mark_hyphens(text, &mut occs);
        coref_occs(text, *sent, &toks, &mut occs, &mut st, prev_person);
        occs.sort_by_key(|o| o.s);
        if !ts.is_empty() {
            mark_supporters(text, &toks, &mut occs);
            annotate(text, &toks, &mut occs);
        }

        for o in &occs {
            for &a in &o.actors {
                used.insert(a);
                if o.pronoun {
                    // a pronoun is no name of its actor (aliases list names)
                    continue;
                }
                out.mentions.push(Mention {
                    actor: actor_info(c, &st, a).id.clone(),
                    sentence: si,
                    span: Span::new(o.s, o.e),
                });
            }
        }

        // Triggers not inside actor names ("Gulf Cooperation Council").
        trigs.clear();
        for &(s, e, info) in ts {
            if occs.iter().any(|o| s < o.e && o.s < e && !o.pronoun) {
                continue;
            }
            let w = &text[s..e];
            if is_cap(w) && !is_title && s != sent.start && in_proper_name(text, &toks, s, e) {
                continue;
            }
            trigs.push(Trig {
                s,
                e,
                ts: tok_at(&toks, s),
                te: tok_end(&toks, e),
                kind: info.kind,
                group: info.group,
                target: info.target,
                dead: false,
            });
        }
        let mut new_pair: Option<Vec<u32>> = None;
        if !trigs.is_empty() {
            let clauses = split_at_new_subjects(text, &toks, &occs, clause_bounds(text, &toks));
            let conds: Vec<usize> = toks
                .iter()
                .enumerate()
                .filter(|(_, x)| {
                    x.word
                        && x.e - x.s <= 7
                        && matches!(text.as_bytes()[x.s] | 0x20, b'i' | b'u' | b'w')
                })
                .filter(|(_, x)| {
                    let w = &text[x.s..x.e];
                    CONDITIONAL.iter().any(|c| c.eq_ignore_ascii_case(w))
                })
                .map(|(k, _)| k)
                .collect();
            let clause_of = |t: &Trig| {
                clauses
                    .iter()
                    .copied()
                    .find(|&(a, b)| t.ts >= a && t.ts < b)
                    .unwrap_or((0, toks.len()))
            };
            // `blocked` does not read `dead`: set each in place.
            for k in 0..trigs.len() {
                let t = &trigs[k];
                let d = blocked(text, &toks, clause_of(t).0, t, &trigs, &conds);
                trigs[k].dead = d;
            }
            for t in &trigs {
                let (cs, ce) = clause_of(t);
                if t.dead {
                    continue;
                }
                let n0 = out.relations.len();
                relate(
                    c,
                    text,
                    &toks,
                    &occs,
                    &trigs,
                    t,
                    cs,
                    ce,
                    si,
                    &st,
                    &mut out.relations,
                );
                // The last undirected pair is the salient "two countries".
                if let Some(r) = out.relations[n0..].iter().rev().find(|r| !r.directed) {
                    let a = c.index.get(r.source.as_str());
                    let b = c.index.get(r.target.as_str());
                    if let (Some(&a), Some(&b)) = (a, b) {
                        new_pair = Some(vec![a, b]);
                    }
                }
            }
        }
        if let Some(p) = new_pair.take() {
            st.pair = p;
        }

        // Update document state.
        update_state(text, &toks, &occs, &mut st);
    }

    for r in &out.relations {
        for id in [&r.source, &r.target] {
            if let Some(&i) = c.index.get(id.as_str()) {
                used.insert(i);
            }
        }
    }
    let mut actors: Vec<ActorInfo> = used
        .iter()
        .map(|&a| actor_info(c, &st, a).clone())
        .collect();
    actors.sort_by(|a, b| a.id.cmp(&b.id));
    out.actors = actors;
    dedup_relations(&mut out.relations);
    out
}

/// Drop repeated relations of one sentence (relations come in sentence order).
fn dedup_relations(rels: &mut Vec<RelationMention>) {
    fn key(r: &RelationMention) -> (&str, &str, &str, bool) {
        let (a, b) = if r.directed || r.source < r.target {
            (r.source.as_str(), r.target.as_str())
        } else {
            (r.target.as_str(), r.source.as_str())
        };
        (a, b, r.kind.as_str(), r.directed)
    }
    let mut out: Vec<RelationMention> = Vec::with_capacity(rels.len());
    let mut start = 0;
    for r in rels.drain(..) {
        if out.last().is_some_and(|l| l.sentence != r.sentence) {
            start = out.len();
        }
        if !out[start..].iter().any(|o| key(o) == key(&r)) {
            out.push(r);
        }
    }
    *rels = out;
}

/// A title/headline: the first sentence on its own line without a final full stop.
fn title_like(text: &str, s: Span) -> bool {
    let t = s.text(text);
    let own_line = text[s.end..].starts_with('\n') || s.end == text.len();
    own_line && !t.ends_with('.')
}

/// Whether a capitalised trigger is part of a Proper Name (capitalised neighbours).
fn in_proper_name(text: &str, toks: &[Tok], s: usize, e: usize) -> bool {
    let i = tok_at(toks, s);
    let j = tok_end(toks, e);
    let mut pi = i;
    while pi > 0 && matches!(&text[toks[pi - 1].s..toks[pi - 1].e], "’" | "'" | "s") {
        pi -= 1;
    }
    let prev = pi.checked_sub(1).map(|k| toks[k]);
    let next = toks.get(j).copied();
    let cap = |t: Option<Tok>| t.is_some_and(|t| t.word && is_cap(&text[t.s..t.e]));
    cap(prev) || cap(next)
}

/// Document roles from the title: participants of a meeting/joint text, and the issuer of an
/// official statement.
fn doc_roles(text: &str, toks: &[Tok], ms: &[RawMention], st: &mut DocState) {
    let title = &text[toks.first().map_or(0, |t| t.s)..toks.last().map_or(0, |t| t.e)];
    let has = |w: &str| title.split(|c: char| !is_alnum(c)).any(|x| x == w);
    // Actors before " on " / " about " (the topic), excluding locations.
    let cut = toks
        .iter()
        .position(|t| t.word && matches!(&text[t.s..t.e], "on" | "about" | "regarding" | "in"))
        .map(|i| toks[i].s)
        .unwrap_or(usize::MAX);
    let mut actors: Vec<u32> = Vec::new();
    for m in ms {
        if m.start >= cut || m.ty == FormType::Seat {
            continue;
        }
        if !actors.contains(&m.actor) {
            actors.push(m.actor);
        }
    }
    let meeting = [
        "Joint",
        "Meeting",
        "Talks",
        "Summit",
        "Dialogue",
        "Call",
        "between",
        "Trilateral",
        "Bilateral",
        "meeting",
        "talks",
        "with",
    ]
    .iter()
    .any(|w| has(w));
    if meeting && actors.len() >= 2 {
        st.participants = actors.clone();
    }
    let statement = [
        "Statement",
        "Readout",
        "Fact",
        "Release",
        "Remarks",
        "Communiqué",
        "Communique",
        "Declaration",
        "Joint",
        "Press",
    ]
    .iter()
    .any(|w| has(w));
    if statement && let Some(&first) = actors.first() {
        if has("Joint") && actors.len() >= 2 {
            st.issuer = actors;
        } else {
            st.issuer = vec![first];
        }
    }
}

/// The author of an official statement that speaks as "we": the subject of the last
/// sentence before the first authorial "we" that opens with a state or organisation
/// ("The United States reaffirms ... We also reaffirm").
#[inline(never)]
fn authorial_issuer(c: &Compiled, text: &str, sentences: &[Span], raw: &[RawMention]) -> Vec<u32> {
    let is_we = |s: &str| {
        s.split(|ch: char| !is_alnum(ch))
            .any(|w| w == "We" || w == "we")
            && !s.contains(['“', '"'])
    };
    let Some(k) = sentences.iter().position(|sp| is_we(sp.text(text))) else {
        return Vec::new();
    };
    let mut found = None;
    let mut mi = 0;
    for sp in &sentences[..k] {
        while mi < raw.len() && raw[mi].start < sp.start {
            mi += 1;
        }
        let Some(m) = raw.get(mi).filter(|m| m.end <= sp.end) else {
            continue;
        };
        let lead = &text[sp.start..m.start];
        let Some(kind) = c.actors.get(m.actor as usize).map(|a| a.kind) else {
            continue;
        };
        // the name is the subject, not a possessor ("China's actions undermine ...")
        let after = &text[m.end..sp.end];
        let possessor = after.starts_with("'s") || after.starts_with("’s");
        if (lead.is_empty() || lead == "The " || lead == "the ")
            && matches!(kind, ActorKind::State | ActorKind::Organisation)
            && m.ty == FormType::Name
            && !possessor
        {
            found = Some(m.actor);
        }
    }
    found.map(|a| vec![a]).unwrap_or_default()
}

/// Person names introduced with a nationality and a title: "Russian Defence Minister Sergey
/// Shoygu", "his Iranian counterpart Hussain Dehghan". Returns (form, actor, type).
#[inline(never)]
fn person_names(c: &Compiled, text: &str, raw: &[RawMention]) -> Vec<(String, u32, FormType)> {
    let mut out: Vec<(String, u32, FormType)> = Vec::new();
    for m in raw {
        if !matches!(m.ty, FormType::Demonym | FormType::Name) {
            continue;
        }
        if c.actors[m.actor as usize].kind == ActorKind::Person {
            continue;
        }
        // Walk words after the mention (same sentence only).
        let rest = &text[m.end..];
        if !rest.starts_with(' ') {
            continue;
        }
        // Only a title word or a capitalised word can follow.
        if !rest[1..].starts_with(|ch: char| ch.is_uppercase() || ch == 'c') {
            continue;
        }
        let mut cut = rest.len().min(200);
        while !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        let rest = &rest[..cut];
        let mut titles = 0;
        let mut name: Vec<&str> = Vec::new();
        for w in rest.split(' ').skip(1) {
            if w.contains(['\n', '\r']) {
                break;
            }
            let clean = w.trim_end_matches([',', '.', ';', ':', ')', '’', '\'']);
            let ends = clean.len() != w.len();
            if clean.is_empty() {
                break;
            }
            if name.is_empty() && TITLE_WORDS.contains(&clean) {
                titles += 1;
                if ends {
                    break;
                }
                continue;
            }
            let first = clean.chars().next().unwrap_or(' ');
            if first.is_uppercase()
                && clean.chars().all(|ch| ch.is_alphabetic() || ch == '-')
                && name.len() < 3
            {
                name.push(clean);
                if ends {
                    break;
                }
                continue;
            }
            break;
        }
        if titles == 0 || name.len() < 2 {
            continue;
        }
        let full = name.join(" ");
        out.push((full, m.actor, FormType::Person));
        for part in [name[0], name[name.len() - 1]] {
            if part.chars().count() >= 3 && !TITLE_WORDS.contains(&part) {
                out.push((part.to_owned(), m.actor, FormType::PersonShort));
            }
        }
    }
    // "<Name Name> represented the United States"
    for m in raw {
        if !matches!(m.ty, FormType::Name) {
            continue;
        }
        let mut from = m.start.saturating_sub(120);
        while !text.is_char_boundary(from) {
            from += 1;
        }
        let before = &text[from..m.start];
        let b = before.strip_suffix("the ").unwrap_or(before);
        let Some(b) = b
            .strip_suffix(" represented ")
            .or_else(|| b.strip_suffix(" represents "))
            .or_else(|| b.strip_suffix(", representing "))
        else {
            continue;
        };
        let words: Vec<&str> = b.rsplit(' ').take(2).collect();
        if words.len() == 2
            && words
                .iter()
                .all(|w| is_cap(w) && w.chars().all(|ch| ch.is_alphabetic() || ch == '-'))
            && !words.iter().any(|w| TITLE_WORDS.contains(w))
        {
            out.push((
                format!("{} {}", words[1], words[0]),
                m.actor,
                FormType::Person,
            ));
            out.push((words[0].to_owned(), m.actor, FormType::PersonShort));
        }
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out.dedup_by(|a, b| a.0 == b.0);
    out
}

#[inline(never)]
fn build_occs(
    c: &Compiled,
    text: &str,
    sent: Span,
    toks: &[Tok],
    ms: &[RawMention],
    st: &mut DocState,
) -> Vec<Occ> {
    let mut occs: Vec<Occ> = Vec::with_capacity(ms.len());
    for (k, m) in ms.iter().enumerate() {
        let ts = tok_at(toks, m.start);
        let te = tok_end(toks, m.end).max(ts + 1).min(toks.len());
        let after = &text[m.end..sent.end];
        let next_word_cap = {
            let a = after.trim_start_matches(' ');
            a.len() < after.len() && a.chars().next().is_some_and(|ch| ch.is_uppercase())
        };
        let kind = actor_info(c, st, m.actor).kind;
        let mut loc = false;
        let mut beneficiary = false;
        // "UN Security Council (UNSC) resolutions": a document, not the actor.
        {
            let mut a = after.trim_start();
            if a.starts_with('(')
                && let Some(close) = a.find(')')
            {
                a = a[close + 1..].trim_start();
            }
            let nw = alnum_prefix(a);
            if DOC_NOUNS.contains(&nw) && kind != ActorKind::State {
                continue;
            }
        }
        match m.ty {
            FormType::Seat => {
                if after.starts_with("-based")
                    || after.starts_with("-born")
                    || after.starts_with("-headquartered")
                {
                    continue;
                }
                if next_word_cap {
                    continue;
                }
                let pw = words_before(text, sent.start, m.start, 2);
                let p = if pw.first().is_some_and(|w| *w == "the" || *w == "The") {
                    pw.get(1)
                } else {
                    pw.first()
                };
                if p.is_some_and(|w| SEAT_LOC_PREPS.contains(&w.lc().as_str())) {
                    continue;
                }
            }
            FormType::Name => {
                // "the West Bank", "Western Sahara": part of a place name.
                if kind == ActorKind::Collective && next_word_cap {
                    continue;
                }
                // "the South China Sea": part of a place name.
                if next_word_cap && {
                    let nw = alnum_prefix(after.trim_start());
                    GEO_NOUNS.contains(&nw)
                } {
                    continue;
                }
                if after.starts_with("-based") {
                    continue;
                }
                let pw = words_before(text, sent.start, m.start, 3);
                let skip = pw
                    .iter()
                    .take_while(|w| **w == "the" || DIRECTIONS.contains(w))
                    .count();
                let p = pw.get(skip);
                if p.is_some_and(|w| LOC_PREPS.contains(&w.lc().as_str())) {
                    loc = true;
                    // "aid to civilians in Lebanon": the people of the place benefit.
                    if skip == 0 && pw.get(1).is_some_and(|w| PEOPLE_NOUNS.contains(w)) {
                        loc = false;
                        beneficiary = true;
                    }
                }
                // "the Sea of Japan", "the Gulf of Oman"
                if pw.first().is_some_and(|w| *w == "of")
                    && pw.get(1).is_some_and(|w| GEO_NOUNS.contains(w))
                {
                    loc = true;
                }
                // "inside and outside of Belarus"
                if pw.first().is_some_and(|w| *w == "of") {
                    let pw3 = words_before(text, sent.start, m.start, 2);
                    if pw3.get(1).is_some_and(|w| LOC_PREPS.contains(w)) {
                        loc = true;
                    }
                }
                // "in Lima, Peru": a state after a place.
                let before = text[sent.start..m.start].trim_end();
                if before.ends_with(',')
                    && let Some(prev) = occs.last()
                    && prev.loc
                    && k > 0
                    && ms[k - 1].ty == FormType::Seat
                {
                    loc = true;
                }
                if before.ends_with(',')
                    && k > 0
                    && ms[k - 1].ty == FormType::Seat
                    && occs.last().is_none_or(|o| o.e != ms[k - 1].end)
                {
                    // The seat before was dropped as a location: this is its country.
                    loc = true;
                }
            }
            FormType::Person | FormType::PersonShort => {
                st.last_person = Some(m.actor);
            }
            FormType::Demonym
                if next_word_cap && {
                    let nw = alnum_prefix(after.trim_start());
                    GEO_NOUNS.contains(&nw)
                } =>
            {
                continue;
            }
            FormType::Demonym => {
                // "Russian civil society", "Iranian people": the population, not the state.
                let next: &str = alnum_prefix(after.trim_start());
                if after.starts_with(' ') && PEOPLE_NOUNS.contains(next) {
                    continue;
                }
            }
            _ => {}
        }
        let attribution = {
            let mut n = 0;
            let mut hit = false;
            for w in alnum_words(after) {
                n += 1;
                if n > 4 {
                    break;
                }
                if matches!(
                    w,
                    "said" | "says" | "told" | "reported" | "announced" | "stated"
                ) {
                    hit = n > 1 || after.starts_with(' ');
                    break;
                }
            }
            hit && text[sent.start..m.start].trim_end().ends_with(',')
        };
        occs.push(Occ {
            s: m.start,
            e: m.end,
            ts,
            te,
            actors: vec![m.actor],
            loc,
            attribution,
            beneficiary,
            person: matches!(m.ty, FormType::Person | FormType::PersonShort),
            ..Occ::default()
        });
    }
    occs
}

#[inline(never)]
fn mark_hyphens(text: &str, occs: &mut [Occ]) {
    for i in 1..occs.len() {
        let gap = &text[occs[i - 1].e..occs[i].s];
        let prefix = text[..occs[i - 1].e].ends_with('-');
        if matches!(gap, "-" | "–" | "—" | "/") || (gap.is_empty() && prefix) {
            occs[i - 1].hyphen_next = true;
        }
    }
}

#[inline(never)]
fn mark_supporters(text: &str, toks: &[Tok], occs: &mut [Occ]) {
    for i in 1..toks.len() {
        if !matches!(text.as_bytes()[toks[i].s], b'f' | b'b') {
            continue;
        }
        let w = &text[toks[i].s..toks[i].e];
        let p = &text[toks[i - 1].s..toks[i - 1].e];
        let hit = matches!(
            (p, w),
            ("support", "from")
                | ("supported", "by")
                | ("backed", "by")
                | ("help", "from")
                | ("backing", "from")
                | ("assistance", "from")
        );
        if !hit {
            continue;
        }
        let mut last_end = toks[i].e;
        for o in occs.iter_mut().filter(|o| o.s >= toks[i].e) {
            let gap = &text[last_end..o.s];
            let glue = alnum_words(gap).all(|x| LIST_GLUE.contains(&x));
            if !glue {
                break;
            }
            o.supporter = true;
            last_end = o.e;
        }
    }
}

/// Coreferent phrases: "the two countries", "both sides", "they", authorial "we", "he".
#[inline(never)]
fn coref_occs(
    text: &str,
    sent: Span,
    toks: &[Tok],
    occs: &mut Vec<Occ>,
    st: &mut DocState,
    prev_person: Option<u32>,
) {
    let in_quote = |pos: usize| {
        // One pass over the bytes: “ and ” are E2 80 9C / E2 80 9D (never part of another
        // char in valid UTF-8), '"' is ASCII.
        let before = &text.as_bytes()[sent.start..pos];
        let (mut left, mut straight, mut right) = (0usize, 0usize, 0usize);
        let mut k = 0;
        while k < before.len() {
            match before[k] {
                b'"' => straight += 1,
                0xE2 if before.get(k + 1) == Some(&0x80) => match before.get(k + 2) {
                    Some(0x9C) => left += 1,
                    Some(0x9D) => right += 1,
                    _ => {}
                },
                _ => {}
            }
            k += 1;
        }
        let open = left + straight % 2;
        let close = right;
        open > close
    };
    let covered = |occs: &Vec<Occ>, s: usize, e: usize| occs.iter().any(|o| s < o.e && o.s < e);
    let mut i = 0;
    while i < toks.len() {
        let t = toks[i];
        if !t.word {
            i += 1;
            continue;
        }
        let w = &text[t.s..t.e];
        // Cheap prefilter: only these words (any case) are handled below.
        let b = w.as_bytes();
        if !coref_key_maybe(b)
            || !COREF_WORDS
                .iter()
                .any(|c| c.len() == w.len() && c.eq_ignore_ascii_case(w))
        {
            i += 1;
            continue;
        }
        let lw = w.lc();
        let mut add: Option<(usize, usize, Vec<u32>)> = None;
        match lw.as_str() {
            "we" | "our" | "ours" | "us" | "i" | "my"
                if !st.issuer.is_empty() || matches!(lw.as_str(), "we") =>
            {
                let upper_ok = !(lw == "us" && w == "US" || lw == "i" && w != "I");
                if upper_ok && !in_quote(t.s) {
                    if st.issuer.is_empty()
                        && let Some(s) = st.last_subject
                    {
                        st.issuer = vec![s];
                    }
                    if !st.issuer.is_empty() {
                        add = Some((t.s, t.e, st.issuer.clone()));
                    }
                }
            }
            "they" if i > 0 => {
                // A plural subject earlier in the same sentence ("X and Y warned that they").
                let local: Vec<u32> = {
                    let mut g: Vec<u32> = Vec::new();
                    for o in occs.iter().filter(|o| o.e <= t.s && !o.loc) {
                        if o.glued || g.is_empty() {
                            for &a in &o.actors {
                                if !g.contains(&a) {
                                    g.push(a);
                                }
                            }
                        } else {
                            break;
                        }
                    }
                    g
                };
                let subset = st
                    .plural_subject
                    .iter()
                    .all(|a| st.participants.contains(a));
                let g = if local.len() >= 2 {
                    local
                } else if !st.plural_subject.is_empty() && !subset {
                    st.plural_subject.clone()
                } else {
                    st.participants.clone()
                };
                if g.len() >= 2 {
                    add = Some((t.s, t.e, g));
                }
            }
            "they" => {
                let subset = st
                    .plural_subject
                    .iter()
                    .all(|a| st.participants.contains(a));
                let g = if !st.plural_subject.is_empty() && !subset {
                    st.plural_subject.clone()
                } else {
                    st.participants.clone()
                };
                if g.len() >= 2 {
                    add = Some((t.s, t.e, g));
                }
            }
            "its" if w == "its" => {
                // The nearest single actor before it in the same sentence ("Daesh and its
                // control of ...").
                let here = occs
                    .iter()
                    .filter(|o| o.e <= t.s && !o.loc && o.actors.len() == 1 && !o.pronoun)
                    .max_by_key(|o| o.e)
                    .filter(|o| tok_at(toks, t.s) <= o.te + 20)
                    .map(|o| o.actors[0]);
                if let Some(a) = here {
                    add = Some((t.s, t.e, vec![a]));
                }
            }
            "he" | "she" => {
                let here = occs
                    .iter()
                    .filter(|o| o.person && o.e <= t.s)
                    .max_by_key(|o| o.e)
                    .map(|o| o.actors[0]);
                if let Some(p) = here.or(prev_person) {
                    add = Some((t.s, t.e, vec![p]));
                }
            }
            "both" | "two" | "three" | "four" => {
                // "both countries", "the two leaders", "both sides"
                let n = match lw.as_str() {
                    "three" => 3,
                    "four" => 4,
                    _ => 2,
                };
                let mut j = i + 1;
                let mut end = None;
                while j < toks.len() && j <= i + 4 {
                    let tj = toks[j];
                    if !tj.word {
                        break;
                    }
                    let wj = text[tj.s..tj.e].lc();
                    if GROUP_NOUNS.contains(&wj.as_str()) {
                        end = Some(j);
                        break;
                    }
                    j += 1;
                }
                let on_both = i > 0
                    && toks[i - 1].word
                    && matches!(&text[toks[i - 1].s..toks[i - 1].e], "on" | "from" | "to");
                if let Some(j) = end.filter(|_| !on_both) {
                    // A hyphenated pair earlier in the sentence ("Russian-Iranian ... the two").
                    let local: Option<Vec<u32>> = occs
                        .iter()
                        .enumerate()
                        .filter(|(k, o)| o.hyphen_next && o.e <= t.s && *k + 1 < occs.len())
                        .map(|(k, o)| vec![o.actors[0], occs[k + 1].actors[0]])
                        .next_back();
                    // Exactly two actors named before it in this sentence.
                    let mut here: Vec<u32> = Vec::new();
                    for o in occs.iter().filter(|o| o.e <= t.s && !o.loc && !o.pronoun) {
                        for &a in &o.actors {
                            if !here.contains(&a) {
                                here.push(a);
                            }
                        }
                    }
                    let g = if let Some(l) = local.filter(|_| n == 2) {
                        l
                    } else if here.len() == n {
                        here
                    } else if st.participants.len() == n {
                        st.participants.clone()
                    } else if n == 2 && st.pair.len() == 2 {
                        st.pair.clone()
                    } else if st.recent.len() >= n {
                        st.recent[..n].to_vec()
                    } else {
                        Vec::new()
                    };
                    // The phrase starts at "the" when present.
                    let s = if i > 0
                        && toks[i - 1].word
                        && text[toks[i - 1].s..toks[i - 1].e].eq_ignore_ascii_case("the")
                    {
                        toks[i - 1].s
                    } else {
                        t.s
                    };
                    if g.len() == n {
                        add = Some((s, toks[j].e, g));
                    }
                    if add.is_some() {
                        let (s, e, g) = add.take().expect("set");
                        if !covered(occs, s, e) {
                            occs.push(occ_for(toks, s, e, g));
                        }
                        i = j + 1;
                        continue;
                    }
                }
            }
            "the" if st.participants.len() >= 2 => {
                // "The National Security Advisors": capitalised title words + plural noun.
                let mut j = i + 1;
                let mut caps = 0;
                while j < toks.len() && j <= i + 5 && toks[j].word {
                    let wj = &text[toks[j].s..toks[j].e];
                    if !is_cap(wj) {
                        break;
                    }
                    caps += 1;
                    let lj = wj.lc();
                    if GROUP_NOUNS.contains(&lj.as_str()) && caps >= 1 && st.participants.len() >= 2
                    {
                        add = Some((t.s, toks[j].e, st.participants.clone()));
                        i = j;
                        break;
                    }
                    j += 1;
                }
            }
            _ if is_cap(w)
                && st.participants.len() >= 2
                && matches!(
                    lw.as_str(),
                    "advisors"
                        | "advisers"
                        | "ministers"
                        | "leaders"
                        | "presidents"
                        | "secretaries"
                )
                && i > 0
                && toks[i - 1].word
                && is_cap(&text[toks[i - 1].s..toks[i - 1].e]) =>
            {
                // "National Security Advisors Sullivan, Shin, and Akiba"
                let mut k = i;
                while k > 0 && toks[k - 1].word && is_cap(&text[toks[k - 1].s..toks[k - 1].e]) {
                    k -= 1;
                }
                add = Some((toks[k].s, t.e, st.participants.clone()));
            }
            _ => {}
        }
        if let Some((s, e, g)) = add
            && !covered(occs, s, e)
        {
            let mut o = occ_for(toks, s, e, g);
            o.subj_pronoun = matches!(lw.as_str(), "we" | "they" | "he" | "she" | "i");
            occs.push(o);
        }
        i += 1;
    }
}

fn occ_for(toks: &[Tok], s: usize, e: usize, actors: Vec<u32>) -> Occ {
    let ts = tok_at(toks, s);
    Occ {
        s,
        e,
        ts,
        te: tok_end(toks, e).max(ts + 1),
        actors,
        pronoun: true,
        ..Occ::default()
    }
}

/// "Republic of Korea National Security Advisor Shin Wonsik": one occurrence.
#[inline(never)]
fn merge_titled(text: &str, occs: &mut Vec<Occ>) {
    let mut i = 1;
    while i < occs.len() {
        let gap = &text[occs[i - 1].e.min(occs[i].s)..occs[i].s];
        let titles = !gap.is_empty()
            && gap.len() < 80
            && gap
                .split(' ')
                .filter(|w| !w.is_empty())
                .all(|w| TITLE_WORDS.contains(&w) && w != "the");
        if titles && occs[i - 1].actors == occs[i].actors && !occs[i - 1].loc {
            let e = occs[i].e;
            let te = occs[i].te;
            let person = occs[i].person;
            let prev = &mut occs[i - 1];
            prev.e = e;
            prev.te = te;
            prev.person |= person;
            occs.remove(i);
        } else {
            i += 1;
        }
    }
}

#[inline(never)]
fn update_state(text: &str, toks: &[Tok], occs: &[Occ], st: &mut DocState) {
    for o in occs.iter().filter(|o| !o.loc && o.actors.len() == 1) {
        push_recent(st, o.actors[0]);
    }
    // Leading subject: occurrences before the first lower-case word (skipping glue and
    // a sentence-initial "The" / adverbial "In particular,").
    let mut subj: Vec<u32> = Vec::new();
    let mut group_subject = false;
    let first_word = toks.iter().position(|t| t.word).unwrap_or(0);
    let mut k = first_word;
    // Skip an opening adverbial up to the first comma when short.
    if let Some(comma) = toks
        .iter()
        .take(6)
        .position(|t| !t.word && &text[t.s..t.e] == ",")
        && !occs.iter().any(|o| o.ts < comma)
    {
        k = comma + 1;
    }
    while k < toks.len() {
        let t = toks[k];
        if let Some(o) = occs.iter().find(|o| o.ts == k) {
            // a possessor ("Sudan's shelling ...") is not the subject
            let after = &text[o.e.min(text.len())..];
            if o.loc || after.starts_with("'s") || after.starts_with("’s") {
                break;
            }
            if o.actors.len() > 1 {
                group_subject = true;
            }
            for &a in &o.actors {
                if !subj.contains(&a) {
                    subj.push(a);
                }
            }
            k = o.te.max(k + 1);
            continue;
        }
        let w = &text[t.s..t.e];
        if !t.word {
            if matches!(w, "," | "’" | "'" | "-" | "." | "(" | ")") {
                k += 1;
                continue;
            }
            break;
        }
        if is_cap(w) || LIST_GLUE.contains(&w) || w == "The" {
            k += 1;
            continue;
        }
        break;
    }
    if subj.len() >= 2 || group_subject {
        st.plural_subject = subj;
    } else if subj.len() == 1 {
        st.last_subject = Some(subj[0]);
        let is_person_like = occs.iter().any(|o| o.actors == subj);
        if is_person_like {
            st.plural_subject.clear();
        }
    }
}

/// "... tensions in the Middle East and both countries are subject to ...": a coordinated
/// clause with its own subject starts at "and".
fn split_at_new_subjects(
    text: &str,
    toks: &[Tok],
    occs: &[Occ],
    clauses: Vec<(usize, usize)>,
) -> Vec<(usize, usize)> {
    let mut cuts: Vec<usize> = Vec::new();
    let mut i = 0;
    while i < occs.len() {
        let mut j = i;
        while j + 1 < occs.len() && occs[j + 1].glued {
            j += 1;
        }
        let o = &occs[i];
        let and_before =
            o.ts >= 1 && toks[o.ts - 1].word && &text[toks[o.ts - 1].s..toks[o.ts - 1].e] == "and"
                || o.ts >= 2
                    && &text[toks[o.ts - 1].s..toks[o.ts - 1].e] == "the"
                    && &text[toks[o.ts - 2].s..toks[o.ts - 2].e] == "and";
        let verb_after = toks
            .get(occs[j].te)
            .is_some_and(|x| x.word && AUX_VERBS.contains(&&text[x.s..x.e]));
        if and_before && verb_after {
            let k = if &text[toks[o.ts - 1].s..toks[o.ts - 1].e] == "and" {
                o.ts - 1
            } else {
                o.ts - 2
            };
            cuts.push(k);
        }
        i = j + 1;
    }
    if cuts.is_empty() {
        return clauses;
    }
    let mut out = Vec::with_capacity(clauses.len() + cuts.len());
    for (a, b) in clauses {
        let mut start = a;
        for &k in cuts.iter().filter(|&&k| k > a && k < b) {
            if k > start {
                out.push((start, k));
                start = k;
            }
        }
        out.push((start, b));
    }
    out
}

const AUX_VERBS: Words = Words::new(&[
    "are",
    "is",
    "was",
    "were",
    "have",
    "has",
    "had",
    "will",
    "would",
    "can",
    "could",
    "may",
    "might",
    "must",
    "should",
    "also",
    "remain",
    "remains",
    "face",
    "faces",
    "continue",
    "continues",
    "say",
    "says",
    "said",
]);

/// Clause ranges [start, end) over tokens.
#[inline(never)]
fn clause_bounds(text: &str, toks: &[Tok]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    for (i, t) in toks.iter().enumerate() {
        // Every cut word starts with b/w/a/t, every cut mark is ; : or a dash (E2 ...).
        let first = bytes[t.s];
        if t.word && !matches!(first, b'b' | b'w' | b'a' | b't')
            || !t.word && !matches!(first, b';' | b':' | 0xE2)
        {
            continue;
        }
        let w = &text[t.s..t.e];
        let cut = if t.word {
            CLAUSE_WORDS.contains(&w) && i > 0
                || (w == "which" && i > 0 && &text[toks[i - 1].s..toks[i - 1].e] == ",")
        } else {
            match w {
                ";" | ":" => true,
                "—" | "–" => {
                    // spaced dashes only
                    text[..t.s].ends_with(' ') && text[t.e..].starts_with(' ')
                }
                _ => false,
            }
        };
        if cut {
            if i > start {
                out.push((start, i));
            }
            start = i + if t.word { 0 } else { 1 };
        }
    }
    out.push((start, toks.len()));
    out
}

/// Negation, modality, conditionals.
#[inline(never)]
fn blocked(text: &str, toks: &[Tok], cs: usize, t: &Trig, trigs: &[Trig], conds: &[usize]) -> bool {
    let lower = |k: usize| text[toks[k].s..toks[k].e].lc();
    // Conditional clause or sentence.
    if conds.iter().any(|&k| k >= cs && k < t.ts) {
        return true;
    }
    if cs < toks.len()
        && toks[cs].word
        && text[toks[cs].s..toks[cs].e].eq_ignore_ascii_case("should")
    {
        return true;
    }
    if let Some(first) = toks.iter().position(|x| x.word)
        && matches!(
            &text[toks[first].s..toks[first].e],
            "Should" | "If" | "Unless" | "should" | "if" | "unless"
        )
    {
        return true;
    }
    // "A war between X and Y would ...": an indefinite nominal followed by a modal.
    let indefinite = toks[cs..t.ts]
        .iter()
        .rev()
        .find(|x| x.word)
        .is_some_and(|x| matches!(&text[x.s..x.e], "a" | "A" | "an" | "An" | "any" | "Any"));
    if indefinite
        && toks.iter().skip(t.te).take(10).any(|x| {
            x.word
                && MODALS
                    .iter()
                    .any(|m| m.eq_ignore_ascii_case(&text[x.s..x.e]))
        })
    {
        return true;
    }
    // Words just before the trigger, stopping at another trigger.
    let mut n = 0;
    let mut k = t.ts;
    while k > cs && n < 7 {
        k -= 1;
        if !toks[k].word {
            if matches!(&text[toks[k].s..toks[k].e], "," | "(" | ")") {
                break;
            }
            continue;
        }
        // Triggers are sorted and do not overlap: the one covering token k, if any.
        let idx = trigs.partition_point(|o| o.te <= k);
        if let Some(o) = trigs
            .get(idx)
            .filter(|o| o.ts <= k && k < o.te && o.kind != t.kind)
        {
            // "restrictions on security assistance": the cooperation is what is restricted.
            if n < 4 && t.kind == 0 && o.kind == 2 {
                return true;
            }
            break;
        }
        n += 1;
        let w = lower(k);
        if NEGATORS.contains(&w.as_str()) && (n == 1 || w != "no" && n <= 6) {
            // "will not hesitate to": no negation of what follows.
            let next = toks[k + 1..t.ts]
                .iter()
                .find(|x| x.word)
                .map(|x| text[x.s..x.e].lc());
            if !matches!(
                next.as_deref(),
                Some("hesitate" | "only" | "secret" | "doubt")
            ) {
                return true;
            }
        }
        if MODALS.contains(&w.as_str()) && n <= 3 {
            return true;
        }
        if HYPO.contains(&w.as_str()) {
            return true;
        }
    }
    false
}

const PREPS: Words = Words::new(&[
    "of",
    "in",
    "on",
    "for",
    "to",
    "from",
    "with",
    "against",
    "over",
    "about",
    "by",
    "into",
    "at",
    "toward",
    "towards",
    "regarding",
    "concerning",
    "between",
    "among",
    "amongst",
    "than",
    "like",
    "under",
    "through",
    "via",
    "across",
    "within",
    "around",
    "near",
    "after",
    "before",
    "since",
    "during",
    "despite",
    "upon",
    "beyond",
]);
const DETERMINERS: Words = Words::new(&[
    "the", "a", "an", "its", "their", "his", "her", "our", "this", "these", "those", "all", "any",
    "some", "both", "each", "every", "other", "s",
]);
const ADDRESSEE_VERBS: Words = Words::new(&[
    "urge",
    "urged",
    "urges",
    "urging",
    "asked",
    "asks",
    "ask",
    "pressed",
    "press",
    "pressing",
    "encouraged",
    "encourage",
    "encourages",
    "invited",
    "invite",
    "invites",
    "told",
    "tell",
]);
/// Prepositions whose object is a topic or place, not a partner, for cooperation.
const TOPIC_PREPS: Words = Words::new(&[
    "on",
    "about",
    "regarding",
    "concerning",
    "over",
    "against",
    "toward",
    "towards",
    "from",
    "than",
    "like",
    "since",
    "despite",
    "under",
    "at",
    "in",
    "into",
    "within",
    "across",
    "around",
    "near",
    "after",
    "before",
    "during",
    "beyond",
    "upon",
    "through",
    "via",
]);
const LIGHT_VERBS: Words = Words::new(&[
    "launched",
    "launch",
    "launches",
    "launching",
    "conducted",
    "conduct",
    "conducts",
    "conducting",
    "carried",
    "carry",
    "waged",
    "wage",
    "wages",
    "waging",
    "imposed",
    "impose",
    "imposes",
    "imposing",
    "levied",
    "levy",
    "levies",
    "applied",
    "applying",
    "apply",
    "expressed",
    "express",
    "expresses",
    "raised",
    "raise",
    "raises",
    "voiced",
    "has",
    "have",
    "had",
    "began",
    "begun",
    "started",
    "start",
    "continued",
    "continue",
    "continues",
    "escalated",
    "stepped",
    "announced",
    "announce",
    "announcing",
    "extended",
    "tightened",
    "introduced",
    "unveiled",
    "took",
    "take",
    "taken",
    "issued",
    "maintain",
    "maintains",
    "renewed",
    "deepening",
    "deepened",
    "mounted",
    "staged",
    "unleashed",
    "ordered",
    "authorized",
    "authorised",
    "approved",
    "adopted",
    "enforced",
    "enforce",
    "reimposed",
    "slapped",
    "hit",
    "targeted",
]);
const PASSIVE_CUES: Words = Words::new(&[
    "face", "faces", "faced", "facing", "subject", "under", "suffer", "suffers", "suffered",
    "endure", "endures", "endured", "hit", "target", "targets",
]);

/// Annotate occurrences with their governing preposition, addressee role and list glue.
#[inline(never)]
fn annotate(text: &str, toks: &[Tok], occs: &mut [Occ]) {
    for i in 0..occs.len() {
        // Glued to the previous occurrence in a list ("US, Qatar and Egypt")?
        if i > 0 {
            let gap = &text[occs[i - 1].e.min(occs[i].s)..occs[i].s];
            let glue = gap.len() < 40
                && alnum_words(gap)
                    .all(|x| LIST_GLUE.contains(&x) || x == "with" && gap.contains("together"))
                && (!gap.contains(['(', ')', ';', ':', '—'])
                    || (gap.contains("together") || gap.contains("along"))
                        && !gap.contains(['(', ')', ';', ':']))
                && !(gap.trim().is_empty() && !occs[i - 1].hyphen_next && gap.is_empty());
            if glue && !gap.trim().is_empty() || occs[i - 1].hyphen_next {
                occs[i].glued = true;
                occs[i].pp = occs[i - 1].pp;
                occs[i].addressee = occs[i - 1].addressee;
                continue;
            }
        }
        let mut k = occs[i].ts;
        while k > 0 {
            k -= 1;
            let t = toks[k];
            let w = &text[t.s..t.e];
            if !t.word {
                if matches!(w, "’" | "'") {
                    continue;
                }
                break;
            }
            let lw = w.lc();
            if DETERMINERS.contains(&lw.as_str())
                || TITLE_WORDS.contains(&w) && w != "of" && w != "for"
            {
                continue;
            }
            if let Some(p) = PREPS.get(lw.as_str()) {
                occs[i].pp = Some(if occs[i].beneficiary { "of" } else { p });
                if p == "to"
                    && k > 0
                    && matches!(
                        text[toks[k - 1].s..toks[k - 1].e].lc().as_str(),
                        "related"
                            | "relating"
                            | "response"
                            | "regard"
                            | "respect"
                            | "according"
                            | "due"
                            | "threat"
                            | "threats"
                            | "pursuant"
                    )
                {
                    occs[i].pp = Some("regarding");
                }
                if p == "of"
                    && k > 0
                    && matches!(
                        text[toks[k - 1].s..toks[k - 1].e].lc().as_str(),
                        "request" | "behalf" | "expense" | "detriment"
                    )
                {
                    occs[i].pp = Some("regarding");
                }
                if p == "with"
                    && k > 0
                    && matches!(
                        text[toks[k - 1].s..toks[k - 1].e].lc().as_str(),
                        "together" | "along"
                    )
                {
                    // "X, together with Y, ...": Y joins the subject.
                    occs[i].pp = None;
                }
                if p == "with"
                    && k > 0
                    && matches!(
                        text[toks[k - 1].s..toks[k - 1].e].lc().as_str(),
                        "line"
                            | "consistent"
                            | "accordance"
                            | "compliance"
                            | "keeping"
                            | "compatible"
                    )
                {
                    occs[i].pp = Some("regarding");
                }
                if p == "on"
                    && k > 0
                    && matches!(
                        text[toks[k - 1].s..toks[k - 1].e].lc().as_str(),
                        "call" | "calls" | "called" | "calling"
                    )
                {
                    occs[i].addressee = true;
                    occs[i].pp = None;
                }
            } else if ADDRESSEE_VERBS.contains(&lw.as_str()) {
                occs[i].addressee = true;
            }
            break;
        }
    }
    // "after Seoul and Washington held drills": a conjunction, not a preposition, when the
    // group is followed by a verb.
    let mut i = 0;
    while i < occs.len() {
        let mut j = i;
        while j + 1 < occs.len() && occs[j + 1].glued {
            j += 1;
        }
        if matches!(
            occs[i].pp,
            Some("after" | "before" | "since" | "until" | "as")
        ) && let Some(x) = toks.get(occs[j].te)
        {
            let w = &text[x.s..x.e];
            let verb_like = x.word
                && !is_cap(w)
                && !LIST_GLUE.contains(&w)
                && !PREPS.contains(&w)
                && !DETERMINERS.contains(&w);
            if verb_like {
                for o in &mut occs[i..=j] {
                    o.pp = None;
                }
            }
        }
        i = j + 1;
    }
}

/// A placeholder for the unused slots of an [`OccList`].
static NO_OCC: Occ = Occ {
    s: 0,
    e: 0,
    ts: 0,
    te: 0,
    actors: Vec::new(),
    loc: false,
    supporter: false,
    hyphen_next: false,
    glued: false,
    pp: None,
    addressee: false,
    person: false,
    pronoun: false,
    attribution: false,
    subj_pronoun: false,
    beneficiary: false,
};

const OCC_INLINE: usize = 12;

/// A short list of occurrences, on the stack up to `OCC_INLINE` (no allocation for the many
/// small groups of `relate`); a slice by `Deref`.
#[derive(Clone)]
struct OccList<'a> {
    inline: [&'a Occ; OCC_INLINE],
    len: usize,
    /// All the items once there are more than `OCC_INLINE` (then `inline` is unused).
    spill: Vec<&'a Occ>,
}

impl<'a> OccList<'a> {
    fn new() -> Self {
        OccList {
            inline: [&NO_OCC; OCC_INLINE],
            len: 0,
            spill: Vec::new(),
        }
    }

    fn one(o: &'a Occ) -> Self {
        let mut l = Self::new();
        l.push(o);
        l
    }

    fn from_slice(s: &[&'a Occ]) -> Self {
        let mut l = Self::new();
        if s.len() <= OCC_INLINE {
            l.inline[..s.len()].copy_from_slice(s);
            l.len = s.len();
        } else {
            l.spill.extend_from_slice(s);
        }
        l
    }

    fn push(&mut self, o: &'a Occ) {
        if self.spill.is_empty() {
            if self.len < OCC_INLINE {
                self.inline[self.len] = o;
                self.len += 1;
                return;
            }
            self.spill.extend_from_slice(&self.inline[..self.len]);
        }
        self.spill.push(o);
    }

    fn clear(&mut self) {
        self.len = 0;
        self.spill.clear();
    }
}

impl<'a> std::ops::Deref for OccList<'a> {
    type Target = [&'a Occ];
    fn deref(&self) -> &[&'a Occ] {
        if self.spill.is_empty() {
            &self.inline[..self.len]
        } else {
            &self.spill
        }
    }
}

impl<'b, 'a> IntoIterator for &'b OccList<'a> {
    type Item = &'b &'a Occ;
    type IntoIter = std::slice::Iter<'b, &'a Occ>;
    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

impl<'a> FromIterator<&'a Occ> for OccList<'a> {
    fn from_iter<I: IntoIterator<Item = &'a Occ>>(it: I) -> Self {
        let mut l = Self::new();
        l.extend(it);
        l
    }
}

impl<'a> Extend<&'a Occ> for OccList<'a> {
    fn extend<I: IntoIterator<Item = &'a Occ>>(&mut self, it: I) {
        for o in it {
            self.push(o);
        }
    }
}

/// The direct object or "against/on/to" object right after a trigger.
fn victims_of<'a>(after: &[&'a Occ], t: &Trig) -> OccList<'a> {
    let g = first_group(after);
    match g.first() {
        // A direct object ("coerce X", "threaten the X") or "against/on/to X"; not "of X"
        // (the doer: "the infiltration of X").
        Some(o)
            if o.pp.is_none() && o.ts <= t.te + 1
                || matches!(o.pp, Some("against" | "on" | "to")) =>
        {
            g
        }
        _ => OccList::new(),
    }
}

/// The first coordinated group of a list of occurrences.
fn first_group<'a>(list: &[&'a Occ]) -> OccList<'a> {
    let n = match list.split_first() {
        Some((_, rest)) => 1 + rest.iter().take_while(|o| o.glued).count(),
        None => 0,
    };
    OccList::from_slice(&list[..n])
}

/// The last coordinated group of a list (the subject nearest the trigger).
fn last_group<'a>(list: &[&'a Occ]) -> OccList<'a> {
    let start = list.iter().rposition(|o| !o.glued).unwrap_or(0);
    OccList::from_slice(&list[start..])
}

/// A nominal trigger ("the war", "sanctions against") with no light verb tying it to the
/// clause subject.
fn nominal_without_agent(text: &str, toks: &[Tok], t: &Trig, cs: usize) -> bool {
    let mut k = t.ts;
    let mut n = 0;
    let mut det_at: Option<usize> = None;
    while k > cs && n < 6 {
        k -= 1;
        let x = toks[k];
        if !x.word {
            if matches!(&text[x.s..x.e], "’" | "'" | "-") {
                continue;
            }
            break;
        }
        n += 1;
        let w = &text[x.s..x.e];
        let lw = w.lc();
        if LIGHT_VERBS.contains(&lw.as_str()) {
            return false;
        }
        if let Some(d) = det_at {
            // "imposed the sanctions": a light verb right before the determiner.
            if n > d + 2 {
                return true;
            }
            continue;
        }
        if DETERMINERS.contains(&lw.as_str()) || PREPS.contains(&lw.as_str()) {
            det_at = Some(n);
            continue;
        }
        if matches!(lw.as_str(), "and" | "or" | "but") {
            // "X condemned the measures and accused Y": a coordinated verb.
            break;
        }
        if is_cap(w) {
            // "The Russians attacked": a verb after its subject.
            return false;
        }
    }
    det_at.is_some()
}

#[allow(clippy::too_many_arguments)]
fn relate(
    c: &Compiled,
    text: &str,
    toks: &[Tok],
    occs: &[Occ],
    trigs: &[Trig],
    t: &Trig,
    cs: usize,
    ce: usize,
    si: usize,
    st: &DocState,
    out: &mut Vec<RelationMention>,
) {
    let kind = &c.kinds[t.kind as usize];
    let in_clause: OccList<'_> = occs
        .iter()
        .filter(|o| o.ts >= cs && o.te <= ce && !o.loc && !o.attribution)
        .collect();
    // Parenthesised member lists after a bloc: "P5+1 (US, Britain, ...)".
    let in_parens = |o: &Occ| {
        let before = &text.as_bytes()[toks.get(cs).map_or(o.s, |x| x.s)..o.s];
        let mut depth = 0isize;
        for &b in before {
            depth += isize::from(b == b'(') - isize::from(b == b')');
        }
        depth > 0
    };
    // Triggers of another kind bound the subject and the objects.
    let prev_other = trigs
        .iter()
        .filter(|o| o.te <= t.ts && o.kind != t.kind && !o.group && o.ts >= cs)
        .filter(|o| kind.undirected && !c.kinds[o.kind as usize].undirected)
        .map(|o| o.te)
        .max()
        .unwrap_or(0);
    // `in_parens` of every occurrence of the clause in one pass over the clause's bytes
    // (occurrences are sorted); `None` where that does not apply (then the closure decides).
    let mut parens_inline = [None; 32];
    let mut parens_heap: Vec<Option<bool>> = Vec::new();
    let parens: &mut [Option<bool>] = if in_clause.len() <= parens_inline.len() {
        &mut parens_inline[..in_clause.len()]
    } else {
        parens_heap.resize(in_clause.len(), None);
        &mut parens_heap
    };
    {
        let b = text.as_bytes();
        let mut pos = toks.get(cs).map_or(usize::MAX, |x| x.s);
        let mut depth = 0isize;
        for (slot, o) in parens.iter_mut().zip(in_clause.iter()) {
            if pos == usize::MAX || o.s < pos {
                pos = usize::MAX;
                *slot = None;
                continue;
            }
            for &c in &b[pos..o.s] {
                depth += isize::from(c == b'(') - isize::from(c == b')');
            }
            pos = o.s;
            *slot = Some(depth > 0);
        }
    }
    let parens: &[Option<bool>] = parens;
    let in_parens_at = |k: usize, o: &Occ| parens[k].unwrap_or_else(|| in_parens(o));
    let before_all: OccList<'_> = in_clause
        .iter()
        .copied()
        .enumerate()
        .filter(|&(k, o)| o.te <= t.ts && !in_parens_at(k, o))
        .map(|(_, o)| o)
        .collect();
    let before: OccList<'_> = before_all
        .iter()
        .copied()
        .filter(|o| o.ts >= prev_other || modifier_gap(text, toks, o.te, t.ts))
        .collect();
    let is_sanctions = kind.name == "sanctions";
    let next_other = trigs
        .iter()
        .filter(|o| o.ts >= t.te && o.kind != t.kind && !o.group)
        .filter(|o| !(is_sanctions && c.kinds[o.kind as usize].undirected))
        .filter(|o| !(kind.undirected && o.target))
        .map(|o| o.ts)
        .min()
        .unwrap_or(usize::MAX);
    let limit = (t.te + if is_sanctions { 70 } else { 25 }).min(ce);
    let mut after: OccList<'_> = OccList::new();
    let mut next_mod: Option<&Occ> = None;
    for o in in_clause
        .iter()
        .copied()
        .enumerate()
        .filter(|&(k, o)| o.ts >= t.te && !in_parens_at(k, o) && !o.attribution && !o.subj_pronoun)
        .map(|(_, o)| o)
    {
        if o.ts >= limit {
            break;
        }
        if o.ts >= next_other {
            // "condemns the attacks by X": the agent of the next trigger.
            let nt = trigs
                .iter()
                .find(|x| x.ts == next_other)
                .map_or(next_other, |x| x.te);
            if next_mod.is_none() && o.ts <= nt + 3 && o.pp == Some("by") {
                next_mod = Some(o);
            }
            break;
        }
        if o.te <= next_other
            && next_other != usize::MAX
            && modifier_gap(text, toks, o.te, next_other)
        {
            // The owner of a negated or hypothetical trigger is no object ("could trigger
            // UN sanctions").
            if !trigs.iter().any(|x| x.ts == next_other && x.dead) {
                next_mod = Some(o);
            }
            break;
        }
        after.push(o);
    }
    // Modifier: an actor right before the trigger ("western sanctions", "Iran's attack").
    let modifier: Option<&Occ> = before_all
        .last()
        .copied()
        .filter(|o| modifier_gap(text, toks, o.te, t.ts))
        .filter(|o| {
            !trigs
                .iter()
                .any(|x| x.ts >= o.te && x.te <= t.ts && !x.target)
        });
    // The whole coordinated group ending in the modifier ("Russia and Iran have coordinated").
    let mod_group: OccList<'_> = if modifier.is_some() {
        last_group(&before_all)
    } else {
        OccList::new()
    };
    let pair_at = |m: &Occ| -> Option<(&Occ, &Occ)> {
        let idx = occs.iter().position(|o| std::ptr::eq(o, m))?;
        if idx > 0 && occs[idx - 1].hyphen_next {
            Some((&occs[idx - 1], &occs[idx]))
        } else if occs[idx].hyphen_next && idx + 1 < occs.len() {
            Some((&occs[idx], &occs[idx + 1]))
        } else {
            None
        }
    };
    let hyphen_pair: Option<(&Occ, &Occ)> = modifier.and_then(pair_at).or_else(|| {
        // "bolstering of Iranian-Russian interests"
        let o = after.first()?;
        if o.ts <= t.te + 2 && o.hyphen_next {
            pair_at(o)
        } else {
            None
        }
    });
    // "between X and Y", "among ..."
    let between: OccList<'_> = {
        let k = (t.te..(t.te + 3).min(ce)).find(|&k| {
            toks[k].word && matches!(&text[toks[k].s..toks[k].e], "between" | "among" | "amongst")
        });
        match k {
            Some(k) => first_group(
                &after
                    .iter()
                    .copied()
                    .filter(|o| o.ts > k)
                    .collect::<OccList<'_>>(),
            ),
            None => OccList::new(),
        }
    };
    let mutual_word = (t.ts.saturating_sub(3)..t.ts)
        .any(|k| toks[k].word && matches!(&text[toks[k].s..toks[k].e], "mutual" | "Mutual"));

    let mut emitted: Vec<RelationMention> = Vec::new();
    let mut emit = |a: &Occ, b: &Occ, directed: bool, aa: u32, bb: u32| {
        if aa == bb {
            return;
        }
        emitted.push(RelationMention {
            source: actor_info(c, st, aa).id.clone(),
            target: actor_info(c, st, bb).id.clone(),
            kind: kind.name.clone(),
            directed,
            sentence: si,
            trigger: text[t.s..t.e].to_owned(),
            trigger_span: Span::new(t.s, t.e),
            // Implicit actors (the statement's author, "the two countries" from context) carry
            // the trigger's span: no actor span then.
            source_span: (a.s != t.s || a.e != t.e).then(|| Span::new(a.s, a.e)),
            target_span: (b.s != t.s || b.e != t.e).then(|| Span::new(b.s, b.e)),
            category: String::new(),
        });
    };
    // Every pair of (occurrence, actor) in list order, the earlier one first.
    let pairs_within = |g: &[&Occ], emit: &mut dyn FnMut(&Occ, &Occ, bool, u32, u32)| {
        for (x, o) in g.iter().enumerate() {
            for (ai, &a) in o.actors.iter().enumerate() {
                for &b in &o.actors[ai + 1..] {
                    emit(o, o, false, a, b);
                }
                for o2 in &g[x + 1..] {
                    for &b in &o2.actors {
                        emit(o, o2, false, a, b);
                    }
                }
            }
        }
    };
    let cross = |x: &[&Occ],
                 y: &[&Occ],
                 directed: bool,
                 emit: &mut dyn FnMut(&Occ, &Occ, bool, u32, u32)| {
        for a in x {
            for &aa in &a.actors {
                for b in y {
                    for &bb in &b.actors {
                        emit(a, b, directed, aa, bb);
                    }
                }
            }
        }
    };
    let issuer_occ = Occ {
        s: t.s,
        e: t.e,
        ts: t.ts,
        te: t.te,
        actors: st.issuer.clone(),
        ..Occ::default()
    };
    // The clause subject: occurrences before the trigger not governed by a preposition and
    // not addressees of "urge"/"call on".
    let mut subject: OccList<'_> = before
        .iter()
        .copied()
        .filter(|o| !o.addressee && o.pp.is_none_or(|p| p == "by") && !o.supporter)
        .collect();
    if subject.is_empty() && kind.undirected {
        // The clause-initial subject ("Nuland and Mora welcomed ... and discussed cooperation").
        let g = first_group(&before_all);
        // Only across a coordinated verb phrase ("... and discussed cooperation").
        let and_verb = (cs..t.ts).any(|k| {
            toks[k].word
                && &text[toks[k].s..toks[k].e] == "and"
                && toks.get(k + 1).is_some_and(|x| {
                    let w = &text[x.s..x.e];
                    x.word && !is_cap(w) && (w.ends_with("ed") || w.ends_with("es"))
                })
        });
        // "Turkey and Greece, long-standing rivals, agreed": the other trigger is an apposition.
        let appositive = t.ts >= 1
            && &text[toks[t.ts - 1].s..toks[t.ts - 1].e] == ","
            && g.last().is_some_and(|o| {
                toks.get(o.te).is_some_and(|x| &text[x.s..x.e] == ",")
                    && toks
                        .get(o.te + 1..t.ts - 1)
                        .is_some_and(|g| g.iter().all(|x| x.word || &text[x.s..x.e] == "-"))
            });
        if let Some(f) = g.first()
            && (and_verb || appositive)
            && f.pp.is_none()
            && toks[cs..f.ts].iter().all(|x| {
                x.word && is_cap(&text[x.s..x.e]) || matches!(&text[x.s..x.e], "," | "the")
            })
        {
            subject = g;
        } else if let Some(owner) = before_all
            .iter()
            .copied()
            .find(|o| text[o.e..].starts_with("’s") || text[o.e..].starts_with("'s"))
        {
            // "Iran's ... proxies": the owner.
            subject = OccList::one(owner);
        }
    }
    // "those who support X": a relative clause whose antecedent is not an actor.
    let mut k = t.ts;
    while k > cs && toks[k - 1].word && text[toks[k - 1].s..toks[k - 1].e].ends_with("ly") {
        k -= 1;
    }
    // "countries importing X", "firms supplying X": a subject that is no actor.
    let mut modifier = modifier;
    let mut mod_group = mod_group;
    if k > cs
        && toks[k - 1].word
        && NONACTOR_SUBJECTS.contains(&text[toks[k - 1].s..toks[k - 1].e].lc().as_str())
        && !before_all.iter().any(|o| o.te == k)
    {
        subject.clear();
        modifier = None;
        mod_group.clear();
    }
    if k > cs
        && toks[k - 1].word
        && matches!(
            &text[toks[k - 1].s..toks[k - 1].e],
            "who" | "that" | "which"
        )
        && !before_all.iter().any(|o| o.te + 1 == k)
    {
        subject.clear();
    }

    let tw = text[t.s..t.e].lc();
    let broken_promise = matches!(
        tw.as_str(),
        "commitment" | "commitments" | "promise" | "promises" | "pledge" | "pledges"
    ) && {
        let ws = words_before(text, toks.get(cs).map_or(t.s, |x| x.s), t.s, 5);
        ws.iter().any(|w| {
            matches!(
                *w,
                "live"
                    | "meet"
                    | "honour"
                    | "honor"
                    | "keep"
                    | "fulfil"
                    | "fulfill"
                    | "uphold"
                    | "respect"
            )
        })
    };
    if kind.undirected && broken_promise {
        // "We call on X to live up to its commitments": X broke a promise.
        let addressees: OccList<'_> = before.iter().copied().filter(|o| o.addressee).collect();
        if !addressees.is_empty() {
            let src: OccList<'_> = if st.issuer.is_empty() {
                last_group(&subject)
            } else {
                OccList::one(&issuer_occ)
            };
            let mistrust = c
                .kinds
                .iter()
                .position(|k| k.name == "mistrust")
                .unwrap_or(1);
            let mut tmp: Vec<RelationMention> = Vec::new();
            for a in &src {
                for &aa in &a.actors {
                    for b in &addressees {
                        for &bb in &b.actors {
                            if aa != bb {
                                tmp.push(RelationMention {
                                    source: actor_info(c, st, aa).id.clone(),
                                    target: actor_info(c, st, bb).id.clone(),
                                    kind: c.kinds[mistrust].name.clone(),
                                    directed: true,
                                    sentence: si,
                                    trigger: text[t.s..t.e].to_owned(),
                                    trigger_span: Span::new(t.s, t.e),
                                    source_span: (a.s != t.s || a.e != t.e)
                                        .then(|| Span::new(a.s, a.e)),
                                    target_span: Some(Span::new(b.s, b.e)),
                                    category: String::new(),
                                });
                            }
                        }
                    }
                }
            }
            out.extend(tmp);
        }
        return;
    }
    // "the alliance would not ...": the noun names an actor already known, it asserts nothing.
    if kind.undirected
        && t.ts >= 1
        && toks[t.ts - 1].word
        && text[toks[t.ts - 1].s..toks[t.ts - 1].e].eq_ignore_ascii_case("the")
        && toks.get(t.te).is_some_and(|x| {
            x.word && {
                let w = &text[x.s..x.e];
                AUX_VERBS.contains(&w) || MODALS.contains(&w) || matches!(w, "will" | "has" | "had")
            }
        })
    {
        return;
    }
    if t.group {
        // Only a plural subject: "the two leaders discussed".
        let g = last_group(&subject);
        let distinct: BTreeSet<u32> = g.iter().flat_map(|o| o.actors.iter().copied()).collect();
        if distinct.len() >= 2 {
            pairs_within(&g, &mut emit);
        }
    } else if let Some((a, b)) = hyphen_pair
        && (kind.undirected || !t_directed_hint(text, toks, t))
    {
        pairs_within(&[a, b], &mut emit);
    } else if between.len() >= 2 || (between.len() == 1 && between[0].actors.len() >= 2) {
        pairs_within(&between, &mut emit);
    } else if kind.undirected {
        let objects: OccList<'_> = after
            .iter()
            .copied()
            .filter(|o| o.supporter || !o.pp.is_some_and(|p| TOPIC_PREPS.contains(&p)))
            .collect();
        let by_agent: OccList<'_> = {
            let g = first_group(&objects);
            if g.first()
                .is_some_and(|o| o.pp == Some("by") && o.ts <= t.te + 3)
            {
                g
            } else {
                OccList::new()
            }
        };
        if !by_agent.is_empty() && !before_all.is_empty() {
            // "negotiations between Iran and the US, mediated by Oman"
            let g = last_group(&before_all);
            cross(&by_agent, &g, false, &mut emit);
        } else if modifier.is_some() {
            pairs_within(&mod_group, &mut emit);
            cross(&mod_group, &objects, false, &mut emit);
        } else if subject.is_empty() {
            let g = first_group(&objects);
            pairs_within(&g, &mut emit);
        } else {
            let g = last_group(&subject);
            pairs_within(&g, &mut emit);
            cross(&g, &objects, false, &mut emit);
            // "efforts by the US, Qatar and Egypt": a joint agent list.
            let og = first_group(&objects);
            if og.len() >= 2 && og[0].pp == Some("by") {
                pairs_within(&og, &mut emit);
            }
        }
    } else if mutual_word {
        let mut g: OccList<'_> = before.clone();
        g.extend(after.iter().copied());
        if g.is_empty() {
            if st.pair.len() == 2 {
                let o = Occ {
                    s: t.s,
                    e: t.e,
                    actors: st.pair.clone(),
                    ..Occ::default()
                };
                pairs_within(&[&o], &mut emit);
            }
        } else {
            pairs_within(&g, &mut emit);
        }
    } else if t.target {
        // A misdeed: its owner or doer is the target.
        let addressees: OccList<'_> = before.iter().copied().filter(|o| o.addressee).collect();
        let (doer, victims): (OccList<'_>, OccList<'_>) = if let Some(m) = modifier {
            (OccList::one(m), victims_of(&after, t))
        } else if !addressees.is_empty() {
            // "We call on X to cease its provocative behavior"
            (addressees, OccList::new())
        } else if !subject.is_empty() {
            (last_group(&subject), victims_of(&after, t))
        } else {
            (first_group(&after), OccList::new())
        };
        // "destabilizing actions through proxies, including X and Y": X and Y act too.
        let mut doer = doer;
        if let Some(inc) = (t.te..limit).find(|&k| {
            toks[k].word && matches!(&text[toks[k].s..toks[k].e], "including" | "include")
        }) {
            let listed: OccList<'_> = in_clause.iter().copied().filter(|o| o.ts > inc).collect();
            let g = first_group(&listed);
            if g.first().is_some_and(|o| o.ts <= inc + 3) {
                for o in g.iter().copied() {
                    if !doer.iter().any(|d| std::ptr::eq(*d, o)) {
                        doer.push(o);
                    }
                }
            }
        }
        let doer_is_author = doer
            .iter()
            .all(|o| o.actors.iter().all(|a| st.issuer.contains(a)));
        if doer_is_author {
            // "we combat threats": not an accusation of ourselves.
        } else if !st.issuer.is_empty() {
            cross(&[&issuer_occ], &doer, true, &mut emit);
        } else if modifier.is_some() && !subject.is_empty() {
            let s = last_group(&subject);
            cross(&s, &doer, true, &mut emit);
        }
        if !victims.is_empty() && !doer_is_author {
            cross(&doer, &victims, false, &mut emit);
        }
    } else {
        let mut objects = if is_sanctions {
            let mut g = first_group(&after);
            // "... officials, to include X and members of Y"
            if let Some(inc) = (t.te..limit).find(|&k| {
                toks[k].word
                    && matches!(
                        &text[toks[k].s..toks[k].e],
                        "include" | "including" | "includes"
                    )
            }) {
                for o in after.iter().copied().filter(|o| o.ts > inc) {
                    if !g.iter().any(|x| std::ptr::eq(*x, o)) {
                        g.push(o);
                    }
                }
            }
            g
        } else if kind.name == "conflict" {
            first_group(
                &after
                    .iter()
                    .copied()
                    .filter(|o| {
                        // "attacked X" (a direct object right after the verb) or "strikes
                        // against/on/at X", "war with X", "invasion of X".
                        match o.pp {
                            None => o.ts <= t.te + 2 && !o.pronoun,
                            Some(p) => {
                                matches!(p, "against" | "on" | "upon" | "at" | "with" | "by" | "of")
                            }
                        }
                    })
                    .collect::<OccList<'_>>(),
            )
        } else {
            // Objects of an attitude ("accused X", "concern over X", "misgivings about X"): a
            // direct object right after the trigger or a prepositional object, and the
            // actors listed with them; not the subject of a following clause.
            let mut v: OccList<'_> = OccList::new();
            for o in after.iter().copied() {
                let ok = match o.pp {
                    None => o.ts <= t.te + 2 || o.glued && !v.is_empty(),
                    Some(p) => !matches!(
                        p,
                        "against"
                            | "for"
                            | "with"
                            | "regarding"
                            | "in"
                            | "at"
                            | "from"
                            | "beyond"
                            | "into"
                    ),
                };
                if ok {
                    v.push(o);
                }
            }
            v
        };
        if let Some(m) = next_mod
            && (!objects.is_empty() && after.len() < 4 || m.ts <= t.te + 6)
        {
            objects.push(m);
        }
        // "by X" after a nominal trigger names the agent.
        let by_agent: OccList<'_> = {
            let g = first_group(&after);
            if g.first()
                .is_some_and(|o| o.pp == Some("by") && o.ts <= t.te + 3)
            {
                g
            } else {
                OccList::new()
            }
        };
        let nominal = nominal_without_agent(text, toks, t, cs);
        // "drawing condemnation from X": X is the source, the clause subject the target.
        let from_agent: OccList<'_> = {
            let g = first_group(&after);
            if g.first()
                .is_some_and(|o| o.pp == Some("from") && o.ts <= t.te + 3)
            {
                g
            } else {
                OccList::new()
            }
        };
        let (src, tgt): (OccList<'_>, OccList<'_>) =
            if modifier.is_none() && !from_agent.is_empty() && !subject.is_empty() {
                (from_agent.clone(), first_group(&subject))
            } else if let Some(m) = modifier {
                let mg = mod_group.clone();
                let passive = before_all.len() >= 2 && {
                    let prev = before_all[before_all.len() - 2];
                    let gap = &text[prev.e..m.s];
                    gap.split(|ch: char| !is_alnum(ch))
                        .any(|w| PASSIVE_CUES.contains(&w))
                };
                if objects.is_empty() && passive {
                    let subj: OccList<'_> = last_group(
                        &before_all
                            .iter()
                            .copied()
                            .filter(|o| !std::ptr::eq(*o, m))
                            .collect::<OccList<'_>>(),
                    );
                    (mg, subj)
                } else {
                    (mg, objects.clone())
                }
            } else if !by_agent.is_empty() {
                (
                    by_agent.clone(),
                    objects
                        .iter()
                        .copied()
                        .filter(|o| o.pp != Some("by"))
                        .collect(),
                )
            } else if !nominal && !subject.is_empty() {
                (subject.clone(), objects.clone())
            } else {
                (OccList::new(), objects.clone())
            };
        if !src.is_empty() && !tgt.is_empty() {
            cross(&src, &tgt, kind.directed, &mut emit);
        } else if src.is_empty() && !tgt.is_empty() {
            if !st.issuer.is_empty() && kind.name != "conflict" {
                cross(&[&issuer_occ], &tgt, true, &mut emit);
            } else if kind.name == "sanctions" {
                // "measures against X, mentioned in Y's address": the nearest other actor.
                let tgt_set: BTreeSet<u32> =
                    tgt.iter().flat_map(|o| o.actors.iter().copied()).collect();
                let last_t = tgt.last().map_or(t.te, |o| o.te);
                if let Some(o) = in_clause
                    .iter()
                    .copied()
                    .find(|o| o.ts >= last_t && o.actors.iter().all(|a| !tgt_set.contains(a)))
                {
                    cross(&[o], &tgt[..1], true, &mut emit);
                }
            }
        } else if tgt.is_empty() && (modifier.is_none() || mod_group.len() >= 2) && !nominal {
            // "X and Y have long-standing tensions": a coordinated subject near the trigger.
            let g = if mod_group.len() >= 2 {
                mod_group.clone()
            } else {
                last_group(&subject)
            };
            let distinct: BTreeSet<u32> = g.iter().flat_map(|o| o.actors.iter().copied()).collect();
            let tw = text[t.s..t.e].lc();
            let reciprocal = RECIPROCAL.contains(&tw.as_str());
            if distinct.len() >= 2
                && kind.name != "sanctions"
                && reciprocal
                && g.last().is_some_and(|o| {
                    // No comma in between, except an apposition ("X and Y, long-time rivals,").
                    let appos = toks.get(o.te).is_some_and(|x| &text[x.s..x.e] == ",")
                        && toks.get(t.te).is_some_and(|x| &text[x.s..x.e] == ",");
                    t.ts <= o.te + 6
                        && toks[o.te + usize::from(appos)..t.ts]
                            .iter()
                            .all(|x| x.word || &text[x.s..x.e] != ",")
                })
            {
                pairs_within(&g, &mut emit);
            }
        }
    }
    out.extend(emitted);
}

/// Whether a trigger after a hyphen pair still reads as directed ("US-EU sanctions on").
fn t_directed_hint(text: &str, toks: &[Tok], t: &Trig) -> bool {
    toks.get(t.te)
        .is_some_and(|x| x.word && matches!(&text[x.s..x.e], "on" | "against"))
}

/// Only possessive marks and lower-case adjectives between an actor and a trigger.
fn modifier_gap(text: &str, toks: &[Tok], from: usize, to: usize) -> bool {
    if to < from || to - from > 24 {
        return false;
    }
    let mut words = 0;
    let mut depth = 0;
    for t in &toks[from..to] {
        let w = &text[t.s..t.e];
        if w == "(" {
            depth += 1;
            continue;
        }
        if w == ")" {
            depth -= 1;
            continue;
        }
        if depth > 0 {
            continue;
        }
        if t.word {
            if w == "s" {
                continue;
            }
            if w == "and" && words > 0 {
                continue;
            }
            if is_cap(w)
                || matches!(
                    w,
                    "and"
                        | "or"
                        | "of"
                        | "the"
                        | "to"
                        | "with"
                        | "on"
                        | "in"
                        | "by"
                        | "for"
                        | "a"
                        | "an"
                        | "as"
                        | "at"
                        | "that"
                        | "which"
                        | "who"
                        | "those"
                        | "these"
                        | "it"
                        | "they"
                        | "is"
                        | "are"
                        | "was"
                        | "were"
                )
            {
                return false;
            }
            words += 1;
            if words > 4 {
                return false;
            }
        } else if w == "," && words > 0 {
            continue;
        } else if !matches!(w, "’" | "'" | "-") {
            return false;
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::{is_alnum, words_before};
    use crate::extract::Extractor;

    fn rels(text: &str) -> Vec<(String, String, String, bool)> {
        // the surface rules alone (the default engine also runs the coder)
        let x = super::extract(&Extractor::builtin().inner, text);
        x.relations
            .iter()
            .map(|r| {
                (
                    r.source.clone(),
                    r.target.clone(),
                    r.kind.clone(),
                    r.directed,
                )
            })
            .collect()
    }

    fn has(rs: &[(String, String, String, bool)], a: &str, b: &str, kind: &str) -> bool {
        rs.iter()
            .any(|r| r.2 == kind && ((r.0 == a && r.1 == b) || (r.0 == b && r.1 == a)))
    }

    fn has_dir(rs: &[(String, String, String, bool)], a: &str, b: &str, kind: &str) -> bool {
        rs.iter()
            .any(|r| r.2 == kind && r.0 == a && r.1 == b && r.3)
    }

    #[test]
    fn signed_agreement_with_counterpart() {
        let r = rels(
            "Turkish Foreign Minister Ali Demir signed a trade agreement with his Kenyan counterpart Paul Otieno on Monday.",
        );
        assert!(has(&r, "turkey", "kenya", "cooperation"), "{r:?}");
    }

    #[test]
    fn hyphen_pair_relations_soured() {
        let r = rels("Chinese-Indian relations have soured since the border clash.");
        assert!(has(&r, "china", "india", "mistrust"), "{r:?}");
    }

    #[test]
    fn sanctions_direction_from_adjective() {
        let r = rels("Both Venezuela and Cuba remain subject to American sanctions.");
        assert!(
            has_dir(&r, "united_states", "venezuela", "sanctions"),
            "{r:?}"
        );
        assert!(has_dir(&r, "united_states", "cuba", "sanctions"), "{r:?}");
    }

    #[test]
    fn sanctions_on_target() {
        let r = rels("The European Union imposed new sanctions on Belarus last week.");
        assert!(
            has_dir(&r, "european_union", "belarus", "sanctions"),
            "{r:?}"
        );
    }

    #[test]
    fn location_capital_is_not_actor() {
        let r = rels("Diplomats met at a conference in Paris to discuss the agreement with Japan.");
        assert!(
            !r.iter().any(|x| x.0 == "france" || x.1 == "france"),
            "{r:?}"
        );
        let x = Extractor::builtin().extract("Paris refused to back the plan proposed by Rome.");
        assert!(x.mentions.iter().any(|m| m.actor == "france"));
    }

    #[test]
    fn lower_case_turkey_and_us_are_not_states() {
        let x = Extractor::builtin().extract("They gave us turkey and china plates for the feast.");
        assert!(
            x.mentions
                .iter()
                .all(|m| m.actor != "turkey" && m.actor != "china" && m.actor != "united_states")
        );
    }

    #[test]
    fn negated_and_conditional_relations_are_dropped() {
        assert!(rels("Brazil did not sanction Argentina.").is_empty());
        assert!(
            rels("If tariffs are imposed on Canada, Mexico will retaliate.")
                .iter()
                .all(|r| r.2 != "sanctions")
        );
        let r = rels("The ministers urged India not to provide support to Pakistan.");
        assert!(!has(&r, "india", "pakistan", "cooperation"), "{r:?}");
    }

    #[test]
    fn two_countries_coreference() {
        let r = rels(
            "Kenya and Uganda share a long border. The two countries signed a security pact in March.",
        );
        assert!(has(&r, "kenya", "uganda", "cooperation"), "{r:?}");
    }

    #[test]
    fn attack_direction() {
        let r = rels("Hamas launched a rocket attack against Israel on Saturday.");
        assert!(has_dir(&r, "hamas", "israel", "conflict"), "{r:?}");
    }

    #[test]
    fn supporters_do_not_attack() {
        let r = rels(
            "French forces, together with Germany and with support from Norway and Denmark, conducted strikes against Daesh positions.",
        );
        assert!(has(&r, "france", "daesh", "conflict"), "{r:?}");
        assert!(!has(&r, "norway", "daesh", "conflict"), "{r:?}");
        assert!(has(&r, "france", "norway", "cooperation"), "{r:?}");
    }

    #[test]
    fn authorial_we_in_statement() {
        let t = "Statement from the Prime Minister of Canada on Haiti\n\nCanada is deeply concerned by the crisis. We condemn the attacks by armed gangs. We will continue to support Haiti.";
        let r = rels(t);
        assert!(has(&r, "canada", "haiti", "cooperation"), "{r:?}");
    }

    #[test]
    fn bloc_member_list_in_parentheses() {
        let r = rels(
            "Iran held talks with the P5+1 (US, Britain, France, Russia, China + Germany) in Vienna.",
        );
        assert!(has(&r, "iran", "p5_plus_1", "cooperation"), "{r:?}");
        assert!(!has(&r, "iran", "germany", "cooperation"), "{r:?}");
    }

    #[test]
    fn seats_as_places_and_names_are_not_actors() {
        let ex = Extractor::builtin();
        let x = ex.extract("A Tehran-based analyst spoke at the Beijing Forum.");
        assert!(x.mentions.is_empty(), "{:?}", x.mentions);
        let r = rels("Kenyan and Tanzanian ships held joint drills in the Gulf of Oman.");
        assert!(has(&r, "kenya", "tanzania", "cooperation"), "{r:?}");
        assert!(!r.iter().any(|x| x.0 == "oman" || x.1 == "oman"), "{r:?}");
    }

    #[test]
    fn population_demonyms_are_not_the_state() {
        let r = rels("Canada and Norway stand with Iranian civil society and Iranian journalists.");
        assert!(!r.iter().any(|x| x.0 == "iran" || x.1 == "iran"), "{r:?}");
    }

    #[test]
    fn reporting_source_is_not_a_target() {
        let r =
            rels("Sudanese drones struck a fuel depot near the border, Chadian officials said.");
        assert!(!has(&r, "sudan", "chad", "conflict"), "{r:?}");
    }

    #[test]
    fn apposition_keeps_the_subject() {
        let r = rels("Serbia and Kosovo, bitter rivals, agreed to resume talks in Brussels.");
        assert!(has(&r, "serbia", "kosovo", "mistrust"), "{r:?}");
        assert!(has(&r, "serbia", "kosovo", "cooperation"), "{r:?}");
    }

    #[test]
    fn broken_promise_in_a_statement_is_mistrust() {
        let t = "Statement by the Government of Norway on Mali\n\nWe call on the Malian authorities to live up to their commitments on the transition.";
        let r = rels(t);
        assert!(has_dir(&r, "norway", "mali", "mistrust"), "{r:?}");
        assert!(!has(&r, "norway", "mali", "cooperation"), "{r:?}");
    }

    #[test]
    fn misdeed_owner_is_the_target_of_the_author() {
        let t = "Joint Statement by Poland and Lithuania\n\nWe will counter the Kremlin's disinformation together.";
        let r = rels(t);
        assert!(has_dir(&r, "poland", "russia", "mistrust"), "{r:?}");
        assert!(has_dir(&r, "lithuania", "russia", "mistrust"), "{r:?}");
    }

    #[test]
    fn agent_of_a_condemned_attack_is_the_target() {
        let r = rels("Pakistan condemned the deadly attack by the Taliban on a border post.");
        assert!(has_dir(&r, "pakistan", "taliban", "mistrust"), "{r:?}");
    }

    #[test]
    fn mediator_after_by_pairs_with_the_parties() {
        let r = rels(
            "Peace talks between Armenia and Azerbaijan, hosted by Kazakhstan, ended on Friday.",
        );
        assert!(has(&r, "armenia", "azerbaijan", "cooperation"), "{r:?}");
        assert!(has(&r, "kazakhstan", "armenia", "cooperation"), "{r:?}");
        assert!(has(&r, "kazakhstan", "azerbaijan", "cooperation"), "{r:?}");
    }

    #[test]
    fn titled_person_stands_for_the_state_later() {
        let t = "Brazilian Foreign Minister Ana Ribeiro arrived in Lisbon. Ribeiro signed an energy accord with Portugal.";
        let r = rels(t);
        assert!(has(&r, "brazil", "portugal", "cooperation"), "{r:?}");
        let x = Extractor::builtin()
            .extract("Carla Mendes represented Chile at the summit. Mendes later criticised Peru.");
        assert!(
            has(
                &rels(
                    "Carla Mendes represented Chile at the summit. Mendes later criticised Peru."
                ),
                "chile",
                "peru",
                "mistrust"
            ),
            "{:?}",
            x.mentions
        );
    }

    #[test]
    fn he_refers_to_the_person_before_it() {
        let r = rels(
            "Nigerian Defence Minister Musa Bello visited Accra, where he signed a security pact with his Ghanaian counterpart Kofi Mensah.",
        );
        assert!(has(&r, "nigeria", "ghana", "cooperation"), "{r:?}");
    }

    #[test]
    fn two_leaders_from_a_meeting_title() {
        let t = "Readout of the Meeting between Prime Minister of India and President of Indonesia\n\nThe two leaders discussed maritime security.";
        let r = rels(t);
        assert!(has(&r, "india", "indonesia", "cooperation"), "{r:?}");
    }

    #[test]
    fn authorial_we_without_title() {
        let t = "On Sudan\n\nThe Netherlands is alarmed by the fighting. We condemn the attacks by the Rapid Support Forces.";
        let r = rels(t);
        assert!(has_dir(&r, "netherlands", "rsf", "mistrust"), "{r:?}");
        // a possessor opening a sentence is no speaker
        let t = "Sudan's shelling of the camps harms civilians. We stand with Chad.";
        let r = rels(t);
        assert!(!has(&r, "sudan", "chad", "cooperation"), "{r:?}");
    }

    #[test]
    fn should_and_modal_clauses_assert_nothing() {
        assert!(rels("Should Syria refuse, Turkey could launch strikes against it.").is_empty());
        assert!(
            rels("A war between Iran and Israel would devastate the region.")
                .iter()
                .all(|r| r.2 != "conflict")
        );
        assert!(rels("The plan aims to prevent a war between Armenia and Azerbaijan.").is_empty());
    }

    #[test]
    fn documents_and_topics_are_not_partners() {
        let r = rels(
            "Egypt and Jordan agreed on a plan in line with UN Security Council resolutions on Gaza.",
        );
        assert!(has(&r, "egypt", "jordan", "cooperation"), "{r:?}");
        assert!(
            !r.iter()
                .any(|x| x.0.starts_with("un") || x.1.starts_with("un")),
            "{r:?}"
        );
    }

    #[test]
    fn they_refers_to_the_subject_of_its_sentence() {
        let t = "Iran met the IAEA. Britain, France and Germany warned that they would act.";
        let r = rels(t);
        assert!(!has(&r, "united_kingdom", "iran", "mistrust"), "{r:?}");
    }

    #[test]
    fn no_panic_on_windows_and_token_soup() {
        let ex = Extractor::builtin();
        let sample = crate::ingest::SAMPLE_TEXT;
        let bounds: Vec<usize> = (0..=sample.len())
            .filter(|&i| sample.is_char_boundary(i))
            .collect();
        for (k, &a) in bounds.iter().enumerate().step_by(53) {
            for &b in bounds[k..].iter().step_by(211).take(6) {
                let _ = ex.extract(&sample[a..b]);
            }
        }
        let vocab = [
            "Russia",
            "Iran",
            "’s",
            "-",
            "—",
            ",",
            ".",
            " ",
            "\n",
            "(",
            ")",
            "the two countries",
            "They",
            "We",
            "he",
            "sanctions",
            "against",
            "between",
            "and",
            "US",
            "U.S.",
            "Sino-",
            "Moscow",
            "in",
            "war",
            "agreement",
            "with",
            "not",
            "If",
            "Should",
            "by",
            "“",
            "”",
            "Russian-Iranian",
            "cooperation",
            "the West",
            "western",
            "é",
            "P5+1",
            ";",
            ":",
            "National Security Advisors",
            "President",
            "Putin",
            "met",
            "Joint Readout",
            "of",
        ];
        let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
        for _ in 0..300 {
            let mut t = String::new();
            for _ in 0..40 {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                t.push_str(vocab[(seed % vocab.len() as u64) as usize]);
                if seed & 1 == 0 {
                    t.push(' ');
                }
            }
            let x = ex.extract(&t);
            for r in &x.relations {
                assert!(t.get(r.trigger_span.start..r.trigger_span.end).is_some());
            }
        }
    }

    #[test]
    fn people_with_roles_of_their_own_are_person_actors() {
        let x = Extractor::builtin().extract(
            "Maria Gonzalez, an analyst at a think tank in Madrid, spoke on Monday. Gonzalez accused Venezuela of fraud.",
        );
        assert!(
            x.actors
                .iter()
                .any(|a| a.id == "maria_gonzalez" && a.kind == crate::extract::ActorKind::Person)
        );
        assert!(
            x.relations.iter().any(|r| r.source == "maria_gonzalez"
                && r.target == "venezuela"
                && r.kind == "mistrust"),
            "{:?}",
            x.relations
        );
    }

    #[test]
    fn quoted_no_and_exchanged_fire() {
        let r = rels("Cuba and Vietnam declared a \"no limits\" partnership.");
        assert!(has(&r, "cuba", "vietnam", "cooperation"), "{r:?}");
        let r = rels("Ethiopia and Eritrea exchanged fire along their border.");
        assert!(has(&r, "ethiopia", "eritrea", "conflict"), "{r:?}");
        assert!(!has(&r, "ethiopia", "eritrea", "cooperation"), "{r:?}");
    }

    #[test]
    fn the_alliance_as_subject_is_no_trigger() {
        let r = rels("NATO officials said the alliance would stay out of the dispute with Serbia.");
        assert!(!has(&r, "nato", "serbia", "cooperation"), "{r:?}");
    }

    #[test]
    fn non_actor_subject_blocks_the_clause_subject() {
        let r = rels("Washington imposed tariffs on countries importing Iranian oil.");
        assert!(
            has_dir(&r, "united_states", "iran", "sanctions")
                || r.iter().all(|x| x.2 != "cooperation"),
            "{r:?}"
        );
        assert!(!has(&r, "united_states", "iran", "cooperation"), "{r:?}");
    }

    #[test]
    fn coordinated_clause_with_new_subject() {
        let r = rels(
            "Nepal faces tensions with India and both countries are subject to Chinese pressure.",
        );
        assert!(!has(&r, "nepal", "china", "mistrust"), "{r:?}");
    }

    #[test]
    fn its_refers_to_the_nearest_actor() {
        let r = rels(
            "The rise of the Taliban and its control of large parts of Afghanistan alarmed Pakistan.",
        );
        assert!(has(&r, "taliban", "afghanistan", "conflict"), "{r:?}");
    }

    #[test]
    fn misdeed_by_proxies_listed_with_including() {
        let t = "Joint Statement of Canada and Australia\n\nWe condemn Iran's destabilizing activities through armed groups, including Hezbollah and the Houthis.";
        let r = rels(t);
        assert!(has_dir(&r, "canada", "iran", "mistrust"), "{r:?}");
        assert!(has_dir(&r, "canada", "hezbollah", "mistrust"), "{r:?}");
        assert!(has_dir(&r, "australia", "houthis", "mistrust"), "{r:?}");
    }

    #[test]
    fn readout_call_title_gives_participants_and_issuer() {
        let t = "Readout of Secretary Blinken's Call with Indian External Affairs Minister Subrahmanyam Jaishankar\n\nThe two leaders discussed regional security. Secretary Blinken welcomed India's support for Ukraine.";
        let r = rels(t);
        assert!(has(&r, "united_states", "india", "cooperation"), "{r:?}");
        assert!(has(&r, "india", "ukraine", "cooperation"), "{r:?}");
    }

    #[test]
    fn spans_point_at_the_text() {
        let t = "Statement by the Government of Peru\n\nWe condemn the attack by Ecuador on Colombia. Peru and Chile signed a trade pact.";
        let x = Extractor::builtin().extract(t);
        assert!(!x.relations.is_empty());
        for r in &x.relations {
            assert_eq!(r.trigger_span.text(t), r.trigger);
            for sp in [r.source_span, r.target_span].into_iter().flatten() {
                let s = x.sentences[r.sentence];
                assert!(sp.start >= s.start && sp.end <= s.end, "{r:?}");
                assert_ne!(sp, r.trigger_span, "{r:?}");
            }
        }
        for m in &x.mentions {
            assert!(x.actors.iter().any(|a| a.id == m.actor));
        }
    }

    #[test]
    fn is_alnum_is_char_is_alphanumeric() {
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            assert_eq!(is_alnum(c), c.is_alphanumeric(), "{c:?}");
        }
    }

    #[test]
    fn words_before_matches_rsplit() {
        let t = "Zoë’s  “big”—deal, with Ωmega and 3 U.S. forces… x";
        for pos in (0..=t.len()).filter(|&i| t.is_char_boundary(i)) {
            for n in 1..=6 {
                let w = words_before(t, 0, pos, n);
                let seg = &t[..pos];
                let mut from = seg.len().saturating_sub(24 * n);
                while !seg.is_char_boundary(from) {
                    from += 1;
                }
                let want: Vec<&str> = seg[from..]
                    .rsplit(|c: char| !c.is_alphanumeric())
                    .filter(|w| !w.is_empty())
                    .take(n)
                    .collect();
                let got: Vec<&str> = w.iter().copied().collect();
                assert_eq!(got, want, "{pos} {n}");
            }
        }
    }

    #[test]
    fn alnum_words_match_split() {
        use super::{alnum_prefix, alnum_words};
        let t = "  Zoë’s “big”—deal, with Ωmega and 3 U.S. forces… x2 ";
        let idx: Vec<usize> = (0..=t.len()).filter(|&i| t.is_char_boundary(i)).collect();
        for &a in &idx {
            for &b in idx.iter().filter(|&&b| b >= a) {
                let s = &t[a..b];
                let want: Vec<&str> = s
                    .split(|c: char| !c.is_alphanumeric())
                    .filter(|w| !w.is_empty())
                    .collect();
                assert_eq!(alnum_words(s).collect::<Vec<_>>(), want);
                let first = s.split(|c: char| !c.is_alphanumeric()).next().unwrap_or("");
                assert_eq!(alnum_prefix(s), first);
            }
        }
    }

    #[test]
    fn no_panic_on_odd_input() {
        let ex = Extractor::builtin();
        for t in [
            "",
            "é",
            "Russia’",
            "“Iran”—Russia–",
            "US-",
            "\u{feff}Iran\r\nRussia\n\n",
            "Sino-",
            "the two countries",
        ] {
            let _ = ex.extract(t);
        }
    }
}

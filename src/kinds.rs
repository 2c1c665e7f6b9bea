//! The relation kinds, in one registry: name, directedness, colour, order and the CAMEO/PLOVER
//! event categories each kind gathers. The legend, the filter list, the chart and the data
//! exports all list kinds in [`KindRegistry`] order.
//!
//! Adding a built-in kind: a [`BUILTIN`] entry here and its triggers in `assets/lexicon/`.
//! Kinds that a user lexicon adds come after the built-ins, by name.

use std::cmp::Ordering;
use std::collections::BTreeSet;

/// One built-in relation kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BuiltinKind {
    pub name: &'static str,
    /// Whether relations of this kind may point from one actor to another (`false`: always
    /// mutual).
    pub directed: bool,
    /// sRGB `0xRRGGBB`.
    pub color: u32,
    /// CAMEO root codes the kind gathers.
    pub cameo: &'static [&'static str],
    /// Event categories (PLOVER's names where it has them, as the extractor writes them in
    /// [`crate::network::Evidence::category`]).
    pub categories: &'static [&'static str],
}

/// The built-in kinds, in legend order.
pub const BUILTIN: [BuiltinKind; 4] = [
    BuiltinKind {
        name: "cooperation",
        directed: false,
        color: 0x009E73, // bluish green (Okabe–Ito)
        cameo: &["02", "03", "04", "05", "06", "07", "08"],
        categories: &[
            "AGREE",
            "AID",
            "CONCEDE",
            "CONSULT",
            "COOPERATE",
            "REQUEST",
            "RETREAT",
            "SUPPORT",
        ],
    },
    BuiltinKind {
        name: "mistrust",
        directed: true,
        color: 0xE69F00, // amber (Okabe–Ito)
        cameo: &["10", "11", "12", "13", "14", "15", "16"],
        categories: &[
            "DISAPPROVE",
            "MOBILIZE",
            "PROTEST",
            "REJECT",
            "REQUEST",
            "SANCTION",
            "THREATEN",
        ],
    },
    BuiltinKind {
        name: "sanctions",
        directed: true,
        color: 0x8E44AD, // purple
        cameo: &["16", "17"],
        categories: &["COERCE", "SANCTION"],
    },
    BuiltinKind {
        name: "conflict",
        directed: true,
        color: 0xD7301F, // red
        cameo: &["17", "18", "19", "20"],
        categories: &["ASSAULT", "COERCE", "FIGHT"],
    },
];

/// The built-in relation kinds' names, in legend order.
pub const BUILTIN_KINDS: [&str; 4] = [
    BUILTIN[0].name,
    BUILTIN[1].name,
    BUILTIN[2].name,
    BUILTIN[3].name,
];

/// The built-in kind of a name.
pub fn builtin(name: &str) -> Option<&'static BuiltinKind> {
    BUILTIN.iter().find(|k| k.name == name)
}

/// Legend rank: the built-ins in their order, then every other kind (ties broken by name,
/// see [`compare`]).
pub fn rank(kind: &str) -> usize {
    BUILTIN
        .iter()
        .position(|k| k.name == kind)
        .unwrap_or(BUILTIN.len())
}

/// The one order of kinds: built-ins first, then by name.
pub fn compare(a: &str, b: &str) -> Ordering {
    rank(a).cmp(&rank(b)).then_with(|| a.cmp(b))
}

/// A kind as the registry knows it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct KindInfo {
    pub name: String,
    /// Whether relations of this kind may be directed.
    pub directed: bool,
    /// sRGB `0xRRGGBB` for built-ins; `None`: the style's palette picks one.
    pub color: Option<u32>,
    pub cameo: Vec<String>,
    pub categories: Vec<String>,
}

/// Every relation kind of a session, in the one order ([`compare`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct KindRegistry {
    kinds: Vec<KindInfo>,
}

impl KindRegistry {
    /// The built-in kinds only.
    pub fn builtin() -> Self {
        Self::new(std::iter::empty::<&str>())
    }

    /// The built-ins plus these kinds (duplicates and built-ins ignored).
    pub fn new<S: AsRef<str>>(names: impl IntoIterator<Item = S>) -> Self {
        let mut r = KindRegistry {
            kinds: BUILTIN
                .iter()
                .map(|k| KindInfo {
                    name: k.name.to_owned(),
                    directed: k.directed,
                    color: Some(k.color),
                    cameo: k.cameo.iter().map(|s| s.to_string()).collect(),
                    categories: k.categories.iter().map(|s| s.to_string()).collect(),
                })
                .collect(),
        };
        for n in names {
            r.add(n.as_ref(), false);
        }
        r
    }

    /// The built-ins, the lexicon's kinds and those of the network's edges; a user kind is
    /// directed when any of its edges is, and gathers the categories its evidence carries.
    pub fn for_network(net: &crate::network::Network, lexicon_kinds: &[String]) -> Self {
        let mut r = Self::new(lexicon_kinds);
        for e in net.graph.edge_weights() {
            r.add(&e.kind, e.directed);
            if builtin(&e.kind).is_none() {
                let cats: BTreeSet<&str> = e
                    .evidence
                    .iter()
                    .map(|ev| ev.category.as_str())
                    .filter(|c| !c.is_empty())
                    .collect();
                if let Some(k) = r.kinds.iter_mut().find(|k| *k.name == *e.kind) {
                    for c in cats {
                        if !k.categories.iter().any(|x| x == c) {
                            k.categories.push(c.to_owned());
                            k.categories.sort();
                        }
                    }
                }
            }
        }
        r
    }

    /// Add a kind (a known one: mark it directed if `directed`).
    pub fn add(&mut self, name: &str, directed: bool) {
        if let Some(k) = self.kinds.iter_mut().find(|k| k.name == name) {
            if builtin(name).is_none() {
                k.directed |= directed;
            }
            return;
        }
        let at = self
            .kinds
            .partition_point(|k| compare(&k.name, name) == Ordering::Less);
        self.kinds.insert(
            at,
            KindInfo {
                name: name.to_owned(),
                directed,
                color: None,
                cameo: Vec::new(),
                categories: Vec::new(),
            },
        );
    }

    pub fn get(&self, name: &str) -> Option<&KindInfo> {
        self.kinds.iter().find(|k| k.name == name)
    }

    /// Every kind, in order.
    pub fn iter(&self) -> impl Iterator<Item = &KindInfo> {
        self.kinds.iter()
    }

    /// The names, in order.
    pub fn names(&self) -> Vec<&str> {
        self.kinds.iter().map(|k| k.name.as_str()).collect()
    }

    pub fn len(&self) -> usize {
        self.kinds.len()
    }

    pub fn is_empty(&self) -> bool {
        self.kinds.is_empty()
    }
}

/// Sort kind names in the one order.
pub fn sort(names: &mut [String]) {
    names.sort_by(|a, b| compare(a, b));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtins_come_first_then_user_kinds_by_name() {
        let r = KindRegistry::new(["trade", "alliance", "conflict", "trade"]);
        assert_eq!(
            r.names(),
            [
                "cooperation",
                "mistrust",
                "sanctions",
                "conflict",
                "alliance",
                "trade"
            ]
        );
        let mut v: Vec<String> = ["trade", "conflict", "alliance", "cooperation"]
            .map(String::from)
            .to_vec();
        sort(&mut v);
        assert_eq!(v, ["cooperation", "conflict", "alliance", "trade"]);
        assert_eq!(rank("sanctions"), 2);
        assert_eq!(rank("trade"), 4);
    }

    #[test]
    fn builtins_carry_direction_colour_and_categories() {
        let r = KindRegistry::builtin();
        let c = r.get("cooperation").unwrap();
        assert!(!c.directed);
        assert_eq!(c.color, Some(0x009E73));
        assert!(c.categories.iter().any(|x| x == "AGREE"));
        assert!(r.get("conflict").unwrap().cameo.contains(&"19".to_owned()));
        // a built-in's direction is not changed by an edge
        let mut r = r;
        r.add("cooperation", true);
        assert!(!r.get("cooperation").unwrap().directed);
        r.add("trade", false);
        r.add("trade", true);
        assert!(r.get("trade").unwrap().directed);
        assert_eq!(r.get("trade").unwrap().color, None);
    }
}

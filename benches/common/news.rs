//! A realistic news network, for the readability tests and benches: the shape of what a few
//! thousand articles give (a dense core of much-mentioned states and organisations, a long
//! tail of actors named once or twice hanging off it, and dozens of small components: a
//! local dispute between two parties, a company and its regulator), with names of realistic
//! lengths. Deterministic for a seed. Used by `benches/readability.rs` and
//! `tests/readability.rs` (included there by path).
#![allow(dead_code)]

use dyad::extract::ActorKind;
use dyad::network::{ActorNode, Evidence, Network, RelationEdge};
use dyad::scene::BUILTIN_KINDS;
use petgraph::stable_graph::NodeIndex;

/// SplitMix64.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn unit(&mut self) -> f32 {
        (self.next() >> 40) as f32 / (1u64 << 24) as f32
    }
}

const SYLLABLES: [&str; 24] = [
    "ka", "ri", "mo", "ve", "la", "dan", "tor", "si", "ne", "ba", "lu", "gar", "os", "tha", "mi",
    "ren", "zu", "pol", "e", "an", "ia", "sta", "vik", "do",
];
const ORG_FORMS: [&str; 8] = [
    "Ministry of Defence of {}",
    "{} Liberation Front",
    "Central Bank of {}",
    "{} National Guard",
    "{} Energy Company",
    "Union of {} Workers",
    "{} People's Party",
    "{} Coast Guard",
];
const FIRST: [&str; 12] = [
    "Amal", "Jana", "Pavel", "Sofia", "Omar", "Li", "Tomas", "Nadia", "Hugo", "Yara", "Ivo", "Mei",
];

fn word(rng: &mut Rng, syllables: usize) -> String {
    let mut w: String = (0..syllables)
        .map(|_| SYLLABLES[rng.below(SYLLABLES.len())])
        .collect();
    if let Some(f) = w.get_mut(0..1) {
        f.make_ascii_uppercase();
    }
    w
}

/// An actor's name and kind: mostly places and states, then organisations and people.
fn name(rng: &mut Rng) -> (String, ActorKind) {
    match rng.below(10) {
        0..=4 => {
            let s = 2 + rng.below(3);
            (word(rng, s), ActorKind::State)
        }
        5..=7 => {
            let s = 2 + rng.below(2);
            let place = word(rng, s);
            let form = ORG_FORMS[rng.below(ORG_FORMS.len())];
            let kind = if form.contains("Company") || form.contains("Bank") {
                ActorKind::Company
            } else if form.contains("Front") || form.contains("Party") {
                ActorKind::Group
            } else {
                ActorKind::Organisation
            };
            (form.replace("{}", &place), kind)
        }
        _ => {
            let first = FIRST[rng.below(FIRST.len())];
            let s = 2 + rng.below(2);
            let last = word(rng, s);
            (format!("{first} {last}"), ActorKind::Person)
        }
    }
}

/// `n` actors with distinct names: the first `core` mentioned most (Zipf-like), the rest up to
/// `main` a tail mentioned a few times, the others (the small components) a few times too.
fn add_actors(
    net: &mut Network,
    rng: &mut Rng,
    n: usize,
    core: usize,
    main: usize,
) -> Vec<NodeIndex> {
    let mut seen_names = std::collections::HashSet::new();
    let mut nodes = Vec::with_capacity(n);
    for i in 0..n {
        let (mut nm, kind) = name(rng);
        while !seen_names.insert(nm.clone()) {
            nm.push_str(&format!(" {}", 2 + rng.below(8)));
        }
        // mentions: a Zipf-like core, a tail mentioned a few times
        let mentions = if i < core {
            (2000.0 / (1.0 + i as f32).powf(0.9)) as usize + rng.below(40)
        } else if i < main {
            1 + (rng.unit().powi(3) * 40.0) as usize
        } else {
            1 + rng.below(12)
        };
        nodes.push(net.graph.add_node(ActorNode {
            id: format!("a{i}"),
            name: nm.into(),
            kind,
            aliases: Default::default(),
            mentions,
        }));
    }
    nodes
}

/// A news network of `n` actors (see the module docs): 6 + n/50 in a dense core, 18% in
/// small components of 2–5 actors, the rest a long tail attached to the main component.
pub fn news_network(n: usize, seed: u64) -> Network {
    let mut rng = Rng(seed ^ 0x5eed_0000 ^ n as u64);
    let n = n.max(4);
    let core = 6 + n / 50;
    let small_total = n * 18 / 100;
    let main = n - small_total;
    let mut net = Network::new();
    let nodes = add_actors(&mut net, &mut rng, n, core, main);
    let kinds: Vec<std::sync::Arc<str>> = BUILTIN_KINDS.iter().map(|&k| k.into()).collect();
    let mut pairs = std::collections::BTreeSet::new();
    let mut link = |net: &mut Network, rng: &mut Rng, a: usize, b: usize| {
        if a == b || !pairs.insert((a.min(b), a.max(b))) {
            return false;
        }
        let k = rng.below(4);
        let ev = 1 + (rng.unit().powi(2) * 12.0) as usize;
        net.graph.add_edge(
            nodes[a],
            nodes[b],
            RelationEdge {
                kind: kinds[k].clone(),
                directed: k >= 2 && rng.below(2) == 0,
                evidence: (0..ev)
                    .map(|s| Evidence {
                        article: 0,
                        sentence: s,
                        text: String::new(),
                        trigger: String::new(),
                        category: String::new(),
                        highlights: Vec::new(),
                        date: None,
                    })
                    .collect(),
            },
        );
        true
    };
    // the dense core
    for a in 0..core {
        for b in a + 1..core {
            if rng.unit() < 0.35 {
                link(&mut net, &mut rng, a, b);
            }
        }
        if a > 0 {
            let b = rng.below(a);
            link(&mut net, &mut rng, a, b);
        }
    }
    // the long tail: preferential attachment into the main component
    let mut ends: Vec<usize> = (0..core).flat_map(|i| [i, i, i]).collect();
    for a in core..main {
        let k = match rng.below(10) {
            0..=6 => 1,
            7..=8 => 2,
            _ => 3,
        };
        let mut linked = 0;
        let mut tries = 0;
        while linked < k && tries < 20 {
            tries += 1;
            let b = ends[rng.below(ends.len())];
            if link(&mut net, &mut rng, a, b) {
                linked += 1;
                ends.push(b);
            }
        }
        ends.push(a);
    }
    // small components of 2–5 actors (a chain plus a chord now and then)
    let mut a = main;
    while a < n {
        let size = (2 + rng.below(4)).min(n - a);
        if size < 2 {
            break;
        }
        for k in a + 1..a + size {
            let b = a + rng.below(k - a);
            link(&mut net, &mut rng, k, b);
        }
        if size > 3 && rng.below(2) == 0 {
            link(&mut net, &mut rng, a, a + size - 1);
        }
        a += size;
    }
    // a last lone actor (fewer than 2 left) joins the main component
    if a < n && (a..n).len() == 1 && n > main {
        link(&mut net, &mut rng, n - 1, 0);
    }
    net
}

/// The indices of the nodes of the largest connected component.
pub fn largest_component(net: &Network) -> Vec<NodeIndex> {
    let n = net.graph.node_count();
    let edges: Vec<(u32, u32, f32)> = net
        .graph
        .edge_indices()
        .filter_map(|e| net.graph.edge_endpoints(e))
        .map(|(a, b)| (a.index() as u32, b.index() as u32, 1.0))
        .collect();
    let (comp, _) = dyad::layout::pack::components(n, &edges);
    let mut count = std::collections::HashMap::new();
    for c in &comp {
        *count.entry(*c).or_insert(0usize) += 1;
    }
    let best = count
        .iter()
        .max_by_key(|(c, k)| (**k, std::cmp::Reverse(**c)))
        .map(|(c, _)| *c)
        .unwrap_or(0);
    (0..n)
        .filter(|&i| comp[i] == best)
        .map(NodeIndex::new)
        .collect()
}

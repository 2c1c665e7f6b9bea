//! Shared by the benches: deterministic scale-free graphs like the peers' `gen_graph.py`, and a
//! synthetic actor network laid out by Dyad's own layout.
#![allow(dead_code)]

use dyad::extract::ActorKind;
use dyad::geom::Point;
use dyad::layout::{ForceLayout, LayoutParams};
use dyad::network::{ActorNode, Evidence, Network, RelationEdge};
use dyad::scene::BUILTIN_KINDS;
use petgraph::stable_graph::NodeIndex;

/// SplitMix64: deterministic, no dependency.
pub struct Rng(pub u64);
impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// Barabási–Albert-style graph with exactly `m` edges (preferential attachment P ~ degree + 1,
/// the first link of each node builds a spanning tree, extra preferential edges top up to `m`).
pub fn scale_free(n: usize, m: usize, seed: u64) -> Vec<(u32, u32, f32)> {
    let mut rng = Rng(seed);
    let per = (m / n).max(1);
    let mut rep: Vec<u32> = vec![0];
    let mut seen = std::collections::HashSet::new();
    let mut edges = Vec::with_capacity(m);
    let mut add = |u: u32, v: u32, rep: &mut Vec<u32>, edges: &mut Vec<(u32, u32, f32)>| {
        if u != v && seen.insert((u.min(v), u.max(v))) {
            edges.push((u.min(v), u.max(v), 1.0));
            rep.push(u);
            rep.push(v);
            true
        } else {
            false
        }
    };
    for i in 1..n as u32 {
        let k = (i as usize).min(per);
        let mut linked = 0;
        while linked < k {
            let t = rep[rng.below(rep.len())];
            if add(i, t, &mut rep, &mut edges) {
                linked += 1;
            }
        }
        rep.push(i);
    }
    while edges.len() < m.min(n * (n - 1) / 2) {
        let u = rng.below(n) as u32;
        let v = rep[rng.below(rep.len())];
        add(u, v, &mut rep, &mut edges);
    }
    edges
}

/// An actor network of `n` nodes and `m` relations (kinds and directions mixed, 1-3 evidence
/// sentences each; node mentions grow with degree) and its layout after `iterations` steps.
pub fn laid_out_network(n: usize, m: usize, iterations: usize) -> (Network, Vec<Point>) {
    let edges = scale_free(n, m, 42);
    let mut net = Network::new();
    let mut deg = vec![0usize; n];
    for &(u, v, _) in &edges {
        deg[u as usize] += 1;
        deg[v as usize] += 1;
    }
    for (i, d) in deg.iter().enumerate() {
        net.graph.add_node(ActorNode {
            id: format!("a{i}"),
            name: format!("Actor number {i}").into(),
            kind: [ActorKind::State, ActorKind::Organisation, ActorKind::Person][i % 3],
            aliases: Default::default(),
            mentions: 1 + d,
        });
    }
    let mut rng = Rng(7);
    // one shared string per kind, as Network::add_article interns them
    let kinds: Vec<std::sync::Arc<str>> = BUILTIN_KINDS.iter().map(|&k| k.into()).collect();
    for &(u, v, _) in &edges {
        let k = rng.below(4);
        let ev = 1 + rng.below(3);
        net.graph.add_edge(
            NodeIndex::new(u as usize),
            NodeIndex::new(v as usize),
            RelationEdge {
                kind: kinds[k].clone(),
                directed: k == 2,
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
    }
    let mut layout = ForceLayout::new(n, &edges, LayoutParams::default());
    layout.run(iterations);
    (net, layout.positions().to_vec())
}

/// States (name, capital, demonym) the corpus's articles are about.
const STATES: [(&str, &str, &str); 24] = [
    ("China", "Beijing", "Chinese"),
    ("Turkey", "Ankara", "Turkish"),
    ("India", "New Delhi", "Indian"),
    ("Brazil", "Brasília", "Brazilian"),
    ("Japan", "Tokyo", "Japanese"),
    ("Germany", "Berlin", "German"),
    ("France", "Paris", "French"),
    ("Egypt", "Cairo", "Egyptian"),
    ("Pakistan", "Islamabad", "Pakistani"),
    ("Saudi Arabia", "Riyadh", "Saudi"),
    ("Israel", "Jerusalem", "Israeli"),
    ("Ukraine", "Kyiv", "Ukrainian"),
    ("Poland", "Warsaw", "Polish"),
    ("Mexico", "Mexico City", "Mexican"),
    ("Nigeria", "Abuja", "Nigerian"),
    ("Indonesia", "Jakarta", "Indonesian"),
    ("Vietnam", "Hanoi", "Vietnamese"),
    ("South Korea", "Seoul", "South Korean"),
    ("Syria", "Damascus", "Syrian"),
    ("Iraq", "Baghdad", "Iraqi"),
    ("Qatar", "Doha", "Qatari"),
    ("Venezuela", "Caracas", "Venezuelan"),
    ("Cuba", "Havana", "Cuban"),
    ("Ethiopia", "Addis Ababa", "Ethiopian"),
];

/// 1,000 articles of ~5.5 KB, as .txt, .md and .html (with navigation around the article):
/// the sample op-ed with its two protagonists (Russia and Iran, their capitals and demonyms)
/// replaced by a different pair of [`STATES`] in each, so the merged network has many actors
/// and relations, as a real folder would. Returns the bytes written.
pub fn write_corpus(dir: &std::path::Path) -> usize {
    let base = dyad::ingest::SAMPLE_TEXT;
    // longest first ("Russian" before "Russia"), through placeholders (no chains)
    let from = ["Russian", "Iranian", "Russia", "Iran", "Moscow", "Tehran"];
    let mut bytes = 0;
    for i in 0..1000usize {
        let a = STATES[i % STATES.len()];
        let b = STATES[(i * 7 + 1 + i / STATES.len()) % STATES.len()];
        let b = if b.0 == a.0 {
            STATES[(i + 1) % STATES.len()]
        } else {
            b
        };
        let to = [a.2, b.2, a.0, b.0, a.1, b.1];
        let mut t = base.to_owned();
        for (k, f) in from.iter().enumerate() {
            t = t.replace(f, &format!("\u{1}{k}\u{2}"));
        }
        for (k, x) in to.iter().enumerate() {
            t = t.replace(&format!("\u{1}{k}\u{2}"), x);
        }
        let (name, body) = match i % 3 {
            0 => (format!("a{i:04}.txt"), t),
            1 => (format!("a{i:04}.md"), format!("# Article {i}\n\n{t}")),
            _ => (
                format!("a{i:04}.html"),
                format!(
                    "<html><head><title>Article {i}</title></head><body><nav>Home | World</nav>\
                     <article>{}</article></body></html>",
                    t.split("\n\n")
                        .map(|p| format!("<p>{p}</p>"))
                        .collect::<String>()
                ),
            ),
        };
        bytes += body.len();
        std::fs::write(dir.join(name), body).unwrap();
    }
    bytes
}

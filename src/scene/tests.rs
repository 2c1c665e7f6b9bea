//! Tests of building, moving and hit-testing scenes (the index's brute-force check is in
//! `index.rs`, the style's test in `style.rs`).

use super::*;

/// Options that keep actors without visible relations (most tests look at every node).
fn all_nodes() -> SceneOptions {
    SceneOptions {
        show_isolated: true,
        ..Default::default()
    }
}

#[test]
fn actors_without_visible_relations_are_left_out_by_default() {
    let (net, pos) = net();
    let opts = SceneOptions {
        visible_kinds: Some(BTreeSet::new()),
        ..Default::default()
    };
    let s = build_scene(&net, &pos, &opts, &Style::default());
    assert!(s.nodes.is_empty() && s.labels.is_empty());
    let s = build_scene(&net, &pos, &all_nodes(), &Style::default());
    assert_eq!(s.nodes.len(), net.graph.node_count());
}
use crate::extract::{ActorInfo, ActorKind, ArticleExtraction, Mention, RelationMention};
use crate::ingest::Article;
use crate::text::Span;

/// a, b, c, d, e: a-b cooperation + a->b sanctions + b->a sanctions; b-c conflict (3
/// sentences); c-d mistrust; e isolated (mentioned only).
fn net() -> (Network, Vec<Point>) {
    let parts = ["A B C D E.", "A B.", "B C.", "B C.", "B C.", "C D."];
    let text = parts.join(" ");
    let art = Article {
        path: "t.txt".into(),
        title: "t".into(),
        text: text.clone(),
        ..Default::default()
    };
    // Sentence spans made by hand (independent of the sentence splitter).
    let mut sentences = Vec::new();
    let mut at = 0;
    for p in parts {
        sentences.push(Span::new(at, at + p.len()));
        at += p.len() + 1;
    }
    let ids = ["a", "b", "c", "d", "e"];
    let actors = ids
        .iter()
        .map(|i| ActorInfo {
            id: i.to_string(),
            name: i.to_uppercase(),
            kind: ActorKind::State,
        })
        .collect();
    let mentions = ids
        .iter()
        .enumerate()
        .map(|(k, i)| Mention {
            actor: i.to_string(),
            sentence: 0,
            span: Span::new(2 * k, 2 * k + 1),
        })
        .collect();
    let rel = |s: &str, t: &str, kind: &str, directed: bool, sentence: usize| RelationMention {
        source: s.into(),
        target: t.into(),
        kind: kind.into(),
        directed,
        sentence,
        trigger: "x".into(),
        trigger_span: Span::new(sentences[sentence].start, sentences[sentence].start + 1),
        source_span: None,
        target_span: None,
        category: String::new(),
    };
    let relations = vec![
        rel("a", "b", "cooperation", false, 1),
        rel("a", "b", "sanctions", true, 1),
        rel("b", "a", "sanctions", true, 1),
        rel("b", "c", "conflict", false, 2),
        rel("b", "c", "conflict", false, 3),
        rel("b", "c", "conflict", false, 4),
        rel("c", "d", "mistrust", false, 5),
    ];
    let x = ArticleExtraction {
        sentences,
        actors,
        mentions,
        relations,
    };
    let net = Network::from_extractions([(&art, &x)]);
    let pos = vec![
        Point::new(0.0, 0.0),
        Point::new(100.0, 0.0),
        Point::new(200.0, 0.0),
        Point::new(200.0, 100.0),
        Point::new(0.0, 200.0),
    ];
    (net, pos)
}

fn n(net: &Network, id: &str) -> NodeIndex {
    net.node(id).unwrap()
}

#[test]
fn parallel_edges_curve_apart_single_is_straight() {
    let (net, pos) = net();
    let s = build_scene(&net, &pos, &all_nodes(), &Style::default());
    assert_eq!(s.unit, 1.0);
    let ab: Vec<&EdgeShape> = net
        .edges_between("a", "b")
        .iter()
        .map(|e| s.edge(*e).unwrap())
        .collect();
    assert_eq!(ab.len(), 3);
    let mids: Vec<f32> = ab.iter().map(|e| e.midpoint().y).collect();
    for i in 0..3 {
        for j in i + 1..3 {
            assert!((mids[i] - mids[j]).abs() > 5.0, "{mids:?}");
        }
    }
    // Symmetric about the straight line.
    let sum: f32 = mids.iter().sum();
    assert!(sum.abs() < 1e-3, "{mids:?}");
    // Both sanctions directions are curved, and apart.
    let bc = s.edge(net.edges_between("b", "c")[0]).unwrap();
    assert!(bc.is_straight());
    assert!(
        s.edge(net.edges_between("c", "d")[0])
            .unwrap()
            .is_straight()
    );
}

#[test]
fn arrows_only_for_directed_edges_and_on_the_rim() {
    let (net, pos) = net();
    let s = build_scene(&net, &pos, &all_nodes(), &Style::default());
    for e in &s.edges {
        let w = &net.graph[e.edge];
        assert_eq!(e.arrow.is_some(), w.directed, "{}", w.kind);
        if let Some([tip, l, r]) = e.arrow {
            let (_, t) = net.graph.edge_endpoints(e.edge).unwrap();
            let target = s.node(t).unwrap();
            let d = tip.distance(target.center);
            assert!((d - target.radius).abs() < 1.0, "{d} vs {}", target.radius);
            assert!(l.distance(target.center) > d && r.distance(target.center) > d);
        }
    }
}

#[test]
fn filters_remove_edges_and_keep_nodes() {
    let (net, pos) = net();
    let style = Style::default();
    let all = build_scene(&net, &pos, &all_nodes(), &style);
    assert_eq!(all.edges.len(), 5);
    assert_eq!(all.nodes.len(), 5);
    assert_eq!(all.labels.len(), 5);
    assert_eq!(
        all.legend.iter().map(|l| l.0.as_str()).collect::<Vec<_>>(),
        ["cooperation", "mistrust", "sanctions", "conflict"]
    );
    let opts = SceneOptions {
        show_isolated: true,
        visible_kinds: Some(["conflict".to_string()].into()),
        ..Default::default()
    };
    let s = build_scene(&net, &pos, &opts, &style);
    assert_eq!(s.edges.len(), 1);
    assert_eq!(s.nodes.len(), 5);
    assert_eq!(s.legend.len(), 1);
    // a and d lost every relation: dimmed; e never had one: not dimmed.
    assert!(s.node(n(&net, "a")).unwrap().dimmed);
    assert!(s.node(n(&net, "d")).unwrap().dimmed);
    assert!(!s.node(n(&net, "e")).unwrap().dimmed);
    assert!(!s.node(n(&net, "b")).unwrap().dimmed);

    let opts = SceneOptions {
        show_isolated: true,
        min_evidence: 2,
        ..Default::default()
    };
    let s = build_scene(&net, &pos, &opts, &style);
    assert_eq!(s.edges.len(), 1);
    assert_eq!(&*net.graph[s.edges[0].edge].kind, "conflict");

    let hidden = net.edges_between("c", "d")[0];
    let opts = SceneOptions {
        show_isolated: true,
        hidden_edges: [hidden].into(),
        ..Default::default()
    };
    let s = build_scene(&net, &pos, &opts, &style);
    assert_eq!(s.edges.len(), 4);
    assert!(s.edge(hidden).is_none());
    // Hiding one of a's three parallel edges re-spreads the other two symmetrically.
    let coop = net.relation("a", "b", "cooperation").unwrap().0;
    let opts = SceneOptions {
        show_isolated: true,
        hidden_edges: [coop].into(),
        ..Default::default()
    };
    let s = build_scene(&net, &pos, &opts, &style);
    let ys: Vec<f32> = net
        .edges_between("a", "b")
        .iter()
        .filter_map(|e| s.edge(*e))
        .map(|e| e.midpoint().y)
        .collect();
    assert_eq!(ys.len(), 2);
    assert!((ys[0] + ys[1]).abs() < 1e-3 && (ys[0] - ys[1]).abs() > 5.0);
}

/// Every node shown, "a" hovered, the c–d edge selected.
fn hover_a_select_cd(net: &Network) -> SceneOptions {
    SceneOptions {
        show_isolated: true,
        hovered_node: Some(n(net, "a")),
        selected_edge: Some(net.edges_between("c", "d")[0]),
        ..Default::default()
    }
}

#[test]
fn hover_dims_non_neighbours_and_selected_edge_on_top() {
    let (net, pos) = net();
    let style = Style::default();
    let opts = hover_a_select_cd(&net);
    let s = build_scene(&net, &pos, &opts, &style);
    assert!(!s.node(n(&net, "a")).unwrap().dimmed);
    assert!(!s.node(n(&net, "b")).unwrap().dimmed);
    assert!(s.node(n(&net, "e")).unwrap().dimmed);
    // c and d are ends of the selected edge: kept.
    assert!(!s.node(n(&net, "c")).unwrap().dimmed);
    let bc = s.edge(net.edges_between("b", "c")[0]).unwrap();
    assert!(bc.dimmed && bc.color.a() < 64);
    for e in net.edges_between("a", "b") {
        assert!(!s.edge(e).unwrap().dimmed);
    }
    let last = s.edges.last().unwrap();
    assert!(last.selected && !last.dimmed);
    assert_eq!(last.edge, net.edges_between("c", "d")[0]);
    let plain = build_scene(&net, &pos, &all_nodes(), &style);
    assert!(last.width > plain.edge(last.edge).unwrap().width);
    // Hovered node drawn on top.
    assert_eq!(s.nodes.last().unwrap().node, n(&net, "a"));
    // Nothing dimmed without focus.
    assert!(plain.edges.iter().all(|e| !e.dimmed));
    assert!(plain.nodes.iter().all(|n| !n.dimmed));
}

#[test]
fn moving_a_scene_equals_building_it_at_the_new_positions() {
    let (net, pos) = net();
    let style = Style::default();
    let opts = hover_a_select_cd(&net);
    // Every node moved, the layout spread twice as far (so sizes follow a new unit), and
    // one node dragged across another (labels flip, parallel edges swap sides).
    let mut moved: Vec<Point> = pos
        .iter()
        .enumerate()
        .map(|(i, p)| *p * 2.0 + Point::new(i as f32 * 7.0, -(i as f32) * 3.0))
        .collect();
    moved[n(&net, "a").index()] = moved[n(&net, "c").index()] + Point::new(0.0, 90.0);
    let mut s = build_scene(&net, &pos, &opts, &style);
    s.prepare_hit_testing();
    s.update_positions(&net, &moved, &style);
    let fresh = build_scene(&net, &moved, &opts, &style);
    assert_ne!(s.unit, build_scene(&net, &pos, &opts, &style).unit);
    assert_eq!(s.unit, fresh.unit);
    assert_eq!(s.nodes, fresh.nodes);
    assert_eq!(s.edges, fresh.edges);
    assert_eq!(s.labels, fresh.labels);
    assert_eq!(s.bounds, fresh.bounds);
    // hit testing follows the move (the index was dropped)
    let c = fresh.node(n(&net, "a")).unwrap().center;
    assert_eq!(s.node_at(c, 0.0), Some(n(&net, "a")));
}

#[test]
fn search_hits_ringed_and_others_dimmed() {
    let (net, pos) = net();
    let style = Style::default();
    let opts = SceneOptions {
        show_isolated: true,
        highlighted_nodes: [n(&net, "d")].into(),
        ..Default::default()
    };
    let s = build_scene(&net, &pos, &opts, &style);
    let d = s.node(n(&net, "d")).unwrap();
    assert_eq!(d.stroke, style.highlight_stroke);
    assert!(!d.dimmed);
    assert!(s.node(n(&net, "a")).unwrap().dimmed);
    assert!(!s.edge(net.edges_between("c", "d")[0]).unwrap().dimmed);
}

#[test]
fn hit_testing() {
    let (net, pos) = net();
    let s = build_scene(&net, &pos, &all_nodes(), &Style::default());
    assert_eq!(s.node_at(Point::new(1.0, 1.0), 0.0), Some(n(&net, "a")));
    assert_eq!(s.node_at(Point::new(0.0, 150.0), 2.0), None);
    let r = s.node(n(&net, "e")).unwrap().radius;
    assert_eq!(
        s.node_at(Point::new(0.0, 200.0 - r - 3.0), 4.0),
        Some(n(&net, "e"))
    );
    assert_eq!(s.node_at(Point::new(0.0, 200.0 - r - 3.0), 1.0), None);
    assert_eq!(s.node_at(Point::new(-1e6, 0.0), 5.0), None);
    // b-c is straight along y = 0.
    let bc = net.edges_between("b", "c")[0];
    assert_eq!(s.edge_at(Point::new(150.0, 1.0), 3.0), Some(bc));
    assert_eq!(s.edge_at(Point::new(150.0, 30.0), 3.0), None);
    // Each a-b curve is hit at its own middle.
    for e in net.edges_between("a", "b") {
        let m = s.edge(e).unwrap().midpoint();
        assert_eq!(s.edge_at(m, 2.0), Some(e));
    }
    // c-d vertical.
    assert_eq!(
        s.edge_at(Point::new(202.0, 50.0), 3.0),
        Some(net.edges_between("c", "d")[0])
    );
}

#[test]
fn kinds_shared_or_not_give_the_same_scene() {
    // Network::add_article shares one string per kind (compared by pointer); a network
    // built by hand may not (compared by bytes, also past the pointer table's bound).
    let build = |shared: bool| {
        let mut net = Network::new();
        let kinds: Vec<std::sync::Arc<str>> = ["mistrust", "cooperation", "custom", "sanctions"]
            .map(Into::into)
            .to_vec();
        for i in 0..40 {
            net.graph.add_node(crate::network::ActorNode {
                id: format!("n{i}"),
                name: format!("N{i}").into(),
                kind: ActorKind::State,
                aliases: Default::default(),
                mentions: 1,
            });
        }
        for i in 0..300usize {
            let kind = if shared {
                kinds[i % 4].clone()
            } else {
                (*kinds[i % 4]).into()
            };
            net.graph.add_edge(
                NodeIndex::new(i % 40),
                NodeIndex::new((i * 7 + 3) % 40),
                crate::network::RelationEdge {
                    kind,
                    directed: i % 3 == 0,
                    evidence: Vec::new(),
                },
            );
        }
        let pos: Vec<Point> = (0..40)
            .map(|i| Point::new((i * 37 % 11) as f32 * 20.0, (i * 13 % 7) as f32 * 25.0))
            .collect();
        let opts = SceneOptions {
            visible_kinds: Some(["mistrust", "custom", "sanctions"].map(String::from).into()),
            ..all_nodes()
        };
        build_scene(&net, &pos, &opts, &Style::default())
    };
    let (a, b) = (build(true), build(false));
    assert_eq!(a.edges, b.edges);
    assert_eq!(a.legend, b.legend);
    assert_eq!(
        a.legend.iter().map(|l| l.0.as_str()).collect::<Vec<_>>(),
        ["mistrust", "sanctions", "custom"]
    );
    // every edge but the hidden kind's (a quarter of them)
    assert_eq!(a.edges.len(), 225);
}

#[test]
fn fit_and_inverse() {
    let (net, pos) = net();
    let s = build_scene(&net, &pos, &all_nodes(), &Style::default());
    let t = s.fit(800.0, 600.0, 20.0);
    let a = t.apply(s.bounds.min);
    let b = t.apply(s.bounds.max);
    assert!(a.x >= 19.9 && a.y >= 19.9 && b.x <= 780.1 && b.y <= 580.1);
    assert!((a.x - 20.0).abs() < 0.1 || (a.y - 20.0).abs() < 0.1);
    let p = Point::new(37.0, -12.0);
    let q = t.inverse().apply(t.apply(p));
    assert!(p.distance(q) < 1e-3);
}

#[test]
fn auto_unit_follows_layout_scale() {
    let (net, pos) = net();
    let small: Vec<Point> = pos.iter().map(|p| *p * 0.01).collect();
    let a = build_scene(&net, &pos, &all_nodes(), &Style::default());
    let b = build_scene(&net, &small, &all_nodes(), &Style::default());
    assert!((b.unit - 0.01).abs() < 1e-6);
    assert!((a.nodes[0].radius * 0.01 - b.nodes[0].radius).abs() < 1e-4);
}

#[test]
fn empty_network() {
    let s = build_scene(&Network::new(), &[], &all_nodes(), &Style::default());
    assert!(s.nodes.is_empty() && s.edges.is_empty());
    assert_eq!(s.node_at(Point::ZERO, 10.0), None);
    assert_eq!(s.edge_at(Point::ZERO, 10.0), None);
    let t = s.fit(100.0, 100.0, 5.0);
    assert!(t.scale.is_finite());
}

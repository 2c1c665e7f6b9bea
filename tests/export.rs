//! Export: SVG and PNG of a small hand-made network.

use dyad::extract::{ActorInfo, ActorKind, ArticleExtraction, Mention, RelationMention};
use dyad::geom::Point;
use dyad::ingest::Article;
use dyad::network::Network;
use dyad::scene::{Scene, SceneOptions, Style, build_scene};
use dyad::text::Span;
use resvg::tiny_skia::Pixmap;

const W: u32 = 900;
const H: u32 = 600;

/// Five actors: Russia–Iran cooperation + Russia->Iran and Iran->Russia mistrust (three parallel
/// edges), United States -> Iran sanctions (directed), Iran–Israel conflict, and an organisation
/// whose name needs XML escaping.
fn network() -> (Network, Vec<Point>) {
    let parts = [
        "Russia Iran United States Israel AT&T <Group> \"Q\" 'R'.",
        "Russia and Iran cooperate.",
        "Russia distrusts Iran.",
        "Iran distrusts Russia.",
        "The United States sanctioned Iran.",
        "Iran and Israel clashed.",
        "AT&T <Group> \"Q\" 'R' cooperates with Israel.",
    ];
    let text = parts.join(" ");
    let article = Article {
        path: "test.txt".into(),
        title: "test".into(),
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
    let actors = [
        ("att", "AT&T <Group> \"Q\" 'R'", ActorKind::Organisation),
        ("iran", "Iran", ActorKind::State),
        ("israel", "Israel", ActorKind::State),
        ("russia", "Russia", ActorKind::State),
        ("united_states", "United States", ActorKind::State),
    ];
    let mut mentions = Vec::new();
    for (id, name, _) in &actors {
        let start = text.find(name).unwrap();
        for _ in 0..if *id == "iran" { 6 } else { 2 } {
            mentions.push(Mention {
                actor: id.to_string(),
                sentence: 0,
                span: Span::new(start, start + name.len()),
            });
        }
    }
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
        rel("russia", "iran", "cooperation", false, 1),
        rel("russia", "iran", "mistrust", true, 2),
        rel("iran", "russia", "mistrust", true, 3),
        rel("united_states", "iran", "sanctions", true, 4),
        rel("iran", "israel", "conflict", false, 5),
        rel("att", "israel", "cooperation", false, 6),
    ];
    let x = ArticleExtraction {
        sentences,
        actors: actors
            .iter()
            .map(|(id, name, kind)| ActorInfo {
                id: id.to_string(),
                name: name.to_string(),
                kind: *kind,
            })
            .collect(),
        mentions,
        relations,
    };
    let net = Network::from_extractions([(&article, &x)]);
    let mut pos = vec![Point::ZERO; net.graph.node_count()];
    for (id, p) in [
        ("russia", Point::new(0.0, 0.0)),
        ("iran", Point::new(120.0, 20.0)),
        ("united_states", Point::new(60.0, 130.0)),
        ("israel", Point::new(240.0, 60.0)),
        ("att", Point::new(300.0, 170.0)),
    ] {
        pos[net.node(id).unwrap().index()] = p;
    }
    (net, pos)
}

fn scene() -> (Network, Scene, Style) {
    let (net, pos) = network();
    let style = Style::default();
    let scene = build_scene(&net, &pos, &SceneOptions::default(), &style);
    (net, scene, style)
}

fn pixel(p: &Pixmap, x: u32, y: u32) -> [u8; 4] {
    let c = p.pixel(x, y).unwrap().demultiply();
    [c.red(), c.green(), c.blue(), c.alpha()]
}

fn differs(a: [u8; 4], b: [u8; 4]) -> bool {
    a.iter().zip(b).any(|(x, y)| x.abs_diff(y) > 40)
}

#[test]
fn png_has_exact_size_and_is_not_blank() {
    let (_, scene, style) = scene();
    let png = dyad::export::png::to_png(&scene, &style, W, H, Some("Test & <title>")).unwrap();
    let img = Pixmap::decode_png(&png).unwrap();
    assert_eq!((img.width(), img.height()), (W, H));
    let bg = style.background.0;
    let mut other = 0;
    for y in (0..H).step_by(3) {
        for x in (0..W).step_by(3) {
            if differs(pixel(&img, x, y), bg) {
                other += 1;
            }
        }
    }
    assert!(other > 500, "only {other} non-background samples");
    // Corners are background.
    assert!(!differs(pixel(&img, 0, 0), bg));
    assert!(!differs(pixel(&img, W - 1, H - 1), bg));
}

#[test]
fn png_draws_text_where_labels_are() {
    let (_, scene, style) = scene();
    let png = dyad::export::png::to_png(&scene, &style, W, H, None).unwrap();
    let img = Pixmap::decode_png(&png).unwrap();
    let placed = dyad::export::svg::image_labels(&scene, &style, W, H, None);
    // a small graph: every actor is labelled
    assert_eq!(placed.len(), scene.labels.len());
    let bg = style.background.0;
    for p in &placed {
        let l = &scene.labels[p.label];
        // The label's box in pixels where it was placed: text ink must be there (the font
        // loaded).
        let (a, z) = (p.text.min, p.text.max);
        let mut dark = 0;
        for y in a.y.max(0.0) as u32..(z.y as u32).min(H) {
            for x in a.x.max(0.0) as u32..(z.x as u32).min(W) {
                let p = pixel(&img, x, y);
                if p[0] < 110 && p[1] < 110 && p[2] < 110 && differs(p, bg) {
                    dark += 1;
                }
            }
        }
        assert!(dark > 15, "label {:?}: {dark} dark pixels", l.text);
    }
}

#[test]
fn svg_parses_and_holds_every_label_escaped() {
    let (net, scene, style) = scene();
    let svg = dyad::export::svg::to_svg(&scene, &style, W, H, Some("Russia & Iran"));
    let tree = resvg::usvg::Tree::from_str(&svg, &resvg::usvg::Options::default()).unwrap();
    assert_eq!(tree.size().width(), W as f32);
    assert_eq!(tree.size().height(), H as f32);
    for n in net.graph.node_weights() {
        let escaped = dyad::export::svg::xml_escape(&n.name);
        assert!(svg.contains(&format!(">{escaped}</text>")), "{}", n.name);
    }
    assert!(svg.contains("AT&amp;T &lt;Group&gt; &quot;Q&quot; &apos;R&apos;"));
    assert!(svg.contains("font-family=\"DejaVu Sans, sans-serif\""));
    // Legend: the kinds present, once each.
    for k in ["cooperation", "mistrust", "sanctions", "conflict"] {
        assert_eq!(svg.matches(&format!(">{k}</text>")).count(), 1, "{k}");
    }
    assert_eq!(svg.matches("<text id=\"title\"").count(), 1);
}

#[test]
fn svg_curves_parallel_edges_apart_and_arrows_only_directed() {
    let (net, scene, style) = scene();
    let svg = dyad::export::svg::to_svg(&scene, &style, W, H, None);
    let edge_d = |e: usize| -> String {
        let key = format!("class=\"edge\" data-edge=\"{e}\" d=\"");
        let at = svg.find(&key).unwrap_or_else(|| panic!("edge {e}")) + key.len();
        svg[at..at + svg[at..].find('"').unwrap()].to_owned()
    };
    // Russia–Iran: three edges, all curved (Q), all different.
    let ri = net.edges_between("russia", "iran");
    assert_eq!(ri.len(), 3);
    let ds: Vec<String> = ri.iter().map(|e| edge_d(e.index())).collect();
    // One of three parallel edges is the middle one: straight. The other two curve.
    assert_eq!(ds.iter().filter(|d| d.contains('Q')).count(), 2, "{ds:?}");
    assert!(ds[0] != ds[1] && ds[1] != ds[2] && ds[0] != ds[2], "{ds:?}");
    // A single edge is straight.
    let ii = net.edges_between("iran", "israel");
    assert!(!edge_d(ii[0].index()).contains('Q'));
    // Arrowheads: exactly one per directed edge.
    let mut directed = 0;
    for e in net.graph.edge_indices() {
        let has = svg.contains(&format!("class=\"arrow\" data-edge=\"{}\"", e.index()));
        assert_eq!(has, net.graph[e].directed, "{}", net.graph[e].kind);
        directed += net.graph[e].directed as usize;
    }
    assert_eq!(directed, 3);
    assert_eq!(svg.matches("class=\"arrow\"").count(), 3);
}

#[test]
fn export_image_by_extension_and_atomic_write() {
    let (_, scene, style) = scene();
    let dir = tempfile::tempdir().unwrap();
    let png = dir.path().join("graph.PNG");
    dyad::export::export_image(&png, &scene, &style, 320, 200, None).unwrap();
    let img = Pixmap::decode_png(&std::fs::read(&png).unwrap()).unwrap();
    assert_eq!((img.width(), img.height()), (320, 200));
    let svg = dir.path().join("graph.svg");
    dyad::export::export_image(&svg, &scene, &style, 320, 200, None).unwrap();
    assert!(std::fs::read_to_string(&svg).unwrap().starts_with("<?xml"));
    let bad = dir.path().join("graph.gif");
    let err = dyad::export::export_image(&bad, &scene, &style, 320, 200, None).unwrap_err();
    assert!(err.to_string().contains("graph.gif"), "{err}");
    assert!(!bad.exists());
    let err = dyad::export::export_image(&png, &scene, &style, 0, 200, None).unwrap_err();
    assert!(err.to_string().contains("graph.PNG"), "{err}");
    // Only the two files: no temporary left behind.
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 2);
    // Overwrite in place.
    dyad::export::write_atomic(&svg, b"x").unwrap();
    assert_eq!(std::fs::read(&svg).unwrap(), b"x");
    let missing = dir.path().join("no/such/dir/a.svg");
    assert!(dyad::export::write_atomic(&missing, b"x").is_err());
}

#[test]
fn empty_scene_exports() {
    let net = Network::new();
    let style = Style::default();
    let scene = build_scene(&net, &[], &SceneOptions::default(), &style);
    let svg = dyad::export::svg::to_svg(&scene, &style, 100, 80, None);
    resvg::usvg::Tree::from_str(&svg, &resvg::usvg::Options::default()).unwrap();
    let png = dyad::export::png::to_png(&scene, &style, 100, 80, None).unwrap();
    let img = Pixmap::decode_png(&png).unwrap();
    assert_eq!((img.width(), img.height()), (100, 80));
}

/// Writes /tmp/scene_sample.png for a look (ignored by default).
#[test]
#[ignore]
fn write_sample_png() {
    let (net, pos) = network();
    let style = Style::default();
    let opts = SceneOptions {
        selected_edge: net
            .relation("united_states", "iran", "sanctions")
            .map(|r| r.0),
        ..Default::default()
    };
    let scene = build_scene(&net, &pos, &opts, &style);
    for path in ["/tmp/scene_sample.png", "/tmp/scene_sample.svg"] {
        dyad::export::export_image(
            std::path::Path::new(path),
            &scene,
            &style,
            1200,
            800,
            Some("Dyad — sample network"),
        )
        .unwrap();
    }
}

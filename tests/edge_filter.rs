//! One edge filter: the scene, the chart counts and the data exports show the same relations.

use std::path::PathBuf;

use dyad::date::Date;
use dyad::document::Document;
use dyad::export::data::{DataOptions, GraphData};
use dyad::network::EvidenceCount;
use dyad::pipeline::Progress;
use dyad::scene::{SceneOptions, Style, build_scene};

fn document(dir: &std::path::Path) -> Document {
    let texts = [
        "MOSCOW, March 3, 2024 (Reuters) - Russia and Iran signed a cooperation agreement. \
         The United States imposed sanctions on Iran.\n",
        "LONDON, March 4, 2024 (Reuters) - Russia and Iran signed a cooperation agreement.\n",
        "PARIS, June 10, 2024 (AFP) - Russia attacked Ukraine with missiles overnight.\n",
    ];
    let paths: Vec<PathBuf> = texts
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let p = dir.join(format!("{i}.txt"));
            std::fs::write(&p, t).unwrap();
            p
        })
        .collect();
    let mut doc = Document::default();
    assert_eq!(doc.load(&paths, &Progress::default()).read, 3);
    doc
}

/// (scene edges, export edges, shown by the view, sum of the chart's counts of shown kinds)
fn counts(doc: &Document) -> (usize, usize, usize, usize) {
    let view = std::sync::Arc::new(doc.view());
    let net = doc.network();
    let positions = dyad::pipeline::layout_network(net, 1);
    let opts = SceneOptions {
        edges: Some(view.clone()),
        ..Default::default()
    };
    let scene = build_scene(net, &positions, &opts, &Style::default());
    let data = GraphData::new(net, &doc.filter, &view, DataOptions::default());
    let chart: usize = view
        .counts_by_kind(net)
        .iter()
        .filter(|(k, _)| doc.filter.kind_shown(k))
        .map(|(_, n)| n)
        .sum();
    (
        scene.edges.len(),
        data.edges.len(),
        view.shown_count(),
        chart,
    )
}

#[test]
fn scene_chart_and_export_follow_one_filter() {
    let dir = tempfile::tempdir().unwrap();
    let mut doc = document(dir.path());
    let all = doc.network().graph.edge_count();
    assert!(all >= 3);
    assert_eq!(counts(&doc), (all, all, all, all));

    // the time window: March only
    doc.filter.window.to = Date::parse_iso("2024-03-31");
    let (scene, export, shown, chart) = counts(&doc);
    assert!(shown < all, "the June attack leaves");
    assert_eq!((scene, export, chart), (shown, shown, shown));

    // two articles of one outlet are one source
    doc.filter.window.to = None;
    doc.filter.min_evidence = 2;
    let by_sentences = counts(&doc).2;
    assert!(
        by_sentences >= 1,
        "the cooperation relation has two sentences"
    );
    doc.filter.count = EvidenceCount::Outlets;
    let (scene, export, shown, _) = counts(&doc);
    assert_eq!((scene, export, shown), (0, 0, 0), "one outlet only");

    // a kind switched off
    doc.filter = Default::default();
    doc.filter.kinds.insert("cooperation".into(), false);
    let (scene, export, shown, chart) = counts(&doc);
    assert_eq!((scene, export, chart), (shown, shown, shown));
    assert!(shown < all);
}

#[test]
fn the_scene_draws_the_windowed_weight() {
    let dir = tempfile::tempdir().unwrap();
    let mut doc = document(dir.path());
    let (e, r) = doc
        .network()
        .relation("russia", "iran", "cooperation")
        .expect("Russia–Iran cooperation");
    assert_eq!(r.weight(), 2);
    doc.filter.window.to = Date::parse_iso("2024-03-03");
    let view = std::sync::Arc::new(doc.view());
    assert_eq!(view.stats(e).unwrap().sentences, 1);
    let net = doc.network();
    let positions = dyad::pipeline::layout_network(net, 1);
    let narrow = build_scene(
        net,
        &positions,
        &SceneOptions {
            edges: Some(view),
            ..Default::default()
        },
        &Style::default(),
    );
    let wide = build_scene(net, &positions, &SceneOptions::default(), &Style::default());
    let width = |s: &dyad::scene::Scene| {
        s.edges
            .iter()
            .find(|x| x.edge == e)
            .map(|x| x.width)
            .unwrap()
    };
    assert!(
        width(&narrow) < width(&wide),
        "one sentence in the window, two in all"
    );
}

#[test]
fn the_timeline_counts_sentences_per_period_whatever_the_window() {
    use dyad::network::{Granularity, Timeline};
    let dir = tempfile::tempdir().unwrap();
    let mut doc = document(dir.path());
    let total: usize = doc.network().graph.edge_weights().map(|r| r.weight()).sum();
    let t = Timeline::new(
        doc.network(),
        &doc.filter,
        &doc.hidden_edges(),
        Granularity::Month,
    );
    let months: Vec<String> = t.bins.keys().map(|d| d.to_string()).collect();
    assert_eq!(months, ["2024-03-01", "2024-06-01"]);
    let counted: usize = t.bins.values().flat_map(|k| k.values()).sum();
    assert_eq!((counted, t.undated), (total, 0));
    // the window does not change the timeline; a kind switched off does
    doc.filter.window.to = Date::parse_iso("2024-03-31");
    let windowed = Timeline::new(
        doc.network(),
        &doc.filter,
        &doc.hidden_edges(),
        Granularity::Month,
    );
    assert_eq!(windowed, t);
    doc.filter.kinds.insert("cooperation".into(), false);
    let fewer = Timeline::new(
        doc.network(),
        &doc.filter,
        &doc.hidden_edges(),
        Granularity::Year,
    );
    assert_eq!(fewer.bins.len(), 1, "one year");
    let n: usize = fewer.bins.values().flat_map(|k| k.values()).sum();
    assert_eq!(n, total - 2, "the two cooperation sentences leave");
}

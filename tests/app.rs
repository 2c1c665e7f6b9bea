//! GUI tests through egui_kittest: the sample loads, clicks on the canvas and in the panels
//! select edges and nodes, the side panel shows the supporting sentences, filters hide edges.
#![cfg(feature = "gui")]

use dyad::app::egui::{self, Pos2};
use dyad::app::{DyadApp, LayoutMode, Selection};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

fn harness() -> Harness<'static, DyadApp> {
    let app = DyadApp::with_sample(LayoutMode::Immediate);
    let mut h = Harness::builder()
        .with_size(egui::vec2(1400.0, 900.0))
        .build_ui_state(|ui, app: &mut DyadApp| app.show(ui), app);
    DyadApp::setup_context(&h.ctx);
    h.run();
    h
}

fn click_at(h: &mut Harness<'static, DyadApp>, pos: Pos2) {
    h.hover_at(pos);
    h.run();
    for pressed in [true, false] {
        h.event(egui::Event::PointerButton {
            pos,
            button: egui::PointerButton::Primary,
            pressed,
            modifiers: egui::Modifiers::NONE,
        });
    }
    h.run();
}

#[test]
fn sample_opens_with_its_network() {
    let h = harness();
    let net = h.state().network();
    assert!(net.node("russia").is_some() && net.node("iran").is_some());
    assert!(h.query_by_label_contains("1 article(s)").is_some());
    // The article list shows the sample by its title (its first line is a record id and its
    // second a long photo caption: the title is given with the embedded sample).
    assert!(h.query_by_label_contains("(sample op-ed)").is_some());
}

#[test]
fn clicking_an_edge_on_the_canvas_shows_its_sentences() {
    let mut h = harness();
    let (e, _) = h
        .state()
        .network()
        .relation("russia", "iran", "cooperation")
        .expect("Russia–Iran cooperation edge");
    let pos = h.state_mut().edge_screen_pos(e).expect("edge is drawn");
    click_at(&mut h, pos);
    assert_eq!(h.state().selection(), Selection::Edge(e));
    assert!(
        h.query_by_label_contains("signed a military and security cooperation agreement")
            .is_some(),
        "a supporting sentence is shown in the side panel"
    );
}

#[test]
fn clicking_a_node_lists_relations_and_a_relation_selects_its_edge() {
    let mut h = harness();
    let iran = h.state().network().node("iran").unwrap();
    let pos = h.state().node_screen_pos("iran").expect("Iran is drawn");
    click_at(&mut h, pos);
    assert_eq!(h.state().selection(), Selection::Node(iran));
    // Relations grouped by kind: the mistrust group lists Russia.
    // (one label is the kind filter, the other the group heading in the side panel)
    assert!(h.query_all_by_label("mistrust").count() >= 2);
    let row = h
        .get_all_by_label_contains("Russia (")
        .next()
        .expect("a relation row with Russia");
    row.click();
    h.run();
    match h.state().selection() {
        Selection::Edge(e) => {
            let (s, t) = h.state().network().graph.edge_endpoints(e).unwrap();
            let ids = [
                h.state().network().graph[s].id.as_str(),
                h.state().network().graph[t].id.as_str(),
            ];
            assert!(ids.contains(&"russia") && ids.contains(&"iran"));
        }
        other => panic!("expected an edge selected, got {other:?}"),
    }
    // the relation's counts: sentences, articles, distinct outlets
    assert!(h.query_by_label_contains("outlet(s)").is_some());
}

#[test]
fn kind_filter_hides_and_shows_edges() {
    let mut h = harness();
    let all = h.state().visible_edge_count();
    let sanctions = h
        .state()
        .network()
        .graph
        .edge_weights()
        .filter(|r| &*r.kind == "sanctions")
        .count();
    assert!(sanctions > 0, "the sample has sanctions edges");
    h.get_by_label("sanctions").click();
    h.run();
    assert_eq!(h.state().visible_edge_count(), all - sanctions);
    h.get_by_label("sanctions").click();
    h.run();
    assert_eq!(h.state().visible_edge_count(), all);
}

#[test]
fn search_finds_an_actor_and_selects_it() {
    let mut h = harness();
    let node = h.get_by_label("Find actor");
    node.focus();
    node.type_text("Tehran");
    h.run();
    let hit = h
        .get_all_by_label_contains("Iran (")
        .next()
        .expect("Iran found by its capital");
    hit.click();
    h.run();
    let iran = h.state().network().node("iran").unwrap();
    assert_eq!(h.state().selection(), Selection::Node(iran));
}

#[test]
fn export_image_from_the_menu_writes_the_whole_graph() {
    let mut h = harness();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("from-gui.png");
    h.get_by_label("File").click();
    h.run();
    h.get_by_label("Export image…").click();
    h.run();
    let field = h.get_by_label("Save to");
    field.focus();
    field.type_text(path.to_str().unwrap());
    h.run();
    h.get_by_label("Export").click();
    h.run();
    let bytes = std::fs::read(&path).expect("the PNG was written");
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n");
    // The default export size.
    assert_eq!(u32::from_be_bytes(bytes[16..20].try_into().unwrap()), 1600);
    assert_eq!(u32::from_be_bytes(bytes[20..24].try_into().unwrap()), 1000);
    assert!(h.state().errors().is_empty(), "{:?}", h.state().errors());
}

#[test]
fn opening_a_folder_adds_articles_and_names_the_bad_file() {
    let mut h = harness();
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("talks.txt"),
        "Talks in Paris\n\nFrance and Germany signed a defence cooperation agreement on Monday.\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("broken.txt"), [0u8; 64]).unwrap();
    let before = h.state().network().articles.len();
    let field = h.get_by_label("Path");
    field.focus();
    field.type_text(dir.path().to_str().unwrap());
    h.run();
    h.get_by_label("Open").click();
    h.run();
    assert_eq!(
        h.state().network().articles.len(),
        before + 1,
        "the good file is read"
    );
    let errors = h.state().errors().join("\n");
    assert!(
        errors.contains("broken.txt"),
        "the bad file is named: {errors}"
    );
    assert!(
        h.query_by_label_contains("broken.txt").is_some(),
        "shown in the Problems list"
    );
    assert!(
        h.query_by_label_contains("Talks in Paris").is_some(),
        "listed in Articles"
    );
}

/// An actor of the sample with the fewest relations (at least one), by id: the tests below
/// need a small neighbourhood, not a particular actor.
fn leaf(h: &Harness<'static, DyadApp>) -> String {
    let net = h.state().network();
    net.graph
        .node_indices()
        .filter_map(|n| {
            let d = net.graph.neighbors_undirected(n).count();
            (d > 0).then(|| (d, net.graph[n].id.clone()))
        })
        .min()
        .expect("the sample has relations")
        .1
}

#[test]
fn hovering_an_actor_highlights_its_neighbours() {
    let mut h = harness();
    let leaf_id = leaf(&h);
    assert_eq!(h.state_mut().dimmed_edge_count(), 0);
    let leaf_node = h
        .state()
        .network()
        .node(&leaf_id)
        .expect("the actor in the sample");
    let pos = h.state().node_screen_pos(&leaf_id).unwrap();
    h.hover_at(pos);
    h.run();
    assert_eq!(h.state().hovered(), Some(leaf_node));
    // It has few relations: every edge not touching it is dimmed.
    let net = h.state().network().clone();
    let touching = net
        .graph
        .edge_indices()
        .filter(|&e| {
            let (s, t) = net.graph.edge_endpoints(e).unwrap();
            s == leaf_node || t == leaf_node
        })
        .count();
    let visible = h.state().visible_edge_count();
    assert_eq!(h.state_mut().dimmed_edge_count(), visible - touching);
}

fn open_path(h: &mut Harness<'static, DyadApp>, path: &std::path::Path) {
    let field = h.get_by_label("Path");
    field.focus();
    field.type_text(path.to_str().unwrap());
    h.run();
    h.get_by_label("Open").click();
    h.run();
}

#[test]
fn a_user_lexicon_loaded_in_the_app_adds_actors_and_kinds() {
    let mut h = harness();
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("freedonia.txt");
    std::fs::write(
        &article,
        "Border talks\n\nFreedonia and Sylvania signed a trade agreement in March.\n\
         Freedonia exported grain to Iran.\n",
    )
    .unwrap();
    open_path(&mut h, &article);
    assert!(
        h.state().network().node("freedonia").is_none(),
        "unknown before the lexicon"
    );

    let lexicon = dir.path().join("my-lexicon.json");
    std::fs::write(
        &lexicon,
        r#"{
  "version": 1,
  "actors": [
    {"id": "freedonia", "name": "Freedonia", "kind": "state", "aliases": ["Freedonia"]},
    {"id": "sylvania", "name": "Sylvania", "kind": "state", "aliases": ["Sylvania"]}
  ],
  "relations": [
    {"kind": "trade", "directed": false, "triggers": ["exported"]}
  ]
}"#,
    )
    .unwrap();
    open_path(&mut h, &lexicon);
    let net = h.state().network();
    assert!(h.state().errors().is_empty(), "{:?}", h.state().errors());
    assert!(
        net.relation("freedonia", "sylvania", "cooperation")
            .is_some()
    );
    assert!(
        net.relation("freedonia", "iran", "trade").is_some(),
        "the user kind"
    );
    // The sample article is still there, re-read with the new lexicon.
    assert!(net.relation("russia", "iran", "cooperation").is_some());
    assert!(
        h.query_all_by_label("trade").count() >= 1,
        "the new kind gets a filter"
    );
}

#[test]
fn a_bad_lexicon_is_named_with_its_line_and_changes_nothing() {
    let mut h = harness();
    let edges = h.state().network().graph.edge_count();
    let dir = tempfile::tempdir().unwrap();
    let lexicon = dir.path().join("broken.json");
    std::fs::write(
        &lexicon,
        "{\n  \"version\": 1,\n  \"actors\": [ {\"id\": }\n]\n}\n",
    )
    .unwrap();
    open_path(&mut h, &lexicon);
    let errors = h.state().errors().join("\n");
    assert!(errors.contains("broken.json:3"), "file and line: {errors}");
    assert_eq!(h.state().network().graph.edge_count(), edges);
}

#[test]
fn a_saved_workspace_restores_articles_pins_filters_and_hidden_edges() {
    let mut h = harness();
    let leaf_id = leaf(&h);
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("talks.txt");
    std::fs::write(
        &article,
        "Talks\n\nFrance and Germany signed a defence cooperation agreement on Monday.\n",
    )
    .unwrap();
    open_path(&mut h, &article);
    assert_eq!(h.state().network().articles.len(), 2);

    // Drag a small actor somewhere and let go: it is pinned there.
    let from = h.state().node_screen_pos(&leaf_id).unwrap();
    let to = from + egui::vec2(60.0, 40.0);
    h.drag_at(from);
    h.run();
    for i in 1..=10 {
        h.hover_at(from + (to - from) * (i as f32 / 10.0));
        h.run();
    }
    h.drop_at(to);
    h.run();
    let leaf_node = h.state().network().node(&leaf_id).unwrap();
    let pinned_at = h.state().node_screen_pos(&leaf_id).unwrap();
    assert!(
        (pinned_at - to).length() < 2.0,
        "dropped where released: {pinned_at:?} vs {to:?}"
    );

    // Hide the sanctions kind and one edge.
    h.get_by_label("sanctions").click();
    h.run();
    let (coop, _) = h
        .state()
        .network()
        .relation("russia", "iran", "cooperation")
        .unwrap();
    h.state_mut()
        .push(dyad::app::Command::Select(Selection::Edge(coop)));
    h.run();
    h.get_by_label("Hide this edge").click();
    h.run();
    let visible = h.state().visible_edge_count();
    let leaf_world = h.state().position(&leaf_id).unwrap();

    // Save, close everything, open again.
    let ws = dir.path().join("work.dyad.json");
    h.get_by_label("File").click();
    h.run();
    h.get_by_label("Save workspace…").click();
    h.run();
    let field = h.get_by_label("Workspace file");
    field.focus();
    field.type_text(ws.to_str().unwrap());
    h.run();
    h.get_by_label("Save").click();
    h.run();
    assert!(ws.is_file(), "{:?}", h.state().errors());
    h.get_by_label("File").click();
    h.run();
    h.get_by_label("Close all articles").click();
    h.run();
    assert_eq!(h.state().network().articles.len(), 0);

    open_path(&mut h, &ws);
    let app = h.state();
    assert!(app.errors().is_empty(), "{:?}", app.errors());
    assert_eq!(app.network().articles.len(), 2, "the sample and the file");
    assert_eq!(
        app.visible_edge_count(),
        visible,
        "filters and hidden edge restored"
    );
    let (coop, _) = app
        .network()
        .relation("russia", "iran", "cooperation")
        .unwrap();
    assert!(!app.edge_visible(coop));
    let leaf_again = app.network().node(&leaf_id).unwrap();
    assert_eq!(leaf_node, leaf_again);
    let back = app.position(&leaf_id).unwrap();
    assert!(
        back.distance(leaf_world) < 1e-3,
        "pinned where it was: {back:?} vs {leaf_world:?}"
    );
}

#[test]
fn a_damaged_workspace_is_a_message_not_a_crash() {
    let mut h = harness();
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path().join("bad.dyad.json");
    std::fs::write(&ws, "{\"version\": 1, \"articles\": [ {\"path\": 3} ]}").unwrap();
    open_path(&mut h, &ws);
    let errors = h.state().errors().join("\n");
    assert!(errors.contains("bad.dyad.json"), "{errors}");
    assert_eq!(
        h.state().network().articles.len(),
        1,
        "the sample is still open"
    );
}

#[test]
fn export_data_from_the_menu_writes_what_is_shown() {
    let mut h = harness();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("from-gui.graphml");
    // switch a kind off first: the export follows the filter
    let sanctions = h
        .state()
        .network()
        .graph
        .edge_weights()
        .any(|r| &*r.kind == "sanctions");
    assert!(sanctions, "the sample has a sanctions relation");
    h.get_by_label("sanctions").click();
    h.run();
    let shown = h.state().visible_edge_count();
    assert!(shown < h.state().network().graph.edge_count());
    h.get_by_label("File").click();
    h.run();
    h.get_by_label("Export data…").click();
    h.run();
    h.get_by_label("GraphML").click();
    h.run();
    let field = h.get_by_label("Data file");
    field.focus();
    field.type_text(path.to_str().unwrap());
    h.run();
    h.get_by_label("Export").click();
    h.run();
    assert!(h.state().errors().is_empty(), "{:?}", h.state().errors());
    let xml = std::fs::read_to_string(&path).expect("the GraphML was written");
    assert_eq!(xml.matches("<edge ").count(), shown);
    assert!(!xml.contains("<data key=\"kind\">sanctions</data>"));
}

#[test]
fn focusing_on_an_actor_keeps_only_its_relations() {
    let mut h = harness();
    let all = h.state().visible_edge_count();
    let iran = h.state().network().node("iran").unwrap();
    h.state_mut()
        .push(dyad::app::Command::Select(Selection::Node(iran)));
    h.run();
    h.get_by_label("Focus on this actor").click();
    h.run();
    let shown = h.state().visible_edge_count();
    let net = h.state().network();
    let of_iran = net
        .graph
        .edge_indices()
        .filter(|&e| h.state().edge_visible(e))
        .all(|e| {
            let (s, t) = net.graph.edge_endpoints(e).unwrap();
            s == iran || t == iran
        });
    assert!(shown < all && shown > 0 && of_iran, "{shown} of {all}");
    h.get_by_label("Clear focus").click();
    h.run();
    assert_eq!(h.state().visible_edge_count(), all);
}

#[test]
fn a_time_window_typed_in_the_filter_panel_hides_later_relations() {
    let dir = tempfile::tempdir().unwrap();
    let texts = [
        "MOSCOW, March 3, 2024 (Reuters) - Russia and Iran signed a cooperation agreement.\n",
        "PARIS, June 10, 2024 (AFP) - Russia attacked Ukraine with missiles overnight.\n",
    ];
    let mut paths = Vec::new();
    for (i, t) in texts.iter().enumerate() {
        let p = dir.path().join(format!("{i}.txt"));
        std::fs::write(&p, t).unwrap();
        paths.push(p);
    }
    let mut app = DyadApp::new(
        dyad::extract::Extractor::builtin(),
        dyad::pipeline::Corpus::default(),
        LayoutMode::Immediate,
    );
    // loaded before the first frame (the empty state's text needs the bundled font)
    app.push(dyad::app::Command::OpenPaths(paths));
    app.apply_pending();
    let mut h = Harness::builder()
        .with_size(egui::vec2(1400.0, 1200.0))
        .build_ui_state(|ui, app: &mut DyadApp| app.show(ui), app);
    DyadApp::setup_context(&h.ctx);
    h.run();
    let all = h.state().visible_edge_count();
    assert!(all >= 2, "{all}");
    assert!(h.query_by_label("Timeline").is_some());
    let attack = h
        .state()
        .network()
        .relation("russia", "ukraine", "conflict")
        .expect("the June attack")
        .0;
    assert!(h.state().edge_visible(attack));
    let field = h.get_by_label("to");
    field.focus();
    field.type_text("2024-03-31");
    h.run();
    h.run();
    assert!(
        !h.state().edge_visible(attack),
        "June is outside the window"
    );
    assert!(h.state().visible_edge_count() < all);
    // the drawn scene follows the same filter
    assert_eq!(
        h.state_mut().drawn_edge_count(),
        h.state().visible_edge_count()
    );
}

#[test]
fn a_failed_export_is_reported_in_the_export_window() {
    let mut h = harness();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("no-such-folder").join("x.png");
    h.get_by_label("File").click();
    h.run();
    h.get_by_label("Export image…").click();
    h.run();
    // the heading describes the corpus: the sample's title
    assert!(
        h.query_by_value("(sample op-ed)").is_some()
            || h.query_by_label_contains("(sample op-ed)").is_some()
    );
    let field = h.get_by_label("Save to");
    field.focus();
    field.type_text(path.to_str().unwrap());
    h.run();
    h.get_by_label("Export").click();
    h.run();
    h.run();
    assert!(!path.exists());
    // not among the unreadable files: in the window, which stays open
    assert!(h.state().errors().is_empty(), "{:?}", h.state().errors());
    assert!(h.query_by_label_contains("no-such-folder").is_some());
    assert!(h.query_by_label("Export").is_some());
}

#[test]
fn focus_controls_and_hiding_change_what_is_shown() {
    let mut h = harness();
    let leaf_id = leaf(&h);
    let all = h.state_mut().scene().nodes.len();
    // The sample is one component: "largest component only" keeps it whole.
    h.get_by_label("Largest component only").click();
    h.run();
    assert_eq!(h.state_mut().scene().nodes.len(), all);
    h.get_by_label("Largest component only").click();
    h.run();
    // The ego network (depth 1) of a small actor: it and its neighbours only.
    let leaf_node = h.state().network().node(&leaf_id).unwrap();
    let pos = h.state().node_screen_pos(&leaf_id).unwrap();
    click_at(&mut h, pos);
    assert_eq!(h.state().selection(), Selection::Node(leaf_node));
    h.get_by_label("Its ego network").click();
    h.run();
    let net = h.state().network().clone();
    let near = net.graph.neighbors_undirected(leaf_node).count();
    let ego: Vec<_> = h.state_mut().scene().nodes.iter().map(|n| n.node).collect();
    assert!(ego.len() < all && ego.contains(&leaf_node), "{ego:?}");
    assert!(ego.len() <= near + 1);
    // switched off from the Focus panel
    h.get_by_label("Ego network").click();
    h.run();
    assert_eq!(h.state_mut().scene().nodes.len(), all);
    // Hide Iran from its details.
    let iran = h.state().network().node("iran").unwrap();
    let pos = h.state().node_screen_pos("iran").unwrap();
    click_at(&mut h, pos);
    assert_eq!(h.state().selection(), Selection::Node(iran));
    h.get_by_label("Hide actor").click();
    h.run();
    assert!(h.state_mut().scene().node(iran).is_none());
    assert_eq!(h.state().selection(), Selection::None);
    h.get_by_label_contains("hidden actor").click();
    h.run();
    assert!(h.state_mut().scene().node(iran).is_some());
}

#[test]
fn search_centres_and_zooms_on_the_actor() {
    let mut h = harness();
    let scale = h.state().view.scale;
    let field = h.get_by_label("Find actor");
    field.focus();
    field.type_text("Oman");
    h.run();
    h.get_by_label_contains("Oman (").click();
    h.run();
    let oman = h.state().network().node("oman").unwrap();
    assert_eq!(h.state().selection(), Selection::Node(oman));
    let at = h.state().node_screen_pos("oman").unwrap();
    let c = h.state().view.rect.center();
    assert!((at - c).length() < 2.0, "{at:?} vs centre {c:?}");
    assert!(h.state().view.scale >= scale);
}

#[test]
fn search_finds_a_name_typed_without_its_accents() {
    let mut h = harness();
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("cartel.txt");
    std::fs::write(
        &article,
        "Border clashes\n\nThe Mexican army fought the Juárez Cartel near the border on Monday.\n",
    )
    .unwrap();
    open_path(&mut h, &article);
    let field = h.get_by_label("Find actor");
    field.focus();
    field.type_text("juarez");
    h.run();
    let hit = h
        .get_all_by_label_contains("Juárez Cartel (")
        .next()
        .expect("found without the accent");
    hit.click();
    h.run();
    assert!(matches!(h.state().selection(), Selection::Node(_)));
}

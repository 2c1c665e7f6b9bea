//! GUI flows of the analyst's workbench through egui_kittest: corrections that stick (merge,
//! re-extract, undo, redo; reject a relation or a sentence), brushing and playing the
//! timeline, the reading pane, data export in every format.
#![cfg(feature = "gui")]

use dyad::app::egui::{self, Pos2};
use dyad::app::{Command, DyadApp, LayoutMode, Selection};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

/// An app on these files, loaded before the first frame.
fn harness_on(paths: Vec<std::path::PathBuf>) -> Harness<'static, DyadApp> {
    let mut app = DyadApp::new(
        dyad::extract::Extractor::builtin(),
        dyad::pipeline::Corpus::default(),
        LayoutMode::Immediate,
    );
    app.push(Command::OpenPaths(paths));
    app.apply_pending();
    let mut h = Harness::builder()
        .with_size(egui::vec2(1400.0, 1200.0))
        .build_ui_state(|ui, app: &mut DyadApp| app.show(ui), app);
    DyadApp::setup_context(&h.ctx);
    h.run();
    h
}

fn write(dir: &std::path::Path, name: &str, text: &str) -> std::path::PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p
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

fn open_path(h: &mut Harness<'static, DyadApp>, path: &std::path::Path) {
    let field = h.get_by_label("Path");
    field.focus();
    field.type_text(path.to_str().unwrap());
    h.run();
    h.get_by_label("Open").click();
    h.run();
}

fn menu(h: &mut Harness<'static, DyadApp>, menu: &str, item: &str) {
    h.get_by_label(menu).click();
    h.run();
    h.get_by_label_contains(item).click();
    h.run();
}

fn weight(h: &Harness<'static, DyadApp>, s: &str, t: &str, kind: &str) -> Option<usize> {
    let net = h.state().network();
    net.find_relation(s, t, kind).map(|e| net.graph[e].weight())
}

const TRADE: &str = "Trade talks\n\nFrance and Germany signed an agreement on trade.\n\n\
                     Italy and Germany signed an agreement on energy.\n";

#[test]
fn a_merge_survives_reextraction_and_new_articles_and_undoes_and_redoes() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness_on(vec![write(dir.path(), "a.txt", TRADE)]);
    let france = h.state().network().node("france").unwrap();
    let pos = h
        .state()
        .node_screen_pos("france")
        .expect("France is drawn");
    click_at(&mut h, pos);
    assert_eq!(h.state().selection(), Selection::Node(france));
    let field = h.get_by_label("Merge into France");
    field.focus();
    field.type_text("Ital");
    h.run();
    h.get_by_label_contains("Merge Italy").click();
    h.run();
    assert!(h.state().errors().is_empty(), "{:?}", h.state().errors());
    assert!(h.state().network().node("italy").is_none(), "merged");
    assert_eq!(weight(&h, "france", "germany", "cooperation"), Some(2));
    assert!(
        h.query_all_by_label_contains("Merged Italy into France")
            .next()
            .is_some(),
        "listed"
    );
    assert!(
        h.query_by_label_contains("merged: Italy").is_some(),
        "in France's details"
    );

    // Re-extract (a user lexicon read every article again): the merge is still applied.
    let lexicon = write(dir.path(), "empty.json", r#"{"version": 1}"#);
    open_path(&mut h, &lexicon);
    assert!(h.state().errors().is_empty(), "{:?}", h.state().errors());
    assert!(h.state().network().node("italy").is_none(), "still merged");
    assert_eq!(weight(&h, "france", "germany", "cooperation"), Some(2));
    // Articles added: the merge applies to them too.
    let more = write(
        dir.path(),
        "b.txt",
        "Energy\n\nItaly and Germany signed an agreement on gas.\n",
    );
    open_path(&mut h, &more);
    assert_eq!(h.state().network().articles.len(), 2);
    assert!(h.state().network().node("italy").is_none());
    assert_eq!(weight(&h, "france", "germany", "cooperation"), Some(3));
    let drawn = h.state_mut().drawn_edge_count();

    // Undo from the Edit menu, redo with the keyboard, undo with the keyboard.
    menu(&mut h, "Edit", "Undo");
    assert!(h.state().network().node("italy").is_some(), "unmerged");
    assert_eq!(weight(&h, "italy", "germany", "cooperation"), Some(2));
    assert!(
        h.state_mut().drawn_edge_count() > drawn,
        "Italy's relation is back"
    );
    h.key_press_modifiers(
        egui::Modifiers::COMMAND | egui::Modifiers::SHIFT,
        egui::Key::Z,
    );
    h.run();
    assert!(h.state().network().node("italy").is_none(), "redone");
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    assert!(h.state().network().node("italy").is_some(), "undone");
    menu(&mut h, "Edit", "Redo");
    assert!(h.state().network().node("italy").is_none());
    // Unmerge from France's details (the list's entry selects France): the entry goes.
    let france = h.state().network().node("france").unwrap();
    h.state_mut().push(Command::Select(Selection::None));
    h.run();
    h.get_all_by_label_contains("Merged Italy into France")
        .find(|n| n.rect().min.x < 300.0)
        .expect("the list's entry (left panel)")
        .click();
    h.run();
    assert_eq!(h.state().selection(), Selection::Node(france));
    h.get_by_label("Unmerge").click();
    h.run();
    assert!(h.state().network().node("italy").is_some());
    assert!(h.state().document().corrections().is_empty());
}

#[test]
fn rejecting_a_relation_and_a_sentence_takes_them_out() {
    let dir = tempfile::tempdir().unwrap();
    let text = "Talks\n\nFrance and Germany signed an agreement on trade.\n\n\
                France and Germany signed a defence cooperation agreement.\n\n\
                Italy and Germany signed an agreement on energy.\n";
    let mut h = harness_on(vec![write(dir.path(), "a.txt", text)]);
    let all = h.state().visible_edge_count();
    assert_eq!(weight(&h, "france", "germany", "cooperation"), Some(2));
    let (fg, _) = h
        .state()
        .network()
        .relation("france", "germany", "cooperation")
        .unwrap();
    let pos = h.state_mut().edge_screen_pos(fg).expect("drawn");
    click_at(&mut h, pos);
    assert_eq!(h.state().selection(), Selection::Edge(fg));
    // one sentence
    h.get_all_by_label("Reject sentence")
        .next()
        .unwrap()
        .click();
    h.run();
    assert_eq!(weight(&h, "france", "germany", "cooperation"), Some(1));
    assert!(
        h.query_all_by_label_contains("Rejected a sentence")
            .next()
            .is_some()
    );
    // the whole relation
    h.get_by_label("Reject relation").click();
    h.run();
    assert!(weight(&h, "france", "germany", "cooperation").is_none());
    assert_eq!(h.state().visible_edge_count(), all - 1);
    assert_eq!(h.state_mut().drawn_edge_count(), all - 1, "left the canvas");
    assert_eq!(h.state().selection(), Selection::None);
    // taken out again from the corrections list
    h.get_all_by_label("Remove").last().unwrap().click();
    h.run();
    assert_eq!(weight(&h, "france", "germany", "cooperation"), Some(1));
    h.get_all_by_label("Remove").next().unwrap().click();
    h.run();
    assert_eq!(weight(&h, "france", "germany", "cooperation"), Some(2));
    assert_eq!(h.state().visible_edge_count(), all);
}

#[test]
fn renaming_typing_and_changing_a_kind_from_the_details() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness_on(vec![write(dir.path(), "a.txt", TRADE)]);
    let germany = h.state().network().node("germany").unwrap();
    h.state_mut()
        .push(Command::Select(Selection::Node(germany)));
    h.run();
    let field = h.get_by_label("Name");
    field.focus();
    field.type_text(" (FRG)");
    h.run();
    h.get_by_label("Rename").click();
    h.run();
    let name = h.state().network().graph[germany].name.to_string();
    assert_eq!(name, "Germany (FRG)");
    let note = h.get_by_label("Note");
    note.focus();
    note.type_text("check the spelling");
    h.run();
    h.get_by_label("Add note").click();
    h.run();
    assert!(
        h.query_by_label_contains("Note: check the spelling")
            .is_some()
    );

    let (e, _) = h
        .state()
        .network()
        .relation("germany", "italy", "cooperation")
        .unwrap();
    h.state_mut().push(Command::Select(Selection::Edge(e)));
    h.run();
    // the first other kind is offered: change to it
    h.get_by_label("Change kind").click();
    h.run();
    assert!(weight(&h, "germany", "italy", "cooperation").is_none());
    let net = h.state().network();
    let kinds: Vec<String> = net
        .edges_between("germany", "italy")
        .into_iter()
        .map(|e| net.graph[e].kind.to_string())
        .collect();
    assert_eq!(kinds.len(), 1);
    assert_ne!(kinds[0], "cooperation");
    assert!(
        matches!(h.state().selection(), Selection::Edge(_)),
        "the new relation"
    );
    assert_eq!(h.state().document().corrections().len(), 3);
}

#[test]
fn brushing_the_timeline_keeps_a_time_window() {
    let dir = tempfile::tempdir().unwrap();
    let a = write(
        dir.path(),
        "0.txt",
        "MOSCOW, March 3, 2024 (Reuters) - Russia and Iran signed a cooperation agreement.\n",
    );
    let b = write(
        dir.path(),
        "1.txt",
        "PARIS, June 10, 2024 (AFP) - Russia attacked Ukraine with missiles overnight.\n",
    );
    let mut h = harness_on(vec![a, b]);
    let all = h.state().visible_edge_count();
    let drawn = h.state_mut().drawn_edge_count();
    assert_eq!(h.state().shown_counts_by_kind().get("conflict"), Some(&1));
    let date = |s: &str| dyad::date::Date::parse_iso(s).unwrap();
    let from = h
        .state()
        .timeline_screen_pos(date("2024-03-02"))
        .expect("plot drawn");
    let to = h.state().timeline_screen_pos(date("2024-04-10")).unwrap();
    h.drag_at(from);
    h.run();
    for i in 1..=8 {
        h.hover_at(from + (to - from) * (i as f32 / 8.0));
        h.run();
    }
    h.drop_at(to);
    h.run();
    h.run();
    let w = h.state().document().filter.window;
    let (f, t) = (w.from.expect("from set"), w.to.expect("to set"));
    assert!(
        f <= date("2024-03-03") && t >= date("2024-03-03") && t < date("2024-06-10"),
        "{f} – {t}"
    );
    let attack = h
        .state()
        .network()
        .relation("russia", "ukraine", "conflict")
        .unwrap()
        .0;
    assert!(
        !h.state().edge_visible(attack),
        "June is outside the window"
    );
    assert!(h.state().visible_edge_count() < all);
    assert!(h.state_mut().drawn_edge_count() < drawn, "left the canvas");
    assert_eq!(
        h.state()
            .shown_counts_by_kind()
            .get("conflict")
            .copied()
            .unwrap_or(0),
        0,
        "left the chart"
    );
    // the range fields follow
    assert!(h.query_all_by_value(&f.to_string()).next().is_some());
    h.get_by_label("Clear time window").click();
    h.run();
    assert_eq!(h.state().visible_edge_count(), all);
}

/// The relations drawn on the canvas now, as (source, target, kind) ids.
fn drawn(h: &mut Harness<'static, DyadApp>) -> Vec<(String, String, String)> {
    let edges: Vec<_> = h.state_mut().scene().edges.iter().map(|s| s.edge).collect();
    let g = &h.state().network().graph;
    let mut out: Vec<_> = edges
        .into_iter()
        .map(|e| {
            let (s, t) = g.edge_endpoints(e).unwrap();
            (g[s].id.clone(), g[t].id.clone(), g[e].kind.to_string())
        })
        .collect();
    out.sort();
    out
}

#[test]
fn playing_the_time_window_slides_it_month_by_month_to_the_end() {
    let dir = tempfile::tempdir().unwrap();
    let articles = [
        "MOSCOW, January 15, 2024 (Reuters) - Russia and Iran signed a cooperation agreement.\n",
        "PARIS, February 14, 2024 (AFP) - Russia attacked Ukraine with missiles overnight.\n",
        "ROME, March 12, 2024 (AFP) - Italy and Spain signed a trade agreement.\n",
    ];
    let paths = (0..3)
        .map(|i| write(dir.path(), &format!("{i}.txt"), articles[i]))
        .collect();
    let mut h = harness_on(paths);
    let date = |s: &str| dyad::date::Date::parse_iso(s).unwrap();
    let window = |h: &Harness<'static, DyadApp>| {
        let w = h.state().document().filter.window;
        (w.from, w.to)
    };
    let pair = |s: &str, t: &str, k: &str| (s.to_owned(), t.to_owned(), k.to_owned());
    assert_eq!(drawn(&mut h).len(), 3);
    // January only
    for (field, text) in [("from", "2024-01-01"), ("to", "2024-01-31")] {
        let f = h.get_by_label(field);
        f.focus();
        f.type_text(text);
        h.run();
    }
    h.run();
    assert_eq!(drawn(&mut h), [pair("iran", "russia", "cooperation")]);
    // one month every two seconds, then Play
    h.get_by_label("2 s").click();
    h.run();
    h.get_by_label("Play").click();
    h.run();
    assert!(h.state().is_playing_time_window());
    assert!(h.query_by_label("Pause").is_some());
    assert_eq!(
        window(&h),
        (Some(date("2024-01-01")), Some(date("2024-01-31"))),
        "a step waits its two seconds"
    );
    // the harness's clock moves a quarter of a second a frame
    h.run_steps(2);
    assert_eq!(window(&h).1, Some(date("2024-01-31")));
    h.run_steps(6);
    h.run();
    assert_eq!(
        window(&h),
        (Some(date("2024-02-01")), Some(date("2024-02-29")))
    );
    assert_eq!(drawn(&mut h), [pair("russia", "ukraine", "conflict")]);
    assert_eq!(h.state().shown_counts_by_kind().get("conflict"), Some(&1));
    // the range fields follow
    assert!(h.query_all_by_value("2024-02-29").next().is_some());
    // paused, it stays
    h.get_by_label("Pause").click();
    h.run();
    h.run_steps(8);
    assert_eq!(window(&h).1, Some(date("2024-02-29")));
    // playing again: March is the last month, and the playback stops there
    h.get_by_label("Play").click();
    h.run();
    h.run_steps(12);
    h.run();
    assert_eq!(
        window(&h),
        (Some(date("2024-03-01")), Some(date("2024-03-31")))
    );
    assert!(!h.state().is_playing_time_window(), "stopped at the end");
    assert!(h.query_by_label("Play").is_some());
    assert_eq!(drawn(&mut h), [pair("italy", "spain", "cooperation")]);
    // from the end, Play starts again from the first month
    h.get_by_label("Play").click();
    h.run();
    assert_eq!(
        window(&h),
        (Some(date("2024-01-01")), Some(date("2024-01-31")))
    );
    assert_eq!(drawn(&mut h), [pair("iran", "russia", "cooperation")]);
}

#[test]
fn the_timeline_of_a_selected_actor_counts_its_relations_only() {
    let dir = tempfile::tempdir().unwrap();
    let a = write(
        dir.path(),
        "0.txt",
        "MOSCOW, March 3, 2024 (Reuters) - Russia and Iran signed a cooperation agreement.\n",
    );
    let b = write(
        dir.path(),
        "1.txt",
        "PARIS, June 10, 2024 (AFP) - France attacked Germany with words overnight.\n",
    );
    let c = write(
        dir.path(),
        "2.txt",
        "Italy and Spain signed a trade agreement.\n",
    );
    let mut h = harness_on(vec![a, b, c]);
    assert!(
        h.query_by_label_contains("sentence(s) from undated")
            .is_some()
    );
    let iran = h.state().network().node("iran").unwrap();
    h.state_mut().push(Command::Select(Selection::Node(iran)));
    h.run();
    h.get_by_label("Iran only").click();
    h.run();
    assert!(h.query_by_label("whole network").is_some());
    // Iran's timeline has no undated sentence: the undated count is gone
    assert!(
        h.query_by_label_contains("sentence(s) from undated")
            .is_none()
    );
    h.get_by_label("whole network").click();
    h.run();
    assert!(
        h.query_by_label_contains("sentence(s) from undated")
            .is_some()
    );
}

#[test]
fn opening_an_article_from_a_sentence_shows_it_in_the_reading_pane() {
    let dir = tempfile::tempdir().unwrap();
    let text = "Trade talks\n\nThe talks lasted all week in Brussels.\n\n\
                France and Germany signed an agreement on trade.\n\nNothing else was agreed.\n";
    let mut h = harness_on(vec![write(dir.path(), "a.txt", text)]);
    let (e, _) = h
        .state()
        .network()
        .relation("france", "germany", "cooperation")
        .unwrap();
    h.state_mut().push(Command::Select(Selection::Edge(e)));
    h.run();
    assert!(h.query_by_label("Article").is_none());
    h.get_by_label("Open article").click();
    h.run();
    assert!(h.query_by_label("Article").is_some(), "the reading pane");
    // the article's other paragraphs, and the sentence's
    assert!(
        h.query_by_label_contains("lasted all week in Brussels")
            .is_some()
    );
    assert!(
        h.query_by_label_contains("Nothing else was agreed")
            .is_some()
    );
    assert!(
        h.query_all_by_label_contains("France and Germany signed an agreement")
            .count()
            >= 2,
        "in the details and in the pane"
    );
}

#[test]
fn every_data_format_exports_from_the_menu() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness_on(vec![write(dir.path(), "a.txt", TRADE)]);
    let shown = h.state().visible_edge_count();
    assert_eq!(shown, 2);
    for (label, name) in [
        ("GEXF (Gephi)", "net.gexf"),
        ("GraphML", "net.graphml"),
        ("CSV tables", "net.csv"),
        ("JSON (graphology)", "net.json"),
    ] {
        menu(&mut h, "File", "Export data…");
        h.get_by_label(label).click();
        h.run();
        let path = dir.path().join(name);
        if name == "net.gexf" {
            let field = h.get_by_label("Data file");
            field.focus();
            field.type_text(path.to_str().unwrap());
            h.run();
        }
        // (later formats: the file name follows the format chosen)
        h.get_by_label("Export").click();
        h.run();
        assert!(h.state().errors().is_empty(), "{:?}", h.state().errors());
        match name {
            "net.gexf" | "net.graphml" => {
                let xml = std::fs::read_to_string(&path).expect(name);
                assert_eq!(xml.matches("<edge ").count(), shown, "{name}");
            }
            "net.csv" => {
                let edges = std::fs::read_to_string(dir.path().join("net-edges.csv")).unwrap();
                assert_eq!(edges.lines().count(), shown + 1, "header and one row each");
                assert!(dir.path().join("net-nodes.csv").is_file());
                assert!(dir.path().join("net-evidence.csv").is_file());
            }
            _ => {
                let json: serde_json::Value =
                    serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
                assert_eq!(json["edges"].as_array().unwrap().len(), shown);
            }
        }
    }
}

#[test]
fn hiding_and_pinning_undo_and_redo_too() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness_on(vec![write(dir.path(), "a.txt", TRADE)]);
    let italy = h.state().network().node("italy").unwrap();
    h.state_mut().push(Command::Select(Selection::Node(italy)));
    h.run();
    h.get_by_label("Hide actor").click();
    h.run();
    assert!(h.state_mut().scene().node(italy).is_none(), "hidden");
    assert!(h.state().document().hidden_actors.contains("italy"));
    menu(&mut h, "Edit", "Undo");
    assert!(h.state_mut().scene().node(italy).is_some(), "back");
    menu(&mut h, "Edit", "Redo");
    assert!(h.state_mut().scene().node(italy).is_none(), "hidden again");
    menu(&mut h, "Edit", "Undo");

    // one drag is one step
    let from = h.state().node_screen_pos("france").unwrap();
    let to = from + egui::vec2(50.0, 30.0);
    h.drag_at(from);
    h.run();
    for i in 1..=6 {
        h.hover_at(from + (to - from) * (i as f32 / 6.0));
        h.run();
    }
    h.drop_at(to);
    h.run();
    assert!(h.state().document().pins.contains_key("france"));
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    assert!(
        h.state().document().pins.is_empty(),
        "the drag undone at once"
    );
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Y);
    h.run();
    assert!(h.state().document().pins.contains_key("france"), "redone");
}

#[test]
fn the_canvas_context_menu_rejects_a_relation() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness_on(vec![write(dir.path(), "a.txt", TRADE)]);
    let (e, _) = h
        .state()
        .network()
        .relation("germany", "italy", "cooperation")
        .unwrap();
    let pos = h.state_mut().edge_screen_pos(e).expect("drawn");
    h.hover_at(pos);
    h.run();
    for pressed in [true, false] {
        h.event(egui::Event::PointerButton {
            pos,
            button: egui::PointerButton::Secondary,
            pressed,
            modifiers: egui::Modifiers::NONE,
        });
    }
    h.run();
    assert_eq!(h.state().selection(), Selection::Edge(e));
    // the menu's item (the details panel has one of the same name)
    assert_eq!(h.query_all_by_label("Reject relation").count(), 2);
    h.get_all_by_label("Reject relation")
        .last()
        .unwrap()
        .click();
    h.run();
    assert!(weight(&h, "germany", "italy", "cooperation").is_none());
}

//! The headless CLI: extract JSON, render images, and per-file errors.

use std::path::PathBuf;
use std::process::Command;

fn dyad() -> Command {
    Command::new(env!("CARGO_BIN_EXE_dyad"))
}

fn sample() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("assets/samples/russia_iran_oped.txt")
}

/// `dyad render SAMPLE -o OUT EXTRA...`
fn render_sample(out: &std::path::Path, extra: &[&str]) -> std::process::Output {
    dyad()
        .arg("render")
        .arg(sample())
        .arg("-o")
        .arg(out)
        .args(extra)
        .output()
        .unwrap()
}

fn json_of(out: &std::process::Output) -> serde_json::Value {
    serde_json::from_slice(&out.stdout).expect("stdout is JSON")
}

#[test]
fn extract_json_follows_the_schema() {
    let out = dyad()
        .args(["extract", "--json"])
        .arg(sample())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v = json_of(&out);
    let articles = v["articles"].as_array().unwrap();
    assert_eq!(articles.len(), 1);
    assert_eq!(articles[0]["id"], 0);
    assert!(articles[0]["sentences"].as_u64().unwrap() > 20);
    let actors = v["actors"].as_array().unwrap();
    let russia = actors.iter().find(|a| a["id"] == "russia").expect("russia");
    assert_eq!(russia["name"], "Russia");
    assert!(russia["mentions"].as_u64().unwrap() >= 10);
    assert!(
        russia["aliases"]
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a == "Moscow")
    );
    let rels = v["relations"].as_array().unwrap();
    let coop = rels
        .iter()
        .find(|r| {
            r["kind"] == "cooperation"
                && ((r["source"] == "russia" && r["target"] == "iran")
                    || (r["source"] == "iran" && r["target"] == "russia"))
        })
        .expect("Russia–Iran cooperation");
    assert_eq!(coop["directed"], false);
    let ev = coop["evidence"].as_array().unwrap();
    assert_eq!(coop["weight"].as_u64().unwrap() as usize, ev.len());
    assert!(
        ev.iter()
            .all(|e| e["article"] == 0 && e["text"].as_str().unwrap().len() > 10)
    );
    assert!(
        ev.iter()
            .all(|e| !e["trigger"].as_str().unwrap().is_empty())
    );
}

#[test]
fn extract_output_is_deterministic() {
    let a = dyad()
        .args(["extract", "--json"])
        .arg(sample())
        .output()
        .unwrap();
    let b = dyad()
        .args(["extract", "--json"])
        .arg(sample())
        .output()
        .unwrap();
    assert_eq!(a.stdout, b.stdout);
}

#[test]
fn a_missing_file_is_named_and_the_others_are_processed() {
    let out = dyad()
        .args(["extract", "--json", "no/such/article.txt"])
        .arg(sample())
        .output()
        .unwrap();
    assert!(out.status.success(), "one good file is enough");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("no/such/article.txt"), "stderr: {err}");
    assert_eq!(err.lines().count(), 1, "one line per bad file: {err}");
    assert_eq!(json_of(&out)["articles"].as_array().unwrap().len(), 1);
}

#[test]
fn nothing_readable_is_a_failure() {
    let out = dyad()
        .args(["extract", "--json", "missing-1.txt", "missing-2.txt"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("missing-1.txt") && err.contains("missing-2.txt"));
}

#[test]
fn a_directory_opens_every_supported_file() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(sample(), dir.path().join("a.txt")).unwrap();
    std::fs::write(
        dir.path().join("b.md"),
        "# Talks\n\nFrance and Germany signed a defence agreement.\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("image.png"), [0u8, 1, 2]).unwrap();
    let out = dyad()
        .args(["extract", "--json"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(json_of(&out)["articles"].as_array().unwrap().len(), 2);
}

#[test]
fn extract_table_for_people() {
    let out = dyad().arg("extract").arg(sample()).output().unwrap();
    assert!(out.status.success());
    let s = String::from_utf8_lossy(&out.stdout);
    assert!(s.contains("Russia") && s.contains("cooperation"));
}

#[test]
fn render_writes_png_and_svg_at_the_asked_size() {
    let dir = tempfile::tempdir().unwrap();
    let png = dir.path().join("net.png");
    let out = render_sample(&png, &["--width", "800", "--height", "500"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let bytes = std::fs::read(&png).unwrap();
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n");
    // IHDR width and height.
    assert_eq!(u32::from_be_bytes(bytes[16..20].try_into().unwrap()), 800);
    assert_eq!(u32::from_be_bytes(bytes[20..24].try_into().unwrap()), 500);

    let svg = dir.path().join("net.svg");
    let out = render_sample(&svg, &[]);
    assert!(out.status.success());
    let text = std::fs::read_to_string(&svg).unwrap();
    assert!(text.starts_with("<svg") || text.starts_with("<?xml"));
    assert!(text.contains("Russia") && text.contains("Iran"));
}

#[test]
fn render_to_an_unknown_format_fails_with_the_path() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("net.bmp");
    let out = render_sample(&bad, &[]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("net.bmp"));
}

#[test]
fn a_user_lexicon_adds_actors_and_kinds() {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("a.txt");
    std::fs::write(
        &article,
        "Trade\n\nFreedonia exported grain to Sylvania last year.\n",
    )
    .unwrap();
    let lexicon = dir.path().join("lex.json");
    std::fs::write(
        &lexicon,
        r#"{"version": 1,
            "actors": [{"id": "freedonia", "name": "Freedonia", "kind": "state", "aliases": ["Freedonia"]},
                       {"id": "sylvania", "name": "Sylvania", "kind": "state", "aliases": ["Sylvania"]}],
            "relations": [{"kind": "trade", "directed": true, "triggers": ["exported"]}]}"#,
    )
    .unwrap();
    let out = dyad()
        .args(["extract", "--json", "--lexicon"])
        .arg(&lexicon)
        .arg(&article)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v = json_of(&out);
    let rels = v["relations"].as_array().unwrap();
    assert!(
        rels.iter().any(|r| r["kind"] == "trade"
            && r["source"] == "freedonia"
            && r["target"] == "sylvania"),
        "{rels:?}"
    );
}

#[test]
fn a_bad_lexicon_is_named_with_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let lexicon = dir.path().join("bad.json");
    std::fs::write(
        &lexicon,
        "{\n  \"version\": 1,\n  \"actors\": [ {\"id\": }\n]\n}\n",
    )
    .unwrap();
    let out = dyad()
        .args(["extract", "--lexicon"])
        .arg(&lexicon)
        .arg(sample())
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("bad.json:3"), "{err}");
}

#[test]
fn export_writes_each_format_and_names_problems() {
    let dir = tempfile::tempdir().unwrap();
    for (name, marker) in [
        ("n.gexf", "<gexf"),
        ("n.graphml", "<graphml"),
        ("n.json", "\"edges\""),
    ] {
        let out = dir.path().join(name);
        let o = dyad()
            .arg("export")
            .arg(sample())
            .arg("-o")
            .arg(&out)
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let text = std::fs::read_to_string(&out).unwrap();
        assert!(text.contains(marker), "{name}");
    }
    let o = dyad()
        .args(["export", "--format", "csv", "--kind", "cooperation"])
        .arg(sample())
        .arg("-o")
        .arg(dir.path().join("t.csv"))
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let edges = std::fs::read_to_string(dir.path().join("t-edges.csv")).unwrap();
    assert!(edges.starts_with("Source,Target,Type,Id,Label,Weight"));
    assert!(
        edges.lines().skip(1).all(|l| l.contains(",cooperation,")),
        "{edges}"
    );
    // an unknown format, a kind that does not exist, a workspace that is not there
    let o = dyad()
        .arg("export")
        .arg(sample())
        .arg("-o")
        .arg(dir.path().join("n.txt"))
        .output()
        .unwrap();
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("n.txt"));
    let o = dyad()
        .args(["export", "--kind", "friendship"])
        .arg(sample())
        .arg("-o")
        .arg(dir.path().join("n.gexf"))
        .output()
        .unwrap();
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("cooperation, mistrust"));
    let o = dyad()
        .args(["export", "--workspace"])
        .arg(dir.path().join("gone.dyad.json"))
        .arg("-o")
        .arg(dir.path().join("n.gexf"))
        .output()
        .unwrap();
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("gone.dyad.json"));
    let o = dyad()
        .args(["export", "--from", "2024-02-30"])
        .arg(sample())
        .arg("-o")
        .arg(dir.path().join("n.gexf"))
        .output()
        .unwrap();
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("2024-02-30"));
}

#[test]
fn export_from_a_workspace_applies_its_corrections() {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("a.txt");
    std::fs::write(
        &article,
        "Trade talks\n\nFrance and Germany signed an agreement on trade.\n\n\
         Italy and Germany signed an agreement on energy.\n",
    )
    .unwrap();
    let ws = dir.path().join("w.dyad.json");
    let workspace = serde_json::json!({
        "version": 1,
        "articles": [{"path": article, "hash": ""}],
        "corrections": [
            {"op": "merge", "from": "italy", "into": "france"},
            {"op": "rename", "actor": "germany", "name": "FRG"},
            {"op": "some_future_op", "actor": "germany"}
        ]
    });
    std::fs::write(&ws, workspace.to_string()).unwrap();
    let out = dir.path().join("n.json");
    let o = dyad()
        .args(["export", "--workspace"])
        .arg(&ws)
        .arg("-o")
        .arg(&out)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    let text = json.to_string();
    assert!(!text.contains("\"italy\""), "merged away: {text}");
    assert!(text.contains("FRG"), "renamed");
    let edges = json["edges"].as_array().unwrap();
    assert_eq!(edges.len(), 1, "France–Germany, both sentences");
}

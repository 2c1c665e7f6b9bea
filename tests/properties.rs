//! Property tests (proptest) of the headless pipeline: decoding, the readers, the sentence
//! splitter, the extractor, the report and workspace JSON. Every property holds for all inputs;
//! proptest shrinks a failure to a minimal case. (The layout benchmark's edge-list parser has
//! its own in `examples/layout_compare.rs`.)

use std::collections::BTreeMap;
use std::path::Path;

use dyad::extract::{ArticleExtraction, Extractor};
use dyad::geom::Point;
use dyad::ingest::{self, Article};
use dyad::network::Network;
use dyad::report::Report;
use dyad::text::{Span, split_sentences};
use dyad::workspace::{EdgeRef, Workspace, WorkspaceArticle};
use proptest::prelude::*;

/// `cases` per property, or `PROPTEST_CASES` from the environment for a longer hunt.
fn config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases: std::env::var("PROPTEST_CASES")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(cases),
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// Real sentences of news prose, for inputs that exercise the extractor's rules.
const SENTENCES: &[&str] = &[
    "Russia and Iran signed a strategic partnership treaty on Friday.",
    "The United States imposed new sanctions on Iran.",
    "\"We do not trust Washington,\" Foreign Minister Abbas Araghchi said.",
    "Israel struck Hezbollah positions in southern Lebanon.",
    "China criticised Japan, while South Korea welcomed the talks.",
    "The two countries agreed to deepen military cooperation.",
    "Moscow refused; Tehran accepted the offer.",
    "Russian-Iranian ties have grown since 2022.",
    "Mr. Biden met Gen. Li in Lima, Peru.",
    "The EU and NATO condemned Russia's aggression against Ukraine.",
    "If Turkey fails to act, Greece could attack.",
    "Sino-Japanese relations are tense \u{2014} Beijing\u{2019}s propaganda is blamed.",
];

/// Actor names and nearby word forms that get inserted and mutated.
const NAMES: &[&str] = &[
    "Russia",
    "Iran",
    "the United States",
    "U.S.",
    "US",
    "us",
    "China",
    "Beijing",
    "Kremlin",
    "Russian",
    "Iranians",
    "Putin",
    "Shoygu",
    "NATO",
    "the EU",
    "they",
    "We",
    "the two countries",
    "Sino-",
    "Iran\u{2019}s",
    "RUSSIA",
];

/// Text made of real sentences with actor names inserted, and arbitrary characters sprinkled.
fn news_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        4 => proptest::sample::select(SENTENCES).prop_map(str::to_owned),
        3 => proptest::sample::select(NAMES).prop_map(str::to_owned),
        1 => "[ ,.;:!?\"'()\\-\u{2014}\u{201C}\u{201D}\n\r\t]{1,3}",
        1 => "\\PC{0,6}",
        1 => "[A-Za-z\u{e9}\u{fc}\u{416}]{1,9}",
    ];
    proptest::collection::vec(piece, 0..24).prop_map(|ps| {
        let mut s = String::new();
        for p in ps {
            if !s.is_empty() && !s.ends_with('\n') {
                s.push(' ');
            }
            s.push_str(&p);
        }
        s
    })
}

/// A sentence with a name replaced, cut, duplicated or re-cased.
fn mutated_sentence() -> impl Strategy<Value = String> {
    (
        proptest::sample::select(SENTENCES),
        proptest::sample::select(NAMES),
        any::<prop::sample::Index>(),
        0..5u8,
    )
        .prop_map(|(s, name, at, how)| {
            let cuts: Vec<usize> = s.char_indices().map(|(i, _)| i).chain([s.len()]).collect();
            let i = *at.get(&cuts);
            match how {
                0 => format!("{}{name}{}", &s[..i], &s[i..]),
                1 => s[..i].to_owned(),
                2 => format!("{s} {s}"),
                3 => s.to_uppercase(),
                _ => s.replace("Iran", name).replace("Russia", name),
            }
        })
}

fn check_span(text: &str, s: Span, what: &str) -> Result<(), TestCaseError> {
    prop_assert!(
        s.start <= s.end && s.end <= text.len(),
        "{} span {:?} outside {} bytes",
        what,
        s,
        text.len()
    );
    prop_assert!(
        text.is_char_boundary(s.start) && text.is_char_boundary(s.end),
        "{} span {:?} not on char boundaries",
        what,
        s
    );
    Ok(())
}

fn check_sentences(text: &str, sentences: &[Span]) -> Result<(), TestCaseError> {
    let mut prev = 0;
    for &s in sentences {
        check_span(text, s, "sentence")?;
        prop_assert!(s.start < s.end, "empty sentence {:?}", s);
        prop_assert!(
            s.start >= prev,
            "sentence {:?} overlaps or is out of order",
            s
        );
        prev = s.end;
        let t = s.text(text);
        prop_assert_eq!(t, &text[s.start..s.end]);
        prop_assert_eq!(t, t.trim(), "sentence not trimmed");
        prop_assert!(!t.contains('\n'), "a sentence spans a line break: {:?}", t);
    }
    Ok(())
}

fn check_extraction(text: &str, ex: &ArticleExtraction) -> Result<(), TestCaseError> {
    check_sentences(text, &ex.sentences)?;
    prop_assert!(ex.actors.windows(2).all(|w| w[0].id < w[1].id));
    let known = |id: &str| ex.actors.iter().any(|a| a.id == id);
    for m in &ex.mentions {
        prop_assert!(known(&m.actor), "mention of an unlisted actor {}", m.actor);
        prop_assert!(m.sentence < ex.sentences.len());
        check_span(text, m.span, "mention")?;
        prop_assert!(!m.span.is_empty());
    }
    for r in &ex.relations {
        prop_assert_ne!(&r.source, &r.target, "a relation of an actor with itself");
        prop_assert!(known(&r.source) && known(&r.target));
        prop_assert!(r.sentence < ex.sentences.len());
        check_span(text, r.trigger_span, "trigger")?;
        prop_assert_eq!(r.trigger.as_str(), r.trigger_span.text(text));
        let s = ex.sentences[r.sentence];
        prop_assert!(s.start <= r.trigger_span.start && r.trigger_span.end <= s.end);
        for sp in [r.source_span, r.target_span].into_iter().flatten() {
            check_span(text, sp, "actor")?;
        }
    }
    Ok(())
}

/// The text with words broken at a line-final hyphen put together (`coop-\neration` to
/// `cooperation`), as re-joining may do: what word counts are compared with.
fn unhyphenated(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(h) = rest.find('-') {
        out.push_str(&rest[..h]);
        let after = &rest[h + 1..];
        let gap = after.len() - after.trim_start_matches([' ', '\t']).len();
        if after[gap..].starts_with(['\n', '\r']) {
            rest = after.trim_start();
        } else {
            out.push('-');
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

/// Hard-wrapped news-like text: words (abbreviations, datelines, list markers, broken words,
/// capitals, quotes) separated mostly by spaces, sometimes by line breaks, indented line
/// starts and blank lines.
fn wrapped_text() -> impl Strategy<Value = String> {
    const WORDS: &[&str] = &[
        "Russia",
        "and",
        "Iran",
        "signed",
        "a",
        "treaty",
        "said.",
        "U.S.",
        "Mr.",
        "Gen.",
        "Inc.",
        "No.",
        "10",
        "2.5",
        "Jan.",
        "W.",
        "coop-",
        "eration",
        "well-",
        "known",
        "1.",
        "-",
        "*",
        "•",
        "(a)",
        "MOSCOW,",
        "March",
        "3",
        "(Reuters)",
        "_",
        "—",
        "\"We",
        "agree.\"",
        "He",
        "The",
        "...",
        "…",
        "IRAN",
        "SAID",
        "talks",
        "with",
        "President",
        "Kim",
        "é",
        "Ж",
        "From:",
        "By",
        "|",
        "  ",
        "e.g.",
        "St.",
        "it?",
        "no!",
        "Zürich.",
    ];
    let sep = prop_oneof![
        12 => Just(" "),
        3 => Just("\n"),
        1 => Just("\n   "),
        1 => Just("\n\t"),
        1 => Just("\n\n"),
        1 => Just("\n  - "),
    ];
    proptest::collection::vec((proptest::sample::select(WORDS), sep), 0..120).prop_map(|ws| {
        // (Not a record-id line first, which is dropped on purpose.)
        let mut s = String::from("Iran ");
        for (w, sep) in ws {
            s.push_str(w);
            s.push_str(sep);
        }
        s
    })
}

fn extractor() -> &'static Extractor {
    static EX: std::sync::OnceLock<Extractor> = std::sync::OnceLock::new();
    EX.get_or_init(Extractor::builtin)
}

fn check_article(a: &Article) -> Result<(), TestCaseError> {
    prop_assert!(!a.text.trim().is_empty());
    prop_assert!(
        a.text
            .split('\n')
            .all(|l| l.len() <= ingest::MAX_LINE_BYTES)
    );
    prop_assert!(!a.text.contains('\0') && !a.text.contains('\r'));
    prop_assert!(a.title.chars().count() <= 301);
    Ok(())
}

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn sentences_are_ordered_disjoint_trimmed_slices(text in "\\PC{0,300}") {
        check_sentences(&text, &split_sentences(&text))?;
    }

    #[test]
    fn sentences_of_news_text(text in news_text()) {
        check_sentences(&text, &split_sentences(&text))?;
    }

    /// No non-white-space character is lost between sentences, except sentence-internal
    /// line structure: every non-space char lies inside some sentence.
    #[test]
    fn sentences_cover_every_word(text in news_text()) {
        let sentences = split_sentences(&text);
        for (i, c) in text.char_indices() {
            if c.is_whitespace() {
                continue;
            }
            prop_assert!(
                sentences.iter().any(|s| s.start <= i && i < s.end),
                "char {:?} at {} is in no sentence", c, i
            );
        }
    }

    #[test]
    fn decode_never_panics_and_keeps_utf8(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        let _ = ingest::decode(&bytes);
        let _ = ingest::detect_format(Path::new("x.txt"), &bytes);
    }

    #[test]
    fn decode_returns_valid_utf8_unchanged(text in "[^\u{0}\u{FEFF}]{0,200}") {
        prop_assert_eq!(ingest::decode(text.as_bytes()), text.clone());
        let mut with_bom = vec![0xEF, 0xBB, 0xBF];
        with_bom.extend_from_slice(text.as_bytes());
        prop_assert_eq!(ingest::decode(&with_bom), text);
    }

    #[test]
    fn decode_utf16_with_bom(text in "[^\u{0}\u{FEFF}]{0,100}") {
        let mut le = vec![0xFF, 0xFE];
        le.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        prop_assert_eq!(ingest::decode(&le), text.clone());
        let mut be = vec![0xFE, 0xFF];
        be.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
        prop_assert_eq!(ingest::decode(&be), text);
    }

    #[test]
    fn from_text_gives_a_clean_article(text in "\\PC{0,300}|[\\x00-\\x7f]{0,300}") {
        let a = ingest::from_text(Path::new("p.txt"), &text);
        prop_assert!(!a.text.contains('\0') && !a.text.contains('\r'));
        prop_assert!(a.text.split('\n').all(|l| l.len() <= ingest::MAX_LINE_BYTES));
        // Every word of the input survives (re-joining lines never drops or glues words),
        // except a leading record-id line ("1.1452153-2994348903"), which is dropped.
        let words = |s: &str| {
            // Hyphens split words: a line-final hyphen joins on purpose ("well-" + "known").
            s.split(|c: char| c.is_whitespace() || c == '-')
                .filter(|w| !w.is_empty() && w.chars().all(char::is_alphanumeric))
                .count()
        };
        let kept: String = text.chars().filter(|c| !c.is_control() || c.is_whitespace()).collect();
        let first = kept
            .split(|c: char| c != '\t' && c.is_control() && c.is_whitespace())
            .find(|l| !l.trim().is_empty())
            .unwrap_or("");
        let dropped = if ingest::is_record_id(first) { words(first) } else { 0 };
        prop_assert!(
            words(&a.text) + dropped >= words(&unhyphenated(&text)),
            "words lost: {:?} -> {:?}", text, a.text
        );
    }

    /// Re-joining wrapped lines and splitting never panic; the sentences are trimmed,
    /// ordered slices of the article text on char boundaries; no word is lost.
    #[test]
    fn wrapped_text_rejoins_into_valid_sentences(text in wrapped_text()) {
        let a = ingest::from_text(Path::new("w.txt"), &text);
        check_sentences(&a.text, &split_sentences(&a.text))?;
        let words = |s: &str| {
            s.split(|c: char| c.is_whitespace() || c == '-')
                .filter(|w| !w.is_empty() && w.chars().any(char::is_alphanumeric))
                .count()
        };
        prop_assert!(
            words(&a.text) >= words(&unhyphenated(&text)),
            "words lost: {:?} -> {:?}", text, a.text
        );
        let ex = extractor().extract(&a.text);
        check_extraction(&a.text, &ex)?;
    }

    #[test]
    fn article_from_bytes_is_an_article_or_an_error_naming_the_file(
        bytes in proptest::collection::vec(any::<u8>(), 0..400),
        ext in proptest::sample::select(&["txt", "md", "html", "pdf", "docx", "epub", "dat"][..]),
    ) {
        let name = format!("prop.{ext}");
        match ingest::article_from_bytes(Path::new(&name), &bytes) {
            Ok(a) => check_article(&a)?,
            Err(e) => prop_assert!(e.to_string().contains(&name), "{}", e),
        }
    }

    #[test]
    fn markdown_and_html_of_news_text(text in news_text(), html in any::<bool>()) {
        let (name, body) = if html {
            ("p.html", format!("<html><head><title>T</title></head><body><p>{}</p></body></html>", text.replace('\n', "</p><p>")))
        } else {
            ("p.md", format!("# Title\n\n**{text}**\n"))
        };
        match ingest::article_from_bytes(Path::new(name), body.as_bytes()) {
            Ok(a) => check_article(&a)?,
            Err(e) => prop_assert!(e.to_string().contains(name), "{}", e),
        }
        let a = ingest::from_html(Path::new("h.html"), &body);
        prop_assert!(!a.text.contains('\0'));
    }
}

proptest! {
    #![proptest_config(config(128))]

    #[test]
    fn extraction_of_arbitrary_text_keeps_its_invariants(text in "\\PC{0,400}") {
        let ex = extractor().extract(&text);
        check_extraction(&text, &ex)?;
        prop_assert_eq!(&ex.sentences, &split_sentences(&text));
    }

    #[test]
    fn extraction_of_news_text_is_valid_and_deterministic(text in news_text()) {
        let ex = extractor().extract(&text);
        check_extraction(&text, &ex)?;
        let again = extractor().extract(&text);
        prop_assert_eq!(
            serde_json::to_string(&ex).unwrap(),
            serde_json::to_string(&again).unwrap()
        );
    }

    #[test]
    fn extraction_of_mutated_sentences(
        parts in proptest::collection::vec(mutated_sentence(), 1..6),
    ) {
        let text = parts.join(" ");
        let ex = extractor().extract(&text);
        check_extraction(&text, &ex)?;
    }

    #[test]
    fn extraction_json_round_trips(text in news_text()) {
        let ex = extractor().extract(&text);
        let json = serde_json::to_string(&ex).unwrap();
        let back: ArticleExtraction = serde_json::from_str(&json).unwrap();
        prop_assert_eq!(back, ex);
    }

    /// The report of a network: valid JSON equal to the report's value and stable through a
    /// second round trip; evidence is the sentences' text; a relation's weight is its evidence
    /// count.
    #[test]
    fn report_json_round_trips(texts in proptest::collection::vec(news_text(), 1..4)) {
        let articles: Vec<Article> = texts
            .iter()
            .enumerate()
            .map(|(i, t)| ingest::from_text(Path::new(&format!("a{i}.txt")), t))
            .collect();
        let exs: Vec<ArticleExtraction> =
            articles.iter().map(|a| extractor().extract(&a.text)).collect();
        let net = Network::from_extractions(articles.iter().zip(&exs));
        let report = Report::from_network(&net);
        let json = report.to_json();
        let value: serde_json::Value = serde_json::from_str(&json).unwrap();
        prop_assert_eq!(&value, &serde_json::to_value(&report).unwrap());
        let again: serde_json::Value =
            serde_json::from_str(&serde_json::to_string(&value).unwrap()).unwrap();
        prop_assert_eq!(&again, &value);
        prop_assert_eq!(value["articles"].as_array().unwrap().len(), articles.len());
        for r in &report.relations {
            prop_assert_ne!(&r.source, &r.target);
            prop_assert_eq!(r.weight, r.evidence.len());
            for e in &r.evidence {
                let x = &exs[e.article];
                let s = x.sentences[e.sentence];
                prop_assert_eq!(e.text.as_str(), s.text(&articles[e.article].text));
            }
        }
        let ids: Vec<&str> = report.actors.iter().map(|a| a.id.as_str()).collect();
        prop_assert!(ids.windows(2).all(|w| w[0] < w[1]));
    }
}

fn workspace() -> impl Strategy<Value = Workspace> {
    let id = "[a-z_]{1,12}";
    let article = ("\\PC{1,30}", "[0-9a-f]{16}", any::<bool>()).prop_map(|(p, hash, embedded)| {
        WorkspaceArticle {
            path: p.into(),
            hash,
            embedded,
        }
    });
    let point = (-1.0e6f32..1.0e6, -1.0e6f32..1.0e6).prop_map(|(x, y)| Point { x, y });
    let edge = (id, id, id).prop_map(|(source, target, kind)| EdgeRef {
        source,
        target,
        kind,
    });
    (
        proptest::collection::vec(article, 0..4),
        proptest::collection::vec("\\PC{1,20}", 0..3),
        proptest::collection::btree_map(id, point, 0..4),
        proptest::collection::btree_map(id, any::<bool>(), 0..4),
        0usize..1000,
        proptest::collection::vec(edge, 0..4),
        (
            proptest::option::of(date()),
            proptest::option::of(date()),
            any::<bool>(),
            0usize..3,
            proptest::collection::btree_set(id, 0..3),
        ),
    )
        .prop_map(
            |(articles, lexicons, pinned, kinds, min_evidence, hidden_edges, filter)| {
                let (from, to, undated, count, focus) = filter;
                Workspace {
                    version: dyad::workspace::VERSION,
                    articles,
                    lexicons: lexicons.into_iter().map(Into::into).collect(),
                    pinned,
                    kinds,
                    min_evidence,
                    hidden_edges,
                    count: dyad::network::EvidenceCount::ALL[count],
                    window: dyad::network::TimeWindow { from, to, undated },
                    hidden_actors: focus.clone(),
                    corrections: focus
                        .iter()
                        .map(|id| dyad::document::Correction::Rename {
                            actor: id.clone(),
                            name: format!("{id} \u{e9}"),
                        })
                        .collect(),
                    focus,
                }
            },
        )
}

fn date() -> impl Strategy<Value = dyad::date::Date> {
    (1800i32..2200, 1u8..=12, 1u8..=28)
        .prop_map(|(y, m, d)| dyad::date::Date::new(y, m, d).unwrap())
}

proptest! {
    #![proptest_config(config(64))]

    #[test]
    fn workspace_save_load_round_trip(w in workspace()) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("w.dyad.json");
        w.save(&path).unwrap();
        let back = Workspace::load(&path).unwrap();
        prop_assert_eq!(back, w);
    }
}

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn workspace_parse_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..200)) {
        if let Err(e) = Workspace::from_slice(Path::new("w.dyad.json"), &bytes) {
            prop_assert!(e.to_string().contains("w.dyad.json"));
        }
    }

    #[test]
    fn workspace_json_with_damage_never_panics(
        w in workspace(),
        cut in any::<prop::sample::Index>(),
        byte in any::<u8>(),
    ) {
        let mut json = serde_json::to_vec(&w).unwrap();
        let i = cut.index(json.len());
        json[i] = byte;
        let _ = Workspace::from_slice(Path::new("w.dyad.json"), &json);
        json.truncate(i);
        prop_assert!(Workspace::from_slice(Path::new("w.dyad.json"), &json).is_err());
    }
}

/// Pinned positions keep their keys in order (a `BTreeMap`), so the file is stable.
#[test]
fn workspace_json_is_stable() {
    let w = Workspace {
        pinned: BTreeMap::from([
            ("b".to_owned(), Point { x: 1.0, y: 2.0 }),
            ("a".to_owned(), Point { x: 3.0, y: 4.0 }),
        ]),
        ..Workspace::default()
    };
    let a = serde_json::to_string(&w).unwrap();
    let b = serde_json::to_string(&Workspace::from_slice(Path::new("w"), a.as_bytes()).unwrap())
        .unwrap();
    assert_eq!(a, b);
    assert!(a.find("\"a\"").unwrap() < a.find("\"b\"").unwrap());
}

//! Invariants shared by the fuzz targets: what every article and every extraction must
//! satisfy, whatever the input.

#![allow(dead_code)]

use std::path::Path;

use dyad::extract::{ArticleExtraction, Extractor};
use dyad::ingest::{self, Article};
use dyad::text::Span;

/// Read `data` as a file named `name`: an article that satisfies the limits, or an error
/// naming the file. The article's text is then split and extracted like the app does.
pub fn read_as(name: &str, data: &[u8]) {
    let path = Path::new(name);
    let _ = ingest::detect_format(path, data);
    match ingest::article_from_bytes(path, data) {
        Ok(a) => {
            check_article(&a);
            let ex = extractor().extract(&a.text);
            check_extraction(&a.text, &ex);
        }
        Err(e) => {
            let msg = e.to_string();
            assert!(msg.contains(name), "error does not name the file: {msg}");
        }
    }
}

pub fn extractor() -> &'static Extractor {
    static EX: std::sync::OnceLock<Extractor> = std::sync::OnceLock::new();
    EX.get_or_init(Extractor::builtin)
}

/// The limits and cleaning every article read from a file obeys.
pub fn check_article(a: &Article) {
    assert!(!a.text.trim().is_empty(), "an article without text");
    for line in a.text.split('\n') {
        assert!(
            line.len() <= ingest::MAX_LINE_BYTES,
            "a line of {} bytes",
            line.len()
        );
    }
    // Long lines are broken with a '\n' each, which may add one byte per broken piece.
    let slack = ingest::MAX_TEXT_BYTES / ingest::MAX_LINE_BYTES + 16;
    assert!(
        a.text.len() <= ingest::MAX_TEXT_BYTES + slack,
        "text of {} bytes",
        a.text.len()
    );
    assert!(!a.text.contains('\0'), "NUL in the text");
    assert!(!a.text.contains('\r'), "CR in the text");
    assert!(
        a.title.chars().count() <= 301,
        "title of {} chars",
        a.title.chars().count()
    );
    if let Some(d) = &a.date {
        assert!(
            d.len() == 10 && d.as_bytes()[4] == b'-' && d.as_bytes()[7] == b'-',
            "date {d:?} is not YYYY-MM-DD"
        );
    }
}

fn check_span(text: &str, s: Span, what: &str) {
    assert!(
        s.start <= s.end && s.end <= text.len(),
        "{what} span {s:?} outside text of {} bytes",
        text.len()
    );
    assert!(
        text.is_char_boundary(s.start) && text.is_char_boundary(s.end),
        "{what} span {s:?} not on char boundaries"
    );
}

/// Sentences in order, disjoint, non-empty, trimmed, on char boundaries.
pub fn check_sentences(text: &str, sentences: &[Span]) {
    let mut prev_end = 0;
    for &s in sentences {
        check_span(text, s, "sentence");
        assert!(s.start < s.end, "empty sentence {s:?}");
        assert!(
            s.start >= prev_end,
            "sentence {s:?} overlaps the previous one"
        );
        prev_end = s.end;
        let t = s.text(text);
        assert_eq!(t, t.trim(), "sentence {s:?} not trimmed");
    }
}

/// Every span in bounds and on char boundaries, indices valid, endpoints distinct.
pub fn check_extraction(text: &str, ex: &ArticleExtraction) {
    check_sentences(text, &ex.sentences);
    assert!(
        ex.actors.windows(2).all(|w| w[0].id < w[1].id),
        "actors not sorted by id / not unique"
    );
    let known = |id: &str| {
        ex.actors
            .binary_search_by(|a| a.id.as_str().cmp(id))
            .is_ok()
    };
    for m in &ex.mentions {
        assert!(known(&m.actor), "mention of unlisted actor {}", m.actor);
        assert!(m.sentence < ex.sentences.len(), "mention sentence index");
        check_span(text, m.span, "mention");
        assert!(!m.span.is_empty(), "empty mention span");
    }
    for r in &ex.relations {
        assert_ne!(r.source, r.target, "self relation {r:?}");
        assert!(
            known(&r.source) && known(&r.target),
            "unlisted endpoint {r:?}"
        );
        assert!(r.sentence < ex.sentences.len(), "relation sentence index");
        check_span(text, r.trigger_span, "trigger");
        assert_eq!(r.trigger, r.trigger_span.text(text), "trigger text");
        let s = ex.sentences[r.sentence];
        assert!(
            s.start <= r.trigger_span.start && r.trigger_span.end <= s.end,
            "trigger {:?} outside its sentence {s:?}",
            r.trigger_span
        );
        for sp in [r.source_span, r.target_span].into_iter().flatten() {
            check_span(text, sp, "actor");
        }
    }
}

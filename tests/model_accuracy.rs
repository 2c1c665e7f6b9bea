//! The built-in language model meets the floors of issue #11 on UD English EWT test with
//! predicted tags (every word counts, punctuation included): UPOS >= 95%, UAS >= 85%,
//! LAS >= 82%. Also reports GUM test. Needs the UD data (`../shared/data/ud` from the crate
//! root, or `/work/shared/data/ud`); without it the check is skipped, and says so.

use std::path::PathBuf;

use dyad::extract::model::Model;
use dyad::extract::train;

fn ud_dir() -> Option<PathBuf> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    [
        root.join("../shared/data/ud"),
        PathBuf::from("/work/shared/data/ud"),
    ]
    .into_iter()
    .find(|d| d.join("en_ewt-test.conllu").is_file())
}

#[test]
fn builtin_model_meets_accuracy_floors() {
    let Some(dir) = ud_dir() else {
        eprintln!(
            "UD data absent at ../shared/data/ud and /work/shared/data/ud: skipping accuracy check"
        );
        return;
    };
    let model = Model::builtin();
    let (ewt, gum) = train::evaluate_ud(model, &dir).expect("UD test files readable");
    eprintln!(
        "EWT test: {} words, UPOS {:.2}, UAS {:.2}, LAS {:.2}",
        ewt.words,
        ewt.upos_pct(),
        ewt.uas_pct(),
        ewt.las_pct()
    );
    eprintln!(
        "GUM test: {} words, UPOS {:.2}, UAS {:.2}, LAS {:.2}",
        gum.words,
        gum.upos_pct(),
        gum.uas_pct(),
        gum.las_pct()
    );
    assert!(ewt.words > 20_000, "EWT test read: {} words", ewt.words);
    assert!(ewt.upos_pct() >= 95.0, "UPOS {:.2} < 95", ewt.upos_pct());
    assert!(ewt.uas_pct() >= 85.0, "UAS {:.2} < 85", ewt.uas_pct());
    assert!(ewt.las_pct() >= 82.0, "LAS {:.2} < 82", ewt.las_pct());
}

/// Parse sanity on sentences written for this test.
#[test]
fn parses_a_sanctions_sentence() {
    let model = Model::builtin();
    let text = "The United States imposed sanctions on Russia.";
    let w = model.parse(text, dyad::text::Span::new(0, text.len()));
    let forms: Vec<&str> = w.iter().map(|w| w.form.as_str()).collect();
    assert_eq!(
        forms,
        [
            "The",
            "United",
            "States",
            "imposed",
            "sanctions",
            "on",
            "Russia",
            "."
        ]
    );
    let show = format!("{w:#?}");
    let imposed = 3;
    assert_eq!(w[imposed].head, None, "{show}");
    assert_eq!(w[imposed].deprel, "root", "{show}");
    assert_eq!(w[imposed].lemma, "impose");
    assert_eq!(w[imposed].xpos, "VBD");
    assert_eq!((w[2].head, w[2].deprel), (Some(imposed), "nsubj"), "{show}");
    assert_eq!((w[4].head, w[4].deprel), (Some(imposed), "obj"), "{show}");
    // "on Russia": an argument of "imposed" (obl) in the treebanks' reading; the greedy parser
    // attaches it to "sanctions" (nmod), which is the other reading a downstream rule must
    // accept anyway ("sanctions on Russia").
    assert!(
        matches!(
            (w[6].head, w[6].deprel),
            (Some(3), "obl") | (Some(4), "nmod")
        ),
        "{show}"
    );
    assert_eq!((w[5].head, w[5].deprel), (Some(6), "case"), "{show}");
    assert_eq!(w[4].lemma, "sanction");
    assert_eq!(w[6].upos.as_str(), "PROPN");
    let text = "Moscow retaliated against Washington on Monday.";
    let w2 = model.parse(text, dyad::text::Span::new(0, text.len()));
    let show = format!("{w2:#?}");
    assert_eq!((w2[1].head, w2[1].deprel), (None, "root"), "{show}");
    assert_eq!((w2[0].head, w2[0].deprel), (Some(1), "nsubj"), "{show}");
    assert_eq!((w2[3].head, w2[3].deprel), (Some(1), "obl"), "{show}");
    assert_eq!((w2[2].head, w2[2].deprel), (Some(3), "case"), "{show}");
    assert_eq!((w2[5].head, w2[5].deprel), (Some(1), "obl"), "{show}");
}

#[test]
fn parses_passive_and_negation() {
    let model = Model::builtin();
    let text = "Several banks were blacklisted by the Treasury, and Iran didn't respond.";
    let w = model.parse(text, dyad::text::Span::new(0, text.len()));
    let find = |f: &str| w.iter().position(|w| w.form == f).expect(f);
    let show = format!("{w:#?}");
    let bl = find("blacklisted");
    assert_eq!(w[bl].lemma, "blacklist", "{show}");
    assert!(w[bl].is_past_participle(), "{show}");
    assert_eq!(w[find("banks")].deprel, "nsubj:pass", "{show}");
    assert_eq!(w[find("banks")].head, Some(bl), "{show}");
    assert_eq!(w[find("were")].deprel, "aux:pass", "{show}");
    assert_eq!(w[find("Treasury")].deprel, "obl:agent", "{show}");
    let respond = find("respond");
    assert_eq!(w[respond].deprel, "conj", "{show}");
    assert_eq!(w[find("n't")].head, Some(respond), "{show}");
    assert_eq!(w[find("n't")].lemma, "not", "{show}");
    assert_eq!(w[find("did")].lemma, "do", "{show}");
    assert_eq!(w[find("Iran")].deprel, "nsubj", "{show}");
}

#[test]
fn model_is_loaded_once_and_handles_odd_input() {
    let a = Model::builtin() as *const Model;
    let b = Model::builtin() as *const Model;
    assert_eq!(a, b);
    let m = Model::builtin();
    for t in [
        "",
        " ",
        "!!!",
        "“”",
        "a",
        "日本は中国を批判した。",
        "x\u{301}y ’s n't",
    ] {
        let w = m.parse(t, dyad::text::Span::new(0, t.len()));
        assert!(w.iter().filter(|w| w.head.is_none()).count() <= 1, "{t}");
        for x in &w {
            assert!(x.head.is_none_or(|h| h < w.len()));
        }
    }
}

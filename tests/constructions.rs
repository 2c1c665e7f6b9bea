//! The default extractor on one-sentence news constructions written for Dyad's tests
//! (`tests/data/constructions.tsv`: passives, nominal and adjectival frames, headlines,
//! conjoined parties, relation nouns, modality, places and third parties that are no party).
//! A floor on precision and recall: extraction changes that lose general constructions fail.

use std::collections::BTreeSet;

use dyad::extract::Extractor;

type Rel = (String, String, String);

fn key(kind: &str, a: &str, b: &str) -> Rel {
    let (x, y) = if a <= b { (a, b) } else { (b, a) };
    (kind.to_owned(), x.to_owned(), y.to_owned())
}

#[test]
fn constructions_floor() {
    let data = include_str!("data/constructions.tsv");
    let ex = Extractor::builtin();
    let (mut tp, mut fp, mut fneg) = (0usize, 0usize, 0usize);
    let mut report = String::new();
    for line in data
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
    {
        let (sentence, gold) = line.split_once('\t').unwrap_or((line, ""));
        let gold: BTreeSet<Rel> = gold
            .split(';')
            .filter(|r| !r.is_empty())
            .map(|r| {
                let p: Vec<&str> = r.split('|').collect();
                assert_eq!(p.len(), 3, "bad gold row {r:?}");
                key(p[0], p[1], p[2])
            })
            .collect();
        let got: BTreeSet<Rel> = ex
            .extract(sentence)
            .relations
            .iter()
            .map(|r| key(&r.kind, &r.source, &r.target))
            .collect();
        let hit = gold.intersection(&got).count();
        tp += hit;
        fneg += gold.len() - hit;
        fp += got.len() - hit;
        if hit < gold.len() || hit < got.len() {
            report.push_str(&format!(
                "{sentence}\n  missed {:?}\n  extra  {:?}\n",
                gold.difference(&got).collect::<Vec<_>>(),
                got.difference(&gold).collect::<Vec<_>>()
            ));
        }
    }
    let p = tp as f64 / (tp + fp).max(1) as f64;
    let r = tp as f64 / (tp + fneg).max(1) as f64;
    let f1 = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    eprintln!("{report}constructions: tp {tp} fp {fp} fn {fneg}  P {p:.3} R {r:.3} F1 {f1:.3}");
    assert!(tp + fneg > 80, "gold read: {}", tp + fneg);
    assert!(p >= 0.65, "precision {p:.3} < 0.65");
    assert!(r >= 0.65, "recall {r:.3} < 0.65");
}

//! Throughput of the text stages: sentence splitting and extraction over a large synthetic
//! corpus built from many article variants, and network building.

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;

use dyad::extract::Extractor;
use dyad::ingest::{self, Article};

/// Article variants: the sample with its actors swapped for others, so the corpus is not one
/// text repeated (different automaton paths, different relations).
fn corpus(copies: usize) -> Vec<String> {
    let base = ingest::SAMPLE_TEXT;
    let swaps = [
        ("Russia", "China"),
        ("Iran", "Turkey"),
        ("Moscow", "Beijing"),
        ("Tehran", "Ankara"),
        ("Russian", "Chinese"),
        ("Iranian", "Turkish"),
        ("Syria", "Libya"),
        ("Ukraine", "Taiwan"),
    ];
    (0..copies)
        .map(|i| {
            let mut t = base.to_owned();
            for (k, (a, b)) in swaps.iter().enumerate() {
                if (i >> k) & 1 == 1 {
                    t = t.replace(a, b);
                }
            }
            t
        })
        .collect()
}

/// Greedy hard-wrap of every paragraph at `width` columns, the first line of each indented
/// by three spaces (wire style).
fn hard_wrap(text: &str, width: usize) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 16);
    for para in text.lines() {
        let mut col = 0;
        if !para.is_empty() {
            out.push_str("   ");
            col = 3;
        }
        for (i, w) in para.split(' ').enumerate() {
            let n = w.chars().count();
            if i > 0 && col + 1 + n > width {
                out.push('\n');
                col = 0;
            } else if i > 0 {
                out.push(' ');
                col += 1;
            }
            out.push_str(w);
            col += n;
        }
        out.push('\n');
    }
    out
}

fn bench_text(c: &mut Criterion) {
    let docs = corpus(256);
    let bytes: usize = docs.iter().map(|d| d.len()).sum();
    let ex = Extractor::builtin();
    let mut g = c.benchmark_group("text");
    g.throughput(Throughput::Bytes(bytes as u64));
    g.sample_size(10);
    g.bench_function(BenchmarkId::new("split_sentences", bytes), |b| {
        b.iter(|| {
            for d in &docs {
                black_box(dyad::text::split_sentences(d));
            }
        })
    });
    g.bench_function(BenchmarkId::new("extract", bytes), |b| {
        b.iter(|| {
            for d in &docs {
                black_box(ex.extract(d));
            }
        })
    });

    // Reading plain text: cleaning, re-joining wrapped lines, title and dateline; on the
    // corpus as it is (a paragraph per line) and hard-wrapped at 72 columns.
    let wrapped: Vec<String> = docs.iter().map(|d| hard_wrap(d, 72)).collect();
    for (name, set) in [("from_text", &docs), ("from_text_wrapped", &wrapped)] {
        g.bench_function(BenchmarkId::new(name, bytes), |b| {
            b.iter(|| {
                for d in set.iter() {
                    black_box(ingest::from_text(std::path::Path::new("a.txt"), d));
                }
            })
        });
    }
    g.finish();

    let articles: Vec<Article> = docs
        .iter()
        .enumerate()
        .map(|(i, d)| ingest::from_text(std::path::Path::new(&format!("a{i}.txt")), d))
        .collect();
    let extractions: Vec<_> = articles.iter().map(|a| ex.extract(&a.text)).collect();
    c.bench_function("network/from_256_articles", |b| {
        b.iter(|| {
            black_box(dyad::network::Network::from_extractions(
                articles.iter().zip(&extractions),
            ))
        })
    });
}

criterion_group!(benches, bench_text);
criterion_main!(benches);

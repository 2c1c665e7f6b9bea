//! Opening a folder of 1,000 typical articles: directory walk, reading, decoding, sentence
//! splitting, extraction (rayon over files) and merging into one network — what the app and
//! `dyad extract` do for a folder.

use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;

use dyad::extract::Extractor;
use dyad::pipeline;

/// 1,000 articles of ~5 KB: the sample op-ed with actors swapped, as .txt, .md and .html.
fn write_corpus(dir: &std::path::Path) -> usize {
    let base = dyad::ingest::SAMPLE_TEXT;
    let swaps = [
        ("Russia", "China"),
        ("Iran", "Turkey"),
        ("Moscow", "Beijing"),
        ("Tehran", "Ankara"),
        ("Russian", "Chinese"),
        ("Iranian", "Turkish"),
        ("Syria", "Libya"),
        ("Ukraine", "Taiwan"),
        ("Oman", "Qatar"),
        ("Obama", "Biden"),
    ];
    let mut bytes = 0;
    for i in 0..1000usize {
        let mut t = base.to_owned();
        for (k, (a, b)) in swaps.iter().enumerate() {
            if (i >> k) & 1 == 1 {
                t = t.replace(a, b);
            }
        }
        let (name, body) = match i % 3 {
            0 => (format!("a{i:04}.txt"), t),
            1 => (format!("a{i:04}.md"), format!("# Article {i}\n\n{t}")),
            _ => (
                format!("a{i:04}.html"),
                format!(
                    "<html><head><title>Article {i}</title></head><body><nav>Home | World</nav>\
                     <article>{}</article></body></html>",
                    t.split("\n\n")
                        .map(|p| format!("<p>{p}</p>"))
                        .collect::<String>()
                ),
            ),
        };
        bytes += body.len();
        std::fs::write(dir.join(name), body).unwrap();
    }
    bytes
}

fn bench_corpus(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let bytes = write_corpus(dir.path());
    eprintln!("corpus: 1000 files, {:.1} MB", bytes as f64 / 1e6);
    let ex = Extractor::builtin();
    let paths = vec![dir.path().to_path_buf()];
    let mut g = c.benchmark_group("corpus");
    g.sample_size(10);
    g.bench_function("open_folder_of_1000_articles", |b| {
        b.iter(|| {
            let (corpus, errors) = pipeline::load_corpus(&ex, &paths);
            assert_eq!(corpus.len(), 1000, "{errors:?}");
            black_box(corpus.network())
        })
    });
    g.finish();
}

criterion_group!(benches, bench_corpus);
criterion_main!(benches);

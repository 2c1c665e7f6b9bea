//! Opening a folder of 1,000 typical articles: directory walk, reading, decoding, sentence
//! splitting, extraction (rayon over files) and merging into one network — what the app and
//! `dyad extract` do for a folder.

mod common;

use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;

use dyad::document::Document;
use dyad::extract::Extractor;
use dyad::pipeline::Progress;

fn bench_corpus(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let bytes = common::write_corpus(dir.path());
    eprintln!("corpus: 1000 files, {:.1} MB", bytes as f64 / 1e6);
    let ex = Extractor::builtin();
    let paths = vec![dir.path().to_path_buf()];
    let mut g = c.benchmark_group("corpus");
    g.sample_size(10);
    g.bench_function("open_folder_of_1000_articles", |b| {
        b.iter(|| {
            // the one loading path of the CLI and the app
            let mut doc = Document::new(ex.clone());
            let report = doc.load(&paths, &Progress::default());
            assert_eq!(report.read, 1000, "{:?}", report.errors);
            black_box(doc)
        })
    });
    g.finish();
}

criterion_group!(benches, bench_corpus);
criterion_main!(benches);

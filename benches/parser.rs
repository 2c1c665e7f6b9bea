//! Throughput of the language model: tokenize + tag + lemmatize + parse, in words/s, on a news
//! paragraph written for this benchmark.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;

use dyad::extract::model::Model;
use dyad::text::Span;

const NEWS: &str = "The European Union imposed fresh sanctions on Russia on Monday, freezing the assets of \
three state-owned banks and barring dozens of officials from travelling to the bloc. \
Moscow condemned the measures as illegal and said it would retaliate against what it called \
an unfriendly act by Brussels. \
China and Pakistan signed a defence agreement in Islamabad, pledging to deepen military \
cooperation and to hold joint naval exercises next year. \
Iran's foreign minister accused Washington of sabotaging the talks, while U.S. officials \
insisted they had not abandoned diplomacy. \
Ukrainian forces shelled positions held by Russian-backed separatists near Donetsk, killing \
at least four fighters, according to a statement released by the regional authorities. \
Turkey has blacklisted several companies that it says helped finance the group, and the \
Treasury Department said on Thursday that it was considering similar steps.";

fn sentences(text: &str) -> Vec<Span> {
    dyad::text::split_sentences(text)
}

fn bench_parser(c: &mut Criterion) {
    let model = Model::builtin();
    let sents = sentences(NEWS);
    let words: usize = sents
        .iter()
        .map(|&s| dyad::extract::tokens::tokenize(NEWS, s).len())
        .sum();
    let mut g = c.benchmark_group("parser");
    g.throughput(Throughput::Elements(words as u64));
    g.bench_function("tokenize_tag_parse_words", |b| {
        b.iter(|| {
            let mut n = 0;
            for &s in &sents {
                n += model.parse(black_box(NEWS), s).len();
            }
            n
        })
    });
    g.finish();
}

criterion_group!(benches, bench_parser);
criterion_main!(benches);

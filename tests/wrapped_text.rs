//! Hard-wrapped plain text (wire copy, e-mail, text pasted from PDFs): after reading, every
//! sentence the splitter returns is a whole sentence (or the headline, a list item, a header
//! line), never a fragment of a wrapped line; text that is not hard-wrapped is unchanged.
//!
//! The samples are written here as blocks (headline, paragraphs as lists of sentences, list
//! items, lines) and wrapped greedily at a given width in a given style, so the expected
//! sentences are known exactly. A few samples are written out by hand (PDF pastes).

use std::path::Path;

use dyad::ingest;
use dyad::text::split_sentences;

#[derive(Clone, Copy)]
enum Block<'a> {
    /// A headline, byline or other line of its own (never wrapped in the samples).
    Line(&'a str),
    /// A paragraph: its sentences.
    Para(&'a [&'a str]),
    /// A list item (one sentence, marker included), wrapped with a hanging indent.
    Item(&'a str),
}

#[derive(Clone, Copy)]
struct Style {
    width: usize,
    /// The first line of a paragraph is indented by this.
    indent: &'static str,
    /// A blank line between blocks.
    blank: bool,
}

/// Greedy wrap of `text` at `width` columns: the first line after `first`, the others after
/// `rest`.
fn wrap(text: &str, width: usize, first: &str, rest: &str) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = first.to_owned();
    let mut empty = true;
    for w in text.split(' ') {
        if !empty && line.chars().count() + 1 + w.chars().count() > width {
            lines.push(std::mem::replace(&mut line, rest.to_owned()));
            empty = true;
        }
        if !empty {
            line.push(' ');
        }
        line.push_str(w);
        empty = false;
    }
    lines.push(line);
    lines
}

/// The wrapped text and the sentences expected from it.
fn render(blocks: &[Block], s: Style) -> (String, Vec<String>) {
    let mut lines: Vec<String> = Vec::new();
    let mut expected = Vec::new();
    for (i, b) in blocks.iter().enumerate() {
        if i > 0 && s.blank {
            lines.push(String::new());
        }
        match *b {
            Block::Line(l) => {
                lines.push(l.to_owned());
                expected.push(l.to_owned());
            }
            Block::Para(sentences) => {
                lines.extend(wrap(&sentences.join(" "), s.width, s.indent, ""));
                expected.extend(sentences.iter().map(|x| x.to_string()));
            }
            Block::Item(item) => {
                let hang = " ".repeat(item.find(' ').map_or(0, |p| p + 1));
                lines.extend(wrap(item, s.width, "", &hang));
                expected.push(item.to_owned());
            }
        }
    }
    (lines.join("\n") + "\n", expected)
}

/// The sentences Dyad finds in a `.txt` file with this text.
fn sentences_of(text: &str) -> Vec<String> {
    let a = ingest::from_text(Path::new("wire.txt"), text);
    split_sentences(&a.text)
        .iter()
        .map(|s| s.text(&a.text).to_owned())
        .collect()
}

/// Whether a sentence starts like one and ends with sentence punctuation (closing quotes and
/// brackets allowed after it).
fn whole_sentence(s: &str) -> bool {
    let starts = s
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit() || "\"“‘'(".contains(c));
    let body = s.trim_end_matches(['"', '”', '’', '\'', ')']);
    starts && body.ends_with(['.', '!', '?'])
}

const WIRE: &[Block] = &[
    Block::Line("Soviet Union and Iran Sign Broad Economic and Military Pact"),
    Block::Line("By John B. Harris, Associated Press Writer"),
    Block::Para(&[
        "MOSCOW, March 3 (AP) _ The Soviet Union and Iran on Tuesday signed a broad agreement on economic and military cooperation, the official Tass news agency said.",
        "The pact was signed in the Kremlin by Foreign Minister Andrei A. Gromyko and his Iranian counterpart, Ali Akbar Velayati, after three days of talks.",
    ]),
    Block::Para(&[
        "Mr. Gromyko told reporters the accord would \"open a new chapter\" in relations between Moscow and Tehran.",
        "\"We do not seek confrontation with anyone.\"",
        "He added that the U.S. Embassy had been informed in advance.",
    ]),
    Block::Para(&[
        "Western diplomats said the deal, worth about 2.5 billion rubles, was the largest of its kind since Jan. 12, 1980, when Gen. Mikhail Zaitsev visited Tehran.",
        "The U.S. State Department said it was studying the text.",
        "A spokesman, Charles E. Redman, said Washington would respond to the agreement in due course.",
    ]),
    Block::Para(&[
        "\"The Iranians came to us ... and we listened,\" one Soviet official said.",
        "Iraq, which is at war with Iran, denounced the agreement as \"a stab in the back.\"",
        "Its ambassador in Moscow, Dr. Saadoun Hammadi, left for Baghdad on Wednesday.",
    ]),
    Block::Para(&[
        "In Washington, President Reagan met Secretary of State George P. Shultz and Defense Secretary Caspar W. Weinberger to discuss the pact.",
        "Officials at Hughes Aircraft Co. and General Dynamics Corp. declined to comment.",
        "The radar in question was built by Raytheon Inc.",
        "The company said it had no contracts with Iran.",
    ]),
    Block::Para(&[
        "The next round of talks will open on March 15 at No. 10 Smolenskaya Square, near St. Basil's, and President Kim Il Sung of North Korea is expected to attend.",
    ]),
];

const EMAIL: &[Block] = &[
    Block::Line("From: Anna Lindqvist <anna.lindqvist@example.org>"),
    Block::Line("To: Foreign desk <desk@example.org>"),
    Block::Line("Subject: Notes from the Vienna talks, day two"),
    Block::Line("Dear colleagues,"),
    Block::Para(&[
        "Here are my notes from the second day of the talks between Iran and the E3 in Vienna.",
        "The atmosphere was tense but, in the words of one diplomat, \"not hopeless.\"",
        "Talks resumed at 10 a.m. and ran until late at night.",
    ]),
    Block::Para(&[
        "Three points stood out in the closed session, according to two participants who asked not to be named:",
    ]),
    Block::Item(
        "- Iran refused to discuss its missile programme and accused Washington of bad faith over the 2018 withdrawal.",
    ),
    Block::Item(
        "- Russia backed Tehran's position and said Western sanctions had poisoned the atmosphere.",
    ),
    Block::Item(
        "1. The E3 proposed a phased plan to restore inspections by the I.A.E.A. within ninety days.",
    ),
    Block::Para(&[
        "Ambassador Mikhail Ulyanov, who flew in from St. Petersburg, told reporters that Moscow \"would not let Europe dictate\" the outcome.",
        "China, for its part, stayed mostly silent...",
        "Its envoy spoke only once.",
        "The next session is set for Thursday.",
    ]),
    Block::Line("Best regards,"),
    Block::Line("Anna"),
];

const BRIEF: &[Block] = &[
    Block::Line("RUSSIA, IRAN DEEPEN DEFENCE TIES"),
    Block::Para(&[
        "Russia and Iran have agreed to deepen their defence cooperation, officials in both capitals said on Friday.",
        "The agreement covers joint exercises, training and the exchange of intelligence.",
    ]),
    Block::Para(&[
        "Israel criticised the move and said it would raise the matter with Washington.",
        "Saudi Arabia, which restored ties with Tehran last year, did not comment.",
    ]),
    Block::Para(&[
        "Analysts in Moscow said the deal was mostly symbolic.",
        "\"It formalises what already exists,\" said one.",
    ]),
];

/// Each sample: a name, its text and the sentences expected.
#[allow(clippy::too_many_lines, reason = "a flat table of samples")]
fn samples() -> Vec<(String, String, Vec<String>)> {
    let mut out = Vec::new();
    let mut add = |name: &str, blocks: &[Block], style: Style| {
        let (text, expected) = render(blocks, style);
        out.push((name.to_owned(), text, expected));
    };
    // A 1980s-style wire report: 69 columns, 3-space paragraph indents, no blank lines.
    add(
        "wire-69-indent3",
        WIRE,
        Style {
            width: 69,
            indent: "   ",
            blank: false,
        },
    );
    add(
        "wire-65-tab",
        WIRE,
        Style {
            width: 65,
            indent: "\t",
            blank: false,
        },
    );
    add(
        "wire-72-blank",
        WIRE,
        Style {
            width: 72,
            indent: "",
            blank: true,
        },
    );
    // An e-mail wrapped at 72 with blank lines between paragraphs.
    add(
        "email-72",
        EMAIL,
        Style {
            width: 72,
            indent: "",
            blank: true,
        },
    );
    add(
        "email-66-indent2",
        EMAIL,
        Style {
            width: 66,
            indent: "  ",
            blank: false,
        },
    );
    // A short brief with an all-caps headline, 70 columns, 5-space indents.
    add(
        "brief-70-indent5",
        BRIEF,
        Style {
            width: 70,
            indent: "     ",
            blank: false,
        },
    );
    // The wire report in capitals, as many 1980s wires were.
    let upper: Vec<String> = WIRE
        .iter()
        .flat_map(|b| match b {
            Block::Para(s) => s.iter().map(|x| x.to_uppercase()).collect::<Vec<_>>(),
            Block::Line(l) | Block::Item(l) => vec![l.to_uppercase()],
        })
        .collect();
    let mut blocks: Vec<Vec<&str>> = Vec::new();
    let mut k = 0;
    for b in WIRE {
        let n = match b {
            Block::Para(s) => s.len(),
            _ => 1,
        };
        blocks.push(upper[k..k + n].iter().map(String::as_str).collect());
        k += n;
    }
    let caps: Vec<Block> = WIRE
        .iter()
        .zip(&blocks)
        .map(|(b, u)| match b {
            Block::Para(_) => Block::Para(u),
            Block::Line(_) => Block::Line(u[0]),
            Block::Item(_) => Block::Item(u[0]),
        })
        .collect();
    add(
        "wire-caps-69-indent3",
        &caps,
        Style {
            width: 69,
            indent: "   ",
            blank: false,
        },
    );
    // Text pasted from a PDF: ragged lines, hyphenated words, a heading.
    out.push((
        "pdf-paste".to_owned(),
        "Iran and Russia: A Partnership of Convenience\n\
         \n\
         Iran and Russia have expanded their military coop-\n\
         eration since 2022, when Tehran began supplying Shahed\n\
         drones to Moscow for use against Ukraine. Western officials\n\
         say the transfers violate U.N. Security Council Reso-\n\
         lution 2231. Russia\n\
         denies this. In return, Iran is reported to have sought\n\
         Su-35 fighter jets, air-defence systems and help with its\n\
         space programme. Israel, the Gulf states and the U.S.\n\
         Treasury have all voiced concern about the growing cooper-\n\
         ation between the two countries.\n"
            .to_owned(),
        [
            "Iran and Russia: A Partnership of Convenience",
            "Iran and Russia have expanded their military cooperation since 2022, when Tehran began supplying Shahed drones to Moscow for use against Ukraine.",
            "Western officials say the transfers violate U.N. Security Council Resolution 2231.",
            "Russia denies this.",
            "In return, Iran is reported to have sought Su-35 fighter jets, air-defence systems and help with its space programme.",
            "Israel, the Gulf states and the U.S. Treasury have all voiced concern about the growing cooperation between the two countries.",
        ]
        .map(str::to_owned)
        .to_vec(),
    ));
    out
}

/// The share of sentences that are not one of the expected sentences (fragments, or two
/// units glued together), over all samples; printed with `--nocapture`.
#[test]
fn no_fragments_in_wrapped_samples() {
    let mut total = 0;
    let mut bad = 0;
    let mut failures = Vec::new();
    for (name, text, expected) in samples() {
        let got = sentences_of(&text);
        let wrong: Vec<&String> = got.iter().filter(|s| !expected.contains(s)).collect();
        println!(
            "{name}: {} of {} sentences are fragments or glued",
            wrong.len(),
            got.len()
        );
        total += got.len();
        bad += wrong.len();
        if got != expected {
            failures.push(format!(
                "{name}:\n--- text\n{text}--- wrong sentences\n{wrong:#?}\n--- got\n{got:#?}"
            ));
        }
    }
    println!(
        "all samples: {bad} of {total} sentences ({:.1}%) are fragments or glued",
        100.0 * bad as f64 / total.max(1) as f64
    );
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// Every sentence starts like a sentence and ends with sentence punctuation, unless it is a
/// headline, header line or list item of the sample (a unit without a full stop).
#[test]
fn every_sentence_is_whole_or_a_unit() {
    for (name, text, expected) in samples() {
        let units: Vec<&String> = expected.iter().filter(|s| !whole_sentence(s)).collect();
        for s in sentences_of(&text) {
            assert!(
                whole_sentence(&s) || units.contains(&&s),
                "{name}: fragment {s:?}"
            );
        }
    }
}

/// The article text and the sentences agree: every sentence is a slice of the text shown.
#[test]
fn spans_index_the_article_text() {
    for (_, text, _) in samples() {
        let a = ingest::from_text(Path::new("w.txt"), &text);
        for s in split_sentences(&a.text) {
            assert!(a.text.is_char_boundary(s.start) && a.text.is_char_boundary(s.end));
            assert!(!s.text(&a.text).is_empty());
        }
        // Every word of the input survives (hyphenation aside).
        let words = |t: &str| {
            t.split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .count()
        };
        assert!(words(&a.text) + 4 >= words(&text));
    }
}

/// The title is the headline, not the headline glued to the body.
#[test]
fn titles_are_headlines() {
    for (name, text, expected) in samples() {
        let a = ingest::from_text(Path::new("w.txt"), &text);
        assert_eq!(a.title, expected[0], "{name}");
    }
}

/// Text with one paragraph per line (not hard-wrapped) comes out unchanged, whatever the
/// lengths of its lines.
#[test]
fn text_that_is_not_wrapped_is_unchanged() {
    let para_per_line = "Russia and Iran sign treaty\n\
        MOSCOW, Jan. 17 (Reuters) - Russia and Iran signed a 20-year strategic partnership treaty on Friday, deepening military ties between two countries under Western sanctions.\n\
        The treaty was signed in the Kremlin by Vladimir Putin and Masoud Pezeshkian.\n\
        It does not include a mutual defence clause, unlike Russia's pact with North Korea, officials said.\n\
        Israel and the United States criticised the agreement.\n\
        \"We are watching closely,\" a State Department spokesman said.";
    let sentence_per_line = "Russia and Iran signed a treaty on Friday in Moscow.\n\
        The United States imposed new sanctions on Iranian banks.\n\
        China welcomed the agreement and called for calm.\n\
        Israel struck targets in Syria on Saturday night.\n\
        Turkey said it would mediate between the two sides.\n\
        The European Union condemned the strikes as illegal.";
    let lists = "Participants\nRussia\nIran\nChina\n\nOutcomes:\n- a joint statement\n- a working group\n- another meeting in May";
    let table = "Country   Exports   Imports\nRussia    12.1      9.8\nIran       4.2       6.0\nChina     35.5      22.4";
    let mixed = "Russia and Iran\n\nThe two countries signed a treaty. It covers trade, energy and defence, and it runs for twenty years.\nAnalysts were sceptical.\n\nSee also: Iran and China";
    for t in [para_per_line, sentence_per_line, lists, table, mixed] {
        let a = ingest::from_text(Path::new("n.txt"), t);
        assert_eq!(a.text, t);
    }
}

//! A CoNLL-U reader for the basic dependency tree: multiword-token range lines (`3-4`) and
//! empty nodes (`8.1`) are skipped, as the treebanks' README asks.

use std::path::Path;

/// One word of a treebank sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub form: String,
    pub lemma: String,
    pub upos: String,
    pub xpos: String,
    /// 0 = root, else the 1-based index of the head word.
    pub head: usize,
    pub deprel: String,
    /// `SpaceAfter=No` in MISC.
    pub no_space_after: bool,
}

/// One sentence: its words (1-based ids map to index + 1).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sentence {
    pub tokens: Vec<Token>,
}

/// Parse CoNLL-U text. Malformed lines (not 10 columns, bad ids or heads) are skipped; a
/// sentence whose heads point outside it is dropped.
pub fn parse(text: &str) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut cur = Sentence::default();
    let flush = |cur: &mut Sentence, out: &mut Vec<Sentence>| {
        if !cur.tokens.is_empty() {
            let n = cur.tokens.len();
            if cur.tokens.iter().all(|t| t.head <= n) {
                out.push(std::mem::take(cur));
            } else {
                cur.tokens.clear();
            }
        }
    };
    for line in text.lines() {
        let line = line.trim_end_matches('\r');
        if line.is_empty() {
            flush(&mut cur, &mut out);
            continue;
        }
        if line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() != 10 {
            continue;
        }
        if cols[0].contains('-') || cols[0].contains('.') {
            continue;
        }
        let Ok(head) = cols[6].parse::<usize>() else {
            continue;
        };
        cur.tokens.push(Token {
            form: cols[1].to_owned(),
            lemma: cols[2].to_owned(),
            upos: cols[3].to_owned(),
            xpos: cols[4].to_owned(),
            head,
            deprel: cols[7].to_owned(),
            no_space_after: cols[9].split('|').any(|m| m == "SpaceAfter=No"),
        });
    }
    flush(&mut cur, &mut out);
    out
}

/// Read and parse a CoNLL-U file.
pub fn read(path: &Path) -> std::io::Result<Vec<Sentence>> {
    Ok(parse(&std::fs::read_to_string(path)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skips_ranges_and_empty_nodes() {
        let t = "# text = I don't.\n1\tI\tI\tPRON\tPRP\t_\t3\tnsubj\t_\t_\n2-3\tdon't\t_\t_\t_\t_\t_\t_\t_\t_\n2\tdo\tdo\tAUX\tVBP\t_\t3\taux\t_\tSpaceAfter=No\n3\tn't\tnot\tPART\tRB\t_\t0\troot\t_\t_\n3.1\tx\tx\tX\tX\t_\t_\t_\t_\t_\n\n";
        let s = parse(t);
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].tokens.len(), 3);
        assert_eq!(s[0].tokens[1].form, "do");
        assert!(s[0].tokens[1].no_space_after);
        assert_eq!(s[0].tokens[2].head, 0);
    }
}

//! A corpus of broken and hostile files: each gives an error naming the file or a clean
//! article, the good files in the same batch are still read, and nothing panics or hangs.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use dyad::document::Document;
use dyad::ingest::*;
use dyad::pipeline::Progress;

const GOOD: &str = "Russia and Iran sign a treaty\n\n\
    MOSCOW, January 17, 2025 — Russia and Iran signed a strategic partnership treaty on Friday, \
    pledging to deepen military cooperation. The United States condemned the agreement and \
    imposed new sanctions on Iran.\n";

/// A minimal valid one-page PDF (by hand, with a correct cross-reference table).
fn pdf(lines: &[&str]) -> Vec<u8> {
    let mut content = String::from("BT /F1 11 Tf 14 TL 72 720 Td\n");
    for l in lines {
        content.push_str(&format!("({l}) Tj T*\n"));
    }
    content.push_str("ET");
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_owned(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_owned(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] \
         /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>"
            .to_owned(),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_owned(),
        format!(
            "<< /Length {} >>\nstream\n{content}\nendstream",
            content.len()
        ),
    ];
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n{o}\nendobj\n", i + 1).as_bytes());
    }
    let xref = out.len();
    out.extend_from_slice(b"xref\n0 6\n0000000000 65535 f \n");
    for off in offsets {
        out.extend_from_slice(format!("{off:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!("trailer\n<< /Size 6 /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n").as_bytes(),
    );
    out
}

fn zip(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, data) in entries {
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        w.start_file(*name, opts).unwrap();
        w.write_all(data).unwrap();
    }
    w.finish().unwrap().into_inner()
}

fn docx(paragraph: &str) -> Vec<u8> {
    let xml = format!(
        "<?xml version=\"1.0\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/\
         wordprocessingml/2006/main\"><w:body><w:p><w:r><w:t>{paragraph}</w:t></w:r></w:p>\
         </w:body></w:document>"
    );
    zip(&[("word/document.xml", xml.as_bytes())])
}

/// Noise from a fixed-seed generator (no `rand` dependency).
fn noise(n: usize) -> Vec<u8> {
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    (0..n)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x >> 24) as u8
        })
        .collect()
}

struct Corpus {
    _dir: tempfile::TempDir,
    root: PathBuf,
    /// Files that must give an error naming them.
    must_fail: Vec<PathBuf>,
    /// Files that must give a clean article.
    must_read: Vec<PathBuf>,
    /// Files that may give either (platform-dependent).
    either: Vec<PathBuf>,
    /// Extra paths passed explicitly (not found by directory expansion).
    explicit: Vec<PathBuf>,
}

fn build() -> Corpus {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("corpus");
    std::fs::create_dir_all(root.join("nested/deeper")).unwrap();
    let mut c = Corpus {
        _dir: dir,
        root: root.clone(),
        must_fail: Vec::new(),
        must_read: Vec::new(),
        either: Vec::new(),
        explicit: Vec::new(),
    };
    let put = |name: &str, bytes: &[u8]| {
        let p = root.join(name);
        std::fs::write(&p, bytes).unwrap();
        p
    };
    c.must_read.push(put("good.txt", GOOD.as_bytes()));
    c.must_read.push(put(
        "nested/deeper/good.pdf",
        &pdf(&["Iran and Russia agreed to cooperate."]),
    ));
    c.must_read
        .push(put("good.docx", &docx("Turkey and Greece agreed to talk.")));
    c.must_fail.push(put("empty.txt", b""));
    c.must_fail.push(put("random.txt", &noise(100_000)));
    c.must_fail.push(put("nuls.txt", &[0u8; 4096]));
    let mut some_nuls = GOOD.as_bytes().to_vec();
    some_nuls.insert(30, 0);
    c.must_read.push(put("some_nuls.txt", &some_nuls));
    // A 50 MB single line: read (cut to the text limit, broken into short lines), not OOM.
    let mut huge = Vec::with_capacity(50 << 20);
    while huge.len() < 50 << 20 {
        huge.extend_from_slice(b"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx ");
    }
    c.must_read.push(put("huge_line.txt", &huge));
    drop(huge);
    let good_pdf = pdf(&["Iran and Russia agreed to cooperate."]);
    c.must_fail
        .push(put("truncated.pdf", &good_pdf[..good_pdf.len() / 3]));
    // A page drawn with an undefined font (same length, so the xref stays valid): the PDF
    // library panics on it.
    let panicky = String::from_utf8(good_pdf.clone())
        .unwrap()
        .replace("/F1 11 Tf", "/F2 11 Tf");
    c.must_fail.push(put("panics.pdf", panicky.as_bytes()));
    c.must_fail.push(put(
        "not_really.pdf",
        b"This is text pretending to be a PDF.",
    ));
    let good_docx = docx("Some words.");
    c.must_fail
        .push(put("truncated.docx", &good_docx[..good_docx.len() / 2]));
    // 100 MB of spaces in document.xml: a bomb of about 100 KB.
    let bomb_xml = vec![b' '; 100 << 20];
    let bomb = zip(&[("word/document.xml", bomb_xml.as_slice())]);
    drop(bomb_xml);
    assert!(bomb.len() < 1 << 20);
    c.must_fail.push(put("bomb.docx", &bomb));
    c.must_fail.push(put(
        "script.html",
        b"<html><head><script>var a = 1;</script></head><body><script>track()</script>\
          <style>p{}</style></body></html>",
    ));
    // 100 000 nested elements: the HTML parser is quadratic in depth, so this must not take
    // the parser's path (it took minutes), and must not overflow the stack.
    let deep = format!(
        "<html><body>{}Iran and Iraq resumed talks.{}</body></html>",
        "<div><span>".repeat(50_000),
        "</span></div>".repeat(50_000)
    );
    c.must_read.push(put("deep.html", deep.as_bytes()));
    c.must_fail
        .push(put("zip_of_other.epub", &zip(&[("a.txt", b"hello")])));
    // Explicit paths: a PDF named .dat is read by content; a missing file is an error.
    let dat = dir_file(&c, "report.dat", &good_pdf);
    c.explicit.push(dat.clone());
    c.must_read.push(dat);
    let missing = c.root.join("missing.txt");
    c.explicit.push(missing.clone());
    c.must_fail.push(missing);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // A directory loop through symlinks, and a dangling link.
        std::os::unix::fs::symlink(&root, root.join("nested/loop")).unwrap();
        std::os::unix::fs::symlink(root.join("nested"), root.join("nested/deeper/up")).unwrap();
        std::os::unix::fs::symlink(root.join("gone.txt"), root.join("dangling.txt")).unwrap();
        c.must_fail.push(root.join("dangling.txt"));
        // Unreadable file and directory. As root (e.g. in CI containers) chmod 000 does not
        // stop reading: then they are plain good files, so accept either outcome.
        let locked = put("locked.txt", GOOD.as_bytes());
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
        let locked_dir = root.join("locked_dir");
        std::fs::create_dir(&locked_dir).unwrap();
        std::fs::write(locked_dir.join("inside.txt"), GOOD).unwrap();
        std::fs::set_permissions(&locked_dir, std::fs::Permissions::from_mode(0o000)).unwrap();
        if std::fs::read(&locked).is_ok() {
            // Running as root: permissions are not enforced; skip the unreadable cases.
            c.either.push(locked);
            c.either.push(locked_dir.join("inside.txt"));
        } else {
            c.must_fail.push(locked);
            c.must_fail.push(locked_dir);
        }
    }
    c
}

fn dir_file(c: &Corpus, name: &str, bytes: &[u8]) -> PathBuf {
    let p = c.root.parent().unwrap().join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

fn names(p: &Path) -> String {
    p.file_name().unwrap().to_string_lossy().into_owned()
}

#[test]
fn hostile_corpus_is_read_without_panics_and_errors_name_their_files() {
    let c = build();
    let start = Instant::now();
    let mut inputs = vec![c.root.clone()];
    inputs.extend(c.explicit.iter().cloned());

    // Every file read directly: no panic (a panic fails this test), an error names the file.
    for p in expand_paths(&inputs) {
        match read_article(&p) {
            Ok(a) => {
                assert!(!a.text.trim().is_empty(), "{}", p.display());
                assert!(!a.text.contains('\0'));
                assert!(a.text.len() <= MAX_TEXT_BYTES);
                assert!(a.text.lines().all(|l| l.len() <= MAX_LINE_BYTES));
            }
            Err(e) => assert!(
                e.to_string().contains(&names(&p)),
                "error does not name {}: {e}",
                p.display()
            ),
        }
    }

    // The whole batch through the document's loading path (the CLI's and the app's).
    let mut doc = Document::default();
    let report = doc.load(&inputs, &Progress::default());
    let corpus = doc.corpus();
    let messages: Vec<String> = report.errors.clone();
    for m in &messages {
        assert!(!m.contains("internal error"), "a reader panicked: {m}");
    }
    for p in &c.must_fail {
        let n = names(p);
        assert!(
            messages.iter().any(|m| m.contains(&n)),
            "no error for {n}; errors: {messages:#?}"
        );
    }
    for p in &c.must_read {
        assert!(
            corpus.articles.iter().any(|a| a.path == *p),
            "{} was not read; errors: {messages:#?}",
            p.display()
        );
    }
    // Nothing is silently lost: every file is an article or an error.
    let expanded = expand_paths(&inputs);
    assert_eq!(corpus.len() + messages.len(), expanded.len());
    for p in &c.either {
        let n = names(p);
        let seen =
            corpus.articles.iter().any(|a| a.path == *p) || messages.iter().any(|m| m.contains(&n));
        assert!(seen, "{n} neither read nor reported");
    }

    // Specific messages.
    let msg = |name: &str| {
        messages
            .iter()
            .find(|m| m.contains(name))
            .cloned()
            .unwrap_or_default()
    };
    assert!(
        msg("random.txt").contains("binary"),
        "{}",
        msg("random.txt")
    );
    assert!(msg("nuls.txt").contains("binary"), "{}", msg("nuls.txt"));
    assert!(msg("empty.txt").contains("empty"));
    assert!(
        msg("bomb.docx").contains("zip bomb"),
        "{}",
        msg("bomb.docx")
    );
    assert!(msg("script.html").contains("without article text"));
    assert!(msg("not_really.pdf").contains("not a PDF"));
    assert!(
        msg("panics.pdf").contains("extractor failed"),
        "{}",
        msg("panics.pdf")
    );
    let huge = corpus
        .articles
        .iter()
        .find(|a| a.path.ends_with("huge_line.txt"))
        .unwrap();
    assert!(huge.warnings.iter().any(|w| w.contains("only the first")));
    let good = corpus
        .articles
        .iter()
        .find(|a| a.path.ends_with("good.txt"))
        .unwrap();
    assert_eq!(good.title, "Russia and Iran sign a treaty");
    assert_eq!(good.date.as_deref(), Some("2025-01-17"));
    // The good files are analysed, not just read.
    assert!(corpus.network().graph.node_count() > 0);

    let took = start.elapsed();
    assert!(took < Duration::from_secs(20), "took {took:?}");
}

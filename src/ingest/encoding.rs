//! Bytes to text: byte-order marks, UTF-8, UTF-16/32 (with or without BOM), legacy 8-bit
//! encodings (guessed with `chardetng`), and the binary-file test.

use encoding_rs::Encoding;

/// How many leading bytes the sniffers look at.
const SNIFF_BYTES: usize = 64 * 1024;

/// The text of some bytes and how it was decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    /// The encoding's name (`UTF-8`, `UTF-16LE`, `windows-1252`, ...).
    pub encoding: &'static str,
    /// Whether malformed sequences were replaced by U+FFFD.
    pub had_errors: bool,
}

/// Decode bytes whose encoding is unknown. `label_hint` is a declared charset (an HTML
/// `<meta charset>`), used only when the bytes are not valid UTF-8 and carry no BOM.
pub fn decode_bytes(bytes: &[u8], label_hint: Option<&str>) -> Decoded {
    // Byte-order marks. UTF-32 first: its little-endian BOM starts like UTF-16's.
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE, 0x00, 0x00]) {
        return decode_utf32(rest, false);
    }
    if let Some(rest) = bytes.strip_prefix(&[0x00, 0x00, 0xFE, 0xFF]) {
        return decode_utf32(rest, true);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return with(encoding_rs::UTF_8, rest);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return with(encoding_rs::UTF_16LE, rest);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return with(encoding_rs::UTF_16BE, rest);
    }
    if let Some(big_endian) = sniff_utf16(bytes) {
        let enc = if big_endian {
            encoding_rs::UTF_16BE
        } else {
            encoding_rs::UTF_16LE
        };
        return with(enc, bytes);
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Decoded {
            text: s.to_owned(),
            encoding: "UTF-8",
            had_errors: false,
        };
    }
    if let Some(enc) = label_hint.and_then(|l| Encoding::for_label(l.trim().as_bytes()))
        && enc != encoding_rs::UTF_8
        && enc != encoding_rs::UTF_16LE
        && enc != encoding_rs::UTF_16BE
        && enc != encoding_rs::REPLACEMENT
    {
        return with(enc, bytes);
    }
    // Nearly UTF-8 (a few bad bytes, or a truncated last character) stays UTF-8.
    if mostly_utf8(bytes) {
        return with(encoding_rs::UTF_8, bytes);
    }
    let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    det.feed(&bytes[..bytes.len().min(SNIFF_BYTES * 4)], true);
    let enc = det.guess(None, chardetng::Utf8Detection::Allow);
    with(enc, bytes)
}

fn with(enc: &'static Encoding, bytes: &[u8]) -> Decoded {
    let (text, had_errors) = enc.decode_without_bom_handling(bytes);
    Decoded {
        text: text.into_owned(),
        encoding: enc.name(),
        had_errors,
    }
}

fn decode_utf32(bytes: &[u8], big_endian: bool) -> Decoded {
    let mut had_errors = !bytes.len().is_multiple_of(4);
    let text = bytes
        .chunks_exact(4)
        .map(|c| {
            let arr = [c[0], c[1], c[2], c[3]];
            let u = if big_endian {
                u32::from_be_bytes(arr)
            } else {
                u32::from_le_bytes(arr)
            };
            char::from_u32(u).unwrap_or_else(|| {
                had_errors = true;
                '\u{FFFD}'
            })
        })
        .collect();
    Decoded {
        text,
        encoding: if big_endian { "UTF-32BE" } else { "UTF-32LE" },
        had_errors,
    }
}

/// UTF-16 without a BOM: text in Latin script has a NUL in every other byte. Returns
/// `Some(true)` for big-endian, `Some(false)` for little-endian.
fn sniff_utf16(bytes: &[u8]) -> Option<bool> {
    let sample = &bytes[..bytes.len().min(SNIFF_BYTES) & !1];
    let pairs = sample.len() / 2;
    if pairs < 2 {
        return None;
    }
    let (mut even, mut odd) = (0usize, 0usize);
    for c in sample.chunks_exact(2) {
        even += usize::from(c[0] == 0);
        odd += usize::from(c[1] == 0);
    }
    let many = |n: usize| n * 10 >= pairs * 3; // >= 30 %
    let few = |n: usize| n * 20 <= pairs; // <= 5 %
    if many(odd) && few(even) {
        Some(false)
    } else if many(even) && few(odd) {
        Some(true)
    } else {
        None
    }
}

/// At most one invalid sequence per 1000 bytes (and the text has some non-ASCII UTF-8).
fn mostly_utf8(bytes: &[u8]) -> bool {
    let mut rest = bytes;
    let mut errors = 0usize;
    let mut good_multibyte = false;
    loop {
        match std::str::from_utf8(rest) {
            Ok(s) => {
                good_multibyte |= !s.is_ascii();
                break;
            }
            Err(e) => {
                let (valid, after) = rest.split_at(e.valid_up_to());
                good_multibyte |= !valid.is_ascii();
                errors += 1;
                if errors * 1000 > bytes.len().max(1000) {
                    return false;
                }
                match e.error_len() {
                    Some(n) => rest = &after[n..],
                    None => break, // truncated at the end
                }
            }
        }
    }
    good_multibyte
}

/// Why some bytes are not text, if they are not: known binary signatures, or too many control
/// bytes. Run on raw bytes that are not UTF-16/32 (see [`is_wide_text`]).
pub fn binary_reason(bytes: &[u8]) -> Option<String> {
    const MAGIC: &[(&[u8], &str)] = &[
        (b"\x89PNG", "a PNG image"),
        (b"GIF8", "a GIF image"),
        (b"\xFF\xD8\xFF", "a JPEG image"),
        (b"RIFF", "a RIFF (audio/video/WebP) file"),
        (b"\x7FELF", "an executable"),
        (b"MZ", "a Windows executable"),
        (b"\x1F\x8B", "a gzip archive (unpack it first)"),
        (b"BZh", "a bzip2 archive (unpack it first)"),
        (b"7z\xBC\xAF\x27\x1C", "a 7-Zip archive (unpack it first)"),
        (b"Rar!", "a RAR archive (unpack it first)"),
        (b"\xFD7zXZ\x00", "an xz archive (unpack it first)"),
        (b"\x28\xB5\x2F\xFD", "a zstd archive (unpack it first)"),
        (
            b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1",
            "an old Word/Excel file (.doc/.xls; save it as .docx or text)",
        ),
        (b"SQLite format 3\0", "an SQLite database"),
        (b"OggS", "an Ogg media file"),
        (b"ID3", "an MP3 file"),
        (b"\x00\x00\x01\x00", "an icon"),
        (b"wOFF", "a web font"),
    ];
    for (magic, what) in MAGIC {
        if bytes.starts_with(magic) {
            return Some(format!("looks like a binary file ({what}), not text"));
        }
    }
    let sample = &bytes[..bytes.len().min(SNIFF_BYTES)];
    if sample.is_empty() {
        return None;
    }
    let controls = sample.iter().filter(|&&b| is_binary_byte(b)).count();
    // Text has almost no C0 controls besides tab/newline/carriage return/form feed/escape;
    // random bytes have about 10 %. A few stray NULs in text are removed later instead.
    if controls * 20 > sample.len() {
        return Some("looks like a binary file, not text".to_owned());
    }
    None
}

fn is_binary_byte(b: u8) -> bool {
    matches!(b, 0x00..=0x08 | 0x0E..=0x1A | 0x1C..=0x1F | 0x7F)
}

/// Whether decoded text is mostly garbage: more than 5 % of its first characters are
/// replacement characters, control characters or unassigned/private-use code points.
pub fn garbled(text: &str) -> bool {
    let (mut bad, mut n) = (0usize, 0usize);
    for c in text.chars().take(SNIFF_BYTES) {
        n += 1;
        let cp = c as u32;
        if c == '\u{FFFD}'
            || (c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{0C}' | '\u{1B}'))
            || (0xE000..=0xF8FF).contains(&cp)
            || (0xD800..=0xDFFF).contains(&cp)
        {
            bad += 1;
        }
    }
    n > 0 && bad * 20 > n
}

/// Whether the bytes are UTF-16/32 text (by BOM or NUL pattern), where NULs are expected.
pub fn is_wide_text(bytes: &[u8]) -> bool {
    bytes.starts_with(&[0xFF, 0xFE])
        || bytes.starts_with(&[0xFE, 0xFF])
        || bytes.starts_with(&[0x00, 0x00, 0xFE, 0xFF])
        || sniff_utf16(bytes).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16(s: &str, be: bool) -> Vec<u8> {
        s.encode_utf16()
            .flat_map(|u| if be { u.to_be_bytes() } else { u.to_le_bytes() })
            .collect()
    }

    #[test]
    fn boms() {
        assert_eq!(
            decode_bytes(b"\xEF\xBB\xBFhi \xE2\x80\x94", None).text,
            "hi —"
        );
        let mut le = vec![0xFF, 0xFE];
        le.extend(utf16("Iran “talks”", false));
        assert_eq!(decode_bytes(&le, None).text, "Iran “talks”");
        let mut be = vec![0xFE, 0xFF];
        be.extend(utf16("Iran", true));
        assert_eq!(decode_bytes(&be, None).text, "Iran");
        let mut u32le = vec![0xFF, 0xFE, 0, 0];
        u32le.extend("Oui é".chars().flat_map(|c| (c as u32).to_le_bytes()));
        let d = decode_bytes(&u32le, None);
        assert_eq!((d.text.as_str(), d.encoding), ("Oui é", "UTF-32LE"));
    }

    #[test]
    fn bomless_utf16_is_detected_by_nul_pattern() {
        let s = "Russia and Iran signed a treaty — “a new era”.";
        let d = decode_bytes(&utf16(s, false), None);
        assert_eq!((d.text.as_str(), d.encoding), (s, "UTF-16LE"));
        let d = decode_bytes(&utf16(s, true), None);
        assert_eq!((d.text.as_str(), d.encoding), (s, "UTF-16BE"));
        assert!(is_wide_text(&utf16(s, false)));
        assert!(!is_wide_text(s.as_bytes()));
    }

    #[test]
    fn legacy_encodings_are_guessed() {
        // Windows-1252 curly quotes and a dash, kept as written.
        let d = decode_bytes(
            b"The minister said \x93we will cooperate\x94 \x97 and the talks went on.",
            None,
        );
        assert_eq!(
            d.text,
            "The minister said “we will cooperate” — and the talks went on."
        );
        // Latin-1 French.
        let d = decode_bytes(
            b"Le ministre fran\xE7ais a d\xE9clar\xE9 que la coop\xE9ration continuera.",
            None,
        );
        assert!(d.text.contains("français a déclaré"), "{}", d.text);
        // A declared charset is used when the bytes are not UTF-8.
        let d = decode_bytes(b"\xC0\xE1\xE2", Some("windows-1251"));
        assert_eq!(d.text, "Абв");
    }

    #[test]
    fn nearly_utf8_stays_utf8() {
        let mut b = "Zürich – Genève “talks” ".repeat(50).into_bytes();
        b.push(0xE2); // truncated last character
        let d = decode_bytes(&b, None);
        assert_eq!(d.encoding, "UTF-8");
        assert!(d.text.starts_with("Zürich – Genève"));
    }

    #[test]
    fn garbled_text_after_decoding() {
        assert!(!garbled("Plain “text” — fine.\n"));
        assert!(garbled(&"\u{FFFD}x".repeat(100)));
        // Binary with a UTF-16-like NUL pattern: sniffed as UTF-16, decodes to controls.
        let fake: Vec<u8> = (0..2000u32).flat_map(|i| [(i % 8) as u8 + 1, 0]).collect();
        assert!(is_wide_text(&fake));
        assert!(
            binary_reason(&fake).is_some(),
            "raw bytes alone look binary too"
        );
        let d = decode_bytes(&fake, None);
        assert_eq!(d.encoding, "UTF-16LE");
        assert!(garbled(&d.text));
    }

    #[test]
    fn binary_detection() {
        assert!(
            binary_reason(b"\x89PNG\r\n\x1a\n....")
                .unwrap()
                .contains("PNG")
        );
        let noise: Vec<u8> = (0..4096u32)
            .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
            .collect();
        assert!(binary_reason(&noise).is_some());
        assert!(binary_reason("Plain text,\twith tabs.\r\n\x0cNext page.".as_bytes()).is_none());
        assert!(binary_reason(b"").is_none());
    }
}

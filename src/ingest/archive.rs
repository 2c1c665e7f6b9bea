//! Reading ZIP containers (DOCX, EPUB) with a budget: zip bombs are refused, not unpacked.

use std::io::{Cursor, Read};

/// Most uncompressed bytes read from one container, all entries together.
pub const MAX_UNZIPPED_BYTES: u64 = 64 * 1024 * 1024;
/// Most entries a container may list.
pub const MAX_ENTRIES: usize = 20_000;
/// Largest plausible compression ratio of text/XML; beyond it an entry is a bomb.
const MAX_RATIO: u64 = 200;

/// A ZIP archive read from memory with a shared uncompressed-byte budget.
pub struct Container<'a> {
    zip: zip::ZipArchive<Cursor<&'a [u8]>>,
    budget: u64,
    /// What the container is, for messages ("DOCX", "EPUB").
    kind: &'static str,
}

/// Whether bytes start like a ZIP archive.
pub fn is_zip(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06")
}

impl<'a> Container<'a> {
    pub fn open(bytes: &'a [u8], kind: &'static str) -> Result<Self, String> {
        let zip = zip::ZipArchive::new(Cursor::new(bytes))
            .map_err(|e| format!("is not a readable {kind} (damaged or truncated ZIP: {e})"))?;
        if zip.len() > MAX_ENTRIES {
            return Err(format!(
                "{kind} has {} entries, more than the {MAX_ENTRIES} Dyad accepts",
                zip.len()
            ));
        }
        Ok(Container {
            zip,
            budget: MAX_UNZIPPED_BYTES,
            kind,
        })
    }

    pub fn names(&self) -> Vec<String> {
        self.zip
            .file_names()
            .filter_map(|n| n.ok().map(|n| n.into_owned()))
            .collect()
    }

    pub fn has(&self, name: &str) -> bool {
        self.zip.index_for_name(name).is_some()
    }

    /// An entry's bytes, within the budget. `Ok(None)` when the entry does not exist.
    pub fn read(&mut self, name: &str) -> Result<Option<Vec<u8>>, String> {
        let kind = self.kind;
        let Some(index) = self.zip.index_for_name(name) else {
            return Ok(None);
        };
        let mut f = self
            .zip
            .by_index(index)
            .map_err(|e| format!("{kind} entry {name} cannot be read: {e}"))?;
        let declared = f.size();
        let compressed = f.compressed_size().max(1);
        if declared > self.budget || declared / compressed > MAX_RATIO && declared > 1 << 20 {
            return Err(bomb(kind, name));
        }
        let mut buf = Vec::with_capacity(declared.min(1 << 20) as usize);
        // The declared size may lie: read at most the budget plus one byte.
        (&mut f)
            .take(self.budget + 1)
            .read_to_end(&mut buf)
            .map_err(|e| format!("{kind} entry {name} is damaged: {e}"))?;
        if buf.len() as u64 > self.budget {
            return Err(bomb(kind, name));
        }
        self.budget -= buf.len() as u64;
        Ok(Some(buf))
    }

    /// An entry as UTF-8 text (BOM dropped, invalid bytes replaced).
    pub fn read_text(&mut self, name: &str) -> Result<Option<String>, String> {
        Ok(self.read(name)?.map(|b| {
            let b = b.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&b);
            String::from_utf8_lossy(b).into_owned()
        }))
    }
}

fn bomb(kind: &str, name: &str) -> String {
    format!(
        "{kind} unpacks to more than {} MB (entry {name}): refused as a possible zip bomb",
        MAX_UNZIPPED_BYTES / (1024 * 1024)
    )
}

/// Test helper: a ZIP archive of (name, content) entries, deflated.
#[cfg(test)]
pub(crate) fn make_zip(entries: &[(&str, &[u8])]) -> Vec<u8> {
    use std::io::Write;
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (name, data) in entries {
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        w.start_file(*name, opts).unwrap();
        w.write_all(data).unwrap();
    }
    w.finish().unwrap().into_inner()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_within_budget_and_refuses_bombs() {
        let z = make_zip(&[("a.txt", b"hello"), ("big.xml", &vec![b' '; 70 << 20])]);
        assert!(z.len() < 1 << 20, "compresses well: {}", z.len());
        let mut c = Container::open(&z, "DOCX").unwrap();
        assert_eq!(c.read("a.txt").unwrap().unwrap(), b"hello");
        assert_eq!(c.read("missing").unwrap(), None);
        let err = c.read("big.xml").unwrap_err();
        assert!(err.contains("zip bomb"), "{err}");
        assert!(Container::open(&z[..z.len() / 2], "DOCX").is_err());
    }
}

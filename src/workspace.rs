//! Workspaces (`.dyad.json`): the articles a user opened (paths and content hashes), the
//! actors they pinned, their filters and hidden edges, and their lexicons. Written atomically,
//! versioned; the user's corrections too. An old, newer or damaged file gives a clear error, never a panic.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::geom::Point;
use crate::network::{EvidenceCount, TimeWindow};

/// The workspace format this build writes and reads.
pub const VERSION: u32 = 1;

/// The conventional file extension.
pub const EXTENSION: &str = "dyad.json";

/// One article of a workspace.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkspaceArticle {
    /// Where it was read from.
    pub path: PathBuf,
    /// FNV-1a 64 of the file's bytes when saved (hex), to tell the user it changed since.
    pub hash: String,
    /// The embedded sample article (no file on disk).
    #[serde(default)]
    pub embedded: bool,
}

/// A relation the user hid: (source id, target id, kind).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct EdgeRef {
    pub source: String,
    pub target: String,
    pub kind: String,
}

/// Everything the user made, as saved.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Workspace {
    pub version: u32,
    pub articles: Vec<WorkspaceArticle>,
    #[serde(default)]
    pub lexicons: Vec<PathBuf>,
    /// Pinned actors by id, where the user dropped them.
    #[serde(default)]
    pub pinned: BTreeMap<String, Point>,
    /// Kind -> shown.
    #[serde(default)]
    pub kinds: BTreeMap<String, bool>,
    #[serde(default = "one")]
    pub min_evidence: usize,
    #[serde(default)]
    pub hidden_edges: Vec<EdgeRef>,
    /// What the minimum evidence counts (sentences, articles, outlets).
    #[serde(default)]
    pub count: EvidenceCount,
    /// The time window of the edge filter.
    #[serde(default)]
    pub window: TimeWindow,
    /// Actor ids the filter focuses on (empty: none).
    #[serde(default)]
    pub focus: BTreeSet<String>,
    /// Actors the user hid, by id.
    #[serde(default)]
    pub hidden_actors: BTreeSet<String>,
    /// The user's corrections, in the order they are applied.
    #[serde(default)]
    pub corrections: Vec<crate::document::Correction>,
}

fn one() -> usize {
    1
}

impl Default for Workspace {
    fn default() -> Self {
        Workspace {
            version: VERSION,
            articles: Vec::new(),
            lexicons: Vec::new(),
            pinned: BTreeMap::new(),
            kinds: BTreeMap::new(),
            min_evidence: 1,
            hidden_edges: Vec::new(),
            count: EvidenceCount::default(),
            window: TimeWindow::default(),
            focus: BTreeSet::new(),
            hidden_actors: BTreeSet::new(),
            corrections: Vec::new(),
        }
    }
}

/// FNV-1a 64-bit hash of bytes, as 16 hex digits (stable across builds and platforms).
pub fn content_hash(bytes: &[u8]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{h:016x}")
}

impl Workspace {
    /// Serialise and write atomically (temp file + rename), so a crash never leaves half a file.
    /// Pinned positions that are not finite are left out: JSON cannot hold them (they would
    /// be written as `null`, which no longer loads).
    pub fn save(&self, path: &Path) -> Result<()> {
        let finite = |p: &Point| p.x.is_finite() && p.y.is_finite();
        let json = if self.pinned.values().all(finite) {
            serde_json::to_string_pretty(self)
        } else {
            let mut w = self.clone();
            w.pinned.retain(|_, p| finite(p));
            serde_json::to_string_pretty(&w)
        }
        .map_err(|e| Error::bad_input(path, e.to_string()))?;
        crate::export::write_atomic(path, json.as_bytes())
    }

    /// Read a workspace; every problem names the file.
    pub fn load(path: &Path) -> Result<Workspace> {
        let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
        Self::from_slice(path, &bytes)
    }

    /// Parse a workspace's bytes (`path` is for messages).
    pub fn from_slice(path: &Path, bytes: &[u8]) -> Result<Workspace> {
        #[derive(Deserialize)]
        struct Probe {
            version: Option<u32>,
        }
        let probe: Probe = serde_json::from_slice(bytes).map_err(|e| Error::Parse {
            path: path.to_path_buf(),
            line: e.line(),
            reason: format!("not a Dyad workspace: {e}"),
        })?;
        match probe.version {
            None => return Err(Error::bad_input(path, "not a Dyad workspace (no version)")),
            Some(v) if v > VERSION => {
                return Err(Error::bad_input(
                    path,
                    format!(
                        "workspace version {v} is newer than this Dyad reads ({VERSION}); update Dyad"
                    ),
                ));
            }
            Some(0) => {
                return Err(Error::bad_input(
                    path,
                    "workspace version 0 is not supported",
                ));
            }
            Some(_) => {}
        }
        let mut w: Workspace = serde_json::from_slice(bytes).map_err(|e| Error::Parse {
            path: path.to_path_buf(),
            line: e.line(),
            reason: format!("damaged workspace: {e}"),
        })?;
        // A coordinate beyond f32 (`1e39`) parses as infinity: such a pin is no position, and
        // saving it again would write `null`, which does not load.
        w.pinned.retain(|_, p| p.x.is_finite() && p.y.is_finite());
        Ok(w)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Workspace {
        Workspace {
            articles: vec![WorkspaceArticle {
                path: "a.txt".into(),
                hash: content_hash(b"hello"),
                embedded: false,
            }],
            pinned: [("iran".to_owned(), Point::new(1.5, -2.0))]
                .into_iter()
                .collect(),
            kinds: [("sanctions".to_owned(), false)].into_iter().collect(),
            min_evidence: 2,
            hidden_edges: vec![EdgeRef {
                source: "iran".into(),
                target: "russia".into(),
                kind: "mistrust".into(),
            }],
            hidden_actors: ["syria".to_owned()].into_iter().collect(),
            corrections: vec![crate::document::Correction::Merge {
                from: "persia".into(),
                into: "iran".into(),
            }],
            ..Default::default()
        }
    }

    #[test]
    fn round_trips_through_a_file() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("w.dyad.json");
        let w = sample();
        w.save(&p).unwrap();
        assert_eq!(Workspace::load(&p).unwrap(), w);
        // Overwriting leaves no temp files behind.
        w.save(&p).unwrap();
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    /// Found by `fuzz_workspace`: a pinned coordinate of `1e39` loaded as infinity, was saved
    /// as `null`, and the saved workspace no longer loaded.
    #[test]
    fn out_of_range_pins_are_dropped_and_saved_workspaces_load() {
        let json = br#"{"version":1,"articles":[],"pinned":{"iran":{"x":1e39,"y":0},
            "russia":{"x":1.0,"y":2.0}}}"#;
        let w = Workspace::from_slice(Path::new("w.dyad.json"), json).unwrap();
        assert_eq!(w.pinned.keys().collect::<Vec<_>>(), ["russia"]);
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("w.dyad.json");
        let mut w = sample();
        w.pinned.insert("nan".to_owned(), Point::new(f32::NAN, 0.0));
        w.pinned
            .insert("inf".to_owned(), Point::new(0.0, f32::INFINITY));
        w.save(&path).unwrap();
        let back = Workspace::load(&path).unwrap();
        assert_eq!(back, sample());
    }

    #[test]
    fn hash_is_stable() {
        assert_eq!(content_hash(b""), "cbf29ce484222325");
        assert_eq!(content_hash(b"a"), "af63dc4c8601ec8c");
    }

    #[test]
    fn damaged_newer_and_foreign_files_are_clear_errors() {
        let p = Path::new("w.dyad.json");
        let e = Workspace::from_slice(p, b"{\"version\": 1, \"articles\": [").unwrap_err();
        assert!(e.to_string().starts_with("w.dyad.json:1:"), "{e}");
        let e = Workspace::from_slice(p, b"{\"version\": 9, \"articles\": []}").unwrap_err();
        assert!(e.to_string().contains("newer"), "{e}");
        let e = Workspace::from_slice(p, b"{\"hello\": 1}").unwrap_err();
        assert!(e.to_string().contains("not a Dyad workspace"), "{e}");
        let e = Workspace::from_slice(p, &[0xff, 0xfe, 0x00]).unwrap_err();
        assert!(e.to_string().contains("w.dyad.json"), "{e}");
        // A missing optional field takes its default.
        let w = Workspace::from_slice(p, b"{\"version\": 1, \"articles\": []}").unwrap();
        assert_eq!(w.min_evidence, 1);
    }
}

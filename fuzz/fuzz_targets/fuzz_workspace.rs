//! Workspace (`.dyad.json`) parsing: an error naming the file or a workspace that survives a
//! save/load round trip.
#![no_main]

use std::path::Path;

use dyad::workspace::Workspace;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let path = Path::new("fuzz.dyad.json");
    match Workspace::from_slice(path, data) {
        Ok(w) => {
            let json = serde_json::to_vec(&w).expect("a loaded workspace serialises");
            let back = Workspace::from_slice(path, &json).expect("a saved workspace loads");
            assert_eq!(back.version, w.version);
            assert_eq!(back.articles, w.articles);
            assert_eq!(back.lexicons, w.lexicons);
            assert_eq!(back.kinds, w.kinds);
            assert_eq!(back.min_evidence, w.min_evidence);
            assert_eq!(back.hidden_edges, w.hidden_edges);
            assert_eq!(
                back.pinned.keys().collect::<Vec<_>>(),
                w.pinned.keys().collect::<Vec<_>>()
            );
        }
        Err(e) => {
            let msg = e.to_string();
            assert!(
                msg.contains("fuzz.dyad.json"),
                "error does not name the file: {msg}"
            );
        }
    }
});

//! Dyad: find who cooperates with, mistrusts, sanctions and fights whom in news articles.
//!
//! The pipeline is a chain of plain-data stages, each testable alone:
//!
//! ```text
//! files -> ingest -> Article -> text (sentences) -> extract (mentions, relations)
//!       -> network (actor graph) -> layout (positions) -> scene (shapes) -> export / app
//! ```
//! Only [`app`] (behind the `gui` feature) touches egui; only [`export::png`] touches resvg.

pub mod alloc;
pub mod date;
pub mod document;
pub mod error;
pub mod export;
#[allow(
    clippy::too_many_lines,
    reason = "its long functions are to be split on the extraction branch, which reworks them"
)]
pub mod extract;
pub mod focus;
pub mod fold;
pub mod geom;
pub mod ingest;
pub mod kinds;
pub mod layout;
pub mod network;
pub mod pipeline;
pub mod report;
pub mod scene;
pub mod text;
pub mod workspace;

#[cfg(feature = "gui")]
pub mod app;

pub use error::{Error, Result};

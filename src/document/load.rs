//! Reading articles into a document: the one loading path of the CLI and the app. A
//! [`LoadJob`] owns what it needs (the extractor and a copy of the network), so the app can
//! run it on a worker thread and take the result back with [`super::Document::accept`].

use std::path::PathBuf;

use crate::error::Error;
use crate::extract::{ArticleExtraction, Extractor};
use crate::ingest::{self, Article};
use crate::network::Network;
use crate::pipeline::{self, Progress};

/// A batch of files to read and merge into (a copy of) a document's network.
pub struct LoadJob {
    pub(super) extractor: Extractor,
    pub(super) network: Network,
    /// The files (folders already expanded).
    pub files: Vec<PathBuf>,
    /// Articles already read and extracted, merged before the files.
    extracted: Vec<(Article, ArticleExtraction)>,
}

/// What a load hands back.
#[derive(Debug, Default)]
pub struct LoadedBatch {
    /// The document's network with the new articles merged in.
    pub(super) network: Network,
    pub(super) items: Vec<(Article, ArticleExtraction)>,
    /// Files that could not be read, each error naming its file.
    pub errors: Vec<Error>,
    /// Files not read because the load was cancelled.
    pub skipped: usize,
    /// Mentions and relations newly left out at the actor limit.
    pub left_out: usize,
}

impl LoadedBatch {
    /// How many articles were read.
    pub fn read(&self) -> usize {
        self.items.len()
    }

    /// The articles read, with what reading them changed or dropped.
    pub fn articles(&self) -> impl Iterator<Item = &Article> {
        self.items.iter().map(|(a, _)| a)
    }
}

impl LoadJob {
    pub(super) fn new(extractor: Extractor, network: Network, paths: &[PathBuf]) -> Self {
        LoadJob {
            extractor,
            network,
            files: ingest::expand_paths(paths),
            extracted: Vec::new(),
        }
    }

    /// Add articles already read and extracted (merged first, in order).
    pub fn add_extracted(&mut self, items: impl IntoIterator<Item = (Article, ArticleExtraction)>) {
        self.extracted.extend(items);
    }

    /// Read and extract the files in parallel (in input order), merge them into the network.
    pub fn run(self, progress: &Progress) -> LoadedBatch {
        let LoadJob {
            extractor,
            mut network,
            files,
            extracted,
        } = self;
        let before = network.left_out;
        let mut batch = LoadedBatch::default();
        for (a, x) in extracted {
            network.add_article(&a, &x);
            batch.items.push((a, x));
        }
        let results = pipeline::load_files_with_progress(&extractor, &files, progress);
        for r in results {
            match r {
                Some(Ok((a, x))) => {
                    network.add_article(&a, &x);
                    batch.items.push((a, x));
                }
                Some(Err(e)) => batch.errors.push(e),
                None => batch.skipped += 1,
            }
        }
        batch.left_out = network.left_out - before;
        batch.network = network;
        batch
    }
}

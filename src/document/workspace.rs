//! A document to and from a workspace file.

use std::path::PathBuf;

use super::Document;
use crate::error::Result;
use crate::extract::Extractor;
use crate::network::EdgeFilter;
use crate::workspace::{Workspace, WorkspaceArticle, content_hash};

/// A document made from a workspace, and what is left to do.
pub struct Opened {
    /// The document: lexicons, filter, pins, hidden relations and actors and corrections
    /// set, the embedded sample in.
    pub document: Document,
    /// The article files to read ([`Document::load_job`]); pins and hidden relations take
    /// hold as their actors arrive.
    pub files: Vec<PathBuf>,
    /// Problems that did not stop the opening (a lexicon that no longer loads, an article
    /// changed since it was saved), one line each, naming the file.
    pub notes: Vec<String>,
}

impl Document {
    /// The workspace of the document.
    pub fn to_workspace(&self) -> Workspace {
        let sample = crate::ingest::sample_article();
        let articles = self
            .corpus
            .articles
            .iter()
            .map(|a| {
                let embedded = a.path == std::path::Path::new(crate::ingest::SAMPLE_NAME)
                    && a.text == sample.text;
                let hash = if embedded {
                    content_hash(crate::ingest::SAMPLE_TEXT.as_bytes())
                } else {
                    std::fs::read(&a.path)
                        .map(|b| content_hash(&b))
                        .unwrap_or_default()
                };
                WorkspaceArticle {
                    path: a.path.clone(),
                    hash,
                    embedded,
                }
            })
            .collect();
        Workspace {
            articles,
            lexicons: self.lexicons.clone(),
            pinned: self.pins.clone(),
            kinds: self.filter.kinds.clone(),
            min_evidence: self.filter.min_evidence,
            count: self.filter.count,
            window: self.filter.window,
            focus: self.filter.focus.clone(),
            hidden_edges: self.hidden.iter().cloned().collect(),
            hidden_actors: self.hidden_actors.clone(),
            corrections: self.corrections.clone(),
            ..Default::default()
        }
    }

    /// A document from a workspace: its lexicons loaded (a failing one is noted and left
    /// out), its settings applied, the embedded sample extracted; the files are left to read.
    pub fn from_workspace(ws: &Workspace) -> Opened {
        let mut notes = Vec::new();
        let mut document = Document::new(Extractor::builtin());
        let mut lexicons = Vec::new();
        for lex in &ws.lexicons {
            let mut trial = lexicons.clone();
            trial.push(lex.clone());
            match Document::extractor_for(&trial) {
                Ok(_) => lexicons = trial,
                Err(e) => notes.push(e.to_string()),
            }
        }
        if !lexicons.is_empty()
            && let Ok(ex) = Document::extractor_for(&lexicons)
        {
            document.extractor = ex;
            document.lexicons = lexicons;
        }
        document.filter = EdgeFilter {
            kinds: ws.kinds.clone(),
            min_evidence: ws.min_evidence.max(1),
            count: ws.count,
            window: ws.window,
            focus: ws.focus.clone(),
        };
        document.pins = ws.pinned.clone();
        document.hidden = ws.hidden_edges.iter().cloned().collect();
        document.hidden_actors = ws.hidden_actors.clone();
        document.set_corrections(ws.corrections.clone());
        let mut files = Vec::new();
        for a in &ws.articles {
            if a.embedded {
                document.add_sample();
                continue;
            }
            if let Ok(bytes) = std::fs::read(&a.path)
                && !a.hash.is_empty()
                && content_hash(&bytes) != a.hash
            {
                notes.push(format!(
                    "{}: changed since the workspace was saved; reading it as it is now",
                    a.path.display()
                ));
            }
            files.push(a.path.clone());
        }
        Opened {
            document,
            files,
            notes,
        }
    }

    /// Open a workspace file and read its articles on this thread.
    pub fn open_workspace(path: &std::path::Path) -> Result<(Document, super::LoadedReport)> {
        let ws = Workspace::load(path)?;
        let Opened {
            mut document,
            files,
            notes,
        } = Document::from_workspace(&ws);
        let mut report = document.load(&files, &crate::pipeline::Progress::default());
        report.notes.splice(0..0, notes);
        Ok((document, report))
    }
}

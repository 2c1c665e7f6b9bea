//! The app's background jobs: reading files into the document and writing exports, on a
//! thread (or at once when the layout runs immediately, as in tests), polled each frame.

use std::path::PathBuf;
use std::sync::mpsc;

use super::{DyadApp, LayoutMode, Loading, data_export, dialogs};
use crate::pipeline;
use crate::scene::{self, SceneOptions};

impl DyadApp {
    pub(super) fn start_loading(&mut self, paths: Vec<PathBuf>) {
        let files = crate::ingest::expand_paths(&paths);
        for p in &paths {
            if !self.recent.contains(p) {
                self.recent.insert(0, p.clone());
            }
        }
        self.recent.truncate(10);
        if files.is_empty() {
            self.errors.push(format!(
                "No supported article files in {}",
                paths
                    .iter()
                    .map(|p| p.display().to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
            return;
        }
        if self.loading.is_some() {
            // One batch at a time: the next starts when this one is merged.
            self.queued.extend(paths);
            return;
        }
        let (tx, rx) = mpsc::channel();
        let count = files.len();
        let progress = std::sync::Arc::new(pipeline::Progress::default());
        let p = progress.clone();
        // Reading, extraction and the merge into (a copy of) the network all run off the UI
        // thread; the document takes the merged network in when it arrives.
        let load = self.doc.load_job(&files);
        let job = move || {
            let _ = tx.send(load.run(&p));
        };
        if self.layout_mode == LayoutMode::Immediate {
            job();
        } else {
            std::thread::spawn(job);
        }
        self.status = format!("Reading {count} file(s)…");
        self.loading = Some(Loading {
            count,
            rx,
            progress,
        });
        self.poll_loading();
    }

    /// Take a finished background load into the app.
    pub(super) fn poll_loading(&mut self) {
        let Some(loading) = &self.loading else {
            return;
        };
        let batch = match loading.rx.try_recv() {
            Ok(b) => b,
            Err(mpsc::TryRecvError::Empty) => return,
            Err(mpsc::TryRecvError::Disconnected) => {
                self.loading = None;
                self.errors.push("Reading the files failed.".to_owned());
                return;
            }
        };
        let count = loading.count;
        self.loading = None;
        let report = self.doc.accept(batch);
        let n_ok = report.read;
        self.errors.extend(report.errors);
        self.errors.extend(report.notes);
        self.network_changed();
        self.status = if report.skipped > 0 {
            format!(
                "Read {n_ok} of {count} file(s); cancelled, {} not read.",
                report.skipped
            )
        } else {
            format!("Read {n_ok} of {count} file(s).")
        };
        self.view.request_fit();
        if !self.queued.is_empty() {
            let next = std::mem::take(&mut self.queued);
            self.start_loading(next);
        }
    }

    pub(super) fn export(&mut self, req: dialogs::ExportRequest) {
        // The whole graph with the current filters, but without hover/selection dimming.
        let opts = SceneOptions {
            label_all: true,
            ..self.filtered_scene_options()
        };
        let mut scene = scene::build_scene(self.doc.network(), &self.positions, &opts, &self.style);
        if let Some(v) = req.view {
            // the current view: its rectangle is what gets fitted to the image
            scene.bounds = v;
        }
        let title = req.title.clone();
        // Rendering a big graph takes a while: write it on a thread, report when done.
        let style = self.style.clone();
        let job = move || {
            crate::export::export_image(
                &req.path,
                &scene,
                &style,
                req.width,
                req.height,
                title.as_deref(),
            )
            .map(|()| req.path)
            .map_err(|e| e.to_string())
        };
        self.run_export(job);
    }

    /// Write the filtered network as data, on a thread.
    pub(super) fn export_data(&mut self, req: data_export::DataExportRequest) {
        let data = crate::export::data::GraphData::new(
            self.doc.network(),
            &self.doc.filter,
            &self.edge_view,
            req.options,
        );
        let job = move || {
            crate::export::data::export_data(&req.path, req.format, &data)
                .map(|files| files.into_iter().next().unwrap_or(req.path))
                .map_err(|e| e.to_string())
        };
        self.run_export(job);
    }

    /// Run an export job (on a thread unless the layout runs immediately, as in tests).
    fn run_export(&mut self, job: impl FnOnce() -> Result<PathBuf, String> + Send + 'static) {
        let (tx, rx) = mpsc::channel();
        if self.layout_mode == LayoutMode::Immediate {
            let _ = tx.send(job());
        } else {
            std::thread::spawn(move || {
                let _ = tx.send(job());
            });
        }
        self.status = "Exporting…".to_owned();
        self.exporting = Some(rx);
        self.poll_export();
    }

    /// Report a finished export.
    pub(super) fn poll_export(&mut self) {
        let Some(rx) = &self.exporting else {
            return;
        };
        match rx.try_recv() {
            Ok(Ok(path)) => {
                let shown = std::path::absolute(&path).unwrap_or(path);
                self.status = format!("Exported {}", shown.display());
                self.dialogs.export_error = None;
            }
            // shown in the export window (opened again), not among the unreadable files
            Ok(Err(e)) => {
                self.status.clear();
                self.dialogs.export_error = Some(e);
                self.dialogs.export_open = true;
            }
            Err(mpsc::TryRecvError::Empty) => return,
            Err(mpsc::TryRecvError::Disconnected) => {
                self.dialogs.export_error = Some("The export failed.".to_owned());
                self.dialogs.export_open = true;
            }
        }
        self.exporting = None;
    }
}

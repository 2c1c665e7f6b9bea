//! File dialogs (rfd, on a thread so the window never freezes) and the export window.

use std::path::PathBuf;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use super::{Command, DyadApp};

/// Write the whole graph as an image.
#[derive(Debug, Clone, PartialEq)]
pub struct ExportRequest {
    pub path: PathBuf,
    pub width: u32,
    pub height: u32,
    /// The heading (`None` or empty: none).
    pub title: Option<String>,
    /// Export this world rectangle (the current view) instead of the whole graph.
    pub view: Option<crate::geom::Rect>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageFormat {
    Png,
    Svg,
}

impl ImageFormat {
    fn ext(self) -> &'static str {
        match self {
            ImageFormat::Png => "png",
            ImageFormat::Svg => "svg",
        }
    }
}

enum Picked {
    Open(Option<Vec<PathBuf>>),
    Lexicon(Option<PathBuf>),
    Workspace(Option<PathBuf>),
    SaveWorkspace(Option<PathBuf>),
    Save(Option<PathBuf>),
    SaveData(Option<PathBuf>),
}

/// Dialog state.
pub struct Dialogs {
    pub export_open: bool,
    pub workspace_open: bool,
    pub workspace_path: String,
    pub format: ImageFormat,
    pub width: u32,
    pub height: u32,
    pub export_path: String,
    /// The heading as edited (`None`: the corpus's, [`crate::pipeline::corpus_heading`]).
    pub export_title: Option<String>,
    /// Export the current view instead of the whole graph.
    pub export_view: bool,
    /// Why the last export failed (shown in the export window).
    pub export_error: Option<String>,
    /// The "open a path" text field (works where no native dialog is available).
    pub path_input: String,
    /// The data export window.
    pub data: super::data_export::DataExportDialog,
    picker: Option<(mpsc::Receiver<Picked>, Instant)>,
}

impl Default for Dialogs {
    fn default() -> Self {
        Dialogs {
            export_open: false,
            workspace_open: false,
            workspace_path: String::new(),
            format: ImageFormat::Png,
            width: 1600,
            height: 1000,
            export_path: String::new(),
            export_title: None,
            export_view: false,
            export_error: None,
            path_input: String::new(),
            data: Default::default(),
            picker: None,
        }
    }
}

/// Whether a native file dialog can appear here (Linux needs a desktop portal or zenity).
fn dialog_available() -> bool {
    if !cfg!(target_os = "linux") {
        return true;
    }
    let has_bus = std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some();
    let has_zenity = std::env::var_os("PATH")
        .map(|p| std::env::split_paths(&p).any(|d| d.join("zenity").is_file()))
        .unwrap_or(false);
    has_bus || has_zenity
}

const NO_DIALOG: &str = "No file dialog is available on this system (it needs xdg-desktop-portal or zenity). Type a path in the Articles panel or the export window instead.";

impl Dialogs {
    /// Ask for files (or a folder) on a background thread.
    pub fn pick_files(&mut self, folder: bool) {
        self.spawn_picker(move || {
            let d = rfd::FileDialog::new().set_title(if folder {
                "Open a folder of articles"
            } else {
                "Open articles"
            });
            Picked::Open(if folder {
                d.pick_folder().map(|p| vec![p])
            } else {
                d.add_filter("Articles", crate::ingest::SUPPORTED_EXTENSIONS)
                    .add_filter("All files", &["*"])
                    .pick_files()
            })
        });
    }

    /// Ask for a user lexicon file, on a background thread.
    pub fn pick_lexicon(&mut self) {
        self.spawn_picker(|| {
            Picked::Lexicon(
                rfd::FileDialog::new()
                    .set_title("Load a lexicon")
                    .add_filter("Lexicon (JSON)", &["json"])
                    .pick_file(),
            )
        });
    }

    /// Ask for a workspace to open, on a background thread.
    pub fn pick_workspace(&mut self) {
        self.spawn_picker(|| {
            Picked::Workspace(
                rfd::FileDialog::new()
                    .set_title("Open a workspace")
                    .add_filter("Dyad workspace", &["json"])
                    .pick_file(),
            )
        });
    }

    /// Ask where to save the workspace, on a background thread.
    fn pick_save_workspace(&mut self) {
        self.spawn_picker(|| {
            Picked::SaveWorkspace(
                rfd::FileDialog::new()
                    .set_title("Save the workspace")
                    .set_file_name("workspace.dyad.json")
                    .save_file(),
            )
        });
    }

    /// Run a (blocking) native dialog on its own thread; one at a time.
    fn spawn_picker(&mut self, f: impl FnOnce() -> Picked + Send + 'static) {
        if self.picker.is_some() {
            return;
        }
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let _ = tx.send(f());
        });
        self.picker = Some((rx, Instant::now()));
    }

    /// Ask where to save the image, on a background thread.
    fn pick_save(&mut self) {
        let ext = self.format.ext();
        self.spawn_picker(move || {
            Picked::Save(
                rfd::FileDialog::new()
                    .set_title("Export image")
                    .set_file_name(format!("dyad-network.{ext}"))
                    .add_filter(ext.to_uppercase(), &[ext])
                    .save_file(),
            )
        });
    }

    /// Ask where to save the data export, on a background thread.
    pub fn pick_save_data(&mut self) {
        let ext = self.data.format.extension();
        self.spawn_picker(move || {
            Picked::SaveData(
                rfd::FileDialog::new()
                    .set_title("Export data")
                    .set_file_name(format!("dyad-network.{ext}"))
                    .add_filter(ext.to_uppercase(), &[ext])
                    .save_file(),
            )
        });
    }

    pub fn busy(&self) -> bool {
        self.picker.is_some()
    }

    /// Take a finished dialog's answer.
    pub fn poll(&mut self, commands: &mut Vec<Command>, errors: &mut Vec<String>) {
        let Some((rx, started)) = &self.picker else {
            return;
        };
        let started = *started;
        let answer = match rx.try_recv() {
            Ok(a) => a,
            Err(mpsc::TryRecvError::Empty) => return,
            Err(mpsc::TryRecvError::Disconnected) => {
                self.picker = None;
                errors.push("The file dialog failed.".to_owned());
                return;
            }
        };
        self.picker = None;
        let quick_none = started.elapsed() < Duration::from_millis(500) && !dialog_available();
        match answer {
            Picked::Open(Some(paths)) if !paths.is_empty() => {
                commands.push(Command::OpenPaths(paths))
            }
            Picked::Save(Some(p)) => self.export_path = p.display().to_string(),
            Picked::SaveData(Some(p)) => self.data.path = p.display().to_string(),
            Picked::Lexicon(Some(p)) => commands.push(Command::LoadLexicon(p)),
            Picked::Workspace(Some(p)) => commands.push(Command::OpenWorkspace(p)),
            Picked::SaveWorkspace(Some(p)) => self.workspace_path = p.display().to_string(),
            _ if quick_none => errors.push(NO_DIALOG.to_owned()),
            _ => {}
        }
    }
}

/// The windows: export image, save workspace.
pub(super) fn windows(app: &mut DyadApp, ui: &mut egui::Ui) {
    workspace_window(app, ui);
    export_window(app, ui);
    super::data_export::window(app, ui);
}

fn workspace_window(app: &mut DyadApp, ui: &mut egui::Ui) {
    if !app.dialogs.workspace_open {
        return;
    }
    let mut open = true;
    let mut save = None;
    egui::Window::new("Save workspace")
        .open(&mut open)
        .resizable(false)
        .collapsible(false)
        .show(ui.ctx(), |ui| {
            let d = &mut app.dialogs;
            ui.label("Articles (paths and content hashes), pinned actors, filters, hidden edges and actors, corrections, lexicons.");
            ui.horizontal(|ui| {
                let label = ui.label("Workspace file");
                ui.add(egui::TextEdit::singleline(&mut d.workspace_path).hint_text("work.dyad.json"))
                    .labelled_by(label.id);
                if ui.button("Browse…").clicked() {
                    d.pick_save_workspace();
                }
            });
            if ui.button("Save").clicked() {
                let path = d.workspace_path.trim();
                if path.is_empty() {
                    app.errors.push("Save workspace: choose a file name first.".to_owned());
                } else {
                    let mut p = path.to_owned();
                    if !p.to_lowercase().ends_with(".json") {
                        p.push_str(".dyad.json");
                    }
                    save = Some(PathBuf::from(p));
                }
            }
        });
    if let Some(p) = save {
        app.push(Command::SaveWorkspace(p));
        open = false;
    }
    app.dialogs.workspace_open = open;
}

fn export_window(app: &mut DyadApp, ui: &mut egui::Ui) {
    if !app.dialogs.export_open {
        return;
    }
    let mut open = true;
    let mut request = None;
    let heading = crate::pipeline::corpus_heading(&app.corpus().articles).unwrap_or_default();
    let view = app.view_world_rect();
    egui::Window::new("Export image")
        .open(&mut open)
        .resizable(false)
        .collapsible(false)
        .show(ui.ctx(), |ui| {
            let d = &mut app.dialogs;
            ui.horizontal(|ui| {
                ui.label("Show");
                ui.radio_value(&mut d.export_view, false, "Whole graph");
                ui.add_enabled_ui(view.is_some(), |ui| {
                    ui.radio_value(&mut d.export_view, true, "Current view");
                });
            });
            ui.label("With labels and legend, as filtered now.");
            ui.horizontal(|ui| {
                let label = ui.label("Heading");
                let mut t = d.export_title.clone().unwrap_or_else(|| heading.clone());
                if ui
                    .add(egui::TextEdit::singleline(&mut t).desired_width(320.0))
                    .labelled_by(label.id)
                    .changed()
                {
                    d.export_title = Some(t);
                }
            });
            ui.horizontal(|ui| {
                ui.label("Format");
                let before = d.format;
                ui.radio_value(&mut d.format, ImageFormat::Png, "PNG");
                ui.radio_value(&mut d.format, ImageFormat::Svg, "SVG");
                if before != d.format && !d.export_path.is_empty() {
                    let p = PathBuf::from(&d.export_path).with_extension(d.format.ext());
                    d.export_path = p.display().to_string();
                }
            });
            ui.horizontal(|ui| {
                ui.label("Size");
                ui.add(
                    egui::DragValue::new(&mut d.width)
                        .range(64..=16000)
                        .suffix(" px"),
                );
                ui.label("×");
                ui.add(
                    egui::DragValue::new(&mut d.height)
                        .range(64..=16000)
                        .suffix(" px"),
                );
            });
            let placeholder = format!("network.{}", d.format.ext());
            ui.horizontal(|ui| {
                let label = ui.label("Save to");
                ui.add(egui::TextEdit::singleline(&mut d.export_path).hint_text(&placeholder))
                    .labelled_by(label.id);
                if ui.button("Browse…").clicked() {
                    d.pick_save();
                }
            });
            if let Some(e) = &d.export_error {
                ui.colored_label(ui.visuals().error_fg_color, e);
            }
            if ui.button("Export").clicked() {
                // an empty name: the placeholder shown
                let path = match d.export_path.trim() {
                    "" => placeholder.as_str(),
                    p => p,
                };
                let mut p = PathBuf::from(path);
                if p.extension().is_none() {
                    p.set_extension(d.format.ext());
                }
                let title = d.export_title.clone().unwrap_or_else(|| heading.clone());
                d.export_error = None;
                request = Some(ExportRequest {
                    path: p,
                    width: d.width,
                    height: d.height,
                    title: Some(title).filter(|t| !t.trim().is_empty()),
                    view: if d.export_view { view } else { None },
                });
            }
        });
    if let Some(r) = request {
        app.push(Command::Export(r));
        open = false;
    }
    app.dialogs.export_open = open;
}

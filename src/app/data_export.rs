//! File → Export data…: the filtered network as GEXF, GraphML, CSV or JSON.

use std::path::PathBuf;

use super::{Command, DyadApp};
use crate::export::data::{DataFormat, DataOptions};

/// Write the filtered network as data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataExportRequest {
    pub path: PathBuf,
    pub format: DataFormat,
    pub options: DataOptions,
}

/// The export window's state.
#[derive(Debug, Clone)]
pub struct DataExportDialog {
    pub open: bool,
    pub format: DataFormat,
    pub path: String,
    pub options: DataOptions,
}

impl Default for DataExportDialog {
    fn default() -> Self {
        DataExportDialog {
            open: false,
            format: DataFormat::Gexf,
            path: String::new(),
            options: DataOptions::default(),
        }
    }
}

fn label(f: DataFormat) -> &'static str {
    match f {
        DataFormat::Gexf => "GEXF (Gephi)",
        DataFormat::Graphml => "GraphML",
        DataFormat::Csv => "CSV tables",
        DataFormat::Json => "JSON (graphology)",
    }
}

/// The "Export data" window.
pub(super) fn window(app: &mut DyadApp, ui: &mut egui::Ui) {
    if !app.dialogs.data.open {
        return;
    }
    let mut open = true;
    let mut request = None;
    let mut browse = false;
    egui::Window::new("Export data")
        .open(&mut open)
        .resizable(false)
        .collapsible(false)
        .show(ui.ctx(), |ui| {
            let d = &mut app.dialogs.data;
            ui.label("The relations shown now (kinds, minimum evidence, time window), with their evidence.");
            ui.horizontal(|ui| {
                ui.label("Format");
                let before = d.format;
                for f in DataFormat::ALL {
                    ui.radio_value(&mut d.format, f, label(f));
                }
                if before != d.format && !d.path.is_empty() {
                    let p = PathBuf::from(&d.path).with_extension(d.format.extension());
                    d.path = p.display().to_string();
                }
            });
            if d.format == DataFormat::Csv {
                ui.weak("NAME.csv writes NAME-nodes.csv, NAME-edges.csv and NAME-evidence.csv.");
            }
            ui.checkbox(&mut d.options.all_actors, "Also actors without a shown relation");
            if matches!(d.format, DataFormat::Gexf | DataFormat::Graphml) {
                ui.checkbox(
                    &mut d.options.mixed,
                    "Mixed graph: each relation's own direction (Gephi, yEd; not networkx)",
                );
            }
            ui.horizontal(|ui| {
                let l = ui.label("Data file");
                ui.add(
                    egui::TextEdit::singleline(&mut d.path)
                        .hint_text(format!("network.{}", d.format.extension())),
                )
                .labelled_by(l.id);
                browse = ui.button("Browse…").clicked();
            });
            if ui.button("Export").clicked() {
                let path = d.path.trim();
                if path.is_empty() {
                    request = Some(Err("Export data: choose a file name first.".to_owned()));
                } else {
                    let mut p = PathBuf::from(path);
                    if p.extension().is_none() {
                        p.set_extension(d.format.extension());
                    }
                    request = Some(Ok(DataExportRequest {
                        path: p,
                        format: d.format,
                        options: d.options,
                    }));
                }
            }
        });
    if browse {
        app.dialogs.pick_save_data();
    }
    match request {
        Some(Ok(r)) => {
            app.push(Command::ExportData(r));
            open = false;
        }
        Some(Err(e)) => app.errors.push(e),
        None => {}
    }
    app.dialogs.data.open = open;
}

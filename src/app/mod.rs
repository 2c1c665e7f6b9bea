//! The desktop app: a thin egui consumer of the pipeline.
//!
//! One struct per panel area, and every user action becomes a [`Command`] applied in one place
//! ([`DyadApp::apply`]) at the end of the frame.

mod canvas;
mod corrections;
mod data_export;
mod dialogs;
mod edit;
mod jobs;
mod panels;
mod reading;
mod timeline;

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::mpsc;

use petgraph::stable_graph::{EdgeIndex, NodeIndex};

use crate::document::{Document, LoadedBatch};
use crate::extract::Extractor;
use crate::geom::Point;
use crate::layout::{LayoutParams, LayoutWorker};
use crate::network::{EdgeView, Network};
use crate::pipeline::{self, Corpus};
use crate::scene::{self, Scene, SceneOptions, Style};
use crate::workspace::Workspace;

pub use canvas::{Emphasis, MeshCache, View, paint_scene, paint_scene_cached, screen_transform};
pub use data_export::DataExportRequest;
pub use {eframe, egui};

/// What the user has selected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Selection {
    #[default]
    None,
    Node(NodeIndex),
    Edge(EdgeIndex),
}

/// A user action, applied in [`DyadApp::apply`].
#[derive(Debug, Clone)]
pub enum Command {
    /// Read these files or folders and add them to the network.
    OpenPaths(Vec<PathBuf>),
    Select(Selection),
    /// The kind filters, the evidence threshold or hidden edges changed.
    FiltersChanged,
    /// Re-run the layout from the current positions.
    Relayout,
    /// Fit the whole graph into the canvas.
    FitView,
    /// Drag a node to a world position and pin it there.
    MoveNode(NodeIndex, Point),
    /// Let a pinned node move again.
    UnpinNode(NodeIndex),
    HideEdge(EdgeIndex),
    ShowAllEdges,
    /// Top N, largest component or ego network changed: redraw and fit what is shown.
    FocusChanged,
    /// Hide an actor and its relations.
    HideNode(NodeIndex),
    /// Show the hidden actors again.
    ShowHiddenNodes,
    /// Select an actor, centre the view on it and zoom in (search).
    FindNode(NodeIndex),
    /// Write the whole graph as an image.
    Export(dialogs::ExportRequest),
    /// Write the filtered network as data (GEXF, GraphML, CSV, JSON).
    ExportData(data_export::DataExportRequest),
    /// Load a user lexicon (JSON) on top of the built-in one and re-read every article with it.
    LoadLexicon(PathBuf),
    /// Save the workspace (articles, pins, filters, hidden edges, lexicons) to a file.
    SaveWorkspace(PathBuf),
    /// Replace everything with a saved workspace.
    OpenWorkspace(PathBuf),
    /// Remove every article.
    Clear,
    /// Make a correction (merge, rename, type, reject, change kind, note); it sticks.
    Correct(crate::document::Correction),
    /// Take correction `i` out (unmerging is taking the merge out).
    RemoveCorrection(usize),
    /// Undo the last correction, pin or hide.
    Undo,
    /// Redo what was undone.
    Redo,
    /// Open the article of an edge's evidence sentence in the reading pane.
    OpenArticle {
        edge: EdgeIndex,
        evidence: usize,
    },
    /// Add a name as an alias of an actor in a user lexicon file and read the articles again.
    AddAlias {
        actor: String,
        alias: String,
        lexicon: PathBuf,
    },
}

/// How the layout runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LayoutMode {
    /// On a worker thread, animating to rest (the app).
    Background,
    /// To rest at once on the calling thread (tests, deterministic).
    Immediate,
}

/// What the date fields of the filter panel hold while the user types.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct WindowText {
    pub from: String,
    pub to: String,
}

/// State kept between runs (eframe persistence).
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct Persisted {
    pub recent: Vec<PathBuf>,
    pub min_evidence: usize,
    pub label_all: bool,
    pub show_isolated: bool,
}

/// The Dyad application.
pub struct DyadApp {
    /// The user's document: articles, network, pins, hidden relations, the edge filter.
    pub(crate) doc: Document,
    /// What the edge filter shows (rebuilt when the filter or the network changes).
    pub(crate) edge_view: std::sync::Arc<EdgeView>,
    pub(crate) positions: Vec<Point>,
    pinned: BTreeSet<NodeIndex>,
    layout: Option<LayoutWorker>,
    layout_mode: LayoutMode,
    layout_generation: u64,
    layout_request: Option<LayoutRequest>,
    /// Actor search text.
    pub(crate) search: String,
    pub(crate) window_text: WindowText,
    pub(crate) timeline: timeline::TimelinePanel,
    /// Top N, largest component, ego network, hidden actors.
    pub(crate) focus: crate::focus::Focus,
    pub(crate) selection: Selection,
    pub(crate) hovered: Option<NodeIndex>,
    pub(crate) style: Style,
    pub view: View,
    pub(crate) label_all: bool,
    pub(crate) show_isolated: bool,
    /// One line per problem (unreadable file, failed export), newest last.
    pub(crate) errors: Vec<String>,
    pub(crate) status: String,
    pub(crate) recent: Vec<PathBuf>,
    loading: Option<Loading>,
    /// Paths asked for while a load was running.
    queued: Vec<PathBuf>,
    exporting: Option<mpsc::Receiver<Result<PathBuf, String>>>,
    pub(crate) dialogs: dialogs::Dialogs,
    commands: Vec<Command>,
    scene: Option<Scene>,
    scene_dirty: bool,
    /// Only the positions changed since the scene was built: move its shapes.
    positions_moved: bool,
    /// Bumped at every scene rebuild (keys the canvas mesh cache).
    scene_generation: u64,
    mesh_cache: canvas::MeshCache,
    /// The correction tools' fields (names typed, kinds chosen).
    pub(crate) tools: corrections::Tools,
    /// The article open in the reading pane.
    pub(crate) reading: reading::ReadingPane,
    /// The actor being dragged, once its pin is a step in the undo history.
    pin_gesture: Option<NodeIndex>,
}

/// A graph waiting to be handed to the layout worker.
struct LayoutRequest {
    n: usize,
    edges: Vec<(u32, u32, f32)>,
    previous: Vec<Option<Point>>,
    reheat: bool,
}

struct Loading {
    count: usize,
    progress: std::sync::Arc<pipeline::Progress>,
    rx: mpsc::Receiver<LoadedBatch>,
}

impl DyadApp {
    /// An app showing a corpus.
    pub fn new(extractor: Extractor, corpus: Corpus, layout_mode: LayoutMode) -> Self {
        let mut doc = Document::new(extractor);
        let Corpus {
            articles,
            extractions,
        } = corpus;
        if !articles.is_empty() {
            // (already read and extracted: merged as one batch)
            let mut job = doc.load_job(&[]);
            job.add_extracted(articles.into_iter().zip(extractions));
            doc.accept(job.run(&pipeline::Progress::default()));
        }
        let mut app = DyadApp {
            doc,
            edge_view: Default::default(),
            positions: Vec::new(),
            pinned: BTreeSet::new(),
            layout: None,
            layout_mode,
            layout_generation: 0,
            layout_request: None,
            search: String::new(),
            window_text: WindowText::default(),
            timeline: Default::default(),
            focus: Default::default(),
            selection: Selection::None,
            hovered: None,
            style: Style::default(),
            view: View::default(),
            label_all: false,
            show_isolated: false,
            errors: Vec::new(),
            status: String::new(),
            recent: Vec::new(),
            loading: None,
            queued: Vec::new(),
            exporting: None,
            dialogs: dialogs::Dialogs::default(),
            commands: Vec::new(),
            scene: None,
            scene_dirty: true,
            positions_moved: false,
            scene_generation: 0,
            mesh_cache: canvas::MeshCache::default(),
            tools: Default::default(),
            reading: Default::default(),
            pin_gesture: None,
        };
        app.network_changed();
        app
    }

    /// The app on the embedded sample article.
    pub fn with_sample(layout_mode: LayoutMode) -> Self {
        let ex = Extractor::builtin();
        let corpus = pipeline::sample_corpus(&ex);
        Self::new(ex, corpus, layout_mode)
    }

    /// An app showing a ready network and no articles (tests and benches of big networks).
    pub fn with_network(network: Network, layout_mode: LayoutMode) -> Self {
        let mut app = Self::new(Extractor::builtin(), Corpus::default(), layout_mode);
        app.doc = Document::from_network(network);
        app.network_changed();
        app
    }

    pub fn network(&self) -> &Network {
        self.doc.network()
    }

    /// The user's document.
    pub fn document(&self) -> &Document {
        &self.doc
    }

    /// The world rectangle the canvas shows (`None` before the first frame).
    pub fn view_world_rect(&self) -> Option<crate::geom::Rect> {
        let r = self.view.rect;
        if !r.is_positive() {
            return None;
        }
        let (a, b) = (self.view.to_world(r.min), self.view.to_world(r.max));
        Some(crate::geom::Rect::new(a, b)).filter(|r| r.width().is_finite() && r.width() > 0.0)
    }

    /// The labels the canvas drew in the last frame, most important first (screen pixels).
    pub fn shown_labels(&self) -> &[scene::labels::PlacedLabel] {
        self.mesh_cache.labels()
    }

    pub fn selection(&self) -> Selection {
        self.selection
    }

    /// Where an actor is in layout coordinates.
    pub fn position(&self, id: &str) -> Option<Point> {
        self.positions
            .get(self.network().node(id)?.index())
            .copied()
    }

    /// The actor under the pointer.
    pub fn hovered(&self) -> Option<NodeIndex> {
        self.hovered
    }

    /// How many drawn edges are dimmed (hover or selection focus elsewhere).
    pub fn dimmed_edge_count(&mut self) -> usize {
        self.scene().edges.iter().filter(|e| e.dimmed).count()
    }

    pub fn errors(&self) -> &[String] {
        &self.errors
    }

    /// Whether an edge passes the current filters.
    pub fn edge_visible(&self, e: EdgeIndex) -> bool {
        self.edge_view.is_shown(e)
    }

    /// The number of edges the filter shows.
    pub fn visible_edge_count(&self) -> usize {
        self.edge_view.shown_count()
    }

    /// The number of edges in the scene drawn now.
    pub fn drawn_edge_count(&mut self) -> usize {
        self.scene().edges.len()
    }

    /// The edge filter (kinds, minimum evidence, time window, focus).
    pub fn filter_mut(&mut self) -> &mut crate::network::EdgeFilter {
        &mut self.doc.filter
    }

    /// The filter's view again (after the filter, hidden relations or the network changed).
    fn refresh_view(&mut self) {
        self.edge_view = std::sync::Arc::new(self.doc.view());
        self.timeline.invalidate();
    }

    /// Queue a command (applied at the end of the frame, or by [`Self::apply_pending`]).
    pub fn push(&mut self, c: Command) {
        self.commands.push(c);
    }

    /// Apply every queued command now.
    pub fn apply_pending(&mut self) {
        let cmds = std::mem::take(&mut self.commands);
        for c in cmds {
            self.apply(c);
        }
    }

    /// The one place where commands change the state.
    fn apply(&mut self, c: Command) {
        match c {
            Command::OpenPaths(paths) => self.start_loading(paths),
            Command::Select(s) => {
                self.selection = s;
                // Big graphs show the selection with the veil over the cached meshes (see
                // `Emphasis::veil`): no scene rebuild for a click.
                if !self.veiled() {
                    self.scene_dirty = true;
                }
            }
            Command::FiltersChanged => {
                self.refresh_view();
                self.restart_layout(false);
                self.scene_dirty = true;
            }
            Command::Relayout => self.restart_layout(true),
            Command::FitView => self.view.request_fit(),
            Command::MoveNode(n, p) => self.move_node(n, p),
            Command::UnpinNode(n) => self.unpin_node(n),
            Command::HideEdge(e) => {
                self.doc.hide(e);
                self.refresh_view();
                if self.selection == Selection::Edge(e) {
                    self.selection = Selection::None;
                }
                self.restart_layout(false);
                self.scene_dirty = true;
            }
            Command::ShowAllEdges => {
                self.doc.record("Show hidden edges");
                self.doc.hidden.clear();
                self.refresh_view();
                self.restart_layout(false);
                self.scene_dirty = true;
            }
            Command::FocusChanged => {
                self.scene_dirty = true;
                self.view.request_fit();
            }
            Command::HideNode(n) => self.hide_node(n),
            Command::ShowHiddenNodes => {
                self.doc.record("Show hidden actors");
                self.doc.hidden_actors.clear();
                self.focus.hidden.clear();
                self.scene_dirty = true;
            }
            Command::FindNode(n) => self.find_node(n),
            Command::Export(req) => self.export(req),
            Command::ExportData(req) => self.export_data(req),
            Command::LoadLexicon(path) => self.load_lexicon(path),
            Command::SaveWorkspace(path) => match self.workspace().save(&path) {
                Ok(()) => self.status = format!("Saved workspace {}", path.display()),
                Err(e) => self.errors.push(e.to_string()),
            },
            Command::OpenWorkspace(path) => self.open_workspace(&path),
            Command::Clear => self.clear(),
            Command::Correct(c) => self.correct(c),
            Command::RemoveCorrection(i) => self.remove_correction(i),
            Command::Undo => self.undo(),
            Command::Redo => self.redo(),
            Command::OpenArticle { edge, evidence } => self.open_article(edge, evidence),
            Command::AddAlias {
                actor,
                alias,
                lexicon,
            } => self.add_alias(&actor, &alias, lexicon),
        }
    }

    /// Drag a node to a world position and pin it there.
    fn move_node(&mut self, n: NodeIndex, p: Point) {
        if let Some(slot) = self.positions.get_mut(n.index()) {
            *slot = p;
        }
        self.pinned.insert(n);
        if let Some(a) = self.doc.network().graph.node_weight(n) {
            let (id, name) = (a.id.clone(), a.name.to_string());
            // one step of the undo history per drag
            if self.pin_gesture != Some(n) {
                self.doc.record(format!("Move {name}"));
                self.pin_gesture = Some(n);
            }
            self.doc.pins.insert(id, p);
        }
        if let Some(w) = &self.layout {
            w.pin(n.index(), p);
        }
        self.positions_moved = true;
    }

    /// Let a pinned node move again.
    fn unpin_node(&mut self, n: NodeIndex) {
        self.pinned.remove(&n);
        if let Some(a) = self.doc.network().graph.node_weight(n)
            && self.doc.pins.contains_key(&a.id)
        {
            let (id, name) = (a.id.clone(), a.name.to_string());
            self.doc.record(format!("Release {name}"));
            self.doc.pins.remove(&id);
        }
        if let Some(w) = &self.layout {
            w.unpin(n.index());
        }
    }

    /// Hide an actor and its relations (and drop it from the selection, the hover and the ego
    /// focus).
    fn hide_node(&mut self, n: NodeIndex) {
        if let Some(a) = self.doc.network().graph.node_weight(n) {
            let (id, name) = (a.id.clone(), a.name.to_string());
            self.doc.record(format!("Hide {name}"));
            self.doc.hidden_actors.insert(id);
        }
        self.focus.hidden.insert(n);
        if self.focus.ego.is_some_and(|(c, _)| c == n) {
            self.focus.ego = None;
        }
        match self.selection {
            Selection::Node(s) if s == n => self.selection = Selection::None,
            Selection::Edge(e)
                if self
                    .network()
                    .graph
                    .edge_endpoints(e)
                    .is_some_and(|(s, t)| s == n || t == n) =>
            {
                self.selection = Selection::None
            }
            _ => {}
        }
        self.hovered = None;
        self.scene_dirty = true;
    }

    /// Select an actor, centre the view on it and zoom in.
    fn find_node(&mut self, n: NodeIndex) {
        if self.network().graph.contains_node(n) {
            self.selection = Selection::Node(n);
            self.scene_dirty = true;
            if let Some(&p) = self.positions.get(n.index()) {
                let unit = self.scene().unit;
                self.view.center_on(p, unit);
            }
        }
    }

    /// Start again with no article (the errors and recent files stay).
    fn clear(&mut self) {
        let mode = self.layout_mode;
        let errors = std::mem::take(&mut self.errors);
        let recent = std::mem::take(&mut self.recent);
        *self = DyadApp::new(self.doc.extractor().clone(), Corpus::default(), mode);
        self.errors = errors;
        self.recent = recent;
    }

    /// Open the article of an edge's evidence sentence in the reading pane.
    fn open_article(&mut self, edge: EdgeIndex, evidence: usize) {
        let color = self
            .doc
            .network()
            .graph
            .edge_weight(edge)
            .map(|r| canvas::to_color(self.style.kind_color(&r.kind)));
        self.reading.open(
            &self.doc,
            edge,
            evidence,
            color.unwrap_or(egui::Color32::GRAY),
        );
    }

    /// The workspace of the current state.
    pub fn workspace(&self) -> Workspace {
        self.doc.to_workspace()
    }

    fn open_workspace(&mut self, path: &std::path::Path) {
        let ws = match Workspace::load(path) {
            Ok(ws) => ws,
            Err(e) => {
                self.errors.push(e.to_string());
                return;
            }
        };
        self.apply(Command::Clear);
        let opened = Document::from_workspace(&ws);
        self.errors.extend(opened.notes);
        self.doc = opened.document;
        self.sync_window_text();
        self.network_changed();
        if !opened.files.is_empty() {
            self.start_loading(opened.files);
        }
        self.status = format!("Opened workspace {}", path.display());
    }

    /// The filter panel's date fields from the filter.
    fn sync_window_text(&mut self) {
        let w = self.doc.filter.window;
        self.window_text = WindowText {
            from: w.from.map(|d| d.to_string()).unwrap_or_default(),
            to: w.to.map(|d| d.to_string()).unwrap_or_default(),
        };
    }

    /// Pin the document's pinned actors where they were dropped.
    fn apply_pins(&mut self) {
        self.pinned.clear();
        for (id, p) in &self.doc.pins {
            if let Some(n) = self.doc.network().node(id) {
                if let Some(slot) = self.positions.get_mut(n.index()) {
                    *slot = *p;
                }
                self.pinned.insert(n);
            }
        }
    }

    fn load_lexicon(&mut self, path: PathBuf) {
        let mut paths = self.doc.lexicons().to_vec();
        if !paths.contains(&path) {
            paths.push(path.clone());
        }
        if self.reread(|doc| doc.set_lexicons(paths)) {
            self.status = format!("Loaded lexicon {}", path.display());
        }
    }

    /// Change the document in a way that reads every article again (a lexicon); actors stay
    /// where they were on the canvas. A failure is reported and changes nothing.
    fn reread(&mut self, f: impl FnOnce(&mut Document) -> crate::Result<()>) -> bool {
        let old: std::collections::HashMap<String, Point> = self
            .network()
            .graph
            .node_indices()
            .filter_map(|n| {
                Some((
                    self.network().graph[n].id.clone(),
                    *self.positions.get(n.index())?,
                ))
            })
            .collect();
        if let Err(e) = f(&mut self.doc) {
            self.errors.push(e.to_string());
            return false;
        }
        self.selection = Selection::None;
        self.hovered = None;
        self.focus.ego = None;
        let n = petgraph::visit::NodeIndexable::node_bound(&self.network().graph);
        let previous: Vec<Option<Point>> = (0..n)
            .map(|i| {
                self.network()
                    .graph
                    .node_weight(NodeIndex::new(i))
                    .and_then(|a| old.get(&a.id).copied())
            })
            .collect();
        self.positions = previous.iter().map(|p| p.unwrap_or(Point::ZERO)).collect();
        self.sync_hidden_actors();
        self.add_kinds();
        self.apply_pins();
        self.refresh_view();
        self.restart_layout_from(false, previous);
        true
    }

    pub fn is_loading(&self) -> bool {
        self.loading.is_some()
    }

    /// Whether hover and selection are shown with a veil instead of a scene rebuild (big
    /// graphs).
    pub(crate) fn veiled(&self) -> bool {
        self.network().graph.node_count() > canvas::HOVER_DIM_MAX_NODES
    }

    /// The articles loaded.
    pub fn corpus(&self) -> &Corpus {
        self.doc.corpus()
    }

    /// Whether the background layout is still moving (a pending restart counts).
    pub fn is_layout_running(&self) -> bool {
        self.layout_request.is_some() || self.layout.as_ref().is_some_and(|w| w.is_running())
    }

    /// (files done, files in the batch) while loading.
    pub fn loading_progress(&self) -> Option<(usize, usize)> {
        self.loading.as_ref().map(|l| (l.progress.done(), l.count))
    }

    /// Stop the current load after the files already being read.
    pub fn cancel_loading(&self) {
        if let Some(l) = &self.loading {
            l.progress.cancel();
        }
    }

    /// New actors or relations: make their kinds filterable, pin the pinned, show what the
    /// filter passes, and lay the graph out again.
    fn network_changed(&mut self) {
        self.sync_hidden_actors();
        self.add_kinds();
        self.apply_pins();
        self.refresh_view();
        self.restart_layout(false);
        self.scene_dirty = true;
    }

    /// Every kind of the lexicon and the network gets a switch (on unless the user said).
    fn add_kinds(&mut self) {
        for kind in self.doc.kinds().names() {
            self.doc.filter.kinds.entry(kind.to_owned()).or_insert(true);
        }
    }

    /// (Re)start the layout on the visible edges, warm-started from the current positions.
    fn restart_layout(&mut self, reheat: bool) {
        let n = petgraph::visit::NodeIndexable::node_bound(&self.network().graph);
        let mut previous: Vec<Option<Point>> =
            (0..n).map(|i| self.positions.get(i).copied()).collect();
        // pinned actors start (and stay) where the user dropped them
        for (id, p) in &self.doc.pins {
            if let Some(slot) = self
                .doc
                .network()
                .node(id)
                .and_then(|nd| previous.get_mut(nd.index()))
            {
                *slot = Some(*p);
            }
        }
        self.restart_layout_from(reheat, previous);
    }

    /// (Re)start the layout from known positions (`None`: place the node near its neighbours).
    fn restart_layout_from(&mut self, reheat: bool, previous: Vec<Option<Point>>) {
        let n = petgraph::visit::NodeIndexable::node_bound(&self.network().graph);
        let view = &self.edge_view;
        let edges = pipeline::layout_edges(self.doc.network(), |e, _| view.is_shown(e));
        let params = LayoutParams::default();
        self.layout_generation += 1;
        match self.layout_mode {
            LayoutMode::Immediate => {
                let mut l = crate::layout::ForceLayout::warm_start(n, &edges, params, &previous);
                for p in &self.pinned {
                    l.pin(p.index(), true);
                }
                if reheat {
                    l.reheat();
                }
                let mut i = 0;
                while !l.is_converged() && i < 3000 {
                    l.step();
                    i += 1;
                }
                l.arrange(
                    &pipeline::radius_px(self.network(), &self.style),
                    &self.label_hints(),
                    &crate::layout::pack::ArrangeParams::default(),
                );
                self.positions = l.positions().to_vec();
                self.view.request_fit();
            }
            LayoutMode::Background => {
                // Sent to the worker in `sync_layout`, where the repaint handle is known.
                let reheat = reheat || self.layout_request.as_ref().is_some_and(|r| r.reheat);
                self.layout_request = Some(LayoutRequest {
                    n,
                    edges,
                    previous,
                    reheat,
                });
                if self.positions.len() < n {
                    self.positions.resize(n, Point::ZERO);
                }
            }
        }
        self.scene_dirty = true;
    }

    /// The actors whose labels the layout makes room for (visible relations only).
    fn label_hints(&self) -> Vec<(u32, f32)> {
        pipeline::label_hints(self.network(), |e, _| self.edge_visible(e))
    }

    /// Start the worker (once) and hand it the pending graph.
    fn sync_layout(&mut self, ctx: &egui::Context) {
        let Some(req) = self.layout_request.take() else {
            return;
        };
        let radius_px = pipeline::radius_px(self.network(), &self.style);
        let labels = self.label_hints();
        let w = self.layout.get_or_insert_with(|| {
            let ctx = ctx.clone();
            LayoutWorker::spawn_with_notify(LayoutParams::default(), move || ctx.request_repaint())
        });
        w.set_graph_sized(req.n, &req.edges, &req.previous, &radius_px, &labels);
        for p in &self.pinned {
            if let Some(&pos) = self.positions.get(p.index()) {
                w.pin(p.index(), pos);
            }
        }
        if req.reheat {
            w.reheat();
        }
    }

    /// Copy fresh positions from the layout worker. Returns whether the layout is still moving.
    fn poll_layout(&mut self) -> bool {
        let Some(w) = &self.layout else {
            return false;
        };
        if let Some(pos) = w.latest() {
            // A snapshot of an older, smaller graph is ignored until the new one arrives.
            if pos.len() >= self.positions.len() {
                self.positions.clear();
                self.positions.extend_from_slice(&pos);
                self.positions_moved = true;
            }
        }
        w.is_running()
    }

    /// Scene options of the user's filters alone (no hover, selection or search).
    fn filtered_scene_options(&self) -> SceneOptions {
        SceneOptions {
            edges: Some(self.edge_view.clone()),
            show_isolated: self.show_isolated,
            shown_nodes: self
                .focus
                .shown(self.network(), |e, _| self.edge_visible(e)),
            hidden_nodes: self.focus.hidden.clone(),
            ..Default::default()
        }
    }

    /// The scene for the current state (rebuilt when something changed).
    pub fn scene(&mut self) -> &Scene {
        if self.scene_dirty || self.scene.is_none() {
            // Big graphs draw hover and selection with a veil, not in the scene.
            let veiled = self.veiled();
            let mut opts = SceneOptions {
                hovered_node: self.hovered.filter(|_| !veiled),
                label_all: self.label_all,
                ..self.filtered_scene_options()
            };
            match self.selection {
                _ if veiled => {}
                Selection::Node(n) => opts.selected_node = Some(n),
                Selection::Edge(e) => opts.selected_edge = Some(e),
                Selection::None => {}
            }
            opts.highlighted_nodes = self.search_hits().into_iter().collect();
            self.scene = Some(scene::build_scene(
                self.doc.network(),
                &self.positions,
                &opts,
                &self.style,
            ));
            self.scene_dirty = false;
            self.positions_moved = false;
            self.scene_generation += 1;
        } else if self.positions_moved
            && let Some(scene) = self.scene.as_mut()
        {
            // Only the positions changed (the layout animates, a node is dragged): move the
            // shapes instead of rebuilding them.
            scene.update_positions(self.doc.network(), &self.positions, &self.style);
            self.positions_moved = false;
            self.scene_generation += 1;
        }
        self.scene.as_ref().expect("scene was just built")
    }

    /// Nodes whose name or aliases contain the search text (case-insensitive), by name.
    pub(crate) fn search_hits(&self) -> Vec<NodeIndex> {
        let q = crate::fold::search_key(self.search.trim());
        if q.is_empty() {
            return Vec::new();
        }
        let g = &self.doc.network().graph;
        let key = crate::fold::search_key;
        let mut hits: Vec<NodeIndex> = g
            .node_indices()
            .filter(|&n| {
                let a = &g[n];
                key(&a.name).contains(&q) || a.aliases.iter().any(|s| key(s).contains(&q))
            })
            .collect();
        hits.sort_by(|a, b| g[*a].name.cmp(&g[*b].name));
        hits
    }

    /// Draw the whole app into `ui` (the eframe root, or a test harness).
    pub fn show(&mut self, ui: &mut egui::Ui) {
        self.poll_loading();
        self.poll_export();
        if self.view.dragging.is_none() {
            self.pin_gesture = None;
        }
        self.shortcuts(ui.ctx());
        self.sync_layout(ui.ctx());
        let moving = self.poll_layout();
        self.dialogs.poll(&mut self.commands, &mut self.errors);
        panels::menu_bar(self, ui);
        panels::status_bar(self, ui);
        panels::left_panel(self, ui);
        panels::right_panel(self, ui);
        egui::CentralPanel::default_margins()
            .frame(egui::Frame::NONE.fill(canvas::to_color(self.style.background)))
            .show(ui, |ui| canvas::canvas(self, ui));
        dialogs::windows(self, ui);
        reading::window(self, ui);
        // Files dropped on the window.
        let dropped: Vec<PathBuf> = ui.ctx().input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .filter(|p| !p.as_os_str().is_empty())
                .collect()
        });
        if !dropped.is_empty() {
            self.commands.push(Command::OpenPaths(dropped));
        }
        // Commands change what the next frame shows: draw it.
        let changed = !self.commands.is_empty();
        self.apply_pending();
        if changed {
            ui.ctx().request_repaint();
        }
        if moving || self.loading.is_some() || self.exporting.is_some() || self.dialogs.busy() {
            ui.ctx().request_repaint();
        }
    }

    /// Set up an egui context for Dyad: the bundled font and light theme
    /// ([`DyadApp::install_fonts`]), and tessellation that trusts the canvas's meshes (built
    /// with valid indices by construction, see `canvas::paint::build_meshes`): egui would
    /// otherwise re-check every index of a big graph's meshes each frame.
    pub fn setup_context(ctx: &egui::Context) {
        Self::install_fonts(ctx);
        ctx.tessellation_options_mut(|o| o.validate_meshes = false);
    }

    /// Install the bundled font (the one exports use) as egui's first proportional font, and
    /// the light theme that matches exported images.
    fn install_fonts(ctx: &egui::Context) {
        ctx.set_theme(egui::Theme::Light);
        let mut fonts = egui::FontDefinitions::default();
        fonts.font_data.insert(
            "DejaVuSans".to_owned(),
            std::sync::Arc::new(egui::FontData::from_static(include_bytes!(
                "../../assets/fonts/DejaVuSans.ttf"
            ))),
        );
        if let Some(f) = fonts.families.get_mut(&egui::FontFamily::Proportional) {
            f.insert(0, "DejaVuSans".to_owned());
        }
        ctx.set_fonts(fonts);
    }

    fn persisted(&self) -> Persisted {
        Persisted {
            recent: self.recent.clone(),
            min_evidence: self.doc.filter.min_evidence,
            label_all: self.label_all,
            show_isolated: self.show_isolated,
        }
    }
}

impl eframe::App for DyadApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.show(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, eframe::APP_KEY, &self.persisted());
    }
}

/// Open the app window on these files (none: the embedded sample).
pub fn run(files: Vec<PathBuf>, lexicons: Vec<PathBuf>) -> Result<(), String> {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Dyad")
            .with_inner_size([1280.0, 800.0])
            .with_min_inner_size([640.0, 400.0])
            .with_drag_and_drop(true),
        ..Default::default()
    };
    eframe::run_native(
        "Dyad",
        options,
        Box::new(move |cc| {
            DyadApp::setup_context(&cc.egui_ctx);
            let mut errors = Vec::new();
            let extractor = if lexicons.is_empty() {
                Extractor::builtin()
            } else {
                let paths: Vec<&std::path::Path> = lexicons.iter().map(|p| p.as_path()).collect();
                Extractor::from_lexicon_files(&paths).unwrap_or_else(|e| {
                    errors.push(e.to_string());
                    Extractor::builtin()
                })
            };
            let mut app = if files.is_empty() {
                let corpus = pipeline::sample_corpus(&extractor);
                DyadApp::new(extractor, corpus, LayoutMode::Background)
            } else {
                let mut app = DyadApp::new(extractor, Corpus::default(), LayoutMode::Background);
                app.push(Command::OpenPaths(files));
                app
            };
            app.errors.extend(errors);
            if let Some(storage) = cc.storage
                && let Some(p) = eframe::get_value::<Persisted>(storage, eframe::APP_KEY)
            {
                app.recent = p.recent;
                app.doc.filter.min_evidence = p.min_evidence.max(1);
                app.label_all = p.label_all;
                app.show_isolated = p.show_isolated;
            }
            app.apply_pending();
            Ok(Box::new(app))
        }),
    )
    .map_err(|e| e.to_string())
}

//! [`LayoutWorker`]: a [`ForceLayout`] stepping on its own thread.
//!
//! The UI sends commands (new graph, pin, unpin, reheat) over a channel and reads
//! the latest positions snapshot (`Arc<Vec<Point>>`, world units) whenever it
//! paints. While the layout moves the worker publishes a snapshot at most every
//! [`PUBLISH_INTERVAL`] (and always the final one) and calls the optional notify
//! callback (e.g. `egui::Context::request_repaint`). Once converged the thread
//! blocks on the channel: no CPU, no repaints.

use super::{ForceLayout, LayoutParams};
use crate::geom::Point;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, Sender, TryRecvError};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// Minimum time between two published snapshots while the layout moves.
pub const PUBLISH_INTERVAL: Duration = Duration::from_millis(15);

enum Command {
    SetGraph {
        n: usize,
        edges: Vec<(u32, u32, f32)>,
        previous: Vec<Option<Point>>,
        radius_px: Vec<f32>,
        labels: Vec<(u32, f32)>,
    },
    SetParams(LayoutParams),
    Pin(usize, Point),
    Unpin(usize),
    Reheat,
    Shutdown,
}

#[derive(Default)]
struct Shared {
    latest: Mutex<Option<Arc<Vec<Point>>>>,
    generation: AtomicU64,
    running: AtomicBool,
    /// Commands sent but not applied yet.
    pending: AtomicU64,
}

/// Node radii (style pixels) and the labels to make room for, of the current graph.
type Sizes = (Vec<f32>, Vec<(u32, f32)>);

type Notify = Box<dyn Fn() + Send + 'static>;

/// A layout running off the UI thread.
pub struct LayoutWorker {
    tx: Sender<Command>,
    shared: Arc<Shared>,
    handle: Option<JoinHandle<()>>,
}

impl LayoutWorker {
    /// Start the worker thread (idle until [`set_graph`](Self::set_graph)).
    pub fn spawn(params: LayoutParams) -> Self {
        Self::spawn_inner(params, None)
    }

    /// Like [`spawn`](Self::spawn); `notify` is called after each published
    /// snapshot (e.g. `move || ctx.request_repaint()`).
    pub fn spawn_with_notify(params: LayoutParams, notify: impl Fn() + Send + 'static) -> Self {
        Self::spawn_inner(params, Some(Box::new(notify)))
    }

    fn spawn_inner(params: LayoutParams, notify: Option<Notify>) -> Self {
        let (tx, rx) = mpsc::channel();
        let shared = Arc::new(Shared::default());
        let sh = Arc::clone(&shared);
        let handle = std::thread::Builder::new()
            .name("dyad-layout".into())
            .spawn(move || run(rx, sh, params, notify))
            .expect("spawn layout thread");
        LayoutWorker {
            tx,
            shared,
            handle: Some(handle),
        }
    }

    /// A new graph: warm start from `previous` (world positions by node index,
    /// `None` = new node) and run to rest.
    pub fn set_graph(&self, n: usize, edges: &[(u32, u32, f32)], previous: &[Option<Point>]) {
        self.set_graph_sized(n, edges, previous, &[], &[]);
    }

    /// [`set_graph`](Self::set_graph) with each node's radius in style pixels: at rest the
    /// layout is [arranged](ForceLayout::arrange) for discs of these sizes and room is made
    /// for the `labels` of the most important actors (node, label width in em).
    pub fn set_graph_sized(
        &self,
        n: usize,
        edges: &[(u32, u32, f32)],
        previous: &[Option<Point>],
        radius_px: &[f32],
        labels: &[(u32, f32)],
    ) {
        self.send(Command::SetGraph {
            n,
            edges: edges.to_vec(),
            previous: previous.to_vec(),
            radius_px: radius_px.to_vec(),
            labels: labels.to_vec(),
        });
    }

    /// New parameters: applied to the next graph (and reheats the current one).
    pub fn set_params(&self, params: LayoutParams) {
        self.send(Command::SetParams(params));
    }

    /// Pin node `i` at `p` (world units), e.g. while dragging.
    pub fn pin(&self, i: usize, p: Point) {
        self.send(Command::Pin(i, p));
    }

    /// Release a pinned node.
    pub fn unpin(&self, i: usize) {
        self.send(Command::Unpin(i));
    }

    /// "Re-run layout".
    pub fn reheat(&self) {
        self.send(Command::Reheat);
    }

    fn send(&self, cmd: Command) {
        self.shared.pending.fetch_add(1, Ordering::AcqRel);
        if self.tx.send(cmd).is_err() {
            self.shared.pending.fetch_sub(1, Ordering::AcqRel);
        }
    }

    /// The latest positions (world units), if any graph was set.
    pub fn latest(&self) -> Option<Arc<Vec<Point>>> {
        self.shared.latest.lock().ok().and_then(|g| g.clone())
    }

    /// Increases with every published snapshot.
    pub fn generation(&self) -> u64 {
        self.shared.generation.load(Ordering::Acquire)
    }

    /// True while the layout moves (or commands are pending): keep repainting.
    pub fn is_running(&self) -> bool {
        self.shared.running.load(Ordering::Acquire)
            || self.shared.pending.load(Ordering::Acquire) > 0
    }
}

impl Drop for LayoutWorker {
    fn drop(&mut self) {
        let _ = self.tx.send(Command::Shutdown);
        if let Some(h) = self.handle.take() {
            let _ = h.join();
        }
    }
}

fn publish(layout: &ForceLayout, shared: &Shared, notify: &Option<Notify>) {
    let snap = Arc::new(layout.positions().to_vec());
    if let Ok(mut g) = shared.latest.lock() {
        *g = Some(snap);
    }
    shared.generation.fetch_add(1, Ordering::AcqRel);
    if let Some(f) = notify {
        f();
    }
}

/// Apply a command; returns false on shutdown.
fn apply(
    cmd: Command,
    shared: &Shared,
    layout: &mut Option<ForceLayout>,
    params: &mut LayoutParams,
    pins: &mut Vec<Option<Point>>,
    sizes: &mut Sizes,
) -> bool {
    let keep = apply_inner(cmd, layout, params, pins, sizes);
    shared.running.store(true, Ordering::Release);
    shared.pending.fetch_sub(1, Ordering::AcqRel);
    keep
}

fn apply_inner(
    cmd: Command,
    layout: &mut Option<ForceLayout>,
    params: &mut LayoutParams,
    pins: &mut Vec<Option<Point>>,
    sizes: &mut Sizes,
) -> bool {
    match cmd {
        Command::SetGraph {
            n,
            edges,
            previous,
            radius_px,
            labels,
        } => {
            *sizes = (radius_px, labels);
            let l = if previous.iter().any(Option::is_some) {
                ForceLayout::warm_start(n, &edges, params.clone(), &previous)
            } else {
                ForceLayout::new(n, &edges, params.clone())
            };
            pins.clear();
            pins.resize(n, None);
            *layout = Some(l);
        }
        Command::SetParams(p) => {
            *params = p.clone();
            if let Some(l) = layout.as_mut() {
                let prev: Vec<Option<Point>> = l.positions().iter().copied().map(Some).collect();
                let mut nl = ForceLayout::warm_start(l.len(), l.edges(), p, &prev);
                for (i, pin) in pins.iter().enumerate() {
                    if let Some(pt) = pin {
                        nl.set_position(i, *pt);
                        nl.pin(i, true);
                    }
                }
                nl.reheat();
                *layout = Some(nl);
            }
        }
        Command::Pin(i, p) => {
            if let Some(l) = layout.as_mut()
                && i < l.len()
            {
                l.set_position(i, p);
                l.pin(i, true);
                pins[i] = Some(p);
            }
        }
        Command::Unpin(i) => {
            if let Some(l) = layout.as_mut()
                && i < l.len()
            {
                l.pin(i, false);
                pins[i] = None;
            }
        }
        Command::Reheat => {
            if let Some(l) = layout.as_mut() {
                l.reheat();
            }
        }
        Command::Shutdown => return false,
    }
    true
}

fn run(
    rx: Receiver<Command>,
    shared: Arc<Shared>,
    mut params: LayoutParams,
    notify: Option<Notify>,
) {
    let mut layout: Option<ForceLayout> = None;
    let mut pins: Vec<Option<Point>> = Vec::new();
    let mut sizes: Sizes = Default::default();
    let mut last_publish = Instant::now();
    let mut dirty = false;
    loop {
        let active = layout.as_ref().is_some_and(|l| !l.is_converged());
        if !active {
            if dirty && let Some(l) = layout.as_ref() {
                publish(l, &shared, &notify);
            }
            shared.running.store(false, Ordering::Release);
            // idle: block until the next command
            match rx.recv() {
                Ok(cmd) => {
                    if !apply(
                        cmd,
                        &shared,
                        &mut layout,
                        &mut params,
                        &mut pins,
                        &mut sizes,
                    ) {
                        return;
                    }
                    dirty = true;
                }
                Err(_) => return,
            }
        }
        // drain pending commands without blocking
        loop {
            match rx.try_recv() {
                Ok(cmd) => {
                    if !apply(
                        cmd,
                        &shared,
                        &mut layout,
                        &mut params,
                        &mut pins,
                        &mut sizes,
                    ) {
                        return;
                    }
                    dirty = true;
                }
                Err(TryRecvError::Empty) => break,
                Err(TryRecvError::Disconnected) => return,
            }
        }
        if let Some(l) = layout.as_mut()
            && !l.is_converged()
        {
            l.step();
            dirty = true;
            if l.is_converged() {
                // at rest: no overlaps, components packed
                l.arrange(&sizes.0, &sizes.1, &super::pack::ArrangeParams::default());
            }
            if last_publish.elapsed() >= PUBLISH_INTERVAL || l.is_converged() {
                publish(l, &shared, &notify);
                last_publish = Instant::now();
                dirty = false;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wait_idle(w: &LayoutWorker) {
        let t0 = Instant::now();
        while w.is_running() {
            assert!(
                t0.elapsed() < Duration::from_secs(30),
                "worker never went idle"
            );
            std::thread::sleep(Duration::from_millis(2));
        }
    }

    #[test]
    fn worker_delivers_positions_and_goes_idle() {
        let w = LayoutWorker::spawn(LayoutParams::default());
        assert!(w.latest().is_none());
        let edges: Vec<(u32, u32, f32)> = (0..19).map(|i| (i, i + 1, 1.0)).collect();
        w.set_graph(20, &edges, &[]);
        assert!(w.is_running());
        wait_idle(&w);
        let p = w.latest().expect("positions");
        assert_eq!(p.len(), 20);
        assert!(p.iter().all(|q| q.x.is_finite() && q.y.is_finite()));
        let g = w.generation();
        std::thread::sleep(Duration::from_millis(50));
        assert_eq!(w.generation(), g, "idle worker must not publish");

        // pin a node: it ends exactly there
        let target = Point::new(500.0, -300.0);
        w.pin(3, target);
        wait_idle(&w);
        assert_eq!(w.latest().unwrap()[3], target);
        w.unpin(3);
        w.reheat();
        wait_idle(&w);

        // warm start: a new node joins, old nodes keep roughly their places
        let before = w.latest().unwrap();
        let mut e2 = edges.clone();
        e2.push((19, 20, 1.0));
        let prev: Vec<Option<Point>> = before.iter().copied().map(Some).chain([None]).collect();
        w.set_graph(21, &e2, &prev);
        wait_idle(&w);
        let after = w.latest().unwrap();
        assert_eq!(after.len(), 21);
    }

    #[test]
    fn worker_handles_empty_graph_and_drop() {
        let w = LayoutWorker::spawn_with_notify(LayoutParams::default(), || {});
        w.set_graph(0, &[], &[]);
        wait_idle(&w);
        assert_eq!(w.latest().map(|p| p.len()), Some(0));
        w.pin(5, Point::ZERO); // out of range: ignored
        w.unpin(5);
        wait_idle(&w);
        drop(w);
    }
}

//! The layout benchmark's peer (`benches/layout_compare.sh`): run exactly N iterations of Dyad's
//! force layout on an edge list ("u v" per line, nodes 0..N-1), write the final positions
//! ("x y" per line, node 0 first) and print one JSON line of timings, the peer format of the
//! shared layout bench.
//!
//! ```sh
//! cargo run --release --example layout_compare -- graph.txt --iterations 300 \
//!     [--seed S] [--init graph.init.txt] [--out positions.txt] [--peer dyad]
//! ```
//!
//! Benchmark plumbing only: the product (`dyad` and the library) carries none of it.

use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Context, bail};
use clap::Parser;

use dyad::geom::Point;
use dyad::layout::{ForceLayout, LayoutParams};

/// Run exactly N iterations of Dyad's force layout on an edge list and print one JSON line of
/// timings (the layout benchmark's peer format).
#[derive(Parser, Debug)]
#[command(name = "layout_compare")]
struct Args {
    /// Edge list file ("u v" per line, nodes 0..N-1).
    edgelist: PathBuf,
    /// Iterations to run (exactly; convergence does not stop the run).
    #[arg(long, default_value_t = 300)]
    iterations: u32,
    /// Layout seed (start placement when there is no --init).
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Start positions ("x y" per line in [0,1)², e.g. the benchmark's NAME.init.txt),
    /// scaled to the layout's own start box; default: Dyad's own start.
    #[arg(long, value_name = "FILE")]
    init: Option<PathBuf>,
    /// Where to write the final positions.
    #[arg(long, value_name = "POSITIONS")]
    out: Option<PathBuf>,
    /// Name reported as "peer" in the JSON line.
    #[arg(long, default_value = "dyad")]
    peer: String,
}

/// A graph as the benchmark files hold it: node count and weighted edges.
type EdgeList = (usize, Vec<(u32, u32, f32)>);

/// The lines of a benchmark file that hold data: trimmed, numbered from 1, without blank lines
/// and `#` comments.
fn data_lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines()
        .enumerate()
        .map(|(k, l)| (k + 1, l.trim()))
        .filter(|(_, l)| !l.is_empty() && !l.starts_with('#'))
}

/// An edge list: "u v" per line (extra columns ignored). Returns `(node count = largest index
/// + 1, edges with weight 1)`.
fn parse_edge_list(text: &str) -> Result<EdgeList, String> {
    let mut edges = Vec::with_capacity(text.len() / 10);
    let mut n = 0usize;
    for (k, line) in data_lines(text) {
        let mut it = line.split_ascii_whitespace();
        let mut num = || -> Result<u32, String> {
            it.next()
                .and_then(|t| t.parse::<u32>().ok())
                .ok_or_else(|| format!("line {k}: expected \"u v\", got {line:?}"))
        };
        let (u, v) = (num()?, num()?);
        n = n.max(u.max(v) as usize + 1);
        edges.push((u, v, 1.0));
    }
    Ok((n, edges))
}

/// Positions: "x y" per line, node 0 first.
fn parse_positions(text: &str) -> Result<Vec<Point>, String> {
    data_lines(text)
        .map(|(k, line)| {
            let mut it = line.split_ascii_whitespace().map(|t| t.parse::<f32>().ok());
            match (it.next().flatten(), it.next().flatten()) {
                (Some(x), Some(y)) => Ok(Point::new(x, y)),
                _ => Err(format!("line {k}: expected \"x y\"")),
            }
        })
        .collect()
}

/// Positions as text: "x y" per line, node 0 first.
fn format_positions(pos: &[Point]) -> String {
    use std::fmt::Write as _;
    let mut s = String::with_capacity(pos.len() * 24);
    for p in pos {
        let _ = writeln!(s, "{} {}", p.x, p.y);
    }
    s
}

/// A benchmark file read and parsed; errors name the file.
fn read<T>(path: &Path, parse: impl Fn(&str) -> Result<T, String>) -> anyhow::Result<T> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    match parse(&text) {
        Ok(v) => Ok(v),
        Err(reason) => bail!("{}: {reason}", path.display()),
    }
}

/// CPU time (user + system, every thread) of this process so far, in seconds, when the
/// platform tells it (Linux: `/proc/self/stat`, 10 ms ticks).
fn process_cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // fields after the command name (which may hold spaces) in parentheses
    let rest = &stat[stat.rfind(')')? + 2..];
    let f: Vec<&str> = rest.split(' ').collect();
    // utime, stime: fields 14 and 15 of the whole line, i.e. 11 and 12 after the name
    let utime: f64 = f.get(11)?.parse().ok()?;
    let stime: f64 = f.get(12)?.parse().ok()?;
    Some((utime + stime) / 100.0)
}

/// A layout of the edge list that runs exactly `iterations` steps, from the benchmark's start
/// positions (`[0,1)²`, scaled to the box of Dyad's own start) or Dyad's own start.
fn layout_for(
    n: usize,
    edges: &[(u32, u32, f32)],
    seed: u64,
    start: Option<&[Point]>,
) -> ForceLayout {
    let params = LayoutParams {
        seed,
        // exactly `iterations` steps: no convergence stop
        tolerance: 0.0,
        max_iterations: u32::MAX,
        ..Default::default()
    };
    match start {
        Some(s) => {
            // [0,1)² -> the box of Dyad's own start (radius ~ sqrt(n) simulation units)
            let half = (n as f32).sqrt() * params.scale;
            let world: Vec<Point> = s
                .iter()
                .map(|p| Point::new((2.0 * p.x - 1.0) * half, (2.0 * p.y - 1.0) * half))
                .collect();
            ForceLayout::from_start(n, edges, params, &world)
        }
        None => ForceLayout::new(n, edges, params),
    }
}

/// Read, lay out, write the positions; the JSON record of the run.
fn run(a: &Args) -> anyhow::Result<serde_json::Value> {
    let t_start = Instant::now();
    let (mut n, edges) = read(&a.edgelist, parse_edge_list)?;
    let start = match &a.init {
        Some(p) => Some(read(p, parse_positions)?),
        None => None,
    };
    n = n.max(start.as_ref().map_or(0, Vec::len));
    let mut layout = layout_for(n, &edges, a.seed, start.as_deref());
    let seconds_load = t_start.elapsed().as_secs_f64();
    let cpu0 = process_cpu_seconds();
    let t0 = Instant::now();
    for _ in 0..a.iterations {
        layout.step();
    }
    let seconds_layout = t0.elapsed().as_secs_f64();
    let cpu = process_cpu_seconds().zip(cpu0).map(|(b, a)| b - a);
    if let Some(path) = &a.out {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)?;
        }
        std::fs::write(path, format_positions(layout.positions()))
            .with_context(|| format!("cannot write {}", path.display()))?;
    }
    let it = f64::from(a.iterations.max(1));
    let graph = a
        .edgelist
        .file_name()
        .map(|f| f.to_string_lossy().trim_end_matches(".txt").to_owned())
        .unwrap_or_default();
    Ok(serde_json::json!({
        "peer": a.peer,
        "graph": graph,
        "n": n,
        "m": edges.len(),
        "iterations": a.iterations,
        "seconds_layout": seconds_layout,
        "ms_per_iteration": 1000.0 * seconds_layout / it,
        "cpu_seconds_layout": cpu,
        "cpu_ms_per_iteration": cpu.map(|c| 1000.0 * c / it),
        "seconds_load": seconds_load,
        "seconds_total": t_start.elapsed().as_secs_f64(),
        "threads": rayon::current_num_threads(),
        "version": env!("CARGO_PKG_VERSION"),
        "params": {"seed": a.seed, "init": a.init.as_ref().map(|p| p.display().to_string())},
        "positions": a.out.as_ref().map(|p| p.display().to_string()),
    }))
}

fn main() -> anyhow::Result<()> {
    let rec = run(&Args::parse())?;
    println!("{rec}");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn parses_edge_lists_and_positions() {
        let (n, e) = parse_edge_list("0 1\n\n# c\n1 4 extra\n").unwrap();
        assert_eq!(n, 5);
        assert_eq!(e, vec![(0, 1, 1.0), (1, 4, 1.0)]);
        assert_eq!(
            parse_edge_list("0 1\n0 x\n").unwrap_err(),
            "line 2: expected \"u v\", got \"0 x\""
        );
        let pos = [Point::new(1.5, -2.0), Point::new(0.0, 3.25)];
        let s = format_positions(&pos);
        assert_eq!(s, "1.5 -2\n0 3.25\n");
        assert_eq!(parse_positions(&format!("# start\n{s}")).unwrap(), pos);
        assert_eq!(
            parse_positions("1 2\n3\n").unwrap_err(),
            "line 2: expected \"x y\""
        );
        #[cfg(target_os = "linux")]
        assert!(process_cpu_seconds().is_some());
    }

    /// What the benchmark script runs: a file in, positions and one JSON record out.
    #[test]
    fn a_run_writes_positions_and_its_record() {
        let dir = tempfile::tempdir().unwrap();
        let graph = dir.path().join("ring.txt");
        let ring: String = (0..30).map(|i| format!("{i} {}\n", (i + 1) % 30)).collect();
        std::fs::write(&graph, ring).unwrap();
        let init = dir.path().join("ring.init.txt");
        let start: Vec<Point> = (0..30)
            .map(|i| Point::new((i as f32 * 0.37) % 1.0, (i as f32 * 0.61) % 1.0))
            .collect();
        std::fs::write(&init, format_positions(&start)).unwrap();
        let out = dir.path().join("out/pos/dyad__ring.txt");
        let args = Args::parse_from([
            "layout_compare",
            graph.to_str().unwrap(),
            "--iterations",
            "20",
            "--init",
            init.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
            "--peer",
            "dyad-1t",
        ]);
        let rec = run(&args).unwrap();
        assert_eq!(rec["peer"], "dyad-1t");
        assert_eq!(rec["graph"], "ring");
        assert_eq!((rec["n"].as_u64(), rec["m"].as_u64()), (Some(30), Some(30)));
        assert_eq!(rec["iterations"], 20);
        assert!(rec["ms_per_iteration"].as_f64().unwrap() >= 0.0);
        #[cfg(target_os = "linux")]
        assert!(rec["cpu_ms_per_iteration"].as_f64().is_some());
        let pos = parse_positions(&std::fs::read_to_string(&out).unwrap()).unwrap();
        assert_eq!(pos.len(), 30);
        assert!(pos.iter().all(|p| p.x.is_finite() && p.y.is_finite()));
        // a bad file is named
        std::fs::write(&graph, "0 1\nzero one\n").unwrap();
        let err = run(&args).unwrap_err().to_string();
        assert!(err.contains("ring.txt: line 2"), "{err}");
    }

    proptest! {
        #[test]
        fn edge_list_parser_never_panics(text in "([0-9 #\\-a\\n\\t]|4294967295|4294967296){0,60}") {
            if let Ok((n, edges)) = parse_edge_list(&text) {
                for &(u, v, w) in &edges {
                    prop_assert!((u as usize) < n && (v as usize) < n);
                    prop_assert_eq!(w, 1.0);
                }
            }
        }

        #[test]
        fn edge_list_round_trip(edges in proptest::collection::vec((0u32..50, 0u32..50), 0..30)) {
            let text: String = edges.iter().map(|(u, v)| format!("{u} {v}\n")).collect();
            let (n, parsed) = parse_edge_list(&text).unwrap();
            let expect_n = edges.iter().map(|&(u, v)| u.max(v) as usize + 1).max().unwrap_or(0);
            prop_assert_eq!(n, expect_n);
            let pairs: Vec<(u32, u32)> = parsed.iter().map(|&(u, v, _)| (u, v)).collect();
            prop_assert_eq!(pairs, edges);
        }
    }
}

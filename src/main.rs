//! The `dyad` binary: the desktop app when given files or nothing, subcommands for headless work.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, bail};
use clap::{Parser, Subcommand};

use dyad::date::Date;
use dyad::document::Document;
use dyad::export::data::DataFormat;
use dyad::network::EvidenceCount;
use dyad::pipeline;

/// Find who cooperates with, mistrusts, sanctions and fights whom in news articles.
#[derive(Parser, Debug)]
#[command(name = "dyad", version, about, args_conflicts_with_subcommands = true)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// Articles or folders to open in the app (none: the embedded sample article).
    files: Vec<PathBuf>,
    /// Extra lexicon file(s) with actors, aliases and triggers (JSON, see assets/lexicon/README.md).
    #[arg(long = "lexicon", value_name = "FILE", global = true)]
    lexicons: Vec<PathBuf>,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Extract actors and relations and print them.
    Extract {
        /// Print the JSON of the evaluation schema instead of a table.
        #[arg(long)]
        json: bool,
        /// Articles or folders.
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Show how the extractor read each sentence: parse, actors, triggers, modality, roles.
    Explain {
        /// Articles.
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Lay the network out and write it as an image, with no window.
    Render {
        /// Articles or folders.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Output file: .png or .svg.
        #[arg(short = 'o', long = "out", value_name = "OUT")]
        out: PathBuf,
        #[arg(long, default_value_t = 1600)]
        width: u32,
        #[arg(long, default_value_t = 1000)]
        height: u32,
        /// Layout seed.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// The image's heading (default: the article's title, or "N articles · first date –
        /// last date"); an empty string draws none.
        #[arg(long)]
        title: Option<String>,
    },
    /// Write the network as data for Gephi, networkx, R or spreadsheets: GEXF 1.3, GraphML,
    /// CSV (nodes, edges and evidence tables) or JSON (graphology). The filters apply.
    Export {
        /// Articles or folders (with --workspace: added to its articles).
        #[arg(required_unless_present = "workspace")]
        files: Vec<PathBuf>,
        /// Start from a saved workspace (.dyad.json): its articles, lexicons, filters and
        /// hidden relations.
        #[arg(long, value_name = "WORKSPACE")]
        workspace: Option<PathBuf>,
        /// Output file (CSV: NAME.csv writes NAME-nodes.csv, NAME-edges.csv and
        /// NAME-evidence.csv beside it).
        #[arg(short = 'o', long = "out", value_name = "OUT")]
        out: PathBuf,
        /// gexf, graphml, csv or json (default: from the output's extension).
        #[arg(long, value_name = "FORMAT")]
        format: Option<DataFormat>,
        /// Only relations of this kind (repeatable).
        #[arg(long = "kind", value_name = "KIND")]
        kinds: Vec<String>,
        /// Only relations with at least N sentences (or articles, outlets: see --count).
        #[arg(long, value_name = "N")]
        min_evidence: Option<usize>,
        /// What --min-evidence counts: sentences, articles or outlets.
        #[arg(long, value_name = "WHAT")]
        count: Option<EvidenceCount>,
        /// Only evidence dated on or after this day (YYYY-MM-DD).
        #[arg(long, value_name = "DATE")]
        from: Option<Date>,
        /// Only evidence dated on or before this day (YYYY-MM-DD).
        #[arg(long, value_name = "DATE")]
        to: Option<Date>,
        /// With --from/--to: leave out evidence from undated articles.
        #[arg(long)]
        no_undated: bool,
        /// Only relations of this actor id (repeatable).
        #[arg(long, value_name = "ACTOR")]
        focus: Vec<String>,
        /// Also actors without a shown relation.
        #[arg(long)]
        all_actors: bool,
        /// GEXF/GraphML: mark each relation's own direction (a mixed graph, for Gephi and
        /// yEd; networkx and igraph cannot read mixed graphs).
        #[arg(long)]
        mixed: bool,
    },
    /// Run exactly N iterations of the app's force layout on an edge list ("u v" per line,
    /// nodes 0..N-1), write the final positions ("x y" per line) and print one JSON line of
    /// timings (the layout benchmark's peer format).
    Layout {
        /// Edge list file.
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
    },
    /// Train the POS tagger, lemmatizer and dependency parser on UD English EWT + GUM and
    /// write `en.bin.gz` into OUT.
    TrainModel {
        /// Folder with en_ewt-*.conllu and en_gum-*.conllu.
        #[arg(long, value_name = "DIR")]
        ud: PathBuf,
        #[arg(long, value_name = "OUT", default_value = "assets/models")]
        out: PathBuf,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Parser epochs (the tagger trains for 10).
        #[arg(long, default_value_t = 15)]
        epochs: usize,
        /// Also log size and EWT-dev accuracy for several pruning thresholds.
        #[arg(long)]
        sweep: bool,
    },
    /// Print UPOS / UAS / LAS of the model on EWT test and GUM test (predicted tags, every word).
    EvalModel {
        /// Folder with en_ewt-test.conllu and en_gum-test.conllu.
        #[arg(long, value_name = "DIR")]
        ud: PathBuf,
        /// A model file (default: the built-in one).
        #[arg(long, value_name = "FILE")]
        model: Option<PathBuf>,
    },
}

fn main() -> ExitCode {
    dyad::alloc::tune();
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("dyad: error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

/// A document of these files read with the built-in and the user's lexicons; each unreadable
/// file is reported on stderr; fails only when nothing could be read. With many files and a
/// terminal on stderr, shows progress there.
fn document(lexicons: &[PathBuf], files: &[PathBuf]) -> anyhow::Result<Document> {
    use std::io::IsTerminal;
    let mut doc = Document::with_lexicons(lexicons).context("cannot load the lexicon")?;
    let job = doc.load_job(files);
    let total = job.files.len();
    let progress = std::sync::Arc::new(pipeline::Progress::default());
    let show = total > 20 && std::io::stderr().is_terminal();
    let ticker = show.then(|| {
        let p = progress.clone();
        std::thread::spawn(move || {
            while p.done() < total && !p.is_cancelled() {
                eprint!("\rdyad: reading {}/{total} files", p.done());
                std::thread::sleep(std::time::Duration::from_millis(100));
            }
            eprintln!("\rdyad: read {total} files          ");
        })
    });
    let batch = job.run(&progress);
    if let Some(t) = ticker {
        let _ = t.join();
    }
    let report = doc.accept(batch);
    for line in report
        .warnings
        .iter()
        .chain(&report.errors)
        .chain(&report.notes)
    {
        eprintln!("dyad: {line}");
    }
    if doc.is_empty() {
        bail!(
            "no article could be read ({} error(s))",
            report.errors.len()
        );
    }
    Ok(doc)
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Some(Command::Extract { json, files }) => {
            let doc = document(&cli.lexicons, &files)?;
            let report = dyad::report::Report::from_network(doc.network());
            let mut out = std::io::stdout().lock();
            if json {
                writeln!(out, "{}", report.to_json())?;
            } else {
                write!(out, "{}", report.to_table())?;
            }
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Render {
            files,
            out,
            width,
            height,
            seed,
            title,
        }) => {
            let doc = document(&cli.lexicons, &files)?;
            let net = doc.network();
            let title = title.or_else(|| pipeline::corpus_heading(&doc.corpus().articles));
            pipeline::render_to_file(net, seed, &out, width, height, title.as_deref())?;
            eprintln!(
                "dyad: wrote {} ({} actors, {} relations)",
                out.display(),
                net.graph.node_count(),
                net.graph.edge_count()
            );
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Export {
            files,
            workspace,
            out,
            format,
            kinds,
            min_evidence,
            count,
            from,
            to,
            no_undated,
            focus,
            all_actors,
            mixed,
        }) => {
            let format = match format.or_else(|| DataFormat::from_path(&out)) {
                Some(f) => f,
                None => bail!(
                    "cannot tell the format of {}: use --format gexf, graphml, csv or json",
                    out.display()
                ),
            };
            let mut doc = match &workspace {
                Some(ws) => {
                    let (mut doc, report) = Document::open_workspace(ws)
                        .with_context(|| format!("cannot open the workspace {}", ws.display()))?;
                    let more = doc.load(&files, &pipeline::Progress::default());
                    for line in [report, more]
                        .iter()
                        .flat_map(|r| r.warnings.iter().chain(&r.errors).chain(&r.notes))
                    {
                        eprintln!("dyad: {line}");
                    }
                    if doc.is_empty() {
                        bail!("no article of the workspace could be read");
                    }
                    doc
                }
                None => document(&cli.lexicons, &files)?,
            };
            let registry = doc.kinds();
            if !kinds.is_empty() {
                for k in &kinds {
                    if registry.get(k).is_none() {
                        bail!(
                            "unknown relation kind {k:?}; the kinds are: {}",
                            registry.names().join(", ")
                        );
                    }
                }
                for name in registry.names() {
                    doc.filter
                        .kinds
                        .insert(name.to_owned(), kinds.iter().any(|k| k == name));
                }
            }
            let f = &mut doc.filter;
            if let Some(n) = min_evidence {
                f.min_evidence = n;
            }
            if let Some(c) = count {
                f.count = c;
            }
            f.window.from = from.or(f.window.from);
            f.window.to = to.or(f.window.to);
            if no_undated {
                f.window.undated = false;
            }
            f.focus.extend(focus);
            let view = doc.view();
            let options = dyad::export::data::DataOptions { all_actors, mixed };
            let data =
                dyad::export::data::GraphData::new(doc.network(), &doc.filter, &view, options);
            let written = dyad::export::data::export_data(&out, format, &data)?;
            for p in &written {
                eprintln!("dyad: wrote {}", p.display());
            }
            eprintln!(
                "dyad: {} actors, {} relations ({})",
                data.nodes.len(),
                data.edges.len(),
                format.name()
            );
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Layout {
            edgelist,
            iterations,
            seed,
            init,
            out,
            peer,
        }) => layout_command(
            &edgelist,
            iterations,
            seed,
            init.as_deref(),
            out.as_deref(),
            &peer,
        ),
        Some(Command::Explain { files }) => {
            let ex = Document::with_lexicons(&cli.lexicons)
                .context("cannot load the lexicon")?
                .extractor()
                .clone();
            for f in files {
                let article = dyad::ingest::read_article(&f)
                    .with_context(|| format!("reading {}", f.display()))?;
                print!("{}", ex.explain(&article.text));
            }
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::TrainModel {
            ud,
            out,
            seed,
            epochs,
            sweep,
        }) => {
            let opts = dyad::extract::train::TrainOptions {
                seed,
                parser_epochs: epochs,
                sweep,
                ..Default::default()
            };
            let model = dyad::extract::train::train(&ud, &opts, &mut |m| eprintln!("dyad: {m}"))
                .map_err(anyhow::Error::msg)?;
            std::fs::create_dir_all(&out)?;
            let path = out.join("en.bin.gz");
            std::fs::write(&path, model.to_gzip())
                .with_context(|| format!("cannot write {}", path.display()))?;
            eprintln!("dyad: wrote {}", path.display());
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::EvalModel { ud, model }) => {
            let loaded;
            let m = match model {
                Some(p) => {
                    loaded = dyad::extract::model::Model::load(&p).map_err(anyhow::Error::msg)?;
                    &loaded
                }
                None => dyad::extract::model::Model::builtin(),
            };
            print!("{}", m.describe());
            // CPU time of this thread where the kernel reports it (steadier than wall time on a
            // busy machine)
            let cpu = || {
                std::fs::read_to_string("/proc/thread-self/schedstat")
                    .ok()
                    .and_then(|s| s.split_whitespace().next()?.parse::<f64>().ok())
                    .map(|ns| ns / 1e9)
            };
            let (ewt, gum) =
                dyad::extract::train::load_ud(&ud, "test").map_err(anyhow::Error::msg)?;
            let (t0, c0) = (std::time::Instant::now(), cpu());
            let (ewt, gum) = (
                dyad::extract::train::evaluate(m, &ewt),
                dyad::extract::train::evaluate(m, &gum),
            );
            let secs = match (c0, cpu()) {
                (Some(a), Some(b)) => b - a,
                _ => t0.elapsed().as_secs_f64(),
            };
            println!("test set   words    UPOS    XPOS     UAS     LAS   lemma");
            for (name, s) in [("EWT test", ewt), ("GUM test", gum)] {
                println!(
                    "{name}  {:6}  {:6.2}  {:6.2}  {:6.2}  {:6.2}  {:6.2}",
                    s.words,
                    s.upos_pct(),
                    s.xpos_pct(),
                    s.uas_pct(),
                    s.las_pct(),
                    s.lemma_pct()
                );
            }
            println!(
                "(predicted tags, punctuation included; {:.0} words per CPU second)",
                (ewt.words + gum.words) as f64 / secs
            );
            Ok(ExitCode::SUCCESS)
        }
        None => run_gui(cli.files, cli.lexicons),
    }
}

/// `dyad layout`: the benchmark entry point of the layout.
fn layout_command(
    edgelist: &std::path::Path,
    iterations: u32,
    seed: u64,
    init: Option<&std::path::Path>,
    out: Option<&std::path::Path>,
    peer: &str,
) -> anyhow::Result<ExitCode> {
    use dyad::geom::Point;
    use dyad::layout::{ForceLayout, LayoutParams, edgelist as el};
    let t_start = std::time::Instant::now();
    let (mut n, edges) = el::read_edge_list(edgelist)?;
    let start = match init {
        Some(p) => {
            let s = el::read_positions(p)?;
            n = n.max(s.len());
            Some(s)
        }
        None => None,
    };
    let params = LayoutParams {
        seed,
        // exactly `iterations` steps: no convergence stop
        tolerance: 0.0,
        max_iterations: u32::MAX,
        ..Default::default()
    };
    let m = edges.len();
    let mut layout = match &start {
        Some(s) => {
            // [0,1)² -> the box of Dyad's own start (radius ~ sqrt(n) simulation units)
            let half = (n as f32).sqrt() * params.scale;
            let world: Vec<Point> = s
                .iter()
                .map(|p| Point::new((2.0 * p.x - 1.0) * half, (2.0 * p.y - 1.0) * half))
                .collect();
            ForceLayout::from_start(n, &edges, params, &world)
        }
        None => ForceLayout::new(n, &edges, params),
    };
    let seconds_load = t_start.elapsed().as_secs_f64();
    let cpu0 = el::process_cpu_seconds();
    let t0 = std::time::Instant::now();
    for _ in 0..iterations {
        layout.step();
    }
    let seconds_layout = t0.elapsed().as_secs_f64();
    let cpu = el::process_cpu_seconds().zip(cpu0).map(|(b, a)| b - a);
    if let Some(path) = out {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)?;
        }
        std::fs::write(path, el::format_positions(layout.positions()))
            .with_context(|| format!("cannot write {}", path.display()))?;
    }
    let it = iterations.max(1) as f64;
    let graph = edgelist
        .file_name()
        .map(|f| f.to_string_lossy().trim_end_matches(".txt").to_owned())
        .unwrap_or_default();
    let rec = serde_json::json!({
        "peer": peer,
        "graph": graph,
        "n": n,
        "m": m,
        "iterations": iterations,
        "seconds_layout": seconds_layout,
        "ms_per_iteration": 1000.0 * seconds_layout / it,
        "cpu_seconds_layout": cpu,
        "cpu_ms_per_iteration": cpu.map(|c| 1000.0 * c / it),
        "seconds_load": seconds_load,
        "seconds_total": t_start.elapsed().as_secs_f64(),
        "threads": rayon::current_num_threads(),
        "version": env!("CARGO_PKG_VERSION"),
        "params": {"seed": seed, "init": init.map(|p| p.display().to_string())},
        "positions": out.map(|p| p.display().to_string()),
    });
    println!("{rec}");
    Ok(ExitCode::SUCCESS)
}

#[cfg(feature = "gui")]
fn run_gui(files: Vec<PathBuf>, lexicons: Vec<PathBuf>) -> anyhow::Result<ExitCode> {
    dyad::app::run(files, lexicons).map_err(|e| anyhow::anyhow!("cannot start the window: {e}"))?;
    Ok(ExitCode::SUCCESS)
}

#[cfg(not(feature = "gui"))]
fn run_gui(_files: Vec<PathBuf>, _lexicons: Vec<PathBuf>) -> anyhow::Result<ExitCode> {
    bail!("this dyad was built without the `gui` feature; use `dyad extract` or `dyad render`")
}

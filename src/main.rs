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
    Export(ExportArgs),
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

/// The arguments of `dyad export`.
#[derive(clap::Args, Debug)]
struct ExportArgs {
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
        Some(Command::Export(args)) => export(&cli.lexicons, args),
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
        }) => train_model(&ud, &out, seed, epochs, sweep),
        Some(Command::EvalModel { ud, model }) => eval_model(&ud, model.as_deref()),
        None => run_gui(cli.files, cli.lexicons),
    }
}

/// `dyad train-model`: train the language model on UD English and write `en.bin.gz` into `out`.
fn train_model(
    ud: &std::path::Path,
    out: &std::path::Path,
    seed: u64,
    epochs: usize,
    sweep: bool,
) -> anyhow::Result<ExitCode> {
    let opts = dyad::extract::train::TrainOptions {
        seed,
        parser_epochs: epochs,
        sweep,
        ..Default::default()
    };
    let model = dyad::extract::train::train(ud, &opts, &mut |m| eprintln!("dyad: {m}"))
        .map_err(anyhow::Error::msg)?;
    std::fs::create_dir_all(out)?;
    let path = out.join("en.bin.gz");
    std::fs::write(&path, model.to_gzip())
        .with_context(|| format!("cannot write {}", path.display()))?;
    eprintln!("dyad: wrote {}", path.display());
    Ok(ExitCode::SUCCESS)
}

/// `dyad eval-model`: the model's (the built-in one's, or the file `model`'s) accuracy on the
/// UD test sets.
fn eval_model(ud: &std::path::Path, model: Option<&std::path::Path>) -> anyhow::Result<ExitCode> {
    let loaded;
    let m = match model {
        Some(p) => {
            loaded = dyad::extract::model::Model::load(p).map_err(anyhow::Error::msg)?;
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
    let (ewt, gum) = dyad::extract::train::load_ud(ud, "test").map_err(anyhow::Error::msg)?;
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

/// `dyad export`: the filtered network as GEXF, GraphML, CSV or JSON.
fn export(lexicons: &[PathBuf], args: ExportArgs) -> anyhow::Result<ExitCode> {
    let Some(format) = args.format.or_else(|| DataFormat::from_path(&args.out)) else {
        bail!(
            "cannot tell the format of {}: use --format gexf, graphml, csv or json",
            args.out.display()
        );
    };
    let mut doc = match &args.workspace {
        Some(ws) => workspace_document(ws, &args.files)?,
        None => document(lexicons, &args.files)?,
    };
    apply_export_filter(&mut doc, &args)?;
    let view = doc.view();
    let options = dyad::export::data::DataOptions {
        all_actors: args.all_actors,
        mixed: args.mixed,
    };
    let data = dyad::export::data::GraphData::new(doc.network(), &doc.filter, &view, options);
    let written = dyad::export::data::export_data(&args.out, format, &data)?;
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

/// A saved workspace with more files added; its problems are reported on stderr; fails only
/// when none of its articles could be read.
fn workspace_document(ws: &std::path::Path, files: &[PathBuf]) -> anyhow::Result<Document> {
    let (mut doc, report) = Document::open_workspace(ws)
        .with_context(|| format!("cannot open the workspace {}", ws.display()))?;
    let more = doc.load(files, &pipeline::Progress::default());
    for line in [report, more]
        .iter()
        .flat_map(|r| r.warnings.iter().chain(&r.errors).chain(&r.notes))
    {
        eprintln!("dyad: {line}");
    }
    if doc.is_empty() {
        bail!("no article of the workspace could be read");
    }
    Ok(doc)
}

/// The export's filter options on top of the document's filter (a workspace's, or the
/// default).
fn apply_export_filter(doc: &mut Document, args: &ExportArgs) -> anyhow::Result<()> {
    let registry = doc.kinds();
    if !args.kinds.is_empty() {
        if let Some(k) = args.kinds.iter().find(|k| registry.get(k).is_none()) {
            bail!(
                "unknown relation kind {k:?}; the kinds are: {}",
                registry.names().join(", ")
            );
        }
        for name in registry.names() {
            doc.filter
                .kinds
                .insert(name.to_owned(), args.kinds.iter().any(|k| k == name));
        }
    }
    let f = &mut doc.filter;
    if let Some(n) = args.min_evidence {
        f.min_evidence = n;
    }
    if let Some(c) = args.count {
        f.count = c;
    }
    f.window.from = args.from.or(f.window.from);
    f.window.to = args.to.or(f.window.to);
    if args.no_undated {
        f.window.undated = false;
    }
    f.focus.extend(args.focus.iter().cloned());
    Ok(())
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

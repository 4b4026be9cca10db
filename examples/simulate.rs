//! Runs a protocol file and prints its trajectory (both formats: `docs/ARCHITECTURE.md`).
//!
//! ```text
//! cargo run --release --example simulate -- PROTOCOL.json [--format csv|json] [--out FILE] [--plot FIG.svg|FIG.png]
//! ```
//!
//! `--plot` also draws the run: one panel per quantity, the healthy range shaded, dose times
//! ticked under each panel.
//!
//! CSV (the default) is the contract's header and one row per sample; JSON is an object with
//! the protocol echoed back (`protocol`), the samples (`samples`) and the solver's work
//! (`stats`). Both are written as the samples are taken, so long runs stream.
//!
//! On any error one line `error: <message>` goes to stderr and the exit code is 2 for bad input
//! (arguments, an unreadable file, an invalid protocol) and 1 for a failure while simulating or
//! writing.

#[path = "common/cli.rs"]
mod cli;

use clap::Parser;
use hpg::events::{EventOptions, EventTable, TimeUnit};
use hpg::plot::{PlotOptions, population_figure, trajectory_figure};
use hpg::protocol::Protocol;
use hpg::{CSV_HEADER, HpgError, Observation};
use std::fs::File;
use std::io::{self, BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Runs an hpg protocol file and prints the sampled trajectory.
///
/// A protocol with "population": {"n": N, "seed": S} runs N men in parallel and prints
/// time_days,quantity,p5,p25,p50,p75,p95,mean per sample time and output; threshold rows (e.g.
/// sperm_million_per_ml<1) give the fraction of men in `mean`. Without a "mode" field a
/// population runs in mean_field (one man: pulsatile); say "mode": "pulsatile" to resolve every
/// pulse.
///
/// Exit codes: 0 success, 1 simulation or output failure, 2 invalid arguments or protocol.
#[derive(Parser, Debug)]
#[command(version)]
struct Args {
    /// The protocol file (JSON, see docs/ARCHITECTURE.md); `-` reads stdin
    #[arg(value_name = "PROTOCOL.json", required_unless_present = "merge")]
    protocol: Option<String>,
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Csv)]
    format: Format,
    /// Write to FILE instead of stdout
    #[arg(long, short = 'o', value_name = "FILE", value_parser = non_empty_path)]
    out: Option<PathBuf>,
    /// Also draw the run to FIGURE (.svg or .png); for a population, the median and the 5–95th
    /// and 25–75th centile bands
    #[arg(long, value_name = "FIGURE", value_parser = cli::figure_path)]
    plot: Option<PathBuf>,
    /// With a `population`: one row per man and sample (a `patient` column, then the
    /// single-patient columns) instead of the summary
    #[arg(long)]
    per_patient: bool,
    /// With a `population`: run only shard K of N (the men whose index i has i mod N = K);
    /// needs --summary-state
    #[arg(long, value_name = "K/N", value_parser = shard, requires = "summary_state")]
    shard: Option<(u32, u32)>,
    /// With --shard: write the shard's exact, mergeable summary state (JSON) to FILE instead
    /// of a CSV
    #[arg(long, value_name = "FILE", requires = "shard")]
    summary_state: Option<PathBuf>,
    /// Merge the summary states of every shard of one run and print the summary CSV, identical
    /// to the unsharded run's
    #[arg(
        long,
        value_name = "STATE",
        num_args = 1..,
        conflicts_with_all = ["protocol", "shard", "per_patient", "format"]
    )]
    merge: Vec<PathBuf>,
    /// Doses from a NONMEM/mrgsolve-style event table (CSV: ID,TIME,AMT,EVID,CMT,II,ADDL,RATE,SS),
    /// added to the protocol's own regimens (in place of its `events`); several IDs run as
    /// separate men, with an `id` column first
    #[arg(long, value_name = "EVENTS.csv")]
    events: Option<PathBuf>,
    /// Unit of TIME, II and RATE's time in --events
    #[arg(long, value_enum, default_value_t = EventTime::H, requires = "events")]
    time_unit: EventTime,
}

/// Time unit of an event table.
#[derive(Clone, Copy, PartialEq, Debug, clap::ValueEnum)]
enum EventTime {
    /// Hours
    H,
    /// Days
    D,
    /// Weeks
    W,
}

fn shard(text: &str) -> Result<(u32, u32), String> {
    let (k, n) = text
        .split_once('/')
        .ok_or_else(|| format!("`{text}` is not K/N"))?;
    let (k, n): (u32, u32) = match (k.parse(), n.parse()) {
        (Ok(k), Ok(n)) => (k, n),
        _ => return Err(format!("`{text}` is not K/N with whole numbers")),
    };
    if n == 0 || k >= n {
        return Err(format!("shard {k}/{n}: need 0 ≤ K < N"));
    }
    Ok((k, n))
}

fn non_empty_path(text: &str) -> Result<PathBuf, String> {
    if text.is_empty() {
        Err("needs a file name".into())
    } else {
        Ok(PathBuf::from(text))
    }
}

/// Exit code for bad input: arguments, the protocol file, its contents.
const EXIT_INPUT: u8 = 2;
/// Exit code for a failure while simulating or writing.
const EXIT_RUN: u8 = 1;

/// Output format.
#[derive(Clone, Copy, PartialEq, Debug, clap::ValueEnum)]
enum Format {
    /// The contract's CSV header and one row per sample
    Csv,
    /// The protocol echoed back, the samples and the solver's work
    Json,
}

/// A failure: the one-line message and the exit code.
struct Failure {
    message: String,
    code: u8,
}

impl Failure {
    fn input(message: impl Into<String>) -> Self {
        Failure {
            message: message.into(),
            code: EXIT_INPUT,
        }
    }
}

impl From<HpgError> for Failure {
    fn from(e: HpgError) -> Self {
        let code = match e {
            HpgError::Protocol { .. }
            | HpgError::InvalidInput { .. }
            | HpgError::UnknownParameter { .. }
            | HpgError::UnknownPreset { .. }
            | HpgError::InvalidParameter { .. } => EXIT_INPUT,
            _ => EXIT_RUN,
        };
        Failure {
            message: e.to_string(),
            code,
        }
    }
}

fn main() -> ExitCode {
    // A panic is a bug, but the contract still holds: one line on stderr, no backtrace.
    std::panic::set_hook(Box::new(|info| {
        let what = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".to_string());
        let _ = writeln!(io::stderr(), "error: internal error: {}", one_line(&what));
    }));
    let args: Args = cli::parse();
    let outcome = std::panic::catch_unwind(|| run(&args));
    match outcome {
        Ok(Ok(())) => ExitCode::SUCCESS,
        Ok(Err(failure)) => {
            let _ = writeln!(io::stderr(), "error: {}", one_line(&failure.message));
            ExitCode::from(failure.code)
        }
        Err(_) => ExitCode::from(EXIT_RUN),
    }
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Refuses an output path (`what` names it) whose directory does not exist, before any run or
/// output.
fn directory_exists(path: &std::path::Path, what: &str) -> Result<(), Failure> {
    match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() && !dir.is_dir() => Err(Failure::input(format!(
            "cannot write {what} `{}`: directory `{}` does not exist",
            path.display(),
            dir.display()
        ))),
        _ => Ok(()),
    }
}

fn read_protocol(path: &str) -> Result<String, Failure> {
    let mut text = String::new();
    let result = if path == "-" {
        io::stdin().read_to_string(&mut text).map(|_| ())
    } else {
        File::open(path).and_then(|mut f| f.read_to_string(&mut text).map(|_| ()))
    };
    result.map_err(|e| Failure::input(format!("cannot read protocol file `{path}`: {e}")))?;
    Ok(text)
}

fn run(args: &Args) -> Result<(), Failure> {
    if let Some(path) = &args.plot {
        directory_exists(path, "the figure")?;
    }
    if !args.merge.is_empty() {
        return merge_states(args);
    }
    let protocol_path = args.protocol.as_deref().unwrap_or("-");
    let text = read_protocol(protocol_path)?;
    let base = match protocol_path {
        "-" => Path::new(""),
        path => Path::new(path).parent().unwrap_or(Path::new("")),
    };
    let mut protocol = Protocol::from_json_in(&text, base)
        .map_err(|e| Failure::from(e).prefixed(protocol_path))?;
    if let Some(path) = &args.events {
        if protocol.events.is_some() {
            return Err(Failure::input(format!(
                "{protocol_path} names its own event table; give it or --events, not both"
            )));
        }
        let time_unit = match args.time_unit {
            EventTime::H => TimeUnit::Hours,
            EventTime::D => TimeUnit::Days,
            EventTime::W => TimeUnit::Weeks,
        };
        protocol.events = Some(EventTable::from_path(path, &EventOptions { time_unit })?);
        protocol.validate()?;
    }
    if protocol
        .events
        .as_ref()
        .is_some_and(|t| t.subjects().len() > 1)
    {
        return run_subjects(args, &protocol, &text);
    }
    if let Some(population) = hpg::population::Population::from_protocol(&protocol)? {
        if let Some((k, n)) = args.shard {
            return run_shard(args, &protocol, &population, k, n);
        }
        return run_population(args, &protocol, population);
    }
    if args.shard.is_some() {
        return Err(Failure::input(
            "--shard needs a protocol with a `population`",
        ));
    }
    if args.per_patient {
        return Err(Failure::input(
            "--per-patient needs a protocol with a `population`",
        ));
    }
    // Build (and warm up) the simulation before touching the output file, so an invalid
    // protocol or a failing start never truncates an existing file.
    let mut sim = protocol.simulation()?;

    let sink = output_sink(args.out.as_deref())?;
    let mut out = BufWriter::new(sink);
    // Keeps the first write error so that a closed pipe can end the run quietly.
    let mut write_error: Option<io::Error> = None;
    // For --plot: every k-th sample, at most ~4000 points per line.
    let n_samples = (protocol.duration.as_hours() / protocol.sample_every.as_hours()).ceil();
    let stride = ((n_samples / 4000.0).ceil() as usize).max(1);
    let mut plotted: Vec<Observation> = Vec::new();
    let mut seen = 0usize;
    let mut record = |o: &Observation| {
        if args.plot.is_some() && seen.is_multiple_of(stride) {
            plotted.push(*o);
        }
        seen += 1;
    };

    let result = write_trajectory(
        &mut sim,
        &protocol,
        &text,
        args.format,
        &mut out,
        &mut write_error,
        &mut record,
    )
    .and_then(|()| {
        out.flush().map_err(|e| {
            let message = e.to_string();
            write_error = Some(e);
            HpgError::Io(message)
        })
    });
    if let (Ok(()), Some(path)) = (&result, &args.plot) {
        let traj = hpg::Trajectory { samples: plotted };
        hpg::plot::draw(&trajectory_figure(&traj, &plot_options(&protocol)), path).map_err(
            |message| Failure {
                message,
                code: EXIT_RUN,
            },
        )?;
    }
    match result {
        Ok(()) => Ok(()),
        // The reader went away (`simulate p.json | head`): nothing worth reporting.
        Err(_) if write_error.as_ref().map(io::Error::kind) == Some(io::ErrorKind::BrokenPipe) => {
            Ok(())
        }
        // What was written stays (as on stdout); the message and exit code say it is partial.
        Err(e) => {
            let mut failure = Failure::from(e);
            if write_error.is_some() {
                let target = args
                    .out
                    .as_ref()
                    .map_or("stdout".to_string(), |p| format!("`{}`", p.display()));
                failure.message = format!("cannot write {target}: {}", failure.message);
            }
            Err(failure)
        }
    }
}

impl Failure {
    /// Names the protocol file in front of a protocol error.
    fn prefixed(mut self, path: &str) -> Self {
        if path != "-" {
            self.message = format!("{path}: {}", self.message);
        }
        self
    }
}

fn write_trajectory(
    sim: &mut hpg::Simulation,
    protocol: &Protocol,
    text: &str,
    format: Format,
    out: &mut impl Write,
    write_error: &mut Option<io::Error>,
    record: &mut dyn FnMut(&Observation),
) -> Result<(), HpgError> {
    let mut io_err = |e: io::Error| {
        let message = e.to_string();
        if write_error.is_none() {
            *write_error = Some(e);
        }
        HpgError::Io(message)
    };
    match format {
        Format::Csv => {
            writeln!(out, "{CSV_HEADER}").map_err(&mut io_err)?;
            sim.run_streaming(
                protocol.duration,
                protocol.sample_every,
                |o: &Observation| {
                    record(o);
                    o.write_csv_row(out).map_err(&mut io_err)
                },
            )
        }
        Format::Json => {
            let echo: serde_json::Value =
                serde_json::from_str(text).map_err(|e| HpgError::Protocol {
                    message: e.to_string(),
                })?;
            write!(out, "{{\n\"protocol\": ").map_err(&mut io_err)?;
            serde_json::to_writer(&mut *out, &echo).map_err(|e| io_err(e.into()))?;
            write!(out, ",\n\"samples\": [").map_err(&mut io_err)?;
            let mut first = true;
            sim.run_streaming(
                protocol.duration,
                protocol.sample_every,
                |o: &Observation| {
                    record(o);
                    let sep = if first { "\n" } else { ",\n" };
                    first = false;
                    out.write_all(sep.as_bytes()).map_err(&mut io_err)?;
                    serde_json::to_writer(&mut *out, o).map_err(|e| io_err(e.into()))
                },
            )?;
            write!(out, "\n],\n\"stats\": ").map_err(&mut io_err)?;
            serde_json::to_writer(&mut *out, &sim.stats()).map_err(|e| io_err(e.into()))?;
            writeln!(out, "\n}}").map_err(&mut io_err)
        }
    }
}

/// Where the output goes: the `--out` file (created now) or stdout.
fn output_sink(out: Option<&Path>) -> Result<Box<dyn Write>, Failure> {
    Ok(match out {
        Some(path) => Box::new(File::create(path).map_err(|e| Failure {
            message: format!("cannot create `{}`: {e}", path.display()),
            code: EXIT_RUN,
        })?),
        None => Box::new(io::stdout().lock()),
    })
}

/// An event table of several men: each `ID` run in turn, CSV rows prefixed by the ID (or, in
/// JSON, one object per man).
fn run_subjects(args: &Args, protocol: &Protocol, text: &str) -> Result<(), Failure> {
    let men = protocol.subjects();
    if args.plot.is_some() || args.per_patient || args.shard.is_some() {
        return Err(Failure::input(format!(
            "the event table has {} men (IDs); --plot, --per-patient and --shard are for one man \
             or a population",
            men.len()
        )));
    }
    // Every man's simulation is built before any output, so bad input never truncates a file.
    let mut sims = Vec::new();
    for (id, p) in &men {
        let id = id.clone().unwrap_or_default();
        let sim = p
            .simulation()
            .map_err(|e| Failure::from(e.within(&format!("ID {id}"))))?;
        sims.push((id, sim));
    }
    let sink = output_sink(args.out.as_deref())?;
    let mut out = BufWriter::new(sink);
    match write_subjects(&mut out, &mut sims, protocol, text, args.format) {
        // The reader went away (`simulate p.json | head`): nothing worth reporting.
        Err(Written::Io(e)) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        Err(Written::Io(e)) => Err(Failure {
            message: format!("cannot write output: {e}"),
            code: EXIT_RUN,
        }),
        Err(Written::Run(id, e)) => Err(Failure::from(e.within(&format!("ID {id}")))),
        Ok(()) => Ok(()),
    }
}

/// Why writing several men's runs stopped.
enum Written {
    Io(io::Error),
    Run(String, HpgError),
}

fn write_subjects(
    out: &mut impl Write,
    sims: &mut [(String, hpg::Simulation)],
    protocol: &Protocol,
    text: &str,
    format: Format,
) -> Result<(), Written> {
    let json = format == Format::Json;
    if json {
        let echo: serde_json::Value = serde_json::from_str(text).map_err(|e| {
            Written::Run(
                String::new(),
                HpgError::Protocol {
                    message: e.to_string(),
                },
            )
        })?;
        write!(out, "{{\n\"protocol\": {echo},\n\"subjects\": [").map_err(Written::Io)?;
    } else {
        writeln!(out, "id,{CSV_HEADER}").map_err(Written::Io)?;
    }
    for (k, (id, sim)) in sims.iter_mut().enumerate() {
        if json {
            let quoted = serde_json::to_string(id).expect("a string serializes");
            let sep = if k == 0 { "\n" } else { ",\n" };
            write!(out, "{sep}{{\"id\": {quoted}, \"samples\": [").map_err(Written::Io)?;
        }
        let mut first = true;
        let mut io_error = None;
        let result = sim.run_streaming(protocol.duration, protocol.sample_every, |o| {
            let written = if json {
                let sep = if first { "" } else { "," };
                first = false;
                serde_json::to_string(o)
                    .map_err(io::Error::other)
                    .and_then(|row| write!(out, "{sep}\n{row}"))
            } else {
                write!(out, "{},", csv_cell(id)).and_then(|()| o.write_csv_row(&mut *out))
            };
            written.map_err(|e| {
                let message = e.to_string();
                io_error = Some(e);
                HpgError::Io(message)
            })
        });
        if let Some(e) = io_error {
            return Err(Written::Io(e));
        }
        result.map_err(|e| Written::Run(id.clone(), e))?;
        if json {
            let stats = serde_json::to_string(&sim.stats()).expect("stats serialize");
            write!(out, "\n], \"stats\": {stats}}}").map_err(Written::Io)?;
        }
    }
    if json {
        writeln!(out, "\n]\n}}").map_err(Written::Io)?;
    }
    out.flush().map_err(Written::Io)
}

/// An ID as a CSV cell: quoted when it holds a comma, a quote or a line break.
fn csv_cell(id: &str) -> String {
    if id.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", id.replace('"', "\"\""))
    } else {
        id.to_string()
    }
}

/// What the figures of a protocol show besides the data: its patient and its regimens.
fn plot_options(protocol: &Protocol) -> PlotOptions {
    PlotOptions {
        title: None,
        patient: Some(protocol.patient.preset),
        regimens: protocol.all_regimens(),
    }
}

/// `--shard K/N --summary-state FILE`: one shard's mergeable summary state, as JSON.
fn run_shard(
    args: &Args,
    protocol: &Protocol,
    population: &hpg::population::Population,
    k: u32,
    n: u32,
) -> Result<(), Failure> {
    use hpg::population::default_thresholds;
    if args.per_patient || args.plot.is_some() || args.out.is_some() {
        return Err(Failure::input(
            "--shard writes only its --summary-state; --plot, --out and --per-patient go with --merge",
        ));
    }
    let path = args.summary_state.as_ref().expect("clap requires it");
    // A typo in the path should not cost the shard's whole run.
    directory_exists(path, "the summary state")?;
    let done = std::sync::atomic::AtomicUsize::new(0);
    let state = population.summarize_shard(protocol, &default_thresholds(), k, n, &done)?;
    let text = serde_json::to_string(&state).map_err(|e| Failure {
        message: format!("cannot encode the summary state: {e}"),
        code: EXIT_RUN,
    })?;
    std::fs::write(path, text).map_err(|e| Failure {
        message: format!("cannot write `{}`: {e}", path.display()),
        code: EXIT_RUN,
    })
}

/// `--merge STATE...`: the summary CSV (and figure) of the merged shards.
fn merge_states(args: &Args) -> Result<(), Failure> {
    let mut merged: Option<hpg::population::SummaryState> = None;
    for path in &args.merge {
        let text = std::fs::read_to_string(path)
            .map_err(|e| Failure::input(format!("cannot read `{}`: {e}", path.display())))?;
        let state: hpg::population::SummaryState = serde_json::from_str(&text).map_err(|e| {
            Failure::input(format!("`{}` is not a summary state: {e}", path.display()))
        })?;
        merged = Some(match merged {
            None => {
                state
                    .check()
                    .map_err(|e| Failure::from(e).prefixed(&path.display().to_string()))?;
                state
            }
            Some(m) => m
                .merge(state)
                .map_err(|e| Failure::from(e).prefixed(&path.display().to_string()))?,
        });
    }
    let summary = merged.expect("clap requires one state").summary()?;
    let mut bytes = Vec::new();
    summary
        .write_csv(&mut bytes)
        .map_err(|e| Failure::input(e.to_string()))?;
    match &args.out {
        Some(path) => std::fs::write(path, &bytes).map_err(|e| Failure {
            message: format!("cannot write `{}`: {e}", path.display()),
            code: EXIT_RUN,
        })?,
        None => {
            let mut out = io::stdout().lock();
            match out.write_all(&bytes).and_then(|()| out.flush()) {
                Err(e) if e.kind() != io::ErrorKind::BrokenPipe => {
                    return Err(Failure {
                        message: format!("cannot write stdout: {e}"),
                        code: EXIT_RUN,
                    });
                }
                _ => {}
            }
        }
    }
    if let Some(path) = &args.plot {
        hpg::plot::draw(&population_figure(&summary, &PlotOptions::default()), path).map_err(
            |message| Failure {
                message,
                code: EXIT_RUN,
            },
        )?;
    }
    Ok(())
}

/// A population protocol: the summary CSV (or one row per man and sample with
/// `--per-patient`), a progress bar on a terminal, and an optional centile-band figure.
fn run_population(
    args: &Args,
    protocol: &Protocol,
    population: hpg::population::Population,
) -> Result<(), Failure> {
    use hpg::population::{default_thresholds, per_patient_csv_header};
    use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
    if args.format == Format::Json {
        return Err(Failure::input(
            "population runs print CSV; drop --format json",
        ));
    }
    if args.per_patient && args.plot.is_some() {
        return Err(Failure::input(
            "--plot draws the summary; drop --per-patient",
        ));
    }
    let done = AtomicUsize::new(0);
    let finished = AtomicBool::new(false);
    let n = population.n;
    let run_failure = |message: String| Failure {
        message,
        code: EXIT_RUN,
    };
    // With --out, write to a sibling temporary file and rename it on success, so a failing
    // run never leaves an existing file truncated.
    let temporary = args.out.as_ref().map(|path| {
        let mut name = path.file_name().unwrap_or_default().to_os_string();
        name.push(".partial");
        path.with_file_name(name)
    });
    let sink: Box<dyn Write> = match &temporary {
        Some(path) => Box::new(
            File::create(path)
                .map_err(|e| run_failure(format!("cannot create `{}`: {e}", path.display())))?,
        ),
        None => Box::new(io::stdout().lock()),
    };
    let mut out = BufWriter::new(sink);
    let result = std::thread::scope(|scope| -> Result<(), Failure> {
        scope.spawn(|| progress_bar(&done, &finished, n));
        let result = (|| -> Result<(), Failure> {
            if args.per_patient {
                writeln!(out, "{}", per_patient_csv_header())
                    .map_err(|e| run_failure(e.to_string()))?;
                population
                    .for_each_patient(protocol, 64, &done, |i, samples| {
                        for o in samples {
                            write!(out, "{i},").map_err(HpgError::from)?;
                            o.write_csv_row(&mut out).map_err(HpgError::from)?;
                        }
                        Ok(())
                    })
                    .map_err(Failure::from)?;
            } else {
                let summary = population
                    .summarize_with_progress(protocol, &default_thresholds(), &done)
                    .map_err(Failure::from)?;
                summary
                    .write_csv(&mut out)
                    .map_err(|e| run_failure(format!("cannot write the summary: {e}")))?;
                if let Some(path) = &args.plot {
                    hpg::plot::draw(&population_figure(&summary, &plot_options(protocol)), path)
                        .map_err(run_failure)?;
                }
            }
            out.flush().map_err(|e| run_failure(e.to_string()))
        })();
        // Always stop the progress thread, success or not, before the scope joins it.
        finished.store(true, Ordering::Relaxed);
        result
    });
    drop(out);
    match (&result, &temporary, &args.out) {
        (Ok(()), Some(tmp), Some(path)) => std::fs::rename(tmp, path)
            .map_err(|e| run_failure(format!("cannot write `{}`: {e}", path.display()))),
        (Err(_), Some(tmp), _) => {
            let _ = std::fs::remove_file(tmp);
            result
        }
        _ => result,
    }
}

/// A one-line progress bar on stderr, only on a terminal and only once a run has taken a
/// second.
fn progress_bar(
    done: &std::sync::atomic::AtomicUsize,
    finished: &std::sync::atomic::AtomicBool,
    n: usize,
) {
    use std::io::IsTerminal;
    use std::sync::atomic::Ordering;
    let start = std::time::Instant::now();
    let mut shown = false;
    while !finished.load(Ordering::Relaxed) {
        std::thread::sleep(std::time::Duration::from_millis(100));
        if start.elapsed().as_secs_f64() < 1.0 || !io::stderr().is_terminal() {
            continue;
        }
        let k = done.load(Ordering::Relaxed).min(n);
        let width = 30;
        let filled = width * k / n.max(1);
        let _ = write!(
            io::stderr(),
            "\r[{}{}] {k}/{n} men",
            "#".repeat(filled),
            " ".repeat(width - filled)
        );
        shown = true;
    }
    if shown {
        let _ = writeln!(io::stderr());
    }
}

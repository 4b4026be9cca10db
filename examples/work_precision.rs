//! Work–precision table for BENCHMARKS.md: for each benchmark scenario, method and tolerance,
//! the run time (median of repeated runs of a settled simulation), accepted steps, RHS
//! evaluations, RHS evaluations per GnRH pulse, and the largest relative error of the daily
//! samples of T, LH, FSH, E2 and ITT against a reference run at rtol 1e-12.
//!
//! `cargo run --release --features dop853-comparison --example work_precision [-- SCENARIO...]`

#[path = "common/cli.rs"]
mod cli;

use clap::Parser;
use hpg::Method;
use std::time::Instant;

#[path = "../benches/scenarios.rs"]
mod scenarios;

/// Work–precision table (Markdown) for BENCHMARKS.md: run time, steps, RHS evaluations and the
/// largest relative error against an rtol-1e-12 reference, per scenario, method and tolerance.
/// All scenarios take several minutes; progress goes to stderr.
#[derive(Parser, Debug)]
#[command(version)]
struct Args {
    /// Only these scenarios (by name); all when none are given
    #[arg(value_name = "SCENARIO")]
    only: Vec<String>,
    /// Our methods only: skip ode_solvers' Dop853 (about a minute of the run)
    #[arg(long)]
    ours: bool,
}

fn main() {
    let args: Args = cli::parse();
    let names: Vec<&str> = scenarios::all().iter().map(|s| s.name).collect();
    if let Some(unknown) = args.only.iter().find(|o| !names.contains(&o.as_str())) {
        eprintln!(
            "error: unknown scenario `{unknown}` (scenarios: {})",
            names.join(", ")
        );
        std::process::exit(cli::EXIT_INPUT.into());
    }
    let only = args.only;
    #[allow(unused_mut)]
    let mut methods: Vec<Method> = if args.ours {
        vec![Method::Dopri5, Method::Rosenbrock, Method::Ros34pw2]
    } else {
        vec![
            Method::Dopri5,
            Method::Rosenbrock,
            Method::Ros34pw2,
            Method::OdeSolversDop853,
        ]
    };
    // Built with `--features dop853-comparison,diffsol-comparison`: diffsol's BDF and ESDIRK34
    // too (restarted at every breakpoint, as any library solver meets our segments).
    #[cfg(feature = "diffsol-comparison")]
    methods.extend([Method::DiffsolBdf, Method::DiffsolEsdirk34]);
    for s in scenarios::all()
        .into_iter()
        .filter(|s| only.is_empty() || only.iter().any(|o| o == s.name))
    {
        let reference = {
            let mut sim = scenarios::prepare(&s, Method::Dopri5, 1e-12);
            scenarios::run(&mut sim, s.days)
        };
        println!("\n### {}\n", s.name);
        println!(
            "| method | rtol | time (ms) | steps | RHS evaluations | RHS / pulse | max rel. error |"
        );
        println!("|---|---|---|---|---|---|---|");
        for method in methods.iter().copied() {
            for rtol in [1e-4, 1e-5, 1e-6, 1e-7, 1e-8] {
                eprintln!("{}: {method:?} at rtol {rtol:e} …", s.name);
                let template = scenarios::prepare(&s, method, rtol);
                let mut times = Vec::new();
                let mut result = (Vec::new(), template.stats());
                let repeats = if matches!(
                    method,
                    Method::Dopri5 | Method::Rosenbrock | Method::Ros34pw2
                ) {
                    7
                } else {
                    1
                };
                for _ in 0..repeats {
                    let mut sim = template.clone();
                    let t0 = Instant::now();
                    let samples = scenarios::run(&mut sim, s.days);
                    times.push(t0.elapsed().as_secs_f64() * 1e3);
                    result = (samples, sim.stats());
                }
                times.sort_by(f64::total_cmp);
                let (samples, stats) = result;
                let pulses = stats.pulses + stats.dose_events;
                let per_pulse = if pulses > 0 {
                    format!("{:.1}", stats.rhs_evaluations as f64 / pulses as f64)
                } else {
                    "–".into()
                };
                println!(
                    "| {} | {rtol:.0e} | {:.2} | {} | {} | {per_pulse} | {:.1e} |",
                    match method {
                        Method::Auto => "auto",
                        Method::Dopri5 => "Dopri5 (ours)",
                        Method::Rosenbrock => "Rosenbrock W 2(3) (ours)",
                        Method::Ros34pw2 => "ROS34PW2 W 3(2) (ours)",
                        Method::OdeSolversDop853 => "Dop853 (ode_solvers)",
                        #[cfg(feature = "diffsol-comparison")]
                        Method::DiffsolBdf => "BDF (diffsol)",
                        #[cfg(feature = "diffsol-comparison")]
                        Method::DiffsolEsdirk34 => "ESDIRK34 (diffsol)",
                        _ => "other",
                    },
                    times[times.len() / 2],
                    stats.steps,
                    stats.rhs_evaluations,
                    scenarios::max_relative_error(&samples, &reference)
                );
            }
        }
    }
}

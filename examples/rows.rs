//! Branch tool: every scorecard row in one mode with parameter factors, one line each.
//!
//! ```text
//! cargo run --release --example rows -- m|p [NAME=FACTOR ...]
//! ```
//!
//! `m` runs `mean_field`, `p` `pulsatile`; each `name=factor` multiplies a parameter on every
//! preset (as `calibrate` does), or on one preset's only as `preset:name=factor`. For trying a change by hand before a fit.

#[path = "common/cli.rs"]
mod cli;

use clap::Parser;
use hpg::Mode;
use hpg::study::scorecard::{rows, scoped_parameter};
use rayon::prelude::*;
use std::process::ExitCode;

/// Every scorecard row in one mode with parameters scaled, one line each (a branch tool for
/// trying a change by hand before a fit). Exit status: 0 when every row ran, 1 when a row
/// failed to run, 2 on bad options.
#[derive(Parser, Debug)]
#[command(version)]
struct Args {
    /// m or mean_field, p or pulsatile
    #[arg(value_parser = mode)]
    mode: Mode,
    /// NAME=FACTOR: multiply parameter NAME by FACTOR on every preset (as `calibrate` does);
    /// PRESET:NAME=FACTOR on that preset only
    #[arg(value_name = "NAME=FACTOR", value_parser = factor)]
    factors: Vec<(String, f64)>,
}

fn mode(text: &str) -> Result<Mode, String> {
    match text {
        "m" => Ok(Mode::MeanField),
        "p" => Ok(Mode::Pulsatile),
        other => cli::mode(other),
    }
}

fn factor(text: &str) -> Result<(String, f64), String> {
    let (scoped, x) = text
        .split_once('=')
        .ok_or_else(|| format!("`{text}` is not NAME=FACTOR"))?;
    let (_, parameter) = scoped_parameter(scoped).map_err(|e| e.to_string())?;
    if hpg::Params::range(parameter).is_none() {
        return Err(format!("unknown parameter `{parameter}`"));
    }
    match x.parse::<f64>() {
        Ok(x) if x.is_finite() && x > 0.0 => Ok((scoped.to_string(), x)),
        _ => Err(format!(
            "the factor of `{scoped}` must be a positive number, got `{x}`"
        )),
    }
}

fn main() -> ExitCode {
    let args: Args = cli::parse();
    let mode = args.mode;
    let factors: Vec<(&str, f64)> = args.factors.iter().map(|(n, v)| (n.as_str(), *v)).collect();
    let rows = match rows() {
        Ok(rows) => rows,
        Err(e) => return cli::fail(&e.to_string(), cli::EXIT_RUN),
    };
    let out: Vec<_> = rows
        .par_iter()
        .map(|r| (r.id.clone(), r.run_adjusted(mode, &factors)))
        .collect();
    let (mut fails, mut errors) = (0, 0);
    for (id, o) in out {
        match o {
            Ok(o) => {
                if !o.pass {
                    fails += 1;
                }
                println!(
                    "{id:4} {} {}",
                    if o.pass { "ok " } else { "NO " },
                    o.simulated
                )
            }
            Err(e) => {
                errors += 1;
                println!("{id:4} ERR {e}")
            }
        }
    }
    println!("fails: {fails}");
    if errors > 0 {
        ExitCode::from(cli::EXIT_RUN)
    } else {
        ExitCode::SUCCESS
    }
}

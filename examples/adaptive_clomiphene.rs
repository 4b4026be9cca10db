//! Adaptive dosing with the stepping API: clomiphene 25 mg every other day in a man with
//! secondary hypogonadism; at week 6 his T is measured (a day's mean), and if it is below
//! 400 ng/dL the dose is raised to 50 mg every other day from then on. Prints T, LH and E2 at
//! baseline, week 6 and week 12 and what was decided.
//!
//! ```text
//! cargo run --release --example adaptive_clomiphene -- [--patient PRESET] [--target NG_DL]
//!     [--mode mean_field|pulsatile]
//! ```

#[path = "common/cli.rs"]
mod cli;

use clap::Parser;
use cli::{between, exit};
use hpg::prelude::*;
use hpg::study::daily_mean;
use std::process::ExitCode;

/// Adaptive clomiphene: 25 mg every other day, raised to 50 mg at week 6 if T is below a
/// target.
#[derive(Parser, Debug)]
#[command(version)]
struct Args {
    /// The patient: secondary_hypogonadism, healthy, older, primary_hypogonadism, gnrh_deficient,
    /// gnrh_deficient_untreated
    #[arg(long, default_value = "secondary_hypogonadism", value_parser = cli::preset)]
    patient: Preset,
    /// The T (ng/dL, a day's mean) below which the dose is raised
    #[arg(long, default_value_t = 400.0, value_parser = between(1.0, 5000.0))]
    target: f64,
    /// mean_field or pulsatile
    #[arg(long, default_value = "mean_field", value_parser = cli::mode)]
    mode: Mode,
}

fn main() -> ExitCode {
    let args: Args = cli::parse();
    exit(run(args.patient, args.target, args.mode).map_err(|e| e.to_string()))
}

fn run(preset: Preset, target: f64, mode: Mode) -> Result<(), HpgError> {
    let every_other_day = Duration::days(2.0);
    let mut sim = Simulation::new(Patient::new(preset), SimOptions::mode(mode))?;
    let show = |label: &str, o: &Observation| {
        println!(
            "{label:<22} T {:5.0} ng/dL   LH {:4.1} IU/L   E2 {:4.1} pg/mL",
            o.testosterone_ng_dl, o.lh_iu_l, o.estradiol_pg_ml
        )
    };
    println!("# Adaptive clomiphene ({preset}, {mode})\n");
    show("baseline", &daily_mean(&mut sim)?);
    let start = sim.add_regimen_now(Regimen::repeated(
        Drug::ClomipheneCitrate,
        Dose::mg(25.0)?,
        every_other_day,
    ))?;
    sim.advance_to(Duration::weeks(6.0))?;
    let week6 = daily_mean(&mut sim)?;
    show("week 6 (25 mg EOD)", &week6);
    if week6.testosterone_ng_dl < target {
        sim.stop(start)?;
        sim.add_regimen_now(Regimen::repeated(
            Drug::ClomipheneCitrate,
            Dose::mg(50.0)?,
            every_other_day,
        ))?;
        println!(
            "T {:.0} < {target:.0} ng/dL: raised to 50 mg every other day",
            week6.testosterone_ng_dl
        );
    } else {
        println!(
            "T {:.0} ≥ {target:.0} ng/dL: 25 mg every other day continued",
            week6.testosterone_ng_dl
        );
    }
    sim.advance_to(Duration::weeks(12.0))?;
    show("week 12", &daily_mean(&mut sim)?);
    Ok(())
}

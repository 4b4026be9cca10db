//! Prints each preset's baseline (daily means over a week) in both modes: a quick look at the
//! calibration. `cargo run --release --example presets`
#[path = "common/cli.rs"]
mod cli;

use clap::Parser;
use hpg::prelude::*;
use std::process::ExitCode;

/// Prints each preset's baseline (daily means over a week) in both modes, with the pulse rate
/// and the solver's RHS evaluations per pulse. Exit status: 0, or 1 when a run fails.
#[derive(Parser, Debug)]
#[command(version)]
struct Args {
    /// Days averaged
    #[arg(long, default_value_t = 7.0, value_parser = cli::between(1.0, 365.0))]
    days: f64,
}

fn main() -> ExitCode {
    let args: Args = cli::parse();
    cli::exit(run(args.days).map_err(|e| e.to_string()))
}

fn run(days: f64) -> Result<(), HpgError> {
    for preset in Preset::ALL {
        for mode in [Mode::Pulsatile, Mode::MeanField] {
            let t0 = std::time::Instant::now();
            let mut sim = Simulation::new(Patient::new(preset), SimOptions::mode(mode))?;
            let traj = sim.run(Duration::days(days), Duration::minutes(10.0))?;
            let m = |f: fn(&Observation) -> f64| traj.mean(f);
            println!(
                "{:<24} {:<10} T {:6.0} fT% {:4.2} LH {:5.2} FSH {:5.2} E2 {:5.1} ITT {:6.0} ratio {:5.1} InhB {:5.0} sperm {:5.1} vol {:4.1} | pulses/d {:4.1} rhs/pulse {:4.1} ({:.0} ms)",
                preset.name(),
                mode.to_string(),
                m(|o| o.testosterone_ng_dl),
                100.0 * m(|o| o.free_testosterone_pg_ml) / (10.0 * m(|o| o.testosterone_ng_dl)),
                m(|o| o.lh_iu_l),
                m(|o| o.fsh_iu_l),
                m(|o| o.estradiol_pg_ml),
                m(|o| o.itt_ng_ml),
                m(|o| o.itt_ng_ml) / m(|o| o.testosterone_ng_dl) * 100.0,
                m(|o| o.inhibin_b_pg_ml),
                m(|o| o.sperm_million_per_ml),
                m(|o| o.testis_volume_ml),
                sim.stats().pulses as f64 / days,
                sim.stats().rhs_evaluations as f64 / sim.stats().pulses.max(1) as f64,
                t0.elapsed().as_secs_f64() * 1000.0
            );
        }
    }
    Ok(())
}

//! Recovery after stopping testosterone: the WHO 1990 regimen (enanthate 200 mg weekly) for 3,
//! 6, 12 and 24 months, then nothing. Prints how long after the last dose LH, T and sperm
//! (≥ 20 M/mL, Liu 2006's threshold) come back, and draws LH, T and sperm over time.
//!
//! ```text
//! cargo run --release --example recovery -- [--patient PRESET] [--follow-months N]
//!     [--mode mean_field|pulsatile] [--plot FILE.svg|FILE.png] [--no-plot]
//! ```

#[path = "common/args.rs"]
mod args;
#[path = "common/plot.rs"]
mod plot;

use args::{Cli, exit, fail};
use hpg::study::scenarios::recovery_after_trt;
use hpg::{Mode, Observation, Patient, Preset};
use plot::{Figure, PALETTE, Series, quantity};
use std::process::ExitCode;

const USAGE: &str = "\
Recovery of LH, T and sperm after stopping TRT (enanthate 200 mg weekly) used for 3, 6, 12 and
24 months.

Usage: recovery [--patient PRESET] [--follow-months N] [--months-on LIST] [--mode MODE]
                [--plot FILE] [--no-plot]

Options:
  --patient PRESET      healthy (default), older, secondary_hypogonadism, ...
  --months-on LIST      comma-separated months of use (default 3,6,12,24)
  --follow-months N     follow-up after the last dose (default 12)
  --mode MODE           mean_field (default, fast) or pulsatile
  --plot FILE           figure to write, .svg or .png (default recovery.png)
  --no-plot             print the table only
  -h, --help            print this help
";

fn main() -> ExitCode {
    let mut cli = match Cli::parse(USAGE) {
        Ok(Some(cli)) => cli,
        Ok(None) => return ExitCode::SUCCESS,
        Err(e) => return fail(&e, 2),
    };
    let options = (|| -> Result<_, String> {
        let preset: Preset = cli.value("--patient", "healthy")?;
        let follow: f64 = cli.number("--follow-months", 12.0, 0.5, 120.0)?;
        let list: String = cli.value("--months-on", "3,6,12,24")?;
        let months_on = list
            .split(',')
            .map(|m| match m.trim().parse::<f64>() {
                Ok(x) if (0.25..=120.0).contains(&x) => Ok(x),
                _ => Err(format!(
                    "--months-on: `{m}` is not a number of months in 0.25–120"
                )),
            })
            .collect::<Result<Vec<f64>, String>>()?;
        let mode: Mode = cli.value("--mode", "mean_field")?;
        let plot = cli.plot("recovery.png")?;
        cli.finish()?;
        Ok((preset, follow, months_on, mode, plot))
    })();
    let (preset, follow, months_on, mode, plot) = match options {
        Ok(o) => o,
        Err(e) => return fail(&e, 2),
    };
    let run = || -> Result<(), String> {
        let follow_days = (follow * hpg::units::DAYS_PER_MONTH).round() as u32;
        let patient = Patient::new(preset);
        let results = months_on
            .iter()
            .map(|&m| recovery_after_trt(&patient, m, follow_days, mode))
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| e.to_string())?;

        println!("# Recovery after stopping TRT (enanthate 200 mg weekly): {preset}, {mode}\n");
        println!(
            "Months after the last dose until each is back (— : not within {follow} months).\n"
        );
        println!(
            "| months of TRT | sperm nadir (M/mL) | LH ≥ 80 % of baseline | T within ±20 % of baseline | sperm ≥ 20 M/mL |"
        );
        println!("|---|---|---|---|---|");
        let months = |d: Option<f64>| {
            d.map_or("—".to_string(), |d| {
                format!("{:.1}", d / hpg::units::DAYS_PER_MONTH)
            })
        };
        for r in &results {
            println!(
                "| {} | {:.2} | {} | {} | {} |",
                r.months_on,
                r.sperm_nadir,
                months(r.lh_days),
                months(r.testosterone_days),
                months(r.sperm_days)
            );
        }
        println!(
            "\nPublished (Liu 2006, 1,549 men): median 3.4 months to ≥ 20 M/mL; 67/90/100 % by 6/12/24 months."
        );

        if let Some(path) = plot {
            // Time axis: days since the first dose, so each course shows its suppression and its
            // recovery.
            let line = |i: usize, f: fn(&Observation) -> f64| {
                let r = &results[i];
                Series {
                    label: format!("{} months of TRT", r.months_on),
                    color: PALETTE[i % PALETTE.len()],
                    points: r.daily.iter().map(|o| (o.time_days - 1.0, f(o))).collect(),
                }
            };
            let all =
                |f: fn(&Observation) -> f64| (0..results.len()).rev().map(|i| line(i, f)).collect();
            let figure = Figure {
                title: format!(
                    "TRT for 3–24 months, then stopped — {preset}; daily means; shaded: healthy range"
                ),
                panels: vec![
                    quantity::LH.panel(all(|o| o.lh_iu_l)),
                    quantity::TESTOSTERONE.panel(all(|o| o.testosterone_ng_dl)),
                    quantity::SPERM.panel(all(|o| o.sperm_million_per_ml)),
                    quantity::TESTIS.panel(all(|o| o.testis_volume_ml)),
                ],
                columns: 2,
                doses: Vec::new(),
                width: 1500,
                height: 1050,
                shared_legend: true,
            };
            plot::save(&figure, &path)?;
        }
        Ok(())
    };
    exit(run())
}

//! The seed's central comparison: why testosterone replacement shuts down sperm production
//! while a fertility protocol keeps it. Runs each regimen of the seed for a few months, prints
//! the seed's two tables computed from the simulation (mechanism; outcome against baseline),
//! and draws T, LH, ITT and sperm over time for every arm.
//!
//! ```text
//! cargo run --release --example trt_vs_fertility -- [--patient PRESET] [--months N]
//!     [--mode mean_field|pulsatile] [--plot FILE.svg|FILE.png] [--no-plot]
//! ```

#[path = "common/cli.rs"]
mod cli;

use clap::Parser;
use cli::{FigureArgs, between, exit};
use hpg::plot::{Figure, PALETTE, Series, quantity};
use hpg::study::scenarios::{Action, Direction, END_WINDOW_DAYS, run_arm, seed_arms};
use hpg::{Mode, Observation, Patient, Preset};
use std::process::ExitCode;

/// The seed's comparison: TRT against fertility-preserving regimens, side by side.
#[derive(Parser, Debug)]
#[command(version)]
struct Args {
    /// The patient: secondary_hypogonadism, healthy, older, primary_hypogonadism, gnrh_deficient,
    /// gnrh_deficient_untreated
    #[arg(long, default_value = "secondary_hypogonadism", value_parser = cli::preset)]
    patient: Preset,
    /// Months of treatment
    #[arg(long, default_value_t = 6.0, value_parser = between(0.1, 120.0))]
    months: f64,
    /// mean_field (fast) or pulsatile
    #[arg(long, default_value = "mean_field", value_parser = cli::mode)]
    mode: Mode,
    #[command(flatten)]
    figure: FigureArgs,
}

/// Relative change below which a quantity counts as unchanged.
const SAME_WITHIN: f64 = 0.10;

fn main() -> ExitCode {
    let args: Args = cli::parse();
    let (preset, months, mode, plot) = (
        args.patient,
        args.months,
        args.mode,
        args.figure.path("trt_vs_fertility.png"),
    );
    let run = || -> Result<(), String> {
        let days = (months * hpg::units::DAYS_PER_MONTH).round() as u32;
        let patient = Patient::new(preset);
        let arms = seed_arms().map_err(|e| e.to_string())?;
        let results = arms
            .iter()
            .map(|arm| run_arm(&patient, arm, days, mode))
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| e.to_string())?;

        println!("# TRT against fertility protocols: {preset}, {months} months, {mode}\n");
        println!(
            "## Mechanism (simulated change of LH and FSH at {months} months, mean of the last {END_WINDOW_DAYS} days)\n"
        );
        println!("| regimen | acts on | LH | FSH | on the axis |");
        println!("|---|---|---|---|---|");
        for (arm, r) in arms.iter().zip(&results) {
            let (b, e) = (&r.baseline, &r.end());
            println!(
                "| {} | {} | {} | {} | {} |",
                arm.name,
                arm.acts_on,
                change(b.lh_iu_l, e.lh_iu_l),
                change(b.fsh_iu_l, e.fsh_iu_l),
                match r.action(SAME_WITHIN) {
                    Action::Suppressive => "suppressive",
                    Action::Stimulatory => "stimulatory",
                    Action::Neutral => "neutral",
                }
            );
        }
        let base = &results[0].baseline;
        println!(
            "\n## Outcome at {months} months against baseline (mean of the last {END_WINDOW_DAYS} days)\n"
        );
        println!(
            "Baseline: T {:.0} ng/dL, LH {:.1} / FSH {:.1} IU/L, ITT {:.0} ng/mL, sperm {:.0} M/mL, testis {:.1} mL.\n",
            base.testosterone_ng_dl,
            base.lh_iu_l,
            base.fsh_iu_l,
            base.itt_ng_ml,
            base.sperm_million_per_ml,
            base.testis_volume_ml
        );
        println!(
            "| regimen | serum T (ng/dL) | LH (IU/L) | FSH (IU/L) | ITT (ng/mL) | sperm (M/mL) | testis (mL) |"
        );
        println!("|---|---|---|---|---|---|---|");
        for r in &results {
            let (b, e) = (&r.baseline, &r.end());
            let cell = |f: fn(&Observation) -> f64, digits: usize| {
                format!(
                    "{:.*} {}",
                    digits,
                    f(e),
                    Direction::of(f(b), f(e), SAME_WITHIN).arrow()
                )
            };
            println!(
                "| {} | {} | {} | {} | {} | {} | {} |",
                r.name,
                cell(|o| o.testosterone_ng_dl, 0),
                cell(|o| o.lh_iu_l, 2),
                cell(|o| o.fsh_iu_l, 2),
                cell(|o| o.itt_ng_ml, 0),
                cell(|o| o.sperm_million_per_ml, 1),
                cell(|o| o.testis_volume_ml, 1),
            );
        }
        println!(
            "\n↑/↓: more than {:.0} % above/below baseline; =: within.",
            100.0 * SAME_WITHIN
        );

        if let Some(path) = plot {
            let line = |i: usize, f: fn(&Observation) -> f64| Series {
                label: results[i].name.to_string(),
                color: PALETTE[i % PALETTE.len()],
                points: std::iter::once(&results[i].baseline)
                    .chain(&results[i].daily)
                    .map(|o| (o.time_days - 1.0, f(o)))
                    .collect(),
            };
            let all = |f: fn(&Observation) -> f64| (0..results.len()).map(|i| line(i, f)).collect();
            let figure = Figure {
                subtitle: String::new(),
                title: format!(
                    "TRT vs fertility protocols — {}, daily means; shaded: healthy range",
                    preset.name().replace('_', " ")
                ),
                panels: vec![
                    quantity::TESTOSTERONE.panel(all(|o| o.testosterone_ng_dl)),
                    quantity::LH.panel(all(|o| o.lh_iu_l)),
                    quantity::ITT.panel(all(|o| o.itt_ng_ml)),
                    quantity::SPERM.panel(all(|o| o.sperm_million_per_ml)),
                ],
                columns: 2,
                doses: Vec::new(),
                width: 1600,
                height: 1200,
                shared_legend: true,
            };
            hpg::plot::save(&figure, &path)?;
        }
        Ok(())
    };
    exit(run())
}

/// `×1.52 ↑`.
fn change(before: f64, after: f64) -> String {
    format!(
        "×{:.2} {}",
        after / before,
        Direction::of(before, after, SAME_WITHIN).arrow()
    )
}

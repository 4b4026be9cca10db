//! The pattern is the drug: gonadorelin in a man without GnRH (`gnrh_deficient`), the same
//! weekly amount given as pump pulses every 90 minutes, as a continuous infusion, and as two
//! injections a week. Pulses restore LH, FSH and T; the infusion flares and then desensitizes
//! the pituitary; injections give brief LH rises and little else (Belchetz 1978; targets G1,
//! G2 and the note under the Q table).
//!
//! ```text
//! cargo run --release --example gnrh_patterns -- [--days N] [--pulse-ug X]
//!     [--plot FILE.svg|FILE.png] [--no-plot]
//! ```

#[path = "common/cli.rs"]
mod cli;

use clap::Parser;
use cli::{FigureArgs, between, exit};
use hpg::plot::{Figure, PALETTE, Series, quantity};
use hpg::study::daily_mean;
use hpg::{
    Dose, Drug, Duration, InfusionRate, Mode, Observation, Patient, Preset, Regimen, Route,
    SimOptions, Simulation,
};
use std::process::ExitCode;

/// Gonadorelin in GnRH deficiency: pump pulses vs continuous infusion vs twice-weekly
/// injections, same weekly amount.
#[derive(Parser, Debug)]
#[command(version)]
struct Args {
    /// Days of treatment
    #[arg(long, default_value_t = 28.0, value_parser = between(3.0, 365.0))]
    days: f64,
    /// Gonadorelin per pump pulse, SC every 90 min [ug]; the infusion and the injections give
    /// the same weekly amount
    #[arg(long, default_value_t = 5.0, value_parser = between(0.01, 1000.0))]
    pulse_ug: f64,
    #[command(flatten)]
    figure: FigureArgs,
}

struct PatternRun {
    name: String,
    /// 10-minute samples over the first two days.
    first_days: Vec<Observation>,
    /// Daily means.
    daily: Vec<Observation>,
}

fn main() -> ExitCode {
    let args: Args = cli::parse();
    let (days, pulse_ug, plot) = (
        args.days,
        args.pulse_ug,
        args.figure.path("gnrh_patterns.png"),
    );
    let run = || -> Result<(), String> {
        let weekly_ug = pulse_ug * 16.0 * 7.0;
        let patterns: [(String, Regimen); 3] = [
            (
                format!("pump: {pulse_ug} µg SC every 90 min"),
                Regimen::repeated(
                    Drug::Gonadorelin,
                    Dose::ug(pulse_ug).map_err(|e| e.to_string())?,
                    Duration::minutes(90.0),
                )
                .route(Route::Sc)
                .into(),
            ),
            (
                format!("continuous: {:.2} µg/h SC", weekly_ug / 168.0),
                Regimen::infusion(
                    Drug::Gonadorelin,
                    InfusionRate::ug_per_hour(weekly_ug / 168.0).map_err(|e| e.to_string())?,
                )
                .route(Route::Sc)
                .into(),
            ),
            (
                format!("injections: {:.0} µg SC twice a week", weekly_ug / 2.0),
                Regimen::repeated(
                    Drug::Gonadorelin,
                    Dose::ug(weekly_ug / 2.0).map_err(|e| e.to_string())?,
                    Duration::hours(84.0),
                )
                .route(Route::Sc)
                .into(),
            ),
        ];
        let patient = Patient::new(Preset::GnrhDeficient);
        let mut runs = Vec::new();
        let mut baseline = None;
        let start = |regimen: Regimen| -> Result<(Simulation, Observation), String> {
            let mut sim = Simulation::new(patient.clone(), SimOptions::mode(Mode::Pulsatile))
                .map_err(|e| e.to_string())?;
            let base = daily_mean(&mut sim).map_err(|e| e.to_string())?;
            sim.add_regimen(regimen.starting(Duration::days(1.0)))
                .map_err(|e| e.to_string())?;
            Ok((sim, base))
        };
        for (name, regimen) in patterns {
            let (mut zoom, base) = start(regimen)?;
            baseline.get_or_insert(base);
            let first_days = zoom
                .run(Duration::days(2.0), Duration::minutes(10.0))
                .map_err(|e| e.to_string())?
                .samples;
            let (mut sim, _) = start(regimen)?;
            let mut daily = Vec::new();
            while sim.time_days() < days + 1.0 - 0.5 {
                daily.push(daily_mean(&mut sim).map_err(|e| e.to_string())?);
            }
            runs.push(PatternRun {
                name,
                first_days,
                daily,
            });
        }
        let base = baseline.expect("three patterns ran");

        println!(
            "# Gonadorelin patterns in GnRH deficiency ({days} days, same weekly amount {weekly_ug:.0} ug)\n"
        );
        println!(
            "Before treatment: LH {:.2}, FSH {:.2} IU/L, T {:.0} ng/dL, ITT {:.0} ng/mL.\n",
            base.lh_iu_l, base.fsh_iu_l, base.testosterone_ng_dl, base.itt_ng_ml
        );
        println!(
            "| pattern | peak LH, first 2 days (IU/L) | LH at the end (IU/L) | FSH (IU/L) | T (ng/dL) | ITT (ng/mL) |"
        );
        println!("|---|---|---|---|---|---|");
        for r in &runs {
            let peak = r.first_days.iter().map(|o| o.lh_iu_l).fold(0.0, f64::max);
            let end = r.daily.last().unwrap_or(&base);
            println!(
                "| {} | {:.2} | {:.2} | {:.2} | {:.0} | {:.0} |",
                r.name, peak, end.lh_iu_l, end.fsh_iu_l, end.testosterone_ng_dl, end.itt_ng_ml
            );
        }
        println!("\nEnd values are the mean of the last simulated day.");

        if let Some(path) = plot {
            let series = |f: fn(&Observation) -> f64,
                          from: fn(&PatternRun) -> &[Observation],
                          shift: f64| {
                runs.iter()
                    .enumerate()
                    .map(|(i, r)| Series {
                        label: r.name.clone(),
                        color: PALETTE[i],
                        // Daily means are stamped at the end of their day: centre them.
                        points: from(r)
                            .iter()
                            .map(|o| (o.time_days - 1.0 - shift, f(o)))
                            .collect(),
                    })
                    .collect()
            };
            let figure = Figure {
                subtitle: String::new(),
                title: "Gonadorelin in GnRH deficiency: the pattern decides; shaded: healthy range"
                    .into(),
                panels: vec![
                    quantity::LH
                        .titled("LH, first two days (10-min samples)")
                        .panel(series(|o| o.lh_iu_l, |r| &r.first_days, 0.0)),
                    quantity::LH.titled("LH, daily mean").panel(series(
                        |o| o.lh_iu_l,
                        |r| &r.daily,
                        0.5,
                    )),
                    quantity::FSH.titled("FSH, daily mean").panel(series(
                        |o| o.fsh_iu_l,
                        |r| &r.daily,
                        0.5,
                    )),
                    quantity::TESTOSTERONE
                        .titled("Serum testosterone, daily mean")
                        .panel(series(|o| o.testosterone_ng_dl, |r| &r.daily, 0.5)),
                ],
                columns: 2,
                doses: Vec::new(),
                width: 1500,
                height: 1000,
                shared_legend: true,
            };
            hpg::plot::save(&figure, &path)?;
        }
        Ok(())
    };
    exit(run())
}

//! Reproduces the fit of the between-men spreads in `hpg::population::SPREADS` to the
//! population rows of the scorecard: B1 (T 2.5–97.5th centile 264–916 ng/dL), B11 (sperm median
//! ~70, 5th centile 15 M/mL), T4 (65 % azoospermic by 6 months of enanthate 200 mg weekly),
//! T5 (67/90/100 % back to ≥ 20 M/mL by 6/12/24 months after stopping). `mean_field`.
//!
//! `cargo run --release --example population_calibration [-- N]` (default 500 men). To try a
//! fit: `--spreads name=sigma,...` (or `HPG_SPREADS`) changes or adds spreads, `--params
//! name=value,...` (or `HPG_PARAMS`) changes a parameter for every man (e.g. `--params
//! reserve_regrowth_per_d=0.04`).

#[path = "common/cli.rs"]
mod cli;

use clap::Parser;
use hpg::population::Population;
use hpg::protocol::Protocol;
use hpg::{Dose, Drug, Duration, Mode, Patient, Preset, Regimen};
use std::process::ExitCode;
use std::sync::atomic::AtomicUsize;

fn percentile(sorted: &[f64], q: f64) -> f64 {
    let rank = ((q * sorted.len() as f64).ceil() as usize).clamp(1, sorted.len());
    sorted[rank - 1]
}

/// Reproduces the fit of the between-men spreads to the population rows (B1, B3, B11, T4, T5)
/// in `mean_field`. Exit status: 0 after a run, 1 when a run fails, 2 on bad options.
#[derive(Parser, Debug)]
#[command(version)]
struct Args {
    /// Number of men
    #[arg(default_value_t = 500, value_parser = clap::value_parser!(u32).range(10..=1_000_000))]
    n: u32,
    /// Spreads to change or add, NAME=SIGMA,... (names from SPREADS or hpg::Params::names(), drug constants included)
    #[arg(long, env = "HPG_SPREADS", value_delimiter = ',', value_parser = spread)]
    spreads: Vec<(String, f64)>,
    /// Parameter values for every man, NAME=VALUE,...
    #[arg(long, env = "HPG_PARAMS", value_delimiter = ',', value_parser = parameter)]
    params: Vec<(String, f64)>,
}

fn spread(text: &str) -> Result<(String, f64), String> {
    let (name, sigma) = cli::parameter_and_number(text)?;
    if !(sigma.is_finite() && sigma >= 0.0) {
        return Err(format!(
            "the spread of `{name}` must be a number ≥ 0, got {sigma}"
        ));
    }
    Ok((name, sigma))
}

fn parameter(text: &str) -> Result<(String, f64), String> {
    let (name, value) = cli::parameter_and_number(text)?;
    hpg::Params::healthy()
        .set(&name, value)
        .map_err(|e| e.to_string())?;
    Ok((name, value))
}

fn main() -> ExitCode {
    let args: Args = cli::parse();
    cli::exit(run(args).map_err(|e| e.to_string()))
}

fn run(args: Args) -> Result<(), hpg::HpgError> {
    let n = args.n as usize;
    let mut spreads = hpg::population::SPREADS.to_vec();
    for (name, sigma) in &args.spreads {
        match spreads.iter_mut().find(|s| s.name == name) {
            Some(s) => s.sigma = *sigma,
            None => spreads.push(hpg::population::Spread {
                name: hpg::Params::names()
                    .find(|n| n == name)
                    .expect("checked when parsed"),
                sigma: *sigma,
                source: "trial",
                only: &[],
            }),
        }
    }
    let mut base = Patient::new(Preset::Healthy);
    for (name, value) in &args.params {
        base = base.with(name, *value);
    }
    let population = Population::new(base.clone(), n, 2026)?.with_spreads(spreads)?;
    let done = AtomicUsize::new(0);

    // Baseline: B1, B3, B11.
    let mut baseline_run = Protocol::new(base.clone(), Duration::days(1.0));
    baseline_run.mode = Mode::MeanField;
    let (mut t, mut lh, mut sperm) = (Vec::new(), Vec::new(), Vec::new());
    population.for_each_patient(&baseline_run, 256, &done, |_, s| {
        t.push(s[0].testosterone_ng_dl);
        lh.push(s[0].lh_iu_l);
        sperm.push(s[0].sperm_million_per_ml);
        Ok(())
    })?;
    for v in [&mut t, &mut lh, &mut sperm] {
        v.sort_by(f64::total_cmp);
    }
    println!(
        "B1  T 2.5/50/97.5th: {:.0} / {:.0} / {:.0} ng/dL (published 264 / 531 / 916)",
        percentile(&t, 0.025),
        percentile(&t, 0.5),
        percentile(&t, 0.975)
    );
    println!(
        "B3  LH 2.5/50/97.5th: {:.1} / {:.1} / {:.1} IU/L (FAMHES 2.2–11.6)",
        percentile(&lh, 0.025),
        percentile(&lh, 0.5),
        percentile(&lh, 0.975)
    );
    println!(
        "B11 sperm 5th/50th: {:.0} / {:.0} M/mL (published 15 / ~70)",
        percentile(&sperm, 0.05),
        percentile(&sperm, 0.5)
    );

    // T4 and T5: enanthate 200 mg weekly for 26 weeks, then 24 months off.
    let mut trt = Protocol::new(base, Duration::days(182.0 + 731.0));
    trt.mode = Mode::MeanField;
    trt.regimens = vec![
        Regimen::repeated(
            Drug::TestosteroneEnanthate,
            Dose::mg(200.0).expect("a positive dose"),
            Duration::weeks(1.0),
        )
        .times(26)
        .into(),
    ];
    let last_dose = 175.0;
    let (mut azoo, mut back6, mut back12, mut back24) = (0, 0, 0, 0);
    population.for_each_patient(&trt, 256, &done, |_, s| {
        if s.iter()
            .any(|o| o.time_days <= 182.0 && o.sperm_million_per_ml < 1.0)
        {
            azoo += 1;
        }
        let back = hpg::study::months_to_sperm_recovery(s, last_dose);
        if let Some(m) = back {
            back6 += usize::from(m <= 6.0);
            back12 += usize::from(m <= 12.0);
            back24 += usize::from(m <= 24.0);
        }
        Ok(())
    })?;
    let pct = |k: usize| 100.0 * k as f64 / n as f64;
    println!(
        "T4  azoospermic (< 1 M/mL) by 6 months: {:.0} % (WHO 1990: 65 %)",
        pct(azoo)
    );
    println!(
        "T5  back to >= 20 M/mL (or within 5 % of baseline) by 6/12/24 months: {:.0} / {:.0} / {:.0} % (Liu 2006: 67 / 90 / 100 %)",
        pct(back6),
        pct(back12),
        pct(back24)
    );
    Ok(())
}

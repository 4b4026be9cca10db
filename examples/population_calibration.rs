//! Reproduces the fit of the between-men spreads in `hpg::population::SPREADS` to the
//! population rows of the scorecard: B1 (T 2.5–97.5th centile 264–916 ng/dL), B11 (sperm median
//! ~70, 5th centile 15 M/mL), T4 (65 % azoospermic by 6 months of enanthate 200 mg weekly),
//! T5 (67/90/100 % back to ≥ 20 M/mL by 6/12/24 months after stopping). `mean_field`.
//!
//! `cargo run --release --example population_calibration [-- N]` (default 500 men). To try a
//! fit: `HPG_SPREADS="name=sigma,..."` changes or adds spreads, `HPG_PARAMS="name=value,..."`
//! changes a parameter for every man (e.g. `HPG_PARAMS=reserve_regrowth_per_d=0.04`).

use hpg::population::Population;
use hpg::protocol::Protocol;
use hpg::{Dose, Drug, Duration, Mode, Patient, Preset, Regimen};
use std::sync::atomic::AtomicUsize;

fn percentile(sorted: &[f64], q: f64) -> f64 {
    let rank = ((q * sorted.len() as f64).ceil() as usize).clamp(1, sorted.len());
    sorted[rank - 1]
}

fn main() -> Result<(), hpg::HpgError> {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(500);
    let mut spreads = hpg::population::SPREADS.to_vec();
    // HPG_SPREADS="name=sigma,..." tries other spreads (names must be in SPREADS or Params).
    if let Ok(text) = std::env::var("HPG_SPREADS") {
        for item in text.split(',').filter(|s| !s.is_empty()) {
            let (name, sigma) = item.split_once('=').expect("name=sigma");
            let sigma: f64 = sigma.parse().expect("a number");
            match spreads.iter_mut().find(|s| s.name == name) {
                Some(s) => s.sigma = sigma,
                None => spreads.push(hpg::population::Spread {
                    name: hpg::Params::NAMES
                        .iter()
                        .find(|n| **n == name)
                        .expect("a parameter"),
                    sigma,
                    source: "trial",
                }),
            }
        }
    }
    // HPG_PARAMS="name=value,..." tries other parameter values for every man.
    let mut base = Patient::new(Preset::Healthy);
    if let Ok(text) = std::env::var("HPG_PARAMS") {
        for item in text.split(',').filter(|s| !s.is_empty()) {
            let (name, value) = item.split_once('=').expect("name=value");
            base = base.with(name, value.parse().expect("a number"));
        }
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

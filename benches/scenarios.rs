//! The benchmark scenarios, shared by `benches/solver.rs` (criterion timing) and
//! `examples/work_precision.rs` (steps, RHS evaluations and error against a tight reference).

#![allow(dead_code)]

use hpg::prelude::*;
use hpg::{Method, Tolerance};

/// One benchmark scenario.
pub struct Scenario {
    pub name: &'static str,
    pub preset: Preset,
    pub mode: Mode,
    pub regimens: Vec<Regimen>,
    pub days: f64,
}

/// The four solver scenarios, and the drug-free mean-field year a population repeats.
pub fn all() -> Vec<Scenario> {
    let trt: Regimen = Regimen::repeated(
        Drug::TestosteroneCypionate,
        Dose::mg(100.0).unwrap(),
        Duration::weeks(1.0),
    )
    .into();
    let hcg: Regimen =
        Regimen::repeated(Drug::Hcg, Dose::iu(500.0).unwrap(), Duration::days(2.0)).into();
    let infusion: Regimen = Regimen::infusion(
        Drug::Gonadorelin,
        InfusionRate::ug_per_hour(40.0 / 24.0).unwrap(),
    )
    .route(Route::Iv)
    .into();
    vec![
        Scenario {
            name: "year_healthy_pulsatile",
            preset: Preset::Healthy,
            mode: Mode::Pulsatile,
            regimens: vec![],
            days: 365.0,
        },
        Scenario {
            name: "year_trt_hcg_pulsatile",
            preset: Preset::Healthy,
            mode: Mode::Pulsatile,
            regimens: vec![trt, hcg],
            days: 365.0,
        },
        Scenario {
            name: "year_healthy_mean_field",
            preset: Preset::Healthy,
            mode: Mode::MeanField,
            regimens: vec![],
            days: 365.0,
        },
        Scenario {
            name: "year_trt_hcg_mean_field",
            preset: Preset::Healthy,
            mode: Mode::MeanField,
            regimens: vec![trt, hcg],
            days: 365.0,
        },
        Scenario {
            name: "gonadorelin_infusion_month",
            preset: Preset::GnrhDeficient,
            mode: Mode::Pulsatile,
            regimens: vec![infusion],
            days: 30.0,
        },
    ]
}

/// The simulation at time 0 (patient settled, regimens scheduled), ready to run.
pub fn prepare(s: &Scenario, method: Method, rtol: f64) -> Simulation {
    let options = SimOptions {
        mode: s.mode,
        method,
        tolerance: Tolerance {
            rtol,
            atol: rtol * 1e-3, // the default's ratio
        },
        ..SimOptions::default()
    };
    let mut sim = Simulation::new(Patient::new(s.preset), options).expect("scenario settles");
    for r in &s.regimens {
        sim.add_regimen(*r).expect("scenario regimen");
    }
    sim
}

/// Runs the scenario with daily samples; returns T, LH, FSH, E2 and ITT per day.
pub fn run(sim: &mut Simulation, days: f64) -> Vec<[f64; 5]> {
    let mut out = Vec::with_capacity(days as usize + 2);
    sim.run_streaming(Duration::days(days), Duration::days(1.0), |o| {
        out.push([
            o.testosterone_ng_dl,
            o.lh_iu_l,
            o.fsh_iu_l,
            o.estradiol_pg_ml,
            o.itt_ng_ml,
        ]);
        Ok(())
    })
    .expect("scenario runs");
    out
}

/// Largest relative difference over all samples and quantities.
pub fn max_relative_error(got: &[[f64; 5]], reference: &[[f64; 5]]) -> f64 {
    assert_eq!(got.len(), reference.len());
    got.iter()
        .zip(reference)
        .flat_map(|(g, r)| {
            g.iter()
                .zip(r)
                .map(|(a, b)| (a - b).abs() / b.abs().max(1e-9))
        })
        .fold(0.0, f64::max)
}

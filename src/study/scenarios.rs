//! The seed's comparisons as library calls: the regimens of the seed article side by side
//! ([`seed_arms`], [`run_arm`]), the direction of each change against baseline
//! ([`Direction`]), and recovery after stopping TRT ([`recovery_after_trt`]). The examples
//! `trt_vs_fertility` and `recovery` print and plot these; tests check their directions
//! against the seed article's table of directions.

use super::endpoints::daily_mean;
use crate::Result;
use crate::prelude::*;
use crate::units::DAYS_PER_MONTH;

/// What a drug class does to the axis, as the seed's mechanism table sorts it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Lowers LH and FSH (negative feedback or receptor desensitization).
    Suppressive,
    /// Raises LH and FSH, or the testis' own drive.
    Stimulatory,
    /// Leaves LH and FSH within the tolerance.
    Neutral,
}

/// The direction of a change against baseline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// Up by more than the tolerance.
    Up,
    /// Within the tolerance.
    Same,
    /// Down by more than the tolerance.
    Down,
}

impl Direction {
    /// The direction of `after` against `before`, with a relative `tolerance` (0.1 = 10 %).
    pub fn of(before: f64, after: f64, tolerance: f64) -> Direction {
        let r = after / before;
        if r > 1.0 + tolerance {
            Direction::Up
        } else if r < 1.0 - tolerance {
            Direction::Down
        } else {
            Direction::Same
        }
    }

    /// An arrow: ↑, = or ↓.
    pub fn arrow(self) -> &'static str {
        match self {
            Direction::Up => "↑",
            Direction::Same => "=",
            Direction::Down => "↓",
        }
    }
}

/// One arm of the comparison: a name, where the drugs act, and the regimens.
#[derive(Debug, Clone)]
pub struct Arm {
    /// Short name (`TC 100 mg/wk`).
    pub name: &'static str,
    /// Where the drugs act on the axis (a single drug's from its spec).
    pub acts_on: &'static str,
    /// The regimens, all starting at time 0.
    pub regimens: Vec<Regimen>,
}

/// The seed's regimens: TRT three ways (cypionate weekly and every two weeks, gel daily), TRT
/// with hCG, with hCG and FSH, with gonadorelin as a pump and as twice-weekly injections,
/// clomiphene, enclomiphene, anastrozole.
pub fn seed_arms() -> Result<Vec<Arm>> {
    let tc = |mg, weeks| -> Result<Regimen> {
        Ok(Regimen::repeated(
            Drug::TestosteroneCypionate,
            Dose::mg(mg)?,
            Duration::weeks(weeks),
        )
        .into())
    };
    let pump = Regimen::repeated(Drug::Gonadorelin, Dose::ug(5.0)?, Duration::minutes(90.0))
        .route(Route::Sc);
    // The same weekly amount as the pump (5 ug × 16/day × 7 d = 560 ug) in two injections.
    let twice_weekly =
        Regimen::repeated(Drug::Gonadorelin, Dose::ug(280.0)?, Duration::hours(84.0))
            .route(Route::Sc);
    let daily = |drug, mg| -> Result<Regimen> {
        Ok(Regimen::repeated(drug, Dose::mg(mg)?, Duration::days(1.0)).into())
    };
    Ok(vec![
        Arm {
            name: "TC 100 mg weekly",
            acts_on: Drug::TestosteroneCypionate.spec().acts_on,
            regimens: vec![tc(100.0, 1.0)?],
        },
        Arm {
            name: "TC 200 mg every 2 weeks",
            acts_on: Drug::TestosteroneCypionate.spec().acts_on,
            regimens: vec![tc(200.0, 2.0)?],
        },
        Arm {
            name: "T gel 50 mg daily",
            acts_on: Drug::TestosteroneGel.spec().acts_on,
            regimens: vec![
                Regimen::repeated(Drug::TestosteroneGel, Dose::mg(50.0)?, Duration::days(1.0))
                    .into(),
            ],
        },
        Arm {
            name: "TC 100 mg/wk + hCG 500 IU EOD",
            acts_on: "T feedback; hCG on the Leydig LH receptor",
            regimens: vec![
                tc(100.0, 1.0)?,
                Regimen::repeated(Drug::Hcg, Dose::iu(500.0)?, Duration::days(2.0)).into(),
            ],
        },
        Arm {
            name: "TC 100 mg/wk + hCG EOD + FSH 75 IU 3×/wk",
            acts_on: "T feedback; hCG on the Leydig LH receptor; FSH on the Sertoli cell",
            regimens: vec![
                tc(100.0, 1.0)?,
                Regimen::repeated(Drug::Hcg, Dose::iu(500.0)?, Duration::days(2.0)).into(),
                Regimen::repeated(Drug::Fsh, Dose::iu(75.0)?, Duration::hours(56.0)).into(),
            ],
        },
        Arm {
            name: "TC 100 mg/wk + gonadorelin pump",
            acts_on: "T feedback; GnRH pulses on the pituitary receptor",
            regimens: vec![tc(100.0, 1.0)?, pump.into()],
        },
        Arm {
            name: "TC 100 mg/wk + gonadorelin 2×/wk",
            acts_on: "T feedback; two GnRH boluses a week",
            regimens: vec![tc(100.0, 1.0)?, twice_weekly.into()],
        },
        Arm {
            name: "clomiphene 25 mg daily",
            acts_on: Drug::ClomipheneCitrate.spec().acts_on,
            regimens: vec![daily(Drug::ClomipheneCitrate, 25.0)?],
        },
        Arm {
            name: "enclomiphene 12.5 mg daily",
            acts_on: Drug::Enclomiphene.spec().acts_on,
            regimens: vec![daily(Drug::Enclomiphene, 12.5)?],
        },
        Arm {
            name: "anastrozole 1 mg daily",
            acts_on: Drug::Anastrozole.spec().acts_on,
            regimens: vec![daily(Drug::Anastrozole, 1.0)?],
        },
    ])
}

/// Days averaged for an arm's outcome ([`ArmResult::end`]).
pub const END_WINDOW_DAYS: usize = 14;

/// An arm's outcome: daily means at baseline (the day before), every day on treatment, and
/// the last day.
#[derive(Debug, Clone)]
pub struct ArmResult {
    /// The arm's name.
    pub name: &'static str,
    /// Daily mean on the day before treatment.
    pub baseline: Observation,
    /// Daily means, one per day of treatment (time = end of the day).
    pub daily: Vec<Observation>,
}

impl ArmResult {
    /// Mean over the last [`END_WINDOW_DAYS`] days of treatment: a whole dosing interval of
    /// every arm, so weekly and two-weekly injections are compared over their full cycles, not at
    /// whichever phase the last day falls on.
    pub fn end(&self) -> Observation {
        let window = &self.daily[self.daily.len() - self.daily.len().min(END_WINDOW_DAYS)..];
        Observation::mean(window).unwrap_or(self.baseline)
    }

    /// The seed's classification, from the simulated change in LH and FSH at the end.
    pub fn action(&self, tolerance: f64) -> Action {
        let end = self.end();
        let lh = Direction::of(self.baseline.lh_iu_l, end.lh_iu_l, tolerance);
        let fsh = Direction::of(self.baseline.fsh_iu_l, end.fsh_iu_l, tolerance);
        match (lh, fsh) {
            (Direction::Down, _) | (_, Direction::Down) => Action::Suppressive,
            (Direction::Up, _) | (_, Direction::Up) => Action::Stimulatory,
            _ => Action::Neutral,
        }
    }
}

/// Runs `arm` for `days` after one baseline day, with daily means.
pub fn run_arm(patient: &Patient, arm: &Arm, days: u32, mode: Mode) -> Result<ArmResult> {
    let mut sim = Simulation::new(patient.clone(), SimOptions::mode(mode))?;
    let baseline = daily_mean(&mut sim)?;
    for r in &arm.regimens {
        sim.add_regimen(r.delayed(Duration::days(1.0)))?;
    }
    let daily = (0..days)
        .map(|_| daily_mean(&mut sim))
        .collect::<Result<Vec<_>>>()?;
    Ok(ArmResult {
        name: arm.name,
        baseline,
        daily,
    })
}

/// Days from the last dose until LH, T and sperm are back (`None`: not within the horizon).
#[derive(Debug, Clone, PartialEq)]
pub struct Recovery {
    /// Months of TRT before stopping.
    pub months_on: f64,
    /// Daily-mean LH back to ≥ 80 % of baseline.
    pub lh_days: Option<f64>,
    /// Daily-mean T back within ±20 % of baseline (from above, as the depot empties, or from
    /// below, after a post-TRT trough); `Some(0)` if it never left.
    pub testosterone_days: Option<f64>,
    /// Sperm back to ≥ 20 M/mL (Liu 2006's recovery threshold).
    pub sperm_days: Option<f64>,
    /// Lowest sperm concentration reached \[M/mL\].
    pub sperm_nadir: f64,
    /// Day of the last dose, counted from the start of the run (baseline day included).
    pub last_dose_day: f64,
    /// Daily means from the first day of treatment to the end of the follow-up.
    pub daily: Vec<Observation>,
}

/// Testosterone enanthate 200 mg weekly (WHO 1990, T4) for `months_on`, then stopped; follows
/// the man for `follow_days` after the last dose, in daily steps.
pub fn recovery_after_trt(
    patient: &Patient,
    months_on: f64,
    follow_days: u32,
    mode: Mode,
) -> Result<Recovery> {
    let mut sim = Simulation::new(patient.clone(), SimOptions::mode(mode))?;
    let baseline = daily_mean(&mut sim)?;
    let weeks = (months_on * DAYS_PER_MONTH / 7.0).round().max(1.0) as u64;
    sim.add_regimen(
        Regimen::repeated(
            Drug::TestosteroneEnanthate,
            Dose::mg(200.0)?,
            Duration::weeks(1.0),
        )
        .starting(Duration::days(1.0))
        .times(weeks),
    )?;
    let last_dose_day = 1.0 + 7.0 * (weeks - 1) as f64;
    let mut sperm_nadir = f64::INFINITY;
    let mut series = Vec::new();
    while sim.time_days() < last_dose_day - 0.5 {
        let m = daily_mean(&mut sim)?;
        sperm_nadir = sperm_nadir.min(m.sperm_million_per_ml);
        series.push(m);
    }
    sim.advance_to(Duration::days(last_dose_day))?;
    let (mut lh_days, mut t_days, mut sperm_days) = (None, None, None);
    let mut t_left = false;
    for day in 1..=follow_days {
        let m = daily_mean(&mut sim)?;
        series.push(m);
        let d = f64::from(day);
        sperm_nadir = sperm_nadir.min(m.sperm_million_per_ml);
        let t_ratio = m.testosterone_ng_dl / baseline.testosterone_ng_dl;
        let t_inside = (0.8..=1.2).contains(&t_ratio);
        t_left |= !t_inside;
        if lh_days.is_none() && m.lh_iu_l >= 0.8 * baseline.lh_iu_l {
            lh_days = Some(d);
        }
        // Back inside the band from the last day it was outside (0 if it never left).
        if !t_inside {
            t_days = None;
        } else if t_days.is_none() {
            t_days = Some(if t_left { d } else { 0.0 });
        }
        if sperm_days.is_none() && sperm_nadir < 20.0 && m.sperm_million_per_ml >= 20.0 {
            sperm_days = Some(d);
        }
    }
    Ok(Recovery {
        months_on,
        lh_days,
        testosterone_days: t_days,
        sperm_days,
        sperm_nadir,
        last_dose_day,
        daily: series,
    })
}

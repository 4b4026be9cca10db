//! A scorecard row ([`Row`]: arms and [`Check`]s with their bands) and how it runs: simulate
//! each arm once, measure, compare with the bands. `file.rs` reads rows from TOML.

use super::Outcome;
use super::measure::Measure;
use super::ops::{self, ArmRun, Baseline, Op};
use crate::error::{HpgError, Result};
use crate::model::Mode;
use crate::model::patient::{Patient, Preset};
use crate::regimen::Regimen;

/// One published target: who, what was given, what is measured and the published band.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// The row id (B1, T2, …), as in the README scorecard.
    pub id: String,
    /// The study.
    pub source: String,
    /// The regimen and patient, in words.
    pub regimen: String,
    /// The band, in words.
    pub band: String,
    /// Whether the row is about pulses (then it is checked in pulsatile mode only).
    pub pulsatile_only: bool,
    pub(super) baseline: Baseline,
    /// In `pulsatile` mode, each arm is run at this many evenly spaced phases of the man's
    /// own pulses and the runs are averaged (1: one run): a bolus study's mean over its men.
    pub(super) phases: usize,
    pub(super) arms: Vec<Arm>,
    pub(super) checks: Vec<Check>,
}

/// One check's result, with how far it lies from its band (for calibration).
#[derive(Debug, Clone, PartialEq)]
pub struct CheckOutcome {
    /// The check's label.
    pub label: String,
    /// The measured value (`None`: not reached, e.g. an event outside the horizon).
    pub value: Option<f64>,
    /// Distance outside the band: 0 inside; on a log scale for positive values (0.1 is about
    /// 10 % outside), relative to the edge for changes; 3 when there is no value.
    pub miss: f64,
    /// Distance from the band's centre on the same scale (0 for one-sided bands).
    pub off_centre: f64,
}

/// One arm of a row: a patient and the regimens he receives.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Arm {
    pub(super) name: String,
    pub(super) patient: Preset,
    pub(super) regimens: Vec<Regimen>,
}

/// What one check measures, on which arm, and its band.
#[derive(Debug, Clone, PartialEq)]
pub struct Check {
    pub(super) arm: usize,
    pub(super) name: Option<String>,
    pub(super) label: String,
    pub(super) measure: Measure,
    pub(super) band: Band,
    pub(super) pulsatile_only: bool,
}

/// A band: inclusive range, strict bounds or an inclusive floor.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Band {
    Within(f64, f64),
    Below(f64),
    Above(f64),
    AtLeast(f64),
    AtMost(f64),
    /// Any value (reported, or read by a comparison).
    Any,
}

/// How far `v` lies from `edge`: on a log scale where both are positive (ratios, levels),
/// relative to the edge's size otherwise (changes, which cross zero).
fn distance(v: f64, edge: f64) -> f64 {
    if v > 0.0 && edge > 0.0 {
        (v / edge).ln().abs()
    } else {
        (v - edge).abs() / edge.abs().max(0.1)
    }
}

impl Band {
    /// Distance outside the band (0 inside).
    fn miss(self, v: f64) -> f64 {
        if self.holds(v) {
            return 0.0;
        }
        match self {
            Band::Within(lo, hi) => distance(v, if v < lo { lo } else { hi }),
            Band::Below(x) | Band::Above(x) | Band::AtLeast(x) | Band::AtMost(x) => {
                distance(v, x).max(1e-3)
            }
            Band::Any => 0.0,
        }
    }

    /// Distance from the band's centre, for bands that have one.
    fn off_centre(self, v: f64) -> f64 {
        match self {
            Band::Within(lo, hi) if lo > 0.0 => distance(v, (lo * hi).sqrt()),
            Band::Within(lo, hi) => distance(v, 0.5 * (lo + hi)),
            _ => 0.0,
        }
    }

    fn holds(self, v: f64) -> bool {
        match self {
            Band::Within(lo, hi) => v >= lo && v <= hi,
            Band::Below(x) => v < x,
            Band::Above(x) => v > x,
            Band::AtLeast(x) => v >= x,
            Band::AtMost(x) => v <= x,
            Band::Any => true,
        }
    }
}

/// Distance charged for a value that was not reached at all (e.g. an event outside the
/// horizon): as far as a factor of e³ ≈ 20 outside the band.
const MISSING_VALUE_MISS: f64 = 3.0;

impl Row {
    /// Runs the row in `mode`: each arm simulated once (in `pulsatile` mode, once per phase of
    /// the man's pulses when the row asks for `phases`, and averaged), every check measured and
    /// compared (checks marked `pulsatile_only` are skipped in `mean_field`).
    pub fn run(&self, mode: Mode) -> Result<Outcome> {
        self.run_adjusted(mode, &[])
    }

    /// As [`Row::run`], with every arm's parameters scaled: each `(name, factor)` multiplies
    /// that parameter of the arm's preset (calibration explores parameters this way, so a
    /// preset's own changes keep their proportion). A name `preset:parameter` (e.g.
    /// `older:kisspeptin_set_point`) scales the parameter only in arms of that preset. Errors
    /// name a parameter or preset that does not exist or a scaled value outside its range.
    ///
    /// ```
    /// use hpg::Mode;
    /// use hpg::study::scorecard::rows;
    /// let rows = rows()?;
    /// let b1 = rows.iter().find(|r| r.id == "B1").unwrap(); // the healthy man
    /// let plain = b1.run(Mode::MeanField)?.checks[0].value;
    /// let other = b1.run_adjusted(Mode::MeanField, &[("older:leydig_capacity", 0.5)])?;
    /// let own = b1.run_adjusted(Mode::MeanField, &[("healthy:leydig_capacity", 0.5)])?;
    /// assert_eq!(other.checks[0].value, plain);
    /// assert!(own.checks[0].value < plain);
    /// assert!(b1.run_adjusted(Mode::MeanField, &[("nobody:leydig_capacity", 0.5)]).is_err());
    /// # Ok::<(), hpg::HpgError>(())
    /// ```
    pub fn run_adjusted(&self, mode: Mode, factors: &[(&str, f64)]) -> Result<Outcome> {
        let active = |c: &Check| !(c.pulsatile_only && mode == Mode::MeanField);
        let mut runs: Vec<ArmRun> = Vec::new();
        for (index, arm) in self.arms.iter().enumerate() {
            let ops: Vec<Op> = self
                .checks
                .iter()
                .filter(|c| active(c))
                .flat_map(|c| c.measure.ops(c.arm, index))
                .collect();
            let mut patient = Patient::new(arm.patient);
            if !factors.is_empty() {
                let params = patient.params()?;
                for &(scoped, factor) in factors {
                    let (only, name) = scoped_parameter(scoped)?;
                    let value = params.get(name).ok_or_else(|| HpgError::UnknownParameter {
                        name: name.to_string(),
                    })?;
                    if only.is_none_or(|preset| preset == arm.patient) {
                        patient.overrides.push((name.to_string(), value * factor));
                    }
                }
            }
            runs.push(if mode == Mode::Pulsatile && self.phases > 1 {
                ops::run_arm_over_phases(
                    &patient,
                    mode,
                    self.baseline,
                    &arm.regimens,
                    &ops,
                    self.phases,
                )?
            } else {
                ops::run_arm(&patient, mode, self.baseline, &arm.regimens, ops)?
            });
        }
        // Direct measures first, then the comparisons that read them.
        let mut values = vec![None; self.checks.len()];
        for pass in [false, true] {
            for (i, check) in self.checks.iter().enumerate() {
                if active(check) && check.measure.is_comparison() == pass {
                    values[i] = check.measure.value(&runs[check.arm], &runs, &values)?;
                }
            }
        }
        let mut texts = Vec::new();
        let mut pass = true;
        let mut checks = Vec::new();
        for (check, value) in self.checks.iter().zip(&values) {
            if !active(check) {
                continue;
            }
            let value = value.filter(|v| v.is_finite());
            let ok = value.is_some_and(|v| check.band.holds(v));
            pass &= ok;
            let text = check.measure.describe(&check.label, value);
            texts.push(if ok {
                text
            } else {
                format!("{text} (out of band)")
            });
            checks.push(CheckOutcome {
                label: check.label.clone(),
                value,
                miss: value.map_or(MISSING_VALUE_MISS, |v| check.band.miss(v)),
                off_centre: value.map_or(MISSING_VALUE_MISS, |v| check.band.off_centre(v)),
            });
        }
        Ok(Outcome {
            simulated: texts.join("; "),
            pass,
            checks,
        })
    }
}

/// Splits a factor's name into the preset it is limited to, if any, and the parameter:
/// `older:kisspeptin_set_point` is `(Some(Older), "kisspeptin_set_point")`,
/// `leydig_capacity` is `(None, "leydig_capacity")`. An unknown preset is an error naming it.
pub fn scoped_parameter(scoped: &str) -> Result<(Option<Preset>, &str)> {
    match scoped.split_once(':') {
        Some((preset, name)) => Ok((Some(preset.parse()?), name)),
        None => Ok((None, scoped)),
    }
}

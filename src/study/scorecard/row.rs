//! A scorecard row: its TOML form, checked into a [`Row`] of arms and [`Check`]s, and how a
//! row runs (simulate each arm once, measure, compare with the bands).

use super::Outcome;
use super::measure::{self, ArmRun, Op, Quantity};
use crate::error::{HpgError, Result};
use crate::model::Mode;
use crate::model::patient::{Patient, Preset};
use crate::protocol::Protocol;
use crate::regimen::Regimen;
use serde::Deserialize;
use std::str::FromStr;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawFile {
    pub row: Vec<RawRow>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawRow {
    pub id: String,
    source: String,
    regimen: String,
    band: String,
    patient: String,
    #[serde(default)]
    pulsatile_only: bool,
    #[serde(default)]
    baseline: Option<String>,
    #[serde(default)]
    arm: Vec<RawArm>,
    /// One arm's regimen, for rows with a single arm.
    #[serde(default)]
    regimen_arm: Option<Vec<toml::Value>>,
    check: Vec<RawCheck>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawArm {
    #[serde(default)]
    name: Option<String>,
    regimen: Vec<toml::Value>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawCondition {
    below: Option<f64>,
    at_least: Option<f64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCheck {
    measure: String,
    quantity: Option<String>,
    label: Option<String>,
    at: Option<f64>,
    window: Option<String>,
    every: Option<String>,
    from: Option<f64>,
    to: Option<f64>,
    horizon: Option<f64>,
    when: Option<RawCondition>,
    #[serde(default)]
    months: bool,
    arm: Option<String>,
    arms: Option<[String; 2]>,
    within: Option<[f64; 2]>,
    below: Option<f64>,
    above: Option<f64>,
    at_least: Option<f64>,
}

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
    patient: Preset,
    baseline: measure::Baseline,
    arms: Vec<(String, Vec<Regimen>)>,
    checks: Vec<Check>,
}

/// What one check measures, on which arm, and its band.
#[derive(Debug, Clone, PartialEq)]
pub struct Check {
    arm: usize,
    label: String,
    measure: measure::Measure,
    band: Band,
}

/// A band: inclusive range, strict bounds or an inclusive floor.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Band {
    Within(f64, f64),
    Below(f64),
    Above(f64),
    AtLeast(f64),
}

impl Band {
    fn holds(self, v: f64) -> bool {
        match self {
            Band::Within(lo, hi) => v >= lo && v <= hi,
            Band::Below(x) => v < x,
            Band::Above(x) => v > x,
            Band::AtLeast(x) => v >= x,
        }
    }
}

fn invalid(field: &str, message: impl Into<String>) -> HpgError {
    HpgError::InvalidInput {
        field: field.to_string(),
        message: message.into(),
    }
}

/// The regimens of an arm, read with the protocol file's parser (and its checks).
fn regimens(patient: &str, raw: Vec<toml::Value>, field: &str) -> Result<Vec<Regimen>> {
    let regimen = serde_json::to_value(raw).map_err(|e| invalid(field, e.to_string()))?;
    let text = serde_json::json!({
        "patient": patient,
        "duration": format!("{}d", crate::protocol::MAX_DURATION_DAYS),
        "regimen": regimen,
    })
    .to_string();
    match Protocol::from_json(&text) {
        Ok(protocol) => Ok(protocol.regimens),
        Err(HpgError::InvalidInput { field: f, message }) => Err(invalid(
            &format!("{field}.{}", f.trim_start_matches("regimen")),
            message,
        )),
        Err(e) => Err(invalid(field, e.to_string())),
    }
}

impl RawRow {
    pub(super) fn into_row(self) -> Result<Row> {
        let patient =
            Preset::from_str(&self.patient).map_err(|e| invalid("patient", e.to_string()))?;
        let mut arms = Vec::new();
        if let Some(raw) = self.regimen_arm {
            arms.push((
                "main".to_string(),
                regimens(&self.patient, raw, "regimen_arm")?,
            ));
        }
        for (i, arm) in self.arm.into_iter().enumerate() {
            let name = arm.name.unwrap_or_else(|| "main".to_string());
            let field = format!("arm[{i}].regimen");
            arms.push((name, regimens(&self.patient, arm.regimen, &field)?));
        }
        if arms.is_empty() {
            arms.push(("main".to_string(), Vec::new()));
        }
        let has_drugs = arms.iter().any(|(_, r)| !r.is_empty());
        let baseline = match (self.baseline.as_deref(), has_drugs) {
            (None, true) | (Some("daily_mean"), _) => measure::Baseline::DailyMean,
            (None, false) | (Some("none"), _) => measure::Baseline::None,
            (Some("lh_pulses"), _) => measure::Baseline::LhPulses,
            (Some(other), _) => {
                return Err(invalid(
                    "baseline",
                    format!("unknown baseline `{other}` (expected daily_mean, lh_pulses or none)"),
                ));
            }
        };
        if baseline == measure::Baseline::None && has_drugs {
            return Err(invalid(
                "baseline",
                "drugs start after a baseline day; give one",
            ));
        }
        let arm_index = |name: &str, field: &str| {
            arms.iter()
                .position(|(n, _)| n == name)
                .ok_or_else(|| invalid(field, format!("no arm called `{name}`")))
        };
        let checks = self
            .check
            .into_iter()
            .enumerate()
            .map(|(i, c)| {
                let field = format!("check[{i}]");
                let arm = match &c.arm {
                    Some(name) => arm_index(name, &format!("{field}.arm"))?,
                    None => 0,
                };
                let other = match &c.arms {
                    Some([a, b]) => Some((
                        arm_index(a, &format!("{field}.arms"))?,
                        arm_index(b, &format!("{field}.arms"))?,
                    )),
                    None => None,
                };
                c.into_check(arm, other, baseline)
                    .map_err(|e| e.within(&field))
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(Row {
            id: self.id,
            source: self.source,
            regimen: self.regimen,
            band: self.band,
            pulsatile_only: self.pulsatile_only,
            patient,
            baseline,
            arms,
            checks,
        })
    }
}

impl RawCheck {
    fn into_check(
        self,
        arm: usize,
        arms: Option<(usize, usize)>,
        baseline: measure::Baseline,
    ) -> Result<Check> {
        use measure::Measure as M;
        let quantity = || -> Result<Quantity> {
            let name = self
                .quantity
                .as_deref()
                .ok_or_else(|| invalid("quantity", "missing"))?;
            Quantity::from_name(name)
                .ok_or_else(|| invalid("quantity", format!("unknown quantity `{name}`")))
        };
        let at = || self.at.ok_or_else(|| invalid("at", "missing (a day)"));
        let needs_baseline = |m: M| {
            if baseline == measure::Baseline::DailyMean {
                Ok(m)
            } else {
                Err(invalid(
                    "measure",
                    "a ratio to baseline needs `baseline = \"daily_mean\"`",
                ))
            }
        };
        let measure = match self.measure.as_str() {
            "mean" => match (self.at, &self.window) {
                (Some(day), None) => M::Mean {
                    quantity: quantity()?,
                    day,
                },
                (None, Some(window)) => {
                    let window = crate::units::Duration::parse(window, "window")?;
                    let every = crate::units::Duration::parse(
                        self.every.as_deref().unwrap_or("10min"),
                        "every",
                    )?;
                    M::WindowMean {
                        quantity: quantity()?,
                        window,
                        every,
                    }
                }
                _ => {
                    return Err(invalid(
                        "measure",
                        "a mean needs `at` or `window`, not both",
                    ));
                }
            },
            "ratio" => needs_baseline(M::Ratio {
                quantity: quantity()?,
                day: at()?,
            })?,
            "change" => needs_baseline(M::Change {
                quantity: quantity()?,
                day: at()?,
            })?,
            "arm_ratio" => {
                let (a, b) = arms.ok_or_else(|| invalid("arms", "missing (two arm names)"))?;
                M::ArmRatio {
                    quantity: quantity()?,
                    day: at()?,
                    numerator: a,
                    denominator: b,
                }
            }
            "peak_day" | "peak_ratio" => {
                let from = self.from.ok_or_else(|| invalid("from", "missing"))?;
                let to = self.to.ok_or_else(|| invalid("to", "missing"))?;
                if !(from.fract() == 0.0 && to.fract() == 0.0 && to >= from && from >= 1.0) {
                    return Err(invalid("to", "whole days with 1 ≤ from ≤ to"));
                }
                if self.measure == "peak_day" {
                    M::PeakDay {
                        quantity: quantity()?,
                        from,
                        to,
                    }
                } else {
                    needs_baseline(M::PeakRatio {
                        quantity: quantity()?,
                        from,
                        to,
                    })?
                }
            }
            "first_day" => {
                let when = self.when.unwrap_or_default();
                let condition = match (when.below, when.at_least) {
                    (Some(x), None) => measure::Condition::Below(x),
                    (None, Some(x)) => measure::Condition::AtLeast(x),
                    _ => return Err(invalid("when", "give one of `below` or `at_least`")),
                };
                let horizon = self
                    .horizon
                    .ok_or_else(|| invalid("horizon", "missing (days)"))?;
                M::FirstDay {
                    quantity: quantity()?,
                    condition,
                    from: self.from,
                    horizon,
                    months: self.months,
                }
            }
            "pulse_interval" => M::PulseInterval,
            "lh_t_lag" => M::LhTLag,
            "pulse_count_ratio" | "pulse_amplitude_ratio" => {
                if baseline != measure::Baseline::LhPulses {
                    return Err(invalid("measure", "needs `baseline = \"lh_pulses\"`"));
                }
                let day = at()?;
                if self.measure == "pulse_count_ratio" {
                    M::PulseCountRatio { day }
                } else {
                    M::PulseAmplitudeRatio { day }
                }
            }
            other => return Err(invalid("measure", format!("unknown measure `{other}`"))),
        };
        let band = match (self.within, self.below, self.above, self.at_least) {
            (Some([lo, hi]), None, None, None) if lo <= hi => Band::Within(lo, hi),
            (None, Some(x), None, None) => Band::Below(x),
            (None, None, Some(x), None) => Band::Above(x),
            (None, None, None, Some(x)) => Band::AtLeast(x),
            _ => {
                return Err(invalid(
                    "within",
                    "give exactly one band: within = [lo, hi], below, above or at_least",
                ));
            }
        };
        let label = self.label.unwrap_or_else(|| measure.default_label());
        Ok(Check {
            arm,
            label,
            measure,
            band,
        })
    }
}

impl Row {
    /// Runs the row in `mode`: each arm simulated once, every check measured and compared.
    pub fn run(&self, mode: Mode) -> Result<Outcome> {
        let mut runs: Vec<ArmRun> = Vec::new();
        for (index, (_, regimens)) in self.arms.iter().enumerate() {
            let ops: Vec<Op> = self
                .checks
                .iter()
                .flat_map(|c| c.measure.ops(c.arm, index))
                .collect();
            let patient = Patient::new(self.patient);
            runs.push(measure::run_arm(
                &patient,
                mode,
                self.baseline,
                regimens,
                ops,
            )?);
        }
        let mut texts = Vec::new();
        let mut pass = true;
        for check in &self.checks {
            let value = check.measure.value(&runs[check.arm], &runs)?;
            let ok = value.is_some_and(|v| v.is_finite() && check.band.holds(v));
            pass &= ok;
            texts.push(check.measure.describe(&check.label, value));
        }
        Ok(Outcome {
            simulated: texts.join("; "),
            pass,
        })
    }
}

//! A scorecard row: its TOML form, checked into a [`Row`] of arms and [`Check`]s, and how a
//! row runs (simulate each arm once, measure, compare with the bands).

use super::Outcome;
use super::measure::{Condition, Measure, Quantity, Report, Span};
use super::ops::{self, ArmRun, Baseline, Op};
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
    /// Another patient than the row's.
    #[serde(default)]
    patient: Option<String>,
    regimen: Vec<toml::Value>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawCondition {
    below: Option<f64>,
    at_least: Option<f64>,
    ratio_at_least: Option<f64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCheck {
    measure: String,
    name: Option<String>,
    #[serde(default)]
    pulsatile_only: bool,
    checks: Option<[String; 2]>,
    sampled: Option<[f64; 2]>,
    between: Option<[f64; 2]>,
    report: Option<String>,
    since: Option<f64>,
    at_most: Option<f64>,
    /// No band of its own: the value is reported (and read by a comparison); the check fails
    /// only if there is no value.
    #[serde(default)]
    report_only: bool,
    quantity: Option<String>,
    label: Option<String>,
    at: Option<f64>,
    window: Option<String>,
    every: Option<String>,
    from: Option<f64>,
    to: Option<f64>,
    horizon: Option<f64>,
    when: Option<RawCondition>,
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
    baseline: Baseline,
    arms: Vec<Arm>,
    checks: Vec<Check>,
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
struct Arm {
    name: String,
    patient: Preset,
    regimens: Vec<Regimen>,
}

/// What one check measures, on which arm, and its band.
#[derive(Debug, Clone, PartialEq)]
pub struct Check {
    arm: usize,
    name: Option<String>,
    label: String,
    measure: Measure,
    band: Band,
    pulsatile_only: bool,
}

/// A band: inclusive range, strict bounds or an inclusive floor.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Band {
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
        let preset = |name: &str, field: &str| {
            Preset::from_str(name).map_err(|e| invalid(field, e.to_string()))
        };
        let patient = preset(&self.patient, "patient")?;
        let mut arms = Vec::new();
        if let Some(raw) = self.regimen_arm {
            arms.push(Arm {
                name: "main".to_string(),
                patient,
                regimens: regimens(&self.patient, raw, "regimen_arm")?,
            });
        }
        for (i, arm) in self.arm.into_iter().enumerate() {
            let name = arm.name.unwrap_or_else(|| "main".to_string());
            let who = arm.patient.as_deref().unwrap_or(&self.patient);
            arms.push(Arm {
                name,
                patient: preset(who, &format!("arm[{i}].patient"))?,
                regimens: regimens(who, arm.regimen, &format!("arm[{i}].regimen"))?,
            });
        }
        if arms.is_empty() {
            arms.push(Arm {
                name: "main".to_string(),
                patient,
                regimens: Vec::new(),
            });
        }
        let has_drugs = arms.iter().any(|a| !a.regimens.is_empty());
        let baseline = match (self.baseline.as_deref(), has_drugs) {
            (None, true) | (Some("daily_mean"), _) => Baseline::DailyMean,
            (None, false) | (Some("none"), _) => Baseline::None,
            (Some("lh_pulses"), _) => Baseline::LhPulses,
            (Some(other), _) => {
                return Err(invalid(
                    "baseline",
                    format!("unknown baseline `{other}` (expected daily_mean, lh_pulses or none)"),
                ));
            }
        };
        if baseline == Baseline::None && has_drugs {
            return Err(invalid(
                "baseline",
                "drugs start after a baseline day; give one",
            ));
        }
        let arm_index = |name: &str, field: &str| {
            arms.iter()
                .position(|a| a.name == name)
                .ok_or_else(|| invalid(field, format!("no arm called `{name}`")))
        };
        let names: Vec<Option<String>> = self.check.iter().map(|c| c.name.clone()).collect();
        let check_index = |name: &str, field: &str, before: usize| {
            names[..before]
                .iter()
                .position(|n| n.as_deref() == Some(name))
                .ok_or_else(|| invalid(field, format!("no earlier check called `{name}`")))
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
                let compared = match &c.checks {
                    Some([a, b]) => Some((
                        check_index(a, &format!("{field}.checks"), i)?,
                        check_index(b, &format!("{field}.checks"), i)?,
                    )),
                    None => None,
                };
                c.into_check(arm, other, compared, baseline)
                    .map_err(|e| e.within(&field))
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(Row {
            id: self.id,
            source: self.source,
            regimen: self.regimen,
            band: self.band,
            pulsatile_only: self.pulsatile_only,
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
        compared: Option<(usize, usize)>,
        baseline: Baseline,
    ) -> Result<Check> {
        use Measure as M;
        let quantity = || -> Result<Quantity> {
            let name = self
                .quantity
                .as_deref()
                .ok_or_else(|| invalid("quantity", "missing"))?;
            Quantity::from_name(name)
                .ok_or_else(|| invalid("quantity", format!("unknown quantity `{name}`")))
        };
        let at = || self.at.ok_or_else(|| invalid("at", "missing (a day)"));
        let needs_baseline = |m: Measure| {
            if baseline == Baseline::DailyMean {
                Ok(m)
            } else {
                Err(invalid(
                    "measure",
                    "a ratio to baseline needs `baseline = \"daily_mean\"`",
                ))
            }
        };
        let days = || -> Result<(f64, f64)> {
            let from = self.from.ok_or_else(|| invalid("from", "missing"))?;
            let to = self.to.ok_or_else(|| invalid("to", "missing"))?;
            if !(from.fract() == 0.0 && to.fract() == 0.0 && to >= from && from >= 0.0) {
                return Err(invalid("to", "whole days with 0 ≤ from ≤ to"));
            }
            Ok((from, to))
        };
        let every_min = || -> Result<f64> {
            let text = self.every.as_deref().unwrap_or("10min");
            Ok(crate::units::Duration::parse(text, "every")?.as_hours() * 60.0)
        };
        let span = || -> Result<Span> {
            let [from, to] = self
                .sampled
                .ok_or_else(|| invalid("sampled", "missing ([from, to] days)"))?;
            let every_min = every_min()?;
            let between = self.between.unwrap_or([from, to]);
            if !(to > from && every_min > 0.0 && between[0] >= from && between[1] <= to) {
                return Err(invalid(
                    "sampled",
                    "needs from < to, a positive `every`, and `between` inside it",
                ));
            }
            Ok(Span {
                from,
                to,
                every_min,
                between: (between[0], between[1]),
            })
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
            "sample_ratio" => needs_baseline(M::SampleRatio {
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
            "peak_day" | "peak_ratio" | "max_ratio" => {
                let (from, to) = days()?;
                let quantity = quantity()?;
                match self.measure.as_str() {
                    "peak_day" => M::PeakDay { quantity, from, to },
                    "peak_ratio" => needs_baseline(M::PeakRatio { quantity, from, to })?,
                    _ => needs_baseline(M::MaxRatio { quantity, from, to })?,
                }
            }
            "first_day" => {
                let when = self.when.unwrap_or_default();
                let condition = match (when.below, when.at_least, when.ratio_at_least) {
                    (Some(x), None, None) => Condition::Below(x),
                    (None, Some(x), None) => Condition::AtLeast(x),
                    (None, None, Some(x)) => {
                        if baseline != Baseline::DailyMean {
                            return Err(invalid("when", "a ratio needs a daily-mean baseline"));
                        }
                        Condition::RatioAtLeast(x)
                    }
                    _ => {
                        return Err(invalid(
                            "when",
                            "give one of `below`, `at_least` or `ratio_at_least`",
                        ));
                    }
                };
                let horizon = self
                    .horizon
                    .ok_or_else(|| invalid("horizon", "missing (days)"))?;
                let report = match self.report.as_deref() {
                    None | Some("day") => Report::Day,
                    Some("weeks") => Report::Weeks,
                    Some("months") => Report::Months,
                    Some(other) => {
                        return Err(invalid(
                            "report",
                            format!("unknown `{other}` (expected day, weeks or months)"),
                        ));
                    }
                };
                M::FirstDay {
                    quantity: quantity()?,
                    condition,
                    from: self.from,
                    horizon,
                    report,
                    since: self.since.or(self.from).unwrap_or(0.0),
                }
            }
            "sampled_max" => M::SampledMax {
                quantity: quantity()?,
                span: span()?,
            },
            "sampled_max_ratio" => needs_baseline(M::SampledMaxRatio {
                quantity: quantity()?,
                span: span()?,
            })?,
            "sampled_peak_time" => M::SampledPeakTime {
                quantity: quantity()?,
                span: span()?,
            },
            "sampled_area" => M::SampledArea {
                quantity: quantity()?,
                span: span()?,
            },
            "pulse_interval" => M::PulseInterval,
            "lh_t_lag" => M::LhTLag,
            "pulse_count_ratio" | "pulse_amplitude_ratio" => {
                if baseline != Baseline::LhPulses {
                    return Err(invalid("measure", "needs `baseline = \"lh_pulses\"`"));
                }
                let day = at()?;
                if self.measure == "pulse_count_ratio" {
                    M::PulseCountRatio { day }
                } else {
                    M::PulseAmplitudeRatio { day }
                }
            }
            "pulse_increment" => M::PulseIncrement {
                day: self.at.unwrap_or(0.0),
                every_min: every_min()?,
            },
            "pulse_relative_increment" => M::PulseRelativeIncrement {
                day: self.at.unwrap_or(0.0),
                every_min: every_min()?,
            },
            "pulse_rate_ratio" => needs_baseline(M::PulseRateRatio { day: at()? })?,
            "check_ratio" => {
                let (a, b) = compared
                    .ok_or_else(|| invalid("checks", "missing (two earlier check names)"))?;
                M::CheckRatio {
                    numerator: a,
                    denominator: b,
                }
            }
            other => return Err(invalid("measure", format!("unknown measure `{other}`"))),
        };
        let band = match (
            self.within,
            self.below,
            self.above,
            self.at_least,
            self.at_most,
        ) {
            (None, None, None, None, None) if self.report_only => Band::Any,
            _ if self.report_only => {
                return Err(invalid("report_only", "a reported value has no band"));
            }
            (Some([lo, hi]), None, None, None, None) if lo <= hi => Band::Within(lo, hi),
            (None, Some(x), None, None, None) => Band::Below(x),
            (None, None, Some(x), None, None) => Band::Above(x),
            (None, None, None, Some(x), None) => Band::AtLeast(x),
            (None, None, None, None, Some(x)) => Band::AtMost(x),
            _ => {
                return Err(invalid(
                    "within",
                    "give exactly one band: within = [lo, hi], below, above, at_least, at_most \
                     (or report_only = true)",
                ));
            }
        };
        let label = self.label.unwrap_or_else(|| measure.default_label());
        Ok(Check {
            arm,
            name: self.name,
            label,
            measure,
            band,
            pulsatile_only: self.pulsatile_only,
        })
    }
}

/// Distance charged for a value that was not reached at all (e.g. an event outside the
/// horizon): as far as a factor of e³ ≈ 20 outside the band.
const MISSING_VALUE_MISS: f64 = 3.0;

impl Row {
    /// Runs the row in `mode`: each arm simulated once, every check measured and compared
    /// (checks marked `pulsatile_only` are skipped in `mean_field`).
    pub fn run(&self, mode: Mode) -> Result<Outcome> {
        self.run_adjusted(mode, &[])
    }

    /// As [`Row::run`], with every arm's parameters scaled: each `(name, factor)` multiplies
    /// that parameter of the arm's preset (calibration explores parameters this way, so a
    /// preset's own changes keep their proportion). Errors name a parameter that does not
    /// exist or a scaled value outside its range.
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
                for &(name, factor) in factors {
                    let value = params.get(name).ok_or_else(|| HpgError::UnknownParameter {
                        name: name.to_string(),
                    })?;
                    patient.overrides.push((name.to_string(), value * factor));
                }
            }
            runs.push(ops::run_arm(
                &patient,
                mode,
                self.baseline,
                &arm.regimens,
                ops,
            )?);
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

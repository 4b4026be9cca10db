//! The scorecard's TOML form (`targets.toml`) and its conversion into [`Row`]s, checking every
//! field and naming the row and field of a mistake.

use super::measure::{Condition, Measure, Quantity, Report, Span};
use super::ops::Baseline;
use super::row::{Arm, Band, Check, Row};
use crate::error::{HpgError, Result};
use crate::model::patient::Preset;
use crate::protocol::Protocol;
use crate::regimen::Regimen;
use serde::Deserialize;
use std::str::FromStr;

/// Most phases a row may average over (each is a full run of every arm).
const MAX_PHASES: usize = 64;

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
    /// Phases of the man's pulses each arm is averaged over in `pulsatile` mode (default 1).
    #[serde(default)]
    phases: Option<usize>,
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
    control: Option<String>,
    within: Option<[f64; 2]>,
    below: Option<f64>,
    above: Option<f64>,
    at_least: Option<f64>,
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
        let phases = self.phases.unwrap_or(1);
        if !(1..=MAX_PHASES).contains(&phases) {
            return Err(invalid(
                "phases",
                format!("must be 1 to {MAX_PHASES}, got {phases}"),
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
                let control = match &c.control {
                    Some(name) => Some(arm_index(name, &format!("{field}.control"))?),
                    None => None,
                };
                let compared = match &c.checks {
                    Some([a, b]) => Some((
                        check_index(a, &format!("{field}.checks"), i)?,
                        check_index(b, &format!("{field}.checks"), i)?,
                    )),
                    None => None,
                };
                c.into_check(arm, other, control, compared, baseline)
                    .map_err(|e| e.within(&field))
            })
            .collect::<Result<Vec<_>>>()?;
        if phases > 1
            && (baseline == Baseline::LhPulses || checks.iter().any(|c| c.measure.reads_pulses()))
        {
            return Err(invalid(
                "phases",
                "an average over pulse phases cannot read individual pulses (pulse counts, \
                 intervals, increments, the LH-T lag or an lh_pulses baseline)",
            ));
        }
        Ok(Row {
            id: self.id,
            source: self.source,
            regimen: self.regimen,
            band: self.band,
            pulsatile_only: self.pulsatile_only,
            baseline,
            phases,
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
        control: Option<usize>,
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
                    Some("days") => Report::Days,
                    Some("weeks") => Report::Weeks,
                    Some("months") => Report::Months,
                    Some(other) => {
                        return Err(invalid(
                            "report",
                            format!("unknown `{other}` (expected day, days, weeks or months)"),
                        ));
                    }
                };
                M::FirstDay {
                    quantity: quantity()?,
                    condition,
                    from: self.from,
                    horizon,
                    report,
                    // Without `from` the samples start at the end of the baseline day.
                    since: self.since.or(self.from).unwrap_or(match baseline {
                        Baseline::None => 0.0,
                        _ => 1.0,
                    }),
                }
            }
            "sampled_max" => M::SampledMax {
                quantity: quantity()?,
                span: span()?,
            },
            "sampled_mean" => M::SampledMean {
                quantity: quantity()?,
                span: span()?,
            },
            "sampled_max_ratio" => needs_baseline(M::SampledMaxRatio {
                quantity: quantity()?,
                span: span()?,
            })?,
            "sampled_min_ratio" => needs_baseline(M::SampledMinRatio {
                quantity: quantity()?,
                span: span()?,
            })?,
            "sampled_peak_time" => M::SampledPeakTime {
                quantity: quantity()?,
                span: span()?,
                control,
            },
            "sampled_area" => M::SampledArea {
                quantity: quantity()?,
                span: span()?,
                control,
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

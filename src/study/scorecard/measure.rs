//! What a scorecard check measures: the quantities it reads, the measures, the operations each
//! needs from its arm ([`super::ops`]) and how it turns their results into one number.

use super::ops::{ArmRun, Op};
use crate::error::Result;
use crate::output::Observation;
use crate::units::{DAYS_PER_MONTH, Duration};

/// A quantity a check reads: an output column, or a ratio of two.
#[derive(Debug, Clone, Copy)]
pub(super) struct Quantity {
    name: &'static str,
    short: &'static str,
    unit: &'static str,
    read: fn(&Observation) -> f64,
}

impl PartialEq for Quantity {
    fn eq(&self, other: &Quantity) -> bool {
        self.name == other.name
    }
}

const QUANTITIES: [Quantity; 13] = [
    q("testosterone_ng_dl", "T", "ng/dL", |o| o.testosterone_ng_dl),
    q("free_testosterone_pg_ml", "free T", "pg/mL", |o| {
        o.free_testosterone_pg_ml
    }),
    q("lh_iu_l", "LH", "IU/L", |o| o.lh_iu_l),
    q("fsh_iu_l", "FSH", "IU/L", |o| o.fsh_iu_l),
    q("estradiol_pg_ml", "E2", "pg/mL", |o| o.estradiol_pg_ml),
    q("itt_ng_ml", "ITT", "ng/mL", |o| o.itt_ng_ml),
    q("inhibin_b_pg_ml", "inhibin B", "pg/mL", |o| {
        o.inhibin_b_pg_ml
    }),
    q("sperm_million_per_ml", "sperm", "M/mL", |o| {
        o.sperm_million_per_ml
    }),
    q("testis_volume_ml", "testis volume", "mL", |o| {
        o.testis_volume_ml
    }),
    q("free_t_percent", "free T", "% of total", |o| {
        o.free_testosterone_pg_ml / (10.0 * o.testosterone_ng_dl) * 100.0
    }),
    q("itt_serum_ratio", "ITT/serum T", "×", |o| {
        o.itt_ng_ml / (o.testosterone_ng_dl / 100.0)
    }),
    q("t_e2_ratio", "T/E2", "(ng/dL)/(pg/mL)", |o| {
        o.testosterone_ng_dl / o.estradiol_pg_ml
    }),
    q("fsh_lh_ratio", "FSH/LH", "×", |o| o.fsh_iu_l / o.lh_iu_l),
];

const fn q(
    name: &'static str,
    short: &'static str,
    unit: &'static str,
    read: fn(&Observation) -> f64,
) -> Quantity {
    Quantity {
        name,
        short,
        unit,
        read,
    }
}

impl Quantity {
    pub(super) fn from_name(name: &str) -> Option<Quantity> {
        QUANTITIES.into_iter().find(|q| q.name == name)
    }

    fn of(&self, o: &Observation) -> f64 {
        (self.read)(o)
    }
}

/// The condition of a [`Measure::FirstDay`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Condition {
    Below(f64),
    AtLeast(f64),
    /// At least this fraction of the baseline daily mean.
    RatioAtLeast(f64),
}

/// The unit a [`Measure::FirstDay`] reports in.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Report {
    /// The day, counted from time 0.
    Day,
    /// Days since `since`.
    Days,
    /// Weeks since `since`.
    Weeks,
    /// Months since `since`.
    Months,
}

/// A finely sampled span and the part of it a measure reads (days from time 0).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Span {
    pub from: f64,
    pub to: f64,
    pub every_min: f64,
    pub between: (f64, f64),
}

impl Span {
    fn op(&self) -> Op {
        Op::Sampled {
            from: self.from,
            to: self.to,
            every_min: self.every_min,
        }
    }

    /// `(day, value)` of `quantity` over the span, minus the `control` arm's value at the
    /// same sample time when there is one.
    fn response(
        &self,
        quantity: Quantity,
        run: &ArmRun,
        control: Option<&ArmRun>,
    ) -> Result<Vec<(f64, f64)>> {
        let own = self.read(run)?;
        let Some(control) = control else {
            return Ok(own.iter().map(|o| (o.time_days, quantity.of(o))).collect());
        };
        let other = self.read(control)?;
        Ok(own
            .iter()
            .zip(other)
            .map(|(o, c)| (o.time_days, quantity.of(o) - quantity.of(c)))
            .collect())
    }

    fn read<'a>(&self, run: &'a ArmRun) -> Result<Vec<&'a Observation>> {
        let (a, b) = self.between;
        Ok(run
            .samples(&self.op())?
            .iter()
            .filter(|o| o.time_days >= a - 1e-9 && o.time_days <= b + 1e-9)
            .collect())
    }
}

/// What a check measures (days are counted from time 0; the drugs start at day 1).
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Measure {
    WindowMean {
        quantity: Quantity,
        window: Duration,
        every: Duration,
    },
    Mean {
        quantity: Quantity,
        day: f64,
    },
    Ratio {
        quantity: Quantity,
        day: f64,
    },
    SampleRatio {
        quantity: Quantity,
        day: f64,
    },
    Change {
        quantity: Quantity,
        day: f64,
    },
    ArmRatio {
        quantity: Quantity,
        day: f64,
        numerator: usize,
        denominator: usize,
    },
    PeakDay {
        quantity: Quantity,
        from: f64,
        to: f64,
    },
    PeakRatio {
        quantity: Quantity,
        from: f64,
        to: f64,
    },
    MaxRatio {
        quantity: Quantity,
        from: f64,
        to: f64,
    },
    FirstDay {
        quantity: Quantity,
        condition: Condition,
        from: Option<f64>,
        horizon: f64,
        report: Report,
        since: f64,
    },
    SampledMax {
        quantity: Quantity,
        span: Span,
    },
    /// Time-weighted mean of the span's samples (trapezoids): an average concentration over a
    /// dosing interval (Cavg).
    SampledMean {
        quantity: Quantity,
        span: Span,
    },
    SampledMaxRatio {
        quantity: Quantity,
        span: Span,
    },
    SampledMinRatio {
        quantity: Quantity,
        span: Span,
    },
    /// Minutes from the span's first sample to its highest one; with a `control` arm, of
    /// the difference from that arm at the same times (the response to what the arm adds).
    SampledPeakTime {
        quantity: Quantity,
        span: Span,
        control: Option<usize>,
    },
    /// Area over the span above its first sample; with a `control` arm, of the difference
    /// from that arm at the same times.
    SampledArea {
        quantity: Quantity,
        span: Span,
        control: Option<usize>,
    },
    PulseInterval,
    LhTLag,
    PulseCountRatio {
        day: f64,
    },
    PulseAmplitudeRatio {
        day: f64,
    },
    PulseIncrement {
        day: f64,
        every_min: f64,
    },
    PulseRelativeIncrement {
        day: f64,
        every_min: f64,
    },
    PulseRateRatio {
        day: f64,
    },
    /// The value of one named check over another's.
    CheckRatio {
        numerator: usize,
        denominator: usize,
    },
}

/// The B9 span: a day at 1-min samples from time 0.
const MINUTE_DAY: Op = Op::Sampled {
    from: 0.0,
    to: 1.0,
    every_min: 1.0,
};

impl Measure {
    /// The ops this measure needs on arm `arm` (`check_arm` is the arm the check reads).
    pub(super) fn ops(&self, check_arm: usize, arm: usize) -> Vec<Op> {
        use Measure as M;
        let mine = |ops: Vec<Op>| if check_arm == arm { ops } else { Vec::new() };
        match *self {
            M::WindowMean { window, every, .. } => mine(vec![Op::WindowMean { window, every }]),
            M::Mean { day, .. }
            | M::Ratio { day, .. }
            | M::Change { day, .. }
            | M::PulseRateRatio { day } => mine(vec![Op::DailyMean(day)]),
            M::SampleRatio { day, .. } => mine(vec![Op::Sample(day)]),
            M::ArmRatio {
                day,
                numerator,
                denominator,
                ..
            } => {
                if arm == numerator || arm == denominator {
                    vec![Op::DailyMean(day)]
                } else {
                    Vec::new()
                }
            }
            M::PeakDay { from, to, .. }
            | M::PeakRatio { from, to, .. }
            | M::MaxRatio { from, to, .. } => mine(
                (from as u32..=to as u32)
                    .map(|d| Op::DailyMean(f64::from(d)))
                    .collect(),
            ),
            M::FirstDay { from, horizon, .. } => mine(vec![Op::DailySamples { from, horizon }]),
            M::SampledPeakTime {
                span,
                control: Some(control),
                ..
            }
            | M::SampledArea {
                span,
                control: Some(control),
                ..
            } => {
                if arm == check_arm || arm == control {
                    vec![span.op()]
                } else {
                    Vec::new()
                }
            }
            M::SampledMax { span, .. }
            | M::SampledMean { span, .. }
            | M::SampledMaxRatio { span, .. }
            | M::SampledMinRatio { span, .. }
            | M::SampledPeakTime { span, .. }
            | M::SampledArea { span, .. } => mine(vec![span.op()]),
            M::PulseInterval => mine(vec![Op::PulseInterval]),
            M::LhTLag => mine(vec![MINUTE_DAY]),
            M::PulseCountRatio { day } | M::PulseAmplitudeRatio { day } => {
                mine(vec![Op::LhPulses {
                    day,
                    every_min: 2.0,
                }])
            }
            M::PulseIncrement { day, every_min } | M::PulseRelativeIncrement { day, every_min } => {
                mine(vec![Op::LhPulses { day, every_min }])
            }
            M::CheckRatio { .. } => Vec::new(),
        }
    }

    /// Whether the measure reads other checks' values (evaluated after them).
    pub(super) fn is_comparison(&self) -> bool {
        matches!(self, Measure::CheckRatio { .. })
    }

    /// Whether the measure reads individual pulses (counts, intervals, increments, the LH–T
    /// lag, pulses per day), which an average over pulse phases would smear or cannot hold.
    pub(super) fn reads_pulses(&self) -> bool {
        use Measure as M;
        matches!(
            self,
            M::PulseInterval
                | M::LhTLag
                | M::PulseCountRatio { .. }
                | M::PulseAmplitudeRatio { .. }
                | M::PulseIncrement { .. }
                | M::PulseRelativeIncrement { .. }
                | M::PulseRateRatio { .. }
        )
    }

    /// The measured value (`None`: the event was not reached, or there was nothing to read).
    /// `values` holds the values of the checks before this one.
    pub(super) fn value(
        &self,
        run: &ArmRun,
        runs: &[ArmRun],
        values: &[Option<f64>],
    ) -> Result<Option<f64>> {
        use Measure as M;
        let daily = |day: f64| run.daily(day).map(|(o, _)| o);
        let over_days = |quantity: Quantity, from: f64, to: f64| -> Result<Vec<(f64, f64)>> {
            (from as u32..=to as u32)
                .map(|d| Ok((f64::from(d), quantity.of(&daily(f64::from(d))?))))
                .collect()
        };
        let peak = |quantity: Quantity, from: f64, to: f64| -> Result<(f64, f64)> {
            let mut best = (0.0, 0.0);
            for (d, v) in over_days(quantity, from, to)? {
                if v > best.1 {
                    best = (d - 0.5, v);
                }
            }
            Ok(best)
        };
        let base = |quantity: Quantity| -> Result<f64> { Ok(quantity.of(&run.baseline()?)) };
        Ok(Some(match *self {
            M::WindowMean {
                quantity,
                window,
                every,
            } => quantity.of(&run.mean(&Op::WindowMean { window, every })?),
            M::Mean { quantity, day } => quantity.of(&daily(day)?),
            M::Ratio { quantity, day } => quantity.of(&daily(day)?) / base(quantity)?,
            M::SampleRatio { quantity, day } => {
                quantity.of(&run.mean(&Op::Sample(day))?) / base(quantity)?
            }
            M::Change { quantity, day } => quantity.of(&daily(day)?) / base(quantity)? - 1.0,
            M::ArmRatio {
                quantity,
                day,
                numerator,
                denominator,
            } => {
                quantity.of(&runs[numerator].daily(day)?.0)
                    / quantity.of(&runs[denominator].daily(day)?.0)
            }
            M::PeakDay { quantity, from, to } => peak(quantity, from, to)?.0,
            M::PeakRatio { quantity, from, to } => peak(quantity, from, to)?.1 / base(quantity)?,
            M::MaxRatio { quantity, from, to } => {
                let values: Vec<f64> = over_days(quantity, from, to)?
                    .into_iter()
                    .map(|(_, v)| v)
                    .collect();
                if values.iter().any(|v| v.is_nan()) {
                    return Ok(None);
                }
                values.into_iter().fold(f64::NEG_INFINITY, f64::max) / base(quantity)?
            }
            M::FirstDay {
                quantity,
                condition,
                from,
                horizon,
                report,
                since,
            } => {
                let samples = run.samples(&Op::DailySamples { from, horizon })?;
                let baseline = match condition {
                    Condition::RatioAtLeast(_) => base(quantity)?,
                    _ => 1.0,
                };
                let hit = samples.iter().find(|o| {
                    let v = quantity.of(o);
                    match condition {
                        Condition::Below(x) => v < x,
                        Condition::AtLeast(x) => v >= x,
                        Condition::RatioAtLeast(x) => v >= x * baseline,
                    }
                });
                let Some(o) = hit else { return Ok(None) };
                match report {
                    Report::Day => o.time_days,
                    Report::Days => o.time_days - since,
                    Report::Weeks => (o.time_days - since) / 7.0,
                    Report::Months => (o.time_days - since) / DAYS_PER_MONTH,
                }
            }
            M::SampledMax { quantity, span }
            | M::SampledMaxRatio { quantity, span }
            | M::SampledMinRatio { quantity, span } => {
                let values: Vec<f64> = span.read(run)?.iter().map(|o| quantity.of(o)).collect();
                if values.is_empty() || values.iter().any(|v| v.is_nan()) {
                    return Ok(None);
                }
                let extreme = if matches!(self, M::SampledMinRatio { .. }) {
                    values.iter().copied().fold(f64::INFINITY, f64::min)
                } else {
                    values.iter().copied().fold(f64::NEG_INFINITY, f64::max)
                };
                if matches!(self, M::SampledMax { .. }) {
                    extreme
                } else {
                    extreme / base(quantity)?
                }
            }
            M::SampledMean { quantity, span } => {
                let samples = span.read(run)?;
                let (Some(first), Some(last)) = (samples.first(), samples.last()) else {
                    return Ok(None);
                };
                let hours = (last.time_days - first.time_days) * 24.0;
                if hours <= 0.0 {
                    return Ok(None);
                }
                let area: f64 = samples
                    .windows(2)
                    .map(|w| {
                        let dt_h = (w[1].time_days - w[0].time_days) * 24.0;
                        0.5 * dt_h * (quantity.of(w[0]) + quantity.of(w[1]))
                    })
                    .sum();
                area / hours
            }
            M::SampledPeakTime {
                quantity,
                span,
                control,
            } => {
                let response = span.response(quantity, run, control.map(|c| &runs[c]))?;
                let Some(&(first, _)) = response.first() else {
                    return Ok(None);
                };
                let peak = response
                    .iter()
                    .copied()
                    .max_by(|a, b| a.1.total_cmp(&b.1))
                    .unwrap_or((first, 0.0));
                // Sample times are on the sampling grid: round away the float error of the
                // day-to-minute conversion, so a peak at 25 min reads 25, not 25.000000001.
                ((peak.0 - first) * 1440.0 * 1e6).round() / 1e6
            }
            M::SampledArea {
                quantity,
                span,
                control,
            } => {
                let response = span.response(quantity, run, control.map(|c| &runs[c]))?;
                let Some(&(_, floor)) = response.first() else {
                    return Ok(None);
                };
                // Without a control the response is read above the first sample.
                let floor = if control.is_some() { 0.0 } else { floor };
                response
                    .windows(2)
                    .map(|w| {
                        let dt_h = (w[1].0 - w[0].0) * 24.0;
                        0.5 * dt_h * ((w[0].1 - floor) + (w[1].1 - floor))
                    })
                    .sum()
            }
            M::PulseInterval => 2.0 * 24.0 * 60.0 / run.pulses(&Op::PulseInterval)? as f64,
            M::LhTLag => match super::ops::lh_t_lag(run.samples(&MINUTE_DAY)?) {
                (_, 0) => return Ok(None),
                (lag, _) => lag,
            },
            M::PulseCountRatio { day } | M::PulseAmplitudeRatio { day } => {
                let now = run.lh(&Op::LhPulses {
                    day,
                    every_min: 2.0,
                })?;
                let Some(before) = run.baseline_pulses else {
                    return Ok(None);
                };
                if matches!(self, M::PulseCountRatio { .. }) {
                    now.count as f64 / before.count as f64
                } else {
                    now.increment / before.increment
                }
            }
            M::PulseIncrement { day, every_min } => {
                run.lh(&Op::LhPulses { day, every_min })?.increment
            }
            M::PulseRelativeIncrement { day, every_min } => {
                run.lh(&Op::LhPulses { day, every_min })?.relative_increment
            }
            M::PulseRateRatio { day } => {
                let (_, now) = run.daily(day)?;
                let Some((_, before)) = run.baseline else {
                    return Ok(None);
                };
                now as f64 / before as f64
            }
            M::CheckRatio {
                numerator,
                denominator,
            } => match (values[numerator], values[denominator]) {
                (Some(a), Some(b)) => a / b,
                _ => return Ok(None),
            },
        }))
    }

    /// The label a check shows when it does not give its own.
    pub(super) fn default_label(&self) -> String {
        use Measure as M;
        match self {
            M::WindowMean { quantity, .. }
            | M::Mean { quantity, .. }
            | M::Ratio { quantity, .. }
            | M::SampleRatio { quantity, .. }
            | M::Change { quantity, .. }
            | M::ArmRatio { quantity, .. }
            | M::PeakRatio { quantity, .. }
            | M::FirstDay { quantity, .. }
            | M::SampledArea { quantity, .. } => quantity.short.to_string(),
            M::SampledMean { quantity, .. } => format!("mean {}", quantity.short),
            M::MaxRatio { quantity, .. }
            | M::SampledMax { quantity, .. }
            | M::SampledMaxRatio { quantity, .. } => format!("max {}", quantity.short),
            M::SampledMinRatio { quantity, .. } => format!("min {}", quantity.short),
            M::PeakDay { quantity, .. } | M::SampledPeakTime { quantity, .. } => {
                format!("{} peak", quantity.short)
            }
            M::PulseInterval => "pulse interval".into(),
            M::LhTLag => "T peak after LH peak".into(),
            M::PulseCountRatio { .. } => "LH pulses/day".into(),
            M::PulseAmplitudeRatio { .. } => "LH pulse amplitude".into(),
            M::PulseIncrement { .. } => "LH pulse increment".into(),
            M::PulseRelativeIncrement { .. } => "LH pulse increment over nadir".into(),
            M::PulseRateRatio { .. } => "GnRH pulses/day".into(),
            M::CheckRatio { .. } => "ratio".into(),
        }
    }

    /// The value as the scorecard prints it.
    pub(super) fn describe(&self, label: &str, value: Option<f64>) -> String {
        use Measure as M;
        let Some(v) = value else {
            return match self {
                M::FirstDay { horizon, .. } => format!("{label}: not within {horizon} d"),
                _ => format!("{label}: not found"),
            };
        };
        match self {
            M::WindowMean { quantity, .. } => format!("{label} {} {}", sig3(v), quantity.unit),
            M::Mean { quantity, day } => {
                format!("{label} {} {} at day {day}", sig3(v), quantity.unit)
            }
            M::SampledMax { quantity, .. } | M::SampledMean { quantity, .. } => {
                format!("{label} {} {}", sig3(v), quantity.unit)
            }
            M::Ratio { .. }
            | M::SampleRatio { .. }
            | M::PeakRatio { .. }
            | M::MaxRatio { .. }
            | M::SampledMaxRatio { .. }
            | M::SampledMinRatio { .. }
            | M::PulseCountRatio { .. }
            | M::PulseAmplitudeRatio { .. }
            | M::PulseRateRatio { .. }
            | M::CheckRatio { .. } => format!("{label} ×{v:.2}"),
            M::Change { .. } => format!("{label} {:+.1} %", 100.0 * v),
            M::PulseRelativeIncrement { .. } => format!("{label} {:+.0} %", 100.0 * v),
            M::ArmRatio { .. } => format!("{label} ×{v:.2} between arms"),
            M::PeakDay { .. } => format!("{label} day {v:.1} after the first dose"),
            M::SampledPeakTime { .. } => format!("{label} {v:.0} min"),
            M::SampledArea { quantity, .. } => {
                format!("{label} area {} {}·h", sig3(v), quantity.unit)
            }
            M::PulseIncrement { .. } => format!("{label} {v:.2} IU/L"),
            M::FirstDay {
                report: Report::Months,
                ..
            } => format!("{label} after {v:.1} months"),
            M::FirstDay {
                report: Report::Weeks,
                ..
            } => format!("{label} after {v:.1} weeks"),
            M::FirstDay {
                report: Report::Days,
                ..
            } => format!("{label} after {v:.0} days"),
            M::FirstDay { .. } => format!("{label} by day {v:.0}"),
            M::PulseInterval | M::LhTLag => format!("{label} {v:.1} min"),
        }
    }
}

/// Three significant digits, without a spurious decimal.
fn sig3(v: f64) -> String {
    let digits = (2 - v.abs().max(1e-12).log10().floor() as i32).clamp(0, 6) as usize;
    format!("{v:.digits$}")
}

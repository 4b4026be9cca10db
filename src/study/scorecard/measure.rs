//! What a scorecard check measures and how: the simulation operations an arm runs (in time
//! order, each once), and the value each measure reads from their results.

use crate::error::{HpgError, Result};
use crate::model::Mode;
use crate::model::patient::Patient;
use crate::output::Observation;
use crate::regimen::Regimen;
use crate::sim::{SimOptions, Simulation};
use crate::study::endpoints::{daily_mean, mean_over};
use crate::units::{DAYS_PER_MONTH, Duration};

/// What is measured before the drugs start (at day 1).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Baseline {
    /// Nothing: no drugs, measures start at time 0.
    None,
    /// A daily mean over the first day (hourly samples).
    DailyMean,
    /// The first day's LH pulses (2-min samples).
    LhPulses,
}

/// A quantity a check reads: an output column, or a ratio of two.
#[derive(Debug, Clone, Copy)]
pub(super) struct Quantity {
    name: &'static str,
    short: &'static str,
    unit: &'static str,
    read: fn(&Observation) -> f64,
}

const QUANTITIES: [Quantity; 11] = [
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

impl PartialEq for Quantity {
    fn eq(&self, other: &Quantity) -> bool {
        self.name == other.name
    }
}

impl Quantity {
    pub(super) fn from_name(name: &str) -> Option<Quantity> {
        QUANTITIES.into_iter().find(|q| q.name == name)
    }
}

/// The condition of a [`Measure::FirstDay`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Condition {
    Below(f64),
    AtLeast(f64),
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
    FirstDay {
        quantity: Quantity,
        condition: Condition,
        from: Option<f64>,
        horizon: f64,
        months: bool,
    },
    PulseInterval,
    LhTLag,
    PulseCountRatio {
        day: f64,
    },
    PulseAmplitudeRatio {
        day: f64,
    },
}

/// One simulation operation of an arm; each runs once, in time order.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Op {
    /// Mean over a window from time 0.
    WindowMean { window: Duration, every: Duration },
    /// Daily mean starting at a day.
    DailyMean(f64),
    /// Daily samples from a day (or the end of the baseline) for a horizon of days.
    DailySamples { from: Option<f64>, horizon: f64 },
    /// GnRH pulses over the first two days.
    PulseInterval,
    /// A day at 1-min samples from time 0.
    MinuteDay,
    /// LH pulses over the day starting at a day.
    LhPulses(f64),
}

impl Op {
    fn start(&self, baseline_end: f64) -> f64 {
        match self {
            Op::WindowMean { .. } | Op::PulseInterval | Op::MinuteDay => 0.0,
            Op::DailyMean(d) | Op::LhPulses(d) => *d,
            Op::DailySamples { from, .. } => from.unwrap_or(baseline_end),
        }
    }
}

/// What an op produced.
#[derive(Debug, Clone)]
enum Found {
    Mean(Observation),
    Samples(Vec<Observation>),
    Pulses(usize),
    Lh(usize, f64),
}

/// One arm simulated: its baseline and every op's result.
#[derive(Debug, Clone)]
pub(super) struct ArmRun {
    baseline: Option<Observation>,
    baseline_pulses: Option<(usize, f64)>,
    found: Vec<(Op, Found)>,
}

impl ArmRun {
    fn get(&self, op: &Op) -> Result<&Found> {
        self.found
            .iter()
            .find(|(o, _)| o == op)
            .map(|(_, f)| f)
            .ok_or_else(|| HpgError::InvalidInput {
                field: "check".into(),
                message: format!("{op:?} was not run"),
            })
    }

    fn daily(&self, day: f64) -> Result<Observation> {
        match self.get(&Op::DailyMean(day))? {
            Found::Mean(o) => Ok(*o),
            _ => unreachable_found(),
        }
    }

    fn baseline(&self) -> Result<Observation> {
        self.baseline.ok_or_else(|| HpgError::InvalidInput {
            field: "baseline".into(),
            message: "this row has no daily-mean baseline".into(),
        })
    }
}

fn unreachable_found<T>() -> Result<T> {
    Err(HpgError::InvalidInput {
        field: "check".into(),
        message: "an operation produced another kind of result than its check reads".into(),
    })
}

/// LH pulses in one day sampled every 2 min: (count of LH peaks, mean peak − preceding trough).
fn lh_pulses(sim: &mut Simulation) -> Result<(usize, f64)> {
    let traj = sim.run(Duration::days(1.0), Duration::minutes(2.0))?;
    let lh: Vec<f64> = traj.samples.iter().map(|o| o.lh_iu_l).collect();
    let (mut count, mut amp_sum, mut trough) = (0usize, 0.0, lh[0]);
    for i in 1..lh.len() - 1 {
        if lh[i] < lh[i - 1] && lh[i] <= lh[i + 1] {
            trough = lh[i];
        }
        if lh[i] > lh[i - 1] && lh[i] >= lh[i + 1] {
            count += 1;
            amp_sum += lh[i] - trough;
        }
    }
    Ok((count, amp_sum / count.max(1) as f64))
}

/// For each LH peak in `s`, minutes to the next T peak; their mean and how many.
fn lh_t_lag(s: &[Observation]) -> (f64, usize) {
    let mut lags = Vec::new();
    for i in 1..s.len().saturating_sub(1) {
        let lh_peak = s[i].lh_iu_l > s[i - 1].lh_iu_l && s[i].lh_iu_l >= s[i + 1].lh_iu_l;
        if !lh_peak {
            continue;
        }
        if let Some(j) = (i + 1..s.len() - 1).find(|&j| {
            s[j].testosterone_ng_dl > s[j - 1].testosterone_ng_dl
                && s[j].testosterone_ng_dl >= s[j + 1].testosterone_ng_dl
        }) {
            lags.push((s[j].time_days - s[i].time_days) * 1440.0);
        }
    }
    (
        lags.iter().sum::<f64>() / lags.len().max(1) as f64,
        lags.len(),
    )
}

/// Simulates one arm: its baseline, then its regimens from day 1, then `ops` in time order.
pub(super) fn run_arm(
    patient: &Patient,
    mode: Mode,
    baseline: Baseline,
    regimens: &[Regimen],
    mut ops: Vec<Op>,
) -> Result<ArmRun> {
    let mut sim = Simulation::new(patient.clone(), SimOptions::mode(mode))?;
    let mut run = ArmRun {
        baseline: None,
        baseline_pulses: None,
        found: Vec::new(),
    };
    match baseline {
        Baseline::None => {}
        Baseline::DailyMean => run.baseline = Some(daily_mean(&mut sim)?),
        Baseline::LhPulses => run.baseline_pulses = Some(lh_pulses(&mut sim)?),
    }
    let baseline_end = sim.time_days();
    for r in regimens {
        sim.add_regimen(r.starting(Duration::days(1.0) + r.start()))?;
    }
    ops.sort_by(|a, b| a.start(baseline_end).total_cmp(&b.start(baseline_end)));
    ops.dedup();
    for op in ops {
        let start = op.start(baseline_end);
        if start < sim.time_days() - 1e-9 {
            return Err(HpgError::InvalidInput {
                field: "check".into(),
                message: format!(
                    "measurements overlap: one starts at day {start} while the arm is at day {}",
                    sim.time_days()
                ),
            });
        }
        sim.advance_to(Duration::days(start))?;
        let found = match &op {
            Op::WindowMean { window, every } => Found::Mean(mean_over(&mut sim, *window, *every)?),
            Op::DailyMean(_) => Found::Mean(daily_mean(&mut sim)?),
            Op::DailySamples { horizon, .. } => {
                let mut samples = Vec::new();
                sim.run_streaming(Duration::days(*horizon), Duration::days(1.0), |o| {
                    samples.push(*o);
                    Ok(())
                })?;
                Found::Samples(samples)
            }
            Op::PulseInterval => {
                sim.advance_by(Duration::days(2.0))?;
                Found::Pulses(sim.stats().pulses as usize)
            }
            Op::MinuteDay => Found::Samples(
                sim.run(Duration::days(1.0), Duration::minutes(1.0))?
                    .samples,
            ),
            Op::LhPulses(_) => {
                let (n, a) = lh_pulses(&mut sim)?;
                Found::Lh(n, a)
            }
        };
        run.found.push((op, found));
    }
    Ok(run)
}

impl Measure {
    /// The ops this measure needs on arm `arm`, if `arm` is the arm being planned.
    pub(super) fn ops(&self, check_arm: usize, arm: usize) -> Vec<Op> {
        use Measure as M;
        let mine = |ops: Vec<Op>| if check_arm == arm { ops } else { Vec::new() };
        match *self {
            M::WindowMean { window, every, .. } => mine(vec![Op::WindowMean { window, every }]),
            M::Mean { day, .. } | M::Ratio { day, .. } | M::Change { day, .. } => {
                mine(vec![Op::DailyMean(day)])
            }
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
            M::PeakDay { from, to, .. } | M::PeakRatio { from, to, .. } => mine(
                (from as u32..=to as u32)
                    .map(|d| Op::DailyMean(f64::from(d)))
                    .collect(),
            ),
            M::FirstDay { from, horizon, .. } => mine(vec![Op::DailySamples { from, horizon }]),
            M::PulseInterval => mine(vec![Op::PulseInterval]),
            M::LhTLag => mine(vec![Op::MinuteDay]),
            M::PulseCountRatio { day } | M::PulseAmplitudeRatio { day } => {
                mine(vec![Op::LhPulses(day)])
            }
        }
    }

    /// The measured value (`None`: the event was not reached within the horizon).
    pub(super) fn value(&self, run: &ArmRun, runs: &[ArmRun]) -> Result<Option<f64>> {
        use Measure as M;
        let peak = |quantity: Quantity, from: f64, to: f64| -> Result<(f64, f64)> {
            let mut best = (0.0, 0.0);
            for d in from as u32..=to as u32 {
                let v = (quantity.read)(&run.daily(f64::from(d))?);
                if v > best.1 {
                    best = (f64::from(d) - 0.5, v);
                }
            }
            Ok(best)
        };
        Ok(Some(match *self {
            M::WindowMean {
                quantity,
                window,
                every,
            } => match run.get(&Op::WindowMean { window, every })? {
                Found::Mean(o) => (quantity.read)(o),
                _ => return unreachable_found(),
            },
            M::Mean { quantity, day } => (quantity.read)(&run.daily(day)?),
            M::Ratio { quantity, day } => {
                (quantity.read)(&run.daily(day)?) / (quantity.read)(&run.baseline()?)
            }
            M::Change { quantity, day } => {
                (quantity.read)(&run.daily(day)?) / (quantity.read)(&run.baseline()?) - 1.0
            }
            M::ArmRatio {
                quantity,
                day,
                numerator,
                denominator,
            } => {
                (quantity.read)(&runs[numerator].daily(day)?)
                    / (quantity.read)(&runs[denominator].daily(day)?)
            }
            M::PeakDay { quantity, from, to } => peak(quantity, from, to)?.0,
            M::PeakRatio { quantity, from, to } => {
                peak(quantity, from, to)?.1 / (quantity.read)(&run.baseline()?)
            }
            M::FirstDay {
                quantity,
                condition,
                from,
                horizon,
                months,
            } => {
                let Found::Samples(samples) = run.get(&Op::DailySamples { from, horizon })? else {
                    return unreachable_found();
                };
                let hit = samples.iter().find(|o| {
                    let v = (quantity.read)(o);
                    match condition {
                        Condition::Below(x) => v < x,
                        Condition::AtLeast(x) => v >= x,
                    }
                });
                match (hit, months) {
                    (None, _) => return Ok(None),
                    (Some(o), false) => o.time_days,
                    (Some(o), true) => (o.time_days - from.unwrap_or(0.0)) / DAYS_PER_MONTH,
                }
            }
            M::PulseInterval => match run.get(&Op::PulseInterval)? {
                Found::Pulses(n) => 2.0 * 24.0 * 60.0 / *n as f64,
                _ => return unreachable_found(),
            },
            M::LhTLag => match run.get(&Op::MinuteDay)? {
                Found::Samples(s) => match lh_t_lag(s) {
                    (_, 0) => return Ok(None),
                    (lag, _) => lag,
                },
                _ => return unreachable_found(),
            },
            M::PulseCountRatio { day } | M::PulseAmplitudeRatio { day } => {
                let Found::Lh(n1, a1) = run.get(&Op::LhPulses(day))? else {
                    return unreachable_found();
                };
                let (n0, a0) = run.baseline_pulses.ok_or_else(|| HpgError::InvalidInput {
                    field: "baseline".into(),
                    message: "pulse ratios need `baseline = \"lh_pulses\"`".into(),
                })?;
                if matches!(self, M::PulseCountRatio { .. }) {
                    *n1 as f64 / n0 as f64
                } else {
                    a1 / a0
                }
            }
        }))
    }

    /// The label a check shows when it does not give its own.
    pub(super) fn default_label(&self) -> String {
        use Measure as M;
        match self {
            M::WindowMean { quantity, .. }
            | M::Mean { quantity, .. }
            | M::Ratio { quantity, .. }
            | M::Change { quantity, .. }
            | M::ArmRatio { quantity, .. }
            | M::PeakRatio { quantity, .. }
            | M::FirstDay { quantity, .. } => quantity.short.to_string(),
            M::PeakDay { quantity, .. } => format!("{} peak", quantity.short),
            M::PulseInterval => "pulse interval".into(),
            M::LhTLag => "T peak after LH peak".into(),
            M::PulseCountRatio { .. } => "LH pulses/day".into(),
            M::PulseAmplitudeRatio { .. } => "LH pulse amplitude".into(),
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
            M::Ratio { .. } | M::PeakRatio { .. } | M::PulseCountRatio { .. } => {
                format!("{label} ×{v:.2}")
            }
            M::PulseAmplitudeRatio { .. } => format!("{label} ×{v:.2}"),
            M::Change { .. } => format!("{label} {:+.1} %", 100.0 * v),
            M::ArmRatio { .. } => format!("{label} ×{v:.1} between arms"),
            M::PeakDay { .. } => format!("{label} day {v:.1} after the first dose"),
            M::FirstDay { months: true, .. } => format!("{label} after {v:.1} months"),
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

//! The simulation operations a scorecard arm runs (each once, in time order) and what they
//! produce: daily means, instantaneous samples, finely sampled spans, LH pulses.

use crate::error::{HpgError, Result};
use crate::model::Mode;
use crate::model::patient::Patient;
use crate::output::Observation;
use crate::regimen::Regimen;
use crate::sim::{SimOptions, Simulation};
use crate::study::endpoints::mean_over;
use crate::units::Duration;

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

/// One simulation operation of an arm; days are counted from time 0.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Op {
    /// Mean over a window from time 0.
    WindowMean { window: Duration, every: Duration },
    /// Daily mean (hourly samples) starting at a day; also counts the pulses of that day.
    DailyMean(f64),
    /// The observation at an instant.
    Sample(f64),
    /// Daily samples from a day (or the end of the baseline) for a horizon of days.
    DailySamples { from: Option<f64>, horizon: f64 },
    /// Samples every `every_min` minutes from one day to another.
    Sampled { from: f64, to: f64, every_min: f64 },
    /// GnRH pulses over the first two days.
    PulseInterval,
    /// LH pulses over the day starting at a day, sampled every `every_min` minutes.
    LhPulses { day: f64, every_min: f64 },
}

impl Op {
    fn start(&self, baseline_end: f64) -> f64 {
        match self {
            Op::WindowMean { .. } | Op::PulseInterval => 0.0,
            Op::DailyMean(d) | Op::Sample(d) | Op::LhPulses { day: d, .. } => *d,
            Op::Sampled { from, .. } => *from,
            Op::DailySamples { from, .. } => from.unwrap_or(baseline_end),
        }
    }
}

/// LH pulses in a day: their count, mean increment over the preceding nadir \[IU/L\] and mean
/// relative increment \[-\].
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct LhPulses {
    pub count: usize,
    pub increment: f64,
    pub relative_increment: f64,
}

/// What an op produced.
#[derive(Debug, Clone)]
pub(super) enum Found {
    /// A mean, and the GnRH pulses fired while it was taken.
    Mean(Observation, u64),
    Samples(Vec<Observation>),
    Pulses(usize),
    Lh(LhPulses),
}

/// One arm simulated: its baseline and every op's result.
#[derive(Debug, Clone)]
pub(super) struct ArmRun {
    pub baseline: Option<(Observation, u64)>,
    pub baseline_pulses: Option<LhPulses>,
    found: Vec<(Op, Found)>,
}

/// The mean of one arm run at several phases of the man's pulses: every mean and every
/// sample averaged across the runs, point by point. Pulse counts cannot be averaged into a
/// count, so an arm that counts pulses is refused.
pub(super) fn average(runs: &[ArmRun]) -> Result<ArmRun> {
    let first = runs.first().ok_or_else(|| HpgError::InvalidInput {
        field: "phases".into(),
        message: "no runs to average".into(),
    })?;
    let refuse = || HpgError::InvalidInput {
        field: "phases".into(),
        message: "phase averaging applies to means and samples, not to pulse counts".into(),
    };
    if first.baseline_pulses.is_some() {
        return Err(refuse());
    }
    let mean_of = |pick: &dyn Fn(&ArmRun) -> Option<Observation>| -> Result<Observation> {
        let all = runs.iter().map(pick).collect::<Option<Vec<_>>>();
        all.and_then(|v| Observation::mean(&v)).ok_or_else(refuse)
    };
    let baseline = match first.baseline {
        Some((_, pulses)) => Some((mean_of(&|r| r.baseline.map(|b| b.0))?, pulses)),
        None => None,
    };
    let mut found = Vec::with_capacity(first.found.len());
    for (i, (op, kind)) in first.found.iter().enumerate() {
        let averaged = match kind {
            Found::Mean(_, pulses) => Found::Mean(
                mean_of(&|r| match r.found.get(i) {
                    Some((_, Found::Mean(o, _))) => Some(*o),
                    _ => None,
                })?,
                *pulses,
            ),
            Found::Samples(samples) => {
                let mut mean = Vec::with_capacity(samples.len());
                for j in 0..samples.len() {
                    mean.push(mean_of(&|r| match r.found.get(i) {
                        Some((_, Found::Samples(s))) => s.get(j).copied(),
                        _ => None,
                    })?);
                }
                Found::Samples(mean)
            }
            Found::Pulses(_) | Found::Lh(_) => return Err(refuse()),
        };
        found.push((op.clone(), averaged));
    }
    Ok(ArmRun {
        baseline,
        baseline_pulses: None,
        found,
    })
}

fn mismatch<T>() -> Result<T> {
    Err(HpgError::InvalidInput {
        field: "check".into(),
        message: "an operation produced another kind of result than its check reads".into(),
    })
}

impl ArmRun {
    pub fn get(&self, op: &Op) -> Result<&Found> {
        self.found
            .iter()
            .find(|(o, _)| o == op)
            .map(|(_, f)| f)
            .ok_or_else(|| HpgError::InvalidInput {
                field: "check".into(),
                message: format!("{op:?} was not run"),
            })
    }

    /// The daily mean starting at `day`, with the pulses of that day.
    pub fn daily(&self, day: f64) -> Result<(Observation, u64)> {
        match self.get(&Op::DailyMean(day))? {
            Found::Mean(o, pulses) => Ok((*o, *pulses)),
            _ => mismatch(),
        }
    }

    pub fn samples(&self, op: &Op) -> Result<&[Observation]> {
        match self.get(op)? {
            Found::Samples(s) => Ok(s),
            _ => mismatch(),
        }
    }

    pub fn lh(&self, op: &Op) -> Result<LhPulses> {
        match self.get(op)? {
            Found::Lh(p) => Ok(*p),
            _ => mismatch(),
        }
    }

    pub fn pulses(&self, op: &Op) -> Result<usize> {
        match self.get(op)? {
            Found::Pulses(n) => Ok(*n),
            _ => mismatch(),
        }
    }

    pub fn mean(&self, op: &Op) -> Result<Observation> {
        match self.get(op)? {
            Found::Mean(o, _) => Ok(*o),
            _ => mismatch(),
        }
    }

    /// The baseline daily mean.
    pub fn baseline(&self) -> Result<Observation> {
        self.baseline
            .map(|(o, _)| o)
            .ok_or_else(|| HpgError::InvalidInput {
                field: "baseline".into(),
                message: "this row has no daily-mean baseline".into(),
            })
    }
}

/// LH pulses in one day sampled every `every_min` minutes: a peak is a local maximum, its
/// increment is over the trough before it.
fn lh_pulses(sim: &mut Simulation, every_min: f64) -> Result<LhPulses> {
    let traj = sim.run(Duration::days(1.0), Duration::minutes(every_min))?;
    let lh: Vec<f64> = traj.samples.iter().map(|o| o.lh_iu_l).collect();
    let (mut count, mut amp_sum, mut rel_sum, mut trough) = (0usize, 0.0, 0.0, lh[0]);
    for i in 1..lh.len() - 1 {
        if lh[i] < lh[i - 1] && lh[i] <= lh[i + 1] {
            trough = lh[i];
        }
        if lh[i] > lh[i - 1] && lh[i] >= lh[i + 1] {
            count += 1;
            amp_sum += lh[i] - trough;
            rel_sum += (lh[i] - trough) / trough;
        }
    }
    let n = count.max(1) as f64;
    Ok(LhPulses {
        count,
        increment: amp_sum / n,
        relative_increment: rel_sum / n,
    })
}

/// A daily mean (hourly samples) and the pulses fired meanwhile.
fn daily_mean_and_pulses(sim: &mut Simulation) -> Result<(Observation, u64)> {
    let before = sim.stats().pulses;
    let mean = mean_over(sim, Duration::days(1.0), Duration::hours(1.0))?;
    Ok((mean, sim.stats().pulses - before))
}

/// Simulates one arm: its baseline, then its regimens from day 1, then `ops` in time order.
/// `pulse_phase` puts the man's GnRH pulse generator at that fraction of its interval at
/// time 0 (see [`Simulation::set_pulse_phase`]).
pub(super) fn run_arm(
    patient: &Patient,
    mode: Mode,
    baseline: Baseline,
    regimens: &[Regimen],
    mut ops: Vec<Op>,
    pulse_phase: Option<f64>,
) -> Result<ArmRun> {
    let mut sim = Simulation::new(patient.clone(), SimOptions::mode(mode))?;
    if let Some(phase) = pulse_phase {
        sim.set_pulse_phase(phase)?;
    }
    let mut run = ArmRun {
        baseline: None,
        baseline_pulses: None,
        found: Vec::new(),
    };
    match baseline {
        Baseline::None => {}
        Baseline::DailyMean => run.baseline = Some(daily_mean_and_pulses(&mut sim)?),
        Baseline::LhPulses => run.baseline_pulses = Some(lh_pulses(&mut sim, 2.0)?),
    }
    let baseline_end = sim.time_days();
    for r in regimens {
        sim.add_regimen(r.delayed(Duration::days(1.0)))?;
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
            Op::WindowMean { window, every } => {
                Found::Mean(mean_over(&mut sim, *window, *every)?, 0)
            }
            Op::DailyMean(_) => {
                let (mean, pulses) = daily_mean_and_pulses(&mut sim)?;
                Found::Mean(mean, pulses)
            }
            Op::Sample(_) => Found::Mean(sim.observe()?, 0),
            Op::DailySamples { horizon, .. } => {
                let mut samples = Vec::new();
                sim.run_streaming(Duration::days(*horizon), Duration::days(1.0), |o| {
                    samples.push(*o);
                    Ok(())
                })?;
                Found::Samples(samples)
            }
            Op::Sampled {
                from,
                to,
                every_min,
            } => Found::Samples(
                sim.run(Duration::days(to - from), Duration::minutes(*every_min))?
                    .samples,
            ),
            Op::PulseInterval => {
                sim.advance_by(Duration::days(2.0))?;
                Found::Pulses(sim.stats().pulses as usize)
            }
            Op::LhPulses { every_min, .. } => Found::Lh(lh_pulses(&mut sim, *every_min)?),
        };
        run.found.push((op, found));
    }
    Ok(run)
}

/// For each LH peak in `s`, minutes to the next T peak; their mean and how many.
pub(super) fn lh_t_lag(s: &[Observation]) -> (f64, usize) {
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

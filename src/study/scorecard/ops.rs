//! The simulation operations a scorecard arm runs (each once, in time order) and what they
//! produce: daily means, instantaneous samples, finely sampled spans, LH pulses.

use crate::error::{HpgError, Result};
use crate::model::Mode;
use crate::model::patient::Patient;
use crate::output::Observation;
use crate::regimen::Regimen;
use crate::sim::{SimOptions, Simulation};
use crate::study::endpoints::{daily_mean, mean_over};
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
/// sample averaged across the runs, point by point. The runs must hold the same ops with the
/// same sample times (they do when they come from one arm); pulse counts cannot be averaged
/// into a count, so a run that holds any is refused (rows that read pulses are refused
/// `phases` when the file is read).
pub(super) fn average(runs: &[ArmRun]) -> Result<ArmRun> {
    let error = |message: &str| HpgError::InvalidInput {
        field: "phases".into(),
        message: message.into(),
    };
    let first = runs.first().ok_or_else(|| error("no runs to average"))?;
    if first.baseline_pulses.is_some()
        || first
            .found
            .iter()
            .any(|(_, f)| matches!(f, Found::Pulses(_) | Found::Lh(_)))
    {
        return Err(error(
            "an average over pulse phases cannot hold pulse counts",
        ));
    }
    for run in &runs[1..] {
        let aligned = run.found.len() == first.found.len()
            && run.baseline.is_some() == first.baseline.is_some()
            && run
                .found
                .iter()
                .zip(&first.found)
                .all(|((op, a), (first_op, b))| {
                    op == first_op
                        && match (a, b) {
                            (Found::Mean(x, _), Found::Mean(y, _)) => x.time_days == y.time_days,
                            (Found::Samples(x), Found::Samples(y)) => {
                                x.len() == y.len()
                                    && x.iter().zip(y).all(|(p, q)| p.time_days == q.time_days)
                            }
                            _ => false,
                        }
                });
        if !aligned {
            return Err(error(
                "the runs to average hold different operations or sample times",
            ));
        }
    }
    let mean = |pick: &dyn Fn(&ArmRun) -> Observation| -> Observation {
        let all: Vec<Observation> = runs.iter().map(pick).collect();
        Observation::mean(&all).expect("at least one run")
    };
    let baseline = first
        .baseline
        .map(|(_, pulses)| (mean(&|r| r.baseline.expect("aligned").0), pulses));
    let mut found = Vec::with_capacity(first.found.len());
    for (i, (op, kind)) in first.found.iter().enumerate() {
        let averaged = match kind {
            Found::Mean(_, pulses) => Found::Mean(
                mean(&|r| match &r.found[i].1 {
                    Found::Mean(o, _) => *o,
                    _ => unreachable!("aligned runs hold the same kinds"),
                }),
                *pulses,
            ),
            Found::Samples(samples) => Found::Samples(
                (0..samples.len())
                    .map(|j| {
                        mean(&|r| match &r.found[i].1 {
                            Found::Samples(s) => s[j],
                            _ => unreachable!("aligned runs hold the same kinds"),
                        })
                    })
                    .collect(),
            ),
            Found::Pulses(_) | Found::Lh(_) => unreachable!("refused above"),
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

/// A daily mean ([`daily_mean`]: 10-min samples) and the pulses fired meanwhile.
fn daily_mean_and_pulses(sim: &mut Simulation) -> Result<(Observation, u64)> {
    let before = sim.stats().pulses;
    let mean = daily_mean(sim)?;
    Ok((mean, sim.stats().pulses - before))
}

/// Simulates one arm: its baseline, then its regimens from day 1, then `ops` in time order.
pub(super) fn run_arm(
    patient: &Patient,
    mode: Mode,
    baseline: Baseline,
    regimens: &[Regimen],
    ops: Vec<Op>,
) -> Result<ArmRun> {
    let sim = Simulation::new(patient.clone(), SimOptions::mode(mode))?;
    run_arm_from(sim, baseline, regimens, ops)
}

/// [`run_arm`] once for each of `phases` evenly spaced phases of the man's pulses (see
/// [`Simulation::set_pulse_phase`]), the man settled once, and the runs averaged.
pub(super) fn run_arm_over_phases(
    patient: &Patient,
    mode: Mode,
    baseline: Baseline,
    regimens: &[Regimen],
    ops: &[Op],
    phases: usize,
) -> Result<ArmRun> {
    let settled = Simulation::new(patient.clone(), SimOptions::mode(mode))?;
    let runs = (0..phases)
        .map(|k| {
            let mut sim = settled.clone();
            sim.set_pulse_phase(k as f64 / phases as f64)?;
            run_arm_from(sim, baseline, regimens, ops.to_vec())
        })
        .collect::<Result<Vec<_>>>()?;
    average(&runs)
}

/// [`run_arm`] from a man already built (at time 0).
fn run_arm_from(
    mut sim: Simulation,
    baseline: Baseline,
    regimens: &[Regimen],
    mut ops: Vec<Op>,
) -> Result<ArmRun> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::COLUMNS;

    /// An observation at `day` whose every quantity is `value`.
    fn at(day: f64, value: f64) -> Observation {
        let mut v = [value; COLUMNS.len()];
        v[0] = day;
        Observation::from_values(v)
    }

    fn run(value: f64, samples: usize) -> ArmRun {
        let span = Op::Sampled {
            from: 1.0,
            to: 1.1,
            every_min: 5.0,
        };
        ArmRun {
            baseline: Some((at(1.0, value), 19)),
            baseline_pulses: None,
            found: vec![
                (Op::DailyMean(3.0), Found::Mean(at(4.0, 2.0 * value), 0)),
                (
                    span,
                    Found::Samples(
                        (0..samples)
                            .map(|j| at(1.0 + j as f64 * 0.01, value + j as f64))
                            .collect(),
                    ),
                ),
            ],
        }
    }

    #[test]
    fn average_is_point_by_point_over_the_runs() {
        let mean = average(&[run(1.0, 3), run(3.0, 3)]).unwrap();
        let (baseline, pulses) = mean.baseline.unwrap();
        assert_eq!(
            (baseline.testosterone_ng_dl, baseline.time_days, pulses),
            (2.0, 1.0, 19)
        );
        match &mean.found[0].1 {
            Found::Mean(o, _) => assert_eq!((o.lh_iu_l, o.time_days), (4.0, 4.0)),
            _ => panic!("a mean"),
        }
        match &mean.found[1].1 {
            Found::Samples(s) => {
                let lh: Vec<f64> = s.iter().map(|o| o.lh_iu_l).collect();
                assert_eq!(lh, vec![2.0, 3.0, 4.0]);
                assert_eq!(s[2].time_days, 1.02);
            }
            _ => panic!("samples"),
        }
    }

    #[test]
    fn average_refuses_runs_that_do_not_line_up() {
        let err = average(&[run(1.0, 3), run(3.0, 2)]).unwrap_err();
        assert!(err.to_string().contains("sample times"), "{err}");
        let mut pulses = run(1.0, 3);
        pulses.found.push((Op::PulseInterval, Found::Pulses(20)));
        let err = average(&[pulses.clone(), pulses]).unwrap_err();
        assert!(err.to_string().contains("pulse counts"), "{err}");
        assert!(average(&[]).is_err());
    }
}

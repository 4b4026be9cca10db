//! Starting a man at the periodic steady state of the regimens he has taken since long before
//! time 0 ([`Regimen::at_steady_state`], the event table's `SS=1`): "he has been on 100 mg
//! weekly for years".
//!
//! The drugs' part is exact: each PK chain is linear, so its state at a dose is the fixed point
//! of one dosing interval, solved in closed form (`DrugState::add_steady_state_doses`). The
//! axis's part is the fixed point of the period map `P(y)` = the state one common period `T`
//! later (the least common multiple of the regimens' intervals), found by Newton's method on
//! `P(y) − y` with a finite-difference Jacobian of `P` (shooting; one integration of one period
//! per state but the pulse phase, per iteration), in `mean_field` at a tolerance far below the
//! run's. Years of slow processes (germ-cell transit, the spermatogonial reserve, Leydig capacity) cost nothing extra: they are
//! the directions in which Newton's step is largest. In `pulsatile` mode the man then runs on
//! for whole periods covering at least two weeks of pulses, as a drug-free start does.

use super::{Simulation, WARMUP_PULSATILE_DAYS};
use crate::drugs::DrugState;
use crate::error::{HpgError, Result};
use crate::model::{Mode, N, StateVector, ix};
use crate::output::SolverStats;
use crate::regimen::{Regimen, Schedule};
use crate::solver::Tolerance;
use nalgebra::SMatrix;

/// Longest common period of the steady-state regimens \[h\]: a year.
const MAX_PERIOD_H: f64 = 366.0 * 24.0;
/// Periods run before Newton starts, at least \[h\]: eight weeks bring the fast states near.
const APPROACH_H: f64 = 8.0 * 168.0;
/// Simulated time between Newton attempts when Newton stalls \[h\]: a year.
const DETOUR_H: f64 = 365.25 * 24.0;
/// Detours before giving up (ten simulated years in all).
const MAX_DETOURS: usize = 10;
/// Newton iterations before giving up.
const MAX_ITERATIONS: usize = 30;
/// Accepted residual: the largest `|P(y) − y|` relative to the state ([`residual`]).
const CONVERGED: f64 = 1e-8;
/// The pulsatile warm-up stops this long before its last period ends \[h\], so the doses due
/// then are left to the run (3.6 ms of simulated time).
const WARMUP_END_H: f64 = 1e-6;
/// Tolerance of the shooting integrations.
const SHOOTING_TOLERANCE: Tolerance = Tolerance {
    rtol: 1e-10,
    atol: 1e-13,
};

/// `|P(y) − y|` relative to each state's size (at least `floor`, a small share of its size in
/// the healthy reference man, so states near zero under suppression — germ cells, sperm — are
/// measured on their own scale, not relative to nothing), the pulse phase excluded; a NaN makes
/// it infinite.
fn residual(py: &StateVector, y: &StateVector, floor: &StateVector) -> f64 {
    (0..N)
        .filter(|&i| i != ix::PULSE_PHASE)
        .map(|i| ((py[i] - y[i]) / y[i].abs().max(floor[i])).abs())
        .fold(
            0.0,
            |m: f64, r| if r.is_nan() { f64::INFINITY } else { m.max(r) },
        )
}

/// The common period of intervals given in hours: their least common multiple, counted in
/// whole minutes; `None` if an interval is not a whole number of minutes or the period would
/// exceed [`MAX_PERIOD_H`].
fn common_period_hours(intervals: &[f64]) -> Option<f64> {
    fn gcd(a: u64, b: u64) -> u64 {
        if b == 0 { a } else { gcd(b, a % b) }
    }
    let limit = (MAX_PERIOD_H * 60.0) as u64;
    let mut lcm: u64 = 1;
    for &h in intervals {
        let minutes = h * 60.0;
        let whole = minutes.round();
        if !(1.0..=limit as f64).contains(&whole) || (minutes - whole).abs() > 1e-6 * minutes {
            return None;
        }
        let m = whole as u64;
        // Both factors are at most `limit` (~5e5), so the product cannot overflow.
        lcm = lcm / gcd(lcm, m) * m;
        if lcm > limit {
            return None;
        }
    }
    Some(lcm as f64 / 60.0)
}

impl Simulation {
    /// Puts the man at the periodic steady state of every steady-state regimen scheduled:
    /// drug chains just before time 0 and the axis on its periodic orbit; the clock stays at 0
    /// and the regimens' own doses follow from 0 on.
    pub(super) fn settle_at_steady_state(&mut self) -> Result<()> {
        let steady: Vec<Regimen> = self
            .dynamic
            .schedule
            .iter()
            .map(|s| s.regimen())
            .filter(Regimen::is_steady_state)
            .collect();
        let intervals: Vec<f64> = steady.iter().filter_map(Regimen::period_hours).collect();
        let period = common_period_hours(&intervals).ok_or_else(|| HpgError::InvalidInput {
            field: "steady_state".into(),
            message: format!(
                "the steady-state regimens' intervals ({} h) have no common period of at most a \
                 year in whole minutes",
                intervals
                    .iter()
                    .map(|h| crate::error::number(*h))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        })?;

        let mut drugs = DrugState::default();
        for r in &steady {
            let lag = r.lag_of().as_hours();
            match r.schedule() {
                Schedule::Repeated { dose, every, .. } => {
                    let every = every.as_hours();
                    if lag >= every {
                        return Err(HpgError::InvalidInput {
                            field: "lag".into(),
                            message: format!(
                                "a steady-state regimen's lag ({} h) must be shorter than its \
                                 interval ({} h)",
                                crate::error::number(lag),
                                crate::error::number(every)
                            ),
                        });
                    }
                    drugs.add_steady_state_doses(&self.model.rates, r, dose, every, lag)?;
                }
                Schedule::Infusion { rate, .. } => {
                    if lag > 0.0 {
                        return Err(HpgError::InvalidInput {
                            field: "lag".into(),
                            message: "a steady-state infusion has no lag: it has been running \
                                      since long before time 0"
                                .into(),
                        });
                    }
                    drugs.add_steady_state_infusion(&self.model.rates, r, rate)
                }
                Schedule::Once(_) => unreachable!("validated: a single dose has no steady state"),
            }
        }

        // The shooter: this man in `mean_field`, from time 0, on the steady-state regimens as
        // they have run before 0, without end (their own `times` or `stop` lie ahead).
        let mut shooter = self.clone();
        shooter.options.mode = Mode::MeanField;
        shooter.options.tolerance = SHOOTING_TOLERANCE;
        shooter.keep_steady_state_regimens_open();
        shooter.dynamic.drugs = drugs;
        shooter.dynamic.t = 0.0;
        let shoot = |y: &StateVector| -> Result<StateVector> {
            let mut s = shooter.clone();
            s.state = *y;
            s.advance_to_hours(period)?;
            Ok(s.state)
        };

        // Each state's floor: 1e-4 of its size in the reference man (1e-9 where that is 0).
        let mut floor = self
            .model
            .reference_state()
            .map(|v| (1e-4 * v.abs()).max(1e-9));
        // Reserve mobilization is a 0–1 fraction that is 0 in the reference man: measured on
        // its full range, so its traces between depots (~1e-13) are not weighed as if large.
        floor[ix::LH_MOBILIZATION] = 1e-4;
        let residual = |py: &StateVector, y: &StateVector| residual(py, y, &floor);
        // Approach: whole periods covering eight weeks.
        let mut y = self.state;
        for _ in 0..(APPROACH_H / period).ceil() as usize {
            y = shoot(&y)?;
        }
        let not_found = |why: String| HpgError::Solver {
            time_days: 0.0,
            reason: format!("no periodic steady state of the steady-state regimens: {why}"),
        };
        let mut py = shoot(&y)?;
        let mut converged = residual(&py, &y) < CONVERGED;
        let mut detours = 0;
        for _ in 0..MAX_ITERATIONS {
            if converged {
                break;
            }
            // Jacobian of P(y) − y by forward differences.
            let mut jac = SMatrix::<f64, N, N>::zeros();
            for j in 0..N {
                if j == ix::PULSE_PHASE {
                    jac[(j, j)] = -1.0;
                    continue;
                }
                let h = 1e-6 * y[j].abs().max(floor[j]);
                let mut yh = y;
                yh[j] += h;
                let pyh = shoot(&yh)?;
                for i in 0..N {
                    jac[(i, j)] = (pyh[i] - py[i]) / h;
                }
                jac[(j, j)] -= 1.0;
            }
            let mut r = py - y;
            r[ix::PULSE_PHASE] = 0.0;
            let step = jac
                .lu()
                .solve(&(-r))
                .ok_or_else(|| not_found("singular Jacobian".into()))?;
            // Damped: halve until the residual falls and the state stays non-negative.
            let before = residual(&py, &y);
            let mut lambda = 1.0;
            let mut accepted = None;
            for _ in 0..20 {
                let trial = (y + lambda * step).map(|v| v.max(0.0));
                if let Ok(pt) = shoot(&trial)
                    && residual(&pt, &trial) < before
                {
                    accepted = Some((trial, pt));
                    break;
                }
                lambda *= 0.5;
            }
            match accepted {
                Some((trial, pt)) => {
                    y = trial;
                    py = pt;
                }
                None => {
                    // Newton stalls far from the orbit (the germ-cell chain's thresholds): let
                    // the man live another year on the regimens, then try again.
                    detours += 1;
                    if detours > MAX_DETOURS {
                        return Err(not_found(format!("Newton stalled at {before:.1e}")));
                    }
                    for _ in 0..(DETOUR_H / period).ceil() as usize {
                        y = shoot(&y)?;
                    }
                    py = shoot(&y)?;
                }
            }
            converged = residual(&py, &y) < CONVERGED;
        }
        if !converged {
            return Err(not_found(format!(
                "residual {:.1e} after {MAX_ITERATIONS} Newton iterations",
                residual(&py, &y)
            )));
        }

        // The man: on the orbit at time 0, his drugs just before their doses.
        self.state = y;
        self.dynamic.drugs = drugs;
        if self.options.mode == Mode::Pulsatile {
            let mut runner = self.clone();
            runner.keep_steady_state_regimens_open();
            runner.dynamic.t = 0.0;
            let periods = (WARMUP_PULSATILE_DAYS * 24.0 / period).ceil().max(1.0);
            // To just before the doses due at the end (they are the run's own doses at 0);
            // the chains then hold the pulses of the last minutes as well as the drugs.
            runner.advance_to_hours(periods * period - WARMUP_END_H)?;
            self.state = runner.state;
            self.dynamic.drugs = runner.dynamic.drugs;
            self.dynamic.pulse_threshold = runner.dynamic.pulse_threshold;
            self.dynamic.rng = runner.dynamic.rng;
            self.dynamic.h_last = runner.dynamic.h_last;
        }
        self.dynamic.t = 0.0;
        self.dynamic.stats = SolverStats::default();
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_periods_are_least_common_multiples() {
        assert_eq!(common_period_hours(&[168.0]), Some(168.0));
        assert_eq!(common_period_hours(&[168.0, 48.0]), Some(336.0));
        assert_eq!(common_period_hours(&[24.0, 24.0, 12.0]), Some(24.0));
        assert_eq!(common_period_hours(&[1.0 / 7.0]), None);
        assert_eq!(common_period_hours(&[24.0 * 365.0, 24.0 * 364.0]), None);
        assert_eq!(common_period_hours(&[168.0, 1e12]), None);
        assert_eq!(common_period_hours(&[f64::MAX]), None);
    }
}

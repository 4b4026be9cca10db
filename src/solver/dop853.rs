//! ode_solvers' DOP853 behind our segment interface, for the work–precision comparison only
//! (cargo feature `dop853-comparison`). Sparse output: 0.6.x extrapolates the last `Dense`
//! point wrongly.

use super::{SegmentSystem, Tolerance};
use crate::error::{HpgError, Result};
use crate::model::StateVector;
use crate::output::SolverStats;
use ode_solvers::Dop853;
use ode_solvers::System;
use ode_solvers::dop_shared::{IntegrationError, OutputType};

impl System<f64, StateVector> for SegmentSystem<'_> {
    #[inline]
    fn system(&self, t: f64, y: &StateVector, dy: &mut StateVector) {
        self.rate(t, y, dy);
    }
}

/// Integrates one segment with DOP853; returns the end state and the last full step.
pub(super) fn integrate(
    system: SegmentSystem<'_>,
    t1: f64,
    y: StateVector,
    tolerance: Tolerance,
    max_steps: u32,
    h0: f64,
    stats: &mut SolverStats,
) -> Result<(StateVector, f64)> {
    let t0 = system.t0;
    let span = t1 - t0;
    let h = if h0 > 0.0 { h0.min(span) } else { 0.0 };
    let mut solver = Dop853::from_param(
        system,
        t0,
        t1,
        span,
        y,
        tolerance.rtol,
        tolerance.atol,
        0.9,
        0.0,
        0.333,
        6.0,
        span,
        h,
        max_steps,
        u32::MAX,
        OutputType::Sparse,
    );
    let result = solver.integrate();
    let s = match result {
        Ok(s) => s,
        Err(e) => {
            let (x, reason) = match e {
                IntegrationError::MaxNumStepReached { x, n_step } => {
                    (x, format!("more than {n_step} steps in one segment"))
                }
                IntegrationError::StepSizeUnderflow { x } => (x, "step size underflow".into()),
                IntegrationError::StiffnessDetected { x } => (x, "stiffness detected".into()),
            };
            return Err(HpgError::Solver {
                time_days: x / 24.0,
                reason,
            });
        }
    };
    stats.record(s.accepted_steps, s.rejected_steps, s.num_eval);
    let xs = solver.x_out();
    let ys = solver.y_out();
    let end = *ys.last().expect("sparse output holds at least the start");
    // The last step is usually cut short to land on t1: carry the one before it.
    let n = xs.len();
    let h_next = if n >= 3 {
        xs[n - 2] - xs[n - 3]
    } else if n == 2 {
        xs[1] - xs[0]
    } else {
        0.0
    };
    Ok((end, h_next))
}

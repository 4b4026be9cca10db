//! diffsol's BDF and ESDIRK34 as selectable methods, for the work–precision comparison of
//! issue 15 only (cargo feature `diffsol-comparison`; not a default, not for production runs).
//!
//! Each segment builds a diffsol problem from the segment's right-hand side and integrates it
//! from the segment's start to its end, as a library solver meets our breakpoints (doses,
//! samples, pulses): a fresh start per segment (BDF at order 1), diffsol choosing its own first
//! step (it reads the `h0` we pass only for its sign). The Jacobian is formed by diffsol column
//! by column from our `J·v`, a forward difference of the right-hand side (f at the base point
//! recomputed per column: 56 evaluations per Jacobian where ours take 28); RHS evaluations count
//! every call, those inside `J·v` included. Rejected steps count error-test failures only (not
//! Newton failures), and diffsol's step budget (10⁶) stands in for ours.

use super::{SegmentEnd, SegmentSystem, Tolerance};
use crate::error::{HpgError, Result};
use crate::model::{N, StateVector};
use crate::output::SolverStats;
use ::diffsol::{
    DiffsolError, NalgebraLU, NalgebraMat, NalgebraVec, OdeBuilder, OdeEquations, OdeSolverMethod,
    OdeSolverStopReason,
};
use std::cell::Cell;

/// Which diffsol method.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Which {
    Bdf,
    Esdirk34,
}

fn failure(t0: f64, e: DiffsolError) -> HpgError {
    HpgError::Solver {
        time_days: t0 / 24.0,
        reason: format!("diffsol: {e}"),
    }
}

/// Integrates one segment with diffsol.
pub(crate) fn integrate(
    which: Which,
    system: SegmentSystem<'_>,
    t1: f64,
    y: StateVector,
    tolerance: Tolerance,
    h0: f64,
    stats: &mut SolverStats,
) -> Result<SegmentEnd> {
    let t0 = system.t0;
    let calls = Cell::new(0u64);
    // Never past the segment's end: diffsol's last implicit stage evaluates f at t1 exactly.
    let rate = |t: f64, x: &[f64], dx: &mut [f64]| {
        calls.set(calls.get() + 1);
        let state = StateVector::from_column_slice(x);
        let mut rate = StateVector::zeros();
        system.rate(t.min(t1), &state, &mut rate);
        dx.copy_from_slice(rate.as_slice());
    };
    let jacobian_times = |x: &[f64], t: f64, v: &[f64], out: &mut [f64]| {
        let scale = v.iter().fold(0.0f64, |m, a| m.max(a.abs()));
        if scale == 0.0 {
            out.fill(0.0);
            return;
        }
        let size = x.iter().fold(1.0f64, |m, a| m.max(a.abs()));
        let eps = f64::EPSILON.sqrt() * size / scale;
        let mut shifted = [0.0; N];
        for i in 0..N {
            shifted[i] = x[i] + eps * v[i];
        }
        let mut base = [0.0; N];
        rate(t, x, &mut base);
        rate(t, &shifted, out);
        for i in 0..N {
            out[i] = (out[i] - base[i]) / eps;
        }
    };
    let start = y;
    let mut builder = OdeBuilder::<NalgebraMat<f64>>::new()
        .t0(t0)
        .rtol(tolerance.rtol)
        .atol([tolerance.atol]);
    if h0 > 0.0 {
        builder = builder.h0(h0.min(t1 - t0));
    }
    let mut problem = builder
        .rhs_implicit(
            |x: &[f64], _p: &[f64], t: f64, dx: &mut [f64]| rate(t, x, dx),
            |x: &[f64], _p: &[f64], t: f64, v: &[f64], out: &mut [f64]| {
                jacobian_times(x, t, v, out)
            },
        )
        .init(
            move |_p: &[f64], _t: f64, y0: &mut [f64]| y0.copy_from_slice(start.as_slice()),
            N,
        )
        .build()
        .map_err(|e| failure(t0, e))?;
    problem.ode_options.max_number_timesteps = 1_000_000;
    let (end, steps, rejected) = match which {
        Which::Bdf => {
            let mut solver = problem
                .bdf::<NalgebraLU<f64>>()
                .map_err(|e| failure(t0, e))?;
            run(&mut solver, t1).map_err(|e| failure(t0, e))?
        }
        Which::Esdirk34 => {
            let mut solver = problem
                .esdirk34::<NalgebraLU<f64>>()
                .map_err(|e| failure(t0, e))?;
            run(&mut solver, t1).map_err(|e| failure(t0, e))?
        }
    };
    stats.steps += steps;
    stats.rejected_steps += rejected;
    stats.rhs_evaluations += calls.get();
    stats.segments += 1;
    Ok(SegmentEnd {
        y: end,
        h_next: h0,
        h_first: 0.0,
    })
}

/// Steps `solver` to `t1`; the end state, steps and rejected steps.
fn run<'a, Eqn, S>(
    solver: &mut S,
    t1: f64,
) -> std::result::Result<(StateVector, u64, u64), DiffsolError>
where
    Eqn: OdeEquations<T = f64, V = NalgebraVec<f64>> + 'a,
    S: OdeSolverMethod<'a, Eqn>,
{
    solver.set_stop_time(t1)?;
    while !matches!(solver.step()?, OdeSolverStopReason::TstopReached) {}
    let end = StateVector::from_column_slice(solver.state().y.batch_as_slice(0));
    let s = solver.get_statistics();
    Ok((
        end,
        s.number_of_steps as u64,
        s.number_of_error_test_failures as u64,
    ))
}

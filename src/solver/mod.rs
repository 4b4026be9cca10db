//! Integration of the physiology between breakpoints.
//!
//! Every breakpoint (GnRH pulse, dose, infusion edge, sample) ends a segment and the next one
//! restarts the integrator from the new state, carrying the step size the controller proposed
//! (one for the explicit and one for the linearly implicit methods, and the first step after
//! the last dose, where the next dose's segment starts). The default, [`Method::Auto`], picks
//! per segment: our own allocation-free Dormand–Prince 5(4) (`dopri5.rs`) in `pulsatile`; in
//! `mean_field` our order-2 W-method (`rosenbrock.rs`) on drug-free segments and our ROS34PW2
//! (`ros34pw2.rs`, a W-method of order 3 with `∂f/∂t`) while doses force the system. ode_solvers' `Dop853` stays
//! selectable behind the cargo feature `dop853-comparison` (`Method::OdeSolversDop853`), for the
//! work–precision comparison in BENCHMARKS.md; there its output is `Sparse` only, because
//! 0.6.x extrapolates the last `Dense` point wrongly (see `tests/model.rs`).

#[cfg(feature = "diffsol-comparison")]
mod diffsol_comparison;
#[cfg(feature = "dop853-comparison")]
mod dop853;
pub(crate) mod dopri5;
pub(crate) mod ros34pw2;
pub(crate) mod rosenbrock;

use crate::drugs::DrugState;
use crate::error::{HpgError, Result};
use crate::model::{Mode, Model, N, StateVector};
use crate::output::SolverStats;
use serde::{Deserialize, Serialize};

/// Which integrator advances the physiology. Non-exhaustive: the comparison method exists only
/// with the cargo feature `dop853-comparison`.
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Method {
    /// Per segment (default): in `mean_field`, [`Method::Rosenbrock`] while no drug is in the
    /// body (the system is then autonomous and only mildly stiff) and [`Method::Ros34pw2`]
    /// while one is (at rtol 2e-5 or looser; Dopri5 below); [`Method::Dopri5`] in `pulsatile`.
    #[default]
    Auto,
    /// Our Dormand–Prince 5(4): fixed-size, allocation-free, PI step control. Best for the
    /// pulse-by-pulse system, whose steps are limited by accuracy.
    Dopri5,
    /// Our linearly implicit W-method 2(3) (Wolfbrandt's formula with Zedan's error estimate,
    /// as in MATLAB's `ode23s`), Jacobian and inverse reused across steps: steps limited by
    /// accuracy only, where an explicit method is held to ~1.7 h by the fast decays of the
    /// `mean_field` system. Loses to Dopri5 where the forcing changes by the hour (drugs).
    Rosenbrock,
    /// Our Rosenbrock W-method ROS34PW2 (Rang & Angermann 2005): order 3 with any Jacobian,
    /// L-stable, with `∂f/∂t`, so steps follow the accuracy of a time-dependent forcing (doses)
    /// rather than the fast decays. The Jacobian is shared with [`Method::Rosenbrock`].
    Ros34pw2,
    /// ode_solvers' DOP853 (8th order), kept for the work–precision comparison; allocates per
    /// segment. Only with the cargo feature `dop853-comparison`.
    #[cfg(feature = "dop853-comparison")]
    OdeSolversDop853,
    /// diffsol's BDF (variable order 1–5, Newton with its own Jacobian from our `J·v`),
    /// restarted at every breakpoint; for the work–precision comparison. Only with the cargo
    /// feature `diffsol-comparison`.
    #[cfg(feature = "diffsol-comparison")]
    DiffsolBdf,
    /// diffsol's ESDIRK34, restarted at every breakpoint; for the work–precision comparison.
    /// Only with the cargo feature `diffsol-comparison`.
    #[cfg(feature = "diffsol-comparison")]
    DiffsolEsdirk34,
}

/// Integrator tolerances. The defaults per mode ([`Tolerance::for_mode`]) are the loosest that
/// keep every daily sample of T, LH, FSH, E2 and ITT within 1e-4 relative of a 1e-12 reference
/// run in the benchmark scenarios with the default method (BENCHMARKS.md): `pulsatile` needs
/// rtol 1e-7 (at 1e-6 the instantaneous LH of a man on TRT + hCG, sampled near pulses, was off
/// by 4.5e-4); `mean_field` rtol 3e-5, with a margin (the TRT + hCG year 4.7e-5 off with
/// ROS34PW2 on its drug segments; 8.3e-5 at 5e-5, 2.9e-4 at 1e-4).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Tolerance {
    /// Relative tolerance.
    pub rtol: f64,
    /// Absolute tolerance (states are O(0.01–1000) in their units).
    pub atol: f64,
}

impl Tolerance {
    /// The default tolerance of a mode.
    pub fn for_mode(mode: Mode) -> Self {
        match mode {
            Mode::Pulsatile => Tolerance {
                rtol: 1e-7,
                atol: 1e-10,
            },
            Mode::MeanField => Tolerance {
                rtol: 3e-5,
                atol: 3e-8,
            },
        }
    }
}

/// The `pulsatile` default (the tighter of the two).
impl Default for Tolerance {
    fn default() -> Self {
        Tolerance::for_mode(Mode::Pulsatile)
    }
}

/// The ODE for one segment: the model with the segment's frozen inputs.
pub(crate) struct SegmentSystem<'a> {
    pub model: &'a Model,
    pub mode: Mode,
    pub drugs: DrugState,
    pub t0: f64,
    pub pulse_freq: f64,
}

impl SegmentSystem<'_> {
    /// The right-hand side at time `t` \[h\].
    #[inline]
    pub fn rate(&self, t: f64, y: &StateVector, dy: &mut StateVector) {
        self.model
            .rhs(self.mode, &self.drugs, self.t0, self.pulse_freq, t, y, dy);
    }
}

/// The end of an integrated segment.
pub(crate) struct SegmentEnd {
    /// The state at the segment's end.
    pub y: StateVector,
    /// The step the controller proposes next \[h\].
    pub h_next: f64,
    /// The step proposed after the segment's first accepted one \[h\] (0 if none).
    pub h_first: f64,
}

/// Integrates `system` from its `t0` to `t1` starting at `y`, with a first step `h0` (0 lets
/// the solver choose).
#[allow(clippy::too_many_arguments)]
pub(crate) fn integrate_segment(
    method: Method,
    system: SegmentSystem<'_>,
    t1: f64,
    y: StateVector,
    tolerance: Tolerance,
    max_steps: u32,
    h0: f64,
    jacobian: &mut rosenbrock::Jacobian<N>,
    stats: &mut SolverStats,
) -> Result<SegmentEnd> {
    if let Some(which) = implicit_method(method, system.mode, &system.drugs, tolerance) {
        return integrate_implicit(
            which, system, t1, y, tolerance, max_steps, h0, jacobian, stats,
        );
    }
    #[cfg(feature = "diffsol-comparison")]
    {
        use diffsol_comparison::Which;
        let which = match method {
            Method::DiffsolBdf => Some(Which::Bdf),
            Method::DiffsolEsdirk34 => Some(Which::Esdirk34),
            _ => None,
        };
        if let Some(which) = which {
            return diffsol_comparison::integrate(which, system, t1, y, tolerance, h0, stats);
        }
    }
    #[cfg(feature = "dop853-comparison")]
    if method == Method::OdeSolversDop853 {
        return dop853::integrate(system, t1, y, tolerance, max_steps, h0, stats).map(
            |(y, h_next)| SegmentEnd {
                y,
                h_next,
                h_first: 0.0,
            },
        );
    }
    integrate_dopri5(system, t1, y, tolerance, max_steps, h0, stats)
}

/// The tightest relative tolerance at which [`Method::Auto`] hands drug segments to ROS34PW2.
const ROS34PW2_TIGHTEST_RTOL: f64 = 2e-5;

/// The linearly implicit methods.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Implicit {
    /// The order-2 W-method ([`Method::Rosenbrock`]).
    W23,
    /// ROS34PW2 ([`Method::Ros34pw2`]).
    W34,
}

/// Which linearly implicit method, if any, integrates a segment in `mode` with `drugs`: the one
/// asked for, or with [`Method::Auto`] in `mean_field` the order-2 W-method while the system is
/// autonomous (no drug to speak of in the body) and ROS34PW2 while doses force it, at rtol
/// 2e-5 or looser (at 1e-5 the two break even on the TRT + hCG year: 6,452 ROS34PW2 steps at
/// ~4 µs against 8,946 Dopri5 steps at ~3 µs; tighter, Dopri5 wins, BENCHMARKS.md).
pub(crate) fn implicit_method(
    method: Method,
    mode: Mode,
    drugs: &DrugState,
    tolerance: Tolerance,
) -> Option<Implicit> {
    match method {
        Method::Rosenbrock => Some(Implicit::W23),
        Method::Ros34pw2 => Some(Implicit::W34),
        Method::Auto if mode == Mode::MeanField => {
            if drugs.is_negligible() {
                Some(Implicit::W23)
            } else if tolerance.rtol >= ROS34PW2_TIGHTEST_RTOL {
                Some(Implicit::W34)
            } else {
                None
            }
        }
        Method::Auto | Method::Dopri5 => None,
        #[cfg(feature = "dop853-comparison")]
        Method::OdeSolversDop853 => None,
        #[cfg(feature = "diffsol-comparison")]
        Method::DiffsolBdf | Method::DiffsolEsdirk34 => None,
    }
}

impl SolverStats {
    /// Adds one segment's work.
    fn record(&mut self, accepted: u32, rejected: u32, rhs: u32) {
        self.steps += u64::from(accepted);
        self.rejected_steps += u64::from(rejected);
        self.rhs_evaluations += u64::from(rhs);
        self.segments += 1;
    }
}

/// A failure of one of our integrators as the crate's error.
fn solver_error(failure: dopri5::Failure) -> HpgError {
    let (t, reason) = match failure {
        dopri5::Failure::TooManySteps { t, steps } => {
            (t, format!("more than {steps} steps in one segment"))
        }
        dopri5::Failure::StepSizeUnderflow { t } => (t, "step size underflow".into()),
        dopri5::Failure::NonFinite { t } => {
            (t, "the derivative is not finite at any step size".into())
        }
    };
    HpgError::Solver {
        time_days: t / 24.0,
        reason,
    }
}

/// Integrates a segment with one of the linearly implicit methods, which share the Jacobian.
#[allow(clippy::too_many_arguments)]
fn integrate_implicit(
    which: Implicit,
    system: SegmentSystem<'_>,
    t1: f64,
    mut y: StateVector,
    tolerance: Tolerance,
    max_steps: u32,
    h0: f64,
    jacobian: &mut rosenbrock::Jacobian<N>,
    stats: &mut SolverStats,
) -> Result<SegmentEnd> {
    let mut work = rosenbrock::Work::default();
    let control = dopri5::Control::new(tolerance, max_steps);
    let mut f = |t: f64, y: &StateVector, dy: &mut StateVector| system.rate(t, y, dy);
    let (t0, w) = (system.t0, &mut work);
    let result = match which {
        Implicit::W23 => rosenbrock::integrate(&mut f, t0, t1, &mut y, h0, control, jacobian, w),
        Implicit::W34 => {
            // The segment's inputs are frozen, so f depends on t only through the drugs'
            // exposures (and the pulse clock in `pulsatile`).
            let time_dependent = !system.drugs.is_negligible() || system.mode == Mode::Pulsatile;
            ros34pw2::integrate(
                &mut f,
                t0,
                t1,
                &mut y,
                h0,
                time_dependent,
                control,
                jacobian,
                w,
            )
        }
    };
    stats.record(work.accepted, work.rejected, work.rhs);
    stats.jacobians += u64::from(work.jacobians);
    result
        .map(|h_next| SegmentEnd {
            y,
            h_next,
            h_first: work.first_step,
        })
        .map_err(solver_error)
}

fn integrate_dopri5(
    system: SegmentSystem<'_>,
    t1: f64,
    mut y: StateVector,
    tolerance: Tolerance,
    max_steps: u32,
    h0: f64,
    stats: &mut SolverStats,
) -> Result<SegmentEnd> {
    let mut work = dopri5::Work::default();
    let control = dopri5::Control::new(tolerance, max_steps);
    let mut f = |t: f64, y: &StateVector, dy: &mut StateVector| system.rate(t, y, dy);
    let result = dopri5::integrate(&mut f, system.t0, t1, &mut y, h0, control, &mut work);
    stats.record(work.accepted, work.rejected, work.rhs);
    result
        .map(|h_next| SegmentEnd {
            y,
            h_next,
            h_first: 0.0,
        })
        .map_err(solver_error)
}

//! Integration of the physiology between breakpoints.
//!
//! Every breakpoint (GnRH pulse, dose, infusion edge, sample) ends a segment and the next one
//! restarts the integrator from the new state, carrying the step size the controller proposed
//! (one for each of our two methods). The default, [`Method::Auto`], picks per segment: our own
//! allocation-free Dormand–Prince 5(4) (`dopri5.rs`), or our linearly implicit W-method
//! (`rosenbrock.rs`) for drug-free `mean_field` segments. ode_solvers' `Dop853` stays
//! selectable behind the cargo feature `dop853-comparison` (`Method::OdeSolversDop853`), for the
//! work–precision comparison in BENCHMARKS.md; there its output is `Sparse` only, because
//! 0.6.x extrapolates the last `Dense` point wrongly (see `tests/model.rs`).

#[cfg(feature = "dop853-comparison")]
mod dop853;
pub(crate) mod dopri5;
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
    /// Per segment: [`Method::Rosenbrock`] in `mean_field` while no drug is in the body (the
    /// system is then autonomous and only mildly stiff), [`Method::Dopri5`] otherwise (default).
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
    /// ode_solvers' DOP853 (8th order), kept for the work–precision comparison; allocates per
    /// segment. Only with the cargo feature `dop853-comparison`.
    #[cfg(feature = "dop853-comparison")]
    OdeSolversDop853,
}

/// Integrator tolerances. The defaults per mode ([`Tolerance::for_mode`]) are the loosest that
/// keep every daily sample of T, LH, FSH, E2 and ITT within 1e-4 relative of a 1e-12 reference
/// run in the benchmark scenarios (BENCHMARKS.md): `pulsatile` needs rtol 1e-7 (at 1e-6 the
/// instantaneous LH of a man on TRT + hCG, sampled near pulses, was off by 4.5e-4);
/// `mean_field` is within 2e-6 at rtol 1e-5 with Dopri5 throughout (as the bench forces), about 4e-6
/// with the default method choice (reported by an independent re-implementation).
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
                rtol: 1e-5,
                atol: 1e-8,
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

/// Integrates `system` from its `t0` to `t1` starting at `y`, with a first step `h0` (0 lets
/// the solver choose). Returns the end state and the last full step size.
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
) -> Result<(StateVector, f64)> {
    if uses_implicit(method, system.mode, &system.drugs) {
        return integrate_rosenbrock(system, t1, y, tolerance, max_steps, h0, jacobian, stats);
    }
    #[cfg(feature = "dop853-comparison")]
    if method == Method::OdeSolversDop853 {
        return dop853::integrate(system, t1, y, tolerance, max_steps, h0, stats);
    }
    integrate_dopri5(system, t1, y, tolerance, max_steps, h0, stats)
}

/// Whether a segment in `mode` with `drugs` is integrated by the linearly implicit method:
/// always with [`Method::Rosenbrock`], with [`Method::Auto`] where the system is autonomous and
/// only mildly stiff (`mean_field` with no drug to speak of in the body).
pub(crate) fn uses_implicit(method: Method, mode: Mode, drugs: &DrugState) -> bool {
    match method {
        Method::Rosenbrock => true,
        Method::Auto => mode == Mode::MeanField && drugs.is_negligible(),
        Method::Dopri5 => false,
        #[cfg(feature = "dop853-comparison")]
        Method::OdeSolversDop853 => false,
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

#[allow(clippy::too_many_arguments)]
fn integrate_rosenbrock(
    system: SegmentSystem<'_>,
    t1: f64,
    mut y: StateVector,
    tolerance: Tolerance,
    max_steps: u32,
    h0: f64,
    jacobian: &mut rosenbrock::Jacobian<N>,
    stats: &mut SolverStats,
) -> Result<(StateVector, f64)> {
    let mut work = rosenbrock::Work::default();
    let control = dopri5::Control::new(tolerance, max_steps);
    let mut f = |t: f64, y: &StateVector, dy: &mut StateVector| system.rate(t, y, dy);
    let result = rosenbrock::integrate(
        &mut f, system.t0, t1, &mut y, h0, control, jacobian, &mut work,
    );
    stats.record(work.accepted, work.rejected, work.rhs);
    stats.jacobians += u64::from(work.jacobians);
    result.map(|h| (y, h)).map_err(solver_error)
}

fn integrate_dopri5(
    system: SegmentSystem<'_>,
    t1: f64,
    mut y: StateVector,
    tolerance: Tolerance,
    max_steps: u32,
    h0: f64,
    stats: &mut SolverStats,
) -> Result<(StateVector, f64)> {
    let mut work = dopri5::Work::default();
    let control = dopri5::Control::new(tolerance, max_steps);
    let mut f = |t: f64, y: &StateVector, dy: &mut StateVector| system.rate(t, y, dy);
    let result = dopri5::integrate(&mut f, system.t0, t1, &mut y, h0, control, &mut work);
    stats.record(work.accepted, work.rejected, work.rhs);
    result.map(|h| (y, h)).map_err(solver_error)
}

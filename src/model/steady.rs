//! The patient's own steady state without drugs, in `mean_field`, by damped Newton iteration on
//! the right-hand side (finite-difference Jacobian, static LU: no allocation), or, where Newton
//! stalls, by pseudo-transient continuation. Replaces two simulated years of settling by tens
//! of iterations; the caller checks the result by integrating on from it and falls back to
//! settling by integration if both fail.

use super::{Mode, Model, N, StateVector, ix};
use crate::drugs::DrugState;
use nalgebra::SMatrix;

/// Largest Newton iterations before giving up.
const MAX_ITERATIONS: usize = 60;
/// Largest pseudo-transient continuation iterations before giving up.
const CONTINUATION_ITERATIONS: usize = 300;

/// The largest rate relative to its state (states below 1e-6 count as 1e-6) \[1/h\]; a NaN
/// anywhere makes it infinite (`f64::max` alone would skip it).
fn scaled_residual(f: &StateVector, y: &StateVector) -> f64 {
    (0..N)
        .map(|i| (f[i] / y[i].abs().max(1e-6)).abs())
        .fold(
            0.0,
            |m: f64, r| if r.is_nan() { f64::INFINITY } else { m.max(r) },
        )
}

impl Model {
    fn mean_field_rate(&self, y: &StateVector) -> StateVector {
        let mut f = StateVector::zeros();
        self.rhs(
            Mode::MeanField,
            &DrugState::default(),
            0.0,
            0.0,
            0.0,
            y,
            &mut f,
        );
        f[ix::PULSE_PHASE] = 0.0;
        f
    }

    /// Forward-difference Jacobian of the drug-free `mean_field` rate at `y` (`f` = its rate
    /// there); the pulse phase and any other state nothing reads get `phase_diagonal` on their
    /// diagonal.
    fn mean_field_jacobian(
        &self,
        y: &StateVector,
        f: &StateVector,
        phase_diagonal: f64,
    ) -> SMatrix<f64, N, N> {
        let mut jac = SMatrix::<f64, N, N>::zeros();
        for j in 0..N {
            if j == ix::PULSE_PHASE {
                jac[(j, j)] = phase_diagonal;
                continue;
            }
            let h = 1e-7 * y[j].abs().max(1e-6);
            let mut yh = *y;
            yh[j] += h;
            let fh = self.mean_field_rate(&yh);
            for i in 0..N {
                jac[(i, j)] = (fh[i] - f[i]) / h;
            }
            // A state nothing reads (the kisspeptin drive of a man without a pulse generator)
            // is treated like the phase, so the Jacobian stays regular.
            if jac.column(j).iter().all(|v| *v == 0.0) {
                jac[(j, j)] = phase_diagonal;
            }
        }
        jac
    }

    /// Steady state of the drug-free `mean_field` system near `start`, or `None` if Newton does
    /// not converge to a finite, non-negative state.
    pub(crate) fn mean_field_steady_state(&self, start: &StateVector) -> Option<StateVector> {
        let mut y = *start;
        y[ix::PULSE_PHASE] = 0.0;
        let scale = |y: &StateVector, i: usize| y[i].abs().max(1e-6);
        let norm = scaled_residual;
        let mut f = self.mean_field_rate(&y);
        for _ in 0..MAX_ITERATIONS {
            // The phase's row and column are 0 but for the diagonal: its Newton step is 0.
            let step = self.mean_field_jacobian(&y, &f, 1.0).lu().solve(&(-f))?;
            // Damped step: halve until the residual falls and the state stays non-negative.
            let before = norm(&f, &y);
            let mut lambda = 1.0;
            let mut accepted = None;
            for _ in 0..30 {
                let trial = y + lambda * step;
                if trial.iter().all(|v| v.is_finite() && *v >= -1e-12) {
                    let ft = self.mean_field_rate(&trial);
                    if norm(&ft, &trial) < before || before < 1e-12 {
                        accepted = Some((trial, ft));
                        break;
                    }
                }
                lambda *= 0.5;
            }
            let (trial, ft) = accepted?;
            let moved = (0..N)
                .map(|i| ((trial[i] - y[i]) / scale(&y, i)).abs())
                .fold(0.0, f64::max);
            y = trial.map(|v| v.max(0.0));
            f = ft;
            // Converged: a full Newton step that barely moved and a residual at rounding level
            // (a stalled line search moves little too, but leaves a residual).
            if moved < 1e-12 && lambda == 1.0 && norm(&f, &y) < 1e-9 {
                return self.is_stable(&y).then_some(y);
            }
        }
        None
    }

    /// Steady state of the drug-free `mean_field` system reached from `start` by pseudo-transient
    /// continuation: implicit-Euler steps `(I/Δt − J)·δ = f` whose pseudo time step Δt grows as
    /// the residual falls (switched evolution relaxation, Mulder & van Leer 1985; Kelley & Keyes
    /// 1998), so the iteration follows the man's own approach to equilibrium at first and
    /// becomes Newton's method near it. It converges where damped Newton stalls in a local
    /// minimum of the residual, as it does from the reference state for many drawn men. `None`
    /// if it does not converge to a finite, non-negative, stable state within its iterations.
    pub(crate) fn mean_field_steady_state_continued(
        &self,
        start: &StateVector,
    ) -> Option<StateVector> {
        /// First pseudo time step \[h\].
        const FIRST_STEP_H: f64 = 1000.0;
        /// Smallest pseudo time step \[h\] before giving up.
        const SMALLEST_STEP_H: f64 = 1e-6;
        /// Largest pseudo time step \[h\]: ~10^6 years, Newton in all but name.
        const LARGEST_STEP_H: f64 = 1e10;
        let mut y = *start;
        y[ix::PULSE_PHASE] = 0.0;
        let scale = |y: &StateVector, i: usize| y[i].abs().max(1e-6);
        let norm = scaled_residual;
        let mut f = self.mean_field_rate(&y);
        let mut residual = norm(&f, &y);
        let mut dt = FIRST_STEP_H;
        for _ in 0..CONTINUATION_ITERATIONS {
            if !residual.is_finite() || dt < SMALLEST_STEP_H {
                // Stalled on rejected steps, or lost: leave it to the integration fallback.
                return None;
            }
            // −1 on the phase's (and any unread state's) diagonal: a stable mode left alone.
            let mut m = -self.mean_field_jacobian(&y, &f, -1.0);
            for i in 0..N {
                m[(i, i)] += 1.0 / dt;
            }
            let Some(step) = m.lu().solve(&f) else {
                dt *= 0.25;
                continue;
            };
            let trial = y + step;
            if !trial.iter().all(|v| v.is_finite() && *v >= -1e-9) {
                // Too long a pseudo step for the state to stay meaningful: shorten it.
                dt *= 0.25;
                continue;
            }
            let trial = trial.map(|v| v.max(0.0));
            let ft = self.mean_field_rate(&trial);
            let trial_residual = norm(&ft, &trial);
            let moved = (0..N)
                .map(|i| (step[i] / scale(&y, i)).abs())
                .fold(0.0, f64::max);
            // Switched evolution relaxation: the step grows as the residual falls.
            dt =
                (dt * (residual / trial_residual.max(1e-300)).clamp(0.2, 10.0)).min(LARGEST_STEP_H);
            y = trial;
            f = ft;
            residual = trial_residual;
            if residual < 1e-9 && moved < 1e-9 {
                return self.is_stable(&y).then_some(y);
            }
        }
        None
    }

    /// Whether the drug-free `mean_field` system is locally stable at `y`: every eigenvalue of
    /// the Jacobian (pulse phase excluded) has a negative real part. An unstable equilibrium
    /// is no steady state a man would sit at; the caller then settles by integration.
    fn is_stable(&self, y: &StateVector) -> bool {
        let f = self.mean_field_rate(y);
        // The phase gets −1: a stable mode that stands for "not looked at".
        self.mean_field_jacobian(y, &f, -1.0)
            .complex_eigenvalues()
            .iter()
            .all(|e| e.re < 0.0)
    }
}

//! Our own Dormand–Prince 5(4) integrator on fixed-size vectors: no heap allocation at all, the
//! first-same-as-last stage reused within a segment, Hairer's RMS error norm and PI step-size
//! control, and a proposed next step that the caller carries across breakpoints.
//!
//! Coefficients: Dormand & Prince (1980), J. Comput. Appl. Math. 6:19–26; the error norm and
//! the PI controller (β = 0.04) follow Hairer, Nørsett & Wanner, *Solving ODEs I*, §II.4.

use nalgebra::SVector;

/// Step-control settings.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Control {
    pub rtol: f64,
    pub atol: f64,
    pub max_steps: u32,
}

impl Control {
    /// The settings for `tolerance` and a step budget.
    pub fn new(tolerance: super::Tolerance, max_steps: u32) -> Self {
        Control {
            rtol: tolerance.rtol,
            atol: tolerance.atol,
            max_steps,
        }
    }

    /// Test settings: rtol `tol`, atol `tol`·1e-3, a generous budget.
    #[cfg(test)]
    pub fn for_tests(tol: f64) -> Self {
        Control {
            rtol: tol,
            atol: tol * 1e-3,
            max_steps: 100_000,
        }
    }
}

/// Work done in one call.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Work {
    pub accepted: u32,
    pub rejected: u32,
    pub rhs: u32,
}

/// Why a call failed, and at which time.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Failure {
    TooManySteps { t: f64, steps: u32 },
    StepSizeUnderflow { t: f64 },
    NonFinite { t: f64 },
}

const C2: f64 = 1.0 / 5.0;
const C3: f64 = 3.0 / 10.0;
const C4: f64 = 4.0 / 5.0;
const C5: f64 = 8.0 / 9.0;
const A21: f64 = 1.0 / 5.0;
const A31: f64 = 3.0 / 40.0;
const A32: f64 = 9.0 / 40.0;
const A41: f64 = 44.0 / 45.0;
const A42: f64 = -56.0 / 15.0;
const A43: f64 = 32.0 / 9.0;
const A51: f64 = 19372.0 / 6561.0;
const A52: f64 = -25360.0 / 2187.0;
const A53: f64 = 64448.0 / 6561.0;
const A54: f64 = -212.0 / 729.0;
const A61: f64 = 9017.0 / 3168.0;
const A62: f64 = -355.0 / 33.0;
const A63: f64 = 46732.0 / 5247.0;
const A64: f64 = 49.0 / 176.0;
const A65: f64 = -5103.0 / 18656.0;
const A71: f64 = 35.0 / 384.0;
const A73: f64 = 500.0 / 1113.0;
const A74: f64 = 125.0 / 192.0;
const A75: f64 = -2187.0 / 6784.0;
const A76: f64 = 11.0 / 84.0;
const E1: f64 = 71.0 / 57600.0;
const E3: f64 = -71.0 / 16695.0;
const E4: f64 = 71.0 / 1920.0;
const E5: f64 = -17253.0 / 339200.0;
const E6: f64 = 22.0 / 525.0;
const E7: f64 = -1.0 / 40.0;

const SAFETY: f64 = 0.9;
const BETA: f64 = 0.04;
const EXPO: f64 = 0.2 - BETA * 0.75;
/// Largest growth and shrink of the step in one go.
const GROW_MAX: f64 = 10.0;
const SHRINK_MAX: f64 = 0.2;

/// What the step-size controller decided about a trial step.
enum Verdict {
    /// Keep the step; try `next` after it (or return `carry` if it was the last).
    Accept { next: f64, carry: f64 },
    /// Redo the step with size `retry`.
    Reject { retry: f64 },
    /// The error was not finite at a tiny step: give up.
    GiveUp,
}

/// Hairer's PI controller with memory of the previous accepted error.
struct Controller {
    fac_old: f64,
    proposed: f64,
    reject_streak: bool,
}

impl Controller {
    fn new(h: f64) -> Self {
        Controller {
            fac_old: 1e-4,
            proposed: h,
            reject_streak: false,
        }
    }

    /// Judges a trial step of size `h` with scaled error `err`; `last` if it lands on `t1`.
    fn judge(&mut self, err: f64, h: f64, t: f64, last: bool) -> Verdict {
        let retry = if !err.is_finite() {
            if self.reject_streak && h < 1e-12 * t.abs().max(1.0) {
                return Verdict::GiveUp;
            }
            // A non-finite trial (overflow far from the solution): retry much smaller.
            h * SHRINK_MAX
        } else if err > 1.0 {
            h / (err.powf(EXPO) / SAFETY).min(1.0 / SHRINK_MAX)
        } else {
            0.0
        };
        if retry > 0.0 {
            self.reject_streak = true;
            // Never carry a step this segment has just failed with.
            self.proposed = self.proposed.min(retry);
            return Verdict::Reject { retry };
        }
        let fac11 = err.powf(EXPO);
        let fac =
            (fac11 / self.fac_old.powf(BETA) / SAFETY).clamp(1.0 / GROW_MAX, 1.0 / SHRINK_MAX);
        let next = if self.reject_streak {
            h.min(h / fac)
        } else {
            h / fac
        };
        self.fac_old = err.max(1e-4);
        self.reject_streak = false;
        // A last step cut short to land on `t1` says little about the right step size: then
        // carry the step proposed before it.
        let carry = if last && h < 0.999 * self.proposed {
            self.proposed
        } else {
            next
        };
        self.proposed = next;
        Verdict::Accept { next, carry }
    }
}

/// Integrates `y' = f(t, y)` from `t0` to `t1` in place. `h0` is the first step to try (0 or
/// less: estimate one). Returns the step the controller proposes next (not cut to land on
/// `t1`), for the next segment to start with.
#[allow(clippy::too_many_arguments)]
pub(crate) fn integrate<const D: usize>(
    f: &mut impl FnMut(f64, &SVector<f64, D>, &mut SVector<f64, D>),
    t0: f64,
    t1: f64,
    y: &mut SVector<f64, D>,
    h0: f64,
    control: Control,
    work: &mut Work,
) -> Result<f64, Failure> {
    let span = t1 - t0;
    if span <= 0.0 {
        return Ok(h0);
    }
    let mut k1 = SVector::<f64, D>::zeros();
    f(t0, y, &mut k1);
    work.rhs += 1;
    let mut h = if h0 > 0.0 {
        h0
    } else {
        initial_step(f, t0, y, &k1, span, control, work)
    };
    let mut t = t0;
    let mut controller = Controller::new(h);
    let (mut k2, mut k3, mut k4, mut k5, mut k6, mut k7) = (
        SVector::<f64, D>::zeros(),
        SVector::<f64, D>::zeros(),
        SVector::<f64, D>::zeros(),
        SVector::<f64, D>::zeros(),
        SVector::<f64, D>::zeros(),
        SVector::<f64, D>::zeros(),
    );
    let mut steps = 0u32;
    loop {
        if steps >= control.max_steps {
            return Err(Failure::TooManySteps { t, steps });
        }
        let last = t + h * 1.0001 >= t1;
        if last {
            h = t1 - t;
        }
        // A step this small relative to t is lost in rounding; a final step that merely lands
        // on a nearby breakpoint is not a failure.
        if !last && h.abs() <= 1e-14 * t.abs().max(1.0) {
            return Err(Failure::StepSizeUnderflow { t });
        }
        steps += 1;
        let mut ys = *y;
        ys.axpy(h * A21, &k1, 1.0);
        f(t + C2 * h, &ys, &mut k2);
        for i in 0..D {
            ys[i] = y[i] + h * (A31 * k1[i] + A32 * k2[i]);
        }
        f(t + C3 * h, &ys, &mut k3);
        for i in 0..D {
            ys[i] = y[i] + h * (A41 * k1[i] + A42 * k2[i] + A43 * k3[i]);
        }
        f(t + C4 * h, &ys, &mut k4);
        for i in 0..D {
            ys[i] = y[i] + h * (A51 * k1[i] + A52 * k2[i] + A53 * k3[i] + A54 * k4[i]);
        }
        f(t + C5 * h, &ys, &mut k5);
        for i in 0..D {
            ys[i] =
                y[i] + h * (A61 * k1[i] + A62 * k2[i] + A63 * k3[i] + A64 * k4[i] + A65 * k5[i]);
        }
        f(t + h, &ys, &mut k6);
        let mut y_new = *y;
        for i in 0..D {
            y_new[i] += h * (A71 * k1[i] + A73 * k3[i] + A74 * k4[i] + A75 * k5[i] + A76 * k6[i]);
        }
        f(t + h, &y_new, &mut k7);
        work.rhs += 6;
        // Hairer's RMS norm of the embedded error.
        let mut sum = 0.0;
        for i in 0..D {
            let e =
                h * (E1 * k1[i] + E3 * k3[i] + E4 * k4[i] + E5 * k5[i] + E6 * k6[i] + E7 * k7[i]);
            let scale = control.atol + control.rtol * y[i].abs().max(y_new[i].abs());
            sum += (e / scale) * (e / scale);
        }
        let err = (sum / D as f64).sqrt();
        match controller.judge(err, h, t, last) {
            Verdict::Accept { next, carry } => {
                work.accepted += 1;
                t += h;
                *y = y_new;
                k1 = k7;
                if last {
                    return Ok(carry);
                }
                h = next;
            }
            Verdict::Reject { retry } => {
                work.rejected += 1;
                h = retry;
            }
            Verdict::GiveUp => return Err(Failure::NonFinite { t }),
        }
    }
}

/// Hairer's starting-step heuristic: a step whose explicit Euler error is about the tolerance.
fn initial_step<const D: usize>(
    f: &mut impl FnMut(f64, &SVector<f64, D>, &mut SVector<f64, D>),
    t0: f64,
    y: &SVector<f64, D>,
    k1: &SVector<f64, D>,
    span: f64,
    control: Control,
    work: &mut Work,
) -> f64 {
    let mut dnf = 0.0;
    let mut dny = 0.0;
    for i in 0..D {
        let sk = control.atol + control.rtol * y[i].abs();
        dnf += (k1[i] / sk).powi(2);
        dny += (y[i] / sk).powi(2);
    }
    let mut h = if dnf <= 1e-10 || dny <= 1e-10 {
        1e-6
    } else {
        (dny / dnf).sqrt() * 0.01
    };
    h = h.min(span);
    let mut y1 = *y;
    y1.axpy(h, k1, 1.0);
    let mut k2 = SVector::<f64, D>::zeros();
    f(t0 + h, &y1, &mut k2);
    work.rhs += 1;
    let mut der2 = 0.0;
    for i in 0..D {
        let sk = control.atol + control.rtol * y[i].abs();
        der2 += ((k2[i] - k1[i]) / sk).powi(2);
    }
    let der2 = der2.sqrt() / h;
    let der12 = der2.max(dnf.sqrt());
    let h1 = if der12 <= 1e-15 {
        (h * 1e-3).max(1e-6)
    } else {
        (0.01 / der12).powf(0.2)
    };
    (100.0 * h).min(h1).min(span)
}

#[cfg(test)]
mod tests {
    use super::*;
    use nalgebra::Vector2;

    fn control(tol: f64) -> Control {
        Control::for_tests(tol)
    }

    /// Harmonic oscillator over one period: the error falls with the tolerance at about the
    /// method's order, and the work stays modest.
    #[test]
    fn oscillator_error_follows_the_tolerance() {
        let mut f = |_t: f64, y: &Vector2<f64>, dy: &mut Vector2<f64>| {
            dy[0] = y[1];
            dy[1] = -y[0];
        };
        let mut errors = Vec::new();
        for tol in [1e-4, 1e-6, 1e-8, 1e-10] {
            let mut y = Vector2::new(1.0, 0.0);
            let mut work = Work::default();
            integrate(
                &mut f,
                0.0,
                2.0 * std::f64::consts::PI,
                &mut y,
                0.0,
                control(tol),
                &mut work,
            )
            .unwrap();
            let err = ((y[0] - 1.0).powi(2) + y[1].powi(2)).sqrt();
            assert!(err < 100.0 * tol, "tol {tol}: error {err}");
            assert!(work.rhs < 3000, "tol {tol}: {} evaluations", work.rhs);
            errors.push(err);
        }
        assert!(errors[3] < errors[0] * 1e-4);
    }

    /// A logistic forcing like a GnRH pulse's receptor occupancy is resolved accurately.
    #[test]
    fn pulse_like_forcing_matches_its_closed_form() {
        // y' = occ(t) = G/(G+Kd), G = G0 e^{-kt}: y(t) = (1/k) ln((G0+Kd)/(G(t)+Kd)).
        let (g0, kd, k) = (167.0, 0.5, 10.4);
        let mut f = |t: f64, _y: &nalgebra::Vector1<f64>, dy: &mut nalgebra::Vector1<f64>| {
            let g = g0 * (-k * t).exp();
            dy[0] = g / (g + kd);
        };
        let mut y = nalgebra::Vector1::new(0.0);
        let mut work = Work::default();
        integrate(&mut f, 0.0, 1.2, &mut y, 0.0, control(1e-8), &mut work).unwrap();
        let exact = ((g0 + kd) / (g0 * (-k * 1.2f64).exp() + kd)).ln() / k;
        assert!((y[0] - exact).abs() < 1e-8 * exact, "{} vs {exact}", y[0]);
    }

    #[test]
    fn a_step_budget_is_a_typed_failure() {
        let mut f = |_t: f64, y: &Vector2<f64>, dy: &mut Vector2<f64>| {
            dy[0] = y[1];
            dy[1] = -y[0];
        };
        let mut y = Vector2::new(1.0, 0.0);
        let c = Control {
            max_steps: 3,
            ..control(1e-10)
        };
        let r = integrate(&mut f, 0.0, 100.0, &mut y, 0.0, c, &mut Work::default());
        assert!(matches!(r, Err(Failure::TooManySteps { steps: 3, .. })));
    }
}

//! A Rosenbrock W-method of order 3 with the time derivative, for `mean_field` segments with
//! drugs in the body: the forcing (closed-form exposures) changes by the hour, the fast decays
//! (receptor recovery, steroidogenesis, T, E2, LH: λ ≈ 1–3 /h) hold an explicit method to
//! ~1 h steps, and the order-2 W-method of `rosenbrock.rs`, which has no `∂f/∂t`, needs more
//! steps than Dopri5 there (BENCHMARKS.md).
//!
//! The method is ROS34PW2 of Rang & Angermann (2005, BIT Numer. Math. 45:761–787): four
//! stages, order 3 for any Jacobian approximation (a W-method, so the finite-difference
//! Jacobian of [`Jacobian`] can be reused across steps), stiffly accurate and L-stable, with an
//! embedded order-2 solution for the error estimate. In the usual notation (Hairer & Wanner,
//! *Solving ODEs II*, §IV.7), with `W = I − hγJ`:
//!
//! ```text
//! W kᵢ = h f(t + αᵢh, y + Σⱼ αᵢⱼ kⱼ) + h J Σⱼ γᵢⱼ kⱼ + γᵢ h² ∂f/∂t,   y₁ = y + Σ bᵢ kᵢ
//! ```
//!
//! It is computed in the transformed stages `uᵢ = Σⱼ≤ᵢ γᵢⱼ kⱼ` (Hairer & Wanner (7.25)), which
//! need no product with `J`: `(I/(hγ) − J) uᵢ = f(t + αᵢh, y + Σ aᵢⱼ uⱼ) + Σ cᵢⱼ/h uⱼ + γᵢ h ∂f/∂t`,
//! with `a = αΓ⁻¹`, `c = diag(1/γ) − Γ⁻¹` and weights `m = bΓ⁻¹`, derived here at compile time
//! from the published coefficients. `∂f/∂t` is a forward difference in `t` alone (one evaluation
//! per step; skipped where `f` does not depend on `t`). The Jacobian is the one of [`Jacobian`],
//! shared with the order-2 method; the LU factors of its stiff block (keyed by `h·γ`) are
//! applied four times per step.

// The coefficients keep every digit the paper prints, beyond what an f64 holds.
#![allow(clippy::excessive_precision)]

use super::dopri5::{Control, Failure};
use super::rosenbrock::{Jacobian, SHRINK_MAX, STIFF_COUPLING, Work, next_step, shrunk_step};
use nalgebra::SVector;

/// The diagonal γ of ROS34PW2 (Rang & Angermann 2005, Table 4.1).
const GAMMA: f64 = 4.358_665_215_084_590e-1;
/// The published `αᵢⱼ` (strictly lower triangular, row by row).
const ALPHA: [[f64; 4]; 4] = [
    [0.0, 0.0, 0.0, 0.0],
    [8.717_330_430_169_180_1e-1, 0.0, 0.0, 0.0],
    [
        8.445_706_001_536_942_3e-1,
        -1.129_906_423_648_418_5e-1,
        0.0,
        0.0,
    ],
    [0.0, 0.0, 1.0, 0.0],
];
/// The published `γᵢⱼ` (lower triangular, γ on the diagonal).
const GAMMA_IJ: [[f64; 4]; 4] = [
    [GAMMA, 0.0, 0.0, 0.0],
    [-8.717_330_430_169_180_1e-1, GAMMA, 0.0, 0.0],
    [
        -9.033_805_701_304_408_2e-1,
        5.418_067_238_809_532_6e-2,
        GAMMA,
        0.0,
    ],
    [
        2.421_238_070_609_534_6e-1,
        -1.223_250_583_904_514_7,
        5.452_602_553_351_021_4e-1,
        GAMMA,
    ],
];
/// The published weights `bᵢ` (order 3) and `b̂ᵢ` (embedded, order 2).
const B: [f64; 4] = [
    2.421_238_070_609_534_6e-1,
    -1.223_250_583_904_514_7,
    1.545_260_255_335_102_0,
    4.358_665_215_084_590_0e-1,
];
const B_HAT: [f64; 4] = [
    3.781_090_314_581_936_9e-1,
    -9.604_229_221_242_317_8e-2,
    5.0e-1,
    2.179_332_607_542_295_0e-1,
];

/// The method in transformed stages.
struct Tableau {
    /// `a = αΓ⁻¹` (strictly lower).
    a: [[f64; 4]; 4],
    /// `c = diag(1/γ) − Γ⁻¹` (strictly lower part).
    c: [[f64; 4]; 4],
    /// Stage times `αᵢ = Σⱼ αᵢⱼ`.
    alpha: [f64; 4],
    /// `γᵢ = Σⱼ γᵢⱼ`, the weight of `∂f/∂t` in stage `i`.
    gamma_sum: [f64; 4],
    /// `m = bΓ⁻¹` and `m − m̂` (the error weights).
    m: [f64; 4],
    error: [f64; 4],
}

/// Inverse of the lower-triangular `Γ` by forward substitution.
const fn gamma_inverse() -> [[f64; 4]; 4] {
    let mut inv = [[0.0; 4]; 4];
    let mut j = 0;
    while j < 4 {
        let mut i = 0;
        while i < 4 {
            let mut s = if i == j { 1.0 } else { 0.0 };
            let mut k = 0;
            while k < i {
                s -= GAMMA_IJ[i][k] * inv[k][j];
                k += 1;
            }
            inv[i][j] = s / GAMMA_IJ[i][i];
            i += 1;
        }
        j += 1;
    }
    inv
}

const fn transformed() -> Tableau {
    let g = gamma_inverse();
    let mut t = Tableau {
        a: [[0.0; 4]; 4],
        c: [[0.0; 4]; 4],
        alpha: [0.0; 4],
        gamma_sum: [0.0; 4],
        m: [0.0; 4],
        error: [0.0; 4],
    };
    let mut i = 0;
    while i < 4 {
        let mut j = 0;
        while j < 4 {
            let mut s = 0.0;
            let mut k = 0;
            while k < 4 {
                s += ALPHA[i][k] * g[k][j];
                k += 1;
            }
            t.a[i][j] = s;
            if j < i {
                t.c[i][j] = -g[i][j];
            }
            t.alpha[i] += ALPHA[i][j];
            t.gamma_sum[i] += GAMMA_IJ[i][j];
            t.m[j] += B[i] * g[i][j];
            t.error[j] += (B[i] - B_HAT[i]) * g[i][j];
            j += 1;
        }
        i += 1;
    }
    t
}

const TABLEAU: Tableau = transformed();

/// Relative move of a state since the Jacobian was formed that triggers a new one. Three times
/// the order-2 method's: this method keeps its order with any Jacobian, and on the TRT + hCG
/// year 0.3 took 4,294 RHS evaluations over 60 days where 0.1 took 6,181 (more Jacobians) and
/// 1.0 took 4,149 in 25 % more steps.
const JACOBIAN_MAX_MOVE: f64 = 0.3;
/// Largest growth of the step in one go (the order-2 method allows 5; 4 was set, not tuned).
const GROW_MAX: f64 = 4.0;

/// Integrates `y' = f(t, y)` from `t0` to `t1` in place, starting with step `h0` (0 or less:
/// one hour or the span). `time_dependent` says whether `f` depends on `t` (then `∂f/∂t` is
/// formed each step). Returns the step proposed next (not cut to land on `t1`).
#[allow(clippy::too_many_arguments)]
pub(crate) fn integrate<const D: usize>(
    f: &mut impl FnMut(f64, &SVector<f64, D>, &mut SVector<f64, D>),
    t0: f64,
    t1: f64,
    y: &mut SVector<f64, D>,
    h0: f64,
    time_dependent: bool,
    control: Control,
    jacobian: &mut Jacobian<D>,
    work: &mut Work,
) -> Result<f64, Failure> {
    let span = t1 - t0;
    if span <= 0.0 {
        return Ok(h0);
    }
    let tab = &TABLEAU;
    let mut f0 = SVector::<f64, D>::zeros();
    f(t0, y, &mut f0);
    work.rhs += 1;
    let mut h = if h0 > 0.0 { h0 } else { span.min(1.0) };
    let mut proposed = h;
    let mut t = t0;
    let mut steps = 0u32;
    let mut fresh = false;
    let mut rejections_in_row = 0u32;
    let mut u = [SVector::<f64, D>::zeros(); 4];
    let (mut ft, mut fs, mut ys, mut rhs) = (
        SVector::<f64, D>::zeros(),
        SVector::<f64, D>::zeros(),
        SVector::<f64, D>::zeros(),
        SVector::<f64, D>::zeros(),
    );
    // ∂f/∂t at the step's start, by a forward difference in t (re-formed when t moves).
    let mut ft_at = f64::NAN;
    loop {
        if steps >= control.max_steps {
            return Err(Failure::TooManySteps { t, steps });
        }
        let last = t + h * 1.0001 >= t1;
        if last {
            h = t1 - t;
        }
        if !last && h <= 1e-14 * t.abs().max(1.0) {
            return Err(Failure::StepSizeUnderflow { t });
        }
        steps += 1;
        if !jacobian.serves(y, control.atol, JACOBIAN_MAX_MOVE) {
            jacobian.form(f, t, y, &f0, work);
            fresh = true;
        }
        if time_dependent && ft_at != t {
            let dt = 1e-7 * t.abs().max(1.0);
            f(t + dt, y, &mut fs);
            work.rhs += 1;
            ft = (fs - f0) / dt;
            ft_at = t;
        }
        let Some(lu) = jacobian.lu(h * GAMMA, STIFF_COUPLING, work) else {
            work.rejected += 1;
            if !fresh {
                jacobian.form(f, t, y, &f0, work);
                fresh = true;
                continue;
            }
            if h < 1e-12 * t.abs().max(1.0) {
                return Err(Failure::NonFinite { t });
            }
            h *= SHRINK_MAX;
            proposed = proposed.min(h);
            continue;
        };
        // (I/(hγ) − J)⁻¹ = hγ·W⁻¹.
        let scale = h * GAMMA;
        let inv_h = 1.0 / h;
        let mut solved = true;
        for i in 0..4 {
            if i == 0 {
                fs.copy_from(&f0);
            } else {
                ys.copy_from(y);
                for (j, uj) in u.iter().enumerate().take(i) {
                    ys.axpy(tab.a[i][j], uj, 1.0);
                }
                f(t + tab.alpha[i] * h, &ys, &mut fs);
                work.rhs += 1;
            }
            rhs.copy_from(&fs);
            for (j, uj) in u.iter().enumerate().take(i) {
                rhs.axpy(tab.c[i][j] * inv_h, uj, 1.0);
            }
            if time_dependent {
                rhs.axpy(tab.gamma_sum[i] * h, &ft, 1.0);
            }
            rhs *= scale;
            if !lu.solve_mut(&mut rhs) {
                solved = false;
                break;
            }
            u[i].copy_from(&rhs);
        }
        let mut sum = 0.0;
        let mut y_new = *y;
        for (j, uj) in u.iter().enumerate() {
            y_new.axpy(tab.m[j], uj, 1.0);
        }
        for i in 0..D {
            let mut e = 0.0;
            for (j, uj) in u.iter().enumerate() {
                e += tab.error[j] * uj[i];
            }
            let sc = control.atol + control.rtol * y[i].abs().max(y_new[i].abs());
            sum += (e / sc) * (e / sc);
        }
        // A failed solve (non-finite stage) is a step with an infinite error.
        let err = if solved {
            (sum / D as f64).sqrt()
        } else {
            f64::INFINITY
        };
        if err <= 1.0 && y_new.iter().all(|v| v.is_finite()) {
            work.accepted += 1;
            let first = work.first_step == 0.0;
            t += h;
            *y = y_new;
            f(t, y, &mut f0);
            work.rhs += 1;
            fresh = false;
            rejections_in_row = 0;
            jacobian.age += 1;
            let next = next_step(h, err, GROW_MAX);
            if first && !last {
                // What the controller proposes after the first step of a segment (not the step
                // itself, which a dose segment started from and so could only ever shrink).
                work.first_step = next;
            }
            if last {
                return Ok(if h < 0.999 * proposed { proposed } else { next });
            }
            h = next;
            proposed = h;
        } else {
            work.rejected += 1;
            if !err.is_finite() && fresh && h < 1e-12 * t.abs().max(1.0) {
                return Err(Failure::NonFinite { t });
            }
            // A W-method keeps its order with an old Jacobian, so a first rejection is taken
            // for the forcing (a dose's onset) and only shrinks the step; a second one in a row
            // suspects the Jacobian.
            rejections_in_row += 1;
            if !fresh && (rejections_in_row >= 2 || !err.is_finite()) {
                jacobian.form(f, t, y, &f0, work);
                fresh = true;
            }
            h = shrunk_step(h, err);
            proposed = proposed.min(h);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use nalgebra::Vector2;

    /// The published coefficients satisfy the Rosenbrock order conditions (Hairer & Wanner,
    /// Table IV.7.1, with `βᵢⱼ = αᵢⱼ + γᵢⱼ`) up to order 3, the embedded weights up to order 2,
    /// and the method is stiffly accurate (`bᵢ = α₄ᵢ + γ₄ᵢ`): a typo in a digit fails here.
    #[test]
    fn the_coefficients_meet_the_order_conditions() {
        let beta = |i: usize, j: usize| ALPHA[i][j] + if j < i { GAMMA_IJ[i][j] } else { 0.0 };
        let beta_i = |i: usize| (0..i).map(|j| beta(i, j)).sum::<f64>();
        let alpha_i = |i: usize| ALPHA[i].iter().sum::<f64>();
        let g = GAMMA;
        let close = |a: f64, b: f64| (a - b).abs() < 1e-12;
        for (w, order) in [(B, 3), (B_HAT, 2)] {
            assert!(close(w.iter().sum(), 1.0));
            let s2: f64 = (0..4).map(|i| w[i] * beta_i(i)).sum();
            assert!(close(s2, 0.5 - g), "order 2: {s2}");
            if order >= 3 {
                let s3a: f64 = (0..4).map(|i| w[i] * alpha_i(i).powi(2)).sum();
                let s3b: f64 = (0..4)
                    .map(|i| w[i] * (0..i).map(|j| beta(i, j) * beta_i(j)).sum::<f64>())
                    .sum();
                assert!(close(s3a, 1.0 / 3.0), "order 3a: {s3a}");
                assert!(close(s3b, 1.0 / 6.0 - g + g * g), "order 3b: {s3b}");
            }
        }
        for i in 0..4 {
            assert!(close(B[i], ALPHA[3][i] + GAMMA_IJ[3][i]));
        }
        // The transformed weights of a stiffly accurate method: y₁ = Y₄ + u₄.
        for j in 0..4 {
            let last = if j == 3 { 1.0 } else { 0.0 };
            assert!((TABLEAU.m[j] - TABLEAU.a[3][j] - last).abs() < 1e-12);
        }
    }

    /// A stiff component tied to a time-dependent forcing: `y₁' = −1000 (y₁ − sin t) + cos t`
    /// (exact `y₁ = sin t` from `y₁(0) = 0`) beside a slow decay. With `∂f/∂t` the error
    /// follows the tolerance, and the step is held by the forcing, not by the rate 1000.
    #[test]
    fn a_forced_stiff_component_follows_the_tolerance_with_long_steps() {
        let mut previous = f64::INFINITY;
        for tol in [1e-4, 1e-6, 1e-8] {
            let mut f = |t: f64, y: &Vector2<f64>, dy: &mut Vector2<f64>| {
                dy[0] = -1000.0 * (y[0] - t.sin()) + t.cos();
                dy[1] = -0.1 * y[1];
            };
            let mut y = Vector2::new(0.0, 1.0);
            let mut jac = Jacobian::default();
            let mut work = Work::default();
            integrate(
                &mut f,
                0.0,
                10.0,
                &mut y,
                0.0,
                true,
                Control::for_tests(tol),
                &mut jac,
                &mut work,
            )
            .unwrap();
            let err = (y[0] - 10f64.sin())
                .abs()
                .max((y[1] - (-1.0f64).exp()).abs());
            assert!(err < 50.0 * tol, "tol {tol}: error {err}");
            assert!(err < previous, "error must fall with the tolerance");
            previous = err;
            // An explicit method would need > 10 / (3.3 / 1000) ≈ 3000 steps.
            assert!(work.accepted < 1000, "tol {tol}: {work:?}");
        }
    }

    /// Where only some states are stiff, only they are solved for; the slow one is advanced
    /// by the stages, and the result is still right.
    #[test]
    fn only_the_stiff_block_is_factored() {
        let mut f = |_t: f64, y: &Vector2<f64>, dy: &mut Vector2<f64>| {
            dy[0] = -500.0 * (y[0] - 1.0);
            dy[1] = -0.01 * y[1] + 0.001 * y[0];
        };
        let mut y = Vector2::new(0.0, 1.0);
        let mut jac = Jacobian::default();
        let mut work = Work::default();
        integrate(
            &mut f,
            0.0,
            20.0,
            &mut y,
            0.0,
            false,
            Control::for_tests(1e-8),
            &mut jac,
            &mut work,
        )
        .unwrap();
        // y₀ → 1 within ms; then y₁' = −0.01 y₁ + 0.001: y₁ = 0.1 + 0.9 e^{−0.01 t}, less the
        // 0.001·(1/500) the first millisecond withheld.
        let exact = 0.1 + 0.9 * (-0.2f64).exp();
        assert!((y[0] - 1.0).abs() < 1e-7, "{y:?}");
        assert!((y[1] - exact).abs() < 1e-5, "{y:?} against {exact}");
        let lu = jac.lu(0.5, STIFF_COUPLING, &mut Work::default()).unwrap();
        assert_eq!(lu.stiff_states(), &[0]);
    }

    /// A right-hand side that is never finite ends in a typed failure, not a loop.
    #[test]
    fn a_non_finite_rate_is_a_typed_failure() {
        let mut f = |_t: f64, _y: &Vector2<f64>, dy: &mut Vector2<f64>| {
            dy[0] = f64::NAN;
            dy[1] = 0.0;
        };
        let mut y = Vector2::new(1.0, 1.0);
        let r = integrate(
            &mut f,
            0.0,
            10.0,
            &mut y,
            0.0,
            true,
            Control::for_tests(1e-6),
            &mut Jacobian::default(),
            &mut Work::default(),
        );
        assert!(r.is_err(), "{r:?}");
    }
}

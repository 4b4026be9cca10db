//! A linearly implicit W-method of order 2 with an order-3 error estimate, for the `mean_field`
//! system: smooth, but with fast decays (LH, T, E2: λ ≈ 2 /h) that hold an explicit method to
//! steps of about 1.7 h even when nothing moves. Here the step is limited by accuracy only, so a
//! drug-free man at steady state is advanced a whole segment per step.
//!
//! The formula is the one of MATLAB's `ode23s` (Shampine & Reichelt 1997, SIAM J. Sci.
//! Comput. 18:1–22): Wolfbrandt's order-2 W-formula with Zedan's order-3 companion for the
//! error estimate. With `W = I − h·d·J`, `d = 1/(2+√2)`:
//!
//! ```text
//! k1 = W⁻¹ f(t, y)
//! k2 = W⁻¹ (f(t + h/2, y + h/2·k1) − k1) + k1
//! y₁ = y + h·k2
//! k3 = W⁻¹ (f(t + h, y₁) − (6+√2)(k2 − F1) − 2(k1 − F0))
//! err = h/6 · (k1 − 2·k2 + k3)
//! ```
//!
//! The order-2 solution keeps its order for any `J` (a W-method: expand `k2` and the `J` terms
//! cancel), so the Jacobian is a finite-difference one, reused across steps and segments. The
//! error estimate is only order 3 with the exact `J`, and a `J` that underestimates a stiff
//! mode loses L-stability, so the Jacobian is re-formed when the state has moved by 10 %, after
//! 200 steps, when a step fails, and when `W` turns out singular. `∂f/∂t` is not in the formula:
//! on drug segments, where exposures change by the hour, the estimate suffers and the method
//! takes 27,000 steps a year where Dopri5 takes 10,000 (BENCHMARKS.md), so
//! [`super::Method::Auto`] uses it only on drug-free segments, where `f` is autonomous.
//! `W⁻¹` is kept as an explicit inverse, formed once per step size and applied three times per
//! step (a matrix–vector product is several times faster than two triangular sweeps); the
//! controller keeps `h` when it would grow by less than 20 %. The Jacobian is [`Jacobian`],
//! owned by the caller so it survives breakpoints (and snapshots). Nothing here allocates.

use super::dopri5::{Control, Failure};
use nalgebra::{SMatrix, SVector};
use std::f64::consts::SQRT_2;

/// `d = 1/(2+√2)`: the diagonal of the W-method (L-stable choice).
const D_GAMMA: f64 = 1.0 / (2.0 + SQRT_2);
/// The `e32` coefficient of the error stage.
const E32: f64 = 6.0 + SQRT_2;
const SAFETY: f64 = 0.9;
/// Largest growth and shrink of the step in one go.
const GROW_MAX: f64 = 5.0;
pub(super) const SHRINK_MAX: f64 = 0.2;
/// A proposed growth below this keeps the step (and its inverse).
const KEEP_STEP_BELOW: f64 = 1.2;
/// Relative move of any state component since the Jacobian was formed that triggers a new one.
pub(super) const JACOBIAN_MAX_MOVE: f64 = 0.1;
/// ROS34PW2 treats a state implicitly when `h·γ·|J_ij|` exceeds this for some `j` (row or
/// column); the others are advanced by its stages explicitly, which at `h·|λ| < 0.23` is well
/// inside their stability region. On the TRT + hCG year it leaves 8 of the 28 states implicit
/// (receptor desensitization, slow signal, releasable LH pool, LH, FSH, steroidogenesis, T,
/// E2) and halves the linear algebra without changing the step count.
pub(super) const STIFF_COUPLING: f64 = 0.1;
/// Accepted steps one Jacobian may serve.
const JACOBIAN_MAX_AGE: u32 = 200;

/// Work done in one call.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Work {
    pub accepted: u32,
    pub rejected: u32,
    pub rhs: u32,
    pub jacobians: u32,
    pub inverses: u32,
    /// ROS34PW2: the step proposed after the first accepted one of the segment \[h\] (0 if
    /// none, or if that step ended the segment).
    pub first_step: f64,
}

/// What a snapshot keeps of a [`Jacobian`]: the matrix (column-major), the state and time it
/// was formed at, the steps it has served, and the `h·γ` its inverse and its stiff-block LU
/// were formed for.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub(crate) struct JacobianParts {
    pub matrix: Vec<f64>,
    pub at: Vec<f64>,
    pub age: u32,
    pub inverse_hg: Option<f64>,
    #[serde(default)]
    pub lu_hg: Option<f64>,
    #[serde(default)]
    pub formed_t: Option<f64>,
}

/// The reusable linear algebra of the linearly implicit methods: a Jacobian (shared by both),
/// the state and time it was formed at, how many steps it has served, and its factorizations
/// keyed by `h·γ` (the step size times the method's diagonal): `(I − h·γ·J)⁻¹` for the
/// order-2 method, the LU of the stiff block for ROS34PW2.
#[derive(Debug, Clone)]
pub(crate) struct Jacobian<const D: usize> {
    matrix: Option<SMatrix<f64, D, D>>,
    at: SVector<f64, D>,
    pub(super) age: u32,
    factored: Option<(f64, Option<SMatrix<f64, D, D>>)>,
    /// `I − hg·J` factored (LU), for the method that re-factors often ([`Jacobian::lu`]).
    lu: StiffLu<D>,
    /// The `hg` the factors in `lu` are for (`None`: not formed since the last Jacobian).
    lu_hg: Option<f64>,
    /// Per state, the largest `|J_ij|` or `|J_ji|`: how stiffly it is coupled.
    coupling: [f64; D],
    /// When it was formed \[h\] (NaN: unknown).
    formed_t: f64,
}

impl<const D: usize> Default for Jacobian<D> {
    fn default() -> Self {
        Jacobian {
            matrix: None,
            at: SVector::zeros(),
            age: 0,
            factored: None,
            lu: StiffLu::empty(),
            lu_hg: None,
            coupling: [0.0; D],
            formed_t: f64::NAN,
        }
    }
}

impl<const D: usize> Jacobian<D> {
    /// What a snapshot keeps of it, if there is a finite Jacobian (otherwise the next step
    /// re-forms it anyway).
    pub fn parts(&self) -> Option<JacobianParts> {
        let m = self.matrix?;
        if m.iter().chain(self.at.iter()).any(|v| !v.is_finite()) {
            return None;
        }
        Some(JacobianParts {
            matrix: m.iter().copied().collect(),
            at: self.at.iter().copied().collect(),
            age: self.age,
            inverse_hg: self.factored.as_ref().map(|(hg, _)| *hg),
            lu_hg: self.lu_hg,
            formed_t: Some(self.formed_t).filter(|t| t.is_finite()),
        })
    }

    /// Rebuilds from [`Jacobian::parts`] (the inverse and the LU re-formed at the same `h·γ`,
    /// so the run continues bit for bit); `None` if a length is wrong or a value is not finite.
    pub fn from_parts(parts: &JacobianParts) -> Option<Self> {
        let (matrix, at) = (&parts.matrix, &parts.at);
        if matrix.len() != D * D || at.len() != D {
            return None;
        }
        let positive = |v: Option<f64>| v.is_none_or(|hg| hg.is_finite() && hg > 0.0);
        let h_ok = positive(parts.inverse_hg) && positive(parts.lu_hg);
        if !h_ok || matrix.iter().chain(at).any(|v| !v.is_finite()) {
            return None;
        }
        let mut jacobian = Jacobian {
            matrix: Some(SMatrix::from_column_slice(matrix)),
            at: SVector::from_column_slice(at),
            age: parts.age,
            factored: None,
            lu: StiffLu::empty(),
            lu_hg: None,
            coupling: [0.0; D],
            formed_t: parts.formed_t.filter(|t| t.is_finite()).unwrap_or(f64::NAN),
        };
        jacobian.couple();
        if let Some(hg) = parts.inverse_hg {
            jacobian.inverse(hg, &mut Work::default());
        }
        if let Some(hg) = parts.lu_hg {
            jacobian.lu(hg, STIFF_COUPLING, &mut Work::default());
        }
        Some(jacobian)
    }

    /// Whether the stored Jacobian agrees with one formed afresh at its own state and time with
    /// `f` (to 1e-3 of the largest entry; at `t_now` if its time is unknown): a restored
    /// snapshot's Jacobian is kept only if it does, so a corrupted or foreign one cannot steer
    /// the method. `f` is the right-hand side of the segment the Jacobian was formed in (its
    /// drugs, start and pulse rate, which the simulation records), so the fresh one is formed
    /// exactly as the stored one was.
    pub fn agrees_with(
        &self,
        f: &mut impl FnMut(f64, &SVector<f64, D>, &mut SVector<f64, D>),
        t_now: f64,
    ) -> bool {
        let Some(stored) = self.matrix else {
            return true;
        };
        let t = if self.formed_t.is_finite() {
            self.formed_t
        } else {
            t_now
        };
        let mut fresh = Jacobian::default();
        let mut f0 = SVector::<f64, D>::zeros();
        f(t, &self.at, &mut f0);
        fresh.form(f, t, &self.at, &f0, &mut Work::default());
        let fresh = fresh.matrix.expect("just formed");
        if fresh.iter().any(|v| !v.is_finite()) {
            return false;
        }
        let scale = fresh.amax().max(1e-300);
        (stored - fresh).amax() <= 1e-3 * scale
    }

    /// Whether the Jacobian was formed at `y` or near enough, and recently enough, to serve it.
    pub(super) fn serves(&self, y: &SVector<f64, D>, atol: f64, max_move: f64) -> bool {
        self.matrix.is_some()
            && self.age < JACOBIAN_MAX_AGE
            && (0..D).all(|i| (y[i] - self.at[i]).abs() <= max_move * self.at[i].abs() + 1e3 * atol)
    }

    /// Forms the Jacobian at `(t, y)` by forward differences (`f0 = f(t, y)`).
    pub(super) fn form(
        &mut self,
        f: &mut impl FnMut(f64, &SVector<f64, D>, &mut SVector<f64, D>),
        t: f64,
        y: &SVector<f64, D>,
        f0: &SVector<f64, D>,
        work: &mut Work,
    ) {
        let mut m = SMatrix::<f64, D, D>::zeros();
        let mut yh = *y;
        let mut fh = SVector::<f64, D>::zeros();
        for j in 0..D {
            let delta = 1e-7 * y[j].abs().max(1e-5);
            yh[j] = y[j] + delta;
            f(t, &yh, &mut fh);
            yh[j] = y[j];
            let inv = 1.0 / delta;
            for i in 0..D {
                m[(i, j)] = (fh[i] - f0[i]) * inv;
            }
        }
        work.rhs += D as u32;
        work.jacobians += 1;
        self.matrix = Some(m);
        self.formed_t = t;
        self.at = *y;
        self.age = 0;
        self.factored = None;
        self.lu_hg = None;
        self.couple();
    }

    /// Fills [`Jacobian::coupling`] from the matrix.
    fn couple(&mut self) {
        let Some(m) = self.matrix.as_ref() else {
            return;
        };
        for i in 0..D {
            self.coupling[i] =
                (0..D).fold(0.0f64, |c, j| c.max(m[(i, j)].abs()).max(m[(j, i)].abs()));
        }
    }

    /// The LU factors of `I − hg·A`, `A` the Jacobian's block of states coupled more stiffly
    /// than `stiff / hg` ([`StiffLu`]), formed now if `hg` differs from the last one; `None` if
    /// singular. Cheaper to form than [`Jacobian::inverse`] and dearer to apply (two
    /// triangular sweeps): the choice of a method whose step changes often. (Reusing the
    /// factors across step sizes, which a W-method allows, was measured and lost: with
    /// `h/h_factored` up to 1.5 the TRT + hCG year took 22,434 RHS evaluations against 16,376,
    /// its error estimates less sharp.)
    pub(super) fn lu(&mut self, hg: f64, stiff: f64, work: &mut Work) -> Option<&StiffLu<D>> {
        let stale = !matches!(self.lu_hg, Some(hf) if (hf - hg).abs() <= 1e-9 * hg);
        if stale {
            work.inverses += 1;
            let j = self.matrix.as_ref().expect("formed before factoring");
            self.lu.factor(j, &self.coupling, hg, stiff);
            self.lu_hg = Some(hg);
        }
        Some(&self.lu).filter(|lu| lu.regular)
    }

    /// `(I − hg·J)⁻¹` with `hg` = step × the method's diagonal γ (formed now if `hg` differs
    /// from the last one), or `None` if singular.
    /// An explicit inverse: it is formed once per step size and then applied three times per
    /// step for many steps, and a matrix–vector product is several times faster than two
    /// triangular sweeps.
    /// A step that differs from the inverse's by rounding only (a segment's last step, cut to
    /// land on a sample time, is `t1 − t` and wobbles in its last bits) uses it as it is: for a
    /// W-method that is the same as a Jacobian scaled by 1 ± 1e-9.
    pub(super) fn inverse(&mut self, hg: f64, work: &mut Work) -> Option<&SMatrix<f64, D, D>> {
        let stale = !matches!(self.factored, Some((hf, _)) if (hf - hg).abs() <= 1e-9 * hg);
        if stale {
            work.inverses += 1;
            let j = self.matrix.expect("formed before inverting");
            let lu = Lu::new(SMatrix::<f64, D, D>::identity() - hg * j);
            let mut inverse = SMatrix::<f64, D, D>::identity();
            let regular = inverse.column_iter_mut().all(|mut column| {
                let mut e = SVector::<f64, D>::from(column.clone_owned());
                let ok = lu.solve_mut(&mut e);
                column.copy_from(&e);
                ok
            });
            self.factored = Some((hg, regular.then_some(inverse)));
        }
        self.factored
            .as_ref()
            .and_then(|(_, inverse)| inverse.as_ref())
    }
}

/// `I − hg·A` factored, where `A` is the Jacobian restricted to its stiff block: the states `i`
/// with `hg·|J_ij|` or `hg·|J_ji|` above a threshold for some `j`, coupled among themselves
/// only. The other states see `A = 0` (they are advanced explicitly by the method's stages).
#[derive(Debug, Clone)]
pub(crate) struct StiffLu<const D: usize> {
    /// The stiff states, in order; `k` of them.
    stiff: [usize; D],
    k: usize,
    /// LU of the `k × k` block, top-left of the storage.
    lu: SMatrix<f64, D, D>,
    pivots: [usize; D],
    /// `1 / U_cc`: the back substitution multiplies (a division per row was its hot spot).
    inverse_pivots: [f64; D],
    pub(super) regular: bool,
}

impl<const D: usize> StiffLu<D> {
    fn empty() -> Self {
        StiffLu {
            stiff: [0; D],
            k: 0,
            lu: SMatrix::zeros(),
            pivots: [0; D],
            inverse_pivots: [0.0; D],
            regular: false,
        }
    }

    /// Factors in place (nothing is moved or zeroed beyond the `k × k` block);
    /// `coupling[i]`: the largest `|J_ij|` or `|J_ji|` over `j`.
    fn factor(&mut self, j: &SMatrix<f64, D, D>, coupling: &[f64; D], hg: f64, threshold: f64) {
        let mut k = 0;
        for (i, c) in coupling.iter().enumerate() {
            if hg * c > threshold {
                self.stiff[k] = i;
                k += 1;
            }
        }
        self.k = k;
        let stiff = &self.stiff;
        let data = self.lu.as_mut_slice();
        for (c, &jc) in stiff[..k].iter().enumerate() {
            for (r, &ir) in stiff[..k].iter().enumerate() {
                data[c * D + r] = if r == c { 1.0 } else { 0.0 } - hg * j[(ir, jc)];
            }
        }
        let pivots = &mut self.pivots;
        let mut regular = true;
        for col in 0..k {
            let mut p = col;
            for i in col + 1..k {
                if data[col * D + i].abs() > data[col * D + p].abs() {
                    p = i;
                }
            }
            pivots[col] = p;
            if p != col {
                for c in 0..k {
                    data.swap(c * D + p, c * D + col);
                }
            }
            let pivot = data[col * D + col];
            if pivot == 0.0 || !pivot.is_finite() {
                regular = false;
                continue;
            }
            let inv = 1.0 / pivot;
            self.inverse_pivots[col] = inv;
            for i in col + 1..k {
                data[col * D + i] *= inv;
            }
            let (left, right) = data.split_at_mut((col + 1) * D);
            let lcol = &left[col * D + col + 1..col * D + k];
            for c in col + 1..k {
                let column = &mut right[(c - col - 1) * D..(c - col) * D];
                let akc = column[col];
                if akc != 0.0 {
                    for (x, l) in column[col + 1..k].iter_mut().zip(lcol) {
                        *x -= l * akc;
                    }
                }
            }
        }
        self.regular = regular;
    }

    /// The states solved for implicitly.
    #[cfg(test)]
    pub(super) fn stiff_states(&self) -> &[usize] {
        &self.stiff[..self.k]
    }

    /// Solves `(I − hg·A) x = b` in place; false if singular or not finite.
    pub(super) fn solve_mut(&self, b: &mut SVector<f64, D>) -> bool {
        if !self.regular {
            return false;
        }
        let k = self.k;
        let mut x = [0.0f64; D];
        for (r, &i) in self.stiff[..k].iter().enumerate() {
            x[r] = b[i];
        }
        let x = &mut x[..k];
        let lu = self.lu.as_slice();
        for (r, &p) in self.pivots[..k].iter().enumerate() {
            x.swap(r, p);
        }
        for c in 0..k {
            let xc = x[c];
            if xc != 0.0 {
                for (xi, l) in x[c + 1..].iter_mut().zip(&lu[c * D + c + 1..c * D + k]) {
                    *xi -= l * xc;
                }
            }
        }
        for c in (0..k).rev() {
            x[c] *= self.inverse_pivots[c];
            let xc = x[c];
            for (xi, u) in x[..c].iter_mut().zip(&lu[c * D..c * D + c]) {
                *xi -= u * xc;
            }
        }
        for (r, &i) in self.stiff[..k].iter().enumerate() {
            b[i] = x[r];
        }
        b.iter().all(|v| v.is_finite())
    }
}

/// Dense LU factorization with partial pivoting, in place on a fixed-size matrix.
#[derive(Debug, Clone)]
pub(super) struct Lu<const D: usize> {
    lu: SMatrix<f64, D, D>,
    pivots: [usize; D],
    /// False if a pivot was zero or not finite: `solve` then refuses.
    regular: bool,
}

impl<const D: usize> Lu<D> {
    fn new(mut a: SMatrix<f64, D, D>) -> Self {
        let mut pivots = [0usize; D];
        let mut regular = true;
        for k in 0..D {
            let mut p = k;
            for i in k + 1..D {
                if a[(i, k)].abs() > a[(p, k)].abs() {
                    p = i;
                }
            }
            pivots[k] = p;
            if p != k {
                a.swap_rows(p, k);
            }
            let pivot = a[(k, k)];
            if pivot == 0.0 || !pivot.is_finite() {
                regular = false;
                continue;
            }
            let inv = 1.0 / pivot;
            for i in k + 1..D {
                a[(i, k)] *= inv;
            }
            for j in k + 1..D {
                let akj = a[(k, j)];
                if akj != 0.0 {
                    for i in k + 1..D {
                        a[(i, j)] -= a[(i, k)] * akj;
                    }
                }
            }
        }
        Lu {
            lu: a,
            pivots,
            regular,
        }
    }

    /// Solves `A x = b` in place; false if the matrix was singular.
    pub(super) fn solve_mut(&self, b: &mut SVector<f64, D>) -> bool {
        if !self.regular {
            return false;
        }
        let b = b.as_mut_slice();
        // Column-major: element (i, j) at j·D + i, so both sweeps walk columns.
        let lu = self.lu.as_slice();
        for (k, &p) in self.pivots.iter().enumerate() {
            b.swap(k, p);
        }
        for j in 0..D {
            let bj = b[j];
            if bj != 0.0 {
                let column = &lu[j * D..(j + 1) * D];
                for (bi, lij) in b[j + 1..].iter_mut().zip(&column[j + 1..]) {
                    *bi -= lij * bj;
                }
            }
        }
        for j in (0..D).rev() {
            let column = &lu[j * D..(j + 1) * D];
            b[j] /= column[j];
            let bj = b[j];
            for (bi, uij) in b[..j].iter_mut().zip(&column[..j]) {
                *bi -= uij * bj;
            }
        }
        b.iter().all(|v| v.is_finite())
    }
}

/// The step after an accepted one with error norm `err` (≤ 1) for a method whose estimate is
/// of order 3 in `h`: grown by at most `grow_max`, and kept as it is (with its factors) when
/// it would grow by less than 20 %.
pub(super) fn next_step(h: f64, err: f64, grow_max: f64) -> f64 {
    let grow = (SAFETY * err.max(1e-10).powf(-1.0 / 3.0)).clamp(SHRINK_MAX, grow_max);
    if (1.0..KEEP_STEP_BELOW).contains(&grow) {
        h
    } else {
        h * grow
    }
}

/// The step to retry after a rejected one with error norm `err` (> 1, or not finite) for a
/// method whose estimate is of order 3 in `h`: shrunk by at most [`SHRINK_MAX`].
pub(super) fn shrunk_step(h: f64, err: f64) -> f64 {
    let shrink = if err.is_finite() {
        (SAFETY * err.powf(-1.0 / 3.0)).clamp(SHRINK_MAX, 1.0)
    } else {
        SHRINK_MAX
    };
    h * shrink
}

/// Integrates `y' = f(t, y)` from `t0` to `t1` in place, starting with step `h0` (0 or less:
/// one hour or the span). Returns the step proposed next (not cut to land on `t1`).
#[allow(clippy::too_many_arguments)]
pub(crate) fn integrate<const D: usize>(
    f: &mut impl FnMut(f64, &SVector<f64, D>, &mut SVector<f64, D>),
    t0: f64,
    t1: f64,
    y: &mut SVector<f64, D>,
    h0: f64,
    control: Control,
    jacobian: &mut Jacobian<D>,
    work: &mut Work,
) -> Result<f64, Failure> {
    let span = t1 - t0;
    if span <= 0.0 {
        return Ok(h0);
    }
    let mut f0 = SVector::<f64, D>::zeros();
    f(t0, y, &mut f0);
    work.rhs += 1;
    let mut h = if h0 > 0.0 { h0 } else { span.min(1.0) };
    let mut proposed = h;
    let mut t = t0;
    let mut steps = 0u32;
    let mut fresh = false;
    let (mut f1, mut f2, mut ys) = (
        SVector::<f64, D>::zeros(),
        SVector::<f64, D>::zeros(),
        SVector::<f64, D>::zeros(),
    );
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
        let Some(w_inv) = jacobian.inverse(h * D_GAMMA, work) else {
            // Singular W: a stale Jacobian is the first suspect, then the step size.
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
        let k1 = w_inv * f0;
        for i in 0..D {
            ys[i] = y[i] + 0.5 * h * k1[i];
        }
        f(t + 0.5 * h, &ys, &mut f1);
        let k2 = w_inv * (f1 - k1) + k1;
        let mut y_new = *y;
        y_new.axpy(h, &k2, 1.0);
        f(t + h, &y_new, &mut f2);
        let mut r3 = SVector::<f64, D>::zeros();
        for i in 0..D {
            r3[i] = f2[i] - E32 * (k2[i] - f1[i]) - 2.0 * (k1[i] - f0[i]);
        }
        let k3 = w_inv * r3;
        work.rhs += 2;
        let mut sum = 0.0;
        for i in 0..D {
            let e = h / 6.0 * (k1[i] - 2.0 * k2[i] + k3[i]);
            let scale = control.atol + control.rtol * y[i].abs().max(y_new[i].abs());
            sum += (e / scale) * (e / scale);
        }
        let err = (sum / D as f64).sqrt();
        if err <= 1.0 {
            work.accepted += 1;
            t += h;
            *y = y_new;
            f0 = f2;
            fresh = false;
            jacobian.age += 1;
            let next = next_step(h, err, GROW_MAX);
            if last {
                // A last step cut short to land on `t1` says little about the right size.
                return Ok(if h < 0.999 * proposed { proposed } else { next });
            }
            h = next;
            proposed = h;
        } else {
            work.rejected += 1;
            if !err.is_finite() && fresh && h < 1e-12 * t.abs().max(1.0) {
                return Err(Failure::NonFinite { t });
            }
            // A stale Jacobian is the first suspect: re-form it before shrinking much.
            if !fresh {
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

    fn control(tol: f64) -> Control {
        Control::for_tests(tol)
    }

    /// A stiff autonomous pair: y1 relaxes fast (rate 1000) onto y2, which decays slowly. The
    /// error must follow the tolerance, and the step must not be held to ~1/1000.
    #[test]
    fn stiff_relaxation_follows_the_tolerance_with_long_steps() {
        // y2 = e^{−t/10}; y1 = b·y2 + (1 − b)·e^{−1000 t} with b = 1000 / 999.9.
        let b = 1000.0 / 999.9;
        let exact = |t: f64| {
            let slow = (-0.1 * t).exp();
            Vector2::new(b * slow + (1.0 - b) * (-1000.0 * t).exp(), slow)
        };
        let mut previous = f64::INFINITY;
        for tol in [1e-4, 1e-6, 1e-8] {
            let mut f = |_t: f64, y: &Vector2<f64>, dy: &mut Vector2<f64>| {
                dy[0] = -1000.0 * (y[0] - y[1]);
                dy[1] = -0.1 * y[1];
            };
            let mut y = exact(0.0);
            let mut jac = Jacobian::default();
            let mut work = Work::default();
            integrate(
                &mut f,
                0.0,
                10.0,
                &mut y,
                0.0,
                control(tol),
                &mut jac,
                &mut work,
            )
            .unwrap();
            let err = (y - exact(10.0)).amax();
            assert!(err < 50.0 * tol, "tol {tol}: error {err}");
            assert!(err < previous, "error must fall with the tolerance");
            previous = err;
            // An explicit method would need > 10 / (3.3 / 1000) ≈ 3000 steps.
            assert!(work.accepted < 2000, "tol {tol}: {} steps", work.accepted);
        }
    }

    /// At a steady state the whole span is one step, and the factorization is reused.
    #[test]
    fn a_steady_state_is_crossed_in_one_step() {
        let mut f = |_t: f64, y: &Vector2<f64>, dy: &mut Vector2<f64>| {
            dy[0] = -2.0 * (y[0] - 1.0);
            dy[1] = -0.5 * (y[1] - y[0]);
        };
        let mut y = Vector2::new(1.0, 1.0);
        let mut jac = Jacobian::default();
        let mut work = Work::default();
        let h = integrate(
            &mut f,
            0.0,
            24.0,
            &mut y,
            24.0,
            control(1e-6),
            &mut jac,
            &mut work,
        )
        .unwrap();
        assert_eq!((work.accepted, work.rejected, work.jacobians), (1, 0, 1));
        assert!(h >= 24.0);
        let h = integrate(
            &mut f,
            24.0,
            48.0,
            &mut y,
            h,
            control(1e-6),
            &mut jac,
            &mut work,
        )
        .unwrap();
        assert_eq!((work.accepted, work.jacobians), (2, 1), "Jacobian reused");
        assert!(h >= 24.0);
        assert!((y[0] - 1.0).abs() < 1e-12 && (y[1] - 1.0).abs() < 1e-12);
    }

    /// A state that moves by orders of magnitude re-forms its Jacobian on the way (10 % moves),
    /// and a long-lived one is re-formed by age.
    #[test]
    fn a_moving_state_re_forms_its_jacobian() {
        let mut f = |_t: f64, y: &Vector2<f64>, dy: &mut Vector2<f64>| {
            dy[0] = -y[0] * y[0];
            dy[1] = -1e-3 * y[1];
        };
        let mut y = Vector2::new(1.0, 1.0);
        let mut jac = Jacobian::default();
        let mut work = Work::default();
        integrate(
            &mut f,
            0.0,
            100.0,
            &mut y,
            0.0,
            control(1e-6),
            &mut jac,
            &mut work,
        )
        .unwrap();
        // y0 = 1/(1 + t): exact to the tolerance, and ~100-fold down.
        assert!((y[0] - 1.0 / 101.0).abs() < 1e-4, "{}", y[0]);
        assert!(work.jacobians >= 10, "{work:?}");
        let mut y = Vector2::new(0.0, 1.0);
        let mut g = |_t: f64, y: &Vector2<f64>, dy: &mut Vector2<f64>| {
            dy[0] = 0.0;
            dy[1] = -1e-9 * y[1];
        };
        let mut work = Work::default();
        let mut jac = Jacobian::default();
        for k in 0..450 {
            let t = f64::from(k);
            integrate(
                &mut g,
                t,
                t + 1.0,
                &mut y,
                1.0,
                control(1e-6),
                &mut jac,
                &mut work,
            )
            .unwrap();
        }
        assert_eq!(work.accepted, 450);
        assert_eq!(
            work.jacobians, 3,
            "re-formed every {JACOBIAN_MAX_AGE} steps"
        );
    }

    /// A right-hand side that is never finite ends in a typed failure, not a loop.
    #[test]
    fn a_non_finite_rate_is_a_typed_failure() {
        let mut f = |_t: f64, _y: &Vector2<f64>, dy: &mut Vector2<f64>| {
            dy[0] = f64::NAN;
            dy[1] = 0.0;
        };
        let mut y = Vector2::new(1.0, 1.0);
        let mut jac = Jacobian::default();
        let r = integrate(
            &mut f,
            0.0,
            10.0,
            &mut y,
            0.0,
            control(1e-6),
            &mut jac,
            &mut Work::default(),
        );
        assert!(r.is_err(), "{r:?}");
    }

    #[test]
    fn lu_solves_a_pivoting_system() {
        let a = nalgebra::Matrix3::new(0.0, 2.0, 1.0, 1.0, 1.0, 0.0, 3.0, 0.0, 1.0);
        let x = nalgebra::Vector3::new(1.0, -2.0, 0.5);
        let mut b = a * x;
        assert!(Lu::new(a).solve_mut(&mut b));
        assert!((b - x).amax() < 1e-14);
        let singular = nalgebra::Matrix3::new(1.0, 2.0, 3.0, 2.0, 4.0, 6.0, 0.0, 0.0, 1.0);
        assert!(!Lu::new(singular).solve_mut(&mut b));
    }

    #[test]
    fn a_step_budget_is_a_typed_failure() {
        let mut f = |t: f64, y: &Vector2<f64>, dy: &mut Vector2<f64>| {
            dy[0] = (50.0 * t).sin() * y[1];
            dy[1] = -(50.0 * t).cos() * y[0];
        };
        let mut y = Vector2::new(1.0, 0.0);
        let control = Control {
            rtol: 1e-10,
            atol: 1e-12,
            max_steps: 20,
        };
        let mut jac = Jacobian::default();
        let r = integrate(
            &mut f,
            0.0,
            10.0,
            &mut y,
            0.0,
            control,
            &mut jac,
            &mut Work::default(),
        );
        assert!(matches!(r, Err(Failure::TooManySteps { steps: 20, .. })));
    }
}

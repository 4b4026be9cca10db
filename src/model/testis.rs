//! The testis: Leydig LH-receptor drive (LH and hCG), receptor desensitization, steroidogenic
//! enzyme induction over a day or two, capacity that atrophies and recovers with LH, the adult
//! Leydig population that LH matures at puberty, intratesticular T, Sertoli drive from FSH and ITT, the
//! spermatogenic transit chain, inhibin B and testis volume.

use super::params::Params;

pub use super::state::{EPIDIDYMAL_STAGES, GERM_STAGES};

/// LH-receptor drive (0–1) from LH-equivalent stimulation \[IU/L\]: Hill form of Tornøe 2007.
#[inline]
pub fn lh_receptor_drive(p: &Params, lh_equivalent_iu_l: f64) -> f64 {
    super::hill::activation(lh_equivalent_iu_l, p.leydig_lh_half_iu_l, p.leydig_lh_hill)
}

/// Rate constant of Leydig desensitization onset at full drive \[1/h\], from the steady
/// desensitization at full drive and the recovery half-life.
#[inline]
pub fn desensitization_on_rate(p: &Params) -> f64 {
    let off = std::f64::consts::LN_2 / p.leydig_desensitization_recovery_h;
    off * p.leydig_desensitization_max / (1.0 - p.leydig_desensitization_max)
}

/// `drive^4`: desensitization needs near-saturating stimulation (Gries 1999).
#[inline]
pub fn desensitizing_drive(drive: f64) -> f64 {
    let d2 = drive * drive;
    d2 * d2
}

/// Steady Leydig desensitization at a constant drive.
pub fn desensitization_steady_state(p: &Params, drive: f64) -> f64 {
    let on = desensitization_on_rate(p) * desensitizing_drive(drive);
    let off = std::f64::consts::LN_2 / p.leydig_desensitization_recovery_h;
    on / (on + off)
}

/// Induction signal of steroidogenic enzymes (0–1) from LH-equivalent stimulation \[IU/L\]:
/// follows receptor occupancy, half-maximal at `leydig_induction_half_iu_l`.
#[inline]
pub fn induction_signal(p: &Params, lh_equivalent_iu_l: f64) -> f64 {
    super::hill::activation(
        lh_equivalent_iu_l,
        p.leydig_induction_half_iu_l,
        p.leydig_induction_hill,
    )
}

/// Induced enzyme content at induction `signal`, relative to the content at the reference
/// signal `signal_ref` \[-\].
#[inline]
pub fn induction_steady_state(p: &Params, signal: f64, signal_ref: f64) -> f64 {
    (1.0 + p.leydig_induction_gain * signal) / (1.0 + p.leydig_induction_gain * signal_ref)
}

/// Support of spermatogenesis by ITT (0–1), ITT given relative to reference ITT.
#[inline]
pub fn itt_support(p: &Params, itt_relative: f64) -> f64 {
    super::hill::activation(itt_relative, p.sertoli_itt_half, p.sertoli_itt_hill)
}

/// Support of spermatogenesis by FSH: an FSH-independent share plus a saturating FSH part.
#[inline]
pub fn fsh_support(p: &Params, fsh_iu_l: f64) -> f64 {
    let f = fsh_iu_l.max(0.0);
    p.sertoli_fsh_independent_share
        + (1.0 - p.sertoli_fsh_independent_share) * f / (f + p.sertoli_fsh_half_iu_l)
}

/// Rate of change of the spermatogonial reserve \[1/d\] at spermatogenic drive `drive`
/// (relative to reference) and reserve `reserve`: logistic self-renewal with a permanent seed,
/// driven by the (capped) drive, against depletion that only deep suppression switches on.
///
/// ```
/// use hpg::Params;
/// use hpg::model::testis::reserve_rate;
/// let p = Params::healthy();
/// // Without drive the reserve only shrinks; at full drive a depleted reserve regrows.
/// assert!(reserve_rate(&p, 0.0, 0.5) < 0.0);
/// assert!(reserve_rate(&p, 1.0, 0.05) > 0.0);
/// ```
#[inline]
pub fn reserve_rate(p: &Params, drive: f64, reserve: f64) -> f64 {
    let renewal = p.reserve_regrowth_per_d
        * drive.clamp(0.0, 1.0)
        * (reserve + p.reserve_seed)
        * (1.0 - reserve);
    let x = drive.max(0.0) / p.reserve_suppression_half;
    let x2 = x * x;
    let depletion = p.reserve_depletion_per_d * reserve / (1.0 + x2 * x2);
    renewal - depletion
}

/// Rate of the adult Leydig share `m` \[1/d\] at sustained LH-equivalent stimulation
/// `sustained` (the induction state: LH and hCG averaged over days, relative to the
/// reference LH): logistic maturation while the stimulation is near adult, a slow return toward
/// the never-stimulated floor without it. In a man who went through puberty (floor 1) it is
/// zero at `m = 1` whatever his LH, so TRT or castration do not undo puberty.
///
/// ```
/// use hpg::Params;
/// use hpg::model::testis::leydig_maturity_rate;
/// let mut p = Params::healthy();
/// assert_eq!(leydig_maturity_rate(&p, 0.0, 1.0), 0.0);
/// assert_eq!(leydig_maturity_rate(&p, 3.0, 1.0), 0.0);
/// // A testis that never had LH matures under adult stimulation and not under none.
/// p.leydig_immature_floor = 0.1;
/// assert!(leydig_maturity_rate(&p, 1.5, 0.1) > 0.0);
/// assert_eq!(leydig_maturity_rate(&p, 0.0, 0.1), 0.0);
/// ```
#[inline]
pub fn leydig_maturity_rate(p: &Params, sustained: f64, m: f64) -> f64 {
    let a = leydig_maturation_activity(p, sustained);
    logistic_or_regression(
        p.leydig_maturation_per_d * a,
        p.leydig_regression_per_d,
        a,
        m,
        p.leydig_immature_floor,
    )
}

/// Adult Leydig cell number relative to the adult man's \[-\]: `n^β` with `n` the Sertoli
/// number (`sertoli_number`, relative to the adult) and `β = leydig_sertoli_exponent`. Exactly
/// 1 in any man who went through puberty (`n` = 1).
///
/// ```
/// use hpg::Params;
/// use hpg::model::testis::leydig_number;
/// let p = Params::healthy();
/// assert_eq!(leydig_number(&p, 1.0), 1.0);
/// // A congenitally deficient testis (Sertoli cells 0.43 of the adult number).
/// assert!((leydig_number(&p, 0.43) - 0.43).abs() < 1e-12);
/// assert_eq!(leydig_number(&p, -0.1), 0.0);
/// ```
#[inline]
pub fn leydig_number(p: &Params, sertoli_number: f64) -> f64 {
    let n = sertoli_number.max(0.0);
    if n == 1.0 {
        return 1.0;
    }
    super::pow(n, p.leydig_sertoli_exponent)
}

/// Share of the maximal Leydig maturation rate at sustained stimulation `sustained`
/// (relative LH-equivalents, Hill 4) \[-\].
#[inline]
fn leydig_maturation_activity(p: &Params, sustained: f64) -> f64 {
    super::hill::activation(sustained.max(0.0), p.leydig_maturation_half, 4.0)
}

/// The adult Leydig share at which [`leydig_maturity_rate`] is zero for a constant sustained
/// stimulation: the root of `g·a·m(1 − m) = r·(1 − a)(m − f)` in `[f, 1]`.
pub fn leydig_maturity_steady_state(p: &Params, sustained: f64) -> f64 {
    let a = leydig_maturation_activity(p, sustained);
    logistic_root(
        p.leydig_maturation_per_d * a,
        p.leydig_regression_per_d * (1.0 - a),
        p.leydig_immature_floor,
    )
}

/// The root in `[f, 1]` of `g·x(1 − x) = r·(x − f)`: where logistic growth at `g` meets the
/// return toward the floor `f` at `r`.
fn logistic_root(g: f64, r: f64, f: f64) -> f64 {
    if g <= 0.0 {
        return f;
    }
    // g·x² − (g − r)·x − r·f = 0.
    let b = g - r;
    let root = (b * b + 4.0 * g * r * f).sqrt();
    let x = if b >= 0.0 {
        (b + root) / (2.0 * g)
    } else {
        2.0 * r * f / (root - b)
    };
    // Rounding can put the root of f = 1 an ulp above 1.
    x.clamp(f.min(1.0), 1.0)
}

/// Rate of the mature Sertoli share `m` at spermatogenic drive `drive` and FSH `fsh_iu_l`
/// \[1/d\]: logistic maturation while there is drive and FSH, a slow return toward the
/// never-stimulated floor without them.
#[inline]
pub fn sertoli_maturity_rate(p: &Params, drive: f64, fsh_iu_l: f64, m: f64) -> f64 {
    let a = maturation_activity(p, drive, fsh_iu_l);
    logistic_or_regression(
        p.sertoli_maturation_per_d * a,
        p.sertoli_regression_per_d,
        a,
        m,
        p.sertoli_immature_floor,
    )
}

/// The form the Sertoli states and the Leydig maturity share \[1/d\]: logistic growth of `x` toward 1 at `growth`
/// (already scaled by its activity and any gate) against a return toward `floor` at the
/// regression rate, which only acts as far as the activity `a` is absent.
#[inline]
fn logistic_or_regression(growth: f64, regression: f64, a: f64, x: f64, floor: f64) -> f64 {
    growth * x * (1.0 - x) - regression * (1.0 - a) * (x - floor)
}

/// Share of the maximal maturation rate at drive `drive` (Hill 4) and FSH `fsh_iu_l` (Hill 2)
/// \[-\]: the spermatogenic drive (ITT and FSH) must be near adult, and FSH itself too.
#[inline]
fn maturation_activity(p: &Params, drive: f64, fsh_iu_l: f64) -> f64 {
    super::hill::activation(drive, p.sertoli_maturation_half, 4.0)
        * super::hill::activation(fsh_iu_l.max(0.0), p.sertoli_maturation_fsh_half_iu_l, 2.0)
}

/// Rate of the Sertoli number `n` (relative to the adult number) at FSH `fsh_iu_l` and mature
/// share `m` \[1/d\]: FSH multiplies the immature cells (logistic toward the adult number,
/// gated by the immature share `1 − m`); without FSH the number returns slowly toward the
/// never-stimulated floor, as the maturity does.
///
/// ```
/// use hpg::Params;
/// use hpg::model::testis::sertoli_number_rate;
/// let mut p = Params::healthy();
/// // A man who went through puberty keeps his adult number whatever his FSH.
/// assert_eq!(sertoli_number_rate(&p, 0.0, 1.0, 1.0), 0.0);
/// assert_eq!(sertoli_number_rate(&p, 20.0, 1.0, 1.0), 0.0);
/// // A prepubertal testis grows under adult FSH, and not once its cells have matured.
/// p.sertoli_number_floor = 0.1;
/// assert!(sertoli_number_rate(&p, 5.0, 0.01, 0.1) > 0.0);
/// assert!(sertoli_number_rate(&p, 5.0, 1.0, 0.1) <= 0.0);
/// ```
#[inline]
pub fn sertoli_number_rate(p: &Params, fsh_iu_l: f64, m: f64, n: f64) -> f64 {
    let a = proliferation_activity(p, fsh_iu_l);
    let growth = p.sertoli_proliferation_per_d * a * (1.0 - m).clamp(0.0, 1.0);
    logistic_or_regression(
        growth,
        p.sertoli_regression_per_d,
        a,
        n,
        p.sertoli_number_floor,
    )
}

/// Share of the maximal Sertoli proliferation at FSH `fsh_iu_l` (Hill 6) \[-\].
#[inline]
fn proliferation_activity(p: &Params, fsh_iu_l: f64) -> f64 {
    super::hill::activation(
        fsh_iu_l.max(0.0),
        p.sertoli_proliferation_fsh_half_iu_l,
        6.0,
    )
}

/// The mature share at which [`sertoli_maturity_rate`] is zero for a constant `drive` and
/// FSH: the root of `g·a·m(1 − m) = r·(1 − a)(m − f)` in `[f, 1]`.
pub fn sertoli_maturity_steady_state(p: &Params, drive: f64, fsh_iu_l: f64) -> f64 {
    let a = maturation_activity(p, drive, fsh_iu_l);
    logistic_root(
        p.sertoli_maturation_per_d * a,
        p.sertoli_regression_per_d * (1.0 - a),
        p.sertoli_immature_floor,
    )
}

/// The reserve at which [`reserve_rate`] is zero for a constant `drive` (> 0): the positive
/// root of `g·d·(R + s)(1 − R) = k·D·R`.
pub fn reserve_steady_state(p: &Params, drive: f64) -> f64 {
    let g = p.reserve_regrowth_per_d * drive.clamp(0.0, 1.0);
    let x = drive.max(0.0) / p.reserve_suppression_half;
    let kd = p.reserve_depletion_per_d / (1.0 + (x * x) * (x * x));
    let s = p.reserve_seed;
    if g <= 0.0 {
        return 0.0;
    }
    // −g·R² + (g(1 − s) − kd)·R + g·s = 0.
    let b = g * (1.0 - s) - kd;
    let root = (b * b + 4.0 * g * g * s).sqrt();
    // The form that does not cancel: b + root loses its digits when b < 0.
    if b >= 0.0 {
        (b + root) / (2.0 * g)
    } else {
        2.0 * g * s / (root - b)
    }
}

//! The testis: Leydig LH-receptor drive (LH and hCG), receptor desensitization, capacity that
//! atrophies and recovers with LH, intratesticular T, Sertoli drive from FSH and ITT, the
//! spermatogenic transit chain, inhibin B and testis volume.

use super::params::Params;

/// Number of transit compartments of spermatogenesis proper.
pub const GERM_STAGES: usize = 8;
/// Number of transit compartments of the epididymis.
pub const EPIDIDYMAL_STAGES: usize = 2;

/// LH-receptor drive (0–1) from LH-equivalent stimulation \[IU/L\]: Hill form of Tornøe 2007.
#[inline]
pub fn lh_receptor_drive(p: &Params, lh_equivalent_iu_l: f64) -> f64 {
    let x = super::pow(
        lh_equivalent_iu_l.max(0.0) / p.leydig_lh_half_iu_l,
        p.leydig_lh_hill,
    );
    x / (1.0 + x)
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

/// Support of spermatogenesis by ITT (0–1), ITT given relative to reference ITT.
#[inline]
pub fn itt_support(p: &Params, itt_relative: f64) -> f64 {
    let x = super::pow(
        itt_relative.max(0.0) / p.sertoli_itt_half,
        p.sertoli_itt_hill,
    );
    x / (1.0 + x)
}

/// Support of spermatogenesis by FSH: an FSH-independent share plus a saturating FSH part.
#[inline]
pub fn fsh_support(p: &Params, fsh_iu_l: f64) -> f64 {
    let f = fsh_iu_l.max(0.0);
    p.sertoli_fsh_independent_share
        + (1.0 - p.sertoli_fsh_independent_share) * f / (f + p.sertoli_fsh_half_iu_l)
}

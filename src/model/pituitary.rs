//! The gonadotroph: GnRH receptor occupancy, desensitization and down-regulation; the LH pool,
//! its release and serum LH; FSH synthesis with its preference for slow pulses, inhibin B and
//! estrogen feedback.
//!
//! Receptor states are fractions of the total: available `Ra = 1 − Rd − Ri`, desensitized `Rd`
//! (recovers over hours, but only while unoccupied) and internalized `Ri` (returns over days).
//! The signal is `S = Ra · occupancy`. Recovery that needs GnRH to be absent is what makes the
//! same daily amount stimulatory in pulses and suppressive when continuous.

use super::params::Params;

/// Receptor desensitization flux terms: returns `(dRd/dt, dRi/dt)`.
#[inline]
pub fn receptor_rates(p: &Params, occupancy: f64, rd: f64, ri: f64) -> (f64, f64) {
    let ra = (1.0 - rd - ri).max(0.0);
    let d_rd = p.receptor_desensitization_per_h * occupancy * ra
        - p.receptor_recovery_per_h * (1.0 - occupancy) * rd
        - p.receptor_internalization_per_h * rd;
    let d_ri = p.receptor_internalization_per_h * rd - p.receptor_return_per_h * ri;
    (d_rd, d_ri)
}

/// Steady state `(Ra, Rd, Ri)` of the receptor at a constant mean occupancy.
pub fn receptor_steady_state(p: &Params, occupancy: f64) -> (f64, f64, f64) {
    let r = p.receptor_desensitization_per_h * occupancy
        / (p.receptor_recovery_per_h * (1.0 - occupancy) + p.receptor_internalization_per_h);
    let q = p.receptor_internalization_per_h / p.receptor_return_per_h;
    let ra = 1.0 / (1.0 + r * (1.0 + q));
    (ra, r * ra, q * r * ra)
}

pub use super::hill::inhibition;

/// Relative gonadotropin synthesis from the slow GnRH signal: `basal` with no GnRH, 1 at the
/// reference signal, rising as a power `exponent` of the signal. The slow signal is smooth over
/// a pulse interval, so this nonlinearity does not spoil pulse averaging.
#[inline]
pub fn synthesis_drive(slow_signal: f64, reference_signal: f64, basal: f64, exponent: f64) -> f64 {
    let x = slow_signal.max(0.0) / reference_signal;
    let x = super::pow(x, exponent);
    basal + (1.0 - basal) * x
}

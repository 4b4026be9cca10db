//! The gonadotroph: GnRH receptor occupancy, desensitization and down-regulation; the
//! repressor of synthesis that uninterrupted GnRH builds (frequency decoding); LH made into a
//! storage pool, moved to a small readily releasable pool and released by GnRH; FSH synthesis
//! with its preference for slow pulses; and the slow steroid feedback on both.
//!
//! Receptor states are fractions of the total: available `Ra = 1 − Rd − Ri`, desensitized `Rd`
//! (recovers over minutes, but only while GnRH is absent) and internalized `Ri` (returns over
//! days). The signal is `S = (Ra + c·Rd) · occupancy`: desensitized receptors keep the share
//! `c` of their coupling (the mammalian receptor does not desensitize within minutes), with an
//! occupancy that is graded over the range of physiological pulses, so a larger bolus releases
//! more.
//!
//! Pulses and continuous GnRH differ in what the troughs allow: desensitized receptors recover
//! and the synthesis repressor clears only while GnRH is absent. So the same daily amount
//! stimulates in pulses, while an infusion or an agonist depot first releases LH (the flare)
//! and then, as the repressor builds over days, starves the store.
//!
//! LH leaves the cell from the readily releasable pool (RRP), which exchanges with the storage
//! pool within tens of minutes; a pulse empties a fraction `φ = 1 − exp(−k_rel·∫S dt)` of it.
//! The storage pool turns over in days and is filled by GnRH-driven synthesis, so a pituitary
//! without GnRH holds a small store and its responses build up over days of pulses (priming).

use super::params::Params;

/// Receptor desensitization flux terms: returns `(dRd/dt, dRi/dt)`. `recovery_gate` is the
/// fraction of the time (or of the receptors) free of GnRH, in which recovery can proceed.
#[inline]
pub fn receptor_rates(
    p: &Params,
    occupancy: f64,
    recovery_gate: f64,
    rd: f64,
    ri: f64,
) -> (f64, f64) {
    let ra = (1.0 - rd - ri).max(0.0);
    let d_rd = p.receptor_desensitization_per_h * occupancy * ra
        - p.receptor_recovery_per_h * recovery_gate * rd
        - p.receptor_internalization_per_h * rd;
    let d_ri = p.receptor_internalization_per_h * rd - p.receptor_return_per_h * ri;
    (d_rd, d_ri)
}

/// The GnRH receptor number the gonadotroph moves toward at a slow GnRH signal per receptor
/// `relative_signal` (1 at the reference man's): `floor` without GnRH, 1 at the reference,
/// saturating above it (homologous up-regulation).
///
/// ```
/// use hpg::{Params, model::pituitary::receptor_number_target};
/// let p = Params::healthy();
/// assert!((receptor_number_target(&p, 1.0) - 1.0).abs() < 1e-12);
/// assert!((receptor_number_target(&p, 0.0) - p.gnrh_receptor_number_floor).abs() < 1e-12);
/// let ceiling = p.gnrh_receptor_number_floor
///     + (1.0 - p.gnrh_receptor_number_floor) * (1.0 + p.gnrh_receptor_number_half);
/// assert!(receptor_number_target(&p, 1e9) <= ceiling);
/// assert!(receptor_number_target(&p, 2.0) > 1.0);
/// ```
#[inline]
pub fn receptor_number_target(p: &Params, relative_signal: f64) -> f64 {
    let x = relative_signal.max(0.0);
    let k = p.gnrh_receptor_number_half;
    let floor = p.gnrh_receptor_number_floor;
    floor + (1.0 - floor) * x * (1.0 + k) / (x + k)
}

/// Steady state `(Ra, Rd, Ri)` of the receptor at a constant mean occupancy and recovery gate.
pub fn receptor_steady_state(p: &Params, occupancy: f64, recovery_gate: f64) -> (f64, f64, f64) {
    let r = p.receptor_desensitization_per_h * occupancy
        / (p.receptor_recovery_per_h * recovery_gate + p.receptor_internalization_per_h);
    let q = p.receptor_internalization_per_h / p.receptor_return_per_h;
    let ra = 1.0 / (1.0 + r * (1.0 + q));
    (ra, r * ra, q * r * ra)
}

/// Rate of the gonadotroph's repressor of gonadotropin synthesis: it builds toward 1 while
/// GnRH is present (`1 − gate`) and clears while GnRH is absent (`gate`), so it stays low under
/// pulses, whose troughs clear it, and rises under uninterrupted GnRH.
#[inline]
pub fn repressor_rate(k_up: f64, k_down: f64, recovery_gate: f64, repressor: f64) -> f64 {
    k_up * (1.0 - recovery_gate) * (1.0 - repressor) - k_down * recovery_gate * repressor
}

/// Steady state of [`repressor_rate`] at a constant (mean) recovery gate.
pub fn repressor_steady_state(k_up: f64, k_down: f64, recovery_gate: f64) -> f64 {
    let up = k_up * (1.0 - recovery_gate);
    let total = up + k_down * recovery_gate;
    if total > 0.0 { up / total } else { 0.0 }
}

/// The recovery gate at GnRH concentration `gnrh_pg_ml`: `K/(K + G)`, 1 without GnRH.
#[inline]
pub fn recovery_gate(gnrh_pg_ml: f64, block_pg_ml: f64) -> f64 {
    block_pg_ml / (block_pg_ml + gnrh_pg_ml.max(0.0))
}

pub use super::hill::inhibition;

/// Relative gonadotropin synthesis from the slow GnRH signal: `basal` with no GnRH, 1 at the
/// reference signal, rising as a Hill function of the signal with exponent `exponent` that
/// is half-saturated at `saturation` times the reference signal (so synthesis can rise at most
/// `1 + saturation^exponent`-fold). The slow signal is smooth over a pulse interval, so this
/// nonlinearity does not spoil pulse averaging.
///
/// ```
/// use hpg::model::pituitary::synthesis_drive;
/// assert!((synthesis_drive(0.2, 0.2, 0.1, 2.0, 2.0) - 1.0).abs() < 1e-12);
/// assert!((synthesis_drive(0.0, 0.2, 0.1, 2.0, 2.0) - 0.1).abs() < 1e-12);
/// // Saturates: at most 1 + 2² = 5 times the reference.
/// assert!(synthesis_drive(1e6, 0.2, 0.1, 2.0, 2.0) < 5.0);
/// ```
#[inline]
pub fn synthesis_drive(
    slow_signal: f64,
    reference_signal: f64,
    basal: f64,
    exponent: f64,
    saturation: f64,
) -> f64 {
    synthesis_drive_from(
        slow_signal,
        reference_signal,
        basal,
        exponent,
        super::pow(saturation, exponent),
    )
}

/// [`synthesis_drive`] with `saturation^exponent` given (it is constant per man: the
/// right-hand side reads it from the derived constants instead of paying a `powf` per call).
#[inline]
pub(crate) fn synthesis_drive_from(
    slow_signal: f64,
    reference_signal: f64,
    basal: f64,
    exponent: f64,
    saturation_pow: f64,
) -> f64 {
    let x = super::pow(slow_signal.max(0.0) / reference_signal, exponent);
    let k = saturation_pow;
    basal + (1.0 - basal) * x * (1.0 + k) / (x + k)
}

/// The pulse train seen by the readily releasable pool, averaged over one period: what the
/// `mean_field` mode uses in place of the pulses themselves.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PulseTrain {
    /// Pulses per hour (0: no pulses, only the continuous part).
    pub frequency_per_h: f64,
    /// Fraction of the pool one pulse releases \[-\].
    pub released_per_pulse: f64,
    /// Continuous release rate between (and during) pulses \[1/h\].
    pub continuous_per_h: f64,
}

/// Mean release rate and mean pool content of a readily releasable pool that relaxes toward
/// `filled` at rate `refill_per_h`, is released continuously at `continuous_per_h`, and loses
/// the fraction `released_per_pulse` at each of `frequency_per_h` pulses an hour (pulses short
/// against the refill time). Exact periodic steady state of that linear system: returns
/// `(release per hour, mean content)`, in the units of `filled`.
///
/// ```
/// use hpg::model::pituitary::{PulseTrain, periodic_release};
/// // No pulses: the pool sits at its continuous balance and releases at the continuous rate.
/// let calm = PulseTrain { frequency_per_h: 0.0, released_per_pulse: 0.0, continuous_per_h: 0.1 };
/// let (release, content) = periodic_release(10.0, 1.0, &calm);
/// assert!((content - 10.0 / 1.1).abs() < 1e-12 && (release - 0.1 * content).abs() < 1e-12);
/// // Pulses add release.
/// let pulsing = PulseTrain { frequency_per_h: 0.8, released_per_pulse: 0.6, ..calm };
/// assert!(periodic_release(10.0, 1.0, &pulsing).0 > release);
/// ```
#[inline]
pub fn periodic_release(filled: f64, refill_per_h: f64, train: &PulseTrain) -> (f64, f64) {
    let lambda = refill_per_h + train.continuous_per_h;
    let settled = refill_per_h * filled / lambda;
    let f = train.frequency_per_h;
    if f <= 0.0 || train.released_per_pulse <= 0.0 {
        return (train.continuous_per_h * settled, settled);
    }
    let lt = lambda / f;
    let decay = (-lt).exp();
    let kept = 1.0 - train.released_per_pulse;
    let before_pulse = settled * (1.0 - decay) / (1.0 - kept * decay);
    let after_pulse = kept * before_pulse;
    let mean = settled + (after_pulse - settled) * (-(-lt).exp_m1()) / lt;
    (
        f * train.released_per_pulse * before_pulse + train.continuous_per_h * mean,
        mean,
    )
}

/// Reserve mobilization (0–1) at GnRH concentration `gnrh_pg_ml` (IV-equivalent, after any
/// antagonist's shift): the share of its maximal rate at which the LH store is released directly.
/// Negligible for endogenous pulses, ≈ 0.7 at the peak of a 100 ug IV bolus, near 1 under an
/// agonist.
///
/// ```
/// use hpg::Params;
/// use hpg::model::pituitary::reserve_mobilization;
/// let p = Params::healthy();
/// assert!(reserve_mobilization(&p, 167.0) < 1e-4); // an endogenous pulse's peak
/// assert!(reserve_mobilization(&p, 8300.0) > 0.7); // 100 ug IV at its peak
/// assert!(reserve_mobilization(&p, 40.0 * 16_000.0) > 0.999); // leuprolide's burst
/// ```
#[inline]
pub fn reserve_mobilization(p: &Params, gnrh_pg_ml: f64) -> f64 {
    super::hill::activation(gnrh_pg_ml, p.lh_reserve_gnrh_half_pg_ml, p.lh_reserve_hill)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The closed form against a brute-force integration of the same pulsed pool.
    #[test]
    fn periodic_release_matches_integration() {
        let train = PulseTrain {
            frequency_per_h: 0.7,
            released_per_pulse: 0.55,
            continuous_per_h: 0.08,
        };
        let (filled, refill) = (4.0, 1.3);
        let period = 1.0 / train.frequency_per_h;
        let n = 20_000;
        let h = period / n as f64;
        let mut r = filled;
        let (mut released, mut content) = (0.0, 0.0);
        for _cycle in 0..60 {
            released = 0.0;
            content = 0.0;
            released += train.released_per_pulse * r;
            r *= 1.0 - train.released_per_pulse;
            for _ in 0..n {
                // Exact step of dR/dt = refill·(filled − R) − continuous·R.
                let lambda = refill + train.continuous_per_h;
                let target = refill * filled / lambda;
                let next = target + (r - target) * (-lambda * h).exp();
                // Mean content over the step, for the continuous release and the average.
                let mean = target + (r - target) * (-(-lambda * h).exp_m1()) / (lambda * h);
                released += train.continuous_per_h * mean * h;
                content += mean * h;
                r = next;
            }
        }
        let (rate, mean) = periodic_release(filled, refill, &train);
        assert!((rate - released / period).abs() < 1e-9 * rate);
        assert!((mean - content / period).abs() < 1e-9 * mean);
    }

    /// The repressor's steady state zeroes its rate; pulses (gate open about half the time)
    /// keep it low, an infusion (gate nearly shut) raises it most of the way, no GnRH clears it.
    #[test]
    fn the_repressor_builds_only_without_troughs() {
        let (up, down) = (1.0 / 240.0, 1.0 / 2.4);
        for gate in [0.0, 0.02, 0.5, 1.0] {
            let q = repressor_steady_state(up, down, gate);
            assert!(
                repressor_rate(up, down, gate, q).abs() < 1e-15,
                "gate {gate}"
            );
        }
        let pulses = repressor_steady_state(up, down, 0.5);
        let infusion = repressor_steady_state(up, down, 0.02);
        assert!(pulses < 0.02, "{pulses}");
        assert!(infusion > 0.25, "{infusion}");
        assert_eq!(repressor_steady_state(up, down, 1.0), 0.0);
        assert_eq!(repressor_steady_state(up, down, 0.0), 1.0);
    }

    #[test]
    fn recovery_needs_gnrh_to_be_absent() {
        assert_eq!(recovery_gate(0.0, 1.0), 1.0);
        assert!(recovery_gate(13.0, 1.0) < 0.1);
    }
}

//! The GnRH pulse generator: pulse frequency and mass as functions of feedback, optional
//! Weibull jitter of the intervals, and the pulse-averaged receptor occupancy used by the
//! mean-field mode.

use super::params::Params;

/// Pulse frequency \[1/h\] from free T \[pg/mL\] and the hypothalamic ER signal. Both slow the
/// generator (Pitteloud 2008). A man without a generator (`pulse_mass_ug` = 0) is handled by
/// the model, which then reports no pulses at all.
#[inline]
pub fn pulse_frequency(p: &Params, free_t_pg_ml: f64, er: f64) -> f64 {
    let t = super::pow(
        free_t_pg_ml.max(0.0) / p.freq_free_t_half,
        p.freq_free_t_hill,
    );
    let e = super::pow(er.max(0.0) / p.freq_er_half, p.freq_er_hill);
    p.pulse_freq_max / ((1.0 + t) * (1.0 + e))
}

/// Rate of change of the kisspeptin drive `k` \[1/h\] at free T `free_t_relative` (to the
/// reference man's) and ER signal `er_relative` (to the reference man's): integral action on
/// the log of the combined steroid signal against the set point (which scales both terms),
/// faster down than up, the recovery saturating in a deep deficit, bounded between the floor
/// and the maximum (docs/MODEL.md 3.1).
///
/// ```
/// use hpg::Params;
/// use hpg::model::hypothalamus::kisspeptin_rate;
/// let p = Params::healthy();
/// // At the set point nothing changes; above it the drive falls, below it rises.
/// assert_eq!(kisspeptin_rate(&p, 1.0, 1.0, 1.0), 0.0);
/// assert!(kisspeptin_rate(&p, 1.0, 2.0, 1.0) < 0.0);
/// assert!(kisspeptin_rate(&p, 1.0, 0.5, 0.8) > 0.0);
/// // The recovery saturates: squaring an already deep deficit (castrate steroids) speeds it
/// // by a few per cent, where a small deficit acts in proportion.
/// let deep = kisspeptin_rate(&p, 1.0, 0.05, 0.05);
/// let deeper = kisspeptin_rate(&p, 1.0, 0.0025, 0.0025);
/// assert!(deeper > deep && deeper < 1.2 * deep);
/// let small = kisspeptin_rate(&p, 1.0, 0.95, 0.95);
/// let twice = kisspeptin_rate(&p, 1.0, 0.95 * 0.95, 0.95 * 0.95);
/// assert!(twice > 1.7 * small);
/// ```
#[inline]
pub fn kisspeptin_rate(p: &Params, k: f64, free_t_relative: f64, er_relative: f64) -> f64 {
    // The set point scales both terms: w_T·ln(FT/sp) + w_E·ln(ER/sp), two logarithms per call.
    let set_point = p.kisspeptin_set_point;
    let log_signal = p.kisspeptin_free_t_weight * (free_t_relative / set_point).max(1e-12).ln()
        + p.kisspeptin_er_weight * (er_relative / set_point).max(1e-12).ln();
    // The bounds attract from both sides (no clamp at them), so a step that overshoots one is
    // pulled back and the rate stays differentiable there: Newton's Jacobian keeps a non-zero
    // diagonal for a man whose drive sits at its maximum.
    if log_signal > 0.0 {
        -p.kisspeptin_gain_per_d / 24.0 * log_signal * (k - p.kisspeptin_floor)
    } else {
        let deficit = -log_signal;
        let c = p.kisspeptin_recovery_saturation;
        p.kisspeptin_recovery_gain_per_d / 24.0 * deficit * c / (deficit + c)
            * k.max(0.0)
            * (1.0 - k / p.kisspeptin_max)
    }
}

/// Smooth saturation of a relative drive `x` toward `max` with sharpness `p`:
/// `max · x / (max^p − 1 + x^p)^(1/p)`, 0 at 0, 1 at 1 (exactly for `p = 1`, to rounding
/// otherwise), `max` as `x → ∞`. With `p = 1` it is the hyperbola `max · x / (x + max − 1)`,
/// whose slope at 1 is `1 − 1/max`; a larger `p` brings that slope to `1 − max^(−p)`, so
/// changes near 1 pass through and only those near `max` bend. Used for the pulse generator's
/// frequency ceiling and for the ceiling on Leydig output (`leydig_output_ceiling`).
///
/// ```
/// use hpg::model::hypothalamus::saturating;
/// assert!((saturating(1.0, 1.5, 1.0) - 1.0).abs() < 1e-15);
/// assert!((saturating(1.0, 2.0, 4.0) - 1.0).abs() < 1e-15);
/// assert!(saturating(1e9, 1.5, 1.0) < 1.5 && saturating(1e9, 1.5, 1.0) > 1.49);
/// assert!(saturating(1e3, 2.0, 4.0) < 2.0 && saturating(1e3, 2.0, 4.0) > 1.99);
/// assert_eq!(saturating(0.0, 1.5, 1.0), 0.0);
/// // Half the requested frequency: the hyperbola gives two thirds, a sharp bend about half.
/// assert!((saturating(0.5, 2.0, 1.0) - 2.0 / 3.0).abs() < 1e-12);
/// assert!((saturating(0.5, 2.0, 4.0) - 0.5).abs() < 0.01);
/// ```
#[inline]
pub fn saturating(x: f64, max: f64, sharpness: f64) -> f64 {
    let x = x.max(0.0);
    if sharpness == 1.0 {
        return max * x / (x + max - 1.0);
    }
    max * x / (super::pow(max, sharpness) - 1.0 + super::pow(x, sharpness)).powf(1.0 / sharpness)
}

/// GnRH mass per pulse \[ug\]: `pulse_mass_ug` at reference free T, rising mildly with T
/// (`pulse_mass_t_gain` more at twice reference).
#[inline]
pub fn pulse_mass(p: &Params, free_t_pg_ml: f64, free_t_ref_pg_ml: f64) -> f64 {
    let x = free_t_pg_ml.max(0.0) / free_t_ref_pg_ml;
    // ((1+x)/2)^γ is 1 at reference, 1 + gain at twice reference, and stays positive
    // (castrated men still pulse).
    let gamma = (1.0 + p.pulse_mass_t_gain).ln() / 1.5f64.ln();
    p.pulse_mass_ug * super::pow(0.5 * (1.0 + x), gamma)
}

/// Time-average of the occupancy `G/(G+kd)` over one period of a periodic pulse train on top of
/// a constant background: `G(t) = c + a·e^{-k t}` for `0 ≤ t < τ`, where `a` is the peak the
/// pulses reach above background at periodic steady state. Closed form (no quadrature).
#[inline]
pub fn mean_occupancy(a: f64, c: f64, k: f64, tau: f64, kd: f64) -> f64 {
    let ck = c + kd;
    let base = c / ck;
    if a <= 0.0 {
        return base;
    }
    let kt = k * tau;
    base + (kd / ck) / kt * ((ck + a) / (ck + a * (-kt).exp())).ln()
}

/// Periodic steady-state peak above background for pulses of `mass_ug` every `tau` hours into a
/// volume `volume_l` with elimination `k` \[1/h\], in pg/mL.
#[inline]
pub fn periodic_peak_pg_ml(mass_ug: f64, volume_l: f64, k: f64, tau: f64) -> f64 {
    1000.0 * mass_ug / volume_l / (-(-k * tau).exp_m1())
}

/// Weibull(shape γ) variate with mean 1, from a uniform `u` in (0, 1].
#[inline]
pub fn unit_mean_weibull(u: f64, shape: f64, gamma_1_plus_inv_shape: f64) -> f64 {
    (-u.ln()).powf(1.0 / shape) / gamma_1_plus_inv_shape
}

/// Γ(x) for x in \[1, 2\] (all this module needs: Γ(1 + 1/γ) with γ ≥ 1), by Lanczos (g = 7).
pub fn gamma_1_to_2(x: f64) -> f64 {
    const C: [f64; 9] = [
        0.999_999_999_999_809_9,
        676.520_368_121_885_1,
        -1_259.139_216_722_402_8,
        771.323_428_777_653_1,
        -176.615_029_162_140_6,
        12.507_343_278_686_905,
        -0.138_571_095_265_720_12,
        9.984_369_578_019_572e-6,
        1.505_632_735_149_311_6e-7,
    ];
    let x = x - 1.0;
    let mut a = C[0];
    let t = x + 7.5;
    for (i, c) in C.iter().enumerate().skip(1) {
        a += c / (x + i as f64);
    }
    (2.0 * std::f64::consts::PI).sqrt() * t.powf(x + 0.5) * (-t).exp() * a
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mean_occupancy_matches_quadrature() {
        let (a, c, k, tau, kd) = (167.0, 3.0, 10.4, 1.25, 1.7);
        let n = 200_000;
        let h = tau / n as f64;
        let mut sum = 0.0;
        for i in 0..n {
            let t = (i as f64 + 0.5) * h;
            let g = c + a * (-k * t).exp();
            sum += g / (g + kd) * h;
        }
        assert!((mean_occupancy(a, c, k, tau, kd) - sum / tau).abs() < 1e-8);
    }

    #[test]
    fn gamma_is_right_at_known_points() {
        assert!((gamma_1_to_2(1.0) - 1.0).abs() < 1e-12);
        assert!((gamma_1_to_2(1.5) - 0.886_226_925_452_758).abs() < 1e-12);
        assert!((gamma_1_to_2(2.0) - 1.0).abs() < 1e-12);
    }

    #[test]
    fn testosterone_and_estradiol_slow_the_generator() {
        let p = Params::healthy();
        let f0 = pulse_frequency(&p, 108.0, 0.33);
        assert!(pulse_frequency(&p, 216.0, 0.33) < 0.6 * f0);
        assert!(pulse_frequency(&p, 108.0, 0.5) < f0);
        assert!(pulse_mass(&p, 216.0, 108.0) > pulse_mass(&p, 108.0, 108.0));
    }
}

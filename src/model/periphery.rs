//! Serum testosterone binding (Vermeulen free T), aromatization to E2, and the estrogen-receptor
//! signal at hypothalamus and pituitary (E2 competing with SERMs).

use crate::drugs::Exposure;

/// Testosterone molar mass \[g/mol\].
pub const T_MOLAR_MASS: f64 = 288.42;
/// SHBG association constant for T \[1/M\]. \[R\] Vermeulen 1999 (issam.ch): 1e9 /M.
pub const K_SHBG: f64 = 1.0e9;
/// Albumin association constant for T \[1/M\]. \[R\] Vermeulen 1999: 3.6e4 /M.
pub const K_ALBUMIN: f64 = 3.6e4;
/// Albumin molar mass \[g/mol\].
pub const ALBUMIN_MOLAR_MASS: f64 = 69_000.0;

/// Free testosterone \[ng/mL\] from total T \[ng/mL\], SHBG \[nmol/L\] and albumin \[g/L\], by the
/// Vermeulen mass-action equation (SHBG binding saturable, albumin binding linear).
///
/// ```
/// // Vermeulen's worked example: TT 10 nM, SHBG 40 nM, albumin 43 g/L gives ~1.74 % free.
/// let tt_ng_ml = 10.0 * 288.42 / 1000.0;
/// let ft = hpg::model::periphery::free_testosterone(tt_ng_ml, 40.0, 43.0);
/// assert!((ft / tt_ng_ml - 0.0174).abs() < 0.0005);
/// ```
#[inline]
pub fn free_testosterone(total_ng_ml: f64, shbg_nmol_l: f64, albumin_g_l: f64) -> f64 {
    let tt = total_ng_ml.max(0.0) / T_MOLAR_MASS * 1e-6; // mol/L
    let shbg = shbg_nmol_l * 1e-9;
    let n = 1.0 + K_ALBUMIN * albumin_g_l / ALBUMIN_MOLAR_MASS;
    let a = n * K_SHBG;
    let b = n + K_SHBG * (shbg - tt);
    // Root of a·x² + b·x − tt = 0 in the form that does not cancel.
    let disc = (b * b + 4.0 * a * tt).sqrt();
    let free = if b >= 0.0 {
        2.0 * tt / (b + disc)
    } else {
        (disc - b) / (2.0 * a)
    };
    free * T_MOLAR_MASS * 1e6
}

/// Fraction of total T not bound to SHBG (free plus albumin-bound) \[-\] at total T
/// \[ng/mL\], SHBG \[nmol/L\] and albumin \[g/L\]: the part the liver can extract.
///
/// ```
/// use hpg::model::periphery::non_shbg_fraction;
/// // More SHBG binds more T: less of it is left for clearance.
/// assert!(non_shbg_fraction(5.3, 50.0, 43.0) < non_shbg_fraction(5.3, 20.0, 43.0));
/// ```
#[inline]
pub fn non_shbg_fraction(total_ng_ml: f64, shbg_nmol_l: f64, albumin_g_l: f64) -> f64 {
    let total = total_ng_ml.max(1e-12);
    let free = free_testosterone(total, shbg_nmol_l, albumin_g_l);
    free * (1.0 + K_ALBUMIN * albumin_g_l / ALBUMIN_MOLAR_MASS) / total
}

/// Estrogen-receptor signal (0–1) from E2 \[pg/mL\] and the drugs' ER ligands:
/// occupancy-weighted agonism, every ligand competing for the same receptor. E2 is a full
/// agonist; each drug ligand brings its occupancy (concentration / Kd) and its intrinsic
/// activity (0 for a pure antagonist), summed in [`Exposure`].
#[inline]
pub fn er_signal(e2_pg_ml: f64, e2_kd_pg_ml: f64, drugs: &Exposure) -> f64 {
    let e = e2_pg_ml.max(0.0) / e2_kd_pg_ml;
    (e + drugs.er_agonism) / (1.0 + e + drugs.er_occupancy)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn healthy_free_fraction_is_about_two_percent() {
        let ft = free_testosterone(5.3, 35.0, 43.0);
        let frac = ft / 5.3;
        assert!(frac > 0.018 && frac < 0.023, "{frac}");
    }

    #[test]
    fn free_t_is_monotone_and_finite_at_extremes() {
        let mut last = 0.0;
        for tt in [0.0, 1e-6, 0.1, 1.0, 10.0, 100.0, 1e4] {
            let ft = free_testosterone(tt, 35.0, 43.0);
            assert!(ft.is_finite() && ft >= last);
            last = ft;
        }
    }

    #[test]
    fn enclomiphene_lowers_the_signal() {
        let none = Exposure::default();
        // A pure antagonist at 2 ng/mL with a Kd of 0.3 ng/mL.
        let mut en = Exposure::default();
        en.er_occupancy = 2.0 / 0.3;
        assert!(er_signal(25.0, 50.0, &en) < er_signal(25.0, 50.0, &none));
    }
}

//! Testosterone gel, transdermal, applied once a day (dose in mg of testosterone: 5 g of a 1 %
//! gel is 50 mg; 2.5 g of the 1.62 % gel is 40.5 mg).
//!
//! PK: the applied T → a skin reservoir → serum: two first-order stages, the outflow of the
//! second entering serum T; 10–14 % of what is applied is absorbed at the usual 50–100 mg, a
//! larger share of a small dose than of a large one (the gel is spread over a bounded area, the shoulders and
//! upper arms, so a larger dose is a thicker film, not more skin). Acts on: serum total T.

use super::Route;
use super::im_ester::staged_testosterone;
use super::spec::{Component, DoseKind, DrugSpec, Molecule};
use std::f64::consts::LN_2;

/// Fraction of the applied testosterone absorbed from a dose far below
/// [`ABSORPTION_HALF_DOSE_MG`] \[-\]; the fraction of a dose `D` is this over `1 + D / D½`.
/// \[D\] Swerdloff 2000 (JCEM 85:4500, 227 hypogonadal men): "about 9–14 % of the T applied
/// was bioavailable", and Cavg on 100 mg 1.4× that on 50 mg: taken as 14 % of 50 mg and 10 %
/// (the AndroGel label's ~10 %) of 100 mg, 7 and 10 mg a day; then
/// `F₀ = 0.14 · (1 + 50/75)`. The same paper's patch arm (5 mg/day delivered) checks the split:
/// Cavg on 100 mg gel 1.9× the patch's, on 50 mg 1.36× (10 and 7 mg against 5).
pub const BIOAVAILABILITY: f64 = 0.14 * (1.0 + 50.0 / ABSORPTION_HALF_DOSE_MG);
/// Applied dose at which the absorbed fraction halves \[mg\]. \[D\] from the two fractions
/// above (14 % at 50 mg, 10 % at 100 mg: `(1 + 100/D½) / (1 + 50/D½) = 1.4`); at most
/// `F₀ · D½` = 17.5 mg is absorbed from one application however large. The saturation is per
/// application: two applications a day, or two gel regimens due together, are absorbed each on
/// its own (not from the total on the skin).
pub const ABSORPTION_HALF_DOSE_MG: f64 = 75.0;
/// Uptake from the skin surface into the reservoir \[1/h\]. \[C\] half-life 0.7 h (the gel
/// dries in minutes, the T enters the stratum corneum within hours).
pub const UPTAKE_PER_H: f64 = LN_2 / 0.7;
/// Release from the skin reservoir into serum \[1/h\]. \[C\] half-life 20 h: serum T peaks
/// ~3 h after an application and stays near steady state through the day, reached in 2–3
/// days (Swerdloff 2000: steady state by 48–72 h).
pub const RESERVOIR_RELEASE_PER_H: f64 = LN_2 / 20.0;

/// The testosterone applied as gel.
pub const TESTOSTERONE: Molecule =
    staged_testosterone("testosterone_gel", UPTAKE_PER_H, RESERVOIR_RELEASE_PER_H);

/// The drug.
pub const SPEC: DrugSpec = DrugSpec {
    title: "testosterone gel, transdermal (mg of testosterone)",
    routes: &[Route::Transdermal],
    dosed_in: DoseKind::Mass,
    infusible: false,
    absorption_half_dose: Some(ABSORPTION_HALF_DOSE_MG),
    components: &[Component {
        molecule: &TESTOSTERONE,
        fraction: 1.0,
        bioavailability: BIOAVAILABILITY,
        immediate_fraction: 0.0,
    }],
    acts_on: "serum T → hypothalamus and pituitary (negative feedback)",
};

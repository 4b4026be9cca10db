//! Testosterone gel, transdermal, applied once a day (dose in mg of testosterone: 5 g of a 1 %
//! gel is 50 mg; 2.5 g of the 1.62 % gel is 40.5 mg).
//!
//! PK: the applied T → a skin reservoir → serum: two first-order stages, the outflow of the
//! second entering serum T; about a tenth of what is applied is absorbed. Acts on: serum total
//! T.

use super::Route;
use super::im_ester::staged_testosterone;
use super::spec::{Component, DoseKind, DrugSpec, Molecule};
use std::f64::consts::LN_2;

/// Fraction of the applied testosterone absorbed \[-\]. \[R\] 9–14 % of the applied dose
/// (Swerdloff 2000, JCEM 85:4500; AndroGel label: ~10 % over 24 h); 0.10 taken.
pub const BIOAVAILABILITY: f64 = 0.10;
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
    components: &[Component {
        molecule: &TESTOSTERONE,
        fraction: 1.0,
        bioavailability: BIOAVAILABILITY,
        immediate_fraction: 0.0,
    }],
    acts_on: "serum T → hypothalamus and pituitary (negative feedback)",
};

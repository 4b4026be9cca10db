//! Testosterone cypionate, IM depot (dose in mg of ester).
//!
//! PK: the two-stage ester depot of [`super::im_ester`], its terminal stage the cypionate's.
//! Acts on: serum total T (hence free T, E2, feedback, and ITT only at serum-like levels).

use super::Route;
use super::im_ester::{ESTER_BIOAVAILABILITY, depot_testosterone};
use super::spec::{Component, DoseKind, DrugSpec, Molecule};
use std::f64::consts::LN_2;

/// Testosterone / testosterone cypionate molar mass ratio \[-\]: 288.42 / 412.61 g/mol.
pub const T_FRACTION: f64 = 288.42 / 412.61;
/// Terminal absorption rate of cypionate \[1/h\]. \[D\] Bi 2018: apparent t½ 3.8 d.
pub const ABSORPTION_PER_H: f64 = LN_2 / (3.8 * 24.0);

/// The testosterone in a cypionate depot.
pub const TESTOSTERONE: Molecule = depot_testosterone("testosterone_cypionate", ABSORPTION_PER_H);

/// The drug.
pub const SPEC: DrugSpec = DrugSpec {
    title: "testosterone cypionate, IM depot (mg of ester)",
    routes: &[Route::Im],
    dosed_in: DoseKind::Mass,
    infusible: false,
    absorption_half_dose: None,
    components: &[Component {
        molecule: &TESTOSTERONE,
        fraction: T_FRACTION,
        bioavailability: ESTER_BIOAVAILABILITY,
        immediate_fraction: 0.0,
    }],
    acts_on: "serum T → hypothalamus and pituitary (negative feedback)",
};

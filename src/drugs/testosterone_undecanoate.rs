//! Testosterone undecanoate, long-acting IM depot in castor oil (dose in mg of ester): Nebido
//! 1000 mg at weeks 0 and 6, then every 10–14 weeks; Aveed 750 mg at weeks 0 and 4, then
//! every 10 weeks.
//!
//! PK: a two-stage IM depot (as [`super::im_ester`], with its own, slower first stage), whose
//! outflow enters serum T. Acts on: serum total T, like the other esters.

use super::Route;
use super::im_ester::staged_testosterone;
use super::spec::{Component, DoseKind, DrugSpec, Molecule};
use std::f64::consts::LN_2;

/// Testosterone / testosterone undecanoate molar mass ratio \[-\]: 288.42 / 456.70 g/mol.
pub const T_FRACTION: f64 = 288.42 / 456.70;
/// Terminal release from the depot \[1/h\]. \[R\] Behre 1999 (Eur J Endocrinol 140:414):
/// terminal half-life 33.9 ± 4.9 d for 1000 mg in castor oil.
pub const TERMINAL_PER_H: f64 = LN_2 / (33.9 * 24.0);
/// First-stage release \[1/h\]. \[D\] half-life 1.4 d puts serum T's peak at ~7 days after an
/// injection (Tmax 7 d for Nebido; a review of the IM preparations, PMC10072151).
pub const FIRST_STAGE_PER_H: f64 = LN_2 / (1.4 * 24.0);
/// Fraction of the released testosterone that reaches serum \[-\]. \[F\] U1: Cavg 495 ng/dL over
/// the 10 weeks after the third 750 mg injection (Morgentaler 2008, J Urol 180:2307) needs all
/// of it, at the model's T clearance (1200 L/day, `testosterone_clearance_l_h`): the fit sits at
/// its bound, against 0.66 for cypionate and enanthate (Bi 2018). Held out: Cmax after that
/// injection (891 ± 345 ng/dL) and the label's weight effect (Cavg 426 at ≥ 100 kg, 568 at
/// 65–100 kg).
pub const BIOAVAILABILITY: f64 = 1.0;

/// The testosterone in an undecanoate depot.
pub const TESTOSTERONE: Molecule =
    staged_testosterone("testosterone_undecanoate", FIRST_STAGE_PER_H, TERMINAL_PER_H);

/// The drug.
pub const SPEC: DrugSpec = DrugSpec {
    title: "testosterone undecanoate, long-acting IM depot (mg of ester)",
    routes: &[Route::Im],
    dosed_in: DoseKind::Mass,
    infusible: false,
    absorption_half_dose: None,
    components: &[Component {
        molecule: &TESTOSTERONE,
        fraction: T_FRACTION,
        bioavailability: BIOAVAILABILITY,
        immediate_fraction: 0.0,
    }],
    acts_on: "serum T → hypothalamus and pituitary (negative feedback)",
};

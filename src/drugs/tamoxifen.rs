//! Tamoxifen citrate, oral (mg of citrate): a selective estrogen-receptor modulator, a partial
//! agonist at hypothalamus and pituitary.
//!
//! PK: oral one-compartment (mg of base), apparent volume (V/F). Acts on: the estrogen-receptor
//! signal at hypothalamus and pituitary, by competing with E2.

use super::Route;
use super::spec::{Action, AmountUnit, Component, DoseKind, DrugSpec, Kinetics, Molecule};
use std::f64::consts::LN_2;

/// Tamoxifen (base) / tamoxifen citrate mass ratio \[-\]: 371.5 / 563.6 g/mol.
pub const BASE_FRACTION: f64 = 371.5 / 563.6;
/// Oral absorption rate \[1/h\]. \[C\] SERMs reach Tmax in 2–4 h.
pub const ABSORPTION_PER_H: f64 = 0.7;
/// Elimination rate \[1/h\]. \[R\] t½ 5–7 d; 6 d taken.
pub const ELIMINATION_PER_H: f64 = LN_2 / (6.0 * 24.0);
/// Apparent volume \[L\]. \[C\] steady state ~120 ng/mL on 20 mg/day: CL/F 4.6 L/h.
pub const VOLUME_L: f64 = 4.6 * 144.0 / LN_2;
/// ER dissociation constant \[ng/mL\]. \[C\] chosen so 20 mg/day acts like clomiphene 25 mg/day
/// on LH, as reported in men.
pub const ER_KD_NG_ML: f64 = 60.0;
/// Intrinsic estrogenic activity at hypothalamus and pituitary \[-\]. \[C\] partial agonist.
pub const ACTIVITY: f64 = 0.2;

/// Tamoxifen (base) in the body.
pub const TAMOXIFEN: Molecule = Molecule {
    name: "tamoxifen",
    unit: AmountUnit::Mg,
    kinetics: Kinetics::Fixed {
        absorption_per_h: ABSORPTION_PER_H,
        elimination_per_h: ELIMINATION_PER_H,
    },
    volume_l: Some(VOLUME_L),
    action: Action::EstrogenReceptor {
        kd_ng_ml: ER_KD_NG_ML,
        intrinsic_activity: ACTIVITY,
    },
};

/// The drug.
pub const SPEC: DrugSpec = DrugSpec {
    title: "tamoxifen citrate, oral (mg of citrate)",
    routes: &[Route::Oral],
    dosed_in: DoseKind::Mass,
    infusible: false,
    components: &[Component {
        molecule: &TAMOXIFEN,
        fraction: BASE_FRACTION,
        bioavailability: 1.0,
    }],
    acts_on: "partial ER agonist at hypothalamus and pituitary",
};

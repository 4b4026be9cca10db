//! Enclomiphene citrate, oral (mg of citrate): the trans isomer of clomiphene, a pure
//! estrogen-receptor antagonist at hypothalamus and pituitary.
//!
//! PK: oral one-compartment (gut `depot` → `central`, mg of base). Volumes are apparent (V/F)
//! because only CL/F is known for oral dosing. The molecule [`ENCLOMIPHENE`] is also the larger
//! part of clomiphene citrate ([`super::clomiphene_citrate`]).

use super::Route;
use super::spec::{Action, AmountUnit, Component, DoseKind, DrugSpec, Kinetics, Molecule};
use std::f64::consts::LN_2;

/// Clomiphene (base) / clomiphene citrate mass ratio \[-\]: 405.97 / 598.09 g/mol (the same for
/// either isomer's citrate).
pub const BASE_FRACTION: f64 = 405.97 / 598.09;
/// Oral absorption rate \[1/h\]. \[C\] SERMs reach Tmax in 2–4 h.
pub const ABSORPTION_PER_H: f64 = 0.7;
/// Elimination rate \[1/h\]. \[R\] Wiehle 2013: t½ ≈ 10 h.
pub const ELIMINATION_PER_H: f64 = LN_2 / 10.0;
/// Apparent volume \[L\]. \[D\] Helo 2017: 2.2 ng/mL on 25 mg/day clomiphene citrate
/// (10.5 mg/day enclomiphene) gives CL/F 199 L/h; V/F = CL/F · t½ / ln 2.
pub const VOLUME_L: f64 = 199.0 * 10.0 / LN_2;
/// Concentration giving half receptor occupancy against no E2 \[ng/mL\]. \[F\] S1, S3.
pub const ER_KD_NG_ML: f64 = 0.3;

/// Enclomiphene (base) in the body.
pub const ENCLOMIPHENE: Molecule = Molecule {
    name: "enclomiphene",
    unit: AmountUnit::Mg,
    kinetics: Kinetics::Fixed {
        absorption_per_h: ABSORPTION_PER_H,
        elimination_per_h: ELIMINATION_PER_H,
    },
    volume_l: Some(VOLUME_L),
    action: Action::EstrogenReceptor {
        kd_ng_ml: ER_KD_NG_ML,
        intrinsic_activity: 0.0,
    },
};

/// The drug.
pub const SPEC: DrugSpec = DrugSpec {
    title: "enclomiphene citrate, oral (mg of citrate)",
    routes: &[Route::Oral],
    dosed_in: DoseKind::Mass,
    infusible: false,
    absorption_half_dose: None,
    components: &[Component {
        molecule: &ENCLOMIPHENE,
        fraction: BASE_FRACTION,
        bioavailability: 1.0,
        immediate_fraction: 0.0,
    }],
    acts_on: "pure ER antagonist at hypothalamus and pituitary",
};

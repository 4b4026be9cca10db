//! Clomiphene citrate, oral (mg of citrate): 62 % enclomiphene (pure estrogen-receptor
//! antagonist, t½ ~10 h) and 38 % zuclomiphene (weak partial agonist, t½ of weeks, so it
//! accumulates).
//!
//! PK: each isomer an oral one-compartment chain (mg of base), apparent volumes (V/F).
//! Acts on: the estrogen-receptor signal at hypothalamus and pituitary, by competing with E2.

use super::Route;
use super::enclomiphene::{ABSORPTION_PER_H, BASE_FRACTION, ENCLOMIPHENE};
use super::spec::{Action, AmountUnit, Component, DoseKind, DrugSpec, Kinetics, Molecule};
use std::f64::consts::LN_2;

/// Share of enclomiphene (trans isomer) in clomiphene citrate \[-\]. \[R\] Clomid label: 62 %
/// enclomiphene, 38 % zuclomiphene.
pub const ENCLOMIPHENE_SHARE: f64 = 0.62;
/// Zuclomiphene elimination \[1/h\]. \[C\] t½ of weeks; 30 d taken.
pub const ZUCLOMIPHENE_ELIMINATION_PER_H: f64 = LN_2 / (30.0 * 24.0);
/// Zuclomiphene apparent volume \[L\]. \[D\] Helo 2017: 44 ng/mL on 25 mg/day (6.4 mg/day
/// zuclomiphene) gives CL/F 6.1 L/h.
pub const ZUCLOMIPHENE_VOLUME_L: f64 = 6.1 * 720.0 / LN_2;
/// Zuclomiphene ER dissociation constant \[ng/mL\]. \[F\] S1 (zuclomiphene accumulates ~20×
/// enclomiphene).
pub const ZUCLOMIPHENE_ER_KD_NG_ML: f64 = 40.0;
/// Zuclomiphene intrinsic estrogenic activity (0 antagonist, 1 full agonist) \[-\]. \[C\]
/// zuclomiphene is the estrogenic isomer.
pub const ZUCLOMIPHENE_ACTIVITY: f64 = 0.2;

/// Zuclomiphene (base) in the body.
pub const ZUCLOMIPHENE: Molecule = Molecule {
    name: "zuclomiphene",
    unit: AmountUnit::Mg,
    kinetics: Kinetics::Fixed {
        absorption_per_h: ABSORPTION_PER_H,
        elimination_per_h: ZUCLOMIPHENE_ELIMINATION_PER_H,
    },
    volume_l: Some(ZUCLOMIPHENE_VOLUME_L),
    action: Action::EstrogenReceptor {
        kd_ng_ml: ZUCLOMIPHENE_ER_KD_NG_ML,
        intrinsic_activity: ZUCLOMIPHENE_ACTIVITY,
    },
};

/// The drug.
pub const SPEC: DrugSpec = DrugSpec {
    title: "clomiphene citrate, oral (mg of citrate)",
    routes: &[Route::Oral],
    dosed_in: DoseKind::Mass,
    infusible: false,
    absorption_half_dose: None,
    components: &[
        Component {
            molecule: &ENCLOMIPHENE,
            fraction: BASE_FRACTION * ENCLOMIPHENE_SHARE,
            bioavailability: 1.0,
            immediate_fraction: 0.0,
        },
        Component {
            molecule: &ZUCLOMIPHENE,
            fraction: BASE_FRACTION * (1.0 - ENCLOMIPHENE_SHARE),
            bioavailability: 1.0,
            immediate_fraction: 0.0,
        },
    ],
    acts_on: "ER antagonist at hypothalamus and pituitary",
};

//! Anastrozole, oral (mg): an aromatase inhibitor.
//!
//! PK: oral one-compartment (mg). Acts on: peripheral aromatization of T to E2, by an Imax
//! model `I = Imax·C/(IC50 + C)`. Imax is set for men, who lose far less E2 than
//! post-menopausal women because their E2 partly comes from the testis and because rising LH
//! and T offset the block.

use super::Route;
use super::spec::{Action, AmountUnit, Component, DoseKind, DrugSpec, Kinetics, Molecule};
use std::f64::consts::LN_2;

/// Oral absorption rate \[1/h\]. \[R\] Mauras 2009: Tmax ~1 h.
pub const ABSORPTION_PER_H: f64 = 2.0;
/// Elimination rate \[1/h\]. \[R\] Mauras 2009: t½ 46.8 h.
pub const ELIMINATION_PER_H: f64 = LN_2 / 46.8;
/// Apparent volume \[L\]. \[D\] Mauras 2009: CL/F 1.54 L/h × t½ / ln 2.
pub const VOLUME_L: f64 = 1.54 * 46.8 / LN_2;
/// Maximal inhibition of peripheral aromatase \[-\]. \[F\] A1/A2.
pub const IMAX: f64 = 0.8;
/// Concentration at half-maximal inhibition \[ng/mL\]. \[F\] A1 (E2 −35 % on 1 mg/day).
pub const IC50_NG_ML: f64 = 4.0;

/// Anastrozole in the body.
pub const ANASTROZOLE: Molecule = Molecule {
    name: "anastrozole",
    unit: AmountUnit::Mg,
    kinetics: Kinetics::Fixed {
        absorption_per_h: ABSORPTION_PER_H,
        elimination_per_h: ELIMINATION_PER_H,
    },
    volume_l: Some(VOLUME_L),
    action: Action::AromataseInhibitor {
        imax: IMAX,
        ic50_ng_ml: IC50_NG_ML,
    },
};

/// The drug.
pub const SPEC: DrugSpec = DrugSpec {
    title: "anastrozole, oral (mg)",
    routes: &[Route::Oral],
    dosed_in: DoseKind::Mass,
    infusible: false,
    absorption_half_dose: None,
    components: &[Component {
        molecule: &ANASTROZOLE,
        fraction: 1.0,
        bioavailability: 1.0,
        immediate_fraction: 0.0,
    }],
    acts_on: "aromatase: less E2, less E2 feedback",
};

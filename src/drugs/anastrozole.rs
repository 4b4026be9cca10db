//! Anastrozole, oral (mg): an aromatase inhibitor.
//!
//! PK: oral one-compartment (mg). Acts on: aromatization of T to E2, peripheral and
//! testicular, by an Imax model `I = Imax·C/(IC50 + C)`. Imax is set for men, who lose far
//! less E2 than post-menopausal women because rising LH and T offset the block.

use super::Route;
use super::spec::{Action, AmountUnit, Component, DoseKind, DrugSpec, Kinetics, Molecule};
use std::f64::consts::LN_2;

/// Oral absorption rate \[1/h\]. \[R\] Mauras 2009: Tmax ~1 h.
pub const ABSORPTION_PER_H: f64 = 2.0;
/// Elimination rate \[1/h\]. \[R\] Mauras 2009: t½ 46.8 h.
pub const ELIMINATION_PER_H: f64 = LN_2 / 46.8;
/// Apparent volume \[L\]. \[D\] Mauras 2009: CL/F 1.54 L/h × t½ / ln 2.
pub const VOLUME_L: f64 = 1.54 * 46.8 / LN_2;
/// Maximal inhibition of aromatase, peripheral and testicular \[-\]. \[F\] A1 (E2 −35 % on
/// 1 mg/day) with E1 in view: 0.6385 since the testicular aromatase is inhibited too
/// (2026-12-02, fifteenth session, docs/MODEL.md 9.11: 0.707 ×0.9, then refitted in both
/// modes). Before that, 0.707 with the IC50 below gave the same inhibition on 1 mg daily as
/// 0.8 with IC50 4 ng/mL.
pub const IMAX: f64 = 0.6385;
/// Concentration at half-maximal inhibition \[ng/mL\]. \[D\] Leder et al. 2004 (JCEM 89:1174):
/// 1 mg twice weekly lowered E2 as much as 1 mg daily (27 → 17 and 26 → 17 pg/mL over 12
/// weeks). With the PK here twice weekly averages 7.7 ng/mL against 27 daily; at these means
/// the two inhibitions stay within 3 points for IC50 ≲ 0.48 ng/mL (2.5 points at 0.4). At
/// 4 ng/mL, the value fitted to the daily arm alone until 2026-12-02, twice weekly lowered E2
/// by 23 % against the daily regimen's 38–39 %.
pub const IC50_NG_ML: f64 = 0.4;

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

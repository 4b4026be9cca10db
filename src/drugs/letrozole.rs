//! Letrozole, oral (mg): an aromatase inhibitor, more complete and about ten times as potent by
//! dose as anastrozole.
//!
//! PK: oral one-compartment (mg). Acts on: aromatization of T to E2, peripheral and testicular,
//! by an Imax model `I = Imax·C/(IC50 + C)`.

use super::Route;
use super::spec::{Action, AmountUnit, Component, DoseKind, DrugSpec, Kinetics, Molecule};
use std::f64::consts::LN_2;

/// Oral absorption rate \[1/h\]. \[C\] taken as anastrozole's (Tmax ~1 h).
pub const ABSORPTION_PER_H: f64 = 2.0;
/// Elimination rate \[1/h\]. \[C\] label: t½ ~2 d.
pub const ELIMINATION_PER_H: f64 = LN_2 / 48.0;
/// Apparent volume \[L\]. \[C\] label: ~1.9 L/kg at 70 kg.
pub const VOLUME_L: f64 = 133.0;
/// Maximal inhibition of aromatase, peripheral and testicular \[-\]. \[C\] more complete than
/// anastrozole: 0.9, ×0.9 as anastrozole's when the testicular aromatase was inhibited too
/// (2026-12-02, fifteenth session, docs/MODEL.md 9.11).
pub const IMAX: f64 = 0.81;
/// Concentration at half-maximal inhibition \[ng/mL\]. \[D\] from a dose-response in women, with
/// the \[C\] PK above: 0.25 mg on Mondays, Wednesdays and Fridays suppressed E2 as much as
/// 2.5 mg daily (75–78 % in every arm; Lopez et al. 2016, Cancer Prev Res 9:142), and 0.5 mg
/// daily as much as 2.5 mg (Bajetta et al. 1999, Eur J Cancer 35:208). With the PK here the
/// intermittent regimen averages 2.3 ng/mL against 54 on 2.5 mg daily; for their mean
/// inhibitions to differ by at most 3 points, IC50 ≲ 0.084 ng/mL (3.0 points at 0.08 over the
/// intermittent regimen's swing, 1.3–3.5 ng/mL). It was 2 ng/mL (\[C\], ~10× anastrozole by
/// dose) until 2026-12-02 (thirteenth session), which left the weekly regimen of row E5 at E2
/// −16 %.
pub const IC50_NG_ML: f64 = 0.08;

/// Letrozole in the body.
pub const LETROZOLE: Molecule = Molecule {
    name: "letrozole",
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
    title: "letrozole, oral (mg)",
    routes: &[Route::Oral],
    dosed_in: DoseKind::Mass,
    infusible: false,
    absorption_half_dose: None,
    components: &[Component {
        molecule: &LETROZOLE,
        fraction: 1.0,
        bioavailability: 1.0,
        immediate_fraction: 0.0,
    }],
    acts_on: "aromatase: less E2, less E2 feedback",
};

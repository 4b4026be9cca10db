//! Follicle-stimulating hormone (recombinant follitropin alfa/beta, or the FSH of urinary
//! hMG), SC or IM (IU): what hCG alone cannot give a man without gonadotropins.
//!
//! PK: SC/IM depot → serum (IU). Acts on: the Sertoli-cell FSH receptor, as the man's own FSH
//! does (the same molecule); immunoassays measure it with his own, so the `fsh_iu_l` output is
//! their sum.

use super::Route;
use super::spec::{Action, AmountUnit, Component, DoseKind, DrugSpec, Kinetics, Molecule};
use std::f64::consts::LN_2;

/// SC/IM bioavailability \[-\]. \[R\] follitropin alfa SC ~70 % (Gonal-f SmPC); follitropin
/// beta 77.8 % (Puregon label); urinary FSH IM ~2/3.
pub const BIOAVAILABILITY: f64 = 0.7;
/// Absorption rate \[1/h\]. \[D\] absorption half-life 3.5 h, which with the elimination below
/// puts Tmax at ~13 h after SC follitropin beta (Puregon label).
pub const ABSORPTION_PER_H: f64 = LN_2 / 3.5;
/// Clearance \[L/h\]. \[F\] F1: the median serum FSH of 4.3 / 8.4 / 13.6 IU/L on 75 / 150 /
/// 225 IU/day IM in hypogonadotropic men (multiple-rising-dose study), least squares over the
/// three doses with F 0.7 and the GnRH-deficient man's own FSH (1.25 IU/L at that fit; 0.7 now,
/// and F1 still passes). Held out: the label's clearance, 0.6 L/h for follitropin alfa (Gonal-f
/// SmPC; urinary FSH ~0.5 L/h).
pub const CLEARANCE_L_PER_H: f64 = 0.56;
/// Elimination half-life with repeated dosing \[h\]. \[R\] 48 ± 5 h after repeated doses in
/// hypogonadotropic men (32 ± 12 h after one); follitropin beta ~40 h; the three-fold
/// accumulation on daily dosing (Gonal-f SmPC) implies ~41 h. 40 h taken.
pub const HALF_LIFE_H: f64 = 40.0;
/// Volume \[L\]. \[D\] clearance × half-life / ln 2.
pub const VOLUME_L: f64 = CLEARANCE_L_PER_H * HALF_LIFE_H / LN_2;

/// FSH in the body.
pub const FSH: Molecule = Molecule {
    name: "fsh",
    unit: AmountUnit::Iu,
    kinetics: Kinetics::Fixed {
        absorption_per_h: ABSORPTION_PER_H,
        elimination_per_h: LN_2 / HALF_LIFE_H,
    },
    volume_l: Some(VOLUME_L),
    action: Action::FshReceptorAgonist,
};

/// The drug.
pub const SPEC: DrugSpec = DrugSpec {
    title: "follicle-stimulating hormone (recombinant or urinary), SC/IM (IU)",
    routes: &[Route::Sc, Route::Im],
    dosed_in: DoseKind::InternationalUnits,
    infusible: false,
    absorption_half_dose: None,
    components: &[Component {
        molecule: &FSH,
        fraction: 1.0,
        bioavailability: BIOAVAILABILITY,
        immediate_fraction: 0.0,
    }],
    acts_on: "the Sertoli FSH receptor (as endogenous FSH)",
};

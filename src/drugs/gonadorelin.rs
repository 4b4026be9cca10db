//! Gonadorelin (synthetic GnRH): IV or SC bolus, repeated pump pulses, continuous infusion (ug).
//!
//! PK: the GnRH chain itself (SC depot → circulating GnRH, ug), shared with the endogenous
//! pulses. Its rates are patient parameters (`gnrh_half_life_min`,
//! `gnrh_sc_absorption_half_life_min`, `gnrh_volume_l`), so the molecule's kinetics are
//! [`Kinetics::PatientGnrh`]. Acts on: the pituitary GnRH receptor.

use super::Route;
use super::spec::{Action, AmountUnit, Component, DoseKind, DrugSpec, Kinetics, Molecule};

/// SC bioavailability \[-\]. \[C\] small peptides are near-completely absorbed SC.
pub const SC_BIOAVAILABILITY: f64 = 1.0;

/// Circulating GnRH (the patient's own kinetics and volume).
pub const GNRH: Molecule = Molecule {
    name: "gnrh",
    unit: AmountUnit::Ug,
    kinetics: Kinetics::PatientGnrh,
    volume_l: None,
    action: Action::Gnrh,
};

/// The drug.
pub const SPEC: DrugSpec = DrugSpec {
    title: "gonadorelin (GnRH), SC or IV (ug)",
    routes: &[Route::Sc, Route::Iv],
    dosed_in: DoseKind::Mass,
    infusible: true,
    absorption_half_dose: None,
    components: &[Component {
        molecule: &GNRH,
        fraction: 1.0,
        bioavailability: SC_BIOAVAILABILITY,
        immediate_fraction: 0.0,
    }],
    acts_on: "the pituitary GnRH receptor (pulses stimulate, continuous exposure desensitizes)",
};

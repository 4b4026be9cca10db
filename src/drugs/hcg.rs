//! Human chorionic gonadotropin (hCG), SC/IM/IV (IU).
//!
//! PK: SC/IM depot → central (IU). Acts on: the Leydig LH receptor, which it shares with LH,
//! with a potency per IU/L of its own and a half-life of days. It does not act on the
//! pituitary, so it raises ITT without raising LH.

use super::Route;
use super::spec::{Action, AmountUnit, Component, DoseKind, DrugSpec, Kinetics, Molecule};
use std::f64::consts::LN_2;

/// SC/IM bioavailability \[-\]. \[F\] to Mannaerts 1998 (Hum Reprod 13:1461): 5000 IU IM gives a
/// peak of 156 IU/L at ~20 h, which with the volume and absorption below needs ~0.32; lower than
/// the 40–50 % of recombinant hCG (Trinchard-Lugan 2002, Reprod Biomed Online 4:106). SC and IM
/// give the same exposure (Mannaerts 1998; Saal 1991, Fertil Steril 56:225).
pub const BIOAVAILABILITY: f64 = 0.32;
/// Absorption rate from the injection site \[1/h\]. \[F\] absorption half-life 8 h puts the peak at
/// ~20 h after IM or SC doses (Mannaerts 1998).
pub const ABSORPTION_PER_H: f64 = LN_2 / 8.0;
/// Elimination rate \[1/h\]. \[R\] terminal half-life 32–33 h after IM and SC doses (Mannaerts
/// 1998); 29–30 h for recombinant hCG (Norman 2000, J Endocrinol 164:299; Ovitrelle label).
pub const ELIMINATION_PER_H: f64 = LN_2 / 32.0;
/// Distribution volume \[L\]. \[R\] steady-state volume 6.5 L after IV recombinant hCG (Norman
/// 2000); with the half-life above the clearance is 3.4 L/day, the metabolic clearance rate
/// measured in men (3.38 L/day after 10,000 IU IV).
pub const VOLUME_L: f64 = 6.5;
/// LH-equivalent potency at the Leydig receptor: IU/L of LH per IU/L of hCG \[-\]. \[F\] T3
/// (Coviello 2005: 250 IU every other day on top of TE keeps ITT near baseline). In vitro hCG is
/// ~5× as potent as LH per mole at the LH receptor (Casarini 2012, PLoS One 7:e46682).
pub const LH_EQUIVALENTS_PER_IU: f64 = 0.35;
/// Steroidogenic-enzyme induction per LH-equivalent, relative to LH's own \[-\].
/// \[R\] at the same receptor hCG is ~5× as potent as LH for cAMP and steroidogenesis while LH
/// favours ERK/AKT (Casarini 2012, PLoS One 7:e46682), so hCG may induce more per unit of
/// acute stimulation than LH. \[F\] 1.257 in the joint fit with the ceiling on Leydig output
/// (2026-12-02, fifteenth session, rows L2 and L3 fitted; docs/MODEL.md 9.11); 1 (LH-like)
/// before, when ~4 passed row L3 only by moving S1, T2 and E1 out (`docs/MODEL.md` 10 item
/// 5(b)). Set it per protocol (`hcg.steroidogenic_efficacy`) to explore.
pub const STEROIDOGENIC_EFFICACY: f64 = 1.257;
/// hCG in the body.
pub const HCG: Molecule = Molecule {
    name: "hcg",
    unit: AmountUnit::Iu,
    kinetics: Kinetics::Fixed {
        absorption_per_h: ABSORPTION_PER_H,
        elimination_per_h: ELIMINATION_PER_H,
    },
    volume_l: Some(VOLUME_L),
    action: Action::LhReceptorAgonist {
        lh_equivalents_per_iu: LH_EQUIVALENTS_PER_IU,
        steroidogenic_efficacy: STEROIDOGENIC_EFFICACY,
    },
};

/// The drug.
pub const SPEC: DrugSpec = DrugSpec {
    title: "human chorionic gonadotropin, SC/IM/IV (IU)",
    routes: &[Route::Sc, Route::Im, Route::Iv],
    dosed_in: DoseKind::InternationalUnits,
    infusible: true,
    absorption_half_dose: None,
    components: &[Component {
        molecule: &HCG,
        fraction: 1.0,
        bioavailability: BIOAVAILABILITY,
        immediate_fraction: 0.0,
    }],
    acts_on: "the Leydig LH receptor (LH-like, days-long half-life)",
};

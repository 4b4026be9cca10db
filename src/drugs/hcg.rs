//! Human chorionic gonadotropin (hCG), SC/IM/IV (IU).
//!
//! PK: SC/IM depot → central (IU). Acts on: the Leydig LH receptor, which it shares with LH,
//! with a potency per IU/L of its own and a half-life of days. It does not act on the
//! pituitary, so it raises ITT without raising LH.

use super::Route;
use super::spec::{Action, AmountUnit, Component, DoseKind, DrugSpec, Kinetics, Molecule};
use std::f64::consts::LN_2;

/// SC/IM bioavailability \[-\]. \[R\] Trinchard-Lugan 2002: 40–50 %.
pub const BIOAVAILABILITY: f64 = 0.45;
/// Absorption rate from the injection site \[1/h\]. \[C\] SC Tmax ~12–24 h.
pub const ABSORPTION_PER_H: f64 = LN_2 / 6.0;
/// Elimination rate \[1/h\]. \[R\] t½ 1.5–6 d (biphasic); 2.5 d taken as the effective value
/// between the fast and the pooled 5.8 d (Handelsman 2024) estimates.
pub const ELIMINATION_PER_H: f64 = LN_2 / (2.5 * 24.0);
/// Distribution volume \[L\]. \[C\] glycoprotein confined to plasma and interstitium, ~6 L.
pub const VOLUME_L: f64 = 6.0;
/// LH-equivalent potency at the Leydig receptor: IU/L of LH per IU/L of hCG \[-\]. \[F\] T3
/// (Coviello 2005: 250 IU every other day on top of TE keeps ITT near baseline).
pub const LH_EQUIVALENTS_PER_IU: f64 = 0.12;

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
    },
};

/// The drug.
pub const SPEC: DrugSpec = DrugSpec {
    title: "human chorionic gonadotropin, SC/IM/IV (IU)",
    routes: &[Route::Sc, Route::Im, Route::Iv],
    dosed_in: DoseKind::InternationalUnits,
    infusible: true,
    components: &[Component {
        molecule: &HCG,
        fraction: 1.0,
        bioavailability: BIOAVAILABILITY,
    }],
    acts_on: "the Leydig LH receptor (LH-like, days-long half-life)",
};

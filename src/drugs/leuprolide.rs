//! Leuprolide (leuprorelin) acetate depot, IM (mg): a GnRH superagonist, 7.5 mg every month: an
//! initial flare of LH and T, then suppressed synthesis and castrate T while the agonist stays.
//!
//! This is the 1-month PLGA microsphere depot (Lupron Depot 7.5 mg); the 3-month PLA depot,
//! whose last microspheres release for longer, is [`super::leuprolide_3_month`].
//!
//! PK: the depot's initial burst enters plasma at once, the rest is released at a constant
//! rate (zero order, [`Kinetics::ZeroOrderDepot`]: a month for 7.5 mg) and its last part
//! first-order (the tail: the last microspheres); plasma clearance as after IV leuprolide.
//! Acts on: the
//! pituitary GnRH receptor as a potent GnRH (`Action::GnrhAgonist`): secretion goes on under
//! full occupancy (the flare), while the level that never falls away builds the gonadotroph's
//! repressor of synthesis, so
//! the store empties within two weeks (G1's mechanism; `docs/MODEL.md` 4.2a, 7.8).

use super::Route;
use super::spec::{Action, AmountUnit, Component, DoseKind, DrugSpec, Kinetics, Molecule};

/// Bioavailability of the IM depot \[-\]. \[C\] the microsphere depot releases its whole load;
/// no absolute bioavailability is published for it.
pub const BIOAVAILABILITY: f64 = 1.0;
/// Share of the dose released at once, the initial burst \[-\]. \[F\] the 1-month 7.5 mg depot
/// peaks at ~20 ng/mL within hours (Lupron Depot label; 20.8–21.8 µg/L at 1–3 h, Periti 2002,
/// Clin Pharmacokinet 41:485), which with the volume below is ~7.5 % of the dose.
pub const IMMEDIATE_FRACTION: f64 = 0.075;
/// Release from the depot in its zero-order phase \[mg/h\]. \[D\] the microspheres release at
/// a functionally constant daily rate for 1 (PLGA), 3 or 4 months (PLA) (Periti 2002, Clin
/// Pharmacokinet 41:485): 7.5 mg less its burst over 28 days, 0.248 mg/d, which is also
/// what the 22.5 mg 3-month and 30 mg 4-month depots deliver per day. With the clearance below
/// the plateau is 1.36 ng/mL (Periti: 0.4–1.4 over the month of the 7.5 mg depot). A
/// first-order release (t½ 20 d) held before left a tail that kept the receptor occupied for
/// months after the last depot (row LP2). With the tail (below) the zero-order phase ends
/// `τ` before the month does and the tail carries the rest, so the month's total is the same.
pub const RELEASE_MG_PER_H: f64 = 7.5 * (1.0 - IMMEDIATE_FRACTION) / (28.0 * 24.0);
/// Half-life of the depot's tail \[h\]: once the store holds less than `τ` of release
/// (`τ` = half-life / ln 2) it releases first-order. \[F\] row LP3 (Saltzstein 2018, Ther Adv
/// Urol 10:43: one 7.5 mg IM depot in 16 healthy men (of 32; the others SC), leuprolide
/// quantifiable to day 42, LH rising by day 35, T above 50 ng/dL by day 42 in 12 of 16).
/// Release at day 28 is then 1/e of the zero-order rate; plasma, which lags the falling
/// release, 0.59 ng/mL (label: 0.36 at 4 weeks).
pub const TAIL_HALF_LIFE_H: f64 = 0.7 * 24.0;
/// Plasma clearance \[L/h\]. \[R\] 7.6 L/h after IV leuprolide (Lupron label).
pub const CLEARANCE_L_PER_H: f64 = 7.6;
/// Volume \[L\]. \[R\] Vss 27 L after IV leuprolide (Lupron label); t½ ~2.5 h with the clearance.
pub const VOLUME_L: f64 = 27.0;
/// GnRH-equivalents at the pituitary receptor per unit of plasma concentration \[-\]. \[R\]
/// receptor affinity ~40× that of native GnRH (pKi 9.5 against 7.9; Nederpelt 2016, Br J
/// Pharmacol, via IUPHAR), at nearly the same molar mass (1209 against 1182 g/mol).
pub const GNRH_EQUIVALENTS: f64 = 40.0;

/// Leuprolide from a microsphere depot named `name` (its parameters' prefix), released at
/// `release_per_h` \[mg/h\] with a tail of half-life `tail_half_life_h` \[h\]: the plasma
/// kinetics and the action are the molecule's, shared by every depot formulation.
pub const fn depot_leuprolide(
    name: &'static str,
    release_per_h: f64,
    tail_half_life_h: f64,
) -> Molecule {
    Molecule {
        name,
        unit: AmountUnit::Mg,
        kinetics: Kinetics::ZeroOrderDepot {
            release_per_h,
            tail_half_life_h,
            elimination_per_h: CLEARANCE_L_PER_H / VOLUME_L,
        },
        volume_l: Some(VOLUME_L),
        action: Action::GnrhAgonist {
            gnrh_equivalents: GNRH_EQUIVALENTS,
        },
    }
}

/// Leuprolide in the body.
pub const LEUPROLIDE: Molecule = depot_leuprolide("leuprolide", RELEASE_MG_PER_H, TAIL_HALF_LIFE_H);

/// The drug.
pub const SPEC: DrugSpec = DrugSpec {
    title: "leuprolide acetate depot, IM (mg)",
    routes: &[Route::Im],
    dosed_in: DoseKind::Mass,
    infusible: false,
    absorption_half_dose: None,
    components: &[Component {
        molecule: &LEUPROLIDE,
        fraction: 1.0,
        bioavailability: BIOAVAILABILITY,
        immediate_fraction: IMMEDIATE_FRACTION,
    }],
    acts_on: "the pituitary GnRH receptor (superagonist: a flare, then desensitization)",
};

//! Leuprolide (leuprorelin) acetate 3-month depot, IM (mg): the PLA microsphere formulation
//! (Lupron Depot 22.5 mg every 12 weeks). The same molecule as [`super::leuprolide`], the
//! 1-month PLGA depot, with the same plasma kinetics and action, but a chain and parameters of
//! its own (`leuprolide_3_month.*`; its plasma level is read as `leuprolide_3_month`, and an
//! override of `leuprolide.*` does not reach it); what differs is the depot:
//! PLA erodes more slowly, so its burst is a smaller share of the dose and its last
//! microspheres keep releasing for longer after the three months (row LP4: T castrate for a
//! median of six months after a single depot).
//!
//! PK: a burst at once, a constant release until the store holds `τ` of release, then a
//! first-order tail ([`super::spec::Kinetics::ZeroOrderDepot`]). Acts on: the pituitary GnRH
//! receptor as a potent GnRH, as the 1-month depot does.

use super::Route;
use super::leuprolide::depot_leuprolide;
use super::spec::{Component, DoseKind, DrugSpec, Molecule};

/// Bioavailability of the IM depot \[-\]. \[C\] as the 1-month depot: the whole load is
/// released.
pub const BIOAVAILABILITY: f64 = 1.0;
/// Share of the dose released at once \[-\]. \[R\] the 22.5 mg depot peaks at 48.9 ng/mL at 4 h
/// (Lupron Depot-3 Month label), 2.4× the 1-month depot's ~20 ng/mL for 3× the dose: 7.5 % ×
/// 2.4 / 3 = 6 %.
pub const IMMEDIATE_FRACTION: f64 = 0.06;
/// Release in the zero-order phase \[mg/h\]. \[D\] the rest of 22.5 mg over 84 days (the zero-order
/// phase ends `τ` early and the tail delivers the remainder, so the total is the same), 0.252
/// mg/d: the rate Periti 2002 (Clin Pharmacokinet 41:485) gives as common to the 1-, 3- and
/// 4-month depots. Plasma ~1.4 ng/mL in the plateau; the label's 0.67 ng/mL at 12 weeks falls
/// in the tail.
pub const RELEASE_MG_PER_H: f64 = 22.5 * (1.0 - IMMEDIATE_FRACTION) / (84.0 * 24.0);
/// Half-life of the depot's tail \[h\]. \[F\] row LP4 (Oefelein 1998, J Urol 160:1685: after one
/// 3-month depot, 13 men stayed castrate for a median of 6 months; hot flushes lasted a median
/// 13.6 months). PLA erodes more slowly than the 1-month depot's PLGA (Periti 2002).
pub const TAIL_HALF_LIFE_H: f64 = 8.0 * 24.0;

/// Leuprolide from the 3-month depot.
pub const LEUPROLIDE_3_MONTH: Molecule =
    depot_leuprolide("leuprolide_3_month", RELEASE_MG_PER_H, TAIL_HALF_LIFE_H);

/// The drug.
pub const SPEC: DrugSpec = DrugSpec {
    title: "leuprolide acetate 3-month depot, IM (mg)",
    routes: &[Route::Im],
    dosed_in: DoseKind::Mass,
    infusible: false,
    absorption_half_dose: None,
    components: &[Component {
        molecule: &LEUPROLIDE_3_MONTH,
        fraction: 1.0,
        bioavailability: BIOAVAILABILITY,
        immediate_fraction: IMMEDIATE_FRACTION,
    }],
    acts_on: "the pituitary GnRH receptor (superagonist: a flare, then desensitization)",
};

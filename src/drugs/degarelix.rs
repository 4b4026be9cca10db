//! Degarelix, SC depot (mg): a GnRH-receptor antagonist. 240 mg (two 120 mg injections at
//! 40 mg/mL) to start, then 80 mg every 28 days; castrate T within days, without the flare of
//! the agonists.
//!
//! PK: the SC depot the injection forms releases into plasma (one compartment). Acts on: the
//! pituitary GnRH receptor, competing with GnRH (`Action::GnrhAntagonist`): it raises the GnRH
//! concentration a given occupancy needs by `1 + C / Ki`.

use super::Route;
use super::spec::{Action, AmountUnit, Component, DoseKind, DrugSpec, Kinetics, Molecule};
use std::f64::consts::LN_2;

/// Bioavailability of the SC depot \[-\]. \[F\] with the release below, the loading dose's
/// trough at day 28 (11–12 ng/mL, EU SmPC): 0.35 gives 11.8. Tornøe 2007 (Br J Clin
/// Pharmacol 63:648, population PK of 170 men) has F = 0.240 in a model with two depots (a
/// fast one, t½ 2 d, 6 % of the dose, beside the slow one); one slow depot needs more to reach
/// the same trough.
pub const BIOAVAILABILITY: f64 = 0.35;
/// Release from the SC depot \[1/h\]. \[D\] half-life 60 days, between Tornøe 2007's two values
/// for his slow depot, whose release depends on the concentration injected (74 d at 40 mg/mL,
/// the loading dose; 53 d at 20 mg/mL, the maintenance doses). Checks: the loading dose's peak
/// (15.5 ng/mL at day 2.4; US label 26 ng/mL, CV 83 %, within 2 days), the 80 mg maintenance
/// trough (EU SmPC 11–16 ng/mL; 8.1 with the 30-day half-life fitted before to the loading
/// trough alone) and the recovery after seven months (row DG2, Crawford 2015: T > 50 ng/dL a
/// median 112 days into the off period; 2.1 weeks with 30 days). DG2 and the maintenance
/// trough were looked at when the half-life was chosen, so they are checks of the choice
/// within Tornøe's range, not strict hold-outs.
pub const RELEASE_PER_H: f64 = LN_2 / (60.0 * 24.0);
/// Clearance \[L/h\]. \[R\] Tornøe 2007: CL 2.54 L/h.
pub const CLEARANCE_L_PER_H: f64 = 2.54;
/// Volume \[L\]. \[D\] half-life 7.5 h, which put the peak ~2 days after the loading dose with
/// the 30-day release (US label: Cmax within 2 days; day 2.4 with the 60-day release);
/// Tornøe 2007's two compartments hold 13.2 and 36.1 L.
pub const VOLUME_L: f64 = CLEARANCE_L_PER_H * 7.5 / LN_2;
/// Concentration doubling the GnRH a given receptor occupancy needs \[ng/mL\]. \[F\] DG1: T
/// castrate (< 50 ng/dL) by day 3 and held through the maintenance doses. Five times as potent
/// as the sources (Tornøe 2007: IC50 1.49 ng/mL for LH release; in vitro IC50 0.58–1.64 nM,
/// 0.9–2.7 ng/mL, Samant 2005): at 1.49 ng/mL the man's hypothalamic drive, rising as his T
/// falls, wins back part of the receptor and T escapes to 100–175 ng/dL within weeks. Whether
/// that escape is too strong in the model or the block stronger in vivo (receptor
/// internalization by the antagonist) is open. (That was with the 30-day release; with the
/// 60-day one a Ki of 0.6 ng/mL already leaves T at 53 ng/dL at day 28, so it was kept.)
pub const KI_NG_ML: f64 = 0.3;

/// Degarelix in the body.
pub const DEGARELIX: Molecule = Molecule {
    name: "degarelix",
    unit: AmountUnit::Mg,
    kinetics: Kinetics::Fixed {
        absorption_per_h: RELEASE_PER_H,
        elimination_per_h: CLEARANCE_L_PER_H / VOLUME_L,
    },
    volume_l: Some(VOLUME_L),
    action: Action::GnrhAntagonist { ki_ng_ml: KI_NG_ML },
};

/// The drug.
pub const SPEC: DrugSpec = DrugSpec {
    title: "degarelix, SC depot (mg)",
    routes: &[Route::Sc],
    dosed_in: DoseKind::Mass,
    infusible: false,
    absorption_half_dose: None,
    components: &[Component {
        molecule: &DEGARELIX,
        fraction: 1.0,
        bioavailability: BIOAVAILABILITY,
        immediate_fraction: 0.0,
    }],
    acts_on: "the pituitary GnRH receptor (competitive antagonist: no flare)",
};

//! Tamoxifen citrate, oral (mg of citrate): a selective estrogen-receptor modulator. In men its
//! action at hypothalamus and pituitary comes mostly from its active metabolites
//! (4-hydroxytamoxifen and endoxifen, 30–100 times as potent as the parent), which act there as
//! near-pure antagonists and build up over weeks.
//!
//! PK: the parent as an oral one-compartment chain (mg of base, apparent volume V/F); endoxifen
//! (standing for both active metabolites) as a second chain whose "depot" is the precursor pool
//! (tamoxifen and N-desmethyltamoxifen), drained at a formation rate of days, so endoxifen
//! accumulates as the precursors do. Acts on: the estrogen-receptor signal at hypothalamus and
//! pituitary, both molecules competing with E2.

use super::Route;
use super::spec::{Action, AmountUnit, Component, DoseKind, DrugSpec, Kinetics, Molecule};
use std::f64::consts::LN_2;

/// Tamoxifen (base) / tamoxifen citrate mass ratio \[-\]: 371.5 / 563.6 g/mol.
pub const BASE_FRACTION: f64 = 371.5 / 563.6;
/// Oral absorption rate \[1/h\]. \[C\] SERMs reach Tmax in 2–4 h.
pub const ABSORPTION_PER_H: f64 = 0.7;
/// Elimination rate \[1/h\]. \[R\] t½ 5–7 d; 6 d taken.
pub const ELIMINATION_PER_H: f64 = LN_2 / (6.0 * 24.0);
/// Apparent volume \[L\]. \[C\] steady state ~120 ng/mL on 20 mg/day: CL/F 4.6 L/h.
pub const VOLUME_L: f64 = 4.6 * 144.0 / LN_2;
/// ER dissociation constant \[ng/mL\]. \[C\] chosen so 20 mg/day acts like clomiphene 25 mg/day
/// on LH, as reported in men.
pub const ER_KD_NG_ML: f64 = 60.0;
/// Intrinsic estrogenic activity at hypothalamus and pituitary \[-\]. \[C\] partial agonist.
pub const ACTIVITY: f64 = 0.2;

/// Formation of endoxifen from its precursor pool \[1/h\]. \[C\] formation-limited: endoxifen
/// follows its precursors, tamoxifen (t½ 5–7 d) and N-desmethyltamoxifen (t½ ~14 d); 10 d taken.
pub const ENDOXIFEN_FORMATION_PER_H: f64 = LN_2 / (10.0 * 24.0);
/// Endoxifen elimination \[1/h\]. \[C\] t½ of ~2.5 d when formation is not limiting.
pub const ENDOXIFEN_ELIMINATION_PER_H: f64 = LN_2 / 60.0;
/// Endoxifen apparent volume \[L\]. \[C\] only its ratio to [`ENDOXIFEN_YIELD`] matters.
pub const ENDOXIFEN_VOLUME_L: f64 = 1000.0;
/// Endoxifen reaching plasma per mg of tamoxifen base (mass, MW 373.5 vs 371.5 g/mol) \[-\].
/// \[D\] steady-state endoxifen ~20 nM (7.5 ng/mL) on 20 mg/day in extensive metabolizers
/// (Cmax 23 nM, trough 16 nM with weak CYP2D6 inhibitors, PMC4756062 table 2):
/// yield = Css · ke · V / dose rate = 0.0075 mg/L · (ln 2 / 60 h) · 1000 L / 0.549 mg/h.
pub const ENDOXIFEN_YIELD: f64 = 0.0075 * (LN_2 / 60.0) * 1000.0 / (20.0 * BASE_FRACTION / 24.0);
/// Endoxifen ER dissociation constant \[ng/mL\]. \[C\] endoxifen and 4-hydroxytamoxifen are
/// 30–100× as potent as tamoxifen (Sanchez-Spitman 2019, Expert Rev Clin Pharmacol 12:523):
/// tamoxifen's 60 ng/mL / 50.
pub const ENDOXIFEN_ER_KD_NG_ML: f64 = ER_KD_NG_ML / 50.0;

/// Endoxifen (with 4-hydroxytamoxifen) in the body: a pure antagonist at hypothalamus and
/// pituitary.
pub const ENDOXIFEN: Molecule = Molecule {
    name: "endoxifen",
    unit: AmountUnit::Mg,
    kinetics: Kinetics::Fixed {
        absorption_per_h: ENDOXIFEN_FORMATION_PER_H,
        elimination_per_h: ENDOXIFEN_ELIMINATION_PER_H,
    },
    volume_l: Some(ENDOXIFEN_VOLUME_L),
    action: Action::EstrogenReceptor {
        kd_ng_ml: ENDOXIFEN_ER_KD_NG_ML,
        intrinsic_activity: 0.0,
    },
};

/// Tamoxifen (base) in the body.
pub const TAMOXIFEN: Molecule = Molecule {
    name: "tamoxifen",
    unit: AmountUnit::Mg,
    kinetics: Kinetics::Fixed {
        absorption_per_h: ABSORPTION_PER_H,
        elimination_per_h: ELIMINATION_PER_H,
    },
    volume_l: Some(VOLUME_L),
    action: Action::EstrogenReceptor {
        kd_ng_ml: ER_KD_NG_ML,
        intrinsic_activity: ACTIVITY,
    },
};

/// The drug.
pub const SPEC: DrugSpec = DrugSpec {
    title: "tamoxifen citrate, oral (mg of citrate)",
    routes: &[Route::Oral],
    dosed_in: DoseKind::Mass,
    infusible: false,
    absorption_half_dose: None,
    components: &[
        Component {
            molecule: &TAMOXIFEN,
            fraction: BASE_FRACTION,
            bioavailability: 1.0,
            immediate_fraction: 0.0,
        },
        Component {
            molecule: &ENDOXIFEN,
            fraction: BASE_FRACTION * ENDOXIFEN_YIELD,
            bioavailability: 1.0,
            immediate_fraction: 0.0,
        },
    ],
    acts_on: "ER antagonist at hypothalamus and pituitary, mostly through its metabolite endoxifen",
};

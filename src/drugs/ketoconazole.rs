//! Ketoconazole, oral (mg): an imidazole antifungal that, at high doses, blocks the Leydig
//! cell's steroidogenic enzymes (CYP17A1's 17,20-lyase above all, and CYP11A1). Endocrine
//! studies use it as a reversible "medical castration" that leaves the hypothalamus and
//! pituitary untouched: 400 mg every 6 h lowers T to castrate levels within a day, and LH then
//! rises about threefold within days (Zwart 1997, Hayes 2001, Schnorr 2001, Pitteloud 2008).
//!
//! PK: oral one-compartment (mg). Acts on: testicular steroidogenesis, by an Imax model
//! `I = Imax·C/(IC50 + C)` on the Leydig cells' output (T, ITT and testicular E2). Its block of
//! adrenal steroidogenesis (why the studies add dexamethasone) is not modelled: the model's
//! non-testicular T is a small fixed share.

use super::Route;
use super::spec::{Action, AmountUnit, Component, DoseKind, DrugSpec, Kinetics, Molecule};
use std::f64::consts::LN_2;

/// Oral absorption rate \[1/h\]. \[C\] label: peak 1–2 h after 200 mg.
pub const ABSORPTION_PER_H: f64 = 1.2;
/// Elimination rate \[1/h\]. \[C\] between the label's half-lives, 2 h over the first 10 h and 8 h
/// after, rising with dose (Huang 1986, Antimicrob Agents Chemother 30:206): 3 h taken for the
/// 200–400 mg doses the endocrine studies repeat every 6–8 h.
pub const ELIMINATION_PER_H: f64 = LN_2 / 3.0;
/// Apparent volume \[L\]. \[D\] CL/F = 400 mg / AUC 50 µg·h/mL = 8 L/h (Baxter 1986, J Pharm
/// Sci: tablets, five volunteers) times t½ / ln 2; gives a peak of ~4 µg/mL after 200 mg
/// (label: ~3.5).
pub const VOLUME_L: f64 = 8.0 * 3.0 / LN_2;
/// Largest fraction of testicular steroidogenesis blocked \[-\]. \[F\] K1: T 524 → 32 ng/dL
/// (Zwart 1997) while LH triples.
pub const IMAX: f64 = 0.99;
/// Total plasma concentration at half the maximal block \[ng/mL\]. \[F\] K1's T (46–52 ng/dL
/// when fitted, against 32–58 published); of the order of the human adrenal C17,20-lyase IC50
/// in vitro, 2 µM ≈ 1.1 µg/mL (Engelhardt 1991, Clin Endocrinol 35:163), although plasma
/// ketoconazole is ~99 % protein-bound. Held out: after one 200 mg dose T reaches its nadir at
/// 4–5 h and is subnormal for 8–9 h (Nashan, Knuth, Weidinger & Nieschlag; abstract only, its
/// year and journal not found in what was read).
pub const IC50_NG_ML: f64 = 500.0;

/// Ketoconazole in the body.
pub const KETOCONAZOLE: Molecule = Molecule {
    name: "ketoconazole",
    unit: AmountUnit::Mg,
    kinetics: Kinetics::Fixed {
        absorption_per_h: ABSORPTION_PER_H,
        elimination_per_h: ELIMINATION_PER_H,
    },
    volume_l: Some(VOLUME_L),
    action: Action::SteroidogenesisInhibitor {
        imax: IMAX,
        ic50_ng_ml: IC50_NG_ML,
    },
};

/// The drug.
pub const SPEC: DrugSpec = DrugSpec {
    title: "ketoconazole, oral (mg)",
    routes: &[Route::Oral],
    dosed_in: DoseKind::Mass,
    infusible: false,
    absorption_half_dose: None,
    components: &[Component {
        molecule: &KETOCONAZOLE,
        fraction: 1.0,
        bioavailability: 1.0,
        immediate_fraction: 0.0,
    }],
    acts_on: "testicular steroidogenesis (CYP17A1, CYP11A1): T, ITT and testicular E2 fall, sex-steroid feedback is withdrawn",
};

//! What a drug is, as data: the [`DrugSpec`] each drug file declares, the [`Molecule`]s a dose
//! puts into the body, their [`Kinetics`], and the [`Action`] each has on the axis.
//!
//! Nothing here computes; [`super::state`] reads these descriptions to move the PK chains and
//! to turn concentrations into an [`super::Exposure`]. A drug file is one `SPEC` constant plus
//! the sourced constants it is built from.

use super::Route;

/// Everything the simulator needs to know about one drug.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DrugSpec {
    /// What the drug is, in a few words (e.g. "testosterone cypionate, IM depot").
    pub title: &'static str,
    /// Routes it can be given by; the first is the default.
    pub routes: &'static [Route],
    /// How doses are measured.
    pub dosed_in: DoseKind,
    /// Whether a continuous infusion (IV or SC pump) is possible.
    pub infusible: bool,
    /// Saturable uptake: the dose (in the drug's dose unit, mg for a mass) at which the
    /// absorbed fraction of an extravascular dose is half its low-dose value, the
    /// components' `bioavailability`: absorbed = `F · D / (1 + D / D½)`, a Michaelis–Menten
    /// uptake capped at `F · D½` per dose (a gel spread over a bounded skin area). `None`:
    /// the absorbed fraction does not depend on the dose.
    pub absorption_half_dose: Option<f64>,
    /// The molecules one unit of dose puts into the body.
    pub components: &'static [Component],
    /// Where it acts, in a sentence (shown by the examples' mechanism tables).
    pub acts_on: &'static str,
}

/// The kind of unit a drug is dosed in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DoseKind {
    /// A mass: `mg` or `ug`.
    Mass,
    /// International units (`IU`): biological activity, for hCG and FSH.
    InternationalUnits,
}

impl DoseKind {
    /// The units a protocol may write, for error messages.
    pub fn units_text(self) -> &'static str {
        match self {
            DoseKind::Mass => "mg or ug",
            DoseKind::InternationalUnits => "IU",
        }
    }
}

/// One molecule a dose delivers, and how much of it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Component {
    /// The molecule.
    pub molecule: &'static Molecule,
    /// Amount of the molecule per unit of the drug dosed, in the molecule's own unit per unit
    /// dosed (after converting the dose to that unit): a molar-mass ratio for salts and esters,
    /// an isomer share for mixtures \[-\].
    pub fraction: f64,
    /// Fraction of an extravascular dose (SC, IM, oral) that reaches the chain's depot \[-\].
    /// An IV dose enters the central compartment whole.
    pub bioavailability: f64,
    /// Share of what an extravascular dose delivers that enters the central compartment at
    /// once rather than the depot: the initial burst of a depot formulation \[-\]; 0 for most.
    pub immediate_fraction: f64,
}

/// The unit a molecule's PK chain counts amounts in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AmountUnit {
    /// Milligrams.
    Mg,
    /// Micrograms.
    Ug,
    /// International units.
    Iu,
}

/// A circulating molecule: its first-order PK chain (`depot → central → out`) and its action.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Molecule {
    /// Its name (also the name [`super::Exposure::concentration`] answers to).
    pub name: &'static str,
    /// The unit its chain counts in.
    pub unit: AmountUnit,
    /// Absorption and elimination.
    pub kinetics: Kinetics,
    /// Apparent volume of the central compartment \[L\], for a concentration read-out; `None`
    /// where the central compartment is not plasma (the second stage of an ester depot).
    pub volume_l: Option<f64>,
    /// What it does.
    pub action: Action,
}

/// How a molecule's chain moves: first-order rates, the patient's GnRH kinetics, or a
/// zero-order depot.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Kinetics {
    /// Fixed rates \[1/h\].
    Fixed {
        /// Depot → central (absorption, or depot release) \[1/h\].
        absorption_per_h: f64,
        /// Central → out (elimination, or the second depot stage's release) \[1/h\].
        elimination_per_h: f64,
    },
    /// The patient's own GnRH kinetics (half-life and SC absorption are patient parameters):
    /// the chain is shared with the endogenous pulses.
    PatientGnrh,
    /// A depot that releases at a constant rate (zero order: polymer microspheres) until it
    /// holds `release_per_h × τ`, then first-order with time constant `τ` (the tail: the last
    /// microspheres erode), into a central compartment eliminated first-order. The release,
    /// `min(R, store / τ)`, is continuous. A depot given while another still releases adds to
    /// the same store, released the same way.
    ZeroOrderDepot {
        /// Release into the central compartment in the zero-order phase (amount/h).
        release_per_h: f64,
        /// Half-life of the tail \[h\] (`τ · ln 2`); 0: no tail, the release stops when the
        /// store is empty.
        tail_half_life_h: f64,
        /// Central → out \[1/h\].
        elimination_per_h: f64,
    },
}

/// What a molecule in the central compartment does to the axis.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Action {
    /// Leaves the central compartment into serum testosterone: the chain's outflow, in mg/h of
    /// testosterone, adds to serum T production.
    SerumTestosterone,
    /// Binds the estrogen receptor at hypothalamus and pituitary in competition with E2.
    EstrogenReceptor {
        /// Concentration giving half occupancy against no E2 \[ng/mL\].
        kd_ng_ml: f64,
        /// Intrinsic estrogenic activity: 0 a pure antagonist, 1 a full agonist \[-\].
        intrinsic_activity: f64,
    },
    /// Inhibits aromatase, peripheral and testicular: `I = Imax · C / (IC50 + C)`.
    AromataseInhibitor {
        /// Largest fraction of aromatase activity it can block \[-\].
        imax: f64,
        /// Concentration at half the maximal block \[ng/mL\].
        ic50_ng_ml: f64,
    },
    /// Inhibits testicular steroidogenesis (the Leydig cell's CYP17A1 and CYP11A1):
    /// `I = Imax · C / (IC50 + C)` of the Leydig cells' output of T (and with it of ITT and
    /// testicular E2) is lost while the drug is there.
    SteroidogenesisInhibitor {
        /// Largest fraction of testicular steroidogenesis it can block \[-\].
        imax: f64,
        /// Concentration at half the maximal block \[ng/mL\].
        ic50_ng_ml: f64,
    },
    /// Binds the Leydig-cell LH receptor like LH.
    LhReceptorAgonist {
        /// LH-equivalent stimulation per unit of serum concentration: IU/L of LH per IU/L \[-\].
        lh_equivalents_per_iu: f64,
        /// Induction of steroidogenic enzymes per LH-equivalent, relative to LH's own \[-\]:
        /// the same receptor occupancy can signal differently (hCG favours cAMP/PKA, LH
        /// ERK/AKT; Casarini 2012).
        steroidogenic_efficacy: f64,
    },
    /// Is GnRH: adds to the circulating GnRH the pituitary receptor sees.
    Gnrh,
    /// Is FSH: its serum concentration (IU/L) adds to the man's own at the Sertoli receptor
    /// and in the measured FSH.
    FshReceptorAgonist,
    /// Binds and activates the pituitary GnRH receptor like GnRH: each ng/mL acts as
    /// `gnrh_equivalents` ng/mL of GnRH (a superagonist's higher affinity and longer stay).
    GnrhAgonist {
        /// GnRH-equivalent concentration per unit of concentration \[-\].
        gnrh_equivalents: f64,
    },
    /// Binds the pituitary GnRH receptor without activating it, competing with GnRH: the GnRH
    /// a given occupancy needs rises by `1 + Σ C / Ki`.
    GnrhAntagonist {
        /// Concentration at which it doubles the GnRH needed \[ng/mL\].
        ki_ng_ml: f64,
    },
}

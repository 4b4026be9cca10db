//! Drug constants as named patient parameters: every PK rate, volume, bioavailability and
//! potency a drug file declares can be read, overridden and varied between men under a dotted
//! name (`hcg.clearance_l_per_d`, `anastrozole.ic50_ng_ml`, `testosterone_cypionate.bioavailability`).
//!
//! The list is derived from the registry ([`super::Drug::ALL`]), so a new drug file brings its
//! parameters with it. Molecules own their kinetics and actions (named by the molecule, e.g.
//! `zuclomiphene.clearance_l_per_d`; a molecule two drugs deliver has one set); drugs own their
//! bioavailability (`<drug>.bioavailability`, the fraction of an extravascular dose that reaches
//! the depot; for a drug with saturable uptake, the gel, the fraction of a dose far below
//! `<drug>.absorption_half_dose`). The default of each parameter is the value in the drug's file, where its unit and
//! source are documented; [`DrugParameter::source`] points there. Each name is allocated once,
//! for the life of the program (the table is a static).
//!
//! Parameterisation, as population PK models write it: a molecule with a plasma volume has
//! `absorption_half_life_h`, `clearance_l_per_d` and `volume_l` (elimination rate = CL / V); a
//! depot stage without one (the testosterone esters' second stage) has `absorption_half_life_h`
//! and `release_half_life_h`.
//!
//! ```
//! use hpg::{Params, Patient, Preset};
//! let p = Patient::new(Preset::Healthy).with("hcg.clearance_l_per_d", 5.0).params()?;
//! assert_eq!(p.get("hcg.clearance_l_per_d"), Some(5.0));
//! assert!((Params::healthy().get("hcg.volume_l").unwrap() - 6.5).abs() < 1e-12);
//! assert!(Params::names().any(|n| n == "anastrozole.ic50_ng_ml"));
//! # Ok::<(), hpg::HpgError>(())
//! ```

use super::spec::{Action, AmountUnit, Kinetics, Molecule};
use super::state::{FIRST_OF_MOLECULE, SLOT_MOLECULE, SLOTS};
use super::{Drug, SPECS};
use serde::de::{MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::f64::consts::LN_2;
use std::fmt;
use std::sync::LazyLock;

/// One overridable drug constant.
#[derive(Debug, Clone, PartialEq)]
pub struct DrugParameter {
    /// Its dotted name, `<molecule or drug>.<quantity>_<unit>`.
    pub name: &'static str,
    /// Its unit (`h`, `L/d`, `L`, `ng/mL`, `-`, …).
    pub unit: &'static str,
    /// What it is, in a few words.
    pub meaning: &'static str,
    /// The valid closed range.
    pub min: f64,
    /// The valid closed range.
    pub max: f64,
    /// The value in the drug's file.
    pub default: f64,
    /// The drug whose file declares it (the first drug delivering the molecule).
    pub drug: Drug,
    /// What it sets.
    pub(crate) target: Target,
}

/// What a drug parameter sets: a molecule's quantity (by its first slot) or a drug's.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Target {
    AbsorptionHalfLife(usize),
    Clearance(usize),
    Volume(usize),
    ReleaseHalfLife(usize),
    Bioavailability(Drug),
    ErKd(usize),
    IntrinsicActivity(usize),
    Imax(usize),
    Ic50(usize),
    LhEquivalents(usize),
    SteroidogenicEfficacy(usize),
    Ki(usize),
    GnrhEquivalents(usize),
    ImmediateFraction(Drug),
    AbsorptionHalfDose(Drug),
    ZeroOrderRelease(usize),
    ZeroOrderTail(usize),
}

impl Target {
    /// The first slot of the molecule a molecule's quantity belongs to (0 for a drug's).
    pub(crate) fn slot(self) -> usize {
        match self {
            Target::AbsorptionHalfLife(s)
            | Target::Clearance(s)
            | Target::Volume(s)
            | Target::ReleaseHalfLife(s)
            | Target::ErKd(s)
            | Target::IntrinsicActivity(s)
            | Target::Imax(s)
            | Target::Ic50(s)
            | Target::LhEquivalents(s)
            | Target::SteroidogenicEfficacy(s)
            | Target::Ki(s)
            | Target::ZeroOrderRelease(s)
            | Target::ZeroOrderTail(s)
            | Target::GnrhEquivalents(s) => s,
            Target::Bioavailability(_)
            | Target::ImmediateFraction(_)
            | Target::AbsorptionHalfDose(_) => 0,
        }
    }
}

fn leak(text: String) -> &'static str {
    Box::leak(text.into_boxed_str())
}

/// The drug whose file declares a molecule (the first drug delivering it).
fn drug_of(slot: usize) -> Drug {
    let mut s = 0;
    for (d, spec) in SPECS.iter().enumerate() {
        s += spec.components.len();
        if slot < s {
            return Drug::ALL[d];
        }
    }
    unreachable!("slot {slot} is in the registry")
}

/// Every drug parameter, built once from the registry.
static TABLE: LazyLock<Vec<DrugParameter>> = LazyLock::new(build_table);

fn build_table() -> Vec<DrugParameter> {
    let mut table = Vec::new();
    let mut add = |owner: &str,
                   quantity: &str,
                   unit: &'static str,
                   meaning: &'static str,
                   (min, max): (f64, f64),
                   default: f64,
                   drug: Drug,
                   target: Target| {
        table.push(DrugParameter {
            name: leak(format!("{owner}.{quantity}")),
            unit,
            meaning,
            min,
            max,
            default,
            drug,
            target,
        })
    };
    const HALF_LIFE: (f64, f64) = (1e-3, 1e6);
    for slot in 0..SLOTS {
        if FIRST_OF_MOLECULE[slot] != slot {
            continue;
        }
        let m: &Molecule = SLOT_MOLECULE[slot];
        let drug = drug_of(slot);
        // The first stage's constant, then the central compartment's clearance and volume
        // (or, for an ester's second depot stage, its release).
        let elimination = match m.kinetics {
            Kinetics::Fixed {
                absorption_per_h,
                elimination_per_h,
            } => {
                add(
                    m.name,
                    "absorption_half_life_h",
                    "h",
                    "half-life of the first stage (absorption, depot release or formation)",
                    HALF_LIFE,
                    LN_2 / absorption_per_h,
                    drug,
                    Target::AbsorptionHalfLife(slot),
                );
                Some(elimination_per_h)
            }
            Kinetics::ZeroOrderDepot {
                release_per_h,
                tail_half_life_h,
                elimination_per_h,
            } => {
                let unit = match m.unit {
                    AmountUnit::Mg => "mg/d",
                    AmountUnit::Ug => "ug/d",
                    AmountUnit::Iu => "IU/d",
                };
                add(
                    m.name,
                    "release_per_d",
                    unit,
                    "release of the zero-order depot in its zero-order phase",
                    (1e-9, 1e9),
                    release_per_h * 24.0,
                    drug,
                    Target::ZeroOrderRelease(slot),
                );
                add(
                    m.name,
                    "tail_half_life_d",
                    "d",
                    "half-life of the depot's first-order tail once its zero-order phase ends (0: none)",
                    (0.0, 1e4),
                    tail_half_life_h / 24.0,
                    drug,
                    Target::ZeroOrderTail(slot),
                );
                Some(elimination_per_h)
            }
            Kinetics::PatientGnrh => None,
        };
        if let Some(elimination_per_h) = elimination {
            match m.volume_l {
                Some(v) => {
                    add(
                        m.name,
                        "clearance_l_per_d",
                        "L/d",
                        "clearance from plasma (apparent, CL/F, for oral drugs)",
                        (1e-6, 1e8),
                        elimination_per_h * v * 24.0,
                        drug,
                        Target::Clearance(slot),
                    );
                    add(
                        m.name,
                        "volume_l",
                        "L",
                        "volume of distribution (apparent, V/F, for oral drugs)",
                        (1e-6, 1e8),
                        v,
                        drug,
                        Target::Volume(slot),
                    );
                }
                None => add(
                    m.name,
                    "release_half_life_h",
                    "h",
                    "half-life of the second depot stage's release into serum",
                    HALF_LIFE,
                    LN_2 / elimination_per_h,
                    drug,
                    Target::ReleaseHalfLife(slot),
                ),
            }
        }
        match m.action {
            Action::EstrogenReceptor {
                kd_ng_ml,
                intrinsic_activity,
            } => {
                add(
                    m.name,
                    "er_kd_ng_ml",
                    "ng/mL",
                    "concentration half-occupying the estrogen receptor",
                    (1e-9, 1e9),
                    kd_ng_ml,
                    drug,
                    Target::ErKd(slot),
                );
                add(
                    m.name,
                    "intrinsic_activity",
                    "-",
                    "estrogenic activity at the receptor (0 antagonist, 1 full agonist)",
                    (0.0, 1.0),
                    intrinsic_activity,
                    drug,
                    Target::IntrinsicActivity(slot),
                );
            }
            Action::AromataseInhibitor { imax, ic50_ng_ml }
            | Action::SteroidogenesisInhibitor { imax, ic50_ng_ml } => {
                let blocked = if matches!(m.action, Action::AromataseInhibitor { .. }) {
                    "largest fraction of aromatase activity blocked"
                } else {
                    "largest fraction of testicular steroidogenesis blocked"
                };
                add(
                    m.name,
                    "imax",
                    "-",
                    blocked,
                    (0.0, 1.0),
                    imax,
                    drug,
                    Target::Imax(slot),
                );
                add(
                    m.name,
                    "ic50_ng_ml",
                    "ng/mL",
                    "concentration at half the maximal block",
                    (1e-9, 1e9),
                    ic50_ng_ml,
                    drug,
                    Target::Ic50(slot),
                );
            }
            Action::LhReceptorAgonist {
                lh_equivalents_per_iu,
                steroidogenic_efficacy,
            } => {
                add(
                    m.name,
                    "lh_equivalents_per_iu",
                    "-",
                    "IU/L of LH one IU/L acts like at the Leydig receptor",
                    (0.0, 1e3),
                    lh_equivalents_per_iu,
                    drug,
                    Target::LhEquivalents(slot),
                );
                add(
                    m.name,
                    "steroidogenic_efficacy",
                    "-",
                    "induction of steroidogenic enzymes per LH-equivalent, relative to LH's",
                    (0.0, 1e3),
                    steroidogenic_efficacy,
                    drug,
                    Target::SteroidogenicEfficacy(slot),
                );
            }
            Action::GnrhAntagonist { ki_ng_ml } => add(
                m.name,
                "ki_ng_ml",
                "ng/mL",
                "concentration doubling the GnRH a given receptor occupancy needs",
                (1e-9, 1e9),
                ki_ng_ml,
                drug,
                Target::Ki(slot),
            ),
            Action::GnrhAgonist { gnrh_equivalents } => add(
                m.name,
                "gnrh_equivalents",
                "-",
                "GnRH-equivalent concentration at the pituitary receptor per unit concentration",
                (0.0, 1e6),
                gnrh_equivalents,
                drug,
                Target::GnrhEquivalents(slot),
            ),
            Action::SerumTestosterone | Action::Gnrh | Action::FshReceptorAgonist => {}
        }
    }
    for drug in Drug::ALL {
        let spec = drug.spec();
        if spec.routes.iter().all(|r| matches!(r, super::Route::Iv)) {
            continue;
        }
        add(
            drug.name(),
            "bioavailability",
            "-",
            "fraction of an extravascular dose reaching the depot (low-dose value if uptake saturates)",
            (1e-6, 1.0),
            spec.components[0].bioavailability,
            drug,
            Target::Bioavailability(drug),
        );
        if let Some(half_dose) = spec.absorption_half_dose {
            let unit = match spec.dosed_in {
                super::spec::DoseKind::Mass => "mg",
                super::spec::DoseKind::InternationalUnits => "IU",
            };
            add(
                drug.name(),
                "absorption_half_dose",
                unit,
                "dose at which the absorbed fraction halves (saturable uptake)",
                (1e-6, 1e9),
                half_dose,
                drug,
                Target::AbsorptionHalfDose(drug),
            );
        }
        let burst = spec.components[0].immediate_fraction;
        if burst > 0.0 {
            add(
                drug.name(),
                "immediate_fraction",
                "-",
                "share of a depot dose entering plasma at once (the initial burst)",
                (0.0, 1.0),
                burst,
                drug,
                Target::ImmediateFraction(drug),
            );
        }
    }
    table
}

impl DrugParameter {
    /// Every drug parameter, molecules' first (in registry order), then each drug's
    /// bioavailability and, for depot formulations, its initial burst.
    pub fn all() -> &'static [DrugParameter] {
        &TABLE
    }

    /// Where the default and its source are documented: `src/drugs/<drug>.rs`.
    pub fn source(&self) -> String {
        format!("src/drugs/{}.rs", self.drug.name())
    }

    /// The parameter called `name`.
    pub fn find(name: &str) -> Option<(usize, &'static DrugParameter)> {
        TABLE.iter().enumerate().find(|(_, p)| p.name == name)
    }
}

/// A man's values of every drug parameter, in [`DrugParameter::all`] order. Lives in
/// [`crate::Params`] (its field `drugs`); reached by name through [`crate::Params::get`] and
/// [`crate::Params::set`].
#[derive(Debug, Clone, PartialEq)]
pub struct DrugParams {
    values: Vec<f64>,
}

impl Default for DrugParams {
    fn default() -> Self {
        DrugParams {
            values: TABLE.iter().map(|p| p.default).collect(),
        }
    }
}

impl DrugParams {
    /// The value of the parameter called `name`.
    pub fn get(&self, name: &str) -> Option<f64> {
        DrugParameter::find(name).map(|(i, _)| self.values[i])
    }

    /// The value slot of the parameter called `name`.
    pub(crate) fn slot(&mut self, name: &str) -> Option<&mut f64> {
        DrugParameter::find(name).map(|(i, _)| &mut self.values[i])
    }

    /// The valid range of the parameter called `name`.
    pub fn range(name: &str) -> Option<(f64, f64)> {
        DrugParameter::find(name).map(|(_, p)| (p.min, p.max))
    }

    /// Each parameter with its value.
    pub(crate) fn iter(&self) -> impl Iterator<Item = (&'static DrugParameter, f64)> + '_ {
        TABLE.iter().zip(self.values.iter().copied())
    }
}

impl Serialize for DrugParams {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.values.len()))?;
        for (p, v) in self.iter() {
            map.serialize_entry(p.name, &v)?;
        }
        map.end()
    }
}

impl<'de> Deserialize<'de> for DrugParams {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct DrugParamsVisitor;
        impl<'de> Visitor<'de> for DrugParamsVisitor {
            type Value = DrugParams;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an object of drug parameter names and numbers")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<DrugParams, A::Error> {
                let mut params = DrugParams::default();
                while let Some(name) = map.next_key::<String>()? {
                    let value: f64 = map.next_value()?;
                    let slot = params.slot(&name).ok_or_else(|| {
                        serde::de::Error::custom(format_args!("unknown drug parameter `{name}`"))
                    })?;
                    *slot = value;
                }
                Ok(params)
            }
        }
        deserializer.deserialize_map(DrugParamsVisitor)
    }
}

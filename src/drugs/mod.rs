//! The drug library: which drugs exist, their routes and units, how a dose enters their PK
//! chains, and what their concentrations do to the axis at a given instant.
//!
//! Every drug's PK is linear, so it is solved exactly ([`chain::Chain`]) between breakpoints and
//! never integrated numerically. The physiology sees drugs only through [`Exposure`].

pub mod aromatase;
pub mod chain;
pub mod gonadorelin;
pub mod hcg;
pub mod serm;
pub mod testosterone;

use crate::error::{HpgError, Result};
use crate::model::params::Params;
use crate::units::{Dose, DoseUnit, InfusionRate};
use chain::Chain;
use serde::{Deserialize, Serialize};
use std::f64::consts::LN_2;
use std::fmt;
use std::str::FromStr;

/// A drug the simulator knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Drug {
    /// Testosterone cypionate, IM depot (dose in mg of ester).
    TestosteroneCypionate,
    /// Testosterone enanthate, IM depot (dose in mg of ester).
    TestosteroneEnanthate,
    /// Clomiphene citrate, oral (mg of citrate; 62 % enclomiphene, 38 % zuclomiphene).
    ClomipheneCitrate,
    /// Enclomiphene citrate, oral (mg of citrate).
    Enclomiphene,
    /// Tamoxifen citrate, oral (mg of citrate).
    Tamoxifen,
    /// Gonadorelin (GnRH), IV or SC (ug).
    Gonadorelin,
    /// Anastrozole, oral (mg).
    Anastrozole,
    /// Letrozole, oral (mg).
    Letrozole,
    /// Human chorionic gonadotropin, SC/IM/IV (IU).
    Hcg,
}

impl Drug {
    /// All drugs, in a fixed order.
    pub const ALL: [Drug; 9] = [
        Drug::TestosteroneCypionate,
        Drug::TestosteroneEnanthate,
        Drug::ClomipheneCitrate,
        Drug::Enclomiphene,
        Drug::Tamoxifen,
        Drug::Gonadorelin,
        Drug::Anastrozole,
        Drug::Letrozole,
        Drug::Hcg,
    ];

    /// The protocol name (`snake_case`).
    pub fn name(self) -> &'static str {
        match self {
            Drug::TestosteroneCypionate => "testosterone_cypionate",
            Drug::TestosteroneEnanthate => "testosterone_enanthate",
            Drug::ClomipheneCitrate => "clomiphene_citrate",
            Drug::Enclomiphene => "enclomiphene",
            Drug::Tamoxifen => "tamoxifen",
            Drug::Gonadorelin => "gonadorelin",
            Drug::Anastrozole => "anastrozole",
            Drug::Letrozole => "letrozole",
            Drug::Hcg => "hcg",
        }
    }

    /// Routes this drug can be given by; the first is the default.
    pub fn routes(self) -> &'static [Route] {
        match self {
            Drug::TestosteroneCypionate | Drug::TestosteroneEnanthate => &[Route::Im],
            Drug::ClomipheneCitrate
            | Drug::Enclomiphene
            | Drug::Tamoxifen
            | Drug::Anastrozole
            | Drug::Letrozole => &[Route::Oral],
            Drug::Gonadorelin => &[Route::Sc, Route::Iv],
            Drug::Hcg => &[Route::Sc, Route::Im, Route::Iv],
        }
    }

    /// The default route.
    pub fn default_route(self) -> Route {
        self.routes()[0]
    }

    /// Whether a dose unit fits this drug (mass for everything but hCG, IU for hCG).
    pub fn accepts(self, unit: DoseUnit) -> bool {
        match self {
            Drug::Hcg => unit == DoseUnit::Iu,
            _ => unit != DoseUnit::Iu,
        }
    }

    fn units_text(self) -> &'static str {
        match self {
            Drug::Hcg => "IU",
            _ => "mg or ug",
        }
    }

    /// Checks that `route` and `unit` fit this drug. A wrong route is reported under the field
    /// `route`, a wrong unit under `unit_field` (`dose` or `infusion`); the message names the
    /// drug and what it takes.
    pub fn check(self, route: Route, unit: DoseUnit, unit_field: &str) -> Result<()> {
        if !self.routes().contains(&route) {
            let list: Vec<String> = self.routes().iter().map(|r| r.to_string()).collect();
            return Err(HpgError::InvalidInput {
                field: "route".to_string(),
                message: format!(
                    "{} cannot be given {route}; routes: {}",
                    self.name(),
                    list.join(", ")
                ),
            });
        }
        if !self.accepts(unit) {
            return Err(HpgError::InvalidInput {
                field: unit_field.to_string(),
                message: format!(
                    "{} is dosed in {}, not {unit}",
                    self.name(),
                    self.units_text()
                ),
            });
        }
        Ok(())
    }

    /// Whether a continuous infusion by `route` is possible (IV or SC pumps of gonadorelin
    /// and hCG).
    pub fn can_infuse(self, route: Route) -> bool {
        matches!(self, Drug::Gonadorelin | Drug::Hcg) && matches!(route, Route::Iv | Route::Sc)
    }
}

impl fmt::Display for Drug {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Drug {
    type Err = HpgError;
    fn from_str(s: &str) -> Result<Self> {
        Drug::ALL
            .into_iter()
            .find(|d| d.name() == s)
            .ok_or_else(|| HpgError::InvalidInput {
                field: "drug".into(),
                message: format!(
                    "unknown drug `{s}` (expected one of: {})",
                    Drug::ALL.map(Drug::name).join(", ")
                ),
            })
    }
}

/// Route of administration.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Route {
    /// Intravenous.
    Iv,
    /// Subcutaneous.
    Sc,
    /// Intramuscular.
    Im,
    /// By mouth.
    Oral,
}

impl fmt::Display for Route {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Route::Iv => "iv",
            Route::Sc => "sc",
            Route::Im => "im",
            Route::Oral => "oral",
        })
    }
}

impl FromStr for Route {
    type Err = HpgError;
    fn from_str(s: &str) -> Result<Self> {
        match s {
            "iv" => Ok(Route::Iv),
            "sc" => Ok(Route::Sc),
            "im" => Ok(Route::Im),
            "oral" => Ok(Route::Oral),
            _ => Err(HpgError::InvalidInput {
                field: "route".into(),
                message: format!("unknown route `{s}` (expected iv, sc, im or oral)"),
            }),
        }
    }
}

/// The PK species tracked, each one [`Chain`]. `GNRH` carries endogenous pulses too.
pub(crate) mod species {
    pub const GNRH: usize = 0;
    pub const ENANTHATE: usize = 1;
    pub const CYPIONATE: usize = 2;
    pub const ENCLOMIPHENE: usize = 3;
    pub const ZUCLOMIPHENE: usize = 4;
    pub const TAMOXIFEN: usize = 5;
    pub const ANASTROZOLE: usize = 6;
    pub const LETROZOLE: usize = 7;
    pub const HCG: usize = 8;
    pub const COUNT: usize = 9;
}

/// Absorption and elimination rates of every species \[1/h\], fixed for a patient.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub(crate) struct Rates {
    pub ka: [f64; species::COUNT],
    pub ke: [f64; species::COUNT],
}

impl Rates {
    pub fn new(p: &Params) -> Self {
        use species::*;
        let mut ka = [0.0; COUNT];
        let mut ke = [0.0; COUNT];
        ka[GNRH] = LN_2 / (p.gnrh_sc_absorption_half_life_min / 60.0);
        ke[GNRH] = LN_2 / (p.gnrh_half_life_min / 60.0);
        ka[ENANTHATE] = testosterone::DEPOT_RELEASE_PER_H;
        ke[ENANTHATE] = testosterone::ENANTHATE_ABSORPTION_PER_H;
        ka[CYPIONATE] = testosterone::DEPOT_RELEASE_PER_H;
        ke[CYPIONATE] = testosterone::CYPIONATE_ABSORPTION_PER_H;
        for s in [ENCLOMIPHENE, ZUCLOMIPHENE, TAMOXIFEN] {
            ka[s] = serm::ABSORPTION_PER_H;
        }
        ke[ENCLOMIPHENE] = serm::ENCLOMIPHENE_ELIMINATION_PER_H;
        ke[ZUCLOMIPHENE] = serm::ZUCLOMIPHENE_ELIMINATION_PER_H;
        ke[TAMOXIFEN] = serm::TAMOXIFEN_ELIMINATION_PER_H;
        ka[ANASTROZOLE] = aromatase::ABSORPTION_PER_H;
        ka[LETROZOLE] = aromatase::ABSORPTION_PER_H;
        ke[ANASTROZOLE] = aromatase::ANASTROZOLE_ELIMINATION_PER_H;
        ke[LETROZOLE] = aromatase::LETROZOLE_ELIMINATION_PER_H;
        ka[HCG] = hcg::ABSORPTION_PER_H;
        ke[HCG] = hcg::ELIMINATION_PER_H;
        Rates { ka, ke }
    }
}

/// Where one unit of a drug goes: (species, into the depot?, amount per unit dosed).
fn targets(drug: Drug, route: Route) -> &'static [(usize, bool, f64)] {
    use species::*;
    const TC: f64 = testosterone::CYPIONATE_T_FRACTION * testosterone::ESTER_BIOAVAILABILITY;
    const TE: f64 = testosterone::ENANTHATE_T_FRACTION * testosterone::ESTER_BIOAVAILABILITY;
    const CLO_EN: f64 = serm::CLOMIPHENE_BASE_FRACTION * serm::ENCLOMIPHENE_SHARE;
    const CLO_ZU: f64 = serm::CLOMIPHENE_BASE_FRACTION * (1.0 - serm::ENCLOMIPHENE_SHARE);
    match (drug, route) {
        (Drug::TestosteroneCypionate, _) => &[(CYPIONATE, true, TC)],
        (Drug::TestosteroneEnanthate, _) => &[(ENANTHATE, true, TE)],
        (Drug::ClomipheneCitrate, _) => {
            &[(ENCLOMIPHENE, true, CLO_EN), (ZUCLOMIPHENE, true, CLO_ZU)]
        }
        (Drug::Enclomiphene, _) => &[(ENCLOMIPHENE, true, serm::CLOMIPHENE_BASE_FRACTION)],
        (Drug::Tamoxifen, _) => &[(TAMOXIFEN, true, serm::TAMOXIFEN_BASE_FRACTION)],
        (Drug::Anastrozole, _) => &[(ANASTROZOLE, true, 1.0)],
        (Drug::Letrozole, _) => &[(LETROZOLE, true, 1.0)],
        (Drug::Gonadorelin, Route::Iv) => &[(GNRH, false, 1.0)],
        (Drug::Gonadorelin, _) => &[(GNRH, true, gonadorelin::SC_BIOAVAILABILITY)],
        (Drug::Hcg, Route::Iv) => &[(HCG, false, 1.0)],
        (Drug::Hcg, _) => &[(HCG, true, hcg::BIOAVAILABILITY)],
    }
}

/// Amount of a dose in the species' unit: mg for esters, SERMs and AIs, ug for gonadorelin,
/// IU for hCG.
fn species_amount(drug: Drug, dose_amount: f64, unit: DoseUnit) -> f64 {
    let ug = match unit {
        DoseUnit::Mg => dose_amount * 1000.0,
        DoseUnit::Ug => dose_amount,
        DoseUnit::Iu => return dose_amount,
    };
    match drug {
        Drug::Gonadorelin => ug,
        _ => ug / 1000.0,
    }
}

/// The PK state of every species at the start of the current segment.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub(crate) struct DrugState {
    pub chains: [Chain; species::COUNT],
}

impl DrugState {
    /// Adds a dose (already checked against the drug's units and routes).
    pub fn give(&mut self, drug: Drug, route: Route, dose: Dose) {
        let amount = species_amount(drug, dose.amount, dose.unit);
        for &(s, into_depot, factor) in targets(drug, route) {
            if into_depot {
                self.chains[s].depot += amount * factor;
            } else {
                self.chains[s].central += amount * factor;
            }
        }
    }

    /// Changes a continuous input by `delta` (positive at an infusion start, negative at its end).
    pub fn change_infusion(&mut self, drug: Drug, route: Route, rate: InfusionRate, sign: f64) {
        let amount = species_amount(drug, rate.per_hour, rate.unit) * sign;
        for &(s, into_depot, factor) in targets(drug, route) {
            let input = if into_depot {
                &mut self.chains[s].depot_input
            } else {
                &mut self.chains[s].central_input
            };
            *input += amount * factor;
            // Cancel the rounding residue when the last infusion ends.
            if input.abs() < 1e-12 * (amount.abs() + 1.0) {
                *input = 0.0;
            }
        }
    }

    /// Whether no drug is left to speak of: every chain below 1e-9 of its unit (mg, ug or IU)
    /// and no infusion running. The axis then evolves on its own (an autonomous ODE).
    pub fn is_negligible(&self) -> bool {
        self.chains.iter().all(|c| {
            c.depot.abs() < 1e-9
                && c.central.abs() < 1e-9
                && c.depot_input == 0.0
                && c.central_input == 0.0
        })
    }

    /// Moves every chain forward by `t` hours.
    pub fn advance(&mut self, rates: &Rates, t: f64) {
        for (s, chain) in self.chains.iter_mut().enumerate() {
            if !chain.is_empty() {
                chain.advance(rates.ka[s], rates.ke[s], t);
            }
        }
    }

    /// Central amount of species `s`, `t` hours into the segment.
    #[inline]
    pub fn central_at(&self, rates: &Rates, s: usize, t: f64) -> f64 {
        let chain = &self.chains[s];
        if chain.is_empty() {
            0.0
        } else {
            chain.central_at(rates.ka[s], rates.ke[s], t)
        }
    }

    /// What the drugs do to the axis `t` hours into the segment (GnRH excluded: the model
    /// reads it itself because endogenous pulses share the chain).
    #[inline]
    pub fn exposure_at(&self, rates: &Rates, t: f64) -> Exposure {
        use species::*;
        let c = |s| self.central_at(rates, s, t);
        let te = c(ENANTHATE);
        let tc = c(CYPIONATE);
        let exogenous_t_ug_h = 1000.0 * (rates.ke[ENANTHATE] * te + rates.ke[CYPIONATE] * tc);
        // mg / L = 1000 ng/mL.
        let ana = 1000.0 * c(ANASTROZOLE) / aromatase::ANASTROZOLE_VOLUME_L;
        let letro = 1000.0 * c(LETROZOLE) / aromatase::LETROZOLE_VOLUME_L;
        let keep_a =
            1.0 - aromatase::ANASTROZOLE_IMAX * ana / (aromatase::ANASTROZOLE_IC50_NG_ML + ana);
        let keep_l =
            1.0 - aromatase::LETROZOLE_IMAX * letro / (aromatase::LETROZOLE_IC50_NG_ML + letro);
        Exposure {
            exogenous_t_ug_h,
            gnrh_pg_ml: 0.0,
            hcg_iu_l: c(HCG) / hcg::VOLUME_L,
            anastrozole_ng_ml: ana,
            letrozole_ng_ml: letro,
            aromatase_remaining: keep_a * keep_l,
            enclomiphene_ng_ml: 1000.0 * c(ENCLOMIPHENE) / serm::ENCLOMIPHENE_VOLUME_L,
            zuclomiphene_ng_ml: 1000.0 * c(ZUCLOMIPHENE) / serm::ZUCLOMIPHENE_VOLUME_L,
            tamoxifen_ng_ml: 1000.0 * c(TAMOXIFEN) / serm::TAMOXIFEN_VOLUME_L,
        }
    }
}

/// Drug effects at one instant, as the physiology reads them. The default is "no drugs".
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Exposure {
    /// Testosterone entering serum from IM ester depots \[ug/h\].
    pub exogenous_t_ug_h: f64,
    /// Circulating GnRH, endogenous pulses and gonadorelin together \[pg/mL\]. Filled in by
    /// [`crate::Simulation::exposure`]; zero where only drugs are read.
    pub gnrh_pg_ml: f64,
    /// Serum hCG \[IU/L\].
    pub hcg_iu_l: f64,
    /// Serum anastrozole \[ng/mL\].
    pub anastrozole_ng_ml: f64,
    /// Serum letrozole \[ng/mL\].
    pub letrozole_ng_ml: f64,
    /// Fraction of peripheral aromatase activity left by aromatase inhibitors \[-\].
    pub aromatase_remaining: f64,
    /// Serum enclomiphene \[ng/mL\].
    pub enclomiphene_ng_ml: f64,
    /// Serum zuclomiphene \[ng/mL\].
    pub zuclomiphene_ng_ml: f64,
    /// Serum tamoxifen \[ng/mL\].
    pub tamoxifen_ng_ml: f64,
}

impl Default for Exposure {
    fn default() -> Self {
        Exposure {
            exogenous_t_ug_h: 0.0,
            gnrh_pg_ml: 0.0,
            hcg_iu_l: 0.0,
            anastrozole_ng_ml: 0.0,
            letrozole_ng_ml: 0.0,
            aromatase_remaining: 1.0,
            enclomiphene_ng_ml: 0.0,
            zuclomiphene_ng_ml: 0.0,
            tamoxifen_ng_ml: 0.0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drug_names_round_trip() {
        for d in Drug::ALL {
            assert_eq!(d.name().parse::<Drug>().unwrap(), d);
        }
        assert!("viagra".parse::<Drug>().is_err());
    }

    #[test]
    fn wrong_units_name_the_drug() {
        let e = Drug::Hcg
            .check(Route::Sc, DoseUnit::Mg, "dose")
            .unwrap_err();
        assert!(e.to_string().contains("hcg is dosed in IU"));
        let e = Drug::TestosteroneCypionate
            .check(Route::Im, DoseUnit::Iu, "dose")
            .unwrap_err();
        assert!(e.to_string().contains("testosterone_cypionate"));
        assert!(
            Drug::Anastrozole
                .check(Route::Iv, DoseUnit::Mg, "route")
                .is_err()
        );
    }
}

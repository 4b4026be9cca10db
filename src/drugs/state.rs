//! The drugs in one man's body: one exact PK [`Chain`] per (drug, molecule) slot, laid out
//! from the registry at compile time, their rates, and the [`Exposure`] they produce at
//! an instant, which is all the physiology reads.

use super::chain::Chain;
use super::spec::{Action, AmountUnit, Kinetics, Molecule};
use super::{Drug, Route, SPECS};
use crate::units::{Dose, DoseUnit, InfusionRate};
use serde::{Deserialize, Serialize};

/// Number of PK chains: one per component of every drug.
pub(crate) const SLOTS: usize = {
    let mut n = 0;
    let mut d = 0;
    while d < SPECS.len() {
        n += SPECS[d].components.len();
        d += 1;
    }
    n
};

/// The first slot of each drug (its components follow in order).
const FIRST_SLOT: [usize; Drug::COUNT] = {
    let mut first = [0; Drug::COUNT];
    let mut n = 0;
    let mut d = 0;
    while d < SPECS.len() {
        first[d] = n;
        n += SPECS[d].components.len();
        d += 1;
    }
    first
};

/// The molecule of each slot.
const SLOT_MOLECULE: [&Molecule; SLOTS] = {
    let mut molecules = [SPECS[0].components[0].molecule; SLOTS];
    let mut n = 0;
    let mut d = 0;
    while d < SPECS.len() {
        let mut c = 0;
        while c < SPECS[d].components.len() {
            molecules[n] = SPECS[d].components[c].molecule;
            n += 1;
            c += 1;
        }
        d += 1;
    }
    molecules
};

/// Byte equality of two names, usable in constants.
const fn same_name(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// For each slot, the first slot holding the same molecule: a molecule two drugs deliver
/// (enclomiphene) acts once, on its summed concentration (which matters for the saturable
/// actions).
const FIRST_OF_MOLECULE: [usize; SLOTS] = {
    let mut first = [0; SLOTS];
    let mut s = 0;
    while s < SLOTS {
        let mut t = 0;
        while !same_name(SLOT_MOLECULE[t].name, SLOT_MOLECULE[s].name) {
            t += 1;
        }
        first[s] = t;
        s += 1;
    }
    first
};

/// Whether another slot holds the same molecule (its effect is then taken on the sum).
const SHARED: [bool; SLOTS] = {
    let mut shared = [false; SLOTS];
    let mut s = 0;
    while s < SLOTS {
        let mut t = 0;
        while t < SLOTS {
            if t != s && same_name(SLOT_MOLECULE[t].name, SLOT_MOLECULE[s].name) {
                shared[s] = true;
            }
            t += 1;
        }
        s += 1;
    }
    shared
};

/// Whether any molecule is delivered by more than one drug.
const ANY_SHARED: bool = {
    let mut any = false;
    let mut s = 0;
    while s < SLOTS {
        any |= SHARED[s];
        s += 1;
    }
    any
};

/// The per-slot tables the right-hand side reads, as statics (one copy in memory, not a
/// constant rebuilt at each use).
static MOLECULE_OF: [&Molecule; SLOTS] = SLOT_MOLECULE;
static SHARED_SLOT: [bool; SLOTS] = SHARED;
static FIRST_OF: [usize; SLOTS] = FIRST_OF_MOLECULE;

/// The slot of circulating GnRH: the one molecule acting as GnRH, whose chain the endogenous
/// pulses share.
const GNRH_SLOT: usize = {
    let mut found = usize::MAX;
    let mut s = 0;
    while s < SLOTS {
        if matches!(SLOT_MOLECULE[s].action, Action::Gnrh) {
            assert!(found == usize::MAX, "exactly one molecule may act as GnRH");
            found = s;
        }
        s += 1;
    }
    assert!(found != usize::MAX, "one molecule must act as GnRH");
    found
};

/// The patient's GnRH kinetics, which the GnRH chain uses (they are patient parameters).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct GnrhKinetics {
    /// SC absorption rate \[1/h\].
    pub absorption_per_h: f64,
    /// Elimination rate \[1/h\].
    pub elimination_per_h: f64,
}

/// Absorption and elimination rates of every slot \[1/h\], fixed for a patient.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Rates {
    ka: [f64; SLOTS],
    ke: [f64; SLOTS],
}

impl Rates {
    /// Every slot's rates: the molecules' own, and the patient's for GnRH.
    pub fn new(gnrh: GnrhKinetics) -> Self {
        let mut ka = [0.0; SLOTS];
        let mut ke = [0.0; SLOTS];
        for (s, molecule) in SLOT_MOLECULE.iter().enumerate() {
            (ka[s], ke[s]) = match molecule.kinetics {
                Kinetics::Fixed {
                    absorption_per_h,
                    elimination_per_h,
                } => (absorption_per_h, elimination_per_h),
                Kinetics::PatientGnrh => (gnrh.absorption_per_h, gnrh.elimination_per_h),
            };
        }
        Rates { ka, ke }
    }
}

/// Amount of a dose in a molecule's unit: mg, ug or IU.
fn amount_in(unit: AmountUnit, dose_amount: f64, dose_unit: DoseUnit) -> f64 {
    let ug = match dose_unit {
        DoseUnit::Mg => dose_amount * 1000.0,
        DoseUnit::Ug => dose_amount,
        DoseUnit::Iu => return dose_amount,
    };
    match unit {
        AmountUnit::Ug => ug,
        AmountUnit::Mg | AmountUnit::Iu => ug / 1000.0,
    }
}

/// The PK state of every slot at the start of the current segment.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub(crate) struct DrugState {
    chains: [Chain; SLOTS],
}

impl DrugState {
    /// Calls `f(slot, chain unit, into_depot, amount per unit dosed)` for each component
    /// of `drug` given by `route`: an IV dose enters the central compartment whole, any other
    /// the depot, scaled by the bioavailability.
    fn each_target(drug: Drug, route: Route, mut f: impl FnMut(usize, AmountUnit, bool, f64)) {
        let first = FIRST_SLOT[drug as usize];
        for (k, c) in drug.spec().components.iter().enumerate() {
            let into_depot = route != Route::Iv;
            let factor = if into_depot {
                c.fraction * c.bioavailability
            } else {
                c.fraction
            };
            f(first + k, c.molecule.unit, into_depot, factor);
        }
    }

    /// Adds a dose (already checked against the drug's units and routes).
    pub fn give(&mut self, drug: Drug, route: Route, dose: Dose) {
        Self::each_target(drug, route, |s, unit, into_depot, factor| {
            let amount = amount_in(unit, dose.amount(), dose.unit());
            if into_depot {
                self.chains[s].depot += amount * factor;
            } else {
                self.chains[s].central += amount * factor;
            }
        });
    }

    /// Changes a continuous input (`sign` +1 at an infusion's start, −1 at its end).
    pub fn change_infusion(&mut self, drug: Drug, route: Route, rate: InfusionRate, sign: f64) {
        Self::each_target(drug, route, |s, unit, into_depot, factor| {
            let amount = amount_in(unit, rate.per_hour(), rate.unit()) * sign;
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
        });
    }

    /// Adds an endogenous GnRH pulse of `mass_ug` to circulating GnRH.
    pub fn add_gnrh_pulse(&mut self, mass_ug: f64) {
        self.chains[GNRH_SLOT].central += mass_ug;
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

    /// Central amount of slot `s`, `t` hours into the segment.
    #[inline]
    fn central_at(&self, rates: &Rates, s: usize, t: f64) -> f64 {
        let chain = &self.chains[s];
        if chain.is_empty() {
            0.0
        } else {
            chain.central_at(rates.ka[s], rates.ke[s], t)
        }
    }

    /// What the drugs (and the endogenous GnRH pulses) do to the axis `t` hours into the
    /// segment. Each molecule acts once, on the amount all drugs delivering it put in.
    #[inline]
    pub fn exposure_at(&self, rates: &Rates, t: f64) -> Exposure {
        let mut exposure = Exposure::default();
        let mut ester_outflow_mg_h = 0.0;
        // Amounts of molecules several drugs deliver, summed into their first slot.
        let mut shared_amounts = [0.0; SLOTS];
        let mut shared_present = false;
        for (s, molecule) in MOLECULE_OF.iter().enumerate() {
            if self.chains[s].is_empty() {
                continue;
            }
            let amount = self.central_at(rates, s, t);
            if matches!(molecule.action, Action::SerumTestosterone) {
                // Each ester leaves its depot at its own rate.
                ester_outflow_mg_h += rates.ke[s] * amount;
            } else if ANY_SHARED && SHARED_SLOT[s] {
                shared_amounts[FIRST_OF[s]] += amount;
                shared_present = true;
            } else {
                exposure.act(s, molecule, amount);
            }
        }
        if shared_present {
            for (s, molecule) in MOLECULE_OF.iter().enumerate() {
                if SHARED_SLOT[s] && FIRST_OF[s] == s && shared_amounts[s] != 0.0 {
                    exposure.act(s, molecule, shared_amounts[s]);
                }
            }
        }
        exposure.exogenous_t_ug_h = 1000.0 * ester_outflow_mg_h;
        exposure
    }
}

/// Drug effects at one instant, as the physiology reads them: what acts on which site, in
/// units. The default is "no drugs".
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Exposure {
    /// Testosterone entering serum from IM ester depots \[ug/h\].
    pub exogenous_t_ug_h: f64,
    /// Circulating GnRH, endogenous pulses and gonadorelin together, as the amount in its
    /// volume \[ug\].
    pub gnrh_ug: f64,
    /// The same as a concentration \[pg/mL\]; filled in by [`crate::Simulation::exposure`]
    /// (which knows the patient's GnRH volume), zero where only drugs are read.
    pub gnrh_pg_ml: f64,
    /// Estrogen-receptor ligands other than E2: the sum of concentration / Kd \[-\].
    pub er_occupancy: f64,
    /// Their estrogenic activity: the sum of intrinsic activity × concentration / Kd \[-\].
    pub er_agonism: f64,
    /// Fraction of peripheral aromatase activity left by aromatase inhibitors \[-\].
    pub aromatase_remaining: f64,
    /// Stimulation of the Leydig LH receptor by drugs, as LH-equivalents \[IU/L\].
    pub lh_equivalents_iu_l: f64,
    /// Concentration of each molecule, in its first slot (ng/mL for molecules counted in mg,
    /// IU/L for IU; 0 where there is no plasma volume).
    concentrations: [f64; SLOTS],
}

impl Default for Exposure {
    fn default() -> Self {
        Exposure {
            exogenous_t_ug_h: 0.0,
            gnrh_ug: 0.0,
            gnrh_pg_ml: 0.0,
            er_occupancy: 0.0,
            er_agonism: 0.0,
            aromatase_remaining: 1.0,
            lh_equivalents_iu_l: 0.0,
            concentrations: [0.0; SLOTS],
        }
    }
}

impl Exposure {
    /// Adds what `amount` of `molecule` in the central compartment (all of it, whichever drugs
    /// delivered it) does, recording its concentration in `slot` (its first slot).
    #[inline]
    fn act(&mut self, slot: usize, molecule: &Molecule, amount: f64) {
        // mg / L = 1000 ng/mL; IU / L as is.
        let concentration = match (molecule.volume_l, molecule.unit) {
            (Some(v), AmountUnit::Mg) => 1000.0 * amount / v,
            (Some(v), _) => amount / v,
            (None, _) => 0.0,
        };
        self.concentrations[slot] = concentration;
        match molecule.action {
            Action::SerumTestosterone => {}
            Action::EstrogenReceptor {
                kd_ng_ml,
                intrinsic_activity,
            } => {
                let x = concentration / kd_ng_ml;
                self.er_occupancy += x;
                self.er_agonism += intrinsic_activity * x;
            }
            Action::AromataseInhibitor { imax, ic50_ng_ml } => {
                self.aromatase_remaining *=
                    1.0 - imax * concentration / (ic50_ng_ml + concentration);
            }
            Action::LhReceptorAgonist {
                lh_equivalents_per_iu,
            } => self.lh_equivalents_iu_l += lh_equivalents_per_iu * concentration,
            Action::Gnrh => self.gnrh_ug = amount,
        }
    }

    /// Serum concentration of the molecule called `name` (e.g. `"enclomiphene"`, `"hcg"`),
    /// whichever drugs delivered it: ng/mL for molecules dosed by mass, IU/L for hCG. `None`
    /// for a name no drug delivers into plasma.
    ///
    /// ```
    /// use hpg::prelude::*;
    /// let mut sim = Simulation::new(Patient::new(Preset::Healthy), SimOptions::mode(Mode::MeanField))?;
    /// sim.give(Drug::ClomipheneCitrate, Route::Oral, Dose::mg(50.0)?)?;
    /// sim.advance_by(Duration::hours(3.0))?;
    /// let exposure = sim.exposure();
    /// assert!(exposure.concentration("zuclomiphene").unwrap() > 0.0);
    /// assert_eq!(exposure.concentration("tamoxifen"), Some(0.0));
    /// assert_eq!(exposure.concentration("aspirin"), None);
    /// # Ok::<(), hpg::HpgError>(())
    /// ```
    pub fn concentration(&self, name: &str) -> Option<f64> {
        SLOT_MOLECULE
            .iter()
            .position(|m| m.name == name && m.volume_l.is_some())
            .map(|s| self.concentrations[s])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rates() -> Rates {
        Rates::new(GnrhKinetics {
            absorption_per_h: 5.0,
            elimination_per_h: 10.0,
        })
    }

    /// Enclomiphene from clomiphene citrate and from enclomiphene citrate is one molecule:
    /// its concentration is the sum, and it acts once.
    #[test]
    fn a_molecule_two_drugs_deliver_acts_once() {
        let r = rates();
        let mut both = DrugState::default();
        both.give(
            Drug::ClomipheneCitrate,
            Route::Oral,
            Dose::mg(50.0).unwrap(),
        );
        both.give(Drug::Enclomiphene, Route::Oral, Dose::mg(25.0).unwrap());
        let mut clo = DrugState::default();
        clo.give(
            Drug::ClomipheneCitrate,
            Route::Oral,
            Dose::mg(50.0).unwrap(),
        );
        let mut en = DrugState::default();
        en.give(Drug::Enclomiphene, Route::Oral, Dose::mg(25.0).unwrap());
        let (b, c, e) = (
            both.exposure_at(&r, 3.0),
            clo.exposure_at(&r, 3.0),
            en.exposure_at(&r, 3.0),
        );
        let sum =
            c.concentration("enclomiphene").unwrap() + e.concentration("enclomiphene").unwrap();
        assert!((b.concentration("enclomiphene").unwrap() / sum - 1.0).abs() < 1e-12);
        assert!((b.er_occupancy / (c.er_occupancy + e.er_occupancy) - 1.0).abs() < 1e-12);
    }
}

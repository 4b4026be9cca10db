//! The drugs in one man's body: one exact PK [`Chain`] per (drug, molecule) slot, laid out
//! from the registry at compile time, their rates, and the [`Exposure`] they produce at
//! an instant, which is all the physiology reads.

use super::chain::Chain;
use super::params::{DrugParams, Target};
use super::spec::{Action, AmountUnit, DoseKind, Kinetics, Molecule};
use super::{Drug, Route, SPECS};
use crate::error::{HpgError, Result, number};
use crate::regimen::Regimen;
use crate::units::{Dose, DoseUnit, InfusionRate};
use serde::{Deserialize, Serialize};
use std::f64::consts::LN_2;

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
pub(super) const SLOT_MOLECULE: [&Molecule; SLOTS] = {
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
pub(super) const FIRST_OF_MOLECULE: [usize; SLOTS] = {
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

/// A man's drug constants, slot by slot: absorption and elimination rates \[1/h\], a zero-order
/// depot's release rate (amount/h), plasma volumes \[L\] and actions, and each drug's
/// bioavailability; the drug files' values unless
/// his [`DrugParams`] override them. Fixed for a patient.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Rates {
    ka: [f64; SLOTS],
    ke: [f64; SLOTS],
    /// Release rate of a zero-order depot (amount/h; 0 for a first-order chain).
    pool_rate: [f64; SLOTS],
    /// Rate constant of a zero-order depot's first-order tail \[1/h\] (0: none).
    pool_tail_per_h: [f64; SLOTS],
    volume_l: [Option<f64>; SLOTS],
    action: [Action; SLOTS],
    bioavailability: [f64; Drug::COUNT],
    immediate: [f64; Drug::COUNT],
    /// Dose at which a drug's absorbed fraction halves (saturable uptake; 0: none), in the
    /// drug's dose unit.
    absorption_half_dose: [f64; Drug::COUNT],
}

impl Rates {
    /// Every slot's constants: the molecules' own (or the overrides in `drugs`), and the
    /// patient's kinetics for GnRH.
    pub fn new(gnrh: GnrhKinetics, drugs: &DrugParams) -> Self {
        let mut ka = [0.0; SLOTS];
        let mut ke = [0.0; SLOTS];
        let mut pool_rate = [0.0; SLOTS];
        let mut pool_tail_per_h = [0.0; SLOTS];
        let mut volume_l = [None; SLOTS];
        let mut action = [Action::Gnrh; SLOTS];
        for (s, molecule) in SLOT_MOLECULE.iter().enumerate() {
            (ka[s], ke[s]) = match molecule.kinetics {
                Kinetics::Fixed {
                    absorption_per_h,
                    elimination_per_h,
                } => (absorption_per_h, elimination_per_h),
                Kinetics::PatientGnrh => (gnrh.absorption_per_h, gnrh.elimination_per_h),
                Kinetics::ZeroOrderDepot {
                    release_per_h,
                    tail_half_life_h,
                    elimination_per_h,
                } => {
                    pool_rate[s] = release_per_h;
                    pool_tail_per_h[s] = tail_rate(tail_half_life_h);
                    (0.0, elimination_per_h)
                }
            };
            volume_l[s] = molecule.volume_l;
            action[s] = molecule.action;
        }
        let mut bioavailability = [0.0; Drug::COUNT];
        let mut immediate = [0.0; Drug::COUNT];
        let mut absorption_half_dose = [0.0; Drug::COUNT];
        for d in Drug::ALL {
            bioavailability[d as usize] = d.spec().components[0].bioavailability;
            immediate[d as usize] = d.spec().components[0].immediate_fraction;
            absorption_half_dose[d as usize] = d.spec().absorption_half_dose.unwrap_or(0.0);
        }
        // Clearance and volume of each molecule, to re-derive its elimination if either moved.
        let mut clearance_l_per_d = [f64::NAN; SLOTS];
        let mut refit_elimination = [false; SLOTS];
        for (p, value) in drugs.iter() {
            let overridden = value != p.default;
            match p.target {
                Target::Clearance(first) => {
                    clearance_l_per_d[first] = value;
                    refit_elimination[first] |= overridden;
                }
                Target::Bioavailability(d) => bioavailability[d as usize] = value,
                Target::ImmediateFraction(d) => immediate[d as usize] = value,
                Target::AbsorptionHalfDose(d) => absorption_half_dose[d as usize] = value,
                _ if !overridden => {}
                target => {
                    for s in (0..SLOTS).filter(|&s| FIRST_OF_MOLECULE[s] == target.slot()) {
                        if let Target::ZeroOrderRelease(_) = target {
                            pool_rate[s] = value / 24.0;
                            continue;
                        }
                        if let Target::ZeroOrderTail(_) = target {
                            pool_tail_per_h[s] = tail_rate(value * 24.0);
                            continue;
                        }
                        set(
                            target,
                            value,
                            &mut ka[s],
                            &mut ke[s],
                            &mut volume_l[s],
                            &mut action[s],
                        );
                    }
                    refit_elimination[target.slot()] |= matches!(target, Target::Volume(_));
                }
            }
        }
        for s in 0..SLOTS {
            let first = FIRST_OF_MOLECULE[s];
            if refit_elimination[first]
                && let Some(v) = volume_l[s]
            {
                ke[s] = clearance_l_per_d[first] / (24.0 * v);
            }
        }
        Rates {
            ka,
            ke,
            pool_rate,
            pool_tail_per_h,
            volume_l,
            action,
            bioavailability,
            immediate,
            absorption_half_dose,
        }
    }
}

/// Rate constant \[1/h\] of a depot tail with half-life `half_life_h` (0: no tail).
fn tail_rate(half_life_h: f64) -> f64 {
    if half_life_h > 0.0 {
        std::f64::consts::LN_2 / half_life_h
    } else {
        0.0
    }
}

/// Applies one overridden molecule constant to a slot.
fn set(
    target: Target,
    value: f64,
    ka: &mut f64,
    ke: &mut f64,
    volume_l: &mut Option<f64>,
    action: &mut Action,
) {
    match (target, action) {
        (Target::AbsorptionHalfLife(_), _) => *ka = LN_2 / value,
        (Target::ReleaseHalfLife(_), _) => *ke = LN_2 / value,
        (Target::Volume(_), _) => *volume_l = Some(value),
        (Target::ErKd(_), Action::EstrogenReceptor { kd_ng_ml, .. }) => *kd_ng_ml = value,
        (
            Target::IntrinsicActivity(_),
            Action::EstrogenReceptor {
                intrinsic_activity, ..
            },
        ) => *intrinsic_activity = value,
        (Target::Imax(_), Action::AromataseInhibitor { imax, .. })
        | (Target::Imax(_), Action::SteroidogenesisInhibitor { imax, .. }) => *imax = value,
        (Target::Ki(_), Action::GnrhAntagonist { ki_ng_ml }) => *ki_ng_ml = value,
        (Target::GnrhEquivalents(_), Action::GnrhAgonist { gnrh_equivalents }) => {
            *gnrh_equivalents = value
        }
        (Target::Ic50(_), Action::AromataseInhibitor { ic50_ng_ml, .. })
        | (Target::Ic50(_), Action::SteroidogenesisInhibitor { ic50_ng_ml, .. }) => {
            *ic50_ng_ml = value
        }
        (
            Target::LhEquivalents(_),
            Action::LhReceptorAgonist {
                lh_equivalents_per_iu,
                ..
            },
        ) => *lh_equivalents_per_iu = value,
        (
            Target::SteroidogenicEfficacy(_),
            Action::LhReceptorAgonist {
                steroidogenic_efficacy,
                ..
            },
        ) => *steroidogenic_efficacy = value,
        (target, action) => unreachable!("{target:?} does not apply to {action:?}"),
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
    /// Calls `f(slot, chain unit, into depot, into central)` (amounts per unit dosed) for each
    /// component of `drug` given by `route`: an IV dose enters the central compartment whole;
    /// any other is scaled by the bioavailability (`bioavailability` if given, else the man's
    /// value for the drug) and enters the depot, but for a depot formulation's immediate burst
    /// when the input is a `bolus` (an injection, not an infusion).
    fn each_target(
        rates: &Rates,
        drug: Drug,
        route: Route,
        bioavailability: Option<f64>,
        bolus: bool,
        mut f: impl FnMut(usize, AmountUnit, f64, f64),
    ) {
        let first = FIRST_SLOT[drug as usize];
        let absorbed = bioavailability.unwrap_or(rates.bioavailability[drug as usize]);
        // A depot's burst comes with an injection, never with a pump's steady input.
        let immediate = if bolus {
            rates.immediate[drug as usize]
        } else {
            0.0
        };
        for (k, c) in drug.spec().components.iter().enumerate() {
            let (depot, central) = if route == Route::Iv {
                (0.0, c.fraction)
            } else {
                let reached = c.fraction * absorbed;
                (reached * (1.0 - immediate), reached * immediate)
            };
            f(first + k, c.molecule.unit, depot, central);
        }
    }

    /// Adds a dose (already checked against the drug's units and routes), with the man's
    /// bioavailability or the regimen's own (`bioavailability`). For a drug with saturable
    /// uptake the man's value is the low-dose fraction, scaled by `1 / (1 + D / D½)` for this
    /// dose `D` (a regimen's own bioavailability is taken as it is).
    pub fn give(
        &mut self,
        rates: &Rates,
        drug: Drug,
        route: Route,
        dose: Dose,
        bioavailability: Option<f64>,
    ) {
        let half_dose = rates.absorption_half_dose[drug as usize];
        let bioavailability = match bioavailability {
            None if half_dose > 0.0 && route != Route::Iv => {
                let unit = match drug.spec().dosed_in {
                    DoseKind::Mass => AmountUnit::Mg,
                    DoseKind::InternationalUnits => AmountUnit::Iu,
                };
                let dosed = amount_in(unit, dose.amount(), dose.unit());
                Some(rates.bioavailability[drug as usize] / (1.0 + dosed / half_dose))
            }
            given => given,
        };
        Self::each_target(
            rates,
            drug,
            route,
            bioavailability,
            true,
            |s, unit, depot, central| {
                let amount = amount_in(unit, dose.amount(), dose.unit());
                let chain = &mut self.chains[s];
                if rates.pool_rate[s] > 0.0 {
                    chain.pool += amount * depot;
                    chain.pool_rate = rates.pool_rate[s];
                    chain.pool_tail_per_h = rates.pool_tail_per_h[s];
                } else {
                    chain.depot += amount * depot;
                }
                chain.central += amount * central;
            },
        );
    }

    /// Changes a continuous input (`sign` +1 at an infusion's start, −1 at its end).
    pub fn change_infusion(
        &mut self,
        rates: &Rates,
        drug: Drug,
        route: Route,
        rate: InfusionRate,
        bioavailability: Option<f64>,
        sign: f64,
    ) {
        Self::each_target(
            rates,
            drug,
            route,
            bioavailability,
            false,
            |s, unit, depot, central| {
                let amount = amount_in(unit, rate.per_hour(), rate.unit()) * sign;
                let chain = &mut self.chains[s];
                for (input, factor) in [
                    (&mut chain.depot_input, depot),
                    (&mut chain.central_input, central),
                ] {
                    if factor == 0.0 {
                        continue;
                    }
                    *input += amount * factor;
                    // Cancel the rounding residue when the last infusion ends.
                    if input.abs() < 1e-12 * (amount.abs() + 1.0) {
                        *input = 0.0;
                    }
                }
            },
        );
    }

    /// Starts (`sign` +1) or ends (−1) `regimen`'s infusion at `rate`, by its drug, route and
    /// bioavailability.
    pub fn infusion_edge(
        &mut self,
        rates: &Rates,
        regimen: &Regimen,
        rate: InfusionRate,
        sign: f64,
    ) {
        self.change_infusion(
            rates,
            regimen.drug(),
            regimen.route_of(),
            rate,
            regimen.bioavailability(),
            sign,
        );
    }

    /// Adds the drug a man on `regimen`'s `dose` every `every_h` hours since long ago carries at the
    /// moment a dose arrives (just before it): per chain, the fixed point of "a dose, then
    /// `every_h` hours of decay", solved exactly (the chains are linear: `x = A·(x + b)`, with
    /// `A` the chain's decay over the interval and `b` the dose). The state `before_h` hours
    /// before that arrival is added instead when `before_h` > 0 (a dose due at 0 with an
    /// absorption lag arrives later).
    ///
    /// A zero-order depot has a steady state only if each dose could be released at the
    /// zero-order rate within the interval (without a tail it then holds nothing at an arrival;
    /// with one, the tail's remainder, found by bisection); otherwise the store grows without
    /// end, and the regimen is refused.
    pub fn add_steady_state_doses(
        &mut self,
        rates: &Rates,
        regimen: &Regimen,
        dose: Dose,
        every_h: f64,
        before_h: f64,
    ) -> Result<()> {
        let mut one = DrugState::default();
        one.give(
            rates,
            regimen.drug(),
            regimen.route_of(),
            dose,
            regimen.bioavailability(),
        );
        for (s, chain) in one.chains.iter().enumerate() {
            if chain.is_empty() {
                continue;
            }
            let (ka, ke) = (rates.ka[s], rates.ke[s]);
            if rates.pool_rate[s] > 0.0 {
                let rate = rates.pool_rate[s];
                let dry_h = chain.pool / rate;
                if dry_h > every_h {
                    return Err(HpgError::InvalidInput {
                        field: "every".into(),
                        message: format!(
                            "{} releases each dose at its zero-order rate over {} d, longer than the interval ({} d): \
                             the depot keeps filling, so there is no steady state (give it \
                             every {} d or more)",
                            regimen.drug(),
                            number(dry_h / 24.0),
                            number(every_h / 24.0),
                            number(dry_h / 24.0)
                        ),
                    });
                }
                if self.chains[s].pool_rate > 0.0 {
                    // Two regimens would share one store, whose release is not additive.
                    return Err(HpgError::InvalidInput {
                        field: "steady_state".into(),
                        message: format!(
                            "only one steady-state regimen of {} at a time: its depots share \
                             one store",
                            regimen.drug()
                        ),
                    });
                }
                // What the store holds at an arrival, x, is the fixed point of "add the dose's
                // store b, release for one interval", g(x) = x. Without a tail it is 0 (each
                // dose runs dry within the interval). With one, g is increasing with slope ≤ 1,
                // g(0) ≥ 0 and g(R·τ) ≤ R·τ (the interval outlasts the zero-order release of
                // b), so bisection on [0, R·τ] finds it even where the root is double (the
                // labelled interval: b = R·T).
                let tail = rates.pool_tail_per_h[s];
                let after_dose = |x: f64, central: f64| Chain {
                    central,
                    pool: x + chain.pool,
                    pool_rate: rate,
                    pool_tail_per_h: tail,
                    ..Chain::default()
                };
                let (mut lo, mut hi) = (0.0, if tail > 0.0 { rate / tail } else { 0.0 });
                for _ in 0..200 {
                    let mid = 0.5 * (lo + hi);
                    if after_dose(mid, 0.0).pool_at(every_h) > mid {
                        lo = mid;
                    } else {
                        hi = mid;
                    }
                }
                let pool = 0.5 * (lo + hi);
                // The central amount is then linear: x_c = e^{−ke·T}(x_c + b_c) + what the
                // store delivers over the interval.
                let decay = (-ke * every_h).exp();
                let central = (decay * chain.central
                    + after_dose(pool, 0.0).central_at(ka, ke, every_h))
                    / (1.0 - decay);
                let mut at_arrival = Chain {
                    pool,
                    ..after_dose(0.0, central)
                };
                if before_h > 0.0 {
                    at_arrival = after_dose(pool, central + chain.central);
                    at_arrival.advance(ka, ke, every_h - before_h);
                }
                let target = &mut self.chains[s];
                target.central += at_arrival.central;
                target.pool += at_arrival.pool;
                target.pool_rate = rate;
                target.pool_tail_per_h = tail;
                continue;
            }
            // Columns of A: what a unit in the depot and a unit in the central compartment
            // become after one interval.
            let unit_depot = Chain {
                depot: 1.0,
                ..Chain::default()
            };
            let unit_central = Chain {
                central: 1.0,
                ..Chain::default()
            };
            let (a_dd, a_cd) = unit_depot.at(ka, ke, every_h);
            let (_, a_cc) = unit_central.at(ka, ke, every_h);
            // x_d = a_dd (x_d + b_d);  x_c = a_cd (x_d + b_d) + a_cc (x_c + b_c).
            let depot = a_dd * chain.depot / (1.0 - a_dd);
            let central = (a_cd * (depot + chain.depot) + a_cc * chain.central) / (1.0 - a_cc);
            let mut at_arrival = Chain {
                depot,
                central,
                ..Chain::default()
            };
            if before_h > 0.0 {
                // The previous dose arrived `every_h - before_h` hours before.
                let after_previous = Chain {
                    depot: depot + chain.depot,
                    central: central + chain.central,
                    ..Chain::default()
                };
                let (d, c) = after_previous.at(ka, ke, every_h - before_h);
                at_arrival = Chain {
                    depot: d,
                    central: c,
                    ..Chain::default()
                };
            }
            self.chains[s].depot += at_arrival.depot;
            self.chains[s].central += at_arrival.central;
        }
        Ok(())
    }

    /// Adds the drug a constant infusion running since long ago has put in: each chain at its
    /// plateau (depot `input / ka`, central `input / ke`). The input itself is not started
    /// (the infusion's schedule starts it at time 0).
    pub fn add_steady_state_infusion(
        &mut self,
        rates: &Rates,
        regimen: &Regimen,
        rate: InfusionRate,
    ) {
        let mut one = DrugState::default();
        one.infusion_edge(rates, regimen, rate, 1.0);
        for (s, chain) in one.chains.iter().enumerate() {
            if chain.is_empty() {
                continue;
            }
            let (ka, ke) = (rates.ka[s], rates.ke[s]);
            self.chains[s].depot += chain.depot_input / ka;
            self.chains[s].central += (chain.depot_input + chain.central_input) / ke;
        }
    }

    /// Whether every chain holds finite amounts and inputs, and a zero-order store only with
    /// a positive release rate (what a restored snapshot must satisfy).
    pub fn is_well_formed(&self) -> bool {
        self.chains.iter().all(|c| {
            [
                c.depot,
                c.central,
                c.depot_input,
                c.central_input,
                c.pool,
                c.pool_rate,
                c.pool_tail_per_h,
            ]
            .iter()
            .all(|v| v.is_finite())
                && c.pool >= 0.0
                && c.pool_rate >= 0.0
                && c.pool_tail_per_h >= 0.0
                && (c.pool == 0.0 || c.pool_rate > 0.0)
        })
    }

    /// Hours until the first zero-order depot without a tail runs dry (infinite when none
    /// does): a breakpoint, since its input stops there. A depot with a tail never asks for
    /// one (its release is continuous).
    pub fn hours_until_dry(&self) -> f64 {
        self.chains
            .iter()
            .map(Chain::hours_until_dry)
            .fold(f64::INFINITY, f64::min)
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
                && c.pool.abs() < 1e-9
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
                exposure.act(s, molecule.unit, rates.volume_l[s], rates.action[s], amount);
            }
        }
        if shared_present {
            for (s, molecule) in MOLECULE_OF.iter().enumerate() {
                if SHARED_SLOT[s] && FIRST_OF[s] == s && shared_amounts[s] != 0.0 {
                    exposure.act(
                        s,
                        molecule.unit,
                        rates.volume_l[s],
                        rates.action[s],
                        shared_amounts[s],
                    );
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
    /// Fraction of aromatase activity (peripheral and testicular) left by aromatase inhibitors \[-\].
    pub aromatase_remaining: f64,
    /// Fraction of testicular steroidogenesis left by steroidogenesis inhibitors \[-\].
    pub steroidogenesis_remaining: f64,
    /// Stimulation of the Leydig LH receptor by drugs, as LH-equivalents \[IU/L\].
    pub lh_equivalents_iu_l: f64,
    /// The same stimulation weighted by each drug's steroidogenic efficacy: the LH-equivalents
    /// that induce steroidogenic enzymes \[IU/L\].
    pub lh_induction_equivalents_iu_l: f64,
    /// Serum FSH from drugs \[IU/L\] (added to the man's own).
    pub fsh_iu_l: f64,
    /// GnRH-receptor antagonists: the sum of concentration / Ki \[-\]; the GnRH a given
    /// occupancy needs is `1 +` this times the drug-free amount.
    pub gnrh_antagonism: f64,
    /// GnRH-receptor agonists (other than GnRH itself) as GnRH-equivalent concentration at the
    /// receptor \[pg/mL\].
    pub gnrh_agonist_pg_ml: f64,
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
            steroidogenesis_remaining: 1.0,
            lh_equivalents_iu_l: 0.0,
            lh_induction_equivalents_iu_l: 0.0,
            fsh_iu_l: 0.0,
            gnrh_antagonism: 0.0,
            gnrh_agonist_pg_ml: 0.0,
            concentrations: [0.0; SLOTS],
        }
    }
}

impl Exposure {
    /// Adds what `amount` of a molecule (counted in `unit`, with plasma volume `volume_l` and
    /// `action`) in the central compartment (all of it, whichever drugs delivered it) does,
    /// recording its concentration in `slot` (its first slot).
    #[inline]
    fn act(
        &mut self,
        slot: usize,
        unit: AmountUnit,
        volume_l: Option<f64>,
        action: Action,
        amount: f64,
    ) {
        // mg / L = 1000 ng/mL; IU / L as is.
        let concentration = match (volume_l, unit) {
            (Some(v), AmountUnit::Mg) => 1000.0 * amount / v,
            (Some(v), _) => amount / v,
            (None, _) => 0.0,
        };
        self.concentrations[slot] = concentration;
        match action {
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
            Action::SteroidogenesisInhibitor { imax, ic50_ng_ml } => {
                self.steroidogenesis_remaining *=
                    1.0 - imax * concentration / (ic50_ng_ml + concentration);
            }
            Action::LhReceptorAgonist {
                lh_equivalents_per_iu,
                steroidogenic_efficacy,
            } => {
                let lh_equivalents = lh_equivalents_per_iu * concentration;
                self.lh_equivalents_iu_l += lh_equivalents;
                self.lh_induction_equivalents_iu_l += steroidogenic_efficacy * lh_equivalents;
            }
            Action::Gnrh => self.gnrh_ug = amount,
            Action::FshReceptorAgonist => self.fsh_iu_l += concentration,
            Action::GnrhAntagonist { ki_ng_ml } => self.gnrh_antagonism += concentration / ki_ng_ml,
            // ng/mL → pg/mL of GnRH.
            Action::GnrhAgonist { gnrh_equivalents } => {
                self.gnrh_agonist_pg_ml += 1000.0 * gnrh_equivalents * concentration
            }
        }
    }

    /// Serum concentration of the molecule called `name` (e.g. `"enclomiphene"`, `"hcg"`),
    /// whichever drugs delivered it: ng/mL for molecules dosed by mass, IU/L for hCG and FSH. `None`
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
        Rates::new(
            GnrhKinetics {
                absorption_per_h: 5.0,
                elimination_per_h: 10.0,
            },
            &DrugParams::default(),
        )
    }

    /// Enclomiphene from clomiphene citrate and from enclomiphene citrate is one molecule:
    /// its concentration is the sum, and it acts once.
    #[test]
    fn a_molecule_two_drugs_deliver_acts_once() {
        let r = rates();
        let mut both = DrugState::default();
        both.give(
            &r,
            Drug::ClomipheneCitrate,
            Route::Oral,
            Dose::mg(50.0).unwrap(),
            None,
        );
        both.give(
            &r,
            Drug::Enclomiphene,
            Route::Oral,
            Dose::mg(25.0).unwrap(),
            None,
        );
        let mut clo = DrugState::default();
        clo.give(
            &r,
            Drug::ClomipheneCitrate,
            Route::Oral,
            Dose::mg(50.0).unwrap(),
            None,
        );
        let mut en = DrugState::default();
        en.give(
            &r,
            Drug::Enclomiphene,
            Route::Oral,
            Dose::mg(25.0).unwrap(),
            None,
        );
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

//! Virtual populations: many men drawn from a preset, each parameter that varies between men
//! scaled by a log-normal factor, run in parallel (rayon), summarised per sample time without
//! holding every patient's trajectory.
//!
//! A patient depends on (population seed, index) alone ([`Population::patient`]), so any one can
//! be rerun by itself and shards run on different machines give identical patients. This file
//! draws and runs the men; `summary.rs` streams their outputs into centiles and fractions.
//!
//! ```
//! use hpg::population::{Population, Threshold};
//! use hpg::protocol::Protocol;
//! use hpg::{Duration, Mode, Patient, Preset};
//!
//! let mut protocol = Protocol::new(Patient::new(Preset::Healthy), Duration::days(2.0));
//! protocol.mode = Mode::MeanField;
//! let population = Population::new(Patient::new(Preset::Healthy), 40, 7)?;
//! let summary = population.summarize(&protocol, &[Threshold::below("testosterone_ng_dl", 300.0)?])?;
//! let t = summary.quantity("testosterone_ng_dl").unwrap();
//! assert!(t.rows[0].p5 < t.rows[0].p50 && t.rows[0].p50 < t.rows[0].p95);
//! // The same patient, rebuilt alone, is the same man.
//! assert_eq!(population.patient(17)?, population.patient(17)?);
//! # Ok::<(), hpg::HpgError>(())
//! ```

use crate::error::{HpgError, Result};
use crate::model::params::Params;
use crate::model::patient::{Patient, Preset};
use crate::output::Observation;
use crate::protocol::{PopulationSpec, Protocol};
use crate::rng::{SplitMix64, mix64};
use rayon::prelude::*;

mod summary;
use std::sync::atomic::{AtomicUsize, Ordering};
use summary::{Accumulator, check_sample_times, expected_samples};
pub use summary::{
    FractionSummary, MAX_SUMMARY_SAMPLES, Percentiles, QuantitySummary, SUMMARY_CSV_HEADER,
    SUMMARY_STATE_FORMAT, Summary, SummaryState, Threshold, default_thresholds,
    per_patient_csv_header,
};

/// Between-men spread of one parameter: `value = preset value × exp(sigma · z)`, `z ~ N(0, 1)`,
/// clamped into the parameter's valid range.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Spread {
    /// Parameter name ([`Params::names`]: physiological or drug).
    pub name: &'static str,
    /// Standard deviation of the natural log of the factor.
    pub sigma: f64,
    /// Where the spread comes from, or the target it was fitted to.
    pub source: &'static str,
    /// The presets whose men the spread applies to (empty: every preset). A spread limited to
    /// some presets still takes its draw in every man, so the draws after it do not move.
    pub only: &'static [Preset],
}

/// The parameters that vary between men, with their log-normal spreads: the physiological ones
/// fitted with `examples/population_calibration.rs` (500 men, seed 2026, `mean_field`; what each
/// row reaches is in the README), then the drug constants whose between-subject variability
/// population PK studies publish (a CV becomes `σ = sqrt(ln(1 + CV²))`). Drugs without a
/// published spread (enanthate, clomiphene, enclomiphene, anastrozole, letrozole, endoxifen's
/// yield) do not vary: a guessed spread would pass for data.
pub const SPREADS: [Spread; 15] = [
    Spread {
        name: "shbg_nmol_l",
        sigma: 0.40,
        source: "[R/F] laboratory reference intervals for adult men span 18–54 nmol/L (Region \
                 Gävleborg 2021, men 20–49 y: σ = ln(54/18)/3.92 = 0.28) to 13–90 nmol/L \
                 (North Bristol NHS Severn Pathology 2022: σ = 0.49); 0.40, inside that span, \
                 fitted with kisspeptin_set_point to B1 (Travison's pooled US/European cohorts)",
        only: &[],
    },
    Spread {
        name: "kisspeptin_set_point",
        sigma: 0.2,
        source: "[F] B1: total T 2.5–97.5th centile 264–916 ng/dL (Travison 2017); the \
                 hypothalamic set point of the combined T and E2 signal, with the SHBG spread \
                 (which moves total T through clearance) and the Leydig spread; 0.45 while the \
                 set point scaled free T alone (until 2026-12-02: at 0.45 the 2.5th centile \
                 fell to 165 ng/dL)",
        only: &[],
    },
    Spread {
        name: "leydig_capacity",
        sigma: 0.40,
        source: "[F] B1 together with kisspeptin_set_point and B3 (wider spreads push LH's 97.5th \
                 centile past 12 IU/L)",
        only: &[],
    },
    Spread {
        name: "lh_reference_iu_l",
        sigma: 0.30,
        source: "[F] B3: LH 2.2–11.6 IU/L (FAMHES) with the other spreads",
        only: &[],
    },
    Spread {
        name: "sperm_reference_m_ml",
        sigma: 0.55,
        source: "[F] B11: median ~70 M/mL, 5th centile 15 M/mL (Cooper 2010), with the ITT \
                 spread",
        only: &[],
    },
    Spread {
        name: "sertoli_itt_half",
        sigma: 2.0,
        source: "[F] T4: 65 % azoospermic by 6 months of enanthate 200 mg weekly (WHO 1990): \
                 men differ widely in the ITT their spermatogenesis needs",
        only: &[],
    },
    Spread {
        name: "reserve_regrowth_per_d",
        sigma: 1.0,
        source: "[F] T5 under the first model, where months of TRT depleted the reserve; since \
                 the reserve keeps its stock through months of suppression (Zhengwei 1998) it \
                 matters only after years without drive (congenital or long-standing deficiency)",
        only: &[],
    },
    Spread {
        name: "kisspeptin_recovery_gain_per_d",
        sigma: 1.2,
        source: "[F] T5: 67/90/100 % back to ≥ 20 M/mL by 6/12/24 months after stopping (Liu \
                 2006, whose modifiers include age and baseline LH): men differ in how fast \
                 their hypothalamic drive returns after androgen withdrawal (after anabolic \
                 steroids, from weeks to over a year); 1.2 gives 76/89/94 % (500 men)",
        only: &[],
    },
    Spread {
        name: "testosterone_cypionate.release_half_life_h",
        sigma: 0.50,
        source: "[R] Bi 2018 (CPT Pharmacometrics Syst Pharmacol 7:259), 31 healthy men on \
                 cypionate: between-subject variability of the depot absorption rate 53.9 % CV",
        only: &[],
    },
    Spread {
        name: "hcg.clearance_l_per_d",
        sigma: 0.21,
        source: "[R] Ovidrel (choriogonadotropin alfa) label, 250 ug SC: terminal half-life \
                 29 ± 6 h (CV 21 %)",
        only: &[],
    },
    Spread {
        name: "hcg.bioavailability",
        sigma: 0.25,
        source: "[R] Ovidrel label: absolute bioavailability 0.4 ± 0.1 (CV 25 %)",
        only: &[],
    },
    Spread {
        name: "tamoxifen.clearance_l_per_d",
        sigma: 0.37,
        source: "[R] ter Heine 2014 (Br J Clin Pharmacol 78:572) population PK: CL/F \
                 between-subject variability 37.8 % CV",
        only: &[],
    },
    Spread {
        name: "tamoxifen.volume_l",
        sigma: 0.26,
        source: "[R] ter Heine 2014: V/F between-subject variability 26.6 % CV",
        only: &[],
    },
    Spread {
        name: "tubular_serum_androgen_gain",
        sigma: 1.5,
        source: "[F] T4 with the ITT spread: the men who stay oligozoospermic on enanthate have \
                 the same suppressed LH and FSH and the same serum T, but make more DHT from it \
                 (Wallace 1993, JCEM 77:290; Anderson 1996, JCEM 81:902), so this spread acts \
                 only under suppression; drawn last, so every earlier man's other draws are \
                 unchanged",
        only: &[],
    },
    Spread {
        name: "sertoli_number_floor",
        sigma: 0.30,
        source: "[R] untreated inhibin B in congenital GnRH deficiency, which the model makes \
                 from the Sertoli number: 29 ± 9 pg/mL (Dwyer 2013, JCEM 98:E1790) and 15 ± 5 \
                 (Kohva 2018), CV 0.31–0.33; only in the congenitally deficient presets (in a \
                 man who went through puberty the floor is 1 and must stay so)",
        only: &[Preset::GnrhDeficient, Preset::GnrhDeficientUntreated],
    },
];

/// A population: `n` men drawn from `base` with a seed.
#[derive(Debug, Clone, PartialEq)]
pub struct Population {
    /// The preset and overrides every man starts from.
    pub base: Patient,
    /// Number of men.
    pub n: usize,
    /// The population seed.
    pub seed: u64,
    /// The parameters that vary and their spreads (default [`SPREADS`]).
    pub spreads: Vec<Spread>,
}

pub use crate::protocol::MAX_PATIENTS;

impl Population {
    /// A population of `n` men (1 ≤ n ≤ [`MAX_PATIENTS`]) around `base`.
    pub fn new(base: Patient, n: usize, seed: u64) -> Result<Self> {
        PopulationSpec::new(n as u64, seed)?;
        base.params()?;
        Ok(Population {
            base,
            n,
            seed,
            spreads: SPREADS.to_vec(),
        })
    }

    /// The population a protocol asks for (its `population` field, drawn from its patient),
    /// or `None` for a protocol of one man.
    pub fn from_protocol(protocol: &Protocol) -> Result<Option<Population>> {
        protocol
            .population
            .map(|spec| Population::new(protocol.patient.clone(), spec.n, spec.seed))
            .transpose()
    }

    /// The same population with other spreads (each name must be a parameter, each sigma
    /// finite and ≥ 0).
    pub fn with_spreads(mut self, spreads: Vec<Spread>) -> Result<Self> {
        for s in &spreads {
            if Params::range(s.name).is_none() {
                return Err(HpgError::UnknownParameter {
                    name: s.name.to_string(),
                });
            }
            if !(s.sigma.is_finite() && s.sigma >= 0.0) {
                return Err(HpgError::InvalidInput {
                    field: format!("spread.{}", s.name),
                    message: format!("sigma must be finite and ≥ 0, got {}", s.sigma),
                });
            }
        }
        self.spreads = spreads;
        Ok(self)
    }

    /// Man number `index`: the base with every [`SPREADS`] parameter scaled, from
    /// (seed, index) alone.
    pub fn patient(&self, index: usize) -> Result<Patient> {
        if index >= self.n {
            return Err(HpgError::InvalidInput {
                field: "patient".into(),
                message: format!("index {index} is outside a population of {}", self.n),
            });
        }
        let base = self.base.params()?;
        let mut rng = SplitMix64::for_member(self.seed, index as u64);
        let mut patient = self.base.clone();
        for spread in &self.spreads {
            let z = rng.standard_normal();
            if !spread.only.is_empty() && !spread.only.contains(&self.base.preset) {
                continue;
            }
            let unknown = || HpgError::UnknownParameter {
                name: spread.name.to_string(),
            };
            let value = base.get(spread.name).ok_or_else(unknown)? * (spread.sigma * z).exp();
            let (lo, hi) = Params::range(spread.name).ok_or_else(unknown)?;
            let value = value.clamp(lo, hi);
            patient.overrides.retain(|(name, _)| name != spread.name);
            patient.overrides.push((spread.name.to_string(), value));
        }
        Ok(patient)
    }

    /// `protocol` for man `index`: his parameters, and, if the protocol jitters pulses with a
    /// seed, his own pulse seed derived from (protocol seed, index) so men do not pulse in step.
    pub fn protocol_for(&self, protocol: &Protocol, index: usize) -> Result<Protocol> {
        let mut p = protocol.clone();
        p.patient = self.patient(index)?;
        p.seed = protocol
            .seed
            .map(|s| mix64(mix64(s) ^ mix64(index as u64 ^ 0xA076_1D64_78BD_642F)));
        Ok(p)
    }

    /// Runs `protocol` (its patient replaced by each man) over the whole population in
    /// parallel and summarises every output at every sample time, with the fraction of men past
    /// each threshold. Memory is bounded by the summary (sparse log-histograms), not by `n`.
    pub fn summarize(&self, protocol: &Protocol, thresholds: &[Threshold]) -> Result<Summary> {
        self.summarize_with_progress(protocol, thresholds, &AtomicUsize::new(0))
    }

    /// As [`Population::summarize`], counting finished men in `done` (for a progress bar).
    pub fn summarize_with_progress(
        &self,
        protocol: &Protocol,
        thresholds: &[Threshold],
        done: &AtomicUsize,
    ) -> Result<Summary> {
        Ok(self
            .accumulate(protocol, thresholds, done, 0, 1)?
            .summary(thresholds))
    }

    /// Shard `shard` of `shards` of the population (the men whose index `i` has
    /// `i % shards == shard`), summarised into an exact, mergeable state: run the shards on
    /// different machines, [`SummaryState::merge`] the states, and the merged state's summary
    /// is identical to [`Population::summarize`]'s.
    ///
    /// ```
    /// use hpg::population::{Population, default_thresholds};
    /// use hpg::protocol::Protocol;
    /// use hpg::{Duration, Mode, Patient, Preset};
    /// use std::sync::atomic::AtomicUsize;
    /// let mut protocol = Protocol::new(Patient::new(Preset::Healthy), Duration::days(2.0));
    /// protocol.mode = Mode::MeanField;
    /// let men = Population::new(Patient::new(Preset::Healthy), 12, 1)?;
    /// let t = default_thresholds();
    /// let done = AtomicUsize::new(0);
    /// let a = men.summarize_shard(&protocol, &t, 0, 2, &done)?;
    /// let b = men.summarize_shard(&protocol, &t, 1, 2, &done)?;
    /// assert_eq!(a.merge(b)?.summary()?, men.summarize(&protocol, &t)?);
    /// # Ok::<(), hpg::HpgError>(())
    /// ```
    pub fn summarize_shard(
        &self,
        protocol: &Protocol,
        thresholds: &[Threshold],
        shard: u32,
        shards: u32,
        done: &AtomicUsize,
    ) -> Result<SummaryState> {
        if shards == 0 || shard >= shards {
            return Err(HpgError::InvalidInput {
                field: "shard".into(),
                message: format!("shard {shard}/{shards}: need 0 ≤ K < N"),
            });
        }
        let acc = self.accumulate(protocol, thresholds, done, shard as usize, shards as usize)?;
        Ok(SummaryState::new(
            protocol,
            &format!("{self:?}"),
            thresholds,
            shard,
            shards,
            acc,
        ))
    }

    /// Runs the men of shard `shard` of `shards` in parallel and accumulates them.
    fn accumulate(
        &self,
        protocol: &Protocol,
        thresholds: &[Threshold],
        done: &AtomicUsize,
        shard: usize,
        shards: usize,
    ) -> Result<Accumulator> {
        protocol.validate()?;
        check_sample_times(protocol)?;
        let men: Vec<usize> = (shard..self.n).step_by(shards).collect();
        // A few chunks per thread: at most that many partial summaries are alive at once.
        let threads = rayon::current_num_threads().max(1);
        let chunk = men.len().div_ceil(4 * threads).max(1);
        let empty = || Accumulator::new(thresholds.len());
        men.par_chunks(chunk)
            .map(|chunk| -> Result<Accumulator> {
                let mut acc = empty();
                for &i in chunk {
                    let p = self.protocol_for(protocol, i)?;
                    let mut k = 0usize;
                    p.run_streaming(|o| {
                        acc.add(k, o, thresholds);
                        k += 1;
                        Ok(())
                    })
                    .map_err(|e| in_patient(i, e))?;
                    acc.patients += 1;
                    done.fetch_add(1, Ordering::Relaxed);
                }
                Ok(acc)
            })
            // Sums are exact integers (fixed point), so the merge order cannot change them.
            .try_reduce(empty, |a, b| Ok(a.merge(b)))
    }

    /// Runs `protocol` for every man and hands each man's trajectory to `sink` in index order,
    /// computing `chunk` men at a time in parallel (memory: `chunk` trajectories).
    pub fn for_each_patient(
        &self,
        protocol: &Protocol,
        chunk: usize,
        done: &AtomicUsize,
        mut sink: impl FnMut(usize, &[Observation]) -> Result<()>,
    ) -> Result<()> {
        protocol.validate()?;
        // Hold at most ~500,000 observations (~40 MB) at once, whatever `chunk` asks.
        let samples = expected_samples(protocol).max(1);
        let chunk = chunk.clamp(1, (500_000 / samples).max(1));
        for start in (0..self.n).step_by(chunk) {
            let end = (start + chunk).min(self.n);
            let runs = (start..end)
                .into_par_iter()
                .map(|i| -> Result<Vec<Observation>> {
                    let p = self.protocol_for(protocol, i)?;
                    let samples = p.run().map_err(|e| in_patient(i, e))?.samples;
                    done.fetch_add(1, Ordering::Relaxed);
                    Ok(samples)
                })
                .collect::<Result<Vec<_>>>()?;
            for (offset, samples) in runs.iter().enumerate() {
                sink(start + offset, samples)?;
            }
        }
        Ok(())
    }
}

/// Names the patient in a simulation error.
fn in_patient(index: usize, e: HpgError) -> HpgError {
    e.within(&format!("patient {index}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn men_get_their_own_pulse_seeds() {
        let mut p = Protocol::new(
            Patient::new(crate::Preset::Healthy),
            crate::Duration::days(1.0),
        );
        let population = Population::new(Patient::new(crate::Preset::Healthy), 3, 1).unwrap();
        assert_eq!(population.protocol_for(&p, 0).unwrap().seed, None);
        p.seed = Some(5);
        let (a, b) = (
            population.protocol_for(&p, 0).unwrap().seed,
            population.protocol_for(&p, 1).unwrap().seed,
        );
        assert!(a.is_some() && a != b);
        assert_eq!(a, population.protocol_for(&p, 0).unwrap().seed);
    }

    #[test]
    fn too_many_sample_times_are_refused() {
        let mut p = Protocol::new(
            Patient::new(crate::Preset::Healthy),
            crate::Duration::days(365.0),
        );
        p.sample_every = crate::Duration::minutes(1.0);
        let population = Population::new(Patient::new(crate::Preset::Healthy), 2, 1).unwrap();
        let e = population.summarize(&p, &[]).unwrap_err();
        assert!(e.to_string().contains("sample less often"), "{e}");
    }
}

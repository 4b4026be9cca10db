//! Virtual populations: many men drawn from a preset, each parameter that varies between men
//! scaled by a log-normal factor, run in parallel (rayon), summarised per sample time without
//! holding every patient's trajectory.
//!
//! A patient depends on (population seed, index) alone ([`Population::patient`]), so any one can
//! be rerun by itself and shards run on different machines give identical patients.
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
use crate::model::patient::Patient;
use crate::output::{CSV_HEADER, Observation};
use crate::protocol::Protocol;
use rayon::prelude::*;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Between-men spread of one parameter: `value = preset value × exp(sigma · z)`, `z ~ N(0, 1)`,
/// clamped into the parameter's valid range.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Spread {
    /// Parameter name ([`Params::NAMES`]).
    pub name: &'static str,
    /// Standard deviation of the natural log of the factor.
    pub sigma: f64,
    /// Where the spread comes from, or the target it was fitted to.
    pub source: &'static str,
}

/// The parameters that vary between men, with their log-normal spreads. Fitted with
/// `examples/population_calibration.rs` (500 men, seed 2026, `mean_field`); what each row
/// reaches is in the README.
pub const SPREADS: [Spread; 7] = [
    Spread {
        name: "shbg_nmol_l",
        sigma: 0.40,
        source: "[R/F] laboratory reference intervals for adult men span 18–54 nmol/L (Region \
                 Gävleborg 2021, men 20–49 y: σ = ln(54/18)/3.92 = 0.28) to 13–90 nmol/L \
                 (North Bristol NHS Severn Pathology 2022: σ = 0.49); 0.40, inside that span, \
                 fitted with freq_free_t_half to B1 (Travison's pooled US/European cohorts)",
    },
    Spread {
        name: "freq_free_t_half",
        sigma: 0.45,
        source: "[F] B1: total T 2.5–97.5th centile 264–916 ng/dL (Travison 2017); the \
                 hypothalamic set point for free T, with the SHBG spread (which moves total T \
                 through clearance) and the Leydig spread",
    },
    Spread {
        name: "leydig_capacity",
        sigma: 0.40,
        source: "[F] B1 together with freq_free_t_half and B3 (wider spreads push LH's 97.5th \
                 centile past 12 IU/L)",
    },
    Spread {
        name: "lh_reference_iu_l",
        sigma: 0.30,
        source: "[F] B3: LH 2.2–11.6 IU/L (FAMHES) with the other spreads",
    },
    Spread {
        name: "sperm_reference_m_ml",
        sigma: 0.55,
        source: "[F] B11: median ~70 M/mL, 5th centile 15 M/mL (Cooper 2010), with the ITT \
                 spread",
    },
    Spread {
        name: "sertoli_itt_half",
        sigma: 2.0,
        source: "[F] T4: 65 % azoospermic by 6 months of enanthate 200 mg weekly (WHO 1990): \
                 men differ widely in the ITT their spermatogenesis needs",
    },
    Spread {
        name: "reserve_regrowth_per_d",
        sigma: 1.0,
        source: "[F] T5: 67/90/100 % back to ≥ 20 M/mL by 6/12/24 months after stopping \
                 (Liu 2006). How fast a man's spermatogonial reserve repopulates after \
                 suppression carries the published tail",
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

/// The largest population a protocol may ask for.
pub const MAX_PATIENTS: usize = 1_000_000;

impl Population {
    /// A population of `n` men (1 ≤ n ≤ [`MAX_PATIENTS`]) around `base`.
    pub fn new(base: Patient, n: usize, seed: u64) -> Result<Self> {
        if n == 0 || n > MAX_PATIENTS {
            return Err(HpgError::InvalidInput {
                field: "population.n".into(),
                message: format!("must be between 1 and {MAX_PATIENTS}, got {n}"),
            });
        }
        base.params()?;
        Ok(Population {
            base,
            n,
            seed,
            spreads: SPREADS.to_vec(),
        })
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
        let mut rng = SplitMix64::new(self.seed, index as u64);
        let mut patient = self.base.clone();
        for spread in &self.spreads {
            let z = rng.standard_normal();
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
        protocol.validate()?;
        check_sample_times(protocol)?;
        // A few chunks per thread: at most that many partial summaries are alive at once.
        let threads = rayon::current_num_threads().max(1);
        let chunk = self.n.div_ceil(4 * threads).max(1);
        let empty = || Accumulator::new(thresholds.len());
        let chunks: Vec<(usize, usize)> = (0..self.n)
            .step_by(chunk)
            .map(|start| (start, (start + chunk).min(self.n)))
            .collect();
        let acc = chunks
            .into_par_iter()
            .map(|(start, end)| -> Result<Accumulator> {
                let mut acc = empty();
                for i in start..end {
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
            .try_reduce(empty, |a, b| Ok(a.merge(b)))?;
        Ok(acc.summary(thresholds))
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

/// Liu 2006's recovery endpoint on one man's trajectory after stopping TRT: months from the
/// last dose (`last_dose_day`) until sperm is back to ≥ 20 M/mL, or, for a man whose baseline
/// (the first sample) is under 20 M/mL, back within 5 % of that baseline (the model approaches
/// it only asymptotically). Counted after both the last dose and the lowest point within 120
/// days of it; 0 for a man never pushed below the threshold; `None` if he does not get back
/// within the trajectory.
///
/// ```
/// use hpg::Observation;
/// use hpg::population::months_to_sperm_recovery;
/// // Only time (column 0) and sperm (column 8) matter here.
/// let at = |day: f64, sperm: f64| {
///     Observation::from_values([day, 500.0, 100.0, 5.0, 5.0, 25.0, 400.0, 170.0, sperm, 22.0])
/// };
/// let man = [at(0.0, 60.0), at(100.0, 0.0), at(150.0, 5.0), at(252.0, 25.0)];
/// // Last dose on day 100: back to >= 20 M/mL 152 days (5.0 months) later.
/// let months = months_to_sperm_recovery(&man, 100.0).unwrap();
/// assert!((months - 152.0 / 30.44).abs() < 1e-12);
/// ```
pub fn months_to_sperm_recovery(samples: &[Observation], last_dose_day: f64) -> Option<f64> {
    let baseline = samples.first()?.sperm_million_per_ml;
    let target = if baseline < 20.0 {
        0.95 * baseline
    } else {
        20.0
    };
    let nadir = samples
        .iter()
        .filter(|o| o.time_days <= last_dose_day + 120.0)
        .min_by(|a, b| a.sperm_million_per_ml.total_cmp(&b.sperm_million_per_ml))?;
    if nadir.sperm_million_per_ml >= target {
        return Some(0.0);
    }
    // Back means back after both the lowest point and the last dose.
    let from = nadir.time_days.max(last_dose_day);
    samples
        .iter()
        .find(|o| o.time_days > from && o.sperm_million_per_ml >= target)
        .map(|o| (o.time_days - last_dose_day) / 30.44)
}

/// Names the patient in a simulation error.
fn in_patient(index: usize, e: HpgError) -> HpgError {
    match e {
        HpgError::Solver { time_days, reason } => HpgError::Solver {
            time_days,
            reason: format!("{reason} (patient {index})"),
        },
        HpgError::NonFiniteState {
            state,
            value,
            time_days,
        } => HpgError::Solver {
            time_days,
            reason: format!("state `{state}` became {value} (patient {index})"),
        },
        other => other,
    }
}

/// Sample times a protocol run yields, about (time 0, every `sample_every`, and the end); only
/// used to size buffers, the summaries grow with the samples that actually arrive.
fn expected_samples(protocol: &Protocol) -> usize {
    let ratio = protocol.duration.as_hours() / protocol.sample_every.as_hours();
    (ratio.ceil().min(1e12) as usize).saturating_add(1)
}

/// The most sample times a population summary keeps (each holds nine histograms).
pub const MAX_SUMMARY_SAMPLES: usize = 50_000;

fn check_sample_times(protocol: &Protocol) -> Result<()> {
    let samples = expected_samples(protocol);
    if samples > MAX_SUMMARY_SAMPLES {
        return Err(HpgError::InvalidInput {
            field: "sample_every".into(),
            message: format!(
                "a population summary keeps at most {MAX_SUMMARY_SAMPLES} sample times, this \
                 protocol has {samples}; sample less often"
            ),
        });
    }
    Ok(())
}

/// A threshold on one output column: the fraction of men below (or above) it over time.
#[derive(Debug, Clone, PartialEq)]
pub struct Threshold {
    /// Index of the column in [`Observation::values`].
    column: usize,
    /// The column's name.
    pub quantity: &'static str,
    /// The threshold value in the column's unit.
    pub value: f64,
    /// Counting men below (true) or above (false) the value.
    pub below: bool,
}

impl Threshold {
    fn new(quantity: &str, value: f64, below: bool) -> Result<Self> {
        let column =
            COLUMNS
                .iter()
                .position(|c| *c == quantity)
                .ok_or_else(|| HpgError::InvalidInput {
                    field: "threshold".into(),
                    message: format!(
                        "unknown quantity `{quantity}` (expected one of: {})",
                        COLUMNS[1..].join(", ")
                    ),
                })?;
        if column == 0 || !value.is_finite() {
            return Err(HpgError::InvalidInput {
                field: "threshold".into(),
                message: format!("`{quantity} {value}` is not a threshold on an output"),
            });
        }
        Ok(Threshold {
            column,
            quantity: COLUMNS[column],
            value,
            below,
        })
    }

    /// Men with `quantity < value`.
    pub fn below(quantity: &str, value: f64) -> Result<Self> {
        Threshold::new(quantity, value, true)
    }

    /// Men with `quantity > value`.
    pub fn above(quantity: &str, value: f64) -> Result<Self> {
        Threshold::new(quantity, value, false)
    }

    /// The label used in the summary CSV, e.g. `sperm_million_per_ml<1`.
    pub fn label(&self) -> String {
        format!(
            "{}{}{}",
            self.quantity,
            if self.below { '<' } else { '>' },
            self.value
        )
    }

    fn holds(&self, o: &Observation) -> bool {
        let v = o.values()[self.column];
        if self.below {
            v < self.value
        } else {
            v > self.value
        }
    }
}

/// The default thresholds: sperm < 1 and < 15 M/mL, T < 300 ng/dL, LH < 1 IU/L.
pub fn default_thresholds() -> Vec<Threshold> {
    [
        ("sperm_million_per_ml", 1.0),
        ("sperm_million_per_ml", 15.0),
        ("testosterone_ng_dl", 300.0),
        ("lh_iu_l", 1.0),
    ]
    .into_iter()
    .map(|(q, v)| Threshold::below(q, v).expect("known column"))
    .collect()
}

/// Output column names, as in [`CSV_HEADER`] (a test keeps the two equal).
const COLUMNS: [&str; 10] = [
    "time_days",
    "testosterone_ng_dl",
    "free_testosterone_pg_ml",
    "lh_iu_l",
    "fsh_iu_l",
    "estradiol_pg_ml",
    "itt_ng_ml",
    "inhibin_b_pg_ml",
    "sperm_million_per_ml",
    "testis_volume_ml",
];

/// Quantities summarised (every output column but time).
const QUANTITIES: usize = 9;

/// Log-histogram bins: ratio 1.02 between bin edges (percentiles within ±1 %), from 1e-4 up.
const BIN_RATIO_LN: f64 = 0.019_802_627_296_179_712; // ln 1.02
const BIN_FLOOR: f64 = 1e-4;
const BINS: u16 = 1_400; // up to 1e-4 · 1.02^1400 ≈ 1e8

/// Sparse histogram of one quantity at one sample time, with its sum.
#[derive(Debug, Clone, Default)]
struct Histogram {
    /// (bin, count), sorted by bin; bin 0 holds values ≤ 1e-4 (including 0).
    bins: Vec<(u16, u32)>,
    /// Sum of the values in units of 2^-32, exact and so independent of the merge order.
    sum: i128,
}

/// Fixed-point scale of [`Histogram::sum`].
const SUM_SCALE: f64 = 4_294_967_296.0; // 2^32

impl Histogram {
    fn bin_of(v: f64) -> u16 {
        if v <= BIN_FLOOR {
            0
        } else {
            ((v / BIN_FLOOR).ln() / BIN_RATIO_LN)
                .floor()
                .clamp(0.0, f64::from(BINS - 1)) as u16
                + 1
        }
    }

    /// A value standing for bin `b`: its geometric centre (0 for the bottom bin).
    fn value_of(b: u16) -> f64 {
        if b == 0 {
            0.0
        } else {
            BIN_FLOOR * ((f64::from(b) - 0.5) * BIN_RATIO_LN).exp()
        }
    }

    fn add(&mut self, v: f64) {
        // Outputs are finite and non-negative; saturate rather than wrap on absurd values.
        self.sum += (v * SUM_SCALE).round().clamp(-1e30, 1e30) as i128;
        let b = Histogram::bin_of(v);
        match self.bins.binary_search_by_key(&b, |&(bin, _)| bin) {
            Ok(i) => self.bins[i].1 += 1,
            Err(i) => self.bins.insert(i, (b, 1)),
        }
    }

    fn mean(&self, n: u64) -> f64 {
        self.sum as f64 / SUM_SCALE / n.max(1) as f64
    }

    fn merge(&mut self, other: &Histogram) {
        self.sum += other.sum;
        for &(b, c) in &other.bins {
            match self.bins.binary_search_by_key(&b, |&(bin, _)| bin) {
                Ok(i) => self.bins[i].1 += c,
                Err(i) => self.bins.insert(i, (b, c)),
            }
        }
    }

    /// The `q`-quantile (0–1) by the nearest-rank rule.
    fn quantile(&self, q: f64, n: u64) -> f64 {
        let rank = ((q * n as f64).ceil() as u64).clamp(1, n.max(1));
        let mut seen = 0u64;
        for &(b, c) in &self.bins {
            seen += u64::from(c);
            if seen >= rank {
                return Histogram::value_of(b);
            }
        }
        f64::NAN
    }
}

/// Per-thread partial summary.
struct Accumulator {
    patients: u64,
    thresholds: usize,
    times: Vec<f64>,
    histograms: Vec<[Histogram; QUANTITIES]>,
    counts: Vec<Vec<u64>>,
}

impl Accumulator {
    fn new(thresholds: usize) -> Self {
        Accumulator {
            patients: 0,
            thresholds,
            times: Vec::new(),
            histograms: Vec::new(),
            counts: Vec::new(),
        }
    }

    /// Makes room for sample `k`.
    fn reach(&mut self, k: usize) {
        while self.times.len() <= k {
            self.times.push(f64::NAN);
            self.histograms.push(Default::default());
            self.counts.push(vec![0; self.thresholds]);
        }
    }

    fn add(&mut self, k: usize, o: &Observation, thresholds: &[Threshold]) {
        self.reach(k);
        self.times[k] = o.time_days;
        let v = o.values();
        for (q, h) in self.histograms[k].iter_mut().enumerate() {
            h.add(v[q + 1]);
        }
        for (c, t) in self.counts[k].iter_mut().zip(thresholds) {
            *c += u64::from(t.holds(o));
        }
    }

    fn merge(mut self, other: Accumulator) -> Accumulator {
        self.patients += other.patients;
        if let Some(last) = other.times.len().checked_sub(1) {
            self.reach(last);
        }
        for k in 0..other.times.len() {
            if self.times[k].is_nan() {
                self.times[k] = other.times[k];
            }
            for q in 0..QUANTITIES {
                self.histograms[k][q].merge(&other.histograms[k][q]);
            }
            for (a, b) in self.counts[k].iter_mut().zip(&other.counts[k]) {
                *a += b;
            }
        }
        self
    }

    fn summary(self, thresholds: &[Threshold]) -> Summary {
        let n = self.patients;
        let quantities = (0..QUANTITIES)
            .map(|q| QuantitySummary {
                quantity: COLUMNS[q + 1],
                rows: self
                    .times
                    .iter()
                    .zip(&self.histograms)
                    .map(|(&t, h)| {
                        let h = &h[q];
                        Percentiles {
                            time_days: t,
                            p5: h.quantile(0.05, n),
                            p25: h.quantile(0.25, n),
                            p50: h.quantile(0.50, n),
                            p75: h.quantile(0.75, n),
                            p95: h.quantile(0.95, n),
                            mean: h.mean(n),
                        }
                    })
                    .collect(),
            })
            .collect();
        let fractions = thresholds
            .iter()
            .enumerate()
            .map(|(j, t)| FractionSummary {
                label: t.label(),
                rows: self
                    .times
                    .iter()
                    .zip(&self.counts)
                    .map(|(&time, c)| (time, c[j] as f64 / n.max(1) as f64))
                    .collect(),
            })
            .collect();
        Summary {
            patients: n,
            quantities,
            fractions,
        }
    }
}

/// Percentiles and mean of one quantity at one time. Percentiles come from log-spaced
/// histograms: within ±1 % of the exact order statistic (values ≤ 1e-4 read as 0).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Percentiles {
    /// Sample time \[d\].
    pub time_days: f64,
    /// 5th centile.
    pub p5: f64,
    /// 25th centile.
    pub p25: f64,
    /// Median.
    pub p50: f64,
    /// 75th centile.
    pub p75: f64,
    /// 95th centile.
    pub p95: f64,
    /// Mean (exact).
    pub mean: f64,
}

/// One quantity over time.
#[derive(Debug, Clone, PartialEq)]
pub struct QuantitySummary {
    /// Output column name.
    pub quantity: &'static str,
    /// One row per sample time.
    pub rows: Vec<Percentiles>,
}

/// The fraction of men past one threshold over time.
#[derive(Debug, Clone, PartialEq)]
pub struct FractionSummary {
    /// `quantity<value` or `quantity>value`.
    pub label: String,
    /// (time in days, fraction of men).
    pub rows: Vec<(f64, f64)>,
}

/// A population run, summarised.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    /// Men simulated.
    pub patients: u64,
    /// Every output column but time.
    pub quantities: Vec<QuantitySummary>,
    /// One per threshold.
    pub fractions: Vec<FractionSummary>,
}

/// Header of the summary CSV.
pub const SUMMARY_CSV_HEADER: &str = "time_days,quantity,p5,p25,p50,p75,p95,mean";

impl Summary {
    /// The summary of one output column.
    pub fn quantity(&self, name: &str) -> Option<&QuantitySummary> {
        self.quantities.iter().find(|q| q.quantity == name)
    }

    /// The fraction series of a threshold label (`sperm_million_per_ml<1`).
    pub fn fraction(&self, label: &str) -> Option<&FractionSummary> {
        self.fractions.iter().find(|f| f.label == label)
    }

    /// Writes the summary CSV: per time, one row per quantity, then one row per threshold
    /// whose `quantity` is the threshold label and whose `mean` is the fraction of men (the
    /// percentile columns are empty there).
    pub fn write_csv<W: std::io::Write>(&self, out: &mut W) -> std::io::Result<()> {
        writeln!(out, "{SUMMARY_CSV_HEADER}")?;
        let times = self.quantities.first().map_or(0, |q| q.rows.len());
        for k in 0..times {
            for q in &self.quantities {
                let r = &q.rows[k];
                writeln!(
                    out,
                    "{},{},{},{},{},{},{},{}",
                    short(r.time_days),
                    q.quantity,
                    short(r.p5),
                    short(r.p25),
                    short(r.p50),
                    short(r.p75),
                    short(r.p95),
                    short(r.mean)
                )?;
            }
            for f in &self.fractions {
                let (t, frac) = f.rows[k];
                writeln!(out, "{},{},,,,,,{}", short(t), f.label, short(frac))?;
            }
        }
        Ok(())
    }
}

/// The per-patient CSV header: `patient` and the single-patient columns.
pub fn per_patient_csv_header() -> String {
    format!("patient,{CSV_HEADER}")
}

/// Six significant digits, as the single-patient CSV.
fn short(x: f64) -> String {
    crate::output::Rounded(x).to_string()
}

/// SplitMix64 seeded by (population seed, patient index): the same man on any machine.
struct SplitMix64(u64);

/// The SplitMix64 finaliser: a bijective 64-bit mix.
fn mix64(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

impl SplitMix64 {
    /// Independent streams per man: the state starts at a hash of (seed, index), so man i+1's
    /// draws are not man i's shifted by one (as adding the index to the state would make them).
    fn new(seed: u64, index: u64) -> Self {
        SplitMix64(mix64(
            mix64(seed ^ 0x5851_F42D_4C95_7F2D) ^ mix64(index.wrapping_add(1)),
        ))
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        mix64(self.0)
    }

    /// Uniform in (0, 1].
    fn uniform(&mut self) -> f64 {
        ((self.next() >> 11) as f64 + 1.0) / (1u64 << 53) as f64
    }

    /// Standard normal by Box–Muller (one of the pair; simple and platform-independent).
    fn standard_normal(&mut self) -> f64 {
        let (u1, u2) = (self.uniform(), self.uniform());
        (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_are_the_csv_header() {
        assert_eq!(COLUMNS.join(","), CSV_HEADER);
    }

    #[test]
    fn histogram_quantiles_are_within_one_percent() {
        let mut h = Histogram::default();
        let values: Vec<f64> = (1..=1000).map(|i| f64::from(i) * 0.37).collect();
        for v in &values {
            h.add(*v);
        }
        for q in [0.05, 0.25, 0.5, 0.75, 0.95] {
            let exact = values[((q * 1000.0) as usize).max(1) - 1];
            let got = h.quantile(q, 1000);
            assert!((got / exact - 1.0).abs() < 0.011, "q {q}: {got} vs {exact}");
        }
    }

    #[test]
    fn normals_have_unit_variance() {
        let mut rng = SplitMix64::new(1, 2);
        let z: Vec<f64> = (0..20_000).map(|_| rng.standard_normal()).collect();
        let mean = z.iter().sum::<f64>() / z.len() as f64;
        let var = z.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / z.len() as f64;
        assert!(
            mean.abs() < 0.03 && (var - 1.0).abs() < 0.03,
            "{mean} {var}"
        );
    }

    /// Neighbouring men draw independent numbers (not the same stream shifted by one).
    #[test]
    fn neighbouring_men_are_independent() {
        let draws = |i: u64| {
            let mut r = SplitMix64::new(7, i);
            (0..8).map(|_| r.next()).collect::<Vec<_>>()
        };
        let (a, b) = (draws(0), draws(1));
        for x in &a {
            assert!(!b.contains(x));
        }
        // Correlation of the first normal draw across men is near zero.
        let z: Vec<(f64, f64)> = (0..5000)
            .map(|i| {
                let mut r = SplitMix64::new(7, i);
                let first = r.standard_normal();
                let mut next = SplitMix64::new(7, i + 1);
                (first, next.standard_normal())
            })
            .collect();
        let corr = z.iter().map(|(a, b)| a * b).sum::<f64>() / z.len() as f64;
        assert!(corr.abs() < 0.05, "{corr}");
    }

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

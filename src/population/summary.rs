//! Population summaries streamed as men finish: per sample time, a sparse log-histogram of
//! every quantity (centiles within ±1 %) and an exact fixed-point sum (the mean), and the
//! fraction of men past each threshold. Memory grows with the sample times, not with the men.

use crate::error::{HpgError, Result};
use crate::output::{COLUMNS, CSV_HEADER, Observation, QUANTITIES};
use crate::protocol::Protocol;
use serde::{Deserialize, Serialize};

/// Sample times a protocol run yields, about (time 0, every `sample_every`, and the end); only
/// used to size buffers, the summaries grow with the samples that actually arrive.
pub(super) fn expected_samples(protocol: &Protocol) -> usize {
    let ratio = protocol.duration.as_hours() / protocol.sample_every.as_hours();
    (ratio.ceil().min(1e12) as usize).saturating_add(1)
}

/// The most sample times a population summary keeps (each holds nine histograms).
pub const MAX_SUMMARY_SAMPLES: usize = 50_000;

pub(super) fn check_sample_times(protocol: &Protocol) -> Result<()> {
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

    /// The threshold a [`Threshold::label`] names (the label round-trips exactly).
    fn parse_label(label: &str) -> Result<Self> {
        let (at, below) = label
            .find('<')
            .map(|i| (i, true))
            .or_else(|| label.find('>').map(|i| (i, false)))
            .ok_or_else(|| HpgError::InvalidInput {
                field: "threshold".into(),
                message: format!("`{label}` is not a threshold label"),
            })?;
        let value: f64 = label[at + 1..]
            .parse()
            .map_err(|_| HpgError::InvalidInput {
                field: "threshold".into(),
                message: format!("`{label}` is not a threshold label"),
            })?;
        Threshold::new(&label[..at], value, below)
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

/// Log-histogram bins: ratio 1.02 between bin edges (percentiles within ±1 %), from 1e-4 up.
const BIN_RATIO_LN: f64 = 0.019_802_627_296_179_712; // ln 1.02
const BIN_FLOOR: f64 = 1e-4;
const BINS: u16 = 1_400; // up to 1e-4 · 1.02^1400 ≈ 1e8

/// Sparse histogram of one quantity at one sample time, with its sum.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
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

/// Per-thread (or per-shard) partial summary: integer counts and fixed-point sums, so any two
/// merge exactly, in any order.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(super) struct Accumulator {
    pub(super) patients: u64,
    thresholds: usize,
    /// Sample times (`None` until a man reached that sample).
    times: Vec<Option<f64>>,
    histograms: Vec<[Histogram; QUANTITIES]>,
    counts: Vec<Vec<u64>>,
}

impl Accumulator {
    pub(super) fn new(thresholds: usize) -> Self {
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
            self.times.push(None);
            self.histograms.push(Default::default());
            self.counts.push(vec![0; self.thresholds]);
        }
    }

    pub(super) fn add(&mut self, k: usize, o: &Observation, thresholds: &[Threshold]) {
        self.reach(k);
        self.times[k] = Some(o.time_days);
        let v = o.values();
        for (q, h) in self.histograms[k].iter_mut().enumerate() {
            h.add(v[q + 1]);
        }
        for (c, t) in self.counts[k].iter_mut().zip(thresholds) {
            *c += u64::from(t.holds(o));
        }
    }

    pub(super) fn merge(mut self, other: Accumulator) -> Accumulator {
        self.patients += other.patients;
        if let Some(last) = other.times.len().checked_sub(1) {
            self.reach(last);
        }
        for k in 0..other.times.len() {
            if self.times[k].is_none() {
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

    pub(super) fn summary(self, thresholds: &[Threshold]) -> Summary {
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
                            time_days: t.unwrap_or(f64::NAN),
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
                    .map(|(&time, c)| (time.unwrap_or(f64::NAN), c[j] as f64 / n.max(1) as f64))
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

/// The format of [`SummaryState`] this build writes and reads.
pub const SUMMARY_STATE_FORMAT: u32 = 1;

/// One shard's exact, mergeable summary of a population run (serde): the integer histogram
/// counts and fixed-point sums behind a [`Summary`]. Shards of the same protocol merge into the
/// state of the whole run, and the summary of a complete merge is identical, to the last bit, to
/// that of one unsharded run (`Population::summarize_shard`, `simulate --shard` / `--merge`).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SummaryState {
    format: u32,
    /// The protocol run and the population drawn (their `Debug` text): only states of the same
    /// run merge.
    protocol: String,
    /// The thresholds' labels, in order.
    thresholds: Vec<String>,
    /// How many shards the population was split into.
    shards: u32,
    /// Which shards this state holds.
    held: Vec<u32>,
    accumulator: Accumulator,
}

impl SummaryState {
    pub(super) fn new(
        protocol: &Protocol,
        population: &str,
        thresholds: &[Threshold],
        shard: u32,
        shards: u32,
        accumulator: Accumulator,
    ) -> Self {
        SummaryState {
            format: SUMMARY_STATE_FORMAT,
            protocol: format!("{protocol:?} | {population}"),
            thresholds: thresholds.iter().map(Threshold::label).collect(),
            shards,
            held: vec![shard],
            accumulator,
        }
    }

    /// Checks a state read from a file: its format, and that its parts fit together (shards in
    /// range and distinct, one histogram set and one count per threshold for every sample).
    pub fn check(&self) -> Result<()> {
        let bad = |message: String| HpgError::InvalidInput {
            field: "summary state".into(),
            message,
        };
        if self.format != SUMMARY_STATE_FORMAT {
            return Err(bad(format!(
                "written in format {} but this build reads format {SUMMARY_STATE_FORMAT}",
                self.format
            )));
        }
        let mut held = self.held.clone();
        held.sort_unstable();
        held.dedup();
        if self.shards == 0
            || held.len() != self.held.len()
            || held.iter().any(|&k| k >= self.shards)
        {
            return Err(bad(format!(
                "its shards {:?} do not fit a split into {}",
                self.held, self.shards
            )));
        }
        let a = &self.accumulator;
        if a.thresholds != self.thresholds.len()
            || a.histograms.len() != a.times.len()
            || a.counts.len() != a.times.len()
            || a.counts.iter().any(|c| c.len() != a.thresholds)
        {
            return Err(bad(
                "its parts do not fit together (edited or damaged?)".into()
            ));
        }
        Ok(())
    }

    /// The men summarised so far.
    pub fn patients(&self) -> u64 {
        self.accumulator.patients
    }

    /// Whether every shard is held.
    pub fn is_complete(&self) -> bool {
        self.held.len() == self.shards as usize
    }

    /// Merges `other` (a state of other shards of the same run) into this one. Refuses states
    /// of another protocol, other thresholds or another split, a shard held twice, and a state
    /// of another format.
    pub fn merge(mut self, other: SummaryState) -> Result<SummaryState> {
        let bad = |message: String| HpgError::InvalidInput {
            field: "summary state".into(),
            message,
        };
        self.check()?;
        other.check()?;
        if self.protocol != other.protocol {
            return Err(bad("the states come from different protocols".into()));
        }
        if self.thresholds != other.thresholds {
            return Err(bad("the states count different thresholds".into()));
        }
        if self.shards != other.shards {
            return Err(bad(format!(
                "the states split the population into {} and {} shards",
                self.shards, other.shards
            )));
        }
        if let Some(k) = other.held.iter().find(|k| self.held.contains(k)) {
            return Err(bad(format!("shard {k}/{} is given twice", self.shards)));
        }
        self.held.extend(other.held);
        self.held.sort_unstable();
        self.accumulator = self.accumulator.merge(other.accumulator);
        Ok(self)
    }

    /// The summary of a complete state; an error naming the missing shards otherwise.
    pub fn summary(self) -> Result<Summary> {
        self.check()?;
        if !self.is_complete() {
            let missing: Vec<String> = (0..self.shards)
                .filter(|k| !self.held.contains(k))
                .map(|k| format!("{k}/{}", self.shards))
                .collect();
            return Err(HpgError::InvalidInput {
                field: "summary state".into(),
                message: format!("shards missing: {}", missing.join(", ")),
            });
        }
        let thresholds: Vec<Threshold> = self
            .thresholds
            .iter()
            .map(|label| Threshold::parse_label(label))
            .collect::<Result<_>>()?;
        Ok(self.accumulator.summary(&thresholds))
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

#[cfg(test)]
mod tests {
    use super::*;

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
}

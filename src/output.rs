//! What a simulation reports: one [`Observation`] per sample, a [`Trajectory`] of them, and
//! their CSV and JSON forms (the output contract in `docs/ARCHITECTURE.md`).

use serde::{Deserialize, Serialize};
use std::io::Write;

/// Declares the output columns once: their names ([`COLUMNS`]) and the CSV header made of them.
macro_rules! columns {
    ($first:literal $(, $rest:literal)* $(,)?) => {
        /// The output columns, in the contract's order: time, then every quantity.
        pub const COLUMNS: [&str; 1 $(+ { let _ = $rest; 1 })*] = [$first $(, $rest)*];
        /// The CSV header, in the contract's order.
        pub const CSV_HEADER: &str = concat!($first $(, ",", $rest)*);
    };
}

columns!(
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
);

/// Number of quantities an observation reports (every column but time).
pub const QUANTITIES: usize = COLUMNS.len() - 1;

/// Instantaneous values at one time (a blood draw, not an average).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Observation {
    /// Time since the simulation start \[d\].
    pub time_days: f64,
    /// Serum total testosterone \[ng/dL\].
    pub testosterone_ng_dl: f64,
    /// Serum free testosterone (Vermeulen) \[pg/mL\].
    pub free_testosterone_pg_ml: f64,
    /// Serum LH \[IU/L\].
    pub lh_iu_l: f64,
    /// Serum FSH \[IU/L\].
    pub fsh_iu_l: f64,
    /// Serum estradiol \[pg/mL\].
    pub estradiol_pg_ml: f64,
    /// Intratesticular testosterone \[ng/mL\].
    pub itt_ng_ml: f64,
    /// Serum inhibin B \[pg/mL\].
    pub inhibin_b_pg_ml: f64,
    /// Sperm concentration \[million/mL\].
    pub sperm_million_per_ml: f64,
    /// Testis volume (one testis, orchidometer) \[mL\].
    pub testis_volume_ml: f64,
}

impl Observation {
    /// The observation from values in CSV column order (the inverse of [`Observation::values`]).
    ///
    /// ```
    /// # use hpg::prelude::*;
    /// let mut sim = Simulation::new(Patient::new(Preset::Healthy), SimOptions::mode(Mode::MeanField))?;
    /// let o = sim.observe()?;
    /// assert_eq!(Observation::from_values(o.values()), o);
    /// # Ok::<(), hpg::HpgError>(())
    /// ```
    pub fn from_values(v: [f64; COLUMNS.len()]) -> Self {
        Observation {
            time_days: v[0],
            testosterone_ng_dl: v[1],
            free_testosterone_pg_ml: v[2],
            lh_iu_l: v[3],
            fsh_iu_l: v[4],
            estradiol_pg_ml: v[5],
            itt_ng_ml: v[6],
            inhibin_b_pg_ml: v[7],
            sperm_million_per_ml: v[8],
            testis_volume_ml: v[9],
        }
    }

    /// Column-wise mean of `samples`, stamped with the last sample's time; `None` if empty.
    pub fn mean<'a>(samples: impl IntoIterator<Item = &'a Observation>) -> Option<Observation> {
        let mut sum = [0.0; COLUMNS.len()];
        let mut n = 0usize;
        let mut last_time = 0.0;
        for o in samples {
            for (s, v) in sum.iter_mut().zip(o.values()) {
                *s += v;
            }
            last_time = o.time_days;
            n += 1;
        }
        (n > 0).then(|| {
            let mut mean = sum.map(|s| s / n as f64);
            mean[0] = last_time;
            Observation::from_values(mean)
        })
    }

    /// The values in CSV column order.
    pub fn values(&self) -> [f64; COLUMNS.len()] {
        [
            self.time_days,
            self.testosterone_ng_dl,
            self.free_testosterone_pg_ml,
            self.lh_iu_l,
            self.fsh_iu_l,
            self.estradiol_pg_ml,
            self.itt_ng_ml,
            self.inhibin_b_pg_ml,
            self.sperm_million_per_ml,
            self.testis_volume_ml,
        ]
    }

    /// Writes one CSV row (no header).
    pub fn write_csv_row<W: Write>(&self, out: &mut W) -> std::io::Result<()> {
        let v = self.values();
        for (i, x) in v.iter().enumerate() {
            if i > 0 {
                out.write_all(b",")?;
            }
            write!(out, "{}", Rounded(*x))?;
        }
        out.write_all(b"\n")
    }
}

/// Prints a value with 6 significant digits, without trailing noise (every CSV this crate
/// writes uses it).
pub(crate) struct Rounded(pub f64);

impl std::fmt::Display for Rounded {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let x = self.0;
        if x == 0.0 {
            return f.write_str("0");
        }
        let digits = (5 - x.abs().log10().floor() as i32).clamp(0, 12) as usize;
        let s = format!("{x:.digits$}");
        let s = if s.contains('.') {
            s.trim_end_matches('0').trim_end_matches('.').to_string()
        } else {
            s
        };
        f.write_str(&s)
    }
}

/// Solver work done so far.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct SolverStats {
    /// Accepted integrator steps.
    pub steps: u64,
    /// Rejected integrator steps.
    pub rejected_steps: u64,
    /// Right-hand-side evaluations (including those that form Jacobians).
    pub rhs_evaluations: u64,
    /// Jacobians formed (linearly implicit method only).
    #[serde(default)]
    pub jacobians: u64,
    /// Integration segments (restarts at breakpoints).
    pub segments: u64,
    /// GnRH pulses fired.
    pub pulses: u64,
    /// Doses given and infusion edges passed.
    pub dose_events: u64,
}

/// A sampled run: observations in time order.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Trajectory {
    /// The samples.
    pub samples: Vec<Observation>,
}

impl Trajectory {
    /// Writes the header and every row as CSV.
    pub fn write_csv<W: Write>(&self, out: &mut W) -> std::io::Result<()> {
        writeln!(out, "{CSV_HEADER}")?;
        for s in &self.samples {
            s.write_csv_row(out)?;
        }
        Ok(())
    }

    /// The CSV text.
    pub fn to_csv(&self) -> String {
        let mut buf = Vec::new();
        self.write_csv(&mut buf)
            .expect("writing to memory cannot fail");
        String::from_utf8(buf).expect("CSV is ASCII")
    }

    /// Mean of a quantity over the samples.
    pub fn mean(&self, f: impl Fn(&Observation) -> f64) -> f64 {
        self.samples.iter().map(&f).sum::<f64>() / self.samples.len().max(1) as f64
    }

    /// The last sample.
    pub fn last(&self) -> Option<&Observation> {
        self.samples.last()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_header_is_the_columns() {
        assert_eq!(COLUMNS.join(","), CSV_HEADER);
        let o = Observation::from_values([0.0; 10]);
        assert_eq!(o.values().len(), COLUMNS.len());
    }

    #[test]
    fn rounding_is_compact() {
        assert_eq!(Rounded(530.123456789).to_string(), "530.123");
        assert_eq!(Rounded(0.00012345678).to_string(), "0.000123457");
        assert_eq!(Rounded(28.0).to_string(), "28");
    }
}

//! The JSON protocol file (its format: `docs/ARCHITECTURE.md`): parsing, validation, and building
//! a simulation. This file holds the validated [`Protocol`] and its checks; `file.rs` reads the
//! file's shape with serde and converts each value with its path.
//!
//! A protocol names a patient, how long to simulate, how often to sample, and what drugs to
//! give. [`Protocol::from_json`] reads one, checks every value, and reports the first problem
//! as a typed [`HpgError`] whose text names the offending field by its path in the file
//! (`regimen[1].dose`, `patient.params.shbg_nmol_l`, …):
//!
//! * [`HpgError::Protocol`] when the text is not JSON or does not have the protocol's shape
//!   (not an object, an unknown or duplicated field, a value of the wrong JSON type);
//! * [`HpgError::InvalidInput`] when a value has the right type but is wrong (an unknown drug,
//!   a dose in the wrong unit, a stop before the start, a parameter out of range …); its
//!   `field` is the path.
//!
//! | field          | value                                                            | default     |
//! |----------------|------------------------------------------------------------------|-------------|
//! | `patient`      | preset name, or `{"preset": name, "age_years": 45, "weight_kg": 110, "height_cm": 176, "params": {name: number}}` (covariates: [`crate::model::covariates`]) | `"healthy"` |
//! | `duration`     | duration (`"90min"`, `"12h"`, `"3.5d"`, `"26w"`, `"6mo"`, `"1y"`), > 0, ≤ 100 years | required  |
//! | `sample_every` | duration, > 0, ≤ `duration`                                      | `"1d"` (or `duration` if shorter) |
//! | `mode`         | `"pulsatile"` or `"mean_field"`                                  | `"pulsatile"`; `"mean_field"` with a `population` |
//! | `seed`         | whole number ≥ 0 (jittered pulse timing)                         | none (regular pulses) |
//! | `regimen`      | array of regimen entries                                         | none        |
//! | `population`   | `{"n": 1000, "seed": 1}`: run `n` men drawn from the patient (see [`crate::population`]) | none (one man) |
//! | `events`       | an event table's file (`"doses.csv"`, relative to the protocol file) or `{"file": …, "time_unit": "h"\|"d"\|"w"}`: NONMEM-style dose records, one man per `ID` ([`crate::events`]) | none |
//!
//! A regimen entry has a `drug`; exactly one of `dose` (`"200 mg"`, `"500 IU"`, or per kg of the
//! patient's `weight_kg`: `"2 ug/kg"`) or `infusion`
//! (`"2 ug/h"`, `"0.05 mg/d"`); optionally a `route` (default: the drug's first route), a
//! `start` (default `"0d"`, before the end of the run), an `every` (repeated doses; not for
//! infusions), and at most one of `stop` (exclusive, after `start`) or `times` (a positive
//! whole number of doses). Without `stop` or `times` a repeated regimen or an infusion runs to
//! the end of the run. A `lag` (duration, default `"0h"`) delays every dose's arrival in the
//! body (NONMEM's ALAG); a `bioavailability` (0 < F ≤ 1, not for `iv`) replaces the man's value
//! for the drug (`<drug>.bioavailability`) for this regimen's doses. `"steady_state": true`
//! (repeated doses or an infusion starting at 0) starts the man at the regimen's periodic
//! steady state, as if he had been on it for years ([`Regimen::at_steady_state`]).
//!
//! Durations are a number and a unit: `min`, `h`, `d`, `w`, `mo` (an average month, 30.4375 d)
//! or `y` (365.25 d). `patient.params` takes every name of [`Params::names`]: the physiological
//! parameters and the drug constants (`"hcg.clearance_l_per_d"`, `"anastrozole.ic50_ng_ml"`, …).
//!
//! ```
//! use hpg::protocol::Protocol;
//! use hpg::{Drug, HpgError};
//!
//! let protocol = Protocol::from_json(r#"{
//!     "patient": "healthy",
//!     "duration": "2d",
//!     "mode": "mean_field",
//!     "regimen": [{"drug": "hcg", "dose": "1500 IU", "every": "2d"}]
//! }"#)?;
//! assert_eq!(protocol.regimens[0].drug(), Drug::Hcg);
//! let trajectory = protocol.run()?;
//! assert_eq!(trajectory.samples.len(), 3); // days 0, 1 and 2
//!
//! let err = Protocol::from_json(r#"{"duration": "2d", "regimen": [{"drug": "hcg", "dose": "5 mg"}]}"#)
//!     .unwrap_err();
//! assert!(matches!(&err, HpgError::InvalidInput { field, .. } if field == "regimen[0].dose"));
//! # Ok::<(), HpgError>(())
//! ```

use crate::error::{HpgError, Result};
use crate::events::EventTable;
use crate::model::Mode;
use crate::model::params::Params;
use crate::model::patient::{Patient, Preset};
use crate::output::{Observation, Trajectory};
use crate::regimen::Regimen;
use crate::sim::{SimOptions, Simulation};
use crate::units::Duration;
use std::path::Path;
use std::str::FromStr;

mod file;

/// The longest run a protocol may ask for: 100 years, in days.
pub const MAX_DURATION_DAYS: f64 = 36525.0;

/// A validated protocol: who, for how long, how often to sample, how, and which drugs.
///
/// Build one with [`Protocol::from_json`] (which validates it) or by hand (then
/// [`Protocol::validate`] checks it; [`Protocol::simulation`] does so before it builds
/// anything).
#[derive(Debug, Clone, PartialEq)]
pub struct Protocol {
    /// The patient: a preset and parameter overrides.
    pub patient: Patient,
    /// How long to simulate, from time 0; positive and at most [`MAX_DURATION_DAYS`].
    pub duration: Duration,
    /// Sampling interval; positive and at most `duration`. Time 0 and the end are always
    /// sampled.
    pub sample_every: Duration,
    /// Pulsatile (every GnRH pulse resolved) or mean-field. Without a `mode` field a file
    /// gives pulsatile for one man and mean-field for a population.
    pub mode: Mode,
    /// Seed for jittered pulse intervals; `None` gives regular pulses.
    pub seed: Option<u64>,
    /// The dosing schedule, in the file's order.
    pub regimens: Vec<Regimen>,
    /// A virtual population instead of one man: `n` men drawn from `patient` with a seed.
    pub population: Option<PopulationSpec>,
    /// A dosing history in NONMEM-style event records ([`crate::events`]): each `ID` is a man
    /// with `patient`'s parameters, given `regimens` and his own records.
    pub events: Option<EventTable>,
}

/// The largest population a protocol may ask for.
pub const MAX_PATIENTS: usize = 1_000_000;

/// The `population` field of a protocol: how many men, drawn with which seed (run by
/// [`crate::population::Population::from_protocol`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PopulationSpec {
    /// Number of men, 1 to [`MAX_PATIENTS`].
    pub n: usize,
    /// Population seed: man `i` depends on (seed, i) alone.
    pub seed: u64,
}

impl PopulationSpec {
    /// `n` men (1 to [`MAX_PATIENTS`]) with `seed`; the one check of a population's size.
    pub fn new(n: u64, seed: u64) -> Result<Self> {
        if n == 0 || n > MAX_PATIENTS as u64 {
            return Err(invalid(
                "population.n",
                format!("must be a whole number from 1 to {MAX_PATIENTS}, got {n}"),
            ));
        }
        Ok(PopulationSpec {
            n: n as usize,
            seed,
        })
    }
}

impl Protocol {
    /// A protocol for `patient` over `duration` with the file format's defaults: daily samples
    /// (or one at the end, if `duration` is shorter than a day), pulsatile, regular pulses, no
    /// drugs.
    pub fn new(patient: impl Into<Patient>, duration: Duration) -> Self {
        Protocol {
            patient: patient.into(),
            duration,
            sample_every: default_sample_every(duration),
            mode: Mode::Pulsatile,
            seed: None,
            regimens: Vec::new(),
            population: None,
            events: None,
        }
    }

    /// Parses and validates a protocol file's text.
    ///
    /// Errors are [`HpgError::Protocol`] for text that is not JSON or not shaped like a
    /// protocol (its message starts with the path of the offending field when there is one),
    /// and [`HpgError::InvalidInput`] for a wrong value, with `field` set to its path, e.g.
    /// `regimen[2].every` or `patient.params.shbg_nmol_l`. Messages are one line.
    pub fn from_json(text: &str) -> Result<Protocol> {
        Protocol::from_json_in(text, Path::new(""))
    }

    /// As [`Protocol::from_json`], an `events` file name taken relative to `base` (the
    /// protocol file's directory; [`Protocol::from_json`] uses the working directory).
    pub fn from_json_in(text: &str, base: &Path) -> Result<Protocol> {
        let raw = file::parse_raw(text)?;
        let protocol = raw.into_protocol(base)?;
        protocol.validate()?;
        Ok(protocol)
    }

    /// One protocol per man: with an event table, one per `ID` (with a table of that man
    /// alone, labelled by his ID); without one, this protocol, unlabelled.
    ///
    /// ```
    /// use hpg::events::{EventOptions, EventTable};
    /// use hpg::{Duration, Preset, Protocol};
    /// let mut protocol = Protocol::new(Preset::Healthy, Duration::days(3.0));
    /// let csv = "ID,TIME,AMT,CMT\nA,0,500,hcg\nB,24,1500,hcg\n";
    /// protocol.events = Some(EventTable::from_reader(csv.as_bytes(), &EventOptions::default())?);
    /// let men = protocol.subjects();
    /// assert_eq!(men.len(), 2);
    /// assert_eq!(men[1].0.as_deref(), Some("B"));
    /// assert_eq!(men[1].1.all_regimens()[0].start(), Duration::days(1.0));
    /// men[1].1.run()?;
    /// # Ok::<(), hpg::HpgError>(())
    /// ```
    pub fn subjects(&self) -> Vec<(Option<String>, Protocol)> {
        match &self.events {
            None => vec![(None, self.clone())],
            Some(table) => table
                .subjects()
                .iter()
                .enumerate()
                .map(|(i, subject)| {
                    let mut p = self.clone();
                    p.events = Some(table.only(i));
                    (Some(subject.id.clone()), p)
                })
                .collect(),
        }
    }

    /// The regimens of the file and, with an event table of one man, his records.
    pub fn all_regimens(&self) -> Vec<Regimen> {
        let mut all = self.regimens.clone();
        if let Some(table) = &self.events
            && let [one] = table.subjects()
        {
            all.extend(one.regimens.iter().copied());
        }
        all
    }

    /// Checks every value: the patient's parameters, the run and sampling spans, and each
    /// regimen (units and route fit the drug, times ordered, start before the end of the run).
    /// Errors are [`HpgError::InvalidInput`] with `field` set to the protocol path.
    pub fn validate(&self) -> Result<()> {
        check_patient(&self.patient)?;
        if let Some(spec) = self.population {
            PopulationSpec::new(spec.n as u64, spec.seed)?;
        }
        check_duration(self.duration)?;
        check_sample_every(self.sample_every, self.duration)?;
        if let Some(table) = &self.events {
            if self.population.is_some() {
                return Err(invalid(
                    "events",
                    "a protocol with an event table runs its men by ID; it cannot also have a \
                     `population`",
                ));
            }
            for subject in table.subjects() {
                for regimen in &subject.regimens {
                    regimen.validate().map_err(|e| e.within("events"))?;
                    if regimen.start().as_hours() >= self.duration.as_hours() {
                        return Err(invalid(
                            "events",
                            format!(
                                "ID {}: a {} record at {} is at or after the end of the run \
                                 ({}), so it would never act",
                                subject.id,
                                regimen.drug(),
                                regimen.start(),
                                self.duration
                            ),
                        ));
                    }
                }
            }
        }
        for (i, regimen) in self.regimens.iter().enumerate() {
            let path = format!("regimen[{i}]");
            regimen.validate().map_err(|e| e.within(&path))?;
            if regimen.start().as_hours() >= self.duration.as_hours() {
                return Err(HpgError::InvalidInput {
                    field: format!("{path}.start"),
                    message: format!(
                        "starts at {} but the run ends at {}, so the regimen would never act",
                        regimen.start(),
                        self.duration
                    ),
                });
            }
        }
        Ok(())
    }

    /// Validates the protocol and builds its simulation at time 0: the patient at his steady
    /// state, every regimen scheduled, nothing run yet. This is the one man of `patient`; a
    /// `population` is run through [`crate::population::Population::from_protocol`].
    ///
    /// With an event table of one `ID`, his records are scheduled too; a table of several men
    /// is run man by man through [`Protocol::subjects`].
    pub fn simulation(&self) -> Result<Simulation> {
        self.validate()?;
        let from_table = match &self.events {
            None => &[][..],
            Some(table) => match table.subjects() {
                [one] => &one.regimens[..],
                men => {
                    return Err(invalid(
                        "events",
                        format!(
                            "the table has {} men (IDs); run each of Protocol::subjects()",
                            men.len()
                        ),
                    ));
                }
            },
        };
        let options = SimOptions {
            seed: self.seed,
            ..SimOptions::mode(self.mode)
        };
        let mut sim = Simulation::new(self.patient.clone(), options)?;
        for (i, regimen) in self.regimens.iter().enumerate() {
            sim.add_regimen(*regimen)
                .map_err(|e| e.within(&format!("regimen[{i}]")))?;
        }
        for regimen in from_table {
            sim.add_regimen(*regimen).map_err(|e| e.within("events"))?;
        }
        Ok(sim)
    }

    /// Runs the whole protocol, handing each sample to `sink` as it is taken (time 0 first,
    /// the end last), so long runs stream in constant memory. Returns the simulation at the
    /// end of the run (for its [`Simulation::stats`], or to continue it). An error from `sink`
    /// stops the run and is returned.
    pub fn run_streaming(
        &self,
        sink: impl FnMut(&Observation) -> Result<()>,
    ) -> Result<Simulation> {
        let mut sim = self.simulation()?;
        sim.run_streaming(self.duration, self.sample_every, sink)?;
        Ok(sim)
    }

    /// Runs the whole protocol and collects its samples.
    pub fn run(&self) -> Result<Trajectory> {
        let mut samples = Vec::new();
        self.run_streaming(|o| {
            samples.push(*o);
            Ok(())
        })?;
        Ok(Trajectory { samples })
    }
}

impl FromStr for Protocol {
    type Err = HpgError;
    /// Same as [`Protocol::from_json`].
    fn from_str(text: &str) -> Result<Self> {
        Protocol::from_json(text)
    }
}

pub(in crate::protocol) fn invalid(
    field: impl Into<String>,
    message: impl Into<String>,
) -> HpgError {
    HpgError::InvalidInput {
        field: field.into(),
        message: message.into(),
    }
}

pub(in crate::protocol) fn default_sample_every(duration: Duration) -> Duration {
    let day = Duration::days(1.0);
    if duration.as_hours() > 0.0 && duration.as_hours() < day.as_hours() {
        duration
    } else {
        day
    }
}

pub(in crate::protocol) fn parse_preset(name: &str, field: &str) -> Result<Preset> {
    Preset::from_str(name).map_err(|e| invalid(field, e.to_string()))
}

/// Validates the patient's parameters; errors name `patient.params.<name>`.
pub(in crate::protocol) fn check_patient(patient: &Patient) -> Result<()> {
    let overridden = |name: &str| patient.overrides.iter().any(|(n, _)| n == name);
    match patient.params() {
        Ok(_) => Ok(()),
        Err(HpgError::UnknownParameter { name }) => {
            let hint = match closest_parameter(&name) {
                Some(close) => format!("; did you mean `{close}`?"),
                None => String::new(),
            };
            Err(invalid(
                format!("patient.params.{name}"),
                format!("unknown parameter `{name}`{hint}"),
            ))
        }
        Err(HpgError::InvalidParameter {
            name,
            value,
            reason,
        }) => {
            let field = if overridden(&name) {
                format!("patient.params.{name}")
            } else {
                "patient".to_string()
            };
            Err(invalid(
                field,
                format!(
                    "`{name}` = {} is invalid: {reason}",
                    crate::error::number(value)
                ),
            ))
        }
        // A covariate out of range names its field (`age_years`, …).
        Err(HpgError::InvalidInput { field, message }) => {
            Err(invalid(format!("patient.{field}"), message))
        }
        Err(other) => Err(other),
    }
}

pub(in crate::protocol) fn check_duration(duration: Duration) -> Result<()> {
    let h = duration.as_hours();
    if !h.is_finite() || h <= 0.0 {
        return Err(invalid(
            "duration",
            format!("must be longer than zero, got {duration}"),
        ));
    }
    if duration.as_days() > MAX_DURATION_DAYS {
        return Err(invalid(
            "duration",
            format!("must be at most 100 years ({MAX_DURATION_DAYS}d), got {duration}"),
        ));
    }
    Ok(())
}

pub(in crate::protocol) fn check_sample_every(every: Duration, duration: Duration) -> Result<()> {
    let h = every.as_hours();
    if !h.is_finite() || h <= 0.0 {
        return Err(invalid(
            "sample_every",
            format!("must be longer than zero, got {every}"),
        ));
    }
    if h > duration.as_hours() {
        return Err(invalid(
            "sample_every",
            format!("must not be longer than `duration` ({duration}), got {every}"),
        ));
    }
    Ok(())
}

/// The parameter name nearest to a misspelt one, if any is close.
fn closest_parameter(name: &str) -> Option<&'static str> {
    let (best, distance) = Params::names()
        .map(|candidate| (candidate, edit_distance(name, candidate)))
        .min_by_key(|&(_, d)| d)?;
    (distance <= (name.chars().count() / 3).max(2)).then_some(best)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (above + 1)
                .min(row[j] + 1)
                .min(diagonal + usize::from(ca != *cb));
            diagonal = above;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field_of(e: HpgError) -> String {
        match e {
            HpgError::InvalidInput { field, .. } => field,
            other => panic!("expected InvalidInput, got {other:?}"),
        }
    }

    #[test]
    fn defaults_fill_in() {
        let p = Protocol::from_json(r#"{"duration": "28d"}"#).unwrap();
        assert_eq!(p, Protocol::new(Preset::Healthy, Duration::days(28.0)));
        assert_eq!(p.sample_every, Duration::days(1.0));
        let short = Protocol::from_json(r#"{"duration": "12h"}"#).unwrap();
        assert_eq!(short.sample_every, Duration::hours(12.0));
    }

    #[test]
    fn paths_reach_nested_fields() {
        let e = Protocol::from_json(
            r#"{"duration": "2d", "regimen": [
                {"drug": "hcg", "dose": "500 IU"},
                {"drug": "hcg", "dose": "500 IU", "every": "0d"}]}"#,
        )
        .unwrap_err();
        assert_eq!(field_of(e), "regimen[1].every");
        let e =
            Protocol::from_json(r#"{"duration": "2d", "regimen": [{"drug": "hcg", "dose": 5}]}"#)
                .unwrap_err();
        assert!(
            matches!(&e, HpgError::Protocol { message } if message.starts_with("regimen[0].dose: ")),
            "{e}"
        );
    }

    #[test]
    fn route_errors_name_the_route() {
        let e = Protocol::from_json(
            r#"{"duration": "2d", "regimen": [{"drug": "anastrozole", "dose": "1 mg", "route": "iv"}]}"#,
        )
        .unwrap_err();
        assert_eq!(field_of(e), "regimen[0].route");
    }

    #[test]
    fn misspelt_parameters_get_a_suggestion() {
        let e = Protocol::from_json(
            r#"{"duration": "2d", "patient": {"preset": "healthy", "params": {"shbg_nmol": 40}}}"#,
        )
        .unwrap_err();
        assert!(e.to_string().contains("did you mean `shbg_nmol_l`"), "{e}");
        assert_eq!(edit_distance("kitten", "sitting"), 3);
    }

    #[test]
    fn duplicate_parameters_are_refused() {
        let e = Protocol::from_json(
            r#"{"duration": "2d", "patient": {"preset": "healthy",
                "params": {"shbg_nmol_l": 40, "shbg_nmol_l": 50}}}"#,
        )
        .unwrap_err();
        assert!(e.to_string().contains("given twice"), "{e}");
    }
}

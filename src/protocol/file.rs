//! The protocol file's shape as serde reads it (every level refuses unknown fields), and its
//! conversion into a [`Protocol`], checking each value with its path in the file.

use super::{
    MAX_PATIENTS, PopulationSpec, Protocol, check_duration, check_patient, check_sample_every,
    default_sample_every, invalid, parse_preset,
};
use crate::drugs::{Drug, Route};
use crate::error::{HpgError, Result};
use crate::events::{EventOptions, EventTable, TimeUnit};
use crate::model::Mode;
use crate::model::covariates::Covariates;
use crate::model::patient::{Patient, Preset};
use crate::regimen::{End, Regimen};
use crate::units::{Dose, Duration, InfusionRate};
use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, Visitor};
use std::fmt;
use std::path::Path;
use std::str::FromStr;

// ---------------------------------------------------------------------------------------------
// The file's shape, as read by serde. Every level refuses unknown fields.

#[derive(Deserialize)]
#[serde(deny_unknown_fields, expecting = "a protocol object")]
pub(super) struct RawProtocol {
    #[serde(default)]
    patient: Option<RawPatient>,
    duration: String,
    #[serde(default)]
    sample_every: Option<String>,
    #[serde(default)]
    mode: Option<String>,
    #[serde(default)]
    seed: Option<serde_json::Number>,
    #[serde(default)]
    regimen: Option<Vec<MapOnly<RawRegimen>>>,
    #[serde(default)]
    population: Option<RawPopulation>,
    #[serde(default)]
    events: Option<RawEvents>,
}

/// `"doses.csv"` or `{"file": "doses.csv", "time_unit": "d"}`.
#[derive(Deserialize)]
#[serde(
    untagged,
    expecting = "a file name or {\"file\": …, \"time_unit\": \"h\"}"
)]
enum RawEvents {
    File(String),
    Full(RawEventsObject),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEventsObject {
    file: String,
    #[serde(default)]
    time_unit: Option<String>,
}

#[derive(Deserialize)]
#[serde(
    deny_unknown_fields,
    expecting = "a population object {\"n\": …, \"seed\": …}"
)]
struct RawPopulation {
    n: serde_json::Number,
    #[serde(default)]
    seed: Option<serde_json::Number>,
}

/// A struct that must be written as a JSON object: serde's derive also takes an array of the
/// fields' values, which a protocol must refuse (`[1, 2]` is not a protocol).
struct MapOnly<T>(T);

/// What a [`MapOnly`] expects, for the error message.
trait Expecting {
    const WHAT: &'static str;
}

impl Expecting for RawProtocol {
    const WHAT: &'static str = "a protocol object";
}

impl Expecting for RawRegimen {
    const WHAT: &'static str = "a regimen object";
}

impl<'de, T: Deserialize<'de> + Expecting> Deserialize<'de> for MapOnly<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
        struct MapVisitor<T>(std::marker::PhantomData<T>);
        impl<'de, T: Deserialize<'de> + Expecting> Visitor<'de> for MapVisitor<T> {
            type Value = MapOnly<T>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(T::WHAT)
            }
            fn visit_map<A: MapAccess<'de>>(
                self,
                map: A,
            ) -> std::result::Result<MapOnly<T>, A::Error> {
                T::deserialize(de::value::MapAccessDeserializer::new(map)).map(MapOnly)
            }
        }
        deserializer.deserialize_map(MapVisitor(std::marker::PhantomData))
    }
}

/// `"healthy"` or `{"preset": "healthy", "params": {...}}`.
enum RawPatient {
    Name(String),
    Full(RawPatientObject),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, expecting = "a patient object")]
struct RawPatientObject {
    preset: String,
    #[serde(default)]
    age_years: Option<f64>,
    #[serde(default)]
    weight_kg: Option<f64>,
    #[serde(default)]
    height_cm: Option<f64>,
    #[serde(default)]
    params: RawParams,
}

/// Parameter overrides in the file's order; a name given twice is an error.
#[derive(Default)]
struct RawParams(Vec<(String, f64)>);

#[derive(Deserialize)]
#[serde(deny_unknown_fields, expecting = "a regimen object")]
struct RawRegimen {
    drug: String,
    #[serde(default)]
    dose: Option<String>,
    #[serde(default)]
    infusion: Option<String>,
    #[serde(default)]
    route: Option<String>,
    #[serde(default)]
    start: Option<String>,
    #[serde(default)]
    every: Option<String>,
    #[serde(default)]
    stop: Option<String>,
    #[serde(default)]
    times: Option<serde_json::Number>,
    #[serde(default)]
    lag: Option<String>,
    #[serde(default)]
    bioavailability: Option<f64>,
    #[serde(default)]
    steady_state: bool,
}

impl<'de> Deserialize<'de> for RawPatient {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
        struct PatientVisitor;
        impl<'de> Visitor<'de> for PatientVisitor {
            type Value = RawPatient;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(r#"a preset name or an object {"preset": ..., "params": {...}}"#)
            }
            fn visit_str<E: de::Error>(self, v: &str) -> std::result::Result<RawPatient, E> {
                Ok(RawPatient::Name(v.to_string()))
            }
            fn visit_map<A: MapAccess<'de>>(
                self,
                map: A,
            ) -> std::result::Result<RawPatient, A::Error> {
                let object =
                    RawPatientObject::deserialize(de::value::MapAccessDeserializer::new(map))?;
                Ok(RawPatient::Full(object))
            }
        }
        deserializer.deserialize_any(PatientVisitor)
    }
}

impl<'de> Deserialize<'de> for RawParams {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
        struct ParamsVisitor;
        impl<'de> Visitor<'de> for ParamsVisitor {
            type Value = RawParams;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an object of parameter names and numbers")
            }
            fn visit_map<A: MapAccess<'de>>(
                self,
                mut map: A,
            ) -> std::result::Result<RawParams, A::Error> {
                let mut out: Vec<(String, f64)> = Vec::new();
                while let Some(name) = map.next_key::<String>()? {
                    if out.iter().any(|(n, _)| *n == name) {
                        return Err(de::Error::custom(format_args!(
                            "parameter `{name}` is given twice"
                        )));
                    }
                    let value: f64 = map.next_value()?;
                    out.push((name, value));
                }
                Ok(RawParams(out))
            }
        }
        deserializer.deserialize_map(ParamsVisitor)
    }
}

/// JSON text → raw structs; every serde error becomes [`HpgError::Protocol`] with its path.
pub(super) fn parse_raw(text: &str) -> Result<RawProtocol> {
    let mut de = serde_json::Deserializer::from_str(text);
    let raw: MapOnly<RawProtocol> = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner();
        let message = if path == "." || path.is_empty() {
            inner.to_string()
        } else {
            format!("{path}: {inner}")
        };
        protocol_error(message)
    })?;
    de.end().map_err(|e| protocol_error(e.to_string()))?;
    Ok(raw.0)
}

fn protocol_error(message: String) -> HpgError {
    HpgError::Protocol {
        message: one_line(&message),
    }
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

impl RawProtocol {
    /// The validated protocol; an event table's file name is taken relative to `base`.
    pub(super) fn into_protocol(self, base: &Path) -> Result<Protocol> {
        let patient = match self.patient {
            None => Patient::new(Preset::Healthy),
            Some(RawPatient::Name(name)) => Patient::new(parse_preset(&name, "patient")?),
            Some(RawPatient::Full(object)) => {
                let mut patient = Patient::new(parse_preset(&object.preset, "patient.preset")?);
                patient.covariates = Covariates {
                    age_years: object.age_years,
                    weight_kg: object.weight_kg,
                    height_cm: object.height_cm,
                };
                patient.overrides = object.params.0;
                patient
            }
        };
        // Parameter errors are found here, before any other field, as the file reads.
        check_patient(&patient)?;

        let duration = Duration::parse(&self.duration, "duration")?;
        check_duration(duration)?;
        let sample_every = match &self.sample_every {
            Some(text) => Duration::parse(text, "sample_every")?,
            None => default_sample_every(duration),
        };
        check_sample_every(sample_every, duration)?;

        // A population is a question about spread over weeks to years, which `mean_field`
        // answers ~10x faster; one man defaults to every pulse resolved.
        let mode = match &self.mode {
            Some(text) => Mode::from_str(text)?,
            None if self.population.is_some() => Mode::MeanField,
            None => Mode::Pulsatile,
        };
        let seed = match &self.seed {
            None => None,
            Some(n) => Some(n.as_u64().ok_or_else(|| {
                invalid(
                    "seed",
                    format!("must be a whole number from 0 to {}, got {n}", u64::MAX),
                )
            })?),
        };

        let regimens = self
            .regimen
            .unwrap_or_default()
            .into_iter()
            .enumerate()
            .map(|(i, raw)| {
                raw.0
                    .into_regimen(&format!("regimen[{i}]"), patient.covariates.weight_kg)
            })
            .collect::<Result<Vec<_>>>()?;

        let population = match self.population {
            None => None,
            Some(raw) => {
                let n = raw.n.as_u64().ok_or_else(|| {
                    invalid(
                        "population.n",
                        format!(
                            "must be a whole number from 1 to {MAX_PATIENTS}, got {}",
                            raw.n
                        ),
                    )
                })?;
                let seed = match raw.seed {
                    None => 0,
                    Some(s) => s.as_u64().ok_or_else(|| {
                        invalid(
                            "population.seed",
                            format!("must be a whole number from 0 to {}, got {s}", u64::MAX),
                        )
                    })?,
                };
                Some(PopulationSpec::new(n, seed)?)
            }
        };

        let events = match self.events {
            None => None,
            Some(raw) => {
                let (file, unit) = match raw {
                    RawEvents::File(file) => (file, None),
                    RawEvents::Full(object) => (object.file, object.time_unit),
                };
                let time_unit = match unit {
                    Some(text) => TimeUnit::from_str(&text)
                        .map_err(|e| invalid("events.time_unit", one_line(&e.to_string())))?,
                    None => TimeUnit::Hours,
                };
                let path = base.join(&file);
                Some(EventTable::from_path(&path, &EventOptions { time_unit })?)
            }
        };

        Ok(Protocol {
            patient,
            duration,
            sample_every,
            mode,
            seed,
            regimens,
            population,
            events,
        })
    }
}

impl RawRegimen {
    /// Builds the regimen at `path` (`regimen[i]`): what the drug takes and the schedule's
    /// shape are checked here; [`Protocol::validate`] checks the numbers.
    /// `weight_kg`, the patient's, turns a dose per kg into a dose.
    fn into_regimen(self, path: &str, weight_kg: Option<f64>) -> Result<Regimen> {
        let field = |name: &str| format!("{path}.{name}");
        let drug = Drug::from_str(&self.drug).map_err(|e| e.within(path))?;
        let route = match &self.route {
            Some(text) => Route::from_str(text).map_err(|e| e.within(path))?,
            None => drug.default_route(),
        };
        /// What is given, before its schedule is known.
        enum Given {
            Dose(Dose),
            Infusion(InfusionRate),
        }
        let given = match (&self.dose, &self.infusion) {
            (Some(_), Some(_)) => {
                return Err(invalid(
                    path,
                    "has both `dose` and `infusion`; give exactly one of them",
                ));
            }
            (None, None) => {
                return Err(invalid(
                    path,
                    "needs a `dose` (e.g. \"200 mg\") or an `infusion` (e.g. \"2 ug/h\")",
                ));
            }
            (Some(dose), None) => {
                Given::Dose(Dose::parse_with_weight(dose, &field("dose"), weight_kg)?)
            }
            (None, Some(rate)) => Given::Infusion(InfusionRate::parse(rate, &field("infusion"))?),
        };
        // What the drug takes comes first, as the file reads: route, unit, infusibility.
        let provisional = match given {
            Given::Dose(dose) => Regimen::single(drug, dose).route(route),
            Given::Infusion(rate) => Regimen::infusion(drug, rate).route(route).into(),
        };
        provisional.validate().map_err(|e| e.within(path))?;
        let start = match &self.start {
            Some(text) => Duration::parse(text, &field("start"))?,
            None => Duration::ZERO,
        };
        let every = match &self.every {
            Some(text) => Some(Duration::parse(text, &field("every"))?),
            None => None,
        };
        let end = match (&self.stop, &self.times) {
            (Some(_), Some(_)) => {
                return Err(invalid(
                    path,
                    "has both `stop` and `times`; give at most one of them",
                ));
            }
            (Some(stop), None) => End::Stop(Duration::parse(stop, &field("stop"))?),
            (None, Some(n)) => match n.as_u64() {
                Some(n) if n > 0 => End::Times(n),
                _ => {
                    return Err(invalid(
                        field("times"),
                        format!("must be a positive whole number of doses, got {n}"),
                    ));
                }
            },
            (None, None) => End::Open,
        };
        // The schedule's shape: only the settings it has.
        let regimen: Regimen = match (given, every, end) {
            (Given::Infusion(_), Some(_), _) => {
                return Err(invalid(
                    field("every"),
                    "an infusion has no dosing interval",
                ));
            }
            (Given::Infusion(_), None, End::Times(_)) => {
                return Err(invalid(
                    field("times"),
                    "an infusion ends with `stop`, not `times`",
                ));
            }
            (Given::Infusion(rate), None, end) => {
                let infusion = Regimen::infusion(drug, rate).route(route).starting(start);
                match end {
                    End::Stop(stop) => infusion.until(stop).into(),
                    _ => infusion.into(),
                }
            }
            (Given::Dose(_), None, End::Stop(_)) => {
                return Err(invalid(
                    field("stop"),
                    "a single dose has no `stop`; give `every` for repeated doses",
                ));
            }
            (Given::Dose(_), None, End::Times(n)) if n > 1 => {
                return Err(invalid(field("times"), "repeated doses need `every`"));
            }
            (Given::Dose(dose), None, _) => {
                Regimen::single(drug, dose).route(route).starting(start)
            }
            (Given::Dose(dose), Some(every), end) => {
                let doses = Regimen::repeated(drug, dose, every)
                    .route(route)
                    .starting(start);
                match end {
                    End::Open => doses.into(),
                    End::Stop(stop) => doses.until(stop).into(),
                    End::Times(n) => doses.times(n).into(),
                }
            }
        };
        let mut regimen = regimen;
        if let Some(lag) = &self.lag {
            regimen = regimen.lag(Duration::parse(lag, &field("lag"))?);
        }
        if let Some(f) = self.bioavailability {
            regimen = regimen.with_bioavailability(f);
        }
        if self.steady_state {
            regimen = regimen.at_steady_state();
        }
        regimen.validate().map_err(|e| e.within(path))?;
        Ok(regimen)
    }
}

//! Units at the crate's boundary: durations, doses and infusion rates, and their parsing from
//! the protocol's text form (`"14d"`, `"200 mg"`, `"500 IU"`, `"2 ug/h"`).
//!
//! Inside the model time is in hours; these types convert once, at the boundary.

use crate::error::{HpgError, Result};
use serde::{Deserialize, Serialize};
use std::fmt;

/// Days in a year: the Julian year, 365.25 d (the average calendar year over leap years).
pub const DAYS_PER_YEAR: f64 = 365.25;

/// Days in an average month: a twelfth of [`DAYS_PER_YEAR`], 30.4375 d. Used for the unit `mo`
/// and for endpoints reported in months.
pub const DAYS_PER_MONTH: f64 = DAYS_PER_YEAR / 12.0;

/// A span of simulated time. Stored in hours (the model's time unit).
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd, Default, Serialize, Deserialize)]
pub struct Duration {
    hours: f64,
}

impl Duration {
    /// Zero duration.
    pub const ZERO: Duration = Duration { hours: 0.0 };

    /// A duration of `m` minutes.
    pub fn minutes(m: f64) -> Self {
        Duration { hours: m / 60.0 }
    }
    /// A duration of `h` hours.
    pub fn hours(h: f64) -> Self {
        Duration { hours: h }
    }
    /// A duration of `d` days.
    pub fn days(d: f64) -> Self {
        Duration { hours: d * 24.0 }
    }
    /// A duration of `w` weeks.
    pub fn weeks(w: f64) -> Self {
        Duration { hours: w * 168.0 }
    }
    /// Length in hours.
    pub fn as_hours(self) -> f64 {
        self.hours
    }
    /// Length in days.
    pub fn as_days(self) -> f64 {
        self.hours / 24.0
    }

    /// A duration of `m` average months ([`DAYS_PER_MONTH`] days each).
    pub fn months(m: f64) -> Self {
        Duration::days(m * DAYS_PER_MONTH)
    }
    /// A duration of `y` years ([`DAYS_PER_YEAR`] days each).
    pub fn years(y: f64) -> Self {
        Duration::days(y * DAYS_PER_YEAR)
    }

    /// Parses `"<number><unit>"` with unit `min`, `h`, `d`, `w`, `mo` (an average month,
    /// [`DAYS_PER_MONTH`] = 30.4375 d) or `y` (a year, [`DAYS_PER_YEAR`] = 365.25 d); a space
    /// is allowed, e.g. `"90min"`, `"12h"`, `"3.5d"`, `"26w"`, `"6mo"`, `"1y"`. `field` names the
    /// input in the error message.
    ///
    /// ```
    /// use hpg::Duration;
    /// assert_eq!(Duration::parse("3.5d", "duration").unwrap().as_hours(), 84.0);
    /// assert_eq!(Duration::parse("1y", "duration").unwrap().as_days(), 365.25);
    /// assert_eq!(Duration::parse("12mo", "duration").unwrap(), Duration::parse("1y", "d").unwrap());
    /// assert!(Duration::parse("seven days", "duration").is_err());
    /// ```
    pub fn parse(text: &str, field: &str) -> Result<Self> {
        let bad = |why: &str| HpgError::InvalidInput {
            field: field.to_string(),
            message: format!(
                "`{text}` is not a duration ({why}); write a number and a unit: min, h, d, w, mo or y, e.g. \"14d\""
            ),
        };
        let (number, unit) = split_number(text).ok_or_else(|| bad("no number"))?;
        let hours_per_unit = match unit {
            "min" => 1.0 / 60.0,
            "h" => 1.0,
            "d" => 24.0,
            "w" => 168.0,
            "mo" => 24.0 * DAYS_PER_MONTH,
            "y" => 24.0 * DAYS_PER_YEAR,
            "" => return Err(bad("missing unit")),
            _ => return Err(bad("unknown unit")),
        };
        if !number.is_finite() {
            return Err(bad("not finite"));
        }
        if number < 0.0 {
            return Err(bad("negative"));
        }
        Ok(Duration {
            hours: number * hours_per_unit,
        })
    }
}

impl std::ops::Add for Duration {
    type Output = Duration;
    fn add(self, other: Duration) -> Duration {
        Duration {
            hours: self.hours + other.hours,
        }
    }
}

impl fmt::Display for Duration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}d", self.as_days())
    }
}

/// The unit a dose is expressed in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum DoseUnit {
    /// Milligrams.
    Mg,
    /// Micrograms.
    Ug,
    /// International units (hCG).
    Iu,
}

impl fmt::Display for DoseUnit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            DoseUnit::Mg => "mg",
            DoseUnit::Ug => "ug",
            DoseUnit::Iu => "IU",
        })
    }
}

/// An amount of drug with its unit, e.g. 200 mg or 500 IU: always positive and finite (the
/// constructors refuse anything else).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Dose {
    amount: f64,
    unit: DoseUnit,
}

/// The serialized form of a [`Dose`], checked on the way in.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDose {
    amount: f64,
    unit: DoseUnit,
}

/// The serialized form of an [`InfusionRate`], checked on the way in.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRate {
    per_hour: f64,
    unit: DoseUnit,
}

impl<'de> Deserialize<'de> for Dose {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let raw = RawDose::deserialize(d)?;
        Dose::new(raw.amount, raw.unit).map_err(serde::de::Error::custom)
    }
}

/// Checks that an amount is positive and finite; `what` names it in the error.
fn positive(amount: f64, field: &str, what: &str) -> Result<f64> {
    if amount.is_finite() && amount > 0.0 {
        Ok(amount)
    } else {
        Err(HpgError::InvalidInput {
            field: field.to_string(),
            message: format!(
                "{what} must be positive and finite, got {}",
                crate::error::number(amount)
            ),
        })
    }
}

/// Largest single dose by mass \[mg\]: a kilogram, far above any dose a man could be given,
/// and far below the amounts that would overflow the state.
pub const MAX_DOSE_MG: f64 = 1e6;
/// Largest single dose in international units \[IU\] (hCG is given in thousands).
pub const MAX_DOSE_IU: f64 = 1e9;

impl Dose {
    /// `amount` in `unit`; an error unless `amount` is positive, finite and at most a kilogram
    /// ([`MAX_DOSE_MG`]) or [`MAX_DOSE_IU`].
    ///
    /// ```
    /// use hpg::{Dose, DoseUnit};
    /// assert!(Dose::new(1e308, DoseUnit::Mg).is_err());
    /// assert!(Dose::new(10_000.0, DoseUnit::Mg).is_ok());
    /// ```
    pub fn new(amount: f64, unit: DoseUnit) -> Result<Self> {
        let amount = positive(amount, "dose", "a dose")?;
        let (limit, limit_text) = match unit {
            DoseUnit::Mg => (MAX_DOSE_MG, "1e6 mg (a kilogram)"),
            DoseUnit::Ug => (MAX_DOSE_MG * 1000.0, "1e9 ug (a kilogram)"),
            DoseUnit::Iu => (MAX_DOSE_IU, "1e9 IU"),
        };
        if amount > limit {
            return Err(HpgError::InvalidInput {
                field: "dose".into(),
                message: format!(
                    "a single dose must be at most {limit_text}, got {}",
                    crate::error::number(amount)
                ),
            });
        }
        Ok(Dose { amount, unit })
    }
    /// `amount` milligrams (positive and finite).
    ///
    /// ```
    /// use hpg::Dose;
    /// assert_eq!(Dose::mg(200.0)?.amount(), 200.0);
    /// assert!(Dose::mg(-5.0).is_err());
    /// # Ok::<(), hpg::HpgError>(())
    /// ```
    pub fn mg(amount: f64) -> Result<Self> {
        Dose::new(amount, DoseUnit::Mg)
    }
    /// `amount` micrograms (positive and finite).
    pub fn ug(amount: f64) -> Result<Self> {
        Dose::new(amount, DoseUnit::Ug)
    }
    /// `amount` international units (positive and finite).
    pub fn iu(amount: f64) -> Result<Self> {
        Dose::new(amount, DoseUnit::Iu)
    }

    /// The amount, in [`Dose::unit`].
    pub fn amount(self) -> f64 {
        self.amount
    }

    /// The unit of [`Dose::amount`].
    pub fn unit(self) -> DoseUnit {
        self.unit
    }

    /// The amount in micrograms, if the dose is a mass.
    pub fn as_ug(self) -> Option<f64> {
        match self.unit {
            DoseUnit::Mg => Some(self.amount * 1000.0),
            DoseUnit::Ug => Some(self.amount),
            DoseUnit::Iu => None,
        }
    }

    /// Parses `"200 mg"`, `"100ug"`, `"500 IU"` (also `µg`, `mcg`, `iu`).
    ///
    /// ```
    /// use hpg::{Dose, DoseUnit};
    /// assert_eq!(Dose::parse("500 IU", "dose").unwrap().unit(), DoseUnit::Iu);
    /// assert!(Dose::parse("-5 mg", "dose").is_err());
    /// ```
    pub fn parse(text: &str, field: &str) -> Result<Self> {
        let bad = |why: &str| HpgError::InvalidInput {
            field: field.to_string(),
            message: format!(
                "`{text}` is not a dose ({why}); write a positive number and mg, ug or IU, e.g. \"200 mg\""
            ),
        };
        let (amount, unit) = split_number(text).ok_or_else(|| bad("no number"))?;
        let unit = parse_mass_unit(unit).ok_or_else(|| bad("unknown unit"))?;
        Dose::new(amount, unit).map_err(|e| match e {
            HpgError::InvalidInput { message, .. } => bad(&message),
            other => other,
        })
    }
}

impl Dose {
    /// As [`Dose::parse`], also accepting a dose per kilogram of body weight (`"2 ug/kg"`,
    /// `"1.5 IU/kg"`), multiplied by `weight_kg`; a per-kg dose without a weight is an error.
    ///
    /// ```
    /// use hpg::Dose;
    /// assert_eq!(Dose::parse_with_weight("2 ug/kg", "dose", Some(80.0)).unwrap(), Dose::ug(160.0).unwrap());
    /// assert!(Dose::parse_with_weight("2 ug/kg", "dose", None).is_err());
    /// assert_eq!(Dose::parse_with_weight("2 ug", "dose", None).unwrap(), Dose::ug(2.0).unwrap());
    /// ```
    pub fn parse_with_weight(text: &str, field: &str, weight_kg: Option<f64>) -> Result<Self> {
        let Some(per_kg) = text.trim().strip_suffix("/kg") else {
            return Dose::parse(text, field);
        };
        let weight = weight_kg.ok_or_else(|| HpgError::InvalidInput {
            field: field.to_string(),
            message: format!(
                "`{text}` is a dose per kg: give the patient's `weight_kg` to turn it into a dose"
            ),
        })?;
        let dose = Dose::parse(per_kg, field)?;
        Dose::new(dose.amount * weight, dose.unit).map_err(|e| match e {
            HpgError::InvalidInput { message, .. } => HpgError::InvalidInput {
                field: field.to_string(),
                message: format!("`{text}` at {weight} kg: {message}"),
            },
            other => other,
        })
    }
}

impl fmt::Display for Dose {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.amount, self.unit)
    }
}

/// A continuous infusion rate: an amount per hour, always positive and finite.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct InfusionRate {
    per_hour: f64,
    unit: DoseUnit,
}

impl<'de> Deserialize<'de> for InfusionRate {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let raw = RawRate::deserialize(d)?;
        InfusionRate::per_hour_in(raw.per_hour, raw.unit).map_err(serde::de::Error::custom)
    }
}

impl InfusionRate {
    /// `amount` of `unit` per hour; an error unless `amount` is positive, finite and at most
    /// a single dose's limit per hour ([`MAX_DOSE_MG`], [`MAX_DOSE_IU`]).
    pub fn per_hour_in(amount: f64, unit: DoseUnit) -> Result<Self> {
        let per_hour = positive(amount, "infusion", "an infusion rate")?;
        let limit = match unit {
            DoseUnit::Mg => MAX_DOSE_MG,
            DoseUnit::Ug => MAX_DOSE_MG * 1000.0,
            DoseUnit::Iu => MAX_DOSE_IU,
        };
        if per_hour > limit {
            return Err(HpgError::InvalidInput {
                field: "infusion".into(),
                message: format!(
                    "an infusion rate must be at most {} {unit}/h, got {}",
                    crate::error::number(limit),
                    crate::error::number(per_hour)
                ),
            });
        }
        Ok(InfusionRate { per_hour, unit })
    }

    /// `rate` micrograms per hour (positive and finite).
    pub fn ug_per_hour(rate: f64) -> Result<Self> {
        InfusionRate::per_hour_in(rate, DoseUnit::Ug)
    }

    /// Amount per hour, in [`InfusionRate::unit`].
    pub fn per_hour(self) -> f64 {
        self.per_hour
    }

    /// The unit of the amount.
    pub fn unit(self) -> DoseUnit {
        self.unit
    }

    /// Parses `"2 ug/h"`, `"0.05 mg/d"`, `"10 IU/d"`.
    ///
    /// ```
    /// use hpg::InfusionRate;
    /// let r = InfusionRate::parse("48 ug/d", "infusion").unwrap();
    /// assert_eq!(r.per_hour(), 2.0);
    /// ```
    pub fn parse(text: &str, field: &str) -> Result<Self> {
        let bad = |why: &str| HpgError::InvalidInput {
            field: field.to_string(),
            message: format!(
                "`{text}` is not an infusion rate ({why}); write e.g. \"2 ug/h\" or \"0.05 mg/d\""
            ),
        };
        let (amount, unit) = split_number(text).ok_or_else(|| bad("no number"))?;
        let (mass, per) = unit
            .split_once('/')
            .ok_or_else(|| bad("missing /h or /d"))?;
        let unit = parse_mass_unit(mass.trim()).ok_or_else(|| bad("unknown unit"))?;
        let hours = match per.trim() {
            "h" => 1.0,
            "d" => 24.0,
            "min" => 1.0 / 60.0,
            _ => return Err(bad("time unit must be min, h or d")),
        };
        if !amount.is_finite() || amount <= 0.0 {
            return Err(bad("must be positive and finite"));
        }
        InfusionRate::per_hour_in(amount / hours, unit)
            .map_err(|_| bad("too small or too large once converted to an amount per hour"))
    }
}

fn parse_mass_unit(unit: &str) -> Option<DoseUnit> {
    match unit {
        "mg" => Some(DoseUnit::Mg),
        "ug" | "µg" | "μg" | "mcg" => Some(DoseUnit::Ug),
        "IU" | "iu" | "IE" => Some(DoseUnit::Iu),
        _ => None,
    }
}

/// Splits `"  3.5 d"` into `(3.5, "d")`. `None` when there is no leading number.
fn split_number(text: &str) -> Option<(f64, &str)> {
    let text = text.trim();
    let end = text
        .char_indices()
        .find(|&(_, c)| !(c.is_ascii_digit() || matches!(c, '.' | '-' | '+' | 'e' | 'E')))
        .map(|(i, _)| i)
        .unwrap_or(text.len());
    // "e" may start a unit rather than an exponent: back off until the prefix parses.
    let mut cut = end;
    while cut > 0 {
        if let Ok(v) = text[..cut].parse::<f64>() {
            return Some((v, text[cut..].trim()));
        }
        cut -= 1;
    }
    // Allow the literal names Rust's float parser knows (NaN, inf) so they are reported as
    // "not finite" rather than "no number".
    for word in ["NaN", "nan", "inf", "infinity", "Infinity"] {
        if let Some(rest) = text.strip_prefix(word) {
            return Some((f64::NAN, rest.trim()));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_parse_in_every_unit() {
        assert_eq!(Duration::parse("90min", "x").unwrap().as_hours(), 1.5);
        assert_eq!(Duration::parse("12h", "x").unwrap().as_hours(), 12.0);
        assert_eq!(Duration::parse("3.5d", "x").unwrap().as_hours(), 84.0);
        assert_eq!(
            Duration::parse("26 w", "x").unwrap().as_hours(),
            26.0 * 168.0
        );
        assert_eq!(Duration::parse("1e1d", "x").unwrap().as_days(), 10.0);
        assert_eq!(Duration::parse("6mo", "x").unwrap().as_days(), 182.625);
        assert_eq!(Duration::parse("2 y", "x").unwrap().as_days(), 730.5);
        assert_eq!(Duration::months(3.0), Duration::parse("3mo", "x").unwrap());
        assert_eq!(Duration::years(1.0), Duration::parse("12mo", "x").unwrap());
    }

    #[test]
    fn garbage_durations_are_errors() {
        for s in [
            "seven days",
            "",
            "12",
            "5 years",
            "5 m",
            "1yr",
            "-1d",
            "NaNd",
            "infd",
            "d",
        ] {
            assert!(Duration::parse(s, "duration").is_err(), "{s} accepted");
        }
    }

    #[test]
    fn doses_and_rates_parse() {
        assert_eq!(Dose::parse("200 mg", "d").unwrap().as_ug(), Some(200_000.0));
        assert_eq!(Dose::parse("100mcg", "d").unwrap().as_ug(), Some(100.0));
        assert_eq!(Dose::parse("500 IU", "d").unwrap().as_ug(), None);
        assert!(Dose::parse("0 mg", "d").is_err());
        assert!(Dose::parse("5 g", "d").is_err());
        let r = InfusionRate::parse("0.048 mg/d", "i").unwrap();
        assert!((r.per_hour() - 0.002).abs() < 1e-15);
        assert!(InfusionRate::parse("2 ug", "i").is_err());
    }
}

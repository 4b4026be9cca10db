//! The crate's error type: every way a patient, a regimen, a protocol or a run can fail.
//!
//! Each variant carries the fields a caller needs to say what was wrong; the `Display` text is a
//! single line fit for a command-line error message.

use thiserror::Error;

/// Everything that can go wrong in `hpg`.
#[derive(Debug, Error, Clone, PartialEq)]
#[non_exhaustive]
pub enum HpgError {
    /// A model parameter was given a value outside its valid range (or not finite).
    #[error("parameter `{name}` = {} is invalid: {reason}", number(*.value))]
    InvalidParameter {
        /// Parameter name as in [`crate::Params::names`].
        name: String,
        /// The rejected value.
        value: f64,
        /// Why it was rejected (the allowed range).
        reason: String,
    },
    /// An override named a parameter that does not exist.
    #[error("unknown parameter `{name}` (see Params::names() for the list)")]
    UnknownParameter {
        /// The name that was not recognised.
        name: String,
    },
    /// A patient preset name that does not exist.
    #[error(
        "unknown patient preset `{name}` (expected one of: healthy, older, secondary_hypogonadism, primary_hypogonadism, gnrh_deficient, gnrh_deficient_untreated)"
    )]
    UnknownPreset {
        /// The name that was not recognised.
        name: String,
    },
    /// A text value (duration, dose, drug, route, mode …) could not be understood.
    #[error("{field}: {message}")]
    InvalidInput {
        /// Which field (a protocol path such as `regimen[1].dose`, or an API argument name).
        field: String,
        /// What was wrong with it.
        message: String,
    },
    /// The protocol file is not valid JSON or does not have the protocol's shape.
    #[error("protocol: {message}")]
    Protocol {
        /// The parser's message, including the path of the offending field when known.
        message: String,
    },
    /// The ODE solver gave up.
    #[error("solver failed at t = {time_days:.4} d: {reason}")]
    Solver {
        /// Simulated time (days) at which the failure happened.
        time_days: f64,
        /// The solver's own explanation.
        reason: String,
    },
    /// The model produced a non-finite or negative value: a parameter combination outside
    /// what the model can represent.
    #[error("state `{state}` became {value} at t = {time_days:.4} d{}", in_context(.context))]
    NonFiniteState {
        /// Name of the offending state variable.
        state: &'static str,
        /// Its value.
        value: f64,
        /// Simulated time (days).
        time_days: f64,
        /// Where it happened (e.g. `patient 17`), empty when the run is the caller's own.
        context: String,
    },
    /// Writing output failed.
    #[error("output error: {0}")]
    Io(String),
}

impl From<std::io::Error> for HpgError {
    fn from(e: std::io::Error) -> Self {
        HpgError::Io(e.to_string())
    }
}

/// A number as a person would write it in a message: plain decimals in the everyday range,
/// scientific notation beyond it (never a 300-digit decimal).
///
/// ```
/// use hpg::error::number;
/// assert_eq!(number(250.0), "250");
/// assert_eq!(number(0.35), "0.35");
/// assert_eq!(number(1e-300), "1e-300");
/// assert_eq!(number(1e308), "1e308");
/// ```
pub fn number(x: f64) -> String {
    let magnitude = x.abs();
    if x == 0.0 || !x.is_finite() || (1e-4..1e9).contains(&magnitude) {
        format!("{x}")
    } else {
        format!("{x:e}")
    }
}

fn in_context(context: &str) -> String {
    if context.is_empty() {
        String::new()
    } else {
        format!(" ({context})")
    }
}

impl HpgError {
    /// The same error, placed within `path`, keeping its variant: an
    /// [`HpgError::InvalidInput`]'s field goes under `path` (`dose` → `regimen[1].dose`, an
    /// empty field becomes `path`); a [`HpgError::Solver`] or [`HpgError::NonFiniteState`]
    /// error says `(path)` after its explanation; other errors are returned as they are. The
    /// one way the crate adds context to an error.
    ///
    /// ```
    /// use hpg::{Dose, HpgError};
    /// let e = Dose::mg(-1.0).unwrap_err().within("regimen[2]");
    /// assert!(matches!(&e, HpgError::InvalidInput { field, .. } if field == "regimen[2].dose"));
    /// ```
    pub fn within(self, path: &str) -> HpgError {
        match self {
            HpgError::InvalidInput { field, message } => HpgError::InvalidInput {
                field: if field.is_empty() {
                    path.to_string()
                } else {
                    format!("{path}.{field}")
                },
                message,
            },
            HpgError::Solver { time_days, reason } => HpgError::Solver {
                time_days,
                reason: format!("{reason} ({path})"),
            },
            HpgError::NonFiniteState {
                state,
                value,
                time_days,
                context,
            } => HpgError::NonFiniteState {
                state,
                value,
                time_days,
                context: if context.is_empty() {
                    path.to_string()
                } else {
                    format!("{context}, {path}")
                },
            },
            other => other,
        }
    }

    /// The same error with its simulated time moved by `days` (a run's failure reported on
    /// another clock, e.g. before day 0 while settling).
    pub(crate) fn shifted(self, days: f64) -> HpgError {
        match self {
            HpgError::Solver { time_days, reason } => HpgError::Solver {
                time_days: time_days + days,
                reason,
            },
            HpgError::NonFiniteState {
                state,
                value,
                time_days,
                context,
            } => HpgError::NonFiniteState {
                state,
                value,
                time_days: time_days + days,
                context,
            },
            other => other,
        }
    }
}

/// Shorthand for results in this crate.
pub type Result<T> = std::result::Result<T, HpgError>;

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
    #[error("parameter `{name}` = {value} is invalid: {reason}")]
    InvalidParameter {
        /// Parameter name as in [`crate::Params::NAMES`].
        name: String,
        /// The rejected value.
        value: f64,
        /// Why it was rejected (the allowed range).
        reason: String,
    },
    /// An override named a parameter that does not exist.
    #[error("unknown parameter `{name}` (see Params::NAMES for the list)")]
    UnknownParameter {
        /// The name that was not recognised.
        name: String,
    },
    /// A patient preset name that does not exist.
    #[error(
        "unknown patient preset `{name}` (expected one of: healthy, older, secondary_hypogonadism, primary_hypogonadism, gnrh_deficient)"
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
    #[error("state `{state}` became {value} at t = {time_days:.4} d")]
    NonFiniteState {
        /// Name of the offending state variable.
        state: &'static str,
        /// Its value.
        value: f64,
        /// Simulated time (days).
        time_days: f64,
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

/// Shorthand for results in this crate.
pub type Result<T> = std::result::Result<T, HpgError>;

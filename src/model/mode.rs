//! The two fidelity modes of the GnRH signal.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// Fidelity mode of the GnRH signal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    /// Every GnRH pulse is an event (default).
    #[default]
    Pulsatile,
    /// Pulses replaced by their exact period-average effect: for long horizons and populations.
    MeanField,
}

impl fmt::Display for Mode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Mode::Pulsatile => "pulsatile",
            Mode::MeanField => "mean_field",
        })
    }
}

impl FromStr for Mode {
    type Err = crate::HpgError;
    fn from_str(s: &str) -> crate::Result<Self> {
        match s {
            "pulsatile" => Ok(Mode::Pulsatile),
            "mean_field" => Ok(Mode::MeanField),
            _ => Err(crate::HpgError::InvalidInput {
                field: "mode".into(),
                message: format!("unknown mode `{s}` (expected pulsatile or mean_field)"),
            }),
        }
    }
}

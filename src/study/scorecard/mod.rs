//! The clinical scorecard: every published target the model is held to, as data
//! (`targets.toml`, shipped in this folder: id, source, patient, regimen in the protocol
//! file's syntax, what is measured, the band), read and run by one runner. `tests/clinical.rs`
//! asserts each row; `examples/validate.rs` prints the table the README shows.
//!
//! Every row uses the same parameters (the presets of [`crate::Preset`]); nothing is tuned per
//! row. A research group can run its own rows with [`from_toml`].
//!
//! ```
//! use hpg::Mode;
//! use hpg::study::scorecard;
//! let rows = scorecard::from_toml(r#"
//!     [[row]]
//!     id = "X1"
//!     source = "a study"
//!     regimen = "hCG 1500 IU every other day, 2 wk"
//!     band = "T up"
//!     patient = "healthy"
//!     regimen_arm = [{ drug = "hcg", dose = "1500 IU", every = "2d" }]
//!     check = [{ measure = "ratio", quantity = "testosterone_ng_dl", at = 14, above = 1.0 }]
//! "#)?;
//! let outcome = rows[0].run(Mode::MeanField)?;
//! assert!(outcome.pass, "{}", outcome.simulated);
//! # Ok::<(), hpg::HpgError>(())
//! ```

mod file;
mod measure;
mod ops;
mod row;

pub use row::{Check, CheckOutcome, Row, scoped_parameter};

use crate::error::{HpgError, Result};

/// The outcome of one row.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    /// The simulated value(s), formatted for the scorecard.
    pub simulated: String,
    /// Whether every number of the row lies in its band.
    pub pass: bool,
    /// Each check's value and distance from its band.
    pub checks: Vec<CheckOutcome>,
}

/// The shipped scorecard, in file order.
pub fn rows() -> Result<Vec<Row>> {
    from_toml(include_str!("targets.toml"))
}

/// A scorecard from TOML text in the format of the shipped `targets.toml` (its header
/// documents every field). Errors name the row and the field.
pub fn from_toml(text: &str) -> Result<Vec<Row>> {
    let file: file::RawFile = toml::from_str(text).map_err(|e| HpgError::InvalidInput {
        field: "targets".into(),
        message: e
            .to_string()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" "),
    })?;
    file.row
        .into_iter()
        .enumerate()
        .map(|(i, raw)| {
            let path = format!("row[{i}] ({})", raw.id);
            raw.into_row().map_err(|e| e.within(&path))
        })
        .collect()
}

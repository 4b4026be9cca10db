//! The physiology: hypothalamus, pituitary, testes and periphery as coupled ODE compartments.
//!
//! | file | what it holds |
//! |---|---|
//! | [`state`] | the state vector's layout and names, from one table |
//! | [`mode`] | the two fidelity modes (pulsatile, mean-field) |
//! | [`params`] | every parameter with its unit, source and valid range |
//! | [`patient`] | presets and overrides, validated into [`params::Params`] |
//! | [`covariates`] | age, weight and height acting on a preset through sourced relations |
//! | `derived` | rate constants and reference levels derived once from [`params::Params`] |
//! | [`hypothalamus`], [`pituitary`], [`testis`], [`periphery`] | each organ's equations |
//! | [`hill`] | the dose–response numerics (fast powers, Hill forms) |
//! | `rhs` | the right-hand side and the read-outs, shared by both modes |
//! | `steady` | the drug-free steady state by Newton iteration |
//!
//! The physiology is described, with its sources, in `docs/MODEL.md`.

pub mod covariates;
mod derived;
pub mod hill;
pub mod hypothalamus;
pub mod mode;
pub mod params;
pub mod patient;
pub mod periphery;
pub mod pituitary;
mod rhs;
pub mod state;
mod steady;
pub mod testis;

pub use derived::{REFERENCE_PULSE_FREQ_PER_H, REFERENCE_PULSE_MASS_UG};
pub use mode::Mode;
pub use state::{EPIDIDYMAL_STAGES, GERM_STAGES, N, STATE_NAMES, StateVector, ix};

pub(crate) use hill::pow;
pub(crate) use rhs::Model;

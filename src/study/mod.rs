//! Studies built on the engine: the clinical scorecard ([`scorecard`]), the seed article's
//! comparisons ([`scenarios`]) and the endpoints they read ([`endpoints`]).
//!
//! The engine (drugs, model, solver, simulation, protocol, population) never imports this
//! module; a study is a client of the public API like any other program.

pub mod endpoints;
pub mod scenarios;
pub mod scorecard;

pub use endpoints::{daily_mean, mean_over, months_to_sperm_recovery};

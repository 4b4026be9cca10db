//! # hpg — a simulator of the male hypothalamic–pituitary–gonadal axis and its drugs
//!
//! Hypothalamus, pituitary and testes are coupled ODE compartments driven by pulsatile GnRH.
//! Testosterone esters and gel, SERMs, gonadorelin, the GnRH analogues leuprolide and degarelix,
//! aromatase inhibitors, the steroidogenesis inhibitor ketoconazole, hCG and FSH enter as inputs
//! or as modifiers of feedback. The simulator answers the question of why testosterone replacement
//! shuts down sperm production while a fertility protocol keeps it, and by how much.
//!
//! **A research and teaching simulator, not medical advice.**
//!
//! ## Quick start
//!
//! ```
//! use hpg::prelude::*;
//!
//! // A healthy man, every GnRH pulse resolved.
//! let mut sim = Simulation::new(Patient::new(Preset::Healthy), SimOptions::default())?;
//! let baseline = sim.observe()?;
//! assert!(baseline.testosterone_ng_dl > 300.0);
//!
//! // Weekly testosterone cypionate for four weeks.
//! sim.add_regimen(
//!     Regimen::repeated(Drug::TestosteroneCypionate, Dose::mg(100.0)?, Duration::weeks(1.0)).times(4),
//! )?;
//! let trajectory = sim.run(Duration::days(28.0), Duration::days(1.0))?;
//! let day28 = trajectory.last().unwrap();
//! assert!(day28.lh_iu_l < baseline.lh_iu_l);   // feedback shuts the axis down
//! assert!(day28.itt_ng_ml < baseline.itt_ng_ml); // and intratesticular T falls
//! # Ok::<(), hpg::HpgError>(())
//! ```

#![deny(missing_docs)]

pub mod drugs;
pub mod error;
pub mod events;
pub mod model;
pub mod output;
#[cfg(feature = "plot")]
pub mod plot;
pub mod population;
pub mod protocol;
pub mod regimen;
mod rng;
pub mod sim;
pub mod solver;
pub mod study;
pub mod units;

pub use drugs::{Drug, Exposure, Route};
pub use error::{HpgError, Result};
pub use model::Mode;
pub use model::params::Params;
pub use model::patient::{Patient, Preset};
pub use output::{CSV_HEADER, Observation, SolverStats, Trajectory};
pub use protocol::Protocol;
pub use regimen::{End, Infusion, Regimen, RepeatedDoses, Schedule};
pub use sim::{RegimenHandle, SimOptions, Simulation, Snapshot};
pub use solver::{Method, Tolerance};
pub use units::{Dose, DoseUnit, Duration, InfusionRate};

/// Everything a typical program needs.
pub mod prelude {
    pub use crate::{
        Dose, Drug, Duration, HpgError, InfusionRate, Mode, Observation, Patient, Preset, Regimen,
        Route, SimOptions, Simulation, Trajectory,
    };
}

/// The README's Rust examples, compiled and run as doc tests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;

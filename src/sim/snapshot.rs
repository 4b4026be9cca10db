//! Freezing a simulation ([`Snapshot`], serde) and continuing it exactly.

use super::{Dynamic, Simulation};
use crate::error::{HpgError, Result};
use crate::model::patient::Patient;
use crate::model::{Model, N, StateVector};
use crate::sim::SimOptions;
use crate::solver::rosenbrock::Jacobian;
use serde::{Deserialize, Serialize};

/// The snapshot format this build writes and reads. Raised whenever the frozen state changes
/// shape (2: drug chains laid out per drug and molecule, from the drug registry; 3: regimens as
/// a drug, a route, a start and a schedule; 4: the pituitary store and releasable pool, the
/// slow steroid signals and the kisspeptin drive in the state vector; 5: the sustained Leydig
/// stimulation that induces steroidogenic enzymes; 6: the linearly implicit methods' factors
/// keyed by `h·γ`; later builds of format 6 add, with serde defaults, the time the Jacobian was
/// formed and the inputs of its segment; 7: the gonadotroph's synthesis repressor; 8: the
/// zero-order depot's store in each drug chain, where leuprolide's depot now lives; 9: the
/// Sertoli cell number; 10: the depot's tail in each chain, and a chain for the 3-month
/// leuprolide depot; 11: the GnRH receptor number; 12: hCG's steroidogenic efficacy among the
/// drug parameters; 13: the gonadotroph's reserve mobilization; 14: the adult Leydig share;
/// 15: the pituitary ER signal's own half-life among the parameters, and a chain for
/// ketoconazole; 16: the drive's recovery saturation among the parameters, the set point on
/// the combined steroid signal and the reference pulse train at 0.63 /h, so a format-15
/// state would continue under other physics).
pub const SNAPSHOT_FORMAT: u32 = 16;

/// A whole simulation frozen in time (serde). [`Simulation::restore`] continues it exactly.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Snapshot {
    /// [`SNAPSHOT_FORMAT`] of the build that wrote it (1 for snapshots written before formats
    /// were numbered).
    #[serde(default = "first_format")]
    format: u32,
    patient: Patient,
    options: SimOptions,
    dynamic: Dynamic,
}

fn first_format() -> u32 {
    1
}

/// Just the format of a snapshot's JSON, read before anything else.
#[derive(Deserialize)]
struct FormatOnly {
    #[serde(default = "first_format")]
    format: u32,
}

impl Snapshot {
    /// The snapshot as JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("a snapshot is plain data")
    }

    /// Reads a snapshot from JSON. A snapshot of another format is refused with a typed error
    /// naming both formats (before its body, whose shape may differ, is read); text that is not
    /// a snapshot is an [`HpgError::Protocol`] error with serde's message.
    ///
    /// ```
    /// use hpg::prelude::*;
    /// use hpg::Snapshot;
    /// let sim = Simulation::new(Patient::new(Preset::Healthy), SimOptions::mode(Mode::MeanField))?;
    /// let json = sim.snapshot().to_json();
    /// let again = Simulation::restore(Snapshot::from_json(&json)?)?;
    /// assert_eq!(again.time_days(), sim.time_days());
    /// let old = r#"{"format": 2, "patient": "healthy"}"#;
    /// assert!(Snapshot::from_json(old).unwrap_err().to_string().contains("format 2"));
    /// # Ok::<(), hpg::HpgError>(())
    /// ```
    pub fn from_json(text: &str) -> Result<Snapshot> {
        let bad = |e: serde_json::Error| HpgError::Protocol {
            message: format!("snapshot: {e}"),
        };
        let format = serde_json::from_str::<FormatOnly>(text)
            .map_err(bad)?
            .format;
        check_format(format)?;
        serde_json::from_str(text).map_err(bad)
    }
}

/// Refuses a snapshot of another format than [`SNAPSHOT_FORMAT`].
fn check_format(format: u32) -> Result<()> {
    if format == SNAPSHOT_FORMAT {
        return Ok(());
    }
    Err(HpgError::InvalidInput {
        field: "snapshot".into(),
        message: format!(
            "written in format {format} but this build reads format {SNAPSHOT_FORMAT}; \
             rerun the simulation to get a new snapshot"
        ),
    })
}

impl Simulation {
    /// Freezes the whole simulation.
    pub fn snapshot(&self) -> Snapshot {
        let mut dynamic = self.dynamic.clone();
        dynamic.y = self.state.iter().copied().collect();
        dynamic.jacobian = self.jacobian.parts();
        Snapshot {
            format: SNAPSHOT_FORMAT,
            patient: self.patient.clone(),
            options: self.options,
            dynamic,
        }
    }

    /// Continues a frozen simulation; the result evolves exactly as the original would have.
    pub fn restore(snapshot: Snapshot) -> Result<Self> {
        check_format(snapshot.format)?;
        let model = Model::new(snapshot.patient.params()?)?;
        if snapshot.dynamic.y.len() != N || snapshot.dynamic.y.iter().any(|v| !v.is_finite()) {
            return Err(HpgError::InvalidInput {
                field: "snapshot".into(),
                message: format!("state must hold {N} finite numbers"),
            });
        }
        Simulation::validate_schedule(&snapshot.dynamic.schedule)?;
        if !snapshot.dynamic.drugs.is_well_formed() {
            return Err(HpgError::InvalidInput {
                field: "snapshot.drugs".into(),
                message: "drug amounts and inputs must be finite, and a depot's store needs a \
                          positive release rate"
                    .into(),
            });
        }
        let state = StateVector::from_iterator(snapshot.dynamic.y.iter().copied());
        let mut dynamic = snapshot.dynamic;
        let stored = match dynamic.jacobian.take() {
            None => Jacobian::default(),
            Some(parts) => Jacobian::from_parts(&parts).ok_or_else(|| HpgError::InvalidInput {
                field: "snapshot.jacobian".into(),
                message: format!(
                    "must hold {} and {N} finite numbers and a positive step size",
                    N * N
                ),
            })?,
        };
        let mut sim = Simulation {
            model,
            patient: snapshot.patient,
            options: snapshot.options,
            state,
            dynamic,
            jacobian: Jacobian::default(),
        };
        // Keep the stored Jacobian only if it is this man's (formed afresh from the inputs of
        // the segment it was formed in, at its time, it agrees); a corrupted or foreign one
        // would steer the implicit method wrongly. Either way the run is correct; with an
        // honest snapshot it is also bit-exact.
        let mut system = sim.segment_system();
        if let Some((drugs, t0, pulse_freq)) = sim.dynamic.jacobian_segment {
            system.drugs = drugs;
            system.t0 = t0;
            system.pulse_freq = pulse_freq;
        }
        let mut f = |t: f64, y: &StateVector, dy: &mut StateVector| system.rate(t, y, dy);
        if stored.agrees_with(&mut f, sim.dynamic.t) {
            sim.jacobian = stored;
        }
        Ok(sim)
    }
}

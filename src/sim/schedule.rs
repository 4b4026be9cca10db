//! The simulation's dosing schedule: regimens added (counted from the start, or from now),
//! stopped part-way through by their handle, and the events they produce as time advances.

use super::{Dynamic, SAME_TIME_H, Simulation};
use crate::error::{HpgError, Result};
use crate::regimen::{Regimen, Schedule};
use crate::units::Duration;
use serde::{Deserialize, Serialize};

/// A scheduled regimen, the index of its next event, and when it was stopped (if it was).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub(super) struct Scheduled {
    regimen: Regimen,
    next: u64,
    /// Time (h) from which no event of this regimen happens any more.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    stopped_at: Option<f64>,
}

impl Scheduled {
    /// The regimen.
    pub(super) fn regimen(&self) -> Regimen {
        self.regimen
    }

    /// Time (h) of the next event, unless the regimen was stopped before it.
    fn next_event(&self) -> Option<f64> {
        let t = self.regimen.event_time(self.next)?;
        match self.stopped_at {
            Some(stop) if t >= stop - SAME_TIME_H => None,
            _ => Some(t),
        }
    }
}

/// A regimen added to a [`Simulation`], to stop it later with [`Simulation::stop`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct RegimenHandle(usize);

impl Simulation {
    /// Schedules a regimen (or repeated doses, or an infusion, as built); its times are counted
    /// from the simulation start and must not lie in the past. Returns its handle, for
    /// [`Simulation::stop`].
    ///
    /// A regimen [`Regimen::at_steady_state`] puts the man at its periodic steady state; it
    /// must be added before the simulation has advanced or given a dose.
    pub fn add_regimen(&mut self, regimen: impl Into<Regimen>) -> Result<RegimenHandle> {
        let regimen = regimen.into();
        regimen.validate()?;
        if regimen.is_steady_state() {
            if self.dynamic.t != 0.0
                || self.dynamic.stats.dose_events != 0
                || self.dynamic.schedule.iter().any(|s| s.next != 0)
            {
                return Err(HpgError::InvalidInput {
                    field: "steady_state".into(),
                    message: format!(
                        "a steady-state regimen sets where the man starts, so it is added before \
                         the simulation advances or doses (it is at {:.4} d)",
                        self.time_days()
                    ),
                });
            }
            self.dynamic.schedule.push(Scheduled {
                regimen,
                next: 0,
                stopped_at: None,
            });
            let before = self.clone();
            if let Err(e) = self.settle_at_steady_state() {
                *self = before;
                self.dynamic.schedule.pop();
                return Err(e);
            }
            return Ok(RegimenHandle(self.dynamic.schedule.len() - 1));
        }
        if regimen.start().as_hours() < self.dynamic.t - SAME_TIME_H {
            return Err(HpgError::InvalidInput {
                field: "start".into(),
                message: format!(
                    "starts at {} but the simulation is already at {:.4} d; \
                     add_regimen_now counts a regimen's times from now",
                    regimen.start(),
                    self.time_days()
                ),
            });
        }
        self.dynamic.schedule.push(Scheduled {
            regimen,
            next: 0,
            stopped_at: None,
        });
        Ok(RegimenHandle(self.dynamic.schedule.len() - 1))
    }

    /// Schedules a regimen whose times (start and any stop) are counted from now rather than
    /// from the simulation start: `Regimen::repeated(..)` added at week 27 starts at week 27.
    ///
    /// ```
    /// use hpg::prelude::*;
    /// let mut sim = Simulation::new(Patient::new(Preset::Healthy), SimOptions::mode(Mode::MeanField))?;
    /// sim.advance_by(Duration::weeks(27.0))?;
    /// let trt = sim.add_regimen_now(
    ///     Regimen::repeated(Drug::TestosteroneCypionate, Dose::mg(100.0)?, Duration::weeks(1.0)),
    /// )?;
    /// sim.advance_by(Duration::weeks(8.0))?;
    /// sim.stop(trt)?; // the couple wants a child: no dose after today
    /// # Ok::<(), hpg::HpgError>(())
    /// ```
    pub fn add_regimen_now(&mut self, regimen: impl Into<Regimen>) -> Result<RegimenHandle> {
        let now = Duration::hours(self.dynamic.t);
        self.add_regimen(regimen.into().delayed(now))
    }

    /// Stops a regimen now: doses not yet given are dropped (a dose due at this very instant
    /// too, unless time has already advanced onto it), a running infusion ends now, and what
    /// is already in the body stays. Stopping a regimen twice, or one that has ended, changes
    /// nothing; a handle from another simulation is an error.
    ///
    /// ```
    /// use hpg::prelude::*;
    /// let mut sim = Simulation::new(Patient::new(Preset::Healthy), SimOptions::mode(Mode::MeanField))?;
    /// let hcg = sim.add_regimen(Regimen::repeated(Drug::Hcg, Dose::iu(1500.0)?, Duration::days(2.0)))?;
    /// sim.advance_by(Duration::days(7.0))?;
    /// sim.stop(hcg)?;
    /// let doses = sim.stats().dose_events;
    /// sim.advance_by(Duration::days(14.0))?;
    /// assert_eq!(sim.stats().dose_events, doses); // no dose after the stop
    /// # Ok::<(), hpg::HpgError>(())
    /// ```
    pub fn stop(&mut self, handle: RegimenHandle) -> Result<()> {
        let now = self.dynamic.t;
        let rates = &self.model.rates;
        let Dynamic {
            schedule,
            drugs,
            stats,
            ..
        } = &mut self.dynamic;
        let count = schedule.len();
        let s = schedule
            .get_mut(handle.0)
            .ok_or_else(|| HpgError::InvalidInput {
                field: "handle".into(),
                message: format!(
                    "no regimen {} in this simulation (it has {count})",
                    handle.0
                ),
            })?;
        if s.stopped_at.is_some() {
            return Ok(());
        }
        // A running infusion (started, its stop not yet reached) ends now.
        if let Schedule::Infusion { rate, .. } = s.regimen.schedule()
            && s.next == 1
        {
            drugs.infusion_edge(rates, &s.regimen, rate, -1.0);
            stats.dose_events += 1;
            s.next = 2;
        }
        s.stopped_at = Some(now);
        Ok(())
    }

    /// Applies every regimen event due now.
    pub(super) fn apply_due_doses(&mut self) -> bool {
        let now = self.dynamic.t;
        let mut applied = false;
        let rates = &self.model.rates;
        let Dynamic {
            schedule,
            drugs,
            stats,
            ..
        } = &mut self.dynamic;
        for s in schedule.iter_mut() {
            while let Some(te) = s.next_event() {
                if te > now + SAME_TIME_H {
                    break;
                }
                let r = &s.regimen;
                match r.schedule() {
                    Schedule::Once(dose) | Schedule::Repeated { dose, .. } => {
                        drugs.give(rates, r.drug(), r.route_of(), dose, r.bioavailability())
                    }
                    Schedule::Infusion { rate, .. } => {
                        let sign = if s.next == 0 { 1.0 } else { -1.0 };
                        drugs.infusion_edge(rates, r, rate, sign);
                    }
                }
                stats.dose_events += 1;
                applied = true;
                s.next += 1;
            }
        }
        applied
    }

    /// Time (h) of the next dose or infusion edge of any regimen.
    pub(super) fn next_dose_time(&self) -> f64 {
        self.dynamic
            .schedule
            .iter()
            .filter_map(Scheduled::next_event)
            .fold(f64::INFINITY, f64::min)
    }

    /// Only the steady-state regimens, back at their first event and without end: the
    /// dosing the man has had since long before time 0 (for the steady-state computation).
    pub(super) fn keep_steady_state_regimens_open(&mut self) {
        self.dynamic
            .schedule
            .retain(|s| s.regimen.is_steady_state());
        for s in &mut self.dynamic.schedule {
            s.regimen = s.regimen.open_ended();
            s.next = 0;
            s.stopped_at = None;
        }
    }

    /// Checks every scheduled regimen (a restored snapshot's).
    pub(super) fn validate_schedule(schedule: &[Scheduled]) -> Result<()> {
        for s in schedule {
            s.regimen.validate()?;
        }
        Ok(())
    }
}

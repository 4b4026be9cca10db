//! Dosing schedules: single doses, repeated regimens and continuous infusions, and the
//! breakpoints (event times) they produce.

use crate::drugs::{Drug, Route};
use crate::error::{HpgError, Result};
use crate::units::{Dose, Duration, InfusionRate};
use serde::{Deserialize, Serialize};

/// What is given: a dose at each event, or a continuous infusion.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub enum Administration {
    /// A bolus (or oral dose, or injection) at each event.
    Dose(Dose),
    /// A constant-rate infusion between `start` and `stop`.
    Infusion(InfusionRate),
}

/// When a repeated regimen ends.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub enum End {
    /// Never (to the end of the run).
    Open,
    /// At this time since the simulation start (exclusive).
    Stop(Duration),
    /// After this many doses.
    Times(u64),
}

/// One line of a regimen: a drug, a route, what is given, and when.
///
/// ```
/// use hpg::{Regimen, Drug, Dose, Duration};
/// let trt = Regimen::repeated(Drug::TestosteroneCypionate, Dose::mg(100.0)?, Duration::weeks(1.0))
///     .times(26);
/// assert!(trt.validate().is_ok());
/// # Ok::<(), hpg::HpgError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Regimen {
    /// The drug.
    pub drug: Drug,
    /// The route (must be one of the drug's routes).
    pub route: Route,
    /// A dose per event, or an infusion.
    pub administration: Administration,
    /// First dose (or infusion start), as time since the simulation start.
    pub start: Duration,
    /// Interval between doses; `None` for a single dose or an infusion.
    pub every: Option<Duration>,
    /// End of a repeated regimen or of an infusion.
    pub end: End,
}

impl Regimen {
    /// A single dose at time 0 by the drug's default route.
    pub fn single(drug: Drug, dose: Dose) -> Self {
        Regimen {
            drug,
            route: drug.default_route(),
            administration: Administration::Dose(dose),
            start: Duration::ZERO,
            every: None,
            end: End::Open,
        }
    }

    /// A dose every `every`, from time 0, to the end of the run.
    pub fn repeated(drug: Drug, dose: Dose, every: Duration) -> Self {
        Regimen {
            every: Some(every),
            ..Regimen::single(drug, dose)
        }
    }

    /// A continuous infusion from time 0, to the end of the run (or [`Regimen::until`]).
    pub fn infusion(drug: Drug, rate: InfusionRate) -> Self {
        Regimen {
            drug,
            route: drug.default_route(),
            administration: Administration::Infusion(rate),
            start: Duration::ZERO,
            every: None,
            end: End::Open,
        }
    }

    /// Sets the route.
    pub fn route(mut self, route: Route) -> Self {
        self.route = route;
        self
    }

    /// Sets the start.
    pub fn starting(mut self, start: Duration) -> Self {
        self.start = start;
        self
    }

    /// Stops the regimen at `stop` (exclusive), time since the simulation start.
    pub fn until(mut self, stop: Duration) -> Self {
        self.end = End::Stop(stop);
        self
    }

    /// Stops a repeated regimen after `n` doses.
    pub fn times(mut self, n: u64) -> Self {
        self.end = End::Times(n);
        self
    }

    /// Checks the regimen: units and route fit the drug, times are finite and ordered.
    pub fn validate(&self) -> Result<()> {
        let bad = |field: &str, message: String| {
            Err(HpgError::InvalidInput {
                field: field.to_string(),
                message,
            })
        };
        let start = self.start.as_hours();
        if !start.is_finite() || start < 0.0 {
            return bad(
                "start",
                format!("must be a finite time ≥ 0, got {}", self.start),
            );
        }
        match self.administration {
            Administration::Dose(dose) => {
                self.drug.check(self.route, dose.unit(), "dose")?;
            }
            Administration::Infusion(rate) => {
                self.drug.check(self.route, rate.unit(), "infusion")?;
                if !self.drug.can_infuse(self.route) {
                    return bad(
                        "infusion",
                        format!(
                            "{} cannot be given as a continuous infusion by the {} route; \
                             infusions are for {}, iv or sc",
                            self.drug,
                            self.route,
                            Drug::infusible_names()
                        ),
                    );
                }
                if self.every.is_some() {
                    return bad("every", "an infusion has no dosing interval".into());
                }
                if let End::Times(_) = self.end {
                    return bad("times", "an infusion ends with `stop`, not `times`".into());
                }
            }
        }
        if let Some(every) = self.every {
            let h = every.as_hours();
            if !h.is_finite() || h <= 0.0 {
                return bad("every", format!("must be a positive duration, got {every}"));
            }
        }
        let single_dose =
            matches!(self.administration, Administration::Dose(_)) && self.every.is_none();
        match self.end {
            End::Open => {}
            End::Stop(_) if single_dose => {
                return bad(
                    "stop",
                    "a single dose has no `stop`; give `every` for repeated doses".into(),
                );
            }
            End::Stop(stop) => {
                let s = stop.as_hours();
                if !s.is_finite() || s <= start {
                    return bad(
                        "stop",
                        format!("must be after start ({}), got {stop}", self.start),
                    );
                }
            }
            End::Times(n) => {
                if n == 0 {
                    return bad("times", "must be at least 1".into());
                }
                if self.every.is_none() && n > 1 {
                    return bad("times", "repeated doses need `every`".into());
                }
            }
        }
        Ok(())
    }

    /// Times of this regimen's events before `until`: dose times, or an infusion's start and
    /// stop. At most `limit` of them (a pump every minute for a year has half a million).
    ///
    /// ```
    /// use hpg::{Regimen, Drug, Dose, Duration};
    /// let r = Regimen::repeated(Drug::Hcg, Dose::iu(500.0)?, Duration::days(2.0)).times(3);
    /// let days: Vec<f64> = r.event_times(Duration::days(30.0), 100).iter().map(|t| t.as_days()).collect();
    /// assert_eq!(days, vec![0.0, 2.0, 4.0]);
    /// # Ok::<(), hpg::HpgError>(())
    /// ```
    pub fn event_times(&self, until: Duration, limit: usize) -> Vec<Duration> {
        (0..)
            .map_while(|k| self.event_time(k))
            .take_while(|&h| h < until.as_hours())
            .take(limit)
            .map(Duration::hours)
            .collect()
    }

    /// Time (h) of event number `k` (0-based), or `None` when there is no such event.
    /// For a dose regimen, events are doses; for an infusion, event 0 starts and event 1 stops it.
    pub(crate) fn event_time(&self, k: u64) -> Option<f64> {
        let start = self.start.as_hours();
        match self.administration {
            Administration::Infusion(_) => match (k, self.end) {
                (0, _) => Some(start),
                (1, End::Stop(stop)) => Some(stop.as_hours()),
                _ => None,
            },
            Administration::Dose(_) => {
                let t = match self.every {
                    None if k == 0 => start,
                    None => return None,
                    Some(every) => start + k as f64 * every.as_hours(),
                };
                match self.end {
                    End::Open => Some(t),
                    End::Stop(stop) => (t < stop.as_hours()).then_some(t),
                    End::Times(n) => (k < n).then_some(t),
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeated_regimens_list_their_times() {
        let r = Regimen::repeated(Drug::Hcg, Dose::iu(500.0).unwrap(), Duration::days(2.0))
            .starting(Duration::days(1.0))
            .until(Duration::days(7.0));
        let times: Vec<f64> = (0..10).filter_map(|k| r.event_time(k)).collect();
        assert_eq!(times, vec![24.0, 72.0, 120.0]);
        let r = Regimen::repeated(
            Drug::Anastrozole,
            Dose::mg(1.0).unwrap(),
            Duration::days(1.0),
        )
        .times(3);
        assert_eq!(r.event_time(2), Some(48.0));
        assert_eq!(r.event_time(3), None);
    }

    #[test]
    fn bad_regimens_are_refused() {
        let hcg_mg = Regimen::single(Drug::Hcg, Dose::mg(500.0).unwrap());
        assert!(hcg_mg.validate().is_err());
        let t_iu = Regimen::single(Drug::TestosteroneCypionate, Dose::iu(100.0).unwrap());
        assert!(t_iu.validate().is_err());
        let stop_before_start =
            Regimen::repeated(Drug::Hcg, Dose::iu(1.0).unwrap(), Duration::days(1.0))
                .starting(Duration::days(5.0))
                .until(Duration::days(2.0));
        assert!(stop_before_start.validate().is_err());
        let infused_tablet =
            Regimen::infusion(Drug::Anastrozole, InfusionRate::ug_per_hour(1.0).unwrap())
                .route(Route::Oral);
        assert!(infused_tablet.validate().is_err());
    }
}

//! Dosing schedules: single doses, repeated doses and continuous infusions, and the
//! breakpoints (event times) they produce.
//!
//! A [`Regimen`] is a drug, a route, a start and a [`Schedule`]. The schedule's shape cannot be
//! contradictory: a single dose has no interval or end, repeated doses end by a time or a
//! count, an infusion only by a time. The builders [`RepeatedDoses`] and [`Infusion`] offer
//! only the settings their schedule has. What depends on the drug (route, dose unit, whether
//! it can be infused) and on the numbers (a positive interval, a stop after the start) is
//! checked once, where a regimen enters a simulation or a protocol ([`Regimen::validate`]).

use crate::drugs::{Drug, Route};
use crate::error::{HpgError, Result};
use crate::units::{Dose, Duration, InfusionRate};
use serde::{Deserialize, Serialize};

/// When repeated doses end.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub enum End {
    /// Never (to the end of the run).
    Open,
    /// At this time since the simulation start (exclusive).
    Stop(Duration),
    /// After this many doses.
    Times(u64),
}

/// What is given and when, after the start.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub enum Schedule {
    /// One dose at the start.
    Once(Dose),
    /// A dose every `every` from the start, until `end`.
    Repeated {
        /// The dose given each time.
        dose: Dose,
        /// The interval between doses.
        every: Duration,
        /// When the doses end.
        end: End,
    },
    /// A constant-rate infusion from the start until `stop` (time since the simulation start,
    /// exclusive), or to the end of the run.
    Infusion {
        /// The rate.
        rate: InfusionRate,
        /// The end of the infusion, if it ends before the run does.
        stop: Option<Duration>,
    },
}

/// One line of a regimen: a drug, a route, a start and a schedule.
///
/// ```
/// use hpg::{Regimen, Drug, Dose, Duration};
/// let trt: Regimen = Regimen::repeated(Drug::TestosteroneCypionate, Dose::mg(100.0)?, Duration::weeks(1.0))
///     .times(26)
///     .into();
/// assert!(trt.validate().is_ok());
/// # Ok::<(), hpg::HpgError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Regimen {
    drug: Drug,
    route: Route,
    start: Duration,
    schedule: Schedule,
    /// Absorption lag: each dose (or infusion edge) reaches the body this long after its
    /// scheduled time (NONMEM's ALAG).
    #[serde(default, skip_serializing_if = "is_zero")]
    lag: Duration,
    /// This regimen's own bioavailability, in place of the man's value for the drug.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    bioavailability: Option<f64>,
    /// The man has been on this regimen for so long before time 0 that his drug depots and his
    /// axis are at its periodic steady state (NONMEM's `SS=1`).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    steady_state: bool,
}

fn is_zero(d: &Duration) -> bool {
    d.as_hours() == 0.0
}

/// Repeated doses being set up ([`Regimen::repeated`]); becomes a [`Regimen`] with `into()`,
/// or wherever a regimen is expected.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RepeatedDoses(Regimen);

/// An infusion being set up ([`Regimen::infusion`]); becomes a [`Regimen`] with `into()`, or
/// wherever a regimen is expected.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Infusion(Regimen);

impl Regimen {
    /// A single dose at time 0 by the drug's default route.
    pub fn single(drug: Drug, dose: Dose) -> Regimen {
        Regimen {
            drug,
            route: drug.default_route(),
            start: Duration::ZERO,
            schedule: Schedule::Once(dose),
            lag: Duration::ZERO,
            bioavailability: None,
            steady_state: false,
        }
    }

    /// A dose every `every`, from time 0, to the end of the run (or [`RepeatedDoses::until`],
    /// [`RepeatedDoses::times`]).
    pub fn repeated(drug: Drug, dose: Dose, every: Duration) -> RepeatedDoses {
        RepeatedDoses(Regimen {
            schedule: Schedule::Repeated {
                dose,
                every,
                end: End::Open,
            },
            ..Regimen::single(drug, dose)
        })
    }

    /// A continuous infusion from time 0, to the end of the run (or [`Infusion::until`]).
    pub fn infusion(drug: Drug, rate: InfusionRate) -> Infusion {
        Infusion(Regimen {
            drug,
            route: drug.default_route(),
            start: Duration::ZERO,
            schedule: Schedule::Infusion { rate, stop: None },
            lag: Duration::ZERO,
            bioavailability: None,
            steady_state: false,
        })
    }

    /// The same regimen by another route.
    pub fn route(mut self, route: Route) -> Regimen {
        self.route = route;
        self
    }

    /// The same regimen with an absorption lag: each dose (or infusion start and stop) reaches
    /// the body `lag` after its scheduled time (NONMEM's ALAG). Start, stop and `times` count
    /// scheduled times.
    ///
    /// ```
    /// use hpg::{Regimen, Drug, Dose, Duration};
    /// let r = Regimen::single(Drug::Anastrozole, Dose::mg(1.0)?).lag(Duration::hours(1.5));
    /// assert_eq!(r.event_times(Duration::days(1.0), 10), vec![Duration::hours(1.5)]);
    /// # Ok::<(), hpg::HpgError>(())
    /// ```
    pub fn lag(mut self, lag: Duration) -> Regimen {
        self.lag = lag;
        self
    }

    /// The same regimen with its own bioavailability (0 < F ≤ 1) in place of the man's value
    /// for the drug (`<drug>.bioavailability`); for extravascular routes only. It is the
    /// fraction absorbed from each dose as given: for a drug with saturable uptake (the gel) it
    /// replaces the dose-dependent fraction too.
    pub fn with_bioavailability(mut self, bioavailability: f64) -> Regimen {
        self.bioavailability = Some(bioavailability);
        self
    }

    /// The same regimen, taken since long before time 0: the man starts the run at its
    /// periodic steady state (drug depots and axis), computed rather than simulated for years
    /// (NONMEM's `SS=1`). For repeated doses and infusions that start at 0; the dose due at 0
    /// is given at 0, as the regimen says.
    ///
    /// ```
    /// use hpg::prelude::*;
    /// let trt = Regimen::repeated(Drug::TestosteroneCypionate, Dose::mg(100.0)?, Duration::weeks(1.0));
    /// let mut sim = Simulation::new(Patient::new(Preset::Healthy), SimOptions::mode(Mode::MeanField))?;
    /// sim.add_regimen(Regimen::from(trt).at_steady_state())?;
    /// let day0 = sim.observe()?;
    /// assert!(day0.lh_iu_l < 0.5); // years of TRT: LH is suppressed from the first sample
    /// # Ok::<(), hpg::HpgError>(())
    /// ```
    pub fn at_steady_state(mut self) -> Regimen {
        self.steady_state = true;
        self
    }

    /// Whether the man starts at this regimen's periodic steady state.
    pub fn is_steady_state(&self) -> bool {
        self.steady_state
    }

    /// The interval after which this regimen's input repeats \[h\]: the dosing interval, or
    /// a day for an infusion (constant input), `None` for a single dose.
    pub(crate) fn period_hours(&self) -> Option<f64> {
        match self.schedule {
            Schedule::Once(_) => None,
            Schedule::Repeated { every, .. } => Some(every.as_hours()),
            Schedule::Infusion { .. } => Some(24.0),
        }
    }

    /// The same regimen without end: repeated doses forever, an infusion without stop.
    pub(crate) fn open_ended(mut self) -> Regimen {
        match &mut self.schedule {
            Schedule::Repeated { end, .. } => *end = End::Open,
            Schedule::Infusion { stop, .. } => *stop = None,
            Schedule::Once(_) => {}
        }
        self
    }

    /// The absorption lag.
    pub fn lag_of(&self) -> Duration {
        self.lag
    }

    /// This regimen's own bioavailability, if it has one.
    pub fn bioavailability(&self) -> Option<f64> {
        self.bioavailability
    }

    /// The same regimen starting at `start` (time since the simulation start). A stop time
    /// stays where it was.
    pub fn starting(mut self, start: Duration) -> Regimen {
        self.start = start;
        self
    }

    /// The same regimen `by` later: its start and any stop time move together.
    ///
    /// ```
    /// use hpg::{Regimen, Drug, Dose, Duration};
    /// let r: Regimen = Regimen::repeated(Drug::Hcg, Dose::iu(500.0)?, Duration::days(2.0))
    ///     .until(Duration::days(6.0))
    ///     .into();
    /// let later = r.delayed(Duration::days(1.0));
    /// let days: Vec<f64> = later.event_times(Duration::days(30.0), 10).iter().map(|t| t.as_days()).collect();
    /// assert_eq!(days, vec![1.0, 3.0, 5.0]);
    /// # Ok::<(), hpg::HpgError>(())
    /// ```
    pub fn delayed(mut self, by: Duration) -> Regimen {
        self.start = self.start + by;
        match &mut self.schedule {
            Schedule::Repeated {
                end: End::Stop(stop),
                ..
            }
            | Schedule::Infusion {
                stop: Some(stop), ..
            } => *stop = *stop + by,
            _ => {}
        }
        self
    }

    /// The drug.
    pub fn drug(&self) -> Drug {
        self.drug
    }

    /// The route.
    pub fn route_of(&self) -> Route {
        self.route
    }

    /// The first dose (or the infusion's start), as time since the simulation start.
    pub fn start(&self) -> Duration {
        self.start
    }

    /// What is given and when.
    pub fn schedule(&self) -> Schedule {
        self.schedule
    }

    /// Checks what depends on the drug and on the numbers: the route and unit fit the drug,
    /// an infusion is of a drug that can be infused by that route, times are finite and
    /// ordered, a count is at least 1. Errors name the field (`route`, `dose`, `every`, …).
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
        if self.steady_state {
            if matches!(self.schedule, Schedule::Once(_)) {
                return bad(
                    "steady_state",
                    "a single dose has no steady state; give `every`".into(),
                );
            }
            if start != 0.0 {
                return bad(
                    "steady_state",
                    format!(
                        "a steady-state regimen describes the man at the start of the run, so it \
                         starts at 0, not at {}",
                        self.start
                    ),
                );
            }
        }
        let lag = self.lag.as_hours();
        if !lag.is_finite() || lag < 0.0 {
            return bad(
                "lag",
                format!("must be a finite time ≥ 0, got {}", self.lag),
            );
        }
        if let Some(f) = self.bioavailability {
            if !(f > 0.0 && f <= 1.0) {
                return bad(
                    "bioavailability",
                    format!(
                        "must be a fraction in (0, 1], got {}",
                        crate::error::number(f)
                    ),
                );
            }
            if self.route == Route::Iv {
                return bad(
                    "bioavailability",
                    "an IV dose enters the blood whole; bioavailability is for sc, im, oral \
                     and transdermal doses"
                        .into(),
                );
            }
        }
        let stop = match self.schedule {
            Schedule::Once(dose) => {
                self.drug.check(self.route, dose.unit(), "dose")?;
                None
            }
            Schedule::Repeated { dose, every, end } => {
                self.drug.check(self.route, dose.unit(), "dose")?;
                let h = every.as_hours();
                if !h.is_finite() || h <= 0.0 {
                    return bad("every", format!("must be a positive duration, got {every}"));
                }
                match end {
                    End::Open => None,
                    End::Stop(stop) => Some(stop),
                    End::Times(0) => return bad("times", "must be at least 1".into()),
                    End::Times(_) => None,
                }
            }
            Schedule::Infusion { rate, stop } => {
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
                stop
            }
        };
        if let Some(stop) = stop {
            let s = stop.as_hours();
            if !s.is_finite() || s <= start {
                return bad(
                    "stop",
                    format!("must be after start ({}), got {stop}", self.start),
                );
            }
        }
        Ok(())
    }

    /// Times of this regimen's events before `until`: dose times, or an infusion's start and
    /// stop, each after the absorption lag. At most `limit` of them (a pump every minute for a year has half a million).
    ///
    /// ```
    /// use hpg::{Regimen, Drug, Dose, Duration};
    /// let r: Regimen = Regimen::repeated(Drug::Hcg, Dose::iu(500.0)?, Duration::days(2.0)).times(3).into();
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
    /// For doses, events are doses; for an infusion, event 0 starts and event 1 stops it.
    pub(crate) fn event_time(&self, k: u64) -> Option<f64> {
        self.scheduled_time(k).map(|t| t + self.lag.as_hours())
    }

    /// Scheduled time (h) of event number `k`, before any absorption lag.
    fn scheduled_time(&self, k: u64) -> Option<f64> {
        let start = self.start.as_hours();
        match self.schedule {
            Schedule::Once(_) => (k == 0).then_some(start),
            Schedule::Repeated { every, end, .. } => {
                let t = start + k as f64 * every.as_hours();
                match end {
                    End::Open => Some(t),
                    End::Stop(stop) => (t < stop.as_hours()).then_some(t),
                    End::Times(n) => (k < n).then_some(t),
                }
            }
            Schedule::Infusion { stop, .. } => match (k, stop) {
                (0, _) => Some(start),
                (1, Some(stop)) => Some(stop.as_hours()),
                _ => None,
            },
        }
    }
}

impl RepeatedDoses {
    /// By another route.
    pub fn route(self, route: Route) -> RepeatedDoses {
        RepeatedDoses(self.0.route(route))
    }

    /// Starting at `start` (time since the simulation start).
    pub fn starting(self, start: Duration) -> RepeatedDoses {
        RepeatedDoses(self.0.starting(start))
    }

    /// No dose at or after `stop` (time since the simulation start).
    pub fn until(self, stop: Duration) -> RepeatedDoses {
        self.ending(End::Stop(stop))
    }

    /// `n` doses in all.
    pub fn times(self, n: u64) -> RepeatedDoses {
        self.ending(End::Times(n))
    }

    fn ending(mut self, new_end: End) -> RepeatedDoses {
        if let Schedule::Repeated { end, .. } = &mut self.0.schedule {
            *end = new_end;
        }
        self
    }
}

impl Infusion {
    /// By another route.
    pub fn route(self, route: Route) -> Infusion {
        Infusion(self.0.route(route))
    }

    /// Starting at `start` (time since the simulation start).
    pub fn starting(self, start: Duration) -> Infusion {
        Infusion(self.0.starting(start))
    }

    /// Ending at `stop` (time since the simulation start).
    pub fn until(mut self, new_stop: Duration) -> Infusion {
        if let Schedule::Infusion { stop, .. } = &mut self.0.schedule {
            *stop = Some(new_stop);
        }
        self
    }
}

impl From<RepeatedDoses> for Regimen {
    fn from(r: RepeatedDoses) -> Regimen {
        r.0
    }
}

impl From<Infusion> for Regimen {
    fn from(r: Infusion) -> Regimen {
        r.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeated_regimens_list_their_times() {
        let r: Regimen =
            Regimen::repeated(Drug::Hcg, Dose::iu(500.0).unwrap(), Duration::days(2.0))
                .starting(Duration::days(1.0))
                .until(Duration::days(7.0))
                .into();
        let times: Vec<f64> = (0..10).filter_map(|k| r.event_time(k)).collect();
        assert_eq!(times, vec![24.0, 72.0, 120.0]);
        let r: Regimen = Regimen::repeated(
            Drug::Anastrozole,
            Dose::mg(1.0).unwrap(),
            Duration::days(1.0),
        )
        .times(3)
        .into();
        assert_eq!(r.event_time(2), Some(48.0));
        assert_eq!(r.event_time(3), None);
    }

    #[test]
    fn bad_regimens_are_refused() {
        let hcg_mg = Regimen::single(Drug::Hcg, Dose::mg(500.0).unwrap());
        assert!(hcg_mg.validate().is_err());
        let t_iu = Regimen::single(Drug::TestosteroneCypionate, Dose::iu(100.0).unwrap());
        assert!(t_iu.validate().is_err());
        let stop_before_start: Regimen =
            Regimen::repeated(Drug::Hcg, Dose::iu(1.0).unwrap(), Duration::days(1.0))
                .starting(Duration::days(5.0))
                .until(Duration::days(2.0))
                .into();
        assert!(stop_before_start.validate().is_err());
        let infused_tablet: Regimen =
            Regimen::infusion(Drug::Anastrozole, InfusionRate::ug_per_hour(1.0).unwrap())
                .route(Route::Oral)
                .into();
        assert!(infused_tablet.validate().is_err());
    }
}

//! The stepping API: build a [`Simulation`] for a patient, schedule drugs, advance in time,
//! observe, sample, snapshot and restore.

use crate::Drug;
use crate::drugs::{DrugState, Route};
use crate::error::{HpgError, Result};
use crate::model::patient::Patient;
use crate::model::{Mode, Model, N, STATE_NAMES, StateVector, hypothalamus, ix};
use crate::output::{Observation, SolverStats, Trajectory};
use crate::regimen::Regimen;
use crate::rng::SplitMix64;
use crate::solver::rosenbrock::{Jacobian, JacobianParts};
use crate::solver::{Method, SegmentSystem, Tolerance, implicit_method, integrate_segment};
use crate::units::{Dose, Duration};
use serde::{Deserialize, Serialize};

mod periodic;
mod schedule;
mod snapshot;
pub use schedule::RegimenHandle;
use schedule::Scheduled;
pub use snapshot::{SNAPSHOT_FORMAT, Snapshot};

/// Two events closer than this (h) are simultaneous.
const SAME_TIME_H: f64 = 1e-9;
/// Mean-field relaxation to the patient's steady state before time 0 \[d\].
const WARMUP_MEAN_FIELD_DAYS: f64 = 720.0;
/// Further pulsatile relaxation before time 0, in pulsatile mode \[d\].
const WARMUP_PULSATILE_DAYS: f64 = 14.0;

/// How to simulate.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct SimOptions {
    /// Pulsatile (every GnRH pulse resolved) or mean-field.
    pub mode: Mode,
    /// Seed for jittered pulse intervals; `None` gives regular pulses.
    pub seed: Option<u64>,
    /// Integrator tolerances.
    pub tolerance: Tolerance,
    /// Integrator.
    #[serde(default)]
    pub method: Method,
    /// Most integrator steps allowed between two breakpoints before the run fails with
    /// [`HpgError::Solver`] (a stiff or broken parameter set should fail, not hang).
    #[serde(default = "default_max_steps")]
    pub max_steps_per_segment: u32,
}

/// Default step budget per segment: far above what calibrated scenarios need
/// (tens); a stiff but valid parameter set settling in `mean_field` takes ~3e5 in one segment.
pub const DEFAULT_MAX_STEPS_PER_SEGMENT: u32 = 1_000_000;

fn default_max_steps() -> u32 {
    DEFAULT_MAX_STEPS_PER_SEGMENT
}

impl Default for SimOptions {
    fn default() -> Self {
        SimOptions {
            mode: Mode::Pulsatile,
            seed: None,
            tolerance: Tolerance::default(),
            method: Method::default(),
            max_steps_per_segment: DEFAULT_MAX_STEPS_PER_SEGMENT,
        }
    }
}

impl SimOptions {
    /// Default options in the given mode.
    pub fn mode(mode: Mode) -> Self {
        SimOptions {
            mode,
            tolerance: Tolerance::for_mode(mode),
            ..SimOptions::default()
        }
    }
}

/// Everything that evolves: the snapshot is exactly this plus the patient.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Dynamic {
    t: f64,
    y: Vec<f64>,
    drugs: DrugState,
    schedule: Vec<Scheduled>,
    /// Phase at which the next pulse fires (1 without jitter).
    pulse_threshold: f64,
    /// Pulse frequency at the last breakpoint \[1/h\] (FSH reads it in pulsatile mode).
    pulse_freq: f64,
    rng: SplitMix64,
    /// Step proposed last by the explicit method \[h\].
    h_last: f64,
    /// Step proposed last by the linearly implicit method \[h\] (its steps are far longer).
    #[serde(default)]
    h_last_implicit: f64,
    /// The step ROS34PW2 proposed after its first accepted step in the last segment that began
    /// with a dose \[h\] (0: none yet): where the next dose's segment starts, rather than from
    /// the long step that the quiet end of the interval grew to.
    #[serde(default)]
    h_after_dose: f64,
    /// When a dose or infusion edge was last applied \[h\] (a segment starting then starts
    /// with [`Dynamic::h_after_dose`]).
    #[serde(default = "never")]
    dosed_at: f64,
    /// The inputs of the segment in which the linearly implicit methods' Jacobian was last
    /// formed (drugs at its start, its start time, its pulse rate): a restored snapshot checks
    /// its Jacobian against one formed afresh from these, exactly as it was formed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    jacobian_segment: Option<(DrugState, f64, f64)>,
    stats: SolverStats,
    /// The linearly implicit method's Jacobian, filled only in a snapshot, so a restored run
    /// reuses it exactly as the original would.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    jacobian: Option<JacobianParts>,
}

/// A simulated man and his drugs.
///
/// ```
/// use hpg::{Simulation, Patient, Preset, SimOptions, Regimen, Drug, Dose, Duration, Mode};
/// let mut sim = Simulation::new(Patient::new(Preset::Healthy), SimOptions::mode(Mode::MeanField))?;
/// let before = sim.observe()?;
/// sim.add_regimen(Regimen::repeated(Drug::TestosteroneCypionate, Dose::mg(100.0)?, Duration::weeks(1.0)))?;
/// let trajectory = sim.run(Duration::weeks(8.0), Duration::days(1.0))?;
/// let last = trajectory.last().unwrap();
/// assert!(last.lh_iu_l < before.lh_iu_l); // exogenous T suppresses LH
/// # Ok::<(), hpg::HpgError>(())
/// ```
#[derive(Debug, Clone)]
pub struct Simulation {
    model: Model,
    patient: Patient,
    options: SimOptions,
    state: StateVector,
    dynamic: Dynamic,
    /// Reused linear algebra of [`Method::Rosenbrock`] (carried across breakpoints).
    jacobian: Jacobian<N>,
}

impl Simulation {
    /// Builds a simulation of `patient` at his own steady state at time 0 (no drugs).
    pub fn new(patient: impl Into<Patient>, options: SimOptions) -> Result<Self> {
        let patient = patient.into();
        let tol = options.tolerance;
        if !(tol.rtol.is_finite() && tol.rtol > 0.0 && tol.atol.is_finite() && tol.atol > 0.0) {
            return Err(HpgError::InvalidInput {
                field: "tolerance".into(),
                message: format!(
                    "rtol and atol must be positive, got {} and {}",
                    tol.rtol, tol.atol
                ),
            });
        }
        if options.max_steps_per_segment == 0 {
            return Err(HpgError::InvalidInput {
                field: "max_steps_per_segment".into(),
                message: "must be at least 1".into(),
            });
        }
        let model = Model::new(patient.params()?)?;
        let state = model.reference_state();
        let mut sim = Simulation {
            model,
            patient,
            options,
            state,
            dynamic: Dynamic {
                t: 0.0,
                y: Vec::new(),
                drugs: DrugState::default(),
                schedule: Vec::new(),
                pulse_threshold: 1.0,
                pulse_freq: 0.0,
                rng: SplitMix64::from_seed(options.seed.unwrap_or(0)),
                h_last: 0.0,
                h_last_implicit: 0.0,
                h_after_dose: 0.0,
                dosed_at: never(),
                jacobian_segment: None,
                stats: SolverStats::default(),
                jacobian: None,
            },
            jacobian: Jacobian::default(),
        };
        sim.dynamic.pulse_threshold = sim.draw_threshold();
        sim.settle(options)?;
        Ok(sim)
    }

    /// Settles a fresh simulation: drug-free steady state in `mean_field`, then two weeks of
    /// pulses in `pulsatile` mode; the clock is then reset to 0.
    fn settle(&mut self, options: SimOptions) -> Result<()> {
        let sim = self;
        let warmup_days = match options.mode {
            Mode::MeanField => WARMUP_MEAN_FIELD_DAYS,
            Mode::Pulsatile => WARMUP_MEAN_FIELD_DAYS + WARMUP_PULSATILE_DAYS,
        };
        // Failures while settling are reported at negative times: before day 0.
        let settling = |e: HpgError| {
            e.shifted(-warmup_days)
                .within("while settling the patient to steady state")
        };
        sim.options.mode = Mode::MeanField;
        sim.settle_mean_field().map_err(settling)?;
        sim.dynamic.t = WARMUP_MEAN_FIELD_DAYS * 24.0;
        sim.options.mode = options.mode;
        if options.mode == Mode::Pulsatile {
            sim.advance_to_hours(warmup_days * 24.0).map_err(settling)?;
        }
        sim.dynamic.t = 0.0;
        sim.dynamic.stats = SolverStats::default();
        if options.mode == Mode::Pulsatile {
            // The mean-field Jacobian is of no use to the pulse-by-pulse run.
            sim.jacobian = Jacobian::default();
        }
        Ok(())
    }

    /// Brings a fresh simulation to its drug-free `mean_field` steady state: pseudo-transient
    /// continuation on the right-hand side from the reference state (Newton's method once its
    /// pseudo step has grown; it also converges for the men from whom damped Newton stalls in a
    /// local minimum of the residual), confirmed by integrating on for a few days. If that
    /// fails, two simulated years of integration bring him close, and damped Newton is tried
    /// from there (the slowest processes, the spermatogonial reserve, t½ ≈ 1.9 years without
    /// drive, and the kisspeptin drive's last approach, take longer than two years to settle).
    fn settle_mean_field(&mut self) -> Result<()> {
        if self.try_steady_state(Model::mean_field_steady_state_continued) {
            return Ok(());
        }
        self.advance_to_hours(self.dynamic.t + WARMUP_MEAN_FIELD_DAYS * 24.0)?;
        self.try_steady_state(Model::mean_field_steady_state);
        Ok(())
    }

    /// The steady state `solve` finds from the current state, accepted (and `true` returned)
    /// only if integrating on for a few days leaves it where it is.
    fn try_steady_state(&mut self, solve: fn(&Model, &StateVector) -> Option<StateVector>) -> bool {
        const CHECK_DAYS: f64 = 3.0;
        let Some(y) = solve(&self.model, &self.state) else {
            return false;
        };
        let mut trial = self.clone();
        trial.state = y;
        // At a steady state the implicit method crosses the whole check in one step.
        trial.dynamic.h_last_implicit = CHECK_DAYS * 24.0;
        let t_end = trial.dynamic.t + CHECK_DAYS * 24.0;
        if trial.advance_to_hours(t_end).is_err() {
            return false;
        }
        let drift = (0..N)
            .map(|i| (trial.state[i] - y[i]).abs() / y[i].abs().max(1e-6))
            .fold(0.0, f64::max);
        // Integration error alone moves the state by about the tolerance.
        if drift < (100.0 * self.options.tolerance.rtol).max(1e-6) {
            *self = trial;
            true
        } else {
            false
        }
    }

    /// Settling by integration alone (the fallback of [`Simulation::settle_mean_field`]).
    #[cfg(test)]
    fn settle_by_integration(&mut self) -> Result<()> {
        let t = self.dynamic.t;
        self.advance_to_hours(t + WARMUP_MEAN_FIELD_DAYS * 24.0)
    }

    /// The patient.
    pub fn patient(&self) -> &Patient {
        &self.patient
    }

    /// The options.
    pub fn options(&self) -> &SimOptions {
        &self.options
    }

    /// The patient's validated parameters.
    pub fn params(&self) -> &crate::Params {
        &self.model.p
    }

    /// Puts the GnRH pulse generator at `fraction` (0 ≤ `fraction` < 1) of its current
    /// interval: the next pulse comes after the remaining `1 − fraction` of it. A study that
    /// gives a bolus at an unknown phase of each man's own pulses is reproduced by averaging
    /// over phases (the scorecard's `phases`). Only the generator's phase moves: the GnRH and
    /// LH the last pulses left stay, so the first interval is stretched or shortened once (the
    /// scorecard leaves a baseline day for that to fade). A regimen added later at its steady
    /// state sets the phase again. In `mean_field` mode, which has no pulses, the phase is kept
    /// but nothing depends on it.
    ///
    /// ```
    /// use hpg::{Mode, Preset, SimOptions, Simulation};
    /// let mut sim = Simulation::new(Preset::Healthy, SimOptions::mode(Mode::Pulsatile)).unwrap();
    /// sim.set_pulse_phase(0.5).unwrap();
    /// assert!(sim.set_pulse_phase(1.0).is_err());
    /// assert!(sim.set_pulse_phase(f64::NAN).is_err());
    /// ```
    pub fn set_pulse_phase(&mut self, fraction: f64) -> Result<()> {
        if !(fraction.is_finite() && (0.0..1.0).contains(&fraction)) {
            return Err(HpgError::InvalidInput {
                field: "pulse_phase".into(),
                message: format!("must be in [0, 1), got {fraction}"),
            });
        }
        self.state[ix::PULSE_PHASE] = fraction * self.dynamic.pulse_threshold;
        Ok(())
    }

    /// Current time since the start \[d\].
    pub fn time_days(&self) -> f64 {
        self.dynamic.t / 24.0
    }

    /// Solver work so far (since time 0).
    pub fn stats(&self) -> SolverStats {
        self.dynamic.stats
    }

    /// Gives one dose now.
    pub fn give(&mut self, drug: Drug, route: Route, dose: Dose) -> Result<()> {
        let regimen = Regimen::single(drug, dose).route(route);
        regimen.validate()?;
        self.dynamic
            .drugs
            .give(&self.model.rates, drug, route, dose, None);
        self.dynamic.stats.dose_events += 1;
        Ok(())
    }

    /// Drug concentrations and effects now (PK read-out, exact).
    pub fn exposure(&self) -> crate::drugs::Exposure {
        let mut exposure = self.dynamic.drugs.exposure_at(&self.model.rates, 0.0);
        exposure.gnrh_pg_ml = 1000.0 * exposure.gnrh_ug.max(0.0) / self.model.p.gnrh_volume_l;
        exposure
    }

    /// The observation now.
    pub fn observe(&self) -> Result<Observation> {
        let exposure = self.dynamic.drugs.exposure_at(&self.model.rates, 0.0);
        let y = &self.state;
        let r = self.model.readout(y, &exposure);
        let obs = Observation {
            time_days: self.dynamic.t / 24.0,
            testosterone_ng_dl: 100.0 * y[ix::TESTOSTERONE].max(0.0),
            free_testosterone_pg_ml: r.free_t_pg_ml,
            lh_iu_l: y[ix::LH].max(0.0),
            fsh_iu_l: y[ix::FSH].max(0.0) + exposure.fsh_iu_l,
            estradiol_pg_ml: y[ix::ESTRADIOL].max(0.0),
            itt_ng_ml: r.itt_ng_ml,
            inhibin_b_pg_ml: r.inhibin_b_pg_ml,
            sperm_million_per_ml: r.sperm_m_ml,
            testis_volume_ml: r.testis_volume_ml,
        };
        if let Some(bad) = obs.values().iter().find(|v| !v.is_finite()) {
            return Err(HpgError::NonFiniteState {
                state: "observation",
                value: *bad,
                time_days: obs.time_days,
                context: String::new(),
            });
        }
        Ok(obs)
    }

    /// Advances by `by` and returns the observation at the new time. A dose due at that instant
    /// has been given (so [`Simulation::exposure`] shows it) but has had no time to act: the
    /// outputs are those of the instant before it.
    pub fn advance_by(&mut self, by: Duration) -> Result<Observation> {
        check_span(by, "advance_by")?;
        self.advance_to_hours(self.dynamic.t + by.as_hours())?;
        self.observe()
    }

    /// Advances to time `to` since the start (not before now) and observes.
    pub fn advance_to(&mut self, to: Duration) -> Result<Observation> {
        let target = to.as_hours();
        if !target.is_finite() || target < self.dynamic.t - SAME_TIME_H {
            return Err(HpgError::InvalidInput {
                field: "advance_to".into(),
                message: format!("{to} is before the current time {:.4} d", self.time_days()),
            });
        }
        self.advance_to_hours(target)?;
        self.observe()
    }

    /// Runs for `duration`, sampling every `every` (the current time included, and the end),
    /// and collects the samples.
    pub fn run(&mut self, duration: Duration, every: Duration) -> Result<Trajectory> {
        let mut samples = Vec::new();
        self.run_streaming(duration, every, |o| {
            samples.push(*o);
            Ok(())
        })?;
        Ok(Trajectory { samples })
    }

    /// Like [`Simulation::run`], but hands each sample to `sink` instead of keeping it, so long
    /// runs stream in constant memory.
    pub fn run_streaming(
        &mut self,
        duration: Duration,
        every: Duration,
        mut sink: impl FnMut(&Observation) -> Result<()>,
    ) -> Result<()> {
        check_span(duration, "duration")?;
        check_span(every, "sample_every")?;
        let start = self.dynamic.t;
        let end = start + duration.as_hours();
        let step = every.as_hours();
        sink(&self.observe()?)?;
        let mut k = 1u64;
        loop {
            let t = start + k as f64 * step;
            if t > end - SAME_TIME_H {
                break;
            }
            self.advance_to_hours(t)?;
            sink(&self.observe()?)?;
            k += 1;
        }
        if self.dynamic.t < end - SAME_TIME_H {
            self.advance_to_hours(end)?;
            sink(&self.observe()?)?;
        }
        Ok(())
    }

    // ------------------------------------------------------------------ internals

    fn draw_threshold(&mut self) -> f64 {
        if self.options.seed.is_none() {
            return 1.0;
        }
        let u = self.dynamic.rng.uniform();
        hypothalamus::unit_mean_weibull(
            u,
            self.model.p.pulse_regularity,
            self.model.d.weibull_gamma,
        )
        .clamp(0.05, 10.0)
    }

    /// Current pulse frequency \[1/h\].
    fn current_pulse_frequency(&self) -> f64 {
        let exposure = self.dynamic.drugs.exposure_at(&self.model.rates, 0.0);
        let r = self.model.readout(&self.state, &exposure);
        self.model.pulse_frequency(&r)
    }

    /// Fires the pulse if its phase has reached the threshold; returns the time of the next
    /// predicted pulse.
    fn pulse_check(&mut self, freq: f64) -> f64 {
        let phase = self.state[ix::PULSE_PHASE];
        let remaining = self.dynamic.pulse_threshold - phase;
        if freq > 0.0 && remaining <= 1e-9 + 1e-6 * freq {
            let exposure = self.dynamic.drugs.exposure_at(&self.model.rates, 0.0);
            let r = self.model.readout(&self.state, &exposure);
            let mass = self.model.pulse_mass(&r);
            self.dynamic.drugs.add_gnrh_pulse(mass);
            self.state[ix::PULSE_PHASE] = 0.0;
            self.dynamic.pulse_threshold = self.draw_threshold();
            self.dynamic.stats.pulses += 1;
            return self.dynamic.t + self.dynamic.pulse_threshold / freq;
        }
        if freq > 1e-12 {
            self.dynamic.t + remaining.max(0.0) / freq
        } else {
            f64::INFINITY
        }
    }

    /// The ODE of a segment starting now, with the current drugs and pulse rate (the event
    /// loop builds the same from its own borrows).
    fn segment_system(&self) -> SegmentSystem<'_> {
        SegmentSystem {
            model: &self.model,
            mode: self.options.mode,
            drugs: self.dynamic.drugs,
            t0: self.dynamic.t,
            pulse_freq: self.dynamic.pulse_freq,
        }
    }

    /// The event loop: integrate between breakpoints up to `target` (h).
    fn advance_to_hours(&mut self, target: f64) -> Result<()> {
        loop {
            if self.apply_due_doses() {
                self.dynamic.dosed_at = self.dynamic.t;
            }
            let dosed = self.dynamic.dosed_at == self.dynamic.t;
            let freq = match self.options.mode {
                Mode::Pulsatile => self.current_pulse_frequency(),
                Mode::MeanField => 0.0,
            };
            let next_pulse = match self.options.mode {
                Mode::Pulsatile => self.pulse_check(freq),
                Mode::MeanField => f64::INFINITY,
            };
            let now = self.dynamic.t;
            if now >= target - SAME_TIME_H {
                self.dynamic.t = now.max(target);
                return Ok(());
            }
            let dry = now + self.dynamic.drugs.hours_until_dry();
            let t1 = target
                .min(next_pulse)
                .min(self.next_dose_time())
                .min(dry)
                .max(now);
            if t1 - now <= SAME_TIME_H {
                // A breakpoint at this very instant (already applied); step past rounding.
                self.dynamic.t = t1.max(now + SAME_TIME_H).min(target);
                continue;
            }
            self.dynamic.pulse_freq = freq;
            let implicit = implicit_method(
                self.options.method,
                self.options.mode,
                &self.dynamic.drugs,
                self.options.tolerance,
            )
            .is_some();
            let h0 = if implicit && dosed && self.dynamic.h_after_dose > 0.0 {
                self.dynamic.h_last_implicit.min(self.dynamic.h_after_dose)
            } else if implicit {
                self.dynamic.h_last_implicit
            } else {
                self.dynamic.h_last
            };
            let system = SegmentSystem {
                model: &self.model,
                mode: self.options.mode,
                drugs: self.dynamic.drugs,
                t0: now,
                pulse_freq: freq,
            };
            let jacobians_before = self.dynamic.stats.jacobians;
            let end = integrate_segment(
                self.options.method,
                system,
                t1,
                self.state,
                self.options.tolerance,
                self.options.max_steps_per_segment,
                h0,
                &mut self.jacobian,
                &mut self.dynamic.stats,
            );
            // Recorded before a failure returns, so a snapshot after it still names the
            // segment its Jacobian came from.
            if self.dynamic.stats.jacobians != jacobians_before {
                self.dynamic.jacobian_segment = Some((self.dynamic.drugs, now, freq));
            }
            let end = end?;
            let (y, h) = (end.y, end.h_next);
            if let Some(i) = y.iter().position(|v| !v.is_finite()) {
                return Err(HpgError::NonFiniteState {
                    state: STATE_NAMES[i],
                    value: y[i],
                    time_days: t1 / 24.0,
                    context: String::new(),
                });
            }
            self.state = y;
            if implicit && dosed && end.h_first > 0.0 {
                self.dynamic.h_after_dose = end.h_first;
            }
            if h > 0.0 {
                if implicit {
                    self.dynamic.h_last_implicit = h;
                } else {
                    self.dynamic.h_last = h;
                }
            }
            self.dynamic.drugs.advance(&self.model.rates, t1 - now);
            self.dynamic.t = t1;
        }
    }
}

/// A time before any simulation (serde default of [`Dynamic::dosed_at`]; finite, so JSON
/// snapshots keep it).
fn never() -> f64 {
    f64::MIN
}

fn check_span(d: Duration, field: &str) -> Result<()> {
    let h = d.as_hours();
    if !h.is_finite() || h <= 0.0 {
        return Err(HpgError::InvalidInput {
            field: field.into(),
            message: format!("must be a positive finite duration, got {d}"),
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::patient::Preset;

    /// Pseudo-transient continuation reaches the settled steady state from the reference state
    /// for every preset, including the men from whom damped Newton stalls.
    #[test]
    fn continuation_reaches_the_settled_state_from_the_reference() {
        for preset in Preset::ALL {
            let sim =
                Simulation::new(Patient::new(preset), SimOptions::mode(Mode::MeanField)).unwrap();
            let newton_from_reference = sim
                .model
                .mean_field_steady_state(&sim.model.reference_state())
                .is_some();
            let y = sim
                .model
                .mean_field_steady_state_continued(&sim.model.reference_state())
                .unwrap_or_else(|| panic!("{preset}: continuation did not converge"));
            eprintln!("{preset}: Newton from the reference converges: {newton_from_reference}");
            for i in (0..N).filter(|&i| i != ix::PULSE_PHASE) {
                let settled = sim.state[i];
                assert!(
                    (y[i] - settled).abs() <= 1e-6 * settled.abs() + 1e-9,
                    "{preset}: {} continued {} settled {settled}",
                    STATE_NAMES[i],
                    y[i]
                );
            }
        }
    }

    /// Newton's steady state is a fixed point of the integration (two simulated years from it
    /// stay put), and integration from the reference state heads to it. The kisspeptin drive
    /// integrates a steroid signal that the fast feedback keeps close to its set point, so its
    /// last approach is slow (a time constant of years once the error is a few per cent; the
    /// spermatogonial reserve's depletion, t½ ≈ 1.9 years, is as slow): two years from the
    /// reference state come within 5 %, eight within 1 %. Exceptions: states that decay at a
    /// known slow rate (the deficient men's reserve, Sertoli maturity and adult Leydig share,
    /// and the untreated man's testicular steroids, which follow his Leydig share) must have
    /// closed the gap at that rate between two and eight years; the GnRH-deficient
    /// men's Sertoli number (and the FSH that follows it), which creeps toward Newton's over
    /// decades under his small FSH, must be within 10 % at two years and 2 % closer at eight.
    #[test]
    fn newton_settling_matches_settling_by_integration() {
        for preset in Preset::ALL {
            // A tight tolerance, so integration is itself accurate to ~1e-9.
            let options = SimOptions {
                tolerance: crate::Tolerance {
                    rtol: 1e-10,
                    atol: 1e-13,
                },
                ..SimOptions::mode(Mode::MeanField)
            };
            let mut newton = Simulation::new(Patient::new(preset), options).unwrap();
            let mut stays = newton.clone();
            stays.settle_by_integration().unwrap();
            let mut integrated = newton.clone();
            integrated.state = integrated.model.reference_state();
            integrated.dynamic.t = 0.0;
            integrated.settle_by_integration().unwrap();
            let two_years = integrated.state;
            integrated.settle_by_integration().unwrap();
            integrated.settle_by_integration().unwrap();
            integrated.settle_by_integration().unwrap();
            for i in 0..N {
                let a = newton.state[i];
                // States are of order 1 at reference: 1e-6 of that is below any output digit.
                let close = |b: f64, rel: f64| (a - b).abs() <= rel * b.abs() + 1e-6;
                // 1e-4, not tighter: a kisspeptin drive at its ceiling (the
                // secondary-hypogonadism man's; the older man's until 2026-12-02),
                // where its rate has a near-double root (the bound's factor and the steroid
                // error both vanish) and Newton stops ~2e-5 short of it.
                assert!(
                    close(stays.state[i], 1e-4),
                    "{preset}: {} Newton {a} drifts to {}",
                    STATE_NAMES[i],
                    stays.state[i]
                );
                if !close(integrated.state[i], 1e-2)
                    && matches!(
                        preset,
                        Preset::GnrhDeficient | Preset::GnrhDeficientUntreated
                    )
                    && (i == ix::SERTOLI_NUMBER || i == ix::FSH)
                {
                    // Not within 1 % at eight years: the GnRH-deficient men's Sertoli number
                    // sits just above its floor (0.43 against 0.40: his FSH, ~1 IU/L, is far
                    // below the proliferation half of 4 IU/L with Hill 6), and creeps there
                    // over decades as his Sertoli cells lose their immaturity, from the
                    // reference state's mature testis (docs/MODEL.md 5.6a; Newton's point is a
                    // fixed point, checked above). It must be within 10 % at two years and
                    // heading there at a real pace: at least 2 % closer after six more years.
                    // His FSH follows the Sertoli number (inhibin B) and creeps with it.
                    let (then, now) = ((a - two_years[i]).abs(), (a - integrated.state[i]).abs());
                    assert!(
                        close(two_years[i], 1e-1) && now <= 0.98 * then,
                        "{preset}: {} Newton {a}, integration {} (2 y) then {} (8 y)",
                        STATE_NAMES[i],
                        two_years[i],
                        integrated.state[i]
                    );
                    continue;
                }
                let slow_decay = match i {
                    ix::RESERVE => Some(newton.model.p.reserve_depletion_per_d),
                    ix::SERTOLI_MATURITY | ix::SERTOLI_NUMBER => {
                        Some(newton.model.p.sertoli_regression_per_d)
                    }
                    ix::LEYDIG_MATURITY => Some(newton.model.p.leydig_regression_per_d),
                    // The untreated man's testicular steroids are his adult Leydig share's
                    // (section 5.3a of docs/MODEL.md), so they close its last few per cent
                    // at the same rate.
                    ix::STEROIDOGENESIS | ix::TESTOSTERONE | ix::ESTRADIOL
                        if preset == Preset::GnrhDeficientUntreated =>
                    {
                        Some(newton.model.p.leydig_regression_per_d)
                    }
                    _ => None,
                };
                // The untreated man's adult Leydig share, and the testicular steroids that
                // follow it, may be within 5 % at two years and still over 1 % off at eight.
                let untreated_leydig = preset == Preset::GnrhDeficientUntreated
                    && matches!(
                        i,
                        ix::LEYDIG_MATURITY
                            | ix::STEROIDOGENESIS
                            | ix::TESTOSTERONE
                            | ix::ESTRADIOL
                    );
                if let Some(rate_per_d) = slow_decay
                    && ((a - two_years[i]).abs() > 5e-2 * a.abs() + 1e-9
                        || (untreated_leydig && !close(integrated.state[i], 1e-2)))
                {
                    // A man without spermatogenic drive or LH (GnRH deficiency): his reserve,
                    // his Sertoli maturity and number and his adult Leydig share decay from the
                    // reference at their own rates (t½ ≈ 1.9 and 14 years), so after eight
                    // years they have come e^(−6 y · k) closer to Newton's than at two. The
                    // untreated man's Leydig share starts at its floor, 5 % below its fixed
                    // point, and closes that gap at the same 14-year half-life, and so do his
                    // testicular steroids, which follow it.
                    let k = rate_per_d * 365.0;
                    let expected = (a - two_years[i]).abs() * (-6.0 * k).exp();
                    let got = (a - integrated.state[i]).abs();
                    assert!(
                        (got / expected - 1.0).abs() < 0.2,
                        "{preset}: {} {got} from Newton after 8 y, expected {expected}",
                        STATE_NAMES[i]
                    );
                    continue;
                }
                assert!(
                    close(two_years[i], 5e-2) && close(integrated.state[i], 1e-2),
                    "{preset}: {} Newton {a} vs integration {} (2 y), {} (8 y)",
                    STATE_NAMES[i],
                    two_years[i],
                    integrated.state[i]
                );
            }
            newton.advance_by(Duration::days(1.0)).unwrap();
        }
    }
}

//! Changing treatment part-way through a run: regimens counted from now, stopped by their
//! handle (doses not yet given are dropped, a running infusion ends, what is in the body
//! stays), and a stop that survives a snapshot.

use hpg::prelude::*;
use hpg::{InfusionRate, Snapshot};

fn healthy() -> Simulation {
    Simulation::new(
        Patient::new(Preset::Healthy),
        SimOptions::mode(Mode::MeanField),
    )
    .unwrap()
}

fn weekly_cypionate() -> Regimen {
    Regimen::repeated(
        Drug::TestosteroneCypionate,
        Dose::mg(100.0).unwrap(),
        Duration::weeks(1.0),
    )
    .into()
}

/// The task that used to fail: a regimen built from time 0, added at week 27.
#[test]
fn a_regimen_added_later_starts_now() {
    let mut sim = healthy();
    sim.advance_to(Duration::weeks(27.0)).unwrap();
    assert!(sim.add_regimen(weekly_cypionate()).is_err());
    sim.add_regimen_now(weekly_cypionate()).unwrap();
    let before = sim.stats().dose_events;
    sim.advance_by(Duration::days(1.0)).unwrap();
    // The first dose is given at week 27 itself.
    assert_eq!(sim.stats().dose_events, before + 1);
    assert!(sim.exposure().exogenous_t_ug_h > 0.0);
}

#[test]
fn stopping_drops_the_doses_not_yet_given_and_keeps_the_depot() {
    let mut stopped = healthy();
    let trt = stopped.add_regimen(weekly_cypionate()).unwrap();
    stopped.advance_to(Duration::days(10.0)).unwrap();
    let mut continued = stopped.clone();
    stopped.stop(trt).unwrap();
    let doses = stopped.stats().dose_events;
    stopped.advance_to(Duration::days(60.0)).unwrap();
    continued.advance_to(Duration::days(60.0)).unwrap();
    assert_eq!(stopped.stats().dose_events, doses);
    assert!(continued.stats().dose_events > doses + 5);
    // The depot given before the stop keeps releasing for days, then T falls back.
    let mut check = healthy();
    let h = check.add_regimen(weekly_cypionate()).unwrap();
    check.advance_to(Duration::days(10.0)).unwrap();
    check.stop(h).unwrap();
    check.advance_by(Duration::days(1.0)).unwrap();
    assert!(check.exposure().exogenous_t_ug_h > 0.0);
    let t_stopped = stopped.observe().unwrap().testosterone_ng_dl;
    let t_continued = continued.observe().unwrap().testosterone_ng_dl;
    assert!(t_stopped < t_continued, "{t_stopped} vs {t_continued}");
    // Stopping twice changes nothing.
    stopped.stop(trt).unwrap();
}

#[test]
fn stopping_a_running_infusion_ends_it_now() {
    let mut sim = healthy();
    let pump = sim
        .add_regimen(Regimen::infusion(
            Drug::Hcg,
            InfusionRate::per_hour_in(10.0, hpg::DoseUnit::Iu).unwrap(),
        ))
        .unwrap();
    sim.advance_to(Duration::days(5.0)).unwrap();
    let mut running = sim.clone();
    sim.stop(pump).unwrap();
    sim.advance_to(Duration::days(15.0)).unwrap();
    running.advance_to(Duration::days(15.0)).unwrap();
    let (off, on) = (
        sim.exposure().concentration("hcg").unwrap(),
        running.exposure().concentration("hcg").unwrap(),
    );
    assert!(off < 0.1 * on, "{off} vs {on}");
}

#[test]
fn stopping_before_the_start_gives_nothing() {
    let mut sim = healthy();
    let later = sim
        .add_regimen(
            Regimen::repeated(Drug::Hcg, Dose::iu(1500.0).unwrap(), Duration::days(2.0))
                .starting(Duration::days(3.0)),
        )
        .unwrap();
    sim.stop(later).unwrap();
    sim.advance_to(Duration::days(10.0)).unwrap();
    assert_eq!(sim.stats().dose_events, 0);
    assert_eq!(sim.exposure().concentration("hcg"), Some(0.0));
}

#[test]
fn a_handle_from_another_simulation_is_an_error() {
    let mut a = healthy();
    a.add_regimen(weekly_cypionate()).unwrap();
    let second = a.add_regimen(weekly_cypionate()).unwrap();
    let mut b = healthy();
    let e = b.stop(second).unwrap_err();
    assert!(e.to_string().contains("no regimen 1"), "{e}");
}

#[test]
fn a_stop_survives_a_snapshot() {
    let mut sim = healthy();
    let trt = sim.add_regimen(weekly_cypionate()).unwrap();
    sim.advance_to(Duration::days(10.0)).unwrap();
    sim.stop(trt).unwrap();
    let doses = sim.stats().dose_events;
    let json = sim.snapshot().to_json();
    let mut restored = Simulation::restore(Snapshot::from_json(&json).unwrap()).unwrap();
    restored.advance_to(Duration::days(40.0)).unwrap();
    assert_eq!(restored.stats().dose_events, doses);
}

/// `set_pulse_phase` moves the man's next GnRH pulse: near the end of the interval it fires
/// within minutes, at its start not for most of an interval; a phase outside [0, 1) is an
/// error naming the field.
#[test]
fn pulse_phase_moves_the_next_pulse() {
    let pulses_in_ten_minutes = |phase: f64| {
        let mut sim = Simulation::new(Preset::Healthy, SimOptions::mode(Mode::Pulsatile)).unwrap();
        sim.set_pulse_phase(phase).unwrap();
        let before = sim.stats().pulses;
        sim.advance_to(Duration::minutes(10.0)).unwrap();
        sim.stats().pulses - before
    };
    assert_eq!(pulses_in_ten_minutes(0.95), 1);
    assert_eq!(pulses_in_ten_minutes(0.0), 0);
    let mut sim = Simulation::new(Preset::Healthy, SimOptions::mode(Mode::Pulsatile)).unwrap();
    for bad in [-0.1, 1.0, f64::INFINITY] {
        let err = sim.set_pulse_phase(bad).unwrap_err();
        assert!(err.to_string().contains("pulse_phase"), "{err}");
    }
}

/// A snapshot whose zero-order depot holds drug without a release rate is refused on restore
/// (it would hold the drug for ever), naming the field.
#[test]
fn snapshot_with_a_store_but_no_release_is_refused() {
    let mut sim = Simulation::new(Preset::Older, SimOptions::mode(Mode::MeanField)).unwrap();
    sim.give(Drug::Leuprolide, Route::Im, Dose::mg(7.5).unwrap())
        .unwrap();
    sim.advance_to(Duration::days(1.0)).unwrap();
    let mut json: serde_json::Value = serde_json::from_str(&sim.snapshot().to_json()).unwrap();
    fn zero_rates(v: &mut serde_json::Value) -> usize {
        match v {
            serde_json::Value::Object(map) => {
                let mut n = 0;
                if let Some(rate) = map.get_mut("pool_rate")
                    && rate.as_f64().is_some_and(|r| r > 0.0)
                {
                    *rate = serde_json::json!(0.0);
                    n += 1;
                }
                n + map.values_mut().map(zero_rates).sum::<usize>()
            }
            serde_json::Value::Array(items) => items.iter_mut().map(zero_rates).sum(),
            _ => 0,
        }
    }
    assert!(zero_rates(&mut json) >= 1);
    let snapshot = Snapshot::from_json(&json.to_string()).unwrap();
    let err = Simulation::restore(snapshot).unwrap_err();
    assert!(err.to_string().contains("snapshot.drugs"), "{err}");
}

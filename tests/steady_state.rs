//! A regimen "taken for years" (`Regimen::at_steady_state`, `"steady_state": true`, `SS=1`)
//! starts the man at its periodic steady state, computed by shooting: it must agree with a man
//! who has simply been simulated on the regimen for decades.

use hpg::DoseUnit;
use hpg::prelude::*;
use hpg::protocol::Protocol;

fn outputs(o: &Observation) -> [f64; 9] {
    [
        o.testosterone_ng_dl,
        o.free_testosterone_pg_ml,
        o.lh_iu_l,
        o.fsh_iu_l,
        o.estradiol_pg_ml,
        o.itt_ng_ml,
        o.inhibin_b_pg_ml,
        o.sperm_million_per_ml,
        o.testis_volume_ml,
    ]
}

/// Every output within 1e-3 (relative; absolute 1e-3 for values near 0, i.e. sperm under
/// suppression) over one period, against `years` of simulation from the drug-free man.
fn compare_with_long_run(preset: Preset, regimens: &[Regimen], period_h: f64, years: f64) {
    let mut steady =
        Simulation::new(Patient::new(preset), SimOptions::mode(Mode::MeanField)).unwrap();
    let mut long = steady.clone();
    for r in regimens {
        steady.add_regimen(r.at_steady_state()).unwrap();
        long.add_regimen(*r).unwrap();
    }
    // Whole periods, so both are at the same phase.
    let skip_h = (years * 365.25 * 24.0 / period_h).ceil() * period_h;
    long.advance_to(Duration::hours(skip_h)).unwrap();
    for fraction in [0.0, 0.1, 0.3, 0.6, 0.95] {
        let h = fraction * period_h;
        let a = steady.advance_to(Duration::hours(h)).unwrap();
        let b = long.advance_to(Duration::hours(skip_h + h)).unwrap();
        for (k, (x, y)) in outputs(&a).into_iter().zip(outputs(&b)).enumerate() {
            assert!(
                (x - y).abs() <= 1e-3 * y.abs().max(1.0),
                "{preset} output {k} at {h} h of the period: steady state {x}, long run {y}"
            );
        }
    }
}

fn cypionate_weekly() -> Regimen {
    Regimen::repeated(
        Drug::TestosteroneCypionate,
        Dose::mg(100.0).unwrap(),
        Duration::weeks(1.0),
    )
    .into()
}

#[test]
fn cypionate_weekly_for_years_matches_thirty_simulated_years() {
    let trt = cypionate_weekly();
    compare_with_long_run(Preset::Healthy, &[trt], 168.0, 30.0);
}

/// Two regimens with different intervals (weekly and every other day): the common period is
/// their least common multiple, two weeks; the older man has his own orbit.
#[test]
fn trt_with_hcg_for_years_matches_a_long_run() {
    let trt: Regimen = Regimen::repeated(
        Drug::TestosteroneEnanthate,
        Dose::mg(100.0).unwrap(),
        Duration::weeks(1.0),
    )
    .into();
    let hcg: Regimen =
        Regimen::repeated(Drug::Hcg, Dose::iu(500.0).unwrap(), Duration::days(2.0)).into();
    compare_with_long_run(Preset::Older, &[trt, hcg], 336.0, 30.0);
}

#[test]
fn steady_state_comes_from_protocol_files_and_is_checked() {
    let p = Protocol::from_json(
        r#"{"duration": "14d", "mode": "mean_field", "regimen": [
            {"drug": "anastrozole", "dose": "1 mg", "every": "1d", "steady_state": true}]}"#,
    )
    .unwrap();
    let traj = p.run().unwrap();
    // On anastrozole for years: E2 is low from day 0 and stays there (below A1's band foot,
    // −20 %: men's E2 is 24–35 % down after 3–12 months, Leder 2004, Burnett-Bowie 2009).
    let (first, last) = (traj.samples[0], *traj.last().unwrap());
    let baseline = Simulation::new(
        Patient::new(Preset::Healthy),
        SimOptions::mode(Mode::MeanField),
    )
    .unwrap()
    .observe()
    .unwrap();
    assert!(first.estradiol_pg_ml < 0.8 * baseline.estradiol_pg_ml);
    assert!((first.estradiol_pg_ml / last.estradiol_pg_ml - 1.0).abs() < 0.02);

    for (text, field) in [
        (
            r#"{"duration": "14d", "regimen": [{"drug": "hcg", "dose": "500 IU", "steady_state": true}]}"#,
            "regimen[0].steady_state",
        ),
        (
            r#"{"duration": "14d", "regimen": [{"drug": "hcg", "dose": "500 IU", "every": "2d", "start": "1d", "steady_state": true}]}"#,
            "regimen[0].steady_state",
        ),
    ] {
        match Protocol::from_json(text) {
            Err(HpgError::InvalidInput { field: f, .. }) => assert_eq!(f, field),
            other => panic!("{text}: {other:?}"),
        }
    }
}

#[test]
fn steady_state_regimens_are_added_before_the_run_moves() {
    let mut sim = Simulation::new(
        Patient::new(Preset::Healthy),
        SimOptions::mode(Mode::MeanField),
    )
    .unwrap();
    sim.advance_by(Duration::days(1.0)).unwrap();
    let hcg: Regimen =
        Regimen::repeated(Drug::Hcg, Dose::iu(500.0).unwrap(), Duration::days(2.0)).into();
    let e = sim.add_regimen(hcg.at_steady_state()).unwrap_err();
    assert!(
        e.to_string().contains("before the simulation advances"),
        "{e}"
    );
    // A lag as long as the interval has no steady state to start from.
    let mut sim = Simulation::new(
        Patient::new(Preset::Healthy),
        SimOptions::mode(Mode::MeanField),
    )
    .unwrap();
    let e = sim
        .add_regimen(hcg.lag(Duration::days(3.0)).at_steady_state())
        .unwrap_err();
    assert!(e.to_string().contains("shorter than its interval"), "{e}");
    // A steady-state infusion has been running all along: a lag has no meaning.
    let pump: Regimen = Regimen::infusion(
        Drug::Hcg,
        InfusionRate::per_hour_in(10.0, DoseUnit::Iu).unwrap(),
    )
    .into();
    let e = sim
        .add_regimen(pump.lag(Duration::hours(1.0)).at_steady_state())
        .unwrap_err();
    assert!(e.to_string().contains("no lag"), "{e}");
    // The failed adds left nothing behind.
    assert_eq!(sim.stats().dose_events, 0);
    sim.add_regimen(hcg.lag(Duration::hours(6.0)).at_steady_state())
        .unwrap();
}

/// In `pulsatile` mode the man starts on the orbit too: his LH is suppressed from day 0 and
/// his serum T on day 0 matches the mean-field orbit's within 5 %. The regimen's own end (one
/// more dose, `SS=1` with `ADDL=0`) lies ahead and does not change where he starts.
#[test]
fn pulsatile_starts_on_the_orbit() {
    let trt: Regimen = Regimen::repeated(
        Drug::TestosteroneCypionate,
        Dose::mg(100.0).unwrap(),
        Duration::weeks(1.0),
    )
    .times(1)
    .into();
    let mut values = Vec::new();
    for mode in [Mode::MeanField, Mode::Pulsatile] {
        let mut sim =
            Simulation::new(Patient::new(Preset::Healthy), SimOptions::mode(mode)).unwrap();
        sim.add_regimen(trt.at_steady_state()).unwrap();
        values.push(sim.observe().unwrap());
    }
    assert!(values[1].lh_iu_l < 0.5, "LH {}", values[1].lh_iu_l);
    assert!(
        (values[1].testosterone_ng_dl / values[0].testosterone_ng_dl - 1.0).abs() < 0.05,
        "T {} against {}",
        values[1].testosterone_ng_dl,
        values[0].testosterone_ng_dl
    );
}

/// A zero-order depot with its tail at steady state: leuprolide 7.5 mg every 28 days (the
/// labelled interval: each depot is in its tail, holding `R·τ`, as the next arrives) agrees
/// with two simulated years, and so does the plasma leuprolide just before an arrival of the
/// 3-month depot given every 90 days, whose tail then still holds about three tenths of `R·τ`; every 21 days the store would keep filling,
/// so the regimen is refused with the interval named.
#[test]
fn leuprolide_monthly_depot_at_steady_state() {
    let every_days = |days: f64| -> Regimen {
        Regimen::repeated(
            Drug::Leuprolide,
            Dose::mg(7.5).unwrap(),
            Duration::days(days),
        )
        .into()
    };
    compare_with_long_run(Preset::Older, &[every_days(28.0)], 28.0 * 24.0, 2.0);
    // At 28 days the store at an arrival is exactly R·τ; the long run creeps toward it (the
    // fixed point is double there), so the drug itself is compared where it is not.
    let before_arrival = |steady: bool| {
        let mut sim = Simulation::new(Preset::Older, SimOptions::mode(Mode::MeanField)).unwrap();
        let regimen: Regimen = Regimen::repeated(
            Drug::Leuprolide3Month,
            Dose::mg(22.5).unwrap(),
            Duration::days(90.0),
        )
        .into();
        let at_h = if steady {
            sim.add_regimen(regimen.at_steady_state()).unwrap();
            90.0 * 24.0 - 6.0
        } else {
            sim.add_regimen(regimen).unwrap();
            16.0 * 90.0 * 24.0 - 6.0
        };
        sim.advance_to(Duration::hours(at_h)).unwrap();
        sim.exposure().concentration("leuprolide_3_month").unwrap()
    };
    let (steady, long) = (before_arrival(true), before_arrival(false));
    assert!(
        steady > 0.0 && (steady - long).abs() <= 1e-6 * long,
        "3-month leuprolide 6 h before an arrival: steady state {steady}, long run {long}"
    );
    let fresh = || Simulation::new(Preset::Older, SimOptions::mode(Mode::MeanField)).unwrap();
    let e = fresh()
        .add_regimen(every_days(21.0).at_steady_state())
        .unwrap_err();
    assert!(e.to_string().contains("every 28 d or more"), "{e}");
    // Two steady-state regimens would share one store: refused.
    let mut sim = fresh();
    sim.add_regimen(every_days(28.0).at_steady_state()).unwrap();
    let e = sim
        .add_regimen(every_days(56.0).at_steady_state())
        .unwrap_err();
    assert!(
        e.to_string().contains("only one steady-state regimen"),
        "{e}"
    );
    // All of the dose as the burst (nothing in the store) still has a steady state.
    let all_burst = Patient::new(Preset::Older).with("leuprolide.immediate_fraction", 1.0);
    let mut sim = Simulation::new(all_burst, SimOptions::mode(Mode::MeanField)).unwrap();
    sim.add_regimen(every_days(28.0).at_steady_state()).unwrap();
    let o = sim.advance_to(Duration::days(3.0)).unwrap();
    assert!(o.values().iter().all(|v| v.is_finite()), "{o:?}");
}

/// A steady-state infusion beside the zero-order depot's (empty) chain stays finite: the
/// plateau is taken only over the chains the infusion feeds.
#[test]
fn steady_state_infusion_is_finite() {
    let pump: Regimen = Regimen::infusion(
        Drug::Hcg,
        InfusionRate::per_hour_in(10.0, DoseUnit::Iu).unwrap(),
    )
    .into();
    let mut sim = Simulation::new(Preset::Healthy, SimOptions::mode(Mode::MeanField)).unwrap();
    sim.add_regimen(pump.at_steady_state()).unwrap();
    let o = sim.advance_to(Duration::days(1.0)).unwrap();
    assert!(o.values().iter().all(|v| v.is_finite()), "{o:?}");
    assert!(sim.exposure().concentration("hcg").unwrap() > 0.0);
}

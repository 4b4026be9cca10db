//! Extreme but valid regimens: each finishes with finite, non-negative values inside
//! generous physical bounds, or a clear typed error; and a solver failure surfaces as
//! `HpgError::Solver` carrying the simulated time. Run times of these cases are listed in the
//! README (measured with `examples/simulate`, never asserted here).

use hpg::Method;
use hpg::prelude::*;
use hpg::protocol::Protocol;

/// Upper bounds no simulated man may exceed, whatever the dose: they catch blow-ups, not
/// physiology. (10 g of cypionate at once gives serum T ~ 40,000 ng/dL by mass balance.)
const BOUNDS: [(&str, f64); 9] = [
    ("testosterone_ng_dl", 1e6),
    ("free_testosterone_pg_ml", 1e6),
    ("lh_iu_l", 500.0),
    ("fsh_iu_l", 500.0),
    ("estradiol_pg_ml", 1e5),
    ("itt_ng_ml", 1e6),
    ("inhibin_b_pg_ml", 5000.0),
    ("sperm_million_per_ml", 1000.0),
    ("testis_volume_ml", 60.0),
];

fn check_bounded(name: &str, o: &Observation) {
    let v = o.values();
    assert!(
        v.iter().all(|x| x.is_finite() && *x >= 0.0),
        "{name}: {o:?}"
    );
    for (i, (column, max)) in BOUNDS.iter().enumerate() {
        assert!(v[i + 1] <= *max, "{name}: {column} = {} > {max}", v[i + 1]);
    }
}

/// Runs a protocol, streaming, and checks every sample.
fn run_bounded(name: &str, json: &str) -> usize {
    let protocol = Protocol::from_json(json).unwrap_or_else(|e| panic!("{name}: {e}"));
    let mut n = 0;
    protocol
        .run_streaming(|o| {
            check_bounded(name, o);
            n += 1;
            Ok(())
        })
        .unwrap_or_else(|e| panic!("{name}: {e}"));
    n
}

#[test]
fn ten_grams_of_cypionate_at_once() {
    let n = run_bounded(
        "10 g TC",
        r#"{"patient": "healthy", "duration": "90d", "sample_every": "6h", "mode": "pulsatile",
            "regimen": [{"drug": "testosterone_cypionate", "dose": "10000 mg"}]}"#,
    );
    assert_eq!(n, 361);
}

#[test]
fn gonadorelin_every_minute_for_a_month() {
    run_bounded(
        "gonadorelin every minute",
        r#"{"patient": "healthy", "duration": "30d", "sample_every": "1d", "mode": "pulsatile",
            "regimen": [{"drug": "gonadorelin", "dose": "10 ug", "route": "sc", "every": "1min"}]}"#,
    );
}

#[test]
fn thirty_years_of_weekly_trt_in_mean_field() {
    let n = run_bounded(
        "30 y TRT",
        r#"{"patient": "healthy", "duration": "10950d", "sample_every": "1w", "mode": "mean_field",
            "regimen": [{"drug": "testosterone_cypionate", "dose": "100 mg", "every": "1w"}]}"#,
    );
    assert_eq!(n, 1566); // every week, and the end of the run
}

#[test]
fn every_drug_at_once() {
    for mode in ["pulsatile", "mean_field"] {
        run_bounded(
            "every drug",
            &format!(
                r#"{{"patient": "older", "duration": "60d", "sample_every": "12h", "mode": "{mode}",
                "regimen": [
                  {{"drug": "testosterone_cypionate", "dose": "100 mg", "every": "1w"}},
                  {{"drug": "testosterone_enanthate", "dose": "100 mg", "every": "1w"}},
                  {{"drug": "clomiphene_citrate", "dose": "25 mg", "every": "1d"}},
                  {{"drug": "enclomiphene", "dose": "12.5 mg", "every": "1d"}},
                  {{"drug": "tamoxifen", "dose": "20 mg", "every": "1d"}},
                  {{"drug": "gonadorelin", "dose": "5 ug", "every": "90min"}},
                  {{"drug": "gonadorelin", "infusion": "1 ug/h", "route": "iv", "start": "10d", "stop": "20d"}},
                  {{"drug": "anastrozole", "dose": "1 mg", "every": "1d"}},
                  {{"drug": "letrozole", "dose": "2.5 mg", "every": "1d"}},
                  {{"drug": "hcg", "dose": "500 IU", "every": "2d"}},
                  {{"drug": "hcg", "infusion": "20 IU/h", "route": "sc", "start": "30d", "stop": "40d"}}
                ]}}"#
            ),
        );
    }
}

#[test]
fn a_hundred_thousand_iu_of_hcg_daily_without_gnrh() {
    run_bounded(
        "100,000 IU hCG",
        r#"{"patient": "gnrh_deficient", "duration": "90d", "sample_every": "1d", "mode": "pulsatile",
            "regimen": [{"drug": "hcg", "dose": "100000 IU", "every": "1d"}]}"#,
    );
}

/// A year at 1-minute samples streams (peak memory is measured in `tests/streaming_memory.rs`);
/// here a week of it in pulsatile mode checks every one of the 10,081 samples.
#[test]
fn one_minute_samples() {
    let n = run_bounded(
        "1-min samples",
        r#"{"patient": "healthy", "duration": "7d", "sample_every": "1min", "mode": "pulsatile",
            "regimen": [{"drug": "hcg", "dose": "500 IU", "every": "2d"}]}"#,
    );
    assert_eq!(n, 7 * 1440 + 1);
}

/// A stiff parameter set (every fast process at the edge of its range) with a small step budget:
/// the explicit integrator gives up, and the error is typed and carries the simulated time.
/// (The default in `mean_field`, the linearly implicit method, settles this man in a few steps.)
#[test]
fn solver_failure_is_a_typed_error_with_the_time() {
    let stiff = Patient::new(Preset::Healthy)
        .with("steroidogenesis_tau_h", 0.01)
        .with("testosterone_half_life_h", 0.05)
        .with("estradiol_half_life_h", 0.05)
        .with("lh_half_life_h", 0.05)
        .with("receptor_desensitization_per_h", 100.0)
        .with("receptor_recovery_per_h", 100.0);
    let options = SimOptions {
        mode: Mode::MeanField,
        method: Method::Dopri5,
        max_steps_per_segment: 50,
        ..SimOptions::default()
    };
    match Simulation::new(stiff.clone(), options) {
        Err(HpgError::Solver { time_days, reason }) => {
            assert!(time_days.is_finite() && time_days <= 0.0, "{time_days}");
            assert!(reason.contains("steps"), "{reason}");
            let text = HpgError::Solver { time_days, reason }.to_string();
            assert!(text.starts_with("solver failed at t = "), "{text}");
        }
        other => panic!("expected a solver error, got {:?}", other.map(|_| ())),
    }
    // The same patient with the default budget runs, so it was the budget that failed.
    let mut sim = Simulation::new(stiff, SimOptions::mode(Mode::MeanField)).unwrap();
    let o = sim.advance_by(Duration::days(5.0)).unwrap();
    check_bounded("stiff", &o);
}

/// A failure after day 0 reports the time it happened at.
#[test]
fn solver_failure_during_a_run_reports_its_day() {
    let mut sim = Simulation::new(
        Patient::new(Preset::Healthy),
        SimOptions {
            mode: Mode::Pulsatile,
            max_steps_per_segment: 3,
            ..SimOptions::default()
        },
    );
    // Settling may already fail with such a budget; either way the error is typed.
    if let Ok(sim) = sim.as_mut() {
        sim.add_regimen(
            Regimen::single(Drug::TestosteroneCypionate, Dose::mg(10_000.0).unwrap())
                .starting(Duration::days(2.0)),
        )
        .unwrap();
        match sim.advance_by(Duration::days(10.0)) {
            Err(HpgError::Solver { time_days, .. }) => assert!((0.0..=10.0).contains(&time_days)),
            other => panic!("expected a solver error, got {other:?}"),
        }
    } else {
        assert!(matches!(sim, Err(HpgError::Solver { .. })));
    }
}

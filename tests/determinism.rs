//! Determinism: the same protocol and seed give byte-identical output, also after a
//! snapshot and restore at any point; different seeds move the pulses but not the daily mean.

use hpg::prelude::*;
use hpg::protocol::Protocol;
use hpg::study::mean_over;
use proptest::prelude::*;

const PROTOCOL: &str = r#"{"patient": "healthy", "duration": "4d", "sample_every": "5min",
    "mode": "pulsatile", "seed": 7,
    "regimen": [{"drug": "testosterone_cypionate", "dose": "100 mg", "start": "1d"},
                {"drug": "gonadorelin", "dose": "5 ug", "every": "2h", "start": "2.3d"}]}"#;

/// One IV gonadorelin bolus, gone within a day: from then on the axis relaxes back drug-free
/// under the linearly implicit method, whose reused Jacobian (formed at an earlier, different
/// state) must travel with the snapshot.
const MEAN_FIELD: &str = r#"{"patient": "healthy", "duration": "6d", "sample_every": "1h",
    "mode": "mean_field", "regimen": [{"drug": "gonadorelin", "dose": "100 ug", "route": "iv"}]}"#;

fn csv(trajectory: &Trajectory) -> Vec<u8> {
    let mut out = Vec::new();
    trajectory.write_csv(&mut out).unwrap();
    out
}

#[test]
fn same_protocol_and_seed_give_byte_identical_csv() {
    let p = Protocol::from_json(PROTOCOL).unwrap();
    let a = csv(&p.run().unwrap());
    let b = csv(&Protocol::from_json(PROTOCOL).unwrap().run().unwrap());
    assert!(a.len() > 1000);
    assert_eq!(a, b);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 16, ..ProptestConfig::default() })]

    /// Snapshot at a random instant, through JSON, restore, continue: identical samples.
    #[test]
    fn snapshot_and_restore_anywhere_changes_nothing(
        split in 0.01f64..0.99,
        protocol in prop::sample::select(vec![PROTOCOL, MEAN_FIELD]),
    ) {
        let p = Protocol::from_json(protocol).unwrap();
        let every = p.sample_every;
        let days = p.duration.as_days();
        let split_days = split * days;
        let straight = {
            let mut sim = p.simulation().unwrap();
            // Sampled on the way, so breakpoints (and a reused Jacobian) precede the split.
            sim.run(Duration::days(split_days), every).unwrap();
            sim.run(Duration::days(days - split_days), every).unwrap()
        };
        let resumed = {
            let mut sim = p.simulation().unwrap();
            // Sampled on the way, so breakpoints (and a reused Jacobian) precede the split.
            sim.run(Duration::days(split_days), every).unwrap();
            let json = serde_json::to_string(&sim.snapshot()).unwrap();
            let mut sim = Simulation::restore(serde_json::from_str(&json).unwrap()).unwrap();
            sim.run(Duration::days(days - split_days), every).unwrap()
        };
        prop_assert_eq!(csv(&straight), csv(&resumed));
        // Bit for bit, not just as printed.
        prop_assert_eq!(straight.samples, resumed.samples);
    }
}

/// The seed moves the pulses, not the man: over a week his mean T is the same whatever the
/// seed. (One day holds ~20 jittered pulses, so a single day's mean varies by ~10 % between
/// seeds, as men's own day-to-day T does; a week's mean is what must not depend on the seed.)
#[test]
fn different_seeds_move_pulses_but_keep_the_weekly_mean() {
    let run = |seed: u64| {
        let options = SimOptions {
            seed: Some(seed),
            ..SimOptions::default()
        };
        let mut sim = Simulation::new(Patient::new(Preset::Healthy), options).unwrap();
        let lh: Vec<f64> = sim
            .run(Duration::days(1.0), Duration::minutes(5.0))
            .unwrap()
            .samples
            .iter()
            .map(|o| o.lh_iu_l)
            .collect();
        let mean_t = mean_over(&mut sim, Duration::days(7.0), Duration::minutes(15.0))
            .unwrap()
            .testosterone_ng_dl;
        (lh, mean_t)
    };
    let (lh1, t1) = run(1);
    let (lh2, t2) = run(2);
    let differing = lh1
        .iter()
        .zip(&lh2)
        .filter(|(a, b)| (*a - *b).abs() > 0.05 * a.abs())
        .count();
    assert!(
        differing > lh1.len() / 4,
        "pulse trains barely differ: {differing}"
    );
    assert!((t1 / t2 - 1.0).abs() < 0.05, "weekly mean T {t1} vs {t2}");
}

/// A snapshot whose stored Jacobian has the wrong size is refused with a typed error naming it.
#[test]
fn a_corrupt_snapshot_jacobian_is_a_typed_error() {
    let p = Protocol::from_json(MEAN_FIELD).unwrap();
    let mut sim = p.simulation().unwrap();
    sim.run(Duration::days(3.0), p.sample_every).unwrap();
    let mut snapshot = serde_json::to_value(sim.snapshot()).unwrap();
    assert!(
        snapshot["dynamic"]["jacobian"]["matrix"].is_array(),
        "a Jacobian to corrupt"
    );
    snapshot["dynamic"]["jacobian"]["matrix"] = serde_json::json!([1.0, 2.0]);
    let err = Simulation::restore(serde_json::from_value(snapshot).unwrap())
        .map(|_| ())
        .unwrap_err();
    assert!(
        matches!(err, HpgError::InvalidInput { ref field, .. } if field == "snapshot.jacobian")
    );
}

/// A snapshot whose Jacobian is finite but wrong (here scaled by −1e6, which would make the
/// implicit method's steps vanish and freeze the man) is not trusted: the restored run re-forms
/// it and follows the uninterrupted run to within the solver tolerance.
#[test]
fn a_foreign_snapshot_jacobian_is_not_trusted() {
    let p = Protocol::from_json(MEAN_FIELD).unwrap();
    let mut sim = p.simulation().unwrap();
    sim.run(Duration::days(1.5), p.sample_every).unwrap();
    let mut snapshot = serde_json::to_value(sim.snapshot()).unwrap();
    let matrix = snapshot["dynamic"]["jacobian"]["matrix"]
        .as_array_mut()
        .expect("a Jacobian");
    for v in matrix.iter_mut() {
        *v = serde_json::json!(v.as_f64().unwrap() * -1e6);
    }
    let mut restored = Simulation::restore(serde_json::from_value(snapshot).unwrap()).unwrap();
    let straight = sim.run(Duration::days(3.0), p.sample_every).unwrap();
    let resumed = restored.run(Duration::days(3.0), p.sample_every).unwrap();
    let (a, b) = (straight.last().unwrap(), resumed.last().unwrap());
    let t = |o: &Observation| o.testosterone_ng_dl;
    let moved = (t(a) - t(&straight.samples[0])).abs();
    assert!(moved > 0.1, "the man is still relaxing ({moved} ng/dL)");
    assert!((t(a) - t(b)).abs() < 1e-4 * t(a), "{} vs {}", t(a), t(b));
}

/// Cypionate weekly and hCG every other day in `mean_field`: every segment runs ROS34PW2 with
/// a Jacobian formed hours or days before the split, while the drugs' exposures move. A
/// snapshot taken anywhere continues bit for bit (the Jacobian is checked at the time it was
/// formed, its stiff block and LU are rebuilt as they were).
#[test]
fn a_snapshot_on_drugs_in_mean_field_continues_bit_for_bit() {
    let p = Protocol::from_json(
        r#"{"patient": "healthy", "duration": "12d", "sample_every": "6h", "mode": "mean_field",
            "regimen": [{"drug": "testosterone_cypionate", "dose": "100 mg", "every": "1w"},
                        {"drug": "hcg", "dose": "500 IU", "every": "2d"}]}"#,
    )
    .unwrap();
    let every = p.sample_every;
    for split_days in [0.3, 1.3, 2.7, 4.05, 7.6] {
        let straight = {
            let mut sim = p.simulation().unwrap();
            sim.run(Duration::days(split_days), every).unwrap();
            sim.run(Duration::days(12.0 - split_days), every).unwrap()
        };
        let resumed = {
            let mut sim = p.simulation().unwrap();
            sim.run(Duration::days(split_days), every).unwrap();
            let json = serde_json::to_string(&sim.snapshot()).unwrap();
            let value: serde_json::Value = serde_json::from_str(&json).unwrap();
            assert!(
                value["dynamic"]["jacobian"]["formed_t"].is_f64()
                    && value["dynamic"]["jacobian_segment"].is_array(),
                "the Jacobian travels with its time and its segment's inputs"
            );
            let mut sim = Simulation::restore(serde_json::from_str(&json).unwrap()).unwrap();
            sim.run(Duration::days(12.0 - split_days), every).unwrap()
        };
        assert_eq!(
            straight.samples, resumed.samples,
            "split at day {split_days}"
        );
    }
}

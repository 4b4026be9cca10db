//! The protocol file: every kind of bad input is a typed error naming the offending field
//! (good protocols: `protocol_accepted.rs`).

mod common;

use common::protocols::{assert_invalid, assert_shape, with_regimen};
use hpg::Mode;
use hpg::protocol::Protocol;

// ------------------------------------------------------------------ the file's shape

#[test]
fn syntax_error_is_a_protocol_error_with_its_position() {
    assert_shape(r#"{"duration": "28d",}"#, &["line 1"]);
    assert_shape("", &["EOF"]);
}

#[test]
fn syntax_error_inside_a_regimen_names_the_path() {
    assert_shape(
        r#"{"duration": "28d", "regimen": [{"drug": "hcg", "dose": }]}"#,
        &["regimen[0].dose"],
    );
}

#[test]
fn not_an_object_is_refused() {
    assert_shape("[1, 2]", &["expected a protocol object"]);
    assert_shape(r#""healthy""#, &["expected a protocol object"]);
}

#[test]
fn regimen_entry_must_be_an_object() {
    assert_shape(
        &with_regimen(r#"["hcg", "500 IU"]"#),
        &["regimen[0]", "expected a regimen object"],
    );
}

#[test]
fn trailing_text_is_refused() {
    assert_shape(r#"{"duration": "28d"} {}"#, &["trailing characters"]);
}

#[test]
fn unknown_top_level_field_is_refused() {
    assert_shape(
        r#"{"duration": "28d", "sample_evry": "1d"}"#,
        &["unknown field `sample_evry`", "sample_every"],
    );
}

#[test]
fn unknown_field_inside_patient_is_refused() {
    assert_shape(
        r#"{"duration": "28d", "patient": {"preset": "healthy", "parameters": {}}}"#,
        &["patient.parameters", "unknown field `parameters`"],
    );
}

#[test]
fn unknown_field_inside_a_regimen_is_refused() {
    assert_shape(
        &with_regimen(r#"{"drug": "hcg", "dose": "500 IU", "evry": "2d"}"#),
        &["regimen[0].evry", "unknown field `evry`"],
    );
}

#[test]
fn duplicate_field_is_refused() {
    assert_shape(
        r#"{"duration": "28d", "duration": "2d"}"#,
        &["duplicate field `duration`"],
    );
}

#[test]
fn missing_duration_is_refused() {
    assert_shape(r#"{"patient": "healthy"}"#, &["missing field `duration`"]);
}

#[test]
fn wrong_json_type_names_the_field() {
    assert_shape(r#"{"duration": 28}"#, &["duration", "expected a string"]);
    assert_shape(
        &with_regimen(r#"{"drug": "hcg", "dose": 500}"#),
        &["regimen[0].dose", "expected a string"],
    );
    assert_shape(
        r#"{"duration": "28d", "patient": 3}"#,
        &["patient", "preset name"],
    );
    assert_shape(
        r#"{"duration": "28d", "patient": {"preset": "healthy", "params": {"shbg_nmol_l": "40"}}}"#,
        &["patient.params.shbg_nmol_l"],
    );
}

// ------------------------------------------------------------------ names

#[test]
fn unknown_preset_is_refused() {
    assert_invalid(
        r#"{"duration": "28d", "patient": "athlete"}"#,
        "patient",
        &["athlete", "healthy"],
    );
    assert_invalid(
        r#"{"duration": "28d", "patient": {"preset": "athlete"}}"#,
        "patient.preset",
        &["athlete"],
    );
}

#[test]
fn unknown_drug_is_refused() {
    assert_invalid(
        &with_regimen(r#"{"drug": "sildenafil", "dose": "50 mg"}"#),
        "regimen[0].drug",
        &["sildenafil", "hcg"],
    );
}

#[test]
fn unknown_route_is_refused() {
    assert_invalid(
        &with_regimen(r#"{"drug": "hcg", "dose": "500 IU", "route": "nasal"}"#),
        "regimen[0].route",
        &["nasal"],
    );
}

#[test]
fn route_the_drug_does_not_take_is_refused() {
    assert_invalid(
        &with_regimen(r#"{"drug": "testosterone_cypionate", "dose": "100 mg", "route": "oral"}"#),
        "regimen[0].route",
        &["testosterone_cypionate", "im"],
    );
}

#[test]
fn unknown_mode_is_refused() {
    assert_invalid(
        r#"{"duration": "28d", "mode": "fast"}"#,
        "mode",
        &["fast", "mean_field"],
    );
}

// ------------------------------------------------------------------ doses

#[test]
fn hcg_in_mg_is_refused() {
    assert_invalid(
        &with_regimen(r#"{"drug": "hcg", "dose": "500 mg"}"#),
        "regimen[0].dose",
        &["hcg", "IU"],
    );
}

#[test]
fn testosterone_in_iu_is_refused() {
    assert_invalid(
        &with_regimen(r#"{"drug": "testosterone_cypionate", "dose": "100 IU"}"#),
        "regimen[0].dose",
        &["testosterone_cypionate", "mg"],
    );
}

#[test]
fn negative_dose_is_refused() {
    assert_invalid(
        &with_regimen(r#"{"drug": "anastrozole", "dose": "-1 mg"}"#),
        "regimen[0].dose",
        &["-1 mg"],
    );
}

#[test]
fn zero_dose_is_refused() {
    assert_invalid(
        &with_regimen(r#"{"drug": "anastrozole", "dose": "0 mg"}"#),
        "regimen[0].dose",
        &["0 mg"],
    );
}

#[test]
fn nan_dose_is_refused() {
    assert_invalid(
        &with_regimen(r#"{"drug": "anastrozole", "dose": "NaN mg"}"#),
        "regimen[0].dose",
        &["NaN mg"],
    );
}

#[test]
fn infinite_dose_is_refused() {
    assert_invalid(
        &with_regimen(r#"{"drug": "anastrozole", "dose": "inf mg"}"#),
        "regimen[0].dose",
        &["inf mg"],
    );
    assert_invalid(
        &with_regimen(r#"{"drug": "anastrozole", "dose": "1e999 mg"}"#),
        "regimen[0].dose",
        &["1e999 mg"],
    );
}

#[test]
fn dose_without_unit_is_refused() {
    assert_invalid(
        &with_regimen(r#"{"drug": "anastrozole", "dose": "1"}"#),
        "regimen[0].dose",
        &["mg"],
    );
}

#[test]
fn bad_infusion_rate_is_refused() {
    assert_invalid(
        &with_regimen(r#"{"drug": "gonadorelin", "infusion": "-2 ug/h"}"#),
        "regimen[0].infusion",
        &["-2 ug/h"],
    );
    assert_invalid(
        &with_regimen(r#"{"drug": "gonadorelin", "infusion": "2 ug"}"#),
        "regimen[0].infusion",
        &["2 ug"],
    );
}

#[test]
fn infusion_of_a_tablet_is_refused() {
    assert_invalid(
        &with_regimen(r#"{"drug": "anastrozole", "infusion": "2 ug/h"}"#),
        "regimen[0].infusion",
        &["anastrozole"],
    );
}

#[test]
fn infusion_with_every_is_refused() {
    assert_invalid(
        &with_regimen(r#"{"drug": "gonadorelin", "infusion": "2 ug/h", "every": "1d"}"#),
        "regimen[0].every",
        &["infusion"],
    );
}

#[test]
fn infusion_with_times_is_refused() {
    assert_invalid(
        &with_regimen(r#"{"drug": "gonadorelin", "infusion": "2 ug/h", "times": 3}"#),
        "regimen[0].times",
        &["stop"],
    );
}

// ------------------------------------------------------------------ durations and times

#[test]
fn garbage_duration_is_refused() {
    assert_invalid(r#"{"duration": "seven days"}"#, "duration", &["seven days"]);
    assert_invalid(r#"{"duration": "5 years"}"#, "duration", &["5 years"]);
}

#[test]
fn zero_duration_is_refused() {
    assert_invalid(r#"{"duration": "0d"}"#, "duration", &["0d"]);
}

#[test]
fn duration_over_a_century_is_refused() {
    assert_invalid(
        r#"{"duration": "40000d"}"#,
        "duration",
        &["100 years", "40000d"],
    );
    assert!(Protocol::from_json(r#"{"duration": "36525d", "sample_every": "365d"}"#).is_ok());
}

#[test]
fn zero_sample_interval_is_refused() {
    assert_invalid(
        r#"{"duration": "28d", "sample_every": "0d"}"#,
        "sample_every",
        &["0d"],
    );
}

#[test]
fn sample_interval_longer_than_the_run_is_refused() {
    assert_invalid(
        r#"{"duration": "28d", "sample_every": "29d"}"#,
        "sample_every",
        &["duration", "29d"],
    );
}

#[test]
fn negative_start_is_refused() {
    assert_invalid(
        &with_regimen(r#"{"drug": "hcg", "dose": "500 IU", "start": "-1d"}"#),
        "regimen[0].start",
        &["-1d"],
    );
}

#[test]
fn start_after_the_run_is_refused() {
    assert_invalid(
        &with_regimen(r#"{"drug": "hcg", "dose": "500 IU", "start": "4w"}"#),
        "regimen[0].start",
        &["28d"],
    );
}

#[test]
fn zero_interval_is_refused() {
    assert_invalid(
        &with_regimen(r#"{"drug": "hcg", "dose": "500 IU", "every": "0h"}"#),
        "regimen[0].every",
        &["positive"],
    );
}

#[test]
fn stop_before_start_is_refused() {
    assert_invalid(
        &with_regimen(
            r#"{"drug": "hcg", "dose": "500 IU", "every": "2d", "start": "10d", "stop": "5d"}"#,
        ),
        "regimen[0].stop",
        &["after start"],
    );
    assert_invalid(
        &with_regimen(
            r#"{"drug": "hcg", "dose": "500 IU", "every": "2d", "start": "10d", "stop": "10d"}"#,
        ),
        "regimen[0].stop",
        &["after start"],
    );
}

#[test]
fn both_stop_and_times_are_refused() {
    assert_invalid(
        &with_regimen(
            r#"{"drug": "hcg", "dose": "500 IU", "every": "2d", "stop": "20d", "times": 3}"#,
        ),
        "regimen[0]",
        &["stop", "times"],
    );
}

#[test]
fn bad_times_are_refused() {
    for times in ["0", "-2", "2.5", "1e3"] {
        assert_invalid(
            &with_regimen(&format!(
                r#"{{"drug": "hcg", "dose": "500 IU", "every": "2d", "times": {times}}}"#
            )),
            "regimen[0].times",
            &["positive whole number"],
        );
    }
}

#[test]
fn repeated_doses_without_every_are_refused() {
    assert_invalid(
        &with_regimen(r#"{"drug": "hcg", "dose": "500 IU", "times": 3}"#),
        "regimen[0].times",
        &["every"],
    );
}

#[test]
fn both_dose_and_infusion_are_refused() {
    assert_invalid(
        &with_regimen(r#"{"drug": "gonadorelin", "dose": "100 ug", "infusion": "2 ug/h"}"#),
        "regimen[0]",
        &["dose", "infusion"],
    );
}

#[test]
fn neither_dose_nor_infusion_is_refused() {
    assert_invalid(
        &with_regimen(r#"{"drug": "gonadorelin"}"#),
        "regimen[0]",
        &["dose", "infusion"],
    );
}

#[test]
fn errors_name_the_right_entry() {
    let json = r#"{"duration": "28d", "regimen": [
        {"drug": "hcg", "dose": "500 IU", "every": "2d"},
        {"drug": "anastrozole", "dose": "1 mg", "every": "1d"},
        {"drug": "clomiphene_citrate", "dose": "25 mg", "every": "seven days"}]}"#;
    assert_invalid(json, "regimen[2].every", &["seven days"]);
}

#[test]
fn negative_seed_is_refused() {
    assert_invalid(r#"{"duration": "28d", "seed": -1}"#, "seed", &["-1"]);
    assert_invalid(r#"{"duration": "28d", "seed": 1.5}"#, "seed", &["1.5"]);
}

// ------------------------------------------------------------------ patient parameters

#[test]
fn unknown_parameter_is_refused() {
    assert_invalid(
        r#"{"duration": "28d", "patient": {"preset": "healthy", "params": {"testosterone_boost": 2}}}"#,
        "patient.params.testosterone_boost",
        &["unknown parameter"],
    );
}

#[test]
fn out_of_range_parameter_is_refused() {
    for value in ["-40", "0", "1e300"] {
        assert_invalid(
            &format!(
                r#"{{"duration": "28d", "patient": {{"preset": "older", "params": {{"shbg_nmol_l": {value}}}}}}}"#
            ),
            "patient.params.shbg_nmol_l",
            &["shbg_nmol_l"],
        );
    }
}

#[test]
fn duplicate_parameter_is_refused() {
    assert_shape(
        r#"{"duration": "28d", "patient": {"preset": "healthy", "params": {"shbg_nmol_l": 30, "shbg_nmol_l": 40}}}"#,
        &["shbg_nmol_l", "twice"],
    );
}

// ------------------------------------------------------------------ good protocols

/// Without a `mode` field one man runs pulsatile and a population mean-field; a `mode` field
/// wins either way.
#[test]
fn a_population_defaults_to_mean_field() {
    let read = |text: &str| Protocol::from_json(text).unwrap().mode;
    assert_eq!(read(r#"{"duration": "1d"}"#), Mode::Pulsatile);
    assert_eq!(
        read(r#"{"duration": "1d", "population": {"n": 10}}"#),
        Mode::MeanField
    );
    assert_eq!(
        read(r#"{"duration": "1d", "mode": "pulsatile", "population": {"n": 10}}"#),
        Mode::Pulsatile
    );
}

/// A protocol names its event table relative to its own file; regimens, lags, bioavailability
/// and drug parameters come from the file too.
#[test]
fn protocol_files_carry_events_lags_and_drug_parameters() {
    let dir = std::path::Path::new("examples/protocols");
    let text = r#"{"duration": "26w", "mode": "mean_field",
        "patient": {"preset": "healthy", "params": {"hcg.clearance_l_per_d": 4.0}},
        "events": {"file": "three_men_doses.csv", "time_unit": "h"},
        "regimen": [{"drug": "anastrozole", "dose": "1 mg", "every": "1d", "lag": "1h",
                     "bioavailability": 0.8}]}"#;
    let p = hpg::Protocol::from_json_in(text, dir).unwrap();
    let men = p.subjects();
    assert_eq!(men.len(), 3);
    let regimens = men[0].1.all_regimens();
    assert_eq!(regimens.len(), 2, "anastrozole and man 1's TRT");
    assert_eq!(regimens[0].lag_of(), hpg::Duration::hours(1.0));
    assert_eq!(regimens[0].bioavailability(), Some(0.8));
    assert!(regimens[1].is_steady_state());
    assert_eq!(
        p.patient.params().unwrap().get("hcg.clearance_l_per_d"),
        Some(4.0)
    );
    // Several men are run one by one.
    assert!(p.simulation().unwrap_err().to_string().contains("3 men"));
    men[2].1.run().unwrap();
    // Relative to the working directory the file is not there.
    let e = hpg::Protocol::from_json(text).unwrap_err();
    assert!(
        e.to_string().contains("cannot read `three_men_doses.csv`"),
        "{e}"
    );
    for (bad, field) in [
        (
            r#"{"duration": "2d", "events": {"file": "x.csv", "time_unit": "s"}}"#,
            "events.time_unit",
        ),
        (
            r#"{"duration": "2d", "regimen": [{"drug": "hcg", "dose": "5 IU", "route": "iv", "bioavailability": 0.5}]}"#,
            "regimen[0].bioavailability",
        ),
        (
            r#"{"duration": "2d", "regimen": [{"drug": "hcg", "dose": "5 IU", "lag": "-1h"}]}"#,
            "regimen[0].lag",
        ),
        (
            r#"{"duration": "2d", "patient": {"preset": "healthy", "params": {"hcg.volume_l": 0}}}"#,
            "patient.params.hcg.volume_l",
        ),
    ] {
        match hpg::Protocol::from_json(bad) {
            Err(hpg::HpgError::InvalidInput { field: f, .. }) => assert_eq!(f, field, "{bad}"),
            other => panic!("{bad}: {other:?}"),
        }
    }
}

//! The protocol file: every kind of bad input is a typed error naming the
//! offending field, and good protocols parse into the right regimens.

use hpg::protocol::Protocol;
use hpg::{
    CSV_HEADER, Dose, Drug, Duration, End, HpgError, InfusionRate, Mode, Preset, Regimen, Route,
    Schedule,
};

/// The error of a protocol that must be refused.
fn refused(json: &str) -> HpgError {
    match Protocol::from_json(json) {
        Ok(p) => panic!("accepted a bad protocol: {json}\n{p:?}"),
        Err(e) => {
            let text = e.to_string();
            assert!(!text.contains('\n'), "message is not one line: {text}");
            e
        }
    }
}

/// Asserts an `InvalidInput` for exactly `field`, its message containing every `words`.
fn assert_invalid(json: &str, field: &str, words: &[&str]) {
    match refused(json) {
        HpgError::InvalidInput {
            field: got,
            message,
        } => {
            assert_eq!(got, field, "wrong field for {json}: {message}");
            let text = format!("{got}: {message}");
            for w in words {
                assert!(text.contains(w), "`{text}` does not mention `{w}`");
            }
        }
        other => panic!("expected InvalidInput for {field}, got {other:?}"),
    }
}

/// Asserts a `Protocol` (shape) error whose message contains every `words`.
fn assert_shape(json: &str, words: &[&str]) {
    match refused(json) {
        HpgError::Protocol { message } => {
            for w in words {
                assert!(message.contains(w), "`{message}` does not mention `{w}`");
            }
        }
        other => panic!("expected a Protocol error, got {other:?}"),
    }
}

/// A protocol of one regimen entry (the rest valid), as text.
fn with_regimen(entry: &str) -> String {
    format!(r#"{{"duration": "28d", "mode": "mean_field", "regimen": [{entry}]}}"#)
}

const DESIGN_EXAMPLE: &str = r#"{
  "patient": "healthy",
  "duration": "26w",
  "sample_every": "1d",
  "mode": "pulsatile",
  "seed": 7,
  "regimen": [
    {"drug": "testosterone_cypionate", "dose": "200 mg", "every": "14d"},
    {"drug": "hcg", "dose": "500 IU", "every": "2d", "start": "0d", "stop": "26w"},
    {"drug": "gonadorelin", "infusion": "2 ug/h", "start": "1d", "stop": "15d"},
    {"drug": "anastrozole", "dose": "1 mg", "every": "1d", "times": 84}
  ]
}"#;

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

#[test]
fn baseline_example_parses() {
    let p = Protocol::from_json(include_str!("../examples/protocols/baseline.json")).unwrap();
    assert_eq!(p.patient.preset, Preset::Healthy);
    assert!(p.patient.overrides.is_empty());
    assert_eq!(p.duration, Duration::days(28.0));
    assert_eq!(p.sample_every, Duration::days(1.0));
    assert_eq!(p.mode, Mode::Pulsatile);
    assert_eq!(p.seed, None);
    assert!(p.regimens.is_empty());
}

#[test]
fn design_example_parses_into_its_regimens() {
    let p = Protocol::from_json(DESIGN_EXAMPLE).unwrap();
    assert_eq!(p.duration, Duration::weeks(26.0));
    assert_eq!(p.mode, Mode::Pulsatile);
    assert_eq!(p.seed, Some(7));
    let expected: Vec<Regimen> = vec![
        Regimen::repeated(
            Drug::TestosteroneCypionate,
            Dose::mg(200.0).unwrap(),
            Duration::days(14.0),
        )
        .into(),
        Regimen::repeated(Drug::Hcg, Dose::iu(500.0).unwrap(), Duration::days(2.0))
            .until(Duration::weeks(26.0))
            .into(),
        Regimen::infusion(Drug::Gonadorelin, InfusionRate::ug_per_hour(2.0).unwrap())
            .starting(Duration::days(1.0))
            .until(Duration::days(15.0))
            .into(),
        Regimen::repeated(
            Drug::Anastrozole,
            Dose::mg(1.0).unwrap(),
            Duration::days(1.0),
        )
        .times(84)
        .into(),
    ];
    assert_eq!(p.regimens, expected);
    assert_eq!(p.regimens[0].route_of(), Route::Im);
    assert_eq!(p.regimens[1].route_of(), Route::Sc);
    assert!(matches!(
        p.regimens[2].schedule(),
        Schedule::Infusion {
            stop: Some(stop),
            ..
        } if stop == Duration::days(15.0)
    ));
}

#[test]
fn patient_object_with_overrides_parses() {
    let p = Protocol::from_json(
        r#"{"duration": "2d", "patient": {"preset": "older", "params": {"shbg_nmol_l": 60, "leydig_capacity": 0.5}}}"#,
    )
    .unwrap();
    assert_eq!(p.patient.preset, Preset::Older);
    assert_eq!(
        p.patient.overrides,
        vec![
            ("shbg_nmol_l".to_string(), 60.0),
            ("leydig_capacity".to_string(), 0.5)
        ]
    );
    assert_eq!(p.patient.params().unwrap().shbg_nmol_l, 60.0);
}

#[test]
fn every_preset_and_drug_name_is_accepted() {
    for preset in Preset::ALL {
        let json = format!(r#"{{"duration": "1d", "patient": "{}"}}"#, preset.name());
        assert_eq!(Protocol::from_json(&json).unwrap().patient.preset, preset);
    }
    for drug in Drug::ALL {
        let dose = if drug == Drug::Hcg { "500 IU" } else { "1 mg" };
        let json = with_regimen(&format!(
            r#"{{"drug": "{}", "dose": "{dose}"}}"#,
            drug.name()
        ));
        assert_eq!(Protocol::from_json(&json).unwrap().regimens[0].drug(), drug);
    }
}

#[test]
fn explicit_routes_and_units_parse() {
    let p = Protocol::from_json(&with_regimen(
        r#"{"drug": "gonadorelin", "infusion": "0.048 mg/d", "route": "iv"},
           {"drug": "hcg", "dose": "1500 IU", "route": "im", "every": "3.5d", "start": "12h"},
           {"drug": "enclomiphene", "dose": "12500 ug", "every": "1d", "stop": "3w"}"#,
    ))
    .unwrap();
    assert_eq!(p.regimens[0].route_of(), Route::Iv);
    assert_eq!(
        p.regimens[0].schedule(),
        Schedule::Infusion {
            rate: InfusionRate::parse("0.002 mg/h", "x").unwrap(),
            stop: None
        }
    );
    assert_eq!(p.regimens[1].start(), Duration::hours(12.0));
    assert!(matches!(
        p.regimens[1].schedule(),
        Schedule::Repeated { every, .. } if every == Duration::hours(84.0)
    ));
    assert!(matches!(
        p.regimens[2].schedule(),
        Schedule::Repeated {
            end: End::Stop(stop),
            ..
        } if stop == Duration::weeks(3.0)
    ));
}

#[test]
fn short_runs_sample_once_at_the_end() {
    let p = Protocol::from_json(r#"{"duration": "6h"}"#).unwrap();
    assert_eq!(p.sample_every, Duration::hours(6.0));
}

#[test]
fn design_example_runs_in_mean_field() {
    let json = DESIGN_EXAMPLE
        .replace(r#""duration": "26w""#, r#""duration": "10d""#)
        .replace(r#""mode": "pulsatile""#, r#""mode": "mean_field""#);
    let p = Protocol::from_json(&json).unwrap();
    let traj = p.run().unwrap();
    assert_eq!(traj.samples.len(), 11);
    assert_eq!(traj.samples[0].time_days, 0.0);
    assert_eq!(traj.last().unwrap().time_days, 10.0);
    // Testosterone plus hCG plus gonadorelin: serum T rises, LH is suppressed.
    assert!(traj.last().unwrap().testosterone_ng_dl > traj.samples[0].testosterone_ng_dl);
    assert!(traj.last().unwrap().lh_iu_l < traj.samples[0].lh_iu_l);
    assert!(CSV_HEADER.starts_with("time_days,"));
}

#[test]
fn run_streaming_matches_run_and_reports_stats() {
    let p = Protocol::from_json(
        r#"{"duration": "3d", "sample_every": "12h", "mode": "mean_field",
            "regimen": [{"drug": "hcg", "dose": "1500 IU", "every": "2d"}]}"#,
    )
    .unwrap();
    let mut streamed = Vec::new();
    let sim = p
        .run_streaming(|o| {
            streamed.push(*o);
            Ok(())
        })
        .unwrap();
    assert_eq!(streamed.len(), 7);
    assert_eq!(sim.stats().dose_events, 2);
    assert_eq!(p.run().unwrap().samples, streamed);
}

#[test]
fn hand_built_protocols_are_validated_too() {
    let mut p = Protocol::new(Preset::Healthy, Duration::days(2.0));
    p.mode = Mode::MeanField;
    p.regimens
        .push(Regimen::single(Drug::Hcg, Dose::mg(5.0).unwrap()));
    match p.simulation() {
        Err(HpgError::InvalidInput { field, .. }) => assert_eq!(field, "regimen[0].dose"),
        other => panic!("expected InvalidInput, got {:?}", other.map(|_| ())),
    }
}

#[test]
fn a_single_dose_with_stop_is_refused() {
    assert_invalid(
        &with_regimen(r#"{"drug": "hcg", "dose": "500 IU", "stop": "2d"}"#),
        "regimen[0].stop",
        &["single dose", "every"],
    );
}

#[test]
fn an_oral_infusion_names_the_route_in_plain_words() {
    assert_invalid(
        &with_regimen(r#"{"drug": "anastrozole", "infusion": "1 mg/h", "route": "oral"}"#),
        "regimen[0].infusion",
        &["anastrozole", "continuous infusion", "oral route"],
    );
}

#[test]
fn the_api_reports_a_wrong_route_under_route_even_with_a_wrong_unit() {
    let regimen =
        Regimen::single(Drug::TestosteroneCypionate, Dose::iu(100.0).unwrap()).route(Route::Oral);
    match regimen.validate() {
        Err(HpgError::InvalidInput { field, message }) => {
            assert_eq!(field, "route", "{message}");
            assert!(message.contains("testosterone_cypionate cannot be given oral"));
        }
        other => panic!("expected a route error, got {other:?}"),
    }
}

/// Every shipped protocol parses, validates and runs (in `mean_field`, to stay fast), and every
/// row of the scorecard has a protocol named by its id (`B1-B11.json` covers the baseline rows,
/// `G1_pulsatile.json` and `G1_continuous.json` the two arms of G1).
#[test]
fn shipped_protocols_run_and_cover_every_target_row() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/protocols");
    let mut names = Vec::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        let mut protocol =
            Protocol::from_json(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        protocol.mode = Mode::MeanField;
        let trajectory = protocol
            .run()
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert!(trajectory.samples.len() >= 2, "{}", path.display());
        names.push(path.file_stem().unwrap().to_string_lossy().into_owned());
    }
    for row in hpg::study::scorecard::rows().unwrap() {
        let covered = names.iter().any(|n| {
            *n == row.id
                || n.starts_with(&format!("{}_", row.id))
                || (row.id.starts_with('B') && n == "B1-B11")
        });
        assert!(
            covered,
            "no protocol in examples/protocols for row {}",
            row.id
        );
    }
    for seed_regimen in ["trt", "fertility"] {
        assert!(names.iter().any(|n| n == seed_regimen));
    }
}

#[test]
fn population_field_parses_and_is_checked() {
    let ok =
        Protocol::from_json(r#"{"duration": "2d", "population": {"n": 250, "seed": 9}}"#).unwrap();
    assert_eq!(ok.population.map(|p| (p.n, p.seed)), Some((250, 9)));
    assert_eq!(
        hpg::population::Population::from_protocol(&ok)
            .unwrap()
            .unwrap()
            .n,
        250
    );
    assert!(
        Protocol::from_json(r#"{"duration": "2d"}"#)
            .unwrap()
            .population
            .is_none()
    );
    assert_invalid(
        r#"{"duration": "2d", "population": {"n": 2.5}}"#,
        "population.n",
        &["whole number"],
    );
    assert_invalid(
        r#"{"duration": "2d", "population": {"n": 10, "seed": -1}}"#,
        "population.seed",
        &["whole number"],
    );
    assert_shape(
        r#"{"duration": "2d", "population": {"n": 10, "men": 3}}"#,
        &["unknown field `men`"],
    );
}

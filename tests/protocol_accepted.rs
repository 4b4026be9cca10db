//! The protocol file: good protocols parse into the right regimens and run; the shipped
//! protocols cover every scorecard row; a few refusals that need a whole protocol.

mod common;

use common::protocols::{DESIGN_EXAMPLE, assert_invalid, assert_shape, with_regimen};
use hpg::protocol::Protocol;
use hpg::{
    CSV_HEADER, Dose, Drug, Duration, End, HpgError, InfusionRate, Mode, Preset, Regimen, Route,
    Schedule,
};

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
        let dose = if drug.accepts(hpg::DoseUnit::Iu) {
            "500 IU"
        } else {
            "1 mg"
        };
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
        if path.extension().is_none_or(|e| e != "json") {
            continue; // event tables the protocols name
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let mut protocol = Protocol::from_json_in(&text, &dir)
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        protocol.mode = Mode::MeanField;
        for (_, man) in protocol.subjects() {
            let trajectory = man
                .run()
                .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            assert!(trajectory.samples.len() >= 2, "{}", path.display());
        }
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

/// The README's drug table lists every drug the protocol accepts, with its event-table unit.
#[test]
fn the_readme_lists_every_drug() {
    let readme = include_str!("../README.md");
    for drug in Drug::ALL {
        let row = readme
            .lines()
            .find(|l| l.starts_with(&format!("| `{}` |", drug.name())))
            .unwrap_or_else(|| panic!("README drug table lacks {drug}"));
        let unit = hpg::events::table_unit(drug).to_string();
        assert!(row.contains(&format!("AMT {unit}")), "{drug}: {row}");
        for route in drug.routes() {
            assert!(row.contains(&format!("`{route}`")), "{drug}: {row}");
        }
    }
}

//! Property tests: random valid protocols — any drugs, doses over six orders of
//! magnitude, intervals from 1 minute to 1 year, overlapping regimens, both modes, every
//! preset — run or return a typed solver error, and never give NaN, infinite or negative
//! values; random invalid protocols and arbitrary text are always refused with a typed error,
//! never a panic.

use hpg::HpgError;
use hpg::events::{EventOptions, EventTable};
use hpg::protocol::Protocol;
use proptest::prelude::*;

const DRUGS: [&str; 16] = [
    "degarelix",
    "leuprolide",
    "leuprolide_3_month",
    "testosterone_cypionate",
    "testosterone_enanthate",
    "testosterone_undecanoate",
    "testosterone_gel",
    "fsh",
    "clomiphene_citrate",
    "enclomiphene",
    "tamoxifen",
    "gonadorelin",
    "anastrozole",
    "letrozole",
    "ketoconazole",
    "hcg",
];
const PRESETS: [&str; 6] = [
    "healthy",
    "older",
    "secondary_hypogonadism",
    "primary_hypogonadism",
    "gnrh_deficient",
    "gnrh_deficient_untreated",
];

/// The unit a drug is dosed in.
fn unit(drug: &str) -> &'static str {
    match drug {
        "hcg" | "fsh" => "IU",
        "gonadorelin" => "ug",
        _ => "mg",
    }
}

/// Minutes, log-uniform between 1 minute and 1 year.
fn interval_minutes() -> impl Strategy<Value = f64> {
    (0.0f64..(525_600.0f64).log10()).prop_map(|e| 10f64.powf(e))
}

/// One valid regimen entry, starting before `duration_days`.
fn regimen_entry(duration_days: f64) -> impl Strategy<Value = String> {
    (
        0..DRUGS.len(),
        -3.0f64..3.0,
        0.0f64..1.0,
        prop::option::of(interval_minutes()),
        0..3u8,
        1u32..50,
        any::<bool>(),
        any::<bool>(),
        (0..4u8, 0.0f64..48.0, 0.05f64..1.0),
    )
        .prop_map(
            move |(
                d,
                magnitude,
                start_frac,
                every,
                end_kind,
                times,
                infuse,
                alt_route,
                (extra, lag_h, bioavailability),
            )| {
                let drug = DRUGS[d];
                let amount = 10f64.powf(magnitude);
                let start = start_frac * duration_days * 0.99;
                let mut fields = vec![format!(r#""drug": "{drug}""#)];
                let infusable = drug == "gonadorelin" || drug == "hcg";
                if alt_route && infusable {
                    fields.push(r#""route": "iv""#.into());
                }
                fields.push(format!(r#""start": "{start}d""#));
                if infuse && infusable {
                    fields.push(format!(r#""infusion": "{amount} {}/h""#, unit(drug)));
                    if end_kind == 1 {
                        fields.push(format!(r#""stop": "{}d""#, start + 0.5));
                    }
                } else {
                    fields.push(format!(r#""dose": "{amount} {}""#, unit(drug)));
                    if let Some(every) = every {
                        fields.push(format!(r#""every": "{every}min""#));
                        match end_kind {
                            1 => fields.push(format!(r#""times": {times}"#)),
                            2 => fields.push(format!(r#""stop": "{}d""#, start + 2.0)),
                            _ => {}
                        }
                    }
                }
                // Extras: a lag, a regimen's own bioavailability (not for IV), or a start at
                // the steady state of a daily, two-daily or weekly regimen (not for
                // leuprolide's zero-order depots, which have a steady state only when each dose
                // can be released before the next: 7.5 mg takes 28 days, and a shorter interval
                // is refused as invalid).
                let iv = alt_route && infusable;
                match extra {
                    1 => fields.push(format!(r#""lag": "{lag_h}h""#)),
                    2 if !iv => fields.push(format!(r#""bioavailability": {bioavailability}"#)),
                    3 if !(infuse && infusable || drug.starts_with("leuprolide")) => {
                        let every = [24, 48, 168][times as usize % 3];
                        fields.retain(|f| {
                            !f.starts_with(r#""start""#)
                                && !f.starts_with(r#""every""#)
                                && !f.starts_with(r#""stop""#)
                        });
                        fields.push(format!(r#""every": "{every}h", "steady_state": true"#));
                    }
                    _ => {}
                }
                format!("{{{}}}", fields.join(", "))
            },
        )
}

/// A whole valid protocol of 1–10 days with 0–4 (possibly overlapping) regimens.
fn valid_protocol() -> impl Strategy<Value = String> {
    (
        1.0f64..10.0,
        0..PRESETS.len(),
        any::<bool>(),
        prop::option::of(0u64..1000),
    )
        .prop_flat_map(|(days, preset, pulsatile, seed)| {
            let regimens = prop::collection::vec(regimen_entry(days), 0..5);
            let sample_hours = (0.25f64..24.0).prop_map(move |h| h.min(days * 24.0));
            (
                Just((days, preset, pulsatile, seed)),
                regimens,
                sample_hours,
            )
        })
        .prop_map(
            |((days, preset, pulsatile, seed), regimens, sample_hours)| {
                let seed = seed.map_or(String::new(), |s| format!(r#""seed": {s},"#));
                format!(
                    r#"{{"patient": "{}", "duration": "{days}d", "sample_every": "{sample_hours}h",
                    "mode": "{}", {seed} "regimen": [{}]}}"#,
                    PRESETS[preset],
                    if pulsatile { "pulsatile" } else { "mean_field" },
                    regimens.join(", ")
                )
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn valid_protocols_run_with_finite_non_negative_outputs(json in valid_protocol()) {
        let protocol = Protocol::from_json(&json);
        prop_assert!(protocol.is_ok(), "refused a valid protocol: {:?}\n{json}", protocol.err());
        let result = protocol.unwrap().run_streaming(|o| {
            for v in o.values() {
                assert!(v.is_finite() && v >= 0.0, "bad value {v} in {o:?}\n{json}");
            }
            Ok(())
        });
        if let Err(e) = result {
            // Only a numerical failure may stop a valid protocol, and it says when.
            prop_assert!(
                matches!(e, HpgError::Solver { .. } | HpgError::NonFiniteState { .. }),
                "unexpected error {e} for\n{json}"
            );
        }
    }
}

/// Ways to break a valid protocol, each of which must be refused.
const CORRUPTIONS: [(&str, &str); 20] = [
    (r#""times": 3"#, r#""times": 3, "lag": "-2h""#),
    (r#""times": 3"#, r#""times": 3, "bioavailability": 1.5"#),
    (
        r#""times": 3"#,
        r#""times": 3, "steady_state": true, "start": "1d""#,
    ),
    (
        r#""patient": "healthy""#,
        r#""patient": {"preset": "healthy", "params": {"anastrozole.imax": 2}}"#,
    ),
    (r#""dose": "1 mg""#, r#""dose": "-1 mg""#),
    (r#""dose": "1 mg""#, r#""dose": "0 mg""#),
    (r#""dose": "1 mg""#, r#""dose": "NaN mg""#),
    (r#""dose": "1 mg""#, r#""dose": "1e999 mg""#),
    (r#""dose": "1 mg""#, r#""dose": "1 IU""#),
    (r#""drug": "anastrozole""#, r#""drug": "anastrazole""#),
    (r#""every": "1d""#, r#""every": "0min""#),
    (r#""every": "1d""#, r#""every": "-1h""#),
    (r#""times": 3"#, r#""times": 0"#),
    (r#""times": 3"#, r#""times": 3, "stop": "2d""#),
    (r#""duration": "5d""#, r#""duration": "0d""#),
    (r#""duration": "5d""#, r#""duration": "five days""#),
    (r#""patient": "healthy""#, r#""patient": "athlete""#),
    (
        r#""patient": "healthy""#,
        r#""patient": {"preset": "healthy", "params": {"shbg_nmol_l": -4}}"#,
    ),
    (r#""mode": "mean_field""#, r#""mode": "fast""#),
    (r#""sample_every": "1d""#, r#""sample_every": "6d""#),
];

const TEMPLATE: &str = r#"{"patient": "healthy", "duration": "5d", "sample_every": "1d",
    "mode": "mean_field", "regimen": [{"drug": "anastrozole", "dose": "1 mg", "every": "1d", "times": 3}]}"#;

#[test]
fn the_template_of_the_corruptions_is_valid() {
    Protocol::from_json(TEMPLATE).unwrap();
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn corrupted_protocols_are_refused_with_one_line(
        picks in prop::collection::btree_set(0..CORRUPTIONS.len(), 1..4)
    ) {
        let mut json = TEMPLATE.to_string();
        for &i in &picks {
            let (from, to) = CORRUPTIONS[i];
            json = json.replacen(from, to, 1);
        }
        match Protocol::from_json(&json) {
            Ok(p) => prop_assert!(false, "accepted {json}\n{p:?}"),
            Err(e) => {
                prop_assert!(
                    matches!(e, HpgError::InvalidInput { .. } | HpgError::Protocol { .. }
                        | HpgError::UnknownPreset { .. } | HpgError::UnknownParameter { .. }
                        | HpgError::InvalidParameter { .. }),
                    "{e:?}"
                );
                prop_assert!(!e.to_string().contains('\n'));
            }
        }
    }

    #[test]
    fn arbitrary_text_never_panics(text in ".{0,200}") {
        let _ = Protocol::from_json(&text);
        let _ = EventTable::from_reader(text.as_bytes(), &EventOptions::default());
    }

    #[test]
    fn event_tables_with_random_cells_are_read_or_refused_in_one_line(
        rows in prop::collection::vec(
            (
                "(1|2|x)",
                r#"(-?[0-9]{1,4}(\.[0-9])?|\.|nan|)"#,
                r#"(-?[0-9]{1,4}|\.|)"#,
                "(0|1|2|4|)",
                "(hcg|anastrozole|gonadorelin|viagra|)",
                r#"(0|24|-3|\.|)"#,
                "(0|2|1.5|)",
                "(0|1|-1|)",
                "(0|1|2|)",
            ),
            1..6,
        )
    ) {
        let mut text = String::from("ID,TIME,AMT,EVID,CMT,II,ADDL,RATE,SS\n");
        for (id, time, amt, evid, cmt, ii, addl, rate, ss) in &rows {
            text.push_str(&format!("{id},{time},{amt},{evid},{cmt},{ii},{addl},{rate},{ss}\n"));
        }
        match EventTable::from_reader(text.as_bytes(), &EventOptions::default()) {
            Ok(table) => {
                for subject in table.subjects() {
                    for r in &subject.regimens {
                        prop_assert!(r.validate().is_ok(), "{text}");
                    }
                }
            }
            Err(e) => {
                prop_assert!(matches!(e, HpgError::InvalidInput { .. }), "{e:?}");
                prop_assert!(!e.to_string().contains('\n'), "{e}");
                prop_assert!(e.to_string().starts_with("events"), "{e}");
            }
        }
    }

    #[test]
    fn arbitrary_json_like_text_never_panics(
        text in r#"\{("[a-z_]{1,12}": ("[a-z0-9 ./]{0,10}"|-?[0-9.e]{1,6}|\[\]|\{\}|null|true),? ?){0,6}\}"#
    ) {
        let _ = Protocol::from_json(&text);
    }
}

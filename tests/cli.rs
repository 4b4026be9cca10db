//! The command-line contract of `examples/simulate`: output on success,
//! exactly one `error:` line and exit code 2 on bad input, never a panic.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

mod common;

/// The example binary, built once per test run with this test's profile.
fn simulate_binary() -> &'static Path {
    common::example_binary("simulate")
}

/// A file in the temp directory, removed when dropped.
struct TempFile(PathBuf);

impl TempFile {
    fn path(name: &str) -> Self {
        TempFile(std::env::temp_dir().join(format!("hpg-cli-{}-{name}", std::process::id())))
    }
    fn to_str(&self) -> &str {
        self.0.to_str().expect("temp path is UTF-8")
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

/// Writes `contents` to a fresh file in the temp directory.
fn temp_file(name: &str, contents: &str) -> TempFile {
    let file = TempFile::path(name);
    std::fs::write(&file.0, contents).expect("write temp file");
    file
}

fn simulate(args: &[&str]) -> Output {
    Command::new(simulate_binary())
        .args(args)
        .env("RUST_BACKTRACE", "1")
        .output()
        .expect("run simulate")
}

/// A fast version of the baseline: mean-field, 3 days.
fn quick_baseline(name: &str) -> TempFile {
    let text = include_str!("../examples/protocols/baseline.json")
        .replace(r#""28d""#, r#""3d""#)
        .replace(r#""pulsatile""#, r#""mean_field""#);
    assert!(text.contains("mean_field") && text.contains("3d"));
    temp_file(name, &text)
}

/// Asserts the failure contract: exit code `code`, one `error:` line, nothing on stdout.
fn assert_fails(out: &Output, code: i32) -> String {
    let stderr = String::from_utf8_lossy(&out.stderr).to_string();
    assert_eq!(out.status.code(), Some(code), "stderr: {stderr}");
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 1, "expected one stderr line, got: {stderr:?}");
    assert!(lines[0].starts_with("error: "), "{stderr}");
    let lower = stderr.to_lowercase();
    assert!(
        !lower.contains("panicked") && !lower.contains("backtrace"),
        "{stderr}"
    );
    assert!(out.stdout.is_empty(), "stdout on failure: {:?}", out.stdout);
    stderr
}

#[test]
fn baseline_prints_header_and_one_row_per_day() {
    let protocol = quick_baseline("baseline.json");
    let out = simulate(&[protocol.to_str()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.stderr.is_empty());
    let stdout = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines[0], hpg::CSV_HEADER);
    assert_eq!(lines.len(), 1 + 4, "{stdout}");
    for (day, line) in lines[1..].iter().enumerate() {
        let values: Vec<f64> = line.split(',').map(|v| v.parse().unwrap()).collect();
        assert_eq!(values.len(), 10);
        assert_eq!(values[0], day as f64);
        assert!(values.iter().all(|v| v.is_finite()));
    }
}

#[test]
fn json_output_has_protocol_samples_and_stats() {
    let protocol = quick_baseline("json.json");
    let out = simulate(&[protocol.to_str(), "--format", "json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(value["protocol"]["duration"], "3d");
    assert_eq!(value["protocol"]["mode"], "mean_field");
    let samples = value["samples"].as_array().unwrap();
    assert_eq!(samples.len(), 4);
    let last: hpg::Observation = serde_json::from_value(samples[3].clone()).unwrap();
    assert_eq!(last.time_days, 3.0);
    let stats: hpg::SolverStats = serde_json::from_value(value["stats"].clone()).unwrap();
    assert!(stats.steps > 0);
}

#[test]
fn out_writes_the_file_and_nothing_to_stdout() {
    let protocol = quick_baseline("out.json");
    let target = TempFile::path("out.csv");
    let out = simulate(&[protocol.to_str(), "--out", target.to_str(), "--format=csv"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.stdout.is_empty());
    let csv = std::fs::read_to_string(&target.0).unwrap();
    assert!(csv.starts_with(hpg::CSV_HEADER));
    assert_eq!(csv.lines().count(), 5);
}

#[test]
fn bad_protocol_exits_2_with_one_line() {
    let protocol = temp_file(
        "bad.json",
        r#"{"duration": "3d", "regimen": [{"drug": "hcg", "dose": "500 mg"}]}"#,
    );
    let stderr = assert_fails(&simulate(&[protocol.to_str()]), 2);
    assert!(stderr.contains("regimen[0].dose"), "{stderr}");
    assert!(stderr.contains("hcg"), "{stderr}");
}

#[test]
fn malformed_json_exits_2_with_one_line() {
    let protocol = temp_file("malformed.json", "{\"duration\": \"3d\",\n\n");
    assert_fails(&simulate(&[protocol.to_str()]), 2);
}

#[test]
fn unknown_field_exits_2() {
    let protocol = temp_file("typo.json", r#"{"duration": "3d", "mdoe": "mean_field"}"#);
    let stderr = assert_fails(&simulate(&[protocol.to_str()]), 2);
    assert!(stderr.contains("mdoe"), "{stderr}");
}

#[test]
fn missing_file_exits_2() {
    let stderr = assert_fails(&simulate(&["/nonexistent/hpg/protocol.json"]), 2);
    assert!(
        stderr.contains("/nonexistent/hpg/protocol.json"),
        "{stderr}"
    );
}

#[test]
fn unknown_flag_exits_2() {
    let protocol = quick_baseline("flag.json");
    let stderr = assert_fails(&simulate(&[protocol.to_str(), "--verbose"]), 2);
    assert!(stderr.contains("--verbose"), "{stderr}");
}

#[test]
fn bad_format_and_missing_values_exit_2() {
    let protocol = quick_baseline("format.json");
    let p = protocol.to_str();
    assert_fails(&simulate(&[p, "--format", "xml"]), 2);
    assert_fails(&simulate(&[p, "--format"]), 2);
    assert_fails(&simulate(&[p, "--out"]), 2);
    assert_fails(&simulate(&[]), 2);
    assert_fails(&simulate(&[p, p]), 2);
}

#[test]
fn output_failures_exit_1() {
    let protocol = quick_baseline("outfail.json");
    let stderr = assert_fails(
        &simulate(&[protocol.to_str(), "--out", "/nonexistent/hpg/out.csv"]),
        1,
    );
    assert!(stderr.contains("/nonexistent/hpg/out.csv"), "{stderr}");
    if Path::new("/dev/full").exists() {
        let stderr = assert_fails(&simulate(&[protocol.to_str(), "--out", "/dev/full"]), 1);
        assert!(
            stderr.contains("output error") && stderr.contains("/dev/full"),
            "{stderr}"
        );
    }
}

/// Absurd numbers are refused as input, and printed readably: a dose of 1e308 mg before any
/// row is written, a parameter of 1e-300 without 300 digits.
#[test]
fn absurd_numbers_are_refused_readably() {
    let dose = temp_file(
        "absurd_dose.json",
        r#"{"patient": "healthy", "duration": "2d", "regimen": [{"drug": "testosterone_cypionate", "dose": "1e308 mg"}]}"#,
    );
    let out = simulate(&[dose.to_str()]);
    assert!(out.stdout.is_empty());
    let stderr = assert_fails(&out, 2);
    assert!(stderr.contains("at most"), "{stderr}");
    let param = temp_file(
        "absurd_param.json",
        r#"{"patient": {"preset": "healthy", "params": {"shbg_nmol_l": 1e-300}}, "duration": "2d", "regimen": []}"#,
    );
    let stderr = assert_fails(&simulate(&[param.to_str()]), 2);
    assert!(stderr.contains("1e-300") && stderr.len() < 300, "{stderr}");
}

/// A figure that cannot be written is refused before anything goes to stdout.
#[test]
fn a_figure_in_a_missing_directory_fails_before_any_output() {
    let protocol = quick_baseline("plotdir.json");
    let out = simulate(&[protocol.to_str(), "--plot", "/nonexistent/hpg/fig.png"]);
    assert!(out.stdout.is_empty(), "CSV written before the failure");
    let stderr = assert_fails(&out, 2);
    assert!(stderr.contains("/nonexistent/hpg/fig.png"), "{stderr}");
}

#[test]
fn help_exits_0() {
    let out = simulate(&["--help"]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("--format") && text.contains("--out"),
        "{text}"
    );
}

const POPULATION: &str = r#"{"patient": "healthy", "duration": "4d", "sample_every": "2d",
    "mode": "mean_field", "population": {"n": 12, "seed": 3},
    "regimen": [{"drug": "testosterone_enanthate", "dose": "200 mg"}]}"#;

#[test]
fn population_prints_the_summary_csv() {
    let protocol = temp_file("population.json", POPULATION);
    let out = simulate(&[protocol.to_str()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.stderr.is_empty(),
        "no progress bar when stderr is not a terminal"
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines[0], hpg::population::SUMMARY_CSV_HEADER);
    // 3 sample times × (9 quantities + 4 default thresholds).
    assert_eq!(lines.len(), 1 + 3 * 13, "{stdout}");
    let t_at_day_4: Vec<&str> = lines
        .iter()
        .filter(|l| l.starts_with("4,testosterone_ng_dl,"))
        .flat_map(|l| l.split(','))
        .collect();
    let quantile = |i: usize| -> f64 { t_at_day_4[i].parse().unwrap() };
    let (p5, p50, p95) = (quantile(2), quantile(4), quantile(6));
    // Ordered quantiles, and the typical man well above his untreated T (530 ng/dL) four
    // days after 200 mg of enanthate.
    assert!(p5 < p50 && p50 < p95 && p50 > 600.0, "{t_at_day_4:?}");
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("4,sperm_million_per_ml<1,,,,,,"))
    );
}

#[test]
fn population_per_patient_prints_every_man() {
    let protocol = temp_file("population-pp.json", POPULATION);
    let out = simulate(&[protocol.to_str(), "--per-patient"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines[0], format!("patient,{}", hpg::CSV_HEADER));
    assert_eq!(lines.len(), 1 + 12 * 3);
    assert!(lines[1].starts_with("0,0,") && lines[36].starts_with("11,4,"));
    // Rerunning gives the same men.
    let again = simulate(&[protocol.to_str(), "--per-patient"]);
    assert_eq!(again.stdout, stdout.as_bytes());
}

#[test]
fn population_options_that_do_not_fit_are_refused() {
    let protocol = temp_file("population-bad.json", POPULATION);
    let err = assert_fails(&simulate(&[protocol.to_str(), "--format", "json"]), 2);
    assert!(err.contains("CSV"), "{err}");
    let single = quick_baseline("single-pp.json");
    let err = assert_fails(&simulate(&[single.to_str(), "--per-patient"]), 2);
    assert!(err.contains("population"), "{err}");
    let zero = temp_file(
        "population-zero.json",
        &POPULATION.replace(r#""n": 12"#, r#""n": 0"#),
    );
    let err = assert_fails(&simulate(&[zero.to_str()]), 2);
    assert!(err.contains("population.n"), "{err}");
}

/// A population run that fails inside the run (here: too many sample times for a summary)
/// exits with one line, does not hang on its progress thread, and leaves an existing --out
/// file as it was.
#[test]
fn failing_population_run_ends_and_keeps_the_old_output() {
    let protocol = temp_file(
        "population-fail.json",
        &POPULATION
            .replace(r#""duration": "4d""#, r#""duration": "365d""#)
            .replace(r#""sample_every": "2d""#, r#""sample_every": "1min""#),
    );
    let target = temp_file("population-fail.csv", "old contents\n");
    let out = simulate(&[protocol.to_str(), "--out", target.to_str()]);
    let err = assert_fails(&out, 2);
    assert!(err.contains("sample less often"), "{err}");
    assert_eq!(
        std::fs::read_to_string(&target.0).unwrap(),
        "old contents\n"
    );
}

/// Shards run apart and merged give the unsharded summary byte for byte (N = 1, 3, 7), and
/// an incomplete or doubled set of shards is refused.
#[test]
fn sharded_runs_merge_into_the_unsharded_summary() {
    let protocol = temp_file("shards.json", POPULATION);
    let whole = simulate(&[protocol.to_str()]);
    assert!(whole.status.success());
    for n in [1u32, 3, 7] {
        let states: Vec<TempFile> = (0..n)
            .map(|k| {
                let state = TempFile::path(&format!("state-{k}-of-{n}.json"));
                let out = simulate(&[
                    protocol.to_str(),
                    "--shard",
                    &format!("{k}/{n}"),
                    "--summary-state",
                    state.to_str(),
                ]);
                assert!(
                    out.status.success(),
                    "{}",
                    String::from_utf8_lossy(&out.stderr)
                );
                state
            })
            .collect();
        // Merged in reverse order: the order cannot matter.
        let mut args = vec!["--merge"];
        args.extend(states.iter().rev().map(|s| s.to_str()));
        let merged = simulate(&args);
        assert!(
            merged.status.success(),
            "{}",
            String::from_utf8_lossy(&merged.stderr)
        );
        assert!(
            merged.stdout == whole.stdout,
            "N = {n}: merged summary differs"
        );
        if n == 3 {
            let stderr = assert_fails(&simulate(&["--merge", states[0].to_str()]), 2);
            assert!(stderr.contains("missing"), "{stderr}");
            let stderr = assert_fails(
                &simulate(&["--merge", states[0].to_str(), states[0].to_str()]),
                2,
            );
            assert!(stderr.contains("twice"), "{stderr}");
            // A damaged state is bad input, not a crash.
            let text = std::fs::read_to_string(states[0].to_str()).unwrap();
            let damaged = temp_file(
                "damaged.json",
                &text.replace("\"held\":[0]", "\"held\":[0,0]"),
            );
            let stderr = assert_fails(&simulate(&["--merge", damaged.to_str()]), 2);
            assert!(stderr.contains("do not fit"), "{stderr}");
            // A shard of another population (another seed) does not merge.
            let other = temp_file(
                "other-seed.json",
                &POPULATION.replace("\"seed\": 3", "\"seed\": 4"),
            );
            let foreign = TempFile::path("foreign-state.json");
            let out = simulate(&[
                other.to_str(),
                "--shard",
                "1/3",
                "--summary-state",
                foreign.to_str(),
            ]);
            assert!(out.status.success());
            let stderr = assert_fails(
                &simulate(&[
                    "--merge",
                    states[0].to_str(),
                    foreign.to_str(),
                    states[2].to_str(),
                ]),
                2,
            );
            assert!(stderr.contains("different"), "{stderr}");
        }
    }
}

/// A NONMEM-style dosing file for three men (the README's example): one block of rows per
/// `ID`, an `id` column first, the steady-state man on TRT from the first row.
#[test]
fn an_event_table_runs_each_man() {
    let out = simulate(&["examples/protocols/three_men.json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    let mut lines = text.lines();
    assert_eq!(lines.next().unwrap(), format!("id,{}", hpg::CSV_HEADER));
    let rows: Vec<Vec<&str>> = lines.map(|l| l.split(',').collect()).collect();
    for id in ["1", "2", "3"] {
        assert_eq!(
            rows.iter().filter(|r| r[0] == id).count(),
            27,
            "26 weekly samples and 0"
        );
    }
    let lh = |id: &str, day: &str| -> f64 {
        rows.iter().find(|r| r[0] == id && r[1] == day).unwrap()[4]
            .parse()
            .unwrap()
    };
    // Man 1 has been on TRT for years: suppressed on day 0. Man 3's clomiphene raises LH.
    assert!(lh("1", "0") < 0.5);
    assert!(lh("3", "182") > lh("3", "0"));
    // The same table given on the command line, in days, to a protocol without one.
    let days = temp_file(
        "events-days.csv",
        "ID,TIME,AMT,CMT,II,ADDL\nA,1,1500,hcg,3,2\n",
    );
    let protocol = quick_baseline("events-days.json");
    let out = simulate(&[
        protocol.to_str(),
        "--events",
        days.to_str(),
        "--time-unit",
        "d",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.starts_with(hpg::CSV_HEADER),
        "one man keeps the plain header"
    );
}

#[test]
fn bad_event_tables_exit_2_naming_line_and_column() {
    let protocol = quick_baseline("bad-events.json");
    for (name, table, expected) in [
        (
            "neg.csv",
            "TIME,AMT,CMT\n0,-5,hcg\n",
            "events line 2, column AMT",
        ),
        (
            "col.csv",
            "TIME,AMT,CMT,FOO\n0,5,hcg,1\n",
            "unknown column `FOO`",
        ),
        ("evid.csv", "TIME,AMT,CMT,EVID\n0,5,hcg,3\n", "column EVID"),
        ("ss.csv", "TIME,AMT,CMT,SS\n0,5,hcg,1\n", "column SS"),
        (
            "cmt.csv",
            "TIME,AMT,CMT\n0,5,aspirin\n",
            "column CMT: unknown drug",
        ),
        (
            "back.csv",
            "ID,TIME,AMT,CMT\n1,10,5,hcg\n1,5,5,hcg\n",
            "goes backwards within ID 1",
        ),
        (
            "late.csv",
            "TIME,AMT,CMT\n500,5,hcg\n",
            "after the end of the run",
        ),
    ] {
        let file = temp_file(name, table);
        let message = assert_fails(
            &simulate(&[protocol.to_str(), "--events", file.to_str()]),
            2,
        );
        assert!(message.contains(expected), "{name}: {message}");
    }
}

//! The library's figures (`hpg::plot`, cargo feature `plot`): a trajectory and a population
//! summary drawn to SVG and PNG from a Rust program, with the same content in both formats.
#![cfg(feature = "plot")]

use hpg::plot::{PlotOptions, population, trajectory, trajectory_figure};
use hpg::population::{Population, default_thresholds};
use hpg::prelude::*;
use hpg::protocol::Protocol;

fn temp(name: &str) -> std::path::PathBuf {
    std::env::temp_dir().join(format!("hpg-plot-{}-{name}", std::process::id()))
}

fn trt_run() -> (Trajectory, PlotOptions) {
    let mut sim = Simulation::new(
        Patient::new(Preset::Healthy),
        SimOptions::mode(Mode::MeanField),
    )
    .unwrap();
    let trt: Regimen = Regimen::repeated(
        Drug::TestosteroneCypionate,
        Dose::mg(100.0).unwrap(),
        Duration::weeks(1.0),
    )
    .into();
    let hcg: Regimen =
        Regimen::repeated(Drug::Hcg, Dose::iu(500.0).unwrap(), Duration::days(2.0)).into();
    sim.add_regimen(trt).unwrap();
    sim.add_regimen(hcg).unwrap();
    let traj = sim.run(Duration::weeks(16.0), Duration::days(1.0)).unwrap();
    let options = PlotOptions {
        patient: Some(Preset::Healthy),
        regimens: vec![trt, hcg],
        ..PlotOptions::default()
    };
    (traj, options)
}

#[test]
fn a_trajectory_is_drawn_with_its_regimen_and_one_dose_row_per_drug() {
    let (traj, options) = trt_run();
    let figure = trajectory_figure(&traj, &options);
    assert_eq!(figure.title, "healthy man, 16 wk");
    assert_eq!(
        figure.subtitle,
        "testosterone cypionate 100 mg/7 d IM; hCG 500 IU/2 d SC"
    );
    assert_eq!(figure.doses.len(), 2);
    assert_eq!(figure.doses[0].times.len(), 16);
    assert_eq!(figure.doses[1].times.len(), 56);
    for ext in ["svg", "png"] {
        let path = temp(&format!("traj.{ext}"));
        trajectory(&traj, &path, &options).unwrap();
        let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
        assert!(size > 20_000, "{ext}: {size} bytes");
        let _ = std::fs::remove_file(&path);
    }
    // The SVG carries the text a reader needs.
    let path = temp("traj-text.svg");
    trajectory(&traj, &path, &options).unwrap();
    let svg = std::fs::read_to_string(&path).unwrap();
    let _ = std::fs::remove_file(&path);
    for text in [
        "time (weeks)",
        "azoospermic",
        "hCG 500 IU/2 d SC",
        "healthy range, Travison 2017",
    ] {
        assert!(svg.contains(text), "no `{text}` in the SVG");
    }
}

#[test]
fn a_population_is_drawn_as_fan_charts() {
    let mut protocol = Protocol::new(Patient::new(Preset::Healthy), Duration::days(60.0));
    protocol.mode = Mode::MeanField;
    protocol.sample_every = Duration::days(5.0);
    let summary = Population::new(Patient::new(Preset::Healthy), 40, 7)
        .unwrap()
        .summarize(&protocol, &default_thresholds())
        .unwrap();
    let path = temp("pop.svg");
    population(&summary, &path, &PlotOptions::default()).unwrap();
    let svg = std::fs::read_to_string(&path).unwrap();
    let _ = std::fs::remove_file(&path);
    for text in [
        "5th–95th centile",
        "Men below clinical thresholds",
        "Estradiol",
    ] {
        assert!(svg.contains(text), "no `{text}` in the SVG");
    }
    // A bad path is a one-line error, not a panic.
    let err = population(
        &summary,
        "/nonexistent/hpg/pop.png",
        &PlotOptions::default(),
    )
    .unwrap_err();
    assert!(
        !err.contains('\n') && err.contains("/nonexistent/hpg/pop.png"),
        "{err}"
    );
}

//! Population benchmark: 1,000 healthy men for one year in `mean_field`, daily
//! samples, summarised (both cores via rayon). Not run in CI (about a minute);
//! `cargo bench --bench population`. The 10,000-man figure in BENCHMARKS.md is 10× this run
//! (the work is per man) and was also timed whole-process with `examples/simulate`.

use criterion::{Criterion, criterion_group, criterion_main};
use hpg::population::{Population, default_thresholds};
use hpg::protocol::Protocol;
use hpg::{Duration, Mode, Patient, Preset};
use std::hint::black_box;

fn population(c: &mut Criterion) {
    let mut protocol = Protocol::new(Patient::new(Preset::Healthy), Duration::days(365.0));
    protocol.mode = Mode::MeanField;
    let men = Population::new(Patient::new(Preset::Healthy), 1000, 1).unwrap();
    let thresholds = default_thresholds();
    let mut group = c.benchmark_group("population");
    group
        .sample_size(10)
        .measurement_time(std::time::Duration::from_secs(40));
    group.bench_function("1000_men_year_mean_field", |b| {
        b.iter(|| black_box(men.summarize(&protocol, &thresholds).unwrap()))
    });
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().without_plots();
    targets = population
}
criterion_main!(benches);

//! Solver benchmarks: one simulated year, healthy and on TRT + hCG, pulsatile and
//! mean-field; a month of continuous gonadorelin in GnRH deficiency. Each iteration runs a
//! settled simulation cloned from a template, so patient settling is not timed.
//!
//! `cargo bench --bench solver` (about 20 s). Steps, RHS evaluations and errors against a
//! reference run are printed by
//! `cargo run --release --features dop853-comparison --example work_precision`.

use criterion::{Criterion, criterion_group, criterion_main};
use hpg::{Method, Tolerance};
use std::hint::black_box;
use std::time::Duration;

#[path = "scenarios.rs"]
mod scenarios;

fn solver(c: &mut Criterion) {
    let mut group = c.benchmark_group("solver");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3));
    for s in scenarios::all() {
        let template = scenarios::prepare(&s, Method::Auto, Tolerance::for_mode(s.mode).rtol);
        group.bench_function(s.name, |b| {
            b.iter(|| {
                let mut sim = template.clone();
                black_box(scenarios::run(&mut sim, s.days))
            })
        });
    }
    // The default before ROS34PW2 took the mean-field drug segments (Dopri5 at rtol 1e-5), run
    // beside it so the comparison shares the machine's hour.
    if let Some(s) = scenarios::all()
        .into_iter()
        .find(|s| s.name == "year_trt_hcg_mean_field")
    {
        let template = scenarios::prepare(&s, Method::Dopri5, 1e-5);
        group.bench_function("year_trt_hcg_mean_field_dopri5", |b| {
            b.iter(|| {
                let mut sim = template.clone();
                black_box(scenarios::run(&mut sim, s.days))
            })
        });
    }
    group.finish();
}

criterion_group! {
    name = benches;
    // No HTML plots: the examples' plotters features (embedded font, no system fonts) leave
    // criterion's plot backend without a font.
    config = Criterion::default().without_plots();
    targets = solver
}
criterion_main!(benches);

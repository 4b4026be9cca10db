//! No heap allocation per step or per pulse (issue 5): once a simulation is built and its
//! regimens scheduled, advancing it — thousands of GnRH pulses, doses, integrator steps — and
//! observing it allocates nothing. Counted with a global allocator wrapper.

use hpg::prelude::*;
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicU64, Ordering};

struct Counting;

static ALLOCATIONS: AtomicU64 = AtomicU64::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Allocations made by `f` on this thread's watch (the test runs alone in its binary).
fn allocations_during(f: impl FnOnce()) -> u64 {
    let before = ALLOCATIONS.load(Ordering::SeqCst);
    f();
    ALLOCATIONS.load(Ordering::SeqCst) - before
}

#[test]
fn advancing_and_observing_allocate_nothing() {
    for mode in [Mode::Pulsatile, Mode::MeanField] {
        let options = SimOptions {
            mode,
            seed: Some(3),
            ..SimOptions::default()
        };
        let mut sim = Simulation::new(Patient::new(Preset::Healthy), options).unwrap();
        for r in [
            Regimen::repeated(
                Drug::TestosteroneCypionate,
                Dose::mg(100.0),
                Duration::weeks(1.0),
            ),
            Regimen::repeated(Drug::Hcg, Dose::iu(500.0), Duration::days(2.0)),
            Regimen::repeated(Drug::Gonadorelin, Dose::ug(5.0), Duration::minutes(90.0))
                .route(Route::Sc),
            Regimen::infusion(Drug::Gonadorelin, InfusionRate::ug_per_hour(1.0))
                .route(Route::Iv)
                .starting(Duration::days(10.0))
                .until(Duration::days(12.0)),
        ] {
            sim.add_regimen(r).unwrap();
        }
        let mut sum = 0.0;
        let n = allocations_during(|| {
            for _ in 0..30 {
                let o = sim.advance_by(Duration::days(1.0)).unwrap();
                sum += o.testosterone_ng_dl;
            }
            sim.run_streaming(Duration::days(2.0), Duration::minutes(10.0), |o| {
                sum += o.lh_iu_l;
                Ok(())
            })
            .unwrap();
        });
        let stats = sim.stats();
        assert!(sum.is_finite());
        assert!(stats.steps > 1000 && stats.dose_events > 400, "{stats:?}");
        if mode == Mode::Pulsatile {
            assert!(stats.pulses > 50, "{stats:?}"); // TRT slows the generator
        }
        assert_eq!(n, 0, "{mode:?}: {n} allocations over {} steps", stats.steps);
    }
}

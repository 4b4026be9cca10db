//! No heap allocation per step or per pulse: once a simulation is built and its
//! regimens scheduled, advancing it — thousands of GnRH pulses, doses, integrator steps — and
//! observing it allocates nothing. Counted with a global allocator wrapper.

use hpg::Method;
use hpg::prelude::*;
use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};

struct Counting;

static ALLOCATIONS: AtomicU64 = AtomicU64::new(0);

thread_local! {
    /// Whether this thread is being watched (tests run on parallel threads).
    static WATCHED: Cell<bool> = const { Cell::new(false) };
}

fn count() {
    if WATCHED.with(Cell::get) {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
    }
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        count();
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        count();
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Allocations made by `f` on this thread. Only one test watches at a time (the lock), so the
/// shared counter sees this thread's allocations alone.
fn allocations_during(f: impl FnOnce()) -> u64 {
    static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());
    let _turn = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let before = ALLOCATIONS.load(Ordering::SeqCst);
    WATCHED.with(|w| w.set(true));
    f();
    WATCHED.with(|w| w.set(false));
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
        let regimens: [Regimen; 4] = [
            Regimen::repeated(
                Drug::TestosteroneCypionate,
                Dose::mg(100.0).unwrap(),
                Duration::weeks(1.0),
            )
            .into(),
            Regimen::repeated(Drug::Hcg, Dose::iu(500.0).unwrap(), Duration::days(2.0)).into(),
            Regimen::repeated(
                Drug::Gonadorelin,
                Dose::ug(5.0).unwrap(),
                Duration::minutes(90.0),
            )
            .route(Route::Sc)
            .into(),
            Regimen::infusion(Drug::Gonadorelin, InfusionRate::ug_per_hour(1.0).unwrap())
                .route(Route::Iv)
                .starting(Duration::days(10.0))
                .until(Duration::days(12.0))
                .into(),
        ];
        for r in regimens {
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
            // TRT slows, then stops, the generator (at 0.63 /h before it, about 15 pulses a day).
            assert!(stats.pulses > 10, "{stats:?}");
        }
        assert_eq!(n, 0, "{mode:?}: {n} allocations over {} steps", stats.steps);
    }
}

/// The linearly implicit methods (the `mean_field` default: the order-2 W-method while no drug
/// is in the body, ROS34PW2 while doses force the system; either on request): their Jacobian,
/// inverse and LU factors live in fixed-size matrices.
#[test]
fn the_linearly_implicit_method_allocates_nothing() {
    for (method, with_drugs) in [
        (Method::Auto, false),
        (Method::Auto, true),
        (Method::Rosenbrock, true),
        (Method::Ros34pw2, true),
    ] {
        let options = SimOptions {
            method,
            ..SimOptions::mode(Mode::MeanField)
        };
        let mut sim = Simulation::new(Patient::new(Preset::Healthy), options).unwrap();
        if with_drugs {
            sim.add_regimen(Regimen::repeated(
                Drug::TestosteroneCypionate,
                Dose::mg(100.0).unwrap(),
                Duration::weeks(1.0),
            ))
            .unwrap();
        }
        let mut sum = 0.0;
        let n = allocations_during(|| {
            for _ in 0..60 {
                sum += sim.advance_by(Duration::days(1.0)).unwrap().lh_iu_l;
            }
        });
        let stats = sim.stats();
        assert!(sum.is_finite());
        if with_drugs {
            assert!(stats.jacobians >= 1, "{method:?}: {stats:?}");
        } else {
            // One step a day (Dopri5 would take ~14 a day): the W-method did the work, with the
            // Jacobian it formed while settling.
            assert!(stats.steps <= 120, "{method:?}: {stats:?}");
        }
        assert_eq!(
            n, 0,
            "{method:?}: {n} allocations over {} steps",
            stats.steps
        );
    }
}

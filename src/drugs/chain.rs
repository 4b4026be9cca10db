//! Exact solution of a two-compartment first-order chain, the shape of every drug's PK here:
//! `depot --k1--> central --k2--> out`, with optional constant inputs into either compartment,
//! and, for a depot that releases at a constant rate until it is nearly empty (a zero-order
//! depot, the leuprolide microspheres), a pool that feeds the central compartment at that rate
//! and, if it has a tail, releases its last part first-order: the release is
//! `min(R, pool / τ_tail)`, continuous where the phases meet.
//!
//! Between breakpoints (doses, infusion edges, a zero-order depot without a tail running dry)
//! the inputs are constant, so the chain has a closed-form solution: the integrator never sees
//! drug states, and PK is exact to rounding.

use serde::{Deserialize, Serialize};

/// A zero-order depot this close to running dry \[h\] counts as dry (longer than the event
/// loop's rounding step, so a sliver left by rounding never makes a breakpoint of its own).
const DRY_WITHIN_H: f64 = 1e-6;

/// `(e^{-a t} - e^{-b t}) / (b - a)`, accurate also when `a ≈ b` (then `t e^{-a t}`).
#[inline]
pub(crate) fn exp_diff(a: f64, b: f64, t: f64) -> f64 {
    let d = b - a;
    let x = d * t;
    if x.abs() < 1e-4 {
        // Series of (1 - e^{-x})/x = 1 - x/2 + x²/6 - x³/24.
        t * (-a * t).exp() * (1.0 - x / 2.0 + x * x / 6.0 - x * x * x / 24.0)
    } else {
        ((-a * t).exp() - (-b * t).exp()) / d
    }
}

/// `(1 - e^{-k t}) / k`, accurate for small `k t` (then `t`).
#[inline]
fn one_minus_exp_over(k: f64, t: f64) -> f64 {
    let x = k * t;
    if x.abs() < 1e-6 {
        t * (1.0 - x / 2.0)
    } else {
        -(-x).exp_m1() / k
    }
}

/// Amounts in a depot → central chain at the start of a segment, with the segment's constant
/// inputs. Rate constants are per hour, amounts in the drug's own unit (ug, IU, mg …).
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct Chain {
    /// Amount in the depot (absorption site) at the segment start.
    pub depot: f64,
    /// Amount in the central compartment at the segment start.
    pub central: f64,
    /// Constant input into the depot during the segment (amount/h).
    pub depot_input: f64,
    /// Constant input into the central compartment during the segment (amount/h).
    pub central_input: f64,
    /// Amount left in a zero-order depot at the segment start; it enters the central
    /// compartment at `pool_rate`, then (with a tail) at `pool_tail_per_h · pool`.
    #[serde(default)]
    pub pool: f64,
    /// Release rate of the zero-order depot (amount/h; 0 when there is none).
    #[serde(default)]
    pub pool_rate: f64,
    /// Rate constant of the depot's tail \[1/h\]: once the pool holds less than
    /// `pool_rate / pool_tail_per_h` it releases `pool_tail_per_h · pool` (first order). 0: no
    /// tail, the depot releases at `pool_rate` until it is empty.
    #[serde(default)]
    pub pool_tail_per_h: f64,
}

impl Chain {
    /// True when the chain holds nothing and receives nothing (its contribution is zero).
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.depot == 0.0
            && self.central == 0.0
            && self.depot_input == 0.0
            && self.central_input == 0.0
            && self.pool == 0.0
    }

    /// Hours from the segment start until the zero-order phase ends: the pool then runs dry
    /// (no tail) or enters its first-order tail (0 when it is already there).
    #[inline]
    fn zero_order_hours(&self) -> f64 {
        if self.pool_tail_per_h > 0.0 {
            (self.pool - self.pool_rate / self.pool_tail_per_h).max(0.0) / self.pool_rate
        } else {
            self.pool / self.pool_rate
        }
    }

    /// Central amount the zero-order depot has delivered `t` hours into the segment, net of
    /// elimination: the constant input's response `R·(e^{−ke·max(t − s, 0)} − e^{−ke·t})/ke`
    /// until the zero-order phase ends at `s`, then (with a tail) the response to a first-order
    /// depot holding what was left at `s`, `k·P_s·(e^{−k(t−s)} − e^{−ke(t−s)})/(ke − k)`.
    #[inline]
    fn released_from_pool(&self, ke: f64, t: f64) -> f64 {
        if self.pool <= 0.0 || self.pool_rate <= 0.0 {
            return 0.0;
        }
        let switch = self.zero_order_hours();
        let running = t.min(switch);
        let mut central =
            self.pool_rate * one_minus_exp_over(ke, running) * (-ke * (t - running)).exp();
        let k = self.pool_tail_per_h;
        if k > 0.0 && t > switch {
            let left = self.pool.min(self.pool_rate / k);
            central += k * left * exp_diff(k, ke, t - switch);
        }
        central
    }

    /// Depot and central amounts `t` hours after the segment start, for absorption rate `ka`
    /// and elimination rate `ke` (both 1/h, positive).
    #[inline]
    pub fn at(&self, ka: f64, ke: f64, t: f64) -> (f64, f64) {
        let eka = (-ka * t).exp();
        let depot = self.depot * eka + self.depot_input * one_minus_exp_over(ka, t);
        let mut central = self.central * (-ke * t).exp() + ka * self.depot * exp_diff(ka, ke, t);
        if self.central_input != 0.0 {
            central += self.central_input * one_minus_exp_over(ke, t);
        }
        if self.depot_input != 0.0 {
            // Response of the central compartment to a constant input into the depot.
            central += self.depot_input * (one_minus_exp_over(ke, t) - exp_diff(ka, ke, t));
        }
        central += self.released_from_pool(ke, t);
        (depot, central)
    }

    /// Amount left in the zero-order depot `t` hours after the segment start. What would run
    /// dry within 1e-6 h (`DRY_WITHIN_H`) of release at the zero-order rate counts as gone, so
    /// rounding (or a tail's last traces) leaves no sliver.
    #[inline]
    pub fn pool_at(&self, t: f64) -> f64 {
        if self.pool <= 0.0 || self.pool_rate <= 0.0 {
            return 0.0;
        }
        let switch = self.zero_order_hours();
        let left = if t <= switch {
            self.pool - self.pool_rate * t
        } else if self.pool_tail_per_h > 0.0 {
            let k = self.pool_tail_per_h;
            self.pool.min(self.pool_rate / k) * (-k * (t - switch)).exp()
        } else {
            0.0
        };
        if left <= self.pool_rate * DRY_WITHIN_H {
            0.0
        } else {
            left
        }
    }

    /// Hours from the segment start until a zero-order depot without a tail runs dry (its
    /// release stops there, a breakpoint): infinite when it holds nothing, or less than 1e-6 h
    /// of release, and for a depot with a tail, whose release never jumps.
    #[inline]
    pub fn hours_until_dry(&self) -> f64 {
        if self.pool > self.pool_rate * DRY_WITHIN_H
            && self.pool_rate > 0.0
            && self.pool_tail_per_h == 0.0
        {
            self.pool / self.pool_rate
        } else {
            f64::INFINITY
        }
    }

    /// Central amount only, `t` hours after the segment start: the same value as
    /// [`Chain::at`]`.1`, computing one exponential per rate and skipping empty terms (this
    /// runs in every right-hand-side evaluation).
    #[inline]
    pub fn central_at(&self, ka: f64, ke: f64, t: f64) -> f64 {
        let eke = (-ke * t).exp();
        let mut central = self.central * eke;
        let has_depot = self.depot != 0.0 || self.depot_input != 0.0;
        let diff = if has_depot {
            let d = ka - ke;
            if (d * t).abs() < 1e-4 {
                exp_diff(ka, ke, t)
            } else {
                (eke - (-ka * t).exp()) / d
            }
        } else {
            0.0
        };
        if self.depot != 0.0 {
            central += ka * self.depot * diff;
        }
        if self.central_input != 0.0 || self.depot_input != 0.0 {
            let kt = ke * t;
            let filled = if kt > 0.1 {
                (1.0 - eke) / ke
            } else {
                one_minus_exp_over(ke, t)
            };
            central += self.central_input * filled;
            if self.depot_input != 0.0 {
                central += self.depot_input * (filled - diff);
            }
        }
        if self.pool != 0.0 {
            central += self.released_from_pool(ke, t);
        }
        central
    }

    /// Moves the segment start forward by `t` hours (keeping the inputs).
    pub fn advance(&mut self, ka: f64, ke: f64, t: f64) {
        let (d, c) = self.at(ka, ke, t);
        // Flush denormal tails so a long-finished course stops costing work.
        self.depot = if d.abs() < 1e-300 { 0.0 } else { d };
        self.central = if c.abs() < 1e-300 { 0.0 } else { c };
        self.pool = self.pool_at(t);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reference: the same chain integrated with tiny explicit steps.
    fn euler(chain: Chain, ka: f64, ke: f64, t: f64) -> (f64, f64) {
        let n = 2_000_000;
        let h = t / n as f64;
        let (mut d, mut c) = (chain.depot, chain.central);
        for _ in 0..n {
            // Midpoint rule (second order).
            let dd1 = chain.depot_input - ka * d;
            let dc1 = chain.central_input + ka * d - ke * c;
            let (dm, cm) = (d + 0.5 * h * dd1, c + 0.5 * h * dc1);
            d += h * (chain.depot_input - ka * dm);
            c += h * (chain.central_input + ka * dm - ke * cm);
        }
        (d, c)
    }

    #[test]
    fn closed_form_matches_numerical_integration() {
        let chain = Chain {
            depot: 100.0,
            central: 5.0,
            depot_input: 3.0,
            central_input: 1.5,
            ..Chain::default()
        };
        for (ka, ke) in [(1.0, 0.1), (0.1, 1.0), (0.3, 0.3), (0.3, 0.30000001)] {
            let (d, c) = chain.at(ka, ke, 7.0);
            for t in [1e-6, 0.01, 0.3, 7.0, 200.0] {
                let exact = chain.at(ka, ke, t).1;
                let fast = chain.central_at(ka, ke, t);
                assert!(
                    (fast - exact).abs() <= 1e-13 * exact.abs(),
                    "{fast} vs {exact} at {t}"
                );
            }
            let (de, ce) = euler(chain, ka, ke, 7.0);
            assert!((d - de).abs() / de < 1e-9, "depot {d} vs {de}");
            assert!(
                (c - ce).abs() / ce < 1e-9,
                "central {c} vs {ce} ka {ka} ke {ke}"
            );
        }
    }

    /// Reference for a pool feeding the central compartment: 2e6 small steps over `t` hours,
    /// each releasing `released(pool, h)` from the pool, which enters the step's exact
    /// one-step response. Returns the pool and the central amount at `t`.
    fn stepped_pool(
        chain: Chain,
        ke: f64,
        t: f64,
        released: impl Fn(f64, f64) -> f64,
    ) -> (f64, f64) {
        let n = 2_000_000;
        let h = t / n as f64;
        let (mut pool, mut c) = (chain.pool, chain.central);
        for _ in 0..n {
            let r = released(pool, h);
            pool -= r;
            c = c * (-ke * h).exp() + r / h * one_minus_exp_over(ke, h);
        }
        (pool, c)
    }

    /// A zero-order depot: the central amount follows the constant input until the pool is
    /// empty, then decays; checked against small explicit steps, across the moment it runs dry.
    #[test]
    fn zero_order_pool_matches_numerical_integration() {
        let chain = Chain {
            central: 2.0,
            pool: 10.0,
            pool_rate: 0.5,
            ..Chain::default()
        };
        let ke = 0.3;
        for t in [5.0, 20.0, 35.0] {
            // Exact within a step except the one in which the pool runs dry.
            let (pool, c) = stepped_pool(chain, ke, t, |pool, h| pool.min(chain.pool_rate * h));
            let exact = chain.central_at(0.0, ke, t);
            assert!((exact - c).abs() < 1e-6 * c, "{exact} vs {c} at {t}");
            assert!((chain.at(0.0, ke, t).1 - exact).abs() < 1e-12 * exact);
            assert!((chain.pool_at(t) - pool).abs() < 1e-9);
        }
        // Advancing in pieces across the dry moment equals one jump.
        let mut a = chain;
        for _ in 0..7 {
            a.advance(0.0, ke, 5.0);
        }
        assert!((a.central - chain.central_at(0.0, ke, 35.0)).abs() < 1e-12);
        assert_eq!(a.pool, 0.0);
    }

    /// A zero-order depot with a tail releases `min(R, pool/τ)`: checked against small
    /// explicit steps across the switch to the tail, and advancing in pieces equals one jump.
    #[test]
    fn pool_with_a_tail_matches_numerical_integration() {
        let chain = Chain {
            central: 2.0,
            pool: 10.0,
            pool_rate: 0.5,
            pool_tail_per_h: 0.25,
            ..Chain::default()
        };
        let ke = 0.3;
        // The zero-order phase ends at (10 − 0.5/0.25)/0.5 = 16 h.
        for t in [5.0, 16.0, 20.0, 60.0] {
            // Midpoint rule on the pool.
            let rate = |p: f64| (chain.pool_tail_per_h * p).min(chain.pool_rate);
            let (pool, c) = stepped_pool(chain, ke, t, |pool, h| {
                h * rate(pool - 0.5 * h * rate(pool))
            });
            let exact = chain.central_at(0.0, ke, t);
            assert!((exact - c).abs() < 1e-6 * c, "{exact} vs {c} at {t}");
            assert!((chain.at(0.0, ke, t).1 - exact).abs() < 1e-12 * exact);
            assert!(
                (chain.pool_at(t) - pool).abs() < 1e-6 * pool,
                "{} vs {pool}",
                chain.pool_at(t)
            );
        }
        let mut a = chain;
        for _ in 0..12 {
            a.advance(0.0, ke, 5.0);
        }
        let whole = chain.central_at(0.0, ke, 60.0);
        assert!((a.central - whole).abs() < 1e-12 * whole);
        assert!((a.pool - chain.pool_at(60.0)).abs() < 1e-12 * a.pool);
        // The release never jumps, so the depot asks for no breakpoint.
        assert_eq!(chain.hours_until_dry(), f64::INFINITY);
    }

    #[test]
    fn advancing_in_pieces_equals_one_jump() {
        let mut a = Chain {
            depot: 10.0,
            ..Chain::default()
        };
        let b = a.at(0.5, 0.05, 10.0);
        for _ in 0..10 {
            a.advance(0.5, 0.05, 1.0);
        }
        assert!((a.central - b.1).abs() < 1e-12 * b.1);
    }
}

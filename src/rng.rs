//! The one pseudo-random generator of the crate: SplitMix64 (Steele, Lea & Flood 2014), small,
//! seedable and identical on every platform. Populations draw each man's parameters from a
//! stream seeded by (population seed, index); a simulation draws its pulse-interval jitter
//! from a stream seeded by its own seed.

use serde::{Deserialize, Serialize};

/// The SplitMix64 finaliser: a bijective 64-bit mix.
pub(crate) fn mix64(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// A SplitMix64 stream; its state is one `u64` (serialized as a plain number).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub(crate) struct SplitMix64(u64);

impl SplitMix64 {
    /// The stream of a simulation seeded with `seed`.
    pub fn from_seed(seed: u64) -> Self {
        SplitMix64(seed ^ 0x9E37_79B9_7F4A_7C15)
    }

    /// Independent streams per man: the state starts at a hash of (seed, index), so man i+1's
    /// draws are not man i's shifted by one (as adding the index to the state would make them).
    pub fn for_member(seed: u64, index: u64) -> Self {
        SplitMix64(mix64(
            mix64(seed ^ 0x5851_F42D_4C95_7F2D) ^ mix64(index.wrapping_add(1)),
        ))
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        mix64(self.0)
    }

    /// Uniform in (0, 1].
    pub fn uniform(&mut self) -> f64 {
        ((self.next_u64() >> 11) as f64 + 1.0) / (1u64 << 53) as f64
    }

    /// Standard normal by Box–Muller (one of the pair; simple and platform-independent).
    pub fn standard_normal(&mut self) -> f64 {
        let (u1, u2) = (self.uniform(), self.uniform());
        (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normals_have_unit_variance() {
        let mut rng = SplitMix64::for_member(1, 2);
        let z: Vec<f64> = (0..20_000).map(|_| rng.standard_normal()).collect();
        let mean = z.iter().sum::<f64>() / z.len() as f64;
        let var = z.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / z.len() as f64;
        assert!(
            mean.abs() < 0.03 && (var - 1.0).abs() < 0.03,
            "{mean} {var}"
        );
    }

    /// Neighbouring men draw independent numbers (not the same stream shifted by one).
    #[test]
    fn neighbouring_men_are_independent() {
        let draws = |i: u64| {
            let mut r = SplitMix64::for_member(7, i);
            (0..8).map(|_| r.next_u64()).collect::<Vec<_>>()
        };
        let (a, b) = (draws(0), draws(1));
        for x in &a {
            assert!(!b.contains(x));
        }
        // Correlation of the first normal draw across men is near zero.
        let z: Vec<(f64, f64)> = (0..5000)
            .map(|i| {
                let mut r = SplitMix64::for_member(7, i);
                let first = r.standard_normal();
                let mut next = SplitMix64::for_member(7, i + 1);
                (first, next.standard_normal())
            })
            .collect();
        let corr = z.iter().map(|(a, b)| a * b).sum::<f64>() / z.len() as f64;
        assert!(corr.abs() < 0.05, "{corr}");
    }
}

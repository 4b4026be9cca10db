//! The numerics of the model's dose–response curves: a fast `x^e` for the exponents the Hill
//! functions use, and the Hill forms themselves.

/// `x^e` for `x ≥ 0`, with fast paths (within a few ulps of `powf`) for the exponents the
/// model's Hill functions use:
/// small integers (multiplications) and multiples of ¼ (square roots, then multiplications).
/// Anything else is `exp(e·ln x)`. Profiling showed `powf` took ~45 % of a pulsatile run before
/// the fast paths, and ~21 % after them with the fitted non-quarter exponents (2026-12-01).
#[inline]
pub(crate) fn pow(x: f64, e: f64) -> f64 {
    let quarters = e * 4.0;
    // `as` truncates; comparing back avoids a libm `trunc` call on baseline x86-64.
    let n = quarters as i32;
    if (1..=40).contains(&n) && n as f64 == quarters {
        if n % 4 == 0 {
            int_pow(x, n / 4)
        } else if n % 2 == 0 {
            int_pow(x.sqrt(), n / 2)
        } else {
            int_pow(x.sqrt().sqrt(), n)
        }
    } else {
        // exp(e·ln x): two cheap libm calls instead of `powf`'s exact-rounding path (the
        // fitted exponents 1.532–1.826 land here, four calls per right-hand side); relative
        // error ~|e·ln x|·ε, a few ulps at the model's magnitudes. 0, ∞ and NaN come out as
        // `powf`'s for the positive exponents used.
        if x > 0.0 && x.is_finite() {
            (e * x.ln()).exp()
        } else {
            // 0, ∞, negative and NaN bases exactly as `powf` treats them.
            x.powf(e)
        }
    }
}

/// `x^n` for `n ≥ 1` by squaring (inlined, unlike `powi`'s runtime call).
#[inline]
fn int_pow(mut x: f64, mut n: i32) -> f64 {
    let mut acc = 1.0;
    loop {
        if n & 1 == 1 {
            acc *= x;
        }
        n >>= 1;
        if n == 0 {
            return acc;
        }
        x *= x;
    }
}

/// Multiplicative inhibition `1 / (1 + (x/half)^hill)`: 1 without the inhibitor, ½ at `half`.
///
/// ```
/// use hpg::model::hill::inhibition;
/// assert_eq!(inhibition(0.0, 2.0, 3.0), 1.0);
/// assert_eq!(inhibition(2.0, 2.0, 3.0), 0.5);
/// ```
#[inline]
pub fn inhibition(x: f64, half: f64, hill: f64) -> f64 {
    1.0 / (1.0 + pow(x.max(0.0) / half, hill))
}

/// Saturating activation `(x/half)^hill / (1 + (x/half)^hill)`: 0 without the agonist, ½ at
/// `half`, 1 at saturation.
///
/// ```
/// use hpg::model::hill::activation;
/// assert_eq!(activation(0.0, 2.0, 1.5), 0.0);
/// assert_eq!(activation(2.0, 2.0, 1.5), 0.5);
/// ```
#[inline]
pub fn activation(x: f64, half: f64, hill: f64) -> f64 {
    let r = pow(x.max(0.0) / half, hill);
    r / (1.0 + r)
}

#[cfg(test)]
mod tests {
    use super::pow;

    #[test]
    fn fast_powers_match_powf() {
        for e in [
            0.25, 0.5, 1.0, 1.75, 1.9, 2.0, 3.0, 3.5, 4.0, 6.25, 8.0, 0.1, 12.0, 1.532, 1.6, 1.675,
            1.826,
        ] {
            for x in [0.0, 1e-9, 0.3, 1.0, 2.7, 150.0, 1e6] {
                let (fast, slow) = (pow(x, e), f64::powf(x, e));
                assert!(
                    (fast - slow).abs() <= 1e-14 * slow.abs().max(1e-300),
                    "{x}^{e}: {fast} vs {slow}"
                );
            }
        }
        assert!(pow(f64::INFINITY, 1.6).is_infinite() && pow(f64::NAN, 1.6).is_nan());
        assert_eq!(pow(0.0, 0.0), 1.0, "as powf");
        assert!(
            pow(-1.0, 1.6).is_nan(),
            "as powf: a negative base has no real power"
        );
    }
}

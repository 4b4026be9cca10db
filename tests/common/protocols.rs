//! Helpers shared by the protocol tests: refused protocols with their one-line errors, and a
//! protocol of one regimen entry.

use hpg::HpgError;
use hpg::protocol::Protocol;

/// The error of a protocol that must be refused.
pub fn refused(json: &str) -> HpgError {
    match Protocol::from_json(json) {
        Ok(p) => panic!("accepted a bad protocol: {json}\n{p:?}"),
        Err(e) => {
            let text = e.to_string();
            assert!(!text.contains('\n'), "message is not one line: {text}");
            e
        }
    }
}

/// Asserts an `InvalidInput` for exactly `field`, its message containing every `words`.
pub fn assert_invalid(json: &str, field: &str, words: &[&str]) {
    match refused(json) {
        HpgError::InvalidInput {
            field: got,
            message,
        } => {
            assert_eq!(got, field, "wrong field for {json}: {message}");
            let text = format!("{got}: {message}");
            for w in words {
                assert!(text.contains(w), "`{text}` does not mention `{w}`");
            }
        }
        other => panic!("expected InvalidInput for {field}, got {other:?}"),
    }
}

/// Asserts a `Protocol` (shape) error whose message contains every `words`.
pub fn assert_shape(json: &str, words: &[&str]) {
    match refused(json) {
        HpgError::Protocol { message } => {
            for w in words {
                assert!(message.contains(w), "`{message}` does not mention `{w}`");
            }
        }
        other => panic!("expected a Protocol error, got {other:?}"),
    }
}

/// A protocol of one regimen entry (the rest valid), as text.
pub fn with_regimen(entry: &str) -> String {
    format!(r#"{{"duration": "28d", "mode": "mean_field", "regimen": [{entry}]}}"#)
}

pub const DESIGN_EXAMPLE: &str = r#"{
  "patient": "healthy",
  "duration": "26w",
  "sample_every": "1d",
  "mode": "pulsatile",
  "seed": 7,
  "regimen": [
    {"drug": "testosterone_cypionate", "dose": "200 mg", "every": "14d"},
    {"drug": "hcg", "dose": "500 IU", "every": "2d", "start": "0d", "stop": "26w"},
    {"drug": "gonadorelin", "infusion": "2 ug/h", "start": "1d", "stop": "15d"},
    {"drug": "anastrozole", "dose": "1 mg", "every": "1d", "times": 84}
  ]
}"#;

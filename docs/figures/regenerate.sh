#!/usr/bin/env bash
# Regenerates the README gallery (release build; a few seconds in all).
set -euo pipefail
cd "$(dirname "$0")/../.."
cargo build --release --examples
target/release/examples/simulate examples/protocols/trt.json --plot docs/figures/trt.png > /dev/null
target/release/examples/trt_vs_fertility --plot docs/figures/trt_vs_fertility.png > /dev/null
target/release/examples/recovery --plot docs/figures/recovery.png > /dev/null
target/release/examples/gnrh_patterns --plot docs/figures/gnrh_patterns.png > /dev/null
target/release/examples/simulate examples/protocols/population_T4.json --plot docs/figures/population_T4.png > /dev/null

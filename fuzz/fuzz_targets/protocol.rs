//! Fuzz target: the protocol parser must refuse any byte string with a typed error (or accept
//! it), never panic. Valid protocols found are validated and, when short, simulated in
//! mean-field mode, so the fuzzer also reaches the regimen scheduler.
#![no_main]

use hpg::protocol::Protocol;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(mut protocol) = Protocol::from_json(text) {
        // Keep each input fast: simulate only short runs, and never in pulsatile mode.
        if protocol.duration.as_days() <= 3.0 && protocol.sample_every.as_hours() >= 1.0 {
            protocol.mode = hpg::Mode::MeanField;
            let _ = protocol.run();
        }
    }
});

//! Fuzz target: the event-table reader must read or refuse any byte string with a typed,
//! one-line error naming where it is, never panic; tables read are also run through a short
//! protocol, so the fuzzer reaches scheduling of the regimens they give.
#![no_main]

use hpg::events::{EventOptions, EventTable};
use hpg::protocol::Protocol;
use hpg::{Duration, Mode, Preset};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    match EventTable::from_reader(data, &EventOptions::default()) {
        Ok(table) => {
            let mut protocol = Protocol::new(Preset::Healthy, Duration::days(2.0));
            protocol.mode = Mode::MeanField;
            protocol.events = Some(table);
            if protocol.validate().is_ok() {
                for (_, man) in protocol.subjects().into_iter().take(3) {
                    let _ = man.run();
                }
            }
        }
        Err(e) => assert!(!e.to_string().contains('\n'), "{e}"),
    }
});

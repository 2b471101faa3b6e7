#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| drakor_core::fuzzing::scene_time(data));

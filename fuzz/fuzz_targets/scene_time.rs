#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| drakor_testkit::fuzzing::scene_time(data));

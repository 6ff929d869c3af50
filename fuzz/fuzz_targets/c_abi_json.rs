#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| certcentral_fuzz::c_abi_json(data));

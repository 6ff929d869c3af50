//! `uniffi-bindgen`: generates the Kotlin and Swift sources from the built library
//! (library mode), e.g.
//! `cargo run -p certcentral-uniffi-bindgen -- generate --library target/debug/libcertcentral_uniffi.so --language kotlin --out-dir OUT`.

fn main() {
    uniffi::uniffi_bindgen_main()
}

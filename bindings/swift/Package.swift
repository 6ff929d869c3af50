// swift-tools-version:5.9
//
// CertCentral: the Swift binding of the certcentral Rust core (uniffi 0.32.2).
//
// Generated, not committed (run `cargo run -p certcentral-uniffi-bindgen --bin certcentral-bindgen --
// swift target/release/libcertcentral_uniffi.so bindings/swift`, or `cargo xtask test --only swift`):
//   Sources/CertCentral/CertCentral.swift              the Swift API
//   Sources/CertCentralFFI/include/CertCentralFFI.h    the C declarations of the library
//   Sources/CertCentralFFI/include/module.modulemap    module CertCentralFFI, links certcentral_uniffi
// The library itself (libcertcentral_uniffi.so / .a / .dylib) is found by the linker through
// LIBRARY_PATH or `-Xlinker -L<dir>`, and at run time through LD_LIBRARY_PATH or an rpath.
import PackageDescription

let package = Package(
    name: "CertCentral",
    products: [
        .library(name: "CertCentral", targets: ["CertCentral"]),
    ],
    targets: [
        .systemLibrary(name: "CertCentralFFI", path: "Sources/CertCentralFFI/include"),
        .target(name: "CertCentral", dependencies: ["CertCentralFFI"], path: "Sources/CertCentral"),
        .testTarget(name: "CertCentralTests", dependencies: ["CertCentral"], path: "Tests/CertCentralTests"),
    ]
)

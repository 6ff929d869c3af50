// Hand-written (the rest of this module is generated from the Rust library).
//
// uniffi 0.32.2 gives `CertCentralError` a `description` that returns the Rust `Display` text
// (the core's message, e.g. "authentication failed: HTTP 403: access_denied|…"), but does not
// declare the `CustomStringConvertible` conformance for errors. Declaring it here makes
// `"\(error)"`, `String(describing:)` and `localizedDescription` (LocalizedError's
// `errorDescription` is `String(reflecting: self)`) all print that text instead of a dump of
// the fields.

extension CertCentralError: CustomStringConvertible {}

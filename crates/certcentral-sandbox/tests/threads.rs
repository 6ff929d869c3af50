//! Starting and stopping sandboxes in-process (as the Python binding does, many times) leaves
//! no thread behind. Alone in its test binary so that no other test's threads are counted.

mod common;

use std::time::Duration;

use certcentral_sandbox::Approval;

/// The threads of this process.
fn threads() -> usize {
    std::fs::read_dir("/proc/self/task")
        .map(|d| d.count())
        .unwrap_or(0)
}

#[test]
#[cfg(target_os = "linux")]
fn starting_and_stopping_many_sandboxes_leaks_no_thread() {
    let before = threads();
    for i in 0..20 {
        let sb = common::start(Approval::Immediate, Duration::ZERO);
        // Handlers run on the runtime's blocking pool: make it start threads.
        let order = common::submit(&sb, &common::example_order());
        assert!(order["certificate_id"].is_u64(), "{order}");
        common::api(&sb, "GET", "/order/certificate?limit=5", None);
        if i % 2 == 0 {
            sb.shutdown();
        } else {
            drop(sb);
        }
    }
    assert_eq!(threads(), before, "threads left behind");
}

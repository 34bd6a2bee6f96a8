//! Bounded memory: streaming 1 GiB through `annotate` and `rewrite` keeps the process's peak
//! resident set under a fixed bound. Ignored by default (it takes a minute in release mode);
//! `.ci/run` runs it with `cargo test --release -- --ignored memory`.

use std::io::{Read, Write};
use std::process::{Command, Stdio};
use std::time::Duration;

/// The bound: the binary holds a 64 KiB chunk and the tables; input size must not matter.
const MAX_RSS_KIB: u64 = 64 * 1024;
const INPUT_BYTES: usize = 1 << 30;

/// Peak resident set (VmHWM) of a running process, in KiB, from `/proc/PID/status`.
fn peak_rss_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn stream_a_gibibyte(args: &[&str]) -> (u64, usize) {
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("canonym"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("spawn: {e}"));
    let pid = child.id();
    let mut stdin = child.stdin.take().unwrap_or_else(|| panic!("no stdin"));
    let mut stdout = child.stdout.take().unwrap_or_else(|| panic!("no stdout"));
    // Real news text (the seeds), over and over, with long lines between.
    let mut block = String::new();
    for path in crate::common::seed_paths() {
        block.push_str(
            &std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display())),
        );
        block.push_str(&"Лукашэнка і Ціханоўская ".repeat(20));
        block.push('\n');
    }
    let writer = std::thread::spawn(move || {
        let mut sent = 0;
        while sent < INPUT_BYTES {
            if stdin.write_all(block.as_bytes()).is_err() {
                break;
            }
            sent += block.len();
        }
        sent
    });
    let reader = std::thread::spawn(move || {
        let mut buf = vec![0u8; 1 << 16];
        let mut n = 0usize;
        while let Ok(k) = stdout.read(&mut buf) {
            if k == 0 {
                break;
            }
            n += k;
        }
        n
    });
    let mut peak = 0;
    loop {
        if let Some(kib) = peak_rss_kib(pid) {
            peak = peak.max(kib);
        }
        if child.try_wait().ok().flatten().is_some() {
            break;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let sent = writer.join().unwrap_or(0);
    let _ = reader.join();
    (peak, sent)
}

#[test]
#[ignore = "streams 1 GiB; run with --release -- --ignored memory"]
fn memory_stays_bounded_on_a_gibibyte() {
    if !std::path::Path::new("/proc/self/status").exists() {
        return; // Not Linux: no /proc to read the peak from.
    }
    for args in [&["annotate", "--escape"][..], &["rewrite"][..]] {
        let (peak, sent) = stream_a_gibibyte(args);
        assert!(
            sent >= INPUT_BYTES,
            "{args:?}: only {sent} bytes were accepted"
        );
        assert!(peak > 0, "{args:?}: no peak RSS was read");
        assert!(
            peak < MAX_RSS_KIB,
            "{args:?}: peak RSS {peak} KiB over {MAX_RSS_KIB} KiB after {sent} bytes"
        );
        eprintln!("{args:?}: {sent} bytes, peak RSS {peak} KiB");
    }
}

//! Fuzzes `Gazetteer::from_bytes`, the loader of compiled gazetteer files: whatever the bytes,
//! it returns a gazetteer or an error, never panics; and a gazetteer it returns answers
//! lookups and finds mentions without panicking.
//!
//! Random bytes rarely pass the checksums, so half the inputs are first given valid ones (the
//! block sums, theirs and the header's, recomputed as the writer does): those reach the structural
//! checks and the reads behind them, which is where a crafted file would attack. Mutations of
//! a real file start from `fuzz/corpus/load_file/`, which a run seeds with one made by this build.
//!
//! A smoke run: `fuzz/run.sh 60 load_file`.

#![no_main]

use canonym::{Gazetteer, Kind};
use libfuzzer_sys::fuzz_target;
use xxhash_rust::xxh3::{Xxh3, xxh3_64};

const HEADER: usize = 64;
const DIR_ENTRY: usize = 32;
const BLOCK: usize = 64 * 1024;

/// Recomputes every checksum the format has, where the bytes leave room for them.
fn reseal(bytes: &mut [u8]) {
    let count = bytes
        .get(24..28)
        .map_or(0, |b| u32::from_le_bytes(b.try_into().unwrap_or_default()) as usize)
        .min(64);
    let dir_end = HEADER + DIR_ENTRY * count;
    if bytes.len() < dir_end {
        return;
    }
    // The last section holds the sums of every 64 KiB block from the end of the directory to
    // itself; its directory entry holds its own checksum (the others hold zero).
    if let Some(last) = count.checked_sub(1) {
        let at = HEADER + DIR_ENTRY * last;
        let read = |b: &[u8], o: usize| u64::from_le_bytes(b[o..o + 8].try_into().unwrap_or_default());
        let (offset, len) = (read(bytes, at + 8) as usize, read(bytes, at + 16) as usize);
        if offset >= dir_end && offset.checked_add(len).is_some_and(|end| end <= bytes.len()) {
            let sums: Vec<u64> = bytes[dir_end..offset].chunks(BLOCK).map(xxh3_64).collect();
            for (i, sum) in sums.iter().enumerate().take(len / 8) {
                bytes[offset + i * 8..offset + i * 8 + 8].copy_from_slice(&sum.to_le_bytes());
            }
        }
    }
    for i in 0..count {
        let at = HEADER + DIR_ENTRY * i;
        let read = |b: &[u8], o: usize| u64::from_le_bytes(b[o..o + 8].try_into().unwrap_or_default());
        let (offset, len) = (read(bytes, at + 8) as usize, read(bytes, at + 16) as usize);
        if let Some(section) = offset.checked_add(len).and_then(|end| bytes.get(offset..end)) {
            let sum = if i + 1 == count { xxh3_64(section) } else { 0 };
            bytes[at + 24..at + 32].copy_from_slice(&sum.to_le_bytes());
        }
    }
    let mut h = Xxh3::new();
    h.update(&bytes[..56]);
    h.update(&bytes[HEADER..dir_end]);
    let sum = h.digest();
    bytes[56..64].copy_from_slice(&sum.to_le_bytes());
}

fn seed() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/load_file");
    let path = dir.join("people.gaz");
    // A seed another build wrote (another format version or rules' fingerprint) is refused at
    // the header, and its mutations would reach nothing behind it: written again.
    if std::fs::read(&path).is_ok_and(|bytes| Gazetteer::from_bytes(&bytes).is_ok()) {
        return;
    }
    let g = Gazetteer::builder()
        .builtin(false)
        .entity("per:ivan-petrov", Kind::Person, "Ivan Petrov")
        .name("per:ivan-petrov", "Іван Пятроў", "be-Cyrl")
        .entity("loc:zhodzina", Kind::Place, "Žodzina")
        .name("loc:zhodzina", "Жодино", "ru-Cyrl")
        .build();
    if let (Ok(g), Ok(())) = (g, std::fs::create_dir_all(&dir)) {
        let mut bytes = Vec::new();
        if g.write_to(&mut bytes).is_ok() {
            let _ = std::fs::write(path, bytes);
        }
    }
}

fuzz_target!(|data: &[u8]| {
    seed();
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let mut bytes = rest.to_vec();
    if mode & 1 == 1 {
        reseal(&mut bytes);
    }
    if let Ok(g) = Gazetteer::from_bytes(&bytes) {
        for name in ["Ivan Petrov", "Пятроў Іван", "Жодино", "I. Petrov", "x"] {
            let _ = g.lookup(name);
            let _ = g.candidates(name);
        }
        let _ = g.entity("per:ivan-petrov");
        let _ = g.verify();
        let _ = g.damage();
        let _ = g.entities().len();
        let _ = g
            .matcher()
            .find_iter("Іван Пятроў прыехаў у Жодзіна; Ivan Petrov met Petrov in Zhodino.")
            .count();
    }
});

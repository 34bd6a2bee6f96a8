//! `canonym bench`: how fast each job runs on the user's own text, on one core and on all.

use std::fmt::Write as _;
use std::io::{IsTerminal, Read, Write};
use std::path::PathBuf;
use std::time::Instant;

use anyhow::{Context, Result};
use clap::Args;
use rayon::prelude::*;
use serde::Serialize;

use canonym::{Gazetteer, Piece, Translit};

use crate::Outcome;
use crate::output::{Output, json_line};
use crate::tables::TableArgs;

/// Measure how fast canonym works on your text: MB/s and names/s per job, on one core and on
/// all cores.
///
/// Reads each FILE whole (or, with none, the news articles of seeds/ with every name of the
/// tables, one a line, repeated to --size megabytes) and times each job over it: `key` and
/// `lookup` on every line as a name, `translit` on the text (auto-detected language),
/// `annotate` (finding the mentions, as `canonym annotate` streams them) and `rewrite` (each
/// mention replaced by its canonical name) on its documents. Each job runs on one thread,
/// then on every thread of `-j` (default: one per core) — lines in batches, documents (cut
/// past a megabyte at a blank line) one per thread — keeping the fastest of --runs runs.
/// Prints the machine (cores, OS, CPU), the size of the tables and a row per job; `--json`
/// prints one object for tracking results over time. Progress goes to standard error when
/// it is a terminal. Bytes that are not UTF-8 are read as U+FFFD.
#[derive(Debug, Args)]
pub struct BenchArgs {
    /// Print one JSON object: input, machine, tables, and per job the bytes, names or
    /// mentions, and seconds, MB/s and names/s (or mentions/s) on one core and on all.
    #[arg(long)]
    json: bool,
    /// Run each job this many times on each setting and keep the fastest.
    #[arg(long, value_name = "N", default_value_t = 3)]
    runs: usize,
    /// Megabytes of text to use when no FILE is given.
    #[arg(long, value_name = "MB", default_value_t = 4)]
    size: usize,
    #[command(flatten)]
    tables: TableArgs,
    /// Files of text to measure on; `-` reads standard input.
    files: Vec<PathBuf>,
}

/// The news articles of seeds/, compiled in: the text of `canonym bench` without a file.
const SEEDS: &[&str] = &[
    include_str!("../../../seeds/000_0a528b9a199c7f0b.txt"),
    include_str!("../../../seeds/001_a30967e492c574a7.txt"),
    include_str!("../../../seeds/002_99f6c33e76ce45d5.txt"),
    include_str!("../../../seeds/003_31852e31f9f7630b.txt"),
    include_str!("../../../seeds/004_568eaa4f99aac481.txt"),
];

/// The jobs, in the order they run and print.
const JOBS: [Job; 5] = [
    Job::Key,
    Job::Lookup,
    Job::Translit,
    Job::Annotate,
    Job::Rewrite,
];

#[derive(Clone, Copy, Debug)]
enum Job {
    Key,
    Lookup,
    Translit,
    Annotate,
    Rewrite,
}

impl Job {
    fn name(self) -> &'static str {
        match self {
            Job::Key => "key",
            Job::Lookup => "lookup",
            Job::Translit => "translit",
            Job::Annotate => "annotate",
            Job::Rewrite => "rewrite",
        }
    }

    /// What the job counts: names (a line each) or mentions; none for translit.
    fn unit(self) -> Option<&'static str> {
        match self {
            Job::Key | Job::Lookup => Some("names"),
            Job::Annotate | Job::Rewrite => Some("mentions"),
            Job::Translit => None,
        }
    }
}

/// The text cut as the jobs read it.
struct Text<'a> {
    bytes: usize,
    /// The lines, each a name for key and lookup.
    lines: Vec<&'a str>,
    /// Chunks of about a megabyte, cut at line ends, as `canonym translit` reads them.
    chunks: Vec<&'a str>,
    /// The documents, as `canonym annotate` cuts them (`canonym::document_end`).
    documents: Vec<&'a str>,
}

impl<'a> Text<'a> {
    /// `text`, made of files that end at `ends` (and at its end).
    fn new(text: &'a str, ends: &[usize]) -> Text<'a> {
        let lines = text.lines().collect();
        let mut chunks = Vec::new();
        let mut rest = text;
        while !rest.is_empty() {
            let mut end = rest.len().min(crate::input::CHUNK_SIZE);
            while !rest.is_char_boundary(end) {
                end -= 1;
            }
            if end < rest.len() {
                if let Some(nl) = rest.get(..end).and_then(|r| r.rfind('\n')) {
                    end = nl + 1;
                }
            }
            let (chunk, tail) = rest.split_at(end.max(1).min(rest.len()));
            chunks.push(chunk);
            rest = tail;
        }
        let mut documents = Vec::new();
        let mut from = 0;
        for &end in ends.iter().chain(Some(&text.len())) {
            let mut rest = text.get(from..end).unwrap_or_default();
            from = end;
            while let Some(end) = canonym::document_end(rest.as_bytes()) {
                let (doc, tail) = rest.split_at(end);
                documents.push(doc);
                rest = tail;
            }
            if !rest.is_empty() {
                documents.push(rest);
            }
        }
        Text {
            bytes: text.len(),
            lines,
            chunks,
            documents,
        }
    }
}

/// One run of a job over the whole text, on one thread or on rayon's pool; returns how many
/// names were found (key: non-empty keys) or mentions.
fn run(job: Job, text: &Text<'_>, gazetteer: &Gazetteer, translit: &Translit, all: bool) -> usize {
    const BATCH: usize = 256;
    let matcher = gazetteer.matcher();
    let key = |lines: &[&str]| {
        let mut buf = String::new();
        lines
            .iter()
            .filter(|l| {
                buf.clear();
                canonym::key_into(l, &mut buf);
                !buf.is_empty()
            })
            .count()
    };
    let lookup = |lines: &[&str]| {
        lines
            .iter()
            .filter(|l| gazetteer.lookup(l).is_some())
            .count()
    };
    let translit_one = |chunk: &&str| {
        let mut sink = std::io::sink();
        let _ = translit.translit_to(chunk, &mut sink);
        0
    };
    let annotate = |doc: &&str| {
        let mut n = 0;
        let _ = matcher.scan(doc.as_bytes(), |piece| {
            n += usize::from(matches!(piece, Piece::Mention { .. }));
            Ok(())
        });
        n
    };
    let rewrite = |doc: &&str| {
        matcher
            .replace_all(doc.as_bytes(), std::io::sink(), |m, _| {
                m.entity().canonical().into()
            })
            .unwrap_or(0)
    };
    match (job, all) {
        (Job::Key, false) => key(&text.lines),
        (Job::Key, true) => text.lines.par_chunks(BATCH).map(key).sum(),
        (Job::Lookup, false) => lookup(&text.lines),
        (Job::Lookup, true) => text.lines.par_chunks(BATCH).map(lookup).sum(),
        (Job::Translit, false) => text.chunks.iter().map(translit_one).sum(),
        (Job::Translit, true) => text.chunks.par_iter().map(translit_one).sum(),
        (Job::Annotate, false) => text.documents.iter().map(annotate).sum(),
        (Job::Annotate, true) => text.documents.par_iter().map(annotate).sum(),
        (Job::Rewrite, false) => text.documents.iter().map(rewrite).sum(),
        (Job::Rewrite, true) => text.documents.par_iter().map(rewrite).sum(),
    }
}

#[derive(Serialize)]
struct Report {
    version: &'static str,
    input: Input,
    machine: Machine,
    tables: Tables,
    jobs: Vec<JobReport>,
}

#[derive(Serialize)]
struct Input {
    /// The files, or `null` for the built-in text.
    files: Option<Vec<String>>,
    bytes: usize,
    lines: usize,
    documents: usize,
}

#[derive(Serialize)]
struct Machine {
    /// Cores the process may use.
    cores: usize,
    /// Threads of the all-cores runs (`-j`).
    threads: usize,
    os: &'static str,
    arch: &'static str,
    cpu: Option<String>,
}

#[derive(Serialize)]
struct Tables {
    entities: usize,
    names: usize,
}

#[derive(Serialize)]
struct JobReport {
    job: &'static str,
    bytes: usize,
    /// What `count` counts: `names`, `mentions`, or `null`.
    unit: Option<&'static str>,
    count: Option<usize>,
    one_core: Timing,
    all_cores: Timing,
    /// One core's time over all cores' time.
    speedup: f64,
}

#[derive(Clone, Copy, Serialize)]
struct Timing {
    seconds: f64,
    mb_per_s: f64,
    /// Names (key, lookup) or mentions (annotate, rewrite) per second.
    per_s: Option<f64>,
}

/// The CPU's model name, where the system says it (Linux).
fn cpu_model() -> Option<String> {
    let info = std::fs::read_to_string("/proc/cpuinfo").ok()?;
    let line = info.lines().find(|l| l.starts_with("model name"))?;
    Some(line.split_once(':')?.1.trim().to_owned())
}

/// The built-in text: the seeds and every name of the tables, one a line, repeated to `mb`
/// megabytes.
fn builtin_text(gazetteer: &Gazetteer, mb: usize) -> String {
    let mut block = SEEDS.join("\n\n");
    block.push_str("\n\n");
    for e in gazetteer.entities() {
        for n in e.names() {
            block.push_str(n.text());
            block.push('\n');
        }
    }
    block.push('\n');
    let want = mb.max(1) << 20;
    let mut text = String::with_capacity(want + block.len());
    while text.len() < want {
        text.push_str(&block);
    }
    text
}

/// Runs `canonym bench`.
pub fn bench(args: &BenchArgs) -> Result<Outcome> {
    let gazetteer = args.tables.gazetteer()?;
    // Where each file ends: files are documents of their own, as `canonym annotate` reads
    // them.
    let mut ends = Vec::new();
    let (text, files) = if args.files.is_empty() {
        (builtin_text(gazetteer, args.size), None)
    } else {
        let mut text = String::new();
        let mut names = Vec::new();
        let mut bytes = Vec::new();
        for source in args.tables.inputs(&args.files)? {
            bytes.clear();
            let mut reader = source.open()?;
            reader
                .read_to_end(&mut bytes)
                .map_err(|e| source.cannot_read(e))?;
            text.push_str(&String::from_utf8_lossy(&bytes));
            if !text.is_empty() && !text.ends_with('\n') {
                text.push('\n');
            }
            ends.push(text.len());
            names.push(source.name().to_owned());
        }
        (text, Some(names))
    };
    let cut = Text::new(&text, &ends);
    let translit = Translit::builder().build();
    // Tables built on first use are built now, not inside the first job's time.
    let _ = gazetteer.lookup("Лукашэнка");
    let _ = canonym::key("Лукашэнка");
    let _ = translit.translit("Лукашэнка");
    let _ = gazetteer.matcher().find_iter("Лукашэнка ў Мінску").count();
    // And the threads of the pool are started.
    rayon::broadcast(|_| ());
    let progress = std::io::stderr().is_terminal();
    let threads = rayon::current_num_threads();
    let mut jobs = Vec::new();
    for (k, &job) in JOBS.iter().enumerate() {
        let time = |all: bool| {
            if progress {
                let on = if all { "all cores" } else { "one core" };
                eprint!(
                    "\r\x1b[Kbench: {}/{} {} on {on}…",
                    k + 1,
                    JOBS.len(),
                    job.name()
                );
            }
            let mut best = f64::INFINITY;
            let mut count = 0;
            for _ in 0..args.runs.max(1) {
                let t = Instant::now();
                count = run(job, &cut, gazetteer, &translit, all);
                best = best.min(t.elapsed().as_secs_f64());
            }
            (best.max(1e-9), count)
        };
        let (one, count) = time(false);
        let (all, _) = time(true);
        let items = match job {
            Job::Key | Job::Lookup => Some(cut.lines.len()),
            Job::Annotate | Job::Rewrite => Some(count),
            Job::Translit => None,
        };
        let timing = |seconds: f64| Timing {
            seconds,
            mb_per_s: cut.bytes as f64 / seconds / 1e6,
            per_s: items.map(|n| n as f64 / seconds),
        };
        jobs.push(JobReport {
            job: job.name(),
            bytes: cut.bytes,
            unit: job.unit(),
            count: items,
            one_core: timing(one),
            all_cores: timing(all),
            speedup: one / all,
        });
    }
    if progress {
        eprint!("\r\x1b[K");
    }
    let report = Report {
        version: env!("CARGO_PKG_VERSION"),
        input: Input {
            files,
            bytes: cut.bytes,
            lines: cut.lines.len(),
            documents: cut.documents.len(),
        },
        machine: Machine {
            cores: std::thread::available_parallelism().map_or(1, |n| n.get()),
            threads,
            os: std::env::consts::OS,
            arch: std::env::consts::ARCH,
            cpu: cpu_model(),
        },
        tables: Tables {
            entities: gazetteer.entities().len(),
            names: gazetteer.entities().iter().map(|e| e.names().len()).sum(),
        },
        jobs,
    };
    let mut out = Output::open()?;
    if args.json {
        json_line(&mut out, &report)?;
    } else {
        out.write_all(table(&report).as_bytes())
            .context("cannot write")?;
    }
    out.flush()?;
    Ok(Outcome::Found)
}

/// The report as text: a header, then one row per job.
fn table(r: &Report) -> String {
    let mut s = String::new();
    let m = &r.machine;
    let source = match &r.input.files {
        Some(files) => files.join(", "),
        None => "the seeds and the tables' names, repeated".to_owned(),
    };
    let _ = writeln!(
        s,
        "input:   {source}: {:.1} MB, {} lines, {} documents",
        r.input.bytes as f64 / 1e6,
        r.input.lines,
        r.input.documents
    );
    let _ = writeln!(
        s,
        "machine: {} cores, {} {}{}",
        m.cores,
        m.os,
        m.arch,
        m.cpu
            .as_deref()
            .map(|c| format!(", {c}"))
            .unwrap_or_default()
    );
    let _ = writeln!(
        s,
        "tables:  {} entities, {} names\n",
        r.tables.entities, r.tables.names
    );
    let all = format!("{} threads", m.threads);
    let _ = writeln!(
        s,
        "{:<9} {:>12} {:>18} {:>12} {:>18} {:>8}",
        "job", "1 thread", "", all, "", "speedup"
    );
    let rate = |t: &Timing, unit: Option<&str>| match (t.per_s, unit) {
        (Some(n), Some(u)) => format!("{:.0} {u}/s", n),
        _ => String::new(),
    };
    for j in &r.jobs {
        let _ = writeln!(
            s,
            "{:<9} {:>7.1} MB/s {:>18} {:>7.1} MB/s {:>18} {:>7.2}×",
            j.job,
            j.one_core.mb_per_s,
            rate(&j.one_core, j.unit),
            j.all_cores.mb_per_s,
            rate(&j.all_cores, j.unit),
            j.speedup
        );
    }
    s
}

#!/usr/bin/env python3
"""Kills `replay ingest` with SIGKILL at random moments, reruns it, and checks the analysis equals a clean run's.

Usage: scripts/resume-check.py [--replay .build/debug/replay] [--work DIR] [--trials 8] [--kills 3]
                               [--overlaps 3] [--seed 1] [--input DIR]

The input is samples/logs with its hourly application files joined into one
multi-member gzip (about 37,000 events, two write batches), so kills land inside
a file after some of its batches were committed, and resuming after `lines_done` is
exercised, not only skipping whole files. `--input DIR` reads DIR as it is instead:
the benchmark corpus (`--input .bench/corpus`, 77 MB of gzip) is a load big enough to
drop the secondary indexes and commit through a rollback journal (`BulkLoadJournal`),
so kills land in that journal's commits too.

After each rerun the database must pass `PRAGMA integrity_check`, be in WAL mode, and
have no rollback journal left beside it.

1. A clean run: `replay analyze INPUT --db clean.sqlite --json clean.json`.
2. Each trial: on a fresh database, start `replay ingest`, SIGKILL it after a
   random delay (seeded, up to the clean ingest's duration), `--kills` times in a
   row, then run `replay analyze` to the end. Its JSON must equal the clean one,
   ignoring `generatedAt` and `input` (the run's own counts).
3. Each overlap: two `replay analyze` on one fresh database, the second started
   0-0.5 s after the first; both
   must exit 0, or one exit 1 with the "another replay run" refusal (with
   `--wait 0`); a final `replay analyze` must equal the clean one.

Prints one line per trial and exits 1 if any differs or ends by a signal.
"""
import argparse
import glob
import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def build_input(work):
    """samples/logs, with every hourly application file joined into one multi-member gzip."""
    src = os.path.join(ROOT, "samples", "logs")
    dst = os.path.join(work, "input")
    shutil.copytree(src, dst)
    app = os.path.join(dst, "cloudwatch", "ecs-merxex-exchange")
    parts = sorted(glob.glob(os.path.join(app, "*", "*.gz")))
    with open(os.path.join(app, "all-days.jsonl.gz"), "wb") as out:
        for part in parts:
            out.write(open(part, "rb").read())
    for folder in {os.path.dirname(p) for p in parts}:
        shutil.rmtree(folder)
    return dst


def comparable(path):
    document = json.load(open(path))
    document.pop("generatedAt", None)
    document.pop("input", None)
    return document


def analyze(replay, source, db, json_path, extra=()):
    report = json_path.replace(".json", ".md")
    return subprocess.run([replay, "analyze", source, "--db", db, "--json", json_path, "--report", report, *extra],
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=300)


def resumable(db):
    """True when a file is recorded as partly ingested: the next run resumes it after lines_done."""
    if not os.path.exists(db):
        return False
    try:
        with sqlite3.connect(db) as conn:
            return conn.execute("SELECT COUNT(*) FROM ingested_file WHERE state = 'reading' AND lines_done > 0").fetchone()[0] > 0
    except sqlite3.Error:
        return False


def settled(db):
    """What is wrong with a database a run ended on: not intact, not back in WAL mode, or a journal left; None when fine."""
    with sqlite3.connect(db) as conn:
        integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
        mode = conn.execute("PRAGMA journal_mode").fetchone()[0]
    if integrity != "ok":
        return f"integrity_check: {integrity}"
    if mode != "wal":
        return f"journal mode {mode}"
    if os.path.exists(db + "-journal"):
        return "a rollback journal was left"
    return None


def describe(code):
    return f"signal {-code}" if code < 0 else f"exit {code}"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--replay", default=os.path.join(ROOT, ".build", "debug", "replay"))
    parser.add_argument("--work", default="/tmp/replay-resume-check")
    parser.add_argument("--trials", type=int, default=8)
    parser.add_argument("--kills", type=int, default=3)
    parser.add_argument("--overlaps", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--input", help="a folder of exports to read as it is (default: samples/logs, joined as above)")
    parser.add_argument("--commit-seconds", default="0",
                        help="passed to replay ingest; 0 (a commit per batch) lets kills land between commits of one file")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    shutil.rmtree(args.work, ignore_errors=True)
    os.makedirs(args.work)
    source = os.path.abspath(args.input) if args.input else build_input(args.work)
    failures = []

    started = time.monotonic()
    clean_ingest = subprocess.run([args.replay, "ingest", source, "--db", os.path.join(args.work, "timing.sqlite")],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    ingest_seconds = time.monotonic() - started
    clean = analyze(args.replay, source, os.path.join(args.work, "clean.sqlite"), os.path.join(args.work, "clean.json"))
    if clean.returncode != 0 or clean_ingest.returncode != 0:
        sys.exit(f"the clean run failed: {clean.stderr.decode()[-500:]}")
    expected = comparable(os.path.join(args.work, "clean.json"))
    print(f"clean ingest {ingest_seconds:.2f} s; {len(expected['crashes'])} crashes, {len(expected['outages'])} outages")

    mid_file_kills = 0
    hot_journals = 0
    for trial in range(args.trials):
        db = os.path.join(args.work, f"kill-{trial}.sqlite")
        moments = []
        for kill in range(args.kills):
            # later runs resume and have less left to do: aim inside what remains
            delay = rng.uniform(0.02, ingest_seconds / (kill + 1))
            proc = subprocess.Popen([args.replay, "ingest", source, "--db", db, "--commit-seconds", args.commit_seconds],
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            time.sleep(delay)
            proc.send_signal(signal.SIGKILL)
            code = proc.wait()
            journal = os.path.getsize(db + "-journal") if os.path.exists(db + "-journal") else 0
            hot_journals += journal > 0
            moments.append(f"{delay:.2f}s" + ("" if code == -9 else f" (had ended: {describe(code)})")
                           + (" mid-file" if resumable(db) else "") + (" hot journal" if journal else ""))
            mid_file_kills += resumable(db)
        out = os.path.join(args.work, f"kill-{trial}.json")
        result = analyze(args.replay, source, db, out)
        same = result.returncode == 0 and comparable(out) == expected
        problem = settled(db)
        same = same and problem is None
        print(("ok   " if same else "FAIL ") + f"trial {trial}: killed at {', '.join(moments)}; rerun {describe(result.returncode)}, "
              + ("analysis equals the clean run" if comparable(out) == expected else "analysis DIFFERS")
              + (f"; database: {problem}" if problem else ""))
        if not same:
            failures.append(trial)
            sys.stderr.write(result.stderr.decode()[-1000:])

    if args.trials:
        print(f"     {mid_file_kills} of {args.trials * args.kills} kills left a file half-ingested (resumed after lines_done), "
              f"{hot_journals} a hot rollback journal (a transaction the next run rolled back)")
    for overlap in range(args.overlaps):
        db = os.path.join(args.work, f"overlap-{overlap}.sqlite")
        wait = ["--wait", "0"] if overlap % 2 else []
        procs = []
        for k in range(2):
            if k == 1:
                time.sleep(rng.uniform(0, 0.5))  # together, or the second while the first ingests
            out = os.path.join(args.work, f"overlap-{overlap}-{k}.json")
            procs.append(subprocess.Popen([args.replay, "analyze", source, "--db", db, "--json", out,
                                           "--report", out.replace(".json", ".md"), *wait],
                                          stdout=subprocess.PIPE, stderr=subprocess.PIPE))
        codes, refusals = [], 0
        for p in procs:
            _, err = p.communicate(timeout=300)
            codes.append(p.returncode)
            refusals += p.returncode == 1 and b"another replay run" in err
        clean_ends = all(c == 0 for c in codes) or (sorted(codes) == [0, 1] and refusals == 1)
        final = os.path.join(args.work, f"overlap-{overlap}-final.json")
        result = analyze(args.replay, source, db, final)
        same = result.returncode == 0 and comparable(final) == expected
        ok = clean_ends and same
        print(("ok   " if ok else "FAIL ") + f"overlap {overlap}{' (--wait 0)' if wait else ''}: two runs ended with "
              + ", ".join(describe(c) for c in codes) + (f" ({refusals} refused)" if refusals else "")
              + "; final analysis " + ("equals" if same else "DIFFERS from") + " the clean run")
        if not ok:
            failures.append(f"overlap {overlap}")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()

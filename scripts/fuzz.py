#!/usr/bin/env python3
"""The fuzz suite: mutated and generated model files, .npy inputs and command lines through the
built dnngen, each run in a fresh folder under a wall-time and an address-space limit.

A case fails when dnngen
  - dies on a signal or exits with a status other than 0, 1 (sim only) or 2 (a crash or abort),
  - runs past the time limit (a hang) or needs more memory than the limit (the allocation fails),
  - exits 0 on an input the format or the command line forbids (malformed input accepted),
  - exits 2 with other than one line "dnngen: error: ..." naming the file or the flag,
  - leaves anything in its folder other than the inputs and the output it was asked for, or
    writes a file at the file-system root.
Each failing case is kept in FAILURES/<n>/ with its inputs and a repro.sh; the summary gives
counts per family and the slowest case and largest peak memory seen.

    scripts/fuzz.py --bin .build/release/dnngen --cases 100000 --seed 7
"""
import argparse
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "fuzzing"))
from mutations import CaseMaker  # noqa: E402

ROOT_MARKERS = ["/files.f", "/Makefile", "/report.json", "/rtl", "/rom", "/tb"]


def run_case(binary, case, folder, time_limit, memory_limit):
    for name, data in case["files"].items():
        with open(os.path.join(folder, name), "wb") as handle:
            handle.write(data)
    out_path, err_path = os.path.join(folder, ".stdout"), os.path.join(folder, ".stderr")
    started = time.monotonic()
    with open(out_path, "wb") as out, open(err_path, "wb") as err:
        # prlimit, not preexec_fn: cases run from several threads.
        command = ["prlimit", "--as=%d" % memory_limit, "--core=0", "--", binary] + case["argv"]
        process = subprocess.Popen(command, cwd=folder, stdout=out, stderr=err, stdin=subprocess.DEVNULL,
                                   start_new_session=True)
        timed_out = threading.Event()

        def kill():
            timed_out.set()
            try:
                os.killpg(process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        timer = threading.Timer(time_limit, kill)
        timer.start()
        _, status, usage = os.wait4(process.pid, 0)
        timer.cancel()
        process.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.monotonic() - started
    with open(err_path, "rb") as handle:
        stderr = handle.read().decode("utf-8", "replace")
    return {"status": process.returncode, "seconds": seconds, "peak_kb": usage.ru_maxrss,
            "timed_out": timed_out.is_set(), "stderr": stderr}


def names_the_fault(case, line):
    """An exit-2 line names a file the case gave, a flag, the command, or the output folder."""
    argv = case["argv"]
    named = [word for word in argv if word and not word.startswith("-")] + list(case["files"])
    # Messages escape control characters (a file named "\n" is printed as \n).
    named += [word.encode("unicode_escape").decode("ascii").replace("\\x1b", "\\u{1B}") for word in named]
    if any(word in line for word in named if len(word) > 1):
        return True
    # A message may name the flag at fault ("--fold names layer 'x'") rather than its value.
    flags = [word.split("=")[0] for word in argv if re.match(r"-+[A-Za-z]", word)]
    if any(re.search(r"(^|[\s'(])%s\b" % re.escape(flag), line) for flag in flags):
        return True
    if any(line.startswith("dnngen: error: %s: " % word) for word in argv):
        return True
    if argv and line.startswith("dnngen: error: %s: " % argv[0]):
        return True  # usage errors start with the command and name the flag or value
    return "unknown command" in line or "''" in line


def check(case, result, folder):
    problems = []
    status = result["status"]
    if result["timed_out"]:
        problems.append("hang: ran past the time limit")
    elif status < 0:
        problems.append("crash: killed by signal %d" % -status)
    elif status not in (0, 1, 2) or (status == 1 and case["argv"][:1] not in (["sim"], ["compare"])):
        problems.append("crash or internal error: exit status %d" % status)
    if "Fatal error" in result["stderr"] or "failed to allocate" in result["stderr"]:
        problems.append("abort: " + result["stderr"].strip().splitlines()[0][:200])
    if case["must"] == "reject" and status == 0:
        problems.append("malformed input accepted (exit 0)")
    if case["must"] == "accept" and status != 0:
        problems.append("valid input refused (exit %d)" % status)
    if status == 2:
        lines = result["stderr"].splitlines()
        if len(lines) != 1 or not lines[0].startswith("dnngen: error: "):
            problems.append("exit-2 message is not one 'dnngen: error:' line: %r" % result["stderr"][:300])
        elif not names_the_fault(case, lines[0]):
            problems.append("exit-2 message names no file or flag: %r" % lines[0][:300])
        elif any(ord(c) < 32 or 0x7F <= ord(c) <= 0x9F for c in lines[0]):
            problems.append("control characters echoed raw: %r" % lines[0][:300])
    allowed = set(case["files"]) | {".stdout", ".stderr", "out", "y.npy"}
    # The output the case asked for (whatever its name) is its own to write.
    argv = case["argv"]
    for position, word in enumerate(argv):
        if word in ("-o", "--output") and position + 1 < len(argv):
            allowed.add(argv[position + 1].split("/")[0])
        elif word.startswith("--output="):
            allowed.add(word[len("--output="):].split("/")[0])
    if case["argv"][:1] == ["rtl"] and "-o" not in case["argv"]:
        allowed |= {e for e in os.listdir(folder) if e.endswith("-rtl")}
    stray = sorted(set(os.listdir(folder)) - allowed)
    if stray:
        problems.append("wrote outside the output folder: %s" % ", ".join(stray[:5]))
    for marker in ROOT_MARKERS:
        if os.path.exists(marker):
            problems.append("wrote %s at the file-system root" % marker)
    return problems


def keep_failure(case, result, problems, folder, failures, index, binary, seed, limits):
    target = os.path.join(failures, "%06d" % index)
    shutil.rmtree(target, ignore_errors=True)
    os.makedirs(target)
    for name, data in case["files"].items():
        with open(os.path.join(target, name), "wb") as handle:
            handle.write(data)
    quoted = " ".join("'%s'" % word.replace("'", "'\\''") for word in case["argv"])
    with open(os.path.join(target, "repro.sh"), "w") as handle:
        handle.write("#!/bin/sh\n# fuzz seed %d case %d (%s): %s\n"
                     "# run in a copy of this folder: the case may write into its folder\n"
                     "cd \"$(dirname \"$0\")\" && timeout %d prlimit --as=%d --core=0 -- %s %s\necho \"exit $?\"\n"
                     % (seed, index, case["kind"], ascii("; ".join(problems)), limits[0], limits[1], os.path.abspath(binary), quoted))
    os.chmod(os.path.join(target, "repro.sh"), 0o755)
    with open(os.path.join(target, "stderr.txt"), "w") as handle:
        handle.write(result["stderr"])
    return target


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bin", default=".build/debug/dnngen", help="the dnngen binary")
    parser.add_argument("--cases", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--time-limit", type=float, default=20.0, help="seconds per case")
    parser.add_argument("--memory-limit", type=int, default=4096, help="MiB of address space per case")
    parser.add_argument("--failures", default="out/fuzz-failures", help="where failing cases are kept")
    parser.add_argument("--examples", default="examples", help="shipped models to mutate")
    parser.add_argument("--progress", type=int, default=1000, help="print a line every N cases")
    parser.add_argument("--jobs", type=int, default=1, help="cases run at once (each in its own folder)")
    options = parser.parse_args()
    if not os.access(options.bin, os.X_OK):
        sys.exit("fuzz: no dnngen binary at %s (build it first)" % options.bin)
    options.bin = os.path.abspath(options.bin)

    shipped = {}
    if os.path.isdir(options.examples):
        for name in sorted(os.listdir(options.examples)):
            if name.endswith(".bin"):
                with open(os.path.join(options.examples, name), "rb") as handle:
                    shipped[name] = handle.read()
    rng = random.Random(options.seed)
    maker = CaseMaker(rng, shipped)
    work = tempfile.mkdtemp(prefix="dnngen-fuzz-")
    counts, failures, statuses = {}, 0, {}
    slowest, largest = (0.0, None), (0, None)
    started = time.monotonic()

    def execute(index, case):
        # Cases are drawn in order from one generator (so a seed reproduces them); they run in
        # per-worker folders.
        folder = os.path.join(work, "case-%d" % (index % max(1, options.jobs * 4)))
        shutil.rmtree(folder, ignore_errors=True)
        os.makedirs(folder)
        result = run_case(options.bin, case, folder, options.time_limit, options.memory_limit << 20)
        problems = check(case, result, folder)
        return case, result, problems, folder

    def cases():
        for index in range(options.cases):
            # A generator bug must not end a long run: the case is replaced by the next draw.
            for _ in range(100):
                try:
                    case = maker.case()
                    break
                except Exception as error:  # noqa: BLE001
                    print("fuzz: case %d: generator error %r, drawing again" % (index, error), flush=True)
            yield index, case

    pool = ThreadPoolExecutor(max_workers=max(1, options.jobs))
    pending = []
    done = 0
    try:
        generator = cases()
        while True:
            for index, case in generator:
                pending.append((index, pool.submit(execute, index, case)))
                if len(pending) >= options.jobs * 2:
                    break
            if not pending:
                break
            index, future = pending.pop(0)
            case, result, problems, folder = future.result()
            done += 1
            counts[case["kind"]] = counts.get(case["kind"], 0) + 1
            statuses[result["status"]] = statuses.get(result["status"], 0) + 1
            if result["seconds"] > slowest[0]:
                slowest = (result["seconds"], "%s: dnngen %s" % (case["kind"], " ".join(case["argv"])[:120]))
            if result["peak_kb"] > largest[0]:
                largest = (result["peak_kb"], "%s: dnngen %s" % (case["kind"], " ".join(case["argv"])[:120]))
            if problems:
                failures += 1
                kept = keep_failure(case, result, problems, folder, options.failures, index, options.bin, options.seed,
                                    (int(options.time_limit), options.memory_limit << 20))
                print("FAIL case %d (%s): %s\n  kept in %s" % (index, case["kind"], "; ".join(problems), kept), flush=True)
            if options.progress and (index + 1) % options.progress == 0:
                print("fuzz: %d/%d cases, %d failures, %.0f s" % (index + 1, options.cases, failures,
                                                                 time.monotonic() - started), flush=True)
    except KeyboardInterrupt:
        print("fuzz: interrupted; the summary covers the cases that finished", flush=True)
        pool.shutdown(wait=False, cancel_futures=True)
    shutil.rmtree(work, ignore_errors=True)
    elapsed = time.monotonic() - started
    print("fuzz: seed %d, %d cases (of %d asked) in %.1f s (%.1f cases/s), %d failures" % (
        options.seed, done, options.cases, elapsed, done / max(elapsed, 1e-9), failures))
    print("  exit statuses: %s" % ", ".join("%d: %d" % item for item in sorted(statuses.items())))
    print("  families: %s" % ", ".join("%s %d" % item for item in sorted(counts.items())))
    print("  slowest case %.2f s (limit %.0f s): %s" % (slowest[0], options.time_limit, slowest[1]))
    print("  largest peak memory %.1f MiB (limit %d MiB): %s" % (largest[0] / 1024, options.memory_limit, largest[1]))
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()

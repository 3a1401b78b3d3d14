"""What bench/compare and bench/shards-bench share: running a timed command,
sizing an index, reading dateline-latency's figures. Standard library only."""

import os
import re
import shlex
import subprocess
import time


class CommandFailed(Exception):
    pass


def run(command, timed=False, ok=(0,)):
    """Run a command; return (stdout, seconds, peak RSS in kB or None).
    With `timed`, under /usr/bin/time -v. Exit statuses other than `ok`
    raise CommandFailed."""
    if timed:
        command = ["/usr/bin/time", "-v"] + command
    start = time.monotonic()
    result = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    seconds = time.monotonic() - start
    if result.returncode not in ok:
        raise CommandFailed(f"{shlex.join(command)}\nexited with {result.returncode}:\n"
                            f"{result.stdout}{result.stderr}")
    rss = None
    if timed:
        found = re.search(r"Maximum resident set size \(kbytes\): (\d+)", result.stderr)
        rss = int(found.group(1)) if found else None
    return result.stdout, seconds, rss


def cpu_seconds(stderr):
    """User + system seconds from /usr/bin/time -v output, or None."""
    user = re.search(r"User time \(seconds\): ([\d.]+)", stderr)
    system = re.search(r"System time \(seconds\): ([\d.]+)", stderr)
    return float(user.group(1)) + float(system.group(1)) if user and system else None


def size_of(path):
    """Bytes in a file or under a directory."""
    if os.path.isfile(path):
        return os.path.getsize(path)
    return sum(os.path.getsize(os.path.join(folder, name))
               for folder, _, names in os.walk(path) for name in names)


def parse_latency(output):
    """[p50, p95, p99] in ms from a latency program's output line."""
    found = re.search(r"p50_ms (\S+) p95_ms (\S+) p99_ms (\S+)", output)
    if not found:
        raise CommandFailed("no latency figures in: " + output)
    return [float(value) for value in found.groups()]


def limited_queries(queries, count, work):
    """`queries`, or a copy under `work` of `count` of its queries evenly spaced
    through the file, so that every kind of query (the file groups them by
    kind) stays in proportion (count 0: all)."""
    if not count:
        return queries
    with open(queries, encoding="utf-8") as source:
        lines = source.readlines()
    comments = [line for line in lines if not line.strip() or line.startswith("#")]
    kept = [line for line in lines if line.strip() and not line.startswith("#")]
    if count < len(kept):
        kept = [kept[k * len(kept) // count] for k in range(count)]
    path = os.path.join(work, "queries.tsv")
    with open(path, "w", encoding="utf-8") as target:
        target.writelines(comments + kept)
    return path

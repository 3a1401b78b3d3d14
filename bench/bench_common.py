"""What bench/compare, bench/index-throughput and bench/shards-bench share:
running a timed command, the indexing command of each system, sizing an
index, reading dateline-latency's figures. Standard library only."""

import json
import os
import re
import shlex
import shutil
import statistics
import subprocess
import time
from typing import NamedTuple, Optional

SYSTEMS = ("dateline", "xapian", "sqlite-fts5")


class CommandFailed(Exception):
    pass


class Timed(NamedTuple):
    stdout: str
    seconds: float  # wall time
    cpu: Optional[float]  # user + system seconds, None unless timed
    rss_kb: Optional[int]  # peak resident set size, None unless timed


def run_command(command, timed=False, ok=(0,)):
    """Run a command and return a Timed. With `timed`, under /usr/bin/time -v
    (CPU seconds and peak RSS). Exit statuses other than `ok` raise
    CommandFailed."""
    if timed:
        command = ["/usr/bin/time", "-v"] + command
    start = time.monotonic()
    result = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    seconds = time.monotonic() - start
    if result.returncode not in ok:
        raise CommandFailed(f"{shlex.join(command)}\nexited with {result.returncode}:\n"
                            f"{result.stdout}{result.stderr}")
    if not timed:
        return Timed(result.stdout, seconds, None, None)
    found = re.search(r"Maximum resident set size \(kbytes\): (\d+)", result.stderr)
    return Timed(result.stdout, seconds, cpu_seconds(result.stderr),
                 int(found.group(1)) if found else None)


def run(command, timed=False, ok=(0,)):
    """run_command() as (stdout, seconds, peak RSS in kB or None)."""
    done = run_command(command, timed, ok)
    return done.stdout, done.seconds, done.rss_kb


def cpu_seconds(stderr):
    """User + system seconds from /usr/bin/time -v output, or None."""
    user = re.search(r"User time \(seconds\): ([\d.]+)", stderr)
    system = re.search(r"System time \(seconds\): ([\d.]+)", stderr)
    return float(user.group(1)) + float(system.group(1)) if user and system else None


def corpus_directory(path, work):
    """`path` itself if it is a directory, else a directory under `work`
    holding a link to it (`dateline-index rebuild` takes a corpus directory)."""
    if os.path.isdir(path):
        return path
    directory = os.path.join(work, "corpus-of-" + re.sub(r"\W", "_", os.path.basename(path)))
    os.makedirs(directory, exist_ok=True)
    link = os.path.join(directory, os.path.basename(path))
    if not os.path.lexists(link):
        os.symlink(os.path.abspath(path), link)
    return directory


def linked_directory(files, directory):
    """`directory`, made to hold links to `files` and nothing else: a corpus
    of just those files (Reuters-21578's folder also holds its README and
    tag lists, which an indexer would take for articles)."""
    os.makedirs(directory, exist_ok=True)
    for name in os.listdir(directory):
        os.remove(os.path.join(directory, name))
    for path in files:
        os.symlink(os.path.abspath(path), os.path.join(directory, os.path.basename(path)))
    return directory


def index_command(system, build, index, path, input_format, work):
    """The command that indexes `path` into a new `index` with `system`:
    Dateline as an operator builds a whole index (`rebuild`: in parallel,
    compacted, then switched in), the baselines with their `index`."""
    if system == "dateline":
        return [os.path.join(build, "indexer", "dateline-index"), "rebuild", "--quiet",
                "--index", index, "--format", input_format,
                "--corpus", corpus_directory(path, work)]
    program = "xapian-baseline" if system == "xapian" else "sqlite-baseline"
    return [os.path.join(build, "bench", program), "index", "--db", index,
            "--format", input_format, path]


def index_with(system, build, index, path, input_format, work):
    """Index `path` into `index` (removed first) with `system`, timed."""
    if os.path.isdir(index):
        shutil.rmtree(index)
    elif os.path.lexists(index):
        os.remove(index)
    # dateline-index exits 3 when it skipped records (Reuters has one with no text)
    return run_command(index_command(system, build, index, path, input_format, work), timed=True,
                       ok=(0, 3) if system == "dateline" else (0,))


def dateline_articles(build, index):
    """Articles in a Dateline index (every system indexes the same ones:
    the baselines read the input through Dateline's readers)."""
    output, _, _ = run([os.path.join(build, "indexer", "dateline-index"), "stats", "--index",
                        index, "--format", "json"])
    try:
        return int(json.loads(output)["articles"])
    except (ValueError, KeyError) as error:
        raise CommandFailed("no article count in dateline-index stats: " + output) from error


def number(value):
    """A figure as a table shows it: whole above 100, else 3 significant digits."""
    return f"{value:.0f}" if value >= 100 else f"{value:.3g}"


def figure_cell(values, baseline=None):
    """A table cell: the median of `values` (one per run), and with the
    baseline's values of the same runs, the median of the per-run ratios
    ("(x1.50)"): a run's figures share its machine's load."""
    text = number(statistics.median(values))
    if baseline:
        ratios = [mine / theirs for mine, theirs in zip(values, baseline) if theirs > 0]
        if ratios:
            text += f" (x{statistics.median(ratios):.2f})"
    return text


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

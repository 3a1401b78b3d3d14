#!/usr/bin/env python3
"""Smoke test of bench/shards-bench on corpus/english, 20 queries, 1 and 2
shards, with xapian-tcpsrv on 127.0.0.1 (run by CTest). Asserts that the
table has a row per layout, every article indexed in each, and figures in
every column; no time is checked.

Usage: test_shards_bench_smoke.py BUILD_DIR CORPUS_DIR
"""

import os
import shutil
import subprocess
import sys
import tempfile
import unittest

BENCH = os.path.dirname(os.path.abspath(__file__))
BUILD, CORPUS = sys.argv[1], sys.argv[2]


class ShardsBenchSmoke(unittest.TestCase):
    def test_table_has_every_layout(self):
        if not shutil.which("xapian-tcpsrv"):
            self.skipTest("xapian-tcpsrv is not installed (xapian-tools)")
        work = tempfile.mkdtemp(prefix="shards-bench-smoke.")
        try:
            result = subprocess.run(
                [sys.executable, os.path.join(BENCH, "shards-bench"), "--build", BUILD,
                 "--corpus", CORPUS, "--work", work, "--query-count", "20", "--layouts", "1,2",
                 "--quiet"],
                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, timeout=600)
        finally:
            shutil.rmtree(work, ignore_errors=True)
        self.assertEqual(result.returncode, 0, result.stderr)
        rows = [[cell.strip() for cell in line.strip("|").split("|")]
                for line in result.stdout.splitlines() if line.startswith("| ")]
        header, rows = rows[0], rows[1:]
        self.assertEqual([row[0] for row in rows], ["1", "2"])
        self.assertEqual(rows[0][1], rows[1][1])  # the same articles in both layouts
        self.assertGreater(int(rows[0][1]), 0)
        for row in rows:
            self.assertEqual(len(row), len(header))
            for column, cell in zip(header, row):
                self.assertTrue(cell, (row[0], column))


if __name__ == "__main__":
    unittest.main(argv=sys.argv[:1])

#!/usr/bin/env python3
"""Smoke test of bench/compare on corpus/english, 20 queries, one run (run by
CTest). Asserts only that the table comes out with every system's row; no
timing is checked.

Usage: test_compare_smoke.py BUILD_DIR CORPUS_DIR
"""

import os
import subprocess
import sys
import unittest

BENCH = os.path.dirname(os.path.abspath(__file__))
BUILD, CORPUS = sys.argv[1], sys.argv[2]


class CompareSmoke(unittest.TestCase):
    def test_table_has_every_system(self):
        result = subprocess.run(
            [sys.executable, os.path.join(BENCH, "compare"), "--build", BUILD,
             "--corpus", CORPUS, "--query-count", "20", "--runs", "1", "--quiet"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        self.assertEqual(result.returncode, 0, result.stderr)
        rows = [line.split("|") for line in result.stdout.splitlines() if line.startswith("| ")]
        self.assertEqual([row[3].strip() for row in rows],
                         ["system", "dateline", "xapian", "sqlite-fts5"])
        header = [cell.strip() for cell in rows[0]]
        for row in rows[1:]:
            cells = [cell.strip() for cell in row]
            for column in ("articles/s", "index MB", "p50 plain ms", "p99 snippets ms",
                           "one-shot ms"):
                self.assertTrue(cells[header.index(column)], (cells[3], column))


if __name__ == "__main__":
    unittest.main(argv=sys.argv[:1])

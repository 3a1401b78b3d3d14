#!/usr/bin/env python3
"""Smoke test of bench/eval on the tiny corpus in tests/data/eval (run by CTest).

Usage: test_eval_smoke.py BUILD_DIR DATA_DIR
"""

import os
import subprocess
import sys
import tempfile
import unittest

BENCH = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, BENCH)
import trec_metrics  # noqa: E402

BUILD, DATA = sys.argv[1], sys.argv[2]


class EvalSmoke(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.work = tempfile.TemporaryDirectory(prefix="dateline-eval-smoke-")
        cls.result = subprocess.run(
            [sys.executable, os.path.join(BENCH, "eval"), "--build", BUILD,
             "--collection", os.path.join(DATA, "sample.all"),
             "--topics", os.path.join(DATA, "topics.tsv"),
             "--qrels", os.path.join(DATA, "qrels.trec"),
             "--work", cls.work.name, "--depth", "10", "--quiet"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)

    @classmethod
    def tearDownClass(cls):
        cls.work.cleanup()

    def test_every_system_runs(self):
        self.assertEqual(self.result.returncode, 0, self.result.stderr)
        rows = [line for line in self.result.stdout.splitlines() if line.startswith("| ")]
        self.assertEqual([row.split("|")[1].strip() for row in rows],
                         ["system", "dateline", "xapian", "sqlite-fts5"])

    def test_topics_with_query_syntax_run_as_plain_words(self):
        with open(os.path.join(self.work.name, "topics.sanitised.tsv"), encoding="utf-8") as lines:
            self.assertEqual(lines.read().splitlines(), [
                "1\tkennedy and nuclear test ban treaty",
                "2\ttitle buddhist monks or protests",
                "3\tu.s. troops near saigon",
            ])
        self.assertIn("topic 4 has no words", self.result.stderr)

    def test_runs_find_the_obvious_answers(self):
        for name in ("dateline", "xapian", "sqlite-fts5"):
            run = trec_metrics.read_run(os.path.join(self.work.name, name + ".run"))
            self.assertEqual(sorted(run), ["1", "2", "3"], name)
            self.assertEqual(run["1"][0], "001", name)
            self.assertEqual(run["2"][0], "002", name)
            self.assertIn("003", run["3"][:2], name)


if __name__ == "__main__":
    unittest.main(argv=sys.argv[:1])

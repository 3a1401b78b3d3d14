#!/usr/bin/env python3
"""Tests of bench/index-throughput (run by CTest): how it sizes compressed
input, and one run on corpus/english whose table must hold a row per system
with figures that agree with each other and with the corpus. No timing is
checked.

Usage: test_index_throughput_smoke.py BUILD_DIR CORPUS_DIR
"""

import bz2
import gzip
import importlib.machinery
import importlib.util
import io
import os
import subprocess
import sys
import tarfile
import tempfile
import unittest

BENCH = os.path.dirname(os.path.abspath(__file__))
BUILD, CORPUS = sys.argv[1], sys.argv[2]
sys.path.insert(0, BENCH)
_loader = importlib.machinery.SourceFileLoader("index_throughput",
                                               os.path.join(BENCH, "index-throughput"))
_spec = importlib.util.spec_from_loader("index_throughput", _loader)
index_throughput = importlib.util.module_from_spec(_spec)
_loader.exec_module(index_throughput)


class InputBytes(unittest.TestCase):
    def test_compressed_input_counts_its_text_not_its_compressed_size(self):
        text = ("Finance ministers met in Paris on Sunday. " * 500).encode()
        with tempfile.TemporaryDirectory() as folder:
            archive = os.path.join(folder, "articles.tar.gz")
            with tarfile.open(archive, "w:gz") as tar:
                for name in ("a.txt", "b.txt"):
                    member = tarfile.TarInfo(name)
                    member.size = len(text)
                    tar.addfile(member, io.BytesIO(text))
            single = os.path.join(folder, "one.txt.bz2")
            with bz2.open(single, "wb") as stream:
                stream.write(text)
            plain = os.path.join(folder, "plain", "c.txt")
            os.makedirs(os.path.dirname(plain))
            with open(plain, "wb") as stream:
                stream.write(text[:100])
            with gzip.open(os.path.join(folder, "plain", "d.txt.gz"), "wb") as stream:
                stream.write(text)

            self.assertLess(os.path.getsize(archive), len(text))
            self.assertEqual(index_throughput.input_bytes(archive), 2 * len(text))
            self.assertEqual(index_throughput.input_bytes(single), len(text))
            self.assertEqual(index_throughput.input_bytes(os.path.join(folder, "plain")),
                             100 + len(text))


class Smoke(unittest.TestCase):
    def test_table_has_a_consistent_row_per_system(self):
        result = subprocess.run(
            [sys.executable, os.path.join(BENCH, "index-throughput"), "--build", BUILD,
             "--corpus", CORPUS, "--runs", "1", "--systems", "dateline,xapian", "--quiet"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        self.assertEqual(result.returncode, 0, result.stderr)
        rows = [[cell.strip() for cell in line.split("|")[1:-1]]
                for line in result.stdout.splitlines() if line.startswith("| ")]
        header = rows[0]
        self.assertEqual([row[header.index("system")] for row in rows[1:]],
                         ["dateline", "xapian"])
        corpus_mb = sum(os.path.getsize(os.path.join(folder, name))
                        for folder, _, names in os.walk(CORPUS) for name in names) / 1e6

        def number(row, column):
            return float(row[header.index(column)].split()[0])

        for row in rows[1:]:
            articles = number(row, "articles")
            self.assertGreater(articles, 0)
            self.assertAlmostEqual(number(row, "input MB"), corpus_mb, delta=corpus_mb * 0.01)
            wall = number(row, "wall s")
            self.assertAlmostEqual(number(row, "articles/s") * wall, articles,
                                   delta=articles * 0.02)
            self.assertAlmostEqual(number(row, "MB/s") * wall, corpus_mb, delta=corpus_mb * 0.02)
            self.assertGreater(number(row, "index MB"), 0)
            self.assertGreater(number(row, "peak RSS MB"), 0)
        # Dateline's figures carry their ratio to plain Xapian's.
        self.assertIn("(x", rows[1][header.index("articles/s")])


if __name__ == "__main__":
    unittest.main(argv=sys.argv[:1])

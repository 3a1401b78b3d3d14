#!/usr/bin/env python3
"""Tests of facet_accuracy.py on --hits lines written by hand (run by CTest)."""

import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import facet_accuracy  # noqa: E402

# Query 1: place estimated from a sample; kyiv's bounds hold its exact
# count, minsk's do not, riga is not in the exact top values. The date
# facet is exact and not compared. Query 2: nothing estimated.
ESTIMATED = [
    "1\t900\ta:1.5\tb:1.2\tdate=900,2022:900\t"
    "place=120~,kyiv:480[400-560],minsk:320[250-390],riga:40[10-90]\n",
    "2\t3\tc:2.0\tplace=3,kyiv:3\n",
]
EXACT = [
    "1\t900\ta:1.5\tb:1.2\tdate=900,2022:900\tplace=900,kyiv:500,minsk:400,odesa:60\n",
    "2\t3\tc:2.0\tplace=3,kyiv:3\n",
]


class Compare(unittest.TestCase):
    def test_counts_bounds_errors_and_shared_top_values(self):
        stats = facet_accuracy.compare(ESTIMATED, EXACT)
        self.assertEqual(stats["queries"], 1)
        self.assertEqual(stats["facets"], 1)
        self.assertEqual(stats["values"], 2)  # riga has no exact count
        self.assertEqual(stats["covered"], 1)  # kyiv: 500 in 400-560; minsk: 400 > 390
        self.assertEqual(len(stats["errors"]), 2)
        self.assertAlmostEqual(stats["errors"][0], 20 / 500)
        self.assertAlmostEqual(stats["errors"][1], 80 / 400)
        # Top 3 of each: kyiv and minsk shared, riga vs odesa not.
        self.assertEqual(stats["overlaps"], [2 / 3])

    def test_hit_columns_are_not_facets(self):
        parsed = facet_accuracy.facets("1\t2\tid=with:9.5\tplace=2,kyiv:2\n")
        self.assertEqual(list(parsed), ["place"])

    def test_files_of_different_queries_are_refused(self):
        with self.assertRaises(ValueError):
            facet_accuracy.compare(ESTIMATED, EXACT[:1])


if __name__ == "__main__":
    unittest.main()

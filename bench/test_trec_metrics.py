#!/usr/bin/env python3
"""Tests of trec_metrics.py against values worked out by hand (run by CTest)."""

import os
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import trec_metrics  # noqa: E402

# q1: three relevant documents (d1 d3 d5), d2 judged not relevant.
# q2: one relevant document, which the run does not retrieve.
# q3: judged, but nothing relevant: not counted in any mean.
QRELS = {
    "q1": {"d1": 1, "d2": 0, "d3": 1, "d5": 1},
    "q2": {"d9": 1},
    "q3": {"d7": 0},
}
# q1 retrieves d1 d2 d3 d4, in that order.
RUN = {"q1": ["d1", "d2", "d3", "d4"], "q3": ["d7"]}


class HandWorkedQuery(unittest.TestCase):
    judgments = QRELS["q1"]
    ranking = RUN["q1"]

    def test_average_precision(self):
        # Relevant at ranks 1 and 3: (1/1 + 2/3) / 3 relevant = 5/9.
        self.assertAlmostEqual(trec_metrics.average_precision(self.ranking, self.judgments), 5 / 9)

    def test_precision_at_10_divides_by_10_even_when_fewer_are_retrieved(self):
        self.assertAlmostEqual(trec_metrics.precision_at(self.ranking, self.judgments, 10), 0.2)

    def test_recall_at_100(self):
        self.assertAlmostEqual(trec_metrics.recall_at(self.ranking, self.judgments, 100), 2 / 3)

    def test_ndcg_at_10(self):
        # DCG = 1/log2(2) + 1/log2(4) = 1.5
        # IDCG = 1/log2(2) + 1/log2(3) + 1/log2(4) = 1.5 + 0.6309298 = 2.1309298
        self.assertAlmostEqual(trec_metrics.ndcg_at(self.ranking, self.judgments, 10),
                               1.5 / 2.1309298, places=6)
        self.assertAlmostEqual(trec_metrics.ndcg_at(self.ranking, self.judgments, 10), 0.7039181,
                               places=6)

    def test_cutoffs_apply(self):
        self.assertAlmostEqual(trec_metrics.precision_at(self.ranking, self.judgments, 2), 0.5)
        self.assertAlmostEqual(trec_metrics.recall_at(self.ranking, self.judgments, 2), 1 / 3)
        self.assertAlmostEqual(trec_metrics.ndcg_at(self.ranking, self.judgments, 1), 1.0)


class GradedJudgments(unittest.TestCase):
    def test_ndcg_uses_the_grade_as_gain(self):
        # d1 grade 2, d2 grade 1, retrieved as d2, d1:
        # DCG = 1/1 + 2/log2(3) = 2.2618595; IDCG = 2/1 + 1/log2(3) = 2.6309298.
        judgments = {"d1": 2, "d2": 1}
        self.assertAlmostEqual(trec_metrics.ndcg_at(["d2", "d1"], judgments, 10), 0.8597186,
                               places=6)


class MeansOverTopics(unittest.TestCase):
    def test_missing_topics_score_zero_and_unjudged_topics_are_left_out(self):
        means = trec_metrics.evaluate(RUN, QRELS)
        # q1 and q2 count; q2 scores 0 everywhere; q3 has nothing relevant.
        self.assertAlmostEqual(means["MAP"], (5 / 9) / 2)
        self.assertAlmostEqual(means["P@10"], 0.1)
        self.assertAlmostEqual(means["R@100"], 1 / 3)
        self.assertAlmostEqual(means["nDCG@10"], 0.7039181 / 2, places=6)
        self.assertEqual(set(trec_metrics.per_topic(RUN, QRELS)), {"q1", "q2"})

    def test_perfect_run(self):
        run = {"q1": ["d1", "d3", "d5"], "q2": ["d9"]}
        means = trec_metrics.evaluate(run, QRELS)
        self.assertAlmostEqual(means["MAP"], 1.0)
        self.assertAlmostEqual(means["nDCG@10"], 1.0)
        self.assertAlmostEqual(means["R@100"], 1.0)
        self.assertAlmostEqual(means["P@10"], (0.3 + 0.1) / 2)


class Files(unittest.TestCase):
    def write(self, text):
        handle = tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False, encoding="utf-8")
        handle.write(text)
        handle.close()
        self.addCleanup(os.unlink, handle.name)
        return handle.name

    def test_run_is_ordered_by_score_then_docno_descending(self):
        path = self.write("q1 Q0 a 1 1.0 t\nq1 Q0 c 2 3.5 t\nq1 Q0 b 3 1.0 t\n")
        self.assertEqual(trec_metrics.read_run(path), {"q1": ["c", "b", "a"]})

    def test_qrels(self):
        path = self.write("1 0 017 1\n1 0 018 0\n\n3 0 100 2\n")
        self.assertEqual(trec_metrics.read_qrels(path), {"1": {"017": 1, "018": 0}, "3": {"100": 2}})

    def test_malformed_lines_name_the_line(self):
        path = self.write("q1 Q0 a 1 1.0 t\nq1 a 1.0\n")
        with self.assertRaisesRegex(ValueError, ":2:"):
            trec_metrics.read_run(path)


class Sanitise(unittest.TestCase):
    def test_operators_and_syntax_become_plain_words(self):
        self.assertEqual(
            trec_metrics.sanitise_query('KENNEDY AND "NGO" (DIEM) OR -U.S. NOT title:X* A+B'),
            "kennedy and ngo diem or u.s. not title x a b")

    def test_apostrophes_and_full_stops_stay_inside_words_only(self):
        self.assertEqual(trec_metrics.sanitise_query("'DON'T' STOP . NOW."), "don't stop now")

    def test_abbreviations_end_with_a_full_stop(self):
        self.assertEqual(trec_metrics.sanitise_query("THE U.S . AND U.N. AND U.K"),
                         "the u.s. and u.n. and u.k.")

    def test_letters_outside_ascii_are_kept(self):
        self.assertEqual(trec_metrics.sanitise_query("Café_Zürich"), "café zürich")

    def test_nothing_left(self):
        self.assertEqual(trec_metrics.sanitise_query(' ( - ) " '), "")


if __name__ == "__main__":
    unittest.main()

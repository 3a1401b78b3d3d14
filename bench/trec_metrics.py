"""TREC-style relevance evaluation for bench/eval (Python 3 standard library only).

Run files:   "qid Q0 docno rank score tag" per line.
Qrels files: "qid iteration docno relevance" per line; relevance > 0 is relevant,
             and is the gain in nDCG.

A run is read in trec_eval's order: by score, highest first, ties broken by
docno, highest first (the rank column is ignored). Every metric is averaged
over the topics that have at least one relevant document in the qrels; a topic
the run has no line for scores 0.

Metrics:
  AP         sum of precision at the rank of each relevant document retrieved,
             divided by the number of relevant documents (MAP: mean over topics)
  nDCG@k     sum over the top k of gain / log2(rank + 1), divided by the same
             sum for the ideal ordering of the judged documents
  P@k        relevant documents in the top k, divided by k
  R@k        relevant documents in the top k, divided by all relevant ones
"""

import math
import re


def _records(path, layout):
    """The whitespace-separated fields of each non-blank line, checked to
    number as many as the words of `layout` (named in the error)."""
    width = len(layout.split())
    with open(path, encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            fields = line.split()
            if not fields:
                continue
            if len(fields) != width:
                raise ValueError(f"{path}:{number}: expected '{layout}'")
            yield fields


def read_qrels(path):
    """{qid: {docno: relevance}} from a TREC qrels file."""
    qrels = {}
    for qid, _, docno, relevance in _records(path, "qid iteration docno relevance"):
        qrels.setdefault(qid, {})[docno] = int(relevance)
    return qrels


def read_run(path):
    """{qid: [docno, ...]} from a TREC run file, in trec_eval's order."""
    scored = {}
    for qid, _, docno, _, score, _ in _records(path, "qid Q0 docno rank score tag"):
        scored.setdefault(qid, []).append((float(score), docno))
    return {qid: rank_order(pairs) for qid, pairs in scored.items()}


def rank_order(pairs):
    """Docnos of (score, docno) pairs by score, then docno, both descending."""
    return [docno for score, docno in sorted(pairs, reverse=True)]


def average_precision(ranking, judgments):
    relevant = sum(1 for grade in judgments.values() if grade > 0)
    if relevant == 0:
        return 0.0
    found = 0
    total = 0.0
    for rank, docno in enumerate(ranking, 1):
        if judgments.get(docno, 0) > 0:
            found += 1
            total += found / rank
    return total / relevant


def ndcg_at(ranking, judgments, k):
    dcg = sum(max(judgments.get(docno, 0), 0) / math.log2(rank + 1)
              for rank, docno in enumerate(ranking[:k], 1))
    ideal_gains = sorted((grade for grade in judgments.values() if grade > 0), reverse=True)
    ideal = sum(gain / math.log2(rank + 1) for rank, gain in enumerate(ideal_gains[:k], 1))
    return dcg / ideal if ideal > 0 else 0.0


def precision_at(ranking, judgments, k):
    return sum(1 for docno in ranking[:k] if judgments.get(docno, 0) > 0) / k


def recall_at(ranking, judgments, k):
    relevant = sum(1 for grade in judgments.values() if grade > 0)
    if relevant == 0:
        return 0.0
    return sum(1 for docno in ranking[:k] if judgments.get(docno, 0) > 0) / relevant


METRICS = ("MAP", "nDCG@10", "P@10", "R@100")


def per_topic(run, qrels):
    """{qid: {metric: value}} for every topic with a relevant document."""
    scores = {}
    for qid, judgments in sorted(qrels.items()):
        if not any(grade > 0 for grade in judgments.values()):
            continue
        ranking = run.get(qid, [])
        scores[qid] = {
            "MAP": average_precision(ranking, judgments),
            "nDCG@10": ndcg_at(ranking, judgments, 10),
            "P@10": precision_at(ranking, judgments, 10),
            "R@100": recall_at(ranking, judgments, 100),
        }
    return scores


def evaluate(run, qrels):
    """{metric: mean over topics} (see the module comment)."""
    scores = per_topic(run, qrels)
    if not scores:
        return {metric: 0.0 for metric in METRICS}
    return {metric: sum(topic[metric] for topic in scores.values()) / len(scores)
            for metric in METRICS}


# Query text as every system gets it: a bag of words. Lower-casing removes the
# operators (AND, OR, NOT, NEAR, ADJ are only operators in capitals, in
# Dateline's language as in Xapian's and FTS5's); every character other than
# a letter, digit, apostrophe or full stop becomes a space (quotes,
# parentheses, '-', '+', ':', '*', '_', ...); apostrophes and full stops are
# kept only inside a word ("don't"), except that a word with a full stop
# inside is an abbreviation and ends with one ("U.S", "U.S ." -> "u.s."), so
# that every system reads it as the acronym it is.
_SYNTAX = re.compile(r"[^\w\s'.]|_")


def sanitise_query(text):
    words = []
    for word in _SYNTAX.sub(" ", text.lower()).split():
        word = word.strip("'.")
        if "." in word:
            word += "."
        if word:
            words.append(word)
    return " ".join(words)

#!/usr/bin/env python3
"""A scaled corpus and a fixed query set from Reuters-21578, for bench/compare.

Standard library only. See bench/README.md ("Speed and size: bench/compare").

Scaled corpus: each generated article is assembled from sentences of
different Reuters stories (never two from one story), its length that of a
randomly chosen Reuters story, its title the title of yet another story, and
its publication time spread evenly over 1987. Reassembled sentences alone
would stop adding words once they have used Reuters' vocabulary, while a real
archive ten times larger has more distinct words, as Heaps' law V = K * n^beta
predicts (n tokens). So the generator first fits K and beta on Reuters itself
(distinct words after each story, least squares in log-log space), then, as
it writes, mints new word forms whenever the vocabulary so far falls below
K * n^beta: it replaces a word of four or more letters in the article with a
variant (a letter inserted, replaced or appended) not seen before. About as
many more words are replaced by forms minted earlier, so new forms recur
rather than occur once. The vocabulary growth it measured is written to
OUTPUT.heaps.tsv (articles, tokens, distinct words, the fitted target).

Words, for counting, are runs of ASCII letters, lower-cased.

Usage:
  bench/scaled_corpus.py corpus --scale 10 --output x10.jsonl [--seed 1] SGM...
  bench/scaled_corpus.py queries --output compare_queries.tsv [--seed 1] SGM...
"""

import argparse
import html
import json
import math
import random
import re
import sys

WORD = re.compile(r"[A-Za-z]+")
LONG_WORD = re.compile(r"[A-Za-z]{4,}")
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"])")
STORY = re.compile(r"<REUTERS.*?</REUTERS>", re.S)
TITLE = re.compile(r"<TITLE>(.*?)</TITLE>", re.S)
BODY = re.compile(r"<BODY>(.*?)</BODY>", re.S)
LETTERS = "abcdefghijklmnopqrstuvwxyz"
STOPWORDS = set("""a about above after again against all also am an and any are as at be
because been before being below between both but by can could did do does doing down during
each few for from further had has have having he her here hers him his how i if in into is it
its itself just me more most my no nor not now of off on once only or other our out over own
said same she should so some such than that the their them then there these they this those
through to too under until up very was we were what when where which while who whom why will
with would you your reuter reuters mln dlrs pct cts vs""".split())


def read_reuters(paths):
    """[(title, [sentence, ...])] for every story with a body, in file order."""
    stories = []
    for path in paths:
        with open(path, encoding="latin-1") as source:
            text = source.read()
        for match in STORY.finditer(text):
            block = match.group(0)
            body = BODY.search(block)
            if not body:
                continue
            title = TITLE.search(block)
            body_text = " ".join(html.unescape(body.group(1)).split())
            body_text = re.sub(r"\s*Reuter\s*$", "", body_text)
            sentences = [s for s in SENTENCE_END.split(body_text) if WORD.search(s)]
            if sentences:
                stories.append((" ".join(html.unescape(title.group(1)).split()) if title else "",
                                sentences))
    return stories


def words(text):
    return [w.lower() for w in WORD.findall(text)]


def fit_heaps(stories):
    """(K, beta) of V = K * n^beta over the stories in order, and the checkpoints."""
    seen = set()
    tokens = 0
    points = []
    step = max(1, len(stories) // 50)
    for number, (title, sentences) in enumerate(stories, 1):
        for sentence in [title] + sentences:
            found = words(sentence)
            tokens += len(found)
            seen.update(found)
        if number % step == 0:
            points.append((tokens, len(seen)))
    xs = [math.log(n) for n, _ in points]
    ys = [math.log(v) for _, v in points]
    mean_x, mean_y = sum(xs) / len(xs), sum(ys) / len(ys)
    beta = (sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys))
            / sum((x - mean_x) ** 2 for x in xs))
    return math.exp(mean_y - beta * mean_x), beta


def mint(word, rng, seen):
    """A new lower-case form near `word` that is not in `seen`."""
    while True:
        position = rng.randrange(1, len(word) + 1)
        operation = rng.randrange(3)
        letter = rng.choice(LETTERS)
        if operation == 0:
            form = word[:position] + letter + word[position:]
        elif operation == 1 and position < len(word):
            form = word[:position] + letter + word[position + 1:]
        else:
            form = word + letter
        if form not in seen:
            return form
        word = form


def replace_word(sentence, rng, form):
    """The sentence with one random word of four or more letters replaced by form."""
    matches = list(LONG_WORD.finditer(sentence))
    if not matches:
        return sentence
    match = rng.choice(matches)
    if match.group(0)[0].isupper():
        form = form[0].upper() + form[1:]
    return sentence[:match.start()] + form + sentence[match.end():]


def generate(stories, count, seed, output, heaps_path):
    rng = random.Random(seed)
    k, beta = fit_heaps(stories)
    seen = set()
    minted = []
    tokens = 0
    checkpoints = []
    step = max(1, count // 20)
    with open(output, "w", encoding="utf-8") as out:
        for number in range(count):
            length = min(len(rng.choice(stories)[1]), 40)
            chosen = set()
            sentences = []
            while len(sentences) < length:
                story = rng.randrange(len(stories))
                if story in chosen:
                    continue
                chosen.add(story)
                sentences.append(rng.choice(stories[story][1]))
            title_story = rng.randrange(len(stories))
            while title_story in chosen:
                title_story = rng.randrange(len(stories))
            title = stories[title_story][0] or sentences[0][:60]
            article_words = words(title) + [w for s in sentences for w in words(s)]
            natural = len(set(article_words) - seen)
            target = k * (tokens + len(article_words)) ** beta
            needed = max(0, int(target - len(seen) - natural))
            for _ in range(needed):
                index = rng.randrange(len(sentences))
                base = LONG_WORD.findall(sentences[index])
                if not base:
                    continue
                form = mint(rng.choice(base).lower(), rng, seen)
                seen.add(form)
                minted.append(form)
                sentences[index] = replace_word(sentences[index], rng, form)
            for _ in range(needed if minted else 0):
                index = rng.randrange(len(sentences))
                sentences[index] = replace_word(sentences[index], rng, rng.choice(minted))
            for sentence in [title] + sentences:
                found = words(sentence)
                tokens += len(found)
                seen.update(found)
            paragraphs = []
            while sentences:
                take = rng.randint(1, 3)
                paragraphs.append(" ".join(sentences[:take]))
                sentences = sentences[take:]
            seconds = min((number * 365 * 86400) // count + rng.randrange(86400), 365 * 86400 - 1)
            day, second = divmod(seconds, 86400)
            month, day_of_month = month_day(day)
            published = "1987-%02d-%02dT%02d:%02d:%02dZ" % (
                month, day_of_month, second // 3600, second // 60 % 60, second % 60)
            out.write(json.dumps({"id": "x%07d" % (number + 1), "source": "Reuters scaled",
                                  "title": title, "published": published,
                                  "paragraphs": paragraphs}) + "\n")
            if (number + 1) % step == 0 or number + 1 == count:
                checkpoints.append((number + 1, tokens, len(seen), round(k * tokens ** beta)))
    with open(heaps_path, "w", encoding="utf-8") as out:
        out.write("# Heaps fit on Reuters-21578: K=%.2f beta=%.3f\n" % (k, beta))
        out.write("articles\ttokens\tdistinct_words\tK*n^beta\n")
        for row in checkpoints:
            out.write("\t".join(str(value) for value in row) + "\n")
    return k, beta, checkpoints


def month_day(day_of_year):
    """(month, day) of a 0-based day of 1987 (not a leap year)."""
    lengths = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
    month = 0
    while day_of_year >= lengths[month]:
        day_of_year -= lengths[month]
        month += 1
    return month + 1, day_of_year + 1


def make_queries(stories, seed, output, counts=(300, 250, 250, 200)):
    """A fixed query set: single words, two-word ORs, two-word phrases and
    one word within a 1..3-month range of 1987, from the stories' words."""
    rng = random.Random(seed)
    document_frequency = {}
    for title, sentences in stories:
        for word in set(words(title + " " + " ".join(sentences))):
            document_frequency[word] = document_frequency.get(word, 0) + 1
    pool = sorted(w for w, df in document_frequency.items()
                  if df >= 3 and len(w) >= 3 and w not in STOPWORDS)
    lines = []
    for _ in range(counts[0]):
        lines.append("word\t" + rng.choice(pool))
    for _ in range(counts[1]):
        lines.append("or\t%s %s" % (rng.choice(pool), rng.choice(pool)))
    phrases = 0
    while phrases < counts[2]:
        found = words(rng.choice(rng.choice(stories)[1]))
        pairs = [(a, b) for a, b in zip(found, found[1:])
                 if len(a) >= 3 and len(b) >= 3 and a not in STOPWORDS and b not in STOPWORDS]
        if pairs:
            lines.append("phrase\t%s %s" % rng.choice(pairs))
            phrases += 1
    for _ in range(counts[3]):
        first = rng.randint(1, 12)
        last = min(12, first + rng.randint(0, 2))
        end = month_day(sum([31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][:last]) - 1)[1]
        lines.append("date\t%s\t1987-%02d-01\t1987-%02d-%02d" % (rng.choice(pool), first, last, end))
    with open(output, "w", encoding="utf-8") as out:
        out.write("# bench/compare queries: kind<TAB>words[<TAB>from<TAB>to]; made by\n")
        out.write("# bench/scaled_corpus.py queries --seed %d from Reuters-21578\n" % seed)
        out.write("\n".join(lines) + "\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("what", choices=("corpus", "queries"))
    parser.add_argument("sgm", nargs="+", help="Reuters-21578 .sgm files")
    parser.add_argument("--output", required=True)
    parser.add_argument("--scale", type=float, default=10.0,
                        help="articles to write, as a multiple of Reuters' stories (default 10)")
    parser.add_argument("--seed", type=int, default=1)
    arguments = parser.parse_args()
    stories = read_reuters(arguments.sgm)
    if arguments.what == "queries":
        make_queries(stories, arguments.seed, arguments.output)
        return
    count = int(len(stories) * arguments.scale)
    k, beta, checkpoints = generate(stories, count, arguments.seed, arguments.output,
                                    arguments.output + ".heaps.tsv")
    print("%d articles; Heaps fit on Reuters K=%.2f beta=%.3f; distinct words %d (target %d)"
          % (count, k, beta, checkpoints[-1][2], checkpoints[-1][3]), file=sys.stderr)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""A collection as TREC's SGML, in the forms of the collections that use
it, and a check of how Dateline reads it back.

  bench/trec_collection.py write ARTICLES.jsonl DIR
  bench/trec_collection.py compare ARTICLES.jsonl DIR.ids.tsv READ.jsonl

ARTICLES.jsonl is what `dateline-index read` prints for a collection in
another form (Reuters-21578, say). `write` deals its articles in turn to
six forms, as the collections write them, each form's files a day's
documents (every other one gzipped, as the TREC discs and the LDC ship
them):

  ap/       TIPSTER's Associated Press: DOCNO AP880212-0001, HEAD, two
            BYLINEs ("By NAME", "Associated Press Writer"), DATELINE,
            paragraphs' first lines indented, lines wrapped at 70
  wsj/      the Wall Street Journal: HL (wrapped) with "----" and the byline, DD
            03/24/87, SO, DATELINE, a paragraph a line, indented
  ft/       the Financial Times: DOCNO FT871-N (no date; N counts the
            form's documents), DATE 870324,
            HEADLINE "FT  24 MAR 87 / ...", BYLINE "By NAME, Staff
            Correspondent", paragraphs parted by blank lines, wrapped
  la/       the Los Angeles Times: DATE "March 24, 1987, Tuesday, Home
            Edition", HEADLINE, BYLINE and TEXT in <P>s, "Times Staff
            Writer"
  gigaword/ the LDC's Gigaword: <DOC id="AFP_ENG_19870324.0001"
            type="story">, HEADLINE, DATELINE, <P>s wrapped; after every
            fiftieth story an advisory (type="advis")
  aquaint/  AQUAINT: DOCNO APW19870324.0001, DATE_TIME 03/24/1987
            10:05:00, BODY, HEADLINE, <P>s

`write` also writes DIR.ids.tsv: each document number and the id of the
article it holds. `compare` matches what `dateline-index read DIR`
printed to the articles by it, and counts those whose title, paragraphs,
day and (where the form carries them) dateline and authors are the
article's.
"""
import calendar
import gzip
import json
import os
import sys
import textwrap
from datetime import datetime, timezone

FORMS = ["ap", "wsj", "ft", "la", "gigaword", "aquaint"]
CARRIES_AUTHORS = {"ap", "wsj", "ft", "la"}
CARRIES_DATELINE = {"ap", "wsj", "gigaword"}


def esc(text):
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def when(article):
    if "published" not in article:
        return None
    return datetime.fromisoformat(article["published"].replace("Z", "+00:00")).astimezone(
        timezone.utc)


def byline(article, role):
    names = article.get("authors", [])
    if not names:
        return None
    return "By " + " and ".join(names) + (", " + role if role else "")


def doc(form, article, seq):
    d = when(article) or datetime(1987, 1, 1, tzinfo=timezone.utc)
    title, paras = esc(article.get("title", "")), [esc(p) for p in article["paragraphs"]]
    dateline = esc(article.get("dateline", ""))
    out = []
    if form == "ap":
        number = "AP%s-%04d" % (d.strftime("%y%m%d"), seq)
        out += ["<DOC>", "<DOCNO> %s </DOCNO>" % number,
                "<FILEID>AP-NR-%s</FILEID>" % d.strftime("%m-%d-%y %H%MEST"),
                "<HEAD>%s</HEAD>" % title]
        if byline(article, None):
            out += ["<BYLINE>%s</BYLINE>" % esc(byline(article, None)),
                    "<BYLINE>Associated Press Writer</BYLINE>"]
        if dateline:
            out.append("<DATELINE>%s </DATELINE>" % dateline)
        out.append("<TEXT>")
        for p in paras:
            out += textwrap.wrap(p, 70, initial_indent="   ", break_long_words=False,
                                 break_on_hyphens=False)
        out += ["</TEXT>", "</DOC>"]
    elif form == "wsj":
        number = "WSJ%s-%04d" % (d.strftime("%y%m%d"), seq)
        hl = "\n".join(textwrap.wrap(title, 40, break_long_words=False,
                                      break_on_hyphens=False)) or title
        if byline(article, None):
            hl += "\n----\n" + esc(byline(article, None))
        out += ["<DOC>", "<DOCNO> %s </DOCNO>" % number, "<HL> %s </HL>" % hl,
                "<DD> %s</DD>" % d.strftime("%m/%d/%y"), "<SO> WALL STREET JOURNAL (J)</SO>"]
        if dateline:
            out.append("<DATELINE> %s </DATELINE>" % dateline)
        out += ["<TEXT>"] + ["    " + p for p in paras] + ["</TEXT>", "</DOC>"]
    elif form == "ft":
        number = "FT%s1-%d" % (d.strftime("%y"), seq)  # seq: the form's, not the day's
        out += ["<DOC>", "<DOCNO>%s</DOCNO>" % number, "<DATE>%s" % d.strftime("%y%m%d"),
                "</DATE>", "<HEADLINE>",
                "FT  %s / %s" % (d.strftime("%d %b %y").upper(), title), "</HEADLINE>"]
        if byline(article, "Staff Correspondent"):
            out += ["<BYLINE>", esc(byline(article, "Staff Correspondent")), "</BYLINE>"]
        out.append("<TEXT>")
        for k, p in enumerate(paras):
            out += ([""] if k else []) + textwrap.wrap(p, 75, break_long_words=False,
                                                        break_on_hyphens=False)
        out += ["</TEXT>", "<PUB>The Financial Times", "</PUB>", "</DOC>"]
    elif form == "la":
        number = "LA%s-%04d" % (d.strftime("%m%d%y"), seq)
        long_date = "%s %d, %d, %s, Home Edition" % (
            calendar.month_name[d.month], d.day, d.year, calendar.day_name[d.weekday()])
        out += ["<DOC>", "<DOCNO> %s </DOCNO>" % number, "<DOCID> %d </DOCID>" % seq,
                "<DATE>", "<P>", long_date, "</P>", "</DATE>",
                "<HEADLINE>", "<P>", title, "</P>", "</HEADLINE>"]
        if byline(article, "Times Staff Writer"):
            out += ["<BYLINE>", "<P>", esc(byline(article, "Times Staff Writer")), "</P>",
                    "</BYLINE>"]
        out.append("<TEXT>")
        for p in paras:
            out += ["<P>", p, "</P>"]
        out += ["</TEXT>", "</DOC>"]
    elif form == "gigaword":
        number = "AFP_ENG_%s.%04d" % (d.strftime("%Y%m%d"), seq)
        out += ['<DOC id="%s" type="story" >' % number, "<HEADLINE>", title, "</HEADLINE>"]
        if dateline:
            out += ["<DATELINE>", dateline, "</DATELINE>"]
        out.append("<TEXT>")
        for p in paras:
            out += ["<P>"] + textwrap.wrap(p, 72, break_long_words=False,
                                           break_on_hyphens=False) + ["</P>"]
        out += ["</TEXT>", "</DOC>"]
        if seq % 50 == 0:
            out += ['<DOC id="AFP_ENG_%s.%04dA" type="advis" >' % (d.strftime("%Y%m%d"), seq),
                    "<HEADLINE>", "Editors: correction to come", "</HEADLINE>", "<TEXT>",
                    "<P>", "A corrected story will move shortly.", "</P>", "</TEXT>", "</DOC>"]
    else:  # aquaint
        number = "APW%s.%04d" % (d.strftime("%Y%m%d"), seq)
        out += ["<DOC>", "<DOCNO> %s </DOCNO>" % number, "<DOCTYPE> NEWS STORY </DOCTYPE>",
                "<DATE_TIME> %s </DATE_TIME>" % d.strftime("%m/%d/%Y %H:%M:%S"), "<BODY>",
                "<SLUG> BC-%04d </SLUG>" % seq, "<HEADLINE>", title, "</HEADLINE>", "<TEXT>"]
        for p in paras:
            out += ["<P>", "   " + p, "</P>"]
        out += ["</TEXT>", "</BODY>", "<TRAILER> AP-NY-%s </TRAILER>" % d.strftime("%m-%d-%y"),
                "</DOC>"]
    return number, "\n".join(out) + "\n"


def write(articles_path, out_dir):
    articles = [json.loads(line) for line in open(articles_path, encoding="utf-8")]
    files, seq, numbers = {}, {}, []
    for n, article in enumerate(articles):
        if not article.get("paragraphs"):
            continue
        form = FORMS[n % len(FORMS)]
        d = when(article) or datetime(1987, 1, 1, tzinfo=timezone.utc)
        key = (form, d.strftime("%Y%m%d"))
        seq[key] = seq.get(key, 0) + 1
        seq[form] = seq.get(form, 0) + 1
        number, text = doc(form, article, seq[form] if form == "ft" else seq[key])
        files.setdefault(key, []).append(text)
        numbers.append((number, article["id"]))
    for k, ((form, day), docs) in enumerate(sorted(files.items())):
        os.makedirs(os.path.join(out_dir, form), exist_ok=True)
        path = os.path.join(out_dir, form, form + day)
        data = "".join(docs).encode("utf-8")
        if k % 2:
            with gzip.open(path + ".gz", "wb") as out:
                out.write(data)
        else:
            with open(path, "wb") as out:
                out.write(data)
    with open(out_dir.rstrip("/") + ".ids.tsv", "w", encoding="utf-8") as out:
        out.writelines("%s\t%s\n" % pair for pair in numbers)
    print("%d documents in %d files" % (len(numbers), len(files)))


def form_of(number):
    for prefix, form in (("AFP_ENG", "gigaword"), ("APW", "aquaint"), ("AP", "ap"),
                         ("WSJ", "wsj"), ("FT", "ft"), ("LA", "la")):
        if number.startswith(prefix):
            return form
    return None


def compare(articles_path, ids_path, read_path):
    by_id = {a["id"]: a for a in map(json.loads, open(articles_path, encoding="utf-8"))}
    source = dict(line.rstrip("\n").split("\t") for line in open(ids_path, encoding="utf-8"))
    counts = {"read": 0, "same": 0, "title": 0, "paragraphs": 0, "day": 0, "dateline": 0,
              "authors": 0, "unmatched": 0}
    for line in open(read_path, encoding="utf-8"):
        got = json.loads(line)
        counts["read"] += 1
        want = by_id.get(source.get(got["id"]))
        if want is None:
            counts["unmatched"] += 1
            continue
        form = form_of(got["id"])
        checks = {
            "title": got.get("title", "") == want.get("title", ""),
            "paragraphs": got["paragraphs"] == want["paragraphs"],
            "day": bool(when(want) and when(got) and when(want).date() == when(got).date()),
            "dateline": form not in CARRIES_DATELINE or
            got.get("dateline", "") == want.get("dateline", ""),
            "authors": form not in CARRIES_AUTHORS or
            [a.lower() for a in got.get("authors", [])] ==
            [a.lower() for a in want.get("authors", [])],
        }
        for name, ok in checks.items():
            counts[name] += ok
        counts["same"] += all(checks.values())
    print(" ".join("%s=%d" % item for item in counts.items()))


if __name__ == "__main__":
    if sys.argv[1:2] == ["write"] and len(sys.argv) == 4:
        write(sys.argv[2], sys.argv[3])
    elif sys.argv[1:2] == ["compare"] and len(sys.argv) == 5:
        compare(sys.argv[2], sys.argv[3], sys.argv[4])
    else:
        sys.exit(__doc__)

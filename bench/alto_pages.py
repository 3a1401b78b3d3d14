#!/usr/bin/env python3
"""A collection as a digitised newspaper's pages (ALTO), and a check of
how Dateline reads them back.

  bench/alto_pages.py write ARTICLES.jsonl DIR
  bench/alto_pages.py compare ARTICLES.jsonl READ.jsonl

ARTICLES.jsonl is what `dateline-index read` prints for the collection in
another form. `write` lays it out as Chronicling America's batches are:
DIR/sn99999999/reel0001/YYYYMMDDEE/NNNN.xml, four pages an issue, one
article a page, an issue a day from 1 January 1900, and each issue's METS
description beside its pages. A page is ALTO v2 as OCR writes it: a
running head and page number in the top margin; the headline and each
paragraph a TextBlock of lines of about 45 characters, a word that does
not fit hyphenated across the line, marked with a HYP alone on even pages
and with HypPart1/HypPart2 and the whole word on odd ones.

`compare` reads what `dateline-index read DIR` printed and counts the
pages whose paragraphs are the article's headline, dek and paragraphs,
and the dated ones.
"""
import json
import os
import sys
from datetime import date, timedelta
from xml.sax.saxutils import quoteattr

LINE = 45


def words_to_lines(text, odd):
    """TextLines of about LINE characters; long words split at the end."""
    lines, line, length = [], [], 0
    for word in text.split():
        if length and length + 1 + len(word) > LINE:
            room = LINE - length - 2
            if len(word) >= 8 and room >= 3 and word.isalpha():
                cut = min(room, len(word) - 3)
                head, tail = word[:cut], word[cut:]
                if odd:
                    line.append('<String CONTENT=%s SUBS_TYPE="HypPart1" SUBS_CONTENT=%s/>'
                                % (quoteattr(head), quoteattr(word)))
                    lines.append(line + ['<HYP CONTENT="-"/>'])
                    line = ['<String CONTENT=%s SUBS_TYPE="HypPart2" SUBS_CONTENT=%s/>'
                            % (quoteattr(tail), quoteattr(word))]
                else:
                    line.append('<String CONTENT=%s/>' % quoteattr(head))
                    lines.append(line + ['<HYP CONTENT="-"/>'])
                    line = ['<String CONTENT=%s/>' % quoteattr(tail)]
                length = len(tail)
                continue
            lines.append(line)
            line, length = [], 0
        line.append('<String CONTENT=%s/>' % quoteattr(word))
        length += len(word) + (1 if length else 0)
    if line:
        lines.append(line)
    out = []
    for parts in lines:
        words = [part for part in parts if not part.startswith("<HYP")]
        hyphen = "<HYP CONTENT=\"-\"/>" if parts and parts[-1].startswith("<HYP") else ""
        out.append("<TextLine>%s%s</TextLine>" % ("<SP/>".join(words), hyphen))
    return "".join(out)


def block(text, odd, block_id):
    return '<TextBlock ID="%s" LANG="eng">%s</TextBlock>\n' % (block_id, words_to_lines(text, odd))


def write(articles_path, out_dir):
    articles = [json.loads(line) for line in open(articles_path, encoding="utf-8")]
    reel = os.path.join(out_dir, "sn99999999", "reel0001")
    for n, article in enumerate(articles):
        day = date(1900, 1, 1) + timedelta(days=n // 4)
        issue = os.path.join(reel, day.strftime("%Y%m%d") + "01")
        os.makedirs(issue, exist_ok=True)
        page = n % 4 + 1
        if page == 1:
            with open(issue + ".xml", "w", encoding="utf-8") as mets:
                mets.write('<?xml version="1.0"?>\n<mets:mets xmlns:mets="http://www.loc.gov/METS/">'
                           '<mets:dmdSec ID="issueModsBib"/></mets:mets>\n')
        texts = [article["title"]] + ([article["dek"]] if article.get("dek") else []) + \
            article["paragraphs"]
        odd = page % 2 == 1
        with open(os.path.join(issue, "%04d.xml" % page), "w", encoding="utf-8") as out:
            out.write('<?xml version="1.0" encoding="UTF-8"?>\n'
                      '<alto xmlns="http://www.loc.gov/standards/alto/ns-v2#">\n'
                      '<Description><MeasurementUnit>inch1200</MeasurementUnit></Description>\n'
                      '<Layout><Page ID="P%d" PHYSICAL_IMG_NR="%d">\n' % (page, page))
            out.write('<TopMargin>' + block("THE TEST HERALD, %s %d" % (
                day.strftime("%B"), page), odd, "RH") + '</TopMargin>\n<PrintSpace>\n')
            for i, text in enumerate(texts):
                out.write(block(text, odd, "TB%d" % i))
            out.write('</PrintSpace>\n</Page></Layout></alto>\n')


def compare(articles_path, read_path):
    articles = [json.loads(line) for line in open(articles_path, encoding="utf-8")]
    wanted = {}
    for article in articles:
        texts = [article["title"]] + ([article["dek"]] if article.get("dek") else []) + \
            article["paragraphs"]
        wanted.setdefault(tuple(" ".join(t.split()) for t in texts), 0)
    same = different = dated = 0
    for line in open(read_path, encoding="utf-8"):
        got = json.loads(line)
        if tuple(got["paragraphs"]) in wanted:
            same += 1
        else:
            different += 1
        dated += "published" in got
    print("pages read as the article: %d, differently: %d, dated: %d" % (same, different, dated))


if __name__ == "__main__":
    if len(sys.argv) != 4 or sys.argv[1] not in ("write", "compare"):
        sys.exit(__doc__)
    (write if sys.argv[1] == "write" else compare)(sys.argv[2], sys.argv[3])

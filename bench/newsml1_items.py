#!/usr/bin/env python3
"""A collection as an agency's NewsML 1 deliveries, and a check of how
Dateline reads them back.

  bench/newsml1_items.py write ARTICLES.jsonl DIR
  bench/newsml1_items.py compare DIR READ.jsonl

ARTICLES.jsonl is what `dateline-index read` prints for a collection in
another form (Reuters-21578, say). `write` puts its articles, a hundred a
file, into NewsML 1.2 documents as agencies delivered them from 2000 on:
an envelope, then a NewsItem each, with its identifier (ProviderId,
DateId, NewsItemId, RevisionId, PublicIdentifier), FirstCreated,
NewsLines (HeadLine, ByLine, DateLine, CreditLine) and a main
NewsComponent whose ContentItem holds the text as NITF, XHTML or plain
text in turn. Every fiftieth item is sent again later in the file as
revision 2 with a headline starting "UPDATE 1-", which must replace the
first; after every hundredth comes an advisory to editors, which is no
story. DIR.expected.jsonl, beside DIR, records what each item should be
read as.

`compare` counts the articles `dateline-index read DIR` printed whose
id, title, authors, dateline, day and paragraphs are the item's (for an
item sent twice, its last revision's).
"""
import json
import os
import sys
from datetime import datetime, timezone
from xml.sax.saxutils import escape, quoteattr


def when(article):
    if "published" not in article:
        return None
    return datetime.fromisoformat(article["published"].replace("Z", "+00:00")).astimezone(
        timezone.utc)


def item(article, n, revision, title):
    d = when(article) or datetime(1987, 1, 1, tzinfo=timezone.utc)
    date_id, item_id = d.strftime("%Y%m%d"), "TX-%06d" % n
    stamp = d.strftime("%Y%m%dT%H%M%S+0000")
    paras = article["paragraphs"]
    form = n % 3
    if form == 0:
        mime = "text/vnd.IPTC.NITF"
        data = "<nitf><body><body.content>%s</body.content></body></nitf>" % "".join(
            "<p>%s</p>" % escape(p) for p in paras)
    elif form == 1:
        mime = "application/xhtml+xml"
        data = "<html><body>%s</body></html>" % "".join("<p>%s</p>" % escape(p) for p in paras)
    else:
        mime = "text/plain"
        data = escape("\n\n".join(paras))
    lines = ["<HeadLine>%s</HeadLine>" % escape(title)]
    if article.get("authors"):
        lines.append("<ByLine>By %s</ByLine>" % escape(" and ".join(article["authors"])))
    if article.get("dateline"):
        lines.append("<DateLine>%s</DateLine>" % escape(article["dateline"]))
    lines.append("<CreditLine>Reuters</CreditLine>")
    return """  <NewsItem>
    <Identification><NewsIdentifier>
      <ProviderId>reuters.example</ProviderId><DateId>%s</DateId><NewsItemId>%s</NewsItemId>
      <RevisionId PreviousRevision="%d" Update="N">%d</RevisionId>
      <PublicIdentifier>urn:newsml:reuters.example:%s:%s:%d</PublicIdentifier>
    </NewsIdentifier></Identification>
    <NewsManagement><NewsItemType FormalName="News"/><FirstCreated>%s</FirstCreated>
      <ThisRevisionCreated>%s</ThisRevisionCreated><Status FormalName="Usable"/></NewsManagement>
    <NewsComponent xml:lang="en">
      <NewsLines>%s</NewsLines>
      <AdministrativeMetadata><Provider><Party FormalName="Reuters"/></Provider></AdministrativeMetadata>
      <NewsComponent><Role FormalName="Main"/>
        <ContentItem><MediaType FormalName="Text"/><MimeType FormalName=%s/>
          <DataContent>%s</DataContent></ContentItem>
      </NewsComponent>
    </NewsComponent>
  </NewsItem>
""" % (date_id, item_id, revision - 1, revision, date_id, item_id, revision, stamp, stamp,
       "".join(lines), quoteattr(mime), data), "urn:newsml:reuters.example:%s:%s" % (date_id,
                                                                                  item_id)


ADVISORY = """  <NewsItem>
    <NewsManagement><NewsItemType FormalName="Advisory"/></NewsManagement>
    <NewsComponent><NewsLines><HeadLine>Editors: schedule change</HeadLine></NewsLines>
    </NewsComponent>
  </NewsItem>
"""


def write(articles_path, out_dir):
    articles = [json.loads(line) for line in open(articles_path, encoding="utf-8")]
    articles = [a for a in articles if a.get("paragraphs")]
    os.makedirs(out_dir, exist_ok=True)
    expected = {}
    for start in range(0, len(articles), 100):
        body, again = [], []
        for n in range(start, min(start + 100, len(articles))):
            article = articles[n]
            text, urn = item(article, n, 1, article.get("title", ""))
            body.append(text)
            expected[urn] = dict(article, id=urn)
            if n % 50 == 0:
                title = "UPDATE 1-" + article.get("title", "")
                again.append(item(article, n, 2, title)[0])
                expected[urn]["title"] = title
        body += again + [ADVISORY]
        with open(os.path.join(out_dir, "delivery-%05d.xml" % (start // 100)), "w",
                  encoding="utf-8") as out:
            out.write('<?xml version="1.0" encoding="UTF-8"?>\n<NewsML Version="1.2">\n'
                      "  <NewsEnvelope><DateAndTime>19870301T000000+0000</DateAndTime>"
                      "</NewsEnvelope>\n" + "".join(body) + "</NewsML>\n")
    with open(out_dir.rstrip("/") + ".expected.jsonl", "w", encoding="utf-8") as out:
        for article in expected.values():
            out.write(json.dumps(article) + "\n")
    print("%d stories in %d files" % (len(expected), (len(articles) + 99) // 100))


def compare(out_dir, read_path):
    expected = {e["id"]: e for e in map(json.loads, open(out_dir.rstrip("/") + ".expected.jsonl"))}
    last = {}
    read = 0
    for line in open(read_path, encoding="utf-8"):
        got = json.loads(line)
        read += 1
        last[got["id"]] = got  # a later revision replaces the earlier, as in an index
    fields = {"title": 0, "authors": 0, "dateline": 0, "day": 0, "paragraphs": 0}
    same = 0
    for urn, want in expected.items():
        got = last.get(urn)
        if got is None:
            continue
        checks = {
            "title": got.get("title", "") == want.get("title", ""),
            "authors": [a.lower() for a in got.get("authors", [])] ==
            [a.lower() for a in want.get("authors", [])],
            "dateline": got.get("dateline", "") == want.get("dateline", ""),
            "day": bool(when(got) and when(want) and when(got).date() == when(want).date()),
            "paragraphs": got["paragraphs"] == want["paragraphs"],
        }
        for name, ok in checks.items():
            fields[name] += ok
        same += all(checks.values())
    print("stories %d, records read %d, distinct ids %d, read as the story %d; by field: %s" % (
        len(expected), read, len(last), same, " ".join("%s=%d" % f for f in fields.items())))


if __name__ == "__main__":
    if len(sys.argv) != 4 or sys.argv[1] not in ("write", "compare"):
        sys.exit(__doc__)
    (write if sys.argv[1] == "write" else compare)(sys.argv[2], sys.argv[3])

#!/usr/bin/env python3
"""CoNLL-2003's documents as the Reuters Corpus (RCV1) keeps them, and a
check of how Dateline reads them back.

  bench/rcv1_items.py write CONLL_DIR OUT_DIR
  bench/rcv1_items.py compare OUT_DIR READ.jsonl

CoNLL-2003's English documents are RCV1 stories, token by token, and its
files.eng names each one's RCV1 file ("19960822/7576newsML.xml"). `write`
puts each document (eng.train, then eng.testa) back into such a file: a
<newsitem> in ISO-8859-1 with that itemid and day, its first sentence the
headline (under a <title> that some items open with a country, as RCV1's
do), a short line of names before the dateline the byline, the "BRUSSELS
1996-08-22" line the dateline, every further sentence a <p>, topic codes
and Dublin Core metadata. Each day's items go in a zip, OUT_DIR/DAY.zip,
as the corpus is shipped. OUT_DIR.expected.jsonl, beside it, records
what each item holds.

`compare` counts the articles `dateline-index read OUT_DIR` printed
whose id, title, byline, dateline, day, paragraphs and topics are the
item's.
"""
import json
import os
import re
import sys
import zipfile
from xml.sax.saxutils import escape, quoteattr

DATELINE = re.compile(r"^[A-Z][A-Z .'-]* \d{4}-\d\d-\d\d$")
COUNTRIES = ["USA", "UK", "GERMANY", "FRANCE", "BELGIUM", "NETHERLANDS", "SOUTH AFRICA"]
TOPICS = [["CCAT", "C15"], ["GCAT", "GSPO"], ["ECAT", "E11"], ["MCAT", "M14"]]


def documents(conll_dir):
    for name in ("eng.train", "eng.testa"):
        doc, sentence = None, []
        for line in open(os.path.join(conll_dir, name), encoding="latin-1"):
            line = line.rstrip("\n")
            if line.startswith("-DOCSTART-"):
                if doc is not None:
                    if sentence:
                        doc.append(" ".join(sentence))
                    yield doc
                doc, sentence = [], []
            elif not line.strip():
                if sentence:
                    doc.append(" ".join(sentence))
                sentence = []
            else:
                sentence.append(line.split(" ")[0])
        if sentence:
            doc.append(" ".join(sentence))
        if doc is not None:
            yield doc


def write(conll_dir, out_dir):
    files = [line.strip() for line in open(os.path.join(conll_dir, "files.eng"))]
    os.makedirs(out_dir, exist_ok=True)
    zips, expected = {}, []
    for n, (sentences, path) in enumerate(zip(documents(conll_dir), files)):
        day, base = path.split("/")
        itemid = base.replace("newsML.xml", "")
        headline, rest = sentences[0], sentences[1:]
        byline = dateline = ""
        if len(rest) >= 2 and DATELINE.match(rest[1]) and len(rest[0].split()) <= 3:
            byline, dateline, rest = rest[0], rest[1], rest[2:]
        elif rest and DATELINE.match(rest[0]):
            dateline, rest = rest[0], rest[1:]
        country = COUNTRIES[n % len(COUNTRIES)] if n % 3 else ""
        title = (country + ": " if country else "") + headline
        topics = TOPICS[n % len(TOPICS)]
        iso = "%s-%s-%s" % (day[:4], day[4:6], day[6:])
        xml = ['<?xml version="1.0" encoding="iso-8859-1" ?>',
               '<newsitem itemid="%s" id="root" date="%s" xml:lang="en">' % (itemid, iso),
               "<title>%s</title>" % escape(title), "<headline>%s</headline>" % escape(headline)]
        if byline:
            xml.append("<byline>%s</byline>" % escape(byline))
        if dateline:
            xml.append("<dateline>%s</dateline>" % escape(dateline))
        xml.append("<text>")
        xml += ["<p>%s</p>" % escape(p) for p in rest]
        xml += ["</text>", "<copyright>(c) Reuters Limited 1996</copyright>", "<metadata>",
                '<codes class="bip:topics:1.0">']
        xml += ['  <code code=%s>\n    <editdetail attribution="Reuters BIP Coding Group" '
                'action="confirmed" date=%s/>\n  </code>' % (quoteattr(t), quoteattr(iso))
                for t in topics]
        xml += ["</codes>", '<dc element="dc.date.published" value="%s"/>' % iso,
                '<dc element="dc.source" value="Reuters"/>', "</metadata>", "</newsitem>"]
        zips.setdefault(day, []).append((day + "/" + base, "\n".join(xml) + "\n"))
        expected.append({"id": "rcv1-" + itemid, "title": headline,
                         "authors": [byline] if byline else [], "dateline": dateline,
                         "day": iso, "paragraphs": rest, "tags": topics})
    for day, items in zips.items():
        with zipfile.ZipFile(os.path.join(out_dir, day + ".zip"), "w",
                             zipfile.ZIP_DEFLATED) as archive:
            for name, text in items:
                archive.writestr(name, text.encode("latin-1", "replace"))
    with open(out_dir.rstrip("/") + ".expected.jsonl", "w", encoding="utf-8") as out:
        for item in expected:
            out.write(json.dumps(item) + "\n")
    print("%d items in %d zips" % (len(expected), len(zips)))


def compare(out_dir, read_path):
    expected = {e["id"]: e for e in map(json.loads, open(out_dir.rstrip("/") + ".expected.jsonl"))}
    read = same = 0
    fields = {"title": 0, "authors": 0, "dateline": 0, "day": 0, "paragraphs": 0, "tags": 0}
    for line in open(read_path, encoding="utf-8"):
        got = json.loads(line)
        read += 1
        want = expected.get(got["id"])
        if want is None:
            continue
        checks = {"title": got.get("title", "") == want["title"],
                  "authors": got.get("authors", []) == want["authors"],
                  "dateline": got.get("dateline", "") == want["dateline"],
                  "day": got.get("published", "")[:10] == want["day"],
                  "paragraphs": got["paragraphs"] == want["paragraphs"],
                  "tags": got.get("tags", []) == want["tags"]}
        for name, ok in checks.items():
            fields[name] += ok
        same += all(checks.values())
    print("items %d, articles read %d, read as the item %d; by field: %s" % (
        len(expected), read, same, " ".join("%s=%d" % f for f in fields.items())))


if __name__ == "__main__":
    if len(sys.argv) != 4 or sys.argv[1] not in ("write", "compare"):
        sys.exit(__doc__)
    (write if sys.argv[1] == "write" else compare)(sys.argv[2], sys.argv[3])

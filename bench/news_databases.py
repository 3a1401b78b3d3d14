#!/usr/bin/env python3
"""A collection as the news databases export it, and a check of how Dateline
reads it back.

  bench/news_databases.py FORMAT ARTICLES.jsonl DIR
  bench/news_databases.py compare ARTICLES.jsonl READ.jsonl

ARTICLES.jsonl is what `dateline-index read` prints for the collection in
another form (Reuters-21578 as distributed, say). FORMAT is one of:

  lexisnexis-text   LexisNexis Academic's text export (.TXT): 500 articles a
                    file, the download request first, each article after its
                    "N of M DOCUMENTS" line, centred lines indented, the body
                    wrapped at 78 columns, LOAD-DATE, LANGUAGE, SUBJECT (the
                    article's tags at 90%) and GEOGRAPHIC (its places) after
                    it, its copyright line last.
  lexisnexis-html   the same as Academic's HTML export (.HTML): a <div> a
                    block, the date line's edition after a <br>.
  nexis-uni-docx    Nexis Uni's Word export (.DOCX): 100 articles a file, the
                    cover page listing them, each article ending "End of
                    Document", its time given ("9:20 AM GMT").
  factiva-xml       Factiva's XML export (a PPS response): 100 articles a file.
  factiva-html      Factiva's HTML export with its codes: 100 articles a file,
                    the time in ET.
  factiva-rtf       Factiva's RTF export without codes ("Article Format"): 100
                    articles a file, each article's lines in the codes' order
                    (headline, byline, "N words", date, time, source, code,
                    language, copyright, paragraphs, "Document" and the id).

Every article names its source as the collection's ("Reuters"), its authors
(as BYLINE), its dateline (as DATELINE) and its dek (as HIGHLIGHT) when it
has them. An article without text is left out, as the databases hold none.

`compare` counts the articles read back whose headline, text (dek and
paragraphs, whitespace collapsed), day, time (where the format gives one),
authors, tags and places (as sets, case aside: the databases write their
index terms in capitals) are the collection's, matching articles by
headline, day and text.
"""
import calendar
import datetime
import html
import json
import os
import sys
import textwrap
import zipfile
from collections import defaultdict

SOURCE = "Reuters"


def load(path):
    return [json.loads(line) for line in open(path, encoding="utf-8")]


def with_text(articles):
    return [a for a in articles
            if (a.get("paragraphs") or a.get("dek")) and a.get("published")]


def when(article):
    return datetime.datetime.strptime(article["published"][:19], "%Y-%m-%dT%H:%M:%S")


def places(article):
    return [e["display"] for e in article.get("entities", []) if e["type"] == "place"]


def centred(text):
    return text.center(78).rstrip()


def chunks(articles, size):
    for start in range(0, len(articles), size):
        yield start, articles[start:start + size]


def day_line(d):
    return "%s %d, %d %s" % (calendar.month_name[d.month], d.day, d.year,
                             calendar.day_name[d.weekday()])


def clock(d):
    return "%d:%02d %s GMT" % ((d.hour + 11) % 12 + 1, d.minute, "AM" if d.hour < 12 else "PM")


def words(article):
    return sum(len(p.split()) for p in article.get("paragraphs", []))


def academic_fields(article):
    """The fields before and after the body, as (label, value) pairs."""
    before = []
    if article.get("authors"):
        before.append(("BYLINE", " and ".join(article["authors"])))
    before.append(("SECTION", "FINANCIAL; Pg. 1"))
    before.append(("LENGTH", "%d words" % words(article)))
    if article.get("dateline"):
        before.append(("DATELINE", article["dateline"]))
    if article.get("dek"):
        before.append(("HIGHLIGHT", article["dek"]))
    after = [("LOAD-DATE", day_line(when(article)).rsplit(" ", 1)[0]), ("LANGUAGE", "ENGLISH")]
    if article.get("tags"):
        after.append(("SUBJECT", "; ".join("%s (90%%)" % t.upper() for t in article["tags"])))
    if places(article):
        after.append(("GEOGRAPHIC", "; ".join("%s (90%%)" % p.upper() for p in places(article))))
    return before, after


def write_lexisnexis_text(articles, directory):
    os.makedirs(directory, exist_ok=True)
    articles = with_text(articles)
    for start, batch in chunks(articles, 500):
        out = ["", "", "Download Request: Selected Items: %d-%d" % (start + 1, start + len(batch)),
               "Time Of Request: Monday, March 4, 2019  10:12:40", "",
               "Terms: (DATE(>=1987-01-01 and <=1987-12-31))", "", "Source: %s" % SOURCE, "", ""]
        for n, article in enumerate(batch, 1):
            before, after = academic_fields(article)
            out += [centred("%d of %d DOCUMENTS" % (n, len(batch))), "", "", "",
                    centred(SOURCE), "", centred(day_line(when(article))),
                    centred("Late City Final Edition"), ""]
            if article.get("title"):
                out += textwrap.wrap(article["title"], 78, break_on_hyphens=False) + [""]
            for label, value in before:
                out += textwrap.wrap("%s: %s" % (label, value), 78, break_on_hyphens=False) + [""]
            for paragraph in article.get("paragraphs", []):
                out += textwrap.wrap(paragraph, 78, break_on_hyphens=False) + [""]
            for label, value in after:
                out += textwrap.wrap("%s: %s" % (label, value), 78, break_on_hyphens=False) + [""]
            out += ["", centred("Copyright 1987 %s" % SOURCE), centred("All Rights Reserved"), ""]
        with open(os.path.join(directory, "export-%05d.TXT" % start), "w",
                  encoding="windows-1252", errors="replace", newline="\r\n") as f:
            f.write("\n".join(out))


def html_block(text, css="c5", label=None):
    inner = html.escape(text, quote=False).replace("\n", "<BR>")
    if label:
        inner = '<SPAN CLASS="c8">%s: </SPAN><SPAN CLASS="c2">%s</SPAN>' % (label, inner)
    else:
        inner = '<SPAN CLASS="c2">%s</SPAN>' % inner
    return '<BR><DIV CLASS="%s"><P CLASS="c1">%s</P>\n</DIV>\n' % (css, inner)


def write_lexisnexis_html(articles, directory):
    os.makedirs(directory, exist_ok=True)
    articles = with_text(articles)
    for start, batch in chunks(articles, 500):
        out = ['<HTML>\n<HEAD>\n<STYLE TYPE="text/css"><!--\n.c0 { text-align: center; }\n'
               '--></STYLE>\n<!-- LXNComment 2827:501651797 -->\n<TITLE>&nbsp;</TITLE>\n'
               '<META TOPIC="null" DOCUMENTS="%d" /></HEAD>\n<BODY>\n' % len(batch)]
        for n, article in enumerate(batch, 1):
            before, after = academic_fields(article)
            out.append('<A NAME="DOC_ID_0_%d"></A><!-- Hide XML section from browser\n'
                       '<DOC NUMBER=%d>\n<DOCFULL> -->\n' % (n - 1, n))
            out.append(html_block("%d of %d DOCUMENTS" % (n, len(batch)), "c0"))
            out.append(html_block(SOURCE, "c3"))
            out.append(html_block(day_line(when(article)) + "\nLate City Final Edition", "c3"))
            if article.get("title"):
                out.append(html_block(article["title"]))
            for label, value in before:
                out.append(html_block(value, label=label))
            out.append('<BR><DIV CLASS="c5">' + "".join(
                '<P CLASS="c9"><SPAN CLASS="c2">%s</SPAN></P>\n' % html.escape(p, quote=False)
                for p in article.get("paragraphs", [])) + "</DIV>\n")
            for label, value in after:
                out.append(html_block(value, label=label))
            out.append(html_block("Copyright 1987 %s" % SOURCE, "c3"))
            out.append("<!-- Hide XML section from browser\n</DOCFULL>\n</DOC> -->\n"
                       '<DIV CLASS="c10"/>\n')
        out.append("</BODY></HTML>\n")
        with open(os.path.join(directory, "export-%05d.HTML" % start), "w",
                  encoding="utf-8") as f:
            f.write("".join(out))


def docx(paragraphs):
    body = "".join('<w:p><w:r><w:t xml:space="preserve">%s</w:t></w:r></w:p>'
                   % html.escape(p, quote=False) for p in paragraphs)
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            "<w:body>%s</w:body></w:document>" % body)


CONTENT_TYPES = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.'
                 'openxmlformats.org/package/2006/content-types"><Override PartName="/word/'
                 'document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
                 'wordprocessingml.document.main+xml"/></Types>')


def write_nexis_uni_docx(articles, directory):
    os.makedirs(directory, exist_ok=True)
    articles = with_text(articles)
    for start, batch in chunks(articles, 100):
        out = ["Date and Time: Monday, 4. March 2019 10:12:00 CET", "Job Number: 81234567",
               "Documents (%d)" % len(batch)]
        for n, article in enumerate(batch, 1):
            out += ["%d. %s" % (n, article.get("title") or "(untitled)"),
                    "Client/Matter: -None-", "Search Terms: 1987", "Search Type: Boolean",
                    "Narrowed by:", "Content Type | Narrowed by", "News | Sources: %s" % SOURCE]
        for article in batch:
            d = when(article)
            if article.get("title"):
                out.append(article["title"])
            out += [SOURCE, day_line(d) + " " + clock(d),
                    "Copyright 1987 %s All Rights Reserved" % SOURCE,
                    "Section: FINANCIAL; Version:1", "Length: %d words" % words(article)]
            if article.get("authors"):
                out.append("Byline: " + " and ".join(article["authors"]))
            if article.get("dateline"):
                out.append("Dateline: " + article["dateline"])
            if article.get("dek"):
                out.append("Highlight: " + article["dek"])
            out.append("Body")
            out += article.get("paragraphs", [])
            out += ["Classification", "Language: ENGLISH", "Publication-Type: Newswire"]
            if article.get("tags"):
                out.append("Subject: " + "; ".join("%s (90%%)" % t.upper()
                                                   for t in article["tags"]))
            if places(article):
                out.append("Geographic: " + "; ".join("%s (90%%)" % p.upper()
                                                      for p in places(article)))
            out += ["Load-Date: " + day_line(d).rsplit(" ", 1)[0], "End of Document"]
        path = os.path.join(directory, "Files (%d).DOCX" % (start // 100 + 1))
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
            z.writestr("[Content_Types].xml", CONTENT_TYPES)
            z.writestr("word/document.xml", docx(out))


def accession(article):
    """A Factiva accession number: letters and digits."""
    return "REUT00%s" % "".join(ch for ch in article["id"] if ch.isalnum())[:24]


def write_factiva_xml(articles, directory):
    os.makedirs(directory, exist_ok=True)
    articles = with_text(articles)
    esc = lambda text: html.escape(text, quote=False)
    for start, batch in chunks(articles, 100):
        out = ['<?xml version="1.0" encoding="utf-8"?>\n<PPSResponse>\n'
               '  <ppsArticleResponse xmlns="http://global.factiva.com/pps/2.0">\n'
               '    <ppsarticleResultSet count="%d">\n' % len(batch)]
        for article in batch:
            out.append("      <ppsarticle>\n        <article>\n")
            out.append("          <accessionNo>%s</accessionNo>\n" % accession(article))
            out.append("          <baseLanguage>EN</baseLanguage>\n")
            out.append("          <copyright>Copyright 1987 %s</copyright>\n" % SOURCE)
            if article.get("title"):
                out.append("          <headline><paragraph>%s</paragraph></headline>\n"
                           % esc(article["title"]))
            if article.get("authors"):
                out.append("          <byline><paragraph>By %s</paragraph></byline>\n"
                           % esc(" and ".join(article["authors"])))
            paragraphs = ([article["dek"]] if article.get("dek") else []) + \
                article.get("paragraphs", [])
            out.append("          <leadParagraph><paragraph>%s</paragraph></leadParagraph>\n"
                       % esc(paragraphs[0]))
            out.append("          <publicationDate><dateTime>%sZ</dateTime></publicationDate>\n"
                       % when(article).isoformat())
            out.append("          <sourceName>%s</sourceName>\n" % SOURCE)
            for place in places(article):
                out.append('          <region code="x"><name>%s</name></region>\n' % esc(place))
            for tag in article.get("tags", []):
                out.append('          <newsSubject code="x"><name>%s</name></newsSubject>\n'
                           % esc(tag))
            if article.get("dateline"):
                out.append("          <dateline>%s</dateline>\n" % esc(article["dateline"]))
            if len(paragraphs) > 1:
                out.append("          <tailParagraphs>%s</tailParagraphs>\n" % "".join(
                    "<paragraph>%s</paragraph>" % esc(p) for p in paragraphs[1:]))
            out.append("          <wordCount>%d</wordCount>\n" % words(article))
            out.append("        </article>\n      </ppsarticle>\n")
        out.append("    </ppsarticleResultSet>\n  </ppsArticleResponse>\n</PPSResponse>\n")
        with open(os.path.join(directory, "factiva-%05d.xml" % start), "w",
                  encoding="utf-8") as f:
            f.write("".join(out))


def write_factiva_html(articles, directory):
    os.makedirs(directory, exist_ok=True)
    articles = with_text(articles)
    esc = lambda text: html.escape(text, quote=False)

    def row(code, value):
        return ('<tr><td align="right" valign="top" class="index"><b>%s</b>&nbsp;</td>'
                "<td>%s</td></tr>" % (code, value))

    def paras(texts):
        return "".join('<p class="articleParagraph enarticleParagraph">%s</p>\n' % esc(p)
                       for p in texts)

    for start, batch in chunks(articles, 100):
        out = ['<html><head><title>Factiva</title></head><body class=\'\'>'
               '<div id="navcontainer" class="fcpNavContainer"><table><tr><td class="factivalogo">'
               "<h1>Factiva</h1></td></tr></table></div><form name=\"PageBaseForm\">"
               '<div id="contentWrapper"><div id="contentLeft">']
        for article in batch:
            d = when(article)
            rows = []
            if article.get("title"):
                rows.append(row("HD", "<b class='enHeadline'>%s</b>" % esc(article["title"])))
            if article.get("authors"):
                rows.append(row("BY", "By " + esc(" and ".join(article["authors"]))))
            rows += [row("WC", "%d words" % words(article)),
                     row("PD", "%d %s %d" % (d.day, calendar.month_name[d.month], d.year)),
                     row("ET", "%02d:%02d" % (d.hour, d.minute)), row("SN", SOURCE),
                     row("SC", "LBA"), row("LA", "English"),
                     row("CY", "Copyright 1987 %s" % SOURCE)]
            paragraphs = ([article["dek"]] if article.get("dek") else []) + \
                article.get("paragraphs", [])
            rows.append(row("LP", paras(paragraphs[:1])))
            if len(paragraphs) > 1:
                rows.append(row("TD", paras(paragraphs[1:])))
            if article.get("tags"):
                rows.append(row("NS", "<br/>" + " | ".join("x : %s" % esc(t)
                                                           for t in article["tags"])))
            if places(article):
                rows.append(row("RE", "<br/>" + " | ".join("x : %s" % esc(p)
                                                           for p in places(article))))
            rows.append(row("AN", "<br/>Document %s" % accession(article)))
            out.append('<span></span><div class="article enArticle"><table cellpadding="1">'
                       + "".join(rows) + "</table><br/></div><br/>")
        out.append('</div><div id="pageFooter"><span class="copyright">&copy; 2019 Factiva, '
                   "Inc. All rights reserved.</span></div></div></form></body></html>\n")
        with open(os.path.join(directory, "factiva-%05d.html" % start), "w",
                  encoding="utf-8") as f:
            f.write("".join(out))


def rtf_escape(text):
    out = []
    for ch in text:
        if ch in "\\{}":
            out.append("\\" + ch)
        elif ord(ch) > 127:
            code = ord(ch)
            out.append("\\u%d?" % (code - 65536 if code > 32767 else code))
        else:
            out.append(ch)
    return "".join(out)


def write_factiva_rtf(articles, directory):
    os.makedirs(directory, exist_ok=True)
    articles = with_text(articles)
    for start, batch in chunks(articles, 100):
        out = ["{\\rtf1\\ansi\\ansicpg1252\\deff0{\\fonttbl{\\f0\\fswiss Arial;}}\n"]
        for article in batch:
            d = when(article)
            lines = []
            if article.get("title"):
                lines.append("\\b " + rtf_escape(article["title"]) + "\\b0")
            if article.get("authors"):
                lines.append(rtf_escape("By " + " and ".join(article["authors"])))
            lines += ["%d words" % words(article),
                      "%d %s %d" % (d.day, calendar.month_name[d.month], d.year),
                      "%02d:%02d" % (d.hour, d.minute), SOURCE, "LBA", "English",
                      "Copyright 1987 %s" % SOURCE]
            paragraphs = ([article["dek"]] if article.get("dek") else []) + \
                article.get("paragraphs", [])
            lines += [rtf_escape(p) for p in paragraphs]
            lines.append("Document %s" % accession(article))
            out.append("".join("\\pard\\f0\\fs20 %s\\par\n" % line for line in lines))
            out.append("\\pard\\par\n")
        out.append("}\n")
        with open(os.path.join(directory, "Factiva-%05d.rtf" % start), "w",
                  encoding="ascii") as f:
            f.write("".join(out))


def collapse(text):
    return " ".join(text.split())


def text_of(article):
    return collapse(" ".join(([article["dek"]] if article.get("dek") else []) +
                             article.get("paragraphs", [])))


def compare(articles_path, read_path):
    originals = defaultdict(list)
    total = 0
    for article in with_text(load(articles_path)):
        originals[(collapse(article.get("title", "")), article["published"][:10])].append(article)
        total += 1
    counts = defaultdict(int)
    timed = 0
    for got in load(read_path):
        counts["read"] += 1
        key = (collapse(got.get("title", "")), (got.get("published") or "")[:10])
        candidates = originals.get(key)
        if not candidates:
            counts["unmatched (headline or day differ)"] += 1
            continue
        same_text = [a for a in candidates if text_of(a) == text_of(got)]
        if not same_text:
            counts["matched, text differs"] += 1
            continue
        # Copies of one story (Reuters holds some) differ in their time.
        want = next((a for a in same_text if a["published"][:16] == got["published"][:16]),
                    same_text[0])
        candidates.remove(want)
        counts["headline, day and text exact"] += 1
        if got["published"][11:16] != "00:00":
            timed += 1
            counts["time exact (of those giving one)"] += got["published"][:16] == \
                want["published"][:16]
        counts["authors exact"] += got.get("authors", []) == want.get("authors", [])
        counts["source exact"] += got.get("source") == SOURCE
        lowered = lambda names: {name.lower() for name in names}
        counts["tags exact (case aside)"] += lowered(got.get("tags", [])) == \
            lowered(want.get("tags", []))
        counts["places exact (case aside)"] += lowered(places(got)) == lowered(places(want))
        counts["dateline exact"] += got.get("dateline", "") == want.get("dateline", "")
    print("collection articles with text: %d" % total)
    print("articles giving a time: %d" % timed)
    for name, count in counts.items():
        print("%s: %d" % (name, count))


def main():
    writers = {"lexisnexis-text": write_lexisnexis_text, "lexisnexis-html": write_lexisnexis_html,
               "nexis-uni-docx": write_nexis_uni_docx, "factiva-xml": write_factiva_xml,
               "factiva-html": write_factiva_html, "factiva-rtf": write_factiva_rtf}
    if len(sys.argv) != 4 or sys.argv[1] not in list(writers) + ["compare"]:
        sys.exit(__doc__)
    if sys.argv[1] == "compare":
        compare(sys.argv[2], sys.argv[3])
    else:
        writers[sys.argv[1]](load(sys.argv[2]), sys.argv[3])


if __name__ == "__main__":
    main()

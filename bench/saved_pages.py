#!/usr/bin/env python3
"""A collection as web pages saved whole (MHTML) and as an ARC crawl, and a
check of how Dateline reads them back.

  bench/saved_pages.py mhtml ARTICLES.jsonl DIR
  bench/saved_pages.py arc ARTICLES.jsonl CRAWL.arc.gz
  bench/saved_pages.py compare ARTICLES.jsonl READ.jsonl

ARTICLES.jsonl is what `dateline-index read` prints for the collection in
another form (BBC News as distributed, say). Each article becomes a news
site's page at https://news.example/story/N: navigation, a header, the
story in <article> under its <h1>, a footer; a <title> of "Headline | The
Example News"; in two pages of three the publication time as
article:published_time and the canonical address (with the site's name as
og:site_name); the third page names neither, as many older pages did not.
Pages are dated 2005-MM-DD by their number.

`mhtml` saves every page in DIR as a browser does: two in three as Chrome
writes ".mhtml" (quoted-printable UTF-8, the address in
Snapshot-Content-Location, a style sheet and a picture after the page;
saved on 2024-11-22, with "?src=rss" on the address a feed's link gives),
one in three as Internet Explorer writes ".mht" (the page in
windows-1252 where its text allows, the address in the part's
Content-Location; saved on 2009-01-20).

`arc` writes one ARC file, one gzip member per record as the Internet
Archive's crawlers wrote them: its filedesc:// record, then per page a dns:
record, the page's HTTP response, a redirect and a picture; half the
records in ARC version 1's five fields, half in version 2's ten. Crawled
on 2006-05-01.

`compare` reads what `dateline-index read` printed and counts the articles
whose headline and text (dek and paragraphs) are the page's, whose address
is the page's (canonical, else the address it was saved or crawled from),
and whose date is the page's (else the day it was saved or crawled), and
the articles that are no page of the collection.
"""
import email.header
import gzip
import os
import html
import json
import quopri
import sys

SITE = "The Example News"


def load(articles_path):
    return [json.loads(line) for line in open(articles_path, encoding="utf-8")]


def text_of(article):
    return ([article["dek"]] if article.get("dek") else []) + article["paragraphs"]


def published(n):
    return "2005-%02d-%02dT%02d:%02d:00Z" % (1 + n % 12, 1 + n % 28, n % 24, n % 60)


def page(n, article):
    """The page of article number n, and whether it names its date and address."""
    url = "https://news.example/story/%d" % n
    described = n % 3 != 2
    head = ['<meta charset="utf-8">',
            "<title>%s | %s</title>" % (html.escape(article["title"]), SITE)]
    if described:
        head += ['<link rel="canonical" href="%s">' % url,
                 '<meta property="article:published_time" content="%s">' % published(n),
                 '<meta property="og:site_name" content="%s">' % SITE]
    body = "".join("<p>%s</p>\n" % html.escape(p, quote=False) for p in text_of(article))
    return ('<!DOCTYPE html>\n<html lang="en"><head>%s</head>\n<body>'
            '<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/business">'
            'Business</a></nav>\n<header><div class="logo">%s</div></header>\n'
            "<article><h1>%s</h1>\n%s</article>\n"
            "<footer><p>Copyright 2005 %s. All rights reserved.</p></footer></body></html>\n"
            % ("\n".join(head), SITE, html.escape(article["title"], quote=False), body, SITE))


def crlf(text):
    return text.replace("\r\n", "\n").replace("\n", "\r\n")


def chrome_mhtml(n, article):
    url = "https://news.example/story/%d?src=rss" % n
    qp = quopri.encodestring(page(n, article).encode("utf-8")).decode("ascii")
    boundary = "----MultipartBoundary--%08dAbCdEf----" % n
    subject = email.header.Header(article["title"] + " | " + SITE, "utf-8").encode()
    return crlf(
        "From: <Saved by Blink>\nSnapshot-Content-Location: %s\nSubject: %s\n"
        "Date: Fri, 22 Nov 2024 16:05:11 -0000\nMIME-Version: 1.0\n"
        'Content-Type: multipart/related;\n\ttype="text/html";\n\tboundary="%s"\n\n\n'
        "--%s\nContent-Type: text/html\nContent-ID: <frame-%d@mhtml.blink>\n"
        "Content-Transfer-Encoding: quoted-printable\nContent-Location: %s\n\n%s\n"
        "--%s\nContent-Type: text/css\nContent-Transfer-Encoding: quoted-printable\n"
        "Content-Location: cid:css-%d@mhtml.blink\n\nnav a { margin: 0 1em; }\n"
        "--%s\nContent-Type: image/png\nContent-Transfer-Encoding: base64\n"
        "Content-Location: https://news.example/logo.png\n\niVBORw0KGgoAAAANSUhEUgAAAAEAAAAB\n"
        "--%s--\n" % (url, subject, boundary, boundary, n, url, qp, boundary, n, boundary,
                      boundary)).encode("ascii")


def ie_mht(n, article):
    url = "http://news.example/story/%d" % n
    text = page(n, article).replace('<meta charset="utf-8">', "")
    try:
        raw, charset = text.encode("cp1252"), "windows-1252"
    except UnicodeEncodeError:
        raw, charset = text.encode("utf-8"), "utf-8"
    qp = quopri.encodestring(raw).decode("ascii")
    boundary = "----=_NextPart_000_0000_01C97AF1.%08X" % n
    subject = email.header.Header(article["title"], "utf-8").encode()
    return crlf(
        "From: <Saved by Windows Internet Explorer 8>\nSubject: %s\n"
        "Date: Tue, 20 Jan 2009 10:04:31 +0100\nMIME-Version: 1.0\n"
        'Content-Type: multipart/related;\n\ttype="text/html";\n\tboundary="%s"\n'
        "X-MimeOLE: Produced By Microsoft MimeOLE V6.00.2900.5579\n\n"
        "This is a multi-part message in MIME format.\n\n"
        '--%s\nContent-Type: text/html;\n\tcharset="%s"\n'
        "Content-Transfer-Encoding: quoted-printable\nContent-Location: %s\n\n%s\n"
        "--%s\nContent-Type: image/gif\nContent-Transfer-Encoding: base64\n"
        "Content-Location: http://news.example/logo.gif\n\n"
        "R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7\n\n--%s--\n"
        % (subject, boundary, boundary, charset, url, qp, boundary, boundary)).encode("ascii")


def write_mhtml(articles_path, directory):
    os.makedirs(directory, exist_ok=True)
    counts = {"mhtml": 0, "mht": 0}
    for n, article in enumerate(load(articles_path)):
        kind = "mht" if n % 3 == 1 else "mhtml"
        data = ie_mht(n, article) if kind == "mht" else chrome_mhtml(n, article)
        with open(os.path.join(directory, "page-%05d.%s" % (n, kind)), "wb") as out:
            out.write(data)
        counts[kind] += 1
    print("saved pages:", counts)


def arc_line(n, url, kind, length, crawled="20060501120000"):
    if n % 2:
        return "%s 192.0.2.%d %s %s %d\n" % (url, n % 250, crawled, kind, length)
    return ("%s 192.0.2.%d %s %s 200 SHA1CHECKSUM%08d - 0 EXAMPLE-20060501.arc %d\n"
            % (url, n % 250, crawled, kind, n, length))


def write_arc(articles_path, arc_path):
    with open(arc_path, "wb") as out:
        def record(line, payload):
            out.write(gzip.compress(line.encode("ascii") + payload + b"\n", mtime=0))
        description = (b"1 0 Example Crawl\n"
                       b"URL IP-address Archive-date Content-type Archive-length\n")
        record("filedesc://EXAMPLE-20060501.arc 0.0.0.0 20060501120000 text/plain %d\n"
               % len(description), description)
        for n, article in enumerate(load(articles_path)):
            url = "http://news.example/story/%d" % n
            dns = b"news.example.\t3600\tIN\tA\t192.0.2.1\n"
            record(arc_line(n, "dns:news.example", "text/dns", len(dns)), dns)
            body = page(n, article).encode("utf-8")
            response = (b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
                        b"Content-Length: %d\r\n\r\n" % len(body)) + body
            record(arc_line(n, url, "text/html", len(response)), response)
            moved = (b"HTTP/1.1 301 Moved Permanently\r\nLocation: %s\r\n"
                     b"Content-Type: text/html\r\n\r\n<html><body>Moved</body></html>"
                     % url.encode("ascii"))
            record(arc_line(n + 1, url + "/", "text/html", len(moved)), moved)
            picture = b"HTTP/1.1 200 OK\r\nContent-Type: image/gif\r\n\r\nGIF89a"
            record(arc_line(n, "http://news.example/img/%d.gif" % n, "image/gif",
                            len(picture)), picture)


def compare(articles_path, read_path):
    articles = load(articles_path)
    same = different = others = addressed = dated = 0
    for line in open(read_path, encoding="utf-8"):
        got = json.loads(line)
        url = got.get("url", "")
        tail = url.rsplit("/", 1)[-1].split("?")[0]
        if not url.startswith(("https://news.example/story/", "http://news.example/story/")) \
                or not tail.isdigit() or int(tail) >= len(articles):
            others += 1
            continue
        n = int(tail)
        want = articles[n]
        if got.get("title") == want["title"] and text_of(got) == text_of(want):
            same += 1
        else:
            different += 1
        described = n % 3 != 2
        if described:
            addressed += url == "https://news.example/story/%d" % n
            dated += got.get("published", "") == published(n)
        else:
            # The address it was saved or crawled from; the day it was.
            addressed += url.split("?")[0].endswith("/story/%d" % n)
            dated += got.get("published", "")[:4] in ("2024", "2009", "2006")
    print("pages read as the article: %d, differently: %d, not the collection's: %d, "
          "address right: %d, date right: %d" % (same, different, others, addressed, dated))


if __name__ == "__main__":
    commands = {"mhtml": write_mhtml, "arc": write_arc, "compare": compare}
    if len(sys.argv) != 4 or sys.argv[1] not in commands:
        sys.exit(__doc__)
    commands[sys.argv[1]](sys.argv[2], sys.argv[3])

#!/usr/bin/env python3
"""A collection as a WordPress export (WXR 1.2), and a check of how
Dateline reads it back.

  bench/wordpress_export.py write ARTICLES.jsonl EXPORT.xml
  bench/wordpress_export.py compare ARTICLES.jsonl READ.jsonl

ARTICLES.jsonl is what `dateline-index read` prints for the collection in
another form (BBC News as distributed, say). `write` makes the export a
news site running WordPress would give: every article a post, a third as
the block editor keeps them (each paragraph in <p>, between block
comments), the rest as the classic editor does (paragraphs parted by blank
lines, a [caption] shortcode in every fifth); posts by eight logins the
channel lists with display names; about 3% drafts and 2% private posts;
a photo (attachment) after every seventh post, and five menu entries.
Dates are in pubDate and wp:post_date_gmt, except a draft's, which
WordPress writes as "30 Nov -0001" and "0000-00-00".

`compare` reads what `dateline-index read EXPORT.xml` printed and counts
the posts whose title and text (dek and paragraphs) are those of the
article, the dated ones, the ones whose author is a display name, and the
items that are not published posts of the collection.
"""
import html
import json
import random
import sys


MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()


def cdata(text):
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def write(articles_path, export_path):
    rng = random.Random(3)
    articles = [json.loads(line) for line in open(articles_path, encoding="utf-8")]
    logins = ["editor%d" % i for i in range(8)]
    counts = {"publish": 0, "draft": 0, "private": 0, "attachment": 0, "nav_menu_item": 0}
    with open(export_path, "w", encoding="utf-8") as out:
        out.write(
            '<?xml version="1.0" encoding="UTF-8" ?>\n'
            '<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" '
            'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" '
            'xmlns:wp="http://wordpress.org/export/1.2/">\n<channel>\n'
            "<title>Test site</title><language>en-GB</language>"
            "<wp:wxr_version>1.2</wp:wxr_version>\n")
        for i, login in enumerate(logins):
            out.write("<wp:author><wp:author_login>%s</wp:author_login>"
                      "<wp:author_display_name>Reporter %s</wp:author_display_name>"
                      "</wp:author>\n" % (cdata(login), chr(65 + i)))
        for n, article in enumerate(articles):
            post_id = 1000 + n
            paragraphs = ([article["dek"]] if article.get("dek") else []) + article["paragraphs"]
            escaped = [html.escape(p, quote=False) for p in paragraphs]
            if n % 3 == 0:
                body = "\n\n".join("<!-- wp:paragraph -->\n<p>%s</p>\n<!-- /wp:paragraph -->" % p
                                   for p in escaped)
            else:
                if n % 5 == 1 and len(escaped) > 2:
                    escaped.insert(1, '[caption id="attachment_%d" align="alignnone" '
                                   'width="300"]<img src="https://site.example/p%d.jpg" '
                                   'width="300" height="200" />[/caption]' % (post_id, post_id))
                body = "\n\n".join(escaped)
            draw = rng.random()
            status = "draft" if draw < 0.03 else "private" if draw < 0.05 else "publish"
            counts[status] += 1
            month, day, hour, minute = 1 + n % 12, 1 + n % 28, n % 24, n % 60
            date = "2005-%02d-%02d %02d:%02d:00" % (month, day, hour, minute)
            # As WordPress writes them: a draft has no date yet.
            pub_date = ("%02d %s 2005 %02d:%02d:00 +0000" % (day, MONTHS[month - 1], hour, minute)
                        if status != "draft" else "Mon, 30 Nov -0001 00:00:00 +0000")
            if status == "draft":
                date = "0000-00-00 00:00:00"
            out.write(
                "<item><title>%s</title><link>https://site.example/?p=%d</link>"
                "<pubDate>%s</pubDate>"
                "<dc:creator>%s</dc:creator><guid isPermaLink=\"false\">%s</guid>"
                "<description></description>\n<content:encoded>%s</content:encoded>\n"
                "<wp:post_date_gmt>%s</wp:post_date_gmt><wp:status>%s</wp:status>"
                "<wp:post_type>post</wp:post_type></item>\n"
                % (cdata(article["title"]), post_id, pub_date, rng.choice(logins),
                   html.escape(article["id"]), cdata(body), date, status))
            if n % 7 == 0:
                counts["attachment"] += 1
                out.write("<item><title>photo-%d</title><guid>https://site.example/p%d.jpg</guid>"
                          "<excerpt:encoded>A photo.</excerpt:encoded><wp:status>inherit"
                          "</wp:status><wp:post_type>attachment</wp:post_type></item>\n"
                          % (post_id, post_id))
        for i in range(5):
            counts["nav_menu_item"] += 1
            out.write("<item><title>Menu %d</title><guid>https://site.example/?p=%d</guid>"
                      "<wp:status>publish</wp:status><wp:post_type>nav_menu_item"
                      "</wp:post_type></item>\n" % (i, i))
        out.write("</channel>\n</rss>\n")
    print("items by status and type:", counts)


def compare(articles_path, read_path):
    articles = {}
    for line in open(articles_path, encoding="utf-8"):
        article = json.loads(line)
        articles[article["id"]] = article
    same = different = others = dated = display_names = 0
    for line in open(read_path, encoding="utf-8"):
        got = json.loads(line)
        want = articles.get(got["id"])
        if want is None:
            others += 1
            continue
        text = lambda a: ([a["dek"]] if a.get("dek") else []) + a["paragraphs"]
        if got["title"] == want["title"] and text(got) == text(want):
            same += 1
        else:
            different += 1
        dated += "published" in got
        display_names += got.get("authors", [""])[0].startswith("Reporter ")
    print("posts read as the article: %d, differently: %d, not the collection's: %d, "
          "dated: %d, author a display name: %d"
          % (same, different, others, dated, display_names))


if __name__ == "__main__":
    if len(sys.argv) != 4 or sys.argv[1] not in ("write", "compare"):
        sys.exit(__doc__)
    (write if sys.argv[1] == "write" else compare)(sys.argv[2], sys.argv[3])

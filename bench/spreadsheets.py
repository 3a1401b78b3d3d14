#!/usr/bin/env python3
"""A collection as a spreadsheet of articles, and a check of how Dateline
reads it back.

  bench/spreadsheets.py csv ARTICLES.jsonl DIR
  bench/spreadsheets.py openpyxl ARTICLES.jsonl DIR
  bench/spreadsheets.py compare ARTICLES.jsonl READ.jsonl

ARTICLES.jsonl is what `dateline-index read` prints for the collection in
another form (Reuters-21578 as distributed, say).

  csv        DIR/articles.csv: a header row (id, title, published, source,
             authors, tags, places, text), then an article a row; the date
             as "1987-02-26 15:01:01", which spreadsheet programs take for
             a date and time; paragraphs parted by a blank line. Open it
             in LibreOffice and save it as a workbook to get the files a
             person gets:
               soffice --headless --convert-to xlsx DIR/articles.csv
               soffice --headless --convert-to ods DIR/articles.csv
  openpyxl   DIR/articles-openpyxl.xlsx, written by openpyxl (Debian's
             python3-openpyxl; the library pandas writes .xlsx with): the
             date a date cell, a line break between paragraphs, the id a
             number where it is one, a title row above the header, and a
             second sheet of figures.

`compare` counts the articles read back whose headline, text (dek and
paragraphs, whitespace collapsed), date and time, source, authors, tags and
places are the collection's, matching articles by id.
"""
import csv
import datetime
import os
import sys

from news_databases import load, text_of

FIELDS = ["id", "title", "published", "source", "authors", "tags", "places", "text"]


def places(article):
    return [e["display"] for e in article.get("entities", []) if e.get("type") == "place"]


def when(article):
    stamp = article.get("published")
    if not stamp:
        return None
    return datetime.datetime.fromisoformat(stamp.replace("Z", "+00:00")).replace(tzinfo=None)


def row(article, paragraph_break):
    published = when(article)
    return {
        "id": article["id"],
        "title": article.get("title", ""),
        "published": published.strftime("%Y-%m-%d %H:%M:%S") if published else "",
        "source": article.get("source", ""),
        "authors": "; ".join(article.get("authors", [])),
        "tags": ", ".join(article.get("tags", [])),
        "places": ", ".join(places(article)),
        "text": paragraph_break.join(([article["dek"]] if article.get("dek") else []) +
                                     article.get("paragraphs", [])),
    }


def write_csv(articles, directory):
    os.makedirs(directory, exist_ok=True)
    with open(os.path.join(directory, "articles.csv"), "w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, FIELDS)
        writer.writeheader()
        for article in articles:
            writer.writerow(row(article, "\n\n"))


def write_openpyxl(articles, directory):
    import openpyxl  # Debian's python3-openpyxl
    os.makedirs(directory, exist_ok=True)
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Articles"
    sheet.append(["Reuters-21578, as a spreadsheet of articles"])
    sheet.append(FIELDS)
    for article in articles:
        values = row(article, "\n")
        values["published"] = when(article)
        if article["id"].isdigit():
            values["id"] = int(article["id"])
        sheet.append([values[f] for f in FIELDS])
        if values["published"] is not None:
            sheet.cell(row=sheet.max_row, column=3).number_format = "yyyy-mm-dd hh:mm:ss"
    figures = book.create_sheet("Figures")
    figures.append(["articles", len(articles)])
    book.save(os.path.join(directory, "articles-openpyxl.xlsx"))


def compare(articles_path, read_path):
    expected = {a["id"]: a for a in load(articles_path)}
    got = load(read_path)
    checks = {"headline": 0, "text": 0, "date and time": 0, "source": 0, "authors": 0,
              "tags": 0, "places": 0}
    unknown = 0
    for article in got:
        want = expected.get(str(article["id"]))
        if want is None:
            unknown += 1
            continue
        checks["headline"] += article.get("title", "") == want.get("title", "")
        checks["text"] += text_of(article) == text_of(want)
        checks["date and time"] += when(article) == when(want)
        checks["source"] += article.get("source", "") == want.get("source", "")
        checks["authors"] += article.get("authors", []) == want.get("authors", [])
        checks["tags"] += sorted(article.get("tags", [])) == sorted(want.get("tags", []))
        checks["places"] += sorted(places(article)) == sorted(places(want))
    print(f"articles: {len(expected)} in the collection, {len(got)} read back"
          f" ({unknown} not in the collection)")
    for check, count in checks.items():
        print(f"  {check}: {count} of {len(got)}")
    return 0 if unknown == 0 and all(c == len(got) == len(expected)
                                     for c in checks.values()) else 1


def main():
    if len(sys.argv) != 4 or sys.argv[1] not in ("csv", "openpyxl", "compare"):
        print(__doc__, file=sys.stderr)
        return 2
    command, first, second = sys.argv[1:]
    if command == "compare":
        return compare(first, second)
    articles = [a for a in load(first) if a.get("paragraphs") or a.get("title")]
    (write_csv if command == "csv" else write_openpyxl)(articles, second)
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""The HTML reader's article text in the form of the article extraction
benchmark (github.com/scrapinghub/article-extraction-benchmark: 181 news
and blog pages whose article bodies people marked), to be scored by the
benchmark's own evaluate.py beside the extractors it lists.

  bench/article_extraction.py [--build DIR] [--dek] BENCHMARK OUTPUT.json
  (cd BENCHMARK && python3 evaluate.py)   # with OUTPUT.json in BENCHMARK/output/

Each page of BENCHMARK/html (NAME.html.gz) is read alone with
`dateline-index read`; its paragraphs, parted by blank lines, are the
articleBody of item NAME (with --dek, the dek first). A page read as
nothing has an empty body. Prints how many pages gave no text.
"""
import argparse
import json
import os
import subprocess
import sys


def article_of(binary, path):
    result = subprocess.run([binary, "read", "--quiet", path], capture_output=True, text=True)
    # Split on "\n" alone: JSON strings may hold U+2028, a line end to splitlines().
    lines = [line for line in result.stdout.split("\n") if line.strip()]
    return json.loads(lines[0]) if lines else None


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--build", default="build/release")
    parser.add_argument("--dek", action="store_true", help="put the dek before the paragraphs")
    parser.add_argument("benchmark")
    parser.add_argument("output")
    args = parser.parse_args()
    binary = os.path.join(args.build, "indexer", "dateline-index")
    pages = os.path.join(args.benchmark, "html")
    output = {}
    empty = 0
    for name in sorted(os.listdir(pages)):
        if not name.endswith(".html.gz"):
            continue
        article = article_of(binary, os.path.join(pages, name)) or {}
        paragraphs = article.get("paragraphs", [])
        if args.dek and article.get("dek"):
            paragraphs = [article["dek"]] + paragraphs
        empty += not paragraphs
        output[name[:-len(".html.gz")]] = {"articleBody": "\n\n".join(paragraphs)}
    if not output:
        sys.exit("no pages in " + pages)
    with open(args.output, "w", encoding="utf-8") as out:
        json.dump(output, out, ensure_ascii=False, indent=1, sort_keys=True)
    print("%d pages, %d without text" % (len(output), empty))


if __name__ == "__main__":
    main()

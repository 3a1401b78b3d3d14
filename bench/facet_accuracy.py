#!/usr/bin/env python3
"""How good are facet estimates? Compares two `dateline-latency --hits`
files of the same queries: one with estimated facets (the default) and one
with `--exact`.

For every facet the first file marks as estimated (`field=N~`), each value
whose exact count is known (in the exact file's top values) is checked: is
the exact count within the estimate's bounds, and how far is the estimate
from it. For entity facets it also reports how many of the exact top values
the estimate's top values hold.

Usage: facet_accuracy.py ESTIMATED_HITS EXACT_HITS
"""

import re
import statistics
import sys

VALUE = re.compile(r"^(.*):(\d+)(?:\[(\d+)-(\d+)\])?$")
# A facet column: "field=examined[~]" then ",value:count[lower-upper]"...;
# hits are "id:score", and an id may hold '=' too.
FACET = re.compile(r"^(date|person|org|place|misc|source|topic|lang|exchange)=\d+~?(,|$)")


def facets(line):
    """{field: (estimated, {value: (count, lower, upper)}, [values in order])}"""
    out = {}
    for column in line.rstrip("\n").split("\t")[2:]:
        if not FACET.match(column):
            continue  # a hit (id:score)
        field, rest = column.split("=", 1)
        head, *values = rest.split(",")
        parsed, order = {}, []
        for value in values:
            match = VALUE.match(value)
            if not match:
                continue
            key, count, low, high = match.groups()
            count = int(count)
            parsed[key] = (count, int(low) if low else count, int(high) if high else count)
            order.append(key)
        out[field] = (head.endswith("~"), parsed, order)
    return out


def compare(estimated_lines, exact_lines):
    """The figures, as a dict, for two lists of --hits lines."""
    if len(estimated_lines) != len(exact_lines):
        raise ValueError("the two files hold different numbers of queries")
    stats = {"queries": 0, "facets": 0, "values": 0, "covered": 0, "errors": [], "overlaps": []}
    for est_line, exact_line in zip(estimated_lines, exact_lines):
        est, exact = facets(est_line), facets(exact_line)
        any_estimated = False
        for field, (is_estimate, est_values, est_order) in est.items():
            if not is_estimate or field not in exact:
                continue
            any_estimated = True
            stats["facets"] += 1
            _, exact_values, exact_order = exact[field]
            for key, (count, low, high) in est_values.items():
                if key not in exact_values:
                    continue
                truth = exact_values[key][0]
                stats["values"] += 1
                stats["covered"] += low <= truth <= high
                stats["errors"].append(abs(count - truth) / truth)
            if field != "date" and exact_order:
                k = min(len(exact_order), len(est_order))
                if k:
                    shared = len(set(exact_order[:k]) & set(est_order[:k]))
                    stats["overlaps"].append(shared / k)
        stats["queries"] += any_estimated
    stats["errors"].sort()
    return stats


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    with open(sys.argv[1]) as a, open(sys.argv[2]) as b:
        estimated_lines, exact_lines = a.readlines(), b.readlines()
    try:
        stats = compare(estimated_lines, exact_lines)
    except ValueError as error:
        sys.exit(f"facet_accuracy: {error}")
    values, errors = stats["values"], stats["errors"]
    print(f"queries with estimated facets: {stats['queries']} of {len(estimated_lines)}")
    print(f"estimated facets: {stats['facets']}; values compared: {values}")
    if values:
        covered = stats["covered"]
        print(f"exact count within the bounds: {covered} ({100 * covered / values:.1f}%)")
        print(f"relative error: median {100 * statistics.median(errors):.1f}%, "
              f"p90 {100 * errors[int(0.9 * (len(errors) - 1))]:.1f}%, "
              f"max {100 * errors[-1]:.1f}%")
    if stats["overlaps"]:
        print(f"entity facets: top values shared with the exact top values: "
              f"mean {100 * statistics.mean(stats['overlaps']):.1f}%")


if __name__ == "__main__":
    main()

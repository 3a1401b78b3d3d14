#pragma once
// The bench/compare query set in each system's own language, shared by
// dateline-latency, xapian-baseline and dateline-latency-benchmarks so that
// every timing tool runs exactly the same searches (bench/README.md).

#include <string>

#include "dateline/query/searcher.h"
#include "eval_support.h"

namespace dateline::bench {

/// A bench/compare query for dateline::Searcher: "a", "a OR b", "\"a b\"",
/// a date range in from/to; the top 10 hits without "did you mean". `rich`
/// adds 2 passages per hit and the date, person, org, place and topic
/// facets, as a search page would ask; otherwise no passages.
SearchRequest dateline_request(const BenchQuery& query, bool rich);

/// Plain Xapian, as xapian-baseline indexes it: opens `database` and returns
/// a runner that parses each query with QueryParser (default flags,
/// STEM_SOME, English stemmer), a date range as an OP_VALUE_RANGE filter on
/// slot 0, gets the top 10 and, with `snippets`, makes an MSet::snippet of
/// 200 bytes of each hit's body.
QueryRunner open_xapian_queries(const std::string& database, bool snippets);

}  // namespace dateline::bench

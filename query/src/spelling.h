#pragma once
// Internal: "did you mean" from the index's own vocabulary. A query word that
// no article contains is replaced by the most frequent indexed word within
// edit distance 2 (same first letter, similar length); one that only a few
// articles contain (an archive's own typos), by a word one edit away in
// fifty times as many. No spelling table is needed, so suggestions never
// name deleted articles' words and work on any index, remote shards
// included.

#include <xapian.h>

#include <string>
#include <vector>

#include "dateline/query/searcher.h"
#include "query_parser.h"

namespace dateline::query {

/// The query with misspelt words replaced, or "" when every word is known
/// or no better word exists. A word counts as known when it, or its stem,
/// is in more than 3 articles, or when no word one edit away is in 50
/// times as many.
std::string suggest_spelling(const Xapian::Database& db, const std::string& query,
                             const std::vector<ParsedQuery::Word>& words);

/// The filter values of `query` (its boolean terms of the fields users
/// filter by name: person, org, place, misc, source, topic, exchange) that
/// no article holds, each with the field's values nearest to it (see
/// UnknownFilterValue). Reads every value of such a field: for a search
/// that found nothing.
std::vector<UnknownFilterValue> unknown_filter_values(const Xapian::Database& db,
                                                      const Xapian::Query& query);

}  // namespace dateline::query

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

#include "query_parser.h"

namespace dateline::query {

/// The query with misspelt words replaced, or "" when every word is known
/// or no better word exists. A word counts as known when it, or its stem,
/// is in more than 3 articles, or when no word one edit away is in 50
/// times as many.
std::string suggest_spelling(const Xapian::Database& db, const std::string& query,
                             const std::vector<ParsedQuery::Word>& words);

/// Damerau-Levenshtein distance (adjacent transpositions cost 1), stopping
/// early beyond `limit`.
unsigned edit_distance(std::string_view a, std::string_view b, unsigned limit);

}  // namespace dateline::query

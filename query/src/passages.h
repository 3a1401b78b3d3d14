#pragma once
// Internal: choosing an article's best passages and marking every match.
//
// A passage is one to three consecutive sentences of one paragraph, at most
// about max_passage_bytes long. Candidates are scored by the distinct query
// terms they cover (rarer terms count more), then by their matches; passages
// are chosen greedily so each adds terms the earlier ones lack, and returned
// best first. Cost is bounded: only the first max_scan_bytes of an article's
// body are considered.

#include <string>
#include <string_view>
#include <vector>

#include "dateline/detail/analyzer.h"
#include "dateline/query/searcher.h"
#include "query_parser.h"

namespace dateline::query {

inline constexpr std::size_t max_passage_bytes = 360;
inline constexpr std::size_t max_scan_bytes = 512 * 1024;

/// Find the spans of `text` that match the query: words, stems, wildcard
/// prefixes, and whole phrases / NEAR groups as one span each.
std::vector<Highlight> find_highlights(std::string_view text, const MatchSpec& match,
                                       detail::Analyzer& analyzer);

/// The best `count` passages of an article's paragraphs, analysed in
/// `analyzer`'s language. With no matches, the lead paragraph's first
/// sentences are returned.
std::vector<Passage> choose_passages(const std::vector<std::string>& paragraphs,
                                     const MatchSpec& match, detail::Analyzer& analyzer,
                                     std::size_t count);

}  // namespace dateline::query

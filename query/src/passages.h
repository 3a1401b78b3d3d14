#pragma once
// Internal: choosing an article's best passages and marking every match.
//
// A passage is one to three consecutive sentences of one paragraph, at most
// about max_passage_bytes long. Candidates are scored by the distinct query
// terms they cover (rarer terms count more), then by their matches; passages
// are chosen greedily so each adds terms the earlier ones lack, and returned
// best first. Cost is bounded: only the first max_scan_bytes of an article's
// body are considered.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "dateline/detail/analyzer.h"
#include "dateline/query/searcher.h"
#include "query_parser.h"
#include "value_numbers.h"

namespace dateline::query {

inline constexpr std::size_t max_passage_bytes = 360;
inline constexpr std::size_t max_scan_bytes = 512 * 1024;

/// Which query term each token of a text matches, for one query and one
/// analyzer (one language), remembering the answer for each term: the
/// articles of one search repeat most of their words, and a term's answer
/// costs a stopword check, a stem lookup and set lookups. Keys are small
/// numbers, one per distinct query term matched (a stem, a word, a wildcard
/// prefix) and one per phrase or NEAR group. Not thread-safe; `match` and
/// `analyzer` must outlive it.
class TokenMatcher {
 public:
  static constexpr int none = -1;
  TokenMatcher(const MatchSpec& match, detail::Analyzer& analyzer);

  /// The key of each of `tokens`, or none.
  void keys(const std::vector<Token>& tokens, std::vector<int>& out);
  /// The key that stands for sequence `index` of the MatchSpec (a phrase
  /// matched covers a query term of its own).
  int sequence_key(std::size_t index);
  /// How many keys there are so far (every key is below this).
  std::size_t key_count() const { return m_key_ids.size(); }

  const MatchSpec& match() const { return m_match; }
  detail::Analyzer& analyzer() { return m_analyzer; }

 private:
  int key_of(const Token& token);
  int intern(std::string name);
  const MatchSpec& m_match;
  detail::Analyzer& m_analyzer;
  // The terms met whose key depends on the term alone, numbered in one
  // arena (no allocation per term), and each one's key by number.
  std::string m_term_text;
  std::vector<std::uint32_t> m_term_start;
  std::optional<ValueNumbers> m_terms;
  std::vector<int> m_term_keys;
  std::unordered_map<std::string, int> m_key_ids;  // key name -> key
};

/// Find the spans of `text` that match the query: words, stems, wildcard
/// prefixes, and whole phrases / NEAR groups as one span each.
std::vector<Highlight> find_highlights(std::string_view text, TokenMatcher& matcher);
std::vector<Highlight> find_highlights(std::string_view text, const MatchSpec& match,
                                       detail::Analyzer& analyzer);

/// The best `count` passages of an article's paragraphs, analysed in
/// the matcher's analyzer's language. With no matches, the lead paragraph's
/// first sentences are returned.
std::vector<Passage> choose_passages(const std::vector<std::string>& paragraphs,
                                     TokenMatcher& matcher, std::size_t count);
std::vector<Passage> choose_passages(const std::vector<std::string>& paragraphs,
                                     const MatchSpec& match, detail::Analyzer& analyzer,
                                     std::size_t count);

}  // namespace dateline::query

#include "dateline/common/stopwords.h"

#include <algorithm>
#include <array>

namespace dateline {

namespace {
// Common English function words, sorted for binary search.
constexpr std::array<std::string_view, 127> english{
    "a",       "about",  "above",   "after",   "again",   "against", "all",     "am",
    "an",      "and",    "any",     "are",     "as",      "at",      "be",      "because",
    "been",    "before", "being",   "below",   "between", "both",    "but",     "by",
    "can",     "could",  "did",     "do",      "does",    "doing",   "down",    "during",
    "each",    "few",    "for",     "from",    "further", "had",     "has",     "have",
    "having",  "he",     "her",     "here",    "hers",    "herself", "him",     "himself",
    "his",     "how",    "i",       "if",      "in",      "into",    "is",      "it",
    "its",     "itself", "just",    "me",      "more",    "most",    "my",      "myself",
    "no",      "nor",    "not",     "now",     "of",      "off",     "on",      "once",
    "only",    "or",     "other",   "our",     "ours",    "out",     "over",    "own",
    "said",    "same",   "says",    "she",     "should",  "so",      "some",    "such",
    "than",    "that",   "the",     "their",   "theirs",  "them",    "then",    "there",
    "these",   "they",   "this",    "those",   "through", "to",      "too",     "under",
    "until",   "up",     "very",    "was",     "we",      "were",    "what",    "when",
    "where",   "which",  "while",   "who",     "whom",    "why",     "will",    "with",
    "would",   "you",    "your",    "yours",   "yourself", "yourselves", "also"};
}  // namespace

bool is_stopword(std::string_view term) noexcept {
  static const auto sorted = [] {
    auto copy = english;
    std::sort(copy.begin(), copy.end());
    return copy;
  }();
  return std::binary_search(sorted.begin(), sorted.end(), term);
}

}  // namespace dateline

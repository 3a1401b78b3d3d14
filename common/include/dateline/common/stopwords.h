#pragma once
// Stopwords: words too common to say what an article is about. Used where a
// word must carry meaning on its own (more-like-this terms), not to drop
// words from indexing, so phrases with them still match.

#include <string_view>

namespace dateline {

/// True when `term` (folded, as tokenize() gives it) is an English stopword.
bool is_stopword(std::string_view term) noexcept;

}  // namespace dateline

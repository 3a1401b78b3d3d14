#pragma once
// Stopwords: words too common to say what an article is about. Used where a
// word must carry meaning on its own (more-like-this terms), not to drop
// words from indexing, so phrases with them still match.

#include <string_view>

namespace dateline {

/// True when `term` (folded, as tokenize() gives it) is an English stopword.
bool is_stopword(std::string_view term) noexcept;

/// True when `term` (folded by `language`'s rule) is a stopword of
/// `language` (ISO 639-1). Lists exist for the languages Snowball gives
/// stopwords for: da de en es fi fr it nl no pt ru sv, and uk; other
/// languages have none. Thread-safe.
bool is_stopword(std::string_view term, std::string_view language);

/// True when Dateline has a stopword list for `language`.
bool has_stopwords(std::string_view language);

}  // namespace dateline

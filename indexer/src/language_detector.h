#pragma once
// Internal: an article's language from its text, for articles that do not
// name one. Uses CLD2 (Debian's libcld2): a naive Bayes over quadgrams with
// constant tables, chosen over libexttextcat for accuracy and speed (see
// ARCHITECTURE.md and bench/RESULTS.md).

#include <string>
#include <string_view>

#include "dateline/common/article.h"

namespace dateline::indexer {

/// The language of `text` as a normalised ISO 639-1 code ("de", "zh"), or ""
/// when CLD2 cannot tell (too little text, or a language it does not know).
/// `text` must be valid UTF-8. Thread-safe: CLD2 keeps no state between calls.
std::string detect_language(std::string_view text);

/// detect_language() over the article's title, dek and leading paragraphs
/// (at most max_detection_bytes of them: the lead is enough, and the cost
/// stays flat on long articles).
std::string detect_language(const Article& article);

inline constexpr std::size_t max_detection_bytes = 4096;

}  // namespace dateline::indexer

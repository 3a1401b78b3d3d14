#pragma once
// Internal: splitting running text into the tagger's tokens, the way the
// CoNLL-2003 data is tokenised: punctuation apart, possessive "'s" apart,
// abbreviations ("U.S.", "Feb.", "Mr.") and hyphenated words kept whole.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace dateline::ner {

/// One token of running text: byte offsets into the text and the token as
/// the tagger sees it (typographic quotes and apostrophes made ASCII).
struct WordToken {
  std::size_t begin = 0;
  std::size_t end = 0;
  std::string text;
};

/// Split `text` (valid UTF-8) into tokens.
std::vector<WordToken> split_words(std::string_view text);

/// Split `text` into sentences of tokens (dateline::sentence_starts, then
/// split_words), offsets relative to `text`.
std::vector<std::vector<WordToken>> split_sentences(std::string_view text);

}  // namespace dateline::ner

#pragma once
// Internal: the tagger's feature templates (ENTITIES-DATES.md §2). Every
// feature is a template id and a value hashed together into a row of the
// weight table; nothing is interned, so extraction needs no vocabulary.
//
// Static features (computed once per sentence): words and shapes at -2..+2,
// word and shape n-grams, prefixes and suffixes of length 1-4, orthographic
// flags, sentence start, all-caps headline, gazetteer matches (list x
// B/I/L/U) at -1..+1, and document-level spelling evidence (the same word
// written in lower case, or capitalised mid-sentence, elsewhere in the
// document). Dynamic features (depend on earlier decisions): the previous
// one and two labels, label x word and label x shape, the tag pattern (type
// of the last entity and the O tokens since), and the labels the same word
// was given earlier in the document.

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "ner/gazetteer.h"
#include "ner/labels.h"

namespace dateline::ner {

/// Whether `word` starts with a capital letter: A-Z, or a non-ASCII letter
/// that folding changes ("É", "Ö", "Д").
bool is_upper_start(std::string_view word);

/// Gazetteer entries to hide while training on one document (leave one
/// document out: a phrase seen only in this document must not vouch for
/// itself). Keys are phrase_key()s.
using GazetteerExclusions = std::unordered_map<std::uint64_t, ListMask>;

/// What the decoder needs to know about one token beyond its static rows.
struct TokenInfo {
  std::uint64_t word = 0;   ///< word_key()
  std::uint64_t lower = 0;  ///< folded, digits as 0
  std::uint64_t shape = 0;
  bool capitalised = false;
};

/// Features of one sentence: rows[offsets[i] .. offsets[i+1]) for token i.
struct SentenceFeatures {
  std::vector<std::uint32_t> rows;
  std::vector<std::uint32_t> offsets;
  std::vector<TokenInfo> tokens;
};

/// Per-document evidence computed before tagging.
struct DocumentEvidence {
  std::unordered_set<std::uint64_t> written_lower;       ///< word_key of words seen in lower case
  std::unordered_set<std::uint64_t> capitalised_inside;  ///< ... seen capitalised mid-sentence
};

/// Labels already given to words in this document: counts of PER, ORG,
/// LOC, MISC and O per word_key(), for capitalised occurrences.
class DocumentMemory {
 public:
  void record(const TokenInfo& token, int label);
  const std::array<std::uint16_t, type_count + 1>* find(std::uint64_t word) const {
    auto found = m_counts.find(word);
    return found == m_counts.end() ? nullptr : &found->second;
  }
  void clear() { m_counts.clear(); }

 private:
  std::unordered_map<std::uint64_t, std::array<std::uint16_t, type_count + 1>> m_counts;
};

class FeatureExtractor {
 public:
  /// @param gazetteer must outlive the extractor.
  /// @param table_bits log2 of the weight table's rows.
  FeatureExtractor(const Gazetteer& gazetteer, unsigned table_bits);

  DocumentEvidence document_evidence(const std::vector<std::vector<std::string>>& sentences) const;

  /// Static features of `words`.
  void sentence_features(const std::vector<std::string>& words, const DocumentEvidence& evidence,
                         const GazetteerExclusions* exclusions, SentenceFeatures& out) const;

  /// Append the dynamic features of token `index` to `rows`, given the
  /// labels chosen so far in this sentence.
  void history_features(const SentenceFeatures& sentence, std::size_t index,
                        const std::vector<int>& labels, const DocumentMemory& memory,
                        std::vector<std::uint32_t>& rows) const;

  unsigned table_bits() const { return m_bits; }

 private:
  std::uint32_t row(std::uint64_t feature_template, std::uint64_t value) const;

  const Gazetteer& m_gazetteer;
  unsigned m_bits;
};

}  // namespace dateline::ner

#include "ner/features.h"

#include <algorithm>

#include "dateline/common/article.h"
#include "dateline/common/text.h"
#include "ner/binary_io.h"

namespace dateline::ner {

namespace {
using detail::mix;
constexpr std::uint64_t combine(std::uint64_t a, std::uint64_t b) {
  return mix(a * 0x9e3779b97f4a7c15ULL + b);
}

// Template ids. Values only need to be distinct.
enum Template : std::uint64_t {
  t_bias = 1,
  t_word,  // + offset
  t_raw,
  t_word_bigram_left,
  t_word_bigram_right,
  t_shape,  // + offset
  t_shape_bigram_left,
  t_shape_bigram_right,
  t_shape_trigram,
  t_prefix,  // + length
  t_suffix,  // + length
  t_flags,   // + offset
  t_sentence_start,
  t_caps_line,
  t_gazetteer,  // + offset, list, position
  t_written_lower,
  t_capitalised_inside,
  t_label1,
  t_label2,
  t_label_word,
  t_label_shape,
  t_pattern,
  t_memory_major,
  t_memory_seen,
  t_word_shape_left,
};

constexpr std::uint64_t begin_of_sentence = 0x5bd1e9955bd1e995ULL;
constexpr std::uint64_t end_of_sentence = 0x27d4eb2f165667c5ULL;

enum Flag : unsigned {
  flag_all_caps = 1,
  flag_initial_cap = 2,
  flag_digit = 4,
  flag_no_letter = 8,
  flag_hyphen = 16,
  flag_period = 32,
  flag_all_digits = 64,
};

struct WordForms {
  std::string folded;
  std::string normalised;  // folded, digits as 0
  std::string shape;
  unsigned flags = 0;
};

WordForms forms_of(std::string_view word) {
  WordForms forms;
  forms.folded = fold(word);
  forms.normalised = forms.folded;
  bool any_letter = false;
  bool any_lower = false;
  bool any_upper = false;
  bool all_digits = !word.empty();
  for (char& ch : forms.normalised) {
    if (ch >= '0' && ch <= '9') ch = '0';
  }
  char previous = 0;
  int run = 0;
  for (char ch : word) {
    char kind;
    auto byte = static_cast<unsigned char>(ch);
    if (ch >= 'A' && ch <= 'Z') {
      kind = 'X';
      any_letter = any_upper = true;
    } else if (ch >= 'a' && ch <= 'z') {
      kind = 'x';
      any_letter = any_lower = true;
    } else if (ch >= '0' && ch <= '9') {
      kind = 'd';
      forms.flags |= flag_digit;
    } else if (byte >= 0x80) {
      kind = 'u';
      any_letter = true;
    } else {
      kind = ch;
      if (ch == '-') forms.flags |= flag_hyphen;
      if (ch == '.') forms.flags |= flag_period;
    }
    if (kind != 'd') all_digits = false;
    if (kind == previous) {
      if (++run > 2) continue;  // runs longer than two read alike
    } else {
      run = 1;
    }
    if (kind == 'u' && byte < 0xC0) continue;  // continuation byte
    previous = kind;
    forms.shape.push_back(kind);
  }
  if (any_upper && !any_lower) forms.flags |= flag_all_caps;
  if (is_upper_start(word)) forms.flags |= flag_initial_cap;
  if (!any_letter) forms.flags |= flag_no_letter;
  if (all_digits) forms.flags |= flag_all_digits;
  return forms;
}
}  // namespace

bool is_upper_start(std::string_view word) {
  if (word.empty()) return false;
  auto first = static_cast<unsigned char>(word[0]);
  if (first >= 'A' && first <= 'Z') return true;
  // Non-ASCII: a capital when folding changes it.
  if (first >= 0x80) {
    std::size_t length = first >= 0xF0 ? 4 : first >= 0xE0 ? 3 : 2;
    std::string_view head = word.substr(0, std::min(length, word.size()));
    return fold(head) != strip_diacritics(head);
  }
  return false;
}

void DocumentMemory::record(const TokenInfo& token, int label) {
  if (!token.capitalised) return;
  auto& counts = m_counts[token.word];
  std::size_t slot =
      label == outside_label ? type_count : static_cast<std::size_t>(label_type(label));
  if (counts[slot] < 0xFFFF) ++counts[slot];
}

FeatureExtractor::FeatureExtractor(const Gazetteer& gazetteer, unsigned table_bits)
    : m_gazetteer(gazetteer), m_bits(table_bits) {}

std::uint32_t FeatureExtractor::row(std::uint64_t feature_template, std::uint64_t value) const {
  return static_cast<std::uint32_t>(combine(feature_template, value) >> (64 - m_bits));
}

DocumentEvidence FeatureExtractor::document_evidence(
    const std::vector<std::vector<std::string>>& sentences) const {
  DocumentEvidence evidence;
  for (const auto& words : sentences) {
    for (std::size_t i = 0; i < words.size(); ++i) {
      const auto& word = words[i];
      if (word.empty()) continue;
      auto first = static_cast<unsigned char>(word[0]);
      if (first >= 'a' && first <= 'z') {
        evidence.written_lower.insert(word_key(word));
      } else if (i > 0 && first >= 'A' && first <= 'Z') {
        // Mid-sentence and not after an opening quote or colon.
        const auto& before = words[i - 1];
        if (before != "\"" && before != ":" && before != "-" && before != "--") {
          evidence.capitalised_inside.insert(word_key(word));
        }
      }
    }
  }
  return evidence;
}

void FeatureExtractor::sentence_features(const std::vector<std::string>& words,
                                         const DocumentEvidence& evidence,
                                         const GazetteerExclusions* exclusions,
                                         SentenceFeatures& out) const {
  const std::size_t n = words.size();
  out.rows.clear();
  out.offsets.assign(1, 0);
  out.tokens.resize(n);

  std::vector<WordForms> forms(n);
  std::vector<std::uint64_t> normalised(n);
  std::vector<std::uint64_t> shapes(n);
  bool caps_line = true;
  int letters_words = 0;
  for (std::size_t i = 0; i < n; ++i) {
    forms[i] = forms_of(words[i]);
    normalised[i] = stable_hash(forms[i].normalised);
    shapes[i] = stable_hash(forms[i].shape);
    auto& token = out.tokens[i];
    token.word = mix(stable_hash(forms[i].folded));
    token.lower = normalised[i];
    token.shape = shapes[i];
    token.capitalised = (forms[i].flags & flag_initial_cap) != 0;
    if ((forms[i].flags & flag_no_letter) == 0) {
      ++letters_words;
      if ((forms[i].flags & flag_all_caps) == 0) caps_line = false;
    }
  }
  if (letters_words < 2) caps_line = false;

  // Gazetteer: per list, the longest match starting at each token, taken
  // left to right without overlap.
  std::vector<std::array<std::uint8_t, list_count>> gazetteer(n);
  for (auto& codes : gazetteer) codes.fill(0);
  const std::size_t longest = m_gazetteer.max_words();
  std::vector<std::uint64_t> keys;
  std::array<std::size_t, list_count> covered_until{};
  for (std::size_t start = 0; start < n; ++start) {
    keys.clear();
    std::array<std::size_t, list_count> best{};
    for (std::size_t length = 1; length <= longest && start + length <= n; ++length) {
      keys.push_back(out.tokens[start + length - 1].word);
      std::uint64_t key = phrase_key(keys);
      ListMask found = m_gazetteer.lookup(key);
      if (found == 0) break;
      auto lists = static_cast<ListMask>(found & ~prefix_of_longer);
      if (lists != 0 && exclusions != nullptr) {
        if (auto hidden = exclusions->find(key); hidden != exclusions->end()) {
          lists = static_cast<ListMask>(lists & ~hidden->second);
        }
      }
      for (int list = 0; list < list_count; ++list) {
        if ((lists >> list) & 1) best[list] = length;
      }
      if ((found & prefix_of_longer) == 0) break;
    }
    for (int list = 0; list < list_count; ++list) {
      std::size_t length = best[list];
      if (length == 0 || start < covered_until[list]) continue;
      covered_until[list] = start + length;
      if (length == 1) {
        gazetteer[start][list] = 4;  // U
        continue;
      }
      gazetteer[start][list] = 1;  // B
      for (std::size_t i = start + 1; i + 1 < start + length; ++i) gazetteer[i][list] = 2;
      gazetteer[start + length - 1][list] = 3;  // L
    }
  }

  auto word_at = [&](std::ptrdiff_t i) {
    if (i < 0) return begin_of_sentence;
    if (i >= static_cast<std::ptrdiff_t>(n)) return end_of_sentence;
    return normalised[i];
  };
  auto shape_at = [&](std::ptrdiff_t i) {
    if (i < 0) return begin_of_sentence;
    if (i >= static_cast<std::ptrdiff_t>(n)) return end_of_sentence;
    return shapes[i];
  };
  auto flags_at = [&](std::ptrdiff_t i) -> std::uint64_t {
    if (i < 0 || i >= static_cast<std::ptrdiff_t>(n)) return 128;
    return forms[i].flags;
  };

  for (std::size_t index = 0; index < n; ++index) {
    auto i = static_cast<std::ptrdiff_t>(index);
    auto add = [&](std::uint64_t feature_template, std::uint64_t value) {
      out.rows.push_back(row(feature_template, value));
    };
    add(t_bias, 0);
    for (std::ptrdiff_t offset = -2; offset <= 2; ++offset) {
      add(t_word + static_cast<std::uint64_t>(offset + 2) * 100, word_at(i + offset));
      add(t_shape + static_cast<std::uint64_t>(offset + 2) * 100, shape_at(i + offset));
    }
    add(t_raw, stable_hash(words[index]));
    add(t_word_bigram_left, combine(word_at(i - 1), word_at(i)));
    add(t_word_bigram_right, combine(word_at(i), word_at(i + 1)));
    add(t_shape_bigram_left, combine(shape_at(i - 1), shape_at(i)));
    add(t_shape_bigram_right, combine(shape_at(i), shape_at(i + 1)));
    add(t_shape_trigram, combine(combine(shape_at(i - 1), shape_at(i)), shape_at(i + 1)));
    add(t_word_shape_left, combine(word_at(i - 1), shape_at(i)));
    const std::string& folded = forms[index].folded;
    for (std::size_t length = 1; length <= 4 && length < folded.size(); ++length) {
      add(t_prefix + length * 100, stable_hash(std::string_view(folded).substr(0, length)));
      add(t_suffix + length * 100,
          stable_hash(std::string_view(folded).substr(folded.size() - length)));
    }
    for (std::ptrdiff_t offset = -1; offset <= 1; ++offset) {
      add(t_flags + static_cast<std::uint64_t>(offset + 1) * 100, flags_at(i + offset));
    }
    if (index == 0) add(t_sentence_start, shapes[index]);
    if (caps_line) add(t_caps_line, normalised[index]);
    for (std::ptrdiff_t offset = -1; offset <= 1; ++offset) {
      std::ptrdiff_t at = i + offset;
      if (at < 0 || at >= static_cast<std::ptrdiff_t>(n)) continue;
      for (int list = 0; list < list_count; ++list) {
        std::uint8_t code = gazetteer[at][list];
        if (code == 0) continue;
        add(t_gazetteer, static_cast<std::uint64_t>((offset + 1) * 1000 + list * 10 + code));
      }
    }
    const auto& token = out.tokens[index];
    if (token.capitalised) {
      bool lower_elsewhere = evidence.written_lower.contains(token.word);
      add(t_written_lower, (lower_elsewhere ? 1 : 0) + (index == 0 ? 2 : 0));
      if (index == 0) {
        add(t_capitalised_inside, evidence.capitalised_inside.contains(token.word) ? 1 : 0);
      }
    }
    out.offsets.push_back(static_cast<std::uint32_t>(out.rows.size()));
  }
}

void FeatureExtractor::history_features(const SentenceFeatures& sentence, std::size_t index,
                                        const std::vector<int>& labels,
                                        const DocumentMemory& memory,
                                        std::vector<std::uint32_t>& rows) const {
  auto label_at = [&](std::size_t back) -> std::uint64_t {
    return index >= back ? static_cast<std::uint64_t>(labels[index - back]) : 99;
  };
  const auto& token = sentence.tokens[index];
  std::uint64_t previous = label_at(1);
  rows.push_back(row(t_label1, previous));
  rows.push_back(row(t_label2, previous * 100 + label_at(2)));
  rows.push_back(row(t_label_word, combine(previous, token.lower)));
  rows.push_back(row(t_label_shape, combine(previous, token.shape)));
  // Tag pattern: the type of the last entity in this sentence and how many
  // O tokens have come since (0..3+).
  std::uint64_t pattern = 99;
  std::uint64_t outside_since = 0;
  for (std::size_t j = index; j > 0; --j) {
    int label = labels[j - 1];
    if (label == outside_label) {
      ++outside_since;
      continue;
    }
    pattern = static_cast<std::uint64_t>(label_type(label));
    break;
  }
  rows.push_back(row(t_pattern, pattern * 10 + std::min<std::uint64_t>(outside_since, 3)));
  if (const auto* counts = memory.find(token.word)) {
    std::size_t major = 0;
    for (std::size_t slot = 0; slot < counts->size(); ++slot) {
      if ((*counts)[slot] > (*counts)[major]) major = slot;
      if ((*counts)[slot] > 0) rows.push_back(row(t_memory_seen, slot));
    }
    rows.push_back(row(t_memory_major, major));
  }
}

}  // namespace dateline::ner

#include "passages.h"

#include <algorithm>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "dateline/common/text.h"

namespace dateline::query {

namespace {

// The longest prefix of UTF-8 `text` of at most `limit` bytes that does not
// end inside a character (found by fuzzing: cutting mid-character gave
// passages of invalid UTF-8).
std::size_t utf8_prefix_length(std::string_view text, std::size_t limit) {
  if (text.size() <= limit) return text.size();
  std::size_t length = limit;
  while (length > 0 && (static_cast<unsigned char>(text[length]) & 0xC0) == 0x80) --length;
  return length;
}

struct TokenMatch {
  std::size_t begin, end;
  std::string key;  // which query term it matched (stem or word), for coverage
};

// The key of one token ("" = no match).
std::string match_token(const Token& token, const MatchSpec& match, detail::Analyzer& analyzer) {
  const std::string& term = token.term;
  if (match.words.count(term)) return term;
  if (!match.stems.empty()) {
    const std::string& stem = analyzer.stem(token);
    if (match.stems.count(stem)) return stem;
  }
  for (const auto& prefix : match.wildcard_prefixes) {
    if (term.starts_with(prefix)) return prefix + "*";
  }
  return {};
}

// A phrase or NEAR match: first and last token, and which sequence matched.
struct Span {
  std::size_t first, last, sequence;
};

std::vector<Span> sequence_spans(const std::vector<Token>& tokens, const MatchSpec& match) {
  std::vector<Span> spans;
  for (std::size_t index = 0; index < match.sequences.size(); ++index) {
    const auto& sequence = match.sequences[index];
    if (sequence.words.empty()) continue;
    for (std::size_t start = 0; start < tokens.size(); ++start) {
      if (sequence.ordered) {
        if (start + sequence.words.size() > tokens.size()) break;
        if (sequence.window <= sequence.words.size()) {
          bool all = true;
          for (std::size_t k = 0; k < sequence.words.size() && all; ++k) {
            all = tokens[start + k].term == sequence.words[k];
          }
          if (all) spans.push_back({start, start + sequence.words.size() - 1, index});
          continue;
        }
      }
      // Unordered (NEAR) or loose ADJ: every word within the window from here.
      if (std::find(sequence.words.begin(), sequence.words.end(), tokens[start].term) ==
          sequence.words.end()) {
        continue;
      }
      std::size_t limit = std::min(tokens.size(), start + sequence.window);
      std::vector<bool> found(sequence.words.size(), false);
      std::size_t last = start;
      std::size_t next_ordered = 0;
      for (std::size_t k = start; k < limit; ++k) {
        for (std::size_t w = 0; w < sequence.words.size(); ++w) {
          if (found[w] || tokens[k].term != sequence.words[w]) continue;
          if (sequence.ordered && w != next_ordered) continue;
          found[w] = true;
          last = k;
          if (sequence.ordered) ++next_ordered;
          break;
        }
      }
      if (std::all_of(found.begin(), found.end(), [](bool b) { return b; })) {
        spans.push_back({start, last, index});
      }
    }
  }
  return spans;
}

// The highlights of tokens[0, count), whose keys are keys[0, count) and
// whose phrase and NEAR matches are `spans` (token indexes from 0 too), as
// byte offsets from `base`.
std::vector<Highlight> highlights_for(const Token* tokens, const int* keys, std::size_t count,
                                      const std::vector<Span>& spans, std::size_t base) {
  std::vector<Highlight> out;
  std::vector<bool> covered(count, false);
  for (auto [first, last, sequence] : spans) {
    out.push_back({tokens[first].begin - base, tokens[last].end - base});
    for (std::size_t k = first; k <= last; ++k) covered[k] = true;
  }
  for (std::size_t k = 0; k < count; ++k) {
    if (keys[k] != TokenMatcher::none && !covered[k])
      out.push_back({tokens[k].begin - base, tokens[k].end - base});
  }
  std::sort(out.begin(), out.end(), [](const Highlight& a, const Highlight& b) {
    return a.begin < b.begin || (a.begin == b.begin && a.end > b.end);
  });
  // Merge overlapping spans (two phrases sharing words).
  std::vector<Highlight> merged;
  for (const auto& h : out) {
    if (!merged.empty() && h.begin < merged.back().end) {
      merged.back().end = std::max(merged.back().end, h.end);
    } else {
      merged.push_back(h);
    }
  }
  return merged;
}

}  // namespace

TokenMatcher::TokenMatcher(const MatchSpec& match, detail::Analyzer& analyzer)
    : m_match(match), m_analyzer(analyzer) {
  m_terms.emplace(m_term_text, m_term_start);
}

int TokenMatcher::intern(std::string name) {
  if (name.empty()) return none;
  return m_key_ids.try_emplace(std::move(name), static_cast<int>(m_key_ids.size())).first->second;
}

int TokenMatcher::key_of(const Token& token) {
  // Only a token whose key depends on its term alone is remembered (not a
  // CJK character, not a word written with accents, which is stemmed as
  // written).
  if (token.cjk || !token.unfolded.empty()) {
    return intern(match_token(token, m_match, m_analyzer));
  }
  if (m_term_keys.size() >= 200000) {  // bound memory on huge vocabularies
    m_term_keys.clear();
    m_terms.emplace(m_term_text, m_term_start);
    m_term_text.clear();
  }
  const std::uint32_t number = (*m_terms)(token.term);
  if (number < m_term_keys.size()) return m_term_keys[number];
  const int key = intern(match_token(token, m_match, m_analyzer));
  m_term_keys.push_back(key);
  return key;
}

void TokenMatcher::keys(const std::vector<Token>& tokens, std::vector<int>& out) {
  out.resize(tokens.size());
  for (std::size_t k = 0; k < tokens.size(); ++k) out[k] = key_of(tokens[k]);
}

int TokenMatcher::sequence_key(std::size_t index) {
  // No term key starts with \x01: the tokenizer never makes one.
  return intern("\x01" + std::to_string(index));
}

std::vector<Highlight> find_highlights(std::string_view text, TokenMatcher& matcher) {
  auto tokens = matcher.analyzer().tokenize(text);
  std::vector<int> keys;
  matcher.keys(tokens, keys);
  auto spans = sequence_spans(tokens, matcher.match());
  return highlights_for(tokens.data(), keys.data(), tokens.size(), spans, 0);
}

std::vector<Highlight> find_highlights(std::string_view text, const MatchSpec& match,
                                       detail::Analyzer& analyzer) {
  TokenMatcher matcher(match, analyzer);
  return find_highlights(text, matcher);
}

std::vector<Passage> choose_passages(const std::vector<std::string>& paragraphs,
                                     TokenMatcher& matcher, std::size_t count) {
  if (count == 0) return {};
  // A paragraph with matches: its tokens, their keys and its phrase and
  // NEAR matches, for the highlights of the passages chosen from it.
  struct Matched {
    std::size_t paragraph;
    std::vector<Token> tokens;
    std::vector<int> keys;
    std::vector<Span> spans;
  };
  struct Candidate {
    std::size_t matched;         // in `matched`
    std::size_t begin, end;      // byte range in the paragraph
    std::size_t first, last;     // its tokens: [first, last)
    std::size_t keys, keys_end;  // distinct query terms covered: in `covers`
    std::size_t matches = 0;
    std::size_t phrase_matches = 0;
  };
  std::vector<Matched> matched;
  std::vector<Candidate> candidates;
  std::vector<int> covers;
  std::vector<int> keys;
  std::size_t scanned = 0;
  for (std::size_t p = 0; p < paragraphs.size() && scanned < max_scan_bytes; ++p) {
    std::string_view text = paragraphs[p];
    if (scanned + text.size() > max_scan_bytes) {
      text = text.substr(0, utf8_prefix_length(text, max_scan_bytes - scanned));
    }
    scanned += text.size();
    auto tokens = matcher.analyzer().tokenize(text);
    matcher.keys(tokens, keys);
    auto spans = sequence_spans(tokens, matcher.match());
    bool any = !spans.empty() || std::any_of(keys.begin(), keys.end(),
                                             [](int key) { return key != TokenMatcher::none; });
    if (!any) continue;
    auto starts = sentence_starts(text);
    starts.push_back(text.size());
    const std::size_t index = matched.size();
    // Windows of 1..3 sentences, cut to max_passage_bytes: each holds the
    // tokens wholly inside it, a run of consecutive tokens.
    for (std::size_t s = 0; s + 1 < starts.size(); ++s) {
      for (std::size_t e = s + 1; e < starts.size() && e <= s + 3; ++e) {
        std::size_t begin = starts[s];
        std::size_t end = starts[e];
        if (end - begin > max_passage_bytes && e > s + 1) break;
        std::size_t first = static_cast<std::size_t>(
            std::lower_bound(tokens.begin(), tokens.end(), begin,
                             [](const Token& token, std::size_t at) { return token.begin < at; }) -
            tokens.begin());
        std::size_t last = first;
        while (last < tokens.size() && tokens[last].end <= end) ++last;
        Candidate candidate{index, begin, end, first, last, covers.size(), 0, 0, 0};
        for (std::size_t k = first; k < last; ++k) {
          if (keys[k] != TokenMatcher::none) {
            covers.push_back(keys[k]);
            ++candidate.matches;
          }
        }
        for (auto [a, b, sequence] : spans) {
          if (a >= first && b < last) {
            // A matched phrase covers a query term of its own.
            covers.push_back(matcher.sequence_key(sequence));
            ++candidate.phrase_matches;
          }
        }
        if (candidate.matches == 0 && candidate.phrase_matches == 0) {
          covers.resize(candidate.keys);
          continue;
        }
        auto from = covers.begin() + static_cast<std::ptrdiff_t>(candidate.keys);
        std::sort(from, covers.end());
        covers.erase(std::unique(from, covers.end()), covers.end());
        candidate.keys_end = covers.size();
        candidates.push_back(candidate);
      }
    }
    matched.push_back(Matched{p, std::move(tokens), keys, std::move(spans)});
  }
  if (candidates.empty()) {
    // No match in the body (the title or a filter matched): show the lead.
    for (std::size_t p = 0; p < paragraphs.size(); ++p) {
      std::string_view text = paragraphs[p];
      if (text.empty()) continue;
      auto starts = sentence_starts(text);
      std::size_t end = text.size();
      for (std::size_t s = 1; s < starts.size(); ++s) {
        if (starts[s] > max_passage_bytes / 2) {
          end = starts[s];
          break;
        }
      }
      std::string lead(text.substr(0, end));
      lead.resize(utf8_prefix_length(lead, max_passage_bytes * 2));
      return {Passage{std::move(lead), {}, p, 0.0}};
    }
    return {};
  }

  auto length_penalty = [](const Candidate& c) {
    return static_cast<double>(c.end - c.begin) / static_cast<double>(max_passage_bytes * 4);
  };
  std::vector<Passage> chosen;
  std::vector<char> covered(matcher.key_count(), 0);
  std::vector<const Candidate*> taken;
  while (chosen.size() < count) {
    const Candidate* best = nullptr;
    double best_score = -1;
    for (const auto& candidate : candidates) {
      bool overlaps = std::any_of(taken.begin(), taken.end(), [&](const Candidate* t) {
        return t->matched == candidate.matched && candidate.begin < t->end &&
               t->begin < candidate.end;
      });
      if (overlaps) continue;
      std::size_t fresh = 0;
      for (std::size_t k = candidate.keys; k < candidate.keys_end; ++k) {
        fresh += covered[static_cast<std::size_t>(covers[k])] ? 0 : 1;
      }
      const std::size_t distinct = candidate.keys_end - candidate.keys;
      double score = 10.0 * static_cast<double>(fresh) + 3.0 * static_cast<double>(distinct) +
                     4.0 * static_cast<double>(candidate.phrase_matches) +
                     std::min<double>(static_cast<double>(candidate.matches), 6.0) -
                     length_penalty(candidate) -
                     0.01 * static_cast<double>(matched[candidate.matched].paragraph);
      if (score > best_score) {
        best_score = score;
        best = &candidate;
      }
    }
    if (best == nullptr) break;
    taken.push_back(best);
    for (std::size_t k = best->keys; k < best->keys_end; ++k) {
      covered[static_cast<std::size_t>(covers[k])] = 1;
    }
    const Matched& in = matched[best->matched];
    std::vector<Span> inside;
    for (auto [a, b, sequence] : in.spans) {
      if (a >= best->first && b < best->last) {
        inside.push_back({a - best->first, b - best->first, sequence});
      }
    }
    std::vector<Highlight> highlights =
        highlights_for(in.tokens.data() + best->first, in.keys.data() + best->first,
                       best->last - best->first, inside, best->begin);
    const std::string_view paragraph = paragraphs[in.paragraph];
    std::string text(paragraph.substr(best->begin, best->end - best->begin));
    // Trim trailing space kept by the sentence split; highlights stay valid.
    while (!text.empty() && (text.back() == ' ' || text.back() == '\n')) text.pop_back();
    chosen.push_back(Passage{std::move(text), std::move(highlights), in.paragraph, best_score});
  }
  return chosen;
}

std::vector<Passage> choose_passages(const std::vector<std::string>& paragraphs,
                                     const MatchSpec& match, detail::Analyzer& analyzer,
                                     std::size_t count) {
  TokenMatcher matcher(match, analyzer);
  return choose_passages(paragraphs, matcher, count);
}

}  // namespace dateline::query

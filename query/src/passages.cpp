#include "passages.h"

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>

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

// Keys already worked out for a term, within one article: a long article
// repeats its words, and one lookup here replaces a stopword check, a stem
// lookup and the set lookups. Only tokens whose key depends on the term
// alone are kept (not CJK characters, not words written with accents).
using KeyMemo = std::unordered_map<std::string, std::string>;

// Match each token against the query. Returns per-token keys ("" = no match).
std::vector<std::string> match_tokens(const std::vector<Token>& tokens, const MatchSpec& match,
                                      detail::Analyzer& analyzer, KeyMemo* memo = nullptr) {
  std::vector<std::string> keys(tokens.size());
  for (std::size_t k = 0; k < tokens.size(); ++k) {
    const Token& token = tokens[k];
    if (memo == nullptr || token.cjk || !token.unfolded.empty()) {
      keys[k] = match_token(token, match, analyzer);
      continue;
    }
    auto found = memo->find(token.term);
    if (found == memo->end()) {
      found = memo->emplace(token.term, match_token(token, match, analyzer)).first;
    }
    keys[k] = found->second;
  }
  return keys;
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

std::vector<Highlight> highlights_for(const std::vector<Token>& tokens,
                                      const std::vector<std::string>& keys,
                                      const std::vector<Span>& spans, std::size_t base) {
  std::vector<Highlight> out;
  std::vector<bool> covered(tokens.size(), false);
  for (auto [first, last, sequence] : spans) {
    out.push_back({tokens[first].begin - base, tokens[last].end - base});
    for (std::size_t k = first; k <= last; ++k) covered[k] = true;
  }
  for (std::size_t k = 0; k < tokens.size(); ++k) {
    if (!keys[k].empty() && !covered[k])
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

std::vector<Highlight> find_highlights(std::string_view text, const MatchSpec& match,
                                       detail::Analyzer& analyzer) {
  auto tokens = analyzer.tokenize(text);
  auto keys = match_tokens(tokens, match, analyzer);
  auto spans = sequence_spans(tokens, match);
  return highlights_for(tokens, keys, spans, 0);
}

std::vector<Passage> choose_passages(const std::vector<std::string>& paragraphs,
                                     const MatchSpec& match, detail::Analyzer& analyzer,
                                     std::size_t count) {
  if (count == 0) return {};
  struct Candidate {
    std::size_t paragraph;
    std::size_t begin, end;      // byte range in the paragraph
    std::set<std::string> keys;  // distinct query terms covered
    std::size_t matches = 0;
    std::size_t phrase_matches = 0;
    std::vector<Highlight> highlights;
  };
  std::vector<Candidate> candidates;
  KeyMemo memo;
  std::size_t scanned = 0;
  for (std::size_t p = 0; p < paragraphs.size() && scanned < max_scan_bytes; ++p) {
    std::string_view text = paragraphs[p];
    if (scanned + text.size() > max_scan_bytes) {
      text = text.substr(0, utf8_prefix_length(text, max_scan_bytes - scanned));
    }
    scanned += text.size();
    auto tokens = analyzer.tokenize(text);
    auto keys = match_tokens(tokens, match, analyzer, &memo);
    auto spans = sequence_spans(tokens, match);
    bool any = !spans.empty() || std::any_of(keys.begin(), keys.end(),
                                             [](const std::string& k) { return !k.empty(); });
    if (!any) continue;
    auto starts = sentence_starts(text);
    starts.push_back(text.size());
    // Windows of 1..3 sentences, cut to max_passage_bytes.
    for (std::size_t s = 0; s + 1 < starts.size(); ++s) {
      for (std::size_t e = s + 1; e < starts.size() && e <= s + 3; ++e) {
        std::size_t begin = starts[s];
        std::size_t end = starts[e];
        if (end - begin > max_passage_bytes && e > s + 1) break;
        Candidate candidate{p, begin, end, {}, 0, 0, {}};
        std::vector<Token> inside;
        std::vector<std::string> inside_keys;
        std::vector<Span> inside_spans;
        std::size_t first_index = tokens.size();
        for (std::size_t k = 0; k < tokens.size(); ++k) {
          if (tokens[k].begin < begin || tokens[k].end > end) continue;
          if (first_index == tokens.size()) first_index = k;
          inside.push_back(tokens[k]);
          inside_keys.push_back(keys[k]);
          if (!keys[k].empty()) {
            candidate.keys.insert(keys[k]);
            ++candidate.matches;
          }
        }
        for (auto [a, b, sequence] : spans) {
          if (a >= first_index && b < first_index + inside.size()) {
            inside_spans.push_back({a - first_index, b - first_index, sequence});
            // A matched phrase covers a query term of its own.
            candidate.keys.insert("\x01" + std::to_string(sequence));
            ++candidate.phrase_matches;
          }
        }
        if (candidate.matches == 0 && candidate.phrase_matches == 0) continue;
        candidate.highlights = highlights_for(inside, inside_keys, inside_spans, begin);
        candidates.push_back(std::move(candidate));
      }
    }
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
  std::set<std::string> covered;
  std::vector<const Candidate*> taken;
  while (chosen.size() < count) {
    const Candidate* best = nullptr;
    double best_score = -1;
    for (const auto& candidate : candidates) {
      bool overlaps = std::any_of(taken.begin(), taken.end(), [&](const Candidate* t) {
        return t->paragraph == candidate.paragraph && candidate.begin < t->end &&
               t->begin < candidate.end;
      });
      if (overlaps) continue;
      std::size_t fresh = 0;
      for (const auto& key : candidate.keys) fresh += covered.count(key) ? 0 : 1;
      double score = 10.0 * static_cast<double>(fresh) +
                     3.0 * static_cast<double>(candidate.keys.size()) +
                     4.0 * static_cast<double>(candidate.phrase_matches) +
                     std::min<double>(static_cast<double>(candidate.matches), 6.0) -
                     length_penalty(candidate) - 0.01 * static_cast<double>(candidate.paragraph);
      if (score > best_score) {
        best_score = score;
        best = &candidate;
      }
    }
    if (best == nullptr) break;
    taken.push_back(best);
    covered.insert(best->keys.begin(), best->keys.end());
    std::string text(
        std::string_view(paragraphs[best->paragraph]).substr(best->begin, best->end - best->begin));
    // Trim trailing space kept by the sentence split; highlights stay valid.
    while (!text.empty() && (text.back() == ' ' || text.back() == '\n')) text.pop_back();
    chosen.push_back(Passage{std::move(text), best->highlights, best->paragraph, best_score});
  }
  return chosen;
}

}  // namespace dateline::query

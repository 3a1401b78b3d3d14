#include "spelling.h"

#include <algorithm>
#include <vector>

namespace dateline::query {

unsigned edit_distance(std::string_view a, std::string_view b, unsigned limit) {
  std::size_t n = a.size(), m = b.size();
  if ((n > m ? n - m : m - n) > limit) return limit + 1;
  std::vector<unsigned> prev2(m + 1), prev(m + 1), row(m + 1);
  for (std::size_t j = 0; j <= m; ++j) prev[j] = static_cast<unsigned>(j);
  for (std::size_t i = 1; i <= n; ++i) {
    row[0] = static_cast<unsigned>(i);
    unsigned best = row[0];
    for (std::size_t j = 1; j <= m; ++j) {
      unsigned cost = a[i - 1] == b[j - 1] ? 0 : 1;
      row[j] = std::min({prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        row[j] = std::min(row[j], prev2[j - 2] + 1);
      }
      best = std::min(best, row[j]);
    }
    if (best > limit) return limit + 1;
    prev2.swap(prev);
    prev.swap(row);
  }
  return prev[m];
}

std::string suggest_spelling(const Xapian::Database& db, const std::string& query,
                             const std::vector<ParsedQuery::Word>& words) {
  std::string corrected = query;
  bool changed = false;
  // Replace from the end so earlier offsets stay valid.
  for (auto it = words.rbegin(); it != words.rend(); ++it) {
    const auto& [offset, word, stems] = *it;
    if (word.size() < 3 || db.get_termfreq(word) > 0) continue;
    if (std::any_of(stems.begin(), stems.end(),
                    [&](const std::string& stem) { return db.get_termfreq("Z" + stem) > 0; })) {
      continue;
    }
    if (word.find_first_of("0123456789") != std::string::npos) continue;
    unsigned limit = word.size() <= 4 ? 1 : 2;
    std::string best;
    Xapian::doccount best_freq = 0;
    unsigned best_distance = limit + 1;
    std::string first(1, word[0]);
    for (auto term = db.allterms_begin(first); term != db.allterms_end(first); ++term) {
      const std::string& candidate = *term;
      std::size_t length = candidate.size();
      if (length + limit < word.size() || length > word.size() + limit) continue;
      unsigned distance = edit_distance(word, candidate, limit);
      if (distance > limit) continue;
      Xapian::doccount freq = term.get_termfreq();
      if (distance < best_distance || (distance == best_distance && freq > best_freq)) {
        best = candidate;
        best_freq = freq;
        best_distance = distance;
      }
    }
    if (best.empty()) continue;
    // The word as typed spans [offset, offset + length of its original text).
    std::size_t end = offset;
    while (end < corrected.size() && corrected[end] != ' ' && corrected[end] != '"' &&
           corrected[end] != ')' && corrected[end] != '*') {
      ++end;
    }
    corrected.replace(offset, end - offset, best);
    changed = true;
  }
  return changed ? corrected : std::string();
}

}  // namespace dateline::query

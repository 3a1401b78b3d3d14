#include "spelling.h"

#include <algorithm>
#include <string_view>
#include <vector>

namespace dateline::query {

namespace {
// A word in at most this many articles, or this share of a bigger
// archive's, may be a typo (see suggest_spelling).
constexpr Xapian::doccount typo_articles = 3;
constexpr Xapian::doccount typo_share = 10000;  // one in ten thousand
// ...if a word one edit away is in this many times as many articles.
constexpr Xapian::doccount typo_ratio = 50;

// Whether `candidate` (one edit from `word`, which some articles hold)
// looks like what a typo of it meant. Sampled on Reuters-21578's rare
// words, two kinds of pairs were other words, not typos: a change at the
// end (banda/band, americana/american, corpo/corp) and one vowel for
// another (sprung/spring, reich/reach, fallon/fallen).
bool typo_of(std::string_view word, std::string_view candidate) {
  if (candidate.starts_with(word) || word.starts_with(candidate)) return false;
  if (word.size() != candidate.size()) return true;
  constexpr std::string_view vowels = "aeiouy";
  for (std::size_t k = 0; k < word.size(); ++k) {
    if (word[k] == candidate[k]) continue;
    const bool both_vowels = vowels.find(word[k]) != std::string_view::npos &&
                             vowels.find(candidate[k]) != std::string_view::npos;
    // One substitution, or a transposition (which moves two letters).
    if (both_vowels && word.substr(k + 1) == candidate.substr(k + 1)) return false;
    return true;
  }
  return true;
}
}  // namespace

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
  const Xapian::doccount rare = std::max(typo_articles, db.get_doccount() / typo_share);
  // Replace from the end so earlier offsets stay valid.
  for (auto it = words.rbegin(); it != words.rend(); ++it) {
    const auto& [offset, word, stems] = *it;
    if (word.size() < 3) continue;
    // A word some article holds is taken as meant, unless it is as rare as
    // the archive's own typos (Reuters-21578 has "intrest" once, "interest"
    // in 2,000 articles): then only a word one edit away that looks like
    // what the typo meant (typo_of), and typo_ratio times as frequent,
    // replaces it.
    const Xapian::doccount typed = db.get_termfreq(word);
    if (typed > rare) continue;
    if (std::any_of(stems.begin(), stems.end(), [&](const std::string& stem) {
          // Its stem known (a word no article holds in this form), or
          // common (a rare form of a common word): meant.
          return db.get_termfreq("Z" + stem) > (typed == 0 ? 0 : rare);
        })) {
      continue;
    }
    if (word.find_first_of("0123456789") != std::string::npos) continue;
    // Short words an archive holds are too often real (fork, mite, coop).
    if (typed > 0 && word.size() < 5) continue;
    unsigned limit = typed > 0 ? 1 : word.size() <= 4 ? 1 : 2;
    std::string best;
    Xapian::doccount best_freq = 0;
    unsigned best_distance = limit + 1;
    std::string first(1, word[0]);
    for (auto term = db.allterms_begin(first); term != db.allterms_end(first); ++term) {
      const std::string& candidate = *term;
      std::size_t length = candidate.size();
      if (length + limit < word.size() || length > word.size() + limit) continue;
      if (candidate == word) continue;
      unsigned distance = edit_distance(word, candidate, limit);
      if (distance > limit) continue;
      if (typed > 0 && !typo_of(word, candidate)) continue;
      Xapian::doccount freq = term.get_termfreq();
      if (distance < best_distance || (distance == best_distance && freq > best_freq)) {
        best = candidate;
        best_freq = freq;
        best_distance = distance;
      }
    }
    if (best.empty()) continue;
    if (typed > 0 && best_freq < typo_ratio * typed) continue;
    // The word as typed spans [offset, offset + length of its original text).
    std::size_t end = offset;
    while (end < corrected.size() && corrected[end] != ' ' && corrected[end] != '"' &&
           corrected[end] != ')' && corrected[end] != '*' &&
           quote_sign_length(corrected, end) == 0) {
      ++end;
    }
    corrected.replace(offset, end - offset, best);
    changed = true;
  }
  return changed ? corrected : std::string();
}

}  // namespace dateline::query

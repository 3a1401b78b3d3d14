#include "spelling.h"

#include <algorithm>
#include <map>
#include <string_view>
#include <vector>

#include "dateline/common/schema.h"

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

namespace {
// The field whose prefix begins `term`, the longest such ("XTP" is a
// person's, not a topic's), and the key after it; among the fields users
// filter by name.
std::pair<const schema::Field*, std::string_view> filter_field_of(std::string_view term) {
  const schema::Field* best = nullptr;
  std::size_t length = 0;
  for (const auto& field : schema::fields) {
    static constexpr std::string_view named[] = {"source", "person", "org",     "place",
                                                 "misc",   "topic",  "exchange"};
    if (std::find(std::begin(named), std::end(named), field.name) == std::end(named)) continue;
    for (std::string_view prefix : {field.prefix, field.also}) {
      if (!prefix.empty() && prefix.size() > length && term.starts_with(prefix)) {
        best = &field;
        length = prefix.size();
      }
    }
  }
  return {best, best == nullptr ? std::string_view() : term.substr(length)};
}

// How far `key` is from `typed`: edits of the whole, or, for a typed word,
// of one of the key's words; beyond `limit`, limit + 1.
unsigned distance_to(std::string_view typed, std::string_view key, unsigned limit) {
  unsigned best = edit_distance(typed, key, limit);
  if (typed.find(' ') != std::string_view::npos) return best;
  std::size_t start = 0;
  while (best > 0 && start < key.size()) {
    std::size_t end = std::min(key.find(' ', start), key.size());
    if (end - start != key.size()) {
      best = std::min(best, edit_distance(typed, key.substr(start, end - start), limit));
    }
    start = end + 1;
  }
  return best;
}
}  // namespace

std::vector<UnknownFilterValue> unknown_filter_values(const Xapian::Database& db,
                                                      const Xapian::Query& query) {
  std::vector<UnknownFilterValue> unknown;
  for (auto it = query.get_unique_terms_begin(); it != query.get_unique_terms_end(); ++it) {
    const std::string term = *it;
    const auto [field, key] = filter_field_of(term);
    if (field == nullptr || key.empty()) continue;
    // Unknown when neither of its terms (XP, XTP) names an article.
    const auto terms = schema::value_terms(*field, key);
    if (std::any_of(terms.begin(), terms.end(),
                    [&](const std::string& named) { return db.term_exists(named); })) {
      continue;
    }
    if (std::any_of(unknown.begin(), unknown.end(), [&](const UnknownFilterValue& seen) {
          return seen.field == field->name && seen.value == key;
        })) {
      continue;
    }
    UnknownFilterValue value{std::string(field->name), std::string(key), {}};
    const unsigned limit = key.size() <= 4 ? 1 : 2;
    struct Candidate {
      unsigned distance;
      FacetValue value;
    };
    std::map<std::string, Candidate> candidates;
    for (std::string_view prefix : {field->prefix, field->also}) {
      if (prefix.empty()) continue;
      for (auto listed = db.allterms_begin(std::string(prefix));
           listed != db.allterms_end(std::string(prefix)); ++listed) {
        const std::string name = *listed;
        const auto [owner, candidate] = filter_field_of(name);
        if (owner != field) continue;  // "XT" lists XTP..., a person's
        const unsigned distance = distance_to(key, candidate, limit);
        if (distance > limit) continue;
        auto& found = candidates[std::string(candidate)];
        found.distance = distance;
        found.value.value = found.value.label = std::string(candidate);
        found.value.count = std::max<std::uint64_t>(found.value.count, listed.get_termfreq());
      }
    }
    std::vector<Candidate> nearest;
    for (auto& [name, candidate] : candidates) nearest.push_back(std::move(candidate));
    std::sort(nearest.begin(), nearest.end(), [](const Candidate& a, const Candidate& b) {
      if (a.distance != b.distance) return a.distance < b.distance;
      if (a.value.count != b.value.count) return a.value.count > b.value.count;
      return a.value.value < b.value.value;
    });
    for (std::size_t k = 0; k < nearest.size() && k < 3; ++k) {
      nearest[k].value.lower = nearest[k].value.upper = nearest[k].value.count;
      value.nearest.push_back(std::move(nearest[k].value));
    }
    unknown.push_back(std::move(value));
  }
  return unknown;
}

}  // namespace dateline::query

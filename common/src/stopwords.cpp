#include "dateline/common/stopwords.h"

#include <algorithm>
#include <array>
#include <map>
#include <set>
#include <string>

#include "dateline/common/text.h"

namespace dateline {

namespace {
// Common English function words, sorted for binary search.
constexpr std::array<std::string_view, 127> english{
    "a",      "about",  "above", "after", "again",    "against",    "all",  "am",
    "an",     "and",    "any",   "are",   "as",       "at",         "be",   "because",
    "been",   "before", "being", "below", "between",  "both",       "but",  "by",
    "can",    "could",  "did",   "do",    "does",     "doing",      "down", "during",
    "each",   "few",    "for",   "from",  "further",  "had",        "has",  "have",
    "having", "he",     "her",   "here",  "hers",     "herself",    "him",  "himself",
    "his",    "how",    "i",     "if",    "in",       "into",       "is",   "it",
    "its",    "itself", "just",  "me",    "more",     "most",       "my",   "myself",
    "no",     "nor",    "not",   "now",   "of",       "off",        "on",   "once",
    "only",   "or",     "other", "our",   "ours",     "out",        "over", "own",
    "said",   "same",   "says",  "she",   "should",   "so",         "some", "such",
    "than",   "that",   "the",   "their", "theirs",   "them",       "then", "there",
    "these",  "they",   "this",  "those", "through",  "to",         "too",  "under",
    "until",  "up",     "very",  "was",   "we",       "were",       "what", "when",
    "where",  "which",  "while", "who",   "whom",     "why",        "will", "with",
    "would",  "you",    "your",  "yours", "yourself", "yourselves", "also"};
}  // namespace

bool is_stopword(std::string_view term) noexcept {
  static const auto sorted = [] {
    auto copy = english;
    std::sort(copy.begin(), copy.end());
    return copy;
  }();
  return std::binary_search(sorted.begin(), sorted.end(), term);
}

namespace {
// The commonest function words of the languages Snowball has stopword lists
// for (our own short lists, written from frequency, not copied). Kept short
// on purpose: a word here gets no stem term in articles of that language, so
// only words that say nothing on their own belong.
struct LanguageStopwords {
  std::string_view language;
  std::string_view words;  // space-separated, lower case, with diacritics
};
constexpr std::array<LanguageStopwords, 12> lists{{
    {"de",
     "aber als am an auch auf aus bei bin bis bist da damit dann das dass dem den denn der "
     "des die dies diese dieser dieses doch du durch ein eine einem einen einer eines er es "
     "für hat hatte ich ihr im in ist ja kann man mit nach nicht noch nur ob oder sich sie "
     "sind so um und uns von vor war waren was wenn werden wie wir wird zu zum zur über"},
    {"fr",
     "a au aux avec ce ces dans de des du elle en est et eux il ils je la le les leur lui "
     "ma mais me même mes moi mon ne nos notre nous on ou par pas pour qu que qui sa se ses "
     "son sont sur ta te tes toi ton tu un une vos votre vous été être avait"},
    {"es",
     "a al con de del el ella en entre es esta este fue ha la las le lo los más no o para "
     "pero por que se sin su sus un una y ya"},
    {"it",
     "a al alla che con da dal del della di e è gli i il in la le lo ma non per più si su "
     "un una"},
    {"pt",
     "a ao aos as com da das de do dos e é em entre foi há mais mas na nas no nos o os ou "
     "para pela pelo por que se sem seu sua um uma"},
    {"nl",
     "aan als bij dat de den der die dit door een en er het hij in is met niet of om op te "
     "van voor was wat werd wordt ze zijn"},
    {"sv",
     "att av de den det där en ett för han har hon i inte jag med men och om på som till "
     "var vi är"},
    {"no",
     "at av da de den det en er et for han har hun i ikke jeg med men og om på som til var "
     "vi"},
    {"da",
     "af at de den der det en er et for han har hun i ikke jeg med men og om på som til var "
     "vi"},
    {"fi", "ei ja että hän he joka jos kun me mutta ne niin nyt oli on ovat se sekä sen tai"},
    {"ru",
     "а без бы был была были было в во вы да для до его ее её же за и из или им их к как ко "
     "когда ли на над не нет но о об он она они от по под при с со так то том тот у уже что "
     "это я"},
    {"uk",
     "а але без би був була були було в від до з за і й їх із на не ні по при та так те то "
     "у як що це ж"},
}};

const std::set<std::string>* stopword_set(std::string_view language) {
  // Built once (thread-safe static initialisation), read without locks.
  static const auto sets = [] {
    std::map<std::string, std::set<std::string>, std::less<>> built;
    for (const auto& list : lists) {
      auto& words = built[std::string(list.language)];
      std::string_view rest = list.words;
      while (!rest.empty()) {
        std::size_t space = rest.find(' ');
        // Entries are folded by the language's own rule, as its terms are.
        words.insert(fold(rest.substr(0, space), list.language));
        rest = space == std::string_view::npos ? std::string_view{} : rest.substr(space + 1);
      }
    }
    return built;
  }();
  std::string_view code = language == "nb" || language == "nn" ? "no" : language;
  auto found = sets.find(code);
  return found == sets.end() ? nullptr : &found->second;
}
}  // namespace

bool has_stopwords(std::string_view language) {
  return language == "en" || stopword_set(language) != nullptr;
}

bool is_stopword(std::string_view term, std::string_view language) {
  if (language == "en") return is_stopword(term);
  const auto* words = stopword_set(language);
  return words != nullptr && words->find(std::string(term)) != words->end();
}

}  // namespace dateline

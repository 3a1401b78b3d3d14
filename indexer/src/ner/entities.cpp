#include "ner/entities.h"

#include <algorithm>
#include <array>
#include <iterator>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string_view>
#include <unordered_map>

#include "dateline/common/error.h"
#include "dateline/common/text.h"
#include "dateline/detail/entity_names.h"
#include "ner/features.h"
#include "ner/gazetteer.h"
#include "ner/tagger.h"
#include "ner/tokenizer.h"

namespace dateline::ner {

namespace {
std::mutex model_mutex;
std::filesystem::path chosen_model_path;

using detail::alias_table;
using detail::is_legal_form;

// The gazetteer lists that confirm a name of this type.
ListMask lists_for(Entity::Type type) {
  auto bit = [](List list) { return static_cast<ListMask>(1u << static_cast<int>(list)); };
  switch (type) {
    case Entity::Type::person:
      return bit(List::person);
    case Entity::Type::organisation:
      return bit(List::organisation);
    case Entity::Type::place:
      return static_cast<ListMask>(bit(List::location) | bit(List::region));
    default:
      return 0;
  }
}

// Whether `entity` is a name we know: on one of the gazetteer's lists for its
// type (the lists of the training data do not count), or an alias target.
bool is_known(const Entity& entity, const Gazetteer& gazetteer) {
  if (alias_table().targets.contains(entity.key)) return true;
  ListMask wanted = lists_for(entity.type);
  if (wanted == 0) return false;
  std::vector<std::uint64_t> words;
  for (const auto& token : split_words(entity.display)) words.push_back(word_key(token.text));
  if (words.empty()) return false;
  return (gazetteer.lookup(phrase_key(words)) & wanted) != 0;
}

// Titles as folded word sequences, longest first; and months and weekdays.
struct Lists {
  std::vector<std::vector<std::string>> titles;
  // Dates (months, weekdays) and words no name is made of alone.
  std::set<std::string, std::less<>> not_names;
  // Currencies as wire copy abbreviates them.
  std::set<std::string, std::less<>> units;
  // Titles that also begin companies' names.
  std::set<std::string, std::less<>> company_titles;
  // Verbs of headlines in capitals.
  std::set<std::string, std::less<>> headline_verbs;
};

const Lists& lists() {
  static const Lists table = [] {
    Lists result;
    for (const auto& [list, phrase] : dateline::detail::table_rows(hand_lists_text())) {
      if (list == "title") {
        std::vector<std::string> words;
        for (auto& token : split_words(phrase)) words.push_back(facet_key(token.text));
        result.titles.push_back(std::move(words));
      } else if (list == "date" || list == "not-name") {
        result.not_names.insert(facet_key(phrase));
      } else if (list == "unit") {
        result.units.insert(facet_key(phrase));
      } else if (list == "company-title") {
        result.company_titles.insert(facet_key(phrase));
      } else if (list == "headline-verb") {
        result.headline_verbs.insert(facet_key(phrase));
      }
    }
    std::sort(result.titles.begin(), result.titles.end(),
              [](const auto& a, const auto& b) { return a.size() > b.size(); });
    return result;
  }();
  return table;
}

// Whether every word of `key` is a date or a word no name is made of alone
// ("nine", "nine mths": on Reuters-21578 the earnings tables' "NINE MTHS"
// made "Nine" a person of 351 articles).
bool is_no_name(std::string_view key) {
  const auto& not_names = lists().not_names;
  if (not_names.contains(key)) return true;
  std::size_t start = 0;
  while (start <= key.size()) {
    std::size_t end = std::min(key.find(' ', start), key.size());
    if (!not_names.contains(key.substr(start, end - start))) return false;
    start = end + 1;
  }
  return true;
}

// Whether `key` ends with a currency's abbreviation: a sum of money ("hk
// dlrs" was a person of 31 Reuters-21578 articles, "nz dlrs" of 27).
bool is_sum_of_money(std::string_view key) {
  const std::size_t space = key.rfind(' ');
  return lists().units.contains(space == std::string_view::npos ? key : key.substr(space + 1));
}

Entity::Type entity_type(EntityType type) {
  switch (type) {
    case EntityType::person:
      return Entity::Type::person;
    case EntityType::organisation:
      return Entity::Type::organisation;
    case EntityType::location:
      return Entity::Type::place;
    case EntityType::misc:
      break;
  }
  return Entity::Type::misc;
}

bool has_letter(std::string_view text) {
  for (char ch : text) {
    if ((ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') ||
        static_cast<unsigned char>(ch) >= 0x80) {
      return true;
    }
  }
  return false;
}

std::optional<std::filesystem::path> executable_directory() {
  std::error_code error;
  auto self = std::filesystem::read_symlink("/proc/self/exe", error);
  if (error) return std::nullopt;
  return self.parent_path();
}
}  // namespace

void set_default_model_path(const std::filesystem::path& file) {
  std::lock_guard lock(model_mutex);
  chosen_model_path = file;
}

std::vector<std::filesystem::path> model_search_path() {
  std::vector<std::filesystem::path> paths;
  {
    std::lock_guard lock(model_mutex);
    if (!chosen_model_path.empty()) paths.push_back(chosen_model_path);
  }
  if (auto directory = executable_directory()) {
    paths.push_back(*directory / "ner-model.bin");
    paths.push_back(*directory / ".." / "share" / "dateline" / "ner-model.bin");
  }
  paths.emplace_back(DATELINE_NER_INSTALLED_MODEL);
  paths.emplace_back(DATELINE_NER_SOURCE_MODEL);
  return paths;
}

const Model* default_model() {
  // A function-local static is initialised once, even with many threads.
  static const std::optional<Model> model = []() -> std::optional<Model> {
    for (const auto& path : model_search_path()) {
      std::error_code error;
      if (std::filesystem::is_regular_file(path, error)) return Model::load(path);
    }
    return std::nullopt;
  }();
  return model ? &*model : nullptr;
}

EntityName normalise_entity(std::string_view mention, Entity::Type type) {
  std::string display = collapse_whitespace(mention);
  // Possessives: "Putin's", "Putin’s", "ABC News'".
  for (std::string_view suffix : {"'s", "\xE2\x80\x99s", "'", "\xE2\x80\x99"}) {
    if (display.ends_with(suffix)) {
      display.resize(display.size() - suffix.size());
      break;
    }
  }
  // Stray punctuation around the name.
  auto strip_edges = [&display] {
    while (!display.empty() &&
           std::string_view("\"'-,;:( ").find(display.front()) != std::string_view::npos) {
      display.erase(0, 1);
    }
    while (!display.empty() &&
           std::string_view("\"'-,;:) ").find(display.back()) != std::string_view::npos) {
      display.pop_back();
    }
  };
  strip_edges();
  // Leading "the" and titles, as long as a name is left; not before a
  // company's or a place's name, which a title begins as often as not:
  // "General Motors" was the organisation "Motors" of 138 Reuters-21578
  // articles, "General Electric" "Electric" of 95.
  for (bool stripped = true; stripped;) {
    stripped = false;
    auto tokens = split_words(display);
    std::vector<std::string> keys;
    for (const auto& token : tokens) keys.push_back(facet_key(token.text));
    auto drop = [&](std::size_t words) {
      if (words >= tokens.size()) return;
      display = std::string(trim(std::string_view(display).substr(tokens[words].begin)));
      stripped = true;
    };
    if (!keys.empty() && keys[0] == "the") {
      drop(1);
      continue;
    }
    if (type == Entity::Type::organisation || type == Entity::Type::place) continue;
    for (const auto& title : lists().titles) {
      if (title.size() < keys.size() && std::equal(title.begin(), title.end(), keys.begin())) {
        drop(title.size());
        break;
      }
    }
  }
  strip_edges();
  // A company's legal form ends its name but is not part of its key:
  // "Texaco Inc" and "Texaco" are one organisation. (A person may be
  // called "Henry Co".)
  if (type == Entity::Type::organisation) {
    display = detail::without_legal_form(display);
    strip_edges();
  }
  EntityName name;
  std::string key = facet_key(display);
  const auto& aliases = alias_table().canonical;
  if (auto alias = aliases.find(key); alias != aliases.end()) {
    display = alias->second;
    key = facet_key(display);
  }
  if (!has_letter(display)) return {};
  name.key = std::move(key);
  name.display = std::move(display);
  return name;
}

// A short line opened by a dash or "By": a credit ("-ABC News' Patrick
// Reevell", "By Jane Doe and John Roe", as live blogs put under each post) or
// a headline in a list ("- Russian general prosecutor wants Meta declared
// ..."). Credits name the article's writers and headlines are lead
// material, so their entities count for facets like the lead's.
bool is_credit_or_listed_headline(std::string_view paragraph) {
  paragraph = trim(paragraph);
  bool dash = paragraph.starts_with("-") || paragraph.starts_with("\xE2\x80\x93") ||
              paragraph.starts_with("\xE2\x80\x94");
  if (!dash && !paragraph.starts_with("By ")) return false;
  if (paragraph.find(". ") != std::string_view::npos) return false;  // a sentence
  return std::count(paragraph.begin(), paragraph.end(), ' ') < 12;
}

namespace {
bool is_joiner(std::string_view word) { return word == "and" || word == "&" || word == ","; }

// Whether the sentence is written in capitals: two or more words with
// letters, none of them a lower-case (ASCII) letter.
bool in_capitals(const std::vector<WordToken>& words) {
  std::size_t lettered = 0;
  for (const auto& word : words) {
    for (char ch : word.text) {
      if (ch >= 'a' && ch <= 'z') return false;
    }
    if (has_letter(word.text)) ++lettered;
  }
  return lettered >= 2;
}

// Whether `word` may be an acronym written after a name in parentheses:
// 2 to 8 capital letters (and "&"), at least two of them letters.
bool is_acronym(std::string_view word) {
  if (word.size() < 2 || word.size() > 8) return false;
  std::size_t letters = 0;
  for (char ch : word) {
    if (ch >= 'A' && ch <= 'Z') {
      ++letters;
    } else if (ch != '&') {
      return false;
    }
  }
  return letters >= 2;
}

// Whether `acronym` abbreviates `name` (Schwartz and Hearst's test, 2003):
// its letters, from the last, are found in order from the end of the
// name, and its first letter begins a word of it. "OECD" abbreviates
// "Organisation for Economic Cooperation and Development", "ICCO"
// "International Cocoa Organization"; "NYSE" does not abbreviate "Exxon
// Corp".
bool abbreviates(std::string_view acronym, std::string_view name) {
  auto lower = [](char ch) { return static_cast<char>(ch >= 'A' && ch <= 'Z' ? ch + 32 : ch); };
  auto alphanumeric = [](char ch) {
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9');
  };
  std::size_t at = name.size();  // one past the next character of the name to look at
  for (std::size_t k = acronym.size(); k-- > 0;) {
    const char wanted = lower(acronym[k]);
    if (!alphanumeric(wanted)) continue;
    for (;;) {
      if (at == 0) return false;
      --at;
      const bool word_start = at == 0 || !alphanumeric(name[at - 1]);
      if (lower(name[at]) == wanted && (k > 0 || word_start)) break;
    }
  }
  return true;
}

// In a sentence in capitals, `span` ended before its first headline verb
// ("POEHL SAYS", "SUBROTO SEES OIL MARKET CONTINUING BULLISH": the tagger,
// without the case that tells names from words, may take the headline for
// one name); empty when the verb begins it.
Span before_headline_verb(const std::vector<WordToken>& words, Span span) {
  const auto& verbs = lists().headline_verbs;
  for (std::size_t i = span.begin; i < span.end; ++i) {
    if (verbs.contains(facet_key(words[i].text))) {
      span.end = i;
      break;
    }
  }
  return span;
}

// `spans` with each pair of names joined by "and" or "&" that the alias
// table knows as one name made one organisation: the tagger reads
// "Standard and Poor's" as two ("Standard", 122 Reuters-21578 articles, and
// "Poor", 153), as it reads "Johnson and Johnson".
std::vector<Span> joined_names(const std::vector<WordToken>& words, std::vector<Span> spans) {
  for (std::size_t k = 0; k + 1 < spans.size(); ++k) {
    const Span& left = spans[k];
    const Span& right = spans[k + 1];
    if (right.begin != left.end + 1) continue;
    const std::string_view joiner = words[left.end].text;
    if (joiner != "and" && joiner != "&") continue;
    std::string whole;
    for (std::size_t i = left.begin; i < right.end; ++i) {
      if (i > left.begin) whole += ' ';
      whole += words[i].text;
    }
    auto name = normalise_entity(whole, Entity::Type::organisation);
    if (name.key.empty() || !alias_table().targets.contains(name.key)) continue;
    spans[k].end = right.end;
    spans[k].type = EntityType::organisation;
    spans.erase(spans.begin() + static_cast<std::ptrdiff_t>(k + 1));
  }
  return spans;
}

// Whether the words of `span` are a company's legal forms alone, perhaps
// joined ("Co Ltd", "Inc", "& Co", ", Inc.": the tagger may take the comma).
bool only_legal_forms(const std::vector<WordToken>& words, const Span& span) {
  bool any = false;
  for (std::size_t i = span.begin; i < span.end; ++i) {
    const std::string_view word = words[i].text;
    if (is_joiner(word)) continue;
    if (!is_legal_form(word)) return false;
    any = true;
  }
  return any;
}
}  // namespace

std::vector<FoundEntity> find_entities(const Article& article, const Model& model) {
  // The article as one document: title, dek, then paragraphs.
  struct Piece {
    std::string_view text;
    bool lead;
  };
  std::vector<Piece> pieces;
  if (!article.title.empty()) pieces.push_back({article.title, true});
  if (!article.dek.empty()) pieces.push_back({article.dek, true});
  for (std::size_t p = 0; p < article.paragraphs.size(); ++p) {
    pieces.push_back(
        {article.paragraphs[p], p == 0 || is_credit_or_listed_headline(article.paragraphs[p])});
  }
  Sentences sentences;
  std::vector<std::vector<WordToken>> tokens;
  std::vector<const Piece*> sentence_piece;
  // The tagger's cost grows with the square of a sentence's length, so a
  // "sentence" without stops (a hostile 5 MB paragraph took over ten minutes,
  // found by tests/reliability/hostile-inputs) is tagged in slices of at most
  // max_sentence_tokens; real sentences are far shorter.
  constexpr std::size_t max_sentence_tokens = 256;
  for (const auto& piece : pieces) {
    for (auto& sentence : split_sentences(piece.text)) {
      for (std::size_t start = 0; start < sentence.size(); start += max_sentence_tokens) {
        std::size_t end = std::min(sentence.size(), start + max_sentence_tokens);
        std::vector<WordToken> slice(
            std::make_move_iterator(sentence.begin() + static_cast<long>(start)),
            std::make_move_iterator(sentence.begin() + static_cast<long>(end)));
        std::vector<std::string> words;
        words.reserve(slice.size());
        for (const auto& token : slice) words.push_back(token.text);
        sentences.push_back(std::move(words));
        tokens.push_back(std::move(slice));
        sentence_piece.push_back(&piece);
      }
    }
  }
  auto labels = model.tag(sentences);

  struct Mention {
    EntityName name;
    EntityType type;
    bool lead;
    std::size_t words;
    bool capitals;  // in a line in capitals, where its type is a guess
  };
  std::vector<Mention> mentions;
  std::map<std::string, std::size_t, std::less<>> acronyms;  // key -> the mention it abbreviates
  for (std::size_t s = 0; s < sentences.size(); ++s) {
    const auto& piece = *sentence_piece[s];
    const auto& words_of = tokens[s];
    std::vector<Span> made;  // the spans of this sentence's mentions, in order
    const bool capitals = in_capitals(words_of);
    for (auto span : joined_names(words_of, spans_from_labels(labels[s]))) {
      if (capitals) {
        span = before_headline_verb(words_of, span);
        if (span.begin == span.end) continue;
      }
      // A stock symbol in angle brackets, as Reuters writes one after a
      // company's name ("Exxon Corp <XON>", "Texaco Inc <TX>"), is no name
      // of its own: 14% of Reuters-21578 articles had one as an entity
      // ("tx" a place of 47). A name in brackets ("<Chicago Steel Corp>",
      // a company without a listing) is one.
      if (span.end - span.begin == 1 && span.begin > 0 && span.end < words_of.size() &&
          words_of[span.begin - 1].text == "<" && words_of[span.end].text == ">" &&
          std::none_of(words_of[span.begin].text.begin(), words_of[span.begin].text.end(),
                       [](char c) { return c >= 'a' && c <= 'z'; })) {
        continue;
      }
      // A company's legal forms ("Inc", "Corp", "Co Ltd") are no name on
      // their own (Reuters-21578 gave "Inc" as the organisation of 421
      // articles, and "Co", from "Co Ltd", of 351). After a possessive, or
      // "and", "&" or a comma, they end the name before it, which the
      // tagger may have taken for names of its own or missed: "Heck's Inc",
      // tokenised "Heck 's Inc"; "Standard and Poor's Corp"; "C. Itoh and
      // Co Ltd"; "Spyglass, Inc.".
      if (only_legal_forms(words_of, span)) {
        std::size_t at = span.begin;  // the first legal form
        while (is_joiner(words_of[at].text)) ++at;
        const bool possessive =
            at >= 2 && (words_of[at - 1].text == "'s" || words_of[at - 1].text == "\xE2\x80\x99s");
        const bool joined =
            at >= 2 && is_joiner(words_of[at - 1].text) && is_upper_start(words_of[at - 2].text);
        if (!possessive && !joined) continue;
        // After "and", the tagger's name just before it, where it found
        // one ("analyst Daniel Roling of Merrill Lynch and Co": Merrill
        // Lynch). Otherwise back from the "'s" (or "and") over capitalised
        // words, and after a possessive "and", "&" or "of" between two of
        // them.
        std::size_t start = at - 1;
        if (joined && !made.empty() && made.back().end == at - 1) {
          start = made.back().begin;
        } else {
          while (start > 0) {
            const std::string_view word = words_of[start - 1].text;
            if (is_upper_start(word)) {
              --start;
            } else if (possessive && (word == "and" || word == "&" || word == "of") && start >= 2 &&
                       start < at - 1 && is_upper_start(words_of[start - 2].text)) {
              start -= 2;
            } else {
              break;
            }
          }
        }
        if (start + 1 >= at) continue;
        // The tagger's names within it are replaced by it.
        while (!made.empty() && made.back().end > start) {
          start = std::min(start, made.back().begin);
          made.pop_back();
          mentions.pop_back();
        }
        span.begin = start;
        span.type = EntityType::organisation;
      }
      // A title that begins companies' names (the `company-title` list;
      // not honorifics and offices, which before an organisation are the
      // tagger's mistake: "President Ford"), just before one, is the start
      // of it, which the tagger, reading "General" as a general's, leaves
      // out: "General Electric Co" was the organisation "Electric" of 95
      // Reuters-21578 articles.
      if (span.type == EntityType::organisation && span.begin > 0 &&
          (made.empty() || made.back().end < span.begin) &&
          is_upper_start(words_of[span.begin - 1].text) &&
          lists().company_titles.contains(facet_key(words_of[span.begin - 1].text))) {
        --span.begin;
      }
      std::size_t begin = words_of[span.begin].begin;
      std::size_t end = words_of[span.end - 1].end;
      const std::string_view mentioned = piece.text.substr(begin, end - begin);
      // As written: "Fifth Third Bancorp" is a name, though its key loses
      // the legal form.
      const std::string mentioned_key = facet_key(mentioned);
      if (is_no_name(mentioned_key) || is_sum_of_money(mentioned_key)) continue;
      auto name = normalise_entity(mentioned, entity_type(span.type));
      if (name.key.empty()) continue;
      std::size_t words =
          static_cast<std::size_t>(std::count(name.key.begin(), name.key.end(), ' ')) + 1;
      // A name followed by its acronym in parentheses, "International
      // Coffee Organization (ICO)": the acronym, wherever the article uses
      // it, is that name (the first one it follows).
      if (words > 1 && span.end + 2 < words_of.size() && words_of[span.end].text == "(" &&
          words_of[span.end + 2].text == ")" && is_acronym(words_of[span.end + 1].text) &&
          abbreviates(words_of[span.end + 1].text, mentioned)) {
        const auto acronym =
            normalise_entity(words_of[span.end + 1].text, entity_type(span.type)).key;
        if (!acronym.empty() && acronym != name.key) acronyms.emplace(acronym, mentions.size());
      }
      mentions.push_back({std::move(name), span.type, piece.lead, words, capitals});
      made.push_back(span);
    }
  }

  for (auto& mention : mentions) {
    if (mention.words != 1) continue;
    auto full = acronyms.find(mention.name.key);
    if (full == acronyms.end()) continue;
    const Mention& named = mentions[full->second];
    mention.name = named.name;
    mention.type = named.type;
    mention.words = named.words;
  }

  // A bare surname (one word, any type) that is the last word of a person's
  // full name in the same article is that person. The nearest full name
  // mentioned before it wins; failing that, the first one after it. The
  // full names are found by their last word, so that an article of many
  // thousands of names costs no more per name than a short one.
  std::unordered_map<std::string_view, std::vector<std::size_t>> full_names;
  for (std::size_t m = 0; m < mentions.size(); ++m) {
    const auto& full = mentions[m];
    if (full.type != EntityType::person || full.words < 2) continue;
    std::string_view key = full.name.key;
    full_names[key.substr(key.rfind(' ') + 1)].push_back(m);
  }
  std::vector<std::optional<std::size_t>> chosen(mentions.size());
  for (std::size_t m = 0; m < mentions.size(); ++m) {
    if (mentions[m].words != 1) continue;
    auto candidates = full_names.find(mentions[m].name.key);
    if (candidates == full_names.end()) continue;
    const auto& at = candidates->second;  // ascending
    auto after = std::upper_bound(at.begin(), at.end(), m);
    chosen[m] = after == at.begin() ? *after : *std::prev(after);
  }
  // Applied after all are chosen: the keys above point into the mentions.
  for (std::size_t m = 0; m < mentions.size(); ++m) {
    if (!chosen[m]) continue;
    const auto& full = mentions[*chosen[m]];
    mentions[m].name = full.name;
    mentions[m].type = EntityType::person;
    mentions[m].words = full.words;
  }

  // One entity per key, with the type most of its mentions had; those in
  // lines in capitals count only for a name found nowhere else ("VOLCKER
  // SAYS" tagged an organisation, "Volcker said" a person).
  struct Votes {
    std::array<unsigned, type_count> count{};
    std::optional<EntityType> first;  // ties keep the first mention's type
    void add(EntityType type) {
      ++count[static_cast<std::size_t>(type)];
      if (!first) first = type;
    }
  };
  std::vector<FoundEntity> found;
  std::map<std::string, std::size_t> by_key;
  std::vector<std::array<Votes, 2>> type_votes;  // [0] plain lines, [1] capitals
  for (const auto& mention : mentions) {
    auto [it, inserted] = by_key.emplace(mention.name.key, found.size());
    if (inserted) {
      found.push_back(FoundEntity{
          Entity{entity_type(mention.type), mention.name.key, mention.name.display}, 0, false});
      type_votes.emplace_back();
    }
    auto& entity = found[it->second];
    ++entity.mentions;
    entity.in_lead = entity.in_lead || mention.lead;
    type_votes[it->second][mention.capitals ? 1 : 0].add(mention.type);
  }
  for (std::size_t e = 0; e < found.size(); ++e) {
    const Votes& votes = type_votes[e][0].first ? type_votes[e][0] : type_votes[e][1];
    const auto first = static_cast<std::size_t>(*votes.first);
    const auto best = static_cast<std::size_t>(
        std::max_element(votes.count.begin(), votes.count.end()) - votes.count.begin());
    found[e].entity.type =
        entity_type(static_cast<EntityType>(votes.count[best] > votes.count[first] ? best : first));
    // The alias table's type, where it gives one, overrides the tagger's
    // ("Meta", the company, is also a Colombian department).
    if (auto type = alias_table().types.find(found[e].entity.key);
        type != alias_table().types.end()) {
      found[e].entity.type = type->second;
    }
    found[e].known = is_known(found[e].entity, model.gazetteer());
  }
  return found;
}

std::vector<FoundEntity> find_listed_names(const Article& article, std::string_view language) {
  const Model* model = default_model();
  if (model == nullptr) return {};
  const bool genitive_s = language == "de";
  // The type of a canonical name: the table's, else the name list it is on.
  auto type_of = [&](const std::string& key, const std::string& display) {
    if (auto type = alias_table().types.find(key); type != alias_table().types.end()) {
      return std::optional<Entity::Type>(type->second);
    }
    for (auto type : {Entity::Type::place, Entity::Type::organisation, Entity::Type::person}) {
      if (is_known(Entity{type, key, display}, model->gazetteer())) return std::optional(type);
    }
    return std::optional<Entity::Type>();
  };
  std::vector<FoundEntity> found;
  std::map<std::string, std::size_t> by_key;
  auto scan = [&](std::string_view text, bool lead) {
    const auto words = split_words(text);
    constexpr std::size_t longest = 4;  // words of a listed name
    for (std::size_t i = 0; i < words.size(); ++i) {
      if (!is_upper_start(words[i].text)) continue;
      for (std::size_t length = std::min(longest, words.size() - i); length > 0; --length) {
        const std::size_t begin = words[i].begin;
        const std::string_view written = text.substr(begin, words[i + length - 1].end - begin);
        const std::string written_key = facet_key(written);
        auto canonical = alias_table().canonical.find(written_key);
        // German writes a place's genitive with an "s": "Österreichs",
        // "Chinas" (49 of the 239 10kGNAD test articles that name
        // Österreich write it so, 22 of them only so).
        if (canonical == alias_table().canonical.end() && genitive_s && written_key.size() > 3 &&
            written_key.back() == 's') {
          canonical = alias_table().canonical.find(written_key.substr(0, written_key.size() - 1));
        }
        if (canonical == alias_table().canonical.end()) continue;
        const std::string key = facet_key(canonical->second);
        // Places only: an award's or a party's name is also a person's
        // ("Oscar"), or a word.
        auto type = type_of(key, canonical->second);
        if (type != Entity::Type::place) continue;
        auto [at, inserted] = by_key.emplace(key, found.size());
        if (inserted)
          found.push_back(FoundEntity{Entity{*type, key, canonical->second}, 0, false, true});
        ++found[at->second].mentions;
        found[at->second].in_lead = found[at->second].in_lead || lead;
        i += length - 1;
        break;
      }
    }
  };
  if (!article.title.empty()) scan(article.title, true);
  if (!article.dek.empty()) scan(article.dek, true);
  for (std::size_t p = 0; p < article.paragraphs.size(); ++p) scan(article.paragraphs[p], p == 0);
  return found;
}

std::vector<FoundEntity> find_entities(const Article& article) {
  const Model* model = default_model();
  if (model == nullptr) return {};
  return find_entities(article, *model);
}

std::vector<Entity> tag_entities(const Article& article) {
  std::vector<Entity> entities;
  for (auto& found : find_entities(article)) entities.push_back(std::move(found.entity));
  return entities;
}

}  // namespace dateline::ner

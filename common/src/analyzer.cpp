#include "dateline/detail/analyzer.h"

#include <algorithm>
#include <array>
#include <filesystem>

#include <libstemmer.h>

#include "dateline/common/error.h"
#include "dateline/common/language.h"
#include "dateline/common/schema.h"
#include "dateline/common/stopwords.h"
#include "dateline/common/text.h"

namespace dateline::detail {

namespace {

// libstemmer's stemmers for the languages Xapian 1.4 lacks (Greek, Hindi,
// Serbian, Yiddish in Snowball 2.2), behind Xapian's own interface so the
// rest of Dateline sees one kind of stemmer.
class LibstemmerImplementation : public Xapian::StemImplementation {
 public:
  explicit LibstemmerImplementation(const std::string& name)
      : m_name(name), m_stemmer(sb_stemmer_new(name.c_str(), "UTF_8")) {
    if (m_stemmer == nullptr)
      throw InvalidArgumentError("libstemmer has no stemmer '" + name + "'");
  }
  ~LibstemmerImplementation() override { sb_stemmer_delete(m_stemmer); }
  LibstemmerImplementation(const LibstemmerImplementation&) = delete;
  LibstemmerImplementation& operator=(const LibstemmerImplementation&) = delete;

  std::string operator()(const std::string& word) override {
    const sb_symbol* stemmed = sb_stemmer_stem(
        m_stemmer, reinterpret_cast<const sb_symbol*>(word.data()), static_cast<int>(word.size()));
    if (stemmed == nullptr) return word;  // libstemmer's out-of-memory signal
    return std::string(reinterpret_cast<const char*>(stemmed),
                       static_cast<std::size_t>(sb_stemmer_length(m_stemmer)));
  }
  std::string get_description() const override { return "libstemmer(" + m_name + ")"; }

 private:
  std::string m_name;
  sb_stemmer* m_stemmer;
};

bool xapian_has_stemmer(const std::string& name) {
  static const std::string available = " " + Xapian::Stem::get_available_languages() + " ";
  return available.find(" " + name + " ") != std::string::npos;
}

bool libstemmer_has_stemmer(const std::string& name) {
  for (const char** list = sb_stemmer_list(); *list != nullptr; ++list) {
    if (name == *list) return true;
  }
  return false;
}

}  // namespace

std::string stemmer_name(std::string_view language) {
  struct Pair {
    std::string_view code;
    std::string_view name;
  };
  static constexpr std::array<Pair, 34> names{{
      {"ar", "arabic"},     {"hy", "armenian"},     {"eu", "basque"},    {"ca", "catalan"},
      {"da", "danish"},     {"nl", "dutch"},        {"en", "english"},   {"fi", "finnish"},
      {"fr", "french"},     {"de", "german"},       {"el", "greek"},     {"hi", "hindi"},
      {"hu", "hungarian"},  {"id", "indonesian"},   {"ga", "irish"},     {"it", "italian"},
      {"lt", "lithuanian"}, {"ne", "nepali"},       {"no", "norwegian"}, {"nb", "norwegian"},
      {"nn", "norwegian"},  {"pt", "portuguese"},   {"ro", "romanian"},  {"ru", "russian"},
      {"sr", "serbian"},    {"hr", "serbian"},      {"bs", "serbian"},   {"sh", "serbian"},
      {"es", "spanish"},    {"sv", "swedish"},      {"ta", "tamil"},     {"tr", "turkish"},
      {"yi", "yiddish"},    {"english", "english"},
  }};
  for (const auto& pair : names) {
    if (pair.code == language || pair.name == language) return std::string(pair.name);
  }
  return {};
}

Xapian::Stem make_stemmer(std::string_view language) {
  std::string name = stemmer_name(language);
  if (name.empty()) return Xapian::Stem("none");
  if (xapian_has_stemmer(name)) return Xapian::Stem(name);
  if (libstemmer_has_stemmer(name)) return Xapian::Stem(new LibstemmerImplementation(name));
  return Xapian::Stem("none");
}

Analyzer::Analyzer(std::string_view language)
    : m_language(language.empty() ? "en" : language),
      m_stemmer(make_stemmer(m_language)),
      m_stopwords(has_stopwords(m_language)) {}

std::vector<Token> Analyzer::tokenize(std::string_view text) const {
  return dateline::tokenize(text, m_language);
}

bool Analyzer::is_stopword(std::string_view term) const {
  return m_stopwords && dateline::is_stopword(term, m_language);
}

const std::string& Analyzer::stem(const std::string& term) {
  auto found = m_cache.find(term);
  if (found != m_cache.end()) return found->second;
  if (m_cache.size() > 200000) m_cache.clear();  // bound memory on huge vocabularies
  return m_cache.emplace(term, fold(m_stemmer(term), m_language)).first->second;
}

const std::string& Analyzer::stem(const Token& token) {
  if (token.cjk || is_stopword(token.term)) return m_empty;
  return stem(token.unfolded.empty() ? token.term : token.unfolded);
}

std::size_t Analyzer::index_text(Xapian::Document& document, std::string_view text,
                                 std::string_view prefix, Xapian::termpos& position,
                                 Xapian::termcount wdf) {
  std::string raw(prefix);
  std::string stemmed(schema::stem_prefix);
  stemmed += prefix;
  const std::size_t raw_base = raw.size();
  const std::size_t stem_base = stemmed.size();
  std::size_t count = 0;
  for (const Token& token : tokenize(text)) {
    raw.resize(raw_base);
    raw += token.term;
    document.add_posting(raw, ++position, wdf);
    const std::string& stem = this->stem(token);
    if (!stem.empty()) {
      stemmed.resize(stem_base);
      stemmed += stem;
      document.add_term(stemmed, wdf);
    }
    ++count;
  }
  return count;
}

void Analyzer::stem_terms(std::string_view text, std::string_view prefix,
                          std::vector<std::string>& terms) {
  std::string stemmed(schema::stem_prefix);
  stemmed += prefix;
  for (const Token& token : tokenize(text)) {
    const std::string& stem = this->stem(token);
    if (!stem.empty()) terms.push_back(stemmed + stem);
  }
}

std::vector<std::string_view> body_texts(const Article& article) {
  std::vector<std::string_view> texts;
  texts.reserve(article.paragraphs.size() + 2);
  if (!article.title.empty()) texts.emplace_back(article.title);
  if (!article.dek.empty()) texts.emplace_back(article.dek);
  for (const auto& paragraph : article.paragraphs) texts.emplace_back(paragraph);
  return texts;
}

std::vector<std::string> body_stem_terms(const Article& article, Analyzers& analyzers) {
  const std::string language = normalize_language(article.language);
  Analyzer& analyzer = analyzers.get(language.empty() ? "en" : language);
  std::vector<std::string> terms;
  for (std::string_view text : body_texts(article)) analyzer.stem_terms(text, "", terms);
  std::sort(terms.begin(), terms.end());
  return terms;
}

Analyzer& Analyzers::get(std::string_view language) {
  auto found = m_analyzers.find(language);
  if (found != m_analyzers.end()) return *found->second;
  auto analyzer = std::make_unique<Analyzer>(language);
  return *m_analyzers.emplace(std::string(language), std::move(analyzer)).first->second;
}

void rethrow_xapian(const Xapian::Error& error, const std::string& what) {
  std::string message = what + ": " + error.get_msg();
  std::string type = error.get_type();
  if (type == "DatabaseLockError") {
    throw IndexLockedError(what + ": index is locked by another indexer");
  }
  if (type == "DatabaseNotFoundError" || type == "DatabaseOpeningError") {
    throw IndexNotFoundError(message);
  }
  if (type == "DatabaseCorruptError" || type == "DatabaseError") throw CorruptIndexError(message);
  if (type == "NetworkError" || type == "NetworkTimeoutError") throw NetworkError(message);
  if (type == "InvalidArgumentError") throw InvalidArgumentError(message);
  throw Error(message);
}

void check_schema_version(const Xapian::Database& db, const std::string& path) {
  std::string stored = db.get_metadata(std::string(schema::schema_metadata_key));
  if (stored.empty() && db.get_doccount() == 0) return;
  if (stored != std::to_string(schema::schema_version)) {
    throw IndexVersionError(
        "index " + path + " has schema version " +
        (stored.empty() ? std::string("(none)") : stored) + ", this Dateline reads version " +
        std::to_string(schema::schema_version) + "; rebuild it with 'dateline-index rebuild'");
  }
}

Xapian::Database open_index(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) {
    throw IndexNotFoundError("no index at " + path +
                             " (build one with 'dateline-index add' or 'dateline-index rebuild')");
  }
  try {
    Xapian::Database db(path);
    check_schema_version(db, path);
    return db;
  } catch (const Xapian::Error& error) {
    rethrow_xapian(error, "index " + path);
  }
}

}  // namespace dateline::detail

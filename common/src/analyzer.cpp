#include "dateline/detail/analyzer.h"

#include <array>
#include <filesystem>

#include "dateline/common/error.h"
#include "dateline/common/schema.h"
#include "dateline/common/text.h"

namespace dateline::detail {

std::string stemmer_name(std::string_view language) {
  struct Pair {
    std::string_view code;
    std::string_view name;
  };
  static constexpr std::array<Pair, 24> names{{
      {"ar", "arabic"},     {"hy", "armenian"},  {"eu", "basque"},     {"ca", "catalan"},
      {"da", "danish"},     {"nl", "dutch"},     {"en", "english"},    {"fi", "finnish"},
      {"fr", "french"},     {"de", "german"},    {"hu", "hungarian"},  {"id", "indonesian"},
      {"ga", "irish"},      {"it", "italian"},   {"lt", "lithuanian"}, {"ne", "nepali"},
      {"no", "norwegian"},  {"nb", "norwegian"}, {"pt", "portuguese"}, {"ro", "romanian"},
      {"ru", "russian"},    {"es", "spanish"},   {"sv", "swedish"},    {"ta", "tamil"},
  }};
  for (const auto& pair : names) {
    if (pair.code == language || pair.name == language) return std::string(pair.name);
  }
  if (language == "tr") return "turkish";
  return "english";
}

Analyzer::Analyzer(std::string_view language)
    : m_language(language.empty() ? "en" : language), m_stemmer(stemmer_name(m_language)) {}

const std::string& Analyzer::stem(const std::string& term) {
  auto found = m_cache.find(term);
  if (found != m_cache.end()) return found->second;
  if (m_cache.size() > 200000) m_cache.clear();  // bound memory on huge vocabularies
  return m_cache.emplace(term, m_stemmer(term)).first->second;
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
    const std::string& stem = this->stem(token.term);
    if (!stem.empty() && !token.cjk) {
      stemmed.resize(stem_base);
      stemmed += stem;
      document.add_term(stemmed, wdf);
    }
    ++count;
  }
  return count;
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
    throw IndexVersionError("index " + path + " has schema version " +
                            (stored.empty() ? std::string("(none)") : stored) +
                            ", this Dateline reads version " +
                            std::to_string(schema::schema_version) +
                            "; rebuild it with 'dateline-index rebuild'");
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

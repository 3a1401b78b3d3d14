#pragma once
// Internal (not installed): turning text into Xapian terms. The indexer, the
// query parser and the highlighter all go through Analyzer so that a word is
// always reduced the same way.

#include <xapian.h>

#include <string>
#include <string_view>
#include <unordered_map>

namespace dateline::detail {

/// Tokenise, fold and stem text for one language. Not thread-safe (Xapian's
/// stemmers keep state): give each thread its own Analyzer.
class Analyzer {
 public:
  /// @param language ISO 639-1 code or Xapian stemmer name; "" or an unknown
  ///        language means English.
  explicit Analyzer(std::string_view language = "en");

  /// The stem of an already folded term ("negotiations" -> "negoti").
  const std::string& stem(const std::string& term);

  /// Index `text`: every token as prefix+term with a position (starting after
  /// `position`, which is advanced), and "Z"+prefix+stem without one.
  /// Returns the number of tokens indexed.
  std::size_t index_text(Xapian::Document& document, std::string_view text,
                         std::string_view prefix, Xapian::termpos& position,
                         Xapian::termcount wdf = 1);

  const std::string& language() const noexcept { return m_language; }

 private:
  std::string m_language;
  Xapian::Stem m_stemmer;
  std::unordered_map<std::string, std::string> m_cache;
};

/// The Xapian stemmer name for an ISO 639-1 code ("de" -> "german"), or
/// "english" when there is none.
std::string stemmer_name(std::string_view language);

/// Turn a Xapian error into the matching dateline::Error and throw it.
/// `what` names the index or operation for the message.
[[noreturn]] void rethrow_xapian(const Xapian::Error& error, const std::string& what);

/// Open an index for reading and check its schema version.
/// @exception IndexNotFoundError, IndexVersionError, CorruptIndexError
Xapian::Database open_index(const std::string& path);

/// Throw IndexVersionError unless `db` was written with this schema version.
void check_schema_version(const Xapian::Database& db, const std::string& path);

}  // namespace dateline::detail

#pragma once
// Internal (not installed): turning text into Xapian terms. The indexer, the
// query parser and the highlighter all go through Analyzer so that a word is
// always reduced the same way.

#include <xapian.h>

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "dateline/common/article.h"
#include "dateline/common/text.h"

namespace dateline::detail {

/// Tokenise, fold and stem text for one language: the language's Snowball
/// stemmer (Xapian's own, or libstemmer's for Greek, Hindi, Serbian and
/// Yiddish), its stopwords and its diacritic rule (fold(text, language)).
/// Languages with no stemmer (Polish, Ukrainian, Chinese, "und"...) "stem"
/// each word to itself. Not thread-safe (stemmers keep state): give each
/// thread its own Analyzer.
class Analyzer {
 public:
  /// @param language ISO 639-1 code or Snowball stemmer name; "" means
  ///        English, any other code without a stemmer means no stemming.
  explicit Analyzer(std::string_view language = "en");

  /// What follows "Z" in the token's stem term: the stem of the word as
  /// written (lower case, accents kept, which is what Snowball's rules
  /// expect), then folded by the language's rule ("présidée" -> "presid").
  /// Empty for stopwords of the language and for CJK characters, which get
  /// no stem term.
  const std::string& stem(const Token& token);

  /// The stem of an already folded term ("negotiations" -> "negoti"); no
  /// stopword check.
  const std::string& stem(const std::string& term);

  /// tokenize(text, language()).
  std::vector<Token> tokenize(std::string_view text) const;

  /// True when `term` (folded) is a stopword of this language.
  bool is_stopword(std::string_view term) const;

  /// Index `text`: every token as prefix+term with a position (starting after
  /// `position`, which is advanced), and "Z"+prefix+stem without one (not for
  /// stopwords, so phrases keep them but ranking ignores them).
  /// Returns the number of tokens indexed.
  std::size_t index_text(Xapian::Document& document, std::string_view text, std::string_view prefix,
                         Xapian::termpos& position, Xapian::termcount wdf = 1);

  /// The "Z"+prefix+stem terms that index_text() adds for `text`, one per
  /// occurrence (so each term's count is the wdf index_text() gives it),
  /// appended to `terms`: the stems of stored text, without its document.
  void stem_terms(std::string_view text, std::string_view prefix, std::vector<std::string>& terms);

  const std::string& language() const noexcept { return m_language; }

 private:
  std::string m_language;
  Xapian::Stem m_stemmer;
  bool m_stopwords = false;
  std::unordered_map<std::string, std::string> m_cache;
  static inline const std::string m_empty;
};

/// One Analyzer per language, made on first use. Not thread-safe.
class Analyzers {
 public:
  Analyzer& get(std::string_view language);

 private:
  std::map<std::string, std::unique_ptr<Analyzer>, std::less<>> m_analyzers;
};

/// The texts of `article` indexed as its body, in order: unprefixed terms
/// with positions and the Z stems that rank and feed relevance feedback.
/// The title and dek when present, then every paragraph (an empty one too:
/// each moves the position on).
std::vector<std::string_view> body_texts(const Article& article);

/// The body's Z stem terms of `article` as build_document() indexes them,
/// one per occurrence (a term's count is its wdf), sorted, analysed in the
/// article's language (English when it has none): its stems from its
/// stored text, without its document.
std::vector<std::string> body_stem_terms(const Article& article, Analyzers& analyzers);

/// The Snowball stemmer name for an ISO 639-1 code ("de" -> "german", "el" ->
/// "greek"), or "" when there is none. Stemmer names map to themselves.
std::string stemmer_name(std::string_view language);

/// A stemmer for `language`: Xapian's built-in one when Xapian 1.4 has it,
/// else libstemmer's wrapped as a Xapian::StemImplementation, else none
/// (Xapian::Stem("none") returns words unchanged).
Xapian::Stem make_stemmer(std::string_view language);

/// Turn a Xapian error into the matching dateline::Error and throw it.
/// `what` names the index or operation for the message.
[[noreturn]] void rethrow_xapian(const Xapian::Error& error, const std::string& what);

/// Open an index for reading and check its schema version.
/// @exception IndexNotFoundError, IndexVersionError, CorruptIndexError
Xapian::Database open_index(const std::string& path);

/// Throw IndexVersionError unless `db` was written with this schema version.
void check_schema_version(const Xapian::Database& db, const std::string& path);

}  // namespace dateline::detail

#pragma once
// Internal: Dateline's query language, parsed into a Xapian::Query plus what
// the highlighter needs to mark the same matches.
//
// Grammar (keywords are upper case; everything is case-insensitive otherwise):
//   query    := or
//   or       := and ("OR" and)*
//   and      := not ("AND" not)*
//   not      := seq ("NOT" seq)*              a NOT b: a, without b
//   seq      := near+                         juxtaposed: ranked OR; +must, -mustnot
//   near     := unary (("NEAR"|"ADJ") ["/" n] unary)*
//   unary    := ["+"|"-"] atom
//   atom     := "(" query ")" | '"' words '"' | field ":" value | word | word"*"
// Boolean fields (source, person, ...) filter without affecting ranking;
// several values of one field OR together, different fields AND.

#include <xapian.h>

#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "dateline/detail/analyzer.h"

namespace dateline::query {

/// What matched terms look like in text, for highlighting.
struct MatchSpec {
  std::set<std::string> stems;  ///< stems of plain query words
  std::set<std::string> words;  ///< exact folded words (quoted single words)
  std::vector<std::string> wildcard_prefixes;
  struct Sequence {
    std::vector<std::string> words;  ///< folded words, in query order
    bool ordered = true;             ///< phrase/ADJ: in order; NEAR: any order
    unsigned window = 0;             ///< positions the whole sequence may span
  };
  std::vector<Sequence> sequences;
  bool empty() const { return stems.empty() && words.empty() && wildcard_prefixes.empty(); }
};

struct ParserLimits {
  std::size_t max_terms = 1000;          ///< words in one query
  Xapian::termcount max_wildcard = 200;  ///< terms one wildcard may expand to
  std::size_t max_depth = 100;           ///< nesting of parentheses
};

struct ParsedQuery {
  Xapian::Query query;  ///< MatchAll when the query is only filters
  /// Every stem, word and sequence the query holds, in any language. Any of
  /// them can match an article of any language (a Swedish stem may equal an
  /// English one), so a hit is highlighted against all of them, with the
  /// text analysed in the hit's own language: a word is marked exactly when
  /// its term in that article is one the query looked for.
  MatchSpec match;
  /// Plain words as typed (byte offset, folded word, stem), for spelling
  /// suggestions.
  struct Word {
    std::size_t offset;
    std::string word;
    std::vector<std::string> stems;  ///< one per language (deduplicated)
  };
  std::vector<Word> words;
  bool has_positive = false;  ///< false when nothing but filters/exclusions
};

/// The query text as the parser reads it: repair_utf8()'d as the indexer
/// reads text (invalid bytes as Windows-1252, so a Latin-1 terminal's
/// "caf\xe9" is "café"; controls as spaces), and typographic quotes (“…”, „…“, «…») as '"', padded
/// with spaces so that every byte offset after them stays put. Offsets in errors and in
/// ParsedQuery::words are into this text.
std::string query_as_read(std::string_view text);

/// The length in bytes of the typographic quote sign at `at` in `text`
/// (one query_as_read() reads as '"'), or 0.
std::size_t quote_sign_length(std::string_view text, std::size_t at);

/// Parse `text`, stemming in `analyzer`'s language only.
/// @exception QuerySyntaxError with the byte offset of the problem.
ParsedQuery parse_query(std::string_view text, detail::Analyzer& analyzer,
                        const ParserLimits& limits = {});

/// Parse `text` for an index holding articles in `languages` (codes, as in
/// the L terms; at least one): each plain word becomes the OP_SYNONYM of
/// its distinct stems in those languages (Z terms), or of the word itself
/// in a language where it is a stopword (those articles hold no stem term
/// for it); phrases, NEAR, quoted words and wildcards use each language's
/// folding. When the query itself filters on languages
/// (lang:de, not negated), only those languages are used.
/// @exception QuerySyntaxError
ParsedQuery parse_query(std::string_view text, detail::Analyzers& analyzers,
                        const std::vector<std::string>& languages, const ParserLimits& limits = {});

/// Parse one filter ("place:kyiv", "date:2022-03") into a boolean query.
/// @exception QuerySyntaxError naming the filter ("filter 'x:y': ..."), the
///   offset within it
Xapian::Query parse_filter(std::string_view filter);

/// A date range filter from --from/--to values ("2022", "2022-03", "2022-03-05").
/// @exception QuerySyntaxError naming the range ("date range from X: ...")
Xapian::Query date_range_query(std::string_view from, std::string_view to);

}  // namespace dateline::query

#pragma once
// Formatting search results for dateline-search: text for people, JSON for
// programs (schema: docs in README, "version": 1).

#include <ostream>
#include <string>

#include "dateline/query/searcher.h"

namespace dateline::cli {

struct TextStyle {
  bool colour = false;    ///< ANSI colour (a terminal); else plain markers
  bool entities = false;  ///< a line of each hit's people, organisations and places
};

void print_text(std::ostream& out, const SearchRequest& request, const SearchResult& result,
                const TextStyle& style);

/// The whole result as one JSON object. `lines`: JSON Lines instead, one hit
/// per line, then one line with totals, facets and suggestion.
/// The hits as CSV (RFC 4180, a header line first) for spreadsheets: one
/// row a hit, its passages in one cell, without highlights.
void print_csv(std::ostream& out, const SearchResult& result);

void print_json(std::ostream& out, const SearchRequest& request, const SearchResult& result,
                bool lines);

/// `text` with its highlights marked by `open`/`close`.
std::string mark(const std::string& text, const std::vector<Highlight>& highlights,
                 std::string_view open, std::string_view close);

/// Byte offset -> character (code point) offset in UTF-8 text.
std::size_t character_offset(std::string_view text, std::size_t byte_offset);

}  // namespace dateline::cli

#pragma once
// Articles as JSON: the form stored in the index's document data and the form
// JSON Lines input is read in. One mapping serves both, so a stored article
// read back is the article that was indexed.
//
// Fields (input accepts the aliases in brackets; unknown fields are ignored):
//   id [guid, _id]            string or number
//   url [link, canonical_url, web_url, webUrl]  string
//   source [publication, publisher, site, source_domain]  string
//   title [headline, webTitle]  string
//   dek [summary, description, subtitle, standfirst, abstract, trailText]  string
//   authors [author, byline]  string or array of strings
//   published [date, published_at, pubdate, datePublished, pub_date, publishedAt,
//             webPublicationDate, date_publish, date_published, date_gmt]  any form
//             parse_date takes
//   language [lang]           ISO 639-1 code
//   paragraphs                array of strings
//   body [text, content, bodyText, content_text, maintext, lead_paragraph]  string; blank lines
//                             separate paragraphs
//   tags [topics, topic, keywords, category, categories, section, section_name,
//        sectionName]         string or array of strings
// The second names are news APIs' (the New York Times', the Guardian's,
// NewsAPI's, JSON Feed's, news-please's, WordPress's); the indexer's JSON reader also
// unwraps their responses and nested fields (readers/jsonl_reader.cpp).
//   people, organisations [orgs], places  arrays of names given by the source
//   dateline                  string

#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "dateline/common/article.h"

namespace dateline {

/// Deepest nesting of arrays and objects JSON input may have. Articles are
/// shallow; deeper input is refused before parsing (a parser's recursion
/// would otherwise exhaust the stack on hostile input).
inline constexpr std::size_t max_json_depth = 64;

/// @exception InvalidArgumentError when `json` nests deeper than `max_depth`.
void check_json_nesting(std::string_view json, std::size_t max_depth = max_json_depth);

/// The elements of a JSON array text, found without parsing them (strings and
/// nesting are followed, nothing is built), so that one bad element is
/// reported alone. Elements are trimmed; an empty one ("[a,,b]") is empty.
struct JsonArraySplit {
  std::vector<std::string_view> elements;
  bool closed = false;        ///< the closing ']' was found
  std::string_view trailing;  ///< non-blank text after the closing ']'
};
/// Empty when `json` (after leading blanks) does not start with '['.
JsonArraySplit split_json_array(std::string_view json);

/// `json` with every unpaired UTF-16 surrogate escape ("\ud800" alone)
/// replaced by "\ufffd", which JSON parsers accept. `replaced`, when given,
/// receives how many were replaced.
std::string replace_lone_surrogate_escapes(std::string_view json, std::size_t* replaced = nullptr);

/// The article as one line of JSON (no newline), in the canonical field names.
std::string article_to_json(const Article& article);

/// Read an article from JSON text.
/// @exception InvalidArgumentError the text is not JSON, not an object, or a
///            field has the wrong type; the message names the field.
/// A "published" value that is present but unparsable sets `bad_date` (when
/// given) to that value and leaves the article undated.
Article article_from_json(std::string_view json, std::string* bad_date = nullptr);

/// One named value of an article given field by field (a CSV cell under its
/// column's name).
using ArticleFieldValue = std::pair<std::string_view, std::string_view>;

/// article_from_json for an object whose members are all strings, given as
/// name and value pairs: the same field names, aliases and rules (dates
/// included), without writing the object out as JSON text. A name that is
/// no field is ignored; when a name comes twice, the first pair counts.
/// `bad_date` as for article_from_json.
Article article_from_fields(std::span<const ArticleFieldValue> fields,
                            std::string* bad_date = nullptr);

/// The name article_from_json reads for the field or alias `name`, compared
/// without regard to ASCII case ("Headline" -> "headline", "DATEPUBLISHED"
/// -> "datePublished"); empty when no field or alias is called that. For
/// input that names fields in its own spelling, such as a CSV header.
std::string_view article_field_name(std::string_view name) noexcept;

/// True when `name` (compared as by article_field_name) is a field that holds
/// article text: the title, dek, body or paragraphs, under any alias.
bool is_article_text_field(std::string_view name) noexcept;

/// The field `name` is read as, by its canonical name ("Headline" ->
/// "title", "publish_date" -> "published", "text" -> "body"); empty when
/// it is none.
std::string_view canonical_article_field(std::string_view name) noexcept;

/// Read an article from an index document's data (article_to_json's
/// output), fast: the "paragraphs" array, which holds nearly all the bytes
/// of a long article, is skipped without parsing when `with_paragraphs` is
/// false (the article then has no paragraphs); with `with_paragraphs` this
/// is article_from_json. Gives what article_from_json gives (falling back to
/// it for anything unexpected).
/// @exception InvalidArgumentError as article_from_json
Article article_from_document_data(std::string_view data, bool with_paragraphs);

}  // namespace dateline

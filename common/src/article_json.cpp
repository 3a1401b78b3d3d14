#include "dateline/common/article_json.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <span>

#include "dateline/common/error.h"
#include "dateline/common/text.h"

namespace dateline {
namespace {

using nlohmann::json;

// The names each field is read under, its canonical name first (the list
// in article_json.h). article_field_name() looks names up in the same lists.
using FieldNames = std::span<const char* const>;
// Besides the usual names, those of news APIs' records: the New York
// Times' (web_url, pub_date, abstract, section_name, _id), the Guardian's
// (webUrl, webTitle, webPublicationDate, trailText, bodyText, sectionName),
// NewsAPI's (publishedAt), JSON Feed's (date_published, content_text),
// news-please's (date_publish, maintext, source_domain), WordPress's
// REST API's (date_gmt), Media Cloud's story lists (stories_id,
// publish_date, media_name). The Times' API
// gives a story's lead_paragraph, not its text: that is the body.
constexpr const char* id_names[] = {"id", "guid", "_id", "stories_id"};
constexpr const char* url_names[] = {"url", "canonical_url", "link", "web_url", "webUrl"};
constexpr const char* source_names[] = {"source", "publication",   "publisher", "outlet",
                                        "site",   "source_domain", "media_name"};
constexpr const char* title_names[] = {"title", "headline", "webTitle"};
constexpr const char* dek_names[] = {"dek",        "summary",  "description", "subtitle",
                                     "standfirst", "abstract", "trailText"};
constexpr const char* author_names[] = {"authors", "author", "byline"};
constexpr const char* published_names[] = {
    "published",     "date",           "published_at", "pubdate",
    "datePublished", "pub_date",       "publishedAt",  "webPublicationDate",
    "date_publish",  "date_published", "date_gmt",     "publish_date"};
constexpr const char* zone_known_names[] = {"zone_known"};
constexpr const char* language_names[] = {"language", "lang"};
constexpr const char* paragraph_names[] = {"paragraphs"};
constexpr const char* body_names[] = {"body",         "text",     "content",       "bodyText",
                                      "content_text", "maintext", "lead_paragraph"};
constexpr const char* tag_names[] = {"tags",     "topics",       "topic",
                                     "keywords", "category",     "categories",
                                     "section",  "section_name", "sectionName"};
constexpr const char* entity_names[] = {"entities"};
constexpr const char* people_names[] = {"people"};
constexpr const char* organisation_names[] = {"organisations", "orgs", "organizations"};
constexpr const char* place_names[] = {"places"};
constexpr const char* dateline_names[] = {"dateline"};
constexpr const char* format_names[] = {"format"};

struct InputField {
  FieldNames names;
  bool holds_text;  ///< title, dek or body: what Article::has_text() looks at
};
constexpr InputField input_fields[] = {
    {id_names, false},        {url_names, false},        {source_names, false},
    {title_names, true},      {dek_names, true},         {author_names, false},
    {published_names, false}, {zone_known_names, false}, {language_names, false},
    {paragraph_names, true},  {body_names, true},        {tag_names, false},
    {entity_names, false},    {people_names, false},     {organisation_names, false},
    {place_names, false},     {dateline_names, false},   {format_names, false},
};

bool equal_ignoring_case(std::string_view a, std::string_view b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
    auto lower = [](char ch) { return ch >= 'A' && ch <= 'Z' ? static_cast<char>(ch + 32) : ch; };
    return lower(x) == lower(y);
  });
}

const InputField* find_input_field(std::string_view name, const char** spelling) {
  for (const auto& field : input_fields) {
    for (const char* known : field.names) {
      if (equal_ignoring_case(name, known)) {
        *spelling = known;
        return &field;
      }
    }
  }
  return nullptr;
}

const json* find_any(const json& object, FieldNames names) {
  for (const char* name : names) {
    auto found = object.find(name);
    if (found != object.end() && !found->is_null()) return &*found;
  }
  return nullptr;
}

std::string as_string(const json& value, std::string_view field) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_number_integer()) return std::to_string(value.get<long long>());
  if (value.is_number()) return value.dump();
  throw InvalidArgumentError("field \"" + std::string(field) + "\" must be a string");
}

std::vector<std::string> as_strings(const json& value, std::string_view field) {
  std::vector<std::string> out;
  if (value.is_array()) {
    for (const auto& item : value) {
      if (item.is_null()) continue;
      out.push_back(as_string(item, field));
    }
  } else {
    out.push_back(as_string(value, field));
  }
  return out;
}

std::vector<std::string> split_paragraphs(std::string_view body) {
  std::vector<std::string> paragraphs;
  std::string current;
  std::size_t start = 0;
  while (start <= body.size()) {
    std::size_t end = body.find('\n', start);
    if (end == std::string_view::npos) end = body.size();
    std::string_view line = trim(body.substr(start, end - start));
    if (line.empty()) {
      if (!current.empty()) paragraphs.push_back(std::move(current));
      current.clear();
    } else {
      if (!current.empty()) current += ' ';
      current += line;
    }
    start = end + 1;
  }
  if (!current.empty()) paragraphs.push_back(std::move(current));
  return paragraphs;
}

}  // namespace

namespace {
// Call `visit(offset, ch)` for every character of `text` from `from` on that
// is outside a string, until it returns false. Returns where it stopped.
template <typename Visit>
std::size_t scan_json_structure(std::string_view text, std::size_t from, Visit&& visit) {
  bool in_string = false;
  for (std::size_t i = from; i < text.size(); ++i) {
    char ch = text[i];
    if (in_string) {
      if (ch == '\\') {
        ++i;
      } else if (ch == '"') {
        in_string = false;
      }
      continue;
    }
    if (ch == '"') {
      in_string = true;
    } else if (!visit(i, ch)) {
      return i;
    }
  }
  return text.size();
}
}  // namespace

void check_json_nesting(std::string_view text, std::size_t max_depth) {
  std::size_t depth = 0;
  scan_json_structure(text, 0, [&](std::size_t i, char ch) {
    if (ch == '[' || ch == '{') {
      if (++depth > max_depth) {
        throw InvalidArgumentError("malformed JSON: nested deeper than " +
                                   std::to_string(max_depth) + " levels at byte " +
                                   std::to_string(i));
      }
    } else if ((ch == ']' || ch == '}') && depth > 0) {
      --depth;
    }
    return true;
  });
}

JsonArraySplit split_json_array(std::string_view json) {
  JsonArraySplit split;
  json = trim(json);
  if (!json.starts_with("[")) return split;
  std::size_t depth = 0;
  std::size_t start = 1;
  scan_json_structure(json, 1, [&](std::size_t i, char ch) {
    if (ch == '[' || ch == '{') {
      ++depth;
    } else if ((ch == ']' || ch == '}') && depth > 0) {
      --depth;
    } else if (depth == 0 && (ch == ',' || ch == ']')) {
      std::string_view element = trim(json.substr(start, i - start));
      // "[]" has no elements; "[a,]" has an empty last one.
      if (!element.empty() || ch == ',' || !split.elements.empty())
        split.elements.push_back(element);
      start = i + 1;
      if (ch == ']') {
        split.closed = true;
        split.trailing = trim(json.substr(i + 1));
        return false;
      }
    }
    return true;
  });
  if (!split.closed) {
    std::string_view rest = trim(json.substr(std::min(start, json.size())));
    if (!rest.empty()) split.elements.push_back(rest);
  }
  return split;
}

namespace {
// The code unit of a "\uXXXX" escape starting at `at`, or -1.
long escape_unit(std::string_view text, std::size_t at) {
  if (at + 6 > text.size() || text[at] != '\\' || text[at + 1] != 'u') return -1;
  long value = 0;
  for (std::size_t k = at + 2; k < at + 6; ++k) {
    char ch = text[k];
    int digit = ch >= '0' && ch <= '9'   ? ch - '0'
                : ch >= 'a' && ch <= 'f' ? ch - 'a' + 10
                : ch >= 'A' && ch <= 'F' ? ch - 'A' + 10
                                         : -1;
    if (digit < 0) return -1;
    value = value * 16 + digit;
  }
  return value;
}
}  // namespace

std::string replace_lone_surrogate_escapes(std::string_view text, std::size_t* replaced) {
  std::string out;
  out.reserve(text.size());
  std::size_t count = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\\' && i + 1 < text.size() && text[i + 1] != 'u') {
      out.append(text.substr(i, 2));  // another escape: copy it whole
      ++i;
      continue;
    }
    long unit = escape_unit(text, i);
    if (unit >= 0xD800 && unit <= 0xDBFF) {
      long next = escape_unit(text, i + 6);
      if (next >= 0xDC00 && next <= 0xDFFF) {
        out.append(text.substr(i, 12));
        i += 11;
        continue;
      }
    }
    if (unit >= 0xD800 && unit <= 0xDFFF) {
      out += "\\ufffd";
      ++count;
      i += 5;
      continue;
    }
    out.push_back(text[i]);
  }
  if (replaced) *replaced = count;
  return out;
}

std::string article_to_json(const Article& article) {
  json out = json::object();
  out["id"] = article.id;
  if (!article.url.empty()) out["url"] = article.url;
  if (!article.source.empty()) out["source"] = article.source;
  if (!article.title.empty()) out["title"] = article.title;
  if (!article.dek.empty()) out["dek"] = article.dek;
  if (!article.authors.empty()) out["authors"] = article.authors;
  if (article.published) {
    out["published"] = article.published->iso8601();
    if (!article.published->zone_known) out["zone_known"] = false;
  }
  if (!article.language.empty()) out["language"] = article.language;
  out["paragraphs"] = article.paragraphs;
  if (!article.tags.empty()) out["tags"] = article.tags;
  if (!article.given_entities.empty()) {
    json entities = json::array();
    for (const auto& entity : article.given_entities) {
      entities.push_back(
          {{"type", entity_field(entity.type)}, {"key", entity.key}, {"display", entity.display}});
    }
    out["entities"] = std::move(entities);
  }
  if (!article.dateline.empty()) out["dateline"] = article.dateline;
  if (!article.format.empty()) out["format"] = article.format;
  return out.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string_view article_field_name(std::string_view name) noexcept {
  const char* spelling = nullptr;
  return find_input_field(name, &spelling) != nullptr ? spelling : std::string_view();
}

bool is_article_text_field(std::string_view name) noexcept {
  const char* spelling = nullptr;
  const InputField* field = find_input_field(name, &spelling);
  return field != nullptr && field->holds_text;
}

std::string_view canonical_article_field(std::string_view name) noexcept {
  const char* spelling = nullptr;
  const InputField* field = find_input_field(name, &spelling);
  return field != nullptr ? field->names.front() : std::string_view();
}

namespace {
// The field mapping of article_from_json, on a parsed object.
Article article_from_json_object(const json& value, std::string* bad_date) {
  Article article;
  try {
    if (auto* v = find_any(value, id_names)) article.id = as_string(*v, "id");
    if (auto* v = find_any(value, url_names)) article.url = as_string(*v, "url");
    if (auto* v = find_any(value, source_names)) {
      article.source = v->is_object() && v->contains("name") ? as_string((*v)["name"], "source")
                                                             : as_string(*v, "source");
    }
    if (auto* v = find_any(value, title_names)) article.title = as_string(*v, "title");
    if (auto* v = find_any(value, dek_names)) {
      article.dek = as_string(*v, "dek");
    }
    if (auto* v = find_any(value, author_names)) {
      article.authors = as_strings(*v, "authors");
    }
    if (auto* v = find_any(value, published_names)) {
      std::string date = as_string(*v, "published");
      article.published = parse_date(date);
      if (article.published) {
        auto zone = value.find("zone_known");
        if (zone != value.end() && zone->is_boolean() && !zone->get<bool>()) {
          article.published->zone_known = false;
        }
      } else if (bad_date && !trim(date).empty()) {
        *bad_date = date;
      }
    }
    if (auto* v = find_any(value, language_names)) article.language = as_string(*v, "language");
    if (auto* v = find_any(value, paragraph_names))
      article.paragraphs = as_strings(*v, "paragraphs");
    if (auto* v = find_any(value, body_names)) {
      auto more = split_paragraphs(as_string(*v, "body"));
      article.paragraphs.insert(article.paragraphs.end(), more.begin(), more.end());
    }
    if (auto* v = find_any(value, tag_names)) article.tags = as_strings(*v, "tags");
    if (auto* v = find_any(value, entity_names); v && v->is_array()) {
      for (const auto& item : *v) {
        if (!item.is_object()) continue;
        Entity entity;
        entity.type = entity_type_of_field(item.value("type", "misc")).value_or(Entity::Type::misc);
        entity.display = item.value("display", "");
        entity.key = item.value("key", fold(entity.display));
        if (!entity.key.empty()) article.given_entities.push_back(std::move(entity));
      }
    }
    auto add_named = [&](FieldNames names, Entity::Type type) {
      if (auto* v = find_any(value, names)) {
        for (auto& name : as_strings(*v, names.front())) {
          article.given_entities.push_back(Entity{type, fold(collapse_whitespace(name)), name});
        }
      }
    };
    add_named(people_names, Entity::Type::person);
    add_named(organisation_names, Entity::Type::organisation);
    add_named(place_names, Entity::Type::place);
    if (auto* v = find_any(value, dateline_names)) article.dateline = as_string(*v, "dateline");
    if (auto* v = find_any(value, format_names)) article.format = as_string(*v, "format");
  } catch (const json::exception& error) {
    throw InvalidArgumentError(std::string("bad field value: ") + error.what());
  }
  return article;
}
}  // namespace

Article article_from_json(std::string_view text, std::string* bad_date) {
  check_json_nesting(text);
  json value;
  try {
    value = json::parse(text);
  } catch (const json::exception& error) {
    // parse_error, and out_of_range for a number too large for a double
    // ("1e400"), found by fuzzing: both are malformed input, not a failure.
    std::string message = error.what();
    // nlohmann prefixes "[json.exception.parse_error.101] parse error at ...".
    if (auto pos = message.find("] "); pos != std::string::npos) message.erase(0, pos + 2);
    throw InvalidArgumentError("malformed JSON: " + message);
  }
  if (!value.is_object()) throw InvalidArgumentError("a JSON article must be an object");
  return article_from_json_object(value, bad_date);
}

Article article_from_fields(std::span<const ArticleFieldValue> fields, std::string* bad_date) {
  json value = json::object();
  for (const auto& [name, text] : fields) value.emplace(std::string(name), std::string(text));
  return article_from_json_object(value, bad_date);
}

namespace {

// The end of the JSON string starting at data[at] == '"' (one past its
// closing quote), or npos when it does not close.
std::size_t skip_json_string(std::string_view data, std::size_t at) {
  for (std::size_t k = at + 1; k < data.size(); ++k) {
    if (data[k] == '"') return k + 1;
    if (data[k] == '\\') ++k;  // and the character it escapes
  }
  return std::string_view::npos;
}

// Where the top-level "paragraphs" member lies: [begin, end) covers the key
// and its array of strings; npos when absent or not an array of strings.
// In article_to_json's output a quote is escaped inside strings, so
// `"paragraphs":[` directly after '{' or ',' is a key.
struct MemberSpan {
  std::size_t begin = std::string_view::npos, end = 0;
};
MemberSpan find_paragraphs_member(std::string_view data) {
  static constexpr std::string_view key = "\"paragraphs\":[";
  MemberSpan span;
  for (std::size_t at = data.find(key); at != std::string_view::npos; at = data.find(key, at + 1)) {
    if (at == 0 || (data[at - 1] != '{' && data[at - 1] != ',')) continue;
    std::size_t k = at + key.size();  // past the '['
    if (k < data.size() && data[k] == ']') return {at, k + 1};
    while (k < data.size() && data[k] == '"') {
      k = skip_json_string(data, k);
      if (k == std::string_view::npos || k >= data.size()) return span;
      if (data[k] == ']') return {at, k + 1};
      if (data[k] != ',') return span;
      ++k;
    }
    return span;
  }
  return span;
}

}  // namespace

Article article_from_document_data(std::string_view data, bool with_paragraphs) {
  if (with_paragraphs) return article_from_json(data);
  MemberSpan span = find_paragraphs_member(data);
  if (span.begin == std::string_view::npos) return article_from_json(data);
  // The data without the member (and one comma next to it).
  std::size_t begin = span.begin, end = span.end;
  if (data[begin - 1] == ',') {
    --begin;
  } else if (end < data.size() && data[end] == ',') {
    ++end;
  }
  std::string rest;
  rest.reserve(data.size() - (end - begin));
  rest.append(data.substr(0, begin));
  rest.append(data.substr(end));
  return article_from_json(rest);
}

}  // namespace dateline

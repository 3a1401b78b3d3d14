// JSON Lines (one article object per line) and JSON array files. The field
// mapping is article_json.h's.
//
// News APIs' records come as their APIs give them: a response object
// holding the articles (the New York Times' response.docs, the Guardian's
// response.results, NewsAPI's articles, a JSON Feed's items), each read as
// an article (reported as file[N]), and shapes of their own, made plain
// before the mapping (api_shaped()):
//   - an object standing for a string: a headline's "main" (NYT), a
//     byline's "original" (NYT), WordPress's {"rendered": ...}, a person's
//     or a source's "name";
//   - the Guardian's "fields" (headline, byline, standfirst, body...) as
//     members of their own, and its "tags": contributors are the authors,
//     the rest tags; NYT's keywords' values as tags;
//   - a byline string ("By Mira Castell and Tom Rees") as its names;
//   - HTML (JSON Feed's content_html, the Guardian's body, WordPress's
//     content) read by the HTML reader into paragraphs; NewsAPI's "[+1234
//     chars]" cut from its truncated content;
//   - a JSON Feed's title and language for its items.

#include <nlohmann/json.hpp>

#include <istream>
#include <iterator>
#include <optional>

#include "dateline/common/article_json.h"
#include "dateline/common/error.h"
#include "dateline/common/text.h"
#include "readers.h"

namespace dateline::readers {

namespace {
using nlohmann::json;

// Whether `text` is HTML rather than text that mentions markup: it opens
// with a tag, or closes a paragraph.
bool looks_like_html(std::string_view text) {
  text = trim(text);
  if (text.find("</p>") != std::string_view::npos || text.find("</P>") != std::string_view::npos) {
    return true;
  }
  return text.starts_with('<') && text.ends_with('>');
}

// The string an API's object stands for: {"main": ...} (a NYT headline),
// {"original": ...} (a NYT byline), {"rendered": ...} (WordPress), {"value":
// ...} (a NYT keyword, whose "name" is its kind), {"webTitle": ...} (a
// Guardian tag), {"name": ...} (a person, a source). Other values as they
// are.
json plain(const json& value) {
  if (!value.is_object()) return value;
  for (const char* member : {"main", "original", "rendered", "value", "webTitle", "name"}) {
    auto found = value.find(member);
    if (found != value.end() && (found->is_string() || found->is_null())) return *found;
  }
  return value;
}

// `value` (a string or an array), each element made plain.
json plain_all(const json& value) {
  if (!value.is_array()) return plain(value);
  json out = json::array();
  for (const auto& item : value) out.push_back(plain(item));
  return out;
}

// A news API's record made the plain object article_json.h maps.
json api_shaped(json record, const json* feed) {
  if (!record.is_object()) return record;
  // The Guardian's fields are the article's own members.
  if (auto fields = record.find("fields"); fields != record.end() && fields->is_object()) {
    const json members = *fields;
    record.erase("fields");
    for (const auto& [name, value] : members.items()) {
      if (!record.contains(name)) record[name] = value;
    }
    if (auto body = record.find("body"); body != record.end() && body->is_string()) {
      record["content_html"] = *body;  // the Guardian's body is HTML; bodyText plain
      record.erase("body");
    }
  }
  // The Guardian's tags: contributors are the authors.
  if (auto tags = record.find("tags"); tags != record.end() && tags->is_array()) {
    json names = json::array();
    json contributors = json::array();
    for (const auto& tag : *tags) {
      const bool contributor =
          tag.is_object() && tag.contains("type") && tag["type"] == json("contributor");
      (contributor ? contributors : names).push_back(plain(tag));
    }
    record["tags"] = names;
    // Contributors are the people; the byline may add where they were
    // ("Mira Castell in Eastwick").
    if (!contributors.empty() && !record.contains("authors")) {
      record["authors"] = contributors;
      record.erase("byline");
    }
  }
  for (auto& [name, value] : record.items()) {
    if (name == "paragraphs") continue;
    value = plain_all(value);
  }
  // WordPress's author is a user's number, no name.
  if (auto author = record.find("author"); author != record.end() && author->is_number()) {
    record.erase(author);
  }
  // A byline names its people ("By Mira Castell and Tom Rees"); an author
  // that is one name ("Castell, Mira") stays one.
  for (const char* member : {"byline", "author"}) {
    auto byline = record.find(member);
    if (byline == record.end() || !byline->is_string() || record.contains("authors")) continue;
    const std::string text = byline->get<std::string>();
    if (text.empty() ||
        (std::string_view(member) == "author" && !ascii_lower(text).starts_with("by "))) {
      continue;
    }
    json names = json::array();
    for (auto& name : byline_names(text)) {
      if (!is_byline_role(name)) names.push_back(std::move(name));
    }
    record.erase(member);
    record["authors"] = names;
    break;
  }
  // HTML bodies, read as the HTML reader reads a page's.
  for (const char* member : {"content_html", "content", "body", "text"}) {
    auto html = record.find(member);
    if (html == record.end() || !html->is_string()) continue;
    const std::string text = html->get<std::string>();
    if (std::string_view(member) != "content_html" && !looks_like_html(text)) continue;
    record.erase(member);
    if (record.contains("paragraphs")) continue;
    std::string ignored_date;
    record["paragraphs"] = article_from_html(text, ignored_date).paragraphs;
    // The same text without its paragraphs (the Guardian's bodyText, JSON
    // Feed's content_text) would repeat it.
    record.erase("bodyText");
    record.erase("content_text");
  }
  // WordPress's date_gmt is UTC, and does not say so.
  if (auto gmt = record.find("date_gmt");
      gmt != record.end() && gmt->is_string() && !record.contains("date")) {
    const std::string date = gmt->get<std::string>();
    if (date.size() == 19 && date[10] == 'T') *gmt = date + "Z";
  }
  for (const char* member : {"title", "dek", "summary", "description", "abstract", "trailText",
                             "standfirst", "excerpt"}) {
    auto html = record.find(member);
    if (html == record.end() || !html->is_string() || !looks_like_html(html->get<std::string>())) {
      continue;
    }
    std::string ignored_date;
    const Article page = article_from_html(html->get<std::string>(), ignored_date);
    std::string text;
    for (const auto& paragraph : page.paragraphs) text += (text.empty() ? "" : " ") + paragraph;
    *html = text;
  }
  // NewsAPI cuts its content: "... text [+2345 chars]".
  if (auto content = record.find("content"); content != record.end() && content->is_string()) {
    std::string text = content->get<std::string>();
    if (const std::size_t cut = text.rfind(" [+");
        cut != std::string::npos && text.ends_with(" chars]")) {
      text.resize(cut);
      *content = text;
    }
  }
  // WordPress's excerpt is the dek.
  if (auto excerpt = record.find("excerpt"); excerpt != record.end() && !record.contains("dek")) {
    record["dek"] = *excerpt;
  }
  // The Guardian's records name their API, not their paper.
  if (auto api = record.find("apiUrl");
      api != record.end() && api->is_string() && !record.contains("source") &&
      api->get<std::string>().find("guardianapis.com") != std::string::npos) {
    record["source"] = "The Guardian";
  }
  if (feed != nullptr) {
    if (!record.contains("source") && feed->contains("title")) record["source"] = (*feed)["title"];
    if (!record.contains("language") && feed->contains("language")) {
      record["language"] = (*feed)["language"];
    }
  }
  return record;
}

// Whether a record may be an API's shape, worth parsing to see: it nests
// an object (a headline's {"main": ...}, the Guardian's "fields", a
// source's {"name": ...}) or holds HTML. Plain JSON Lines skip the work.
bool may_be_api_shaped(std::string_view text) {
  const std::size_t first = text.find('{');
  return (first != std::string_view::npos && text.find('{', first + 1) != std::string_view::npos) ||
         text.find("</") != std::string_view::npos;
}

// `record` made plain (api_shaped()) and written out again; as it is when
// a member has a type the shapes do not expect (the mapping then says
// which).
std::string shaped_text(json record, const json* feed) {
  try {
    return api_shaped(record, feed).dump(-1, ' ', false, json::error_handler_t::replace);
  } catch (const json::exception&) {
    return record.dump(-1, ' ', false, json::error_handler_t::replace);
  }
}

// `text`, an API's record, made plain and written out again; nullopt when
// it is no JSON object (the mapping then says why).
std::optional<std::string> shaped_text(std::string_view text) {
  try {
    check_json_nesting(text);
  } catch (const InvalidArgumentError&) {
    return std::nullopt;
  }
  json record = json::parse(text, nullptr, false);
  if (!record.is_object()) return std::nullopt;
  return shaped_text(std::move(record), nullptr);
}

// One record. `shaped`: it is made plain already (a response's item).
void read_one(std::string_view text, const std::string& origin, const ReaderLimits& limits,
              ArticleSink& sink, bool shaped = false) {
  // nlohmann rejects invalid UTF-8 inside strings: repair first, count it.
  std::size_t repaired = 0;
  std::string fixed;
  if (!is_valid_utf8(text)) {
    fixed = repair_utf8(text, &repaired);
    text = fixed;
  }
  std::optional<std::string> plain;
  if (!shaped && may_be_api_shaped(text) && (plain = shaped_text(text))) text = *plain;
  std::string bad_date;
  Article article;
  try {
    article = article_from_json(text, &bad_date);
  } catch (const InvalidArgumentError& error) {
    // A lone surrogate escape ("\ud800") is repaired like invalid UTF-8.
    if (std::string_view(error.what()).find("surrogate") != std::string_view::npos) {
      std::size_t replaced = 0;
      std::string escaped = replace_lone_surrogate_escapes(text, &replaced);
      if (replaced > 0) {
        try {
          article = article_from_json(escaped, &bad_date);
          sink.repaired(origin, repaired + replaced);
          finish_article(std::move(article), bad_date, origin, "jsonl", limits, sink);
          return;
        } catch (const InvalidArgumentError&) {
        }
      }
    }
    std::string reason = std::string_view(error.what()).starts_with("malformed JSON")
                             ? "malformed-json"
                             : "bad-field";
    // nlohmann quotes the bytes it last read, which can end inside a UTF-8
    // character ("last read: 'tru\xC3'"): excerpt it like any quoted input.
    sink.skip(Skip{origin, reason, message_excerpt(error.what(), 300)});
    return;
  }
  if (repaired > 0) sink.repaired(origin, repaired);
  finish_article(std::move(article), bad_date, origin, "jsonl", limits, sink);
}

// The names of a JSON object's members when none of them holds article
// text: a file of other data (the ITN corpus maps events to blurbs). None
// when one does, or when it is no well-formed object (read_one says why).
std::optional<std::vector<std::string>> members_without_text(std::string_view body) {
  try {
    check_json_nesting(body);
  } catch (const InvalidArgumentError&) {
    return std::nullopt;
  }
  const auto value = nlohmann::ordered_json::parse(body, nullptr, false);  // in file order
  if (!value.is_object()) return std::nullopt;
  std::vector<std::string> names;
  for (auto member = value.begin(); member != value.end(); ++member) {
    if (is_article_text_field(member.key())) return std::nullopt;
    names.push_back(member.key());
  }
  return names;
}
// Whether `text` may be a news API's response (cheap: the members
// read_api_response() looks for).
bool is_api_response_hint(std::string_view text) {
  return text.find("\"response\"") != std::string_view::npos ||
         text.find("\"articles\"") != std::string_view::npos ||
         text.find("jsonfeed.org") != std::string_view::npos;
}

// The articles of a news API's response, each read as an article
// (`origin`[N]): the New York Times' response.docs, the Guardian's
// response.results, NewsAPI's articles, a JSON Feed's items. False when
// `body` is no such response.
bool read_api_response(std::string_view body, const std::string& origin, const ReaderLimits& limits,
                       ArticleSink& sink) {
  json response;
  try {
    check_json_nesting(body);
    response = json::parse(body, nullptr, false);
  } catch (const std::exception&) {
    return false;
  }
  if (!response.is_object()) return false;
  const json* items = nullptr;
  const json* feed = nullptr;
  if (auto inner = response.find("response"); inner != response.end() && inner->is_object()) {
    for (const char* member : {"docs", "results"}) {
      if (auto found = inner->find(member); found != inner->end() && found->is_array()) {
        items = &*found;
      }
    }
  }
  if (auto found = response.find("articles");
      items == nullptr && found != response.end() && found->is_array()) {
    items = &*found;
  }
  if (auto found = response.find("items");
      items == nullptr && found != response.end() && found->is_array() &&
      response.contains("version") && response["version"].is_string() &&
      response["version"].get<std::string>().find("jsonfeed.org") != std::string::npos) {
    items = &*found;
    feed = &response;
  }
  if (items == nullptr) return false;
  for (std::size_t index = 0; index < items->size(); ++index) {
    read_one(shaped_text((*items)[index], feed), origin + "[" + std::to_string(index) + "]", limits,
             sink, /*shaped=*/true);
  }
  return true;
}

}  // namespace

void read_jsonl(std::istream& in, const std::string& name, const ReaderLimits& limits,
                ArticleSink& sink) {
  std::string line;
  bool too_long = false;
  std::size_t number = 0;
  while (read_bounded_line(in, line, limits.max_record_bytes, too_long)) {
    ++number;
    std::string origin = name + ":" + std::to_string(number);
    if (too_long) {
      sink.skip(
          Skip{origin, "too-large",
               "JSON line longer than " + std::to_string(limits.max_record_bytes) + " bytes"});
      continue;
    }
    if (trim(line).empty()) continue;
    // A news API's response saved as it came: one line, many articles.
    if (trim(line).starts_with("{") && is_api_response_hint(line) &&
        read_api_response(line, origin, limits, sink)) {
      continue;
    }
    read_one(line, origin, limits, sink);
  }
}

void read_json_array(std::istream& in, const std::string& name, const ReaderLimits& limits,
                     ArticleSink& sink) {
  std::string text;
  text.reserve(1 << 16);
  char buffer[1 << 16];
  while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
    text.append(buffer, static_cast<std::size_t>(in.gcount()));
    if (text.size() > limits.max_record_bytes) {
      sink.skip(Skip{name, "too-large",
                     "JSON file larger than " + std::to_string(limits.max_record_bytes) +
                         " bytes; use JSON Lines for large exports"});
      return;
    }
  }
  std::string_view body = trim(text);
  if (body.starts_with("{") && read_api_response(body, name, limits, sink)) return;
  if (body.starts_with("{")) {
    if (auto members = members_without_text(body)) {
      sink.skip(Skip{name, "no-text",
                     "a JSON object with no article text (a title, text or body member); found " +
                         (members->empty() ? std::string("no members") : quote_values(*members)) +
                         ". A file of articles holds one object, an array of them, or one a "
                         "line (JSON Lines)"});
      return;
    }
    read_one(body, name, limits, sink);
    return;
  }
  if (!body.starts_with("[")) {
    sink.skip(Skip{name, "malformed-json", "a JSON file must hold an array of articles"});
    return;
  }
  auto [elements, complete, trailing] = split_json_array(body);
  for (std::size_t index = 0; index < elements.size(); ++index) {
    std::string origin = name + "[" + std::to_string(index) + "]";
    if (elements[index].empty()) {
      sink.skip(Skip{origin, "malformed-json", "malformed JSON: empty array element"});
      continue;
    }
    read_one(elements[index], origin, limits, sink);
  }
  if (!complete) {
    sink.skip(Skip{name, "malformed-json", "malformed JSON: the array is not closed"});
  } else if (!trailing.empty()) {
    sink.skip(Skip{name, "malformed-json", "malformed JSON: text after the array"});
  }
}

}  // namespace dateline::readers

// JSON Lines (one article object per line) and JSON array files. The field
// mapping is article_json.h's.

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
void read_one(std::string_view text, const std::string& origin, const ReaderLimits& limits,
              ArticleSink& sink) {
  std::string bad_date;
  Article article;
  try {
    if (!is_valid_utf8(text)) {
      // nlohmann rejects invalid UTF-8 inside strings: repair first, count it.
      std::size_t repaired = 0;
      std::string fixed = repair_utf8(text, &repaired);
      article = article_from_json(fixed, &bad_date);
      sink.repaired(origin, repaired);
    } else {
      article = article_from_json(text, &bad_date);
    }
  } catch (const InvalidArgumentError& error) {
    // A lone surrogate escape ("\ud800") is repaired like invalid UTF-8.
    if (std::string_view(error.what()).find("surrogate") != std::string_view::npos) {
      std::size_t replaced = 0;
      std::string fixed = replace_lone_surrogate_escapes(repair_utf8(text), &replaced);
      if (replaced > 0) {
        try {
          article = article_from_json(fixed, &bad_date);
          sink.repaired(origin, replaced);
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

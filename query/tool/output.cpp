#include "output.h"

#include <nlohmann/json.hpp>

#include <sstream>

namespace dateline::cli {

namespace {
constexpr std::string_view plain_open = "**";
constexpr std::string_view plain_close = "**";
constexpr std::string_view colour_open = "\x1b[1;33m";
constexpr std::string_view colour_close = "\x1b[0m";
constexpr std::string_view dim = "\x1b[2m";
constexpr std::string_view bold = "\x1b[1m";
constexpr std::string_view reset = "\x1b[0m";

nlohmann::json highlights_json(const std::string& text, const std::vector<Highlight>& highlights) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& h : highlights) {
    out.push_back(
        {{"start", character_offset(text, h.begin)}, {"end", character_offset(text, h.end)}});
  }
  return out;
}

// The names of `hit`'s entities of `type`, joined by `separator`.
std::string names_of(const Hit& hit, Entity::Type type, std::string_view separator) {
  std::string names;
  for (const auto& entity : hit.entities) {
    if (entity.type != type) continue;
    if (!names.empty()) names += separator;
    names += entity.display;
  }
  return names;
}

nlohmann::json hit_json(const Hit& hit) {
  nlohmann::json passages = nlohmann::json::array();
  for (const auto& passage : hit.passages) {
    passages.push_back({{"text", passage.text},
                        {"highlights", highlights_json(passage.text, passage.highlights)},
                        {"marked", mark(passage.text, passage.highlights, "<mark>", "</mark>")},
                        {"paragraph", passage.paragraph},
                        {"score", passage.score}});
  }
  nlohmann::json out{
      {"rank", hit.rank},
      {"id", hit.id},
      {"score", hit.score},
      {"title", hit.title},
      {"title_highlights", highlights_json(hit.title, hit.title_highlights)},
      {"source", hit.source},
      {"lead", hit.lead},
      {"url", hit.url},
      {"published", hit.published.empty() ? nlohmann::json() : nlohmann::json(hit.published)},
      {"language", hit.language},
      {"authors", hit.authors},
      {"similar", hit.similar},
      {"passages", std::move(passages)}};
  nlohmann::json entities = nlohmann::json::array();
  for (const auto& entity : hit.entities) {
    entities.push_back({{"type", std::string(entity_field(entity.type))},
                        {"key", entity.key},
                        {"name", entity.display}});
  }
  out["entities"] = std::move(entities);
  return out;
}

nlohmann::json summary_json(const SearchRequest& request, const SearchResult& result) {
  nlohmann::json facets = nlohmann::json::object();
  for (const auto& facet : result.facets) {
    nlohmann::json values = nlohmann::json::array();
    // Dates are always in date order.
    const bool significance =
        request.facet_order == FacetOrder::significance && facet.granularity.empty();
    for (const auto& value : facet.values) {
      values.push_back({{"value", value.value},
                        {"label", value.label},
                        {"count", value.count},
                        {"lower", value.lower},
                        {"upper", value.upper}});
      if (significance) values.back()["score"] = value.score;
    }
    nlohmann::json entry{{"exact", facet.exact},
                         {"examined", facet.examined},
                         {"sampled", facet.sampled},
                         {"values", values}};
    if (!facet.granularity.empty()) entry["granularity"] = facet.granularity;
    if (significance) entry["order"] = "significance";
    facets[facet.field] = std::move(entry);
  }
  nlohmann::json summary{
      {"version", 1},
      {"query", request.query},
      {"total",
       {{"estimated", result.total},
        {"lower", result.total_lower},
        {"upper", result.total_upper},
        {"exact", result.total_exact}}},
      {"offset", request.offset},
      {"limit", request.limit},
      {"facets", std::move(facets)},
      {"suggestion",
       result.suggestion.empty() ? nlohmann::json() : nlohmann::json(result.suggestion)}};
  // Only with --recency: the half-life the hits' scores were ordered by.
  if (request.recency_half_life_days > 0) {
    summary["recency_half_life_days"] = request.recency_half_life_days;
  }
  // Only a search that found nothing for a filter value no article has.
  if (!result.unknown_filter_values.empty()) {
    nlohmann::json unknown = nlohmann::json::array();
    for (const auto& value : result.unknown_filter_values) {
      nlohmann::json nearest = nlohmann::json::array();
      for (const auto& near : value.nearest) {
        nearest.push_back({{"value", near.value}, {"count", near.count}});
      }
      unknown.push_back({{"field", value.field}, {"value", value.value}, {"nearest", nearest}});
    }
    summary["unknown_filter_values"] = std::move(unknown);
  }
  // Only partial results (--allow-partial with a shard down) carry these.
  if (!result.missing_shards.empty()) {
    nlohmann::json missing = nlohmann::json::array();
    for (const auto& shard : result.missing_shards) {
      missing.push_back({{"shard", shard.shard}, {"reason", shard.reason}});
    }
    summary["partial"] = true;
    summary["missing_shards"] = std::move(missing);
  }
  return summary;
}
}  // namespace

std::size_t character_offset(std::string_view text, std::size_t byte_offset) {
  std::size_t count = 0;
  for (std::size_t i = 0; i < byte_offset && i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++count;
  }
  return count;
}

std::string mark(const std::string& text, const std::vector<Highlight>& highlights,
                 std::string_view open, std::string_view close) {
  std::string out;
  std::size_t at = 0;
  for (const auto& h : highlights) {
    if (h.begin < at || h.end > text.size()) continue;
    out.append(text, at, h.begin - at);
    out += open;
    out.append(text, h.begin, h.end - h.begin);
    out += close;
    at = h.end;
  }
  out.append(text, at, std::string::npos);
  return out;
}

void print_text(std::ostream& out, const SearchRequest& request, const SearchResult& result,
                const TextStyle& style) {
  std::string_view open = style.colour ? colour_open : plain_open;
  std::string_view close = style.colour ? colour_close : plain_close;
  if (!result.suggestion.empty()) out << "Did you mean: " << result.suggestion << "\n\n";
  // (--limit 0 or a page past the end shows no hits of many matches.)
  if (result.hits.empty() && result.total == 0) out << "No matches.\n";
  for (const auto& unknown : result.unknown_filter_values) {
    out << "No article has " << unknown.field << " \"" << unknown.value << "\"";
    for (std::size_t k = 0; k < unknown.nearest.size(); ++k) {
      const auto& near = unknown.nearest[k];
      out << (k == 0                            ? "; did you mean "
              : k + 1 == unknown.nearest.size() ? " or "
                                                : ", ")
          << unknown.field << ":\"" << near.value << "\" (" << near.count
          << (near.count == 1 ? " article)" : " articles)");
    }
    out << (unknown.nearest.empty() ? ".\n" : "?\n");
  }
  for (const auto& hit : result.hits) {
    out << hit.rank << ". " << (style.colour ? bold : "")
        << mark(hit.title.empty() ? "(untitled) " + hit.lead : hit.title, hit.title_highlights,
                style.colour ? std::string(colour_open) + std::string(bold) : std::string(open),
                style.colour ? std::string(colour_close) + std::string(bold) : std::string(close))
        << (style.colour ? reset : "") << '\n';
    out << "   " << (style.colour ? dim : "")
        << (hit.published.empty() ? std::string("undated") : hit.published.substr(0, 10));
    if (!hit.source.empty()) out << " | " << hit.source;
    out << " | " << hit.id;
    if (hit.similar > 0) out << " | " << hit.similar << " similar";
    out << (style.colour ? reset : "") << '\n';
    if (style.entities && !hit.entities.empty()) {
      // "people: A, B; places: C", in the facets' order of fields.
      std::string line;
      for (const auto& [type, title] :
           {std::pair{Entity::Type::person, "people"},
            std::pair{Entity::Type::organisation, "organisations"},
            std::pair{Entity::Type::place, "places"}, std::pair{Entity::Type::misc, "misc"}}) {
        const std::string names = names_of(hit, type, ", ");
        if (!names.empty()) line += (line.empty() ? "" : "; ") + std::string(title) + ": " + names;
      }
      out << "   " << (style.colour ? dim : "") << line << (style.colour ? reset : "") << '\n';
    }
    for (const auto& passage : hit.passages) {
      out << "   " << mark(passage.text, passage.highlights, open, close) << '\n';
    }
    out << '\n';
  }
  for (const auto& facet : result.facets) {
    out << facet.field;
    if (!facet.granularity.empty()) out << " (by " << facet.granularity << ")";
    if (!facet.exact) {
      out << " (estimated from a sample of " << facet.examined << " articles, 1 in "
          << std::llround(1 / facet.sampled) << " of the matches; --exact counts them all)";
    }
    if (request.facet_order == FacetOrder::significance && facet.granularity.empty()) {
      out << " (most particular to the matches first)";
    }
    out << ":\n";
    if (facet.values.empty()) out << "  none\n";
    // Counts right-aligned and an estimate's interval after it, so that
    // the columns and the labels line up.
    std::vector<std::string> counts, intervals;
    std::size_t count_width = 0, interval_width = 0;
    for (const auto& value : facet.values) {
      counts.push_back((facet.exact ? "" : "~") + std::to_string(value.count));
      intervals.push_back(facet.exact ? ""
                                      : " [" + std::to_string(value.lower) + "-" +
                                            std::to_string(value.upper) + "]");
      count_width = std::max(count_width, counts.back().size());
      interval_width = std::max(interval_width, intervals.back().size());
    }
    for (std::size_t v = 0; v < facet.values.size(); ++v) {
      out << std::string(2 + count_width - counts[v].size(), ' ') << counts[v] << intervals[v]
          << std::string(2 + interval_width - intervals[v].size(), ' ') << facet.values[v].label
          << '\n';
    }
  }
  if (!result.facets.empty()) out << '\n';
  std::size_t shown_to = request.offset + result.hits.size();
  out << (result.total_exact ? "" : "about ") << result.total
      << (result.total == 1 ? " match" : " matches");
  if (!result.hits.empty()) out << ", showing " << request.offset + 1 << "-" << shown_to;
  // Matches are counted after collapsing near-duplicates, facets over every
  // matching article: say so when the two differ, or the counts look wrong.
  if (!result.facets.empty() && result.facets.front().exact &&
      result.facets.front().examined > result.total) {
    out << " (facets count all " << result.facets.front().examined
        << " articles, near-duplicate copies included)";
  }
  out << '\n';
  for (const auto& shard : result.missing_shards) {
    out << "partial results: shard " << shard.shard << " did not answer (" << shard.reason << ")\n";
  }
}

void print_csv(std::ostream& out, const SearchResult& result) {
  // A cell quoted when it holds a comma, a quote or a line break, its
  // quotes doubled; a cell a spreadsheet would run as a formula (=, +, -,
  // @ first) gets a leading apostrophe.
  auto cell = [](std::string text) {
    if (!text.empty() && (text[0] == '=' || text[0] == '+' || text[0] == '-' || text[0] == '@')) {
      text.insert(0, 1, '\'');
    }
    if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
    std::string quoted = "\"";
    for (char ch : text) {
      if (ch == '"') quoted += '"';
      quoted += ch;
    }
    return quoted + "\"";
  };
  auto joined = [](const auto& parts, std::string_view separator, auto&& text_of) {
    std::string all;
    for (const auto& part : parts) {
      if (!all.empty()) all += separator;
      all += text_of(part);
    }
    return all;
  };
  out << "rank,id,published,source,title,lead,authors,url,score,similar,people,organisations,"
         "places,passages\r\n";
  for (const auto& hit : result.hits) {
    std::ostringstream score;
    score << hit.score;
    out << hit.rank << ',' << cell(hit.id) << ',' << cell(hit.published) << ',' << cell(hit.source)
        << ',' << cell(hit.title) << ',' << cell(hit.lead) << ','
        << cell(joined(hit.authors, "; ", [](const std::string& author) { return author; })) << ','
        << cell(hit.url) << ',' << score.str() << ',' << hit.similar << ','
        << cell(names_of(hit, Entity::Type::person, "; ")) << ','
        << cell(names_of(hit, Entity::Type::organisation, "; ")) << ','
        << cell(names_of(hit, Entity::Type::place, "; ")) << ','
        << cell(joined(hit.passages, " \xE2\x80\xA6 ",
                       [](const Passage& passage) { return passage.text; }))
        << "\r\n";
  }
}

void print_json(std::ostream& out, const SearchRequest& request, const SearchResult& result,
                bool lines) {
  using nlohmann::json;
  auto dump = [](const json& value) {
    return value.dump(-1, ' ', false, json::error_handler_t::replace);
  };
  if (lines) {
    for (const auto& hit : result.hits) {
      json line = hit_json(hit);
      line["version"] = 1;
      line["type"] = "hit";
      out << dump(line) << '\n';
    }
    json summary = summary_json(request, result);
    summary["type"] = "summary";
    out << dump(summary) << '\n';
    return;
  }
  json whole = summary_json(request, result);
  json hits = json::array();
  for (const auto& hit : result.hits) hits.push_back(hit_json(hit));
  whole["hits"] = std::move(hits);
  out << dump(whole) << '\n';
}

}  // namespace dateline::cli

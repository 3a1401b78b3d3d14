// dateline-search: search a Dateline index from the terminal.
//
// Exit status: 0 matches found (or --count printed); 1 error (index missing,
// unreadable); 2 usage or query syntax error; 4 no matches.

#include <CLI/CLI.hpp>

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include <unistd.h>

#include "dateline/common/error.h"
#include "dateline/common/text.h"
#include "dateline/query/searcher.h"
#include "output.h"

namespace {
constexpr int exit_ok = 0;
constexpr int exit_error = 1;
constexpr int exit_usage = 2;
constexpr int exit_no_match = 4;

std::string default_index() {
  const char* env = std::getenv("DATELINE_INDEX");
  if (env != nullptr && *env != '\0') return env;
  return ".dateline/index";
}

std::vector<std::string> split_commas(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find(',', start);
    if (end == std::string::npos) end = text.size();
    if (end > start) out.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return out;
}
// "30", "30d", "2w" or "1y" (365 days) as days; nullopt when it is none.
std::optional<double> half_life_days(const std::string& text) {
  std::size_t used = 0;
  double number = 0;
  try {
    number = std::stod(text, &used);
  } catch (const std::exception&) {
    return std::nullopt;
  }
  const std::string unit = text.substr(used);
  double days = 0;
  if (unit.empty() || unit == "d") {
    days = number;
  } else if (unit == "w") {
    days = number * 7;
  } else if (unit == "y") {
    days = number * 365;
  } else {
    return std::nullopt;
  }
  if (!(days > 0) || std::isinf(days)) return std::nullopt;
  return days;
}

// The text of --like-file ("-": standard input), read up to one byte past
// the longest text a search compares; nullopt, with the reason said on
// stderr, when it cannot be read or is too long.
std::optional<std::string> read_like_file(const std::string& path) {
  std::ifstream file;
  std::istream* in = &std::cin;
  if (path != "-") {
    if (std::filesystem::is_directory(path)) {
      std::fprintf(stderr, "dateline-search: --like-file %s: is a directory\n", path.c_str());
      return std::nullopt;
    }
    file.open(path, std::ios::binary);
    if (!file) {
      std::fprintf(stderr, "dateline-search: --like-file %s: %s\n", path.c_str(),
                   std::strerror(errno));
      return std::nullopt;
    }
    in = &file;
  }
  std::string text(dateline::max_like_text_bytes + 1, '\0');
  in->read(text.data(), static_cast<std::streamsize>(text.size()));
  text.resize(static_cast<std::size_t>(in->gcount()));
  if (in->bad()) {
    std::fprintf(stderr, "dateline-search: --like-file %s: read error\n", path.c_str());
    return std::nullopt;
  }
  if (text.size() > dateline::max_like_text_bytes) {
    std::fprintf(stderr, "dateline-search: --like-file %s: over %zu MB; give a shorter text\n",
                 path.c_str(), dateline::max_like_text_bytes >> 20);
    return std::nullopt;
  }
  // A document file (.docx, .pdf) or a program is no text to compare, and
  // its bytes would match words at random: more than one byte in ten that
  // is no UTF-8 or a control character.
  std::size_t repaired = 0;
  dateline::repair_utf8(text, &repaired);
  if (repaired * 10 > text.size()) {
    std::fprintf(stderr,
                 "dateline-search: --like-file %s: not a text file; for a document Dateline "
                 "reads (PDF, Word, HTML...): dateline-index read --text %s | dateline-search "
                 "--like-file -\n",
                 path.c_str(), path.c_str());
    return std::nullopt;
  }
  return text;
}
}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"dateline-search: search a news archive index"};
  app.set_version_flag("--version", "dateline-search 0.1.0");
  std::vector<std::string> indexes;
  std::vector<std::string> query_words;
  dateline::SearchRequest request;
  std::string format = "text";
  std::string sort = "relevance";
  std::string facets;
  bool count = false;
  bool no_collapse = false;
  bool help_syntax = false;
  bool explain = false;
  std::string colour = "auto";

  app.add_option("query", query_words, "the query (see --help-syntax)");
  app.add_option("--index", indexes,
                 "index directory or tcp://HOST:PORT shard; repeat for shards "
                 "(default: $DATELINE_INDEX, else .dateline/index)")
      ->allow_extra_args(false);
  app.add_option("--limit,-n", request.limit, "hits to show (default 10)")
      ->check(CLI::Range(0, 10000));
  app.add_option("--offset", request.offset, "hits to skip, for paging")
      ->check(CLI::Range(0, 1000000000));
  app.add_option("--passages", request.passages, "passages per hit (default 2)")
      ->check(CLI::Range(0, 20));
  app.add_option("--format", format, "text, json, jsonl, or csv (the hits, for spreadsheets)")
      ->check(CLI::IsMember({"text", "json", "jsonl", "csv"}));
  app.add_option("--sort", sort, "relevance, newest or oldest")
      ->check(CLI::IsMember({"relevance", "newest", "oldest"}));
  app.add_option("--filter", request.filters, "field:value filter, e.g. place:kyiv (repeatable)")
      ->allow_extra_args(false);
  app.add_option("--lang", request.language,
                 "stem the query in this language only (e.g. de; default: every language indexed)");
  app.add_option("--from", request.from, "published on or after (YYYY, YYYY-MM or YYYY-MM-DD)");
  app.add_option("--to", request.to, "published on or before");
  app.add_option("--facets", facets,
                 "comma-separated: date,person,org,place,misc,source,topic,lang "
                 "(estimated, with bounds, beyond --facet-exact-limit matches)");
  app.add_option("--facet-values", request.facet_values,
                 "values shown per facet, dates apart (default 10)")
      ->check(CLI::Range(std::size_t{1}, std::size_t{10000}));
  std::string facet_order = "count";
  app.add_option("--facet-order", facet_order,
                 "count (most articles first) or significance (the values most particular to "
                 "the matches against the whole index first)")
      ->check(CLI::IsMember({"count", "significance"}));
  app.add_option("--by", request.date_granularity, "date facet granularity: year, month or day")
      ->check(CLI::IsMember({"year", "month", "day"}));
  std::string recency;
  app.add_option("--recency", recency,
                 "prefer recent articles in relevance order: the half-life of the preference "
                 "(30d, 2w, 1y; days without a unit)");
  auto* like =
      app.add_option("--like", request.like_id, "articles related to the article with this id");
  app.add_flag("--before", request.before, "with --like: only articles published before it");
  std::string like_file;
  auto* like_text = app.add_option("--like-text", request.like_text,
                                   "articles related to this text (a draft, a press release)");
  auto* like_file_option =
      app.add_option("--like-file", like_file,
                     "articles related to the text of this file ('-': standard input)")
          ->excludes(like_text)
          ->excludes(like);
  like_text->excludes(like);
  app.add_option("--copies", request.copies_of,
                 "the near-duplicate copies of the story of the article with this id (the "
                 "\"N similar\" of a hit), oldest first")
      ->excludes(like)
      ->excludes(like_text)
      ->excludes(like_file_option);
  bool show_entities = false;
  app.add_flag("--entities", show_entities,
               "under each hit, its people, organisations, places and misc names (text "
               "output; JSON always has them)");
  app.add_flag("--count", count, "print only the number of matches");
  app.add_flag("--exact", request.exact_total,
               "count every match exactly, totals and facets (slower on big results)");
  app.add_option("--facet-exact-limit", request.facet_exact_limit,
                 "count facets exactly up to this many matches, estimate them beyond")
      ->check(CLI::PositiveNumber);
  app.add_flag("--no-collapse", no_collapse, "show near-duplicate copies as separate hits");
  app.add_option("--color,--colour", colour, "auto, always or never")
      ->check(CLI::IsMember({"auto", "always", "never"}));
  app.add_flag("--help-syntax", help_syntax, "explain the query language");
  app.add_flag("--explain", explain, "print the parsed query");
  bool profile = false;
  app.add_flag("--profile", profile, "print where the search spent its time (on stderr)");
  dateline::SearcherOptions searcher_options;
  app.add_flag("--allow-partial", searcher_options.allow_partial,
               "when a shard is down, search the others and say which is missing");
  app.add_option("--timeout", searcher_options.remote_timeout_ms,
                 "milliseconds a remote shard has to connect and to answer (default 10000)")
      ->check(CLI::Range(1u, 3600000u));

  // An excluded word ("oil -opec") would reach CLI11 as an unknown option,
  // and "-hormuz" as -h: every argument of one dash that is neither one of
  // our short options (-h, -n, -n5) nor an option's value is a query word.
  // It stands aside under a placeholder, and goes back in its place.
  std::vector<std::string> args(argv, argv + argc);
  std::vector<std::string> excluded;
  constexpr char placeholder = '\x1f';
  bool value_next = false;
  for (std::size_t k = 1; k < args.size(); ++k) {
    const std::string& arg = args[k];
    if (arg == "--") break;
    if (value_next) {
      value_next = false;
      continue;
    }
    if (arg.size() < 2 || arg[0] != '-') continue;
    const bool long_option = arg[1] == '-';
    const std::string name = long_option ? arg.substr(0, arg.find('=')) : arg.substr(0, 2);
    const CLI::Option* option = app.get_option_no_throw(name);
    const bool takes_value = option != nullptr && option->get_items_expected_min() > 0;
    if (long_option) {
      value_next = takes_value && arg.find('=') == std::string::npos;
      continue;
    }
    if (option != nullptr &&
        (arg.size() == 2 ||
         (takes_value && arg.find_first_not_of("0123456789", 2) == std::string::npos))) {
      value_next = takes_value && arg.size() == 2;
      continue;
    }
    excluded.push_back(arg);
    args[k] = placeholder + std::to_string(excluded.size() - 1);
  }
  try {
    std::vector<const char*> pointers;
    for (const auto& arg : args) pointers.push_back(arg.c_str());
    app.parse(static_cast<int>(pointers.size()), pointers.data());
  } catch (const CLI::ParseError& error) {
    int status = app.exit(error);
    return status == 0 ? exit_ok : exit_usage;
  }
  for (auto& word : query_words) {
    if (!word.empty() && word[0] == placeholder) word = excluded.at(std::stoul(word.substr(1)));
  }
  if (help_syntax) {
    std::cout << dateline::query_syntax();
    return exit_ok;
  }
  for (std::size_t k = 0; k < query_words.size(); ++k) {
    request.query += (k ? " " : "") + query_words[k];
  }
  if (!like_file.empty()) {
    auto text = read_like_file(like_file);
    if (!text) return exit_usage;
    request.like_text = std::move(*text);
    if (dateline::trim(request.like_text).empty()) {
      std::fprintf(stderr, "dateline-search: --like-file %s: the file has no text\n",
                   like_file.c_str());
      return exit_usage;
    }
  }
  if (request.query.empty() && request.like_id.empty() && request.like_text.empty() &&
      request.copies_of.empty() && request.filters.empty() && request.from.empty() &&
      request.to.empty()) {
    std::fprintf(stderr, "dateline-search: no query given (try --help or --help-syntax)\n");
    return exit_usage;
  }
  if (request.before && request.like_id.empty()) {
    std::fprintf(stderr, "dateline-search: --before needs --like ID\n");
    return exit_usage;
  }
  if (!recency.empty()) {
    auto days = half_life_days(recency);
    if (!days) {
      std::fprintf(stderr,
                   "dateline-search: --recency %s: give a half-life such as 30d, 2w or 1y\n",
                   recency.c_str());
      return exit_usage;
    }
    request.recency_half_life_days = *days;
  }
  request.facets = split_commas(facets);
  if (format == "csv" && !request.facets.empty()) {
    std::fprintf(stderr,
                 "dateline-search: --format csv holds the hits only; facets need --format text, "
                 "json or jsonl\n");
    return exit_usage;
  }
  request.collapse = !no_collapse;
  request.facet_order = facet_order == "significance" ? dateline::FacetOrder::significance
                                                      : dateline::FacetOrder::count;
  request.sort = sort == "newest"   ? dateline::SortOrder::newest
                 : sort == "oldest" ? dateline::SortOrder::oldest
                                    : dateline::SortOrder::relevance;
  if (count) {
    request.limit = 0;
    request.passages = 0;
    request.suggest = false;
    request.exact_total = true;
  }
  if (indexes.empty()) indexes.push_back(default_index());

  try {
    dateline::Searcher searcher(indexes, searcher_options);
    dateline::SearchResult result = searcher.search(request);
    // The query as run: filters, dates and --like included.
    if (explain) std::cerr << "query: " << result.query_description << '\n';
    if (profile) {
      const dateline::SearchTimings& t = result.timings;
      std::fprintf(stderr,
                   "time: %.2f ms (match %.2f, facets %.2f, feedback %.2f, hits %.2f, "
                   "suggest %.2f, other %.2f)\n",
                   t.total, t.match, t.facets, t.feedback, t.hits, t.suggest, t.other);
    }
    for (const auto& shard : result.missing_shards) {
      if (format == "text" && !count) break;  // the text output says it
      std::fprintf(stderr, "dateline-search: partial results: shard %s did not answer\n",
                   shard.shard.c_str());
    }
    // --count prints the number; in JSON, the usual object (an exact
    // total, no hits), so that a program parses one format.
    if (count && (format == "text" || format == "csv")) {
      std::cout << result.total << '\n';
      return exit_ok;
    }
    if (format == "text") {
      bool use_colour = colour == "always" || (colour == "auto" && isatty(STDOUT_FILENO) &&
                                               std::getenv("NO_COLOR") == nullptr);
      dateline::cli::print_text(std::cout, request, result,
                                dateline::cli::TextStyle{use_colour, show_entities});
    } else if (format == "csv") {
      dateline::cli::print_csv(std::cout, result);
    } else {
      dateline::cli::print_json(std::cout, request, result, format == "jsonl");
    }
    // (--limit 0, or a page past the end, of a query that matches: 0.)
    return count || !result.hits.empty() || result.total > 0 ? exit_ok : exit_no_match;
  } catch (const dateline::QuerySyntaxError& error) {
    std::fprintf(stderr, "dateline-search: %s\n", error.what());
    return exit_usage;
  } catch (const dateline::InvalidArgumentError& error) {
    std::fprintf(stderr, "dateline-search: %s\n", error.what());
    return exit_usage;
  } catch (const std::exception& error) {
    std::fprintf(stderr, "dateline-search: %s\n", error.what());
    return exit_error;
  }
}

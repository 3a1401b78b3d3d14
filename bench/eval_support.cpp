#include "eval_support.h"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <map>
#include <sstream>

#include "dateline/common/error.h"
#include "dateline/common/text.h"

namespace dateline::bench {

std::vector<Topic> read_topics(const std::filesystem::path& path) {
  std::ifstream in(path);
  if (!in) throw Error("cannot read topics file " + path.string());
  std::vector<Topic> topics;
  std::string line;
  std::size_t number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (trim(line).empty()) continue;
    std::size_t tab = line.find('\t');
    if (tab == std::string::npos || tab == 0) {
      throw Error(path.string() + ":" + std::to_string(number) + ": expected qid<TAB>text");
    }
    topics.push_back(Topic{line.substr(0, tab), line.substr(tab + 1)});
  }
  return topics;
}

RunWriter::RunWriter(const std::filesystem::path& path, std::string tag)
    : m_out(path, std::ios::trunc), m_tag(std::move(tag)) {
  if (!m_out) throw Error("cannot write run file " + path.string());
}

void RunWriter::add(const std::string& topic, const std::string& docno, std::size_t rank,
                    double score) {
  char formatted[32];
  std::snprintf(formatted, sizeof formatted, "%.6f", score);
  m_out << topic << " Q0 " << docno << ' ' << rank << ' ' << formatted << ' ' << m_tag << '\n';
}

namespace {
class CollectingSink : public ArticleSink {
 public:
  void article(Article&& article) override { articles.push_back(std::move(article)); }
  void skip(Skip&& skip) override { ++skipped[skip.reason]; }
  std::vector<Article> articles;
  std::map<std::string, std::size_t> skipped;
};
}  // namespace

std::vector<Article> read_articles(const std::vector<std::string>& paths, InputFormat format) {
  CollectingSink sink;
  for (const auto& path : paths) read_path(path, format, ReaderLimits{}, sink);
  for (const auto& [reason, count] : sink.skipped) {
    std::fprintf(stderr, "skipped %zu records: %s\n", count, reason.c_str());
  }
  return std::move(sink.articles);
}

std::string body_text(const Article& article) {
  std::string text = article.dek;
  for (const auto& paragraph : article.paragraphs) {
    if (!text.empty()) text += '\n';
    text += paragraph;
  }
  return text;
}

std::vector<BenchQuery> read_bench_queries(const std::filesystem::path& path) {
  std::ifstream in(path);
  if (!in) throw Error("cannot read queries file " + path.string());
  std::vector<BenchQuery> queries;
  std::string line;
  std::size_t number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (trim(line).empty() || line[0] == '#') continue;
    std::vector<std::string> fields;
    std::stringstream stream(line);
    std::string field;
    while (std::getline(stream, field, '\t')) fields.push_back(field);
    BenchQuery query;
    if (!fields.empty()) query.kind = fields[0];
    if (fields.size() > 1) {
      std::stringstream words(fields[1]);
      std::string word;
      while (words >> word) query.words.push_back(word);
    }
    if (fields.size() > 3) {
      query.from = fields[2];
      query.to = fields[3];
    }
    bool known = query.kind == "word" || query.kind == "or" || query.kind == "phrase" ||
                 query.kind == "date";
    if (!known || query.words.empty() || (query.kind == "date" && query.to.empty())) {
      throw Error(path.string() + ":" + std::to_string(number) +
                  ": expected kind<TAB>words[<TAB>from<TAB>to]");
    }
    queries.push_back(std::move(query));
  }
  return queries;
}

void print_latency(LatencySamples samples) {
  auto percentile = [](std::vector<double>& seconds, double p) {
    if (seconds.empty()) return 0.0;
    std::sort(seconds.begin(), seconds.end());
    auto rank =
        static_cast<std::size_t>(std::ceil(p / 100.0 * static_cast<double>(seconds.size())));
    return seconds[std::max<std::size_t>(rank, 1) - 1] * 1000.0;
  };
  std::printf(
      "queries %zu p50_ms %.4f p95_ms %.4f p99_ms %.4f cpu_p50_ms %.4f cpu_p95_ms %.4f "
      "cpu_p99_ms %.4f\n",
      samples.wall.size(), percentile(samples.wall, 50), percentile(samples.wall, 95),
      percentile(samples.wall, 99), percentile(samples.cpu, 50), percentile(samples.cpu, 95),
      percentile(samples.cpu, 99));
}

namespace {
// The process's CPU time: queries run one at a time, so all of it is the
// query's, the Searcher's facet thread included.
double process_cpu_seconds() {
  timespec now{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
  return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) / 1e9;
}
}  // namespace

LatencySamples time_queries(const std::vector<BenchQuery>& queries,
                            const std::function<void(const BenchQuery&)>& run) {
  for (const auto& query : queries) run(query);
  LatencySamples samples;
  samples.wall.reserve(queries.size());
  samples.cpu.reserve(queries.size());
  for (const auto& query : queries) {
    auto start = std::chrono::steady_clock::now();
    double cpu_start = process_cpu_seconds();
    run(query);
    samples.cpu.push_back(process_cpu_seconds() - cpu_start);
    std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
    samples.wall.push_back(elapsed.count());
  }
  return samples;
}

int baseline_main(int argc, char** argv, const std::string& name, const std::string& description,
                  const BaselineCommands& commands) {
  CLI::App app{name + ": " + description};
  app.require_subcommand(1);
  std::string database, format_name = "auto", topics_path, run_path, tag = name;
  std::vector<std::string> paths;
  std::size_t depth = 1000;
  auto* index_cmd = app.add_subcommand("index", "index a collection");
  index_cmd->add_option("--db", database, "database (overwritten)")->required();
  index_cmd->add_option("--format", format_name, "input format, as dateline-index takes it");
  index_cmd->add_option("paths", paths, "files or directories")->required();
  auto* search_cmd = app.add_subcommand("search", "run topics, write a TREC run");
  search_cmd->add_option("--db", database, "database")->required();
  search_cmd->add_option("--topics", topics_path, "qid<TAB>query per line")->required();
  search_cmd->add_option("--run", run_path, "TREC run file to write")->required();
  search_cmd->add_option("--depth", depth, "hits per topic")->check(CLI::Range(1, 10000));
  search_cmd->add_option("--tag", tag, "run tag (last column)");
  std::string queries_path;
  bool snippets = false;
  auto* latency_cmd = app.add_subcommand("latency", "time a queries file (bench/compare)");
  latency_cmd->add_option("--db", database, "database")->required();
  latency_cmd->add_option("--queries", queries_path, "kind<TAB>words<TAB>from<TAB>to per line")
      ->required();
  latency_cmd->add_flag("--snippets", snippets, "make a snippet of each hit");
  BenchQuery one;
  std::string words;
  auto* query_cmd = app.add_subcommand("query", "run one query, print the hits' ids");
  query_cmd->add_option("--db", database, "database")->required();
  query_cmd->add_flag("--snippets", snippets, "make a snippet of each hit");
  query_cmd->add_option("kind", one.kind, "word, or, phrase or date")->required();
  query_cmd->add_option("words", words, "space-separated words")->required();
  query_cmd->add_option("from", one.from, "with date: first day, YYYY-MM-DD");
  query_cmd->add_option("to", one.to, "with date: last day, YYYY-MM-DD");
  CLI11_PARSE(app, argc, argv);

  try {
    if (*latency_cmd) {
      auto queries = read_bench_queries(queries_path);
      print_latency(time_queries(queries, commands.open_queries(database, snippets)));
      return 0;
    }
    if (*query_cmd) {
      std::stringstream stream(words);
      std::string word;
      while (stream >> word) one.words.push_back(word);
      for (const auto& id : commands.open_queries(database, snippets)(one))
        std::printf("%s\n", id.c_str());
      return 0;
    }
    if (*index_cmd) {
      auto format = format_from_name(format_name);
      if (!format) {
        std::fprintf(stderr, "%s: unknown format '%s'\n", name.c_str(), format_name.c_str());
        return 2;
      }
      commands.index(database, read_articles(paths, *format));
    } else {
      auto topics = read_topics(topics_path);
      RunWriter run(run_path, tag);
      commands.search(database, topics, run, depth);
    }
  } catch (const Error& error) {
    std::fprintf(stderr, "%s: %s\n", name.c_str(), error.what());
    return 1;
  }
  return 0;
}

}  // namespace dateline::bench

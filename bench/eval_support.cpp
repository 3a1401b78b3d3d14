#include "eval_support.h"

#include <CLI/CLI.hpp>

#include <cstdio>
#include <map>

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
  CLI11_PARSE(app, argc, argv);

  try {
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

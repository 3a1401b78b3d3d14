// dateline-index: add, delete and rebuild articles in a Dateline index.
//
// Exit status: 0 success; 1 error (nothing or not everything was done);
// 2 usage error; 3 finished, but some input was skipped (see the summary or
// --report).

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>

#include "dateline/common/error.h"
#include "dateline/indexer/index_location.h"
#include "dateline/indexer/index_stats.h"
#include "dateline/indexer/index_writer.h"
#include "dateline/indexer/reader.h"

#include <unistd.h>

namespace {

constexpr int exit_ok = 0;
constexpr int exit_error = 1;
constexpr int exit_usage = 2;
constexpr int exit_skipped = 3;

struct AddOptions {
  std::string index;
  std::vector<std::string> paths;
  std::string format = "auto";
  unsigned threads = 0;
  std::size_t batch = 10000;
  bool strict = false;
  bool quiet = false;
  std::string report;
};

// Feeds articles to the writer and keeps the tally of what was skipped.
class Run : public dateline::ArticleSink {
 public:
  Run(dateline::IndexWriter& writer, const AddOptions& options, std::uint64_t total_bytes)
      : m_writer(writer),
        m_options(options),
        m_total_bytes(total_bytes),
        m_progress(isatty(STDERR_FILENO) != 0 && !options.quiet),
        m_start(std::chrono::steady_clock::now()) {
    if (!options.report.empty()) {
      m_report = std::make_unique<std::ofstream>(options.report, std::ios::trunc);
      if (!*m_report) throw dateline::Error("cannot write report file " + options.report);
    }
  }

  ~Run() override {
    if (m_progress && m_shown) std::fputs("\r\x1b[K", stderr);
  }

  void article(dateline::Article&& article) override {
    ++m_read;
    m_bytes += article.text_size();
    m_writer.add(std::move(article));
    if (m_progress && m_read % 256 == 0) show_progress();
  }

  void input_done(const std::string&, std::size_t bytes) override { m_done_bytes += bytes; }

  void skip(dateline::Skip&& skip) override {
    ++m_read;
    ++m_skipped[skip.reason];
    report("skipped", skip);
    if (m_options.strict) {
      throw dateline::Error(skip.origin + ": " + skip.detail + " (--strict)");
    }
  }

  void warning(dateline::Skip&& warning) override {
    ++m_warnings[warning.reason];
    report("warning", warning);
  }

  void repaired(const std::string& origin, std::size_t bytes) override {
    ++m_repaired_articles;
    m_repaired_bytes += bytes;
    (void)origin;
  }

  void print_summary(const dateline::IndexCounts& counts, double seconds) {
    if (m_progress && m_shown) std::fputs("\r\x1b[K", stderr);
    m_shown = false;
    std::size_t skipped = 0;
    for (const auto& [reason, count] : m_skipped) skipped += count;
    std::fprintf(stderr,
                 "dateline-index: read %zu, added %zu, replaced %zu, skipped %zu in %.1f s "
                 "(%.0f articles/s, %.1f MB/s)\n",
                 m_read, counts.added, counts.replaced, skipped, seconds,
                 seconds > 0 ? static_cast<double>(counts.added + counts.replaced) / seconds : 0.0,
                 seconds > 0 ? static_cast<double>(m_bytes) / 1e6 / seconds : 0.0);
    for (const auto& [reason, count] : m_skipped) {
      std::fprintf(stderr, "dateline-index:   skipped %zu: %s\n", count, reason.c_str());
    }
    for (const auto& [reason, count] : m_warnings) {
      std::fprintf(stderr, "dateline-index:   indexed with warning %zu: %s\n", count,
                   reason.c_str());
    }
    if (m_repaired_articles > 0) {
      std::fprintf(stderr, "dateline-index:   repaired invalid UTF-8 in %zu articles (%zu bytes)\n",
                   m_repaired_articles, m_repaired_bytes);
    }
  }

  bool any_skipped() const { return !m_skipped.empty(); }

 private:
  // One status line on a terminal: articles, rate, throughput and, once a
  // file is done, the time left estimated from the bytes still to read.
  void show_progress() {
    auto now = std::chrono::steady_clock::now();
    if (now - m_last_progress < std::chrono::milliseconds(250)) return;
    m_last_progress = now;
    double seconds = std::chrono::duration<double>(now - m_start).count();
    std::string eta;
    if (m_total_bytes > 0 && m_done_bytes > 0 && m_done_bytes < m_total_bytes) {
      double left = seconds * static_cast<double>(m_total_bytes - m_done_bytes) /
                    static_cast<double>(m_done_bytes);
      eta = ", about " + std::to_string(static_cast<long>(left + 0.5)) + " s left";
    }
    std::fprintf(stderr, "\r\x1b[K%zu articles, %.0f articles/s, %.1f MB/s%s", m_read,
                 static_cast<double>(m_read) / seconds, static_cast<double>(m_bytes) / 1e6 / seconds,
                 eta.c_str());
    m_shown = true;
  }


  void report(std::string_view kind, const dateline::Skip& skip) {
    if (!m_options.quiet) {
      if (m_progress && m_shown) std::fputs("\r\x1b[K", stderr);
      std::fprintf(stderr, "dateline-index: %s %s: %s\n", std::string(kind).c_str(),
                   skip.origin.c_str(), skip.detail.c_str());
    }
    if (m_report) {
      nlohmann::json line{{"kind", kind},
                          {"origin", skip.origin},
                          {"reason", skip.reason},
                          {"detail", skip.detail}};
      *m_report << line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
    }
  }

  dateline::IndexWriter& m_writer;
  const AddOptions& m_options;
  std::unique_ptr<std::ofstream> m_report;
  std::size_t m_read = 0;
  std::size_t m_bytes = 0;
  std::map<std::string, std::size_t> m_skipped;
  std::map<std::string, std::size_t> m_warnings;
  std::size_t m_repaired_articles = 0;
  std::size_t m_repaired_bytes = 0;
  std::uint64_t m_total_bytes;
  std::uint64_t m_done_bytes = 0;
  bool m_progress;
  bool m_shown = false;
  std::chrono::steady_clock::time_point m_start;
  std::chrono::steady_clock::time_point m_last_progress{};
};

// Bytes on disk under `paths`, for the progress estimate.
std::uint64_t total_size(const std::vector<std::string>& paths) {
  std::uint64_t total = 0;
  std::error_code ec;
  for (const auto& path : paths) {
    if (std::filesystem::is_directory(path, ec)) {
      for (auto it = std::filesystem::recursive_directory_iterator(path, ec);
           !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
        if (it->is_regular_file(ec)) total += it->file_size(ec);
      }
    } else {
      total += std::filesystem::file_size(path, ec);
    }
  }
  return total;
}

dateline::InputFormat parse_format(const std::string& name) {
  auto format = dateline::format_from_name(name);
  if (!format) throw CLI::ValidationError("--format", "unknown format '" + name + "'");
  return *format;
}

// Index `paths` into the database at `database`. Returns the exit status.
int index_paths(const std::filesystem::path& database, const AddOptions& options) {
  auto format = parse_format(options.format);
  auto start = std::chrono::steady_clock::now();
  dateline::IndexWriter writer(database, dateline::IndexOptions{options.threads, options.batch});
  Run run(writer, options, isatty(STDERR_FILENO) ? total_size(options.paths) : 0);
  for (const auto& path : options.paths) {
    dateline::read_path(path, format, dateline::ReaderLimits{}, run);
  }
  writer.commit();
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  run.print_summary(writer.counts(), seconds);
  return run.any_skipped() ? exit_skipped : exit_ok;
}

std::string index_or_default(const std::string& index) {
  if (!index.empty()) return index;
  return dateline::default_index_path(std::getenv("DATELINE_INDEX")).string();
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"dateline-index: build and update a Dateline news archive index"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "dateline-index 0.1.0");
  const std::string index_help =
      "index directory (default: $DATELINE_INDEX, else .dateline/index)";

  AddOptions add;
  auto* add_cmd = app.add_subcommand("add", "add or replace articles from files and directories");
  add_cmd->add_option("--index", add.index, index_help);
  add_cmd->add_option("paths", add.paths, "files or directories to read")->required();
  add_cmd->add_option("--format", add.format,
                      "input format: auto, jsonl, json, text, html, reuters, rfc822, mbox, warc, time");
  add_cmd->add_option("--threads", add.threads, "analysis threads (default: one per core)");
  add_cmd->add_option("--batch", add.batch, "articles per commit");
  add_cmd->add_flag("--strict", add.strict, "stop at the first skipped record");
  add_cmd->add_flag("--quiet,-q", add.quiet, "do not print each skipped record");
  add_cmd->add_option("--report", add.report, "write every skip and warning as JSON Lines to FILE");

  AddOptions rebuild;
  std::string corpus;
  auto* rebuild_cmd = app.add_subcommand(
      "rebuild", "build a new index from a corpus and switch to it atomically");
  rebuild_cmd->add_option("--index", rebuild.index, index_help);
  rebuild_cmd->add_option("--corpus", corpus, "corpus directory")->required();
  rebuild_cmd->add_option("--format", rebuild.format, "input format (default: detect per file)");
  rebuild_cmd->add_option("--threads", rebuild.threads, "analysis threads");
  rebuild_cmd->add_option("--batch", rebuild.batch, "articles per commit");
  rebuild_cmd->add_flag("--strict", rebuild.strict, "stop at the first skipped record");
  rebuild_cmd->add_flag("--quiet,-q", rebuild.quiet, "do not print each skipped record");
  rebuild_cmd->add_option("--report", rebuild.report, "write every skip as JSON Lines to FILE");

  std::string delete_index;
  std::vector<std::string> ids;
  auto* delete_cmd = app.add_subcommand("delete", "delete articles by id");
  delete_cmd->add_option("--index", delete_index, index_help);
  delete_cmd->add_option("ids", ids, "article ids")->required();

  std::string stats_index;
  std::string stats_format = "text";
  auto* stats_cmd = app.add_subcommand("stats", "print what the index holds");
  stats_cmd->add_option("--index", stats_index, index_help);
  stats_cmd->add_option("--format", stats_format, "text or json")
      ->check(CLI::IsMember({"text", "json"}));

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    int status = app.exit(error);
    return status == 0 ? exit_ok : exit_usage;
  }

  try {
    if (*add_cmd) {
      return index_paths(dateline::writable_database_path(index_or_default(add.index)), add);
    }
    if (*rebuild_cmd) {
      std::filesystem::path index = index_or_default(rebuild.index);
      if (!std::filesystem::is_directory(corpus)) {
        throw dateline::Error("corpus " + corpus + " is not a directory");
      }
      std::error_code ec;
      std::filesystem::create_directories(index, ec);
      if (ec) throw dateline::Error("cannot create index " + index.string() + ": " + ec.message());
      std::filesystem::path generation = dateline::next_generation_path(index);
      rebuild.paths = {corpus};
      int status = index_paths(generation, rebuild);
      dateline::switch_generation(index, generation);
      std::fprintf(stderr, "dateline-index: %s now serves %s\n", index.string().c_str(),
                   generation.filename().string().c_str());
      return status;
    }
    if (*delete_cmd) {
      auto database = dateline::writable_database_path(index_or_default(delete_index));
      dateline::IndexWriter writer(database, dateline::IndexOptions{1, 1000});
      int status = exit_ok;
      for (const auto& id : ids) {
        if (!writer.remove(id)) {
          std::fprintf(stderr, "dateline-index: no article with id %s\n", id.c_str());
          status = exit_skipped;
        }
      }
      writer.commit();
      std::fprintf(stderr, "dateline-index: deleted %zu\n", writer.counts().deleted);
      return status;
    }
    if (*stats_cmd) {
      auto stats = dateline::read_index_stats(index_or_default(stats_index));
      if (stats_format == "json") {
        nlohmann::json out{{"version", 1},
                           {"articles", stats.articles},
                           {"undated", stats.undated},
                           {"by_source", stats.by_source},
                           {"by_year", stats.by_year},
                           {"by_format", stats.by_format},
                           {"size_bytes", stats.size_bytes},
                           {"schema_version", stats.schema_version}};
        std::cout << out.dump(2) << '\n';
      } else {
        std::cout << "articles: " << stats.articles << " (" << stats.undated << " undated)\n"
                  << "size: " << stats.size_bytes / 1024 << " KiB\n"
                  << "schema version: " << stats.schema_version << '\n';
        auto print = [](const char* title, const std::map<std::string, std::uint64_t>& counts) {
          std::cout << title << ":\n";
          for (const auto& [key, count] : counts) std::cout << "  " << key << ": " << count << '\n';
        };
        print("by source", stats.by_source);
        print("by year", stats.by_year);
        print("by format", stats.by_format);
      }
      return exit_ok;
    }
  } catch (const CLI::ValidationError& error) {
    std::fprintf(stderr, "dateline-index: %s\n", error.what());
    return exit_usage;
  } catch (const std::exception& error) {
    std::fprintf(stderr, "dateline-index: %s\n", error.what());
    return exit_error;
  }
  return exit_ok;
}

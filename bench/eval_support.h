#pragma once
// Shared by the evaluation programs in bench/: topics in, TREC run files out,
// and the articles of a collection as Dateline's readers see them (so every
// system indexes exactly the same documents).

#include <filesystem>
#include <fstream>
#include <functional>
#include <string>
#include <vector>

#include "dateline/common/article.h"
#include "dateline/indexer/reader.h"

namespace dateline::bench {

/// One line of a topics file: "qid<TAB>text".
struct Topic {
  std::string id;
  std::string text;
};

/// Read a topics file. Blank lines are ignored.
/// @exception Error the file cannot be read or a line has no tab
std::vector<Topic> read_topics(const std::filesystem::path& path);

/// Writes a TREC run file: "qid Q0 docno rank score tag", ranks from 1.
class RunWriter {
 public:
  /// @exception Error the file cannot be created
  RunWriter(const std::filesystem::path& path, std::string tag);

  void add(const std::string& topic, const std::string& docno, std::size_t rank, double score);

 private:
  std::ofstream m_out;
  std::string m_tag;
};

/// Every article Dateline's readers get from `paths` (files or directories,
/// in `format`). Skipped records are counted on stderr.
std::vector<Article> read_articles(const std::vector<std::string>& paths, InputFormat format);

/// The article's text other than the title: dek and paragraphs, one per line.
std::string body_text(const Article& article);

/// One line of a latency queries file (bench/compare):
/// "kind<TAB>words<TAB>from<TAB>to". `kind` is "word" (one word), "or" (two
/// words, either), "phrase" (the words in order) or "date" (one word,
/// published from..to, days as YYYY-MM-DD). Each system writes the query in
/// its own language.
struct BenchQuery {
  std::string kind;
  std::vector<std::string> words;
  std::string from;
  std::string to;
};

/// Read a latency queries file. Blank lines and lines starting with '#' are
/// ignored.
/// @exception Error the file cannot be read or a line is malformed
std::vector<BenchQuery> read_bench_queries(const std::filesystem::path& path);

/// Per-query times in seconds: wall clock, and this thread's CPU time (on a
/// shared machine wall time is mostly waiting for a core; CPU time much
/// less so).
struct LatencySamples {
  std::vector<double> wall;
  std::vector<double> cpu;
};

/// Print "queries N p50_ms X p95_ms Y p99_ms Z cpu_p50_ms A cpu_p95_ms B
/// cpu_p99_ms C" (nearest-rank percentiles).
void print_latency(LatencySamples samples);

/// Time `run` on every query: one untimed pass to warm the caches, then one
/// timed pass.
LatencySamples time_queries(const std::vector<BenchQuery>& queries,
                            const std::function<void(const BenchQuery&)>& run);

/// Runs one query; returns the hits' ids.
using QueryRunner = std::function<std::vector<std::string>(const BenchQuery&)>;

/// What a baseline program does; see baseline_main().
struct BaselineCommands {
  /// Build the database at `database` (overwriting it) from the articles.
  std::function<void(const std::string& database, const std::vector<Article>& articles)> index;
  /// Run the topics, writing at most `depth` hits per topic to `run`.
  std::function<void(const std::string& database, const std::vector<Topic>& topics, RunWriter& run,
                     std::size_t depth)>
      search;
  /// Open the database and return a function that runs one query: the top
  /// 10 hits' ids, with a snippet of each hit's body made when `snippets`.
  std::function<QueryRunner(const std::string& database, bool snippets)> open_queries;
};

/// The command line every baseline program shares:
///   NAME index  --db PATH [--format F] PATH...
///   NAME search --db PATH --topics FILE --run FILE [--depth N] [--tag T]
///   NAME latency --db PATH --queries FILE [--snippets]   (prints print_latency())
///   NAME query --db PATH [--snippets] KIND WORDS [FROM TO] (prints the hits' ids)
/// Returns the exit status: 0 ok, 1 error (a dateline::Error; anything else
/// propagates), 2 usage.
int baseline_main(int argc, char** argv, const std::string& name, const std::string& description,
                  const BaselineCommands& commands);

}  // namespace dateline::bench

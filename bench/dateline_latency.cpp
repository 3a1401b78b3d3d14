// dateline-latency: time a bench/compare queries file through
// dateline::Searcher, in one process (bench/README.md). Each query asks for
// the top 10 hits, without "did you mean"; with --passages-and-facets it also
// asks for 2 passages per hit and the date, person, org, place and topic
// facets, as a search page would.
//
// --index may be repeated: the shards of one index (paths, stub files or
// tcp://HOST:PORT of xapian-tcpsrv), searched together as one Searcher, as a
// long-lived front end would (bench/shards-bench).
//
// Prints "queries N p50_ms X p95_ms Y p99_ms Z".
// Exit status: 0 ok; 1 error (index, queries file, a query the library
// rejected); 2 usage.

#include <CLI/CLI.hpp>

#include <cstdio>
#include <string>
#include <vector>

#include "dateline/common/error.h"
#include "dateline/query/searcher.h"
#include "eval_support.h"
#include "latency_queries.h"

int main(int argc, char** argv) {
  CLI::App app{"dateline-latency: time a bench/compare queries file through Dateline"};
  std::vector<std::string> indexes;
  std::string queries_path;
  bool rich = false;
  app.add_option("--index", indexes, "Dateline index; repeat for shards (path or tcp://HOST:PORT)")
      ->required();
  app.add_option("--queries", queries_path, "kind<TAB>words<TAB>from<TAB>to per line")->required();
  app.add_flag("--passages-and-facets", rich, "2 passages per hit and five facets");
  bool no_feedback = false;
  app.add_flag("--no-feedback", no_feedback,
               "rank without pseudo-relevance feedback (Ranking::feedback_documents = 0)");
  CLI11_PARSE(app, argc, argv);

  try {
    dateline::Searcher searcher(indexes);
    auto queries = dateline::bench::read_bench_queries(queries_path);
    dateline::bench::print_latency(
        dateline::bench::time_queries(queries, [&](const dateline::bench::BenchQuery& query) {
          auto request = dateline::bench::dateline_request(query, rich);
          if (no_feedback) request.ranking.feedback_documents = 0;
          searcher.search(request);
        }));
  } catch (const dateline::Error& error) {
    std::fprintf(stderr, "dateline-latency: %s\n", error.what());
    return 1;
  }
  return 0;
}

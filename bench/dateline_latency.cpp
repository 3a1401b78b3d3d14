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
// Prints "queries N p50_ms X p95_ms Y p99_ms Z cpu_p50_ms ..." (wall and
// the process's CPU time, which includes the Searcher's facet thread:
// --threads). --hits FILE writes each query's hits (of the
// timed pass, with a hash of their passages and highlights) and facets to
// FILE, to compare two builds' results; --times FILE each
// query's wall and CPU milliseconds, to see which queries make the tail;
// --stages prints where the timed pass spent its time (SearchTimings), as
// the mean over all queries and over the slowest 1% (by the library's own
// total), "stages_mean_ms match M facets F feedback B hits H suggest S
// other O total T" and the same for "stages_slowest_1pct_ms".
// Exit status: 0 ok; 1 error (index, queries file, a query the library
// rejected); 2 usage.

#include <CLI/CLI.hpp>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <functional>
#include <optional>
#include <sstream>
#include <string>
#include <utility>
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
  std::size_t feedback_depth = dateline::Ranking{}.feedback_depth;
  app.add_option("--feedback-depth", feedback_depth,
                 "hits re-ranked by feedback (Ranking::feedback_depth)");
  double recency = 0;
  app.add_option("--recency", recency,
                 "prefer recent hits with this half-life in days "
                 "(SearchRequest::recency_half_life_days)");
  std::uint64_t facet_exact_limit = dateline::SearchRequest{}.facet_exact_limit;
  app.add_option("--facet-exact-limit", facet_exact_limit,
                 "facets estimated from a sample beyond this many matches "
                 "(SearchRequest::facet_exact_limit)");
  bool significance = false;
  app.add_flag("--significance", significance,
               "order facet values by significance (SearchRequest::facet_order)");
  std::optional<std::size_t> passages;
  app.add_option("--passages", passages, "passages per hit (overrides --passages-and-facets)");
  std::optional<std::string> facets;
  app.add_option(
      "--facets", facets,
      "facets to count, comma-separated, \"\" for none (overrides --passages-and-facets)");
  bool exact = false;
  app.add_flag("--exact", exact, "count every match: exact totals and facets (exact_total)");
  std::string hits_path;
  app.add_option("--hits", hits_path,
                 "write query number, total, then id:score of each hit, a line per query");
  std::string times_path;
  app.add_option("--times", times_path,
                 "write query number, wall ms, CPU ms, kind and words of the timed pass, a line "
                 "per query");
  dateline::SearcherOptions options;
  app.add_option("--facet-memory", options.facet_memory,
                 "bytes for facet values and publication times kept decoded "
                 "(SearcherOptions::facet_memory; 0: read them from the index for every query)");
  app.add_option("--threads", options.search_threads,
                 "threads one search may use (SearcherOptions::search_threads; 1: the caller's "
                 "only)")
      ->check(CLI::Range(1u, 2u));
  bool stages = false;
  app.add_flag("--stages", stages,
               "print the mean time of each stage of a search (SearchResult::timings), over all "
               "queries and over the slowest 1%");
  CLI11_PARSE(app, argc, argv);

  try {
    dateline::Searcher searcher(indexes, options);
    auto queries = dateline::bench::read_bench_queries(queries_path);
    std::ofstream hits;
    if (!hits_path.empty()) {
      hits.open(hits_path);
      if (!hits) throw dateline::Error("cannot write " + hits_path);
    }
    std::size_t calls = 0;
    std::vector<dateline::SearchTimings> timings;  // of the timed pass
    auto samples =
        dateline::bench::time_queries(queries, [&](const dateline::bench::BenchQuery& query) {
          auto request = dateline::bench::dateline_request(query, rich);
          if (no_feedback) request.ranking.feedback_documents = 0;
          request.ranking.feedback_depth = feedback_depth;
          request.facet_exact_limit = facet_exact_limit;
          request.recency_half_life_days = recency;
          if (significance) request.facet_order = dateline::FacetOrder::significance;
          if (passages) request.passages = *passages;
          if (facets) {
            request.facets.clear();
            std::stringstream list(*facets);
            for (std::string name; std::getline(list, name, ',');) {
              if (!name.empty()) request.facets.push_back(name);
            }
          }
          request.exact_total = exact;
          auto result = searcher.search(request);
          // The second call of each query is the timed pass.
          if (calls++ < queries.size()) return;
          timings.push_back(result.timings);
          if (!hits.is_open()) return;
          hits << calls - queries.size() << '\t' << result.total;
          for (const auto& hit : result.hits) {
            // The passages and highlights shown, as one hash.
            std::string shown;
            for (const auto& mark : hit.title_highlights) {
              shown += std::to_string(mark.begin) + '-' + std::to_string(mark.end) + ' ';
            }
            for (const auto& passage : hit.passages) {
              shown += '|' + std::to_string(passage.paragraph) + ':' + passage.text + ':' +
                       std::to_string(passage.score);
              for (const auto& mark : passage.highlights) {
                shown += ' ' + std::to_string(mark.begin) + '-' + std::to_string(mark.end);
              }
            }
            hits << '\t' << hit.id << ':' << hit.score << ':' << std::hex
                 << std::hash<std::string>{}(shown) << std::dec;
          }
          for (const auto& facet : result.facets) {
            hits << '\t' << facet.field << '=' << facet.examined << (facet.exact ? "" : "~");
            for (const auto& value : facet.values) {
              hits << ',' << value.value << '/' << value.label << ':' << value.count;
              if (!facet.exact) hits << '[' << value.lower << '-' << value.upper << ']';
            }
          }
          hits << '\n';
        });
    if (!times_path.empty()) {
      std::ofstream times(times_path);
      for (std::size_t i = 0; i < queries.size() && i < samples.wall.size(); ++i) {
        times << i + 1 << '\t' << samples.wall[i] * 1000 << '\t' << samples.cpu[i] * 1000 << '\t'
              << queries[i].kind << '\t';
        for (const auto& word : queries[i].words) times << word << ' ';
        times << queries[i].from << ' ' << queries[i].to << '\n';
      }
      if (!times) throw dateline::Error("cannot write " + times_path);
    }
    dateline::bench::print_latency(std::move(samples));
    if (stages && !timings.empty()) {
      auto print = [](const char* label, const std::vector<dateline::SearchTimings>& all,
                      std::size_t count) {
        dateline::SearchTimings sum;
        for (std::size_t k = 0; k < count; ++k) {
          sum.match += all[k].match;
          sum.facets += all[k].facets;
          sum.feedback += all[k].feedback;
          sum.hits += all[k].hits;
          sum.suggest += all[k].suggest;
          sum.other += all[k].other;
          sum.total += all[k].total;
        }
        const auto n = static_cast<double>(count);
        std::printf(
            "%s match %.4f facets %.4f feedback %.4f hits %.4f suggest %.4f other %.4f total "
            "%.4f\n",
            label, sum.match / n, sum.facets / n, sum.feedback / n, sum.hits / n, sum.suggest / n,
            sum.other / n, sum.total / n);
      };
      print("stages_mean_ms", timings, timings.size());
      std::sort(timings.begin(), timings.end(),
                [](const auto& a, const auto& b) { return a.total > b.total; });
      print("stages_slowest_1pct_ms", timings, std::max<std::size_t>(1, timings.size() / 100));
    }
  } catch (const dateline::Error& error) {
    std::fprintf(stderr, "dateline-latency: %s\n", error.what());
    return 1;
  }
  return 0;
}

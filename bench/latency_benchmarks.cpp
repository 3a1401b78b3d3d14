// dateline-latency-benchmarks (issue 4): query latency percentiles with
// Google Benchmark, Dateline and plain Xapian side by side in one process,
// on the bench/compare query set (words, two-word ORs, phrases, words within
// a date range). See bench/README.md.
//
// Configurations (one benchmark each):
//   dateline/plain              dateline::Searcher, top 10, no passages, no facets
//   dateline/passages+facets    the same with 2 passages per hit and the date,
//                               person, org, place and topic facets
//   xapian/plain                QueryParser + Enquire, top 10 (xapian-baseline)
//   xapian/snippet              the same with MSet::snippet of each hit's body
//   dateline/process, xapian/process
//                               one whole process per query (dateline-search
//                               --passages 0, xapian-baseline query), for the
//                               first DATELINE_BENCH_PROCESS_QUERIES queries
//
// Inputs, as arguments (before Google Benchmark's own) or environment:
//   --index=DIR     DATELINE_BENCH_INDEX     a Dateline index (dateline-index add)
//   --xapian=DIR    DATELINE_BENCH_XAPIAN    a xapian-baseline database
//   --queries=FILE  DATELINE_BENCH_QUERIES   default bench/compare_queries.tsv
//   --per-query=FILE DATELINE_BENCH_PER_QUERY write every timing (TSV), to find the tail
//   --passes=N      DATELINE_BENCH_PASSES    timed passes over the set (default 1)
// A configuration whose index is not given is skipped with a message.
//
// Each benchmark makes one untimed pass over the queries (to warm caches and
// the searcher), then times every query of `passes` passes; the counters
// p50_ms, p95_ms, p99_ms and max_ms are nearest-rank percentiles over those
// per-query times (Google Benchmark's own "Time" is per pass), and
// cpu_p50_ms, cpu_p95_ms, cpu_p99_ms the same over the CPU time per query
// (this process's, or the child process's for the process benchmarks), which
// a loaded machine disturbs much less. --per-query writes
// "configuration, query number, kind, query, wall ms, CPU ms" lines.
// Nothing here asserts a time.

#include <benchmark/benchmark.h>
#include <fcntl.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <fstream>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "dateline/query/searcher.h"
#include "eval_support.h"
#include "latency_queries.h"

extern char** environ;

namespace {

struct Settings {
  std::string index;
  std::string xapian;
  std::string queries = DATELINE_SOURCE_DIR "/bench/compare_queries.tsv";
  std::string per_query;
  std::size_t passes = 1;
  std::size_t process_queries = 50;
};

Settings& settings() {
  static Settings s;
  return s;
}

const std::vector<dateline::bench::BenchQuery>& queries() {
  static const auto all = dateline::bench::read_bench_queries(settings().queries);
  return all;
}

std::string describe(const dateline::bench::BenchQuery& query) {
  std::string text;
  for (const auto& word : query.words) text += (text.empty() ? "" : " ") + word;
  if (!query.from.empty()) text += " [" + query.from + ".." + query.to + "]";
  return text;
}

// CPU time of this process, in milliseconds (the benchmark runs one query at
// a time, so all of it is the query's, the Searcher's facet thread
// included): on a loaded machine it shows the work a query does without the
// time spent waiting for a core.
double process_cpu_ms() {
  timespec now{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
  return static_cast<double>(now.tv_sec) * 1e3 + static_cast<double>(now.tv_nsec) / 1e6;
}

double percentile(std::vector<double> ms, double p) {
  if (ms.empty()) return 0;
  std::sort(ms.begin(), ms.end());
  auto rank = static_cast<std::size_t>(std::ceil(p / 100.0 * static_cast<double>(ms.size())));
  return ms[std::max<std::size_t>(rank, 1) - 1];
}

// Runs one query. Returns the CPU milliseconds the query took in another
// process, or a negative number when it ran in this one (whose CPU time is
// then measured).
using Run = std::function<double(const dateline::bench::BenchQuery&)>;

// Time `run` over the query set (first `limit` queries), as described above.
void time_set(benchmark::State& state, const std::string& name, const Run& run,
              std::size_t limit = 0) {
  const auto& all = queries();
  std::size_t count = limit == 0 ? all.size() : std::min(limit, all.size());
  for (std::size_t q = 0; q < count; ++q) run(all[q]);  // untimed warm-up pass
  std::vector<double> ms, cpu_ms;
  std::vector<std::size_t> which;
  for (auto _ : state) {
    for (std::size_t q = 0; q < count; ++q) {
      double cpu_start = process_cpu_ms();
      auto start = std::chrono::steady_clock::now();
      double child_cpu = run(all[q]);
      std::chrono::duration<double, std::milli> elapsed = std::chrono::steady_clock::now() - start;
      ms.push_back(elapsed.count());
      cpu_ms.push_back(child_cpu >= 0 ? child_cpu : process_cpu_ms() - cpu_start);
      which.push_back(q);
    }
  }
  state.SetItemsProcessed(static_cast<int64_t>(ms.size()));
  state.counters["queries"] = static_cast<double>(count);
  state.counters["p50_ms"] = percentile(ms, 50);
  state.counters["p95_ms"] = percentile(ms, 95);
  state.counters["p99_ms"] = percentile(ms, 99);
  state.counters["max_ms"] = percentile(ms, 100);
  state.counters["cpu_p50_ms"] = percentile(cpu_ms, 50);
  state.counters["cpu_p95_ms"] = percentile(cpu_ms, 95);
  state.counters["cpu_p99_ms"] = percentile(cpu_ms, 99);
  if (!settings().per_query.empty()) {
    std::ofstream out(settings().per_query, std::ios::app);
    for (std::size_t k = 0; k < ms.size(); ++k) {
      const auto& query = all[which[k]];
      out << name << '\t' << which[k] << '\t' << query.kind << '\t' << describe(query) << '\t'
          << ms[k] << '\t' << cpu_ms[k] << '\n';
    }
  }
}

void dateline_in_process(benchmark::State& state, bool rich) {
  if (settings().index.empty()) {
    state.SkipWithError("no Dateline index: give --index=DIR or DATELINE_BENCH_INDEX");
    return;
  }
  dateline::Searcher searcher(settings().index);
  time_set(state, rich ? "dateline/passages+facets" : "dateline/plain",
           [&](const dateline::bench::BenchQuery& query) {
             auto result = searcher.search(dateline::bench::dateline_request(query, rich));
             benchmark::DoNotOptimize(result.hits.data());
             return -1.0;
           });
}

void xapian_in_process(benchmark::State& state, bool snippets) {
  if (settings().xapian.empty()) {
    state.SkipWithError("no Xapian database: give --xapian=DIR or DATELINE_BENCH_XAPIAN");
    return;
  }
  auto runner = dateline::bench::open_xapian_queries(settings().xapian, snippets);
  time_set(state, snippets ? "xapian/snippet" : "xapian/plain",
           [&](const dateline::bench::BenchQuery& query) {
             auto ids = runner(query);
             benchmark::DoNotOptimize(ids.data());
             return -1.0;
           });
}

// Run a program with stdout and stderr on /dev/null; any exit status but a
// failure to start counts (dateline-search exits 4 when nothing matches).
// Returns the child's CPU time (user + system) in milliseconds.
double spawn_quietly(std::vector<std::string> args) {
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
  std::vector<char*> argv;
  for (auto& arg : args) argv.push_back(arg.data());
  argv.push_back(nullptr);
  pid_t pid = 0;
  int error = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (error != 0) throw std::runtime_error("cannot start " + args[0] + ": " + std::strerror(error));
  int status = 0;
  rusage usage{};
  wait4(pid, &status, 0, &usage);
  if (!WIFEXITED(status) || WEXITSTATUS(status) == 127) {
    throw std::runtime_error(args[0] + " failed");
  }
  auto ms = [](const timeval& t) {
    return static_cast<double>(t.tv_sec) * 1e3 + static_cast<double>(t.tv_usec) / 1e3;
  };
  return ms(usage.ru_utime) + ms(usage.ru_stime);
}

void dateline_process(benchmark::State& state) {
  if (settings().index.empty()) {
    state.SkipWithError("no Dateline index: give --index=DIR or DATELINE_BENCH_INDEX");
    return;
  }
  time_set(
      state, "dateline/process",
      [&](const dateline::bench::BenchQuery& query) {
        auto request = dateline::bench::dateline_request(query, false);
        std::vector<std::string> args{DATELINE_SEARCH_PROGRAM, "--index", settings().index,
                                      "--passages", "0"};
        if (!request.from.empty()) args.insert(args.end(), {"--from", request.from});
        if (!request.to.empty()) args.insert(args.end(), {"--to", request.to});
        args.insert(args.end(), {"--", request.query});
        return spawn_quietly(args);
      },
      settings().process_queries);
}

void xapian_process(benchmark::State& state) {
  if (settings().xapian.empty()) {
    state.SkipWithError("no Xapian database: give --xapian=DIR or DATELINE_BENCH_XAPIAN");
    return;
  }
  time_set(
      state, "xapian/process",
      [&](const dateline::bench::BenchQuery& query) {
        std::string words;
        for (const auto& word : query.words) words += (words.empty() ? "" : " ") + word;
        std::vector<std::string> args{XAPIAN_BASELINE_PROGRAM, "query",    "--db",
                                      settings().xapian,       query.kind, words};
        if (query.kind == "date") args.insert(args.end(), {query.from, query.to});
        return spawn_quietly(args);
      },
      settings().process_queries);
}

// Take our options (--name=value) out of argv, falling back on the
// environment, before Google Benchmark sees the rest.
void read_settings(int& argc, char** argv) {
  auto env = [](const char* name, std::string& into) {
    if (const char* value = std::getenv(name); value != nullptr && *value != '\0') into = value;
  };
  Settings& s = settings();
  env("DATELINE_BENCH_INDEX", s.index);
  env("DATELINE_BENCH_XAPIAN", s.xapian);
  env("DATELINE_BENCH_QUERIES", s.queries);
  env("DATELINE_BENCH_PER_QUERY", s.per_query);
  std::string passes = std::to_string(s.passes), process = std::to_string(s.process_queries);
  env("DATELINE_BENCH_PASSES", passes);
  env("DATELINE_BENCH_PROCESS_QUERIES", process);
  int kept = 1;
  for (int k = 1; k < argc; ++k) {
    std::string arg = argv[k];
    auto take = [&](const char* prefix, std::string& into) {
      if (!arg.starts_with(prefix)) return false;
      into = arg.substr(std::strlen(prefix));
      return true;
    };
    if (take("--index=", s.index) || take("--xapian=", s.xapian) || take("--queries=", s.queries) ||
        take("--per-query=", s.per_query) || take("--passes=", passes) ||
        take("--process-queries=", process)) {
      continue;
    }
    argv[kept++] = argv[k];
  }
  argc = kept;
  s.passes = std::max<std::size_t>(1, std::stoul(passes));
  s.process_queries = std::stoul(process);
}

}  // namespace

int main(int argc, char** argv) {
  read_settings(argc, argv);
  auto passes = static_cast<benchmark::IterationCount>(settings().passes);
  auto add = [&](const char* name, auto&& function) {
    benchmark::RegisterBenchmark(name, function)
        ->Iterations(passes)
        ->Unit(benchmark::kMillisecond)
        ->UseRealTime();
  };
  add("dateline/plain", [](benchmark::State& state) { dateline_in_process(state, false); });
  add("xapian/plain", [](benchmark::State& state) { xapian_in_process(state, false); });
  add("dateline/passages+facets",
      [](benchmark::State& state) { dateline_in_process(state, true); });
  add("xapian/snippet", [](benchmark::State& state) { xapian_in_process(state, true); });
  if (settings().process_queries > 0) {
    add("dateline/process", dateline_process);
    add("xapian/process", xapian_process);
  }
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 2;
  try {
    benchmark::RunSpecifiedBenchmarks();
  } catch (const std::exception& error) {
    std::fprintf(stderr, "dateline-latency-benchmarks: %s\n", error.what());
    return 1;
  }
  benchmark::Shutdown();
  return 0;
}

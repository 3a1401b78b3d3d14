// Searches run continuously while dateline-index adds, replaces and deletes
// articles and while `dateline-index rebuild` swaps the index. Every article
// "pair-K" has a marker "mark-K" written in the same commit (one `add` of a
// two-line file, one `delete` of both ids, one rebuild): a search that sees
// one without the other, or the two at different versions, saw a state that
// was never committed. No search may fail.

#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "../unit/indexer/test_support.h"
#include "dateline/query/searcher.h"

namespace dateline {
namespace {

constexpr int writer_steps = 30;
// Searches go on until the writer is done; this only bounds a runaway loop.
constexpr int max_searches_per_thread = 200000;

struct Pairs {
  std::map<int, int> version;  // pair number -> version, as committed
};

std::string pair_lines(int number, int version) {
  auto line = [&](const char* kind) {
    return std::string("{\"id\":\"") + kind + "-" + std::to_string(number) + "\",\"title\":\"" +
           kind + " " + std::to_string(number) + " version " + std::to_string(version) +
           "\",\"source\":\"" + kind + "s\",\"body\":\"consistencyprobe " + kind + " number " +
           std::to_string(number) + " at version " + std::to_string(version) + " of " +
           std::to_string(number * 7919 + version) + "\"}\n";
  };
  return line("pair") + line("mark");
}

// `count` articles of source "bulk" that also match the probe, each with
// words of its own (no near-duplicates). The probe is in their titles too,
// where it weighs more: once the ranked pass has enough of them it skips
// the pairs, which have it only in their text, and does not see every
// match.
std::string bulk_lines(int count) {
  std::string lines;
  for (int k = 0; k < count; ++k) {
    lines += "{\"id\":\"bulk-" + std::to_string(k) + "\",\"title\":\"consistencyprobe bulk " +
             std::to_string(k) + "\",\"source\":\"bulk\",\"body\":\"consistencyprobe filler b" +
             std::to_string(k) + "x b" + std::to_string(k * 31) + "y\"}\n";
  }
  return lines;
}

int run(const std::string& command) { return std::system((command + " >/dev/null 2>&1").c_str()); }

// What one search saw: for each pair number, the versions of its two halves.
std::string check_consistent(const SearchResult& result) {
  std::map<std::string, std::map<int, std::string>> seen;  // kind -> number -> title version
  for (const Hit& hit : result.hits) {
    auto dash = hit.id.find('-');
    if (dash == std::string::npos) return "unexpected id " + hit.id;
    std::string kind = hit.id.substr(0, dash);
    int number = std::stoi(hit.id.substr(dash + 1));
    seen[kind][number] = hit.title.substr(hit.title.rfind(' ') + 1);
  }
  if (seen["pair"].size() != seen["mark"].size()) {
    return std::to_string(seen["pair"].size()) + " articles but " +
           std::to_string(seen["mark"].size()) + " markers";
  }
  for (const auto& [number, version] : seen["pair"]) {
    auto mark = seen["mark"].find(number);
    if (mark == seen["mark"].end()) return "pair-" + std::to_string(number) + " without its marker";
    if (mark->second != version) {
      return "pair-" + std::to_string(number) + " at version " + version + ", marker at " +
             mark->second;
    }
  }
  if (result.total != result.hits.size()) {
    return "total " + std::to_string(result.total) + " but " + std::to_string(result.hits.size()) +
           " hits";
  }
  return "";
}

// Searches with `request` in two threads while a writer adds, replaces and
// deletes pairs and rebuilds the index (which also holds `bulk` articles);
// `check` says what is wrong with a result, or "".
void search_while_writing(int bulk, const SearchRequest& request,
                          const std::function<std::string(const SearchResult&)>& check,
                          const std::function<std::size_t(const Pairs&)>& final_hits) {
  testing::TempDir dir;
  const std::string indexer = DATELINE_INDEX_BINARY;
  const std::string index = (dir.path() / "index").string();
  Pairs pairs;
  int next_number = 0;
  if (bulk > 0) {
    auto file = dir.write("bulk.jsonl", bulk_lines(bulk));
    ASSERT_EQ(run(indexer + " add --quiet --index " + index + " " + file.string()), 0);
  }
  auto add_pair = [&](int number, int version) {
    auto file = dir.write("step.jsonl", pair_lines(number, version));
    ASSERT_EQ(run(indexer + " add --quiet --index " + index + " " + file.string()), 0);
    pairs.version[number] = version;
  };
  for (int k = 0; k < 5; ++k) add_pair(next_number++, 0);

  std::atomic<bool> done = false;
  std::mutex mutex;
  std::vector<std::string> failures;
  std::atomic<std::size_t> searches = 0;
  auto record = [&](const std::string& failure) {
    std::lock_guard lock(mutex);
    if (failures.size() < 10) failures.push_back(failure);
  };
  // One thread keeps one Searcher across commits and rebuilds; the other opens
  // a new one for every search, as dateline-search does.
  auto search_loop = [&](bool reuse) {
    std::optional<Searcher> searcher;
    for (int k = 0; k < max_searches_per_thread && !done; ++k) {
      try {
        if (!reuse || !searcher) searcher.emplace(index);
        SearchResult result = searcher->search(request);
        std::string problem = check(result);
        if (!problem.empty()) record("inconsistent: " + problem);
        ++searches;
      } catch (const std::exception& error) {
        record(std::string("search failed: ") + error.what());
      }
    }
  };
  std::thread reusing(search_loop, true);
  std::thread fresh(search_loop, false);

  std::mt19937 random(8);
  auto existing = [&] {
    auto it = pairs.version.begin();
    std::advance(it, static_cast<long>(random() % pairs.version.size()));
    return it->first;
  };
  for (int step = 0; step < writer_steps; ++step) {
    switch (step % 5) {
      case 0:
      case 1:
        add_pair(next_number++, 0);
        break;
      case 2: {
        int number = existing();
        add_pair(number, pairs.version[number] + 1);
        break;
      }
      case 3: {
        if (pairs.version.size() <= 2) break;
        int number = existing();
        std::string ids = " pair-" + std::to_string(number) + " mark-" + std::to_string(number);
        ASSERT_EQ(run(indexer + " delete --index " + index + ids), 0);
        pairs.version.erase(number);
        break;
      }
      case 4: {
        std::string corpus = bulk_lines(bulk);
        for (const auto& [number, version] : pairs.version) corpus += pair_lines(number, version);
        std::filesystem::remove_all(dir.path() / "corpus");
        dir.write("corpus/pairs.jsonl", corpus);
        ASSERT_EQ(run(indexer + " rebuild --quiet --index " + index + " --corpus " +
                      (dir.path() / "corpus").string()),
                  0);
        break;
      }
    }
  }
  done = true;
  reusing.join();
  fresh.join();

  std::lock_guard lock(mutex);
  for (const auto& failure : failures) ADD_FAILURE() << failure;
  EXPECT_GT(searches.load(), 0u);
  // The final state is exactly what the writer committed.
  Searcher searcher(index);
  SearchResult result = searcher.search(request);
  EXPECT_EQ(check(result), "");
  EXPECT_EQ(result.hits.size(), final_hits(pairs));
  std::printf("%zu searches during %d writer steps\n", searches.load(), writer_steps);
}

TEST(Concurrency, SearchesSeeOnlyCommittedStatesWhileIndexingAndRebuilding) {
  SearchRequest request;
  request.query = "consistencyprobe";
  request.limit = 10000;
  request.passages = 0;
  request.collapse = false;
  request.suggest = false;
  request.exact_total = true;
  search_while_writing(0, request, check_consistent,
                       [](const Pairs& pairs) { return pairs.version.size() * 2; });
}

TEST(Concurrency, FacetsCountedOnTheSecondThreadAreOfTheCommittedState) {
  // More matches than the ranked pass sees: the facets are counted on the
  // Searcher's second thread, with its own handle on the index, which must
  // count the same commit as the ranked pass, through commits and rebuilds.
  constexpr int bulk = 1200;
  SearchRequest request;
  request.query = "consistencyprobe";
  request.limit = 5;
  request.passages = 0;
  request.suggest = false;
  request.facets = {"source"};
  // Collapsing (the default) leaves Xapian's bounds on the matches loose,
  // so the ranked pass cannot tell it saw every match, and the second
  // thread's count is taken.
  auto check = [](const SearchResult& result) -> std::string {
    if (result.facets.size() != 1 || !result.facets[0].exact) return "facets not exact";
    std::map<std::string, std::uint64_t> sources;
    for (const auto& value : result.facets[0].values) sources[value.value] = value.count;
    if (sources["bulk"] != bulk) return "bulk counted " + std::to_string(sources["bulk"]);
    if (sources["pairs"] != sources["marks"]) {
      return std::to_string(sources["pairs"]) + " articles but " +
             std::to_string(sources["marks"]) + " markers counted";
    }
    if (result.facets[0].examined != bulk + sources["pairs"] + sources["marks"]) {
      return "examined " + std::to_string(result.facets[0].examined);
    }
    // The ranked pass's upper bound for one word is the number of articles
    // that hold it, in the commit it searched.
    if (result.facets[0].examined > result.total_upper) {
      return "facets of " + std::to_string(result.facets[0].examined) + " articles, " +
             std::to_string(result.total_upper) + " in the index searched";
    }
    return "";
  };
  search_while_writing(bulk, request, check, [](const Pairs&) { return std::size_t{5}; });
}

}  // namespace
}  // namespace dateline

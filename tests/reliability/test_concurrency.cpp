// Searches run continuously while dateline-index adds, replaces and deletes
// articles and while `dateline-index rebuild` swaps the index. Every article
// "pair-K" has a marker "mark-K" written in the same commit (one `add` of a
// two-line file, one `delete` of both ids, one rebuild): a search that sees
// one without the other, or the two at different versions, saw a state that
// was never committed. No search may fail.

#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <map>
#include <mutex>
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
constexpr int max_searches_per_thread = 3000;

struct Pairs {
  std::map<int, int> version;  // pair number -> version, as committed
};

std::string pair_lines(int number, int version) {
  auto line = [&](const char* kind) {
    return std::string("{\"id\":\"") + kind + "-" + std::to_string(number) + "\",\"title\":\"" +
           kind + " " + std::to_string(number) + " version " + std::to_string(version) +
           "\",\"body\":\"consistencyprobe " + kind + " number " + std::to_string(number) +
           " at version " + std::to_string(version) + " of " +
           std::to_string(number * 7919 + version) + "\"}\n";
  };
  return line("pair") + line("mark");
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

TEST(Concurrency, SearchesSeeOnlyCommittedStatesWhileIndexingAndRebuilding) {
  testing::TempDir dir;
  const std::string indexer = DATELINE_INDEX_BINARY;
  const std::string index = (dir.path() / "index").string();
  Pairs pairs;
  int next_number = 0;
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
  SearchRequest request;
  request.query = "consistencyprobe";
  request.limit = 10000;
  request.passages = 0;
  request.collapse = false;
  request.suggest = false;
  request.exact_total = true;
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
        std::string problem = check_consistent(result);
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
        std::string corpus;
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
  EXPECT_EQ(check_consistent(result), "");
  EXPECT_EQ(result.hits.size(), pairs.version.size() * 2);
  std::printf("%zu searches during %d writer steps\n", searches.load(), writer_steps);
}

}  // namespace
}  // namespace dateline

// Language detection accuracy on the shared corpora, and indexing throughput
// with detection on and off. Informs bench/RESULTS.md; never runs as a test.
//   language_bench [THREADS]
#include <chrono>
#include <cstdio>
#include <map>

#include "../indexer/test_support.h"
#include "dateline/indexer/index_writer.h"
#include "language_detector.h"
#include "shared_corpora.h"

using namespace dateline;

namespace {

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// Index `articles` (languages cleared) and return articles per second.
double index_rate(const std::vector<Article>& articles, bool detect, unsigned threads) {
  dateline::testing::TempDir directory;
  auto start = std::chrono::steady_clock::now();
  {
    IndexWriter writer(directory.path() / "index", IndexOptions{threads, 100000, detect});
    for (const auto& article : articles) writer.add(article);
    writer.commit();
  }
  return static_cast<double>(articles.size()) / seconds_since(start);
}

}  // namespace

int main(int argc, char** argv) {
  unsigned threads = argc > 1 ? static_cast<unsigned>(std::stoul(argv[1])) : 1;
  auto blurbs = dateline::testing::read_itn_blurbs();
  auto german = dateline::testing::read_10kgnad();
  if (blurbs.empty() || german.empty()) {
    std::fprintf(stderr, "language_bench: shared data absent under %s\n",
                 dateline::testing::shared_data().c_str());
    return 1;
  }

  std::map<std::string, std::pair<std::size_t, std::size_t>> by_language;
  std::size_t right = 0;
  std::size_t bytes = 0;
  auto start = std::chrono::steady_clock::now();
  for (const auto& blurb : blurbs) {
    std::string given = normalize_language(blurb.language);
    bool ok = indexer::detect_language(blurb.text) == given;
    auto& [total, correct] = by_language[given];
    ++total;
    correct += ok ? 1 : 0;
    right += ok ? 1 : 0;
    bytes += blurb.text.size();
  }
  double blurb_seconds = seconds_since(start);
  std::printf("ITN blurbs: %zu/%zu = %.1f%% (%.2f MB/s)\n", right, blurbs.size(),
              100.0 * static_cast<double>(right) / static_cast<double>(blurbs.size()),
              static_cast<double>(bytes) / 1e6 / blurb_seconds);
  for (const auto& [language, counts] : by_language) {
    if (counts.first < 14) continue;
    std::printf("  %-4s %4zu  %5.1f%%\n", language.c_str(), counts.first,
                100.0 * static_cast<double>(counts.second) / static_cast<double>(counts.first));
  }

  std::size_t german_right = 0;
  std::map<std::string, std::size_t> german_wrong;
  for (const auto& row : german) {
    std::string detected = indexer::detect_language(row.text);
    if (detected == "de") {
      ++german_right;
    } else {
      ++german_wrong[detected.empty() ? "(none)" : detected];
    }
  }
  std::printf("10kGNAD German: %zu/%zu = %.1f%%", german_right, german.size(),
              100.0 * static_cast<double>(german_right) / static_cast<double>(german.size()));
  for (const auto& [language, count] : german_wrong)
    std::printf(" %s:%zu", language.c_str(), count);
  std::printf("\n");

  // Indexing throughput: the German articles and the blurbs, no language
  // given, so every one is detected (on) or analysed as English (off).
  std::vector<Article> articles;
  for (std::size_t k = 0; k < german.size(); ++k) {
    Article article;
    article.id = "gnad-" + std::to_string(k);
    article.paragraphs = {german[k].text};
    articles.push_back(std::move(article));
  }
  for (std::size_t k = 0; k < blurbs.size(); ++k)
    articles.push_back(dateline::testing::blurb_article(blurbs[k], k, false));
  index_rate(articles, true, threads);  // warm caches and the entity model
  for (int round = 0; round < 3; ++round) {
    double off = index_rate(articles, false, threads);
    double on = index_rate(articles, true, threads);
    std::printf("indexing %zu articles, %u thread(s): detection off %.0f/s, on %.0f/s\n",
                articles.size(), threads, off, on);
  }
  return 0;
}

// Throughput of the near-duplicate fingerprint (minhash_signature plus
// band_terms, the work added to each analysis worker): reads the files named
// on the command line as one article each, one paragraph a line, and prints
// articles/s and MB/s. Usage: near_duplicates_throughput FILE...

#include <chrono>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "near_duplicates.h"

int main(int argc, char** argv) {
  std::vector<dateline::Article> articles;
  std::size_t bytes = 0;
  for (int k = 1; k < argc; ++k) {
    std::ifstream in(argv[k]);
    dateline::Article article;
    for (std::string line; std::getline(in, line);) {
      if (line.empty()) continue;
      bytes += line.size();
      article.paragraphs.push_back(line);
    }
    articles.push_back(std::move(article));
  }
  if (bytes == 0) {
    std::fprintf(stderr, "usage: near_duplicates_throughput FILE...\n");
    return 2;
  }
  std::size_t done = 0, scanned = 0, terms = 0;
  auto start = std::chrono::steady_clock::now();
  while (scanned < (std::size_t{50} << 20)) {
    for (const auto& article : articles) {
      terms += dateline::indexer::band_terms(dateline::indexer::minhash_signature(article)).size();
      ++done;
    }
    scanned += bytes;
  }
  std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
  std::printf("%zu articles (%zu MB) in %.2f s: %.0f articles/s, %.1f MB/s, %zu band terms\n", done,
              scanned >> 20, elapsed.count(), double(done) / elapsed.count(),
              double(scanned) / 1e6 / elapsed.count(), terms);
  return 0;
}

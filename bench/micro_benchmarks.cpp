// Google Benchmark micro-benchmarks for the hot paths (issue 6): tokenising
// and analysing an article, tagging entities, finding mentioned dates,
// parsing a query, choosing passages and highlighting; tagging an article
// of growing length (tag_long_article, with its complexity). Input: the seed
// article from corpus/ (so they run without ../shared). Figures go to
// bench/RESULTS.md; nothing here gates a build.
//
//   build/release/bench/dateline-micro-benchmarks --benchmark_min_time=1
//
// count_facet_packs counts the facet packs of 5,000 articles spread over an
// index, as a facet request over 5,000 matches does once they are read;
// it needs the index: DATELINE_INDEX=PATH (skipped without).

#include <benchmark/benchmark.h>

#include <xapian.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "dateline/common/mentioned_dates.h"
#include "dateline/common/schema.h"
#include "dateline/common/text.h"
#include "dateline/detail/analyzer.h"
#include "dateline/detail/facet_spy.h"
#include "dateline/indexer/reader.h"
#include "document_builder.h"
#include "ner/entities.h"
#include "passages.h"
#include "query_parser.h"

namespace {

struct Keep : dateline::ArticleSink {
  std::vector<dateline::Article> articles;
  void article(dateline::Article&& a) override { articles.push_back(std::move(a)); }
  void skip(dateline::Skip&&) override {}
};

const dateline::Article& seed() {
  static const dateline::Article article = [] {
    Keep keep;
    dateline::read_path(std::filesystem::path(DATELINE_SOURCE_DIR) / "corpus/seed",
                        dateline::InputFormat::automatic, dateline::ReaderLimits{}, keep);
    return keep.articles.at(0);
  }();
  return article;
}

std::string body_text() {
  std::string text;
  for (const auto& paragraph : seed().paragraphs) text += paragraph + "\n";
  return text;
}

void tokenize_article(benchmark::State& state) {
  std::string text = body_text();
  for (auto _ : state) benchmark::DoNotOptimize(dateline::tokenize(text));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}
BENCHMARK(tokenize_article);

void build_document(benchmark::State& state) {
  dateline::detail::Analyzers analyzers;
  std::size_t bytes = seed().text_size();
  for (auto _ : state)
    benchmark::DoNotOptimize(dateline::indexer::build_document(seed(), analyzers));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(build_document);

void tag_entities(benchmark::State& state) {
  if (dateline::ner::default_model() == nullptr) {
    state.SkipWithError("no NER model found");
    return;
  }
  std::size_t tokens = dateline::tokenize(body_text()).size();
  for (auto _ : state) benchmark::DoNotOptimize(dateline::ner::find_entities(seed()));
  state.counters["tokens/s"] = benchmark::Counter(static_cast<double>(tokens),
                                                  benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(tag_entities);

// The seed article's paragraphs repeated state.range(0) times: the tagger's
// cost per token must not grow with the article (a 2.7 MB text took 50 s
// when surnames and repeated phrases were matched against every mention).
void tag_long_article(benchmark::State& state) {
  if (dateline::ner::default_model() == nullptr) {
    state.SkipWithError("no NER model found");
    return;
  }
  dateline::Article article = seed();
  for (std::int64_t copy = 1; copy < state.range(0); ++copy) {
    for (const auto& paragraph : seed().paragraphs) article.paragraphs.push_back(paragraph);
  }
  std::size_t tokens = 0;
  for (const auto& paragraph : article.paragraphs) tokens += dateline::tokenize(paragraph).size();
  for (auto _ : state) benchmark::DoNotOptimize(dateline::ner::find_entities(article));
  state.counters["tokens/s"] = benchmark::Counter(static_cast<double>(tokens),
                                                  benchmark::Counter::kIsIterationInvariantRate);
  state.SetComplexityN(static_cast<std::int64_t>(tokens));
}
BENCHMARK(tag_long_article)->RangeMultiplier(4)->Range(1, 256)->Complexity();

void mentioned_dates(benchmark::State& state) {
  std::string text = body_text();
  dateline::CivilDate published{2022, 3, 11};
  for (auto _ : state) benchmark::DoNotOptimize(dateline::find_mentioned_dates(text, published));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}
BENCHMARK(mentioned_dates);

void parse_query(benchmark::State& state) {
  dateline::detail::Analyzer analyzer("en");
  const std::string query =
      "\"peace talks\" +ukraine -crimea negotiat* place:kyiv date:2022-02-24..2022-03-05 "
      "(refugees OR evacuees) talks NEAR/5 ceasefire";
  for (auto _ : state) benchmark::DoNotOptimize(dateline::query::parse_query(query, analyzer));
}
BENCHMARK(parse_query);

void choose_passages(benchmark::State& state) {
  dateline::detail::Analyzer analyzer("en");
  auto parsed = dateline::query::parse_query("refugees poland \"humanitarian aid\"", analyzer);
  for (auto _ : state) {
    benchmark::DoNotOptimize(
        dateline::query::choose_passages(seed().paragraphs, parsed.match, analyzer, 2));
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * seed().text_size()));
}
BENCHMARK(choose_passages);

void count_facet_packs(benchmark::State& state) {
  const char* path = std::getenv("DATELINE_INDEX");
  if (path == nullptr) {
    state.SkipWithError("set DATELINE_INDEX to an index to read facet packs from");
    return;
  }
  Xapian::Database db(path);
  std::vector<std::string> packs;
  const Xapian::docid step = std::max<Xapian::docid>(1, db.get_lastdocid() / 5000);
  for (auto value = db.valuestream_begin(dateline::schema::slot_facets);
       value != db.valuestream_end(dateline::schema::slot_facets); ++value) {
    if (value.get_docid() % step == 0) packs.push_back(*value);
  }
  for (auto _ : state) {
    dateline::detail::FacetSpy spy("plot");  // person, place, org, topic
    for (const auto& pack : packs) spy.count_pack(pack, 1);
    benchmark::DoNotOptimize(spy.counts().size());
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * packs.size()));
}
BENCHMARK(count_facet_packs);

}  // namespace

BENCHMARK_MAIN();

// dateline-eval-run: run a topics file through dateline::Searcher, as a
// user's queries, and write a TREC run file. The ranking options override
// the library's defaults, for tuning (bench/README.md).
//
// Exit status: 0 ok; 1 error (index, topics, a query the library rejected);
// 2 usage.

#include <CLI/CLI.hpp>

#include <cstdio>

#include "dateline/common/error.h"
#include "dateline/query/searcher.h"
#include "eval_support.h"

int main(int argc, char** argv) {
  CLI::App app{"dateline-eval-run: run topics through Dateline, write a TREC run"};
  std::string index, topics_path, run_path, tag = "dateline";
  std::size_t depth = 1000;
  dateline::Ranking ranking;
  std::string stopwords = ranking.skip_stopwords ? "skip" : "keep";
  std::string model = ranking.model == dateline::WeightingModel::bm25 ? "bm25" : "ineb2";
  app.add_option("--index", index, "Dateline index")->required();
  app.add_option("--topics", topics_path, "topics file, qid<TAB>query per line")->required();
  app.add_option("--run", run_path, "TREC run file to write")->required();
  app.add_option("--tag", tag, "run tag (last column)");
  app.add_option("--depth", depth, "hits per topic")->check(CLI::Range(1, 10000));
  app.add_option("--model", model, "term weighting: bm25 or ineb2")
      ->check(CLI::IsMember({"bm25", "ineb2"}))
      ->capture_default_str();
  app.add_option("--k1", ranking.k1, "BM25 k1")->capture_default_str();
  app.add_option("--b", ranking.b, "BM25 b")->capture_default_str();
  app.add_option("--title-weight", ranking.title_weight, "extra weight of title matches")
      ->capture_default_str();
  app.add_option("--stopwords", stopwords, "skip or keep stopwords in queries")
      ->check(CLI::IsMember({"skip", "keep"}))
      ->capture_default_str();
  app.add_option("--feedback-docs", ranking.feedback_documents,
                 "pseudo-relevance feedback from this many top hits (0: off)")
      ->capture_default_str();
  app.add_option("--feedback-terms", ranking.feedback_terms, "feedback terms added")
      ->capture_default_str();
  app.add_option("--feedback-weight", ranking.feedback_weight, "weight of the feedback terms")
      ->capture_default_str();
  app.add_option("--feedback-depth", ranking.feedback_depth,
                 "feedback re-ranks the top max(depth, this) hits")
      ->capture_default_str();
  CLI11_PARSE(app, argc, argv);
  ranking.skip_stopwords = stopwords == "skip";
  ranking.model =
      model == "bm25" ? dateline::WeightingModel::bm25 : dateline::WeightingModel::ineb2;

  try {
    dateline::Searcher searcher(index);
    dateline::bench::RunWriter run(run_path, tag);
    for (const auto& topic : dateline::bench::read_topics(topics_path)) {
      dateline::SearchRequest request;
      request.query = topic.text;
      request.limit = depth;
      request.passages = 0;
      request.suggest = false;
      request.ranking = ranking;
      dateline::SearchResult result;
      try {
        result = searcher.search(request);
      } catch (const dateline::QuerySyntaxError& error) {
        std::fprintf(stderr, "dateline-eval-run: topic %s: %s\n", topic.id.c_str(), error.what());
        return 1;
      }
      for (const auto& hit : result.hits) run.add(topic.id, hit.id, hit.rank, hit.score);
    }
  } catch (const dateline::Error& error) {
    std::fprintf(stderr, "dateline-eval-run: %s\n", error.what());
    return 1;
  }
  return 0;
}

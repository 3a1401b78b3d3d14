#include "latency_queries.h"

#include <xapian.h>

#include <memory>

namespace dateline::bench {

namespace {
std::string joined(const BenchQuery& query) {
  std::string text;
  const char* separator = query.kind == "or" ? " OR " : " ";
  for (const auto& word : query.words) text += (text.empty() ? "" : separator) + word;
  if (query.kind == "phrase") text = '"' + text + '"';
  return text;
}

constexpr Xapian::valueno xapian_date_slot = 0;
}  // namespace

SearchRequest dateline_request(const BenchQuery& query, bool rich) {
  SearchRequest request;
  request.query = joined(query);
  if (query.kind == "date") {
    request.from = query.from;
    request.to = query.to;
  }
  request.limit = 10;
  request.suggest = false;
  request.passages = rich ? 2 : 0;
  if (rich) request.facets = {"date", "person", "org", "place", "topic"};
  return request;
}

QueryRunner open_xapian_queries(const std::string& database, bool snippets) {
  struct State {
    Xapian::Database db;
    Xapian::QueryParser parser;
    Xapian::Enquire enquire;
    Xapian::Stem stem{"english"};
    explicit State(const std::string& path) : db(path), enquire(db) {
      parser.set_database(db);
      parser.set_stemmer(stem);
      parser.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
    }
  };
  auto state = std::make_shared<State>(database);
  return [state, snippets](const BenchQuery& query) {
    Xapian::Query parsed = state->parser.parse_query(joined(query));
    if (query.kind == "date") {
      parsed = Xapian::Query(
          Xapian::Query::OP_FILTER, parsed,
          Xapian::Query(Xapian::Query::OP_VALUE_RANGE, xapian_date_slot, query.from, query.to));
    }
    state->enquire.set_query(parsed);
    Xapian::MSet mset = state->enquire.get_mset(0, 10);
    std::vector<std::string> ids;
    for (auto it = mset.begin(); it != mset.end(); ++it) {
      std::string data = it.get_document().get_data();
      std::size_t newline = data.find('\n');
      ids.push_back(data.substr(0, newline));
      if (snippets) {
        std::string body = newline == std::string::npos ? "" : data.substr(newline + 1);
        std::string snippet = mset.snippet(body, 200, state->stem);
        if (snippet.empty()) ids.back() += ' ';  // keep the snippet from being optimised away
      }
    }
    return ids;
  };
}

}  // namespace dateline::bench

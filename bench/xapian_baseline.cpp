// xapian-baseline: plain Xapian, set up as its documentation shows, for
// comparison with Dateline. Not tuned: TermGenerator with the English
// Snowball stemmer, QueryParser with its default flags and STEM_SOME, and the
// default BM25 weighting. The documents come from Dateline's readers, so both
// systems index the same articles; title and body are indexed as one text.
// For bench/compare the document data also holds the body (after the id and
// a newline), for MSet::snippet, and value slot 0 the publication day
// "YYYY-MM-DD", for date ranges.
// Command line: see baseline_main() in eval_support.h.

#include <xapian.h>

#include <cstdio>

#include "eval_support.h"
#include "latency_queries.h"

namespace {

constexpr Xapian::valueno date_slot = 0;

std::string id_of(const std::string& data) { return data.substr(0, data.find('\n')); }

void index_articles(const std::string& path, const std::vector<dateline::Article>& articles) {
  Xapian::WritableDatabase db(path, Xapian::DB_CREATE_OR_OVERWRITE);
  Xapian::TermGenerator generator;
  generator.set_stemmer(Xapian::Stem("english"));
  for (const auto& article : articles) {
    Xapian::Document doc;
    generator.set_document(doc);
    generator.index_text(article.title);
    generator.increase_termpos();
    std::string body = dateline::bench::body_text(article);
    generator.index_text(body);
    doc.set_data(article.id + "\n" + body);
    if (article.published) doc.add_value(date_slot, article.published->day_string());
    std::string id_term = "Q" + article.id;
    doc.add_boolean_term(id_term);
    db.replace_document(id_term, doc);
  }
  db.commit();
}

void search_topics(const std::string& path, const std::vector<dateline::bench::Topic>& topics,
                   dateline::bench::RunWriter& run, std::size_t depth) {
  Xapian::Database db(path);
  Xapian::QueryParser parser;
  parser.set_database(db);
  parser.set_stemmer(Xapian::Stem("english"));
  parser.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
  Xapian::Enquire enquire(db);
  for (const auto& topic : topics) {
    enquire.set_query(parser.parse_query(topic.text));
    Xapian::MSet mset = enquire.get_mset(0, static_cast<Xapian::doccount>(depth));
    std::size_t rank = 0;
    for (auto it = mset.begin(); it != mset.end(); ++it) {
      run.add(topic.id, id_of(it.get_document().get_data()), ++rank, it.get_weight());
    }
  }
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return dateline::bench::baseline_main(
        argc, argv, "xapian-baseline", "plain Xapian for comparison with Dateline",
        {index_articles, search_topics, dateline::bench::open_xapian_queries});
  } catch (const Xapian::Error& error) {
    std::fprintf(stderr, "xapian-baseline: %s\n", error.get_description().c_str());
    return 1;
  }
}

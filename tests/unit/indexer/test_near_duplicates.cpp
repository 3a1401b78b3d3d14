// Near-duplicate clusters: labelled article pairs (tests/data/near_duplicates)
// scored by clustering precision and recall, and end-to-end runs of the
// IndexWriter checking the cluster key each article gets.

#include <gtest/gtest.h>
#include <unistd.h>
#include <xapian.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "dateline/common/schema.h"
#include "dateline/indexer/index_writer.h"
#include "dateline/indexer/sharded_index.h"
#include "document_builder.h"
#include "near_duplicates.h"

namespace dateline::indexer {
namespace {

const std::filesystem::path data_dir =
    std::filesystem::path(DATELINE_SOURCE_DIR) / "tests" / "data" / "near_duplicates";

// A test article file: the headline on the first line, then one paragraph a
// line (bylines included, as wire copies carry them in the body).
Article load(const std::string& name) {
  std::ifstream in(data_dir / name);
  EXPECT_TRUE(in) << "cannot read " << name;
  Article article;
  article.id = name.substr(0, name.find('.'));
  std::getline(in, article.title);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) article.paragraphs.push_back(line);
  }
  return article;
}

bool share_a_band(const Article& a, const Article& b) {
  auto terms_a = band_terms(minhash_signature(a));
  auto terms_b = band_terms(minhash_signature(b));
  return std::any_of(terms_a.begin(), terms_a.end(), [&](const std::string& term) {
    return std::find(terms_b.begin(), terms_b.end(), term) != terms_b.end();
  });
}

TEST(NearDuplicates, SignatureIsDeterministicAndNeedsText) {
  Article article = load("port_a.txt");
  EXPECT_EQ(minhash_signature(article), minhash_signature(article));
  auto terms = band_terms(minhash_signature(article));
  ASSERT_EQ(terms.size(), near_duplicate_bands);
  EXPECT_TRUE(terms[0].starts_with(schema::near_duplicate_band_prefix));
  Article short_article;
  short_article.paragraphs = {"Too short to fingerprint."};
  EXPECT_TRUE(minhash_signature(short_article).empty());
  EXPECT_TRUE(band_terms(minhash_signature(short_article)).empty());
}

TEST(NearDuplicates, LabelledPairs) {
  std::ifstream in(data_dir / "pairs.tsv");
  ASSERT_TRUE(in);
  std::size_t true_positive = 0, false_positive = 0, false_negative = 0, true_negative = 0;
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream columns(line);
    std::string first, second, label;
    std::getline(columns, first, '\t');
    std::getline(columns, second, '\t');
    std::getline(columns, label, '\t');
    Article a = load(first);
    Article b = load(second);
    bool expected = label == "same";
    bool clustered = share_a_band(a, b);
    std::printf("pair %-14s %-14s %-9s similarity %.2f -> %s\n", first.c_str(), second.c_str(),
                label.c_str(), estimated_similarity(minhash_signature(a), minhash_signature(b)),
                clustered ? "clustered" : "apart");
    EXPECT_EQ(clustered, expected) << first << " / " << second;
    if (clustered) {
      ++(expected ? true_positive : false_positive);
    } else {
      ++(expected ? false_negative : true_negative);
    }
  }
  double precision = true_positive + false_positive
                         ? double(true_positive) / double(true_positive + false_positive)
                         : 1.0;
  double recall =
      double(true_positive) / double(std::max<std::size_t>(1, true_positive + false_negative));
  std::printf("pairs: %zu same, %zu different; precision %.3f recall %.3f\n",
              true_positive + false_negative, false_positive + true_negative, precision, recall);
  RecordProperty("precision", std::to_string(precision));
  RecordProperty("recall", std::to_string(recall));
}

// A fresh index directory, removed afterwards.
class TemporaryIndex {
 public:
  TemporaryIndex() {
    static std::atomic<int> counter{0};
    m_path = std::filesystem::temp_directory_path() /
             ("dateline-near-dup-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    std::filesystem::remove_all(m_path);
  }
  ~TemporaryIndex() { std::filesystem::remove_all(m_path); }
  const std::filesystem::path& path() const { return m_path; }

 private:
  std::filesystem::path m_path;
};

Article published(Article article, const char* when) {
  article.published = parse_date(when);
  return article;
}

void index_articles(const std::filesystem::path& path, std::vector<Article> articles) {
  // One worker keeps the order in which the writer sees them.
  IndexWriter writer(path, IndexOptions{1, 100});
  for (auto& article : articles) writer.add(std::move(article));
  writer.commit();
}

std::string cluster_of(const std::filesystem::path& path, const std::string& id) {
  Xapian::Database db(path.string());
  Xapian::PostingIterator posting = db.postlist_begin(schema::id_term(id));
  if (posting == db.postlist_end(schema::id_term(id))) return "<not indexed>";
  Xapian::Document document = db.get_document(*posting);
  // An article alone in its cluster has no value: its key is its own id.
  std::string key = document.get_value(schema::slot_cluster);
  if (key.empty()) key = id;
  EXPECT_TRUE(db.term_exists(std::string(schema::cluster_prefix) + key)) << id;
  return key;
}

TEST(NearDuplicates, CopiesShareTheEarliestCopysKey) {
  TemporaryIndex index;
  index_articles(index.path(), {published(load("port_a.txt"), "2023-06-03T08:00:00Z"),
                                published(load("port_b.txt"), "2023-06-03T09:30:00Z"),
                                published(load("port_c.txt"), "2023-06-05T10:00:00Z"),
                                published(load("bank_a.txt"), "2023-06-03T08:00:00Z")});
  EXPECT_EQ(cluster_of(index.path(), "port_a"), "port_a");
  EXPECT_EQ(cluster_of(index.path(), "port_b"), "port_a");
  EXPECT_EQ(cluster_of(index.path(), "port_c"), "port_c");
  EXPECT_EQ(cluster_of(index.path(), "bank_a"), "bank_a");
}

TEST(NearDuplicates, ClustersPersistAcrossRuns) {
  TemporaryIndex index;
  index_articles(index.path(), {published(load("quake_a.txt"), "2020-01-24T18:00:00Z"),
                                published(load("quake_c.txt"), "2020-01-26T08:00:00Z")});
  index_articles(index.path(), {published(load("quake_b.txt"), "2020-01-24T20:00:00Z"),
                                published(load("fire_a.txt"), "2021-08-16T08:00:00Z")});
  EXPECT_EQ(cluster_of(index.path(), "quake_b"), "quake_a");
  EXPECT_EQ(cluster_of(index.path(), "quake_c"), "quake_c");
  EXPECT_EQ(cluster_of(index.path(), "fire_a"), "fire_a");
  // Re-indexing a member keeps its key.
  index_articles(index.path(), {published(load("quake_a.txt"), "2020-01-24T18:00:00Z")});
  EXPECT_EQ(cluster_of(index.path(), "quake_a"), "quake_a");
}

// A document with hand-made band terms, as the workers would build it.
Xapian::Document banded(std::initializer_list<const char*> bands, double published) {
  Xapian::Document document;
  for (const char* band : bands) {
    document.add_boolean_term(std::string(schema::near_duplicate_band_prefix) + band);
  }
  document.add_value(schema::slot_timestamp, Xapian::sortable_serialise(published));
  return document;
}

TEST(ClusterAssigner, TakesTheKeyOfTheEarliestMemberFound) {
  ClusterAssigner clusters("/nonexistent", false);
  auto first = banded({"a1", "b1"}, 100);
  auto second = banded({"c2", "d2"}, 50);
  auto bridge = banded({"a1", "d2"}, 200);
  auto alone = banded({"e5"}, 10);
  auto unbanded = banded({}, 10);
  EXPECT_EQ(clusters.assign(first, "first").key, "first");
  EXPECT_EQ(clusters.assign(second, "second").key, "second");
  auto joined = clusters.assign(bridge, "bridge");
  EXPECT_EQ(joined.key, "second");
  // The first member to join reports the founder, written without a value.
  EXPECT_EQ(joined.founder_without_value, "second");
  EXPECT_EQ(clusters.assign(alone, "alone").key, "alone");
  EXPECT_EQ(clusters.assign(unbanded, "unbanded").key, "unbanded");
  EXPECT_EQ(bridge.get_value(schema::slot_cluster), "second");
  // Founders carry only the cluster term until a copy joins.
  EXPECT_EQ(first.get_value(schema::slot_cluster), "");
  EXPECT_EQ(alone.get_value(schema::slot_cluster), "");
  auto again = banded({"c2"}, 300);
  auto second_copy = clusters.assign(again, "again");
  EXPECT_EQ(second_copy.key, "second");
  EXPECT_EQ(second_copy.founder_without_value, "");  // reported once
  Xapian::TermIterator term = bridge.termlist_begin();
  term.skip_to(std::string(schema::cluster_prefix));
  EXPECT_EQ(*term, std::string(schema::cluster_prefix) + "second");
}

TEST(ClusterAssigner, RemembersAWholeRunPastTheOldFiftyThousandArticles) {
  // Memory used to reset after 2^20 bands (about 52,000 articles), and every
  // later lookup went to the index; a realistic run now stays in memory (here
  // the index does not even exist, so a fallback would throw).
  ClusterAssigner clusters("/nonexistent", false);
  constexpr int articles = 53'000;
  for (int k = 0; k < articles; ++k) {
    Xapian::Document document;
    for (std::size_t band = 0; band < near_duplicate_bands; ++band) {
      document.add_boolean_term(std::string(schema::near_duplicate_band_prefix) +
                                static_cast<char>('a' + band) + std::to_string(k));
    }
    document.add_value(schema::slot_timestamp, Xapian::sortable_serialise(1000.0 + k));
    clusters.assign(document, "article" + std::to_string(k));
  }
  auto late_copy_of_first = banded({"t0", "zz"}, 5000);
  EXPECT_EQ(clusters.assign(late_copy_of_first, "copy").key, "article0");
}

TEST(BandTable, FindsWhatWasInsertedThroughGrowth) {
  BandTable table;
  EXPECT_EQ(table.find(42), nullptr);
  for (std::uint32_t k = 0; k < 100'000; ++k) table.insert(std::uint64_t{k} * 7919, k);
  table.insert(7919, 5);  // already mapped: keeps the first cluster
  EXPECT_EQ(table.size(), 100'000u);
  for (std::uint32_t k = 0; k < 100'000; ++k) {
    const std::uint32_t* found = table.find(std::uint64_t{k} * 7919);
    ASSERT_NE(found, nullptr) << k;
    EXPECT_EQ(*found, k);
  }
  EXPECT_EQ(table.find(7918), nullptr);
  // 0 is the empty slot's mark; a band hashing to 0 is still found.
  EXPECT_EQ(*table.find(0), 0u);
  table.clear();
  EXPECT_EQ(table.find(7919), nullptr);
  EXPECT_EQ(table.size(), 0u);
}

TEST(NearDuplicates, AnEarlierCopyIndexedLaterJoinsTheExistingKey) {
  // Keys never change once written: the wire copy indexed first names the
  // cluster even when an earlier-published copy arrives in a later run.
  TemporaryIndex index;
  index_articles(index.path(), {published(load("match_b.txt"), "2023-03-18T17:30:00Z")});
  index_articles(index.path(), {published(load("match_a.txt"), "2023-03-18T17:00:00Z")});
  EXPECT_EQ(cluster_of(index.path(), "match_a"), "match_b");
}

// The cluster value (schema::slot_cluster) of article `id`: "" when it has
// none, "<not indexed>" when there is no such article.
std::string cluster_value(const std::filesystem::path& path, const std::string& id) {
  Xapian::Database db(path.string());
  Xapian::PostingIterator posting = db.postlist_begin(schema::id_term(id));
  if (posting == db.postlist_end(schema::id_term(id))) return "<not indexed>";
  return db.get_document(*posting).get_value(schema::slot_cluster);
}

// The hits search shows when it collapses copies (Xapian's collapse on the
// cluster value): each hit's cluster key (its own id when it has none) and
// how many copies it stands for.
std::vector<std::string> collapsed(const std::filesystem::path& path) {
  Xapian::Database db(path.string());
  Xapian::Enquire enquire(db);
  enquire.set_query(Xapian::Query::MatchAll);
  enquire.set_collapse_key(schema::slot_cluster);
  enquire.set_docid_order(Xapian::Enquire::ASCENDING);
  std::vector<std::string> shown;
  Xapian::MSet hits = enquire.get_mset(0, 100);
  for (auto it = hits.begin(); it != hits.end(); ++it) {
    std::string key = it.get_collapse_key();
    if (key.empty()) {
      Xapian::TermIterator term = db.termlist_begin(*it);
      term.skip_to(std::string(schema::id_prefix));
      key = (*term).substr(schema::id_prefix.size());
    }
    shown.push_back(key + "+" + std::to_string(it.get_collapse_count()));
  }
  std::sort(shown.begin(), shown.end());
  return shown;
}

// Index `articles` with two analysis threads, in one database or in a
// parallel build (IndexOptions::parallel_build).
void write_with_two_threads(const std::filesystem::path& path, bool parallel,
                            std::vector<Article> articles) {
  IndexOptions options{2, 100};
  options.parallel_build = parallel;
  IndexWriter writer(path, options);
  for (auto& article : articles) writer.add(std::move(article));
  writer.commit();
}

// An article alone in its cluster carries no cluster value, which Xapian
// would otherwise read for every match when search collapses copies;
// copies carry theirs, the first included, and collapse. Both writers: one
// database, and a parallel build, where the copies may go to different
// parts and the founder gets its value at the merge.
TEST(NearDuplicates, ArticlesAloneInTheirClusterCarryNoValue) {
  for (bool parallel : {false, true}) {
    TemporaryIndex index;
    write_with_two_threads(index.path(), parallel,
                           {published(load("port_a.txt"), "2023-06-03T08:00:00Z"),
                            published(load("port_b.txt"), "2023-06-03T09:30:00Z"),
                            published(load("bank_a.txt"), "2023-06-03T08:00:00Z"),
                            published(load("fire_a.txt"), "2021-08-16T08:00:00Z")});
    // The copy added first names the cluster, whichever thread finished first.
    const std::string port = cluster_value(index.path(), "port_a");
    EXPECT_EQ(port, "port_a") << "parallel " << parallel;
    EXPECT_EQ(cluster_value(index.path(), "port_b"), port) << parallel;
    EXPECT_EQ(cluster_value(index.path(), "bank_a"), "") << parallel;
    EXPECT_EQ(cluster_value(index.path(), "fire_a"), "") << parallel;
    // The cluster terms stay, so filters on them still work.
    Xapian::Database db(index.path().string());
    EXPECT_TRUE(db.term_exists(std::string(schema::cluster_prefix) + "bank_a")) << parallel;
    EXPECT_EQ(collapsed(index.path()),
              (std::vector<std::string>{"bank_a+0", "fire_a+0", port + "+1"}))
        << parallel;
  }
}

// The analysis threads finish in any order, but clusters are assigned in
// the order the articles were added: the copy added first names its
// cluster even when it takes far longer to analyse than a later copy, so
// building the same articles again gives the same clusters.
TEST(NearDuplicates, TheFirstCopyAddedNamesItsClusterHoweverLongItsAnalysis) {
  Article slow = published(load("port_a.txt"), "2023-06-03T08:00:00Z");
  slow.id = "slow";
  const std::vector<std::string> paragraphs = slow.paragraphs;
  for (int copy = 0; copy < 150; ++copy) {
    slow.paragraphs.insert(slow.paragraphs.end(), paragraphs.begin(), paragraphs.end());
  }
  Article fast = published(load("port_a.txt"), "2023-06-03T08:00:00Z");
  fast.id = "fast";
  for (bool parallel : {false, true}) {
    for (int build = 0; build < 2; ++build) {
      TemporaryIndex index;
      write_with_two_threads(index.path(), parallel,
                             {slow, fast, published(load("bank_a.txt"), "2023-06-03T08:00:00Z")});
      EXPECT_EQ(cluster_value(index.path(), "slow"), "slow") << "parallel " << parallel;
      EXPECT_EQ(cluster_value(index.path(), "fast"), "slow") << "parallel " << parallel;
      EXPECT_EQ(collapsed(index.path()), (std::vector<std::string>{"bank_a+0", "slow+1"}))
          << "parallel " << parallel;
    }
  }
  // The same across the shards of an index, the two copies in different
  // shards: each shard's writer assigns its clusters in the order of the
  // shared add()s, not in the order the writers get to it.
  for (int build = 0; build < 2; ++build) {
    TemporaryIndex index;
    ASSERT_NE(shard_of(slow.id, 2), shard_of(fast.id, 2));
    {
      ShardedWriter writer(writable_shard_paths(index.path(), 2), IndexOptions{2, 100});
      for (const Article& article :
           {slow, fast, published(load("bank_a.txt"), "2023-06-03T08:00:00Z")}) {
        writer.add(article);
      }
      writer.commit();
    }
    EXPECT_EQ(cluster_value(index.path(), "slow"), "slow") << "sharded";
    EXPECT_EQ(cluster_value(index.path(), "fast"), "slow") << "sharded";
    EXPECT_EQ(collapsed(index.path()), (std::vector<std::string>{"bank_a+0", "slow+1"}))
        << "sharded";
  }
}

// A copy added in a later run to an article alone in its cluster joins it,
// and the article gets the value in the same commit, so the two collapse.
TEST(NearDuplicates, ACopyAddedLaterToAnArticleAloneCollapsesWithIt) {
  for (bool parallel : {false, true}) {
    TemporaryIndex index;
    write_with_two_threads(index.path(), parallel,
                           {published(load("quake_a.txt"), "2020-01-24T18:00:00Z"),
                            published(load("fire_a.txt"), "2021-08-16T08:00:00Z")});
    ASSERT_EQ(cluster_value(index.path(), "quake_a"), "") << parallel;
    index_articles(index.path(), {published(load("quake_b.txt"), "2020-01-24T20:00:00Z")});
    EXPECT_EQ(cluster_value(index.path(), "quake_b"), "quake_a") << parallel;
    EXPECT_EQ(cluster_value(index.path(), "quake_a"), "quake_a") << parallel;
    EXPECT_EQ(cluster_value(index.path(), "fire_a"), "") << parallel;
    EXPECT_EQ(collapsed(index.path()), (std::vector<std::string>{"fire_a+0", "quake_a+1"}))
        << parallel;
    // A later copy finds the cluster by its value, as before.
    index_articles(index.path(), {published(load("quake_c.txt"), "2020-01-26T08:00:00Z")});
    EXPECT_EQ(cluster_value(index.path(), "quake_a"), "quake_a") << parallel;
  }
}

TEST(MentionTerms, DayMonthAndYearKeys) {
  Article article;
  article.id = "mentions";
  article.published = parse_date("2022-03-11T09:00:00-05:00");
  article.paragraphs = {"The attack began Feb. 24, when troops crossed the border.",
                        "Prices rose last week and in the 1990s. Talks were held in May 2021."};
  detail::Analyzers analyzer;
  Xapian::Document document = build_document(article, analyzer);
  std::vector<std::string> terms;
  for (auto term = document.termlist_begin(); term != document.termlist_end(); ++term) {
    if ((*term).starts_with("XM")) terms.push_back(*term);
  }
  EXPECT_EQ(terms, (std::vector<std::string>{"XMD20220224", "XMM202105", "XMM202202", "XMY2021",
                                             "XMY2022"}));
}

}  // namespace
}  // namespace dateline::indexer

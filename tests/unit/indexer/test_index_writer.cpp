#include <gtest/gtest.h>

#include <xapian.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include "dateline/common/error.h"
#include "dateline/common/schema.h"
#include "dateline/common/text.h"
#include "dateline/indexer/index_location.h"
#include "dateline/indexer/index_stats.h"
#include "dateline/indexer/index_writer.h"
#include "test_support.h"

namespace dateline {
namespace {

Article make_article(const std::string& id, const std::string& title, const std::string& body) {
  Article a;
  a.id = id;
  a.title = title;
  a.paragraphs = {body};
  a.source = "Northwind Wire";
  a.published = parse_date("2022-03-02T10:00:00Z");
  a.format = "jsonl";
  a.given_entities = {Entity{Entity::Type::place, "kyiv", "Kyiv"}};
  a.tags = {"Talks"};
  return a;
}

TEST(IndexWriter, AddsReplacesAndDeletes) {
  testing::TempDir dir;
  auto db_path = writable_database_path(dir.path() / "index");
  {
    IndexWriter writer(db_path, IndexOptions{2, 10});
    writer.add(make_article("a", "Talks resume in Belarus", "Delegations met on the border."));
    writer.add(make_article("b", "Refugees reach Poland", "UNHCR counted arrivals."));
    writer.commit();
    EXPECT_EQ(writer.counts().added, 2u);
    writer.add(make_article("a", "Talks resume in Antalya", "Ministers met in Turkey."));
    writer.commit();
    EXPECT_EQ(writer.counts().replaced, 1u);
    EXPECT_TRUE(writer.remove("b"));
    EXPECT_FALSE(writer.remove("nope"));
    writer.commit();
  }
  Xapian::Database db((dir.path() / "index").string());
  EXPECT_EQ(db.get_doccount(), 1u);
  EXPECT_EQ(db.get_termfreq("Qa"), 1u);
  EXPECT_EQ(db.get_termfreq("antalya"), 1u);
  EXPECT_EQ(db.get_termfreq("belarus"), 0u);  // the old version is gone
}

// By default a writer commits every 1,000 articles per analysis thread: what
// a killed run can lose, and what memory holds before a commit.
TEST(IndexWriter, CommitsEveryThousandArticlesPerThreadByDefault) {
  for (unsigned threads : {1u, 2u}) {
    SCOPED_TRACE(threads);
    testing::TempDir dir;
    IndexOptions options;
    options.threads = threads;
    IndexWriter writer(writable_database_path(dir.path() / "index"), options);
    for (int k = 0; k < 2500; ++k) {
      std::string id = "article-" + std::to_string(k);
      writer.add(make_article(id, "Talks resume", "Delegations met on day " + id));
    }
    writer.commit();
    EXPECT_EQ(writer.counts().added, 2500u);
    // 2,500 / (1,000 x threads) batches committed by the writer, then ours.
    EXPECT_EQ(writer.counts().commits, 2500u / (1000u * threads) + 1u);
  }
}

// A parallel build writes one part per thread and merges them at the first
// commit; a repeated id still replaces (both copies go to the same part),
// and the writer goes on as usual afterwards.
TEST(IndexWriter, ParallelBuildMergesItsPartsAtTheFirstCommit) {
  testing::TempDir dir;
  auto db_path = dir.path() / "new";
  IndexOptions options{2, 10};
  options.parallel_build = true;
  {
    IndexWriter writer(db_path, options);
    for (int k = 0; k < 30; ++k) {
      std::string id = "article-" + std::to_string(k);
      writer.add(make_article(id, "Talks resume in Belarus", "Delegations met on day " + id));
    }
    writer.add(make_article("article-3", "Talks resume in Antalya", "Ministers met in Turkey."));
    EXPECT_FALSE(std::filesystem::exists(db_path / "iamglass"));  // nothing merged yet
    writer.commit();
    EXPECT_EQ(writer.counts().added, 30u);
    EXPECT_EQ(writer.counts().replaced, 1u);
    EXPECT_FALSE(std::filesystem::exists(dir.path() / "new.part-0"));
    EXPECT_FALSE(std::filesystem::exists(dir.path() / "new.part-1"));
    writer.add(make_article("article-4", "Refugees reach Poland", "UNHCR counted arrivals."));
    EXPECT_TRUE(writer.remove("article-5"));
    writer.commit();
    EXPECT_EQ(writer.counts().replaced, 2u);
  }
  Xapian::Database db(db_path.string());
  EXPECT_EQ(db.get_doccount(), 29u);
  EXPECT_EQ(db.get_termfreq("Qarticle-3"), 1u);
  EXPECT_EQ(db.get_termfreq("antalya"), 1u);
  EXPECT_EQ(db.get_termfreq("poland"), 1u);
  EXPECT_EQ(db.get_termfreq("belarus"), 27u);
  EXPECT_EQ(db.get_metadata(std::string(schema::schema_metadata_key)),
            std::to_string(schema::schema_version));
}

// Two copies of an article added one after the other: the second is the
// one kept, although the analysis workers finish them in the other order
// (the first copy is long to analyse, the second is not). Before the fix
// the writer wrote whichever arrived last, here the old copy.
TEST(IndexWriter, LaterCopyWinsWhicheverWorkerFinishesFirst) {
  std::string long_body;
  for (int k = 0; k < 60000; ++k) long_body += "word" + std::to_string(k % 7000) + " ";
  for (bool parallel : {false, true}) {
    testing::TempDir dir;
    auto db_path = dir.path() / "index";
    IndexOptions options{2, 100};
    options.parallel_build = parallel;
    options.detect_language = false;
    {
      IndexWriter writer(db_path, options);
      writer.add(make_article("story", "Talks stall", long_body + "original"));
      writer.add(make_article("story", "Talks resume", "A corrected report."));
      writer.add(make_article("other", "Other", "Another report."));
      writer.commit();
      EXPECT_EQ(writer.counts().added, 2u) << parallel;
      EXPECT_EQ(writer.counts().replaced, 1u) << parallel;
    }
    Xapian::Database db(db_path.string());
    EXPECT_EQ(db.get_doccount(), 2u) << parallel;
    EXPECT_EQ(db.get_termfreq("corrected"), 1u) << parallel;
    EXPECT_EQ(db.get_termfreq("original"), 0u) << parallel;
  }
}

// Each part of a parallel build rolls over to new segments; an article
// indexed again after its first copy's segment was sealed still replaces it,
// and every segment is merged and removed.
TEST(IndexWriter, ParallelBuildSegmentsMergeAndStillReplace) {
  testing::TempDir dir;
  auto db_path = dir.path() / "new";
  IndexOptions options{2, 4};  // commits of 2 per part
  options.parallel_build = true;
  options.segment_articles = 4;
  {
    IndexWriter writer(db_path, options);
    for (int k = 0; k < 40; ++k) {
      std::string id = "article-" + std::to_string(k);
      writer.add(make_article(id, "Talks resume in Belarus", "Delegations met on day " + id));
    }
    // The writers roll over to second segments as the 40 articles land
    // (a deadline, not a timing: each part gets ~20, 4 to a segment).
    auto second_segment = [&] {
      return std::filesystem::exists(dir.path() / "new.part-0-1") ||
             std::filesystem::exists(dir.path() / "new.part-1-1");
    };
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (!second_segment() && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    EXPECT_TRUE(second_segment());
    // Each part now has sealed segments: both copies of article-3 and
    // article-30 must not survive the merge.
    writer.add(make_article("article-3", "Talks resume in Antalya", "Ministers met in Turkey."));
    writer.add(make_article("article-30", "Talks resume in Geneva", "Envoys met in Geneva."));
    writer.commit();
    EXPECT_EQ(writer.counts().added, 40u);
    EXPECT_EQ(writer.counts().replaced, 2u);
  }
  for (const auto& entry : std::filesystem::directory_iterator(dir.path())) {
    EXPECT_EQ(entry.path().filename(), "new");  // no segment left behind
  }
  Xapian::Database db(db_path.string());
  EXPECT_EQ(db.get_doccount(), 40u);
  EXPECT_EQ(db.get_termfreq("Qarticle-3"), 1u);
  EXPECT_EQ(db.get_termfreq("Qarticle-30"), 1u);
  EXPECT_EQ(db.get_termfreq("antalya"), 1u);
  EXPECT_EQ(db.get_termfreq("geneva"), 1u);
  EXPECT_EQ(db.get_termfreq("belarus"), 38u);
}

TEST(IndexWriter, WritesTheSchema) {
  testing::TempDir dir;
  {
    IndexWriter writer(writable_database_path(dir.path() / "index"));
    writer.add(make_article("a", "Negotiations in Belarus", "Ukraine's delegation arrived."));
    writer.commit();
  }
  Xapian::Database db((dir.path() / "index").string());
  Xapian::Document doc = db.get_document(db.postlist_begin("Qa").operator*());
  auto has = [&](const std::string& term) {
    auto it = doc.termlist_begin();
    it.skip_to(term);
    return it != doc.termlist_end() && *it == term;
  };
  EXPECT_TRUE(has("negotiations"));
  EXPECT_TRUE(has("Znegoti"));
  EXPECT_TRUE(has("Snegotiations"));
  EXPECT_TRUE(has("ukraine"));  // possessive dropped
  EXPECT_TRUE(has("XSOURCEnorthwind wire"));
  EXPECT_TRUE(has("XTLkyiv"));
  EXPECT_TRUE(has("XTtalks"));
  EXPECT_TRUE(has("D20220302"));
  EXPECT_TRUE(has("M202203"));
  EXPECT_TRUE(has("Y2022"));
  EXPECT_TRUE(has("XFMTjsonl"));
  EXPECT_EQ(doc.get_value(schema::slot_day), "20220302");
  EXPECT_EQ(db.get_metadata("dateline.schema"), std::to_string(schema::schema_version));
  // Phrases never span the title and the body.
  Xapian::Enquire enquire(db);
  std::vector<Xapian::Query> words{Xapian::Query("belarus"), Xapian::Query("ukraine")};
  enquire.set_query(Xapian::Query(Xapian::Query::OP_PHRASE, words.begin(), words.end(), 2));
  EXPECT_EQ(enquire.get_mset(0, 10).size(), 0u);
}

TEST(IndexWriter, SecondWriterGetsAClearLockError) {
  testing::TempDir dir;
  auto db_path = writable_database_path(dir.path() / "index");
  IndexWriter first(db_path);
  try {
    IndexWriter second(db_path);
    FAIL() << "a second writer opened the index";
  } catch (const IndexLockedError& error) {
    EXPECT_NE(std::string(error.what()).find("locked by another indexer"), std::string::npos);
  }
}

TEST(IndexWriter, RefusesAnIndexOfAnotherSchemaVersion) {
  testing::TempDir dir;
  auto db_path = writable_database_path(dir.path() / "index");
  {
    Xapian::WritableDatabase db(db_path.string(), Xapian::DB_CREATE_OR_OPEN);
    db.set_metadata("dateline.schema", "999");
    db.add_document(Xapian::Document());
    db.commit();
  }
  try {
    IndexWriter writer(db_path);
    FAIL();
  } catch (const IndexVersionError& error) {
    EXPECT_NE(std::string(error.what()).find("rebuild"), std::string::npos);
  }
}

TEST(IndexLocation, SwitchingGenerationsIsAtomicAndCleansUp) {
  testing::TempDir dir;
  auto index = dir.path() / "index";
  auto first = writable_database_path(index);
  EXPECT_EQ(first.filename(), "gen-000001");
  {
    IndexWriter writer(first);
    writer.add(make_article("old", "Old generation", "text"));
  }
  Xapian::Database before(index.string());
  auto second = next_generation_path(index);
  EXPECT_EQ(second.filename(), "gen-000002");
  {
    IndexWriter writer(second);
    writer.add(make_article("new", "New generation", "text"));
  }
  switch_generation(index, second);
  EXPECT_EQ(writable_database_path(index), second);
  EXPECT_FALSE(std::filesystem::exists(first));
  // A searcher that opened the old generation still reads it.
  EXPECT_EQ(before.get_termfreq("Qold"), 1u);
  Xapian::Database after(index.string());
  EXPECT_EQ(after.get_termfreq("Qnew"), 1u);
  EXPECT_EQ(after.get_termfreq("Qold"), 0u);
}

// An indexer killed while it creates an index leaves either no index (no
// stub yet: the next run takes the directory up again) or one that opens
// empty, never a stub naming a directory without a database.
TEST(IndexLocation, AnIndexIsReadableFromTheMomentItsStubExists) {
  testing::TempDir dir;
  auto index = dir.path() / "index";
  writable_database_path(index);  // killed right after this: no writer yet
  Xapian::Database created(index.string());
  EXPECT_EQ(created.get_doccount(), 0u);

  // Killed before the stub: a first generation that Xapian had begun to
  // create (table files, no version file: it would not open), and a
  // stub's temporary file.
  auto interrupted = dir.path() / "interrupted";
  std::filesystem::create_directories(interrupted / "gen-000001");
  std::ofstream(interrupted / "gen-000001" / "postlist.glass") << "";
  std::ofstream(interrupted / "gen-000001" / "termlist.glass") << "";
  std::ofstream(interrupted / "XAPIANDB.new") << "auto gen-0";
  auto first = writable_database_path(interrupted);
  EXPECT_EQ(first.filename(), "gen-000001");
  {
    IndexWriter writer(first);
    writer.add(make_article("resumed", "Resumed", "text"));
  }
  EXPECT_EQ(Xapian::Database(interrupted.string()).get_termfreq("Qresumed"), 1u);

  // Anything else in the directory is not ours to take.
  auto other = dir.path() / "other";
  std::filesystem::create_directories(other);
  std::ofstream(other / "notes.txt") << "mine";
  EXPECT_THROW(writable_database_path(other), Error);
}

TEST(IndexStats, CountsBySourceYearAndFormat) {
  testing::TempDir dir;
  auto index = dir.path() / "index";
  {
    IndexWriter writer(writable_database_path(index));
    writer.add(make_article("a", "One", "x"));
    Article undated = make_article("b", "Two", "y");
    undated.published.reset();
    undated.source = "Kyiv Ledger";
    writer.add(undated);
    Article posted = make_article("c", "Three", "z");
    posted.source = "sci.space";  // a newsgroup: its key loses the dots
    writer.add(posted);
  }
  auto stats = read_index_stats(index);
  EXPECT_EQ(stats.articles, 3u);
  EXPECT_EQ(stats.undated, 1u);
  EXPECT_EQ(stats.by_source.at("northwind wire"), 1u);
  EXPECT_EQ(stats.by_source.at("kyiv ledger"), 1u);
  EXPECT_EQ(stats.by_source.at(facet_key("sci.space")), 1u);
  // Named as the articles spell them, not by the folded key.
  EXPECT_EQ(stats.source_names.at("kyiv ledger"), "Kyiv Ledger");
  EXPECT_EQ(stats.source_names.at("northwind wire"), "Northwind Wire");
  EXPECT_EQ(stats.source_names.at(facet_key("sci.space")), "sci.space");
  EXPECT_EQ(stats.by_year.at("2022"), 2u);
  EXPECT_EQ(stats.by_format.at("jsonl"), 3u);
  EXPECT_EQ(stats.schema_version, schema::schema_version);
  EXPECT_GT(stats.size_bytes, 0u);
}

// What an operator checks after a rebuild: the languages, the wire copies
// found, and how many people, organisations and places the index names.
TEST(IndexStats, CountsLanguagesCopiesAndEntities) {
  testing::TempDir dir;
  auto index = dir.path() / "index";
  {
    IndexWriter writer(writable_database_path(index));
    const std::string wire = testing::wire_story;
    writer.add(make_article("wire", "Grain talks resume", wire));
    writer.add(make_article("copy", "Grain talks resume in Istanbul", wire));
    Article german = make_article("de", "Gespräche", "Die Gespräche in Wien gingen weiter.");
    german.language = "de";
    writer.add(german);
  }
  auto stats = read_index_stats(index);
  EXPECT_EQ(stats.stories_with_copies, 1u);
  EXPECT_EQ(stats.copies, 1u);
  EXPECT_EQ(stats.by_language.at("de"), 1u);
  EXPECT_EQ(stats.by_language.at("en"), 2u);
  // Kyiv given by the source; Istanbul, Odesa... found by the tagger.
  EXPECT_GE(stats.entities.at("place"), 3u);
  EXPECT_EQ(stats.entities.at("person"), 0u);
}

TEST(IndexStats, MissingIndexIsAClearError) {
  testing::TempDir dir;
  EXPECT_THROW(read_index_stats(dir.path() / "nothing"), IndexNotFoundError);
}

}  // namespace
}  // namespace dateline

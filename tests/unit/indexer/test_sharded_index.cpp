#include <gtest/gtest.h>

#include <xapian.h>

#include <fstream>
#include <sstream>

#include "dateline/common/error.h"
#include "dateline/indexer/index_location.h"
#include "dateline/indexer/sharded_index.h"
#include "test_support.h"

namespace dateline {
namespace {

Article article(const std::string& id, const std::string& body) {
  Article a;
  a.id = id;
  a.title = "Story " + id;
  a.paragraphs = {body};
  a.format = "jsonl";
  return a;
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

TEST(ShardedIndex, ShardOfIsStableAndSpread) {
  // Fixed values: a change of hash would move every article to another shard.
  EXPECT_EQ(shard_of("reuters-1", 3), shard_of("reuters-1", 3));
  std::vector<unsigned> per_shard(4);
  for (int k = 0; k < 4000; ++k) ++per_shard[shard_of("article-" + std::to_string(k), 4)];
  for (unsigned count : per_shard) {
    EXPECT_GT(count, 850u);
    EXPECT_LT(count, 1150u);
  }
  EXPECT_THROW(shard_of("x", 0), InvalidArgumentError);
}

TEST(ShardedIndex, WritesEachArticleToItsShardAndOpensAsOne) {
  testing::TempDir dir;
  auto index = dir.path() / "index";
  {
    ShardedWriter writer(writable_shard_paths(index, 3), IndexOptions{2, 10});
    for (int k = 0; k < 30; ++k) {
      writer.add(
          article("a" + std::to_string(k), "Talks resume on the border " + std::to_string(k)));
    }
    writer.commit();
    EXPECT_EQ(writer.counts().added, 30u);
  }
  EXPECT_EQ(shard_count(index), 3u);
  EXPECT_EQ(read_file(index / "XAPIANDB"),
            "auto shard-0/gen-000001\nauto shard-1/gen-000001\nauto shard-2/gen-000001\n");
  for (unsigned k = 0; k < 3; ++k) {
    Xapian::Database shard((shard_path(index, k)).string());
    for (auto id = shard.allterms_begin("Q"); id != shard.allterms_end("Q"); ++id) {
      EXPECT_EQ(shard_of((*id).substr(1), 3), k) << *id;
    }
  }
  EXPECT_EQ(Xapian::Database(index.string()).get_doccount(), 30u);
  // Re-adding replaces in place; the shard count is remembered.
  {
    ShardedWriter writer(writable_shard_paths(index, 0), IndexOptions{1, 10});
    writer.add(article("a7", "Talks resume again"));
    EXPECT_TRUE(writer.remove("a8"));
    EXPECT_FALSE(writer.remove("missing"));
    writer.commit();
    EXPECT_EQ(writer.counts().replaced, 1u);
  }
  EXPECT_EQ(Xapian::Database(index.string()).get_doccount(), 29u);
  EXPECT_THROW(writable_shard_paths(index, 2), Error);
  EXPECT_THROW(writable_database_path(index), Error);
}

// As for one database: every shard's database exists before the stub names
// it, and a creation killed before the stub is taken up again.
TEST(ShardedIndex, ShardsAreReadableFromTheMomentTheStubExists) {
  testing::TempDir dir;
  auto index = dir.path() / "index";
  writable_shard_paths(index, 2);  // killed right after this: no writer yet
  EXPECT_EQ(Xapian::Database(index.string()).get_doccount(), 0u);

  auto interrupted = dir.path() / "interrupted";
  std::filesystem::create_directories(interrupted / "shard-0" / "gen-000001");
  {
    ShardedWriter writer(writable_shard_paths(interrupted, 2), IndexOptions{1, 10});
    writer.add(article("a", "one"));
    writer.add(article("b", "two"));
  }
  EXPECT_EQ(Xapian::Database(interrupted.string()).get_doccount(), 2u);
}

TEST(ShardedIndex, SwitchesOneShardOrAllAtOnce) {
  testing::TempDir dir;
  auto index = dir.path() / "index";
  {
    ShardedWriter writer(writable_shard_paths(index, 2), IndexOptions{1, 10});
    writer.add(article("a", "one"));
    writer.add(article("b", "two"));
  }
  auto generation = next_generation_path(shard_path(index, 1));
  {
    ShardedWriter writer(
        std::vector<std::filesystem::path>{writable_shard_paths(index, 0)[0], generation},
        IndexOptions{1, 10}, 1u);
    writer.add(article("a", "one"));
    writer.add(article("b", "two"));
    writer.commit();
    EXPECT_EQ(writer.passed_over() + writer.counts().added, 2u);
  }
  switch_shard_generation(index, 1, generation);
  EXPECT_EQ(read_file(index / "XAPIANDB"), "auto shard-0/gen-000001\nauto shard-1/gen-000002\n");
  EXPECT_EQ(read_file(shard_path(index, 1) / "XAPIANDB"), "auto gen-000002\n");
  EXPECT_FALSE(std::filesystem::exists(shard_path(index, 1) / "gen-000001"));
  EXPECT_EQ(Xapian::Database(index.string()).get_doccount(), 2u);

  // A full rebuild into three shards replaces the two.
  auto generations = next_shard_generations(index, 3);
  {
    ShardedWriter writer(generations, IndexOptions{1, 10});
    writer.add(article("c", "three"));
  }
  switch_shard_generations(index, generations);
  EXPECT_EQ(shard_count(index), 3u);
  EXPECT_EQ(Xapian::Database(index.string()).get_doccount(), 1u);
}

}  // namespace
}  // namespace dateline

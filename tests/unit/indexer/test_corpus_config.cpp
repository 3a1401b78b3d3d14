// The corpus config file (dateline-corpus.json): formats and default
// metadata per folder.
#include <gtest/gtest.h>

#include "dateline/common/error.h"
#include "dateline/indexer/reader.h"
#include "test_support.h"

namespace dateline {
namespace {

using testing::CollectingSink;
using testing::TempDir;
using Strings = std::vector<std::string>;

TEST(CorpusConfig, FoldersGiveFormatsAndDefaults) {
  TempDir dir;
  // A JSON Lines export named .txt: read as text, it would be one article
  // of JSON. The config says what it is.
  dir.write("corpus/wire/day1.txt",
            "{\"title\":\"Copper rises\",\"body\":\"Copper rose in Santiago.\"}\n"
            "{\"title\":\"Tin falls\",\"body\":\"Tin fell.\",\"source\":\"Own Source\"}\n");
  dir.write("corpus/notes/n1.txt", "Harbour note\n\nShips sailed at dawn.\n");
  dir.write("corpus/notes/de/n2.txt", "Hafen\n\nDie Schiffe fuhren am Morgen.\n");
  dir.write("corpus/other/o.txt", "Other\n\nNo defaults here.\n");
  dir.write("corpus/dateline-corpus.json", R"({
    "folders": {
      "wire": {"format": "jsonl", "source": "Northwind Wire", "tags": ["wire"]},
      "./notes/": {"source": "Desk notes", "language": "EN", "tags": ["notes"]},
      "notes/de": {"language": "de", "tags": ["german"]}
    }
  })");
  auto config = load_corpus_config(dir.path() / "corpus");
  ASSERT_TRUE(config);
  CollectingSink sink;
  read_path(dir.path() / "corpus", InputFormat::automatic, ReaderLimits{}, sink, &*config);
  EXPECT_TRUE(sink.skips.empty());
  ASSERT_EQ(sink.articles.size(), 5u);  // in name order: notes/de, notes, other, wire x2
  const Article& german = sink.articles[0];
  EXPECT_EQ(german.title, "Hafen");
  EXPECT_EQ(german.source, "Desk notes");  // from the outer folder
  EXPECT_EQ(german.language, "de");        // the inner folder's own
  EXPECT_EQ(german.tags, (Strings{"notes", "german"}));
  EXPECT_EQ(sink.articles[1].language, "en");
  EXPECT_EQ(sink.articles[2].title, "Other");
  EXPECT_TRUE(sink.articles[2].source.empty());
  EXPECT_TRUE(sink.articles[2].tags.empty());
  EXPECT_EQ(sink.articles[3].title, "Copper rises");
  EXPECT_EQ(sink.articles[3].source, "Northwind Wire");
  EXPECT_EQ(sink.articles[3].format, "jsonl");
  EXPECT_EQ(sink.articles[4].source, "Own Source");  // the article's own wins

  // --format still applies to every file.
  CollectingSink forced;
  read_path(dir.path() / "corpus", InputFormat::text, ReaderLimits{}, forced, &*config);
  ASSERT_EQ(forced.articles.size(), 4u);
  EXPECT_EQ(forced.articles[3].format, "text");

  EXPECT_FALSE(load_corpus_config(dir.path() / "corpus" / "notes"));  // no config there
}

// A wrong config stops the run before anything is read, naming the file.
TEST(CorpusConfig, FaultsAreErrorsNamingTheFile) {
  TempDir dir;
  dir.write("corpus/wire/a.jsonl", "{\"title\":\"A\"}\n");
  const auto file = dir.path() / "corpus" / "dateline-corpus.json";
  struct Case {
    const char* json;
    const char* message;
  };
  for (const Case& c : {
           Case{R"({"folders": {"wirre": {}}})", "folder \"wirre\": no such folder"},
           Case{R"({"folders": {"wire": {"format": "jsnl"}}})", "unknown format \"jsnl\""},
           Case{R"({"folders": {"wire": {"formt": "jsonl"}}})", "unknown key \"formt\""},
           Case{R"({"folder": {}})", "unknown key \"folder\""},
           Case{R"({"folders": {"wire": {"tags": "wire"}}})", "\"tags\" must be a list"},
           Case{R"({"folders": {"wire": {"format": "jsonl"}})", "malformed JSON at byte"},
       }) {
    SCOPED_TRACE(c.json);
    dir.write("corpus/dateline-corpus.json", c.json);
    try {
      load_corpus_config(dir.path() / "corpus");
      ADD_FAILURE() << "no error";
    } catch (const Error& error) {
      const std::string message = error.what();
      EXPECT_TRUE(message.starts_with(file.string() + ": ")) << message;
      EXPECT_NE(message.find(c.message), std::string::npos) << message;
    }
  }
}

}  // namespace
}  // namespace dateline

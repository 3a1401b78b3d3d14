#include <gtest/gtest.h>

#include "../test_support.h"
#include "dateline/indexer/reader.h"
#include "readers/readers.h"

namespace dateline {
namespace {

using testing::CollectingSink;
using testing::TempDir;

TEST(CollectionDocumentation, ReadmeFilesInAnyCase) {
  for (std::string_view name :
       {"README", "README.md", "README.TXT", "readme.txt", "ReadMe", "dateline-corpus.json"}) {
    EXPECT_TRUE(readers::is_collection_documentation(name)) << name;
  }
  for (std::string_view name : {"001.txt", "news-readme.txt", "READ.me", "corpus.json"}) {
    EXPECT_FALSE(readers::is_collection_documentation(name)) << name;
  }
}

// What a distributed collection carries beside its articles (Reuters-21578
// has SHA256SUMS and lewis.dtd; many archives a LICENSE and checksums).
TEST(CollectionDocumentation, LicencesChecksumsAndSchemas) {
  for (std::string_view name : {"LICENSE", "LICENCE.txt", "COPYING", "SHA256SUMS", "MD5SUMS",
                                "sha512sums.txt", "2024.tar.gz.sha256", "feed.xml.sig",
                                "export.jsonl.asc", "lewis.dtd", "NewsML.xsd", "archive.md5"}) {
    EXPECT_TRUE(readers::is_collection_documentation(name)) << name;
  }
  for (std::string_view name : {"licensed-content.txt", "sums", "lump sums.txt", "dtd.html",
                                "asc.txt", "reut2-000.sgm", "signal.sig.json"}) {
    EXPECT_FALSE(readers::is_collection_documentation(name)) << name;
  }
}

TEST(CollectionDocumentation, DirectoriesPassOverReadmesButANamedFileIsRead) {
  TempDir dir;
  dir.write("bbc/README.TXT", "Consists of 2225 documents from the BBC news website.\n");
  dir.write("bbc/sport/README", "About this folder.\n");
  auto story = dir.write("bbc/sport/001.txt", "Headline\n\nBody.\n");
  CollectingSink sink;
  read_path(dir.path(), InputFormat::automatic, ReaderLimits{}, sink);
  ASSERT_EQ(sink.articles.size(), 1u);
  EXPECT_EQ(sink.articles[0].origin, story.string());

  CollectingSink named;
  read_path(dir.path() / "bbc/README.TXT", InputFormat::automatic, ReaderLimits{}, named);
  EXPECT_EQ(named.articles.size(), 1u);
}

}  // namespace
}  // namespace dateline

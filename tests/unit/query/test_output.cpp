// The command line's CSV output (query/tool/output.cpp), which the CLI
// goldens only see for ordinary text.
#include <gtest/gtest.h>

#include <sstream>

#include "output.h"

namespace dateline {
namespace {

TEST(CsvOutput, QuotesCellsAndDisarmsFormulas) {
  SearchResult result;
  Hit hit;
  hit.rank = 1;
  hit.id = "a-1";
  hit.title = "Talks, \"at last\"";
  hit.source = "=HYPERLINK(\"http://example.com\")";
  hit.authors = {"Lena Ostrova", "Taras Melnyk"};
  hit.published = "2022-03-10T09:00:00Z";
  hit.score = 2.5;
  hit.similar = 1;
  Passage first, second;
  first.text = "The talks ended.";
  second.text = "Line one\nline two";
  hit.passages = {first, second};
  hit.entities = {{Entity::Type::place, "kyiv", "Kyiv"},
                  {Entity::Type::person, "lena ostrova", "Lena Ostrova"},
                  {Entity::Type::place, "antalya", "Antalya"}};
  result.hits.push_back(hit);
  std::ostringstream out;
  cli::print_csv(out, result);
  EXPECT_EQ(out.str(),
            "rank,id,published,source,title,lead,authors,url,score,similar,people,organisations,"
            "places,passages\r\n"
            "1,a-1,2022-03-10T09:00:00Z,\"'=HYPERLINK(\"\"http://example.com\"\")\","
            "\"Talks, \"\"at last\"\"\",,Lena Ostrova; Taras Melnyk,,2.5,1,Lena Ostrova,,"
            "Kyiv; Antalya,"
            "\"The talks ended. \xE2\x80\xA6 Line one\nline two\"\r\n");
}

}  // namespace
}  // namespace dateline

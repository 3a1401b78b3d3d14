// News APIs' responses, saved as the APIs give them: the New York Times'
// Article Search, the Guardian's Content API, NewsAPI, JSON Feed,
// WordPress's REST API, news-please. Our own text, in each API's shape.

#include <gtest/gtest.h>

#include "../test_support.h"
#include "dateline/indexer/reader.h"

namespace dateline {
namespace {

using testing::read_string;
using Strings = std::vector<std::string>;

const std::string lead =
    "Dock workers at the port of Eastwick voted on Thursday to end a nine-day strike.";
const std::string second = "The union said the agreement raises wages by six per cent.";

TEST(NewsApis, TheNewYorkTimesArticleSearch) {
  // As the API answers, written over several lines.
  const std::string response = R"({"status": "OK", "copyright": "Copyright (c) 2019",
 "response": {"docs": [
  {"abstract": "The port strike ended after nine days.",
   "web_url": "https://www.nytimes.com/2019/01/01/business/port-strike.html",
   "lead_paragraph": ")" + lead +
                               R"(",
   "source": "The New York Times",
   "headline": {"main": "Port Strike Ends After Nine Days", "kicker": null,
                "print_headline": "Strike Ends"},
   "keywords": [{"name": "subject", "value": "Strikes", "rank": 1, "major": "N"},
                {"name": "glocations", "value": "Eastwick", "rank": 2, "major": "N"}],
   "pub_date": "2019-01-01T05:00:00+0000", "section_name": "Business Day",
   "byline": {"original": "By Mira Castell and Tom Rees", "person": [], "organization": null},
   "_id": "nyt://article/0e2a1c3e-1111-5b5b-9c9c-000000000001"},
  {"headline": {"main": "Ferry Timetable Changes"}, "pub_date": "2019-01-02T05:00:00+0000",
   "lead_paragraph": "The ferry to Marlow will sail hourly from May.",
   "byline": {"original": null}, "_id": "nyt://article/2"}],
 "meta": {"hits": 2, "offset": 0}}})";
  EXPECT_EQ(detect_format("nyt-2019-01.json", response), InputFormat::json);
  auto sink = read_string(response, InputFormat::json, "nyt-2019-01.json");
  EXPECT_TRUE(sink.skips.empty()) << sink.skips[0].detail;
  ASSERT_EQ(sink.articles.size(), 2u);
  const Article& a = sink.articles[0];
  EXPECT_EQ(a.origin, "nyt-2019-01.json[0]");
  EXPECT_EQ(a.id, "nyt://article/0e2a1c3e-1111-5b5b-9c9c-000000000001");
  EXPECT_EQ(a.title, "Port Strike Ends After Nine Days");
  EXPECT_EQ(a.dek, "The port strike ended after nine days.");
  EXPECT_EQ(a.authors, (Strings{"Mira Castell", "Tom Rees"}));
  EXPECT_EQ(a.tags, (Strings{"Strikes", "Eastwick"}));
  EXPECT_EQ(a.source, "The New York Times");
  EXPECT_EQ(a.url, "https://www.nytimes.com/2019/01/01/business/port-strike.html");
  ASSERT_TRUE(a.published);
  EXPECT_EQ(a.published->iso8601(), "2019-01-01T05:00:00Z");
  EXPECT_EQ(a.paragraphs, Strings{lead});  // the API gives the lead paragraph, not the text
  EXPECT_EQ(sink.articles[1].title, "Ferry Timetable Changes");
  EXPECT_TRUE(sink.articles[1].authors.empty());
}

TEST(NewsApis, TheGuardianContentApi) {
  // One line, as saved from the API.
  const std::string response =
      R"({"response":{"status":"ok","total":1,"results":[{"id":"world/2019/nov/20/port-strike-ends","type":"article","sectionName":"World news","webPublicationDate":"2019-11-20T10:43:00Z","webTitle":"Port strike ends after nine days - live","webUrl":"https://www.theguardian.com/world/2019/nov/20/port-strike-ends","apiUrl":"https://content.guardianapis.com/world/2019/nov/20/port-strike-ends","fields":{"headline":"Port strike ends after nine days","standfirst":"<p>Dock workers vote to return after a deal on wages</p>","byline":"Mira Castell in Eastwick","body":"<p>)" +
      lead + "</p> <p>" + second +
      R"(</p><aside><p>Related: ferry fares</p></aside>","bodyText":")" + lead + " " + second +
      R"("},"tags":[{"id":"profile/mira-castell","type":"contributor","webTitle":"Mira Castell"},{"id":"world/strikes","type":"keyword","webTitle":"Strikes"}]}]}})";
  EXPECT_EQ(detect_format("guardian.json", response), InputFormat::jsonl);  // one line
  auto sink = read_string(response, InputFormat::jsonl, "guardian.json");
  EXPECT_TRUE(sink.skips.empty()) << sink.skips[0].detail;
  ASSERT_EQ(sink.articles.size(), 1u);
  const Article& a = sink.articles[0];
  EXPECT_EQ(a.origin, "guardian.json:1[0]");
  EXPECT_EQ(a.title, "Port strike ends after nine days");  // the paper's, not the page's
  EXPECT_EQ(a.dek, "Dock workers vote to return after a deal on wages");
  EXPECT_EQ(a.authors, Strings{"Mira Castell"});  // the contributor, without "in Eastwick"
  EXPECT_EQ(a.tags, Strings{"Strikes"});
  EXPECT_EQ(a.source, "The Guardian");
  EXPECT_EQ(a.url, "https://www.theguardian.com/world/2019/nov/20/port-strike-ends");
  EXPECT_EQ(a.published->iso8601(), "2019-11-20T10:43:00Z");
  // The HTML body's paragraphs, once: not the body again without them.
  EXPECT_EQ(a.paragraphs, (Strings{lead, second}));
}

TEST(NewsApis, NewsApiAndJsonFeed) {
  auto newsapi = read_string(
      R"({"status":"ok","totalResults":1,"articles":[{"source":{"id":null,"name":"Harbour Gazette"},"author":"Mira Castell","title":"Port strike ends after nine days","description":"Dock workers vote to return.","url":"https://gazette.example/port-strike","publishedAt":"2024-03-14T09:30:00Z","content":"Dock workers at the port of Eastwick voted on Thursday to end a nine-day strike that had left… [+1873 chars]"}]})",
      InputFormat::jsonl, "newsapi.json");
  ASSERT_EQ(newsapi.articles.size(), 1u);
  const Article& n = newsapi.articles[0];
  EXPECT_EQ(n.source, "Harbour Gazette");
  EXPECT_EQ(n.authors, Strings{"Mira Castell"});
  EXPECT_EQ(n.published->iso8601(), "2024-03-14T09:30:00Z");
  EXPECT_EQ(n.paragraphs,
            Strings{"Dock workers at the port of Eastwick voted on Thursday to end a nine-day "
                    "strike that had left\u2026"});  // without "[+1873 chars]"

  auto feed = read_string(
      R"({"version":"https://jsonfeed.org/version/1.1","title":"Harbour Gazette","language":"en","items":[{"id":"https://gazette.example/port-strike","url":"https://gazette.example/port-strike","title":"Port strike ends","content_html":"<p>)" +
          lead + "</p><p>" + second + R"(</p>","content_text":")" + lead +
          R"(","summary":"Dock workers vote to return.","date_published":"2024-03-14T09:30:00Z","authors":[{"name":"Mira Castell","url":"https://gazette.example/mira"}],"tags":["strikes","port"]}]})",
      InputFormat::jsonl, "feed.json");
  ASSERT_EQ(feed.articles.size(), 1u);
  const Article& f = feed.articles[0];
  EXPECT_EQ(f.source, "Harbour Gazette");  // the feed's title
  EXPECT_EQ(f.language, "en");
  EXPECT_EQ(f.authors, Strings{"Mira Castell"});
  EXPECT_EQ(f.dek, "Dock workers vote to return.");
  EXPECT_EQ(f.tags, (Strings{"strikes", "port"}));
  EXPECT_EQ(f.paragraphs, (Strings{lead, second}));
  EXPECT_EQ(f.published->iso8601(), "2024-03-14T09:30:00Z");
}

TEST(NewsApis, WordPressRestApiAndNewsPleaseRecords) {
  auto sink = read_string(
      R"({"id":4512,"date_gmt":"2024-03-14T09:30:00","link":"https://gazette.example/2024/03/port-strike/","title":{"rendered":"Port strike ends &#8211; after nine days"},"content":{"rendered":"<p>)" +
          lead + "</p>\\n<p>" + second +
          R"(</p>\n","protected":false},"excerpt":{"rendered":"<p>Dock workers vote to return.</p>\n"},"author":3})"
          "\n"
          R"({"title":"Port strike ends","maintext":")" +
          lead +
          R"(","date_publish":"2024-03-14 09:30:00","authors":["Mira Castell"],"url":"https://gazette.example/a","source_domain":"gazette.example","language":"en"})"
          "\n",
      InputFormat::jsonl, "posts.jsonl");
  EXPECT_TRUE(sink.skips.empty()) << sink.skips[0].detail;
  ASSERT_EQ(sink.articles.size(), 2u);
  const Article& wp = sink.articles[0];
  EXPECT_EQ(wp.title, "Port strike ends &#8211; after nine days");  // WordPress escapes; kept
  EXPECT_EQ(wp.paragraphs, (Strings{lead, second}));
  EXPECT_EQ(wp.dek, "Dock workers vote to return.");
  EXPECT_TRUE(wp.authors.empty());  // a user's number is no name
  ASSERT_TRUE(wp.published);
  EXPECT_EQ(wp.published->iso8601(), "2024-03-14T09:30:00Z");  // GMT, said or not
  const Article& np = sink.articles[1];
  EXPECT_EQ(np.paragraphs, Strings{lead});
  EXPECT_EQ(np.source, "gazette.example");
  EXPECT_EQ(np.published->day_string(), "2024-03-14");
}

// Members of types the shapes do not expect are reported as the mapping
// reports any bad field, record by record; nothing escapes the reader.
TEST(NewsApis, UnexpectedTypesAreBadFieldsNotFailures) {
  auto feed = read_string(R"({"version": 1.1, "items": [{"title": "T", "content_text": "Text."}]})",
                          InputFormat::json, "feed.json");
  EXPECT_TRUE(feed.articles.empty());
  ASSERT_EQ(feed.skips.size(), 1u);  // no JSON Feed: one object without article text
  auto tags = read_string(
      R"({"response": {"docs": [{"headline": {"main": "T"}, "lead_paragraph": "Text.", "tags": [{"type": 5, "webTitle": "x"}]}, {"headline": {"main": "U"}, "lead_paragraph": "More."}]}})",
      InputFormat::json, "nyt.json");
  ASSERT_EQ(tags.articles.size(), 2u);
  EXPECT_EQ(tags.articles[0].tags, Strings{"x"});
}

// Plain JSON Lines read as before: text that mentions markup is text, and
// an author is one name, however it is written.
TEST(NewsApis, PlainRecordsAreNotReshaped) {
  auto sink = read_string(
      R"({"id":"a1","title":"Markup in <p> tags","author":"Castell, Mira","source":{"name":"Harbour Gazette"},"paragraphs":["Write <p> and </p> in HTML."]})"
      "\n",
      InputFormat::jsonl, "plain.jsonl");
  ASSERT_EQ(sink.articles.size(), 1u);
  EXPECT_EQ(sink.articles[0].title, "Markup in <p> tags");
  EXPECT_EQ(sink.articles[0].authors, Strings{"Castell, Mira"});
  EXPECT_EQ(sink.articles[0].source, "Harbour Gazette");
  EXPECT_EQ(sink.articles[0].paragraphs, Strings{"Write <p> and </p> in HTML."});
}

}  // namespace
}  // namespace dateline

#include <gtest/gtest.h>

#include "../test_support.h"
#include "dateline/indexer/reader.h"

namespace dateline {
namespace {

using testing::CollectingSink;
using testing::read_string;

std::string warc_record(const std::string& type, const std::string& fields,
                        const std::string& payload, const std::string& version = "WARC/1.0",
                        const std::string& length = "") {
  return version + "\r\nWARC-Type: " + type + "\r\nWARC-Date: 2022-03-11T10:00:00Z\r\n" + fields +
         "Content-Length: " + (length.empty() ? std::to_string(payload.size()) : length) +
         "\r\n\r\n" + payload + "\r\n\r\n";
}

std::string http_response(const std::string& body,
                          const std::string& headers = "Content-Type: text/html; charset=utf-8\r\n",
                          const std::string& status = "200 OK") {
  return "HTTP/1.1 " + status + "\r\n" + headers + "\r\n" + body;
}

std::string response(const std::string& uri, const std::string& http,
                     const std::string& version = "WARC/1.0", const std::string& length = "") {
  return warc_record(
      "response",
      "WARC-Target-URI: " + uri + "\r\nContent-Type: application/http; msgtype=response\r\n", http,
      version, length);
}

std::string page(const std::string& title) {
  return "<html><head><title>" + title + "</title></head><body><p>Text of " + title +
         ".</p></body></html>";
}

TEST(WarcReader, TakesHtmlResponsesOnly) {
  std::string warcinfo =
      warc_record("warcinfo", "Content-Type: application/warc-fields\r\n", "software: test\r\n");
  std::string request = warc_record("request", "WARC-Target-URI: https://example.org/a\r\n",
                                    "GET /a HTTP/1.1\r\nHost: example.org\r\n\r\n");
  std::string html = response("https://example.org/a", http_response(page("Page A")));
  std::string image = response("https://example.org/a.png",
                               http_response("\x89PNG...", "Content-Type: image/png\r\n"));
  std::string redirect =
      response("https://example.org/old", http_response(page("Moved"),
                                                        "Content-Type: text/html\r\n"
                                                        "Location: /a\r\n",
                                                        "301 Moved Permanently"));
  auto sink =
      read_string(warcinfo + request + html + image + redirect, InputFormat::warc, "crawl.warc");
  ASSERT_EQ(sink.articles.size(), 1u);
  EXPECT_TRUE(sink.skips.empty());
  const Article& a = sink.articles[0];
  EXPECT_EQ(a.title, "Page A");
  EXPECT_EQ(a.paragraphs, (std::vector<std::string>{"Text of Page A."}));
  EXPECT_EQ(a.url, "https://example.org/a");  // the page names no canonical URL
  ASSERT_TRUE(a.published);                   // nor a date: the capture date stands in
  EXPECT_EQ(a.published->iso8601(), "2022-03-11T10:00:00Z");
  EXPECT_EQ(a.format, "warc");
  EXPECT_EQ(a.origin, "crawl.warc@" + std::to_string(warcinfo.size() + request.size()));
}

// The HTTP header's charset, for a page that declares none of its own.
TEST(WarcReader, TheHttpCharsetDecodesThePage) {
  std::string body =
      "<html><body><h1>\xCC\xEE\xF1\xEA\xE2\xE0</h1><p>\xD6\xE5\xED\xF2\xF0\xE0\xEB\xFC\xED\xFB"
      "\xE9 \xE1\xE0\xED\xEA.</p></body></html>";
  auto sink = read_string(
      response("https://example.ru/a",
               http_response(body, "Content-Type: text/html; charset=Windows-1251\r\n")),
      InputFormat::warc, "crawl.warc");
  ASSERT_EQ(sink.articles.size(), 1u);
  EXPECT_EQ(sink.articles[0].title, "Москва");
  EXPECT_EQ(sink.articles[0].paragraphs, (std::vector<std::string>{"Центральный банк."}));
}

TEST(WarcReader, PageMetadataWinsOverTheCapture) {
  std::string html =
      "<html><head><link rel=canonical href=\"https://example.org/canonical\">"
      "<meta property=\"article:published_time\" content=\"2021-12-24\"></head>"
      "<body><p>Story.</p></body></html>";
  auto sink =
      read_string(response("<https://example.org/a?utm=x>", http_response(html), "WARC/1.1"),
                  InputFormat::warc);
  ASSERT_EQ(sink.articles.size(), 1u);
  EXPECT_EQ(sink.articles[0].url, "https://example.org/canonical");
  EXPECT_EQ(sink.articles[0].published->day_string(), "2021-12-24");
}

TEST(WarcReader, TargetUriLosesItsAngleBrackets) {
  auto sink =
      read_string(response("<https://example.org/b>", http_response(page("B"))), InputFormat::warc);
  ASSERT_EQ(sink.articles.size(), 1u);
  EXPECT_EQ(sink.articles[0].url, "https://example.org/b");
}

TEST(WarcReader, ChunkedAndGzipBodies) {
  std::string chunked = http_response(
      "11\r\n<title>Chunked</t\r\n"
      "15;ext=1\r\nitle><p>Two chunks.</\r\n"
      "2\r\np>\r\n0\r\n\r\n",
      "Content-Type: text/html\r\nTransfer-Encoding: chunked\r\n");
  // gzip.compress(b"<title>Zipped</title><p>Compressed body.</p>", mtime=0)
  const std::string hex =
      "1f8b0800000000000203b329c92cc949b58bca2c28484db1d187f06c0aec9cf3730b8a528b8b53531492f2532a"
      "f56cf40bec001c2133f42c000000";
  std::string zipped;
  for (std::size_t k = 0; k < hex.size(); k += 2) {
    zipped += static_cast<char>(std::stoi(hex.substr(k, 2), nullptr, 16));
  }
  std::string gzip = http_response(zipped, "Content-Type: text/html\r\nContent-Encoding: gzip\r\n");
  std::string broken =
      http_response("not gzip at all", "Content-Type: text/html\r\nContent-Encoding: gzip\r\n");
  auto sink = read_string(response("https://example.org/c", chunked) +
                              response("https://example.org/g", gzip) +
                              response("https://example.org/x", broken),
                          InputFormat::warc, "w.warc");
  ASSERT_EQ(sink.articles.size(), 2u);
  EXPECT_EQ(sink.articles[0].title, "Chunked");
  EXPECT_EQ(sink.articles[0].paragraphs, (std::vector<std::string>{"Two chunks."}));
  EXPECT_EQ(sink.articles[1].title, "Zipped");
  EXPECT_EQ(sink.articles[1].paragraphs, (std::vector<std::string>{"Compressed body."}));
  ASSERT_EQ(sink.skips.size(), 1u);
  EXPECT_EQ(sink.skips[0].reason, "bad-http");
}

TEST(WarcReader, LyingContentLengthKeepsTheRecordsBeforeAndAfter) {
  std::string first = response("https://example.org/1", http_response(page("First")));
  std::string liar =
      response("https://example.org/2", http_response(page("Liar")), "WARC/1.0", "99999999");
  std::string last = response("https://example.org/3", http_response(page("Last")));
  auto sink = read_string(first + liar + last, InputFormat::warc, "bad.warc");
  ASSERT_EQ(sink.articles.size(), 2u);
  EXPECT_EQ(sink.articles[0].title, "First");
  EXPECT_EQ(sink.articles[1].title, "Last");
  // Offsets stay true after the salvage.
  EXPECT_EQ(sink.articles[1].origin, "bad.warc@" + std::to_string(first.size() + liar.size()));
  ASSERT_EQ(sink.skips.size(), 1u);
  EXPECT_EQ(sink.skips[0].origin, "bad.warc@" + std::to_string(first.size()));
  EXPECT_EQ(sink.skips[0].reason, "truncated");
}

TEST(WarcReader, GarbageContentLengthIsSkippedAndReadingResumes) {
  std::string first = response("https://example.org/1", http_response(page("First")));
  std::string garbage =
      response("https://example.org/2", http_response(page("Garbage")), "WARC/1.0", "12abc");
  std::string last = response("https://example.org/3", http_response(page("Last")));
  auto sink = read_string(first + garbage + last, InputFormat::warc, "bad.warc");
  ASSERT_EQ(sink.articles.size(), 2u);
  EXPECT_EQ(sink.articles[0].title, "First");
  EXPECT_EQ(sink.articles[1].title, "Last");
  ASSERT_EQ(sink.skips.size(), 1u);
  EXPECT_EQ(sink.skips[0].origin, "bad.warc@" + std::to_string(first.size()));
  EXPECT_EQ(sink.skips[0].reason, "bad-length");
}

// Skips quote the record's header values as one clean line.
TEST(WarcReader, SkipsQuoteHeaderValuesAsOneCleanLine) {
  std::string garbage = response("https://example.org/2", http_response(page("Garbage")),
                                 "WARC/1.0", "12\x1b[2J\rabc\xff");
  std::string encoding = response(
      "https://example.org/e",
      http_response(page("E"), "Content-Type: text/html\r\nContent-Encoding: br\x01\xc3\r\n"));
  auto sink = read_string(garbage + encoding, InputFormat::warc, "bad.warc");
  ASSERT_EQ(sink.skips.size(), 2u);
  EXPECT_EQ(sink.skips[0].reason, "bad-length");
  EXPECT_EQ(sink.skips[1].reason, "bad-http");
  for (const auto& skip : sink.skips) {
    EXPECT_TRUE(testing::is_clean_line(skip.detail)) << skip.detail;
  }
}

TEST(WarcReader, ShortContentLengthResynchronises) {
  std::string http = http_response(page("Short"));
  std::string shortened =
      response("https://example.org/s", http, "WARC/1.0", std::to_string(http.size() - 20));
  std::string last = response("https://example.org/3", http_response(page("Last")));
  auto sink = read_string(shortened + last, InputFormat::warc, "short.warc");
  // The cut page still has its title; the junk after it is one Skip.
  ASSERT_EQ(sink.articles.size(), 2u);
  EXPECT_EQ(sink.articles[1].title, "Last");
  ASSERT_EQ(sink.skips.size(), 1u);
  EXPECT_EQ(sink.skips[0].reason, "bad-record");
}

TEST(WarcReader, OversizedRecordIsSkippedWithoutBeingHeld) {
  std::string big =
      response("https://example.org/big", http_response(page(std::string(5000, 'x'))));
  std::string small = response("https://example.org/small", http_response(page("Small")));
  ReaderLimits limits;
  limits.max_record_bytes = 2000;
  auto sink = read_string(big + small, InputFormat::warc, "w.warc", limits);
  ASSERT_EQ(sink.articles.size(), 1u);
  EXPECT_EQ(sink.articles[0].title, "Small");
  ASSERT_EQ(sink.skips.size(), 1u);
  EXPECT_EQ(sink.skips[0].origin, "w.warc@0");
  EXPECT_EQ(sink.skips[0].reason, "too-large");
}

TEST(WarcReader, ResourceRecordHoldsThePageItself) {
  auto sink = read_string(
      warc_record("resource", "WARC-Target-URI: file:///r.html\r\nContent-Type: text/html\r\n",
                  page("Resource")),
      InputFormat::warc);
  ASSERT_EQ(sink.articles.size(), 1u);
  EXPECT_EQ(sink.articles[0].title, "Resource");
  EXPECT_EQ(sink.articles[0].url, "file:///r.html");
}

// tests/data/readers/two-pages.warc.gz: a warcinfo and two response records,
// each its own gzip member, as crawlers write them.
TEST(WarcReader, CompressedWarcIsReadThroughReadPath) {
  CollectingSink sink;
  read_path(std::filesystem::path(DATELINE_SOURCE_DIR) / "tests/data/readers/two-pages.warc.gz",
            InputFormat::automatic, ReaderLimits{}, sink);
  EXPECT_TRUE(sink.skips.empty());
  ASSERT_EQ(sink.articles.size(), 2u);
  EXPECT_EQ(sink.articles[0].title, "First page");
  EXPECT_EQ(sink.articles[0].url, "https://example.org/one");
  EXPECT_EQ(sink.articles[1].title, "Second page");
  EXPECT_EQ(sink.articles[1].published->iso8601(), "2023-01-02T03:04:05Z");
}

TEST(WarcReader, NotAWarcHeaderIsOneSkip) {
  auto sink = read_string("junk line 1\njunk line 2\n" +
                              response("https://example.org/1", http_response(page("After"))),
                          InputFormat::warc, "j.warc");
  ASSERT_EQ(sink.articles.size(), 1u);
  ASSERT_EQ(sink.skips.size(), 1u);
  EXPECT_EQ(sink.skips[0].origin, "j.warc@0");
  EXPECT_EQ(sink.skips[0].reason, "bad-record");
}

// ARC, the Internet Archive's format before WARC: a record is one line,
// "URL IP date type length", and that many bytes.
std::string arc_record(const std::string& line_fields, const std::string& payload,
                       const std::string& length = "") {
  return line_fields + " " + (length.empty() ? std::to_string(payload.size()) : length) + "\n" +
         payload + "\n";
}

TEST(WarcReader, ArcFilesOfTheInternetArchivesEarlyCrawls) {
  const std::string description =
      "1 0 Alexa Internet\nURL IP-address Archive-date Content-type Archive-length\n";
  std::string file =
      arc_record("filedesc://IA-001102.arc 0 19961104142103 text/plain", description) +
      arc_record("dns:www.example.org 207.241.224.11 19961104142103 text/dns",
                 "www.example.org.\t3600\tIN\tA\t93.184.216.34\n");
  const std::size_t first_page = file.size();
  file += arc_record(
      "http://www.example.org:80/news/budget.html 93.184.216.34 19961104142109 "
      "text/html",
      http_response(page("Budget passes"),
                    "Content-Type: text/html\r\nLast-Modified: Mon, 04 Nov "
                    "1996 10:00:00 GMT\r\n",
                    "200 OK"));
  file += arc_record("http://www.example.org:80/old.html 93.184.216.34 19961104142110 text/html",
                     http_response(page("Moved"), "Location: /news/\r\n", "302 Found"));
  file += arc_record("http://www.example.org:80/logo.gif 93.184.216.34 19961104142111 image/gif",
                     http_response("GIF89a...", "Content-Type: image/gif\r\n"));
  const std::size_t second_page = file.size();
  // Version 2 (Heritrix): result code, checksum, location, offset and file
  // name before the length; a page whose record holds no HTTP response.
  file += arc_record(
      "http://www.example.org/news/vote.html 93.184.216.34 20050614070151 text/html 200 "
      "UJ4TDSBWSMM4ZEXBW5ORHPJQ3JXZOWFE - 1338 IA-001102.arc",
      page("Vote counted"));
  auto sink = read_string(file, InputFormat::warc, "IA-001102.arc");
  EXPECT_TRUE(sink.skips.empty());
  ASSERT_EQ(sink.articles.size(), 2u);
  const Article& budget = sink.articles[0];
  EXPECT_EQ(budget.title, "Budget passes");
  EXPECT_EQ(budget.format, "arc");
  EXPECT_EQ(budget.origin, "IA-001102.arc@" + std::to_string(first_page));
  EXPECT_EQ(budget.url, "http://www.example.org:80/news/budget.html");
  ASSERT_TRUE(budget.published);  // the capture time, as a WARC record's
  EXPECT_EQ(budget.published->iso8601(), "1996-11-04T14:21:09Z");
  const Article& vote = sink.articles[1];
  EXPECT_EQ(vote.title, "Vote counted");
  EXPECT_EQ(vote.paragraphs, (std::vector<std::string>{"Text of Vote counted."}));
  EXPECT_EQ(vote.origin, "IA-001102.arc@" + std::to_string(second_page));
  EXPECT_EQ(vote.published->iso8601(), "2005-06-14T07:01:51Z");
}

TEST(WarcReader, ArcRecordWhoseLengthLiesKeepsTheRecordsAfter) {
  std::string first = arc_record("http://example.org/1 10.0.0.1 19990101000000 text/html",
                                 http_response(page("First")));
  std::string liar = arc_record("http://example.org/2 10.0.0.1 19990101000001 text/html",
                                http_response(page("Liar")), "99999999");
  std::string last = arc_record("http://example.org/3 10.0.0.1 19990101000002 text/html",
                                http_response(page("Last")));
  auto sink = read_string(first + liar + last, InputFormat::warc, "bad.arc");
  ASSERT_EQ(sink.articles.size(), 2u);
  EXPECT_EQ(sink.articles[0].title, "First");
  EXPECT_EQ(sink.articles[1].title, "Last");
  EXPECT_EQ(sink.articles[1].origin, "bad.arc@" + std::to_string(first.size() + liar.size()));
  ASSERT_EQ(sink.skips.size(), 1u);
  EXPECT_EQ(sink.skips[0].origin, "bad.arc@" + std::to_string(first.size()));
  EXPECT_EQ(sink.skips[0].reason, "truncated");
}

TEST(WarcReader, ArcIsDetectedByNameAndByItsFirstRecord) {
  const std::string head = "filedesc://IA-001102.arc 0 19961104142103 text/plain 76\n1 0 Alexa";
  EXPECT_EQ(detect_format("IA-001102", head), InputFormat::warc);
  EXPECT_EQ(detect_format("crawl/IA-001102.arc.gz", head), InputFormat::warc);
  EXPECT_EQ(detect_format("crawl/IA-001102.ARC", "http://a.example/ 1.2.3.4 19961104142103 "),
            InputFormat::warc);
  EXPECT_EQ(format_from_name("arc"), InputFormat::warc);
  // A line that is no ARC record's is one skip, as in a WARC file.
  auto sink = read_string("http://a.example/ is a fine site\n", InputFormat::warc, "x.arc");
  ASSERT_EQ(sink.skips.size(), 1u);
  EXPECT_EQ(sink.skips[0].reason, "bad-record");
}

}  // namespace
}  // namespace dateline

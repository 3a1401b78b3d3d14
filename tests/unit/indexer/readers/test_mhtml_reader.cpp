// MHTML: web pages saved whole ("Webpage, Single File"), as Chrome, Edge,
// Internet Explorer and Word write them.

#include <gtest/gtest.h>

#include "../test_support.h"
#include "dateline/indexer/reader.h"

namespace dateline {
namespace {

using testing::read_string;

// What Chrome writes: the page quoted-printable, a style sheet after it.
std::string chrome_file(const std::string& page_head) {
  return "From: <Saved by Blink>\r\n"
         "Snapshot-Content-Location: https://gazette.example/2024/03/port-strike-ends?src=rss\r\n"
         "Subject: =?utf-8?Q?Port_strike_ends_after_nine_days_|_The_Harbour_Gazette?=\r\n"
         "Date: Fri, 22 Nov 2024 16:05:11 -0000\r\n"
         "MIME-Version: 1.0\r\n"
         "Content-Type: multipart/related;\r\n"
         "\ttype=\"text/html\";\r\n"
         "\tboundary=\"----MultipartBoundary--Xq2v----\"\r\n"
         "\r\n"
         "\r\n"
         "------MultipartBoundary--Xq2v----\r\n"
         "Content-Type: text/html\r\n"
         "Content-ID: <frame-7A1E@mhtml.blink>\r\n"
         "Content-Transfer-Encoding: quoted-printable\r\n"
         "Content-Location: https://gazette.example/2024/03/port-strike-ends?src=rss\r\n"
         "\r\n"
         "<!DOCTYPE html><html lang=3D\"en\"><head><meta charset=3D\"utf-8\">\r\n" +
         page_head +
         "<title>Port strike ends after nine days | The Harbour Gazette</title></head>=\r\n"
         "<body><nav><a href=3D\"/\">Home</a></nav><article><h1>Port strike ends after nine =\r\n"
         "days</h1>\r\n"
         "<p>Dock workers at the port of Eastwick voted on Thursday to end a nine-day =\r\n"
         "strike that had left forty ships waiting at anchor.</p>\r\n"
         "<p>The union said the agreement raises wages by six per cent =E2=80=93 over two "
         "years.</p>\r\n"
         "</article><footer>Copyright The Harbour Gazette</footer></body></html>\r\n"
         "------MultipartBoundary--Xq2v----\r\n"
         "Content-Type: text/css\r\n"
         "Content-Transfer-Encoding: quoted-printable\r\n"
         "Content-Location: cid:css-1@mhtml.blink\r\n"
         "\r\n"
         "body { font-family: Georgia; } .lede::before { content: \"Breaking\"; }\r\n"
         "------MultipartBoundary--Xq2v------\r\n";
}

TEST(MhtmlReader, APageChromeSavedIsThePageNotTheBrowser) {
  auto sink = read_string(
      chrome_file("<link rel=3D\"canonical\" href=3D\"https://gazette.example/2024/03/port-st=\r\n"
                  "rike-ends\">\r\n"
                  "<meta property=3D\"article:published_time\" content=3D\"2024-03-14T09:30:00Z\">"
                  "\r\n<meta property=3D\"og:site_name\" content=3D\"The Harbour Gazette\">\r\n"
                  "<meta name=3D\"author\" content=3D\"Mira Castell\">\r\n"),
      InputFormat::mhtml, "port-strike.mhtml");
  ASSERT_EQ(sink.articles.size(), 1u);
  EXPECT_TRUE(sink.skips.empty());
  const Article& a = sink.articles[0];
  EXPECT_EQ(a.format, "mhtml");
  EXPECT_EQ(a.origin, "port-strike.mhtml");
  EXPECT_EQ(a.title, "Port strike ends after nine days");
  // The page's author and date, not the browser ("Saved by Blink") and
  // the day it was saved.
  EXPECT_EQ(a.authors, (std::vector<std::string>{"Mira Castell"}));
  ASSERT_TRUE(a.published);
  EXPECT_EQ(a.published->iso8601(), "2024-03-14T09:30:00Z");
  EXPECT_EQ(a.url, "https://gazette.example/2024/03/port-strike-ends");
  EXPECT_EQ(a.source, "The Harbour Gazette");
  EXPECT_EQ(a.language, "en");
  // Quoted-printable undone (soft breaks joined, "=E2=80=93" a dash); the
  // navigation, footer and style sheet are not text.
  EXPECT_EQ(a.paragraphs,
            (std::vector<std::string>{"Dock workers at the port of Eastwick voted on Thursday to "
                                      "end a nine-day strike that had left forty ships waiting at "
                                      "anchor.",
                                      "The union said the agreement raises wages by six per cent "
                                      "\u2013 over two years."}));
}

// The same page saved from its page as the reader sees it (a link from a
// feed, "?src=rss") and from the address bar: one article, because both
// give the canonical URL; a page that names none is known by the address
// it was saved from, and dated by when it was saved.
TEST(MhtmlReader, WhatThePageLacksTheFileGives) {
  auto sink = read_string(chrome_file(""), InputFormat::mhtml, "saved.mhtml");
  ASSERT_EQ(sink.articles.size(), 1u);
  const Article& a = sink.articles[0];
  EXPECT_EQ(a.url, "https://gazette.example/2024/03/port-strike-ends?src=rss");
  ASSERT_TRUE(a.published);
  EXPECT_EQ(a.published->iso8601(), "2024-11-22T16:05:11Z");
  EXPECT_TRUE(a.authors.empty());  // not "Saved by Blink"
  EXPECT_EQ(a.title, "Port strike ends after nine days");
}

// Internet Explorer's .mht: the page in the charset its part names, the
// address in its Content-Location.
TEST(MhtmlReader, InternetExplorersMhtInItsCharset) {
  auto sink = read_string(
      "From: <Saved by Windows Internet Explorer 8>\r\n"
      "Subject: Landtagswahl: Koalition in Wiesbaden\r\n"
      "Date: Tue, 20 Jan 2009 10:04:31 +0100\r\n"
      "MIME-Version: 1.0\r\n"
      "Content-Type: multipart/related;\r\n"
      "\ttype=\"text/html\";\r\n"
      "\tboundary=\"----=_NextPart_000_0000_01C97AF1.6F2E1D40\"\r\n"
      "X-MimeOLE: Produced By Microsoft MimeOLE V6.00.2900.5579\r\n"
      "\r\n"
      "This is a multi-part message in MIME format.\r\n"
      "\r\n"
      "------=_NextPart_000_0000_01C97AF1.6F2E1D40\r\n"
      "Content-Type: text/html;\r\n"
      "\tcharset=\"windows-1252\"\r\n"
      "Content-Transfer-Encoding: quoted-printable\r\n"
      "Content-Location: http://www.rheinbote.example/politik/wahl-hessen.html\r\n"
      "\r\n"
      "<!DOCTYPE HTML PUBLIC \"-//W3C//DTD HTML 4.0 Transitional//EN\">\r\n"
      "<HTML lang=3Dde><HEAD><TITLE>Koalition in Wiesbaden - Rheinbote</TITLE>\r\n"
      "<META http-equiv=3DContent-Type content=3D\"text/html; charset=3Dwindows-1252\">\r\n"
      "<META name=3Ddate content=3D2009-01-19></HEAD>\r\n"
      "<BODY><H1>Koalition in Wiesbaden</H1>\r\n"
      "<P>Die Gespr=E4che =FCber eine Koalition in Hessen beginnen am Montag.</P>\r\n"
      "<P>Beide Parteien wollen bis M=E4rz einig sein.</P></BODY></HTML>\r\n"
      "\r\n"
      "------=_NextPart_000_0000_01C97AF1.6F2E1D40\r\n"
      "Content-Type: image/gif\r\n"
      "Content-Transfer-Encoding: base64\r\n"
      "Content-Location: http://www.rheinbote.example/img/logo.gif\r\n"
      "\r\n"
      "R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7\r\n"
      "\r\n"
      "------=_NextPart_000_0000_01C97AF1.6F2E1D40--\r\n",
      InputFormat::mhtml, "wahl.mht");
  ASSERT_EQ(sink.articles.size(), 1u);
  const Article& a = sink.articles[0];
  EXPECT_EQ(a.title, "Koalition in Wiesbaden");
  EXPECT_EQ(a.url, "http://www.rheinbote.example/politik/wahl-hessen.html");
  EXPECT_EQ(a.language, "de");
  EXPECT_EQ(a.paragraphs,
            (std::vector<std::string>{"Die Gespräche über eine Koalition in Hessen beginnen am "
                                      "Montag.",
                                      "Beide Parteien wollen bis März einig sein."}));
  EXPECT_EQ(sink.repaired_bytes, 0u);
  ASSERT_TRUE(a.published);
  EXPECT_EQ(a.published->iso8601().substr(0, 10), "2009-01-19");  // the page's, not the saving's
}

// Word's "Single File Web Page": no browser, the page at a path on the
// author's disk (no address), and here the page not first: the `start`
// parameter names it.
TEST(MhtmlReader, WordsSingleFileWebPageAndTheStartParameter) {
  auto sink = read_string(
      "MIME-Version: 1.0\n"
      "Content-Type: multipart/related; boundary=\"----=_NextPart_01DA1B2C.3D4E5F60\";\n"
      " start=\"<page-1@example>\"; type=\"text/html\"\n"
      "\n"
      "This document is a Single File Web Page, also known as a Web Archive file.\n"
      "\n"
      "------=_NextPart_01DA1B2C.3D4E5F60\n"
      "Content-Location: file:///C:/8F2A/story_files/frame.htm\n"
      "Content-Type: text/html; charset=\"us-ascii\"\n"
      "\n"
      "<html><body><p>A frame that is not the page.</p></body></html>\n"
      "\n"
      "------=_NextPart_01DA1B2C.3D4E5F60\n"
      "Content-ID: <page-1@example>\n"
      "Content-Location: file:///C:/8F2A/story.htm\n"
      "Content-Transfer-Encoding: base64\n"
      "Content-Type: text/html; charset=\"utf-8\"\n"
      "\n"
      // <html><head><title>Ferry timetable changes</title></head><body>
      // <p>The ferry to Marlow will sail hourly from May.</p></body></html>
      "PGh0bWw+PGhlYWQ+PHRpdGxlPkZlcnJ5IHRpbWV0YWJsZSBjaGFuZ2VzPC90aXRsZT48L2hlYWQ+PGJv\n"
      "ZHk+PHA+VGhlIGZlcnJ5IHRvIE1hcmxvdyB3aWxsIHNhaWwgaG91cmx5IGZyb20gTWF5LjwvcD48L2Jv\n"
      "ZHk+PC9odG1sPg==\n"
      "\n"
      "------=_NextPart_01DA1B2C.3D4E5F60--\n",
      InputFormat::mhtml, "story.mht");
  ASSERT_EQ(sink.articles.size(), 1u);
  const Article& a = sink.articles[0];
  EXPECT_EQ(a.title, "Ferry timetable changes");
  EXPECT_EQ(a.paragraphs,
            (std::vector<std::string>{"The ferry to Marlow will sail hourly from May."}));
  EXPECT_TRUE(a.url.empty());    // file:///C:/... is no address
  EXPECT_EQ(a.id.front(), 'h');  // so the id is the text's hash
  EXPECT_FALSE(a.published);     // and nothing dates it
}

TEST(MhtmlReader, AFileWithoutAPageIsSkipped) {
  auto sink = read_string(
      "From: <Saved by Blink>\n"
      "Snapshot-Content-Location: https://example.org/chart.png\n"
      "MIME-Version: 1.0\n"
      "Content-Type: multipart/related; type=\"image/png\"; boundary=\"b\"\n"
      "\n"
      "--b\n"
      "Content-Type: image/png\n"
      "Content-Transfer-Encoding: base64\n"
      "\n"
      "iVBORw0KGgo=\n"
      "--b--\n",
      InputFormat::mhtml, "chart.mhtml");
  EXPECT_TRUE(sink.articles.empty());
  ASSERT_EQ(sink.skips.size(), 1u);
  EXPECT_EQ(sink.skips[0].origin, "chart.mhtml");
  EXPECT_EQ(sink.skips[0].reason, "no-text");
}

// Saved pages come named .mhtml or .mht, or with no name a browser gave
// them; an e-mail with pictures in its HTML is multipart/related too, and
// stays an e-mail.
TEST(MhtmlReader, IsDetectedByNameAndByTheBrowsersHeaders) {
  const std::string chrome = chrome_file("");
  EXPECT_EQ(detect_format("download", chrome), InputFormat::mhtml);
  EXPECT_EQ(detect_format("a/page.MHT", "MIME-Version: 1.0\nContent-Type: multipart/related"),
            InputFormat::mhtml);
  EXPECT_EQ(detect_format("a/page.mhtml.gz", chrome), InputFormat::mhtml);
  EXPECT_EQ(detect_format("ie-page",
                          "From: <Saved by Windows Internet Explorer 8>\nSubject: S\n"
                          "MIME-Version: 1.0\nContent-Type: multipart/related;\n"
                          "\tboundary=\"b\"\n\n--b\n"),
            InputFormat::mhtml);
  EXPECT_EQ(detect_format("newsletter.eml",
                          "From: Newsroom <desk@gazette.example>\nSubject: Today\n"
                          "Date: Fri, 22 Nov 2024 16:05:11 -0000\nMIME-Version: 1.0\n"
                          "Content-Type: multipart/related; boundary=\"b\"\n\n--b\n"),
            InputFormat::rfc822);
  EXPECT_EQ(format_from_name("mht"), InputFormat::mhtml);
  EXPECT_EQ(format_name(InputFormat::mhtml), "mhtml");
}

}  // namespace
}  // namespace dateline

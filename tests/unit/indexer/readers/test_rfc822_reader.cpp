#include <gtest/gtest.h>

#include "../test_support.h"
#include "dateline/indexer/reader.h"

namespace dateline {
namespace {

using testing::read_string;

TEST(Rfc822Reader, UsenetPost) {
  auto sink = read_string(
      "Xref: cantaloupe.srv.cs.cmu.edu alt.atheism:51121 soc.motss:139944\n"
      "Newsgroups: alt.atheism,soc.motss, rec.scouting\n"
      "From: strom@Watson.Ibm.Com (Rob Strom)\n"
      "Subject: Re: Princeton axes matching\n"
      "\tfunds for Boy Scouts\n"
      "Message-ID: <1993Apr05.180116.43346@watson.ibm.com>\n"
      "Date: 5 Apr 93 18:01:16 GMT\n"
      "Lines: 12\n"
      "\n"
      "In article <N4HY@harder>, Bob writes:\n"
      "|> quoted line one\n"
      "|> quoted line two\n"
      "\n\n"
      "My reply, wrapped\n"
      "over two lines.\n"
      "\n"
      "-- \n"
      "Rob Strom, strom@watson.ibm.com\n"
      "IBM Research\n",
      InputFormat::rfc822, "51121");
  ASSERT_EQ(sink.articles.size(), 1u);
  const Article& a = sink.articles[0];
  EXPECT_EQ(a.id, "1993Apr05.180116.43346@watson.ibm.com");
  EXPECT_EQ(a.title, "Re: Princeton axes matching funds for Boy Scouts");
  EXPECT_EQ(a.authors, (std::vector<std::string>{"Rob Strom"}));
  EXPECT_EQ(a.source, "alt.atheism");
  EXPECT_EQ(a.tags, (std::vector<std::string>{"alt.atheism", "soc.motss", "rec.scouting"}));
  ASSERT_TRUE(a.published);
  EXPECT_EQ(a.published->iso8601(), "1993-04-05T18:01:16Z");
  EXPECT_EQ(a.paragraphs,
            (std::vector<std::string>{"In article <N4HY@harder>, Bob writes: |> quoted line one |> "
                                      "quoted line two",
                                      "My reply, wrapped over two lines."}));
  EXPECT_EQ(a.format, "rfc822");
  EXPECT_EQ(a.origin, "51121");
}

// Usenet's Russian groups wrote koi8-r, and said so in the Content-Type.
TEST(Rfc822Reader, TheCharsetTheMessageNamesIsRead) {
  auto sink = read_string(
      "From: ivan@example.ru\n"
      "Subject: \xEB\xC9\xC5\xD7\n"
      "Content-Type: text/plain; charset=\"KOI8-R\"\n"
      "\n"
      "\xF7\xCC\xC1\xD3\xD4\xC9 \xEB\xC9\xC5\xD7\xC1.\n",
      InputFormat::rfc822, "post");
  ASSERT_EQ(sink.articles.size(), 1u);
  EXPECT_EQ(sink.articles[0].title, "Киев");
  EXPECT_EQ(sink.articles[0].paragraphs, (std::vector<std::string>{"Власти Киева."}));
  EXPECT_EQ(sink.repaired_bytes, 0u);
}

TEST(Rfc822Reader, AuthorIsTheDisplayNameOrTheAddress) {
  struct Case {
    std::string from;
    std::string author;
  };
  const Case cases[] = {
      {"Rob Strom <strom@watson.ibm.com>", "Rob Strom"},
      {"\"Strom, Rob\" <strom@watson.ibm.com>", "Strom, Rob"},
      {"strom@watson.ibm.com (Rob Strom)", "Rob Strom"},
      {"<strom@watson.ibm.com>", "strom@watson.ibm.com"},
      {"strom@watson.ibm.com", "strom@watson.ibm.com"},
  };
  for (const auto& c : cases) {
    auto sink = read_string("From: " + c.from + "\nSubject: S\n\nBody.\n", InputFormat::rfc822);
    ASSERT_EQ(sink.articles.size(), 1u) << c.from;
    EXPECT_EQ(sink.articles[0].authors, (std::vector<std::string>{c.author})) << c.from;
  }
}

TEST(Rfc822Reader, DatesInTheFormsUsenetWrote) {
  struct Case {
    std::string date;
    std::string expected;
  };
  const Case cases[] = {
      {"Mon, 05 Apr 93 18:01:16 GMT", "1993-04-05T18:01:16Z"},
      {"Fri, 16 Apr 1993 14:22:05 -0400", "1993-04-16T14:22:05-04:00"},
      {" 9 Apr 1993 12:30 EST  ", "1993-04-09T12:30:00-05:00"},
      {"Friday, 23 Apr 1993 10:01:02 MDT", "1993-04-23T10:01:02-06:00"},
  };
  for (const auto& c : cases) {
    auto sink = read_string("Date: " + c.date + "\nSubject: S\n\nBody.\n", InputFormat::rfc822);
    ASSERT_EQ(sink.articles.size(), 1u) << c.date;
    ASSERT_TRUE(sink.articles[0].published) << c.date;
    EXPECT_EQ(sink.articles[0].published->iso8601(), c.expected) << c.date;
  }
}

TEST(Rfc822Reader, BadDateIsAWarningMissingDateIsNot) {
  auto bad = read_string("Date: the day after\nSubject: S\n\nBody.\n", InputFormat::rfc822, "m");
  ASSERT_EQ(bad.articles.size(), 1u);
  EXPECT_FALSE(bad.articles[0].published);
  ASSERT_EQ(bad.warnings.size(), 1u);
  EXPECT_EQ(bad.warnings[0].reason, "bad-date");
  auto missing = read_string("Subject: S\n\nBody.\n", InputFormat::rfc822);
  ASSERT_EQ(missing.articles.size(), 1u);
  EXPECT_FALSE(missing.articles[0].published);
  EXPECT_TRUE(missing.warnings.empty());
  EXPECT_EQ(missing.articles[0].id[0], 'h');  // no Message-ID: derived from the text
}

// Found by fuzzing: the warning quoted the first 60 bytes of the Date as they
// were, invalid UTF-8 and control characters included.
TEST(Rfc822Reader, BadDateWarningQuotesTheDateAsOneCleanLine) {
  auto sink = read_string("Date: the day af\x74\x9b\x8d\xf5\x1b[2J\rct: S\n\nBody.\n",
                          InputFormat::rfc822, "m");
  ASSERT_EQ(sink.articles.size(), 1u);
  ASSERT_EQ(sink.warnings.size(), 1u);
  EXPECT_EQ(sink.warnings[0].reason, "bad-date");
  EXPECT_TRUE(testing::is_clean_line(sink.warnings[0].detail)) << sink.warnings[0].detail;
  EXPECT_NE(sink.warnings[0].detail.find("the day af"), std::string::npos);
}

TEST(Rfc822Reader, CrlfLineEndsAndCaseInsensitiveHeaders) {
  auto sink = read_string(
      "SUBJECT: Windows mail\r\nfrom: A B <a@b>\r\n\r\nLine one\r\n"
      "line two\r\n\r\nNext\r\n",
      InputFormat::rfc822);
  ASSERT_EQ(sink.articles.size(), 1u);
  EXPECT_EQ(sink.articles[0].title, "Windows mail");
  EXPECT_EQ(sink.articles[0].authors, (std::vector<std::string>{"A B"}));
  EXPECT_EQ(sink.articles[0].paragraphs, (std::vector<std::string>{"Line one line two", "Next"}));
}

TEST(Rfc822Reader, LongDashedTailIsNotTakenForASignature) {
  std::string body = "Intro.\n--\n";
  for (int k = 0; k < 20; ++k) body += "Point " + std::to_string(k) + ".\n\n";
  auto sink = read_string("Subject: S\n\n" + body, InputFormat::rfc822);
  ASSERT_EQ(sink.articles.size(), 1u);
  EXPECT_EQ(sink.articles[0].paragraphs.back(), "Point 19.");
}

TEST(Rfc822Reader, HeadersOnlyWithoutTextIsSkipped) {
  auto sink =
      read_string("From: a@b\nDate: 5 Apr 93 18:01:16 GMT\n\n\n", InputFormat::rfc822, "empty.eml");
  EXPECT_TRUE(sink.articles.empty());
  ASSERT_EQ(sink.skips.size(), 1u);
  EXPECT_EQ(sink.skips[0].origin, "empty.eml");
  EXPECT_EQ(sink.skips[0].reason, "no-text");
}

// E-mail is MIME. The reader took it as it is: "=E3o" and soft line breaks
// in quoted-printable, base64 lines as words, every part of a multipart
// message with its boundaries, and "=?UTF-8?Q?...?=" subjects.
TEST(Rfc822Reader, MimeMessagesAreDecoded) {
  auto alternative = read_string(
      "From: =?UTF-8?Q?Jos=C3=A9_Garc=C3=ADa?= <jose@example.es>\n"
      "Subject: =?UTF-8?B?Q2Fmw6kgcHJpY2VzIHNvYXI=?=\n"
      "MIME-Version: 1.0\n"
      "Content-Type: multipart/alternative; boundary=\"b1\"\n"
      "\n"
      "This is a multi-part message in MIME format.\n"
      "--b1\n"
      "Content-Type: text/plain; charset=iso-8859-1\n"
      "Content-Transfer-Encoding: quoted-printable\n"
      "\n"
      "Coffee prices rose in S=E3o Paulo as frost hit the crop in Minas Ge=\n"
      "rais.\n"
      "\n"
      "Traders said =93the worst is over=94.\n"
      "--b1\n"
      "Content-Type: text/html; charset=utf-8\n"
      "\n"
      "<p>Coffee prices rose in S\xC3\xA3o Paulo</p>\n"
      "--b1--\n",
      InputFormat::rfc822, "coffee.eml");
  ASSERT_EQ(alternative.articles.size(), 1u);
  EXPECT_EQ(alternative.articles[0].title, "Café prices soar");
  EXPECT_EQ(alternative.articles[0].authors, (std::vector<std::string>{"José García"}));
  // The plain part only, in Windows-1252 as mail readers take "iso-8859-1".
  EXPECT_EQ(alternative.articles[0].paragraphs,
            (std::vector<std::string>{
                "Coffee prices rose in São Paulo as frost hit the crop in Minas Gerais.",
                "Traders said “the worst is over”."}));

  auto base64 = read_string(
      "Subject: Port\nContent-Type: text/plain; charset=utf-8\n"
      "Content-Transfer-Encoding: base64\n\n"
      "U2hpcHMgbGVmdCBPZGVzYSBvbiBNb25kYXku\n",
      InputFormat::rfc822);
  ASSERT_EQ(base64.articles.size(), 1u);
  EXPECT_EQ(base64.articles[0].paragraphs,
            (std::vector<std::string>{"Ships left Odesa on Monday."}));

  // An HTML-only newsletter gives its main text; attachments are no text.
  auto html = read_string(
      "Subject: Newsletter\nMIME-Version: 1.0\n"
      "Content-Type: multipart/mixed; boundary=\"m\"\n\n"
      "--m\nContent-Type: text/html; charset=utf-8\nContent-Transfer-Encoding: "
      "quoted-printable\n\n"
      "<html><body><nav><a href=3D\"/\">Home</a></nav><article><p>Wheat exports from "
      "Kansas rose.</p></article></body></html>\n"
      "--m\nContent-Type: text/plain\nContent-Disposition: attachment; filename=\"terms.txt\"\n\n"
      "Terms and conditions.\n"
      "--m\nContent-Type: image/png\nContent-Transfer-Encoding: base64\n\niVBORw0KGgo=\n"
      "--m--\n",
      InputFormat::rfc822);
  ASSERT_EQ(html.articles.size(), 1u);
  EXPECT_EQ(html.articles[0].title, "Newsletter");
  EXPECT_EQ(html.articles[0].paragraphs,
            (std::vector<std::string>{"Wheat exports from Kansas rose."}));
}

TEST(MboxReader, MimeMessagesInAnMboxAreDecoded) {
  auto sink = read_string(
      "From alice@example.org Mon Mar  4 18:01:16 2024\n"
      "From: Alice <alice@example.org>\n"
      "Subject: =?iso-8859-1?q?Andr=E9?=\n"
      "Content-Type: text/plain; charset=utf-8\n"
      "Content-Transfer-Encoding: quoted-printable\n"
      "\n"
      "Caf=C3=A9 prices rose.\n"
      "\n"
      "From bob@example.org Tue Mar  5 09:00:00 2024\n"
      "From: bob@example.org\n"
      "Subject: Plain\n"
      "\n"
      "Prices =E3 as typed.\n",
      InputFormat::mbox, "list.mbox");
  ASSERT_EQ(sink.articles.size(), 2u);
  EXPECT_EQ(sink.articles[0].title, "André");
  EXPECT_EQ(sink.articles[0].paragraphs, (std::vector<std::string>{"Café prices rose."}));
  EXPECT_EQ(sink.articles[0].origin, "list.mbox:1");
  // A message that is not MIME is taken as it is.
  EXPECT_EQ(sink.articles[1].paragraphs, (std::vector<std::string>{"Prices =E3 as typed."}));
}

TEST(MboxReader, SplitsOnFromLinesAndUnescapes) {
  auto sink = read_string(
      "From alice@example.org Mon Apr  5 18:01:16 1993\n"  // line 1
      "From: Alice <alice@example.org>\n"
      "Subject: First\n"
      "Date: Mon, 05 Apr 93 18:01:16 GMT\n"
      "\n"
      "Hello.\n"
      ">From the archives, a quoted line.\n"
      ">>From two levels.\n"
      "From here on, not a separator: no blank line above.\n"
      "\n"
      "From bob@example.org Tue Apr  6 09:00:00 1993\n"  // line 11
      "From: bob@example.org\n"
      "Subject: Second\n"
      "\n"
      "Reply.\n",
      InputFormat::mbox, "list.mbox");
  ASSERT_EQ(sink.articles.size(), 2u);
  const Article& first = sink.articles[0];
  EXPECT_EQ(first.origin, "list.mbox:1");
  EXPECT_EQ(first.title, "First");
  EXPECT_EQ(first.format, "mbox");
  EXPECT_EQ(first.published->iso8601(), "1993-04-05T18:01:16Z");
  EXPECT_EQ(first.paragraphs,
            (std::vector<std::string>{"Hello. From the archives, a quoted line. >From two levels. "
                                      "From here on, not a separator: no blank line above."}));
  EXPECT_EQ(sink.articles[1].origin, "list.mbox:11");
  EXPECT_EQ(sink.articles[1].title, "Second");
  EXPECT_EQ(sink.articles[1].authors, (std::vector<std::string>{"bob@example.org"}));
}

TEST(MboxReader, OversizedMessageIsSkippedAndTheNextIsRead) {
  std::string input = "From a Mon Apr  5 18:01:16 1993\nSubject: Big\n\n" + std::string(3000, 'x') +
                      "\n\nFrom b Mon Apr  5 18:01:16 1993\n"
                      "Subject: Small\n\nok\n";
  ReaderLimits limits;
  limits.max_record_bytes = 1000;
  auto sink = read_string(input, InputFormat::mbox, "big.mbox", limits);
  ASSERT_EQ(sink.articles.size(), 1u);
  EXPECT_EQ(sink.articles[0].title, "Small");
  ASSERT_EQ(sink.skips.size(), 1u);
  EXPECT_EQ(sink.skips[0].origin, "big.mbox:1");
  EXPECT_EQ(sink.skips[0].reason, "too-large");
}

TEST(Rfc822Reader, IsDetectedFromHeaders) {
  EXPECT_EQ(detect_format("51121", "Newsgroups: a.b\nFrom: x@y\nSubject: s\n\nbody"),
            InputFormat::rfc822);
  EXPECT_EQ(detect_format("list", "From x Mon Apr  5 18:01:16 1993\nFrom: x@y\nSubject: s\n"),
            InputFormat::mbox);
}

}  // namespace
}  // namespace dateline

// MHTML (RFC 2557): a web page saved whole, its images and styles included,
// as browsers save "Webpage, Single File" (Chrome's and Edge's .mhtml,
// Internet Explorer's .mht) and as Word saves a document as a "Single File
// Web Page". One article per file: its page, read as the HTML reader reads
// a page.
//
//   page       the multipart/related's root: the part its `start` parameter
//              names, else its first text/html part (a file of one page
//              alone: that page)
//   charset    the page part's Content-Type charset, else what the page
//              declares
//   url        the page's canonical URL, else the page part's
//              Content-Location, else Chrome's Snapshot-Content-Location
//              header, else the file's Content-Location (Firefox's MAF);
//              only http(s) addresses (Word's pages are at file:///C:/...)
//   published  the page's own date, else the Date it was saved, as a WARC
//              record's date stands in for a page's
//   the rest   the HTML reader's: headline, byline, language, main text
//
// The file's From ("<Saved by Blink>") names the browser and its Subject
// is the page's <title>: neither is read. A file without an HTML page is
// skipped as no-text.

#include <istream>

#include "dateline/common/text.h"
#include "mime.h"
#include "readers.h"

namespace dateline::readers {

namespace {

bool is_html_part(GMimeObject* part) {
  return GMIME_IS_PART(part) &&
         g_mime_content_type_is_type(g_mime_object_get_content_type(part), "text", "html");
}

// `id` without its angle brackets: "<frame-1@mhtml.blink>" -> "frame-1@mhtml.blink".
std::string_view bare_id(std::string_view id) {
  id = trim(id);
  if (id.starts_with('<') && id.ends_with('>')) id = id.substr(1, id.size() - 2);
  return id;
}

// The first text/html part of `object`, depth first, or null.
GMimeObject* first_html_part(GMimeObject* object, int depth) {
  if (depth > 32) return nullptr;
  if (is_html_part(object)) return object;
  if (!GMIME_IS_MULTIPART(object)) return nullptr;
  GMimeMultipart* multipart = GMIME_MULTIPART(object);
  const int count = g_mime_multipart_get_count(multipart);
  for (int k = 0; k < count; ++k) {
    if (GMimeObject* found = first_html_part(g_mime_multipart_get_part(multipart, k), depth + 1)) {
      return found;
    }
  }
  return nullptr;
}

// The saved page: the part a multipart/related's `start` parameter names
// (Internet Explorer's and Word's files list it first, Chrome's too, but the
// RFC lets it be anywhere), else the first HTML part.
GMimeObject* saved_page(GMimeObject* body) {
  if (GMIME_IS_MULTIPART(body)) {
    const char* start =
        g_mime_content_type_get_parameter(g_mime_object_get_content_type(body), "start");
    if (start != nullptr && !bare_id(start).empty()) {
      GMimeMultipart* multipart = GMIME_MULTIPART(body);
      const int count = g_mime_multipart_get_count(multipart);
      for (int k = 0; k < count; ++k) {
        GMimeObject* part = g_mime_multipart_get_part(multipart, k);
        const char* id = g_mime_object_get_content_id(part);
        if (id != nullptr && bare_id(id) == bare_id(start)) {
          if (GMimeObject* page = first_html_part(part, 0)) return page;
        }
      }
    }
  }
  return first_html_part(body, 0);
}

bool is_web_address(std::string_view url) {
  return url.starts_with("http://") || url.starts_with("https://");
}

std::string header(GMimeObject* object, const char* name) {
  const char* value = g_mime_object_get_header(object, name);
  return value != nullptr ? collapse_whitespace(value) : std::string();
}

}  // namespace

void read_mhtml(std::istream& in, const std::string& name, const ReaderLimits& limits,
                ArticleSink& sink) {
  std::string file;
  if (!read_whole(in, name, "web archive", limits, sink, file)) return;
  GObjectPtr<GMimeMessage> message = parse_mime_message(file);
  GMimeObject* body = message ? g_mime_message_get_mime_part(message.get()) : nullptr;
  GMimeObject* page = body != nullptr ? saved_page(body) : nullptr;
  if (page == nullptr) {
    sink.skip(Skip{name, "no-text", "the web archive holds no HTML page"});
    return;
  }
  PageFallbacks fallbacks;
  const char* location = g_mime_part_get_content_location(GMIME_PART(page));
  if (location != nullptr && is_web_address(trim(location))) {
    fallbacks.url = std::string(trim(location));
  } else {
    // Chrome's header; Firefox's MAF put the page's on the file's header.
    for (const char* field : {"Snapshot-Content-Location", "Content-Location"}) {
      if (std::string saved_at = header(GMIME_OBJECT(message.get()), field);
          is_web_address(saved_at)) {
        fallbacks.url = std::move(saved_at);
        break;
      }
    }
  }
  if (std::string saved = header(GMIME_OBJECT(message.get()), "Date"); !saved.empty()) {
    fallbacks.published = parse_date(saved);
  }
  if (const char* charset = g_mime_object_get_content_type_parameter(page, "charset")) {
    fallbacks.charset = charset;
  }
  read_html_document(part_bytes(GMIME_PART(page)), name, "mhtml", fallbacks, limits, sink);
}

}  // namespace dateline::readers

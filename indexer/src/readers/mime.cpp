#include "mime.h"

#include <mutex>

namespace dateline::readers {

void init_gmime() {
  static std::once_flag once;
  std::call_once(once, [] { g_mime_init(); });
}

GObjectPtr<GMimeMessage> parse_mime_message(std::string_view message) {
  if (message.starts_with("From ")) {  // an mbox envelope line
    std::size_t end = message.find('\n');
    message.remove_prefix(end == std::string_view::npos ? message.size() : end + 1);
  }
  init_gmime();
  GObjectPtr<GMimeStream> stream(g_mime_stream_mem_new_with_buffer(message.data(), message.size()));
  GObjectPtr<GMimeParser> parser(g_mime_parser_new_with_stream(stream.get()));
  return GObjectPtr<GMimeMessage>(g_mime_parser_construct_message(parser.get(), nullptr));
}

std::string part_bytes(GMimePart* part) {
  GMimeDataWrapper* content = g_mime_part_get_content(part);
  if (content == nullptr) return "";
  GObjectPtr<GMimeStream> bytes(g_mime_stream_mem_new());
  g_mime_data_wrapper_write_to_stream(content, bytes.get());
  GByteArray* array = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(bytes.get()));
  return std::string(reinterpret_cast<const char*>(array->data), array->len);
}

}  // namespace dateline::readers

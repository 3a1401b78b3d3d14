#pragma once
// Internal: GMime, shared by the readers of MIME containers (rfc822_reader.cpp
// for e-mail and Usenet, mhtml_reader.cpp for saved web pages).

#include <gmime/gmime.h>

#include <string>
#include <string_view>

#include "gobject.h"

namespace dateline::readers {

/// Sets GMime up, once per process (g_mime_init is not thread-safe).
void init_gmime();

/// `message` parsed as a MIME message (an mbox envelope line at its top
/// passed over), or null when GMime cannot parse it.
GObjectPtr<GMimeMessage> parse_mime_message(std::string_view message);

/// A part's content with its transfer encoding (base64, quoted-printable)
/// undone, in the bytes of its charset.
std::string part_bytes(GMimePart* part);

}  // namespace dateline::readers

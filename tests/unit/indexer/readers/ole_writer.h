#pragma once
// Writing OLE2 (compound) files, the container of Office's binary formats,
// for reader tests, with libgsf.

#include <gsf/gsf-outfile-msole.h>
#include <gsf/gsf-outfile.h>
#include <gsf/gsf-output-memory.h>
#include <gsf/gsf-utils.h>

#include <string>
#include <utility>
#include <vector>

namespace dateline::testing {

/// Adds a stream called `name` holding `bytes` to `ole`.
inline void add_ole_stream(GsfOutfile* ole, const char* name, const std::string& bytes) {
  GsfOutput* child = gsf_outfile_new_child(ole, name, FALSE);
  gsf_output_write(child, bytes.size(), reinterpret_cast<const guint8*>(bytes.data()));
  gsf_output_close(child);
  g_object_unref(child);
}

/// Closes `ole`, written into `memory` (gsf_output_memory_new()), and gives
/// the file's bytes; both are released.
inline std::string finish_ole(GsfOutput* memory, GsfOutfile* ole) {
  gsf_output_close(GSF_OUTPUT(ole));
  g_object_unref(ole);
  const auto* bytes = gsf_output_memory_get_bytes(GSF_OUTPUT_MEMORY(memory));
  std::string out(reinterpret_cast<const char*>(bytes),
                  static_cast<std::size_t>(gsf_output_size(memory)));
  g_object_unref(memory);
  return out;
}

/// An OLE2 file of the streams given (name, bytes).
inline std::string write_ole(const std::vector<std::pair<std::string, std::string>>& streams) {
  gsf_init();
  GsfOutput* memory = gsf_output_memory_new();
  GsfOutfile* ole = gsf_outfile_msole_new(memory);
  for (const auto& [name, bytes] : streams) add_ole_stream(ole, name.c_str(), bytes);
  return finish_ole(memory, ole);
}

}  // namespace dateline::testing

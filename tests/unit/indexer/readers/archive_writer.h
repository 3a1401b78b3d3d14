#pragma once
// Writing archives for reader tests, with libarchive.

#include <archive.h>
#include <archive_entry.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>
#include <vector>

namespace dateline::testing {

struct Entry {
  std::string name;
  std::string bytes;
};

// Writes `entries` to `file` with libarchive: `format` "gnutar", "zip",
// "7zip" or "raw" (one entry, for a plain compressed file); `filter`
// "gzip", "bzip2", ... or "" for none; `options` libarchive's
// ("zip:compression=store").
inline void write_archive(const std::filesystem::path& file, const char* format, const char* filter,
                          const std::vector<Entry>& entries, const char* options = "") {
  std::unique_ptr<archive, decltype(&archive_write_free)> writer(archive_write_new(),
                                                                 archive_write_free);
  ASSERT_EQ(archive_write_set_format_by_name(writer.get(), format), ARCHIVE_OK);
  if (*filter != '\0') {
    ASSERT_EQ(archive_write_add_filter_by_name(writer.get(), filter), ARCHIVE_OK);
  }
  if (*options != '\0') {
    ASSERT_EQ(archive_write_set_options(writer.get(), options), ARCHIVE_OK);
  }
  ASSERT_EQ(archive_write_open_filename(writer.get(), file.c_str()), ARCHIVE_OK);
  for (const auto& item : entries) {
    std::unique_ptr<archive_entry, decltype(&archive_entry_free)> entry(archive_entry_new(),
                                                                        archive_entry_free);
    archive_entry_set_pathname(entry.get(), item.name.c_str());
    archive_entry_set_filetype(entry.get(), AE_IFREG);
    archive_entry_set_perm(entry.get(), 0644);
    archive_entry_set_size(entry.get(), static_cast<la_int64_t>(item.bytes.size()));
    ASSERT_EQ(archive_write_header(writer.get(), entry.get()), ARCHIVE_OK);
    ASSERT_EQ(archive_write_data(writer.get(), item.bytes.data(), item.bytes.size()),
              static_cast<la_ssize_t>(item.bytes.size()));
  }
  ASSERT_EQ(archive_write_close(writer.get()), ARCHIVE_OK);
}

inline std::string read_whole(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

}  // namespace dateline::testing

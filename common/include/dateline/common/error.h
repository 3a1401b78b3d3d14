#pragma once
// The library's error hierarchy. Every public entry point throws only these
// (Xapian errors are translated, keeping their message).

#include <cstddef>
#include <stdexcept>
#include <string>

namespace dateline {

/// Root of every error Dateline's libraries throw.
class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// No index at the given location.
class IndexNotFoundError : public Error {
 public:
  using Error::Error;
};

/// The index was written with another schema version; rebuild it.
class IndexVersionError : public Error {
 public:
  using Error::Error;
};

/// Another process holds the index's write lock.
class IndexLockedError : public Error {
 public:
  using Error::Error;
};

/// The index cannot be read (damaged files, I/O failure).
class CorruptIndexError : public Error {
 public:
  using Error::Error;
};

/// A caller passed an argument the API does not accept.
class InvalidArgumentError : public Error {
 public:
  using Error::Error;
};

/// A shard or remote server could not be reached in time.
class NetworkError : public Error {
 public:
  using Error::Error;
};

/// A query the parser rejects. `offset()` is the 0-based byte offset of the
/// offending text in the query string.
class QuerySyntaxError : public Error {
 public:
  QuerySyntaxError(const std::string& message, std::size_t offset)
      : Error(message), m_offset(offset) {}
  std::size_t offset() const noexcept { return m_offset; }

 private:
  std::size_t m_offset;
};

}  // namespace dateline

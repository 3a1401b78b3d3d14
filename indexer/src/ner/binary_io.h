#pragma once
// Internal: the small binary helpers of the entity model file (native byte
// order: model files are built and read on the same kind of machine), and
// the 64-bit mixer used for feature and gazetteer hashing.

#include <cstdint>
#include <istream>
#include <ostream>
#include <string>

#include "dateline/common/error.h"

namespace dateline::ner::detail {

/// A bijective 64-bit mixer (the MurmurHash3 finaliser).
constexpr std::uint64_t mix(std::uint64_t x) {
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdULL;
  x ^= x >> 33;
  x *= 0xc4ceb9fe1a85ec53ULL;
  x ^= x >> 33;
  return x;
}

template <typename T>
void write_raw(std::ostream& out, T value) {
  out.write(reinterpret_cast<const char*>(&value), sizeof value);
}

/// @exception dateline::Error at the end of the stream.
template <typename T>
T read_raw(std::istream& in) {
  T value{};
  if (!in.read(reinterpret_cast<char*>(&value), sizeof value)) {
    throw Error("entity model: truncated");
  }
  return value;
}

}  // namespace dateline::ner::detail

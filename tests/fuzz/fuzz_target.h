#pragma once
// The one entry point every fuzz target defines. Under clang with
// -fsanitize=fuzzer, libFuzzer calls it; under gcc, replay_main.cpp calls it
// once per saved input, so the corpus runs as an ordinary test.

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace dateline::fuzz {

inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

/// Stop the run with a message when an invariant the target checks fails
/// (libFuzzer saves the input as a crash; the replay test fails).
[[noreturn]] void invariant_failed(const char* what);

}  // namespace dateline::fuzz

#define DATELINE_FUZZ_CHECK(condition) \
  ((condition) ? static_cast<void>(0) : ::dateline::fuzz::invariant_failed(#condition))

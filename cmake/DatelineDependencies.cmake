# Every third-party dependency comes from a Debian package and is wrapped in an
# imported target here, so the component CMakeLists only name targets.
find_package(PkgConfig REQUIRED)
find_package(Threads REQUIRED)

find_package(xapian CONFIG REQUIRED)
if(NOT TARGET Xapian::xapian)
  add_library(Xapian::xapian INTERFACE IMPORTED)
  target_include_directories(Xapian::xapian INTERFACE ${XAPIAN_INCLUDE_DIR})
  target_link_libraries(Xapian::xapian INTERFACE ${XAPIAN_LIBRARIES})
endif()

find_package(nlohmann_json 3.10 CONFIG REQUIRED)
find_package(CLI11 CONFIG REQUIRED)

pkg_check_modules(ICU REQUIRED IMPORTED_TARGET icu-uc icu-i18n)
add_library(Dateline::icu ALIAS PkgConfig::ICU)

# libstemmer is linked statically into our programs: its stemmers' tables
# hold ~10,800 pointers, which the shared library relocates at every start
# (~90 dirtied pages, 2 ms of each dateline-search run, bench/RESULTS.md);
# in the position-dependent dateline-search the linker resolves them once.
find_path(STEMMER_INCLUDE_DIR libstemmer.h REQUIRED)
find_library(STEMMER_LINK_LIBRARY NAMES libstemmer.a stemmer REQUIRED)
add_library(Dateline::stemmer UNKNOWN IMPORTED)
set_target_properties(Dateline::stemmer PROPERTIES
  IMPORTED_LOCATION "${STEMMER_LINK_LIBRARY}"
  INTERFACE_INCLUDE_DIRECTORIES "${STEMMER_INCLUDE_DIR}")

pkg_check_modules(LIBARCHIVE REQUIRED IMPORTED_TARGET libarchive)
add_library(Dateline::archive ALIAS PkgConfig::LIBARCHIVE)
pkg_check_modules(GUMBO REQUIRED IMPORTED_TARGET gumbo)
add_library(Dateline::gumbo ALIAS PkgConfig::GUMBO)
# RSS and Atom feeds: a streaming XML reader.
pkg_check_modules(LIBXML2 REQUIRED IMPORTED_TARGET libxml-2.0)
add_library(Dateline::xml2 ALIAS PkgConfig::LIBXML2)
# MIME e-mail (multipart, base64, quoted-printable, RFC 2047 words, charsets).
pkg_check_modules(GMIME REQUIRED IMPORTED_TARGET gmime-3.0)
add_library(Dateline::gmime ALIAS PkgConfig::GMIME)
# PDF documents: Poppler's text extraction in reading order.
pkg_check_modules(POPPLER_CPP REQUIRED IMPORTED_TARGET poppler-cpp)
add_library(Dateline::poppler ALIAS PkgConfig::POPPLER_CPP)
# Word 97-2003 (.doc): the OLE2 container and its summary information.
pkg_check_modules(GSF REQUIRED IMPORTED_TARGET libgsf-1)
add_library(Dateline::gsf ALIAS PkgConfig::GSF)

# Language detection (CLD2; Debian ships no pkg-config file for it).
find_path(CLD2_INCLUDE_DIR cld2/public/compact_lang_det.h REQUIRED)
find_library(CLD2_LIBRARY cld2 REQUIRED)
add_library(Dateline::cld2 UNKNOWN IMPORTED)
set_target_properties(Dateline::cld2 PROPERTIES
  IMPORTED_LOCATION "${CLD2_LIBRARY}"
  INTERFACE_INCLUDE_DIRECTORIES "${CLD2_INCLUDE_DIR}")

# CSV and TSV input (libcsv 3). Debian ships no pkg-config file for it, and
# csv.h is a common name: the header found must be libcsv 3's, whose parser
# struct the reader relies on (csv_reader.cpp). Linked as the shared
# library (LGPL-2.1+).
find_path(CSV_INCLUDE_DIR csv.h)
find_library(CSV_LIBRARY NAMES csv)
if(EXISTS "${CSV_INCLUDE_DIR}/csv.h")
  file(STRINGS "${CSV_INCLUDE_DIR}/csv.h" CSV_MAJOR_LINE REGEX "^#define CSV_MAJOR +[0-9]+")
endif()
if(NOT CSV_LIBRARY OR NOT CSV_MAJOR_LINE MATCHES "CSV_MAJOR +3$")
  message(FATAL_ERROR "libcsv 3 not found (csv.h: ${CSV_INCLUDE_DIR}, library: ${CSV_LIBRARY}): "
                      "install Debian's libcsv-dev (scripts/install-deps)")
endif()
add_library(Dateline::csv UNKNOWN IMPORTED)
set_target_properties(Dateline::csv PROPERTIES
  IMPORTED_LOCATION "${CSV_LIBRARY}"
  INTERFACE_INCLUDE_DIRECTORIES "${CSV_INCLUDE_DIR}")

# jemalloc for dateline-index only: indexing allocates millions of small
# strings and tree nodes (the entity tagger, Xapian's inverter), where glibc's
# malloc spends 10-25% of the CPU (bench/RESULTS.md). Off under sanitizers,
# whose allocator must stay theirs, and when the package is missing.
option(DATELINE_JEMALLOC "Link dateline-index against jemalloc" ON)
if(DATELINE_JEMALLOC)
  pkg_check_modules(JEMALLOC IMPORTED_TARGET jemalloc)
  if(NOT JEMALLOC_FOUND)
    message(WARNING "jemalloc not found (libjemalloc-dev): dateline-index uses glibc's malloc")
    set(DATELINE_JEMALLOC OFF)
  endif()
endif()

#pragma once
// Internal: CoNLL-2003 files (read, tag conversion, write back) and the
// phrase-level scorer, equivalent to the shared task's conlleval script.

#include <array>
#include <cstddef>
#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

#include "ner/labels.h"

namespace dateline::ner {

/// An entity phrase: tokens [begin, end) of one sentence.
struct Span {
  std::size_t begin = 0;
  std::size_t end = 0;
  EntityType type = EntityType::misc;
  bool operator==(const Span&) const = default;
};

/// Phrases in a sequence of tags, read the way conlleval reads them: IOB1,
/// IOB2 and BILOU tags are all accepted ("I-X" after "O" or after another
/// type starts a phrase, "B-X" always does, "L-X"/"E-X" and "U-X"/"S-X" end
/// one). Tags with an unknown type are treated as O.
std::vector<Span> spans_from_tags(const std::vector<std::string>& tags);

/// BILOU labels (see labels.h) for `length` tokens holding `spans`.
std::vector<int> labels_from_spans(const std::vector<Span>& spans, std::size_t length);

/// Phrases in a sequence of BILOU labels. An unclosed B/I run still counts
/// as a phrase, as conlleval would read it.
std::vector<Span> spans_from_labels(const std::vector<int>& labels);

/// The IOB2 tag of each label ("B-PER", "I-PER", "O").
std::vector<std::string> iob2_tags(const std::vector<int>& labels);

/// A sentence of a CoNLL file: its words, gold tags (last column) and the
/// line of the file each token came from.
struct ConllSentence {
  std::vector<std::string> words;
  std::vector<std::string> tags;
  std::vector<std::size_t> lines;
};

/// A document: the sentences between two -DOCSTART- lines.
struct ConllDocument {
  std::vector<ConllSentence> sentences;
};

/// A CoNLL file as read: every line kept, so it can be written back with a
/// column appended.
struct ConllFile {
  std::vector<std::string> lines;
  bool final_newline = true;
  std::vector<ConllDocument> documents;
};

/// Read a CoNLL file: one token per line, whitespace-separated columns, the
/// word first and the tag last; blank lines end sentences; "-DOCSTART-"
/// lines start documents. Works with or without a final newline.
ConllFile read_conll(std::istream& in);

/// Write `file` back with one column appended to each token line: `tags`
/// holds, per document and sentence, one tag per token. -DOCSTART- lines get
/// "O". Blank lines stay blank; the final newline is kept as it was.
/// @exception dateline::InvalidArgumentError when `tags` does not match the file.
void write_conll(std::ostream& out, const ConllFile& file,
                 const std::vector<std::vector<std::vector<std::string>>>& tags);

/// Phrase counts of one type, or of all types.
struct PhraseCounts {
  std::size_t gold = 0;
  std::size_t predicted = 0;
  std::size_t correct = 0;
  double precision() const;
  double recall() const;
  double f1() const;
};

/// Exact-match phrase scores, overall and per type (conlleval).
struct PhraseScore {
  PhraseCounts overall;
  std::array<PhraseCounts, type_count> by_type{};
  std::size_t tokens = 0;
  std::size_t correct_tokens = 0;  ///< same IOB2 tag in gold and prediction

  /// Add one sentence: a phrase is correct when its boundaries and type
  /// both match a gold phrase.
  void add(const std::vector<Span>& gold, const std::vector<Span>& predicted);
};

/// conlleval-style report: one line overall, then one per type.
std::string format_score(const PhraseScore& score);

}  // namespace dateline::ner

#include "ner/conll.h"

#include <cstdio>
#include <istream>
#include <ostream>

#include "dateline/common/error.h"

namespace dateline::ner {

std::optional<EntityType> type_from_name(std::string_view name) noexcept {
  for (int type = 0; type < type_count; ++type) {
    if (type_names[type] == name) return static_cast<EntityType>(type);
  }
  return std::nullopt;
}

namespace {
struct ParsedTag {
  char prefix = 'O';  // O, B, I, L, U (E and S are read as L and U)
  std::optional<EntityType> type;
};

ParsedTag parse_tag(std::string_view tag) {
  if (tag.size() < 3 || tag[1] != '-') return {};
  ParsedTag parsed;
  parsed.type = type_from_name(tag.substr(2));
  if (!parsed.type) return {};
  switch (tag[0]) {
    case 'B':
    case 'I':
    case 'L':
    case 'U':
      parsed.prefix = tag[0];
      break;
    case 'E':
      parsed.prefix = 'L';
      break;
    case 'S':
      parsed.prefix = 'U';
      break;
    default:
      return {};
  }
  return parsed;
}

std::vector<std::string_view> split_columns(std::string_view line) {
  std::vector<std::string_view> columns;
  std::size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t' || line[i] == '\r')) ++i;
    std::size_t start = i;
    while (i < line.size() && line[i] != ' ' && line[i] != '\t' && line[i] != '\r') ++i;
    if (i > start) columns.push_back(line.substr(start, i - start));
  }
  return columns;
}
}  // namespace

std::vector<Span> spans_from_tags(const std::vector<std::string>& tags) {
  std::vector<Span> spans;
  bool open = false;
  Span current;
  auto close = [&](std::size_t end) {
    if (!open) return;
    current.end = end;
    spans.push_back(current);
    open = false;
  };
  for (std::size_t i = 0; i < tags.size(); ++i) {
    ParsedTag tag = parse_tag(tags[i]);
    if (!tag.type) {
      close(i);
      continue;
    }
    bool continues = open && current.type == *tag.type && (tag.prefix == 'I' || tag.prefix == 'L');
    if (!continues) {
      close(i);
      current = Span{i, i, *tag.type};
      open = true;
    }
    if (tag.prefix == 'L' || tag.prefix == 'U') close(i + 1);
  }
  close(tags.size());
  return spans;
}

std::vector<int> labels_from_spans(const std::vector<Span>& spans, std::size_t length) {
  std::vector<int> labels(length, outside_label);
  for (const auto& span : spans) {
    if (span.end <= span.begin || span.end > length) continue;
    if (span.end - span.begin == 1) {
      labels[span.begin] = make_label(span.type, Position::unit);
      continue;
    }
    labels[span.begin] = make_label(span.type, Position::begin);
    for (std::size_t i = span.begin + 1; i + 1 < span.end; ++i) {
      labels[i] = make_label(span.type, Position::inside);
    }
    labels[span.end - 1] = make_label(span.type, Position::last);
  }
  return labels;
}

std::vector<Span> spans_from_labels(const std::vector<int>& labels) {
  std::vector<Span> spans;
  bool open = false;
  Span current;
  for (std::size_t i = 0; i < labels.size(); ++i) {
    int label = labels[i];
    Position position = label_position(label);
    if (position == Position::outside) {
      if (open) spans.push_back(Span{current.begin, i, current.type});
      open = false;
      continue;
    }
    EntityType type = label_type(label);
    bool continues = open && current.type == type &&
                     (position == Position::inside || position == Position::last);
    if (!continues) {
      if (open) spans.push_back(Span{current.begin, i, current.type});
      current = Span{i, i, type};
      open = true;
    }
    if (position == Position::last || position == Position::unit) {
      spans.push_back(Span{current.begin, i + 1, current.type});
      open = false;
    }
  }
  if (open) spans.push_back(Span{current.begin, labels.size(), current.type});
  return spans;
}

std::vector<std::string> iob2_tags(const std::vector<int>& labels) {
  std::vector<std::string> tags(labels.size(), "O");
  for (const auto& span : spans_from_labels(labels)) {
    std::string name(type_names[static_cast<int>(span.type)]);
    tags[span.begin] = "B-" + name;
    for (std::size_t i = span.begin + 1; i < span.end; ++i) tags[i] = "I-" + name;
  }
  return tags;
}

ConllFile read_conll(std::istream& in) {
  ConllFile file;
  ConllSentence sentence;
  auto end_sentence = [&] {
    if (sentence.words.empty()) return;
    if (file.documents.empty()) file.documents.emplace_back();
    file.documents.back().sentences.push_back(std::move(sentence));
    sentence = ConllSentence{};
  };
  std::string line;
  file.final_newline = true;
  while (std::getline(in, line)) {
    if (in.eof()) file.final_newline = false;
    std::size_t number = file.lines.size();
    auto columns = split_columns(line);
    if (columns.empty()) {
      end_sentence();
    } else if (columns[0] == "-DOCSTART-") {
      end_sentence();
      file.documents.emplace_back();
    } else {
      sentence.words.emplace_back(columns.front());
      sentence.tags.emplace_back(columns.size() > 1 ? columns.back() : "O");
      sentence.lines.push_back(number);
    }
    file.lines.push_back(std::move(line));
  }
  end_sentence();
  return file;
}

void write_conll(std::ostream& out, const ConllFile& file,
                 const std::vector<std::vector<std::vector<std::string>>>& tags) {
  std::vector<const std::string*> appended(file.lines.size(), nullptr);
  if (tags.size() != file.documents.size()) {
    throw InvalidArgumentError("tags do not match the CoNLL file's documents");
  }
  for (std::size_t d = 0; d < tags.size(); ++d) {
    const auto& sentences = file.documents[d].sentences;
    if (tags[d].size() != sentences.size()) {
      throw InvalidArgumentError("tags do not match the CoNLL file's sentences");
    }
    for (std::size_t s = 0; s < sentences.size(); ++s) {
      if (tags[d][s].size() != sentences[s].lines.size()) {
        throw InvalidArgumentError("tags do not match the CoNLL file's tokens");
      }
      for (std::size_t t = 0; t < sentences[s].lines.size(); ++t) {
        appended[sentences[s].lines[t]] = &tags[d][s][t];
      }
    }
  }
  static const std::string outside = "O";
  for (std::size_t i = 0; i < file.lines.size(); ++i) {
    std::string_view line = file.lines[i];
    if (line.ends_with('\r')) line.remove_suffix(1);
    out << line;
    if (appended[i] != nullptr) {
      out << ' ' << *appended[i];
    } else if (line.starts_with("-DOCSTART-")) {
      out << ' ' << outside;
    }
    if (i + 1 < file.lines.size() || file.final_newline) out << '\n';
  }
}

double PhraseCounts::precision() const {
  return predicted == 0 ? 0.0
                        : 100.0 * static_cast<double>(correct) / static_cast<double>(predicted);
}

double PhraseCounts::recall() const {
  return gold == 0 ? 0.0 : 100.0 * static_cast<double>(correct) / static_cast<double>(gold);
}

double PhraseCounts::f1() const {
  double p = precision();
  double r = recall();
  return p + r == 0 ? 0.0 : 2 * p * r / (p + r);
}

void PhraseScore::add(const std::vector<Span>& gold, const std::vector<Span>& predicted) {
  for (const auto& span : gold) {
    ++overall.gold;
    ++by_type[static_cast<int>(span.type)].gold;
  }
  for (const auto& span : predicted) {
    ++overall.predicted;
    ++by_type[static_cast<int>(span.type)].predicted;
    for (const auto& wanted : gold) {
      if (wanted == span) {
        ++overall.correct;
        ++by_type[static_cast<int>(span.type)].correct;
        break;
      }
    }
  }
}

std::string format_score(const PhraseScore& score) {
  std::string out;
  char line[200];
  std::snprintf(line, sizeof line,
                "processed %zu tokens with %zu phrases; found: %zu phrases; correct: %zu.\n",
                score.tokens, score.overall.gold, score.overall.predicted, score.overall.correct);
  out += line;
  if (score.tokens > 0) {
    std::snprintf(
        line, sizeof line, "accuracy: %6.2f%%; ",
        100.0 * static_cast<double>(score.correct_tokens) / static_cast<double>(score.tokens));
    out += line;
  }
  std::snprintf(line, sizeof line, "precision: %6.2f%%; recall: %6.2f%%; FB1: %6.2f\n",
                score.overall.precision(), score.overall.recall(), score.overall.f1());
  out += line;
  for (int type = 0; type < type_count; ++type) {
    const auto& counts = score.by_type[type];
    std::snprintf(line, sizeof line, "%17s: precision: %6.2f%%; recall: %6.2f%%; FB1: %6.2f  %zu\n",
                  std::string(type_names[type]).c_str(), counts.precision(), counts.recall(),
                  counts.f1(), counts.predicted);
    out += line;
  }
  return out;
}

}  // namespace dateline::ner

#include "ner/tagger.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <fstream>
#include <istream>
#include <limits>
#include <map>
#include <ostream>
#include <string_view>
#include <unordered_map>

#include "dateline/common/error.h"
#include "ner/binary_io.h"
#include "ner/features.h"

namespace dateline::ner {

namespace {
constexpr char model_magic[8] = {'D', 'L', 'N', 'E', 'R', '\x01', '\0', '\0'};
constexpr std::uint32_t model_end = 0x21444e45;  // "END!"
constexpr std::size_t max_train_phrase_words = 6;

// splitmix64: a small generator whose output is the same everywhere, so the
// shuffled order (and the model) does not depend on the standard library.
class Random {
 public:
  explicit Random(std::uint64_t seed) : m_state(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (m_state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  std::size_t below(std::size_t bound) { return static_cast<std::size_t>(next() % bound); }

 private:
  std::uint64_t m_state;
};

// The greedy decoder shared by training and tagging. `score` fills
// scores[label_count] for a list of rows; `learn`, when set, is called for
// each token with the rows used, the gold label and the predicted one.
template <typename Score, typename Learn>
std::vector<std::vector<int>> decode_document(const FeatureExtractor& extractor,
                                              const Sentences& sentences,
                                              const GazetteerExclusions* exclusions,
                                              const std::vector<std::vector<int>>* gold,
                                              Score&& score, Learn&& learn) {
  std::vector<std::vector<int>> result(sentences.size());
  DocumentEvidence evidence = extractor.document_evidence(sentences);
  DocumentMemory memory;
  SentenceFeatures features;
  std::vector<std::uint32_t> rows;
  std::array<double, label_count> scores{};
  for (std::size_t s = 0; s < sentences.size(); ++s) {
    const auto& words = sentences[s];
    extractor.sentence_features(words, evidence, exclusions, features);
    auto& labels = result[s];
    labels.assign(words.size(), outside_label);
    for (std::size_t i = 0; i < words.size(); ++i) {
      rows.assign(features.rows.begin() + features.offsets[i],
                  features.rows.begin() + features.offsets[i + 1]);
      extractor.history_features(features, i, labels, memory, rows);
      score(rows, scores);
      int previous = i == 0 ? outside_label : labels[i - 1];
      bool last = i + 1 == words.size();
      int best = outside_label;
      double best_score = -std::numeric_limits<double>::infinity();
      for (int label = 0; label < label_count; ++label) {
        if (!label_allowed(previous, label, last)) continue;
        if (scores[label] > best_score) {
          best_score = scores[label];
          best = label;
        }
      }
      if (gold != nullptr) {
        int wanted = (*gold)[s][i];
        // A gold label the history rules out cannot be learnt here; the
        // mistake that caused it was learnt from where it was made.
        if (label_allowed(previous, wanted, last)) learn(rows, wanted, best);
      }
      labels[i] = best;
      memory.record(features.tokens[i], best);
    }
  }
  return result;
}

void write_varint(std::ostream& out, std::uint64_t value) {
  while (value >= 0x80) {
    out.put(static_cast<char>((value & 0x7F) | 0x80));
    value >>= 7;
  }
  out.put(static_cast<char>(value));
}

std::uint64_t read_varint(std::istream& in) {
  std::uint64_t value = 0;
  for (int shift = 0; shift < 64; shift += 7) {
    int byte = in.get();
    if (byte == std::char_traits<char>::eof()) throw Error("entity model: truncated");
    value |= static_cast<std::uint64_t>(byte & 0x7F) << shift;
    if ((byte & 0x80) == 0) return value;
  }
  throw Error("entity model: malformed number");
}

using detail::mix;
using detail::write_raw;

using detail::read_raw;

// The training data's entity strings, per document, as (phrase key, list),
// each with the word_key()s of its words.
using PhraseEntries = std::map<std::pair<std::uint64_t, ListMask>, std::vector<std::uint64_t>>;

PhraseEntries document_phrases(const LabelledDocument& document) {
  PhraseEntries entries;
  std::vector<std::uint64_t> keys;
  for (std::size_t s = 0; s < document.sentences.size(); ++s) {
    for (const auto& span : spans_from_labels(document.labels[s])) {
      if (span.end - span.begin > max_train_phrase_words) continue;
      keys.clear();
      for (std::size_t i = span.begin; i < span.end; ++i) {
        keys.push_back(word_key(document.sentences[s][i]));
      }
      int list = static_cast<int>(List::train_person) + static_cast<int>(span.type);
      entries.emplace(std::pair{phrase_key(keys), static_cast<ListMask>(1u << list)}, keys);
    }
  }
  return entries;
}
// Label consistency within a document: a phrase of two or more words tagged
// as an entity somewhere is tagged the same wherever else it occurs, unless
// that would cut through another entity ("Save the Children said" after
// "Save" alone was tagged at the start of a sentence).
void propagate_phrases(const Sentences& sentences, std::vector<std::vector<int>>& labels) {
  struct Phrase {
    std::vector<std::string_view> words;
    EntityType type;
  };
  // The phrases in the order first tagged, each once, found again by their
  // words and by their first word: an article of many thousands of names
  // costs no more per word than a short one.
  std::vector<Phrase> phrases;
  std::map<std::vector<std::string_view>, std::size_t> known;
  std::unordered_map<std::string_view, std::vector<std::size_t>> by_first_word;
  for (std::size_t s = 0; s < sentences.size(); ++s) {
    for (const auto& span : spans_from_labels(labels[s])) {
      if (span.end - span.begin < 2) continue;
      Phrase phrase{{}, span.type};
      for (std::size_t i = span.begin; i < span.end; ++i) phrase.words.push_back(sentences[s][i]);
      if (!known.emplace(phrase.words, phrases.size()).second) continue;
      by_first_word[phrase.words.front()].push_back(phrases.size());
      phrases.push_back(std::move(phrase));
    }
  }
  if (phrases.empty()) return;
  // Per sentence, the places each phrase occurs, applied phrase by phrase
  // (in the order first tagged), each phrase's from left to right: an
  // earlier phrase's tags decide whether a later one fits.
  std::vector<std::pair<std::size_t, std::size_t>> found;  // (phrase, start)
  for (std::size_t s = 0; s < sentences.size(); ++s) {
    const auto& words = sentences[s];
    found.clear();
    for (std::size_t start = 0; start < words.size(); ++start) {
      auto starting = by_first_word.find(words[start]);
      if (starting == by_first_word.end()) continue;
      for (std::size_t p : starting->second) {
        const auto& phrase = phrases[p].words;
        if (start + phrase.size() <= words.size() &&
            std::equal(phrase.begin(), phrase.end(),
                       words.begin() + static_cast<std::ptrdiff_t>(start))) {
          found.emplace_back(p, start);
        }
      }
    }
    std::sort(found.begin(), found.end());
    auto& sentence_labels = labels[s];
    for (auto [p, start] : found) {
      const auto& phrase = phrases[p];
      const std::size_t end = start + phrase.words.size();
      // Entities may not run across the phrase's edges.
      Position first = label_position(sentence_labels[start]);
      Position last = label_position(sentence_labels[end - 1]);
      bool enters = first == Position::inside || first == Position::last;
      bool leaves = last == Position::begin || last == Position::inside;
      // Only fill gaps: a phrase already wholly tagged keeps its tags.
      bool gap = std::any_of(sentence_labels.begin() + static_cast<std::ptrdiff_t>(start),
                             sentence_labels.begin() + static_cast<std::ptrdiff_t>(end),
                             [](int label) { return label == outside_label; });
      if (enters || leaves || !gap) continue;
      for (std::size_t i = start; i < end; ++i) {
        Position position = i == start     ? Position::begin
                            : i + 1 == end ? Position::last
                                           : Position::inside;
        sentence_labels[i] = make_label(phrase.type, position);
      }
    }
  }
}
}  // namespace

std::vector<LabelledDocument> labelled_documents(const ConllFile& file) {
  std::vector<LabelledDocument> documents;
  for (const auto& document : file.documents) {
    LabelledDocument labelled;
    for (const auto& sentence : document.sentences) {
      labelled.sentences.push_back(sentence.words);
      labelled.labels.push_back(
          labels_from_spans(spans_from_tags(sentence.tags), sentence.words.size()));
    }
    if (!labelled.sentences.empty()) documents.push_back(std::move(labelled));
  }
  return documents;
}

// ---------------------------------------------------------------------------
// Model

Model Model::load(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw Error("cannot read entity model " + file.string());
  try {
    return load(in);
  } catch (const Error& error) {
    throw Error(file.string() + ": " + error.what());
  }
}

Model Model::load(std::istream& in) {
  char magic[sizeof model_magic];
  if (!in.read(magic, sizeof magic) || !std::equal(magic, magic + sizeof magic, model_magic)) {
    throw Error("not a Dateline entity model (or a different version)");
  }
  Model model;
  model.m_bits = read_raw<std::uint32_t>(in);
  if (model.m_bits < 10 || model.m_bits > 26) throw Error("entity model: bad table size");
  model.m_scale = read_raw<float>(in);
  model.m_gazetteer.load(in);
  auto count = read_raw<std::uint32_t>(in);
  if (count > (1u << model.m_bits)) throw Error("entity model: too many rows");
  model.m_rows.reserve(count);
  model.m_weights.assign(static_cast<std::size_t>(count) * label_count, 0);
  std::uint64_t row = 0;
  for (std::uint32_t stored = 0; stored < count; ++stored) {
    row += read_varint(in);
    if (row >= (std::uint64_t{1} << model.m_bits)) throw Error("entity model: row out of range");
    model.m_rows.push_back(static_cast<std::uint32_t>(row));
    auto mask = read_varint(in);
    for (int label = 0; label < label_count; ++label) {
      if (((mask >> label) & 1) == 0) continue;
      std::uint64_t zigzag = read_varint(in);
      auto value = static_cast<std::int64_t>(zigzag >> 1) ^ -static_cast<std::int64_t>(zigzag & 1);
      model.m_weights[static_cast<std::size_t>(stored) * label_count + label] =
          static_cast<std::int16_t>(value);
    }
  }
  if (read_raw<std::uint32_t>(in) != model_end) throw Error("entity model: bad end marker");
  model.build_slots();
  return model;
}

void Model::save(std::ostream& out) const {
  out.write(model_magic, sizeof model_magic);
  write_raw<std::uint32_t>(out, m_bits);
  write_raw<float>(out, m_scale);
  m_gazetteer.save(out);
  write_raw<std::uint32_t>(out, static_cast<std::uint32_t>(m_rows.size()));
  std::uint64_t previous = 0;
  for (std::size_t stored = 0; stored < m_rows.size(); ++stored) {
    const std::int16_t* weights = &m_weights[stored * label_count];
    write_varint(out, m_rows[stored] - previous);
    previous = m_rows[stored];
    std::uint64_t mask = 0;
    for (int label = 0; label < label_count; ++label) {
      if (weights[label] != 0) mask |= 1u << label;
    }
    write_varint(out, mask);
    for (int label = 0; label < label_count; ++label) {
      if (weights[label] == 0) continue;
      std::int64_t value = weights[label];
      write_varint(out, static_cast<std::uint64_t>((value << 1) ^ (value >> 63)));
    }
  }
  write_raw<std::uint32_t>(out, model_end);
}

void Model::build_slots() {
  std::size_t size = 1024;
  while (size < m_rows.size() * 3) size *= 2;
  m_slots.assign(size, 0);
  for (std::size_t stored = 0; stored < m_rows.size(); ++stored) {
    std::uint64_t key = std::uint64_t{m_rows[stored]} + 1;
    std::size_t slot = static_cast<std::size_t>(mix(key)) & (size - 1);
    while (m_slots[slot] != 0) slot = (slot + 1) & (size - 1);
    m_slots[slot] = key << 32 | (stored + 1);
  }
}

std::uint32_t Model::stored_row(std::uint32_t row) const {
  std::uint64_t key = std::uint64_t{row} + 1;
  const std::size_t mask = m_slots.size() - 1;
  for (std::size_t slot = static_cast<std::size_t>(mix(key)) & mask;; slot = (slot + 1) & mask) {
    std::uint64_t here = m_slots[slot];
    if (here == 0) return 0;
    if ((here >> 32) == key) return static_cast<std::uint32_t>(here);
  }
}

std::vector<std::vector<int>> Model::tag(const Sentences& document) const {
  FeatureExtractor extractor(m_gazetteer, m_bits);
  auto score = [this](const std::vector<std::uint32_t>& rows,
                      std::array<double, label_count>& scores) {
    // The lookups are cache misses more than work: start them all, then
    // sum, so that they overlap.
    const std::size_t mask = m_slots.size() - 1;
    for (std::uint32_t row : rows) {
      __builtin_prefetch(&m_slots[static_cast<std::size_t>(mix(std::uint64_t{row} + 1)) & mask]);
    }
    std::array<std::uint32_t, 256> found;
    std::size_t count = 0;
    for (std::uint32_t row : rows) {
      std::uint32_t stored = stored_row(row);
      if (stored == 0 || count == found.size()) continue;
      __builtin_prefetch(&m_weights[static_cast<std::size_t>(stored - 1) * label_count]);
      found[count++] = stored;
    }
    std::array<std::int32_t, label_count> sums{};
    for (std::size_t i = 0; i < count; ++i) {
      const std::int16_t* weights =
          &m_weights[static_cast<std::size_t>(found[i] - 1) * label_count];
      for (int label = 0; label < label_count; ++label) sums[label] += weights[label];
    }
    for (int label = 0; label < label_count; ++label) scores[label] = sums[label];
  };
  auto no_learning = [](const std::vector<std::uint32_t>&, int, int) {};
  auto labels = decode_document(extractor, document, nullptr, nullptr, score, no_learning);
  propagate_phrases(document, labels);
  return labels;
}

// ---------------------------------------------------------------------------
// Training

class Trainer {
 public:
  Trainer(Gazetteer gazetteer, unsigned bits)
      : m_gazetteer(std::move(gazetteer)),
        m_bits(bits),
        m_weights((std::size_t{1} << bits) * label_count, 0.0f),
        m_totals(m_weights.size(), 0.0) {}

  Gazetteer& gazetteer() { return m_gazetteer; }

  void train_document(const LabelledDocument& document, const GazetteerExclusions& exclusions) {
    FeatureExtractor extractor(m_gazetteer, m_bits);
    auto score = [this](const std::vector<std::uint32_t>& rows,
                        std::array<double, label_count>& scores) {
      scores.fill(0.0);
      for (std::uint32_t row : rows) {
        const float* weights = &m_weights[static_cast<std::size_t>(row) * label_count];
        for (int label = 0; label < label_count; ++label) scores[label] += weights[label];
      }
    };
    auto learn = [this](const std::vector<std::uint32_t>& rows, int gold, int predicted) {
      if (gold != predicted) {
        for (std::uint32_t row : rows) {
          std::size_t base = static_cast<std::size_t>(row) * label_count;
          m_weights[base + gold] += 1.0f;
          m_totals[base + gold] += m_instances;
          m_weights[base + predicted] -= 1.0f;
          m_totals[base + predicted] -= m_instances;
        }
      }
      m_instances += 1.0;
    };
    decode_document(extractor, document.sentences, &exclusions, &document.labels, score, learn);
  }

  // The averaged weights w - totals / instances.
  std::vector<float> averaged() const {
    std::vector<float> average(m_weights.size());
    for (std::size_t i = 0; i < average.size(); ++i) {
      average[i] = static_cast<float>(m_weights[i] - m_totals[i] / m_instances);
    }
    return average;
  }

  PhraseScore evaluate_weights(const std::vector<float>& weights,
                               const std::vector<LabelledDocument>& documents) const {
    FeatureExtractor extractor(m_gazetteer, m_bits);
    auto score = [&weights](const std::vector<std::uint32_t>& rows,
                            std::array<double, label_count>& scores) {
      scores.fill(0.0);
      for (std::uint32_t row : rows) {
        const float* w = &weights[static_cast<std::size_t>(row) * label_count];
        for (int label = 0; label < label_count; ++label) scores[label] += w[label];
      }
    };
    auto no_learning = [](const std::vector<std::uint32_t>&, int, int) {};
    PhraseScore result;
    for (const auto& document : documents) {
      auto predicted =
          decode_document(extractor, document.sentences, nullptr, nullptr, score, no_learning);
      for (std::size_t s = 0; s < predicted.size(); ++s) {
        result.add(spans_from_labels(document.labels[s]), spans_from_labels(predicted[s]));
      }
    }
    return result;
  }

  Model quantise(const std::vector<float>& weights, float prune_below) const {
    Model model;
    model.m_gazetteer = m_gazetteer;
    model.m_bits = m_bits;
    float largest = 0;
    for (float w : weights) largest = std::max(largest, std::fabs(w));
    model.m_scale = largest > 0 ? largest / 32767.0f : 1.0f;
    std::vector<std::int16_t> row_weights(label_count);
    for (std::size_t row = 0; row < (std::size_t{1} << m_bits); ++row) {
      bool any = false;
      for (int label = 0; label < label_count; ++label) {
        float w = weights[row * label_count + label];
        if (std::fabs(w) < prune_below) w = 0;
        row_weights[label] = static_cast<std::int16_t>(std::lround(w / model.m_scale));
        any = any || row_weights[label] != 0;
      }
      if (!any) continue;
      model.m_weights.insert(model.m_weights.end(), row_weights.begin(), row_weights.end());
      model.m_rows.push_back(static_cast<std::uint32_t>(row));
    }
    model.build_slots();
    return model;
  }

 private:
  Gazetteer m_gazetteer;
  unsigned m_bits;
  std::vector<float> m_weights;
  std::vector<double> m_totals;
  double m_instances = 1.0;
};

TrainResult train_model(const std::vector<LabelledDocument>& train,
                        const std::vector<LabelledDocument>& dev, Gazetteer gazetteer,
                        const TrainOptions& options) {
  if (options.table_bits < 10 || options.table_bits > 26) {
    throw InvalidArgumentError("table bits must be between 10 and 26");
  }
  // The training data's entity strings join the gazetteer; while training on
  // a document, entries that only that document contributed are hidden.
  std::vector<PhraseEntries> phrases;
  std::map<std::pair<std::uint64_t, ListMask>, std::size_t> document_counts;
  for (const auto& document : train) {
    phrases.push_back(document_phrases(document));
    for (const auto& [entry, words] : phrases.back()) {
      ++document_counts[entry];
      gazetteer.add_keys(words, entry.second);
    }
  }
  std::vector<GazetteerExclusions> exclusions(train.size());
  for (std::size_t d = 0; d < train.size(); ++d) {
    for (const auto& [entry, words] : phrases[d]) {
      if (document_counts[entry] == 1) exclusions[d][entry.first] |= entry.second;
    }
  }

  Trainer trainer(std::move(gazetteer), options.table_bits);
  std::vector<std::size_t> order(train.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  Random random(options.seed);
  TrainResult result;
  std::vector<float> best;
  for (unsigned epoch = 1; epoch <= options.epochs; ++epoch) {
    auto start = std::chrono::steady_clock::now();
    for (std::size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[random.below(i)]);
    for (std::size_t d : order) trainer.train_document(train[d], exclusions[d]);
    double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    auto average = trainer.averaged();
    double f1 = trainer.evaluate_weights(average, dev).overall.f1();
    if (options.progress) options.progress(EpochReport{epoch, f1, seconds});
    if (best.empty() || f1 > result.best_dev_f1) {
      result.best_dev_f1 = f1;
      result.best_epoch = epoch;
      best = std::move(average);
    }
  }
  if (best.empty()) best = trainer.averaged();
  result.model = trainer.quantise(best, options.prune_below);
  return result;
}

PhraseScore evaluate(const Model& model, const std::vector<LabelledDocument>& documents) {
  PhraseScore result;
  for (const auto& document : documents) {
    auto predicted = model.tag(document.sentences);
    for (std::size_t s = 0; s < predicted.size(); ++s) {
      auto gold_tags = iob2_tags(document.labels[s]);
      auto predicted_tags = iob2_tags(predicted[s]);
      for (std::size_t i = 0; i < gold_tags.size(); ++i) {
        ++result.tokens;
        if (gold_tags[i] == predicted_tags[i]) ++result.correct_tokens;
      }
      result.add(spans_from_labels(document.labels[s]), spans_from_labels(predicted[s]));
    }
  }
  return result;
}

}  // namespace dateline::ner

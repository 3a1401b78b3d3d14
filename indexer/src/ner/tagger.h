#pragma once
// Internal: the entity tagger. An averaged perceptron (Collins 2002) over
// BILOU labels, decoded greedily left to right with the BILOU validity
// constraints (labels.h), on hashed features (features.h). Documents are
// tagged in order, so that labels given earlier in a document inform later
// decisions.

#include <cstdint>
#include <filesystem>
#include <functional>
#include <iosfwd>
#include <string>
#include <vector>

#include "ner/conll.h"
#include "ner/gazetteer.h"

namespace dateline::ner {

/// A document's sentences as words.
using Sentences = std::vector<std::vector<std::string>>;

/// A document with gold labels (labels.h), for training and evaluation.
struct LabelledDocument {
  Sentences sentences;
  std::vector<std::vector<int>> labels;
};

/// The documents of a CoNLL file with their gold labels (IOB1 or IOB2).
std::vector<LabelledDocument> labelled_documents(const ConllFile& file);

/// A trained tagger: quantised weights and its gazetteer. Immutable once
/// loaded, so one Model may tag from many threads at once.
class Model {
 public:
  Model() = default;

  /// Read a model file.
  /// @exception dateline::Error when the file is missing, truncated, or not
  /// a model of this version.
  static Model load(const std::filesystem::path& file);
  static Model load(std::istream& in);
  /// Write the model (deterministic: the same model gives the same bytes).
  void save(std::ostream& out) const;

  /// Labels for each sentence of one document. Thread-safe.
  std::vector<std::vector<int>> tag(const Sentences& document) const;

  /// Number of weight rows stored.
  std::size_t rows() const { return m_rows.size(); }
  const Gazetteer& gazetteer() const { return m_gazetteer; }

 private:
  friend class Trainer;
  Gazetteer m_gazetteer;
  unsigned m_bits = 0;
  float m_scale = 1.0f;
  std::vector<std::uint32_t> m_rows;  // table rows with weights, ascending
  // Open addressing over table rows: each slot packs (1 + table row) << 32 |
  // (1 + position in m_rows), so a probe touches one cache line.
  std::vector<std::uint64_t> m_slots;
  std::uint32_t stored_row(std::uint32_t row) const;
  void build_slots();
  std::vector<std::int16_t> m_weights;  // m_rows.size() x label_count
};

/// What train_model reports after each epoch.
struct EpochReport {
  unsigned epoch = 0;
  double dev_f1 = 0;
  double seconds = 0;  ///< training time of this epoch, without evaluation
};

struct TrainOptions {
  unsigned epochs = 15;
  std::uint64_t seed = 1;
  unsigned table_bits = 21;
  /// Weights smaller than this (in absolute value) are dropped when the
  /// model is quantised; keeps the file small.
  float prune_below = 0.0f;
  std::function<void(const EpochReport&)> progress;
};

struct TrainResult {
  Model model;
  unsigned best_epoch = 0;
  double best_dev_f1 = 0;  ///< with the unquantised averaged weights
};

/// Train on `train`, keeping the epoch whose averaged weights score best on
/// `dev` (phrase F1). `gazetteer` holds the external lists; the training
/// data's own entity strings are added to it, hidden leave-one-document-out
/// while training. Deterministic: the same inputs and seed give the same
/// model, byte for byte.
TrainResult train_model(const std::vector<LabelledDocument>& train,
                        const std::vector<LabelledDocument>& dev, Gazetteer gazetteer,
                        const TrainOptions& options);

/// Score `model` on `documents` (conlleval phrase scores).
PhraseScore evaluate(const Model& model, const std::vector<LabelledDocument>& documents);

}  // namespace dateline::ner

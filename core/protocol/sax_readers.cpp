// The one-pass readers of the two large messages, GET /snapshot's answer
// (and the snapshot bundle) and POST /journal's body, on nlohmann's SAX
// interface: straight into the structs, through the same field checks as
// the tree readers, without a JSON value per row.
#include <set>

#include "fields.hpp"
#include "json_tree.hpp"

namespace speedmeet::protocol {
namespace {

using fields::FieldError;
using fields::FlatFields;
using fields::FlatObject;
using fields::FlatValue;
using fields::kMaxSmall;
using fields::kMaxText;

// The SAX callbacks both one-pass readers share: every scalar reaches the
// reader's scalar(set_flat, value) with a setter that stores it in a
// FlatValue, containers reach open(is_array) and close(), and a syntax error
// is a 400 malformed_json.
template <class Reader>
class FlatSax : public nlohmann::json_sax<Json> {
 public:
  bool null() override { return self().scalar([](FlatValue& v) { v.kind = FlatValue::Kind::null; }, nullptr); }
  bool boolean(bool b) override {
    return self().scalar([&](FlatValue& v) { v.kind = FlatValue::Kind::boolean; v.boolean = b; }, b);
  }
  bool number_integer(number_integer_t n) override {
    return self().scalar([&](FlatValue& v) { v.kind = FlatValue::Kind::integer; v.integer = n; }, n);
  }
  bool number_unsigned(number_unsigned_t n) override {
    return self().scalar([&](FlatValue& v) { v.kind = FlatValue::Kind::unsigned_integer; v.unsigned_integer = n; }, n);
  }
  bool number_float(number_float_t n, const string_t&) override {
    return self().scalar([](FlatValue& v) { v.kind = FlatValue::Kind::floating; }, n);
  }
  bool string(string_t& text) override {
    return self().scalar([&](FlatValue& v) { v.kind = FlatValue::Kind::string; v.text.swap(text); }, text);
  }
  bool binary(binary_t&) override { return true; }  // never produced by the JSON lexer

  bool start_object(std::size_t) override { return self().open(false); }
  bool start_array(std::size_t) override { return self().open(true); }
  bool end_object() override { return self().close(); }
  bool end_array() override { return self().close(); }

  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception& e) override {
    throw_malformed(e);
  }

 private:
  Reader& self() { return static_cast<Reader&>(*this); }
};

// GET /snapshot's answer read in one pass with nlohmann's SAX interface,
// straight into the structs: no JSON value is built for the 50,000 rows
// (building and freeing that tree cost more than the reading). Every item
// goes through the same read_* checks as parse_snapshot; unknown members are
// skipped at any depth. `enveloped`: the text is a bundle, an object that
// holds the snapshot under "snapshot"; its other scalar members are kept in
// envelope() for the bundle's format checks.
class SnapshotReader : public FlatSax<SnapshotReader> {
 public:
  SnapshotReader(int max_depth, bool enveloped)
      : max_depth_(max_depth), enveloped_(enveloped), snapshot_depth_(enveloped ? 2 : 1) {}

  // After a successful parse: the snapshot, or nullopt for an envelope
  // without one.
  std::optional<Snapshot> take() {
    if (!snapshot_done_) return std::nullopt;
    return std::move(snapshot_);
  }
  Json& envelope() { return envelope_; }

  bool key(string_t& k) override {
    if (skip_ == 0) key_.swap(k);
    return true;
  }

 private:
  friend class FlatSax<SnapshotReader>;  // calls scalar, open and close

  enum class Section { none, rounds, tables, participants, meetings, revocations, journal };
  enum class Collecting { nothing, event, item };

  static Section section_of(const std::string& key) {
    if (key == "rounds") return Section::rounds;
    if (key == "tables") return Section::tables;
    if (key == "participants") return Section::participants;
    if (key == "meetings") return Section::meetings;
    if (key == "revocations") return Section::revocations;
    if (key == "journal") return Section::journal;
    return Section::none;
  }
  static const char* item_name(Section s) {
    switch (s) {
      case Section::rounds: return "round";
      case Section::tables: return "table";
      case Section::participants: return "participant";
      case Section::meetings: return "meeting";
      case Section::revocations: return "revocation";
      case Section::journal: return "journal row";
      case Section::none: break;
    }
    return "value";
  }

  // Depth of the values being read, relative to the snapshot object: 0 its
  // members, 1 the items of its arrays (or the event's members), 2 the
  // members of those items.
  int level() const { return depth_ - snapshot_depth_; }
  bool in_snapshot() const { return snapshot_open_ && level() >= 0; }

  template <class SetFlat, class Value>
  bool scalar(SetFlat set_flat, Value&& value) {
    if (skip_ > 0) return true;
    if (collecting_ != Collecting::nothing) {
      set_flat(flat_.add(key_));
    } else if (in_snapshot() && level() == 0) {
      set_flat(members_.add(key_));
    } else if (in_snapshot() && level() == 1 && section_ != Section::none) {
      not_an_object(item_name(section_));
    } else if (enveloped_ && depth_ == 1) {
      envelope_[key_] = Json(std::forward<Value>(value));
    } else if (depth_ == 0 && !enveloped_) {
      not_an_object("snapshot");
    }
    return true;
  }

  [[noreturn]] static void not_an_object(const std::string& what) {
    throw FieldError(what, what + " must be a JSON object");
  }

  bool open(bool array) {
    if (++depth_ > max_depth_)
      throw ProtocolError(400, "too_deep", "JSON nested deeper than " + std::to_string(max_depth_) + " levels");
    if (skip_ > 0) {
      ++skip_;
      return true;
    }
    if (collecting_ != Collecting::nothing) {  // a nested value inside a row: marked, not read
      flat_.add(key_).kind = FlatValue::Kind::nested;
      skip_ = 1;
      return true;
    }
    if (!snapshot_open_) {
      const bool is_snapshot = enveloped_ ? depth_ == 2 && key_ == "snapshot" : depth_ == 1;
      if (is_snapshot) {
        if (array || snapshot_done_) not_an_object("snapshot");
        snapshot_open_ = true;
      } else if (enveloped_ && depth_ == 1 && !array) {
        envelope_ = Json::object();
      } else {
        if (!enveloped_) not_an_object("snapshot");
        skip_ = 1;  // anything else in an envelope
      }
      return true;
    }
    if (level() == 1) {  // a member of the snapshot
      const Section section = section_of(key_);
      if (section != Section::none || key_ == "event") {
        if (!seen_.insert(key_).second) throw FieldError(key_, "field \"" + key_ + "\" of snapshot: given twice");
        if (array != (section != Section::none)) {
          skip_ = 1;  // the wrong kind: reported as missing when the snapshot ends
          return true;
        }
        if (array) {
          section_ = section;
          found_.insert(key_);
        } else {
          collecting_ = Collecting::event;
          flat_.clear();
        }
      } else {
        skip_ = 1;  // unknown member
      }
      return true;
    }
    if (level() == 2 && section_ != Section::none) {  // one item of an array
      if (array) not_an_object(item_name(section_));
      collecting_ = Collecting::item;
      flat_.clear();
      return true;
    }
    skip_ = 1;
    return true;
  }

  bool close() {
    --depth_;
    if (skip_ > 0) {
      --skip_;
      return true;
    }
    if (collecting_ == Collecting::item) {
      finish_item();
      collecting_ = Collecting::nothing;
    } else if (collecting_ == Collecting::event) {
      snapshot_.event = fields::read_event(FlatFields(flat_, "event"));
      found_.insert("event");
      collecting_ = Collecting::nothing;
    } else if (snapshot_open_ && level() == 0 && section_ != Section::none) {
      section_ = Section::none;
    } else if (snapshot_open_ && level() == -1) {
      finish_snapshot();
    }
    return true;
  }

  void finish_item() {
    const FlatFields f(flat_, item_name(section_));
    switch (section_) {
      case Section::rounds: snapshot_.rounds.push_back(fields::read_round(f)); break;
      case Section::tables: snapshot_.tables.push_back(fields::read_table(f)); break;
      case Section::participants: snapshot_.participants.push_back(fields::read_participant(f)); break;
      case Section::meetings: snapshot_.meetings.push_back(fields::read_meeting(f)); break;
      case Section::revocations: snapshot_.revocations.push_back(fields::read_revocation(f)); break;
      case Section::journal: snapshot_.journal.push_back(fields::read_row(f)); break;
      case Section::none: break;
    }
  }

  void finish_snapshot() {
    snapshot_open_ = false;
    snapshot_done_ = true;
    const FlatFields f(members_, "snapshot");
    if (f.integer("api", 0, kMaxSmall) != kApiVersion) f.fail("api", "unsupported API version");
    if (!found_.count("event")) f.fail("event", "must be an object");
    for (const char* key : {"rounds", "tables", "participants", "meetings", "revocations", "journal"})
      if (!found_.count(key)) f.fail(key, "must be an array");
    snapshot_.cursor = f.integer("cursor", 0, kMaxSafeInteger);
  }

  int max_depth_;
  bool enveloped_;
  int snapshot_depth_;  // container depth of the snapshot object's members
  int depth_ = 0;       // containers open
  int skip_ = 0;        // > 0: inside a value being skipped, that many containers deep
  bool snapshot_open_ = false, snapshot_done_ = false;
  Section section_ = Section::none;
  Collecting collecting_ = Collecting::nothing;
  std::string key_;
  FlatObject flat_;     // the row (or event) being read
  FlatObject members_;  // the snapshot's scalar members (api, cursor)
  std::set<std::string> seen_, found_;
  Snapshot snapshot_;
  Json envelope_;
};

std::optional<Snapshot> read_snapshot_stream(std::string_view text, int max_depth, bool enveloped, Json* envelope) {
  refuse_nul_bytes(text);
  SnapshotReader reader(max_depth, enveloped);
  Json::sax_parse(text.begin(), text.end(), &reader);  // strict: trailing bytes are an error
  if (envelope) *envelope = std::move(reader.envelope());
  return reader.take();
}

// POST /journal's body read in one pass with nlohmann's SAX interface: each
// row straight into a RowParse, through the same checks as
// read_uploaded_row, without a JSON value per row (building and freeing
// those took most of the request's parse time). The whole text is read
// before any verdict, and the verdicts come in the order a JSON tree would
// give them, so a body gets the same answer either way.
class BatchReader : public FlatSax<BatchReader> {
 public:
  explicit BatchReader(std::size_t max_rows) : max_rows_(max_rows) {}

  JournalBatch take(const Limits& limits) {
    if (!body_is_object_) throw ProtocolError(400, "invalid_field", "the body must be a JSON object");
    if (!event_id_ok_) throw ProtocolError(400, "invalid_field", "field \"event_id\": must be the event's id");
    if (!rows_is_array_) throw ProtocolError(400, "invalid_field", "field \"rows\": must be an array");
    if (rows_seen_ > limits.max_rows_per_batch)
      throw ProtocolError(413, "too_many_rows",
                          "at most " + std::to_string(limits.max_rows_per_batch) + " rows per batch");
    return std::move(batch_);
  }

  bool string(string_t& text) override {
    if (depth_ == 1 && key_ == "event_id") {
      event_id_ok_ = !text.empty() && text.size() <= kMaxText;
      batch_.event_id = text;
      return true;
    }
    return FlatSax::string(text);
  }

  bool key(string_t& k) override {
    if (depth_ == 1 || depth_ == 3) key_.swap(k);
    return true;
  }

 private:
  friend class FlatSax<BatchReader>;  // calls scalar, open and close

  // Depth 1: the body's members; 2: items of "rows"; 3: a row's members.
  bool in_rows() const { return reading_rows_ && depth_ >= 2; }

  template <class SetFlat, class Value>
  bool scalar(SetFlat set_flat, Value&&) {
    if (depth_ == 1) member_not_as_expected();
    else if (in_rows() && depth_ == 2) not_a_row();  // a scalar where a row should be
    else if (in_rows() && depth_ == 3) set_flat(row_.add(key_));
    return true;
  }

  bool open(bool array) {
    ++depth_;
    if (depth_ == 1) {
      body_is_object_ = !array;
    } else if (depth_ == 2) {
      member_not_as_expected();
      if (key_ == "rows" && array) start_rows();  // the last "rows" counts, as in a JSON tree
    } else if (in_rows() && depth_ == 3) {
      row_open_ = !array;
      if (array) not_a_row();
      else row_.clear();
    } else if (in_rows() && depth_ == 4) {
      row_.add(key_).kind = FlatValue::Kind::nested;  // read as the wrong type by the row's checks
    }
    return true;
  }

  bool close() {
    if (in_rows() && depth_ == 3 && row_open_) finish_row();
    if (depth_ == 3) row_open_ = false;
    if (depth_ == 2 && reading_rows_) reading_rows_ = false;
    --depth_;
    return true;
  }

  // A member of the body whose value is not what the name needs (until
  // start_rows or string() says otherwise): the last value of a name
  // decides, as in a JSON tree.
  void member_not_as_expected() {
    if (key_ == "event_id") event_id_ok_ = false;
    if (key_ == "rows") rows_is_array_ = false;
  }

  void start_rows() {
    rows_is_array_ = true;
    reading_rows_ = true;
    rows_seen_ = 0;
    batch_.rows.clear();
  }

  void not_a_row() {
    if (++rows_seen_ <= max_rows_) batch_.rows.push_back(RowParse{std::nullopt, "", "invalid:journal row"});
  }

  void finish_row() {
    if (++rows_seen_ <= max_rows_) batch_.rows.push_back(fields::uploaded_row(row_));
  }

  std::size_t max_rows_;
  int depth_ = 0;
  bool body_is_object_ = false, event_id_ok_ = false, rows_is_array_ = false, reading_rows_ = false;
  bool row_open_ = false;
  std::size_t rows_seen_ = 0;  // counted past the limit, stored up to it
  std::string key_;
  FlatObject row_;
  JournalBatch batch_;
};

}  // namespace

Snapshot read_snapshot_text(std::string_view text, int max_depth) {
  auto s = read_snapshot_stream(text, max_depth, false, nullptr);
  if (!s) throw FieldError("snapshot", "snapshot must be a JSON object");
  return std::move(*s);
}

std::optional<Snapshot> read_enveloped_snapshot(std::string_view text, int max_depth, Json& envelope) {
  return read_snapshot_stream(text, max_depth, true, &envelope);
}

JournalBatch parse_journal_batch(std::string_view body, const Limits& limits) {
  if (body.size() > limits.max_body_bytes)
    throw ProtocolError(413, "too_large", "body larger than " + std::to_string(limits.max_body_bytes) + " bytes");
  check_depth(body, limits.max_json_depth);
  refuse_nul_bytes(body);
  BatchReader reader(limits.max_rows_per_batch);
  Json::sax_parse(body.begin(), body.end(), &reader);  // strict: trailing bytes are an error
  return reader.take(limits);
}

}  // namespace speedmeet::protocol

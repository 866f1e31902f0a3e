// The wire protocol, pure: limits, strict readers, encoders (bundles: test_bundles_signed.cpp).
#include <catch2/catch.hpp>

#include "client/backoff.hpp"
#include "protocol/json_guard.hpp"
#include "protocol/json_tree.hpp"  // the tree codecs the one-pass ones are held to
#include "protocol/messages.hpp"
#include "protocol/protocol_error.hpp"

using namespace speedmeet;
using namespace speedmeet::protocol;

namespace {

Json good_row() {
  return {{"uuid", "0b7a1d6e-3f7c-4c1b-9a59-2d5b0f0e8a11"},
          {"device", "door-1"},
          {"seq", 1},
          {"device_time", 1795784400000},
          {"kind", "entrance"},
          {"participant", "C01"},
          {"meeting_id", nullptr},
          {"outcome", "welcome"},
          {"reason", ""},
          {"code", ""}};
}

int status_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const ProtocolError& e) {
    return e.status();
  }
  return 200;
}

}  // namespace

TEST_CASE("json depth is measured without building anything") {
  CHECK(json_depth("{}", 8) == 1);
  CHECK(json_depth(R"({"a":[{"b":[]}]})", 8) == 4);
  CHECK(json_depth(R"({"a":"[[[[[[[[[[["})", 8) == 1);  // brackets inside strings do not count
  CHECK(json_depth(R"({"a":"\"[[[[[[[[[["})", 8) == 1);  // nor after an escaped quote
  const std::string deep(1'000'000, '[');
  CHECK(json_depth(deep, 8) == 9);  // stops as soon as the limit is passed
  CHECK(status_of([&] { parse_json(deep, 8); }) == 400);
}

TEST_CASE("parse_json refuses malformed text and invalid UTF-8 with 400") {
  CHECK(status_of([] { parse_json("{", 8); }) == 400);
  CHECK(status_of([] { parse_json("{} trailing", 8); }) == 400);
  CHECK(status_of([] { parse_json("", 8); }) == 400);
  CHECK(status_of([] { parse_json("{\"a\":\"\xff\xfe\"}", 8); }) == 400);
  CHECK(status_of([] { parse_json(std::string("{\"a\":1}\0", 8), 8); }) == 400);
  CHECK(parse_json(R"({"name":"Léa"})", 8)["name"] == "Léa");
}

TEST_CASE("an uploaded row is checked field by field") {
  CHECK(read_uploaded_row(good_row()).row.has_value());
  const auto reason_with = [](const std::string& key, const Json& value) {
    Json j = good_row();
    if (value.is_discarded()) j.erase(key); else j[key] = value;
    return read_uploaded_row(j).reason;
  };
  const Json missing = Json(Json::value_t::discarded);
  CHECK(reason_with("uuid", "not-a-uuid") == "invalid:uuid");
  CHECK(reason_with("uuid", "0B7A1D6E-3F7C-4C1B-9A59-2D5B0F0E8A11") == "invalid:uuid");
  CHECK(reason_with("uuid", missing) == "invalid:uuid");
  CHECK(reason_with("device", "door 1") == "invalid:device");
  CHECK(reason_with("device", std::string(65, 'd')) == "invalid:device");
  CHECK(reason_with("seq", "1") == "invalid:seq");
  CHECK(reason_with("seq", 0) == "invalid:seq");
  CHECK(reason_with("seq", -5) == "invalid:seq");
  CHECK(reason_with("seq", 1.5) == "invalid:seq");
  CHECK(reason_with("seq", Json(std::uint64_t{18446744073709551615ull})) == "invalid:seq");
  CHECK(reason_with("device_time", -1) == "invalid:device_time");
  CHECK(reason_with("kind", "exit") == "invalid:kind");
  CHECK(reason_with("participant", 42) == "invalid:participant");
  CHECK(reason_with("participant", std::string("C0\n1")) == "invalid:participant");
  CHECK(reason_with("meeting_id", "7") == "invalid:meeting_id");
  CHECK(reason_with("outcome", "") == "invalid:outcome");
  CHECK(reason_with("outcome", "Welcome!") == "invalid:outcome");
  CHECK(reason_with("reason", "drop table") == "invalid:reason");
  CHECK(reason_with("code", std::string(4097, 'x')) == "invalid:code");
  CHECK(reason_with("code", std::string(4096, 'x')).empty());
  CHECK(reason_with("participant", nullptr).empty());  // a scan that named nobody
  CHECK(reason_with("surprise", "unknown fields are ignored").empty());
  CHECK(read_uploaded_row(Json::array()).reason == "invalid:journal row");
  // The server's clock decides received_at, whatever the kiosk sends.
  Json j = good_row();
  j["received_at"] = 5;
  CHECK_FALSE(read_uploaded_row(j).row->received_at_ms);
}

TEST_CASE("a journal batch has hard limits") {
  const Limits limits;
  Json batch = {{"event_id", "dsm"}, {"rows", Json::array({good_row(), Json::object()})}};
  const auto parsed = parse_journal_batch(batch.dump(), limits);
  CHECK(parsed.event_id == "dsm");
  REQUIRE(parsed.rows.size() == 2);
  CHECK(parsed.rows[0].row);
  CHECK_FALSE(parsed.rows[1].row);

  CHECK(status_of([&] { parse_journal_batch(R"({"rows":[]})", limits); }) == 400);
  CHECK(status_of([&] { parse_journal_batch(R"({"event_id":"dsm","rows":"x"})", limits); }) == 400);
  CHECK(status_of([&] { parse_journal_batch(R"([1,2])", limits); }) == 400);
  std::string many = R"({"event_id":"dsm","rows":[)";
  for (int i = 0; i < 1001; ++i) many += i ? ",{}" : "{}";
  many += "]}";
  CHECK(status_of([&] { parse_journal_batch(many, limits); }) == 413);
  CHECK(status_of([&] { parse_journal_batch(std::string(limits.max_body_bytes + 1, ' '), limits); }) == 413);
}

namespace {

// What parse_journal_batch answers for a body: the error code, or "ok".
std::string verdict(const std::string& body) {
  try {
    parse_journal_batch(body, Limits{});
  } catch (const ProtocolError& e) {
    return std::to_string(e.status()) + " " + e.code();
  }
  return "ok";
}

}  // namespace

TEST_CASE("a journal batch read in one pass gives each row the answer read_uploaded_row gives") {
  // Rows of every shape: good, a wrong type, a nested value where a scalar
  // belongs, a float, a name given twice, unknown nested members, a uuid too
  // long to echo, and items that are not objects at all.
  const std::string body = R"({"junk":{"rows":[1]},"event_id":"dsm","rows":[)"
                           R"({"uuid":"0b7a1d6e-3f7c-4c1b-9a59-2d5b0f0e8a11","device":"door-1","seq":1,)"
                           R"("device_time":1795784400000,"kind":"entrance","participant":"C01","meeting_id":null,)"
                           R"("outcome":"welcome","reason":"","code":"","received_at":5,"extra":{"a":[1,{"b":2}]}},)"
                           R"({"uuid":"1b7a1d6e-3f7c-4c1b-9a59-2d5b0f0e8a11","device":"door-1","seq":"2"},)"
                           R"({"uuid":"2b7a1d6e-3f7c-4c1b-9a59-2d5b0f0e8a11","device":["door-1"],"seq":3},)"
                           R"({"uuid":"3b7a1d6e-3f7c-4c1b-9a59-2d5b0f0e8a11","device":"door-1","seq":4.5},)"
                           R"({"uuid":"bad","uuid":"4b7a1d6e-3f7c-4c1b-9a59-2d5b0f0e8a11","device":"door-1","seq":5,)"
                           R"("device_time":1,"kind":"scan","participant":null,"meeting_id":7,"outcome":"rejected",)"
                           R"("reason":"bad_signature","code":"SM1.x"},)"
                           R"({"uuid":"0b7a1d6e-3f7c-4c1b-9a59-2d5b0f0e8a11-and-more","seq":18446744073709551615},)"
                           R"({"seq":-1,"kind":"entrance"},)"
                           R"(17,"text",null,true,[1,2],[],{}]})";
  const JournalBatch batch = parse_journal_batch(body, Limits{});
  const Json tree = Json::parse(body);
  CHECK(batch.event_id == "dsm");
  REQUIRE(batch.rows.size() == tree["rows"].size());
  for (std::size_t i = 0; i < batch.rows.size(); ++i) {
    INFO("row " << i);
    const RowParse expected = read_uploaded_row(tree["rows"][i]);
    CHECK(batch.rows[i].uuid == expected.uuid);
    CHECK(batch.rows[i].reason == expected.reason);
    CHECK(batch.rows[i].row == expected.row);
  }
  CHECK(batch.rows[0].row);
  CHECK_FALSE(batch.rows[0].row->received_at_ms);  // the server's clock decides
  CHECK(batch.rows[4].row);                         // the last "uuid" counts
  CHECK(batch.rows[4].uuid == "4b7a1d6e-3f7c-4c1b-9a59-2d5b0f0e8a11");
  CHECK(batch.rows[1].reason == "invalid:seq");
  CHECK(batch.rows[7].reason == "invalid:journal row");
}

TEST_CASE("a journal batch body is judged as a JSON tree would judge it") {
  CHECK(verdict(R"({"event_id":"dsm","rows":[]})") == "ok");
  CHECK(verdict(R"({"rows":[],"event_id":"dsm"})") == "ok");
  CHECK(verdict(R"({"event_id":"dsm","rows":[{}],"rows":"x"})") == "400 invalid_field");  // the last one counts
  CHECK(verdict(R"({"event_id":"dsm","rows":"x","rows":[]})") == "ok");
  CHECK(verdict(R"({"event_id":"dsm","event_id":7,"rows":[]})") == "400 invalid_field");
  CHECK(verdict(R"({"event_id":{"id":"dsm"},"rows":[]})") == "400 invalid_field");
  CHECK(verdict(R"({"event_id":"","rows":[]})") == "400 invalid_field");
  CHECK(verdict(R"({"event_id":")" + std::string(1025, 'e') + R"(","rows":[]})") == "400 invalid_field");
  CHECK(verdict(R"({"event_id":"dsm","rows":{}})") == "400 invalid_field");
  CHECK(verdict(R"({"event_id":"dsm"})") == "400 invalid_field");
  CHECK(verdict(R"([{"event_id":"dsm","rows":[]}])") == "400 invalid_field");
  CHECK(verdict(R"("dsm")") == "400 invalid_field");
  CHECK(verdict(R"({"event_id":"dsm","rows":[]} trailing)") == "400 malformed_json");
  CHECK(verdict(R"({"event_id":"dsm","rows":[)") == "400 malformed_json");
  CHECK(verdict(std::string(R"({"event_id":"dsm","rows":[]})") + '\0') == "400 malformed_json");
  CHECK(verdict(R"({"event_id":"dsm","rows":[],"x":[[[[[[[[1]]]]]]]]})") == "400 too_deep");
  CHECK(verdict(R"({"event_id":"d\u00e9","rows":["\xff"]})") == "400 malformed_json");  // invalid UTF-8
  std::string many = R"({"event_id":"dsm","rows":[)";
  for (int i = 0; i < 1001; ++i) many += i ? ",{}" : "{}";
  CHECK(verdict(many + "]}") == "413 too_many_rows");
  CHECK(verdict(many + "]") == "400 malformed_json");  // read to the end before counting
  CHECK(verdict(R"({"rows":)" + many.substr(many.find('[')) + "]}") == "400 invalid_field");  // no event_id first
}

TEST_CASE("the changes query is bounded") {
  const Limits limits;
  CHECK(parse_changes_query(std::nullopt, std::nullopt, limits).since == 0);
  CHECK(parse_changes_query(std::nullopt, std::nullopt, limits).limit == limits.default_changes_per_page);
  CHECK(parse_changes_query("42", "10", limits).since == 42);
  CHECK(parse_changes_query("42", "10", limits).limit == 10);
  for (const char* bad : {"-1", "abc", "", "1e3", "99999999999999999999", " 1"})
    CHECK(status_of([&] { parse_changes_query(std::string(bad), std::nullopt, limits); }) == 400);
  for (const char* bad : {"0", "1001", "99999999", "-5"})
    CHECK(status_of([&] { parse_changes_query(std::nullopt, std::string(bad), limits); }) == 400);
}

TEST_CASE("a snapshot survives the round trip, without e-mail addresses") {
  Snapshot s;
  s.event = {"dsm", "Name", "Venue", "Europe/Luxembourg", "fr", 1795784400, 12, 3, 5, 3, std::string(64, 'a')};
  s.rounds = {{1, 100, 820}};
  s.tables = {{1, "Alzette"}};
  s.participants = {{"C01", 1, "Léa", "Banque", "company", "fr", "", 2, std::nullopt, 4}};
  s.meetings = {{7, 1, 1, "C01", "P01", "rematch"}};
  s.revocations = {{"C01", 1, 2}};
  JournalRow row = parse_journal_row(good_row());
  row.received_at_ms = 1795784401000;
  s.journal = {row};
  s.cursor = 99;
  const Json j = to_json(s);
  CHECK(j.dump().find("email") == std::string::npos);
  const Snapshot back = parse_snapshot(Json::parse(j.dump()));
  CHECK(back.event == s.event);
  CHECK(back.participants == s.participants);
  CHECK(back.meetings == s.meetings);
  CHECK(back.revocations == s.revocations);
  CHECK(back.journal == s.journal);
  CHECK(back.cursor == 99);

  Json wrong = j;
  wrong["event"]["public_key"] = "xyz";
  CHECK(status_of([&] { parse_snapshot(wrong); }) == 400);
  wrong = j;
  wrong["api"] = 2;
  CHECK(status_of([&] { parse_snapshot(wrong); }) == 400);
}

namespace {

// A snapshot with every kind of value: text that needs escaping, UTF-8, text
// that is not UTF-8, empty and null optionals, rows with and without
// received_at.
Snapshot tricky_snapshot() {
  Snapshot s;
  s.event = {"dsm", "Name \"quoted\"", "Venue\\Hall", "Europe/Luxembourg", "fr", 1795784400, 12, 3, 5, 3,
             std::string(64, 'a')};
  s.rounds = {{1, 100, 820}, {2, 900, 1620}};
  s.tables = {{1, "Alzette"}, {2, ""}};
  s.participants = {{"C01", 1, "Léa", "Banque", "company", "fr", "", 2, std::nullopt, 4},
                    {"P01", 2, "Tab\tand\nnewline", "Ünïcode \xe2\x82\xac", "project", "de", "EXT-1", 1, 1, std::nullopt},
                    {"P02", 3, "bad \xff utf-8", "ctrl \x01\x7f", "staff", "en", "", 1, std::nullopt, std::nullopt}};
  s.meetings = {{7, 1, 1, "C01", "P01", "rematch"}, {8, 2, 2, "C01", "P02", "import"}};
  s.revocations = {{"C01", 1, 2}};
  JournalRow stored = parse_journal_row(good_row());
  stored.received_at_ms = 1795784401000;
  JournalRow own = parse_journal_row(good_row());
  own.uuid = "1b7a1d6e-3f7c-4c1b-9a59-2d5b0f0e8a11";
  own.kind = JournalKind::scan;
  own.participant.clear();
  own.meeting_id = 3;
  own.code = "SM1.\"x\"\\y";
  s.journal = {stored, own};
  s.cursor = 99;
  return s;
}

std::string reason_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const ProtocolError& e) {
    return e.code() + ": " + e.what();
  }
  return "ok";
}

}  // namespace

TEST_CASE("the snapshot's text is written without JSON values, byte for byte as nlohmann writes it") {
  const Snapshot s = tricky_snapshot();
  CHECK(snapshot_json(s) == to_json(s).dump(-1, ' ', false, Json::error_handler_t::replace));
  CHECK(snapshot_json(Snapshot{}) == to_json(Snapshot{}).dump());
}

TEST_CASE("a journal batch is written byte for byte as nlohmann writes it, without received_at") {
  const Snapshot s = tricky_snapshot();  // one row with received_at, one with text to escape
  Json expected = {{"event_id", "dsm \"quoted\""}, {"rows", Json::array()}};
  for (const JournalRow& r : s.journal) {
    Json j = to_json(r);
    j.erase("received_at");
    expected["rows"].push_back(j);
  }
  const std::string text = make_journal_batch("dsm \"quoted\"", s.journal);
  CHECK(text == expected.dump(-1, ' ', false, Json::error_handler_t::replace));
  CHECK(text.find("received_at") == std::string::npos);
  CHECK(make_journal_batch("dsm", {}) == R"({"event_id":"dsm","rows":[]})");
}

TEST_CASE("the snapshot read in one pass equals the snapshot read through a JSON tree") {
  Snapshot s = tricky_snapshot();
  s.participants[2].name = "no bad bytes";  // invalid UTF-8 is replaced on the way out, not read back
  s.participants[2].organization = "ctrl \x01\x7f";
  const std::string text = snapshot_json(s);
  const Snapshot streamed = read_snapshot_text(text, 16);
  const Snapshot tree = parse_snapshot(parse_json(text, 16));
  CHECK(streamed.event == tree.event);
  CHECK(streamed.rounds == tree.rounds);
  CHECK(streamed.tables == tree.tables);
  CHECK(streamed.participants == tree.participants);
  CHECK(streamed.meetings == tree.meetings);
  CHECK(streamed.revocations == tree.revocations);
  CHECK(streamed.journal == tree.journal);
  CHECK(streamed.cursor == 99);
  CHECK(streamed.participants == s.participants);
  CHECK(streamed.journal == s.journal);

  // Unknown members are skipped at any depth; key order does not matter.
  Json extra = Json::parse(text);
  extra["future"] = {{"nested", {1, 2, {{"deep", true}}}}};
  extra["participants"][0]["badge_colour"] = Json::array({"red"});
  extra["event"]["extra"] = {{"x", 1}};
  const Snapshot tolerant = read_snapshot_text(extra.dump(), 16);
  CHECK(tolerant.participants == s.participants);
  CHECK(tolerant.event == s.event);

  // Whatever parse_snapshot refuses, the streaming reader refuses with the same status.
  const auto both_refuse = [](const std::string& bad, const std::string& expect) {
    INFO(bad.substr(0, 200));
    const std::string streamed_reason = reason_of([&] { read_snapshot_text(bad, 16); });
    CHECK(streamed_reason.find(expect) != std::string::npos);
    CHECK(status_of([&] { read_snapshot_text(bad, 16); }) == 400);
    CHECK(status_of([&] { parse_snapshot(parse_json(bad, 16)); }) == 400);
  };
  const auto edited = [&](const std::function<void(Json&)>& edit) {
    Json j = Json::parse(text);
    edit(j);
    return j.dump();
  };
  both_refuse("[]", "snapshot must be a JSON object");
  both_refuse("42", "snapshot must be a JSON object");
  both_refuse("{", "malformed_json");
  both_refuse(text + " trailing", "malformed_json");
  both_refuse(std::string(text).insert(10, 1, '\0'), "NUL");
  both_refuse("{\"x\":" + std::string(20, '[') + std::string(20, ']') + "}", "too_deep");
  both_refuse(edited([](Json& j) { j["api"] = 2; }), "unsupported API version");
  both_refuse(edited([](Json& j) { j.erase("api"); }), "\"api\"");
  both_refuse(edited([](Json& j) { j.erase("cursor"); }), "\"cursor\"");
  both_refuse(edited([](Json& j) { j.erase("meetings"); }), "\"meetings\" of snapshot: must be an array");
  both_refuse(edited([](Json& j) { j["tables"] = Json::object(); }), "\"tables\" of snapshot: must be an array");
  both_refuse(edited([](Json& j) { j["event"] = Json::array(); }), "\"event\" of snapshot: must be an object");
  both_refuse(edited([](Json& j) { j["participants"][1] = "P01"; }), "participant must be a JSON object");
  both_refuse(edited([](Json& j) { j["meetings"][0] = Json::array(); }), "meeting must be a JSON object");
  both_refuse(edited([](Json& j) { j["participants"][0]["num"] = "1"; }), "\"num\" of participant: must be a whole number");
  both_refuse(edited([](Json& j) { j["participants"][0]["name"] = {{"first", "Léa"}}; }), "must be a string");
  both_refuse(edited([](Json& j) { j["meetings"][0]["id"] = 1.5; }), "must be a whole number");
  both_refuse(edited([](Json& j) { j["meetings"][0]["round"] = 18446744073709551615ull; }), "out of range");
  both_refuse(edited([](Json& j) { j["meetings"][0]["origin"] = "magic"; }), "unknown value");
  both_refuse(edited([](Json& j) { j["journal"][0]["uuid"] = "x"; }), "not a lower-case UUID");
  both_refuse(edited([](Json& j) { j["event"]["public_key"] = "xyz"; }), "public_key");
  both_refuse(edited([](Json& j) { j["rounds"][0]["ends_at"] = 50; }), "not after starts_at");
  both_refuse("{\"name\":\"L\xff\"}", "malformed_json");
  // A member twice: the tree keeps the last, the stream refuses.
  std::string twice = text;
  twice.insert(twice.size() - 1, ",\"tables\":[]");
  CHECK(reason_of([&] { read_snapshot_text(twice, 16); }).find("given twice") != std::string::npos);
}

TEST_CASE("journal results carry one answer per row") {
  const std::vector<RowOutcome> outcomes = {{"a", RowResult::stored, ""},
                                            {"b", RowResult::duplicate, ""},
                                            {"c", RowResult::rejected, "seq_conflict"}};
  const Json j = journal_results_json(outcomes);
  CHECK(j["stored"] == 1);
  CHECK(j["duplicate"] == 1);
  CHECK(j["rejected"] == 1);
  const auto back = parse_journal_results(j, 3);
  CHECK(back[2].reason == "seq_conflict");
  CHECK(status_of([&] { parse_journal_results(j, 2); }) == 400);
  // The server writes the same bytes without building the values.
  CHECK(journal_results_text(outcomes) == j.dump(-1, ' ', false, Json::error_handler_t::replace));
  CHECK(journal_results_text({}) == journal_results_json({}).dump());
  const std::vector<RowOutcome> odd = {{"", RowResult::rejected, "invalid:journal row"},
                                       {"x\"y", RowResult::rejected, "invalid:uuid"}};
  CHECK(journal_results_text(odd) == journal_results_json(odd).dump(-1, ' ', false, Json::error_handler_t::replace));
}

TEST_CASE("backoff grows exponentially with jitter up to its ceiling") {
  using std::chrono::milliseconds;
  client::Backoff b(milliseconds(1000), milliseconds(60000), 42);
  std::vector<std::int64_t> waits;
  for (int i = 0; i < 10; ++i) waits.push_back(b.next().count());
  CHECK(waits[0] >= 500);
  CHECK(waits[0] <= 1000);
  CHECK(waits[3] >= 4000);
  CHECK(waits[3] <= 8000);
  for (std::size_t i = 6; i < waits.size(); ++i) {
    CHECK(waits[i] >= 30000);
    CHECK(waits[i] <= 60000);
  }
  b.reset();
  CHECK(b.next().count() <= 1000);
  // Two kiosks failing together do not retry together.
  client::Backoff x(milliseconds(1000), milliseconds(60000), 1), y(milliseconds(1000), milliseconds(60000), 2);
  bool differ = false;
  for (int i = 0; i < 5; ++i) differ = differ || x.next() != y.next();
  CHECK(differ);
}

// Signed offline bundles (docs/API.md, "Offline bundles"): the format an
// independent implementation can check byte by byte, then the real programs
// refusing every altered, foreign or clashing bundle with one sentence and
// the database left exactly as it was.
#include <catch2/catch.hpp>

#include <sodium.h>
#include <sys/stat.h>

#include <csignal>
#include <regex>
#include <sstream>

#include "client/kiosk_bundles.hpp"
#include "protocol/bundles.hpp"
#include "protocol/json_tree.hpp"
#include "protocol/protocol_error.hpp"
#include "server/device_registry.hpp"
#include "server/journal_ingest.hpp"
#include "server/log.hpp"
#include "server/server_bundles.hpp"
#include "server/tokens.hpp"
#include "store/database.hpp"
#include "store/journal.hpp"
#include "support/db_dump.hpp"
#include "support/process.hpp"
#include "support/temp_dir.hpp"
#include "net_helpers.hpp"
#include "sync_fixtures.hpp"

using namespace speedmeet;
using namespace speedmeet::test;
using protocol::Json;

namespace {

struct KeyPair {
  std::array<unsigned char, crypto_sign_PUBLICKEYBYTES> pk{};
  std::array<unsigned char, crypto_sign_SECRETKEYBYTES> sk{};
  std::string pk_hex() const {
    char hex[2 * crypto_sign_PUBLICKEYBYTES + 1];
    sodium_bin2hex(hex, sizeof hex, pk.data(), pk.size());
    return hex;
  }
};

KeyPair make_keys() {
  REQUIRE(sodium_init() >= 0);
  KeyPair k;
  crypto_sign_keypair(k.pk.data(), k.sk.data());
  return k;
}

std::vector<unsigned char> unhex(const std::string& hex) {
  std::vector<unsigned char> out(hex.size() / 2);
  REQUIRE(sodium_hex2bin(out.data(), out.size(), hex.data(), hex.size(), nullptr, nullptr, nullptr) == 0);
  return out;
}

protocol::Snapshot small_snapshot(const KeyPair& keys, const std::string& event_id = "dsm") {
  protocol::Snapshot s;
  s.event = {event_id, "Name", "Venue", "UTC", "en", 1795784400, 12, 3, 5, 3, keys.pk_hex()};
  s.rounds = {{1, 1795784400, 1795785120}};
  s.tables = {{1, "Alzette"}};
  s.participants = {{"C01", 1, "Léa", "Org", "company", "fr", "TKT-1", 1, std::nullopt, std::nullopt}};
  s.cursor = 7;
  return s;
}

// The header line and the payload after it.
std::pair<Json, std::string> split(const std::string& bundle) {
  const auto nl = bundle.find('\n');
  REQUIRE(nl != std::string::npos);
  return {Json::parse(bundle.substr(0, nl)), bundle.substr(nl + 1)};
}

std::string join(const Json& header, const std::string& payload) { return header.dump() + "\n" + payload; }

std::string error_code(const std::function<void()>& f) {
  try {
    f();
  } catch (const protocol::ProtocolError& e) {
    return e.code();
  }
  return "none";
}

std::string dump_json(const Json& j) { return j.dump(-1, ' ', false, Json::error_handler_t::replace); }

// A refusal: exit 2, one line on stderr saying what and that nothing happened.
void check_refused(const ProcessResult& r, const std::string& what, const std::string& nothing) {
  INFO("stdout: " << r.out << "\nstderr: " << r.err);
  CHECK(r.exit_code == 2);
  CHECK(r.err.find(what) != std::string::npos);
  CHECK(r.err.find(nothing) != std::string::npos);
  CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
}

// A kiosk with no server: its data folder and kiosk.toml (token file optional).
struct OfflineKiosk {
  std::string config, data, db;
};

OfflineKiosk offline_kiosk(const TempDir& dir, const std::string& name, const std::string& device,
                           const std::string& token_file = "") {
  OfflineKiosk k;
  k.data = dir.file(name);
  k.db = k.data + "/kiosk.db";
  std::string toml = "device = \"" + device + "\"\ndata = \"" + k.data + "\"\nfullscreen = false\n";
  if (!token_file.empty()) toml += "[server]\ntoken_file = \"" + token_file + "\"\n";
  k.config = dir.write(name + ".toml", toml);
  return k;
}

ProcessResult kiosk_with_snapshot(const TempDir& dir, const OfflineKiosk& k, const std::string& bundle,
                                  const std::string& script = "+0 wait\n") {
  return run_process({SPEEDMEET_KIOSK_BIN, "--config", k.config, "--snapshot", bundle, "--headless", "--script",
                      dir.write("k.script", script), "--clock", "2026-11-27T13:50", "--size", "480x270"});
}

// The central demo database with something in every class a snapshot
// carries: a reissued badge (a revocation) and a journal row.
std::string central_with_everything(const TempDir& dir, const std::string& name = "central.db") {
  const auto central = make_central_db(dir, name);
  require_ok(run_speedmeet({"badges", central, "--reissue", "C01"}));
  store::Database db(central, store::OpenMode::read_write);
  server::DeviceRegistry(db).add("door-9", server::unix_ms_now());
  protocol::JournalRow row{"0b7a1d6e-3f7c-4c1b-9a59-2d5b0f0e8a11", "door-9", 1, 1795784401000, JournalKind::entrance, "P01",
                           std::nullopt, "welcome", "", "", std::nullopt, "", std::nullopt};
  const auto outcomes = server::ingest_rows(db, {{row, row.uuid, ""}}, {std::string("door-9"), 1, false});
  REQUIRE(outcomes[0].result == protocol::RowResult::stored);
  return central;
}

}  // namespace

TEST_CASE("a snapshot bundle is a header line, then the exact payload its Ed25519 signature covers") {
  const KeyPair keys = make_keys();
  const protocol::Snapshot s = small_snapshot(keys);
  const std::string bundle = protocol::make_snapshot_bundle(s, 5, keys.sk);
  const auto [header, payload] = split(bundle);
  CHECK(header == Json{{"format", "speedmeet-snapshot"},
                       {"version", 2},
                       {"event_id", "dsm"},
                       {"public_key", keys.pk_hex()},
                       {"signature", header["signature"]}});
  CHECK(bundle.find('\n') < protocol::kMaxBundleHeaderBytes);
  CHECK(payload == "{\"created_at\":5,\"format\":\"speedmeet-snapshot\",\"snapshot\":" + protocol::snapshot_json(s) +
                       ",\"version\":2}");
  // Checkable with nothing but libsodium: the signature covers the payload's bytes.
  const auto signature = unhex(header["signature"]);
  CHECK(crypto_sign_verify_detached(signature.data(), reinterpret_cast<const unsigned char*>(payload.data()),
                                    payload.size(), keys.pk.data()) == 0);

  // First load (nothing trusted yet) and later loads (event and key pinned).
  CHECK(protocol::read_snapshot_bundle(bundle, "", "").participants == s.participants);
  CHECK(protocol::read_snapshot_bundle(bundle, "dsm", keys.pk_hex()).cursor == 7);
  CHECK(error_code([&] { protocol::read_snapshot_bundle(bundle, "other", keys.pk_hex()); }) == "bundle_other_event");
  CHECK(error_code([&] { protocol::read_snapshot_bundle(bundle, "dsm", make_keys().pk_hex()); }) ==
        "bundle_other_key");

  // One byte changed anywhere in the payload: refused, first load included.
  for (const std::size_t at : {std::size_t{0}, payload.size() / 2, payload.size() - 1}) {
    std::string altered = payload;
    altered[at] ^= 0x01;
    CHECK(error_code([&] { protocol::read_snapshot_bundle(join(header, altered), "", ""); }) == "bundle_signature");
  }
  // Re-signed by someone else under their own key, the content unchanged:
  // the header's key then disagrees with the signed content's.
  const KeyPair attacker = make_keys();
  Json forged = header;
  forged["public_key"] = attacker.pk_hex();
  std::array<unsigned char, crypto_sign_BYTES> sig{};
  crypto_sign_detached(sig.data(), nullptr, reinterpret_cast<const unsigned char*>(payload.data()), payload.size(),
                       attacker.sk.data());
  char sig_hex[2 * crypto_sign_BYTES + 1];
  sodium_bin2hex(sig_hex, sizeof sig_hex, sig.data(), sig.size());
  forged["signature"] = sig_hex;
  CHECK(error_code([&] { protocol::read_snapshot_bundle(join(forged, payload), "", ""); }) == "bundle_mismatch");
  CHECK(error_code([&] { protocol::read_snapshot_bundle(join(forged, payload), "dsm", keys.pk_hex()); }) ==
        "bundle_other_key");

  // What is not a signed snapshot says what it is.
  CHECK_THROWS_WITH(protocol::read_snapshot_bundle(payload, "", ""), Catch::Contains("unsigned"));
  CHECK_THROWS_WITH(protocol::read_snapshot_bundle("{\"format\":\"speedmeet-snapshot\",\"version\":1}", "", ""),
                    Catch::Contains("is not a signed speedmeet-snapshot file"));
  Json v3 = header;
  v3["version"] = 3;
  CHECK(error_code([&] { protocol::read_snapshot_bundle(join(v3, payload), "", ""); }) == "bundle_version");
  Json no_key = header;
  no_key.erase("public_key");
  CHECK_THROWS_WITH(protocol::read_snapshot_bundle(join(no_key, payload), "", ""), Catch::Contains("\"public_key\""));
  CHECK(error_code([&] { protocol::read_snapshot_bundle(std::string(2000, ' ') + "\n{}", "", ""); }) == "not_a_bundle");
  CHECK(error_code([&] { protocol::read_snapshot_bundle("", "", ""); }) == "not_a_bundle");
}

TEST_CASE("a journal bundle's HMAC is keyed by the device token, which the central database holds only hashed") {
  const std::string token = server::make_device_token();
  const auto key = protocol::journal_key_from_token(token);
  CHECK(key.bytes() == protocol::journal_key_from_token_hash(server::hash_token(token)).bytes());
  CHECK(key.bytes() != protocol::journal_key_from_token(server::make_device_token()).bytes());

  protocol::JournalRow row{"0b7a1d6e-3f7c-4c1b-9a59-2d5b0f0e8a11", "door-1", 1, 1795784401000, JournalKind::entrance, "C01",
                           std::nullopt, "welcome", "", "", std::nullopt, "", std::nullopt};
  const std::string bundle = protocol::make_journal_bundle("dsm", "door-1", {row}, 9, key);
  const auto [header, payload] = split(bundle);
  CHECK(header == Json{{"format", "speedmeet-journal"},
                       {"version", 2},
                       {"event_id", "dsm"},
                       {"device", "door-1"},
                       {"mac", header["mac"]}});
  // HMAC-SHA-256 over the payload's bytes, keyed by
  // HMAC-SHA-256(key = BLAKE2b-256(token), "speedmeet journal key").
  std::array<unsigned char, 32> token_hash{}, derived{}, mac{};
  crypto_generichash(token_hash.data(), 32, reinterpret_cast<const unsigned char*>(token.data()), token.size(),
                     nullptr, 0);
  const std::string context = "speedmeet journal key";
  crypto_auth_hmacsha256(derived.data(), reinterpret_cast<const unsigned char*>(context.data()), context.size(),
                         token_hash.data());
  crypto_auth_hmacsha256(mac.data(), reinterpret_cast<const unsigned char*>(payload.data()), payload.size(),
                         derived.data());
  CHECK(unhex(header["mac"]) == std::vector<unsigned char>(mac.begin(), mac.end()));
  CHECK(Json::parse(payload) == Json{{"format", "speedmeet-journal"},
                                      {"version", 2},
                                      {"event_id", "dsm"},
                                      {"device", "door-1"},
                                      {"exported_at", 9},
                                      {"rows", {protocol::to_json(row)}}});

  const auto read = protocol::read_journal_bundle(bundle, key);
  CHECK(read.device == "door-1");
  CHECK(read.event_id == "dsm");
  REQUIRE(read.rows.size() == 1);
  CHECK(*read.rows[0].row == row);

  CHECK(error_code([&] { protocol::read_journal_bundle(bundle, protocol::journal_key_from_token("smd_x")); }) ==
        "bundle_signature");
  std::string altered = payload;
  altered[altered.find("C01")] = 'P';
  CHECK(error_code([&] { protocol::read_journal_bundle(join(header, altered), key); }) == "bundle_signature");
  // Correctly keyed, yet holding another kiosk's row.
  protocol::JournalRow foreign = row;
  foreign.device = "door-2";
  foreign.uuid = "9f3b7c21-8d4e-4f6a-b1c2-3d4e5f6a7b8c";
  CHECK_THROWS_WITH(protocol::read_journal_bundle(protocol::make_journal_bundle("dsm", "door-1", {row, foreign}, 9, key),
                                                  key),
                    Catch::Contains("row 2 (9f3b7c21-8d4e-4f6a-b1c2-3d4e5f6a7b8c) claims kiosk \"door-2\""));
  CHECK(error_code([&] { protocol::read_journal_bundle(protocol::make_snapshot_bundle(small_snapshot(make_keys()), 1,
                                                                                      make_keys().sk),
                                                       key); }) == "not_a_bundle");
}

TEST_CASE("a kiosk refuses a snapshot changed in any part, and its database stays as it was") {
  TempDir dir;
  const auto central = central_with_everything(dir);
  const std::string good = dir.file("good.snapshot");
  const auto made = run_speedmeet({"snapshot", central, "--out", good});
  require_ok(made);
  CHECK(made.out.find("signed with event key ") != std::string::npos);

  const OfflineKiosk kiosk = offline_kiosk(dir, "door", "door-1");
  const auto first = kiosk_with_snapshot(dir, kiosk, good);
  require_ok(first);
  CHECK(first.err.find("now trusts that key") != std::string::npos);
  const std::string before = dump_database(kiosk.db);
  CHECK(before.find("TKT-8F3A-2291") != std::string::npos);

  const std::string text = read_file(good);
  const auto [header, payload] = split(text);
  Json content = Json::parse(payload);
  REQUIRE(dump_json(content) == payload);  // so each edit below changes only what it says
  Json& snap = content["snapshot"];
  REQUIRE(!snap["revocations"].empty());
  REQUIRE(!snap["journal"].empty());

  using Edit = std::function<void(Json&)>;
  const std::vector<std::pair<std::string, Edit>> edits = {
      {"event name", [](Json& s) { s["event"]["name"] = "Another Event"; }},
      {"event key", [](Json& s) { s["event"]["public_key"] = std::string(64, 'a'); }},
      {"round start", [](Json& s) { s["rounds"][0]["starts_at"] = s["rounds"][0]["starts_at"].get<long long>() + 60; }},
      {"table label", [](Json& s) { s["tables"][0]["label"] = "Elsewhere"; }},
      {"participant name", [](Json& s) { s["participants"][1]["name"] = "Mallory"; }},
      {"made-up badge_code", [](Json& s) { s["participants"][1]["badge_code"] = "FORGED-0001"; }},
      {"badge serial", [](Json& s) { s["participants"][0]["badge_serial"] = 9; }},
      {"meeting table", [](Json& s) { s["meetings"][0]["table"] = 16; }},
      {"revocation undone", [](Json& s) { s["revocations"][0]["badge_serial"] = 1; }},
      {"revocation removed", [](Json& s) { s["revocations"] = Json::array(); }},
      {"journal row", [](Json& s) { s["journal"][0]["participant"] = "C02"; }},
      {"cursor", [](Json& s) { s["cursor"] = s["cursor"].get<long long>() + 1000; }},
  };
  // Every class through the kiosk's loader; one of them through the real
  // program too (the same call, behind its command line).
  int run = 0;
  for (const auto& [what, edit] : edits) {
    INFO(what);
    Json changed = content;
    edit(changed["snapshot"]);
    const std::string path = dir.write("tampered-" + std::to_string(++run) + ".snapshot", join(header, dump_json(changed)));
    {
      store::Database db(kiosk.db, store::OpenMode::read_write);
      CHECK_THROWS_WITH(client::load_snapshot_bundle(db, path),
                        Catch::StartsWith(path + ": its signature does not verify under the event key") &&
                            Catch::EndsWith("nothing was loaded"));
    }
    CHECK(dump_database(kiosk.db) == before);
  }
  check_refused(kiosk_with_snapshot(dir, kiosk, dir.file("tampered-6.snapshot")),
                "signature does not verify under the event key", "nothing was loaded");
  CHECK(dump_database(kiosk.db) == before);

  // Re-signed with another key: not the key this kiosk trusts.
  const KeyPair attacker = make_keys();
  Json forged_content = content;
  forged_content["snapshot"]["participants"][1]["badge_code"] = "FORGED-0001";
  forged_content["snapshot"]["event"]["public_key"] = attacker.pk_hex();
  const std::string forged_payload = dump_json(forged_content);
  std::array<unsigned char, crypto_sign_BYTES> sig{};
  crypto_sign_detached(sig.data(), nullptr, reinterpret_cast<const unsigned char*>(forged_payload.data()),
                       forged_payload.size(), attacker.sk.data());
  char sig_hex[2 * crypto_sign_BYTES + 1];
  sodium_bin2hex(sig_hex, sizeof sig_hex, sig.data(), sig.size());
  Json forged_header = header;
  forged_header["public_key"] = attacker.pk_hex();
  forged_header["signature"] = sig_hex;
  check_refused(kiosk_with_snapshot(dir, kiosk, dir.write("resigned.snapshot", join(forged_header, forged_payload))),
                "not with the event key this kiosk trusts", "nothing was loaded");
  CHECK(dump_database(kiosk.db) == before);

  // Another event's genuine snapshot.
  const std::string toml = read_file(source_path("config/demo/event.toml"));
  const std::string other_toml = dir.write("other.toml", std::regex_replace(toml, std::regex("dsm-lux-2026"), "other-2026"));
  const std::string other_db = dir.file("other.db");
  require_ok(run_speedmeet({"init", other_db, "--event", other_toml}));
  require_ok(run_speedmeet({"snapshot", other_db, "--out", dir.file("other.snapshot")}));
  check_refused(kiosk_with_snapshot(dir, kiosk, dir.file("other.snapshot")),
                "is a snapshot of event \"other-2026\", but this kiosk belongs to event \"dsm-lux-2026\"",
                "nothing was loaded");
  CHECK(dump_database(kiosk.db) == before);

  // An unsigned (version 1) bundle and a journal are not snapshots.
  check_refused(kiosk_with_snapshot(dir, kiosk, dir.write("v1.snapshot", payload)), "unsigned", "nothing was loaded");
  CHECK(dump_database(kiosk.db) == before);

  // A kiosk that trusts nothing yet still refuses a bundle that does not
  // verify under its own key.
  const OfflineKiosk fresh = offline_kiosk(dir, "fresh", "door-2");
  check_refused(kiosk_with_snapshot(dir, fresh, dir.file("tampered-6.snapshot")), "signature does not verify",
                "nothing was loaded");
  CHECK(count_rows(fresh.db, "SELECT count(*) FROM participants") == 0);

  // The genuine bundle again: harmless.
  require_ok(kiosk_with_snapshot(dir, kiosk, good));
}

TEST_CASE("import-journal refuses an altered, foreign or clashing journal, and the database stays as it was") {
  TempDir dir;
  const auto central = make_central_db(dir);
  const std::string token_file = dir.file("door-1.token");
  require_ok(run_speedmeet({"device", "add", central, "door-1", "--out", token_file}));
  std::string token = read_file(token_file);
  token.pop_back();
  const std::string snapshot = dir.file("s.snapshot");
  require_ok(run_speedmeet({"snapshot", central, "--out", snapshot}));

  // A kiosk database holding the event and `count` rows made as `device`.
  int kiosks = 0;
  const auto kiosk_journal = [&](const std::string& snap, const std::string& device, const std::string& with_token,
                                 int count) {
    const std::string path = make_kiosk_db(dir, "k" + std::to_string(++kiosks) + ".db");
    store::Database db(path, store::OpenMode::read_write);
    client::load_snapshot_bundle(db, snap);
    store::Journal journal(db, device);
    for (int i = 0; i < count; ++i)
      journal.append(entrance((i % 2 ? "C0" : "P0") + std::to_string(1 + i), 1795784401000 + i));
    const std::string out = dir.file("j" + std::to_string(kiosks) + ".journal");
    REQUIRE(client::export_journal_bundle(db, out, device, with_token).rows == static_cast<std::size_t>(count));
    return out;
  };

  const std::string door1 = kiosk_journal(snapshot, "door-1", token, 3);
  const auto first = run_speedmeet({"import-journal", central, door1});
  require_ok(first);
  CHECK(first.out.find("kiosk \"door-1\", signature verified): 3 rows stored, 0 already held") != std::string::npos);
  // Each refusal must leave the database as `expected`; the steps that
  // enrol or revoke a kiosk take a new one.
  std::string expected = dump_database(central);
  const auto again = run_speedmeet({"import-journal", central, door1});
  require_ok(again);
  CHECK(again.out.find("0 rows stored, 3 already held") != std::string::npos);
  CHECK(dump_database(central) == expected);
  const auto refused = [&](const std::string& file, const std::string& what) {
    check_refused(run_speedmeet({"import-journal", central, file}), what, "nothing was imported");
    CHECK(dump_database(central) == expected);
  };

  // Altered after export, or its header moved to another kiosk.
  const std::string text = read_file(door1);
  const auto [header, payload] = split(text);
  std::string altered = payload;
  altered.replace(altered.find("\"P01\""), 5, "\"P09\"");
  refused(dir.write("altered.journal", join(header, altered)), "signature does not verify with kiosk \"door-1\"'s token");
  Json renamed = header;
  renamed["device"] = "door-2";
  require_ok(run_speedmeet({"device", "add", central, "door-2"}));
  expected = dump_database(central);
  refused(dir.write("renamed.journal", join(renamed, payload)), "signature does not verify with kiosk \"door-2\"'s token");

  // Signed with a token that is not the enrolled kiosk's.
  refused(kiosk_journal(snapshot, "door-1", server::make_device_token(), 2), "signature does not verify");

  // From a kiosk that is not enrolled, or no longer.
  refused(kiosk_journal(snapshot, "door-7", token, 2), "kiosk \"door-7\", which is not enrolled");
  require_ok(run_speedmeet({"device", "add", central, "door-8", "--out", dir.file("door-8.token")}));
  std::string token8 = read_file(dir.file("door-8.token"));
  token8.pop_back();
  const std::string door8 = kiosk_journal(snapshot, "door-8", token8, 2);
  require_ok(run_speedmeet({"device", "revoke", central, "door-8"}));
  expected = dump_database(central);
  refused(door8, "whose enrolment was revoked");

  // Of another event.
  {
    const std::string toml = read_file(source_path("config/demo/event.toml"));
    const std::string other_db = dir.file("other.db");
    require_ok(run_speedmeet({"init", other_db, "--event",
                              dir.write("o.toml", std::regex_replace(toml, std::regex("dsm-lux-2026"), "other-2026"))}));
    const std::string other_token_file = dir.file("other.token");
    require_ok(run_speedmeet({"device", "add", other_db, "door-1", "--out", other_token_file}));
    std::string other_token = read_file(other_token_file);
    other_token.pop_back();
    refused(dir.write("other.journal", protocol::make_journal_bundle("other-2026", "door-1", {}, 1,
                                                                         protocol::journal_key_from_token(other_token))),
                "is a journal of event \"other-2026\", but " + central + " holds event \"dsm-lux-2026\"");
  }

  // Holding another kiosk's rows, correctly signed by door-1.
  {
    store::Database k(make_kiosk_db(dir, "foreign.db"), store::OpenMode::read_write);
    client::load_snapshot_bundle(k, snapshot);
    store::Journal(k, "door-2").append(entrance("C05", 1795784401000));
    auto st = k.prepare("SELECT uuid, seq FROM journal WHERE device = 'door-2'");
    REQUIRE(st.step());
    const std::vector<protocol::JournalRow> rows = {{st.text(0), "door-2", st.int64(1), 1795784401000, JournalKind::entrance,
                                                     "C05", std::nullopt, "welcome", "", "", std::nullopt, "", std::nullopt}};
    refused(dir.write("foreign.journal", protocol::make_journal_bundle("dsm-lux-2026", "door-1", rows, 1,
                                                                           protocol::journal_key_from_token(token))),
                "claims kiosk \"door-2\", but the journal is kiosk \"door-1\"'s");
  }

  // From a second kiosk using the same name (and token): its seq 1..3 clash.
  const auto twin = run_speedmeet({"import-journal", central, kiosk_journal(snapshot, "door-1", token, 4)});
  check_refused(twin, "3 rows of kiosk \"door-1\" have sequence numbers that another \"door-1\" already used: seq 1 (",
                "nothing was imported");
  CHECK(twin.err.find("two kiosks share that device name") != std::string::npos);
  CHECK(dump_database(central) == expected);

  // Not a journal at all.
  refused(snapshot, "is a speedmeet-snapshot file, not a speedmeet-journal");
  refused(dir.write("junk.journal", "{\"format\":"), "is not a signed speedmeet-journal file");
  CHECK(run_speedmeet({"import-journal", central, dir.file("none.journal")}).exit_code == 1);
}

TEST_CASE("two kiosks using one name over the live server are flagged in the log and in device list") {
  TempDir dir;
  const auto central = make_central_db(dir);
  const std::string token = enrol(central, "door-1");
  const int port = free_port();
  ServerProcess server(dir, central, port);
  server.start();
  REQUIRE(server.wait_ready(std::chrono::seconds(10)));
  const auto push = [&](const std::string& uuid) {
    const Json row = {{"uuid", uuid},         {"device", "door-1"}, {"seq", 1},        {"device_time", 1795784401000},
                      {"kind", "entrance"},   {"participant", "C01"}, {"meeting_id", nullptr}, {"outcome", "welcome"},
                      {"reason", ""},         {"code", ""}};
    const Json body = {{"event_id", "dsm-lux-2026"}, {"rows", {row}}};
    const auto answer = send_raw(port, http_request("POST", "/api/v1/journal", token, body.dump()));
    REQUIRE(answer.status == 200);
    return Json::parse(answer.body)["results"][0];
  };
  CHECK(push("0b7a1d6e-3f7c-4c1b-9a59-2d5b0f0e8a11")["result"] == "stored");
  // The twin kiosk's first row: same name and seq, its own uuid.
  const Json clash = push("9f3b7c21-8d4e-4f6a-b1c2-3d4e5f6a7b8c");
  CHECK(clash["result"] == "rejected");
  CHECK(clash["reason"] == "seq_conflict");
  server.kill(SIGTERM);
  REQUIRE(server.wait() == 0);
  const std::string logs = server.all_logs();
  CHECK(logs.find("two kiosks use the same device name") != std::string::npos);
  CHECK(logs.find("device=door-1") != std::string::npos);
  CHECK(logs.find(token) == std::string::npos);

  const auto list = run_speedmeet({"device", "list", central});
  require_ok(list);
  CHECK(list.out.find("door-1\tactive") != std::string::npos);
  CHECK(list.out.find("WARNING: SHARED NAME: 1 rows refused") != std::string::npos);
  store::Database db(central, store::OpenMode::read_write);
  const auto devices = server::DeviceRegistry(db).list();
  REQUIRE(devices.size() == 1);
  CHECK(devices[0].seq_conflicts == 1);
  CHECK(server::DeviceRegistry(db).shared_names() == std::vector<std::pair<std::string, std::int64_t>>{{"door-1", 1}});
}

TEST_CASE("an external badge code that looks like a speedmeet badge checks in through a signed snapshot") {
  TempDir dir;
  const auto central = make_central_db(dir);
  const std::string csv = read_file(source_path("config/demo/participants.csv"));
  // C06 keeps its TKT code; P28 gets a code in another system's SM format.
  const std::string with_sm = std::regex_replace(csv, std::regex("stefan.mueller@example.com,"),
                                                 "stefan.mueller@example.com,SM2026.0042");
  require_ok(run_speedmeet({"import", central, dir.write("p.csv", with_sm)}));
  const std::string bundle = dir.file("s.snapshot");
  require_ok(run_speedmeet({"snapshot", central, "--out", bundle}));
  const OfflineKiosk kiosk = offline_kiosk(dir, "door", "door-1");
  const auto r = kiosk_with_snapshot(dir, kiosk, bundle, "+0 scan SM2026.0042\n+5 scan SM2026.0043\n");
  require_ok(r);
  std::vector<Json> lines;
  std::istringstream in(r.out);
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) lines.push_back(Json::parse(line));
  REQUIRE(lines.size() == 2);
  CHECK(lines[0]["outcome"] == "welcome");
  CHECK(lines[0]["participant"] == "P28");
  CHECK(lines[1]["outcome"] == "rejected");  // not in the roster: read as a (malformed) speedmeet badge
  CHECK(lines[1]["reason"] == "malformed");
}

TEST_CASE("a kiosk exports only the rows it made under its own name, and only once it holds an event") {
  TempDir dir;
  const auto central = make_central_db(dir);
  const std::string token = enrol(central, "door-1");
  const std::string bundle = dir.file("s.snapshot");
  {
    store::Database c(central, store::OpenMode::read_write);
    server::write_snapshot_bundle(c, bundle);
  }
  store::Database k(make_kiosk_db(dir, "k.db"), store::OpenMode::read_write);
  CHECK_THROWS_WITH(client::export_journal_bundle(k, dir.file("early.journal"), "door-1", token),
                    Catch::Contains("holds no event yet"));
  CHECK_FALSE(std::filesystem::exists(dir.file("early.journal")));
  client::load_snapshot_bundle(k, bundle);
  store::Journal(k, "old-name").append(entrance("C01", 1795784401000));
  store::Journal(k, "door-1").append(entrance("C02", 1795784402000));
  const auto exported = client::export_journal_bundle(k, dir.file("j.journal"), "door-1", token);
  CHECK(exported.rows == 1);
  CHECK(exported.other_name_rows == 1);
  store::Database c(central, store::OpenMode::read_write);
  const auto imported = server::import_journal_bundle(c, dir.file("j.journal"));
  CHECK(imported.stored == 1);
  CHECK(count_rows(central, "SELECT count(*) FROM journal WHERE device = 'old-name'") == 0);
}

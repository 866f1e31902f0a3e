#pragma once
// A small event with a real Ed25519 key, real badges and a clock.
#include <sodium.h>

#include <stdexcept>
#include <string>
#include <vector>

#include "badge/badge_code.hpp"
#include "checkin/kiosk_core.hpp"
#include "checkin/kiosk_data.hpp"
#include "domain/journal_row.hpp"
#include "presence/presence.hpp"

namespace speedmeet::test {

// Keeps recorded decisions in memory, or fails like a full disk.
struct MemoryRecorder : kiosk::CheckinRecorder {
  std::vector<JournalRow> rows;
  bool fail = false;
  JournalRow record(const JournalRow& row) override {
    if (fail) throw std::runtime_error("database or disk is full");
    rows.push_back(row);
    rows.back().uuid = "row-" + std::to_string(rows.size());
    return rows.back();
  }
};

struct KioskFixture {
  // 3 rounds of 10 min with 5-min breaks from T0; check-in window 5 min, grace 3 min.
  static constexpr std::int64_t kT0 = 1'800'000'000;
  Instant t0 = from_unix(kT0);
  std::vector<unsigned char> pk = std::vector<unsigned char>(crypto_sign_PUBLICKEYBYTES);
  std::vector<unsigned char> sk = std::vector<unsigned char>(crypto_sign_SECRETKEYBYTES);

  KioskFixture() {
    if (sodium_init() < 0) throw std::runtime_error("sodium");
    crypto_sign_keypair(pk.data(), sk.data());
  }

  Event event() const {
    Event e;
    e.id = "dsm-test";
    e.name = "Test Matchmaking";
    e.timezone = "Europe/Luxembourg";
    e.plan = {t0, 3, Minutes{10}, Minutes{5}};
    e.rounds = compute_rounds(e.plan);
    e.tables = {{1, "Alzette"}, {2, "Moselle"}, {3, ""}};
    return e;
  }

  static kiosk::RosterPerson person(std::uint32_t num, std::string id, std::string name, Role role,
                                    std::int64_t serial = 1, std::string external = "") {
    kiosk::RosterPerson p;
    p.participant.id = std::move(id);
    p.participant.name = std::move(name);
    p.participant.organization = "Org " + p.participant.id;
    p.participant.role = role;
    p.participant.badge_code = std::move(external);
    p.num = num;
    p.badge_serial = serial;
    return p;
  }

  // Ana (P1) meets Marc (C1) in round 1 at table 2 and Lea (C2) in round 3.
  // Marc also meets Bo (P2) in round 2. Zoe (P3) has no meetings. Sam is staff.
  kiosk::KioskData data() const {
    std::vector<kiosk::RosterPerson> people = {
        person(1, "P1", "Ana Muller", Role::project),     person(2, "C1", "Marc Weber", Role::company),
        person(3, "C2", "Lea Schmit", Role::company),     person(4, "P2", "Bo Reuter", Role::project, 2),
        person(5, "P3", "Zoe Kieffer", Role::project, 1, "TKT-42"), person(6, "S1", "Sam Staff", Role::staff)};
    std::vector<Meeting> meetings = {{11, 1, 2, "C1", "P1"}, {12, 2, 1, "C1", "P2"}, {13, 3, 1, "C2", "P1"}};
    return kiosk::KioskData(event(), std::move(people), std::move(meetings), pk);
  }

  // A journal row that brings `participant` to the venue (an entrance),
  // checked in for `meeting` when given.
  JournalRow arrival(const std::string& participant, std::optional<std::int64_t> meeting = std::nullopt,
                     JournalKind kind = JournalKind::entrance) const {
    JournalRow r;
    r.participant = participant;
    r.kind = kind;
    r.meeting_id = meeting;
    r.outcome = "welcome";
    r.device_time_ms = (kT0 - 3600) * 1000;
    return r;
  }

  std::string badge(std::uint32_t num, std::int64_t serial = 1, const std::string& event_id = "dsm-test") const {
    return badge::issue_badge(badge::SigningKey(sk), event_id, num, serial);
  }
};

}  // namespace speedmeet::test

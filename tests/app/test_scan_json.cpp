// The headless kiosk's one JSON line per scan, field by field.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "app/kiosk_session.hpp"

using namespace speedmeet;
using namespace speedmeet::kiosk;

namespace {

KioskCore::ScanResult next_meeting(bool rematch) {
  KioskCore::ScanResult scan;
  scan.decision.outcome = Outcome::next;
  scan.decision.participant = Participant{};
  scan.decision.participant->id = "P20";
  MeetingView m;
  m.round = 2;
  m.table = 5;
  m.partner_id = "C11";
  m.rematch = rematch;
  scan.decision.meeting = m;
  scan.decision.meeting_checkin = true;
  scan.decision.row = RowKind::meeting;
  scan.recorded = true;
  scan.row_id = "0b7a1d6e-3f7c-4c1b-9a59-2d5b0f0e8a11";
  return scan;
}

}  // namespace

TEST_CASE("a scan's JSON line says where to go, with whom, and whether that partner is a re-match") {
  const auto planned = nlohmann::json::parse(scan_json(next_meeting(false), 1.23456));
  CHECK(planned["outcome"] == "next");
  CHECK(planned["participant"] == "P20");
  CHECK(planned["round"] == 2);
  CHECK(planned["table"] == 5);
  CHECK(planned["partner"] == "C11");
  CHECK(planned["rematch"] == false);
  CHECK(planned["checked_in"] == true);
  CHECK(planned["row"] == "0b7a1d6e-3f7c-4c1b-9a59-2d5b0f0e8a11");
  CHECK(planned["latency_ms"] == 1.235);

  CHECK(nlohmann::json::parse(scan_json(next_meeting(true), 0))["rematch"] == true);
  CHECK_FALSE(planned.contains("manual_by"));  // a scan says nothing of staff

  KioskCore::ScanResult by_hand = next_meeting(false);  // checked in on the staff panel
  by_hand.manual_by = "S01";
  const auto manual = nlohmann::json::parse(scan_json(by_hand, 0));
  CHECK(manual["manual_by"] == "S01");
  CHECK(manual["checked_in"] == true);

  KioskCore::ScanResult unreadable;  // no participant, no meeting
  unreadable.decision.reason = Reason::unreadable;
  unreadable.recorded = true;
  const auto j = nlohmann::json::parse(scan_json(unreadable, 0));
  CHECK(j["outcome"] == "rejected");
  CHECK(j["reason"] == "unreadable");
  CHECK(j["partner"].is_null());
  CHECK(j["rematch"] == false);
  CHECK(j["checked_in"] == false);

  KioskCore::ScanResult lost = next_meeting(false);  // the commit failed: never a false welcome
  lost.recorded = false;
  const auto failed = nlohmann::json::parse(scan_json(lost, 0));
  CHECK(failed["outcome"] == "out_of_order");
  CHECK(failed["reason"] == "storage");
  CHECK(failed["checked_in"] == false);
  CHECK(failed["row"].is_null());
}

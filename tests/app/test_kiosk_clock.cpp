// The kiosk's clocks: corrected time anchored on the monotonic clock, a
// wall clock set meanwhile changes nothing, a confirmation survives a
// restart in the same boot only.
#include <catch2/catch.hpp>

#include "app/kiosk_clock.hpp"

using namespace speedmeet;
using namespace speedmeet::kiosk;
using namespace std::chrono_literals;

namespace {
KioskTime at(std::int64_t ms) { return KioskTime{std::chrono::milliseconds{ms}}; }
}  // namespace

TEST_CASE("a script's device clock is corrected by the offset a sync measured, and stays so when set") {
  KioskClock clock = KioskClock::scripted(at(1'000), false);
  CHECK(clock.state().trust == ClockTrust::unconfirmed);
  CHECK_FALSE(clock.corrects());
  CHECK(clock.now() == at(1'000));  // no offset known: the device's reading
  clock.take_sync({7'200'000, 20});
  CHECK(clock.state().trust == ClockTrust::synced);
  CHECK(clock.corrects());
  CHECK(clock.now() == at(7'201'000));
  clock.advance(1500ms);
  CHECK(clock.now() == at(7'202'500));
  CHECK(clock.device_now() == at(2'500));
  clock.set_device(at(99'000'000));  // someone set the wall clock: corrected time runs on
  CHECK(clock.now() == at(7'202'500));
  CHECK(clock.offset_now_ms() == 7'202'500 - 99'000'000);
  CHECK(clock.device_clock_ms()() == 99'000'000);  // what the sync thread measures against
}

TEST_CASE("a pinned clock is never corrected; the offset is only shown") {
  KioskClock clock = KioskClock::scripted(at(5'000), true);
  clock.take_sync({-3'000, 10});
  CHECK(clock.now() == at(5'000));
  CHECK_FALSE(clock.corrects());
  CHECK(clock.state().trust == ClockTrust::pinned);
  CHECK(clock.state().offset_ms == -3'000);
  clock.confirm_by_staff("Sam");
  CHECK(clock.state().trust == ClockTrust::pinned);
}

TEST_CASE("staff confirming the time keep it as it reads") {
  KioskClock clock = KioskClock::scripted(at(60'000), false);
  clock.confirm_by_staff("Sam Staff");
  CHECK(clock.state().trust == ClockTrust::staff);
  CHECK(clock.state().confirmed_by == "Sam Staff");
  CHECK(clock.now() == at(60'000));
  CHECK(clock.corrects());
  CHECK(clock.offset_now_ms() == 0);
}

TEST_CASE("a confirmation is restored after a restart in the same boot, not after a reboot") {
  KioskClock first;
  first.take_sync({-7'200'000, 15});
  const SavedClock saved = first.saved();
  CHECK(saved.confirmed_by == "sync");
  if (saved.boot_id.empty()) {
    WARN("no /proc/sys/kernel/random/boot_id here: nothing to restore against");
    return;
  }
  KioskClock restarted;
  restarted.restore(saved);
  CHECK(restarted.state().trust == ClockTrust::synced);
  CHECK(std::llabs(restarted.offset_now_ms() + 7'200'000) < 1'000);

  SavedClock other_boot = saved;
  other_boot.boot_id = "00000000-0000-0000-0000-000000000000";
  KioskClock rebooted;
  rebooted.restore(other_boot);
  CHECK(rebooted.state().trust == ClockTrust::unconfirmed);
  CHECK_FALSE(rebooted.corrects());

  KioskClock script = KioskClock::scripted(at(0), false);  // a script's clock has no boot to match
  script.restore(saved);
  CHECK(script.state().trust == ClockTrust::unconfirmed);
}

// The outbox's states on a real SQLite file, without a server: what a run
// finds after a crash, what queueing keeps and renews, and the bound on
// deferrals.
#include <catch2/catch.hpp>

#include "mail/outbox.hpp"
#include "organizer/event_config.hpp"
#include "organizer/event_database.hpp"
#include "organizer/csv.hpp"
#include "organizer/importer.hpp"
#include "store/database.hpp"
#include "support/temp_dir.hpp"

using namespace speedmeet;
using namespace speedmeet::mail;
using namespace speedmeet::test;

namespace {

constexpr const char* kFromAddress = "badges@example.org";

struct Fixture {
  TempDir dir;
  std::string path = dir.file("central.db");
  store::Database db = [this] {
    organizer::create_event_database(path, organizer::load_event_config(source_path("config/demo/event.toml")));
    auto opened = organizer::open_event_database(path);
    organizer::import_participants(opened, organizer::read_csv_file(source_path("config/demo/participants.csv")));
    return opened;
  }();
  Outbox outbox{db};

  OutboxRow row(const std::string& id) {
    const auto found = outbox.find(id, kBadgeKind);
    REQUIRE(found);
    return *found;
  }
};

}  // namespace

TEST_CASE("queueing: one row per participant, its Message-ID kept until a resend") {
  Fixture f;
  f.outbox.queue({{"C01", "lea@example.lu"}, {"C02", "j@example.lu"}}, kBadgeKind, kFromAddress, 1000, false);
  const auto first = f.row("C01");
  CHECK(first.state == OutboxState::pending);
  CHECK(first.queued_at == 1000);
  CHECK(first.message_id.find("@example.org>") != std::string::npos);

  // Queued again (the next run): nothing renewed, the pending row takes the new address.
  f.outbox.queue({{"C01", "lea.new@example.lu"}}, kBadgeKind, kFromAddress, 2000, false);
  CHECK(f.row("C01").message_id == first.message_id);
  CHECK(f.row("C01").recipient == "lea.new@example.lu");
  CHECK(f.row("C01").queued_at == 1000);

  f.outbox.mark_sending("C01", kBadgeKind, "lea.new@example.lu", 2001);
  f.outbox.mark_sent("C01", kBadgeKind, "250 OK", 2002);
  f.outbox.queue({{"C01", "other@example.lu"}}, kBadgeKind, kFromAddress, 3000, false);
  CHECK(f.row("C01").state == OutboxState::sent);  // sent is sent
  CHECK(f.row("C01").recipient == "lea.new@example.lu");

  f.outbox.queue({{"C01", "other@example.lu"}}, kBadgeKind, kFromAddress, 4000, true);  // --resend
  CHECK(f.row("C01").state == OutboxState::pending);
  CHECK(f.row("C01").message_id != first.message_id);
  CHECK(f.row("C01").attempts == 0);
  CHECK(f.row("C01").queued_at == 4000);
  CHECK(f.outbox.all().size() == 2);
}

TEST_CASE("after a crash, a row left sending is pending again, uncertain if its whole body had left") {
  Fixture f;
  f.outbox.queue({{"C01", "a@example.lu"}, {"C02", "b@example.lu"}, {"C03", "c@example.lu"}}, kBadgeKind, kFromAddress,
                 1000, false);
  f.outbox.mark_sending("C01", kBadgeKind, "a@example.lu", 1001);  // died during the transfer
  f.outbox.mark_sending("C02", kBadgeKind, "b@example.lu", 1002);
  f.outbox.mark_body_done("C02", kBadgeKind);  // died waiting for the server's answer
  const std::string c02_id = f.row("C02").message_id;

  const auto recovery = f.outbox.recover();
  CHECK(recovery.interrupted == 2);
  CHECK(recovery.uncertain == 1);
  CHECK(f.row("C01").state == OutboxState::pending);
  CHECK(f.row("C01").uncertain == 0);
  CHECK(f.row("C02").state == OutboxState::pending);
  CHECK(f.row("C02").uncertain == 1);
  CHECK_FALSE(f.row("C02").body_done);
  CHECK(f.row("C02").message_id == c02_id);  // sent again as the same message
  CHECK(f.row("C02").reply.find("may have arrived") != std::string::npos);
  CHECK(f.row("C03").state == OutboxState::pending);
  CHECK(f.outbox.recover().interrupted == 0);  // nothing left to recover
}

TEST_CASE("deferrals: pending again until the fifth, then failed; a new address is tried again") {
  Fixture f;
  f.outbox.queue({{"C01", "a@example.lu"}}, kBadgeKind, kFromAddress, 1000, false);
  for (int i = 1; i <= kMaxDeferrals; ++i) {
    f.outbox.mark_sending("C01", kBadgeKind, "a@example.lu", 1000 + i);
    const auto state = f.outbox.mark_deferred("C01", kBadgeKind, "451 later", 1000 + i);
    CHECK(state == (i < kMaxDeferrals ? OutboxState::pending : OutboxState::failed));
  }
  CHECK(f.row("C01").deferrals == kMaxDeferrals);
  CHECK(f.row("C01").attempts == kMaxDeferrals);
  CHECK(f.row("C01").finished_at == 1000 + kMaxDeferrals);
  CHECK_THROWS_AS(f.outbox.mark_sending("C01", kBadgeKind, "a@example.lu", 2000), std::logic_error);

  f.outbox.queue({{"C01", "a@example.lu"}}, kBadgeKind, kFromAddress, 3000, false);
  CHECK(f.row("C01").state == OutboxState::failed);  // the same address: not retried
  f.outbox.queue({{"C01", "a.fixed@example.lu"}}, kBadgeKind, kFromAddress, 3000, false);
  CHECK(f.row("C01").state == OutboxState::pending);
  CHECK(f.row("C01").deferrals == 0);
  CHECK(f.row("C01").recipient == "a.fixed@example.lu");
}

TEST_CASE("server answers are stored bounded and printable") {
  Fixture f;
  f.outbox.queue({{"C01", "a@example.lu"}}, kBadgeKind, kFromAddress, 1000, false);
  f.outbox.mark_sending("C01", kBadgeKind, "a@example.lu", 1001);
  f.outbox.mark_failed("C01", kBadgeKind, "550 no\r\nsuch \x01user" + std::string(5000, 'x'), 1002);
  const auto row = f.row("C01");
  CHECK(row.state == OutboxState::failed);
  CHECK(row.reply.size() == 500);
  CHECK(row.reply.rfind("550 no  such  user", 0) == 0);
}

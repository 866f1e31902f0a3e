// The staff console's costs: the board's data for a large event (2,000
// people, 400 tables, three quarters of them checked in), beside reading
// its inputs alone; and a login's Argon2id check beside the BLAKE2b hash a
// device token costs.
#include <sodium.h>
#include <zlib.h>

#include <string>
#include <vector>

#include "bench_report.hpp"
#include "console/staff_accounts.hpp"
#include "console/views.hpp"
#include "server/tokens.hpp"
#include "store/event_store.hpp"
#include "store/journal.hpp"
#include "sync_bench_support.hpp"

using namespace speedmeet;

namespace {

constexpr std::int64_t kFirstStart = 1'795'784'400;

// Three people in four check in for their round-1 meeting.
void check_in_round_1(store::Database& db) {
  store::Transaction tx(db);
  auto insert = db.prepare(store::insert_journal_sql(1));
  std::int64_t seq = 0;
  for (const Meeting& m : store::EventStore(db).meetings()) {
    if (m.round != 1) continue;
    for (const std::string& who : {m.a, m.b}) {
      if (++seq % 4 == 0) continue;
      JournalRow row;
      row.uuid = store::make_uuid_v4();
      row.device = "door";
      row.seq = seq;
      row.device_time_ms = (kFirstStart - 120) * 1000;
      row.kind = JournalKind::meeting;
      row.participant = who;
      row.meeting_id = m.id;
      row.outcome = "next";
      store::bind_journal_row(insert, row, kFirstStart * 1000);
      insert.run();
      insert.reset();
    }
  }
  tx.commit();
}

std::size_t gzip_size(const std::string& text) {
  uLongf size = compressBound(static_cast<uLong>(text.size()));
  std::vector<Bytef> out(size);
  compress2(out.data(), &size, reinterpret_cast<const Bytef*>(text.data()), static_cast<uLong>(text.size()), 6);
  return size;
}

template <typename F>
double median_ms(int runs, F&& body) {
  std::vector<double> times;
  for (int i = 0; i < runs; ++i) {
    const auto start = bench::Clock::now();
    body();
    times.push_back(bench::ms_since(start));
  }
  return bench::quantile(times, 0.5);
}

void board(const std::string& path) {
  store::Database db(path, store::OpenMode::read_write);
  check_in_round_1(db);
  std::string text;
  const double board_ms = median_ms(15, [&] {
    db.exec("BEGIN");
    text = console::board_json(db, 1, from_unix(kFirstStart + 600)).dump();
    db.exec("ROLLBACK");
  });
  // Baseline: reading what the board is made of, without presence or JSON.
  const double inputs_ms = median_ms(15, [&] {
    db.exec("BEGIN");
    store::EventStore events(db);
    const auto people = events.participants();
    const auto meetings = events.meetings();
    const auto rows = store::read_arrival_rows(db);
    db.exec("ROLLBACK");
  });
  bench::report("console board data, 2,000 people / 400 tables (ms)", bench::fixed(board_ms, 1),
                bench::fixed(inputs_ms, 1) + " (reading its inputs)", bench::fixed(board_ms / inputs_ms, 1) + "x",
                "< 100 ms");
  bench::report("console board data size (KiB, gzip)", bench::fixed(static_cast<double>(text.size()) / 1024, 0) + " (" +
                    bench::fixed(static_cast<double>(gzip_size(text)) / 1024, 0) + ")",
                "", "", "");
}

void login() {
  const std::string password = "correct horse battery staple";
  const std::string hash = console::hash_password(password);
  const double verify_ms = median_ms(5, [&] { (void)console::verify_password(hash, password); });
  const std::string token = server::make_device_token();
  const double token_ms = median_ms(1000, [&] { (void)server::hash_token(token); });
  bench::report("console login: Argon2id check, opslimit " + std::to_string(crypto_pwhash_OPSLIMIT_INTERACTIVE) +
                    ", " + std::to_string(crypto_pwhash_MEMLIMIT_INTERACTIVE >> 20) + " MiB (ms)",
                bench::fixed(verify_ms, 1), bench::fixed(token_ms * 1000, 2) + " us (device token BLAKE2b)",
                bench::fixed(verify_ms / token_ms, 0) + "x", "50-500 ms");
}

}  // namespace

int main() {
  const bench::ScratchDir dir;
  board(bench::make_event(dir, "central.db", 2'000, 8, 400));
  login();
  return 0;
}

#pragma once
// Shared set-up of the sync benchmarks: an event of any size, a kiosk
// database, and an in-process `speedmeet serve` (the same SyncServer) on a
// free loopback port.
#include <sys/resource.h>

#include <filesystem>
#include <memory>
#include <string>
#include <thread>

#include "organizer/event_database.hpp"
#include "server/device_registry.hpp"
#include "server/log.hpp"
#include "server/sync_server.hpp"
#include "store/database.hpp"
#include "store/schema.hpp"
#include "store/transaction.hpp"

namespace speedmeet::bench {

// CPU seconds (user + system, every thread) used by this process so far:
// beside wall time it shows what a busy machine adds.
inline double cpu_seconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
         static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

// A scratch directory removed on exit.
class ScratchDir {
 public:
  ScratchDir() {
    path_ = std::filesystem::temp_directory_path() / std::string("speedmeet-bench-").append(std::to_string(::getpid()));
    std::filesystem::create_directories(path_);
  }
  ~ScratchDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  std::string file(const std::string& name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

// `participants` people (half companies, half projects) and
// rounds x tables meetings.
inline std::string make_event(const ScratchDir& dir, const std::string& name, int participants, int rounds, int tables) {
  Event e;
  e.id = "bench";
  e.name = "Benchmark event";
  e.venue = "Loopback";
  e.timezone = "Europe/Luxembourg";
  e.plan = {from_unix(1'795'784'400), rounds, Minutes{12}, Minutes{3}};
  e.rounds = compute_rounds(e.plan);
  for (int t = 1; t <= tables; ++t) e.tables.push_back({t, std::string("T").append(std::to_string(t))});
  const std::string path = dir.file(name);
  organizer::create_event_database(path, e);
  store::Database db(path, store::OpenMode::read_write);
  store::Transaction tx(db);
  auto person = db.prepare(
      "INSERT INTO participants (id, num, name, organization, role, language, email) VALUES (?, ?, ?, ?, ?, 'en', ?)");
  for (int i = 1; i <= participants; ++i) {
    const bool company = i <= participants / 2;
    // Strings appended, not "literal" + temporary: GCC 12 warns falsely about
    // the latter once inlined (-Wstringop-overflow, libstdc++ PR 105329).
    person.bind(1, std::string(company ? "C" : "P").append(std::to_string(i))).bind(2, i);
    person.bind(3, std::string("Person ").append(std::to_string(i)));
    person.bind(4, std::string("Organization ").append(std::to_string(i % 997)));
    person.bind(5, company ? "company" : "project");
    person.bind(6, std::string("person").append(std::to_string(i)).append("@example.com")).run();
  }
  auto meeting = db.prepare("INSERT INTO meetings (round, table_no, a, b, origin) VALUES (?, ?, ?, ?, 'schedule')");
  const int half = participants / 2;
  for (int r = 1; r <= rounds; ++r)
    for (int t = 1; t <= tables; ++t) {
      const int a = 1 + (t - 1) % half;
      const int b = half + 1 + (t - 1 + r) % half;
      meeting.bind(1, r).bind(2, t).bind(3, std::string("C").append(std::to_string(a)));
      meeting.bind(4, std::string("P").append(std::to_string(b))).run();
    }
  tx.commit();
  return path;
}

inline std::string make_kiosk(const ScratchDir& dir, const std::string& name) {
  const std::string path = dir.file(name);
  store::Database db(path);
  store::migrate(db);
  return path;
}

inline std::string enrol(const std::string& central, const std::string& device) {
  store::Database db(central, store::OpenMode::read_write);
  return server::DeviceRegistry(db).add(device, server::unix_ms_now());
}

// SyncServer on a thread, with `speedmeet serve`'s defaults; stopped and
// joined on destruction.
class LocalServer {
 public:
  explicit LocalServer(const std::string& db) {
    server::SyncServerOptions o;
    o.db_path = db;
    o.http.port = 0;
    http_ = std::make_unique<server::SyncServer>(o);
    thread_ = std::thread([this] { http_->run(); });
  }
  ~LocalServer() {
    http_->stop();
    thread_.join();
  }
  std::string url() const { return std::string("http://127.0.0.1:").append(std::to_string(http_->port())); }
  int port() const { return http_->port(); }
  server::HttpStats stats() const { return http_->stats(); }

 private:
  std::unique_ptr<server::SyncServer> http_;
  std::thread thread_;
};

}  // namespace speedmeet::bench

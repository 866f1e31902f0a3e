#pragma once
// Builds the demo event's central database with the real `speedmeet` binary.
#include <string>

#include <catch2/catch.hpp>

#include "support/process.hpp"
#include "support/temp_dir.hpp"

namespace speedmeet::test {

inline void require_ok(const ProcessResult& r) {
  INFO("stdout: " << r.out << "\nstderr: " << r.err);
  REQUIRE(r.exit_code == 0);
}

inline std::string make_demo_db(const TempDir& dir, bool with_schedule = true) {
  const std::string db = dir.file("central.db");
  require_ok(run_speedmeet({"init", db, "--event", source_path("config/demo/event.toml")}));
  require_ok(run_speedmeet({"import", db, source_path("config/demo/participants.csv")}));
  if (with_schedule) {
    require_ok(run_speedmeet({"import", db, "--wishes", source_path("config/demo/wishes.csv")}));
    require_ok(run_speedmeet({"import", db, "--meetings", source_path("config/demo/meetings.csv")}));
  }
  return db;
}

}  // namespace speedmeet::test

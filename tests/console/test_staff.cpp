// `speedmeet staff`: accounts of the staff console, through the real
// program and a real database file.
#include <catch2/catch.hpp>

#include "console/audit.hpp"
#include "console/login_throttle.hpp"
#include "console/staff_accounts.hpp"
#include "store/database.hpp"
#include "support/process.hpp"
#include "support/temp_dir.hpp"
#include "sync_fixtures.hpp"

using namespace speedmeet;
using namespace speedmeet::test;

namespace {

std::string text_of(const std::string& db_path, const std::string& sql) {
  store::Database db(db_path, store::OpenMode::read_only);
  auto st = db.prepare(sql);
  return st.step() ? st.text(0) : "";
}

}  // namespace

TEST_CASE("staff add reads the password from stdin and keeps only its Argon2id hash") {
  TempDir dir;
  const auto central = make_central_db(dir);
  const auto added = run_process({SPEEDMEET_BIN, "staff", "add", central, "ana", "--role", "desk"}, "correct horse battery\n");
  REQUIRE(added.exit_code == 0);
  const auto hash = text_of(central, "SELECT password_hash FROM staff WHERE name = 'ana'");
  CHECK(hash.rfind("$argon2id$", 0) == 0);
  CHECK(hash.find("correct horse") == std::string::npos);
  CHECK(text_of(central, "SELECT role FROM staff WHERE name = 'ana'") == "desk");

  store::Database db(central, store::OpenMode::read_write);
  console::StaffAccounts accounts(db);
  CHECK(accounts.check_login("ana", "correct horse battery"));
  CHECK_FALSE(accounts.check_login("ana", "correct horse battery "));
  CHECK_FALSE(accounts.check_login("nobody", "correct horse battery"));

  const auto listed = run_speedmeet({"staff", "list", central});
  REQUIRE(listed.exit_code == 0);
  CHECK(listed.out.find("ana\tdesk") != std::string::npos);

  REQUIRE(run_process({SPEEDMEET_BIN, "staff", "passwd", central, "ana"}, "another long one\r\n").exit_code == 0);
  CHECK_FALSE(accounts.check_login("ana", "correct horse battery"));
  CHECK(accounts.check_login("ana", "another long one"));

  REQUIRE(run_speedmeet({"staff", "remove", central, "ana"}).exit_code == 0);
  CHECK_FALSE(accounts.find("ana"));
  const auto audit = console::read_audit(db, 10);
  REQUIRE(audit.size() == 3);
  CHECK(audit[0].action == "staff_remove");
  CHECK(audit[2].action == "staff_add");
  CHECK(audit[2].detail == "desk");
}

TEST_CASE("staff refuses bad names, roles, weak passwords and unknown accounts with exit 2, changing nothing") {
  TempDir dir;
  const auto central = make_central_db(dir);
  const auto weak = run_process({SPEEDMEET_BIN, "staff", "add", central, "ana", "--role", "host"}, "short\n");
  CHECK(weak.exit_code == 2);
  CHECK(weak.err.find("shorter than 10") != std::string::npos);
  CHECK(run_process({SPEEDMEET_BIN, "staff", "add", central, "ana", "--role", "boss"}, "long enough pw\n").exit_code == 2);
  CHECK(run_process({SPEEDMEET_BIN, "staff", "add", central, "a b", "--role", "host"}, "long enough pw\n").exit_code == 2);
  CHECK(run_process({SPEEDMEET_BIN, "staff", "add", central, "ana", "--role", "host"}, "").exit_code == 2);
  CHECK(run_speedmeet({"staff", "remove", central, "ana"}).exit_code == 2);
  CHECK(run_process({SPEEDMEET_BIN, "staff", "passwd", central, "ana"}, "long enough pw\n").exit_code == 2);
  CHECK(text_of(central, "SELECT count(*) FROM staff") == "0");
  REQUIRE(run_process({SPEEDMEET_BIN, "staff", "add", central, "ana", "--role", "host"}, "long enough pw\n").exit_code == 0);
  const auto twice = run_process({SPEEDMEET_BIN, "staff", "add", central, "ana", "--role", "admin"}, "long enough pw\n");
  CHECK(twice.exit_code == 2);
  CHECK(text_of(central, "SELECT role FROM staff") == "host");
}

TEST_CASE("the audit is append-only") {
  TempDir dir;
  const auto central = make_central_db(dir);
  store::Database db(central, store::OpenMode::read_write);
  console::append_audit(db, {1, "ana", "127.0.0.1", "login", "ana", ""});
  CHECK_THROWS(db.exec("UPDATE staff_audit SET staff = 'bob'"));
  CHECK_THROWS(db.exec("DELETE FROM staff_audit"));
  CHECK(console::read_audit(db, 5).size() == 1);
}

TEST_CASE("the login throttle counts failures per account and per address within its window") {
  console::LoginThrottle throttle({.per_account = 3, .per_address = 5, .window_ms = 1000});
  for (int i = 0; i < 3; ++i) CHECK(throttle.begin("ana", "10.0.0.1", 100 + i) == 0);
  CHECK(throttle.begin("ana", "10.0.0.2", 200) == 1);   // the account is locked from any address
  CHECK(throttle.begin("ana", "10.0.0.1", 1100) == 0);  // the first failure left the window
  CHECK(throttle.begin("bob", "10.0.0.1", 1150) == 0);
  // A right password clears the name and does not count against the address.
  throttle.succeeded("bob", "10.0.0.1", 1150);
  CHECK(throttle.begin("bob", "10.0.0.1", 1160) == 0);
  CHECK(throttle.begin("carl", "10.0.0.1", 1170) == 0);
  CHECK(throttle.begin("dan", "10.0.0.1", 1180) == 0);
  CHECK(throttle.begin("erin", "10.0.0.1", 1190) == 0);
  // 10.0.0.1 now holds 5 failures in the window (ana at 1100, bob at 1160, carl, dan, erin).
  CHECK(throttle.begin("fred", "10.0.0.1", 1195) > 0);
  CHECK(throttle.begin("fred", "10.0.0.3", 1195) == 0);
}

TEST_CASE("speedmeet report writes the audit beside the reports, oldest first, names kept as text") {
  TempDir dir;
  const auto central = make_central_db(dir);
  REQUIRE(run_process({SPEEDMEET_BIN, "staff", "add", central, "ana", "--role", "desk"}, "correct horse battery\n")
              .exit_code == 0);
  {
    store::Database db(central, store::OpenMode::read_write);
    console::append_audit(db, {1'795'784'400'000, "ana", "192.0.2.7", "badge_revoke", "P07", "=HYPERLINK(\"x\")"});
  }
  const auto report = run_process({SPEEDMEET_BIN, "report", central, "--out", dir.file("out")});
  INFO(report.err);
  REQUIRE(report.exit_code == 0);
  CHECK(report.out.find("audit.csv") != std::string::npos);
  const std::string csv = read_file(dir.file("out") + "/audit.csv");
  const auto added = csv.find(",cli,,staff_add,ana,");
  const auto revoked = csv.find("2026-11-27T13:00:00.000Z,ana,192.0.2.7,badge_revoke,P07,");
  CHECK(csv.rfind("\xEF\xBB\xBF" "at,staff,address,action,subject,detail\r\n", 0) == 0);
  REQUIRE(added != std::string::npos);
  REQUIRE(revoked != std::string::npos);
  CHECK(added < revoked);  // oldest first: the account was made before
  CHECK(csv.find("\"'=HYPERLINK(\"\"x\"\")\"") != std::string::npos);  // a formula stays text
}

// `speedmeet mail` refusing what it cannot do: bad usage and bad input end
// with one sentence and exit 2, a server that is down or a second run at
// the same time with exit 1; none of them changes the database.
#include <catch2/catch.hpp>

#include <sys/stat.h>

#include "cli/demo_db.hpp"
#include "mail/mailer.hpp"
#include "mail_fixture.hpp"
#include "support/db_dump.hpp"

using namespace speedmeet;
using namespace speedmeet::test;

namespace {

struct BadUsage {
  std::vector<std::string> args;  // after "mail"
  std::string says;               // part of the first line on stderr
  std::string input = "";
};

}  // namespace

TEST_CASE("bad usage and bad input: one sentence naming what is wrong, exit 2, nothing changed") {
  TempDir dir;
  const std::string db = make_demo_db(dir, false);
  {
    const std::string csv = read_file(source_path("config/demo/participants.csv")) +
                            "P99,Sans Adresse,Nowhere,project,fr,,\n";
    require_ok(run_speedmeet({"import", db, dir.write("people.csv", csv)}));
  }
  const std::string open_password = dir.write("open-password", "secret\n");
  ::chmod(open_password.c_str(), 0644);
  const std::string private_password = dir.write("password", "secret\n");
  ::chmod(private_password.c_str(), 0600);
  const std::string before = dump_database(db);
  const std::string smtp = "smtp://127.0.0.1:1";

  const std::vector<BadUsage> cases = {
      {{}, "mail needs exactly one database path"},
      {{db, "--smtp", smtp}, "missing --from"},
      {{db, "--from", "not-an-address", "--smtp", smtp}, "--from \"not-an-address\" is not an e-mail address"},
      {{db, "--from", kFrom}, "mail needs --smtp"},
      {{db, "--from", kFrom, "--smtp", "http://127.0.0.1:25"}, "the scheme must be smtp or smtps"},
      {{db, "--from", kFrom, "--smtp", "smtp://127.0.0.1:25/path"}, "no path, query or fragment"},
      {{db, "--from", kFrom, "--smtp", "smtp://user@127.0.0.1:25"}, "put the user name in --user"},
      {{db, "--from", kFrom, "--smtp", "smtps://127.0.0.1:465", "--starttls"}, "--starttls is for smtp://"},
      {{db, "--from", kFrom, "--smtp", smtp, "--resend"}, "--resend goes with --only"},
      {{db, "--from", kFrom, "--smtp", smtp, "--only", "C01,X42"}, "--only: no participant with id \"X42\""},
      {{db, "--from", kFrom, "--smtp", smtp, "--only", "P99"}, "--only: P99 has no e-mail address"},
      {{db, "--from", kFrom, "--smtp", smtp, "--password-file", private_password}, "--password-file goes with --user"},
      {{db, "--from", kFrom, "--smtp", "smtp://mail.example.org:587", "--user", "me", "--password-file",
        private_password},
       "--user would send the password unencrypted"},
      {{db, "--from", kFrom, "--smtp", smtp, "--user", "me", "--password-file", open_password},
       "can be read by other users"},
      {{db, "--from", kFrom, "--smtp", smtp, "--user", "me"}, "the SMTP password is empty", "\n"},
      {{db, "--from", kFrom, "--smtp", smtp, "--user", "me", "--password", "secret"}, "unknown option --password"},
      {{db, "--from", kFrom, "--smtp", smtp, "--starttls", "--cacert", dir.file("missing.pem")}, "--cacert"},
      {{dir.file("missing.db"), "--from", kFrom, "--smtp", smtp}, "no such database"},
  };
  for (const auto& c : cases) {
    std::vector<std::string> argv{SPEEDMEET_BIN, "mail"};
    argv.insert(argv.end(), c.args.begin(), c.args.end());
    const auto r = run_process(argv, c.input);
    INFO(r.err);
    CHECK(r.exit_code == 2);
    const std::string first_line = r.err.substr(0, r.err.find('\n'));
    CHECK(first_line.rfind("speedmeet mail: ", 0) == 0);
    CHECK(first_line.find(c.says) != std::string::npos);
    CHECK(r.out.empty());
  }
  CHECK(dump_database(db) == before);
}

TEST_CASE("a server that is down: exit 1, nothing sent, the outbox unchanged") {
  TempDir dir;
  const std::string db = make_demo_db(dir);
  SmtpSink sink(dir);
  REQUIRE(run_mail(db, sink, {"--only", "C01"}).exit_code == 0);  // the outbox has a row
  sink.stop();
  const std::string before = dump_database(db);
  const auto r = run_mail(db, sink);
  INFO(r.out << r.err);
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("cannot use the SMTP server " + sink.url()) != std::string::npos);
  CHECK(r.err.find("the outbox is unchanged") != std::string::npos);
  CHECK(r.out.empty());
  CHECK(dump_database(db) == before);
}

TEST_CASE("one speedmeet mail at a time per database") {
  TempDir dir;
  const std::string db = make_demo_db(dir, false);
  SmtpSink sink(dir);
  const mail::MailLock running(db);  // as another run would hold it
  const std::string before = dump_database(db);
  const auto r = run_mail(db, sink);
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("another speedmeet mail is running on " + db) != std::string::npos);
  CHECK(sink.messages().empty());
  CHECK(dump_database(db) == before);
}

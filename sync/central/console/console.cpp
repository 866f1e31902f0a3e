#include "console.hpp"

#include <sodium.h>
#include <unistd.h>

#include <charconv>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "assets.hpp"
#include "audit.hpp"
#include "domain/input_error.hpp"
#include "organizer/walk_in.hpp"
#include "print/badge_issue.hpp"
#include "print/badge_sheet.hpp"
#include "reports/reports.hpp"
#include "server/device_registry.hpp"
#include "server/log.hpp"
#include "server/read_transaction.hpp"
#include "server/sync_server.hpp"
#include "sessions.hpp"
#include "store/database.hpp"
#include "store/event_store.hpp"
#include "store/journal.hpp"
#include "store/transaction.hpp"
#include "views.hpp"
#include "zip_writer.hpp"

namespace speedmeet::console {
namespace {

using server::HttpRequest;
using server::HttpResponse;
using nlohmann::json;

// No inline script or style anywhere: everything the pages run comes from
// /assets, and nothing may frame them.
constexpr const char* kContentSecurityPolicy =
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

void secure(HttpResponse& r, bool cacheable = false) {
  r.headers.emplace_back("Content-Security-Policy", kContentSecurityPolicy);
  r.headers.emplace_back("X-Content-Type-Options", "nosniff");
  r.headers.emplace_back("X-Frame-Options", "DENY");
  // same-origin, not no-referrer: under no-referrer Chrome sends "Origin:
  // null" with a form's POST, which the origin check must refuse.
  r.headers.emplace_back("Referrer-Policy", "same-origin");
  r.headers.emplace_back("Cache-Control", cacheable ? "no-cache" : "no-store");
}

const Asset* find_asset(std::string_view name) {
  for (const Asset& a : assets())
    if (a.name == name) return &a;
  return nullptr;
}

std::string content_type_of(std::string_view name) {
  const auto ends = [&](std::string_view ext) { return name.ends_with(ext); };
  if (ends(".html")) return "text/html; charset=utf-8";
  if (ends(".css")) return "text/css; charset=utf-8";
  if (ends(".js")) return "text/javascript; charset=utf-8";
  if (ends(".svg")) return "image/svg+xml";
  if (ends(".png")) return "image/png";
  if (ends(".txt")) return "text/plain; charset=utf-8";
  return "application/octet-stream";
}

HttpResponse asset_response(std::string_view name) {
  const Asset* asset = find_asset(name);
  if (!asset) return server::error_response(404, "not_found", "no such file");
  HttpResponse r;
  r.content_type = content_type_of(name);
  r.body = std::string(asset->bytes);
  secure(r, true);
  return r;
}

HttpResponse json_answer(int status, const json& body) {
  HttpResponse r = server::json_response(status, body.dump());
  secure(r);
  return r;
}

HttpResponse json_error(int status, const std::string& code, const std::string& message) {
  HttpResponse r = server::error_response(status, code, message);
  secure(r);
  return r;
}

HttpResponse redirect(const std::string& location) {
  HttpResponse r;
  r.status = 303;
  r.content_type = "text/plain; charset=utf-8";
  r.headers.emplace_back("Location", location);
  secure(r);
  return r;
}

// A page without script for the answers a page route gives instead of its
// shell (403, 429): plain text in a minimal document, nothing to escape.
HttpResponse notice_page(int status, const std::string& title, const std::string& sentence) {
  HttpResponse r;
  r.status = status;
  r.content_type = "text/html; charset=utf-8";
  r.body = "<!doctype html><html><head><meta charset=\"utf-8\"><meta name=\"viewport\" "
           "content=\"width=device-width, initial-scale=1\"><title>" +
           title + "</title><link rel=\"icon\" href=\"/assets/favicon.svg\" type=\"image/svg+xml\"><link rel=\"stylesheet\" href=\"/assets/console.css\"></head><body class=\"notice\"><main><h1>" +
           title + "</h1><p>" + sentence + "</p><p><a href=\"/board\">Board</a> · <a href=\"/login\">Log in</a></p></main></body></html>";
  secure(r);
  return r;
}

std::string query_value(const HttpRequest& request, std::string_view name) {
  for (const auto& [k, v] : request.query)
    if (k == name) return v;
  return "";
}

std::optional<int> small_number(const std::string& text) {
  int value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value < 1 || value > 100000) return std::nullopt;
  return value;
}

std::string form_field(const HttpRequest& request, std::string_view name) {
  if (!server::media_type_is(request.header("content-type"), "application/x-www-form-urlencoded")) return "";
  const auto fields = server::decode_query(request.body);
  if (!fields) return "";
  for (const auto& [k, v] : *fields)
    if (k == name) return v;
  return "";
}

// Whether the browser says the request came from another site (Origin,
// Sec-Fetch-Site); requests without those headers (scripts, tests) pass.
bool from_same_origin(const HttpRequest& request) {
  const std::string origin = request.header("origin");
  if (!origin.empty() && origin != (request.tls ? "https://" : "http://") + request.header("host")) return false;
  const std::string site = request.header("sec-fetch-site");
  return site.empty() || site == "same-origin";
}

// A state-changing request must come from one of our pages: same origin
// when the browser says, and the session's CSRF token in X-CSRF-Token
// (fetch) or the form field csrf.
bool same_origin_and_token(const HttpRequest& request, const Session& session) {
  if (!from_same_origin(request)) return false;
  std::string token = request.header("x-csrf-token");
  if (token.empty()) token = form_field(request, "csrf");
  return same_secret(token, session.csrf);
}

std::string session_cookie(const std::string& value, bool tls, std::int64_t max_age_s) {
  return std::string(kSessionCookie) + "=" + value + "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" +
         std::to_string(max_age_s) + (tls ? "; Secure" : "");
}

// `speedmeet report`'s files and audit.csv, made in a private temporary
// folder from the live database, then read back and removed.
std::vector<std::pair<std::string, std::string>> report_files(store::Database& db, Instant as_of) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / ("speedmeet-report-" + store::make_uuid_v4());
  std::vector<std::pair<std::string, std::string>> out;
  try {
    reports::write_reports(db, dir.string(), as_of);
    write_audit_csv(db, (dir / "audit.csv").string());
    auto names = reports::report_files();
    names.push_back("audit.csv");
    for (const std::string& name : names) {
      std::ifstream in(dir / name, std::ios::binary);
      std::ostringstream bytes;
      bytes << in.rdbuf();
      out.emplace_back(name, bytes.str());
    }
  } catch (...) {
    fs::remove_all(dir);
    throw;
  }
  fs::remove_all(dir);
  return out;
}

std::string badge_sheet_pdf(const std::vector<print::BadgeFace>& faces) {
  namespace fs = std::filesystem;
  const fs::path file = fs::temp_directory_path() / ("speedmeet-badge-" + store::make_uuid_v4() + ".pdf");
  print::write_badge_sheets(file.string(), faces, print::SheetLayout::a6);
  std::ifstream in(file, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  fs::remove(file);
  return bytes.str();
}

std::string badge_pdf(store::Database& db, const std::string& id) {
  store::EventStore events(db);
  const auto record = events.find_participant(id);
  const auto event = events.load_event();
  if (!record || !event) throw std::invalid_argument("no participant with id \"" + id + "\"");
  return badge_sheet_pdf(print::badge_faces(print::read_signing_key(db), *event, {*record}));
}

HttpResponse pdf_answer(std::string pdf, const std::string& id) {
  HttpResponse out;
  out.content_type = "application/pdf";
  out.body = std::move(pdf);
  secure(out);
  out.headers.emplace_back("Content-Disposition", "attachment; filename=\"badge-" + id + ".pdf\"");
  out.headers.emplace_back("X-Participant-Id", id);
  return out;
}

// The desk's walk-in form as JSON: name, organization, role (company or
// project), language, optional email and wishes (participant ids).
std::optional<organizer::WalkInForm> walk_in_form(const json& body) {
  if (!body.is_object()) return std::nullopt;
  const auto text = [&](const char* key) -> std::optional<std::string> {
    if (!body.contains(key)) return std::string();
    if (!body[key].is_string()) return std::nullopt;
    return body[key].get<std::string>();
  };
  const auto name = text("name"), organization = text("organization"), role = text("role"),
             language = text("language"), email = text("email");
  if (!name || !organization || !role || !language || !email) return std::nullopt;
  organizer::WalkInForm form;
  form.name = *name;
  form.organization = *organization;
  form.email = *email;
  const auto parsed_role = speedmeet::parse_role(*role);
  const auto parsed_language = speedmeet::parse_language(*language);
  if (!parsed_role || *parsed_role == speedmeet::Role::staff || !parsed_language) return std::nullopt;
  form.role = *parsed_role;
  form.language = *parsed_language;
  if (body.contains("wishes")) {
    if (!body["wishes"].is_array() || body["wishes"].size() > 50) return std::nullopt;
    for (const json& w : body["wishes"]) {
      if (!w.is_string()) return std::nullopt;
      form.wishes.push_back(w.get<std::string>());
    }
  }
  return form;
}

}  // namespace

Console::Console(ConsoleOptions options, server::EventHub& hub)
    : options_(std::move(options)),
      hub_(hub),
      pool_(options_.db_path, std::max<std::size_t>(options_.connections, 1)),
      throttle_(options_.throttle) {}

Console::~Console() = default;

Instant Console::now() const {
  if (options_.clock) return options_.clock();
  return std::chrono::time_point_cast<Seconds>(std::chrono::system_clock::now());
}

server::Handler Console::guarded(Role needed, Answer answer, Action action) {
  return [this, needed, answer, action = std::move(action)](const HttpRequest& request) -> HttpResponse {
    auto db = pool_.acquire();
    const auto session =
        SessionStore(*db).find(cookie_value(request.header("cookie"), kSessionCookie), server::unix_ms_now());
    if (!session)
      return answer == Answer::page ? redirect("/login")
                                    : json_error(401, "login_required", "log in to the console first");
    if (!allows(session->role, needed))
      return answer == Answer::page
                 ? notice_page(403, "403", "This page is not open to your role.")
                 : json_error(403, "forbidden", "this is not open to the role " + std::string(to_string(session->role)));
    if (request.method == "POST" && !same_origin_and_token(request, *session))
      return json_error(403, "csrf", "the request did not come from a console page (CSRF token missing or wrong)");
    try {
      return action(*db, *session, request);
    } catch (const std::invalid_argument& e) {
      return json_error(404, "not_found", e.what());
    }
  };
}

HttpResponse Console::login(const HttpRequest& request) {
  if (!server::media_type_is(request.header("content-type"), "application/x-www-form-urlencoded"))
    return json_error(415, "unsupported_media_type", "the login form is sent as application/x-www-form-urlencoded");
  // Another site must not log a browser in (into an account of its choosing).
  if (!from_same_origin(request)) return json_error(403, "csrf", "the login form was sent from another site");
  const std::string name = form_field(request, "name");
  const std::string password = form_field(request, "password");
  const std::int64_t now_ms = server::unix_ms_now();
  const std::string key = name.substr(0, 64);
  if (const auto wait = throttle_.begin(key, request.remote, now_ms); wait > 0) {
    HttpResponse r = notice_page(429, "Too many attempts",
                                 "Too many failed logins. Try again in " + std::to_string((wait + 59) / 60) + " min.");
    r.headers.emplace_back("Retry-After", std::to_string(wait));
    return r;
  }
  auto db = pool_.acquire();
  const auto account = StaffAccounts(*db).check_login(name, password);
  if (!account) {
    append_audit(*db, {now_ms, valid_staff_name(name) ? name : "?", request.remote, "login_failed", "", ""});
    return redirect("/login?error=wrong");
  }
  throttle_.succeeded(key, request.remote, now_ms);
  const NewSession opened = SessionStore(*db).open(*account, request.remote, now_ms);
  append_audit(*db, {now_ms, account->name, request.remote, "login", "", std::string(to_string(account->role))});
  HttpResponse r = redirect("/board");
  r.headers.emplace_back("Set-Cookie", session_cookie(opened.cookie_value, request.tls, kSessionLifetimeMs / 1000));
  r.log.emplace_back("staff", account->name);
  return r;
}

HttpResponse Console::logout(const HttpRequest& request) {
  return guarded(Role::host, Answer::json,
                 [](store::Database& db, const Session& session, const HttpRequest& r) {
                   SessionStore(db).close(cookie_value(r.header("cookie"), kSessionCookie));
                   append_audit(db, {server::unix_ms_now(), session.staff, r.remote, "logout", "", ""});
                   HttpResponse out = redirect("/login");
                   out.headers.emplace_back("Set-Cookie", session_cookie("", r.tls, 0));
                   return out;
                 })(request);
}

void Console::install(server::Router& router) {
  server::RouteOptions from_memory;  // the embedded files: answered at once, even when every worker is busy
  from_memory.runs = server::Runs::on_io_thread;
  router.add_prefix("GET", "/assets/", [](const HttpRequest& r) { return asset_response(r.path.substr(8)); },
                    from_memory);
  router.add("GET", "/", [](const HttpRequest&) { return redirect("/board"); }, from_memory);
  router.add("GET", "/login", [](const HttpRequest&) { return asset_response("login.html"); },
             from_memory);
  router.add("POST", "/login", [this](const HttpRequest& r) { return login(r); });
  router.add("POST", "/logout", [this](const HttpRequest& r) { return logout(r); });
  add_pages(router);
  add_data(router);
  add_actions(router);
}

void Console::add_pages(server::Router& router) {
  const auto page = [this](Role role, std::string file) {
    return guarded(role, Answer::page,
                   [file](store::Database&, const Session&, const HttpRequest&) { return asset_response(file); });
  };
  router.add("GET", "/board", page(Role::host, "board.html"));
  router.add("GET", "/attendance", page(Role::host, "attendance.html"));
  router.add("GET", "/people", page(Role::desk, "people.html"));
  router.add_prefix("GET", "/people/", page(Role::desk, "person.html"));
  router.add("GET", "/devices", page(Role::admin, "devices.html"));
  router.add("GET", "/reports", page(Role::admin, "reports.html"));
}

void Console::add_data(server::Router& router) {
  router.add("GET", "/console/api/session",
             guarded(Role::host, Answer::json, [](store::Database&, const Session& s, const HttpRequest& r) {
               return json_answer(200, {{"name", s.staff},
                                        {"role", to_string(s.role)},
                                        {"csrf", s.csrf},
                                        {"accept_language", r.header("accept-language").substr(0, 200)}});
             }));
  router.add("GET", "/console/api/board",
             guarded(Role::host, Answer::json, [this](store::Database& db, const Session&, const HttpRequest& r) {
               const std::string round = query_value(r, "round");
               const auto number = small_number(round);
               if (!round.empty() && !number) return json_error(400, "invalid_query", "round must be a round number");
               const server::ReadTransaction tx(db);
               return json_answer(200, board_json(db, number, now()));
             }));
  router.add("GET", "/console/api/events",
             guarded(Role::host, Answer::json, [this](store::Database&, const Session&, const HttpRequest&) {
               HttpResponse r;
               r.stream = std::make_shared<server::StreamStart>();
               r.stream->topics = {server::kChangesTopic};
               r.stream->replay_after = hub_.last_id();
               r.stream->initial = {{"hello", "{}", 0}};
               return r;
             }));
  router.add("GET", "/console/api/attendance",
             guarded(Role::host, Answer::json, [this](store::Database& db, const Session&, const HttpRequest&) {
               const server::ReadTransaction tx(db);
               return json_answer(200, attendance_json(db, now()));
             }));
  router.add("GET", "/console/api/people",
             guarded(Role::desk, Answer::json, [](store::Database& db, const Session&, const HttpRequest& r) {
               const std::string q = query_value(r, "q");
               if (q.size() > 200) return json_error(400, "invalid_query", "q is longer than 200 bytes");
               return json_answer(200, {{"people", people_json(db, q)}});
             }));
  router.add_prefix("GET", "/console/api/people/",
                    guarded(Role::desk, Answer::json, [this](store::Database& db, const Session&, const HttpRequest& r) {
                      const server::ReadTransaction tx(db);
                      const auto person = person_json(db, r.path.substr(20), now());
                      if (!person) return json_error(404, "not_found", "no such participant");
                      return json_answer(200, *person);
                    }));
  router.add("GET", "/console/api/devices",
             guarded(Role::admin, Answer::json, [](store::Database& db, const Session&, const HttpRequest&) {
               return json_answer(200, {{"devices", devices_json(db)}, {"server_time_ms", server::unix_ms_now()}});
             }));
  router.add("GET", "/console/api/audit",
             guarded(Role::admin, Answer::json, [](store::Database& db, const Session&, const HttpRequest&) {
               json entries = json::array();
               for (const AuditEntry& e : read_audit(db, 200))
                 entries.push_back({{"at", e.at_ms}, {"staff", e.staff}, {"address", e.address},
                                    {"action", e.action}, {"subject", e.subject}, {"detail", e.detail}});
               return json_answer(200, {{"audit", entries}});
             }));
  router.add("GET", "/console/api/reports",
             guarded(Role::admin, Answer::json, [](store::Database&, const Session&, const HttpRequest&) {
               json files = reports::report_files();
               files.push_back("audit.csv");
               return json_answer(200, {{"files", files}});
             }));
  router.add_prefix("GET", "/reports/",
                    guarded(Role::admin, Answer::page, [this](store::Database& db, const Session& s, const HttpRequest& r) {
                      const std::string name = r.path.substr(9);
                      HttpResponse out;
                      out.content_type = "text/csv; charset=utf-8";
                      // write_reports reads in one transaction of its own.
                      auto files = report_files(db, now());
                      if (name == "all.zip") {
                        out.content_type = "application/zip";
                        out.body = stored_zip(files, to_unix(now()));
                      } else {
                        const auto found = std::find_if(files.begin(), files.end(),
                                                         [&](const auto& f) { return f.first == name; });
                        if (found == files.end()) return json_error(404, "not_found", "no such report file");
                        out.body = found->second;
                      }
                      secure(out);
                      out.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + name + "\"");
                      out.log.emplace_back("staff", s.staff);
                      return out;
                    }));
}

void Console::add_actions(server::Router& router) {
  server::RouteOptions json_body;
  json_body.media_types = {"application/json"};
  router.add_prefix(
      "POST", "/console/api/people/",
      guarded(Role::desk, Answer::json, [this](store::Database& db, const Session& s, const HttpRequest& r) {
        const std::string rest = r.path.substr(20);
        const auto slash = rest.rfind('/');
        if (slash == std::string::npos) return json_error(404, "not_found", "no such action");
        const std::string id = rest.substr(0, slash), action = rest.substr(slash + 1);
        if (!store::EventStore(db).find_participant(id)) return json_error(404, "not_found", "no such participant");
        const std::int64_t now_ms = server::unix_ms_now();
        const auto audit = [&](const std::string& what, const std::string& detail) {
          append_audit(db, {now_ms, s.staff, r.remote, what, id, detail});
        };
        if (action == "revoke") {
          const auto revocation = print::revoke_badge(db, id, now_ms);
          audit("badge_revoke", revocation.already ? "already revoked" : "serial " + std::to_string(revocation.serial));
          return json_answer(200, {{"badge_serial", revocation.serial}, {"already", revocation.already}});
        }
        if (action == "reissue") {
          const auto serial = print::reissue_badge(db, id);
          audit("badge_reissue", "serial " + std::to_string(serial));
          return pdf_answer(badge_pdf(db, id), id);
        }
        if (action == "leave") {
          db.prepare("INSERT OR IGNORE INTO departures (participant_id, left_at, staff) VALUES (?, ?, ?)")
              .bind(1, id)
              .bind(2, now_ms)
              .bind(3, s.staff)
              .run();
          audit("mark_left", "");
          return json_answer(200, {{"left", true}});
        }
        return json_error(404, "not_found", "no such action");
      }));
  router.add("POST", "/console/api/walk-in",
             guarded(Role::desk, Answer::json, [this](store::Database& db, const Session& s, const HttpRequest& r) {
               const auto form = walk_in_form(json::parse(r.body, nullptr, false));
               if (!form)
                 return json_error(400, "invalid_field",
                                   "send {\"name\", \"organization\", \"role\": company|project, \"language\": "
                                   "fr|en|de, optional \"email\" and \"wishes\": [ids]}");
               try {
                 const auto added = organizer::add_walk_in(db, *form, now());
                 const std::string& id = added.person.participant.id;
                 append_audit(db, {server::unix_ms_now(), s.staff, r.remote, "walk_in", id,
                                   std::to_string(added.meetings.size()) + " meetings"});
                 return pdf_answer(badge_sheet_pdf({added.badge}), id);
               } catch (const InputError& e) {
                 return json_error(400, "invalid_field", e.what());
               }
             }), json_body);
  router.add("POST", "/console/api/devices",
             guarded(Role::admin, Answer::json, [](store::Database& db, const Session& s, const HttpRequest& r) {
               const auto body = json::parse(r.body, nullptr, false);
               if (!body.is_object() || !body.contains("name") || !body["name"].is_string())
                 return json_error(400, "invalid_field", "send {\"name\": NAME}");
               const std::string name = body["name"].get<std::string>();
               try {
                 const std::string token = server::DeviceRegistry(db).add(name, server::unix_ms_now());
                 append_audit(db, {server::unix_ms_now(), s.staff, r.remote, "device_add", name, ""});
                 return json_answer(200, {{"name", name}, {"token", token}});
               } catch (const std::exception& e) {
                 return json_error(400, "invalid_field", e.what());
               }
             }), json_body);
  router.add_prefix(
      "POST", "/console/api/devices/",
      guarded(Role::admin, Answer::json, [](store::Database& db, const Session& s, const HttpRequest& r) {
        const std::string rest = r.path.substr(21);
        if (!rest.ends_with("/revoke")) return json_error(404, "not_found", "no such action");
        const std::string name = rest.substr(0, rest.size() - 7);
        try {
          const bool was_active = server::DeviceRegistry(db).revoke(name, server::unix_ms_now());
          append_audit(db, {server::unix_ms_now(), s.staff, r.remote, "device_revoke", name, ""});
          return json_answer(200, {{"name", name}, {"was_active", was_active}});
        } catch (const std::exception& e) {
          return json_error(404, "not_found", e.what());
        }
      }));
}

}  // namespace speedmeet::console

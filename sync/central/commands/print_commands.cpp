// badges, badges revoke, agenda: what the organizer prints before the day,
// and the desk's way to cancel a lost badge.
#include <algorithm>
#include <chrono>
#include <iostream>
#include <set>

#include "cli/args.hpp"
#include "commands.hpp"
#include "print_options.hpp"
#include "domain/input_error.hpp"
#include "files/private_file.hpp"
#include "organizer/event_database.hpp"
#include "print/agenda_sheet.hpp"
#include "print/badge_issue.hpp"
#include "print/badge_printing.hpp"
#include "print/badge_render.hpp"
#include "print/badge_sheet.hpp"
#include "print/cups_printer.hpp"

namespace speedmeet::cli {
namespace {

Event load_event(store::Database& db) {
  auto event = store::EventStore(db).load_event();
  if (!event) throw std::runtime_error(db.path() + " holds no event");
  return *event;
}

// The records named by --only, in the order given; all of them without it.
std::vector<store::ParticipantRecord> select(const std::vector<store::ParticipantRecord>& all,
                                             const std::optional<std::string>& only) {
  if (!only) return all;
  std::vector<store::ParticipantRecord> chosen;
  std::set<std::string> seen;
  for (const auto& id : participant_id_list(*only)) {
    if (!seen.insert(id).second) continue;
    const auto it = std::find_if(all.begin(), all.end(), [&](const auto& r) { return r.participant.id == id; });
    if (it == all.end()) throw UsageError("--only: no participant with id \"" + id + "\"");
    chosen.push_back(*it);
  }
  return chosen;
}

// Revoking and reissuing change what kiosks trust: only where the badges
// are signed (a kiosk's copy of the database holds no signing key).
void require_central(store::Database& db) {
  if (!print::holds_signing_key(db))
    throw std::runtime_error(db.path() +
                             " holds no signing key: badges are revoked and reissued in the central database");
}

// An external code (serial 1) is revoked by the first reissue or revoke.
bool external_code_in_use(const store::ParticipantRecord& r) {
  return !r.participant.badge_code.empty() && r.badge_serial == badge::kExternalCodeSerial;
}

int reissue(store::Database& db, const std::string& id) {
  require_central(db);
  const auto record = store::EventStore(db).find_participant(id);
  if (!record) throw UsageError("--reissue: no participant with id \"" + id + "\"");
  const auto serial = print::reissue_badge(db, id);
  std::cout << id << ": badge reissued with serial " << serial << "; older badges"
            << (external_code_in_use(*record) ? " and the external badge code" : "") << " are revoked\n";
  return 0;
}

// Drops revoked participants from a print run; naming one in --only is an error.
std::vector<store::ParticipantRecord> printable(std::vector<store::ParticipantRecord> records,
                                                const std::set<std::string>& revoked, bool named,
                                                std::vector<std::string>& skipped) {
  std::erase_if(records, [&](const store::ParticipantRecord& r) {
    if (!revoked.contains(r.participant.id)) return false;
    if (named)
      throw UsageError("--only: " + r.participant.id + "'s badge is revoked; --reissue " + r.participant.id +
                       " gives a new one");
    skipped.push_back(r.participant.id);
    return true;
  });
  return records;
}

std::string joined(const std::vector<std::string>& ids) {
  std::string out;
  for (const auto& id : ids) out += (out.empty() ? "" : ", ") + id;
  return out;
}

}  // namespace

std::optional<print::SheetLayout> given_layout(const Args& args) {
  const auto text = args.option("--layout");
  if (!text) return std::nullopt;
  const auto layout = print::parse_sheet_layout(*text);
  if (!layout) throw UsageError("--layout must be " + std::string(print::layout_names()));
  return layout;
}

std::optional<QueueChoice> open_queue(const Args& args) {
  const auto queue = args.option("--print");
  if (!queue) return std::nullopt;
  QueueChoice choice{print::open_cups_queue(*queue)};
  try {
    choice.layout = print::choose_layout(*choice.printer, given_layout(args));
  } catch (const print::NoLayoutForMedia& e) {
    throw UsageError(e.what());
  }
  return choice;
}

void report_print_job(const QueueChoice& queue, const print::PrintedBadges& printed, std::size_t badges) {
  std::cout << queue.printer->queue() << ": job " << printed.job_id << ", " << badges << " badge"
            << (badges == 1 ? "" : "s") << " on " << printed.pages << " page" << (printed.pages == 1 ? "" : "s")
            << " (" << print::layout_name(printed.layout) << ")\n";
}

// ID<TAB>CODE per participant: what each QR holds, for another system (a
// mail merge, the kiosk's demo). Badge codes are credentials: 0600.
void write_codes(const std::string& path, const badge::SigningKey& key, const Event& event,
                 const std::vector<store::ParticipantRecord>& records) {
  std::string text;
  for (const auto& r : records) text.append(r.participant.id).append("\t").append(print::badge_text(key, event, r)).append("\n");
  files::write_private_file(path, text);
}

int run_badges(const CommandArgs& argv) {
  const print::FontCacheRelease release_fonts;  // last out, after every cairo object
  const Args args(argv, {"--out", "--only", "--layout", "--reissue", "--codes", "--print"});
  if (args.positional().size() != 1) throw UsageError("badges needs exactly one database path");
  const auto out = args.option("--out");
  const auto codes = args.option("--codes");
  const auto reissue_id = args.option("--reissue");
  if (!out && !codes && !reissue_id && !args.option("--print"))
    throw UsageError("badges needs --out FILE, --print QUEUE, --codes FILE or --reissue ID");
  const auto file_layout = given_layout(args).value_or(print::SheetLayout::a4_8);

  auto db = organizer::open_event_database(args.positional()[0]);
  const auto queue = open_queue(args);
  if (reissue_id) reissue(db, *reissue_id);
  if (!out && !codes && !queue) return 0;

  const Event event = load_event(db);
  store::EventStore events(db);
  std::vector<std::string> skipped;
  const auto records = printable(select(events.participants(), args.option("--only")), print::revoked_participants(db),
                                 args.option("--only").has_value(), skipped);
  if (records.empty() && !skipped.empty()) throw UsageError("every participant's badge is revoked; nothing to print");
  if (records.empty()) throw UsageError("there are no participants to print; import participants.csv first");
  if (!skipped.empty()) std::cout << "not printed, badge revoked: " << joined(skipped) << "\n";
  const auto key = print::read_signing_key(db);
  if (codes) {
    write_codes(*codes, key, event, records);
    std::cout << *codes << ": " << records.size() << " badge codes\n";
  }
  const auto faces = print::badge_faces(key, event, records);
  if (out) {
    const int pages = print::write_badge_sheets(*out, faces, file_layout);
    std::cout << *out << ": " << records.size() << " badges on " << pages << " pages\n";
  }
  if (queue)
    report_print_job(*queue, print::print_badges(*queue->printer, faces, queue->layout, event.name + " badges"),
                     records.size());
  return 0;
}

int run_badges_revoke(const CommandArgs& argv) {
  const Args args(argv, {});
  if (args.positional().size() != 2) throw UsageError("badges revoke needs a database path and a participant id");
  const std::string& path = args.positional()[0];
  const std::string& id = args.positional()[1];
  auto db = organizer::open_event_database(path);
  require_central(db);
  const auto record = store::EventStore(db).find_participant(id);
  if (!record) throw InputError(path, 0, "", "no participant with id \"" + id + "\"");
  const auto now = std::chrono::duration_cast<std::chrono::milliseconds>(
      std::chrono::system_clock::now().time_since_epoch());
  const auto revocation = print::revoke_badge(db, id, now.count());
  if (revocation.already)
    std::cout << id << ": badge already revoked; nothing changed\n";
  else
    std::cout << id << ": every badge" << (external_code_in_use(*record) ? " and the external badge code" : "")
              << " revoked; kiosks refuse them from their next sync\n";
  std::cout << "A new badge: speedmeet badges " << path << " --reissue " << id << " --out new.pdf --only " << id
            << "\n";
  return 0;
}

int run_agenda(const CommandArgs& argv) {
  const print::FontCacheRelease release_fonts;  // last out, after every cairo object
  const Args args(argv, {"--out", "--only"});
  if (args.positional().size() != 1) throw UsageError("agenda needs exactly one database path");
  const std::string out = args.required("--out");
  auto db = organizer::open_event_database(args.positional()[0]);
  const Event event = load_event(db);
  store::EventStore events(db);
  const auto all = events.participants();
  const auto chosen = select(all, args.option("--only"));
  for (const auto& r : chosen)
    if (args.option("--only") && r.participant.role == Role::staff)
      throw UsageError("--only: " + r.participant.id + " is staff; staff have no meetings and get no agenda");

  // Pages follow the roster's order, or the order --only gives.
  auto pages = print::build_agenda_pages(event, all, events.meetings());
  if (args.option("--only")) {
    std::vector<print::AgendaPage> ordered;
    for (const auto& r : chosen)
      for (auto& page : pages)
        if (page.participant_id == r.participant.id) ordered.push_back(std::move(page));
    pages = std::move(ordered);
  }
  if (pages.empty()) throw UsageError("there are no company or project participants to print an agenda for");
  const int written = print::write_agendas(out, event, pages);
  std::cout << out << ": " << written << " agendas, one page each\n";
  return 0;
}


}  // namespace speedmeet::cli

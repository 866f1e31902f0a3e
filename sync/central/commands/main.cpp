// speedmeet: the organizer tool and central server. Every command is in the
// table below, in the order `speedmeet help` lists them. A name of two words
// ("badges revoke") is matched before the one-word command it starts with.
#include <iostream>
#include <string>
#include <string_view>

#include "cli/args.hpp"
#include "commands.hpp"
#include "domain/input_error.hpp"

namespace {

using namespace speedmeet::cli;

struct Command {
  std::string_view name;
  int (*run)(const CommandArgs&);
  std::string_view usage;
};

constexpr Command kCommands[] = {
    {"init", run_init,
     "speedmeet init DB --event event.toml"},
    {"import", run_import,
     "speedmeet import DB participants.csv | --wishes wishes.csv | --meetings meetings.csv"},
    {"show", run_show,
     "speedmeet show DB"},
    {"schedule", run_schedule,
     "speedmeet schedule DB --mode min-rounds|fill|all-pairs [--rounds R] [--fixed-tables] [--seed S]"},
    {"rematch", run_rematch,
     "speedmeet rematch DB --round N"},
    {"badges", run_badges,
     "speedmeet badges DB (--out badges.pdf | --print QUEUE) [--only ID,ID...] [--layout a4-8|a6|label-62x100|label-54x86] "
     "[--codes codes.tsv] | --reissue ID"},
    {"badges revoke", run_badges_revoke,
     "speedmeet badges revoke DB ID"},
    {"agenda", run_agenda,
     "speedmeet agenda DB --out agendas.pdf [--only ID,ID...]"},
    {"walk-in", run_walk_in,
     "speedmeet walk-in DB --name NAME [--organization ORG] --role company|project --language fr|en|de "
     "[--email ADDR] [--wish ID,ID...] [--at TIME] [--print QUEUE] [--layout a4-8|a6|label-62x100|label-54x86] "
     "[--out badge.pdf]"},
    {"mail", run_mail,
     "speedmeet mail DB --from ADDR (--smtp smtp://HOST:PORT [--starttls] [--cacert CA.pem] [--user USER "
     "[--password-file FILE]] | --dry-run DIR) [--only ID,ID... [--resend]] [--report mail.csv]"},
    {"device", run_device,
     "speedmeet device add|list|revoke|rotate DB [NAME] [--out TOKEN_FILE] | device add DB NAME --qr FILE.png --url URL "
     "[--tls-cert CERT.pem] [--valid MINUTES]"},
    {"staff", run_staff,
     "speedmeet staff add|list|remove|passwd DB [NAME] [--role host|desk|admin] (password on stdin or a prompt)"},
    {"serve", run_serve,
     "speedmeet serve DB --listen HOST:PORT [--tls-cert CERT.pem --tls-key KEY.pem] [--threads N] [--console-clock TIME]"},
    {"snapshot", run_snapshot,
     "speedmeet snapshot DB --out FILE"},
    {"import-journal", run_import_journal,
     "speedmeet import-journal DB FILE"},
    {"report", run_report,
     "speedmeet report DB --out DIR [--at TIME]"},
    {"decode", run_decode,
     "speedmeet decode IMAGE... (PNG/JPEG/WebP; prints PATH<TAB>TEXT per QR code, PATH<TAB>- when none; " "exit 0 all had codes, 1 some had none, 2 unreadable file)"},
};

const Command* find_command(std::string_view name) {
  for (const Command& c : kCommands)
    if (c.name == name) return &c;
  return nullptr;
}

struct Match {
  const Command* command = nullptr;
  int words = 1;  // how many arguments name it
};

// The command named by argv[1] and argv[2] together, else by argv[1].
Match find_command(int argc, char** argv) {
  if (argc >= 3)
    if (const Command* c = find_command(std::string(argv[1]) + " " + argv[2])) return {c, 2};
  return {find_command(argv[1]), 1};
}

void print_usage(std::ostream& out) {
  out << "usage:\n";
  for (const Command& c : kCommands) out << "  " << c.usage << "\n";
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2 || std::string(argv[1]) == "--help" || std::string(argv[1]) == "help") {
    print_usage(argc < 2 ? std::cerr : std::cout);
    return argc < 2 ? 2 : 0;
  }
  const auto [command, words] = find_command(argc, argv);
  if (!command) {
    std::cerr << "speedmeet: unknown command \"" << argv[1] << "\"\n";
    print_usage(std::cerr);
    return 2;
  }
  try {
    return command->run(CommandArgs(argv + 1 + words, argv + argc));
  } catch (const UsageError& e) {
    std::cerr << "speedmeet " << command->name << ": " << e.what() << "\nusage: " << command->usage << "\n";
    return 2;
  } catch (const speedmeet::InputError& e) {
    std::cerr << "speedmeet " << command->name << ": " << e.what() << "\n";
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "speedmeet " << command->name << ": " << e.what() << "\n";
    return 1;
  }
}

#include "event_database.hpp"

#include <sodium.h>

#include <filesystem>
#include <stdexcept>

#include "domain/input_error.hpp"
#include "files/private_file.hpp"
#include "store/event_store.hpp"
#include "store/schema.hpp"
#include "store/transaction.hpp"

namespace speedmeet::organizer {

void create_event_database(const std::string& path, const Event& event) {
  namespace fs = std::filesystem;
  if (fs::exists(path)) throw InputError(path, 0, "", "already exists; speedmeet init never overwrites a database");
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");

  // Built under a fresh random name beside the target (never a name someone
  // could have prepared), moved into place only complete.
  const std::string temp = files::create_private_temp_file(path);
  try {
    {
      store::Database db(temp);
      store::migrate(db);
      store::Transaction tx(db);
      store::EventStore events(db);
      events.save_event(event);
      std::vector<unsigned char> pk(crypto_sign_PUBLICKEYBYTES), sk(crypto_sign_SECRETKEYBYTES);
      crypto_sign_keypair(pk.data(), sk.data());
      events.set_keys(pk, sk);
      sodium_memzero(sk.data(), sk.size());
      tx.commit();
      db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
    }  // closed: the WAL is folded into the file
    if (!files::rename_no_replace(temp, path))
      throw InputError(path, 0, "", "already exists; speedmeet init never overwrites a database");
  } catch (...) {
    std::error_code ignored;
    for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(temp + suffix, ignored);
    throw;
  }
}

store::Database open_event_database(const std::string& path) {
  if (!std::filesystem::exists(path))
    throw InputError(path, 0, "", "no such database; create it with speedmeet init " + path + " --event event.toml");
  store::Database db(path, store::OpenMode::read_write);
  store::migrate(db);
  return db;
}

}  // namespace speedmeet::organizer

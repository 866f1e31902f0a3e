#pragma once
// The one schema shared by the central database and every kiosk's local
// database. Migrations are forward-only, numbered by PRAGMA user_version and
// each applied in its own transaction.
namespace speedmeet::store {

class Database;

int schema_version();  // the version this build writes
// Brings the database up to schema_version() (or up to `target`, for tests
// of a migration). Throws StoreError when the file comes from a newer
// speedmeet.
void migrate(Database& db);
void migrate(Database& db, int target);

}  // namespace speedmeet::store

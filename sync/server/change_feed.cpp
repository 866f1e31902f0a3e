#include "change_feed.hpp"

#include "event_reader.hpp"
#include "log.hpp"
#include "protocol/protocol_error.hpp"
#include "read_transaction.hpp"
#include "store/journal.hpp"
#include "store/database.hpp"

namespace speedmeet::server {
namespace {

// The triggers write flat objects (core/store/schema.cpp).
constexpr int kChangeDataDepth = 4;

}  // namespace

protocol::ChangesPage read_changes(store::Database& db, const protocol::ChangesQuery& query,
                                   const std::string& device) {
  const ReadTransaction read(db);
  const protocol::EventInfo event = read_event_info(db);
  const std::int64_t head = head_cursor(db);
  if (query.since > head)
    throw protocol::ProtocolError(409, "cursor_ahead",
                                  "this server never issued cursor " + std::to_string(query.since) +
                                      "; take a new snapshot");
  protocol::ChangesPage page;
  page.event_id = event.id;
  page.public_key_hex = event.public_key_hex;

  // The asking kiosk's own journal rows are skipped in the query and do not
  // count toward the limit: a kiosk that has just pushed 10,000 rows would
  // otherwise page through them all to learn nothing.
  auto st = db.prepare(std::string("SELECT c.cursor, c.entity, c.op, c.key, c.data, ") + store::journal_columns("j") +
                       " FROM change_log c "
                       "LEFT JOIN journal j ON c.entity = 'journal' AND j.uuid = c.key "
                       "WHERE c.cursor > ? AND (c.device IS NULL OR c.device <> ?) ORDER BY c.cursor LIMIT ?");
  st.bind(1, query.since).bind(2, device).bind(3, static_cast<std::int64_t>(query.limit) + 1);
  int seen = 0;
  while (st.step()) {
    if (++seen > query.limit) {
      page.more = true;
      break;
    }
    page.next_cursor = st.int64(0);
    const auto entity = protocol::parse_entity(st.text(1));
    if (!entity) continue;  // written by a newer speedmeet: nothing this API can say about it
    protocol::Change change;
    change.cursor = st.int64(0);
    change.entity = *entity;
    change.is_delete = st.text(2) == "delete";
    change.key = st.text(3);
    if (*entity == protocol::Entity::journal) {
      if (st.is_null(5)) continue;  // gone
      change.data = store::read_journal_row(st, 5);
    } else if (!change.is_delete) {
      try {
        change.data = protocol::read_change_data(*entity, st.text(4), kChangeDataDepth);
      } catch (const protocol::ProtocolError& e) {
        log_line("error", "unreadable change_log row", {{"cursor", std::to_string(change.cursor)}, {"error", e.what()}});
        continue;
      }
    }
    page.changes.push_back(std::move(change));
  }
  // A full page ends at its last row; the last page at the head, past the
  // kiosk's own rows that follow the last change.
  if (!page.more) page.next_cursor = head;
  return page;
}

}  // namespace speedmeet::server

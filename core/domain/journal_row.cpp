#include "journal_row.hpp"

namespace speedmeet {

std::string_view to_string(JournalKind kind) {
  switch (kind) {
    case JournalKind::entrance: return "entrance";
    case JournalKind::meeting: return "meeting";
    case JournalKind::scan: return "scan";
  }
  return "scan";
}

std::optional<JournalKind> parse_journal_kind(std::string_view text) {
  for (JournalKind k : {JournalKind::entrance, JournalKind::meeting, JournalKind::scan})
    if (to_string(k) == text) return k;
  return std::nullopt;
}

bool is_uuid(std::string_view text) {
  if (text.size() != 36) return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash ? c != '-' : !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

}  // namespace speedmeet

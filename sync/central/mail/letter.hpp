#pragma once
// What a participant's message says, in their language (fr, en, de): the
// subject, and a text and an HTML body with the greeting, the inline QR
// code, how to use it, and their agenda (the same lines as the printed
// agenda, print::build_agenda_pages, with its labels). Staff get their badge
// and a warning to keep it to themselves, no agenda.
#include <string>

#include "domain/event.hpp"
#include "print/agenda_sheet.hpp"

namespace speedmeet::mail {

struct Letter {
  std::string subject;
  std::string text;  // LF line ends
  std::string html;  // LF line ends
};

struct LetterInput {
  const Event* event = nullptr;
  const Participant* participant = nullptr;
  const print::AgendaPage* agenda = nullptr;  // null for staff
  std::string qr_content_id;                  // the inline image's Content-ID, without <>
};

Letter write_letter(const LetterInput& input);

}  // namespace speedmeet::mail

#pragma once
// A person's agenda slip for an 80 mm receipt printer, as ESC/POS bytes: what
// the kiosk prints on their first check-in when kiosk.toml has a [printer].
// Pure: the kiosk's data in, bytes out (receipt_printer.hpp sends them).
#include <string>

#include "checkin/kiosk_data.hpp"

namespace speedmeet::kiosk {

// Characters per line in the printer's font A: 42 fits every 80 mm printer
// (72 mm printable); 576-dot models print 48.
inline constexpr int kDefaultSlipColumns = 42;

// ESC @ (reset), ESC t 16 (code page WPC1252: Latin letters with accents;
// anything else prints as '?'), then centred: the event and the day, the
// name in double size and the organization; then, in the person's language,
// each of their meetings that has not ended at `now`: start time, table and
// label, partner and organization; "no meetings" when there are none; the
// participant id; then feed and cut (GS V 66 n). Lines are wrapped at
// `columns`.
std::string agenda_slip(const KioskData& data, const Participant& person, Instant now,
                        int columns = kDefaultSlipColumns);

// UTF-8 to WPC1252 (the printer's code page): ASCII and Latin-1 as they
// are, the Windows-1252 extras (€, Œ, “ ” ...) mapped, anything else '?'.
std::string to_wpc1252(std::string_view utf8);

}  // namespace speedmeet::kiosk

#pragma once
// What a participant's message carries besides text, drawn with cairo by the
// print code's own pieces: the badge (print::draw_badge) as a one-page PDF
// and its QR code (print::encode_qr, print::draw_qr) as a PNG, both in
// memory. Deterministic: the same face and date give the same bytes, so a
// message sent again after an interruption is the same message.
#include <cstdint>
#include <string>

#include "print/badge_render.hpp"

namespace speedmeet::mail {

// One badge on an A6 portrait page (105 x 148 mm, the layout of
// `speedmeet badges --layout a6`): it fills a phone screen and prints on A6
// or A4. created_unix is the document's creation date. Throws
// std::invalid_argument when the QR text cannot be encoded,
// std::runtime_error when cairo fails.
std::string badge_pdf(const print::BadgeFace& face, std::int64_t created_unix);

// The QR code of text with its 4-module quiet zone, module_pixels per module,
// black on white, as a PNG. Throws like badge_pdf.
std::string qr_png(const std::string& text, int module_pixels);

}  // namespace speedmeet::mail

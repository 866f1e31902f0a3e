#include "qr_symbol.hpp"

namespace speedmeet::print {

std::vector<std::vector<QrPoint>> qr_outlines(const qr::QrSymbol& symbol) {
  const int n = symbol.size;
  const int side = n + 1;  // vertices per grid line
  const auto dark = [&](int x, int y) { return x >= 0 && y >= 0 && x < n && y < n && symbol.at(x, y); };
  // Out-going boundary edges per vertex, as bits: 1 right, 2 down, 4 left, 8 up.
  // Each dark cell's border runs clockwise (y down); borders shared by two
  // dark cells cancel, leaving the outlines with dark always on the right.
  std::vector<std::uint8_t> out(static_cast<std::size_t>(side * side), 0);
  const auto at = [&](int x, int y) -> std::uint8_t& { return out[static_cast<std::size_t>(y * side + x)]; };
  for (int line = 0; line <= n; ++line) {
    for (int i = 0; i < n; ++i) {
      if (dark(i, line) && !dark(i, line - 1)) at(i, line) |= 1;       // top border of (i, line)
      if (dark(i, line - 1) && !dark(i, line)) at(i + 1, line) |= 4;   // bottom border of (i, line - 1)
      if (dark(line - 1, i) && !dark(line, i)) at(line, i) |= 2;       // right border of (line - 1, i)
      if (dark(line, i) && !dark(line - 1, i)) at(line, i + 1) |= 8;   // left border of (line, i)
    }
  }
  constexpr int dx[] = {1, 0, -1, 0}, dy[] = {0, 1, 0, -1};
  std::vector<std::vector<QrPoint>> outlines;
  for (int start = 0; start < side * side; ++start) {
    while (out[static_cast<std::size_t>(start)] != 0) {
      // Every vertex has as many edges in as out, so walking unused edges
      // always returns to the start. Only corners are kept.
      std::vector<QrPoint> loop;
      int x = start % side, y = start / side, previous = -1;
      do {
        std::uint8_t& edges = at(x, y);
        int d = (previous >= 0 && (edges & (1 << previous))) ? previous : 0;
        while (!(edges & (1 << d))) ++d;
        edges = static_cast<std::uint8_t>(edges & ~(1 << d));
        if (d != previous) loop.push_back({x, y});
        previous = d;
        x += dx[d];
        y += dy[d];
      } while (x + y * side != start);
      outlines.push_back(std::move(loop));
    }
  }
  return outlines;
}

void draw_qr(cairo_t* cr, const qr::QrSymbol& symbol, double x, double y, double side) {
  cairo_save(cr);
  cairo_set_source_rgb(cr, 1, 1, 1);
  cairo_rectangle(cr, x, y, side, side);
  cairo_fill(cr);
  const double module = side / (symbol.size + 2 * qr::kQuietZoneModules);
  const double origin_x = x + qr::kQuietZoneModules * module;
  const double origin_y = y + qr::kQuietZoneModules * module;
  // Outlines rather than one square per module: a PDF holds a third of the
  // numbers (each costs a printf in cairo), and one path means no hairline
  // seams between neighbouring modules.
  cairo_new_path(cr);
  for (const auto& loop : qr_outlines(symbol)) {
    cairo_move_to(cr, origin_x + loop.front().x * module, origin_y + loop.front().y * module);
    for (std::size_t i = 1; i < loop.size(); ++i)
      cairo_line_to(cr, origin_x + loop[i].x * module, origin_y + loop[i].y * module);
    cairo_close_path(cr);
  }
  cairo_set_source_rgb(cr, 0, 0, 0);
  cairo_set_fill_rule(cr, CAIRO_FILL_RULE_WINDING);
  cairo_fill(cr);
  cairo_restore(cr);
}

}  // namespace speedmeet::print

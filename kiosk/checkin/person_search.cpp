#include "person_search.hpp"

#include <algorithm>
#include <array>
#include <tuple>

#include "badge/utf8.hpp"

namespace speedmeet::kiosk {
namespace {

// Latin letters with accents, by runs of code points sharing a base: the
// letters of French, German, Luxembourgish and their neighbours' names
// (Latin-1 Supplement, Latin Extended-A, Romanian's comma letters).
struct Run {
  char32_t first;
  char32_t last;
  std::string_view base;
};

constexpr std::array kRuns{
    Run{0xC0, 0xC5, "a"},   Run{0xC6, 0xC6, "ae"},  Run{0xC7, 0xC7, "c"},   Run{0xC8, 0xCB, "e"},
    Run{0xCC, 0xCF, "i"},   Run{0xD0, 0xD0, "d"},   Run{0xD1, 0xD1, "n"},   Run{0xD2, 0xD6, "o"},
    Run{0xD8, 0xD8, "o"},   Run{0xD9, 0xDC, "u"},   Run{0xDD, 0xDD, "y"},   Run{0xDE, 0xDE, "th"},
    Run{0xDF, 0xDF, "ss"},  Run{0xE0, 0xE5, "a"},   Run{0xE6, 0xE6, "ae"},  Run{0xE7, 0xE7, "c"},
    Run{0xE8, 0xEB, "e"},   Run{0xEC, 0xEF, "i"},   Run{0xF0, 0xF0, "d"},   Run{0xF1, 0xF1, "n"},
    Run{0xF2, 0xF6, "o"},   Run{0xF8, 0xF8, "o"},   Run{0xF9, 0xFC, "u"},   Run{0xFD, 0xFD, "y"},
    Run{0xFE, 0xFE, "th"},  Run{0xFF, 0xFF, "y"},   Run{0x100, 0x105, "a"}, Run{0x106, 0x10D, "c"},
    Run{0x10E, 0x111, "d"}, Run{0x112, 0x11B, "e"}, Run{0x11C, 0x123, "g"}, Run{0x124, 0x127, "h"},
    Run{0x128, 0x131, "i"}, Run{0x132, 0x133, "ij"}, Run{0x134, 0x135, "j"}, Run{0x136, 0x138, "k"},
    Run{0x139, 0x142, "l"}, Run{0x143, 0x14B, "n"}, Run{0x14C, 0x151, "o"}, Run{0x152, 0x153, "oe"},
    Run{0x154, 0x159, "r"}, Run{0x15A, 0x161, "s"}, Run{0x162, 0x167, "t"}, Run{0x168, 0x173, "u"},
    Run{0x174, 0x175, "w"}, Run{0x176, 0x178, "y"}, Run{0x179, 0x17E, "z"}, Run{0x17F, 0x17F, "s"},
    Run{0x218, 0x219, "s"}, Run{0x21A, 0x21B, "t"},
};

bool is_combining_accent(char32_t cp) { return cp >= 0x300 && cp <= 0x36F; }
bool is_apostrophe(char32_t cp) { return cp == 0x2019 || cp == 0x2018 || cp == 0x02BC; }
bool is_space(char32_t cp) { return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == 0xA0 || cp == 0x202F; }

void append_folded(std::string& out, std::string_view text, std::size_t at, std::size_t length, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp >= 'A' && cp <= 'Z' ? cp - 'A' + 'a' : cp);
    return;
  }
  if (is_combining_accent(cp)) return;
  if (is_apostrophe(cp)) {
    out += '\'';
    return;
  }
  for (const Run& r : kRuns)
    if (cp >= r.first && cp <= r.last) {
      out += r.base;
      return;
    }
  out.append(text.substr(at, length));
}

// Where a word starts: the text's start, or after a space, hyphen, apostrophe or dot.
bool word_starts_with(const std::string& text, const std::string& query) {
  for (std::size_t at = text.find(query); at != std::string::npos; at = text.find(query, at + 1))
    if (at == 0 || std::string_view(" -'.(\"&/").find(text[at - 1]) != std::string_view::npos) return true;
  return false;
}

}  // namespace

std::string fold_for_search(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool pending_space = false;
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t length = badge::utf8_sequence_length(text, i);
    if (length == 0) {  // not UTF-8: dropped
      ++i;
      continue;
    }
    const char32_t cp = badge::utf8_code_point(text, i, length);
    if (is_space(cp)) {
      pending_space = !out.empty();
    } else {
      if (pending_space) out += ' ';
      pending_space = false;
      append_folded(out, text, i, length, cp);
    }
    i += length;
  }
  return out;
}

PersonIndex::PersonIndex(const KioskData& data) {
  for (const Participant* p : data.participants())
    if (p->role != Role::staff)  // staff check nobody in on themselves
      people_.push_back({p->id, fold_for_search(p->id), fold_for_search(p->name), fold_for_search(p->organization)});
  std::sort(people_.begin(), people_.end(), [](const Entry& a, const Entry& b) {
    return std::tie(a.folded_name, a.id) < std::tie(b.folded_name, b.id);
  });
}

PersonIndex::Found PersonIndex::find(std::string_view raw_query, std::size_t limit) const {
  Found found;
  const std::string query = fold_for_search(raw_query);
  if (query.empty()) return found;
  constexpr int kNoMatch = 6;
  auto rank = [&](const Entry& e) {
    if (e.folded_id == query) return 0;
    if (e.folded_id.starts_with(query)) return 1;
    if (word_starts_with(e.folded_name, query)) return 2;
    if (e.folded_name.find(query) != std::string::npos) return 3;
    if (word_starts_with(e.folded_organization, query)) return 4;
    if (e.folded_organization.find(query) != std::string::npos) return 5;
    return kNoMatch;
  };
  // people_ is in name order: a stable sort by rank keeps it within a rank.
  std::vector<std::pair<int, const Entry*>> matches;
  for (const Entry& e : people_)
    if (const int r = rank(e); r != kNoMatch) matches.emplace_back(r, &e);
  std::stable_sort(matches.begin(), matches.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  found.total = matches.size();
  for (std::size_t i = 0; i < matches.size() && i < limit; ++i) found.ids.push_back(matches[i].second->id);
  return found;
}

}  // namespace speedmeet::kiosk

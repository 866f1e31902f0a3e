// Finding people by what a desk person types: names and organizations
// whatever their accents and case, ids by their start; staff never.
#include <catch2/catch.hpp>

#include "checkin/person_search.hpp"
#include "kiosk_fixture.hpp"

using namespace speedmeet;
using namespace speedmeet::kiosk;

namespace {

KioskData roster(const test::KioskFixture& f) {
  auto person = [](std::uint32_t num, std::string id, std::string name, std::string org, Role role = Role::project) {
    RosterPerson p = test::KioskFixture::person(num, std::move(id), std::move(name), role);
    p.participant.organization = std::move(org);
    return p;
  };
  std::vector<RosterPerson> people = {
      person(1, "C09", "Marc Thill", "Cargolux Fret & Logistique", Role::company),
      person(2, "P07", "Élodie Marchal", "Chatbot \"Moien\" Assistant"),
      person(3, "P08", "Maximilian Groß", "Quantenwerk Labs"),
      person(4, "C06", "Sarah O'Connell", "Orbital Kirchberg Space Systems", Role::company),
      person(5, "C05", "Jängi Reuter", "Post Telecom Lëtzebuerg", Role::company),
      person(6, "P10", "Ben Schroeder", "LogiTrack IoT"),
      person(7, "C01", "Léa Muller", "Banque Kirchberg S.A.", Role::company),
      person(8, "S01", "Martine Kieffer", "Digital Skills Matchmaking", Role::staff),
      person(9, "P01", "Anaïs Weber", "MediScan AI"),
  };
  return KioskData(f.event(), std::move(people), {}, f.pk);
}

}  // namespace

TEST_CASE("folding for search drops accents and case, keeps other scripts") {
  CHECK(fold_for_search("Élodie Marchal") == "elodie marchal");
  CHECK(fold_for_search("Maximilian Groß") == "maximilian gross");
  CHECK(fold_for_search("Jängi Reuter, Lëtzebuerg") == "jangi reuter, letzebuerg");
  CHECK(fold_for_search("Sarah O\u2019Connell") == "sarah o'connell");
  CHECK(fold_for_search("Łukasiewicz Ørsted Œuvre Ștefan") == "lukasiewicz orsted oeuvre stefan");
  CHECK(fold_for_search("Cafe\u0301") == "cafe");  // a combining accent, as some keyboards type it
  CHECK(fold_for_search("  Marc \t  Thill\u00A0 ") == "marc thill");
  CHECK(fold_for_search("Ζωή") == "Ζωή");  // no folding table for Greek: as typed
  CHECK(fold_for_search(std::string("ab\xFF\xC3", 4).append("c")) == "abc");  // not UTF-8: dropped
  CHECK(fold_for_search("").empty());
}

TEST_CASE("search finds names and organizations by any part, ids by their start, best first") {
  test::KioskFixture f;
  const KioskData data = roster(f);
  const PersonIndex index(data);
  CHECK(index.size() == 8);  // staff are not searchable
  auto ids = [&](std::string_view query, std::size_t limit = 6) { return index.find(query, limit).ids; };
  using V = std::vector<std::string>;

  CHECK(ids("elodie") == V{"P07"});
  CHECK(ids("ÉLODIE") == V{"P07"});
  CHECK(ids("gross") == V{"P08"});
  CHECK(ids("groß") == V{"P08"});
  CHECK(ids("o’connell") == V{"C06"});
  CHECK(ids("jangi") == V{"C05"});
  CHECK(ids("cargolux") == V{"C09"});   // organization
  CHECK(ids("letzebuerg") == V{"C05"});
  CHECK(ids("  marc   thill ") == V{"C09"});
  // Word starts in names first, in name order; then elsewhere in a name;
  // then organizations.
  CHECK(ids("marc") == V{"P07", "C09"});
  CHECK(ids("be") == V{"P10", "P01", "C01", "C06"});  // Ben; weBEr; KirchBErg (Léa, then Sarah)
  CHECK(ids("lo") == V{"P07", "P10", "C09"});        // éLOdie; LOgiTrack, LOgistique by name
  CHECK(ids("kirchberg") == V{"C01", "C06"});
  // Ids: the id itself, then those it starts; never the middle of an id.
  CHECK(ids("p0") == V{"P01", "P07", "P08"});
  CHECK(ids("C09") == V{"C09"});
  CHECK(ids("09").empty());
  // Staff are not found, by name or id.
  CHECK(ids("martine").empty());
  CHECK(ids("S01").empty());
  CHECK(ids("xyz").empty());
  CHECK(ids("").empty());
  CHECK(ids("   ").empty());

  const auto some = index.find("e", 3);
  CHECK(some.ids.size() == 3);
  CHECK(some.total == 8);
}

#pragma once
// Everything a kiosk knows about the event, in memory: the event, its
// agenda, the meetings re-matches replaced, the roster and the badge
// verifier. Built once from the local database (and again when sync changes
// it); read by the rules and screens.
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "badge/badge_verifier.hpp"
#include "domain/agenda.hpp"
#include "domain/event.hpp"

namespace speedmeet::kiosk {

struct RosterPerson {
  Participant participant;
  std::uint32_t num = 0;
  std::int64_t badge_serial = 1;
};

class KioskData {
 public:
  KioskData(Event event, std::vector<RosterPerson> people, std::vector<Meeting> meetings,
            std::vector<unsigned char> public_key, std::vector<Meeting> replaced = {});

  const Event& event() const { return event_; }
  const Agenda& agenda() const { return agenda_; }
  // Stood-up meetings a re-match took out of the schedule: check-ins that
  // name them still place their people in their round.
  const std::vector<Meeting>& replaced() const { return replaced_; }
  // The schedule's meetings and the replaced ones: what presence indexes.
  std::vector<Meeting> every_meeting() const;
  const std::set<std::string>& staff() const { return staff_; }
  const Participant* participant(const std::string& id) const;
  // Everyone on the roster, staff included, in no particular order.
  std::vector<const Participant*> participants() const;
  const Table* table(int number) const;
  badge::Verification verify(std::string_view code) const { return verifier_.verify(code, roster_); }
  std::size_t people_count() const { return people_.size(); }

 private:
  Event event_;
  Agenda agenda_;
  std::vector<Meeting> replaced_;
  std::set<std::string> staff_;
  std::unordered_map<std::string, RosterPerson> people_;
  badge::MemoryRoster roster_;
  badge::BadgeVerifier verifier_;
};

}  // namespace speedmeet::kiosk

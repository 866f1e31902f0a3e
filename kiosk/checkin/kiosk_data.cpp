#include "kiosk_data.hpp"

namespace speedmeet::kiosk {

KioskData::KioskData(Event event, std::vector<RosterPerson> people, std::vector<Meeting> meetings,
                     std::vector<unsigned char> public_key, std::vector<Meeting> replaced)
    : event_(std::move(event)),
      agenda_(event_.rounds, std::move(meetings)),
      replaced_(std::move(replaced)),
      verifier_(event_.id, public_key) {
  people_.reserve(people.size());
  for (auto& person : people) {
    roster_.add(person.num, person.participant.id, person.badge_serial, person.participant.badge_code);
    if (person.participant.role == Role::staff) staff_.insert(person.participant.id);
    std::string id = person.participant.id;
    people_.emplace(std::move(id), std::move(person));
  }
}

std::vector<Meeting> KioskData::every_meeting() const {
  std::vector<Meeting> all = agenda_.meetings();
  all.insert(all.end(), replaced_.begin(), replaced_.end());
  return all;
}

const Participant* KioskData::participant(const std::string& id) const {
  auto it = people_.find(id);
  return it == people_.end() ? nullptr : &it->second.participant;
}

std::vector<const Participant*> KioskData::participants() const {
  std::vector<const Participant*> all;
  all.reserve(people_.size());
  for (const auto& [id, person] : people_) all.push_back(&person.participant);
  return all;
}

const Table* KioskData::table(int number) const {
  const auto& tables = event_.tables;
  if (number < 1 || number > static_cast<int>(tables.size())) return nullptr;
  return &tables[static_cast<std::size_t>(number - 1)];
}

}  // namespace speedmeet::kiosk

#include "event_hub.hpp"

#include <algorithm>

namespace speedmeet::server {

std::string encode_sse(const SseEvent& event) {
  std::string out;
  out.reserve(event.data.size() + event.event.size() + 32);
  if (event.id != 0) out += "id: " + std::to_string(event.id) + "\n";
  if (!event.event.empty()) out += "event: " + event.event + "\n";
  // Every line of the data gets its own "data:" line; CR, LF and CRLF all
  // end a line in the event-stream format.
  std::size_t start = 0;
  for (;;) {
    const auto end = event.data.find_first_of("\r\n", start);
    out += "data: ";
    out.append(event.data, start, end == std::string::npos ? std::string::npos : end - start);
    out += '\n';
    if (end == std::string::npos) break;
    start = end + (event.data.compare(end, 2, "\r\n") == 0 ? 2 : 1);
  }
  out += '\n';
  return out;
}

EventHub::EventHub(std::size_t history) : history_(std::max<std::size_t>(history, 1)) {}

bool EventHub::wants(const Subscriber& s, const std::string& topic) {
  return std::find(s.topics.begin(), s.topics.end(), topic) != s.topics.end();
}

std::uint64_t EventHub::publish(const std::string& topic, std::string event, std::string data) {
  std::vector<std::shared_ptr<StreamSink>> receivers;
  std::shared_ptr<const std::string> frame;
  std::uint64_t id = 0;
  {
    const std::lock_guard lock(mutex_);
    id = ++last_id_;
    frame = std::make_shared<const std::string>(encode_sse({std::move(event), std::move(data), id}));
    kept_.push_back({id, topic, frame});
    if (kept_.size() > history_) kept_.pop_front();
    std::erase_if(subscribers_, [](const Subscriber& s) { return s.sink.expired(); });
    for (const Subscriber& s : subscribers_)
      if (wants(s, topic))
        if (auto sink = s.sink.lock()) receivers.push_back(std::move(sink));
  }
  // Outside the lock: a sink may unsubscribe (or be destroyed) meanwhile.
  for (const auto& sink : receivers) sink->deliver(frame);
  return id;
}

std::uint64_t EventHub::last_id() const {
  const std::lock_guard lock(mutex_);
  return last_id_;
}

std::vector<std::shared_ptr<const std::string>> EventHub::subscribe(const std::vector<std::string>& topics,
                                                                   const std::weak_ptr<StreamSink>& sink,
                                                                   std::optional<std::uint64_t> replay_after) {
  std::vector<std::shared_ptr<const std::string>> first;
  const std::lock_guard lock(mutex_);
  Subscriber s{topics, sink, sink.lock().get()};
  if (replay_after && *replay_after < last_id_) {
    const std::uint64_t oldest_kept = kept_.empty() ? last_id_ + 1 : kept_.front().id;
    if (oldest_kept > *replay_after + 1) first.push_back(std::make_shared<const std::string>(encode_sse({"reset", "{}", 0})));
    for (const Kept& k : kept_)
      if (k.id > *replay_after && wants(s, k.topic)) first.push_back(k.frame);
  }
  subscribers_.push_back(std::move(s));
  return first;
}

void EventHub::unsubscribe(const StreamSink* sink) {
  const std::lock_guard lock(mutex_);
  std::erase_if(subscribers_, [&](const Subscriber& s) { return s.key == sink || s.sink.expired(); });
}

std::size_t EventHub::subscribers() const {
  const std::lock_guard lock(mutex_);
  return static_cast<std::size_t>(
      std::count_if(subscribers_.begin(), subscribers_.end(), [](const Subscriber& s) { return !s.sink.expired(); }));
}

}  // namespace speedmeet::server

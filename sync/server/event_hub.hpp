#pragma once
// Server-sent events (text/event-stream) without a thread per stream.
//
// A route opens a stream by answering with HttpResponse::stream set:
//
//   router.add("GET", "/board/events", [&](const HttpRequest& r) {
//     HttpResponse ok;
//     ok.stream = std::make_shared<StreamStart>();
//     ok.stream->replay_after = hub.last_id();      // before reading the state below
//     ok.stream->topics = {"changes"};
//     ok.stream->initial = {{"board", read_board_json(db)}};
//     return ok;
//   });
//
// The server writes the head and the initial events, then every event
// published on one of the topics, and a comment line every 15 s to keep
// proxies and dead peers in check. Anyone may publish from any thread:
//
//   hub.publish("changes", "change", R"({"cursor":212})");
//
// Each event gets an id, increasing across topics. The hub keeps the latest
// events (256 by default): a stream opened with replay_after gets the kept
// events after that id first, so nothing published between reading a state
// and subscribing is lost. Had some of them already been dropped, the
// stream starts with an event named `reset` (the client reloads its state).
// A handler may take replay_after from the browser's Last-Event-ID header.
// A stream whose client reads too slowly (1 MiB unsent) is closed; clients
// reconnect (EventSource does so by itself).
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace speedmeet::server {

struct SseEvent {
  std::string event;  // the event name; "" is the default "message"
  std::string data;   // may hold line breaks: each line becomes a data: line
  std::uint64_t id = 0;  // 0: no id line
};

// The wire form of one event, ending with the blank line.
std::string encode_sse(const SseEvent& event);

struct StreamStart {
  std::vector<std::string> topics;
  std::vector<SseEvent> initial;               // sent first, in order
  std::optional<std::uint64_t> replay_after;  // kept events with a larger id follow
};

// What the server gives the hub for one open stream. deliver() is called on
// the publisher's thread and must not block.
class StreamSink {
 public:
  virtual ~StreamSink() = default;
  virtual void deliver(std::shared_ptr<const std::string> frame) = 0;
};

class EventHub {
 public:
  explicit EventHub(std::size_t history = 256);

  // Thread-safe; returns the event's id.
  std::uint64_t publish(const std::string& topic, std::string event, std::string data);
  std::uint64_t last_id() const;
  // Registers `sink` for `topics` and returns what it must send first: the
  // kept events after `replay_after` (or a `reset` event when some are
  // gone). The hub holds the sink weakly; unsubscribe when it closes.
  std::vector<std::shared_ptr<const std::string>> subscribe(const std::vector<std::string>& topics,
                                                            const std::weak_ptr<StreamSink>& sink,
                                                            std::optional<std::uint64_t> replay_after);
  void unsubscribe(const StreamSink* sink);
  std::size_t subscribers() const;

 private:
  struct Subscriber {
    std::vector<std::string> topics;
    std::weak_ptr<StreamSink> sink;
    const StreamSink* key;
  };
  struct Kept {
    std::uint64_t id;
    std::string topic;
    std::shared_ptr<const std::string> frame;
  };
  static bool wants(const Subscriber& s, const std::string& topic);

  std::size_t history_;
  mutable std::mutex mutex_;
  std::uint64_t last_id_ = 0;
  std::deque<Kept> kept_;
  std::vector<Subscriber> subscribers_;
};

}  // namespace speedmeet::server

#include "http_router.hpp"

#include <algorithm>
#include <stdexcept>

namespace speedmeet::server {

void Router::add(std::string method, std::string path, Handler handler, RouteOptions options) {
  auto& routes = by_path_[path];
  if (std::any_of(routes.begin(), routes.end(), [&](const Route& r) { return r.method == method; }))
    throw std::logic_error("route " + method + " " + path + " added twice");
  routes.push_back({std::move(method), std::move(path), std::move(handler), std::move(options)});
}

void Router::set_fallback(Handler handler, RouteOptions options) {
  fallback_ = Route{"*", "*", std::move(handler), std::move(options)};
}

Router::Lookup Router::find(const std::string& method, const std::string& path) const {
  Lookup lookup;
  const auto it = by_path_.find(path);
  if (it == by_path_.end()) {
    if (fallback_) lookup.route = &*fallback_;
    lookup.refusal = error_response(404, "not_found", "no such endpoint");
    return lookup;
  }
  const std::string wanted = method == "HEAD" ? "GET" : method;
  for (const Route& r : it->second)
    if (r.method == wanted || r.method == method) {
      lookup.route = &r;
      return lookup;
    }
  std::string allow;
  for (const Route& r : it->second) {
    allow += (allow.empty() ? "" : ", ") + r.method;
    if (r.method == "GET") allow += ", HEAD";
  }
  lookup.refusal = error_response(405, "method_not_allowed", "use " + allow);
  lookup.refusal.headers.emplace_back("Allow", allow);
  return lookup;
}

std::optional<HttpResponse> Router::refuse_media_type(const Route& route, const std::string& content_type) {
  const auto& accepted = route.options.media_types;
  if (accepted.empty() ||
      std::any_of(accepted.begin(), accepted.end(), [&](const std::string& t) { return media_type_is(content_type, t); }))
    return std::nullopt;
  return error_response(415, "unsupported_media_type", "send Content-Type: " + accepted.front());
}

HttpResponse Router::dispatch(const HttpRequest& request) const {
  const Lookup lookup = find(request.method, request.path);
  if (!lookup.route) return lookup.refusal;
  if (auto refused = refuse_media_type(*lookup.route, request.header("content-type"))) return *refused;
  return lookup.route->handler(request);
}

}  // namespace speedmeet::server

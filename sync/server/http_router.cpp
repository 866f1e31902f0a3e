#include "http_router.hpp"

#include <algorithm>
#include <stdexcept>

namespace speedmeet::server {

void Router::add_to(std::vector<Route>& routes, Route route) {
  if (std::any_of(routes.begin(), routes.end(), [&](const Route& r) { return r.method == route.method; }))
    throw std::logic_error("route " + route.method + " " + route.path + " added twice");
  routes.push_back(std::move(route));
}

void Router::add(std::string method, std::string path, Handler handler, RouteOptions options) {
  auto& routes = by_path_[path];
  add_to(routes, {std::move(method), std::move(path), std::move(handler), std::move(options)});
}

void Router::add_prefix(std::string method, std::string prefix, Handler handler, RouteOptions options) {
  auto& routes = by_prefix_[prefix];
  add_to(routes, {std::move(method), std::move(prefix), std::move(handler), std::move(options)});
}

const std::vector<Route>* Router::routes_for(const std::string& path) const {
  if (const auto it = by_path_.find(path); it != by_path_.end()) return &it->second;
  const std::vector<Route>* longest = nullptr;
  std::size_t longest_size = 0;
  for (const auto& [prefix, routes] : by_prefix_)
    if (path.rfind(prefix, 0) == 0 && prefix.size() >= longest_size) {
      longest = &routes;
      longest_size = prefix.size();
    }
  return longest;
}

void Router::set_fallback(Handler handler, RouteOptions options) {
  fallback_ = Route{"*", "*", std::move(handler), std::move(options)};
}

Router::Lookup Router::find(const std::string& method, const std::string& path) const {
  Lookup lookup;
  const std::vector<Route>* routes = routes_for(path);
  if (!routes) {
    if (fallback_) lookup.route = &*fallback_;
    lookup.refusal = error_response(404, "not_found", "no such endpoint");
    return lookup;
  }
  const std::string wanted = method == "HEAD" ? "GET" : method;
  for (const Route& r : *routes)
    if (r.method == wanted || r.method == method) {
      lookup.route = &r;
      return lookup;
    }
  std::string allow;
  for (const Route& r : *routes) {
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

#include "serve.h"

#include <pthread.h>
#include <signal.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <optional>
#include <atomic>
#include <condition_variable>
#include <filesystem>
#include <map>
#include <mutex>
#include <set>
#include <thread>
#include <unordered_set>
#include <tuple>

#include <fmt/format.h>
#include <httplib.h>

#include "live_site.h"
#include "load_config.h"
#include "messages.h"
#include "text.h"
#include "watch.h"

namespace fs = std::filesystem;

namespace bulletin::serve {
namespace {

const std::string kReloadJs = R"(// Added by `bulletin serve` only: reloads the page when the site was rebuilt.
(function () {
  "use strict";
  var meta = document.querySelector('meta[name="bulletin-serve-generation"]');
  var shown = meta ? meta.getAttribute("content") : "";
  if (!window.EventSource) return;
  var events = new EventSource("/_serve/events");
  events.onmessage = function (event) {
    if (event.data !== shown) {
      events.close();
      location.reload();
    }
  };
})();
)";

const std::string kServeCss = R"(/* Added by `bulletin serve` only: the box that lists the content's errors. */
.bulletin-serve-problems { margin: 0; padding: 1rem; border-bottom: 4px solid #b00020; background: #fff4f4; color: #1a1a1a; font-size: 1rem; line-height: 1.6; }
.bulletin-serve-problems.warnings-only { border-bottom-color: #8a4b00; background: #fffaf0; }
.bulletin-serve-problems h2 { margin: 0 0 .5rem; font-size: 1.125rem; color: #8f001a; }
.bulletin-serve-problems summary { cursor: pointer; }
.bulletin-serve-problems summary h2 { display: inline; }
.bulletin-serve-problems.warnings-only h2 { color: #6b3a00; }
.bulletin-serve-problems p { margin: 0 0 .5rem; }
.bulletin-serve-problems pre { margin: .5rem 0 0; padding: .5rem; background: #fff; border: 1px solid #d0d7de; overflow-x: auto; white-space: pre-wrap; word-break: break-all; font-size: .875rem; }
)";

std::string escape(std::string_view s) { return xml_escape(s); }

// A page lists every error, and this many warnings at most: a site with
// hundreds of warnings would bury the page under them (`check` lists all).
constexpr std::size_t kWarningsOnPage = 100;
// Up to this many warnings (and no error) the box is open; past it, folded.
constexpr std::size_t kWarningsOpen = 3;

// The diagnostics in the order format_diagnostics() prints them (by file,
// line, column), without copying them.
std::vector<const Diagnostic*> in_order(const std::vector<const Diagnostic*>& items) {
    std::vector<const Diagnostic*> out = items;
    std::stable_sort(out.begin(), out.end(), [](const Diagnostic* a, const Diagnostic* b) {
        return std::tie(a->loc.file, a->loc.line, a->loc.column) < std::tie(b->loc.file, b->loc.line, b->loc.column);
    });
    return out;
}

std::vector<const Diagnostic*> in_order(const Diagnostics& diags) {
    std::vector<const Diagnostic*> all;
    all.reserve(diags.items().size());
    for (const Diagnostic& d : diags.items()) all.push_back(&d);
    return in_order(all);
}

std::string problems_box(const Diagnostics& diags, const std::string& language, bool have_site) {
    const std::size_t errors = diags.error_count();
    const std::size_t warnings = diags.warning_count();
    if (errors == 0 && warnings == 0) return {};
    std::string box = errors ? "<section class=\"bulletin-serve-problems\" role=\"alert\" aria-labelledby=\"bulletin-serve-problems-title\" lang=\""
                             : "<section class=\"bulletin-serve-problems warnings-only\" aria-labelledby=\"bulletin-serve-problems-title\" lang=\"";
    box += escape(language) + "\">\n";
    // Warnings alone do not stop the site: more than a few are folded under
    // their heading (a <details>, no script), so the page stays in view.
    const bool folded = !errors && warnings > kWarningsOpen;
    if (!errors) box += folded ? "<details>\n<summary>" : "<details open>\n<summary>";
    box += "<h2 id=\"bulletin-serve-problems-title\">";
    if (errors) {
        box += escape(say(language, have_site ? Msg::serve_errors_over_site : Msg::serve_errors_no_site, errors));
    } else {
        box += escape(say(language, Msg::serve_warnings, warnings));
    }
    box += errors ? "</h2>\n" : "</h2></summary>\n";
    if (errors) box += "<p>" + escape(text(Msg::serve_fix_and_save, language)) + "</p>\n";
    // Every error; the warnings up to a page's worth (check lists them all).
    std::size_t shown_warnings = 0;
    for (const Diagnostic* d : in_order(diags)) {
        if (d->severity == Severity::warning && shown_warnings++ >= kWarningsOnPage) continue;
        std::string text = format_diagnostic(*d, language);
        while (!text.empty() && text.back() == '\n') text.pop_back();
        box += "<pre>" + escape(text) + "</pre>\n";
    }
    if (warnings > kWarningsOnPage) {
        box += "<p>" + escape(say(language, Msg::serve_more_warnings, warnings - kWarningsOnPage)) + "</p>\n";
    }
    if (!errors) box += "</details>\n";
    box += "</section>\n";
    return box;
}

// The box is the same on every page of one rebuild: made once, on the first request after it.
class ProblemsBox {
public:
    std::shared_ptr<const std::string> get(const LiveState& state, bool have_site) {
        std::lock_guard lock(mutex_);
        if (!box_ || generation_ != state.generation || have_site_ != have_site) {
            box_ = std::make_shared<const std::string>(problems_box(*state.diags, state.language, have_site));
            generation_ = state.generation;
            have_site_ = have_site;
        }
        return box_;
    }

private:
    std::mutex mutex_;
    std::uint64_t generation_ = 0;
    bool have_site_ = false;
    std::shared_ptr<const std::string> box_;
};

std::string head_links(std::uint64_t generation) {
    return fmt::format(
        "<meta name=\"bulletin-serve-generation\" content=\"{}\">\n"
        "<link rel=\"stylesheet\" href=\"/_serve/serve.css\">\n"
        "<script src=\"/_serve/reload.js\" defer></script>\n",
        generation);
}

const char* content_type(std::string_view path) {
    static const std::map<std::string_view, const char*> types = {
        {".html", "text/html; charset=utf-8"},   {".css", "text/css; charset=utf-8"},
        {".js", "text/javascript; charset=utf-8"}, {".json", "application/json; charset=utf-8"},
        {".xml", "application/xml; charset=utf-8"}, {".csv", "text/csv; charset=utf-8"},
        {".svg", "image/svg+xml"},               {".png", "image/png"},
        {".jpg", "image/jpeg"},                  {".jpeg", "image/jpeg"},
        {".gif", "image/gif"},                   {".webp", "image/webp"},
        {".pdf", "application/pdf"},             {".txt", "text/plain; charset=utf-8"},
        {".ico", "image/x-icon"},
    };
    const auto dot = path.rfind('.');
    if (dot != std::string_view::npos && path.find('/', dot) == std::string_view::npos) {
        if (auto it = types.find(path.substr(dot)); it != types.end()) return it->second;
    }
    return "application/octet-stream";
}

void set_headers(httplib::Response& res) {
    // As deploy/nginx-bulletin.conf sends them, so the preview is held to the same rules.
    res.set_header("Content-Security-Policy",
                   "default-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'; object-src 'none'");
    res.set_header("X-Content-Type-Options", "nosniff");
    res.set_header("Referrer-Policy", "same-origin");
    res.set_header("Cache-Control", "no-store");
}

// A change worth a rebuild: not an editor's scratch file beside the real one.
std::vector<fs::path> worth_rebuilding(const std::vector<fs::path>& changed) {
    std::vector<fs::path> out;
    for (const fs::path& p : changed) {
        if (!LiveSite::is_scratch_name(p.filename().string())) out.push_back(p);
    }
    return out;
}

std::string names_of(const std::vector<fs::path>& changed, const fs::path& content, const std::string& language) {
    // Each file once; a saving program's temporary file, gone by now, is not named.
    std::vector<std::string> names;
    std::vector<std::string> gone;
    for (const fs::path& p : changed) {
        fs::path rel = fs::weakly_canonical(fs::absolute(p)).lexically_relative(content);
        if (rel.empty() || rel.begin()->string() == "..") rel = p.filename();
        std::vector<std::string>& list = fs::exists(p) ? names : gone;
        if (std::find(list.begin(), list.end(), rel.generic_string()) == list.end()) list.push_back(rel.generic_string());
    }
    if (names.empty()) names = gone;
    const std::string_view comma = text(Msg::list_separator, language);
    std::string joined;
    for (std::size_t i = 0; i < names.size() && i < 3; ++i) joined += (i ? std::string(comma) : std::string()) + names[i];
    if (names.size() > 3) joined += "…";
    return joined;
}

}  // namespace

std::string watch_failures_text(const std::vector<Watcher::Failure>& failures, const std::string& language) {
    std::string out;
    for (const Watcher::Failure& f : failures) {
        out += say(language, Msg::serve_cannot_watch, f.folder.string(), std::strerror(f.error)) + "\n";
    }
    if (!failures.empty()) {
        const Msg hint = failures.front().error == ENOSPC ? Msg::serve_watch_limit_hint : Msg::serve_watch_hint;
        out += "  " + std::string(text(hint, language)) + "\n";
    }
    return out;
}

std::string site_path(std::string_view url_path) {
    if (url_path.empty() || url_path[0] != '/') return {};
    std::string path(url_path.substr(1));
    if (path.find('\0') != std::string::npos || path.find('\\') != std::string::npos) return {};
    std::size_t start = 0;
    while (start <= path.size()) {
        const std::size_t end = std::min(path.find('/', start), path.size());
        const std::string_view segment = std::string_view(path).substr(start, end - start);
        if (segment == ".." || segment == ".") return {};
        if (segment.empty() && end < path.size()) return {};  // "//"
        start = end + 1;
    }
    if (path.empty() || path.back() == '/') path += "index.html";
    return path;
}

namespace {

// The page with the preview's links in its head and `box` at the top of its body.
std::string with_preview(std::string_view html, std::uint64_t generation, const std::string& box) {
    std::string page;
    page.reserve(html.size() + box.size() + 256);
    page.append(html);
    const std::size_t head_end = page.find("</head>");
    const std::string links = head_links(generation);
    std::size_t body_at;
    if (head_end != std::string::npos) {
        page.insert(head_end, links);
        body_at = page.find("<body", head_end + links.size());
    } else {
        page.insert(0, links);
        body_at = page.find("<body");
    }
    if (box.empty()) return page;
    if (body_at != std::string::npos) {
        const std::size_t open_end = page.find('>', body_at);
        if (open_end != std::string::npos) {
            page.insert(open_end + 1, "\n" + box);
            return page;
        }
    }
    return box + page;
}

}  // namespace

std::string preview_page(std::string_view html, std::uint64_t generation, const Diagnostics& diags,
                         const std::string& language) {
    return with_preview(html, generation, problems_box(diags, language, true));
}

std::string error_page(std::uint64_t generation, const Diagnostics& diags, const std::string& language) {
    std::string page = "<!DOCTYPE html>\n<html lang=\"" + escape(language) +
                       "\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>bulletin serve</title>\n" +
                       head_links(generation) + "</head>\n<body>\n<main>\n";
    page += problems_box(diags, language, false);
    page += "</main>\n</body>\n</html>\n";
    return page;
}

const std::string* serve_asset(std::string_view name) {
    if (name == "reload.js") return &kReloadJs;
    if (name == "serve.css") return &kServeCss;
    return nullptr;
}

int run_serve(const ServeOptions& options, std::ostream& out, std::ostream& err) {
    // SIGINT and SIGTERM are taken by one thread (below), not by whichever
    // thread they happen to hit: blocked here, before any thread starts.
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);

    if (!fs::is_directory(options.build.content_dir)) {
        // No site.toml to name a language: the default one.
        err << "bulletin: " << say("zh-CN", Msg::content_missing, options.build.content_dir) << "\n";
        return exit_usage_error;
    }
    LiveSite live(options.build);
    const fs::path content_abs = fs::weakly_canonical(fs::absolute(options.build.content_dir));
    std::string language = site_language(options.build.content_dir);
    // What the terminal was shown: after a save, warnings already listed are
    // counted, not listed again (every page lists them, and `check` too).
    std::unordered_set<std::size_t> warnings_shown;  // each by a hash of its place and message
    auto report = [&](const Diagnostics& diags, const std::string& lang) {
        std::unordered_set<std::size_t> now;
        std::vector<const Diagnostic*> listed;
        std::size_t again = 0;
        for (const Diagnostic& d : diags.items()) {
            if (d.severity == Severity::warning) {
                const std::hash<std::string_view> hash;
                const std::size_t key = hash(d.loc.file) ^ (hash(d.message) * 31) ^
                                        (static_cast<std::size_t>(d.loc.line) << 20) ^ static_cast<std::size_t>(d.loc.column);
                const bool seen = warnings_shown.count(key) > 0;
                now.insert(key);
                if (seen) {
                    ++again;
                    continue;
                }
            }
            listed.push_back(&d);
        }
        std::string text;
        for (const Diagnostic* d : in_order(listed)) text += format_diagnostic(*d, lang);
        if (!diags.items().empty()) {
            text += say(lang, Msg::counts, diags.error_count(), diags.warning_count()) + "\n";
            if (again) text += say(lang, Msg::serve_warnings_again, again) + "\n";
        }
        warnings_shown = std::move(now);
        return text;
    };
    ProblemsBox boxes;

    std::mutex mutex;
    std::condition_variable changed;
    std::atomic<bool> stopping{false};

    httplib::Server server;
    server.new_task_queue = [] { return new httplib::ThreadPool(32); };
    // Not SO_REUSEPORT (httplib's default): a second `serve` on a port in use
    // must be told so, not share the port with the first.
    server.set_socket_options([](socket_t sock) {
        int yes = 1;
        ::setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    });
    server.Get("/_serve/events", [&](const httplib::Request&, httplib::Response& res) {
        set_headers(res);
        res.set_chunked_content_provider(
            "text/event-stream", [&, sent = std::uint64_t(0), first = true](std::size_t, httplib::DataSink& sink) mutable {
                std::unique_lock lock(mutex);
                // Every page learns the current generation at once: a rebuild
                // between its loading and this connection is not missed.
                if (!first) {
                    changed.wait_for(lock, std::chrono::seconds(15),
                                     [&] { return stopping.load() || live.generation() != sent; });
                }
                if (stopping) return false;
                const std::uint64_t now = live.generation();
                lock.unlock();
                std::string message;
                if (first || now != sent) {
                    message = fmt::format("data: {}\n\n", now);
                    sent = now;
                    first = false;
                } else {
                    message = ": ping\n\n";  // notices a reader that went away
                }
                return sink.write(message.data(), message.size());
            });
    });
    server.Get(R"(/_serve/([a-z.]+))", [&](const httplib::Request& req, httplib::Response& res) {
        set_headers(res);
        const std::string name = req.matches[1];
        if (const std::string* asset = serve_asset(name)) {
            res.set_content(*asset, content_type(name));
        } else {
            res.status = 404;
        }
    });
    server.Get(R"(/.*)", [&](const httplib::Request& req, httplib::Response& res) {
        set_headers(res);
        const LiveState state = live.state();
        const std::uint64_t generation = state.generation;
        const auto& snapshot = state.snapshot;
        const std::string& lang = state.language;
        const std::string path = site_path(req.path);
        if (!snapshot) {
            res.status = state.diags->has_errors() ? 500 : 503;
            res.set_content(error_page(generation, *state.diags, lang), "text/html; charset=utf-8");
            return;
        }
        Snapshot::Bytes bytes = path.empty() ? nullptr : snapshot->find(path);
        if (!bytes && !path.empty() && !path.ends_with(".html") && snapshot->find(path + "/index.html")) {
            res.set_redirect(req.path + "/", 301);
            return;
        }
        if (!bytes) {
            res.status = 404;
            const std::string page = "<!DOCTYPE html>\n<html lang=\"" + escape(lang) +
                                     "\">\n<head>\n<meta charset=\"utf-8\">\n<title>404</title>\n</head>\n<body>\n<main>\n<p>" +
                                     escape(text(Msg::serve_not_found, lang)) + " <a href=\"/\">/</a></p>\n</main>\n</body>\n</html>\n";
            res.set_content(with_preview(page, generation, *boxes.get(state, true)), "text/html; charset=utf-8");
            return;
        }
        if (path.ends_with(".html")) {
            res.set_content(with_preview(*bytes, generation, *boxes.get(state, true)), "text/html; charset=utf-8");
        } else {
            res.set_content(*bytes, content_type(path));
        }
    });

    const int port = options.port == 0 ? server.bind_to_any_port(options.bind)
                                       : (server.bind_to_port(options.bind, options.port) ? options.port : -1);
    if (port < 0) {
        err << "bulletin: " << say(language, Msg::serve_cannot_listen, options.bind, options.port, options.port + 1) << "\n";
        return exit_usage_error;
    }

    // The port is ours (a second serve is told at once, before a build that
    // can take seconds): build the site, then watch it. Requests wait until
    // the server listens, after the first build.
    live.rebuild({});
    language = live.language();
    err << report(*live.diagnostics(), language);
    std::optional<Watcher> watching;
    try {
        watching.emplace(live.watched_roots());
    } catch (const std::runtime_error& e) {
        err << "bulletin: " << say(language, Msg::serve_no_inotify, e.what()) << "\n";
        return exit_usage_error;
    }
    Watcher& watcher = *watching;
    // Folders that could not be watched are named; the others are watched.
    auto tell_failures = [&](const std::string& lang) { err << watch_failures_text(watcher.take_failures(), lang) << std::flush; };
    tell_failures(language);

    // Ctrl-C (or SIGTERM): stop watching, end the event streams, stop the server.
    std::thread signal_thread([&] {
        int sig = 0;
        sigwait(&signals, &sig);
        stopping = true;
        watcher.stop();
        {
            std::lock_guard lock(mutex);
        }
        changed.notify_all();
        server.stop();
    });

    std::thread watch_thread([&] {
        while (auto paths = watcher.wait(std::chrono::milliseconds(5))) {
            const std::vector<fs::path> worth = worth_rebuilding(*paths);
            if (worth.empty()) continue;
            const RebuildStats stats = live.rebuild(worth);
            for (const fs::path& root : live.watched_roots()) watcher.add_root(root);
            {
                std::lock_guard lock(mutex);
            }
            changed.notify_all();
            const std::string lang = live.language();
            tell_failures(lang);
            const std::string names = names_of(worth, content_abs, lang);
            if (stats.ok) {
                out << say(lang, Msg::serve_updated, names, stats.editions_rendered, stats.editions, stats.seconds * 1000)
                    << "\n" << std::flush;
                err << report(*live.diagnostics(), lang) << std::flush;
            } else {
                err << say(lang, Msg::serve_failed, names) << "\n" << report(*live.diagnostics(), lang) << std::flush;
            }
        }
    });

    out << say(language, Msg::serve_listening, options.build.content_dir, options.bind, port) << "\n" << std::flush;
    server.listen_after_bind();

    if (!stopping) {  // the server ended by itself: let the signal thread go
        pthread_kill(signal_thread.native_handle(), SIGTERM);
    }
    signal_thread.join();
    watcher.stop();
    watch_thread.join();
    out << text(Msg::serve_stopped, language) << "\n" << std::flush;
    return exit_ok;
}

}  // namespace bulletin::serve

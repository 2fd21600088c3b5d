#include "serve.h"

#include <pthread.h>
#include <signal.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <filesystem>
#include <map>
#include <mutex>
#include <thread>

#include <fmt/format.h>
#include <httplib.h>

#include "live_site.h"
#include "text.h"
#include "watch.h"

namespace fs = std::filesystem;

namespace bulletin::serve {
namespace {

// What the server itself says, in the site's language. The page words come
// from the theme; these are the preview's own.
enum class Say { errors_over_site, errors_no_site, warnings, fix_and_save, not_found, listening, updated, failed, stopped };

std::string_view words(Say s, const std::string& language) {
    const bool en = language == "en" || language.starts_with("en-");
    switch (s) {
    case Say::errors_over_site:
        return en ? "The content has {} error(s). Below is the site as it was before them; it is not updated until they are fixed."
                  : "内容有 {} 处错误。下面仍是出错前的网站，改正之前不会更新。";
    case Say::errors_no_site:
        return en ? "The content has {} error(s); the site cannot be built until they are fixed."
                  : "内容有 {} 处错误，改正之前无法生成网站。";
    case Say::warnings:
        return en ? "{} warning(s): the site is built, but please check." : "{} 处警告：网站照常生成，请核对。";
    case Say::fix_and_save:
        return en ? "Fix the file and save it: this page reloads by itself." : "改正文件并保存后，本页会自动刷新。";
    case Say::not_found:
        return en ? "No page at this address." : "没有这个页面。";
    case Say::listening:
        return en ? "serve: previewing {} at http://{}:{}/ (drafts shown; nothing is written to disk; Ctrl-C stops)\n"
                  : "serve: 正在预览 {}，地址 http://{}:{}/（显示草稿；不写入任何文件；按 Ctrl-C 停止）\n";
    case Say::updated:
        return en ? "serve: updated after {} — {} of {} edition(s) rendered, {:.0f} ms\n"
                  : "serve: 已更新（{}）：重新生成 {}/{} 期，用时 {:.0f} 毫秒\n";
    case Say::failed:
        return en ? "serve: {} has errors; the last good site is still served\n"
                  : "serve: {} 有错误，仍显示上一次没有错误的网站\n";
    case Say::stopped:
        return en ? "serve: stopped\n" : "serve: 已停止\n";
    }
    return {};
}

template <typename... Args>
std::string say(Say s, const std::string& language, Args&&... args) {
    return fmt::format(fmt::runtime(words(s, language)), std::forward<Args>(args)...);
}

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
.bulletin-serve-problems.warnings-only h2 { color: #6b3a00; }
.bulletin-serve-problems p { margin: 0 0 .5rem; }
.bulletin-serve-problems pre { margin: .5rem 0 0; padding: .5rem; background: #fff; border: 1px solid #d0d7de; overflow-x: auto; white-space: pre-wrap; word-break: break-all; font-size: .875rem; }
)";

std::string escape(std::string_view s) { return xml_escape(s); }

std::string problems_box(const Diagnostics& diags, const std::string& language, bool have_site) {
    const std::size_t errors = diags.error_count();
    const std::size_t warnings = diags.warning_count();
    if (errors == 0 && warnings == 0) return {};
    std::string box = errors ? "<section class=\"bulletin-serve-problems\" role=\"alert\" aria-labelledby=\"bulletin-serve-problems-title\" lang=\""
                             : "<section class=\"bulletin-serve-problems warnings-only\" aria-labelledby=\"bulletin-serve-problems-title\" lang=\"";
    box += escape(language) + "\">\n<h2 id=\"bulletin-serve-problems-title\">";
    if (errors) {
        box += escape(say(have_site ? Say::errors_over_site : Say::errors_no_site, language, errors));
    } else {
        box += escape(say(Say::warnings, language, warnings));
    }
    box += "</h2>\n";
    if (errors) box += "<p>" + escape(words(Say::fix_and_save, language)) + "</p>\n";
    for (const Diagnostic& d : diags.sorted()) {
        std::string text = format_diagnostic(d, language);
        while (!text.empty() && text.back() == '\n') text.pop_back();
        box += "<pre>" + escape(text) + "</pre>\n";
    }
    box += "</section>\n";
    return box;
}

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

std::string names_of(const std::vector<fs::path>& changed, const fs::path& content) {
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
    std::string text;
    for (std::size_t i = 0; i < names.size() && i < 3; ++i) text += (i ? "、" : "") + names[i];
    if (names.size() > 3) text += "…";
    return text;
}

}  // namespace

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

std::string preview_page(std::string_view html, std::uint64_t generation, const Diagnostics& diags,
                         const std::string& language) {
    std::string page(html);
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
    const std::string box = problems_box(diags, language, true);
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
        err << "bulletin: 找不到内容文件夹 " << options.build.content_dir << "（可用 --content 指定）\n";
        return exit_usage_error;
    }
    LiveSite live(options.build);
    const fs::path content_abs = fs::weakly_canonical(fs::absolute(options.build.content_dir));
    live.rebuild({});
    std::string language = live.language();
    if (live.has_errors() || live.diagnostics().warning_count()) {
        err << format_diagnostics(live.diagnostics(), language);
    }
    Watcher watcher(live.watched_roots());

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
        const std::uint64_t generation = live.generation();
        const auto snapshot = live.snapshot();
        const Diagnostics diags = live.diagnostics();
        const std::string lang = live.language();
        const std::string path = site_path(req.path);
        if (!snapshot) {
            res.status = diags.has_errors() ? 500 : 503;
            res.set_content(error_page(generation, diags, lang), "text/html; charset=utf-8");
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
                                     escape(words(Say::not_found, lang)) + " <a href=\"/\">/</a></p>\n</main>\n</body>\n</html>\n";
            res.set_content(preview_page(page, generation, diags, lang), "text/html; charset=utf-8");
            return;
        }
        if (path.ends_with(".html")) {
            res.set_content(preview_page(*bytes, generation, diags, lang), "text/html; charset=utf-8");
        } else {
            res.set_content(*bytes, content_type(path));
        }
    });

    const int port = options.port == 0 ? server.bind_to_any_port(options.bind)
                                       : (server.bind_to_port(options.bind, options.port) ? options.port : -1);
    if (port < 0) {
        err << fmt::format("bulletin: 无法在 {}:{} 上提供预览（端口已被占用？可用 --port 换一个，例如 --port 8081）\n",
                           options.bind, options.port);
        return exit_usage_error;
    }

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
            const std::string names = names_of(worth, content_abs);
            if (stats.ok) {
                out << say(Say::updated, lang, names, stats.editions_rendered, stats.editions, stats.seconds * 1000)
                    << std::flush;
                const Diagnostics d = live.diagnostics();
                if (d.warning_count()) err << format_diagnostics(d, lang) << std::flush;
            } else {
                err << say(Say::failed, lang, names) << format_diagnostics(live.diagnostics(), lang) << std::flush;
            }
        }
    });

    out << say(Say::listening, language, options.build.content_dir, options.bind, port) << std::flush;
    server.listen_after_bind();

    if (!stopping) {  // the server ended by itself: let the signal thread go
        pthread_kill(signal_thread.native_handle(), SIGTERM);
    }
    signal_thread.join();
    watcher.stop();
    watch_thread.join();
    out << words(Say::stopped, language) << std::flush;
    return exit_ok;
}

}  // namespace bulletin::serve

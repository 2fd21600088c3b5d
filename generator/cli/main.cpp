// bulletin: builds a static site from a content tree of transparency bulletins.
#include <exception>
#include <iostream>
#include <optional>

#include <CLI/CLI.hpp>

#include "build.h"
#include "import.h"
#include "load_config.h"
#include "messages.h"
#include "scaffold.h"
#include "serve.h"
#include "usage.h"
#include "verify.h"

int main(int argc, char** argv) {
    using namespace bulletin;
    CLI::App app{"bulletin " BULLETIN_VERSION " — 专项治理成果公布网站生成器 (static site generator for transparency bulletins)\n"
                 "Exit status: 0 ok, 1 content errors, 2 usage or environment errors."};
    app.set_version_flag("--version", std::string("bulletin ") + BULLETIN_VERSION);
    app.require_subcommand(1);

    BuildOptions options;
    std::string base_url;
    auto* build = app.add_subcommand("build", "Build the site into the output folder (atomically)");
    build->add_option("--content", options.content_dir, "Content folder")->capture_default_str();
    build->add_option("--out", options.out_dir, "Output folder")->capture_default_str();
    build->add_flag("--drafts", options.drafts, "Include projects marked draft = true");
    build->add_option("--base-url", base_url, "Override base_url from site.toml (absolute, ending in /)");
    build->add_flag("--offline", options.offline, "A copy that works opened from disk (file://)");
    build->add_flag("--gzip,!--no-gzip", options.gzip,
                    "Also write a precompressed .gz twin of every text file of 1 KB or more (for nginx gzip_static)");
    build->add_option("--themes", options.themes_dir, "Folder holding themes (default: next to the content folder)");
    build->add_flag("--strict", options.strict, "Treat warnings as errors: nothing is written when there is one");

    auto* check = app.add_subcommand("check", "Validate the content without writing anything");
    check->add_option("--content", options.content_dir, "Content folder")->capture_default_str();
    check->add_flag("--drafts", options.drafts, "Include projects marked draft = true");
    check->add_option("--themes", options.themes_dir, "Folder holding themes");
    check->add_flag("--strict", options.strict, "Treat warnings as errors (exit status 1 when there is one)");

    ImportOptions import_options;
    import_options.content_dir = "content";
    auto* import = app.add_subcommand("import", "Import a plain-text bulletin into content files, then check them");
    import->add_option("file", import_options.input, "The text file (UTF-8 or GB18030)")->required();
    import->add_option("--edition", import_options.edition, "Edition id, e.g. 2022")->required();
    import->add_option("--content", import_options.content_dir, "Content folder")->capture_default_str();
    import->add_flag("--force", import_options.force, "Overwrite existing files");
    import->add_flag("--strict", import_options.strict, "Treat every uncertain reading as an error and write nothing");
    import->add_flag("--dry-run", import_options.dry_run, "Print the plan (edition, projects, leads, outcome counts) and write nothing");

    std::string verify_dir;
    auto* verify = app.add_subcommand("verify", "Check a deployed folder against its manifest.json");
    verify->add_option("dir", verify_dir, "The deployed folder")->required();
    std::string verify_manifest;
    verify->add_option("--manifest", verify_manifest,
                       "Check against this manifest.json (kept from the release) instead of the folder's own");

    serve::ServeOptions serve_options;
    auto* serve = app.add_subcommand("serve", "Preview the site while writing: built in memory, rebuilt and reloaded on every save");
    serve->add_option("--content", serve_options.build.content_dir, "Content folder")->capture_default_str();
    serve->add_option("--port", serve_options.port, "Port (0: any free port)")->capture_default_str();
    serve->add_option("--bind", serve_options.bind, "Address to listen on")->capture_default_str();
    serve->add_option("--themes", serve_options.build.themes_dir, "Folder holding themes");

    std::string new_content = "content";
    auto* make = app.add_subcommand("new", "Start a new edition or project file from the template (never overwrites)");
    make->require_subcommand(1);
    std::string new_edition;
    auto* make_edition = make->add_subcommand("edition", "content/<id>/_index.md, e.g. bulletin new edition 2024");
    make_edition->add_option("id", new_edition, "Edition id (its folder name), e.g. 2024")->required();
    make_edition->add_option("--content", new_content, "Content folder")->capture_default_str();
    std::string new_project;
    std::string new_department;
    std::optional<std::string> new_title;
    auto* make_project = make->add_subcommand("project", "content/<edition>/<slug>.md with the next free number");
    make_project->add_option("target", new_project, "edition/slug, e.g. 2024/ev-charging")->required();
    make_project->add_option("--department", new_department, "Lead department: a name or slug of departments.toml")
        ->required();
    make_project->add_option("--title", new_title, "Project title");
    make_project->add_option("--content", new_content, "Content folder")->capture_default_str();

    // Unknown commands and options, and missing ones, are named (with the
    // nearest valid one) in the site's language.
    const std::string language = command_line_language(argc, argv);
    if (auto mistake = usage_mistake(app, argc, argv, language)) {
        std::cerr << *mistake;
        return exit_usage_error;
    }
    try {
        app.parse(argc, argv);
    } catch (const CLI::Success& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        std::cerr << "bulletin: " << say(language, Msg::usage_cli_error, e.what()) << "\n";
        return exit_usage_error;
    }
    if (!base_url.empty()) {
        if (!is_base_url(base_url)) {
            std::cerr << "bulletin: " << say(site_language(options.content_dir), Msg::bad_base_url_option, base_url) << "\n";
            return exit_usage_error;
        }
        options.base_url = base_url;
    }

    try {
        if (*build) return run_build(options, std::cout, std::cerr);
        if (*check) return run_check(options, std::cout, std::cerr);
        if (*make_edition) return run_new_edition(new_content, new_edition, std::cout, std::cerr);
        if (*make_project) {
            return run_new_project(new_content, new_project, new_department, new_title, std::cout, std::cerr);
        }
        if (*serve) return serve::run_serve(serve_options, std::cout, std::cerr);
        if (*verify) return run_verify(verify_dir, std::cout, std::cerr, verify_manifest);
        if (*import) {
            const int code = run_import(import_options, std::cout, std::cerr);
            if (code != 0 || import_options.dry_run) return code;
            options.content_dir = import_options.content_dir.string();
            return run_check(options, std::cout, std::cerr);
        }
    } catch (const std::exception& e) {
        std::cerr << "bulletin: " << e.what() << "\n";
        return exit_usage_error;
    }
    return exit_usage_error;
}

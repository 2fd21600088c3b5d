// bulletin: builds a static site from a content tree of transparency bulletins.
#include <exception>
#include <iostream>

#include <CLI/CLI.hpp>

#include "build.h"
#include "import.h"
#include "load_config.h"
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

    auto* check = app.add_subcommand("check", "Validate the content without writing anything");
    check->add_option("--content", options.content_dir, "Content folder")->capture_default_str();
    check->add_flag("--drafts", options.drafts, "Include projects marked draft = true");
    check->add_option("--themes", options.themes_dir, "Folder holding themes");

    ImportOptions import_options;
    import_options.content_dir = "content";
    auto* import = app.add_subcommand("import", "Import a plain-text bulletin into content files, then check them");
    import->add_option("file", import_options.input, "The text file (UTF-8 or GB18030)")->required();
    import->add_option("--edition", import_options.edition, "Edition id, e.g. 2022")->required();
    import->add_option("--content", import_options.content_dir, "Content folder")->capture_default_str();
    import->add_flag("--force", import_options.force, "Overwrite existing files");

    std::string verify_dir;
    auto* verify = app.add_subcommand("verify", "Check a deployed folder against its manifest.json");
    verify->add_option("dir", verify_dir, "The deployed folder")->required();
    std::string verify_manifest;
    verify->add_option("--manifest", verify_manifest,
                       "Check against this manifest.json (kept from the release) instead of the folder's own");

    try {
        app.parse(argc, argv);
    } catch (const CLI::Success& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        app.exit(e);
        return exit_usage_error;
    }
    if (!base_url.empty()) {
        if (!is_base_url(base_url)) {
            std::cerr << "bulletin: --base-url " << base_url
                      << " 不是以 / 结尾的 http(s) 绝对地址（例如 https://www.example.gov.cn/bulletin/）\n";
            return exit_usage_error;
        }
        options.base_url = base_url;
    }

    try {
        if (*build) return run_build(options, std::cout, std::cerr);
        if (*check) return run_check(options, std::cout, std::cerr);
        if (*verify) return run_verify(verify_dir, std::cout, std::cerr, verify_manifest);
        if (*import) {
            const int code = run_import(import_options, std::cout, std::cerr);
            if (code != 0) return code;
            options.content_dir = import_options.content_dir.string();
            return run_check(options, std::cout, std::cerr);
        }
    } catch (const std::exception& e) {
        std::cerr << "bulletin: " << e.what() << "\n";
        return exit_usage_error;
    }
    return exit_usage_error;
}

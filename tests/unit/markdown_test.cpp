// Markdown (markdown.h): GitHub-flavoured Markdown through cmark-gfm, made
// safe: raw HTML is shown as text, script links are dropped, images from
// other sites become links, and the plain text is extracted for summaries.
#include <catch2/catch.hpp>

#include <atomic>
#include <regex>
#include <thread>

#include "markdown.h"

namespace {

using bulletin::render_markdown;

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// Every value of an attribute in the HTML, e.g. every href.
std::vector<std::string> attrs(const std::string& html, const std::string& name) {
    const std::regex re("\\s" + name + "=\"([^\"]*)\"", std::regex::icase);
    std::vector<std::string> out;
    for (auto it = std::sregex_iterator(html.begin(), html.end(), re); it != std::sregex_iterator(); ++it) {
        out.push_back((*it)[1].str());
    }
    return out;
}

}  // namespace

TEST_CASE("markdown: GFM tables render as tables") {
    const auto r = render_markdown("| 指标 | 数量 |\n| --- | ---: |\n| 公共充电桩 | 71 |\n| 充电站 | 9 |\n");
    CHECK(has(r.html, "<table>"));
    CHECK(has(r.html, "<th>指标</th>"));
    CHECK(has(r.html, "<td>公共充电桩</td>"));
    CHECK(has(r.html, "<td align=\"right\">71</td>"));
    CHECK(r.text == "指标 数量 公共充电桩 71 充电站 9");
}

TEST_CASE("markdown: an autolink in Chinese text stops where the Chinese starts") {
    const auto r = render_markdown("详见 www.example.gov.cn。本站 https://www.example.gov.cn/a/公告。\n\n另见[网站](https://x.example/中文)\n"); INFO(r.html);;
    CHECK(has(r.html, "<a href=\"http://www.example.gov.cn\">www.example.gov.cn</a>。本站"));
    CHECK(has(r.html, "<a href=\"https://www.example.gov.cn/a/\">https://www.example.gov.cn/a/</a>公告。"));
    // A link the editor wrote keeps its address whole.
    CHECK(has(r.html, "<a href=\"https://x.example/%E4%B8%AD%E6%96%87\">网站</a>"));
}

TEST_CASE("markdown: struck-through text is shown but not part of the plain text") {
    const auto r = render_markdown("已成立49个，~~40个~~\n");
    CHECK(has(r.html, "<del>40个</del>"));
    CHECK(r.text == "已成立49个，");
    CHECK(r.first_paragraph == "已成立49个，");
}

TEST_CASE("markdown: strikethrough and autolinks render") {
    const auto r = render_markdown("~~旧数字~~ 新数字，详见 https://www.example.gov.cn/a 或 www.example.gov.cn 。\n");
    CHECK(has(r.html, "<del>旧数字</del>"));
    CHECK(has(r.html, "<a href=\"https://www.example.gov.cn/a\">https://www.example.gov.cn/a</a>"));
    CHECK(has(r.html, "<a href=\"http://www.example.gov.cn\">www.example.gov.cn</a>"));
}

TEST_CASE("markdown: ordered lists keep their numbers and bold lead sentences") {
    const auto r = render_markdown("1. **加强服务协调，力推项目建设**。截至2022年12月底。\n2. **紧盯老旧小区**。针对问题。\n");
    CHECK(has(r.html, "<ol>\n<li><strong>加强服务协调，力推项目建设</strong>。截至2022年12月底。</li>"));
    CHECK(has(r.html, "<li><strong>紧盯老旧小区</strong>。针对问题。</li>\n</ol>"));
}

TEST_CASE("markdown: a script block in a body is shown as text, never as a tag") {
    const auto r = render_markdown("前文。\n\n<script>alert(1)</script>\n\n后文。\n");
    CHECK(has(r.html, "&lt;script&gt;alert(1)&lt;/script&gt;"));
    CHECK_FALSE(has(r.html, "<script"));
    CHECK(has(r.text, "<script>alert(1)</script>"));  // the text is what the editor wrote
}

TEST_CASE("markdown: inline HTML is escaped") {
    const auto r = render_markdown("这是 <b>加粗</b> 和 \"><img src=x onerror=alert(1)> 以及 <a href=\"x\">链接</a>。\n");
    CHECK(has(r.html, "&lt;b&gt;加粗&lt;/b&gt;"));
    CHECK(has(r.html, "&lt;img src=x onerror=alert(1)&gt;"));
    CHECK_FALSE(has(r.html, "<b>"));
    CHECK_FALSE(has(r.html, "<img"));
    CHECK(attrs(r.html, "href").empty());
}

TEST_CASE("markdown: HTML blocks of any kind are escaped") {
    for (const std::string md : {"<div onclick=\"x()\">块</div>\n", "<iframe src=\"https://evil.example\"></iframe>\n",
                                 "<!-- 注释 -->\n", "<style>body{display:none}</style>\n",
                                 "<img src=x onerror=alert(1)>\n"}) {
        const auto r = render_markdown(md);
        INFO(r.html);
        CHECK(r.html.rfind("<p>&lt;", 0) == 0);
        CHECK(attrs(r.html, "src").empty());
    }
}

TEST_CASE("markdown: script links are dropped and their text kept") {
    for (const std::string md : {"[x](javascript:alert(1))", "[x](JaVaScRiPt:alert(1))", "[x](java&#115;cript:alert(1))",
                                 "[x](vbscript:msgbox(1))", "[x](file:///etc/passwd)",
                                 "[x](data:text/html;base64,PHNjcmlwdD4=)", "[x]( <javascript:alert(1)> )"}) {
        const auto r = render_markdown("前 " + md + " 后\n");
        INFO(md << " → " << r.html);
        CHECK(has(r.html, "前 x 后"));
        CHECK(attrs(r.html, "href").empty());
        CHECK_FALSE(has(r.html, "<a"));
    }
    // An autolink to a script URL keeps only its text.
    const auto r = render_markdown("<javascript:alert(2)>\n");
    CHECK(attrs(r.html, "href").empty());
}

TEST_CASE("markdown: ordinary links stay links") {
    const auto r = render_markdown("[通知](https://www.example.gov.cn/n.html) [本站](../ev-charging/) [邮件](mailto:a@example.gov.cn)\n");
    CHECK(attrs(r.html, "href") ==
          std::vector<std::string>{"https://www.example.gov.cn/n.html", "../ev-charging/", "mailto:a@example.gov.cn"});
}

TEST_CASE("markdown: images from other sites become links, never an outside request") {
    for (const std::string url : {"https://evil.example/x.png", "http://evil.example/x.png", "//evil.example/x.png",
                                  "HTTPS://evil.example/x.png"}) {
        const auto r = render_markdown("![图](" + url + ")\n");
        INFO(r.html);
        CHECK_FALSE(has(r.html, "<img"));
        CHECK(attrs(r.html, "href") == std::vector<std::string>{url});
        CHECK(has(r.html, ">图</a>"));
    }
}

TEST_CASE("markdown: images on the site itself stay images") {
    const auto r = render_markdown("![充电站](../../assets/station.png)\n");
    CHECK(attrs(r.html, "src") == std::vector<std::string>{"../../assets/station.png"});
    CHECK(has(r.html, "alt=\"充电站\""));
}

TEST_CASE("markdown: an inline data: image is never turned into a data: link") {
    const auto r = render_markdown("![点](data:image/png;base64,iVBORw0KGgo=) ![svg](data:image/svg+xml;base64,PHN2Zz4=)\n");
    INFO(r.html);
    for (const std::string& href : attrs(r.html, "href")) CHECK(href.rfind("data:", 0) != 0);
    for (const std::string& src : attrs(r.html, "src")) CHECK(src.rfind("data:image/svg", 0) != 0);
}

TEST_CASE("markdown: headings move down two levels under the page's own") {
    const auto r = render_markdown("# 一级\n\n## 二级\n\n##### 五级\n");
    CHECK(has(r.html, "<h3>一级</h3>"));
    CHECK(has(r.html, "<h4>二级</h4>"));
    CHECK(has(r.html, "<h6>五级</h6>"));
    CHECK_FALSE(has(r.html, "<h1"));
    CHECK_FALSE(has(r.html, "<h2"));
}

TEST_CASE("markdown: the first paragraph is plain text, even inside a list") {
    CHECK(render_markdown("第一段**加粗**，[链接](https://a.example/)。\n第二行。\n\n第二段。\n").first_paragraph ==
          "第一段加粗，链接。 第二行。");
    CHECK(render_markdown("1. **加强服务协调**。截至年底。\n2. 第二项。\n").first_paragraph == "加强服务协调。截至年底。");
    CHECK(render_markdown("# 标题\n\n| a |\n|---|\n| 1 |\n\n正文。\n").first_paragraph == "正文。");
    CHECK(render_markdown("").first_paragraph.empty());
}

TEST_CASE("markdown: the text has every word and no markup, white space collapsed") {
    const auto r = render_markdown("# 标题\n\n1. **甲**：一。\n2. 乙 `代码`\n\n> 引用\n\n正文  \n换行\n");
    CHECK(r.text == "标题 甲：一。 乙 代码 引用 正文 换行");
}

TEST_CASE("markdown: Chinese text and punctuation pass unchanged") {
    const std::string body = "为落实“开门治理”要求，现将成果公布如下——接受群众监督评议（60个）…… 8.98万元、120.30%。";
    const auto r = render_markdown(body + "\n");
    CHECK(r.html == "<p>" + body + "</p>\n");
    CHECK(r.text == body);
    CHECK(r.first_paragraph == body);
}

TEST_CASE("markdown: rendering is the same every time and from several threads") {
    // cmark-gfm keeps the extensions' inline characters in a process-wide
    // table; parsers racing on it lose strikethrough and autolinks.
    const std::string md = "| a |\n|---|\n| 1 |\n\n~~x~~ https://a.example\n";
    const auto first = render_markdown(md).html;
    REQUIRE(has(first, "<del>x</del>"));
    REQUIRE(has(first, "<a href=\"https://a.example\">"));
    std::atomic<int> different{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 8; ++t) {
        threads.emplace_back([&] {
            for (int i = 0; i < 50; ++i) {
                if (render_markdown(md).html != first) ++different;
            }
        });
    }
    for (auto& t : threads) t.join();
    CHECK(different == 0);
}

TEST_CASE("markdown: a page larger than the parser's memory blocks, between small ones, renders the same") {
    // A thread's pages share its memory blocks one after the other: a long
    // page needs more of them, and what a page leaves must not show in the next.
    std::string big;
    for (int i = 0; i < 3000; ++i) {
        big += "第" + std::to_string(i) + "段 **加粗** [链接](https://a.example/" + std::to_string(i) + ")。\n\n";
    }
    big += "| a | b |\n|---|---|\n| 1 | 2 |\n";
    const auto first = render_markdown(big);
    REQUIRE(first.html.size() > 256 * 1024);
    CHECK(render_markdown("小段。\n").html == "<p>小段。</p>\n");
    const auto again = render_markdown(big);
    CHECK(again.html == first.html);
    CHECK(again.text == first.text);
    CHECK(first.first_paragraph == "第0段 加粗 链接。");
    CHECK(render_markdown("小段。\n").text == "小段。");
}

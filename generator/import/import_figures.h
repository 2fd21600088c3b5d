#pragma once
// What the importer reads out of an outcome's wording: its lead sentence
// (printed bold) and its key figures (offered as [[metrics]] suggestions).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bulletin {

/// A figure with its unit as printed (71个, 8.98万元, 118%, 2.4万人次) and
/// the words just before it as a label the editor can improve.
struct SuggestedMetric {
    std::string label;  ///< "" when the words before it say nothing usable
    std::string value;  ///< as printed: "71", "8.98"
    std::string unit;   ///< "个", "万元", "%"
    std::string target; ///< "2500" when the text gives 目标(2500人) next to it; else ""
};

/// Every figure with a unit in `text`, in order, each value+unit once. The
/// label is the noun the number counts: the words after a measure word
/// (新增16个“文化驿站” → 文化驿站), else the words before the number. A
/// figure written as a target (目标(2500人), 目标2500人) becomes the target of
/// the figure of the same unit next to it.
/// Years (2022年), approximate figures (200余次, 20多万) and numbers inside
/// 《document titles》 are left out.
std::vector<SuggestedMetric> find_key_figures(std::string_view text);

/// The lead sentence when the outcome opens with a short heading
/// (加强服务协调，力推项目建设。截至…): the bytes before its 。, else nullopt.
/// A heading is at most 20 characters, has no digits or 《》 and is
/// followed by more text.
std::optional<std::string_view> lead_sentence(std::string_view text);

}  // namespace bulletin

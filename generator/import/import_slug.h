#pragma once
// URL slugs for Chinese names: ICU's "Han-Latin; Latin-ASCII" transliteration,
// lower-case ASCII words joined by hyphens. docs/import.md states the rule.
#include <memory>
#include <set>
#include <string>
#include <string_view>

#include <unicode/uversion.h>

U_NAMESPACE_BEGIN
class Transliterator;
U_NAMESPACE_END

namespace bulletin {

/// Owns the ICU transliterator (costly to build), so one import builds it once.
class SlugMaker {
public:
    /// Throws std::runtime_error when ICU lacks the transliteration rules.
    SlugMaker();
    ~SlugMaker();
    SlugMaker(const SlugMaker&) = delete;
    SlugMaker& operator=(const SlugMaker&) = delete;

    /// The whole text in pinyin: 区发改局 → qu-fa-gai-ju. "" when nothing is left.
    std::string pinyin(std::string_view text) const;

    /// A department's slug: the pinyin of its whole name.
    std::string department_slug(std::string_view name) const { return pinyin(name); }

    /// A project's slug: the title without its generic ending (问题专项治理,
    /// 专项治理, 专项整治…), cut after the word that reaches five syllables:
    /// 新能源汽车充电难问题专项治理 → xin-neng-yuan-qi-che.
    std::string project_slug(std::string_view title) const;

private:
    std::unique_ptr<icu::Transliterator> transliterator_;
};

/// `base` if it is not in `taken`, else the first free base-2, base-3, …;
/// the result is added to `taken`.
std::string unique_slug(const std::string& base, std::set<std::string>& taken);

}  // namespace bulletin

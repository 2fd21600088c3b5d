#include "import_slug.h"

#include <stdexcept>

#include <unicode/brkiter.h>
#include <unicode/translit.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include "text.h"

namespace bulletin {
namespace {

// Endings nearly every project title shares; they would make every slug
// end the same way and say nothing about the project.
constexpr std::string_view generic_endings[] = {"问题专项治理", "专项治理", "专项整治", "难题", "问题", "治理", "整治"};

constexpr int syllables_in_project_slug = 5;

std::string without_generic_endings(std::string_view title) {
    for (bool changed = true; changed;) {
        changed = false;
        for (std::string_view ending : generic_endings) {
            if (title.size() > ending.size() && title.ends_with(ending)) {
                title.remove_suffix(ending.size());
                changed = true;
            }
        }
    }
    return std::string(title);
}

/// Syllables a word adds to a slug: one per Han character, one per run of letters or digits.
int syllables(const icu::UnicodeString& word) {
    int n = 0;
    bool in_run = false;
    for (int32_t i = 0; i < word.length(); i = word.moveIndex32(i, 1)) {
        const UChar32 c = word.char32At(i);
        if (u_hasBinaryProperty(c, UCHAR_IDEOGRAPHIC)) {
            ++n;
            in_run = false;
        } else if (u_isalnum(c)) {
            if (!in_run) ++n;
            in_run = true;
        } else {
            in_run = false;
        }
    }
    return n;
}

/// The leading words of `text` that reach `limit` syllables, cut at a word
/// boundary so a slug never ends in half a word.
std::string leading_words(const std::string& text, int limit) {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::BreakIterator> words(icu::BreakIterator::createWordInstance(icu::Locale("zh"), status));
    if (U_FAILURE(status)) return text;
    const icu::UnicodeString u = icu::UnicodeString::fromUTF8(text);
    words->setText(u);
    icu::UnicodeString taken;
    int count = 0;
    for (int32_t start = words->first(), end = words->next(); end != icu::BreakIterator::DONE && count < limit;
         start = end, end = words->next()) {
        if (words->getRuleStatus() == UBRK_WORD_NONE) continue;  // spaces and punctuation
        icu::UnicodeString word = u.tempSubStringBetween(start, end);
        count += syllables(word);
        taken += word;
        taken += u' ';
    }
    std::string out;
    taken.toUTF8String(out);
    return out;
}

}  // namespace

SlugMaker::SlugMaker() {
    UErrorCode status = U_ZERO_ERROR;
    transliterator_.reset(
        icu::Transliterator::createInstance("Han-Latin; Latin-ASCII", UTRANS_FORWARD, status));
    if (U_FAILURE(status) || !transliterator_) {
        throw std::runtime_error(std::string("ICU 无法创建 Han-Latin 转写：") + u_errorName(status));
    }
}

SlugMaker::~SlugMaker() = default;

std::string SlugMaker::pinyin(std::string_view text) const {
    icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
    transliterator_->transliterate(u);
    std::string ascii;
    u.toUTF8String(ascii);
    return suggest_slug(ascii);
}

std::string SlugMaker::project_slug(std::string_view title) const {
    return pinyin(leading_words(without_generic_endings(title), syllables_in_project_slug));
}

std::string unique_slug(const std::string& base, std::set<std::string>& taken) {
    std::string slug = base;
    for (int n = 2; taken.count(slug) > 0; ++n) slug = base + "-" + std::to_string(n);
    taken.insert(slug);
    return slug;
}

}  // namespace bulletin

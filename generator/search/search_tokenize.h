#pragma once
// The search tokenizer: the rules that turn text into index terms. The
// JavaScript in themes/default/assets/search-tokenize.js applies the same
// rules to queries; tests/search/vectors.json holds the cases both must pass.
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace bulletin::search {

/// Bump when any rule below changes, so an old index is not read with new rules.
inline constexpr int tokenizer_version = 2;

/// What a token stands for. The query side requires a unigram only when it
/// is a query's whole run of ideographs (the bigrams imply it otherwise).
enum class TokenKind { Bigram, Unigram, Word, Number };

/// One index term. `position` counts atoms (one per ideograph, one per Latin
/// word, one per number) from the start of the tokenized text, so two terms
/// are adjacent in the text when their positions differ by their distance
/// in the query.
struct Token {
    std::string text;  ///< folded UTF-8
    int position = 0;
    TokenKind kind = TokenKind::Word;
    bool operator==(const Token&) const = default;
};

/// Folds text the way both sides compare it: NFKC with case folding
/// (full-width to half-width, "Straße" to "strasse", default-ignorable
/// characters removed), then each Traditional ideograph to its Simplified
/// form. Invalid UTF-8 becomes U+FFFD.
std::u32string fold(std::string_view utf8);

/// Tokenizes `utf8` (folded first):
/// - a run of ideographs gives, at each ideograph, the bigram it starts (if
///   any) and the ideograph alone;
/// - a run of letters and digits containing a letter is one Word;
/// - a run of ASCII digits, with one decimal point between digits, is one
///   Number, written without the zeros that end its decimal part ("118.0"
///   is "118", "8.980" is "8.98", as the folded text then reads); it also gives every longer token made of the number and the
///   units after it (multipliers 万亿千百, then 余/多, then one measure such
///   as 元, 人, %, 平方米; after 年 or 月 another number continues the date,
///   after 年, 月 or 日 one of 底初末 ends it): "8.98万元" gives "8.98",
///   "8.98万" and "8.98万元", all at the number's position. The unit's
///   ideographs are still tokenized as ideographs.
/// Everything else (spaces, punctuation, symbols) separates tokens.
/// Positions start at `first_position`. Tokens come in text order; at one
/// position: bigram, unigram, then word or number and its longer forms.
std::vector<Token> tokenize(std::string_view utf8, int first_position = 0);

/// One token as a span of the folded text it comes from.
struct TokenSpan {
    std::uint32_t start = 0;   ///< index of its first code point in TokenSpans::text
    std::uint32_t length = 0;  ///< in code points
    int position = 0;
    TokenKind kind = TokenKind::Word;
};

/// A text's tokens without a string for each: the indexer sees ~10^7 tokens
/// at 10,000 projects and only needs each distinct one written out once.
/// Reusing one TokenSpans for many texts reuses its buffers.
struct TokenSpans {
    std::u32string text;  ///< the folded text
    std::vector<TokenSpan> spans;
    std::string classes;  ///< scratch: what each code point of `text` is to the tokenizer
    std::u32string chunk; ///< scratch for folding
};

/// Tokenizes like tokenize() below, replacing the contents of `out`.
void tokenize(std::string_view utf8, int first_position, TokenSpans& out);

/// Every ideograph whose Traditional form folds to a different Simplified
/// one (ICU "Traditional-Simplified", one code point to one), sorted by
/// code point. Built once per process.
const std::vector<std::pair<char32_t, char32_t>>& traditional_to_simplified();

/// UTF-32 to UTF-8.
std::string to_utf8(std::u32string_view text);

}  // namespace bulletin::search

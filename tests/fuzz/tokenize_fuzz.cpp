// libFuzzer target: the search tokenizer (folding, bigrams, spans) on any
// bytes, valid UTF-8 or not.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "search_tokenize.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace bulletin::search;
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    (void)fold(text);
    (void)tokenize(text, 0);
    TokenSpans spans;
    tokenize(text, 3, spans);
    return 0;
}

// Linked into the sanitizer build's programs (unit_tests, bulletin, the
// fuzzers): the sanitizers' options, so that every run of them — by CTest,
// by a test that starts the CLI, by hand — reports the same way, and
// LeakSanitizer reads the repository's suppression file (lsan.supp).
// fast_unwind_on_malloc=0: libcmark-gfm has no frame pointers, and only the
// slow unwinder sees the function that allocated, which the suppression names.
extern "C" const char* __asan_default_options() {
    return "detect_leaks=1:fast_unwind_on_malloc=0:strict_string_checks=1:check_initialization_order=1";
}

extern "C" const char* __lsan_default_options() {
    return "suppressions=" BULLETIN_LSAN_SUPPRESSIONS ":print_suppressions=0";
}

extern "C" const char* __ubsan_default_options() { return "print_stacktrace=1:halt_on_error=1"; }

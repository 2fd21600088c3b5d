# Atom feed, sitemap and open data of the shipped bulletin.
add_test(NAME feeds_and_data COMMAND python3 ${CMAKE_CURRENT_SOURCE_DIR}/feeds/check.py
         WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
set_tests_properties(feeds_and_data PROPERTIES ENVIRONMENT "BULLETIN_BINARY=$<TARGET_FILE:bulletin>")
# Atom and sitemap against their schemas (tests/schemas/: RFC 4287's RELAX NG
# with jing, the sitemaps.org XSD with xmllint), no network.
add_test(NAME feeds_schemas COMMAND python3 ${CMAKE_CURRENT_SOURCE_DIR}/feeds/schemas.py
         WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
set_tests_properties(feeds_schemas PROPERTIES SKIP_RETURN_CODE 77 ENVIRONMENT "BULLETIN_BINARY=$<TARGET_FILE:bulletin>")

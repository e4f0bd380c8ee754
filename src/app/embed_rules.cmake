# Writes a C++ file holding every assets/rules/*.json as a string literal (run by src/app/CMakeLists.txt).
# Usage: cmake -DDIR=<assets/rules> -DOUT=<file.cpp> -P embed_rules.cmake
file(GLOB _files "${DIR}/*.json")
list(SORT _files)
set(_body "")
foreach(_f IN LISTS _files)
  get_filename_component(_name "${_f}" NAME)
  file(READ "${_f}" _text)
  string(APPEND _body "        {\"${_name}\", R\"PASSERELLE_RULES(${_text})PASSERELLE_RULES\"},\n")
endforeach()
file(WRITE "${OUT}.tmp" "// Generated from assets/rules by src/app/embed_rules.cmake: do not edit.\n#include \"ui/embedded_rules.hpp\"\n\nnamespace passerelle::ui {\n\nstd::vector<RuleFile> embeddedRuleFiles() {\n    return {\n${_body}    };\n}\n\n} // namespace passerelle::ui\n")
file(COPY_FILE "${OUT}.tmp" "${OUT}" ONLY_IF_DIFFERENT)

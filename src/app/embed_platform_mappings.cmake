# Writes a C++ file holding every assets/platform/*.json (démarche prefill mappings) as a string literal.
# Usage: cmake -DDIR=<assets/platform> -DOUT=<file.cpp> -P embed_platform_mappings.cmake
file(GLOB _files "${DIR}/*.json")
list(SORT _files)
set(_body "")
foreach(_f IN LISTS _files)
  get_filename_component(_name "${_f}" NAME)
  file(READ "${_f}" _text)
  string(APPEND _body "        {\"${_name}\", R\"PASSERELLE_MAP(${_text})PASSERELLE_MAP\"},\n")
endforeach()
file(WRITE "${OUT}.tmp" "// Generated from assets/platform by src/app/embed_platform_mappings.cmake: do not edit.\n#include \"ui/dossier_service.hpp\"\n\nnamespace passerelle::ui {\n\nstd::vector<std::pair<std::string, std::string>> embeddedPlatformMappingFiles() {\n    return {\n${_body}    };\n}\n\n} // namespace passerelle::ui\n")
file(COPY_FILE "${OUT}.tmp" "${OUT}" ONLY_IF_DIFFERENT)

# Writes a C++ file holding every assets/dossiers/*.json as a string literal (run by src/app/CMakeLists.txt).
# Usage: cmake -DDIR=<assets/dossiers> -DOUT=<file.cpp> -P embed_dossier_defs.cmake
file(GLOB _files "${DIR}/*.json")
list(SORT _files)
set(_body "")
foreach(_f IN LISTS _files)
  get_filename_component(_name "${_f}" NAME)
  file(READ "${_f}" _text)
  string(APPEND _body "        {\"${_name}\", R\"PASSERELLE_DEFS(${_text})PASSERELLE_DEFS\"},\n")
endforeach()
file(WRITE "${OUT}.tmp" "// Generated from assets/dossiers by src/app/embed_dossier_defs.cmake: do not edit.\n#include \"ui/dossier_service.hpp\"\n\nnamespace passerelle::ui {\n\nstd::vector<std::pair<std::string, std::string>> embeddedDossierDefFiles() {\n    return {\n${_body}    };\n}\n\n} // namespace passerelle::ui\n")
file(COPY_FILE "${OUT}.tmp" "${OUT}" ONLY_IF_DIFFERENT)

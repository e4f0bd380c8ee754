// Shared by the store tests: a temporary directory removed when the test ends, file read/write, a sample dossier.
#pragma once

#include "core/dossier.hpp"

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <system_error>

namespace passerelle::test_support {

// A fresh directory path under the system temp dir (not created: the stores create their root); it and its
// "-att" sibling (attachment roots) are removed when the test ends, even when a REQUIRE stopped it.
class TempDir {
public:
    explicit TempDir(const std::string& name)
        : path((std::filesystem::temp_directory_path() / ("passerelle-" + name + "-" + dossiers::newDossierId().substr(0, 8)))
                   .string()) {
        removeAll();
    }
    ~TempDir() { removeAll(); }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    const std::string path;

private:
    void removeAll() const {
        std::error_code ec; // a test's clean-up never fails the test
        std::filesystem::remove_all(path, ec);
        std::filesystem::remove_all(path + "-att", ec);
    }
};

inline std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

inline void spit(const std::string& path, const std::string& text) {
    std::filesystem::create_directories(std::filesystem::path(path).parent_path());
    std::ofstream(path, std::ios::binary) << text;
}

// A stage-seconde dossier with one « eleve » section holding `nom`.
inline dossiers::Dossier sampleDossier(const std::string& id, const std::string& nom = "DUPONT") {
    dossiers::Dossier d;
    d.id = id;
    d.scheme = "stage-seconde";
    d.createdOn = "2026-05-04";
    d.situation = {{"format", "passerelle.situation/1"}, {"person", {{"birth_date", "2010-03-02"}}}};
    d.sections.push_back({"eleve", "lycee", 1, {{"nom", nom}}, {}, nullptr, Json::object()});
    d.history.push_back({"2026-05-04T10:00:00Z", "cree", "lycee", "test"});
    d.updatedAt = "2026-05-04T10:00:00Z";
    return d;
}

} // namespace passerelle::test_support

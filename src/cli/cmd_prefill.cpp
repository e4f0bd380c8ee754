// `passerelle prefill`: the platform prefill link for a dossier (sensitive fields never in it).
#include "cli/commands.hpp"
#include "cli/dossier_cli_support.hpp"

#include "core/platform_prefill.hpp"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace passerelle::cli {
namespace {

using dossier_support::fail;

bool readText(const std::filesystem::path& path, std::string& out) {
    return dossier_support::readFile(path.string(), out);
}

int runPrefill(const std::vector<std::string>& args) {
    std::string dossierPath, mappingPath;
    for (std::size_t i = 0; i < args.size(); ++i) {
        if (args[i] == "--mapping" && i + 1 < args.size())
            mappingPath = args[++i];
        else if (!args[i].empty() && args[i][0] != '-' && dossierPath.empty())
            dossierPath = args[i];
        else
            return fail(2, "utilisation : passerelle prefill DOSSIER.json [--mapping CORRESPONDANCE.json]");
    }
    if (dossierPath.empty())
        return fail(2, "utilisation : passerelle prefill DOSSIER.json [--mapping CORRESPONDANCE.json]");
    std::string text;
    if (!readText(dossierPath, text))
        return fail(2, "dossier illisible : " + dossierPath);
    JsonError jerr;
    const auto dossier = parseStrict(text, &jerr);
    if (!dossier || !dossier->is_object() || !dossier->value("scheme", Json()).is_string())
        return fail(2, "dossier illisible (" + dossierPath + ") : " + (dossier ? "« scheme » manque" : jerr.message));
    const std::string scheme = (*dossier)["scheme"].get<std::string>();
    const std::filesystem::path assets = std::filesystem::path(PASSERELLE_DEFAULT_RULES_DIR).parent_path();
    if (mappingPath.empty()) {
        std::string file = scheme;
        for (char& c : file)
            if (c == '/')
                c = '_';
        mappingPath = (assets / "platform" / (file + ".json")).string();
    }
    if (!readText(mappingPath, text))
        return fail(2, "pas de correspondance plateforme pour « " + scheme + " » (" + mappingPath + ")");
    std::string why;
    const auto mapping = parsePrefillMapping(text, &why);
    if (!mapping)
        return fail(2, why);
    // Sensitive marks from the dossier definitions, whichever file defines the scheme.
    std::set<std::pair<std::string, std::string>> sensitive;
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(assets / "dossiers", ec)) {
        if (entry.path().extension() != ".json" || !readText(entry.path(), text))
            continue;
        if (const auto defs = parseStrict(text))
            for (const auto& p : sensitiveFieldsOf(*defs, scheme))
                sensitive.insert(p);
    }
    const auto link = buildPrefillLink(*mapping, *dossier, sensitive, &why);
    if (!link)
        return fail(1, why);
    std::printf("%s\n", link->url.c_str());
    for (const auto& [name, reason] : link->left)
        std::fprintf(stderr, "non prérempli : %s — %s\n", name.c_str(), reason.c_str());
    return 0;
}

} // namespace

PASSERELLE_COMMAND("prefill", "prefill DOSSIER.json [--mapping CORRESPONDANCE.json]   (lien de préremplissage, ≤ 2000 caractères)",
                   &runPrefill);

} // namespace passerelle::cli

// `passerelle rules lint [DIR]` (validate the packs) and `passerelle rules doc DIR OUT` (write docs/schemes).
#include "cli/commands.hpp"
#include "cli/dossier_cli_support.hpp"
#include "core/rules.hpp"
#include "core/scheme_doc.hpp"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>

namespace {

using namespace passerelle;

std::optional<RuleSet> load(const std::string& dir) {
    std::vector<RuleError> errors;
    auto set = RuleSet::fromDirectory(dir, &errors);
    for (const auto& e : errors)
        std::fprintf(stderr, "%s\n", e.text().c_str());
    if (!set)
        std::fprintf(stderr, "passerelle rules : %zu erreur(s) dans %s\n", errors.size(), dir.c_str());
    return set;
}

int lint(const std::vector<std::string>& args) {
    if (args.size() > 2)
        return std::fprintf(stderr, "passerelle rules lint : un seul dossier\n"), 2;
    const std::string dir = args.size() == 2 ? args[1] : cli::dossier_support::rulesDir();
    const auto set = load(dir);
    if (!set)
        return 1;
    std::printf("%s : %zu paquet(s), %zu dispositif(s), aucune erreur (%s)\n", dir.c_str(), set->packs().size(),
                set->schemes().size(), set->label().c_str());
    return 0;
}

int doc(const std::vector<std::string>& args) {
    if (args.size() != 3)
        return std::fprintf(stderr, "passerelle rules doc : attendu DOSSIER_RÈGLES DOSSIER_SORTIE\n"), 2;
    const auto set = load(args[1]);
    if (!set)
        return 1;
    namespace fs = std::filesystem;
    std::error_code ec;
    fs::create_directories(args[2], ec);
    if (ec)
        return std::fprintf(stderr, "passerelle rules doc : %s : création impossible (%s)\n", args[2].c_str(), ec.message().c_str()), 1;
    const auto pages = schemeDocs(*set);
    for (const auto& page : pages) {
        const fs::path path = fs::path(args[2]) / page.name;
        std::ofstream out(path, std::ios::binary);
        out << page.text;
        if (!out)
            return std::fprintf(stderr, "passerelle rules doc : %s : écriture impossible\n", path.string().c_str()), 1;
    }
    std::printf("%zu page(s) écrite(s) dans %s\n", pages.size(), args[2].c_str());
    return 0;
}

int runRules(const std::vector<std::string>& args) {
    if (!args.empty() && args[0] == "lint")
        return lint(args);
    if (!args.empty() && args[0] == "doc")
        return doc(args);
    std::fprintf(stderr, "passerelle rules : sous-commande attendue : lint [DOSSIER] ou doc DOSSIER SORTIE\n");
    return 2;
}

} // namespace

PASSERELLE_COMMAND("rules", "rules lint [DOSSIER]      (vérifie les paquets de règles)\nrules doc DOSSIER SORTIE   (écrit une page Markdown par dispositif)", &runRules);

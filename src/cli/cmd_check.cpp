// `passerelle check`: one situation in, passerelle.verdicts/1 out, exactly as situation-v1.md says.
#include "cli/commands.hpp"
#include "cli/dossier_cli_support.hpp"
#include "core/rules.hpp"

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>

namespace {

using namespace passerelle;

int usageError(const std::string& message) {
    std::fprintf(stderr, "passerelle check : %s\n", message.c_str());
    return 2;
}

int runCheck(const std::vector<std::string>& args) {
    std::optional<CivilDate> on;
    std::string rules;
    std::string input;
    bool haveInput = false;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (a == "--on" || a == "--rules") {
            if (i + 1 >= args.size())
                return usageError(a + " : valeur manquante");
            const std::string& value = args[++i];
            if (a == "--rules") {
                rules = value;
                continue;
            }
            on = parseIsoDate(value);
            if (!on)
                return usageError("--on : date impossible ou mal écrite « " + value + " » (attendu : AAAA-MM-JJ)");
        } else if (a.size() > 1 && a[0] == '-' && a != "-") {
            return usageError("option inconnue « " + a + " »");
        } else if (haveInput) {
            return usageError("une seule situation à la fois (« " + a + " » en trop)");
        } else {
            input = a;
            haveInput = true;
        }
    }
    if (!haveInput)
        return usageError("situation manquante (un fichier JSON, ou - pour l'entrée standard)");

    std::string text;
    if (input == "-") {
        std::ostringstream buffer;
        buffer << std::cin.rdbuf();
        text = buffer.str();
    } else {
        std::ifstream file(input, std::ios::binary);
        if (!file)
            return usageError(input + " : fichier introuvable ou illisible");
        std::ostringstream buffer;
        buffer << file.rdbuf();
        text = buffer.str();
    }

    SituationError error;
    std::vector<std::string> warnings;
    const auto situation = parseSituation(text, on, &error, &warnings);
    if (!situation) {
        // Bad input: exactly one line, the error (warnings would only bury it).
        std::fprintf(stderr, "%s\n", error.message.c_str());
        return 2;
    }
    for (const auto& w : warnings)
        std::fprintf(stderr, "avertissement : %s\n", w.c_str());

    std::vector<RuleError> ruleErrors;
    const auto set = RuleSet::fromDirectory((rules.empty() ? cli::dossier_support::rulesDir() : rules), &ruleErrors);
    if (!set) {
        for (const auto& e : ruleErrors)
            std::fprintf(stderr, "%s\n", e.text().c_str());
        return 1;
    }
    const std::string out = verdictsToJson(evaluate(*set, *situation)).dump(2) + "\n";
    std::fwrite(out.data(), 1, out.size(), stdout);
    return 0;
}

} // namespace

PASSERELLE_COMMAND("check", "check [--on AAAA-MM-JJ] [--rules DOSSIER] SITUATION.json   (ou - pour l'entrée standard)", &runCheck);

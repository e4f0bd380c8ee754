// Shared helpers of the CLI subcommands (dossier, classlist, bundle…): file reading, option parsing, where the data lives.
#pragma once

#include "core/dossier_def.hpp"
#include "core/rules.hpp"

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <iterator>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

namespace passerelle::cli::dossier_support {

inline bool readFile(const std::string& path, std::string& out) {
    if (path == "-") {
        out.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
        return true;
    }
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return false;
    std::ostringstream ss;
    ss << in.rdbuf();
    out = ss.str();
    return static_cast<bool>(in) || in.eof();
}

inline int fail(int code, const std::string& message) {
    std::fprintf(stderr, "passerelle : %s\n", message.c_str());
    return code;
}

// "--opt VALUE" (repeatable) and "--flag"; the rest is positional. Unknown "--x" is an error.
struct Options {
    std::vector<std::string> positional;
    std::vector<std::pair<std::string, std::string>> values;
    std::vector<std::string> flags;
    std::string problem;

    Options(const std::vector<std::string>& args, std::initializer_list<const char*> withValue,
            std::initializer_list<const char*> flagNames) {
        for (std::size_t i = 0; i < args.size(); ++i) {
            const std::string& a = args[i];
            // "-" is stdin; anything else starting with '-' must be a known option.
            if (a.size() < 2 || a[0] != '-' || a == "-") {
                positional.push_back(a);
                continue;
            }
            bool known = false;
            for (const char* o : withValue)
                if (a == o) {
                    known = true;
                    if (i + 1 >= args.size()) {
                        problem = "l'option " + a + " attend une valeur";
                        return;
                    }
                    values.emplace_back(a, args[++i]);
                }
            for (const char* f : flagNames)
                if (a == f) {
                    known = true;
                    flags.push_back(a);
                }
            if (!known) {
                problem = "option inconnue « " + a + " »";
                return;
            }
        }
    }
    [[nodiscard]] std::optional<std::string> value(const std::string& name) const {
        std::optional<std::string> v;
        for (const auto& [k, x] : values)
            if (k == name)
                v = x;
        return v;
    }
    [[nodiscard]] std::vector<std::string> all(const std::string& name) const {
        std::vector<std::string> v;
        for (const auto& [k, x] : values)
            if (k == name)
                v.push_back(x);
        return v;
    }
    [[nodiscard]] bool flag(const std::string& name) const {
        for (const auto& f : flags)
            if (f == name)
                return true;
        return false;
    }
};

inline std::string rulesDir() {
    if (const char* env = std::getenv("PASSERELLE_RULES"); env && *env)
        return env;
#ifdef PASSERELLE_DEFAULT_RULES_DIR
    return PASSERELLE_DEFAULT_RULES_DIR;
#else
    return "assets/rules";
#endif
}

// The dossier definitions sit beside the rule packs: assets/dossiers next to assets/rules.
inline std::string dossiersDir() {
    if (const char* env = std::getenv("PASSERELLE_DOSSIERS"); env && *env)
        return env;
    std::string rules = rulesDir();
    while (!rules.empty() && rules.back() == '/')
        rules.pop_back();
    const auto slash = rules.rfind('/');
    return (slash == std::string::npos ? std::string(".") : rules.substr(0, slash)) + "/dossiers";
}

inline std::optional<RuleSet> loadRules(std::string* error) {
    std::vector<RuleError> errors;
    auto rules = RuleSet::fromDirectory(rulesDir(), &errors);
    if (!rules && error)
        *error = errors.empty() ? "règles illisibles dans " + rulesDir() : errors.front().text();
    return rules;
}

inline std::optional<dossiers::DossierDefs> loadDefs(std::string* error) {
    std::vector<std::string> errors;
    auto defs = dossiers::DossierDefs::fromDirectory(dossiersDir(), &errors);
    if (!defs && error)
        *error = errors.empty() ? "définitions de dossiers illisibles dans " + dossiersDir() : errors.front();
    return defs;
}

inline std::optional<CivilDate> dateOption(const Options& o, std::string* error) {
    auto v = o.value("--on");
    if (!v)
        return std::nullopt;
    auto d = parseIsoDate(*v);
    if (!d && error)
        *error = "--on : date « " + *v + " » invalide (AAAA-MM-JJ attendu)";
    return d;
}

} // namespace passerelle::cli::dossier_support

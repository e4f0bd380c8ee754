// The table of `passerelle` subcommands; each cmd_<name>.cpp registers itself with PASSERELLE_COMMAND.
#pragma once

#include <string>
#include <vector>

namespace passerelle::cli {

// A subcommand receives the arguments after its own name and returns the process exit code.
using Command = int (*)(const std::vector<std::string>& args);

struct CommandEntry {
    std::string name;     // "check", "rules", "dossier", …
    std::string synopsis; // one usage line per form, '\n'-separated, shown by `passerelle --help`
    Command run;
};

// Called from static initialisers (the CLI sources are linked into the executable, not a library).
bool registerCommand(CommandEntry entry);

[[nodiscard]] std::string usage();
int run(const std::vector<std::string>& args);

} // namespace passerelle::cli

#define PASSERELLE_CONCAT2(a, b) a##b
#define PASSERELLE_CONCAT(a, b) PASSERELLE_CONCAT2(a, b)
#define PASSERELLE_COMMAND(name, synopsis, fn)                                                     \
    static const bool PASSERELLE_CONCAT(s_registered_, __LINE__) =                                 \
        ::passerelle::cli::registerCommand({name, synopsis, fn})

// The registry of subcommands and the dispatch from argv.
#include "cli/commands.hpp"

#include <algorithm>
#include <cstdio>

namespace passerelle::cli {
namespace {
std::vector<CommandEntry>& registry() {
    static std::vector<CommandEntry> entries;
    return entries;
}
} // namespace

bool registerCommand(CommandEntry entry) {
    registry().push_back(std::move(entry));
    return true;
}

std::string usage() {
    auto entries = registry();
    std::sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
    std::string out = "Utilisation :\n";
    for (const auto& e : entries) {
        std::size_t start = 0;
        while (start <= e.synopsis.size()) {
            const auto end = std::min(e.synopsis.find('\n', start), e.synopsis.size());
            out += "  passerelle " + e.synopsis.substr(start, end - start) + "\n";
            start = end + 1;
        }
    }
    return out;
}

int run(const std::vector<std::string>& args) {
    for (const auto& e : registry())
        if (e.name == args[0])
            return e.run(std::vector<std::string>(args.begin() + 1, args.end()));
    std::fprintf(stderr, "passerelle : commande inconnue « %s »\n%s", args[0].c_str(), usage().c_str());
    return 2;
}

} // namespace passerelle::cli

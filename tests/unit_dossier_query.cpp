// Workspace table rows: summaries carry class and hand holder (through the lazy index too), filters, accent-blind search, sorts.
#include "core/dossier_query.hpp"

#include <doctest/doctest.h>

#include <filesystem>

using namespace passerelle;
using namespace passerelle::dossiers;
namespace fs = std::filesystem;

namespace {
DossierSummary row(std::string id, std::string scheme, std::string state, std::string title, std::string updated,
                   std::string cls = "", std::string holder = "") {
    return {std::move(id), std::move(scheme), std::move(state), std::move(title), std::move(updated), std::move(cls), std::move(holder)};
}
SummaryIndex sample() {
    return SummaryIndex({
        row("a1", "stage-seconde", "complet", "DUPONT Léa — Stage", "2026-05-04T10:00:00Z", "3e B"),
        row("b2", "paca-2026/securisation-entree-15-ans", "brouillon", "LEFÈVRE Jérôme — Sécurisation", "2026-05-06T10:00:00Z", "3e A"),
        row("c3", "stage-seconde", "brouillon", "MARTIN Zoé — Stage", "2026-05-05T10:00:00Z", "3e B", "cfa"),
        row("d4", "apprentissage/contrat", "depose", "Éloïse N'DIAYE — Contrat", "2026-05-01T10:00:00Z"),
    });
}
std::vector<std::string> ids(const SummaryIndex& ix, const std::vector<std::uint32_t>& pos) {
    std::vector<std::string> out;
    for (auto p : pos) out.push_back(ix.rows()[p].id);
    return out;
}
} // namespace

TEST_SUITE("dossier_query") {
TEST_CASE("default order: last modified first; filters combine") {
    const auto ix = sample();
    CHECK(ids(ix, ix.run({})) == std::vector<std::string>{"b2", "c3", "a1", "d4"});
    DossierQuery q;
    q.scheme = "stage-seconde";
    CHECK(ids(ix, ix.run(q)) == std::vector<std::string>{"c3", "a1"});
    q.state = "complet";
    CHECK(ids(ix, ix.run(q)) == std::vector<std::string>{"a1"});
    q = {};
    q.className = "3e B";
    CHECK(ids(ix, ix.run(q)) == std::vector<std::string>{"c3", "a1"});
    q.className = std::string(kNoClass);
    CHECK(ids(ix, ix.run(q)) == std::vector<std::string>{"d4"});
    q.className = "3e Z";
    CHECK(ix.run(q).empty());
}

TEST_CASE("search ignores accents, case and word order") {
    const auto ix = sample();
    DossierQuery q;
    q.search = "lefevre";
    CHECK(ids(ix, ix.run(q)) == std::vector<std::string>{"b2"});
    q.search = "  LÉA   dupont ";
    CHECK(ids(ix, ix.run(q)) == std::vector<std::string>{"a1"});
    q.search = "eloise";
    CHECK(ids(ix, ix.run(q)) == std::vector<std::string>{"d4"});
    q.search = "zoé durand";
    CHECK(ix.run(q).empty());
}

TEST_CASE("sorts by each column, both directions, ties by id") {
    const auto ix = sample();
    DossierQuery q;
    q.sortBy = SummaryColumn::Title;
    q.descending = false;
    CHECK(ids(ix, ix.run(q)) == std::vector<std::string>{"a1", "d4", "b2", "c3"}); // « Éloïse » sorts as « eloise »
    q.sortBy = SummaryColumn::State; // lifecycle order, not alphabetical
    CHECK(ids(ix, ix.run(q)) == std::vector<std::string>{"b2", "c3", "a1", "d4"});
    q.descending = true;
    CHECK(ids(ix, ix.run(q)) == std::vector<std::string>{"d4", "a1", "b2", "c3"});
    q.sortBy = SummaryColumn::Class;
    q.descending = false;
    CHECK(ids(ix, ix.run(q)) == std::vector<std::string>{"d4", "b2", "a1", "c3"});
    q.sortBy = SummaryColumn::Holder;
    q.descending = true;
    CHECK(ids(ix, ix.run(q)).front() == "c3");
}

TEST_CASE("combo values: distinct, states in lifecycle order, classes sorted") {
    const auto ix = sample();
    CHECK(ix.schemes().size() == 3);
    CHECK(ix.states() == std::vector<std::string>{"brouillon", "complet", "depose"});
    CHECK(ix.classes() == std::vector<std::string>{"3e A", "3e B"});
    CHECK(ix.hasRowsWithoutClass());
    CHECK(SummaryIndex{}.run({}).empty());
}

TEST_CASE("modification times shown in Paris time, summer time by the EU rule") {
    CHECK(parisDateTime("2026-05-04T10:00:00Z") == "04/05/2026 12:00");
    CHECK(parisDateTime("2026-01-15T23:30:00Z") == "16/01/2026 00:30");
    CHECK(parisDateTime("2026-03-29T00:59:59Z") == "29/03/2026 01:59"); // last Sunday of March, before 01:00 UTC
    CHECK(parisDateTime("2026-03-29T01:00:00Z") == "29/03/2026 03:00");
    CHECK(parisDateTime("2026-10-25T00:59:00Z") == "25/10/2026 02:59");
    CHECK(parisDateTime("2026-10-25T01:00:00Z") == "25/10/2026 02:00");
    CHECK(parisDateTime("2026-05-04T10:00:00.123Z") == "04/05/2026 12:00");
    CHECK(parisDateTime("hier") == "hier");
    CHECK(parisDateTime("2026-02-30T10:00:00Z") == "2026-02-30T10:00:00Z");
    CHECK(parisDateTime("") == "");
}

TEST_CASE("count label in French") {
    CHECK(countLabel(37, 412) == "37 dossiers sur 412");
    CHECK(countLabel(1, 1) == "1 dossier sur 1");
    CHECK(countLabel(0, 412) == "Aucun dossier sur 412");
}

TEST_CASE("summaries carry class and hand holder, also from a lazy store's index; generation moves") {
    const fs::path root = fs::temp_directory_path() / ("passerelle-query-" + newDossierId().substr(0, 8));
    fs::remove_all(root);
    Dossier d;
    d.id = "0123456789abcdef0123456789abcdef";
    d.scheme = "stage-seconde";
    d.createdOn = "2026-05-04";
    d.situation = {{"format", "passerelle.situation/1"}, {"person", {{"birth_date", "2010-03-02"}}}};
    d.sections.push_back({"eleve", "lycee", 1, {{"nom", "DUPONT"}}, {}, nullptr, Json::object()});
    d.history.push_back({"2026-05-04T10:00:00Z", "cree", "lycee", "test"});
    d.history.push_back({"2026-05-05T10:00:00Z", "handoff_exporte", "lycee", "sections confiées à le CFA : cfa"});
    d.className = "2nde 4";
    d.title = "DUPONT Léa — Stage";
    d.updatedAt = "2026-05-05T10:00:00Z";
    {
        DirectoryStore s({root.string()});
        (void)s.load();
        const auto g0 = s.generation();
        REQUIRE(s.save(d));
        CHECK(s.generation() != g0);
        REQUIRE(s.checkpoint());
    }
    DirectoryStoreOptions o{root.string()};
    o.lazy = true;
    DirectoryStore lazy(o);
    (void)lazy.load();
    CHECK(lazy.openShardCount() == 0); // answered from index.json
    const auto sums = lazy.summaries();
    REQUIRE(sums.size() == 1);
    CHECK(sums[0].className == "2nde 4");
    CHECK(sums[0].holder == "cfa");
    const auto g1 = lazy.generation();
    const Dossier* back = lazy.find(d.id); // opens the pack
    REQUIRE(back);
    CHECK(back->className == "2nde 4");
    CHECK(lazy.generation() != g1);
    Dossier merged = *back;
    merged.history.push_back({"2026-05-06T10:00:00Z", "fusionne", "lycee", "retour du CFA"});
    CHECK(summaryOf(merged).holder.empty());
    Dossier received = *back;
    received.handoff = {{"from", "lycee"}, {"to", "entreprise"}};
    CHECK(summaryOf(received).holder == "entreprise");
    fs::remove_all(root);
}
}

// Class lists: encodings (UTF-8, BOM, Windows-1252), CSV dialects, header mapping, class names → grades, bad rows with reasons.
#include "core/class_list.hpp"

#include <doctest/doctest.h>

#include <fstream>

using namespace passerelle;
using namespace passerelle::dossiers;

namespace {
std::string caseFile(const std::string& name) {
    std::ifstream in(std::string(PASSERELLE_SOURCE_DIR) + "/tests/cases/classlists/" + name, std::ios::binary);
    REQUIRE_MESSAGE(in, name);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}
ClassListOptions options() {
    ClassListOptions o;
    o.on = Ymd{2026, 5, 4};
    o.requester = "college";
    o.profile = {"0130040Y", "Collège Thiers", "13", "public"};
    return o;
}
std::string grade(const std::string& className) {
    std::string why;
    return GradeTable{}.gradeOf(className, &why).value_or("? " + why);
}
} // namespace

TEST_SUITE("class_list") {
TEST_CASE("encodings: UTF-8 with and without BOM, Windows-1252 converted, UTF-16 refused") {
    CHECK(decodeText("Prénom").encoding == TextEncoding::Utf8);
    const DecodedText bom = decodeText("\xEF\xBB\xBFNom");
    CHECK(bom.bom);
    CHECK(bom.utf8 == "Nom");
    const DecodedText w = decodeText("Pr\xE9nom \x9C\x80");
    CHECK(w.encoding == TextEncoding::Windows1252);
    CHECK(w.utf8 == "Prénom œ€");
    CHECK_FALSE(isValidUtf8("\xC3"));
    CHECK_FALSE(isValidUtf8("\xED\xA0\x80")); // a surrogate
    CHECK_FALSE(isValidUtf8("\xC0\xAF"));     // overlong
    CHECK(isValidUtf8("ok é 😀"));
    CHECK(decodeText(caseFile("utf16.csv")).error.find("UTF-16") != std::string::npos);
}

TEST_CASE("CSV dialects: delimiter guessed, quotes doubled, line breaks inside quotes, blank lines dropped") {
    CsvTable t = parseCsv("a;b;c\n1;\"x;y\";3\n\n;;\n");
    CHECK(t.delimiter == ';');
    REQUIRE(t.records.size() == 2);
    CHECK(t.records[1].cells[1] == "x;y");
    t = parseCsv("a,b\r\n\"il a dit \"\"oui\"\"\",\"deux\nlignes\"\r\nz,w\r\n");
    CHECK(t.delimiter == ',');
    REQUIRE(t.records.size() == 3);
    CHECK(t.records[1].cells[0] == "il a dit \"oui\"");
    CHECK(t.records[1].cells[1] == "deux\nlignes");
    CHECK(t.records[2].line == 4); // the record after a two-line cell starts on line 4
    CHECK(parseCsv("a\tb\tc\n1\t2\t3\n").delimiter == '\t');
    CHECK(parseCsv("a;b\n\"ouvert;x\n").error.find("ligne 2") != std::string::npos);
}

TEST_CASE("class names as schools write them map to grades; corrections win") {
    CHECK(grade("3E2") == "3e");
    CHECK(grade("3EME A") == "3e");
    CHECK(grade("3°1") == "3e");
    CHECK(grade("4EME B") == "4e");
    CHECK(grade("2NDE4") == "2nde_gt");
    CHECK(grade("2GT1") == "2nde_gt");
    CHECK(grade("Seconde 3") == "2nde_gt");
    CHECK(grade("2NDE PRO MRC") == "2nde_pro");
    CHECK(grade("1PRO MS") == "1re_pro");
    CHECK(grade("1ERE STMG") == "1re_gt");
    CHECK(grade("TLE PRO") == "tle_pro");
    CHECK(grade("TG2") == "tle_gt");
    CHECK(grade("CAP1") == "cap_1");
    CHECK(grade("2CAP EPC") == "cap_2");
    CHECK(grade("BTS MOS 1") == "bts_1");
    CHECK(grade("BTS MOS 2") == "bts_2");
    CHECK(grade("5E3").find("avant la 4e") != std::string::npos);
    CHECK(grade("BTS MOS").find("sans année") != std::string::npos);
    CHECK(grade("ULIS").find("non reconnue") != std::string::npos);
    GradeTable t;
    t.correct("ULIS", "3e");
    t.correct("3E2", "4e"); // a school whose "3E2" is something else
    std::string why;
    CHECK(t.gradeOf("ulis", &why) == "3e");
    CHECK(t.gradeOf("3E2", &why) == "4e");
    CHECK(GradeTable::fromJson(t.toJson()).corrections == t.corrections); // remembered as JSON
    CHECK(GradeTable::fromJson({{"x", "7e"}}).corrections.empty());     // an unknown grade is not kept
}

TEST_CASE("a SIECLE-style export: semicolons, Windows-1252, CRLF, French headers") {
    ClassList l = readClassList(caseFile("siecle_pointvirgule_windows1252.csv"), options());
    REQUIRE_MESSAGE(l.fatal.empty(), l.fatal);
    CHECK(l.encoding == TextEncoding::Windows1252);
    CHECK(l.delimiter == ';');
    CHECK(l.mapping.columns["birth_date"] == "Né(e) le");
    CHECK(l.mapping.columns["person.wants_apprenticeship"] == "Apprentissage");
    REQUIRE(l.rows.size() == 4);
    CHECK(l.rows[0].line == 2);
    CHECK(l.rows[0].name == "DUPONT Léa");
    const Json& p = l.rows[0].situation["person"];
    CHECK(p["birth_date"] == "2011-10-01");
    CHECK(p["grade"] == "3e");
    CHECK(p["departement"] == "13");
    CHECK(p["school_sector"] == "public");
    CHECK(p["wants_apprenticeship"] == true);
    CHECK(l.rows[0].situation["requester"] == "college");
    CHECK(l.rows[0].situation["on"] == "2026-05-04");
    CHECK(l.rows[1].situation["person"]["wants_apprenticeship"] == false);
    CHECK_FALSE(l.rows[2].situation["person"].contains("wants_apprenticeship")); // empty cell = unknown
    CHECK(l.rows[3].name == "ŒUVRE François");
    CHECK(l.rows[3].situation["person"]["grade"] == "tle_pro");
    CHECK(l.rows[3].situation["person"]["birth_date"] == "2008-02-29");
}

TEST_CASE("a spreadsheet export: commas, BOM, quoted fields, a cell on two lines") {
    ClassList l = readClassList(caseFile("tableur_virgule_utf8_bom.csv"), options());
    REQUIRE_MESSAGE(l.fatal.empty(), l.fatal);
    CHECK(l.delimiter == ',');
    CHECK(l.unusedHeaders == std::vector<std::string>{"Commentaire"});
    REQUIRE(l.rows.size() == 4);
    CHECK(l.rows[0].name == "MARTIN Inès");
    CHECK(l.rows[1].situation["person"]["grade"] == "1re_pro");
    CHECK(l.rows[2].line == 5); // after BERNARD's two-line comment
    CHECK(l.rows[2].situation["person"]["grade"] == "bts_1");
    CHECK(l.rows[3].situation["person"]["grade"] == "cap_1");
}

TEST_CASE("bad rows are listed with their line and a French reason; good rows go through") {
    ClassList l = readClassList(caseFile("lignes_en_erreur.csv"), options());
    REQUIRE_MESSAGE(l.fatal.empty(), l.fatal);
    REQUIRE(l.rows.size() == 9);
    auto row = [&](std::size_t line) -> const PupilRow& {
        for (const auto& r : l.rows)
            if (r.line == line)
                return r;
        FAIL("no row at line " << line);
        return l.rows.front();
    };
    CHECK(row(2).error.empty());
    CHECK(row(3).error == "nom manquant");
    CHECK(row(4).error == "date de naissance manquante");
    CHECK(row(5).error.find("« 31/02/2011 » invalide") != std::string::npos);
    CHECK(row(6).error.find("avant la 4e") != std::string::npos);
    CHECK(row(7).error.find("« ULIS » non reconnue") != std::string::npos);
    CHECK(row(8).error.find("5 colonnes au lieu de 4") != std::string::npos);
    CHECK(row(9).error.find("postérieure") != std::string::npos);
    CHECK(row(11).error.empty()); // line 10 is blank (;;;) and dropped
    CHECK(row(11).situation["person"]["grade"] == "4e");
    CHECK(row(11).situation["person"]["birth_date"] == "2011-10-01");
}

TEST_CASE("mapping: guessed, given (remembered), or the file is refused with what is missing") {
    ClassList l = readClassList(caseFile("sans_colonne_classe.csv"), options());
    CHECK(l.fatal.find("Classe") != std::string::npos);
    CHECK(l.rows.empty());
    ClassListOptions o = options();
    ColumnMapping m;
    m.columns = {{"last_name", "Élève"}, {"birth_date", "Naiss."}, {"class", "Div."}};
    o.mapping = ColumnMapping::fromJson(m.toJson());
    l = readClassList("Élève;Naiss.;Div.\nDUPONT Léa;01/10/2011;3E2\n", o);
    REQUIRE_MESSAGE(l.fatal.empty(), l.fatal);
    CHECK(l.rows[0].name == "DUPONT LÉA");
    CHECK(l.rows[0].situation["person"]["grade"] == "3e");
    o.mapping->columns["class"] = "Classe";
    CHECK(readClassList("Élève;Naiss.;Div.\n", o).fatal.find("« Classe » introuvable") != std::string::npos);
    // Headers with a hint after the name are still recognised; short aliases only match exactly.
    const ColumnMapping g = guessMapping({"NOM", "Prénom usuel", "Date de naissance (JJ/MM/AAAA)", "Classe 2026-2027", "Nom de l'établissement"});
    CHECK(g.columns.at("last_name") == "NOM");
    CHECK(g.columns.at("first_name") == "Prénom usuel");
    CHECK(g.columns.at("birth_date") == "Date de naissance (JJ/MM/AAAA)");
    CHECK(g.columns.at("class") == "Classe 2026-2027");
    CHECK(g.columns.size() == 4);
    CHECK(readClassList(caseFile("guillemet_non_ferme.csv"), options()).fatal.find("guillemet") != std::string::npos);
    CHECK(readClassList("", options()).fatal == "fichier vide");
}

TEST_CASE("establishment profile: codes, sector spelled as people write it, UAI checked") {
    std::string err;
    auto p = profileFromJson({{"uai", "0130040y"}, {"departement", "6"}, {"secteur", "Privé sous contrat"}}, &err);
    REQUIRE_MESSAGE(p, err);
    CHECK(p->uai == "0130040Y");
    CHECK(p->departement == "06");
    CHECK(p->sector == "prive_sous_contrat");
    CHECK_FALSE(profileFromJson({{"departement", "20"}}, &err));
    CHECK(err.find("20") != std::string::npos);
    CHECK(profileFromJson({{"departement", "2a"}}, &err)->departement == "2A");
    CHECK_FALSE(profileFromJson({{"uai", "0130040Z"}}, &err));
    CHECK_FALSE(profileFromJson({{"secteur", "associatif"}}, &err));
    CHECK(upperName("Lefèvre-Œuvre") == "LEFÈVRE-ŒUVRE");
}
}

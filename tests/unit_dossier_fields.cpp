// Field validation of dossiers: every type with valid values, wrong ones and their French messages (real UAI/SIRET).
#include "core/dossier_fields.hpp"

#include <doctest/doctest.h>

using namespace passerelle;
using namespace passerelle::dossiers;

namespace {
FieldSpec spec(FieldType t) {
    FieldSpec s;
    s.type = t;
    return s;
}
std::string err(FieldType t, const std::string& input) { return parseFieldInput(spec(t), input).error; }
Json val(FieldType t, const std::string& input) {
    auto r = parseFieldInput(spec(t), input);
    REQUIRE_MESSAGE(r.ok(), r.error);
    return *r.value;
}
} // namespace

TEST_SUITE("dossier_fields") {
TEST_CASE("UAI: real establishments pass, a wrong check letter is named") {
    CHECK(uaiError("0130040Y").empty()); // lycée Thiers, Marseille
    CHECK(uaiError("0750655E").empty()); // lycée Henri-IV, Paris
    CHECK(uaiCheckLetter("0131234") == 'W');
    const std::string e = uaiError("0130040Z");
    CHECK(e.find("Y attendue") != std::string::npos);
    CHECK(uaiError("013004Y").find("8 caractères") != std::string::npos);
    CHECK(uaiError("A130040Y").find("7 chiffres") != std::string::npos);
    // Typed in lower case with spaces: normalised, then checked.
    CHECK(val(FieldType::Uai, " 0130040y ") == "0130040Y");
    CHECK_FALSE(err(FieldType::Uai, "0130040I").empty()); // I is not in the alphabet
}

TEST_CASE("SIRET: Luhn, real numbers, La Poste's exception") {
    CHECK(siretError("73282932000074").empty()); // INSEE's own example
    CHECK(siretError("44306184100047").empty());
    CHECK(siretError("54205118000066").empty());
    CHECK(siretError("44306184100048").find("Luhn") != std::string::npos);
    CHECK(siretError("44306184200047").find("SIREN") != std::string::npos);
    CHECK(siretError("4430618410004").find("14 chiffres") != std::string::npos);
    // La Poste: the head office is Luhn-valid, the others have a digit sum that is a multiple of 5.
    CHECK(siretError("35600000000048").empty());
    CHECK(siretError("35600000049837").empty());
    CHECK_FALSE(luhnValid("35600000049837"));
    CHECK(siretError("35600000049838").find("La Poste") != std::string::npos);
    CHECK(val(FieldType::Siret, "443 061 841 00047") == "44306184100047");
}

TEST_CASE("dates: JJ/MM/AAAA typed, ISO stored, impossible dates refused") {
    CHECK(val(FieldType::Date, "01/10/2011") == "2011-10-01");
    CHECK(val(FieldType::Date, "1/2/2012") == "2012-02-01");
    CHECK(val(FieldType::Date, "2012-02-29") == "2012-02-29");
    CHECK(err(FieldType::Date, "29/02/2011").find("JJ/MM/AAAA") != std::string::npos);
    CHECK_FALSE(err(FieldType::Date, "31/04/2011").empty());
    CHECK_FALSE(checkFieldValue(spec(FieldType::Date), Json("01/10/2011")).ok());
    CHECK(completedYears(Ymd{2012, 2, 29}, Ymd{2027, 2, 28}) == 14);
    CHECK(completedYears(Ymd{2012, 2, 29}, Ymd{2027, 3, 1}) == 15);
    CHECK(daysFromCivil(Ymd{1970, 1, 1}) == 0);
    CHECK(daysFromCivil(Ymd{2026, 5, 4}) - daysFromCivil(Ymd{2026, 1, 1}) == 123);
}

TEST_CASE("yes/no and choices") {
    CHECK(val(FieldType::YesNo, "Oui") == true);
    CHECK(val(FieldType::YesNo, "non") == false);
    CHECK(err(FieldType::YesNo, "peut-être").find("oui") != std::string::npos);
    CHECK_FALSE(checkFieldValue(spec(FieldType::YesNo), Json("oui")).ok());
    FieldSpec c = spec(FieldType::Choice);
    c.choices = {{"reconnu", "Reconnu (MDPH)"}, {"aucun", "Aucun"}};
    CHECK(*parseFieldInput(c, "reconnu").value == "reconnu");
    CHECK(*parseFieldInput(c, "aucun").value == "aucun");
    CHECK(*parseFieldInput(c, "Reconnu (MDPH)").value == "reconnu");
    CHECK(parseFieldInput(c, "autre").error.find("possibles : reconnu, aucun") != std::string::npos);
}

TEST_CASE("e-mail") {
    CHECK(val(FieldType::Email, "ce.iio13@AC-AIX-MARSEILLE.fr") == "ce.iio13@ac-aix-marseille.fr");
    CHECK(err(FieldType::Email, "jean.dupont").find("@") != std::string::npos);
    CHECK_FALSE(err(FieldType::Email, "a@@b.fr").empty());
    CHECK_FALSE(err(FieldType::Email, "jean dupont@ecole.fr").empty());
    CHECK_FALSE(err(FieldType::Email, "jean@ecole").empty());
    CHECK_FALSE(err(FieldType::Email, "jean@-ecole.fr").empty());
    CHECK_FALSE(err(FieldType::Email, ".jean@ecole.fr").empty());
    CHECK_FALSE(err(FieldType::Email, "jean@ecole.f").empty());
}

TEST_CASE("French phone numbers, mainland and overseas") {
    CHECK(val(FieldType::Phone, "06 71 12 38 24") == "0671123824");
    CHECK(val(FieldType::Phone, "+33 6 71 12 38 24") == "0671123824");
    CHECK(val(FieldType::Phone, "+33 (0)4 42 91 70 80") == "0442917080");
    CHECK(val(FieldType::Phone, "0033442917080") == "0442917080");
    CHECK(val(FieldType::Phone, "04.42.91.70.80") == "0442917080");
    CHECK(val(FieldType::Phone, "+262 262 12 34 56") == "0262123456");
    CHECK_FALSE(err(FieldType::Phone, "06 71 12 38").empty());
    CHECK_FALSE(err(FieldType::Phone, "00 71 12 38 24").empty());
    CHECK_FALSE(err(FieldType::Phone, "+44 20 7946 0958").empty());
}

TEST_CASE("postal code and commune") {
    CHECK(val(FieldType::PostalCommune, "13001 Marseille") == "13001 Marseille");
    CHECK(val(FieldType::PostalCommune, "13100 - Aix-en-Provence") == "13100 Aix-en-Provence");
    CHECK(val(FieldType::PostalCommune, "97400 Saint-Denis") == "97400 Saint-Denis");
    CHECK(val(FieldType::PostalCommune, "20000 Ajaccio") == "20000 Ajaccio");
    CHECK(err(FieldType::PostalCommune, "Marseille").find("13001 Marseille") != std::string::npos);
    CHECK(err(FieldType::PostalCommune, "00100 Nulle-part").find("inconnu") != std::string::npos);
    CHECK(err(FieldType::PostalCommune, "97800 Ailleurs").find("inconnu") != std::string::npos);
    CHECK_FALSE(err(FieldType::PostalCommune, "13001").empty());
}

TEST_CASE("text: empty, too long, control characters, never floats") {
    FieldSpec t = spec(FieldType::Text);
    t.maxLength = 5;
    CHECK(parseFieldInput(t, "  ").error == "champ vide");
    CHECK(parseFieldInput(t, "Éloïse").error.find("trop long") != std::string::npos); // 6 characters, 8 bytes
    CHECK(parseFieldInput(t, "Léa").ok());
    CHECK_FALSE(checkFieldValue(t, Json("a\x01")).ok());
    CHECK(checkFieldValue(spec(FieldType::Text), Json(1.5)).error.find("décimale") != std::string::npos);
}

TEST_CASE("attachments: SHA-256 through libsodium, type, size, tampering") {
    FieldSpec a = spec(FieldType::Attachment);
    a.mediaTypes = {"application/pdf"};
    a.maxBytes = 16;
    CHECK(sha256Hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    std::string e;
    auto att = makeAttachment(a, "convention_stage", "convention.pdf", "%PDF-1.4 x", &e);
    REQUIRE_MESSAGE(att, e);
    CHECK(att->mediaType == "application/pdf");
    CHECK(att->size == 10);
    CHECK(attachmentError(a, *att).empty());
    CHECK_FALSE(makeAttachment(a, "f", "photo.png", "png", &e));
    CHECK(e.find("refusé") != std::string::npos);
    CHECK_FALSE(makeAttachment(a, "f", "gros.pdf", std::string(17, 'x'), &e));
    CHECK(e.find("trop gros") != std::string::npos);
    Attachment bad = *att;
    bad.contentB64 = base64Encode("%PDF-1.4 y");
    CHECK(attachmentError(a, bad).find("altéré") != std::string::npos);
    auto round = attachmentFromJson(attachmentToJson(*att), &e);
    REQUIRE(round);
    CHECK(round->sha256 == att->sha256);
    CHECK(base64Decode(base64Encode("é\x00z")) == std::string("é\x00z"));
    CHECK_FALSE(base64Decode("@@@"));
}

TEST_CASE("folding for matching headers and class names") {
    CHECK(foldForMatch("Prénom") == "prenom");
    CHECK(foldForMatch("  Date de naissance ") == "date de naissance");
    CHECK(foldForMatch("Né(e) le") == "ne e le");
    CHECK(foldForMatch("3°2") == "3e2");
    CHECK(foldForMatch("Œuvre") == "oeuvre");
}
}

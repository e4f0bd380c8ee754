// Vault: file encryption (tamper, truncation, swap), key wrapping, protect/unlock/unprotect/change on a real store, interruptions.
#include "core/vault.hpp"

#include "temp_dir.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <map>

using namespace passerelle;
using namespace passerelle::dossiers;
using namespace passerelle::vault;
namespace fs = std::filesystem;
using namespace passerelle::test_support; // TempDir, slurp, spit, sampleDossier

namespace {
// Argon2id at its minimum cost: the tests check the logic, bench/ measures the real cost.
constexpr KdfParams kFast{1, 8192};

// Every file under root, path → bytes: "nothing altered" is checked on all of them.
std::map<std::string, std::string> snapshot(const std::string& root) {
    std::map<std::string, std::string> out;
    for (const auto& e : fs::recursive_directory_iterator(root))
        if (e.is_regular_file())
            out[e.path().string()] = slurp(e.path().string());
    return out;
}
bool anyFileContains(const std::string& root, const std::string& needle) {
    for (const auto& [path, bytes] : snapshot(root))
        if (bytes.find(needle) != std::string::npos)
            return true;
    return false;
}


// A store with three dossiers, an attachment, a setting, a profile and a key file, all plain.
void fillPlainStore(const std::string& root) {
    DirectoryStore s({root});
    REQUIRE(s.load().result.ok);
    REQUIRE(s.save(sampleDossier("aa000000000000000000000000000001", "QUATREBARBES")).ok);
    REQUIRE(s.save(sampleDossier("aa000000000000000000000000000002", "ZEPHYRINE")).ok);
    Dossier withFile = sampleDossier("bb000000000000000000000000000003", "DUPONT");
    Attachment a;
    a.field = "piece";
    a.name = "piece.txt";
    a.mediaType = "text/plain";
    a.size = 17;
    a.contentB64 = base64Encode("CONTENU-SECRET-42");
    a.sha256 = sha256Hex("CONTENU-SECRET-42");
    withFile.sections[0].attachments.push_back(a);
    REQUIRE(s.save(withFile).ok);
    REQUIRE(s.putSetting("classlist-mapping", {{"last_name", "NomDeColonneSecrete"}}).ok);
    REQUIRE(s.checkpoint().ok);
    spit(root + "/profile.json", R"({"name":"Lycée Pierre-et-Marie-Curie"})");
    spit(root + "/signing_key.jwk", R"({"kty":"OKP","crv":"Ed25519","x":"CLEPUBLIQUE"})");
}

std::size_t countDossiers(const std::string& root, std::shared_ptr<const DataKey> key, LoadReport* out = nullptr) {
    DirectoryStoreOptions opt{root};
    opt.codec = key ? std::make_shared<VaultCodec>(key) : nullptr;
    DirectoryStore s(opt);
    LoadReport r = s.load();
    if (out)
        *out = r;
    return s.list().size();
}

// Fails every write after `budget` successful ones: a tab closed or a disk full in the middle.
class Interrupted : public StoreFiles {
public:
    int budget = 1 << 30;
    StoreResult writeAtomic(const std::string& path, std::string_view bytes) override {
        if (budget-- <= 0)
            return {false, "écriture interrompue de " + path, false};
        return StoreFiles::writeAtomic(path, bytes);
    }
};
} // namespace

TEST_SUITE("vault") {
TEST_CASE("file encryption: round trip, fresh nonce, tamper, truncation, swap, other key") {
    const DataKey key;
    const std::string plain = R"({"nom":"Zéphyrine Quatrebarbes"})";
    const std::string a = encryptFile(key, "dossiers/aa.json", plain);
    const std::string b = encryptFile(key, "dossiers/aa.json", plain);
    CHECK(isEncrypted(a));
    CHECK(a.size() == plain.size() + kFileOverhead);
    CHECK(a != b); // a fresh nonce each time
    CHECK(a.find("Zéphyrine") == std::string::npos);
    std::string err;
    REQUIRE(decryptFile(key, "dossiers/aa.json", a, &err));
    CHECK(*decryptFile(key, "dossiers/aa.json", a, &err) == plain);

    std::string tampered = a;
    tampered[tampered.size() / 2] ^= 0x01;
    CHECK_FALSE(decryptFile(key, "dossiers/aa.json", tampered, &err));
    CHECK(err == "fichier chiffré altéré, tronqué ou échangé avec un autre");
    CHECK_FALSE(decryptFile(key, "dossiers/aa.json", a.substr(0, a.size() - 1), &err));
    CHECK_FALSE(decryptFile(key, "dossiers/aa.json", a.substr(0, 20), &err));
    CHECK(err == "fichier chiffré tronqué");
    CHECK_FALSE(decryptFile(key, "dossiers/bb.json", a, &err)); // bound to its name
    CHECK_FALSE(decryptFile(key, "dossiers/aa.json", plain, &err));
    CHECK(err == "fichier non chiffré alors que les données sont protégées");
    const DataKey other;
    CHECK_FALSE(decryptFile(other, "dossiers/aa.json", a, &err));
    CHECK(err.find("autre clé") != std::string::npos);
    std::string header = a;
    header[3] = 'X'; // the header is authenticated too
    CHECK_FALSE(decryptFile(key, "dossiers/aa.json", header, &err));
    CHECK(decryptFile(key, "vide", encryptFile(key, "vide", ""), &err) == std::string());
}

TEST_CASE("key wrapping: metadata round trip, wrong passphrase, damaged metadata") {
    const DataKey key;
    std::string err;
    auto meta = wrapKey(key, "une phrase de passe assez longue", kFast, VaultState::On, &err);
    REQUIRE(meta);
    const std::string text = metaToText(*meta);
    CHECK(text.find("argon2id13") != std::string::npos);
    auto back = parseMeta(text, &err);
    REQUIRE(back);
    auto opened = unwrapKey(*back, "une phrase de passe assez longue", &err);
    REQUIRE(opened);
    CHECK(std::equal(opened->bytes(), opened->bytes() + 32, key.bytes()));
    CHECK(opened->id() == key.id());
    CHECK_FALSE(unwrapKey(*back, "une phrase de passe assez longuE", &err));
    CHECK(err == "Phrase de passe incorrecte.");
    CHECK_FALSE(parseMeta("{}", &err));
    CHECK(err.rfind("Fichier du coffre (vault.json) illisible", 0) == 0);
    Json j = Json::parse(text);
    j["kdf"]["opslimit"] = 1000;
    CHECK_FALSE(parseMeta(j.dump(), &err));
    j = Json::parse(text);
    j["key"]["id"] = "AAAAAAAAAAA";
    auto edited = parseMeta(j.dump(), &err);
    REQUIRE(edited);
    CHECK_FALSE(unwrapKey(*edited, "une phrase de passe assez longue", &err)); // the id is bound to the key
    CHECK_FALSE(parseMeta(R"({"format":"passerelle.vault/9"})", &err));
    CHECK(err.find("version plus récente") != std::string::npos);
}

TEST_CASE("protect: every establishment file encrypted in place, nothing readable, the store reopens with the key") {
    const TempDir rootDir("vault-protect");
    const std::string& root = rootDir.path;
    fillPlainStore(root);
    CHECK(anyFileContains(root, "ZEPHYRINE"));
    VaultDirectory dir({root});
    CHECK_FALSE(dir.configured());
    std::string err;
    ConvertReport rep;
    auto key = dir.protect("phrase de passe du CIO", kFast, &err, &rep);
    REQUIRE(key);
    CHECK(err.empty());
    CHECK(dir.configured());
    CHECK(rep.converted >= 8); // store, index, 2 packs, setting, attachment, profile, key
    for (const char* secret : {"ZEPHYRINE", "QUATREBARBES", "CONTENU-SECRET-42", "NomDeColonneSecrete", "Pierre-et-Marie",
                               "CLEPUBLIQUE", "stage-seconde"})
        CHECK_MESSAGE(!anyFileContains(root, secret), secret);
    for (const auto& f : dir.files())
        CHECK_MESSAGE(isEncrypted(slurp(f.path)), f.path);
    CHECK(dir.readMeta(&err)->state == VaultState::On);

    LoadReport lr;
    CHECK(countDossiers(root, key, &lr) == 3);
    CHECK(lr.quarantined.empty());
    DirectoryStoreOptions opt{root};
    opt.codec = std::make_shared<VaultCodec>(key);
    DirectoryStore s(opt);
    REQUIRE(s.load().result.ok);
    CHECK(s.find("aa000000000000000000000000000002")->sections[0].fields["nom"] == "ZEPHYRINE");
    CHECK(s.attachmentBytes(sha256Hex("CONTENU-SECRET-42")) == std::string("CONTENU-SECRET-42"));
    CHECK((*s.setting("classlist-mapping"))["last_name"] == "NomDeColonneSecrete");
    // New writes are encrypted too.
    REQUIRE(s.save(sampleDossier("cc000000000000000000000000000004", "NOUVEAUNOM")).ok);
    CHECK_FALSE(anyFileContains(root, "NOUVEAUNOM"));
    CHECK(countDossiers(root, key) == 4);
    // A second protect is refused; so is opening the store without the key (nothing quarantined, nothing written).
    CHECK_FALSE(dir.protect("autre phrase de passe", kFast, &err));
    const auto before = snapshot(root);
    LoadReport locked;
    CHECK(countDossiers(root, nullptr, &locked) == 0);
    CHECK_FALSE(locked.result.ok);
    CHECK(locked.result.message.find("phrase de passe") != std::string::npos);
    CHECK(snapshot(root) == before);
}

TEST_CASE("wrong passphrase: message, and not one byte altered") {
    const TempDir rootDir("vault-wrong");
    const std::string& root = rootDir.path;
    fillPlainStore(root);
    VaultDirectory dir({root});
    std::string err;
    REQUIRE(dir.protect("la bonne phrase de passe", kFast, &err));
    const auto before = snapshot(root);
    CHECK_FALSE(dir.unlock("la mauvaise phrase de passe", &err));
    CHECK(err == "Phrase de passe incorrecte.");
    CHECK_FALSE(dir.unprotect("la mauvaise phrase de passe", &err));
    CHECK_FALSE(dir.changePassphrase("la mauvaise phrase de passe", "nouvelle phrase de passe", &err));
    CHECK(err == "Phrase de passe incorrecte.");
    CHECK(snapshot(root) == before);
    CHECK(dir.unlock("la bonne phrase de passe", &err));
}

TEST_CASE("tampered, truncated or swapped files are quarantined with a French reason; the others load") {
    const TempDir rootDir("vault-tamper");
    const std::string& root = rootDir.path;
    fillPlainStore(root);
    VaultDirectory dir({root});
    std::string err;
    auto key = dir.protect("phrase de passe du CIO", kFast, &err);
    REQUIRE(key);
    SUBCASE("tampered pack") {
        std::string bytes = slurp(root + "/dossiers/aa.json");
        bytes[bytes.size() - 5] ^= 0x40;
        spit(root + "/dossiers/aa.json", bytes);
        LoadReport lr;
        CHECK(countDossiers(root, key, &lr) == 1);
        REQUIRE(lr.quarantined.size() == 1);
        CHECK(lr.quarantined[0].file == "dossiers/aa.json");
        CHECK(lr.quarantined[0].reason.find("altéré") != std::string::npos);
        CHECK_FALSE(fs::exists(root + "/dossiers/aa.json"));
        CHECK(countDossiers(root, key, &lr) == 1); // set aside once, not again
        CHECK(lr.quarantined.empty());
    }
    SUBCASE("truncated pack") {
        spit(root + "/dossiers/bb.json", slurp(root + "/dossiers/bb.json").substr(0, 30));
        LoadReport lr;
        CHECK(countDossiers(root, key, &lr) == 2);
        REQUIRE(lr.quarantined.size() == 1);
        CHECK(lr.quarantined[0].reason.find("tronqué") != std::string::npos);
    }
    SUBCASE("two packs swapped") {
        const std::string a = slurp(root + "/dossiers/aa.json");
        spit(root + "/dossiers/aa.json", slurp(root + "/dossiers/bb.json"));
        spit(root + "/dossiers/bb.json", a);
        LoadReport lr;
        CHECK(countDossiers(root, key, &lr) == 0);
        CHECK(lr.quarantined.size() == 2);
    }
    SUBCASE("lazy store: an altered pack is found when opened") {
        std::string bytes = slurp(root + "/dossiers/aa.json");
        bytes[40] ^= 0x01;
        spit(root + "/dossiers/aa.json", bytes);
        DirectoryStoreOptions opt{root};
        opt.codec = std::make_shared<VaultCodec>(key);
        opt.lazy = true;
        DirectoryStore s(opt);
        const LoadReport lr = s.load();
        CHECK(lr.quarantined.size() == 1);
        CHECK(s.list().size() == 1);
    }
}

TEST_CASE("passphrase change keeps every dossier; the old passphrase is refused") {
    const TempDir rootDir("vault-change");
    const std::string& root = rootDir.path;
    fillPlainStore(root);
    VaultDirectory dir({root});
    std::string err;
    auto key = dir.protect("ancienne phrase de passe", kFast, &err);
    REQUIRE(key);
    const auto files = snapshot(root);
    REQUIRE(dir.changePassphrase("ancienne phrase de passe", "nouvelle phrase de passe", &err));
    CHECK_FALSE(dir.unlock("ancienne phrase de passe", &err));
    CHECK(err == "Phrase de passe incorrecte.");
    auto again = dir.unlock("nouvelle phrase de passe", &err);
    REQUIRE(again);
    CHECK(countDossiers(root, again) == 3);
    // Only vault.json changed: the dossiers were not rewritten (the data key is the same).
    auto after = snapshot(root);
    for (const auto& file : files) // no structured binding: doctest's lambdas cannot capture one (clang 14)
        if (fs::path(file.first).filename() != "vault.json")
            CHECK_MESSAGE(after[file.first] == file.second, file.first);
}

TEST_CASE("interrupted operations leave a readable store") {
    const TempDir rootDir("vault-interrupt");
    const std::string& root = rootDir.path;
    fillPlainStore(root);
    auto files = std::make_shared<Interrupted>();
    VaultDirectory dir({root}, files);
    std::string err;
    SUBCASE("passphrase change: vault.json not written → the old passphrase still opens everything") {
        REQUIRE(dir.protect("ancienne phrase de passe", kFast, &err));
        files->budget = 0;
        CHECK_FALSE(dir.changePassphrase("ancienne phrase de passe", "nouvelle phrase de passe", &err));
        CHECK(err.find("L’ancienne reste valable") != std::string::npos);
        files->budget = 1 << 30;
        CHECK_FALSE(dir.unlock("nouvelle phrase de passe", &err));
        auto key = dir.unlock("ancienne phrase de passe", &err);
        REQUIRE(key);
        CHECK(countDossiers(root, key) == 3);
    }
    SUBCASE("protect stopped after three files → the next unlock finishes it") {
        files->budget = 4; // vault.json + 3 files
        auto key = dir.protect("phrase de passe du CIO", kFast, &err);
        REQUIRE(key);
        CHECK(err.find("reprendra") != std::string::npos);
        CHECK(dir.readMeta(&err)->state == VaultState::Enabling);
        const bool somePlain = anyFileContains(root, "ZEPHYRINE") || anyFileContains(root, "CONTENU-SECRET-42") ||
                               anyFileContains(root, "Pierre-et-Marie");
        CHECK(somePlain);
        files->budget = 1 << 30;
        CHECK_FALSE(dir.unlock("une autre phrase de passe", &err)); // wrong: nothing finished
        CHECK(dir.readMeta(&err)->state == VaultState::Enabling);
        ConvertReport rep;
        auto again = dir.unlock("phrase de passe du CIO", &err, &rep);
        REQUIRE(again);
        CHECK(rep.converted > 0);
        CHECK(dir.readMeta(&err)->state == VaultState::On);
        CHECK_FALSE(anyFileContains(root, "ZEPHYRINE"));
        CHECK_FALSE(anyFileContains(root, "CONTENU-SECRET-42"));
        CHECK(countDossiers(root, again) == 3);
    }
    SUBCASE("unprotect stopped half-way → the next unlock finishes it; then plain files, no vault") {
        REQUIRE(dir.protect("phrase de passe du CIO", kFast, &err));
        files->budget = 3; // vault.json (disabling) + 2 files
        CHECK_FALSE(dir.unprotect("phrase de passe du CIO", &err));
        CHECK(dir.configured());
        files->budget = 1 << 30;
        auto key = dir.unlock("phrase de passe du CIO", &err);
        REQUIRE(key);
        CHECK_FALSE(dir.configured());
        CHECK(anyFileContains(root, "ZEPHYRINE"));
        CHECK(countDossiers(root, nullptr) == 3);
    }
}

TEST_CASE("unprotect: files decrypted in place, the vault removed, the store plain again") {
    const TempDir rootDir("vault-unprotect");
    const std::string& root = rootDir.path;
    fillPlainStore(root);
    VaultDirectory dir({root});
    std::string err;
    REQUIRE(dir.protect("phrase de passe du CIO", kFast, &err));
    REQUIRE(dir.unprotect("phrase de passe du CIO", &err));
    CHECK_FALSE(dir.configured());
    CHECK(slurp(root + "/profile.json") == R"({"name":"Lycée Pierre-et-Marie-Curie"})");
    LoadReport lr;
    CHECK(countDossiers(root, nullptr, &lr) == 3);
    CHECK(lr.quarantined.empty());
}
} // TEST_SUITE

// Directory store: save/reload, atomic writes, shards, migrations, quarantine, I/O errors kept in memory, backup round trip.
#include "core/dossier_store.hpp"

#include "temp_dir.hpp"

#include <doctest/doctest.h>

#include <filesystem>

using namespace passerelle;
using namespace passerelle::dossiers;
namespace fs = std::filesystem;
using namespace passerelle::test_support; // TempDir, slurp, spit, sampleDossier

namespace {

// Fails every write after `budget` successful ones, as a full disk (or IndexedDB quota) would.
class FullDisk : public StoreFiles {
public:
    int budget = 0;
    StoreResult writeAtomic(const std::string& path, std::string_view bytes) override {
        if (budget-- <= 0) {
            StoreResult r{false, "espace de stockage plein en écrivant " + path, true};
            return r;
        }
        return StoreFiles::writeAtomic(path, bytes);
    }
};
} // namespace

TEST_SUITE("dossier_store") {
TEST_CASE("save, reload, remove; dossiers packed by id prefix; write hook called") {
    const TempDir rootDir("store-basic");
    const std::string& root = rootDir.path;
    std::vector<std::string> written;
    {
        DirectoryStore s({root});
        s.setWriteHook([&](const std::vector<std::string>& paths) { written.insert(written.end(), paths.begin(), paths.end()); });
        CHECK(s.load().loaded == 0);
        REQUIRE(s.save(sampleDossier("aa000000000000000000000000000001")).ok);
        REQUIRE(s.save(sampleDossier("aa000000000000000000000000000002")).ok);
        REQUIRE(s.save(sampleDossier("bb000000000000000000000000000003")).ok);
        CHECK(s.fileCount() == 2); // aa.json and bb.json
        CHECK_FALSE(s.hasPendingWrites());
        CHECK_FALSE(written.empty());
        CHECK(fs::exists(root + "/dossiers/aa.json"));
        CHECK_FALSE(fs::exists(root + "/dossiers/aa.json.tmp"));
        REQUIRE(s.putSetting("classlist-mapping", {{"last_name", "Nom"}}).ok);
    }
    DirectoryStore s({root});
    LoadReport r = s.load();
    CHECK(r.loaded == 3);
    CHECK(r.quarantined.empty());
    REQUIRE(s.find("aa000000000000000000000000000002"));
    CHECK(s.find("aa000000000000000000000000000002")->sections[0].fields["nom"] == "DUPONT");
    CHECK((*s.setting("classlist-mapping"))["last_name"] == "Nom");
    REQUIRE(s.remove("bb000000000000000000000000000003").ok);
    CHECK_FALSE(fs::exists(root + "/dossiers/bb.json"));
}

TEST_CASE("an unreadable file is quarantined and reported, never a crash, never silently dropped") {
    const TempDir rootDir("store-quarantine");
    const std::string& root = rootDir.path;
    {
        DirectoryStore s({root});
        (void)s.load();
        REQUIRE(s.save(sampleDossier("aa000000000000000000000000000001")).ok);
        REQUIRE(s.save(sampleDossier("cc000000000000000000000000000001")).ok);
    }
    spit(root + "/dossiers/bb.json", "{\"format\": \"passerelle.store-pack/1\", \"dossiers\": [");   // truncated
    spit(root + "/dossiers/dd.json", "{\"format\": \"passerelle.store-pack/9\"}");                    // from the future
    // A pack with one good and one bad dossier: the good one loads, the bad one goes aside.
    Json pack = {{"format", "passerelle.store-pack/1"},
                 {"dossiers", {dossierToJson(sampleDossier("ee000000000000000000000000000001")), {{"format", "passerelle.dossier/1"}, {"id", "ee1"}}}}};
    spit(root + "/dossiers/ee.json", pack.dump());
    spit(root + "/dossiers/aa.json.tmp", "half a write");
    DirectoryStore s({root});
    LoadReport r = s.load();
    CHECK(r.loaded == 3);
    REQUIRE(r.quarantined.size() == 3);
    CHECK(r.quarantined[0].file == "dossiers/bb.json");
    CHECK(r.quarantined[0].reason.find("JSON illisible") != std::string::npos);
    CHECK(r.quarantined[1].reason.find("inconnu") != std::string::npos);
    CHECK(r.quarantined[2].file == "dossiers/ee.json#2");
    for (const auto& q : r.quarantined) {
        REQUIRE_FALSE(q.movedTo.empty());
        CHECK(fs::exists(root + "/" + q.movedTo));
        CHECK(fs::exists(root + "/" + q.movedTo + ".txt"));
    }
    CHECK(slurp(root + "/" + r.quarantined[0].movedTo).find("\"dossiers\": [") != std::string::npos); // bytes kept as found
    CHECK_FALSE(fs::exists(root + "/dossiers/bb.json"));
    CHECK_FALSE(fs::exists(root + "/dossiers/aa.json.tmp"));
    // The pack was rewritten without its bad entry: a second load is clean.
    DirectoryStore again({root});
    LoadReport r2 = again.load();
    CHECK(r2.loaded == 3);
    CHECK(r2.quarantined.empty());
}

TEST_CASE("migration: store format 1 (one plain dossier file each) becomes packs; re-sharding") {
    const TempDir rootDir("store-migrate");
    const std::string& root = rootDir.path;
    spit(root + "/dossiers/aa000000000000000000000000000001.json", dossierToJson(sampleDossier("aa000000000000000000000000000001")).dump());
    spit(root + "/dossiers/aa000000000000000000000000000002.json", dossierToJson(sampleDossier("aa000000000000000000000000000002")).dump());
    spit(root + "/dossiers/bb000000000000000000000000000001.json", dossierToJson(sampleDossier("bb000000000000000000000000000001")).dump());
    {
        DirectoryStore s({root});
        LoadReport r = s.load();
        CHECK(r.loaded == 3);
        CHECK(r.notes.size() == 3);
        CHECK(r.result.ok);
        CHECK(s.fileCount() == 2);
        CHECK(fs::exists(root + "/dossiers/aa.json"));
        CHECK_FALSE(fs::exists(root + "/dossiers/aa000000000000000000000000000001.json"));
        CHECK(Json::parse(slurp(root + "/store.json"))["format"] == "passerelle.store/2");
    }
    {
        // One file per dossier (shard_chars 32): every pack is split, old packs removed.
        DirectoryStore s({root, "", 32});
        LoadReport r = s.load();
        CHECK(r.loaded == 3);
        CHECK(s.fileCount() == 3);
        CHECK_FALSE(fs::exists(root + "/dossiers/aa.json"));
    }
    {
        DirectoryStore s({root, "", 1});
        CHECK(s.load().loaded == 3);
        CHECK(s.fileCount() == 2); // a.json, b.json
    }
    // A newer store format is not touched.
    spit(root + "/store.json", R"({"format": "passerelle.store/3", "shard_chars": 1})");
    DirectoryStore newer({root});
    LoadReport r = newer.load();
    CHECK_FALSE(r.result.ok);
    CHECK(r.result.message.find("plus récente") != std::string::npos);
    CHECK(fs::exists(root + "/dossiers/a.json"));
}

TEST_CASE("a full disk: the error is a value, memory keeps the edit, a retry writes it") {
    const TempDir rootDir("store-full");
    const std::string& root = rootDir.path;
    auto disk = std::make_shared<FullDisk>();
    disk->budget = 100;
    DirectoryStoreOptions o{root};
    o.files = disk;
    DirectoryStore s(o);
    (void)s.load();
    REQUIRE(s.save(sampleDossier("aa000000000000000000000000000001")).ok);
    disk->budget = 0;
    StoreResult r = s.save(sampleDossier("aa000000000000000000000000000001", "MARTIN"));
    CHECK_FALSE(r.ok);
    CHECK(r.noSpace);
    CHECK(r.message.find("plein") != std::string::npos);
    CHECK(s.hasPendingWrites());
    CHECK(s.find("aa000000000000000000000000000001")->sections[0].fields["nom"] == "MARTIN");
    CHECK(slurp(root + "/dossiers/aa.json").find("MARTIN") == std::string::npos); // old file intact
    CHECK(slurp(root + "/dossiers/aa.json").find("DUPONT") != std::string::npos);
    disk->budget = 100;
    REQUIRE(s.flush().ok);
    CHECK_FALSE(s.hasPendingWrites());
    DirectoryStore reread({root});
    (void)reread.load();
    CHECK(reread.find("aa000000000000000000000000000001")->sections[0].fields["nom"] == "MARTIN");
}

TEST_CASE("attachments are stored apart, content-addressed, and come back in backups") {
    const TempDir rootDir("store-attach");
    const std::string& root = rootDir.path;
    Dossier d = sampleDossier("aa000000000000000000000000000001");
    FieldSpec pdf;
    pdf.type = FieldType::Attachment;
    std::string err;
    auto a = makeAttachment(pdf, "convention", "convention.pdf", "%PDF-1.4 contenu", &err);
    REQUIRE(a);
    d.sections[0].attachments.push_back(*a);
    DirectoryStoreOptions o{root};
    o.attachmentsRoot = root + "-att";
    DirectoryStore s(o);
    (void)s.load();
    REQUIRE(s.save(d).ok);
    CHECK(fs::exists(root + "-att/" + a->sha256));
    CHECK(slurp(root + "/dossiers/aa.json").find("content_b64") == std::string::npos);
    CHECK(s.attachmentBytes(a->sha256) == std::string("%PDF-1.4 contenu"));
    const Json backup = exportBackup(s, "2026-05-04T12:00:00Z");
    CHECK(backup["dossiers"][0]["sections"][0]["attachments"][0]["content_b64"] == base64Encode("%PDF-1.4 contenu"));
    // Restoring into an empty store brings the contents back too.
    const TempDir root2Dir("store-attach2");
    const std::string& root2 = root2Dir.path;
    DirectoryStore s2({root2});
    (void)s2.load();
    ImportReport ir = importBackup(s2, backup);
    CHECK(ir.added == 1);
    CHECK(s2.attachmentBytes(a->sha256) == std::string("%PDF-1.4 contenu"));
    // Altered bytes on disk are never handed out.
    spit(root2 + "/attachments/" + a->sha256, "%PDF-1.4 altéré");
    DirectoryStore s3({root2});
    (void)s3.load();
    CHECK_FALSE(s3.attachmentBytes(a->sha256));
}

TEST_CASE("backup round trip: merge by id, keep both on conflict, report bad entries") {
    const TempDir rootDir("store-backup");
    const std::string& root = rootDir.path;
    DirectoryStore s({root});
    (void)s.load();
    for (int i = 0; i < 5; ++i)
        REQUIRE(s.save(sampleDossier("a" + std::string(30, '0') + std::to_string(i))).ok);
    const Json backup = exportBackup(s);
    CHECK(backup["format"] == "passerelle.backup/1");
    CHECK(backup["dossiers"].size() == 5);
    // Same store: nothing new.
    ImportReport same = importBackup(s, backup);
    CHECK(same.unchanged == 5);
    CHECK(same.added == 0);
    // One dossier changed locally since the backup; one added to the backup; one bad entry.
    REQUIRE(s.save(sampleDossier("a" + std::string(30, '0') + "1", "CHANGÉ")).ok);
    Json b2 = backup;
    b2["dossiers"].push_back(dossierToJson(sampleDossier("b" + std::string(31, '0'))));
    b2["dossiers"].push_back({{"format", "passerelle.dossier/1"}});
    ImportReport r = importBackup(s, b2, "2026-06-01T00:00:00Z");
    CHECK(r.result.ok);
    CHECK(r.added == 1);
    CHECK(r.unchanged == 4);
    CHECK(r.keptBoth == 1);
    REQUIRE(r.problems.size() == 1);
    CHECK(r.problems[0].find("dossier n°7") == 0);
    CHECK(s.list().size() == 7);
    CHECK(s.find("a" + std::string(30, '0') + "1")->sections[0].fields["nom"] == "CHANGÉ"); // local kept
    int copies = 0;
    for (const Dossier* d : s.list())
        if (d->title.find("copie restaurée") != std::string::npos) {
            ++copies;
            CHECK(d->sections[0].fields["nom"] == "DUPONT");
            CHECK(d->history.back().event == "importe");
        }
    CHECK(copies == 1);
    CHECK_FALSE(importBackup(s, Json::object()).result.ok);
}

TEST_CASE("write-behind for the browser: save() marks dirty, flush() writes one batch") {
    const TempDir rootDir("store-behind");
    const std::string& root = rootDir.path;
    DirectoryStoreOptions o{root};
    o.writeThrough = false;
    DirectoryStore s(o);
    (void)s.load();
    int batches = 0;
    s.setWriteHook([&](const std::vector<std::string>&) { ++batches; });
    for (int i = 0; i < 20; ++i)
        REQUIRE(s.save(sampleDossier("aa000000000000000000000000000001", "NOM" + std::to_string(i))).ok);
    CHECK(batches == 0);
    CHECK(s.hasPendingWrites());
    REQUIRE(s.flush().ok);
    CHECK(batches == 1);
    CHECK(slurp(root + "/dossiers/aa.json").find("NOM19") != std::string::npos);
}

TEST_CASE("lazy store: startup reads the index, packs open on first use, stale packs are re-read") {
    const TempDir rootDir("store-lazy");
    const std::string& root = rootDir.path;
    DirectoryStoreOptions o{root};
    o.lazy = true;
    {
        DirectoryStore s(o);
        (void)s.load();
        for (const char* id : {"aa000000000000000000000000000001", "aa000000000000000000000000000002", "bb000000000000000000000000000001"}) {
            Dossier d = sampleDossier(id);
            d.title = std::string("titre ") + id;
            REQUIRE(s.save(d).ok);
        }
        REQUIRE(s.checkpoint().ok);
        CHECK(fs::exists(root + "/index.json"));
    }
    {
        DirectoryStore s(o);
        LoadReport r = s.load();
        CHECK(r.loaded == 3);
        CHECK(s.openShardCount() == 0); // nothing parsed but the index
        const auto sums = s.summaries();
        REQUIRE(sums.size() == 3);
        CHECK(sums[2].title == "titre bb000000000000000000000000000001");
        CHECK(sums[0].state == "brouillon");
        REQUIRE(s.find("bb000000000000000000000000000001"));
        CHECK(s.openShardCount() == 1);
        // Saving into a pack not opened yet keeps its other dossiers.
        Dossier d = sampleDossier("aa000000000000000000000000000003", "NOUVEAU");
        REQUIRE(s.save(d).ok);
        CHECK(s.summaries().size() == 4);
        // No checkpoint: the index is stale for "aa".
    }
    {
        DirectoryStore s(o);
        LoadReport r = s.load();
        CHECK(r.loaded == 4);
        CHECK(s.openShardCount() == 1); // "aa" changed since the index: re-read; "bb" still lazy
        REQUIRE(s.find("aa000000000000000000000000000003"));
        CHECK(s.find("aa000000000000000000000000000003")->sections[0].fields["nom"] == "NOUVEAU");
        CHECK(s.list().size() == 4);
        CHECK(s.openShardCount() == 2);
    }
    {
        // A damaged index is not trusted: everything is read, and the index rewritten.
        spit(root + "/index.json", "{\"format\": \"passerelle.store-index/1\", \"shards\": ");
        DirectoryStore s(o);
        LoadReport r = s.load();
        CHECK(r.loaded == 4);
        CHECK(s.openShardCount() == 2);
        CHECK_FALSE(r.notes.empty());
        CHECK(parseStrict(slurp(root + "/index.json")));
    }
}
}

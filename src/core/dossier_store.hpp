// Dossier storage: the core interface and its directory implementation (native disk, or IDBFS under /data in the browser).
#pragma once

#include "core/dossier.hpp"

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace passerelle::dossiers {

// An I/O outcome as a value: the UI shows `message` and keeps its in-memory state until a retry works.
struct StoreResult {
    bool ok = true;
    std::string message;  // French, one line
    bool noSpace = false; // ENOSPC / quota: the user must free space (or export a backup) before retrying
    bool corrupt = false; // the bytes are there but cannot be decoded (altered or truncated encrypted file)
    [[nodiscard]] explicit operator bool() const { return ok; }
};

struct QuarantinedFile {
    std::string file;     // what was found (relative to the store root)
    std::string movedTo;  // where it now is (relative), for a person to look at or send to support
    std::string reason;   // French
};

struct LoadReport {
    std::size_t loaded = 0;
    std::vector<QuarantinedFile> quarantined;
    std::vector<std::string> notes; // migrations done, leftovers cleaned (French)
    StoreResult result;             // a write that failed while migrating: state is still fine in memory
};

struct ImportReport {
    std::size_t added = 0;
    std::size_t unchanged = 0;
    std::size_t keptBoth = 0;               // same id, different content: the imported one got a new id
    std::vector<std::string> problems;      // French, « dossier n°3 : … »
    StoreResult result;
};

// The few file operations the store needs; tests substitute failing ones (ENOSPC, unreadable files).
class StoreFiles {
public:
    virtual ~StoreFiles() = default;
    virtual StoreResult read(const std::string& path, std::string& out);
    virtual StoreResult readPrefix(const std::string& path, std::size_t bytes, std::string& out); // at most `bytes`
    // Writes `path` through `path + ".tmp"` and a rename, so a reader sees the old or the new file, never half.
    virtual StoreResult writeAtomic(const std::string& path, std::string_view bytes);
    virtual StoreResult remove(const std::string& path);
    virtual StoreResult rename(const std::string& from, const std::string& to);
    virtual StoreResult makeDirs(const std::string& dir);
    virtual std::vector<std::string> list(const std::string& dir); // file names, sorted; none if missing
    virtual bool exists(const std::string& path);
};

// Encodes and decodes whole files by logical name: the path relative to the store root, attachments as
// "attachments/<sha256>". The vault's codec encrypts (src/core/vault.hpp); without a codec files are plain.
class FileCodec {
public:
    virtual ~FileCodec() = default;
    [[nodiscard]] virtual std::optional<std::string> encode(std::string_view logicalName, std::string_view plain,
                                                            std::string* error) const = 0;
    [[nodiscard]] virtual std::optional<std::string> decode(std::string_view logicalName, std::string_view stored,
                                                            std::string* error) const = 0;
};

// What a list shows without opening the dossier.
struct DossierSummary {
    std::string id;
    std::string scheme;
    std::string state;
    std::string title;
    std::string updatedAt;
    std::string className; // « 3e B » when the dossier came from a class list
    std::string holder;    // role that has the hand when a hand-off is out (received copy: us; sent: them), else ""
};
[[nodiscard]] DossierSummary summaryOf(const Dossier& d);

// What the app and the CLI use: dossiers in memory, written through.
class DossierStore {
public:
    virtual ~DossierStore() = default;
    virtual LoadReport load() = 0;
    [[nodiscard]] virtual std::vector<const Dossier*> list() const = 0; // ordered by id (opens every dossier)
    [[nodiscard]] virtual std::vector<DossierSummary> summaries() const = 0; // ordered by id, cheap
    [[nodiscard]] virtual const Dossier* find(std::string_view id) const = 0;
    // Memory is updated at once; the write may fail (the result says so) and is retried by flush().
    virtual StoreResult save(const Dossier& d) = 0;
    virtual StoreResult remove(std::string_view id) = 0;
    virtual StoreResult flush() = 0;
    [[nodiscard]] virtual bool hasPendingWrites() const = 0;
    [[nodiscard]] virtual std::optional<Json> setting(std::string_view key) const = 0;
    virtual StoreResult putSetting(std::string_view key, const Json& value) = 0;
    // Attachment contents live apart from dossiers, content-addressed by SHA-256.
    [[nodiscard]] virtual std::optional<std::string> attachmentBytes(std::string_view sha256) const = 0;
    // Called after each successful batch of writes with the paths written: the web platform schedules
    // one FS.syncfs for a burst of them.
    virtual void setWriteHook(std::function<void(const std::vector<std::string>&)> hook) = 0;
};

struct DirectoryStoreOptions {
    std::string root;                 // e.g. "/data" in the browser, any directory natively
    std::string attachmentsRoot;      // empty: root + "/attachments" (a second IDBFS mount keeps syncs cheap)
    int shardChars = 2;               // dossiers per file by id prefix: 2 → at most 256 files; 32 → one per dossier
    bool writeThrough = true;         // false: save() only marks dirty, the platform calls flush() after a burst
    std::shared_ptr<StoreFiles> files; // null: the real file system
    std::function<std::string()> clock; // null: utcNowIso()
    // Startup reads index.json (written by checkpoint()) and opens a pack only when one of its dossiers
    // is asked for, or when the pack changed since the index was written (its "gen" differs).
    bool lazy = false;
    // Null: files are written as they are. Set (the vault, unlocked): every file the store reads or writes
    // goes through it; a file it cannot decode is quarantined, never parsed.
    std::shared_ptr<const FileCodec> codec;
};

// Layout (format passerelle.store/2, docs/dossier-format.md):
//   store.json                    {"format": "passerelle.store/2", "shard_chars": 2}
//   dossiers/<prefix>.json        {"format": "passerelle.store-pack/1", "dossiers": [...]} (no attachment contents)
//   quarantine/<file>.<stamp>     unreadable files moved aside, with <…>.txt saying why
//   index.json                    {"format": "passerelle.store-index/1", "shards": {"ab": {"gen", "dossiers": [summary…]}}}
//   settings/<key>.json           column mapping, grade corrections, establishment profile…
//   <attachmentsRoot>/<sha256>    attachment contents
// Store format 1 (one plain passerelle.dossier/1 file per dossier under dossiers/) is migrated on load;
// a plain dossier file dropped into dossiers/ is adopted the same way.
class DirectoryStore final : public DossierStore {
public:
    explicit DirectoryStore(DirectoryStoreOptions options);

    LoadReport load() override;
    [[nodiscard]] std::vector<const Dossier*> list() const override;
    [[nodiscard]] std::vector<DossierSummary> summaries() const override;
    // Writes index.json (summaries and pack generations): call it when the page is hidden or after a
    // burst; a stale index only costs opening the packs that changed since.
    StoreResult checkpoint();
    [[nodiscard]] std::size_t openShardCount() const { return m_shardIds.size() - m_unopened.size(); }
    // Changes whenever summaries() may answer differently (load, save, remove, a lazy pack opened):
    // lists cache their rows and rebuild them only when it moves.
    [[nodiscard]] std::uint64_t generation() const { return m_generation; }
    // Problems found while opening packs lazily after load() (quarantined entries), taken once.
    [[nodiscard]] LoadReport takeLateReport();
    [[nodiscard]] const Dossier* find(std::string_view id) const override;
    StoreResult save(const Dossier& d) override;
    StoreResult remove(std::string_view id) override;
    StoreResult flush() override;
    [[nodiscard]] bool hasPendingWrites() const override;
    [[nodiscard]] std::optional<Json> setting(std::string_view key) const override;
    StoreResult putSetting(std::string_view key, const Json& value) override;
    [[nodiscard]] std::optional<std::string> attachmentBytes(std::string_view sha256) const override;
    // Deletes the attachment file when no dossier names it any more (after remove(): retention, « supprimer »).
    // Returns whether it was removed; opens every pack to be sure.
    bool removeAttachmentIfUnused(std::string_view sha256, StoreResult* result = nullptr);
    void setWriteHook(std::function<void(const std::vector<std::string>&)> hook) override { m_hook = std::move(hook); }

    [[nodiscard]] std::string shardOf(std::string_view id) const;
    [[nodiscard]] std::size_t fileCount() const; // dossier files on disk after the last flush (IDBFS cost driver)

private:
    std::string now() const;
    std::string dossierDir() const { return m_opt.root + "/dossiers"; }
    std::string attachmentDir() const;
    bool quarantine(const std::string& relPath, const std::string& bytes, const std::string& reason, LoadReport& report);
    void adopt(Dossier d, const std::string& fromFile, LoadReport& report);
    void loadFile(const std::string& name, const std::string& text, LoadReport& report);
    void openShard(const std::string& shard) const; // lazy packs, on first use
    void openAll() const;

    DirectoryStoreOptions m_opt;
    std::shared_ptr<StoreFiles> m_files;
    // Mutable: opening a lazy pack on find() changes what is in memory, not what the store holds.
    mutable std::map<std::string, Dossier, std::less<>> m_dossiers;
    mutable std::map<std::string, std::set<std::string>> m_shardIds; // shard → ids: a flush touches its shards only
    mutable std::map<std::string, std::vector<DossierSummary>> m_unopened; // lazy packs not read yet
    mutable LoadReport m_late;
    mutable std::uint64_t m_generation = 0;
    std::map<std::string, long long> m_shardGen;
    mutable std::set<std::string> m_dirtyShards;
    std::map<std::string, std::string> m_pendingBlobs;  // sha256 → bytes not yet written
    std::vector<std::string> m_pendingRemovals;         // legacy or re-sharded files to delete after a flush
    bool m_metaDirty = false;
    bool m_lockedOut = false; // a vault.json and no codec: nothing is read or written
    std::map<std::string, Json, std::less<>> m_settings;
    std::function<void(const std::vector<std::string>&)> m_hook;
};

// A backup of every dossier in one JSON document (attachment contents inlined), and its import:
// merged by id; an id already present with different content keeps both (the imported one gets a new id).
[[nodiscard]] Json exportBackup(const DossierStore& store, const std::string& now = {});
ImportReport importBackup(DossierStore& store, const Json& backup, const std::string& now = {});

} // namespace passerelle::dossiers

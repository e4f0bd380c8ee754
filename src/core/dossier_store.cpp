// The directory-backed dossier store: packs of dossiers by id prefix, atomic writes, quarantine, migrations, backup.
//
// [SECTION] File operations
// [SECTION] Loading and migrations
// [SECTION] Saving
// [SECTION] Backup
#include "core/dossier_store.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

namespace passerelle::dossiers {

namespace fs = std::filesystem;

//-----------------------------------------------------------------------------
// [SECTION] File operations
//-----------------------------------------------------------------------------

namespace {
StoreResult ioError(const std::string& what, const std::string& path, int err) {
    StoreResult r;
    r.ok = false;
    r.noSpace = err == ENOSPC || err == EDQUOT;
    if (r.noSpace)
        r.message = "espace de stockage plein en écrivant " + path +
                    " : vos modifications restent en mémoire ; libérez de la place (ou exportez une sauvegarde) puis réessayez";
    else
        r.message = what + " " + path + " impossible (" + std::strerror(err) +
                    ") : vos modifications restent en mémoire, réessayez";
    return r;
}
} // namespace

StoreResult StoreFiles::read(const std::string& path, std::string& out) {
    std::FILE* f = std::fopen(path.c_str(), "rb");
    if (!f)
        return ioError("lecture de", path, errno);
    out.clear();
    char buf[65536];
    std::size_t n = 0;
    while ((n = std::fread(buf, 1, sizeof buf, f)) > 0)
        out.append(buf, n);
    const bool bad = std::ferror(f) != 0;
    const int err = errno;
    std::fclose(f);
    return bad ? ioError("lecture de", path, err) : StoreResult{};
}

StoreResult StoreFiles::readPrefix(const std::string& path, std::size_t bytes, std::string& out) {
    std::FILE* f = std::fopen(path.c_str(), "rb");
    if (!f)
        return ioError("lecture de", path, errno);
    out.assign(bytes, '\0');
    out.resize(std::fread(out.data(), 1, bytes, f));
    std::fclose(f);
    return {};
}

StoreResult StoreFiles::writeAtomic(const std::string& path, std::string_view bytes) {
    const std::string tmp = path + ".tmp";
    std::FILE* f = std::fopen(tmp.c_str(), "wb");
    if (!f)
        return ioError("écriture de", path, errno);
    const bool wrote = std::fwrite(bytes.data(), 1, bytes.size(), f) == bytes.size();
    int err = errno;
    const bool flushed = std::fflush(f) == 0;
    if (wrote && !flushed)
        err = errno;
    const bool closed = std::fclose(f) == 0;
    if (wrote && flushed && !closed)
        err = errno;
    if (!wrote || !flushed || !closed) {
        std::remove(tmp.c_str());
        return ioError("écriture de", path, err ? err : EIO);
    }
    if (std::rename(tmp.c_str(), path.c_str()) != 0) {
        err = errno;
        std::remove(tmp.c_str());
        return ioError("remplacement de", path, err);
    }
    return {};
}

StoreResult StoreFiles::remove(const std::string& path) {
    if (std::remove(path.c_str()) != 0 && errno != ENOENT)
        return ioError("suppression de", path, errno);
    return {};
}

StoreResult StoreFiles::rename(const std::string& from, const std::string& to) {
    if (std::rename(from.c_str(), to.c_str()) != 0)
        return ioError("déplacement de", from, errno);
    return {};
}

StoreResult StoreFiles::makeDirs(const std::string& dir) {
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec)
        return ioError("création du dossier", dir, ec.value());
    return {};
}

std::vector<std::string> StoreFiles::list(const std::string& dir) {
    std::vector<std::string> names;
    std::error_code ec;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
        if (it->is_regular_file(ec))
            names.push_back(it->path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
}

bool StoreFiles::exists(const std::string& path) {
    std::error_code ec;
    return fs::exists(path, ec);
}

namespace {
// The store's files seen through a codec (the vault): writes are encoded before the atomic write, reads
// decoded; a file that does not decode comes back as `corrupt` with its stored bytes, for the quarantine.
class CodecFiles final : public StoreFiles {
public:
    CodecFiles(std::shared_ptr<StoreFiles> inner, std::shared_ptr<const FileCodec> codec, std::string root,
               std::string attachmentsRoot)
        : m_inner(std::move(inner)), m_codec(std::move(codec)), m_root(std::move(root) + "/"),
          m_attachments(std::move(attachmentsRoot) + "/") {}

    StoreResult read(const std::string& path, std::string& out) override {
        std::string stored;
        if (auto r = m_inner->read(path, stored); !r)
            return r;
        std::string why;
        if (auto plain = m_codec->decode(logicalName(path), stored, &why)) {
            out = std::move(*plain);
            return {};
        }
        out = std::move(stored);
        StoreResult r{false, why, false};
        r.corrupt = true;
        return r;
    }
    StoreResult readPrefix(const std::string& path, std::size_t bytes, std::string& out) override {
        // An encrypted file opens whole or not at all.
        auto r = read(path, out);
        if (r && out.size() > bytes)
            out.resize(bytes);
        return r;
    }
    StoreResult writeAtomic(const std::string& path, std::string_view bytes) override {
        std::string why;
        auto stored = m_codec->encode(logicalName(path), bytes, &why);
        if (!stored)
            return {false, "chiffrement de " + path + " impossible : " + why, false};
        return m_inner->writeAtomic(path, *stored);
    }
    StoreResult remove(const std::string& path) override { return m_inner->remove(path); }
    StoreResult rename(const std::string& from, const std::string& to) override {
        // The name is part of what is encrypted: a moved file is re-encrypted under its new name.
        std::string plain;
        if (auto r = read(from, plain); !r)
            return r;
        if (auto r = writeAtomic(to, plain); !r)
            return r;
        return m_inner->remove(from);
    }
    StoreResult makeDirs(const std::string& dir) override { return m_inner->makeDirs(dir); }
    std::vector<std::string> list(const std::string& dir) override { return m_inner->list(dir); }
    bool exists(const std::string& path) override { return m_inner->exists(path); }

private:
    // Relative to the store root; attachments as "attachments/<sha256>" wherever their mount is.
    std::string logicalName(const std::string& path) const {
        if (path.rfind(m_attachments, 0) == 0)
            return "attachments/" + path.substr(m_attachments.size());
        if (path.rfind(m_root, 0) == 0)
            return path.substr(m_root.size());
        return path;
    }

    std::shared_ptr<StoreFiles> m_inner;
    std::shared_ptr<const FileCodec> m_codec;
    std::string m_root;
    std::string m_attachments;
};
} // namespace

//-----------------------------------------------------------------------------
// [SECTION] Loading and migrations
//-----------------------------------------------------------------------------

namespace {
constexpr std::string_view kStoreFormat = "passerelle.store/2";
constexpr std::string_view kPackFormat = "passerelle.store-pack/1";

bool endsWith(std::string_view s, std::string_view suffix) {
    return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

bool validKey(std::string_view key) {
    if (key.empty() || key.size() > 64)
        return false;
    for (char c : key)
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_'))
            return false;
    return true;
}

// The stored copy keeps attachment metadata only: contents are files of their own.
Json storedForm(const Dossier& d) {
    Json j = dossierToJson(d);
    for (auto& s : j["sections"])
        for (auto& a : s["attachments"])
            a.erase("content_b64");
    return j;
}

std::string stampOf(const std::string& now) {
    std::string s;
    for (char c : now)
        if (std::isdigit(static_cast<unsigned char>(c)))
            s += c;
    return s;
}
} // namespace

namespace {
// Who edits next while a hand-off is out. A received copy says it in "handoff"; the sender's copy only
// has the history entry, whose detail names the receiver (« sections confiées à le CFA : … »).
std::string handHolder(const Dossier& d) {
    if (d.handoff.is_object() && d.handoff.contains("to") && d.handoff["to"].is_string())
        return d.handoff["to"].get<std::string>();
    for (auto h = d.history.rbegin(); h != d.history.rend(); ++h) {
        if (h->event == "fusionne" || h->event == "importe" || h->event == "conflit_resolu")
            return "";
        if (h->event != "handoff_exporte")
            continue;
        for (const auto& role : knownRoles())
            if (h->detail.rfind("sections confiées à " + roleLabel(role) + " :", 0) == 0)
                return role;
        return "";
    }
    return "";
}
} // namespace

DossierSummary summaryOf(const Dossier& d) {
    return {d.id, d.scheme, std::string(stateName(d.state)), d.title, d.updatedAt, d.className, handHolder(d)};
}

namespace {
constexpr std::string_view kIndexFormat = "passerelle.store-index/1";

// Packs start with {"gen":N, … so that a lazy load learns their generation from a few bytes.
long long packGeneration(std::string_view prefix) {
    constexpr std::string_view head = "{\"gen\":";
    if (prefix.substr(0, head.size()) != head)
        return -1;
    long long g = 0;
    std::size_t i = head.size();
    if (i >= prefix.size() || !std::isdigit(static_cast<unsigned char>(prefix[i])))
        return -1;
    for (; i < prefix.size() && std::isdigit(static_cast<unsigned char>(prefix[i])) && g < (1LL << 50); ++i)
        g = g * 10 + (prefix[i] - '0');
    return g;
}

Json summaryToJson(const DossierSummary& s) {
    Json j = {{"id", s.id}, {"scheme", s.scheme}, {"state", s.state}, {"title", s.title}, {"updated_at", s.updatedAt}};
    if (!s.className.empty())
        j["class_name"] = s.className;
    if (!s.holder.empty())
        j["holder"] = s.holder;
    return j;
}
} // namespace

DirectoryStore::DirectoryStore(DirectoryStoreOptions options) : m_opt(std::move(options)) {
    m_files = m_opt.files ? m_opt.files : std::make_shared<StoreFiles>();
    m_opt.shardChars = std::clamp(m_opt.shardChars, 0, 64);
    if (m_opt.codec)
        m_files = std::make_shared<CodecFiles>(m_files, m_opt.codec, m_opt.root, attachmentDir());
}

std::string DirectoryStore::now() const { return m_opt.clock ? m_opt.clock() : utcNowIso(); }

std::string DirectoryStore::attachmentDir() const {
    return m_opt.attachmentsRoot.empty() ? m_opt.root + "/attachments" : m_opt.attachmentsRoot;
}

std::string DirectoryStore::shardOf(std::string_view id) const {
    std::string hex;
    for (char c : id)
        if (std::isxdigit(static_cast<unsigned char>(c)))
            hex += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (m_opt.shardChars == 0)
        return "all";
    return hex.substr(0, std::min<std::size_t>(hex.size(), static_cast<std::size_t>(m_opt.shardChars)));
}

bool DirectoryStore::quarantine(const std::string& relPath, const std::string& bytes, const std::string& reason,
                                LoadReport& report) {
    const std::string name = fs::path(relPath).filename().string() + "." + stampOf(now());
    const std::string qdir = m_opt.root + "/quarantine";
    QuarantinedFile q{relPath, "quarantine/" + name, reason};
    auto r = m_files->makeDirs(qdir);
    if (r)
        r = m_files->writeAtomic(qdir + "/" + name, bytes);
    if (r)
        r = m_files->writeAtomic(qdir + "/" + name + ".txt", relPath + " : " + reason + "\n");
    if (!r) {
        // Not moved aside: the original stays where it is, and the report still says so.
        q.movedTo.clear();
        report.result = r;
    }
    report.quarantined.push_back(std::move(q));
    return r.ok;
}

void DirectoryStore::adopt(Dossier d, const std::string& fromFile, LoadReport& report) {
    auto it = m_dossiers.find(d.id);
    if (it != m_dossiers.end()) {
        // The same id in two files (an interrupted migration, a copied file): keep the newer, set the other aside.
        Dossier& kept = it->second;
        const bool newer = d.updatedAt > kept.updatedAt;
        const Dossier& loser = newer ? kept : d;
        quarantine("dossiers/" + loser.id + ".json", storedForm(loser).dump(1),
                   "deux copies du dossier " + loser.id + " (l'autre dans " + fromFile + ") : la plus récente est gardée", report);
        if (newer)
            kept = std::move(d);
        m_dirtyShards.insert(shardOf(kept.id));
        return;
    }
    const std::string id = d.id;
    m_shardIds[shardOf(id)].insert(id);
    m_dossiers.emplace(id, std::move(d));
    ++report.loaded;
}

void DirectoryStore::loadFile(const std::string& name, const std::string& text, LoadReport& report) {
    const std::string rel = "dossiers/" + name;
    const std::string path = dossierDir() + "/" + name;
    JsonError je;
    auto doc = parseStrict(text, &je);
    if (!doc || !doc->is_object() || !doc->contains("format") || !(*doc)["format"].is_string()) {
        if (quarantine(rel, text, doc ? "ni un paquet de dossiers ni un dossier" : "JSON illisible : " + je.message, report))
            (void)m_files->remove(path);
        return;
    }
    const std::string format = (*doc)["format"].get<std::string>();
    if (format == kPackFormat && doc->contains("dossiers") && (*doc)["dossiers"].is_array()) {
        const std::string shard = name.substr(0, name.size() - 5);
        if (doc->contains("gen") && (*doc)["gen"].is_number_integer())
            m_shardGen[shard] = std::max(m_shardGen[shard], (*doc)["gen"].get<long long>());
        std::size_t index = 0;
        for (auto& dj : (*doc)["dossiers"]) {
            ++index;
            std::string err;
            auto d = dossierFromJson(std::move(dj), &err);
            if (!d) {
                // The entry was moved from: the (rare) bad one is read again from the file's text.
                const Json original = (*parseStrict(text))["dossiers"][index - 1];
                if (quarantine(rel + "#" + std::to_string(index), original.dump(1),
                               "dossier n°" + std::to_string(index) + " illisible : " + err, report))
                    m_dirtyShards.insert(shard); // rewritten without it, now that it is set aside
                return;
            }
            if (shardOf(d->id) != shard) { // layout changed (shard_chars) or a misplaced dossier:
                m_dirtyShards.insert(shardOf(d->id)); // written where it belongs,
                m_dirtyShards.insert(shard);          // and this file rewritten without it (or removed)
            }
            adopt(std::move(*d), rel, report);
        }
        return;
    }
    if (format == kDossierFormat) {
        // Store format 1, or a dossier file copied in by hand: adopted into its pack.
        std::string err;
        auto d = dossierFromJson(std::move(*doc), &err);
        if (!d) {
            if (quarantine(rel, text, "dossier illisible : " + err, report))
                (void)m_files->remove(path);
            return;
        }
        m_dirtyShards.insert(shardOf(d->id));
        m_pendingRemovals.push_back(path);
        report.notes.push_back("dossier " + d->id + " repris de " + rel + " (ancienne disposition : un fichier par dossier)");
        adopt(std::move(*d), rel, report);
        return;
    }
    if (quarantine(rel, text, "format « " + format + " » inconnu (version plus récente ?)", report))
        (void)m_files->remove(path);
}

namespace {
const char* kVaultLocked = "les données de l'établissement sont protégées par une phrase de passe : déverrouillez-les d'abord";
} // namespace

LoadReport DirectoryStore::load() {
    LoadReport report;
    // Encrypted files read without their key would all look corrupt: refuse before touching any of them.
    m_lockedOut = !m_opt.codec && m_files->exists(m_opt.root + "/vault.json");
    if (m_lockedOut) {
        report.result = {false, kVaultLocked, false};
        return report;
    }
    ++m_generation;
    m_dossiers.clear();
    m_shardIds.clear();
    m_unopened.clear();
    m_shardGen.clear();
    m_late = {};
    m_dirtyShards.clear();
    m_pendingRemovals.clear();
    m_settings.clear();
    m_metaDirty = false;

    // store.json: which layout the files follow.
    int storedShard = -1;
    const std::string metaPath = m_opt.root + "/store.json";
    if (m_files->exists(metaPath)) {
        std::string text;
        if (auto r = m_files->read(metaPath, text); !r && !r.corrupt) {
            report.result = r;
            return report;
        }
        auto meta = parseStrict(text); // an undecodable (corrupt) file is not JSON either: set aside below
        if (meta && meta->is_object() && textOr(*meta, "format") == kStoreFormat && meta->contains("shard_chars") &&
            (*meta)["shard_chars"].is_number_integer())
            storedShard = (*meta)["shard_chars"].get<int>();
        else if (meta && meta->is_object() && meta->contains("format") && (*meta)["format"].is_string() &&
                 (*meta)["format"].get<std::string>().rfind("passerelle.store/", 0) == 0 && (*meta)["format"] != kStoreFormat) {
            report.result = {false, "ces dossiers ont été enregistrés par une version plus récente de Passerelle (" +
                                        (*meta)["format"].get<std::string>() + ") : mettez l'application à jour", false};
            return report;
        } else
            quarantine("store.json", text, "description du stockage illisible : recréée", report);
    }
    if (storedShard != m_opt.shardChars)
        m_metaDirty = true;

    // With a lazy store, index.json tells which packs hold which dossiers at which generation.
    std::map<std::string, std::pair<long long, std::vector<DossierSummary>>> index;
    bool indexUsable = false;
    if (m_opt.lazy && m_files->exists(m_opt.root + "/index.json")) {
        std::string text;
        if (m_files->read(m_opt.root + "/index.json", text)) {
            auto j = parseStrict(text);
            if (j && j->is_object() && textOr(*j, "format") == kIndexFormat && j->contains("shards") && (*j)["shards"].is_object()) {
                indexUsable = true;
                for (const auto& [shard, e] : (*j)["shards"].items()) {
                    if (!e.is_object() || !e.contains("gen") || !e["gen"].is_number_integer() || !e.contains("dossiers") ||
                        !e["dossiers"].is_array())
                        continue;
                    std::vector<DossierSummary> list;
                    bool ok = true;
                    for (const auto& x : e["dossiers"]) {
                        if (!x.is_object() || !x.contains("id") || !x["id"].is_string()) {
                            ok = false;
                            break;
                        }
                        list.push_back({x["id"].get<std::string>(), textOr(x, "scheme"), textOr(x, "state"),
                                        textOr(x, "title"), textOr(x, "updated_at"), textOr(x, "class_name"),
                                        textOr(x, "holder")});
                    }
                    if (ok)
                        index[shard] = {e["gen"].get<long long>(), std::move(list)};
                }
            }
        }
        if (!indexUsable)
            report.notes.push_back("index.json illisible : tous les dossiers sont relus (il sera réécrit)");
    }
    std::size_t parsedPacks = 0;
    for (const auto& name : m_files->list(dossierDir())) {
        const std::string rel = "dossiers/" + name;
        const std::string path = dossierDir() + "/" + name;
        if (endsWith(name, ".tmp")) {
            // A write interrupted before its rename: the previous file is intact, this one is garbage.
            (void)m_files->remove(path);
            report.notes.push_back("écriture interrompue nettoyée : " + rel);
            continue;
        }
        if (!endsWith(name, ".json"))
            continue;
        const std::string shard = name.substr(0, name.size() - 5);
        if (auto it = index.find(shard); it != index.end() && shard == shardOf(shard)) {
            std::string prefix;
            if (m_files->readPrefix(path, 40, prefix) && packGeneration(prefix) == it->second.first) {
                m_shardGen[shard] = it->second.first;
                for (const auto& summary : it->second.second)
                    m_shardIds[shard].insert(summary.id);
                report.loaded += it->second.second.size();
                m_unopened[shard] = std::move(it->second.second);
                continue;
            }
        }
        std::string text;
        if (auto r = m_files->read(path, text); !r) {
            // An altered encrypted file will not get better: moved aside. An I/O error may (kept in place).
            if (quarantine(rel, text, "fichier illisible : " + r.message, report) && r.corrupt)
                (void)m_files->remove(path);
            continue;
        }
        ++parsedPacks;
        loadFile(name, text, report);
    }
    for (const auto& name : m_files->list(m_opt.root + "/settings")) {
        if (!endsWith(name, ".json"))
            continue;
        std::string text;
        if (auto r = m_files->read(m_opt.root + "/settings/" + name, text); !r) {
            if (r.corrupt && quarantine("settings/" + name, text, "réglage illisible : " + r.message, report))
                (void)m_files->remove(m_opt.root + "/settings/" + name);
            continue;
        }
        if (auto j = parseStrict(text))
            m_settings[name.substr(0, name.size() - 5)] = *j;
        else
            quarantine("settings/" + name, text, "réglage illisible : valeur par défaut reprise", report);
    }
    // Removals that are not shard files of the current layout (legacy per-dossier files, old shards).
    std::sort(m_pendingRemovals.begin(), m_pendingRemovals.end());
    m_pendingRemovals.erase(std::unique(m_pendingRemovals.begin(), m_pendingRemovals.end()), m_pendingRemovals.end());
    if (m_metaDirty || !m_dirtyShards.empty() || !m_pendingRemovals.empty()) {
        if (storedShard >= 0 && storedShard != m_opt.shardChars)
            report.notes.push_back("disposition changée : " + std::to_string(storedShard) + " → " +
                                   std::to_string(m_opt.shardChars) + " caractères d'identifiant par fichier");
        if (auto r = flush(); !r)
            report.result = r;
    }
    if (m_opt.lazy && report.result.ok && (!indexUsable || parsedPacks > 0 || !report.quarantined.empty()))
        if (auto r = checkpoint(); !r)
            report.result = r;
    return report;
}

//-----------------------------------------------------------------------------
// [SECTION] Saving
//-----------------------------------------------------------------------------

void DirectoryStore::openShard(const std::string& shard) const {
    auto it = m_unopened.find(shard);
    if (it == m_unopened.end())
        return;
    m_unopened.erase(it);
    ++m_generation;
    m_shardIds[shard].clear(); // refilled from the pack itself, which is the truth
    // Logically const: the store's content does not change, only how much of it is in memory.
    auto* self = const_cast<DirectoryStore*>(this);
    const std::string name = shard + ".json";
    std::string text;
    if (auto r = m_files->read(dossierDir() + "/" + name, text); !r) {
        if (self->quarantine("dossiers/" + name, text, "fichier illisible : " + r.message, m_late) && r.corrupt)
            (void)m_files->remove(dossierDir() + "/" + name);
        return;
    }
    const std::size_t before = m_late.loaded;
    self->loadFile(name, text, m_late);
    m_late.loaded = before; // already counted by load()
}

void DirectoryStore::openAll() const {
    while (!m_unopened.empty()) {
        // A copy: openShard() erases the map entry, and with it the key a reference would point to.
        const std::string shard = m_unopened.begin()->first;
        openShard(shard);
    }
}

LoadReport DirectoryStore::takeLateReport() {
    LoadReport r = std::move(m_late);
    m_late = {};
    return r;
}

std::vector<DossierSummary> DirectoryStore::summaries() const {
    std::vector<DossierSummary> out;
    out.reserve(m_dossiers.size());
    for (const auto& [id, d] : m_dossiers)
        out.push_back(summaryOf(d));
    for (const auto& [shard, list] : m_unopened)
        out.insert(out.end(), list.begin(), list.end());
    std::sort(out.begin(), out.end(), [](const DossierSummary& a, const DossierSummary& b) { return a.id < b.id; });
    return out;
}

StoreResult DirectoryStore::checkpoint() {
    if (auto r = flush(); !r)
        return r;
    Json shards = Json::object();
    for (const auto& [shard, ids] : m_shardIds) {
        if (ids.empty())
            continue;
        Json list = Json::array();
        if (auto u = m_unopened.find(shard); u != m_unopened.end())
            for (const auto& sum : u->second)
                list.push_back(summaryToJson(sum));
        else
            for (const auto& id : ids)
                if (auto d = m_dossiers.find(id); d != m_dossiers.end())
                    list.push_back(summaryToJson(summaryOf(d->second)));
        auto g = m_shardGen.find(shard);
        shards[shard] = {{"gen", g == m_shardGen.end() ? 0 : g->second}, {"dossiers", std::move(list)}};
    }
    const std::string path = m_opt.root + "/index.json";
    auto r = m_files->writeAtomic(path, Json{{"format", kIndexFormat}, {"shards", std::move(shards)}}.dump(
                                            -1, ' ', false, Json::error_handler_t::replace));
    if (r && m_hook)
        m_hook({path});
    return r;
}

std::vector<const Dossier*> DirectoryStore::list() const {
    openAll();
    std::vector<const Dossier*> out;
    out.reserve(m_dossiers.size());
    for (const auto& [id, d] : m_dossiers)
        out.push_back(&d);
    return out;
}

const Dossier* DirectoryStore::find(std::string_view id) const {
    auto it = m_dossiers.find(id);
    if (it == m_dossiers.end() && m_unopened.count(shardOf(id))) {
        openShard(shardOf(id));
        it = m_dossiers.find(id);
    }
    return it == m_dossiers.end() ? nullptr : &it->second;
}

StoreResult DirectoryStore::save(const Dossier& in) {
    ++m_generation;
    Dossier d = in;
    for (auto& s : d.sections)
        for (auto& a : s.attachments)
            if (a.contentB64) {
                if (auto bytes = base64Decode(*a.contentB64); bytes && sha256Hex(*bytes) == a.sha256)
                    m_pendingBlobs[a.sha256] = std::move(*bytes);
                a.contentB64.reset();
            }
    const std::string id = d.id;
    const std::string shard = shardOf(id);
    openShard(shard); // a pack is rewritten whole: all of it must be in memory first
    m_shardIds[shard].insert(id);
    m_dossiers[id] = std::move(d);
    m_dirtyShards.insert(shard);
    return m_opt.writeThrough ? flush() : StoreResult{};
}

StoreResult DirectoryStore::remove(std::string_view id) {
    ++m_generation;
    openShard(shardOf(id));
    auto it = m_dossiers.find(id);
    if (it == m_dossiers.end())
        return {};
    const std::string shard = shardOf(id);
    m_dirtyShards.insert(shard);
    m_shardIds[shard].erase(std::string(id));
    m_dossiers.erase(it);
    return m_opt.writeThrough ? flush() : StoreResult{};
}

bool DirectoryStore::hasPendingWrites() const {
    return m_metaDirty || !m_dirtyShards.empty() || !m_pendingBlobs.empty() || !m_pendingRemovals.empty();
}

StoreResult DirectoryStore::flush() {
    if (m_lockedOut)
        return {false, kVaultLocked, false};
    if (!hasPendingWrites())
        return {};
    std::vector<std::string> written;
    auto finish = [&](StoreResult r) {
        if (!written.empty() && m_hook)
            m_hook(written);
        return r;
    };
    if (auto r = m_files->makeDirs(dossierDir()); !r)
        return finish(r);
    // Contents first: a pack never names an attachment whose bytes are not on disk yet.
    if (!m_pendingBlobs.empty()) {
        if (auto r = m_files->makeDirs(attachmentDir()); !r)
            return finish(r);
        for (auto it = m_pendingBlobs.begin(); it != m_pendingBlobs.end();) {
            const std::string path = attachmentDir() + "/" + it->first;
            if (!m_files->exists(path)) {
                if (auto r = m_files->writeAtomic(path, it->second); !r)
                    return finish(r);
                written.push_back(path);
            }
            it = m_pendingBlobs.erase(it);
        }
    }
    for (const auto& shard : std::vector<std::string>(m_dirtyShards.begin(), m_dirtyShards.end()))
        openShard(shard);
    std::map<std::string, Json> packs;
    for (const auto& shard : m_dirtyShards) {
        Json list = Json::array();
        if (auto ids = m_shardIds.find(shard); ids != m_shardIds.end())
            for (const auto& id : ids->second)
                if (auto d = m_dossiers.find(id); d != m_dossiers.end())
                    list.push_back(storedForm(d->second));
        packs[shard] = std::move(list);
    }
    for (auto& [shard, list] : packs) {
        const std::string path = dossierDir() + "/" + shard + ".json";
        StoreResult r;
        if (list.empty())
            r = m_files->remove(path);
        else {
            const long long gen = m_shardGen[shard] + 1;
            r = m_files->writeAtomic(path, "{\"gen\":" + std::to_string(gen) + ",\"format\":\"" + std::string(kPackFormat) +
                                               "\",\"dossiers\":" +
                                               list.dump(-1, ' ', false, Json::error_handler_t::replace) + "}");
            if (r)
                m_shardGen[shard] = gen;
        }
        if (!r)
            return finish(r);
        written.push_back(path);
        m_dirtyShards.erase(shard);
    }
    if (m_metaDirty) {
        const std::string path = m_opt.root + "/store.json";
        if (auto r = m_files->writeAtomic(path, Json{{"format", kStoreFormat}, {"shard_chars", m_opt.shardChars}}.dump()); !r)
            return finish(r);
        written.push_back(path);
        m_metaDirty = false;
    }
    for (auto it = m_pendingRemovals.begin(); it != m_pendingRemovals.end();) {
        // Only files that are not a current pack (those were just rewritten).
        const std::string name = fs::path(*it).filename().string();
        const std::string shard = name.substr(0, name.size() - 5);
        const auto ids = m_shardIds.find(shard);
        const bool current = ids != m_shardIds.end() && !ids->second.empty();
        if (!current) {
            if (auto r = m_files->remove(*it); !r)
                return finish(r);
            written.push_back(*it);
        }
        it = m_pendingRemovals.erase(it);
    }
    return finish({});
}

std::size_t DirectoryStore::fileCount() const { return m_files->list(dossierDir()).size(); }

std::optional<Json> DirectoryStore::setting(std::string_view key) const {
    auto it = m_settings.find(key);
    if (it == m_settings.end())
        return std::nullopt;
    return it->second;
}

StoreResult DirectoryStore::putSetting(std::string_view key, const Json& value) {
    if (m_lockedOut)
        return {false, kVaultLocked, false};
    if (!validKey(key))
        return {false, "nom de réglage « " + std::string(key) + " » invalide", false};
    m_settings[std::string(key)] = value;
    if (auto r = m_files->makeDirs(m_opt.root + "/settings"); !r)
        return r;
    const std::string path = m_opt.root + "/settings/" + std::string(key) + ".json";
    auto r = m_files->writeAtomic(path, value.dump(1));
    if (r && m_hook)
        m_hook({path});
    return r;
}

std::optional<std::string> DirectoryStore::attachmentBytes(std::string_view sha256) const {
    if (auto it = m_pendingBlobs.find(std::string(sha256)); it != m_pendingBlobs.end())
        return it->second;
    if (sha256.size() != 64 || !std::all_of(sha256.begin(), sha256.end(), [](char c) {
            return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
        }))
        return std::nullopt; // never a path: only a hash names a file here
    std::string bytes;
    if (!m_files->read(attachmentDir() + "/" + std::string(sha256), bytes))
        return std::nullopt;
    if (sha256Hex(bytes) != sha256)
        return std::nullopt; // altered on disk: never hand out bytes that do not match their hash
    return bytes;
}

bool DirectoryStore::removeAttachmentIfUnused(std::string_view sha256, StoreResult* result) {
    if (sha256.size() != 64 || !std::all_of(sha256.begin(), sha256.end(), [](char c) {
            return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
        }))
        return false; // never a path: only a hash names a file here
    openAll();
    for (const auto& [id, d] : m_dossiers)
        for (const auto& s : d.sections)
            for (const auto& a : s.attachments)
                if (a.sha256 == sha256)
                    return false;
    m_pendingBlobs.erase(std::string(sha256));
    const std::string path = attachmentDir() + "/" + std::string(sha256);
    if (!m_files->exists(path))
        return false;
    auto r = m_files->remove(path);
    if (result)
        *result = r;
    if (r && m_hook)
        m_hook({path});
    return r.ok;
}

//-----------------------------------------------------------------------------
// [SECTION] Backup
//-----------------------------------------------------------------------------

Json exportBackup(const DossierStore& store, const std::string& nowIn) {
    Json list = Json::array();
    for (const Dossier* d : store.list()) {
        Dossier full = *d;
        for (auto& s : full.sections)
            for (auto& a : s.attachments)
                if (!a.contentB64)
                    if (auto bytes = store.attachmentBytes(a.sha256))
                        a.contentB64 = base64Encode(*bytes);
        list.push_back(dossierToJson(full));
    }
    return {{"format", "passerelle.backup/1"}, {"exported_at", nowIn.empty() ? utcNowIso() : nowIn}, {"dossiers", list}};
}

ImportReport importBackup(DossierStore& store, const Json& backup, const std::string& nowIn) {
    ImportReport rep;
    const std::string now = nowIn.empty() ? utcNowIso() : nowIn;
    if (!backup.is_object() || textOr(backup, "format") != "passerelle.backup/1" || !backup.contains("dossiers") ||
        !backup["dossiers"].is_array()) {
        rep.result = {false, "ce fichier n'est pas une sauvegarde Passerelle (format passerelle.backup/1 attendu)", false};
        return rep;
    }
    std::size_t index = 0;
    for (const auto& dj : backup["dossiers"]) {
        ++index;
        std::string err;
        auto d = dossierFromJson(dj, &err);
        if (!d) {
            rep.problems.push_back("dossier n°" + std::to_string(index) + " : " + err);
            continue;
        }
        const Dossier* existing = store.find(d->id);
        if (existing && storedForm(*existing) == storedForm(*d)) {
            ++rep.unchanged;
            continue;
        }
        if (existing) {
            const std::string oldId = d->id;
            do
                d->id = newDossierId();
            while (store.find(d->id));
            d->title += " (copie restaurée)";
            d->history.push_back({now, "importe", "", "restauré d'une sauvegarde ; le dossier " + oldId +
                                                          " existait déjà avec un autre contenu : les deux sont gardés"});
            ++rep.keptBoth;
        } else
            ++rep.added;
        if (auto r = store.save(*d); !r && rep.result.ok)
            rep.result = r;
    }
    if (rep.result.ok)
        rep.result = store.flush();
    return rep;
}

} // namespace passerelle::dossiers

// The passphrase vault: key wrapping (Argon2id), file encryption (XChaCha20-Poly1305), crash-safe protect/unprotect/change.
//
// [SECTION] Data key and metadata
// [SECTION] File encryption
// [SECTION] Directory operations
#include "core/vault.hpp"

#include "core/json_strict.hpp"
#include "core/sodium_util.hpp"

#include <sodium.h>

#include <algorithm>
#include <cstring>

namespace passerelle::vault {

//-----------------------------------------------------------------------------
// [SECTION] Data key and metadata
//-----------------------------------------------------------------------------

namespace {
constexpr unsigned long long kMaxOpslimit = 16;
constexpr std::size_t kMaxMemlimit = 1024u * 1024u * 1024u;
constexpr std::size_t kWrappedBytes = 32 + crypto_aead_xchacha20poly1305_ietf_ABYTES;

const char* stateName(VaultState s) {
    switch (s) {
    case VaultState::Enabling: return "enabling";
    case VaultState::Disabling: return "disabling";
    default: return "on";
    }
}

// The wrapped key is bound to the format and its id: a key id edited in vault.json does not unwrap.
std::string wrapAd(const KeyId& id) { return std::string(kMetaFormat) + ":" + toHex(id.data(), id.size()); }

template <std::size_t N> bool fromB64(const Json& j, std::array<std::uint8_t, N>& out) {
    if (!j.is_string())
        return false;
    auto b = base64UrlDecode(j.get<std::string>());
    if (!b || b->size() != N)
        return false;
    std::copy(b->begin(), b->end(), out.begin());
    return true;
}

bool deriveKek(std::uint8_t* kek, std::string_view passphrase, const VaultMeta& m) {
    return crypto_pwhash(kek, 32, passphrase.data(), passphrase.size(), m.salt.data(), m.kdf.opslimit, m.kdf.memlimit,
                         crypto_pwhash_ALG_ARGON2ID13) == 0;
}
} // namespace

DataKey::DataKey() {
    (void)sodiumReady();
    randombytes_buf(m_key.data(), m_key.size());
    randombytes_buf(m_id.data(), m_id.size());
}

DataKey::DataKey(const std::uint8_t* key32, const KeyId& id) : m_id(id) { std::memcpy(m_key.data(), key32, 32); }

DataKey::~DataKey() { sodium_memzero(m_key.data(), m_key.size()); }

std::optional<VaultMeta> parseMeta(std::string_view text, std::string* error) {
    auto fail = [&](const std::string& why) -> std::optional<VaultMeta> {
        if (error)
            *error = "Fichier du coffre (vault.json) illisible : " + why + ".";
        return std::nullopt;
    };
    JsonError je;
    auto j = parseStrict(text, &je);
    if (!j)
        return fail(je.message);
    if (!j->is_object() || !j->contains("format") || !(*j)["format"].is_string())
        return fail("objet avec « format » attendu");
    if ((*j)["format"] != kMetaFormat)
        return fail("format « " + (*j)["format"].get<std::string>() + " » inconnu (version plus récente ?)");
    VaultMeta m;
    const std::string state = textOr(*j, "state");
    if (state == "on")
        m.state = VaultState::On;
    else if (state == "enabling")
        m.state = VaultState::Enabling;
    else if (state == "disabling")
        m.state = VaultState::Disabling;
    else
        return fail("état « " + state + " » inconnu");
    const Json kdf = j->value("kdf", Json());
    if (!kdf.is_object() || kdf.value("alg", Json()) != "argon2id13" || !kdf.value("opslimit", Json()).is_number_unsigned() ||
        !kdf.value("memlimit", Json()).is_number_unsigned() || !fromB64(kdf.value("salt", Json()), m.salt))
        return fail("paramètres Argon2id absents ou invalides");
    m.kdf.opslimit = kdf["opslimit"].get<unsigned long long>();
    const auto mem = kdf["memlimit"].get<unsigned long long>();
    if (m.kdf.opslimit < crypto_pwhash_OPSLIMIT_MIN || m.kdf.opslimit > kMaxOpslimit || mem < crypto_pwhash_MEMLIMIT_MIN ||
        mem > kMaxMemlimit)
        return fail("coût Argon2id hors des limites");
    m.kdf.memlimit = static_cast<std::size_t>(mem);
    const Json key = j->value("key", Json());
    if (!key.is_object() || key.value("aead", Json()) != "xchacha20poly1305-ietf" || !fromB64(key.value("id", Json()), m.keyId) ||
        !fromB64(key.value("nonce", Json()), m.nonce))
        return fail("clé enveloppée absente ou invalide");
    const Json w = key.value("wrapped", Json());
    auto wrapped = w.is_string() ? base64UrlDecode(w.get<std::string>()) : std::nullopt;
    if (!wrapped || wrapped->size() != kWrappedBytes)
        return fail("clé enveloppée de taille inattendue");
    m.wrapped = std::move(*wrapped);
    return m;
}

std::string metaToText(const VaultMeta& m) {
    const Json j = {
        {"format", kMetaFormat},
        {"state", stateName(m.state)},
        {"kdf",
         {{"alg", "argon2id13"},
          {"salt", base64UrlEncode(m.salt.data(), m.salt.size())},
          {"opslimit", m.kdf.opslimit},
          {"memlimit", m.kdf.memlimit}}},
        {"key",
         {{"aead", "xchacha20poly1305-ietf"},
          {"id", base64UrlEncode(m.keyId.data(), m.keyId.size())},
          {"nonce", base64UrlEncode(m.nonce.data(), m.nonce.size())},
          {"wrapped", base64UrlEncode(m.wrapped)}}},
    };
    return j.dump(1) + "\n";
}

std::optional<VaultMeta> wrapKey(const DataKey& key, std::string_view passphrase, KdfParams kdf, VaultState state,
                                 std::string* error) {
    if (!sodiumReady()) {
        if (error)
            *error = "Chiffrement indisponible sur cet appareil (libsodium n’a pas démarré).";
        return std::nullopt;
    }
    VaultMeta m;
    m.state = state;
    m.kdf = kdf;
    m.keyId = key.id();
    randombytes_buf(m.salt.data(), m.salt.size());
    randombytes_buf(m.nonce.data(), m.nonce.size());
    std::array<std::uint8_t, 32> kek{};
    if (!deriveKek(kek.data(), passphrase, m)) {
        if (error)
            *error = "Pas assez de mémoire pour dériver la clé (" + std::to_string(kdf.memlimit >> 20) +
                     " Mo nécessaires) : rien n’a été modifié.";
        return std::nullopt;
    }
    const std::string ad = wrapAd(m.keyId);
    m.wrapped.resize(kWrappedBytes);
    unsigned long long len = 0;
    crypto_aead_xchacha20poly1305_ietf_encrypt(m.wrapped.data(), &len, key.bytes(), 32,
                                               reinterpret_cast<const unsigned char*>(ad.data()), ad.size(), nullptr,
                                               m.nonce.data(), kek.data());
    sodium_memzero(kek.data(), kek.size());
    return m;
}

std::shared_ptr<const DataKey> unwrapKey(const VaultMeta& m, std::string_view passphrase, std::string* error) {
    if (!sodiumReady()) {
        if (error)
            *error = "Chiffrement indisponible sur cet appareil (libsodium n’a pas démarré).";
        return nullptr;
    }
    std::array<std::uint8_t, 32> kek{};
    if (!deriveKek(kek.data(), passphrase, m)) {
        if (error)
            *error = "Pas assez de mémoire pour dériver la clé (" + std::to_string(m.kdf.memlimit >> 20) + " Mo nécessaires).";
        return nullptr;
    }
    std::array<std::uint8_t, 32> key{};
    unsigned long long len = 0;
    const std::string ad = wrapAd(m.keyId);
    const int rc = crypto_aead_xchacha20poly1305_ietf_decrypt(key.data(), &len, nullptr, m.wrapped.data(), m.wrapped.size(),
                                                              reinterpret_cast<const unsigned char*>(ad.data()), ad.size(),
                                                              m.nonce.data(), kek.data());
    sodium_memzero(kek.data(), kek.size());
    if (rc != 0 || len != 32) {
        if (error)
            *error = kWrongPassphrase;
        return nullptr;
    }
    auto out = std::make_shared<const DataKey>(key.data(), m.keyId);
    sodium_memzero(key.data(), key.size());
    return out;
}

//-----------------------------------------------------------------------------
// [SECTION] File encryption
//-----------------------------------------------------------------------------

bool isEncrypted(std::string_view stored) { return stored.substr(0, kFileMagic.size()) == kFileMagic; }

namespace {
std::string fileAd(std::string_view header, std::string_view logicalName) {
    std::string ad(header);
    ad += logicalName;
    return ad;
}
} // namespace

std::string encryptFile(const DataKey& key, std::string_view logicalName, std::string_view plain) {
    std::string out(kFileOverhead + plain.size(), '\0');
    auto* p = reinterpret_cast<unsigned char*>(out.data());
    std::memcpy(p, kFileMagic.data(), kFileMagic.size());
    std::memcpy(p + 8, key.id().data(), 8);
    randombytes_buf(p + kHeaderBytes, 24); // 192-bit random nonces: no counter to keep, no reuse in practice
    const std::string ad = fileAd(std::string_view(out.data(), kHeaderBytes), logicalName);
    unsigned long long len = 0;
    crypto_aead_xchacha20poly1305_ietf_encrypt(p + kHeaderBytes + 24, &len,
                                               reinterpret_cast<const unsigned char*>(plain.data()), plain.size(),
                                               reinterpret_cast<const unsigned char*>(ad.data()), ad.size(), nullptr,
                                               p + kHeaderBytes, key.bytes());
    return out;
}

std::optional<std::string> decryptFile(const DataKey& key, std::string_view logicalName, std::string_view stored,
                                       std::string* error) {
    auto fail = [&](const char* why) -> std::optional<std::string> {
        if (error)
            *error = why;
        return std::nullopt;
    };
    if (!isEncrypted(stored))
        return fail("fichier non chiffré alors que les données sont protégées");
    if (stored.size() < kFileOverhead)
        return fail("fichier chiffré tronqué");
    if (std::memcmp(stored.data() + 8, key.id().data(), 8) != 0)
        return fail("fichier chiffré avec une autre clé (il ne vient pas de ce coffre)");
    const std::string ad = fileAd(stored.substr(0, kHeaderBytes), logicalName);
    std::string out(stored.size() - kFileOverhead, '\0');
    unsigned long long len = 0;
    const auto* p = reinterpret_cast<const unsigned char*>(stored.data());
    if (crypto_aead_xchacha20poly1305_ietf_decrypt(reinterpret_cast<unsigned char*>(out.data()), &len, nullptr,
                                                   p + kHeaderBytes + 24, stored.size() - kHeaderBytes - 24,
                                                   reinterpret_cast<const unsigned char*>(ad.data()), ad.size(),
                                                   p + kHeaderBytes, key.bytes()) != 0)
        return fail("fichier chiffré altéré, tronqué ou échangé avec un autre");
    out.resize(static_cast<std::size_t>(len));
    return out;
}

std::optional<std::string> VaultCodec::encode(std::string_view logicalName, std::string_view plain, std::string*) const {
    return encryptFile(*m_key, logicalName, plain);
}

std::optional<std::string> VaultCodec::decode(std::string_view logicalName, std::string_view stored,
                                              std::string* error) const {
    return decryptFile(*m_key, logicalName, stored, error);
}

//-----------------------------------------------------------------------------
// [SECTION] Directory operations
//-----------------------------------------------------------------------------

namespace {
bool endsWith(std::string_view s, std::string_view suffix) {
    return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}
} // namespace

VaultDirectory::VaultDirectory(VaultLayout layout, std::shared_ptr<dossiers::StoreFiles> files)
    : m_layout(std::move(layout)), m_files(files ? std::move(files) : std::make_shared<dossiers::StoreFiles>()) {
    if (m_layout.attachmentsRoot.empty())
        m_layout.attachmentsRoot = m_layout.root + "/attachments";
}

bool VaultDirectory::configured() const { return m_files->exists(metaPath()); }

std::optional<VaultMeta> VaultDirectory::readMeta(std::string* error) const {
    std::string text;
    if (auto r = m_files->read(metaPath(), text); !r) {
        if (error)
            *error = "Fichier du coffre (vault.json) illisible : " + r.message + ".";
        return std::nullopt;
    }
    return parseMeta(text, error);
}

std::vector<FileRef> VaultDirectory::files() const {
    std::vector<FileRef> out;
    for (const char* top : {"store.json", "index.json"})
        if (m_files->exists(m_layout.root + "/" + top))
            out.push_back({m_layout.root + "/" + top, top});
    for (const auto& extra : m_layout.extraFiles)
        if (m_files->exists(m_layout.root + "/" + extra))
            out.push_back({m_layout.root + "/" + extra, extra});
    for (const char* dir : {"dossiers", "settings", "quarantine"})
        for (const auto& name : m_files->list(m_layout.root + "/" + dir))
            if (!endsWith(name, ".tmp"))
                out.push_back({m_layout.root + "/" + dir + "/" + name, std::string(dir) + "/" + name});
    for (const auto& name : m_files->list(m_layout.attachmentsRoot))
        if (!endsWith(name, ".tmp"))
            out.push_back({m_layout.attachmentsRoot + "/" + name, "attachments/" + name});
    return out;
}

dossiers::StoreResult VaultDirectory::writeMeta(const VaultMeta& meta) {
    return m_files->writeAtomic(metaPath(), metaToText(meta));
}

ConvertReport VaultDirectory::encryptAll(const DataKey& key) {
    ConvertReport rep;
    for (const auto& f : files()) {
        std::string bytes;
        if (auto r = m_files->read(f.path, bytes); !r) {
            rep.result = r;
            return rep;
        }
        if (isEncrypted(bytes)) {
            ++rep.already;
            continue;
        }
        if (auto r = m_files->writeAtomic(f.path, encryptFile(key, f.logicalName, bytes)); !r) {
            rep.result = r;
            return rep;
        }
        ++rep.converted;
    }
    return rep;
}

ConvertReport VaultDirectory::decryptAll(const DataKey& key) {
    ConvertReport rep;
    for (const auto& f : files()) {
        std::string bytes;
        if (auto r = m_files->read(f.path, bytes); !r) {
            rep.result = r;
            return rep;
        }
        if (!isEncrypted(bytes)) {
            ++rep.already;
            continue;
        }
        std::string why;
        auto plain = decryptFile(key, f.logicalName, bytes, &why);
        if (!plain) {
            // Left encrypted: the store quarantines it when it reads it, the report names it now.
            rep.unreadable.push_back({f.logicalName, "", why});
            continue;
        }
        if (auto r = m_files->writeAtomic(f.path, *plain); !r) {
            rep.result = r;
            return rep;
        }
        ++rep.converted;
    }
    return rep;
}

std::shared_ptr<const DataKey> VaultDirectory::protect(std::string_view passphrase, KdfParams kdf, std::string* error,
                                                       ConvertReport* report) {
    if (configured()) {
        if (error)
            *error = "Les données de l’établissement sont déjà protégées par une phrase de passe.";
        return nullptr;
    }
    auto key = std::make_shared<const DataKey>();
    auto meta = wrapKey(*key, passphrase, kdf, VaultState::Enabling, error);
    if (!meta)
        return nullptr;
    // vault.json first: if the tab closes half-way, the next unlock knows some files are still plain.
    if (auto r = writeMeta(*meta); !r) {
        if (error)
            *error = "La protection n’a pas été activée : " + r.message + ".";
        return nullptr;
    }
    ConvertReport rep = encryptAll(*key);
    if (report)
        *report = rep;
    if (!rep.result) {
        if (error)
            *error = "Chiffrement interrompu : " + rep.result.message + ". Il reprendra au prochain déverrouillage.";
        return key; // the vault exists and the key is right: what is left is finished later
    }
    meta->state = VaultState::On;
    if (auto r = writeMeta(*meta); !r && error)
        *error = "Protection activée, mais son état n’a pas été enregistré : " + r.message + ".";
    return key;
}

std::shared_ptr<const DataKey> VaultDirectory::unlock(std::string_view passphrase, std::string* error,
                                                      ConvertReport* report) {
    auto meta = readMeta(error);
    if (!meta)
        return nullptr;
    auto key = unwrapKey(*meta, passphrase, error);
    if (!key)
        return nullptr;
    if (meta->state == VaultState::Enabling) {
        ConvertReport rep = encryptAll(*key);
        if (report)
            *report = rep;
        if (rep.result) {
            meta->state = VaultState::On;
            (void)writeMeta(*meta);
        }
    } else if (meta->state == VaultState::Disabling) {
        ConvertReport rep = decryptAll(*key);
        if (report)
            *report = rep;
        // Finished: no vault any more (configured() is false), the caller opens the store plain.
        if (rep.result && rep.unreadable.empty())
            (void)m_files->remove(metaPath());
    }
    return key;
}

bool VaultDirectory::unprotect(std::string_view passphrase, std::string* error, ConvertReport* report) {
    auto meta = readMeta(error);
    if (!meta)
        return false;
    auto key = unwrapKey(*meta, passphrase, error);
    if (!key)
        return false;
    meta->state = VaultState::Disabling;
    if (auto r = writeMeta(*meta); !r) {
        if (error)
            *error = "La protection n’a pas été retirée : " + r.message + ".";
        return false;
    }
    ConvertReport rep = decryptAll(*key);
    if (report)
        *report = rep;
    if (!rep.result) {
        if (error)
            *error = "Déchiffrement interrompu : " + rep.result.message + ". Il reprendra au prochain déverrouillage.";
        return false;
    }
    if (!rep.unreadable.empty()) {
        // The vault stays (still needed to read them): nothing is thrown away silently.
        if (error)
            *error = std::to_string(rep.unreadable.size()) + " fichier(s) chiffré(s) illisible(s) (" +
                     rep.unreadable.front().file + " : " + rep.unreadable.front().reason +
                     ") : la phrase de passe reste nécessaire pour eux.";
        return false;
    }
    if (auto r = m_files->remove(metaPath()); !r) {
        if (error)
            *error = "Fichiers déchiffrés, mais vault.json n’a pas pu être supprimé : " + r.message + ".";
        return false;
    }
    return true;
}

bool VaultDirectory::changePassphrase(std::string_view oldPassphrase, std::string_view newPassphrase, std::string* error,
                                      std::optional<KdfParams> kdf) {
    auto meta = readMeta(error);
    if (!meta)
        return false;
    auto key = unwrapKey(*meta, oldPassphrase, error);
    if (!key)
        return false;
    // Same data key, new salt and wrapping: one atomic write, so the old or the new passphrase opens it.
    auto next = wrapKey(*key, newPassphrase, kdf.value_or(meta->kdf), meta->state, error);
    if (!next)
        return false;
    if (auto r = writeMeta(*next); !r) {
        if (error)
            *error = "La phrase de passe n’a pas été changée : " + r.message + ". L’ancienne reste valable.";
        return false;
    }
    return true;
}

} // namespace passerelle::vault

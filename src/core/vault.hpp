// Encryption at rest for establishment data: passphrase → Argon2id → key-encryption key → data key → XChaCha20-Poly1305 files.
//
// Layout (docs/vault.md): <root>/vault.json holds the salt, the Argon2id cost and the data key wrapped
// by the passphrase's key. Every establishment file is encrypted with the data key:
//   "PSVAULT1" (8 bytes: magic and version) | key id (8) | nonce (24) | ciphertext and tag (16)
// with associated data = the 16 header bytes and the file's logical name (its path relative to the
// store root), so a file cannot be swapped for another one, nor its header edited.
// A passphrase change re-wraps the data key: one atomic write of vault.json, no file rewritten.
#pragma once

#include "core/dossier_store.hpp"
#include "core/jwk.hpp"

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace passerelle::vault {

inline constexpr std::string_view kMetaFormat = "passerelle.vault/1";
inline constexpr std::string_view kFileMagic = "PSVAULT1";
inline constexpr std::size_t kHeaderBytes = 16;          // magic + key id
inline constexpr std::size_t kFileOverhead = 16 + 24 + 16; // header + nonce + tag
inline constexpr const char* kWrongPassphrase = "Phrase de passe incorrecte.";

using KeyId = std::array<std::uint8_t, 8>;

// The 256-bit data key, in memory only while the vault is unlocked; wiped when destroyed.
class DataKey {
public:
    DataKey(); // random
    DataKey(const std::uint8_t* key32, const KeyId& id);
    DataKey(const DataKey&) = delete;
    DataKey& operator=(const DataKey&) = delete;
    ~DataKey();
    [[nodiscard]] const std::uint8_t* bytes() const { return m_key.data(); }
    [[nodiscard]] const KeyId& id() const { return m_id; }

private:
    std::array<std::uint8_t, 32> m_key{};
    KeyId m_id{};
};

enum class VaultState {
    On,        // every establishment file is encrypted
    Enabling,  // protection being turned on: plain files left are encrypted at the next unlock
    Disabling, // protection being turned off: encrypted files left are decrypted at the next unlock
};

struct VaultMeta {
    VaultState state = VaultState::On;
    KdfParams kdf;
    std::array<std::uint8_t, 16> salt{};
    KeyId keyId{};
    std::array<std::uint8_t, 24> nonce{};
    std::vector<std::uint8_t> wrapped; // 32 + 16 bytes
};

[[nodiscard]] std::optional<VaultMeta> parseMeta(std::string_view text, std::string* error);
[[nodiscard]] std::string metaToText(const VaultMeta& meta);

// Wraps `key` under `passphrase` with a fresh salt and nonce. nullopt (French error) if Argon2id
// cannot get its memory.
[[nodiscard]] std::optional<VaultMeta> wrapKey(const DataKey& key, std::string_view passphrase, KdfParams kdf,
                                               VaultState state, std::string* error);
// kWrongPassphrase when the passphrase does not open the key.
[[nodiscard]] std::shared_ptr<const DataKey> unwrapKey(const VaultMeta& meta, std::string_view passphrase,
                                                       std::string* error);

[[nodiscard]] bool isEncrypted(std::string_view stored);
[[nodiscard]] std::string encryptFile(const DataKey& key, std::string_view logicalName, std::string_view plain);
// French error: not encrypted, another key, truncated, altered, or another file's contents.
[[nodiscard]] std::optional<std::string> decryptFile(const DataKey& key, std::string_view logicalName,
                                                     std::string_view stored, std::string* error);

// The dossier store's codec while the vault is unlocked.
class VaultCodec final : public dossiers::FileCodec {
public:
    explicit VaultCodec(std::shared_ptr<const DataKey> key) : m_key(std::move(key)) {}
    [[nodiscard]] std::optional<std::string> encode(std::string_view logicalName, std::string_view plain,
                                                    std::string* error) const override;
    [[nodiscard]] std::optional<std::string> decode(std::string_view logicalName, std::string_view stored,
                                                    std::string* error) const override;

private:
    std::shared_ptr<const DataKey> m_key;
};

// A file of the establishment's data: where it is and the name its encryption is bound to.
struct FileRef {
    std::string path;
    std::string logicalName;
};

// Where establishment data lives, and which files outside the dossier store belong to it.
struct VaultLayout {
    std::string root;            // the store root (vault.json lives here)
    std::string attachmentsRoot; // empty: root + "/attachments"
    std::vector<std::string> extraFiles{"profile.json", "signing_key.jwk"}; // relative to root
};

struct ConvertReport {
    std::size_t converted = 0; // files rewritten
    std::size_t already = 0;   // files already in the wanted form
    std::vector<dossiers::QuarantinedFile> unreadable; // encrypted files that did not decrypt (left as they are)
    dossiers::StoreResult result;
};

// Passphrase operations on a directory, each crash-safe: vault.json says what was under way, and the
// next unlock finishes it. Files are rewritten through StoreFiles::writeAtomic (new file, then rename).
class VaultDirectory {
public:
    VaultDirectory(VaultLayout layout, std::shared_ptr<dossiers::StoreFiles> files = nullptr);

    [[nodiscard]] bool configured() const;
    [[nodiscard]] std::optional<VaultMeta> readMeta(std::string* error) const;
    // Every establishment file present (store files, attachments, extra files), *.tmp left aside.
    [[nodiscard]] std::vector<FileRef> files() const;
    [[nodiscard]] std::string logicalNameOf(std::string_view relPath) const { return std::string(relPath); }

    // Turns protection on: vault.json (enabling) → every file encrypted → vault.json (on).
    std::shared_ptr<const DataKey> protect(std::string_view passphrase, KdfParams kdf, std::string* error,
                                           ConvertReport* report = nullptr);
    // Opens the key; finishes an interrupted protect or unprotect (after a finished unprotect configured()
    // is false). Nothing is written on a wrong passphrase.
    std::shared_ptr<const DataKey> unlock(std::string_view passphrase, std::string* error,
                                          ConvertReport* report = nullptr);
    // Turns protection off: vault.json (disabling) → every file decrypted → vault.json removed.
    bool unprotect(std::string_view passphrase, std::string* error, ConvertReport* report = nullptr);
    // Re-wraps the data key under the new passphrase (keeps the Argon2id cost unless `kdf` is given).
    bool changePassphrase(std::string_view oldPassphrase, std::string_view newPassphrase, std::string* error,
                          std::optional<KdfParams> kdf = std::nullopt);

    // Encrypts plain files / decrypts encrypted ones (idempotent: what is done already is skipped).
    ConvertReport encryptAll(const DataKey& key);
    ConvertReport decryptAll(const DataKey& key);

private:
    [[nodiscard]] std::string metaPath() const { return m_layout.root + "/vault.json"; }
    dossiers::StoreResult writeMeta(const VaultMeta& meta);

    VaultLayout m_layout;
    std::shared_ptr<dossiers::StoreFiles> m_files;
};

} // namespace passerelle::vault

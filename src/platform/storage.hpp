// Storage sync capability: files under /data kept in IndexedDB (IDBFS), saved in debounced batches.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace passerelle::platform {

enum class StorageStatus {
    Saved,       // everything written is in IndexedDB (« Enregistré »)
    Saving,      // a save is scheduled or running (« Enregistrement… »)
    Error,       // the last save failed; the next write retries (« Erreur d'enregistrement »)
    Unavailable, // no IndexedDB (blocked, private mode): the app works in memory only
    ReadOnly,    // another tab is the writer: this one reads what was saved and never saves
};

// Where persistent files live. The web glue loads it from IndexedDB before main() runs.
inline constexpr const char* kStorageRoot = "/data";
// Attachment contents: a second IDBFS mount (its own database), so that a sync of /data never
// compares the big files and the big files are never rewritten when a dossier changes.
inline constexpr const char* kAttachmentsRoot = "/attachments";

[[nodiscard]] StorageStatus storageStatus();
// A plain French sentence about the status when something is wrong (empty when all is well).
[[nodiscard]] std::string storageDetail();

// Reads a file under the storage root (`name` is relative, e.g. "profile.json"); nullopt if absent.
[[nodiscard]] std::optional<std::string> storageRead(std::string_view name);
// Writes a whole file (temporary file + rename, so a reader never sees half a file) and schedules
// one batched save to IndexedDB. Returns false with a French message if the write itself failed.
bool storageWrite(std::string_view name, std::string_view content, std::string* error = nullptr);
// Saves now what is pending (the web glue also does it when the page is hidden or closed).
void storageFlush();
// Files under the storage roots were written (or removed) by other code (the dossier store): schedule
// one batched save. Naming the paths lets the save write just those (no full IDBFS comparison).
void storageChanged(const std::vector<std::string>& paths);
// Saves again at once after an error (the « Réessayer » button).
void storageRetry();
// True when another tab holds the writer lock (web/storage.js): nothing is saved from this one.
[[nodiscard]] bool storageReadOnly();

} // namespace passerelle::platform

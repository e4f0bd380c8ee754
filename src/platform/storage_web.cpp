// Storage sync on the web: files live in the IDBFS mount; web/storage.js owns the debounced FS.syncfs.
#ifdef __EMSCRIPTEN__
#include "platform/storage.hpp"

#include <emscripten/emscripten.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

namespace passerelle::platform {
namespace {

// Status codes shared with web/storage.js (PasserelleWeb.storage.code()).
EM_JS(int, js_storage_code, (), { return PasserelleWeb.storage.code(); });
EM_JS(char*, js_storage_detail, (), {
    const s = PasserelleWeb.storage.detail || "";
    const n = lengthBytesUTF8(s) + 1;
    const p = _malloc(n);
    stringToUTF8(s, p, n);
    return p;
});
EM_JS(void, js_storage_request_save, (), { PasserelleWeb.storage.requestSave(); });
EM_JS(void, js_storage_flush, (), { PasserelleWeb.storage.flush(); });
EM_JS(void, js_storage_changed, (const char* pathsNul), {
    // "a\0b\0\0": paths separated by NUL bytes, ended by an empty one
    const paths = [];
    for (let p = pathsNul; HEAPU8[p] !== 0;) {
        const s = UTF8ToString(p);
        paths.push(s);
        p += lengthBytesUTF8(s) + 1;
    }
    PasserelleWeb.storage.requestSave(paths);
});
EM_JS(void, js_storage_retry, (), { PasserelleWeb.storage.retry(); });
EM_JS(int, js_storage_read_only, (), { return PasserelleWeb.storage.readOnly ? 1 : 0; });

std::string pathOf(std::string_view name) {
    return std::string(kStorageRoot) + "/" + std::string(name);
}

} // namespace

StorageStatus storageStatus() {
    switch (js_storage_code()) {
    case 0: return StorageStatus::Saved;
    case 1: return StorageStatus::Saving;
    case 2: return StorageStatus::Error;
    case 4: return StorageStatus::ReadOnly;
    default: return StorageStatus::Unavailable;
    }
}

std::string storageDetail() {
    char* p = js_storage_detail();
    std::string s(p);
    std::free(p);
    return s;
}

std::optional<std::string> storageRead(std::string_view name) {
    std::ifstream in(pathOf(name), std::ios::binary);
    if (!in) return std::nullopt;
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

bool storageWrite(std::string_view name, std::string_view content, std::string* error) {
    const std::string path = pathOf(name);
    const std::string tmp = path + ".tmp";
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        out.write(content.data(), static_cast<std::streamsize>(content.size()));
        if (!out) {
            if (error) *error = "écriture impossible de " + path;
            return false;
        }
    }
    if (std::rename(tmp.c_str(), path.c_str()) != 0) {
        if (error) *error = "écriture impossible de " + path;
        return false;
    }
    js_storage_request_save();
    return true;
}

void storageFlush() { js_storage_flush(); }
void storageChanged(const std::vector<std::string>& paths) {
    std::string joined;
    for (const auto& p : paths) {
        if (p.empty()) continue;
        joined += p;
        joined.push_back('\0');
    }
    joined.push_back('\0');
    js_storage_changed(joined.c_str());
}
void storageRetry() { js_storage_retry(); }
bool storageReadOnly() { return js_storage_read_only() != 0; }

} // namespace passerelle::platform
#endif

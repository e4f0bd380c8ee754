// Files on the web: Blob + <a download> to save, a hidden <input type=file> to open (web/files.js).
#ifdef __EMSCRIPTEN__
#include "platform/files.hpp"

#include <emscripten/emscripten.h>

namespace passerelle::platform {
namespace {

std::function<void(std::string, std::string)> g_done;

EM_JS(void, js_files_download, (const char* name, const char* mime, const char* data, int size), {
    PasserelleWeb.files.download(UTF8ToString(name), UTF8ToString(mime), HEAPU8.slice(data, data + size));
});
EM_JS(void, js_files_pick, (const char* accept), { PasserelleWeb.files.pick(UTF8ToString(accept)); });

} // namespace

void filesDownload(std::string_view fileName, std::string_view mimeType, std::string_view content) {
    const std::string name(fileName), mime(mimeType);
    js_files_download(name.c_str(), mime.c_str(), content.data(), static_cast<int>(content.size()));
}

void filesPick(std::string_view accept, std::function<void(std::string, std::string)> done) {
    g_done = std::move(done);
    const std::string a(accept);
    js_files_pick(a.c_str());
}

} // namespace passerelle::platform

// Called by web/files.js with the picked file (name as UTF-8, bytes as they are).
extern "C" EMSCRIPTEN_KEEPALIVE void passerelle_file_picked(const char* name, const char* data, int size) {
    auto done = std::move(passerelle::platform::g_done);
    passerelle::platform::g_done = nullptr;
    if (done) done(name ? name : "", std::string(data, static_cast<std::size_t>(size)));
}
#endif

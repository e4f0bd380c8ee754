// Emscripten 3.1.6 FS fix: a rename over an existing file leaves the overwritten node in FS's name table.
//
// FS.rename (library_fs.js) re-hashes the moved node but never removes the node it replaced. Lookups find
// the live node first, so nothing shows, until the live file is unlinked: then FS.analyzePath and FS.stat
// find the stale node and report the file as still there, with its older contents. Every atomic write here
// is a rename over the previous file, so a deleted dossier pack (retention, removal) was saved back to
// IndexedDB with old contents instead of being deleted (web/storage.js asks FS.analyzePath), and
// std::filesystem::exists said true for a removed vault.json. Patched once, before main().
#ifdef __EMSCRIPTEN__
#include <emscripten/emscripten.h>

namespace passerelle::platform {
namespace {

EM_JS(void, js_fix_fs_rename, (), {
    if (FS.passerelleRenameFixed) return;
    FS.passerelleRenameFixed = true;
    const rename = FS.rename;
    FS.rename = function(oldPath, newPath) {
        let replaced = null;
        try {
            replaced = FS.lookupPath(newPath).node;
        } catch (e) {
            // nothing at newPath: nothing to forget
        }
        const moved = (() => { try { return FS.lookupPath(oldPath).node; } catch (e) { return null; } })();
        rename.call(FS, oldPath, newPath);
        if (replaced && replaced !== moved) FS.hashRemoveNode(replaced);
    };
});

[[maybe_unused]] const bool g_fixed = (js_fix_fs_rename(), true);

} // namespace
} // namespace passerelle::platform
#endif

// Files glue: download a Blob through a temporary <a download>, open a file through <input type=file>.
'use strict';
(function () {
  const W = (window.PasserelleWeb = window.PasserelleWeb || {});

  W.files = {
    download(name, mime, bytes) {
      const url = URL.createObjectURL(new Blob([bytes], { type: mime }));
      const a = document.createElement('a');
      a.href = url;
      a.download = name;
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 30000);
    },

    pick(accept) {
      const input = document.createElement('input');
      input.type = 'file';
      input.accept = accept;
      input.className = 'passerelle-hidden';
      input.addEventListener('change', async () => {
        const file = input.files && input.files[0];
        input.remove();
        if (!file) return;
        const bytes = new Uint8Array(await file.arrayBuffer());
        const M = window.Module;
        const p = M._malloc(Math.max(1, bytes.length));
        try {
          M.HEAPU8.set(bytes, p);
          W.callWithString(M._passerelle_file_picked, file.name, p, bytes.length);
        } finally {
          M._free(p);
        }
        W.wake();
      });
      document.body.appendChild(input);
      input.click();
    },
  };
})();

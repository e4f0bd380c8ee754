// Print glue: the text goes into a print-only <section> (the canvas is hidden by @media print), then window.print().
'use strict';
(function () {
  const W = (window.PasserelleWeb = window.PasserelleWeb || {});

  W.print = {
    count: 0,
    text(title, text) {
      let el = document.getElementById('passerelle-print');
      if (!el) {
        el = document.createElement('section');
        el.id = 'passerelle-print';
        el.setAttribute('aria-hidden', 'true');
        document.body.appendChild(el);
      }
      el.replaceChildren();
      const h = document.createElement('h1');
      h.textContent = title;
      const pre = document.createElement('pre');
      pre.textContent = text;
      el.append(h, pre);
      W.print.count += 1;
      // Printing is asynchronous in some browsers: clear the text once the dialog is done.
      const clear = () => { el.replaceChildren(); window.removeEventListener('afterprint', clear); };
      window.addEventListener('afterprint', clear);
      window.print();
    },
  };
})();

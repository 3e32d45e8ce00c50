// The API token page: copy the new token (shown once) to the clipboard.
(function () {
  "use strict";
  const button = document.getElementById("copy-token");
  const token = document.getElementById("token");
  if (!button || !token) return;
  button.addEventListener("click", function () {
    const done = function () { button.textContent = button.dataset.copied; };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(token.textContent.trim()).then(done);
    } else { // plain http: select it, the user presses Ctrl+C
      const range = document.createRange();
      range.selectNodeContents(token);
      window.getSelection().removeAllRanges();
      window.getSelection().addRange(range);
      document.execCommand("copy");
      done();
    }
  });
})();

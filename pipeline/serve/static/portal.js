// UNGA-LD portal: small conveniences only; every page works without this script.
"use strict";
document.addEventListener("keydown", (event) => {
  // Ctrl+Enter (or Cmd+Enter) in a query box runs the query
  const box = event.target;
  if (box instanceof HTMLTextAreaElement && box.form && event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
    event.preventDefault();
    box.form.requestSubmit();
  }
});

// /admin/media: a photo over the upload limit is refused in the browser, before it is sent,
// with the editor dialog's message ("… maksimal 20 MB"), which stays until dismissed. The
// limit and the texts come from the file input's data attributes. Without this script the
// server still refuses it (413) and the page says so.
(function () {
  "use strict";
  var input = document.getElementById("u-file");
  if (!input || !input.form) return;
  var max = Number(input.getAttribute("data-max-bytes")) || 0;
  var template = input.getAttribute("data-too-large") || "";
  if (!max || !template) return;
  // As the editor writes sizes: one decimal, a decimal comma.
  function megabytes(bytes) {
    var mb = Math.round((bytes / 1048576) * 10) / 10;
    return String(mb).replace(".", ",") + " MB";
  }
  var region = null;
  function show(text) {
    if (!region || !region.isConnected) {
      region = document.createElement("div");
      region.className = "upload-alerts";
      region.setAttribute("role", "alert");
      input.parentNode.insertBefore(region, input.nextSibling);
    }
    var item = document.createElement("div");
    item.className = "upload-alert";
    var p = document.createElement("p");
    p.textContent = text;
    var close = document.createElement("button");
    close.type = "button";
    close.className = "upload-alert-close";
    close.setAttribute("aria-label", input.getAttribute("data-dismiss") || "×");
    close.textContent = "×";
    close.addEventListener("click", function () {
      item.remove();
      input.focus();
    });
    item.appendChild(p);
    item.appendChild(close);
    region.appendChild(item);
  }
  // The files over the limit are named and the choice is cleared, so nothing is sent.
  function refuse() {
    var big = Array.prototype.filter.call(input.files || [], function (f) {
      return f.size > max;
    });
    big.forEach(function (f) {
      show(template.replace("{name}", f.name || "").replace("{size}", megabytes(f.size))
        .replace("{max}", megabytes(max)));
    });
    if (big.length) input.value = "";
    return big.length > 0;
  }
  input.addEventListener("change", refuse);
  input.form.addEventListener("submit", function (e) {
    if (refuse()) e.preventDefault();
  });
})();

// /admin/beranda, enhanced: search results follow the typing, and the slot lists can be
// reordered by dragging. Without this script the page works with its plain forms.
(function () {
  "use strict";
  var q = document.getElementById("q");
  var hasil = document.getElementById("hasil");
  var timer = 0;
  var asked = "";
  if (q && hasil && window.fetch && window.DOMParser) {
    q.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        var words = q.value.trim();
        if (words === asked) return;
        asked = words;
        var url = "/admin/beranda" + (words ? "?q=" + encodeURIComponent(words) : "");
        fetch(url, { credentials: "same-origin" })
          .then(function (r) { return r.ok ? r.text() : Promise.reject(r.status); })
          .then(function (html) {
            if (words !== asked) return;
            var doc = new DOMParser().parseFromString(html, "text/html");
            var fresh = doc.getElementById("hasil");
            if (fresh) hasil.innerHTML = fresh.innerHTML;
            history.replaceState(null, "", url);
          })
          .catch(function () { /* the plain form still works */ });
      }, 250);
    });
  }

  var order = document.getElementById("urutan");
  if (!order) return;
  var lists = document.querySelectorAll(".slot-list[data-slot]");
  Array.prototype.forEach.call(lists, function (list) {
    var dragged = null;
    var before = "";
    var ids = function () {
      return Array.prototype.map.call(list.children, function (li) { return li.dataset.id; }).join(",");
    };
    var help = list.parentNode.querySelector(".drag-help");
    if (help) help.hidden = false;
    Array.prototype.forEach.call(list.children, function (li) {
      li.draggable = true;
      li.addEventListener("dragstart", function (e) {
        dragged = li;
        before = ids();
        li.classList.add("dragging");
        e.dataTransfer.effectAllowed = "move";
        e.dataTransfer.setData("text/plain", li.dataset.id);
      });
      li.addEventListener("dragend", function () {
        li.classList.remove("dragging");
        dragged = null;
        var now = ids();
        if (now !== before) {
          order.elements.slot.value = list.dataset.slot;
          order.elements.ids.value = now;
          order.submit();
        }
      });
    });
    list.addEventListener("dragover", function (e) {
      if (!dragged) return;
      e.preventDefault();
      var over = e.target.closest ? e.target.closest(".slot-item") : null;
      if (!over || over === dragged || over.parentNode !== list) return;
      var box = over.getBoundingClientRect();
      var after = e.clientY > box.top + box.height / 2;
      list.insertBefore(dragged, after ? over.nextSibling : over);
    });
    list.addEventListener("drop", function (e) { e.preventDefault(); });
  });
})();

// Warta live blog: new entries arrive over the page's event stream and go on top of the list.
// Without JavaScript (or EventSource) readers see new entries when they reload.
(function () {
  "use strict";
  var list = document.querySelector("[data-live-stream]");
  if (!list || !window.EventSource) return;
  var status = document.querySelector("[data-live-status]");
  var after = list.getAttribute("data-live-after") || "0";
  var url = list.getAttribute("data-live-stream") + "?setelah=" + encodeURIComponent(after);
  var fresh = 0;
  var timer = 0;
  function announce() {
    if (!status) return;
    var text = fresh + " entri baru";
    fresh = 0;
    // Clear first so that the same words are announced again.
    status.textContent = "";
    setTimeout(function () { status.textContent = text; }, 100);
  }
  new EventSource(url).addEventListener("entri", function (ev) {
    if (ev.lastEventId && document.getElementById("entri-" + ev.lastEventId)) return;
    list.insertAdjacentHTML("afterbegin", ev.data);
    var empty = document.querySelector(".live-empty");
    if (empty) empty.parentNode.removeChild(empty);
    fresh += 1;
    clearTimeout(timer);
    timer = setTimeout(announce, 400);
  });
})();

// Reader enhancements; every page works without them. Lists: "5 menit lalu" for times in
// the last 24 hours, computed here from <time datetime> so that a cached page stays true;
// older times, and every time without JavaScript, keep the page's own text (absolute WIB).
(function () {
  "use strict";
  var now = Date.now();
  var times = document.querySelectorAll(".meta time[datetime]");
  for (var i = 0; i < times.length; i++) {
    var el = times[i];
    var at = Date.parse(el.getAttribute("datetime"));
    var s = Math.floor((now - at) / 1000);
    if (isNaN(at) || s < 0 || s >= 86400) continue;
    el.title = el.textContent;
    el.textContent = s < 60 ? "Baru saja"
      : s < 3600 ? Math.floor(s / 60) + " menit lalu"
      : Math.floor(s / 3600) + " jam lalu";
  }
})();
// Share links: "Tautan" is a plain link to the article; here it copies that link instead.
(function () {
  "use strict";
  var links = document.querySelectorAll("a[data-salin]");
  if (!navigator.clipboard) return;
  for (var i = 0; i < links.length; i++) {
    links[i].textContent = "Salin tautan";
    links[i].addEventListener("click", function (e) {
      var a = e.currentTarget;
      e.preventDefault();
      navigator.clipboard.writeText(a.href).then(function () {
        a.textContent = "Tautan disalin";
      }, function () { window.location.href = a.href; });
    });
  }
})();

// The meeting page's count, kept current while the vote is open (the meeting room's screen).
(function () {
  var box = document.querySelector('[data-count-url]');
  var url = box && box.getAttribute('data-count-url');
  if (!url) return;
  function refresh() {
    fetch(url, { headers: { accept: 'application/json' } })
      .then(function (response) {
        return response.ok ? response.json() : null;
      })
      .then(function (count) {
        if (!count) return;
        ['issued', 'cast', 'void'].forEach(function (key) {
          var cell = box.querySelector('[data-count="' + key + '"]');
          if (cell) cell.textContent = String(count[key]);
        });
        if (count.closed) window.location.reload();
        else setTimeout(refresh, 5000);
      })
      .catch(function () {
        setTimeout(refresh, 15000);
      });
  }
  setTimeout(refresh, 5000);
})();

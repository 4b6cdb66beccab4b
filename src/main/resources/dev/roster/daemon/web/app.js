// roster's operator page: everything works without this script; it adds live filtering, copying the invite link
// and a gentle refresh of the read-only pages.
(function () {
  'use strict';

  function liveFilter() {
    var input = document.getElementById('filter');
    var table = document.getElementById('groups');
    if (!input || !table) {
      return;
    }
    input.addEventListener('input', function () {
      var needle = input.value.trim().toLowerCase();
      var rows = table.querySelectorAll('tbody tr');
      for (var i = 0; i < rows.length; i++) {
        var row = rows[i];
        var key = (row.getAttribute('data-key') || '').toLowerCase();
        var subject = row.querySelector('.subject');
        var text = key + ' ' + (subject ? subject.textContent.toLowerCase() : '');
        row.hidden = needle !== '' && text.indexOf(needle) < 0;
      }
    });
  }

  function copyLink() {
    var button = document.getElementById('copy-link');
    var link = document.getElementById('invite-link');
    var status = document.getElementById('copy-status');
    if (!button || !link) {
      return;
    }
    button.addEventListener('click', function () {
      var done = function (text) {
        if (status) {
          status.textContent = text;
        }
      };
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(link.href).then(function () {
          done('Copied.');
        }, function () {
          done('Could not copy: select the link and copy it.');
        });
      } else {
        done('Could not copy: select the link and copy it.');
      }
    });
  }

  // The overview and the runs refresh every minute, unless the reader is busy with a control of the page.
  function refresh() {
    if (!document.getElementById('bots') && !document.getElementById('runs')) {
      return;
    }
    window.setInterval(function () {
      var active = document.activeElement;
      var busy = active && active !== document.body && active.tagName !== 'MAIN';
      if (!busy && document.visibilityState === 'visible') {
        window.location.reload();
      }
    }, 60000);
  }

  document.addEventListener('DOMContentLoaded', function () {
    liveFilter();
    copyLink();
    refresh();
  });
}());

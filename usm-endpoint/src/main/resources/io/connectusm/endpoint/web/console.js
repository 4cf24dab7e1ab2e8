// connect-usm console: live refresh. Loaded from the jar (script-src 'self'); the pages work without it.
// Polls the page's own address (its filters and paging included) with If-None-Match; on a changed page,
// replaces only the element marked data-live, keeping the scroll position, the open folds and the focus.
(function () {
  'use strict';
  var live = document.querySelector('[data-live]');
  if (!live || !window.fetch || !window.DOMParser) {
    return;
  }
  var every = Math.max(1000, parseInt(live.getAttribute('data-live'), 10) || 5000);
  var etag = null;
  var stopped = false;

  function say(text) {
    var status = document.querySelector('[data-live-status]');
    if (status) {
      status.textContent = text;
    }
  }

  function openFolds(root) {
    var open = [];
    root.querySelectorAll('details').forEach(function (d, i) {
      if (d.open) {
        open.push(d.id ? '#' + d.id : i);
      }
    });
    return open;
  }

  function reopen(root, open) {
    root.querySelectorAll('details').forEach(function (d, i) {
      if (open.indexOf(d.id ? '#' + d.id : i) >= 0) {
        d.open = true;
      }
    });
  }

  function replace(html) {
    var doc = new DOMParser().parseFromString(html, 'text/html');
    var fresh = doc.querySelector('[data-live]');
    if (!fresh) {
      return;
    }
    var active = document.activeElement;
    if (active && live.contains(active) && active !== document.body) {
      return; // the operator is using something in here: try again at the next poll
    }
    var x = window.scrollX;
    var y = window.scrollY;
    var open = openFolds(live);
    live.innerHTML = fresh.innerHTML;
    reopen(live, open);
    document.title = doc.title;
    window.scrollTo(x, y);
  }

  function poll() {
    if (stopped) {
      return;
    }
    if (document.hidden) {
      window.setTimeout(poll, every);
      return;
    }
    var headers = {'Accept': 'text/html'};
    if (etag) {
      headers['If-None-Match'] = etag;
    }
    fetch(window.location.href, {credentials: 'same-origin', headers: headers, cache: 'no-store',
        redirect: 'manual'})
      .then(function (r) {
        if (r.status === 304) {
          return null;
        }
        if (r.status !== 200 || r.type === 'opaqueredirect') {
          stopped = true; // signed out, gone or refused: leave the page as it is
          say('Live refresh stopped; reload the page.');
          return null;
        }
        etag = r.headers.get('ETag');
        return r.text();
      })
      .then(function (html) {
        if (html) {
          replace(html);
        }
        if (!stopped) {
          say('Refreshes itself every ' + Math.round(every / 1000) + ' s.');
        }
      })
      .catch(function () { /* a failed poll: the next one tries again */ })
      .then(function () {
        if (!stopped) {
          window.setTimeout(poll, every);
        }
      });
  }

  window.setTimeout(poll, every);
})();

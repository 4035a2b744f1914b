// Earshot read-along. While the page's player plays, the sentence being said is highlighted in the page's own text
// and kept in view; clicking a sentence, or Enter on it, plays from there. Nothing here is needed to read or listen:
// without it the page reads and plays the same. Nothing is announced: screen readers have their own voice.
(function () {
  'use strict';
  var player = document.querySelector('[data-player] audio');
  var main = document.querySelector('main');
  if (!player || !main) return;
  var items = Array.prototype.map.call(main.querySelectorAll('[data-start]'), function (el) {
    return { el: el, start: parseFloat(el.getAttribute('data-start')), end: parseFloat(el.getAttribute('data-end')) };
  }).sort(function (a, b) { return a.start - b.start; });
  var reduceMotion = window.matchMedia('(prefers-reduced-motion: reduce)');
  var current = null;
  var PAUSE = 1.0; // a sentence stays highlighted through the pause after it

  document.documentElement.classList.add('read-along');
  items.forEach(function (item) { item.el.setAttribute('tabindex', '-1'); });

  function at(time) {
    var lo = 0, hi = items.length - 1, found = -1;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1;
      if (items[mid].start <= time + 0.01) { found = mid; lo = mid + 1; } else { hi = mid - 1; }
    }
    return found >= 0 && time <= items[found].end + PAUSE ? items[found] : null;
  }

  function show(item) {
    if (item === current) return;
    if (current) {
      current.el.classList.remove('reading');
      if (document.activeElement !== current.el) current.el.setAttribute('tabindex', '-1');
    }
    current = item;
    if (!item) return;
    item.el.classList.add('reading');
    // The sentence being read is the one Tab stop among the sentences (a roving tab stop).
    item.el.setAttribute('tabindex', '0');
    var r = item.el.getBoundingClientRect();
    if (r.top < 0 || r.bottom > window.innerHeight) {
      item.el.scrollIntoView({ block: 'center', behavior: reduceMotion.matches ? 'auto' : 'smooth' });
    }
  }

  function playFrom(seconds) {
    player.currentTime = seconds;
    var started = player.play();
    if (started && started.catch) started.catch(function () {});
  }

  player.addEventListener('timeupdate', function () { show(at(player.currentTime)); });
  player.addEventListener('seeked', function () { show(at(player.currentTime)); });

  main.addEventListener('click', function (event) {
    var seek = event.target.closest('a[data-seek]');
    if (seek) {
      event.preventDefault();
      playFrom(parseFloat(seek.getAttribute('data-seek')));
      return;
    }
    if (event.target.closest('a, button, audio, summary')) return;
    var el = event.target.closest('[data-start]');
    if (el) playFrom(parseFloat(el.getAttribute('data-start')));
  });

  main.addEventListener('keydown', function (event) {
    var el = event.target;
    if (!el.hasAttribute || !el.hasAttribute('data-start')) return;
    var index = items.findIndex(function (item) { return item.el === el; });
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      playFrom(items[index].start);
    } else if ((event.key === 'ArrowDown' || event.key === 'ArrowRight') && index + 1 < items.length) {
      event.preventDefault();
      items[index + 1].el.focus();
    } else if ((event.key === 'ArrowUp' || event.key === 'ArrowLeft') && index > 0) {
      event.preventDefault();
      items[index - 1].el.focus();
    }
  });
}());

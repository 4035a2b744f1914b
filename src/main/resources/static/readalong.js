// Earshot player and read-along. Nothing here is needed to read or listen: without it the page has the browser's
// own <audio controls> and every section's listen link leads to that section's page. With it:
//  - the player's controls are our own native buttons, named in the page's words (the browser's media controls are
//    heard by generic names such as "play push button");
//  - each section's listen control plays that section only, and the same control pauses it;
//  - the sentence being said is highlighted and, while "Follow the reading" is on and the reader has not scrolled or
//    moved focus lately, kept in view;
//  - a click or Enter on a sentence plays from there. The listeners sit on the document, not on the content: Chromium
//    marks everything inside an element with a click listener as "clickable", and screen readers say so on each line.
// Nothing is announced: screen readers have their own voice.
(function () {
  'use strict';
  var box = document.querySelector('[data-player]');
  var player = box && box.querySelector('audio');
  if (!player) return;
  var items = Array.prototype.map.call(document.querySelectorAll('main [data-start]'), function (el) {
    return { el: el, start: parseFloat(el.getAttribute('data-start')), end: parseFloat(el.getAttribute('data-end')) };
  }).sort(function (a, b) { return a.start - b.start; });
  var reduceMotion = window.matchMedia('(prefers-reduced-motion: reduce)');
  var current = null;
  var PAUSE = 1.0;          // a sentence stays highlighted through the pause after it
  var HANDS_OFF = 8000;     // after the reader scrolls or moves focus, the page does not scroll for this long (ms)
  var FOLLOW_STORE = 'earshot.follow';
  var stopAt = null;        // the end of the section being played on its own, or null
  var sectionButton = null; // that section's control
  var userMovedAt = -Infinity;
  var ownScrollUntil = 0;

  document.documentElement.classList.add('read-along');
  // Sentences become focusable (for Enter and the arrow keys) only once a reading has started: a focusable paragraph
  // gets a name from its text, and Orca then said the lead paragraph twice.
  var armed = false;
  function arm() {
    if (armed) return;
    armed = true;
    items.forEach(function (item) { if (!item.el.hasAttribute('tabindex')) item.el.setAttribute('tabindex', '-1'); });
  }

  // The player's controls: native buttons, reached with Tab, operated with Enter or Space.
  var controls = document.createElement('div');
  controls.className = 'player-controls';
  // Every word this script shows comes from the page (data-* on the player, in the page's language): none is written here.
  function word(name) { return box.getAttribute('data-' + name) || ''; }
  function fill(text, value) { return text.replace('{0}', value); }
  var playLabel = box.getAttribute('data-label') || word('play');
  function button(text, onPress) {
    var b = document.createElement('button');
    b.type = 'button';
    b.textContent = text;
    b.addEventListener('click', onPress);
    controls.appendChild(b);
    return b;
  }
  var play = button(playLabel, function () {
    if (player.paused || stopAt !== null) { endSection(); start(); } else { player.pause(); }
  });
  play.className = 'player-play';
  button(word('back'), function () { player.currentTime = Math.max(0, player.currentTime - 10); });
  button(word('forward'), function () {
    player.currentTime = Math.min(player.duration || Infinity, player.currentTime + 10);
  });
  // Speed: three toggle buttons in a group named by its visible label. They set playbackRate rather than switching to
  // the slower or faster files: the page's timings (and so the read-along and each section's end) stay those of the
  // one recording, the place in it is kept, and nothing is downloaded again; the browser keeps the pitch. The
  // pre-made readings stay among the downloads, which are the choice without the script. The visible label names the
  // group and is hidden from the accessibility tree: left in it, Orca's browse mode said "Speed panel. Speed." (the
  // name twice) on the English page; hidden, Orca says the group's name once, on Tab and where browse mode enters the
  // group. A press is heard once, as the button's own "pressed" (no live region: screen readers have their own voice).
  // The choice is remembered, as the follow switch.
  // The group is one Tab stop, the pressed button (a roving tab stop; the arrow keys, Home and End move among the
  // three): three stops took the bundled page's content from 18 Tab presses to 20, past the listening-load budget.
  var SPEED_STORE = 'earshot.speed';
  var speed = document.createElement('div');
  speed.className = 'player-speed';
  speed.setAttribute('role', 'group');
  var speedName = document.createElement('span');
  speedName.id = 'player-speed-name';
  speedName.className = 'player-speed-name';
  speedName.setAttribute('aria-hidden', 'true');
  speedName.textContent = word('speed');
  speed.setAttribute('aria-labelledby', speedName.id);
  speed.appendChild(speedName);
  var rates = [['slower', 0.75], ['normal', 1], ['faster', 1.25]].map(function (s) {
    var b = document.createElement('button');
    b.type = 'button';
    b.textContent = word(s[0]);
    b.setAttribute('data-rate', String(s[1]));
    b.addEventListener('click', function () { setSpeed(s[1]); remember(SPEED_STORE, String(s[1])); });
    b.addEventListener('keydown', moveAmongSpeeds);
    speed.appendChild(b);
    return { button: b, rate: s[1] };
  });
  function setSpeed(rate) {
    // The default rate too: the browser resets playbackRate to it whenever the source is loaded again.
    player.defaultPlaybackRate = rate;
    player.playbackRate = rate;
    rates.forEach(function (r) {
      r.button.setAttribute('aria-pressed', String(r.rate === rate));
      r.button.tabIndex = r.rate === rate ? 0 : -1;
    });
  }
  function moveAmongSpeeds(event) {
    var buttons = rates.map(function (r) { return r.button; });
    var index = buttons.indexOf(event.target);
    var to = { ArrowLeft: index - 1, ArrowUp: index - 1, ArrowRight: index + 1, ArrowDown: index + 1,
               Home: 0, End: buttons.length - 1 }[event.key];
    if (to === undefined || to < 0 || to >= buttons.length) return;
    event.preventDefault();
    buttons[to].focus();
  }
  var kept = parseFloat(remembered(SPEED_STORE));
  setSpeed(rates.some(function (r) { return r.rate === kept; }) ? kept : 1);
  controls.appendChild(speed);

  var follow = null;
  if (items.length) {
    var label = document.createElement('label');
    label.className = 'player-follow';
    follow = document.createElement('input');
    follow.type = 'checkbox';
    follow.checked = remembered(FOLLOW_STORE) !== 'off';
    follow.addEventListener('change', function () { remember(FOLLOW_STORE, follow.checked ? 'on' : 'off'); });
    label.appendChild(follow);
    label.appendChild(document.createTextNode(' ' + word('follow')));
    controls.appendChild(label);
  }
  player.removeAttribute('controls');
  player.insertAdjacentElement('afterend', controls);

  function remembered(key) { try { return window.localStorage.getItem(key); } catch (e) { return null; } }
  function remember(key, value) { try { window.localStorage.setItem(key, value); } catch (e) { /* private mode */ } }

  function start() {
    var started = player.play();
    if (started && started.catch) started.catch(function () {});
  }

  function playFrom(seconds) {
    player.currentTime = seconds;
    start();
  }

  function playing() {
    var on = !player.paused;
    play.textContent = on && !stopAt ? word('pause') : playLabel;
    if (sectionButton) sectionButton.textContent = fill(word(on && stopAt ? 'pause-section' : 'listen-to'), sectionButton.getAttribute('data-name'));
  }

  function endSection() {
    var b = sectionButton;
    stopAt = null;
    sectionButton = null;
    if (b) b.textContent = fill(word('listen-to'), b.getAttribute('data-name'));
  }

  // Each section's listen link becomes a button that plays that section only; pressed again, it pauses.
  Array.prototype.forEach.call(document.querySelectorAll('main a[data-seek][data-seek-end]'), function (link) {
    var b = document.createElement('button');
    b.type = 'button';
    b.className = 'listen-section-button';
    // The link says "Listen to section 3: Sleep"; the name is what follows the words of "Listen to {0}".
    var lead = word('listen-to').split('{0}')[0];
    var text = link.textContent;
    b.setAttribute('data-name', text.indexOf(lead) === 0 ? text.substring(lead.length) : text);
    b.textContent = link.textContent;
    var from = parseFloat(link.getAttribute('data-seek'));
    var to = parseFloat(link.getAttribute('data-seek-end'));
    b.addEventListener('click', function () {
      if (sectionButton === b && !player.paused) { player.pause(); return; }
      var resume = sectionButton === b && player.currentTime >= from && player.currentTime < to;
      endSection();
      sectionButton = b;
      stopAt = to;
      if (resume) start(); else playFrom(from);
      playing();
    });
    link.replaceWith(b);
  });

  function at(time) {
    var lo = 0, hi = items.length - 1, found = -1;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1;
      if (items[mid].start <= time + 0.01) { found = mid; lo = mid + 1; } else { hi = mid - 1; }
    }
    return found >= 0 && time <= items[found].end + PAUSE ? items[found] : null;
  }

  function handsOff() {
    return !follow || !follow.checked || Date.now() - userMovedAt < HANDS_OFF;
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
    if (handsOff()) return;
    var r = item.el.getBoundingClientRect();
    if (r.top < 0 || r.bottom > window.innerHeight) {
      var smooth = !reduceMotion.matches;
      ownScrollUntil = Date.now() + (smooth ? 1500 : 100);
      item.el.scrollIntoView({ block: 'center', behavior: smooth ? 'smooth' : 'auto' });
    }
  }

  function update() {
    if (!player.paused || player.currentTime > 0) arm();
    if (stopAt !== null && player.currentTime >= stopAt) {
      player.pause();
      endSection();
    }
    show(at(player.currentTime));
  }

  player.addEventListener('timeupdate', update);
  player.addEventListener('seeked', update);
  player.addEventListener('play', function () { arm(); playing(); });
  player.addEventListener('pause', playing);
  player.addEventListener('ended', function () { endSection(); playing(); });

  // The reader's own moves: any scroll the page did not start, and any focus move.
  function moved() { userMovedAt = Date.now(); }
  window.addEventListener('scroll', function () { if (Date.now() > ownScrollUntil) moved(); }, { passive: true });
  window.addEventListener('wheel', moved, { passive: true });
  window.addEventListener('touchmove', moved, { passive: true });
  document.addEventListener('focusin', function (event) { if (!controls.contains(event.target)) moved(); });

  document.addEventListener('click', function (event) {
    var el = event.target.closest && event.target.closest('main [data-start]');
    if (!el || event.target.closest('a, button, audio, summary, input, label')) return;
    playFrom(parseFloat(el.getAttribute('data-start')));
  });

  document.addEventListener('keydown', function (event) {
    var el = event.target;
    if (!el.hasAttribute || !el.hasAttribute('data-start') || !el.closest('main')) return;
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

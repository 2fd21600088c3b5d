// 大字版: the header's switch works without this script (its links target
// #large-text, which the stylesheet honours on that page). With scripts, the
// choice is kept in localStorage and applied to every page as it loads, before
// it is drawn. Loaded from the site itself, so a strict CSP allows it.
(function () {
  'use strict';
  var KEY = 'bulletin-text-size';
  var root = document.documentElement;
  function read() {
    try { return window.localStorage.getItem(KEY); } catch (e) { return null; }
  }
  function write(size) {
    try { window.localStorage.setItem(KEY, size); } catch (e) { /* private mode: this page only */ }
  }
  function apply(size) {
    root.classList.toggle('large-text', size === 'large');
  }
  if (window.location.hash === '#large-text') write('large');
  if (window.location.hash === '#standard-text') write('standard');
  apply(read());
  document.addEventListener('click', function (event) {
    var link = event.target.closest ? event.target.closest('.size-switch a') : null;
    if (!link) return;
    event.preventDefault();
    var size = link.classList.contains('to-large') ? 'large' : 'standard';
    write(size);
    apply(size);
    if (window.location.hash === '#large-text' || window.location.hash === '#standard-text') {
      window.history.replaceState(null, '', window.location.pathname + window.location.search);
    }
    var other = document.querySelector(size === 'large' ? '.size-switch .to-standard' : '.size-switch .to-large');
    if (other) other.focus();
  });
})();

// The demo's theme switcher: swaps the portal's theme stylesheet (<link id="portal-theme">) and
// remembers the choice in this site's localStorage. Loaded as a plain script in <head>, so the
// remembered theme applies before the page is first painted.
(function () {
  // "firm": no theme sheet, so the portal shows the branding the firm set in the staff console.
  var themes = ['classic', 'modern', 'dark', 'firm'];
  var storageKey = 'hw-demo-portal-theme';

  function stored() {
    try {
      var value = window.localStorage.getItem(storageKey);
      return themes.indexOf(value) >= 0 ? value : null;
    } catch (error) {
      return null;
    }
  }

  function remember(theme) {
    try {
      window.localStorage.setItem(storageKey, theme);
    } catch (error) {
      // Storage can be turned off: the choice then lasts until the page is left.
    }
  }

  function apply(theme) {
    var link = document.getElementById('portal-theme');
    if (link && theme === 'firm') link.removeAttribute('href');
    else if (link) link.setAttribute('href', '/assets/themes/' + theme + '.css');
    document.documentElement.setAttribute('data-portal-theme', theme);
  }

  var initial = stored();
  if (initial) apply(initial);
  document.documentElement.classList.add('theme-switcher-ready');

  document.addEventListener('DOMContentLoaded', function () {
    var form = document.getElementById('theme-switcher');
    var select = document.getElementById('theme-choice');
    if (!form || !select) return;
    select.value = initial || 'classic';
    form.addEventListener('submit', function (event) {
      event.preventDefault();
    });
    select.addEventListener('change', function () {
      if (themes.indexOf(select.value) < 0) return;
      apply(select.value);
      remember(select.value);
    });
  });
})();

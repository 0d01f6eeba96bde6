// InferCost scenario page: save the editor's scenario, list and load saved ones, make a short link (store API).
(function () {
  'use strict';

  function $(id) { return document.getElementById(id); }

  function say(text, bad) {
    var status = $('store-status');
    status.textContent = text;
    status.style.color = bad ? '#b42318' : '';
  }

  function call(method, url, body) {
    var init = { method: method, headers: { 'Accept': 'application/json' } };
    if (body !== undefined) { init.headers['Content-Type'] = 'application/json'; init.body = JSON.stringify(body); }
    return fetch(url, init).then(function (r) {
      return r.text().then(function (t) { return { ok: r.ok, status: r.status, body: t ? JSON.parse(t) : null }; });
    });
  }

  function problem(r) {
    var b = r.body || {};
    if (b.errors) {
      return Object.keys(b.errors).map(function (k) { return b.errors[k].join(' '); }).join('\n');
    }
    return b.detail || b.title || ('HTTP ' + r.status);
  }

  function list() {
    return call('GET', '/api/v1/scenarios').then(function (r) {
      var ul = $('saved-scenarios');
      ul.textContent = '';
      if (!r.ok) { say('Cannot list saved scenarios: ' + problem(r), true); return; }
      if (r.body.scenarios.length === 0) {
        var none = document.createElement('li'); none.textContent = 'None yet.'; ul.appendChild(none); return;
      }
      r.body.scenarios.forEach(function (s) {
        var li = document.createElement('li');
        var a = document.createElement('a');
        a.href = s.page; a.textContent = s.name; a.setAttribute('data-id', s.id);
        li.appendChild(a);
        li.appendChild(document.createTextNode(' (saved ' + s.updated_at.slice(0, 16).replace('T', ' ') + ' UTC)'));
        ul.appendChild(li);
      });
    });
  }

  function load(id) {
    var editor = $('yaml-editor');
    return call('GET', '/api/v1/scenarios/' + encodeURIComponent(id)).then(function (r) {
      if (!r.ok) { say('Cannot load the saved scenario: ' + problem(r), true); return; }
      editor.value = r.body.yaml;
      editor.dispatchEvent(new Event('input'));
      $('save-name').value = r.body.name;
      say('Loaded “' + r.body.name + '” into the editor; simulating it.');
      var run = $('yaml-run');
      if (run) { run.click(); }
      editor.scrollIntoView({ block: 'start' });
    });
  }

  function init() {
    if (!$('store-status') || !$('yaml-editor')) { return; }
    $('save-scenario').addEventListener('click', function () {
      var name = $('save-name').value.trim();
      if (!name) { say('Give the scenario a name first.', true); $('save-name').focus(); return; }
      call('POST', '/api/v1/scenarios', { name: name, yaml: $('yaml-editor').value }).then(function (r) {
        if (!r.ok) { say('Not saved: ' + problem(r), true); return; }
        say('Saved “' + r.body.name + '”: ' + location.origin + r.body.page);
        list();
      });
    });
    $('share-link').addEventListener('click', function () {
      call('POST', '/api/v1/links', { path: location.pathname + location.search }).then(function (r) {
        if (!r.ok) { say('No link: ' + problem(r), true); return; }
        var out = $('share-url');
        out.value = r.body.url || (location.origin + r.body.path);
        out.focus(); out.select();
        say('Short link ready: ' + out.value);
      });
    });
    list();
    var saved = new URLSearchParams(location.search).get('saved');
    if (saved) { load(saved); }
  }

  if (document.readyState === 'loading') { document.addEventListener('DOMContentLoaded', init); } else { init(); }
})();

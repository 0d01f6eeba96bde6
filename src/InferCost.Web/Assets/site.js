// InferCost web app: progressive enhancement only (every page works as plain HTML forms; inputs live in the URL).
(function () {
  'use strict';

  function initCharts() {
    if (typeof echarts === 'undefined') { return; }
    document.querySelectorAll('.chart[data-chart]').forEach(function (el) {
      var data = document.getElementById(el.getAttribute('data-chart'));
      if (!data) { return; }
      var chart = echarts.init(el);
      chart.setOption(JSON.parse(data.textContent));
      window.addEventListener('resize', function () { chart.resize(); });
    });
  }

  // Changing an input re-renders the page from its new address (so the address is always a permalink).
  function autoSubmit() {
    document.querySelectorAll('form[data-auto]').forEach(function (form) {
      form.addEventListener('change', function (e) {
        if (e.target && e.target.tagName === 'TEXTAREA') { return; }
        form.requestSubmit();
      });
      // Leave empty fields out of the address.
      form.addEventListener('formdata', function (e) {
        var empty = [];
        e.formData.forEach(function (v, k) { if (v === '') { empty.push(k); } });
        empty.forEach(function (k) { e.formData.delete(k); });
      });
    });
  }

  function text(tag, value) { var el = document.createElement(tag); el.textContent = value; return el; }

  function usd(x) { return (x < 0 ? '\u2212$' : '$') + Math.abs(x).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 }); }

  function yamlEditor() {
    var editor = document.getElementById('yaml-editor');
    if (!editor) { return; }
    var status = document.getElementById('yaml-status');
    var result = document.getElementById('yaml-result');
    var timer = null;
    function post(url, body) {
      return fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) })
        .then(function (r) { return r.json().then(function (j) { return { ok: r.ok, body: j }; }); });
    }
    function check() {
      post('/api/v1/scenario/check', { scenario: editor.value }).then(function (r) {
        if (!r.ok) { status.textContent = r.body.detail || 'Cannot check.'; status.className = 'bad'; return; }
        if (r.body.issues.length === 0) { status.textContent = 'Valid.'; status.className = ''; editor.removeAttribute('aria-invalid'); return; }
        status.textContent = r.body.issues.map(function (i) { return 'line ' + (i.line || '?') + ': ' + i.field + ': ' + i.problem; }).join('\n');
        status.className = 'bad';
        editor.setAttribute('aria-invalid', 'true');
      });
    }
    editor.addEventListener('input', function () { clearTimeout(timer); timer = setTimeout(check, 300); });
    document.getElementById('yaml-run').addEventListener('click', function () {
      result.textContent = 'Simulating…';
      post('/api/v1/simulate', { scenario: editor.value, users: 10000 }).then(function (r) {
        result.textContent = '';
        if (!r.ok) { result.appendChild(text('p', r.body.detail || 'Cannot simulate.')); return; }
        var table = document.createElement('table');
        table.appendChild(text('caption', r.body.scenario + ': cost per user-month by plan (10,000 users)'));
        var head = document.createElement('tr');
        ['plan', 'p50', 'p90', 'p95', 'p99', 'gross margin'].forEach(function (h) { var th = text('th', h); th.scope = 'col'; head.appendChild(th); });
        table.appendChild(head);
        r.body.plans.forEach(function (p) {
          var tr = document.createElement('tr');
          var th = text('th', p.plan); th.scope = 'row'; tr.appendChild(th);
          [p.cost_per_user.p50, p.cost_per_user.p90, p.cost_per_user.p95, p.cost_per_user.p99].forEach(function (v) { tr.appendChild(text('td', usd(v))); });
          tr.appendChild(text('td', p.gross_margin == null ? 'n/a' : (p.gross_margin * 100).toFixed(1) + '%'));
          table.appendChild(tr);
        });
        result.appendChild(table);
      });
    });
  }

  function apiReference() {
    var host = document.getElementById('api-reference');
    if (!host) { return; }
    fetch(host.getAttribute('data-openapi')).then(function (r) { return r.json(); }).then(function (doc) {
      host.textContent = '';
      var table = document.createElement('table');
      table.appendChild(text('caption', 'Operations'));
      var head = document.createElement('tr');
      ['method and path', 'summary', 'parameters'].forEach(function (h) { var th = text('th', h); th.scope = 'col'; head.appendChild(th); });
      table.appendChild(head);
      Object.keys(doc.paths).forEach(function (path) {
        Object.keys(doc.paths[path]).forEach(function (method) {
          var op = doc.paths[path][method];
          var tr = document.createElement('tr');
          var th = text('th', method.toUpperCase() + ' ' + path); th.scope = 'row'; tr.appendChild(th);
          tr.appendChild(text('td', op.summary || ''));
          tr.appendChild(text('td', (op.parameters || []).map(function (p) { return p.name + (p.required ? ' (required)' : ''); }).join(', ')));
          table.appendChild(tr);
        });
      });
      var wrap = document.createElement('div'); wrap.className = 'table-wrap'; wrap.appendChild(table);
      host.appendChild(wrap);
    });
  }

  document.addEventListener('DOMContentLoaded', function () { initCharts(); autoSubmit(); yamlEditor(); apiReference(); });
})();

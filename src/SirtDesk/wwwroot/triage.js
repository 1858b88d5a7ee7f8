// Live CVSS score for the triage form. The server computes every score (/staff/cvss/score); this only
// keeps the vector box and the buttons in step. Without JavaScript the form post does the same.
(function () {
  const form = document.getElementById('triage-form');
  if (!form) return;
  const vectorBox = document.getElementById('vector');
  const live = document.getElementById('live-score');
  const version = () => (form.querySelector('input[name=version]:checked') || {}).value || '3.1';

  function compose() {
    const v = version();
    const tag = v === '4.0' ? '4' : '3';
    const parts = [];
    form.querySelectorAll('.metrics[data-version="' + v + '"] fieldset.metric').forEach(function (fs) {
      const checked = fs.querySelector('input[name="m' + tag + '_' + fs.dataset.metric + '"]:checked');
      if (checked) parts.push(fs.dataset.metric + ':' + checked.value);
    });
    return 'CVSS:' + v + '/' + parts.join('/');
  }

  function fillButtons(vector) {
    const m = /^CVSS:(3\.[01]|4\.0)\//.exec(vector);
    if (!m) return;
    const tag = m[1] === '4.0' ? '4' : '3';
    const radio = form.querySelector('input[name=version][value="' + (tag === '4' ? '4.0' : '3.1') + '"]');
    if (radio) radio.checked = true;
    vector.substring(m[0].length).split('/').forEach(function (pair) {
      const [key, value] = pair.split(':');
      const input = form.querySelector('input[name="m' + tag + '_' + key + '"][value="' + value + '"]');
      if (input) input.checked = true;
    });
  }

  let pending = 0;
  function score(vector) {
    const ticket = ++pending;
    fetch('/staff/cvss/score?vector=' + encodeURIComponent(vector), { credentials: 'same-origin' })
      .then(function (r) { return r.json(); })
      .then(function (s) {
        if (ticket !== pending) return;
        live.textContent = s.valid ? s.score + ' ' + s.severity : s.error;
      });
  }

  form.addEventListener('change', function (e) {
    if (e.target.name && (e.target.name === 'version' || /^m[34]_/.test(e.target.name))) {
      vectorBox.value = compose();
      score(vectorBox.value);
    }
  });
  vectorBox.addEventListener('input', function () {
    fillButtons(vectorBox.value.trim());
    score(vectorBox.value.trim());
  });
  if (vectorBox.value) score(vectorBox.value);
})();

// The advisor's page: the questionnaire, the portfolio report and the changes after a reload of the rules.
// Plain JavaScript, no framework and nothing fetched but the server's own API. Every text from the server is
// put on the page as text (textContent), never as markup; the one exception is the portfolio report, which the
// server writes as a whole HTML document and the page shows in a frame.
'use strict';

(function () {
  const TOKEN_KEY = 'finetune-advisor.token';
  /** How often the page asks /health whether the rules were reloaded (documented in docs/serve.md). */
  const POLL_MS = 2000;

  const $ = (id) => document.getElementById(id);

  /** An element with a class and text (text, never markup). */
  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }

  // ---- The token: asked once when the server answers 401, kept for the tab, sent on every call ----------------

  let tokenPrompt = null;

  function token() {
    return sessionStorage.getItem(TOKEN_KEY);
  }

  /** Shows the token form; resolves when a token is entered. One form at a time, whoever asks. */
  function askToken(rejected) {
    if (!tokenPrompt) {
      tokenPrompt = new Promise((resolve) => {
        const dialog = $('token-dialog');
        const form = $('token-form');
        $('token-error').hidden = !rejected;
        $('token-input').value = '';
        const done = (event) => {
          event.preventDefault();
          const value = $('token-input').value.trim();
          if (!value) return;
          sessionStorage.setItem(TOKEN_KEY, value);
          form.removeEventListener('submit', done);
          dialog.close();
          tokenPrompt = null;
          resolve(value);
        };
        form.addEventListener('submit', done);
        dialog.addEventListener('cancel', (e) => e.preventDefault(), { once: true });
        dialog.showModal();
        $('token-input').focus();
      });
    }
    return tokenPrompt;
  }

  /** fetch() with the bearer token; on 401 the token is asked for and the call made again. */
  async function api(path, options) {
    const opts = Object.assign({}, options || {});
    for (let attempt = 0; ; attempt++) {
      const headers = new Headers(opts.headers || {});
      const t = token();
      if (t) headers.set('Authorization', 'Bearer ' + t);
      const response = await fetch(path, Object.assign({}, opts, { headers }));
      if (response.status !== 401) return response;
      sessionStorage.removeItem(TOKEN_KEY);
      await askToken(attempt > 0 || t !== null);
    }
  }

  /** The messages of an error body ({"errors":[{message,...}]}), each located as the CLI writes it. */
  async function errorsOf(response) {
    try {
      const body = await response.json();
      return (body.errors || []).map(describeError);
    } catch (e) {
      return [response.status + ' ' + response.statusText];
    }
  }

  function describeError(e) {
    let where = e.file ? e.file + (e.line ? ':' + e.line + (e.column ? ':' + e.column : '') : '') + ': ' : '';
    const field = e.field && !String(e.message).startsWith(e.field) ? e.field + ': ' : '';
    return where + field + e.message;
  }

  function notice(text) {
    const n = $('notice');
    n.textContent = text || '';
    n.hidden = !text;
  }

  // ---- Views --------------------------------------------------------------------------------------------------

  function show(view) {
    for (const tab of document.querySelectorAll('.tab')) {
      const on = tab.dataset.view === view;
      tab.setAttribute('aria-selected', on ? 'true' : 'false');
      $('view-' + tab.dataset.view).hidden = !on;
    }
    if (view === 'portfolio' && !portfolio.loaded) loadPortfolio();
    if (view === 'changes') $('changes-badge').hidden = true;
  }

  // ---- The questionnaire --------------------------------------------------------------------------------------

  const interview = {
    parts: [],
    questions: [],        // every question, in order, with its part
    answers: {},          // field -> answer as typed ('' = don't know), sent whole on every change
    outcome: null,        // the server's last answer (POST /v1/interview)
    pending: 0,
  };

  async function loadQuestions() {
    const response = await api('/v1/questions');
    if (!response.ok) {
      $('parts').replaceChildren(el('p', 'error', 'The questions could not be read: ' + (await errorsOf(response)).join('; ')));
      return;
    }
    const body = await response.json();
    // after a reload of the rules the questions are drawn again only when they changed: the reader keeps their place
    const same = JSON.stringify(body.parts) === JSON.stringify(interview.parts);
    interview.parts = body.parts;
    interview.questions = [];
    for (const part of body.parts) {
      for (const q of part.questions) interview.questions.push(Object.assign({ part }, q));
    }
    // answers to questions the rules no longer ask are dropped
    const fields = new Set(interview.questions.map((q) => q.field));
    for (const f of Object.keys(interview.answers)) if (!fields.has(f)) delete interview.answers[f];
    if (!same) renderParts();
    await judge();
  }

  function gateCount() {
    return interview.parts.filter((p) => p.gate).length;
  }

  function renderParts() {
    const root = $('parts');
    root.replaceChildren();
    const gates = gateCount();
    for (const part of interview.parts) {
      const box = el('section', 'part');
      box.dataset.gate = part.gate || '';
      const head = el('header', 'part-head');
      if (part.gate) {
        head.append(el('p', 'gate-number', 'Gate ' + part.gateNumber + ' of ' + gates + ' · ' + part.gate));
        head.append(el('h2', 'framework', '“' + part.framework + '”'));
      } else {
        head.append(el('h2', 'heading', part.heading));
      }
      box.append(head);
      for (const q of part.questions) box.append(renderQuestion(q));
      root.append(box);
    }
  }

  function renderQuestion(q) {
    const box = el('div', 'question');
    box.dataset.field = q.field;
    box.id = 'q-' + q.field;
    const ask = el('label', 'ask', q.ask);
    ask.htmlFor = 'in-' + q.field;
    box.append(ask);
    if (q.quote) box.append(el('blockquote', 'quote', '“' + q.quote + '”'));
    if (q.help) box.append(el('p', 'help', q.help));
    const answer = el('div', 'answer');
    if (q.choices.length > 0 && q.choices.length <= 4) {
      for (const c of q.choices) {
        const b = el('button', 'choice', c);
        b.type = 'button';
        b.dataset.answer = c;
        b.addEventListener('click', () => give(q.field, c));
        answer.append(b);
      }
    } else if (q.choices.length > 0) {
      const select = el('select', 'select');
      select.id = 'in-' + q.field;
      select.append(el('option', null, 'Choose…'));
      select.firstChild.value = '';
      for (const c of q.choices) {
        const o = el('option', null, c);
        o.value = c;
        select.append(o);
      }
      select.addEventListener('change', () => {
        if (select.value) give(q.field, select.value);
      });
      answer.append(select);
    } else {
      const input = el('input', 'text');
      input.id = 'in-' + q.field;
      input.type = 'text';
      input.autocomplete = 'off';
      input.inputMode = q.type === 'text' ? 'text' : 'decimal';
      input.placeholder = q.type === 'text' ? 'text' : (q.unit ? q.unit : 'a number');
      const ok = el('button', 'ok', 'Answer');
      ok.type = 'button';
      ok.addEventListener('click', () => give(q.field, input.value));
      input.addEventListener('keydown', (e) => {
        if (e.key === 'Enter') {
          e.preventDefault();
          give(q.field, input.value);
        }
      });
      answer.append(input, ok);
    }
    const unknown = el('button', 'dont-know', "Don't know");
    unknown.type = 'button';
    unknown.dataset.answer = '';
    unknown.addEventListener('click', () => give(q.field, ''));
    answer.append(unknown);
    box.append(answer);
    const allowed = el('p', 'allowed', 'Answer: ' + q.allowed + '.');
    allowed.dataset.text = allowed.textContent;
    box.append(allowed);
    const error = el('p', 'error');
    error.hidden = true;
    box.append(error);
    return box;
  }

  function give(field, value) {
    interview.answers[field] = String(value).trim();
    judge();
  }

  /** Sends every answer given; the server replays them in order and answers with the state of the whole. */
  async function judge() {
    const sent = ++interview.pending;
    document.body.dataset.busy = 'true';
    try {
      let response;
      try {
        response = await api('/v1/interview', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ answers: interview.answers }),
        });
      } catch (e) {
        notice('The server cannot be reached: ' + e.message);
        return;
      }
      if (sent !== interview.pending) return; // a later answer was sent meanwhile: its outcome is the one to show
      if (!response.ok) {
        notice('The answers could not be judged: ' + (await errorsOf(response)).join('; '));
        return;
      }
      notice('');
      const outcome = await response.json();
      if (sent !== interview.pending) return;
      interview.outcome = outcome;
      showOutcome(interview.outcome);
    } finally {
      // busy until the newest answer's outcome is shown, not only received
      if (sent === interview.pending) document.body.dataset.busy = 'false';
    }
  }

  function showOutcome(o) {
    const index = new Map(interview.questions.map((q, i) => [q.field, i]));
    const nextAt = o.next === null ? interview.questions.length : index.get(o.next);
    for (const q of interview.questions) {
      const box = $('q-' + q.field);
      if (!box) continue;
      const i = index.get(q.field);
      const taken = Object.prototype.hasOwnProperty.call(o.answers, q.field);
      let state;
      if (o.rejected && o.rejected.field === q.field) state = 'rejected';
      else if (q.field === o.next) state = 'current';
      else if (taken) state = o.answers[q.field] === null ? 'unknown' : 'answered';
      else if (i < nextAt) state = 'passed-over';
      else state = 'later';
      box.dataset.state = state;
      const error = box.querySelector('.error');
      error.hidden = state !== 'rejected';
      error.textContent = state === 'rejected' ? o.rejected.message : '';
      const given = interview.answers[q.field];
      for (const b of box.querySelectorAll('button.choice, button.dont-know')) {
        const pressed = given !== undefined && (state === 'answered' || state === 'unknown' || state === 'rejected') && b.dataset.answer === given;
        b.setAttribute('aria-pressed', pressed ? 'true' : 'false');
      }
      const input = box.querySelector('input.text, select');
      if (input && document.activeElement !== input) input.value = given !== undefined ? given : '';
      for (const c of box.querySelectorAll('button, input, select')) c.disabled = state === 'later';
      const allowed = box.querySelector('.allowed');
      allowed.textContent = state === 'passed-over' ? 'Not asked: another question gives this fact.' : allowed.dataset.text;
    }
    showResult(o);
    const current = o.next ? $('q-' + o.next) : null;
    if (current) {
      const input = current.querySelector('input.text, select');
      if (input && !input.disabled) input.focus({ preventScroll: true });
      const r = current.getBoundingClientRect();
      if (r.top < 0 || r.bottom > window.innerHeight) current.scrollIntoView({ block: 'center' });
    }
  }

  // ---- The result ---------------------------------------------------------------------------------------------

  function showResult(o) {
    const r = o.result;
    const verdict = $('verdict');
    verdict.dataset.code = r ? r.verdict : '';
    verdict.dataset.decided = o.decided ? 'true' : 'false';
    $('progress-text').textContent = o.asked + ' of ' + o.total + ' questions asked';
    $('progress-bar').style.width = Math.round(100 * o.asked / Math.max(o.total, 1)) + '%';
    $('download').disabled = !o.factFile || o.asked === 0;
    if (!r) {
      $('verdict-code').textContent = '—';
      $('verdict-action').textContent = 'Answer the first questions to see where the use case stands.';
      $('verdict-state').textContent = '';
      $('verdict-section').textContent = '';
      // the gates to come, by name, until there is a result to judge them
      renderGates(interview.parts.filter((p) => p.gate).map((p) => ({ number: p.gateNumber, name: p.gate, status: 'NOT_YET', reason: '' })));
      $('costs').replaceChildren(el('p', 'muted', 'No cost comparison yet: it needs the volume.'));
      $('counterfactuals').replaceChildren(el('p', 'muted', 'Nothing yet.'));
      $('advice').replaceChildren(el('p', 'muted', 'Nothing yet.'));
      return;
    }
    const v = r.recommendations.find((x) => x.kind === 'VERDICT');
    $('verdict-code').textContent = r.verdict;
    $('verdict-action').textContent = v && v.action ? v.action : '';
    const stop = v && v.stoppedAt ? r.gates.find((g) => g.name === v.stoppedAt) : null;
    const where = stop ? 'it stops at gate ' + stop.number + ' (' + stop.name + ')' : 'every gate passes';
    $('verdict-state').textContent = o.decided
      ? 'Decided: ' + where + '; no answer still to come can change it.'
      : 'Not decided yet: so far ' + where + '; answers still to come can change it.';
    $('verdict-section').textContent = v && v.section ? 'The article: ' + v.section : '';
    renderGates(r.gates);
    renderCosts(r.costs);
    renderCounterfactuals(r.counterfactuals, (r.gates || []).every((g) => g.status === 'PASS'));
    renderAdvice(r.recommendations.filter((x) => x.kind !== 'VERDICT'));
  }

  function renderGates(gates) {
    const list = $('gates');
    list.replaceChildren();
    for (const g of gates) {
      const li = el('li', 'gate');
      li.dataset.status = g.status;
      const head = el('div', 'gate-head');
      head.append(el('span', 'num', g.number), el('span', 'name', g.name), el('span', 'status', g.status.replace('_', ' ').toLowerCase()));
      li.append(head, el('p', 'reason', g.reason));
      list.append(li);
    }
  }

  const usd = (n) => '$' + Math.round(n).toLocaleString('en-US');
  const num = (n) => Number(n).toLocaleString('en-US');

  function renderCosts(c) {
    const root = $('costs');
    root.replaceChildren();
    if (!c) {
      // the rules give no cost estimate for these answers (a gate before the cost comparison decided, or a number it needs is not known)
      root.append(el('p', 'muted', 'No cost comparison for these answers: the rules gave none.'));
      return;
    }
    const table = el('table', 'costs');
    table.id = 'costs-table';
    const row = (label, value, cls) => {
      const tr = el('tr', cls);
      tr.append(el('th', null, label), el('td', null, value));
      table.append(tr);
    };
    row('Frontier API, a year', usd(c.frontierUsdPerYear), 'frontier');
    row('Owning the fine-tune, a year', usd(c.fineTuneUsdPerYear), 'fine-tune');
    const parts = [['inference', c.fineTuneInferenceUsdPerYear], ['hosting', c.hostingUsdPerYear], ['training', c.trainingUsdPerYear],
      ['engineering', c.engineeringUsdPerYear], ['labeling', c.labelingUsd]].filter((p) => p[1]);
    for (const [name, value] of parts) row('  of which ' + name, usd(value), 'sub');
    row('Cost advantage', c.advantage + '× (needs ' + c.requiredAdvantage + '×)', c.winsOnCost ? 'wins' : 'loses');
    if (c.callsPerYear !== undefined) row('Calls', num(c.callsPerMonth) + ' a month, ' + num(c.tokensPerCall) + ' tokens a call', null);
    if (c.servingPath) row('Serving', c.servingPath.replace(/_/g, ' ').toLowerCase(), null);
    root.append(table);
    if (c.assumed && c.assumed.length) {
      root.append(el('p', 'note', 'Assumed (not given): ' + c.assumed.join(', ') + '.'));
    }
  }

  function renderCounterfactuals(list, allPass) {
    const root = $('counterfactuals');
    root.replaceChildren();
    if (!list || list.length === 0) {
      root.append(el('p', 'muted', allPass ? 'Nothing to change: the verdict is the one every gate passing gives.'
        : 'The search for what would change this found nothing to show.'));
      return;
    }
    for (const cf of list) {
      const box = el('div', 'counterfactual');
      box.dataset.target = cf.target;
      box.dataset.reached = cf.reached ? 'true' : 'false';
      box.append(el('p', 'target', (cf.reached ? 'Reaches ' : 'Does not reach ') + cf.target));
      if (cf.explanation) box.append(el('p', 'explanation', cf.explanation));
      if (cf.changes && cf.changes.length) {
        const ul = el('ul', 'changes');
        for (const ch of cf.changes) {
          const to = ch.anyOf ? ch.anyOf.join(' or ') : ch.to;
          const bound = ch.bound === 'AT_LEAST' ? 'at least ' : ch.bound === 'AT_MOST' ? 'at most ' : '';
          const li = el('li', ch.kind);
          li.append(el('code', null, ch.field), document.createTextNode(': ' + (ch.from === null ? 'unknown' : ch.from) + ' → ' + bound + to),
            el('span', 'tag', ch.kind + ', ' + ch.gate));
          ul.append(li);
        }
        box.append(ul);
      }
      root.append(box);
    }
  }

  function renderAdvice(list) {
    const root = $('advice');
    root.replaceChildren();
    if (list.length === 0) {
      root.append(el('p', 'muted', 'No further advice.'));
      return;
    }
    for (const r of list) {
      const box = el('div', 'advisory');
      box.append(el('p', 'code', r.code), el('p', 'explanation', r.explanation));
      if (r.section) box.append(el('p', 'section', 'The article: ' + r.section));
      root.append(box);
    }
  }

  function download() {
    const o = interview.outcome;
    if (!o || !o.factFile) return;
    const id = o.answers && typeof o.answers.id === 'string' && /^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(o.answers.id) ? o.answers.id : 'use-case';
    const name = /\.ya?ml$/.test(id) ? id : id + '.yaml';
    const url = URL.createObjectURL(new Blob([o.factFile], { type: 'application/yaml' }));
    const a = el('a');
    a.href = url;
    a.download = name;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }

  // ---- The portfolio ------------------------------------------------------------------------------------------

  const portfolio = { loaded: false, upload: null };

  function mediaTypeOf(name) {
    const lower = name.toLowerCase();
    if (lower.endsWith('.jsonl')) return 'application/x-ndjson';
    if (lower.endsWith('.json')) return 'application/json';
    return 'application/yaml';
  }

  async function loadPortfolio() {
    portfolio.loaded = true;
    $('portfolio-errors').hidden = true;
    $('portfolio-frame').dataset.loaded = 'false';
    let response;
    if (portfolio.upload) {
      response = await api('/v1/portfolio/report', {
        method: 'POST',
        headers: { 'Content-Type': mediaTypeOf(portfolio.upload.name) + '; charset=utf-8' },
        body: portfolio.upload.text,
      });
    } else {
      response = await api('/v1/portfolio/report');
    }
    $('portfolio-source').textContent = portfolio.upload ? 'Uploaded: ' + portfolio.upload.name : "The server's portfolio";
    $('portfolio-server').hidden = !portfolio.upload;
    if (response.status === 404 && !portfolio.upload) {
      $('portfolio-note').textContent = 'The server was started without a portfolio (--portfolio PATH). Upload a fact file, a'
        + ' portfolio file or JSON Lines (.yaml, .yml, .json, .jsonl) to see its report.';
      $('portfolio-note').hidden = false;
      $('portfolio-frame').hidden = true;
      return;
    }
    if (!response.ok) {
      const errors = await errorsOf(response);
      $('portfolio-note').textContent = 'The portfolio could not be read:';
      $('portfolio-note').hidden = false;
      $('portfolio-errors').replaceChildren(...errors.map((e) => el('li', null, e)));
      $('portfolio-errors').hidden = false;
      $('portfolio-frame').hidden = true;
      return;
    }
    const html = await response.text();
    $('portfolio-note').hidden = true;
    const frame = $('portfolio-frame');
    frame.hidden = false;
    frame.dataset.revision = response.headers.get('X-Rules-Revision') || '';
    frame.srcdoc = html;
  }

  /** The report as a frame shows it: as tall as it is, and its links to a use case scrolling within it. */
  function fitFrame() {
    const frame = $('portfolio-frame');
    const doc = frame.contentDocument;
    if (!doc || !doc.body) return;
    frame.style.height = (doc.documentElement.scrollHeight + 20) + 'px';
    doc.addEventListener('click', (e) => {
      const a = e.target.closest ? e.target.closest('a[href^="#"]') : null;
      if (!a) return;
      e.preventDefault();
      const target = doc.getElementById(decodeURIComponent(a.getAttribute('href').slice(1)));
      if (target) {
        const top = frame.getBoundingClientRect().top + window.scrollY + target.getBoundingClientRect().top;
        window.scrollTo({ top: top - 10 });
      }
    });
    frame.dataset.loaded = 'true';
  }

  async function uploadChosen() {
    const file = $('portfolio-upload').files[0];
    if (!file) return;
    portfolio.upload = { name: file.name, text: await file.text() };
    await loadPortfolio();
  }

  // ---- Reloads: /health polled, the banner, the changes --------------------------------------------------------

  const watch = { revision: null, health: null, history: [] };

  async function poll() {
    try {
      // /health answers without the token; with it, it also tells the last reload and its errors
      const t = token();
      const response = await fetch('/health', { cache: 'no-store', headers: t ? { Authorization: 'Bearer ' + t } : {} });
      if (response.ok) await healthSeen(await response.json());
      $('watch-state').textContent = 'Watching: rules ' + (watch.revision || '?') + ', checked ' + new Date().toLocaleTimeString() + '.';
    } catch (e) {
      $('watch-state').textContent = 'The server cannot be reached (' + e.message + '); trying again every 2 seconds.';
    } finally {
      setTimeout(poll, POLL_MS);
    }
  }

  async function healthSeen(h) {
    $('revision').textContent = 'rules ' + h.rulesRevision + (h.assumptionsRevision ? ' · assumptions ' + h.assumptionsRevision : '');
    const last = h.lastReload || {};
    const banner = $('reload-banner');
    if (last.outcome === 'failed') {
      $('reload-errors').replaceChildren(...(last.errors || []).map((e) =>
        el('li', null, (e.file || '') + (e.line ? ':' + e.line : '') + ': ' + e.message)));
      banner.hidden = false;
    } else {
      banner.hidden = true;
    }
    const revision = h.rulesRevision + '/' + (h.assumptionsRevision || '');
    const before = watch.health;
    watch.health = h;
    if (watch.revision === null) {
      watch.revision = revision;
      return;
    }
    if (revision === watch.revision) return;
    watch.revision = revision;
    await rulesChanged(before, h);
  }

  async function rulesChanged(before, now) {
    const response = await api('/v1/portfolio/changes');
    let changes = null;
    if (response.ok) {
      changes = await response.json();
    } else if (response.status === 404) {
      // no --portfolio: the reload is listed, with nothing to compare
      changes = { revision: now.rulesRevision, previousRevision: before.rulesRevision, assumptionsRevision: now.assumptionsRevision,
        previousAssumptionsRevision: before.assumptionsRevision, useCases: 0, changed: [], none: true };
    } else {
      notice('The changes after the reload could not be read: ' + (await errorsOf(response)).join('; '));
    }
    if (changes) {
      watch.history.unshift({ at: new Date(), changes });
      renderChanges();
      const badge = $('changes-badge');
      badge.textContent = String(changes.changed.length);
      badge.hidden = $('view-changes').hidden === false;
    }
    // the portfolio and the questionnaire are shown again under the new rules
    if (portfolio.loaded) await loadPortfolio();
    await loadQuestions();
  }

  function renderChanges() {
    const root = $('changes');
    root.replaceChildren();
    for (const { at, changes } of watch.history) {
      const box = el('section', 'reload');
      const n = changes.changed.length;
      const revisions = revisionChange(changes);
      box.append(el('h3', null, at.toLocaleTimeString() + ': ' + revisions));
      box.append(el('p', 'summary', changes.none ? 'The server has no portfolio (--portfolio PATH): no decisions to compare.'
        : n === 0 ? 'No decision of the ' + changes.useCases + ' use cases changed.'
          : n + ' of ' + changes.useCases + ' use cases changed decision.'));
      if (n > 0) {
        const table = el('table', 'changes-table');
        const head = el('tr');
        for (const h of ['use case', 'verdict', 'gates', 'codes', 'revision']) head.append(el('th', null, h));
        const thead = el('thead');
        thead.append(head);
        table.append(thead);
        const body = el('tbody');
        for (const c of changes.changed) {
          const tr = el('tr');
          tr.dataset.id = c.id;
          const verdict = side(c.before) === side(c.after) ? side(c.after) : side(c.before) + ' → ' + side(c.after);
          tr.append(el('td', 'id', c.id), el('td', 'verdict', verdict), el('td', null, gateChanges(c).join('; ')),
            el('td', null, codeChanges(c).join(' ')), el('td', 'rev', revisions));
          body.append(tr);
        }
        table.append(body);
        box.append(table);
      }
      root.append(box);
    }
  }

  /** The revisions before → after: the rules', and the assumptions' when they changed (an edit of assumptions.yaml). */
  function revisionChange(c) {
    let text = 'rules ' + (c.previousRevision || '?') + ' → ' + c.revision;
    if (c.assumptionsRevision !== c.previousAssumptionsRevision) {
      text += ', assumptions ' + (c.previousAssumptionsRevision || '?') + ' → ' + c.assumptionsRevision;
    }
    return text;
  }

  const side = (d) => (d.error ? 'failed: ' + d.error : d.verdict);

  function gateChanges(c) {
    const out = [];
    const before = c.before.gates || {};
    const after = c.after.gates || {};
    for (const name of Object.keys(before)) if (after[name] !== before[name]) out.push(name + ': ' + before[name] + ' → ' + (after[name] || '(none)'));
    for (const name of Object.keys(after)) if (!(name in before)) out.push(name + ': (none) → ' + after[name]);
    return out;
  }

  function codeChanges(c) {
    const before = new Set(c.before.codes || []);
    const after = new Set(c.after.codes || []);
    return [...after].filter((x) => !before.has(x)).map((x) => '+' + x).concat([...before].filter((x) => !after.has(x)).map((x) => '−' + x));
  }

  // ---- Start --------------------------------------------------------------------------------------------------

  document.addEventListener('DOMContentLoaded', () => {
    for (const tab of document.querySelectorAll('.tab')) tab.addEventListener('click', () => show(tab.dataset.view));
    $('download').addEventListener('click', download);
    $('portfolio-upload').addEventListener('change', uploadChosen);
    $('portfolio-server').addEventListener('click', () => {
      portfolio.upload = null;
      $('portfolio-upload').value = '';
      loadPortfolio();
    });
    $('portfolio-frame').addEventListener('load', fitFrame);
    loadQuestions();
    poll();
  });
})();

/* LossForge web UI: helpers shared by the pages (plain browser JavaScript, no build step). */
'use strict';

const LF = (() => {
  // the API is the ranker's own REST API, one level above /ui/ (works behind a path prefix too)
  const api = new URL('..', window.location.href);

  async function json(path) {
    const r = await fetch(new URL(path, api), { headers: { Accept: 'application/json' } });
    if (!r.ok) {
      let msg = r.status + ' ' + r.statusText;
      try { const b = await r.json(); if (b && b.message) msg = b.message; } catch (e) { /* not JSON */ }
      const err = new Error(msg); err.status = r.status; throw err;
    }
    return r.json();
  }

  /** Server-sent events with a debounced callback; reconnects (EventSource does) and shows the state in #live. */
  function live(path, onChange, delayMs) {
    const el = document.getElementById('live');
    let timer = null;
    const es = new EventSource(new URL(path, api));
    es.onopen = () => { if (el) { el.className = 'live on'; el.textContent = 'live'; } };
    es.onerror = () => { if (el) { el.className = 'live off'; el.textContent = 'reconnecting'; } };
    es.onmessage = (ev) => {
      let data = null;
      try { data = JSON.parse(ev.data); } catch (e) { /* ignore */ }
      if (timer) return;
      timer = setTimeout(() => { timer = null; onChange(data); }, delayMs || 300);
    };
    return es;
  }

  function fmt(v, digits) {
    if (v === null || v === undefined || Number.isNaN(v)) return '–';
    const d = digits === undefined ? 4 : digits;
    const a = Math.abs(v);
    if (a !== 0 && (a >= 1e5 || a < 1e-3)) return v.toExponential(2);
    return v.toFixed(a >= 100 ? 1 : d);
  }

  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === 'class') e.className = v;
      else if (k === 'text') e.textContent = v;
      else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
      else e.setAttribute(k, v === true ? '' : String(v));
    }
    for (const c of children.flat()) if (c !== null && c !== undefined) e.append(c.nodeType ? c : document.createTextNode(String(c)));
    return e;
  }

  function param(name) { return new URLSearchParams(window.location.search).get(name); }

  /** Candidate ids the NLFS evolver gives its own children; any other candidate was injected (StudySummaries). */
  const EVOLVED = /^.+\.s\d+\.t\d+$/;
  function injected(kind, candidateId) {
    if (!candidateId || kind === 'SEARCH') return false;
    return kind !== 'NLFS' || !EVOLVED.test(candidateId);
  }

  const LOWER_IS_BETTER = new Set(['n1', 'n5', 'n10', 'regret10', 'bestTestError', 'trainSeconds']);
  const METRICS = {
    STUDY: ['kendallTauB', 'spearman', 'p05', 'p1', 'p5', 'p10', 'n1', 'n5', 'n10', 'regret10'],
    SEARCH: ['bestTestError'],
    NLFS: ['fitness', 'trainSeconds'],
  };
  const LABELS = {
    kendallTauB: 'Kendall τ-b', spearman: 'Spearman ρ', p05: 'P@0.5%', p1: 'P@1%', p5: 'P@5%', p10: 'P@10%',
    n1: 'N@1', n5: 'N@5', n10: 'N@10', regret10: 'regret@10', bestTestError: 'best test error (%)',
    fitness: 'fitness (validation accuracy)', trainSeconds: 'training seconds',
  };

  return { api, json, live, fmt, el, param, injected, LOWER_IS_BETTER, METRICS, LABELS };
})();

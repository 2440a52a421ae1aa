/* LossForge web UI: small SVG plots (lines with confidence bands; a scatter with its running best). No library. */
'use strict';

const LFPlot = (() => {
  const NS = 'http://www.w3.org/2000/svg';
  const PALETTE = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f',
                   '#bcbd22', '#17becf'];
  const W = 860, H = 380, M = { l: 64, r: 210, t: 16, b: 46 };

  function node(tag, attrs, parent) {
    const e = document.createElementNS(NS, tag);
    for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, String(v));
    if (parent) parent.appendChild(e);
    return e;
  }

  function extent(values) {
    let lo = Infinity, hi = -Infinity;
    for (const v of values) if (Number.isFinite(v)) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
    if (!Number.isFinite(lo)) return [0, 1];
    if (lo === hi) { const pad = Math.abs(lo) * 0.05 || 0.5; return [lo - pad, hi + pad]; }
    const pad = (hi - lo) * 0.06;
    return [lo - pad, hi + pad];
  }

  function ticks(lo, hi, n) {
    const step0 = (hi - lo) / n, mag = Math.pow(10, Math.floor(Math.log10(step0)));
    const step = [1, 2, 2.5, 5, 10].map(m => m * mag).find(s => s >= step0) || step0;
    const out = [];
    for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) out.push(+v.toPrecision(12));
    return out;
  }

  function frame(svg, xLabel, yLabel) {
    while (svg.firstChild) svg.removeChild(svg.firstChild);
    svg.setAttribute('viewBox', `0 0 ${W} ${H}`);
    svg.setAttribute('width', W);
    svg.setAttribute('height', H);
    svg.classList.add('plot');
    const t = node('text', { x: M.l + (W - M.l - M.r) / 2, y: H - 8, 'text-anchor': 'middle', class: 'x-label' }, svg);
    t.textContent = xLabel;
    const y = node('text', { x: 14, y: M.t + (H - M.t - M.b) / 2, 'text-anchor': 'middle', class: 'y-label',
                             transform: `rotate(-90 14 ${M.t + (H - M.t - M.b) / 2})` }, svg);
    y.textContent = yLabel;
  }

  function axes(svg, sx, sy, xTicks, yTicks, xFmt) {
    const grid = node('g', { class: 'grid' }, svg), axis = node('g', { class: 'axis' }, svg);
    const x0 = M.l, x1 = W - M.r, y0 = H - M.b, y1 = M.t;
    for (const v of yTicks) {
      node('line', { x1: x0, x2: x1, y1: sy(v), y2: sy(v) }, grid);
      const t = node('text', { x: x0 - 6, y: sy(v) + 4, 'text-anchor': 'end' }, axis);
      t.textContent = LF.fmt(v, 3);
    }
    for (const v of xTicks) {
      node('line', { x1: sx(v), x2: sx(v), y1: y0, y2: y0 + 4 }, axis);
      const t = node('text', { x: sx(v), y: y0 + 17, 'text-anchor': 'middle' }, axis);
      t.textContent = xFmt ? xFmt(v) : String(v);
    }
    node('path', { d: `M${x0},${y1}V${y0}H${x1}`, fill: 'none' }, axis);
  }

  function legend(svg, names, colors, extra) {
    const g = node('g', { class: 'legend' }, svg);
    names.forEach((name, i) => {
      const y = M.t + 8 + i * 18;
      node('rect', { x: W - M.r + 14, y: y - 8, width: 12, height: 12, fill: colors[i] }, g);
      const t = node('text', { x: W - M.r + 32, y: y + 2 }, g);
      t.textContent = name.length > 26 ? name.slice(0, 25) + '…' : name;
      const title = node('title', {}, t); title.textContent = name;
    });
    if (extra) {
      const t = node('text', { x: W - M.r + 14, y: M.t + 8 + names.length * 18 + 8, class: 'muted' }, g);
      t.textContent = extra;
    }
  }

  /**
   * One line per series over x, with its 95% CI as a band.
   * series: [{ name, points: [{ x, y, lo, hi }] }]; options: { xLabel, yLabel, logX }
   */
  function lines(svg, series, opt) {
    frame(svg, opt.xLabel, opt.yLabel);
    const xs = [...new Set(series.flatMap(s => s.points.map(p => p.x)))].sort((a, b) => a - b);
    const ys = series.flatMap(s => s.points.flatMap(p => [p.y, p.lo, p.hi]));
    const logX = opt.logX && xs.length > 1 && xs[0] > 0;
    const fx = v => logX ? Math.log(v) : v;
    let [xlo, xhi] = xs.length ? [fx(xs[0]), fx(xs[xs.length - 1])] : [0, 1];
    if (xlo === xhi) { xlo -= 1; xhi += 1; }
    const padX = (xhi - xlo) * 0.04;
    const [ylo, yhi] = extent(ys);
    const sx = v => M.l + (fx(v) - xlo + padX) / (xhi - xlo + 2 * padX) * (W - M.l - M.r);
    const sy = v => H - M.b - (v - ylo) / (yhi - ylo) * (H - M.t - M.b);
    axes(svg, sx, sy, xs.length <= 12 ? xs : ticks(xs[0], xs[xs.length - 1], 8), ticks(ylo, yhi, 6));
    const colors = series.map((_, i) => PALETTE[i % PALETTE.length]);
    series.forEach((s, i) => {
      const g = node('g', { class: 'series', 'data-name': s.name }, svg);
      const pts = s.points.filter(p => Number.isFinite(p.y)).sort((a, b) => a.x - b.x);
      const band = pts.filter(p => Number.isFinite(p.lo) && Number.isFinite(p.hi));
      if (band.length > 1) {
        const d = 'M' + band.map(p => `${sx(p.x)},${sy(p.hi)}`).join('L')
          + 'L' + band.slice().reverse().map(p => `${sx(p.x)},${sy(p.lo)}`).join('L') + 'Z';
        node('path', { class: 'band', d, fill: colors[i] }, g);
      }
      if (pts.length > 1) {
        node('path', { class: 'line', d: 'M' + pts.map(p => `${sx(p.x)},${sy(p.y)}`).join('L'), stroke: colors[i] }, g);
      }
      for (const p of pts) {
        const c = node('circle', { class: 'point', cx: sx(p.x), cy: sy(p.y), r: 4, fill: colors[i],
                                   'data-x': p.x, 'data-y': p.y }, g);
        const t = node('title', {}, c);
        t.textContent = `${s.name}\n${opt.xLabel} ${p.x}: ${LF.fmt(p.y)}`
          + (Number.isFinite(p.lo) ? ` (95% CI ${LF.fmt(p.lo)} – ${LF.fmt(p.hi)})` : '');
      }
    });
    legend(svg, series.map(s => s.name), colors, 'bands: 95% CI over seeds');
  }

  /**
   * Each child's value in the order scored, with the running best as a step line.
   * points: [{ x, y, name, injected }]; options: { xLabel, yLabel, higherIsBetter }
   */
  function evolution(svg, points, opt) {
    frame(svg, opt.xLabel, opt.yLabel);
    const pts = points.filter(p => Number.isFinite(p.y)).sort((a, b) => a.x - b.x);
    const xs = pts.map(p => p.x);
    const [ylo, yhi] = extent(pts.map(p => p.y));
    const xlo = xs.length ? xs[0] : 0, xhi = xs.length > 1 ? xs[xs.length - 1] : xlo + 1;
    const sx = v => M.l + (v - xlo) / (xhi - xlo || 1) * (W - M.l - M.r);
    const sy = v => H - M.b - (v - ylo) / (yhi - ylo) * (H - M.t - M.b);
    axes(svg, sx, sy, ticks(xlo, xhi, 8).filter(v => Number.isInteger(v)), ticks(ylo, yhi, 6));
    const g = node('g', { class: 'series', 'data-name': 'children' }, svg);
    for (const p of pts) {
      const c = node('circle', { class: 'point', cx: sx(p.x), cy: sy(p.y), r: 3.5,
                                 fill: p.injected ? '#805ad5' : '#1f77b4', 'data-x': p.x, 'data-y': p.y }, g);
      const t = node('title', {}, c); t.textContent = `${p.name}\n${LF.fmt(p.y)}`;
    }
    let best = null; const steps = [];
    for (const p of pts) {
      if (best === null || (opt.higherIsBetter ? p.y > best : p.y < best)) best = p.y;
      steps.push([p.x, best]);
    }
    if (steps.length) {
      const b = node('g', { class: 'series running-best', 'data-name': 'running best' }, svg);
      let d = `M${sx(steps[0][0])},${sy(steps[0][1])}`;
      for (let i = 1; i < steps.length; i++) d += `H${sx(steps[i][0])}V${sy(steps[i][1])}`;
      node('path', { class: 'line', d, stroke: '#2f855a' }, b);
    }
    legend(svg, ['child', 'injected', 'running best'], ['#1f77b4', '#805ad5', '#2f855a']);
  }

  return { lines, evolution };
})();

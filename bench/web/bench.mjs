// The browser half of `cargo xtask bench`: headless Chromium driven by
// playwright-core (the end-to-end tests' copy, no browser download).
//
// Run by xtask, configured by the environment:
//   CHROMIUM      the browser binary
//   REPS          repetitions of every timing
//   HARNESS_URL   the engine-only page (bench/web/index.html + the wasm build)
//   WORKLOADS     a JSON file: [{ name, file, source }]
//   SITE_URL      the built site (dist/)
//   OUT           where to write the JSON result
// Each part is skipped when its URL is unset. A figure the page cannot give
// yet (a hook missing from dist/) is written as { measurable: false, reason }.
import { createRequire } from 'node:module';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const require = createRequire(new URL('../../tests/e2e/package.json', import.meta.url));
const { chromium } = require('playwright-core');

const REPS = Number(process.env.REPS ?? 5);
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const round = (x) => Math.round(x * 100) / 100;
const notYet = (reason) => ({ measurable: false, reason });

async function withBrowser(body) {
  const userDataDir = mkdtempSync(path.join(tmpdir(), 'pymem-bench-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1280, height: 900 },
    args: ARGS,
  });
  try {
    return await body(context);
  } finally {
    await context.close();
    rmSync(userDataDir, { recursive: true, force: true });
  }
}

/** The workloads in the engine-only page: REPS timed runs each, in one page. */
async function engine(context, url, workloads) {
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForSelector('body[data-ready="true"]', { state: 'attached', timeout: 60_000 });
  const results = {};
  for (const w of workloads) {
    const samples = [];
    let stdout = null;
    let stderr = '';
    for (let i = 0; i < REPS; i++) {
      const r = await page.evaluate(([src, file]) => window.pymemBench.time('run', src, file), [w.source, w.file]);
      samples.push(round(r.ms));
      stdout = r.stdout;
      stderr = r.stderr;
    }
    results[w.name] = { median_ms: round(median(samples)), first_ms: samples[0], samples_ms: samples, stdout, stderr };
  }
  // What pressing Run costs in the page: the tracemalloc example recorded.
  const doc = workloads.find((w) => w.name === 'tracemalloc');
  if (doc) {
    const samples = [];
    let info = null;
    for (let i = 0; i < REPS; i++) {
      const r = await page.evaluate(([src, file]) => window.pymemBench.time('recorded', src, file), [doc.source, doc.file]);
      samples.push(round(r.ms));
      info = { events: r.events, snapshots: r.snapshots, steps: r.steps, failed: r.failed };
    }
    results.recorded = { workload: 'tracemalloc', median_ms: round(median(samples)), samples_ms: samples, ...info };
  }
  await page.close();
  return results;
}

// Page load to interactive: from navigation start until the first example's
// Run button is in the DOM (Yew renders it only once the wasm has been
// instantiated and the app mounted). Then Run is pressed and the time from
// the click to that example's output appearing is the first run. Both are
// stamped inside the page, so the driver's round trips do not count.
const WATCH_FIRST_EXAMPLE = () => {
  const isRun = (b) => (b.getAttribute('aria-label') ?? b.textContent ?? '').trim() === 'Run';
  const look = () => {
    const example = document.querySelector('[data-example]');
    if (!example) return;
    if (window.__benchInteractive === undefined && [...example.querySelectorAll('button')].some(isRun)) {
      window.__benchInteractive = performance.now();
    }
    const out = example.querySelector('[data-role="output"]');
    if (window.__benchClick !== undefined && window.__benchOutput === undefined && out
      && !out.classList.contains('idle') && out.getAttribute('aria-busy') !== 'true' && out.textContent.trim() !== '') {
      window.__benchOutput = performance.now();
    }
  };
  new MutationObserver(look).observe(document, { childList: true, subtree: true, attributes: true, characterData: true });
  document.addEventListener('click', (e) => {
    const b = e.target.closest?.('button');
    if (b && isRun(b) && b.closest('[data-example]') === document.querySelector('[data-example]')) {
      window.__benchClick ??= performance.now();
    }
  }, true);
};

async function pageLoad(browser, url) {
  const interactive = [];
  const firstRun = [];
  const firstOutput = [];
  let runFailure = null;
  for (let i = 0; i < REPS; i++) {
    // A fresh context each time: an empty HTTP and wasm code cache.
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.addInitScript(WATCH_FIRST_EXAMPLE);
    await page.goto(url);
    await page.waitForFunction(() => window.__benchInteractive !== undefined, null, { timeout: 60_000 });
    interactive.push(round(await page.evaluate(() => window.__benchInteractive)));
    if (!runFailure) {
      await page.locator('[data-example]').first().getByRole('button', { name: 'Run', exact: true }).click();
      try {
        await page.waitForFunction(() => window.__benchOutput !== undefined, null, { timeout: 30_000 });
        firstRun.push(round(await page.evaluate(() => window.__benchOutput - window.__benchClick)));
        firstOutput.push(round(await page.evaluate(() => window.__benchOutput)));
      } catch {
        runFailure = notYet("the first example's Run showed no output within 30 s");
      }
    }
    await context.close();
  }
  const result = { interactive_ms: round(median(interactive)), interactive_samples_ms: interactive };
  if (runFailure) return { ...result, first_run: runFailure };
  return {
    ...result,
    first_run_ms: round(median(firstRun)),
    first_run_samples_ms: firstRun,
    // Navigation start to the first output, Run being pressed at interactive.
    first_output_ms: round(median(firstOutput)),
  };
}

/** The example whose program builds the million-int list, or null. */
async function millionExample(page) {
  const examples = page.locator('[data-example]');
  for (let i = 0; i < await examples.count(); i++) {
    const code = examples.nth(i).getByRole('textbox', { name: 'Python code' });
    if (await code.count() && (await code.inputValue()).includes('range(1000000)')) return examples.nth(i);
  }
  return null;
}

/** Runs an example and waits until its timeline can be dragged. */
async function runToTimeline(page, example) {
  const t0 = await page.evaluate(() => performance.now());
  await example.getByRole('button', { name: 'Run', exact: true }).click();
  const slider = example.getByRole('slider', { name: 'Timeline' });
  await page.waitForFunction((el) => !el.disabled && Number(el.max) > 0, await slider.elementHandle(), { timeout: 120_000 });
  return { slider, ms: round((await page.evaluate(() => performance.now())) - t0) };
}

// Seek: set the Timeline slider to a step as a reader's drag does (an input
// event), and time until the frame that shows the page's last change: the
// example's DOM is watched until it has been quiet for two frames (at most
// 5 s), so a render deferred to a worker's reply still counts.
const SEEK_TO = (el, to) => new Promise((resolve) => {
  const root = el.closest('[data-example]') ?? document.body;
  let last = null;
  const watch = new MutationObserver(() => { last = performance.now(); });
  watch.observe(root, { subtree: true, childList: true, attributes: true, characterData: true });
  const t0 = performance.now();
  Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set.call(el, String(to));
  el.dispatchEvent(new Event('input', { bubbles: true }));
  let seen = null;
  let shownAt = null;
  let quiet = 0;
  const tick = () => {
    const now = performance.now();
    if (last !== seen) {
      seen = last;
      shownAt = now;
      quiet = 0;
    } else {
      quiet++;
    }
    if ((seen !== null && quiet >= 2) || now - t0 > 5000) {
      watch.disconnect();
      resolve({ ms: (shownAt ?? now) - t0, changed: seen !== null });
    } else {
      requestAnimationFrame(tick);
    }
  };
  requestAnimationFrame(tick);
});

async function seek(context, url) {
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForSelector('[data-example]');
  const example = await millionExample(page);
  if (!example) return notYet('no example on the page runs range(1000000)');
  if (!await example.getByRole('slider', { name: 'Timeline' }).count()) {
    return notYet('the examples have no range input named "Timeline" yet');
  }
  const { slider, ms: runMs } = await runToTimeline(page, example);
  const max = Number(await slider.getAttribute('max'));
  const fractions = [0.5, 0.13, 0.87, 0.31, 0.69, 0.05, 0.95, 0.42, 0.58, 0.21, 0.79];
  const samples = [];
  for (const f of fractions.slice(0, Math.max(REPS, 5))) {
    const step = Math.round(f * max);
    const { ms, changed } = await slider.evaluate(SEEK_TO, step);
    if (!changed) return notYet(`seeking to step ${step} changed nothing on the page within 5 s`);
    samples.push(round(ms));
  }
  const landed = await slider.inputValue();
  await page.close();
  return { run_to_timeline_ms: runMs, steps: max + 1, median_ms: round(median(samples)), samples_ms: samples, last_value: landed };
}

// Playback: the page's example with 1,000 live floats (or, on a page
// without it, a program with 1,000 live lists typed into the first example),
// played at the fastest speed from the first step where 1,000 objects are
// drawn; frames counted with requestAnimationFrame while it plays, and the
// objects drawn counted at every frame.
const THOUSAND = `objs = []
for i in range(1000):
    objs.append([i])
total = 0
for o in objs:
    total += o[0]
print(total)
`;
const PLAYBACK_EXAMPLE = 'thousand-floats';

async function playback(context, url) {
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForSelector('[data-example]');
  let example = page.locator(`[data-example="${PLAYBACK_EXAMPLE}"]`);
  const own = await example.count() > 0;
  if (!own) example = page.locator('[data-example]').first();
  const play = example.getByRole('button', { name: 'Play', exact: true });
  if (!await play.count()) return notYet('the examples have no "Play" button yet');
  if (!await example.getByRole('slider', { name: 'Timeline' }).count()) {
    return notYet('the examples have no range input named "Timeline" yet');
  }
  if (!own) await example.getByRole('textbox', { name: 'Python code' }).fill(THOUSAND);
  await example.scrollIntoViewIfNeeded();
  const { ms: runMs } = await runToTimeline(page, example);
  if (!await example.locator('[data-role="heap"]').count()) return notYet('the example shows no heap view (data-role="heap")');
  const speed = example.getByRole('combobox', { name: 'Speed' });
  let stepMs = null;
  if (await speed.count()) {
    const values = (await speed.locator('option').evaluateAll((os) => os.map((o) => Number(o.value)))).filter((v) => v > 0);
    if (values.length) {
      stepMs = Math.min(...values);
      await speed.selectOption(String(stepMs));
    }
  }
  // Start at the first step (in tenths of the timeline) where 1,000 objects are drawn.
  const slider = example.getByRole('slider', { name: 'Timeline' });
  const max = Number(await slider.getAttribute('max'));
  const drawnNow = () => example.locator('[data-role="heap"] [data-object-id]').count();
  let start = 0;
  for (let f = 1; f <= 9; f++) {
    start = Math.round((max * f) / 10);
    await slider.evaluate(SEEK_TO, start);
    if (await drawnNow() >= 1000) break;
  }
  await example.locator('[data-role="heap"]').scrollIntoViewIfNeeded();
  await play.click();
  const frames = await page.evaluate(({ heapSel, sliderSel }) => new Promise((resolve) => {
    const heap = document.querySelector(heapSel);
    const slider = document.querySelector(sliderSel);
    const times = [];
    const drawn = [];
    const first = Number(slider.value);
    const start = performance.now();
    const tick = (t) => {
      times.push(t);
      drawn.push(heap.querySelectorAll('[data-object-id]').length);
      // Stop measuring when playback ends (an idle page draws at full rate).
      const playing = slider.closest('[data-example]').querySelector('button[aria-label="Pause"]');
      if (t - start < 3000 && playing) requestAnimationFrame(tick);
      else resolve({ times, drawn, steps: Number(slider.value) - first });
    };
    requestAnimationFrame(tick);
  }), { heapSel: `[data-example="${await example.getAttribute('data-example')}"] [data-role="heap"]`,
    sliderSel: `[data-example="${await example.getAttribute('data-example')}"] input[aria-label="Timeline"]` });
  const heapText = await example.locator('[data-role="heap"] h5').first().textContent().catch(() => '');
  const gaps = frames.times.slice(1).map((t, i) => t - frames.times[i]);
  const span = frames.times.at(-1) - frames.times[0];
  await page.close();
  return {
    example: own ? PLAYBACK_EXAMPLE : 'typed program (1,000 lists)',
    run_to_timeline_ms: runMs,
    fps: round((gaps.length / span) * 1000),
    worst_frame_ms: round(Math.max(...gaps)),
    objects_drawn: Math.min(...frames.drawn),
    objects_drawn_max: Math.max(...frames.drawn),
    measured_ms: round(span),
    steps_played: frames.steps,
    started_at_step: start,
    timeline_steps: max + 1,
    heap_summary: heapText.slice(0, 200),
    step_interval_ms: stepMs,
  };
}

const out = {};
await withBrowser(async (context) => {
  out.chromium = context.browser()?.version() ?? null;
  if (process.env.HARNESS_URL) {
    const workloads = JSON.parse(readFileSync(process.env.WORKLOADS, 'utf8'));
    out.engine = await engine(context, process.env.HARNESS_URL, workloads);
  }
});
if (process.env.SITE_URL) {
  const url = process.env.SITE_URL;
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', headless: true, args: ARGS });
  out.chromium ??= browser.version();
  try {
    out.page_load = await pageLoad(browser, url);
  } finally {
    await browser.close();
  }
  await withBrowser(async (context) => {
    out.seek = await seek(context, url).catch((e) => notYet(`failed: ${e.message.split('\n')[0]}`));
    out.playback = await playback(context, url).catch((e) => notYet(`failed: ${e.message.split('\n')[0]}`));
  });
}
writeFileSync(process.env.OUT, JSON.stringify(out, null, 2));

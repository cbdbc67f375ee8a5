/**
 * A server-rendered Vue page (Nuxt): the server's HTML, the tags registered and drawn, then Vue
 * hydrates it. Vue checks each bound attribute, `style` among them, against the DOM: the mark keeps
 * its measured aspect in its shadow root, not in its tag's style, so a `style` bound on a
 * `<drop-mark>` hydrates as is (it needed `data-allow-mismatch="style"` while the mark wrote there).
 */
import { describe, expect, it } from 'vitest';
import { createSSRApp, h } from 'vue';
import { renderToString } from 'vue/server-renderer';
import '@dropkit/elements/define';
import { AT, CHECKOUT, rendered } from './harness.ts';

async function hydrateAfterRender(markProps: Record<string, unknown>): Promise<string[]> {
  const App = {
    render: () =>
      h('main', [
        h('drop-countdown', { id: 'vue-ssr-drop', at: AT, 'time-zone': 'Europe/Paris' }, 'Drops Sat 5 Dec'),
        h('drop-button', { drop: 'vue-ssr-drop', referral: 'tiktok' }, [h('a', { href: CHECKOUT }, 'Buy the tee')]),
        h('drop-mark', { name: 'Nova Threads', ...markProps }, 'Nova Threads'),
      ]),
  };
  const container = document.body.appendChild(document.createElement('div'));
  container.innerHTML = await renderToString(createSSRApp(App));
  for (const element of container.querySelectorAll('*')) if (element.localName.startsWith('drop-')) await rendered(element);
  const problems: string[] = [];
  const original = { warn: console.warn, error: console.error };
  console.warn = (...args: unknown[]) => void problems.push(`warn: ${args.map(String).join(' ')}`);
  console.error = (...args: unknown[]) => void problems.push(`error: ${args.map(String).join(' ')}`);
  try {
    const app = createSSRApp(App);
    app.mount(container);
    app.unmount();
  } finally {
    Object.assign(console, original);
    container.remove();
  }
  return problems;
}

describe('Vue hydration of server-rendered dropkit tags', () => {
  it('hydrates the tags without a warning', async () => {
    expect(await hydrateAfterRender({})).toEqual([]);
  });

  it('a mark with a bound style hydrates without a warning', async () => {
    expect(await hydrateAfterRender({ style: { width: '120px' } })).toEqual([]);
  });
});

/**
 * Runs axe-core against the page (shadow roots included) and fails with the rule ids and targets,
 * so a violation reads as a sentence rather than a JSON dump.
 */
// axe-core ships as UMD: imported for its side effect it installs `window.axe`.
import 'axe-core';
import type { AxeResults, RunOptions } from 'axe-core';
import { animationsSettled } from './wait.ts';

type AxeGlobal = { run(context: Element | Document, options: RunOptions): Promise<AxeResults> };
const axe = (globalThis as unknown as { axe: AxeGlobal }).axe;

export async function expectNoAxeViolations(context: Element | Document = document): Promise<void> {
  await animationsSettled();
  // The test page is a bare harness, not a creator's page: page-level rules (a main landmark, an h1,
  // content inside landmarks) judge the harness, not the widget, so they are off here.
  const result = await axe.run(context, {
    resultTypes: ['violations'],
    rules: {
      'landmark-one-main': { enabled: false },
      'page-has-heading-one': { enabled: false },
      region: { enabled: false },
    },
  });
  if (result.violations.length === 0) return;
  const lines = result.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
  throw new Error(`axe found ${result.violations.length} violation(s):\n${lines.join('\n')}`);
}

/**
 * Runs axe-core against the page (shadow roots included) and fails with the rule ids and targets,
 * so a violation reads as a sentence rather than a JSON dump.
 */
// axe-core ships as UMD: imported for its side effect it installs `window.axe`.
import 'axe-core';
import type { AxeResults, RunOptions } from 'axe-core';

type AxeGlobal = { run(context: Element | Document, options: RunOptions): Promise<AxeResults> };
const axe = (globalThis as unknown as { axe: AxeGlobal }).axe;

/** The document and every open shadow root below `root`: getAnimations() on each sees its own tree. */
function treesBelow(root: Document | ShadowRoot): (Document | ShadowRoot)[] {
  const trees: (Document | ShadowRoot)[] = [root];
  for (const element of root.querySelectorAll('*')) if (element.shadowRoot) trees.push(...treesBelow(element.shadowRoot));
  return trees;
}

/**
 * Waits for running finite animations and transitions to end (at most 2 s), so colour contrast is
 * judged on what a visitor sees once a card has faded in or a button has changed colour, not on a
 * frame in between (a 150 ms background transition made a check fail now and then).
 */
async function settled(): Promise<void> {
  const finite = treesBelow(document)
    .flatMap((tree) => tree.getAnimations())
    .filter((animation) => animation.playState === 'running' && Number.isFinite(animation.effect?.getComputedTiming().endTime ?? Infinity));
  await Promise.race([Promise.allSettled(finite.map((animation) => animation.finished)), new Promise((resolve) => setTimeout(resolve, 2000))]);
}

export async function expectNoAxeViolations(context: Element | Document = document): Promise<void> {
  await settled();
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

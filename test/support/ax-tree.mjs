/**
 * Test-runner command `ax-tree` ({ selector: string }): the accessibility tree Chromium computed for
 * the first element matching `selector` (in the light DOM of the test page), the one a screen reader
 * reads, shadow roots and slots resolved. Read through Chromium's DevTools protocol
 * (Accessibility.getFullAXTree) in a session of its own, because nothing in the page can ask for
 * it: the DOM says what the author wrote, this says what the browser made of it.
 *
 * Returns nested `{ role, name, description, properties, ignored, children }`; ignored nodes keep
 * their place (with `ignored: true`) so a test can see what is hidden from the reader and what is
 * under it. Call it from a browser test with `executeServerCommand('ax-tree', { selector })`.
 */
import { cdpCommand } from './cdp-command.mjs';

// A property is { name, value: { type, value } }; related-node properties carry no plain value.
const value = (property) => property?.value?.value;

export const axTree = () =>
  cdpCommand(
    'ax-tree',
    async (cdp, payload) => {
      const { root } = await cdp.send('DOM.getDocument', { depth: 0 });
      const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector: payload.selector });
      if (!nodeId) throw new Error(`ax-tree: nothing matches ${payload.selector}`);
      const { node } = await cdp.send('DOM.describeNode', { nodeId });
      const { nodes } = await cdp.send('Accessibility.getFullAXTree', {});
      const byId = new Map(nodes.map((n) => [n.nodeId, n]));
      const start = nodes.find((n) => n.backendDOMNodeId === node.backendNodeId);
      if (!start) throw new Error(`ax-tree: no accessibility node for ${payload.selector}`);
      const shape = (n) => ({
        role: n.role?.value ?? '',
        name: n.name?.value ?? '',
        description: n.description?.value ?? '',
        ignored: Boolean(n.ignored),
        properties: Object.fromEntries((n.properties ?? []).map((p) => [p.name, value(p)])),
        children: (n.childIds ?? []).map((id) => byId.get(id)).filter(Boolean).map(shape),
      });
      return shape(start);
    },
    (cdp) => cdp.send('Accessibility.enable'),
  );

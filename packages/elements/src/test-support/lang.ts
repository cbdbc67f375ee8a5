/**
 * Which language a piece of a widget is in, as the browser resolves it for rendering and for the
 * accessibility tree: the nearest `lang` up the flat tree (a slotted node through its slot, a shadow
 * root through its host). The DOM's own rule (light-tree ancestors) can differ for slotted content:
 * a `lang` on the slot or around it would reach the creator's text there, so these tests walk the
 * flat tree, the stricter of the two.
 */
export function langOf(node: Node): string {
  let current: Node | null = node;
  while (current) {
    if (current instanceof Element && current.hasAttribute('lang')) return current.getAttribute('lang')!;
    current = (current as Element | Text).assignedSlot ?? current.parentNode ?? (current as ShadowRoot).host ?? null;
  }
  return '';
}

/** The text node under `root` (open shadow roots included) whose trimmed text is `text`. */
export function textNode(root: Node, text: string): Text {
  const found = textNodes(root).find((node) => node.data.replace(/\s+/g, ' ').trim() === text);
  if (!found) throw new Error(`no text node "${text}" under ${(root as Element).localName ?? root.nodeName}`);
  return found;
}

function textNodes(root: Node): Text[] {
  const found: Text[] = [];
  const visit = (node: Node) => {
    if (node instanceof Text) found.push(node);
    if (node instanceof Element && node.shadowRoot) visit(node.shadowRoot);
    node.childNodes.forEach(visit);
  };
  visit(root);
  return found;
}

/** Every element carrying `lang` inside the shadow roots under `root` (nested widgets included). */
export function shadowLangs(root: Element): string[] {
  const found: string[] = [];
  const visit = (node: Element | ShadowRoot, inShadow: boolean) => {
    if (inShadow && node instanceof Element && node.hasAttribute('lang')) {
      found.push(`${node.localName}[part="${node.getAttribute('part') ?? ''}"] lang="${node.getAttribute('lang')}"`);
    }
    if (node instanceof Element && node.shadowRoot) visit(node.shadowRoot, true);
    for (const child of node.children) visit(child, inShadow);
  };
  visit(root, false);
  return found;
}

/**
 * Rows of the Reference table that come from the element's manifest but that a story does not wire
 * into its render: the row stays (it documents the attribute), without a control that would change
 * nothing on screen.
 */
export function documentedOnly(names: string[]): Record<string, { control: false }> {
  return Object.fromEntries(names.map((name) => [name, { control: false }]));
}

interface ControlRow {
  control?: false | { type?: string; disable?: boolean };
  table?: { category?: string };
}

/** Manifest categories whose rows a designer types into; events, parts and custom properties are not inputs. */
const INPUT_CATEGORIES = ['attributes', 'properties', 'slots'];

/**
 * Every control a story offers must change what is on screen. Run before every story (preview.ts),
 * so `npm run test:stories` fails on, and the story itself shows, a control that feeds nothing (a
 * manifest row the render never reads, such as a slot's text box) or a JSON editor on an arg the
 * render reads (a part named like the attribute took over its row).
 */
export function brokenControls(argTypes: Record<string, ControlRow>, initialArgs: Record<string, unknown>): string[] {
  const problems: string[] = [];
  for (const [name, row] of Object.entries(argTypes)) {
    const control = row.control;
    if (!control || control.disable) continue;
    const read = name in initialArgs;
    if (!read && INPUT_CATEGORIES.includes(row.table?.category ?? '')) {
      problems.push(`"${name}" (${row.table?.category}) has a control the render never reads: add it to documentedOnly([...])`);
    } else if (read && control.type === 'object') {
      problems.push(`"${name}" is an arg of the render but its control is a JSON editor: give it its control, type and table.category`);
    }
  }
  return problems;
}

/** A custom-elements manifest declaration, as far as the Reference table reads it. */
export interface ManifestDeclaration {
  tagName?: string;
  members?: ManifestItem[];
  attributes?: ManifestItem[];
  events?: ManifestItem[];
  slots?: ManifestItem[];
  cssProperties?: ManifestItem[];
  cssParts?: ManifestItem[];
}

interface ManifestItem {
  name: string;
  kind?: string;
  description?: string;
  type?: { text?: string };
  default?: string;
}

export interface ReferenceRow {
  name: string;
  description?: string;
  type?: { name: string };
  table: { category?: string; type?: { summary?: string }; defaultValue?: { summary?: string }; disable?: boolean };
  action?: { name: string };
  control?: false;
}

/** The manifest's lists, in the order of the Reference table, and the category each is filed under. */
const SECTIONS = [
  ['members', 'properties'],
  ['attributes', 'attributes'],
  ['events', 'events'],
  ['slots', 'slots'],
  ['cssProperties', 'css custom properties'],
  ['cssParts', 'css shadow parts'],
] as const;

/** The default slot has no name in the manifest; its row needs one. */
const DEFAULT_SLOT = '(default)';

/**
 * The Reference table's rows for one element (`parameters.docs.extractArgTypes` in preview.ts).
 * Storybook's own extraction keys every row by its bare name, so a part named like an attribute or
 * slot (the button's `price` and `mark`, the mark's `name`, `wordmark`, `monogram`, `glyph`, the
 * clip's `poster`) replaced that row, and a story arg named like a part (the button story's `label`,
 * the text of the creator's link) was filed under "css shadow parts". Here what a designer sets
 * (properties, attributes, slots) keeps the bare name, which a story's arg of that name extends; events,
 * custom properties and parts, which no arg sets, are keyed by category and cannot collide. The
 * default slot, which Storybook left out, is listed too.
 */
export function referenceRows(declaration: ManifestDeclaration): Record<string, ReferenceRow> {
  const rows: Record<string, ReferenceRow> = {};
  for (const [section, category] of SECTIONS) {
    for (const item of declaration[section] ?? []) {
      if (item.kind === 'method') continue;
      const name = item.name || DEFAULT_SLOT;
      const input = category === 'properties' || category === 'attributes' || category === 'slots';
      const typeText = item.type?.text;
      rows[input ? name : `${category}:${name}`] = {
        name,
        description: item.description,
        type: { name: category === 'slots' ? 'string' : input ? (typeText ?? 'string') : 'void' },
        table: { category, type: { summary: typeText }, defaultValue: { summary: item.default } },
        // An event, part or custom property row documents; a control there would change nothing. Nor
        // can an arg feed the default slot (it has no name to be set by).
        ...(input && name !== DEFAULT_SLOT ? {} : { control: false as const }),
      };
      if (category === 'events') {
        // Storybook's actions panel logs the event through this hidden `on…` arg.
        const handler = `on${name.replace(/(?:^|[-_:.\s]+)(.)/g, (_, chr: string) => chr.toUpperCase())}`;
        rows[handler] = { name: handler, action: { name }, table: { disable: true } };
      }
    }
  }
  return rows;
}

/**
 * Rows of a story's Reference table filed where they do not belong: every item of the element's
 * manifest must have a row of its name in its own category, and an arg the render reads must not sit
 * among the events, parts or custom properties (where nothing can set it).
 */
export function misfiledRows(argTypes: Record<string, ControlRow & { name?: string }>, initialArgs: Record<string, unknown>, declaration: ManifestDeclaration): string[] {
  const problems: string[] = [];
  const rows = Object.entries(argTypes);
  for (const [section, category] of SECTIONS) {
    for (const item of declaration[section] ?? []) {
      if (item.kind === 'method') continue;
      const name = item.name || DEFAULT_SLOT;
      // A property and its attribute of the same name share one row, filed as the attribute.
      const filed = category === 'properties' ? ['properties', 'attributes'] : [category];
      if (!rows.some(([, row]) => row.name === name && filed.includes(row.table?.category ?? ''))) {
        problems.push(`${declaration.tagName} ${category} "${name}" has no row of its own in the Reference table`);
      }
    }
  }
  for (const [key, row] of rows) {
    const category = row.table?.category ?? '';
    if (key in initialArgs && !INPUT_CATEGORIES.includes(category) && category !== '') {
      problems.push(`the story's arg "${key}" is filed under "${category}"`);
    }
  }
  return problems;
}

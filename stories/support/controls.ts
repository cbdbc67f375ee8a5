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

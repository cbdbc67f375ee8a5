/**
 * Turning measurements into the markdown printed on stdout (and pasted into docs/bench.md).
 * Pure functions: every section hands over plain rows, notes and goals.
 */

/**
 * @typedef {{ goal: string, measured: string, pass: boolean | null }} Goal  pass null = could not be judged
 * @typedef {{ title: string, columns?: string[], rows: Array<Record<string, string | number>>, notes: string[], goals?: Goal[] }} Section
 */

const escapeCell = (value) => String(value).replaceAll('|', '\\|').replaceAll('\n', ' ');

/**
 * @param {string[]} columns
 * @param {Array<Record<string, string | number>>} rows
 */
export function markdownTable(columns, rows) {
  const numeric = columns.map((column) => rows.length > 0 && rows.every((row) => typeof row[column] === 'number' || row[column] === undefined || row[column] === '–'));
  const lines = [
    `| ${columns.map(escapeCell).join(' | ')} |`,
    `| ${numeric.map((right) => (right ? '---:' : '---')).join(' | ')} |`,
    ...rows.map((row) => `| ${columns.map((column) => escapeCell(formatCell(row[column]))).join(' | ')} |`),
  ];
  return lines.join('\n');
}

/** Columns in first-seen order across all rows (the forge benches choose their own). */
export const columnsOf = (rows) => [...new Set(rows.flatMap((row) => Object.keys(row)))];

/** @param {string | number | undefined} value */
export function formatCell(value) {
  if (value === undefined || value === null) return '–';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return '–';
    if (Number.isInteger(value)) return String(value);
    return Math.abs(value) >= 100 ? value.toFixed(0) : Math.abs(value) >= 10 ? value.toFixed(1) : value.toFixed(2);
  }
  return value;
}

/** @param {number} bytes */
export const kilobytes = (bytes) => (Number.isFinite(bytes) ? `${(bytes / 1024).toFixed(2)} KB` : '–');

/**
 * "0.25×" — how many times the reference the measured value is; '–' when either is missing.
 * @param {number} value
 * @param {number} reference
 */
export function ratio(value, reference) {
  if (!Number.isFinite(value) || !Number.isFinite(reference) || reference === 0) return '–';
  const times = value / reference;
  return `${times >= 10 ? times.toFixed(1) : times.toFixed(2)}×`;
}

/** @param {boolean | null} pass */
export const verdict = (pass) => (pass === null ? 'n/a' : pass ? 'pass' : 'FAIL');

/**
 * @param {Section[]} sections
 * @param {{ date: string, machine: string }} header
 */
export function renderReport(sections, { date, machine }) {
  const parts = [`# dropkit bench — ${date}`, '', machine, ''];
  const goals = [];
  for (const section of sections) {
    parts.push(`## ${section.title}`, '');
    if (section.rows.length > 0) parts.push(markdownTable(section.columns ?? columnsOf(section.rows), section.rows), '');
    for (const note of section.notes) parts.push(`- ${note}`);
    if (section.notes.length > 0) parts.push('');
    for (const goal of section.goals ?? []) goals.push({ section: section.title, ...goal });
  }
  if (goals.length > 0) {
    parts.push('## Goals', '');
    parts.push(
      markdownTable(
        ['goal', 'measured', 'result'],
        goals.map((goal) => ({ goal: goal.goal, measured: goal.measured, result: verdict(goal.pass) })),
      ),
      '',
    );
  }
  return parts.join('\n');
}

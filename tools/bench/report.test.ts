import { describe, expect, it } from 'vitest';
import { formatCell, kilobytes, markdownTable, ratio, renderReport, verdict } from './report.mjs';

describe('the bench report', () => {
  it('renders a markdown table, right-aligning numeric columns and escaping pipes', () => {
    const table = markdownTable(['what', 'ms'], [
      { what: 'a | b', ms: 1.234 },
      { what: 'c', ms: 250 },
    ]);
    expect(table.split('\n')).toEqual(['| what | ms |', '| --- | ---: |', '| a \\| b | 1.23 |', '| c | 250 |']);
  });

  it('writes ratios, sizes and verdicts the way the README shows them', () => {
    expect(ratio(1, 4)).toBe('0.25×');
    expect(ratio(45, 3)).toBe('15.0×');
    expect(ratio(1, 0)).toBe('–');
    expect(ratio(Number.NaN, 2)).toBe('–');
    expect(kilobytes(1536)).toBe('1.50 KB');
    expect(formatCell(undefined)).toBe('–');
    expect(formatCell(12.345)).toBe('12.3');
    expect(verdict(true)).toBe('pass');
    expect(verdict(false)).toBe('FAIL');
    expect(verdict(null)).toBe('n/a');
  });

  it('gathers every section’s goals into one closing table', () => {
    const text = renderReport(
      [
        { title: 'Size', rows: [{ what: 'loader', gzip: '0.8 KB' }], notes: ['n/a: nothing'], goals: [{ goal: 'loader ≤ 1.5 KB', measured: '0.8 KB', pass: true }] },
        { title: 'forge', rows: [], notes: ['not available'] },
      ],
      { date: '2026-11-27', machine: 'Machine: test' },
    );
    expect(text).toContain('# dropkit bench — 2026-11-27');
    expect(text).toContain('## Size');
    expect(text).toContain('- n/a: nothing');
    expect(text).toContain('## Goals');
    expect(text).toContain('| loader ≤ 1.5 KB | 0.8 KB | pass |');
  });
});

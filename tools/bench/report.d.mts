export interface Goal {
  goal: string;
  measured: string;
  pass: boolean | null;
}
export interface Section {
  title: string;
  columns?: string[];
  rows: Array<Record<string, string | number>>;
  notes: string[];
  goals?: Goal[];
}
export function markdownTable(columns: string[], rows: Array<Record<string, string | number>>): string;
export function columnsOf(rows: Array<Record<string, string | number>>): string[];
export function formatCell(value: string | number | undefined): string;
export function kilobytes(bytes: number): string;
export function ratio(value: number, reference: number): string;
export function verdict(pass: boolean | null): string;
export function renderReport(sections: Section[], header: { date: string; machine: string }): string;

export function gridLayout(
  visible: number,
  viewport: { width: number; height: number },
  moreBelow: boolean,
): { columns: number; rows: number; rowHeight: number; fontSize: number };
export function countdownPage(page: {
  title: string;
  script: string;
  tag: string;
  count: number;
  visible: number;
  at: number;
  viewport: { width: number; height: number };
  attributes?: string;
  dateAttribute?: string;
}): string;
export function productPage(page: { title: string; slot: string }): string;

import type { Plugin } from 'vite';

export function minifyCss(raw: string, options?: { atStart?: boolean; atEnd?: boolean }): string;
export function minifyHtml(raw: string): string;
export function minifyLitTemplates(code: string, parse: (code: string) => unknown): string | null;
export function minifyTemplates(): Plugin;
